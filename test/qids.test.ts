// Wikidata ids for places, matched from the bundled Wikidata snapshot (data/peer/wikidata-twins/nodes.tsv).
// The expected QIDs below were written by reading nodes.tsv's rows (label, coordinates, country code), not
// taken from the program: each comment gives the row's line.
import { describe, it, expect, beforeAll } from 'vitest';
import type { DB } from '../src/registry/db.js';
import { placeQid, qidMatches, qidRate } from '../src/registry/qids.js';
import { wikidataIds } from '../src/publish/wikidata-ids.js';
import { setWikidata } from '../src/service/edits.js';
import { matchQids } from '../src/resolve/qid-match.js';
import { createApp } from '../src/server/app.js';
import { defaultRegistry, tempDir } from './registry-helpers.js';

/** 50 places of the default registry and the snapshot item each is (null: none may be given). */
const SAMPLE: Array<[string, string | null]> = [
  ['cn:210200', 'Q74881'], // 85 Dalian 121.6 38.9 CN
  ['cn:610100', 'Q5826'], // 708 Xi'an
  ['cn:440100', 'Q16572'], // 26 Guangzhou
  ['cn:110000', 'Q956'], // 465 Beijing
  ['cn:310000', 'Q8686'], // 86 Shanghai
  ['cn:120000', 'Q11736'], // 101 Tianjin
  ['cn:210100', 'Q11720'], // 97 Shenyang
  ['cn:230100', 'Q42956'], // 134 Harbin
  ['cn:320100', 'Q16666'], // 99 Nanjing
  ['cn:320500', 'Q42622'], // 710 Suzhou 120.62 31.3 (Jiangsu's, not Anhui's)
  ['cn:330100', 'Q4970'], // 2726 Hangzhou
  ['cn:330200', 'Q42780'], // 75 Ningbo
  ['cn:370200', 'Q170322'], // 96 Qingdao
  ['cn:370100', 'Q170247'], // 2737 Jinan
  ['cn:420100', 'Q11746'], // 200 Wuhan
  ['cn:510100', 'Q30002'], // 63 Chengdu
  ['cn:530100', 'Q182852'], // 929 Kunming
  ['cn:350200', 'Q68744'], // 1129 Xiamen
  ['cn:220100', 'Q92161'], // 3913 Changchun
  ['cn:410100', 'Q30340'], // 760 Zhengzhou
  ['cn:430100', 'Q174091'], // 875 Changsha
  ['cn:340100', 'Q185684'], // 454 Hefei
  ['cn:440300', 'Q15174'], // 3914 Shenzhen
  ['cn:820000', 'Q14773'], // 2776 Macau, Macao MO
  ['cn:650100', 'Q16959'], // 2757 Ürümqi
  ['cn:500000', null], // Chongqing: no node of that name in the snapshot
  ['gn:1843564', 'Q20934'], // 1502 Incheon KR
  ['gn:1841811', 'Q41283'], // 3901 Gwangju 126.92 35.17 — not 1509 Q42069, Gwangju in Gyeonggi (37.41 N)
  ['gn:1855612', 'Q169134'], // 331 Nara JP (the city)
  ['gn:1850147', 'Q1490'], // 500 Tokyo
  ['gn:1835848', 'Q8684'], // 462 Seoul
  ['gn:2950159', 'Q64'], // 3918 Berlin
  ['gn:1859307', 'Q188806'], // 113 Kitakyushu 130.875 33.883
  ['gn:2193733', 'Q37100'], // 57 Auckland NZ
  ['gn:6174041', 'Q2132'], // 998 Victoria CA -123.37 48.42 (not 1593, Victoria SC)
  ['gn:3489854', 'Q34692'], // 413 Kingston JM (not 1541, Kingston CA)
  ['gn:6173331', 'Q24639'], // 2245 Vancouver CA (not 981, Vancouver US)
  ['gn:2063523', 'Q3183'], // 313 Perth AU (not 1321, Perth GB)
  ['gn:2657896', 'Q72'], // 1423 Zurich CH (label without the umlaut)
  ['gn:1854487', 'Q199609'], // 387 Oita JP (the registry writes Ōita)
  ['gn:311046', 'Q35997'], // 230 İzmir TR
  ['gn:5174035', 'Q49239'], // 1138 Toledo US -83.54 41.65 (Ohio)
  ['gn:361058', 'Q87'], // 476 Alexandria EG (not 2353, Alexandria US)
  ['gn:2655603', 'Q2256'], // 251 Birmingham GB
  ['gn:4049979', 'Q79867'], // 1482 Birmingham US
  // Divisions that share their name with a city the snapshot has: the city's item is not theirs.
  ['iso:JP-13', null], // Tokyo the prefecture: node 500 is the city's
  ['iso:KR-29', null], // Gwangju the metropolitan region
  ['iso:JP-29', null], // Nara the prefecture (node 331 is the city, 44 km away)
  ['iso:DE-BE', null], // Berlin the Land
  ['iso:KR-11', null], // Seoul the region
];

