// Whose page a Russian page is, when no title and no --owner says: the place abroad it names most, in any
// case (`Для Иркутска …`, `Мэр Хабаровска …`, `в Екатеринбурге`, `Екатеринбургом`). A Russian page about
// China's friendship cities is written by the partner abroad (see records.ts): its Chinese names are the
// partners, and the city it keeps naming is the owner. Pure, given the place questions.
import type { PlaceQuestions } from './prose.js';
import { russianNominatives } from './context.js';
import { findCountries } from '../recognize/index.js';

/** A capitalised Cyrillic word, or two (`Сергиевым Посадом`, `Санкт-Петербурге`). */
const WORDS = /(?<![\p{L}\p{N}])\p{Lu}[\p{Script=Cyrillic}\-]+(?:\s\p{Lu}[\p{Script=Cyrillic}\-]+)?/gu;

/**
 * The form of a Cyrillic name the gazetteer knows abroad (and not in China): as written, else a nominative of it
 * (`Екатеринбурга` → `Екатеринбург`, `Сергиевым Посадом` → `Сергиев Посад`); null when none is.
 */
export function foreignNominative(name: string, q: PlaceQuestions): string | null {
  const forms = [name, ...russianNominatives(name), ...wordwiseNominatives(name)];
  return forms.find((f) => f.length >= 3 && !q.isChinese(f) && q.foreignCountry(f) !== null) ?? null;
}

/** The nominatives of a two-word name, word by word (`Сергиевым Посадом` → `Сергиев Посад`). */
function wordwiseNominatives(name: string): string[] {
  const words = name.split(/\s+/);
  if (words.length !== 2) return [];
  const each = words.map((w) => [w, ...russianNominatives(w)]);
  const out: string[] = [];
  for (const a of each[0]) for (const b of each[1]) if (a !== words[0] || b !== words[1]) out.push(`${a} ${b}`);
  return out;
}

/** The place abroad a Cyrillic text names most (ties: the first named), in its nominative; null when it names none. */
export function cyrillicOwner(texts: string[], q: PlaceQuestions): string | null {
  const counts = new Map<string, { n: number; first: number }>();
  let at = 0;
  for (const text of texts) {
    const countries = findCountries(text);
    for (const m of text.matchAll(WORDS)) {
      at++;
      if (countries.some((c) => c.start < m.index + m[0].length && m.index < c.end)) continue;
      // Two capitalised words may be a place and a person (`Хабаровска Сергей`) or open a sentence (`Для Иркутска`):
      // the pair, else one of its words.
      const words = m[0].split(/\s+/);
      const name = foreignNominative(m[0], q) ?? (words.length === 2 ? (foreignNominative(words[0], q) ?? foreignNominative(words[1], q)) : null);
      if (!name) continue;
      const had = counts.get(name);
      counts.set(name, { n: (had?.n ?? 0) + 1, first: had?.first ?? at });
    }
  }
  const ranked = [...counts].sort((a, b) => b[1].n - a[1].n || a[1].first - b[1].first);
  return ranked[0]?.[0] ?? null;
}
