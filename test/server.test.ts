// The HTTP API over a registry built from the four bundled samples. Most requests go through
// app.request() (no socket); one real server on port 0 checks compression, static files, the SPA fallback
// and path traversal as a client on the wire sees them.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { DB } from '../src/registry/db.js';
import { searchPlaces } from '../src/registry/queries.js';
import { continentOf } from '../src/normalize/country.js';
import { createApp, type App } from '../src/server/app.js';
import { startServer, type RunningServer } from '../src/server/index.js';
import { sampleRegistry, tempDir } from './registry-helpers.js';

let db: DB;
let dbPath: string;
let app: App;
let webDir: string;
let secretDir: string;

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
const json = async (path: string, headers: Record<string, string> = {}) => {
  const res = await get(path, headers);
  return { status: res.status, body: (await res.json()) as any, res };
};

beforeAll(async () => {
  ({ db, path: dbPath } = await sampleRegistry());
  // a web app folder with a file beside it that must never be served
  secretDir = tempDir();
  writeFileSync(join(secretDir, 'secret.txt'), 'TOP-SECRET-CONTENT');
  webDir = join(secretDir, 'web');
  mkdirSync(join(webDir, 'assets'), { recursive: true });
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>youcheng</title><div id="app">SPA-INDEX</div>');
  writeFileSync(join(webDir, 'assets', 'app-abc123.js'), 'console.log("app");\n'.repeat(200));
  app = createApp(db, { staticDir: webDir });
});

describe('GET /api/search', () => {
  it('finds 大连市 first by its Chinese name, its English name and pinyin', async () => {
    for (const q of ['大连', 'Dalian', 'dalian', '大連']) {
      const { status, body } = await json(`/api/search?q=${encodeURIComponent(q)}`);
      expect(status).toBe(200);
      expect(body.query).toBe(q);
      expect(body.results[0]).toMatchObject({
        id: 'cn:210200',
        name_zh_hans: '大连市',
        name_en: 'Dalian',
        country_iso2: 'CN',
        is_chinese: true,
        resolved: true,
      });
      expect(body.results[0].partners).toBe(38);
    }
  });

  it('finds Genoa by 热那亚', async () => {
    const { body } = await json('/api/search?q=热那亚');
    expect(body.results[0]).toMatchObject({ name_zh_hans: '热那亚', name_en: 'Genoa', country_iso2: 'IT', is_chinese: false });
  });

  it('finds what the registry’s searchPlaces finds, ranked alike, and honours limit', async () => {
    for (const q of ['奥克兰', '九州', 'port', '大', 'san', 'shi', '州', 'york']) {
      const { body } = await json(`/api/search?q=${encodeURIComponent(q)}&limit=200`);
      const sql = searchPlaces(db, q, 200);
      expect(sql.length, q).toBeLessThan(200); // every hit, so no tie is cut at the limit
      expect(body.results.map((r: any) => r.id).sort(), q).toEqual(sql.map((m) => m.id).sort());
      // same order of rank and partners; only places equal in both may swap (the matched name breaks the tie)
      const rankOf = new Map(sql.map((m) => [m.id, m.rank]));
      expect(body.results.map((r: any) => `${rankOf.get(r.id)}:${r.partners}`), q).toEqual(sql.map((m) => `${m.rank}:${m.partners}`));
      const few = await json(`/api/search?q=${encodeURIComponent(q)}&limit=3`);
      expect(few.body.results.length).toBe(Math.min(3, sql.length));
    }
    // 奥克兰 is two places: Auckland (NZ) and Oakland (US)
    const { body } = await json('/api/search?q=奥克兰');
    expect(body.results.map((r: any) => r.country_iso2)).toEqual(expect.arrayContaining(['NZ', 'US']));
  });

  it('answers CSV by Accept, by .csv suffix and by format=csv', async () => {
    for (const [path, headers] of [
      ['/api/search?q=dalian', { Accept: 'text/csv' }],
      ['/api/search.csv?q=dalian', {}],
      ['/api/search?q=dalian&format=csv', {}],
    ] as const) {
      const res = await get(path, headers);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const rows = parse(await res.text(), { columns: true }) as Array<Record<string, string>>;
      expect(rows[0]).toMatchObject({ id: 'cn:210200', name_zh_hans: '大连市', partners: '38' });
    }
  });

  it('refuses a missing query or a bad limit with a 400 naming the parameter', async () => {
    const missing = await json('/api/search');
    expect(missing.status).toBe(400);
    expect(missing.body.parameter).toBe('q');
    for (const bad of ['-1', '0', 'abc', '1.5', '100000']) {
      const { status, body } = await json(`/api/search?q=dalian&limit=${bad}`);
      expect(status).toBe(400);
      expect(body.parameter).toBe('limit');
      expect(body.error).toMatch(/^limit: must be an integer from 1 to 200/);
      expect(body.error).toContain(`"${bad}"`);
    }
  });
});

