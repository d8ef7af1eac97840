// Which kinds of source (official list, encyclopedia, dataset, edit) speak of each tie and claim: what the
// exports filter by, so that a reader can take the official lists alone, or leave the datasets out.
import type { DB } from './db.js';
import { SOURCE_TYPES, TIE_CLAIMS_SQL, type SourceType } from './documents.js';

export { SOURCE_TYPES, type SourceType };

/** Parses `official list,dataset`; throws an Error naming the types for anything else. */
export function parseSourceTypes(text: string): SourceType[] {
  const out = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  for (const t of out) {
    if (!(SOURCE_TYPES as readonly string[]).includes(t)) {
      throw new Error(`unknown source type "${t}": choose ${SOURCE_TYPES.map((x) => `"${x}"`).join(', ')} (several separated by commas)`);
    }
  }
  return out as SourceType[];
}

/** The types of the sources whose current version lists each tie, by relationship id. */
export function tieSourceTypes(db: DB): Map<number, SourceType[]> {
  const rows = db
    .prepare(
      `SELECT rc.relationship_id AS id, json_group_array(DISTINCT s.type) AS types
       FROM ${TIE_CLAIMS_SQL}
       WHERE rc.current = 1 GROUP BY rc.relationship_id`,
    )
    .all() as Array<{ id: number; types: string }>;
  return new Map(rows.map((r) => [r.id, (JSON.parse(r.types) as SourceType[]).sort()]));
}

/** Ids of the ties that a source of one of `types` lists. */
export function tiesOfSourceTypes(db: DB, types: readonly string[]): Set<number> {
  const ids = db
    .prepare(
      `SELECT DISTINCT rc.relationship_id FROM ${TIE_CLAIMS_SQL} WHERE rc.current = 1 AND s.type IN (SELECT value FROM json_each(?))`,
    )
    .pluck()
    .all(JSON.stringify(types)) as number[];
  return new Set(ids);
}

/** The type of each source, by id. */
export function sourceTypeById(db: DB): Map<number, SourceType> {
  const rows = db.prepare('SELECT id, type FROM sources').all() as Array<{ id: number; type: SourceType }>;
  return new Map(rows.map((r) => [r.id, r.type]));
}

/** The places at either end of the given ties. */
export function placesOfTies(db: DB, ids: Set<number>): Set<string> {
  const out = new Set<string>();
  const rows = db.prepare('SELECT id, cn_place_id, foreign_place_id FROM relationships').iterate() as IterableIterator<{
    id: number;
    cn_place_id: string;
    foreign_place_id: string;
  }>;
  for (const r of rows) {
    if (!ids.has(r.id)) continue;
    out.add(r.cn_place_id);
    out.add(r.foreign_place_id);
  }
  return out;
}
