// One record from one short text (a list item, a line, a table row's cells): the place it names, its
// country, the date and the kind word, with what is left over. Pure; no gazetteer: names are kept as
// written and resolved later.
import { findCountries, findDates, findKindWords } from '../recognize/index.js';
import { splitBilingualName } from '../readers/columns.js';

export interface Extracted {
  place: string | null;
  placeEn: string | null;
  qualifier: string | null;
  country: string | null;
  countryIso2: string | null;
  /** A second place the text names as Chinese (`Ballarat, Australia – Fuxin, China`). */
  cnPlace: string | null;
  date: string | null;
  marker: string | null;
  /** The text marks itself as uncertain (`?`, `待确认`, `unconfirmed`). */
  doubtful: string | null;
}

type Span = { start: number; end: number };

/** Words that join a name to its date or kind and say nothing themselves. */
const FILLER_HAN =
  /(?:于|於)?(?:正式)?(?:签约|簽約|签订|簽訂|签署|簽署|缔结|締結|结好|結好|结为|結為|建立|确立|確立|签字|簽字|提携|調印|締結|체결|결연|협정)(?:关系|關係|协议|協議|协定|協定|协议书|日)?|(?:年)?(?:起|至今|以来|以來)|(?:국제)?(?:체결식|체결|관계|건립|협약서|협약|협정서|협정|의향서|양해각서|교류|협력|및)|(?:締結|提携|調印|協定書|協定|覚書|議定書)|[（(]?(?:缔结|締結|签约|簽約)[)）]?/gu;
// A row whose tie is still being prepared (`in Anbahnung seit 2004`, `planned`, `洽谈中`) is doubtful too.
const DOUBT = /[?？]|待确认|待確認|待核实|待核實|unconfirmed|disputed|citation needed|要出典|未确定|未確定|不确定|in Anbahnung|in Vorbereitung|\bgeplant\b|\bplanned\b|\bproposed\b|\bpending\b|\ben négociation\b|\ben proyecto\b|予定|예정|洽谈中|洽談中|商谈中|商談中|筹建中|籌建中/i;
const FOOTNOTE = /\[\s*(?:\d{1,3}|[a-z]|注\s*\d+|note \d+|citation needed|要出典)\s*\]|[\u00b9\u00b2\u00b3\u2070-\u2079]+|\*+$/giu;

/** The words that make a row doubtful (`?`, `待确认`, `in Anbahnung`), else null. */
export function doubtWord(text: string): string | null {
  // A link's query (`?id=3`) is no question mark of the document's.
  return DOUBT.exec(text.replace(/https?:\/\/\S+/gu, ''))?.[0] ?? null;
}

function cut(text: string, spans: Span[]): string {
  if (!spans.length) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + ' ';
    at = s.end;
  }
  return out + text.slice(at);
}

function mask(text: string, spans: Span[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

function overlaps(a: Span, spans: Span[]): boolean {
  return spans.some((b) => a.start < b.end && b.start < a.end);
}

const tidy = (s: string) =>
  s
    .replace(/[(（\[【]\s*[,，、;；:：\-–—\s]*\s*[)）\]】]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,，、;；:：/／\-–—|·・.。]+|[\s,，、;；:：/／\-–—|·・。]+$/g, '')
    .trim();

/** Reads one text. `countryOfContext` is the country the section or group names, used when the text names none. */
export function extractRecord(text: string): Extracted {
  const doubtful = doubtWord(text);
  // Marks, dates, kind words and filler are blanked with spaces of their length, so that every span found in
  // the text keeps its offsets.
  let t = text
    .replace(/^\s*(?:[-*•·・]|\d{1,3}\s*[.、)）])\s+/u, (m) => ' '.repeat(m.length))
    .replace(FOOTNOTE, (m) => ' '.repeat(m.length))
    .replace(/[?？]/g, ' ');
  let dates = findDates(t, { bareYears: true });
  // A bare number opening a row is its item number (`1 United States Jackson City …`), unless it opens a date (`12 May 1995`).
  const item = /^(\s*)(\d{1,3})\s+(?=\p{L})/u.exec(t);
  if (item && !dates.some((d) => d.start <= item[1].length + item[2].length && d.end > item[1].length)) {
    t = ' '.repeat(item[0].length) + t.slice(item[0].length);
    dates = dates.filter((d) => d.start >= item[0].length);
  }
  const date = dates.length ? dates[0].written : null;
  // A date's brackets go with it: `(2001年6月8日缔结)`.
  const kinds = findKindWords(t).filter((k) => !overlaps(k, dates));
  const marker = kinds.length ? kinds.map((k) => k.written).join(' ') : null;
  const countries = findCountries(t).filter((c) => !overlaps(c, dates) && !overlaps(c, kinds));
  t = mask(t, [...dates, ...kinds]);
  t = t.replace(FILLER_HAN, (m) => ' '.repeat(m.length));

  // Countries: China's name marks the Chinese side of a row that names both; else the first is the country.
  const cnSpan = countries.find((c) => c.iso2 === 'CN');
  const foreign = countries.filter((c) => c.iso2 !== 'CN');
  // The first foreign country, written as its name where the text also gives it so (`ENG Sheffield, England`).
  // A country standing on its own is preferred to one inside a name (`Mexico City, Mexico`, `巴西利亚联邦区, 巴西`).
  const rank = { name: 0, alias: 1, code: 2, flag: 3 } as const;
  const alone = foreign.filter((c) => standsAlone(t, c));
  // `Salvador (Brasil)`: a country in brackets after a name is that name's country, though the name is one too.
  const bracketed = alone.filter((c) => /[(（]\s*$/u.test(t.slice(0, c.start)) && /^\s*[)）]\s*$/u.test(t.slice(c.end)));
  const pool = bracketed.length ? bracketed : alone.length ? alone : foreign;
  let country: (typeof countries)[number] | null = pool.length
    ? pool.filter((c) => c.iso2 === pool[0].iso2).sort((a, b) => rank[a.via] - rank[b.via])[0]
    : null;
  let cnPlace: string | null = null;
  let rest: string;
  if (cnSpan && country) {
    // Two sides: `Ballarat, Australia – Fuxin, China`; the piece next to China is the Chinese place.
    const pieces = splitSides(t, [cnSpan, country]);
    cnPlace = pieces.cn;
    rest = pieces.foreign;
  } else if (cnSpan && !country) {
    // Only China: the row names a Chinese place (a list written from the foreign side).
    country = cnSpan;
    rest = cut(t, [cnSpan]);
  } else {
    rest = country ? cut(t, [country]) : t;
  }
  // A country given twice (`FRA Lyon, France`): drop the other mentions of the same country.
  if (country) {
    const same = countries.filter((c) => c !== country && c.iso2 === country!.iso2 && standsAlone(t, c));
    if (same.length) rest = removeWritten(rest, same.map((c) => c.written));
  }
  // A flag code before the name (`CAN Leduc, Canada`), where the text names its country in words too.
  if (country) rest = rest.replace(/^\s*[A-Z]{3}\s+(?=\p{Lu})/u, '');
  rest = stripFillerEdges(rest);
  // `Lyon, Rhône` — the first piece is the place, the rest qualifies it.
  let qualifier: string | null = null;
  const parts = rest.split(/\s*[,，]\s*/).filter(Boolean);
  if (parts.length > 1 && (!/\p{Script=Han}/u.test(parts[0]) || parts.every((p) => p.length <= 20))) {
    rest = parts[0];
    qualifier = parts.slice(1).join(', ');
  }
  const named = splitBilingualName(rest);
  let place = named.zh ?? named.en;
  const placeEn = named.zh ? named.en : null;
  if (named.qualifier) qualifier = qualifier ? `${named.qualifier}; ${qualifier}` : named.qualifier;
  if (place && !/[\p{L}]/u.test(place)) place = null;
  return {
    place: place ? tidy(place) || null : null,
    placeEn,
    qualifier,
    country: country ? country.written : null,
    countryIso2: country ? country.iso2 : null,
    cnPlace: cnPlace ? tidy(cnPlace) || null : null,
    date,
    marker,
    doubtful,
  };
}

