// The wikitext reader on the Dalian page (000_0f381ef73e09f27f.txt); expectations written by hand from
// the document.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wikitextReader } from '../src/readers/wikitext.js';
import { normalizeRow } from '../src/normalize/claim.js';
import { SAMPLES_DIR } from '../src/paths.js';

const DALIAN_FILE = '000_0f381ef73e09f27f.txt';
const dalian = readFileSync(join(SAMPLES_DIR, DALIAN_FILE), 'utf8');
const lines = dalian.split('\n');
const read = (text: string) => wikitextReader.read(text, { fileName: 'test.wiki' });

describe('wikitext reader: detect', () => {
  it('is sure of the Dalian page and not of the other samples', () => {
    expect(wikitextReader.detect(dalian, DALIAN_FILE)).toBeGreaterThan(0.9);
    for (const f of ['001_2be138cf16039818.txt', '002_1b86fcdda1af5c3a.txt', '003_d8932dca6923e789.txt']) {
      expect(wikitextReader.detect(readFileSync(join(SAMPLES_DIR, f), 'utf8'), f)).toBeLessThan(0.3);
    }
    expect(wikitextReader.detect('', 'x.txt')).toBe(0);
  });
});

describe('wikitext reader: the Dalian page', () => {
  const r = read(dalian);
  const listed = r.rows.filter((x) => x.status === 'listed');
  const doubtful = r.rows.filter((x) => x.status === 'doubtful');
  const at = (line: number) => r.rows.filter((x) => x.line === line);

  it('reads 9 + 25 listed rows and 7 doubtful ones, without complaint', () => {
    expect(r.rows).toHaveLength(41);
    expect(listed.filter((x) => x.section === '友好城市')).toHaveLength(9);
    expect(listed.filter((x) => x.section === '友好合作关系城市')).toHaveLength(25);
    expect(doubtful).toHaveLength(7);
    expect(r.messages).toEqual([]);
  });

  it('keeps the listed rows in document order with the line of each place', () => {
    expect(listed.map((x) => x.line)).toEqual([
      12, 14, 16, 18, 20, 22, 24, 26, 28, 48, 50, 52, 54, 56, 58, 60, 62, 64, 66, 68, 70, 72, 74, 76, 78, 80, 82, 84, 86,
      88, 90, 92, 94, 96,
    ]);
    for (const row of r.rows) {
      const plain = lines[row.line - 1].replace(/\[\[(?:[^|\]]*\|)?([^\]]*)\]\]/g, '$1');
      expect(plain, `line ${row.line}`).toContain(row.foreignPlace);
    }
  });

  it('reads the doubtful rows from the comments, with their lines, dates as written and remarks', () => {
    expect(doubtful.map((x) => [x.line, x.section, x.foreignPlace, x.country, x.countryHint, x.date, x.note])).toEqual([
      [6, '友好城市', '温哥华', '加拿大', 'Canada', null, '未見相關信息。'],
      [34, '友好合作关系城市', '伊万里市', '日本', 'Japan', '1987', '存疑，待考。'],
      [35, '友好合作关系城市', '温哥华', '加拿大', 'Canada', '1994', '存疑，待考。'],
      [36, '友好合作关系城市', '塞瓦斯托波尔', '乌克兰', 'Ukraine', '2002', '存疑，待考。'],
      [37, '友好合作关系城市', '比奥比奥大区', '智利', 'Chile', '2003', '存疑，待考。'],
      [38, '友好合作关系城市', '釜山廣域市', '韩国', 'South Korea', '2008', '存疑，待考。'],
      [41, '友好合作关系城市', '素林府', '泰国', 'Thailand', '2008-05-25', '存疑，待考。'],
    ]);
  });

  it('reads the commented table row 素林府 (line 41) field by field', () => {
    expect(at(41)).toEqual([
      {
        line: 41,
        section: '友好合作关系城市',
        cnPlace: null,
        foreignPlace: '素林府',
        foreignLink: null,
        country: '泰国',
        countryHint: 'Thailand',
        date: '2008-05-25',
        status: 'doubtful',
        note: '存疑，待考。',
      },
    ]);
  });

  it('reads the first row exactly', () => {
    expect(at(12)).toEqual([
      {
        line: 12,
        section: '友好城市',
        cnPlace: null,
        foreignPlace: '北九州',
        foreignLink: null,
        country: '日本',
        countryHint: 'Japan',
        date: '1979-05-01',
        status: 'listed',
      },
    ]);
  });

  it('keeps a link target that differs from its label: 奧克蘭 → 奧克蘭_(加州)', () => {
    expect(at(14)[0]).toMatchObject({ foreignPlace: '奧克蘭', foreignLink: '奧克蘭_(加州)', country: '美国', countryHint: 'USA', date: '1982-03-30' });
  });

  it('joins compound names: [[東京都|東京都]][[大田區|大田區]] → 東京都大田區', () => {
    expect(at(90)[0]).toMatchObject({ foreignPlace: '東京都大田區', foreignLink: null, country: '日本', date: '2009-10-28', section: '友好合作关系城市' });
  });

  it('reads the country as written and the flag as hint: 英国苏格兰 + Scotland', () => {
    expect(at(22)[0]).toMatchObject({ foreignPlace: '格拉斯哥', country: '英国苏格兰', countryHint: 'Scotland', date: '1987-10-27' });
    expect(at(28)[0]).toMatchObject({ foreignPlace: '黑角', country: '刚果', countryHint: 'Republic of the Congo' });
    expect(at(60)[0]).toMatchObject({ foreignPlace: '奥赫里德', country: '马其顿', countryHint: 'Macedonia' });
  });

  it('the same place listed and doubtful stays two rows (素林府, 伊万里市)', () => {
    expect(r.rows.filter((x) => x.foreignPlace === '素林府').map((x) => [x.line, x.status])).toEqual([
      [41, 'doubtful'],
      [82, 'listed'],
    ]);
    expect(r.rows.filter((x) => x.foreignPlace === '伊万里市').map((x) => [x.line, x.status])).toEqual([
      [34, 'doubtful'],
      [76, 'listed'],
    ]);
  });

  it('reads what the document says about itself', () => {
    expect(r.meta).toEqual({
      owner: '大连市',
      title: '大连市友好城市及友好合作关系城市统计表',
      asOf: '2011-10',
      publisher: '大连市外事（侨务）办公室',
      publishedAt: '2011-10-24',
      url: 'http://www.wb.dl.gov.cn/info/19244_23923.vm',
    });
  });

  it('reads the declared totals with their sections and lines', () => {
    expect(r.totals).toEqual([
      { line: 5, section: '友好城市', countries: null, places: 9, text: '现有9座友好城市：' },
      { line: 43, section: '友好合作关系城市', countries: null, places: 25, text: '现有25座友好合作关系城市：' },
    ]);
    expect(listed.filter((x) => x.section === '友好城市')).toHaveLength(r.totals[0].places!);
    expect(listed.filter((x) => x.section === '友好合作关系城市')).toHaveLength(r.totals[1].places!);
  });

  it('gives rows that normalize without a message', () => {
    for (const row of r.rows) {
      const { claim, messages } = normalizeRow(row, r.meta.owner ?? null);
      expect(messages, `line ${row.line}`).toEqual([]);
      expect(claim.countryIso2, `line ${row.line}`).toMatch(/^[A-Z]{2}$/);
    }
    const kinds = r.rows.map((row) => normalizeRow(row, '大连市').claim.kind);
    expect(kinds.filter((k) => k === 'sister')).toHaveLength(10);
    expect(kinds.filter((k) => k === 'cooperation')).toHaveLength(31);
  });
});

