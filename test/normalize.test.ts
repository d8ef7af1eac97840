// Normalization: expectations written by hand from the four sample documents.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fold, pinyinOf, simplifiedCandidates, toSimplified } from '../src/normalize/script.js';
import { continentOf, countryAliases, countryNames, countryToIso2 } from '../src/normalize/country.js';
import { parseDate } from '../src/normalize/date.js';
import { kindOf, markerKind } from '../src/normalize/kind.js';
import { chineseNumber, parseDeclaredTotal } from '../src/normalize/totals.js';
import { normalizeRow } from '../src/normalize/claim.js';
import type { RawRow } from '../src/model.js';
import { SAMPLES_DIR } from '../src/paths.js';

const sample = (name: string) => readFileSync(join(SAMPLES_DIR, name), 'utf8');

/** "name=ISO name=ISO …" → pairs. */
const pairs = (s: string): Array<[string, string]> =>
  s
    .trim()
    .split(/\s+/)
    .map((p) => p.split('=') as [string, string]);

describe('script', () => {
  it('converts traditional to simplified, keeping names as written', () => {
    expect(toSimplified('東京都大田區')).toBe('东京都大田区');
    expect(toSimplified('釜山廣域市')).toBe('釜山广域市');
    expect(toSimplified('勒阿弗爾')).toBe('勒阿弗尔');
    expect(toSimplified('大连')).toBe('大连');
    expect(toSimplified('Kansas city')).toBe('Kansas city');
    // The Taiwan-phrase converter would double the suffix (哈萨克斯坦斯坦) or swap transliterations.
    expect(toSimplified('哈薩克斯坦')).toBe('哈萨克斯坦');
    expect(toSimplified('土庫曼斯坦')).toBe('土库曼斯坦');
    expect(toSimplified('拉羅舍爾')).toBe('拉罗舍尔');
  });

  it('offers the Taiwan-phrase form as an extra lookup candidate', () => {
    expect(simplifiedCandidates('義大利')).toEqual(['义大利', '意大利']);
    expect(simplifiedCandidates('紐西蘭')).toEqual(['纽西兰', '新西兰']);
    expect(simplifiedCandidates('日本')).toEqual(['日本']);
  });

  it('gives pinyin without tones or spaces', () => {
    expect(pinyinOf('大连')).toBe('dalian');
    expect(pinyinOf('大連')).toBe('dalian');
    expect(pinyinOf('北九州')).toBe('beijiuzhou');
    expect(pinyinOf('格拉斯哥')).toBe('gelasige');
    expect(pinyinOf('Kyoto')).toBe('kyoto');
    expect(pinyinOf('')).toBe('');
  });

  it('folds to a search key', () => {
    expect(fold('Córdoba')).toBe('cordoba');
    expect(fold(' Kansas City ')).toBe('kansascity');
    expect(fold('刚果（金）')).toBe('刚果金');
    expect(fold('刚果(金)')).toBe('刚果金');
    expect(fold('釜山廣域市')).toBe(fold('釜山广域市'));
    expect(fold('特拉维夫-雅法')).toBe('特拉维夫雅法');
    expect(fold('Umeå')).toBe('umea');
    expect(fold('ＡＢＣ　１')).toBe('abc1');
  });
});

