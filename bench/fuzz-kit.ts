// `npm run fuzz:kit`: the reading kit against mutated real documents, at scale.
//
// Every input is a real document (test/fixtures/world/*, test/fixtures/office/*.html, data/samples/*.txt)
// mutated 1–4 times: bytes flipped (then decoded as ingest decodes them), cut, lines duplicated, removed or
// shuffled, markup inserted (`<!--`, `{{`, `[[`, `|`, `<table>`, unclosed tags …), a very long line (up to
// 1 MB of one character), deeply nested bullets, mixed scripts, NUL and control characters, random Unicode
// (lone surrogates included), line endings changed; its file name is sometimes changed so another layout
// reads it. Each is read by `readWithKit` and by the ingest path `readText` (reader choice, the table readers,
// the kit, normalizeRow), and one in PREVIEW_EVERY through `previewFile` on a temp file. Checked: no throw,
// no reader-failed refusal, every row's line within 1..lines of the document, every message's line within
// 0..lines, and the time per input under the bound (BOUND_MS per started 100 KB of input: 2 s for ≤ 100 KB).
// Then the office files (xlsx, docx, pdf fixtures) with their bytes mutated, through `officeLayout`: each
// must give a Layout (then assembled) or throw a LayoutRefusal, nothing else, within OFFICE_BOUND_MS.
//
// Inputs are numbered; input i is made from a PRNG seeded with (seed, i), so one input is reproduced alone:
// FUZZ_KIT_SEED=s FUZZ_KIT_ONE=i (FUZZ_KIT_DUMP=file writes it). FUZZ_KIT_RUNS (100000) text inputs,
// FUZZ_KIT_OFFICE_RUNS (2% of the text runs, per office format) office inputs, FUZZ_KIT_WORKERS (2) worker
// threads; a worker silent for FUZZ_KIT_WATCHDOG_MS (60000) is stopped, its input counted as a hang, and
// the run goes on with the next input. FUZZ_KIT_PARTIAL=file keeps the summary so far in that file (JSON).
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PACKAGE_ROOT, SAMPLES_DIR } from '../src/paths.js';
import { readWithKit, placeQuestions } from '../src/readers/lists.js';
import { chooseReader } from '../src/readers/index.js';
import { readText } from '../src/ingest/ingest.js';
import { decodeDocument } from '../src/ingest/decode.js';
import { previewFile } from '../src/ingest/preview.js';
import { officeLayout } from '../src/layout/office.js';
import { isLayoutRefusal } from '../src/layout/refusal.js';
import { assemble } from '../src/assemble/records.js';
import type { Message, RawRow } from '../src/model.js';

export const BOUND_MS = 2000;
export const OFFICE_BOUND_MS = 10_000;
const PREVIEW_EVERY = 50;

// ---------------------------------------------------------------------------------------------------------
// Seeded PRNG

// The seeded generator and the line count of the other runs: one of each.
import { rng as prng } from './crash.js';
import { lineCount } from './fuzz.js';
export { prng, lineCount };

function inputSeed(seed: number, i: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ i, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)];

// ---------------------------------------------------------------------------------------------------------
// The corpus

export interface Doc {
  name: string;
  text: string;
  bytes: Buffer;
}

export function loadCorpus(): { text: Doc[]; office: Doc[] } {
  const text: Doc[] = [];
  const office: Doc[] = [];
  const world = join(PACKAGE_ROOT, 'test', 'fixtures', 'world');
  for (const n of readdirSync(world).sort()) {
    const bytes = readFileSync(join(world, n));
    text.push({ name: n, text: bytes.toString('utf8'), bytes });
  }
  const off = join(PACKAGE_ROOT, 'test', 'fixtures', 'office');
  for (const n of readdirSync(off).sort()) {
    const bytes = readFileSync(join(off, n));
    if (n.endsWith('.html')) text.push({ name: n, text: decodeDocument(bytes).ok ? (decodeDocument(bytes) as { text: string }).text : bytes.toString('latin1'), bytes });
    if (/\.(xlsx|docx|pdf)$/.test(n)) office.push({ name: n, text: '', bytes });
  }
  for (const n of readdirSync(SAMPLES_DIR).sort()) {
    if (!n.endsWith('.txt')) continue;
    const bytes = readFileSync(join(SAMPLES_DIR, n));
    text.push({ name: n, text: bytes.toString('utf8'), bytes });
  }
  return { text, office };
}

// ---------------------------------------------------------------------------------------------------------
// Mutations of text

