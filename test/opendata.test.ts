// The registry `npm start` builds, as open data: the QuickStatements batch an editor would run on Wikidata,
// coverage against the official totals and each source, and the network of ties. Expected values were read
// off the bundled files by hand (lines given).
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { openRegistry, type DB } from '../src/registry/db.js';
import { DATASETS_DIR } from '../src/paths.js';
import { ingestPaths } from '../src/cli/main.js';
import { exportChunks } from '../src/publish/stream.js';
import { coverage } from '../src/registry/coverage.js';
import { buildNetwork, networkSummary, shortestChain } from '../src/publish/families.js';
import { wikidataIds } from '../src/publish/wikidata-ids.js';
import { patchRelationship } from '../src/service/edits.js';
import { createApp } from '../src/server/app.js';
import { parseV1 } from './qs-grammar.js';
import { defaultRegistry, tempDir } from './registry-helpers.js';

const text = (db: DB, what: string, format: string, opts = {}) => [...exportChunks(db, what, format, opts)].join('');

let db: DB;
beforeAll(async () => {
  db = (await defaultRegistry()).db;
}, 180_000);

describe('QuickStatements on the default registry', () => {
  let lines: string[];
  let stats: Record<string, number>;
  beforeAll(() => {
    stats = {};
    lines = text(db, 'relationships', 'quickstatements', { stats }).split('\n');
    expect(lines.pop()).toBe('');
  });

  it('hundreds of statements, every line valid V1, a reference on every one', () => {
    expect(stats.statements).toBeGreaterThanOrEqual(200);
    expect(lines.length).toBe(stats.lines);
    for (const l of lines) {
      const s = parseV1(l);
      expect(s.property).toBe('P190');
      const refs = new Map(s.references);
      // where it was read, and when; then what it is: a URL, a title or the publication's item
      expect(refs.has('S813'), l).toBe(true);
      expect(refs.has('S854') || refs.has('S1476') || refs.has('S248'), l).toBe(true);
    }
  });

  it('both directions of every tie, with the same qualifiers', () => {
    const key = (l: string) => {
      const s = parseV1(l);
      return `${s.item}>${s.value}|${s.qualifiers.map((q) => q.join(' ')).join(';')}`;
    };
    const all = new Set(lines.map(key));
    for (const l of lines) {
      const s = parseV1(l);
      expect(all.has(`${s.value}>${s.item}|${s.qualifiers.map((q) => q.join(' ')).join(';')}`), l).toBe(true);
    }
  });

  it('leaves out what the snapshot already says (missing-only), unless asked for every tie', () => {
    // The item pairs of links.tsv, read from the file itself.
    const held = new Set(
      readFileSync(join(DATASETS_DIR, 'wikidata-twins', 'links.tsv'), 'utf8')
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((l) => l.split('\t').sort().join('|')),
    );
    for (const l of lines) {
      const s = parseV1(l);
      expect(held.has([s.item, s.value].sort().join('|')), l).toBe(false);
    }
    // links.tsv line 102: Q74881 Q20934 (Dalian – Incheon) is in the snapshot: only the full batch has it.
    expect(lines.some((l) => l.startsWith('Q74881\tP190\tQ20934\t'))).toBe(false);
    const every = text(db, 'relationships', 'quickstatements', { allTies: true });
    expect(every).toContain('Q74881\tP190\tQ20934\tP580\t+1994-04-02T00:00:00Z/11\tS854\t"http://www.wb.dl.gov.cn/info/19244_23923.vm"');
    expect(stats.held).toBeGreaterThan(0);
  });

  it('a reference with quotes and a tab keeps them: quotes as written, the tab a space', () => {
    // Dalian – Genoa (热那亚) is a listed tie of Dalian's list; an editor cites a report with a quoted title.
    const id = db
      .prepare(`SELECT r.id FROM relationships r JOIN places f ON f.id = r.foreign_place_id WHERE r.cn_place_id = 'cn:210200' AND f.name_en = 'Genoa'`)
      .pluck()
      .get() as number;
    patchRelationship(db, { name: 'tester' }, id, { date: '1985-05-27', reference: 'Annual report "Friends of Genoa"\t2019' });
    const batch = text(db, 'relationships', 'quickstatements', { allTies: true });
    const line = batch.split('\n').find((l) => l.includes('Annual report'))!;
    expect(line).toMatch(/\tS1476\ten:"Annual report "Friends of Genoa" 2019"\tS813\t\+\d{4}-\d{2}-\d{2}T00:00:00Z\/11$/);
    expect(() => parseV1(line)).not.toThrow();
  });

  it('GET /api/wikidata/quickstatements gives the batch with what each tie adds', async () => {
    const app = createApp(db, { staticDir: tempDir(), log: false } as never);
    const body = (await (await app.request('/api/wikidata/quickstatements')).json()) as {
      missing_only: boolean;
      statements: number;
      items: Array<{ cn: { qid: string }; foreign: { qid: string }; lines: string[] }>;
    };
    expect(body.missing_only).toBe(true);
    expect(body.statements).toBe(body.items.length * 2);
    const plain = await (await app.request('/api/wikidata/quickstatements?format=text')).text();
    expect(plain.split('\n').filter(Boolean).length).toBe(body.items.reduce((n, i) => n + i.lines.length, 0));
  });
});

