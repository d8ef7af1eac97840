// `npm run crash`: crash safety, measured. The real program (bin/youcheng.js) is killed with SIGKILL at random
// moments — an ingest while it reads, stores or reconciles; the server in the middle of an edit — and the
// registry it leaves behind is checked: it opens (read-only first, as the server opens it, then read-write),
// PRAGMA integrity_check says ok, every document is wholly there (claims = sources.rows_read) or wholly absent,
// every edit's audit-log entry has its claim and the other way round, a tie shows an edit wholly or not at
// all, and ingesting the same files again completes with the registry it would have had without the kill.
//
//   CRASH_TRIALS=200 CRASH_EDIT_TRIALS=100 CRASH_ROWS=3000 CRASH_SEED=7 npm run crash
//
// Where each kill landed is told by a probe preloaded into the child (`node --import data:…`): it notes,
// with timestamps, when a document is read and when each write transaction begins and commits. The probe
// only watches; the program is the built one, unchanged. test/crash.test.ts runs a few trials of each.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir, cpus, loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { PACKAGE_ROOT, SAMPLES_DIR } from '../src/paths.js';
import { openRegistry, type DB } from '../src/registry/db.js';
import { ingestPaths } from '../src/cli/main.js';
import { addUser } from '../src/registry/users.js';
import { patchRelationship } from '../src/service/edits.js';
import { delimitedDocument, markdownDocument, wikitextDocument } from './generate.js';

export const BIN = join(PACKAGE_ROOT, 'bin', 'youcheng.js');

/** Wall-clock milliseconds with a fraction, comparable between processes. */
export const now = (): number => performance.timeOrigin + performance.now();

export function assertBuilt(): void {
  if (!existsSync(join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'main.js'))) {
    throw new Error('the program is not built: run `npm run build` first (the trials run bin/youcheng.js)');
  }
}

/** A small seeded generator (mulberry32), so that a run can be repeated with CRASH_SEED. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- the probe ------------------------------------------------------------------------------------------------

const PROBE = `
import fs from 'node:fs';
import { basename } from 'node:path';
import { createRequire, syncBuiltinESMExports } from 'node:module';
const fd = Number(process.env.YC_PROBE_FD);
const mark = (m) => fs.writeSync(fd, (performance.timeOrigin + performance.now()).toFixed(3) + ' ' + m + '\\n');
mark('start');
const docs = new Set(JSON.parse(process.env.YC_PROBE_DOCS || '[]'));
// a document is 'read' when it is first opened (whichever way the program opens it)
const seen = new Set();
const reading = (p) => {
  const name = typeof p === 'string' ? basename(p) : '';
  if (docs.has(name) && !seen.has(name)) { seen.add(name); mark('read ' + name); }
};
for (const f of ['readFileSync', 'openSync']) {
  const orig = fs[f];
  fs[f] = function (p, ...rest) { reading(p); return orig.call(this, p, ...rest); };
}
syncBuiltinESMExports();
const Database = createRequire(process.env.YC_PROBE_ROOT + '/package.json')('better-sqlite3');
const transaction = Database.prototype.transaction;
let depth = 0;
let held = false;
Database.prototype.transaction = function (fn) {
  const stack = new Error().stack || '';
  // (the frames' function names; this module's own frame, a data: URL, is percent-encoded and never matches)
  const label = / at ingestFile /.test(stack) ? 'store' : / at (reconcile|reconcileChanged|inReconcileTransaction) /.test(stack) ? 'reconcile' : / at migrate /.test(stack) ? 'migrate'
    : / at (patch|end|add)Relationship /.test(stack) ? 'edit' : 'other';
  const t = transaction.call(this, function (...a) {
    if (depth++ === 0) {
      mark('begin ' + label);
      // Held open on request, until the parent creates the release file: what it does meanwhile happens inside
      // this write transaction for certain, however fast or slow the machine is.
      if (label === process.env.YC_PROBE_HOLD && !held) {
        held = true;
        mark('holding ' + label);
        const pause = new Int32Array(new SharedArrayBuffer(4));
        while (!fs.existsSync(process.env.YC_PROBE_RELEASE)) Atomics.wait(pause, 0, 0, 5);
      }
    }
    // 'committing' is noted before COMMIT, while the write lock is still held: 'begin'..'committing' lies
    // inside the lock for certain, whereas 'commit' (noted after) may come late when the process waits for a core
    try { return fn.apply(this, a); } finally { if (--depth === 0) mark('committing ' + label); }
  });
  const db = this;
  const wrap = (g) => function (...a) {
    const outer = !db.inTransaction;
    const r = g.apply(this, a);
    if (outer) mark('commit ' + label);
    return r;
  };
  const w = wrap(t);
  for (const k of ['default', 'deferred', 'immediate', 'exclusive']) Object.defineProperty(w, k, { value: wrap(t[k]) });
  Object.defineProperty(w, 'database', { value: this });
  return w;
};
`;
const PROBE_URL = `data:text/javascript,${encodeURIComponent(PROBE)}`;

export interface Mark {
  t: number;
  what: string;
}

/** The marks of a probed child, as they come (through a pipe on fd 3; what was written before a kill is kept). */
export class Probe {
  readonly marks: Mark[] = [];
  private waiters: Array<{ what: string; nth: number; resolve: (m: Mark | null) => void }> = [];
  private ended = false;
  readonly done: Promise<void>;