describe('GET /api/places/:id', () => {
  it('gives the place with its names, parent and counts; the id may be URL-encoded', async () => {
    for (const id of ['cn:210200', encodeURIComponent('cn:210200')]) {
      const { status, body } = await json(`/api/places/${id}`);
      expect(status).toBe(200);
      expect(body.place).toMatchObject({ id: 'cn:210200', name_zh_hans: '大连市', name_zh_hant: '大連市', gbt2260: '210200', is_chinese: true });
      expect(body.place.names).toEqual(expect.arrayContaining(['大连市', '大連市', 'Dalian']));
      expect(body.place.parent).toEqual({ id: 'cn:210000', name_zh_hans: '辽宁省', name_en: 'Liaoning' });
      expect(body.counts).toEqual({ partners: 38, listed: 34, doubtful: 4 });
    }
  });

  it('carries facts from the documents (the Xi’an list’s extra columns) with their source and line', async () => {
    const { body: found } = await json('/api/search?q=奈良');
    const nara = found.results.find((r: any) => r.country_iso2 === 'JP');
    const { body } = await json(`/api/places/${encodeURIComponent(nara.id)}`);
    expect(body.place.facts.length).toBeGreaterThan(0);
    for (const f of body.place.facts) {
      expect(f.source).toBe('001_2be138cf16039818.txt');
      expect(f.line).toBeGreaterThan(0);
    }
  });

  it('works for ids of unresolved names (u:CC:name) in Chinese script', async () => {
    const id = (db.prepare("SELECT id FROM places WHERE id LIKE 'u:%' ORDER BY id LIMIT 1").pluck().get() as string) ?? null;
    expect(id).toMatch(/^u:[A-Z]{2}:/);
    const { status, body } = await json(`/api/places/${encodeURIComponent(id)}`);
    expect(status).toBe(200);
    expect(body.place.id).toBe(id);
    expect(body.place.resolved).toBe(false);
  });

  it('is a 404 naming the parameter for an unknown id', async () => {
    const { status, body } = await json('/api/places/cn:999999');
    expect(status).toBe(404);
    expect(body).toMatchObject({ parameter: 'id' });
    expect(body.error).toMatch(/cn:999999/);
    const p = await json('/api/places/nowhere/partners');
    expect(p.status).toBe(404);
    expect(p.body.parameter).toBe('id');
  });
});

describe('GET /api/places/:id/partners', () => {
  it('lists Dalian’s 34 listed partners and 4 doubtful ones, oldest first, with their document lines', async () => {
    const { status, body } = await json(`/api/places/${encodeURIComponent('cn:210200')}/partners`);
    expect(status).toBe(200);
    expect(body.place_id).toBe('cn:210200');
    const listed = body.partners.filter((p: any) => p.status === 'listed');
    expect(listed.length).toBe(34);
    expect(body.partners.filter((p: any) => p.status === 'doubtful').length).toBe(4);
    expect(listed[0]).toMatchObject({ start_date: '1979-05-01', side: 'cn', partner: { name_zh_hans: '北九州', country_iso2: 'JP' } });
    expect(listed[0].sources[0]).toMatchObject({ source: '000_0f381ef73e09f27f.txt', line: 12, status: 'listed' });
    expect(listed.at(-1).start_date).toBe('2011-02-23');
    // the one tie whose kind the document gives twice carries its conflict
    const withConflict = body.partners.filter((p: any) => p.conflicts.length);
    expect(withConflict.length).toBe(1);
    expect(withConflict[0].conflicts[0].field).toBe('kind');
    expect(withConflict[0].conflicts[0].values.map((v: any) => v.value).sort()).toEqual(['cooperation', 'sister']);
  });

  it('works from the foreign side: Genoa’s Chinese partners', async () => {
    const { body: s } = await json('/api/search?q=热那亚');
    const { body } = await json(`/api/places/${encodeURIComponent(s.results[0].id)}/partners`);
    expect(body.partners.length).toBe(2);
    for (const p of body.partners) {
      expect(p.side).toBe('foreign');
      expect(p.partner.country_iso2).toBe('CN');
    }
  });

  it('is a CSV table with the .csv suffix', async () => {
    const res = await get('/api/places/cn:210200/partners.csv');
    const rows = parse(await res.text(), { columns: true }) as Array<Record<string, string>>;
    expect(rows.length).toBe(38);
    expect(rows[0]).toMatchObject({ partner_name_zh_hans: '北九州', start_date: '1979-05-01', sources: '000_0f381ef73e09f27f.txt:12' });
  });
});

