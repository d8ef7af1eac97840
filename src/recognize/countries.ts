// Countries inside longer text: names in any script the name list knows (src/normalize/country.ts:
// zh-Hans, zh-Hant, en, ja, ko, es, pt, fr, de, it, ru with its case forms), three-letter codes (ISO 3166-1
// alpha-3, IOC and FIFA: data/ioc-codes.tsv), flag emoji, and — on request — the one-character short forms
// of Chinese and Japanese lists (美, 日, 韩; 米, 独, 仏). Pure, after a one-time build of the matcher.
//
// Matching: one pass over the text through a trie of folded names (lower case, no diacritics, full-width →
// ASCII, ё → е, hyphens and underscores as spaces; one code unit for one, so offsets are the text's own);
// at each position the longest name wins (南非 not 非, Papua New Guinea not Guinea), and the scan goes on
// after it. A name in an alphabetic script must stand as a word (Niger is not in Nigeria) and start with a
// capital (china plates, turkey, chad are words); acronyms (USA, UK, США) must be written in capitals.
// Kana names do not start or end inside kana (マリ is not in マリア), Hangul names do not start inside Hangul
// (particles may follow: 미국의). A Han name of two characters does not count before a suffix of a Chinese
// place (黑山县, 朝鲜族). Phrases that hold a country's name without naming it (New Jersey, 内蒙古, 马里兰)
// are read and skipped. Hong Kong, Macau and Taiwan are their own codes (HK, MO, TW).
// Traditional Chinese forms come from the simplified names through OpenCC (cn → tw, cn → twp: 義大利, 紐西蘭),
// precomputed by the build for the names it knows (normalize/opencc.ts listConverter).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import countries from 'i18n-iso-countries';
import { countryNameList, resolveNameKeys } from '../normalize/country.js';
import { DATA_DIR } from '../paths.js';
import { listConverter, type Locale } from '../normalize/opencc.js';

export interface CountrySpan {
  start: number;
  end: number;
  written: string;
  iso2: string;
  /** How the text names it: a name from the libraries, a three-letter code, a flag emoji, or an alias (the alias file, a short form). */
  via: 'name' | 'code' | 'flag' | 'alias';
}

export interface FindCountriesOptions {
  /** One-character short forms of Chinese and Japanese lists (中美, 日方, 中日韩). Default false. */
  short?: boolean;
}

// --- Character classes and the fold ------------------------------------------------------------------------

const enum Cls {
  Other = 0,
  Abc = 1, // a letter of Latin, Cyrillic or Greek script
  Digit = 2,
  Han = 3,
  Kana = 4, // katakana (hiragana particles may follow a name: アメリカの)
  Hangul = 5,
}

/**
 * Per UTF-16 code unit: its folded form (0 = skipped, a combining mark), its class, and whether it is a
 * capital. Filled on first sight of a code unit (a document uses a few hundred of the 65,536).
 */
const FOLD = new Uint16Array(65536);
const CLS = new Uint8Array(65536);
const UPPER = new Uint8Array(65536);
const KNOWN = new Uint8Array(65536);
const ABC_RE = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;