describe('country', () => {
  // 000 (Dalian, wikitext): the country cells with link markup removed, listed and commented rows.
  const dalian = pairs(`日本=JP 美国=US 德国=DE 法国=FR 英国苏格兰=GB 俄罗斯=RU 刚果=CG 韩国=KR 澳大利亚=AU
    马其顿=MK 意大利=IT 古巴=CU 阿根廷=AR 玻利维亚=BO 克罗地亚=HR 泰国=TH 荷兰=NL 挪威=NO 加拿大=CA 乌克兰=UA 智利=CL`);
  // 000: the arguments of {{flagicon|X}}.
  const flagicons = pairs(`Japan=JP USA=US Germany=DE France=FR Scotland=GB Russia=RU Republic_of_the_Congo=CG
    South_Korea=KR Australia=AU Macedonia=MK Italy=IT Cuba=CU Argentina=AR Bolivia=BO Croatia=HR Thailand=TH
    Netherlands=NL Norway=NO Canada=CA Ukraine=UA Chile=CL`).map(([n, c]) => [n.replace(/_/g, ' '), c] as [string, string]);
  // 001 (Xi'an, pipe table): the 国家 column.
  const xian = pairs(`日本=JP 英国=GB 法国=FR 美国=US 伊朗=IR 德国=DE 巴基斯坦=PK 韩国=KR 罗马尼亚=RO 乌克兰=UA
    土耳其=TR 尼泊尔=NP 巴西=BR 加拿大=CA 阿根廷=AR 意大利=IT 希腊=GR 厄瓜多尔=EC 荷兰=NL 黑山=ME 乌兹别克斯坦=UZ
    土库曼斯坦=TM 澳大利亚=AU 亚美尼亚=AM 塞尔维亚=RS 瑞典=SE 吉尔吉斯斯坦=KG 摩洛哥=MA 比利时=BE 西班牙=ES
    摩尔多瓦=MD 白俄罗斯=BY 哈萨克斯坦=KZ`);
  // 002 (Guangzhou, tab-separated): the 国家 column of both lists.
  const guangzhou = pairs(`日本=JP 美国=US 菲律宾=PH 加拿大=CA 澳大利亚=AU 意大利=IT 法国=FR 德国=DE 新西兰=NZ 韩国=KR
    瑞典=SE 南非=ZA 英国=GB 俄罗斯=RU 秘鲁=PE 印尼=ID 立陶宛=LT 斯里兰卡=LK 巴西=BR 芬兰=FI 泰国=TH 阿根廷=AR
    阿联酋=AE 科威特=KW 土耳其=TR 津巴布韦=ZW 哥斯达黎加=CR 西班牙=ES 摩洛哥=MA 波兰=PL 印度=IN 尼泊尔=NP
    厄瓜多尔=EC 智利=CL 肯尼亚=KE 越南=VN 埃及=EG 吉尔吉斯=KG 古巴=CU 墨西哥=MX 捷克=CZ 葡萄牙=PT 柬埔寨=KH
    格鲁吉亚=GE 斐济=FJ 刚果(金)=CD 塞舌尔=SC 哥伦比亚=CO 以色列=IL 希腊=GR 阿尔巴尼亚=AL 伊朗=IR 塞浦路斯=CY
    乌拉圭=UY 刚果共和国=CG 阿曼=OM 乌克兰=UA 马来西亚=MY 巴拿马=PA 塞内加尔=SN 佛得角=CV 爱沙尼亚=EE 黑山=ME
    白俄罗斯=BY 巴基斯坦=PK 匈牙利=HU 牙买加=JM 老挝=LA`);
  // 003 (all China, Markdown): the country link before the place in <small>[country](…)[place](…) cells.
  const china = pairs(`日本=JP 美國=US 美国=US 法國=FR 韓國=KR 俄羅斯=RU 羅馬尼亞=RO 澳大利亞=AU 烏克蘭=UA 巴西=BR
    加拿大=CA 西班牙=ES 比利時=BE 新西蘭=NZ 德國=DE 越南=VN 義大利=IT 白俄羅斯=BY 泰國=TH 奧地利=AT
    哈薩克斯坦=KZ 吉爾吉斯斯坦=KG 匈牙利=HU 菲律賓=PH 英國=GB 納米比亞=NA 保加利亞=BG 以色列=IL 芬蘭=FI 芬兰=FI
    瑞士=CH 瑞典=SE 玻利維亞=BO 烏茲別克斯坦=UZ 挪威=NO 墨西哥=MX 塔吉克斯坦=TJ 埃及=EG 南非=ZA 馬里=ML
    馬達加斯加=MG 阿爾及利亞大=DZ 阿根廷=AR 辛巴威=ZW 貝寧=BJ 象牙海岸=CI 蘇丹=SD 蒙古=MN 荷蘭=NL 茅利塔尼亞=MR
    老撾=LA 緬甸=MM 約旦=JO 爱尔蘭=IE 烏干達=UG 智利=CL 新加坡=SG 斯里蘭卡=LK 摩洛哥=MA 摩尔多瓦=MD 捷克=CZ
    布隆迪=BI 巴基斯坦=PK 尼泊爾=NP 孟加拉=BD 埃塞俄比亞=ET 坦桑尼亞=TZ 土庫曼斯坦=TM 喀麥隆=CM 印尼=ID 剛果=CG`);

  it.each([...dalian, ...xian, ...guangzhou, ...china])('%s → %s', (name, iso2) => {
    expect(countryToIso2(name)).toBe(iso2);
  });

  it.each(flagicons)('{{flagicon|%s}} → %s', (hint, iso2) => {
    expect(countryToIso2(null, hint)).toBe(iso2);
  });

  it('the hand lists cover every country string of 001, 002 and 003', () => {
    const listed = new Set([...xian, ...guangzhou, ...china].map(([n]) => n));
    const xianCol = sample('001_2be138cf16039818.txt')
      .split('\n')
      .slice(2)
      .map((l) => l.split('|')[2]?.trim())
      .filter(Boolean) as string[];
    const gzCol = sample('002_1b86fcdda1af5c3a.txt')
      .split('\n')
      .filter((l) => /^\d+\.\t/.test(l))
      .map((l) => l.split('\t')[2].trim());
    const chinaCol = [...sample('003_d8932dca6923e789.txt').matchAll(/<small>\[([^\]]+)\]/g)].map((m) => m[1]);
    expect(xianCol).toHaveLength(40);
    expect(gzCol).toHaveLength(107);
    expect(chinaCol.length).toBeGreaterThan(250);
    for (const c of [...xianCol, ...gzCol, ...chinaCol]) expect(listed, c).toContain(c);
  });

  it('prefers the written name and falls back on the hint', () => {
    expect(countryToIso2('英国苏格兰', 'Scotland')).toBe('GB');
    expect(countryToIso2('火星', 'Japan')).toBe('JP');
    expect(countryToIso2(null, 'United States')).toBe('US');
    expect(countryToIso2('刚果（金）')).toBe('CD');
    expect(countryToIso2('剛果(金)')).toBe('CD');
    expect(countryToIso2('the Netherlands')).toBe('NL');
    expect(countryToIso2('JP')).toBe('JP');
    expect(countryToIso2('USA')).toBe('US');
    expect(countryToIso2('紐西蘭')).toBe('NZ');
    expect(countryToIso2('Côte d’Ivoire')).toBe('CI');
    expect(countryToIso2('Congo')).toBe('CG'); // ISO short name; the libraries give it to the DRC too
    expect(countryToIso2('Democratic Republic of the Congo')).toBe('CD');
    expect(countryToIso2('Surinam')).toBe('SR');
  });

  it('reads names in other languages, and the case forms of Russian names', () => {
    const names = pairs(`アメリカ合衆国=US 米国=US 韓国=KR 大韓民国=KR ドイツ=DE 中華人民共和国=CN 미국=US 일본=JP 중국=CN 독일=DE
      프랑스=FR 한국=KR Alemania=DE Estados_Unidos=US Alemanha=DE Allemagne=DE Deutschland=DE Germania=DE Россия=RU
      Франции=FR Германии=DE США=US Японии=JP Китая=CN Южной_Кореи=KR Египта=EG 台湾=TW 香港=HK 澳门=MO Macau=MO`);
    for (const [name, iso2] of names) expect(countryToIso2(name.replace(/_/g, ' ')), name).toBe(iso2);
  });

  it('returns null for what it does not know', () => {
    expect(countryToIso2(null)).toBeNull();
    expect(countryToIso2('')).toBeNull();
    expect(countryToIso2('   ')).toBeNull();
    expect(countryToIso2('火星')).toBeNull();
    expect(countryToIso2('abc', 'Atlantis')).toBeNull();
    expect(countryToIso2('ZZ')).toBeNull();
  });

  it('reads its aliases from the one data file', () => {
    const names = countryAliases().map((a) => a.name);
    expect(names).toContain('英国苏格兰');
    expect(names).toContain('阿尔及利亚大');
    expect(countryAliases().every((a) => /^[A-Z]{2}$/.test(a.iso2))).toBe(true);
  });

  it('knows continents and display names', () => {
    expect(continentOf('JP')).toBe('Asia');
    expect(continentOf('GB')).toBe('Europe');
    expect(continentOf('CG')).toBe('Africa');
    expect(continentOf('US')).toBe('North America');
    expect(continentOf('CU')).toBe('North America');
    expect(continentOf('CR')).toBe('North America');
    expect(continentOf('AR')).toBe('South America');
    expect(continentOf('NZ')).toBe('Oceania');
    expect(continentOf('AQ')).toBe('Antarctica');
    expect(continentOf('ZZ')).toBeNull();
    expect(continentOf(null)).toBeNull();
    expect(countryNames('KR')).toEqual({ zh: '韩国', en: 'South Korea' });
    expect(countryNames('US')).toEqual({ zh: '美国', en: 'United States' });
    expect(countryNames('gb')).toEqual({ zh: '英国', en: 'United Kingdom' });
    expect(countryNames('ZZ')).toBeNull();
  });
});

