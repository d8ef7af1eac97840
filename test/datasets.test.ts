// The bundled open datasets read as sources: the Wikidata snapshot (nodes.tsv + links.tsv) and Hekman's CSV of
// pairs from English Wikipedia. Expected values were read off the files' rows by hand (line numbers included).
import { describe, it, expect, beforeAll } from 'vitest';
import { join } from 'node:path';
import type { DB } from '../src/registry/db.js';
import { DATASETS_DIR } from '../src/paths.js';
import { chooseReader, readers } from '../src/readers/index.js';
import { networkReader } from '../src/readers/network.js';
import { pairsReader } from '../src/readers/pairs.js';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { createApp } from '../src/server/app.js';
import { defaultRegistry, tempDir } from './registry-helpers.js';

const WD = join(DATASETS_DIR, 'wikidata-twins');
const links = readFileSync(join(WD, 'links.tsv'), 'utf8');
const nodes = readFileSync(join(WD, 'nodes.tsv'), 'utf8');
const pairs = readFileSync(join(DATASETS_DIR, 'twincities-china-slice.csv'), 'utf8');

describe('the readers of datasets', () => {
  it('are registered before the general reader, which stays last, and are chosen for their files', () => {
    const names = readers.map((r) => r.name);
    expect(names.at(-1)).toBe('lists');
    expect(names.indexOf('nodes-links')).toBeLessThan(names.indexOf('lists'));
    expect(names.indexOf('pairs')).toBeLessThan(names.indexOf('lists'));
    expect(chooseReader(links, 'links.tsv').reader?.name).toBe('nodes-links');
    expect(chooseReader(pairs, 'twincities-china-slice.csv').reader?.name).toBe('pairs');
  });

  it('a network: only the 1,226 ties with one Chinese end (mainland 1,059, Taiwan 155, Macau 11, Hong Kong 1)', () => {
    const r = networkReader.read(links, { fileName: 'links.tsv', companion: (n) => (n === 'nodes.tsv' ? nodes : null) });
    expect(r.rows.length).toBe(1226);
    const bySection = (s: string | null) => r.rows.filter((x) => x.section === s).length;
    expect(bySection(null)).toBe(1059);
    expect(bySection('Taiwan (TW)')).toBe(155);
    expect(bySection('Macau (MO)')).toBe(11);
    expect(bySection('Hong Kong (HK)')).toBe(1);
    // 10,596 links: 1,244 touch a Chinese end, 18 of them join two (17 mainland, 1 Taiwanese).
    expect(r.messages.map((m) => m.reason)).toEqual([
      '9352 ties with no Chinese end were left out',
      '18 ties between two Chinese places were left out: they are not international',
    ]);
    // links.tsv line 102: Q74881 Q20934 = Dalian (nodes line 85) – Incheon (nodes line 1502, South Korea, KR).
    expect(r.rows.find((x) => x.line === 102)).toMatchObject({
      cnPlace: 'Dalian',
      foreignPlace: 'Incheon',
      country: 'KR',
      facts: { wikidata: 'Q20934' },
      note: 'Wikidata: Q74881 (nodes.tsv line 85) – Q20934 (line 1502)',
    });
    // line 580: Q8646 Hong Kong – Q612 Dubai: Hong Kong kept apart under its own code.
    expect(r.rows.find((x) => x.line === 580)).toMatchObject({ cnPlace: 'Hong Kong', section: 'Hong Kong (HK)', foreignPlace: 'Dubai', country: 'AE' });
  });

  it('a network without its nodes table is read as no ties, saying why', () => {
    const r = networkReader.read(links, { fileName: 'links.tsv', companion: () => null });
    expect(r.rows).toEqual([]);
    expect(r.messages[0]?.reason).toBe('the links need their nodes table: no nodes.tsv beside links.tsv');
  });

  it('a CSV of pairs: the Chinese end from the countries, qualifiers and a country written into the place', () => {
    const r = pairsReader.read(pairs, { fileName: 'twincities-china-slice.csv' });
    expect(r.rows.length).toBe(1238);
    // line 2: Anguo,China,Dongdaemun (Seoul),South Korea
    expect(r.rows[0]).toMatchObject({ line: 2, cnPlace: 'Anguo', foreignPlace: 'Dongdaemun', foreignQualifier: 'Seoul', country: 'South Korea' });
    // line 654: Ningbo,China,"Varna, Bulgaria", (no country cell)
    expect(r.rows.find((x) => x.line === 654)).toMatchObject({ cnPlace: 'Ningbo', foreignPlace: 'Varna', country: 'Bulgaria' });
    // line 841: "Suzhou, Jiangsu",China,Antananarivo,Madagascar — the qualifier stays for the resolver
    expect(r.rows.find((x) => x.line === 841)).toMatchObject({ cnPlace: 'Suzhou, Jiangsu', foreignPlace: 'Antananarivo' });
    // The Chinese end is found from the countries, whichever column it stands in.
    const swapped = pairsReader.read('city1,country1,city2,country2\nNara,Japan,Xi\'an,China\nLyon,France,Turin,Italy\n', { fileName: 'x.csv' });
    expect(swapped.rows).toEqual([expect.objectContaining({ line: 2, cnPlace: "Xi'an", foreignPlace: 'Nara', country: 'Japan' })]);
    expect(swapped.messages[0]?.reason).toBe('1 ties with no Chinese end were left out');
  });
});

