// Attacks on the HTTP server: hostile names in JSON and CSV, security headers on every response, hostile
// query parameters on every GET route (never a 500, a stack trace, a path or SQL; the registry unchanged),
// path traversal against the web app's files (symbolic links too), oversized request bodies and sign-in
// tricks. The web app's side (hostile names rendered as text) is test/browser-attacks.test.ts.
import { describe, it, expect, beforeAll, afterAll, afterEach, vi } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { openRegistry, type DB } from '../src/registry/db.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { createApp, MAX_BODY_BYTES, type App } from '../src/server/app.js';
import { startServer, type RunningServer } from '../src/server/index.js';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../src/server/middleware.js';
import { hostileRegistry, LITERAL_IMG, type HostileRegistry } from './fixtures/hostile/registry.js';
import { tempDir } from './registry-helpers.js';

let h: HostileRegistry;
let db: DB;
let app: App;
let webDir: string;
let secretDir: string;
const PACKAGE_JSON = readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8');

beforeAll(async () => {
  h = await hostileRegistry();
  db = h.db;
  // a web folder with files beside it that must never be served, and symbolic links that lead out of it
  secretDir = tempDir();
  writeFileSync(join(secretDir, 'secret.txt'), 'TOP-SECRET-CONTENT');
  copyFileSync(join(PACKAGE_ROOT, 'package.json'), join(secretDir, 'package.json'));
  webDir = join(secretDir, 'web');
  mkdirSync(join(webDir, 'assets'), { recursive: true });
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>youcheng</title><div id="app">SPA-INDEX</div>');
  writeFileSync(join(webDir, 'assets', 'app-abc123.js'), 'console.log("app");\n');
  symlinkSync(join(PACKAGE_ROOT, 'package.json'), join(webDir, 'leak.json'));
  symlinkSync(join(secretDir, 'secret.txt'), join(webDir, 'assets', 'secret.js'));
  symlinkSync(secretDir, join(webDir, 'outside'));
  symlinkSync('/etc/passwd', join(webDir, 'passwd.txt'));
  symlinkSync(join(webDir, 'assets', 'app-abc123.js'), join(webDir, 'assets', 'inside-link.js'));
  app = createApp(db, { staticDir: webDir, log: false });
});

// ---- helpers ----------------------------------------------------------------------------------------------

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

/** What no answer may ever contain: a stack trace, a file path of the server, SQL or SQLite's words, a file's content. */
function leaks(body: string): string[] {
  const found: string[] = [];
  const checks: Array<[string, RegExp | string]> = [
    ['stack frame', /\n\s+at [^\n]*\(?[^\n]*:\d+:\d+\)?/],
    ['package root', PACKAGE_ROOT],
    ['registry path', h.path],
    ['temp dir', tmpdir() + '/'],
    ['node_modules', 'node_modules'],
    ['SQLite error', /SqliteError|SQLITE_[A-Z]+|no such (table|column)|syntax error/],
    // the server's own SQL (the payloads' SQL is echoed in error messages, and names only sqlite_master)
    ['SQL text', /\b(FROM|JOIN|INTO|UPDATE)\s+"?(claims|places|relationships|sources|edits|users|place_\w+|relationship_\w+|facts)\b|\bPRAGMA\b|ESCAPE '/i],
    ['internal error', 'internal error'],
    ['package.json', /"name":\s*"youcheng"|"allowScripts"|"better-sqlite3":\s*"\^/],
    ['/etc/passwd', /root:.*:0:0:/],
    ['secret file', 'TOP-SECRET-CONTENT'],
  ];
  for (const [name, re] of checks) if (typeof re === 'string' ? body.includes(re) : re.test(body)) found.push(name);
  return found;
}

/** Server errors reported on stderr (the 500 handler writes the stack there). */
let stderrLines: string[] = [];
function watchStderr(passThrough = true) {
  stderrLines = [];
  const orig = process.stderr.write.bind(process.stderr);
  return vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
    const s = String(chunk);
    if (s.includes('youcheng server:')) {
      stderrLines.push(s);
      if (!passThrough) return true;
    }
    return (orig as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write);
}

afterEach(() => vi.restoreAllMocks());

/** Every table's rows, hashed: the registry's content, to compare before and after. */
function snapshot(d: DB): { counts: Record<string, number>; hash: string } {
  const tables = d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const counts: Record<string, number> = {};
  const hash = createHash('sha256');
  for (const t of tables) {
    try {
      const rows = d.prepare(`SELECT * FROM "${t}"`).raw().all();
      counts[t] = rows.length;
      hash.update(t + '\0' + JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? String(v) : Buffer.isBuffer(v) ? v.toString('hex') : v)));
    } catch {
      // virtual tables whose module is not loaded on this connection
    }
  }
  return { counts, hash: hash.digest('hex') };
}