const MARKUP = [
  '<!--', '-->', '{{', '}}', '[[', ']]', '|', '||', '{|', '|}', '|-', '!', '<table>', '</table>', '<tr>', '<td>', '<th>', '<ul>', '<li>', '<ol>',
  '<div', '<b>', '<p', '<script>', '<style>', '<![CDATA[', '&#', '&amp', "'''", "''", '==', '= ', '# ', '## ', '* ', '** ', '- ', '1. ', '> ',
  '```', '~~~', '[', '](', ')', '<br', '\t', '{{flagicon|', '{{lang|', '<ref>', '<ref name=', '</ref>', ';', ':', '<nowiki>', '<pre>', '\\',
];
const SCRIPTS = ['Москва', '서울특별시', 'القاهرة', 'नई दिल्ली', '東京都', '北京市', 'Αθήνα', 'ירושלים', 'กรุงเทพ', 'Tbilisi თბილისი', 'Zürich', 'İstanbul', 'Hà Nội', 'ᠮᠣᠩᠭᠣᠯ', 'ཐིམ་ཕུ', 'e\u0301\u0302\u0303', '\u202eabc\u202c', '\u200b\u200d\u2060', '🇯🇵 大阪', '𠀀𪚥'];
const LONG_CHARS = ['a', '|', '[', '{', '<', '*', '-', '=', "'", ' ', '\t', '大', '（', '#', '!', '&', '，', '.', '1', '\u3000'];

function randomUnicode(r: Rand, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.05) s += String.fromCharCode(0xd800 + int(r, 0x800)); // lone surrogate
    else if (k < 0.15) s += String.fromCodePoint(0x10000 + int(r, 0xfffff));
    else if (k < 0.3) s += String.fromCharCode(int(r, 32));
    else if (k < 0.5) s += String.fromCharCode(0x4e00 + int(r, 0x5200));
    else s += String.fromCharCode(int(r, 0xd7ff));
  }
  return s;
}

const splitLines = (t: string) => t.split('\n');