function learn(c: number): void {
  KNOWN[c] = 1;
  if (c >= 0xd800 && c <= 0xdfff) {
    FOLD[c] = c;
    return;
  }
  if (c >= 0x4e00 && c <= 0x9fff) {
    FOLD[c] = c;
    CLS[c] = Cls.Han;
    return;
  }
  if (c >= 0xac00 && c <= 0xd7a3) {
    FOLD[c] = c;
    CLS[c] = Cls.Hangul;
    return;
  }
  const ch = String.fromCharCode(c);
  if (/\p{M}/u.test(ch)) {
    FOLD[c] = 0;
    return;
  }
  if (/[\s\u00a0\u3000_\-\u2010\u2011]/.test(ch)) {
    FOLD[c] = 32;
    return;
  }
  if (/['’‘ʼ`]/.test(ch)) {
    FOLD[c] = 39;
    return;
  }
  let n = ch.normalize('NFKD').replace(/\p{M}+/gu, '');
  if (n.length !== 1) n = ch;
  const lower = n.toLowerCase();
  let f = lower.length === 1 ? lower.charCodeAt(0) : n.charCodeAt(0);
  if (f === 0x451) f = 0x435; // ё → е
  FOLD[c] = f;
  if (/\p{N}/u.test(ch)) CLS[c] = Cls.Digit;
  else if (/\p{Script=Han}/u.test(ch)) CLS[c] = Cls.Han;
  else if (/[\p{Script=Katakana}ー]/u.test(ch)) CLS[c] = Cls.Kana;
  else if (/\p{Script=Hangul}/u.test(ch)) CLS[c] = Cls.Hangul;
  else if (ABC_RE.test(ch)) CLS[c] = Cls.Abc;
  if (/\p{Lu}/u.test(ch)) UPPER[c] = 1;
}

/** The folded form of a code unit. */
function fold1(c: number): number {
  if (!KNOWN[c]) learn(c);
  return FOLD[c];
}

/** The class of a code unit. */
function cls1(c: number): Cls {
  if (!KNOWN[c]) learn(c);
  return CLS[c] as Cls;
}

/** A name as the trie keys it: the same fold as the text, spaces collapsed (and dropped between CJK characters). */
function keyOf(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const f = fold1(name.charCodeAt(i));
    if (f === 0) continue;
    if (f === 32 && (out === '' || out.charCodeAt(out.length - 1) === 32)) continue;
    out += String.fromCharCode(f);
  }
  out = out.trim();
  // No spaces inside a CJK name: 콩고 민주 공화국 is also written 콩고민주공화국.
  if (/[\p{Script=Han}\p{Script=Hangul}\p{Script=Katakana}\p{Script=Hiragana}]/u.test(out)) out = out.replace(/ /g, '');
  return out;
}

// --- The trie ----------------------------------------------------------------------------------------------

interface Entry {
  /** null: a phrase that holds a country's name without naming it (New Jersey); it is read and skipped. */
  iso2: string | null;
  via: CountrySpan['via'];
  /** The script class of the name's first and last character. */
  first: Cls;
  last: Cls;
  /** Must be written in capitals (USA, UK, США). */
  caps: boolean;
  /** Length of the key (for the Han-suffix rule). */
  length: number;
}

interface Node {
  next: Map<number, Node>;
  entry?: Entry;
}

const newNode = (): Node => ({ next: new Map() });

/** Phrases that hold a country's name without naming it. */
const NOT_COUNTRIES = [
  'New Jersey', 'Jersey City', 'New Mexico', 'Nuevo México', 'Nouveau-Mexique', 'New Guinea', 'New South Wales', 'New England',
  'Nueva Jersey', 'Nueva Gales del Sur', 'South China Sea',
  '内蒙古', '内蒙', '內蒙古', '马里兰', '馬里蘭', '马里亚纳', '新墨西哥', '新泽西', '新澤西', '新南威尔士', '新南威爾士', '新英格兰', '新英格蘭',
  '新几内亚', '新幾內亞', '西班牙港', '中国地方', '中國地方',
  'ニュージャージー', 'ニューメキシコ', 'ニューサウスウェールズ', 'ニューギニア', '뉴저지', '뉴멕시코', '뉴사우스웨일스',
];

/** After a two-character Han name, these make it part of a Chinese place or group (黑山县, 朝鲜族, 古巴路). */
const HAN_SUFFIX = new Set([...'县縣镇鎮乡鄉村区區路街族旗屯']);

/** One-character short forms (only with { short: true }). */
const SHORT: Record<string, string> = {
  中: 'CN', 美: 'US', 日: 'JP', 韩: 'KR', 韓: 'KR', 朝: 'KP', 英: 'GB', 法: 'FR', 德: 'DE', 俄: 'RU', 意: 'IT', 加: 'CA',
  澳: 'AU', 西: 'ES', 葡: 'PT', 荷: 'NL', 比: 'BE', 奥: 'AT', 奧: 'AT', 印: 'IN', 泰: 'TH', 越: 'VN', 蒙: 'MN', 菲: 'PH',
  埃: 'EG', 丹: 'DK', 挪: 'NO', 芬: 'FI', 波: 'PL', 捷: 'CZ', 匈: 'HU', 希: 'GR', 土: 'TR', 墨: 'MX', 古: 'CU', 智: 'CL',
  秘: 'PE', 老: 'LA', 柬: 'KH', 缅: 'MM', 緬: 'MM',
  // Japanese
  米: 'US', 独: 'DE', 仏: 'FR', 露: 'RU', 伊: 'IT', 豪: 'AU', 蘭: 'NL',
};
/** After a short form: 日方, 美籍, 中方. */
const SHORT_AFTER = new Set([...'方籍侧側']);

