// A new version of a stored list that would lose what the registry knows is refused: one that reads to no row,
// one whose reader fails, one that lost more than half its rows (unless the person says the list did shrink),
// with a non-zero exit and the registry as it was. `--format X` on a file already stored reads it again.
//
// The list is sample 001, Xi'an's 40 partners (40 numbered rows, "我市已与33个国家的40个城市"), saved as
// list.txt; each test writes a new content under that name, as a person saving over the file would.
import { describe, it, expect, afterEach, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT, SAMPLES_DIR } from '../src/paths.js';
import { openRegistry } from '../src/registry/db.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { ingestPaths } from '../src/cli/main.js';
import { markdownReader } from '../src/readers/markdown.js';
import { tempDir } from './registry-helpers.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'youcheng.js');
const XIAN = join(SAMPLES_DIR, '001_2be138cf16039818.txt');
const SAMPLE_LINES = readFileSync(XIAN, 'utf8').split('\n');

function yc(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout + r.stderr };
}

/** A registry holding list.txt version 1 (Xi'an's 40 ties, all listed), and the path of list.txt. */
function stored(): { dir: string; db: string; list: string } {
  const dir = tempDir();
  const db = join(dir, 'r.db');
  const list = join(dir, 'list.txt');
  copyFileSync(XIAN, list);
  const r = yc(['ingest', list, '--owner', '西安市', '--db', db]);
  expect(r.code, r.out).toBe(0);
  expect(r.out).toMatch(/list\.txt \[delimited\] version 1: 40 rows read/);
  return { dir, db, list };
}

/** What a person looks at: the versions of list.txt, and the ties by status. */
function state(db: string) {
  const d = openRegistry(db, { readonly: true });
  try {
    return {
      versions: d.prepare(`SELECT version, format, rows_read FROM sources WHERE source_key = 'list.txt' ORDER BY version`).all(),
      ties: Object.fromEntries(
        (d.prepare('SELECT status, COUNT(*) AS n FROM relationships GROUP BY status').all() as Array<{ status: string; n: number }>).map((r) => [r.status, r.n]),
      ),
    };
  } finally {
    d.close();
  }
}

const V1 = { versions: [{ version: 1, format: 'delimited', rows_read: 40 }], ties: { listed: 40 } };

/** The sample's first `n` numbered rows, under its own heading lines. */
const firstRows = (n: number) => [...SAMPLE_LINES.slice(0, 2), ...SAMPLE_LINES.slice(2, 2 + n)].join('\n') + '\n';

afterEach(() => vi.restoreAllMocks());

describe('a bad new version of a stored list is refused, the registry unchanged', () => {
  it('three rows the readers cannot read (`1 | x | y | z`): refused, exit 1, all 40 ties still listed', () => {
    const { db, list } = stored();
    expect(state(db)).toEqual(V1);
    writeFileSync(list, '1 | x | y | z\n2 | x | y | z\n3 | x | y | z\n');
    const r = yc(['ingest', list, '--owner', '西安市', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ list\.txt: not read/);
    expect(r.out).toMatch(/no rows: nothing in the document reads as a friendship-city tie/);
    expect(r.out).not.toMatch(/version 2/);
    expect(state(db)).toEqual(V1);
  });

  it('a large version (read line by line) that reads to no row is refused too', () => {
    const { db, list } = stored();
    // 3,000 such rows: over the 1,000 bytes given here as the size read line by line.
    writeFileSync(list, Array.from({ length: 3000 }, (_, i) => `${i + 1} | x | y | z`).join('\n') + '\n');
    const d = openRegistry(db);
    const r = ingestFile(d, list, { streamBytes: 1000, owner: '西安市' });
    d.close();
    expect(r.status).toBe('refused');
    expect(r.messages[0]).toMatchObject({ severity: 'error', code: 'no-rows' });
    expect(state(db)).toEqual(V1);
  });

  it('a version whose reader fails is refused; the one before stays the list', async () => {
    const { db, list } = stored();
    writeFileSync(list, ['## 西安市', '', '| 国家 | 城市 | 日期 |', '| --- | --- | --- |', '| 日本 | 奈良市 | 1974年 |'].join('\n') + '\n');
    vi.spyOn(markdownReader, 'read').mockImplementation(() => {
      throw new Error('out of stack');
    });
    const d = openRegistry(db);
    const { reports } = await ingestPaths(d, [list], { quiet: true, json: true, format: 'markdown', owner: '西安市' });
    d.close();
    expect(reports[0].status).toBe('refused');
    expect(reports[0].messages[0].reason).toBe('the markdown reader failed: out of stack');
    expect(state(db)).toEqual(V1);
  });

  it('a version with 19 of the 40 rows (more than half lost) is refused, saying how to accept it', () => {
    const { db, list } = stored();
    writeFileSync(list, firstRows(19));
    const r = yc(['ingest', list, '--owner', '西安市', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'this version of list.txt has 19 rows where version 1 has 40: more than half of the list would be gone, and the ties only it ' +
        'lists would be no longer listed. If the list did shrink, ingest it with --accept-shrink (or "acceptShrink": true in its manifest entry)',
    );
    expect(state(db)).toEqual(V1);
  });

  it('--accept-shrink stores it: version 2, 19 rows, the 21 ties gone from it no longer listed', () => {
    const { db, list } = stored();
    writeFileSync(list, firstRows(19));
    const r = yc(['ingest', list, '--owner', '西安市', '--db', db, '--accept-shrink']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/list\.txt \[delimited\] version 2: 19 rows read/);
    expect(state(db)).toEqual({
      versions: [
        { version: 1, format: 'delimited', rows_read: 40 },
        { version: 2, format: 'delimited', rows_read: 19 },
      ],
      ties: { listed: 19, unlisted: 21 },
    });
  });

  it('saving the file back as it was (a bad save undone) makes it the list again: version 3, all 40 listed', () => {
    const { db, list } = stored();
    writeFileSync(list, firstRows(19));
    expect(yc(['ingest', list, '--owner', '西安市', '--db', db, '--accept-shrink']).code).toBe(0);
    copyFileSync(XIAN, list);
    const r = yc(['ingest', list, '--owner', '西安市', '--db', db]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/list\.txt \[delimited\] version 3: 40 rows read/);
    expect(state(db)).toEqual({
      versions: [
        { version: 1, format: 'delimited', rows_read: 40 },
        { version: 2, format: 'delimited', rows_read: 19 },
        { version: 3, format: 'delimited', rows_read: 40 },
      ],
      ties: { listed: 40 },
    });
  });

  it('"acceptShrink": true in the manifest does the same', () => {
    const { dir, db, list } = stored();
    writeFileSync(list, firstRows(19));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ documents: [{ file: 'list.txt', owner: '西安市', acceptShrink: true }] }));
    const r = yc(['ingest', list, '--db', db]);
    expect(r.code, r.out).toBe(0);
    expect(state(db).versions).toHaveLength(2);
  });

  it('a version with 20 of the 40 rows (half, not more) is stored without being asked', () => {
    const { db, list } = stored();
    writeFileSync(list, firstRows(20));
    const r = yc(['ingest', list, '--owner', '西安市', '--db', db]);
    expect(r.code, r.out).toBe(0);
    expect(state(db).ties).toEqual({ listed: 20, unlisted: 20 });
  });
});

