import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root, Table } from 'mdast';
import { markdownReader, linkPage } from '../src/readers/markdown.js';
import type { RawRow, ReadResult } from '../src/model.js';

const SAMPLE = 'data/samples/003_d8932dca6923e789.txt';
const text = readFileSync(SAMPLE, 'utf8');
const result = markdownReader.read(text, { fileName: '003_d8932dca6923e789.txt' });

function read(src: string): ReadResult {
  return markdownReader.read(src, { fileName: 'test.md' });
}

function at(line: number, rows: RawRow[] = result.rows): RawRow {
  const found = rows.filter((r) => r.line === line);
  expect(found, `rows at line ${line}`).toHaveLength(1);
  return found[0];
}

/** The fields a test writes by hand (the reader may add undefined/null optional fields). */
function pick(r: RawRow) {
  return {
    line: r.line,
    section: r.section,
    cnPlace: r.cnPlace,
    cnLink: r.cnLink ?? null,
    foreignPlace: r.foreignPlace,
    foreignLink: r.foreignLink ?? null,
    country: r.country,
    date: r.date,
    marker: r.marker ?? null,
    status: r.status,
  };
}

describe('remark-gfm on the notation rows', () => {
  it('keeps the third cell of rows wider than their (empty) 2-column header', () => {
    // GFM drops excess cells when rendering; mdast keeps them. The reader relies on it.
    const src = text.split('\n').slice(503, 507).join('\n');
    const tree = unified().use(remarkParse).use(remarkGfm).parse(src) as Root;
    const table = tree.children[0] as Table;
    expect(table.type).toBe('table');
    expect(table.children[0].children).toHaveLength(2);
    expect(table.children[1].children).toHaveLength(3);
    const third = table.children[1].children[2].children;
    expect(third[0]).toMatchObject({ type: 'html', value: '<small>' });
  });
});

