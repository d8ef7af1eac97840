// The HTML layout: a web page → headings, list items, tables and lines, each with the source line it starts on.
//
//   h1–h6                       → heading (level)
//   <ul>/<ol> items             → item (depth: nested lists deeper); an <li> holding a nested list gives its own
//                                 text only, and the nested list's items follow, one deeper
//   <table>                     → table: one row per <tr>, colspan repeated across, rowspan carried down (lists
//                                 group their rows under a rowspanned country or city); a table whose cells hold
//                                 tables or headings is a page's frame, and its cells are read as containers
//   <p>, <div>, <dt>, <dd> …    → line (one per piece between <br>s); a line all in <b>/<strong> has emphasis
//   <pre>                       → a line per line of text, its spacing kept (plain-text tables)
//   <!-- comments -->           → when they hold list or table markup, parsed too, their blocks `hidden`
//   display:none / hidden       → blocks and rows inside are `hidden` as well
//
// Skipped: script, style, noscript, template (and svg, math, iframe, select, textarea). Text has its whitespace
// collapsed, NBSP read as a space, and footnote marks (<sup>[1]</sup>) removed.
// Time and memory are linear in the page: the tree is walked once (recursion is bounded; deeper subtrees are read
// flat, without recursion), and the expansion of spans has a budget.
import { parse, parseFragment, type DefaultTreeAdapterTypes as T } from 'parse5';
import type { DocumentMeta, Message } from '../model.js';
import type { Block, Layout, TableRow } from './blocks.js';

type Node = T.Node;
type Element = T.Element;
type ParentNode = T.ParentNode;

/** Tags whose content is never text of the page. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'select', 'textarea', 'head', 'title', 'canvas']);

/** Elements that start and end a line of their own. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main',
  'menu', 'nav', 'p', 'section', 'summary', 'td', 'th', 'tr', 'tbody', 'thead', 'tfoot',
]);

const HEADING: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

/** Recursion depth after which a subtree is read as flat text (a page nested 100,000 deep must not overflow the stack). */
const MAX_DEPTH = 300;

/** Cells that colspan and rowspan may add to a page, beyond the cells it writes (a colspan=1000 on every row …). */
export const HTML_SPAN_BUDGET = 2_000_000;
/** The largest colspan honoured (HTML's own limit) and the widest row kept. */
const MAX_COLSPAN = 1000;
const MAX_COLUMNS = 2000;
const MAX_ROWSPAN = 65534;

type OutBlock = Block & { hidden?: boolean };

/** Whitespace (ASCII and NBSP) collapsed to single spaces, trimmed. */
export function collapse(s: string): string {
  return s.replace(/[ \t\n\r\f\u00a0]+/g, ' ').trim();
}

function attr(el: Element, name: string): string | null {
  for (const a of el.attrs) if (a.name === name) return a.value;
  return null;
}

function isElement(n: Node): n is Element {
  return (n as Element).tagName !== undefined;
}

function children(n: Node): T.ChildNode[] {
  return (n as ParentNode).childNodes ?? [];
}

function startLine(n: Node): number | null {
  const loc = (n as Element).sourceCodeLocation;
  return loc ? loc.startLine : null;
}

/** Hidden by the page's own style: `hidden`, `style="display:none"`, `visibility:hidden`. */
function styleHidden(el: Element): boolean {
  if (el.attrs.length === 0) return false;
  if (attr(el, 'hidden') !== null) return true;
  const style = attr(el, 'style');
  if (!style) return false;
  const s = style.toLowerCase().replace(/\s+/g, '');
  return s.includes('display:none') || s.includes('visibility:hidden');
}

/** Elements whose text is furniture of the page, not its content: wiki edit links. */
function isFurniture(el: Element): boolean {
  if (el.attrs.length === 0) return false;
  const cls = attr(el, 'class');
  return cls !== null && cls.includes('mw-editsection');
}

