// Display helpers: dates with their precision, country names from the browser's own CLDR data.
import type { Lang } from './i18n';
import type { PlaceBrief } from './api';

const regionNames = new Map<Lang, Intl.DisplayNames | null>();

function displayNames(lang: Lang): Intl.DisplayNames | null {
  if (!regionNames.has(lang)) {
    try {
      regionNames.set(lang, new Intl.DisplayNames([lang === 'zh' ? 'zh-Hans' : 'en'], { type: 'region', fallback: 'code' }));
    } catch {
      regionNames.set(lang, null);
    }
  }
  return regionNames.get(lang) ?? null;
}

/** 'JP' → 日本 / Japan; unknown codes stay as written. */
export function countryName(cc: string | null | undefined, lang: Lang): string {
  if (!cc) return '';
  const code = cc.toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return cc;
  try {
    return displayNames(lang)?.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A date as precise as the source is: 1986, 2013-12, 1979-05-01. The registry stores it that way
 * already; anything longer is cut to the stated precision.
 */
export function formatDate(date: string | null | undefined, precision: string | null | undefined): string | null {
  if (!date) return null;
  switch (precision) {
    case 'year':
      return date.slice(0, 4);
    case 'month':
      return date.slice(0, 7);
    case 'day':
      return date.slice(0, 10);
    default:
      return date;
  }
}

export function yearOf(date: string | null | undefined): number | null {
  if (!date) return null;
  const m = /^(\d{4})/.exec(date);
  return m ? Number(m[1]) : null;
}

/**
 * Text from the documents inside a sentence of the app's own: between FIRST STRONG ISOLATE and POP
 * DIRECTIONAL ISOLATE, so a right-to-left override in a name cannot reorder the words after it. For plain
 * strings (titles, tooltips); in markup the names are isolated by CSS (.pn, [lang], bdi). Only text that holds
 * bidi controls or right-to-left letters is wrapped: every other name stays exactly as it is.
 */
export function isolate(s: string): string {
  return /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u.test(s) ? `\u2068${s}\u2069` : s;
}

export function primaryName(p: Pick<PlaceBrief, 'name_zh_hans' | 'name_en' | 'id'>): string {
  return p.name_zh_hans || p.name_en || p.id;
}

/** 大连市 Dalian — both, once each. */
export function bothNames(p: Pick<PlaceBrief, 'name_zh_hans' | 'name_en' | 'id'>): string {
  const zh = p.name_zh_hans;
  const en = p.name_en;
  if (zh && en && zh !== en) return isolate(`${zh} ${en}`);
  return isolate(zh || en || p.id);
}

export function num(n: number | null | undefined, lang: Lang): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return n.toLocaleString(lang === 'zh' ? 'zh-Hans' : 'en');
}
