// A large legitimate document, ingested as `youcheng ingest` does it: `npm run bench:big`.
//
// Writes a ~200 MB document (BIG_MB, default 200) in the generators' formats (bench/generate.ts: the same
// rows, streamed to disk so that the parent holds no copy), then ingests it in a child process (this file
// with --child: what `youcheng ingest FILE --owner 大连市` runs — ingestFile, then reconcile — with a mark
// between the two) and samples the child's memory from /proc/<pid>/status every 50 ms: VmRSS over time,
// VmHWM (the kernel's peak). Prints rows, seconds, rows/s and peak RSS of storing the document and of the
// whole run (reconciling included), and the registry's size. While the child stores the document, the parent
// tries every 50 ms to take the registry's write lock from a connection of its own (BEGIN IMMEDIATE with
// busy_timeout 0, then ROLLBACK), as another ingest or an edit would: it prints the longest stretch, and the
// total, during which the lock was refused — how long another writer would have waited.
//
//   BIG_MB=200 BIG_FORMATS=delimited,wikitext npm run bench:big
//
// BIG_FORMATS: delimited (default) and/or wikitext; BIG_RECONCILE=0: store only (the reconciliation of
// millions of claims takes far longer than the store: see docs/RELIABILITY.md);
// BIG_STREAM_BYTES: ingest's streamBytes (a huge number reads the document whole, as before large.ts);
// BIG_DIR: where the document and registry go (default a temporary folder, removed afterwards unless
// BIG_KEEP=1); BIG_TIMEOUT: seconds before the child is killed (default 3600).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
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

/** What the child says when it has stored the document, and when it has reconciled. */
interface Mark {
  phase: 'stored' | 'reconciled';
  seconds: number;
  hwm: number;
  rows?: number;
  status?: string;
  messages?: number;
  claims?: number;
  places?: number;
}

interface Run {
  format: string;
  bytes: number;
  generated: number;
  rows: number;
  seconds: number;
  peak: number;
  stored: Mark | null;
  reconciled: Mark | null;
  dbBytes: number;
  code: number | null;
  signal: string | null;
  timeline: Array<[number, number]>;
  stderr: string;
  lock: LockProbe;
}

/** Another writer's view of the registry: how long it could not take the write lock (seconds). */
interface LockProbe {
  tries: number;
  refused: number;
  longest: number;
  total: number;
}

/**
 * Tries to take the write lock of the registry at `db` each time it is called (once the child has made the file
 * and its schema), as another process would, and lets it go at once. A refusal (SQLITE_BUSY with busy_timeout
 * 0) starts or extends a stretch; a success ends it.
 */
