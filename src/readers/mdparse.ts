// The Markdown tree for the Markdown/HTML reader, without handing remark a whole long document.
//
// remark (micromark) on a whole document is fine for pages, not for long documents. Measured here
// (remark-parse 11 + remark-gfm 4, one call): 5,000 rows of a GFM table took 1.4 s and 20,000 rows 13.6 s
// (super-linear), 25,000 lines of `|x|` 5.8 s, a paragraph of 25 KB of `]]` 3 s (50 KB: 15 s). So the
// document is cut into blocks first and remark reads only small pieces:
//
// 1. Blocks: the document is cut before a line at column 0 that follows a blank line (not `<`, whose HTML
//    blocks the reader joins across blank lines), and before an ATX heading at column 0 (which ends
//    whatever is open), never inside a fenced code block or an HTML block. What such a line starts can be
//    neither a continuation of the block before it (list item content is indented, laziness stops at a
//    blank line, a heading interrupts everything) nor read differently because of it. Documents with link
//    or footnote definitions (`]:`), which reach across blocks, are read whole, as before.
// 2. Blocks that cannot give the reader anything (no heading, no setext underline or table delimiter row
//    under a line of text, no HTML with a `<table`, looking inside quotes and list items) are not parsed:
//    they become an empty paragraph, which is all the reader needs to see of them (something that is not
//    HTML between two HTML blocks). The first block is always parsed (its first paragraph gives the
//    title); when it is long and uninteresting, only its first line (2,000 characters at most) is.
// 3. The other blocks go to remark in batches of about 64 KB, except GFM tables that start a block with
//    a `|` line: remark reads their header and delimiter (once per distinct pair); then each plain row
//    (text, links, simple tags: see fastRow) is read here in one pass, and what is not plain goes back to
//    remark under the same header, 500 `|` lines at a time (rows of a GFM table are read one by one, so a
//    row reads the same under its own header in a smaller table).
// Positions (line, column, offset) are those of the whole document. test/readers-scale.test.ts compares
// this with remark on whole documents.
//
// What stays remark's: a single block is given to it whole, so a long block that is not a table (tens of
// thousands of headings or setext lines without a blank line, a 2 MB heading) still takes remark's time,
// which is not linear for some of them (50 KB of `=` lines took 41 s).
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Nodes, Root, RootContent, Table, TableRow } from 'mdast';

const processor = unified().use(remarkParse).use(remarkGfm);

// ---------------------------------------------------------------------------------------------------------
// Taming: micromark tries some openers again and again, each to the end of its line, paragraph or cell,
// which takes time quadratic in their number: `<!--`, `<?`, `<!X` without their end and runs of `*` and `_`
// across a paragraph (20,000 `<!--` in one table row: 6 s; 1 MB of them: hours), `[a](` within a line
// (100 KB: 7 s, 400 KB: 90 s). No list writes more than a few in a line (the samples: 10 at most) or in a
// paragraph (7). So a line with more than LINE_LIMIT of the characters that open inline markup
// (\ ` * _ [ ] < ~), or a run of lines (up to a blank line) with more than RUN_LIMIT of `<!`, `<?`, `*`
// and `_`, is read as plain text: those characters are swapped for private-use characters of the same
// length before remark and back after, so positions are unchanged and the text reads as written. A
// tamed line costs remark at most LINE_LIMIT passes over it: linear.
// Containers likewise: a line that opens thousands of nested quotes or list items (`> > > …- - - …`) costs
// remark time quadratic in their number (16,000 characters: 58 s) and then overflows the stack; the markers
// after the first NEST_LIMIT of a line are read as text the same way (no list nests that deep).
// And a line longer than LONG_LINE (no list writes one; a table row or paragraph of megabytes is junk) has
// every ASCII punctuation character and blank after its container markers, heading marks and first `|`
// tamed but `|` (which still splits it into cells): remark reads punctuation and blanks at ~1 MB/s, a word
// ten times faster. Lines that start with `<` are left alone: an HTML block (a one-line `<table>`) is read
// raw, in linear time. Last, the `|` of a line after the first PIPE_LIMIT are tamed: a table row of 100,000
// cells took remark 4 s and 1 GB, one of a million ran out of memory.
// Brackets: while a `[` is open (no `]` has closed it yet), GFM's autolink-literal check walks back to it
// from every word that could start an e-mail address or URL, so a `[` never closed in a paragraph of
// n words costs n walks of up to n steps (a heading, then a `[` and 104 KB of words: 3.6–5.2 s, against
// 0.1–0.2 s without the `[`). So a `[` still open SPAN_LIMIT characters after it within its run of lines
// (matched with the `]`s of the run as a stack, as micromark matches them; `\[` and `\]` skipped; lines
// tamed whole do not count) is read as text. Every open `[` left to remark then closes within SPAN_LIMIT
// characters, and each walk is that long at most. What this changes: such a `[` opens no link (a label
// that long is junk: no list writes one; a `[label](url)` whose label is longer is reported and loses its
// target, its text kept), and an address or URL after it in its paragraph, which remark did not link while
// the `[` was open, is now linked (its text unchanged). A `[` never closed read as text before too: silent.
// Brackets inside a code span (a run of n backticks to the next run of exactly n, across the lines of the
// run; an escaped first backtick opens with the rest of its run), a URI autolink (`<http://x]>`) or an HTML
// open tag (`<a title="]">`) on one line are not brackets to micromark, so they are skipped here too
// (leftmost first, as micromark reads them): else a `[` followed by words and `` `]` `` every few hundred
// characters stayed open to micromark, quadratic (100 KB: 1.5–4 s). Linear: each run of backticks knows
// the next run of its length (and of its length less one), found in one pass back over the run's; each
// `<` is tried once, to its line's end at most (and a line counts only with at most LINE_LIMIT of them).
// Not covered (the `]` still closes here, as before): HTML comments, declarations and tags over lines.

