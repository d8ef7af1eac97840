// Reader for Markdown/HTML as Wikipedia mirrors produce it (e.g. zh.wikipedia's list of the PRC's
// friendship cities converted to Markdown). remark (unified + remark-parse + remark-gfm) reads the Markdown
// syntax, parse5 reads the HTML `<table>` blocks that remark hands over as whole `html` nodes; this file only
// adds the conventions of such lists on top:
//
// - `##` headings are sections (one per province-level unit); a row's `section` is the heading text.
// - HTML tables without a header: the Chinese place stands only on the first row of its group
//   (Chinese place | foreign place | date); later rows have two filled cells (foreign place | date) and an
//   empty one, and the Chinese place is carried down. No country is given.
// - Tables with a header row go through `tableRows` (src/readers/columns.ts), which knows the header synonyms;
//   cells are cleaned first (links → text, `<br>` → space, footnote markers dropped). When such a table has no
//   Chinese-place column (the Macau table: 國家 | 城市 | 締結日期), the Chinese side is the section's place.
// - GFM tables in the `〖[安陽市](…)〗- | | <small>[比利時](…)[斯哈爾貝克](…)（1985年9月12日）` notation: the first
//   cell names the Chinese place (only on a group's first row, carried down), the `<small>` cell holds the
//   country link, the place link(s) and the date in full-width brackets.
//
// About the notation rows: their header row has 2 (empty) cells while every body row has 3. GFM says excess
// cells are ignored, but that rule is applied when rendering HTML (mdast-util-to-hast): mdast itself keeps all
// the cells of a row (checked with remark-gfm 4 / micromark-extension-gfm-table 2; test/markdown.test.ts pins
// it), so the `<small>` cell is read from the tree and no source-line splitting is needed.
//
// Decisions:
// - `cnLink` / `foreignLink` are set whenever the name came from a link, even when the page name equals the
//   label (simpler, and a link is evidence that the page exists). For a compound name (`[京畿道][烏山市]`) the
//   link is the last one, i.e. the most specific place. Page names are decoded (`%E6…`, `\(`) and taken from
//   `https://zh.wikipedia.org/wiki/X`, `/wiki/X` or `../Page/X.md`; a leading `:` (`:普羅夫迪夫州`) is dropped;
//   any other target is kept as written.
// - A full-width bracket annotation `（…）` outside links is a date when it reads as one (`1985年9月12日`,
//   `1986年`, `2013年12月`), a `marker` when it holds words of agreements/relationships (協, 議, 備忘, 友好 …),
//   and otherwise stays part of the name (a disambiguation such as `奧克蘭（加州）`).
// - meta.title: an opening `#` heading, else the first sentence of the opening paragraph (`此列表列出中華人民
//   共和國的友好城市`). No owner: each row names its Chinese side. No declared totals are read.
// - Messages: empty sections → info; empty rows, a country without a place, a row without a date, an unclosed
//   `<table>`, unfinished link syntax (a row cut mid-link), an unrecognized table → warning with the line.
// - A section heading is used as the Chinese place of a table without a Chinese-place column only when it
//   looks like a place name (short, and without list words such as 友好/城市/合作); a city's own list under
//   `## 友好城市` keeps cnPlace null (the document's owner).

import { parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import type { Html, Nodes, PhrasingContent, Root, RootContent, Table } from 'mdast';
import type { DocumentMeta, Message, RawRow, ReadContext, ReadResult, Reader, Severity } from '../model.js';
import { tableRows } from './columns.js';
import { parseMarkdownChecked, type Piece, type PlainCell } from './mdparse.js';
import { hasMarkdownLink, hasWrapped, lineStartsWith } from './linear.js';

type P5Node = DefaultTreeAdapterTypes.Node;
type P5Element = DefaultTreeAdapterTypes.Element;
type P5Parent = DefaultTreeAdapterTypes.ParentNode;

/** A cell's content, flattened: what the conventions need from either Markdown or HTML. */

interface Cell {
  pieces: Piece[];
  line: number;
  /** true for `<th>` cells of an HTML table. */
  th?: boolean;
}

interface SourceRow {
  cells: Cell[];
  line: number;
}

/** A name read out of a cell: the name, its link, and what the full-width brackets said. */
interface NameParts {
  name: string | null;
  link: string | null;
  date: string | null;
  markers: string[];
  problems: string[];
}

// ---------------------------------------------------------------------------------------------------------
// Small text helpers

const FOOTNOTE = /\[(?:註|注|注釋|註釋|注释|note|n|nb)?\s*\d+\]/gi;
/** What every FOOTNOTE match ends with: without it, no marker (and no regex pass over a long cell). */
const FOOTNOTE_END = /\d\]/;
const DATE_TEXT =
  /^\s*(?:\d{3,4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号號]?)?)?|\d{4}\s*[-./]\s*\d{1,2}(?:\s*[-./]\s*\d{1,2})?)\s*$/;
