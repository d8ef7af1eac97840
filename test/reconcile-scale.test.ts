// Reconciliation reads the claims a page at a time and keeps per claim only what settling its tie needs
// (src/resolve/reconcile.ts). Its results must not depend on how it holds them: a generated registry of
// ~14,000 claims (rows that name their country and rows that name none, names repeated across sources with
// dates that disagree, a second version that drops rows, people's edits) is reconciled with the default
// pages and memo, with pages of 7 claims and a memo of 3, and with pages of 1: every table reconcile writes
// is the same, row for row, and what it says is what the input says.
import { describe, it, expect, beforeAll } from 'vitest';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openRegistry, type DB } from '../src/registry/db.js';
import { ingestPaths } from '../src/cli/main.js';
import { reconcile, type ReconcileOptions } from '../src/resolve/reconcile.js';
import { createResolver } from '../src/resolve/index.js';
import { SAMPLES_DIR } from '../src/paths.js';
import { tempDir } from './registry-helpers.js';

/** Real places (resolved) and their countries; numbered names are unknown to the gazetteer (unresolved). */
const REAL: Array<[string, string]> = [
  ['奈良市', '日本'],
  ['热那亚', '意大利'],
  ['奥克兰', '新西兰'],
  ['釜山广域市', '韩国'],
  ['休斯敦', '美国'],
];
const ROWS = 6000;

function date(i: number): string {
  return `${1973 + (i % 50)}年${1 + (i % 12)}月${1 + (i % 28)}日`;
}

/** A city's list: every 10th row a real place (the same five again and again), every 7th row no country. */
function list(owner: string, n: number, skip: (i: number) => boolean = () => false, shift = 0): string {
  const lines = [`${owner}友好城市一览`, '序号 | 城市 | 国家 | 结好签字时间 |'];
  for (let i = 0; i < n; i++) {
    if (skip(i)) continue;
    const [real, country] = REAL[i % REAL.length];
    const name = i % 10 === 0 ? real : `${real.slice(0, 2)}甲${i}`;
    lines.push(`${i + 1} | ${name} | ${i % 7 === 3 ? '' : country} | ${date(i + shift)} |`);
  }
  return lines.join('\n') + '\n';
}

/** Every table reconcile writes, row for row (rowids included), and the claims' place ids. */
function derived(db: DB): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const t of ['places', 'place_names', 'place_facts', 'unresolved', 'relationships', 'relationship_claims', 'conflicts', 'relationship_ids']) {
    out[t] = db.prepare(`SELECT rowid AS _rowid, * FROM ${t} ORDER BY rowid`).raw().all() as unknown[][];
  }
  out.claims = db.prepare('SELECT id, cn_place_id, foreign_place_id FROM claims ORDER BY id').raw().all() as unknown[][];
  return out;
}

let db: DB;
let dir: string;
beforeAll(async () => {
  dir = tempDir();
  mkdirSync(join(dir, 'v1'));
  mkdirSync(join(dir, 'v2'));
  writeFileSync(join(dir, 'v1', 'dalian.txt'), list('大连市', ROWS));
  // The same names in another list with other dates: one tie per pair, conflicts where the dates disagree.
  writeFileSync(join(dir, 'v1', 'dalian-b.txt'), list('大连市', 1500, () => false, 5));
  writeFileSync(join(dir, 'v2', 'dalian.txt'), list('大连市', ROWS, (i) => i % 11 === 5));
  db = openRegistry(join(dir, 'registry.db'));
  await ingestPaths(db, [SAMPLES_DIR], { quiet: true, json: true });
  await ingestPaths(db, [join(dir, 'v1', 'dalian.txt'), join(dir, 'v1', 'dalian-b.txt')], { quiet: true, json: true, owner: '大连市' });
  await ingestPaths(db, [join(dir, 'v2', 'dalian.txt')], { quiet: true, json: true, owner: '大连市' });
}, 600_000);