/** One request exactly as written (no URL normalization), on its own connection; the raw answer. */
function rawRequest(port: number, requestTarget: string, headers: Record<string, string> = {}): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    sock.setTimeout(20_000, () => sock.destroy(new Error(`timeout: ${requestTarget.slice(0, 80)}`)));
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? sock.emit('end') : reject(e)));
    sock.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      let body = split < 0 ? '' : text.slice(split + 4);
      if (/transfer-encoding:\s*chunked/i.test(head)) body = dechunk(body);
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: Buffer.from(body, 'latin1').toString('utf8') });
    });
    const extra = Object.entries({ Host: '127.0.0.1', Connection: 'close', ...headers })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    sock.write(Buffer.from(`GET ${requestTarget} HTTP/1.1\r\n${extra}\r\n`, 'latin1'));
  });
}

function dechunk(s: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const eol = s.indexOf('\r\n', i);
    if (eol < 0) break;
    const n = parseInt(s.slice(i, eol), 16);
    if (!n) break;
    out += s.slice(eol + 2, eol + 2 + n);
    i = eol + 2 + n + 2;
  }
  return out;
}

// ---- 1. hostile names as data ---------------------------------------------------------------------------

describe('hostile names in the API', () => {
  it('JSON carries them as strings, exactly as stored, quotes escaped, RTL and zero-width characters kept', async () => {
    for (const [key, id] of Object.entries(h.places)) {
      const res = await get(`/api/places/${encodeURIComponent(id)}`);
      expect(res.status, key).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const text = await res.text();
      const body = JSON.parse(text).place;
      const row = db.prepare('SELECT name_zh_hans, name_en FROM places WHERE id = ?').get(id) as { name_zh_hans: string | null; name_en: string | null };
      expect(body.id).toBe(id);
      expect(body.name_zh_hans).toBe(row.name_zh_hans);
      expect(body.name_en).toBe(row.name_en);
      if ((row.name_en ?? '').includes('"')) expect(text).toContain(JSON.stringify(row.name_en).slice(1, -1));
    }
    const svg = JSON.parse(await (await get(`/api/places/${encodeURIComponent(h.places.svg)}`)).text()).place;
    expect(svg.name_en).toBe('"><svg onload=alert`3`>');
    const rtl = JSON.parse(await (await get(`/api/places/${encodeURIComponent(h.places.rtl)}`)).text()).place;
    expect(rtl.name_zh_hans).toContain('\u202E');
    expect(rtl.name_zh_hans).toContain('\u200B');
    // the notes, with their full text, in a tie's sources and in the partners list
    const tie = JSON.parse(await (await get(`/api/relationships/${h.ties.img}`)).text());
    expect(tie.sources.map((s: { note: string | null }) => s.note)).toContain(LITERAL_IMG);
    const partners = JSON.parse(await (await get('/api/places/cn:510100/partners')).text());
    expect(JSON.stringify(partners)).toContain(JSON.stringify('</script><script>alert(12)</script>'));
    // search finds them by what they are written with, as text
    const found = JSON.parse(await (await get(`/api/search?q=${encodeURIComponent('<img')}`)).text());
    expect(found.results[0].name_en).toBe('<img src=x onerror=alert`1`>');
  });

  it('API CSV tables keep them as text, and neutralize formulas (=, +, -, @) with a leading apostrophe', async () => {
    const csv = async (path: string) => {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      return parse(await res.text(), { columns: true, relax_quotes: false }) as Array<Record<string, string>>;
    };
    const partners = await csv('/api/places/cn:510100/partners.csv');
    const byId = new Map(partners.map((r) => [r.partner_id, r]));
    expect(byId.get(h.places.img)!.partner_name_en).toBe('<img src=x onerror=alert`1`>');
    expect(byId.get(h.places.svg)!.partner_name_en).toBe('"><svg onload=alert`3`>');
    expect(byId.get(h.places.script)!.partner_name_en).toBe('</script><script>alert </script>');
    expect(byId.get(h.places.rtl)!.partner_name_zh_hans).toBe(db.prepare('SELECT name_zh_hans FROM places WHERE id = ?').pluck().get(h.places.rtl));
    expect(byId.get(h.places.formula)!.partner_name_en).toBe("'=HYPERLINK");
    expect(byId.get(h.places.plus)!.partner_name_en).toBe("'+1+cmd");
    // numbers stay numbers: a western longitude is not a formula
    expect(byId.get(h.places.script)!.partner_lon).toBe('-74');

    const rels = await csv('/api/relationships.csv?cn=cn:510100');
    const names = rels.map((r) => r.foreign_name_en);
    expect(names).toContain("'=HYPERLINK");
    expect(names).toContain("'+1+cmd");
    expect(names).toContain('<img src=x onerror=alert`1`>');
    for (const r of rels) for (const v of Object.values(r)) expect(v, JSON.stringify(r)).not.toMatch(/^[=+@\t\r]/);
    for (const r of rels) for (const [k, v] of Object.entries(r)) if (!/_lat$|_lon$/.test(k)) expect(v).not.toMatch(/^-/);

    const search = await csv(`/api/search.csv?q=${encodeURIComponent('hyperlink')}`);
    expect(search.find((r) => r.id === h.places.formula)?.name_en).toBe("'=HYPERLINK");
  });

  it('/api/export CSV neutralizes formulas the same way (quoted, apostrophe); JSON Lines keeps them exactly', async () => {
    const res = await get('/api/export/claims?format=csv');
    expect(res.status).toBe(200);
    const rows = parse(await res.text(), { columns: true }) as Array<Record<string, string>>;
    const hostile = rows.filter((r) => r.source === 'hostile.txt');
    expect(hostile.length).toBe(9);
    expect(hostile.map((r) => r.note)).toContain(LITERAL_IMG);
    expect(hostile.map((r) => r.note)).toContain("'@SUM(1+1)*cmd");
    expect(hostile.map((r) => r.country)).toContain('"><svg onload=alert(13)>');
    // (the reader takes a parenthesized part of a name for a qualifier: "=HYPERLINK(…)" is kept as "=HYPERLINK")
    expect(hostile.map((r) => r.foreign_place)).toContain("'=HYPERLINK");
    expect(hostile.map((r) => r.foreign_place)).toContain("'+1+cmd");
    expect(hostile.map((r) => r.note)).toContain("'-2+3+cmd");
    const exact = (await (await get('/api/export/claims?format=jsonl')).text()).trimEnd().split('\n').map((l) => JSON.parse(l));
    const hostileExact = exact.filter((r) => r.source === 'hostile.txt');
    expect(hostileExact.map((r) => r.foreign_place)).toContain('=HYPERLINK');
    expect(hostileExact.map((r) => r.note)).toContain('@SUM(1+1)*cmd');
  });
});

