// The people commands of `youcheng` (users, edit, log), run in-process on a program of their own, over a
// registry built from the four bundled samples.
import { describe, it, expect, beforeAll } from 'vitest';
import { Command, CommanderError } from 'commander';
import { readFileSync, existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { openRegistry } from '../src/registry/db.js';
import { registerPeopleCommands } from '../src/cli/people.js';
import { ingestPaths } from '../src/cli/main.js';
import { SAMPLES_DIR } from '../src/paths.js';
import { sampleRegistry } from './registry-helpers.js';

let dbPath: string;

/** Runs `youcheng ARGS…` with the people commands; returns the exit code and what was printed. */
async function yc(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const program = new Command('youcheng').exitOverride();
  program.configureOutput({ writeOut: (s) => void (out += s), writeErr: (s) => void (err += s) });
  registerPeopleCommands(program);
  const write = process.stdout.write;
  process.stdout.write = ((s: string | Uint8Array) => {
    out += typeof s === 'string' ? s : Buffer.from(s).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  let code = 0;
  try {
    await program.parseAsync(['node', 'youcheng', ...args]);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    code = e.exitCode;
  } finally {
    process.stdout.write = write;
  }
  return { code, out, err };
}

const withDb = <T>(f: (db: ReturnType<typeof openRegistry>) => T): T => {
  const db = openRegistry(dbPath);
  try {
    return f(db);
  } finally {
    db.close();
  }
};
const relOf = (cn: string, foreign: string) =>
  withDb((db) => db.prepare('SELECT * FROM relationships WHERE cn_place_id = ? AND foreign_place_id = ?').get(cn, foreign) as any);

let kitakyushu: number;

beforeAll(async () => {
  const r = await sampleRegistry();
  dbPath = r.path;
  r.db.close();
  kitakyushu = relOf('cn:210200', 'gn:1859307').id;
});

describe('youcheng users', () => {
  let token = '';

  it('users add prints the token once, with a warning to store it', async () => {
    const r = await yc('users', 'add', 'alice', '--role', 'editor', '--db', dbPath, '--as', 'root');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    token = /yc_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/.exec(r.out)![0];
    expect(r.out).toMatch(/Made editor account alice/);
    expect(r.out).toMatch(/shown once: store it now/);
    const j = await yc('users', 'add', 'bob', '--role', 'admin', '--db', dbPath, '--json');
    expect(JSON.parse(j.out)).toMatchObject({ user: { name: 'bob', role: 'admin', revoked_at: null }, token: expect.stringMatching(/^yc_/) });
  });

  it('users list shows accounts and never their secrets; the file holds none either', async () => {
    const r = await yc('users', 'list', '--db', dbPath);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/alice\s+editor\s+token yc_[0-9a-f]{12}_…/);
    expect(r.out).toMatch(/bob\s+admin/);
    const secret = token.slice(16);
    expect(r.out).not.toContain(secret);
    const j = JSON.parse((await yc('users', 'list', '--db', dbPath, '--json')).out);
    expect(j.map((u: any) => u.name)).toEqual(['alice', 'bob']);
    expect(JSON.stringify(j)).not.toMatch(/hash|scrypt/);
    withDb((db) => db.pragma('wal_checkpoint(FULL)'));
    for (const f of [dbPath, `${dbPath}-wal`].filter(existsSync)) expect(readFileSync(f).includes(Buffer.from(secret))).toBe(false);
  });

  it('users role and users revoke change the account, and are logged', async () => {
    expect((await yc('users', 'role', 'alice', 'admin', '--db', dbPath, '--as', 'root')).out).toMatch(/alice is now an admin/);
    expect((await yc('users', 'role', 'alice', 'editor', '--db', dbPath, '--as', 'root')).code).toBe(0);
    const r = await yc('users', 'revoke', 'alice', '--db', dbPath, '--as', 'root');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/revoked alice \(editor\)/);
    expect((await yc('users', 'list', '--db', dbPath)).out).toMatch(/alice .*REVOKED/);
    const log = JSON.parse((await yc('log', '--target', 'user:alice', '--json', '--db', dbPath)).out);
    expect(log.map((e: any) => [e.action, e.user_name])).toEqual([
      ['user.revoke', 'root'],
      ['user.role', 'root'],
      ['user.role', 'root'],
      ['user.add', 'root'],
    ]);
  });

  it('refuses clearly: a taken name, an unknown role, an unknown user', async () => {
    const taken = await yc('users', 'add', 'bob', '--role', 'editor', '--db', dbPath);
    expect(taken.code).toBe(1);
    expect(taken.err).toBe('youcheng: there is already a user called bob\n');
    const role = await yc('users', 'add', 'carol', '--role', 'boss', '--db', dbPath);
    expect(role.code).toBe(1);
    expect(role.err).toMatch(/Allowed choices are reader, editor, admin/);
    const nobody = await yc('users', 'revoke', 'nobody', '--db', dbPath);
    expect(nobody.err).toBe('youcheng: no user called nobody\n');
    const noDb = await yc('users', 'list', '--db', '/nonexistent/x.db');
    expect(noDb.code).toBe(1);
    expect(noDb.err).toMatch(/no registry at \/nonexistent\/x\.db/);
  });
});

describe('youcheng edit and log', () => {
  it('edit end suspends Dalian–Kitakyushu with a reason; log shows before and after', async () => {
    const r = await yc('edit', 'end', String(kitakyushu), '--status', 'suspended', '--reason', 'frozen', '--date', '2022-03', '--db', dbPath, '--as', 'alice');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^relationship ${kitakyushu}, version 2: 大连市 Dalian \\(CN\\) \\[cn:210200\\] — 北九州 Kitakyushu \\(JP\\) \\[gn:1859307\\]: sister, 1979-05-01 – 2022-03, suspended \\(frozen\\)\\n$`));
    expect(relOf('cn:210200', 'gn:1859307')).toMatchObject({ status: 'suspended', end_date: '2022-03', end_reason: 'frozen', version: 2 });

    const log = await yc('log', '--target', String(kitakyushu), '--db', dbPath);
    expect(log.code).toBe(0);
    expect(log.out).toMatch(/#\d+ {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ {2}alice {2}relationship\.suspend {2}tie \d+ \(大连市 Dalian \(CN\) \[cn:210200\] — 北九州/);
    expect(log.out).toMatch(/end_date — → 2022-03; end_reason — → frozen; status listed → suspended; version 1 → 2/);
    expect(log.out).toMatch(/note: frozen/);
    const j = JSON.parse((await yc('log', '--user', 'alice', '--json', '--db', dbPath)).out);
    expect(j[0]).toMatchObject({ action: 'relationship.suspend', before: { status: 'listed' }, after: { status: 'suspended' } });
  });

  it('edit date checks the version it is given', async () => {
    const stale = await yc('edit', 'date', String(kitakyushu), '1979-04-30', '--version', '1', '--db', dbPath, '--as', 'alice');
    expect(stale.code).toBe(1);
    expect(stale.err).toMatch(/^youcheng: relationship \d+ was changed by someone else \(version 2, you sent 1\) — it now stands: .*suspended.*; version 2\n$/);
    const ok = await yc('edit', 'date', String(kitakyushu), '1979-04-30', '--version', '2', '--db', dbPath, '--as', 'alice', '--json');
    expect(ok.code).toBe(0);
    const j = JSON.parse(ok.out);
    expect(j.relationship).toMatchObject({ start_date: '1979-04-30', status: 'suspended', version: 3 });
    expect(j.history.map((e: any) => e.action)).toEqual(['relationship.suspend', 'relationship.update']);
    const bad = await yc('edit', 'date', String(kitakyushu), 'someday', '--db', dbPath);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^youcheng: date "someday" is not a date/);
  });

  it('documents ingested again do not undo CLI edits', async () => {
    // ingestPaths is asynchronous (office files are laid out first): the registry stays open until it ends.
    const db = openRegistry(dbPath);
    try {
      await ingestPaths(db, [SAMPLES_DIR], { quiet: true, json: true });
    } finally {
      db.close();
    }
    expect(relOf('cn:210200', 'gn:1859307')).toMatchObject({ start_date: '1979-04-30', status: 'suspended', version: 3 });
  });

  it('edit add takes places by name, and lists the candidates of an ambiguous one', async () => {
    const amb = await yc('edit', 'add', '--cn', '大连', '--foreign', '奥克兰', '--kind', 'other', '--note', 'x', '--db', dbPath);
    expect(amb.code).toBe(1);
    expect(amb.err).toMatch(/--foreign: "奥克兰" could be \d+ places; give one by its id:/);
    expect(amb.err).toMatch(/gn:5378538 .*Oakland/);
    expect(amb.err).toMatch(/Auckland/);
    const none = await yc('edit', 'add', '--cn', '大连', '--foreign', 'Atlantis-on-Sea', '--kind', 'other', '--note', 'x', '--db', dbPath);
    expect(none.err).toMatch(/--foreign: no place called "Atlantis-on-Sea"/);

    const r = await yc('edit', 'add', '--cn', 'dalian', '--foreign', '里士满', '--kind', 'cooperation', '--date', '2019', '--reference', 'https://example.org/mou', '--db', dbPath, '--as', 'alice');
    expect(r.err).toBe('');
    expect(r.out).toMatch(/大连市 .* — 里士满 \(US\) \[u:US:里士满\]: cooperation, 2019, listed/);
    expect(relOf('cn:210200', 'u:US:里士满')).toMatchObject({ kind: 'cooperation', start_date: '2019', status: 'listed' });
  });

  it('edit merge then edit split puts both places back', async () => {
    const zz = relOf('cn:410100', 'u:US:里士满');
    expect(zz).toBeTruthy();
    const m = await yc('edit', 'merge', 'u:US:里士满', 'gn:4781708', '--note', 'Richmond, Virginia', '--db', dbPath, '--as', 'alice');
    expect(m.err).toBe('');
    expect(m.out).toMatch(/^merged u:US:里士满 into /);
    expect(relOf('cn:410100', 'u:US:里士满')).toBeUndefined();
    expect(relOf('cn:410100', 'gn:4781708')).toMatchObject({ status: 'listed' });
    expect(relOf('cn:210200', 'gn:4781708')).toMatchObject({ kind: 'cooperation' }); // the tie added above moved too

    const s = await yc('edit', 'split', 'u:US:里士满', '--db', dbPath, '--as', 'alice', '--json');
    expect(s.code).toBe(0);
    expect(JSON.parse(s.out)).toEqual({ place: 'gn:4781708', split: 'u:US:里士满' });
    expect(relOf('cn:410100', 'u:US:里士满')).toMatchObject({ id: zz.id, status: 'listed' });
    expect(relOf('cn:410100', 'gn:4781708')).toBeUndefined();
    const log = (await yc('log', '--target', 'u:US:里士满', '--db', dbPath)).out;
    expect(log).toMatch(/place\.split[\s\S]*merged_into gn:4781708 → —[\s\S]*place\.merge/);
    expect(log).toMatch(/place\.merge .*\n {4}里士满 \(US\) \[u:US:里士满\] merged into .*\(US\) \[gn:4781708\]\n {4}note: Richmond, Virginia/);
  });

  it('edit alias and edit wikidata; the default --as is the OS user name', async () => {
    const a = await yc('edit', 'alias', '里士满', '--country', 'US', '--target', 'gn:4781708', '--db', dbPath, '--as', 'alice');
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/"里士满" \(US\) now means .*gn:4781708/);
    expect(relOf('cn:410100', 'gn:4781708')).toBeTruthy();
    const w = await yc('edit', 'wikidata', '大连', 'Q74881', '--db', dbPath);
    expect(w.code).toBe(0);
    expect(w.out).toMatch(/大连市 .* is Q74881/);
    const [last] = JSON.parse((await yc('log', '--limit', '1', '--json', '--db', dbPath)).out);
    expect(last).toMatchObject({ action: 'place.wikidata', target: 'cn:210200', user_name: userInfo().username, after: { qid: 'Q74881' } });
    const bad = await yc('edit', 'wikidata', '大连', 'Q0', '--db', dbPath);
    expect(bad.err).toMatch(/is not a Wikidata item id/);
  });

  it('errors are one line, without a stack; every command has --help', async () => {
    const r = await yc('edit', 'end', '999999', '--status', 'ended', '--reason', 'x', '--db', dbPath);
    expect(r.code).toBe(1);
    expect(r.err).toBe('youcheng: no relationship 999999\n');
    const noReason = await yc('edit', 'end', '5', '--status', 'ended', '--db', dbPath);
    expect(noReason.code).toBe(1);
    expect(noReason.err).toMatch(/required option '--reason <text>' not specified/);
    const notId = await yc('edit', 'date', 'abc', '1990', '--db', dbPath);
    expect(notId.err).toMatch(/must be a relationship id/);
    for (const cmd of [
      ['users', 'add'],
      ['users', 'list'],
      ['users', 'revoke'],
      ['edit', 'add'],
      ['edit', 'date'],
      ['edit', 'end'],
      ['edit', 'merge'],
      ['edit', 'split'],
      ['edit', 'alias'],
      ['edit', 'wikidata'],
      ['log'],
    ]) {
      const h = await yc(...cmd, '--help');
      expect(h.code, cmd.join(' ')).toBe(0);
      expect(h.out, cmd.join(' ')).toMatch(/--db <file>/);
      if (cmd[0] !== 'users' || cmd[1] === 'list') expect(h.out, cmd.join(' ')).toMatch(/--json/);
    }
    expect((await yc('edit', '--help')).out).toMatch(/trusted local access/);
  });
});
