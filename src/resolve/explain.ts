import { createResolver } from './index.js';
import { splitQualifier } from './resolver.js';
import { fold } from '../normalize/script.js';
import { registeredForeignPlacesNamed } from '../registry/queries.js';
import type { DB } from '../registry/db.js';
import { countryToIso2 } from '../normalize/country.js';
import type { Candidate, PlaceRecord, TraceStep } from './types.js';
import type { ReasonCode, ReasonParams } from '../registry/reasons.js';

export interface Explanation {
  name: string;
  country: string | null;
  steps: TraceStep[];
  place: PlaceRecord | null;
  reason: string | null;
  /** the reason as a stable code and its parameters (reasons.ts) */
  reasonCode: ReasonCode | null;
  reasonParams: ReasonParams | null;
  candidates: Candidate[];
}

/**
 * How a name is resolved, step by step, as reconciliation would do it. With a registry, a name that comes
 * without a country is first looked for among the places already in it (as reconciliation does, and as
 * `partners` finds places), and the aliases people added by editing count.
 */
export function explainResolution(name: string, country: string | null, db?: DB): Explanation {
  const steps: TraceStep[] = [];
  let iso: string | null = null;
  if (country) {
    iso = /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : countryToIso2(country);
    steps.push({ step: 'country', ok: !!iso, detail: iso ? `${country} → ${iso}` : `"${country}" is not a known country` });
  }
  const side = iso === 'CN' ? 'cn' : 'foreign';
  const resolver = createResolver(db);
  if (db) {
    const keys = [...new Set([fold(name), fold(splitQualifier(name).name)])].filter(Boolean);
    for (const p of registeredForeignPlacesNamed(db, keys)) {
      const rec = resolver.lookup(p.id);
      if (rec) resolver.remember(rec, p.names);
    }
  }
  const r = resolver.resolve({ name, country: iso, side, trace: steps });
  return r.place
    ? { name, country: iso, steps, place: r.place, reason: null, reasonCode: null, reasonParams: null, candidates: [] }
    : { name, country: iso, steps, place: null, reason: r.reason, reasonCode: r.reasonCode, reasonParams: r.reasonParams, candidates: r.candidates };
}
