// MediaWiki wikitext reader (zh.wikipedia pages such as the Dalian list, 000_0f381ef73e09f27f.txt).
//
// wtf_wikipedia reads the syntax: each table (cells, links, templates, rowspans) and each cell's text
// and links. What it cannot give is written here by hand:
//  - positions: a line scanner finds headings, tables (`{|` … `|}`), their `|-` rows and cells, and
//    every row keeps the line of its place cell;
//  - comments: wtf_wikipedia drops `<!-- -->`, so rows hidden in comments (bullet form
//    `* {{flagicon|X}} [[place|place]]（[[country|country]] 1994）` or commented table rows) are read here
//    and kept with status `doubtful` and the comment's remark as their note;
//  - `{{flagicon|X}}`: wtf_wikipedia turns it into an emoji flag glued to the text; the flag is
//    stripped and the template's argument read from the raw cell as `countryHint`;
//  - conventions: columns by header synonym, the owner ({{Pathnav|…}} or the title sentence), the
//    `<ref>` (publisher, 发布日期, URL), the as-of date (（截止2011年10月）) and declared totals (现有9座…).
//
// foreignLink: the target of the place cell's LAST link, when any link of the cell points somewhere else
// than its label says (`[[奧克蘭_(加州)|奧克蘭]]` → `奧克蘭_(加州)`); the last link is the most specific
// part of a compound name (`[[東京都|東京都]][[大田區|大田區]]`). null when every link is its own label.
//
// The reader never throws: a malformed table, row or comment gives a message with its line, and the
// good rows of the document are still returned.
import wtf from 'wtf_wikipedia';
import { fastWikiCell } from './wikicells.js';
import { lineStartsWith } from './linear.js';
import type { DeclaredTotal, DocumentMeta, Message, RawRow, ReadContext, ReadResult, Reader } from '../model.js';
import { countryToIso2 } from '../normalize/country.js';
import { parseDate } from '../normalize/date.js';
import { markerKind } from '../normalize/kind.js';
import { fold } from '../normalize/script.js';
import { parseDeclaredTotal } from '../normalize/totals.js';
import { equalsHeading } from '../layout/heading-marks.js';

// ---------------------------------------------------------------------------------------------------
// Column roles by header

type Role = 'index' | 'country' | 'place' | 'date' | 'cn' | 'note' | 'fact';

/** Header synonyms (simplified script; traditional forms and case match through fold()). */
const HEADER_SYNONYMS: ReadonlyArray<{ role: Role; names: string[] }> = [
  { role: 'cn', names: ['中方城市', '中方', '中国城市', '中方省市', '国内城市', 'chinese city', 'china city'] },
  { role: 'index', names: ['序号', '序', '编号', '序次', 'no', 'no.', '#', 'number'] },
  { role: 'country', names: ['国家', '国别', '国家地区', '国家/地区', '所在国', '所属国家', '国家或地区', 'country', 'nation'] },
  {
    role: 'place',
    names: ['城市', '城市名称', '城市名', '外方城市', '友好城市', '外国城市', '结好城市', '日方城市', '韩方城市', '友城', '友城名称', '地区', 'city', 'partner city', 'sister city', 'foreign city', 'town'],
  },
  {
    role: 'date',
    names: ['结好时间', '结好日期', '签约时间', '签约日期', '缔结日期', '缔结时间', '结好签字时间', '建立时间', '缔约时间', '结好年份', '时间', '日期', 'date', 'signed', 'year', 'since'],
  },
  { role: 'note', names: ['备注', '注释', '说明', '附注', 'note', 'notes', 'remarks'] },
];

const HEADER_EXACT = new Map<string, Role>();
for (const { role, names } of HEADER_SYNONYMS) for (const n of names) HEADER_EXACT.set(fold(n), role);

/** Substring rules when no synonym matches exactly, tried in order (中方城市 before 城市). */
const HEADER_CONTAINS: ReadonlyArray<[string, Role]> = [
  ['中方', 'cn'],
  ['时间', 'date'],
  ['日期', 'date'],
  ['date', 'date'],
  ['国家', 'country'],
  ['country', 'country'],
  ['城市', 'place'],
  ['city', 'place'],
  ['备注', 'note'],
  ['序', 'index'],
];

function roleOfHeader(h: string): Role {
  const k = fold(h);
  const exact = HEADER_EXACT.get(k);
  if (exact) return exact;
  for (const [needle, role] of HEADER_CONTAINS) if (k.includes(fold(needle))) return role;
  return 'fact';
}

// ---------------------------------------------------------------------------------------------------
// Small text helpers

const FLAG_CHARS = /[\u{1F1E6}-\u{1F1FF}\u{E0020}-\u{E007F}\u{FE0F}\u{200D}]|\p{Extended_Pictographic}/gu;
const FLAG_TEMPLATE = /\{\{\s*(?:flagicon|flag|flagcountry|flagdeco|flag icon)\s*\|([^{}|]*)(?:\|[^{}]*)?\}\}/gi;

/** Every character FLAG_CHARS can match lies in these ranges (checked over all code points). */
const MAYBE_FLAG = /[\u00a9\u00ae\u2000-\u32ff\ud800-\udfff\ufe0f]/;
/** Whitespace that `replace(/\s+/g, ' ')` would change: a run of two, or one that is not a space. */
const UNTIDY_SPACE = /[^\S ]|\s\s/;

function stripFlags(s: string): string {
  return MAYBE_FLAG.test(s) ? s.replace(FLAG_CHARS, '') : s;
}

function clean(s: string): string {
  const t = stripFlags(s);
  return (UNTIDY_SPACE.test(t) ? t.replace(/\s+/g, ' ') : t).trim();
}

/** The argument of the first flag template in raw wikitext ({{flagicon|Scotland}} → Scotland). */
function flagArg(raw: string): string | null {
  FLAG_TEMPLATE.lastIndex = 0;
  const m = FLAG_TEMPLATE.exec(raw);
  FLAG_TEMPLATE.lastIndex = 0;
  const arg = m?.[1]?.trim();
  return arg ? arg : null;
}

/**
 * The [[…]] and {{…}} spans of a text that top-level punctuation must skip: outermost spans that close,
 * as [from, to] pairs (inclusive), in order; null when there are none. (What used to be `mask()`, which
 * replaced them by NULs: the spans are found the same way, without building a new string.)
 */
function spansOf(s: string): number[] | null {
  if (s.indexOf('[[') === -1 && s.indexOf('{{') === -1) return null;
  const stack: number[] = []; // pairs: opening char code, position
  let spans: number[] | null = null;
  const n = s.length;
  for (let i = 0; i < n - 1; i++) {
    const a = s.charCodeAt(i);
    const b = s.charCodeAt(i + 1);
    if ((a === 0x5b && b === 0x5b) || (a === 0x7b && b === 0x7b)) {
      stack.push(a, i);
      i++;
    } else if (((a === 0x5d && b === 0x5d) || (a === 0x7d && b === 0x7d)) && stack.length > 0) {
      const open = stack[stack.length - 2];
      if ((open === 0x5b && a === 0x5d) || (open === 0x7b && a === 0x7d)) {
        const at = stack[stack.length - 1];
        stack.length -= 2;
        if (stack.length === 0) (spans ??= []).push(at, i + 1);
        i++;
      }
    }
  }
  return spans;
}

