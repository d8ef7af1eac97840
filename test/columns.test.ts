import { describe, it, expect } from 'vitest';
import {
  classifyHeader,
  classifyHeaderCell,
  classifyHeaderCells,
  factKey,
  splitBilingualName,
  tableRows,
} from '../src/readers/columns.js';

describe('classifyHeader', () => {
  it('reads the header of 001 (pipe, with units and a trailing pipe)', () => {
    // 001 line 2: 序号 | 城 市 | 国家 | 洲 | 结好签字时间 | 人口(万) | 面积(平方公里) |
    const cells = ['序号', '城 市', '国家', '洲', '结好签字时间', '人口(万)', '面积(平方公里)', ''];
    expect(classifyHeader(cells)).toEqual(['seq', 'place', 'country', 'continent', 'date', 'population', 'area', null]);
  });

  it('reads the header of 002 (tab, with a leading empty cell)', () => {
    expect(classifyHeader(['', '序', '城市名称', '国家', '签约时间'])).toEqual([null, 'seq', 'place', 'country', 'date']);
  });

  it('reads two-sided headers in traditional script', () => {
    expect(classifyHeader(['序號', '中方城市', '日方城市', '結好時間'])).toEqual(['seq', 'cnPlace', 'foreignPlace', 'date']);
    expect(classifyHeader(['序', '中国城市', '韓方城市', '締結日期', '備註'])).toEqual(['seq', 'cnPlace', 'foreignPlace', 'date', 'note']);
    expect(classifyHeader(['中方', '对方城市', '外方国家', '缔结时间'])).toEqual(['cnPlace', 'foreignPlace', 'country', 'date']);
    expect(classifyHeader(['國家', '城市或地區', '簽約時間'])).toEqual(['country', 'place', 'date']);
    expect(classifyHeader(['国别', '友好城市', '所在洲', '结好时间', '备注'])).toEqual(['country', 'place', 'continent', 'date', 'note']);
    expect(classifyHeader(['大洲', '城市或地区', '国家'])).toEqual(['continent', 'place', 'country']);
  });

  it('reads English headers, case-insensitively', () => {
    expect(classifyHeader(['No.', 'Chinese city', 'Partner city', 'Country', 'Date'])).toEqual([
      'seq', 'cnPlace', 'foreignPlace', 'country', 'date',
    ]);
    expect(classifyHeader(['#', 'CITY', 'COUNTRY', 'Since'])).toEqual(['seq', 'place', 'country', 'date']);
    expect(classifyHeader(['Foreign city', 'Country', 'Year', 'Continent', 'Note'])).toEqual([
      'foreignPlace', 'country', 'date', 'continent', 'note',
    ]);
    expect(classifyHeader(['City', 'Population', 'Area (km²)'])).toEqual(['place', 'population', 'area']);
  });

  it('reads the peer CSV header: city1/country1 is the Chinese side, city2/country2 the foreign side', () => {
    expect(classifyHeader(['city1', 'country1', 'city2', 'country2'])).toEqual(['cnPlace', 'cnCountry', 'foreignPlace', 'country']);
  });

  it('refuses data rows and prose', () => {
    expect(classifyHeader(['1', '奈良市 Nara', '日本', '亚洲', '1974年2月1日', '35.45', '276.84'])).toBeNull();
    expect(classifyHeader(['', '广州市国际友好城市一览'])).toBeNull();
    expect(classifyHeader(['01.', '福冈', '日本', '1979.05.02'])).toBeNull();
    expect(classifyHeader(['Anguo', 'China', 'Kushima', 'Japan'])).toBeNull();
    // Known columns but no place or country column.
    expect(classifyHeader(['序号', '签约时间'])).toBeNull();
    expect(classifyHeader([])).toBeNull();
  });

  it('keeps units of population and area, and turns them into fact keys', () => {
    const pop = classifyHeaderCell('人口(万)')!;
    expect(pop).toMatchObject({ role: 'population', unit: '万', text: '人口(万)' });
    expect(factKey(pop)).toBe('population_10k');
    expect(factKey(classifyHeaderCell('人口（万人）')!)).toBe('population_10k');
    expect(factKey(classifyHeaderCell('人口')!)).toBe('population');
    const area = classifyHeaderCell('面积(平方公里)')!;
    expect(area).toMatchObject({ role: 'area', unit: '平方公里' });
    expect(factKey(area)).toBe('area_km2');
    expect(factKey(classifyHeaderCell('km²')!)).toBe('area_km2');
    expect(factKey(classifyHeaderCell('面積（平方千米）')!)).toBe('area_km2');
    expect(factKey(classifyHeaderCell('面积')!)).toBe('area');
  });

  it('gives the side country of a bilateral header as a hint', () => {
    expect(classifyHeaderCells(['中方城市', '日方城市'])?.[1]).toMatchObject({ role: 'foreignPlace', countryHint: 'Japan' });
    expect(classifyHeaderCells(['中方城市', '外方城市'])?.[1]?.countryHint).toBeUndefined();
  });
});

