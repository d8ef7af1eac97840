// Plain text → blocks: headings, bullet and numbered items, tables whose cells are separated by tabs, pipes
// or runs of spaces, tables flattened to one cell per line, and the lines in between.
//
// Copies of web pages (Kiwix and text exports, copy-paste, PDF text) keep a table's columns only as runs of
// spaces or tabs, and a list's items only as a leading mark; headings as short lines on their own.
import type { Block, Layout, TableRow } from './blocks.js';
import { classifyHeaderCell } from '../readers/columns.js';
import { denoise } from '../assemble/denoise.js';
import { markedHeading } from './heading-marks.js';

/** A leading list mark: a bullet, a number (`3.`, `3、`, `(3)`, `③`) or a letter (`a)`). */
const ITEM_MARK =
  /^([-*+•·・●○◆◇■□▪▫►▸‣⁃※◎★☆→]|\d{1,4}\s*[.、)）．:：](?!\d)|[(（]\s*\d{1,4}\s*[)）]|[\u2460-\u2473\u2776-\u277f\u3251-\u325f]|[(（]?[一二三四五六七八九十百]{1,3}[)）、.．]|[a-zA-Z][.)](?=\s))\s*/u;
/** Setext underline (`====`, `----`) under a heading. */
const UNDERLINE = /^\s*(={3,}|-{3,}|~{3,})\s*$/;
/** `== Heading ==` (wikitext) and `# Heading` (Markdown) in a text copy. */
/** `【国际友好城市】`, `[Europe]`, `第一部分 …`, `一、…`. */
const BRACKET_HEADING = /^\s*(?:【([^】]{1,40})】|〔([^〕]{1,40})〕|\[([^\]]{1,40})\])\s*$/;
const CHAPTER_HEADING = /^\s*(第[一二三四五六七八九十百\d]{1,4}[章节節部分篇类類批组組]|[一二三四五六七八九十]{1,3}[、．.])\s*\S/u;
const HAN_RE = /\p{Script=Han}/u;
const HAS_DATE_LIKE = /\d{4}|[〇一二三四五六七八九十]{2,}年/;

/**
 * The cells of a line: separated by a tab, a pipe, a run of two or more spaces (any width: NBSP, en spaces) or
 * an ideographic space. One pass, no regular expression: a line of a million tabs or spaces splits in linear time.
 */
