// `npm run bench:kit`: throughput of the reading kit on large documents made from real rows.
//
// The rows are the real ones of test/fixtures/world/*.expected.tsv and of the bundled samples (as their
// readers read them), repeated with a letter counter appended to each foreign name so every row is distinct, and
// written as 100,000-row documents in the layouts people publish: a Markdown bullet list under country
// headings, a plain-text list, a plain-text table with runs of spaces, an HTML page with <ul> lists and one
// with a <table>, wikitext bullets with {{flagicon}}. Each is read in process the way ingest reads it
// (readText: reader choice, the table reader or the kit, then normalizeRow for every row), and through the
// kit alone (readWithKit + normalizeRow), median of BENCH_RUNS (3) runs, each layout in a fresh child process
// so its peak RSS (process.resourceUsage().maxRSS) is its own. Each run's CPU time (process.cpuUsage, user + system) is printed
// under its line: on a machine other work loads, wall time measures the load, CPU time the code. The target, ≥ 50,000 rows/s for lists and
// plain-text tables, is printed as PASS / FAIL.
//
// Then end to end as a user runs it: `node bin/youcheng.js ingest FILE --db tmp.db --owner 大连市` (start-up,
// reading, storing and reconciliation), under /usr/bin/time -v for its peak RSS, against a bare `node -e 0`
// measured in the same run, as a ratio. Then a 100,000-row spreadsheet (written with exceljs) through
// xlsxLayout + assemble + normalize, and PDFs (the fixtures, and a larger one converted by LibreOffice when
// `soffice` is installed) through pdfLayout + assemble, in pages/s.
//
// BENCH_KIT_ROWS (100000) sets the size; BENCH_RUNS (3) the runs; BENCH_KIT_ONLY=word runs the cases whose
// name contains it; BENCH_KIT_NO_CLI=1 skips the CLI runs; BENCH_KIT_PDF_ROWS (10000) the rows of the
// generated PDF (0: no generated PDF).
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join, basename } from 'node:path';
import { spawnSync, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT, SAMPLES_DIR } from '../src/paths.js';
import { chooseReader } from '../src/readers/index.js';
import { readWithKit, placeQuestions } from '../src/readers/lists.js';
import { readText, readLayout } from '../src/ingest/ingest.js';
import { normalizeRow } from '../src/normalize/claim.js';
import { countryNames, countryToIso2 } from '../src/normalize/country.js';
import { assemble } from '../src/assemble/records.js';
import type { Layout } from '../src/layout/blocks.js';

