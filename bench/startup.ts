// Start-up as a user meets it: whole commands of bin/youcheng.js (a new process each), next to a bare
// `node -e 0` measured in the same rounds. The rounds alternate the commands, so a busy moment of a shared
// machine falls on all of them alike; the figures are medians of the rounds and their ratios to the
// baseline's median.
//
//   node dist/bench/startup.js            (STARTUP_ROUNDS=9 by default)
// Targets (issue 13): --help ≤ 3× bare node, a read command ≤ 4×, the four samples into a new registry ≤ 20×;
// (issue 14) the first `npm start` (samples and open datasets) within the same 20×. `start` serves until
// stopped, so its cases are timed until it says it is serving (then it is stopped): `start --rebuild` on a
// new path builds the registry as every first start did before `npm run build` made one to copy, and
// `start` copies that one; both on one worker, so that the figures are the registry's, not the cluster's.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT, SAMPLES_DIR } from '../src/paths.js';

const ROUNDS = Number(process.env.STARTUP_ROUNDS ?? 9);
const BIN = join(PACKAGE_ROOT, 'bin', 'youcheng.js');
const dir = mkdtempSync(join(tmpdir(), 'youcheng-startup-'));
const registry = join(dir, 'samples.db');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timed(args: string[], before?: () => void): number {
  before?.();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return ms;
}

/** Runs a command until it prints `until` on stdout, then stops it (SIGTERM) and waits for it to exit. */
function timedUntil(args: string[], until: string, before?: () => void): Promise<number> {
  before?.();
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    let ms: number | null = null;
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      if (ms === null && out.includes(until)) {
        ms = performance.now() - t0;
        child.kill('SIGTERM');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (ms !== null) resolve(ms);
      else reject(new Error(`${args.join(' ')}: exit ${code ?? signal} before "${until}"\n${out}\n${err}`));
    });
  });
}

const fresh = join(dir, 'fresh.db');
const removeFresh = () => {
  for (const s of ['', '-wal', '-shm']) rmSync(fresh + s, { force: true });
};

interface Case {
  label: string;
  args: string[];
  before?: () => void;
  target?: number;
  /** Timed until it prints this (a server), not until it exits. */
  until?: string;
}
const started = join(dir, 'started.db');
const removeStarted = () => {
  for (const s of ['', '-wal', '-shm']) rmSync(started + s, { force: true });
};
const START = [BIN, 'start', '--db', started, '--port', '0', '--workers', '1', '--quiet'];
const cases: Case[] = [
  { label: 'node -e 0 (baseline)', args: ['-e', '0'] },
  { label: 'youcheng --help', args: [BIN, '--help'], target: 3 },
  { label: 'youcheng partners 大连', args: [BIN, 'partners', '大连', '--db', registry], target: 4 },
  { label: 'youcheng partners dalian --json', args: [BIN, 'partners', 'dalian', '--json', '--db', registry], target: 4 },
  { label: 'youcheng stats --by continent', args: [BIN, 'stats', '--by', 'continent', '--db', registry], target: 4 },
  { label: 'youcheng sources', args: [BIN, 'sources', '--db', registry], target: 4 },
  { label: 'youcheng ingest data/samples (new registry)', args: [BIN, 'ingest', SAMPLES_DIR, '-q', '--db', fresh], before: removeFresh, target: 20 },
  { label: 'youcheng start --rebuild (builds, new registry)', args: [...START, '--rebuild'], before: removeStarted, until: 'youcheng is serving', target: 20 },
  { label: 'youcheng start (copies the prebuilt registry)', args: START, before: removeStarted, until: 'youcheng is serving', target: 20 },
];

export async function benchStartup(rounds = ROUNDS): Promise<Array<{ label: string; ms: number; ratio: number; target?: number }>> {
  // the sample registry the read commands read
  timed([BIN, 'ingest', SAMPLES_DIR, '-q', '--db', registry]);
  const times = cases.map(() => [] as number[]);
  const run = (c: Case) => (c.until ? timedUntil(c.args, c.until, c.before) : Promise.resolve(timed(c.args, c.before)));
  for (const c of cases) await run(c); // warm the file cache
  for (let r = 0; r < rounds; r++) {
    // alternate the order too: odd rounds run backwards
    const order = r % 2 ? [...cases.keys()].reverse() : [...cases.keys()];
    for (const i of order) times[i]!.push(await run(cases[i]!));
  }
  const base = median(times[0]!);
  return cases.map((c, i) => ({ label: c.label, ms: median(times[i]!), ratio: median(times[i]!) / base, target: c.target }));
}

const isMain = process.argv[1]?.endsWith('startup.js');
if (isMain) {
  console.log(
    `youcheng start-up — node ${process.version}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}; medians of ${ROUNDS} alternating rounds`,
  );
  try {
    for (const r of await benchStartup()) {
      const verdict = r.target ? `  target ≤ ${r.target}×: ${r.ratio <= r.target ? 'met' : 'NOT MET'}` : '';
      console.log(`  ${r.label.padEnd(48)} ${r.ms.toFixed(0).padStart(6)} ms  ${r.ratio.toFixed(2).padStart(6)}× baseline${verdict}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