describe('GET /api/relationships', () => {
  it('filters by Chinese place and country: Guangzhou–Auckland (NZ), not Oakland', async () => {
    const { status, body } = await json('/api/relationships?country=NZ&cn=cn:440100');
    expect(status).toBe(200);
    expect(body.items.length).toBe(1);
    expect(body.items[0]).toMatchObject({
      kind: 'sister',
      start_date: '1989-02-17',
      cn: { id: 'cn:440100', name_zh_hans: '广州市' },
      foreign: { name_en: 'Auckland', country_iso2: 'NZ' },
    });
    expect(body.items[0].sources).toEqual([{ source: '002_1b86fcdda1af5c3a.txt', line: 16, type: 'official list' }]);
    expect(body.next_cursor).toBeNull();
    const us = await json('/api/relationships?country=us&cn=cn:440100&q=奥克兰');
    expect(us.body.items.map((i: any) => i.foreign.name_en)).toEqual(['Oakland']);
  });

  it('from/to keep only ties started in those years', async () => {
    const { body } = await json('/api/relationships?from=2019&to=2019&limit=1000');
    expect(body.items.length).toBeGreaterThan(0);
    for (const i of body.items) expect(i.start_date.slice(0, 4)).toBe('2019');
    const { body: range } = await json('/api/relationships?from=1979&to=1980&limit=1000');
    for (const i of range.items) expect(['1979', '1980']).toContain(i.start_date.slice(0, 4));
  });

  it('province keeps ties whose Chinese side lies inside it; continent those whose foreign side does', async () => {
    const { body } = await json('/api/relationships?province=cn:410000&limit=1000');
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.some((i: any) => i.cn.id === 'cn:410300')).toBe(true); // 洛阳市
    for (const i of body.items) expect(i.cn.id).toMatch(/^cn:41/);
    const { body: oc } = await json('/api/relationships?continent=Oceania&limit=1000');
    expect(oc.items.length).toBeGreaterThan(0);
    for (const i of oc.items) expect(continentOf(i.foreign.country_iso2)).toBe('Oceania');
    expect(oc.items.some((i: any) => i.foreign.name_en === 'Auckland')).toBe(true);
  });

  it('pages with a cursor through every tie exactly once, in order, both ways', async () => {
    const total = (db.prepare('SELECT COUNT(*) FROM relationships').pluck().get() as number);
    for (const [sort, order] of [['date', 'asc'], ['date', 'desc'], ['country', 'asc'], ['cn', 'desc'], ['foreign', 'asc']]) {
      const seen: any[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const { status, body } = await json(`/api/relationships?sort=${sort}&order=${order}&limit=97${cursor ? `&cursor=${cursor}` : ''}`);
        expect(status).toBe(200);
        seen.push(...body.items);
        cursor = body.next_cursor;
        pages++;
      } while (cursor && pages < 100);
      expect(seen.length).toBe(total);
      expect(new Set(seen.map((i) => i.id)).size).toBe(total);
      if (sort === 'date') {
        const dated = seen.filter((i) => i.start_date).map((i) => i.start_date);
        const sorted = [...dated].sort();
        expect(dated).toEqual(order === 'asc' ? sorted : sorted.reverse());
        expect(seen.at(-1).start_date).toBeNull(); // undated last, both ways
      }
      if (sort === 'country') {
        const cs = seen.map((i) => i.foreign.country_iso2 ?? '');
        expect(cs).toEqual([...cs].sort());
      }
    }
  });

  it('refuses bad parameters with a 400 naming them', async () => {
    const cases: Array<[string, string]> = [
      ['limit=-1', 'limit'],
      ['limit=1001', 'limit'],
      ['from=abc', 'from'],
      ['to=20x0', 'to'],
      ['sort=nope', 'sort'],
      ['order=up', 'order'],
      ['kind=friend', 'kind'],
      ['continent=Atlantis', 'continent'],
      ['country=USA', 'country'],
      ['province=cn:210200', 'province'],
      ['format=xml', 'format'],
      ['cursor=garbage', 'cursor'],
      ['from=2010&to=2000', 'from'],
    ];
    for (const [qs, param] of cases) {
      const { status, body } = await json(`/api/relationships?${qs}`);
      expect(status, qs).toBe(400);
      expect(body.parameter, qs).toBe(param);
      expect(body.error, qs).toMatch(new RegExp(`^${param}: `));
    }
    expect((await json('/api/relationships?sort=nope')).body.error).toMatch(/date, country, cn, foreign/);
    // a cursor from another sort order is refused rather than silently misread
    const { body: page } = await json('/api/relationships?limit=5');
    const other = await json(`/api/relationships?limit=5&sort=country&cursor=${page.next_cursor}`);
    expect(other.status).toBe(400);
    expect(other.body.parameter).toBe('cursor');
    // unknown places
    expect((await json('/api/relationships?cn=cn:999999')).status).toBe(404);
    expect((await json('/api/relationships?province=cn:990000')).status).toBe(404);
  });

  it('streams every match as CSV (parsable), JSON Lines and GeoJSON', async () => {
    const total = (await json('/api/relationships?country=US&limit=1000')).body.items.length;
    expect(total).toBeGreaterThan(5);

    const csv = await get('/api/relationships?country=US&format=csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse(await csv.text(), { columns: true }) as Array<Record<string, string>>;
    expect(rows.length).toBe(total);
    for (const r of rows) expect(r.foreign_country_iso2).toBe('US');
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['id', 'cn_name_zh_hans', 'foreign_name_en', 'start_date', 'sources']));

    const viaAccept = await get('/api/relationships?country=US', { Accept: 'text/csv' });
    expect(parse(await viaAccept.text(), { columns: true }).length).toBe(total);

    const jsonl = await get('/api/relationships?country=US&format=jsonl');
    const lines = (await jsonl.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBe(total);

    const geo = await get('/api/relationships?format=geojson');
    expect(geo.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const fc = (await geo.json()) as any;
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(100);
    for (const f of fc.features) {
      // along the great circle, cut at the antimeridian where it crosses it (test/geojson-arcs.test.ts)
      expect(['LineString', 'MultiLineString']).toContain(f.geometry.type);
      const positions = f.geometry.type === 'LineString' ? f.geometry.coordinates : f.geometry.coordinates.flat();
      expect(positions.length).toBeGreaterThanOrEqual(2);
      for (const [lon, lat] of positions) {
        expect(Math.abs(lon)).toBeLessThanOrEqual(180);
        expect(Math.abs(lat)).toBeLessThanOrEqual(90);
      }
      expect(f.properties).toHaveProperty('cn_name_zh_hans');
      expect(f.properties).toHaveProperty('foreign_name_en');
      expect(f.properties).toHaveProperty('kind');
      expect(f.properties).toHaveProperty('status');
      expect(f.properties).toHaveProperty('start_date');
    }
  });
});

