// The rows the map and graph exports read: places, and relationships with both of their places. Each is an
// iterator over one SQL statement, so an export of any size reads a row at a time.
import type { DB } from './db.js';
import type { PlaceRow } from './queries.js';
export type { PlaceRow };

export interface TieRow {
  id: number;
  cn_place_id: string;
  foreign_place_id: string;
  kind: string;
  start_date: string | null;
  start_precision: string;
  end_date: string | null;
  end_reason: string | null;
  status: string;
  unlisted_in: string | null;
  cn_name_zh_hans: string | null;
  cn_name_en: string | null;
  cn_lat: number | null;
  cn_lon: number | null;
  foreign_name_zh_hans: string | null;
  foreign_name_en: string | null;
  foreign_lat: number | null;
  foreign_lon: number | null;
  country_iso2: string | null;
}

/** Places in the graph: those that take part in at least one relationship. */
const NETWORK_PLACES = `SELECT cn_place_id AS id FROM relationships UNION SELECT foreign_place_id FROM relationships`;

export function placeRows(db: DB, opts: { network?: boolean; withCoordinates?: boolean } = {}): IterableIterator<PlaceRow> {
  const where: string[] = [];
  if (opts.network) where.push(`id IN (${NETWORK_PLACES})`);
  if (opts.withCoordinates) where.push('lat IS NOT NULL AND lon IS NOT NULL');
  return db
    .prepare(`SELECT * FROM places ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id`)
    .iterate() as IterableIterator<PlaceRow>;
}

export function tieRows(db: DB, opts: { withCoordinates?: boolean } = {}): IterableIterator<TieRow> {
  return db
    .prepare(
      `SELECT r.id, r.cn_place_id, r.foreign_place_id, r.kind, r.start_date, r.start_precision, r.end_date, r.end_reason,
              r.status, r.unlisted_in,
              cp.name_zh_hans AS cn_name_zh_hans, cp.name_en AS cn_name_en, cp.lat AS cn_lat, cp.lon AS cn_lon,
              fp.name_zh_hans AS foreign_name_zh_hans, fp.name_en AS foreign_name_en, fp.lat AS foreign_lat, fp.lon AS foreign_lon,
              fp.country_iso2 AS country_iso2
       FROM relationships r JOIN places cp ON cp.id = r.cn_place_id JOIN places fp ON fp.id = r.foreign_place_id
       ${opts.withCoordinates ? 'WHERE cp.lat IS NOT NULL AND cp.lon IS NOT NULL AND fp.lat IS NOT NULL AND fp.lon IS NOT NULL' : ''}
       ORDER BY r.id`,
    )
    .iterate() as IterableIterator<TieRow>;
}

/** How many nodes and edges the graph exports (GraphML, GEXF) hold. */
export function networkCounts(db: DB): { nodes: number; edges: number } {
  return {
    nodes: db.prepare(`SELECT COUNT(*) FROM (${NETWORK_PLACES})`).pluck().get() as number,
    edges: db.prepare('SELECT COUNT(*) FROM relationships').pluck().get() as number,
  };
}
