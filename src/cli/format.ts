// How the CLI prints things for people. Data for programs goes through `json`.
import Table from 'cli-table3';
import cliProgress from 'cli-progress';
import { basename } from 'node:path';
import type { DocumentReport } from '../ingest/ingest.js';
import type { Preview } from '../ingest/preview.js';
import type { ReconcileReport } from '../resolve/reconcile.js';
import type { PartnerRow, PlaceRow, StatRow, RegistryCounts } from '../registry/queries.js';
import { counts, stats as statsBy } from '../registry/queries.js';
import type { QualityReport } from '../registry/quality.js';
import type { SourceRow, TotalRow } from '../registry/documents.js';
import type { DB } from '../registry/db.js';
import type { Explanation } from '../resolve/explain.js';
import type { Comparison } from '../registry/compare.js';

const w = (s: string) => process.stdout.write(s);

export function json(v: unknown): void {
  w(JSON.stringify(v, null, 2) + '\n');
}

function table(head: string[]): Table.Table {
  return new Table({ head, style: { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } });
}

/** A progress bar on stderr when it is a terminal; `format` names its payload's fields. */
function bar(total: number, format: string): cliProgress.SingleBar {
  const b = new cliProgress.SingleBar({ format, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  b.start(total, 0, { file: '' });
  return b;
}

/** A progress bar on the terminal when there are many documents; silent otherwise. */
export function progress(total: number, enabled: boolean): { tick(label: string): void; done(): void } {
  if (!enabled || total < 5 || !process.stderr.isTTY) return { tick: () => {}, done: () => {} };
  const b = bar(total, 'reading {bar} {value}/{total} {file}');
  return { tick: (f) => b.increment(1, { file: basename(f) }), done: () => b.stop() };
}

/**
 * The reading of a large document (ingest's onReadProgress) as a bar on the terminal, one per reading of the
 * file; nothing otherwise.
 */
export function readProgress(enabled: boolean): { onReadProgress(pass: number, bytes: number, total: number, file: string): void; done(): void } {
  let b: cliProgress.SingleBar | null = null;
  let shownPass = 0;
  if (!enabled || !process.stderr.isTTY) return { onReadProgress: () => {}, done: () => {} };
  const MiB = 1024 * 1024;
  return {
    onReadProgress: (pass, bytes, total, file) => {
      if (pass !== shownPass) {
        b?.stop();
        shownPass = pass;
        b = bar(Math.ceil(total / MiB), `reading ${basename(file)}, pass ${pass} {bar} {value}/{total} MiB`);
      }
      b!.update(bytes >= total ? Math.ceil(total / MiB) : Math.floor(bytes / MiB));
    },
    done: () => {
      b?.stop();
      b = null;
      shownPass = 0;
    },
  };
}

/**
 * Reconciliation's progress (ReconcileOptions.onProgress) as a bar on the terminal, for registries large
 * enough to take a while (50,000 claims and more: some seconds); nothing otherwise.
 */
export function reconcileProgress(enabled: boolean): { onProgress(done: number, total: number): void; done(): void } {
  let b: cliProgress.SingleBar | null = null;
  if (!enabled || !process.stderr.isTTY) return { onProgress: () => {}, done: () => {} };
  return {
    onProgress: (done, total) => {
      if (total < 50_000) return;
      b ??= bar(total, 'reconciling {bar} {value}/{total} claims');
      b.update(done);
    },
    done: () => b?.stop(),
  };
}

export function placeLabel(p: Pick<PlaceRow, 'name_zh_hans' | 'name_en' | 'country_iso2' | 'id' | 'resolved'>): string {
  const zh = p.name_zh_hans ?? '';
  const en = p.name_en && p.name_en !== zh ? p.name_en : '';
  const name = [zh, en].filter(Boolean).join(' ') || p.id;
  return `${name}${p.country_iso2 ? ` (${p.country_iso2})` : ''}${p.resolved ? '' : ' [unresolved]'}`;
}

/** `file:line`, or the file and "(the whole document)" for a message about all of it (stored with line 0). */
function where(m: { file: string; line: number | null }): string {
  return m.line ? `${m.file}:${m.line}` : `${m.file} (the whole document)`;
}

export function ingestSummary(reports: DocumentReport[], r: ReconcileReport, quiet: boolean): void {
  for (const d of reports) {
    if (quiet && d.status !== 'refused' && !d.messages.some((m) => m.severity !== 'info')) continue;
    if (d.status === 'refused') {
      w(`✗ ${d.file}: not read\n`);
    } else {
      const what = d.status === 'unchanged' ? `unchanged (already version ${d.version})` : `version ${d.version}`;
      w(
        `✓ ${d.file} [${d.format}] ${what}: ${d.rows} rows read, ${d.doubtful} doubtful, ${d.skipped} skipped` +
          `${d.owner ? `; list of ${d.owner}` : '; owner not named'}\n`,
      );
    }
    for (const m of d.messages) {
      if (m.severity === 'info' && quiet) continue;
      w(`    ${m.severity.padEnd(7)} ${where(m)} ${m.reason}\n`);
    }
  }
  if (!quiet) reconciled(r);
}

export function reconciled(r: ReconcileReport): void {
  if (r.skipped) {
    w(`Registry unchanged: ${r.claims} claims → ${r.places} places, ${r.relationships} relationships (nothing to reconcile)\n`);
    return;
  }
  w(
    `Registry: ${r.claims} claims → ${r.places} places, ${r.relationships} relationships, ${r.conflicts} conflicts; ` +
      `unresolved names: ${r.unresolved.foreign} foreign, ${r.unresolved.cn} Chinese (reconciled in ${r.ms.toFixed(0)} ms)\n`,
  );
}

export function datePrecise(date: string | null, precision: string): string {
  if (!date) return '—';
  return precision === 'year' ? date.slice(0, 4) : precision === 'month' ? date.slice(0, 7) : date;
}

export function partners(result: Array<{ place: PlaceRow & { names: string[] }; partners: PartnerRow[] }>): void {
  for (const { place, partners } of result) {
    w(`${placeLabel(place)} — ${partners.length} partners (${partners.filter((p) => p.status === 'listed').length} listed)\n`);
    const t = table(['since', 'partner', 'kind', 'status', 'sources']);
    for (const p of partners) {
      t.push([
        datePrecise(p.start_date, p.start_precision),
        placeLabel(p.partner),
        p.kind,
        p.status + (p.conflicts.length ? ` ⚠ ${p.conflicts.map((c) => c.field).join(',')} conflict` : ''),
        p.sources.map((s) => `${s.source}:${s.line}${s.status === 'doubtful' ? ' (doubtful)' : ''}`).join('\n'),
      ]);
    }
    w(t.toString() + '\n');
  }
}

export function stats(by: string, rows: StatRow[], c: RegistryCounts): void {
  w(`${c.relationships} relationships (${c.listed} listed, ${c.doubtful} doubtful) by ${by}\n`);
  const t = table([by, 'relationships', 'listed', 'doubtful']);
  for (const r of rows) t.push([r.key ?? '(unknown)', r.relationships, r.listed, r.doubtful]);
  w(t.toString() + '\n');
}

export function sources(rows: Array<SourceRow & { declared_totals: TotalRow[] }>): void {
  const t = table(['document', 'v', 'format', 'owner', 'as of', 'rows', 'doubtful', 'skipped', 'declared totals']);
  for (const s of rows) {
    t.push([
      s.file_name,
      s.version,
      s.format,
      s.owner ?? '(not named)',
      s.as_of ?? '',
      s.rows_read,
      s.rows_doubtful,
      s.rows_skipped,
      s.declared_totals
        .map((d) => `${d.section ? d.section + ': ' : ''}${d.countries != null ? d.countries + ' countries, ' : ''}${d.places ?? '?'} places`)
        .join('\n'),
    ]);
  }
  w(t.toString() + '\n');
}

export function quality(q: QualityReport, verbose: boolean): void {
  w('Documents\n');
  for (const d of q.documents) {
    w(
      `  ${d.source} (v${d.version}, ${d.format}${d.owner ? `, ${d.owner}` : ''}): ${d.rows} rows, ${d.listed} listed, ` +
        `${d.doubtful} doubtful, ${d.skipped} skipped, ${d.errors} errors, ${d.warnings} warnings\n`,
    );
    for (const t of d.totals) {
      const declared = [t.declared.countries != null ? `${t.declared.countries} countries` : null, t.declared.places != null ? `${t.declared.places} places` : null]
        .filter(Boolean)
        .join(', ');
      w(
        `    ${t.ok ? '✓' : '✗'} line ${t.line}${t.section ? ` [${t.section}]` : ''} declares ${declared}; ` +
          `rows give ${t.rows.countries} countries, ${t.rows.places} places; registry: ${t.registry.countries} countries, ${t.registry.places} places\n`,
      );
    }
    for (const r of d.doubtfulRows) w(`    doubtful line ${r.line}: ${r.place ?? '(no place)'}${r.note ? ` — ${r.note}` : ''}\n`);
    for (const m of d.messages) if (verbose || m.severity !== 'info') w(`    ${m.severity} ${m.line ? `line ${m.line}` : 'the whole document'}: ${m.reason}\n`);
  }
  const r = q.reconciliation;
  const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '100.0');
  w('Reconciliation\n');
  w(`  places: ${r.places} (${r.resolvedPlaces} resolved to the gazetteer)\n`);
  w(`  foreign sides resolved: ${r.foreignSidesResolved}/${r.foreignSides} (${pct(r.foreignSidesResolved, r.foreignSides)}%)\n`);
  w(`  Chinese sides resolved: ${r.cnSidesResolved}/${r.cnSides} (${pct(r.cnSidesResolved, r.cnSides)}%)\n`);
  w(`  unresolved: ${r.unresolved.length}\n`);
  for (const u of verbose ? r.unresolved : r.unresolved.slice(0, 30)) {
    const cands = u.candidates.slice(0, 3).map((c) => `${c.name} (${candidateFacts(c)})`).join('; ');
    w(`    ${u.source}:${u.line} ${u.side} ${u.name ?? ''}${u.country ? ` [${u.country}]` : ''}: ${u.reason}${cands ? ` — candidates: ${cands}` : ''}\n`);
  }
  if (!verbose && r.unresolved.length > 30) w(`    … ${r.unresolved.length - 30} more (--verbose)\n`);
  w(`  conflicts: ${r.conflicts.length}\n`);
  for (const c of r.conflicts) {
    const vals = (c.values as Array<{ value: string; source: string; line: number }>).map((v) => `${v.value} (${v.source}:${v.line})`).join(' vs ');
    w(`    ${c.cn} – ${c.foreign}: ${c.field} ${vals}\n`);
  }
  w(`  names that stand for several places: ${r.ambiguousNames.length}\n`);
  for (const a of r.ambiguousNames) w(`    ${a.name}: ${a.places.map((p) => `${p.name} (${p.country ?? '?'})`).join(' | ')}\n`);
  w(`  relationships supported only by doubtful claims: ${r.doubtfulOnly.length}\n`);
  for (const d of r.doubtfulOnly) w(`    ${d.cn} – ${d.foreign} (${d.source}:${d.line})${d.note ? ` ${d.note}` : ''}\n`);
  if (r.rowsWithoutPlace.length) {
    w(`  rows naming a country but no place: ${r.rowsWithoutPlace.length}\n`);
    for (const x of r.rowsWithoutPlace) w(`    ${x.source}:${x.line} ${x.country ?? ''}\n`);
  }
  const q2 = q.wikidata;
  if (q2) {
    w('Wikidata ids\n');
    w(`  places the Wikidata snapshot holds: ${q2.held}, ${q2.resolved} of them resolved to the gazetteer\n`);
    w(`  with a Wikidata id: ${q2.matched}/${q2.held} (${pct(q2.matched, q2.held)}%; ${pct(q2.matched, q2.resolved)}% of the resolved)\n`);
    w(`  matches in all (places of any source): ${q2.matches}\n`);
    if (q2.disagreeing) w(`  places whose own tie in the snapshot names another item than the one matched (a name resolved to the wrong place?): ${q2.disagreeing}\n`);
  }
}

/** What tells same-named candidates apart: where (country, first-level division), what, how many live there, the id. */
function candidateFacts(c: { id: string; country: string | null; level: string; admin1?: string | null; population?: number | null }): string {
  return [c.admin1, c.country ?? '?', c.level, c.population ? `pop. ${c.population.toLocaleString('en')}` : null, c.id].filter(Boolean).join(', ');
}

export function explain(e: Explanation): void {
  for (const step of e.steps) w(`${step.ok ? '✓' : '·'} ${step.step}: ${step.detail}\n`);
  if (e.place) w(`→ ${e.place.id} ${e.place.nameZhHans ?? ''} ${e.place.nameEn ?? ''} (${e.place.country ?? '?'}, ${e.place.level})\n`);
  else {
    w(`→ unresolved: ${e.reason}\n`);
    for (const c of e.candidates) w(`    candidate ${c.name} (${candidateFacts(c)}): ${c.why}\n`);
  }
}

export function overview(db: DB, path: string): void {
  const c = counts(db);
  w(
    `\nThe registry at ${path} holds ${c.sources} documents (${c.documents} versions), ${c.claims} claims, ` +
      `${c.places} places (${c.resolvedPlaces} resolved), ${c.relationships} relationships ` +
      `(${c.listed} listed, ${c.doubtful} doubtful), ${c.conflicts} conflicts.\n`,
  );
  const top = statsBy(db, 'owner').slice(0, 8);
  if (top.length) w(`Most partners: ${top.map((r) => `${r.key} ${r.relationships}`).join(', ')}\n`);
  w('Try: npx youcheng partners 大连 · npx youcheng stats --by continent · npx youcheng check\n');
}

export function comparison(c: Comparison): void {
  const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '0.0') + '%';
  w(`${c.source}: ${c.rows} rows\n`);
  w(`  Chinese sides resolved: ${c.cnResolved}/${c.rows} (${pct(c.cnResolved, c.rows)})\n`);
  w(`  foreign sides resolved: ${c.foreignResolved}/${c.rows} (${pct(c.foreignResolved, c.rows)})\n`);
  w(`  distinct place names resolved: ${c.distinctNamesResolved}/${c.distinctNames} (${pct(c.distinctNamesResolved, c.distinctNames)})\n`);
  w(`  ties with both places resolved: ${c.pairs}; also reported by other documents: ${c.matched}\n`);
  for (const m of c.matchedBySource) w(`    ${m.source}: ${m.pairs}\n`);
  w(`  ties other documents report for the same Chinese places that this one lacks: ${c.missingFromSource}\n`);
  for (const e of c.examples) w(`    e.g. ${e.cn} – ${e.foreign} (also in ${e.also_in})\n`);
}

/** What `ingest --dry-run` found in each document: its claims as a table, then its messages. */
export function previews(list: Preview[], quiet: boolean): void {
  for (const p of list) {
    if (p.status === 'refused') w(`✗ ${p.file}: would not be read\n`);
    else {
      w(`✓ ${p.file} [${p.format}] would give ${p.claims.length} claims${p.owner ? `; list of ${p.owner}` : '; owner not named'}${p.title ? ` — ${p.title}` : ''}\n`);
      const t = table(['line', 'Chinese side', 'partner', 'country', 'date', 'kind', 'status']);
      for (const c of p.claims) {
        const partner = [c.foreignPlace, c.foreignPlaceEn && c.foreignPlaceEn !== c.foreignPlace ? c.foreignPlaceEn : null].filter(Boolean).join(' / ');
        t.push([c.line, c.cnPlace ?? '—', partner || '—', c.countryIso2 ?? c.country ?? '—', c.dateIso ?? c.date ?? '', c.kind, c.status]);
      }
      if (p.claims.length) w(t.toString() + '\n');
    }
    for (const m of p.messages) {
      if (m.severity === 'info' && quiet) continue;
      w(`    ${m.severity.padEnd(7)} ${where(m)} ${m.reason}\n`);
    }
  }
}