describe('splitBilingualName', () => {
  it('splits a Chinese and an English name', () => {
    expect(splitBilingualName('奈良市 Nara')).toEqual({ zh: '奈良市', en: 'Nara', qualifier: null });
    expect(splitBilingualName('布鲁塞尔首都大区 Brussels')).toEqual({ zh: '布鲁塞尔首都大区', en: 'Brussels', qualifier: null });
  });

  it('takes a bracketed qualifier out', () => {
    expect(splitBilingualName('堪萨斯市 (密苏里州) Kansas city')).toEqual({ zh: '堪萨斯市', en: 'Kansas city', qualifier: '密苏里州' });
    expect(splitBilingualName('Dongdaemun (Seoul)')).toEqual({ zh: null, en: 'Dongdaemun', qualifier: 'Seoul' });
    expect(splitBilingualName('奧克蘭（加州）')).toEqual({ zh: '奧克蘭', en: null, qualifier: '加州' });
  });

  it('keeps diacritics', () => {
    expect(splitBilingualName('科尔多瓦市 Córdoba')).toEqual({ zh: '科尔多瓦市', en: 'Córdoba', qualifier: null });
    expect(splitBilingualName('于默奥市 Umeå')).toEqual({ zh: '于默奥市', en: 'Umeå', qualifier: null });
  });

  it('gives one side for a one-script cell', () => {
    expect(splitBilingualName('蒙巴萨郡')).toEqual({ zh: '蒙巴萨郡', en: null, qualifier: null });
    expect(splitBilingualName('特拉维夫-雅法')).toEqual({ zh: '特拉维夫-雅法', en: null, qualifier: null });
    expect(splitBilingualName('Le Havre')).toEqual({ zh: null, en: 'Le Havre', qualifier: null });
    expect(splitBilingualName('  ')).toEqual({ zh: null, en: null, qualifier: null });
  });

  it('keeps an administrative word in brackets as part of the name', () => {
    expect(splitBilingualName('平阳(省)')).toEqual({ zh: '平阳(省)', en: null, qualifier: null });
  });

  it('reads an English name in brackets after a Chinese one, and the English-first order', () => {
    expect(splitBilingualName('奥克兰(Auckland)')).toEqual({ zh: '奥克兰', en: 'Auckland', qualifier: null });
    expect(splitBilingualName('Nara 奈良市')).toEqual({ zh: '奈良市', en: 'Nara', qualifier: null });
  });
});

