// Read-side questions the CLI, the API and exports ask. All SQL for reading places and ties lives here.
import type { DB } from './db.js';
import { fold, pinyinOf } from '../normalize/script.js';
import { continentOf } from '../normalize/country.js';

export interface PlaceRow {
  id: string;
  name_zh_hans: string | null;
  name_zh_hant: string | null;
  name_en: string | null;
  pinyin: string | null;
  country_iso2: string | null;
  admin_level: string;
  parent_id: string | null;
  lat: number | null;
  lon: number | null;
  geonames_id: number | null;
  gbt2260: string | null;
  population: number | null;
  is_chinese: number;
  resolved: number;
  wikidata_id: string | null;
}

export interface PlaceMatch extends PlaceRow {
  matched: string;
  rank: number;
  partners: number;
}

/**
 * Places by any of their names, in any script or pinyin. Ranked: exact name, then exact pinyin,
 * then prefix, then substring; ties go to the place with more partners.
 */
export function searchPlaces(db: DB, query: string, limit = 20): PlaceMatch[] {
  const q = fold(query);
  if (!q) return [];
  const py = /\p{Script=Han}/u.test(q) ? null : pinyinOf(q).replace(/\s+/g, '');
  const like = (s: string) => s.replace(/[\\%_]/g, (m) => '\\' + m);
  const rows = db
    .prepare(
      `WITH hits AS (
         SELECT place_id, name,
           CASE WHEN folded = @q THEN 0
                WHEN @py IS NOT NULL AND pinyin = @py THEN 1
                WHEN folded LIKE @qp ESCAPE '\\' THEN 2
                WHEN @py IS NOT NULL AND pinyin LIKE @pyp ESCAPE '\\' THEN 3
                WHEN folded LIKE @qs ESCAPE '\\' THEN 4
                ELSE 5 END AS rank
         FROM place_names
         WHERE folded = @q OR folded LIKE @qs ESCAPE '\\'
            OR (@py IS NOT NULL AND (pinyin = @py OR pinyin LIKE @pyp ESCAPE '\\')))
       SELECT p.*, h.name AS matched, MIN(h.rank) AS rank,
         (SELECT COUNT(*) FROM relationships r WHERE r.cn_place_id = p.id OR r.foreign_place_id = p.id) AS partners
       FROM hits h JOIN places p ON p.id = h.place_id
       GROUP BY p.id
       ORDER BY rank, partners DESC, length(matched), p.id
       LIMIT @limit`,
    )
    .all({ q, py, qp: like(q) + '%', qs: '%' + like(q) + '%', pyp: py ? like(py) + '%' : null, limit }) as PlaceMatch[];
  return rows;
}

export function getPlace(db: DB, id: string): PlaceRow | undefined {
  return db.prepare('SELECT * FROM places WHERE id = ?').get(id) as PlaceRow | undefined;
}

export function placeNames(db: DB, id: string): string[] {
  return db.prepare('SELECT name FROM place_names WHERE place_id = ? ORDER BY origin, name').pluck().all(id) as string[];
}

export interface SourceRef {
  claim_id: number;
  source: string;
  source_id: number;
  line: number;
  status: string;
  date: string | null;
  kind: string;
  note: string | null;
}

export interface PartnerRow {
  relationship_id: number;
  kind: string;
  start_date: string | null;
  start_precision: string;
  end_date: string | null;
  status: string;
  partner: PlaceRow;
  side: 'cn' | 'foreign';
  sources: SourceRef[];
  conflicts: Array<{ field: string; detail: unknown }>;
}

/** The ties of a place, on whichever side it stands, oldest first (undated last). */
export function partnersOf(db: DB, placeId: string): PartnerRow[] {
  const rels = db
    .prepare(
      `SELECT r.*, CASE WHEN r.cn_place_id = @id THEN r.foreign_place_id ELSE r.cn_place_id END AS partner_id,
              CASE WHEN r.cn_place_id = @id THEN 'cn' ELSE 'foreign' END AS side
       FROM relationships r WHERE r.cn_place_id = @id OR r.foreign_place_id = @id
       ORDER BY r.start_date IS NULL, r.start_date, r.id`,
    )
    .all({ id: placeId }) as Array<{
    id: number;
    kind: string;
    start_date: string | null;
    start_precision: string;
    end_date: string | null;
    status: string;
    partner_id: string;
    side: 'cn' | 'foreign';
  }>;
  return rels.map((r) => ({
    relationship_id: r.id,
    kind: r.kind,
    start_date: r.start_date,
    start_precision: r.start_precision,
    end_date: r.end_date,
    status: r.status,
    side: r.side,
    partner: getPlace(db, r.partner_id)!,
    sources: sourcesOfRelationship(db, r.id),
    conflicts: conflictsOf(db, r.id),
  }));
}

