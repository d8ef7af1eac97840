// Dates inside longer text (a list item, a table row, a sentence): every span that parseDate reads, with
// its offsets in the text as given. Pure.
//
// Each span's `written` is the text's own slice, and parseDate(written) gives the span's iso and precision.
// A span that looks like a date but is none (2019年13月5日, 昭和65年) is left out rather than cut short.
// The forms are those of src/normalize/date.ts; in running text a few are left out for precision:
//   - 2013-12 (year-month with a hyphen) reads as a range as often as a month, so only 2013.12 and 2013/12 count;
//   - compact 19790501 and the two-part era abbreviation S48.5 are not looked for (S48.5.7 is);
//   - a bare year (1995, as in `1995–2010`) counts only between 1950 and 2030, only when the text holds no date
//     with a month or a day, and only with { bareYears: true } (the default).
// Cost: one pass of a handful of regular expressions with bounded repetition (no nested quantifiers), so
// time is linear in the text's length; a text without a digit or 年 returns at once.
import { MONTH_ALTERNATION, parseDate } from '../normalize/date.js';

export interface DateSpan {
  start: number;
  end: number;
  written: string;
  iso: string;
  precision: 'day' | 'month' | 'year';
}

export interface FindDatesOptions {
  /** Bare 4-digit years (1950–2030) when the text holds no fuller date. Default true. */
  bareYears?: boolean;
}

const KN = '[〇零○一二三四五六七八九十廿卅百]';
const NUM12 = `(?:\\d{1,2}|${KN}{1,3})`;
const ERA = '(?:明治|大正|昭和|平成|令和)';
const ERA_YEAR = `${ERA}\\s{0,2}(?:元|\\d{1,2}|${KN}{1,3})\\s{0,2}年`;
/** 5月7日 after a year: a day needs its unit (日 일 号 號), a month needs 月 or 월. */
const MONTH_DAY = `(?:\\s{0,2}${NUM12}\\s{0,2}[月월](?:\\s{0,2}${NUM12}\\s{0,2}[日일号號])?)?`;
const ORD = '(?:st|nd|rd|th|er|re|e|º|ª|°|\\.º|\\.ª|\\.)?';
const YEAR_WORD = '(?:\\s{0,2}(?:года|году|год|г\\.|г(?![\\p{L}])))?';
const MON = `(?:${MONTH_ALTERNATION})(?![\\p{L}])`;
/** Letters of alphabetic scripts: a date does not start or end inside a word of them (Han and kana may touch it). */
const ABC = '\\p{Script=Latin}\\p{Script=Cyrillic}\\p{Script=Greek}';
const NOT_BEFORE = `(?<![${ABC}\\p{N}])`;

/**
 * A Latin or Cyrillic letter: every month name and year word is written in one (case-insensitive matching folds
 * only within a script: ſ and K fold to Latin letters and are Latin themselves).
 */
const LETTERS = /[\p{Script=Latin}\p{Script=Cyrillic}]/u;

/**
 * Patterns with `bare` set find bare years; all others find dates parseDate reads. `needs` is a character every
 * match of the pattern holds: a text without one is not scanned with it (most rows hold no 年, many no letter).
 */
