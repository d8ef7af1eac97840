// The gazetteer as an indexed SQLite file (data/gazetteer/gazetteer.db), written by `npm run build` from the
// built JSON files and opened read-only by src/gazetteer/index.ts: a lookup reads the few rows a name
// matches instead of every command parsing ~17 MB of JSON and indexing 200 000 places at start.
// The file holds each place as a JSON array (decoded by the gazetteer when a lookup returns it), the folded
// name keys and the suffix-stripped stems of the CJK keys, each pointing at a place's row.
import Database from 'better-sqlite3';
import { renameSync, rmSync } from 'node:fs';

export const GAZETTEER_DB_FORMAT = 'youcheng-gazetteer-db/1';

/** What the writer needs of a place: its ids (indexed) and its encoded record. */
export interface GazetteerRowIn {
  id: string;
  parentId: string | null;
  gbt2260: string | null;
  geonamesId: number | null;
  data: string;
}

export interface GazetteerRowOut {
  rid: number;
  data: string;
}

/**
 * Writes the file at `path` (through a temporary file renamed into place, so a process reading the old file
 * is never shown a half-written one). Rows keep their order: rid is the place's position, which orders
 * lookups that return several places the way the in-memory index did.
 */
export function writeGazetteerDb(
  path: string,
  places: Iterable<GazetteerRowIn>,
  nameKeys: Iterable<[key: string, rid: number]>,
  stemKeys: Iterable<[stem: string, rid: number]>,
  meta: Record<string, string>,
): void {
  const tmp = `${path}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  const db = new Database(tmp);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('page_size = 8192');
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE place (rid INTEGER PRIMARY KEY, id TEXT NOT NULL, parent_id TEXT, gbt2260 TEXT, geonames_id INTEGER, data TEXT NOT NULL);
      CREATE TABLE name_key (key TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (key, rid)) WITHOUT ROWID;
      CREATE TABLE stem_key (stem TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (stem, rid)) WITHOUT ROWID;
    `);
    const insPlace = db.prepare('INSERT INTO place (rid, id, parent_id, gbt2260, geonames_id, data) VALUES (?, ?, ?, ?, ?, ?)');
    const insName = db.prepare('INSERT OR IGNORE INTO name_key (key, rid) VALUES (?, ?)');
    const insStem = db.prepare('INSERT OR IGNORE INTO stem_key (stem, rid) VALUES (?, ?)');
    const insMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    db.transaction(() => {
      let rid = 0;
      for (const p of places) insPlace.run(rid++, p.id, p.parentId, p.gbt2260, p.geonamesId, p.data);
      for (const [k, r] of nameKeys) insName.run(k, r);
      for (const [k, r] of stemKeys) insStem.run(k, r);
      for (const [k, v] of Object.entries({ ...meta, format: GAZETTEER_DB_FORMAT })) insMeta.run(k, v);
    })();
    // Indexes after the rows: faster to build, and smaller.
    db.exec(`
      CREATE UNIQUE INDEX place_id ON place (id);
      CREATE INDEX place_parent ON place (parent_id, rid);
      CREATE INDEX place_gbt2260 ON place (gbt2260) WHERE gbt2260 IS NOT NULL;
      CREATE INDEX place_geonames ON place (geonames_id, rid) WHERE geonames_id IS NOT NULL;
      ANALYZE;
    `);
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  renameSync(tmp, path);
}

/** The read side: each lookup is one prepared statement over an index. */
export interface GazetteerStore {
  meta(key: string): string | null;
  /** Rows with any of these name keys (one or two keys). */
  byKeys(keys: string[]): GazetteerRowOut[];
  byStems(stems: string[]): GazetteerRowOut[];
  byId(id: string): GazetteerRowOut | undefined;
  byGbt2260(code: string): GazetteerRowOut | undefined;
  /** The first place (by rid) with this GeoNames id. */
  byGeonamesId(id: number): GazetteerRowOut | undefined;
  children(parentId: string): GazetteerRowOut[];
  all(): GazetteerRowOut[];
  byRid(rid: number): GazetteerRowOut | undefined;
  /** Every (name key, rid) pair, and every (stem, rid) pair: for a caller that looks up so many names that one read of the index costs less. */
  nameKeys(): IterableIterator<[string, number]>;
  stemKeys(): IterableIterator<[string, number]>;
  close(): void;
}