/** Three-letter codes that are also words written in capitals; they count only as a field of their own (`Vancouver, CAN`). */
const WORD_CODES = new Set(['AND', 'ARE', 'CAN', 'THE', 'FOR', 'NOT', 'ALL', 'ONE', 'PER', 'NOR', 'COM', 'MAC', 'PAN', 'MAD', 'BAN', 'SUD', 'VIE', 'CAM', 'SOL', 'VAN', 'TON', 'ARM', 'MAR', 'PAR', 'SAM', 'GUM', 'BEN', 'MON', 'BAR', 'LIE']);

interface Matcher {
  root: Node;
  codes: Map<string, string>;
}

let matcher: Matcher | null = null;
let builtFrom: unknown = null;

/** The converters that give the traditional forms of the Chinese names. */
export const TRADITIONAL: Array<[Locale, Locale]> = [['cn', 'tw'], ['cn', 'twp'], ['cn', 'hk']];

/** The names whose traditional forms the matcher asks for (the build precomputes them). */
export function traditionalSources(): string[] {
  return countryNameList()
    .map((n) => n.name)
    .filter((n) => /\p{Script=Han}/u.test(n));
}

function build(): Matcher {
  const list = countryNameList();
  // Traditional forms of the Chinese names (cn → tw, cn → twp), at the name's own level.
  const [toTw, toTwp, toHk] = TRADITIONAL.map(([from, to]) => listConverter(from, to));
  const names = list.filter((n) => {
    const k = keyOf(n.name);
    // One Han character is a short form, not a name (only with { short: true }).
    return k.length > 1 || !/\p{Script=Han}/u.test(k);
  });
  const byKey = resolveNameKeys(names, (name) => {
    const k = keyOf(name);
    if (!k) return [];
    if (!/\p{Script=Han}/u.test(k)) return [k];
    return [...new Set([k, keyOf(toTw(name)), keyOf(toTwp(name)), keyOf(toHk(name))])];
  });
  const level0 = new Set(list.filter((n) => n.level === 0).map((n) => keyOf(n.name)));
  // Which keys are acronyms: written in capitals in some source.
  const caps = new Set<string>();
  for (const n of list) if (/^[\p{Lu}.]{2,5}$/u.test(n.name.replace(/\s/g, ''))) caps.add(keyOf(n.name));

  const root = newNode();
  const insert = (key: string, entry: Omit<Entry, 'first' | 'last' | 'length'>) => {
    let node = root;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      let next = node.next.get(c);
      if (!next) {
        next = newNode();
        node.next.set(c, next);
      }
      node = next;
    }
    const first = cls1(key.charCodeAt(0));
    const last = cls1(key.charCodeAt(key.length - 1));
    node.entry = { ...entry, first, last, length: key.length };
  };
  for (const [key, iso2] of byKey) insert(key, { iso2, via: level0.has(key) ? 'alias' : 'name', caps: caps.has(key) });
  for (const phrase of NOT_COUNTRIES) insert(keyOf(phrase), { iso2: null, via: 'name', caps: false });

  const codes = new Map<string, string>();
  for (const [a3, a2] of Object.entries(countries.getAlpha3Codes())) codes.set(a3, a2);
  const iocFile = join(DATA_DIR, 'ioc-codes.tsv');
  if (existsSync(iocFile)) {
    for (const line of readFileSync(iocFile, 'utf8').split(/\r?\n/)) {
      const [code, iso2] = line.split('\t');
      if (/^[A-Z]{3}$/.test(code ?? '') && /^[A-Z]{2}$/.test(iso2 ?? '')) {
        const prev = codes.get(code);
        if (prev && prev !== iso2) codes.delete(code); // two meanings: neither
        else codes.set(code, iso2);
      }
    }
  }
  codes.delete('BRN'); // ISO: Brunei; IOC: Bahrain
  return { root, codes };
}

