// The layouts of web pages and office files (src/layout/html.ts, docx.ts, xlsx.ts, pdf.ts, office.ts), on real
// friendship-city lists converted by real tools (test/fixtures/office/SOURCES.md says which and how).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Block, ItemBlock, LineBlock, TableBlock } from '../src/layout/blocks.js';
import { docxLayout } from '../src/layout/docx.js';
import { HTML_SPAN_BUDGET, htmlLayout } from '../src/layout/html.js';
import { decodeHtml, officeLayout, sniffOffice } from '../src/layout/office.js';
import { pdfLayout, PDF_MAX_PAGES } from '../src/layout/pdf.js';
import { LayoutRefusal } from '../src/layout/refusal.js';
import {
  checkZipSizes,
  XLSX_MAX_COLUMNS,
  XLSX_MAX_ROWS,
  XLSX_MAX_SHEETS,
  xlsxLayout,
  zipEntries,
  ZIP_MAX_RATIO,
  ZIP_MAX_UNCOMPRESSED,
} from '../src/layout/xlsx.js';

const DIR = join(import.meta.dirname, 'fixtures', 'office');
const bytes = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
const text = (name: string) => readFileSync(join(DIR, name), 'utf8');

const tables = (bs: Block[]) => bs.filter((b): b is TableBlock => b.type === 'table');
const items = (bs: Block[]) => bs.filter((b): b is ItemBlock => b.type === 'item');
const lines = (bs: Block[]) => bs.filter((b): b is LineBlock => b.type === 'line');

/** The 1-based line of the file on which `needle` first occurs. */
function lineOf(source: string, needle: string): number {
  const at = source.indexOf(needle);
  expect(at, needle).toBeGreaterThanOrEqual(0);
  return source.slice(0, at).split('\n').length;
}

async function refusal(p: Promise<unknown>): Promise<LayoutRefusal> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(LayoutRefusal);
    return e as LayoutRefusal;
  }
  throw new Error('expected a refusal');
}

/** The 40 partners of Xi'an, in the order of the published list (data/samples/001_2be138cf16039818.txt). */
const XIAN = readFileSync(join(import.meta.dirname, '..', 'data', 'samples', '001_2be138cf16039818.txt'), 'utf8')
  .split('\n')
  .filter((l) => /^\d+ \|/.test(l))
  .map((l) => l.split('|').map((c) => c.trim()));

describe('HTML layout (zh.wikipedia list of Beijing, rowspans as published)', () => {
  const src = text('beijing-rowspan.html');
  const layout = htmlLayout(src, 'beijing-rowspan.html');

  it('reads the page title, canonical URL and site name', () => {
    expect(layout.name).toBe('html');
    expect(layout.meta).toEqual({
      title: '中华人民共和国友好城市列表',
      url: 'https://zh.wikipedia.org/wiki/中华人民共和国友好城市列表',
      publisher: '维基百科，自由的百科全书',
    });
  });

  it('gives headings (the wiki edit link left out) and paragraphs without footnote marks or scripts', () => {
    const heads = layout.blocks.filter((b) => b.type === 'heading');
    expect(heads.map((h) => [h.type === 'heading' && h.level, h.type === 'heading' && h.text, h.line])).toEqual([
      [1, '中华人民共和国友好城市列表', lineOf(src, '<h1>')],
      [2, '北京', lineOf(src, '<h2>北京')],
      [2, '澳門', lineOf(src, '<h2>澳門')],
    ]);
    expect(lines(layout.blocks)[0]).toEqual({ type: 'line', text: '此列表列出中華人民共和國的友好城市。', line: lineOf(src, '<p>此列表') });
    expect(JSON.stringify(layout.blocks)).not.toContain('wgPageName');
  });

  it('carries a rowspanned city down into the rows it spans, each row on its own line', () => {
    const [t] = tables(layout.blocks);
    expect(t.line).toBe(lineOf(src, '<table'));
    expect(t.rows[0]).toEqual({ line: lineOf(src, '<tr><th>'), cells: ['中方城市', '友好城市', '締結日期'], header: true });
    expect(t.rows).toHaveLength(1 + 39);
    // 北京市 is written once (rowspan="33") and stands beside each of its 33 partners.
    expect(t.rows.slice(1, 34).every((r) => r.cells[0] === '北京市')).toBe(true);
    expect(t.rows[2]).toEqual({ line: lineOf(src, '<td>紐約'), cells: ['北京市', '紐約', '1980年2月25日'] });
    expect(t.rows[33].cells).toEqual(['北京市', '馬尼拉', '2005年11月14日']);
    expect(t.rows[34].cells).toEqual(['東城區', '東京都新宿區', '1997年5月22日']);
    expect(t.rows[35].cells).toEqual(['東城區', '首爾鍾路區', '2003年11月6日']);
    expect(t.rows[39]).toEqual({ line: lineOf(src, '<td>帕薩迪納'), cells: ['西城區', '帕薩迪納', '1999年10月15日'] });
  });

  it('gives list items, and marks the item hidden in a comment as hidden', () => {
    const its = items(layout.blocks);
    expect(its.filter((i) => !('hidden' in i)).map((i) => i.text)).toEqual(['里斯本', '波爾圖', '科英布拉', '林雪平', '普拉亞', '布魯塞爾（友好協約書）', '峴港（友好協議）']);
    const hidden = layout.blocks.filter((b) => b.hidden);
    expect(hidden).toEqual([{ type: 'item', depth: 0, text: '三藩市（文化備忘錄）', line: lineOf(src, '<li>三藩市'), hidden: true }]);
  });
});

