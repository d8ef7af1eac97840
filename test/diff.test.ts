// Two versions of one published list: what `youcheng diff` reports, and what reconciliation makes of a tie the
// newer version no longer names. The second version is test/fixtures/versions/002_1b86fcdda1af5c3a.txt: the
// Guangzhou sample with one row removed (Frankfurt), one added (Belo Horizonte), one re-dated (Linköping), and
// the rows after the removed one renumbered (see the README beside it).
import { describe, it, expect, beforeAll, vi } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import type { DB } from '../src/registry/db.js';
import { openRegistry } from '../src/registry/db.js';
import { ingestPaths } from '../src/cli/main.js';
import { diffSource, DiffError } from '../src/registry/diff.js';
import { registerExchangeCommands } from '../src/cli/exchange.js';
import { PACKAGE_ROOT, SAMPLES_DIR } from '../src/paths.js';
import { tempDir } from './registry-helpers.js';

const FILE = '002_1b86fcdda1af5c3a.txt';
const V1 = join(SAMPLES_DIR, FILE);
const V2 = join(PACKAGE_ROOT, 'test', 'fixtures', 'versions', FILE);

const FRANKFURT = 'gn:2925533';
const LINKOPING = 'gn:2694762';
const BELO_HORIZONTE = 'gn:3470127';
const GUANGZHOU = 'cn:440100';

let db: DB;
let dbPath: string;

beforeAll(async () => {
  dbPath = join(tempDir(), 'versions.db');
  db = openRegistry(dbPath);
  await ingestPaths(db, [V1], { quiet: true, json: true });
  const { reports } = await ingestPaths(db, [V2], { quiet: true, json: true });
  expect(reports[0]).toMatchObject({ status: 'added', version: 2, owner: '广州市' });
});

describe('diffSource', () => {
  it('finds exactly the three changes, matched by place although most rows moved up a line', () => {
    const d = diffSource(db, FILE);
    expect(d.source_key).toBe(FILE);
    expect(d.from).toMatchObject({ version: 1, file_name: FILE, as_of: '2024', rows: 107 });
    expect(d.to).toMatchObject({ version: 2, file_name: FILE, as_of: '2025-10', rows: 107 });
    expect(d.rekinded).toEqual([]);
    expect(d.unchanged).toBe(105);

    expect(d.removed).toEqual([
      {
        change: 'removed',
        cn_place_id: GUANGZHOU,
        foreign_place_id: FRANKFURT,
        cn_name: '广州市',
        foreign_name: '法兰克福',
        country_iso2: 'DE',
        from: {
          line: 15, section: '广州市国际友好城市一览', cn_place: '广州市', foreign_place: '法兰克福', country: '德国',
          date: '1988-04-11', date_as_written: '1988.04.11', date_precision: 'day', kind: 'sister', status: 'listed',
        },
        to: null,
      },
    ]);

    expect(d.added).toHaveLength(1);
    expect(d.added[0]).toMatchObject({
      change: 'added',
      cn_place_id: GUANGZHOU,
      foreign_place_id: BELO_HORIZONTE,
      foreign_name: '贝洛奥里藏特',
      country_iso2: 'BR',
      from: null,
      to: { line: 123, foreign_place: '贝洛奥里藏特', country: '巴西', date: '2025-10-14', date_as_written: '2025.10.14', kind: 'cooperation' },
    });

    expect(d.redated).toHaveLength(1);
    expect(d.redated[0]).toMatchObject({
      change: 'redated',
      cn_place_id: GUANGZHOU,
      foreign_place_id: LINKOPING,
      foreign_name: '林雪平',
      from: { line: 18, date: '1997-11-24', date_as_written: '1997.11.24' },
      to: { line: 17, date: '1997-11-04', date_as_written: '1997.11.04' },
    });
  });

  it('the removed tie is no longer listed, naming the version that dropped it; the others follow the new version', () => {
    const rel = (f: string) =>
      db.prepare('SELECT * FROM relationships WHERE cn_place_id = ? AND foreign_place_id = ?').get(GUANGZHOU, f) as Record<string, unknown>;
    expect(rel(FRANKFURT)).toMatchObject({ status: 'unlisted', unlisted_in: `${FILE} v2`, start_date: '1988-04-11' });
    expect(rel(LINKOPING)).toMatchObject({ status: 'listed', unlisted_in: null, start_date: '1997-11-04' });
    expect(rel(BELO_HORIZONTE)).toMatchObject({ status: 'listed', kind: 'cooperation', start_date: '2025-10-14' });
    const unlisted = db.prepare(`SELECT COUNT(*) FROM relationships WHERE status = 'unlisted'`).pluck().get();
    expect(unlisted).toBe(1);
  });

  it('takes versions in either order, and finds a source by its key or its file name', () => {
    const back = diffSource(db, FILE, { from: 2, to: 1 });
    expect(back.added.map((c) => c.foreign_place_id)).toEqual([FRANKFURT]);
    expect(back.removed.map((c) => c.foreign_place_id)).toEqual([BELO_HORIZONTE]);
    expect(back.redated[0]).toMatchObject({ from: { date: '1997-11-04' }, to: { date: '1997-11-24' } });
    expect(diffSource(db, FILE, { to: 2 }).added).toHaveLength(1);
  });

  it('says plainly what it cannot compare', () => {
    expect(() => diffSource(db, 'nope.txt')).toThrow(DiffError);
    expect(() => diffSource(db, 'nope.txt')).toThrow(/no document called "nope.txt"/);
    expect(() => diffSource(db, FILE, { from: 1, to: 3 })).toThrow(/has no version 3 \(it has v1, v2\)/);
    expect(() => diffSource(db, FILE, { from: 2, to: 2 })).toThrow(/both version 2/);
    expect(() => diffSource(db, FILE, { to: 1 })).toThrow(/only version 1/);
  });

  it('matches a place that resolves to nothing by its folded name and country', async () => {
    const dir = tempDir();
    const doc = (rows: string[]) => `城市,国家,结好时间\n${rows.join('\n')}\n`;
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    // Made-up places: no gazetteer knows them. Same names in v2 written in traditional script and other case.
    writeFileSync(join(dir, 'a', 'made-up.csv'), doc(['乌有镇,日本,2001-01-01', 'Nowhereville,美国,2002-02-02', '子虚市,法国,2003-03-03']));
    writeFileSync(join(dir, 'b', 'made-up.csv'), doc(['烏有鎮,日本,2001-01-01', 'NOWHEREVILLE,美国,2002-02-03', '子虚市,德国,2003-03-03']));
    const reg = openRegistry(join(dir, 'r.db'));
    await ingestPaths(reg, [join(dir, 'a')], { owner: '西安市', quiet: true, json: true });
    await ingestPaths(reg, [join(dir, 'b')], { owner: '西安市', quiet: true, json: true });
    const d = diffSource(reg, 'made-up.csv');
    expect(d.unchanged).toBe(1); // 乌有镇 = 烏有鎮
    expect(d.redated.map((c) => [c.foreign_place_id, c.from!.date, c.to!.date])).toEqual([[null, '2002-02-02', '2002-02-03']]);
    // the same name in another country is another place
    expect(d.removed.map((c) => c.country_iso2)).toEqual(['FR']);
    expect(d.added.map((c) => c.country_iso2)).toEqual(['DE']);
    reg.close();
  });
});

