// The recognition stage: dates, countries and kind words inside longer text. Phrases are short quotes (or
// close paraphrases) of real lists and reports found in public pages — Japanese Wikipedia's 姉妹都市, Korean
// city reports (자매도시 / 우호도시), Russian news on города-побратимы, Spanish pages on ciudades hermanas — with
// the expected values written by hand from reading them.
import { describe, it, expect } from 'vitest';
import { findCountries, findDates, findKindWords, findNotATieWords, notATieReason } from '../src/recognize/index.js';
import { parseDate } from '../src/normalize/date.js';
import { markerKind } from '../src/normalize/kind.js';

const dates = (text: string, bareYears = true) => findDates(text, { bareYears }).map((d) => [d.written, d.iso, d.precision]);
const isos = (text: string, short = false) => findCountries(text, { short }).map((c) => c.iso2);
const spans = (text: string, short = false) => findCountries(text, { short }).map((c) => [c.written, c.iso2, c.via]);
const kinds = (text: string) => findKindWords(text).map((k) => [k.written, k.kind]);

describe('findDates', () => {
  it.each([
    // Japanese: 天津市と神戸市 (the first China–Japan tie), as a Japanese list writes it
    ['神戸市 | 天津市 | 昭和48年6月24日', [['昭和48年6月24日', '1973-06-24', 'day']]],
    ['1973年（昭和48年）6月24日 友好都市提携', [['1973年（昭和48年）6月24日', '1973-06-24', 'day']]],
    ['昭和48年（1973年）6月', [['昭和48年（1973年）6月', '1973-06', 'month']]],
    ['平成元年５月７日提携', [['平成元年５月７日', '1989-05-07', 'day']]],
    ['令和元年5月1日', [['令和元年5月1日', '2019-05-01', 'day']]],
    ['昭和六十三年十月六日', [['昭和六十三年十月六日', '1988-10-06', 'day']]],
    ['提携日 S48.6.24 天津市', [['S48.6.24', '1973-06-24', 'day']]],
    ['H元.5.7締結', [['H元.5.7', '1989-05-07', 'day']]],
    ['1972年10月、日本の神戸市の市長が訪問団を率いて中国を訪れた', [['1972年10月', '1972-10', 'month']]],
    // Korean: 성남시 — 1986년 5월 28일 첫 우호협력도시 체결; 의성군 — 2003년 10월 17일 … 2019년 5월
    ['1986년 5월 28일 첫 우호협력도시 체결을 한 브라질 피라시카바', [['1986년 5월 28일', '1986-05-28', 'day']]],
    ['2019년 5월 서울시와 우호도시를 체결했다', [['2019년 5월', '2019-05', 'month']]],
    ['목포시 – 롄윈강시 2004. 5. 7. 체결', [['2004. 5. 7.', '2004-05-07', 'day']]],
    ['1992년 전라남도 목포시의 자매도시 결연', [['1992년', '1992', 'year']]],
    // English, Spanish, Portuguese, French, German, Italian, Russian
    ['The Chinese city of Nanjing and the U.S. city of St. Louis, signed May 12, 1979', [['May 12, 1979', '1979-05-12', 'day']]],
    ['Twinned 12th May 1995 with Dalian', [['12th May 1995', '1995-05-12', 'day']]],
    ['Agreement signed Sept. 3, 2001', [['Sept. 3, 2001', '2001-09-03', 'day']]],
    ['Hermanamiento firmado el 12 de mayo de 1995', [['12 de mayo de 1995', '1995-05-12', 'day']]],
    ['desde mayo de 1995', [['mayo de 1995', '1995-05', 'month']]],
    ['geminação assinada em 12 de maio de 1995', [['12 de maio de 1995', '1995-05-12', 'day']]],
    ['jumelage signé le 1er mai 1995', [['1er mai 1995', '1995-05-01', 'day']]],
    ['Partnerschaft seit dem 12. Mai 1995', [['12. Mai 1995', '1995-05-12', 'day']]],
    ['gemellaggio del 12 maggio 1995', [['12 maggio 1995', '1995-05-12', 'day']]],
    ['соглашение подписано 12 мая 1995 г. в Даляне', [['12 мая 1995 г.', '1995-05-12', 'day']]],
    ['побратимы с мая 1995', [['мая 1995', '1995-05', 'month']]],
    ['Челябинск и Далянь стали городами-побратимами в 2025 году', [['в 2025 году', '2025', 'year']]],
    ['Sister city since 1995', [['since 1995', '1995', 'year']]],
    // Chinese as before: ISO, dotted, Chinese numerals, the Republic of China
    ['北京市 | 東京都 | 1979.03.14 |', [['1979.03.14', '1979-03-14', 'day']]],
    ['于1979年5月1日签订', [['1979年5月1日', '1979-05-01', 'day']]],
    ['一九七九年五月一日签订', [['一九七九年五月一日', '1979-05-01', 'day']]],
    ['民國68年5月1日締結', [['民國68年5月1日', '1979-05-01', 'day']]],
    ['(2001-06-08)', [['2001-06-08', '2001-06-08', 'day']]],
    // ranges: both ends
    ['1995–2010', [['1995', '1995', 'year'], ['2010', '2010', 'year']]],
    ['1995年—2010年', [['1995年', '1995', 'year'], ['2010年', '2010', 'year']]],
  ] as const)('%s', (text, expected) => {
    expect(dates(text)).toEqual(expected);
  });

  it("each span's written form is read by parseDate to the same date", () => {
    const text = '昭和48年6月24日; 2004년 5월 7일; May 12, 1979; 12 мая 1995 г.; 1979.03.14; since 1995; 民國68年5月1日';
    for (const d of findDates(text)) {
      expect(text.slice(d.start, d.end)).toBe(d.written);
      expect(parseDate(d.written)).toMatchObject({ iso: d.iso, precision: d.precision });
    }
  });

  it('counts a bare year only when no fuller date is there, and only when asked', () => {
    expect(dates('Dalian 1995 Kitakyushu')).toEqual([['1995', '1995', 'year']]);
    expect(dates('Dalian 1995 Kitakyushu', false)).toEqual([]);
    expect(dates('population 2000, signed 1979年5月1日')).toEqual([['1979年5月1日', '1979-05-01', 'day']]);
    expect(dates('Route 1949 and 2031')).toEqual([]); // outside 1950–2030
    expect(dates('tel. 2015-1234-567')).toEqual([]);
    expect(dates('1995-2010')).toEqual([['1995', '1995', 'year'], ['2010', '2010', 'year']]);
  });

  it('leaves out what is no date, whole', () => {
    expect(dates('2019年13月5日')).toEqual([]);
    expect(dates('昭和65年')).toEqual([]); // 昭和 ended in its 64th year
    expect(dates('1979.02.30')).toEqual([['1979.02.30', '1979-02', 'month']]); // an impossible day keeps its month
    expect(dates('12/06/2013')).toEqual([]); // day and month could be either
    expect(dates('May the force be with you')).toEqual([]);
    expect(dates('FRAME 12')).toEqual([]);
    expect(dates('')).toEqual([]);
  });

  it('reads a megabyte line in linear time', () => {
    const line = 'abc 1995年5月7日 12 May 1995 xyz 2001 '.repeat(30_000);
    expect(line.length).toBeGreaterThan(900_000);
    const found = findDates(line);
    expect(found.length).toBe(60_000);
    // Shapes that make backtracking engines stall: long runs of digits, dots, 年, month words.
    for (const s of ['1'.repeat(1_000_000), '1.'.repeat(500_000), '年'.repeat(1_000_000), 'May 1 '.repeat(150_000), '12 de '.repeat(150_000)]) {
      expect(Array.isArray(findDates(s))).toBe(true);
    }
  });
});

