// An ingest reconciles only what its new documents touch when that gives what reconciling everything would
// (src/resolve/incremental.ts). Proven here by building the same registry both ways: the four samples, then
// more documents one ingest at a time — new lists naming places the registry already has, a list of real
// foreign cities, a new version of a sample (re-dated, rows dropped), a list whose rows name no country — one
// registry reconciling what changed, the other everything after each ingest. After every step each table
// reconciliation writes is the same in both, row for row (in key order: an incremental write appends, so
// SQLite's hidden row numbers differ), relationship ids included. Each step also says which way it went, so
// the incremental path is known to have been taken where it should.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openRegistry, type DB } from '../src/registry/db.js';
import { ingestPaths } from '../src/cli/main.js';
import { reconcile } from '../src/resolve/reconcile.js';
import { createResolver } from '../src/resolve/index.js';
import { PACKAGE_ROOT, SAMPLES_DIR } from '../src/paths.js';
import { tempDir } from './registry-helpers.js';

const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures');

/** Every table reconciliation writes, in key order; conflicts by tie, in the order written for it. */
function derived(db: DB): Record<string, unknown[][]> {
  const q = (sql: string) => db.prepare(sql).raw().all() as unknown[][];
  return {
    places: q('SELECT * FROM places ORDER BY id'),
    place_names: q('SELECT * FROM place_names ORDER BY place_id, name'),
    place_facts: q('SELECT * FROM place_facts ORDER BY place_id, source_id, line, key, value'),
    unresolved: q('SELECT * FROM unresolved ORDER BY claim_id, side'),
    relationships: q('SELECT * FROM relationships ORDER BY id'),
    relationship_claims: q('SELECT * FROM relationship_claims ORDER BY relationship_id, claim_id'),
    conflicts: q('SELECT relationship_id, field, detail FROM conflicts ORDER BY relationship_id, id'),
    relationship_ids: q('SELECT * FROM relationship_ids ORDER BY id'),
    place_qid_matches: q('SELECT * FROM place_qid_matches ORDER BY place_id'),
    claims: q('SELECT id, cn_place_id, foreign_place_id FROM claims ORDER BY id'),
  };
}

// The documents added after the samples, in order, with the owner an ingest gives them.
const steps: Array<{ label: string; path: () => string; owner?: string; incremental: boolean }> = [
  { label: 'a new list naming places the samples have (热那亚, 奈良市)', path: () => doc('lanzhou.txt', lanzhou), owner: '兰州市', incremental: true },
  // its row 3 names no country
  { label: 'a whitespace-aligned list of Dalian', path: () => join(FIXTURES, 'whitespace-aligned-zh.txt'), owner: '大连市', incremental: false },
  // its 东京都 (new to the registry) is a name a sample's row without a country looks for
  { label: 'a two-sided list in traditional script', path: () => join(FIXTURES, 'two-sided-traditional.txt'), incremental: false },
  { label: 'a new version of a sample (its manifest beside it)', path: () => join(FIXTURES, 'versions', '002_1b86fcdda1af5c3a.txt'), incremental: true },
  { label: 'a new version of the new list, re-dated and a row dropped', path: () => doc('v2/lanzhou.txt', lanzhou2), owner: '兰州市', incremental: true },
  { label: 'a list whose rows name no country', path: () => doc('yinchuan.txt', noCountry), owner: '银川市', incremental: false },
  { label: 'a list after it (the registry reconciled in full just before)', path: () => doc('xining.txt', xining), owner: '西宁市', incremental: true },
];

let dir: string;
const doc = (name: string, text: string) => {
  const f = join(dir, 'docs', name);
  mkdirSync(join(f, '..'), { recursive: true });
  writeFileSync(f, text);
  return f;
};
const lanzhou = '序号 | 城市 | 国家 | 结好时间\n1 | 热那亚 | 意大利 | 1996年4月1日\n2 | 奈良市 | 日本 | 1998年5月2日\n3 | 阿克托别 | 哈萨克斯坦 | 2005年\n4 | 兰甲城 | 美国 | 2010年3月\n';
const lanzhou2 = '序号 | 城市 | 国家 | 结好时间\n1 | 热那亚 | 意大利 | 1997年4月1日\n3 | 阿克托别 | 哈萨克斯坦 | 2005年\n4 | 兰甲城 | 美国 | 2010年3月\n';
const noCountry = '序号 | 城市 | 国家 | 结好时间\n1 | 热那亚 |  | 1999年\n2 | 银乙镇 |  | 2001年\n';
const xining = '序号 | 城市 | 国家 | 结好时间\n1 | 西丙市 | 美国 | 2002年\n2 | 奈良市 | 日本 | 2003年\n';