const MARKER_WORDS =
  /協|协|議|议|備忘|备忘|意向|合作|交流|友好|關係|关系|書|书|終止|终止|中止|存疑|待考|締結|缔结|結好|结好|省級|省级|市級|市级/;
const LIST_WORDS = /友好|城市|合作|關係|关系|交流|列表|名單|名单|參見|参见|參考|参考|注釋|註釋|注释|外部|鏈接|链接|備註|备注|一覽|一览/;

/** A message quotes at most this much of the document (a junk cell can be megabytes). */
const REASON_MAX = 500;

function shorten(reason: string): string {
  if (reason.length <= REASON_MAX) return reason;
  let cut = REASON_MAX;
  const c = reason.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--; // not between the halves of a surrogate pair
  return `${reason.slice(0, cut)}… (${reason.length} characters)`;
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function looksLikeDate(s: string): boolean {
  return DATE_TEXT.test(s) || /^\s*\d{4}\s*年/.test(s);
}

/** Page names by link target (a bounded memo: a long list links the same pages again and again). */
const pageMemo = new Map<string, string | null>();

/** The page name a link points at (`https://zh.wikipedia.org/wiki/奧克蘭_(加州)` → `奧克蘭_(加州)`). */
export function linkPage(target: string | null): string | null {
  if (target == null) return null;
  const hit = pageMemo.get(target);
  if (hit !== undefined) return hit;
  const page = pageOf(target);
  if (pageMemo.size >= 10_000) pageMemo.clear();
  pageMemo.set(target, page);
  return page;
}

function pageOf(target: string): string | null {
  let t = target.trim();
  if (t === '') return null;
  let m = /^(?:https?:)?\/\/[^/]*wikipedia\.org\/(?:wiki|zh-[a-z]+|zh)\/(.+)$/i.exec(t);
  if (!m) m = /^\/wiki\/(.+)$/.exec(t);
  if (!m) m = /^(?:\.\.\/)*(?:\.\/)?Page\/(.+?)(?:\.md)?$/.exec(t);
  if (!m) return t;
  t = m[1].replace(/#.*$/, '').replace(/\?.*$/, '');
  try {
    t = decodeURIComponent(t);
  } catch {
    // keep as written
  }
  t = t.replace(/\\([()])/g, '$1').replace(/^:/, '');
  return t === '' ? null : t;
}

function piecesText(pieces: Piece[]): string {
  let s = '';
  for (const p of pieces) {
    if (p.kind === 'text') s += p.value;
    else if (p.kind === 'link') s += p.label;
    else if (p.kind === 'break') s += ' ';
  }
  return s;
}

/** The pieces with footnote markers taken out of their text (the same pieces when there are none: a marker ends with a digit and `]`). */
function dropFootnotes(pieces: Piece[]): Piece[] {
  if (!pieces.some((p) => p.kind === 'text' && FOOTNOTE_END.test(p.value))) return pieces;
  return pieces.map((p) => (p.kind === 'text' ? { kind: 'text', value: p.value.replace(FOOTNOTE, '') } : p));
}

/** Cell text for header matching and `tableRows`: links → text, `<br>` → space, footnotes removed. */
function cleanText(pieces: Piece[]): string {
  const text = piecesText(pieces);
  return collapse(FOOTNOTE_END.test(text) ? text.replace(FOOTNOTE, '') : text);
}

/**
 * Remnants of Markdown links that remark could not parse (a row cut mid-link: `[草加市](../Pa`) become link
 * pieces without a target, so the name survives; the caller is told.
 */
function recoverLinks(pieces: Piece[], problems: string[]): Piece[] {
  // Nothing to recover (the usual case): the same pieces.
  if (!pieces.some((p) => p.kind === 'text' && /[\[\]]/.test(p.value))) return pieces;
  const out: Piece[] = [];
  for (const p of pieces) {
    if (p.kind !== 'text' || !/[\[\]]/.test(p.value)) {
      out.push(p);
      continue;
    }
    // /\[([^\[\]()（]*)\]?(?:\(([^)]*)\)?)?|\]/g, scanned by hand: on megabytes of `[[` the regex's
    // million matches (an array each) took longer than remark on the same row.
    const v = p.value;
    const n = v.length;
    let last = 0;
    let i = 0;
    while (i < n) {
      const c = v.charCodeAt(i);
      if (c !== 0x5b && c !== 0x5d) {
        i++;
        continue;
      }
      if (i > last) out.push({ kind: 'text', value: v.slice(last, i) });
      if (c === 0x5d) {
        i = last = i + 1; // a lone `]`
        continue;
      }
      let k = i + 1;
      for (let d = v.charCodeAt(k); k < n && d !== 0x5b && d !== 0x5d && d !== 0x28 && d !== 0x29 && d !== 0xff08; d = v.charCodeAt(++k));
      const label = v.slice(i + 1, k);
      if (v.charCodeAt(k) === 0x5d) k++;
      if (v.charCodeAt(k) === 0x28) {
        const close = v.indexOf(')', k + 1);
        k = close === -1 ? n : close + 1;
      }
      if (label.trim() !== '') out.push({ kind: 'link', label, target: null });
      i = last = k;
    }
    if (last < n) out.push({ kind: 'text', value: v.slice(last) });
    problems.push(`unfinished Markdown link syntax: ${collapse(p.value)}`);
  }
  return out;
}

/**
 * Read a name out of pieces: link labels and text in order make the name; full-width bracket annotations
 * in the text become the date or markers (see the header comment); footnote markers are dropped.
 */
function splitName(input: Piece[], strip?: (s: string) => string): NameParts {
  const problems: string[] = [];
  const markers: string[] = [];
  let date: string | null = null;
  const noFootnotes = dropFootnotes(input);
  const pieces = recoverLinks(noFootnotes, problems);
  let name = '';
  let link: string | null = null;
  const annotation = (inner: string, whole: string): string => {
    const t = collapse(inner);
    if (t === '') return '';
    if (looksLikeDate(t)) {
      if (date == null) date = t;
      else markers.push(t);
      return '';
    }
    if (MARKER_WORDS.test(t)) {
      markers.push(t);
      return '';
    }
    return whole;
  };
  for (const p of pieces) {
    if (p.kind === 'link') {
      name += p.label;
      const page = linkPage(p.target);
      if (page != null) link = page;
    } else if (p.kind === 'break') {
      name += ' ';
    } else if (p.kind === 'text') {
      let v = p.value.replace(/（([^（）]*)）/g, (whole, inner: string) => annotation(inner, whole));
      v = v.replace(/（([^（）]*)$/, (whole, inner: string) => {
        problems.push(`unclosed （ in ${collapse(whole)}`);
        return annotation(inner, whole);
      });
      name += v;
    }
  }
  name = collapse(strip ? strip(name) : name);
  return { name: name === '' ? null : name, link: name === '' ? null : link, date, markers, problems };
}

function headingIsPlace(section: string | null): boolean {
  if (section == null) return false;
  const s = section.trim();
  return s !== '' && [...s].length <= 10 && !LIST_WORDS.test(s) && !/\d/.test(s);
}

// ---------------------------------------------------------------------------------------------------------
// mdast and parse5 → pieces

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

function mdPieces(nodes: PhrasingContent[], out: Piece[] = []): Piece[] {
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
      case 'inlineCode':
        out.push({ kind: 'text', value: n.value });
        break;
      case 'link':
        out.push({ kind: 'link', label: mdString(n.children), target: n.url });
        break;
      case 'linkReference':
        out.push({ kind: 'link', label: mdString(n.children), target: null });
        break;
      case 'html':
        if (/^<br\s*\/?>$/i.test(n.value.trim())) out.push({ kind: 'break' });
        else out.push({ kind: 'tag', value: n.value });
        break;
      case 'break':
        out.push({ kind: 'break' });
        break;
      case 'emphasis':
      case 'strong':
      case 'delete':
        mdPieces(n.children, out);
        break;
      default:
        // images, footnote references: not part of a name
        break;
    }
  }
  return out;
}

