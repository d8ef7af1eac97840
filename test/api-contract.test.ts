// The API's description and its twins agree with what it serves: every route is in the OpenAPI document
// (the export routes and /openapi.json too), every nullable field has a type, status=unlisted is accepted
// where ties carry it; CSV (and JSON Lines, GeoJSON) honour limit and cursor as JSON does; /api/stats and
// /api/quality, which have no CSV form, answer 406 when CSV is asked for; the CLI's and the API's GeoJSON of
// ties use the same property names.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createApp } from '../src/server/index.js';
import { openRegistry, type DB } from '../src/registry/db.js';
import { ingestPaths } from '../src/cli/main.js';
import { PACKAGE_ROOT, SAMPLES_DIR } from '../src/paths.js';
import { tempDir } from './registry-helpers.js';

let db: DB;
let dbPath: string;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const dir = tempDir();
  dbPath = join(dir, 'r.db');
  db = openRegistry(dbPath);
  await ingestPaths(db, [SAMPLES_DIR], { quiet: true, json: true });
  // Xi'an's list again with its first 30 of 40 rows: 10 ties no longer listed.
  const xian = join(dir, '001_2be138cf16039818.txt');
  const lines = readFileSync(join(SAMPLES_DIR, '001_2be138cf16039818.txt'), 'utf8').split('\n');
  writeFileSync(xian, lines.slice(0, 32).join('\n') + '\n');
  copyFileSync(join(SAMPLES_DIR, 'manifest.json'), join(dir, 'manifest.json'));
  const { reports } = await ingestPaths(db, [xian], { quiet: true, json: true });
  expect(reports[0]).toMatchObject({ status: 'added', version: 2, rows: 30 });
  app = createApp(db, { staticDir: tempDir(), log: false });
});
afterAll(() => db?.close());

const get = (url: string, headers: Record<string, string> = {}) => app.request(url, { headers });

describe('the OpenAPI document', () => {
  let doc: { paths: Record<string, Record<string, unknown>>; components: unknown };
  beforeAll(async () => {
    doc = (await (await get('/openapi.json')).json()) as typeof doc;
  });

  it('describes every route the server answers, with its method', () => {
    const served = new Set<string>();
    for (const r of app.routes) {
      if (r.method === 'ALL' || r.path.includes('*')) continue;
      if (!r.path.startsWith('/api') && r.path !== '/openapi.json') continue;
      served.add(`${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    }
    expect(served).toContain('get /api/export/{what}');
    expect(served).toContain('get /openapi.json');
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)));
    expect([...served].filter((r) => !documented.has(r))).toEqual([]);
  });

  it('gives every nullable field a type (OpenAPI 3.0: nullable needs one)', () => {
    const bad: string[] = [];
    const walk = (o: unknown, at: string) => {
      if (!o || typeof o !== 'object') return;
      const s = o as Record<string, unknown>;
      if (s.nullable === true && typeof s.type !== 'string') bad.push(at);
      for (const [k, v] of Object.entries(s)) walk(v, `${at}/${k}`);
    };
    walk(doc, '');
    expect(bad).toEqual([]);
  });

  it('accepts status=unlisted on /api/relationships, and the server does too', async () => {
    const status = ((doc.paths['/api/relationships'].get as { parameters: Array<{ name: string; schema: { enum: string[] } }> }).parameters).find(
      (p) => p.name === 'status',
    )!;
    expect(status.schema.enum).toContain('unlisted');
    const res = await get('/api/relationships?status=unlisted&limit=100');
    expect(res.status).toBe(200);
    const items = ((await res.json()) as { items: Array<{ status: string; unlisted_in: string }> }).items;
    expect(items).toHaveLength(10);
    for (const i of items) expect(i).toMatchObject({ status: 'unlisted', unlisted_in: '001_2be138cf16039818.txt v2' });
  });
});

describe('CSV, JSON Lines and GeoJSON honour limit and cursor', () => {
  it('limit=5 as CSV gives 5 rows, the ones JSON gives, and the next page through the cursor in the Link header', async () => {
    const json = (await (await get('/api/relationships?limit=5')).json()) as { items: Array<{ id: number }>; next_cursor: string };
    const res = await get('/api/relationships?limit=5&format=csv');
    expect(res.status).toBe(200);
    const rows = parse(await res.text(), { columns: true }) as Array<{ id: string }>;
    expect(rows.map((r) => Number(r.id))).toEqual(json.items.map((i) => i.id));
    expect(res.headers.get('X-Next-Cursor')).toBe(json.next_cursor);
    expect(res.headers.get('Link')).toBe(`</api/relationships?limit=5&format=csv&cursor=${json.next_cursor}>; rel="next"`);
    const json2 = (await (await get(`/api/relationships?limit=5&cursor=${json.next_cursor}`)).json()) as { items: Array<{ id: number }> };
    const rows2 = parse(await (await get(`/api/relationships.csv?limit=5&cursor=${json.next_cursor}`)).text(), { columns: true }) as Array<{ id: string }>;
    expect(rows2.map((r) => Number(r.id))).toEqual(json2.items.map((i) => i.id));
  });

  it('limit=5 as JSON Lines and as GeoJSON: 5 ties at most', async () => {
    const lines = (await (await get('/api/relationships?limit=5&format=jsonl')).text()).trim().split('\n');
    expect(lines).toHaveLength(5);
    const g = (await (await get('/api/relationships?limit=5&format=geojson')).json()) as { features: unknown[] };
    expect(g.features.length).toBeLessThanOrEqual(5);
    expect(g.features.length).toBeGreaterThan(0);
  });

  it('without limit or cursor, every match as before', async () => {
    const all = parse(await (await get('/api/relationships?format=csv')).text(), { columns: true });
    expect(all.length).toBe(db.prepare('SELECT COUNT(*) FROM relationships').pluck().get());
  });
});

describe('/api/stats and /api/quality have no CSV form: 406', () => {
  it.each([
    ['/api/stats?format=csv', {}],
    ['/api/stats.csv', {}],
    ['/api/stats', { Accept: 'text/csv' }],
    ['/api/quality?format=csv', {}],
    ['/api/quality.csv', {}],
    ['/api/quality', { Accept: 'text/csv' }],
  ] as Array<[string, Record<string, string>]>)('%s %j', async (url, headers) => {
    const res = await get(url, headers);
    expect(res.status).toBe(406);
    expect(((await res.json()) as { error: string }).error).toMatch(/no CSV form: ask for JSON/);
  });

  it('JSON as before', async () => {
    expect((await get('/api/stats')).status).toBe(200);
    expect((await get('/api/quality', { Accept: 'application/json' })).status).toBe(200);
  });
});

describe('GeoJSON of ties: the CLI’s export and the API’s give the same properties', () => {
  it('the same names, and the same values for the same tie', async () => {
    const out = join(tempDir(), 'ties.geojson');
    const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'youcheng.js'), 'export', 'relationships', '--format', 'geojson', '--db', dbPath, '--out', out], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    type F = { id: number; properties: Record<string, unknown> };
    const cli = (JSON.parse(readFileSync(out, 'utf8')) as { features: F[] }).features;
    const api = ((await (await get('/api/relationships?format=geojson')).json()) as { features: F[] }).features;
    expect(Object.keys(api[0].properties)).toEqual(Object.keys(cli[0].properties));
    const byId = new Map(cli.map((f) => [f.id, f.properties]));
    for (const f of api) expect(f.properties, String(f.id)).toEqual(byId.get(f.id));
    expect(api.length).toBe(cli.length);
  });
});
