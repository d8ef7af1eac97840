// Whole-registry downloads over HTTP, each read back by a parser of its format.
import { describe, it, expect, beforeAll } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { parse } from 'csv-parse/sync';
import type { DB } from '../src/registry/db.js';
import { createApp } from '../src/server/app.js';
import { sampleRegistry, tempDir } from './registry-helpers.js';

let db: DB;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  ({ db } = await sampleRegistry());
  app = createApp(db, { staticDir: tempDir(), log: false } as never);
});

describe('GET /api/export/:what', () => {
  it('streams relationships as GEXF that an XML parser reads, one edge per relationship', async () => {
    const res = await app.request('/api/export/relationships?format=gexf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/youcheng-relationships\.gexf/);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(await res.text());
    const edges = xml.gexf.graph.edges.edge;
    expect(edges.length).toBe(db.prepare('SELECT COUNT(*) FROM relationships').pluck().get());
  });

  it('streams places as CSV with a byte-order mark for spreadsheets', async () => {
    const res = await app.request('/api/export/places?format=csv&bom=1');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(new TextDecoder().decode(bytes.slice(3)), { columns: true }) as Array<Record<string, string>>;
    expect(rows.find((r) => r.id === 'cn:210200')?.name_zh_hans).toBe('大连市');
  });

  it('refuses an unknown format with a 400 naming the parameter', async () => {
    const res = await app.request('/api/export/places?format=xlsx');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { parameter: string }).parameter).toBe('format');
  });
});