export function openGazetteerDb(path: string): GazetteerStore {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  // Many processes read the file at once and none writes it: no locking needed beyond the default.
  const lazy = <T>(make: () => T): (() => T) => {
    let v: T | undefined;
    return () => (v ??= make());
  };
  const s = {
    meta: lazy(() => db.prepare('SELECT value FROM meta WHERE key = ?').pluck()),
    key1: lazy(() => db.prepare('SELECT p.rid, p.data FROM name_key k JOIN place p ON p.rid = k.rid WHERE k.key = ?')),
    key2: lazy(() => db.prepare('SELECT DISTINCT p.rid, p.data FROM name_key k JOIN place p ON p.rid = k.rid WHERE k.key IN (?, ?)')),
    stem1: lazy(() => db.prepare('SELECT p.rid, p.data FROM stem_key k JOIN place p ON p.rid = k.rid WHERE k.stem = ?')),
    stem2: lazy(() => db.prepare('SELECT DISTINCT p.rid, p.data FROM stem_key k JOIN place p ON p.rid = k.rid WHERE k.stem IN (?, ?)')),
    id: lazy(() => db.prepare('SELECT rid, data FROM place WHERE id = ?')),
    gbt: lazy(() => db.prepare('SELECT rid, data FROM place WHERE gbt2260 = ? ORDER BY rid DESC LIMIT 1')),
    gn: lazy(() => db.prepare('SELECT rid, data FROM place WHERE geonames_id = ? ORDER BY rid LIMIT 1')),
    children: lazy(() => db.prepare('SELECT rid, data FROM place WHERE parent_id = ? ORDER BY rid')),
    all: lazy(() => db.prepare('SELECT rid, data FROM place ORDER BY rid')),
    rid: lazy(() => db.prepare('SELECT rid, data FROM place WHERE rid = ?')),
    nameKeys: lazy(() => db.prepare('SELECT key, rid FROM name_key').raw()),
    stemKeys: lazy(() => db.prepare('SELECT stem, rid FROM stem_key').raw()),
  };
  const many = (one: () => Database.Statement, two: () => Database.Statement, xs: string[]): GazetteerRowOut[] => {
    if (xs.length === 0) return [];
    if (xs.length === 1) return one().all(xs[0]) as GazetteerRowOut[];
    if (xs.length === 2) return two().all(xs[0], xs[1]) as GazetteerRowOut[];
    const seen = new Map<number, GazetteerRowOut>();
    for (const x of xs) for (const r of one().all(x) as GazetteerRowOut[]) seen.set(r.rid, r);
    return [...seen.values()];
  };
  return {
    meta: (key) => (s.meta().get(key) as string | undefined) ?? null,
    byKeys: (keys) => many(s.key1, s.key2, keys),
    byStems: (stems) => many(s.stem1, s.stem2, stems),
    byId: (id) => s.id().get(id) as GazetteerRowOut | undefined,
    byGbt2260: (code) => s.gbt().get(code) as GazetteerRowOut | undefined,
    byGeonamesId: (id) => s.gn().get(id) as GazetteerRowOut | undefined,
    children: (parentId) => s.children().all(parentId) as GazetteerRowOut[],
    all: () => s.all().all() as GazetteerRowOut[],
    byRid: (rid) => s.rid().get(rid) as GazetteerRowOut | undefined,
    nameKeys: () => s.nameKeys().iterate() as IterableIterator<[string, number]>,
    stemKeys: () => s.stemKeys().iterate() as IterableIterator<[string, number]>,
    close: () => db.close(),
  };
}
