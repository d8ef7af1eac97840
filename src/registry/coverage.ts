// Coverage and comparison: the registry against the official national totals and against each of its sources.
// What a researcher or a journalist reads before trusting a number: how many ties, Chinese places and foreign
// places each source has, ties per Chinese province and per foreign country, the ties only one source has,
// dates that disagree, and names that two sources place in different countries.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DB } from './db.js';
import { CURRENT_SOURCES_SQL } from './documents.js';
import { DATA_DIR } from '../paths.js';
import { fold } from '../normalize/script.js';

export interface OfficialTotals {
  asOf: string;
  publisher: string;
  note: string;
  ties: number;
  countries: number;
  cnProvinces: number;
  cnCities: number;
  foreignProvinces: number;
  foreignCities: number;
}

export function officialTotals(): OfficialTotals {
  return JSON.parse(readFileSync(join(DATA_DIR, 'official-totals.json'), 'utf8')) as OfficialTotals;
}

/** The same measures as the official totals, for the registry or one source. */
export interface Counts {
  ties: number;
  countries: number;
  cnProvinces: number;
  cnCities: number;
  foreignProvinces: number;
  foreignCities: number;
}

export interface SourceCoverage extends Counts {
  source: string;
  source_key: string;
  type: string;
  /** Ties that no other source lists. */
  only: number;
}

export interface Coverage {
  official: OfficialTotals;
  registry: Counts;
  sources: SourceCoverage[];
  byProvince: Array<{ id: string; name_zh_hans: string | null; name_en: string | null; ties: number; bySource: Record<string, number> }>;
  byCountry: Array<{ country_iso2: string; ties: number; bySource: Record<string, number> }>;
  datesDisagree: Array<{ relationship_id: number; cn: string; foreign: string; values: Array<{ value: string | null; source: string; line: number }> }>;
  placedApart: Array<{ cn: string; name: string; places: Array<{ country_iso2: string | null; place_id: string; source: string; line: number }> }>;
}

// A tie counted against the national figure: a mainland Chinese place (HK, MO and TW are counted apart, as the
// national count is of the mainland's ties) and a foreign place, listed or ended (not doubtful, not dropped).
const COUNTED = `r.status IN ('listed','ended','suspended') AND cp.country_iso2 = 'CN'`;

/** `sources`: limit to the ties that a current claim of these sources supports (null: every tie). */
function countsOf(db: DB, sourceIds: number[] | null): Counts {
  const where = sourceIds
    ? `AND r.id IN (SELECT rc.relationship_id FROM relationship_claims rc JOIN claims c ON c.id = rc.claim_id
                    WHERE rc.current = 1 AND c.source_id IN (SELECT value FROM json_each(@ids)))`
    : '';
  return db
    .prepare(
      `SELECT COUNT(*) AS ties, COUNT(DISTINCT fp.country_iso2) AS countries,
              COUNT(DISTINCT CASE WHEN cp.gbt2260 LIKE '__0000' THEN cp.id END) AS cnProvinces,
              COUNT(DISTINCT CASE WHEN cp.gbt2260 IS NULL OR cp.gbt2260 NOT LIKE '__0000' THEN cp.id END) AS cnCities,
              COUNT(DISTINCT CASE WHEN fp.admin_level = 'region' THEN fp.id END) AS foreignProvinces,
              COUNT(DISTINCT CASE WHEN fp.admin_level <> 'region' THEN fp.id END) AS foreignCities
       FROM relationships r JOIN places cp ON cp.id = r.cn_place_id JOIN places fp ON fp.id = r.foreign_place_id
       WHERE ${COUNTED} ${where}`,
    )
    .get({ ids: JSON.stringify(sourceIds ?? []) }) as Counts;
}