  constructor(stream: NodeJS.ReadableStream) {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (s: string) => {
      buf += s;
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const sp = line.indexOf(' ');
        this.add({ t: Number(line.slice(0, sp)), what: line.slice(sp + 1) });
      }
    });
    this.done = new Promise((resolve) =>
      stream.on('end', () => {
        this.ended = true;
        for (const w of this.waiters) w.resolve(null);
        this.waiters = [];
        resolve();
      }),
    );
  }

  private add(m: Mark): void {
    this.marks.push(m);
    this.waiters = this.waiters.filter((w) => {
      if (this.count(w.what) < w.nth) return true;
      w.resolve(m);
      return false;
    });
  }

  count(what: string, before = Infinity): number {
    return this.marks.filter((m) => m.what === what && m.t <= before).length;
  }

  /** The nth mark `what` (1-based), or null when the child ends first. */
  waitFor(what: string, nth = 1): Promise<Mark | null> {
    const have = this.marks.filter((m) => m.what === what);
    if (have.length >= nth) return Promise.resolve(have[nth - 1]);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => this.waiters.push({ what, nth, resolve }));
  }
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Spawned {
  child: ChildProcess;
  /** The probe's marks; null when not probed. */
  probe: Probe | null;
  /** Resolves when the child has ended and its output (and marks) are all read. */
  exit: Promise<Exit>;
  /** Whether it has ended. */
  exited(): boolean;
}

/**
 * Runs `node bin/youcheng.js …args`, with the probe when asked (it notes the documents named in `docs`; with
 * `hold`, it keeps the first write transaction of that label open until the file `release` exists).
 */
export function spawnYoucheng(args: string[], opts: { probe?: boolean; docs?: string[]; hold?: { label: string; release: string } } = {}): Spawned {
  const pre = opts.probe ? ['--import', PROBE_URL] : [];
  const child = spawn(process.execPath, [...pre, BIN, ...args], {
    stdio: opts.probe ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      YOUCHENG_DEBUG: '1',
      YC_PROBE_FD: '3',
      YC_PROBE_DOCS: JSON.stringify((opts.docs ?? []).map((d) => basename(d))),
      YC_PROBE_ROOT: PACKAGE_ROOT,
      ...(opts.hold ? { YC_PROBE_HOLD: opts.hold.label, YC_PROBE_RELEASE: opts.hold.release } : {}),
    },
  });
  const probe = opts.probe ? new Probe(child.stdio[3] as NodeJS.ReadableStream) : null;
  let stdout = '';
  let stderr = '';
  let ended = false;
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exit = new Promise<Exit>((resolve) =>
    child.once('close', (code, signal) => {
      void (probe?.done ?? Promise.resolve()).then(() => {
        ended = true;
        resolve({ code, signal, stdout, stderr });
      });
    }),
  );
  return { child, probe, exit, exited: () => ended };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** How a trial kills its child: after a delay from the start, or a delay after the nth mark `after`. */
export type KillPlan = { delayMs: number; after?: undefined } | { delayMs: number; after: string; nth: number };
// (`after: 'send'` is the parent's own moment: the nth request sent; the others are the probe's marks)

/** Carries out a plan; returns when the kill came (null if the child had ended by then). */
export async function killBy(run: Spawned, plan: KillPlan, t0: number): Promise<number | null> {
  const ended = run.exit.then(() => null);
  if (plan.after) {
    const m = await Promise.race([run.probe!.waitFor(plan.after, plan.nth), ended]);
    if (!m) return null;
    await Promise.race([sleep(Math.max(0, m.t + plan.delayMs - now())), ended]);
  } else {
    await Promise.race([sleep(Math.max(0, t0 + plan.delayMs - now())), ended]);
  }
  if (run.exited()) return null;
  const killAt = now();
  run.child.kill('SIGKILL');
  return killAt;
}

const describePlan = (p: KillPlan) => (p.after ? `${Math.round(p.delayMs)} ms after ${p.after} #${p.nth}` : `at ${Math.round(p.delayMs)} ms`);

/** `youcheng serve` in a child process on a free port; resolves once it listens. */
export async function startServerChild(dbPath: string, opts: { probe?: boolean; quiet?: boolean } = {}): Promise<Spawned & { url: string }> {
  // One process: a SIGKILL must hit the process that writes (with workers it would hit only the primary).
  const args = ['serve', '--db', dbPath, '--port', '0', '--workers', '1'];
  if (opts.quiet !== false) args.push('--quiet');
  const run = spawnYoucheng(args, { probe: opts.probe });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const onData = (s: Buffer | string) => {
      seen += String(s);
      const m = / at (http:\/\/[^\s]+)/.exec(seen);
      if (m) {
        run.child.stdout!.off('data', onData);
        resolve(m[1]);
      }
    };
    run.child.stdout!.on('data', onData);
    void run.exit.then((e) => reject(new Error(`the server exited before listening (${e.code ?? e.signal}): ${e.stderr.slice(0, 500)}`)));
  });
  return { ...run, url };
}

// ---- fixtures -------------------------------------------------------------------------------------------------

