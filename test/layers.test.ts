// The layers of src/ as the code is meant to flow (read → normalize → resolve → store → publish): the store
// (src/registry/) is the one data-access layer and depends on nothing above it. Read from the source files
// themselves, so that a new import or a new SQL statement in the wrong place fails here.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';

const SRC = join(PACKAGE_ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const sources = files(SRC).map((f) => ({ path: relative(SRC, f).split('\\').join('/'), text: readFileSync(f, 'utf8') }));

/** The modules a file imports (static, dynamic and through require), as written. */
function imports(text: string): string[] {
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

/**
 * Statements that reach SQLite: prepared SQL (typed `prepare<…>(` too), pragmas, transactions, and SQL text
 * run with exec (`db.exec('BEGIN')`); a regular expression's exec() takes no string literal, so it is not one.
 */
const SQL_CALL = /\.(?:prepare|pragma|transaction)\s*[(<]|\.exec\(\s*['"`]/;

describe('layers of src/', () => {
  it('the registry imports nothing from the layers above it (resolve, service, ingest, publish, server, cli)', () => {
    const wrong = sources
      .filter((f) => f.path.startsWith('registry/'))
      .flatMap((f) => imports(f.text).filter((m) => /^\.\.\/(?:resolve|service|ingest|publish|server|cli)\//.test(m)).map((m) => `${f.path} imports ${m}`));
    expect(wrong).toEqual([]);
  });

  it('no file outside src/registry/ writes SQL or opens SQLite itself', () => {
    const outside = sources.filter((f) => !f.path.startsWith('registry/'));
    expect(outside.filter((f) => SQL_CALL.test(f.text)).map((f) => f.path), 'files outside src/registry/ that run SQL').toEqual([]);
    expect(outside.filter((f) => imports(f.text).includes('better-sqlite3')).map((f) => f.path), 'files outside src/registry/ that import the driver').toEqual([]);
  });

  it('the checks see what they look for (they can fail)', () => {
    expect(imports("import { reconcile } from '../resolve/reconcile.js';\nconst m = await import('../cli/x.js');")).toEqual(['../resolve/reconcile.js', '../cli/x.js']);
    expect(imports("const Database = require('better-sqlite3') as X;")).toEqual(['better-sqlite3']);
    expect(SQL_CALL.test("db.prepare('SELECT 1')")).toBe(true);
    expect(SQL_CALL.test("db.prepare<[], [number]>('SELECT 1')")).toBe(true);
    expect(SQL_CALL.test("db.exec('BEGIN')")).toBe(true);
    expect(SQL_CALL.test('db.exec(`DELETE FROM ${t}`)')).toBe(true);
    expect(SQL_CALL.test('RE.exec(text)')).toBe(false);
    expect(SQL_CALL.test('/^yc(\\d+)$/.exec(s.text())')).toBe(false);
  });
});