describe('date', () => {
  it.each([
    ['1979-05-01', '1979-05-01', 'day'],
    ['1974年2月1日', '1974-02-01', 'day'],
    ['2001年 5 月11日', '2001-05-11', 'day'],
    ['2010年9月8 日', '2010-09-08', 'day'],
    ['2013年11月25 日', '2013-11-25', 'day'],
    ['1979.05.02', '1979-05-02', 'day'],
    ['2000-02-29', '2000-02-29', 'day'],
    ['25/06/2013', '2013-06-25', 'day'],
    ['06/25/2013', '2013-06-25', 'day'],
    ['05/05/2013', '2013-05-05', 'day'],
    ['２００８年５月２５日', '2008-05-25', 'day'],
    ['2013年12月', '2013-12', 'month'],
    ['2013-12', '2013-12', 'month'],
    ['1986年', '1986', 'year'],
    ['1986', '1986', 'year'],
    ['1994', '1994', 'year'],
  ] as const)('%s → %s (%s)', (written, iso, precision) => {
    expect(parseDate(written)).toEqual({ iso, precision });
  });

  it.each([
    ['一九七九年五月一日', '1979-05-01', 'day'],
    ['二〇一三年十二月二十五日', '2013-12-25', 'day'],
    ['二零零八年五月卅一日', '2008-05-31', 'day'],
    ['一九八六年十月', '1986-10', 'month'],
    ['一九八六年', '1986', 'year'],
    ['2013年十二月', '2013-12', 'month'],
    // years of the Republic of China, as Taiwanese and older documents write them: 民國 N = 1911 + N
    ['民國68年5月1日', '1979-05-01', 'day'],
    ['民国六十八年五月一日', '1979-05-01', 'day'],
    ['民國一百零二年十二月', '2013-12', 'month'],
    ['民國元年', '1912', 'year'],
  ] as const)('Chinese numerals: %s → %s (%s)', (written, iso, precision) => {
    expect(parseDate(written)).toEqual({ iso, precision });
  });

  it('refuses Chinese numerals that are no date, or no real date, and says why', () => {
    expect(parseDate('二〇一三年十三月').problem).toBe('unreadable date "二〇一三年十三月": month 13 does not exist');
    // An impossible day keeps the month the document wrote, and says so.
    expect(parseDate('一九七九年二月三十日')).toMatchObject({ iso: '1979-02', precision: 'month', problem: expect.stringMatching(/day 30 does not exist in 1979-02; kept the month/) });
    for (const written of ['十二月二十五日', '七九年', '一九七九', '民國', '一九七九年五月一日签订']) {
      const d = parseDate(written);
      expect(d.iso, written).toBeNull();
      expect(d.problem, written).toMatch(written);
    }
  });

  it('reads empty and unknown as no date, without a problem', () => {
    expect(parseDate(null)).toEqual({ iso: null, precision: 'none' });
    expect(parseDate('')).toEqual({ iso: null, precision: 'none' });
    expect(parseDate('  ')).toEqual({ iso: null, precision: 'none' });
    expect(parseDate('待查')).toEqual({ iso: null, precision: 'none' });
  });

  it.each(['1979.02.30', '1900-02-29'])('keeps the month of the impossible day %s, with a problem', (written) => {
    const d = parseDate(written);
    expect(d.precision).toBe('month');
    expect(d.iso).toBe(written.slice(0, 4) + '-02');
    expect(d.problem).toMatch(written);
  });

  it.each(['2019年13月5日', 'abc', '12/06/2013', '1979-05-01-02', '0000年', '19790'])(
    'refuses %s with a problem',
    (written) => {
      const d = parseDate(written);
      expect(d.iso).toBeNull();
      expect(d.precision).toBe('none');
      expect(d.problem).toMatch(written);
    },
  );

  it('says why', () => {
    expect(parseDate('2019年13月5日').problem).toBe('unreadable date "2019年13月5日": month 13 does not exist');
    expect(parseDate('1979.02.30')).toEqual({ iso: '1979-02', precision: 'month', problem: 'impossible date "1979.02.30": day 30 does not exist in 1979-02; kept the month' });
    expect(parseDate('12/06/2013').problem).toMatch(/ambiguous/);
  });
});

