// The rows the whole-registry exports read (claims, ties, places), each an iterator over one statement so that
// an export of any size reads a row at a time, and the per-row questions they ask beside them.
import type { DB } from './db.js';
import { CURRENT_SOURCES_SQL } from './documents.js';

type Rec = Record<string, unknown>;

/** The claims of the documents' current versions, with their file, in file and line order. */
export function currentClaimRows(db: DB): IterableIterator<Rec> {
  return db
    .prepare(
      `SELECT c.*, s.file_name FROM claims c JOIN sources s ON s.id = c.source_id
       WHERE c.source_id IN (${CURRENT_SOURCES_SQL}) ORDER BY s.file_name, c.line, c.id`,
    )
    .iterate() as IterableIterator<Rec>;
}

/** The ties with the names of both places (the `ties` view), by id. */
export function tieViewRows(db: DB): IterableIterator<Rec> {
  return db.prepare('SELECT * FROM ties ORDER BY id').iterate() as IterableIterator<Rec>;
}

/** Every place, by id. */
export function allPlaceRows(db: DB): IterableIterator<Rec> {
  return db.prepare('SELECT * FROM places ORDER BY id').iterate() as IterableIterator<Rec>;
}

/** A tie's documents and lines: one statement prepared once, asked for each tie. */
export function tieSourcesOf(db: DB): (relationshipId: number) => Array<{ source: string; line: number }> {
  const st = db.prepare(
    `SELECT s.file_name AS source, c.line FROM relationship_claims rc JOIN claims c ON c.id = rc.claim_id
     JOIN sources s ON s.id = c.source_id WHERE rc.relationship_id = ? ORDER BY s.file_name, c.line`,
  );
  return (id) => st.all(id) as Array<{ source: string; line: number }>;
}

/** A tie's conflicts between documents, with their values. */
export function tieConflictsOf(db: DB): (relationshipId: number) => Array<{ field: string; values: unknown }> {
  const st = db.prepare('SELECT field, detail FROM conflicts WHERE relationship_id = ? ORDER BY id');
  return (id) => (st.all(id) as Array<{ field: string; detail: string }>).map((k) => ({ field: k.field, values: JSON.parse(k.detail) }));
}

/** Every name a place is known by, in order. */
export function placeNamesOf(db: DB): (placeId: string) => string[] {
  const st = db.prepare('SELECT name FROM place_names WHERE place_id = ? ORDER BY name').pluck();
  return (id) => st.all(id) as string[];
}

/** A place's name to show (simplified Chinese, else English, else its id), or undefined for no such place. */
export function placeLabelOf(db: DB): (placeId: string) => string | undefined {
  const st = db.prepare('SELECT COALESCE(name_zh_hans, name_en, id) FROM places WHERE id = ?').pluck();
  return (id) => st.get(id) as string | undefined;
}
