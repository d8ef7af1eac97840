// Reconciliation on the four samples: one place per real place, the known traps kept apart, and every
// Chinese side on a GB/T 2260 code. Expectations are written from the documents and from what the places are.
import { describe, it, expect, beforeAll } from 'vitest';
import type { DB } from '../src/registry/db.js';
import { qualityReport } from '../src/registry/quality.js';
import { placeRecords, relationshipRecords } from '../src/publish/export.js';
import { explainResolution } from '../src/resolve/explain.js';
import { parseAliases, AliasFileError, aliasTable } from '../src/resolve/aliases.js';
import { sampleRegistry } from './registry-helpers.js';

const F000 = '000_0f381ef73e09f27f.txt';
const F001 = '001_2be138cf16039818.txt';
const F002 = '002_1b86fcdda1af5c3a.txt';
const F003 = '003_d8932dca6923e789.txt';

let db: DB;
beforeAll(async () => {
  db = (await sampleRegistry()).db;
});

/** The place a claim's foreign side was resolved to. */
function foreignOf(file: string, line: number) {
  return db
    .prepare(
      `SELECT p.* FROM claims c JOIN sources s ON s.id = c.source_id JOIN places p ON p.id = c.foreign_place_id
       WHERE s.file_name = ? AND c.line = ?`,
    )
    .get(file, line) as Record<string, any> | undefined;
}
function cnOf(file: string, line: number) {
  return db
    .prepare(
      `SELECT p.* FROM claims c JOIN sources s ON s.id = c.source_id JOIN places p ON p.id = c.cn_place_id
       WHERE s.file_name = ? AND c.line = ?`,
    )
    .get(file, line) as Record<string, any> | undefined;
}

describe('the known traps stay apart', () => {
  it('奥克兰 in New Zealand is Auckland; 奥克兰/奧克蘭 in the United States is Oakland', () => {
    expect(foreignOf(F002, 16)).toMatchObject({ name_en: 'Auckland', country_iso2: 'NZ' });
    expect(foreignOf(F002, 92)).toMatchObject({ name_en: 'Oakland', country_iso2: 'US' });
    expect(foreignOf(F000, 14)!.id).toBe(foreignOf(F002, 92)!.id);
    expect(foreignOf(F002, 16)!.id).not.toBe(foreignOf(F002, 92)!.id);
    // Oakland, California: around 37.8 N, 122.3 W
    expect(foreignOf(F000, 14)!.lat).toBeCloseTo(37.8, 0);
  });

  it('南方省 of Cameroon and 南方省 of Sri Lanka are two provinces', () => {
    const cm = foreignOf(F003, 570)!;
    const lk = foreignOf(F003, 686)!;
    expect(cm).toMatchObject({ country_iso2: 'CM', admin_level: 'region' });
    expect(lk).toMatchObject({ country_iso2: 'LK', admin_level: 'region' });
    expect(cm.id).not.toBe(lk.id);
  });

  it('圣地亚哥 is Santiago de Chile, 维多利亚 is Victoria (Seychelles), 聖保羅 is Saint Paul (US), 柏斯 is Perth (Scotland)', () => {
    expect(foreignOf(F002, 44)).toMatchObject({ name_en: 'Santiago', country_iso2: 'CL', admin_level: 'city' });
    expect(foreignOf(F002, 78)).toMatchObject({ name_en: 'Victoria', country_iso2: 'SC' });
    expect(foreignOf(F003, 621)).toMatchObject({ name_en: 'Saint Paul', country_iso2: 'US' });
    const perth = foreignOf(F003, 671)!;
    expect(perth).toMatchObject({ name_en: 'Perth', country_iso2: 'GB' });
    expect(perth.lat).toBeGreaterThan(56); // Perth, Scotland — not Perth, Australia
  });

  it('a city and its region of the same name are two places', () => {
    const la = foreignOf(F002, 9)!;
    const laCounty = foreignOf(F000, 72)!;
    expect(la).toMatchObject({ name_en: 'Los Angeles', admin_level: 'city' });
    expect(laCounty).toMatchObject({ admin_level: 'region' });
    expect(la.id).not.toBe(laCounty.id);
    const chiangMai = foreignOf(F003, 725)!;
    const chiangMaiProvince = foreignOf(F002, 122)!;
    expect(chiangMai.admin_level).toBe('city');
    expect(chiangMaiProvince.admin_level).toBe('region');
    expect(chiangMai.id).not.toBe(chiangMaiProvince.id);
    const mogilev = foreignOf(F001, 41)!;
    const mogilevOblast = foreignOf(F003, 525)!;
    expect(mogilev.admin_level).toBe('city');
    expect(mogilevOblast.admin_level).toBe('region');
    expect(mogilev.id).not.toBe(mogilevOblast.id);
  });

  it("堪萨斯市 (密苏里州) Kansas city is Kansas City, Missouri, not Kansas the state", () => {
    const kc = foreignOf(F001, 7)!;
    expect(kc).toMatchObject({ name_en: 'Kansas City', admin_level: 'city', parent_id: 'iso:US-MO' });
  });
});