describe('kind', () => {
  it('reads sections', () => {
    expect(kindOf('友好城市', null)).toBe('sister');
    expect(kindOf('友好城市关系', null)).toBe('sister');
    expect(kindOf('國際友好城市', null)).toBe('sister');
    expect(kindOf('广州市国际友好城市一览', null)).toBe('sister');
    expect(kindOf('友好合作关系城市', null)).toBe('cooperation');
    expect(kindOf('友好合作關係城市', null)).toBe('cooperation');
    expect(kindOf('广州市国际友好合作交流城市一览', null)).toBe('cooperation');
    expect(kindOf('友好交流城市', null)).toBe('cooperation');
    expect(kindOf('友好交流城市', null)).toBe('cooperation');
  });

  it('lets the marker win over the section', () => {
    expect(kindOf('澳門', '友好協約書')).toBe('other');
    expect(kindOf('友好城市', '友好協議')).toBe('other');
    expect(kindOf('友好城市', '文化備忘錄')).toBe('other');
    expect(kindOf('友好城市', '备忘录')).toBe('other');
    expect(kindOf('友好城市', '意向书')).toBe('other');
    expect(kindOf('友好合作关系城市', '友好城市')).toBe('sister');
  });

  it('reads kind words in other languages', () => {
    expect(kindOf('姉妹都市', null)).toBe('sister');
    expect(kindOf('友好都市', null)).toBe('sister');
    expect(kindOf('友好交流都市', null)).toBe('cooperation');
    expect(kindOf('자매결연', null)).toBe('sister');
    expect(kindOf('우호교류도시', null)).toBe('cooperation');
    expect(kindOf('Sister cities', null)).toBe('sister');
    expect(kindOf('Twin towns', null)).toBe('sister');
    expect(kindOf('Ciudades hermanas', null)).toBe('sister');
    expect(kindOf('Partnerstädte', null)).toBe('sister');
    expect(kindOf('Города-побратимы', null)).toBe('sister');
    expect(kindOf('Sister cities', 'Memorandum of Understanding')).toBe('other');
  });

  it('defaults to sister', () => {
    expect(kindOf(null, null)).toBe('sister');
    expect(kindOf('河南', null)).toBe('sister');
    expect(kindOf('北京', '（注）')).toBe('sister');
    expect(markerKind('密苏里州')).toBeNull();
    expect(markerKind('友好協約書')).toBe('other');
  });
});