const LINE_LIMIT = 64;
const RUN_LIMIT = 128;
const NEST_LIMIT = 32;
const LONG_LINE = 20_000;
const PIPE_LIMIT = 256;
const SPAN_LIMIT = 500;
/** A URI autolink (CommonMark) and an HTML open tag on one line, from a `<`. */
const AUTOLINK_AT = /<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\x00-\x20<>]*>/y;
const TAG_AT = /<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^ \t\r\n"'=<>`]+|'[^'\r\n]*'|"[^"\r\n]*"))?)*[ \t]*\/?>/y;

/** The end of the autolink or open tag at `at` (a `<`), or -1. */
function tagEnd(text: string, at: number): number {
  AUTOLINK_AT.lastIndex = at;
  if (AUTOLINK_AT.test(text)) return AUTOLINK_AT.lastIndex;
  TAG_AT.lastIndex = at;
  if (TAG_AT.test(text)) return TAG_AT.lastIndex;
  return -1;
}

/**
 * The spans of a run that hide brackets from micromark, in order, not overlapping, as [from, to] pairs in
 * one array: code spans from backtick runs (`ticks`: offset, length, 1 when its first backtick is escaped)
 * and the `<…>` spans `tags` (from, to) may open, the leftmost first. Linear in the number of runs and tags.
 */
function hiddenSpans(ticks: number[], tags: number[]): number[] {
  const runs = ticks.length / 3;
  const spans: number[] = [];
  if (runs === 0 && tags.length === 0) return spans;
  // The next run of a run's length, and of its length less one (what an escaped first backtick leaves).
  const nextSame = new Int32Array(runs);
  const nextShort = new Int32Array(runs);
  const latest = new Map<number, number>();
  for (let j = runs - 1; j >= 0; j--) {
    const len = ticks[3 * j + 1];
    nextSame[j] = latest.get(len) ?? -1;
    nextShort[j] = latest.get(len - 1) ?? -1;
    latest.set(len, j);
  }
  let pos = -1;
  let j = 0;
  let a = 0;
  for (;;) {
    while (j < runs && ticks[3 * j] < pos) j++;
    while (a < tags.length && tags[a] < pos) a += 2;
    if (j >= runs && a >= tags.length) break;
    if (a < tags.length && (j >= runs || tags[a] < ticks[3 * j])) {
      spans.push(tags[a], tags[a + 1]);
      pos = tags[a + 1];
      a += 2;
      continue;
    }
    const at = ticks[3 * j];
    const len = ticks[3 * j + 1];
    const esc = ticks[3 * j + 2] === 1;
    const c = esc ? (len > 1 ? nextShort[j] : -1) : nextSame[j];
    if (c === -1) {
      pos = at + len; // literal backticks
      j++;
      continue;
    }
    const end = ticks[3 * c] + ticks[3 * c + 1];
    spans.push(esc ? at + 1 : at, end);
    pos = end;
    j = c + 1;
  }
  return spans;
}

/** A set of ASCII characters, as a table by code. */
function charSet(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (const ch of chars) t[ch.charCodeAt(0)] = 1;
  return t;
}
const LONG_CHARS = charSet('\t !"#$%&\'()*+,-./:;<=>?@[\\]^_`{}~'); // ASCII punctuation but |, and blanks
const PIPE = charSet('|');
const TAME_CHARS = charSet('\\`*_[]<~');
const OPEN_BRACKET = charSet('[');
const NEST_CHARS = charSet('>*+-.)');
const TAMED_ANY = /[\uE000-\uE07F]/;

/**
 * The text with the characters of each group's set moved to the private-use area (U+E000 + code) within
 * the group's spans, or back from it (set null, one span over the whole text); one UTF-16 unit for one, so
 * every offset is kept. The groups are applied in turn to one buffer (a character moved by one group is
 * past 127 and no later set holds it). In a Buffer, not a string built piece by piece: on a tamed line of
 * megabytes, replace() with a function made a string per character (GC took half the time), and
 * String.fromCharCode over chunks was still ten times slower than this.
 */
function shiftSpans(s: string, groups: Array<[Array<[number, number]>, Uint8Array | null]>): string {
  if (groups.every(([spans]) => spans.length === 0)) return s;
  const b = Buffer.from(s, 'utf16le'); // code units as they are, lone surrogates included
  const u = new Uint16Array(b.buffer, b.byteOffset, b.length >> 1);
  for (const [spans, set] of groups) {
    for (const [from, to] of spans) {
      if (set === null) {
        for (let i = from; i < to; i++) {
          const c = u[i];
          if (c >= 0xe000 && c <= 0xe07f) u[i] = c - 0xe000;
        }
      } else {
        for (let i = from; i < to; i++) {
          const c = u[i];
          if (c < 128 && set[c] === 1) u[i] = c + 0xe000;
        }
      }
    }
  }
  return b.toString('utf16le');
}

/** s with the characters of `set` moved to the private-use area, or back from it (set null). */
function shiftChars(s: string, set: Uint8Array | null): string {
  return shiftSpans(s, [[[[0, s.length]], set]]);
}

/** Text read as plain text: 1-based document lines, inclusive; how many markup characters (or nested containers) they held. */
export interface Tamed {
  from: number;
  to: number;
  count: number;
  kind: 'markup' | 'nesting' | 'long' | 'cells' | 'bracket';
}

/** Where parse() reports what it tamed (set by parseMarkdownChecked for one document). */
let tamedSink: Tamed[] = [];

