// Accounts and sign-in: tokens are stored only as scrypt hashes; writes need a valid token of the right
// role; a revoked token stops at once; failed sign-ins are rate-limited per address.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import type { DB } from '../src/registry/db.js';
import { addUser, listUsers, revokeUser, setRole, verifyToken, hasRole } from '../src/registry/users.js';
import { createApp, type App } from '../src/server/app.js';
import { sampleRegistry, tempDir } from './registry-helpers.js';

let db: DB;
let dbPath: string;
let app: App;
let tokens: { admin: string; editor: string; reader: string };
const madeByApi: string[] = [];

const call = (method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  app.request(path, {
    method,
    headers: {
      ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });

// Every route that changes something, with a body that would be valid.
const WRITES: Array<[string, string, unknown]> = [
  ['POST', '/api/relationships', { cn_place_id: 'cn:210200', foreign_place_id: 'gn:1859307', kind: 'sister', note: 'x' }],
  ['PATCH', '/api/relationships/2', { date: '1979-05-02', version: 1 }],
  ['POST', '/api/relationships/2/end', { status: 'ended', reason: 'x' }],
  ['POST', '/api/places/merge', { from: 'u:US:里士满', into: 'gn:4781708' }],
  ['POST', '/api/places/split', { place: 'u:US:里士满' }],
  ['POST', '/api/aliases', { name: '里士满', country: 'US', target: 'gn:4781708' }],
  ['PUT', `/api/places/${encodeURIComponent('cn:210200')}/wikidata`, { qid: 'Q74881' }],
  ['GET', '/api/users', undefined],
  ['POST', '/api/users', { name: 'mallory', role: 'admin' }],
  ['PATCH', '/api/users/editor1', { role: 'admin' }],
  ['DELETE', '/api/users/editor1', undefined],
];
const USER_ROUTES = WRITES.filter(([, p]) => p.startsWith('/api/users'));

beforeAll(async () => {
  ({ db, path: dbPath } = await sampleRegistry());
  tokens = {
    admin: addUser(db, 'admin1', 'admin').token,
    editor: addUser(db, 'editor1', 'editor').token,
    reader: addUser(db, 'reader1', 'reader').token,
  };
  app = createApp(db, { staticDir: tempDir(), log: false });
});

describe('accounts (src/registry/users.ts)', () => {
  it('makes tokens yc_<12 hex>_<43 base64url> and stores only an scrypt hash', () => {
    const { user, token } = addUser(db, 'hashcheck', 'editor');
    expect(token).toMatch(/^yc_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const [, id, secret] = /^yc_([0-9a-f]{12})_(.+)$/.exec(token)!;
    expect(user.token_id).toBe(id);
    const row = db.prepare('SELECT * FROM users WHERE name = ?').get('hashcheck') as Record<string, string>;
    expect(row.token_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(row.token_hash).not.toContain(secret);
    expect(Object.values(row).join(' ')).not.toContain(secret);
    // the public listing has no hash at all
    expect(Object.keys(listUsers(db)[0])).not.toContain('token_hash');
  });

  it('two accounts never share a salt, so equal secrets would not hash alike', () => {
    const salts = (db.prepare('SELECT token_hash FROM users').pluck().all() as string[]).map((h) => h.split('$')[4]);
    expect(new Set(salts).size).toBe(salts.length);
  });

  it('verifies the right token and nothing else', async () => {
    const { token } = addUser(db, 'verify', 'reader');
    expect((await verifyToken(db, token))?.name).toBe('verify');
    const [, id, secret] = /^yc_([0-9a-f]{12})_(.+)$/.exec(token)!;
    const flipped = secret[0] === 'A' ? 'B' + secret.slice(1) : 'A' + secret.slice(1);
    expect(await verifyToken(db, `yc_${id}_${flipped}`)).toBeNull(); // right id, wrong secret
    expect(await verifyToken(db, `yc_000000000000_${secret}`)).toBeNull(); // unknown id
    expect(await verifyToken(db, 'not-a-token')).toBeNull();
    expect(await verifyToken(db, '')).toBeNull();
    revokeUser(db, 'verify');
    expect(await verifyToken(db, token)).toBeNull();
  });

  it('refuses a second account of one name, a bad name and an unknown role', () => {
    expect(() => addUser(db, 'editor1', 'editor')).toThrow(/already a user called editor1/);
    expect(() => addUser(db, 'bad name', 'editor')).toThrow(/not a user name/);
    expect(() => addUser(db, 'ok', 'superuser')).toThrow(/role must be reader, editor or admin/);
    expect(() => setRole(db, 'nobody', 'editor')).toThrow(/no user called nobody/);
  });

  it('orders roles reader < editor < admin', () => {
    expect(hasRole('admin', 'editor')).toBe(true);
    expect(hasRole('editor', 'editor')).toBe(true);
    expect(hasRole('reader', 'editor')).toBe(false);
    expect(hasRole('editor', 'admin')).toBe(false);
  });
});

describe('sign-in on the API', () => {
  it('reading needs no token', async () => {
    expect((await call('GET', '/api/places/cn:210200')).status).toBe(200);
    expect((await call('GET', '/api/edits')).status).toBe(200);
    expect((await call('GET', '/api/relationships/2')).status).toBe(200);
  });

  it('every write without a token is 401 with WWW-Authenticate: Bearer', async () => {
    for (const [method, path, body] of WRITES) {
      const res = await call(method, path, { body });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers.get('WWW-Authenticate'), `${method} ${path}`).toMatch(/^Bearer/);
      expect(((await res.json()) as any).error).toMatch(/Authorization: Bearer/);
    }
  });

  it('a malformed or unknown token is 401 too', async () => {
    const res = await call('POST', '/api/places/merge', { body: WRITES[3][2], token: 'yc_000000000000_' + 'A'.repeat(43) });
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toMatch(/error="invalid_token"/);
    const basic = await call('POST', '/api/places/merge', { body: WRITES[3][2], headers: { Authorization: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' } });
    expect(basic.status).toBe(401);
  });

  it('GET /api/me says whose a token is, for any role, and 401 for one it does not know', async () => {
    for (const [role, name] of [['reader', 'reader1'], ['editor', 'editor1'], ['admin', 'admin1']] as const) {
      const res = await call('GET', '/api/me', { token: tokens[role] });
      expect(res.status, role).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('no-store');
      const body = (await res.json()) as any;
      expect(body.user).toMatchObject({ name, role, revoked_at: null });
      expect(JSON.stringify(body)).not.toContain(tokens[role].split('_').slice(2).join('_'));
    }
    expect((await call('GET', '/api/me', { token: 'yc_000000000000_' + 'A'.repeat(43) })).status).toBe(401);
    expect((await call('GET', '/api/me')).status).toBe(401);
  });

  it('a reader’s token gets 403 on every write', async () => {
    for (const [method, path, body] of WRITES) {
      const res = await call(method, path, { body, token: tokens.reader });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await res.json()) as any).error).toMatch(/needs the (editor|admin) role; reader1 is a reader/);
    }
  });

  it('an editor cannot manage accounts (403); an admin can', async () => {
    for (const [method, path, body] of USER_ROUTES) {
      const res = await call(method, path, { body, token: tokens.editor });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    const list = await call('GET', '/api/users', { token: tokens.admin });
    expect(list.status).toBe(200);
    const users = ((await list.json()) as any).users;
    expect(users.map((u: any) => u.name)).toEqual(expect.arrayContaining(['admin1', 'editor1', 'reader1']));
    expect(JSON.stringify(users)).not.toMatch(/token_hash|scrypt/);

    const made = await call('POST', '/api/users', { body: { name: 'carol', role: 'editor' }, token: tokens.admin });
    expect(made.status).toBe(201);
    const { user, token, warning } = (await made.json()) as any;
    expect(user).toMatchObject({ name: 'carol', role: 'editor', revoked_at: null });
    expect(token).toMatch(/^yc_[0-9a-f]{12}_/);
    expect(warning).toMatch(/shown once/);
    madeByApi.push(token);
    expect((await call('POST', '/api/users', { body: { name: 'carol', role: 'editor' }, token: tokens.admin })).status).toBe(409);
    const bad = await call('POST', '/api/users', { body: { name: 'dave', role: 'boss' }, token: tokens.admin });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).parameter).toBe('role');

    // the new account works at once, and its role can be changed
    const role = await call('PATCH', '/api/users/carol', { body: { role: 'reader' }, token: tokens.admin });
    expect(role.status).toBe(200);
    expect(((await role.json()) as any).user.role).toBe('reader');
    expect((await call('PUT', '/api/places/cn%3A210200/wikidata', { body: { qid: 'Q74881' }, token })).status).toBe(403);
    expect((await call('DELETE', '/api/users/nobody', { token: tokens.admin })).status).toBe(404);

    // account changes are in the audit log
    const log = (await (await call('GET', '/api/edits?target=user:carol')).json()) as any;
    expect(log.edits.map((e: any) => e.action)).toEqual(['user.role', 'user.add']);
    expect(log.edits[1]).toMatchObject({ user_name: 'admin1', after: { name: 'carol', role: 'editor' } });
  });

  it('the accounts list is never served from the shared cache', async () => {
    expect((await call('GET', '/api/users', { token: tokens.admin })).status).toBe(200);
    const res = await call('GET', '/api/users');
    expect(res.status).toBe(401);
    const again = await call('GET', '/api/users', { token: tokens.admin });
    expect(again.headers.get('Cache-Control')).toBe('no-store');
    expect(again.headers.get('ETag')).toBeNull();
  });

  it('a revoked token stops working with the very next request', async () => {
    const { token } = addUser(db, 'temp-editor', 'editor');
    const put = () => call('PUT', '/api/places/cn%3A210200/wikidata', { body: { qid: 'Q74881' }, token });
    expect((await put()).status).toBe(200);
    const del = await call('DELETE', '/api/users/temp-editor', { token: tokens.admin });
    expect(del.status).toBe(200);
    expect(((await del.json()) as any).user.revoked_at).toBeTruthy();
    const after = await put();
    expect(after.status).toBe(401);
    // a role taken away counts at once too
    const { token: t2 } = addUser(db, 'demoted', 'editor');
    expect((await call('PUT', '/api/places/cn%3A210200/wikidata', { body: { qid: 'Q74881' }, token: t2 })).status).toBe(200);
    setRole(db, 'demoted', 'reader');
    expect((await call('PUT', '/api/places/cn%3A210200/wikidata', { body: { qid: 'Q74881' }, token: t2 })).status).toBe(403);
  });

  it('the last admin cannot be revoked or demoted through the API', async () => {
    const res = await call('DELETE', '/api/users/admin1', { token: tokens.admin });
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).error).toMatch(/last admin/);
    expect((await call('PATCH', '/api/users/admin1', { body: { role: 'editor' }, token: tokens.admin })).status).toBe(409);
  });

  it('after 10 failed sign-ins with one token id in a minute, that id gets 429 with Retry-After; valid tokens still sign in', async () => {
    const limited = createApp(db, { staticDir: tempDir(), log: false });
    const attempt = (token: string) =>
      limited.request('/api/places/merge', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ from: 'a:b', into: 'c:d' }),
      });
    for (let i = 0; i < 10; i++) expect((await attempt(`yc_00000000beef_${String(i).padStart(43, 'x')}`)).status).toBe(401);
    const res = await attempt('yc_00000000beef_' + 'x'.repeat(43));
    expect(res.status).toBe(429);
    const wait = Number(res.headers.get('Retry-After'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(((await res.json()) as any).error).toMatch(/too many failed sign-ins with this token id/);
    // another id is not held up, and a valid token is never refused for someone else's failures
    expect((await attempt(`yc_00000000cafe_${'x'.repeat(43)}`)).status).toBe(401);
    expect((await attempt(tokens.editor)).status).not.toBe(429);
    // successful sign-ins are never counted
    for (let i = 0; i < 12; i++) expect((await call('GET', '/api/users', { token: tokens.admin })).status).toBe(200);
  });

  it('counts failures made at once (no burst slips past the limit)', async () => {
    const limited = createApp(db, { staticDir: tempDir(), log: false, auth: { maxFailures: 5 } });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        limited.request('/api/users', { headers: { Authorization: `Bearer yc_00000000beef_${String(i).padStart(43, 'y')}` } }),
      ),
    );
    const codes = results.map((r) => r.status);
    expect(codes.filter((c) => c === 401).length).toBe(5);
    expect(codes.filter((c) => c === 429).length).toBe(7);
  });

  it('documents the bearer scheme and the write routes in the OpenAPI document', async () => {
    const doc = (await (await call('GET', '/openapi.json')).json()) as any;
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/relationships'].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/api/relationships/{id}'].patch.responses['409']).toBeTruthy();
    for (const [path, method] of [
      ['/api/relationships/{id}/end', 'post'],
      ['/api/places/merge', 'post'],
      ['/api/places/split', 'post'],
      ['/api/aliases', 'post'],
      ['/api/places/{id}/wikidata', 'put'],
      ['/api/users', 'get'],
      ['/api/users', 'post'],
      ['/api/users/{name}', 'delete'],
    ]) {
      expect(doc.paths[path]?.[method]?.security, `${method} ${path}`).toEqual([{ bearerAuth: [] }]);
    }
    expect(doc.paths['/api/edits'].get.security).toBeUndefined();
  });

  it('never writes a token in clear to the registry file or its journal (accounts made here and through the API)', () => {
    db.pragma('wal_checkpoint(FULL)');
    const bytes = Buffer.concat([dbPath, `${dbPath}-wal`].filter(existsSync).map((f) => readFileSync(f)));
    for (const token of [...Object.values(tokens), ...madeByApi]) {
      const secret = token.slice('yc_123456789012_'.length);
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(bytes.includes(Buffer.from(token))).toBe(false);
      // the public half is stored (it finds the row)
      expect(bytes.includes(Buffer.from(token.slice(3, 15)))).toBe(true);
    }
  });
});
