// Claims → places + relationships. Everything written here is derived: it is rebuilt from the
// current claims each time, in one transaction, so it can never drift from the documents.
import type { DB } from '../registry/db.js';
import { iterateCurrentClaims, type ClaimRow } from '../registry/documents.js';
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
  return {
    id: `u:${country ?? 'XX'}:${fold(name)}`,
    nameZhHans: /\p{Script=Han}/u.test(hans) ? hans : null,
    nameZhHant: /\p{Script=Han}/u.test(name) && name !== hans ? name : null,
    nameEn: /\p{Script=Han}/u.test(name) ? null : name,
    pinyin: /\p{Script=Han}/u.test(hans) ? pinyinOf(hans) : null,
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

interface Side {
  claim: ClaimRow;
  place: PlaceRecord;
  resolved: boolean;
}

/** Precision order: a more precise date wins over a less precise one that agrees with it. */
const PRECISION_RANK: Record<string, number> = { none: 0, year: 1, month: 2, day: 3 };

export function reconcile(db: DB, resolver: Resolver): ReconcileReport {
  const t0 = performance.now();
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
  const unresolvedRows: Array<{ claimId: number; side: 'cn' | 'foreign'; name: string | null; country: string | null; reason: string; candidates: Candidate[] }> = [];
  const pairs = new Map<string, { cn: string; foreign: string; claims: ClaimRow[] }>();
  const claimIds: Array<[string | null, string | null, number]> = [];
  const cache = new Map<string, Resolution>();
  const resolveCached = (key: string, f: () => Resolution) => {
    let r = cache.get(key);
    if (!r) cache.set(key, (r = f()));
    return r;
  };
  let claimCount = 0;

  // Rows that name their country go first, so rows that name none can be matched to places they made known.
  const all = [...iterateCurrentClaims(db)];
  const ordered = [...all.filter((c) => c.country_iso2), ...all.filter((c) => !c.country_iso2)];
  for (const c of ordered) {
    claimCount++;
    let cn: Side | null = null;
    let foreign: Side | null = null;
    const cnName = c.cn_place_zh_hans ?? c.cn_place;
    if (cnName) {
      const r = resolveCached(`cn\u0000${cnName}\u0000${c.cn_link ?? ''}\u0000${c.section ?? ''}`, () =>
        resolver.resolve({ name: cnName, country: 'CN', link: c.cn_link, context: c.section, side: 'cn' }),
      );
      cn = sideOf(c, r, cnName, 'CN', true, unresolvedRows, 'cn');
      addPlace(cn.place, c.cn_place);
    }
    const fName = c.foreign_place ?? c.foreign_place_en;
    if (fName) {
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
      foreign = sideOf(c, r, fName, c.country_iso2, false, unresolvedRows, 'foreign');
      if (foreign.resolved) resolver.remember(foreign.place, [fName]);
      addPlace(foreign.place, c.foreign_place);
      if (c.foreign_place_en) addPlace(foreign.place, c.foreign_place_en);
    }
    claimIds.push([cn?.resolved ? cn.place.id : null, foreign?.resolved ? foreign.place.id : null, c.id]);
    if (cn && foreign) {
      const key = `${cn.place.id}\u0000${foreign.place.id}`;
      let g = pairs.get(key);
      if (!g) pairs.set(key, (g = { cn: cn.place.id, foreign: foreign.place.id, claims: [] }));
      g.claims.push(c);
    }
  }

  let conflictCount = 0;
  db.transaction(() => {
    for (const t of ['conflicts', 'relationship_claims', 'relationships', 'unresolved', 'place_facts', 'place_names', 'places']) {
      db.exec(`DELETE FROM ${t}`);
    }
    const setIds = db.prepare('UPDATE claims SET cn_place_id = ?, foreign_place_id = ? WHERE id = ?');
    db.exec('UPDATE claims SET cn_place_id = NULL, foreign_place_id = NULL');
    for (const [a, b, id] of claimIds) if (a || b) setIds.run(a, b, id);

    const insPlace = db.prepare(
      `INSERT INTO places (id, name_zh_hans, name_zh_hant, name_en, pinyin, country_iso2, admin_level, parent_id, lat, lon,
        geonames_id, gbt2260, population, is_chinese, resolved)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insName = db.prepare(
      'INSERT OR IGNORE INTO place_names (place_id, name, folded, pinyin, origin) VALUES (?, ?, ?, ?, ?)',
    );
    for (const p of places.values()) {
      insPlace.run(
        p.id,
        p.nameZhHans,
        p.nameZhHant,
        p.nameEn,
        p.pinyin,
        p.country,
        p.level,
        p.parentId,
        p.lat,
        p.lon,
        p.geonamesId,
        p.gbt2260,
        p.population,
        p.country === 'CN' ? 1 : 0,
        p.resolved ? 1 : 0,
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

    const insUnres = db.prepare(
      'INSERT INTO unresolved (claim_id, side, name, country_iso2, reason, candidates) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const u of unresolvedRows) insUnres.run(u.claimId, u.side, u.name, u.country, u.reason, JSON.stringify(u.candidates));

    const insRel = db.prepare(
      `INSERT INTO relationships (cn_place_id, foreign_place_id, kind, start_date, start_precision, end_date, status)
       VALUES (?, ?, ?, ?, ?, NULL, ?)`,
    );
    const insRc = db.prepare('INSERT INTO relationship_claims (relationship_id, claim_id) VALUES (?, ?)');
    const insConflict = db.prepare('INSERT INTO conflicts (relationship_id, field, detail) VALUES (?, ?, ?)');
    for (const g of pairs.values()) {
      const listed = g.claims.filter((c) => c.status === 'listed');
      const basis = listed.length ? listed : g.claims;
      const best = pickBest(basis);
      const info = insRel.run(g.cn, g.foreign, best.kind, best.date, best.date_precision, listed.length ? 'listed' : 'doubtful');
      const relId = Number(info.lastInsertRowid);
      for (const c of g.claims) insRc.run(relId, c.id);
      for (const conflict of findConflicts(basis)) {
        insConflict.run(relId, conflict.field, JSON.stringify(conflict.values));
        conflictCount++;
      }
    }

    const insFact = db.prepare('INSERT INTO place_facts (place_id, source_id, key, value, as_of, line) VALUES (?, ?, ?, ?, ?, ?)');
    const asOf = db.prepare('SELECT as_of FROM sources WHERE id = ?').pluck();
    for (const c of factsOfResolvedClaims(db)) {
      const placeId = c.foreign_place_id;
      if (!placeId) continue;
      for (const [k, v] of Object.entries(JSON.parse(c.facts) as Record<string, string>)) {
        insFact.run(placeId, c.source_id, k, v, asOf.get(c.source_id) ?? null, c.line);
      }
    }
  })();

  const rels = db.prepare('SELECT COUNT(*) FROM relationships').pluck().get() as number;
  return {
    claims: claimCount,
    places: places.size,
    relationships: rels,
    conflicts: conflictCount,
    unresolved: {
      cn: unresolvedRows.filter((u) => u.side === 'cn').length,
      foreign: unresolvedRows.filter((u) => u.side === 'foreign').length,
    },
    ms: performance.now() - t0,
  };
}

function factsOfResolvedClaims(db: DB): Array<{ foreign_place_id: string | null; source_id: number; facts: string; line: number }> {
  return db
    .prepare('SELECT foreign_place_id, source_id, facts, line FROM claims WHERE facts IS NOT NULL AND foreign_place_id IS NOT NULL')
    .all() as Array<{ foreign_place_id: string | null; source_id: number; facts: string; line: number }>;
}

function sideOf(
  c: ClaimRow,
  r: Resolution,
  name: string,
  country: string | null,
  isChinese: boolean,
  unresolved: Array<{ claimId: number; side: 'cn' | 'foreign'; name: string | null; country: string | null; reason: string; candidates: Candidate[] }>,
  side: 'cn' | 'foreign',
): Side {
  if (r.place) return { claim: c, place: r.place, resolved: true };
  unresolved.push({ claimId: c.id, side, name, country, reason: r.reason, candidates: r.candidates });
  return { claim: c, place: provisionalPlace(name, country, isChinese), resolved: false };
}

function pickBest(claims: ClaimRow[]): ClaimRow {
  return [...claims].sort(
    (a, b) => PRECISION_RANK[b.date_precision] - PRECISION_RANK[a.date_precision] || b.id - a.id,
  )[0];
}

/** Dates agree when the less precise one is a prefix of the other (1986 agrees with 1986-11-12). */
export function datesAgree(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  return a.length <= b.length ? b.startsWith(a) : a.startsWith(b);
}

function findConflicts(claims: ClaimRow[]): Array<{ field: string; values: Array<{ value: string | null; claim_id: number; source: string; line: number }> }> {
  const out: Array<{ field: string; values: Array<{ value: string | null; claim_id: number; source: string; line: number }> }> = [];
  const dated = claims.filter((c) => c.date);
  if (dated.some((a) => dated.some((b) => !datesAgree(a.date, b.date)))) {
    out.push({ field: 'start_date', values: dated.map((c) => ({ value: c.date, claim_id: c.id, source: c.file_name, line: c.line })) });
  }
  if (new Set(claims.map((c) => c.kind)).size > 1) {
    out.push({ field: 'kind', values: claims.map((c) => ({ value: c.kind, claim_id: c.id, source: c.file_name, line: c.line })) });
  }
  return out;
}
