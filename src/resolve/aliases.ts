// The alias file: a person's word on what a name means, checked before anything else.
// data/aliases.tsv (tab-separated: name, country, place id, note); lines starting with # are comments.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../paths.js';
import { fold } from '../normalize/script.js';

export const ALIAS_FILE = join(DATA_DIR, 'aliases.tsv');

export interface AliasEntry {
  name: string;
  /** ISO 3166-1 alpha-2, or * for any country. */
  country: string;
  placeId: string;
  note: string;
  line: number;
}

export interface AliasTable {
  entries: AliasEntry[];
  /** The entry for a name in a country; for a row that names no country, the one entry of that name, if only one. */
  lookup(name: string, country: string | null): { target: string; country: string } | null;
}

export class AliasFileError extends Error {}

export function parseAliases(text: string, file = 'aliases.tsv'): AliasEntry[] {
  const out: AliasEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [name, country, placeId, note = ''] = raw.split('\t').map((s) => s.trim());
    if (!name || !country || !placeId) {
      throw new AliasFileError(`${file}:${i + 1}: expected name<TAB>country<TAB>place id[<TAB>note]`);
    }
    if (placeId.startsWith('en:') && country === '*') throw new AliasFileError(`${file}:${i + 1}: an en: target needs a country`);
    if (!/^([A-Z]{2}|\*)$/.test(country)) throw new AliasFileError(`${file}:${i + 1}: country must be an ISO 3166-1 alpha-2 code or *, not "${country}"`);
    out.push({ name, country, placeId, note, line: i + 1 });
  });
  return out;
}

export function aliasTable(entries: AliasEntry[]): AliasTable {
  const map = new Map<string, AliasEntry>();
  const byName = new Map<string, AliasEntry[]>();
  for (const e of entries) {
    map.set(`${fold(e.name)}\u0000${e.country}`, e);
    const k = fold(e.name);
    byName.set(k, [...(byName.get(k) ?? []), e]);
  }
  const out = (e: AliasEntry | undefined) => (e ? { target: e.placeId, country: e.country } : null);
  return {
    entries,
    lookup: (name, country) => {
      const k = fold(name);
      if (country) return out(map.get(`${k}\u0000${country}`) ?? map.get(`${k}\u0000*`));
      const all = byName.get(k) ?? [];
      return out(all.length === 1 ? all[0] : map.get(`${k}\u0000*`));
    },
  };
}

export function loadAliases(path = ALIAS_FILE): AliasTable {
  return aliasTable(existsSync(path) ? parseAliases(readFileSync(path, 'utf8'), path) : []);
}
