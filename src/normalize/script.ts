// Chinese script: traditional → simplified, pinyin, and the folded search key. Pure functions.
//
// Measured on the four samples (every Han run of 003, the traditional-script list):
//  - OpenCC `t → cn` converts character by character (plus a few phrases) and keeps a name as written.
//  - OpenCC `twp → cn` also rewrites Taiwan phrases, which fixes Taiwan forms of country names
//    (義大利 → 意大利, 紐西蘭 → 新西兰, 辛巴威 → 津巴布韦, 象牙海岸 → 科特迪瓦) but corrupts others:
//    哈薩克斯坦 → 哈萨克斯坦斯坦, 土庫曼斯坦 → 土库曼斯坦斯坦, 尼日利亞 → 尼日尔利亚, and it swaps place-name
//    transliterations (拉羅舍爾 → 拉洛舍尔, 奧克拉荷馬州 → 俄克拉何马州).
//  So `toSimplified` uses `t → cn` (safe for every name), and `twp → cn` is offered only as an extra
//  candidate (`simplifiedCandidates`) for lookups such as country names.
import { createRequire } from 'node:module';
import { memoize } from './memo.js';
import { lazyConverter } from './opencc.js';

// OpenCC and pinyin-pro are loaded when a text first needs them (see opencc.ts): most commands never do.
const tToCn = lazyConverter('t', 'cn');
const twpToCn = lazyConverter('twp', 'cn');
const require = createRequire(import.meta.url);
let pinyinLib: typeof import('pinyin-pro') | null = null;

const HAN = /\p{Script=Han}/u;

/** Traditional → simplified Chinese, character by character (OpenCC t → cn). Non-Han text is unchanged. */
export function toSimplified(s: string): string {
  if (!HAN.test(s)) return s;
  return s.length <= MEMO_LEN ? simplifiedMemo(s) : tToCn(s);
}

/** Strings up to this length are remembered (names, countries, headings); longer ones are converted as they come. */
const MEMO_LEN = 64;
const simplifiedMemo = memoize((s: string) => tToCn(s));

/**
 * The simplified forms worth trying when looking a name up: the safe `t → cn` form first, then the
 * Taiwan-phrase form (`twp → cn`) when it differs. Use for lookups in closed lists (countries), never
 * to store a name.
 */
export function simplifiedCandidates(s: string): string[] {
  if (!HAN.test(s)) return [s];
  // A copy: callers may change the array they get.
  return s.length <= MEMO_LEN ? [...candidatesMemo(s)] : candidates(s);
}

function candidates(s: string): string[] {
  const a = tToCn(s);
  const b = twpToCn(s);
  return a === b ? [a] : [a, b];
}
const candidatesMemo = memoize(candidates);

/** Pinyin without tones, lower-case, syllables joined without spaces (大连 → dalian; 吕 → lv). Non-Han text passes through lower-cased. */
export function pinyinOf(s: string): string {
  if (!HAN.test(s)) return s.toLowerCase();
  return s.length <= MEMO_LEN ? pinyinMemo(s) : pinyinOfHan(s);
}

const pinyinMemo = memoize((s: string) => pinyinOfHan(s));

function pinyinOfHan(s: string): string {
  pinyinLib ??= require('pinyin-pro') as typeof import('pinyin-pro');
  const parts = pinyinLib.pinyin(toSimplified(s), { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  return parts.join('').toLowerCase();
}

/** Search key: NFKC, simplified, lower-case, diacritics stripped, whitespace and punctuation removed. */
export function fold(s: string): string {
  return s.length <= MEMO_LEN ? foldMemo(s) : foldText(s);
}

const foldMemo = memoize((s: string) => foldText(s));

function foldText(s: string): string {
  let t = s.normalize('NFKC');
  t = toSimplified(t).toLowerCase();
  t = t.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
  return t.replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '');
}
