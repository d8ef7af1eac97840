// A registry any SQLite tool reads: views for the common questions (ties with both names, countries and dates;
// claims with their documents' titles), foreign keys from relationships and claims to places (an existing
// registry file is migrated), and the relationships CSV carries names beside ids.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { openRegistry, type DB } from '../src/registry/db.js';
import { migrations } from '../src/registry/schema.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { sampleRegistry, tempDir } from './registry-helpers.js';

let db: DB;
let path: string;
beforeAll(async () => {
  ({ db, path } = await sampleRegistry());
});
afterAll(() => db?.close());

describe('views for the common questions', () => {
  it('ties: both names, the partner’s country and the dates — Dalian’s first, Kitakyushu 1979-05-01 (000 line 12)', () => {
    // as `sqlite3 registry.db "SELECT … FROM ties"` reads it, with no program of ours
    const plain = new Database(path, { readonly: true });
    const rows = plain
      .prepare(`SELECT cn_name_zh_hans, foreign_name_zh_hans, foreign_country_iso2, kind, status, start_date FROM ties WHERE cn_name_zh_hans = '大连市' AND status = 'listed' ORDER BY start_date`)
      .all() as Array<Record<string, string>>;
    plain.close();
    expect(rows).toHaveLength(34);
    expect(rows[0]).toEqual({ cn_name_zh_hans: '大连市', foreign_name_zh_hans: '北九州', foreign_country_iso2: 'JP', kind: 'sister', status: 'listed', start_date: '1979-05-01' });
    expect(db.prepare('SELECT COUNT(*) FROM ties').pluck().get()).toBe(db.prepare('SELECT COUNT(*) FROM relationships').pluck().get());
  });

  it('claims_with_documents: every claim with its document’s title, version and line', () => {
    const c = db
      .prepare(`SELECT title, file_name, version, current, line, cn_place, foreign_place, country, date_text FROM claims_with_documents WHERE file_name = '000_0f381ef73e09f27f.txt' AND line = 12`)
      .get();
    expect(c).toEqual({
      title: '大连市友好城市及友好合作关系城市统计表',
      file_name: '000_0f381ef73e09f27f.txt',
      version: 1,
      current: 1,
      line: 12,
      cn_place: '大连市',
      foreign_place: '北九州',
      country: '日本',
      date_text: '1979-05-01',
    });
    expect(db.prepare('SELECT COUNT(*) FROM claims_with_documents').pluck().get()).toBe(db.prepare('SELECT COUNT(*) FROM claims').pluck().get());
  });
});

describe('foreign keys to places', () => {
  it('relationships and claims refer to places, and a tie to no place is refused', () => {
    const fks = (t: string) => (db.pragma(`foreign_key_list(${t})`) as Array<{ table: string; from: string; to: string }>).filter((f) => f.table === 'places').map((f) => f.from).sort();
    expect(fks('relationships')).toEqual(['cn_place_id', 'foreign_place_id']);
    expect(fks('claims')).toEqual(['cn_place_id', 'foreign_place_id']);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() =>
      db.transaction(() => {
        db.prepare(`INSERT INTO relationships (cn_place_id, foreign_place_id, kind, start_precision, status, version) VALUES ('cn:210200', 'gn:0', 'sister', 'none', 'listed', 1)`).run();
      })(),
    ).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('a registry file made before them (schema 4) is migrated: every row kept, the keys there, the views too', () => {
    const old = join(tempDir(), 'old.db');
    const o = new Database(old);
    o.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of migrations.filter((m) => m.version <= 4)) {
      if (typeof m.sql === 'string') o.exec(m.sql);
      else m.sql(o);
      o.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01');
    }
    o.exec(`ATTACH '${path}' AS cur`);
    const tables = ['sources', 'claims', 'messages', 'declared_totals', 'places', 'place_names', 'relationship_ids', 'relationships', 'relationship_claims', 'conflicts', 'unresolved'];
    for (const t of tables) {
      const cols = (o.prepare(`SELECT name FROM pragma_table_info(?)`).all(t) as Array<{ name: string }>).map((c) => c.name).join(', ');
      o.exec(`INSERT INTO main.${t} (${cols}) SELECT ${cols} FROM cur.${t}`);
    }
    o.exec('DETACH cur');
    const count = (d: Database.Database) => tables.map((t) => d.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get());
    const before = count(o);
    o.close();
    const m = openRegistry(old);
    expect(count(m)).toEqual(before);
    expect((m.pragma('foreign_key_list(claims)') as Array<{ table: string }>).some((f) => f.table === 'places')).toBe(true);
    expect(m.pragma('foreign_key_check')).toEqual([]);
    expect(m.prepare('SELECT COUNT(*) FROM ties').pluck().get()).toBe(before[tables.indexOf('relationships')]);
    m.close();
  });
});

describe('the relationships CSV carries names beside ids', () => {
  it('youcheng export relationships --format csv: both places’ names and the partner’s country after their ids', () => {
    const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'youcheng.js'), 'export', 'relationships', '--format', 'csv', '--db', path], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const rows = parse(r.stdout, { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]).slice(0, 8)).toEqual(['id', 'cn_place_id', 'cn_name_zh_hans', 'cn_name_en', 'foreign_place_id', 'foreign_name_zh_hans', 'foreign_name_en', 'country_iso2']);
    const kita = rows.find((x) => x.cn_name_zh_hans === '大连市' && x.foreign_name_zh_hans === '北九州');
    expect(kita).toMatchObject({ cn_place_id: 'cn:210200', country_iso2: 'JP', start_date: '1979-05-01', kind: 'sister' });
  });
});
