// Backups and restores of a registry file.
//
// backup: SQLite's online backup API (through better-sqlite3), safe while the server reads and an ingest
// writes: the copy is one consistent state of the registry (a document is in it whole or not at all). It is
// written beside the target under a temporary name, checked (PRAGMA integrity_check, schema present), turned
// into a single self-contained file (journal_mode DELETE) and only then renamed into place, so a backup file
// that exists is a good one.
//
// restore: checks that the file is a youcheng registry (schema_migrations present, integrity ok, a schema this
// program knows), copies it beside the registry under a temporary name and renames it over the registry, which
// is atomic on one file system; the old registry's -wal and -shm files are removed first, since SQLite would
// otherwise replay the old write-ahead log into the new file. Stop the server (and any ingest) before a restore:
// a process that holds the old file open would go on using it.
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DB } from './db.js';
import { migrations } from './schema.js';

export class BackupError extends Error {}

export interface RegistryCheck {
  schemaVersion: number;
  sources: number;
  claims: number;
  relationships: number;
  pages: number;
  bytes: number;
}

export interface BackupReport extends RegistryCheck {
  file: string;
  ms: number;
  /** How many times the copy started over because another connection wrote meanwhile. */
  restarts: number;
}

export interface RestoreReport extends RegistryCheck {
  from: string;
  db: string;
  ms: number;
  replaced: boolean;
}

const tempBeside = (file: string, what: string) =>
  join(dirname(file), `.${basename(file)}.${what}-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* not every platform lets a directory be opened; the rename is still atomic */
  }
}

function removeSidecars(path: string): void {
  for (const ext of ['-wal', '-shm', '-journal']) rmSync(path + ext, { force: true });
}

/**
 * Checks that an open database is a youcheng registry in good order; throws BackupError saying what is wrong.
 * `integrity` false skips the (slow, full) integrity check.
 */
export function checkRegistry(db: Database.Database, what: string, integrity = true): RegistryCheck {
  const has = (t: string) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t);
  if (!has('schema_migrations')) throw new BackupError(`${what} is not a youcheng registry (it has no schema_migrations table)`);
  const schemaVersion = (db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null) ?? 0;
  const known = Math.max(...migrations.map((m) => m.version));
  if (schemaVersion > known) {
    throw new BackupError(`${what} has schema version ${schemaVersion}, newer than this program knows (${known}): update youcheng first`);
  }
  for (const t of ['sources', 'claims']) if (!has(t)) throw new BackupError(`${what} is not a youcheng registry (it has no ${t} table)`);
  if (integrity) {
    const problems = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new BackupError(`${what} is damaged: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
    }
  }
  const count = (t: string) => (has(t) ? (db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number) : 0);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  return {
    schemaVersion,
    sources: count('sources'),
    claims: count('claims'),
    relationships: count('relationships'),
    pages,
    bytes: pages * pageSize,
  };
}

/**
 * Copies the open registry `db` to `file` (replacing it if it exists) with the online backup API, and checks
 * the copy. Pages go over a thousand at a time (`pagesPerStep`), so a server using the same connection goes on
 * answering between steps; if another connection writes meanwhile, SQLite starts the copy over, and then the
 * rest goes in one step, so a busy registry cannot keep a backup from finishing.
 */
export async function backup(db: DB, file: string, opts: { pagesPerStep?: number } = {}): Promise<BackupReport> {
  const step = opts.pagesPerStep ?? 1000;
  const t0 = performance.now();
  const target = resolve(file);
  if (db.name && db.name !== ':memory:' && resolve(db.name) === target) throw new BackupError('a backup cannot overwrite the registry itself');
  if (!existsSync(dirname(target))) throw new BackupError(`cannot write ${file}: the folder ${dirname(target)} does not exist`);
  const tmp = tempBeside(target, 'backup');
  let restarts = 0;
  try {
    let lastRemaining = Infinity;
    await db.backup(tmp, {
      progress: ({ remainingPages }) => {
        if (remainingPages >= lastRemaining) restarts++; // no progress since the last step: it started over
        lastRemaining = remainingPages;
        return restarts > 0 ? 0x7fffffff : step;
      },
    });
    const copy = new Database(tmp);
    let check: RegistryCheck;
    try {
      check = checkRegistry(copy, 'the backup');
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    removeSidecars(tmp);
    fsyncFile(tmp);
    renameSync(tmp, target);
    fsyncDir(dirname(target));
    return { file: target, ...check, bytes: statSync(target).size, ms: performance.now() - t0, restarts };
  } catch (e) {
    rmSync(tmp, { force: true });
    removeSidecars(tmp);
    if (e instanceof BackupError) throw e;
    throw new BackupError(`backup to ${file} failed: ${(e as Error).message}`);
  }
}

/**
 * Replaces the registry at `dbPath` with the backup `file`, after checking it. The registry must not be open
 * in any process (stop the server first).
 */
export function restore(file: string, dbPath: string): RestoreReport {
  const t0 = performance.now();
  const src = resolve(file);
  const target = resolve(dbPath);
  if (!existsSync(src)) throw new BackupError(`no file ${file}`);
  if (src === target) throw new BackupError('the backup and the registry are the same file');
  if (!existsSync(dirname(target))) throw new BackupError(`the folder ${dirname(target)} does not exist`);
  // Refuse a file that is no SQLite database, or no registry, before anything is touched.
  let probe: Database.Database | null = null;
  try {
    probe = new Database(src, { readonly: true, fileMustExist: true });
    probe.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    checkRegistry(probe, file, false);
  } catch (e) {
    if (e instanceof BackupError) throw e;
    const msg = (e as Error).message;
    if (/malformed|corrupt/i.test(msg)) throw new BackupError(`${file} is damaged (${msg})`);
    throw new BackupError(`${file} is not a sound SQLite database (${msg})`);
  } finally {
    probe?.close();
  }

  const tmp = tempBeside(target, 'restore');
  try {
    copyFileSync(src, tmp);
    // A backup taken by another tool may still be in WAL mode with its log beside it: bring that in too.
    if (existsSync(src + '-wal')) copyFileSync(src + '-wal', tmp + '-wal');
    const copy = new Database(tmp);
    let check: RegistryCheck;
    try {
      check = checkRegistry(copy, file);
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    removeSidecars(tmp);
    fsyncFile(tmp);
    const replaced = existsSync(target);
    removeSidecars(target);
    renameSync(tmp, target);
    fsyncDir(dirname(target));
    return { from: src, db: target, ...check, ms: performance.now() - t0, replaced };
  } catch (e) {
    rmSync(tmp, { force: true });
    removeSidecars(tmp);
    if (e instanceof BackupError) throw e;
    throw new BackupError(`restore from ${file} failed: ${(e as Error).message}`);
  }
}
