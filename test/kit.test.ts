// The reading kit, stage by stage, on small real excerpts: the layouts (src/layout/text.ts, markdown.ts,
// wikitext.ts, html.ts) give the blocks written below by hand, and the record stage (src/assemble/records.ts,
// through readWithKit and previewFile) makes the claims a person reading the excerpt would make.
// Each excerpt says where it comes from; where it was reshaped (a layout the source does not use), it says how.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Block } from '../src/layout/blocks.js';
import { textLayout } from '../src/layout/text.js';
import { markdownLayout } from '../src/layout/markdown.js';
import { wikitextLayout } from '../src/layout/wikitext.js';
import { htmlLayout } from '../src/layout/html.js';
import { readWithKit } from '../src/readers/lists.js';
import { previewFile } from '../src/ingest/preview.js';

const dir = mkdtempSync(join(tmpdir(), 'youcheng-kit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function preview(name: string, text: string, owner?: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return previewFile(path, owner ? { owner } : {});
}

const of = <T extends Block['type']>(blocks: Block[], type: T) => blocks.filter((b): b is Extract<Block, { type: T }> => b.type === type);

describe('textLayout', () => {
  it('finds 【…】 headings and `…:` headings (test/fixtures/world/B-zh-shijiazhuang-forum.txt, lines 4–8, forum noise cut)', () => {
    const text = [
      '【国际友好城市】',
      '石家庄市国际友城工作始于上世纪80年代初,到2005年共有正式国际友好城市和友好关系城市20个:',
      '第一类 正式国际友好城市(共9个):',
      '日本 长野市(1981年4月19日缔结)',
      '加拿大 萨斯卡通市(1985年5月31日缔结)',
    ].join('\n');
    const blocks = textLayout(text).blocks;
    expect(blocks.map((b) => [b.type, b.line])).toEqual([
      ['heading', 1],
      // Long, and it holds a year: running text, not a heading.
      ['line', 2],
      ['heading', 3],
      ['line', 4],
      ['line', 5],
    ]);
    expect(blocks[0]).toMatchObject({ type: 'heading', text: '国际友好城市' });
    expect(blocks[1].type === 'line' && blocks[1].text).toMatch(/^石家庄市国际友城工作始于上世纪80年代初,到2005年共有正式国际友好城市和友好关系城市20个/);
    // The heading's text is the list's title (its `第一类` may be kept or dropped), without the colon.
    expect(blocks[2].type === 'heading' && blocks[2].text).toMatch(/^(第一类 )?正式国际友好城市\(共9个\)$/);
    expect(blocks[3]).toEqual({ type: 'line', text: '日本 长野市(1981年4月19日缔结)', line: 4 });
    expect(blocks[4]).toEqual({ type: 'line', text: '加拿大 萨斯卡通市(1985年5月31日缔结)', line: 5 });
  });

  it('finds setext headings (the two titles of data/samples/002_1b86fcdda1af5c3a.txt, underlined)', () => {
    const text = ['广州市国际友好城市一览', '======================', '', '(按签约时间先后顺序排列)', '', '广州市国际友好合作交流城市一览', '------------------------------'].join('\n');
    const heads = of(textLayout(text).blocks, 'heading');
    // `====` makes a level-1 heading, `----` a level-2 one (the note between them may be a heading of its own:
    // a short line standing alone).
    expect(heads).toContainEqual({ type: 'heading', level: 1, text: '广州市国际友好城市一览', line: 1 });
    expect(heads).toContainEqual({ type: 'heading', level: 2, text: '广州市国际友好合作交流城市一览', line: 6 });
    // The underlines are not blocks of their own.
    expect(JSON.stringify(textLayout(text).blocks)).not.toContain('===');
  });

  it('reads numbered items with their ordinal (the brief’s `3. 法国 里昂市 1988年9月1日`, after two rows of the Guangzhou list)', () => {
    const text = ['1. 日本 福冈 1979年5月2日', '2. 美国 洛杉矶 1981年12月8日', '3. 法国 里昂市 1988年9月1日'].join('\n');
    expect(textLayout(text).blocks).toEqual([
      { type: 'item', depth: 0, text: '日本 福冈 1979年5月2日', line: 1, ordinal: '1' },
      { type: 'item', depth: 0, text: '美国 洛杉矶 1981年12月8日', line: 2, ordinal: '2' },
      { type: 'item', depth: 0, text: '法国 里昂市 1988年9月1日', line: 3, ordinal: '3' },
    ]);
  });

  it('reads a table whose columns are runs of spaces (test/fixtures/whitespace-aligned-zh.txt, lines 1–8)', () => {
    const text = [
      '大连市友好城市一览',
      '（截至2011年10月，现有9座友好城市）',
      '',
      '序号  城市          国家        结好时间',
      '1     北九州        日本        1979年5月1日',
      '2     奥克兰        美国        1982年3月30日',
      '3     舞鹤                      1982年5月8日',
      '4     不莱梅        德国        1985年4月17日',
    ].join('\n');
    const tables = of(textLayout(text).blocks, 'table');
    expect(tables).toHaveLength(1);
    expect(tables[0].line).toBe(4);
    expect(tables[0].rows.map((r) => [r.line, r.cells])).toEqual([
      [4, ['序号', '城市', '国家', '结好时间']],
      [5, ['1', '北九州', '日本', '1979年5月1日']],
      [6, ['2', '奥克兰', '美国', '1982年3月30日']],
      // The empty country column leaves no cell in a space-run table.
      [7, ['3', '舞鹤', '1982年5月8日']],
      [8, ['4', '不莱梅', '德国', '1985年4月17日']],
    ]);
  });

  it('reads a table flattened to one cell per line (the first rows of data/samples/001, one cell a line as a copied web table gives them)', () => {
    const text = ['西安市国际友好城市', '', '城市', '国家', '时间', '奈良市', '日本', '1974年2月1日', '京都市', '日本', '1974年5月10日', '爱丁堡市', '英国', '1985年4月16日'].join('\n');
    const tables = of(textLayout(text).blocks, 'table');
    expect(tables).toEqual([
      {
        type: 'table',
        line: 3,
        rows: [
          { line: 3, cells: ['城市', '国家', '时间'], header: true },
          { line: 6, cells: ['奈良市', '日本', '1974年2月1日'] },
          { line: 9, cells: ['京都市', '日本', '1974年5月10日'] },
          { line: 12, cells: ['爱丁堡市', '英国', '1985年4月16日'] },
        ],
      },
    ]);
  });
});

describe('markdownLayout', () => {
  it('keeps each block’s line (test/fixtures/world/A-en-wikipedia-list-china.md, lines 11–24)', () => {
    const text = [
      'Anqing',
      '',
      '- USA Calabasas, United States',
      '- RUS Cheboksary, Russia',
      '- JPN Ibaraki, Japan',
      '- TUR Kütahya, Turkey',
      '',
      'Anshan',
      '',
      '- JPN Amagasaki, Japan',
      '- KOR Ansan, South Korea',
      '- USA Birmingham, United States',
      '- TUR Bursa, Turkey',
      '- ISR Holon, Israel',
    ].join('\n');
    expect(markdownLayout(text).blocks).toEqual([
      { type: 'line', text: 'Anqing', line: 1 },
      { type: 'item', depth: 0, text: 'USA Calabasas, United States', line: 3 },
      { type: 'item', depth: 0, text: 'RUS Cheboksary, Russia', line: 4 },
      { type: 'item', depth: 0, text: 'JPN Ibaraki, Japan', line: 5 },
      { type: 'item', depth: 0, text: 'TUR Kütahya, Turkey', line: 6 },
      { type: 'line', text: 'Anshan', line: 8 },
      { type: 'item', depth: 0, text: 'JPN Amagasaki, Japan', line: 10 },
      { type: 'item', depth: 0, text: 'KOR Ansan, South Korea', line: 11 },
      { type: 'item', depth: 0, text: 'USA Birmingham, United States', line: 12 },
      { type: 'item', depth: 0, text: 'TUR Bursa, Turkey', line: 13 },
      { type: 'item', depth: 0, text: 'ISR Holon, Israel', line: 14 },
    ]);
  });

  it('gives nested items their depth (data/samples/001, the first three partners grouped by country as a nested list)', () => {
    const text = ['## 西安市国际友好城市', '', '- 日本', '  - 奈良市 Nara (1974年2月1日)', '  - 京都市 Kyoto (1974年5月10日)', '- 英国', '  - 爱丁堡市 Edinburgh (1985年4月16日)', ''].join('\n');
    expect(markdownLayout(text).blocks).toEqual([
      { type: 'heading', level: 2, text: '西安市国际友好城市', line: 1 },
      { type: 'item', depth: 0, text: '日本', line: 3 },
      { type: 'item', depth: 1, text: '奈良市 Nara (1974年2月1日)', line: 4 },
      { type: 'item', depth: 1, text: '京都市 Kyoto (1974年5月10日)', line: 5 },
      { type: 'item', depth: 0, text: '英国', line: 6 },
      { type: 'item', depth: 1, text: '爱丁堡市 Edinburgh (1985年4月16日)', line: 7 },
    ]);
  });
});

describe('wikitextLayout', () => {
  // en.wikipedia's List of twin towns and sister cities in China is written as `;City` terms over flagged items;
  // the rows are those of A-en-wikipedia-list-china.md (Anshan), Lyon is Guangzhou's partner (data/samples/002).
  const text = [
    '==A==', // 1
    ';Anshan', // 2
    '* {{flagicon|JPN}} [[Amagasaki, Hyōgo|Amagasaki]], Japan', // 3
    '* {{flagicon|KOR}} [[Ansan]], South Korea', // 4
    '<!-- * [[Foo]] -->', // 5
    ';Guangzhou', // 6
    '* {{flagicon|FRA}} [[Lyon]], France', // 7
  ].join('\n');
  const blocks = wikitextLayout(text).blocks;

  it('turns `* {{flagicon|FRA}} [[Lyon]], France` into an item with the flag’s code and the link’s text', () => {
    const lyon = blocks.find((b) => b.line === 7)!;
    expect(lyon).toMatchObject({ type: 'item', depth: 0, line: 7 });
    expect(lyon.type === 'item' && lyon.text).toContain('FRA');
    expect(lyon.type === 'item' && lyon.text).toContain('Lyon, France');
    expect(lyon.hidden).toBeUndefined();
    const amagasaki = blocks.find((b) => b.line === 3)!;
    expect(amagasaki.type === 'item' && amagasaki.text).toContain('Amagasaki, Japan');
    expect(amagasaki.type === 'item' && amagasaki.text).not.toContain('Hyōgo');
  });

  it('keeps a commented-out item as a hidden block', () => {
    const hidden = blocks.filter((b) => b.hidden);
    expect(hidden).toHaveLength(1);
    expect(hidden[0]).toMatchObject({ type: 'item', line: 5, hidden: true });
    expect(hidden[0].type === 'item' && hidden[0].text).toBe('Foo');
  });

  it('turns `;Anshan` into an emphasis line and `==A==` into a heading', () => {
    expect(blocks[0]).toEqual({ type: 'heading', level: 2, text: 'A', line: 1 });
    expect(blocks.find((b) => b.line === 2)).toEqual({ type: 'line', text: 'Anshan', line: 2, emphasis: true });
    expect(blocks.find((b) => b.line === 6)).toEqual({ type: 'line', text: 'Guangzhou', line: 6, emphasis: true });
  });
});

describe('htmlLayout', () => {
  it('reads a list under a heading (the Macau partners of test/fixtures/office/beijing-rowspan.html, as a small page)', () => {
    const page = ['<h2>澳門</h2>', '<ul>', '<li>里斯本</li>', '<li>波爾圖</li>', '</ul>'].join('\n');
    expect(htmlLayout(page).blocks).toEqual([
      { type: 'heading', level: 2, text: '澳門', line: 1 },
      { type: 'item', depth: 0, text: '里斯本', line: 3 },
      { type: 'item', depth: 0, text: '波爾圖', line: 4 },
    ]);
  });
});

describe('assembly', () => {
  // data/samples/000_0f381ef73e09f27f.txt, lines 1–14 and the table's end.
  const dalian = [
    '{{Pathnav|大连市}}',
    '大连市友好城市及友好合作关系城市统计表（截止2011年10月）如下：',
    '',
    '== 友好城市 ==',
    '现有9座友好城市：',
    '<!-- * {{flagicon|Canada}} [[温哥华|温哥华]]（[[加拿大|加拿大]]）',
    '未見相關信息。 -->',
    '{| class="wikitable"',
    '|-',
    '! 序號 !! 國家 !! 城市 !! 結好時間',
    '|-',
    '| 1 || {{flagicon|Japan}}[[日本|日本]] || [[北九州|北九州]] || 1979-05-01',
    '|-',
    '| 2 || {{flagicon|USA}}[[美国|美国]] || [[奧克蘭_(加州)|奧克蘭]] || 1982-03-30',
    '|-',
    '|}',
  ].join('\n');

  it('a row commented out becomes a doubtful claim (data/samples/000, line 6)', () => {
    const r = readWithKit(dalian, 'dalian.wiki', '大连市');
    const vancouver = r.rows.filter((x) => x.foreignPlace === '温哥华');
    expect(vancouver).toHaveLength(1);
    expect(vancouver[0]).toMatchObject({ line: 6, status: 'doubtful' });
    const listed = r.rows.filter((x) => x.status === 'listed').map((x) => x.foreignPlace);
    expect(listed).toContain('北九州');
    expect(listed).toContain('奧克蘭');
  });

  it('the sentence introducing the table (data/samples/000, line 2) is not a tie', () => {
    const r = readWithKit(dalian, 'dalian.wiki', '大连市');
    expect(r.rows.map((x) => [x.line, x.foreignPlace, x.status])).toEqual([
      [6, '温哥华', 'doubtful'],
      [12, '北九州', 'listed'],
      [14, '奧克蘭', 'listed'],
    ]);
  });

  it('a sister-school line is not a claim (a list of data/samples/001 with two school ties written as lists write them)', async () => {
    const text = [
      '## 西安市国际友好城市',
      '',
      '- 奈良市, 日本 (1974年2月1日)',
      '- 西安市第一中学与奈良县立高田高等学校结为友好学校 (2005年)',
      '- Xi’an No. 1 Middle School and Takada High School, Nara, Japan: sister school agreement (2005)',
      '- 京都市, 日本 (1974年5月10日)',
      '',
    ].join('\n');
    const p = await preview('schools.md', text, '西安市');
    expect(p.status).toBe('read');
    expect(p.claims.map((c) => c.foreignPlaceZhHans).sort()).toEqual(['京都市', '奈良市']);
  });

  it('a References section after a list gives no claims (A-en-wikipedia-list-china.md, Anshan, with the page’s reference list)', async () => {
    const text = [
      '# List of twin towns and sister cities in China',
      '',
      '## Anshan',
      '',
      '- JPN Amagasaki, Japan',
      '- KOR Ansan, South Korea',
      '- USA Birmingham, United States',
      '',
      '## References',
      '',
      '1. "Amagasaki City Sister Cities". amagasaki.lg.jp. Amagasaki, Japan. Retrieved 2019-04-10.',
      '2. "Sister cities of Ansan". ansan.go.kr. Ansan, South Korea. Retrieved 2019-04-10.',
      '3. "Birmingham Sister Cities". Birmingham, Alabama, United States. Retrieved 2020-01-05.',
      '',
    ].join('\n');
    const p = await preview('refs.md', text, 'Anshan');
    expect(p.status).toBe('read');
    expect(p.claims.map((c) => [c.foreignPlaceZhHans, c.countryIso2, c.line])).toEqual([
      ['Amagasaki', 'JP', 5],
      ['Ansan', 'KR', 6],
      ['Birmingham', 'US', 7],
    ]);
  });

  describe('a Korean district’s list of its Chinese partner (test/fixtures/world/C-ko-seocho-china.txt, lines 1–6)', () => {
    const text = [
      '중국',
      '',
      '중국 청도시 노산구',
      '',
      '중국 청도시 노산구',
      '  • 결 연 일 : 1998년 8월 3일',
      '  • 결연명칭 : 서초구 - 노산구 및 고과기공업원 우호도시 협정(체결장소 : 서초구)',
      '',
    ].join('\n');

    it('gives one tie whose Chinese side is 청도시 노산구 and whose foreign side is the owner 서초구', async () => {
      const p = await preview('seocho.txt', text, '서초구');
      expect(p.status).toBe('read');
      const pairs = new Set(p.claims.map((c) => JSON.stringify([c.cnPlace, c.foreignPlace])));
      expect(pairs.size).toBe(1);
      const [c] = p.claims;
      expect(['청도시 노산구', '노산구']).toContain(c.cnPlace);
      expect(c.foreignPlace).toBe('서초구');
    });

    it('dates that tie 1998-08-03, from its 결 연 일 line', async () => {
      const p = await preview('seocho-date.txt', text, '서초구');
      const tie = p.claims.find((c) => c.cnPlace === '청도시 노산구' || c.cnPlace === '노산구');
      expect(tie?.dateIso, JSON.stringify(p.claims.map((c) => [c.line, c.cnPlace, c.foreignPlace, c.dateIso]))).toBe('1998-08-03');
    });
  });

  describe('a Japanese prefecture’s list (test/fixtures/world/C-ja-saitama-shanxi.txt: `<昭和57年(1982年)10月27日友好提携>` with 山西省, written as a list line)', () => {
    const text = ['埼玉県の姉妹友好提携', '', '• 中国 山西省 昭和57年10月27日 友好提携', '• 米国 オハイオ州 平成2年4月9日 姉妹提携', ''].join('\n');

    it('reads the era date: 昭和57年10月27日 is 1982-10-27', async () => {
      const p = await preview('saitama.txt', text, '埼玉県');
      expect(p.status).toBe('read');
      const shanxi = p.claims.find((c) => [c.cnPlace, c.foreignPlace].some((s) => s?.includes('山西省')));
      expect(shanxi, JSON.stringify(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.date]))).toBeDefined();
      expect(shanxi!.dateIso).toBe('1982-10-27');
    });

    it('gives the tie 山西省 – 埼玉県 (the owner is the foreign side), 友好提携 not part of the name', async () => {
      const p = await preview('saitama-sides.txt', text, '埼玉県');
      const shanxi = p.claims.find((c) => [c.cnPlace, c.foreignPlace].some((s) => s?.includes('山西省')));
      expect(shanxi && [shanxi.cnPlace, shanxi.foreignPlace, shanxi.kind]).toEqual(['山西省', '埼玉県', 'sister']);
    });
  });
});