/** The text with its over-full lines and runs tamed, or null when none is; `line0` is the 1-based line of its first line. */
function tame(text: string, line0: number): string | null {
  const ranges: Array<[number, number]> = []; // to tame, in order, not overlapping
  const nests: Array<[number, number]> = []; // container markers past NEST_LIMIT, in order
  const nestMarks: Tamed[] = [];
  const longs: Array<[number, number]> = []; // long lines, after their structural prefix
  const longMarks: Tamed[] = [];
  const pipes: Array<[number, number]> = []; // a line's | past PIPE_LIMIT
  const tamed: Tamed[] = [];
  // Brackets (see the header): the run's open `[` (offset, line), its `[` open too long, and the line's
  // brackets (`[` as its offset, `]` as -1 - offset), kept until the line is known not to be tamed whole.
  const openAt: number[] = [];
  const openLine: number[] = [];
  const opens: Array<[number, number]> = []; // `[` to tame, in order
  const openMarks: Tamed[] = [];
  let runOpens: Array<[number, number, boolean]> = []; // this run's `[` to tame: offset, line, whether its `]` is followed by `(` or `[`
  const lineBrackets: number[] = [];
  // The run's brackets (as lineBrackets, with their lines), backtick runs (offset, length, escaped) and
  // `<…>` spans (from, to), from the lines that count; matched when the run closes. And the line's.
  let runBrackets: number[] = [];
  let runBracketLines: number[] = [];
  let runTicks: number[] = [];
  let runTags: number[] = [];
  const lineTicks: number[] = [];
  const lineLts: number[] = [];
  let run = -1; // offset where the open run starts, -1 when none is open
  let runLine = 0;
  let runEnd = 0; // offset after the open run's last non-blank line
  let runEndLine = 0;
  let count = 0;
  const close = () => {
    const hidden = hiddenSpans(runTicks, runTags);
    let h = 0;
    for (let k = 0; k < runBrackets.length; k++) {
      const b = runBrackets[k];
      const off = b >= 0 ? b : -1 - b;
      while (h < hidden.length && hidden[h + 1] <= off) h += 2;
      if (h < hidden.length && hidden[h] <= off) continue; // in a code span, autolink or tag
      if (b >= 0) {
        openAt.push(b);
        openLine.push(runBracketLines[k]);
      } else if (openAt.length > 0) {
        const at = openAt.pop()!;
        const ln = openLine.pop()!;
        if (off - at > SPAN_LIMIT) {
          const next = text.charCodeAt(off + 1);
          runOpens.push([at, ln, next === 0x28 || next === 0x5b]);
        }
      }
    }
    runBrackets = [];
    runBracketLines = [];
    runTicks = [];
    runTags = [];
    for (let k = 0; k < openAt.length; k++) if (runEnd - openAt[k] > SPAN_LIMIT) runOpens.push([openAt[k], openLine[k], false]);
    openAt.length = 0;
    openLine.length = 0;
    if (runOpens.length > 0 && !(run !== -1 && count > RUN_LIMIT)) {
      // A run tamed whole has these tamed already. A `[` never closed reads as it did (as text): only
      // those whose `]` may have made a link are reported, one mark per line, in order of offsets.
      runOpens.sort((a, b) => a[0] - b[0]);
      for (const [at, ln, linked] of runOpens) {
        opens.push([at, at + 1]);
        if (!linked) continue;
        const last = openMarks[openMarks.length - 1];
        if (last && last.from === line0 + ln) last.count++;
        else openMarks.push({ from: line0 + ln, to: line0 + ln, count: 1, kind: 'bracket' });
      }
    }
    runOpens = [];
    if (run !== -1 && count > RUN_LIMIT) {
      // The whole run, in place of the lines of it already tamed.
      while (ranges.length && ranges[ranges.length - 1][0] >= run) {
        ranges.pop();
        tamed.pop();
      }
      ranges.push([run, runEnd]);
      tamed.push({ from: line0 + runLine, to: line0 + runEndLine, count, kind: 'markup' });
    }
    run = -1;
    count = 0;
  };
  const n = text.length;
  let i = 0;
  for (let line = 0; i <= n; line++) {
    const start = i;
    let blank = true;
    let openers = 0; // <! <? * _: across the run
    let bars = 0;
    let barCut = -1;
    let markup = 0; // \ ` * _ [ ] < ~: in the line
    let escaped = false; // the previous character was a `\` that escapes this one
    lineBrackets.length = 0;
    lineTicks.length = 0;
    lineLts.length = 0;
    const c0 = text.charCodeAt(i);
    let prefixEnd = i;
    if (c0 === 0x3e || c0 === 0x2d || c0 === 0x2a || c0 === 0x2b || c0 === 0x20 || c0 === 0x09 || (c0 >= 0x30 && c0 <= 0x39)) {
      const nest = containerPrefix(text, i);
      prefixEnd = nest[1];
      if (nest[0] !== -1) {
        nests.push([nest[0], nest[1]]);
        nestMarks.push({ from: line0 + line, to: line0 + line, count: nest[2], kind: 'nesting' });
      }
    }
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a || c === 0x0d) break;
      if (c === 0x20 || c === 0x09) {
        escaped = false;
        continue;
      }
      blank = false;
      if ((c === 0x5b || c === 0x5d) && !escaped && lineBrackets.length <= LINE_LIMIT) lineBrackets.push(c === 0x5b ? i : -1 - i);
      else if (c === 0x60 && lineTicks.length <= 3 * LINE_LIMIT) {
        if (i > start && text.charCodeAt(i - 1) === 0x60 && lineTicks.length > 0) lineTicks[lineTicks.length - 2]++;
        else lineTicks.push(i, 1, escaped ? 1 : 0);
      } else if (c === 0x3c && !escaped && lineLts.length <= LINE_LIMIT) lineLts.push(i);
      escaped = c === 0x5c && !escaped;
      if (c === 0x7c && ++bars > PIPE_LIMIT && barCut === -1) barCut = i;
      if (c === 0x2a || c === 0x5f) {
        openers++;
        markup++;
      } else if (c === 0x3c) {
        markup++;
        const d = text.charCodeAt(i + 1);
        if (d === 0x21 || d === 0x3f) openers++;
      } else if (c === 0x5c || c === 0x60 || c === 0x5b || c === 0x5d || c === 0x7e) markup++;
    }
    if (barCut !== -1) {
      pipes.push([barCut, i]);
      longMarks.push({ from: line0 + line, to: line0 + line, count: bars, kind: 'cells' });
    }
    let longLine = false;
    if (i - start > LONG_LINE) {
      let from = prefixEnd;
      while (text.charCodeAt(from) === 0x23) from++; // # heading
      while (text.charCodeAt(from) === 0x20) from++;
      if (text.charCodeAt(from) === 0x7c) from++; // | a table row
      if (text.charCodeAt(from) !== 0x3c) {
        longs.push([from, i]);
        longMarks.push({ from: line0 + line, to: line0 + line, count: i - start, kind: 'long' });
        longLine = true; // its brackets are text
      }
    }
    if (!longLine && markup <= LINE_LIMIT) {
      for (const b of lineBrackets) {
        runBrackets.push(b);
        runBracketLines.push(line);
      }
      for (const t of lineTicks) runTicks.push(t);
      let tagsTo = -1; // `<` inside a span found on this line start none (the spans are tried in order)
      for (const lt of lineLts) {
        if (lt < tagsTo) continue;
        const end = tagEnd(text, lt);
        if (end !== -1) {
          runTags.push(lt, end);
          tagsTo = end;
        }
      }
    }
    if (blank) close();
    else {
      if (run === -1) {
        run = start;
        runLine = line;
      }
      runEnd = i;
      runEndLine = line;
      if (markup > LINE_LIMIT) {
        // tamed alone, its openers open nothing: they do not count toward its run (which may be a whole
        // HTML table, that would otherwise be read as text for one junk line in it)
        ranges.push([start, i]);
        tamed.push({ from: line0 + line, to: line0 + line, count: markup, kind: 'markup' });
      } else count += openers;
    }
    if (i >= n) break;
    i += text.charCodeAt(i) === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
  }
  close();
  if (ranges.length === 0 && nests.length === 0 && longs.length === 0 && pipes.length === 0 && opens.length === 0) return null;
  for (const t of tamed) tamedSink.push(t);
  for (const t of openMarks) tamedSink.push(t);
  for (const t of nestMarks) tamedSink.push(t);
  for (const t of longMarks) tamedSink.push(t);
  // Each group keeps every offset.
  return shiftSpans(text, [
    [nests, NEST_CHARS],
    [longs, LONG_CHARS],
    [pipes, PIPE],
    [ranges, TAME_CHARS],
    [opens, OPEN_BRACKET],
  ]);
}

