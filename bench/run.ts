// `npm run bench`: ingest throughput (rows per second, end to end into SQLite) on the bundled samples
// and on large generated documents in each format; reconciliation time. Prints medians of several runs.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { openRegistry } from '../src/registry/db.js';
import { ingestFile, collectDocuments } from '../src/ingest/ingest.js';
import { reconcile } from '../src/resolve/reconcile.js';
import { createResolver } from '../src/resolve/index.js';
import { SAMPLES_DIR } from '../src/paths.js';
import { delimitedDocument, wikitextDocument, markdownDocument } from './generate.js';
import { benchReconcile } from './reconcile.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dir = mkdtempSync(join(tmpdir(), 'youcheng-bench-'));
const args = new Set(process.argv.slice(2));
const N = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function ingestRun(files: string[], withReconcile: boolean): { rows: number; ms: number; reconcileMs: number } {
  const dbPath = join(dir, `run-${Math.random().toString(36).slice(2)}.db`);
  const db = openRegistry(dbPath);
  const t0 = performance.now();
  let rows = 0;
  for (const f of files) rows += ingestFile(db, f, { owner: '大连市' }).rows;
  const ms = performance.now() - t0;
  let reconcileMs = 0;
  if (withReconcile) {
    const t1 = performance.now();
    reconcile(db, createResolver(db));
    reconcileMs = performance.now() - t1;
  }
  db.close();
  rmSync(dbPath, { force: true });
  return { rows, ms, reconcileMs };
}

function report(label: string, files: string[], runs: number, withReconcile = false) {
  const results = Array.from({ length: runs }, () => ingestRun(files, withReconcile));
  const rows = results[0].rows;
  const ms = median(results.map((r) => r.ms));
  const line = `${label.padEnd(34)} ${String(rows).padStart(7)} rows  median ${ms.toFixed(0).padStart(6)} ms  ${Math.round((rows / ms) * 1000)
    .toLocaleString('en')
    .padStart(9)} rows/s`;
  console.log(withReconcile ? `${line}  reconcile median ${median(results.map((r) => r.reconcileMs)).toFixed(0)} ms` : line);
}

console.log(`youcheng bench — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${RUNS} runs each`);
report('samples (4 documents)', collectDocuments([SAMPLES_DIR]), Math.max(RUNS, 5), true);
if (!args.has('--quick')) {
  for (const [name, gen] of [
    ['delimited', delimitedDocument],
    ['wikitext', wikitextDocument],
    ['markdown', markdownDocument],
  ] as const) {
    const file = join(dir, `generated-${name}.txt`);
    writeFileSync(file, gen(N));
    report(`generated ${name} (${(N / 1000).toFixed(0)}k rows)`, [file], RUNS);
  }
}
if (!args.has('--quick')) {
  console.log('reconciliation at world scale (claims over distinct foreign places; median of runs):');
  for (const r of benchReconcile([[50_000, 12_500], [100_000, 25_000], [200_000, 50_000]], Math.min(RUNS, 3))) {
    console.log(`  ${String(r.claims).padStart(7)} claims, ${String(r.places).padStart(6)} places: ${r.ms.toFixed(0).padStart(6)} ms  (${r.perClaimUs.toFixed(1)} µs per claim)`);
  }
}
rmSync(dir, { recursive: true, force: true });
