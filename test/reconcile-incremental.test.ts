// What an ingest reconciles: a refused document is stored nowhere and costs no reconciliation (asserted by
// what was committed, not by time: the figures are in npm run bench, bench/startup.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../src/registry/db.js';
import { ingestPaths } from '../src/cli/main.js';
import { counts } from '../src/registry/queries.js';
import { sampleRegistry, tempDir } from './registry-helpers.js';

let db: DB;
let path: string;
beforeAll(async () => {
  ({ db, path } = await sampleRegistry());
}, 180_000);
afterAll(() => db?.close());

describe('a refused document', () => {
  it('commits nothing and is not followed by a reconciliation', async () => {
    const before = counts(db);
    // Another connection sees data_version change whenever a transaction is committed to the file.
    const watcher = new Database(path, { readonly: true });
    const version = () => watcher.pragma('data_version', { simple: true }) as number;
    const v0 = version();
    const file = join(tempDir(), 'notes.txt');
    writeFileSync(file, '会议纪要\n\n今天下午讨论了明年的预算安排，没有其他事项。\n');
    const { reports, reconciled } = await ingestPaths(db, [file], { quiet: true, json: true });
    expect(reports.map((r) => r.status)).toEqual(['refused']);
    expect(reconciled.skipped).toBe(true);
    expect(version()).toBe(v0);
    // the report gives the registry as it stands: the four samples' 536 relationships
    expect(reconciled.relationships).toBe(before.relationships);
    expect(reconciled.places).toBe(before.places);
    expect(counts(db)).toEqual(before);
    watcher.close();
  });

  it('a document that is read is reconciled (the registry changes)', async () => {
    const watcher = new Database(path, { readonly: true });
    const v0 = watcher.pragma('data_version', { simple: true }) as number;
    const file = join(tempDir(), 'list.txt');
    writeFileSync(file, '序号 | 城市 | 国家 | 结好时间\n1 | 热那亚 | 意大利 | 1996年4月1日\n');
    const { reports, reconciled } = await ingestPaths(db, [file], { owner: '兰州市', quiet: true, json: true });
    expect(reports[0]!.status).toBe('added');
    expect(reconciled.skipped).toBeUndefined();
    expect(watcher.pragma('data_version', { simple: true })).not.toBe(v0);
    watcher.close();
  });
});
