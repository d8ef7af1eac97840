// Dates of signing as the documents write them → ISO 8601 with a precision. Pure.
//   1979-05-01 · 1979.05.02 · 1979/5/2 · 1974年2月1日 · 2001年 5 月11日 · 2010年9月8 日   → day
//   2013年12月 · 2013-12 · 2013.12                                                    → month
//   1986年 · 1986                                                                      → year
//   一九七九年五月一日 · 二〇一三年十二月 (Chinese numerals) and 民國68年5月1日 (Republic of China years)
//   12/06/2013 (D/M/Y or M/D/Y): only when unambiguous (one part above 12, or both equal)
//   Japanese eras: 昭和48年5月7日 · 平成元年 · 令和元年5月1日 · 昭和四十八年五月七日 · S48.5.7 · H元.5.7 ·
//     1973年（昭和48年）5月 and 昭和48年（1973年）5月 (the two years must agree). 元年 is year 1; a date
//     before its era began, or after a closed era ended (昭和 ended in its 64th year), is refused. 平成 years
//     past 31 are read as the years they would have been (documents printed before 2019 wrote 平成32年 for 2020).
//   Korean: 2004년 5월 7일 · 2004년 5월 · 2004년 · 2004. 5. 7.
//   Month names (en es pt fr de it ru): 12 May 1995 · May 12, 1995 · 12th May 1995 · Sept. 3, 2001 · May 1995 ·
//     12 de mayo de 1995 · mayo de 1995 · 12 de maio de 1995 · 1er mai 1995 · 12. Mai 1995 · 12 maggio 1995 ·
//     12 мая 1995 г. · май 1995 · в мае 1995 года                                    → day / month
//   A year with a word that makes it one: in 1995 · since 1995 · desde 1995 · 1995 г. · в 1995 году → year
//   empty, null, or an "unknown" word (待查, 不详, 未知, -, ?) → none, without a problem
// Anything else (2019年13月5日, 1979.02.30, 昭和65年, abc) → iso null, precision none and a `problem` sentence.
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
  // `Feb 30, 1982`: the month is still what the document says; the day is dropped, with the reason.
  if (d < 1 || d > daysIn(y, m)) return { iso: `${pad(y, 4)}-${pad(m)}`, precision: 'month', problem: `impossible date "${written}": day ${d} does not exist in ${pad(y, 4)}-${pad(m)}; kept the month` };
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

  // Korean units → Chinese ones (2004년 5월 7일 → 2004年5月7日).
  if (/[년월일]/.test(t)) return reparse(written, t.replace(/년/g, '年').replace(/월/g, '月').replace(/일/g, '日'));
  // Japanese eras (昭和48年5月7日, S48.5.7) and the forms that give both years (1973年（昭和48年）5月).
  if (ERA_START.test(t)) {
    const e = eraDate(written, t);
    if (e) return e;
  }
  // Month names, in Latin or Cyrillic script (12 May 1995, May 12, 1995, 12 de mayo de 1995, 12 мая 1995 г.).
  if (/\p{L}/u.test(t) && !/\p{Script=Han}/u.test(t)) {
    const w = wordDate(written);
    if (w) return w;
  }

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