/** Replace [[…]] and {{…}} spans by NULs of the same length, so top-level punctuation can be found. */
function mask(s: string): string {
  const spans = spansOf(s);
  if (!spans) return s;
  let out = '';
  let pos = 0;
  for (let k = 0; k < spans.length; k += 2) {
    out += s.slice(pos, spans[k]) + '\0'.repeat(spans[k + 1] - spans[k] + 1);
    pos = spans[k + 1] + 1;
  }
  return out + s.slice(pos);
}

/** Split a row's content at a top-level separator (`||`, or `!!` / `||` for header rows). */
function splitCells(content: string, header: boolean): string[] {
  const spans = spansOf(content);
  const out: string[] = [];
  let last = 0;
  let k = 0; // next span
  const n = content.length;
  for (let i = 0; i < n - 1; i++) {
    if (spans && k < spans.length && i === spans[k]) {
      i = spans[k + 1]; // skip the span (a separator cannot start inside it, nor at its first character)
      k += 2;
      continue;
    }
    const a = content.charCodeAt(i);
    if ((a === 0x7c || (header && a === 0x21)) && content.charCodeAt(i + 1) === a) {
      out.push(content.slice(last, i));
      last = i + 2;
      i++;
    }
  }
  out.push(content.slice(last));
  return out;
}

/** Drop a cell's attributes (`style="…" | content`). */
function stripCellAttributes(cell: string): string {
  if (cell.indexOf('|') === -1) return cell;
  // The first `|` outside spans that is not part of `||` (as /(^|[^|])\|(?!\|)/ on the masked text).
  const spans = spansOf(cell);
  let at = -1;
  let k = 0;
  for (let i = 0; i < cell.length; i++) {
    if (spans && k < spans.length && i === spans[k]) {
      i = spans[k + 1];
      k += 2;
      continue;
    }
    if (cell.charCodeAt(i) !== 0x7c) continue;
    const before = i > 0 && cell.charCodeAt(i - 1) === 0x7c && !(spans && k > 0 && spans[k - 1] === i - 1);
    const after = cell.charCodeAt(i + 1) === 0x7c && !(spans && k < spans.length && spans[k] === i + 1);
    if (!before && !after) {
      at = i;
      break;
    }
  }
  if (at === -1) return cell;
  const left = cell.slice(0, at);
  if (/^\s*[\w-]+\s*=/.test(left) && !left.includes('[[') && !left.includes('{{')) return cell.slice(at + 1);
  return cell;
}

interface LinkValue {
  page: string;
  label: string;
}

interface CellValue {
  raw: string;
  text: string;
  links: LinkValue[];
  line: number;
}

interface WtfLink {
  page(): string;
  text(): string;
}
interface WtfSentence {
  text(): string;
  links(): WtfLink[];
}

function fromSentence(s: WtfSentence, raw: string, line: number): CellValue {
  let text = s.text() ?? '';
  const links: LinkValue[] = [];
  for (const l of s.links()) {
    let page = l.page() ?? '';
    let label = l.text() ?? page;
    // wtf_wikipedia reads [[美|美国]] (a one-character target) as one page "美|美国": split it back.
    if (page.includes('|') && label === page) {
      const [p, ...rest] = page.split('|');
      page = p;
      label = rest.join('|');
      text = text.split(`${p}|${label}`).join(label);
    }
    if (!clean(label)) continue; // the emoji link a flag template became
    links.push({ page: page.trim(), label: clean(label) });
  }
  return { raw, text: clean(text), links, line };
}

/** Text and links of a plain cell (see wikicells.ts), or null. */
function fastCellValue(raw: string): { text: string; links: LinkValue[] } | null {
  const fast = fastWikiCell(raw);
  if (!fast) return null;
  const links: LinkValue[] = [];
  for (const l of fast.links) {
    const label = clean(l.label);
    if (label) links.push({ page: l.page.trim(), label });
  }
  return { text: clean(fast.rawText), links };
}

/** Cells wtf_wikipedia had to read, by raw text (the same country cell comes back on many rows). */
const cellMemo = new Map<string, { text: string; links: LinkValue[] }>();
const CELL_MEMO_MAX = 10_000;
/**
 * A cell longer than this is not given to wtf_wikipedia, whose regexes backtrack on long runs of markup
 * (a 2 MB heading of `=` never came back): its text is kept as written, without links. Below it, its
 * sentence splitter (`/(\S.+?[.!?]"?)(?=\s|$)/`) still takes time quadratic in a line without a sentence
 * end (20,000 `(`: 0.45 s), so the limit bounds the time per character: 2 MB of 19,000-character cells
 * took 57 s at the old limit of 20,000 (the longest line of the sample page is 259 characters).
 */
const HUGE_CELL = 2_000;

/** Text and links of a cell, by raw text: plain cells read by fastWikiCell, the others by wtf_wikipedia. */
function cellValue(raw: string): { text: string; links: LinkValue[] } {
  const fast = fastCellValue(raw);
  if (fast) return fast;
  const hit = cellMemo.get(raw);
  if (hit) return hit;
  let v: { text: string; links: LinkValue[] };
  if (raw.length > HUGE_CELL) return { text: clean(raw), links: [] };
  try {
    const doc = wtf(raw) as unknown as { sentences(): WtfSentence[]; text(): string; links(): WtfLink[] };
    const c = fromSentence({ text: () => doc.text(), links: () => doc.links() }, raw, 0);
    v = { text: c.text, links: c.links };
  } catch {
    v = { text: clean(raw.replace(/\[\[(?:[^|\]]*\|)?([^\]]*)\]\]/g, '$1').replace(/\{\{[^}]*\}\}/g, '')), links: [] };
  }
  if (cellMemo.size >= CELL_MEMO_MAX) cellMemo.clear();
  cellMemo.set(raw, v);
  return v;
}

function parseCell(raw: string, line: number): CellValue {
  const v = cellValue(raw);
  // A new object each time: buildRow may rewrite a cell's text.
  return { raw, text: v.text, links: v.links, line };
}