describe('Wikidata ids from the snapshot', () => {
  let db: DB;
  let path: string;
  beforeAll(async () => {
    ({ db, path } = await defaultRegistry());
  }, 120_000);

  it('a hand-checked sample of 50 places: every QID right, none given where none may be', () => {
    expect(SAMPLE.length).toBe(50);
    const qids = wikidataIds(db, { packageDir: null });
    const missing = SAMPLE.filter(([id]) => !db.prepare('SELECT 1 FROM places WHERE id = ?').get(id)).map(([id]) => id);
    expect(missing).toEqual([]);
    const got = SAMPLE.map(([id]) => [id, qids.get(id)?.qid ?? null]);
    expect(got).toEqual(SAMPLE);
  });

  it('at least 80% of the places the snapshot holds get a QID', () => {
    const r = qidRate(db)!;
    expect(r.held).toBeGreaterThan(1000);
    expect(r.matched / r.held).toBeGreaterThanOrEqual(0.8);
    expect(r.matched).toBeLessThanOrEqual(r.resolved);
  });

  it('never two QIDs for one place, never one QID for two places', () => {
    const m = qidMatches(db);
    expect(new Set(m.map((x) => x.qid)).size).toBe(m.length);
    expect(new Set(m.map((x) => x.place_id)).size).toBe(m.length);
    const all = [...wikidataIds(db, { packageDir: null }).values()].map((e) => e.qid);
    expect(new Set(all).size).toBe(all.length);
  });

  it('a place two nodes could be gets neither; one node two places could be goes to neither', () => {
    const place = { country: 'VN', level: 'city', lat: 16.46, lon: 107.58, names: ['Huế'] };
    // nodes.tsv 1054 Q36167 and 2415 Q36399: two "Huế", 13 km apart.
    const nodes = [
      { qid: 'Q36167', label: 'Huế', lat: 16.456111111, lon: 107.576388888, country: 'VN', line: 1054 },
      { qid: 'Q36399', label: 'Huế', lat: 16.333333333, lon: 107.583333333, country: 'VN', line: 2415 },
    ];
    expect(matchQids(nodes, [{ id: 'gn:1', ...place }])).toEqual([]);
    expect(matchQids(nodes.slice(0, 1), [{ id: 'gn:1', ...place }, { id: 'gn:2', ...place, lat: 16.4 }])).toEqual([]);
    expect(matchQids(nodes.slice(0, 1), [{ id: 'gn:1', ...place }])).toMatchObject([{ placeId: 'gn:1', qid: 'Q36167', line: 1054 }]);
    // Cuernavaca (nodes.tsv 1922, Q1020776) sits at 22.89 N −109.92 (Baja California Sur): too far from the city.
    expect(matchQids([{ qid: 'Q1020776', label: 'Cuernavaca', lat: 22.889722222, lon: -109.915555555, country: 'MX', line: 1922 }], [
      { id: 'gn:3', country: 'MX', level: 'city', lat: 18.9186, lon: -99.2342, names: ['Cuernavaca'] },
    ])).toEqual([]);
  });

  it('the place page says how the QID was matched; an edit overrides it and takes the QID from any other place', async () => {
    const app = createApp(db, { staticDir: tempDir(), log: false } as never);
    const body = (await (await app.request('/api/places/gn:1841811')).json()) as { place: { wikidata: Record<string, unknown> } };
    expect(body.place.wikidata).toMatchObject({ qid: 'Q41283', origin: 'snapshot', source: 'nodes.tsv', line: 3901 });
    expect(String(body.place.wikidata.how)).toMatch(/^name "Gwangju" = "Gwangju", country KR, 1\.\d km apart/);
    const quality = (await (await app.request('/api/quality')).json()) as { wikidata: { matched: number; held: number } };
    expect(quality.wikidata.matched).toBe(qidRate(db)!.matched);

    // A person says Dalian's item is Incheon's (a wrong edit, but theirs to make): Incheon loses it, Dalian has it.
    setWikidata(db, { name: 'tester', role: 'editor' } as never, 'cn:210200', 'Q20934');
    expect(placeQid(db, 'cn:210200')).toMatchObject({ qid: 'Q20934', origin: 'edit' });
    expect(placeQid(db, 'gn:1843564')).toBeNull();
    const qids = wikidataIds(db, { packageDir: null });
    expect(qids.get('cn:210200')).toMatchObject({ qid: 'Q20934', origin: 'edit' });
    expect(qids.get('gn:1843564')).toBeUndefined();
    void path;
  });
});
