// A registry built once and copied: `npm run build` builds the default registry (the sample lists and the
// open datasets) into one file, and `youcheng start` copies it to a user's registry path that holds nothing
// yet, which costs a fraction of reading and reconciling the documents again at every first start.
//
// The copy is made by SQLite (VACUUM INTO), never by copying the file's bytes: a registry in WAL mode keeps
// committed pages in its -wal file, and a byte copy of the main file alone can be a state that never was.
// VACUUM INTO writes one consistent snapshot as a single self-contained file. It is written beside the target
// under a temporary name and linked into place, and a link refuses to replace a file that exists: a registry
// that appears meanwhile (another `start` at the same moment, an ingest) is never overwritten.
import Database from 'better-sqlite3';
import { closeSync, constants, copyFileSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DB } from './db.js';
import { migrations } from './schema.js';

/** The schema version this program writes: a prebuilt file of another one is not copied. */
export const CURRENT_SCHEMA = Math.max(...migrations.map((m) => m.version));

const tempBeside = (file: string) => join(dirname(file), `.${basename(file)}.copy-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);

function fsyncPath(path: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    /* a folder cannot be opened on every platform; the link is still atomic */
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Writes one consistent snapshot of the open registry `db` to `tmp` (a path that must not exist). */
function snapshotTo(db: Database.Database, tmp: string): void {
  db.prepare('VACUUM INTO ?').run(tmp);
  // The snapshot keeps the journal mode of its origin; a file that is handed on stands alone.
  const copy = new Database(tmp);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  for (const ext of ['-wal', '-shm', '-journal']) rmSync(tmp + ext, { force: true });
  fsyncPath(tmp);
}

/**
 * Writes the open registry `db` to `file` as one self-contained file, replacing what was there (the build's
 * own output, which nobody else writes).
 */
export function writeSnapshot(db: DB, file: string): void {
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = tempBeside(target);
  try {
    snapshotTo(db, tmp);
    renameSync(tmp, target);
    fsyncPath(dirname(target));
  } finally {
    rmSync(tmp, { force: true });
  }
}

export type CopyOutcome =
  | { copied: true; ms: number }
  /** `exists`: a registry was at the target (it is left as it was); the others: the prebuilt file is no use. */
  | { copied: false; why: 'exists' | 'missing' | 'schema' | 'unreadable'; detail: string };

/**
 * Copies the prebuilt registry `from` to `target` when no file is at `target`. Refuses one that is not of this
 * program's schema version (an older build's file) or cannot be read; never replaces a file at `target`.
 */
export function copyPrebuilt(from: string, target: string): CopyOutcome {
  const t0 = performance.now();
  const dest = resolve(target);
  if (existsSync(dest)) return { copied: false, why: 'exists', detail: `${dest} exists` };
  if (!existsSync(from)) return { copied: false, why: 'missing', detail: `no prebuilt registry at ${from}` };
  let src: Database.Database;
  try {
    src = new Database(from, { readonly: true, fileMustExist: true });
  } catch (e) {
    return { copied: false, why: 'unreadable', detail: `${from}: ${(e as Error).message}` };
  }
  mkdirSync(dirname(dest), { recursive: true });
  const tmp = tempBeside(dest);
  try {
    let version: number | null;
    try {
      version = src.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null;
    } catch (e) {
      return { copied: false, why: 'unreadable', detail: `${from}: ${(e as Error).message}` };
    }
    if (version !== CURRENT_SCHEMA) {
      return { copied: false, why: 'schema', detail: `${from} has schema version ${version ?? 'none'}, this program ${CURRENT_SCHEMA}` };
    }
    snapshotTo(src, tmp);
    try {
      linkSync(tmp, dest); // fails with EEXIST rather than replace a registry that appeared meanwhile
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return { copied: false, why: 'exists', detail: `${dest} exists` };
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw e;
      // A file system without hard links: the snapshot is a closed, self-contained file, so its bytes may be
      // copied, and COPYFILE_EXCL refuses an existing target as the link does.
      try {
        copyFileSync(tmp, dest, constants.COPYFILE_EXCL);
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return { copied: false, why: 'exists', detail: `${dest} exists` };
        rmSync(dest, { force: true }); // ours (EXCL made it), and cut short: no half registry is left
        throw e2;
      }
    }
    fsyncPath(dirname(dest));
    return { copied: true, ms: performance.now() - t0 };
  } finally {
    src.close();
    rmSync(tmp, { force: true });
  }
}
