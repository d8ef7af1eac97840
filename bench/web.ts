// Web figures: the initial JavaScript the browser must load (gzipped), and how long the place page takes
// to be ready (partners table rendered) in headless Chromium on localhost. Medians of several loads.
import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { PACKAGE_ROOT, SAMPLES_DIR } from '../src/paths.js';
import { openRegistry } from '../src/registry/db.js';
import { ingestPaths } from '../src/cli/main.js';
import { startServer } from '../src/server/index.js';

const WEB = join(PACKAGE_ROOT, 'dist', 'web');
const CHROMIUM = process.env.YOUCHENG_CHROMIUM ?? '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Scripts and module preloads named by index.html: what the first page load needs before anything else. */
export function initialJsGzipBytes(): { files: string[]; gzip: number; raw: number } {
  const html = readFileSync(join(WEB, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]);
  let gzip = 0;
  let raw = 0;
  for (const f of files) {
    const bytes = readFileSync(join(WEB, f.replace(/^\//, '')));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files, gzip, raw };
}

async function main(): Promise<void> {
  if (!existsSync(join(WEB, 'index.html'))) throw new Error('the web app is not built: run npm run build first');
  const js = initialJsGzipBytes();
  console.log(`web: initial JS ${(js.gzip / 1024).toFixed(1)} KB gzipped (${(js.raw / 1024).toFixed(1)} KB raw) in ${js.files.length} files — target < 200 KB`);
  if (!existsSync(CHROMIUM)) {
    console.log(`web: no browser at ${CHROMIUM}; place-page timing skipped`);
    return;
  }
  const dbPath = join(mkdtempSync(join(tmpdir(), 'youcheng-webbench-')), 'r.db');
  const db = openRegistry(dbPath);
  await ingestPaths(db, [SAMPLES_DIR], { quiet: true, json: true });
  db.close();
  const server = await startServer({ dbPath, port: 0, host: '127.0.0.1', staticDir: WEB, log: false });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // A new context each time: a first visit, nothing cached.
      const context = await browser.newContext();
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(`${server.url}/place/cn:210200`);
      await page.waitForSelector('table.partners tbody tr[data-status="listed"]');
      times.push(Date.now() - t0);
      await context.close();
    }
    console.log(`web: Dalian's place page ready (partners table rendered, cold cache) median ${median(times)} ms over ${RUNS} loads (min ${Math.min(...times)}, max ${Math.max(...times)}) — target < 1000 ms`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
