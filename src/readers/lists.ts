// The reader of the kit: any text document (plain text, Markdown, wikitext, HTML) laid out into blocks,
// then read by the record stage — bullet and numbered lists, lines under headings, tables with or without
// a known header, and sentences that state a tie. The table readers (wikitext, Markdown, delimited) come
// first for the layouts they know; this one reads what they do not.
import type { Reader, ReadResult } from '../model.js';
import type { Layout } from '../layout/blocks.js';
import { detectLayout } from '../layout/detect.js';
import { textLayout } from '../layout/text.js';
import { markdownLayout } from '../layout/markdown.js';
import { wikitextLayout } from '../layout/wikitext.js';
import { htmlLayout } from '../layout/html.js';
import { assemble, documentCountry, type Assembled } from '../assemble/records.js';
import { loadGazetteer } from '../gazetteer/index.js';
import type { PlaceQuestions } from '../assemble/prose.js';

export function layoutText(text: string, fileName: string): Layout {
  switch (detectLayout(text, fileName)) {
    case 'html':
      return htmlLayout(text, fileName);
    case 'wikitext':
      return wikitextLayout(text);
    case 'markdown':
      return markdownLayout(text);
    default:
      return textLayout(text);
  }
}

/** Reads a text document through the kit, with the misses a person needs when it gives no rows. */
export function readWithKit(text: string, fileName: string, owner?: string | null): Assembled {
  return assemble(layoutText(text, fileName), { owner, places: placeQuestions });
}

/** Every country abroad where the gazetteer knows a town of some size, or a division, by this name. */
export const foreignCountriesOf = remembered<string[]>([], 40, (k) => [
  ...new Set(
    loadGazetteer()
      .byName(k)
      .filter((p) => p.country !== 'CN' && (p.level !== 'city' || (p.population ?? 0) >= 20_000))
      .map((p) => p.country),
  ),
]);

/**
 * The one country abroad where the gazetteer knows a town of some size, or a division, by this name; else the
 * country of a city that dwarfs every other place of the name (Lima, Peru: 7.7 million; Lima, Ohio: 38,000), as a
 * geocoder ranks by population; else null.
 */
export function foreignCountryOf(name: string): string | null {
  const countries = foreignCountriesOf(name);
  if (countries.length <= 1) return countries[0] ?? null;
  return dominantCountry(name);
}

/** How many times the largest city of a name must outnumber the largest elsewhere to stand for the name. */
const DOMINANCE = 5;

const dominantCountry = remembered<string | null>(null, 40, (k) => {
  const largest = new Map<string, number>();
  const divisions = new Set<string>();
  for (const p of loadGazetteer().byName(k)) {
    if (p.country === 'CN') continue;
    if (p.level === 'city') largest.set(p.country, Math.max(largest.get(p.country) ?? 0, p.population ?? 0));
    else divisions.add(p.country);
  }
  const ranked = [...largest.entries()].sort((a, b) => b[1] - a[1]);
  if (!ranked.length) return null;
  const [top, pop] = ranked[0];
  // A division has no population to weigh: a name that is a division in another country is left undecided.
  if ([...divisions].some((c) => c !== top)) return null;
  return ranked.length === 1 || pop >= DOMINANCE * Math.max(ranked[1][1], 1) ? top : null;
});

/** The place questions of the record stage, answered by the bundled gazetteer. */
export const placeQuestions: PlaceQuestions = {
  isChinese: (n) => isChinesePlace(n),
  foreignCountry: (n) => foreignCountryOf(n),
  foreignCountries: (n) => foreignCountriesOf(n),
  knows: (n) => knowsPlace(n),
  isDivision: (n) => isDivisionAbroad(n),
};

/**
 * A gazetteer question asked by name: the name trimmed, names shorter than 2 or longer than `max` characters get
 * `none`, and each answer is remembered (up to 100,000 names, then forgotten at once).
 */
