// Backups taken while another process ingests are consistent; restores check what they are given and replace
// the registry whole.
import { describe, it, expect, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, openSync, readdirSync, writeFileSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Command } from 'commander';
import { openRegistry } from '../src/registry/db.js';
import { backup, restore, BackupError } from '../src/registry/backup.js';
import { registerExchangeCommands } from '../src/cli/exchange.js';
import { ingestPaths } from '../src/cli/main.js';
import { PACKAGE_ROOT, SAMPLES_DIR } from '../src/paths.js';
import { delimitedDocument } from '../bench/generate.js';
import { tempDir } from './registry-helpers.js';
import { migrations } from '../src/registry/schema.js';

/** The schema a registry made now has: the last migration's. */
const LATEST_SCHEMA = Math.max(...migrations.map((m) => m.version));

const BIN = join(PACKAGE_ROOT, 'bin', 'youcheng.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens a restored registry and checks it: integrity, and every document version whole. */
function inspect(path: string): { integrity: string[]; sources: Array<{ file_name: string; rows_read: number; claims: number }> } {
  const db = new Database(path, { readonly: true });
  try {
    return {
      integrity: db.prepare('PRAGMA integrity_check').pluck().all() as string[],
      sources: db
        .prepare('SELECT s.file_name, s.rows_read, (SELECT COUNT(*) FROM claims c WHERE c.source_id = s.id) AS claims FROM sources s ORDER BY s.id')
        .all() as Array<{ file_name: string; rows_read: number; claims: number }>,
    };
  } finally {
    db.close();
  }
}

describe('backup while another process ingests', () => {
  it(
    'every backup restores to a consistent registry: integrity ok, each document wholly present or absent',
    async () => {
      const dir = tempDir();
      const live = join(dir, 'live.db');
      // The registry exists before the other process starts, so the two never race to create it.
      const db = openRegistry(live);
      await ingestPaths(db, [join(SAMPLES_DIR, '002_1b86fcdda1af5c3a.txt')], { quiet: true, json: true });
      const docs = join(dir, 'docs');
      mkdirSync(docs);
      const SIZES = [20000, 20001, 20002];
      for (const n of SIZES) writeFileSync(join(docs, `big-${n}.txt`), delimitedDocument(n));

      const child = spawn(process.execPath, [BIN, 'ingest', docs, '--owner', '大连市', '--db', live, '--quiet'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
      let done = false;
      void exited.then(() => (done = true));

      const files: string[] = [];
      while (!done) {
        const f = join(dir, `backup-${files.length}.db`);
        await backup(db, f);
        files.push(f);
        await sleep(150);
      }
      expect(await exited, stderr).toBe(0);
      const last = join(dir, `backup-${files.length}.db`);
      await backup(db, last);
      files.push(last);
      db.close();
      expect(files.length).toBeGreaterThanOrEqual(3);

      const bigPresent = new Set<number>();
      for (const [i, f] of files.entries()) {
        expect(existsSync(f + '-wal')).toBe(false); // a backup is one self-contained file
        const target = join(dir, `restored-${i}.db`);
        const r = restore(f, target);
        expect(r.replaced).toBe(false);
        const { integrity, sources } = inspect(target);
        expect(integrity).toEqual(['ok']);
        for (const s of sources) expect(s.claims, `${f}: ${s.file_name}`).toBe(s.rows_read);
        const big = sources.filter((s) => s.file_name.startsWith('big-'));
        for (const s of big) expect(s.rows_read).toBe(Number(/big-(\d+)/.exec(s.file_name)![1]));
        expect(sources[0]!.file_name).toBe('002_1b86fcdda1af5c3a.txt');
        bigPresent.add(big.length);
      }
      // the first backup was taken before the other process wrote, the last after it finished
      expect(bigPresent.has(SIZES.length)).toBe(true);
      expect(bigPresent.size).toBeGreaterThanOrEqual(2);
    },
    180_000,
  );
});

describe('backup while another connection writes between its steps', () => {
  it('starts over once, then copies the rest in one step: it finishes, and the copy is whole', async () => {
    const dir = tempDir();
    const path = join(dir, 'busy.db');
    const db = openRegistry(path);
    await ingestPaths(db, [SAMPLES_DIR], { quiet: true, json: true });
    const pages = db.pragma('page_count', { simple: true }) as number;
    expect(pages).toBeGreaterThan(100);
    const writer = openRegistry(path);
    let writes = 0;
    let stop = false;
    const tick = () => {
      if (stop) return;
      writer.prepare("UPDATE sources SET title = 'write ' || ? WHERE id = 1").run(++writes);
      setImmediate(tick);
    };
    setImmediate(tick);
    const r = await backup(db, join(dir, 'busy.backup'), { pagesPerStep: 10 });
    stop = true;
    expect(r.restarts).toBeGreaterThanOrEqual(1);
    expect(writes).toBeGreaterThan(0);
    const { integrity, sources } = inspect(r.file);
    expect(integrity).toEqual(['ok']);
    for (const s of sources) expect(s.claims).toBe(s.rows_read);
    writer.close();
    db.close();
  });
});

describe('restore', () => {
  async function registryWith(path: string, file: string) {
    const db = openRegistry(path);
    await ingestPaths(db, [join(SAMPLES_DIR, file)], { quiet: true, json: true });
    return db;
  }

  it('replaces the registry whole and removes the old write-ahead log, which would otherwise be replayed into it', async () => {
    const dir = tempDir();
    const a = await registryWith(join(dir, 'a.db'), '001_2be138cf16039818.txt');
    const saved = join(dir, 'a.backup');
    const rep = await backup(a, saved);
    expect(rep).toMatchObject({ schemaVersion: LATEST_SCHEMA, sources: 1 });
    a.close();

    const target = join(dir, 'b.db');
    const b = await registryWith(target, '002_1b86fcdda1af5c3a.txt');
    // leave a write-ahead log behind, as a crash would: copy it while open, put it back after closing
    b.pragma('wal_autocheckpoint = 0');
    b.prepare("UPDATE sources SET title = 'changed in the log'").run();
    copyFileSync(target + '-wal', join(dir, 'stale-wal'));
    b.close();
    copyFileSync(join(dir, 'stale-wal'), target + '-wal');
    writeFileSync(target + '-shm', Buffer.alloc(32768));
    expect(statSync(target + '-wal').size).toBeGreaterThan(0);

    const r = restore(saved, target);
    expect(r).toMatchObject({ replaced: true, sources: 1, schemaVersion: LATEST_SCHEMA });
    expect(existsSync(target + '-wal')).toBe(false);
    expect(existsSync(target + '-shm')).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const { integrity, sources } = inspect(target);
    expect(integrity).toEqual(['ok']);
    expect(sources.map((s) => s.file_name)).toEqual(['001_2be138cf16039818.txt']);
    // and it opens as a registry again, in WAL mode
    const again = openRegistry(target);
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    again.close();
  });

  it('refuses what is not a sound youcheng registry, and leaves the registry as it was', async () => {
    const dir = tempDir();
    const target = join(dir, 'reg.db');
    (await registryWith(target, '002_1b86fcdda1af5c3a.txt')).close();
    const before = inspect(target).sources;

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database at all\n'.repeat(100));
    expect(() => restore(text, target)).toThrow(BackupError);
    expect(() => restore(text, target)).toThrow(/not a sound SQLite database/);

    const other = join(dir, 'other.db');
    const o = new Database(other);
    o.exec('CREATE TABLE things (x)');
    o.close();
    expect(() => restore(other, target)).toThrow(/not a youcheng registry \(it has no schema_migrations table\)/);

    const newer = join(dir, 'newer.db');
    const n = openRegistry(newer);
    n.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'x')").run();
    n.close();
    expect(() => restore(newer, target)).toThrow(/schema version 99, newer than this program knows/);

    // a registry damaged in the middle: pages of its tables overwritten
    const good = join(dir, 'good.backup');
    const g = openRegistry(join(dir, 'g.db'));
    await ingestPaths(g, [join(SAMPLES_DIR, '003_d8932dca6923e789.txt')], { quiet: true, json: true });
    await backup(g, good);
    g.close();
    const damaged = join(dir, 'damaged.backup');
    copyFileSync(good, damaged);
    const size = statSync(damaged).size;
    const fd = openSync(damaged, 'r+');
    for (let off = 8192; off < size - 4096; off += 16384) writeSync(fd, Buffer.alloc(512, 0x5a), 0, 512, off);
    closeSync(fd);
    expect(() => restore(damaged, target)).toThrow(/damaged\.backup is damaged/);

    expect(() => restore(join(dir, 'missing.db'), target)).toThrow(/no file/);
    expect(() => restore(target, target)).toThrow(/same file/);
    expect(inspect(target).sources).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a backup never overwrites the registry it copies', async () => {
    const dir = tempDir();
    const path = join(dir, 'r.db');
    const db = await registryWith(path, '002_1b86fcdda1af5c3a.txt');
    await expect(backup(db, path)).rejects.toThrow(/cannot overwrite the registry itself/);
    await expect(backup(db, join(dir, 'no-such-folder', 'b.db'))).rejects.toThrow(/does not exist/);
    db.close();
  });
});

describe('youcheng backup / restore', () => {
  async function cli(args: string[]): Promise<{ out: string; err: string; code: number }> {
    let out = '';
    let err = '';
    const program = new Command('youcheng').exitOverride();
    program.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
    registerExchangeCommands(program);
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out += String(s);
      return true;
    });
    let code = 0;
    try {
      await program.parseAsync(['node', 'youcheng', ...args]);
    } catch (e) {
      code = (e as { exitCode?: number }).exitCode ?? 70;
    } finally {
      spy.mockRestore();
    }
    return { out, err, code };
  }

  it('backs up and restores through the command line', async () => {
    const dir = tempDir();
    const path = join(dir, 'r.db');
    (await (async () => {
      const db = openRegistry(path);
      await ingestPaths(db, [join(SAMPLES_DIR, '002_1b86fcdda1af5c3a.txt')], { quiet: true, json: true });
      return db;
    })()).close();
    const b = await cli(['backup', join(dir, 'r.backup'), '--db', path]);
    expect(b.code).toBe(0);
    expect(b.out).toMatch(/^backed up .* 1 document versions, 107 claims, \d+ relationships; integrity ok/);
    const r = await cli(['restore', join(dir, 'r.backup'), '--db', join(dir, 'restored.db'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ replaced: false, sources: 1, claims: 107 });
    const bad = await cli(['restore', join(dir, 'nothing'), '--db', path]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^youcheng: no file /);
    const noDb = await cli(['backup', join(dir, 'x.backup'), '--db', join(dir, 'absent.db')]);
    expect(noDb.code).toBe(1);
    expect(noDb.err).toMatch(/no registry at/);
  });
});
