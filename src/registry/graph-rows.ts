// The ties as a graph: edges between places (a tie that is not doubtful binds its two places), their names,
// and the ties between foreign places that a Wikidata snapshot in the registry knows (its links with no
// Chinese end are not ties of the registry, but they close triangles: two partners of one Chinese place tied
// to each other).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DB } from './db.js';
import { CURRENT_SOURCES_SQL } from './documents.js';

/** Ties that count as edges: listed, ended, suspended or no longer listed; a doubtful tie is not a tie yet. */
export const EDGE_STATUSES = ['listed', 'ended', 'suspended', 'unlisted'];

export function graphEdges(db: DB): Array<{ id: number; a: string; b: string }> {
  return db
    .prepare(
      `SELECT id, cn_place_id AS a, foreign_place_id AS b FROM relationships
       WHERE status IN (SELECT value FROM json_each(?)) AND cn_place_id <> foreign_place_id ORDER BY id`,
    )
    .all(JSON.stringify(EDGE_STATUSES)) as Array<{ id: number; a: string; b: string }>;
}

export interface GraphPlace {
  id: string;
  name_zh_hans: string | null;
  name_en: string | null;
  country_iso2: string | null;
  is_chinese: number;
}

export function graphPlaces(db: DB, ids: Iterable<string>): Map<string, GraphPlace> {
  const st = db.prepare('SELECT id, name_zh_hans, name_en, country_iso2, is_chinese FROM places WHERE id = ?');
  const out = new Map<string, GraphPlace>();
  for (const id of ids) {
    const p = st.get(id) as GraphPlace | undefined;
    if (p) out.set(id, p);
  }
  return out;
}

/** QID pairs of every link of the snapshots in the registry (their links.tsv files), Chinese end or not. */
export function snapshotLinks(db: DB): Array<[string, string]> {
  const paths = db
    .prepare(`SELECT path FROM sources WHERE format = 'nodes-links' AND id IN (${CURRENT_SOURCES_SQL}) AND path IS NOT NULL`)
    .pluck()
    .all() as string[];
  const out: Array<[string, string]> = [];
  for (const p of paths) {
    if (!existsSync(p)) continue;
    for (const line of readFileSync(p, 'utf8').split(/\r?\n/).slice(1)) {
      const [s, t] = line.split('\t');
      if (s && t && /^Q\d+$/.test(s.trim()) && /^Q\d+$/.test(t.trim())) out.push([s.trim(), t.trim()]);
    }
    void dirname;
    void join;
  }
  return out;
}