export interface Fixtures {
  dir: string;
  docs: { delimited: string; wikitext: string; markdown: string };
  /** A registry of the four bundled samples, checkpointed into one file. */
  samplesDb: string;
}

export async function makeFixtures(rows: number, dir = mkdtempSync(join(tmpdir(), 'youcheng-crash-'))): Promise<Fixtures> {
  const docDir = join(dir, 'docs');
  mkdirSync(docDir, { recursive: true });
  const docs = {
    delimited: join(docDir, `generated-${rows}.txt`),
    wikitext: join(docDir, `generated-${rows}.wiki`),
    markdown: join(docDir, `generated-${rows}.md`),
  };
  writeFileSync(docs.delimited, delimitedDocument(rows));
  writeFileSync(docs.wikitext, wikitextDocument(rows));
  writeFileSync(docs.markdown, markdownDocument(rows));
  // the delimited list does not say whose it is: the manifest beside it does
  writeFileSync(join(docDir, 'manifest.json'), JSON.stringify({ documents: [{ file: basename(docs.delimited), owner: '西安市', asOf: '2023-05' }] }));
  const samplesDb = join(dir, 'samples.db');
  const db = openRegistry(samplesDb);
  await ingestPaths(db, [SAMPLES_DIR], { quiet: true, json: true });
  checkpointAndClose(db);
  return { dir, docs, samplesDb };
}

export function checkpointAndClose(db: DB): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** A copy of a registry file (its WAL must be checkpointed), or no file for a new registry. */
export function freshCopy(from: string | null, to: string): void {
  for (const s of ['', '-wal', '-shm']) rmSync(to + s, { force: true });
  if (from) copyFileSync(from, to);
}

// ---- what a registry holds ------------------------------------------------------------------------------------

const hash = (rows: unknown[]) => createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);

/** What a registry says, without the ids that are allowed to differ between two builds of it. */
export function digest(db: Database.Database): string {
  return hash([
    db.prepare('SELECT source_key, version, sha256, rows_read, rows_doubtful, rows_skipped FROM sources ORDER BY source_key, version').all(),
    db.prepare('SELECT COUNT(*) AS n FROM claims').get(),
    hash(db.prepare('SELECT id, country_iso2, admin_level, parent_id, resolved FROM places ORDER BY id').all()),
    hash(
      db
        .prepare(
          `SELECT r.cn_place_id, r.foreign_place_id, r.kind, r.start_date, r.start_precision, r.end_date, r.status, r.version,
                  (SELECT COUNT(*) FROM relationship_claims rc WHERE rc.relationship_id = r.id) AS claims,
                  (SELECT group_concat(field) FROM conflicts c WHERE c.relationship_id = r.id) AS conflicts
           FROM relationships r ORDER BY r.cn_place_id, r.foreign_place_id`,
        )
        .all(),
    ),
    db.prepare('SELECT COUNT(*) AS n FROM unresolved').get(),
  ]);
}

export interface OpenCheck {
  /** The file exists (a kill before the registry was made leaves none). */
  exists: boolean;
  readonlyIntegrity: string | null;
  integrity: string;
  foreignKeyProblems: number;
  /** Per document of the trial: claims stored and rows the source says it read (null: not there). */
  documents: Record<string, { claims: number; rowsRead: number } | null>;
}

/** Opens a registry left by a kill, read-only (as `serve` does) and then read-write, and checks it. */
export function checkRegistry(path: string, docNames: string[]): OpenCheck {
  const exists = existsSync(path);
  let readonlyIntegrity: string | null = null;
  if (exists) {
    const ro = new Database(path, { readonly: true, fileMustExist: true });
    try {
      readonlyIntegrity = ro.pragma('integrity_check', { simple: true }) as string;
    } finally {
      ro.close();
    }
  }
  const db = openRegistry(path);
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const foreignKeyProblems = (db.pragma('foreign_key_check') as unknown[]).length;
    const documents: OpenCheck['documents'] = {};
    for (const name of docNames) {
      const rows = db
        .prepare('SELECT s.rows_read AS rowsRead, (SELECT COUNT(*) FROM claims c WHERE c.source_id = s.id) AS claims FROM sources s WHERE s.file_name = ?')
        .all(name) as Array<{ rowsRead: number; claims: number }>;
      if (rows.length > 1) throw new Error(`${name} is stored ${rows.length} times`);
      documents[name] = rows[0] ?? null;
    }
    return { exists, readonlyIntegrity, integrity, foreignKeyProblems, documents };
  } finally {
    db.close();
  }
}

// ---- ingest killed --------------------------------------------------------------------------------------------

export interface Scenario {
  name: string;
  base: 'new registry' | 'samples';
  docs: string[];
  /** Measured on an uninterrupted run: spawn to exit, ms. */
  ms: number;
  /** The registry an uninterrupted run leaves. */
  digest: string;
  /** The probe's marks of the uninterrupted run, in ms after the spawn. */
  marks: Mark[];
}

const since = (marks: Mark[], t0: number) => marks.map((m) => ({ t: m.t - t0, what: m.what }));
const showMarks = (marks: Mark[]) => marks.map((m) => `${m.what}@${Math.round(m.t)}`).join(', ');

