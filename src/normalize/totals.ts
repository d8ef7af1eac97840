// Totals a document declares for itself: 现有9座友好城市, 现有25座, 与33个国家的40个城市,
// 与 68 个国家的 107 个城市, 现有九座. Pure.
import { toSimplified } from './script.js';

export interface ParsedTotal {
  countries: number | null;
  places: number | null;
}

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 九 → 9, 二十五 → 25, 十二 → 12, 一百零七 → 107; null when not a Chinese numeral. */
export function chineseNumber(s: string): number | null {
  if (!s || !/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return null;
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in DIGIT) {
      digit = DIGIT[ch];
    } else {
      const unit = UNIT[ch];
      total += (digit ?? 1) * unit;
      digit = null;
    }
  }
  if (digit !== null) total += digit;
  return total;
}

// A number, matched only from the start of its run (the lookbehinds): the leftmost match starts there
// anyway, and without them a long run of digits is rescanned from every position (quadratic).
const NUM = '((?<!\\d)\\d+|(?<![零〇一二两三四五六七八九十百千])[零〇一二两三四五六七八九十百千]+)';
const COUNTRIES = new RegExp(`${NUM}个国家`);
const PLACES = new RegExp(`${NUM}(?:个|座|对)(?:[^\\d零〇一二两三四五六七八九十百千，,。；;：:]{0,12}?)(?:城市|友城|城)`);
const PLACES_SEAT = new RegExp(`${NUM}座`);

function toNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  return chineseNumber(s);
}

/** Counts a sentence declares, or null when it declares none. */
export function parseDeclaredTotal(text: string): ParsedTotal | null {
  if (!text) return null;
  const t = toSimplified(text.normalize('NFKC')).replace(/\s+/g, '');
  let countries: number | null = null;
  let places: number | null = null;

  const c = t.match(COUNTRIES);
  if (c) countries = toNumber(c[1]);
  // Places are counted after the countries (与33个国家的40个城市).
  const rest = c ? t.slice((c.index ?? 0) + c[0].length) : t;

  const p = rest.match(PLACES) ?? rest.match(PLACES_SEAT);
  if (p) places = toNumber(p[1]);

  if (countries === null && places === null) {
    // `7 cities in 4 countries`, `12 sister cities`, `5개국 8개 도시`, `4か国7都市` (spaces are gone by now).
    const en = /(?<!\d)(\d{1,4})(?:sister|twin|partner|friendship)?(?:cities|towns|municipalities|provinces|regions|partners)(?:in(\d{1,3})countries)?/i.exec(t);
    const ko = /(?<!\d)(\d{1,3})개(?:국|나라)(\d{1,4})개(?:도시|시|지역|자치단체)/.exec(t);
    const ja = /(?<!\d)(\d{1,3})(?:か国|カ国|ヶ国)(\d{1,4})(?:都市|自治体|地域)/.exec(t);
    if (en) return { places: Number(en[1]), countries: en[2] ? Number(en[2]) : null };
    if (ko) return { countries: Number(ko[1]), places: Number(ko[2]) };
    if (ja) return { countries: Number(ja[1]), places: Number(ja[2]) };
    return null;
  }
  return { countries, places };
}