describe('parseDate: the forms of other languages', () => {
  it.each([
    ['昭和48年', '1973', 'year'],
    ['平成元年', '1989', 'year'],
    ['令和元年', '2019', 'year'],
    ['大正3年', '1914', 'year'],
    ['明治元年', '1868', 'year'],
    ['平成32年', '2020', 'year'], // printed before 2019: 平成 years run on
    ['昭和４８年５月７日', '1973-05-07', 'day'],
    ['S48.5.7', '1973-05-07', 'day'],
    ['H1.5.7', '1989-05-07', 'day'],
    ['2004년 5월 7일', '2004-05-07', 'day'],
    ['2004년 5월', '2004-05', 'month'],
    ['2004년', '2004', 'year'],
    ['2004. 5. 7.', '2004-05-07', 'day'],
    ['12 May 1995', '1995-05-12', 'day'],
    ['May 1995', '1995-05', 'month'],
    ['mayo de 1995', '1995-05', 'month'],
    ['1º de maio de 1995', '1995-05-01', 'day'],
    ['12 mai 1995', '1995-05-12', 'day'],
    ['май 1995', '1995-05', 'month'],
    ['в мае 1995 года', '1995-05', 'month'],
    ['1995 г.', '1995', 'year'],
    ['in 1995', '1995', 'year'],
  ] as const)('%s → %s (%s)', (written, iso, precision) => {
    expect(parseDate(written)).toEqual({ iso, precision });
  });

  it.each([
    ['昭和65年', /昭和 ended/],
    ['昭和64年1月8日', /昭和 ended on 1989-01-07/],
    ['平成元年1月7日', /平成 began on 1989-01-08/],
    ['令和元年4月30日', /令和 began on 2019-05-01/],
    ['1973年（昭和47年）5月', /1973 is not 昭和47年/],
    ['2019년 13월 5일', /month 13 does not exist/],
  ])('refuses %s', (written, why) => {
    const d = parseDate(written);
    expect(d.iso).toBeNull();
    expect(d.problem).toMatch(why);
    expect(d.problem).toContain(written);
  });

  it('keeps the month of an impossible day (`Feb 30, 1982` in D-en-dalian-chinadaily-sister-cities.txt, line 46), and says so', () => {
    expect(parseDate('Feb 30, 1982')).toMatchObject({ iso: '1982-02', precision: 'month', problem: expect.stringMatching(/day 30 does not exist in 1982-02/) });
    expect(parseDate('31 February 2001')).toMatchObject({ iso: '2001-02', precision: 'month' });
  });
});

