// Country names in any script (simplified / traditional Chinese, English, Japanese, Korean, Spanish,
// Portuguese, French, German, Italian, Russian, Arabic, Dutch, Polish, Turkish, Vietnamese, Indonesian — with the inflected forms a Russian page uses — and the
// argument of {{flagicon|X}}) → ISO 3166-1 alpha-2. Sources, in order of authority:
//   0. data/country-aliases.tsv — the one alias file, for what the libraries miss (read once, on first use);
//   1. i18n-iso-countries (zh and en, every alternative name) and world-countries (common, official and
//      alternative spellings, Chinese translation);
//   2. i18n-iso-countries' ja ko es pt fr de it ru ar nl pl tr vi id locales and world-countries' translations into them;
//   3. Russian case forms made from the Russian names (Франция → Франции, Южная Корея → Южной Кореи).
// A key that two entries of one level give to different countries (Congo, 多米尼加) is dropped unless the
// alias file decides it; a lower level only adds keys the levels above do not have or drop. Matching is on
// fold(): simplified, lower-case, width- and punctuation-insensitive. The same list (countryNameList) feeds
// the recognizer that finds country names inside longer text (src/recognize/countries.ts).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Country } from 'world-countries';
import { DATA_DIR } from '../paths.js';
import { fold, simplifiedCandidates, toSimplified } from './script.js';
import { memoize } from './memo.js';

// world-countries is CommonJS whose typings declare an ES default export; require() gives the array itself.
// Required on first use (a 1 MB JSON): the commands that never look a country up do not read it.
let worldCountriesList: Country[] | null = null;
// i18n-iso-countries registers all its locales (JSON files) when loaded: also on first use.
let isoCountriesLib: typeof import('i18n-iso-countries') | null = null;
const isoCountries = (): typeof import('i18n-iso-countries') =>
  (isoCountriesLib ??= createRequire(import.meta.url)('i18n-iso-countries') as typeof import('i18n-iso-countries'));
const worldCountries = (): Country[] => (worldCountriesList ??= createRequire(import.meta.url)('world-countries') as Country[]);

export type Continent = 'Asia' | 'Europe' | 'Africa' | 'North America' | 'South America' | 'Oceania' | 'Antarctica';

export interface CountryAlias {
  name: string;
  iso2: string;
  note: string;
}

/** Parse the alias file (name, iso2, note; tab-separated; a header line and `#` comments allowed). */
export function parseCountryAliases(text: string): CountryAlias[] {
  const out: CountryAlias[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [name = '', iso2 = '', note = ''] = raw.split('\t').map((c) => c.trim());
    if (name === 'name' && iso2 === 'iso2') continue; // header
    if (!name || !/^[A-Z]{2}$/.test(iso2)) continue;
    out.push({ name, iso2, note });
  }
  return out;
}

/** The alias file: data/country-aliases.tsv under the package root (src/paths.ts finds it from src/ or dist/). */
export const COUNTRY_ALIAS_FILE = join(DATA_DIR, 'country-aliases.tsv');

interface Index {
  byKey: Map<string, string>;
  aliases: CountryAlias[];
}

let index: Index | null = null;

/** A country name from one of the sources, with its level of authority (0 = the alias file). */
export interface CountryName {
  name: string;
  iso2: string;
  level: 0 | 1 | 2 | 3;
}

/** Locales read at level 2: i18n-iso-countries' code and world-countries' translation key. */
const MORE_LOCALES: Array<[string, string]> = [
  ['ja', 'jpn'],
  ['ko', 'kor'],
  ['es', 'spa'],
  ['pt', 'por'],
  ['fr', 'fra'],
  ['de', 'deu'],
  ['it', 'ita'],
  ['ru', 'rus'],
  ['ar', 'ara'],
  ['nl', 'nld'],
  ['pl', 'pol'],
  ['tr', 'tur'],
  ['vi', ''],
  ['id', ''],
];

/** `KНР (Китайская Народная Республика)` → also its parts; `Congo (République démocratique du)` keeps only the whole. */
function withParts(name: string): string[] {
  const m = /^(.+?)\s*\((.+)\)$/.exec(name);
  if (!m) return [name];
  const out = [name, m[1]];
  if (/^\p{Lu}/u.test(m[2]) && m[2].includes(' ') && !/\s\p{Ll}+$/u.test(m[2])) out.push(m[2]);
  return out;
}