const PATTERNS: Array<{ re: RegExp; bare?: boolean; needs?: RegExp }> = [
  // 昭和48年5月7日, 平成元年, 昭和48年（1973年）5月
  { re: new RegExp(`${ERA_YEAR}(?:\\s{0,2}[(（]\\s{0,2}\\d{4}\\s{0,2}年?\\s{0,2}[)）])?${MONTH_DAY}`, 'gu'), needs: /年/ },
  // 1974年2月1日, 2004년 5월 7일, 一九七九年五月一日, 1973年（昭和48年）5月
  {
    re: new RegExp(
      `(?<![\\p{N}])(?:\\d{4}|[〇零○一二三四五六七八九]{4})\\s{0,2}[年년](?:\\s{0,2}[(（]\\s{0,2}${ERA_YEAR}\\s{0,2}[)）])?${MONTH_DAY}`,
      'gu',
    ),
    needs: /[年년]/,
  },
  // 民國68年5月1日
  { re: new RegExp(`民[國国]\\s{0,2}(?:元|\\d{1,3}|${KN}{1,4})\\s{0,2}年${MONTH_DAY}`, 'gu'), needs: /民/ },
  // S48.5.7, H元.5.7
  { re: new RegExp(`${NOT_BEFORE}[MTSHR](?:元|\\d{1,2})([./])\\d{1,2}\\1\\d{1,2}(?![${ABC}\\p{N}]|\\.\\p{N})`, 'gu') },
  // 1979-05-01, 1979.05.02, 1979/5/2, 2013.12, 2013/12
  { re: new RegExp(`(?<![${ABC}\\p{N}.\\-/])\\d{4}(?:([-./])\\d{1,2}\\1\\d{1,2}|[./]\\d{1,2})(?![\\p{N}]|[-./]\\p{N})`, 'gu') },
  // 2004. 5. 7.
  { re: new RegExp(`(?<![${ABC}\\p{N}.])\\d{4}\\.\\s{1,2}\\d{1,2}\\.\\s{1,2}\\d{1,2}\\.?(?![\\p{N}])`, 'gu') },
  // 25/06/2013, 25.05.2008 (parseDate takes only the unambiguous ones)
  { re: new RegExp(`(?<![${ABC}\\p{N}.\\-/])\\d{1,2}([-./])\\d{1,2}\\1\\d{4}(?![\\p{N}]|[-./]\\p{N})`, 'gu') },
  // 12 May 1995, 12th May 1995, 12 de mayo de 1995, 12. Mai 1995, 12 мая 1995 г.
  {
    re: new RegExp(
      `${NOT_BEFORE}\\d{1,2}${ORD}\\s{0,2}(?:(?:de|of)\\s{1,2})?${MON}\\.?,?\\s{0,2}(?:(?:de|del)\\s{1,2})?\\d{4}(?![\\p{N}])${YEAR_WORD}`,
      'giu',
    ),
    needs: LETTERS,
  },
  // May 12, 1995, Sept. 3, 2001
  { re: new RegExp(`${NOT_BEFORE}${MON}\\.?\\s{0,2}\\d{1,2}(?:st|nd|rd|th)?,?\\s{1,2}\\d{4}(?![\\p{N}])`, 'giu'), needs: LETTERS },
  // May 1995, mayo de 1995, май 1995, в мае 1995 года
  {
    re: new RegExp(`${NOT_BEFORE}(?:(?:в|in|en|em|nel)\\s{1,2})?${MON}\\.?,?\\s{1,2}(?:(?:de|del|of)\\s{1,2})?\\d{4}(?![\\p{N}])${YEAR_WORD}`, 'giu'),
    needs: LETTERS,
  },
  // in 1995, since 1995, desde 1995, в 1995 году, 1995 г.
  {
    re: new RegExp(
      `${NOT_BEFORE}(?:in|since|from|en|desde|em|depuis|seit|nel|dal|с|со|в)\\s{1,2}\\d{4}(?![\\p{N}])${YEAR_WORD}|${NOT_BEFORE}\\d{4}\\s{0,2}(?:года|году|год|г\\.|г(?![\\p{L}]))`,
      'giu',
    ),
    needs: LETTERS,
  },
  // 1995 (bare)
  {
    // Joined by a hyphen only to another year (1995-2010), not to other digits (a telephone number 2015-1234).
    re: new RegExp(
      `(?:(?<![${ABC}\\p{N}.,:/\\-])|(?<=(?<!\\p{N})(?:19|20)\\d\\d-))(?:19[5-9]\\d|20[0-2]\\d|2030)(?![${ABC}\\p{N}]|[.,:/]\\p{N}|-(?!(?:19|20)\\d\\d(?!\\p{N}))\\p{N}|\\s{0,2}[年년])`,
      'gu',
    ),
    bare: true,
  },
];

/** Full-width ASCII and the ideographic space → ASCII, one code unit for one, so offsets stay those of the text. */
function narrow(text: string): string {
  if (!/[\uff01-\uff5e\u3000]/.test(text)) return text;
  return text.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

const MAYBE_DATE = /[0-9０-９年]/;

/** Dates in a text, in the order they stand, not overlapping (the longest wins where two forms overlap). */
export function findDates(text: string, options: FindDatesOptions = {}): DateSpan[] {
  if (!text || !MAYBE_DATE.test(text)) return [];
  const bareYears = options.bareYears ?? true;
  const t = narrow(text);
  const full: DateSpan[] = [];
  const bare: DateSpan[] = [];
  const has = new Map<RegExp, boolean>();
  for (const { re, bare: isBare, needs } of PATTERNS) {
    if (isBare && !bareYears) continue;
    if (needs) {
      let h = has.get(needs);
      if (h === undefined) has.set(needs, (h = needs.test(t)));
      if (!h) continue;
    }
    re.lastIndex = 0;
    for (let m = re.exec(t); m !== null; m = re.exec(t)) {
      const start = m.index;
      const end = start + m[0].length;
      const written = text.slice(start, end);
      const d = parseDate(written);
      if (d.iso === null || d.precision === 'none') continue;
      (isBare ? bare : full).push({ start, end, written, iso: d.iso, precision: d.precision });
    }
  }
  const taken = new Uint8Array(text.length);
  const chosen = pick(full, taken);
  if (bare.length && !chosen.some((d) => d.precision !== 'year')) chosen.push(...pick(bare, taken));
  return chosen.sort((a, b) => a.start - b.start);
}

/** Spans that overlap neither each other nor what is already taken, longest first; marks them taken. */
function pick(spans: DateSpan[], taken: Uint8Array): DateSpan[] {
  spans.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const out: DateSpan[] = [];
  for (const s of spans) {
    let free = true;
    for (let i = s.start; i < s.end; i++) {
      if (taken[i]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, s.start, s.end);
    out.push(s);
  }
  return out;
}
