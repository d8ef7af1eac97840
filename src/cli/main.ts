// The `youcheng` command: a thin layer over ingest, reconciliation and the registry's queries.
// Only commander and the options' defaults are loaded to build the program: each command imports what it
// needs when it runs (`--help` loads no reader, no SQLite, no script conversion).
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { DB } from '../registry/db.js';
import type { DocumentReport } from '../ingest/ingest.js';
import type { Manifest } from '../ingest/manifest.js';
import type { ReconcileReport } from '../resolve/reconcile.js';
import type { StatsDimension } from '../registry/queries.js';
import { DATASETS_DIR, SAMPLES_DIR } from '../paths.js';
import { DEFAULT_MAX_BYTES } from '../ingest/limits.js';
import { READER_NAMES } from '../readers/names.js';
import { UserError } from './errors.js';
import { checkRegistryOption, dbOption } from './db-option.js';
import { registerPeopleCommands } from './people.js';
import { registerExchangeCommands } from './exchange.js';
import { registerOpenDataCommands } from './opendata.js';

const jsonOption = () => new Option('--json', 'print data as JSON for programs');
const format = () => import('./format.js');
const queries = () => import('../registry/queries.js');

async function openExisting(path: string): Promise<DB> {
  if (!existsSync(path)) {
    throw new UserError(`no registry at ${path}: build one with \`youcheng ingest FILE…\` or \`npm start\``);
  }
  const { openRegistry } = await import('../registry/db.js');
  return openRegistry(path);
}

const portOption = () =>
  new Option('--port <n>', 'TCP port to listen on (0: any free port)').default(8080).argParser((v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
    return n;
  });
const hostOption = () => new Option('--host <host>', 'address to listen on (0.0.0.0 for every interface)').default('127.0.0.1');
const workersOption = () =>
  new Option('--workers <n>', 'server processes sharing the port, each with its own read-only connection (1: serve in this process)')
    .default(defaultWorkers(), 'the number of cores')
    .argParser((v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('must be a whole number from 1 to 64');
      return n;
    });
function defaultWorkers(): number {
  return Math.min(availableParallelism(), 8);
}

