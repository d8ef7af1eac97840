// Reconciling only what new document versions touch, when that is provably what a full reconciliation would
// give. A full one (reconcile.ts) reads every claim in a fixed order, and two things in it depend on order:
// a row that names no country is resolved against the places earlier rows made known, and a place's record
// is the one its first claim gave (a compound name's record carries its parent). Everything else is a
// function of the claims: a row that names its country resolves the same whatever else is stored, and a tie
// is settled from its claims put in the full reconciliation's order. So an ingest reconciles incrementally
// when, and only when,
//   - the last reconciliation recorded what it covered, its inputs (gazetteer, aliases, merges, code) are
//     unchanged, and the document versions it covered are all still there as they were;
//   - the new versions are few enough to hold in memory (NEW_CLAIMS_MAX claims);
//   - no new row that names a place names no country, and no name under which a new row's place is made known
//     is one a stored row without a country looks for (so no such row could resolve otherwise);
//   - every place a new row names that is already stored would be written with the same record.
// Otherwise it reconciles fully, and says why. test/reconcile-equal.test.ts builds registries both ways and
// compares every derived table.
import type { DB } from '../registry/db.js';
import { claimPages, factPages, reconciledState, sourceVersions, type SourceVersion } from '../registry/queries.js';
import { deltaStatements, readReconcileState, writeReconcileState, type TieClaimRow } from '../registry/reconcile-delta.js';
import { reconcileStatements } from '../registry/reconcile-store.js';
import { refreshQidMatches } from '../registry/qids.js';
import {
  claimSides, editedWikidata, inReconcileTransaction, mergedIds, nameRow, placeRow, reconcileAll, recordNames, recordOf, settle,
  type Held, type ReconcileOptions, type ReconcileReport, type SettleClaim,
} from './reconcile.js';
import { resolverInputs } from './inputs.js';
import { countrylessKeys, rememberedKeys } from './resolver.js';
import { matchQids } from './qid-match.js';
import { fold } from '../normalize/script.js';
import type { Resolution, Resolver } from './types.js';

/** Past this many new claims a full reconciliation (bounded in memory whatever the size) is used instead. */
export const NEW_CLAIMS_MAX = 50_000;

/**
 * Reconciles what new document versions touch when that gives what a full reconciliation would, else
 * everything; in one IMMEDIATE transaction either way. The report says which (`incremental`, `rebuiltBecause`).
 */
export function reconcileChanged(db: DB, resolver: Resolver, opts: ReconcileOptions = {}): ReconcileReport {
  return inReconcileTransaction(db, () => {
    const inputs = resolverInputs(db);
    const t0 = performance.now();
    const r = reconcileAdded(db, resolver, inputs, opts);
    if (typeof r !== 'string') return { ...r, ms: performance.now() - t0 };
    return { ...reconcileAll(db, resolver, opts, inputs), rebuiltBecause: r };
  });
}

interface Pair {
  cn: string;
  foreign: string;
  claims: number[];
}