describe('HTML layout: the rules, on small pages', () => {
  it('hides rows in a comment inside a table as a hidden table after it', () => {
    const page = ['<table>', '<tr><td>京都市 Kyoto</td><td>日本</td></tr>', '<!--', '<tr><td>庞贝市 Pompeii</td><td>意大利</td></tr>', '-->', '<tr><td>波城市 Pau</td><td>法国</td></tr>', '</table>'].join('\n');
    const l = htmlLayout(page);
    expect(l.blocks).toEqual([
      { type: 'table', line: 1, rows: [{ line: 2, cells: ['京都市 Kyoto', '日本'] }, { line: 6, cells: ['波城市 Pau', '法国'] }] },
      // The hidden table starts where the comment does; its row, on its own line.
      { type: 'table', line: 3, rows: [{ line: 4, cells: ['庞贝市 Pompeii', '意大利'] }], hidden: true },
    ]);
  });

  it('gives rows the parser implied the line of their first cell', () => {
    const l = htmlLayout('<table>\n\n<td>奈良市</td><td>日本</td>\n</table>');
    expect(tables(l.blocks)[0].rows).toEqual([{ line: 3, cells: ['奈良市', '日本'] }]);
  });

  it('nested lists go deeper; an item holding a list gives its own text only; <ol> gives ordinals', () => {
    const page = '<ul>\n<li>日本\n<ul>\n<li>奈良市</li>\n<li>京都市</li>\n</ul>\n</li>\n<li>英国</li>\n</ul>\n<ol start="9">\n<li>船桥市</li>\n<li>庆州市</li>\n</ol>';
    expect(htmlLayout(page).blocks).toEqual([
      { type: 'item', depth: 0, text: '日本', line: 2 },
      { type: 'item', depth: 1, text: '奈良市', line: 4 },
      { type: 'item', depth: 1, text: '京都市', line: 5 },
      { type: 'item', depth: 0, text: '英国', line: 8 },
      { type: 'item', depth: 0, text: '船桥市', line: 11, ordinal: '9' },
      { type: 'item', depth: 0, text: '庆州市', line: 12, ordinal: '10' },
    ]);
  });

  it('splits paragraphs at <br>, marks a bold paragraph, collapses spaces and NBSP, reads <dt>/<dd>', () => {
    const page = '<p><strong>安山市</strong></p>\n<p>奈良市&nbsp;&nbsp;Nara<br>\n京都市   Kyoto</p>\n<dl><dt>日本</dt>\n<dd>船桥市</dd></dl>\n<div>西安市 <span>友好城市</span><p>爱丁堡</p></div>';
    expect(htmlLayout(page).blocks).toEqual([
      { type: 'line', text: '安山市', line: 1, emphasis: true },
      { type: 'line', text: '奈良市 Nara', line: 2 },
      { type: 'line', text: '京都市 Kyoto', line: 3 },
      { type: 'line', text: '日本', line: 4 },
      { type: 'line', text: '船桥市', line: 5 },
      { type: 'line', text: '西安市 友好城市', line: 6 },
      { type: 'line', text: '爱丁堡', line: 6 },
    ]);
  });

  it('repeats a colspan, reads a page framed in a table as its content, and reads dates from <meta>/<time>', () => {
    const page = [
      '<html><head><meta name="PubDate" content="2023-05-17 10:12"><meta name="author" content="西安市人民政府外事办公室"></head><body>',
      '<table><tr><td><h3>友好城市</h3>',
      '<table><tr><th colspan="2">城市</th></tr><tr><td>奇姆肯特市</td><td>Shymkent</td></tr></table>',
      '</td></tr></table></body></html>',
    ].join('\n');
    const l = htmlLayout(page);
    expect(l.blocks).toEqual([
      { type: 'heading', level: 3, text: '友好城市', line: 2 },
      { type: 'table', line: 3, rows: [{ line: 3, cells: ['城市', '城市'], header: true }, { line: 3, cells: ['奇姆肯特市', 'Shymkent'] }] },
    ]);
    // No <title> and no <h1>: no title (an <h3> is not the page's title).
    expect(l.meta).toEqual({ publishedAt: '2023-05-17', publisher: '西安市人民政府外事办公室' });
    expect(htmlLayout('<body><time datetime="2024-07-23T09:00:00+08:00">2024年7月23日</time></body>').meta.publishedAt).toBe('2024-07-23');
  });

  it('stops expanding spans past the budget, with a message', () => {
    const rows = Array.from({ length: 3000 }, () => '<tr><td colspan="1000">x</td></tr>').join('');
    const l = htmlLayout(`<table>${rows}</table>`, 'wide.html');
    const t = tables(l.blocks)[0];
    const cells = t.rows.reduce((n, r) => n + r.cells.length, 0);
    expect(cells).toBeLessThan(HTML_SPAN_BUDGET + 3000 + 1000);
    expect(l.messages.map((m) => m.code)).toEqual(['spans-over-budget']);
  });

  // Its time against a page a quarter of the size is bench/timing.ts's; here only a hang fails.
  it('lays out a 5 MB page, every table of it', () => {
    const src = text('beijing-rowspan.html');
    const body = src.slice(src.indexOf('<body>') + 6, src.indexOf('</body>'));
    const parts: string[] = [];
    let size = 0;
    while (size < 5 * 1024 * 1024) {
      parts.push(body);
      size += Buffer.byteLength(body);
    }
    const page = `<!DOCTYPE html><html><body>${parts.join('\n')}</body></html>`;
    const l = htmlLayout(page);
    expect(tables(l.blocks)).toHaveLength(parts.length);
  }, 120_000);

  it('survives nesting 100,000 deep', () => {
    const page = '<div>'.repeat(100_000) + '奈良市' + '</div>'.repeat(100_000);
    expect(lines(htmlLayout(page).blocks).map((b) => b.text)).toEqual(['奈良市']);
  });
});

