// A raw row → a claim: both sides in simplified script, country code, ISO date, kind. Pure.
import type { Claim, Message, RawRow } from '../model.js';
import { countryToIso2 } from './country.js';
import { parseDate } from './date.js';
import { kindOf } from './kind.js';
import { toSimplified } from './script.js';
import { boundReason, quoted } from './quote.js';

const simp = (s: string | null | undefined): string | null => (s == null ? null : toSimplified(s));

/**
 * Normalize one row. `owner` stands in for the Chinese side when the row leaves it out (a city's own list).
 * Messages (with the row's line) report an unreadable date, an unknown country, and a country that
 * disagrees with its machine hint; the claim is returned in every case.
 */
export function normalizeRow(row: RawRow, owner: string | null): { claim: Claim; messages: Message[] } {
  const messages: Message[] = [];
  const cnPlace = row.cnPlace ?? owner ?? null;

  const date = parseDate(row.date);
  if (date.problem) messages.push({ line: row.line, severity: 'warning', reason: boundReason(date.problem) });

  const country = row.country ?? null;
  const hint = row.countryHint ?? null;
  const fromWritten = country ? countryToIso2(country) : null;
  const fromHint = hint ? countryToIso2(null, hint) : null;
  const countryIso2 = fromWritten ?? fromHint;
  if (country && !fromWritten) {
    messages.push({
      line: row.line,
      severity: fromHint ? 'info' : 'warning',
      reason: fromHint
        ? `unknown country ${quoted(country)}: taken from the hint ${quoted(hint!)} (${fromHint})`
        : `unknown country ${quoted(country)}`,
    });
  } else if (!country && hint && !fromHint) {
    messages.push({ line: row.line, severity: 'warning', reason: `unknown country hint ${quoted(hint)}` });
  } else if (fromWritten && fromHint && fromWritten !== fromHint) {
    messages.push({
      line: row.line,
      severity: 'warning',
      reason: `country ${quoted(country!)} (${fromWritten}) disagrees with its hint ${quoted(hint!)} (${fromHint}): kept ${fromWritten}`,
    });
  }

  const claim: Claim = {
    line: row.line,
    section: row.section ?? null,
    cnPlace,
    cnPlaceZhHans: simp(cnPlace),
    cnLink: row.cnLink ?? null,
    ...(row.cnCoordinates ? { cnLat: row.cnCoordinates.lat, cnLon: row.cnCoordinates.lon } : {}),
    foreignPlace: row.foreignPlace ?? null,
    foreignPlaceZhHans: simp(row.foreignPlace),
    foreignPlaceEn: row.foreignPlaceEn ?? null,
    foreignLink: row.foreignLink ?? null,
    foreignQualifier: row.foreignQualifier ?? null,
    country,
    countryIso2,
    date: row.date ?? null,
    dateIso: date.iso,
    datePrecision: date.precision,
    kind: kindOf(row.section ?? null, row.marker ?? null),
    marker: row.marker ?? null,
    status: row.status,
    note: row.note ?? null,
    facts: row.facts && Object.keys(row.facts).length > 0 ? { ...row.facts } : null,
  };
  return { claim, messages };
}
