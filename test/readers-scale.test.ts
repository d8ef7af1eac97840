// The readers at scale: time linear in the input, long pathological lines, and the fast paths
// (wikicells.ts, mdparse.ts, linear.ts) checked against what they stand in for (wtf_wikipedia, remark,
// the regular expressions they replace).
//
// Time is not measured here (bench/timing.ts compares 16,000 rows with 2,000 in one run): a test that only a
// hang fails, with a wall-clock bound far beyond what the readers take, stands in for it.
import { describe, it, expect } from 'vitest';
import wtf from 'wtf_wikipedia';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Nodes, PhrasingContent, Root } from 'mdast';
import { delimitedDocument, markdownDocument, wikitextDocument } from '../bench/generate.js';
import { wikitextReader } from '../src/readers/wikitext.js';
import { markdownReader } from '../src/readers/markdown.js';
import { delimitedReader } from '../src/readers/delimited.js';
import { chooseReader } from '../src/readers/index.js';
import { fastWikiCell } from '../src/readers/wikicells.js';
import { parseMarkdown } from '../src/readers/mdparse.js';
import { hasMarkdownLink, hasRuleRow, hasWrapped, lineStartsWith } from '../src/readers/linear.js';
import type { Reader } from '../src/model.js';

const FORMATS: Array<[string, Reader, (n: number) => string]> = [
  ['wikitext', wikitextReader, wikitextDocument],
  ['markdown', markdownReader, markdownDocument],
  ['delimited', delimitedReader, delimitedDocument],
];

/** A deterministic generator (the same cases on every run). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe('readers at scale: every row of large generated documents', () => {
  for (const [name, reader, generate] of FORMATS) {
    it(`${name}: 2,000 and 16,000 generated rows, every row read, the large document detected as ${name}`, () => {
      expect(reader.read(generate(2_000), { fileName: 'small.txt' }).rows.length).toBe(2_000);
      const large = generate(16_000);
      expect(reader.read(large, { fileName: 'large.txt' }).rows.length).toBe(16_000);
      expect(chooseReader(large, 'large.txt').reader?.name).toBe(name);
    }, 120_000);
  }
});

describe('readers at scale: one long line (2 MB) of markup', () => {
  const SIZE = 2_000_000;
  for (const unit of ['[[', '|', '<table>', '〖']) {
    it(`a line of ${JSON.stringify(unit)}: every reader detects and reads it without throwing`, () => {
      const text = unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
      for (const [, reader] of FORMATS) {
        expect(() => reader.detect(text, 'long.txt')).not.toThrow();
        const result = reader.read(text, { fileName: 'long.txt' });
        expect(Array.isArray(result.rows)).toBe(true);
      }
      expect(() => chooseReader(text, 'long.txt')).not.toThrow();
    }, 180_000); // only a hang reaches it: a quadratic reader takes hours on this
  }
});

// ---------------------------------------------------------------------------------------------------------
// Fast paths against what they replace

const FLAG_CHARS = /[\u{1F1E6}-\u{1F1FF}\u{E0020}-\u{E007F}\u{FE0F}\u{200D}]|\p{Extended_Pictographic}/gu;
const clean = (s: string) => s.replace(FLAG_CHARS, '').replace(/\s+/g, ' ').trim();

interface WtfLink {
  page(): string;
  text(): string;
}
/** The wikitext reader's reading of a wtf_wikipedia sentence (text and links, as fromSentence makes them). */
function fromWtf(text: string, links: WtfLink[]): { text: string; links: Array<{ page: string; label: string }> } {
  const out: Array<{ page: string; label: string }> = [];
  for (const l of links) {
    let page = l.page() ?? '';
    let label = l.text() ?? page;
    if (page.includes('|') && label === page) {
      const [p, ...rest] = page.split('|');
      page = p;
      label = rest.join('|');
      text = text.split(`${p}|${label}`).join(label);
    }
    if (!clean(label)) continue;
    out.push({ page: page.trim(), label: clean(label) });
  }
  return { text: clean(text), links: out };
}

