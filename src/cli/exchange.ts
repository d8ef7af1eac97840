// The exchange commands of `youcheng`: export (every format), diff (two versions of a document), backup and
// restore. `registerExchangeCommands(program)` adds them to the program main.ts builds.
import { Command, Option, InvalidArgumentError } from 'commander';
import { dbOption } from './db-option.js';
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { DB } from '../registry/db.js';
import type { SourceDiff, TieChange } from '../registry/diff.js';
import { EXCHANGE_FORMATS, FORMATS_OF } from '../publish/formats.js';

// The registry's modules and the exporters, loaded before a command of this file runs (a preAction hook),
// not when the program is built.
let sqlite: typeof import('../registry/db.js');
let diffs: typeof import('../registry/diff.js');
let backups: typeof import('../registry/backup.js');
let exporters: typeof import('../publish/stream.js');
async function loadModules(): Promise<void> {
  [sqlite, diffs, backups, exporters] = await Promise.all([
    import('../registry/db.js'),
    import('../registry/diff.js'),
    import('../registry/backup.js'),
    import('../publish/stream.js'),
  ]);
}

const jsonOption = () => new Option('--json', 'print data as JSON for programs');
const versionOption = (flag: string, what: string) =>
  new Option(flag, what).argParser((v) => {
    const n = Number(v.replace(/^v/i, ''));
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a version number (1, 2, … or v1, v2, …)');
    return n;
  });

const w = (s: string) => process.stdout.write(s);

/** Prints `youcheng: message` and ends the command with exit code 1 (through commander, so run() returns it). */
function fail(cmd: Command, message: string): never {
  cmd.error(`youcheng: ${message}`, { exitCode: 1, code: 'youcheng.error' });
}

function openExisting(cmd: Command, path: string): DB {
  if (!existsSync(path)) fail(cmd, `no registry at ${path}: build one with \`youcheng ingest FILE…\` or \`npm start\``);
  return sqlite.openRegistry(path);
}

const known = (e: unknown): e is Error =>
  e instanceof exporters.ExportError || e instanceof diffs.DiffError || e instanceof backups.BackupError;