describe('GET /api/stats, /api/sources, /api/quality', () => {
  it('stats add up and know Guangzhou’s province', async () => {
    const { body } = await json('/api/stats');
    const n = body.totals.relationships;
    expect(n).toBeGreaterThan(500);
    const sum = (xs: any[]) => xs.reduce((a, x) => a + x.count, 0);
    expect(sum(body.by_country)).toBe(n);
    expect(sum(body.by_continent)).toBe(n);
    expect(sum(body.by_province)).toBe(n);
    expect(sum(body.by_kind)).toBe(n);
    expect(sum(body.by_level)).toBe(n);
    const gd = body.by_province.find((p: any) => p.key === 'cn:440000');
    expect(gd).toMatchObject({ name_zh_hans: '广东省' });
    expect(gd.count).toBeGreaterThanOrEqual(107); // Guangzhou's own list has 107 ties
    expect(body.by_year.find((y: any) => y.year === 1979).sister).toBeGreaterThan(0);
    expect(body.by_continent.map((c: any) => c.key)).toEqual(expect.arrayContaining(['Asia', 'Europe', 'Oceania']));
  });

  it('sources list the four documents with declared totals against counts', async () => {
    const { body } = await json('/api/sources');
    expect(body.sources.map((s: any) => s.file_name).sort()).toEqual([
      '000_0f381ef73e09f27f.txt',
      '001_2be138cf16039818.txt',
      '002_1b86fcdda1af5c3a.txt',
      '003_d8932dca6923e789.txt',
    ]);
    const gz = body.sources.find((s: any) => s.file_name === '002_1b86fcdda1af5c3a.txt');
    expect(gz.current).toBe(true);
    expect(gz.check.totals.some((t: any) => t.declared.countries === 68 && t.declared.places === 107 && t.ok)).toBe(true);
    const one = await json(`/api/sources/${gz.id}`);
    expect(one.status).toBe(200);
    expect(one.body.source.file_name).toBe('002_1b86fcdda1af5c3a.txt');
    expect(Array.isArray(one.body.check.messages)).toBe(true);
    const byName = await json('/api/sources/000_0f381ef73e09f27f.txt');
    expect(byName.body.check.doubtfulRows.length).toBe(7);
    expect((await json('/api/sources/9999')).status).toBe(404);
  });

  it('quality is the whole report', async () => {
    const { body } = await json('/api/quality');
    expect(body.documents.length).toBe(4);
    expect(body.reconciliation.conflicts.length).toBe(1);
    expect(Array.isArray(body.reconciliation.unresolved)).toBe(true);
  });
});