/** Text of an element as one line: <br> and block boundaries become spaces; footnote marks and skipped tags left out. */
function flatText(root: Element, exclude?: Set<string>): string {
  const parts: string[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.nodeName === '#text') {
      parts.push((n as T.TextNode).value);
      continue;
    }
    if (!isElement(n)) continue;
    const tag = n.tagName;
    if (n !== root) {
      if (SKIP.has(tag) || isFurniture(n)) continue;
      if (exclude?.has(tag)) continue;
      if (tag === 'sup' && isFootnoteMark(n)) continue;
      if (tag === 'br' || BLOCK.has(tag)) parts.push(' ');
    }
    const kids = children(n);
    if (tag === 'br' || BLOCK.has(tag)) stack.push(textNode(' '));
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return collapse(parts.join(''));
}

/** Line breaks in a text before its first character that is not white space. */
function newlinesBefore(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (value.charCodeAt(i + 1) === 10) i++;
    } else if (c !== 32 && c !== 9 && c !== 12 && c !== 0xa0) break;
  }
  return n;
}

function textNode(value: string): T.TextNode {
  return { nodeName: '#text', value, parentNode: null } as T.TextNode;
}

/** `<sup>[1]</sup>`, `<sup class="reference">…`, `<sup>[来源请求]</sup>`: a footnote mark, not text. */
function isFootnoteMark(sup: Element): boolean {
  const cls = attr(sup, 'class');
  if (cls && /\breference\b|\bnoprint\b/.test(cls)) return true;
  // Only a short sup is looked at (its text is bounded, so is the work).
  let len = 0;
  const parts: string[] = [];
  const stack: Node[] = [sup];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.nodeName === '#text') {
      const v = (n as T.TextNode).value;
      len += v.length;
      if (len > 40) return false;
      parts.push(v);
    } else for (const k of [...children(n)].reverse()) stack.push(k);
  }
  const t = collapse(parts.join(''));
  return /^\[[^\[\]]{1,20}\]$/.test(t) || /^\*\d{0,2}$/.test(t);
}

const MARKUP_IN_COMMENT = /<\s*(li|ul|ol|tr|td|th|table|tbody|dt|dd|dl|p|br|div|h[1-6])\b/i;

/** The number or letter an `<ol>` shows before its n-th item (type 1, a, A, i, I). */
function ordinalOf(n: number, type: string | null): string {
  if (type === 'a' || type === 'A') {
    let s = '';
    let k = n;
    while (k > 0) {
      k--;
      s = String.fromCharCode(97 + (k % 26)) + s;
      k = Math.floor(k / 26);
    }
    return type === 'A' ? s.toUpperCase() : s;
  }
  if ((type === 'i' || type === 'I') && n > 0 && n < 4000) {
    const R: Array<[number, string]> = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
    let s = '';
    let k = n;
    for (const [v, r] of R) while (k >= v) {
      s += r;
      k -= v;
    }
    return type === 'I' ? s.toUpperCase() : s;
  }
  return String(n);
}

interface Piece {
  parts: string[];
  line: number | null;
  bold: boolean;
  text: boolean;
}

class Walker {
  readonly blocks: OutBlock[] = [];
  readonly messages: Message[] = [];
  /** Blocks and rows inside comments or display:none. */
  private hidden = 0;
  /** Lines of the node locations are offset by this (the line a comment's content starts on, minus 1). */
  private lineOffset = 0;
  private bold = 0;
  /** The line the next piece starts on when it is the first piece of a block element. */
  private blockLine: number | null = null;
  private piece: Piece = { parts: [], line: null, bold: true, text: false };
  /** Hidden blocks met inside a table, emitted after it (a table block stays whole). */
  private deferred: OutBlock[] | null = null;
  private spanBudget = HTML_SPAN_BUDGET;
  private spanWarned = false;
  private listDepth = 0;

  constructor(private readonly fileName: string | undefined) {}