/** Runs a scenario once without a kill: how long it takes, and what it leaves. */
export async function calibrate(fx: Fixtures, name: string, base: Scenario['base'], docs: string[]): Promise<Scenario> {
  const db = join(fx.dir, `reference-${name.replace(/\W+/g, '-')}.db`);
  freshCopy(base === 'samples' ? fx.samplesDb : null, db);
  const t0 = now();
  const run = spawnYoucheng(['ingest', ...docs, '--db', db, '--json', '--quiet'], { probe: true, docs });
  const exit = await run.exit;
  const ms = now() - t0;
  if (exit.code !== 0) throw new Error(`reference ingest ${name} failed (${exit.code}): ${exit.stderr}`);
  const ro = new Database(db, { readonly: true });
  const d = digest(ro);
  ro.close();
  return { name, base, docs, ms, digest: d, marks: since(run.probe!.marks, t0) };
}

export function standardScenarios(fx: Fixtures): Array<[string, Scenario['base'], string[]]> {
  return [
    ['one wikitext document into the samples', 'samples', [fx.docs.wikitext]],
    ['delimited + markdown into the samples', 'samples', [fx.docs.delimited, fx.docs.markdown]],
    ['three documents into a new registry', 'new registry', [fx.docs.delimited, fx.docs.wikitext, fx.docs.markdown]],
  ];
}

/** Where the kill landed, from the probe's marks. */
export function ingestPhase(marks: Mark[], killAt: number, docs: number): string {
  const before = marks.filter((m) => m.t <= killAt);
  const last = before.at(-1);
  if (!last) return 'starting node';
  if (last.what === 'start') return 'starting (loading, opening)';
  if (last.what.endsWith(' migrate')) return 'creating the registry';
  if (last.what.startsWith('read ')) return 'reading a document';
  if (last.what === 'begin store' || last.what === 'committing store') return 'storing a document (in its transaction)';
  if (last.what === 'commit store') {
    return before.filter((m) => m.what === 'commit store').length < docs ? 'reading a document' : 'loading the gazetteer to reconcile';
  }
  if (last.what === 'begin reconcile' || last.what === 'committing reconcile') return 'reconciling (in its transaction)';
  if (last.what === 'commit reconcile') return 'after the last commit (exiting)';
  return last.what;
}

/**
 * Spreads the kills over the phases. Delays count from the probe's marks (the moment a document is read, a
 * transaction begins or commits) rather than from the spawn, since how long node takes to start varies with
 * the machine's load; the spans come from the uninterrupted run.
 */
export function ingestPlan(sc: Scenario, random: () => number): KillPlan {
  const at = (what: string, nth = 1) => sc.marks.filter((m) => m.what === what)[nth - 1]?.t ?? 0;
  const reads = sc.marks.filter((m) => m.what.startsWith('read '));
  const n = sc.docs.length;
  const k = 1 + Math.floor(random() * n);
  const r = random();
  if (r < 0.1) return { delayMs: random() * (reads[0]?.t ?? 0) }; // node starting, the registry opening
  if (r < 0.35) {
    // reading, parsing and normalizing document k
    const read = reads[k - 1];
    if (!read) throw new Error(`the probe saw no read of document ${k} in the uninterrupted run (${showMarks(sc.marks)})`);
    return { after: read.what, nth: 1, delayMs: random() * (at('begin store', k) - read.t) * 1.1 };
  }
  if (r < 0.6) return { after: 'begin store', nth: k, delayMs: random() * ((at('commit store', k) - at('begin store', k)) * 1.5 + 2) };
  if (r < 0.7) return { after: 'commit store', nth: n, delayMs: random() * (at('begin reconcile') - at('commit store', n)) };
  return { after: 'begin reconcile', nth: 1, delayMs: random() * (at('commit reconcile') - at('begin reconcile')) * 1.15 };
}

export interface IngestTrial {
  trial: number;
  scenario: string;
  plan: string;
  phase: string;
  present: number;
  absent: number;
  ok: boolean;
  problems: string[];
  ms: number;
}

