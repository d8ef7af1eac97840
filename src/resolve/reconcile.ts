// Claims → places + relationships. Everything written here is derived: it is rebuilt from the claims
// (documents and people's edits), the merges and the aliases each time, in one write transaction, so it
// can never drift from what was said and who said it. Relationship ids are kept across rebuilds.
import type { DB } from '../registry/db.js';
import { allClaimsWithVersions, type ClaimWithVersion } from '../registry/documents.js';
import { fold, pinyinOf, toSimplified } from '../normalize/script.js';
import type { Candidate, PlaceRecord, Resolver, Resolution } from './types.js';

export interface ReconcileReport {
  claims: number;
  places: number;
  relationships: number;
  conflicts: number;
  unresolved: { cn: number; foreign: number };
  ms: number;
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

export function provisionalId(name: string, country: string | null): string {
  return `u:${country ?? 'XX'}:${fold(name)}`;
}

type Claim = ClaimWithVersion;

interface UnresolvedRow {
  claimId: number;
  side: 'cn' | 'foreign';
  name: string | null;
  country: string | null;
  reason: string;
  candidates: Candidate[];
}

/** Precision order: a more precise date wins over a less precise one that agrees with it. */
const PRECISION_RANK: Record<string, number> = { none: 0, year: 1, month: 2, day: 3 };

export function reconcile(db: DB, resolver: Resolver): ReconcileReport {
  // One IMMEDIATE transaction from the first read to the last write: an edit or an ingest that lands
  // meanwhile waits, and is never half-seen or overwritten.
  return db.transaction(() => reconcileNow(db, resolver)).immediate();
}

function reconcileNow(db: DB, resolver: Resolver): ReconcileReport {
  const t0 = performance.now();
  const merges = new Map(
    (db.prepare('SELECT from_id, into_id FROM place_merges').all() as Array<{ from_id: string; into_id: string }>).map((m) => [m.from_id, m.into_id]),
  );
  const merged = (id: string): string => {
    let cur = id;
    for (let i = 0; i < 32 && merges.has(cur); i++) cur = merges.get(cur)!;
    return cur;
  };

  const places = new Map<string, PlaceRecord>();
  const docNames = new Map<string, Set<string>>();
  const addPlace = (p: PlaceRecord, name?: string | null) => {
    if (!places.has(p.id)) {
      places.set(p.id, p);
      // Parents are stored with their children so every parent_id points at a row.
      let parentId = p.parentId;
      while (parentId && !places.has(parentId)) {
        const parent = resolver.lookup(parentId);
        if (!parent) break;
        places.set(parent.id, parent);
        parentId = parent.parentId;
      }
    }
    if (name) {
      let s = docNames.get(p.id);
      if (!s) docNames.set(p.id, (s = new Set()));
      s.add(name);
    }
  };
  const placeById = (id: string, fallbackName: string, country: string | null, isChinese: boolean): PlaceRecord => {
    const known = places.get(id) ?? resolver.lookup(id);
    if (known) return known;
    // A pinned or merged-into id the gazetteer does not know (a provisional place): keep it as such.
    return { ...provisionalPlace(fallbackName, country, isChinese), id };
  };

  const unresolvedRows: UnresolvedRow[] = [];
  const pairs = new Map<string, { cn: string; foreign: string; claims: Claim[] }>();
  const claimIds: Array<[string | null, string | null, number]> = [];
  const cache = new Map<string, Resolution>();
  const resolveCached = (key: string, f: () => Resolution) => {
    let r = cache.get(key);
    if (!r) cache.set(key, (r = f()));
    return r;
  };

  const all = allClaimsWithVersions(db);
  // Rows that name their country go first, so rows that name none can be matched to places they made known.
  const ordered = [...all.filter((c) => c.country_iso2), ...all.filter((c) => !c.country_iso2)];
  for (const c of ordered) {
    let cnPlace: PlaceRecord | null = null;
    let cnResolved = false;
    let fPlace: PlaceRecord | null = null;
    let fResolved = false;
    const cnName = c.cn_place_zh_hans ?? c.cn_place;
    if (c.cn_place_pin) {
      cnPlace = placeById(merged(c.cn_place_pin), cnName ?? c.cn_place_pin, 'CN', true);
      cnResolved = cnPlace.resolved;
    } else if (cnName) {
      const r = resolveCached(`cn\u0000${cnName}\u0000${c.cn_link ?? ''}\u0000${c.section ?? ''}`, () =>
        resolver.resolve({ name: cnName, country: 'CN', link: c.cn_link, context: c.section, side: 'cn' }),
      );
      [cnPlace, cnResolved] = sideOf(c, r, cnName, 'CN', true, unresolvedRows, 'cn', merged, placeById);
    }
    if (cnPlace) addPlace(cnPlace, c.cn_place);

    const fName = c.foreign_place ?? c.foreign_place_en;
    if (c.foreign_place_pin) {
      fPlace = placeById(merged(c.foreign_place_pin), fName ?? c.foreign_place_pin, c.country_iso2, false);
      fResolved = fPlace.resolved;
    } else if (fName) {
      const r = resolveCached(
        `f\u0000${fName}\u0000${c.country_iso2 ?? ''}\u0000${c.foreign_place_en ?? ''}\u0000${c.foreign_link ?? ''}\u0000${c.foreign_qualifier ?? ''}`,
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
      [fPlace, fResolved] = sideOf(c, r, fName, c.country_iso2, false, unresolvedRows, 'foreign', merged, placeById);
      if (fResolved) resolver.remember(fPlace, [fName]);
    }
    if (fPlace) {
      addPlace(fPlace, c.foreign_place);
      if (c.foreign_place_en) addPlace(fPlace, c.foreign_place_en);
    }
    claimIds.push([cnPlace && cnResolved ? cnPlace.id : null, fPlace && fResolved ? fPlace.id : null, c.id]);
    if (cnPlace && fPlace) {
      const key = `${cnPlace.id}\u0000${fPlace.id}`;
      let g = pairs.get(key);
      if (!g) pairs.set(key, (g = { cn: cnPlace.id, foreign: fPlace.id, claims: [] }));
      g.claims.push(c);
    }
  }

  let conflictCount = 0;
  let relCount = 0;
  for (const t of ['conflicts', 'relationship_claims', 'relationships', 'unresolved', 'place_facts', 'place_names', 'places']) {
    db.exec(`DELETE FROM ${t}`);
  }
  const setIds = db.prepare('UPDATE claims SET cn_place_id = ?, foreign_place_id = ? WHERE id = ?');
  db.exec('UPDATE claims SET cn_place_id = NULL, foreign_place_id = NULL');
  for (const [a, b, id] of claimIds) if (a || b) setIds.run(a, b, id);

  const wikidata = new Map(
    (db.prepare('SELECT place_id, qid FROM place_wikidata').all() as Array<{ place_id: string; qid: string }>).map((w) => [w.place_id, w.qid]),
  );
  const insPlace = db.prepare(
    `INSERT INTO places (id, name_zh_hans, name_zh_hant, name_en, pinyin, country_iso2, admin_level, parent_id, lat, lon,
      geonames_id, gbt2260, population, is_chinese, resolved, wikidata_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insName = db.prepare('INSERT OR IGNORE INTO place_names (place_id, name, folded, pinyin, origin) VALUES (?, ?, ?, ?, ?)');
  for (const p of places.values()) {
    insPlace.run(
      p.id, p.nameZhHans, p.nameZhHant, p.nameEn, p.pinyin, p.country, p.level, p.parentId, p.lat, p.lon,
      p.geonamesId, p.gbt2260, p.population, p.country === 'CN' ? 1 : 0, p.resolved ? 1 : 0, wikidata.get(p.id) ?? null,
    );
    const seen = new Set<string>();
    const add = (n: string | null, origin: string) => {
      if (!n || seen.has(n)) return;
      seen.add(n);
      const simp = toSimplified(n);
      insName.run(p.id, n, fold(n), /\p{Script=Han}/u.test(simp) ? pinyinOf(simp) : null, origin);
    };
    for (const n of docNames.get(p.id) ?? []) add(n, 'document');
    for (const n of [p.nameZhHans, p.nameZhHant, p.nameEn, ...p.names]) add(n, p.resolved ? 'gazetteer' : 'document');
  }

  const insUnres = db.prepare('INSERT INTO unresolved (claim_id, side, name, country_iso2, reason, candidates) VALUES (?, ?, ?, ?, ?, ?)');
  const currentIds = new Set(all.filter((c) => c.current).map((c) => c.id));
  for (const u of unresolvedRows) {
    if (currentIds.has(u.claimId)) insUnres.run(u.claimId, u.side, u.name, u.country, u.reason, JSON.stringify(u.candidates));
  }

  const getRelId = db.prepare('SELECT id FROM relationship_ids WHERE cn_place_id = ? AND foreign_place_id = ?').pluck();
  const newRelId = db.prepare('INSERT INTO relationship_ids (cn_place_id, foreign_place_id) VALUES (?, ?)');
  const insRel = db.prepare(
    `INSERT INTO relationships (id, cn_place_id, foreign_place_id, kind, start_date, start_precision, end_date, end_reason,
       status, unlisted_in, version)
     VALUES (@id, @cn, @foreign, @kind, @start_date, @start_precision, @end_date, @end_reason, @status, @unlisted_in, @version)`,
  );
  const insRc = db.prepare('INSERT INTO relationship_claims (relationship_id, claim_id, current) VALUES (?, ?, ?)');
  const insConflict = db.prepare('INSERT INTO conflicts (relationship_id, field, detail) VALUES (?, ?, ?)');
  for (const g of pairs.values()) {
    const t = settle(g.claims);
    if (!t) continue;
    let id = getRelId.get(g.cn, g.foreign) as number | undefined;
    if (id === undefined) id = Number(newRelId.run(g.cn, g.foreign).lastInsertRowid);
    insRel.run({ id, cn: g.cn, foreign: g.foreign, ...t.values });
    relCount++;
    for (const c of g.claims) insRc.run(id, c.id, c.current);
    for (const conflict of t.conflicts) {
      insConflict.run(id, conflict.field, JSON.stringify(conflict.values));
      conflictCount++;
    }
  }

  const insFact = db.prepare('INSERT INTO place_facts (place_id, source_id, key, value, as_of, line) VALUES (?, ?, ?, ?, ?, ?)');
  const foreignOfClaim = new Map(claimIds.map(([, f, id]) => [id, f]));
  for (const c of all) {
    if (!c.current || !c.facts) continue;
    const placeId = foreignOfClaim.get(c.id);
    if (!placeId) continue;
    for (const [k, v] of Object.entries(JSON.parse(c.facts) as Record<string, string>)) insFact.run(placeId, c.source_id, k, v, c.as_of, c.line);
  }

  return {
    claims: all.filter((c) => c.current).length,
    places: places.size,
    relationships: relCount,
    conflicts: conflictCount,
    unresolved: {
      cn: unresolvedRows.filter((u) => u.side === 'cn' && currentIds.has(u.claimId)).length,
      foreign: unresolvedRows.filter((u) => u.side === 'foreign' && currentIds.has(u.claimId)).length,
    },
    ms: performance.now() - t0,
  };
}

function sideOf(
  c: Claim,
  r: Resolution,
  name: string,
  country: string | null,
  isChinese: boolean,
  unresolved: UnresolvedRow[],
  side: 'cn' | 'foreign',
  merged: (id: string) => string,
  placeById: (id: string, name: string, country: string | null, isChinese: boolean) => PlaceRecord,
): [PlaceRecord, boolean] {
  if (r.place) {
    const id = merged(r.place.id);
    return id === r.place.id ? [r.place, true] : [placeById(id, name, country, isChinese), true];
  }
  unresolved.push({ claimId: c.id, side, name, country, reason: r.reason, candidates: r.candidates });
  const p = provisionalPlace(name, country, isChinese);
  const id = merged(p.id);
  // A person may have merged an unresolved name into a real place: then it is resolved by that decision.
  return id === p.id ? [p, false] : [placeById(id, name, country, isChinese), true];
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
export function settle(claims: Claim[]): Settled | null {
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
  for (const e of edits) {
    const fields = new Set(JSON.parse(e.edit_fields ?? '[]') as string[]);
    if (fields.has('listed')) {
      status = 'listed';
      unlistedIn = null;
    }
    if (fields.has('date')) {
      const disagree = current.filter((d) => d.date && e.date && !datesAgree(d.date, e.date));
      if (disagree.length) {
        conflicts.push({ field: 'start_date', values: [e, ...disagree].map((c) => ({ value: c.date, claim_id: c.id, source: c.file_name, line: c.line })) });
      }
      date = e.date;
      precision = e.date_precision;
    }
    if (fields.has('kind')) {
      const disagree = current.filter((d) => d.kind !== e.kind);
      if (disagree.length) {
        conflicts.push({ field: 'kind', values: [e, ...disagree].map((c) => ({ value: c.kind, claim_id: c.id, source: c.file_name, line: c.line })) });
      }
      kind = e.kind;
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
    conflicts,
  };
}

function pickBest(claims: Claim[]): Claim {
  return [...claims].sort(
    (a, b) => PRECISION_RANK[b.date_precision] - PRECISION_RANK[a.date_precision] || b.id - a.id,
  )[0];
}

/** Dates agree when the less precise one is a prefix of the other (1986 agrees with 1986-11-12). */
export function datesAgree(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  return a.length <= b.length ? b.startsWith(a) : a.startsWith(b);
}

function findConflicts(claims: Claim[]): Settled['conflicts'] {
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