  /** The line a node starts on; for an element the parser implied (a <tbody>, a <tr> around stray cells), its first child's. */
  private lineOf(n: Node, fallback = 1): number {
    let cur: Node | undefined = n;
    for (let i = 0; cur && i < 8; i++) {
      const l = startLine(cur);
      if (l !== null) return l + this.lineOffset;
      cur = children(cur)[0];
    }
    return fallback + this.lineOffset;
  }

  private emit(b: OutBlock): void {
    if (this.hidden > 0) b.hidden = true;
    if (this.deferred && b.hidden) this.deferred.push(b);
    else this.blocks.push(b);
  }

  private addText(value: string, node: Node): void {
    const p = this.piece;
    p.parts.push(value);
    if (!p.text && /[^ \t\n\r\f\u00a0]/.test(value)) {
      p.text = true;
      p.line = this.blockLine ?? this.lineOf(node) + newlinesBefore(value);
      this.blockLine = null;
    }
    if (this.bold === 0 && /[^ \t\n\r\f\u00a0]/.test(value)) p.bold = false;
  }

  private flush(): void {
    const p = this.piece;
    if (p.text) {
      const text = collapse(p.parts.join(''));
      if (text) {
        const b: OutBlock = { type: 'line', text, line: p.line ?? 1 };
        if (p.bold) b.emphasis = true;
        this.emit(b);
      }
    }
    this.piece = { parts: [], line: null, bold: true, text: false };
  }

  /** Walk a subtree in document order. */
  walk(n: Node, depth = 0): void {
    if (n.nodeName === '#text') {
      this.addText((n as T.TextNode).value, n);
      return;
    }
    if (n.nodeName === '#comment') {
      this.comment(n as T.CommentNode);
      return;
    }
    if (!isElement(n)) {
      for (const k of children(n)) this.walk(k, depth + 1);
      return;
    }
    const tag = n.tagName;
    if (SKIP.has(tag) || isFurniture(n)) return;
    const hide = styleHidden(n);
    if (hide) this.hidden++;
    try {
      this.element(n, tag, depth);
    } finally {
      if (hide) this.hidden--;
    }
  }

  private element(n: Element, tag: string, depth: number): void {
    if (depth > MAX_DEPTH) {
      // Too deep to recurse: the subtree as one flat line.
      this.flush();
      const text = flatText(n);
      if (text) this.emit({ type: 'line', text, line: this.lineOf(n) });
      return;
    }
    const level = HEADING[tag];
    if (level !== undefined) {
      this.flush();
      const text = flatText(n);
      if (text) this.emit({ type: 'heading', level, text, line: this.lineOf(n) });
      this.blockLine = null;
      return;
    }
    switch (tag) {
      case 'br':
        this.flush();
        return;
      case 'ul':
      case 'ol':
      case 'dir':
      case 'menu':
        this.flush();
        this.list(n, depth);
        return;
      case 'li':
        // An item outside any list (a comment's `<li>`s, broken markup): an item at the depth we are at.
        this.flush();
        this.item(n, Math.max(0, this.listDepth), undefined, depth);
        return;
      case 'table':
        this.flush();
        this.table(n, depth);
        return;
      case 'pre':
      case 'listing':
      case 'plaintext':
      case 'xmp':
        this.flush();
        this.pre(n);
        return;
      case 'sup':
        if (isFootnoteMark(n)) return;
        break;
      case 'b':
      case 'strong':
        this.bold++;
        for (const k of children(n)) this.walk(k, depth + 1);
        this.bold--;
        return;
    }
    if (BLOCK.has(tag)) {
      this.flush();
      this.blockLine = this.lineOf(n);
      for (const k of children(n)) this.walk(k, depth + 1);
      this.flush();
      this.blockLine = null;
      return;
    }
    for (const k of children(n)) this.walk(k, depth + 1);
  }