/** Parse a rewritten form, reporting problems against what was written. */
function reparse(written: string, rewritten: string): ParsedDate {
  const d = parse(rewritten);
  if (d.iso !== null || d.problem === undefined) return d;
  return bad(written, d.problem.replace(/^unreadable date "[^"]*": /, ''));
}

// --- Japanese eras -------------------------------------------------------------------------------------------

interface Era {
  name: string;
  letter: string;
  /** Gregorian year of the era's first year. */
  base: number;
  /** First day of the era. */
  start: string;
  /** Last day of the era and its last year number, for eras that ended (平成 is read leniently, see the header). */
  end?: string;
  maxYear: number;
}

const ERAS: Era[] = [
  { name: '明治', letter: 'M', base: 1868, start: '1868-01-01', end: '1912-07-29', maxYear: 45 },
  { name: '大正', letter: 'T', base: 1912, start: '1912-07-30', end: '1926-12-24', maxYear: 15 },
  { name: '昭和', letter: 'S', base: 1926, start: '1926-12-25', end: '1989-01-07', maxYear: 64 },
  { name: '平成', letter: 'H', base: 1989, start: '1989-01-08', maxYear: 99 },
  { name: '令和', letter: 'R', base: 2019, start: '2019-05-01', maxYear: 99 },
];
const ERA_BY_NAME = new Map(ERAS.map((e) => [e.name, e]));
const ERA_BY_LETTER = new Map(ERAS.map((e) => [e.letter, e]));
const ERA_START = /^(?:明治|大正|昭和|平成|令和|[MTSHRmtshr](?:元|\d)|\d{4}年\((?:明治|大正|昭和|平成|令和))/;
const ERA_NAMES = '明治|大正|昭和|平成|令和';
const CN_RUN = `[${CN_NUM}]+`;

/** The era year as written (元, 48, 四十八) → its number, or null. */
function eraYearNumber(s: string): number | null {
  if (s === '元') return 1;
  if (/^\d+$/.test(s)) return +s;
  return smallNumber(s);
}

/** Gregorian year of an era year, or a problem sentence. */
function eraYear(era: Era, n: number): number | string {
  if (n < 1) return `${era.name} has no year ${n}`;
  if (n > era.maxYear) return era.end ? `${era.name} ended in its ${era.maxYear}th year (${era.end})` : `${era.name} ${n} is too far ahead`;
  return era.base + n - 1;
}

/** The date checked against the era's first and last day (at the precision it has). */
function withinEra(written: string, era: Era, d: ParsedDate): ParsedDate {
  if (d.iso === null) return d.problem === undefined ? d : bad(written, d.problem.replace(/^unreadable date "[^"]*": /, ''));
  const cut = (iso: string) => iso.slice(0, d.iso!.length);
  if (d.iso < cut(era.start)) return bad(written, `${era.name} began on ${era.start}`);
  if (era.end && d.iso > cut(era.end)) return bad(written, `${era.name} ended on ${era.end}`);
  return d;
}

function eraDate(written: string, t: string): ParsedDate | null {
  let m: RegExpExecArray | null;
  // 1973年(昭和48年)5月7日: the Gregorian year with the era year in brackets; they must agree.
  if ((m = new RegExp(`^(\\d{4})年\\((${ERA_NAMES})(元|\\d{1,2}|${CN_RUN})年\\)(.*)$`).exec(t))) {
    const era = ERA_BY_NAME.get(m[2])!;
    const n = eraYearNumber(m[3]);
    if (n === null) return bad(written, `era year ${m[3]} is not a number`);
    const y = eraYear(era, n);
    if (typeof y === 'string') return bad(written, y);
    if (y !== +m[1]) return bad(written, `${m[1]} is not ${era.name}${m[3]}年 (${y})`);
    return withinEra(written, era, parse(`${m[1]}年${m[4]}`));
  }
  // 昭和48年5月7日, 平成元年, 昭和四十八年五月七日, 昭和48年(1973年)5月.
  if ((m = new RegExp(`^(${ERA_NAMES})(元|\\d{1,2}|${CN_RUN})年(?:\\((\\d{4})年?\\))?(.*)$`).exec(t))) {
    const era = ERA_BY_NAME.get(m[1])!;
    const n = eraYearNumber(m[2]);
    if (n === null) return bad(written, `era year ${m[2]} is not a number`);
    const y = eraYear(era, n);
    if (typeof y === 'string') return bad(written, y);
    if (m[3] !== undefined && +m[3] !== y) return bad(written, `${m[3]} is not ${era.name}${m[2]}年 (${y})`);
    return withinEra(written, era, parse(`${y}年${m[4]}`));
  }
  // Abbreviated: S48.5.7, H1.5.7, H元.5.7, R1/5/1, S48.5, S48年.
  if ((m = /^([MTSHRmtshr])(元|\d{1,2})(?:([./-])(\d{1,2})(?:\3(\d{1,2}))?\.?|年(.*))$/.exec(t))) {
    const era = ERA_BY_LETTER.get(m[1].toUpperCase())!;
    const n = eraYearNumber(m[2])!;
    const y = eraYear(era, n);
    if (typeof y === 'string') return bad(written, y);
    if (m[6] !== undefined) return withinEra(written, era, parse(`${y}年${m[6]}`));
    return withinEra(written, era, build(written, y, +m[4], m[5] === undefined ? undefined : +m[5]));
  }
  return null;
}

// --- Month names ---------------------------------------------------------------------------------------------

/**
 * Month names and their usual abbreviations, lower case, in English, Spanish, Portuguese, French, German,
 * Italian and Russian (nominative, genitive — 12 мая — and prepositional — в мае). No two languages give the
 * same word to different months.
 */
export const MONTH_NAMES: ReadonlyMap<string, number> = new Map(
  (
    [
      [1, 'january jan enero janeiro janvier janv januar jänner jän gennaio genn январь января январе янв'],
      [2, 'february feb febrero fevereiro fev février févr fevrier fevr februar febbraio febbr febr февраль февраля феврале фев февр'],
      [3, 'march mar marzo março marco mars märz marz март марта марте мар'],
      [4, 'april apr abril avril avr aprile апрель апреля апреле апр'],
      [5, 'may mayo maio mai maggio magg май мая мае'],
      [6, 'june jun junio junho juin juni giugno giu июнь июня июне июн'],
      [7, 'july jul julio julho juillet juil juli luglio lug июль июля июле июл'],
      [8, 'august aug agosto ago août aout август августа августе авг'],
      [9, 'september sept sep septiembre setiembre setembro septembre settembre sett сентябрь сентября сентябре сент сен'],
      [10, 'october oct octubre outubro octobre oktober okt ottobre ott октябрь октября октябре окт'],
      [11, 'november nov noviembre novembro novembre ноябрь ноября ноябре нояб ноя'],
      [12, 'december dec diciembre dic dezembro dez décembre déc decembre dezember dicembre декабрь декабря декабре дек'],
    ] as Array<[number, string]>
  ).flatMap(([n, words]) => words.split(' ').filter((w) => /^\p{Ll}+$/u.test(w)).map((w) => [w, n] as [string, number])),
);

/** The month names as a regular-expression alternation, longest first (so `marzo` is tried before `mar`). */
export const MONTH_ALTERNATION = [...MONTH_NAMES.keys()]
  .sort((a, b) => b.length - a.length)
  .join('|');

// º and ª become o and a under NFKC (1º de maio → 1o de maio).
const ORD = '(?:st|nd|rd|th|er|re|e|o|a|º|ª|°|\\.o|\\.a|\\.º|\\.ª|\\.)?';
const YEAR_WORD = '(?:\\s*(?:года|году|год|г\\.?))?';
const PREP = '(?:in|since|from|en|desde|em|depuis|seit|nel|dal|dall|с|со|в)';
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})${ORD}\\s*(?:(?:de|of)\\s+)?(${MONTH_ALTERNATION})\\.?,?\\s*(?:(?:de|del)\\s+)?(\\d{4})${YEAR_WORD}\\.?$`, 'u');
const MONTH_DAY_YEAR = new RegExp(`^(${MONTH_ALTERNATION})\\.?\\s*(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\.?$`, 'u');
const MONTH_YEAR = new RegExp(`^(?:(?:в|in|en|em|nel)\\s+)?(${MONTH_ALTERNATION})\\.?,?\\s+(?:(?:de|del|of)\\s+)?(\\d{4})${YEAR_WORD}\\.?$`, 'u');
const WORD_YEAR = new RegExp(`^(?:${PREP}\\s+)?(\\d{4})${YEAR_WORD}$`, 'u');

function wordDate(written: string): ParsedDate | null {
  const l = written.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().replace(/ё/g, 'е');
  let m: RegExpExecArray | null;
  if ((m = DAY_MONTH_YEAR.exec(l))) return build(written, +m[3], MONTH_NAMES.get(m[2]), +m[1]);
  if ((m = MONTH_DAY_YEAR.exec(l))) return build(written, +m[3], MONTH_NAMES.get(m[1]), +m[2]);
  if ((m = MONTH_YEAR.exec(l))) return build(written, +m[2], MONTH_NAMES.get(m[1]));
  // A year made one by a word: in 1995, since 1995, 1995 г., в 1995 году (not a bare 1995: that is read below).
  if ((m = WORD_YEAR.exec(l)) && !/^\d{4}$/.test(l)) return build(written, +m[1]);
  return null;
}
