// The commands of `youcheng` about people: accounts for the HTTP API (`users`), edits of the registry
// (`edit`) and the audit log (`log`). `registerPeopleCommands(program)` adds them to the program main.ts builds.
//
// The command line is trusted local access: whoever may write the registry file may change it anyway, so
// `edit` needs no token; it acts as `--as NAME` (default: the name of the user running it), and that name
// is what the audit log records. Tokens are for the HTTP API, where people are not at the file.
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { dbOption } from './db-option.js';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { DB } from '../registry/db.js';
import type { EditRecord, RelationshipState } from '../registry/edits.js';
import { ROLES, type User } from '../registry/users.js'; // node:crypto only
import { KINDS, type Kind } from '../model.js';


// The registry's modules, loaded before a command of this file runs (a preAction hook), not when the
// program is built: `youcheng --help` and the other commands do not load them.
let edits: typeof import('../service/edits.js');
let users: typeof import('../registry/users.js');
let queries: typeof import('../registry/queries.js');
let sqlite: typeof import('../registry/db.js');
async function loadModules(): Promise<void> {
  [edits, users, queries, sqlite] = await Promise.all([
    import('../service/edits.js'),
    import('../registry/users.js'),
    import('../registry/queries.js'),
    import('../registry/db.js'),
  ]);
}

const jsonOption = () => new Option('--json', 'print data as JSON for programs');
const asOption = () =>
  new Option('--as <name>', 'who is making the change, as the audit log records it (the command line is trusted local access)').default(
    defaultActor(),
    'your user name',
  );

const w = (s: string) => process.stdout.write(s);
const printJson = (v: unknown) => w(JSON.stringify(v, null, 2) + '\n');

function defaultActor(): string {
  try {
    return userInfo().username || process.env.USER || 'local';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'local';
  }
}

/** Prints `youcheng: message` and ends the command with exit code 1 (through commander, so run() returns it). */
function fail(cmd: Command, message: string): never {
  cmd.error(`youcheng: ${message}`, { exitCode: 1, code: 'youcheng.error' });
}

function openExisting(cmd: Command, path: string): DB {
  if (!existsSync(path)) fail(cmd, `no registry at ${path}: build one with \`youcheng ingest FILE…\` or \`npm start\``);
  return sqlite.openRegistry(path);
}

/** Runs `f` on the registry, closing it after; the errors a person can act on end the command cleanly. */
function withDb<T>(cmd: Command, path: string, f: (db: DB) => T): T {
  const db = openExisting(cmd, path);
  try {
    return f(db);
  } catch (e) {
    if (e instanceof edits.EditError) {
      const cur = e.current as RelationshipState | undefined;
      fail(cmd, e.message + (e.status === 409 && cur ? ` — it now stands: ${stateLine(db, cur)}; version ${cur.version}` : ''));
    }
    if (e instanceof users.UserError) fail(cmd, e.message);
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_BUSY') fail(cmd, 'the registry is busy (another program is writing): try again');
    if (code.startsWith('SQLITE_READONLY')) fail(cmd, `${path} is read-only: edits cannot be saved`);
    throw e;
  } finally {
    db.close();
  }
}

const positiveInt = (what: string) => (v: string) => {
  if (!/^[1-9]\d*$/.test(v)) throw new InvalidArgumentError(`must be ${what} (a positive integer)`);
  return Number(v);
};

// ---- places by name or id -------------------------------------------------------------------------------------

const ID_LIKE = /^[a-z]{1,4}:\S/;

function placeLabel(db: DB, id: string): string {
  const p = queries.getPlace(db, id);
  if (!p) return id;
  const name = [p.name_zh_hans, p.name_en && p.name_en !== p.name_zh_hans ? p.name_en : null].filter(Boolean).join(' ');
  return `${name || id}${p.country_iso2 ? ` (${p.country_iso2})` : ''} [${id}]`;
}