/** One trial: ingest, SIGKILL by the plan, check what is left, ingest again, compare with the reference. */
export async function ingestKillTrial(fx: Fixtures, sc: Scenario, trial: number, plan: KillPlan): Promise<IngestTrial> {
  const db = join(fx.dir, `trial-${trial}.db`);
  freshCopy(sc.base === 'samples' ? fx.samplesDb : null, db);
  const problems: string[] = [];
  const t0 = now();
  const run = spawnYoucheng(['ingest', ...sc.docs, '--db', db, '--json', '--quiet'], { probe: true, docs: sc.docs });
  const killAt = await killBy(run, plan, t0);
  const exit = await run.exit;
  if (killAt === null && exit.code !== 0) problems.push(`the ingest failed by itself (${exit.code}): ${exit.stderr.slice(0, 300)}`);
  const marks = run.probe!.marks;
  const phase = killAt === null ? 'finished before the kill' : ingestPhase(marks, killAt, sc.docs.length);
  const names = sc.docs.map((d) => basename(d));
  const result = (present: number): IngestTrial => {
    for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
    return { trial, scenario: sc.name, plan: describePlan(plan), phase, present, absent: names.length - present, ok: problems.length === 0, problems, ms: now() - t0 };
  };

  let check: OpenCheck;
  try {
    check = checkRegistry(db, names);
  } catch (e) {
    problems.push(`the registry does not open: ${(e as Error).message}`);
    return result(0);
  }
  if (check.exists && check.readonlyIntegrity !== 'ok') problems.push(`integrity_check (read-only): ${check.readonlyIntegrity}`);
  if (check.integrity !== 'ok') problems.push(`integrity_check: ${check.integrity}`);
  if (check.foreignKeyProblems) problems.push(`${check.foreignKeyProblems} foreign key problems`);
  // a document whose transaction committed (by the probe) must be there, one whose transaction never began must not
  const until = killAt ?? Infinity;
  const committed = marks.filter((m) => m.what === 'commit store' && m.t <= until).length;
  const begun = marks.filter((m) => m.what === 'begin store').length;
  let present = 0;
  names.forEach((name, i) => {
    const d = check.documents[name];
    if (d) {
      present++;
      if (d.claims !== d.rowsRead) problems.push(`${name} is half there: ${d.claims} claims of ${d.rowsRead} rows read`);
      if (i >= begun) problems.push(`${name} is there though its transaction never began`);
    } else if (i < committed) problems.push(`${name} is missing though its transaction committed`);
  });

  // a later ingest of the same files completes, and leaves what an uninterrupted run leaves (run here, in this
  // process, with the functions the command runs: the kill tests the child, not this)
  try {
    const w = openRegistry(db);
    try {
      const { reports } = await ingestPaths(w, sc.docs, { quiet: true, json: true });
      for (const r of reports) {
        const expected = check.documents[r.file] ? 'unchanged' : 'added';
        if (r.status !== expected) problems.push(`the later ingest says ${r.file} ${r.status}, expected ${expected}`);
      }
      const integrity = w.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') problems.push(`integrity_check after the later ingest: ${integrity}`);
      if (digest(w) !== sc.digest) problems.push('after the later ingest the registry differs from an uninterrupted run');
    } finally {
      w.close();
    }
  } catch (e) {
    problems.push(`the later ingest failed: ${(e as Error).message}`);
  }
  return result(present);
}

export interface IngestCrashReport {
  trials: IngestTrial[];
  scenarios: Scenario[];
  survived: number;
  byPhase: Record<string, number>;
  ms: number;
}

export async function ingestCrashTrials(
  fx: Fixtures,
  opts: { trials: number; seed: number; log?: (s: string) => void; scenarios?: number[] },
): Promise<IngestCrashReport> {
  const t0 = now();
  const log = opts.log ?? (() => {});
  const random = rng(opts.seed);
  const scenarios: Scenario[] = [];
  const all = standardScenarios(fx);
  for (const [name, base, docs] of !opts.trials ? [] : opts.scenarios ? opts.scenarios.map((i) => all[i]) : all) {
    const sc = await calibrate(fx, name, base, docs);
    log(`  reference: ${name}: ${Math.round(sc.ms)} ms (${showMarks(sc.marks)})`);
    scenarios.push(sc);
  }
  const trials: IngestTrial[] = [];
  for (let i = 0; i < opts.trials; i++) {
    const sc = scenarios[i % scenarios.length];
    const t = await ingestKillTrial(fx, sc, i, ingestPlan(sc, random));
    trials.push(t);
    log(
      `  #${String(i + 1).padStart(3)} ${t.ok ? 'ok  ' : 'FAIL'} ${sc.name.slice(0, 14).padEnd(14)} kill ${t.plan.padEnd(34)} ${t.phase.padEnd(40)} ` +
        `documents there ${t.present}/${t.present + t.absent} (${(t.ms / 1000).toFixed(1)} s)${t.problems.length ? ' — ' + t.problems.join('; ') : ''}`,
    );
  }
  const byPhase: Record<string, number> = {};
  for (const t of trials) byPhase[t.phase] = (byPhase[t.phase] ?? 0) + 1;
  return { trials, scenarios, survived: trials.filter((t) => t.ok).length, byPhase, ms: now() - t0 };
}

// ---- an edit killed -------------------------------------------------------------------------------------------

export interface EditFixture {
  db: string;
  token: string;
  patch: { id: number; version: number; start_date: string | null };
  end: { id: number; version: number; status: string };
  add: { cn: string; foreign: string };
}

/** The samples registry with an editor and three targets: a tie to re-date, one to suspend, a pair to tie. */
export function makeEditFixture(fx: Fixtures): EditFixture {
  const path = join(fx.dir, 'edits-base.db');
  freshCopy(fx.samplesDb, path);
  const db = openRegistry(path);
  try {
    const token = addUser(db, 'crash-editor', 'editor').token;
    const ties = db
      .prepare(`SELECT id, version, start_date, status FROM relationships WHERE status = 'listed' AND cn_place_id = 'cn:210200' ORDER BY id LIMIT 2`)
      .all() as Array<{ id: number; version: number; start_date: string | null; status: string }>;
    const foreign = db
      .prepare(
        `SELECT id FROM places WHERE resolved = 1 AND country_iso2 IS NOT NULL AND country_iso2 != 'CN'
           AND id NOT IN (SELECT foreign_place_id FROM relationships WHERE cn_place_id = 'cn:210200') ORDER BY id LIMIT 1`,
      )
      .pluck()
      .get() as string;
    if (ties.length < 2 || !foreign) throw new Error('the samples registry lacks the ties the edit trials need');
    return {
      db: path,
      token,
      patch: { id: ties[0].id, version: ties[0].version, start_date: ties[0].start_date },
      end: { id: ties[1].id, version: ties[1].version, status: ties[1].status },
      add: { cn: 'cn:210200', foreign },
    };
  } finally {
    checkpointAndClose(db);
  }
}

