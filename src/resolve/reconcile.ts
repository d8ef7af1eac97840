// Claims → places + relationships. Everything written here is derived: it is rebuilt from the claims
// (documents and people's edits), the merges and the aliases each time, in one write transaction, so it
// can never drift from what was said and who said it. Relationship ids are kept across rebuilds.
import { useFileTempStore, type DB } from '../registry/db.js';
import type { ClaimWithVersion } from '../registry/documents.js';
import { claimPages, factPages, sourceVersions, type ClaimToReconcile } from '../registry/queries.js';
import { fold, pinyinOf, toSimplified } from '../normalize/script.js';
import type { PlaceRecord, Resolver, Resolution } from './types.js';
import { KINDS as KIND_LIST } from '../model.js';
import { refreshQidMatches } from '../registry/qids.js';
import { writeReconcileState } from '../registry/reconcile-delta.js';
import { resolverInputs } from './inputs.js';
import { clearDerived, createReconcileTemps, dropReconcileTemps, inImmediateTransaction, reconcileStatements } from '../registry/reconcile-store.js';
import { matchQids } from './qid-match.js';

export interface ReconcileReport {
  claims: number;
  places: number;
  relationships: number;
  conflicts: number;
  unresolved: { cn: number; foreign: number };
  ms: number;
  /** true when nothing needed reconciling (every document refused): the figures are the registry's as it was. */
  skipped?: boolean;
  /** true when only what new document versions touch was reconciled (src/resolve/incremental.ts). */
  incremental?: boolean;
  /** Why a reconciliation asked to do only that rebuilt everything instead. */
  rebuiltBecause?: string;
}

/** A place that stands for a name no gazetteer entry could be matched to. Nothing is lost, nothing guessed. */
export function provisionalPlace(name: string, country: string | null, isChinese: boolean): PlaceRecord {
  const hans = toSimplified(name);
  const han = /\p{Script=Han}/u.test(name);
  return {
    id: provisionalId(name, isChinese ? 'CN' : country),
    nameZhHans: han ? hans : null,
    nameZhHant: han && name !== hans ? name : null,
    nameEn: han ? null : name,
    pinyin: han ? pinyinOf(hans) : null,
    country: isChinese ? 'CN' : country,
    level: 'city',
    parentId: null,
    lat: null,
    lon: null,
    geonamesId: null,
    gbt2260: null,
    population: null,
    names: [name],
    resolved: false,
  };
}

import { provisionalId } from '../registry/place-ids.js';
export { provisionalId };

/** What settle() reads of a claim: a document's claim with its version, or a person's edit. */
export type SettleClaim = Pick<
  ClaimWithVersion,
  | 'id' | 'edit_id' | 'current' | 'status' | 'kind' | 'date' | 'date_precision' | 'file_name' | 'latest_version' | 'line'
  | 'edit_fields' | 'end_status' | 'end_date' | 'note'
> & { source_type?: string };

/** Precision order: a more precise date wins over a less precise one that agrees with it. */
const PRECISION_RANK: Record<string, number> = { none: 0, year: 1, month: 2, day: 3 };

/** How reconciliation holds the claims: the results never depend on these (test/reconcile-scale.test.ts). */
export interface ReconcileOptions {
  /** Claims read at a time (default 5,000). */
  pageSize?: number;
  /** Resolutions of rows that name a country, and places known to be written, kept at a time (default 100,000). */
  memoMax?: number;
  /**
   * Called before each page of claims is read and once after the last, with the claims read so far and their
   * total: a large registry takes minutes to reconcile, and a person waiting deserves to see it move.
   */
  onProgress?: (done: number, total: number) => void;
}

export function reconcile(db: DB, resolver: Resolver, opts: ReconcileOptions = {}): ReconcileReport {
  return inReconcileTransaction(db, () => reconcileAll(db, resolver, opts));
}