describe('youcheng diff', () => {
  async function cli(args: string[]): Promise<{ out: string; err: string; code: number }> {
    let out = '';
    let err = '';
    const program = new Command('youcheng').exitOverride();
    program.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) }); // before the commands: they copy it
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

  it('prints the three changes with both versions’ lines and dates', async () => {
    const r = await cli(['diff', FILE, '--db', dbPath]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${FILE}: v1 (${FILE}, as of 2024, 107 rows) → v2 (${FILE}, as of 2025-10, 107 rows)`);
    expect(r.out).toMatch(/\+ 广州市 — 贝洛奥里藏特 \(BR\)\s+2025-10-14\s+\[cooperation\]\s+v2 line 123/);
    expect(r.out).toMatch(/- 广州市 — 法兰克福 \(DE\)\s+1988-04-11\s+\[sister\]\s+v1 line 15/);
    expect(r.out).toMatch(/~ 广州市 — 林雪平 \(SE\)\s+1997-11-24 → 1997-11-04\s+lines 18 → 17/);
    expect(r.out).toContain('1 added, 1 removed, 1 re-dated, 0 kind changed, 105 unchanged');
  });

  it('--json gives the diff as data; bad versions are refused with a message', async () => {
    const r = await cli(['diff', FILE, '--from', 'v1', '--to', '2', '--db', dbPath, '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out);
    expect([d.added.length, d.removed.length, d.redated.length]).toEqual([1, 1, 1]);
    const bad = await cli(['diff', FILE, '--from', '7', '--db', dbPath]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^youcheng: .*has no version 7/);
    const notNumber = await cli(['diff', FILE, '--from', 'latest', '--db', dbPath]);
    expect(notNumber.code).not.toBe(0);
    expect(notNumber.err).toMatch(/must be a version number/);
  });
});