describe('assembly: a foreign place whose name holds its country’s name (found by test/kit-properties.test.ts)', () => {
  // Real ties: A-en-wikipedia-list-china.expected.tsv (Beijing – Mexico City, MX; Beijing – Île-de-France, FR) and
  // D-zh-xian-friendship-table.expected.tsv (西安市 – 巴西利亚联邦区, BR), each written `Place, Country` as a list item.
  const cases: Array<[string, string, string, string | null]> = [
    ['- Mexico City, Mexico', 'Mexico City', 'MX', null],
    ['- Île-de-France, France', 'Île-de-France', 'FR', null],
    ['- 巴西利亚联邦区, 巴西 (1997年10月26日)', '巴西利亚联邦区', 'BR', '1997-10-26'],
  ];
  for (const [item, place, iso2, date] of cases) {
    it(`${item} keeps the whole name`, async () => {
      const p = await preview(`country-in-name-${iso2}.md`, `## 西安市国际友好城市\n\n${item}\n- 奈良市, 日本 (1974年2月1日)\n`, '西安市');
      const c = p.claims.find((x) => x.countryIso2 === iso2);
      expect(c && [c.foreignPlaceZhHans, c.countryIso2, c.dateIso]).toEqual([place, iso2, date]);
    });
  }
});

describe('assembly: pages written from the foreign side', () => {
  it('an owner given with its country (`Jeonbuk (KR)`) keeps the Chinese partners and drops the partners abroad (A-en-jeonbuk-sisterhood.txt, lines 7–17)', async () => {
    const text = [
      'Sisterhood relationships : 3 cities in 2 countries',
      ' • Cities',
      '  • Jiangsu of China (27th October, 1994)',
      '  • Washington State (17th May, 1996)',
      '  • New Jersey State (19th May, 2000) of the USA',
      'Partnerships : 4 cities in 2 countries',
      ' • Cities',
      '  • Kagoshima Prefecture (30th October, 1989)',
      '  • Ishikawa Prefecture (10th September, 2001) of Japan',
      '  • Shanghai (17th April, 2003)',
      '  • Shandong Province (2nd November, 2006) of China',
    ].join('\n');
    const p = await preview('jeonbuk.txt', text, 'Jeonbuk (Jeollabuk-do, KR)');
    expect(p.owner).toBe('Jeonbuk');
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2, c.dateIso, c.kind])).toEqual([
      ['Jiangsu', 'Jeonbuk', 'KR', '1994-10-27', 'sister'],
      ['Shanghai', 'Jeonbuk', 'KR', '2003-04-17', 'cooperation'],
      ['Shandong Province', 'Jeonbuk', 'KR', '2006-11-02', 'cooperation'],
    ]);
  });

  it('a Russian news item: one tie, its later inflected mentions not another, the Russian side in Russia (C-ru-sergiev-posad-weihai.txt, lines 1–2)', async () => {
    const text = [
      'Сергиев Посад и китайский Вэйхай стали городами-побратимами',
      'Пресс-служба администрации города или района На всемирном форуме городов-побратимов, который проходит в Китае, подписали соглашение о дружбе и сотрудничестве между Сергиевым Посадом и городом Вэйхай в провинции Шаньдун.',
    ].join('\n');
    const p = await preview('posad.txt', text);
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2, c.kind])).toEqual([['Вэйхай', 'Сергиев Посад', 'RU', 'sister']]);
  });

  it('a Japanese prefecture’s page titled by its pairs (`鹿児島県-江蘇省`, `鹿児島市ー湖南省長沙市`; C-ja-kagoshima-jiangsu-changsha.txt, lines 1–2 and 15–18)', async () => {
    const text = [
      '鹿児島県-江蘇省',
      '鹿児島県と江蘇省は,昭和60(1985)年から農業分野での技術交流を契機に,海外技術研修生や国際交流員の受入れ,訪問団の相互派遣,青少年の派遣などを通じて交流を深めてきました。',
      '【江蘇省の概要】',
      '人口 7,405万人(全中国 第5位)',
      '面積 10.26万平方キロメートル',
      '鹿児島市ー湖南省長沙市',
      '長沙市の紹介',
      '長沙市は湖南省の省都で、人口約700万人を有する大都市です。',
      '姉妹都市になった動機 鹿児島は中国大陸に近く、鑑真和上や遣唐使船など歴史的関係も深いことから、中国との交流を求める気運が高まりました。',
    ].join('\n');
    const p = await preview('kagoshima.txt', text);
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2])).toEqual([
      ['江蘇省', '鹿児島県', 'JP'],
      ['湖南省長沙市', '鹿児島市', 'JP'],
    ]);
    expect(p.claims[1].kind).toBe('sister');
  });

  it('a foreign city’s page titled by its Chinese partner (`Dalian - China` on Rostock’s site; E-en-rostock-dalian.txt, lines 1–3)', async () => {
    const p = await preview('rostock.txt', 'Dalian - China\n\nPartnership with Rostock since 1988\n', 'Rostock (Germany)');
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2, c.dateIso])).toEqual([['Dalian', 'Rostock', 'DE', '1988']]);
  });
});

