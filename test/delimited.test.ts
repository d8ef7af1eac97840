import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { delimitedReader, readDelimited, detectDelimited, asOfFrom } from '../src/readers/delimited.js';
import type { RawRow } from '../src/model.js';

const sample = (name: string) => readFileSync(fileURLToPath(new URL(`../data/samples/${name}`, import.meta.url)), 'utf8');
const peer = (name: string) => readFileSync(fileURLToPath(new URL(`../data/peer/${name}`, import.meta.url)), 'utf8');
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');

const F001 = '001_2be138cf16039818.txt';
const F002 = '002_1b86fcdda1af5c3a.txt';
const CSV = 'twincities-china-slice.csv';

const at = (rows: RawRow[], line: number) => rows.find((r) => r.line === line);

describe('001: pipe table, one owner (西安), bilingual names', () => {
  const text = sample(F001);
  const r = readDelimited(text, { fileName: F001 });

  it('reads 40 rows, no section, the owner on the Chinese side', () => {
    expect(r.rows).toHaveLength(40);
    expect(r.rows.every((x) => x.section === null && x.cnPlace === null && x.status === 'listed')).toBe(true);
    expect(r.rows[0].line).toBe(3);
    expect(r.rows[39].line).toBe(42);
  });

  it('line 3: 奈良市 Nara', () => {
    expect(at(r.rows, 3)).toEqual({
      line: 3,
      section: null,
      cnPlace: null,
      foreignPlace: '奈良市',
      foreignPlaceEn: 'Nara',
      country: '日本',
      date: '1974年2月1日',
      status: 'listed',
      facts: { continent: '亚洲', population_10k: '35.45', area_km2: '276.84' },
    });
  });

  it('line 7: 堪萨斯市 (密苏里州) Kansas city', () => {
    expect(at(r.rows, 7)).toEqual({
      line: 7,
      section: null,
      cnPlace: null,
      foreignPlace: '堪萨斯市',
      foreignPlaceEn: 'Kansas city',
      foreignQualifier: '密苏里州',
      country: '美国',
      date: '1989年4月29日',
      status: 'listed',
      facts: { continent: '北美', population_10k: '50.2', area_km2: '816' },
    });
  });

  it('line 26: 马雷市 with 待查 area', () => {
    expect(at(r.rows, 26)).toEqual({
      line: 26,
      section: null,
      cnPlace: null,
      foreignPlace: '马雷市',
      foreignPlaceEn: 'Mary',
      country: '土库曼斯坦',
      date: '2014年5月12日',
      status: 'listed',
      note: '面积(平方公里): 待查',
      facts: { continent: '亚洲', population_10k: '20.8' },
    });
    expect(r.messages).toEqual([{ line: 26, severity: 'info', reason: 'area_km2 is 待查 (unknown): fact omitted' }]);
  });

  it('keeps dates and diacritics as written', () => {
    expect(at(r.rows, 18)).toMatchObject({ foreignPlace: '魁北克市', foreignPlaceEn: 'Quebec', date: '2001年 5 月11日' });
    expect(at(r.rows, 22)).toMatchObject({ foreignPlace: '昆卡市', date: '2010年9月8 日' });
    expect(at(r.rows, 19)).toMatchObject({ foreignPlace: '科尔多瓦市', foreignPlaceEn: 'Córdoba', country: '阿根廷' });
    expect(at(r.rows, 33)).toMatchObject({ foreignPlace: '于默奥市', foreignPlaceEn: 'Umeå', country: '瑞典' });
    expect(at(r.rows, 42)).toMatchObject({ foreignPlace: '奇姆肯特市', foreignPlaceEn: 'Shymkent', country: '哈萨克斯坦', date: '2023年5月17日' });
  });

  it('declares 33 countries and 40 cities as of 2023-05', () => {
    expect(r.totals).toEqual([
      { line: 1, section: null, countries: 33, places: 40, text: '(截止2023年5月,我市已与33个国家的40个城市建立了友好城市关系)' },
    ]);
    expect(r.meta.asOf).toBe('2023-05');
  });
});