/**
 * One IMMEDIATE transaction from the first read to the last write: an edit or an ingest that lands meanwhile
 * waits, and is never half-seen or overwritten. The places and pairs a full reconciliation builds are TEMP
 * tables; in a file, memory stays bounded however many there are. (Within a caller's transaction — an edit —
 * the connection's temp store cannot change: they stay where it is.)
 */
export function inReconcileTransaction<T>(db: DB, f: () => T): T {
  const restore = db.inTransaction ? () => {} : useFileTempStore(db);
  try {
    return inImmediateTransaction(db, f);
  } finally {
    restore();
  }
}

/** The full reconciliation, inside the caller's transaction; it records what it covered (reconcile_state). */
export function reconcileAll(db: DB, resolver: Resolver, opts: ReconcileOptions, inputs = resolverInputs(db)): ReconcileReport {
  const report = reconcileNow(db, resolver, opts);
  const sources = sourceVersions(db);
  writeReconcileState(db, {
    inputs,
    sources_upto: sources.reduce((m, s) => Math.max(m, s.id), 0),
    source_count: sources.length,
    claim_count: reconcileStatements(db).claimCount.pluck().get() as number,
  });
  return report;
}

/** Merged ids followed to the place they were merged into (a chain of at most 32). */
export function mergedIds(db: DB): (id: string) => string {
  const merges = new Map(
    (reconcileStatements(db).placeMerges.all() as Array<{ from_id: string; into_id: string }>).map((m) => [m.from_id, m.into_id]),
  );
  return (id: string): string => {
    let cur = id;
    for (let i = 0; i < 32 && merges.has(cur); i++) cur = merges.get(cur)!;
    return cur;
  };
}

/** The Wikidata ids people gave places, by place. */
export function editedWikidata(db: DB): Map<string, string> {
  return new Map((reconcileStatements(db).editedWikidata.all() as Array<{ place_id: string; qid: string }>).map((w) => [w.place_id, w.qid]));
}

/** A place's row in `places`, in the column order of insPlace. */
export function placeRow(p: PlaceRecord, wikidata: Map<string, string>): unknown[] {
  return [
    p.id, p.nameZhHans, p.nameZhHant, p.nameEn, p.pinyin, p.country, p.level, p.parentId, p.lat, p.lon,
    p.geonamesId, p.gbt2260, p.population, p.country === 'CN' ? 1 : 0, p.resolved ? 1 : 0, wikidata.get(p.id) ?? null,
  ];
}

/** A place's name row in `place_names` (after the place id): the name, its search key and its pinyin. */
export function nameRow(n: string): [string, string, string | null] {
  const simp = toSimplified(n);
  return [n, fold(n), /\p{Script=Han}/u.test(simp) ? pinyinOf(simp) : null];
}

/** The names a place's record gives it, after those documents give it: JSON, as the TEMP table keeps them. */
export const recordNames = (p: PlaceRecord): Array<string | null> => [p.nameZhHans, p.nameZhHant, p.nameEn, ...p.names];

/**
 * A provisional place as reconciliation holds it until it is written: what makes its record
 * (provisionalPlace, a pure function of these), not the record itself.
 */
interface Provisional {
  provisional: true;
  id: string;
  name: string;
  country: string | null;
  isChinese: boolean;
  resolved: false;
  parentId: null;
}
export type Held = PlaceRecord | Provisional;

const isProvisional = (p: Held): p is Provisional => (p as Provisional).provisional === true;
export const heldProvisional = (id: string, name: string, country: string | null, isChinese: boolean): Provisional => ({
  provisional: true, id, name, country, isChinese, resolved: false, parentId: null,
});
export const recordOf = (p: Held): PlaceRecord => (isProvisional(p) ? { ...provisionalPlace(p.name, p.country, p.isChinese), id: p.id } : p);

/** Small growable columns of numbers (claims, pairs): a few bytes a row instead of an object. */
class Column {
  a: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.a = new Int32Array(capacity);
  }
  push(v: number): number {
    if (this.length === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length] = v;
    return this.length++;
  }
}