/** One mutation of a text, with a short description of what it did (for reproduction). */
function mutateText(r: Rand, t: string, big: boolean): [string, string] {
  const at = () => int(r, t.length + 1);
  const k = int(r, big ? 16 : 15);
  switch (k) {
    case 0: {
      const n = int(r, t.length + 1);
      return [t.slice(0, n), `cut at ${n}`];
    }
    case 1: {
      const ls = splitLines(t);
      const i = int(r, ls.length);
      const times = 1 + int(r, r() < 0.1 ? 500 : 5);
      ls.splice(i, 0, ...Array(times).fill(ls[i]));
      return [ls.join('\n'), `line ${i + 1} duplicated ×${times}`];
    }
    case 2: {
      const ls = splitLines(t);
      const i = int(r, ls.length);
      const n = 1 + int(r, 10);
      ls.splice(i, n);
      return [ls.join('\n'), `lines ${i + 1}+${n} removed`];
    }
    case 3: {
      const ls = splitLines(t);
      const i = int(r, ls.length);
      const n = Math.min(ls.length - i, 2 + int(r, 30));
      const part = ls.slice(i, i + n);
      for (let j = part.length - 1; j > 0; j--) {
        const x = int(r, j + 1);
        [part[j], part[x]] = [part[x], part[j]];
      }
      ls.splice(i, n, ...part);
      return [ls.join('\n'), `lines ${i + 1}+${n} shuffled`];
    }
    case 4:
    case 5: {
      const p = at();
      const m = pick(r, MARKUP);
      const times = r() < 0.1 ? 1 + int(r, 2000) : 1;
      return [t.slice(0, p) + m.repeat(times) + t.slice(p), `${JSON.stringify(m)}×${times} at ${p}`];
    }
    case 6: {
      const depth = 1 + int(r, r() < 0.2 ? 5000 : 60);
      const mark = pick(r, ['*', '#', ':', '-', '  ', '\t', '>']);
      const p = at();
      const nested = mark === '*' || mark === '#' || mark === ':' || mark === '>' ? `${mark.repeat(depth)} 大阪 Osaka` : `${mark.repeat(depth)}- 大阪 Osaka`;
      const lines = 1 + int(r, 20);
      return [t.slice(0, p) + `\n${Array(lines).fill(nested).join('\n')}\n` + t.slice(p), `bullets nested ${depth} deep (${JSON.stringify(mark)}) ×${lines} at ${p}`];
    }
    case 7: {
      const p = at();
      const s = Array.from({ length: 1 + int(r, 8) }, () => pick(r, SCRIPTS)).join(pick(r, [' ', '，', ', ', '|', '  ', '\t']));
      return [t.slice(0, p) + s + t.slice(p), `mixed scripts at ${p}`];
    }
    case 8: {
      let s = t;
      const n = 1 + int(r, 20);
      for (let j = 0; j < n; j++) {
        const p = int(r, s.length + 1);
        s = s.slice(0, p) + String.fromCharCode(pick(r, [0, 1, 7, 8, 11, 12, 27, 127, 0x85, 0xfeff, 0x2028, 0x2029])) + s.slice(p);
      }
      return [s, `${n} NUL/control chars`];
    }
    case 9: {
      const p = at();
      const n = 1 + int(r, 200);
      return [t.slice(0, p) + randomUnicode(r, n) + t.slice(p), `${n} random code units at ${p}`];
    }
    case 10: {
      const e = pick(r, ['\r\n', '\r', '\n\n', '\u2028']);
      return [t.replace(/\n/g, e), `line ends → ${JSON.stringify(e)}`];
    }
    case 11: {
      let s = t;
      const n = 1 + int(r, 30);
      for (let j = 0; j < n && s.length; j++) {
        const p = int(r, s.length);
        s = s.slice(0, p) + String.fromCharCode(s.charCodeAt(p) ^ (1 << int(r, 16))) + s.slice(p + 1);
      }
      return [s, `${n} code units bit-flipped`];
    }
    case 12: {
      // An unclosed construct to the end.
      const open = pick(r, ['<!--', '{{', '[[', '<table><tr><td>', '{|\n|', '<ul><li>', '```\n', '<div><div><div>', "'''", '<ref>', '<nowiki>']);
      const p = at();
      return [t.slice(0, p) + open + t.slice(p).replace(/-->|}}|]]|<\/table>|\|}|<\/ul>|```|<\/div>|<\/ref>|<\/nowiki>/g, ''), `unclosed ${JSON.stringify(open)} at ${p}, closers removed`];
    }
    case 13: {
      const ls = splitLines(t);
      const a = int(r, ls.length);
      const b = int(r, ls.length);
      ls[a] = ls[a] + pick(r, ['', ' ', '  ', '\t', '|', '，']) + ls[b];
      return [ls.join('\n'), `line ${b + 1} joined onto ${a + 1}`];
    }
    case 14: {
      const p = at();
      const bom = pick(r, ['\ufeff', '\ufffe', '\u0000\u0000', '\ufeff\ufeff']);
      return [p < t.length / 2 ? bom + t : t.slice(0, p) + bom + t.slice(p), `BOM-like ${JSON.stringify(bom)}`];
    }
    default: {
      // A very long line: up to 1 MB of one character.
      const ch = pick(r, LONG_CHARS);
      const n = r() < 0.5 ? 1 << 20 : 1 + int(r, 1 << 20);
      const p = at();
      return [t.slice(0, p) + ch.repeat(n) + t.slice(p), `${n} × ${JSON.stringify(ch)} at ${p}`];
    }
  }
}

/** Byte-level mutations of a text document, then decoded as ingest decodes it. */
function mutateBytes(r: Rand, b: Buffer): [Buffer, string] {
  const out = Buffer.from(b);
  const k = int(r, 5);
  if (k === 0) {
    const n = 1 + int(r, 40);
    for (let j = 0; j < n && out.length; j++) out[int(r, out.length)] ^= 1 << int(r, 8);
    return [out, `${n} bytes bit-flipped`];
  }
  if (k === 1) {
    const n = int(r, out.length + 1);
    return [out.subarray(0, n), `bytes cut at ${n}`];
  }
  if (k === 2) {
    const n = 1 + int(r, 40);
    for (let j = 0; j < n && out.length; j++) out[int(r, out.length)] = int(r, 256);
    return [out, `${n} random bytes`];
  }
  if (k === 3) {
    // UTF-16 with a BOM, maybe cut mid-unit.
    const le = r() < 0.5;
    let u = Buffer.from(b.toString('utf8'), 'utf16le');
    if (!le) u = Buffer.from(u).swap16();
    const bom = le ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xfe, 0xff]);
    const full = Buffer.concat([bom, u]);
    const cut = r() < 0.5 ? full.length - 1 : full.length;
    return [full.subarray(0, cut), `UTF-16${le ? 'LE' : 'BE'}${cut < full.length ? ', odd length' : ''}`];
  }
  // As GB18030 would be read (bytes of another encoding): latin1 reinterpretation of UTF-8 bytes.
  return [Buffer.from(b.toString('latin1'), 'utf8'), 'UTF-8 bytes re-encoded as if latin1'];
}

const EXTS = ['.txt', '.md', '.html', '.wiki', '.csv', '.tsv', ''];

export interface TextInput {
  i: number;
  name: string;
  text: string | null;
  bytes: Buffer | null;
  how: string;
}

export function makeTextInput(corpus: Doc[], seed: number, i: number): TextInput {
  const r = prng(inputSeed(seed, i));
  const src = pick(r, corpus);
  let name = src.name;
  const hows: string[] = [src.name];
  if (r() < 0.15) {
    name = name.replace(/\.[^.]*$/, '') + pick(r, EXTS);
    hows.push(`named ${name}`);
  }
  if (r() < 0.12) {
    const [b, how] = mutateBytes(r, src.bytes);
    hows.push(how);
    return { i, name, text: null, bytes: b, how: hows.join('; ') };
  }
  let t = src.text;
  const ops = 1 + int(r, 4);
  // At most one very long line per input (they are slow to make and to read), in ~1% of inputs.
  const big = r() < 0.04;
  for (let j = 0; j < ops; j++) {
    const [s, how] = mutateText(r, t, big && j === 0);
    t = s;
    hows.push(how);
  }
  return { i, name, text: t, bytes: null, how: hows.join('; ') };
}

// ---------------------------------------------------------------------------------------------------------
// Mutations of office files

export interface OfficeInput {
  i: number;
  name: string;
  bytes: Buffer;
  how: string;
}

export function makeOfficeInput(corpus: Doc[], kind: 'xlsx' | 'docx' | 'pdf', seed: number, i: number): OfficeInput {
  const r = prng(inputSeed(seed ^ 0x5bd1e995, i + kind.length * 7919 * 1_000_003));
  const docs = corpus.filter((d) => d.name.endsWith(`.${kind}`));
  const src = pick(r, docs);
  let b = Buffer.from(src.bytes);
  const hows = [src.name];
  const ops = 1 + int(r, 3);
  for (let j = 0; j < ops; j++) {
    const k = int(r, 8);
    if (k === 0) {
      const n = 1 + int(r, 20);
      for (let x = 0; x < n; x++) b[int(r, b.length)] ^= 1 << int(r, 8);
      hows.push(`${n} bits flipped`);
    } else if (k === 1) {
      const n = int(r, b.length + 1);
      b = b.subarray(0, n);
      hows.push(`cut at ${n}`);
    } else if (k === 2) {
      // The zip's central directory / the PDF's xref and trailer sit at the end.
      const n = 1 + int(r, 8);
      for (let x = 0; x < n && b.length; x++) b[Math.max(0, b.length - 1 - int(r, Math.min(b.length, 1024)))] = int(r, 256);
      hows.push(`${n} bytes of the last KB replaced`);
    } else if (k === 3) {
      const p = int(r, b.length);
      const n = int(r, 4096);
      b.fill(pick(r, [0, 0xff, 0x20]), p, Math.min(b.length, p + n));
      hows.push(`${n} bytes filled at ${p}`);
    } else if (k === 4) {
      const p = int(r, b.length);
      const n = int(r, 2048);
      b = Buffer.concat([b.subarray(0, p + n), b.subarray(p, p + n), b.subarray(p + n)]);
      hows.push(`${n} bytes at ${p} duplicated`);
    } else if (k === 5) {
      const p = int(r, b.length);
      const n = int(r, 2048);
      b = Buffer.concat([b.subarray(0, p), b.subarray(p + n)]);
      hows.push(`${n} bytes at ${p} removed`);
    } else if (k === 6) {
      const p = int(r, b.length);
      const ins = Buffer.from(Array.from({ length: 1 + int(r, 64) }, () => int(r, 256)));
      b = Buffer.concat([b.subarray(0, p), ins, b.subarray(p)]);
      hows.push(`${ins.length} random bytes inserted at ${p}`);
    } else {
      // Small byte edits at the start (magic numbers, zip local header, %PDF-1.x).
      const n = 1 + int(r, 4);
      for (let x = 0; x < n && b.length; x++) b[int(r, Math.min(b.length, 64))] = int(r, 256);
      hows.push(`${n} bytes of the first 64 replaced`);
    }
  }
  if (!Buffer.isBuffer(b) || b.buffer === src.bytes.buffer) b = Buffer.from(b);
  return { i, name: src.name, bytes: b, how: hows.join('; ') };
}

// ---------------------------------------------------------------------------------------------------------
// The checks


function checkLines(where: string, lines: number, rows: Array<Pick<RawRow, 'line'>>, messages: Message[]): string[] {
  const out: string[] = [];
  for (const r of rows) if (!Number.isInteger(r.line) || r.line < 1 || r.line > lines) out.push(`${where}: row line ${r.line} outside 1..${lines}`);
  for (const m of messages) if (!Number.isInteger(m.line) || m.line < 0 || m.line > lines) out.push(`${where}: message line ${m.line} outside 0..${lines} (${m.reason.slice(0, 80)})`);
  return out.slice(0, 3);
}

export interface Outcome {
  i: number;
  kind: 'text' | 'xlsx' | 'docx' | 'pdf';
  how: string;
  bytes: number;
  ms: number;
  bound: number;
  problems: string[];
  rows: number;
  refused?: string;
}

const errText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) + (e.stack ? ` @ ${e.stack.split('\n').slice(1, 3).join(' ').trim()}` : '') : String(e));

export const boundFor = (bytes: number) => BOUND_MS * Math.max(1, Math.ceil(bytes / 100_000));

export async function runTextInput(inp: TextInput, tmp: string | null): Promise<Outcome> {
  const problems: string[] = [];
  let rows = 0;
  let refused: string | undefined;
  const size = inp.bytes ? inp.bytes.length : Buffer.byteLength(inp.text!, 'utf8');
  const t0 = performance.now();
  let text = inp.text;
  if (inp.bytes) {
    try {
      const d = decodeDocument(inp.bytes);
      if (d.ok) text = d.text;
      else refused = `decode: ${d.reason}`;
    } catch (e) {
      problems.push(`decodeDocument threw ${errText(e)}`);
    }
  }
  if (text != null) {
    const lines = lineCount(text);
    let kitRan = false;
    try {
      const read = readText(text, inp.name, {}, undefined, (t) => chooseReader(t, inp.name).reader ?? 'unknown format', null);
      if ('refuse' in read) {
        refused = `${read.code ?? ''} ${read.refuse.slice(0, 100)}`;
        if (read.code === 'reader-failed') problems.push(`readText: ${read.refuse.slice(0, 300)}`);
        problems.push(...checkLines('readText', lines, [], read.messages));
        kitRan = read.format === 'lists' || read.code === 'no-rows';
      } else {
        rows = read.claims.length;
        kitRan = read.reader === 'lists';
        problems.push(...checkLines('readText', lines, read.claims, read.messages));
      }
    } catch (e) {
      problems.push(`readText threw ${errText(e)}`);
    }
    if (!kitRan) {
      try {
        const kit = readWithKit(text, inp.name);
        problems.push(...checkLines('readWithKit', lines, kit.rows, kit.messages));
        rows = Math.max(rows, kit.rows.length);
      } catch (e) {
        problems.push(`readWithKit threw ${errText(e)}`);
      }
    }
  }
  if (tmp && inp.i % PREVIEW_EVERY === 0) {
    const path = join(tmp, `in-${inp.i}-${basename(inp.name) || 'doc'}`);
    try {
      writeFileSync(path, inp.bytes ?? inp.text!);
      const p = await previewFile(path, {});
      if (p.status === 'refused' && p.messages.some((m) => /reader failed/.test(m.reason))) problems.push(`previewFile: ${p.messages[0].reason.slice(0, 300)}`);
      if (text != null) {
        const lines = lineCount(text);
        // previewFile decodes the bytes itself (a BOM is dropped, so its count may be one less, never more).
        problems.push(...checkLines('previewFile', lines, p.claims, p.messages));
      }
    } catch (e) {
      problems.push(`previewFile threw ${errText(e)}`);
    } finally {
      rmSync(path, { force: true });
    }
  }
  const ms = performance.now() - t0;
  return { i: inp.i, kind: 'text', how: inp.how, bytes: size, ms, bound: boundFor(size), problems, rows, refused };
}

export async function runOfficeInput(inp: OfficeInput, kind: 'xlsx' | 'docx' | 'pdf'): Promise<Outcome> {
  const problems: string[] = [];
  let rows = 0;
  let refused: string | undefined;
  const t0 = performance.now();
  try {
    const layout = await officeLayout(new Uint8Array(inp.bytes), inp.name);
    if (!layout || !Array.isArray(layout.blocks)) problems.push('officeLayout gave no layout');
    else {
      try {
        const a = assemble(layout, { places: placeQuestions });
        rows = a.rows.length;
      } catch (e) {
        problems.push(`assemble threw ${errText(e)}`);
      }
    }
  } catch (e) {
    if (isLayoutRefusal(e)) refused = e.code;
    else problems.push(`officeLayout threw a non-refusal ${errText(e)}`);
  }
  const ms = performance.now() - t0;
  return { i: inp.i, kind, how: inp.how, bytes: inp.bytes.length, ms, bound: OFFICE_BOUND_MS, problems, rows, refused };
}

// ---------------------------------------------------------------------------------------------------------
// A run, in process (the vitest test) or in worker threads (the command)

export interface Job {
  kind: 'text' | 'xlsx' | 'docx' | 'pdf';
  i: number;
}

export interface Summary {
  seed: number;
  inputs: Record<string, number>;
  crashes: Outcome[];
  hangs: Outcome[];
  refused: Record<string, number>;
  rows: number;
  slowest: Outcome[];
  slowestSmall: Outcome[];
  totalMs: number;
  maxMsSmall: number;
  watchdogKills: Job[];
}

export function emptySummary(seed: number): Summary {
  return { seed, inputs: {}, crashes: [], hangs: [], refused: {}, rows: 0, slowest: [], slowestSmall: [], totalMs: 0, maxMsSmall: 0, watchdogKills: [] };
}

export function addOutcome(s: Summary, o: Outcome): void {
  s.inputs[o.kind] = (s.inputs[o.kind] ?? 0) + 1;
  s.rows += o.rows;
  s.totalMs += o.ms;
  if (o.problems.length) s.crashes.push(o);
  if (o.ms > o.bound) s.hangs.push(o);
  if (o.refused) {
    const key = `${o.kind} ${o.refused.split(/[:\s]/).filter(Boolean)[0] ?? o.refused}`;
    s.refused[key] = (s.refused[key] ?? 0) + 1;
  }
  const keep = (list: Outcome[]) => {
    list.push(o);
    list.sort((a, b) => b.ms - a.ms);
    if (list.length > 10) list.length = 10;
  };
  if (!s.slowest.length || s.slowest.length < 10 || o.ms > s.slowest[s.slowest.length - 1].ms) keep(s.slowest);
  if (o.kind === 'text' && o.bytes <= 100_000) {
    s.maxMsSmall = Math.max(s.maxMsSmall, o.ms);
    if (s.slowestSmall.length < 10 || o.ms > s.slowestSmall[s.slowestSmall.length - 1].ms) keep(s.slowestSmall);
  }
}

/** Reads every document of the corpus once, untimed: the gazetteer and the country tables load on first use (seconds). */
export async function warmUp(corpus: { text: Doc[]; office: Doc[] }): Promise<void> {
  for (const d of corpus.text) {
    try {
      readText(d.text, d.name, {}, undefined, (t) => chooseReader(t, d.name).reader ?? 'unknown format', null);
      readWithKit(d.text, d.name);
    } catch {
      // counted when fuzzed
    }
  }
  for (const d of corpus.office) await officeLayout(new Uint8Array(d.bytes), d.name).catch(() => null);
}

export async function runJob(corpus: { text: Doc[]; office: Doc[] }, seed: number, job: Job, tmp: string | null): Promise<Outcome> {
  if (job.kind === 'text') return runTextInput(makeTextInput(corpus.text, seed, job.i), tmp);
  return runOfficeInput(makeOfficeInput(corpus.office, job.kind, seed, job.i), job.kind);
}

export function jobsFor(textRuns: number, officeRuns: number): Job[] {
  const jobs: Job[] = [];
  for (let i = 0; i < textRuns; i++) jobs.push({ kind: 'text', i });
  for (const kind of ['xlsx', 'docx', 'pdf'] as const) for (let i = 0; i < officeRuns; i++) jobs.push({ kind, i });
  return jobs;
}

/** The whole fuzz in this process (no watchdog): for the test. */
export async function runFuzz(opts: { seed: number; textRuns: number; officeRuns: number; preview?: boolean }): Promise<Summary> {
  const corpus = loadCorpus();
  const tmp = opts.preview === false ? null : mkdtempSync(join(tmpdir(), 'youcheng-fuzz-kit-'));
  const s = emptySummary(opts.seed);
  await warmUp(corpus);
  try {
    for (const job of jobsFor(opts.textRuns, opts.officeRuns)) addOutcome(s, await runJob(corpus, opts.seed, job, tmp));
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
  return s;
}

// ---------------------------------------------------------------------------------------------------------
// Worker

async function workerMain(): Promise<void> {
  const { seed, jobs } = workerData as { seed: number; jobs: Job[] };
  const corpus = loadCorpus();
  const tmp = mkdtempSync(join(tmpdir(), 'youcheng-fuzz-kit-'));
  await warmUp(corpus);
  try {
    for (const job of jobs) {
      parentPort!.postMessage({ start: job });
      const o = await runJob(corpus, seed, job, tmp);
      parentPort!.postMessage({ done: o });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  parentPort!.postMessage({ end: true });
}

function runWorker(seed: number, jobs: Job[], watchdogMs: number, s: Summary, progress: () => void): Promise<void> {
  return new Promise((resolve) => {
    let rest = jobs;
    const start = () => {
      if (rest.length === 0) return resolve();
      const w = new Worker(fileURLToPath(import.meta.url), { workerData: { fuzzKit: true, seed, jobs: rest } });
      let current: Job | null = null;
      let last = performance.now();
      let doneCount = 0;
      const timer = setInterval(() => {
        if (current && performance.now() - last > watchdogMs) {
          clearInterval(timer);
          const hung = current;
          s.watchdogKills.push(hung);
          addOutcome(s, { i: hung.i, kind: hung.kind, how: describe(seed, hung), bytes: sizeOf(seed, hung), ms: performance.now() - last, bound: 0, problems: [], rows: 0 });
          const idx = rest.findIndex((j) => j.kind === hung.kind && j.i === hung.i);
          rest = rest.slice(idx + 1);
          current = null;
          void w.terminate().then(start);
        }
      }, 1000);
      w.on('message', (m: { start?: Job; done?: Outcome; end?: boolean }) => {
        last = performance.now();
        if (m.start) current = m.start;
        if (m.done) {
          addOutcome(s, m.done);
          current = null;
          doneCount++;
          progress();
        }
        if (m.end) {
          clearInterval(timer);
          rest = [];
          void w.terminate().then(() => resolve());
        }
      });
      w.on('error', (e) => {
        // The worker died (out of memory, an uncaught rejection …): the input it was on is a crash.
        clearInterval(timer);
        const dead = current ?? rest[doneCount];
        if (dead) {
          addOutcome(s, { i: dead.i, kind: dead.kind, how: describe(seed, dead), bytes: 0, ms: performance.now() - last, bound: Infinity, problems: [`worker died: ${errText(e)}`], rows: 0 });
          const idx = rest.findIndex((j) => j.kind === dead.kind && j.i === dead.i);
          rest = rest.slice(idx + 1);
        } else rest = [];
        current = null;
        start();
      });
    };
    start();
  });
}

let corpusForDescribe: { text: Doc[]; office: Doc[] } | null = null;
function describe(seed: number, job: Job): string {
  return inputOf(seed, job).how;
}
/** The size in bytes of a job's input (for an input the watchdog stopped, whose outcome never came). */
function sizeOf(seed: number, job: Job): number {
  const inp = inputOf(seed, job);
  return inp.bytes ? inp.bytes.length : Buffer.byteLength((inp as TextInput).text ?? '', 'utf8');
}
function inputOf(seed: number, job: Job): TextInput | OfficeInput {
  corpusForDescribe ??= loadCorpus();
  return job.kind === 'text' ? makeTextInput(corpusForDescribe.text, seed, job.i) : makeOfficeInput(corpusForDescribe.office, job.kind, seed, job.i);
}

const show = (o: Outcome) =>
  `  ${o.kind} #${o.i} ${o.ms.toFixed(0)} ms (bound ${Number.isFinite(o.bound) ? o.bound : '—'} ms), ${o.bytes.toLocaleString('en')} bytes, ${o.rows} rows — ${o.how.slice(0, 240)}`;