describe('002: tab-separated, two lists under headings (广州)', () => {
  const text = sample(F002);
  const r = readDelimited(text, { fileName: F002 });
  const first = '广州市国际友好城市一览';
  const second = '广州市国际友好合作交流城市一览';

  it('reads 38 + 69 rows under their headings', () => {
    expect(r.rows.filter((x) => x.section === first)).toHaveLength(38);
    expect(r.rows.filter((x) => x.section === second)).toHaveLength(69);
    expect(r.rows).toHaveLength(107);
    expect(r.rows.every((x) => x.cnPlace === null)).toBe(true);
  });

  it('line 8: the first row; sequence numbers are not data', () => {
    expect(at(r.rows, 8)).toEqual({
      line: 8, section: first, cnPlace: null, foreignPlace: '福冈', country: '日本', date: '1979.05.02', status: 'listed',
    });
  });

  it('line 46: 蒙巴萨郡 after a blank line, still in the first list', () => {
    expect(at(r.rows, 46)).toEqual({
      line: 46, section: first, cnPlace: null, foreignPlace: '蒙巴萨郡', country: '肯尼亚', date: '2018.11.27', status: 'listed',
    });
    expect(r.messages).toContainEqual({ line: 47, severity: 'info', reason: 'separator row skipped' });
  });

  it('line 16 奥克兰 新西兰 vs line 92 奥克兰 美国', () => {
    expect(at(r.rows, 16)).toMatchObject({ section: first, foreignPlace: '奥克兰', country: '新西兰', date: '1989.02.17' });
    expect(at(r.rows, 92)).toMatchObject({ section: second, foreignPlace: '奥克兰', country: '美国', date: '2019.07.18' });
  });

  it('line 69: 平阳(省) as written', () => {
    expect(at(r.rows, 69)).toEqual({
      line: 69, section: second, cnPlace: null, foreignPlace: '平阳(省)', country: '越南', date: '2013.08.22', status: 'listed',
    });
  });

  it('line 88 after a blank line, and the last row', () => {
    expect(at(r.rows, 88)).toMatchObject({ section: second, foreignPlace: '戈尔干', country: '伊朗' });
    expect(at(r.rows, 123)).toMatchObject({ section: second, foreignPlace: '旧金山', country: '美国', date: '2024.07.23' });
  });

  it('the closing total counts the whole document; the 注 line is a note', () => {
    expect(r.totals).toEqual([
      { line: 127, section: null, countries: 68, places: 107, text: '以上合计，广州与 68 个国家的 107 个城市建立了友好关系。' },
    ]);
    expect(r.messages.find((m) => m.line === 125)).toMatchObject({ severity: 'info' });
    expect(r.rows.some((x) => x.line >= 124)).toBe(false);
    expect(r.meta.owner).toBe('广州市');
  });
});

