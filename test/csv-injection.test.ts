// CSV injection (OWASP): a document whose place names and notes are spreadsheet formulas, ingested, then
// exported as CSV by the CLI (`youcheng export`, the built program in a child process) and over HTTP
// (/api/export, /api/relationships.csv). Every CSV starts such a cell with an apostrophe, by the one rule of
// src/publish/csv.ts; JSON Lines keeps the exact text.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ingestPaths } from '../src/cli/main.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { openRegistry, type DB } from '../src/registry/db.js';
import { createApp } from '../src/server/app.js';
import { csvCell, csvRow, neutralizeFormula } from '../src/publish/csv.js';
import { tempDir } from './registry-helpers.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'youcheng.js');
function yc(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

type Row = Record<string, string>;
const csvRows = (text: string): Row[] => parse(text, { columns: true, bom: true, relax_quotes: false }) as Row[];
const jsonl = (text: string): Row[] => text.trimEnd().split('\n').map((l) => JSON.parse(l));

/** The document: a comma-separated list with a header row, as a municipal office might publish it. */
const DOCUMENT = [
  '城市,国家,结好时间,备注',
  '"=HYPERLINK(""http://x"")",英国,1997-08-08,"=HYPERLINK(""http://x"",""click"")"',
  '+1+1,法国,1998-09-09,+1+1',
  '@SUM(A1),德国,1999-10-10,@SUM(A1)',
  'Lisboa,葡萄牙,2000-11-11,-Lisbon twin',
  'Saint-Étienne,法国,2001-12-12,-2+3+cmd',
  '',
].join('\n');

/** The names a spreadsheet would run: first character =, +, - or @. */
const FORMULA = /^[=+\-@\t\r]/;

let dir: string;
let dbPath: string;
let db: DB;
/** The names as the registry stores them (the reader may take a parenthesized part for a qualifier). */
let stored: { hyperlink: string; plus: string; sum: string };

beforeAll(async () => {
  dir = tempDir();
  const file = join(dir, 'formulas.csv');
  writeFileSync(file, DOCUMENT);
  dbPath = join(dir, 'registry.db');
  db = openRegistry(dbPath);
  await ingestPaths(db, [file], { owner: '成都市', asOf: '2024', quiet: true, json: true, format: 'delimited' });
  const names = db.prepare('SELECT foreign_place FROM claims ORDER BY line').pluck().all() as string[];
  const find = (prefix: string) => {
    const n = names.find((x) => x.startsWith(prefix));
    if (!n) throw new Error(`no claim whose place starts with ${prefix}: ${JSON.stringify(names)}`);
    return n;
  };
  stored = { hyperlink: find('=HYPERLINK'), plus: find('+1+1'), sum: find('@SUM') };
});

describe('the rule (src/publish/csv.ts)', () => {
  it('puts an apostrophe before text starting with = + - @ tab or carriage return, and nothing else', () => {
    for (const s of ['=1+1', '+1', '-1', '-Lisbon', '@SUM(A1)', '\t=1', '\r=1']) expect(neutralizeFormula(s)).toBe(`'${s}`);
    for (const s of ['Saint-Étienne', '奈良市', "'quoted", ' =1', 'a=b', '', '（=）']) expect(neutralizeFormula(s)).toBe(s);
    // numbers stay numbers (a western longitude), objects are JSON text, null is an empty cell
    expect(csvCell(-74.006)).toBe('-74.006');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(null)).toBe('');
    expect(csvCell(['=1'])).toBe('["=1"]');
    expect(csvCell({ a: '=1' })).toBe('{"a":"=1"}');
    // the row is quoted where CSV needs it, after the apostrophe is added
    expect(csvRow(['=HYPERLINK("http://x")', -1, 'a,b'])).toBe(`"'=HYPERLINK(""http://x"")",-1,"a,b"\n`);
  });
});

