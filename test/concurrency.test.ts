// Concurrency, with the built program in child processes on one registry file: the server answers reads
// (every one 200) while an ingest writes, and answers them inside the ingest's write transaction; two ingests
// at once — even into a registry that does not exist yet — are serialized and both land; edits racing on one
// tie through two servers give exactly one 200 and 409s with the current state, and the audit log has exactly
// one entry per version.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  assertBuilt,
  checkRegistry,
  checkpointAndClose,
  digest,
  freshCopy,
  makeFixtures,
  now,
  spawnYoucheng,
  startServerChild,
  type Fixtures,
  type Mark,
  type Spawned,
} from '../bench/crash.js';
import { openRegistry } from '../src/registry/db.js';
import { addUser } from '../src/registry/users.js';
import { ingestPaths } from '../src/cli/main.js';
import { wikitextDocument } from '../bench/generate.js';

let fx: Fixtures;
const servers: Spawned[] = [];

beforeAll(async () => {
  assertBuilt();
  fx = await makeFixtures(300);
});
afterAll(async () => {
  for (const s of servers) if (!s.exited()) s.child.kill('SIGKILL');
  await Promise.all(servers.map((s) => s.exit));
  if (fx) rmSync(fx.dir, { recursive: true, force: true });
});

const enc = encodeURIComponent;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;
const windowOf = (marks: Mark[], begin: string, commit: string): [number, number] => [
  marks.find((m) => m.what === begin)?.t ?? NaN,
  marks.find((m) => m.what === commit)?.t ?? NaN,
];

async function serve(db: string): Promise<{ url: string } & Spawned> {
  const s = await startServerChild(db);
  servers.push(s);
  return s;
}

