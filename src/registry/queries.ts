// Read-side questions the CLI, the API and exports ask. All SQL for reading places and ties lives here.
import { cachedStatement, type DB } from './db.js';
import { TIE_CLAIMS_SQL } from './documents.js';
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
  return cachedStatement(db, 'SELECT * FROM places WHERE id = ?').get(id) as PlaceRow | undefined;
}

/**
 * The resolved foreign places of the registry's ties that go by a name (folded, as place_names keeps it),
 * with every name they go by: what reconciliation had made known when it met a row that names no country.
 */
export function registeredForeignPlacesNamed(db: DB, folded: string[]): Array<{ id: string; names: string[] }> {
  if (!folded.length) return [];
  const ids = db
    .prepare(
      `SELECT DISTINCT p.id FROM place_names n JOIN places p ON p.id = n.place_id
       WHERE n.folded IN (SELECT value FROM json_each(?)) AND p.resolved = 1 AND p.is_chinese = 0
         AND EXISTS (SELECT 1 FROM relationships r WHERE r.foreign_place_id = p.id)
       ORDER BY p.id`,
    )
    .pluck()
    .all(JSON.stringify(folded)) as string[];
  return ids.map((id) => ({ id, names: placeNames(db, id) }));
}

/** Every name a place goes by, in the order its page shows them (by origin, then name). */
export function placeNames(db: DB, id: string): string[] {
  return cachedStatement(db, 'SELECT name FROM place_names WHERE place_id = ? ORDER BY origin, name').pluck().all(id) as string[];
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

/** The claims that bind a tie, with their documents and lines, in file and line order (statement prepared once per connection). */
export function sourcesOfRelationship(db: DB, relId: number): SourceRef[] {
  return cachedStatement(
    db,
    `SELECT c.id AS claim_id, s.file_name AS source, s.id AS source_id, c.line, c.status, c.date, c.kind, c.note
     FROM ${TIE_CLAIMS_SQL}
     WHERE rc.relationship_id = ? ORDER BY s.file_name, c.line`,
  ).all(relId) as SourceRef[];
}

/** Where a tie's documents disagree: the field, and the values each gives. */
export function conflictsOf(db: DB, relId: number): Array<{ field: string; detail: unknown }> {
  const rows = cachedStatement(db, 'SELECT field, detail FROM conflicts WHERE relationship_id = ? ORDER BY id').all(relId) as Array<{
    field: string;
    detail: string;
  }>;
  return rows.map((c) => ({ field: c.field, detail: JSON.parse(c.detail) }));
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
  /** entries in the audit log */
  edits: number;
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
    // people's edits are kept as claims of a source of their own, but they are not documents
    sources: one("SELECT COUNT(DISTINCT source_key) FROM sources WHERE format <> 'edit'"),
    documents: one("SELECT COUNT(*) FROM sources WHERE format <> 'edit'"),
    edits: one('SELECT COUNT(*) FROM edits'),
    claims: one('SELECT COUNT(*) FROM claims'),
    places: one('SELECT COUNT(*) FROM places'),
    resolvedPlaces: one('SELECT COUNT(*) FROM places WHERE resolved = 1'),
    relationships: one('SELECT COUNT(*) FROM relationships'),
    listed: one("SELECT COUNT(*) FROM relationships WHERE status = 'listed'"),
    doubtful: one("SELECT COUNT(*) FROM relationships WHERE status = 'doubtful'"),
    conflicts: one('SELECT COUNT(*) FROM conflicts'),
  };
}

/**
 * What the last reconciliation left, as its report gives it (claims of current versions, places,
 * relationships, conflicts, unresolved names by side): for an ingest that changed nothing and so did not
 * reconcile again.
 */
export function reconciledState(db: DB): { claims: number; places: number; relationships: number; conflicts: number; unresolved: { cn: number; foreign: number } } {
  const one = (sql: string) => (db.prepare(sql).pluck().get() as number) ?? 0;
  return {
    claims: one(
      `SELECT COUNT(*) FROM claims WHERE source_id IN (
         SELECT s.id FROM sources s WHERE s.version = (SELECT MAX(version) FROM sources t WHERE t.source_key = s.source_key))`,
    ),
    places: one('SELECT COUNT(*) FROM places'),
    relationships: one('SELECT COUNT(*) FROM relationships'),
    conflicts: one('SELECT COUNT(*) FROM conflicts'),
    unresolved: { cn: one("SELECT COUNT(*) FROM unresolved WHERE side = 'cn'"), foreign: one("SELECT COUNT(*) FROM unresolved WHERE side = 'foreign'") },
  };
}

