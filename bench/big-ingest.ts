// A large legitimate document through the command line: `npm run bench:big`.
//
// Writes a ~200 MB document (BIG_MB, default 200) in the generators' formats (bench/generate.ts: the same
// rows, streamed to disk so that the parent holds no copy), then runs `youcheng ingest FILE --db … --json`
// in a child process and samples its memory from /proc/<pid>/status every 50 ms: VmRSS over time, VmHWM
// (the kernel's peak) at the last sample. Prints rows, seconds, rows/s, peak RSS and the registry's size.
//
//   BIG_MB=200 BIG_FORMATS=delimited,wikitext npm run bench:big
//
// BIG_FORMATS: delimited (default) and/or wikitext; BIG_DIR: where the document and registry go (default a
// temporary folder, removed afterwards unless BIG_KEEP=1).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';
import { delimitedDocument, wikitextDocument } from './generate.js';

const MB = 1024 * 1024;

/** The generators' place table, read back from what they write (so the big document has the same rows). */
function places(): Array<{ name: string; country: string; flag: string }> {
  const wiki = wikitextDocument(25)
    .split('\n')
    .filter((l) => l.startsWith('| ') && l.includes('flagicon'));
  return wiki.map((l) => {
    const m = /\{\{flagicon\|([^}]+)\}\}\[\[([^|\]]+)\|[^\]]*\]\] \|\| \[\[([^|\]]+?)\d+\|/.exec(l);
    if (!m) throw new Error(`cannot read generated row ${l}`);
    return { flag: m[1], country: m[2], name: m[3] };
  });
}

function date(i: number): { iso: string; zh: string } {
  const y = 1973 + (i % 50);
  const m = 1 + (i % 12);
  const d = 1 + (i % 28);
  return { iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, zh: `${y}年${m}月${d}日` };
}

/** Streams a document of about `bytes` to `path`; returns its rows. The first rows are the generator's own. */
function writeDocument(format: 'delimited' | 'wikitext', path: string, bytes: number): number {
  const P = places();
  const fd = openSync(path, 'w');
  let written = 0;
  let chunk: string[] = [];
  const flush = () => {
    const b = Buffer.from(chunk.join('\n') + '\n');
    writeSync(fd, b);
    written += b.length;
    chunk = [];
  };
  const head = format === 'delimited' ? delimitedDocument(0).trimEnd().split('\n') : wikitextDocument(0).trimEnd().split('\n').slice(0, -1);
  chunk.push(...head);
  let i = 0;
  while (written < bytes) {
    for (let k = 0; k < 10_000; k++, i++) {
      const { name, country, flag } = P[i % P.length];
      if (format === 'delimited') chunk.push(`${i + 1} | ${name}${i} | ${country} | ${date(i).zh} |`);
      else chunk.push('|-', `| ${i + 1} || {{flagicon|${flag}}}[[${country}|${country}]] || [[${name}${i}|${name}${i}]] || ${date(i).iso}`);
    }
    flush();
  }
  if (format === 'wikitext') chunk.push('|}');
  flush();
  closeSync(fd);
  // The generator and the stream agree on the first rows.
  const fdr = openSync(path, 'r');
  const head64 = Buffer.alloc(64 * 1024);
  const n = readSync(fdr, head64, 0, head64.length, 0);
  closeSync(fdr);
  const rowsOf = (text: string) => text.split('\n').filter((l) => /^\d+ \||^\| \d+ \|\|/.test(l)).slice(0, 100);
  const mine = rowsOf(head64.subarray(0, n).toString('utf8'));
  const theirs = rowsOf(format === 'delimited' ? delimitedDocument(100) : wikitextDocument(100));
  if (mine.length !== 100 || mine.join('\n') !== theirs.join('\n')) throw new Error(`the streamed ${format} document does not start as the generator's`);
  return i;
}

function status(pid: number): { rss: number; hwm: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

interface Run {
  format: string;
  bytes: number;
  generated: number;
  rows: number;
  seconds: number;
  peak: number;
  dbBytes: number;
  code: number | null;
  timeline: Array<[number, number]>;
  stderr: string;
}

async function ingest(format: 'delimited' | 'wikitext', dir: string, bytes: number): Promise<Run> {
  const doc = join(dir, `big-${format}.txt`);
  const db = join(dir, `big-${format}.db`);
  const t0 = performance.now();
  const generated = writeDocument(format, doc, bytes);
  const size = statSync(doc).size;
  console.log(`${format}: wrote ${(size / MB).toFixed(0)} MiB, ${generated} rows, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const args = [join(PACKAGE_ROOT, 'bin', 'youcheng.js'), 'ingest', doc, '--db', db, '--owner', '大连市', '--json', '--quiet'];
  const start = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  let peak = 0;
  const timeline: Array<[number, number]> = [];
  const sample = () => {
    const s = status(child.pid!);
    if (!s) return;
    peak = Math.max(peak, s.hwm, s.rss);
    timeline.push([(performance.now() - start) / 1000, s.rss]);
  };
  const timer = setInterval(sample, 50);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearInterval(timer);
  const seconds = (performance.now() - start) / 1000;
  let rows = 0;
  try {
    const report = JSON.parse(Buffer.concat(out).toString('utf8'));
    rows = report.documents?.[0]?.rows ?? 0;
  } catch {
    // reported below through the exit code and stderr
  }
  let dbBytes = 0;
  for (const f of [db, `${db}-wal`, `${db}-shm`]) if (existsSync(f)) dbBytes += statSync(f).size;
  return { format, bytes: size, generated, rows, seconds, peak, dbBytes, code, timeline, stderr: Buffer.concat(err).toString('utf8') };
}

async function main(): Promise<void> {
  const mb = Number(process.env.BIG_MB ?? 200);
  const formats = (process.env.BIG_FORMATS ?? 'delimited').split(',').map((s) => s.trim()) as Array<'delimited' | 'wikitext'>;
  const dir = process.env.BIG_DIR ?? mkdtempSync(join(tmpdir(), 'youcheng-big-'));
  console.log(`big ingest: ${mb} MB per document, formats ${formats.join(', ')}; node ${process.version}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; in ${dir}`);
  try {
    for (const format of formats) {
      const r = await ingest(format, dir, mb * 1_000_000);
      // RSS over time, in ten steps, to see where the memory goes (read, normalize, store, reconcile).
      const steps = r.timeline.filter((_, k) => k % Math.max(1, Math.floor(r.timeline.length / 10)) === 0);
      console.log(`  RSS over time: ${steps.map(([t, rss]) => `${t.toFixed(0)}s ${(rss / MB).toFixed(0)}M`).join(', ')}`);
      console.log(
        `  ${format}: ${(r.bytes / MB).toFixed(0)} MiB, exit ${r.code}, rows ${r.rows} of ${r.generated}, ${r.seconds.toFixed(1)} s, ` +
          `${Math.round(r.rows / r.seconds)} rows/s, peak RSS ${(r.peak / MB).toFixed(0)} MiB, registry ${(r.dbBytes / MB).toFixed(0)} MiB`,
      );
      if (r.code !== 0 || r.rows !== r.generated) {
        console.log(`  ✗ not every row was stored${r.stderr ? `: ${r.stderr.slice(0, 2000)}` : ''}`);
        process.exitCode = 1;
      }
      rmSync(join(dir, `big-${format}.txt`), { force: true });
    }
  } finally {
    if (!process.env.BIG_KEEP && !process.env.BIG_DIR) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
