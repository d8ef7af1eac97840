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
import type { DeclaredTotal, DocumentMeta, Message, RawRow, ReadContext, ReadResult, Reader } from '../model.js';
import { countryToIso2 } from '../normalize/country.js';
import { parseDate } from '../normalize/date.js';
import { markerKind } from '../normalize/kind.js';
import { fold } from '../normalize/script.js';
import { parseDeclaredTotal } from '../normalize/totals.js';

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

function stripFlags(s: string): string {
  return s.replace(FLAG_CHARS, '');
}

function clean(s: string): string {
  return stripFlags(s).replace(/\s+/g, ' ').trim();
}

/** The argument of the first flag template in raw wikitext ({{flagicon|Scotland}} → Scotland). */
function flagArg(raw: string): string | null {
  FLAG_TEMPLATE.lastIndex = 0;
  const m = FLAG_TEMPLATE.exec(raw);
  FLAG_TEMPLATE.lastIndex = 0;
  const arg = m?.[1]?.trim();
  return arg ? arg : null;
}

/** Replace [[…]] and {{…}} spans by NULs of the same length, so top-level punctuation can be found. */
function mask(s: string): string {
  const out = s.split('');
  const stack: Array<{ open: string; at: number }> = [];
  for (let i = 0; i < s.length - 1; i++) {
    const two = s.slice(i, i + 2);
    if (two === '[[' || two === '{{') {
      stack.push({ open: two, at: i });
      i++;
    } else if ((two === ']]' || two === '}}') && stack.length > 0) {
      const top = stack[stack.length - 1];
      if ((top.open === '[[' && two === ']]') || (top.open === '{{' && two === '}}')) {
        stack.pop();
        if (stack.length === 0) for (let j = top.at; j <= i + 1; j++) out[j] = '\0';
        i++;
      }
    }
  }
  return out.join('');
}

/** Split a row's content at a top-level separator (`||`, or `!!` / `||` for header rows). */
function splitCells(content: string, header: boolean): Array<{ text: string; offset: number }> {
  const masked = mask(content);
  const re = header ? /!!|\|\|/g : /\|\|/g;
  const out: Array<{ text: string; offset: number }> = [];
  let last = 0;
  for (const m of masked.matchAll(re)) {
    out.push({ text: content.slice(last, m.index), offset: last });
    last = (m.index ?? 0) + 2;
  }
  out.push({ text: content.slice(last), offset: last });
  return out;
}

/** Drop a cell's attributes (`style="…" | content`). */
function stripCellAttributes(cell: string): string {
  const masked = mask(cell);
  const m = /(^|[^|])\|(?!\|)/.exec(masked);
  if (!m) return cell;
  const at = m.index + m[1].length;
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

function parseCell(raw: string, line: number): CellValue {
  try {
    const doc = wtf(raw) as unknown as { sentences(): WtfSentence[]; text(): string; links(): WtfLink[] };
    return fromSentence({ text: () => doc.text(), links: () => doc.links() }, raw, line);
  } catch {
    return { raw, text: clean(raw.replace(/\[\[(?:[^|\]]*\|)?([^\]]*)\]\]/g, '$1').replace(/\{\{[^}]*\}\}/g, '')), links: [], line };
  }
}

