// Ingest throughput of one large list end to end (`youcheng ingest FILE`, a process of its own: start-up,
// reading, normalizing, storing and reconciling), next to a raw better-sqlite3 insert of the same rows into a
// WAL file measured in the same run (the file read line by line, split on its pipes, one prepared INSERT in
// one transaction): the ceiling of what storing those rows in SQLite costs. Peak memory (maxRSS) of each.
//
//   THROUGHPUT_ROWS=1000000 node dist/bench/throughput.js      (npm run bench:throughput)
// Issue 13's target: end to end ≥ 30% of the raw rate.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { PACKAGE_ROOT } from '../src/paths.js';
import { delimitedDocument } from './generate.js';

const ROWS = Number(process.env.THROUGHPUT_ROWS ?? 1_000_000);
const BIN = join(PACKAGE_ROOT, 'bin', 'youcheng.js');
const child = process.argv.includes('--raw');
// the child (the raw insert) reads the parent's file
const dir = child ? process.env.THROUGHPUT_DIR! : mkdtempSync(join(tmpdir(), 'youcheng-throughput-'));
const file = join(dir, 'list.txt');
if (!child) writeFileSync(file, delimitedDocument(ROWS));

/** The raw insert, in a child process like the ingest (its own heap, its own maxRSS). */
async function raw(): Promise<void> {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE rows (n INTEGER, city TEXT, country TEXT, date TEXT)');
  const ins = db.prepare('INSERT INTO rows (n, city, country, date) VALUES (?, ?, ?, ?)');
  const t0 = performance.now();
  let rows = 0;
  db.exec('BEGIN');
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    const f = line.split(' | ');
    if (f.length < 4 || !/^\d+$/.test(f[0]!)) continue;
    ins.run(Number(f[0]), f[1], f[2], f[3]!.replace(/ \|$/, ''));
    rows++;
  }
  db.exec('COMMIT');
  db.close();
  process.stdout.write(JSON.stringify({ rows, ms: performance.now() - t0, maxRss: process.resourceUsage().maxRSS * 1024 }) + '\n');
}

if (child) {
  await raw();
} else {
  console.log(`youcheng throughput — node ${process.version}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}; a ${ROWS}-row list (${(statSync(file).size / 1048576).toFixed(0)} MB, the Guangzhou format)`);
  const r = spawnSync(process.execPath, [process.argv[1]!, '--raw'], { encoding: 'utf8', env: { ...process.env, THROUGHPUT_DIR: dir } });
  if (r.status !== 0) throw new Error(r.stderr);
  const rawRun = JSON.parse(r.stdout) as { rows: number; ms: number; maxRss: number };
  // the end-to-end run, its peak memory reported by the process itself when it exits
  const preload = join(dir, 'rss.mjs');
  writeFileSync(preload, "process.on('exit', () => process.stderr.write('\\nMAXRSS ' + process.resourceUsage().maxRSS * 1024 + '\\n'));\n");
  const t0 = performance.now();
  const e = spawnSync(process.execPath, ['--import', preload, BIN, 'ingest', file, '--owner', '广州市', '--json', '--db', join(dir, 'registry.db')], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  const ms = performance.now() - t0;
  if (e.status !== 0) throw new Error(e.stderr);
  const out = JSON.parse(e.stdout) as { documents: Array<{ rows: number }>; reconciliation: { ms: number } };
  const maxRss = Number(/MAXRSS (\d+)/.exec(e.stderr)?.[1] ?? 0);
  const rows = out.documents[0]!.rows;
  const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
  const rawRate = (rawRun.rows / rawRun.ms) * 1000;
  const rate = (rows / ms) * 1000;
  console.log(`  raw better-sqlite3 insert (WAL)      ${rawRun.rows} rows in ${(rawRun.ms / 1000).toFixed(1)} s: ${Math.round(rawRate).toLocaleString('en')} rows/s, peak RSS ${mb(rawRun.maxRss)}`);
  console.log(
    `  youcheng ingest (end to end)         ${rows} rows in ${(ms / 1000).toFixed(1)} s: ${Math.round(rate).toLocaleString('en')} rows/s, peak RSS ${mb(maxRss)}` +
      ` (reconciliation ${(out.reconciliation.ms / 1000).toFixed(1)} s of it)`,
  );
  console.log(`  end to end / raw: ${((rate / rawRate) * 100).toFixed(1)}%  (target ≥ 30%)`);
  rmSync(dir, { recursive: true, force: true });
}