  private list(list: Element, depth: number): void {
    const numbered = list.tagName === 'ol';
    const type = attr(list, 'type');
    let next = numbered ? Number.parseInt(attr(list, 'start') ?? '1', 10) : NaN;
    if (numbered && !Number.isFinite(next)) next = 1;
    const d = this.listDepth;
    for (const k of children(list)) {
      if (isElement(k) && k.tagName === 'li') {
        let ordinal: string | undefined;
        if (numbered) {
          const v = Number.parseInt(attr(k, 'value') ?? '', 10);
          if (Number.isFinite(v)) next = v;
          ordinal = ordinalOf(next, type);
          next++;
        }
        const hide = styleHidden(k);
        if (hide) this.hidden++;
        this.item(k, d, ordinal, depth + 1);
        if (hide) this.hidden--;
      } else if (isElement(k) && (k.tagName === 'ul' || k.tagName === 'ol')) {
        // <ul><ul>…</ul></ul>: a list directly inside a list, one deeper.
        this.listDepth = d + 1;
        this.walk(k, depth + 1);
        this.listDepth = d;
      } else {
        this.listDepth = d;
        this.walk(k, depth + 1);
        this.flush();
      }
    }
    this.listDepth = d;
  }

  /** One item: its own text (nested lists and tables left out), then its nested lists (one deeper) and tables. */
  private item(li: Element, d: number, ordinal: string | undefined, depth: number): void {
    const text = flatText(li, NESTED);
    const b: OutBlock = { type: 'item', depth: d, text, line: this.lineOf(li) };
    if (ordinal !== undefined) b.ordinal = ordinal;
    if (text) this.emit(b);
    // The structures inside: nested lists, tables, comments, in document order.
    const saved = this.listDepth;
    this.listDepth = d + 1;
    const stack: Node[] = [...children(li)].reverse();
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.nodeName === '#comment') {
        this.comment(n as T.CommentNode);
        continue;
      }
      if (!isElement(n) || SKIP.has(n.tagName)) continue;
      if (NESTED.has(n.tagName)) {
        this.walk(n, depth + 1);
        continue;
      }
      const kids = children(n);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
    this.flush();
    this.listDepth = saved;
  }

  private pre(n: Element): void {
    let cur: string[] = [];
    let curLine: number | null = null;
    let lineAt = this.lineOf(n);
    const out = () => {
      const text = cur.join('').replace(/\u00a0/g, ' ').trim();
      if (text) this.emit({ type: 'line', text, line: curLine ?? lineAt });
      cur = [];
      curLine = null;
    };
    const stack: Node[] = [...children(n)].reverse();
    while (stack.length > 0) {
      const k = stack.pop()!;
      if (k.nodeName === '#text') {
        const v = (k as T.TextNode).value;
        const l = startLine(k);
        if (l !== null) lineAt = l + this.lineOffset;
        const segs = v.split(/\r\n|\r|\n/);
        for (let i = 0; i < segs.length; i++) {
          if (i > 0) {
            out();
            lineAt++;
          }
          if (segs[i]) {
            if (curLine === null && segs[i].trim()) curLine = lineAt;
            cur.push(segs[i]);
          }
        }
        continue;
      }
      if (!isElement(k) || SKIP.has(k.tagName)) continue;
      if (k.tagName === 'br') {
        out();
        continue;
      }
      const kids = children(k);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
    out();
  }

  private table(table: Element, depth: number): void {
    if (isFrame(table)) {
      // A page laid out in a table: each cell is a container of blocks.
      for (const tr of rowsOf(table)) {
        for (const cell of children(tr.tr)) {
          if (!isElement(cell) || (cell.tagName !== 'td' && cell.tagName !== 'th')) {
            this.walk(cell, depth + 1);
            continue;
          }
          this.walk(cell, depth + 2);
          this.flush();
        }
      }
      for (const k of children(table)) if (isElement(k) && k.tagName === 'caption') this.walk(k, depth + 1);
      return;
    }
    const outerDeferred = this.deferred;
    const deferred: OutBlock[] = [];
    this.deferred = deferred;
    const rows: TableRow[] = [];
    const hiddenRows: TableRow[] = [];
    try {
      for (const k of children(table)) {
        if (isElement(k) && k.tagName === 'caption') {
          const text = flatText(k);
          if (text) this.blocks.push(this.hidden > 0 ? { type: 'line', text, line: this.lineOf(k), hidden: true } : { type: 'line', text, line: this.lineOf(k) });
        }
      }
      for (const group of groupsOf(table, (c) => this.comment(c))) {
        this.grid(group, rows, hiddenRows);
      }
    } finally {
      this.deferred = outerDeferred;
    }
    const tableLine = this.lineOf(table);
    if (rows.length > 0) this.emit({ type: 'table', line: tableLine, rows });
    if (hiddenRows.length > 0) {
      this.hidden++;
      this.emit({ type: 'table', line: hiddenRows[0].line, rows: hiddenRows });
      this.hidden--;
    }
    for (const b of deferred) this.emit(b);
  }

  /**
   * The rows of one row group, with colspan repeated and rowspan carried down. Every cell a span adds (and every
   * hole it leaves) is charged to the page's span budget; once it is spent, spans are no longer expanded. The work
   * per row is its own cells plus the cells spans add to it, so a table costs at most its size plus the budget.
   */
  private grid(group: Group, rows: TableRow[], hiddenRows: TableRow[]): void {
    const carry: Array<{ text: string; left: number } | undefined> = [];
    /** Columns with a cell carried down, ascending. */
    let active: number[] = [];
    const total = group.rows.length;
    for (let r = 0; r < total; r++) {
      const { tr, head } = group.rows[r];
      const cells: string[] = [];
      const added: number[] = [];
      let own = 0;
      let allTh = true;
      let col = 0;
      const take = () => {
        while (col < MAX_COLUMNS) {
          const c = carry[col];
          if (!c || c.left <= 0) break;
          cells[col] = c.text;
          c.left--;
          col++;
        }
      };
      for (const cell of children(tr)) {
        if (!isElement(cell)) continue;
        if (cell.tagName !== 'td' && cell.tagName !== 'th') continue;
        take();
        if (col >= MAX_COLUMNS) break;
        own++;
        if (cell.tagName !== 'th') allTh = false;
        const text = flatText(cell);
        const spans = this.spanBudget > 0;
        const colspan = spans ? clampInt(attr(cell, 'colspan'), 1, MAX_COLSPAN, 1) : 1;
        const rs = spans ? clampInt(attr(cell, 'rowspan'), 0, MAX_ROWSPAN, 1) : 1;
        const rowspan = rs === 0 ? total - r : Math.min(rs, total - r);
        for (let c = 0; c < colspan && col < MAX_COLUMNS; c++) {
          cells[col] = text;
          if (rowspan > 1) {
            carry[col] = { text, left: rowspan - 1 };
            added.push(col);
          } else carry[col] = undefined;
          col++;
        }
      }
      // Cells carried down to the right of the row's own cells.
      for (const c of active) {
        if (c < col) continue;
        const k = carry[c];
        if (k && k.left > 0) {
          cells[c] = k.text;
          k.left--;
        }
      }
      for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = '';
      this.spanBudget -= Math.max(0, cells.length - own);
      if (this.spanBudget <= 0) {
        if (!this.spanWarned) {
          this.spanWarned = true;
          this.messages.push({
            line: this.lineOf(tr),
            severity: 'warning',
            code: 'spans-over-budget',
            reason: `${this.fileName ?? 'the page'} repeats more than ${HTML_SPAN_BUDGET.toLocaleString('en')} cells with colspan and rowspan; from line ${this.lineOf(tr)} on, spans are not repeated`,
          });
        }
        carry.length = 0;
        active = [];
      } else {
        // Both lists are ascending: merge them, keeping the columns still carrying.
        const next: number[] = [];
        let i = 0;
        let j = 0;
        while (i < active.length || j < added.length) {
          const c = j >= added.length || (i < active.length && active[i] <= added[j]) ? active[i++] : added[j++];
          if (next[next.length - 1] !== c && (carry[c]?.left ?? 0) > 0) next.push(c);
        }
        active = next;
      }
      if (own === 0) continue;
      const row: TableRow = { line: this.lineOf(tr), cells };
      if (head || allTh) row.header = true;
      if (styleHidden(tr)) hiddenRows.push(row);
      else rows.push(row);
    }
  }

  /** A comment holding list or table markup: its content laid out too, its blocks hidden. */
  comment(c: T.CommentNode): void {
    const data = c.data;
    if (!MARKUP_IN_COMMENT.test(data)) return;
    // Rows and cells need a table around them to be parsed as such; the wrapper stays on the comment's first line.
    const lower = data.toLowerCase();
    let html = data;
    if (!lower.includes('<table')) {
      if (/<\s*tr\b/.test(lower) || /<\s*(tbody|thead)\b/.test(lower)) html = `<table>${data}</table>`;
      else if (/<\s*t[dh]\b/.test(lower)) html = `<table><tr>${data}</tr></table>`;
    }
    const frag = parseFragment(html, { sourceCodeLocationInfo: true });
    this.flushIfOutsideTable();
    const savedOffset = this.lineOffset;
    const savedBlockLine = this.blockLine;
    const savedPiece = this.piece;
    this.piece = { parts: [], line: null, bold: true, text: false };
    this.lineOffset = this.lineOf(c) - 1;
    this.hidden++;
    try {
      for (const k of frag.childNodes) this.walk(k, 1);
      this.flush();
    } finally {
      this.hidden--;
      this.lineOffset = savedOffset;
      this.blockLine = savedBlockLine;
      this.piece = savedPiece;
    }
  }

  private flushIfOutsideTable(): void {
    if (!this.deferred) this.flush();
  }

  finish(): void {
    this.flush();
  }
}