function getMatcher(): Matcher {
  const list = countryNameList();
  if (!matcher || builtFrom !== list) {
    matcher = build();
    builtFrom = list;
  }
  return matcher;
}

// --- Scanning ----------------------------------------------------------------------------------------------

const isCjk = (c: Cls) => c === Cls.Han || c === Cls.Kana || c === Cls.Hangul;

/** Countries named in a text, in the order they stand, not overlapping. */
export function findCountries(text: string, options: FindCountriesOptions = {}): CountrySpan[] {
  if (!text) return [];
  const { root, codes } = getMatcher();
  const out: CountrySpan[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const u = text.charCodeAt(i);
    let node = root.next.get(fold1(u));
    if (node === undefined) {
      i++;
      continue;
    }
    const cls = cls1(u);
    const prev = i > 0 ? cls1(text.charCodeAt(i - 1)) : Cls.Other;
    if ((cls === Cls.Abc && (prev === Cls.Abc || prev === Cls.Digit)) || (cls === Cls.Kana && prev === Cls.Kana) || (cls === Cls.Hangul && prev === Cls.Hangul)) {
      i++;
      continue;
    }
    let best: Entry | null = null;
    let bestEnd = 0;
    let j = i + 1;
    let lastFolded = fold1(u);
    let fresh = true; // the last step consumed a character of the name (not a skipped mark or space)
    for (;;) {
      const e = node.entry;
      if (fresh && e !== undefined && accepts(text, e, i, j)) {
        best = e;
        bestEnd = j;
      }
      if (j >= n) break;
      const f = fold1(text.charCodeAt(j));
      fresh = false;
      if (f === 0) {
        j++;
        continue;
      }
      let next = node.next.get(f);
      if (next === undefined && f === 32) {
        // Runs of spaces count as one; between CJK characters spaces do not count.
        if (lastFolded === 32 || isCjk(cls1(text.charCodeAt(j - 1)))) {
          j++;
          continue;
        }
      }
      if (next === undefined) break;
      node = next;
      lastFolded = f;
      fresh = true;
      j++;
    }
    if (best === null) {
      if (options.short) {
        const s = shortAt(text, i);
        if (s) out.push(s);
      }
      i++;
      continue;
    }
    if (best.iso2 !== null) out.push({ start: i, end: bestEnd, written: text.slice(i, bestEnd), iso2: best.iso2, via: best.via });
    i = bestEnd;
  }
  const extra: CountrySpan[] = [];
  if (/[A-Z]{3}/.test(text) && NOT_ALL_CAPS.test(text)) extra.push(...findCodes(text, codes));
  if (text.includes('\ud83c')) extra.push(...findFlags(text));
  if (!extra.length) return out;
  // Codes and flags where no name stands (a name's span wins): one mark per code unit, linear.
  const taken = new Uint8Array(n);
  for (const s of out) taken.fill(1, s.start, s.end);
  const all = [...out];
  for (const x of extra) {
    let free = true;
    for (let k = x.start; k < x.end && free; k++) if (taken[k]) free = false;
    if (free) all.push(x);
  }
  return all.sort((a, b) => a.start - b.start);
}

/** Whether a name found at [i, j) stands as a name there. */
function accepts(text: string, e: Entry, i: number, j: number): boolean {
  const next = j < text.length ? cls1(text.charCodeAt(j)) : Cls.Other;
  if (e.iso2 === null) return true;
  if (e.first === Cls.Abc) {
    if (e.caps) {
      for (let k = i; k < j; k++) {
        const c = text.charCodeAt(k);
        if (cls1(c) === Cls.Abc && !UPPER[c]) return false;
      }
    } else if (cls1(text.charCodeAt(i)) !== Cls.Abc || !UPPER[text.charCodeAt(i)]) return false;
  }
  if (e.last === Cls.Abc || e.last === Cls.Digit) {
    if (next === Cls.Abc || next === Cls.Digit) return false;
  } else if (e.last === Cls.Kana) {
    if (next === Cls.Kana) return false;
  } else if (e.last === Cls.Han && e.length <= 2 && e.first === Cls.Han) {
    if (j < text.length && HAN_SUFFIX.has(text[j])) return false;
  }
  return true;
}