/** A claim's two sides as reconciliation places them, and whether each is resolved (a real or merged-into place). */
export interface Sides {
  cnPlace: Held | null;
  cnResolved: boolean;
  fPlace: Held | null;
  fResolved: boolean;
}
type Unresolved = Extract<Resolution, { place: null }>;

/**
 * How a claim's names become places: shared by the full reconciliation and the incremental one
 * (src/resolve/incremental.ts), so the two cannot place a claim differently. `resolveCached(key, keep, f)` is the
 * caller's memo (keep: the answer depends on the places made known before, so the first one stands);
 * `unresolved` is told of each side of a current claim that no place was found for.
 */
export function claimSides(
  resolver: Resolver,
  merged: (id: string) => string,
  resolveCached: (key: string, keep: boolean, f: () => Resolution) => Resolution,
  unresolved: (claimId: number, side: 'cn' | 'foreign', name: string, country: string | null, r: Unresolved) => void,
): (c: ClaimToReconcile, namesCountry: boolean, current: boolean) => Sides {
  // A place already written is found again as the resolver or a provisional name gives it: the same id and
  // resolution as the record written (which alone may carry a compound name's parent).
  const placeById = (id: string, fallbackName: string, country: string | null, isChinese: boolean): Held => {
    const known = resolver.lookup(id);
    if (known) return known;
    // A pinned or merged-into id the gazetteer does not know (a provisional place): keep it as such.
    return heldProvisional(id, fallbackName, country, isChinese);
  };
  const sideOf = (claimId: number, current: boolean, r: Resolution, name: string, country: string | null, isChinese: boolean): [Held, boolean] => {
    if (r.place) {
      const id = merged(r.place.id);
      return id === r.place.id ? [r.place, true] : [placeById(id, name, country, isChinese), true];
    }
    if (current) unresolved(claimId, isChinese ? 'cn' : 'foreign', name, country, r);
    const p = heldProvisional(provisionalId(name, isChinese ? 'CN' : country), name, isChinese ? 'CN' : country, isChinese);
    const id = merged(p.id);
    // A person may have merged an unresolved name into a real place: then it is resolved by that decision.
    return id === p.id ? [p, false] : [placeById(id, name, country, isChinese), true];
  };
  return (c, namesCountry, current) => {
    let cnPlace: Held | null = null;
    let cnResolved = false;
    let fPlace: Held | null = null;
    let fResolved = false;
    const cnName = c.cn_place_zh_hans ?? c.cn_place;
    if (c.cn_place_pin) {
      cnPlace = placeById(merged(c.cn_place_pin), cnName ?? c.cn_place_pin, 'CN', true);
      cnResolved = cnPlace.resolved;
    } else if (cnName) {
      const near = c.cn_lat != null && c.cn_lon != null ? { lat: c.cn_lat, lon: c.cn_lon } : null;
      const r = resolveCached(`cn\u0000${cnName}\u0000${c.cn_link ?? ''}\u0000${c.section ?? ''}\u0000${near ? `${near.lat},${near.lon}` : ''}`, false, () =>
        resolver.resolve({ name: cnName, country: 'CN', link: c.cn_link, context: c.section, near, side: 'cn' }),
      );
      [cnPlace, cnResolved] = sideOf(c.id, current, r, cnName, 'CN', true);
    }
    const fName = c.foreign_place ?? c.foreign_place_en;
    if (c.foreign_place_pin) {
      fPlace = placeById(merged(c.foreign_place_pin), fName ?? c.foreign_place_pin, c.country_iso2, false);
      fResolved = fPlace.resolved;
    } else if (fName) {
      const r = resolveCached(
        `f\u0000${fName}\u0000${c.country_iso2 ?? ''}\u0000${c.foreign_place_en ?? ''}\u0000${c.foreign_link ?? ''}\u0000${c.foreign_qualifier ?? ''}`,
        !namesCountry,
        () =>
          resolver.resolve({
            name: fName,
            country: c.country_iso2,
            en: c.foreign_place_en,
            link: c.foreign_link,
            qualifier: c.foreign_qualifier,
            side: 'foreign',
          }),
      );
      [fPlace, fResolved] = sideOf(c.id, current, r, fName, c.country_iso2, false);
      if (fResolved) resolver.remember(recordOf(fPlace), [fName]);
    }
    return { cnPlace, cnResolved, fPlace, fResolved };
  };
}