function isElement(n: P5Node): n is P5Element {
  return 'tagName' in n;
}

function attr(el: P5Element, name: string): string | null {
  const a = el.attrs.find((x) => x.name === name);
  return a ? a.value : null;
}

function htmlText(n: P5Node): string {
  if (n.nodeName === '#text') return (n as DefaultTreeAdapterTypes.TextNode).value;
  if (isElement(n)) {
    if (n.tagName === 'br') return ' ';
    return n.childNodes.map(htmlText).join('');
  }
  return '';
}

const BLOCK_TAGS = new Set(['p', 'div', 'li', 'ul', 'ol', 'dl', 'dd', 'dt']);

function htmlPieces(node: P5Parent, out: Piece[] = []): Piece[] {
  for (const c of node.childNodes) {
    if (c.nodeName === '#text') {
      out.push({ kind: 'text', value: (c as DefaultTreeAdapterTypes.TextNode).value });
    } else if (isElement(c)) {
      if (c.tagName === 'a') out.push({ kind: 'link', label: htmlText(c), target: attr(c, 'href') });
      else if (c.tagName === 'br') out.push({ kind: 'break' });
      else if (c.tagName === 'sup' && /reference/.test(attr(c, 'class') ?? '')) continue;
      else if (c.tagName === 'table') continue; // nested tables are read on their own
      else {
        if (BLOCK_TAGS.has(c.tagName) && out.length > 0) out.push({ kind: 'break' });
        htmlPieces(c, out);
      }
    }
  }
  return out;
}

