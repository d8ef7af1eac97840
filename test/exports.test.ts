// Every export format, read back with a real parser: csv-parse, JSON, @placemarkio/check-geojson,
// fast-xml-parser; QuickStatements against a grammar of its command lines.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { check, getIssues } from '@placemarkio/check-geojson';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { DB } from '../src/registry/db.js';
import { ingestPaths } from '../src/cli/main.js';
import { endRelationship, patchRelationship, setWikidata } from '../src/service/edits.js';
import { CONTENT_TYPES, EXCHANGE_FORMATS, exportChunks, exportStream, ExportError, FORMATS_OF, writeExport } from '../src/publish/stream.js';
import { networkCounts } from '../src/publish/network.js';
import { qsMonolingual, qsTime, qsUrl } from '../src/publish/quickstatements.js';
import { parseV1, v1Value } from './qs-grammar.js';
import { wikidataIds } from '../src/publish/wikidata-ids.js';
import { xmlEscape } from '../src/publish/xml.js';
import { gexfDate } from '../src/publish/graph.js';
import { sampleRegistry, tempDir } from './registry-helpers.js';

const text = (db: DB, what: string, format: string, opts: Parameters<typeof exportChunks>[3] = {}) =>
  [...exportChunks(db, what, format, opts)].join('');
const one = <T>(db: DB, sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as T;

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => ['node', 'edge', 'key', 'data', 'attribute', 'attvalue', 'attributes'].includes(name),
});

/** A place id by its simplified Chinese name (the samples have one of each used here). */
const placeId = (db: DB, zh: string) => one<string>(db, 'SELECT id FROM places WHERE name_zh_hans = ? ORDER BY resolved DESC, id LIMIT 1', zh);
const tieId = (db: DB, cn: string, f: string) =>
  one<number>(db, 'SELECT id FROM relationships WHERE cn_place_id = ? AND foreign_place_id = ?', placeId(db, cn), placeId(db, f));

let db: DB;
/** A foreign place name that needs every kind of XML escaping. */
const NASTY = `Ampersand & <Angle> "Double" 'Single' Town`;

beforeAll(async () => {
  ({ db } = await sampleRegistry());
  // One more document: a tie with a place whose name only escaping keeps well-formed.
  const dir = join(tempDir(), 'nasty');
  mkdirSync(dir);
  writeFileSync(join(dir, 'nasty.csv'), `城市,国家,结好时间\n"${NASTY.replace(/"/g, '""')}",日本,2001-02-03\n`);
  await ingestPaths(db, [dir], { owner: '广州市', quiet: true, json: true });
});

describe('CSV and JSON Lines', () => {
  it('relationships CSV round-trips through csv-parse, with and without a byte-order mark', () => {
    const plain = text(db, 'relationships', 'csv');
    const bom = text(db, 'relationships', 'csv', { bom: true });
    expect(plain.charCodeAt(0)).not.toBe(0xfeff);
    expect(bom.charCodeAt(0)).toBe(0xfeff);
    expect(bom.slice(1)).toBe(plain);
    const rows = parse(plain, { columns: true }) as Array<Record<string, string>>;
    const rowsBom = parse(bom, { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rowsBom).toEqual(rows);
    // without telling the parser, the mark sticks to the first column's name: it is really there
    expect(Object.keys((parse(bom, { columns: true }) as object[])[0]!)[0]).toBe('\uFEFFid');
    expect(rows.length).toBe(one<number>(db, 'SELECT COUNT(*) FROM relationships'));
    const jsonl = text(db, 'relationships', 'jsonl').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => Number(r.id))).toEqual(jsonl.map((r) => r.id));
    // nested values are JSON in their cell
    const withSources = rows.find((r) => JSON.parse(r.sources!).length > 0)!;
    expect(JSON.parse(withSources.sources!)[0]).toHaveProperty('line');
  });

  it('claims CSV keeps names in any script, quotes and commas exactly', () => {
    const rows = parse(text(db, 'claims', 'csv', { bom: true }), { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows.length).toBe(one<number>(db, `SELECT COUNT(*) FROM claims WHERE source_id IN (SELECT id FROM sources WHERE format <> 'edit')`));
    expect(rows.some((r) => r.foreign_place === NASTY)).toBe(true);
    expect(rows.some((r) => r.cn_place === '大连市' && r.foreign_place === '北九州')).toBe(true);
  });

  it('places JSON Lines parse line by line; JSON parses whole', () => {
    const lines = text(db, 'places', 'jsonl').trimEnd().split('\n');
    expect(lines.length).toBe(one<number>(db, 'SELECT COUNT(*) FROM places'));
    const arr = JSON.parse(text(db, 'places', 'json'));
    expect(arr.map((p: { id: string }) => p.id)).toEqual(lines.map((l) => JSON.parse(l).id));
  });
});