describe('places named in several samples are one place', () => {
  const same = (a: [string, number], b: [string, number]) => {
    const pa = foreignOf(...a);
    const pb = foreignOf(...b);
    expect(pa, `${a[0]}:${a[1]}`).toBeDefined();
    expect(pb, `${b[0]}:${b[1]}`).toBeDefined();
    expect(pa!.id).toBe(pb!.id);
    return pa!;
  };
  it('热那亚 (000, 002) is Genoa', () => expect(same([F000, 62], [F002, 80]).name_en).toBe('Genoa'));
  it('休斯顿 (000) and 休斯敦 (002) are Houston', () => expect(same([F000, 50], [F002, 66]).name_en).toBe('Houston'));
  it('仁川广域市 (000) and 仁川 (002) are Incheon', () => expect(same([F000, 48], [F002, 71]).name_en).toBe('Incheon'));
  it('拉合尔市 (001) and 拉合尔 (002) are Lahore', () => expect(same([F001, 10], [F002, 115]).name_en).toBe('Lahore'));
  it('爱丁堡市 (001) and 爱丁堡 (002) are Edinburgh', () => expect(same([F001, 5], [F002, 96]).name_en).toBe('Edinburgh'));
  it('瓦伦西亚市 (001) and 巴伦西亚 (002) are Valencia', () => expect(same([F001, 38], [F002, 38]).name_en).toBe('Valencia'));
  it('科英布拉, 林雪平 and 普拉亚 of 002 are the places in Macau’s list (003)', () => {
    expect(same([F002, 70], [F003, 228]).name_en).toBe('Coimbra');
    expect(same([F002, 18], [F003, 233]).name_en).toMatch(/Link.ping/);
    expect(same([F002, 106], [F003, 238]).name_en).toBe('Praia');
  });
  it('布拉柴维尔 (002) and 布拉柴維爾 (003) are Brazzaville', () => expect(same([F002, 94], [F003, 619]).name_en).toBe('Brazzaville'));
});

describe('compound names become a place with its parent', () => {
  it('信陽市溮河區 is Shihe District of Xinyang (411502)', () => {
    expect(cnOf(F003, 548)).toMatchObject({ gbt2260: '411502', parent_id: 'cn:411500', admin_level: 'district' });
  });
  it('京畿道烏山市 is Osan in Gyeonggi', () => {
    const osan = foreignOf(F003, 837)!;
    expect(osan).toMatchObject({ country_iso2: 'KR', admin_level: 'city' });
    expect(osan.name_en).toMatch(/Osan/);
    expect(osan.parent_id).toBe('iso:KR-41');
  });
});

describe('the Chinese side', () => {
  it('every Chinese side resolves to a place with a GB/T 2260 code', () => {
    const missing = db
      .prepare(
        `SELECT c.cn_place FROM claims c LEFT JOIN places p ON p.id = c.cn_place_id
         WHERE c.cn_place_zh_hans IS NOT NULL AND (p.gbt2260 IS NULL)`,
      )
      .all();
    expect(missing).toEqual([]);
  });
  it('大连市 is 210200, 广州市 440100, 澳門 820000, 北京市 110000', () => {
    expect(cnOf(F000, 12)!.gbt2260).toBe('210200');
    expect(cnOf(F002, 8)!.gbt2260).toBe('440100');
    expect(cnOf(F003, 218)!.gbt2260).toBe('820000');
    expect(cnOf(F003, 9)!.gbt2260).toBe('110000');
  });
  it('通州區 under the Beijing heading is Beijing’s Tongzhou (110112), not Nantong’s', () => {
    expect(cnOf(F003, 184)!.gbt2260).toBe('110112');
  });
});

