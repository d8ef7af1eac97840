// Expectations written by hand from general knowledge of the places, not copied from the built files.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGazetteer, foldName, type Gazetteer, type GazetteerPlace } from '../src/gazetteer/index.js';

let g: Gazetteer;
beforeAll(() => {
  g = loadGazetteer();
});

const near = (p: GazetteerPlace | undefined, lat: number, lon: number, tol = 0.5): boolean =>
  !!p && p.lat != null && p.lon != null && Math.abs(p.lat - lat) < tol && Math.abs(p.lon - lon) < tol;

describe('folding', () => {
  it('folds traditional to simplified, case and diacritics', () => {
    expect(foldName('奧克蘭')).toBe('奥克兰');
    expect(foldName('溮河區')).toBe('浉河区');
    expect(foldName('  Iaşi ')).toBe('iasi');
    expect(foldName('Ōsaka')).toBe('osaka');
  });
});

describe('loading', () => {
  it('loads once and quickly', () => {
    expect(g.places.length).toBeGreaterThan(40000);
    expect(g.loadMs).toBeLessThan(3000); // typically ~0.4 s; generous for slow CI machines
    expect(loadGazetteer()).toBe(g);
  });

  it('has unique ids', () => {
    const ids = new Set(g.places.map((p) => p.id));
    expect(ids.size).toBe(g.places.length);
  });
});

describe('China (GB/T 2260)', () => {
  it('大连 is the prefecture-level city 210200 near 38.9N 121.6E', () => {
    const hits = g.byName('大连');
    const dl = hits.find((p) => p.gbt2260 === '210200');
    expect(dl).toBeDefined();
    expect(dl!.country).toBe('CN');
    expect(dl!.level).toBe('city');
    expect(dl!.parentId).toBe('cn:210000');
    expect(near(dl, 38.9, 121.6)).toBe(true);
    expect(g.byName('大連市').some((p) => p.gbt2260 === '210200')).toBe(true);
  });

  it('has county-level codes with parents: 信阳市浉河区 411502', () => {
    const shihe = g.byGbt2260('411502');
    expect(shihe?.nameZh).toBe('浉河区');
    expect(shihe?.parentId).toBe('cn:411500');
    expect(g.byGbt2260('411500')?.nameZh).toBe('信阳市');
    expect(g.children('cn:411500').map((p) => p.gbt2260)).toContain('411502');
    expect(g.byName('溮河區').map((p) => p.id)).toContain('cn:411502');
  });

  it('has the provinces, the municipalities as cities', () => {
    const provinces = g.places.filter((p) => p.gbt2260?.endsWith('0000'));
    expect(provinces.length).toBeGreaterThanOrEqual(34);
    expect(provinces.every((p) => p.lat != null)).toBe(true);
    const bj = g.byName('北京')[0];
    expect(bj?.gbt2260).toBe('110000');
    expect(bj?.level).toBe('city');
    expect(g.byGbt2260('210000')?.level).toBe('region');
    expect(g.byGbt2260('210000')?.nameEn).toMatch(/Liaoning/);
  });
});

describe('world places', () => {
  it('北九州 is Kitakyushu, Japan', () => {
    const hits = g.byName('北九州').filter((p) => p.country === 'JP');
    expect(hits[0]?.nameEn).toMatch(/Kitaky[uū]sh[uū]/);
    expect(hits[0]?.level).toBe('city');
    expect(near(hits[0], 33.9, 130.9)).toBe(true);
  });

  it('奥克兰 has both Auckland (NZ) and Oakland (US), in either script', () => {
    for (const q of ['奥克兰', '奧克蘭']) {
      const hits = g.byName(q);
      expect(hits.some((p) => p.country === 'NZ' && p.nameEn === 'Auckland')).toBe(true);
      expect(hits.some((p) => p.country === 'US' && p.nameEn === 'Oakland')).toBe(true);
    }
    expect(g.byNameIn('奥克兰', 'NZ')[0]?.nameEn).toBe('Auckland');
    const oakland = g.byNameIn('奥克兰', 'US')[0]; // most populous first: Oakland, California
    expect(oakland?.parentId).toBe('iso:US-CA');
  });

  it('洛杉矶 (city) and 洛杉矶郡 (county) are distinct places', () => {
    const city = g.byNameIn('洛杉矶', 'US');
    const county = g.byNameIn('洛杉矶郡', 'US');
    expect(city[0]?.nameEn).toBe('Los Angeles');
    expect(city[0]?.level).toBe('city');
    expect(county[0]?.nameEn).toBe('Los Angeles County');
    expect(county[0]?.level).toBe('region');
    expect(county[0]?.parentId).toBe('iso:US-CA');
    expect(city.map((p) => p.id)).not.toContain(county[0]?.id);
    expect(g.byName('洛杉磯郡')[0]?.id).toBe(county[0]?.id);
  });

  it('清迈 (city) vs 清迈府 (province)', () => {
    const city = g.byNameIn('清迈', 'TH');
    const prov = g.byNameIn('清迈府', 'TH');
    expect(city[0]?.level).toBe('city');
    expect(city[0]?.nameEn).toBe('Chiang Mai');
    expect(prov[0]?.level).toBe('region');
    expect(prov[0]?.code).toBe('TH-50');
    expect(city[0]?.id).not.toBe(prov[0]?.id);
    expect(city[0]?.parentId).toBe(prov[0]?.id);
  });

  it('finds Japanese kanji forms', () => {
    expect(g.byNameIn('広島', 'JP').some((p) => p.nameEn === 'Hiroshima')).toBe(true);
    expect(g.byNameIn('浜松', 'JP').some((p) => p.nameEn === 'Hamamatsu')).toBe(true);
    expect(g.byNameIn('滨松', 'JP').some((p) => p.nameEn === 'Hamamatsu')).toBe(true);
    expect(g.byName('三重県')[0]?.code).toBe('JP-24');
  });

  it('finds Latin names without diacritics', () => {
    expect(g.byNameIn('Iasi', 'RO').some((p) => p.level === 'city')).toBe(true);
    expect(g.byNameIn('kitakyushu', 'JP').length).toBeGreaterThan(0);
    expect(g.byNameIn('Dnepropetrovsk', 'UA')[0]?.nameEn).toBe('Dnipro');
  });
});