const STATUSES = ['listed', 'doubtful'];
const KINDS: readonly string[] = KIND_LIST;
const PRECISIONS = ['none', 'year', 'month', 'day'];
function reconcileNow(db: DB, resolver: Resolver, opts: ReconcileOptions): ReconcileReport {
  const q = reconcileStatements(db);
  const pageSize = opts.pageSize ?? 5000;
  // Past this many entries the memo of resolutions that depend on nothing but their query starts again.
  const memoMax = opts.memoMax ?? 100_000;
  const t0 = performance.now();
  const merged = mergedIds(db);

  // Everything derived is rebuilt: cleared first (inside this one transaction), then written in the order
  // it always was — unresolved names and claims' place ids as their claims are read, the rest at the end.
  clearDerived(db);
  const setIds = q.setIds;
  const insUnres = q.insUnres;

  // Places are written when first seen, as first seen (a compound name's record carries its parent); what
  // their names are made of is kept in TEMP tables, not in memory: their record's names (JSON), and the names
  // documents give them, in the order seen. The names are written at the end, per place in that order.
  createReconcileTemps(db);
  const wikidata = editedWikidata(db);
  const insPlace = q.insPlace;
  const insHeld = q.insHeld;
  const heldSeq = q.heldSeq.pluck();
  const insDocName = q.insDocName;
  // The places written most recently (a document's owner is on every one of its rows), within a bound.
  const seqMemo = new Map<string, number>();
  const seqOf = (id: string): number | undefined => {
    let seq = seqMemo.get(id);
    if (seq === undefined) {
      seq = heldSeq.get(id) as number | undefined;
      if (seq !== undefined) memoSeq(id, seq);
    }
    return seq;
  };
  const memoSeq = (id: string, seq: number) => {
    if (seqMemo.size >= memoMax) seqMemo.clear();
    seqMemo.set(id, seq);
  };
  let placeCount = 0;
  const writePlace = (held: Held): number => {
    const p = recordOf(held);
    insPlace.run(...placeRow(p, wikidata));
    const seq = Number(insHeld.run(p.id, JSON.stringify(recordNames(p)), p.resolved ? 1 : 0).lastInsertRowid);
    memoSeq(p.id, seq);
    placeCount++;
    return seq;
  };
  const addPlace = (p: Held, name?: string | null) => {
    let seq = seqOf(p.id);
    if (seq === undefined) {
      seq = writePlace(p);
      // Parents are written with their children so every parent_id points at a row.
      let parentId = p.parentId;
      while (parentId && seqOf(parentId) === undefined) {
        const parent = resolver.lookup(parentId);
        if (!parent) break;
        writePlace(parent);
        parentId = parent.parentId;
      }
    }
    if (name) insDocName.run(seq, name);
  };
  // Resolutions of rows that name a country depend on nothing but the query: memoized, within a bound.
  // Those of rows that name none depend on the places made known before them: memoized for good, as the
  // first answer is the one every later row of that name gets.
  const pure = new Map<string, Resolution>();
  const countryless = new Map<string, Resolution>();
  const resolveCached = (key: string, keep: boolean, f: () => Resolution) => {
    const cache = keep ? countryless : pure;
    let r = cache.get(key);
    if (!r) {
      if (!keep && pure.size >= memoMax) pure.clear();
      cache.set(key, (r = f()));
    }
    return r;
  };

  // The ties: per pair of places (numbered in a TEMP table), its claims as a chain of claim rows; per claim
  // row, what settle() reads.
  const pairOf = q.pairOf.pluck();
  const insPair = q.insPair;
  let pairCount = 0;
  const pairFirst = new Column();
  const pairLast = new Column();
  const claimNext = new Column();
  const claimId = new Column();
  const claimSource = new Column();
  const claimLine = new Column();
  const claimCodes = new Column();
  const claimDate = new Column(); // an index into `dates`, -1 for none
  const claimEdit = new Map<number, Pick<SettleClaim, 'edit_id' | 'edit_fields' | 'end_status' | 'end_date' | 'note'>>();
  const dates: string[] = [];
  const dateIndex = new Map<string, number>();
  const dateOf = (s: string | null): number => {
    if (s === null) return -1;
    let i = dateIndex.get(s);
    if (i === undefined) dateIndex.set(s, (i = dates.push(s) - 1));
    return i;
  };

  const unresolvedCount = { cn: 0, foreign: 0 };
  const sides = claimSides(resolver, merged, resolveCached, (claimId, side, name, country, r) => {
    insUnres.run(claimId, side, name, country, r.reason, JSON.stringify(r.candidates));
    unresolvedCount[side]++;
  });
  let currentClaims = 0;
  const sources = sourceVersions(db);
  const totalClaims = opts.onProgress ? (q.claimCount.pluck().get() as number) : 0;
  let claimsRead = 0;
  // Rows that name their country go first, so rows that name none can be matched to places they made known.
  for (const namesCountry of [true, false]) {
    sources.forEach((src, sourceIndex) => {
      const current = src.current === 1;
      for (const page of claimPages(db, src.id, namesCountry, pageSize)) {
        opts.onProgress?.(claimsRead, totalClaims);
        claimsRead += page.length;
        for (const c of page) {
          if (current) currentClaims++;
          const { cnPlace, cnResolved, fPlace, fResolved } = sides(c, namesCountry, current);
          if (cnPlace) addPlace(cnPlace, c.cn_place);
          if (fPlace) {
            addPlace(fPlace, c.foreign_place);
            if (c.foreign_place_en) addPlace(fPlace, c.foreign_place_en);
          }
          const a = cnPlace && cnResolved ? cnPlace.id : null;
          const b = fPlace && fResolved ? fPlace.id : null;
          if (a || b) setIds.run(a, b, c.id);
          if (cnPlace && fPlace) {
            const row = claimId.push(c.id);
            claimSource.push(sourceIndex);
            claimLine.push(c.line);
            claimCodes.push(STATUSES.indexOf(c.status) | (KINDS.indexOf(c.kind) << 2) | (PRECISIONS.indexOf(c.date_precision) << 4));
            claimDate.push(dateOf(c.date));
            claimNext.push(-1);
            if (c.edit_id != null) {
              claimEdit.set(row, { edit_id: c.edit_id, edit_fields: c.edit_fields, end_status: c.end_status, end_date: c.end_date, note: c.note });
            }
            const pair = pairOf.get(cnPlace.id, fPlace.id) as number | undefined;
            if (pair === undefined) {
              insPair.run(pairCount++, cnPlace.id, fPlace.id);
              pairFirst.push(row);
              pairLast.push(row);
            } else {
              claimNext.a[pairLast.a[pair]] = row;
              pairLast.a[pair] = row;
            }
          }
        }
      }
    });
  }
  pure.clear();
  countryless.clear();
  opts.onProgress?.(claimsRead, totalClaims);

  seqMemo.clear();

  // Each place's names: those documents give it, in the order seen, then its record's.
  let conflictCount = 0;
  let relCount = 0;
  const insName = q.insName;
  const heldPage = q.heldPage;
  const docNamesOf = q.docNamesOf.raw();
  for (let after = 0; ; ) {
    const page = heldPage.all(after, pageSize) as Array<{ seq: number; id: string; names: string; resolved: number }>;
    if (page.length === 0) break;
    const docNames = docNamesOf.all(page[0].seq, page[page.length - 1].seq) as Array<[number, string]>;
    let d = 0;
    for (const held of page) {
      const seen = new Set<string>();
      const add = (n: string | null, origin: string) => {
        if (!n || seen.has(n)) return;
        seen.add(n);
        insName.run(held.id, ...nameRow(n), origin);
      };
      for (; d < docNames.length && docNames[d][0] === held.seq; d++) add(docNames[d][1], 'document');
      for (const n of JSON.parse(held.names) as Array<string | null>) add(n, held.resolved ? 'gazetteer' : 'document');
    }
    after = page[page.length - 1].seq;
  }

  const getRelId = q.getRelId.pluck();
  const newRelId = q.newRelId;
  const insRel = q.insRel;
  const insRc = q.insRc;
  const insConflict = q.insConflict;
  const claimsOfPair = (pair: number): SettleClaim[] => {
    const out: SettleClaim[] = [];
    for (let row = pairFirst.a[pair]; row !== -1; row = claimNext.a[row]) {
      const src = sources[claimSource.a[row]];
      const codes = claimCodes.a[row];
      out.push({
        id: claimId.a[row],
        edit_id: null,
        edit_fields: null,
        end_status: null,
        end_date: null,
        note: null,
        ...claimEdit.get(row),
        current: src.current,
        status: STATUSES[codes & 3],
        kind: KINDS[(codes >> 2) & 3],
        date_precision: PRECISIONS[(codes >> 4) & 3],
        date: claimDate.a[row] === -1 ? null : dates[claimDate.a[row]],
        file_name: src.file_name,
        latest_version: src.latest_version,
        line: claimLine.a[row],
        source_type: src.type,
      } as SettleClaim);
    }
    return out;
  };
  const pairPage = q.pairPage.raw();
  const pairs = function* (): Generator<[number, string, string]> {
    for (let from = 0; from < pairCount; from += pageSize) yield* pairPage.all(from, pageSize) as Array<[number, string, string]>;
  };
  for (const [pair, cn, foreign] of pairs()) {
    const claims = claimsOfPair(pair);
    const t = settle(claims);
    if (!t) continue;
    let id = getRelId.get(cn, foreign) as number | undefined;
    if (id === undefined) id = Number(newRelId.run(cn, foreign).lastInsertRowid);
    insRel.run({ id, cn, foreign, ...t.values });
    relCount++;
    for (const c of claims) insRc.run(id, c.id, c.current);
    for (const conflict of t.conflicts) {
      insConflict.run(id, conflict.field, JSON.stringify(conflict.values));
      conflictCount++;
    }
  }

  const insFact = q.insFact;
  for (const src of sources) {
    if (!src.current) continue;
    for (const page of factPages(db, src.id, pageSize)) {
      for (const c of page) {
        for (const [k, v] of Object.entries(JSON.parse(c.facts) as Record<string, string>)) insFact.run(c.foreign_place_id, src.id, k, v, src.as_of, c.line);
      }
    }
  }

  dropReconcileTemps(db);
  // Wikidata ids from a snapshot in the registry are matched to the places just rebuilt.
  refreshQidMatches(db, matchQids);
  return {
    claims: currentClaims,
    places: placeCount,
    relationships: relCount,
    conflicts: conflictCount,
    unresolved: unresolvedCount,
    ms: performance.now() - t0,
  };
}

