import Database, { type Statement } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { migrations } from './schema.js';

export type DB = Database.Database;

const BUSY_TIMEOUT_MS = 10_000;

const statements = new WeakMap<DB, Map<string, Statement>>();

/**
 * A prepared statement, cached per connection: a question asked once per row of an export, or many times a
 * second by the API, would otherwise spend a good part of its time being prepared. Not for `.iterate()`: a
 * statement being iterated cannot run again until the iteration ends.
 */
export function cachedStatement(db: DB, sql: string): Statement {
  let m = statements.get(db);
  if (!m) statements.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

const isBusy = (e: unknown): boolean => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
};
/**
 * The tries of `fn` while SQLite answers SQLITE_BUSY, for up to `ms`: yields the pause to take before each
 * next try (5 ms, doubling up to 100 ms), and returns what `fn` returns; throws what it throws otherwise,
 * or once the time is up.
 */
function* busyTries<T>(fn: () => T, ms: number): Generator<number, T, void> {
  const deadline = Date.now() + ms;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      return fn();
    } catch (e) {
      if (!isBusy(e) || Date.now() + pause > deadline) throw e;
      yield pause;
    }
  }
}

/**
 * Runs `fn` again while SQLite answers SQLITE_BUSY, for up to `ms`. Needed where the busy timeout does not
 * help: switching a file to WAL first reads its header, then writes it; if another process holds the write
 * lock meanwhile (two processes creating one new registry), SQLite refuses at once rather than wait while
 * holding a read lock (waiting there could deadlock). Retrying the whole statement, which holds no lock
 * between attempts, waits safely.
 */
export function retryWhileBusy<T>(fn: () => T, ms: number): T {
  const tries = busyTries(fn, ms);
  for (let r = tries.next(); ; r = tries.next()) {
    if (r.done) return r.value;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, r.value);
  }
}

/**
 * As retryWhileBusy, waiting between tries without blocking the event loop: for a server, whose other
 * requests go on meanwhile. `fn` must fail before it changes anything when busy (a write that starts with
 * BEGIN IMMEDIATE on a connection whose busy_timeout is 0 does).
 */
export async function retryWhileBusyAsync<T>(fn: () => T, ms: number): Promise<T> {
  const tries = busyTries(fn, ms);
  for (let r = tries.next(); ; r = tries.next()) {
    if (r.done) return r.value;
    await new Promise((resolve) => setTimeout(resolve, r.value));
  }
}

/** Where the registry lives when no --db is given. */
// Kept in paths.ts, which the command line loads without SQLite.
export { defaultDbPath } from '../paths.js';

/** Opens (and creates or migrates) a registry file. */
export function openRegistry(path: string, opts: { readonly?: boolean } = {}): DB {
  if (!opts.readonly && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  // First: switching a new file to WAL and migrating it take locks that another process opening the same
  // registry at the same moment may hold; with the timeout set they wait instead of failing at once.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (!opts.readonly) {
    // WAL lets readers (the server) go on while an ingest writes.
    retryWhileBusy(() => db.pragma('journal_mode = WAL'), BUSY_TIMEOUT_MS);
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  if (!opts.readonly) migrate(db);
  return db;
}

/**
 * A second read-only connection to the registry file `db` has open, for a long read (a streamed export) that
 * must not tie up `db`; an in-memory registry has no file to open again, so it is `db` itself. The caller
 * closes it when it is not `db`.
 */
export function openSecondReader(db: DB): DB {
  return db.memory ? db : new Database(db.name, { readonly: true, fileMustExist: true });
}

/**
 * Puts the connection's TEMP tables in a temporary file (SQLite deletes it when closed, or when the process
 * dies), so that large working tables keep memory bounded; returns what puts the setting back. Changing it
 * drops the connection's TEMP objects and is refused inside a transaction: call it outside one, with none
 * in use. Nothing is changed when it is FILE already.
 */
/** A connection that fails at once on a held write lock (SQLITE_BUSY), for callers that wait between tries themselves. */
export function failFastOnLock(db: DB): void {
  db.pragma('busy_timeout = 0');
}

export function useFileTempStore(db: DB): () => void {
  const was = db.pragma('temp_store', { simple: true }) as number; // 1 = FILE
  if (was === 1) return () => {};
  db.pragma('temp_store = FILE');
  return () => db.pragma(`temp_store = ${was}`);
}

/**
 * Begins a read transaction: everything read until the returned function is called sees one state of the
 * registry, whatever another connection commits meanwhile (an export of one state while an ingest lands).
 */
export function holdReadSnapshot(db: DB): () => void {
  db.exec('BEGIN');
  return () => {
    if (db.inTransaction) db.exec('COMMIT');
  };
}

export function migrate(db: DB): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const done = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version),
  );
  let applied = 0;
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    // IMMEDIATE, and checked again inside: two processes opening a new registry at once apply each
    // migration once (the second waits for the write lock, then finds it done) instead of failing.
    // (Foreign keys can be switched only outside a transaction; the check below stands in for them.)
    if (m.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        if (db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version)) return;
        if (typeof m.sql === 'string') db.exec(m.sql);
        else m.sql(db);
        if (m.rebuildsTables) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length) throw new Error(`migration ${m.version} (${m.name}) would leave ${broken.length} rows referring to nothing`);
        }
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          m.version,
          m.name,
          new Date().toISOString(),
        );
        applied++;
      }).immediate();
    } finally {
      if (m.rebuildsTables) db.pragma('foreign_keys = ON');
    }
  }
  return applied;
}

export function schemaVersion(db: DB): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}