const N = Number(process.env.BENCH_KIT_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET = 50_000;
const ONLY = process.env.BENCH_KIT_ONLY ?? '';
const OWNER = '大连市';
const SELF = fileURLToPath(import.meta.url);
const BIN = join(PACKAGE_ROOT, 'bin', 'youcheng.js');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;

// ---------------------------------------------------------------------------------------------------------
// The real rows

export interface BaseRow {
  foreign: string;
  /** The country as the source writes it. */
  country: string;
  /** Its English name (for headings, {{flagicon}}). */
  countryEn: string;
  date: string;
}

const WORLD = join(PACKAGE_ROOT, 'test', 'fixtures', 'world');

export function realRows(): BaseRow[] {
  const out: BaseRow[] = [];
  const seen = new Set<string>();
  const add = (foreign: string | null | undefined, country: string | null | undefined, date: string | null | undefined) => {
    const f = (foreign ?? '').replace(/[\t\r\n]+/g, ' ').trim();
    if (!f || f.length > 40) return;
    const iso2 = country ? (/^[A-Z]{2}$/.test(country) ? country : countryToIso2(country)) : null;
    const names = countryNames(iso2);
    if (!names || iso2 === 'CN') return;
    const written = country && !/^[A-Z]{2}$/.test(country) ? country : names.en;
    const key = `${f}\t${iso2}`;
    if (seen.has(key)) return;
    seen.add(key);
    const d = (date ?? '').trim();
    out.push({ foreign: f, country: written, countryEn: names.en, date: /^\d{4}(-\d\d){0,2}$/.test(d) ? d : '' });
  };
  for (const name of readdirSync(WORLD).sort()) {
    if (!name.endsWith('.expected.tsv')) continue;
    const lines = readFileSync(join(WORLD, name), 'utf8').split('\n');
    const header = lines.find((l) => l.startsWith('cn_place'))?.split('\t') ?? [];
    const fi = header.indexOf('foreign_place');
    const ci = header.indexOf('country');
    const di = header.indexOf('date');
    for (const l of lines) {
      if (l.startsWith('#') || l.startsWith('cn_place') || !l.trim()) continue;
      const c = l.split('\t');
      add(c[fi], c[ci], c[di]);
    }
  }
  for (const name of readdirSync(SAMPLES_DIR).sort()) {
    if (!name.endsWith('.txt')) continue;
    const text = readFileSync(join(SAMPLES_DIR, name), 'utf8');
    const choice = chooseReader(text, name);
    if (!choice.reader) continue;
    for (const r of choice.reader.read(text, { fileName: name }).rows) add(r.foreignPlace, r.country, r.date);
  }
  return out;
}

/** n rows cycled from the real ones, grouped by country (as lists are), each name with a counter. */
export function rowsOf(base: BaseRow[], n: number): BaseRow[] {
  const grouped = [...base].sort((a, b) => (a.countryEn < b.countryEn ? -1 : a.countryEn > b.countryEn ? 1 : 0));
  const out: BaseRow[] = [];
  for (let i = 0; i < n; i++) {
    const r = grouped[i % grouped.length];
    // A letter counter (`Osaka Bcd`): a name never holds digits, so a number would make it no name. A name in Han,
    // kana or Hangul gets its counter in its own script, before its administrative word (`鹿児島甲乙県`, `인천가나시`):
    // a Latin word after it would read as its English name (`札幌 Sapporo`) and the rows as one.
    out.push({ ...r, foreign: counted(r.foreign, i + 1) });
  }
  return out;
}

const DIGITS: Array<[RegExp, string]> = [
  [/\p{Script=Hangul}/u, '가나다라마바사아자차'],
  [/\p{Script=Hiragana}|\p{Script=Katakana}/u, 'アイウエオカキクケコ'],
  [/\p{Script=Han}/u, '甲乙丙丁戊己庚辛壬癸'],
];

function counted(name: string, n: number): string {
  const script = DIGITS.find(([re]) => re.test(name));
  if (!script) return `${name} ${letters(n)}`;
  let c = '';
  for (let k = n; k > 0; k = Math.floor(k / 10)) c = script[1][k % 10] + c;
  const m = /^(.*?)(市|県|縣|省|州|町|村|区|區|都|府|道|시|도|군|구)$/u.exec(name);
  return m && m[1] ? `${m[1]}${c}${m[2]}` : `${name}${c}`;
}

/** 1 → Ba, 2 → Bb …: a capitalised word of letters for each number. */
function letters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor(k / 26)) s = String.fromCharCode(97 + (k % 26)) + s;
  return 'B' + s;
}

const year = (d: string) => d.slice(0, 4);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ---------------------------------------------------------------------------------------------------------
// The documents