describe('assembly: pairs and countries a list leaves to the reader', () => {
  it('tells the sides of `金泽市 江苏省苏州市` and of a misspelt `白山市 江苏省涑阳市` by the province written before the Chinese side (E-zh-ishikawa-china-pairs.txt, lines 6–13)', async () => {
    const text = ['石川县各市町村与中国缔结友好城市情况:共6对', '', '金泽市 江苏省苏州市 1981.6.13', '白山市 江苏省涑阳市 1996.10.23'].join('\n');
    const p = await preview('ishikawa.txt', text);
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.dateIso])).toEqual([
      ['江苏省苏州市', '金泽市', '1981-06-13'],
      ['江苏省涑阳市', '白山市', '1996-10-23'],
    ]);
  });

  it('splits names of several words and finds the country most names share (D-en-maryland-chinese-sister-cities.txt)', async () => {
    const text = ['Chinese sister cities in Maryland', '', 'Maryland City Chinese City Year', 'State of Maryland Anhui Province 1980', 'Baltimore Xiamen, Fujian 1985', 'Rockville Jiaxing, Zhejiang 2008'].join('\n');
    const p = await preview('maryland.txt', text);
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2, c.dateIso])).toEqual([
      ['Anhui Province', 'State of Maryland', 'US', '1980'],
      ['Xiamen', 'Baltimore', 'US', '1985'],
      ['Jiaxing', 'Rockville', 'US', '2008'],
    ]);
  });

  it('reads a page copied with a blank line after every line, dates on their own lines (D-en-dalian-chinadaily-sister-cities.txt, lines 12–46)', async () => {
    const text = ['Sister Cites:', 'International Sister Cities', 'Date Signed', 'Incheon, Korea', 'Apr 2, 1994', 'Dallas, the ', 'United States', 'Apr 29, 2008', 'Auckland, theUnited States', 'Feb 30, 1982', 'Bremen state, Germany', 'Apr 17, 1985'].join('\n\n');
    const p = await preview('dalian-daily.txt', text, 'Dalian');
    expect(p.claims.map((c) => [c.foreignPlace, c.countryIso2, c.dateIso])).toEqual([
      ['Incheon', 'KR', '1994-04-02'],
      ['Dallas', 'US', '2008-04-29'],
      ['Auckland', 'US', '1982-02'],
      ['Bremen state', 'DE', '1985-04-17'],
    ]);
  });
});

