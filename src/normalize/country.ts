// Country names in any script (simplified / traditional Chinese, English, the argument of {{flagicon|X}})
// → ISO 3166-1 alpha-2. Sources, in order of authority:
//   1. data/country-aliases.tsv — the one alias file, for what the libraries miss (read once, on first use);
//   2. i18n-iso-countries (zh and en, every alternative name) and world-countries (common, official and
//      alternative spellings, Chinese translation).
// A key that two library entries give to different countries (Congo, 多米尼加) is dropped unless the alias
// file decides it. Matching is on fold(): simplified, lower-case, width- and punctuation-insensitive.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import countries from 'i18n-iso-countries';
import type { Country } from 'world-countries';
import { DATA_DIR } from '../paths.js';
import { fold, simplifiedCandidates, toSimplified } from './script.js';
import { memoize } from './memo.js';

// world-countries is CommonJS whose typings declare an ES default export; require() gives the array itself.
const worldCountries = createRequire(import.meta.url)('world-countries') as Country[];

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

function buildIndex(aliases: CountryAlias[]): Index {
  const lib = new Map<string, string>();
  const ambiguous = new Set<string>();
  const add = (name: string | undefined, iso2: string) => {
    if (!name) return;
    const k = fold(name);
    if (!k) return;
    const prev = lib.get(k);
    if (prev === undefined) lib.set(k, iso2);
    else if (prev !== iso2) ambiguous.add(k);
  };
  for (const lang of ['zh', 'en']) {
    const names = countries.getNames(lang, { select: 'all' }) as Record<string, string[]>;
    for (const [iso2, list] of Object.entries(names)) for (const n of list) add(n, iso2);
  }
  for (const c of worldCountries) {
    add(c.name.common, c.cca2);
    add(c.name.official, c.cca2);
    for (const a of c.altSpellings) if (a.length > 3) add(a, c.cca2);
    const zho = c.translations['zho'];
    if (zho) {
      add(zho.common, c.cca2);
      add(zho.official, c.cca2);
    }
  }
  for (const k of ambiguous) lib.delete(k);
  for (const a of aliases) {
    const k = fold(a.name);
    if (k) lib.set(k, a.iso2);
  }
  return { byKey: lib, aliases };
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
  if (/^[A-Z]{2}$/.test(text) && countries.isValid(text)) return text;
  if (/^[A-Z]{3}$/.test(text)) {
    const a2 = countries.alpha3ToAlpha2(text);
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

const byIso2 = new Map(worldCountries.map((c) => [c.cca2, c]));

/** Continent of a country, from world-countries' region and subregion (Central America and the Caribbean count as North America). */
export function continentOf(iso2: string | null): Continent | null {
  if (!iso2) return null;
  const c = byIso2.get(iso2.toUpperCase());
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
  const c = byIso2.get(code);
  const zh = countries.getName(code, 'zh') ?? c?.translations['zho']?.common;
  const en = c?.name.common ?? countries.getName(code, 'en');
  if (!zh || !en) return null;
  return { zh: toSimplified(zh), en };
}
