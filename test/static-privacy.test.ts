// What the server gives away by mistake: a missing asset answered with the web app (200 text/html for
// /nonexistent.png or /.git/config) instead of 404, the server's own file paths in /api/sources, and tokens
// written into the request log when a client puts them in the query string.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../src/server/index.js';
import { openRegistry, type DB } from '../src/registry/db.js';
import { ingestPaths } from '../src/cli/main.js';
import { PACKAGE_ROOT, SAMPLES_DIR } from '../src/paths.js';
import { tempDir } from './registry-helpers.js';

let db: DB;
let dir: string;
let web: string;
const lines: string[] = [];
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  dir = tempDir();
  web = join(dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>youcheng</title><div id="app"></div>');
  writeFileSync(join(web, 'assets', 'app-1234.js'), 'console.log(1)');
  db = openRegistry(join(dir, 'r.db'));
  await ingestPaths(db, [SAMPLES_DIR], { quiet: true, json: true });
  app = createApp(db, { staticDir: web, log: (s: string) => void lines.push(s) });
});
afterAll(() => db?.close());

describe('missing files answer 404; the app’s own routes answer the app', () => {
  it.each([
    ['/nonexistent.png', 404],
    ['/.git/config', 404],
    ['/.env', 404],
    ['/assets/app-0000.js', 404],
    ['/favicon.ico', 404],
    ['/place/.htaccess', 404],
    ['/assets/app-1234.js', 200],
  ])('%s: %i', async (path, status) => {
    const res = await app.request(path);
    expect(res.status).toBe(status);
    if (status === 404) expect(await res.text()).not.toContain('<div id="app">');
  });

  it.each(['/', '/map', '/place/cn:210200', '/place/u:US:St.%20Louis', '/sources/3', '/country/JP', '/no-such-view'])('%s: the app (200, text/html)', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<div id="app">');
  });
});

describe('/api/sources does not show where the server keeps its files', () => {
  it('JSON and CSV, every document and one: no path, no folder of the server', async () => {
    const id = db.prepare('SELECT MIN(id) FROM sources').pluck().get();
    for (const url of ['/api/sources', '/api/sources.csv', `/api/sources/${id}`, '/api/quality']) {
      const res = await app.request(url);
      expect(res.status, url).toBe(200);
      const text = await res.text();
      expect(text, url).not.toContain(SAMPLES_DIR);
      expect(text, url).not.toContain(PACKAGE_ROOT);
      expect(text, url).not.toMatch(/"path"\s*:/);
    }
    const csvHeader = (await (await app.request('/api/sources.csv')).text()).split('\n')[0].split(',');
    expect(csvHeader).not.toContain('path');
    expect(csvHeader).toContain('file_name');
  });
});

describe('the request log does not keep tokens', () => {
  it('token-like query parameters are written as [redacted]; the others as they were', async () => {
    lines.length = 0;
    const token = 'yc_0123456789ab_' + 'S'.repeat(43);
    await app.request(`/api/search?q=dalian&token=${token}&access_token=abc123&api_key=k&Password=p&sig=s&limit=3`);
    await app.request(`/api/search?q=${token}`);
    await new Promise((r) => setTimeout(r, 50));
    const logged = lines.join('');
    expect(logged).not.toContain('S'.repeat(43));
    expect(logged).not.toContain('abc123');
    const paths = logged
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { path: string }).path);
    expect(paths).toEqual([
      '/api/search?q=dalian&token=[redacted]&access_token=[redacted]&api_key=[redacted]&Password=[redacted]&sig=[redacted]&limit=3',
      '/api/search?q=[redacted]',
    ]);
  });
});