/** A one-character short form at i, in a context that makes it one: 中美, 中日韩, 日方, or the whole text. */
function shortAt(text: string, i: number): CountrySpan | null {
  const ch = text[i];
  const iso2 = SHORT[ch];
  if (!iso2) return null;
  const before = i > 0 ? text[i - 1] : '';
  const after = i + 1 < text.length ? text[i + 1] : '';
  const whole = text.trim() === ch;
  const ok = whole || SHORT[before] !== undefined || SHORT[after] !== undefined || SHORT_AFTER.has(after);
  // 中 counts only next to another short form (中美), never alone in a word (中心).
  if (!ok || (ch === '中' && !whole && SHORT[before] === undefined && SHORT[after] === undefined && !SHORT_AFTER.has(after))) return null;
  return { start: i, end: i + 1, written: ch, iso2, via: 'alias' };
}

/** A text with a small letter, or a letter of a script without capitals (Han, kana, Hangul), is not written all in capitals. */
const NOT_ALL_CAPS = /[\p{Ll}\p{Lo}]/u;
const CODE_TOKEN = /(?<![\p{L}\p{N}])[A-Z]{3}(?![\p{L}\p{N}])/gu;

/** Three-letter codes in capitals, in a text that is not all in capitals. */
function findCodes(text: string, codes: Map<string, string>): CountrySpan[] {
  const out: CountrySpan[] = [];
  CODE_TOKEN.lastIndex = 0;
  for (let m = CODE_TOKEN.exec(text); m !== null; m = CODE_TOKEN.exec(text)) {
    const code = m[0];
    const iso2 = codes.get(code);
    if (!iso2) continue;
    const start = m.index;
    const end = start + 3;
    if (WORD_CODES.has(code) && !isField(text, start, end)) continue;
    out.push({ start, end, written: code, iso2, via: 'code' });
  }
  return out;
}

/** The token stands as a field: between the text's ends, commas, brackets, bars, tabs or slashes. */
function isField(text: string, start: number, end: number): boolean {
  const before = text.slice(0, start).replace(/[ \u3000]+$/, '');
  const after = text.slice(end).replace(/^[ \u3000]+/, '');
  const edgeBefore = before === '' || /[,，(（\[|\t/;；:：–—]$/.test(before);
  const edgeAfter = after === '' || /^[,，)）\]|\t/;；:：–—]/.test(after);
  return edgeBefore && edgeAfter;
}

const FLAG = /\ud83c[\udde6-\uddff]\ud83c[\udde6-\uddff]|\ud83c\udff4(?:\udb40[\udc61-\udc7a])+\udb40\udc7f/g;

/** Flag emoji: a pair of regional indicators (🇫🇷), or a subdivision flag of the United Kingdom (🏴 + tags). */
function findFlags(text: string): CountrySpan[] {
  const out: CountrySpan[] = [];
  FLAG.lastIndex = 0;
  for (let m = FLAG.exec(text); m !== null; m = FLAG.exec(text)) {
    const w = m[0];
    let iso2: string;
    if (w.charCodeAt(1) === 0xdff4) {
      const tags = [...w.slice(2)].slice(0, -1).map((c) => String.fromCharCode(c.codePointAt(0)! - 0xe0000)).join('');
      if (!/^gb(eng|sct|wls|nir)$/.test(tags)) continue;
      iso2 = 'GB';
    } else {
      iso2 = String.fromCharCode(w.codePointAt(0)! - 0x1f1e6 + 65, w.codePointAt(2)! - 0x1f1e6 + 65);
      if (!countries.isValid(iso2) && iso2 !== 'XK') continue;
    }
    out.push({ start: m.index, end: m.index + w.length, written: w, iso2, via: 'flag' });
  }
  return out;
}
