// Reader for delimited tables: pipe (`a | b |`), tab, CSV (quoted with csv-parse), semicolon and
// whitespace-aligned columns (two or more spaces, a tab or an ideographic space between columns).
//
// How a document is read:
// - The delimiter is chosen by trying each one: the one that finds a recognized header row wins, then
//   the one whose lines agree best on a cell count.
// - A header row (see columns.ts) starts a list. Rows after it are mapped by `tableRows`. Blank lines
//   and `-----` rows inside a list do not end it; only a new header does.
// - A line with no delimiter, or with a single non-empty cell, is prose. Prose is, in this order:
//   a note (`注：…`, kept as an info message), a declared total (parseDeclaredTotal; `截止2023年5月`
//   also gives meta.asOf), a parenthetical remark (`(按签约时间先后顺序排列)`, skipped), a lone
//   sequence number (a truncated row: warning), or else a heading. A row's `section` is the last
//   heading above it (a heading between rows of a list changes the section of the rows after it).
// - A declared total's section is the heading it stands under when no row has come since that heading;
//   otherwise (the document's opening or closing sentence) it is null = the whole document.
// - `cnPlace` is null (the document's owner) unless the header has a Chinese-side column; meta.owner is
//   taken from a heading such as `广州市国际友好城市一览` when there is one.
// - Whitespace-aligned rows with fewer cells than the header (an empty cell) are placed under the
//   header's columns by display position (CJK characters count two columns).
// - Bad input never throws: an empty or binary document, unreadable lines, an unclosed quote, rows with
//   missing cells all become messages with their line; the good rows are kept. (`read` also turns any
//   unexpected exception into an error message.)
// - Cells are trimmed and runs of whitespace inside them collapsed to one space (`2001年 5 月11日` keeps
//   its single spaces); nothing else is changed. meta.title is the first heading.
// - Line by line: the reading is a tokenizer and a parser fed one line at a time, and a list's rows are
//   mapped and handed out in pieces; `readDelimitedLines` (Reader.readLines, for large documents) runs the
//   same on lines read from the file, after a first pass that chooses the delimiter, and gives what
//   `readDelimited` gives for the whole text (rows, messages, meta, totals).

import { parse as parseCsv } from 'csv-parse/sync';
import type { DeclaredTotal, DocumentLines, DocumentMeta, Message, RawRow, ReadContext, ReadResult, Reader, StreamedResult } from '../model.js';
import { parseDeclaredTotal } from '../normalize/totals.js';
import { classifyHeaderCells, isSeparatorRow, SEQ_NUMBER, tableRows, type HeaderCell } from './columns.js';
import { hasRuleRow, hasWrapped, lineStartsWith } from './linear.js';
import { append } from '../append.js';

export type Delimiter = 'tab' | 'pipe' | 'comma' | 'semicolon' | 'space';

const DELIMITERS: Delimiter[] = ['tab', 'pipe', 'comma', 'semicolon', 'space'];