function remembered<T>(none: T, max: number, ask: (name: string) => T): (name: string) => T {
  const memo = new Map<string, T>();
  return (name) => {
    const k = name.trim();
    if (k.length < 2 || k.length > max) return none;
    let v = memo.get(k);
    if (v === undefined) {
      v = ask(k);
      if (memo.size > 100_000) memo.clear();
      memo.set(k, v);
    }
    return v;
  };
}

/** Whether the gazetteer knows a first-level division abroad by this name (`California`, `Gyeonggi-do`). */
const isDivisionAbroad = remembered(false, 40, (k) => loadGazetteer().byName(k).some((p) => p.country !== 'CN' && p.level === 'region'));

/** Whether the gazetteer knows a place of any country by this name (Latin names exactly, others also without their suffix). */
const knowsPlace = remembered(false, 40, (k) => {
  const g = loadGazetteer();
  return g.byName(k).length > 0 || (!/^[\p{Script=Latin}\s'’.\-]+$/u.test(k) && g.byNameLoose(k).length > 0);
});

const chineseMemo = new Map<string, boolean>();
/**
 * Whether the gazetteer knows a Chinese place by this name (any script; Latin names exactly, others also
 * without their administrative suffix). The gazetteer is loaded on the first question only.
 */
export function isChinesePlace(name: string): boolean {
  const key = name.trim();
  if (key.length < 2 || key.length > 30) return false;
  let v = chineseMemo.get(key);
  if (v === undefined) {
    const g = loadGazetteer();
    const latin = /^[\p{Script=Latin}\s'’.\-]+$/u.test(key);
    // Japanese and Korean administrative words are no Chinese ones: `北海道` is not 北海 with a suffix.
    const foreignWord = /[道県町村郡府]$/u.test(key);
    const known = (k: string) => g.byNameIn(k, 'CN').length > 0 || (!latin && !foreignWord && g.byNameLoose(k, 'CN').length > 0);
    v = known(key);
    // `Shandong Province`, `Dalian City`: the English administrative word is not in the gazetteer's names.
    if (!v && latin) {
      const bare = key.replace(/\s+(?:province|city|prefecture|municipality|county|district|autonomous region|special administrative region|sar)$/i, '');
      if (bare !== key && bare.length >= 3) v = known(bare);
    }
    // A name written with its parents (`辽宁省大连市金州区`, `江苏省苏州市`): the last part is a Chinese place.
    if (!v && !latin) {
      // Each part is the shortest run ending in an administrative word (`苏州市` keeps its 州).
      const parts = key.match(/.+?(?:特别行政区|特別行政區|自治区|自治區|自治州|自治县|自治縣|省|市|区|區|县|縣|盟|旗)/gu);
      if (parts && parts.length > 1 && parts.join('') === key) v = known(parts[0]) && known(parts[parts.length - 1]);
    }
    if (chineseMemo.size > 100_000) chineseMemo.clear();
    chineseMemo.set(key, v);
  }
  return v;
}

export const listsReader: Reader = {
  name: 'lists',
  description: 'lists, lines under headings, prose and tables in plain text, Markdown, wikitext or HTML (the general reader)',
  // Always able to try; the table readers win where they are sure.
  detect: () => 0.31,
  read(text, ctx): ReadResult {
    const { rows, messages, meta, totals, misses, seen } = readWithKit(text, ctx.fileName);
    if (rows.length === 0 && !messages.some((m) => m.severity !== 'info')) {
      const what = (Object.entries(seen) as Array<[string, number]>).filter(([, n]) => n > 0).map(([t, n]) => `${n} ${t}${n === 1 ? '' : 's'}`);
      messages.push({
        line: misses[0]?.line ?? 1,
        severity: 'warning',
        code: 'no-rows',
        reason: `no rows: nothing reads as a friendship-city tie${what.length ? ` (${what.join(', ')})` : ''}`,
      });
    }
    return { rows, messages, meta, totals };
  },
};

/** The foreign country a text document is about (see documentCountry), for the table readers' rows that name none. */
export function textDocumentCountry(text: string, fileName: string): string | null {
  // The opening is enough: the title and the first lines.
  return documentCountry(layoutText(text.slice(0, 8192), fileName), placeQuestions);
}