describe('tableRows', () => {
  const header = ['序号', '城 市', '国家', '洲', '结好签字时间', '人口(万)', '面积(平方公里)'];

  it('returns null for a header it does not know', () => {
    expect(tableRows(['a', 'b', 'c'], [{ cells: ['1', '2', '3'], line: 2 }], null)).toBeNull();
  });

  it('maps a one-owner row by role, with facts and the English name', () => {
    const got = tableRows(header, [{ cells: ['5', '堪萨斯市 (密苏里州) Kansas city', '美国', '北美', '1989年4月29日', '50.2', '816'], line: 7 }], 'S')!;
    expect(got.messages).toEqual([]);
    expect(got.rows).toEqual([
      {
        line: 7,
        section: 'S',
        cnPlace: null,
        foreignPlace: '堪萨斯市',
        foreignPlaceEn: 'Kansas city',
        foreignQualifier: '密苏里州',
        country: '美国',
        date: '1989年4月29日',
        status: 'listed',
        facts: { continent: '北美', population_10k: '50.2', area_km2: '816' },
      },
    ]);
  });

  it('omits an unknown (待查) fact, says so in the note and an info message', () => {
    const got = tableRows(header, [{ cells: ['24', '马雷市 Mary', '土库曼斯坦', '亚洲', '2014年5月12日', '20.8', '待查'], line: 26 }], null)!;
    expect(got.rows[0].facts).toEqual({ continent: '亚洲', population_10k: '20.8' });
    expect(got.rows[0].note).toBe('面积(平方公里): 待查');
    expect(got.messages).toEqual([{ line: 26, severity: 'info', reason: 'area_km2 is 待查 (unknown): fact omitted' }]);
  });

  it('skips empty and separator rows, warns about short rows and keeps what they have', () => {
    const got = tableRows(
      ['序', '城市名称', '国家', '签约时间'],
      [
        { cells: ['', '', '', ''], line: 3 },
        { cells: ['-----', '------', '-----', '------------'], line: 4 },
        { cells: ['01.', '福冈', '日本'], line: 5 },
        { cells: ['02.', '', '', ''], line: 6 },
        { cells: ['03.', '', '美国', '2001.01.01'], line: 7 },
      ],
      null,
    )!;
    expect(got.rows.map((r) => [r.line, r.foreignPlace, r.country, r.date])).toEqual([
      [5, '福冈', '日本', null],
      [7, null, '美国', '2001.01.01'],
    ]);
    expect(got.messages).toEqual([
      { line: 4, severity: 'info', reason: 'separator row skipped' },
      { line: 5, severity: 'warning', reason: 'row has 3 cells, the header has 4: kept what it has' },
      { line: 6, severity: 'warning', reason: 'row has only a sequence number: skipped' },
    ]);
  });

  it('maps a two-sided row and keeps unknown columns as facts', () => {
    const got = tableRows(['序號', '中方城市', '日方城市', '結好時間', '締結形式'], [{ cells: ['1', '天津市', '神戶市', '1973年6月24日', '友好都市'], line: 2 }], null)!;
    expect(got.rows[0]).toEqual({
      line: 2,
      section: null,
      cnPlace: '天津市',
      foreignPlace: '神戶市',
      countryHint: 'Japan',
      country: null,
      date: '1973年6月24日',
      status: 'listed',
      facts: { 締結形式: '友好都市' },
    });
  });

  it('drops a sequence number the header has no column for', () => {
    const got = tableRows(['城市', '国家'], [{ cells: ['7.', '里昂', '法国'], line: 9 }], null)!;
    expect(got.rows[0]).toMatchObject({ foreignPlace: '里昂', country: '法国' });
    expect(got.messages).toEqual([]);
  });

  it('keeps the country of the Chinese side of a city1/country1 file as a fact', () => {
    const got = tableRows(['city1', 'country1', 'city2', 'country2'], [{ cells: ['Suzhou, Jiangsu', 'China', 'Malé', 'Maldives'], line: 850 }], null)!;
    expect(got.rows[0]).toEqual({
      line: 850,
      section: null,
      cnPlace: 'Suzhou, Jiangsu',
      foreignPlace: 'Malé',
      foreignPlaceEn: 'Malé',
      country: 'Maldives',
      date: null,
      status: 'listed',
      facts: { cn_country: 'China' },
    });
  });
});
