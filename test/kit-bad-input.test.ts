// Documents that must be refused, through the command a user runs (`youcheng ingest`): each refusal exits 1,
// names the file, says why, and stores nothing — the registry file is not made, or holds no source.
// Needs the built program (dist/): `npm test` builds before it runs vitest.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { zipEntries } from '../src/layout/xlsx.js';

const ROOT = join(import.meta.dirname, '..');
const OFFICE = join(ROOT, 'test', 'fixtures', 'office');
const BIN = join(ROOT, 'bin', 'youcheng.js');
const dir = mkdtempSync(join(tmpdir(), 'youcheng-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function yc(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, all: `${r.stdout}\n${r.stderr}` };
}

let dbNo = 0;
const freshDb = () => join(dir, `registry-${++dbNo}.db`);

/** Sources in the registry file; 0 when the file was never made. */
function sourcesIn(db: string): number {
  if (!existsSync(db)) return 0;
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;
  } finally {
    d.close();
  }
}

function claimsIn(db: string): number {
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare('SELECT count(*) AS n FROM claims').get() as { n: number }).n;
  } finally {
    d.close();
  }
}

/** test/fixtures/office/xian.xlsx with the declared uncompressed size of one part forged (as test/layout-office.test.ts does). */
function zipBomb(): string {
  const b = new Uint8Array(readFileSync(join(OFFICE, 'xian.xlsx')));
  const name = 'xl/worksheets/sheet1.xml';
  expect(zipEntries(b).some((e) => e.name === name)).toBe(true);
  const view = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const nameBytes = Buffer.from(name);
  for (let o = view.lastIndexOf(nameBytes); o > 0; o = view.lastIndexOf(nameBytes, o - 1)) {
    if (view.readUInt32LE(o - 46) === 0x02014b50) {
      view.writeUInt32LE(600 * 1024 * 1024, o - 46 + 24);
      const path = join(dir, 'xian-bomb.xlsx');
      writeFileSync(path, view);
      return path;
    }
  }
  throw new Error('no central directory record for the sheet');
}

describe('ingest refuses what it cannot read, and stores nothing', () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ['an image-only PDF (a scan)', () => join(OFFICE, 'scan.pdf'), /no text layer/],
    ['an encrypted PDF', () => join(OFFICE, 'xian-encrypted.pdf'), /encrypt|password/i],
    ['a truncated xlsx (a download cut short)', () => join(OFFICE, 'xian-truncated.xlsx'), /damaged|corrupt|truncated/i],
    ['a zip bomb (an xlsx whose sheet declares 600 MB)', zipBomb, /zip bomb/i],
  ];
  for (const [what, file, why] of cases) {
    it(`${what}: exit 1, the file named, the reason given, no source stored`, () => {
      const path = file();
      const name = path.split('/').pop()!;
      const db = freshDb();
      const r = yc(['ingest', path, '--db', db]);
      expect(r.code, r.all).toBe(1);
      expect(r.all).toContain(name);
      expect(r.all).toMatch(why);
      expect(sourcesIn(db)).toBe(0);
    });
  }

  it('a damaged file among good ones: the good one is stored, the damaged one is not', () => {
    const db = freshDb();
    const good = join(dir, 'xian-good.xlsx');
    copyFileSync(join(OFFICE, 'xian.xlsx'), good);
    const r = yc(['ingest', good, join(OFFICE, 'xian-truncated.xlsx'), '--db', db, '--owner', '西安市']);
    expect(r.code, r.all).toBe(1);
    expect(r.all).toContain('xian-truncated.xlsx');
    expect(sourcesIn(db)).toBe(1);
  });
});

describe('a document that gives no rows is refused with what it holds', () => {
  it('a page of prose about friendship cities with no tie (test/fixtures/world/E-zh-hant-china-japan-pairs.txt, lines 1–4)', () => {
    const lines = readFileSync(join(ROOT, 'test', 'fixtures', 'world', 'E-zh-hant-china-japan-pairs.txt'), 'utf8').split('\n').slice(0, 4);
    // Four paragraphs: what a friendship city is and what it is for — no list, no pair of places.
    expect(lines.every((l) => l.trim() !== '' && !l.includes('\t') && !l.includes('|'))).toBe(true);
    const path = join(dir, 'what-is-a-friendship-city.txt');
    writeFileSync(path, lines.join('\n') + '\n');
    const db = freshDb();
    const r = yc(['ingest', path, '--db', db]);
    expect(r.code, r.all).toBe(1);
    expect(r.all).toContain('what-is-a-friendship-city.txt');
    expect(r.all).toMatch(/no rows/);
    expect(r.all).toMatch(/It holds 4 lines/);
    expect(sourcesIn(db)).toBe(0);
  });

  it('a letter', () => {
    const letter = [
      'Dear Mr. Director,',
      '',
      'Thank you for your kind letter of 12 March and for the warm welcome our delegation received during its visit last spring.',
      'We were glad to learn about your programmes for young people, and we hope to continue our conversation at the conference in the autumn.',
      '',
      'With best regards,',
      'The Office of International Affairs',
      '',
    ].join('\n');
    const path = join(dir, 'letter.txt');
    writeFileSync(path, letter);
    const db = freshDb();
    const r = yc(['ingest', path, '--db', db]);
    expect(r.code, r.all).toBe(1);
    expect(r.all).toContain('letter.txt');
    expect(r.all).toMatch(/no rows/);
    expect(r.all).toMatch(/It holds [^.]*\bline/);
    expect(sourcesIn(db)).toBe(0);
  });
});

describe('ingest --dry-run stores nothing', () => {
  for (const file of [join(ROOT, 'data', 'samples', '001_2be138cf16039818.txt'), join(OFFICE, 'xian.xlsx')]) {
    it(`even for a good document (${file.split('/').pop()})`, () => {
      const db = freshDb();
      const r = yc(['ingest', '--dry-run', '--json', file, '--db', db, '--owner', '西安市']);
      expect(r.code, r.all).toBe(0);
      const preview = JSON.parse(r.out);
      expect(preview.status).toBe('read');
      // Xi'an's 40 partners (data/samples/001 lists 40 numbered rows; xian.xlsx is made from it).
      expect(preview.claims).toHaveLength(40);
      expect(sourcesIn(db)).toBe(0);
    });
  }

  it('and for a refused one', () => {
    const db = freshDb();
    const r = yc(['ingest', '--dry-run', join(OFFICE, 'scan.pdf'), '--db', db]);
    expect(r.code, r.all).toBe(1);
    expect(r.all).toContain('scan.pdf');
    expect(r.all).toMatch(/no text layer/);
    expect(existsSync(db)).toBe(false);
  });
});

describe('a good workbook is stored with all its rows', () => {
  it('test/fixtures/office/xian.xlsx: one source, 40 claims (the 40 cities of the list; its 合计 row is not one)', () => {
    const db = freshDb();
    const r = yc(['ingest', join(OFFICE, 'xian.xlsx'), '--db', db, '--owner', '西安市']);
    expect(r.code, r.all).toBe(0);
    expect(sourcesIn(db)).toBe(1);
    expect(claimsIn(db)).toBe(40);
    const listed = yc(['sources', '--db', db, '--json']);
    expect(listed.code, listed.all).toBe(0);
    const [src] = JSON.parse(listed.out);
    expect(src.file_name).toBe('xian.xlsx');
    expect(src.rows_read).toBe(40);
  });
});