describe('GeoJSON', () => {
  it('places: a valid FeatureCollection of Points, one per place with coordinates', () => {
    const s = text(db, 'places', 'geojson');
    expect(getIssues(s)).toEqual([]);
    const fc = check(s) as unknown as { features: Array<{ id: string; geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }> };
    expect(fc.features.length).toBe(one<number>(db, 'SELECT COUNT(*) FROM places WHERE lat IS NOT NULL AND lon IS NOT NULL'));
    const gz = fc.features.find((f) => f.id === 'cn:440100')!;
    expect(gz.geometry.type).toBe('Point');
    const [lon, lat] = gz.geometry.coordinates;
    expect(lon).toBeCloseTo(113.25, 0); // longitude first (RFC 7946)
    expect(lat).toBeCloseTo(23.1, 0);
    expect(gz.properties).toMatchObject({ name_zh_hans: '广州市', name_en: 'Guangzhou', country_iso2: 'CN', admin_level: 'city', gbt2260: '440100' });
    expect(gz.properties.names).toContain('广州市');
    for (const f of fc.features) {
      expect(Math.abs(f.geometry.coordinates[0]!)).toBeLessThanOrEqual(180);
      expect(Math.abs(f.geometry.coordinates[1]!)).toBeLessThanOrEqual(90);
    }
  });

  it('relationships: a valid FeatureCollection of LineStrings, only ties whose two places have coordinates', () => {
    const stats: Record<string, number> = {};
    const s = text(db, 'relationships', 'geojson', { stats });
    expect(getIssues(s)).toEqual([]);
    const fc = check(s) as unknown as { features: Array<{ geometry: { type: string; coordinates: number[][] }; properties: Record<string, unknown> }> };
    const expected = one<number>(
      db,
      `SELECT COUNT(*) FROM relationships r JOIN places a ON a.id = r.cn_place_id JOIN places b ON b.id = r.foreign_place_id
       WHERE a.lat IS NOT NULL AND a.lon IS NOT NULL AND b.lat IS NOT NULL AND b.lon IS NOT NULL`,
    );
    expect(expected).toBeLessThan(one<number>(db, 'SELECT COUNT(*) FROM relationships')); // some are left out
    expect(fc.features.length).toBe(expected);
    expect(stats.features).toBe(expected);
    // lines along the great circle; those that cross the antimeridian are cut there (RFC 7946 §3.1.9)
    expect(new Set(fc.features.map((f) => f.geometry.type))).toEqual(new Set(['LineString', 'MultiLineString']));
    const fukuoka = fc.features.find((f) => f.properties.cn_name_zh_hans === '广州市' && f.properties.foreign_name_zh_hans === '福冈')!;
    expect(fukuoka.properties).toMatchObject({ kind: 'sister', status: 'listed', start_date: '1979-05-02', start_precision: 'day', country_iso2: 'JP' });
    expect(fukuoka.geometry.type).toBe('LineString');
    expect(fukuoka.geometry.coordinates.at(-1)![0]).toBeCloseTo(130.4, 0);
  });

  it('claims have no GeoJSON form: a clear error, before anything is written', () => {
    expect(() => exportChunks(db, 'claims', 'geojson')).toThrow(ExportError);
    expect(() => exportChunks(db, 'claims', 'geojson')).toThrow(/claims cannot be exported as geojson/);
    expect(() => exportChunks(db, 'ties', 'csv')).toThrow(/cannot export "ties"/);
    expect(() => exportChunks(db, 'places', 'geojson', { bom: true })).toThrow(/CSV only/);
  });
});