type EditKind = 'patch' | 'end' | 'add';
const EDIT_DATE = '1999-09-09';

function editRequest(ef: EditFixture, kind: EditKind): { method: string; path: string; body: unknown } {
  if (kind === 'patch') return { method: 'PATCH', path: `/api/relationships/${ef.patch.id}`, body: { date: EDIT_DATE, version: ef.patch.version, note: 'crash trial' } };
  if (kind === 'end') {
    return { method: 'POST', path: `/api/relationships/${ef.end.id}/end`, body: { status: 'suspended', end_date: '2022-03', reason: 'crash trial', version: ef.end.version } };
  }
  return { method: 'POST', path: '/api/relationships', body: { cn_place_id: ef.add.cn, foreign_place_id: ef.add.foreign, kind: 'sister', date: '2001-01-01', reference: 'https://example.org/crash-trial' } };
}

export async function sendEdit(url: string, token: string, req: { method: string; path: string; body: unknown }): Promise<{ status: number; body: any }> {
  const res = await fetch(url + req.path, {
    method: req.method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(req.body),
  });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
}

interface EditState {
  logged: boolean;
  claimed: boolean;
  shows: boolean;
  untouched: boolean;
}

/** For each edit: is its audit-log entry there, its claim, and does the tie show it (or show the state before)? */
function editStates(db: DB, ef: EditFixture): Record<EditKind, EditState> & { orphans: string[] } {
  const logged = (action: string, target?: string) =>
    db.prepare(`SELECT id FROM edits WHERE action = ? ${target ? 'AND target = ?' : ''}`).pluck().all(...(target ? [action, target] : [action])) as number[];
  const claimed = (ids: number[]) => ids.length > 0 && ids.every((id) => db.prepare('SELECT 1 FROM claims WHERE edit_id = ?').get(id));
  const rel = (id: number) => db.prepare('SELECT * FROM relationships WHERE id = ?').get(id) as { version: number; start_date: string | null; status: string } | undefined;
  const p = rel(ef.patch.id)!;
  const e = rel(ef.end.id)!;
  const a = db.prepare('SELECT id FROM relationships WHERE cn_place_id = ? AND foreign_place_id = ?').get(ef.add.cn, ef.add.foreign);
  const pIds = logged('relationship.update', String(ef.patch.id));
  const eIds = logged('relationship.suspend', String(ef.end.id));
  const aIds = logged('relationship.add');
  // every claim an edit made has its log entry, and every log entry of a tie edit has its claim
  const claimEdits = db.prepare('SELECT DISTINCT edit_id FROM claims WHERE edit_id IS NOT NULL').pluck().all() as number[];
  const tieEdits = db.prepare(`SELECT id FROM edits WHERE action LIKE 'relationship.%'`).pluck().all() as number[];
  const orphans = [
    ...claimEdits.filter((id) => !tieEdits.includes(id)).map((id) => `claim of edit ${id} without its log entry`),
    ...tieEdits.filter((id) => !claimEdits.includes(id)).map((id) => `log entry ${id} without its claim`),
  ];
  return {
    patch: {
      logged: pIds.length > 0,
      claimed: claimed(pIds),
      shows: p.version === ef.patch.version + 1 && p.start_date === EDIT_DATE,
      untouched: p.version === ef.patch.version && p.start_date === ef.patch.start_date,
    },
    end: {
      logged: eIds.length > 0,
      claimed: claimed(eIds),
      shows: e.version === ef.end.version + 1 && e.status === 'suspended',
      untouched: e.version === ef.end.version && e.status === ef.end.status,
    },
    add: { logged: aIds.length > 0, claimed: claimed(aIds), shows: !!a, untouched: !a },
    orphans,
  };
}

export interface EditTrial {
  trial: number;
  edits: EditKind[];
  plan: string;
  phase: string;
  answered: number;
  applied: number;
  ok: boolean;
  problems: string[];
}

export function editPhase(marks: Mark[], killAt: number, sentAt: number[], answeredAt: number[]): string {
  const before = marks.filter((m) => m.t <= killAt);
  const k = sentAt.filter((t) => t <= killAt).length; // edits sent so far
  if (k === 0) return 'before the first request';
  if (answeredAt.filter((t) => t <= killAt).length >= k) return 'between edits (answered)';
  const begins = before.filter((m) => m.what === 'begin edit').length;
  const commits = before.filter((m) => m.what === 'commit edit').length;
  if (begins < k) return 'request in flight, before its transaction';
  if (commits < k) return 'inside the edit transaction';
  return 'committed, answer not yet received';
}

/**
 * One trial: a server in a child process, 1–3 edits sent one after another, SIGKILL by the plan (delays count
 * from the first request); then the registry is opened and checked, and takes one more edit.
 */
