// Serving on every core: `youcheng serve --workers 2` against `--workers 1` and a bare node:http
// hello-world, each in processes of their own, loaded by autocannon (50 connections) in alternating rounds;
// then cached reads while 300 streamed exports are asked for at once (past the bound of each worker they get
// 503 with Retry-After). Medians of the rounds, and ratios to the hello-world of the same round.
//
//   SERVE_ROUNDS=3 SERVE_SECONDS=4 SERVE_PORT=4310 node dist/bench/serving.js      (npm run bench:serving)
import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT, SAMPLES_DIR } from '../src/paths.js';

interface Result {
  requests: { average: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (opts: { url: string; connections: number; duration: number; headers?: Record<string, string> }) => Promise<Result>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const ROUNDS = Number(process.env.SERVE_ROUNDS ?? 3);
const SECONDS = Number(process.env.SERVE_SECONDS ?? 4);
const PORT = Number(process.env.SERVE_PORT ?? 4310);
const BIN = join(PACKAGE_ROOT, 'bin', 'youcheng.js');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function started(child: ChildProcess, re: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (re.test(out)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const dir = mkdtempSync(join(tmpdir(), 'youcheng-serving-'));
const db = join(dir, 'registry.db');
const build = spawn(process.execPath, [BIN, 'ingest', SAMPLES_DIR, '-q', '--db', db], { stdio: 'ignore' });
await new Promise((r) => build.once('exit', r));

const hello = spawn(
  process.execPath,
  ['-e', `require('node:http').createServer((q, s) => { s.writeHead(200, { 'Content-Type': 'text/plain' }); s.end('Hello, world!'); }).listen(${PORT}, '127.0.0.1', () => console.log('listening'))`],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const one = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', String(PORT + 1), '--workers', '1', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
const two = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', String(PORT + 2), '--workers', '2', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
await Promise.all([started(hello, /listening/), started(one, /serving/), started(two, /serving .* on 2 workers/)]);

const partners = `/api/places/${encodeURIComponent('cn:210200')}/partners`;
const search = `/api/search?q=${encodeURIComponent('大连')}`;

// A second baseline: node:http writing the very bytes of the partners answer. Dalian's partners are tens of KB
// where the hello-world is 13 bytes, and at 50 connections on two cores writing the bytes is most of the cost:
// this says how much of the gap is youcheng's and how much is the answer's size.
const partnersBytes = await new Promise<Buffer>((resolve, reject) => {
  get(`http://127.0.0.1:${PORT + 1}${partners}`, (res) => {
    const parts: Buffer[] = [];
    res.on('data', (d: Buffer) => parts.push(d));
    res.on('end', () => resolve(Buffer.concat(parts)));
  }).on('error', reject);
});
const bytesFile = join(dir, 'partners.json');
writeFileSync(bytesFile, partnersBytes);
const sameBytes = spawn(
  process.execPath,
  ['-e', `const b = require('node:fs').readFileSync(${JSON.stringify(bytesFile)}); require('node:http').createServer((q, s) => { s.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': b.length }); s.end(b); }).listen(${PORT + 3}, '127.0.0.1', () => console.log('listening'))`],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
await started(sameBytes, /listening/);

const COMPRESSED = { 'accept-encoding': 'br, gzip' };
const targets: Array<[string, string, Record<string, string>?]> = [
  ['hello-world (node:http, 1 process)', `http://127.0.0.1:${PORT}/`],
  ['partners, 1 worker', `http://127.0.0.1:${PORT + 1}${partners}`],
  ['partners, 2 workers', `http://127.0.0.1:${PORT + 2}${partners}`],
  ['partners, 2 workers, br/gzip asked', `http://127.0.0.1:${PORT + 2}${partners}`, COMPRESSED],
  ['search, 1 worker', `http://127.0.0.1:${PORT + 1}${search}`],
  ['search, 2 workers', `http://127.0.0.1:${PORT + 2}${search}`],
  [`node:http writing partners' ${(partnersBytes.length / 1024).toFixed(0)} KB`, `http://127.0.0.1:${PORT + 3}/`],
];
const SAME_BYTES = targets.length - 1;
console.log(
  `youcheng serving — node ${process.version}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}; autocannon 50 connections, ${SECONDS} s a target, medians of ${ROUNDS} alternating rounds`,
);
try {
  for (const [, url, headers] of targets) await autocannon({ url, headers, connections: 4, duration: 1 }); // warm up
  const rate = targets.map(() => [] as number[]);
  const p99 = targets.map(() => [] as number[]);
  const ratio = targets.map(() => [] as number[]);
  const ratioSame = targets.map(() => [] as number[]);
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? [...targets.keys()].reverse() : [...targets.keys()];
    const round: number[] = [];
    for (const i of order) {
      const res = await autocannon({ url: targets[i]![1], headers: targets[i]![2], connections: 50, duration: SECONDS });
      round[i] = res.requests.average;
      rate[i]!.push(res.requests.average);
      p99[i]!.push(res.latency.p99);
    }
    for (let i = 0; i < targets.length; i++) {
      ratio[i]!.push(round[i]! / round[0]!);
      ratioSame[i]!.push(round[i]! / round[SAME_BYTES]!);
    }
  }
  for (let i = 0; i < targets.length; i++) {
    console.log(
      `  ${targets[i]![0].padEnd(36)} ${Math.round(median(rate[i]!)).toLocaleString('en').padStart(8)} req/s  p99 ${String(median(p99[i]!)).padStart(4)} ms  ${(median(ratio[i]!) * 100).toFixed(0).padStart(4)}% of hello-world` +
        (/^partners, [12] workers?$/.test(targets[i]![0]) ? `, ${(median(ratioSame[i]!) * 100).toFixed(0)}% of node:http writing the same bytes` : ''),
    );
  }

  // 300 exports asked for at once by slow clients (each reads its download after SERVE_SECONDS + 1 s), while
  // partners is loaded at 50 connections (2 workers)
  const exportUrl = `http://127.0.0.1:${PORT + 2}/api/export/relationships?format=geojson`;
  const statuses = new Map<number, number>();
  const downloads = Array.from(
    { length: 300 },
    () =>
      new Promise<void>((resolve) => {
        const req = get(exportUrl, { agent: false }, (res) => {
          statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
          res.pause();
          setTimeout(() => {
            res.resume();
            res.on('end', resolve);
          }, (SECONDS + 1) * 1000);
        });
        req.on('error', () => {
          statuses.set(-1, (statuses.get(-1) ?? 0) + 1);
          resolve();
        });
      }),
  );
  await new Promise((r) => setTimeout(r, 300));
  const during = await autocannon({ url: targets[2]![1], connections: 50, duration: SECONDS });
  await Promise.all(downloads);
  console.log(
    `  partners (2 workers) while 300 slow clients asked for exports: ${Math.round(during.requests.average).toLocaleString('en')} req/s, p99 ${during.latency.p99} ms, ` +
      `${during.errors + during.timeouts + during.non2xx} errors; exports answered ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')} ` +
      '(503: past each worker\'s bound, with Retry-After)',
  );
} finally {
  await Promise.all([stop(hello), stop(one), stop(two), stop(sameBytes)]);
  rmSync(dir, { recursive: true, force: true });
}