describe('reconciliation at scale: results independent of how the claims are held', () => {
  it('pages of 7 with a memo of 3, and pages of 1, write the very tables the default does', () => {
    const runs: Array<[ReconcileOptions, Record<string, unknown[][]>, unknown]> = [];
    for (const opts of [{}, { pageSize: 7, memoMax: 3 }, { pageSize: 1, memoMax: 1 }] as ReconcileOptions[]) {
      const r = reconcile(db, createResolver(db), opts);
      runs.push([opts, derived(db), { ...r, ms: 0 }]);
    }
    const [[, first, report]] = runs;
    expect(first.relationships.length).toBeGreaterThan(ROWS / 2);
    for (const [, tables, r] of runs.slice(1)) {
      for (const t of Object.keys(first)) expect(tables[t], t).toEqual(first[t]);
      expect(r).toEqual(report);
    }
  }, 600_000);

  it('leaves the connection as it found it (temp store, no working tables), and writes the same inside a caller’s transaction, as an edit does', () => {
    const tempStore = db.pragma('temp_store', { simple: true });
    const tempTables = () => db.prepare("SELECT name FROM sqlite_temp_master WHERE type = 'table'").pluck().all();
    reconcile(db, createResolver(db));
    const alone = derived(db);
    expect(db.pragma('temp_store', { simple: true })).toBe(tempStore);
    expect(tempTables()).toEqual([]);
    db.transaction(() => reconcile(db, createResolver(db), { pageSize: 13 }))();
    const inside = derived(db);
    for (const t of Object.keys(alone)) expect(inside[t], t).toEqual(alone[t]);
    expect(tempTables()).toEqual([]);
    // A reconcile that fails leaves no working tables either (its transaction is rolled back).
    const broken = createResolver(db);
    broken.resolve = () => {
      throw new Error('resolver failed');
    };
    expect(() => reconcile(db, broken)).toThrow('resolver failed');
    expect(tempTables()).toEqual([]);
    for (const t of Object.keys(alone)) expect(derived(db)[t], t).toEqual(alone[t]);
  }, 600_000);

  it('reports its progress: from 0 to every claim of the registry, never backwards, once a page', () => {
    const claims = db.prepare('SELECT COUNT(*) FROM claims').pluck().get() as number;
    const seen: Array<[number, number]> = [];
    reconcile(db, createResolver(db), { pageSize: 1000, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen[0]).toEqual([0, claims]);
    expect(seen.at(-1)).toEqual([claims, claims]);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i][1]).toBe(claims);
      expect(seen[i][0] - seen[i - 1][0]).toBeGreaterThanOrEqual(0);
      expect(seen[i][0] - seen[i - 1][0]).toBeLessThanOrEqual(1000);
    }
    // at least one report per 1,000 claims (pages are per source version and per whether rows name a country)
    expect(seen.length).toBeGreaterThan(claims / 1000);
  }, 600_000);

  it('says what the input says: every claim in one tie, one tie per pair, unresolved names of current rows', () => {
    const one = (sql: string) => db.prepare(sql).pluck().get() as number;
    const source = (name: string, version: number) =>
      one(`SELECT id FROM sources WHERE file_name = '${name}' AND version = ${version}`);
    const v1 = source('dalian.txt', 1);
    const v2 = source('dalian.txt', 2);
    const b = source('dalian-b.txt', 1);
    expect(one(`SELECT COUNT(*) FROM claims WHERE source_id = ${v1}`)).toBe(ROWS);
    expect(one(`SELECT COUNT(*) FROM claims WHERE source_id = ${v2}`)).toBe(ROWS - Math.ceil((ROWS - 5) / 11));
    // Every claim of the generated lists (both sides named) stands in exactly one tie.
    expect(
      one(`SELECT COUNT(*) FROM claims c WHERE c.source_id IN (${v1}, ${v2}, ${b})
           AND (SELECT COUNT(*) FROM relationship_claims rc WHERE rc.claim_id = c.id) <> 1`),
    ).toBe(0);
    // A numbered name is unresolved: one provisional place and one tie per (name, country) written.
    const numbered = new Set<string>();
    for (let i = 0; i < ROWS; i++) if (i % 10 !== 0) numbered.add(`${REAL[i % REAL.length][0].slice(0, 2)}甲${i}\u0000${i % 7 === 3 ? '' : REAL[i % REAL.length][1]}`);
    expect(one(`SELECT COUNT(*) FROM places WHERE resolved = 0 AND id GLOB 'u:*甲*'`)).toBe(numbered.size);
    // Rows dropped by the second version are "no longer listed" (unless dalian-b still lists them: i < 1500).
    const dropped = [...Array(ROWS).keys()].filter((i) => i % 11 === 5 && i % 10 !== 0 && i >= 1500).length;
    expect(
      one(`SELECT COUNT(*) FROM relationships r JOIN places f ON f.id = r.foreign_place_id
           WHERE r.status = 'unlisted' AND f.id GLOB 'u:*甲*'`),
    ).toBe(dropped);
    // Unresolved rows are those of current versions only; dalian.txt v1's are not among them.
    expect(one(`SELECT COUNT(*) FROM unresolved u JOIN claims c ON c.id = u.claim_id WHERE c.source_id = ${v1}`)).toBe(0);
    expect(one(`SELECT COUNT(*) FROM unresolved u JOIN claims c ON c.id = u.claim_id WHERE c.source_id = ${v2} AND u.side = 'foreign'`)).toBeGreaterThan(
      (ROWS * 8) / 10,
    );
    // The two lists disagree on the dates of the real places they share.
    expect(one('SELECT COUNT(*) FROM conflicts')).toBeGreaterThan(0);
  });
});