export const LAYOUTS: Array<{ name: string; file: string; inTarget: boolean; make: (rows: BaseRow[]) => string }> = [
  {
    name: 'markdown bullets under ## headings',
    file: 'kit-list.md',
    inTarget: true,
    make: (rows) => {
      const out = ['# Sister cities of Dalian (大连市友好城市)', ''];
      let country = '';
      for (const r of rows) {
        if (r.countryEn !== country) {
          country = r.countryEn;
          out.push('', `## ${country}`, '');
        }
        out.push(`- ${r.foreign}, ${r.countryEn}${r.date ? ` (${year(r.date)})` : ''}`);
      }
      return out.join('\n') + '\n';
    },
  },
  {
    name: 'plain-text list',
    file: 'kit-list.txt',
    inTarget: true,
    make: (rows) => {
      const out = ['大连市国际友好城市', ''];
      for (const r of rows) out.push(`• ${r.foreign}（${r.country}）${r.date ? ` ${r.date}` : ''}`);
      return out.join('\n') + '\n';
    },
  },
  {
    name: 'plain-text table, space runs',
    file: 'kit-table.txt',
    inTarget: true,
    make: (rows) => {
      const w = [8, 36, 28, 12];
      const row = (c: string[]) => c.map((x, i) => (i < c.length - 1 ? x.padEnd(Math.max(w[i], x.length + 2)) : x)).join('').trimEnd();
      const out = ['大连市国际友好城市一览表', '', row(['序号', '友好城市', '国家', '结好时间'])];
      rows.forEach((r, i) => out.push(row([String(i + 1), r.foreign, r.country, r.date || '—'])));
      return out.join('\n') + '\n';
    },
  },
  {
    name: 'HTML <ul> under <h2>',
    file: 'kit-list.html',
    inTarget: true,
    make: (rows) => {
      const out = ['<!doctype html>', '<html><head><meta charset="utf-8"><title>大连市友好城市</title></head><body>', '<h1>Sister cities of Dalian</h1>'];
      let country = '';
      for (const r of rows) {
        if (r.countryEn !== country) {
          if (country) out.push('</ul>');
          country = r.countryEn;
          out.push(`<h2>${esc(country)}</h2>`, '<ul>');
        }
        out.push(`<li>${esc(r.foreign)}, ${esc(r.countryEn)}${r.date ? ` (${year(r.date)})` : ''}</li>`);
      }
      out.push('</ul>', '</body></html>');
      return out.join('\n') + '\n';
    },
  },
  {
    name: 'HTML <table>',
    file: 'kit-table.html',
    inTarget: false,
    make: (rows) => {
      const out = ['<!doctype html>', '<html><head><meta charset="utf-8"><title>大连市国际友好城市</title></head><body>', '<h1>大连市国际友好城市</h1>', '<table>'];
      out.push('<tr><th>序号</th><th>友好城市</th><th>国家</th><th>结好时间</th></tr>');
      rows.forEach((r, i) => out.push(`<tr><td>${i + 1}</td><td>${esc(r.foreign)}</td><td>${esc(r.country)}</td><td>${r.date}</td></tr>`));
      out.push('</table>', '</body></html>');
      return out.join('\n') + '\n';
    },
  },
  {
    name: 'wikitext bullets with {{flagicon}}',
    file: 'kit-bullets.wiki',
    inTarget: true,
    make: (rows) => {
      const out = ["'''大连市'''的国际友好城市：", '', '== 友好城市 =='];
      let country = '';
      for (const r of rows) {
        if (r.countryEn !== country) {
          country = r.countryEn;
          out.push('', `=== ${r.country} ===`);
        }
        out.push(`* {{flagicon|${r.countryEn}}} [[${r.foreign}]]（${r.country}）${r.date ? `，${year(r.date)}年` : ''}`);
      }
      return out.join('\n') + '\n';
    },
  },
];

// ---------------------------------------------------------------------------------------------------------
// One case, in a child process: `node dist/bench/kit.js --child text|xlsx|pdf FILE`

interface ChildResult {
  rows: number;
  reader: string;
  ms: number[];
  kitRows?: number;
  kitMs?: number[];
  /** CPU time (user + system) of each run, beside its wall time: on a machine others load, the figure that holds. */
  cpuMs?: number[];
  kitCpuMs?: number[];
  pages?: number;
  maxRssKb: number;
  error?: string;
}

function readOnce(text: string, file: string): { rows: number; reader: string } {
  const read = readText(text, file, { owner: OWNER }, undefined, (t) => chooseReader(t, file).reader ?? 'unknown format', null);
  if ('refuse' in read) return { rows: 0, reader: `refused: ${read.refuse.slice(0, 200)}` };
  return { rows: read.claims.length, reader: read.reader };
}

function kitOnce(text: string, file: string): number {
  const kit = readWithKit(text, file, OWNER);
  let n = 0;
  for (const r of kit.rows) {
    normalizeRow(r, OWNER);
    n++;
  }
  return n;
}