describe('web pages in other encodings', () => {
  it('decodes a GB2312 page by its <meta> (the Guangzhou list)', async () => {
    const gb = bytes('guangzhou-gb2312.html');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb)).toThrow();
    const utf8 = htmlLayout(text('guangzhou.html'));
    const l = await officeLayout(gb, 'guangzhou-gb2312.html');
    expect(l.blocks).toEqual(utf8.blocks);
    expect(decodeHtml(gb)).toContain('福冈');
  });
});

describe('xlsx layout', () => {
  it("gives the sheet as a heading and a table whose rows keep their row numbers (Xi'an, from CSV by LibreOffice Calc)", async () => {
    const l = await xlsxLayout(bytes('xian.xlsx'));
    expect(l.name).toBe('xlsx');
    expect(l.blocks[0]).toEqual({ type: 'heading', level: 2, text: 'xian', line: 1 });
    const [t] = tables(l.blocks);
    expect(t.rows[0]).toEqual({ line: 1, cells: ['序号', '城 市', '国家', '洲', '结好签字时间', '人口(万)', '面积(平方公里)'] });
    // Row 5 is the list's 4th partner: 4 | 波城市 Pau | 法国 | 欧洲 | 1986年9月15日 | 8 | 31.51 (the date a date cell).
    expect(t.rows[4]).toEqual({ line: 5, cells: ['4', '波城市 Pau', '法国', '欧洲', '1986-09-15', '8', '31.51'] });
    expect(t.rows.slice(1, 41).map((r) => r.cells[1])).toEqual(XIAN.map((r) => r[1]));
    // The last row's formulas (COUNTA of the cities, the distinct countries) give what the document says of
    // itself: 33个国家的40个城市.
    expect(t.rows[41]).toEqual({ line: 42, cells: ['合计', '40', '33'] });
  });

  it('carries a merged cell into its range (the Beijing page opened in Calc: rowspans became merges)', async () => {
    const l = await xlsxLayout(bytes('beijing-rowspan.xlsx'));
    expect(l.meta.title).toBe('中华人民共和国友好城市列表');
    const rows = tables(l.blocks)[0].rows;
    const head = rows.findIndex((r) => r.cells[0] === '中方城市');
    expect(rows[head + 1]).toEqual({ line: rows[head].line + 1, cells: ['北京市', '東京', '1979年3月14日'] });
    expect(rows[head + 2].cells).toEqual(['北京市', '紐約', '1980年2月25日']);
    expect(rows[head + 33].cells).toEqual(['北京市', '馬尼拉', '2005年11月14日']);
    expect(rows[head + 35].cells).toEqual(['東城區', '首爾鍾路區', '2003年11月6日']);
    expect(rows[head + 39].cells).toEqual(['西城區', '帕薩迪納', '1999年10月15日']);
  });

  it('refuses a truncated workbook as corrupt', async () => {
    const r = await refusal(xlsxLayout(bytes('xian-truncated.xlsx')));
    expect(r.code).toBe('corrupt');
    expect(r.message).toMatch(/damaged/);
  });

  /** The real workbook with one entry's declared uncompressed size in the central directory set to `size`. */
  function forged(name: string, size: number): Uint8Array {
    const b = bytes('xian.xlsx');
    const e = zipEntries(b).find((x) => x.name === name)!;
    // Find that entry's central directory record and write the size at its offset 24.
    const view = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    const nameBytes = Buffer.from(name);
    for (let o = view.lastIndexOf(nameBytes); o > 0; o = view.lastIndexOf(nameBytes, o - 1)) {
      if (view.readUInt32LE(o - 46) === 0x02014b50) {
        view.writeUInt32LE(size, o - 46 + 24);
        return b;
      }
    }
    throw new Error(`no directory record for ${e.name}`);
  }

  it('refuses a zip bomb by the sizes its directory declares, before unpacking', async () => {
    const r = await refusal(xlsxLayout(forged('xl/worksheets/sheet1.xml', 600 * 1024 * 1024)));
    expect(r.code).toBe('zip-bomb');
    expect(r.message).toMatch(/zip bomb: its part xl\/worksheets\/sheet1\.xml would grow from [\d,]+ bytes to 600 MB/);
    expect(() => checkZipSizes([{ name: 'a', method: 8, flags: 0, compressedSize: 3e6, uncompressedSize: ZIP_MAX_UNCOMPRESSED + 1 }] as never)).toThrow(/would unpack to 500 MB/);
    expect(ZIP_MAX_RATIO).toBe(200);
  });

  it('refuses a zip whose entry unpacks to more than it declares', async () => {
    const r = await refusal(xlsxLayout(forged('xl/worksheets/sheet1.xml', 100)));
    expect(r.code).toBe('zip-bomb');
    expect(r.message).toMatch(/unpacks to more than the 100 bytes it declares/);
  });

  it('refuses sheets over the bounds by their declared dimension, and workbooks of too many sheets', async () => {
    expect([XLSX_MAX_ROWS, XLSX_MAX_COLUMNS, XLSX_MAX_SHEETS]).toEqual([200_000, 200, 50]);
    const tall = new ExcelJS.Workbook();
    const ws = tall.addWorksheet('西安');
    ws.getCell('A1').value = '奈良市';
    ws.getCell(`A${XLSX_MAX_ROWS + 1}`).value = '京都市';
    const r1 = await refusal(xlsxLayout(new Uint8Array(await tall.xlsx.writeBuffer())));
    expect(r1.code).toBe('too-large');
    expect(r1.message).toMatch(/sheet "西安" has 200,001 rows \(its dimension is A1:A200001\)/);

    const wide = new ExcelJS.Workbook();
    wide.addWorksheet('西安').getRow(1).getCell(XLSX_MAX_COLUMNS + 1).value = 'x';
    const r2 = await refusal(xlsxLayout(new Uint8Array(await wide.xlsx.writeBuffer())));
    expect(r2.code).toBe('too-large');
    expect(r2.message).toMatch(/201 columns/);

    const many = new ExcelJS.Workbook();
    for (let i = 1; i <= XLSX_MAX_SHEETS + 1; i++) many.addWorksheet(`S${i}`).getCell('A1').value = i;
    const r3 = await refusal(xlsxLayout(new Uint8Array(await many.xlsx.writeBuffer())));
    expect(r3.code).toBe('too-large');
    expect(r3.message).toMatch(/51 sheets; at most 50/);
  });
});

