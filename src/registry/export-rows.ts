// The claims export's rows, an iterator over one statement so that an export of any size reads a row at a
// time, and the questions the exports ask of each place beside their rows (ties and places themselves are
// map-rows.ts's; a tie's documents and conflicts, queries.ts's).
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