function libraryNames(): CountryName[] {
  const out: CountryName[] = [];
  const add = (name: string | undefined, iso2: string, level: 1 | 2) => {
    if (name) out.push({ name, iso2, level });
  };
  for (const lang of ['zh', 'en']) {
    const names = isoCountries().getNames(lang, { select: 'all' }) as Record<string, string[]>;
    for (const [iso2, list] of Object.entries(names)) for (const n of list) add(n, iso2, 1);
  }
  for (const c of worldCountries()) {
    add(c.name.common, c.cca2, 1);
    add(c.name.official, c.cca2, 1);
    for (const a of c.altSpellings) if (a.length > 3) add(a, c.cca2, 1);
    const zho = c.translations['zho'];
    if (zho) {
      add(zho.common, c.cca2, 1);
      add(zho.official, c.cca2, 1);
    }
  }
  for (const [lang, key] of MORE_LOCALES) {
    const names = isoCountries().getNames(lang, { select: 'all' }) as Record<string, string[]>;
    for (const [iso2, list] of Object.entries(names)) for (const n of list) for (const p of withParts(n)) add(p, iso2, 2);
    for (const c of worldCountries()) {
      const t = c.translations[key];
      if (!t) continue;
      for (const p of withParts(t.common)) add(p, c.cca2, 2);
      for (const p of withParts(t.official)) add(p, c.cca2, 2);
    }
  }
  return out;
}

// --- Russian case forms --------------------------------------------------------------------------------------
// A Russian page writes a country in whatever case the sentence needs: города Франции, с Японией, в Германии.
// The forms are made by rule from the nominative (genitive, dative, accusative, instrumental, prepositional):
// every word declined, and the first word alone (Республики Корея). Indeclinable words (США, Конго, Перу, short
// words such as и) stay. The rules are the regular ones; a few irregular names (Египет → Египта) are in the
// alias file.

const HUSHING = /[гкхжчшщ]$/;
const SIBILANT = /[жчшщц]$/;

function declineWord(w: string): string[][] {
  // One array of forms per case: [gen, dat, acc, ins, prep].
  const lower = w.toLowerCase();
  const same = [[w], [w], [w], [w], [w]];
  if (w.length <= 2 || w === w.toUpperCase() || !/\p{Script=Cyrillic}/u.test(w)) return same;
  const stem = (n: number) => w.slice(0, w.length - n);
  const cases = (...endings: Array<string | string[]>) => endings.map((e) => (Array.isArray(e) ? e : [e]));
  let r: string[][];
  if (/ая$/.test(lower)) r = cases('ой', 'ой', 'ую', 'ой', 'ой').map((e) => e.map((x) => stem(2) + x));
  else if (/яя$/.test(lower)) r = cases('ей', 'ей', 'юю', 'ей', 'ей').map((e) => e.map((x) => stem(2) + x));
  else if (/[ыо]й$/.test(lower)) r = cases('ого', 'ому', '=', 'ым', 'ом').map((e) => e.map((x) => (x === '=' ? x : stem(2) + x)));
  else if (/ий$/.test(lower)) r = cases('ого', 'ому', '=', 'им', 'ом').map((e) => e.map((x) => (x === '=' ? x : stem(2) + x)));
  else if (/ые$/.test(lower)) r = cases('ых', 'ым', '=', 'ыми', 'ых').map((e) => e.map((x) => (x === '=' ? x : stem(2) + x)));
  else if (/ие$/.test(lower)) r = cases('их', 'им', '=', 'ими', 'их').map((e) => e.map((x) => (x === '=' ? x : stem(2) + x)));
  else if (/ия$/.test(lower)) r = cases('ии', 'ии', 'ию', 'ией', 'ии').map((e) => e.map((x) => stem(2) + x));
  else if (/я$/.test(lower)) r = cases('и', 'е', 'ю', 'ей', 'е').map((e) => e.map((x) => stem(1) + x));
  else if (/а$/.test(lower)) {
    const s = stem(1);
    r = cases(HUSHING.test(s) ? 'и' : 'ы', 'е', 'у', SIBILANT.test(s) ? 'ей' : 'ой', 'е').map((e) => e.map((x) => s + x));
  } else if (/ы$/.test(lower)) r = cases('ов', 'ам', '=', 'ами', 'ах').map((e) => e.map((x) => (x === '=' ? x : stem(1) + x)));
  else if (/й$/.test(lower)) r = cases('я', 'ю', '=', 'ем', 'е').map((e) => e.map((x) => (x === '=' ? x : stem(1) + x)));
  else if (/ь$/.test(lower)) {
    // Masculine (Израиль → Израиля) or feminine (Беларусь → Беларуси): both.
    r = cases(['я', 'и'], ['ю', 'и'], '=', ['ем', 'ью'], ['е', 'и']).map((e) => e.map((x) => (x === '=' ? x : stem(1) + x)));
  } else if (/[оеуюиэ]$/.test(lower)) return same; // Конго, Перу, Чили, Америки (already genitive)
  else r = cases('а', 'у', '=', SIBILANT.test(lower) ? 'ем' : 'ом', 'е').map((e) => e.map((x) => (x === '=' ? x : w + x)));
  return r.map((forms) => forms.map((f) => (f === '=' ? w : f)));
}

