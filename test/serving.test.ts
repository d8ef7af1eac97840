// Serving on every core and bounding streamed downloads: `youcheng serve --workers 2` (real processes on a
// real port) answers with one ETag for one state of the registry whichever worker takes a request, and the
// new one after a commit; past the bound, a streamed download is answered 503 with Retry-After.
// Throughput figures are in npm run bench:api (bench/api.ts), not here.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegistry, type DB } from '../src/registry/db.js';
import { ingestPaths } from '../src/cli/main.js';
import { createApp } from '../src/server/app.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { sampleRegistry, tempDir } from './registry-helpers.js';

let db: DB;
let path: string;
beforeAll(async () => {
  ({ db, path } = await sampleRegistry());
}, 180_000);
afterAll(() => db?.close());

describe('streamed downloads are bounded', () => {
  it('past maxStreams a download gets 503 with Retry-After; a finished or abandoned one frees its place', async () => {
    const app = createApp(db, { maxStreams: 2, log: false });
    // Bodies not read yet: each download is still in progress and holds its place.
    const a = await app.request('/api/export/claims?format=jsonl');
    const b = await app.request('/api/relationships?format=csv');
    expect([a.status, b.status]).toEqual([200, 200]);
    const refused = await app.request('/api/export/places?format=geojson');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(((await refused.json()) as { error: string }).error).toMatch(/downloads/);
    // other answers are not bounded
    expect((await app.request('/api/stats')).status).toBe(200);
    // one read to its end, one abandoned by its client: both places free again
    const text = await a.text();
    expect(text.trim().split('\n')).toHaveLength(540); // the four samples' claims
    await b.body!.cancel();
    const c = await app.request('/api/export/places?format=geojson');
    const d = await app.request('/api/relationships?format=jsonl');
    expect([c.status, d.status]).toEqual([200, 200]);
    expect(JSON.parse(await c.text()).type).toBe('FeatureCollection');
    expect((await d.text()).trim().split('\n')).toHaveLength(536);
    expect((await app.request('/api/export/claims?format=csv')).status).toBe(200);
  });
});

describe('whole exports are kept for the state of the registry they were made from', () => {
  it('a second download of the same state is sent from memory, past the bound; a commit makes a new one', async () => {
    const app = createApp(db, { maxStreams: 1, log: false });
    const first = await (await app.request('/api/export/claims?format=jsonl')).text();
    const lines = first.trim().split('\n').length;
    const held = await app.request('/api/relationships?format=csv'); // the one place taken
    expect(held.status).toBe(200);
    const again = await app.request('/api/export/claims?format=jsonl');
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(first);
    expect((await app.request('/api/export/places?format=jsonl')).status).toBe(503); // not made yet
    // a new state of the registry: the kept export is not that state's
    const file = join(tempDir(), 'more.txt');
    writeFileSync(file, '序号 | 城市 | 国家 | 结好时间\n1 | 卑尔根 | 挪威 | 1998年6月1日\n');
    // written as an ingest writes it, from a connection of its own
    const writer = openRegistry(path);
    await ingestPaths(writer, [file], { owner: '西安市', quiet: true, json: true });
    writer.close();
    expect((await app.request('/api/export/claims?format=jsonl')).status).toBe(503);
    await held.body!.cancel();
    const now = await (await app.request('/api/export/claims?format=jsonl')).text();
    expect(now.trim().split('\n')).toHaveLength(lines + 1);
  });
});

describe('youcheng serve --workers 2', () => {
  let child: ChildProcess | null = null;
  let url = '';
  beforeAll(async () => {
    child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'youcheng.js'), 'serve', '--db', path, '--port', '0', '--workers', '2', '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /serving .* at (http:\/\/\S+) on 2 workers/.exec(out);
        if (m) resolve(m[1]!);
      });
      child!.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    });
  }, 60_000);
  afterAll(async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  });

  /** ETags of n requests, each on a connection of its own (the primary hands connections to the workers in turn). */
  const etags = async (n: number): Promise<string[]> => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = await fetch(`${url}/api/stats`, { headers: { Connection: 'close' } });
      expect(r.status).toBe(200);
      await r.arrayBuffer();
      out.push(r.headers.get('etag')!);
    }
    return out;
  };

  it('runs two worker processes', () => {
    const children = readFileSync(`/proc/${child!.pid}/task/${child!.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    expect(children).toHaveLength(2);
  });

  it('gives one ETag for one state of the registry, and the new one after a commit, from every worker', async () => {
    const before = new Set(await etags(8));
    expect(before.size).toBe(1);
    const file = join(tempDir(), 'list.txt');
    writeFileSync(file, '序号 | 城市 | 国家 | 结好时间\n1 | 热那亚 | 意大利 | 1996年4月1日\n');
    await ingestPaths(db, [file], { owner: '兰州市', quiet: true, json: true });
    const after = new Set(await etags(8));
    expect(after.size).toBe(1);
    expect([...after][0]).not.toBe([...before][0]);
  });

  it('stops its workers on SIGTERM', async () => {
    const pids = readFileSync(`/proc/${child!.pid}/task/${child!.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
    const exited = new Promise<number | null>((r) => child!.once('exit', r));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 50 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    expect(pids.filter(alive)).toEqual([]);
  });
});
