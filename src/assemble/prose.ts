// Ties stated in running text: "… signed a sister-city agreement with Ballarat, Australia, on 12 May 1995",
// "1981年，与日本北九州市缔结友好城市关系". A sentence counts only when it holds a kind word; each
// `Place, Country` (Latin) or `Country + Place` (Han) pair in it is one partner, a pair with China the
// Chinese side. Pure.
import { findCountries, findDates, findKindWords } from '../recognize/index.js';

export interface ProseTie {
  place: string;
  country: string;
  countryIso2: string;
  cnPlace: string | null;
  date: string | null;
  marker: string;
}

const LATIN_BEFORE = /((?:\p{Lu}[\p{L}'’.\-]*)(?:[ -](?:(?:de|del|la|le|les|am|upon|on|sur|an der|di|da|do|dos|das)[ -])?\p{Lu}[\p{L}'’.\-]*){0,3})\s*,\s*(?:the\s+)?$/u;
const HAN_AFTER = /^(?:的|之)?\s*([\p{Script=Han}·]{1,12}?(?:市|县|縣|州|省|区|區|郡|町|村|道|府|都|岛|島|镇|鎮))/u;
const HAN_TOWNISH = /^(?:的|之)?\s*([\p{Script=Han}·]{2,8})(?=[，,、。与和與及]|结为|結為|缔结|締結|建立|签|簽)/u;

/** Splits running text into sentences (Chinese and Latin punctuation). */
export function sentences(text: string): Array<{ text: string; offset: number }> {
  const out: Array<{ text: string; offset: number }> = [];
  // Latin full stops end a sentence only before a space and a capital; Han punctuation always.
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const end = ch === '。' || ch === '！' || ch === '？' || ch === '；' || ((ch === '.' || ch === '!' || ch === '?') && /\s\p{Lu}/u.test(text.slice(i + 1, i + 3)) && !/\b(?:St|Dr|Mr|Mrs|Ms|No|Mt|Ft|U\.S|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$/.test(text.slice(Math.max(0, i - 5), i)));
    if (end) {
      out.push({ text: text.slice(start, i + 1), offset: start });
      start = i + 1;
    }
  }
  if (start < text.length) out.push({ text: text.slice(start), offset: start });
  return out.filter((s) => s.text.trim() !== '');
}

export function proseTies(text: string): ProseTie[] {
  const out: ProseTie[] = [];
  for (const s of sentences(text)) {
    const kinds = findKindWords(s.text);
    if (!kinds.length) continue;
    const countries = findCountries(s.text).filter((c) => !kinds.some((k) => c.start < k.end && k.start < c.end));
    if (!countries.length) continue;
    const dates = findDates(s.text, { bareYears: true });
    const date = (dates.find((d) => d.precision !== 'year') ?? dates[0])?.written ?? null;
    const pairs: Array<{ place: string; iso2: string; written: string }> = [];
    for (const c of countries) {
      const before = LATIN_BEFORE.exec(s.text.slice(Math.max(0, c.start - 80), c.start));
      if (before) {
        pairs.push({ place: before[1].trim(), iso2: c.iso2, written: c.written });
        continue;
      }
      const after = s.text.slice(c.end, c.end + 30);
      const han = HAN_AFTER.exec(after) ?? HAN_TOWNISH.exec(after);
      if (han) pairs.push({ place: han[1], iso2: c.iso2, written: c.written });
    }
    const cn = pairs.find((p) => p.iso2 === 'CN');
    for (const p of pairs) {
      if (p.iso2 === 'CN') continue;
      out.push({ place: p.place, country: p.written, countryIso2: p.iso2, cnPlace: cn?.place ?? null, date, marker: kinds.map((k) => k.written).join(' ') });
    }
  }
  return out;
}