describe('peer CSV (city1,country1,city2,country2)', () => {
  const text = peer(CSV);
  const r = readDelimited(text, { fileName: CSV });

  it('reads 1,238 rows without messages', () => {
    expect(r.rows).toHaveLength(1238);
    expect(r.messages).toEqual([]);
  });

  it('the first row, with a qualifier in brackets', () => {
    expect(at(r.rows, 2)).toEqual({
      line: 2,
      section: null,
      cnPlace: 'Anguo',
      foreignPlace: 'Dongdaemun',
      foreignPlaceEn: 'Dongdaemun',
      foreignQualifier: 'Seoul',
      country: 'South Korea',
      date: null,
      status: 'listed',
      facts: { cn_country: 'China' },
    });
  });

  it('a quoted "Suzhou, Jiangsu" stays one cell', () => {
    expect(at(r.rows, 850)).toEqual({
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
    expect(r.rows.filter((x) => x.cnPlace === 'Suzhou, Jiangsu').length).toBeGreaterThan(5);
  });
});

describe('fixtures', () => {
  it('two-sided list in traditional script (pipe)', () => {
    const r = readDelimited(fixture('two-sided-traditional.txt'), { fileName: 'two-sided-traditional.txt' });
    expect(r.messages).toEqual([]);
    expect(r.rows.map((x) => [x.line, x.cnPlace, x.foreignPlace, x.date])).toEqual([
      [3, '天津市', '神戶市', '1973年6月24日'],
      [4, '上海市', '橫濱市', '1973年11月30日'],
      [5, '西安市', '奈良市', '1974年2月1日'],
      [6, '北京市', '東京都', '1979年3月14日'],
      [7, '大連市', '北九州市', '1979年5月1日'],
      [8, '廣州市', '福岡市', '1979年5月2日'],
    ]);
    expect(r.rows.every((x) => x.section === '中日友好城市（節錄）' && x.countryHint === 'Japan' && x.country === null)).toBe(true);
  });

  it('whitespace-aligned, Chinese, with an empty cell placed by display position', () => {
    const r = readDelimited(fixture('whitespace-aligned-zh.txt'), { fileName: 'whitespace-aligned-zh.txt' });
    expect(r.rows).toHaveLength(9);
    expect(r.messages).toEqual([]);
    expect(at(r.rows, 5)).toEqual({
      line: 5, section: '大连市友好城市一览', cnPlace: null, foreignPlace: '北九州', country: '日本', date: '1979年5月1日', status: 'listed',
    });
    expect(at(r.rows, 7)).toMatchObject({ foreignPlace: '舞鹤', country: null, date: '1982年5月8日' });
    expect(at(r.rows, 10)).toMatchObject({ foreignPlace: '格拉斯哥', country: '英国苏格兰', date: '1987年10月27日' });
    expect(r.totals).toEqual([
      { line: 2, section: '大连市友好城市一览', countries: null, places: 9, text: '（截至2011年10月，现有9座友好城市）' },
    ]);
    expect(r.meta).toMatchObject({ asOf: '2011-10', owner: '大连市' });
  });

  it('whitespace-aligned, English', () => {
    const r = readDelimited(fixture('whitespace-aligned-en.txt'), { fileName: 'whitespace-aligned-en.txt' });
    expect(r.rows).toHaveLength(7);
    expect(r.messages).toEqual([]);
    expect(at(r.rows, 8)).toMatchObject({ foreignPlace: 'Le Havre', foreignPlaceEn: 'Le Havre', country: 'France', date: '1985-11-23' });
    expect(at(r.rows, 5)).toMatchObject({ foreignPlace: 'Oakland', country: 'United States' });
    expect(at(r.rows, 9)).toMatchObject({ foreignPlace: 'Glasgow', country: null, date: '1987-10-27' });
    expect(r.rows[0].section).toBe('Dalian sister cities (as of 2011-10)');
    expect(r.meta).toMatchObject({ asOf: '2011-10', owner: 'Dalian' });
  });
});

describe('bad input never throws', () => {
  it('empty and blank documents', () => {
    for (const t of ['', '   \n\n\t\n', '\uFEFF']) {
      const r = readDelimited(t, { fileName: 'empty.txt' });
      expect(r.rows).toEqual([]);
      expect(r.messages).toEqual([{ line: 1, severity: 'warning', reason: 'the document is empty: no rows' }]);
      expect(detectDelimited(t, 'empty.txt')).toBe(0);
    }
  });

  it('binary junk', () => {
    let seed = 7;
    const bytes = Buffer.from(Array.from({ length: 2048 }, () => (seed = (seed * 75 + 74) % 65537) % 256));
    const t = bytes.toString('utf8');
    const r = readDelimited(t, { fileName: 'junk.bin' });
    expect(r.rows).toEqual([]);
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toMatchObject({ line: 1, severity: 'error' });
    expect(detectDelimited(t, 'junk.bin')).toBe(0);
  });

  it('a junk line among good rows is skipped with its line', () => {
    const lines = sample(F001).split('\n');
    lines.splice(5, 0, '\u0000\u0001\u0002 | \uFFFD\uFFFD | x |');
    const r = readDelimited(lines.join('\n'), { fileName: F001 });
    expect(r.rows).toHaveLength(40);
    expect(r.messages).toContainEqual({ line: 6, severity: 'warning', reason: 'unreadable characters on this line: skipped' });
  });

  it('a truncated last row keeps what it has, with a warning', () => {
    const t = sample(F001).replace(/40 \| 奇姆肯特市 Shymkent \| 哈萨克斯坦.*$/s, '40 | 奇姆肯特市 Shymkent | 哈萨');
    const r = readDelimited(t, { fileName: F001 });
    expect(r.rows).toHaveLength(40);
    expect(at(r.rows, 42)).toEqual({
      line: 42, section: null, cnPlace: null, foreignPlace: '奇姆肯特市', foreignPlaceEn: 'Shymkent', country: '哈萨', date: null, status: 'listed',
    });
    expect(r.messages).toContainEqual({ line: 42, severity: 'warning', reason: 'row has 3 cells, the header has 7: kept what it has' });
  });

  it('a last row cut to its sequence number is skipped with a warning', () => {
    const t = sample(F001).replace(/40 \| 奇姆肯特市.*$/s, '40');
    const r = readDelimited(t, { fileName: F001 });
    expect(r.rows).toHaveLength(39);
    expect(r.messages).toContainEqual({ line: 42, severity: 'warning', reason: 'a sequence number alone (40): truncated row skipped' });
  });

  it('a CSV cut inside a quote', () => {
    const t = 'city1,country1,city2,country2\nAnguo,China,Kushima,Japan\n"Suzhou, Jiang';
    const r = readDelimited(t, { fileName: 'cut.csv' });
    expect(r.rows).toHaveLength(2);
    expect(at(r.rows, 3)).toMatchObject({ cnPlace: 'Suzhou, Jiang', foreignPlace: null, country: null });
    expect(r.messages).toContainEqual({ line: 3, severity: 'warning', reason: 'unclosed quote: the record is cut short; kept what it has' });
    expect(r.messages).toContainEqual({ line: 3, severity: 'warning', reason: 'row has 1 cells, the header has 4: kept what it has' });
  });

  it('a quoted value spanning two lines is one record (whitespace in cells is collapsed)', () => {
    const t = 'city1,country1,city2,country2\n"Suzhou,\nJiangsu",China,Esbjerg,Denmark\nAnguo,China,Kushima,Japan';
    const r = readDelimited(t, { fileName: 'multi.csv' });
    expect(r.rows.map((x) => [x.line, x.cnPlace, x.foreignPlace])).toEqual([
      [2, 'Suzhou, Jiangsu', 'Esbjerg'],
      [4, 'Anguo', 'Kushima'],
    ]);
  });

  it('a malformed date is kept as written', () => {
    const t = sample(F002).replace('1979.05.02', '1979.13.45x');
    const r = readDelimited(t, { fileName: F002 });
    expect(r.rows).toHaveLength(107);
    expect(at(r.rows, 8)?.date).toBe('1979.13.45x');
  });

  it('a table without a recognized header reads nothing and says so', () => {
    const r = readDelimited('a | b | c\n1 | 2 | 3\n4 | 5 | 6\n', { fileName: 'x.txt' });
    expect(r.rows).toEqual([]);
    expect(r.messages).toEqual([{ line: 1, severity: 'error', reason: 'no header row recognized: 3 table lines not read' }]);
  });

  it('rows before the header are reported', () => {
    const r = readDelimited('1 | 福冈 | 日本\n序 | 城市 | 国家\n2 | 洛杉矶 | 美国\n', { fileName: 'x.txt' });
    expect(r.rows.map((x) => x.foreignPlace)).toEqual(['洛杉矶']);
    expect(r.messages).toEqual([{ line: 1, severity: 'warning', reason: 'row before any recognized header: skipped' }]);
  });

  it('CRLF line ends and a BOM', () => {
    const t = '\uFEFF序\t城市名称\t国家\t签约时间\r\n01.\t福冈\t日本\t1979.05.02\r\n02.\t洛杉矶\t美国\t1981.12.08\r\n';
    const r = readDelimited(t, { fileName: 'crlf.txt' });
    expect(r.rows.map((x) => [x.line, x.foreignPlace, x.date])).toEqual([
      [2, '福冈', '1979.05.02'],
      [3, '洛杉矶', '1981.12.08'],
    ]);
  });
});

describe('a document with tables of two kinds', () => {
  // A comma-separated list of 3 rows, then a pipe list of 4: the pipes win the document, and the comma list,
  // under its own header, is read with its own delimiter (said in a message with its lines).
  const doc = [
    '城市,国家,结好时间', // line 1
    '奈良市,日本,1974年2月1日',
    '熊本市,日本,1982年10月11日',
    '"Kansas City, MO",美国,1989年', // line 4: a quoted comma inside a cell
    '',
    '西安市友好城市',
    '城市 | 国家 | 结好时间 |', // line 7
    '京都市 | 日本 | 1974年11月10日 |',
    '皮克林 | 英国 | 1984年 |',
    '巴黎 | 法国 | 1990年 |',
    '罗马 | 意大利 | 1991年 |', // line 11
  ].join('\n');

  it('reads each table with its own delimiter, and says so with the lines', () => {
    const r = delimitedReader.read(doc, { fileName: 'mixed.txt' });
    expect(r.rows.map((x) => [x.line, x.foreignPlace, x.country, x.date])).toEqual([
      [2, '奈良市', '日本', '1974年2月1日'],
      [3, '熊本市', '日本', '1982年10月11日'],
      [4, 'Kansas City, MO', '美国', '1989年'],
      [8, '京都市', '日本', '1974年11月10日'],
      [9, '皮克林', '英国', '1984年'],
      [10, '巴黎', '法国', '1990年'],
      [11, '罗马', '意大利', '1991年'],
    ]);
    const said = r.messages.filter((m) => /separated by/.test(m.reason));
    expect(said).toEqual([
      { line: 1, severity: 'info', reason: 'lines 1–4: a table separated by "," in a document whose tables are separated by "|": read with its own delimiter' },
    ]);
    // the heading above the pipe list is still its section
    expect(r.rows[3].section).toBe('西安市友好城市');
  });

  it('rows of another delimiter without a header are reported with their lines, not passed off as headings', () => {
    const text = ['城市 | 国家 | 结好时间 |', '京都市 | 日本 | 1974年11月10日 |', '', '奈良市,日本,1974年2月1日', '熊本市,日本,1982年10月11日'].join('\n');
    const r = delimitedReader.read(text, { fileName: 'tail.txt' });
    expect(r.rows.map((x) => x.foreignPlace)).toEqual(['京都市']);
    expect(r.messages.filter((m) => /separated by/.test(m.reason))).toEqual([
      {
        line: 4,
        severity: 'warning',
        reason: 'lines 4–5: 2 rows separated by ",", without a header row, in a document whose tables are separated by "|": not read (give each table its own file)',
      },
    ]);
  });

  it('a single line with commas stays a heading', () => {
    const r = delimitedReader.read(['Dalian, Liaoning, China', '城市 | 国家 | 结好时间 |', '北九州 | 日本 | 1979年5月1日 |'].join('\n'), { fileName: 'one.txt' });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0].section).toBe('Dalian, Liaoning, China');
    expect(r.messages.filter((m) => /separated by/.test(m.reason))).toEqual([]);
  });
});