function elementsByTag(node: P5Parent, tag: string, out: P5Element[] = [], stopAt?: string): P5Element[] {
  for (const c of node.childNodes) {
    if (!isElement(c)) continue;
    if (c.tagName === tag) out.push(c);
    if (stopAt !== undefined && c.tagName === stopAt) continue;
    elementsByTag(c, tag, out, stopAt);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The reader proper

class MarkdownRead {
  rows: RawRow[] = [];
  messages: Message[] = [];
  meta: DocumentMeta = {};
  section: string | null = null;
  /** Rows per heading, to report empty sections. */
  sections: Array<{ title: string; line: number; rows: number }> = [];

  constructor(private readonly text: string) {}

  msg(line: number, severity: Severity, reason: string): void {
    this.messages.push({ line, severity, reason: shorten(reason) });
  }

  push(row: RawRow): void {
    this.rows.push(row);
    const s = this.sections[this.sections.length - 1];
    if (s) s.rows++;
  }

  run(): ReadResult {
    const { tree, unreadable, tamed } = parseMarkdownChecked(this.text);
    for (const t of tamed) {
      const where = t.to > t.from ? `lines ${t.from}–${t.to}` : `line ${t.from}`;
      this.msg(
        t.from,
        'warning',
        t.kind === 'nesting'
          ? `${where}: ${t.count} nested quotes or list items, far more than a list holds: those past the first 32 read as plain text`
          : t.kind === 'long'
            ? `${where}: ${t.count} characters long, longer than any list writes: its punctuation read as plain text`
            : t.kind === 'cells'
              ? `${where}: ${t.count} cell separators (|), far more than a table has: those past the first 256 read as plain text`
            : t.kind === 'bracket'
              ? `${where}: ${t.count === 1 ? 'a [' : `${t.count} [`} closed only more than 500 characters later, a link label longer than any list writes: read as plain text`
            : `${where}: ${t.count} Markdown markup characters, far more than a list holds (too many to read in time): read as plain text`,
      );
    }
    for (const u of unreadable) {
      const where = u.to > u.from ? `lines ${u.from}–${u.to}` : `line ${u.from}`;
      this.msg(u.from, 'error', `${where} could not be read as Markdown (${u.reason}; nested too deeply?): skipped`);
    }
    this.readMeta(tree);
    this.visit(tree.children);
    for (const s of this.sections) {
      if (s.rows === 0) this.msg(s.line, 'info', `section ${s.title} has no rows`);
    }
    if (this.rows.length === 0 && this.messages.length === 0) this.msg(0, 'warning', 'no rows: nothing in the document reads as a table of friendship cities');
    this.messages.sort((a, b) => a.line - b.line);
    return { rows: this.rows, messages: this.messages, meta: this.meta, totals: [] };
  }

  readMeta(tree: Root): void {
    const h1 = tree.children.find((n) => n.type === 'heading' && n.depth === 1);
    const first = tree.children[0];
    if (first && first.type === 'paragraph') {
      const text = collapse(mdString(first.children).replace(FOOTNOTE, ''));
      const sentence = text.split(/[。\n]/)[0]?.trim();
      if (sentence) this.meta.title = sentence;
    }
    if (this.meta.title == null && h1 && h1.type === 'heading') this.meta.title = collapse(mdString(h1.children));
  }

  visit(nodes: RootContent[]): void {
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      const line = n.position?.start.line ?? 1;
      switch (n.type) {
        case 'heading': {
          const title = collapse(mdString(n.children));
          if (n.depth >= 2) {
            this.section = title === '' ? null : title;
            this.sections.push({ title, line, rows: 0 });
          }
          break;
        }
        case 'table':
          this.gfmTable(n);
          break;
        case 'html': {
          if (!/<table\b/i.test(n.value)) break;
          // An HTML block ends at a blank line: a table with blank lines inside arrives as several html
          // nodes. Join the following html nodes until the table closes.
          // (Tags are counted node by node: recounting the joined text each time is quadratic. A tag cannot
          // straddle two nodes, which are separated by blank lines and each starts with `<`.)
          let j = i;
          let value = n.value;
          let bySlice = true;
          let opens = countTags(value, TABLE_OPEN);
          let closes = countTags(value, TABLE_CLOSE);
          while (closes < opens && j + 1 < nodes.length && nodes[j + 1].type === 'html') {
            j++;
            const next = nodes[j] as Html;
            const sliced = bySlice ? this.slice(n, next) : null;
            if (sliced !== null) {
              if (j === i + 1) {
                opens = countTags(sliced, TABLE_OPEN);
                closes = countTags(sliced, TABLE_CLOSE);
              } else {
                const gap = this.slice(nodes[j - 1], next, true) ?? '';
                opens += countTags(gap, TABLE_OPEN);
                closes += countTags(gap, TABLE_CLOSE);
              }
              value = sliced;
            } else {
              bySlice = false;
              value = value + '\n' + next.value;
              opens = countTags(value, TABLE_OPEN);
              closes = countTags(value, TABLE_CLOSE);
            }
          }
          i = j;
          if (!tableClosed(value)) this.msg(line, 'warning', 'unclosed <table>: read up to where it stops');
          this.htmlTables(value, line);
          break;
        }
        case 'blockquote':
        case 'list':
        case 'listItem':
          this.visit(n.children as RootContent[]);
          break;
        default:
          break;
      }
    }
  }

  /** The text from `from` to `to` (from the end of `from` when `after`). */
  slice(from: Nodes, to: Nodes, after = false): string | null {
    const a = after ? from.position?.end.offset : from.position?.start.offset;
    const b = to.position?.end.offset;
    return a === undefined || b === undefined ? null : this.text.slice(a, b);
  }

  // ----- HTML tables

  htmlTables(html: string, baseLine: number): void {
    const frag = parseFragment(html, { sourceCodeLocationInfo: true });
    const toLine = (el: P5Element | P5Node): number => {
      const loc = (el as P5Element).sourceCodeLocation;
      return loc ? loc.startLine + baseLine - 1 : baseLine;
    };
    for (const table of elementsByTag(frag, 'table')) {
      const trs = elementsByTag(table, 'tr', [], 'table');
      let header: Cell[] | null = null;
      const body: SourceRow[] = [];
      for (const tr of trs) {
        const cells: Cell[] = tr.childNodes
          .filter((c): c is P5Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'))
          .map((c) => ({ pieces: htmlPieces(c), line: toLine(c), th: c.tagName === 'th' }));
        if (cells.length === 0) continue;
        const inHead = tr.parentNode != null && isElement(tr.parentNode) && tr.parentNode.tagName === 'thead';
        if (header == null && body.length === 0 && (inHead || cells.every((c) => c.th))) {
          header = cells;
          continue;
        }
        body.push({ cells, line: toLine(tr) });
      }
      const line = toLine(table);
      if (header == null) this.groupedHtmlTable(body, line);
      else if (!this.headerTable(header, body, line)) {
        this.msg(line, 'warning', `table header not recognized (${header.map((c) => cleanText(c.pieces)).join(' | ')}): not read`);
      }
    }
  }

  /** Headerless HTML table: (Chinese place | foreign place | date), the Chinese place carried down. */
  groupedHtmlTable(body: SourceRow[], tableLine: number): void {
    let width = 0;
    for (const r of body) width = Math.max(width, r.cells.length);
    if (width !== 3) {
      if (body.length > 0) {
        this.msg(tableLine, 'warning', `HTML table without a header and with ${width} columns: not read`);
      }
      return;
    }
    let cn: NameParts | null = null;
    for (const row of body) {
      const filled = row.cells.filter((c) => cleanText(c.pieces) !== '');
      let cnCell: Cell | null = null;
      let foreignCell: Cell | null = null;
      let dateCell: Cell | null = null;
      if (filled.length === 0) {
        this.msg(row.line, 'warning', 'empty table row skipped');
        continue;
      } else if (filled.length >= 3) {
        [cnCell, foreignCell, dateCell] = filled;
        if (filled.length > 3) this.msg(row.line, 'warning', `row has ${filled.length} filled cells; read the first 3`);
      } else if (filled.length === 2) {
        if (looksLikeDate(cleanText(filled[1].pieces))) [foreignCell, dateCell] = filled;
        else {
          [cnCell, foreignCell] = filled;
          this.msg(foreignCell.line, 'warning', 'row without a date');
        }
      } else {
        if (looksLikeDate(cleanText(filled[0].pieces))) {
          this.msg(filled[0].line, 'warning', 'row with a date and no place skipped');
          continue;
        }
        foreignCell = filled[0];
        this.msg(foreignCell.line, 'warning', 'row without a date');
      }
      if (cnCell) {
        cn = splitName(cnCell.pieces);
        this.problems(cnCell.line, cn.problems);
      } else if (cn == null) {
        this.msg(foreignCell.line, 'warning', 'no Chinese place to carry down (first row of the table has none)');
      }
      const foreign = splitName(foreignCell.pieces);
      this.problems(foreignCell.line, foreign.problems);
      const dateText = dateCell ? cleanText(dateCell.pieces) : null;
      this.push({
        line: foreignCell.line,
        section: this.section,
        cnPlace: cn?.name ?? null,
        cnLink: cn?.link ?? null,
        foreignPlace: foreign.name,
        foreignLink: foreign.link,
        country: null,
        date: dateText || foreign.date,
        marker: foreign.markers.length > 0 ? foreign.markers.join('；') : null,
        status: 'listed',
      });
    }
  }

  /**
   * A table with a header row goes to `tableRows`. Cells are cleaned first; bracket annotations that are
   * markers are taken out of the cells (and given back as `marker`), and the links of the cells the rows
   * were read from are given back as `cnLink` / `foreignLink`.
   */
  headerTable(header: Cell[], body: SourceRow[], tableLine: number): boolean {
    const headerText = header.map((c) => cleanText(c.pieces));
    const byLine = new Map<number, { row: SourceRow; texts: string[]; parts: NameParts[] }>();
    const input: Array<{ cells: string[]; line: number }> = [];
    for (const row of body) {
      const parts = row.cells.map((c) => splitName(c.pieces));
      // Take marker annotations out of the cell text; everything else stays as written.
      const texts = row.cells.map((c, k) => {
        let t = cleanText(c.pieces);
        for (const m of parts[k].markers) t = collapse(t.replace(`（${m}）`, ''));
        return t;
      });
      byLine.set(row.line, { row, texts, parts });
      input.push({ cells: texts, line: row.line });
    }
    const result = tableRows(headerText, input, this.section);
    if (result == null) return false;
    for (const m of result.messages) this.messages.push(m);
    const sectionPlace = headingIsPlace(this.section) ? this.section : null;
    for (const r of result.rows) {
      const src = byLine.get(r.line);
      const out: RawRow = { ...r };
      if (src) {
        const k = r.foreignPlace != null ? src.texts.indexOf(r.foreignPlace) : -1;
        if (k >= 0) {
          out.line = src.row.cells[k].line;
          if (out.foreignLink == null && src.parts[k].link != null) out.foreignLink = src.parts[k].link;
        }
        const c = r.cnPlace != null ? src.texts.indexOf(r.cnPlace) : -1;
        if (c >= 0 && out.cnLink == null && src.parts[c].link != null) out.cnLink = src.parts[c].link;
        const markers = src.parts.flatMap((p) => p.markers);
        if (out.marker == null && markers.length > 0) out.marker = markers.join('；');
        for (let j = 0; j < src.row.cells.length; j++) this.problems(src.row.cells[j].line, src.parts[j].problems);
      }
      if (out.cnPlace == null && sectionPlace != null) out.cnPlace = sectionPlace;
      this.push(out);
    }
    if (result.rows.length === 0 && body.length > 0) {
      this.msg(tableLine, 'warning', 'table with a header gave no rows');
    }
    return true;
  }

  problems(line: number, problems: string[]): void {
    for (const p of problems) this.msg(line, 'warning', p);
  }

  // ----- GFM tables

  gfmTable(table: Table): void {
    const tableLine = table.position?.start.line ?? 1;
    const [head, ...rest] = table.children;
    if (!head) return;
    const lineOf = (n: Nodes): number => n.position?.start.line ?? tableLine;
    const toCells = (cells: Table['children'][number]['children'], fallback: number): Cell[] =>
      cells.map((c) => ({ pieces: mdPieces(c.children), line: c.position?.start.line ?? fallback }));
    const header = toCells(head.children, tableLine);
    // Rows read by mdparse carry their cells already (see PlainCell).
    const cellsOf = (r: Table['children'][number]): Cell[] => {
      const plain = (r.data as { plainCells?: PlainCell[] } | undefined)?.plainCells;
      return plain ?? toCells(r.children, lineOf(r));
    };
    const body: SourceRow[] = rest.map((r) => ({ cells: cellsOf(r), line: lineOf(r) }));
    const headerEmpty = header.every((c) => cleanText(c.pieces) === '');
    if (!headerEmpty && this.headerTable(header, body, tableLine)) return;
    const notation = body.some((r) =>
      r.cells.some((c) => c.pieces.some((p) => (p.kind === 'tag' && /^<small\b/i.test(p.value)) || (p.kind === 'text' && p.value.includes('〖')))),
    );
    if (notation) {
      this.notationTable(body);
      return;
    }
    this.msg(tableLine, 'warning', headerEmpty ? 'table without a header: not read' : 'table header not recognized: not read');
  }

  /** GFM rows `〖[安陽市](…)〗- | | <small>[比利時](…)[斯哈爾貝克](…)（1985年9月12日）`. */
  notationTable(body: SourceRow[]): void {
    let cn: NameParts | null = null;
    const stripCn = (s: string): string => s.replace(/[〖〗【】]/g, '').replace(/[\s\-–—－]+$/, '');
    for (const row of body) {
      const line = row.line;
      const [first, ...others] = row.cells;
      if (!first) continue;
      const cnHere = splitName(first.pieces, stripCn);
      this.problems(line, cnHere.problems);
      if (cnHere.name != null) cn = cnHere;
      // The foreign cell: the one with `<small>`, else the last filled cell after the first.
      let foreignCell = others.find((c) => c.pieces.some((p) => p.kind === 'tag' && /^<small\b/i.test(p.value)));
      if (!foreignCell) foreignCell = [...others].reverse().find((c) => cleanText(c.pieces) !== '');
      const pieces = (foreignCell?.pieces ?? []).filter((p) => p.kind !== 'tag');
      if (cleanText(pieces) === '') {
        this.msg(line, 'warning', cnHere.name != null ? `row names ${cnHere.name} and no partner: skipped` : 'empty row skipped');
        continue;
      }
      const problems: string[] = [];
      const recovered = recoverLinks(dropFootnotes(pieces), problems);
      this.problems(line, problems);
      // The country is the first link of the cell.
      const k = recovered.findIndex((p) => p.kind !== 'break' && !(p.kind === 'text' && p.value.trim() === ''));
      let country: string | null = null;
      let placePieces = recovered;
      const head = recovered[k];
      if (head && head.kind === 'link') {
        country = collapse(head.label) || null;
        placePieces = recovered.slice(k + 1);
      } else {
        this.msg(line, 'warning', 'no country link at the start of the cell');
      }
      const place = splitName(placePieces);
      this.problems(line, place.problems);
      if (place.name == null) this.msg(line, 'warning', `row names a country (${country ?? '?'}) and no place`);
      if (place.date == null) this.msg(line, 'warning', 'row without a date');
      if (cn == null) this.msg(line, 'warning', 'no Chinese place to carry down (first row of the table has none)');
      this.push({
        line,
        section: this.section,
        cnPlace: cn?.name ?? null,
        cnLink: cn?.link ?? null,
        foreignPlace: place.name,
        foreignLink: place.link,
        country,
        date: place.date,
        marker: place.markers.length > 0 ? place.markers.join('；') : null,
        status: 'listed',
      });
    }
  }
}

const TABLE_OPEN = /<table\b/gi;
const TABLE_CLOSE = /<\/table\s*>/gi;

function countTags(html: string, re: RegExp): number {
  return (html.match(re) ?? []).length;
}

function tableClosed(html: string): boolean {
  return countTags(html, TABLE_CLOSE) >= countTags(html, TABLE_OPEN);
}

// ---------------------------------------------------------------------------------------------------------

function detect(text: string, fileName: string): number {
  const sample = text.slice(0, 200_000);
  // Wikitext is not ours.
  // /^\s*\{\|/m, /\[\[[^\]\n]+\]\]/, /\{\{[^}\n]+\}\}/ (linear.ts: the regexes backtrack on long runs of brackets)
  if (lineStartsWith(sample, '{|') || hasWrapped(sample, '[', ']', ']\n') || hasWrapped(sample, '{', '}', '}\n')) return 0.05;
  const headings = /^#{1,6}[ \t]+\S/m.test(sample);
  const htmlTable = /<table\b/i.test(sample);
  // /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$/m, with each optional `|` taking the
  // blanks after it (the same rows; the two blank runs around an absent `|` made it quadratic on blanks).
  const delimiterRow = /^[ \t]*(?:\|[ \t]*)?:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+(?:\|[ \t]*)?$/m.test(sample);
  const mdLinks = hasMarkdownLink(sample); // /\[[^\]\n]+\]\([^)\s]+(?:\s+"[^"\n]*")?\)/
  const mdName = /\.(md|markdown)$/i.test(fileName);
  let score: number;
  if (headings && (htmlTable || delimiterRow)) score = 0.9;
  else if (mdLinks && (htmlTable || delimiterRow)) score = 0.85;
  else if (headings && mdLinks) score = 0.8;
  else if (htmlTable) score = 0.6;
  else if (mdLinks || headings) score = 0.4;
  else if (delimiterRow) score = 0.25; // a bare pipe table: the delimited reader's
  else score = 0.02;
  if (mdName) score = Math.min(0.95, score + 0.05);
  return score;
}

function read(text: string, _ctx: ReadContext): ReadResult {
  const reader = new MarkdownRead(text);
  try {
    return reader.run();
  } catch (e) {
    // Bad input never throws: report and return what was read.
    reader.messages.push({
      line: 1,
      severity: 'error',
      reason: `markdown reader failed: ${e instanceof Error ? e.message : String(e)}`,
    });
    return { rows: reader.rows, messages: reader.messages, meta: reader.meta, totals: [] };
  }
}

export const markdownReader: Reader = {
  name: 'markdown',
  description: 'Markdown/HTML as Wikipedia mirrors produce it: ## sections, HTML <table>s, GFM tables in the 〖city〗 | <small>country city（date） notation',
  detect,
  read,
};

export default markdownReader;