const CONTAINER_AT = /(?:>[ \t]?|[-*+](?:[ \t]+|(?=[\r\n]|$))|\d{1,9}[.)](?:[ \t]+|(?=[\r\n]|$))|[ \t]+)/y;

/** The span of a line's container markers past the first NEST_LIMIT (from offset `at`; from = -1 when none is past), and how many it opens in all. */
function containerPrefix(text: string, at: number): [number, number, number] {
  let markers = 0;
  let from = -1;
  let i = at;
  for (;;) {
    CONTAINER_AT.lastIndex = i;
    const m = CONTAINER_AT.exec(text);
    if (!m || m[0].length === 0) break;
    const c = m[0].charCodeAt(0);
    if (c !== 0x20 && c !== 0x09 && ++markers > NEST_LIMIT && from === -1) from = i;
    i += m[0].length;
    if (text.charCodeAt(i) === 0x0a || text.charCodeAt(i) === 0x0d) break;
  }
  return [from, i, markers];
}


/** Puts back what tame() swapped, in every string of the tree (iteratively: the tree may be deep). */
function untame(root: Root): void {
  const stack: Nodes[] = [root];
  const back = (s: string) => (TAMED_ANY.test(s) ? shiftChars(s, null) : s);
  // Inside an HTML block a tamed line stays plain text for the HTML reader too: its `<` and `&` are
  // escaped, so that a junk `<!--` in one row does not comment out the rest of the table.
  const backHtml = (s: string) => (TAMED_ANY.test(s) ? shiftChars(s.replace(/\uE03C/g, '&lt;').replace(/\uE026/g, '&amp;'), null) : s);
  while (stack.length) {
    const node = stack.pop()! as Nodes & { value?: unknown; url?: unknown; title?: unknown; alt?: unknown };
    if (typeof node.value === 'string') node.value = node.type === 'html' ? backHtml(node.value) : back(node.value);
    if (typeof node.url === 'string') node.url = back(node.url);
    if (typeof node.title === 'string') node.title = back(node.title);
    if (typeof node.alt === 'string') node.alt = back(node.alt);
    if ('children' in node) for (const c of node.children as Nodes[]) stack.push(c);
  }
}

/** remark on a text whose first line is the document's line `line0`, tamed where it must be. */
function parse(text: string, line0: number): Root {
  const tamed = tame(text, line0);
  if (tamed === null) return processor.parse(text) as Root;
  const tree = processor.parse(tamed) as Root;
  untame(tree);
  return tree;
}

