// Failed sign-ins are throttled per token id and in all, never per address: everyone behind one address (an
// office, a proxy) shares it, and ten bad tokens from one of them locked every editor out (429 for valid
// tokens too, for 51 s). A valid token is never refused for someone else's failures. `serve --trust-proxy`
// takes the client's address (for the request log) from X-Forwarded-For; off by default.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createApp, startServer, type RunningServer } from '../src/server/index.js';
import { addUser } from '../src/registry/users.js';
import { openRegistry, type DB } from '../src/registry/db.js';
import { PACKAGE_ROOT, SAMPLES_DIR } from '../src/paths.js';
import { ingestPaths } from '../src/cli/main.js';
import { tempDir } from './registry-helpers.js';

let db: DB;
let dbPath: string;
let alice: string;
let bob: string;

beforeAll(async () => {
  dbPath = join(tempDir(), 'r.db');
  db = openRegistry(dbPath);
  await ingestPaths(db, [join(SAMPLES_DIR, '001_2be138cf16039818.txt')], { quiet: true, json: true, owner: '西安市' });
  alice = addUser(db, 'alice', 'editor').token;
  bob = addUser(db, 'bob', 'editor').token;
});
afterAll(() => db?.close());

/** A wrong secret for the token id of `token` (a guess at that account). */
const guessAt = (token: string, k = 0) => token.slice(0, 16) + String(k).padStart(43, 'q').slice(-43);
/** A token of an id that does not exist, the `i`th. */
const unknown = (i: number) => `yc_${i.toString(16).padStart(12, '0')}_${'z'.repeat(43)}`;

function client(app: ReturnType<typeof createApp>) {
  return (token: string) => app.request('/api/me', { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.status);
}

describe('failed sign-ins, from one address (everyone behind a proxy)', () => {
  it('ten bad tokens, then eleven more: the valid tokens of others still sign in', async () => {
    const status = client(createApp(db, { staticDir: tempDir(), log: false }));
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push(await status(unknown(i)));
    expect(codes).toEqual(Array(21).fill(401)); // 21 ids, 1 failure each; 21 of the 100 allowed in all
    expect(await status(alice)).toBe(200);
    expect(await status(bob)).toBe(200);
  });

  it('guessing at one account: the 11th guess at its id gets 429 with Retry-After; its owner still signs in, and so does everyone else', async () => {
    const status = client(createApp(db, { staticDir: tempDir(), log: false }));
    const app = createApp(db, { staticDir: tempDir(), log: false });
    const guess = (k: number) => app.request('/api/me', { headers: { Authorization: `Bearer ${guessAt(alice, k)}` } });
    for (let k = 0; k < 10; k++) expect((await guess(k)).status).toBe(401);
    const r = await guess(10);
    expect(r.status).toBe(429);
    const wait = Number(r.headers.get('Retry-After'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(((await r.json()) as { error: string }).error).toMatch(/^too many failed sign-ins with this token id: try again in \d+ s$/);
    // alice herself, her valid token: signed in (on the same server, from the same address)
    const me = await app.request('/api/me', { headers: { Authorization: `Bearer ${alice}` } });
    expect(me.status).toBe(200);
    // bob, and a bad token of another id: not throttled by the guesses at alice's
    expect(await client(app)(bob)).toBe(200);
    expect(await client(app)(unknown(999))).toBe(401);
    void status;
  });

  it('spraying unknown ids: past 100 failures a minute in all, bad tokens get 429; valid ones still sign in', async () => {
    const app = createApp(db, { staticDir: tempDir(), log: false });
    const status = client(app);
    const codes: number[] = [];
    for (let i = 0; i < 105; i++) codes.push(await status(unknown(1000 + i)));
    expect(codes.slice(0, 100)).toEqual(Array(100).fill(401));
    expect(codes.slice(100)).toEqual(Array(5).fill(429));
    expect(await status(alice)).toBe(200);
    expect(await status(bob)).toBe(200);
  });

  it('bursts are counted: 12 guesses at one id at once with a limit of 5 give 5 × 401 and 7 × 429; 12 ids at once with a limit of 5 in all, the same', async () => {
    const perId = createApp(db, { staticDir: tempDir(), log: false, auth: { maxFailures: 5 } });
    const a = await Promise.all(Array.from({ length: 12 }, (_, k) => client(perId)(guessAt(bob, k))));
    expect([a.filter((c) => c === 401).length, a.filter((c) => c === 429).length]).toEqual([5, 7]);
    const global = createApp(db, { staticDir: tempDir(), log: false, auth: { maxGlobalFailures: 5 } });
    const b = await Promise.all(Array.from({ length: 12 }, (_, i) => client(global)(unknown(5000 + i))));
    expect([b.filter((c) => c === 401).length, b.filter((c) => c === 429).length]).toEqual([5, 7]);
    // and in the middle of it all, valid tokens
    expect(await client(perId)(bob)).toBe(200);
    expect(await client(global)(alice)).toBe(200);
  });
});

describe('behind a reverse proxy: --trust-proxy', () => {
  let servers: RunningServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });

  async function logged(trustProxy: boolean | undefined): Promise<Record<string, unknown>> {
    const lines: string[] = [];
    const server = await startServer({ dbPath, port: 0, staticDir: tempDir(), log: (s: string) => void lines.push(s), ...(trustProxy === undefined ? {} : { trustProxy }) });
    servers.push(server);
    await fetch(`${server.url}/api/stats`, { headers: { 'X-Forwarded-For': '198.51.100.9, 203.0.113.7' } });
    for (let i = 0; i < 50 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    return JSON.parse(lines.join('').trim().split('\n')[0]);
  }

  it('off by default: the request log names the socket’s address, not what the client says', async () => {
    expect(await logged(undefined)).toMatchObject({ path: '/api/stats', status: 200, client: '127.0.0.1' });
  });

  it('on: the address the proxy added (the last X-Forwarded-For entry)', async () => {
    expect(await logged(true)).toMatchObject({ path: '/api/stats', status: 200, client: '203.0.113.7' });
  });

  it('`youcheng serve --trust-proxy` takes it', async () => {
    const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'youcheng.js'), 'serve', '--db', dbPath, '--port', '0', '--trust-proxy'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = '';
        child.stdout.on('data', (s) => {
          seen += String(s);
          const m = / at (http:\/\/\S+)/.exec(seen);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${seen}`)));
      });
      let err = '';
      child.stderr.on('data', (s) => (err += String(s)));
      await fetch(`${url}/api/stats`, { headers: { 'X-Forwarded-For': '203.0.113.8' } });
      for (let i = 0; i < 100 && !err.includes('"client"'); i++) await new Promise((r) => setTimeout(r, 20));
      expect(err).toContain('"client":"203.0.113.8"');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