describe('concurrency (child processes, one registry file)', () => {
  it('the server answers every read (200) while an ingest writes, also inside the ingest’s write transactions', async () => {
    const db = join(fx.dir, 'reads.db');
    freshCopy(fx.samplesDb, db);
    const bigDir = join(fx.dir, 'big');
    mkdirSync(bigDir, { recursive: true });
    const big = join(bigDir, 'big-3000.wiki');
    writeFileSync(big, wikitextDocument(3000));
    const server = await serve(db);
    // distinct URLs, so that most answers miss the server's answer cache and read the registry
    const names = ['大连', '西安', '广州', 'dalian', 'xian', '奈良', 'Genoa', '北九州', 'guangzhou', '热那亚'];
    const places = ['cn:210200', 'cn:610100', 'cn:440100', 'cn:110000'];
    const url = (i: number) => {
      const n = i % 4;
      if (n === 0 || n === 2) return `/api/search?q=${enc(names[i % names.length])}&limit=${1 + (i % 40)}`;
      return `/api/places/${enc(places[i % places.length])}/partners?n=${i}`;
    };
    // The reconcile's write transaction is held open until 40 reads have been answered inside it, so that
    // "inside" does not depend on how fast the machine is.
    const release = join(fx.dir, 'release-reads');
    const ingest = spawnYoucheng(['ingest', big, '--db', db, '--quiet'], { probe: true, docs: [big], hold: { label: 'reconcile', release } });
    const results: Array<{ status: number; start: number; end: number; error?: string }> = [];
    let i = 0;
    const worker = async () => {
      while (!ingest.exited()) {
        const start = now();
        try {
          const res = await fetch(server.url + url(i++));
          await res.arrayBuffer();
          results.push({ status: res.status, start, end: now() });
        } catch (e) {
          results.push({ status: 0, start, end: now(), error: (e as Error).message });
        }
      }
    };
    const hold = async () => {
      const m = await ingest.probe!.waitFor('holding reconcile');
      while (m && !ingest.exited() && results.filter((r) => r.start >= m.t).length < 40) await new Promise((r) => setTimeout(r, 10));
      writeFileSync(release, '');
    };
    await Promise.all([...Array.from({ length: 8 }, worker), hold()]);
    const exit = await ingest.exit;
    expect(exit.code, exit.stderr).toBe(0);
    const bad = results.filter((r) => r.status !== 200);
    expect(bad.slice(0, 5), `${bad.length} of ${results.length} reads failed`).toEqual([]);
    const marks = ingest.probe!.marks;
    const [storeBegin, storeCommit] = windowOf(marks, 'begin store', 'committing store');
    const [recBegin, recCommit] = windowOf(marks, 'begin reconcile', 'committing reconcile');
    // answered wholly inside the reconcile's write transaction: readers are not held up by the writer
    const insideReconcile = results.filter((r) => r.start >= recBegin && r.end <= recCommit);
    expect(insideReconcile.length).toBeGreaterThanOrEqual(40);
    const lat = results.map((r) => r.end - r.start);
    const latInside = insideReconcile.map((r) => r.end - r.start);
    // the server sees the new document once it is committed
    const sources = (await (await fetch(`${server.url}/api/sources`)).json()) as { sources?: Array<{ file_name: string }> } | Array<{ file_name: string }>;
    expect(JSON.stringify(sources)).toContain('big-3000.wiki');
    console.log(
      `reads during an ingest of 3000 rows (${Math.round(marks.at(-1)!.t - marks[0].t)} ms; store ${Math.round(storeCommit - storeBegin)} ms, ` +
        `reconcile ${Math.round(recCommit - recBegin)} ms): ${results.length} reads by 8 clients, all 200; p50 ${pct(lat, 50).toFixed(1)} ms, ` +
        `p99 ${pct(lat, 99).toFixed(1)} ms, max ${Math.max(...lat).toFixed(0)} ms; ${insideReconcile.length} answered inside the reconcile transaction ` +
        `(p99 ${pct(latInside, 99).toFixed(1)} ms)`,
    );
  }, 120_000);

  it('two ingests at once into a registry that does not exist yet, and into an existing one: serialized, both land', async () => {
    for (const base of [null, fx.samplesDb]) {
      const db = join(fx.dir, `two-${base ? 'samples' : 'new'}.db`);
      freshCopy(base, db);
      const a = spawnYoucheng(['ingest', fx.docs.delimited, '--db', db, '--quiet'], { probe: true, docs: [fx.docs.delimited] });
      const b = spawnYoucheng(['ingest', fx.docs.wikitext, '--db', db, '--quiet'], { probe: true, docs: [fx.docs.wikitext] });
      const [ea, eb] = await Promise.all([a.exit, b.exit]);
      expect([ea.code, eb.code], ea.stderr + eb.stderr).toEqual([0, 0]);
      expect(ea.stderr + eb.stderr).toBe('');
      // serialized: no write transaction of one runs while one of the other does (from 'begin', noted once the
      // write lock is held, to 'committing', noted before it is let go)
      const spans = (m: Mark[]) =>
        m.filter((x) => x.what.startsWith('begin ')).map((x) => [x.t, m.find((y) => y.t >= x.t && y.what === x.what.replace('begin', 'committing'))!.t]);
      const sa = spans(a.probe!.marks);
      const sb = spans(b.probe!.marks);
      expect(sa.length).toBeGreaterThanOrEqual(2);
      for (const [s1, e1] of sa) for (const [s2, e2] of sb) expect(e1 <= s2 || e2 <= s1, `overlap ${s1}–${e1} and ${s2}–${e2}`).toBe(true);
      const check = checkRegistry(db, [fx.docs.delimited, fx.docs.wikitext].map((d) => d.split('/').at(-1)!));
      expect(check.integrity).toBe('ok');
      for (const d of Object.values(check.documents)) {
        expect(d).not.toBeNull();
        expect(d!.claims).toBe(d!.rowsRead);
      }
      // and the registry is the one one process ingesting both would leave
      const ref = join(fx.dir, `two-ref-${base ? 'samples' : 'new'}.db`);
      freshCopy(base, ref);
      const r = openRegistry(ref);
      await ingestPaths(r, [fx.docs.delimited, fx.docs.wikitext], { quiet: true, json: true });
      const want = digest(r);
      r.close();
      const got = new Database(db, { readonly: true });
      expect(digest(got)).toBe(want);
      got.close();
    }
  }, 120_000);

  it('six processes creating one new registry at the same moment all succeed (the schema is made once)', async () => {
    const dbModule = new URL('../dist/src/registry/db.js', import.meta.url).href;
    const code = `const { openRegistry } = await import(${JSON.stringify(dbModule)}); openRegistry(process.argv[1]).close();`;
    for (let round = 0; round < 4; round++) {
      const db = join(fx.dir, `six-${round}.db`);
      freshCopy(null, db);
      const exits = await Promise.all(
        Array.from({ length: 6 }, () => {
          const child = spawn(process.execPath, ['--input-type=module', '-e', code, db], { stdio: ['ignore', 'ignore', 'pipe'] });
          let err = '';
          child.stderr!.on('data', (s) => (err += s));
          return new Promise<string>((resolve) => child.on('close', (c) => resolve(c === 0 ? '' : `exit ${c}: ${err.split('\n').find((l) => /Error/.test(l)) ?? err}`)));
        }),
      );
      expect(exits.filter(Boolean).join('\n')).toBe(''); // (the messages, in full, when one fails)
      const r = new Database(db, { readonly: true });
      expect(r.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(r.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get());
      r.close();
    }
  }, 60_000);

  it('opening a new registry while another process holds its write lock waits for it instead of failing (database is locked)', async () => {
    // The other process writes the new file before it is in WAL mode; switching to WAL then needs the write
    // lock after a read of the header, where SQLite's busy timeout does not apply.
    const db = join(fx.dir, 'held.db');
    freshCopy(null, db);
    const code = `import Database from 'better-sqlite3';
      const d = new Database(process.argv[1]);
      d.exec('BEGIN IMMEDIATE'); d.exec('CREATE TABLE held (x)');
      process.stdout.write('locked\\n');
      setTimeout(() => { d.exec('COMMIT'); d.close(); }, 1500);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', code, db], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    // The other process's table is there: the opening waited for its commit (a failure would have thrown).
    const r = openRegistry(db);
    expect(r.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(r.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('held', 'schema_migrations')").pluck().get()).toBe(2);
    r.close();
    await new Promise((resolve) => child.on('close', resolve));
  }, 30_000);

  it('edits racing on one tie through two servers: exactly one 200, the rest 409 with the current state, one log entry per version', async () => {
    const db = join(fx.dir, 'race.db');
    freshCopy(fx.samplesDb, db);
    const w = openRegistry(db);
    const token = addUser(w, 'racer', 'editor').token;
    const tie = w.prepare(`SELECT id, version FROM relationships WHERE status = 'listed' ORDER BY id LIMIT 1`).get() as { id: number; version: number };
    checkpointAndClose(w);
    const [s1, s2] = await Promise.all([serve(db), serve(db)]);
    const N = 8;
    let version = tie.version;
    const rounds: string[] = [];
    for (let round = 0; round < 3; round++) {
      const dates = Array.from({ length: N }, (_, k) => `${1990 + round}-${String(k + 1).padStart(2, '0')}-15`);
      const answers = await Promise.all(
        dates.map(async (date, k) => {
          const res = await fetch(`${(k % 2 ? s2 : s1).url}/api/relationships/${tie.id}`, {
            method: 'PATCH',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify({ date, version, note: `racer ${k}` }),
          });
          return { status: res.status, body: (await res.json()) as any, date };
        }),
      );
      const ok = answers.filter((a) => a.status === 200);
      const conflicts = answers.filter((a) => a.status === 409);
      expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.filter((a) => a.status !== 200 && a.status !== 409))).toEqual(
        [200, ...Array(N - 1).fill(409)].sort(),
      );
      const winner = ok[0];
      expect(winner.body).toMatchObject({ version: version + 1, start_date: winner.date });
      // every loser is told the state that won
      for (const c of conflicts) expect(c.body.current).toMatchObject({ id: tie.id, version: version + 1, start_date: winner.date });
      version++;
      rounds.push(`round ${round + 1}: ${ok.length}×200, ${conflicts.length}×409`);
    }
    const r = openRegistry(db);
    try {
      const log = r.prepare(`SELECT before, after FROM edits WHERE action = 'relationship.update' AND target = ?`).all(String(tie.id)) as Array<{ before: string; after: string }>;
      const befores = log.map((e) => JSON.parse(e.before).version).sort();
      expect(befores).toEqual([tie.version, tie.version + 1, tie.version + 2]);
      const claims = r.prepare('SELECT COUNT(*) FROM claims WHERE edit_id IS NOT NULL').pluck().get();
      expect(claims).toBe(3);
      expect((r.prepare('SELECT version FROM relationships WHERE id = ?').pluck().get(tie.id) as number)).toBe(tie.version + 3);
    } finally {
      r.close();
    }
    console.log(`edits racing (${N} PATCH with one version, through two server processes): ${rounds.join('; ')}; audit log: one entry per version`);
  }, 120_000);
});
