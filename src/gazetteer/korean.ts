// Korean (Hangul) names of Chinese places.
//
// Korean writes a Chinese place either in the Sino-Korean reading of its characters (大連 → 대련, 遼寧省 →
// 요녕성, with the initial-sound rule 두음법칙 at the start of the word: 遼 료 → 요) or in the 2000s Hangul
// transcription of Mandarin (다롄, 선양, 랴오닝성). The build (build.ts) writes china-ko.json with, per GB/T 2260
// division, the readings computed here from data/gazetteer/hanja-ko.tsv (Unihan kHangul) and the Hangul names of
// GeoNames and data/gazetteer/places-ko.tsv; the loader (index.ts) reads it only when a Hangul name is looked up.
//
// Nothing here runs at start-up: the OpenCC converter is made on first use (build time only).
import { createRequire } from 'node:module';
import { toSimplified } from './fold.js';

/** Hangul syllables and jamo. */
export const HANGUL_RE = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
const HAN_ONLY_RE = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/;

/** A Hangul name as a key: NFC, no spaces, dots or dashes (다롄 시 = 다롄시). */
export function foldHangul(s: string): string {
  return s.normalize('NFC').replace(/[\s·・\-‐–—().,]/g, '');
}

/** Korean administrative suffixes of Chinese divisions, longest first (자치주 = 自治州, 시 = 市 …). */
export const KO_SUFFIXES = [
  '특별행정구', '자치구', '자치주', '자치현', '자치기', '임구', '특구', '광구', '지구', '시', '성', '현', '구', '기', '맹',
];
const KO_SUFFIX_RE = new RegExp(`(${KO_SUFFIXES.join('|')})$`);
/** The stem of a folded Hangul key (대련시 → 대련), or null when no suffix or fewer than two syllables remain. */
export function hangulStem(key: string): string | null {
  const m = KO_SUFFIX_RE.exec(key);
  if (!m) return null;
  let stem = key.slice(0, key.length - m[0].length);
  // 연변조선족자치주 → 연변, 광시좡족자치구 → 광시: an autonomous division's peoples go with its suffix
  if (m[0].startsWith('자치')) stem = ETHNIC_RE.exec(stem)?.[1] ?? stem;
  return [...stem].length >= 2 ? stem : null;
}
const ETHNIC_RE = /^([\uac00-\ud7af]{2,}?)(?:[\uac00-\ud7af]{1,4}?족)+$/;

// ---------------------------------------------------------------- Hangul syllables
const S_BASE = 0xac00;
const L_N = 2; // ㄴ
const L_R = 5; // ㄹ
const L_O = 11; // ㅇ
const T_N = 4; // final ㄴ
const T_L = 8; // final ㄹ
/** Vowels before which word-initial ㄹ/ㄴ becomes ㅇ: ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ. */
const V_Y = new Set([2, 6, 7, 12, 17, 20]);
/** Vowels before which word-initial ㄹ becomes ㄴ: ㅏ ㅐ ㅗ ㅚ ㅜ ㅡ. */
const V_N = new Set([0, 1, 8, 11, 13, 18]);

const split = (syl: string): [number, number, number] | null => {
  const c = syl.charCodeAt(0) - S_BASE;
  if (c < 0 || c > 11171) return null;
  return [Math.floor(c / 588), Math.floor((c % 588) / 28), c % 28];
};
const join = (l: number, v: number, t: number): string => String.fromCharCode(S_BASE + l * 588 + v * 28 + t);

/** The initial-sound rule (두음법칙) for the first syllable of a word: 료 → 요, 락 → 낙, 녕 → 영. */
export function initialSound(syl: string): string {
  const p = split(syl);
  if (!p) return syl;
  const [l, v, t] = p;
  if (l === L_R && V_Y.has(v)) return join(L_O, v, t);
  if (l === L_R && V_N.has(v)) return join(L_N, v, t);
  if (l === L_N && V_Y.has(v)) return join(L_O, v, t);
  return syl;
}

/** 렬/률 after a vowel or ㄴ are read 열/율 (羅列 나열). */
function medialSound(prev: string, syl: string): string {
  const p = split(syl);
  const q = split(prev);
  if (!p || !q) return syl;
  const [l, v, t] = p;
  if (l === L_R && t === T_L && (v === 6 || v === 17) && (q[2] === 0 || q[2] === T_N)) return join(L_O, v, t);
  return syl;
}

/** Syllable readings of one word (character by character) → the word as Korean writes it. */
export function applyRules(syllables: string[]): string {
  let out = '';
  let prev = '';
  syllables.forEach((s, i) => {
    const r = i === 0 ? initialSound(s) : medialSound(prev, s);
    out += r;
    prev = r;
  });
  return out;
}

// ---------------------------------------------------------------- the reading table
export interface HanjaTable {
  /** Readings of a character, best first (the taught reading, then the others); undefined when unknown. */
  readings(ch: string): string[] | undefined;
  size: number;
}

/**
 * Parses hanja-ko.tsv (`char<TAB>kHangul`). A reading that is only the initial-sound form of another reading of the
 * same character (連 련/연, 寧 녕/령/영) is dropped: the rule gives it back where it applies.
 */
