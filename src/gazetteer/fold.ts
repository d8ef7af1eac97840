// Name folding for the gazetteer index: one function, used at build time (to precompute keys) and at
// query time (to fold the query), so both sides always agree.
//
// A name folds to one or two keys:
//   - traditional → simplified Chinese (OpenCC t → cn), lower-cased, Latin diacritics stripped;
//   - when the name has Japanese shinjitai kanji, also the OpenCC jp → cn form (広島 → 广岛, 浜松 → 滨松).
//     This second key is kept apart from the first because jp → cn also rewrites a few characters that are
//     ordinary Chinese characters (芸 → 艺), which would be wrong for a Chinese name.
import { lazyConverter } from '../normalize/opencc.js';

// OpenCC itself is loaded only for a name these would change (see normalize/opencc.ts).
const t2cn = lazyConverter('t', 'cn');
const jp2cn = lazyConverter('jp', 'cn');

/** Han ideographs (incl. ext. A and compatibility) and kana. */
export const CJK_RE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const NON_ASCII_RE = /[^\x00-\x7f]/;

const LETTER_MAP: Record<string, string> = {
  ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŀ: 'l',
};
const LETTER_RE = /[øæœßłđðþıħŀ]/g;

/** Lower-case, strip Latin diacritics, unify dashes, dots, apostrophes and spaces. No script conversion. */
const PLAIN_RE = /^[a-z0-9]+(?: [a-z0-9.'()-]+)*$/;
export function foldLatin(s: string): string {
  if (!NON_ASCII_RE.test(s)) {
    const lower = s.toLowerCase();
    return PLAIN_RE.test(lower) ? lower : lower.trim().replace(/\s+/g, ' ');
  }
  let out = s.normalize('NFKC').trim().toLowerCase();
  if (NON_ASCII_RE.test(out)) {
    out = out
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .normalize('NFC')
      .replace(LETTER_RE, (c) => LETTER_MAP[c] ?? c)
      .replace(/[\u2010-\u2015\u2212\ufe63\uff0d]/g, '-')
      .replace(/[\u00b7\u2027\u2022\u30fb\uff65]/g, '·')
      .replace(/[\u2018\u2019\u02bc\u02bb\u00b4`]/g, "'");
  }
  return out.replace(/\s+/g, ' ');
}

/** Every index key of a name (one or two strings, the first is the main one). */
export function foldKeys(name: string): string[] {
  const base = foldLatin(name);
  if (!base) return [];
  if (!CJK_RE.test(base)) return [base];
  const main = t2cn(base);
  const jp = jp2cn(base);
  return jp !== main ? [main, jp] : [main];
}

/** The main key of a name: simplified, lower-cased, diacritics stripped. */
export function foldName(name: string): string {
  return foldKeys(name)[0] ?? '';
}

/** Traditional → simplified Chinese only (no case or diacritic change). */
export function toSimplified(s: string): string {
  return t2cn(s);
}