/** A hyphenated word declines in its last part (Южно-Африканская → Южно-Африканской). */
function declinePart(w: string): string[][] {
  const i = w.lastIndexOf('-');
  if (i < 0) return declineWord(w);
  const head = w.slice(0, i + 1);
  return declineWord(w.slice(i + 1)).map((forms) => forms.map((f) => head + f));
}

/** The case forms of a Russian country name (not the nominative itself). */
export function russianCaseForms(name: string): string[] {
  if (!/\p{Script=Cyrillic}/u.test(name) || /[()]/.test(name)) return [];
  const words = name.split(/\s+/).filter(Boolean);
  const declined = words.map(declinePart);
  const out = new Set<string>();
  for (let c = 0; c < 5; c++) {
    // Every word in the case (Южной Кореи), and the first word alone (Республики Корея).
    const all = declined.reduce<string[]>((acc, d) => acc.flatMap((a) => d[c].map((f) => (a ? `${a} ${f}` : f))), ['']);
    for (const f of all) out.add(f);
    for (const f of declined[0][c]) out.add([f, ...words.slice(1)].join(' '));
  }
  out.delete(name);
  return [...out];
}

let nameList: CountryName[] | null = null;
let nameListAliases: CountryAlias[] | null = null;

/** Every country name youcheng knows, with its level; the alias file's names are level 0. */
export function countryNameList(): CountryName[] {
  const aliases = getIndex().aliases;
  if (nameList && nameListAliases === aliases) return nameList;
  const lib = libraryNames();
  const out: CountryName[] = aliases.map((a) => ({ name: a.name, iso2: a.iso2, level: 0 as const }));
  out.push(...lib);
  for (const n of [...out]) {
    if (n.level === 3 || !/\p{Script=Cyrillic}/u.test(n.name)) continue;
    for (const f of russianCaseForms(n.name)) out.push({ name: f, iso2: n.iso2, level: 3 });
  }
  nameList = out;
  nameListAliases = aliases;
  return out;
}

/**
 * Keys → ISO codes by level: within a level a key two countries share is dropped; the alias file (level 0)
 * overrides level 1; levels 2 and 3 only add keys that no level above has, or dropped as ambiguous.
 */
export function resolveNameKeys<K>(names: CountryName[], keyOf: (name: string) => K[]): Map<K, string> {
  const byLevel = [0, 1, 2, 3].map(() => ({ map: new Map<K, string>(), ambiguous: new Set<K>() }));
  for (const n of names) {
    const lvl = byLevel[n.level];
    for (const k of keyOf(n.name)) {
      const prev = lvl.map.get(k);
      if (prev === undefined) {
        if (!lvl.ambiguous.has(k)) lvl.map.set(k, n.iso2);
      } else if (prev !== n.iso2) {
        lvl.map.delete(k);
        lvl.ambiguous.add(k);
      }
    }
  }
  // Level 1, with the alias file over it (an alias decides a key the libraries disagree on).
  const out = new Map(byLevel[1].map);
  const seen = new Set<K>([...byLevel[1].map.keys(), ...byLevel[1].ambiguous]);
  for (const [k, v] of byLevel[0].map) {
    out.set(k, v);
    seen.add(k);
  }
  // A key two aliases give to different countries: the later line wins, as before.
  for (const lvl of [byLevel[2], byLevel[3]]) {
    for (const [k, v] of lvl.map) if (!seen.has(k)) out.set(k, v);
    for (const k of [...lvl.map.keys(), ...lvl.ambiguous]) seen.add(k);
  }
  return out;
}