describe('docx layout (the Guangzhou list, written by LibreOffice Writer)', async () => {
  const l = await docxLayout(bytes('guangzhou.docx'));

  it("takes the title from the document's properties and gives the headings", () => {
    expect(l.name).toBe('docx');
    expect(l.meta.title).toBe('广州市国际友好城市一览');
    expect(l.blocks[0]).toEqual({ type: 'heading', level: 1, text: '广州市国际友好城市一览', line: 1 });
    expect(l.blocks[1]).toEqual({ type: 'line', text: '(按签约时间先后顺序排列)', line: 2 });
  });

  it('gives the table with its 38 ties, rows numbered as paragraphs', () => {
    const [t] = tables(l.blocks);
    expect(t.rows).toHaveLength(39);
    expect(t.rows[0].cells).toEqual(['序', '城市名称', '国家', '签约时间']);
    expect(t.rows[5].cells).toEqual(['05.', '悉尼', '澳大利亚', '1986.05.12']);
    expect(t.rows[38].cells).toEqual(['38.', '蒙巴萨郡', '肯尼亚', '2018.11.27']);
    // A row is its <tr> and its four cell paragraphs: five lines a row.
    for (let i = 1; i < t.rows.length; i++) expect(t.rows[i].line - t.rows[i - 1].line).toBe(5);
  });

  it('gives the numbered list of exchange cities as items with their numbers', () => {
    const its = items(l.blocks);
    expect(its).toHaveLength(69);
    expect(its[0]).toMatchObject({ depth: 0, text: '萨尔瓦多（巴西）1996.04.09', ordinal: '1' });
    expect(its[68]).toMatchObject({ text: '旧金山（美国）2024.07.23', ordinal: '69' });
    const last = lines(l.blocks).at(-1)!;
    expect(last.text).toBe('以上合计，广州与 68 个国家的 107 个城市建立了友好关系。');
    const all = l.blocks.map((b) => b.line);
    expect(all).toEqual([...all].sort((a, b) => a - b));
  });
});