function samePage(page: string, label: string): boolean {
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
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
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

const HEADING = /^(={1,6})\s*(.+?)\s*\1\s*$/;

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
  for (;;) {
    const open = text.indexOf('<!--', pos);
    if (open === -1) break;
    const close = text.indexOf('-->', open + 4);
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
  line: number;
  cells: ScanCell[];
}
interface ScanTable {
  startLine: number; // 1-based line of `{|`
  endLine: number; // 1-based line of `|}` (or of the last line read when unclosed)
  closed: boolean;
  section: string | null;
  headers: string[] | null;
  rows: ScanRow[]; // data rows only
}

/** Read table rows from lines (0-based index `from` is the `{|` line). Returns the table and the index after it. */
function scanTable(lines: string[], from: number, section: string | null, messages: Message[]): { table: ScanTable; next: number } {
  const rows: ScanRow[] = [];
  let headers: string[] | null = null;
  let current: ScanRow = { line: from + 1, cells: [] };
  let depth = 1;
  let i = from + 1;
  let closed = false;
  const pushRow = () => {
    if (current.cells.length === 0) return;
    if (current.cells.every((c) => c.header)) {
      if (!headers) headers = current.cells.map((c) => parseCell(stripCellAttributes(c.raw), c.line).text);
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
      appendContinuation(current, line);
      continue;
    }
    if (t.startsWith('|}')) {
      depth--;
      if (depth === 0) {
        closed = true;
        break;
      }
      appendContinuation(current, line);
      continue;
    }
    if (depth > 1) {
      appendContinuation(current, line);
      continue;
    }
    if (t.startsWith('|-')) {
      pushRow();
      current = { line: i + 2, cells: [] };
      continue;
    }
    if (t.startsWith('|+')) continue; // caption
    if (t.startsWith('!') || t.startsWith('|')) {
      const header = t.startsWith('!');
      if (current.cells.length === 0) current.line = i + 1;
      for (const c of splitCells(t.slice(1), header)) current.cells.push({ raw: c.text, line: i + 1, header });
      continue;
    }
    if (t !== '') appendContinuation(current, line);
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

function appendContinuation(row: ScanRow, line: string): void {
  const last = row.cells[row.cells.length - 1];
  if (last) last.raw += '\n' + line;
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

/** Rows of a scanned table, through wtf_wikipedia's table parser when its rows line up with the scan. */
function tableRows(table: ScanTable, blockText: string, messages: Message[]): RawRow[] {
  let wtfRows: Array<Record<string, WtfSentence>> | null = null;
  try {
    const t = (wtf(blockText) as unknown as { tables(): Array<{ data?: Array<Record<string, WtfSentence>> }> }).tables()[0];
    wtfRows = t?.data ?? null;
  } catch {
    wtfRows = null;
  }
  if (wtfRows && wtfRows.length !== table.rows.length) {
    messages.push({
      line: table.startLine,
      severity: 'info',
      reason: `wtf_wikipedia read ${wtfRows.length} rows in this table where the line scan found ${table.rows.length}: cells read one by one`,
    });
    wtfRows = null;
  }
  const out: RawRow[] = [];
  const ctx: RowContext = { section: table.section, status: 'listed', note: null };
  let roles: Role[] | null = table.headers ? table.headers.map(roleOfHeader) : null;
  table.rows.forEach((row, r) => {
    const rawCells = row.cells.map((c) => ({ ...c, raw: stripCellAttributes(c.raw) }));
    let cells: CellValue[];
    const w = wtfRows?.[r];
    if (w) {
      const values = Object.values(w);
      if (values.length === rawCells.length) {
        cells = values.map((s, i) => fromSentence(s, rawCells[i].raw, rawCells[i].line));
      } else {
        // A rowspan filled some cells from the rows above: pair each value with the raw cell that reads the
        // same, in order; values with no raw cell of their own keep the row's line.
        const parsed = rawCells.map((c) => parseCell(c.raw, c.line));
        let next = 0;
        cells = values.map((s) => {
          const v = fromSentence(s, '', row.line);
          const j = parsed.findIndex((p, k) => k >= next && p.text === v.text);
          if (j === -1) return v;
          next = j + 1;
          return { ...v, raw: rawCells[j].raw, line: rawCells[j].line };
        });
      }
    } else {
      cells = rawCells.map((c) => parseCell(c.raw, c.line));
    }
    const rowRoles = roles ?? guessRoles(cells);
    if (!roles && !table.headers) roles = rowRoles.some((x) => x === 'place') ? rowRoles : null;
    const built = buildRow(cells, rowRoles, table.headers, row.cells.map((c) => c.raw).join('||'), row.line, ctx, messages);
    if (!built) return;
    // A country cell spanning rows (rowspan) carries its flag to the rows below it.
    const prev = out[out.length - 1];
    if (!built.countryHint && prev && built.country && prev.country === built.country && !flagArg(row.cells.map((c) => c.raw).join(''))) {
      built.countryHint = prev.countryHint ?? null;
    }
    out.push(built);
  });
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
    if (parts.filter((p) => p.text.trim()).length < 3) continue;
    const cells = parts.map((p) => parseCell(stripCellAttributes(p.text), cand.line));
    const headers = reference?.headers ?? null;
    const roles = headers ? headers.map(roleOfHeader) : guessRoles(cells);
    const row = buildRow(cells, roles, headers, cand.content, cand.line, ctx, messages);
    if (row) out.push(row);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Meta

function readMeta(visible: string, prose: string[]): DocumentMeta {
  const meta: DocumentMeta = {};
  // Owner: the last argument of {{Pathnav|…}}.
  try {
    const templates = (wtf(visible) as unknown as { templates(): Array<{ json(): Record<string, unknown> }> }).templates();
    for (const t of templates) {
      const j = t.json();
      if (String(j.template ?? '').toLowerCase() === 'pathnav' && Array.isArray(j.list) && j.list.length > 0) {
        meta.owner = String(j.list[j.list.length - 1]).trim() || null;
        break;
      }
    }
  } catch {
    /* keep going without the template */
  }
  if (!meta.owner) {
    const m = /\{\{\s*pathnav\s*\|([^{}]*)\}\}/i.exec(visible);
    if (m) meta.owner = m[1].split('|').filter((a) => !a.includes('=')).pop()?.trim() || null;
  }

  // The title sentence: the first prose line before the first heading that speaks of friendship cities.
  for (const raw of prose) {
    const line = raw.replace(/<ref[^>]*>[\s\S]*?<\/ref>/g, '').replace(/<ref[^>]*\/>/g, '').trim();
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
  const asOf = /[（(]\s*截(?:止|至)(?:到|于|於)?\s*([^）),，]+?)\s*(?:[）)]|[,，])/.exec(visible);
  if (asOf) meta.asOf = parseDate(asOf[1]).iso ?? asOf[1].trim();

  // The first <ref>: [url label] publisher 发布日期：date.
  const ref = /<ref[^>/]*>([\s\S]*?)<\/ref>/.exec(visible);
  if (ref) {
    let body = ref[1];
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
  if (/^\s*\{\|/m.test(text)) score += 0.45;
  if (/^\s*\|\}/m.test(text)) score += 0.1;
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
        section = parseCell(h[2], i + 1).text || h[2].trim();
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
      const prose = t.replace(/<ref[^>]*>[\s\S]*?<\/ref>/g, '').replace(/<[^>]+>/g, '');
      const total = prose ? parseDeclaredTotal(prose) : null;
      if (total) totals.push({ line: i + 1, section, countries: total.countries, places: total.places, text: prose.trim() });
      i++;
    }
    const sectionAt = (line: number): string | null => {
      let s: string | null = null;
      for (const h of headingAt) if (h.line <= line) s = h.title;
      return s;
    };

    // Pass 2: table rows, through wtf_wikipedia.
    for (const table of tables) {
      const block = lines.slice(table.startLine - 1, table.endLine).join('\n') + (table.closed ? '' : '\n|}');
      rows.push(...tableRows(table, block, messages));
    }

    // Pass 3: rows hidden in comments (doubtful).
    for (const c of comments) {
      const line = c.line;
      const sec = sectionAt(line);
      const enclosing = tables.find((t) => t.startLine <= line && line <= t.endLine) ?? null;
      const sameSection = tables.filter((t) => t.section === sec);
      const reference =
        enclosing ??
        sameSection.find((t) => t.startLine > line) ??
        [...sameSection].reverse().find((t) => t.startLine < line) ??
        tables.find((t) => t.startLine > line) ??
        [...tables].reverse()[0] ??
        null;
      rows.push(...commentRows(src, c, starts, sec, reference, messages));
    }

    meta = readMeta(visible, leadProse);
  } catch (e) {
    messages.push({ line: 0, severity: 'error', reason: `wikitext reader stopped early: ${(e as Error).message}` });
  }
  rows.sort((a, b) => a.line - b.line);
  messages.sort((a, b) => a.line - b.line);
  return { rows, messages, meta, totals };
}

export const wikitextReader: Reader = {
  name: 'wikitext',
  description: 'MediaWiki wikitext: {| wikitable |} tables under == headings ==, {{flagicon}}, [[links]], rows hidden in <!-- comments --> (doubtful)',
  detect,
  read,
};
