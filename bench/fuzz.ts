// Property-based fuzzing of the readers and the ingest path with hostile documents (fast-check).
//
// The properties live here and are shared: test/fuzz.test.ts runs each with a few runs (CI), and
// `npm run fuzz` (this file, built) runs them with FUZZ_RUNS runs each (default 2000) and prints how many
// inputs were tried and every failure. FUZZ_SEED fixes the seed; FUZZ_ONLY=word runs only the properties
// whose name contains it; FUZZ_DUMP=dir writes each failing input there as JSON (property index-n.json);
// inputs slower than FUZZ_SLOW_MS (default 2000) are listed, slowest first; FUZZ_TRACE=1 prints each input
// before it runs (to find one that hangs). Then the line timing (lineTimings): FUZZ_LINE_MB (default 10) MB
// on one line against as many MB of ordinary lines, and against a quarter of it on one line (FUZZ_ONLY=time
// runs only that; FUZZ_LINE_READERS=markdown,delimited only those readers; FUZZ_LINE_UNITS='["*a","[a]("]'
// only those units, besides the document on one line).
//
// Every input starts from a real document (the four samples and the peer CSV) and is mutated: cut
// anywhere, lines duplicated, dropped or shuffled, control characters, BOMs, CRLF / lone CR, random
// Unicode, very long lines, deep nesting and unbalanced markup injected; at the byte level, invalid UTF-8,
// UTF-16 with its BOM, cuts in the middle of a character (through decodeDocument).
import fc from 'fast-check';
import { readFileSync, writeFileSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Message, RawRow, ReadResult, Reader } from '../src/model.js';
import { readers, chooseReader } from '../src/readers/index.js';
import { decodeDocument } from '../src/ingest/decode.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { openRegistry, type DB } from '../src/registry/db.js';
import { SAMPLES_DIR, PACKAGE_ROOT } from '../src/paths.js';
import { delimitedDocument, markdownDocument, wikitextDocument } from './generate.js';

// ---------------------------------------------------------------------------------------------------------
// The documents

export interface Sample {
  name: string;
  text: string;
  /** The reader that detection picks for the unmutated document. */
  reader: Reader;
  rows: RawRow[];
}

export function loadSamples(): Sample[] {
  const files = [
    join(SAMPLES_DIR, '000_0f381ef73e09f27f.txt'),
    join(SAMPLES_DIR, '001_2be138cf16039818.txt'),
    join(SAMPLES_DIR, '002_1b86fcdda1af5c3a.txt'),
    join(SAMPLES_DIR, '003_d8932dca6923e789.txt'),
    join(PACKAGE_ROOT, 'data', 'peer', 'twincities-china-slice.csv'),
  ];
  return files.map((path) => {
    const name = path.split('/').pop()!;
    const text = readFileSync(path, 'utf8');
    const choice = chooseReader(text, name);
    if (!choice.reader) throw new Error(`sample ${name} is not detected`);
    return { name, text, reader: choice.reader, rows: choice.reader.read(text, { fileName: name }).rows };
  });
}