describe('assembly: prose a person reads as ties', () => {
  it('a partner’s name, then its description: the sentence naming it dates the tie and says its kind; the country is the description’s, not the page’s (B-zh-shenyang-friendship-cities.txt, lines 4–10)', async () => {
    const text = [
      '友好城市',
      '- ·札幌',
      '- 札幌(Sapporo)',
      '日本北海道的首府,地处石狩平原西缘及其连接的丘陵地带,面积1118平方公里,人口约为180万,是日本第五大城市,也是日本12个政令指定都市之一。1980年11月18日,沈阳市与札幌正式建立友好城市关系。札幌市是沈阳对外缔结的第1个友好城市。',
      '- ·杜塞尔多夫',
      '- 杜塞尔多夫(Dusseldorf)',
      '德国北莱茵--威斯特法伦州政府所在地。面积217平方公里,市区人口约有57万,在德国位居第九大城市,是德国西部重要的商业城市之一。1984年9月22日,沈阳市与杜塞尔多夫正式建立友好合作城市关系。杜塞尔多夫是沈阳市对外缔结的第3个友好城市。',
    ].join('\n');
    const p = await preview('shenyang.txt', text);
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.dateIso, c.kind])).toEqual([
      ['沈阳市', '札幌', '1980-11-18', 'sister'],
      ['沈阳市', '杜塞尔多夫', '1984-09-22', 'cooperation'],
    ]);
  });

  it('a Brazilian city’s news: the Chinese cities it names, each with the year beside it (B-pt-saopaulo-tianjin.txt, lines 1–3; B-pt-jundiai-irmas-china.txt, lines 5, 9, 15 and 19)', async () => {
    const sp = await preview(
      'saopaulo.txt',
      [
        'Foi publicada no Diário Oficial da Prefeitura de São Paulo, a inclusão da cidade de Tianjin, na China, como “cidade-irmã” da Cidade de São Paulo.',
        'Anteriormente, São Paulo assinou termos de cooperação para ser cidade-irmã de três outras cidades chinesas: Huaibei (2017), Ningbo (2002) e Beijing (1999).',
      ].join('\n'),
      'São Paulo (BR)',
    );
    expect(sp.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2, c.dateIso])).toEqual([
      ['Tianjin', 'São Paulo', 'BR', null],
      ['Huaibei', 'São Paulo', 'BR', '2017'],
      ['Ningbo', 'São Paulo', 'BR', '2002'],
      ['Beijing', 'São Paulo', 'BR', '1999'],
    ]);
    const j = await preview(
      'jundiai.txt',
      [
        'Jundiaí tem agora 3 “irmãs” na China',
        'Luiz Fernando Machado assinou um acordo e Jundiaí ganha nova cidade-irmã, a terceira da China.',
        'O prefeito já tinha assinado com dois outros municípios desde que assumiu em 2017: um em 2019, a também chinesa Rugao, e outro em 2022, a italiana Prata di Pordenone.',
        'Depois vieram Iwakuni (Japão), em 1989 com o prefeito Walmor Barbosa Martins e Padova (Itália), em 1994 com André Benassi. Duas foram escolhidas em gestões de Miguel Haddad: Havana (Cuba – 1998) e Tai’an (China – 2002).',
      ].join('\n'),
      'Jundiaí (BR)',
    );
    expect(j.claims.map((c) => [c.cnPlace, c.foreignPlace, c.dateIso])).toEqual([
      ['Rugao', 'Jundiaí', '2019'],
      ['Tai’an', 'Jundiaí', '2002'],
    ]);
  });
});

