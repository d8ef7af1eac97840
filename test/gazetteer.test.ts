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
    expect(g.places.length).toBeGreaterThan(190000);
    expect(g.loadMs).toBeLessThan(3000); // typically 0.4-0.6 s (world-small.json adds ~0.1 s); generous for slow CI
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

describe('small places (world-small.json: the rest of GeoNames cities500, by Latin names)', () => {
  it.each([
    ['Narrandera', 'AU', -34.75, 146.55, 'iso:AU-NSW'],
    ['Outapi', 'NA', -17.5, 14.98, null],
    ['Ondangwa', 'NA', -17.92, 15.95, null],
    ['Kotor', 'ME', 42.42, 18.77, null],
  ] as const)('%s (%s) is findable by its English name', (name, country, lat, lon, parent) => {
    const hits = g.byNameIn(name, country).filter((p) => p.level === 'city');
    expect(hits.length).toBeGreaterThan(0);
    const p = hits[0]!;
    expect(p.source).toBe('geonames');
    expect(near(p, lat, lon, 0.1)).toBe(true);
    if (parent) expect(p.parentId).toBe(parent);
    expect(g.byId(p.id)).toBe(p);
    expect(g.byGeonamesId(p.geonamesId!)).toBe(p);
  });

  it('Călărași: either Romanian s (comma or cedilla) and no diacritics find the county seat', () => {
    for (const q of ['Călărași', 'Călăraşi', 'calarasi']) {
      const hits = g.byNameIn(q, 'RO');
      expect(hits.length).toBeGreaterThan(1); // several villages share the name
      const seat = hits.find((p) => p.featureCode === 'PPLA');
      expect(near(seat, 44.2, 27.33, 0.1)).toBe(true);
    }
  });

  it('big places still rank first; Chinese lookups are unchanged', () => {
    expect(g.byNameIn('Tokyo', 'JP')[0]?.featureCode).toBe('PPLC');
    expect(g.byNameIn('Richmond', 'US')[0]!.population!).toBeGreaterThan(100000);
    expect(g.byName('大连').every((p) => p.source !== 'geonames' || p.nameZh)).toBe(true);
  });

  it('every GeoNames place is found by each of its Latin names (sampled)', () => {
    const gn = g.places.filter((p) => p.source === 'geonames');
    expect(gn.length).toBeGreaterThan(190000);
    let checked = 0;
    for (let i = 0; i < gn.length; i += 101) {
      const p = gn[i]!;
      for (const n of p.names) {
        if (/[\u3040-\u30ff\u3400-\u9fff]/.test(n)) continue;
        expect(g.byNameIn(n, p.country), `${p.id} ${n}`).toContain(p);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('children() includes small places', () => {
    const narrandera = g.byNameIn('Narrandera', 'AU')[0]!;
    expect(g.children('iso:AU-NSW')).toContain(narrandera);
  });
});

describe('places added by hand (extra-places.tsv, places-zh.tsv)', () => {
  it.each([
    ['大田区', '東京都大田區', 'JP', 'iso:JP-13', 35.56, 139.72],
    ['新宿区', '新宿區', 'JP', 'iso:JP-13', 35.69, 139.7],
    ['钟路区', '鍾路區', 'KR', 'iso:KR-11', 37.57, 126.98],
    ['九老区', '九老區', 'KR', 'iso:KR-11', 37.49, 126.86],
  ] as const)('%s is a district of its city, with its own coordinates', (zh, trad, country, parent, lat, lon) => {
    const hits = g.byNameIn(zh, country).filter((p) => p.level === 'district');
    expect(hits).toHaveLength(1);
    const d = hits[0]!;
    expect(d.parentId).toBe(parent);
    expect(near(d, lat, lon, 0.05)).toBe(true);
    expect(g.children(parent)).toContain(d);
    expect(g.byNameIn(trad.replace(/^東京都/, ''), country)).toContain(d);
  });

  it('Ōta is found by its English names, 大田 in Korea is still Daejeon', () => {
    const ota = g.byNameIn('大田区', 'JP')[0]!;
    expect(g.byNameIn('Ota-ku', 'JP')).toContain(ota);
    expect(g.byNameIn('Ōta', 'JP')).toContain(ota);
    expect(g.byNameIn('大田区', 'KR').some((p) => p.id === ota.id)).toBe(false);
  });

  it('中区 of Daejeon and 罕乌拉区 of Ulaanbaatar: districts marked at their city', () => {
    const jung = g.byNameIn('中區', 'KR').find((p) => p.level === 'district');
    expect(jung?.parentId).toBe('iso:KR-30');
    expect(g.children('iso:KR-30')).toContain(jung);
    expect(near(jung, 36.35, 127.38, 0.2)).toBe(true);
    const khan = g.byNameIn('罕烏拉區', 'MN')[0];
    expect(khan?.level).toBe('district');
    expect(g.byId(khan!.parentId!)?.nameEn).toMatch(/Ulaanbaatar/);
    expect(near(khan, 47.9, 106.9, 0.2)).toBe(true);
  });

  it('永川 is Yeongcheon, which GeoNames calls Eisen', () => {
    const y = g.byNameIn('永川', 'KR');
    expect(y).toHaveLength(1);
    expect(y[0]?.geonamesId).toBe(1832617);
    expect(y[0]?.parentId).toBe('iso:KR-47'); // North Gyeongsang
    expect(near(y[0], 35.97, 128.94, 0.1)).toBe(true);
  });

  it.each([
    ['平泽市', 'KR', 'iso:KR-41', 37.0, 127.0],
    ['汉班托塔', 'LK', 'iso:LK-3', 6.2, 81.1],
    ['槟岛', 'MY', 'iso:MY-07', 5.4, 100.3],
    ['浦和市', 'JP', 'iso:JP-11', 35.9, 139.6],
    ['勝沼町', 'JP', 'iso:JP-19', 35.7, 138.75],
  ] as const)('%s (%s) is a city in %s', (zh, country, parent, lat, lon) => {
    const hits = g.byNameIn(zh, country);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ level: 'city', parentId: parent, source: 'extra' });
    expect(near(hits[0], lat, lon, 0.2)).toBe(true);
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