describe('coverage and the quality report', () => {
  it('at least 95% of foreign sides resolve to a gazetteer place with coordinates, and every miss has a reason', () => {
    const r = qualityReport(db).reconciliation;
    expect(r.foreignSidesResolved / r.foreignSides).toBeGreaterThanOrEqual(0.95);
    const withCoords = db.prepare(`SELECT COUNT(*) FROM claims c JOIN places p ON p.id = c.foreign_place_id WHERE p.lat IS NOT NULL`).pluck().get() as number;
    expect(withCoords / r.foreignSides).toBeGreaterThanOrEqual(0.95);
    for (const u of r.unresolved) expect(u.reason.length).toBeGreaterThan(10);
    expect(r.cnSidesResolved).toBe(r.cnSides);
  });
  it('rows of the HTML tables (no country) take their country from the resolved place', () => {
    // 003 line 9: 北京市 – 東京 (no country column) resolves to Tokyo, Japan
    expect(foreignOf(F003, 9)).toMatchObject({ country_iso2: 'JP', name_en: 'Tokyo' });
  });
  it('a doubtful claim alone makes a doubtful relationship, never a listed one', () => {
    const r = qualityReport(db).reconciliation;
    expect(r.doubtfulOnly.map((d) => d.foreign).sort()).toEqual(['塞瓦斯托波尔', '比奥比奥大区', '温哥华', '温哥华', '釜山'].sort());
    // 伊万里市 and 素林府 are also listed in the table: listed, with both claims as sources
    const rels = [...relationshipRecords(db)] as Array<Record<string, any>>;
    const imari = rels.find((x) => x.sources.some((s: any) => s.source === F000 && s.line === 34))!;
    expect(imari.status).toBe('listed');
    expect(imari.sources.map((s: any) => s.line).sort()).toEqual([34, 76]);
  });
  it('two sources on one tie are one relationship with two sources', () => {
    // Dalian–Genoa is only in 000; Genoa is tied to Dalian (000) and Guangzhou (002): two relationships
    const genoa = foreignOf(F000, 62)!.id;
    const rels = ([...relationshipRecords(db)] as Array<Record<string, any>>).filter((r) => r.foreign_place_id === genoa);
    expect(rels.map((r) => r.cn_place_id).sort()).toEqual(['cn:210200', 'cn:440100']);
  });
  it('places export has the named fields', () => {
    const p = ([...placeRecords(db)] as Array<Record<string, any>>).find((x) => x.gbt2260 === '210200')!;
    expect(p).toMatchObject({ id: 'cn:210200', name_zh_hans: '大连市', name_zh_hant: '大連市', country_iso2: 'CN', admin_level: 'city', parent_id: 'cn:210000' });
    expect(typeof p.geonames_id).toBe('number');
    expect(p.lat).toBeCloseTo(38.9, 0);
    expect(p.names).toContain('大连市');
  });
});

describe('resolve --explain and the alias file', () => {
  it('explains 奥克兰 in the United States and in New Zealand', () => {
    expect(explainResolution('奥克兰', 'US').place?.nameEn).toBe('Oakland');
    expect(explainResolution('奥克兰', '新西兰').place?.nameEn).toBe('Auckland');
    const none = explainResolution('不存在的城', 'JP');
    expect(none.place).toBeNull();
    expect(none.reason).toMatch(/no place called/);
  });
  it('reads aliases and refuses malformed lines with the line number', () => {
    const t = aliasTable(parseAliases('# c\n柏斯\tGB\ten:Perth\tnote\n'));
    expect(t.lookup('柏斯', 'GB')).toEqual({ target: 'en:Perth', country: 'GB' });
    expect(() => parseAliases('a\tGBR\tgn:1\n', 'x.tsv')).toThrow(AliasFileError);
    expect(() => parseAliases('ok\tGB\tgn:1\nbroken line\n', 'x.tsv')).toThrow(/x\.tsv:2/);
  });
});

describe('the peer list (English CSV of pairs)', () => {
  it('is read as a document and compared with the Chinese-language samples', async () => {
    const { ingestFile } = await import('../src/ingest/ingest.js');
    const { reconcile } = await import('../src/resolve/reconcile.js');
    const { createResolver } = await import('../src/resolve/index.js');
    const { compareSource } = await import('../src/registry/compare.js');
    const { join } = await import('node:path');
    const { DATA_DIR } = await import('../src/paths.js');
    const { db: peerDb } = await sampleRegistry();
    const r = ingestFile(peerDb, join(DATA_DIR, 'peer', 'twincities-china-slice.csv'));
    expect(r.rows).toBe(1238);
    reconcile(peerDb, createResolver(peerDb));
    const c = compareSource(peerDb, 'twincities-china-slice.csv');
    // Dalian–Kitakyushu and Guangzhou–Fukuoka are in both the peer's list and the samples.
    const pair = (cn: string, f: string) =>
      peerDb
        .prepare(
          `SELECT COUNT(DISTINCT s.file_name) FROM claims c JOIN sources s ON s.id = c.source_id
           JOIN places cp ON cp.id = c.cn_place_id JOIN places fp ON fp.id = c.foreign_place_id
           WHERE cp.gbt2260 = ? AND fp.name_en = ?`,
        )
        .pluck()
        .get(cn, f);
    expect(pair('210200', 'Kitakyushu')).toBe(2);
    expect(pair('440100', 'Fukuoka')).toBe(2);
    expect(c.rows).toBe(1238);
    expect(c.matched).toBeGreaterThan(100);
    expect(c.cnResolved / c.rows).toBeGreaterThan(0.9);
    // "Suzhou, Jiangsu" and "Suzhou, Anhui" are two places, told apart by their qualifier.
    const suzhou = peerDb
      .prepare(`SELECT DISTINCT c.cn_place, p.gbt2260 FROM claims c JOIN places p ON p.id = c.cn_place_id WHERE c.cn_place LIKE 'Suzhou, %' ORDER BY 1`)
      .all();
    expect(suzhou).toEqual([
      { cn_place: 'Suzhou, Anhui', gbt2260: '341300' },
      { cn_place: 'Suzhou, Jiangsu', gbt2260: '320500' },
    ]);
  });
});
