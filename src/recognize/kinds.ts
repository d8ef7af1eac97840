// Kind words inside longer text (姉妹都市, 자매결연, twinned with, города-побратимы …) and the words that say a
// line is not a tie between places at all (a sister school, a trade office, a visit). Pure.
//
// The kind words are the ONE table of src/normalize/kind.ts (KIND_MARKERS); here they become one regular
// expression: Chinese entries also in traditional script (OpenCC cn → tw, twp, hk), spaces optional between
// CJK characters (자매 도시), a space or hyphen where the entry has one (sister-city, город-партнёр),
// accents optional (jumelee, citta), ё or е, any case. Entries in an alphabetic script stand as words; a
// `stem` entry takes the rest of its word (sister cit → cities, побратим → побратимами). At one place the
// longest entry wins. Each span's `written` names the same kind through markerKind().
import { listConverter } from '../normalize/opencc.js';
import type { Kind } from '../model.js';
import { KIND_MARKERS } from '../normalize/kind.js';

export interface KindSpan {
  start: number;
  end: number;
  written: string;
  kind: Kind;
}

export interface NotATieSpan {
  start: number;
  end: number;
  written: string;
  reason: string;
}

const SCHOOL = 'a sister school, not a tie between places';
const UNIVERSITY = 'a university partnership, not a tie between places';
const PORT = 'a sister port, not a tie between places';
const PARK = 'a sister park, not a tie between places';
const ZOO = 'a sister zoo, not a tie between places';
const HOSPITAL = 'a sister hospital, not a tie between places';
const AIRPORT = 'an airport, not a tie between places';
const OFFICE = 'a trade or representative office, not a tie between places';
const VISIT = 'a visit or a delegation, not a tie between places';
const COMPANY = 'a company, not a tie between places';

/**
 * Words that say a line is not a tie between places. Precision matters more than recall: a `weak` word
 * (a visit, a delegation, an office, an airport, a company) counts only when the line has no kind word.
 */