function lockProber(db: string) {
  const probe: LockProbe = { tries: 0, refused: 0, longest: 0, total: 0 };
  let conn: Database.Database | null = null;
  let busySince: number | null = null;
  const end = (t: number) => {
    if (busySince === null) return;
    const span = (t - busySince) / 1000;
    probe.longest = Math.max(probe.longest, span);
    probe.total += span;
    busySince = null;
  };
  const tick = () => {
    const t = performance.now();
    try {
      if (!conn) {
        if (!existsSync(db)) return;
        const c = new Database(db, { fileMustExist: true });
        c.pragma('busy_timeout = 0');
        try {
          if (!c.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'claims'`).get()) {
            c.close();
            return;
          }
        } catch {
          c.close();
          return;
        }
        conn = c;
      }
      probe.tries++;
      conn.exec('BEGIN IMMEDIATE');
      conn.exec('ROLLBACK');
      end(t);
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
      probe.refused++;
      if (busySince === null) busySince = t;
    }
  };
  const stop = () => {
    end(performance.now());
    conn?.close();
    return probe;
  };
  return { tick, stop };
}

/** The child: ingest one document into a registry as `youcheng ingest` does, printing a mark after each step. */
async function child(doc: string, db: string): Promise<void> {
  const { openRegistry } = await import('../src/registry/db.js');
  const { ingestFile } = await import('../src/ingest/ingest.js');
  const { reconcile } = await import('../src/resolve/reconcile.js');
  const { createResolver } = await import('../src/resolve/index.js');
  const t0 = performance.now();
  const mark = (m: Omit<Mark, 'seconds' | 'hwm'>) =>
    process.stdout.write(JSON.stringify({ ...m, seconds: (performance.now() - t0) / 1000, hwm: status(process.pid)?.hwm ?? 0 }) + '\n');
  const registry = openRegistry(db);
  const streamBytes = process.env.BIG_STREAM_BYTES ? Number(process.env.BIG_STREAM_BYTES) : undefined;
  const r = ingestFile(registry, doc, { owner: '大连市', streamBytes });
  mark({ phase: 'stored', rows: r.rows, status: r.status, messages: r.messages.length });
  if (r.status === 'refused') process.stderr.write(JSON.stringify(r.messages) + '\n');
  if (process.env.BIG_RECONCILE !== '0') {
    const rec = reconcile(registry, createResolver(registry));
    mark({ phase: 'reconciled', claims: rec.claims, places: rec.places });
  }
  registry.close();
}

async function ingest(format: 'delimited' | 'wikitext', dir: string, bytes: number): Promise<Run> {
  const doc = join(dir, `big-${format}.txt`);
  const db = join(dir, `big-${format}.db`);
  const t0 = performance.now();
  const generated = writeDocument(format, doc, bytes);
  const size = statSync(doc).size;
  console.log(`${format}: wrote ${(size / MB).toFixed(0)} MiB, ${generated} rows, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const args = [fileURLToPath(import.meta.url), '--child', doc, db];
  const start = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const limit = setTimeout(() => child.kill('SIGKILL'), Number(process.env.BIG_TIMEOUT ?? 3600) * 1000);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  let peak = 0;
  const timeline: Array<[number, number]> = [];
  const locks = lockProber(db);
  let storedYet = false;
  child.stdout.on('data', (b: Buffer) => {
    if (b.includes('"phase":"stored"')) storedYet = true;
  });
  const sample = () => {
    if (!storedYet) locks.tick();
    const s = status(child.pid!);
    if (!s) return;
    peak = Math.max(peak, s.hwm, s.rss);
    timeline.push([(performance.now() - start) / 1000, s.rss]);
  };
  const timer = setInterval(sample, 50);
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
  clearInterval(timer);
  clearTimeout(limit);
  const lock = locks.stop();
  const seconds = (performance.now() - start) / 1000;
  const marks: Mark[] = [];
  for (const line of Buffer.concat(out).toString('utf8').split('\n')) {
    try {
      if (line.trim()) marks.push(JSON.parse(line) as Mark);
    } catch {
      // not a mark
    }
  }
  const stored = marks.find((m) => m.phase === 'stored') ?? null;
  const reconciled = marks.find((m) => m.phase === 'reconciled') ?? null;
  for (const m of marks) peak = Math.max(peak, m.hwm);
  let dbBytes = 0;
  for (const f of [db, `${db}-wal`, `${db}-shm`]) if (existsSync(f)) dbBytes += statSync(f).size;
  const rows = stored?.rows ?? 0;
  return { format, bytes: size, generated, rows, seconds, peak, stored, reconciled, dbBytes, code, signal, timeline, stderr: Buffer.concat(err).toString('utf8'), lock };
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3], process.argv[4]);
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
      const s = r.stored;
      console.log(
        `  ${format}: ${(r.bytes / MB).toFixed(0)} MiB, exit ${r.code ?? r.signal}, rows ${r.rows} of ${r.generated}` +
          (s ? `; stored (${s.status}) in ${s.seconds.toFixed(1)} s, ${Math.round(r.rows / s.seconds)} rows/s, peak RSS ${(s.hwm / MB).toFixed(0)} MiB` : '; not stored') +
          (r.reconciled
            ? `; reconciled ${r.reconciled.claims} claims, ${r.reconciled.places} places in ${(r.reconciled.seconds - (s?.seconds ?? 0)).toFixed(1)} s`
            : process.env.BIG_RECONCILE === '0' ? '' : '; NOT reconciled') +
          `; whole run ${r.seconds.toFixed(1)} s, peak RSS ${(r.peak / MB).toFixed(0)} MiB, registry ${(r.dbBytes / MB).toFixed(0)} MiB`,
      );
      console.log(
        `  write lock while storing (another connection's BEGIN IMMEDIATE, busy_timeout 0, every 50 ms): refused ${r.lock.refused} of ` +
          `${r.lock.tries} tries; longest refused stretch ${r.lock.longest.toFixed(2)} s, in all ${r.lock.total.toFixed(2)} s` +
          (s ? ` of the ${s.seconds.toFixed(1)} s store` : ''),
      );
      if (r.code !== 0 || r.rows !== r.generated) {
        // A V8 abort prints its reason first and a long native stack after it.
        const why = r.stderr.split('\n').filter((l) => /FATAL|Error|heap/i.test(l) && !/^\s*\d+: 0x/.test(l)).slice(0, 5).join('\n');
        console.log(`  ✗ ${r.rows !== r.generated ? 'not every row was stored' : 'the run failed'}${r.stderr ? `: ${why || r.stderr.slice(-2000)}` : ''}`);
        process.exitCode = 1;
      }
      rmSync(join(dir, `big-${format}.txt`), { force: true });
    }
  } finally {
    if (!process.env.BIG_KEEP && !process.env.BIG_DIR) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