describe('GraphML and GEXF', () => {
  it('GraphML parses; nodes are the places in a tie, edges the relationships, every edge between two nodes', () => {
    const s = text(db, 'relationships', 'graphml');
    expect(XMLValidator.validate(s)).toBe(true);
    const g = xml.parse(s).graphml;
    const graph = g.graph;
    const counts = networkCounts(db);
    expect(counts.nodes).toBe(one<number>(db, 'SELECT COUNT(DISTINCT id) FROM (SELECT cn_place_id AS id FROM relationships UNION ALL SELECT foreign_place_id FROM relationships)'));
    expect(graph.node.length).toBe(counts.nodes);
    expect(graph.edge.length).toBe(one<number>(db, 'SELECT COUNT(*) FROM relationships'));
    expect(graph['@edgedefault']).toBe('undirected');
    const ids = new Set(graph.node.map((n: { '@id': string }) => n['@id']));
    expect(ids.size).toBe(graph.node.length);
    for (const e of graph.edge) {
      expect(ids.has(e['@source'])).toBe(true);
      expect(ids.has(e['@target'])).toBe(true);
    }
    // declared keys, and the values of one node and one edge
    const keys = new Map(g.key.map((k: Record<string, string>) => [k['@id'], k]));
    expect(keys.get('n_lat')).toMatchObject({ '@for': 'node', '@attr.type': 'double' });
    const data = (el: { data: Array<Record<string, string>> }) => Object.fromEntries(el.data.map((d) => [d['@key'], d['#text']]));
    const gz = data(graph.node.find((n: { '@id': string }) => n['@id'] === 'cn:440100'));
    expect(gz).toMatchObject({ n_name_zh_hans: '广州市', n_country_iso2: 'CN', n_admin_level: 'city', n_side: 'cn' });
    expect(Number(gz.n_lat)).toBeCloseTo(23.1, 0);
    const fk = placeId(db, '福冈');
    const edge = data(graph.edge.find((e: Record<string, string>) => e['@source'] === 'cn:440100' && e['@target'] === fk));
    expect(edge).toMatchObject({ e_kind: 'sister', e_status: 'listed', e_start_date: '1979-05-02' });
    // the places export gives the same graph
    expect(text(db, 'places', 'graphml')).toBe(s);
  });

  it('GEXF parses; a dynamic graph whose edges start when the tie did', () => {
    const stats: Record<string, number> = {};
    const s = text(db, 'relationships', 'gexf', { stats });
    expect(XMLValidator.validate(s)).toBe(true);
    const g = xml.parse(s).gexf;
    expect(g['@version']).toBe('1.2');
    expect(g.graph).toMatchObject({ '@mode': 'dynamic', '@defaultedgetype': 'undirected', '@timeformat': 'date' });
    const counts = networkCounts(db);
    expect(g.graph.nodes.node.length).toBe(counts.nodes);
    expect(g.graph.edges.edge.length).toBe(counts.edges);
    expect(stats).toEqual({ nodes: counts.nodes, edges: counts.edges });
    const nodeIds = new Set(g.graph.nodes.node.map((n: Record<string, string>) => n['@id']));
    const attrTitle = new Map<string, string>(
      g.graph.attributes.find((a: Record<string, string>) => a['@class'] === 'edge').attribute.map((a: Record<string, string>) => [a['@id'], a['@title']]),
    );
    for (const e of g.graph.edges.edge) {
      expect(nodeIds.has(e['@source']) && nodeIds.has(e['@target'])).toBe(true);
      const vals = Object.fromEntries(e.attvalues.attvalue.map((v: Record<string, string>) => [attrTitle.get(v['@for']), v['@value']]));
      expect(e['@start']).toBe(gexfDate(vals.start_date ?? null) ?? undefined);
      if (e['@start']) expect(e['@start']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const fk = placeId(db, '福冈');
    const edge = g.graph.edges.edge.find((e: Record<string, string>) => e['@source'] === 'cn:440100' && e['@target'] === fk);
    expect(edge['@start']).toBe('1979-05-02');
    expect(edge['@end']).toBeUndefined();
  });

  it('escapes names so both documents stay well-formed, and the name reads back as written', () => {
    const id = one<string>(db, 'SELECT id FROM places WHERE name_en = ?', NASTY);
    expect(id).toBeTruthy();
    const clean = NASTY;
    const gm = xml.parse(text(db, 'relationships', 'graphml')).graphml.graph;
    const node = gm.node.find((n: { '@id': string }) => n['@id'] === id);
    expect(node.data.find((d: Record<string, string>) => d['@key'] === 'n_name_en')['#text']).toBe(clean);
    const gx = xml.parse(text(db, 'relationships', 'gexf')).gexf.graph;
    expect(gx.nodes.node.find((n: { '@id': string }) => n['@id'] === id)['@label']).toBe(clean);
    // characters XML cannot carry at all (controls, U+FFFE) are dropped; tab and newline survive in attributes
    expect(xmlEscape('a&b<c>"d"\'e\'\u0000\u0001\uFFFE\tf\ng')).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;&#9;f&#10;g');
    expect(xmlEscape('\uD83D\uDE00 ok \uD83D')).toBe('\uD83D\uDE00 ok '); // a pair stays, a lone surrogate goes
  });

  it('GEXF dates are whole days: a month or a year starts on its first day', () => {
    expect(gexfDate('1986')).toBe('1986-01-01');
    expect(gexfDate('1986-11')).toBe('1986-11-01');
    expect(gexfDate('1986-11-12')).toBe('1986-11-12');
    expect(gexfDate(null)).toBeNull();
  });
});

describe('Wikidata QuickStatements', () => {
  // Wikidata ids as a person sets them (an edit each). Guangzhou, Fukuoka, Los Angeles, Frankfurt and Vancouver
  // are their real items; Dalian and Kitakyushu get the Wikidata sandbox items (Q4115189, Q13406268): test values.
  // (Guangzhou–Vancouver is a listed tie too; Dalian–Vancouver is doubtful and must not be written.)
  const QIDS: Record<string, string> = {
    广州市: 'Q16572',
    福冈: 'Q26600',
    洛杉矶: 'Q65',
    法兰克福: 'Q1794',
    大连市: 'Q4115189',
    北九州: 'Q13406268',
    温哥华: 'Q24639',
  };
  const who = { name: 'tester' };
  let lines: string[];
  let stats: Record<string, number>;

  beforeAll(() => {
    for (const [zh, q] of Object.entries(QIDS)) setWikidata(db, who, placeId(db, zh), q);
    // Month and year precision, a reference URL from an edit, and an ended tie with its end date.
    patchRelationship(db, who, tieId(db, '广州市', '洛杉矶'), { date: '1981-12', note: 'test: month precision' });
    patchRelationship(db, who, tieId(db, '广州市', '福冈'), { date: '1979', reference: 'https://example.org/gz-fukuoka', note: 'test' });
    endRelationship(db, who, tieId(db, '广州市', '法兰克福'), { status: 'ended', endDate: '2020-01-15', reason: 'test: an ended tie' });
    stats = {};
    lines = text(db, 'relationships', 'quickstatements', { stats }).split('\n');
    expect(lines.pop()).toBe('');
  });

  const stmt = (l: string) => parseV1(l);
  const linesOf = (a: string, b: string) => lines.filter((l) => l.startsWith(`${a}\tP190\t${b}\t`));

  it('every line is a well-formed V1 command with a reference', () => {
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      const s = stmt(l);
      expect(s.property).toBe('P190');
      expect(s.references.length, l).toBeGreaterThan(0);
      // precision and the zeroed parts agree
      for (const [, t] of [...s.qualifiers, ...s.references].filter(([, v]) => v.startsWith('+'))) {
        const [, m, d, p] = /^\+\d{4}-(\d{2})-(\d{2})T.*\/(\d+)$/.exec(t)!;
        if (p === '9') expect([m, d]).toEqual(['00', '00']);
        if (p === '10') expect(m !== '00' && d === '00').toBe(true);
        if (p === '11') expect(m !== '00' && d !== '00').toBe(true);
      }
    }
  });

  it('writes both directions of each tie whose two places have a QID, and no doubtful tie', () => {
    const pairs = new Set(lines.map((l) => `${stmt(l).item}>${stmt(l).value}`));
    expect(pairs).toEqual(
      new Set([
        'Q16572>Q26600', 'Q26600>Q16572', 'Q16572>Q65', 'Q65>Q16572', 'Q16572>Q1794', 'Q1794>Q16572',
        'Q16572>Q24639', 'Q24639>Q16572', 'Q4115189>Q13406268', 'Q13406268>Q4115189',
      ]),
    );
    expect(one<string>(db, 'SELECT status FROM relationships WHERE id = ?', tieId(db, '大连市', '温哥华'))).toBe('doubtful');
    expect(pairs.has('Q4115189>Q24639')).toBe(false);
    expect(stats).toMatchObject({ ties: 5, statements: 10, lines: lines.length, withReference: 5 });
  });

  it('start time at the precision known, end time for an ended tie, a reference per source', () => {
    // 广州–福冈: the date an editor set (1979), with the editor's URL, and the Guangzhou list (002: its title, as of 2024)
    const gf = linesOf('Q16572', 'Q26600');
    expect(gf.every((l) => l.startsWith('Q16572\tP190\tQ26600\tP580\t+1979-00-00T00:00:00Z/9\t'))).toBe(true);
    expect(gf).toContain('Q16572\tP190\tQ26600\tP580\t+1979-00-00T00:00:00Z/9\tS1476\tzh:"广州市国际友好城市一览"\tS813\t+2024-00-00T00:00:00Z/9');
    expect(gf.some((l) => /\tS854\t"https:\/\/example\.org\/gz-fukuoka"\tS813\t\+\d{4}-\d{2}-\d{2}T00:00:00Z\/11$/.test(l))).toBe(true);
    expect(linesOf('Q65', 'Q16572').every((l) => l.startsWith('Q65\tP190\tQ16572\tP580\t+1981-12-00T00:00:00Z/10\t'))).toBe(true);
    expect(linesOf('Q1794', 'Q16572').every((l) => l.startsWith('Q1794\tP190\tQ16572\tP580\t+1988-04-11T00:00:00Z/11\tP582\t+2020-01-15T00:00:00Z/11\t'))).toBe(true);
    // 大连–北九州: the Dalian list's URL, title and as-of date (the samples' manifest)
    expect(linesOf('Q4115189', 'Q13406268')).toContain(
      'Q4115189\tP190\tQ13406268\tP580\t+1979-05-01T00:00:00Z/11\tS854\t"http://www.wb.dl.gov.cn/info/19244_23923.vm"' +
        '\tS1476\tzh:"大连市友好城市及友好合作关系城市统计表"\tS813\t+2011-10-00T00:00:00Z/10',
    );
  });

  it('time, URL and text helpers: quotes and whitespace escaped, not dropped', () => {
    expect(qsTime('1979-05-01')).toBe('+1979-05-01T00:00:00Z/11');
    expect(qsTime('1979-05')).toBe('+1979-05-00T00:00:00Z/10');
    expect(qsTime('1979')).toBe('+1979-00-00T00:00:00Z/9');
    expect(qsTime(null)).toBeNull();
    expect(qsTime('May 1979')).toBeNull();
    expect(qsUrl(' https://a.example/x?y=1 ')).toBe('"https://a.example/x?y=1"');
    expect(qsUrl('see the annual report')).toBeNull();
    expect(qsUrl('https://a.example/"x" y')).toBe('"https://a.example/%22x%22%20y"');
    expect(qsMonolingual('The "Sister Cities"\tlist\nof */ Xi\'an')).toBe('en:"The "Sister Cities" list of * / Xi\'an"');
    expect(v1Value(qsMonolingual('The "Sister Cities" list')!)).toBe('monolingualtext');
  });

  it('QIDs set by edits reach the other exports too', () => {
    const fc = JSON.parse(text(db, 'places', 'geojson'));
    expect(fc.features.find((f: { id: string }) => f.id === 'cn:440100').properties.wikidata_id).toBe('Q16572');
    expect(text(db, 'relationships', 'graphml')).toContain('<data key="n_wikidata_id">Q16572</data>');
  });
});

describe('Wikidata ids from the package data', () => {
  it('the installed @countrystatecity/countries carries no QIDs for countries, states or cities', () => {
    const fromPackage = [...wikidataIds(db).values()].filter((q) => q.origin === 'package');
    expect(fromPackage.length).toBe(0);
  });

  it('matches by ISO code, and by name within 10 km for a city; an edit wins over the package', () => {
    // A Japanese city of the registry that nobody gave a QID, to match from the package alone.
    const kyoto = db
      .prepare(`SELECT id, name_en, lat, lon FROM places WHERE country_iso2 = 'JP' AND id LIKE 'gn:%' AND wikidata_id IS NULL AND name_en = 'Kyoto'`)
      .get() as { id: string; name_en: string; lat: number; lon: number };
    expect(kyoto).toBeTruthy();
    // A folder in the package's layout, as a version that carries wikiDataId would have it (QIDs: test values).
    const dir = join(tempDir(), 'csc');
    mkdirSync(join(dir, 'Japan-JP', 'Kyoto-26'), { recursive: true });
    mkdirSync(join(dir, 'Japan-JP', 'Fukuoka-40'), { recursive: true });
    mkdirSync(join(dir, 'Japan-JP', 'Toyama-16'), { recursive: true });
    writeFileSync(join(dir, 'countries.json'), JSON.stringify([{ iso2: 'JP', wikiDataId: 'Q17' }]));
    writeFileSync(join(dir, 'Japan-JP', 'states.json'), JSON.stringify([{ iso3166_2: 'JP-29', wikiDataId: 'Q131287' }]));
    const city = (name: string, lat: number, lon: number, wikiDataId: string) => ({ name, latitude: String(lat), longitude: String(lon), wikiDataId });
    writeFileSync(join(dir, 'Japan-JP', 'Kyoto-26', 'cities.json'), JSON.stringify([city('Kyoto', kyoto.lat + 0.03, kyoto.lon, 'Q34600')]));
    // the same name 600 km away is another place: not a second candidate
    writeFileSync(join(dir, 'Japan-JP', 'Toyama-16', 'cities.json'), JSON.stringify([city('Kyoto', 36.7, 136.9, 'Q999')]));
    writeFileSync(join(dir, 'Japan-JP', 'Fukuoka-40', 'cities.json'), JSON.stringify([city('Kitakyushu', 33.88, 130.88, 'Q200')]));
    const q = wikidataIds(db, { packageDir: dir });
    expect(q.get(kyoto.id)).toMatchObject({ qid: 'Q34600', origin: 'package' });
    expect(q.get(kyoto.id)!.how).toMatch(/^Kyoto 3\.\d km$/);
    expect(q.get(placeId(db, '北九州'))).toMatchObject({ qid: 'Q13406268', origin: 'edit' }); // the edit wins
    expect(q.get('iso:JP')).toMatchObject({ qid: 'Q17', origin: 'package' }); // a country, by its code
    expect(q.get('iso:JP-29')).toMatchObject({ qid: 'Q131287', origin: 'package' }); // a prefecture, by its ISO 3166-2 code
    // closer than 3 km asked: no match; two different items of that name within reach: no answer either
    expect(wikidataIds(db, { packageDir: dir, maxKm: 3 }).get(kyoto.id)).toBeUndefined();
    const fresh = join(tempDir(), 'csc2');
    mkdirSync(fresh);
    writeFileSync(join(fresh, 'countries.json'), JSON.stringify([{ iso2: 'JP', wikiDataId: 'Q17' }]));
    mkdirSync(join(fresh, 'Japan-JP', 'Kyoto-26'), { recursive: true });
    writeFileSync(
      join(fresh, 'Japan-JP', 'Kyoto-26', 'cities.json'),
      JSON.stringify([city('Kyoto', kyoto.lat + 0.03, kyoto.lon, 'Q34600'), city('Kyoto', kyoto.lat, kyoto.lon + 0.02, 'Q998')]),
    );
    expect(wikidataIds(db, { packageDir: fresh }).get(kyoto.id)).toBeUndefined();
  });
});

describe('streaming', () => {
  it('every format has a content type; exportStream yields the same text as exportChunks', async () => {
    for (const f of EXCHANGE_FORMATS) expect(CONTENT_TYPES[f]).toMatch(/; charset=utf-8$/);
    for (const [what, formats] of Object.entries(FORMATS_OF)) {
      for (const f of formats) {
        let s = '';
        for await (const c of exportStream(db, what, f)) s += c;
        expect(s).toBe(text(db, what, f));
      }
    }
  });

  it('writeExport honours back-pressure and writes chunks of bounded size', async () => {
    const out = new PassThrough({ highWaterMark: 1024 });
    const sizes: number[] = [];
    let got = '';
    out.on('data', (c: Buffer) => {
      sizes.push(c.length);
      got += c.toString('utf8');
    });
    const n = await writeExport(out, db, 'claims', 'jsonl');
    out.end();
    await new Promise((r) => out.on('end', r));
    expect(got).toBe(text(db, 'claims', 'jsonl'));
    expect(n).toBe(got.length);
    expect(Math.max(...sizes)).toBeLessThan(300 * 1024);
  });
});