describe('declared totals', () => {
  it.each([
    ['现有9座友好城市：', null, 9],
    ['现有25座友好合作关系城市：', null, 25],
    ['现有25座', null, 25],
    ['(截止2023年5月,我市已与33个国家的40个城市建立了友好城市关系)', 33, 40],
    ['以上合计，广州与 68 个国家的 107 个城市建立了友好关系。', 68, 107],
    ['現有九座友好城市', null, 9],
    ['与二十个国家的一百零七个城市', 20, 107],
  ] as const)('%s', (text, countries, places) => {
    expect(parseDeclaredTotal(text)).toEqual({ countries, places });
  });

  it('finds none where none is declared', () => {
    expect(parseDeclaredTotal('大连市友好城市及友好合作关系城市统计表（截止2011年10月）如下：')).toBeNull();
    expect(parseDeclaredTotal('(按签约时间先后顺序排列)')).toBeNull();
    expect(parseDeclaredTotal('')).toBeNull();
  });

  it('reads Chinese numerals', () => {
    expect(chineseNumber('九')).toBe(9);
    expect(chineseNumber('十')).toBe(10);
    expect(chineseNumber('十二')).toBe(12);
    expect(chineseNumber('二十五')).toBe(25);
    expect(chineseNumber('一百零七')).toBe(107);
    expect(chineseNumber('abc')).toBeNull();
  });
});