const mb = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`);

/** "536 records", "583 nodes and 536 edges", "24 lines for 12 ties (10 with a reference URL)". */
function describeStats(s: Record<string, number>): string | null {
  if (s.lines !== undefined) {
    return (
      `${s.lines} lines: ${s.statements} statements for ${s.ties} ties, each with its references` +
      (s.held ? ` (${s.held} ties left out: the Wikidata snapshot already holds them; --all-ties to write them too)` : '')
    );
  }
  if (s.nodes !== undefined || s.edges !== undefined) return `${s.nodes ?? 0} nodes and ${s.edges ?? 0} edges`;
  if (s.features !== undefined) return `${s.features} features`;
  if (s.records !== undefined) return `${s.records} records`;
  return null;
}

function printDiff(d: SourceDiff): void {
  const v = (x: SourceDiff['from']) => `v${x.version} (${x.file_name}${x.as_of ? `, as of ${x.as_of}` : ''}, ${x.rows} rows)`;
  w(`${d.source_key}: ${v(d.from)} → ${v(d.to)}\n`);
  const tie = (c: TieChange) => `${c.cn_name ?? '?'} — ${c.foreign_name ?? '?'}${c.country_iso2 ? ` (${c.country_iso2})` : ''}`;
  const when = (r: TieChange['from']) => (r ? (r.date ?? r.date_as_written ?? 'no date') : '');
  const section = (title: string, list: TieChange[], line: (c: TieChange) => string) => {
    if (!list.length) return;
    w(`\n${title} (${list.length})\n`);
    for (const c of list) w(`  ${line(c)}\n`);
  };
  section('added', d.added, (c) => `+ ${tie(c)}  ${when(c.to)}  [${c.to!.kind}]  v${d.to.version} line ${c.to!.line}`);
  section('removed', d.removed, (c) => `- ${tie(c)}  ${when(c.from)}  [${c.from!.kind}]  v${d.from.version} line ${c.from!.line}`);
  section('re-dated', d.redated, (c) => `~ ${tie(c)}  ${when(c.from)} → ${when(c.to)}  lines ${c.from!.line} → ${c.to!.line}`);
  section('kind changed', d.rekinded, (c) => `~ ${tie(c)}  ${c.from!.kind} → ${c.to!.kind}  lines ${c.from!.line} → ${c.to!.line}`);
  w(
    `\n${d.added.length} added, ${d.removed.length} removed, ${d.redated.length} re-dated, ${d.rekinded.length} kind changed, ` +
      `${d.unchanged} unchanged\n`,
  );
}

export function registerExchangeCommands(program: Command): void {
  program
    .command('export')
    .hook('preAction', loadModules)
    .description('write claims, relationships or places: tables (JSON Lines, CSV, JSON), maps (GeoJSON), graphs (GraphML, GEXF), Wikidata (QuickStatements)')
    .argument('<what>', 'claims | relationships | places')
    .addOption(new Option('--format <format>', 'output format').choices([...EXCHANGE_FORMATS]).default('jsonl'))
    .option('--out <file>', 'write to a file instead of standard output')
    .option('--bom', 'start a CSV with a UTF-8 byte-order mark (for spreadsheets)')
    .option('--all-ties', 'quickstatements: also the ties the Wikidata snapshot already holds (default: only those Wikidata lacks)')
    .option('--source-type <types>', 'only claims and ties of sources of these types: official list, encyclopedia, dataset, edit (comma-separated)')
    .addOption(dbOption())
    .addHelpText(
      'after',
      `\nFormats by export:\n${Object.entries(FORMATS_OF)
        .map(([k, fs]) => `  ${k.padEnd(14)} ${fs.join(', ')}`)
        .join('\n')}\n` +
        '\ngeojson: places as Points, relationships as LineStrings (only those with coordinates)\n' +
        'graphml, gexf: the network (places in a tie as nodes, ties as edges; GEXF edges carry start/end dates)\n' +
        'quickstatements: P190 statements, both directions, for ties whose two places have Wikidata ids\n',
    )
    .action(async function (this: Command, what: string, o) {
      let sourceTypes: string[] | undefined;
      try {
        exporters.checkExport(what, o.format, { bom: !!o.bom });
        if (o.sourceType) sourceTypes = (await import('../registry/source-types.js')).parseSourceTypes(o.sourceType);
      } catch (e) {
        if (o.sourceType && !(e instanceof exporters.ExportError) && e instanceof Error) fail(this, e.message);
        if (known(e)) fail(this, e.message);
        throw e;
      }
      const db = openExisting(this, o.db);
      const stats: Record<string, number> = {};
      // Written under a temporary name and renamed when complete: a failed export leaves no half file.
      const tmp = o.out ? join(dirname(resolve(o.out)), `.${basename(o.out)}.${process.pid}.tmp`) : null;
      let release = () => {};
      try {
        // One read transaction: the export is one state of the registry even if an ingest commits meanwhile.
        release = sqlite.holdReadSnapshot(db);
        const stream = tmp ? createWriteStream(tmp) : process.stdout;
        const chars = await exporters.writeExport(stream, db, what, o.format, { bom: !!o.bom, stats, sourceTypes, allTies: !!o.allTies });
        if (tmp) {
          await new Promise<void>((res, rej) => (stream as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? rej(e) : res())));
          renameSync(tmp, resolve(o.out));
          process.stderr.write(`wrote ${describeStats(stats) ?? `${chars} characters`} to ${o.out}\n`);
        }
      } catch (e) {
        if (tmp) rmSync(tmp, { force: true });
        if ((e as NodeJS.ErrnoException).code === 'EPIPE') return; // the reader stopped reading (| head): not an error
        if (known(e)) fail(this, e.message);
        throw e;
      } finally {
        release();
        db.close();
      }
    });

  program
    .command('diff')
    .hook('preAction', loadModules)
    .description('what changed between two versions of a document: ties added, removed, re-dated (matched by place)')
    .argument('<source>', 'the document: its source key or file name (as `youcheng sources` lists it)')
    .addOption(versionOption('--from <version>', 'the older version (default: the one before --to)'))
    .addOption(versionOption('--to <version>', 'the newer version (default: the latest)'))
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(function (this: Command, source: string, o) {
      const db = openExisting(this, o.db);
      try {
        const d = diffs.diffSource(db, source, { from: o.from, to: o.to });
        if (o.json) w(JSON.stringify(d, null, 2) + '\n');
        else printDiff(d);
      } catch (e) {
        if (known(e)) fail(this, e.message);
        throw e;
      } finally {
        db.close();
      }
    });

  program
    .command('backup')
    .hook('preAction', loadModules)
    .description('copy the registry to FILE, safely while the server runs or an ingest writes; the copy is checked')
    .argument('<file>', 'the backup file to write (replaced if it exists)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async function (this: Command, file: string, o) {
      const db = openExisting(this, o.db);
      try {
        const r = await backups.backup(db, file);
        if (o.json) w(JSON.stringify(r, null, 2) + '\n');
        else
          w(
            `backed up ${o.db} to ${r.file}: ${mb(r.bytes)}, schema v${r.schemaVersion}, ${r.sources} document versions, ` +
              `${r.claims} claims, ${r.relationships} relationships; integrity ok (${Math.round(r.ms)} ms)\n`,
          );
      } catch (e) {
        if (known(e)) fail(this, e.message);
        throw e;
      } finally {
        db.close();
      }
    });

  program
    .command('restore')
    .hook('preAction', loadModules)
    .description('replace the registry with a backup, after checking it is a sound youcheng registry (stop the server first)')
    .argument('<file>', 'a backup written by `youcheng backup`')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(function (this: Command, file: string, o) {
      try {
        const r = backups.restore(file, o.db);
        if (o.json) w(JSON.stringify(r, null, 2) + '\n');
        else
          w(
            `${r.replaced ? 'replaced' : 'created'} ${r.db} from ${r.from}: schema v${r.schemaVersion}, ${r.sources} document versions, ` +
              `${r.claims} claims, ${r.relationships} relationships; integrity ok\n`,
          );
      } catch (e) {
        if (known(e)) fail(this, e.message);
        throw e;
      }
    });
}