describe('caching, documentation, errors', () => {
  it('data carries an ETag and Cache-Control; If-None-Match gets a 304', async () => {
    const first = await get('/api/places/cn:210200/partners');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('cache-control')).toMatch(/must-revalidate|no-cache/);
    const again = await get('/api/places/cn:210200/partners', { 'If-None-Match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // another representation has another tag
    const csv = await get('/api/places/cn:210200/partners', { Accept: 'text/csv', 'If-None-Match': etag! });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('etag')).not.toBe(etag);
    // errors are not cached
    const bad = await get('/api/search?q=x&limit=-1');
    expect(bad.headers.get('etag')).toBeNull();
  });

  it('the same answer comes from the cache as from the query, and without the cache', async () => {
    const uncached = createApp(db, { staticDir: webDir, cache: false });
    for (const p of ['/api/search?q=大连', '/api/places/cn:210200/partners', '/api/relationships?country=US&from=1990&to=2010']) {
      const a = await (await get(p)).text();
      const b = await (await get(p)).text();
      const c = await (await uncached.request(p)).text();
      expect(b).toBe(a);
      expect(c).toBe(a);
    }
  });

  it('publishes an OpenAPI document and a readable page generated from it', async () => {
    const { status, body } = await json('/openapi.json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/search', '/api/places/{id}', '/api/places/{id}/partners', '/api/relationships', '/api/stats', '/api/sources', '/api/sources/{id}', '/api/quality']),
    );
    const rel = body.paths['/api/relationships'].get;
    expect(rel.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['cn', 'province', 'country', 'continent', 'from', 'to', 'sort', 'order', 'cursor', 'limit', 'format']));
    const page = await get('/api');
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('/api/relationships');
    expect(html).toContain('continent');
    expect(html).not.toMatch(/<script/i);
  });

  it('an unknown API route is a JSON 404, not the web app', async () => {
    const { status, body } = await json('/api/nothing/here');
    expect(status).toBe(404);
    expect(body.error).toMatch(/no such API route/);
  });
});