describe('wikitext reader: bad input', () => {
  it('reads the good rows of a page cut mid-table, and says where the table was left open', () => {
    const r = read(lines.slice(0, 20).join('\n'));
    expect(r.rows.map((x) => [x.line, x.foreignPlace, x.status])).toEqual([
      [6, '温哥华', 'doubtful'],
      [12, '北九州', 'listed'],
      [14, '奧克蘭', 'listed'],
      [16, '舞鶴市', 'listed'],
      [18, '不莱梅', 'listed'],
      [20, '勒阿弗爾', 'listed'],
    ]);
    expect(r.messages).toEqual([{ line: 8, severity: 'error', reason: 'table opened here is never closed ("|}" missing): read up to line 20' }]);
    expect(r.meta.owner).toBe('大连市');
    expect(r.totals).toHaveLength(1);
  });

  it('reads a page cut in the middle of a cell', () => {
    const r = read(dalian.slice(0, dalian.indexOf('[[舞鶴') + 4)); // ends with "[[舞鶴"
    expect(r.rows.filter((x) => x.status === 'listed').map((x) => x.foreignPlace)).toEqual(['北九州', '奧克蘭', '舞鶴']);
    expect(r.messages.map((m) => [m.line, m.severity])).toEqual([
      [8, 'error'],
      [16, 'warning'],
      [16, 'warning'],
    ]);
    expect(r.messages[1].reason).toBe('row has 3 cells where the header has 4');
  });

  it('reads a page cut inside a comment', () => {
    const r = read(lines.slice(0, 37).join('\n'));
    expect(r.messages).toEqual([
      { line: 33, severity: 'error', reason: 'comment opened here is never closed ("-->" missing): read as ending at line 37' },
    ]);
    expect(r.rows.filter((x) => x.status === 'listed')).toHaveLength(9);
    expect(r.rows.filter((x) => x.status === 'doubtful').map((x) => x.line)).toEqual([6, 34, 35, 36, 37]);
  });

  it('reports a row with too few cells and keeps the good ones', () => {
    const text = [
      '== 友好城市 ==',
      '{| class="wikitable"',
      '|-',
      '! 序號 !! 國家 !! 城市 !! 結好時間',
      '|-',
      '| 1 || {{flagicon|Japan}}[[日本|日本]]',
      '|-',
      '| 2 || {{flagicon|Japan}}[[日本|日本]] || [[舞鶴市|舞鶴市]] || 1982-05-08',
      '|}',
    ].join('\n');
    const r = read(text);
    expect(r.rows).toEqual([
      { line: 8, section: '友好城市', cnPlace: null, foreignPlace: '舞鶴市', foreignLink: null, country: '日本', countryHint: 'Japan', date: '1982-05-08', status: 'listed' },
    ]);
    expect(r.messages).toEqual([{ line: 6, severity: 'error', reason: 'row has 2 cells where the header has 4: skipped', skipped: true }]);
  });

  it('reads cells on their own lines, attributes, rowspans and markers', () => {
    const text = [
      '{| class="wikitable"',
      '! 國家',
      '! 城市',
      '! 備註',
      '|-',
      '| rowspan="2" | {{flagicon|Japan}}[[日本]]',
      '| style="color:red" | [[東京都|東京]]',
      '| a',
      '|-',
      '| [[大阪市|大阪]]（友好協議）',
      '| b',
      '|}',
    ].join('\n');
    const r = read(text);
    expect(r.rows).toEqual([
      { line: 7, section: null, cnPlace: null, foreignPlace: '東京', foreignLink: '東京都', country: '日本', countryHint: 'Japan', date: null, status: 'listed', note: 'a' },
      { line: 10, section: null, cnPlace: null, foreignPlace: '大阪', foreignLink: '大阪市', marker: '友好協議', country: '日本', countryHint: 'Japan', date: null, status: 'listed', note: 'b' },
    ]);
    expect(r.messages).toEqual([]);
  });

  it('never throws on garbage', () => {
    for (const junk of [
      '',
      '\n\n\n',
      '}{|||[[ ]] {{ <!-- ||| !! == x ==\n|}\n{|\n|-\n| || ||\n',
      '<!--',
      '-->',
      '{|',
      '|}',
      '{{{{{{[[[[[[',
      String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 65536)),
    ]) {
      const r = read(junk);
      expect(Array.isArray(r.rows)).toBe(true);
      expect(r.rows).toHaveLength(0);
      for (const m of r.messages) expect(m.line).toBeGreaterThanOrEqual(0);
    }
  });
});