function samePage(page: string, label: string): boolean {
  if (page === label) return true;
  const norm = (s: string) => s.replace(/_/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(page) === norm(label);
}

/** The link target worth keeping as evidence (see the header of this file). */
function linkOf(cell: CellValue | undefined): string | null {
  if (!cell || cell.links.length === 0) return null;
  if (cell.links.every((l) => samePage(l.page, l.label))) return null;
  return cell.links[cell.links.length - 1].page || null;
}

/** 布魯塞爾（友好協約書） → place 布魯塞爾, marker 友好協約書; other parentheses stay in the name. */
function splitMarker(place: string): { place: string; marker: string | null } {
  const m = /^(.*?)\s*[（(]([^（）()]+)[）)]\s*$/.exec(place);
  if (m && m[1] && markerKind(m[2]) !== null) return { place: m[1].trim(), marker: m[2].trim() };
  return { place, marker: null };
}

// ---------------------------------------------------------------------------------------------------
// Scanning: comments, headings, tables

interface Comment {
  start: number; // offset of `<!--`
  end: number; // offset just after `-->` (or of the assumed end when unclosed)
  line: number;
  closed: boolean;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** A heading line (trimmed): `== Title ==`, read in one pass over its ends (see heading-marks.ts). */
const HEADING = { exec: equalsHeading, test: (t: string): boolean => equalsHeading(t) !== null };

/** Where an unclosed comment is taken to end: before the next blank line, heading or table boundary. */
function assumedCommentEnd(text: string, from: number): number {
  let pos = text.indexOf('\n', from);
  while (pos !== -1) {
    const next = text.indexOf('\n', pos + 1);
    const line = text.slice(pos + 1, next === -1 ? text.length : next).replace(/\r$/, '');
    const t = line.trim();
    if (t === '' || HEADING.test(t) || t.startsWith('{|') || t.startsWith('|}')) return pos;
    pos = next;
  }
  return text.length;
}

function findComments(text: string, starts: number[], messages: Message[]): Comment[] {
  const out: Comment[] = [];
  let pos = 0;
  // The last search for `-->`: reused while it still lies ahead, so many unclosed comments stay linear.
  let lastClose = -2;
  for (;;) {
    const open = text.indexOf('<!--', pos);
    if (open === -1) break;
    if (lastClose === -2 || (lastClose !== -1 && lastClose < open + 4)) lastClose = text.indexOf('-->', open + 4);
    const close = lastClose;
    const line = lineAt(starts, open);
    if (close === -1) {
      const end = assumedCommentEnd(text, open);
      messages.push({
        line,
        severity: 'error',
        reason: `comment opened here is never closed ("-->" missing): read as ending at line ${lineAt(starts, Math.max(open, end - 1))}`,
      });
      out.push({ start: open, end, line, closed: false });
      pos = end;
    } else {
      out.push({ start: open, end: close + 3, line, closed: true });
      pos = close + 3;
    }
  }
  return out;
}

/** The text with every comment blanked out (newlines kept, so lines do not move). */
function blankComments(text: string, comments: Comment[]): string {
  let out = '';
  let pos = 0;
  for (const c of comments) {
    out += text.slice(pos, c.start);
    out += text.slice(c.start, c.end).replace(/[^\n\r]/g, ' ');
    pos = c.end;
  }
  return out + text.slice(pos);
}

interface ScanCell {
  raw: string;
  line: number;
  header: boolean;
}
interface ScanRow {
  /** 1-based line of the row's first cell. */
  line: number;
  /** 0-based lines of the row's block: from its `|-` (or the table's first line) to before the next block. */
  from: number;
  to: number;
}
interface ScanTable {
  startLine: number; // 1-based line of `{|`
  endLine: number; // 1-based line of `|}` (or of the last line read when unclosed)
  closed: boolean;
  section: string | null;
  headers: string[] | null;
  rows: ScanRow[]; // data rows only
}

/**
 * Read table rows from lines (0-based index `from` is the `{|` line). Returns the table and the index after it.
 * Rows keep only where they are; their cells are cut again when they are read (rowCells), so a long table
 * does not hold a few objects per cell between the scan and the reading.
 */
function scanTable(lines: string[], from: number, section: string | null, messages: Message[]): { table: ScanTable; next: number } {
  const rows: ScanRow[] = [];
  let headers: string[] | null = null;
  let current: ScanRow = { line: from + 1, from: from + 1, to: from + 1 };
  let hasCells = false;
  let allHeader = true;
  let depth = 1;
  let i = from + 1;
  let closed = false;
  const pushRow = () => {
    current.to = i;
    if (!hasCells) return;
    if (allHeader) {
      if (!headers) headers = rowCells(lines, current).map((c) => parseCell(stripCellAttributes(c.raw), c.line).text);
    } else {
      rows.push(current);
    }
  };
  for (; i < lines.length; i++) {
    const line = lines[i];
    const t = line.trim();
    if (depth === 1 && HEADING.test(t)) break; // a heading inside a table: the table was never closed
    if (t.startsWith('{|')) {
      depth++;
      continue;
    }
    if (t.startsWith('|}')) {
      depth--;
      if (depth === 0) {
        closed = true;
        break;
      }
      continue;
    }
    if (depth > 1) continue;
    if (t.startsWith('|-')) {
      pushRow();
      current = { line: i + 2, from: i, to: i };
      hasCells = false;
      allHeader = true;
      continue;
    }
    if (t.startsWith('|+')) continue; // caption
    if (t.startsWith('!') || t.startsWith('|')) {
      if (!hasCells) current.line = i + 1;
      hasCells = true;
      if (!t.startsWith('!')) allHeader = false;
    }
  }
  pushRow();
  const endLine = closed ? i + 1 : i; // when unclosed, i is the heading line or lines.length
  if (!closed) {
    messages.push({
      line: from + 1,
      severity: 'error',
      reason: `table opened here is never closed ("|}" missing): read up to line ${endLine}`,
    });
  }
  return { table: { startLine: from + 1, endLine, closed, section, headers, rows }, next: closed ? i + 1 : i };
}

/**
 * The cells of a scanned row: `||`/`!!`-separated cells of its `|` and `!` lines, each with its line; other
 * lines (continuations, nested tables) are appended to the cell before them.
 */
function rowCells(lines: string[], row: ScanRow): ScanCell[] {
  const cells: ScanCell[] = [];
  let depth = 1;
  const append = (line: string) => {
    const last = cells[cells.length - 1];
    if (last) last.raw += '\n' + line;
  };
  for (let i = row.from; i < row.to; i++) {
    const line = lines[i];
    const t = line.trim();
    if (t.startsWith('{|')) {
      depth++;
      append(line);
      continue;
    }
    if (t.startsWith('|}')) {
      depth--;
      append(line);
      continue;
    }
    if (depth > 1) {
      append(line);
      continue;
    }
    if (t.startsWith('|-') || t.startsWith('|+')) continue; // the row's own separator; a caption
    if (t.startsWith('!') || t.startsWith('|')) {
      const header = t.startsWith('!');
      for (const raw of splitCells(t.slice(1), header)) cells.push({ raw, line: i + 1, header });
      continue;
    }
    if (t !== '') append(line);
  }
  return cells;
}

// ---------------------------------------------------------------------------------------------------
// Rows

interface RowContext {
  section: string | null;
  status: RawRow['status'];
  note: string | null;
}

function guessRoles(cells: CellValue[]): Role[] {
  const roles: Role[] = cells.map(() => 'fact');
  let placeSet = false;
  cells.forEach((c, i) => {
    if (/^\d+\.?$/.test(c.text) && i === 0) roles[i] = 'index';
    else if (c.text && parseDate(c.text).precision !== 'none') roles[i] = 'date';
    else if (flagArg(c.raw) || (c.text && countryToIso2(c.text))) roles[i] = 'country';
  });
  cells.forEach((c, i) => {
    if (!placeSet && roles[i] === 'fact' && c.text) {
      roles[i] = 'place';
      placeSet = true;
    }
  });
  return roles;
}

function buildRow(
  cells: CellValue[],
  roles: Role[],
  headers: string[] | null,
  rowRaw: string,
  rowLine: number,
  ctx: RowContext,
  messages: Message[],
): RawRow | null {
  const at = (role: Role): CellValue | undefined => {
    const i = roles.indexOf(role);
    return i === -1 ? undefined : cells[i];
  };
  const placeCell = at('place');
  if (headers && cells.length < roles.length) {
    const missingPlace = roles.includes('place') && !placeCell;
    messages.push({
      line: rowLine,
      severity: missingPlace ? 'error' : 'warning',
      reason: `row has ${cells.length} cell${cells.length === 1 ? '' : 's'} where the header has ${roles.length}${missingPlace ? ': skipped' : ''}`,
      ...(missingPlace ? { skipped: true } : {}),
    });
    if (missingPlace) return null;
  }
  const countryCell = at('country');
  const dateCell = at('date');
  const cnCell = at('cn');
  const noteCell = at('note');

  for (const c of [placeCell, at('country'), at('date'), at('cn')]) {
    if (c && /\[\[|\]\]|\{\{|\}\}/.test(c.text)) {
      messages.push({ line: c.line, severity: 'warning', reason: `unbalanced link or template markup in "${c.text}": brackets dropped` });
      c.text = clean(c.text.replace(/\[\[|\]\]|\{\{|\}\}/g, ''));
    }
  }
  const split = splitMarker(placeCell?.text ?? '');
  const foreignPlace = split.place || null;
  const country = countryCell?.text || null;
  if (!foreignPlace && !country) {
    messages.push({ line: rowLine, severity: 'warning', reason: 'row names no place and no country: skipped', skipped: true });
    return null;
  }
  const facts: Record<string, string> = {};
  roles.forEach((r, i) => {
    if (r !== 'fact' || !cells[i]?.text) return;
    facts[headers?.[i] || `column ${i + 1}`] = cells[i].text;
  });
  const row: RawRow = {
    line: placeCell?.line ?? rowLine,
    section: ctx.section,
    cnPlace: cnCell?.text || null,
    foreignPlace,
    country,
    countryHint: (countryCell && flagArg(countryCell.raw)) ?? flagArg(rowRaw),
    date: dateCell?.text || null,
    status: ctx.status,
  };
  if (cnCell) row.cnLink = linkOf(cnCell);
  row.foreignLink = linkOf(placeCell);
  if (split.marker) row.marker = split.marker;
  const note = noteCell?.text || ctx.note;
  if (note) row.note = note;
  if (Object.keys(facts).length > 0) row.facts = facts;
  return row;
}

// Tables, through wtf_wikipedia -----------------------------------------------------------------------

/** Rows of one table as wtf_wikipedia reads them: each row's cell values in its order (Object.values). */
interface CellText {
  text: string;
  links: LinkValue[];
}
const NOT_PLAIN = Symbol('not plain');
interface WtfTable {
  count: number;
  /**
   * wtf_wikipedia's values for the row that the scan numbers r (whose cells are given), or undefined when
   * none; NOT_PLAIN when a fast reading meets a row it cannot take.
   */
  values(r: number, cells: ScanCell[]): CellText[] | undefined | typeof NOT_PLAIN;
}

/**
 * A table with a longer line than this is not given to wtf_wikipedia: its table parser matches
 * `/.*colspan…/` and `/.*rowspan…/` in every cell, which backtracks from every position of a line (a line
 * of 40,000 `"` in a table took 5 s, 100,000 took 15 s), and splits every cell into sentences, quadratic
 * in a line without a sentence end (see HUGE_CELL). Its cells are read one by one instead.
 */
const WTF_TABLE_LINE = 2_000;

function hasLineLongerThan(text: string, max: number): boolean {
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if ((nl === -1 ? text.length : nl) - start > max) return true;
    if (nl === -1) return false;
    start = nl + 1;
  }
}

function wtfTableData(blockText: string): Array<Record<string, WtfSentence>> | null {
  if (hasLineLongerThan(blockText, WTF_TABLE_LINE)) return null;
  try {
    const t = (wtf(blockText) as unknown as { tables(): Array<{ data?: Array<Record<string, WtfSentence>> }> }).tables()[0];
    return t?.data ?? null;
  } catch {
    return null;
  }
}

/** The whole table through wtf_wikipedia (the reference behaviour; its template pass is quadratic). */
function wholeTable(table: ScanTable, lines: string[]): WtfTable | null {
  const block = lines.slice(table.startLine - 1, table.endLine).join('\n') + (table.closed ? '' : '\n|}');
  const data = wtfTableData(block);
  if (!data) return null;
  return {
    count: data.length,
    values: (r) => {
      const w = data[r];
      return w ? Object.values(w).map((s) => fromSentence(s, '', 0)) : undefined;
    },
  };
}

// The fast path for long tables of plain rows.
//
// Handing wtf_wikipedia a 20,000-row table took 96 s: its template pass rewrites the whole table once per
// template. Handing it one row at a time would be linear but still ~100 µs a row. Measured instead: most rows
// of long tables are plain (`| n || {{flagicon|X}}[[国|国]] || [[城市|城市]] || 1979-05-01`), and wtf_wikipedia's
// reading of a plain row depends on the table only through the header it chose (which header rows it took,
// how it keyed the cells: duplicate or numeric keys change the order and number of values). So:
//  - wtf_wikipedia reads a small "head" table: the lines before the middle (caption, headers, the first
//    HEAD_ROWS rows), one probe row per cell count found in the middle (cells `yc0`, `yc1`, …: the values it
//    gives back tell how it keys a row of that width), and the last row;
//  - the middle rows, all plain, are read by fastWikiCell, and their values are put in the order the probe
//    of their width came back in.
// This gives what wtf_wikipedia gives on the whole table, because nothing in a plain middle row reaches
// outside it (no rowspan anywhere in the table, no template, tag, link, heading or `!` across lines), and
// wtf_wikipedia's header choice only looks at the first rows (and the last one, kept). Tables that do not
// qualify go through wtf_wikipedia whole, as before.
const HEAD_ROWS = 4;
const identity = (order: number[], n: number): boolean => order.length === n && order.every((k, i) => k === i);
const FAST_MIN_ROWS = 12;
const MAX_PROBES = 16;
const SAFE_SEPARATOR = /^\|-[^{}[\]<>&~\n]*$/;
/** wtf_wikipedia's {{start}} … {{end}} templates (02-section/start-to-end). */
const START_END_TEMPLATE = /\{\{\s*(election box begin|mlb game log|game log (section|month)|mma record start|nba (coach|player|roster) statistics start)/i;

/** Depth of unclosed `{{` at the end of the text, counted as wtf_wikipedia's template finder does. */
function templateDepth(wiki: string): number {
  let depth = 0;
  for (let i = wiki.indexOf('{'); i !== -1 && i < wiki.length; depth > 0 ? i++ : (i = wiki.indexOf('{', i + 1))) {
    const c = wiki.charCodeAt(i);
    if (c === 0x7b) depth += 1;
    if (depth > 0) {
      if (c === 0x7d) {
        depth -= 1;
        if (depth === 0) continue;
      }
      if (depth === 1 && c !== 0x7b && c !== 0x7d) depth = 0;
    }
  }
  return depth;
}

function fastTable(table: ScanTable, lines: string[]): WtfTable | null {
  const rows = table.rows;
  if (rows.length < FAST_MIN_ROWS) return null;
  for (let i = table.startLine - 1; i < table.endLine && i < lines.length; i++) if (/rowspan/i.test(lines[i])) return null;
  const midFrom = HEAD_ROWS;
  const midTo = rows.length - 1; // exclusive: the last row stays with the head
  // Middle rows, line by line: separators and `|` lines only. Their cells are checked when they are read
  // (a cell that is not plain then sends the whole table to wtf_wikipedia); here a row's width is counted
  // from its `||`, which is exact for plain cells (a wrong count also ends in that fallback).
  const widths = new Map<number, number[] | null>();
  for (let r = midFrom; r < midTo; r++) {
    const row = rows[r];
    if (row.to !== rows[r + 1].from) return null; // the middle is one run of lines, nothing in between
    let width = 0;
    for (let i = row.from; i < row.to; i++) {
      const t = lines[i].trim();
      if (t === '') continue;
      if (t.startsWith('|-')) {
        if (!SAFE_SEPARATOR.test(t) || t.includes('----')) return null;
        continue;
      }
      if (t.charCodeAt(0) !== 0x7c || t.startsWith('|}') || t.startsWith('|+')) return null;
      // `|{{flagicon|X}}-…`: wtf_wikipedia expands templates before it reads the table, and an empty flag
      // would turn the line into a separator.
      if (t.charCodeAt(1) === 0x7b) return null;
      width++;
      for (let k = t.indexOf('||', 1); k !== -1; k = t.indexOf('||', k + 2)) width++;
    }
    if (!widths.has(width)) {
      if (widths.size >= MAX_PROBES) return null;
      widths.set(width, null);
    }
  }
  const before = lines.slice(table.startLine - 1, rows[midFrom].from);
  const after = lines.slice(rows[midTo].from, table.endLine);
  // Nothing opened before the middle may close after it (it would swallow the middle in wtf_wikipedia):
  // templates balanced, no tag that a later `>` could close, no {{…start}} … {{end}} template pair.
  const beforeText = before.join('\n');
  if (templateDepth(beforeText) !== 0) return null;
  if (beforeText.includes('<') && after.some((l) => l.includes('>'))) return null;
  if (START_END_TEMPLATE.test(beforeText)) return null;
  // The head table: lines up to the middle, the probes, the last row and the end.
  const probeWidths = [...widths.keys()];
  const head: string[] = before;
  for (const w of probeWidths) head.push('|-', '| ' + Array.from({ length: w }, (_, k) => `yc${k}`).join(' || '));
  head.push(...after);
  const data = wtfTableData(head.join('\n') + (table.closed ? '' : '\n|}'));
  if (!data) return null;
  const headCount = data.length;
  const scanHead = midFrom + probeWidths.length + 1;
  if (headCount !== scanHead) return null; // wtf_wikipedia reads this table otherwise: let it read all of it
  // Decode the probes: the order of a width-w row's values, as indices of its cells.
  for (let p = 0; p < probeWidths.length; p++) {
    const order: number[] = [];
    for (const s of Object.values(data[midFrom + p])) {
      const m = /^yc(\d+)$/.exec(s.text());
      if (!m) return null;
      order.push(Number(m[1]));
    }
    widths.set(probeWidths[p], order);
  }
  const middle = midTo - midFrom;
  return {
    count: headCount - probeWidths.length + middle,
    values: (r, scanCells) => {
      if (r < midFrom) {
        const w = data[r];
        return w ? Object.values(w).map((s) => fromSentence(s, '', 0)) : undefined;
      }
      if (r >= midTo) {
        const w = data[r - middle + probeWidths.length];
        return w ? Object.values(w).map((s) => fromSentence(s, '', 0)) : undefined;
      }
      const order = widths.get(scanCells.length);
      if (!order) return NOT_PLAIN;
      const cells: CellText[] = [];
      for (const c of scanCells) {
        const v = c.header ? null : fastCellValue(c.raw);
        if (!v) return NOT_PLAIN;
        cells.push(v);
      }
      return identity(order, cells.length) ? cells : order.map((k) => cells[k]);
    },
  };
}

/** Rows of a scanned table, through wtf_wikipedia's table parser when its rows line up with the scan. */
function tableRows(table: ScanTable, lines: string[], messages: Message[]): RawRow[] {
  const fast = fastTable(table, lines);
  if (fast) {
    const mark = messages.length;
    const out = readTable(table, lines, fast, messages);
    if (out) return out;
    messages.length = mark; // a middle row was not plain after all: read the table whole
  }
  return readTable(table, lines, wholeTable(table, lines), messages)!;
}

/** The rows of a table, given wtf_wikipedia's reading of it; null when a fast reading finds a row it cannot take. */
function readTable(table: ScanTable, lines: string[], wtfTable: WtfTable | null, messages: Message[]): RawRow[] | null {
  let useWtf = wtfTable !== null;
  if (wtfTable && wtfTable.count !== table.rows.length) {
    messages.push({
      line: table.startLine,
      severity: 'info',
      reason: `wtf_wikipedia read ${wtfTable.count} rows in this table where the line scan found ${table.rows.length}: cells read one by one`,
    });
    useWtf = false;
  }
  const out: RawRow[] = [];
  const ctx: RowContext = { section: table.section, status: 'listed', note: null };
  let roles: Role[] | null = table.headers ? table.headers.map(roleOfHeader) : null;
  for (let r = 0; r < table.rows.length; r++) {
    const scanRow = table.rows[r];
    const row = { line: scanRow.line, cells: rowCells(lines, scanRow) };
    let cells: CellValue[];
    const values = useWtf ? wtfTable!.values(r, row.cells) : undefined;
    if (values === NOT_PLAIN) return null;
    if (values && values.length === row.cells.length) {
      cells = values.map((v, i) => {
        const c = row.cells[i];
        return { raw: stripCellAttributes(c.raw), text: v.text, links: v.links, line: c.line };
      });
    } else {
      const rawCells = row.cells.map((c) => ({ ...c, raw: stripCellAttributes(c.raw) }));
      if (values) {
        // A rowspan filled some cells from the rows above: pair each value with the raw cell that reads the
        // same, in order; values with no raw cell of their own keep the row's line.
        const parsed = rawCells.map((c) => parseCell(c.raw, c.line));
        let next = 0;
        cells = values.map((value) => {
          const v: CellValue = { raw: '', text: value.text, links: value.links, line: row.line };
          const j = parsed.findIndex((p, k) => k >= next && p.text === v.text);
          if (j === -1) return v;
          next = j + 1;
          return { ...v, raw: rawCells[j].raw, line: rawCells[j].line };
        });
      } else {
        cells = rawCells.map((c) => parseCell(c.raw, c.line));
      }
    }
    const rowRaw = row.cells.map((c) => c.raw).join('||');
    const rowRoles = roles ?? guessRoles(cells);
    if (!roles && !table.headers) roles = rowRoles.some((x) => x === 'place') ? rowRoles : null;
    const built = buildRow(cells, rowRoles, table.headers, rowRaw, row.line, ctx, messages);
    if (!built) continue;
    // A country cell spanning rows (rowspan) carries its flag to the rows below it.
    const prev = out[out.length - 1];
    if (!built.countryHint && prev && built.country && prev.country === built.country && !flagArg(row.cells.map((c) => c.raw).join(''))) {
      built.countryHint = prev.countryHint ?? null;
    }
    out.push(built);
  }
  return out;
}

// Rows hidden in comments ------------------------------------------------------------------------------

const DATE_IN_TEXT = /\d{4}(?:\s*[-./年]\s*\d{1,2}(?:\s*[-./月]\s*\d{1,2}\s*日?)?\s*月?)?\s*年?/;

/** `{{flagicon|Canada}} [[温哥华|温哥华]]（[[加拿大|加拿大]] 1994）` → a row. */
function bulletRow(content: string, line: number, ctx: RowContext, messages: Message[]): RawRow | null {
  const hint = flagArg(content);
  const body = content.replace(FLAG_TEMPLATE, '').trim();
  const masked = mask(body);
  const m = /[（(]([^（）()]*)[）)]\s*$/.exec(masked);
  let placePart = body;
  let inner: string | null = null;
  if (m) {
    placePart = body.slice(0, m.index);
    inner = body.slice(m.index + 1, m.index + m[0].trimEnd().length - 1);
  }
  const place = parseCell(placePart, line);
  let country: string | null = null;
  let date: string | null = null;
  if (inner !== null) {
    const innerCell = parseCell(inner, line);
    const d = DATE_IN_TEXT.exec(innerCell.text);
    date = d ? d[0].trim() : null;
    country = innerCell.links[0]?.label || clean(d ? innerCell.text.replace(d[0], '') : innerCell.text) || null;
  }
  const split = splitMarker(place.text);
  if (!split.place && !country) {
    messages.push({ line, severity: 'warning', reason: 'commented row names no place and no country: skipped', skipped: true });
    return null;
  }
  const row: RawRow = {
    line,
    section: ctx.section,
    cnPlace: null,
    foreignPlace: split.place || null,
    foreignLink: linkOf(place),
    country,
    countryHint: hint,
    date,
    status: ctx.status,
  };
  if (split.marker) row.marker = split.marker;
  if (ctx.note) row.note = ctx.note;
  return row;
}

interface CommentLine {
  line: number;
  text: string;
}

function commentLines(text: string, c: Comment, starts: number[]): CommentLine[] {
  const contentStart = c.start + 4;
  const contentEnd = c.closed ? c.end - 3 : c.end;
  const body = text.slice(contentStart, Math.max(contentStart, contentEnd));
  const first = lineAt(starts, c.start);
  return body.split('\n').map((t, i) => ({ line: first + i, text: t.replace(/\r$/, '') }));
}

function commentRows(
  text: string,
  c: Comment,
  starts: number[],
  section: string | null,
  reference: ScanTable | null,
  messages: Message[],
): RawRow[] {
  const lines = commentLines(text, c, starts);
  const remarks: string[] = [];
  const candidates: Array<{ kind: 'bullet' | 'table'; line: number; content: string }> = [];
  for (const l of lines) {
    const t = l.text.trim();
    if (!t) continue;
    let m: RegExpExecArray | null;
    if ((m = /^[*#]+\s*(.*)$/.exec(t))) {
      // A commented list item is a row only when it links a place or flags a country; else it is a remark.
      if (/\[\[|\{\{/.test(m[1])) candidates.push({ kind: 'bullet', line: l.line, content: m[1] });
      else remarks.push(t);
    }
    else if (/^\|(?![-}+])/.test(t)) candidates.push({ kind: 'table', line: l.line, content: t.slice(1) });
    else if (/^(\{\||\|[-}+]|!)/.test(t)) continue;
    else remarks.push(t);
  }
  if (candidates.length === 0) return [];
  const ctx: RowContext = { section, status: 'doubtful', note: remarks.length ? remarks.join(' ') : null };
  const out: RawRow[] = [];
  for (const cand of candidates) {
    if (cand.kind === 'bullet') {
      const row = bulletRow(cand.content, cand.line, ctx, messages);
      if (row) out.push(row);
      continue;
    }
    const parts = splitCells(cand.content, false);
    // Only what looks like a table row counts: a place with at least two more cells (country, date …).
    if (parts.filter((p) => p.trim()).length < 3) continue;
    const cells = parts.map((p) => parseCell(stripCellAttributes(p), cand.line));
    const headers = reference?.headers ?? null;
    const roles = headers ? headers.map(roleOfHeader) : guessRoles(cells);
    const row = buildRow(cells, roles, headers, cand.content, cand.line, ctx, messages);
    if (row) out.push(row);
  }
  return out;
}

/** Index of the last item whose key is ≤ value (items sorted by key), or -1. */
function lastAtOrBefore<T>(items: T[], value: number, key: (t: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]) <= value) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * `s.replace(/<ref[^>]*>[\s\S]*?<\/ref>/g, '')`, in one pass: the regex rescans the rest of the text for
 * every `<ref` it cannot close, which is quadratic on a long line of them.
 */
function stripRefs(s: string): string {
  let p = s.indexOf('<ref');
  if (p === -1) return s;
  let out = '';
  let pos = 0;
  while (p !== -1) {
    const gt = s.indexOf('>', p + 4);
    if (gt === -1) break; // no `>`: no later <ref can open either
    const close = s.indexOf('</ref>', gt + 1);
    if (close === -1) break; // nothing after can close
    out += s.slice(pos, p);
    pos = close + 6;
    p = s.indexOf('<ref', pos);
  }
  return out + s.slice(pos);
}

/** `s.replace(/<[^>]+>/g, '')`, in one pass (the regex is quadratic on a long run of `<` without `>`). */
function stripTags(s: string): string {
  let p = s.indexOf('<');
  if (p === -1) return s;
  let out = '';
  let pos = 0;
  while (p !== -1) {
    const gt = s.indexOf('>', p + 1);
    if (gt === -1) break;
    if (gt === p + 1) {
      p = s.indexOf('<', p + 1);
      continue;
    }
    // `<[^>]+>` from p ends at the first `>`; a `<` in between belongs to it.
    out += s.slice(pos, p);
    pos = gt + 1;
    p = s.indexOf('<', pos);
  }
  return out + s.slice(pos);
}

// ---------------------------------------------------------------------------------------------------
// Meta

/**
 * The body of the first `<ref …>…</ref>` (`/<ref[^>/]*>([\s\S]*?)<\/ref>/`), in one pass: the regex
 * rescans the rest of the text for every `<ref` it cannot close.
 */
function firstRef(s: string): string | null {
  if (s.indexOf('</ref>') === -1) return null;
  let q = -1; // the first `>` or `/` at or after the last position looked at
  for (let p = s.indexOf('<ref'); p !== -1; p = s.indexOf('<ref', p + 1)) {
    // `[^>/]*>`: the first `>` or `/` after `<ref` decides.
    if (q < p + 4) {
      q = p + 4;
      while (q < s.length) {
        const c = s.charCodeAt(q);
        if (c === 0x3e || c === 0x2f) break;
        q++;
      }
    }
    if (q >= s.length) return null; // neither: no later <ref can open
    if (s.charCodeAt(q) !== 0x3e) continue; // `/` first: not an opening here
    const close = s.indexOf('</ref>', q + 1);
    if (close === -1) return null;
    return s.slice(q + 1, close);
  }
  return null;
}

/** `s.replace(/<ref[^>]*\/>/g, '')`, in one pass. */
function stripSelfClosingRefs(s: string): string {
  let p = s.indexOf('<ref');
  if (p === -1) return s;
  let out = '';
  let pos = 0;
  let gt = -1;
  while (p !== -1) {
    if (gt < p + 4) gt = s.indexOf('>', p + 4);
    if (gt === -1) break;
    if (gt - 1 >= p + 4 && s.charCodeAt(gt - 1) === 0x2f) {
      out += s.slice(pos, p);
      pos = gt + 1;
      p = s.indexOf('<ref', pos);
    } else p = s.indexOf('<ref', p + 1);
  }
  return out + s.slice(pos);
}

/**
 * The `{{Pathnav|…}}` templates of a long text, each alone, for wtf_wikipedia to read one by one: on a
 * whole long page wtf_wikipedia is quadratic in its number of templates (and its link regex in runs of
 * `[[`). The text is first given the deletions wtf_wikipedia's pre-processing makes (`----`, `~~`,
 * `__TOC__` …), which can join a template's name.
 */
function* pathnavTemplates(visible: string): Generator<string> {
  const pre = visible
    .replace(/__(NOTOC|NOEDITSECTION|FORCETOC|TOC)__/gi, '')
    .replace(/~{2,3}/g, '')
    .replace(/\r/g, '')
    .replace(/----/g, '');
  const re = /\{\{\s*pathnav\s*\|/gi;
  let tried = 0;
  for (let m = re.exec(pre); m && tried < 50; m = re.exec(pre), tried++) {
    // The template's extent, as wtf_wikipedia's finder counts braces (capped: a Pathnav is short).
    let depth = 0;
    const end = Math.min(pre.length, m.index + 20_000);
    for (let i = m.index; i < end; i++) {
      const c = pre.charCodeAt(i);
      if (c === 0x7b) depth++;
      else if (c === 0x7d && --depth === 0) {
        yield pre.slice(m.index, i + 1);
        break;
      }
    }
  }
}

/**
 * Up to this length, the page goes to wtf_wikipedia whole for its templates (the reference behaviour),
 * unless a line is longer than WTF_PAGE_LINE: wtf_wikipedia also splits the page's prose into sentences,
 * in time quadratic in a line without a sentence end (a page of 64,000 `(` on one line took 3.8 s).
 */
const WHOLE_PAGE_TEMPLATES_MAX = 100_000;
const WTF_PAGE_LINE = 2_000;

function pathnavOwner(wiki: string): string | null | undefined {
  try {
    const templates = (wtf(wiki) as unknown as { templates(): Array<{ json(): Record<string, unknown> }> }).templates();
    for (const t of templates) {
      const j = t.json();
      if (String(j.template ?? '').toLowerCase() === 'pathnav' && Array.isArray(j.list) && j.list.length > 0) {
        return String(j.list[j.list.length - 1]).trim() || null;
      }
    }
  } catch {
    /* keep going without the template */
  }
  return undefined;
}

const AS_OF = /[（(]\s*截(?:止|至)(?:到|于|於)?\s*([^）),，]+?)\s*(?:[）)]|[,，])/y;
const AS_OF_START = /[（(]\s*截[止至]/g;
/**
 * AS_OF's first match in the text. The plain regex scans to the end of the text from every `（截止` that
 * has no closing bracket or comma after it (quadratic); here a start is tried only while one is left, and
 * a start that fails with one left fails at once (its capture would be empty).
 */
function asOfMatch(s: string): RegExpExecArray | null {
  let lastCloser = -1;
  for (const ch of ['）', ')', ',', '，']) lastCloser = Math.max(lastCloser, s.lastIndexOf(ch));
  AS_OF_START.lastIndex = 0;
  for (let m = AS_OF_START.exec(s); m; m = AS_OF_START.exec(s)) {
    if (m.index >= lastCloser) return null;
    AS_OF.lastIndex = m.index;
    const hit = AS_OF.exec(s);
    if (hit) return hit;
    AS_OF_START.lastIndex = m.index + 1;
  }
  return null;
}

function readMeta(visible: string, prose: string[]): DocumentMeta {
  const meta: DocumentMeta = {};
  // Owner: the last argument of {{Pathnav|…}}.
  if (visible.length <= WHOLE_PAGE_TEMPLATES_MAX && !hasLineLongerThan(visible, WTF_PAGE_LINE)) {
    const owner = pathnavOwner(visible);
    if (owner !== undefined) meta.owner = owner;
  } else {
    for (const body of pathnavTemplates(visible)) {
      const owner = pathnavOwner(body);
      if (owner !== undefined) {
        meta.owner = owner;
        break;
      }
    }
  }
  if (!meta.owner) {
    const m = /\{\{\s*pathnav\s*\|([^{}]*)\}\}/i.exec(visible);
    if (m) meta.owner = m[1].split('|').filter((a) => !a.includes('=')).pop()?.trim() || null;
  }

  // The title sentence: the first prose line before the first heading that speaks of friendship cities.
  for (const raw of prose) {
    const line = stripSelfClosingRefs(stripRefs(raw)).trim();
    if (!line || line.startsWith('{{') || !/(友好|姐妹)/.test(line)) continue;
    const title = line
      .replace(/[（(][^（）()]*截[止至][^（）()]*[）)]/g, '')
      .replace(/(如下|如次)?[:：。]\s*$/, '')
      .trim();
    if (title) meta.title = title;
    if (!meta.owner) {
      const o = /^(.+?[市省县縣区區州盟旗])(?:的|之)?(?:国际|國際)?(?:友好|姐妹)/.exec(title);
      if (o) meta.owner = o[1];
    }
    break;
  }

  // As of: （截止2011年10月）.
  const asOf = asOfMatch(visible);
  if (asOf) meta.asOf = parseDate(asOf[1]).iso ?? asOf[1].trim();

  // The first <ref>: [url label] publisher 发布日期：date.
  const ref = firstRef(visible);
  if (ref !== null) {
    let body = ref;
    const link = /\[(https?:\/\/[^\s\]]+)(?:\s+([^\]]*))?\]/.exec(body);
    if (link) {
      meta.url = link[1];
      body = body.replace(link[0], ' ');
    } else {
      const bare = /https?:\/\/[^\s<\]]+/.exec(body);
      if (bare) {
        meta.url = bare[0];
        body = body.replace(bare[0], ' ');
      }
    }
    const date = /(?:发布|發布|更新|刊登)?(?:日期|时间|時間)\s*[:：]\s*(\S+)/.exec(body);
    if (date) {
      meta.publishedAt = parseDate(date[1]).iso ?? date[1];
      body = body.replace(date[0], ' ');
    }
    const publisher = clean(body.replace(/\{\{[^{}]*\}\}/g, '').replace(/'{2,}/g, ''));
    if (publisher) meta.publisher = publisher;
  }
  return meta;
}

// ---------------------------------------------------------------------------------------------------
// The reader

function detect(text: string, fileName: string): number {
  let score = 0;
  if (lineStartsWith(text, '{|')) score += 0.45; // /^\s*\{\|/m
  if (lineStartsWith(text, '|}')) score += 0.1; // /^\s*\|\}/m
  if (/\{\{[^{}\n]+\}\}/.test(text)) score += 0.15;
  if (/\[\[[^[\]\n]+\]\]/.test(text)) score += 0.2;
  if (/^(={2,6})[^=\n]+\1\s*$/m.test(text)) score += 0.15;
  if (/<ref[\s>]/.test(text)) score += 0.05;
  if (/\.(wiki|wikitext|mediawiki)$/i.test(fileName)) score += 0.2;
  return Math.min(0.98, score);
}

function read(text: string, _ctx: ReadContext): ReadResult {
  const messages: Message[] = [];
  const rows: RawRow[] = [];
  const totals: DeclaredTotal[] = [];
  let meta: DocumentMeta = {};
  try {
    const src = text.replace(/^\uFEFF/, '');
    const starts = lineStarts(src);
    const comments = findComments(src, starts, messages);
    const visible = blankComments(src, comments);
    const lines = visible.split('\n').map((l) => l.replace(/\r$/, ''));

    // Pass 1: headings, tables and prose, line by line.
    const tables: ScanTable[] = [];
    const headingAt: Array<{ line: number; title: string }> = [];
    let section: string | null = null;
    const leadProse: string[] = []; // prose lines before the first heading, outside tables
    for (let i = 0; i < lines.length; ) {
      const t = lines[i].trim();
      const h = HEADING.exec(t);
      if (h) {
        section = parseCell(h.text, i + 1).text || h.text.trim();
        headingAt.push({ line: i + 1, title: section });
        i++;
        continue;
      }
      if (t.startsWith('{|')) {
        const { table, next } = scanTable(lines, i, section, messages);
        tables.push(table);
        i = Math.max(next, i + 1);
        continue;
      }
      if (t.startsWith('|}')) {
        messages.push({ line: i + 1, severity: 'warning', reason: 'table end "|}" without a table' });
        i++;
        continue;
      }
      if (headingAt.length === 0 && t) leadProse.push(lines[i]);
      const prose = t ? stripTags(stripRefs(t)) : t;
      const total = prose ? parseDeclaredTotal(prose) : null;
      if (total) totals.push({ line: i + 1, section, countries: total.countries, places: total.places, text: prose.trim() });
      i++;
    }
    // Headings and tables come in line order: binary searches instead of scans per comment.
    const sectionAt = (line: number): string | null => {
      const k = lastAtOrBefore(headingAt, line, (h) => h.line);
      return k === -1 ? null : headingAt[k].title;
    };
    const bySection = new Map<string | null, ScanTable[]>();
    for (const t of tables) {
      const list = bySection.get(t.section);
      if (list) list.push(t);
      else bySection.set(t.section, [t]);
    }
    const firstAfter = (list: ScanTable[], line: number): ScanTable | undefined => list[lastAtOrBefore(list, line, (t) => t.startLine) + 1];
    const lastBefore = (list: ScanTable[], line: number): ScanTable | undefined => list[lastAtOrBefore(list, line - 1, (t) => t.startLine)];

    // Pass 2: table rows, through wtf_wikipedia.
    for (const table of tables) for (const row of tableRows(table, lines, messages)) rows.push(row);

    // Pass 3: rows hidden in comments (doubtful).
    for (const c of comments) {
      const line = c.line;
      const sec = sectionAt(line);
      const before = lastBefore(tables, line + 1); // the last table starting at or before the line
      const enclosing = before && before.endLine >= line ? before : null;
      const sameSection = bySection.get(sec) ?? [];
      const reference =
        enclosing ??
        firstAfter(sameSection, line) ??
        lastBefore(sameSection, line) ??
        firstAfter(tables, line) ??
        tables[tables.length - 1] ??
        null;
      for (const row of commentRows(src, c, starts, sec, reference, messages)) rows.push(row);
    }

    meta = readMeta(visible, leadProse);
  } catch (e) {
    messages.push({ line: 0, severity: 'error', reason: `wikitext reader stopped early: ${(e as Error).message}` });
  }
  rows.sort((a, b) => a.line - b.line);
  // A document read to nothing says so (a table without rows, a page without a table).
  if (rows.length === 0 && messages.length === 0) messages.push({ line: 0, severity: 'warning', reason: 'no rows: nothing in the document reads as a table of friendship cities' });
  messages.sort((a, b) => a.line - b.line);
  return { rows, messages, meta, totals };
}

export const wikitextReader: Reader = {
  name: 'wikitext',
  description: 'MediaWiki wikitext: {| wikitable |} tables under == headings ==, {{flagicon}}, [[links]], rows hidden in <!-- comments --> (doubtful)',
  detect,
  read,
};