/**
 * A place given as an id (cn:210200, gn:1859307, u:US:里士满 …) or as a name in any script or pinyin. A name
 * must point at one place: when several match equally well, they are listed and the command stops.
 */
function resolvePlace(cmd: Command, db: DB, text: string, option: string, side?: 'cn' | 'foreign'): string {
  const t = text.trim();
  if (!t) fail(cmd, `${option}: give a place id or name`);
  if (queries.getPlace(db, t) || ID_LIKE.test(t)) return t;
  let matches = queries.searchPlaces(db, t, 50);
  if (side) {
    const onSide = matches.filter((m) => (side === 'cn' ? m.is_chinese : !m.is_chinese));
    if (onSide.length) matches = onSide;
  }
  if (!matches.length) fail(cmd, `${option}: no place called "${t}" in the registry (give its id, e.g. gn:1859307)`);
  const best = matches.filter((m) => m.rank === matches[0].rank);
  if (best.length === 1) return best[0].id;
  const list = best
    .slice(0, 20)
    .map((m) => `  ${m.id.padEnd(22)} ${placeLabel(db, m.id)}, ${m.partners} partner${m.partners === 1 ? '' : 's'}`)
    .join('\n');
  fail(cmd, `${option}: "${t}" could be ${best.length} places; give one by its id:\n${list}${best.length > 20 ? '\n  …' : ''}`);
}

// ---- printing -----------------------------------------------------------------------------------------------

const show = (v: unknown): string => {
  if (v == null || v === '') return '—';
  if (typeof v !== 'object') return String(v);
  const o = v as Record<string, unknown>;
  // a place as the log keeps it: {id, name, country}
  if (typeof o.id === 'string' && typeof o.name === 'string') return `${o.name}${o.country ? ` (${o.country})` : ''} [${o.id}]`;
  return JSON.stringify(v);
};

function stateLine(db: DB, r: RelationshipState): string {
  const dates = r.end_date || r.status === 'ended' || r.status === 'suspended' ? `${show(r.start_date)} – ${show(r.end_date)}` : show(r.start_date);
  return `${placeLabel(db, r.cn_place_id)} — ${placeLabel(db, r.foreign_place_id)}: ${r.kind}, ${dates}, ${r.status}${r.end_reason ? ` (${r.end_reason})` : ''}`;
}

const QUIET_KEYS = new Set(['id', 'cn_place_id', 'foreign_place_id']);

/** What an edit changed, field by field: `status listed → suspended; version 1 → 2`. */
export function changeSummary(before: unknown, after: unknown, action?: string): string {
  if (action === 'place.merge') {
    const b = before as { place?: unknown } | null;
    const a = after as { into?: unknown } | null;
    return `${show(b?.place)} merged into ${show(a?.into)}`;
  }
  const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : v == null ? {} : { value: v });
  if (before == null && after != null) {
    const a = obj(after);
    return 'new: ' + Object.keys(a).filter((k) => !QUIET_KEYS.has(k) && a[k] != null).map((k) => `${k} ${show(a[k])}`).join('; ');
  }
  const b = obj(before);
  const a = obj(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const changed = keys.filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null));
  return changed.length ? changed.map((k) => `${k} ${show(b[k])} → ${show(a[k])}`).join('; ') : 'no change';
}

function targetLabel(db: DB, e: EditRecord): string {
  if (e.action.startsWith('relationship.')) {
    const r = (e.after ?? e.before) as RelationshipState | null;
    if (r?.cn_place_id) return `tie ${e.target} (${placeLabel(db, r.cn_place_id)} — ${placeLabel(db, r.foreign_place_id)})`;
    return `tie ${e.target}`;
  }
  if (e.action.startsWith('place.')) return placeLabel(db, e.target);
  return e.target;
}

