// What an incremental reconciliation (src/resolve/incremental.ts) reads and writes beyond the full one's
// statements (reconcile-store.ts): the record of what the last reconciliation covered, the claims and ties a
// new document version touches, and the writes that amend the derived tables in place.
import type { DB } from './db.js';
import { namedStatements, type NamedStatements } from './reconcile-store.js';

/** What the last reconciliation covered (the one row of reconcile_state). */
export interface ReconcileState {
  inputs: string;
  sources_upto: number;
  source_count: number;
  claim_count: number;
}

/** A claim as settle() reads it, with what orders it among a tie's claims as a full reconciliation reads them. */
export interface TieClaimRow {
  id: number;
  source_id: number;
  line: number;
  countryless: number;
  status: string;
  kind: string;
  date: string | null;
  date_precision: string;
  edit_id: number | null;
  edit_fields: string | null;
  end_status: 'ended' | 'suspended' | null;
  end_date: string | null;
  note: string | null;
}

// The same condition as the partial index claims_countryless (schema v8), so that SQLite uses it.
const COUNTRYLESS = "(country_iso2 IS NULL OR country_iso2 = '')";

const SQL = {
  readState: 'SELECT inputs, sources_upto, source_count, claim_count FROM reconcile_state WHERE id = 1',
  writeState: `INSERT INTO reconcile_state (id, inputs, sources_upto, source_count, claim_count) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET inputs = excluded.inputs, sources_upto = excluded.sources_upto,
       source_count = excluded.source_count, claim_count = excluded.claim_count`,
  sourcesUpto: 'SELECT COUNT(*) FROM sources WHERE id <= ?',
  claimsUpto: 'SELECT COUNT(*) FROM claims WHERE source_id <= ?',
  claimsAfter: 'SELECT COUNT(*) FROM claims WHERE source_id > ?',
  // A new row that names no country but names a place would be resolved against the places other rows made known.
  countrylessAfter: `SELECT COUNT(*) FROM claims WHERE source_id > ? AND ${COUNTRYLESS}
     AND foreign_place_pin IS NULL AND COALESCE(foreign_place, foreign_place_en) IS NOT NULL`,
  countrylessNames: `SELECT foreign_place, foreign_place_en, foreign_link FROM claims WHERE ${COUNTRYLESS}
     AND foreign_place_pin IS NULL AND COALESCE(foreign_place, foreign_place_en) IS NOT NULL`,
  // The names stored rows that name their country were resolved to a place by (a pinned place is not).
  knownBy: `SELECT DISTINCT COALESCE(foreign_place, foreign_place_en) FROM claims
     WHERE foreign_place_id = ? AND NOT ${COUNTRYLESS} AND foreign_place_pin IS NULL AND COALESCE(foreign_place, foreign_place_en) IS NOT NULL`,
  placeRow: `SELECT id, name_zh_hans, name_zh_hant, name_en, pinyin, country_iso2, admin_level, parent_id, lat, lon, geonames_id,
       gbt2260, population, is_chinese, resolved, wikidata_id FROM places WHERE id = ?`,
  // A name a document gives a place is of origin 'document' even when the gazetteer gives it too.
  docName: `INSERT INTO place_names (place_id, name, folded, pinyin, origin) VALUES (?, ?, ?, ?, 'document')
     ON CONFLICT (place_id, name) DO UPDATE SET origin = 'document'`,
  dropUnresolvedOf: 'DELETE FROM unresolved WHERE claim_id IN (SELECT id FROM claims WHERE source_id = ?)',
  dropFactsOf: 'DELETE FROM place_facts WHERE source_id = ?',
  tiesOfSource: `SELECT DISTINCT rc.relationship_id FROM claims c JOIN relationship_claims rc ON rc.claim_id = c.id WHERE c.source_id = ?`,
  tiePair: 'SELECT cn_place_id, foreign_place_id FROM relationships WHERE id = ?',
  tieOfPair: 'SELECT id FROM relationships WHERE cn_place_id = ? AND foreign_place_id = ?',
  claimsOfTie: 'SELECT claim_id FROM relationship_claims WHERE relationship_id = ?',
  tieClaim: `SELECT id, source_id, line, ${COUNTRYLESS} AS countryless, status, kind, date, date_precision, edit_id, edit_fields,
       end_status, end_date, note FROM claims WHERE id = ?`,
  dropTieClaims: 'DELETE FROM relationship_claims WHERE relationship_id = ?',
  dropTieConflicts: 'DELETE FROM conflicts WHERE relationship_id = ?',
  upsertTie: `INSERT INTO relationships (id, cn_place_id, foreign_place_id, kind, start_date, start_precision, end_date, end_reason,
       status, unlisted_in, version)
     VALUES (@id, @cn, @foreign, @kind, @start_date, @start_precision, @end_date, @end_reason, @status, @unlisted_in, @version)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, start_date = excluded.start_date, start_precision = excluded.start_precision,
       end_date = excluded.end_date, end_reason = excluded.end_reason, status = excluded.status, unlisted_in = excluded.unlisted_in,
       version = excluded.version`,
} as const;

/** The statements, prepared on first use and kept for the reconciliation that asked for them. */
export function deltaStatements(db: DB): NamedStatements<typeof SQL> {
  return namedStatements(db, SQL);
}

export function readReconcileState(db: DB): ReconcileState | undefined {
  return deltaStatements(db).readState.get() as ReconcileState | undefined;
}

/** Written by every reconciliation, full or incremental, inside its transaction. */
export function writeReconcileState(db: DB, s: ReconcileState): void {
  deltaStatements(db).writeState.run(s.inputs, s.sources_upto, s.source_count, s.claim_count);
}