/** remark on a piece of the document that starts at line `line0` (1-based) and offset `offset0`. */
function parsePiece(text: string, line0: number, offset0: number): RootContent[] {
  const tree = parse(text, line0);
  if (line0 !== 1 || offset0 !== 0) for (const n of tree.children) shift(n, line0 - 1, offset0);
  return tree.children;
}

function shift(node: Nodes, dLine: number, dOffset: number): void {
  const p = node.position;
  if (p) {
    p.start = { line: p.start.line + dLine, column: p.start.column, offset: (p.start.offset ?? 0) + dOffset };
    p.end = { line: p.end.line + dLine, column: p.end.column, offset: (p.end.offset ?? 0) + dOffset };
  }
  if ('children' in node) for (const c of node.children as Nodes[]) shift(c, dLine, dOffset);
}

// ---------------------------------------------------------------------------------------------------------
// Lines

interface Lines {
  text: string;
  /** Start offset of each line; line i is text.slice(start[i], end[i]). */
  start: number[];
  end: number[];
}

/** Lines as micromark counts them (\r\n, \r and \n all end a line). */
function splitLines(text: string): Lines {
  const start: number[] = [0];
  const end: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      end.push(i);
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      start.push(i + 1);
    }
  }
  end.push(n);
  return { text, start, end };
}

const line = (L: Lines, i: number): string => L.text.slice(L.start[i], L.end[i]);

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
/** HTML blocks of kinds 1–5 (CommonMark 4.6), which run over blank lines, with their end markers. */
const HTML_LONG: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(script|pre|style|textarea)(\s|>|$)/i, /<\/(script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
/** What a line can make the reader see: 0 nothing, 1 a heading or table, 2 HTML (which matters with a `<table`). */
const CONTAINER = /^(?:>[ \t]?|[-*+](?:[ \t]+|$)|\d{1,9}[.)](?:[ \t]+|$)|[ \t]+)/;
const UNDERLINE = /^(?:=+|-+)[ \t]*$/;
const DELIMITER_LIKE = /^[ \t]*[|:-][ \t|:-]*$/;
const ATX = /^#{1,6}(?:[ \t]|$)/;

function lineRole(s: string, afterText: boolean): 0 | 1 | 2 {
  // Take off quote and list markers: what they hold is what counts.
  let r = s;
  for (let k = 0; k < 100; k++) {
    const m = CONTAINER.exec(r);
    if (!m || m[0].length === 0) break;
    r = r.slice(m[0].length);
  }
  const c = r.charCodeAt(0);
  if (c === 0x23) return 1; // # heading
  if (c === 0x3c) return 2; // < HTML
  // A setext underline or a table delimiter row needs a line of text just above it.
  if (afterText && (c === 0x3d || c === 0x2d || c === 0x7c || c === 0x3a)) {
    if (UNDERLINE.test(r) || (DELIMITER_LIKE.test(r) && r.includes('-'))) return 1;
  }
  return 0;
}

interface Block {
  from: number; // first line
  to: number; // after the last line
  interesting: boolean;
}

/** The blocks of the document (see the header), or null when it must be read whole (unless told to cut it anyway). */
function blocks(L: Lines, evenWithDefinitions = false): Block[] | null {
  if (!evenWithDefinitions && L.text.includes(']:')) return null;
  const out: Block[] = [];
  const n = L.start.length;
  let from = 0;
  let interesting = false;
  let html = false; // the block has a line that starts HTML
  let fence: string | null = null; // the opening fence's marker run
  let htmlEnd: RegExp | null = null;
  let htmlShort = false; // an HTML block that ends at the next blank line may be open
  let prevBlank = true;
  const close = (to: number) => {
    if (!interesting && html && /<table/i.test(L.text.slice(L.start[from], L.end[to - 1]))) interesting = true;
    out.push({ from, to, interesting });
    from = to;
    interesting = false;
    html = false;
  };
  for (let i = 0; i < n; i++) {
    const s = line(L, i);
    const blank = isBlank(s);
    if (blank) htmlShort = false;
    if (fence === null && htmlEnd === null && !blank && i > from) {
      const c = s.charCodeAt(0);
      // After a blank line, a line at column 0 (not `<`, which the reader may join to HTML before it);
      // or an ATX heading at column 0, which ends whatever is open (outside HTML blocks).
      if ((prevBlank && c !== 0x20 && c !== 0x09 && c !== 0x3c) || (!htmlShort && c === 0x23 && ATX.test(s))) close(i);
    }
    // Long constructs, at the top level only (inside a list or quote they end with it; seeing one too
    // many here only keeps blocks together).
    if (fence !== null) {
      const m = FENCE_CLOSE.exec(s);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = null;
    } else if (htmlEnd !== null) {
      if (htmlEnd.test(s)) htmlEnd = null;
    } else {
      const f = FENCE_OPEN.exec(s);
      if (f) fence = f[1];
      else if (/^ {0,3}</.test(s)) {
        htmlShort = true;
        for (const [open, end] of HTML_LONG) {
          if (open.test(s)) {
            if (!end.test(s)) htmlEnd = end;
            break;
          }
        }
      }
    }
    if (!blank) {
      const role = lineRole(s, !prevBlank && i > from);
      if (role === 1) interesting = true;
      else if (role === 2) html = true;
    }
    prevBlank = blank;
  }
  if (from < n) close(n);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Plain GFM table rows

/** Characters a plain cell's text may not hold: everything micromark/GFM reads as markup in a cell. */
const UNSAFE = (() => {
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x20; c++) t[c] = 1; // controls, tabs
  for (const ch of '\\`*_[]<>!&~|@:') t[ch.charCodeAt(0)] = 1; // ( and ) are text unless after ]
  t[0x7f] = 1;
  return t;
})();
/** A link target: no blank, no bracket or angle bracket, no escape, no quote. */
const UNSAFE_DEST = (() => {
  const t = new Uint8Array(0x10000);
  for (let c = 0; c <= 0x20; c++) t[c] = 1;
  for (const ch of '\\()<>"|`&') t[ch.charCodeAt(0)] = 1;
  t[0x7f] = 1;
  return t;
})();