async function child(kind: string, path: string): Promise<void> {
  const res: ChildResult = { rows: 0, reader: '', ms: [], maxRssKb: 0 };
  try {
    const file = basename(path);
    if (kind === 'text') {
      const text = readFileSync(path, 'utf8');
      res.cpuMs = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const r = readOnce(text, file);
        res.ms.push(performance.now() - t0);
        res.cpuMs.push(cpuSince(c0));
        res.rows = r.rows;
        res.reader = r.reader;
      }
      res.kitMs = [];
      res.kitCpuMs = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        res.kitRows = kitOnce(text, file);
        res.kitMs.push(performance.now() - t0);
        res.kitCpuMs.push(cpuSince(c0));
      }
    } else {
      const bytes = readFileSync(path);
      const layoutOf = async (): Promise<Layout> => {
        if (kind === 'xlsx') return (await import('../src/layout/xlsx.js')).xlsxLayout(bytes);
        // As ingest lays a PDF out (src/ingest/prepare.ts): its lines again through the plain-text layout.
        const { relayoutPdf } = await import('../src/ingest/prepare.js');
        return relayoutPdf(await (await import('../src/layout/pdf.js')).pdfLayout(bytes));
      };
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const layout = await layoutOf();
        const read = readLayout(layout, file, { owner: OWNER }, undefined);
        res.ms.push(performance.now() - t0);
        res.rows = 'refuse' in read ? 0 : read.claims.length;
        res.reader = 'refuse' in read ? `refused: ${read.refuse.slice(0, 200)}` : read.reader;
        if (kind === 'pdf') res.pages = pdfPages(bytes);
      }
      // The record stage alone, on the same layout.
      const layout = await layoutOf();
      res.kitMs = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const a = assemble(layout, { owner: OWNER, places: placeQuestions });
        for (const r of a.rows) normalizeRow(r, OWNER);
        res.kitMs.push(performance.now() - t0);
        res.kitRows = a.rows.length;
      }
    }
  } catch (e) {
    res.error = (e as Error).stack ?? String(e);
  }
  res.maxRssKb = process.resourceUsage().maxRSS;
  process.stdout.write(`\n@@RESULT@@${JSON.stringify(res)}\n`);
}

