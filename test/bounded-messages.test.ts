// Messages are bounded: a warning quotes at most 200 characters of a cell, and says how long it was (one quoted a
// cell of 200,000 characters and the registry stored it whole); an error body of the API quotes the bad value
// once, bounded; a problem of the whole document is not given as "line 0".
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';
import { openRegistry, type DB } from '../src/registry/db.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { createApp } from '../src/server/index.js';
import { tempDir } from './registry-helpers.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'youcheng.js');
const yc = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout + r.stderr };
};

// Line 3: a country cell of 200,000 无; line 4: a date cell of 200,000 九; the other rows ordinary.
const LONG = 200_000;
const DOC = [
  '序号 | 城市 | 国家 | 结好时间 |',
  '1 | 奈良市 | 日本 | 1974年2月1日 |',
  `2 | 京都市 | ${'无'.repeat(LONG)} | 1974年5月10日 |`,
  `3 | 热那亚 | 意大利 | ${'九'.repeat(LONG)} |`,
  '4 | 釜山 | 韩国 | 1993年 |',
].join('\n');

describe('a warning quotes at most 200 characters of a cell', () => {
  let dir: string;
  let db: DB;
  beforeAll(() => {
    dir = tempDir();
    writeFileSync(join(dir, 'long.txt'), DOC + '\n');
    db = openRegistry(join(dir, 'r.db'));
  });

  it('in the report and in the registry: the cell’s first 200 characters, an ellipsis and its length', () => {
    const r = ingestFile(db, join(dir, 'long.txt'), { owner: '西安市' });
    expect(r.status).toBe('added');
    expect(r.rows).toBe(4);
    const byLine = Object.fromEntries(r.messages.map((m) => [m.line, m.reason]));
    expect(byLine[3]).toBe(`unknown country "${'无'.repeat(200)}…" (200000 characters)`);
    expect(byLine[4]).toMatch(new RegExp(`^unreadable date "${'九'.repeat(200)}…" \\(200000 characters\\): `));
    for (const m of r.messages) expect(m.reason.length, m.reason.slice(0, 60)).toBeLessThanOrEqual(400);
    const stored = db.prepare('SELECT line, length(reason) AS n FROM messages ORDER BY line').all() as Array<{ line: number; n: number }>;
    expect(stored.map((s) => s.line)).toEqual([3, 4]);
    for (const s of stored) expect(s.n).toBeLessThanOrEqual(400);
  });

  it('a claim keeps its cell whole: only the message is cut', () => {
    const country = db.prepare('SELECT country FROM claims WHERE line = 3').pluck().get() as string;
    expect(country.length).toBe(LONG);
  });
});

describe('an error body quotes the bad value once, bounded', () => {
  it('limit=<16,000 characters>: 400, the value quoted once, cut to 200 characters', async () => {
    const dir = tempDir();
    const db = openRegistry(join(dir, 'r.db'));
    const app = createApp(db, { staticDir: tempDir(), log: false });
    const bad = 'x'.repeat(16_000);
    const res = await app.request(`/api/relationships?limit=${bad}`);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text.length).toBeLessThan(1000);
    expect(text.split('x'.repeat(200)).length - 1).toBe(1); // one quote of it
    const body = JSON.parse(text) as { error: string; parameter: string };
    expect(body.parameter).toBe('limit');
    expect(body.error).toContain(`(got "${'x'.repeat(200)}…" (16000 characters))`);
    db.close();
  });
});

describe('a problem of the whole document is not "line 0"', () => {
  it('ingest, check and the API say "the document" where there is no line', async () => {
    const dir = tempDir();
    const file = join(dir, 'nobody.txt');
    // No owner anywhere: the warning is about the whole document.
    writeFileSync(file, '序号 | 城市 | 国家 | 结好时间 |\n1 | 奈良市 | 日本 | 1974年2月1日 |\n');
    const db = join(dir, 'r.db');
    const r = yc(['ingest', file, '--db', db]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('warning nobody.txt (the whole document) the document does not name whose list it is');
    expect(r.out).not.toMatch(/nobody\.txt:0\b/);
    const check = yc(['check', '--db', db, '--verbose']);
    expect(check.out).toContain('the whole document: the document does not name whose list it is');
    expect(check.out).not.toMatch(/line 0\b/);
    const d = openRegistry(db, { readonly: true });
    const app = createApp(d, { staticDir: tempDir(), log: false });
    const id = d.prepare('SELECT id FROM sources').pluck().get();
    const one = (await (await app.request(`/api/sources/${id}`)).json()) as { check: { messages: Array<{ line: number | null; reason: string }> } };
    const whole = one.check.messages.find((m) => m.reason.startsWith('the document does not name whose list it is'));
    expect(whole?.line).toBeNull();
    d.close();
  });
});