/** One line (or one CSV record spanning lines) cut into cells. */
interface Token {
  line: number;
  raw: string;
  cells: string[];
  /** Display column where each cell starts (whitespace-aligned only). */
  starts?: number[];
  /** The line holds the delimiter at all. */
  delimited: boolean;
  /** A CSV record cut short inside a quote (repaired by closing the quote): always a row, never prose. */
  truncated?: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Text hygiene

const BAD_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/g;

function badCharCount(s: string): number {
  return (s.match(BAD_CHAR) ?? []).length;
}

function looksBinary(text: string): boolean {
  const bad = badCharCount(text);
  return bad / text.length > 0.05;
}

function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

// ---------------------------------------------------------------------------------------------------
// Tokenizers

function splitPipe(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells = s.split(/(?<!\\)\|/);
  return s.includes('\\|') ? cells.map((c) => c.replace(/\\\|/g, '|')) : cells;
}

const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** Display width of s written from column w0 (tabs go to the next multiple of 8), as a column. */
function displayWidth(s: string, w0 = 0): number {
  let w = w0;
  for (const ch of s) w += ch === '\t' ? 8 - (w % 8) : ch.charCodeAt(0) < 0x1100 ? 1 : WIDE.test(ch) ? 2 : 1;
  return w;
}

/** Cells separated by 2+ spaces, a tab or an ideographic space, with their display start columns. */
function splitSpaced(line: string): { cells: string[]; starts: number[] } {
  const cells: string[] = [];
  const starts: number[] = [];
  const sep = /(?: {2,}|\t|\u3000)+/g;
  let last = 0;
  // Display column of `last`, carried along (measuring each prefix again is quadratic on a long line).
  let at = 0;
  let col = 0;
  const push = (end: number) => {
    const cell = line.slice(last, end);
    const trimmed = cell.trim();
    if (trimmed !== '') {
      if (last > at) col = displayWidth(line.slice(at, last), col);
      at = last;
      const lead = cell.length - cell.trimStart().length;
      cells.push(trimmed);
      // The measure was displayWidth(prefix) + displayWidth(cell) - displayWidth(cell.trimStart()): the
      // column after the cell's leading blanks. A cell holds no tab (tabs separate cells), so widths add
      // up and that is col + the width of the blanks.
      starts.push(col + (lead ? displayWidth(cell.slice(0, lead)) : 0));
    }
  };
  for (const m of line.matchAll(sep)) {
    push(m.index);
    last = m.index + m[0].length;
  }
  push(line.length);
  return { cells, starts };
}

/**
 * A line csv-parse need not read: without a quote, or with quotes but no delimiter and no quote opening the
 * line (csv-parse then keeps the line as one unquoted field, quotes and all, with relax_quotes).
 */
function plainCsvLine(line: string, delimiter: string): boolean {
  return !line.includes('"') || (line.charCodeAt(0) !== 0x22 && !line.includes(delimiter));
}

/** Lines a quote may carry one CSV record over, at most (csvRecord joins up to 20 more lines). */
const CSV_SPAN = 20;

/**
 * The CSV record that starts at lines[i] (csv-parse; a quote may carry it over lines), and its last index.
 * `base` is the number of lines before lines[0] (the tokenizer keeps a window of the document's lines).
 */
function csvRecord(lines: string[], i: number, delimiter: ',' | ';', messages: Message[] | null, base = 0): { token: Token; last: number } {
  const line = lines[i];
  const lineNo = base + i + 1;
  let buf = line;
  let j = i;
  let cells: string[] | null = null;
  let truncated = false;
  let firstCode: string | undefined;
  for (;;) {
    try {
      const records = parseCsv(buf, { delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
      // A quote spanning lines must make one record; anything else means a stray quote swallowed rows.
      if (j > i && records.length !== 1) throw Object.assign(new Error('stray quote'), { code: 'STRAY_QUOTE' });
      cells = records.length === 1 ? records[0] : records.flat();
      break;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (j === i) firstCode = code;
      if (code === 'CSV_QUOTE_NOT_CLOSED' && j + 1 < lines.length && j - i < CSV_SPAN) {
        j++;
        buf += '\n' + lines[j];
        continue;
      }
      j = i;
      buf = line;
      if (firstCode === 'CSV_QUOTE_NOT_CLOSED') {
        // A record cut short inside a quote (a truncated last row): close the quote and keep what it has.
        try {
          const records = parseCsv(line + '"', { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
          cells = records.flat();
          truncated = true;
          messages?.push({ line: lineNo, severity: 'warning', reason: 'unclosed quote: the record is cut short; kept what it has' });
          break;
        } catch {
          // fall through to the plain split
        }
      }
      messages?.push({
        line: lineNo,
        severity: 'warning',
        reason: `unreadable CSV record (${firstCode ?? code ?? 'unknown error'}): cells split at every "${delimiter}"`,
      });
      cells = line.split(delimiter).map((c) => c.replace(/^\s*"|"\s*$/g, ''));
      break;
    }
  }
  return { token: { line: lineNo, raw: buf, cells: cells ?? [], delimited: buf.includes(delimiter) || truncated, truncated }, last: j };
}

const SPACE_SEP = /(?: {2,}|\t|\u3000)/;

/**
 * Cuts lines into tokens as they come, one line at a time (`push`, then `end` after the last): the whole
 * document's lines need never be held. CSV keeps a window of the next CSV_SPAN lines, as far as a quote can
 * carry a record. With `onlyDelimited`, lines that hold no delimiter are passed over without being cut.
 */
/** A quote-aware split of one line at `sep` (a CSV record within its line: enough to count its cells). */
function splitQuoted(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

const SHOWN: Record<Delimiter, string> = { tab: 'tabs', pipe: '"|"', comma: '","', semicolon: '";"', space: 'spaces' };

/**
 * The other delimiter a line not read as a row of this document would be a row of (three cells or more),
 * or null: a document that holds tables of two kinds is read by the one that finds more, and the other's
 * lines would otherwise pass for headings without a word.
 */
function otherDelimiter(line: string, d: Delimiter): Delimiter | null {
  const filled = (cells: string[]) => cells.filter((c) => c.trim() !== '').length;
  if (d !== 'tab' && line.includes('\t') && filled(line.split('\t')) >= 3) return 'tab';
  if (d !== 'pipe' && line.includes('|') && filled(splitPipe(line)) >= 3) return 'pipe';
  if (d !== 'comma' && line.includes(',') && filled(splitQuoted(line, ',')) >= 3) return 'comma';
  if (d !== 'semicolon' && line.includes(';') && filled(splitQuoted(line, ';')) >= 3) return 'semicolon';
  return null;
}

class Tokenizer {
  private readonly csv: ',' | ';' | null;
  /** CSV: the lines not yet tokenized, from `window[at]`; `base` lines came before `window[0]`. */
  private window: string[] = [];
  private at = 0;
  private base = 0;
  private lineNo = 0;

  constructor(
    private readonly d: Delimiter,
    private readonly messages: Message[] | null,
    private readonly onToken: (t: Token) => void,
    private readonly onlyDelimited = false,
  ) {
    this.csv = d === 'comma' ? ',' : d === 'semicolon' ? ';' : null;
  }

  push(raw: string): void {
    if (this.csv === null) {
      const line = ++this.lineNo;
      const d = this.d;
      if (d === 'tab') {
        if (!this.onlyDelimited || raw.includes('\t')) this.onToken({ line, raw, cells: raw.split('\t'), delimited: raw.includes('\t') });
      } else if (d === 'pipe') {
        if (!this.onlyDelimited || raw.includes('|')) this.onToken({ line, raw, cells: splitPipe(raw), delimited: raw.includes('|') });
      } else if (!this.onlyDelimited || SPACE_SEP.test(raw)) {
        const { cells, starts } = splitSpaced(raw);
        this.onToken({ line, raw, cells, starts, delimited: cells.length > 1 });
      }
      return;
    }
    this.window.push(raw);
    this.drain(false);
  }

  end(): void {
    if (this.csv !== null) this.drain(true);
  }

  private drain(final: boolean): void {
    const delimiter = this.csv!;
    const w = this.window;
    // A record starting at w[at] may reach w[at + CSV_SPAN]: tokenize it only once that line is here (or
    // the document has ended), so that csvRecord sees what it would see in the whole document.
    while (this.at < w.length && (final || w.length - this.at > CSV_SPAN)) {
      const line = w[this.at];
      if (plainCsvLine(line, delimiter)) {
        if (!this.onlyDelimited || line.includes(delimiter)) {
          this.onToken({ line: this.base + this.at + 1, raw: line, cells: line.split(delimiter), delimited: line.includes(delimiter) });
        }
        this.at++;
        continue;
      }
      const { token, last } = csvRecord(w, this.at, delimiter, this.messages, this.base);
      if (!this.onlyDelimited || token.delimited) this.onToken(token);
      this.at = last + 1;
    }
    if (this.at >= 4096) {
      w.splice(0, this.at);
      this.base += this.at;
      this.at = 0;
    }
  }
}

function tokenize(lines: Iterable<string>, d: Delimiter, messages: Message[] | null): Token[] {
  const out: Token[] = [];
  const t = new Tokenizer(d, messages, (tok) => out.push(tok));
  for (const line of lines) t.push(line);
  t.end();
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Choosing the delimiter

interface Analysis {
  delimiter: Delimiter;
  tokens: Token[];
  headers: number;
  /** Lines with two or more non-empty cells. */
  dataLines: number;
  /** Share of those lines with the most common cell count. */
  consistency: number;
}

function nonEmptyCount(cells: string[]): number {
  let n = 0;
  for (const c of cells) if (c.trim() !== '') n++;
  return n;
}

function analyse(lines: string[], d: Delimiter): Analysis {
  const tokens = tokenize(lines, d, null);
  let headers = 0;
  let dataLines = 0;
  const counts = new Map<number, number>();
  for (const t of tokens) {
    if (!t.delimited || nonEmptyCount(t.cells) < 2) continue;
    dataLines++;
    counts.set(t.cells.length, (counts.get(t.cells.length) ?? 0) + 1);
    if (classifyHeaderCells(t.cells)) headers++;
  }
  const modal = Math.max(0, ...counts.values());
  return { delimiter: d, tokens, headers, dataLines, consistency: dataLines ? modal / dataLines : 0 };
}

function better(a: Summary, b: Summary): boolean {
  if ((a.headers > 0) !== (b.headers > 0)) return a.headers > 0;
  return a.dataLines * a.consistency > b.dataLines * b.consistency;
}

/** Which delimiter the text uses, with what it found. */
export function analyseText(text: string): Analysis {
  const lines = splitLines(text);
  let best = analyse(lines, DELIMITERS[0]);
  for (const d of DELIMITERS.slice(1)) {
    const a = analyse(lines, d);
    if (better(a, best)) best = a;
  }
  return best;
}

type Summary = Omit<Analysis, 'tokens'>;

/**
 * analyse() without keeping tokens, fed one line at a time: the same counts, with lines that cannot count
 * (no delimiter in them) passed over before they are cut. (The delimited reader's detect runs this for the
 * five delimiters on every document ingested, wikitext and Markdown included.)
 */
class Summarizer {
  private headers = 0;
  private dataLines = 0;
  private readonly counts = new Map<number, number>();
  private readonly tokenizer: Tokenizer;

  constructor(private readonly d: Delimiter) {
    this.tokenizer = new Tokenizer(d, null, (t) => this.count(t), true);
  }

  push(line: string): void {
    this.tokenizer.push(line);
  }

  private count(t: Token): void {
    if (!t.delimited || nonEmptyCount(t.cells) < 2) return;
    this.dataLines++;
    this.counts.set(t.cells.length, (this.counts.get(t.cells.length) ?? 0) + 1);
    // Only whether there is a header counts (better(), detectDelimited): the first one is enough.
    if (this.headers === 0 && classifyHeaderCells(t.cells)) this.headers++;
  }

  end(): Summary {
    this.tokenizer.end();
    let modal = 0;
    for (const n of this.counts.values()) if (n > modal) modal = n;
    return { delimiter: this.d, headers: this.headers, dataLines: this.dataLines, consistency: this.dataLines ? modal / this.dataLines : 0 };
  }
}

/** The five delimiters' summaries of the same lines, fed one at a time; `best` is analyseText's choice. */
class DelimiterSurvey {
  private readonly all = DELIMITERS.map((d) => new Summarizer(d));

  push(line: string): void {
    for (const s of this.all) s.push(line);
  }

  best(): Summary {
    // As analyseText: the first delimiter, replaced by each later one that does better.
    const sums = this.all.map((s) => s.end());
    let best = sums[0];
    for (const a of sums.slice(1)) if (better(a, best)) best = a;
    return best;
  }
}

/**
 * analyseText without the tokens, remembered for the last text: ingest asks detect() and then read() about
 * the same document, and the analysis tokenizes it five times.
 */
let lastText: string | null = null;
let lastSummary: Summary | null = null;
function summary(text: string): Summary {
  const key = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // splitLines drops the BOM anyway
  if (lastSummary && lastText === key) return lastSummary;
  const survey = new DelimiterSurvey();
  for (const line of splitLines(key)) survey.push(line);
  const best = survey.best();
  lastText = key;
  lastSummary = best;
  return best;
}

// ---------------------------------------------------------------------------------------------------
// Prose

const NOTE_LINE = /^(注|註|备注|備註|附注|附註|说明|說明|note|notes)\s*[:：]/i;
const PARENTHETICAL = /^[(（].*[)）]$/s;
const AS_OF_ZH = /截[止至]到?\s*(\d{4})\s*年(?:\s*(\d{1,2})\s*月)?(?:\s*(\d{1,2})\s*日)?/;
const AS_OF_EN = /\bas of\s+(\d{4})(?:[-/.](\d{1,2}))?(?:[-/.](\d{1,2}))?/i;
const OWNER_ZH = /^(.{1,10}?(?:市|省|自治区|自治區|县|縣|区|區|州|盟))(?:的)?(?:国际|國際)?(?:友好|姊妹|姐妹)/;
const OWNER_EN = /^([A-Z][\p{L}' .-]*?)\s+(?:sister|twin|friendship|partner)\s+(?:cities|city|towns)/iu;

export function asOfFrom(text: string): string | null {
  const m = AS_OF_ZH.exec(text) ?? AS_OF_EN.exec(text);
  if (!m) return null;
  const pad = (s: string) => s.padStart(2, '0');
  return m[1] + (m[2] ? `-${pad(m[2])}` + (m[3] ? `-${pad(m[3])}` : '') : '');
}

// ---------------------------------------------------------------------------------------------------
// Reading

interface Batch {
  section: string | null;
  rows: Array<{ cells: string[]; line: number }>;
}

interface Table {
  header: string[];
  cols: Array<HeaderCell | null>;
  starts?: number[];
  headerLine: number;
  batches: Batch[];
}

/** Places whitespace-aligned cells under the header column whose display start is nearest on the left. */
function alignByPosition(tok: Token, table: Table): string[] {
  const hs = table.starts;
  if (!hs || !tok.starts || tok.cells.length >= table.header.length) return tok.cells;
  const out = new Array<string>(table.header.length).fill('');
  for (let j = 0; j < tok.cells.length; j++) {
    const s = tok.starts[j];
    let k = 0;
    for (let c = 0; c < hs.length; c++) if (hs[c] <= s + 1) k = c;
    // Keep order: never go left of a column already filled by an earlier cell.
    while (out[k] !== '' && k + 1 < out.length) k++;
    out[k] = out[k] ? `${out[k]} ${tok.cells[j]}` : tok.cells[j];
  }
  return out;
}

export function readDelimited(text: string, ctx?: ReadContext): ReadResult {
  void ctx;
  const messages: Message[] = [];
  const rows: RawRow[] = [];
  const totals: DeclaredTotal[] = [];
  const meta: DocumentMeta = {};
  const result = (): ReadResult => ({ rows, messages, meta, totals });

  if (typeof text !== 'string' || text.replace(/^\uFEFF/, '').trim() === '') {
    messages.push(emptyMessage());
    return result();
  }
  if (looksBinary(text)) {
    messages.push(binaryMessage(badCharCount(text)));
    return result();
  }

  const { delimiter } = summary(text);
  const parser = new DelimitedParser(delimiter, messages, totals, meta, (got) => append(rows, got));
  const tokenizer = new Tokenizer(delimiter, messages, (tok) => parser.token(tok));
  for (const line of splitLines(text)) tokenizer.push(line);
  tokenizer.end();
  parser.finish();
  return result();
}

const emptyMessage = (): Message => ({ line: 1, severity: 'warning', reason: 'the document is empty: no rows' });
const binaryMessage = (bad: number): Message => ({
  line: 1,
  severity: 'error',
  reason: `the document looks binary (${bad} unreadable characters): nothing read`,
});

/** Rows of a list held before they are mapped and handed out (a long list goes out in pieces of this size). */
const PIECE_ROWS = 1000;

/**
 * The reading proper, one token at a time: headers start lists, rows are mapped by them (tableRows) and
 * handed to `emit` in document order, prose becomes headings, totals, notes and messages. The same for a
 * document read whole (readDelimited) and one read line by line (readDelimitedLines).
 */
class DelimitedParser {
  /** Lines that read as rows of another delimiter, in a run (blank lines do not break it). */
  private foreign: { d: Delimiter; lines: Array<{ raw: string; line: number }> } | null = null;
  private table: Table | null = null;
  private heading: string | null = null;
  private headingPending = false;
  private headersSeen = 0;
  private readonly orphans: number[] = [];
  /** Rows handed out so far. */
  rows = 0;

  constructor(
    private readonly delimiter: Delimiter,
    private readonly messages: Message[],
    private readonly totals: DeclaredTotal[],
    private readonly meta: DocumentMeta,
    private readonly emit: (rows: RawRow[]) => void,
  ) {}

  /** Maps the rows the list holds and hands them out; `end` when the list ends (else it goes on). */
  private flush(end: boolean): void {
    const table = this.table;
    if (!table) return;
    for (const b of table.batches) {
      if (!b.rows.length) continue;
      const got = tableRows(table.header, b.rows, b.section);
      if (!got) continue; // cannot happen: the header was classified before
      this.rows += got.rows.length;
      if (got.rows.length) this.emit(got.rows);
      append(this.messages, got.messages);
    }
    // tableRows maps each row on its own, so a list mapped in pieces gives what it gives mapped whole. A
    // heading after the piece starts a new batch either way (prose() renames an empty batch: the same).
    if (end) this.table = null;
    else table.batches = [{ section: table.batches[table.batches.length - 1].section, rows: [] }];
  }

  /**
   * A run of two or more lines that are rows of another delimiter is reported (not read: the document's
   * tables use this one); a single such line is prose as any other (a heading may hold commas).
   */
  private endForeign(): void {
    const run = this.foreign;
    if (!run) return;
    this.foreign = null;
    if (run.lines.length === 1) {
      this.prose(run.lines[0].raw, run.lines[0].line, false);
      return;
    }
    const from = run.lines[0].line;
    const to = run.lines[run.lines.length - 1].line;
    const split = (raw: string) => (run.d === 'tab' ? raw.split('\t') : run.d === 'pipe' ? splitPipe(raw) : splitQuoted(raw, run.d === 'comma' ? ',' : ';'));
    const header = split(run.lines[0].raw).map((c) => c.trim());
    const cols = classifyHeaderCells(header);
    if (!cols) {
      this.messages.push({
        line: from,
        severity: 'warning',
        reason:
          `lines ${from}–${to}: ${run.lines.length} rows separated by ${SHOWN[run.d]}, without a header row, in a document whose ` +
          `tables are separated by ${SHOWN[this.delimiter]}: not read (give each table its own file)`,
      });
      return;
    }
    // A table of its own, under its own header: read with its delimiter, then the document's list (if one was
    // open) goes on after it.
    this.messages.push({
      line: from,
      severity: 'info',
      reason: `lines ${from}–${to}: a table separated by ${SHOWN[run.d]} in a document whose tables are separated by ${SHOWN[this.delimiter]}: read with its own delimiter`,
    });
    this.flush(false);
    const outer = this.table;
    this.table = { header, cols, headerLine: from, batches: [{ section: this.heading, rows: [] }] };
    this.headersSeen++;
    for (const l of run.lines.slice(1)) {
      const batch = this.table.batches[this.table.batches.length - 1]; // (a new one after each flush)
      batch.rows.push({ cells: split(l.raw), line: l.line });
      if (batch.rows.length >= PIECE_ROWS) this.flush(false);
    }
    this.flush(true);
    this.table = outer;
    this.headingPending = false;
  }

  private prose(textLine: string, line: number, check = true): void {
    if (check) {
      const d = otherDelimiter(textLine, this.delimiter);
      if (d && this.foreign && this.foreign.d !== d) this.endForeign();
      if (d) {
        this.foreign ??= { d, lines: [] };
        this.foreign.lines.push({ raw: textLine, line });
        return;
      }
      this.endForeign();
    }
    const { messages, meta } = this;
    const t = textLine.replace(/\s+/g, ' ').trim();
    if (NOTE_LINE.test(t)) {
      messages.push({ line, severity: 'info', reason: `note, not a row: ${t}` });
      return;
    }
    if (/\d/.test(t)) {
      if (!meta.asOf) {
        const asOf = asOfFrom(t);
        if (asOf) meta.asOf = asOf;
      }
      const total = parseDeclaredTotal(t);
      if (total) {
        this.totals.push({
          line,
          section: this.headingPending ? this.heading : null,
          countries: total.countries,
          places: total.places,
          text: t,
        });
        return;
      }
    }
    if (PARENTHETICAL.test(t)) return;
    if (SEQ_NUMBER.test(t)) {
      messages.push({ line, severity: 'warning', reason: `a sequence number alone (${t}): truncated row skipped` });
      return;
    }
    if (t.length > 60) {
      messages.push({ line, severity: 'info', reason: 'prose line skipped' });
      return;
    }
    this.heading = t;
    this.headingPending = true;
    if (meta.title == null) meta.title = t;
    if (meta.owner == null) {
      const m = OWNER_ZH.exec(t) ?? OWNER_EN.exec(t);
      if (m) meta.owner = m[1].trim();
    }
    if (this.table) {
      const b = this.table.batches[this.table.batches.length - 1];
      if (b.rows.length) this.table.batches.push({ section: t, rows: [] });
      else b.section = t;
    }
  }

  token(tok: Token): void {
    if (badCharCount(tok.raw) > 0) {
      this.messages.push({ line: tok.line, severity: 'warning', reason: 'unreadable characters on this line: skipped' });
      return;
    }
    const n = nonEmptyCount(tok.cells);
    if (n === 0) return;
    // A row of this document's delimiter ends a run of another's (prose carries it on or ends it in prose())
    if ((tok.delimited && n >= 2) || tok.truncated) this.endForeign();

    if (tok.delimited && n >= 2) {
      const cols = classifyHeaderCells(tok.cells);
      if (cols) {
        this.flush(true);
        this.headersSeen++;
        this.table = {
          header: tok.cells,
          cols,
          starts: tok.starts,
          headerLine: tok.line,
          batches: [{ section: this.heading, rows: [] }],
        };
        this.headingPending = false;
        return;
      }
    }

    const table = this.table as Table | null;
    let isRow = tok.delimited && n >= 2;
    if (tok.delimited && n === 1 && table) {
      // One filled cell: a row only if it sits under a place/country column other than the first known one.
      const idx = tok.cells.findIndex((c) => c.trim() !== '');
      const first = table.cols.findIndex((c) => c !== null);
      const role = table.cols[idx]?.role;
      isRow = idx !== first && (role === 'place' || role === 'foreignPlace' || role === 'cnPlace' || role === 'country');
    }
    if (tok.delimited && isSeparatorRow(tok.cells)) isRow = true;
    if (tok.truncated) isRow = true;

    if (!isRow) {
      this.prose(tok.raw, tok.line);
      return;
    }
    if (!table) {
      this.orphans.push(tok.line);
      return;
    }
    const cells = this.delimiter === 'space' ? alignByPosition(tok, table) : tok.cells;
    const batch = table.batches[table.batches.length - 1];
    batch.rows.push({ cells, line: tok.line });
    this.headingPending = false;
    if (batch.rows.length >= PIECE_ROWS) this.flush(false);
  }

  /** After the last token: the rows still held, and the messages about the whole document (sorted by line). */
  finish(): void {
    const { messages, orphans } = this;
    this.endForeign();
    this.flush(true);
    if (this.headersSeen === 0) {
      messages.push({
        line: orphans[0] ?? 1,
        severity: 'error',
        reason: `no header row recognized${orphans.length ? `: ${orphans.length} table lines not read` : ''}`,
      });
    } else {
      for (const line of orphans) {
        messages.push({ line, severity: 'warning', reason: 'row before any recognized header: skipped' });
      }
    }
    // A header with nothing under it: say so rather than nothing.
    if (this.rows === 0 && messages.length === 0) messages.push({ line: 0, severity: 'warning', reason: 'no rows: nothing in the document reads as a table of friendship cities' });
    messages.sort((a, b) => a.line - b.line);
  }
}

/** Rows handed out at a time by readDelimitedLines. */
const STREAM_ROWS = 2000;

/**
 * readDelimited for a document too large to hold as one string: the same rows (in pieces of about
 * STREAM_ROWS, in document order), messages, meta and totals, from two passes over its lines — the first
 * finds what read() learns from the whole text before its first row (blank, binary, the delimiter), the
 * second reads. Holds the messages, a window of lines (CSV) and one piece of a list at a time.
 */
export function* readDelimitedLines(doc: DocumentLines, ctx?: ReadContext): Generator<RawRow[], StreamedResult, void> {
  void ctx;
  const messages: Message[] = [];
  const totals: DeclaredTotal[] = [];
  const meta: DocumentMeta = {};
  const result = (): StreamedResult => ({ messages, meta, totals });

  // Pass 1. As readDelimited: blank once a BOM is dropped, binary counted on the text as given, the
  // delimiter from summary(), which drops a BOM twice (once itself, once in splitLines).
  let blank = true;
  let bad = 0;
  const survey = new DelimiterSurvey();
  let first = true;
  for (let line of doc.lines()) {
    if (first) {
      first = false;
      bad += badCharCount(line);
      line = line.replace(/^\uFEFF/, '');
      if (blank && /\S/.test(line)) blank = false;
      line = line.replace(/^\uFEFF/, '');
    } else {
      bad += badCharCount(line);
      if (blank && /\S/.test(line)) blank = false;
    }
    survey.push(line);
  }
  if (blank) {
    messages.push(emptyMessage());
    return result();
  }
  if (bad / doc.chars > 0.05) {
    messages.push(binaryMessage(bad));
    return result();
  }

  // Pass 2.
  const { delimiter } = survey.best();
  let piece: RawRow[] = [];
  const parser = new DelimitedParser(delimiter, messages, totals, meta, (got) => append(piece, got));
  const tokenizer = new Tokenizer(delimiter, messages, (tok) => parser.token(tok));
  first = true;
  for (const line of doc.lines()) {
    tokenizer.push(first ? line.replace(/^\uFEFF/, '') : line);
    first = false;
    if (piece.length >= STREAM_ROWS) {
      yield piece;
      piece = [];
    }
  }
  tokenizer.end();
  parser.finish();
  if (piece.length) yield piece;
  return result();
}

// ---------------------------------------------------------------------------------------------------
// Detection

// /^\s*\{\||^\s*\|-\s*$|\[\[[^\]]+\]\]|\{\{[^}]+\}\}/m, in parts that cannot backtrack (see linear.ts).
const WIKITEXT = {
  test: (s: string): boolean =>
    lineStartsWith(s, '{|') ||
    /^[^\S\n\r\u2028\u2029]*\|-[^\S\n\r\u2028\u2029]*$/m.test(s) ||
    hasWrapped(s, '[', ']', ']') ||
    hasWrapped(s, '{', '}', '}'),
};
// /^\s*\|?\s*:?-{3,}:?\s*\|\s*:?-{0,}/m
const GFM_RULE = { test: hasRuleRow };
const HTML_TABLE = /<(table|tr|td)[\s>]/i;
const MD_HEADING = /^#{1,6}\s/m;

function extensionMatches(fileName: string, d: Delimiter): boolean {
  const f = fileName.toLowerCase();
  if (f.endsWith('.csv')) return d === 'comma' || d === 'semicolon';
  if (f.endsWith('.tsv') || f.endsWith('.tab')) return d === 'tab';
  if (f.endsWith('.psv')) return d === 'pipe';
  return false;
}

/**
 * 0 … 1. At most 0.8 unless a header is recognized and the lines agree on a cell count (0.85, 0.9 when
 * the file extension names the delimiter); well below the wikitext/Markdown readers on their formats.
 */
export function detectDelimited(text: string, fileName: string): number {
  if (typeof text !== 'string') return 0;
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '' || looksBinary(body)) return 0;
  let cap = 1;
  if (WIKITEXT.test(body)) cap = Math.min(cap, 0.2);
  if (HTML_TABLE.test(body)) cap = Math.min(cap, 0.3);
  if (GFM_RULE.test(body)) cap = Math.min(cap, 0.4);
  if (MD_HEADING.test(body)) cap = Math.min(cap, 0.5);

  const a = summary(body);
  if (a.dataLines < 2) return Math.min(cap, 0.05);
  let c: number;
  if (a.headers > 0 && a.consistency >= 0.8) c = 0.85;
  else if (a.headers > 0) c = 0.6 + 0.2 * a.consistency;
  // No header: read() would find no rows, so claim the text only weakly (enough to explain why).
  else if (a.consistency >= 0.8 && a.dataLines >= 3) c = a.delimiter === 'space' ? 0.25 : 0.35;
  else c = 0.2 * a.consistency;
  if (extensionMatches(fileName, a.delimiter)) c = Math.min(0.9, c + 0.05);
  return Math.min(cap, c);
}

export const delimitedReader: Reader = {
  name: 'delimited',
  description: 'Delimited tables: pipe, tab, CSV, semicolon or whitespace-aligned columns, with Chinese/English header synonyms',
  detect: (text, fileName) => {
    try {
      return detectDelimited(text, fileName);
    } catch {
      return 0;
    }
  },
  // Documents too large to hold as one string (ingest decides when); an exception here refuses the document.
  readLines: (doc, ctx) => readDelimitedLines(doc, ctx),
  read: (text, ctx) => {
    try {
      return readDelimited(text, ctx);
    } catch (err) {
      return {
        rows: [],
        messages: [{ line: 1, severity: 'error', reason: `delimited reader failed: ${(err as Error)?.message ?? String(err)}` }],
        meta: {},
        totals: [],
      };
    }
  },
};
