// `npm run bench:api`: HTTP throughput and latency of the API (autocannon, 50 connections, ~5 s a target)
// against a bare node:http hello-world as the ceiling. The servers run in a child process so the load
// generator does not share their event loop; request logs are on (written to /dev/null).
//   BENCH_SECONDS=5 BENCH_CONNECTIONS=50 npm run bench:api
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

interface Histogram {
  average: number;
  p50: number;
  p99: number;
}
interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram & { max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (opts: { url: string; connections: number; duration: number; pipelining?: number; headers?: Record<string, string> }) => Promise<AutocannonResult>;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

interface Urls {
  hello: string;
  api: string;
  apiNoCache: string;
}

// ---- the child: the servers -------------------------------------------------------------------------------

async function serveForBench(): Promise<void> {
  const { openRegistry } = await import('../src/registry/db.js');
  const { ingestPaths } = await import('../src/cli/main.js');
  const { SAMPLES_DIR } = await import('../src/paths.js');
  const { startServer } = await import('../src/server/index.js');
  const { batchedSink } = await import('../src/server/middleware.js');

  const dir = mkdtempSync(join(tmpdir(), 'youcheng-bench-api-'));
  const dbPath = join(dir, 'registry.db');
  const db = openRegistry(dbPath);
  await ingestPaths(db, [SAMPLES_DIR], { quiet: true, json: true });
  db.close();

  const devnull = createWriteStream('/dev/null');
  const log = batchedSink(devnull);
  const api = await startServer({ dbPath, port: 0, log });
  // the partners answer's own bytes, for a second ceiling: what node:http alone does with a body that size
  const partnersBytes = Buffer.from(await (await fetch(`${api.url}/api/places/${encodeURIComponent('cn:210200')}/partners`)).arrayBuffer());
  const hello = createServer((req, res) => {
    if (req.url === '/partners-bytes') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': partnersBytes.length });
      res.end(partnersBytes);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('Hello, world!');
  });
  await new Promise<void>((r) => hello.listen(0, '127.0.0.1', r));
  const apiNoCache = await startServer({ dbPath, port: 0, log, cache: false });
  const urls: Urls = {
    hello: `http://127.0.0.1:${(hello.address() as AddressInfo).port}`,
    api: api.url,
    apiNoCache: apiNoCache.url,
  };
  process.send!(urls);
  process.on('message', async () => {
    hello.close();
    await api.close();
    await apiNoCache.close();
    devnull.end();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}

// ---- the parent: the load ---------------------------------------------------------------------------------

async function main(): Promise<void> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const urls = await new Promise<Urls>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Urls));
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });

  console.log(
    `youcheng API bench — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}); ` +
      `autocannon ${CONNECTIONS} connections, ${SECONDS} s per target; servers in a child process, request logs on`,
  );
  // What a browser sends: the web app's requests take the Brotli answer (2.8 KB for Dalian's partners
  // against 18.7 KB), the other targets ask as autocannon does, for identity.
  const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };
  const targets: Array<[string, string, Record<string, string>?]> = [
    ['hello-world (node:http)', `${urls.hello}/`],
    ['node:http, partners’ bytes', `${urls.hello}/partners-bytes`],
    ['search ?q=大连', `${urls.api}/api/search?q=${encodeURIComponent('大连')}`],
    ['partners cn:210200', `${urls.api}/api/places/${encodeURIComponent('cn:210200')}/partners`],
    ['partners cn:210200 (br, as a browser)', `${urls.api}/api/places/${encodeURIComponent('cn:210200')}/partners`, BROWSER],
    ['relationships US 1990–2010', `${urls.api}/api/relationships?country=US&from=1990&to=2010`],
    ['search ?q=大连 (no cache)', `${urls.apiNoCache}/api/search?q=${encodeURIComponent('大连')}`],
    ['partners cn:210200 (no cache)', `${urls.apiNoCache}/api/places/${encodeURIComponent('cn:210200')}/partners`],
    ['relationships US 1990–2010 (no cache)', `${urls.apiNoCache}/api/relationships?country=US&from=1990&to=2010`],
  ];
  const results = new Map<string, AutocannonResult>();
  console.log(`${'target'.padEnd(40)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)}  errors`);
  for (const [label, url, headers] of targets) {
    await autocannon({ url, connections: 4, duration: 1, headers }); // warm up: JIT, statement cache, response cache
    const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
    results.set(label, r);
    const bad = r.errors + r.timeouts + r.non2xx;
    console.log(
      `${label.padEnd(40)} ${Math.round(r.requests.average).toLocaleString('en').padStart(9)} ${String(r.latency.p50).padStart(7)} ${String(r.latency.p99).padStart(7)} ${String(r.latency.max).padStart(7)}  ${bad}`,
    );
  }
  const ceiling = results.get('hello-world (node:http)')!.requests.average;
  const ratio = (label: string) => ((results.get(label)!.requests.average / ceiling) * 100).toFixed(0) + '%';
  console.log(
    `partners / hello-world: ${ratio('partners cn:210200')} (cached), ${ratio('partners cn:210200 (br, as a browser)')} (cached, Brotli), ` +
      `${ratio('partners cn:210200 (no cache)')} (no cache); node:http sending the same bytes: ${ratio('node:http, partners’ bytes')}`,
  );
  const slow = [...results].filter(([l, r]) => !l.startsWith('hello') && !l.startsWith('node:http') && r.latency.p99 >= 10).map(([l]) => l);
  console.log(slow.length ? `p99 ≥ 10 ms: ${slow.join('; ')}` : 'p99 < 10 ms on every API target');
  child.send('stop');
  await new Promise((r) => child.once('exit', r));
}

if (process.argv.includes('--serve')) await serveForBench();
else await main();
