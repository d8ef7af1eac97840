// Edits through the HTTP API, over a registry built from the four bundled samples: ending, re-dating and
// adding ties, optimistic concurrency, merging and splitting places, the audit log, caches that follow
// every edit, and documents ingested again that never undo an edit.
import { describe, it, expect, beforeAll } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRegistry, type DB } from '../src/registry/db.js';
import { addUser } from '../src/registry/users.js';
import { endRelationship, getRelationship } from '../src/service/edits.js';
import { ingestPaths } from '../src/cli/main.js';
import { SAMPLES_DIR } from '../src/paths.js';
import { createApp, type App } from '../src/server/app.js';
import { startServer } from '../src/server/index.js';
import { sampleRegistry, tempDir } from './registry-helpers.js';

let db: DB;
let dbPath: string;
let app: App;
let editor: string;

const DALIAN = 'cn:210200';
const RICHMOND_VA = 'gn:4781708';
const RICHMOND_UNRESOLVED = 'u:US:里士满';

const call = async (method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
  const res = await app.request(path, {
    method,
    headers: {
      ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text && res.headers.get('Content-Type')?.includes('json') ? JSON.parse(text) : text) as any, res };
};
const get = (path: string, headers: Record<string, string> = {}) => call('GET', path, { headers });
const enc = encodeURIComponent;

async function tieOf(cn: string, partnerName: string): Promise<any> {
  const { body } = await get(`/api/places/${enc(cn)}/partners`);
  const p = body.partners.find((x: any) => x.partner.name_zh_hans === partnerName || x.partner.name_en === partnerName);
  expect(p, `${cn} — ${partnerName}`).toBeTruthy();
  return p;
}

let kitakyushu: number; // Dalian–Kitakyushu, the first tie of Dalian (1979-05-01)

beforeAll(async () => {
  ({ db, path: dbPath } = await sampleRegistry());
  editor = addUser(db, 'ed', 'editor').token;
  app = createApp(db, { staticDir: tempDir(), log: false });
  kitakyushu = (await tieOf(DALIAN, '北九州')).relationship_id;
});

describe('ending a tie', () => {
  it('suspends Dalian–Kitakyushu with a reason: GET shows the status, end date, reason and history', async () => {
    const before = await get(`/api/relationships/${kitakyushu}`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      id: kitakyushu,
      cn_place_id: DALIAN,
      status: 'listed',
      start_date: '1979-05-01',
      end_date: null,
      version: 1,
      history: [],
      cn: { id: DALIAN, name_zh_hans: '大连市' },
      foreign: { name_zh_hans: '北九州', country_iso2: 'JP' },
    });
    expect(before.body.sources.map((s: any) => s.source)).toContain('000_0f381ef73e09f27f.txt');
    const partnersTag = (await get(`/api/places/${enc(DALIAN)}/partners`)).res.headers.get('ETag')!;

    const ended = await call('POST', `/api/relationships/${kitakyushu}/end`, {
      token: editor,
      body: { status: 'suspended', end_date: '2022-03', reason: 'frozen by the city council', reference: 'https://example.org/news/1', version: 1 },
    });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'suspended', end_date: '2022-03', end_reason: 'frozen by the city council', version: 2 });

    const after = await get(`/api/relationships/${kitakyushu}`);
    expect(after.body).toMatchObject({ status: 'suspended', end_date: '2022-03', end_reason: 'frozen by the city council', start_date: '1979-05-01', version: 2 });
    expect(after.body.history).toHaveLength(1);
    expect(after.body.history[0]).toMatchObject({
      user_name: 'ed',
      action: 'relationship.suspend',
      target: String(kitakyushu),
      before: { status: 'listed', version: 1 },
      after: { status: 'suspended', end_date: '2022-03', version: 2 },
      note: 'frozen by the city council',
    });
    // the person's edit is one of the tie's sources now
    expect(after.body.sources.some((s: any) => s.source === 'edits by ed')).toBe(true);

    // cached answers follow the edit: a new ETag, and the partners list shows the new status
    const partners = await get(`/api/places/${enc(DALIAN)}/partners`, { 'If-None-Match': partnersTag });
    expect(partners.status).toBe(200);
    expect(partners.res.headers.get('ETag')).not.toBe(partnersTag);
    const tie = partners.body.partners.find((p: any) => p.relationship_id === kitakyushu);
    expect(tie).toMatchObject({ status: 'suspended', end_date: '2022-03', end_reason: 'frozen by the city council', unlisted_in: null, version: 2 });
    // the edit's own claim carries the reference the editor gave, and its audit-log entry
    expect(tie.sources.find((s: any) => s.source === 'edits by ed')).toMatchObject({
      reference: 'https://example.org/news/1',
      edit_id: after.body.history[0].id,
    });
    expect(tie.sources.find((s: any) => s.source === '000_0f381ef73e09f27f.txt')).toMatchObject({ reference: null, edit_id: null });
    const suspended = (await get(`/api/relationships?status=suspended`)).body.items;
    expect(suspended.map((r: any) => r.id)).toEqual([kitakyushu]);
    expect(suspended[0]).toMatchObject({ end_reason: 'frozen by the city council', version: 2 });
  });

  it('an edit made on the server’s own connection changes the ETags too', async () => {
    const { body: ties } = await get(`/api/places/${enc(DALIAN)}/partners`);
    const tie = ties.partners.find((p: any) => p.partner.name_zh_hans === '舞鹤' || p.partner.name_en === 'Maizuru');
    expect(tie).toBeTruthy();
    const first = await get(`/api/relationships/${tie.relationship_id}`);
    const tag = first.res.headers.get('ETag')!;
    endRelationship(db, { name: 'local' }, tie.relationship_id, { status: 'ended', reason: 'test', endDate: '2020' });
    const again = await get(`/api/relationships/${tie.relationship_id}`, { 'If-None-Match': tag });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'ended', end_date: '2020', version: 2 });
  });
});

