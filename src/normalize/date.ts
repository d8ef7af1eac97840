// Dates of signing as the documents write them → ISO 8601 with a precision. Pure.
//   1979-05-01 · 1979.05.02 · 1979/5/2 · 1974年2月1日 · 2001年 5 月11日 · 2010年9月8 日   → day
//   2013年12月 · 2013-12 · 2013.12                                                    → month
//   1986年 · 1986                                                                      → year
//   一九七九年五月一日 · 二〇一三年十二月 (Chinese numerals) and 民國68年5月1日 (Republic of China years)
//   12/06/2013 (D/M/Y or M/D/Y): only when unambiguous (one part above 12, or both equal)
//   empty, null, or an "unknown" word (待查, 不详, 未知, -, ?) → none, without a problem
// Anything else (2019年13月5日, 1979.02.30, abc) → iso null, precision none and a `problem` sentence.
import type { DatePrecision } from '../model.js';
import { memoize } from './memo.js';

export interface ParsedDate {
  iso: string | null;
  precision: DatePrecision;
  problem?: string;
}

const UNKNOWN = new Set(['待查', '不详', '不詳', '未知', '待考', '不明', '-', '--', '—', '–', '?', '？', 'n/a', 'na', 'unknown', '?']);

const MIN_YEAR = 1000;
const MAX_YEAR = 2999;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function build(written: string, y: number, m?: number, d?: number): ParsedDate {
  if (y < MIN_YEAR || y > MAX_YEAR) return bad(written, `year ${y} is out of range`);
  if (m === undefined) return { iso: pad(y, 4), precision: 'year' };
  if (m < 1 || m > 12) return bad(written, `month ${m} does not exist`);
  if (d === undefined) return { iso: `${pad(y, 4)}-${pad(m)}`, precision: 'month' };
  if (d < 1 || d > daysIn(y, m)) return bad(written, `day ${d} does not exist in ${pad(y, 4)}-${pad(m)}`);
  return { iso: `${pad(y, 4)}-${pad(m)}-${pad(d)}`, precision: 'day' };
}

function bad(written: string, why: string): ParsedDate {
  return { iso: null, precision: 'none', problem: `unreadable date "${written}": ${why}` };
}

export function parseDate(s: string | null | undefined): ParsedDate {
  if (s == null) return { iso: null, precision: 'none' };
  if (s.length > 64) return parse(s);
  // A copy of the remembered result: callers own what they get.
  const d = parseMemo(s);
  return d.problem === undefined ? { iso: d.iso, precision: d.precision } : { iso: d.iso, precision: d.precision, problem: d.problem };
}

/** Dates as written come back (a list signs many ties on the same days). */
const parseMemo = memoize((s: string) => parse(s));