describe('assembly: prose in the languages of the partners (test/fixtures/world-unseen)', () => {
  it('a pair written hyphened is that pair; the proverb in quotes before it names no places (B-de-dalian-bremen-cdd.txt, line 5)', async () => {
    const p = await preview('bremen.txt', '„Berg und Tal kommen nicht zusammen, wohl aber die Menschen.“ Diese deutsche Redensart bringt gut auf den Punkt, was die Städtepartnerschaft Dalian-Bremen letztlich ausmacht.\n');
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2])).toEqual([['Dalian', 'Bremen', 'DE']]);
  });

  it('a Korean subject and the Chinese place before 와: one tie, of the kind it became, not dated by the year of its earlier stage (C-ko-chungju-daqing-yonhap.txt, lines 1–3)', async () => {
    const p = await preview(
      'chungju.txt',
      [
        '(충주=연합뉴스) 김형우 기자 = 충북 충주시는 중국의 우호 교류 도시인 헤이룽장성 다칭시와 자매결연을 했다고 19일 밝혔다.',
        '김진석 부시장 등 충주시 방문단 3명은 지난 17일부터 윈난성 쿤밍에서 열린 국제우호도시회의에 참석해 다칭시와 자매결연을 하고 테마 포럼 참가, 화훼시설 답사 등의 일정을 소화했다.',
        '충주시는 헤이룽장성 중서부에 있는 공업도시인 다칭시와 2001년 우호 교류 관계를 맺었다.',
      ].join('\n'),
    );
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.kind, c.dateIso])).toEqual([['헤이룽장성 다칭시', '충주시', 'sister', null]]);
  });

  it('a place set in its province or state after a comma qualifies the name before it, and gives it its country (B-fr-us-china-summit-lecourrier.txt, line 15; B-fr-guangzhou-iekaterinbourg.txt, line 2)', async () => {
    const p = await preview(
      'fr.txt',
      [
        "L'établissement de relations de jumelage entre la Chine et les États-Unis a commencé peu après l'établissement des relations diplomatiques entre les deux pays en 1979, lorsque la province du Hubei (Centre de la Chine), et l'État américain de l'Ohio, ainsi que la ville de Nanjing, capitale de la province du Jiangsu (Est de la Chine), et la ville de Saint-Louis, dans l'État américain du Missouri, ont noué des relations de jumelage.",
        'Parmi elles, Guangzhou – la capitale vibrante de la province méridionale du Guangdong en Chine – et Iekaterinbourg, la capitale dynamique de l’Oblast de Sverdlovsk en Russie, ont signé un traité de villes amies en 2002.',
      ].join('\n'),
    );
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2, c.dateIso])).toEqual([
      ['Hubei', 'Ohio', 'US', '1979'],
      ['Nanjing', 'Saint-Louis', 'US', '1979'],
      ['Guangzhou', 'Iekaterinbourg', 'RU', '2002'],
    ]);
  });

  it('pairs written in turn are paired in turn; a list after one partner are all its partners (B-en-chinadaily-chicago-2015.txt, lines 6 and 13)', async () => {
    const p = await preview(
      'chicago.txt',
      [
        'Tustin, California and Heyuan, Guangdong province, and Yorba Linda, California, and Tongchuan, Shaanxi province signed sister-city agreements on Oct 23 in Chicago, adding to the more than 200 US-China sister cities and 41 sister states and provinces.',
        "The conference also celebrated the 30th anniversary of Chicago's sister-city relationships with Shanghai and Shenyang.",
      ].join('\n'),
    );
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2])).toEqual([
      ['Heyuan', 'Tustin', 'US'],
      ['Tongchuan', 'Yorba Linda', 'US'],
      ['Shanghai', 'Chicago', 'US'],
      ['Shenyang', 'Chicago', 'US'],
    ]);
  });
});