export function sourcesOfRelationship(db: DB, relId: number): SourceRef[] {
  return db
    .prepare(
      `SELECT c.id AS claim_id, s.file_name AS source, s.id AS source_id, c.line, c.status, c.date, c.kind, c.note
       FROM relationship_claims rc JOIN claims c ON c.id = rc.claim_id JOIN sources s ON s.id = c.source_id
       WHERE rc.relationship_id = ? ORDER BY s.file_name, c.line`,
    )
    .all(relId) as SourceRef[];
}

export function conflictsOf(db: DB, relId: number): Array<{ field: string; detail: unknown }> {
  return (db.prepare('SELECT field, detail FROM conflicts WHERE relationship_id = ? ORDER BY id').all(relId) as Array<{
    field: string;
    detail: string;
  }>).map((c) => ({ field: c.field, detail: JSON.parse(c.detail) }));
}

export type StatsDimension = 'country' | 'continent' | 'year' | 'kind' | 'owner' | 'status' | 'level';

export interface StatRow {
  key: string | null;
  relationships: number;
  listed: number;
  doubtful: number;
}

/** Relationship counts grouped by one dimension. */
export function stats(db: DB, by: StatsDimension): StatRow[] {
  const expr: Record<Exclude<StatsDimension, 'continent'>, string> = {
    country: 'f.country_iso2',
    year: 'substr(r.start_date, 1, 4)',
    kind: 'r.kind',
    owner: "COALESCE(c.name_zh_hans, c.name_en, c.id)",
    status: 'r.status',
    level: 'f.admin_level',
  };
  const key = by === 'continent' ? 'f.country_iso2' : expr[by];
  const rows = db
    .prepare(
      `SELECT ${key} AS key, COUNT(*) AS relationships,
              SUM(r.status = 'listed') AS listed, SUM(r.status = 'doubtful') AS doubtful
       FROM relationships r JOIN places f ON f.id = r.foreign_place_id JOIN places c ON c.id = r.cn_place_id
       GROUP BY key ORDER BY relationships DESC, key`,
    )
    .all() as StatRow[];
  if (by !== 'continent') return rows;
  const merged = new Map<string | null, StatRow>();
  for (const r of rows) {
    const k = r.key ? continentOf(r.key) : null;
    const m = merged.get(k) ?? { key: k, relationships: 0, listed: 0, doubtful: 0 };
    m.relationships += r.relationships;
    m.listed += r.listed;
    m.doubtful += r.doubtful;
    merged.set(k, m);
  }
  return [...merged.values()].sort((a, b) => b.relationships - a.relationships);
}

export interface RegistryCounts {
  sources: number;
  documents: number;
  claims: number;
  places: number;
  resolvedPlaces: number;
  relationships: number;
  listed: number;
  doubtful: number;
  conflicts: number;
}

export function counts(db: DB): RegistryCounts {
  const one = (sql: string) => (db.prepare(sql).pluck().get() as number) ?? 0;
  return {
    sources: one('SELECT COUNT(DISTINCT source_key) FROM sources'),
    documents: one('SELECT COUNT(*) FROM sources'),
    claims: one('SELECT COUNT(*) FROM claims'),
    places: one('SELECT COUNT(*) FROM places'),
    resolvedPlaces: one('SELECT COUNT(*) FROM places WHERE resolved = 1'),
    relationships: one('SELECT COUNT(*) FROM relationships'),
    listed: one("SELECT COUNT(*) FROM relationships WHERE status = 'listed'"),
    doubtful: one("SELECT COUNT(*) FROM relationships WHERE status = 'doubtful'"),
    conflicts: one('SELECT COUNT(*) FROM conflicts'),
  };
}