const NESTED = new Set(['ul', 'ol', 'table', 'dir', 'menu']);

interface Group {
  rows: Array<{ tr: Element; head: boolean }>;
}

/** The row groups of a table (thead, tbody, tfoot; rows right under <table> form a group of their own). */
function groupsOf(table: Element, onComment: (c: T.CommentNode) => void): Group[] {
  const groups: Group[] = [];
  let loose: Group | null = null;
  for (const k of children(table)) {
    if (k.nodeName === '#comment') {
      onComment(k as T.CommentNode);
      continue;
    }
    if (!isElement(k)) continue;
    if (k.tagName === 'tr') {
      if (!loose) {
        loose = { rows: [] };
        groups.push(loose);
      }
      loose.rows.push({ tr: k, head: false });
    } else if (k.tagName === 'thead' || k.tagName === 'tbody' || k.tagName === 'tfoot') {
      loose = null;
      const g: Group = { rows: [] };
      for (const tr of children(k)) {
        if (tr.nodeName === '#comment') onComment(tr as T.CommentNode);
        else if (isElement(tr) && tr.tagName === 'tr') {
          g.rows.push({ tr, head: k.tagName === 'thead' });
          for (const cell of children(tr)) if (cell.nodeName === '#comment') onComment(cell as T.CommentNode);
        }
      }
      groups.push(g);
    }
  }
  return groups;
}