describe('normalizeRow', () => {
  const base: RawRow = {
    line: 22,
    section: '友好城市',
    cnPlace: null,
    foreignPlace: '格拉斯哥',
    foreignLink: null,
    country: '英国苏格兰',
    countryHint: 'Scotland',
    date: '1987-10-27',
    status: 'listed',
  };

  it('normalizes a Dalian row', () => {
    const { claim, messages } = normalizeRow(base, '大连市');
    expect(messages).toEqual([]);
    expect(claim).toEqual({
      line: 22,
      section: '友好城市',
      cnPlace: '大连市',
      cnPlaceZhHans: '大连市',
      cnLink: null,
      foreignPlace: '格拉斯哥',
      foreignPlaceZhHans: '格拉斯哥',
      foreignPlaceEn: null,
      foreignLink: null,
      foreignQualifier: null,
      country: '英国苏格兰',
      countryIso2: 'GB',
      date: '1987-10-27',
      dateIso: '1987-10-27',
      datePrecision: 'day',
      kind: 'sister',
      marker: null,
      status: 'listed',
      note: null,
      facts: null,
    });
  });

  it('keeps the Chinese side the row names, in both scripts', () => {
    const { claim } = normalizeRow(
      { ...base, cnPlace: '東城區', cnLink: '東城區_(北京市)', foreignPlace: '東京都新宿區', country: '日本', countryHint: null, date: '1997年5月22日' },
      '北京市',
    );
    expect(claim.cnPlace).toBe('東城區');
    expect(claim.cnPlaceZhHans).toBe('东城区');
    expect(claim.cnLink).toBe('東城區_(北京市)');
    expect(claim.foreignPlaceZhHans).toBe('东京都新宿区');
    expect(claim.countryIso2).toBe('JP');
    expect(claim.dateIso).toBe('1997-05-22');
  });

  it('reads a doubtful commented row with a year', () => {
    const { claim, messages } = normalizeRow(
      {
        line: 35,
        section: '友好合作关系城市',
        cnPlace: null,
        foreignPlace: '温哥华',
        country: '加拿大',
        countryHint: 'Canada',
        date: '1994',
        status: 'doubtful',
        note: '存疑，待考。',
      },
      '大连市',
    );
    expect(messages).toEqual([]);
    expect(claim).toMatchObject({ kind: 'cooperation', status: 'doubtful', dateIso: '1994', datePrecision: 'year', countryIso2: 'CA', note: '存疑，待考。' });
  });

  it('lets the marker decide the kind, and keeps facts', () => {
    const { claim } = normalizeRow(
      { ...base, section: '澳門', foreignPlace: '布魯塞爾', marker: '友好協約書', country: null, countryHint: null, date: null, facts: { 洲: '欧洲' } },
      '澳門',
    );
    expect(claim.kind).toBe('other');
    expect(claim.marker).toBe('友好協約書');
    expect(claim.foreignPlaceZhHans).toBe('布鲁塞尔');
    expect(claim.countryIso2).toBeNull();
    expect(claim.datePrecision).toBe('none');
    expect(claim.facts).toEqual({ 洲: '欧洲' });
  });

  it('reports an unreadable date and an unknown country with the row line', () => {
    const { claim, messages } = normalizeRow({ ...base, line: 7, country: '火星国', countryHint: null, date: '2019年13月5日' }, null);
    expect(claim.cnPlace).toBeNull();
    expect(claim.dateIso).toBeNull();
    expect(claim.datePrecision).toBe('none');
    expect(claim.countryIso2).toBeNull();
    expect(messages).toEqual([
      { line: 7, severity: 'warning', reason: 'unreadable date "2019年13月5日": month 13 does not exist' },
      { line: 7, severity: 'warning', reason: 'unknown country "火星国"' },
    ]);
  });

  it('falls back on the hint, and says when written country and hint disagree', () => {
    const a = normalizeRow({ ...base, country: '火星国', countryHint: 'Scotland' }, '大连市');
    expect(a.claim.countryIso2).toBe('GB');
    expect(a.messages).toHaveLength(1);
    expect(a.messages[0]).toMatchObject({ line: 22, severity: 'info' });
    const b = normalizeRow({ ...base, country: '日本', countryHint: 'USA' }, '大连市');
    expect(b.claim.countryIso2).toBe('JP');
    expect(b.messages[0]).toMatchObject({ line: 22, severity: 'warning' });
    expect(b.messages[0].reason).toMatch(/disagrees/);
  });
});