interface Settled {
  values: {
    kind: string;
    start_date: string | null;
    start_precision: string;
    end_date: string | null;
    end_reason: string | null;
    status: string;
    unlisted_in: string | null;
    version: number;
  };
  conflicts: Array<{ field: string; values: Array<{ value: string | null; claim_id: number; source: string; line: number }> }>;
}

/**
 * The state of one tie from all that was said about it: documents' current versions first, then people's
 * edits in the order they were made (an edit is never overwritten by a document; where they disagree it
 * is a conflict), and, when only superseded versions of a list name it, "no longer listed".
 */
export function settle(claims: SettleClaim[]): Settled | null {
  const edits = claims.filter((c) => c.edit_id != null).sort((a, b) => a.edit_id! - b.edit_id!);
  const docs = claims.filter((c) => c.edit_id == null);
  const current = docs.filter((c) => c.current);
  const listed = current.filter((c) => c.status === 'listed');
  const basis = listed.length ? listed : current.length ? current : docs;
  if (!basis.length && !edits.length) return null;
  const conflicts: Settled['conflicts'] = findConflicts(basis);

  let kind = 'sister';
  let date: string | null = null;
  let precision = 'none';
  if (basis.length) {
    const best = pickBest(basis);
    kind = best.kind;
    date = best.date;
    precision = best.date_precision;
  }
  let status = listed.length ? 'listed' : current.length ? 'doubtful' : 'unlisted';
  let unlistedIn: string | null = null;
  if (status === 'unlisted' && docs.length) {
    const last = docs[docs.length - 1];
    unlistedIn = `${last.file_name} v${last.latest_version}`;
  }
  let endDate: string | null = null;
  let endReason: string | null = null;
  const corrected = new Set<string>();
  for (const e of edits) {
    const fields = new Set(JSON.parse(e.edit_fields ?? '[]') as string[]);
    if (fields.has('listed')) {
      status = 'listed';
      unlistedIn = null;
    }
    // A person's correction settles the field: the tie takes their value, and what the documents say of it is
    // shown beside it (corrections in the API), not reported as a conflict between sources.
    if (fields.has('date')) {
      date = e.date;
      precision = e.date_precision;
      corrected.add('start_date');
    }
    if (fields.has('kind')) {
      kind = e.kind;
      corrected.add('kind');
    }
    if (fields.has('end')) {
      status = e.end_status ?? 'ended';
      endDate = e.end_date;
      endReason = e.note;
      unlistedIn = null;
    }
  }
  return {
    values: {
      kind,
      start_date: date,
      start_precision: precision,
      end_date: endDate,
      end_reason: endReason,
      status,
      unlisted_in: unlistedIn,
      version: 1 + edits.length,
    },
    conflicts: conflicts.filter((k) => !corrected.has(k.field)),
  };
}