let a: DB; // reconciles what changed
let b: DB; // reconciles everything
const results: Array<{ label: string; incremental: boolean; rebuiltBecause?: string; equal: boolean; diff: string[] }> = [];

beforeAll(async () => {
  dir = tempDir();
  a = openRegistry(join(dir, 'a.db'));
  b = openRegistry(join(dir, 'b.db'));
  await ingestPaths(a, [SAMPLES_DIR], { quiet: true, json: true });
  await ingestPaths(b, [SAMPLES_DIR], { quiet: true, json: true, reconcile: 'all' });
  for (const s of steps) {
    const path = s.path();
    const ra = await ingestPaths(a, [path], { owner: s.owner, quiet: true, json: true });
    const rb = await ingestPaths(b, [path], { owner: s.owner, quiet: true, json: true, reconcile: 'all' });
    expect(ra.reports.map((r) => r.status)).toEqual(rb.reports.map((r) => r.status));
    const da = derived(a);
    const db = derived(b);
    const diff = Object.keys(da).filter((t) => JSON.stringify(da[t]) !== JSON.stringify(db[t]));
    const { incremental, rebuiltBecause } = ra.reconciled;
    results.push({ label: s.label, incremental: !!incremental, rebuiltBecause, equal: diff.length === 0, diff });
    expect({ label: s.label, diff }).toEqual({ label: s.label, diff: [] });
    // the same figures as the full reconciliation reports
    expect({ ...ra.reconciled, ms: 0, incremental: undefined, rebuiltBecause: undefined }).toEqual({ ...rb.reconciled, ms: 0 });
  }
}, 300_000);

describe('reconciling what an ingest changed', () => {
  it('gives every derived table a full reconciliation gives, after every ingest', () => {
    expect(results.map((r) => [r.label, r.equal])).toEqual(steps.map((s) => [s.label, true]));
  });

  it('is incremental where nothing stored could resolve otherwise, and says why not where it is not', () => {
    expect(results.map((r) => [r.label, r.incremental])).toEqual(steps.map((s) => [s.label, s.incremental]));
    const noCountryStep = results.find((r) => r.label.startsWith('a list whose rows name no country'))!;
    expect(noCountryStep.rebuiltBecause).toMatch(/name no country/);
    expect(results.find((r) => r.label.startsWith('a two-sided'))!.rebuiltBecause).toMatch(/would be found by rows that name no country/);
  });

  it('rebuilds everything when the inputs recorded with the last reconciliation are not the ones now', async () => {
    const copy = join(dir, 'c.db');
    a.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(join(dir, 'a.db'), copy);
    const c = openRegistry(copy);
    // A full reconciliation records the inputs; a stale record (as after an upgrade of the gazetteer) must not be trusted.
    c.prepare("UPDATE reconcile_state SET inputs = 'stale'").run();
    const r = await ingestPaths(c, [doc('haidong.txt', '序号 | 城市 | 国家 | 结好时间\n1 | 海丁市 | 美国 | 2004年\n')], { owner: '海东市', quiet: true, json: true });
    expect(r.reconciled.incremental).toBeUndefined();
    expect(r.reconciled.rebuiltBecause).toMatch(/changed since the last reconciliation/);
    // and the next one is incremental again
    const r2 = await ingestPaths(c, [doc('haidong2.txt', '序号 | 城市 | 国家 | 结好时间\n1 | 海戊市 | 美国 | 2005年\n')], { owner: '海东市', quiet: true, json: true });
    expect(r2.reconciled.incremental).toBe(true);
    c.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(copy, join(dir, 'c-full.db'));
    const full = openRegistry(join(dir, 'c-full.db'));
    reconcile(full, createResolver(full));
    expect(derived(c)).toEqual(derived(full));
    c.close();
    full.close();
  });
});