/** The incremental reconciliation, or why it cannot be one. Writes nothing until every check has passed. */
function reconcileAdded(db: DB, resolver: Resolver, inputs: string, opts: ReconcileOptions): Omit<ReconcileReport, 'ms'> | string {
  const state = readReconcileState(db);
  if (!state) return 'no reconciliation of this registry was recorded';
  if (state.inputs !== inputs) return 'the gazetteer, the aliases, the merges or the resolver changed since the last reconciliation';
  const d = deltaStatements(db);
  const upto = state.sources_upto;
  if ((d.sourcesUpto.pluck().get(upto) as number) !== state.source_count || (d.claimsUpto.pluck().get(upto) as number) !== state.claim_count) {
    return 'documents already reconciled changed';
  }
  const added = d.claimsAfter.pluck().get(upto) as number;
  if (added > NEW_CLAIMS_MAX) return `${added} new claims (past ${NEW_CLAIMS_MAX} a full reconciliation is used)`;
  if ((d.countrylessAfter.pluck().get(upto) as number) > 0) {
    return 'new rows name no country (they are resolved against every place in the registry)';
  }

  const sources = sourceVersions(db);
  const order = new Map<number, number>(sources.map((s, i) => [s.id, i]));
  const byId = new Map<number, SourceVersion>(sources.map((s) => [s.id, s]));
  const fresh = sources.filter((s) => s.id > upto);
  // Older versions of the same sources: no longer current, or their latest version (a tie's "unlisted in") changed.
  const keys = new Set(fresh.map((s) => s.source_key));
  const superseded = sources.filter((s) => s.id <= upto && keys.has(s.source_key));

  // The new claims, in the full reconciliation's order (rows that name their country first, sources in order).
  const q = reconcileStatements(db);
  const merged = mergedIds(db);
  const memo = new Map<string, Resolution>();
  const unresolved: Array<[number, string, string, string | null, string, string]> = [];
  const sides = claimSides(resolver, merged, (key, _keep, f) => memo.get(key) ?? memo.set(key, f()).get(key)!, (id, side, name, country, r) =>
    unresolved.push([id, side, name, country, r.reason, JSON.stringify(r.candidates)]),
  );
  const held = new Map<string, Held>(); // first seen, with the parents a first sight writes
  const docNames = new Map<string, string[]>();
  const made = new Map<string, Set<string>>(); // keys new places are made known under, for rows without a country
  const ids: Array<[number, string | null, string | null]> = [];
  const pairs = new Map<string, Pair>();
  const see = (p: Held, name: string | null) => {
    if (!held.has(p.id)) {
      held.set(p.id, p);
      for (let parentId = p.parentId; parentId && !held.has(parentId); ) {
        const parent = resolver.lookup(parentId);
        if (!parent) break;
        held.set(parent.id, parent);
        parentId = parent.parentId;
      }
    }
    if (name) (docNames.get(p.id) ?? docNames.set(p.id, []).get(p.id)!).push(name);
  };
  let done = 0;
  for (const namesCountry of [true, false]) {
    for (const src of fresh) {
      for (const page of claimPages(db, src.id, namesCountry, opts.pageSize ?? 5000)) {
        opts.onProgress?.(done, added);
        done += page.length;
        for (const c of page) {
          const { cnPlace, cnResolved, fPlace, fResolved } = sides(c, namesCountry, src.current === 1);
          if (cnPlace) see(cnPlace, c.cn_place);
          if (fPlace) {
            see(fPlace, c.foreign_place);
            if (c.foreign_place_en) see(fPlace, c.foreign_place_en);
            // As claimSides makes it known (a pinned place is not looked up by name, nor made known by one).
            if (fResolved && !c.foreign_place_pin) {
              for (const k of rememberedKeys(recordOf(fPlace), [c.foreign_place ?? c.foreign_place_en ?? ''])) {
                (made.get(k) ?? made.set(k, new Set()).get(k)!).add(fPlace.id);
              }
            }
          }
          const a = cnPlace && cnResolved ? cnPlace.id : null;
          const b = fPlace && fResolved ? fPlace.id : null;
          if (a || b) ids.push([c.id, a, b]);
          if (cnPlace && fPlace) {
            const key = `${cnPlace.id}\u0000${fPlace.id}`;
            const pair = pairs.get(key) ?? pairs.set(key, { cn: cnPlace.id, foreign: fPlace.id, claims: [] }).get(key)!;
            pair.claims.push(c.id);
          }
        }
      }
    }
  }
  opts.onProgress?.(done, added);

  // The checks that keep it equal to a full reconciliation.
  if (made.size) {
    const sought = new Set<string>();
    for (const r of d.countrylessNames.raw().iterate() as IterableIterator<[string | null, string | null, string | null]>) {
      for (const k of countrylessKeys((r[0] ?? r[1])!, r[2])) if (made.has(k)) sought.add(k);
    }
    // Such a row sees the place under that key already if a stored row naming its country made it known so:
    // those rows are all read before any row without a country, so the new one adds nothing it did not see.
    const knownBefore = (k: string, id: string): boolean => {
      const written = d.knownBy.pluck().all(id) as string[];
      return written.length > 0 && (rememberedKeys(recordOf(held.get(id)!)).includes(k) || written.some((n) => fold(n) === k));
    };
    for (const k of sought) {
      for (const id of made.get(k)!) {
        if (!knownBefore(k, id)) return `a place the new rows name (${id}) would be found by rows that name no country`;
      }
    }
  }
  const wikidata = editedWikidata(db);
  const placeRowOf = d.placeRow.raw();
  const stored = new Set<string>();
  for (const [id, p] of held) {
    const row = placeRowOf.get(id) as unknown[] | undefined;
    if (!row) continue;
    const want = placeRow(recordOf(p), wikidata);
    if (row.some((v, i) => v !== want[i])) return `the place ${id} would be recorded otherwise than it is`;
    stored.add(id);
  }

  // Places and their names: new places as a full reconciliation writes them; names documents give, as theirs.
  for (const [id, p] of held) {
    const rec = stored.has(id) ? null : recordOf(p);
    if (rec) q.insPlace.run(...placeRow(rec, wikidata));
    for (const n of docNames.get(id) ?? []) d.docName.run(id, ...nameRow(n));
    if (rec) for (const n of recordNames(rec)) if (n) q.insName.run(id, ...nameRow(n), rec.resolved ? 'gazetteer' : 'document');
  }
  for (const [id, a, b] of ids) q.setIds.run(a, b, id);

  // What belongs to current versions only: unresolved names and facts.
  for (const s of superseded) {
    if (s.current) continue;
    d.dropUnresolvedOf.run(s.id);
    d.dropFactsOf.run(s.id);
  }
  for (const u of unresolved) q.insUnres.run(...u);
  for (const src of fresh) {
    if (!src.current) continue;
    for (const page of factPages(db, src.id, opts.pageSize ?? 5000)) {
      for (const c of page) {
        for (const [k, v] of Object.entries(JSON.parse(c.facts) as Record<string, string>)) q.insFact.run(c.foreign_place_id, src.id, k, v, src.as_of, c.line);
      }
    }
  }

  // The ties: those of the new claims (new ones numbered in the order a full reconciliation meets them), then
  // those the older versions of the same sources are part of, each settled again from all of its claims.
  const tiePair = d.tiePair.raw();
  for (const s of superseded) {
    for (const relId of d.tiesOfSource.pluck().all(s.id) as number[]) {
      const [cn, foreign] = tiePair.get(relId) as [string, string];
      const key = `${cn}\u0000${foreign}`;
      if (!pairs.has(key)) pairs.set(key, { cn, foreign, claims: [] });
    }
  }
  const tieClaim = d.tieClaim;
  const rank = (c: TieClaimRow) => [c.countryless, order.get(c.source_id)!, c.line, c.id];
  const before = (a: TieClaimRow, b: TieClaimRow) => {
    const x = rank(a);
    const y = rank(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return 0;
  };
  for (const { cn, foreign, claims } of pairs.values()) {
    let id = d.tieOfPair.pluck().get(cn, foreign) as number | undefined;
    const all = new Set(claims);
    if (id !== undefined) for (const c of d.claimsOfTie.pluck().all(id) as number[]) all.add(c);
    const rows = [...all].map((c) => tieClaim.get(c) as TieClaimRow).sort(before);
    const settleClaims = rows.map((c): SettleClaim => {
      const src = byId.get(c.source_id)!;
      const edit = c.edit_id != null;
      return {
        id: c.id, edit_id: c.edit_id, edit_fields: edit ? c.edit_fields : null, end_status: edit ? c.end_status : null,
        end_date: edit ? c.end_date : null, note: edit ? c.note : null, current: src.current, status: c.status, kind: c.kind,
        date_precision: c.date_precision, date: c.date, file_name: src.file_name, latest_version: src.latest_version, line: c.line,
        source_type: src.type,
      };
    });
    const t = settle(settleClaims);
    if (!t) continue;
    id ??= (q.getRelId.pluck().get(cn, foreign) as number | undefined) ?? Number(q.newRelId.run(cn, foreign).lastInsertRowid);
    d.upsertTie.run({ id, cn, foreign, ...t.values });
    d.dropTieClaims.run(id);
    d.dropTieConflicts.run(id);
    for (const c of settleClaims) q.insRc.run(id, c.id, c.current);
    for (const conflict of t.conflicts) q.insConflict.run(id, conflict.field, JSON.stringify(conflict.values));
  }

  refreshQidMatches(db, matchQids);
  writeReconcileState(db, {
    inputs,
    sources_upto: sources.reduce((m, s) => Math.max(m, s.id), 0),
    source_count: sources.length,
    claim_count: state.claim_count + added,
  });
  return { ...reconciledState(db), incremental: true };
}