/**
 * A dataset (a network or a CSV of pairs compiled from others) never sets a tie's date or kind when a list
 * or an encyclopedia speaks of it too: where they disagree it is a conflict, not a correction.
 */
const typeRank = (c: SettleClaim) => (c.source_type === 'dataset' ? 0 : 1);

function pickBest(claims: SettleClaim[]): SettleClaim {
  return [...claims].sort(
    (a, b) => typeRank(b) - typeRank(a) || PRECISION_RANK[b.date_precision] - PRECISION_RANK[a.date_precision] || b.id - a.id,
  )[0];
}

/** Dates agree when the less precise one is a prefix of the other (1986 agrees with 1986-11-12). */
export function datesAgree(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  return a.length <= b.length ? b.startsWith(a) : a.startsWith(b);
}

function findConflicts(claims: SettleClaim[]): Settled['conflicts'] {
  const out: Settled['conflicts'] = [];
  const dated = claims.filter((c) => c.date);
  if (dated.some((a) => dated.some((b) => !datesAgree(a.date, b.date)))) {
    out.push({ field: 'start_date', values: dated.map((c) => ({ value: c.date, claim_id: c.id, source: c.file_name, line: c.line })) });
  }
  if (new Set(claims.map((c) => c.kind)).size > 1) {
    out.push({ field: 'kind', values: claims.map((c) => ({ value: c.kind, claim_id: c.id, source: c.file_name, line: c.line })) });
  }
  return out;
}