describe('CSV injection in every CSV export', () => {
  it('the document was read: each formula is a claim and a place', () => {
    expect(stored.hyperlink).toMatch(/^=HYPERLINK/);
    expect(stored.plus).toBe('+1+1');
    expect(stored.sum).toMatch(/^@SUM/);
  });

  it('youcheng export claims --format csv starts every formula cell with an apostrophe', () => {
    const r = yc(['export', 'claims', '--format', 'csv', '--db', dbPath]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rows = csvRows(r.out);
    expect(rows.length).toBe(5);
    const places = rows.map((x) => x.foreign_place);
    expect(places).toEqual([`'${stored.hyperlink}`, `'${stored.plus}`, `'${stored.sum}`, 'Lisboa', 'Saint-Étienne']);
    const notes = rows.map((x) => x.note);
    expect(notes).toContain(`'=HYPERLINK("http://x","click")`);
    expect(notes).toContain("'+1+1");
    expect(notes).toContain("'@SUM(A1)");
    expect(notes).toContain("'-2+3+cmd");
    expect(notes).toContain("'-Lisbon twin");
    for (const row of rows) for (const [k, v] of Object.entries(row)) expect(v, `${k} in ${JSON.stringify(row)}`).not.toMatch(FORMULA);
  });

  it('youcheng export places --format csv --bom neutralizes the places made from those names', () => {
    const out = join(dir, 'places.csv');
    const r = yc(['export', 'places', '--format', 'csv', '--bom', '--out', out, '--db', dbPath]);
    expect(r.code).toBe(0);
    const rows = csvRows(readFileSync(out, 'utf8'));
    const text = rows.flatMap((x) => [x.name_zh_hans, x.name_en]);
    expect(text).toContain(`'${stored.plus}`);
    expect(text).toContain(`'${stored.sum}`);
    for (const row of rows) {
      for (const [k, v] of Object.entries(row)) if (k !== 'lat' && k !== 'lon') expect(v, `${k} in ${JSON.stringify(row)}`).not.toMatch(FORMULA);
    }
  });

  it('youcheng export claims --format jsonl keeps the exact names and notes', () => {
    const r = yc(['export', 'claims', '--format', 'jsonl', '--db', dbPath]);
    expect(r.code).toBe(0);
    const rows = jsonl(r.out);
    expect(rows.map((x) => x.foreign_place)).toEqual([stored.hyperlink, stored.plus, stored.sum, 'Lisboa', 'Saint-Étienne']);
    expect(rows.map((x) => x.note)).toEqual(['=HYPERLINK("http://x","click")', '+1+1', '@SUM(A1)', '-Lisbon twin', '-2+3+cmd']);
  });

  it('GET /api/export/…?format=csv does the same; JSON Lines over HTTP keeps the exact text', async () => {
    const app = createApp(db, { staticDir: tempDir(), log: false });
    const res = await app.request('/api/export/claims?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = csvRows(await res.text());
    expect(rows.map((x) => x.foreign_place)).toEqual([`'${stored.hyperlink}`, `'${stored.plus}`, `'${stored.sum}`, 'Lisboa', 'Saint-Étienne']);
    expect(rows.map((x) => x.note)).toContain(`'=HYPERLINK("http://x","click")`);
    for (const row of rows) for (const [k, v] of Object.entries(row)) expect(v, `${k} in ${JSON.stringify(row)}`).not.toMatch(FORMULA);

    const rels = csvRows(await (await app.request('/api/export/relationships?format=csv&bom=1')).text());
    expect(rels.length).toBe(5);

    const exact = jsonl(await (await app.request('/api/export/claims?format=jsonl')).text());
    expect(exact.map((x) => x.foreign_place)).toEqual([stored.hyperlink, stored.plus, stored.sum, 'Lisboa', 'Saint-Étienne']);
  });

  it('the API export and the API table write a name the same way', async () => {
    const app = createApp(db, { staticDir: tempDir(), log: false });
    const places = csvRows(await (await app.request('/api/export/places?format=csv')).text());
    const table = csvRows(await (await app.request('/api/relationships.csv?cn=cn:510100')).text());
    const foreignIds = new Set(table.map((r) => r.foreign_id));
    expect(foreignIds.size).toBe(5);
    for (const r of table) {
      const p = places.find((x) => x.id === r.foreign_id)!;
      expect(r.foreign_name_en, r.foreign_id).toBe(p.name_en);
      expect(r.foreign_name_zh_hans, r.foreign_id).toBe(p.name_zh_hans);
    }
  });
});

