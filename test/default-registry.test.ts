// `npm run build` builds the default registry (the four sample lists and the open datasets) once, and
// `youcheng start` copies it to a registry path that holds nothing yet. What a user gets must be what building
// it would give, and a registry a user has must never be replaced.
//
// Needs the build (`npm test` runs it first): dist/default-registry.db is one of its outputs.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegistry, type DB } from '../src/registry/db.js';
import { copyPrebuilt, CURRENT_SCHEMA } from '../src/registry/prebuilt.js';
import { PREBUILT_DB, usablePrebuilt } from '../src/cli/default-registry.js';
import { ingestPaths } from '../src/cli/main.js';
import { PACKAGE_ROOT, SAMPLES_DIR } from '../src/paths.js';
import { defaultRegistry, tempDir } from './registry-helpers.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'youcheng.js');
const dir = tempDir();

/** Runs `youcheng start` on `db` until it serves, then stops it; its standard output. */
function startUntilServing(db: string): Promise<string> {
  const child = spawn(process.execPath, [BIN, 'start', '--db', db, '--port', '0', '--workers', '1', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      if (out.includes('youcheng is serving')) child.kill('SIGTERM');
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.on('exit', () => {
      clearTimeout(timer);
      if (out.includes('youcheng is serving')) resolve(out);
      else reject(new Error(`start did not serve:\n${out}\n${err}`));
    });
  });
}

type Tie = { cn: string; f: string; kind: string; start: string | null; status: string };
const ties = (db: Database.Database | DB): string[] =>
  (db.prepare('SELECT cn_place_id AS cn, foreign_place_id AS f, kind, start_date AS start, status FROM relationships').all() as Tie[])
    .map((t) => `${t.cn} ${t.f} ${t.kind} ${t.start} ${t.status}`)
    .sort();
const count = (db: Database.Database | DB, table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
const tieOf = (db: Database.Database | DB, cnZh: string, foreignEn: string) =>
  db
    .prepare(
      `SELECT r.start_date FROM relationships r JOIN places c ON c.id = r.cn_place_id JOIN places f ON f.id = r.foreign_place_id
       WHERE c.name_zh_hans = ? AND f.name_en = ?`,
    )
    .pluck()
    .all(cnZh, foreignEn) as Array<string | null>;

describe('youcheng start on a new registry path', () => {
  let built: DB;
  let copied: Database.Database;
  let out: string;
  const path = join(dir, 'new', 'youcheng.db');
  beforeAll(async () => {
    expect(usablePrebuilt(CURRENT_SCHEMA), 'run `npm run build` first').toEqual({ file: PREBUILT_DB });
    [out, built] = await Promise.all([startUntilServing(path), defaultRegistry().then((r) => r.db)]);
    copied = new Database(path, { readonly: true });
  }, 300_000);
  afterAll(() => {
    copied?.close();
    built?.close();
  });

  it('copies the registry the build made instead of building it', () => {
    expect(out).toContain(`Copied the registry built from the bundled sample lists and open datasets (by \`npm run build\`) to ${path}`);
    expect(out).not.toContain('Building the registry');
  });

  it('which holds what ingesting the samples and data/peer gives: the same places and the same ties', () => {
    expect(count(copied, 'sources')).toBe(6); // four sample lists, Hekman's pairs, the Wikidata links
    expect(count(copied, 'places')).toBe(count(built, 'places'));
    expect(count(copied, 'relationships')).toBe(count(built, 'relationships'));
    expect(count(copied, 'claims')).toBe(count(built, 'claims'));
    expect(ties(copied)).toEqual(ties(built));
  });

  it('with ties a person checked in the documents', () => {
    for (const db of [copied, built]) {
      // data/samples/000 line 62: Dalian – Genoa, 2002-10-23 (the Wikipedia list, which dates it)
      expect(tieOf(db, '大连市', 'Genoa')).toEqual(['2002-10-23']);
      // data/peer/wikidata-twins/links.tsv line 102: Q74881 Dalian – Q20934 Incheon (a dataset: no date)
      expect(tieOf(db, '大连市', 'Incheon').length).toBe(1);
      // links.tsv line 1146: Q42622 Suzhou (nodes.tsv line 710, 31.3 N 120.6 E: Jiangsu) – Q817965 Ikeda
      expect(tieOf(db, '苏州市', 'Ikeda').length).toBe(1);
    }
  });

  it('is one sound file of its own, in WAL mode once start has opened it', () => {
    expect(copied.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copied.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(CURRENT_SCHEMA);
    expect(copied.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});

describe('a registry a user has is never replaced', () => {
  it('start on an existing registry serves it as it is, and copies nothing over it', async () => {
    const path = join(dir, 'own.db');
    const db = openRegistry(path);
    await ingestPaths(db, [join(SAMPLES_DIR, '001_2be138cf16039818.txt')], { quiet: true, json: true });
    const before = { sources: count(db, 'sources'), claims: count(db, 'claims'), ties: ties(db) };
    db.close();
    expect(before.sources).toBe(1);
    const out = await startUntilServing(path);
    expect(out).not.toContain('Copied');
    expect(out).not.toContain('Building');
    const after = new Database(path, { readonly: true });
    try {
      expect({ sources: count(after, 'sources'), claims: count(after, 'claims'), ties: ties(after) }).toEqual(before);
    } finally {
      after.close();
    }
  }, 120_000);

  it('a copy refuses a file that is there, whatever it holds, and leaves its bytes as they were', () => {
    const path = join(dir, 'notes.db');
    writeFileSync(path, 'not a registry, but mine');
    expect(copyPrebuilt(PREBUILT_DB, path)).toMatchObject({ copied: false, why: 'exists' });
    expect(readFileSync(path, 'utf8')).toBe('not a registry, but mine');
  });

  it('a prebuilt file of another schema version is not copied (start builds the registry instead)', () => {
    const old = join(dir, 'old-build.db');
    const db = openRegistry(old);
    db.prepare('DELETE FROM schema_migrations WHERE version = ?').run(CURRENT_SCHEMA);
    db.close();
    const target = join(dir, 'from-old.db');
    expect(copyPrebuilt(old, target)).toMatchObject({ copied: false, why: 'schema' });
    expect(existsSync(target)).toBe(false);
    expect(copyPrebuilt(join(dir, 'no-such.db'), target)).toMatchObject({ copied: false, why: 'missing' });
    expect(existsSync(target)).toBe(false);
  });

  it('a copy of a registry in WAL mode holds what was committed to its log, as one file without a log', () => {
    // A committed document still in the -wal file: a copy of the main file's bytes alone would miss it.
    const src = join(dir, 'wal.db');
    const db = openRegistry(src);
    db.pragma('wal_autocheckpoint = 0');
    db.prepare(`INSERT INTO sources (source_key, version, file_name, sha256, bytes, format, ingested_at) VALUES ('k', 1, 'f.txt', 'x', 1, 'lists', '2024-01-01')`).run();
    const target = join(dir, 'wal-copy.db');
    expect(copyPrebuilt(src, target)).toMatchObject({ copied: true });
    db.close();
    expect(existsSync(target + '-wal')).toBe(false);
    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(copy.prepare('SELECT file_name FROM sources').pluck().all()).toEqual(['f.txt']);
    } finally {
      copy.close();
    }
  });
});