describe('assembly: a provincial table copied as text (test/fixtures/world-unseen/D-zh-jilin-provincial.txt, lines 25–29)', () => {
  it('reads each row: the province on the first row only, a transliteration holding 那, a traditional-script country', async () => {
    const p = await preview(
      'jilin.txt',
      [
        '吉林省管辖区 友好管辖区 国家或地区 大洲 结好日期 来源及备注',
        '吉林省 萨斯喀彻温省  加拿大 北美洲 1984年6月5日 [5]',
        '伏伊伏丁那自治省  塞爾維亞 歐洲 1986年10月15日 [6][註 1]',
        '宮城縣  日本 亞洲 1987年6月1日 [7]',
      ].join('\n'),
      '吉林省',
    );
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2, c.dateIso])).toEqual([
      ['吉林省', '萨斯喀彻温省', 'CA', '1984-06-05'],
      ['吉林省', '伏伊伏丁那自治省', 'RS', '1986-10-15'],
      ['吉林省', '宮城縣', 'JP', '1987-06-01'],
    ]);
  });

  it('a news item’s credits (`Xinhua/VNA/CVN`) name no partner (B-fr-us-china-summit-lecourrier.txt, lines 15–19)', async () => {
    const p = await preview(
      'credits.txt',
      [
        "L'établissement de relations de jumelage entre la Chine et les États-Unis a commencé en 1979, lorsque la province du Hubei (Centre de la Chine), et l'État américain de l'Ohio ont noué des relations de jumelage.",
        '',
        'Quarante-cinq ans plus tard, la Chine et les États-Unis ont construit 286 relations de jumelage à différents niveaux.',
        '',
        'Xinhua/VNA/CVN',
      ].join('\n'),
    );
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace])).toEqual([['Hubei', 'Ohio']]);
  });
});