export function parseHanjaTable(text: string): HanjaTable {
  const map = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('char\t')) continue;
    const [ch, v] = line.split('\t');
    if (!ch || !v) continue;
    const items = v
      .trim()
      .split(/\s+/)
      .map((x) => {
        const [r, flags = ''] = x.split(':');
        return { r: r!, flags };
      })
      .filter((x) => split(x.r));
    const all = new Set(items.map((x) => x.r));
    const kept = items.filter((x) => ![...all].some((o) => o !== x.r && initialSound(o) === x.r));
    // taught readings first, then plain ones, then readings for personal names; stable otherwise
    const rank = (f: string): number => (f.includes('E') ? 0 : f.includes('N') ? 2 : 1);
    kept.sort((a, b) => rank(a.flags) - rank(b.flags));
    if (kept.length) map.set(ch, [...new Set(kept.map((x) => x.r))]);
  }
  return { readings: (ch) => map.get(ch), size: map.size };
}

// ---------------------------------------------------------------- names → readings
let cn2t: ((s: string) => string) | null = null;

/**
 * The traditional-script forms of a Chinese division's name to read: OpenCC cn → t of the simplified name, and
 * every all-Han name of the place that folds back to it (GeoNames' traditional names: 乾縣 where OpenCC gives 幹縣).
 * Never the simplified name itself: simplified characters have readings of their own (广 엄, 宁 저).
 */
export function traditionalForms(zh: string, names: string[]): string[] {
  // required here, not imported: the lookups that import this module never load OpenCC
  const conv = (cn2t ??= (createRequire(import.meta.url)('opencc-js') as typeof import('opencc-js')).Converter({ from: 'cn', to: 't' }));
  const out = new Set<string>([conv(zh)]);
  for (const n of names) if (n !== zh && HAN_ONLY_RE.test(n) && toSimplified(n) === zh) out.add(n);
  return [...out];
}

/** Traditional-script suffixes of Chinese divisions, longest first. */
const ZH_SUFFIXES = [
  '特別行政區', '維吾爾自治區', '壯族自治區', '回族自治區', '自治區', '自治州', '自治縣', '自治旗', '林區', '特區',
  '礦區', '地區', '省', '市', '縣', '區', '旗', '盟',
];

/** Readings of a word: the first (best) reading of each character, and up to `maxVariants` others that differ in one character. */
function readWord(word: string, table: HanjaTable, maxVariants: number): { main: string; variants: string[] } | null {
  const per: string[][] = [];
  for (const ch of word) {
    const rs = table.readings(ch);
    if (!rs) return null;
    per.push(rs);
  }
  const main = applyRules(per.map((rs) => rs[0]!));
  const variants: string[] = [];
  for (let i = 0; i < per.length && variants.length < maxVariants; i++) {
    for (const alt of per[i]!.slice(1)) {
      if (variants.length >= maxVariants) break;
      const v = applyRules(per.map((rs, j) => (j === i ? alt : rs[0]!)));
      if (v !== main && !variants.includes(v)) variants.push(v);
    }
  }
  return { main, variants };
}

export interface KoreanReadings {
  /** Readings from the best reading of each character: the full name and its stem (대련시, 대련). */
  main: string[];
  /** Readings that use another reading of one character (요령성 beside 요녕성): found only when nothing else is. */
  variants: string[];
}

/** The Sino-Korean readings of a Chinese division's name, with and without its suffix. */
export function koreanReadings(zh: string, names: string[], table: HanjaTable, maxVariants = 4): KoreanReadings {
  const main = new Set<string>();
  const variants = new Set<string>();
  for (const t of traditionalForms(zh, names)) {
    const suffix = ZH_SUFFIXES.find((s) => t.endsWith(s) && [...t].length - [...s].length >= 1);
    const stem = suffix ? t.slice(0, t.length - suffix.length) : t;
    const full = readWord(t, table, maxVariants);
    if (full) {
      main.add(full.main);
      for (const v of full.variants) variants.add(v);
    }
    if (suffix && [...stem].length >= 2) {
      const s = readWord(stem, table, maxVariants);
      if (s) {
        main.add(s.main);
        for (const v of s.variants) variants.add(v);
      }
    }
  }
  for (const m of main) variants.delete(m);
  return { main: [...main].sort(), variants: [...variants].sort() };
}

/** The Korean suffix of a Chinese division's (simplified) name: 大连市 → 시, 山东省 → 성, 延边朝鲜族自治州 → 자치주. */
const SUFFIX_KO: [string, string][] = [
  ['特别行政区', '특별행정구'], ['自治区', '자치구'], ['自治州', '자치주'], ['自治县', '자치현'], ['自治旗', '자치기'],
  ['地区', '지구'], ['市', '시'], ['省', '성'], ['县', '현'], ['区', '구'], ['旗', '기'], ['盟', '맹'],
];
export function koreanSuffixOf(zh: string): string | null {
  for (const [s, k] of SUFFIX_KO) if (zh.endsWith(s)) return k;
  return null;
}