function cpuSince(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/** Pages of a PDF, by its /Type /Page objects (the generated and fixture PDFs are not compressed object streams). */
function pdfPages(bytes: Uint8Array): number {
  const s = Buffer.from(bytes).toString('latin1');
  const m = s.match(/\/Type\s*\/Page(?![s\w])/g);
  return m ? m.length : 0;
}

function runChild(kind: string, path: string, extraArgs: string[] = []): ChildResult {
  const r = spawnSync(process.execPath, [...extraArgs, SELF, '--child', kind, path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const m = /@@RESULT@@(.*)\n/.exec(r.stdout ?? '');
  if (!m) return { rows: 0, reader: '', ms: [], maxRssKb: 0, error: `child exited ${r.status} ${r.signal ?? ''}: ${(r.stderr ?? '').slice(-2000)}` };
  return JSON.parse(m[1]) as ChildResult;
}

// ---------------------------------------------------------------------------------------------------------
// The CLI, as a user runs it

function timed(cmd: string, args: string[], cwd: string): { ms: number; maxRssKb: number; status: number | null; stderr: string; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t0;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return { ms, maxRssKb: m ? Number(m[1]) : 0, status: r.status, stderr: r.stderr ?? '', stdout: r.stdout ?? '' };
}

// ---------------------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'youcheng-bench-kit-'));
  const soffice = (() => {
    try {
      return execFileSync('which', ['soffice'], { encoding: 'utf8' }).trim() || null;
    } catch {
      return null;
    }
  })();
  console.log(
    `youcheng bench:kit — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${RUNS} runs each, ${fmt(N)} rows`,
  );
  const base = realRows();
  console.log(`real rows: ${base.length} distinct (test/fixtures/world/*.expected.tsv and data/samples), cycled with a counter`);
  const rows = rowsOf(base, N);
  const summary: string[] = [];
  let failures = 0;

  console.log('\nin process (layout + assemble + normalize), median of runs; each layout in a fresh process, peak RSS of that process');
  console.log(`${'layout'.padEnd(36)} ${'MB'.padStart(5)} ${'rows'.padStart(7)}  ${'reader'.padEnd(10)} ${'ingest path'.padStart(11)} ${'rows/s'.padStart(9)}  ${'kit only'.padStart(9)} ${'rows/s'.padStart(9)}  ${'peak RSS'.padStart(8)}  target`);
  const files: Array<{ name: string; path: string; rows: number }> = [];
  for (const l of LAYOUTS) {
    if (ONLY && !l.name.includes(ONLY) && !l.file.includes(ONLY)) continue;
    const path = join(dir, l.file);
    writeFileSync(path, l.make(rows));
    const r = runChild('text', path);
    if (r.error) {
      console.log(`${l.name.padEnd(36)} ERROR ${r.error}`);
      failures++;
      continue;
    }
    const ms = median(r.ms);
    const kms = median(r.kitMs ?? [0]);
    const rate = (r.rows / ms) * 1000;
    const krate = ((r.kitRows ?? 0) / kms) * 1000;
    // The target is on the rows written: a layout that reads fewer rows than the document holds fails it.
    const rateWritten = (N / ms) * 1000;
    const verdict = !l.inTarget ? '(no target)' : rateWritten >= TARGET && r.rows >= N * 0.99 ? 'PASS' : 'FAIL';
    if (verdict === 'FAIL') failures++;
    const mb = (statSync(path).size / 1e6).toFixed(1);
    const line = `${l.name.padEnd(36)} ${mb.padStart(5)} ${String(r.rows).padStart(7)}  ${r.reader.slice(0, 10).padEnd(10)} ${`${ms.toFixed(0)} ms`.padStart(11)} ${fmt(rate).padStart(9)}  ${`${kms.toFixed(0)} ms`.padStart(9)} ${fmt(krate).padStart(9)}  ${mib(r.maxRssKb).padStart(8)}  ${verdict}`;
    console.log(line);
    if (r.cpuMs?.length) {
      const cpu = median(r.cpuMs);
      const kcpu = median(r.kitCpuMs ?? [0]);
      console.log(`  CPU time: ingest path ${cpu.toFixed(0)} ms (${fmt((r.rows / cpu) * 1000)} rows/s), kit only ${kcpu.toFixed(0)} ms (${fmt(((r.kitRows ?? 0) / kcpu) * 1000)} rows/s)`);
    }
    if (r.rows < N * 0.99) console.log(`  ! read ${r.rows} of ${N} rows written (${r.reader})`);
    summary.push(line);
    files.push({ name: l.name, path, rows: r.rows });
  }

  if (process.env.BENCH_KIT_NO_CLI !== '1' && existsSync(BIN)) {
    console.log(`\nend to end: node bin/youcheng.js ingest FILE --db tmp.db --owner ${OWNER} (start-up, read, store, reconcile), median of runs, /usr/bin/time -v`);
    const bare = median(Array.from({ length: 5 }, () => timed(process.execPath, ['-e', '0'], dir).ms));
    console.log(`bare \`node -e 0\`: median ${bare.toFixed(0)} ms`);
    for (const f of files) {
      const runs = Array.from({ length: RUNS }, (_, i) => {
        const db = join(dir, `cli-${i}.db`);
        rmSync(db, { force: true });
        rmSync(`${db}-wal`, { force: true });
        rmSync(`${db}-shm`, { force: true });
        const r = timed(process.execPath, [BIN, 'ingest', f.path, '--db', db, '--owner', OWNER, '--quiet'], dir);
        rmSync(db, { force: true });
        return r;
      });
      const ms = median(runs.map((r) => r.ms));
      const rss = Math.max(...runs.map((r) => r.maxRssKb));
      const bad = runs.find((r) => r.status !== 0);
      const line = `${f.name.padEnd(36)} ${`${ms.toFixed(0)} ms`.padStart(10)}  ${(ms / bare).toFixed(1).padStart(6)}× bare node  ${fmt((f.rows / ms) * 1000).padStart(9)} rows/s  peak RSS ${mib(rss)}${bad ? `  exit ${bad.status}: ${bad.stderr.split('\n').slice(0, 3).join(' ')}` : ''}`;
      console.log(line);
    }
  }

  if (!ONLY || 'xlsx spreadsheet'.includes(ONLY)) {
    console.log('\nspreadsheet: a 100,000-row xlsx written with exceljs, xlsxLayout + assemble + normalize');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('友好城市');
    const head = ws.addRow(['序号', '友好城市', '国家', '结好时间']);
    head.font = { bold: true };
    rows.forEach((r, i) => ws.addRow([i + 1, r.foreign, r.country, r.date]));
    const path = join(dir, 'kit-table.xlsx');
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    const r = runChild('xlsx', path);
    if (r.error) console.log(`xlsx ERROR ${r.error}`);
    else {
      const ms = median(r.ms);
      const line = `xlsx (${(statSync(path).size / 1e6).toFixed(1)} MB)  ${r.rows} rows (${r.reader})  median ${ms.toFixed(0)} ms  ${fmt((r.rows / ms) * 1000)} rows/s  (record stage alone ${median(r.kitMs ?? [0]).toFixed(0)} ms)  peak RSS ${mib(r.maxRssKb)}`;
      console.log(line);
      summary.push(line);
    }
  }

  if (!ONLY || 'pdf'.includes(ONLY)) {
    console.log('\nPDF: pdfLayout, laid out again as ingest does (relayoutPdf), + assemble + normalize, pages/s');
    const pdfs = readdirSync(join(PACKAGE_ROOT, 'test', 'fixtures', 'office'))
      .filter((n) => n.endsWith('.pdf'))
      .map((n) => join(PACKAGE_ROOT, 'test', 'fixtures', 'office', n));
    const pdfRows = Number(process.env.BENCH_KIT_PDF_ROWS ?? 10_000);
    if (soffice && pdfRows > 0) {
      const tableHtml = join(dir, 'kit-pdf.html');
      const table = LAYOUTS.find((l) => l.file === 'kit-table.html')!;
      writeFileSync(tableHtml, table.make(rows.slice(0, pdfRows)));
      const t0 = performance.now();
      const conv = spawnSync(soffice, ['--headless', '--convert-to', 'pdf:writer_web_pdf_Export', '--outdir', dir, tableHtml], { encoding: 'utf8', timeout: 600_000 });
      const out = join(dir, 'kit-pdf.pdf');
      if (existsSync(out)) {
        console.log(`generated ${basename(out)} from ${fmt(pdfRows)} rows with LibreOffice in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        pdfs.push(out);
      } else console.log(`LibreOffice did not convert: ${conv.status} ${(conv.stderr ?? '').slice(0, 300)}`);
    } else console.log(soffice ? 'no generated PDF (BENCH_KIT_PDF_ROWS=0)' : 'soffice not installed: fixtures only');
    for (const p of pdfs) {
      const r = runChild('pdf', p);
      if (r.error) {
        console.log(`${basename(p).padEnd(22)} ERROR ${r.error.split('\n')[0]}`);
        continue;
      }
      const ms = median(r.ms);
      const pages = r.pages ?? 0;
      const line = `${basename(p).padEnd(22)} ${String(pages).padStart(4)} pages  ${String(r.rows).padStart(6)} rows (${r.reader.slice(0, 60)})  median ${ms.toFixed(0)} ms  ${((pages / ms) * 1000).toFixed(1)} pages/s  ${fmt((r.rows / ms) * 1000)} rows/s  peak RSS ${mib(r.maxRssKb)}`;
      console.log(line);
      summary.push(line);
    }
  }

  rmSync(dir, { recursive: true, force: true });
  if (files.length || failures)
    console.log(failures ? `\n${failures} case(s) below the target of ${fmt(TARGET)} rows/s (FAIL above)` : `\nall list and plain-text table layouts at or above ${fmt(TARGET)} rows/s`);
  if (failures) process.exitCode = 1;
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