describe('assembly: Chinese news naming several pairs', () => {
  it('`分别与` pairs two lists in order (B-zh-shijiazhuang-forum.txt, line 16, forum noise cut)', async () => {
    const p = await preview('sjz.txt', '另外石家庄市所辖新乐市、辛集市也分别与日本香川县绫南町(1995年5月23日)、意大利索劳伏拉市(1997年8月19日)正式缔结为友好城市。\n');
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2])).toEqual([
      ['新乐市', '绫南町', 'JP'],
      ['辛集市', '索劳伏拉市', 'IT'],
    ]);
  });

  it('a country after `与` opens a partner’s name; `市长代表绍兴市` is the city (B-zh-hant-shaoxing-conference.txt, line 9, pinyin noise cut)', async () => {
    const p = await preview('sx.txt', '紹興市市長俞志宏代表紹興市分別與新西蘭陶波市、塞爾維亞蘇博蒂察市簽訂了友好交流關系協議書,這意味著紹興又新增兩個友城。\n');
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2])).toEqual([
      ['紹興市', '陶波市', 'NZ'],
      ['紹興市', '蘇博蒂察市', 'RS'],
    ]);
  });
});

describe('assembly: a Spanish list of other cases (A-es-argentina-china-hermanamientos.txt, lines 32–38)', () => {
  it('`La provincia de X con Y` and `Las provincias de X y Y` are pairs; a district is followed by its city', async () => {
    const p = await preview(
      'ar.txt',
      [
        'Ciudades hermanas: un listado con los hermanamientos entre Argentina y China',
        '',
        'También hay un acuerdo de cooperación entre la ciudad de Rafaela y el distrito de Mentougou, Beijing.',
        '',
        'Otros casos:',
        '',
        '  • La provincia de Hebei con la provincia de Buenos Aires.',
        '  • Las provincias de Jilin y Entre Ríos.',
        '  • La provincia de Córdoba con Chongqing.',
      ].join('\n'),
    );
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2, c.kind])).toEqual([
      ['Mentougou', 'Rafaela', 'AR', 'cooperation'],
      ['Hebei', 'Buenos Aires', 'AR', 'sister'],
      ['Jilin', 'Entre Ríos', 'AR', 'sister'],
      ['Chongqing', 'Córdoba', 'AR', 'sister'],
    ]);
  });
});

describe('assembly: ties still to come are doubtful', () => {
  it('a sentence about an agreement to be signed (C-ja-liyang-friendship.txt, line 5)', async () => {
    const p = await preview('liyang.txt', 'もうすぐ行われる第14回中国溧陽お茶祭り並び第12回天目湖観光祭りの開幕式では、溧陽市はドイツフルダ地区と正式に友好都市関係合意書に調印する予定だ。\n');
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2, c.status])).toEqual([['溧陽市', 'フルダ地区', 'DE', 'doubtful']]);
  });

  it('a table row whose date column says the tie is being prepared (E-de-china-portugal-partnerships.txt, lines 4–10)', async () => {
    const p = await preview(
      'portugal.txt',
      ['Chinesischer Ort | Portugiesischer Ort | Seit | Anmerkung |', '---|---|---|---|', 'Haikou | Faro | 2008 | |', 'Haikou | Loulé | in Anbahnung seit 2004 | |'].join('\n'),
    );
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.status])).toEqual([
      ['Haikou', 'Faro', 'listed'],
      ['Haikou', 'Loulé', 'doubtful'],
    ]);
  });
});

describe('assembly: Japanese prefectures’ pages', () => {
  it('a tie written as a form over small tables (CLAIR’s page for Mie and Henan: C-ja-mie-henan-clair.txt, lines 4–17)', async () => {
    const text = [
      '自治体情報',
      '都道府県名 | 三重県 (Mie Prefecture) |',
      '---|---|',
      '自治体名称 | 三重県 (Mie Prefecture) |',
      '提携相手先情報',
      '提携相手先 | 河南省 (Henan) |',
      '---|---|',
      '州・省・県 | 河南省 (Henan) |',
      '国・地域名 | 中国 (China) |',
      '提携情報',
      '提携年月日 | 1986/11/19 |',
      '---|---|',
      '提携日の根拠 | 友好県省関係締結の日 |',
    ].join('\n');
    const p = await preview('mie.txt', text, '三重県');
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2, c.dateIso])).toEqual([['河南省', '三重県', 'JP', '1986-11-19']]);
  });

  it('a prefecture’s sentence naming its partners in three countries gives only the Chinese one (C-ja-yamanashi-sichuan.txt, line 4)', async () => {
    const text =
      '県では、1960年(昭和35年)に全国に先駆けてアメリカ合衆国アイオワ州と姉妹締結を行いました。その後ブラジル連邦共和国ミナス・ジェライス州、中華人民共和国四川省、大韓民国忠清北道と姉妹・友好締結を行っています。';
    const p = await preview('yamanashi.txt', text, '山梨県');
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2])).toEqual([['四川省', '山梨県', 'JP']]);
  });
});