describe('coverage against the official totals and each source', () => {
  it('the national figures of 2024-11-19, and each source with its own counts', () => {
    const c = coverage(db);
    expect(c.official).toMatchObject({ asOf: '2024-11-19', ties: 3054, countries: 147, cnProvinces: 31, cnCities: 543, foreignProvinces: 602, foreignCities: 1871 });
    // (the editor's source of the test above is a source too, of type edit)
    expect(c.sources.filter((s) => s.type !== 'edit').map((s) => [s.source_key, s.type])).toEqual([
      ['000_0f381ef73e09f27f.txt', 'official list'],
      ['001_2be138cf16039818.txt', 'official list'],
      ['002_1b86fcdda1af5c3a.txt', 'official list'],
      ['003_d8932dca6923e789.txt', 'encyclopedia'],
      ['hekman-twincities-china', 'dataset'],
      ['wikidata-twins', 'dataset'],
    ]);
    // Xi'an's list: 40 ties of one Chinese city, in 33 countries (its own declared total: 33 countries, 40 places).
    expect(c.sources.find((s) => s.source_key === '001_2be138cf16039818.txt')).toMatchObject({ ties: 40, countries: 33, cnCities: 1, cnProvinces: 0 });
    expect(c.registry.ties).toBeLessThanOrEqual(c.sources.reduce((n, s) => n + s.ties, 0));
    const shaanxi = c.byProvince.find((p) => p.id === 'cn:610000')!;
    expect(shaanxi.bySource['001_2be138cf16039818.txt']).toBe(40);
  });

  it('a name two sources put in different countries: Wenzhou – Ipswich', () => {
    // twincities-china-slice.csv line 958: Wenzhou,China,Ipswich,"England, United Kingdom";
    // links.tsv line 2496: Q1009253 (Ipswich, AU, nodes.tsv) – Q42635 (Wenzhou).
    const c = coverage(db);
    const w = c.placedApart.find((p) => p.cn === '温州市' && p.name === 'Ipswich')!;
    expect(w.places.map((p) => [p.country_iso2, p.source, p.line]).sort()).toEqual([
      ['AU', 'links.tsv', 2496],
      ['GB', 'twincities-china-slice.csv', 958],
    ]);
  });
});