function splitCells(line: string): string[] {
  const t = line.trim();
  const cells: string[] = [];
  let cur = '';
  let spaces = 0;
  const flush = () => {
    cells.push(cur.trim());
    cur = '';
  };
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    const isSpace = ch === ' ' || ch === '\u00a0' || (ch >= '\u2002' && ch <= '\u200a');
    if (ch === '\t' || ch === '|' || ch === '｜' || ch === '\u3000') {
      flush();
      spaces = 0;
      // A run of separators is one separator.
      while (i + 1 < t.length && (t[i + 1] === '\t' || t[i + 1] === ' ' || t[i + 1] === '\u3000')) i++;
      continue;
    }
    if (isSpace) {
      spaces++;
      if (spaces === 2) {
        cur = cur.slice(0, -1);
        flush();
        while (i + 1 < t.length && (t[i + 1] === ' ' || t[i + 1] === '\u00a0' || t[i + 1] === '\t' || t[i + 1] === '\u3000')) i++;
        spaces = 0;
        continue;
      }
      cur += ch;
      continue;
    }
    spaces = 0;
    cur += ch;
  }
  flush();
  // A line framed by pipes (`| a | b |`) has no empty cells at its ends.
  if (/^[|｜]/.test(t)) cells.shift();
  if (/[|｜]$/.test(t) && cells.length && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

function indentOf(line: string): number {
  let n = 0;
  for (const ch of line) {
    if (ch === ' ' || ch === '\u00a0') n += 1;
    else if (ch === '\u3000') n += 2;
    else if (ch === '\t') n += 4;
    else break;
  }
  return n;
}

/** Lines of the text with their 1-based numbers, blank lines kept as '' so positions stay right. */
export function textLayout(text: string, name = 'text'): Layout {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  const isBlank = (i: number) => i < 0 || i >= lines.length || lines[i].trim() === '';
  // The indentation of the first item of the current run of items: depths are counted from it.
  let itemBase: number[] = [];
  // A page copied with a blank line after every line: a short line standing alone there is no heading.
  let alone = 0;
  let filled = 0;
  for (let k = 0; k < lines.length && filled < 400; k++) {
    if (lines[k].trim() === '') continue;
    filled++;
    if (isBlank(k - 1) && isBlank(k + 1)) alone++;
  }
  const doubleSpaced = filled >= 8 && alone / filled > 0.6;
  let i = 0;
  while (i < lines.length) {
    // Junk injected into copies of Chinese pages is dropped before the line's shape is judged (indentation kept).
    const raw = HAN_RE.test(lines[i]) ? (/^\s*/.exec(lines[i])?.[0] ?? '') + denoise(lines[i]) : lines[i];
    const line = raw.trimEnd();
    const t = line.trim();
    const n = i + 1;
    if (t === '') {
      i++;
      continue;
    }
    // Headings.
    const marked = markedHeading(t);
    if (marked) {
      blocks.push({ type: 'heading', level: marked.level, text: marked.text.trim(), line: n });
      itemBase = [];
      i++;
      continue;
    }
    if (i + 1 < lines.length && UNDERLINE.test(lines[i + 1]) && t.length <= 80 && !ITEM_MARK.test(t)) {
      blocks.push({ type: 'heading', level: lines[i + 1].trim().startsWith('=') ? 1 : 2, text: t, line: n });
      itemBase = [];
      i += 2;
      continue;
    }
    const br = BRACKET_HEADING.exec(t);
    if (br) {
      blocks.push({ type: 'heading', level: 2, text: (br[1] ?? br[2] ?? br[3]).trim(), line: n });
      itemBase = [];
      i++;
      continue;
    }
    if (CHAPTER_HEADING.test(t) && t.length <= 40 && !HAS_DATE_LIKE.test(t)) {
      blocks.push({ type: 'heading', level: 2, text: t.replace(/^第[一二三四五六七八九十百\d]{1,4}[章节節部分篇类類批组組]\s*|^[一二三四五六七八九十]{1,3}[、．.]\s*/u, '').trim() || t, line: n });
      itemBase = [];
      i++;
      continue;
    }
    if (/[:：]$/.test(t) && t.length <= 40 && !ITEM_MARK.test(t) && !HAS_DATE_LIKE.test(t)) {
      blocks.push({ type: 'heading', level: 3, text: t.replace(/[:：]$/, '').trim(), line: n });
      itemBase = [];
      i++;
      continue;
    }

    // Records written one field per line, each opened by its number (`1` / `横滨市` / `City of Yokohama` / `日 本` / …).
    const numbered = numberedRecords(lines, i);
    if (numbered) {
      blocks.push(numbered.block);
      i = numbered.next;
      itemBase = [];
      continue;
    }

    // A table flattened to one cell per line: k header cells on k lines, then rows of k lines.
    const flat = flattenedTable(lines, i);
    if (flat) {
      blocks.push(flat.block);
      i = flat.next;
      itemBase = [];
      continue;
    }

    // A run of lines with two or more cells each, of about the same count: a table.
    const cells = splitCells(line);
    if (cells.length >= 2 && !ITEM_MARK.test(t)) {
      const rows: TableRow[] = [{ line: n, cells }];
      let j = i + 1;
      while (j < lines.length && !isBlankOrRule(lines[j])) {
        const c = splitCells(lines[j]);
        if (c.length < 2 || Math.abs(c.length - cells.length) > Math.max(1, cells.length >> 1)) break;
        rows.push({ line: j + 1, cells: c });
        j++;
      }
      // Skip rules between rows (`-----`) and blank lines inside a table whose next line has the same shape.
      if (rows.length >= 2) {
        blocks.push({ type: 'table', line: n, rows });
        i = j;
        itemBase = [];
        continue;
      }
    }

    // Items.
    const mark = ITEM_MARK.exec(t);
    if (mark && t.length > mark[0].length) {
      const indent = indentOf(raw);
      while (itemBase.length && indent < itemBase[itemBase.length - 1]) itemBase.pop();
      if (!itemBase.length || indent > itemBase[itemBase.length - 1]) itemBase.push(indent);
      const ordinal = /\d+|[\u2460-\u2473]|[一二三四五六七八九十百]+/u.exec(mark[1])?.[0];
      blocks.push({ type: 'item', depth: itemBase.length - 1, text: t.slice(mark[0].length).trim(), line: n, ...(ordinal && /\d|[\u2460-\u2473一二三四五六七八九十]/u.test(mark[1]) ? { ordinal } : {}) });
      i++;
      continue;
    }
    // A short line standing alone between blank lines, not ending in sentence punctuation: a heading.
    if (!doubleSpaced && isBlank(i - 1) && isBlank(i + 1) && t.length <= 30 && !/[.。!！?？,，;；]$/.test(t) && !HAS_DATE_LIKE.test(t) && blocks.length > 0) {
      blocks.push({ type: 'heading', level: 3, text: t, line: n });
      itemBase = [];
      i++;
      continue;
    }
    blocks.push({ type: 'line', text: t, line: n });
    i++;
  }
  return { name, blocks, meta: {}, messages: [] };
}

/** Longest record of numberedRecords, in lines after its number. */
const MAX_RECORD_LINES = 10;

/**
 * Records of a table copied one cell per line, where each record begins with its sequence number on a line of its
 * own and every record has the same number of lines: `1`, then the record's lines, then `2` … (at least three
 * records). Null when the lines at `i` do not start such a run. The records become rows of a table with no header.
 */
function numberedRecords(lines: string[], i: number): { block: Block; next: number } | null {
  const num = (k: number) => (k < lines.length && /^\d{1,4}(?:\s*\|)?$/.test(lines[k].trim()) ? Number(cellOf(lines[k])) : null);
  const first = num(i);
  if (first === null || first > 2) return null;
  // The record's length: the distance to the next number, then checked on the records after it.
  let p = 0;
  for (let k = 1; k <= MAX_RECORD_LINES + 1 && i + k < lines.length; k++) {
    if (num(i + k) === first + 1) {
      p = k;
      break;
    }
    if (lines[i + k].trim() === '' || lines[i + k].trim().length > 60) return null;
  }
  if (p < 3) return null;
  const rows: TableRow[] = [];
  let j = i;
  let n = first;
  while (num(j) === n && j + p <= lines.length) {
    const cells = lines.slice(j + 1, j + p).map(cellOf);
    // A number of up to three figures inside a record is the next record's (a year of four is a cell).
    if (cells.some((c) => c === '' || c.length > 60 || /^\d{1,3}$/.test(c))) break;
    rows.push({ line: j + 1, cells: [String(n), ...cells] });
    j += p;
    n++;
  }
  if (rows.length < 3) return null;
  return { block: { type: 'table', line: i + 1, rows }, next: j };
}

/** A cell alone on its line, without the pipe a copied table leaves after it (`يوكوهاما |`, `Osaka |`). */
function cellOf(line: string): string {
  // (trimmed, then the bar cut: a regex `\s*\|$` would backtrack over a long run of spaces at every position)
  const t = line.trim();
  return t.endsWith('|') ? t.slice(0, -1).trimEnd() : t;
}

function isBlankOrRule(line: string): boolean {
  return line.trim() === '' || /^[\s\-=_~+|:]+$/.test(line);
}

/**
 * A table written one cell per line: two or more consecutive lines that are each a known column header
 * (城市 / 国家 / 时间, City / Country / Date …), then the data in groups of that many lines, until a blank
 * line or a line that does not fit. Null when the lines at `i` do not start such a table.
 */
function flattenedTable(lines: string[], i: number): { block: Block; next: number } | null {
  let k = 0;
  while (i + k < lines.length && k < 12) {
    const t = cellOf(lines[i + k]);
    // A header cell is a label: no figures (`人口 7,405万人` is a fact about a place, not a column).
    if (t === '' || t.length > 20 || /\d/.test(t) || !classifyHeaderCell(t)) break;
    k++;
  }
  if (k < 2) return null;
  // Numbered records under the header, longer than it (a record's number and an English name beside its columns):
  // read by their numbers, whose rows keep their own cells (the header does not fit them).
  let after = i + k;
  while (after < lines.length && lines[after].trim() === '') after++;
  const numbered = numberedRecords(lines, after);
  if (numbered && (numbered.block as Extract<Block, { type: 'table' }>).rows[0].cells.length !== k) return numbered;
  const header: TableRow = { line: i + 1, cells: lines.slice(i, i + k).map(cellOf), header: true };
  const rows: TableRow[] = [header];
  let j = i + k;
  // Blank lines between the header and the data, or between records, are allowed.
  for (;;) {
    while (j < lines.length && lines[j].trim() === '') j++;
    if (j + k > lines.length) break;
    const group = lines.slice(j, j + k).map(cellOf);
    if (group.some((c) => c === '' || c.length > 60 || /[。！？]$/u.test(c)) || group.every((c) => classifyHeaderCell(c))) break;
    rows.push({ line: j + 1, cells: group });
    j += k;
  }
  if (rows.length < 2) return null;
  return { block: { type: 'table', line: i + 1, rows }, next: j };
}