export function printSummary(s: Summary, wallMs: number, workers: number): void {
  const total = Object.values(s.inputs).reduce((a, b) => a + b, 0);
  console.log(`\nseed ${s.seed}: ${total.toLocaleString('en')} inputs (${Object.entries(s.inputs).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}) in ${(wallMs / 1000).toFixed(0)} s wall, ${workers} worker(s)`);
  console.log(`crashes: ${s.crashes.length}   hangs (over the bound): ${s.hangs.length}   watchdog kills: ${s.watchdogKills.length}   rows read in all: ${s.rows.toLocaleString('en')}`);
  console.log(`slowest text input ≤ 100 KB: ${s.maxMsSmall.toFixed(0)} ms (bound ${BOUND_MS} ms)`);
  console.log(`refusals: ${Object.entries(s.refused).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (s.crashes.length) {
    console.log('\ncrashes (reproduce: FUZZ_KIT_SEED=seed FUZZ_KIT_ONE=kind:i FUZZ_KIT_DUMP=file):');
    for (const o of s.crashes.slice(0, 30)) console.log(`${show(o)}\n      ${o.problems.join('\n      ')}`);
  }
  if (s.hangs.length) {
    console.log('\nover the bound:');
    for (const o of s.hangs.slice(0, 30)) console.log(show(o));
  }
  console.log('\nslowest inputs:');
  for (const o of s.slowest) console.log(show(o));
  console.log('\nslowest text inputs ≤ 100 KB:');
  for (const o of s.slowestSmall) console.log(show(o));
}

async function main(): Promise<void> {
  const seed = Number(process.env.FUZZ_KIT_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const runs = Number(process.env.FUZZ_KIT_RUNS ?? 100_000);
  const officeRuns = Number(process.env.FUZZ_KIT_OFFICE_RUNS ?? Math.max(5, Math.round(runs * 0.02)));
  const workers = Math.max(1, Number(process.env.FUZZ_KIT_WORKERS ?? Math.min(2, cpus().length)));
  const watchdogMs = Number(process.env.FUZZ_KIT_WATCHDOG_MS ?? 60_000);
  const one = process.env.FUZZ_KIT_ONE;
  const corpus = loadCorpus();
  if (one) {
    const [kind, n] = one.includes(':') ? (one.split(':') as [Job['kind'], string]) : (['text', one] as const);
    const job: Job = { kind, i: Number(n) };
    const dump = process.env.FUZZ_KIT_DUMP;
    if (dump) {
      const inp = kind === 'text' ? makeTextInput(corpus.text, seed, job.i) : makeOfficeInput(corpus.office, kind, seed, job.i);
      writeFileSync(dump, 'bytes' in inp && inp.bytes ? inp.bytes : (inp as TextInput).text!);
      console.log(`wrote ${dump} (${inp.name}): ${inp.how}`);
    }
    const tmp = mkdtempSync(join(tmpdir(), 'youcheng-fuzz-kit-'));
    await warmUp(corpus);
    const o = await runJob(corpus, seed, job, tmp);
    rmSync(tmp, { recursive: true, force: true });
    console.log(show(o));
    for (const p of o.problems) console.log(`    ${p}`);
    return;
  }
  console.log(
    `youcheng fuzz:kit — seed ${seed}, ${runs.toLocaleString('en')} text inputs + ${officeRuns.toLocaleString('en')} each of xlsx/docx/pdf, ${workers} worker(s), node ${process.version}; corpus ${corpus.text.length} text documents, ${corpus.office.length} office files`,
  );
  const jobs = jobsFor(runs, officeRuns);
  // Dealt round-robin so each worker gets its share of every kind.
  const shares: Job[][] = Array.from({ length: workers }, () => []);
  jobs.forEach((j, k) => shares[k % workers].push(j));
  const s = emptySummary(seed);
  const t0 = performance.now();
  let done = 0;
  let lastPrint = t0;
  const progress = () => {
    done++;
    const now = performance.now();
    if (now - lastPrint > 30_000) {
      lastPrint = now;
      console.log(`  ${done.toLocaleString('en')} / ${jobs.length.toLocaleString('en')} done, ${((now - t0) / 1000).toFixed(0)} s, crashes ${s.crashes.length}, hangs ${s.hangs.length}`);
      // FUZZ_KIT_PARTIAL=file: the summary so far, rewritten as the run goes (for a run stopped before its end).
      if (process.env.FUZZ_KIT_PARTIAL) writeFileSync(process.env.FUZZ_KIT_PARTIAL, JSON.stringify({ done, of: jobs.length, seconds: (now - t0) / 1000, ...s }, null, 1));
    }
  };
  await Promise.all(shares.map((share) => runWorker(seed, share, watchdogMs, s, progress)));
  printSummary(s, performance.now() - t0, workers);
  if (s.crashes.length || s.hangs.length) process.exitCode = 1;
}

if (!isMainThread && (workerData as { fuzzKit?: boolean } | null)?.fuzzKit === true) await workerMain();
else if (isMainThread && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