describe('findCountries', () => {
  it.each([
    // zh-Hans, zh-Hant (Taiwan forms)
    ['南非约翰内斯堡', ['ZA']],
    ['刚果民主共和国金沙萨', ['CD']],
    ['義大利 米蘭', ['IT']],
    ['紐西蘭 奧克蘭', ['NZ']],
    ['美國加利福尼亞州', ['US']],
    ['中国香港', ['HK']],
    ['澳門', ['MO']],
    ['台灣', ['TW']],
    // ja: 金沢市と蘇州市と全州市; カステッラバーテ(イタリア)とBlieskastel(ドイツ)
    ['カステッラバーテ(イタリア)とBlieskastel(ドイツ)', ['IT', 'DE']],
    ['アメリカ合衆国 ロサンゼルス市', ['US']],
    ['米国カリフォルニア州', ['US']],
    ['大韓民国 全州市', ['KR']],
    ['韓国の全州市', ['KR']],
    ['オーストラリアのバンクスタウン', ['AU']],
    // ko
    ['미국의 오로라시·풀러턴시', ['US']],
    ['중국의 선양·창춘·후이저우, 이탈리아 볼로냐, 러시아 예카테린부르크', ['CN', 'IT', 'RU']],
    ['일본 돗토리현', ['JP']],
    ['독일 프랑크푸르트', ['DE']],
    ['프랑스 파리', ['FR']],
    // en, es, pt, fr, de, it
    ['Ballarat, Australia – Fuxin, China', ['AU', 'CN']],
    ['Port Moresby, Papua New Guinea', ['PG']],
    ['Malabo, Equatorial Guinea', ['GQ']],
    ['La Habana, Cuba; Madrid, España', ['CU', 'ES']],
    ['Estados Unidos', ['US']],
    ['Rio de Janeiro, Brasil', ['BR']],
    ['Lyon, France; Dortmund, Allemagne', ['FR', 'DE']],
    ['Castellabate, Italien – Blieskastel, Deutschland', ['IT', 'DE']],
    ['Blieskastel, Germania', ['DE']],
    // ru, nominative and the cases a sentence gives
    ['Россия', ['RU']],
    ['города Франции и Германии', ['FR', 'DE']],
    ['сотрудничество с Японией', ['JP']],
    ['побратимы в США', ['US']],
    ['между Россией и Китаем', ['RU', 'CN']],
    ['делегация Южной Кореи', ['KR']],
    // codes, flags
    ['Lyon FRA', ['FR']],
    ['Dortmund GER', ['DE']],
    ['Amsterdam (NED)', ['NL']],
    ['Zürich SUI; Durban RSA; Porto POR; Aarhus DEN', ['CH', 'ZA', 'PT', 'DK']],
    ['Vancouver, CAN', ['CA']],
    ['🇫🇷 Lyon', ['FR']],
    ['🇯🇵 Nara, 🇰🇷 Gyeongju', ['JP', 'KR']],
  ] as const)('%s', (text, expected) => {
    expect(isos(text)).toEqual(expected);
  });

  it('says how the text names the country, with offsets into the text as given', () => {
    expect(spans('Lyon FRA 🇫🇷 France 中国台湾')).toEqual([
      ['FRA', 'FR', 'code'],
      ['🇫🇷', 'FR', 'flag'],
      ['France', 'FR', 'name'],
      ['中国台湾', 'TW', 'alias'],
    ]);
    const text = 'ＵＳＡ　Los Angeles, アメリカ合衆国';
    for (const c of findCountries(text)) expect(text.slice(c.start, c.end)).toBe(c.written);
  });

  it('prefers the longest name at a place', () => {
    expect(spans('南非')).toEqual([['南非', 'ZA', 'name']]);
    expect(spans('刚果民主共和国')).toEqual([['刚果民主共和国', 'CD', 'name']]);
    expect(isos('Democratic Republic of the Congo')).toEqual(['CD']);
    expect(isos('Guinea-Bissau')).toEqual(['GW']);
    expect(isos('South Sudan')).toEqual(['SS']);
    expect(isos('Dominican Republic')).toEqual(['DO']);
    expect(isos('Dominica')).toEqual(['DM']);
    expect(isos('インドネシア')).toEqual(['ID']);
  });

  it('finds no country where there is none', () => {
    expect(isos('Lagos, Nigeria')).toEqual(['NG']); // not Niger
    expect(isos('FRAME')).toEqual([]);
    expect(isos('a FRAME of FRAGILE words')).toEqual([]);
    expect(isos('Trenton, New Jersey')).toEqual([]); // not Jersey
    expect(isos('Saint Helier, Jersey')).toEqual(['JE']);
    expect(isos('Santa Fe, New Mexico')).toEqual([]);
    expect(isos('日期：1995年5月')).toEqual([]);
    expect(isos('内蒙古呼和浩特市')).toEqual([]); // Inner Mongolia is China
    expect(isos('延边朝鲜族自治州')).toEqual([]);
    expect(isos('辽宁省黑山县')).toEqual([]);
    expect(isos('马里兰州')).toEqual([]); // Maryland, not Mali
    expect(isos('マリア')).toEqual([]); // not マリ (Mali)
    expect(isos('Indiana, Romania')).toEqual(['RO']); // not India, not Oman
    expect(isos('turkey and chad')).toEqual([]); // words, not names
    expect(isos('Sister cities with us')).toEqual([]);
    expect(isos('Toronto AND Montreal')).toEqual([]);
    expect(isos('SISTER CITIES AND FRIENDSHIP CITIES')).toEqual([]); // all in capitals: codes are not read
    expect(isos('')).toEqual([]);
  });

  it('returns Georgia, and lets the caller decide', () => {
    expect(isos('Atlanta, Georgia')).toEqual(['GE']);
    expect(isos('Tbilisi, Georgia')).toEqual(['GE']);
  });

  it('reads short forms only when asked, and only where they are short forms', () => {
    expect(isos('中美友好城市')).toEqual([]);
    expect(isos('中美友好城市', true)).toEqual(['CN', 'US']);
    expect(isos('中日韩', true)).toEqual(['CN', 'JP', 'KR']);
    expect(isos('日方城市', true)).toEqual(['JP']);
    expect(isos('日', true)).toEqual(['JP']);
    expect(isos('日期', true)).toEqual([]);
    expect(isos('中心', true)).toEqual([]);
    expect(isos('日本', true)).toEqual(['JP']);
  });
});