/** Filler words at the edges of what is left (`with Lyon since` → `Lyon`); inside a name they stay (`Santiago de Veraguas`). */
function stripFillerEdges(s: string): string {
  let t = tidy(s);
  for (let k = 0; k < 4; k++) {
    const before = t;
    t = tidy(t.replace(EDGE_FILLER_START, '').replace(EDGE_FILLER_END, ''));
    if (t === before) break;
  }
  return t;
}

// Articles (la, el, le, the) begin names (La Plata, Le Havre, El Paso): they are filler only at the end.
const FILLER_WORDS = 'since|from|in|on|signed|established|agreement|concluded|twinned with|with|and|city of|est\\.?|desde|en|con|y|depuis|avec|seit|mit|dal|с|в|и|года|году|г\\.';
const EDGE_FILLER_START = new RegExp(`^(?:${FILLER_WORDS})(?=\\s|$)`, 'iu');
const EDGE_FILLER_END = new RegExp(`(?:^|\\s)(?:${FILLER_WORDS}|of|of the|the|de|del|de la|la|el|le|du|des)$`, 'iu');

/** Whether a country span stands as a word of its own, not as the start of a longer name. */
function standsAlone(t: string, c: Span): boolean {
  const prev = c.start > 0 ? t[c.start - 1] : '';
  const after = t.slice(c.end, c.end + 2);
  const isHan = /\p{Script=Han}/u.test(t[c.start] ?? '');
  if (isHan) return !/\p{Script=Han}/u.test(prev) && !/^\p{Script=Han}/u.test(after);
  if (/[\p{L}\-]/u.test(prev)) return false;
  return after === '' || /^[\s]*$/.test(after) || /^[,，;；)）\]】.。:：|/]/u.test(after) || /^\s[^\p{L}]/u.test(after);
}

function removeWritten(s: string, written: string[]): string {
  let out = s;
  for (const w of written) out = out.split(w).join(' ');
  return out;
}

/** Splits a two-sided text at the separator between its two `place, country` halves. */
function splitSides(t: string, [cn, other]: Span[]): { cn: string; foreign: string } {
  const first = cn.start < other.start ? cn : other;
  const second = first === cn ? other : cn;
  // Country after its place (`Fuxin, China – Ballarat, Australia`): halves end at each country.
  const afterFirst = t.slice(first.end);
  const sep = /\s[-–—]\s|\s+[/／|]\s+|;|；| and | with |与|和|與/.exec(afterFirst);
  let a: string;
  let b: string;
  if (sep && first.end + sep.index < second.start) {
    a = t.slice(0, first.end + sep.index);
    b = t.slice(first.end + sep.index + sep[0].length);
  } else {
    a = t.slice(0, first.end);
    b = t.slice(first.end);
  }
  const strip = (s: string, span: Span, offset: number) => stripFillerEdges(cut(s, [{ start: span.start - offset, end: span.end - offset }]));
  const aText = strip(a, first, 0);
  const bText = strip(b, second, t.length - b.length);
  return first === cn ? { cn: aText, foreign: bText } : { cn: bText, foreign: aText };
}
