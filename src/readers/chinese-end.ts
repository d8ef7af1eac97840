// Which end of a tie is Chinese, for the datasets that name both ends the same way (a network's nodes, a CSV of
// pairs). Mainland China, and Hong Kong, Macau and Taiwan as their sources code them: they stay apart under their
// own codes (HK, MO, TW), never folded into CN.
import { countryToIso2 } from '../normalize/country.js';

/** ISO 3166-1 alpha-2 of a Chinese end, or null. `CN-TW` is the Wikidata snapshot's code for Taiwan. */
export function chineseEnd(country: string | null | undefined): 'CN' | 'HK' | 'MO' | 'TW' | null {
  if (!country) return null;
  const t = country.trim();
  if (t === 'CN-TW') return 'TW';
  const iso = /^[A-Z]{2}$/.test(t) ? t : countryToIso2(t);
  return iso === 'CN' || iso === 'HK' || iso === 'MO' || iso === 'TW' ? iso : null;
}

/** How a kept-apart end is written as the section its ties stand under (null for the mainland). */
export function apartSection(iso: 'CN' | 'HK' | 'MO' | 'TW'): string | null {
  return iso === 'CN' ? null : ({ HK: 'Hong Kong (HK)', MO: 'Macau (MO)', TW: 'Taiwan (TW)' } as const)[iso];
}