/** Serves until Ctrl-C (or SIGTERM), then closes the server (its workers) and the registry. */
async function serveUntilStopped(o: { dbPath: string; port: number; host: string; quiet: boolean; trustProxy?: boolean; workers: number }): Promise<void> {
  // loaded here, so that the other commands do not load the HTTP stack
  const { startServer, ServerStartError } = await import('../server/index.js');
  let server: { url: string; close(): Promise<void> };
  try {
    if (o.workers > 1) {
      const { startCluster } = await import('../server/cluster.js');
      server = await startCluster(o);
    } else server = await startServer({ dbPath: o.dbPath, port: o.port, host: o.host, log: !o.quiet, trustProxy: o.trustProxy });
  } catch (e) {
    if (e instanceof ServerStartError) throw new UserError(e.message);
    throw e;
  }
  const on = o.workers > 1 ? ` on ${o.workers} workers` : '';
  process.stdout.write(`\nyoucheng is serving ${o.dbPath} at ${server.url}${on}  (API: ${server.url}/api · Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stdout.write(`\n${signal === 'SIGINT' ? 'Stopping' : 'Stopping on ' + signal}…\n`);
      server.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Ingests files and folders, then reconciles the registry (see cli/ingest-paths.ts). */
export async function ingestPaths(
  db: DB,
  paths: string[],
  opts: { owner?: string; asOf?: string; format?: string; manifest?: Manifest | null; maxBytes?: number; acceptShrink?: boolean; quiet?: boolean; json?: boolean },
): Promise<{ reports: DocumentReport[]; reconciled: ReconcileReport }> {
  const m = await import('./ingest-paths.js');
  return m.ingestPaths(db, paths, opts);
}

export function buildProgram(): Command {
  const program = new Command('youcheng')
    .description("youcheng (友城): the registry of China's international friendship cities")
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  program.hook('preAction', (_program, action) => checkRegistryOption(action.opts().db, action.getOptionValueSource('db')));

  program
    .command('ingest')
    .description('read documents (files or folders) into the registry; each becomes a source with its claims')
    .argument('<paths...>', 'documents or folders of documents')
    .option('--owner <place>', 'whose list the documents are (when a document does not say)')
    .option('--as-of <date>', 'the date the list is current as of (e.g. 2023-05)')
    .addOption(new Option('--format <name>', 'read as this format instead of detecting it').choices([...READER_NAMES]))
    .option('--manifest <file>', 'a manifest describing the documents (owner, as-of date, publisher, URL)')
    .option('--max-bytes <n>', 'refuse documents larger than this', String(DEFAULT_MAX_BYTES))
    .option('-q, --quiet', 'print only problems')
    .option('--accept-shrink', 'store a new version even when it has fewer than half the rows of the one before (the list did shrink)')
    .option('-n, --dry-run', 'print the claims each document would give, and store nothing')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (paths: string[], o) => {
      const { readManifest } = await import('../ingest/manifest.js');
      const out = await format();
      let manifest: Manifest | null = null;
      if (o.manifest) {
        try {
          manifest = readManifest(o.manifest);
        } catch (e) {
          throw new UserError((e as Error).message);
        }
      }
      const maxBytes = Number(o.maxBytes);
      if (!Number.isFinite(maxBytes) || maxBytes <= 0) throw new UserError(`--max-bytes must be a positive number, not "${o.maxBytes}"`);
      const { collectDocuments, manifestFor } = await import('../ingest/ingest.js');
      if (o.dryRun) {
        const files = collectDocuments(paths);
        if (files.length === 0) throw new UserError(`no documents found in ${paths.join(', ')}`);
        const { previewFile } = await import('../ingest/preview.js');
        const cache = new Map<string, Manifest | null>();
        const list = [];
        for (const f of files) list.push(await previewFile(f, { ...o, manifest: manifestFor(f, manifest, cache), maxBytes }));
        // One document: its preview itself; several: { documents: [...] }.
        if (o.json) out.json(list.length === 1 && paths.length === 1 ? list[0] : { documents: list });
        else out.previews(list, o.quiet);
        process.exitCode = list.some((p) => p.status === 'refused') ? 1 : 0;
        return;
      }
      const { openRegistry } = await import('../registry/db.js');
      const db = openRegistry(o.db);
      try {
        const { reports, reconciled } = await ingestPaths(db, paths, { ...o, manifest, maxBytes });
        // (a message about the whole document is stored with line 0: it has no line)
        const documents = reports.map((r) => ({ ...r, messages: r.messages.map((m) => ({ ...m, line: m.line > 0 ? m.line : null })) }));
        if (o.json) out.json({ documents, reconciliation: reconciled });
        else out.ingestSummary(reports, reconciled, o.quiet);
        process.exitCode = reports.some((r) => r.status === 'refused') ? 1 : 0;
      } finally {
        db.close();
      }
    });

  program
    .command('partners')
    .description('the partners of a place, found by any of its names in any script or pinyin (大连, 大連, dalian)')
    .argument('<place>', 'a place name')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (place: string, o) => {
      const db = await openExisting(o.db);
      const { searchPlaces, partnersOf, placeNames } = await queries();
      const out = await format();
      try {
        const matches = searchPlaces(db, place, 50).filter((m) => m.partners > 0);
        if (matches.length === 0) throw new UserError(`no place called "${place}" has partners in the registry`);
        // Every place that matches as well as the best one is shown: a name may stand for several places.
        const best = matches.filter((m) => m.rank === matches[0].rank);
        const result = best.map((m) => ({ place: { ...m, names: placeNames(db, m.id) }, partners: partnersOf(db, m.id) }));
        if (o.json) out.json(result);
        else out.partners(result);
      } finally {
        db.close();
      }
    });

  program
    .command('stats')
    .description('counts of relationships by a dimension')
    .addOption(new Option('--by <dimension>', 'what to group by').choices(['country', 'continent', 'year', 'kind', 'owner', 'status', 'level']).default('country'))
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (o) => {
      const db = await openExisting(o.db);
      const { stats, counts } = await queries();
      const out = await format();
      try {
        const rows = stats(db, o.by as StatsDimension);
        if (o.json) out.json({ by: o.by, totals: counts(db), rows });
        else out.stats(o.by, rows, counts(db));
      } finally {
        db.close();
      }
    });

  program
    .command('sources')
    .description('the documents in the registry: versions, as-of dates, rows, declared totals')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (o) => {
      const db = await openExisting(o.db);
      const { listSources, totalsOf } = await import('../registry/documents.js');
      const out = await format();
      try {
        const rows = listSources(db).map((s) => ({ ...s, declared_totals: totalsOf(db, s.id) }));
        if (o.json) out.json(rows);
        else out.sources(rows);
      } finally {
        db.close();
      }
    });

  program
    .command('check')
    .description('data quality: declared totals against rows, doubtful and skipped rows, reconciliation problems')
    .addOption(dbOption())
    .addOption(jsonOption())
    .option('-v, --verbose', 'list every message and unresolved name')
    .action(async (o) => {
      const db = await openExisting(o.db);
      const { qualityReport } = await import('../registry/quality.js');
      const out = await format();
      try {
        const report = qualityReport(db);
        if (o.json) out.json(report);
        else out.quality(report, !!o.verbose);
      } finally {
        db.close();
      }
    });

  program
    .command('compare')
    .description('measure one document against the rest of the registry: places resolved, ties also reported elsewhere')
    .argument('<source>', 'a document in the registry (its file name, as `youcheng sources` lists it)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (source: string, o) => {
      const db = await openExisting(o.db);
      const { compareSource } = await import('../registry/compare.js');
      const out = await format();
      try {
        const c = compareSource(db, source);
        if (o.json) out.json(c);
        else out.comparison(c);
      } finally {
        db.close();
      }
    });

  program
    .command('resolve')
    .description('show how a place name is (or is not) resolved to a place')
    .requiredOption('--explain <name>', 'the name to explain')
    .option('--country <cc>', 'the country the name stands in (ISO 3166-1 alpha-2, or a country name)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (o) => {
      const { explainResolution } = await import('../resolve/explain.js');
      const out = await format();
      // the registry's places and edited aliases count when there is one; the gazetteer alone when not
      const db = existsSync(o.db) ? (await import('../registry/db.js')).openRegistry(o.db, { readonly: true }) : undefined;
      let result;
      try {
        result = explainResolution(o.explain, o.country ?? null, db);
      } finally {
        db?.close();
      }
      if (o.json) out.json(result);
      else out.explain(result);
    });

  program
    .command('reconcile')
    .description('re-resolve every claim against the gazetteer and the alias file, and rebuild the relationships')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (o) => {
      const db = await openExisting(o.db);
      const { reconcile } = await import('../resolve/reconcile.js');
      const { createResolver } = await import('../resolve/index.js');
      const out = await format();
      try {
        const shown = out.reconcileProgress(!o.json);
        let r;
        try {
          r = reconcile(db, createResolver(db), { onProgress: shown.onProgress });
        } finally {
          shown.done();
        }
        if (o.json) out.json(r);
        else out.reconciled(r);
      } finally {
        db.close();
      }
    });

  program
    .command('serve')
    .description('serve the registry over HTTP: the JSON API under /api and the web app')
    .addOption(portOption())
    .addOption(hostOption())
    .addOption(workersOption())
    .addOption(dbOption())
    .option('--quiet', 'no request logs on stderr')
    .option('--trust-proxy', "behind a reverse proxy: the client's address is the last X-Forwarded-For entry (only the proxy may set it)")
    .action(async (o) => {
      if (!existsSync(o.db)) throw new UserError(`no registry at ${o.db}: build one with \`youcheng ingest FILE…\` or \`npm start\``);
      await serveUntilStopped({ dbPath: o.db, port: o.port, host: o.host, quiet: !!o.quiet, trustProxy: !!o.trustProxy, workers: o.workers });
    });

  program
    .command('start')
    .description('build the registry from the bundled sample lists and open datasets when it is absent, then serve it on http://127.0.0.1:8080')
    .addOption(dbOption())
    .option('--rebuild', 'build the registry again from the bundled samples and datasets')
    .option('--samples-only', 'build it from the sample lists alone, without the open datasets')
    .addOption(portOption())
    .addOption(hostOption())
    .addOption(workersOption())
    .option('--quiet', 'no request logs on stderr')
    .action(async (o) => {
      let fresh = !existsSync(o.db) || o.rebuild;
      if (!existsSync(o.db) && !o.rebuild && !o.samplesOnly) {
        // The registry `npm run build` made from the same documents, copied (a copy never replaces a file).
        const { copyDefaultRegistry } = await import('./start-copy.js');
        if (copyDefaultRegistry(o.db)) fresh = false;
      }
      const { openRegistry } = await import('../registry/db.js');
      const { counts } = await queries();
      const out = await format();
      const db = openRegistry(o.db);
      try {
        if (fresh || counts(db).claims === 0) {
          const dirs = o.samplesOnly ? [SAMPLES_DIR] : [SAMPLES_DIR, DATASETS_DIR];
          process.stdout.write(`Building the registry at ${o.db} from the bundled sample lists and open datasets in ${dirs.join(', ')}\n`);
          const { reports, reconciled } = await ingestPaths(db, dirs, {});
          out.ingestSummary(reports, reconciled, false);
        }
        out.overview(db, o.db);
      } finally {
        db.close();
      }
      await serveUntilStopped({ dbPath: o.db, port: o.port, host: o.host, quiet: !!o.quiet, workers: o.workers });
    });

  registerExchangeCommands(program);
  registerOpenDataCommands(program);
  registerPeopleCommands(program);
  return program;
}

/** Errors of the modules a command loaded that a user can act on (a module not loaded threw none of them). */
async function isKnownError(e: unknown): Promise<boolean> {
  if (!(e instanceof Error)) return false;
  const { ManifestError } = await import('../ingest/manifest.js');
  const { UnknownSourceError } = await import('../registry/compare.js');
  return e instanceof ManifestError || e instanceof UnknownSourceError;
}

/** Runs the command line; returns the exit code. Errors a user can act on are printed without a stack. */
export async function run(argv: string[]): Promise<number> {
  // A reader that stops reading (`youcheng stats | head -1`) closes the pipe: the answer was wanted no further,
  // which is no error. Read commands write nothing else, so leaving at once loses nothing.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw e;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof UserError || (await isKnownError(e))) {
      process.stderr.write(`youcheng: ${(e as Error).message}\n`);
      return 1;
    }
    if (process.env.YOUCHENG_DEBUG) throw e;
    process.stderr.write(`youcheng: unexpected error: ${(e as Error).message}\n(set YOUCHENG_DEBUG=1 to see where)\n`);
    return 70;
  }
}