function parse(s: string): ParsedDate {
  const written = s.trim();
  // Full-width digits and punctuation → ASCII; all whitespace out (2001年 5 月11日, 2010年9月8 日).
  const t = written.normalize('NFKC').replace(/\s+/g, '');
  if (!t || UNKNOWN.has(t.toLowerCase())) return { iso: null, precision: 'none' };
  let m: RegExpMatchArray | null;

  // Chinese numerals (一九七九年五月一日) and years of the Republic of China (民國68年 = 1979) → digits first.
  const digits = chineseDigits(t);
  if (digits === false) return bad(written, 'Chinese numerals that are not a date');
  if (digits !== null) {
    const d = parse(digits);
    return d.iso === null ? bad(written, d.problem?.replace(/^unreadable date "[^"]*": /, '') ?? 'no date in it') : d;
  }
  // Chinese: 1974年2月1日, 2013年12月, 1986年 (日 or 号 optional after the day).
  if ((m = t.match(/^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})[日号號]?)?)?$/))) {
    return build(written, +m[1], m[2] === undefined ? undefined : +m[2], m[3] === undefined ? undefined : +m[3]);
  }
  // Year first with one separator kind: 1979-05-01, 1979.05.02, 1979/5/2, 2013-12, 2013.12.
  if ((m = t.match(/^(\d{4})([-./])(\d{1,2})(?:\2(\d{1,2}))?\.?$/))) {
    return build(written, +m[1], +m[3], m[4] === undefined ? undefined : +m[4]);
  }
  // Compact 19790501.
  if ((m = t.match(/^(\d{4})(\d{2})(\d{2})$/))) {
    return build(written, +m[1], +m[2], +m[3]);
  }
  // A bare year.
  if ((m = t.match(/^(\d{4})$/))) return build(written, +m[1]);
  // Day and month first: 12/06/2013, 25.05.2008 — only when the order cannot matter.
  if ((m = t.match(/^(\d{1,2})([-./])(\d{1,2})\2(\d{4})$/))) {
    const a = +m[1];
    const b = +m[3];
    const y = +m[4];
    if (a === b) return build(written, y, a, b);
    if (a > 12 && b <= 12) return build(written, y, b, a);
    if (b > 12 && a <= 12) return build(written, y, a, b);
    if (a > 12 && b > 12) return bad(written, 'neither part can be a month');
    return bad(written, `ambiguous order: ${a}/${b} could be day/month or month/day`);
  }
  if (/\d/.test(t)) return bad(written, 'not a date form youcheng knows');
  return bad(written, 'no date in it');
}

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, '○': 0, Ｏ: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_NUM = '〇零○Ｏ一二三四五六七八九十廿卅百';

/** 五 → 5, 十 → 10, 十二 → 12, 廿一 → 21, 六十八 → 68, 一百零二 → 102; null for anything else. */
function smallNumber(s: string): number | null {
  if (s.startsWith('一百')) {
    const rest = s.slice(2);
    if (rest === '') return 100;
    const r = rest.startsWith('零') ? smallNumber(rest.slice(1)) : smallNumber(rest);
    return r === null || (rest.startsWith('零') ? r >= 10 : r < 10) ? null : 100 + r;
  }
  const m = /^(?:([一二三四五六七八九])?十|(廿)|(卅))?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return null;
  const tens = m[2] ? 2 : m[3] ? 3 : m[1] ? CN_DIGIT[m[1]] : s.includes('十') ? 1 : 0;
  return tens * 10 + (m[4] ? CN_DIGIT[m[4]] : 0);
}

/**
 * The date with its Chinese numerals as digits and a 民國/民国 year as the common era's (+1911); null when
 * there is nothing to convert, false when there are Chinese numerals that do not make a date.
 */
function chineseDigits(t: string): string | null | false {
  const roc = /^民[國国]/.test(t);
  if (!roc && !new RegExp(`[${CN_NUM}]`).test(t)) return null;
  let rest = roc ? t.slice(2) : t;
  if (rest.startsWith('元年')) rest = '1' + rest.slice(1); // 民國元年 = 1912
  const m = new RegExp(`^([${CN_NUM}\\d]+)年(?:([${CN_NUM}\\d]+)月(?:([${CN_NUM}\\d]+)[日号號]?)?)?$`).exec(rest);
  if (!m) return roc || new RegExp(`[${CN_NUM}]`).test(t) ? false : null;
  let year: number;
  if (/^\d+$/.test(m[1])) year = +m[1];
  else if (/^[〇零○Ｏ一二三四五六七八九]+$/.test(m[1]) && (m[1].length === 4 || roc)) year = +[...m[1]].map((c) => CN_DIGIT[c]).join('');
  else if (roc && smallNumber(m[1]) !== null) year = smallNumber(m[1])!; // 民國六十八年 is written as a number
  else return false;
  if (roc) year += 1911;
  const part = (p: string | undefined) => (p === undefined ? undefined : /^\d+$/.test(p) ? +p : smallNumber(p));
  const month = part(m[2]);
  const day = part(m[3]);
  if (month === null || day === null) return false;
  return `${String(year).padStart(4, '0')}年${month === undefined ? '' : `${month}月${day === undefined ? '' : `${day}日`}`}`;
}