function isUnicodeSpace(c: number): boolean {
  // Unicode whitespace and punctuation matter to emphasis and autolinks, which plain text has none of;
  // but a cell's edges are trimmed of ASCII spaces only, so keep other blanks out of the edges' way.
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const SIMPLE_TAG = /^<(\/?)([A-Za-z][A-Za-z0-9]*) ?(\/?)>/;
const WWW = /www\./i;

/** A cell's content, flattened: what the reader's conventions need from either Markdown or HTML. */
export type Piece =
  | { kind: 'text'; value: string }
  | { kind: 'link'; label: string; target: string | null }
  | { kind: 'break' }
  | { kind: 'tag'; value: string };

/** A row read here, carried on its (childless) mdast tableRow as `data.plainCells`: a line per cell. */
export interface PlainCell {
  pieces: Piece[];
  line: number;
}

const BR = /^<br\s*\/?>$/i;

/**
 * A plain cell's content as the reader's pieces (what it makes of remark's text, link and html nodes), or
 * null when it is not plain. `s` is the cell without its edge spaces.
 */
function fastCell(s: string): Piece[] | null {
  const out: Piece[] = [];
  let i = 0;
  let run = 0;
  const n = s.length;
  const flush = (end: number) => {
    if (end > run) out.push({ kind: 'text', value: s.slice(run, end) });
  };
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 0x5b) {
      // [label](dest) or [label](dest "title")
      const close = s.indexOf(']', i + 1);
      if (close === -1 || close === i + 1 || s.charCodeAt(close + 1) !== 0x28) return null;
      if (s.charCodeAt(i + 1) === 0x5e) return null; // [^…]: a footnote call
      for (let k = i + 1; k < close; k++) {
        const ch = s.charCodeAt(k);
        if (UNSAFE[ch] === 1 || isUnicodeSpace(ch)) return null;
      }
      let k = close + 2;
      const d0 = k;
      while (k < n && UNSAFE_DEST[s.charCodeAt(k)] !== 1) k++;
      if (k === d0) return null;
      const url = s.slice(d0, k);
      let title: string | null = null;
      if (s.charCodeAt(k) === 0x20) {
        while (s.charCodeAt(k) === 0x20) k++;
        if (s.charCodeAt(k) !== 0x22) return null;
        const q = s.indexOf('"', k + 1);
        if (q === -1) return null;
        title = s.slice(k + 1, q);
        if (/[\\&\n\r`|]/.test(title)) return null;
        k = q + 1;
        while (s.charCodeAt(k) === 0x20) k++;
      }
      if (s.charCodeAt(k) !== 0x29) return null;
      void title;
      flush(i);
      out.push({ kind: 'link', label: s.slice(i + 1, close), target: url });
      i = k + 1;
      run = i;
      continue;
    }
    if (c === 0x3c) {
      const m = SIMPLE_TAG.exec(s.slice(i, i + 40));
      if (!m || (m[1] && m[3])) return null;
      flush(i);
      out.push(BR.test(m[0]) ? { kind: 'break' } : { kind: 'tag', value: m[0] });
      i += m[0].length;
      run = i;
      continue;
    }
    if (UNSAFE[c] === 1 || isUnicodeSpace(c)) return null;
    i++;
  }
  flush(n);
  // Text that GFM would link by itself, or entity-like text: leave to remark.
  for (const p of out) if (p.kind === 'text' && WWW.test(p.value)) return null;
  return out;
}

/**
 * A plain GFM table row (`| a | [b](c "t") | <small>d |`): an mdast tableRow without children whose
 * `data.plainCells` hold what the reader would make of remark's cells; null when the row is not plain.
 * The line starts and ends with `|`; cells are trimmed of spaces; see fastCell for what a cell may hold.
 */
function fastRow(L: Lines, i: number): TableRow | null {
  const s = line(L, i);
  const n = s.length;
  if (n < 2 || s.charCodeAt(0) !== 0x7c) return null;
  let e = n;
  while (e > 0 && s.charCodeAt(e - 1) === 0x20) e--;
  if (e < 2 || s.charCodeAt(e - 1) !== 0x7c) return null;
  const lineNo = i + 1;
  const base = L.start[i];
  const cells: PlainCell[] = [];
  let a = 1;
  while (a < e) {
    const b = s.indexOf('|', a);
    let x = a;
    let y = b;
    while (x < y && s.charCodeAt(x) === 0x20) x++;
    while (y > x && s.charCodeAt(y - 1) === 0x20) y--;
    const pieces = x < y ? fastCell(s.slice(x, y)) : [];
    if (pieces === null) return null;
    cells.push({ pieces, line: lineNo });
    a = b + 1;
  }
  if (cells.length === 0) return null;
  return {
    type: 'tableRow',
    children: [],
    position: { start: { line: lineNo, column: 1, offset: base }, end: { line: lineNo, column: e + 1, offset: base + e } },
    data: { plainCells: cells } as TableRow['data'],
  };
}

/**
 * A table row longer than LONG_LINE that fastRow does not take (`| | | *a*a*a…`), split into cells here as
 * remark splits it once tame() has made it plain text: at its first PIPE_LIMIT `|` (escaped or not: tame()
 * takes the `\` too), the cells trimmed, each one text piece as written. remark on such a row was linear
 * but slow (10 MB of `*a` or `[a](`: 24–28 times 10 MB of ordinary rows, nearly all of it remark and GC).
 * Its marks are those tame() would give it (markup, cells, long), so the reader says the same. null when
 * the row is not long, or when tame() would leave it to remark (a `|` followed by `<`: HTML, read raw).
 */
function isLongRow(L: Lines, i: number): boolean {
  return L.end[i] - L.start[i] > LONG_LINE && L.text.charCodeAt(L.start[i]) === 0x7c && L.text.charCodeAt(L.start[i] + 1) !== 0x3c;
}

function longRow(L: Lines, i: number): TableRow | null {
  if (!isLongRow(L, i)) return null;
  const s = line(L, i);
  const n = s.length;
  let e = n;
  while (e > 1 && (s.charCodeAt(e - 1) === 0x20 || s.charCodeAt(e - 1) === 0x09)) e--;
  const lineNo = i + 1;
  const cells: PlainCell[] = [];
  const cell = (a: number, b: number) => {
    while (a < b && (s.charCodeAt(a) === 0x20 || s.charCodeAt(a) === 0x09)) a++;
    while (b > a && (s.charCodeAt(b - 1) === 0x20 || s.charCodeAt(b - 1) === 0x09)) b--;
    cells.push({ pieces: a < b ? [{ kind: 'text', value: s.slice(a, b) }] : [], line: lineNo });
  };
  let bars = 1; // the row's first `|`
  let a = 1;
  for (;;) {
    const b = bars < PIPE_LIMIT ? s.indexOf('|', a) : -1;
    if (b === -1 || b >= e) {
      if (a < e) cell(a, e); // else the row ended with its `|`
      break;
    }
    cell(a, b);
    bars++;
    a = b + 1;
  }
  // What tame() reports of the line: its markup characters, its `|`, its length.
  let markup = 0;
  let allBars = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c === 0x7c) allBars++;
    else if (c < 128 && TAME_CHARS[c] === 1) markup++;
  }
  if (markup > LINE_LIMIT) tamedSink.push({ from: lineNo, to: lineNo, count: markup, kind: 'markup' });
  if (allBars > PIPE_LIMIT) tamedSink.push({ from: lineNo, to: lineNo, count: allBars, kind: 'cells' });
  tamedSink.push({ from: lineNo, to: lineNo, count: n, kind: 'long' });
  const base = L.start[i];
  return {
    type: 'tableRow',
    children: [],
    position: { start: { line: lineNo, column: 1, offset: base }, end: { line: lineNo, column: e + 1, offset: base + e } },
    data: { plainCells: cells } as TableRow['data'],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Reading

const BATCH_CHARS = 64 * 1024;
const TABLE_SLICE = 500;
const FIRST_LINE_MAX = 2_000;

/** How remark reads a header and delimiter pair (the same pair heads every table of a long list). */
const heads = new Map<string, { align: Table['align']; head: TableRow } | null>();

/** A GFM table that starts the block, read with fast rows; false when the block does not start with one. */
function readTable(L: Lines, b: Block, out: RootContent[]): boolean {
  if (b.to - b.from < 4) return false;
  const h = b.from;
  const head = line(L, h);
  const delimiter = line(L, h + 1);
  if (head.charCodeAt(0) !== 0x7c || !DELIMITER_LIKE.test(delimiter) || line(L, h + 2).charCodeAt(0) !== 0x7c) return false;
  // remark reads the header and the delimiter: it must see a table there (whatever follows is rows).
  const key = head + '\n' + delimiter;
  let known = heads.get(key);
  if (known === undefined) {
    const first = parse(key, h + 1).children;
    const t = first[0];
    known = first.length === 1 && t.type === 'table' && t.children.length === 1 ? { align: t.align, head: t.children[0] } : null;
    if (heads.size > 100) heads.clear();
    heads.set(key, known);
  }
  if (!known) return false;
  const headRow = structuredClone(known.head);
  shift(headRow, h, L.start[h]);
  const table: Table = {
    type: 'table',
    align: known.align ? [...known.align] : known.align,
    children: [headRow],
    position: { start: { ...headRow.position!.start }, end: { ...headRow.position!.end } },
  };
  const prefix = key + '\n';
  // The prefix stands in for lines h and h + 1: the piece's line 3 is the document's line `from + 1`.
  const underHeader = (from: number, to: number): RootContent[] => {
    const piece = prefix + L.text.slice(L.start[from], L.end[to - 1]);
    const tree = parse(piece, from - 1); // the prefix's two lines stand for lines from - 1 and from
    const dLine = from - 2;
    const dOffset = L.start[from] - prefix.length;
    for (const n of tree.children) shift(n, dLine, dOffset);
    return tree.children;
  };
  let i = h + 2;
  while (i < b.to) {
    const row = fastRow(L, i) ?? longRow(L, i);
    if (row) {
      table.children.push(row);
      i++;
      continue;
    }
    // A blank line ends the table; what follows in the block is read as it comes.
    if (isBlank(line(L, i))) {
      table.position!.end = table.children[table.children.length - 1].position!.end;
      out.push(table);
      let k = i;
      while (k < b.to && isBlank(line(L, k))) k++;
      if (k < b.to) out.push(...parsePiece(L.text.slice(L.start[k], L.end[b.to - 1]), k + 1, L.start[k]));
      return true;
    }
    // Not plain: `|` lines go to remark under the header, a slice at a time; another line, and all that
    // follows it, as it comes (it may end the table).
    let j = i;
    const pipes = line(L, i).charCodeAt(0) === 0x7c;
    if (pipes) {
      while (j < b.to && j - i < TABLE_SLICE && line(L, j).charCodeAt(0) === 0x7c && !fastRow(L, j) && !isLongRow(L, j)) j++;
    } else j = b.to;
    const nodes = underHeader(i, j);
    const sub = nodes[0];
    if (!sub || sub.type !== 'table') return rewind(L, b, out);
    for (const r of sub.children.slice(1)) table.children.push(r);
    if (nodes.length > 1) {
      if (pipes) return rewind(L, b, out); // a `|` line cannot end a table: unexpected, read the block whole
      table.position!.end = sub.position!.end;
      out.push(table, ...nodes.slice(1));
      return true;
    }
    i = j;
  }
  const last = table.children[table.children.length - 1];
  table.position!.end = last.position!.end;
  out.push(table);
  return true;
}

/** The block read whole by remark (when the table path meets what it did not expect). */
function rewind(L: Lines, b: Block, out: RootContent[]): boolean {
  out.push(...parsePiece(L.text.slice(L.start[b.from], L.end[b.to - 1]), b.from + 1, L.start[b.from]));
  return true;
}

/** Lines of the document that remark could not read (1-based, inclusive), and why. */
export interface Unreadable {
  from: number;
  to: number;
  reason: string;
}

/** The mdast tree of a Markdown document, with positions in the document (see the header). */
export function parseMarkdown(text: string): Root {
  return parseMarkdownChecked(text).tree;
}

/** An empty paragraph standing for lines from … to - 1 (0-based), as for a block that cannot matter. */
function placeholder(L: Lines, from: number, to: number): RootContent {
  return {
    type: 'paragraph',
    children: [],
    position: {
      start: { line: from + 1, column: 1, offset: L.start[from] },
      end: { line: to, column: L.end[to - 1] - L.start[to - 1] + 1, offset: L.end[to - 1] },
    },
  };
}

/**
 * parseMarkdown, and the blocks remark failed on. remark recurses: thousands of nested quotes or list
 * items (`> > > …- - - …`) overflow the stack. Such a block becomes an empty paragraph and is reported;
 * the rest of the document is read as usual (a batch that fails is read again block by block).
 */
export function parseMarkdownChecked(text: string): { tree: Root; unreadable: Unreadable[]; tamed: Tamed[] } {
  const L = splitLines(text);
  const unreadable: Unreadable[] = [];
  const tamed: Tamed[] = [];
  tamedSink = tamed;
  let bs = blocks(L);
  if (!bs) {
    try {
      return { tree: parse(text, 1), unreadable, tamed };
    } catch {
      bs = blocks(L, true) ?? []; // read block by block rather than not at all (definitions then reach only their block)
    }
  }
  const out: RootContent[] = [];
  /** f's nodes, or a placeholder for the block when remark fails on it. */
  const guarded = (from: number, to: number, f: (out: RootContent[]) => void): boolean => {
    const mine: RootContent[] = [];
    try {
      f(mine);
    } catch (e) {
      out.push(placeholder(L, from, to));
      unreadable.push({ from: from + 1, to, reason: e instanceof Error ? e.message : String(e) });
      return false;
    }
    for (const n of mine) out.push(n);
    return true;
  };
  let batch: Block[] = []; // the pending batch of blocks for remark
  const flush = () => {
    if (batch.length === 0) return;
    const from = batch[0].from;
    const to = batch[batch.length - 1].to;
    const ok = guarded(from, to, (o) => {
      for (const n of parsePiece(L.text.slice(L.start[from], L.end[to - 1]), from + 1, L.start[from])) o.push(n);
    });
    if (!ok && batch.length > 1) {
      // Again block by block, so that one block remark cannot read costs only itself.
      out.pop();
      unreadable.pop();
      for (const b of batch) {
        guarded(b.from, b.to, (o) => {
          for (const n of parsePiece(L.text.slice(L.start[b.from], L.end[b.to - 1]), b.from + 1, L.start[b.from])) o.push(n);
        });
      }
    }
    batch = [];
  };
  let seenContent = false;
  for (const b of bs) {
    const hasContent = (() => {
      for (let i = b.from; i < b.to; i++) if (!isBlank(line(L, i))) return true;
      return false;
    })();
    if (!hasContent) continue;
    const firstBlock = !seenContent;
    seenContent = true;
    if (!b.interesting) {
      flush();
      if (firstBlock) {
        const size = L.end[b.to - 1] - L.start[b.from];
        if (size <= BATCH_CHARS) {
          guarded(b.from, b.to, (o) => {
            for (const n of parsePiece(L.text.slice(L.start[b.from], L.end[b.to - 1]), b.from + 1, L.start[b.from])) o.push(n);
          });
          continue;
        }
        // Long and uninteresting: its first line tells the title.
        let f = b.from;
        while (isBlank(line(L, f))) f++;
        const first = line(L, f).slice(0, FIRST_LINE_MAX);
        guarded(f, f + 1, (o) => {
          const nodes = parsePiece(first, f + 1, L.start[f]);
          if (nodes[0]) o.push(nodes[0]);
        });
        continue;
      }
      out.push(placeholder(L, b.from, b.to));
      continue;
    }
    if (b.to - b.from >= 4 && line(L, b.from).charCodeAt(0) === 0x7c) {
      flush();
      let done = false;
      const ok = guarded(b.from, b.to, (o) => {
        done = readTable(L, b, o);
      });
      if (!ok || done) continue;
    }
    if (batch.length > 0 && L.end[b.to - 1] - L.start[batch[0].from] > BATCH_CHARS) flush();
    batch.push(b);
  }
  flush();
  const last = L.start.length - 1;
  return {
    tree: {
      type: 'root',
      children: out,
      position: { start: { line: 1, column: 1, offset: 0 }, end: { line: last + 1, column: L.end[last] - L.start[last] + 1, offset: text.length } },
    },
    unreadable,
    tamed,
  };
}
