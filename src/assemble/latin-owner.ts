// Whose page a page in a Latin script is, when no title pattern and no --owner says: the place abroad that its
// title or a top heading names, or that opens its first sentence (`Białystok będzie współpracował z Chinami`,
// `Stadt Wilhelmshaven`, `Valbondione e la Cina ora sono più vicini`). A city's own news of its tie with a
// Chinese place names itself first; the Chinese places its sentences name are then that owner's partners.
// Only a name the gazetteer knows abroad and not in China counts, and only when the same text names no
// Chinese place (`Dalian-Bremen`, `Nanjing e Siena` are pairs, not an owner). Pure, given the place questions.
import { NOT_A_NAME as NOT_A_PLACE, type PlaceQuestions } from './prose.js';
import { findCountries } from '../recognize/index.js';

/** Capitalised words, perhaps joined by a short particle (`Bay of Plenty`, `Reggio nell'Emilia`). */
const NAME = /(?<![\p{L}\p{N}])\p{Lu}[\p{L}'’\-]+(?:\s(?:(?:of|de|di|del|la|le|am|an der|nad|upon|sur)\s)?\p{Lu}[\p{L}'’\-]+){0,3}/gu;
/** Words of a city's government before its name (`Stadt Wilhelmshaven`, `Comune di Siena`, `Urząd Miejski Białystok`). */
const GOVERNMENT_HEAD = /^(?:(?:Stadt|Landeshauptstadt|Hansestadt|Gemeinde|Comune di|Città di|Ville de|Mairie de|Ciudad de|Ayuntamiento de|Prefeitura de|City of|Town of|Urząd Miejski(?: w)?|Miasto)\s+)/u;
/** Words that open a sentence or a headline and name nothing. */
const NOT_A_NAME = /^(?:The|A|An|In|On|At|Der|Die|Das|Mit|Il|La|Le|Les|Lo|Gli|El|Los|Las|Una?|Ein|Eine|W|Z|Na|Ang|Noong|Home|News)$/u;

/** The first sentence of a text (up to its first full stop, or 200 characters). */
function firstSentence(text: string): string {
  const m = /^[\s\S]{0,200}?[.!?](?=\s|$)/u.exec(text);
  return m ? m[0] : text.slice(0, 200);
}

/** A run of words and its shorter runs, longest first. */
function subRuns(name: string): string[] {
  const w = name.split(/\s+/);
  const out: string[] = [];
  for (let n = w.length; n >= 1; n--) for (let i = 0; i + n <= w.length; i++) out.push(w.slice(i, i + n).join(' '));
  return out;
}

/** The one place abroad a short text names, else null (none, several, or a Chinese place beside it). */
function placeNamed(text: string, q: PlaceQuestions, opening = false): string | null {
  if (!/\p{Script=Latin}/u.test(text) || /[\p{Script=Han}\p{Script=Hangul}\p{Script=Cyrillic}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return null;
  const countries = findCountries(text);
  const found = new Set<string>();
  for (const m of text.matchAll(NAME)) {
    // In a first line only the name that opens it is its subject (`Valbondione e la Cina …`), not `in Chicago`, and a
    // dateline in capitals (`WASHINGTON, March 14`) or a saying (`„Berg und Tal …`) is none.
    if (opening && m.index !== 0) {
      if (subRuns(m[0]).some((c) => q.isChinese(c))) return null;
      continue;
    }
    if (/^[\p{Lu}\s\-]+$/u.test(m[0])) continue;
    const name = m[0].replace(GOVERNMENT_HEAD, '').replace(/[’']s$/u, '');
    if (countries.some((c) => c.start < m.index + m[0].length && m.index < c.end)) continue;
    // The name, else the longest run of its words the gazetteer knows (`Źródło Urząd Miejski Białystok`: a source line).
    for (const cand of subRuns(name)) {
      if (NOT_A_NAME.test(cand) || cand.length < 3 || cand.split(' ').some((w) => NOT_A_PLACE.test(w))) continue;
      if (q.isChinese(cand)) return null;
      const iso2 = q.foreignCountry(cand);
      if (iso2 && iso2 !== 'CN' && iso2 !== 'TW') {
        found.add(cand);
        break;
      }
    }
  }
  return found.size === 1 ? [...found][0] : null;
}

/**
 * The owner abroad of a page in a Latin script: the one place abroad its title, a top heading, or the first sentence
 * of one of its first lines names (tried in that order); null when none does.
 */
export function latinOwner(title: string | null, headings: string[], firstLines: string[], q: PlaceQuestions): string | null {
  for (const t of [title, ...headings]) {
    if (!t || t.length > 300) continue;
    const got = placeNamed(t, q);
    if (got) return got;
  }
  for (const t of firstLines) {
    const got = placeNamed(firstSentence(t), q, true);
    if (got) return got;
  }
  return null;
}

/**
 * Whether a name is the owner written in another case (`Białymstokiem`, `Białegostoku` for Białystok,
 * `Wilhelmshavens`): one word that shares with the owner all but its last four letters (at least four).
 */
export function inflectedOwner(name: string, owner: string): boolean {
  if (name === owner || /\s/u.test(name) || /\s/u.test(owner) || !/^\p{Script=Latin}/u.test(owner)) return false;
  const a = name.toLowerCase();
  const b = owner.toLowerCase();
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k >= Math.max(4, b.length - 4) && Math.abs(a.length - b.length) <= 5;
}