describe('markdown reader on 003 (zh.wikipedia list of the PRC)', () => {
  it('finds 352 relationship rows', () => {
    expect(result.rows).toHaveLength(352);
  });

  it('has 15 non-empty province sections', () => {
    const sections = new Set(result.rows.map((r) => r.section));
    expect([...sections].sort()).toEqual(
      ['北京', '澳門', '天津市', '內蒙古自治区', '河南', '湖北', '湖南', '海南', '貴州', '雲南', '西藏', '甘肅', '青海', '寧夏', '新疆'].sort(),
    );
  });

  it('counts rows per section as counted by hand', () => {
    const count = (s: string) => result.rows.filter((r) => r.section === s).length;
    expect(count('北京')).toBe(39); // <tr> at lines 7 … 197
    expect(count('澳門')).toBe(8);
    expect(count('天津市')).toBe(23);
    expect(count('內蒙古自治区')).toBe(18);
    expect(count('河南')).toBe(52); // lines 506 … 557
    expect(count('貴州')).toBe(9); // lines 705 … 713
    expect(count('西藏')).toBe(4); // 744 … 747; 748 … 756 are empty
    expect(count('新疆')).toBe(13); // 826 … 838
  });

  it('reports empty sections as info only', () => {
    const empty = result.messages.filter((m) => /has no rows/.test(m.reason));
    expect(empty.map((m) => m.line)).toEqual([381, 383, 482, 484, 486, 488, 490, 492, 494, 496, 498, 500, 664, 695, 697, 699, 758]);
    expect(empty.every((m) => m.severity === 'info')).toBe(true);
    expect(result.messages.filter((m) => m.severity === 'error')).toEqual([]);
  });

  it('reads the title and names no owner', () => {
    expect(result.meta.title).toBe('此列表列出中華人民共和國的友好城市');
    expect(result.meta.owner ?? null).toBeNull();
    expect(result.rows.every((r) => r.cnPlace !== null)).toBe(true);
  });

  it('line 9: the first row of an HTML group', () => {
    expect(pick(at(9))).toEqual({
      line: 9, section: '北京', cnPlace: '北京市', cnLink: '北京市', foreignPlace: '東京', foreignLink: '東京',
      country: null, date: '1979年3月14日', marker: null, status: 'listed',
    });
  });

  it('line 13: the Chinese place carried down', () => {
    expect(pick(at(13))).toEqual({
      line: 13, section: '北京', cnPlace: '北京市', cnLink: '北京市', foreignPlace: '紐約', foreignLink: '紐約',
      country: null, date: '1980年2月25日', marker: null, status: 'listed',
    });
  });

  it('line 138: label and link target differ', () => {
    expect(at(138)).toMatchObject({ foreignPlace: '首都地區', foreignLink: '澳大利亞首都特區', cnPlace: '北京市' });
  });

  it('line 174: 東城區 → 東京都新宿區 (two links make one name)', () => {
    expect(pick(at(174))).toEqual({
      line: 174, section: '北京', cnPlace: '東城區', cnLink: '東城區_(北京市)', foreignPlace: '東京都新宿區', foreignLink: '新宿區',
      country: null, date: '1997年5月22日', marker: null, status: 'listed',
    });
    expect(at(178)).toMatchObject({ cnPlace: '東城區', foreignPlace: '首爾鍾路區', date: '2003年11月6日' });
    expect(at(184)).toMatchObject({ cnPlace: '通州區', foreignPlace: '伊那市', date: '1994年11月22日' });
    expect(at(188)).toMatchObject({ cnPlace: '通州區', foreignPlace: '首爾九老區' });
  });

  it('Macau: header table without a Chinese-place column, cnPlace from the section, markers', () => {
    const macau = result.rows.filter((r) => r.section === '澳門');
    expect(macau.map((r) => r.foreignPlace)).toEqual(['里斯本', '波爾圖', '科英布拉', '林雪平', '普拉亞', '布魯塞爾', '峴港', '三藩市']);
    expect(macau.every((r) => r.cnPlace === '澳門' && r.country === null && r.date === null)).toBe(true);
    expect(macau.map((r) => r.line)).toEqual([218, 223, 228, 233, 238, 243, 248, 253]);
    expect(pick(at(243))).toEqual({
      line: 243, section: '澳門', cnPlace: '澳門', cnLink: null, foreignPlace: '布魯塞爾', foreignLink: '布魯塞爾',
      country: null, date: null, marker: '友好協約書', status: 'listed',
    });
    expect(at(248)).toMatchObject({ foreignPlace: '峴港', marker: '友好協議' });
    expect(at(253)).toMatchObject({ foreignPlace: '三藩市', marker: '文化備忘錄' });
    expect(at(218).marker ?? null).toBeNull();
  });

  it('Tianjin and Inner Mongolia HTML tables', () => {
    expect(at(265)).toMatchObject({ section: '天津市', cnPlace: '天津市', foreignPlace: '神戶', date: '1973年6月24日' });
    expect(at(309)).toMatchObject({ cnPlace: '天津市', foreignPlace: '普罗夫迪夫州', foreignLink: '普羅夫迪夫州' });
    expect(at(405)).toMatchObject({ cnPlace: '包头市', foreignPlace: '埃爾帕索', foreignLink: '厄爾巴索' });
    expect(at(426)).toMatchObject({ cnPlace: '二連浩特市', foreignPlace: '烏蘭巴托市罕烏拉區', foreignLink: '罕烏拉區' });
    expect(at(476)).toMatchObject({ cnPlace: '紮蘭屯市', foreignPlace: '慶山', foreignLink: '慶山市', date: '2005年1月7日' });
  });

  it('line 506: the 〖city〗 | <small>country place（date） notation', () => {
    expect(pick(at(506))).toEqual({
      line: 506, section: '河南', cnPlace: '安陽市', cnLink: '安陽市', foreignPlace: '斯哈爾貝克', foreignLink: '斯哈爾貝克',
      country: '比利時', date: '1985年9月12日', marker: null, status: 'listed',
    });
    expect(at(507)).toMatchObject({ cnPlace: '安陽市', country: '日本', foreignPlace: '草加市', date: '1998年11月1日' });
    expect(at(509)).toMatchObject({ cnPlace: '河南省', country: '美國', foreignPlace: '堪薩斯州' });
  });

  it('line 518: the country is kept as written (阿爾及利亞大)', () => {
    expect(pick(at(518))).toEqual({
      line: 518, section: '河南', cnPlace: '河南省', cnLink: '河南省', foreignPlace: '阿爾及爾省', foreignLink: '阿爾及爾省',
      country: '阿爾及利亞大', date: '1998年4月6日', marker: null, status: 'listed',
    });
  });

  it('line 539: escaped brackets in a link target', () => {
    expect(at(539)).toMatchObject({ cnPlace: '南陽市', foreignPlace: '南阳', foreignLink: '南陽市_(日本)', country: '日本' });
  });

  it('line 548: 信陽市[溮河區] → 信陽市溮河區', () => {
    expect(pick(at(548))).toEqual({
      line: 548, section: '河南', cnPlace: '信陽市溮河區', cnLink: '溮河區', foreignPlace: '新見市', foreignLink: '新見市',
      country: '日本', date: '1992年4月16日', marker: null, status: 'listed',
    });
    expect(at(547)).toMatchObject({ cnPlace: '信陽市', foreignPlace: '阿什凱隆' });
    expect(at(790)).toMatchObject({ cnPlace: '武威市涼州區', cnLink: '涼州區', foreignPlace: '鹿角市' });
  });

  it('other notation rows: country link label differs, brackets inside a label', () => {
    expect(at(597)).toMatchObject({ cnPlace: '武漢市', country: '蘇丹', foreignPlace: '喀土穆' });
    expect(at(612)).toMatchObject({ cnPlace: '宜昌市', country: '美国', foreignPlace: '华盛顿郡', foreignLink: '华盛顿县_(俄勒冈州)' });
    expect(at(619)).toMatchObject({ cnPlace: '長沙市', country: '剛果', foreignPlace: '布拉柴維爾' });
    expect(at(639)).toMatchObject({ cnPlace: '湖南省', country: '法國', foreignPlace: '中央 (大區)', foreignLink: '中央_(大區)' });
    expect(at(801)).toMatchObject({ cnPlace: '西寧市', country: '韓國', foreignPlace: '大田廣域市中區', foreignLink: '大田廣域市' });
  });

  it('line 657: a country and no place is kept with foreignPlace null', () => {
    expect(pick(at(657))).toEqual({
      line: 657, section: '湖南', cnPlace: '岳陽市', cnLink: '岳陽市', foreignPlace: null, foreignLink: null,
      country: '澳大利亞', date: '1998年11月28日', marker: null, status: 'listed',
    });
    expect(result.messages.some((m) => m.line === 657 && m.severity === 'warning')).toBe(true);
  });

  it('trailing text after a link: 納瓦拉自治區, 巴利阿里群島自治區', () => {
    expect(pick(at(780))).toEqual({
      line: 780, section: '甘肅', cnPlace: '甘肅省', cnLink: '甘肅省', foreignPlace: '納瓦拉自治區', foreignLink: '納瓦拉',
      country: '西班牙', date: '2005年8月16日', marker: null, status: 'listed',
    });
    expect(at(685)).toMatchObject({ cnPlace: '海南省', foreignPlace: '巴利阿里群島自治區', foreignLink: '巴利阿里群島' });
  });

  it('line 837: [京畿道][烏山市] → 京畿道烏山市', () => {
    expect(pick(at(837))).toEqual({
      line: 837, section: '新疆', cnPlace: '烏魯木齊市', cnLink: '烏魯木齊市', foreignPlace: '京畿道烏山市', foreignLink: '烏山市',
      country: '韓國', date: '2004年4月23日', marker: null, status: 'listed',
    });
  });

  it('partial dates as written', () => {
    expect(at(705)).toMatchObject({ cnPlace: '貴陽市', foreignPlace: '惠庭市', country: '日本', date: '1986年' });
    expect(at(708)).toMatchObject({ cnPlace: '貴陽市', foreignPlace: '亨切什蒂', country: '摩尔多瓦', date: '2013年12月' });
    expect(at(710)).toMatchObject({ foreignPlace: '本那比', date: '2015年4月' });
  });

  it('empty rows are skipped with a warning naming the line', () => {
    for (let line = 748; line <= 756; line++) {
      expect(result.rows.some((r) => r.line === line)).toBe(false);
      expect(result.messages.some((m) => m.line === line && m.severity === 'warning' && /empty row/.test(m.reason))).toBe(true);
    }
    expect(at(747)).toMatchObject({ cnPlace: '日喀則市', foreignPlace: '巴尼帕', country: '尼泊爾' });
  });

  it('every notation row has a country and every row a date except Macau', () => {
    const notation = result.rows.filter((r) => r.line >= 500);
    expect(notation).toHaveLength(264);
    expect(notation.every((r) => r.country !== null)).toBe(true);
    expect(result.rows.filter((r) => r.date === null).map((r) => r.section)).toEqual(Array(8).fill('澳門'));
  });
});