describe('correcting a tie', () => {
  it('an editor’s PATCH shows in /api/edits with before and after', async () => {
    const tie = await tieOf(DALIAN, 'Bremen');
    const res = await call('PATCH', `/api/relationships/${tie.relationship_id}`, {
      token: editor,
      body: { date: '1985-04-18', note: 'the treaty is dated the 18th', version: 1 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ start_date: '1985-04-18', start_precision: 'day', version: 2 });
    const log = await get(`/api/edits?user=ed&target=${tie.relationship_id}`);
    expect(log.status).toBe(200);
    expect(log.body.edits).toHaveLength(1);
    expect(log.body.edits[0]).toMatchObject({
      user_name: 'ed',
      action: 'relationship.update',
      before: { start_date: '1985-04-17', version: 1 },
      after: { start_date: '1985-04-18', version: 2 },
      note: 'the treaty is dated the 18th',
    });
    expect(log.body.edits[0].at).toMatch(/^\d{4}-\d\d-\d\dT/);
    // newest first, and limit
    const all = await get('/api/edits?limit=2');
    expect(all.body.edits.map((e: any) => e.id)).toEqual([...all.body.edits.map((e: any) => e.id)].sort((a: number, b: number) => b - a));
    expect(all.body.edits.length).toBe(2);
    expect((await get('/api/edits?limit=0')).status).toBe(400);
  });

  it('two PATCHes racing with the same version: one 200, one 409 with the current state', async () => {
    const tie = await tieOf(DALIAN, 'Glasgow');
    const { body: cur } = await get(`/api/relationships/${tie.relationship_id}`);
    const patch = (date: string) =>
      call('PATCH', `/api/relationships/${tie.relationship_id}`, { token: editor, body: { date, version: cur.version } });
    const results = await Promise.all([patch('1987-10-28'), patch('1987-10-29')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const won = results.find((r) => r.status === 200)!;
    const lost = results.find((r) => r.status === 409)!;
    expect(lost.body.error).toMatch(/changed by someone else/);
    expect(lost.body.current).toMatchObject({ id: tie.relationship_id, version: cur.version + 1, start_date: won.body.start_date });
    expect(lost.body.current.history).toHaveLength(1);
    // the loser's date was not written
    expect((await get(`/api/relationships/${tie.relationship_id}`)).body.start_date).toBe(won.body.start_date);
  });

  it('takes the version as If-Match too, and wants one', async () => {
    const tie = await tieOf(DALIAN, 'Rostock');
    const { body: cur } = await get(`/api/relationships/${tie.relationship_id}`);
    const stale = await call('PATCH', `/api/relationships/${tie.relationship_id}`, {
      token: editor,
      body: { kind: 'cooperation' },
      headers: { 'If-Match': `"${cur.version + 5}"` },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current.version).toBe(cur.version);
    const ok = await call('PATCH', `/api/relationships/${tie.relationship_id}`, {
      token: editor,
      body: { kind: 'cooperation' },
      headers: { 'If-Match': `"${cur.version}"` },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ kind: 'cooperation', version: cur.version + 1 });
    const none = await call('PATCH', `/api/relationships/${tie.relationship_id}`, { token: editor, body: { kind: 'sister' } });
    expect(none.status).toBe(428);
    expect(none.body.parameter).toBe('version');
  });

  it('answers a wrong field with a 400 that names it, and an unknown tie or place with 404', async () => {
    const bad = async (method: string, path: string, body: unknown, parameter: string) => {
      const r = await call(method, path, { token: editor, body });
      expect(r.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(r.body.parameter).toBe(parameter);
      expect(r.body.error).toMatch(new RegExp(`^${parameter}: `));
    };
    await bad('POST', '/api/relationships', { foreign_place_id: 'gn:1859307', kind: 'sister', note: 'x' }, 'cn_place_id');
    await bad('POST', '/api/relationships', { cn_place_id: DALIAN, foreign_place_id: 'gn:1859307', kind: 'twin', note: 'x' }, 'kind');
    await bad('PATCH', `/api/relationships/${kitakyushu}`, { date: 'last spring', version: 1 }, 'date');
    await bad('PATCH', `/api/relationships/${kitakyushu}`, { date: '1980', version: 'two' }, 'version');
    await bad('POST', `/api/relationships/${kitakyushu}/end`, { status: 'frozen', reason: 'x' }, 'status');
    await bad('POST', `/api/relationships/${kitakyushu}/end`, { status: 'ended' }, 'reason');
    await bad('PUT', `/api/places/${enc(DALIAN)}/wikidata`, { qid: 'L123' }, 'qid');
    await bad('POST', '/api/aliases', { name: '里士满', country: 'usa', target: RICHMOND_VA }, 'country');
    await bad('PATCH', '/api/relationships/abc', { date: '1980', version: 1 }, 'id');

    const malformed = await call('POST', '/api/places/merge', { token: editor, body: '{"from": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatch(/JSON/);

    const noPlace = await call('POST', '/api/relationships', {
      token: editor,
      body: { cn_place_id: DALIAN, foreign_place_id: 'gn:999999999', kind: 'sister', note: 'x' },
    });
    expect(noPlace.status).toBe(404);
    expect(noPlace.body.error).toMatch(/no place gn:999999999/);
    expect((await get('/api/relationships/999999')).status).toBe(404);
    expect((await call('POST', '/api/relationships/999999/end', { token: editor, body: { status: 'ended', reason: 'x' } })).status).toBe(404);
    // a tie needs a reference or a note
    const bare = await call('POST', '/api/relationships', { token: editor, body: { cn_place_id: DALIAN, foreign_place_id: RICHMOND_VA, kind: 'sister' } });
    expect(bare.status).toBe(400);
    expect(bare.body.error).toMatch(/reference/);
  });

  it('adds a tie: 201 with its state and Location, and it is among the partners', async () => {
    const res = await call('POST', '/api/relationships', {
      token: editor,
      body: { cn_place_id: DALIAN, foreign_place_id: RICHMOND_VA, kind: 'other', date: '2019-06', reference: 'https://example.org/mou' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ cn_place_id: DALIAN, foreign_place_id: RICHMOND_VA, kind: 'other', start_date: '2019-06', status: 'listed' });
    // a tie's version counts the edits of it, its making included
    expect(res.body.version).toBe(2);
    expect(res.res.headers.get('Location')).toBe(`/api/relationships/${res.body.id}`);
    expect(res.body.history[0]).toMatchObject({ action: 'relationship.add', before: null });
    const tie = (await get(`/api/places/${enc(DALIAN)}/partners`)).body.partners.find((p: any) => p.partner.id === RICHMOND_VA);
    expect(tie).toMatchObject({ relationship_id: res.body.id, kind: 'other', start_date: '2019-06' });
  });
});

describe('places', () => {
  it('merges two places, then splits them back; the tie keeps its id', async () => {
    const [zz] = (await get(`/api/places/${enc(RICHMOND_UNRESOLVED)}/partners`)).body.partners;
    expect(zz.partner.id).toBe('cn:410100'); // 郑州 — Richmond, written 里士满 and not resolved
    const merged = await call('POST', '/api/places/merge', { token: editor, body: { from: RICHMOND_UNRESOLVED, into: RICHMOND_VA, note: 'Richmond, Virginia' } });
    expect(merged.status).toBe(200);
    expect(merged.body).toEqual({ from: RICHMOND_UNRESOLVED, into: RICHMOND_VA });
    expect((await get(`/api/places/${enc(RICHMOND_UNRESOLVED)}`)).status).toBe(404);
    const partners = (await get(`/api/places/${enc(RICHMOND_VA)}/partners`)).body.partners.map((p: any) => p.partner.id);
    expect(partners).toEqual(expect.arrayContaining(['cn:410100', DALIAN]));
    // the place merged away is gone: nothing can be merged into it
    expect((await call('POST', '/api/places/merge', { token: editor, body: { from: RICHMOND_VA, into: RICHMOND_UNRESOLVED } })).status).toBe(404);

    const split = await call('POST', '/api/places/split', { token: editor, body: { place: RICHMOND_UNRESOLVED, note: 'not sure it is Virginia' } });
    expect(split.status).toBe(200);
    expect(split.body).toEqual({ place: RICHMOND_VA, split: RICHMOND_UNRESOLVED });
    expect((await get(`/api/places/${enc(RICHMOND_UNRESOLVED)}`)).status).toBe(200);
    const back = (await get(`/api/places/${enc(RICHMOND_UNRESOLVED)}/partners`)).body.partners;
    expect(back.map((p: any) => [p.partner.id, p.relationship_id])).toEqual([['cn:410100', zz.relationship_id]]);
    expect((await get(`/api/places/${enc(RICHMOND_VA)}/partners`)).body.partners.map((p: any) => p.partner.id)).toEqual([DALIAN]);

    const log = (await get(`/api/edits?target=${enc(RICHMOND_UNRESOLVED)}`)).body.edits;
    expect(log.map((e: any) => e.action)).toEqual(['place.split', 'place.merge']);
  });

  it('links a place to Wikidata and adds an alias, both logged', async () => {
    const wd = await call('PUT', `/api/places/${enc(DALIAN)}/wikidata`, { token: editor, body: { qid: 'Q74881' } });
    expect(wd.status).toBe(200);
    expect(wd.body).toEqual({ place: DALIAN, qid: 'Q74881' });
    expect((await call('PUT', `/api/places/${enc('gn:999999999')}/wikidata`, { token: editor, body: { qid: 'Q1' } })).status).toBe(404);

    const alias = await call('POST', '/api/aliases', { token: editor, body: { name: '里士满', country: 'US', target: RICHMOND_VA } });
    expect(alias.status).toBe(200);
    const partners = (await get(`/api/places/${enc(RICHMOND_VA)}/partners`)).body.partners.map((p: any) => p.partner.id);
    expect(partners).toEqual(expect.arrayContaining(['cn:410100', DALIAN]));
    const actions = (await get('/api/edits?user=ed&limit=2')).body.edits.map((e: any) => e.action);
    expect(actions).toEqual(['alias.add', 'place.wikidata']);
  });
});

describe('documents ingested again', () => {
  // as `youcheng ingest` does while the server runs: another connection (another process, in life)
  const ingestElsewhere = async (paths: string[]) => {
    const other = openRegistry(dbPath);
    try {
      return await ingestPaths(other, paths, { quiet: true, json: true });
    } finally {
      other.close();
    }
  };

  it('the same documents again change nothing: every edit stands', async () => {
    const before = (await get(`/api/relationships/${kitakyushu}`)).body;
    await ingestElsewhere([SAMPLES_DIR]);
    const after = (await get(`/api/relationships/${kitakyushu}`)).body;
    expect(after).toMatchObject({ status: 'suspended', end_date: '2022-03', end_reason: 'frozen by the city council', version: before.version });
    expect(after.history).toEqual(before.history);
  });

  it('a date edit that disagrees with a document is a correction, not a conflict, and survives a changed copy', async () => {
    const { body: cur } = await get(`/api/relationships/${kitakyushu}`);
    const res = await call('PATCH', `/api/relationships/${kitakyushu}`, {
      token: editor,
      body: { date: '1979-04-30', reference: 'https://example.org/treaty', version: cur.version },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ start_date: '1979-04-30', status: 'suspended' });
    const conflict = (q: any) => q.reconciliation.conflicts.find((k: any) => k.relationship_id === kitakyushu && k.field === 'start_date');
    // the editor's word settles the date: no conflict between sources, in the quality report or on the tie
    expect(conflict((await get('/api/quality')).body)).toBeUndefined();
    expect(res.body.conflicts.some((c: any) => c.field === 'start_date')).toBe(false);
    // the tie says who corrected it, and the document's own date stays among its sources
    const correction = res.body.corrections.find((c: any) => c.field === 'start_date');
    expect(correction).toMatchObject({ value: '1979-04-30', precision: 'day', by: 'ed', reference: 'https://example.org/treaty' });
    expect(correction.at.slice(0, 4)).toMatch(/^20\d\d$/);
    expect(res.body.sources.filter((s: any) => s.edit_id == null).map((s: any) => s.date)).toEqual(['1979-05-01']);

    // a new version of Dalian's list, with another date for the same tie
    const dir = tempDir();
    const file = '000_0f381ef73e09f27f.txt';
    copyFileSync(join(SAMPLES_DIR, 'manifest.json'), join(dir, 'manifest.json'));
    const text = readFileSync(join(SAMPLES_DIR, file), 'utf8');
    expect(text).toContain('[[北九州|北九州]] || 1979-05-01');
    writeFileSync(join(dir, file), text.replace('[[北九州|北九州]] || 1979-05-01', '[[北九州|北九州]] || 1979-05-02'));
    const { reports } = await ingestElsewhere([join(dir, file)]);
    expect(reports[0]).toMatchObject({ status: 'added', version: 2 });

    const after = (await get(`/api/relationships/${kitakyushu}`)).body;
    expect(after).toMatchObject({ start_date: '1979-04-30', status: 'suspended', end_date: '2022-03', version: cur.version + 1 });
    expect(conflict((await get('/api/quality')).body)).toBeUndefined();
    expect(after.sources.filter((s: any) => s.edit_id == null).map((s: any) => [s.version, s.date])).toEqual([[1, '1979-05-01'], [2, '1979-05-02']]);
    expect(getRelationship(db, kitakyushu)?.start_date).toBe('1979-04-30');
  });
});

describe('on the wire (a real server, which reads through a read-only connection)', () => {
  it('writes through its own read-write connection, and the next GET sees the edit', async () => {
    const server = await startServer({ dbPath, port: 0, log: false, staticDir: tempDir() });
    try {
      expect(server.db.readonly).toBe(true);
      const tie = (await (await fetch(`${server.url}/api/places/${enc(DALIAN)}/partners`)).json()) as any;
      const oakland = tie.partners.find((p: any) => p.partner.name_en === 'Oakland');
      const before = await fetch(`${server.url}/api/relationships/${oakland.relationship_id}`);
      const tag = before.headers.get('ETag')!;
      const res = await fetch(`${server.url}/api/relationships/${oakland.relationship_id}/end`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${editor}` },
        body: JSON.stringify({ status: 'ended', reason: 'wire test', end_date: '2021' }),
      });
      expect(res.status).toBe(200);
      const after = await fetch(`${server.url}/api/relationships/${oakland.relationship_id}`, { headers: { 'If-None-Match': tag } });
      expect(after.status).toBe(200);
      expect(await after.json()).toMatchObject({ status: 'ended', end_date: '2021', end_reason: 'wire test' });
      // failed sign-ins are counted per token id (here one id, eleven times)
      const bad = () =>
        fetch(`${server.url}/api/users`, { headers: { Authorization: `Bearer yc_000000000000_${'z'.repeat(43)}` } }).then((r) => r.status);
      const codes: number[] = [];
      for (let i = 0; i < 11; i++) codes.push(await bad());
      expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
      expect(codes[10]).toBe(429);
    } finally {
      await server.close();
    }
  });
});

describe('an edit while another process holds the write lock (an ingest storing or reconciling)', () => {
  it('waits for the lock without stopping the server: reads are answered meanwhile, and the edit lands once the lock is let go', async () => {
    const tie = await tieOf(DALIAN, '热那亚');
    const holder = openRegistry(dbPath);
    holder.exec('BEGIN IMMEDIATE');
    let settled = false;
    const edit = call('PATCH', `/api/relationships/${tie.relationship_id}`, {
      token: editor,
      body: { date: '2002-10-24', version: tie.version, note: 'while locked' },
    }).finally(() => (settled = true));
    try {
      // The edit waits between tries, not in SQLite's busy wait (which would hold up this whole process, the
      // timer below included, and end in a 503), so the timer fires and these are answered before it ends.
      // (The second is past the edit's sign-in check: by then it is waiting for the lock.)
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(settled).toBe(false);
      for (const q of ['genoa', '大连', 'nara']) {
        const read = await get(`/api/search?q=${enc(q)}&limit=3`);
        expect(read.status).toBe(200);
      }
      expect((await get(`/api/relationships/${tie.relationship_id}`)).body.version).toBe(tie.version);
      expect(settled).toBe(false);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    const res = await edit;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ start_date: '2002-10-24', version: tie.version + 1 });
  });

  it('is answered 503 with Retry-After when the lock is held past the wait, and changes nothing', async () => {
    const quick = createApp(db, { staticDir: tempDir(), log: false, writeWaitMs: 300 });
    const tie = await tieOf(DALIAN, '米兰');
    const holder = openRegistry(dbPath);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const res = await quick.request(`/api/relationships/${tie.relationship_id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${editor}` },
        body: JSON.stringify({ date: '2007-09-07', version: tie.version }),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('Retry-After')).toBe('5');
      expect(((await res.json()) as { error: string }).error).toMatch(/busy/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect((await get(`/api/relationships/${tie.relationship_id}`)).body).toMatchObject({ start_date: tie.start_date, version: tie.version });
  });
});