describe('the network of ties', () => {
  it('families, degree, the shortest chain and family ids in GraphML/GEXF, on a small registry', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'pairs.csv'),
      'city1,country1,city2,country2\nDalian,China,Genoa,Italy\nGuangzhou,China,Genoa,Italy\nGuangzhou,China,Fukuoka,Japan\nHarbin,China,Edmonton,Canada\n',
    );
    const small = openRegistry(join(dir, 'r.db'));
    await ingestPaths(small, [join(dir, 'pairs.csv')], { quiet: true, json: true });
    const n = buildNetwork(small);
    const name = (id: string) => small.prepare('SELECT name_en FROM places WHERE id = ?').pluck().get(id) as string;
    expect(n.families.map((f) => f.map(name).sort())).toEqual([
      ['Dalian', 'Fukuoka', 'Genoa', 'Guangzhou'],
      ['Edmonton', 'Harbin'],
    ]);
    const dalian = n.families[0]!.find((id) => name(id) === 'Dalian')!;
    const fukuoka = n.families[0]!.find((id) => name(id) === 'Fukuoka')!;
    const harbin = n.families[1]!.find((id) => name(id) === 'Harbin')!;
    expect(shortestChain(n, dalian, fukuoka)!.map(name)).toEqual(['Dalian', 'Genoa', 'Guangzhou', 'Fukuoka']);
    expect(shortestChain(n, dalian, harbin)).toBeNull();
    const s = networkSummary(small, wikidataIds(small, { packageDir: null }));
    expect(s.topDegree.slice(0, 2).map((p) => [p.name, p.degree]).sort()).toEqual([['广州市', 2], ['热那亚', 2]]);
    expect(s.familySizes).toEqual([{ size: 4, families: 1 }, { size: 2, families: 1 }]);

    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
    const gm = xml.parse(text(small, 'relationships', 'graphml')).graphml.graph;
    const fam = (nodeId: string, k: string) => gm.node.find((x: { '@id': string }) => x['@id'] === nodeId).data.find((d: Record<string, string>) => d['@key'] === k)['#text'];
    expect([fam(dalian, 'n_family'), fam(dalian, 'n_family_size'), fam(harbin, 'n_family'), fam(harbin, 'n_family_size')]).toEqual(['F1', 4, 'F2', 2]);
    const gx = xml.parse(text(small, 'relationships', 'gexf')).gexf;
    const famAttr = gx.graph.attributes[0].attribute.find((a: Record<string, string>) => a['@title'] === 'family')['@id'];
    const node = gx.graph.nodes.node.find((x: { '@id': string }) => x['@id'] === harbin);
    expect(node.attvalues.attvalue.find((v: Record<string, string>) => v['@for'] === famAttr)['@value']).toBe('F2');
    small.close();
  });

  it('triangles on the default registry: Beijing – Tehran – Bangkok, closed by the snapshot', async () => {
    // links.tsv line 630 Q956–Q3616 (Beijing–Tehran), 7660 Q956–Q1861 (Beijing–Bangkok), 731 Q1861–Q3616 (Bangkok–Tehran).
    const s = networkSummary(db, wikidataIds(db, { packageDir: null }));
    const t = s.triangles.find((x) => x.places[0]!.id === 'cn:110000' && x.link.includes('Q3616') && x.link.includes('Q1861'));
    expect(t).toBeTruthy();
    expect(t!.places.map((p) => p.name).slice(1).sort()).toEqual(['德黑兰', '曼谷'].sort());
    const app = createApp(db, { staticDir: tempDir(), log: false } as never);
    // Dalian and Guangzhou share a partner (Genoa, among others): two ties apart.
    const path = (await (await app.request('/api/network/path?from=cn:210200&to=cn:440100')).json()) as { chain: Array<{ id: string }> };
    expect(path.chain.length).toBe(3);
    expect((await app.request('/api/network/path?from=cn:210200&to=nowhere')).status).toBe(404);
    const summary = (await (await app.request('/api/network')).json()) as { families: Array<{ size: number }>; triangles: unknown[] };
    expect(summary.families[0]!.size).toBeGreaterThan(1000);
    expect(summary.triangles.length).toBe(s.triangles.length);
  });
});
