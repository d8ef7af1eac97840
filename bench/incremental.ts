// Adding or re-reading one small list: in a large registry against an empty one, whole commands
// (`youcheng ingest small.txt`, start-up and reconciliation included), in alternating rounds; and a refused
// document in the large registry. Issue 13's target: the large registry costs ≤ 2× the empty one.
//
//   INC_ROWS=100000 INC_ROUNDS=3 node dist/bench/incremental.js     (npm run bench:incremental)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';
import { delimitedDocument } from './generate.js';

const ROWS = Number(process.env.INC_ROWS ?? 100_000);
const ROUNDS = Number(process.env.INC_ROUNDS ?? 3);
const BIN = join(PACKAGE_ROOT, 'bin', 'youcheng.js');
const dir = mkdtempSync(join(tmpdir(), 'youcheng-incremental-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function run(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return ms;
}
const fresh = (path: string, from?: string) => {
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  if (from) copyFileSync(from, path);
};

/** A 41-row list of other places (the big list's names end in digits; these in letters), version 1 and a re-dated version 2. */
function smallList(version: 1 | 2): string {
  const rows = delimitedDocument(41).trimEnd().split('\n');
  return (
    rows
      .map((l, i) => (i < 2 ? l : l.replace(/(\d+) \| (\D+?)(\d+) \|/, (_, n, name, k) => `${n} | ${name}${'甲乙丙丁戊己庚辛壬癸'[Number(k) % 10]}${k.length} |`)))
      .map((l, i) => (version === 2 && i === 2 ? l.replace(/\d{4}年/, '2001年') : l))
      .join('\n') + '\n'
  );
}

const big = join(dir, 'big.txt');
writeFileSync(big, delimitedDocument(ROWS));
const small1 = join(dir, 'small.txt');
const small2dir = join(dir, 'v2');
const refused = join(dir, 'notes.txt');
writeFileSync(small1, smallList(1));
writeFileSync(refused, '会议纪要\n\n今天下午讨论了明年的预算安排，没有其他事项。\n');
const bigDb = join(dir, 'big.db');
console.log(`youcheng incremental — node ${process.version}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}; a registry of ${ROWS} claims, medians of ${ROUNDS} alternating rounds`);
const tBuild = run(['ingest', big, '--owner', '大连市', '-q', '--db', bigDb]);
console.log(`  building it: ${(tBuild / 1000).toFixed(1)} s`);
// the re-read: the same file name, changed (a new version of the source)
mkdirSync(small2dir);
const small2 = join(small2dir, 'small.txt');

const db = join(dir, 'run.db');
const t = { emptyAdd: [] as number[], bigAdd: [] as number[], emptyReread: [] as number[], bigReread: [] as number[], bigRefused: [] as number[] };
for (let r = 0; r < ROUNDS; r++) {
  const cases: Array<[keyof typeof t, string | undefined, () => void]> = [
    ['emptyAdd', undefined, () => t.emptyAdd.push(run(['ingest', small1, '--owner', '兰州市', '-q', '--db', db]))],
    ['bigAdd', bigDb, () => t.bigAdd.push(run(['ingest', small1, '--owner', '兰州市', '-q', '--db', db]))],
    ['bigRefused', bigDb, () => t.bigRefused.push(run(['ingest', refused, '-q', '--db', db]))],
  ];
  for (const [, from, go] of r % 2 ? [...cases].reverse() : cases) {
    fresh(db, from);
    go();
  }
  // re-reading: the list is in the registry, then a changed version of it is ingested
  writeFileSync(small2, smallList(2));
  for (const from of r % 2 ? [bigDb, undefined] : [undefined, bigDb]) {
    fresh(db, from);
    run(['ingest', small1, '--owner', '兰州市', '-q', '--db', db]);
    (from ? t.bigReread : t.emptyReread).push(run(['ingest', small2, '--owner', '兰州市', '-q', '--db', db]));
  }
}
const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)])) as Record<keyof typeof t, number>;
const line = (label: string, ms: number, base: number) =>
  console.log(`  ${label.padEnd(52)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${(ms / base).toFixed(2).padStart(6)}× the empty registry`);
line('add a 41-row list to an empty registry', m.emptyAdd, m.emptyAdd);
line(`add it to the registry of ${ROWS} claims`, m.bigAdd, m.emptyAdd);
line('re-read it (a new version) in a registry holding only it', m.emptyReread, m.emptyReread);
line(`re-read it in the registry of ${ROWS} claims`, m.bigReread, m.emptyReread);
line(`a refused document into the registry of ${ROWS} claims`, m.bigRefused, m.emptyAdd);
console.log('  target (issue 13): ≤ 2× the empty registry');
rmSync(dir, { recursive: true, force: true });