export const NOT_A_TIE: ReadonlyArray<{ text: string; reason: string; weak?: boolean; stem?: boolean }> = [
  // Schools and universities.
  { text: 'sister school', reason: SCHOOL, stem: true },
  { text: 'partner school', reason: SCHOOL, stem: true },
  { text: '友好学校', reason: SCHOOL },
  { text: '姐妹学校', reason: SCHOOL },
  { text: '姊妹学校', reason: SCHOOL },
  { text: '友好校', reason: SCHOOL },
  { text: '姉妹校', reason: SCHOOL },
  { text: '자매학교', reason: SCHOOL },
  { text: '자매교', reason: SCHOOL },
  { text: 'escuela hermana', reason: SCHOOL, stem: true },
  { text: 'école jumelée', reason: SCHOOL, stem: true },
  { text: 'Partnerschule', reason: SCHOOL, stem: true },
  { text: 'sister universit', reason: UNIVERSITY, stem: true },
  { text: 'partner universit', reason: UNIVERSITY, stem: true },
  { text: 'university partnership', reason: UNIVERSITY, stem: true },
  { text: 'universities partnership', reason: UNIVERSITY, stem: true },
  { text: '友好大学', reason: UNIVERSITY },
  { text: '姐妹大学', reason: UNIVERSITY },
  { text: '姉妹大学', reason: UNIVERSITY },
  { text: '大学间合作', reason: UNIVERSITY },
  { text: '校际交流', reason: UNIVERSITY },
  { text: '校际合作', reason: UNIVERSITY },
  { text: '자매대학', reason: UNIVERSITY },
  { text: 'Partneruniversität', reason: UNIVERSITY, stem: true },
  // Ports, parks, zoos, hospitals, airports named as sisters.
  { text: 'sister port', reason: PORT, stem: true },
  { text: 'friendship port', reason: PORT, stem: true },
  { text: '友好港', reason: PORT },
  { text: '姐妹港', reason: PORT },
  { text: '姉妹港', reason: PORT },
  { text: '友好港湾', reason: PORT },
  { text: '자매항', reason: PORT },
  { text: 'sister park', reason: PARK, stem: true },
  { text: '友好公园', reason: PARK },
  { text: '姉妹公園', reason: PARK },
  { text: 'sister zoo', reason: ZOO, stem: true },
  { text: '友好动物园', reason: ZOO },
  { text: '姉妹動物園', reason: ZOO },
  { text: 'sister hospital', reason: HOSPITAL, stem: true },
  { text: '友好医院', reason: HOSPITAL },
  { text: '姉妹病院', reason: HOSPITAL },
  { text: 'sister airport', reason: AIRPORT, stem: true },
  { text: '友好机场', reason: AIRPORT },
  { text: '姉妹空港', reason: AIRPORT },
  // Weak: only when the line names no kind of tie.
  { text: 'airport', reason: AIRPORT, weak: true, stem: true },
  { text: '机场', reason: AIRPORT, weak: true },
  { text: '空港', reason: AIRPORT, weak: true },
  { text: '공항', reason: AIRPORT, weak: true },
  { text: 'aeropuerto', reason: AIRPORT, weak: true, stem: true },
  { text: 'aéroport', reason: AIRPORT, weak: true, stem: true },
  { text: 'aeroporto', reason: AIRPORT, weak: true, stem: true },
  { text: 'Flughafen', reason: AIRPORT, weak: true, stem: true },
  { text: 'аэропорт', reason: AIRPORT, weak: true, stem: true },
  { text: 'trade office', reason: OFFICE, weak: true, stem: true },
  { text: 'representative office', reason: OFFICE, weak: true, stem: true },
  { text: 'liaison office', reason: OFFICE, weak: true, stem: true },
  { text: 'commercial office', reason: OFFICE, weak: true, stem: true },
  { text: '办事处', reason: OFFICE, weak: true },
  { text: '代表处', reason: OFFICE, weak: true },
  { text: '事务所', reason: OFFICE, weak: true },
  { text: '事務所', reason: OFFICE, weak: true },
  { text: '代表部', reason: OFFICE, weak: true },
  { text: '사무소', reason: OFFICE, weak: true },
  { text: 'visit', reason: VISIT, weak: true, stem: true },
  { text: 'delegation', reason: VISIT, weak: true, stem: true },
  { text: 'delegación', reason: VISIT, weak: true, stem: true },
  { text: 'délégation', reason: VISIT, weak: true, stem: true },
  { text: 'delegazione', reason: VISIT, weak: true, stem: true },
  { text: 'Besuch', reason: VISIT, weak: true, stem: true },
  { text: 'визит', reason: VISIT, weak: true, stem: true },
  { text: 'делегаци', reason: VISIT, weak: true, stem: true },
  { text: '访问', reason: VISIT, weak: true },
  { text: '訪問', reason: VISIT, weak: true },
  { text: '访华', reason: VISIT, weak: true },
  { text: '来访', reason: VISIT, weak: true },
  { text: '代表团', reason: VISIT, weak: true },
  { text: '代表団', reason: VISIT, weak: true },
  { text: '방문', reason: VISIT, weak: true },
  { text: '대표단', reason: VISIT, weak: true },
  { text: 'company', reason: COMPANY, weak: true },
  { text: 'companies', reason: COMPANY, weak: true },
  { text: 'corporation', reason: COMPANY, weak: true },
  { text: 'Co., Ltd', reason: COMPANY, weak: true },
  { text: '有限公司', reason: COMPANY, weak: true },
  { text: '公司', reason: COMPANY, weak: true },
  { text: '株式会社', reason: COMPANY, weak: true },
  { text: '会社', reason: COMPANY, weak: true },
  { text: '회사', reason: COMPANY, weak: true },
  { text: 'empresa', reason: COMPANY, weak: true, stem: true },
  { text: 'société', reason: COMPANY, weak: true, stem: true },
  { text: 'Unternehmen', reason: COMPANY, weak: true, stem: true },
  { text: 'компани', reason: COMPANY, weak: true, stem: true },
];

// --- One regular expression per table ------------------------------------------------------------------

const CJK = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Katakana}\p{Script=Hiragana}ー]/u;
const ABC = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}]/u;
const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// The build precomputes these forms of the tables' entries (normalize/opencc.ts listConverter).
let converters: Array<(s: string) => string> | null = null;
function traditional(s: string): string[] {
  if (!/\p{Script=Han}/u.test(s)) return [s];
  converters ??= (['tw', 'twp', 'hk'] as const).map((to) => listConverter('cn', to));
  return [...new Set([s, ...converters.map((c) => c(s))])];
}