describe('textLayout: records one field a line, each opened by its number', () => {
  it('reads them as rows, under a header that does not fit them (test/fixtures/world-holdout/D-zh-shanghai-friendship-list.txt, lines 7–23)', async () => {
    const text = ['市级友好城市', '城 市', '国 家', '所属洲', '结好时间', '1', '横滨市', 'City of Yokohama', '日 本', '亚 洲', '1973.11.30', '2', '大阪市', 'Osaka City', '日 本', '亚 洲', '1974.04.18', '3', '米兰市', 'Milan', '意大利', '欧 洲', '1979.06.25'].join('\n');
    const table = textLayout(text).blocks.find((b) => b.type === 'table') as Extract<Block, { type: 'table' }>;
    expect(table.rows.map((r) => r.cells[1])).toEqual(['横滨市', '大阪市', '米兰市']);
    const p = await preview('shanghai.txt', text, '上海市');
    expect(p.claims.map((c) => [c.foreignPlace, c.countryIso2, c.dateIso])).toEqual([
      ['横滨市', 'JP', '1973-11-30'],
      ['大阪市', 'JP', '1974-04-18'],
      ['米兰市', 'IT', '1979-06-25'],
    ]);
  });
});

describe('assembly: tables copied with single spaces, Chinese news, ambiguous names', () => {
  it('a row opened by its item number, and a partner at home left out (test/fixtures/world-fourth/D-en-chiayi-sister-cities.txt, lines 2–4 and 10)', async () => {
    const text = [
      'Item Nation Signing City/State Category Signing Date',
      '1 United States Jackson City , Mississppi State Sister City 1983.4.11',
      '2 United States East Orange City, New Jersey State Sister City 1985.8.22',
      '8 Republic of China Hsinchu City Sister City 2002.10.9',
    ].join('\n');
    const p = await preview('chiayi.txt', text, 'Chiayi City');
    // Hsinchu is in Taiwan, as Chiayi is: a tie at home, not one abroad.
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2, c.dateIso])).toEqual([
      ['Chiayi City', 'Jackson City', 'US', '1983-04-11'],
      ['Chiayi City', 'East Orange City', 'US', '1985-08-22'],
    ]);
  });

  it('foreign places written after their country without an administrative word, and a list that goes on after a comma (test/fixtures/world-fifth/B-zh-eastmoney-shanghai-friendship-cities-2024.txt, line 15)', async () => {
    const text =
      '  上海珍视友城之谊。今年上海迎来与英国利物浦结好25周年、与乌兹别克斯坦塔什干30周年、与新西兰达尼丁30周年、与澳大利亚昆士兰州35周年,与荷兰鹿特丹45周年及与日本大阪市50周年,一系列纪念活动在双方城市举行。';
    const p = await preview('shanghai-news.txt', text, '上海市');
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2])).toEqual([
      ['上海市', '利物浦', 'GB'],
      ['上海市', '塔什干', 'UZ'],
      ['上海市', '达尼丁', 'NZ'],
      ['上海市', '昆士兰州', 'AU'],
      ['上海市', '鹿特丹', 'NL'],
      ['上海市', '大阪市', 'JP'],
    ]);
  });

  it('a list of capitals after their countries, and a reporter’s credit that is no place (test/fixtures/world-fifth/B-zh-xinjingbao-beijing-prague.txt, lines 10–11)', async () => {
    const text = [
      '此前，北京市外办9月12日曾发布消息，北京市与56个城市缔结了友好城市关系，分布在五大洲51个国家，其中多数是首都。北京市外办网站相关信息显示，北京市的友城包括日本东京、韩国首尔、俄罗斯莫斯科、德国柏林、希腊雅典、埃及开罗、美国纽约、巴西里约热内卢、澳大利亚堪培拉等。',
      '新京报记者 沙雪良',
    ].join('\n');
    const p = await preview('beijing-news.txt', text, '北京市');
    expect(p.claims.map((c) => [c.foreignPlace, c.countryIso2])).toEqual([
      ['东京', 'JP'],
      ['首尔', 'KR'],
      ['莫斯科', 'RU'],
      ['柏林', 'DE'],
      ['雅典', 'GR'],
      ['开罗', 'EG'],
      ['纽约', 'US'],
      ['里约热内卢', 'BR'],
      ['堪培拉', 'AU'],
    ]);
  });

  it('a name the gazetteer knows in several countries is the one a city of millions bears, and a guessed country covers no other name (test/fixtures/world-fifth/B-en-peopledaily-beijing-friendship-cities-2000.txt, line 9)', async () => {
    const text =
      'Beijing established its first sister-city ties with Tokyo, the capital of Japan, in March 1979, the second year after China introduced the policy of reform and opening up. By the end of 1980s, Beijing had established friendship-city ties with New York, Belgrade, Lima, Washington, Madrid, Rio de Janeiro and Cologne.';
    const p = await preview('beijing-en.txt', text, 'Beijing');
    expect(p.claims.map((c) => [c.foreignPlace, c.countryIso2])).toEqual([
      ['Tokyo', 'JP'],
      ['New York', 'US'],
      ['Belgrade', 'RS'],
      ['Lima', 'PE'],
      ['Washington', 'US'],
      ['Madrid', 'ES'],
      ['Rio de Janeiro', 'BR'],
      ['Cologne', 'DE'],
    ]);
  });
});

describe('assembly: a table in Arabic copied one cell per line', () => {
  it('reads its header, its numbered records with their years and its owner from the title (test/fixtures/world-fifth/D-ar-shanghai-twin-cities.txt, lines 4–20)', async () => {
    const text = ['المدن التوأمة لشانغهاي', '|', 'المدينة |', 'البلد |', 'سنة إنشاء العلاقة |', '1 |', 'يوكوهاما |', 'اليابان |', '1973 |', '2 |', 'مدينة أوساكا |', 'اليابان |', '1974 |', '3 |', 'ميلانو |', 'إيطاليا |', '1979 |'].join('\n');
    const p = await preview('shanghai-ar.txt', text);
    expect(p.claims.map((c) => [c.cnPlace, c.foreignPlace, c.countryIso2, c.dateIso, c.kind])).toEqual([
      ['شانغهاي', 'يوكوهاما', 'JP', '1973', 'sister'],
      ['شانغهاي', 'مدينة أوساكا', 'JP', '1974', 'sister'],
      ['شانغهاي', 'ميلانو', 'IT', '1979', 'sister'],
    ]);
  });
});