describe("PDF layout (the Xi'an list, printed by LibreOffice Writer)", async () => {
  const l = await pdfLayout(bytes('xian.pdf'));

  it('reads the title and gives the intro line first', () => {
    expect(l.name).toBe('pdf');
    expect(l.meta.title).toBe('西安市国际友好城市');
    expect(l.blocks[0]).toEqual({ type: 'line', text: '(截止2023年5月,我市已与33个国家的40个城市建立了友好城市关系)', line: 1 });
  });

  it('gives each table row as a line with space-run columns, the partners in order', () => {
    const cols = lines(l.blocks).map((b) => b.text.split(/ {3,}/));
    expect(cols[1]).toEqual(['序号', '城 市', '国家', '洲', '结好签字时间', '人口(万)', '面积(平方公里)']);
    expect(cols[2]).toEqual(['1', '奈良市 Nara', '日本', '亚洲', '1974年2月1日', '35.45', '276.84']);
    const rows = cols.filter((c) => /^\d+$/.test(c[0]));
    expect(rows.map((c) => c[1])).toEqual(XIAN.map((r) => r[1]));
    expect(rows.map((c) => c[2])).toEqual(XIAN.map((r) => r[2]));
    expect(l.blocks.map((b) => b.line)).toEqual(l.blocks.map((_b, i) => i + 1));
  });

  it('refuses a scan without text, a PDF with a password, and a damaged one', async () => {
    const scan = await refusal(pdfLayout(bytes('scan.pdf')));
    expect(scan.code).toBe('no-text-layer');
    expect(scan.message).toBe('the PDF has no text layer (1 page, an image): it may be a scan; run OCR on it first');
    const locked = await refusal(pdfLayout(bytes('xian-encrypted.pdf')));
    expect(locked.code).toBe('encrypted');
    expect(locked.message).toMatch(/password/);
    const broken = await refusal(pdfLayout(bytes('xian.pdf').slice(0, 1500)));
    expect(broken.code).toBe('corrupt');
    expect(broken.message).toMatch(/damaged/);
    expect(PDF_MAX_PAGES).toBe(2000);
  });
});