export function coverage(db: DB): Coverage {
  const sources = db
    .prepare(`SELECT id, file_name, source_key, type FROM sources WHERE id IN (${CURRENT_SOURCES_SQL}) ORDER BY source_key`)
    .all() as Array<{ id: number; file_name: string; source_key: string; type: string }>;
  // Each counted tie with the sources that list it.
  const tieSources = db
    .prepare(
      `SELECT r.id, cp.gbt2260, r.cn_place_id, fp.country_iso2, json_group_array(DISTINCT c.source_id) AS srcs
       FROM relationships r JOIN places cp ON cp.id = r.cn_place_id JOIN places fp ON fp.id = r.foreign_place_id
       JOIN relationship_claims rc ON rc.relationship_id = r.id AND rc.current = 1 JOIN claims c ON c.id = rc.claim_id
       WHERE ${COUNTED} AND c.source_id IN (${CURRENT_SOURCES_SQL}) GROUP BY r.id`,
    )
    .all() as Array<{ id: number; gbt2260: string | null; cn_place_id: string; country_iso2: string | null; srcs: string }>;
  const keyOf = new Map(sources.map((s) => [s.id, s.source_key]));
  const only = new Map<number, number>();
  const provinces = new Map<string, { ties: number; bySource: Record<string, number> }>();
  const countries = new Map<string, { ties: number; bySource: Record<string, number> }>();
  for (const t of tieSources) {
    const srcs = JSON.parse(t.srcs) as number[];
    if (srcs.length === 1) only.set(srcs[0]!, (only.get(srcs[0]!) ?? 0) + 1);
    const prov = t.gbt2260 ? `cn:${t.gbt2260.slice(0, 2)}0000` : null;
    const bump = (m: Map<string, { ties: number; bySource: Record<string, number> }>, k: string | null) => {
      if (!k) return;
      const e = m.get(k) ?? { ties: 0, bySource: {} };
      e.ties++;
      for (const s of srcs) {
        const key = keyOf.get(s);
        if (key) e.bySource[key] = (e.bySource[key] ?? 0) + 1;
      }
      m.set(k, e);
    };
    bump(provinces, prov);
    bump(countries, t.country_iso2);
  }
  const provName = db.prepare('SELECT name_zh_hans, name_en FROM places WHERE id = ?');
  const byProvince = [...provinces.entries()]
    .map(([id, v]) => ({ id, ...((provName.get(id) as { name_zh_hans: string | null; name_en: string | null } | undefined) ?? { name_zh_hans: null, name_en: null }), ...v }))
    .sort((a, b) => b.ties - a.ties || a.id.localeCompare(b.id));
  const byCountry = [...countries.entries()]
    .map(([country_iso2, v]) => ({ country_iso2, ...v }))
    .sort((a, b) => b.ties - a.ties || a.country_iso2.localeCompare(b.country_iso2));

  const datesDisagree = (
    db
      .prepare(
        `SELECT k.relationship_id, COALESCE(cp.name_zh_hans, cp.name_en, cp.id) AS cn, COALESCE(fp.name_zh_hans, fp.name_en, fp.id) AS foreign_name, k.detail
         FROM conflicts k JOIN relationships r ON r.id = k.relationship_id JOIN places cp ON cp.id = r.cn_place_id
         JOIN places fp ON fp.id = r.foreign_place_id WHERE k.field = 'start_date' ORDER BY k.relationship_id`,
      )
      .all() as Array<{ relationship_id: number; cn: string; foreign_name: string; detail: string }>
  ).map((r) => ({
    relationship_id: r.relationship_id,
    cn: r.cn,
    foreign: r.foreign_name,
    values: (JSON.parse(r.detail) as Array<{ value: string | null; source: string; line: number }>).map(({ value, source, line }) => ({ value, source, line })),
  }));

  // The same name written beside the same Chinese place, resolved into different countries by different sources.
  const claims = db
    .prepare(
      `SELECT c.cn_place_id, COALESCE(c.foreign_place_en, c.foreign_place_zh_hans, c.foreign_place) AS name, p.name_en AS place_en, c.foreign_place_id,
              p.country_iso2, s.file_name, c.line, COALESCE(cp.name_zh_hans, cp.name_en, cp.id) AS cn
       FROM claims c JOIN sources s ON s.id = c.source_id JOIN places p ON p.id = c.foreign_place_id JOIN places cp ON cp.id = c.cn_place_id
       WHERE c.source_id IN (${CURRENT_SOURCES_SQL}) AND c.foreign_place_id IS NOT NULL AND c.cn_place_id IS NOT NULL AND c.edit_id IS NULL`,
    )
    .all() as Array<{ cn_place_id: string; name: string | null; place_en: string | null; foreign_place_id: string; country_iso2: string | null; file_name: string; line: number; cn: string }>;
  // Grouped by the name as written, and by the English name of the place it was resolved to (温哥华 and
  // Vancouver are one name to a reader; a source that put it in the US and one that put it in Canada disagree).
  const groups = new Map<string, typeof claims>();
  for (const c of claims) {
    for (const n of new Set([c.name, c.place_en].filter((x): x is string => !!x).map((x) => fold(x)))) {
      const k = `${c.cn_place_id}\u0000${n}`;
      (groups.get(k) ?? groups.set(k, []).get(k)!).push(c);
    }
  }
  const placedApart: Coverage['placedApart'] = [];
  const seen = new Set<string>();
  for (const g of groups.values()) {
    const sig = `${g[0]!.cn_place_id}|${[...new Set(g.map((c) => c.foreign_place_id))].sort().join(',')}`;
    if (seen.has(sig)) continue;
    const bySource = new Map<string, Set<string | null>>();
    for (const c of g) (bySource.get(c.file_name) ?? bySource.set(c.file_name, new Set()).get(c.file_name)!).add(c.country_iso2);
    if (bySource.size < 2 || new Set(g.map((c) => c.country_iso2)).size < 2) continue;
    seen.add(sig);
    placedApart.push({
      cn: g[0]!.cn,
      name: g[0]!.place_en ?? g[0]!.name ?? g[0]!.foreign_place_id,
      places: g.map((c) => ({ country_iso2: c.country_iso2, place_id: c.foreign_place_id, source: c.file_name, line: c.line })),
    });
  }
  placedApart.sort((a, b) => a.cn.localeCompare(b.cn) || a.name.localeCompare(b.name));

  return {
    official: officialTotals(),
    registry: countsOf(db, null),
    sources: sources.map((s) => ({ source: s.file_name, source_key: s.source_key, type: s.type, ...countsOf(db, [s.id]), only: only.get(s.id) ?? 0 })),
    byProvince,
    byCountry,
    datesDisagree,
    placedApart,
  };
}