describe('wikicells: plain cells read as wtf_wikipedia reads them', () => {
  const atoms = [
    '北九州', ' ', '  ', 'a', 'Nara', '(', ')', '（', '）', ',', '.', '-', '----', '_', '1', '42', '\t', '\u3000', '·', 'é',
    '[[日本|日本]]', '[[奧克蘭_(加州)|奧克蘭]]', '[[北九州]]', '[[a|b]]', '[[Tokyo|Tokyo]]', '[[ 日本 | 日本 ]]', '[[美|美国]]',
    '[[x]]s', '[[東京都|東京都]][[大田區|大田區]]', '{{flagicon|Japan}}', '{{flagicon|USA}}', '{{flagicon|Scotland}}',
    '{{flagicon|Xyzzy}}', '{{flagicon|Japan}}a', "''", '!', ':', ';', '#', '*', '&amp;', '<br>', '=', '~~', '$&', '。', '?',
    '"', '|', '()', '(,)', ' ,', '. ', 'a.b', '…', '😀', '[[Category|x]]', '[[a|]]',
  ];
  it('gives the same text and links through a Document and through a table row, on 4,000 generated cells', () => {
    const rnd = random(7);
    let plain = 0;
    for (let k = 0; k < 4_000; k++) {
      let raw = '';
      const len = 1 + Math.floor(rnd() * 5);
      for (let j = 0; j < len; j++) raw += atoms[Math.floor(rnd() * atoms.length)];
      const fast = fastWikiCell(raw);
      if (!fast) continue;
      plain++;
      const mine = {
        text: clean(fast.rawText),
        links: fast.links.filter((l) => clean(l.label)).map((l) => ({ page: l.page.trim(), label: clean(l.label) })),
      };
      const doc = wtf(raw) as unknown as { text(): string; links(): WtfLink[] };
      expect(mine, `Document ${JSON.stringify(raw)}`).toEqual(fromWtf(doc.text(), doc.links()));
      const table = (wtf(`{|\n! A !! B !! C\n|-\n| x || ${raw} || y\n|}`) as unknown as {
        tables(): Array<{ data: Array<Record<string, { text(): string; links(): WtfLink[] }>> }>;
      }).tables()[0];
      const values = Object.values(table.data[0]);
      expect(values).toHaveLength(3);
      expect(mine, `table row ${JSON.stringify(raw)}`).toEqual(fromWtf(values[1].text(), values[1].links()));
    }
    expect(plain).toBeGreaterThan(500);
  }, 120_000);

  it('reads a long generated table like a short one: same rows whatever the table length', () => {
    const long = wikitextReader.read(wikitextDocument(300), { fileName: 'long.wiki' });
    const short = wikitextReader.read(wikitextDocument(10), { fileName: 'short.wiki' });
    expect(long.messages).toEqual([]);
    expect(long.rows.slice(0, 10)).toEqual(short.rows);
  });
});

// The Markdown reader's view of a tree: table rows (line, cells as pieces), headings and HTML tables.
function mdString(nodes: PhrasingContent[]): string {
  let s = '';
  for (const n of nodes) {
    if (n.type === 'text' || n.type === 'inlineCode') s += n.value;
    else if (n.type === 'break') s += ' ';
    else if (n.type === 'html') s += /^<br\s*\/?>$/i.test(n.value.trim()) ? ' ' : '';
    else if ('children' in n) s += mdString(n.children as PhrasingContent[]);
  }
  return s;
}
function mdPieces(nodes: PhrasingContent[], out: unknown[] = []): unknown[] {
  for (const n of nodes) {
    if (n.type === 'text' || n.type === 'inlineCode') out.push({ kind: 'text', value: n.value });
    else if (n.type === 'link') out.push({ kind: 'link', label: mdString(n.children), target: n.url });
    else if (n.type === 'linkReference') out.push({ kind: 'link', label: mdString(n.children), target: null });
    else if (n.type === 'html') out.push(/^<br\s*\/?>$/i.test(n.value.trim()) ? { kind: 'break' } : { kind: 'tag', value: n.value });
    else if (n.type === 'break') out.push({ kind: 'break' });
    else if (n.type === 'emphasis' || n.type === 'strong' || n.type === 'delete') mdPieces(n.children, out);
  }
  return out;
}
function readerView(tree: Root): unknown[] {
  const out: unknown[] = [];
  const walk = (nodes: Nodes[]) => {
    for (const n of nodes) {
      const line = n.position?.start.line;
      if (n.type === 'heading') out.push(['heading', line, n.depth, mdString(n.children)]);
      else if (n.type === 'html' && /<table\b/i.test(n.value)) out.push(['html', line, n.position?.start.offset, n.position?.end.offset]);
      else if (n.type === 'table') {
        for (const r of n.children) {
          const plain = (r.data as { plainCells?: Array<{ pieces: unknown[]; line: number }> } | undefined)?.plainCells;
          const cells = plain ? plain.map((c) => [c.line, c.pieces]) : r.children.map((c) => [c.position?.start.line, mdPieces(c.children)]);
          out.push(['row', r.position?.start.line, cells]);
        }
      } else if (n.type === 'blockquote' || n.type === 'list' || n.type === 'listItem') walk(n.children as Nodes[]);
    }
  };
  walk(tree.children as Nodes[]);
  const first = tree.children[0];
  out.push(['first', first?.type, first?.type === 'paragraph' ? mdString(first.children) : null]);
  return out;
}

