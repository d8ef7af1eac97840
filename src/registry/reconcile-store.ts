// What reconciliation reads and writes, as named statements: the SQL of src/resolve/reconcile.ts, kept here
// with the rest of the registry's. Statements are prepared on first use (those on the TEMP tables only once
// they exist) and kept for the reconciliation that asked for them.
import type { Statement } from 'better-sqlite3';
import type { DB } from './db.js';

const SQL = {
  placeMerges: 'SELECT from_id, into_id FROM place_merges',
  setIds: 'UPDATE claims SET cn_place_id = ?, foreign_place_id = ? WHERE id = ?',
  insUnres: 'INSERT INTO unresolved (claim_id, side, name, country_iso2, reason, candidates) VALUES (?, ?, ?, ?, ?, ?)',
  editedWikidata: 'SELECT place_id, qid FROM place_wikidata',
  insPlace: `INSERT INTO places (id, name_zh_hans, name_zh_hant, name_en, pinyin, country_iso2, admin_level, parent_id, lat, lon,
      geonames_id, gbt2260, population, is_chinese, resolved, wikidata_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  insHeld: 'INSERT INTO temp.reconcile_places (id, names, resolved) VALUES (?, ?, ?)',
  heldSeq: 'SELECT seq FROM temp.reconcile_places WHERE id = ?',
  insDocName: 'INSERT OR IGNORE INTO temp.reconcile_names (seq, name) VALUES (?, ?)',
  pairOf: 'SELECT id FROM temp.reconcile_pairs WHERE cn = ? AND foreign_id = ?',
  insPair: 'INSERT INTO temp.reconcile_pairs (id, cn, foreign_id) VALUES (?, ?, ?)',
  claimCount: 'SELECT COUNT(*) FROM claims',
  insName: 'INSERT OR IGNORE INTO place_names (place_id, name, folded, pinyin, origin) VALUES (?, ?, ?, ?, ?)',
  heldPage: 'SELECT seq, id, names, resolved FROM temp.reconcile_places WHERE seq > ? ORDER BY seq LIMIT ?',
  docNamesOf: 'SELECT seq, name FROM temp.reconcile_names WHERE seq BETWEEN ? AND ? ORDER BY seq, rowid',
  getRelId: 'SELECT id FROM relationship_ids WHERE cn_place_id = ? AND foreign_place_id = ?',
  newRelId: 'INSERT INTO relationship_ids (cn_place_id, foreign_place_id) VALUES (?, ?)',
  insRel: `INSERT INTO relationships (id, cn_place_id, foreign_place_id, kind, start_date, start_precision, end_date, end_reason,
       status, unlisted_in, version)
     VALUES (@id, @cn, @foreign, @kind, @start_date, @start_precision, @end_date, @end_reason, @status, @unlisted_in, @version)`,
  insRc: 'INSERT INTO relationship_claims (relationship_id, claim_id, current) VALUES (?, ?, ?)',
  insConflict: 'INSERT INTO conflicts (relationship_id, field, detail) VALUES (?, ?, ?)',
  pairPage: 'SELECT id, cn, foreign_id FROM temp.reconcile_pairs WHERE id >= ? ORDER BY id LIMIT ?',
  insFact: 'INSERT INTO place_facts (place_id, source_id, key, value, as_of, line) VALUES (?, ?, ?, ?, ?, ?)',
} as const;

export type ReconcileStatements = NamedStatements<typeof SQL>;
export type NamedStatements<T extends Record<string, string>> = { readonly [K in keyof T]: Statement };

export function reconcileStatements(db: DB): ReconcileStatements {
  return namedStatements(db, SQL);
}

/** Statements by name, each prepared on first use (those on TEMP tables only once they exist). */
export function namedStatements<T extends Record<string, string>>(db: DB, sql: T): NamedStatements<T> {
  const made = new Map<keyof T, Statement>();
  const out = {} as Record<keyof T, Statement>;
  for (const name of Object.keys(sql) as Array<keyof T>) {
    Object.defineProperty(out, name, {
      get: () => {
        let st = made.get(name);
        if (!st) made.set(name, (st = db.prepare(sql[name])));
        return st;
      },
    });
  }
  return out;
}

/** Everything reconciliation derives, cleared before it is rebuilt (inside its transaction). */
export function clearDerived(db: DB): void {
  for (const t of ['conflicts', 'relationship_claims', 'relationships', 'unresolved', 'place_facts', 'place_names', 'places']) db.exec(`DELETE FROM ${t}`);
  db.exec('UPDATE claims SET cn_place_id = NULL, foreign_place_id = NULL');
}

/** The TEMP tables a reconciliation builds its places, their names and its pairs in. */
export function createReconcileTemps(db: DB): void {
  db.exec(`CREATE TEMP TABLE reconcile_places (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, names TEXT NOT NULL, resolved INTEGER NOT NULL);
    CREATE TEMP TABLE reconcile_names (seq INTEGER NOT NULL, name TEXT NOT NULL, UNIQUE (seq, name));
    CREATE TEMP TABLE reconcile_pairs (id INTEGER PRIMARY KEY, cn TEXT NOT NULL, foreign_id TEXT NOT NULL, UNIQUE (cn, foreign_id));`);
}

export function dropReconcileTemps(db: DB): void {
  for (const t of ['reconcile_places', 'reconcile_names', 'reconcile_pairs']) db.exec(`DROP TABLE temp.${t}`);
}

/** One IMMEDIATE transaction: the write lock from the first read to the last write. */
export function inImmediateTransaction<T>(db: DB, f: () => T): T {
  return db.transaction(f).immediate();
}