function buildIndex(aliases: CountryAlias[]): Index {
  const names: CountryName[] = [...aliases.map((a) => ({ name: a.name, iso2: a.iso2, level: 0 as const })), ...libraryNames()];
  for (const n of [...names]) {
    if (!/\p{Script=Cyrillic}/u.test(n.name)) continue;
    for (const f of russianCaseForms(n.name)) names.push({ name: f, iso2: n.iso2, level: 3 });
  }
  const byKey = resolveNameKeys(names, (name) => {
    const k = fold(name);
    return k ? [k] : [];
  });
  // Aliases keep their file order: a later line for the same key wins.
  for (const a of aliases) {
    const k = fold(a.name);
    if (k) byKey.set(k, a.iso2);
  }
  return { byKey, aliases };
}

function getIndex(): Index {
  if (!index) {
    lookupMemo.clear();
    const aliases = existsSync(COUNTRY_ALIAS_FILE) ? parseCountryAliases(readFileSync(COUNTRY_ALIAS_FILE, 'utf8')) : [];
    index = buildIndex(aliases);
  }
  return index;
}

/** Replace the alias table (tests, or a caller that keeps the file elsewhere). */
export function useCountryAliases(aliases: CountryAlias[]): void {
  index = buildIndex(aliases);
  lookupMemo.clear();
}

/** The alias table in use. */
export function countryAliases(): CountryAlias[] {
  return getIndex().aliases;
}

/** Lookups by text as written, remembered until the alias table changes (the same countries come back on every row). */
const lookupMemo = memoize((s: string) => lookupText(s));

function lookup(s: string): string | null {
  return s.length <= 64 ? lookupMemo(s) : lookupText(s);
}

function lookupText(s: string): string | null {
  const text = s.normalize('NFKC').trim();
  if (!text) return null;
  // ISO codes as such: JP, USA.
  if (/^[A-Z]{2}$/.test(text) && isoCountries().isValid(text)) return text;
  if (/^[A-Z]{3}$/.test(text)) {
    const a2 = isoCountries().alpha3ToAlpha2(text);
    if (a2) return a2;
  }
  const { byKey } = getIndex();
  for (const cand of simplifiedCandidates(text)) {
    for (const variant of [cand, cand.replace(/^the\s+/i, '')]) {
      const hit = byKey.get(fold(variant));
      if (hit) return hit;
    }
  }
  return null;
}

/**
 * ISO 3166-1 alpha-2 of a country name as written (any script) or, failing that, of a machine hint such
 * as the English argument of {{flagicon|X}}. Returns null when neither is known.
 */
export function countryToIso2(asWritten: string | null, hint?: string | null): string | null {
  if (asWritten) {
    const hit = lookup(asWritten);
    if (hit) return hit;
    // Composite forms name a constituent part, then the state: "England, United Kingdom", "Réunion, France".
    const parts = asWritten.split(/\s*[,，]\s*/).filter(Boolean);
    if (parts.length > 1) {
      const last = lookup(parts[parts.length - 1]);
      if (last) return last;
    }
  }
  if (hint) {
    const hit = lookup(hint);
    if (hit) return hit;
  }
  return null;
}

let byIso2Map: Map<string, Country> | null = null;
const byIso2 = (): Map<string, Country> => (byIso2Map ??= new Map(worldCountries().map((c) => [c.cca2, c])));

/** Continent of a country, from world-countries' region and subregion (Central America and the Caribbean count as North America). */
export function continentOf(iso2: string | null): Continent | null {
  if (!iso2) return null;
  const c = byIso2().get(iso2.toUpperCase());
  if (!c) return null;
  switch (c.region) {
    case 'Asia':
      return 'Asia';
    case 'Europe':
      return 'Europe';
    case 'Africa':
      return 'Africa';
    case 'Oceania':
      return 'Oceania';
    case 'Antarctic':
      return 'Antarctica';
    case 'Americas':
      return c.subregion === 'South America' ? 'South America' : 'North America';
    default:
      return null;
  }
}

/** Display names: zh in simplified script (PRC usage, from i18n-iso-countries), en common name (world-countries). */
export function countryNames(iso2: string | null): { zh: string; en: string } | null {
  if (!iso2) return null;
  const code = iso2.toUpperCase();
  const c = byIso2().get(code);
  const zh = isoCountries().getName(code, 'zh') ?? c?.translations['zho']?.common;
  const en = c?.name.common ?? isoCountries().getName(code, 'en');
  if (!zh || !en) return null;
  return { zh: toSimplified(zh), en };
}