describe('markdown reader on an ordinary header table (fixture)', () => {
  const fixture = readFileSync('test/fixtures/markdown-header-tables.md', 'utf8');
  const r = read(fixture);

  it('reads the GFM table through tableRows, cleaning <br>, footnotes and links', () => {
    expect(r.rows).toHaveLength(4);
    expect(r.rows[0]).toMatchObject({
      line: 9, section: '友好城市', cnPlace: null, foreignPlace: '奧克蘭', foreignLink: '奧克蘭_(加州)',
      country: '美國', date: '1982年3月30日', status: 'listed', facts: { continent: '北美洲' },
    });
    expect(r.rows[1]).toMatchObject({ line: 10, cnPlace: null, foreignPlace: '奈良市', foreignPlaceEn: 'Nara', country: '日本', date: '1974年2月1日' });
    expect(r.rows[2]).toMatchObject({ line: 11, foreignPlace: '布魯塞爾', foreignLink: '布魯塞爾', country: '比利時', date: '2005年', marker: '友好協議' });
  });

  it('reads an HTML table with a header, line of the foreign <td>', () => {
    expect(pick(r.rows[3])).toEqual({
      line: 22, section: '廣東', cnPlace: '廣州市', cnLink: '廣州市', foreignPlace: '福岡', foreignLink: '福岡市',
      country: '日本', date: '1979年5月2日', marker: null, status: 'listed',
    });
  });

  it('takes the title from an opening # heading, else from the first sentence', () => {
    expect(r.meta.title).toBe('某市國際友好城市');
    expect(read(fixture.replace(/^# .*\n\n/, '')).meta.title).toBe('某市已與下列城市結為友好城市');
  });
});

describe('markdown reader on broken input', () => {
  it('an unclosed <table> (with a blank line inside) keeps its rows and says so', () => {
    const src = [
      '## 北京', // 1
      '', // 2
      '<table>', // 3
      '<tr><td><a href="../Page/北京市.md">北京市</a></td><td>東京</td><td>1979年3月14日</td></tr>', // 4
      '', // 5
      '<tr><td>紐約</td><td>1980年2月25日</td><td></td></tr>', // 6
      '<tr><td></td><td></td><td></td></tr>', // 7
      '<tr><td>利馬', // 8
    ].join('\n');
    const r = read(src);
    expect(r.rows.map(pick)).toEqual([
      { line: 4, section: '北京', cnPlace: '北京市', cnLink: '北京市', foreignPlace: '東京', foreignLink: null, country: null, date: '1979年3月14日', marker: null, status: 'listed' },
      { line: 6, section: '北京', cnPlace: '北京市', cnLink: '北京市', foreignPlace: '紐約', foreignLink: null, country: null, date: '1980年2月25日', marker: null, status: 'listed' },
      { line: 8, section: '北京', cnPlace: '北京市', cnLink: '北京市', foreignPlace: '利馬', foreignLink: null, country: null, date: null, marker: null, status: 'listed' },
    ]);
    expect(r.messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, severity: 'warning', reason: expect.stringMatching(/unclosed <table>/) }),
        expect.objectContaining({ line: 7, severity: 'warning' }),
        expect.objectContaining({ line: 8, severity: 'warning', reason: expect.stringMatching(/without a date/) }),
      ]),
    );
  });

  it('a GFM row cut mid-link and a <small> cell without a date keep their rows, with messages', () => {
    const src = [
      '## 河南', // 1
      '', // 2
      '| | |', // 3
      '| --: | --- |', // 4
      '| 〖[安陽市](https://zh.wikipedia.org/wiki/安陽市 "wikilink")〗- | | <small>[比利時](https://zh.wikipedia.org/wiki/比利時 "wikilink")[斯哈爾貝克](https://zh.wikipedia.org/wiki/斯哈爾貝克 "wikilink")（1985年9月12日） |', // 5
      '| | | <small>[日本](../Page/日本.md "wikilink")[草加市](../Pa', // 6
      '| | | <small>[加拿大](../Page/加拿大.md "wikilink")[萊橋](https://zh.wikipedia.org/wiki/萊橋 "wikilink") |', // 7
      '| | | <small>[日本](../Page/日本.md "wikilink")[新座](https://zh.wikipedia.org/wiki/新座 "wikilink")（2003年2月28日） |', // 8
      '| | | <small>[美國](https://zh.wikipedia.org/wiki/美國 "wikilink")[威奇托](https://zh.wikipedia.org/wiki/威奇托 "wikilink")（1985年12', // 9
    ].join('\n');
    const r = read(src);
    expect(r.rows.map((x) => [x.line, x.cnPlace, x.country, x.foreignPlace, x.foreignLink ?? null, x.date])).toEqual([
      [5, '安陽市', '比利時', '斯哈爾貝克', '斯哈爾貝克', '1985年9月12日'],
      [6, '安陽市', '日本', '草加市', null, null],
      [7, '安陽市', '加拿大', '萊橋', '萊橋', null],
      [8, '安陽市', '日本', '新座', '新座', '2003年2月28日'],
      [9, '安陽市', '美國', '威奇托', '威奇托', '1985年12'],
    ]);
    const warned = (line: number, re: RegExp) =>
      r.messages.some((m) => m.line === line && m.severity === 'warning' && re.test(m.reason));
    expect(warned(6, /unfinished Markdown link/)).toBe(true);
    expect(warned(6, /without a date/)).toBe(true);
    expect(warned(7, /without a date/)).toBe(true);
    expect(warned(9, /unclosed （/)).toBe(true);
    expect(r.messages.some((m) => m.line === 5 || m.line === 8)).toBe(false);
  });

  it('never throws on odd input', () => {
    const inputs = [
      '',
      '<table',
      '<table><tr><td>',
      '| a |\n| - |\n| [b](',
      '## \n\n<table><thead><tr><th>國家</th></tr></thead><tbody><tr><td>x</td></tr></tbody></table>',
      '| | |\n| --: | --- |\n| 〖 | | <small>[ |',
      '\u0000\uFFFF<<<>>>[[]](())（（））',
    ];
    for (const src of inputs) {
      expect(() => read(src)).not.toThrow();
      const r = read(src);
      expect(Array.isArray(r.rows)).toBe(true);
      expect(r.totals).toEqual([]);
    }
  });

  it('a headerless GFM table that is not the notation is reported, not read', () => {
    const r = read('## X\n\n| | |\n| --- | --- |\n| a | b |\n');
    expect(r.rows).toEqual([]);
    expect(r.messages).toEqual(expect.arrayContaining([expect.objectContaining({ line: 3, severity: 'warning' })]));
  });
});