/** A version of a source as reconciliation reads it: current when it is the latest version of its source. */
export interface SourceVersion {
  id: number;
  file_name: string;
  source_key: string;
  version: number;
  as_of: string | null;
  latest_version: number;
  current: number;
  type: string;
}

/** Every version of every source, in the order reconciliation reads their claims (source key, version). */
export function sourceVersions(db: DB): SourceVersion[] {
  return db
    .prepare(
      `SELECT s.id, s.file_name, s.source_key, s.version, s.as_of, v.latest AS latest_version, (s.version = v.latest) AS current,
              s.type
       FROM sources s JOIN (SELECT source_key, MAX(version) AS latest FROM sources GROUP BY source_key) v ON v.source_key = s.source_key
       ORDER BY s.source_key, s.version`,
    )
    .all() as SourceVersion[];
}

/** The columns of a claim reconciliation needs to resolve its places and settle its tie. */
export interface ClaimToReconcile {
  id: number;
  line: number;
  section: string | null;
  cn_place: string | null;
  cn_place_zh_hans: string | null;
  cn_link: string | null;
  cn_lat: number | null;
  cn_lon: number | null;
  cn_place_pin: string | null;
  foreign_place: string | null;
  foreign_place_en: string | null;
  foreign_link: string | null;
  foreign_qualifier: string | null;
  foreign_place_pin: string | null;
  country_iso2: string | null;
  date: string | null;
  date_precision: string;
  kind: string;
  status: string;
  note: string | null;
  edit_id: number | null;
  edit_fields: string | null;
  end_status: 'ended' | 'suspended' | null;
  end_date: string | null;
}

/**
 * The claims of one source version in document order (line, id), a page at a time: those that name their
 * country, or those that name none. Each page is read whole (no statement stays open between pages), so the
 * caller may write to the registry between two pages.
 */
export function* claimPages(db: DB, sourceId: number, namesCountry: boolean, pageSize = 5000): Generator<ClaimToReconcile[]> {
  const page = db.prepare(
    `SELECT id, line, section, cn_place, cn_place_zh_hans, cn_link, cn_lat, cn_lon, cn_place_pin, foreign_place, foreign_place_en, foreign_link,
            foreign_qualifier, foreign_place_pin, country_iso2, date, date_precision, kind, status, note, edit_id, edit_fields,
            end_status, end_date
     FROM claims
     WHERE source_id = ? AND (line, id) > (?, ?) AND ${namesCountry ? "COALESCE(country_iso2, '') <> ''" : "COALESCE(country_iso2, '') = ''"}
     ORDER BY line, id LIMIT ?`,
  );
  let line = -Infinity;
  let id = -Infinity;
  for (;;) {
    const rows = page.all(sourceId, line, id, pageSize) as ClaimToReconcile[];
    if (!rows.length) return;
    yield rows;
    if (rows.length < pageSize) return;
    ({ line, id } = rows[rows.length - 1]);
  }
}

/** The facts (extra columns) of the claims of one source version whose foreign place is resolved, in document order, a page at a time. */
export function* factPages(db: DB, sourceId: number, pageSize = 5000): Generator<Array<{ id: number; line: number; facts: string; foreign_place_id: string }>> {
  const page = db.prepare(
    `SELECT id, line, facts, foreign_place_id FROM claims
     WHERE source_id = ? AND (line, id) > (?, ?) AND facts IS NOT NULL AND facts <> '' AND foreign_place_id IS NOT NULL AND foreign_place_id <> ''
     ORDER BY line, id LIMIT ?`,
  );
  let line = -Infinity;
  let id = -Infinity;
  for (;;) {
    const rows = page.all(sourceId, line, id, pageSize) as Array<{ id: number; line: number; facts: string; foreign_place_id: string }>;
    if (!rows.length) return;
    yield rows;
    if (rows.length < pageSize) return;
    ({ line, id } = rows[rows.length - 1]);
  }
}