describe('the registry npm start builds: sample lists and datasets', () => {
  let db: DB;
  beforeAll(async () => {
    db = (await defaultRegistry()).db;
  }, 120_000);

  it('holds each source with its type', () => {
    const rows = db.prepare('SELECT source_key, type, format, rows_read FROM sources ORDER BY id').all();
    expect(rows).toEqual([
      { source_key: '000_0f381ef73e09f27f.txt', type: 'official list', format: 'wikitext', rows_read: 41 },
      { source_key: '001_2be138cf16039818.txt', type: 'official list', format: 'delimited', rows_read: 40 },
      { source_key: '002_1b86fcdda1af5c3a.txt', type: 'official list', format: 'delimited', rows_read: 107 },
      { source_key: '003_d8932dca6923e789.txt', type: 'encyclopedia', format: 'markdown', rows_read: 352 },
      { source_key: 'hekman-twincities-china', type: 'dataset', format: 'pairs', rows_read: 1238 },
      { source_key: 'wikidata-twins', type: 'dataset', format: 'nodes-links', rows_read: 1226 },
    ]);
  });

  it("a dataset never overwrites an official list's kind or date: they disagree as a conflict", () => {
    // Dalian's list, line 48: 仁川广域市, 1994-04-02, under 友好合作关系城市 (cooperation); the snapshot's links.tsv
    // line 102 has Dalian–Incheon as a twinning.
    const rel = db
      .prepare(
        `SELECT r.id, r.kind, r.start_date FROM relationships r JOIN places f ON f.id = r.foreign_place_id
         WHERE r.cn_place_id = 'cn:210200' AND f.name_en = 'Incheon'`,
      )
      .get() as { id: number; kind: string; start_date: string };
    expect(rel).toMatchObject({ kind: 'cooperation', start_date: '1994-04-02' });
    const conflict = db.prepare(`SELECT field, detail FROM conflicts WHERE relationship_id = ?`).get(rel.id) as { field: string; detail: string };
    expect(conflict.field).toBe('kind');
    expect(JSON.parse(conflict.detail).map((v: { value: string; source: string; line: number }) => [v.value, v.source, v.line])).toEqual([
      ['cooperation', '000_0f381ef73e09f27f.txt', 48],
      ['sister', 'links.tsv', 102],
    ]);
  });
});

describe('filtering by source type (API and exports)', () => {
  let db: DB;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    db = (await defaultRegistry()).db;
    app = createApp(db, { staticDir: tempDir(), log: false } as never);
  }, 120_000);

  it('GET /api/relationships?source_type= keeps the ties such a source lists; each source says its type', async () => {
    // Xi'an's own list (001) has 40 rows, all listed ties of 西安市 (cn:610100).
    const official = (await (await app.request('/api/relationships?cn=cn:610100&source_type=official%20list&limit=1000')).json()) as {
      items: Array<{ sources: Array<{ source: string; type: string }> }>;
    };
    expect(official.items.length).toBe(40);
    expect(official.items.every((i) => i.sources.some((s) => s.source === '001_2be138cf16039818.txt' && s.type === 'official list'))).toBe(true);
    // Dalian–Incheon (above) is listed by Dalian's list and by the snapshot: it is in both filters.
    const both = async (t: string) =>
      ((await (await app.request(`/api/relationships?cn=cn:210200&q=Incheon&source_type=${encodeURIComponent(t)}`)).json()) as { items: unknown[] }).items
        .length;
    expect(await both('dataset')).toBe(1);
    expect(await both('official list')).toBe(1);
    expect(await both('edit')).toBe(0);
    expect((await app.request('/api/relationships?source_type=blog')).status).toBe(400);
  });

  it('exports keep only the claims of the types asked for', async () => {
    const res = await app.request('/api/export/claims?format=csv&source_type=dataset');
    const rows = parse(await res.text(), { columns: true }) as Array<Record<string, string>>;
    expect(rows.length).toBe(1238 + 1226);
    expect(new Set(rows.map((r) => r.source_type))).toEqual(new Set(['dataset']));
    expect((await app.request('/api/export/claims?format=csv&source_type=blog')).status).toBe(400);
  });
});