function printLog(db: DB, edits: EditRecord[]): void {
  if (!edits.length) {
    w('no edits\n');
    return;
  }
  for (const e of edits) {
    w(`#${e.id}  ${e.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}  ${e.user_name}  ${e.action}  ${targetLabel(db, e)}\n`);
    w(`    ${changeSummary(e.before, e.after, e.action)}\n`);
    if (e.note) w(`    note: ${e.note}\n`);
  }
}

function printRelationship(db: DB, r: RelationshipState, json: boolean): void {
  if (json) printJson({ relationship: r, history: edits.relationshipHistory(db, r.id) });
  else w(`relationship ${r.id}, version ${r.version}: ${stateLine(db, r)}\n`);
}

function printUser(u: User): string {
  return `${u.name.padEnd(20)} ${u.role.padEnd(7)} token yc_${u.token_id}_…  since ${u.created_at.slice(0, 10)}${u.revoked_at ? `  REVOKED ${u.revoked_at.slice(0, 10)}` : ''}`;
}

// ---- commands -----------------------------------------------------------------------------------------------

export function registerPeopleCommands(program: Command): void {
  // -- accounts --

  const usersCommand = program
    .command('users')
    .hook('preAction', loadModules)
    .description('accounts for the HTTP API: make one (its token is shown once), list them, change a role, revoke a token')
    .addHelpText(
      'after',
      '\nRoles: reader (reads; nothing a token is needed for yet), editor (changes ties and places), admin (also manages accounts).\n' +
        'The API takes the token as `Authorization: Bearer <token>`. Only a hash of it is stored: a lost token cannot be shown again;\n' +
        'revoke the account and make a new one.\n',
    );

  usersCommand
    .command('add')
    .description('make an account; prints its token once')
    .argument('<name>', 'the account name (letters, digits, . _ @ -)')
    .addOption(new Option('--role <role>', 'what the account may do').choices([...ROLES]).makeOptionMandatory())
    .addOption(asOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(function (this: Command, name: string, o) {
      withDb(this, o.db, (db) => {
        const { user, token } = users.addUser(db, name, o.role, { name: o.as });
        const warning = 'this token is shown once: store it now (in a password manager); it cannot be shown again';
        if (o.json) printJson({ user, token, warning });
        else
          w(
            `Made ${user.role} account ${user.name}.\n\n  ${token}\n\n` +
              `⚠ ${warning[0].toUpperCase()}${warning.slice(1)}.\n` +
              `Send it to the API as: Authorization: Bearer ${token.slice(0, 16)}…\n`,
          );
      });
    });

  usersCommand
    .command('list')
    .description('the accounts (never their tokens)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(function (this: Command, o) {
      withDb(this, o.db, (db) => {
        const list = users.listUsers(db);
        if (o.json) printJson(list);
        else w(list.length ? list.map(printUser).join('\n') + '\n' : 'no accounts yet: make one with `youcheng users add NAME --role editor`\n');
      });
    });

  usersCommand
    .command('revoke')
    .description('revoke an account’s token: the API refuses it from the next request')
    .argument('<name>', 'the account name')
    .addOption(asOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(function (this: Command, name: string, o) {
      withDb(this, o.db, (db) => {
        const u = users.revokeUser(db, name, { name: o.as });
        if (o.json) printJson(u);
        else w(`revoked ${u.name} (${u.role}) at ${u.revoked_at}\n`);
      });
    });

  usersCommand
    .command('role')
    .description('change an account’s role')
    .argument('<name>', 'the account name')
    .addArgument(new Argument('<role>', 'what the account may now do').choices([...ROLES]))
    .addOption(asOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(function (this: Command, name: string, role: string, o) {
      withDb(this, o.db, (db) => {
        const u = users.setRole(db, name, role, { name: o.as });
        if (o.json) printJson(u);
        else w(`${u.name} is now ${u.role === 'admin' ? 'an' : 'a'} ${u.role}\n`);
      });
    });

  // -- edits --

  const edit = program
    .command('edit')
    .hook('preAction', loadModules)
    .description('change the registry as a person: add, re-date, end or suspend a tie; merge, split or alias places')
    .addHelpText(
      'after',
      '\nEvery edit is a claim of its own (its source is the person) and an entry in the audit log (`youcheng log`).\n' +
        'Documents ingested later never undo an edit; where they disagree it shows as a conflict (`youcheng check`).\n' +
        'PLACE is a place id (cn:210200, gn:1859307, u:US:里士满) or a name in any script or pinyin; an ambiguous name lists\n' +
        'its candidates. The command line is trusted local access to the registry file: it acts as --as NAME (default: your\n' +
        'user name), which the log records as said.\n',
    );

  const editCommand = (name: string, description: string) =>
    edit.command(name).description(description).addOption(asOption()).addOption(dbOption()).addOption(jsonOption());

  editCommand('add', 'add a tie (a new signing, or one the documents miss)')
    .requiredOption('--cn <place>', 'the Chinese place')
    .requiredOption('--foreign <place>', 'the foreign place')
    .addOption(new Option('--kind <kind>', 'the kind of tie').choices(KINDS).makeOptionMandatory())
    .option('--date <date>', 'when it was signed (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--reference <url>', 'where it is written (a URL or a document)')
    .option('--note <text>', 'a note (needed when there is no reference)')
    .action(function (this: Command, o) {
      withDb(this, o.db, (db) => {
        const r = edits.addRelationship(db, { name: o.as }, {
          cnPlaceId: resolvePlace(this, db, o.cn, '--cn', 'cn'),
          foreignPlaceId: resolvePlace(this, db, o.foreign, '--foreign', 'foreign'),
          kind: o.kind as Kind,
          date: o.date ?? null,
          reference: o.reference ?? null,
          note: o.note ?? null,
        });
        printRelationship(db, r, !!o.json);
      });
    });

  editCommand('date', 'correct the date a tie was signed')
    .argument('<rel_id>', 'the relationship id (as `youcheng partners --json` or the API give it)', positiveInt('a relationship id'))
    .argument('<date>', 'YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--version <n>', 'the version you read: refused if the tie changed since', positiveInt('a version number'))
    .option('--reference <url>', 'where the date is written')
    .option('--note <text>', 'why')
    .action(function (this: Command, id: number, date: string, o) {
      withDb(this, o.db, (db) => {
        const r = edits.patchRelationship(db, { name: o.as }, id, { date, version: o.version, reference: o.reference ?? null, note: o.note ?? null });
        printRelationship(db, r, !!o.json);
      });
    });

  editCommand('kind', 'correct the kind of a tie')
    .argument('<rel_id>', 'the relationship id', positiveInt('a relationship id'))
    .addArgument(new Argument('<kind>', 'the kind of tie').choices(KINDS))
    .option('--version <n>', 'the version you read: refused if the tie changed since', positiveInt('a version number'))
    .option('--reference <url>', 'where the kind is written')
    .option('--note <text>', 'why')
    .action(function (this: Command, id: number, kind: string, o) {
      withDb(this, o.db, (db) => {
        const r = edits.patchRelationship(db, { name: o.as }, id, { kind: kind as Kind, version: o.version, reference: o.reference ?? null, note: o.note ?? null });
        printRelationship(db, r, !!o.json);
      });
    });

  editCommand('end', 'end or suspend a tie; it stays in the registry with its end date and reason')
    .argument('<rel_id>', 'the relationship id', positiveInt('a relationship id'))
    .addOption(new Option('--status <status>', 'ended or suspended').choices(['ended', 'suspended']).makeOptionMandatory())
    .requiredOption('--reason <text>', 'why (it is shown with the tie)')
    .option('--date <date>', 'when it ended (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--reference <url>', 'where it is written')
    .option('--version <n>', 'the version you read: refused if the tie changed since', positiveInt('a version number'))
    .action(function (this: Command, id: number, o) {
      withDb(this, o.db, (db) => {
        const r = edits.endRelationship(db, { name: o.as }, id, {
          status: o.status,
          reason: o.reason,
          endDate: o.date ?? null,
          reference: o.reference ?? null,
          version: o.version,
        });
        printRelationship(db, r, !!o.json);
      });
    });

  editCommand('merge', 'two places that are one: every claim of FROM counts for INTO')
    .argument('<from>', 'the place that goes (id or name)')
    .argument('<into>', 'the place that stays (id or name)')
    .option('--note <text>', 'why')
    .action(function (this: Command, from: string, into: string, o) {
      withDb(this, o.db, (db) => {
        const f = resolvePlace(this, db, from, 'FROM');
        const i = resolvePlace(this, db, into, 'INTO');
        const r = edits.mergePlaces(db, { name: o.as }, f, i, o.note);
        if (o.json) printJson(r);
        else w(`merged ${f} into ${placeLabel(db, r.into)}\n`);
      });
    });

  editCommand('split', 'undo a wrong merge: a place merged by an edit stands on its own again, or --name is split off PLACE')
    .argument('<place>', 'the place merged away (id), or the place a name was wrongly resolved to (with --name)')
    .option('--name <name>', 'the name (as the documents write it) that is another place')
    .option('--country <cc>', 'the country of that other place (ISO 3166-1 alpha-2)')
    .option('--note <text>', 'why')
    .action(function (this: Command, place: string, o) {
      withDb(this, o.db, (db) => {
        const p = resolvePlace(this, db, place, 'PLACE');
        const r = edits.splitPlace(db, { name: o.as }, p, { name: o.name, country: o.country?.toUpperCase(), note: o.note });
        if (o.json) printJson(r);
        else w(`split ${r.split} off ${r.place}\n`);
      });
    });

  editCommand('alias', 'say what a name means in a country (as data/aliases.tsv, through the registry and logged)')
    .argument('<name>', 'the name as documents write it')
    .requiredOption('--country <cc>', 'the country the name stands in (ISO 3166-1 alpha-2, or * for any)')
    .requiredOption('--target <id>', 'the place it means (an id, or en:English name)')
    .option('--note <text>', 'why')
    .action(function (this: Command, name: string, o) {
      withDb(this, o.db, (db) => {
        const r = edits.addAlias(db, { name: o.as }, { name, country: o.country === '*' ? '*' : o.country.toUpperCase(), target: o.target, note: o.note });
        if (o.json) printJson(r);
        else w(`"${r.name}" (${o.country}) now means ${placeLabel(db, r.target)}\n`);
      });
    });

  editCommand('wikidata', 'link a place to its Wikidata item')
    .argument('<place>', 'the place (id or name)')
    .argument('<qid>', 'the Wikidata item id, such as Q1234')
    .action(function (this: Command, place: string, qid: string, o) {
      withDb(this, o.db, (db) => {
        const p = resolvePlace(this, db, place, 'PLACE');
        const r = edits.setWikidata(db, { name: o.as }, p, qid.toUpperCase());
        if (o.json) printJson(r);
        else w(`${placeLabel(db, r.place)} is ${r.qid}\n`);
      });
    });

  // -- the audit log --

  program
    .command('log')
    .hook('preAction', loadModules)
    .description('the audit log, newest first: who changed what and when, with what changed')
    .option('--user <name>', 'only edits by this person')
    .option('--target <target>', 'only edits of this: a relationship id, a place id, user:NAME')
    .option('--limit <n>', 'how many', positiveInt('a number'), 50)
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(function (this: Command, o) {
      withDb(this, o.db, (db) => {
        const log = edits.editLog(db, { user: o.user, target: o.target, limit: o.limit });
        if (o.json) printJson(log);
        else printLog(db, log);
      });
    });
}