function rowsOf(table: Element): Array<{ tr: Element }> {
  const out: Array<{ tr: Element }> = [];
  for (const g of groupsOf(table, () => {})) for (const r of g.rows) out.push({ tr: r.tr });
  return out;
}

/** A table used as a page's frame: a cell of it holds a table or a heading (its own cells, not a nested table's). */
function isFrame(table: Element): boolean {
  const stack: Node[] = [];
  for (const r of rowsOf(table)) for (const c of children(r.tr)) if (isElement(c)) stack.push(...children(c));
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.tagName === 'table' || HEADING[n.tagName] !== undefined) return true;
    if (SKIP.has(n.tagName)) continue;
    for (const k of children(n)) stack.push(k);
  }
  return false;
}

function clampInt(s: string | null, min: number, max: number, dflt: number): number {
  if (s === null) return dflt;
  const n = Number.parseInt(s.trim(), 10);
  if (!Number.isFinite(n)) return dflt;
  return Math.max(min, Math.min(max, n));
}

/** What the page says about itself: <title>, <meta>, <link rel=canonical>, <time datetime>. */
function metaOf(doc: ParentNode, blocks: OutBlock[]): DocumentMeta {
  const meta: DocumentMeta = {};
  let title: string | null = null;
  let h1: string | null = null;
  let published: string | null = null;
  let time: string | null = null;
  let canonical: string | null = null;
  let ogUrl: string | null = null;
  let publisher: string | null = null;
  let siteName: string | null = null;
  const stack: Node[] = [doc];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!isElement(n)) {
      for (const k of children(n)) stack.push(k);
      continue;
    }
    const tag = n.tagName;
    if (tag === 'title' && title === null) title = flatText(n) || null;
    else if (tag === 'h1' && h1 === null) h1 = flatText(n) || null;
    else if (tag === 'meta') {
      const key = (attr(n, 'name') ?? attr(n, 'property') ?? attr(n, 'itemprop') ?? '').toLowerCase();
      const content = collapse(attr(n, 'content') ?? '');
      if (content) {
        if (PUBLISHED.has(key) && published === null) published = content;
        else if ((key === 'author' || key === 'publisher') && publisher === null) publisher = content;
        else if ((key === 'og:site_name' || key === 'sitename') && siteName === null) siteName = content;
        else if (key === 'og:url' && ogUrl === null) ogUrl = content;
      }
    } else if (tag === 'link' && canonical === null) {
      const rel = (attr(n, 'rel') ?? '').toLowerCase().split(/\s+/);
      const href = attr(n, 'href');
      if (rel.includes('canonical') && href) canonical = href.trim();
    } else if (tag === 'time' && time === null) {
      const dt = attr(n, 'datetime');
      if (dt && dt.trim()) time = dt.trim();
    }
    if (tag === 'template' || tag === 'script' || tag === 'style') continue;
    const kids = children(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  const t = title ?? h1 ?? (blocks.find((b) => b.type === 'heading' && b.level === 1) as { text: string } | undefined)?.text ?? null;
  if (t) meta.title = t;
  const p = published ?? time;
  if (p) meta.publishedAt = isoDay(p);
  const u = canonical ?? ogUrl;
  if (u) meta.url = u;
  const pub = publisher ?? siteName;
  if (pub) meta.publisher = pub;
  return meta;
}