describe('detect', () => {
  it('is sure of its own formats', () => {
    expect(detectDelimited(sample(F001), F001)).toBeGreaterThanOrEqual(0.8);
    expect(detectDelimited(sample(F002), F002)).toBeGreaterThanOrEqual(0.8);
    expect(detectDelimited(peer(CSV), CSV)).toBeGreaterThanOrEqual(0.85);
    expect(detectDelimited(fixture('whitespace-aligned-en.txt'), 'w.txt')).toBeGreaterThanOrEqual(0.8);
  });

  it('stays below the wikitext and Markdown readers on theirs', () => {
    expect(detectDelimited(sample('000_0f381ef73e09f27f.txt'), '000_0f381ef73e09f27f.txt')).toBeLessThanOrEqual(0.3);
    expect(detectDelimited(sample('003_d8932dca6923e789.txt'), '003_d8932dca6923e789.txt')).toBeLessThanOrEqual(0.3);
  });

  it('stays at or below 0.8 without a recognized header', () => {
    expect(detectDelimited('a | b | c\n1 | 2 | 3\n4 | 5 | 6\n', 'x.txt')).toBeLessThanOrEqual(0.8);
    expect(detectDelimited('just some prose.\nand more prose.', 'x.txt')).toBeLessThan(0.3);
  });

  it('is the reader the registry expects', () => {
    expect(delimitedReader.name).toBe('delimited');
    expect(delimitedReader.read('', { fileName: 'e' }).rows).toEqual([]);
  });
});

describe('asOfFrom', () => {
  it('reads 截止/截至 and as of', () => {
    expect(asOfFrom('(截止2023年5月,我市已与33个国家的40个城市建立了友好城市关系)')).toBe('2023-05');
    expect(asOfFrom('截至2011年10月')).toBe('2011-10');
    expect(asOfFrom('截止到2020年1月5日')).toBe('2020-01-05');
    expect(asOfFrom('as of 2011-10')).toBe('2011-10');
    expect(asOfFrom('以上合计')).toBeNull();
  });
});