describe('sniffOffice and officeLayout', () => {
  it('tells each fixture by its bytes', () => {
    const cases: Array<[string, string | null]> = [
      ['xian.xlsx', 'xlsx'],
      ['beijing-rowspan.xlsx', 'xlsx'],
      ['guangzhou.docx', 'docx'],
      ['xian.pdf', 'pdf'],
      ['scan.pdf', 'pdf'],
      ['beijing-rowspan.html', 'html'],
      ['xian.csv', null],
    ];
    for (const [f, kind] of cases) expect(sniffOffice(bytes(f), f), f).toBe(kind);
    // By content, whatever the name says.
    expect(sniffOffice(bytes('xian.xlsx'), 'list.docx')).toBe('xlsx');
    expect(sniffOffice(bytes('beijing-rowspan.html'), 'download')).toBe('html');
    expect(sniffOffice(new TextEncoder().encode('\uFEFF  \n<html lang="zh"><body>奈良市</body></html>'), 'x')).toBe('html');
    // A page that mentions %PDF- is still a page; a PDF after a little junk is still a PDF.
    expect(sniffOffice(new TextEncoder().encode('<!DOCTYPE html><p>Files start with %PDF-1.7</p>'), 'x')).toBe('html');
    expect(sniffOffice(new Uint8Array([...new TextEncoder().encode('junk\n'), ...bytes('xian.pdf')]), 'x')).toBe('pdf');
    // A damaged zip: its name says what it was meant to be.
    expect(sniffOffice(bytes('xian-truncated.xlsx'), 'xian-truncated.xlsx')).toBe('xlsx');
  });

  it('refuses legacy .doc and .xls files, asking to save them in the new format', async () => {
    const ole = (stream: string) => {
      const b = Buffer.alloc(2048);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
      Buffer.from(stream, 'utf16le').copy(b, 1024);
      return new Uint8Array(b);
    };
    expect(sniffOffice(ole('WordDocument'), 'list.doc')).toBe('doc-legacy');
    expect(sniffOffice(ole('Workbook'), 'list.xls')).toBe('xls-legacy');
    const doc = await refusal(officeLayout(ole('WordDocument'), 'list.doc'));
    expect(doc.code).toBe('legacy-format');
    expect(doc.message).toMatch(/save it as \.docx/);
    const xls = await refusal(officeLayout(ole('Workbook'), 'list.xls'));
    expect(xls.message).toMatch(/save it as \.xlsx/);
    const locked = await refusal(officeLayout(ole('EncryptedPackage'), 'list.xlsx'));
    expect(locked.code).toBe('encrypted');
    const unknown = await refusal(officeLayout(bytes('xian.csv'), 'xian.csv'));
    expect(unknown.code).toBe('unknown-format');
  });

  it('dispatches to each layout', async () => {
    expect((await officeLayout(bytes('xian.xlsx'), 'xian.xlsx')).name).toBe('xlsx');
    expect((await officeLayout(bytes('guangzhou.docx'), 'guangzhou.docx')).name).toBe('docx');
    expect((await officeLayout(bytes('xian.pdf'), 'xian.pdf')).name).toBe('pdf');
    expect((await officeLayout(bytes('beijing-rowspan.html'), 'beijing-rowspan.html')).name).toBe('html');
  });
});