describe('markdown reader detect', () => {
  const sample = (n: string) => readFileSync(`data/samples/${n}`, 'utf8');

  it('claims the Markdown sample and the fixture', () => {
    expect(markdownReader.detect(text, '003_d8932dca6923e789.txt')).toBeGreaterThanOrEqual(0.85);
    expect(markdownReader.detect(readFileSync('test/fixtures/markdown-header-tables.md', 'utf8'), 'x.md')).toBeGreaterThanOrEqual(0.85);
  });

  it('does not claim wikitext or plain delimited tables', () => {
    expect(markdownReader.detect(sample('000_0f381ef73e09f27f.txt'), '000_0f381ef73e09f27f.txt')).toBeLessThan(0.3);
    expect(markdownReader.detect(sample('001_2be138cf16039818.txt'), '001_2be138cf16039818.txt')).toBeLessThan(0.3);
    expect(markdownReader.detect(sample('002_1b86fcdda1af5c3a.txt'), '002_1b86fcdda1af5c3a.txt')).toBeLessThan(0.3);
    expect(markdownReader.detect('城市 | 国家\n--- | ---\n东京 | 日本\n', 'list.txt')).toBeLessThan(0.3);
    expect(markdownReader.detect('城市\t国家\n东京\t日本\n', 'list.txt')).toBeLessThan(0.3);
    expect(markdownReader.detect('== 友好城市 ==\n{| class="wikitable"\n| [[东京]] || 日本\n|}\n', 'x.txt')).toBeLessThan(0.3);
  });
});

describe('linkPage', () => {
  it('decodes link targets into page names', () => {
    expect(linkPage('https://zh.wikipedia.org/wiki/奧克蘭_(加州)')).toBe('奧克蘭_(加州)');
    expect(linkPage('../Page/南陽市_\\(日本\\).md')).toBe('南陽市_(日本)');
    expect(linkPage('../Page/北京市.md')).toBe('北京市');
    expect(linkPage('https://zh.wikipedia.org/wiki/%E7%A6%8F%E5%B2%A1%E5%B8%82')).toBe('福岡市');
    expect(linkPage('https://zh.wikipedia.org/wiki/:普羅夫迪夫州')).toBe('普羅夫迪夫州');
    expect(linkPage('/wiki/東京#歷史')).toBe('東京');
    expect(linkPage('https://example.org/x')).toBe('https://example.org/x');
    expect(linkPage('https://zh.wikipedia.org/wiki/%E5%25')).toBe('%E5%25');
    expect(linkPage(null)).toBeNull();
    expect(linkPage('  ')).toBeNull();
  });
});