describe('mdparse: the Markdown tree, in pieces, as remark reads the whole document', () => {
  const remark = unified().use(remarkParse).use(remarkGfm);
  const lines = [
    '', '', '## 省', '# 题', 'text', '> quote', '- item', '1. item', '```', '<table>', '</table>', '<tr><td>x</td></tr>',
    '    code', '===', '---', '| a | b |', '| - | - |', '| x |', '||', '| 國家 | 城市 | 日期 |', '| --- | --- | --- |',
    '| 日本 | [東京](https://zh.wikipedia.org/wiki/東京 "wikilink") | 1979年 |',
    '| 〖[北京市](../Page/北京市.md "wikilink")〗- | | <small>[日本](../Page/日本.md "wikilink")[東京](https://zh.wikipedia.org/wiki/東京 "wikilink")（1979年3月14日） |',
  ];
  const tokens = ['*', '_', '`', '\\', '[x](y)', '![i](j)', '<small>', '<br/>', '&amp;', '~~', 'www.x.com', 'http://x.y', 'a@b.co', '|', '\\|', '〖', '（1985年）', '"', ' ', '\t', '\u3000', '#', '>', '<table>'];
  it('gives the same rows, headings and HTML tables on 150 generated documents', () => {
    const rnd = random(11);
    const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)];
    for (let k = 0; k < 150; k++) {
      const doc = markdownDocument(20 + Math.floor(rnd() * 40)).split('\n');
      for (let j = 0; j < 1 + Math.floor(rnd() * 8); j++) {
        const i = Math.floor(rnd() * doc.length);
        if (rnd() < 0.6) doc[i] = doc[i] + pick(tokens);
        else doc.splice(i, 0, pick(lines));
      }
      const text = k % 5 === 0 ? doc.join('\r\n') : doc.join('\n');
      expect(readerView(parseMarkdown(text)), `document ${k}`).toEqual(readerView(remark.parse(text) as Root));
    }
  }, 120_000);
});

describe('linear.ts: the same answers as the regular expressions', () => {
  const cases: Array<[RegExp, (s: string) => boolean, string[]]> = [
    [/\[\[[^\]]+\]\]/, (s) => hasWrapped(s, '[', ']', ']'), ['[', ']', 'a', '\n']],
    [/\[\[[^\]\n]+\]\]/, (s) => hasWrapped(s, '[', ']', ']\n'), ['[', ']', 'a', '\n']],
    [/\{\{[^}]+\}\}/, (s) => hasWrapped(s, '{', '}', '}'), ['{', '}', 'a', '\n']],
    [/\{\{[^{}\n]+\}\}/, (s) => hasWrapped(s, '{', '}', '{}\n'), ['{', '}', 'a', '\n']],
    [/^\s*\{\|/m, (s) => lineStartsWith(s, '{|'), ['{|', '{', '|', ' ', '\n', '\r', '\t', 'a']],
    [/^\s*\|?\s*:?-{3,}:?\s*\|\s*:?-{0,}/m, hasRuleRow, ['-', '---', '|', ':', ' ', '\n', 'a']],
    [/\[[^\]\n]+\]\([^)\s]+(?:\s+"[^"\n]*")?\)/, hasMarkdownLink, ['[', ']', '(', ')', 'a', ' ', '\n', '"', '[a](']],
    // Without a title: the layout detector's question (a run of 60,000 `[` took it 4 s as an expression).
    [/\[[^\]\n]+\]\([^)\s]+\)/, (s) => hasMarkdownLink(s, false), ['[', ']', '(', ')', 'a', ' ', '\n', '"', '[a](']],
  ];
  it('on 20,000 short strings each', () => {
    const rnd = random(3);
    for (const [re, f, alphabet] of cases) {
      for (let k = 0; k < 20_000; k++) {
        let s = '';
        const n = Math.floor(rnd() * 12);
        for (let j = 0; j < n; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
        expect(f(s), `${re} on ${JSON.stringify(s)}`).toBe(re.test(s));
      }
    }
  });
});