describe('findKindWords', () => {
  it.each([
    // zh
    ['大连市友好城市及友好合作关系城市统计表', [['友好城市', 'sister'], ['友好合作关系城市', 'cooperation']]],
    ['國際友好城市', [['國際友好城市', 'sister']]],
    ['与北九州市结为友城', [['友城', 'sister']]],
    ['姐妹城市', [['姐妹城市', 'sister']]],
    // ja: 金沢市と蘇州市と全州市 … 互いに姉妹都市; 友好都市(友好城市); 友好交流都市
    ['奈良市太宰府市多賀城市は互いに姉妹都市である', [['姉妹都市', 'sister']]],
    ['日中の同名都市「南陽市―南陽市」の友好都市締結', [['友好都市', 'sister']]],
    ['友好交流都市提携', [['友好交流都市', 'cooperation']]],
    ['パートナーシップ都市', [['パートナーシップ都市', 'cooperation']]],
    ['岐阜県と鹿児島県(1971年姉妹県盟約)', [['姉妹県', 'sister']]],
    // ko: 자매결연은 … 우호교류는 지방의회의 의결을 필요로 하지 않음
    ['중국 셴양시와 자매결연 20주년', [['자매결연', 'sister']]],
    ['1986년 5월 28일 첫 우호협력도시 체결', [['우호협력도시', 'cooperation']]],
    ['자매 도시', [['자매 도시', 'sister']]],
    ['우호교류 관계를 맺고', [['우호교류', 'cooperation']]],
    // en
    ['Sister Cities International', [['Sister Cities', 'sister']]],
    ['twinned with Dalian', [['twinned with', 'sister']]],
    ['Twin towns and sister cities', [['Twin towns', 'sister'], ['sister cities', 'sister']]],
    ['a sister-city relationship', [['sister-city', 'sister']]],
    ['friendship city relations', [['friendship city', 'sister']]],
    ['agreement of friendship and cooperation', [['friendship and cooperation', 'cooperation']]],
    ['signed a Memorandum of Understanding (MoU)', [['Memorandum of Understanding', 'other']]],
    ['two letters of intent on friendly city relations', [['letters of intent', 'other'], ['friendly city', 'sister']]],
    // es, pt, fr, de, it: the terms Wikipedia's "Ciudad hermana" lists
    ['Madrid, ciudad hermanada con Pekín', [['ciudad hermanada', 'sister']]],
    ['ciudades hermanas', [['ciudades hermanas', 'sister']]],
    ['el hermanamiento de ciudades', [['hermanamiento', 'sister']]],
    ['cidade irmã de Macau', [['cidade irmã', 'sister']]],
    ['ville jumelée (jumelage)', [['jumelée', 'sister'], ['jumelage', 'sister']]],
    ['Partnerstadt von Hamburg', [['Partnerstadt', 'sister']]],
    ['Städtepartnerschaft', [['Städtepartnerschaft', 'sister']]],
    ['gemellaggio e comune gemellato', [['gemellaggio', 'sister'], ['gemellato', 'sister']]],
    // ru: стали городами-побратимами; Всемирного форума городов-побратимов
    ['Сергиев Посад и китайский Вэйхай стали городами-побратимами', [['побратимами', 'sister']]],
    ['форум городов-побратимов', [['побратимов', 'sister']]],
    ['породнённые города', [['породнённые', 'sister']]],
    ['город-партнёр Харбина', [['город-партнёр', 'sister']]],
  ] as const)('%s', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('each kind word names the same kind through markerKind', () => {
    for (const text of ['城市 友好城市', '姉妹都市', '우호도시', 'Sister Cities', 'городами-побратимами', 'ciudad hermanada', 'jumelée', 'Partnerstädte']) {
      for (const k of findKindWords(text)) expect(markerKind(k.written), k.written).toBe(k.kind);
    }
  });

  it('finds none in a plain name', () => {
    expect(kinds('北九州市')).toEqual([]);
    expect(kinds('Twin Peaks')).toEqual([]);
    expect(kinds('sisterhood')).toEqual([]);
    expect(kinds('')).toEqual([]);
  });
});

describe('notATieReason', () => {
  it.each([
    ['sister school exchange with Kitakyushu', 'a sister school, not a tie between places'],
    ['大连外国语大学与北九州市立大学友好学校', 'a sister school, not a tie between places'],
    ['姉妹校提携', 'a sister school, not a tie between places'],
    ['자매학교 결연', 'a sister school, not a tie between places'],
    ['sister university agreement', 'a university partnership, not a tie between places'],
    ['大连港与北九州港友好港', 'a sister port, not a tie between places'],
    ['姉妹港提携', 'a sister port, not a tie between places'],
    ['sister zoo', 'a sister zoo, not a tie between places'],
    ['sister park', 'a sister park, not a tie between places'],
    ['Dalian trade office in Kitakyushu', 'a trade or representative office, not a tie between places'],
    ['大连市驻北九州办事处', 'a trade or representative office, not a tie between places'],
    ['Mayor visited Dalian', 'a visit or a delegation, not a tie between places'],
    ['大连市代表团访问北九州', 'a visit or a delegation, not a tie between places'],
    ['北京首都国际机场', 'an airport, not a tie between places'],
    ['Dalian Wanda Group Co., Ltd', 'a company, not a tie between places'],
  ])('%s', (text, reason) => {
    expect(notATieReason(text)).toBe(reason);
  });

  it('lets a kind word win over a weak word, never over a sister school', () => {
    expect(notATieReason('Mayor visited Dalian to sign the sister city agreement')).toBeNull();
    expect(notATieReason('市长率代表团访问并签署友好城市协议')).toBeNull();
    expect(notATieReason('sister city and sister school exchanges')).toBe('a sister school, not a tie between places');
  });

  it('says nothing of an ordinary row', () => {
    expect(notATieReason('北九州市（日本） 1979年5月1日')).toBeNull();
    expect(notATieReason('Kitakyushu, Japan')).toBeNull();
    expect(notATieReason('')).toBeNull();
    expect(findNotATieWords('visited the airport').map((w) => w.written)).toEqual(['visited', 'airport']);
  });
});