export async function editKillTrial(
  fx: Fixtures,
  ef: EditFixture,
  trial: number,
  edits: EditKind[],
  plan: KillPlan | null,
): Promise<EditTrial & { ms: number; marks: Mark[] }> {
  const db = join(fx.dir, `edit-trial-${trial}.db`);
  freshCopy(ef.db, db);
  const problems: string[] = [];
  const server = await startServerChild(db, { probe: true });
  const sentAt: number[] = [];
  const answeredAt: number[] = [];
  const answers: number[] = [];
  let killed = false;
  const t0 = now();
  const sending = (async () => {
    for (const kind of edits) {
      sentAt.push(now());
      try {
        const r = await sendEdit(server.url, ef.token, editRequest(ef, kind));
        if (r.status !== 200 && r.status !== 201) problems.push(`${kind} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
        answeredAt.push(now());
        answers.push(r.status);
      } catch (e) {
        if (!killed) problems.push(`${kind} failed: ${(e as Error).message}`);
        return;
      }
    }
  })();
  let killAt: number | null = null;
  if (plan) {
    const finished = sending.then(() => 'finished' as const);
    if (plan.after === 'send') {
      // a delay after the nth request went out (before its transaction begins, mostly)
      while (sentAt.length < plan.nth && answeredAt.length < edits.length && !server.exited()) await sleep(1);
      if (sentAt.length >= plan.nth) await Promise.race([sleep(Math.max(0, sentAt[plan.nth - 1] + plan.delayMs - now())), finished]);
    } else if (plan.after) {
      const m = await Promise.race([server.probe!.waitFor(plan.after, plan.nth), finished]);
      if (m && m !== 'finished') await Promise.race([sleep(Math.max(0, m.t + plan.delayMs - now())), finished]);
    } else await Promise.race([sleep(plan.delayMs), finished]);
    if (answeredAt.length < edits.length) {
      killed = true;
      killAt = now();
      server.child.kill('SIGKILL');
    }
  }
  await sending;
  const ms = now() - t0;
  if (!killed) server.child.kill('SIGKILL');
  await server.exit;
  const marks = server.probe!.marks;
  const phase = !plan ? 'no kill' : killAt === null ? 'after the last answer' : editPhase(marks, killAt, sentAt, answeredAt);

  let applied = 0;
  try {
    const check = checkRegistry(db, []);
    if (check.readonlyIntegrity !== 'ok') problems.push(`integrity_check (read-only): ${check.readonlyIntegrity}`);
    if (check.integrity !== 'ok') problems.push(`integrity_check: ${check.integrity}`);
    if (check.foreignKeyProblems) problems.push(`${check.foreignKeyProblems} foreign key problems`);
    const w = openRegistry(db);
    try {
      const states = editStates(w, ef);
      problems.push(...states.orphans);
      const sent = sentAt.filter((t) => t <= (killAt ?? Infinity)).length;
      edits.forEach((kind, i) => {
        const st = states[kind];
        if (st.logged !== st.claimed) problems.push(`${kind}: the audit log ${st.logged ? 'has' : 'lacks'} it, the claims ${st.claimed ? 'have' : 'lack'} it`);
        if (st.logged ? !st.shows : !st.untouched) problems.push(`${kind}: the tie is half-edited (${st.logged ? 'logged but not shown' : 'not logged but changed'})`);
        if (st.logged) applied++;
        if (i < answeredAt.length && !st.logged) problems.push(`${kind} was answered ${answers[i]} but is not in the registry`);
        if (i >= sent && st.logged) problems.push(`${kind} is there though it was never sent`);
      });
      for (const kind of ['patch', 'end', 'add'] as EditKind[]) {
        if (!edits.includes(kind) && (states[kind].logged || !states[kind].untouched)) problems.push(`${kind} was not sent but shows`);
      }
      // the registry takes the next edit
      const cur = w.prepare('SELECT version FROM relationships WHERE id = ?').pluck().get(ef.patch.id) as number;
      const next = patchRelationship(w, { name: 'after-crash' }, ef.patch.id, { kind: 'sister', version: cur });
      if (next.version !== cur + 1) problems.push(`an edit after the crash gave version ${next.version}, expected ${cur + 1}`);
    } finally {
      w.close();
    }
  } catch (e) {
    problems.push(`the registry does not open or check: ${(e as Error).message}`);
  }
  for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  const timeline = [
    ...sentAt.map((t, i) => ({ t, what: `send ${edits[i]}` })),
    ...answeredAt.map((t, i) => ({ t, what: `answer ${edits[i]}` })),
    ...marks.filter((m) => m.t >= t0),
  ].sort((a, b) => a.t - b.t);
  return {
    trial,
    edits,
    plan: plan ? describePlan(plan) : 'none',
    phase,
    answered: answeredAt.length,
    applied,
    ok: problems.length === 0,
    problems,
    ms,
    marks: since(timeline, t0),
  };
}

/** Spreads the kills over the requests: half at a time from the first request, half inside an edit's transaction. */
export function editPlan(ref: { ms: number; marks: Mark[] }, n: number, random: () => number): KillPlan {
  const at = (what: string) => ref.marks.filter((m) => m.what === what).map((m) => m.t);
  const begins = at('begin edit');
  const commits = at('commit edit');
  const sends = at(`send ${'patch'}`).concat(at('send end'), at('send add')).sort((a, b) => a - b);
  const nth = 1 + Math.floor(random() * n);
  const i = Math.min(nth, begins.length) - 1;
  // the first edit on a fresh server loads the gazetteer inside its transaction: it takes longer
  const span = (commits[i] ?? 0) - (begins[i] ?? 0);
  const r = random();
  if (r < 0.25) return { delayMs: random() * ref.ms * (n / 3) * 1.1 }; // anywhere
  if (r < 0.45) return { after: 'send', nth, delayMs: random() * ((begins[i] ?? 0) - (sends[i] ?? 0)) * 1.2 }; // request parsed, token checked
  if (r < 0.8) return { after: 'begin edit', nth, delayMs: random() * span * 1.1 }; // inside the transaction
  return { after: 'commit edit', nth, delayMs: random() * 3 }; // committed, the answer on its way
}

export interface EditCrashReport {
  trials: EditTrial[];
  referenceMs: number;
  survived: number;
  byPhase: Record<string, number>;
  ms: number;
}

export async function editCrashTrials(fx: Fixtures, opts: { trials: number; seed: number; log?: (s: string) => void }): Promise<EditCrashReport> {
  const t0 = now();
  const log = opts.log ?? (() => {});
  const random = rng(opts.seed ^ 0x5eed);
  const ef = makeEditFixture(fx);
  const all: EditKind[] = ['patch', 'end', 'add'];
  // three edits on a fresh server, uninterrupted: how long they take, and that the checks pass
  const ref = await editKillTrial(fx, ef, -1, all, null);
  if (!ref.ok) throw new Error(`the uninterrupted edits failed: ${ref.problems.join('; ')}`);
  log(`  reference: three edits on a fresh server: ${Math.round(ref.ms)} ms (${showMarks(ref.marks)})`);
  const trials: EditTrial[] = [];
  for (let i = 0; i < opts.trials; i++) {
    const n = 1 + Math.floor(random() * 3);
    const edits = [...all].sort(() => random() - 0.5).slice(0, n);
    const t = await editKillTrial(fx, ef, i, edits, editPlan(ref, n, random));
    trials.push(t);
    log(
      `  #${String(i + 1).padStart(3)} ${t.ok ? 'ok  ' : 'FAIL'} ${edits.join('+').padEnd(14)} kill ${t.plan.padEnd(28)} ` +
        `${t.phase.padEnd(42)} answered ${t.answered}, applied ${t.applied}${t.problems.length ? ' — ' + t.problems.join('; ') : ''}`,
    );
  }
  const byPhase: Record<string, number> = {};
  for (const t of trials) byPhase[t.phase] = (byPhase[t.phase] ?? 0) + 1;
  return { trials, referenceMs: ref.ms, survived: trials.filter((t) => t.ok).length, byPhase, ms: now() - t0 };
}

// ---- main -----------------------------------------------------------------------------------------------------

function table(byPhase: Record<string, number>): string {
  return Object.entries(byPhase)
    .sort((a, b) => b[1] - a[1])
    .map(([p, n]) => `    ${String(n).padStart(4)}  ${p}`)
    .join('\n');
}

async function main(): Promise<void> {
  assertBuilt();
  const trials = Number(process.env.CRASH_TRIALS ?? 200);
  const editTrials = Number(process.env.CRASH_EDIT_TRIALS ?? 100);
  const rows = Number(process.env.CRASH_ROWS ?? 3000);
  const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.log(
    `youcheng crash trials — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; ${trials} ingest kills, ${editTrials} edit kills, documents of ${rows} rows, seed ${seed}`,
  );
  const fx = await makeFixtures(rows);
  try {
    console.log('ingest killed (SIGKILL) at a random moment, then opened, checked, ingested again:');
    const ing = await ingestCrashTrials(fx, { trials, seed, log: (s) => console.log(s) });
    console.log('edit killed (SIGKILL of the server) at a random moment, then opened and checked:');
    const ed = await editCrashTrials(fx, { trials: editTrials, seed, log: (s) => console.log(s) });
    console.log(`\ningest: ${ing.survived}/${ing.trials.length} trials survived (${(ing.ms / 1000).toFixed(0)} s); kills by phase:\n${table(ing.byPhase)}`);
    const docs = ing.trials.reduce((a, t) => [a[0] + t.present, a[1] + t.absent], [0, 0]);
    console.log(`  documents found wholly there ${docs[0]}, wholly absent ${docs[1]}, half there 0 (else the trial failed)`);
    console.log(`edits: ${ed.survived}/${ed.trials.length} trials survived (${(ed.ms / 1000).toFixed(0)} s); kills by phase:\n${table(ed.byPhase)}`);
    const sent = ed.trials.reduce((a, t) => a + t.edits.length, 0);
    const applied = ed.trials.reduce((a, t) => a + t.applied, 0);
    const answered = ed.trials.reduce((a, t) => a + t.answered, 0);
    console.log(`  edits sent ${sent}, answered before the kill ${answered}, found applied (log + claim + tie) ${applied}, half-applied 0 (else the trial failed)`);
    if (ing.survived !== ing.trials.length || ed.survived !== ed.trials.length) process.exitCode = 1;
  } finally {
    if (!process.env.CRASH_KEEP) rmSync(fx.dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) await main();