describe('first-level divisions abroad', () => {
  it('堪萨斯州 is the state of Kansas', () => {
    for (const q of ['堪萨斯州', '堪薩斯州']) {
      const hits = g.byName(q);
      expect(hits).toHaveLength(1);
      expect(hits[0]).toMatchObject({ country: 'US', level: 'region', code: 'US-KS', nameEn: 'Kansas' });
      expect(near(hits[0], 38.5, -98.4, 1.5)).toBe(true);
    }
  });

  it.each([
    ['三重縣', 'JP', 'JP-24'],
    ['慶尚北道', 'KR', 'KR-47'],
    ['薩拉托夫州', 'RU', 'RU-SAR'],
    ['法蘭西島大區', 'FR', 'FR-IDF'],
    ['倫巴第大區', 'IT', 'IT-25'],
    ['加利福尼亞州', 'US', 'US-CA'],
    ['俄亥俄州', 'US', 'US-OH'],
    ['馬尼托巴省', 'CA', 'CA-MB'],
    ['滋賀縣', 'JP', 'JP-25'],
    ['科羅拉多州', 'US', 'US-CO'],
    ['濟州道', 'KR', 'KR-49'],
    ['佐法尔省', 'OM', 'OM-ZU'],
    ['阿速坡省', 'LA', 'LA-AT'],
    ['清迈府', 'TH', 'TH-50'],
    ['佩斯州', 'HU', 'HU-PE'],
    ['莫吉廖夫州', 'BY', 'BY-MA'],
    ['比奥比奥大区', 'CL', 'CL-BI'],
    ['豪登省', 'ZA', 'ZA-GP'],
    ['德克薩斯州', 'US', 'US-TX'],
    ['奧克拉荷馬州', 'US', 'US-OK'],
  ])('%s → %s %s', (name, country, code) => {
    const hits = g.byNameIn(name, country).filter((p) => p.level === 'region');
    expect(hits.map((p) => p.code)).toContain(code);
    const p = hits.find((h) => h.code === code)!;
    expect(p.lat).not.toBeNull();
    expect(p.nameZh).toBeTruthy();
  });

  it('covers every US state, Japanese prefecture, Korean, Canadian and Australian first-level division', () => {
    const regions = (cc: string, re: RegExp): GazetteerPlace[] =>
      g.places.filter((p) => p.country === cc && p.level === 'region' && p.code && re.test(p.code) && p.nameZh);
    expect(regions('US', /^US-[A-Z]{2}$/).filter((p) => p.code !== 'US-DC' && !/^US-(AS|GU|MP|PR|UM|VI)$/.test(p.code!)))
      .toHaveLength(50);
    expect(regions('JP', /^JP-\d\d$/)).toHaveLength(47);
    expect(regions('KR', /^KR-\d\d$/)).toHaveLength(17);
    expect(regions('CA', /^CA-/)).toHaveLength(13);
    expect(regions('AU', /^AU-/)).toHaveLength(8);
  });

  it('GeoNames places point at their first-level division', () => {
    const kyoto = g.byNameIn('京都', 'JP').find((p) => p.level === 'city');
    expect(kyoto?.parentId).toBe('iso:JP-26');
    expect(g.byId('iso:JP-26')?.parentId).toBe('iso:JP');
  });
});

describe('loose matching', () => {
  it('strips administrative suffixes on both sides', () => {
    expect(g.byNameLoose('仁川', 'KR').some((p) => p.nameEn === 'Incheon')).toBe(true);
    expect(g.byNameLoose('堪萨斯', 'US').some((p) => p.code === 'US-KS')).toBe(true);
    expect(g.byName('仁川').filter((p) => p.country === 'KR')).toEqual([]);
  });
});

describe('bad input', () => {
  it('returns [] for unknown or empty names', () => {
    expect(g.byName('不存在的地方名字')).toEqual([]);
    expect(g.byName('xyzzy-nowhere')).toEqual([]);
    expect(g.byName('')).toEqual([]);
    expect(g.byName('   ')).toEqual([]);
    expect(g.byNameLoose('')).toEqual([]);
    expect(g.byNameIn('大连', 'ZZ')).toEqual([]);
    expect(g.byId('nope')).toBeUndefined();
    expect(g.byGbt2260('999999')).toBeUndefined();
    // @ts-expect-error wrong type at runtime
    expect(g.byName(undefined)).toEqual([]);
  });
});