/** Lines of a text, every line ending counted (\r\n, \r, \n) — the most any reader can see. */
export function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/** What must hold of any reader's answer to any text: the problems found, or []. */
export function checkResult(text: string, result: ReadResult, opts: { needRowsOrMessages: boolean }): string[] {
  const problems: string[] = [];
  if (!result || !Array.isArray(result.rows) || !Array.isArray(result.messages)) return ['result has no rows/messages arrays'];
  const lines = lineCount(text);
  if (opts.needRowsOrMessages && result.rows.length === 0 && result.messages.length === 0) problems.push('neither rows nor messages');
  for (const m of result.messages) {
    if (!Number.isInteger(m.line) || m.line < 0 || m.line > lines) problems.push(`message line ${m.line} outside 0..${lines}: ${m.reason}`);
    if (typeof m.reason !== 'string' || m.reason === '') problems.push(`message without a reason at line ${m.line}`);
    if (!['error', 'warning', 'info'].includes(m.severity)) problems.push(`message severity ${m.severity}`);
  }
  for (const r of result.rows) {
    if (!Number.isInteger(r.line) || r.line < 1 || r.line > lines) problems.push(`row line ${r.line} outside 1..${lines}: ${r.foreignPlace}`);
  }
  for (const t of result.totals ?? []) {
    if (!Number.isInteger(t.line) || t.line < 0 || t.line > lines) problems.push(`total line ${t.line} outside 0..${lines}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Hostile pieces

const MARKUP = [
  '{|', '|}', '|-', '|', '||', '!', '!!', '{| class="wikitable"', '<!--', '-->', '{{', '}}', '{{flagicon|', '[[', ']]', '[[a|',
  '<small>', '</small>', '<table>', '</table>', '<tr>', '</tr>', '<td>', '</td>', '<th>', '<tbody>', '<p>', '<a href="x">',
  '<ref>', '</ref>', '<ref name="a"/>', '〖', '〗', '〖[北京市](../Page/北京市.md "wikilink")〗-', '"', '""', '\t', ',', ';',
  '  ', '\u3000', '== ', ' ==', '## ', '# ', '---', '| - |', '| -: | - |', '\\', '\\|', '&amp;', '&#0;', '&#xD800;', '<br>',
  '（', '）', '(', ')', '[', ']', '`', '```', '*', '> ', '    ', '=', '<', '>', '-', '：', '注：',
  '序号 | 城市 | 国家 | 结好签字时间 |', '1 | 奈良市 | 日本 | 1974年2月1日 |', '| 1 || [[日本|日本]] || [[奈良|奈良]] || 1979-05-01',
  '序\t城市名称\t国家\t签约时间', 'city1,country1,city2,country2', '现有9座友好城市：', '(截止2023年5月,我市已与33个国家的40个城市建立了友好城市关系)',
];
const CONTROLS = [
  '\u0000', '\u0001', '\u0007', '\b', '\u000B', '\f', '\u001B', '\u001F', '\u007F', '\u0085', '\u2028', '\u2029', '\uFEFF', '\uFFFD',
  '\uFFFE', '\u200B', '\u200D', '\u202E', '\u2066', '\uD800', '\uDC00', '\uDBFF\uDFFF', '\r', '\n', '\r\n', '\n\r',
];
const LONG_UNITS = ['a', '|', ' | ', '[[', '{{', '<td>', '<!--', '奈良市 ', '"', '〖', '  ', 'x,', '\t', '{|', '!!', '||', '1979年', '(', '）'];

/** Something nested `depth` deep. */
function nested(kind: number, depth: number): string {
  switch (kind % 8) {
    case 0: return '| {| class="wikitable"\n|-\n'.repeat(depth) + '| 1 || 日本 || 奈良 || 1979\n' + '|}\n'.repeat(depth);
    case 1: return '<table><tr><td>'.repeat(depth) + '奈良' + '</td></tr></table>'.repeat(depth);
    case 2: return '<table><tr><td>'.repeat(depth); // never closed
    case 3: return '[['.repeat(depth) + '奈良' + ']]'.repeat(depth >> 1);
    case 4: return '{{'.repeat(depth) + 'flagicon|Japan' + '}}'.repeat(depth >> 1);
    case 5: return '<!--'.repeat(depth) + '* [[奈良|奈良]]（[[日本|日本]] 1994）' + '-->'.repeat(depth >> 2);
    case 6: return '<small>'.repeat(depth) + '日本奈良（1979年）';
    default: return '> '.repeat(depth) + '- '.repeat(depth) + '| a | b |';
  }
}

export interface FuzzSizes {
  /** Longest injected line, in characters. */
  maxLong: number;
  /** Deepest nesting. */
  maxDepth: number;
}

export const CI_SIZES: FuzzSizes = { maxLong: 200_000, maxDepth: 300 };
export const BENCH_SIZES: FuzzSizes = { maxLong: 3_000_000, maxDepth: 5_000 };

/** A hostile piece of text, described (for the report) and made. */
function junkArb(sizes: FuzzSizes): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...MARKUP) },
    { weight: 3, arbitrary: fc.array(fc.constantFrom(...MARKUP, ...CONTROLS), { minLength: 1, maxLength: 12 }).map((a) => a.join('')) },
    { weight: 2, arbitrary: fc.constantFrom(...CONTROLS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', '|', '\n', '\r', '\t', ',', '"', ' ', '奈', '[', ']', '{', '}', '<', '>', '!', '-'), maxLength: 60 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...LONG_UNITS), fc.oneof(fc.integer({ min: 1, max: sizes.maxLong }), fc.noBias(fc.integer({ min: 1, max: sizes.maxLong }))))
        .map(([u, n]) => u.repeat(Math.max(1, Math.floor(n / u.length)))),
    },
    { weight: 1, arbitrary: fc.tuple(fc.nat(7), fc.oneof(fc.integer({ min: 1, max: sizes.maxDepth }), fc.noBias(fc.integer({ min: 1, max: sizes.maxDepth })))).map(([k, d]) => nested(k, d)) },
  );
}

/** A position in [0, 1): mostly uniform (fast-check's bias would put nearly every cut at the start), sometimes an end. */
const frac: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1e6) },
  { weight: 1, arbitrary: fc.constantFrom(0, 0.999999) },
);

type Op =
  | { op: 'cut'; at: number }
  | { op: 'dropRange'; at: number; len: number }
  | { op: 'dupLine'; at: number; times: number }
  | { op: 'dropLine'; at: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'shuffle'; seed: number }
  | { op: 'insert'; at: number; s: string }
  | { op: 'insertLine'; at: number; s: string }
  | { op: 'eol'; style: 'crlf' | 'cr' | 'mixed' | 'lf' }
  | { op: 'bom' };

function opArb(sizes: FuzzSizes): fc.Arbitrary<Op> {
  return fc.oneof(
    { weight: 2, arbitrary: frac.map((at): Op => ({ op: 'cut', at })) },
    { weight: 1, arbitrary: fc.tuple(frac, frac).map(([at, len]): Op => ({ op: 'dropRange', at, len: len * 0.3 })) },
    { weight: 2, arbitrary: fc.tuple(frac, fc.integer({ min: 1, max: 5 })).map(([at, times]): Op => ({ op: 'dupLine', at, times })) },
    { weight: 1, arbitrary: frac.map((at): Op => ({ op: 'dropLine', at })) },
    { weight: 1, arbitrary: fc.tuple(frac, frac).map(([a, b]): Op => ({ op: 'swapLines', a, b })) },
    { weight: 1, arbitrary: fc.integer().map((seed): Op => ({ op: 'shuffle', seed })) },
    { weight: 4, arbitrary: fc.tuple(frac, junkArb(sizes)).map(([at, s]): Op => ({ op: 'insert', at, s })) },
    { weight: 3, arbitrary: fc.tuple(frac, junkArb(sizes)).map(([at, s]): Op => ({ op: 'insertLine', at, s })) },
    { weight: 1, arbitrary: fc.constantFrom('crlf', 'cr', 'mixed', 'lf').map((style): Op => ({ op: 'eol', style: style as 'crlf' })) },
    { weight: 1, arbitrary: fc.constant<Op>({ op: 'bom' }) },
  );
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

export function applyOp(text: string, o: Op): string {
  const idx = (f: number, n: number) => Math.min(n - 1, Math.floor(f * n));
  switch (o.op) {
    case 'cut':
      return text.slice(0, Math.floor(o.at * text.length));
    case 'dropRange': {
      const a = Math.floor(o.at * text.length);
      return text.slice(0, a) + text.slice(a + Math.floor(o.len * text.length));
    }
    case 'insert': {
      const a = Math.floor(o.at * (text.length + 1));
      return text.slice(0, a) + o.s + text.slice(a);
    }
    case 'bom':
      return '\uFEFF' + text;
    case 'eol':
      if (o.style === 'lf') return text.replace(/\r\n?/g, '\n');
      if (o.style === 'crlf') return text.replace(/\r?\n/g, '\r\n');
      if (o.style === 'cr') return text.replace(/\r?\n/g, '\r');
      return text.split(/\r?\n/).reduce((acc, l, i) => (i === 0 ? l : acc + ['\r\n', '\r', '\n'][i % 3] + l), ''); // CRLF, lone CR, LF in turn
  }
  const lines = text.split('\n');
  switch (o.op) {
    case 'dupLine': {
      const i = idx(o.at, lines.length);
      lines.splice(i, 0, ...Array(o.times).fill(lines[i]));
      break;
    }
    case 'dropLine':
      lines.splice(idx(o.at, lines.length), 1);
      break;
    case 'swapLines': {
      const a = idx(o.a, lines.length);
      const b = idx(o.b, lines.length);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      break;
    }
    case 'shuffle': {
      const r = rng(o.seed);
      for (let i = lines.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [lines[i], lines[j]] = [lines[j], lines[i]];
      }
      break;
    }
    case 'insertLine':
      lines.splice(Math.floor(o.at * (lines.length + 1)), 0, o.s);
      break;
  }
  return lines.join('\n');
}

export interface Mutant {
  sample: number;
  ops: Op[];
}

export function mutantArb(nSamples: number, sizes: FuzzSizes, maxOps = 4): fc.Arbitrary<Mutant> {
  return fc.record({ sample: fc.nat(nSamples - 1), ops: fc.array(opArb(sizes), { minLength: 1, maxLength: maxOps }) });
}

export function mutate(samples: Sample[], m: Mutant): string {
  let text = samples[m.sample].text;
  for (const o of m.ops) text = applyOp(text, o);
  return text;
}

/** A short description of a mutant for a failure report (long inserted strings abbreviated). */
export function describeMutant(samples: Sample[], m: Mutant): string {
  const ops = m.ops.map((o) => {
    const copy: Record<string, unknown> = { ...o };
    if (typeof copy.s === 'string' && (copy.s as string).length > 80) {
      const s = copy.s as string;
      copy.s = `${JSON.stringify(s.slice(0, 40))}…(${s.length} chars)`;
    }
    return JSON.stringify(copy);
  });
  return `${samples[m.sample].name} ${ops.join(' ')}`;
}

// ---------------------------------------------------------------------------------------------------------
// Byte-level mutants (through decodeDocument)

type ByteOp =
  | { op: 'encoding'; enc: 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be' | 'utf16le-nobom' }
  | { op: 'insertBytes'; at: number; bytes: number[] }
  | { op: 'cutBytes'; at: number }
  | { op: 'flip'; at: number; value: number };

const BAD_BYTES: number[][] = [
  [0x80], [0xbf], [0xc0, 0xaf], [0xc3], [0xe4, 0xbd], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xfe], [0xff], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], [0x00], [0x00, 0x00], [0x1b, 0x24, 0x42], [0xa1, 0xa1], [0x81, 0x30, 0x81, 0x30],
];

function byteOpArb(): fc.Arbitrary<ByteOp> {
  return fc.oneof(
    fc.constantFrom('utf8', 'utf8bom', 'utf16le', 'utf16be', 'utf16le-nobom').map((enc): ByteOp => ({ op: 'encoding', enc: enc as 'utf8' })),
    fc.tuple(frac, fc.oneof(fc.constantFrom(...BAD_BYTES), fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }))).map(
      ([at, bytes]): ByteOp => ({ op: 'insertBytes', at, bytes }),
    ),
    frac.map((at): ByteOp => ({ op: 'cutBytes', at })),
    fc.tuple(frac, fc.integer({ min: 0, max: 255 })).map(([at, value]): ByteOp => ({ op: 'flip', at, value })),
  );
}

function encode(text: string, enc: string): Buffer {
  switch (enc) {
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16le-nobom':
      return Buffer.from(text, 'utf16le');
    case 'utf16be': {
      const le = Buffer.from(text, 'utf16le');
      le.swap16();
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
    }
    default:
      return Buffer.from(text, 'utf8');
  }
}

export interface ByteMutant {
  mutant: Mutant;
  byteOps: ByteOp[];
}

export function byteMutantArb(nSamples: number, sizes: FuzzSizes): fc.Arbitrary<ByteMutant> {
  return fc.record({ mutant: mutantArb(nSamples, sizes, 2), byteOps: fc.array(byteOpArb(), { minLength: 1, maxLength: 4 }) });
}

export function mutateBytes(samples: Sample[], m: ByteMutant): Buffer {
  let bytes: Buffer = Buffer.from(mutate(samples, m.mutant), 'utf8');
  let text: string | null = mutate(samples, m.mutant);
  for (const o of m.byteOps) {
    if (o.op === 'encoding') {
      if (text !== null) bytes = encode(text, o.enc);
      continue;
    }
    text = null; // once bytes are touched, the encoding is fixed
    if (o.op === 'insertBytes') {
      const a = Math.floor(o.at * (bytes.length + 1));
      bytes = Buffer.concat([bytes.subarray(0, a), Buffer.from(o.bytes), bytes.subarray(a)]);
    } else if (o.op === 'cutBytes') bytes = bytes.subarray(0, Math.floor(o.at * bytes.length));
    else if (bytes.length > 0) {
      bytes = Buffer.from(bytes);
      bytes[Math.min(bytes.length - 1, Math.floor(o.at * bytes.length))] = o.value;
    }
  }
  return bytes;
}

export function describeByteMutant(samples: Sample[], m: ByteMutant): string {
  return `${describeMutant(samples, m.mutant)} bytes: ${m.byteOps.map((o) => JSON.stringify(o)).join(' ')}`;
}

// ---------------------------------------------------------------------------------------------------------
// The properties

/** A property over generated inputs; `check` throws (with what was wrong) on a failing input. */
export interface FuzzProperty<T> {
  name: string;
  arb: fc.Arbitrary<T>;
  check: (input: T) => void;
  describe: (input: T) => string;
  /** Runs relative to the base number (ingest into SQLite is slower: fewer runs). */
  weight: number;
  /** What the inputs came to (reader chosen, refused …), counted as they run. */
  outcomes: Map<string, number>;
}

function count(outcomes: Map<string, number>, key: string): void {
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

export class PropertyFailure extends Error {}

function fail(problems: string[], what: string): void {
  if (problems.length) throw new PropertyFailure(`${what}: ${problems.slice(0, 5).join('; ')}`);
}

/** Reads with every reader, never throwing; the chosen reader (if any) gives rows or messages. Returns the chosen reader's name or 'unknown format'. */
export function readEverywhere(text: string, fileName = 'fuzz.txt'): string {
  for (const r of readers) {
    const c = r.detect(text, fileName);
    if (typeof c !== 'number' || Number.isNaN(c) || c < 0 || c > 1) throw new PropertyFailure(`${r.name}.detect gave ${c}`);
  }
  const choice = chooseReader(text, fileName);
  for (const r of readers) {
    const result = r.read(text, { fileName });
    fail(checkResult(text, result, { needRowsOrMessages: choice.reader === r }), `${r.name}.read`);
  }
  return choice.reader?.name ?? 'unknown format';
}

export interface Tally {
  tried: number;
}

export function properties(samples: Sample[], sizes: FuzzSizes, dir: string): Array<FuzzProperty<any>> {
  const text: FuzzProperty<Mutant> = {
    name: 'text mutants: detect/read never throw, rows or messages, every line within the document',
    arb: mutantArb(samples.length, sizes),
    check: (m) => count(text.outcomes, readEverywhere(mutate(samples, m), samples[m.sample].name)),
    describe: (m) => describeMutant(samples, m),
    weight: 1,
    outcomes: new Map(),
  };
  const bytes: FuzzProperty<ByteMutant> = {
    name: 'byte mutants: decodeDocument then read never throw, lines within the document',
    arb: byteMutantArb(samples.length, sizes),
    check: (m) => {
      const decoded = decodeDocument(mutateBytes(samples, m));
      if (!decoded.ok) {
        if (!decoded.reason) throw new PropertyFailure('refused without a reason');
        count(bytes.outcomes, `refused: ${decoded.reason.replace(/\(.*/, '').trim()}`);
        return;
      }
      if (typeof decoded.text !== 'string') throw new PropertyFailure('decoded text is not a string');
      // Only re-encoded (UTF-8, UTF-8 with BOM, UTF-16 with BOM): the text comes back exactly, less one BOM.
      const encodings = m.byteOps.map((o) => (o.op === 'encoding' ? o.enc : null));
      if (encodings.every((e) => e !== null) && encodings.at(-1) !== 'utf16le-nobom') {
        const expected = Buffer.from(mutate(samples, m.mutant), 'utf8').toString('utf8').replace(/^\uFEFF/, '');
        if (decoded.text !== expected) throw new PropertyFailure(`${encodings.at(-1)} did not round-trip (${decoded.encoding}, ${decoded.text.length} vs ${expected.length} chars)`);
      }
      const chosen = readEverywhere(decoded.text, samples[m.mutant.sample].name);
      count(bytes.outcomes, `${decoded.encoding}${decoded.note ? ' (lossy)' : ''} → ${chosen}`);
    },
    describe: (m) => describeByteMutant(samples, m),
    weight: 1,
    outcomes: new Map(),
  };
  const appended: FuzzProperty<{ sample: number; junk: string[] }> = {
    name: 'junk appended at the end: every row of the document is still read, unchanged',
    arb: fc.record({ sample: fc.nat(samples.length - 1), junk: fc.array(junkArb(sizes), { minLength: 1, maxLength: 6 }) }),
    check: ({ sample, junk }) => {
      const s = samples[sample];
      const sep = s.text.endsWith('\n') ? '' : '\n';
      const text = s.text + sep + '\n' + junk.join('\n');
      const result = s.reader.read(text, { fileName: s.name });
      fail(checkResult(text, result, { needRowsOrMessages: true }), `${s.reader.name}.read`);
      const got = new Map<string, number>();
      for (const r of result.rows) got.set(JSON.stringify(r), (got.get(JSON.stringify(r)) ?? 0) + 1);
      const missing: string[] = [];
      for (const r of s.rows) {
        const k = JSON.stringify(r);
        const n = got.get(k) ?? 0;
        if (n === 0) missing.push(`line ${r.line} ${r.foreignPlace}`);
        else got.set(k, n - 1);
      }
      fail(missing.length ? [`${missing.length} of ${s.rows.length} rows lost or changed (${missing.slice(0, 3).join(', ')})`] : [], s.name);
      count(appended.outcomes, `${s.name}: ${result.rows.length - s.rows.length === 0 ? 'same rows' : 'more rows'}`);
    },
    describe: ({ sample, junk }) =>
      `${samples[sample].name} + ${junk.map((j) => (j.length > 80 ? `${JSON.stringify(j.slice(0, 40))}…(${j.length})` : JSON.stringify(j))).join(' + ')}`,
    weight: 1,
    outcomes: new Map(),
  };
  let db: DB | null = null;
  let k = 0;
  const ingest: FuzzProperty<ByteMutant> = {
    name: 'ingestFile into a temporary registry: added or refused with a message, never a throw; stored lines within the document',
    arb: byteMutantArb(samples.length, { ...sizes, maxLong: Math.min(sizes.maxLong, 50_000) }),
    check: (m) => {
      db ??= openRegistry(join(dir, 'fuzz.db'));
      const bytes = mutateBytes(samples, m);
      const path = join(dir, `fuzz-${k++}-${samples[m.mutant.sample].name}`);
      writeFileSync(path, bytes);
      const report = ingestFile(db, path, { owner: '大连市' });
      const decoded = decodeDocument(bytes);
      const lines = decoded.ok ? lineCount(decoded.text) : 0;
      const problems: string[] = [];
      if (report.status === 'refused') {
        if (!report.messages.some((x) => x.severity === 'error' && x.reason)) problems.push('refused without an error message');
      } else {
        if (!decoded.ok) problems.push(`stored although decodeDocument refuses it (${decoded.reason})`);
        const stored = db
          .prepare('SELECT c.line FROM claims c JOIN sources s ON s.id = c.source_id WHERE s.path = ?')
          .pluck()
          .all(path) as number[];
        for (const l of stored) if (l < 1 || l > lines) problems.push(`stored claim line ${l} outside 1..${lines}`);
      }
      for (const x of report.messages as Message[]) if (x.line < 0 || x.line > Math.max(lines, 0)) problems.push(`message line ${x.line} outside 0..${lines}: ${x.reason}`);
      fail(problems, `ingest ${report.status}`);
      count(ingest.outcomes, report.status === 'refused' ? `refused: ${report.messages.find((x) => x.severity === 'error')?.reason.replace(/[(:;].*/, '').trim()}` : `${report.status} [${report.format}]`);
    },
    describe: (m) => describeByteMutant(samples, m),
    weight: 0.1,
    outcomes: new Map(),
  };
  return [text, bytes, appended, ingest];
}

// ---------------------------------------------------------------------------------------------------------
// Time: one long line against the same bytes in ordinary lines

export const GENERATORS: Array<[string, (n: number) => string]> = [
  ['wikitext', wikitextDocument],
  ['markdown', markdownDocument],
  ['delimited', delimitedDocument],
];

/** A generated document of about `bytes` UTF-8 bytes. */
export function documentOfSize(generate: (n: number) => string, bytes: number): string {
  const per = Buffer.byteLength(generate(1000)) / 1000;
  return generate(Math.ceil(bytes / per));
}

function timed(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

export interface LineTiming {
  reader: string;
  lines: string;
  bytes: number;
  /** Best time of the ordinary document, measured in turn with this long input. */
  normalMs: number;
  /** Best time of the long input. */
  longMs: number;
  /** longMs / normalMs: about 1 when the reader is as fast on one long line as on ordinary lines. */
  ratio: number;
  /** Best time of the same long input at a quarter of the size. */
  quarterMs: number;
  /** longMs / quarterMs: 4 when linear, 16 when quadratic (quarterMs taken as at least normalMs / 10). */
  growth: number;
}

export const LONG_LINE_UNITS = ['[[', '|', '<td>', '{{', '<!--', '"', '[a](', '> ', '*a', "''", '{|'];

/** How a table row of each format starts and ends (a long line put in the middle of a generated table). */
const ROW: Record<string, [string, string]> = { wikitext: ['| ', ' || 1979-05-01'], markdown: ['| | | ', ' |'], delimited: ['1 | ', ' | 日本 | 1979年 |'] };

/** The long inputs of a reader's format, about `bytes` long each: [what, text]. */
function longInputs(name: string, normal: string, bytes: number, units: string[]): Array<[string, string]> {
  const lines = normal.slice(0, 4000).split('\n').slice(0, 30);
  const [pre, post] = ROW[name];
  const out: Array<[string, string]> = [['the document on one line', normal.replace(/\n/g, ' ')]];
  for (const u of units) {
    const run = u.repeat(Math.ceil(bytes / Buffer.byteLength(u)));
    out.push([`${JSON.stringify(u)} repeated`, run]);
    out.push([`a row of ${JSON.stringify(u)}`, [...lines.slice(0, 15), pre + run + post, ...lines.slice(15)].join('\n')]);
  }
  return out;
}

/** Every long input of lineTimings at `bytes`, with its reader (the test suite reads each once, untimed). */
export function longLineCases(bytes: number, units: string[] = LONG_LINE_UNITS): Array<{ reader: Reader; what: string; text: string }> {
  const out: Array<{ reader: Reader; what: string; text: string }> = [];
  for (const [name, generate] of GENERATORS) {
    const reader = readers.find((r) => r.name === name)!;
    const normal = documentOfSize(generate, bytes);
    for (const [what, text] of longInputs(name, normal, Buffer.byteLength(normal), units)) out.push({ reader, what, text });
  }
  return out;
}

/**
 * Each reader reads a generated document of its format (`bytes` long), then the same document with every
 * line ending replaced by a space (one line of the same size), then, for each unit, one line of it alone and
 * one table row of it among thirty lines of the document. The ratio is the long input's time over the
 * ordinary document's; the growth is its time over that of the same input at a quarter of the size.
 *
 * The machine may be shared, its load changing from second to second: so every long input is measured in
 * turn with the ordinary document and its quarter (ordinary, long, quarter, ordinary, long, quarter …, `runs`
 * times) and the best time of each is kept; a burst of load then slows all three alike, and best-of keeps
 * the quietest turn of each.
 */
export function lineTimings(bytes: number, runs = 3, units: string[] = LONG_LINE_UNITS, only?: string[]): LineTiming[] {
  const out: LineTiming[] = [];
  for (const [name, generate] of GENERATORS) {
    if (only && !only.includes(name)) continue;
    const reader = readers.find((r) => r.name === name)!;
    const normal = documentOfSize(generate, bytes);
    const normalBytes = Buffer.byteLength(normal);
    const quarters = new Map(longInputs(name, documentOfSize(generate, bytes / 4), normalBytes / 4, units));
    for (const [what, long] of longInputs(name, normal, normalBytes, units)) {
      const quarter = quarters.get(what)!;
      let normalMs = Infinity;
      let longMs = Infinity;
      let quarterMs = Infinity;
      for (let i = 0; i < runs; i++) {
        normalMs = Math.min(normalMs, timed(() => reader.read(normal, { fileName: 'normal.txt' })));
        longMs = Math.min(longMs, timed(() => reader.read(long, { fileName: 'long.txt' })));
        quarterMs = Math.min(quarterMs, timed(() => reader.read(quarter, { fileName: 'long.txt' })));
      }
      out.push({
        reader: name,
        lines: what,
        bytes: Buffer.byteLength(long),
        normalMs,
        longMs,
        ratio: longMs / Math.max(normalMs, 1),
        quarterMs,
        // A quarter faster than a tenth of the ordinary document is timer noise: counted as that tenth (so a
        // long input faster than 0.8x the ordinary document always passes; a quadratic one as slow as it fails).
        growth: longMs / Math.max(quarterMs, normalMs / 10, 1),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// `npm run fuzz`

async function main(): Promise<void> {
  const runs = Number(process.env.FUZZ_RUNS ?? 2000);
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
  const only = process.env.FUZZ_ONLY;
  const slowMs = Number(process.env.FUZZ_SLOW_MS ?? 2000);
  const trace = Boolean(process.env.FUZZ_TRACE);
  const dir = mkdtempSync(join(tmpdir(), 'youcheng-fuzz-'));
  const samples = loadSamples();
  console.log(`fuzz: seed ${seed}, ${runs} runs per property (ingest: ${Math.round(runs * 0.1)}); samples ${samples.map((s) => `${s.name} [${s.reader.name}, ${s.rows.length} rows]`).join(', ')}`);
  let failures = 0;
  let tried = 0;
  const dump = process.env.FUZZ_DUMP;
  if (dump) mkdirSync(dump, { recursive: true });
  for (const [pi, p] of properties(samples, BENCH_SIZES, dir).entries()) {
    if (only && !p.name.includes(only)) continue;
    const t = performance.now();
    const n = Math.max(1, Math.round(runs * p.weight));
    const seen: string[] = [];
    const slow: Array<[number, string]> = [];
    // Every failing input is reported, not only the first: the predicate records and passes.
    const details = fc.check(
      fc.property(p.arb, (input) => {
        const t0 = performance.now();
        if (trace) process.stderr.write(`${p.describe(input).slice(0, 300)}\n`);
        if (trace && dump) writeFileSync(join(dump, `current-${pi}.json`), JSON.stringify(input));
        try {
          p.check(input);
          const ms = performance.now() - t0;
          if (ms > slowMs) {
            slow.push([ms, p.describe(input)]);
            if (dump) writeFileSync(join(dump, `slow-${pi}-${slow.length}.json`), JSON.stringify(input));
          }
        } catch (e) {
          if (dump) writeFileSync(join(dump, `${pi}-${seen.length}.json`), JSON.stringify(input));
          seen.push(`${p.describe(input)}\n      → ${(e as Error).stack?.split('\n').slice(0, 4).join('\n        ') ?? e}`);
        }
      }),
      { numRuns: n, seed },
    );
    tried += details.numRuns;
    failures += seen.length;
    console.log(`\n${p.name}\n  ${details.numRuns} inputs, ${seen.length} failures, ${((performance.now() - t) / 1000).toFixed(1)} s`);
    console.log(`  ${[...p.outcomes].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
    slow.sort((a, b) => b[0] - a[0]);
    for (const [ms, what] of slow.slice(0, 5)) console.log(`  slow: ${(ms / 1000).toFixed(1)} s ${what.slice(0, 300)}`);
    for (const s of seen.slice(0, 10)) console.log(`  ✗ ${s}`);
    if (seen.length > 10) console.log(`  … and ${seen.length - 10} more`);
  }
  if (!only || 'time'.includes(only)) {
    const mb = Number(process.env.FUZZ_LINE_MB ?? 10);
    const t0 = performance.now();
    console.log(`\ntime: ${mb} MB in one line against ${mb} MB of ordinary lines, and against ${mb / 4} MB in one line (best of 3, in turn)`);
    const lineReaders = process.env.FUZZ_LINE_READERS?.split(',').map((x) => x.trim()).filter(Boolean);
    const units = process.env.FUZZ_LINE_UNITS ? (JSON.parse(process.env.FUZZ_LINE_UNITS) as string[]) : LONG_LINE_UNITS;
    for (const t of lineTimings(mb * 1_000_000, 3, units, lineReaders)) {
      const bad = t.ratio >= 10 || t.growth >= 8 || t.longMs > 60_000;
      if (bad) failures++;
      console.log(
        `  ${bad ? '✗' : '✓'} ${t.reader.padEnd(9)} ${t.lines.padEnd(28)} ${(t.bytes / 1e6).toFixed(1)} MB: ${(t.longMs / 1000).toFixed(2)} s vs ${(t.normalMs / 1000).toFixed(2)} s (${t.ratio.toFixed(2)}×); a quarter ${(t.quarterMs / 1000).toFixed(2)} s (${t.growth.toFixed(2)}×)`,
      );
    }
    console.log(`  ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`\nfuzz: ${tried} inputs tried, ${failures} failures`);
  process.exitCode = failures ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