describe('a real server (port 0)', () => {
  let server: RunningServer;
  const logs: string[] = [];
  beforeAll(async () => {
    server = await startServer({ dbPath, port: 0, staticDir: webDir, log: (l) => logs.push(l) });
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A request whose path goes on the wire exactly as written (fetch would normalize "..") */
  function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, any>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('says where it listens and logs one JSON line per request', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/api/search?q=${encodeURIComponent('大连')}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).results[0].id).toBe('cn:210200');
    await new Promise((r) => setImmediate(r));
    const line = JSON.parse(logs.at(-1)!);
    expect(line).toMatchObject({ method: 'GET', status: 200 });
    expect(line.path).toMatch(/^\/api\/search\?q=/);
    expect(typeof line.ms).toBe('number');
  });

  it('compresses with gzip or Brotli when asked, and not otherwise', async () => {
    const plain = await raw('/api/places/cn:210200/partners');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const gz = await raw('/api/places/cn:210200/partners', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/Accept-Encoding/);
    expect(gz.body.length).toBeLessThan(plain.body.length / 3);
    expect(gunzipSync(gz.body).toString()).toBe(plain.body.toString());
    const br = await raw('/api/places/cn:210200/partners', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(plain.body.toString());
    // a streamed export is compressed on the fly
    const csv = await raw('/api/relationships?format=csv', { 'Accept-Encoding': 'gzip' });
    expect(csv.headers['content-encoding']).toBe('gzip');
    expect(parse(gunzipSync(csv.body).toString(), { columns: true }).length).toBe(
      db.prepare('SELECT COUNT(*) FROM relationships').pluck().get(),
    );
  });

  it('a cached answer comes again the same, in each encoding, with its security headers and true lengths', async () => {
    const path = '/api/places/cn:440100/partners?k=cache-encodings'; // a URL no other test asks for: the first is a miss
    const variants: Array<[string, Record<string, string>, (b: Buffer) => Buffer]> = [
      ['identity', {}, (b) => b],
      ['gzip', { 'Accept-Encoding': 'gzip' }, gunzipSync],
      ['br', { 'Accept-Encoding': 'br;q=1, gzip;q=0.5' }, brotliDecompressSync],
    ];
    let text: string | null = null;
    for (const [enc, headers, decode] of variants) {
      for (const round of ['first', 'again']) {
        const r = await raw(path, headers);
        const what = `${enc}, ${round}`;
        expect(r.status, what).toBe(200);
        expect(r.headers['content-encoding'] ?? 'identity', what).toBe(enc);
        expect(Number(r.headers['content-length']), what).toBe(r.body.length);
        expect(r.headers['content-security-policy'], what).toMatch(/default-src 'self'/);
        expect(r.headers['x-content-type-options'], what).toBe('nosniff');
        expect(r.headers.etag, what).toMatch(/^W\/"/);
        expect(r.headers.vary, what).toMatch(/Accept-Encoding/);
        const body = decode(r.body).toString();
        text ??= body;
        expect(body, what).toBe(text);
      }
    }
    // Guangzhou's list has 107 rows, each one tie (two of them to places called 奥克兰)
    expect((JSON.parse(text!) as { partners: unknown[] }).partners.length).toBeGreaterThanOrEqual(107);
    // a HEAD has the headers and no body
    const head = await new Promise<{ status: number; headers: Record<string, any>; length: number }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method: 'HEAD', headers: { 'Accept-Encoding': 'br' } }, (res) => {
        let length = 0;
        res.on('data', (c: Buffer) => (length += c.length));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, length }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(head.status).toBe(200);
    expect(head.length).toBe(0);
    expect(head.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });

  it('serves the web app’s files and falls back to index.html for its routes', async () => {
    const asset = await raw('/assets/app-abc123.js', { 'Accept-Encoding': 'gzip' });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    expect(gunzipSync(asset.body).toString()).toContain('console.log("app")');
    for (const path of ['/', '/place/cn:210200', '/map?country=NZ', '/index.html']) {
      const r = await raw(path);
      expect(r.status, path).toBe(200);
      expect(r.headers['content-type']).toMatch(/text\/html/);
      expect(r.body.toString()).toContain('SPA-INDEX');
    }
  });

  it('does not let a path climb out of the web folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/../../package.json',
      '/%2e%2e/secret.txt',
      '/%2e%2e/%2e%2e/package.json',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%5c%2e%2e%5csecret.txt',
      '/%252e%252e/secret.txt',
      '//etc/passwd',
      '/..%00/secret.txt',
    ]) {
      const r = await raw(path);
      const text = r.body.toString();
      expect(text, path).not.toContain('TOP-SECRET-CONTENT');
      expect(text, path).not.toContain('"name": "youcheng"');
      expect(text, path).not.toMatch(/root:.*:0:0:/);
    }
  });

  it('says the web app is not built when its folder has no index.html', async () => {
    const bare = createApp(db, { staticDir: join(secretDir, 'nothing-here') });
    const r = await bare.request('/some/route');
    expect(r.status).toBe(200);
    expect(await r.text()).toMatch(/not built/);
  });
});
