// A fast reader for the plain table cells of wikitext, and the guard that says when it may be used.
//
// wtf_wikipedia reads a cell in 20–100 µs (a whole Document, or a table row through its sentence parser),
// and on a whole table its template pass rewrites the table once per template (`wiki.replace(body, …)`),
// which is quadratic: a 20,000-row table took 96 s. Most cells of the lists youcheng reads are plain:
// text, `[[page|label]]` links and `{{flagicon|X}}`. For those, this module gives the same text and links
// as wtf_wikipedia would, in about a microsecond, and returns null for anything else, which then goes to
// wtf_wikipedia as before.
//
// "The same" is by construction: a cell is accepted only when it holds none of the characters wtf_wikipedia
// treats specially (templates other than flagicon, `''` formatting, `<tags>`, `&entities;`, `:`/`#`/`*`/`;`
// line starts and namespaces, `__MAGIC__`, `~~~`, `----`, `$` replacement patterns, sentence ends …) and
// none of the patterns its post-processing rewrites (`()`, ` ,`, ` .`); then what remains (links replaced by
// their labels, flag templates by their emoji) is exactly wtf_wikipedia's text, up to whitespace, which
// `clean()` folds anyway. test/readers-scale.test.ts checks this against wtf_wikipedia on many generated
// cells, both through a Document (`parseCell`) and through a table row (the table path).
import wtf from 'wtf_wikipedia';

export interface FastLink {
  page: string;
  label: string;
}

export interface FastCell {
  /** The cell's text as wtf_wikipedia gives it, before `clean()`. */
  rawText: string;
  links: FastLink[];
}

/** Characters a plain cell's text may not hold (see the header of this file), as a table over the BMP. */
const UNSAFE = (() => {
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x20; c++) if (c !== 0x09) t[c] = 1;
  for (const ch of '[]{}|!<>&\'"~=*#:;$\\?\n\r\u2028\u2029\u3002_') t[ch.charCodeAt(0)] = 1;
  // `_` is allowed in link targets only, never doubled (`__NOTOC__`); `。` becomes '. ' in wtf_wikipedia.
  return t;
})();

function isLatinLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * A link target or label: plain characters, `_` allowed (not doubled), at most 200 of them.
 * -1 when it is not; 1 when it holds `(`, `,` or `.` (a REWRITTEN pattern may then appear); else 0.
 */
function linkPart(s: string, allowUnderscore: boolean): number {
  if (s.length > 200) return -1;
  let r = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5f && allowUnderscore && s.charCodeAt(i + 1) !== 0x5f) continue;
    if (UNSAFE[c] === 1) return -1;
    if (c === 0x28 || c === 0x2c || c === 0x2e) r = 1;
  }
  return r;
}

const FLAG_CHARS = /[\u{1F1E6}-\u{1F1FF}\u{E0020}-\u{E007F}\u{FE0F}\u{200D}]|\p{Extended_Pictographic}/gu;

/** What `{{flagicon|X}}` becomes in wtf_wikipedia's text (an emoji flag, or nothing), or null when unsure. */
const flagCache = new Map<string, string | null>();
function flagExpansion(arg: string): string | null {
  const hit = flagCache.get(arg);
  if (hit !== undefined) return hit;
  let out: string | null = null;
  try {
    const text = (wtf(`a{{flagicon|${arg}}}1`) as unknown as { text(): string }).text();
    if (text.startsWith('a') && text.endsWith('1')) {
      const e = text.slice(1, -1);
      // Only emoji flags: they vanish in clean() and cannot form any pattern wtf_wikipedia rewrites.
      if (e.replace(FLAG_CHARS, '') === '') out = e;
    }
  } catch {
    out = null;
  }
  if (flagCache.size > 1000) flagCache.clear();
  flagCache.set(arg, out);
  return out;
}

const FLAG_ARG = /^[A-Za-z][A-Za-z ]{0,60}$/;
/** Patterns wtf_wikipedia's pre- and post-processing rewrite; a cell holding one is left to it. */
const REWRITTEN = /\([,;: ]*\)|\( *;|\s,|\s\.|\.\s/;

/**
 * The text and links wtf_wikipedia gives for a plain cell, or null when the cell is not plain.
 * `raw` is the cell as written (attributes already removed).
 */
export function fastWikiCell(raw: string): FastCell | null {
  const n = raw.length;
  if (n > 1000) return null;
  let out = '';
  let links: FastLink[] | null = null;
  let i = 0;
  let run = 0; // start of the current run of plain text
  let rewritable = false; // the text holds a character of a REWRITTEN pattern
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (c === 0x5b) {
      // [[page]] or [[page|label]]
      if (raw.charCodeAt(i + 1) !== 0x5b) return null;
      const close = raw.indexOf(']]', i + 2);
      if (close === -1) return null;
      const inner = raw.slice(i + 2, close);
      const bar = inner.indexOf('|');
      let page: string;
      let label: string;
      if (bar === -1) {
        page = inner;
        label = inner;
      } else {
        if (inner.indexOf('|', bar + 1) !== -1) return null;
        page = inner.slice(0, bar);
        label = inner.slice(bar + 1);
        if (label === '') return null;
      }
      if (page.length < 2) return null;
      const p = linkPart(page, true);
      const l = bar === -1 ? p : linkPart(label, false);
      if (p === -1 || l === -1) return null;
      if (p === 1 || l === 1) rewritable = true;
      if (isLatinLetter(raw.charCodeAt(close + 2))) return null; // [[x]]s: a suffix joins the label
      out += raw.slice(run, i) + label;
      (links ??= []).push({ page, label });
      i = close + 2;
      run = i;
      continue;
    }
    if (c === 0x7b) {
      if (!raw.startsWith('{{flagicon|', i)) return null;
      const close = raw.indexOf('}}', i + 11);
      if (close === -1) return null;
      const arg = raw.slice(i + 11, close);
      if (!FLAG_ARG.test(arg)) return null;
      if (isLatinLetter(raw.charCodeAt(close + 2))) return null;
      const e = flagExpansion(arg);
      if (e === null) return null;
      out += raw.slice(run, i) + e;
      i = close + 2;
      run = i;
      continue;
    }
    if (UNSAFE[c] === 1) return null;
    if (c === 0x28 || c === 0x2c || c === 0x2e) rewritable = true; // ( , .
    i++;
  }
  out += raw.slice(run);
  // Labels may hold these characters too; only then can a rewritten pattern be there.
  if (rewritable && (REWRITTEN.test(raw) || REWRITTEN.test(out))) return null;
  if (raw.includes('----')) return null;
  return { rawText: out, links: links ?? [] };
}