describe('--format on a file already stored reads it again', () => {
  it('--format lists on the unchanged file: version 2 read as lists, 40 rows; --format markdown (no rows) refused', () => {
    const { db, list } = stored();
    const again = yc(['ingest', list, '--owner', '西安市', '--db', db]);
    expect(again.out).toMatch(/list\.txt \[delimited\] unchanged \(already version 1\)/);
    const r = yc(['ingest', list, '--owner', '西安市', '--db', db, '--format', 'lists']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/list\.txt \[lists\] version 2: 40 rows read/);
    expect(state(db)).toEqual({
      versions: [
        { version: 1, format: 'delimited', rows_read: 40 },
        { version: 2, format: 'lists', rows_read: 40 },
      ],
      ties: { listed: 40 },
    });
    // the same format again: unchanged
    expect(yc(['ingest', list, '--owner', '西安市', '--db', db, '--format', 'lists']).out).toMatch(/list\.txt \[lists\] unchanged \(already version 2\)/);
    // a format that reads nothing in it: refused, version 2 stays
    const bad = yc(['ingest', list, '--owner', '西安市', '--db', db, '--format', 'markdown']);
    expect(bad.code).toBe(1);
    expect(state(db).versions).toHaveLength(2);
  });
});

describe('a registry file made before this (schema 3) is migrated, nothing of it lost', () => {
  it('its sources, claims and messages are kept, and the same bytes can then be read with another format', async () => {
    const { default: Database } = await import('better-sqlite3');
    const { migrations } = await import('../src/registry/schema.js');
    const { dir, db } = stored();
    // The file as schema 3 left it: sources unique per (source_key, sha256).
    const old = join(dir, 'old.db');
    const o = new Database(old);
    o.pragma('foreign_keys = ON');
    o.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of migrations.filter((m) => m.version <= 3)) {
      o.exec(m.sql as string);
      o.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01');
    }
    o.exec(`ATTACH '${db}' AS cur`);
    // The columns schema 3 had (later migrations add some: sources.type).
    for (const t of ['sources', 'claims', 'messages', 'declared_totals']) {
      const cols = (o.prepare(`SELECT name FROM pragma_table_info('${t}', 'main')`).pluck().all() as string[]).join(', ');
      o.exec(`INSERT INTO main.${t} (${cols}) SELECT ${cols} FROM cur.${t}`);
    }
    o.exec('DETACH cur');
    const counts = (d: InstanceType<typeof Database>) =>
      ['sources', 'claims', 'messages', 'declared_totals'].map((t) => d.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get());
    const before = counts(o);
    expect(before.slice(0, 2)).toEqual([1, 40]);
    o.close();
    const d = openRegistry(old);
    expect(counts(d)).toEqual(before);
    expect(d.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBeGreaterThanOrEqual(4);
    expect(d.pragma('foreign_key_check')).toEqual([]);
    expect(d.pragma('foreign_keys', { simple: true })).toBe(1);
    d.close();
    const list = join(dir, 'list.txt');
    const r = yc(['ingest', list, '--owner', '西安市', '--db', old, '--format', 'lists']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/list\.txt \[lists\] version 2: 40 rows read/);
  });
});