/** One written form → a pattern: CJK characters with optional spaces between, accents optional, space ≈ hyphen. */
function patternOf(text: string, stem: boolean): string {
  const chars = [...text];
  let p = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === ' ' || c === '-') {
      p += '[\\s\\-\u2010\u2011_]{1,3}';
      continue;
    }
    const base = c.normalize('NFD').replace(/\p{M}+/gu, '');
    if (c === 'ё' || c === 'е') p += '[её]';
    else if (base !== c && base.length === 1) p += `[${c}${base}]`;
    else p += escape(c);
    if (CJK.test(c) && i + 1 < chars.length && CJK.test(chars[i + 1])) p += '\\s{0,2}';
  }
  const first = chars[0];
  const last = chars[chars.length - 1];
  if (ABC.test(first)) p = `(?<![\\p{L}\\p{N}])${p}`;
  // A stem takes the rest of its word (побратим → побратимами), a whole word must end there.
  if (ABC.test(last)) p = stem ? `${p}\\p{L}{0,16}` : `${p}(?![\\p{L}\\p{N}])`;
  return p;
}

interface Compiled<T> {
  re: RegExp;
  /** Per capture group, the table entry. */
  entries: T[];
}

function compile<T extends { text: string; stem?: boolean }>(table: ReadonlyArray<T>): Compiled<T> {
  const alts: Array<{ p: string; len: number; entry: T }> = [];
  for (const entry of table) {
    for (const form of traditional(entry.text)) alts.push({ p: patternOf(form, !!entry.stem), len: form.length, entry });
  }
  // Longest first, so that at one place the longest entry wins (友好交流都市 before 交流都市).
  alts.sort((a, b) => b.len - a.len);
  // The entries that stand as words share one look-behind, tried once at a place instead of once an entry (the
  // scan of every line is the reader's costliest step). A word entry and a CJK one cannot match at one place.
  const word = alts.filter((a) => a.p.startsWith(WORD_START)).map((a) => ({ ...a, p: a.p.slice(WORD_START.length) }));
  const other = alts.filter((a) => !a.p.startsWith(WORD_START));
  const groups = [...(word.length ? [`${WORD_START}(?:${word.map((a) => `(${a.p})`).join('|')})`] : []), ...other.map((a) => `(${a.p})`)];
  return { re: new RegExp(groups.join('|'), 'giu'), entries: [...word, ...other].map((a) => a.entry) };
}

const WORD_START = '(?<![\\p{L}\\p{N}])';

let kindRe: Compiled<(typeof KIND_MARKERS)[number]> | null = null;
let notRe: Compiled<(typeof NOT_A_TIE)[number]> | null = null;

function scan<T extends { text: string }>(c: Compiled<T>, text: string): Array<{ start: number; end: number; written: string; entry: T }> {
  const out: Array<{ start: number; end: number; written: string; entry: T }> = [];
  c.re.lastIndex = 0;
  for (let m = c.re.exec(text); m !== null; m = c.re.exec(text)) {
    let g = 1;
    while (g < m.length && m[g] === undefined) g++;
    out.push({ start: m.index, end: m.index + m[0].length, written: m[0], entry: c.entries[g - 1] });
    if (m[0].length === 0) c.re.lastIndex++;
  }
  return out;
}

/** The Chinese entries whose traditional forms the tables ask for (the build precomputes them). */
export function traditionalSources(): string[] {
  return [...KIND_MARKERS, ...NOT_A_TIE].map((e) => e.text).filter((t) => /\p{Script=Han}/u.test(t));
}

/** Kind words in a text, in the order they stand. */
export function findKindWords(text: string): KindSpan[] {
  if (!text) return [];
  kindRe ??= compile(KIND_MARKERS);
  return scan(kindRe, text).map((s) => ({ start: s.start, end: s.end, written: s.written, kind: s.entry.kind }));
}

/** Words that say a line is not a tie (strong and weak alike), in the order they stand. */
export function findNotATieWords(text: string): NotATieSpan[] {
  if (!text) return [];
  notRe ??= compile(NOT_A_TIE);
  return scan(notRe, text).map((s) => ({ start: s.start, end: s.end, written: s.written, reason: s.entry.reason }));
}

/**
 * Why a line is not a tie between places ('a sister school, not a tie between places'), or null. A sister
 * school, university, port, park, zoo, hospital or airport always says so; a visit, a delegation, an office,
 * an airport or a company only when the line has no kind word.
 */
export function notATieReason(text: string): string | null {
  if (!text) return null;
  notRe ??= compile(NOT_A_TIE);
  const spans = scan(notRe, text);
  if (!spans.length) return null;
  const strong = spans.find((s) => !s.entry.weak);
  if (strong) return strong.entry.reason;
  if (findKindWords(text).length) return null;
  return spans[0].entry.reason;
}