const PUBLISHED = new Set(['date', 'pubdate', 'publishdate', 'dc.date', 'dc.date.issued', 'dcterms.date', 'dcterms.issued', 'article:published_time', 'datepublished', 'publish_date', 'firstpublishedtime']);

/** `2020-07-29T10:12:00+08:00`, `2020-07-29 10:12` → `2020-07-29`; other forms as written. */
function isoDay(s: string): string {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/.exec(s);
  if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return s;
}

/** Lay out a web page. `fileName` only names the page in messages. */
export function htmlLayout(html: string, fileName?: string): Layout {
  const doc = parse(html.charCodeAt(0) === 0xfeff ? html.slice(1) : html, { sourceCodeLocationInfo: true });
  const w = new Walker(fileName);
  // The head holds no text of the page (its <title> and <meta> are read for meta), but comments before <html> may.
  for (const k of doc.childNodes) {
    if (isElement(k) && k.tagName === 'html') {
      for (const part of k.childNodes) {
        if (isElement(part) && part.tagName === 'head') {
          for (const h of part.childNodes) if (h.nodeName === '#comment') w.comment(h as T.CommentNode);
          continue;
        }
        w.walk(part, 1);
      }
    } else w.walk(k, 1);
  }
  w.finish();
  return { name: 'html', blocks: w.blocks, meta: metaOf(doc, w.blocks), messages: w.messages };
}