// ---- 2. security headers ----------------------------------------------------------------------------------

describe('security headers', () => {
  const expectSecure = (res: Response, what: string, csp = CONTENT_SECURITY_POLICY) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) {
      expect(res.headers.get(k), `${k} on ${what}`).toBe(k === 'Content-Security-Policy' ? csp : v);
    }
  };

  it('the policy says what the issue asks for', () => {
    for (const d of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ]) {
      expect(CONTENT_SECURITY_POLICY.split('; ')).toContain(d);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('are on every kind of response: data, cached, 304, CSV, streamed, errors, files, the SPA, HEAD, compressed', async () => {
    const cases: Array<[string, RequestInit & { headers?: Record<string, string> }, number]> = [
      ['/api/search?q=dalian', {}, 200],
      ['/api/search?q=dalian', {}, 200], // from the answer cache
      ['/api/places/cn:210200/partners', { headers: { 'Accept-Encoding': 'gzip' } }, 200],
      ['/api/places/cn:210200/partners.csv', {}, 200],
      ['/api/relationships?format=jsonl', {}, 200],
      ['/api/export/relationships?format=geojson', {}, 200],
      ['/api/stats', { method: 'HEAD' }, 200],
      ['/api/search?q=', {}, 400],
      ['/api/places/nope:1', {}, 404],
      ['/api/no-such-route', {}, 404],
      ['/api/users', {}, 401],
      ['/api/relationships', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': String(MAX_BODY_BYTES + 1) }, body: 'x' }, 413],
      ['/openapi.json', {}, 200],
      ['/assets/app-abc123.js', {}, 200],
      ['/index.html', {}, 200],
      ['/place/cn:210200', {}, 200],
      ['/leak.json', {}, 404],
    ];
    for (const [path, init, status] of cases) {
      const res = await app.request(path, init);
      expect(res.status, path).toBe(status);
      expectSecure(res, `${init.method ?? 'GET'} ${path}`);
      await res.arrayBuffer().catch(() => undefined);
    }
    const first = await get('/api/stats');
    const etag = first.headers.get('etag')!;
    const notModified = await get('/api/stats', { 'If-None-Match': etag });
    expect(notModified.status).toBe(304);
    expectSecure(notModified, '304');
  });

  it('a 500 carries them too, and says only "internal error" (the stack goes to the server log)', async () => {
    const broken = openRegistry(':memory:');
    const brokenApp = createApp(broken, { staticDir: webDir, log: false });
    broken.close();
    const spy = watchStderr(false);
    const res = await brokenApp.request('/api/stats');
    spy.mockRestore();
    expect(res.status).toBe(500);
    expectSecure(res, '500');
    expect(await res.json()).toEqual({ error: 'internal error' });
    expect(stderrLines.join('')).toMatch(/youcheng server: .*not open/);
  });

  it('the /api page and the not-built page allow only their own inline <style>, by hash', async () => {
    const hashOf = (html: string) => {
      const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
      return `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
    };
    const page = await get('/api');
    const html = await page.text();
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toBe(CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' ${hashOf(html)}`));
    expect(html).not.toMatch(/<script|style="/i);
    expectSecure(page, '/api', csp);

    const bare = createApp(db, { staticDir: join(secretDir, 'nothing-here'), log: false });
    const nb = await bare.request('/some/route');
    const nbHtml = await nb.text();
    expect(nbHtml).toMatch(/not built/);
    expect(nbHtml).not.toMatch(/style="/);
    expectSecure(nb, 'not built', CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' ${hashOf(nbHtml)}`));
  });
});

// ---- 3. hostile query parameters --------------------------------------------------------------------------

/** A payload and how it goes into a URL (already percent-encoded). */
interface Payload {
  name: string;
  enc: string;
  /** SQL that would widen a query: it must find nothing */
  sql?: boolean;
}
const text = (name: string, s: string, sql = false): Payload => ({ name, enc: encodeURIComponent(s), sql });
const rawEnc = (name: string, enc: string): Payload => ({ name, enc });

const LONG = 'x'.repeat(100 * 1024);
const PAYLOADS: Payload[] = [
  text('sql-or', "' OR 1=1 --", true),
  text('sql-drop', '"; DROP TABLE claims; --', true),
  text('sql-union', "x' UNION SELECT name, sql FROM sqlite_master --", true),
  text('sql-comment', '1; --'),
  text('sql-quote', "'"),
  text('sql-like', '%'),
  text('sql-like2', '_%_'),
  text('sql-like3', 'x%'),
  text('fts', '"a" OR "b" NEAR(c d) *'),
  text('fts-col', 'name:*'),
  rawEnc('nul-enc', '%00'),
  text('nul', '\0'),
  text('nul-mid', 'dalian\0.json'),
  text('traversal', '../../etc/passwd'),
  rawEnc('traversal-enc', '..%2f..%2fpackage.json'),
  rawEnc('traversal-double', '%252e%252e%252fpackage.json'),
  text('traversal-win', '..\\..\\package.json'),
  text('long-100k', LONG),
  text('long-unicode', '大'.repeat(40 * 1024)),
  text('rtl', '\u202Egnp.exe'),
  text('zero-width', 'da\u200Blian\uFEFF'),
  text('combining', 'a' + '\u0301'.repeat(5000)),
  text('emoji', '👨‍👩‍👧‍👦🇨🇳'),
  text('fullwidth', 'ｄａｌｉａｎ'),
  text('turkish-i', 'İSTANBUL ı'),
  text('astral', '𠮷𝕏'),
  rawEnc('lone-surrogate', '%ED%A0%80'),
  rawEnc('bad-utf8', '%FF%FE%C0%AE'),
  rawEnc('overlong', '%C0%AE%C0%AE%C0%AF'),
  rawEnc('bad-percent', '%'),
  rawEnc('bad-percent2', '%zz%4'),
  text('html', '<script>alert(1)</script>'),
  text('template', "{{constructor.constructor('alert(5)')()}}"),
  text('proto', '__proto__'),
  text('constructor', 'constructor'),
  text('json', '{"a":[1,2]}'),
  text('array-text', '[]'),
  text('null', 'null'),
  text('empty', ''),
  text('space', ' '),
  text('newline', 'a\r\nSet-Cookie: x=1'),
  text('crlf-header', '\r\n\r\n<html>'),
  text('neg', '-1'),
  text('zero', '0'),
  text('huge', '9'.repeat(400)),
  text('max-int', '9007199254740993'),
  text('exp', '1e309'),
  text('float', '1.5'),
  text('hex', '0x10'),
  text('nan', 'NaN'),
  text('inf', 'Infinity'),
  text('neg-inf', '-Infinity'),
  text('neg-zero', '-0'),
  text('plus', '+5'),
  text('padded', ' 5 '),
  text('place-id', 'cn:210200'),
  text('unresolved-id', 'u:JP:北九州'),
  text('base64-cursor', Buffer.from(JSON.stringify(['date', 'asc', ["'; DROP TABLE claims; --"], 1])).toString('base64url')),
  text('cursor-proto', Buffer.from('{"__proto__":{"x":1}}').toString('base64url')),
  text('cursor-deep', Buffer.from('['.repeat(5000) + ']'.repeat(5000)).toString('base64url')),
];

/** Every GET route, with a slot (`{}`) for the payload: each parameter, each path segment. */
const ROUTES: string[] = [
  '/api/search?q={}',
  '/api/search?q=dalian&limit={}',
  '/api/search?q=dalian&format={}',
  '/api/search.csv?q={}',
  '/api/places/{}',
  '/api/places/{}/partners',
  '/api/places/cn:210200/partners?format={}',
  '/api/places/{}/partners.csv',
  ...['cn', 'province', 'country', 'continent', 'kind', 'status', 'from', 'to', 'q', 'sort', 'order', 'limit', 'cursor', 'format'].map(
    (p) => `/api/relationships?${p}={}`,
  ),
  '/api/relationships?sort=country&order=desc&limit=5&cursor={}',
  '/api/relationships?from=1990&to={}',
  '/api/relationships?cn=cn:210200&format=csv&q={}',
  '/api/relationships/{}',
  '/api/stats?by={}',
  '/api/sources?format={}',
  '/api/sources/{}',
  '/api/quality?x={}',
  '/api/edits?user={}',
  '/api/edits?target={}',
  '/api/edits?limit={}',
  '/api/export/{}',
  '/api/export/claims?format={}',
  '/api/export/relationships?format=csv&bom={}',
  '/openapi.json?x={}',
  '/api/{}',
];

/** The same parameter twice, and parameters given as arrays. */
const ARRAYS: string[] = [
  '/api/search?q=dalian&q=genoa',
  '/api/search?q[]=dalian',
  '/api/search?q=dalian&limit=1&limit=2',
  '/api/relationships?cn=cn:210200&cn=cn:440100',
  '/api/relationships?sort=date&sort=country',
  '/api/relationships?from=1990&from=2000',
  '/api/relationships?format=csv&format=json',
  '/api/places/cn:210200/partners?format=csv&format=json',
  '/api/edits?user=a&user=b',
  '/api/export/claims?format=csv&format=jsonl',
  '/api/relationships?status[]=listed&kind[0]=sister',
];

describe('hostile query parameters on every GET route', () => {
  it('answers 200 with right results or a 400/404 JSON error, never a 500, a trace, a path or SQL; the registry is unchanged', async () => {
    const before = snapshot(db);
    const spy = watchStderr();
    const statuses: Record<string, number> = {};
    let requests = 0;
    const failures: string[] = [];
    const check = async (url: string, p?: Payload) => {
      requests++;
      const res = await app.request(url);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const body = await res.text();
      const where = `${url.slice(0, 160)}${url.length > 160 ? '…' : ''} → ${res.status}`;
      if (![200, 400, 404].includes(res.status)) failures.push(`${where}: status`);
      if (res.status !== 200 || url.includes('/api/')) {
        const type = res.headers.get('content-type') ?? '';
        if (res.status !== 200 && !/^application\/json/.test(type)) failures.push(`${where}: error is ${type}, not JSON`);
        if (res.status !== 200) {
          try {
            const j = JSON.parse(body);
            if (typeof j.error !== 'string') failures.push(`${where}: no error message`);
          } catch {
            failures.push(`${where}: error body is not JSON`);
          }
        }
      }
      const leaked = leaks(body);
      if (leaked.length) failures.push(`${where}: leaks ${leaked.join(', ')}: ${body.slice(0, 300)}`);
      // injection must find nothing (not everything)
      if (res.status === 200 && p?.sql && /^\/api\/(search|relationships|edits)\?(q|user|target)=/.test(url)) {
        const j = JSON.parse(body);
        const n = (j.results ?? j.items ?? j.edits ?? []).length;
        if (n !== 0) failures.push(`${where}: ${n} results for an injection`);
      }
    };
    for (const route of ROUTES) for (const p of PAYLOADS) await check(route.replace('{}', p.enc), p);
    for (const url of ARRAYS) await check(url);
    spy.mockRestore();
    expect(failures).toEqual([]);
    expect(stderrLines).toEqual([]);
    expect(statuses['500'] ?? 0).toBe(0);
    // the registry is as it was: every row of every table, and SQLite's own check
    const after = snapshot(db);
    expect(after.counts).toEqual(before.counts);
    expect(after.hash).toBe(before.hash);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT COUNT(*) FROM claims').pluck().get()).toBeGreaterThan(500);
    console.log(`attacks: ${requests} hostile GET requests (${ROUTES.length} route slots × ${PAYLOADS.length} payloads + ${ARRAYS.length} repeated/array parameters): ${JSON.stringify(statuses)}`);
  }, 300_000);

  it('injection strings find nothing, and well-formed values still give the right answers', async () => {
    const j = async (path: string) => {
      const res = await get(path);
      return { status: res.status, body: (await res.json()) as any };
    };
    expect((await j(`/api/places/${encodeURIComponent("' OR 1=1 --")}`)).status).toBe(404);
    expect((await j(`/api/relationships?cn=${encodeURIComponent("cn:210200' OR '1'='1")}`)).status).toBe(404);
    expect((await j(`/api/sources/${encodeURIComponent('1 OR 1=1')}`)).status).toBe(404);
    expect((await j(`/api/relationships/${encodeURIComponent('1 OR 1=1')}`)).status).toBe(400);
    const all = (await j('/api/relationships?limit=1000')).body.items.length;
    expect((await j(`/api/relationships?limit=1000&q=${encodeURIComponent("' OR ''='")}`)).body.items.length).toBeLessThan(all);
    // out of range numbers are 400s that name the parameter
    for (const [path, param] of [
      ['/api/search?q=dalian&limit=0', 'limit'],
      ['/api/search?q=dalian&limit=201', 'limit'],
      ['/api/search?q=dalian&limit=-1', 'limit'],
      ['/api/search?q=dalian&limit=NaN', 'limit'],
      ['/api/search?q=dalian&limit=Infinity', 'limit'],
      ['/api/search?q=dalian&limit=1e2', 'limit'],
      ['/api/relationships?from=-1', 'from'],
      ['/api/relationships?from=10000', 'from'],
      ['/api/relationships?to=99999999999999999999', 'to'],
      ['/api/relationships?from=2000&to=1990', 'from'],
      ['/api/edits?limit=1001', 'limit'],
    ] as const) {
      const r = await j(path);
      expect(r.status, path).toBe(400);
      expect(r.body.parameter, path).toBe(param);
    }
    // and the real questions still work
    expect((await j('/api/search?q=%E5%A4%A7%E8%BF%9E')).body.results[0].id).toBe('cn:210200');
    expect((await j('/api/relationships?cn=cn:510100&limit=1000')).body.items.length).toBe(9);
  });

  it('on the wire: raw bytes, a 100 KB URL and header tricks are refused by HTTP (400/431), never a 500', async () => {
    const server = await startServer({ dbPath: h.path, port: 0, staticDir: webDir, log: false });
    try {
      const cases: Array<[string, number[], Record<string, string>?]> = [
        [`/api/search?q=${encodeURIComponent(LONG)}`, [431]],
        [`/api/places/${'a'.repeat(20_000)}`, [431]],
        ['/api/search?q=%00', [200]],
        ['/api/search?q=%FF%FE', [200, 400]],
        ['/api/search?q=%', [200, 400]],
        ['/api/search?q=a b', [400]], // a space in the request line
        ['/api/search?q=\x01', [400]],
        ['/api/search?q=\u00e4', [200, 400]], // a raw (latin-1) byte
        ['/api/places/%2e%2e%2f%2e%2e%2fpackage.json', [404]],
        ['/api/search?q=dalian', [200, 400], { Host: 'evil.example/../..' }],
        ['/api/search?q=dalian', [200, 400], { Host: '' }],
        ['/api/search?q=dalian', [200], { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'javascript' }],
        ['/api/search?q=dalian', [200, 400, 406], { Accept: 'text/csv, */*;q=NaN' }],
        ['/api/search?q=dalian', [200], { 'Accept-Encoding': 'gzip;q=NaN, br;q=-1, ' + 'x,'.repeat(1000) }],
        ['/api/stats', [200, 304], { 'If-None-Match': '*,'.repeat(2000) }],
        ['http://127.0.0.1/api/stats', [200, 400]],
        ['*', [400, 404]],
        ['api/stats', [400, 404]],
      ];
      const wrong: string[] = [];
      for (const [target, ok, headers] of cases) {
        const r = await rawRequest(server.port, target, headers);
        const what = `${target.slice(0, 80)} ${JSON.stringify(headers ?? {}).slice(0, 80)} → ${r.status}`;
        if (!ok.includes(r.status)) wrong.push(what);
        if (leaks(r.body).length) wrong.push(`${what}: leaks ${leaks(r.body)}`);
      }
      expect(wrong).toEqual([]);
      // the server is still answering
      expect((await rawRequest(server.port, '/api/search?q=dalian')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

// ---- 4. path traversal against the web app's files --------------------------------------------------------

const TRAVERSALS = [
  '/../../package.json',
  '/../package.json',
  '/%2e%2e/%2e%2e/package.json',
  '/%2e%2e/package.json',
  '/..%2fpackage.json',
  '/..%2f..%2fpackage.json',
  '/..%5c..%5cpackage.json',
  '/..\\..\\package.json',
  '/assets/..%5c..%5c..%5cpackage.json',
  '/%252e%252e/%252e%252e/package.json',
  '/.%2e/.%2e/package.json',
  '/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json',
  '/%e0%80%ae%e0%80%ae/package.json',
  '/....//....//package.json',
  '/..;/..;/package.json',
  '/assets/../../package.json',
  '/assets/%2e%2e/%2e%2e/package.json',
  '//etc/passwd',
  '/%2f%2fetc/passwd',
  '/%2fetc%2fpasswd',
  '/' + '../'.repeat(20) + 'etc/passwd',
  '/' + '%2e%2e/'.repeat(20) + 'etc/passwd',
  '/..%00/package.json',
  '/%00../package.json',
  '/package.json%00.html',
  '/index.html%00',
  '/index.html%00../../package.json',
  '/leak.json',
  '/assets/secret.js',
  '/outside/secret.txt',
  '/outside/package.json',
  '/passwd.txt',
  '/secret.txt',
  '/package.json',
  '/../secret.txt',
  '/%2e%2e/secret.txt',
  'http://127.0.0.1/../../package.json',
];

describe('path traversal against the web app', () => {
  let server: RunningServer;
  let real: RunningServer;
  beforeAll(async () => {
    server = await startServer({ dbPath: h.path, port: 0, staticDir: webDir, log: false });
    // and the real web app folder, two levels below the package's own package.json
    real = await startServer({ dbPath: h.path, port: 0, log: false });
  });
  afterAll(async () => {
    await server?.close();
    await real?.close();
  });

  it('never serves a file outside the folder (symbolic links included): 400/404 or the SPA index', async () => {
    const indexHtml = readFileSync(join(webDir, 'index.html'), 'utf8');
    const outcomes: Record<string, number> = {};
    for (const target of TRAVERSALS) {
      for (const [srv, index] of [
        [server, indexHtml],
        [real, null],
      ] as const) {
        const r = await rawRequest(srv.port, target);
        outcomes[r.status] = (outcomes[r.status] ?? 0) + 1;
        const what = `${target} (${srv === server ? 'temp web dir' : 'dist/web'}) → ${r.status}`;
        expect([200, 400, 404], what).toContain(r.status);
        expect(leaks(r.body), what).toEqual([]);
        expect(r.body.includes(PACKAGE_JSON.slice(0, 200)), what).toBe(false);
        if (r.status === 200) {
          expect(r.head, what).toMatch(/content-type: text\/html/i);
          if (index) expect(r.body, what).toBe(index);
          else expect(r.body, what).toMatch(/<div id="app">/);
        }
      }
    }
    console.log(`attacks: ${TRAVERSALS.length} traversal paths × 2 folders: ${JSON.stringify(outcomes)}`);
  });

  it('a symbolic link that stays inside the folder is still served', async () => {
    const r = await rawRequest(server.port, '/assets/inside-link.js');
    expect(r.status).toBe(200);
    expect(r.body).toContain('console.log("app")');
  });
});

// ---- 5. sign-in and request bodies ------------------------------------------------------------------------

describe('writes: body size and sign-in', () => {
  const post = (a: App, path: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
    a.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

  it(`refuses a body over ${MAX_BODY_BYTES} bytes with 413, signed in or not, declared or streamed`, async () => {
    const big = JSON.stringify({ cn_place_id: 'cn:210200', foreign_place_id: 'gn:1859307', kind: 'sister', note: 'x'.repeat(MAX_BODY_BYTES) });
    for (const headers of [{}, { Authorization: `Bearer ${h.editorToken}` }]) {
      for (const path of ['/api/relationships', '/api/places/merge', '/api/aliases', '/api/users']) {
        const res = await post(app, path, big, headers);
        expect(res.status, path).toBe(413);
        expect(((await res.json()) as any).error).toMatch(/larger than/);
      }
    }
    const patch = await app.request(`/api/relationships/${h.ties.img}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${h.editorToken}` },
      body: big,
    });
    expect(patch.status).toBe(413);
    // a streamed body (no Content-Length) is counted as it comes
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        c.close();
      },
    });
    const streamed = await app.request('/api/relationships', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${h.editorToken}`, 'Transfer-Encoding': 'chunked' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    // just under the limit is read and judged on its merits (a note that long is a 400)
    const under = JSON.stringify({ cn_place_id: 'cn:210200', foreign_place_id: 'gn:1859307', kind: 'sister', note: 'x'.repeat(MAX_BODY_BYTES - 200) });
    const ok = await post(app, '/api/relationships', under, { Authorization: `Bearer ${h.editorToken}` });
    expect(ok.status).toBe(400);
    expect(((await ok.json()) as any).error).toMatch(/note/);
  });

  it('413 on the wire too, without reading the whole body', async () => {
    const server = await startServer({ dbPath: h.path, port: 0, staticDir: webDir, log: false });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const sock = connect(server.port, '127.0.0.1');
        let got = '';
        sock.on('data', (c) => {
          got += c.toString('latin1');
          const m = /^HTTP\/1\.1 (\d{3})/.exec(got);
          if (m) {
            sock.destroy();
            resolve(Number(m[1]));
          }
        });
        sock.on('error', reject);
        sock.write(`POST /api/relationships HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n{"a":`);
      });
      expect(status).toBe(413);
    } finally {
      await server.close();
    }
  });

  it('hostile JSON bodies are 400s and pollute nothing', async () => {
    const before = snapshot(db);
    const auth = { Authorization: `Bearer ${h.editorToken}` };
    const bodies = [
      '{"__proto__":{"polluted":1},"cn_place_id":"cn:210200"}',
      '{"constructor":{"prototype":{"polluted":1}}}',
      '[' .repeat(100_000) + ']'.repeat(100_000),
      '{"cn_place_id":' + '"x",'.repeat(10) + '}',
      'not json',
      '',
      '\u0000',
      JSON.stringify({ cn_place_id: ["cn:210200"], foreign_place_id: { $ne: 1 }, kind: 'sister', note: 'x' }),
      JSON.stringify({ cn_place_id: "cn:210200' OR 1=1 --", foreign_place_id: 'gn:1859307', kind: 'sister' }),
    ];
    const spy = watchStderr();
    for (const b of bodies) {
      for (const path of ['/api/relationships', '/api/places/merge', '/api/aliases']) {
        const res = await post(app, path, b, auth);
        expect([400, 404], `${path} ${b.slice(0, 40)} → ${res.status}`).toContain(res.status);
        expect(leaks(await res.text())).toEqual([]);
      }
    }
    const wrongType = await app.request('/api/relationships', { method: 'POST', headers: { 'Content-Type': 'text/plain', ...auth }, body: '{}' });
    expect([400, 415]).toContain(wrongType.status);
    spy.mockRestore();
    expect(stderrLines).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(snapshot(db).hash).toBe(before.hash);
  });

  it('a forged X-Forwarded-For does not escape the failed sign-in limit (it is counted per token id, whatever the address)', async () => {
    const limited = createApp(db, { staticDir: webDir, log: false });
    const attempt = (i: number) =>
      limited.request('/api/users', {
        headers: { Authorization: `Bearer yc_00000000dead_${String(i).padStart(43, 'z')}`, 'X-Forwarded-For': `10.0.0.${i}`, 'X-Real-IP': `10.1.0.${i}` },
      });
    const codes: number[] = [];
    for (let i = 0; i < 15; i++) codes.push((await attempt(i)).status);
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(codes.slice(10)).toEqual(Array(5).fill(429));
  });

  it('a token is read from the Authorization header only (not the query, not a cookie)', async () => {
    for (const init of [
      { path: `/api/users?token=${h.editorToken}`, headers: {} },
      { path: '/api/users', headers: { Cookie: `token=${h.editorToken}` } },
      { path: '/api/users', headers: { Authorization: `Basic ${Buffer.from(`x:${h.editorToken}`).toString('base64')}` } },
    ]) {
      const res = await app.request(init.path, { headers: init.headers });
      expect(res.status).toBe(401);
    }
  });
});
