// Wikidata QuickStatements (version 1: one command a line, tab-separated) that an editor can paste into
// https://quickstatements.toolforge.org and run. For each tie whose two places have a Wikidata item:
//   `Q1 P190 Q2` ("twinned administrative body", symmetric, so written in both directions),
//   qualified with P580 (start time) at the precision the date is known to (/11 day, /10 month, /9 year) and
//   P582 (end time) for a tie that ended at a known date,
//   and referenced, once per source that lists the tie: S248 (stated in) where the publication has a Wikidata
//   item (Chinese or English Wikipedia), else S1476 (title); S854 (reference URL) where the source has one;
//   S813 (retrieved: the list's as-of date, or the day it was read). A statement with several sources gets
//   one line per source: QuickStatements adds each as a reference of the one statement.
// By default only the ties the Wikidata snapshot in the registry does not already hold (`missingOnly`):
// Wikidata has those statements; the batch adds what it lacks.
//
// The V1 reader (QuickStatements' importDataFromV1) splits a batch at line breaks and a command at tabs,
// takes a string as everything between the first and the last `"` of its field, trims it, and reads
// `/* … */` at the end of a line as an edit summary. So within strings: a `"` is kept as it is (it needs no
// escape), a tab or line break (which would cut the command) becomes a space, and `*/` becomes `* /`; in a
// URL, whitespace and `"` are percent-encoded (RFC 3986), which leaves the URL the same address.
import type { DB } from '../registry/db.js';
import type { QidEntry } from './wikidata-ids.js';
import { qsSourcesOf, qsTies, snapshotTieNotes, QS_STATUSES, type QsSource, type QsTie } from '../registry/qs-rows.js';

export { QS_STATUSES };
export const P_TWINNED = 'P190';
export const P_START = 'P580';
export const P_END = 'P582';
export const S_STATED_IN = 'S248';
export const S_URL = 'S854';
export const S_RETRIEVED = 'S813';
export const S_TITLE = 'S1476';

/** Publications with a Wikidata item, recognized from what a source says of itself. */
const PUBLICATIONS: Array<{ test: RegExp; item: string }> = [
  { test: /zh\.wikipedia|中文维基|维基百科|維基百科/i, item: 'Q30239' }, // Chinese Wikipedia
  { test: /en\.wikipedia|english wikipedia/i, item: 'Q328' }, // English Wikipedia
];

/**
 * A Wikidata time value: day precision 11 (`+1979-05-01T00:00:00Z/11`), month 10 (`+1979-05-00T00:00:00Z/10`),
 * year 9 (`+1979-00-00T00:00:00Z/9`). Null for no date or one not in YYYY[-MM[-DD]] form.
 */
export function qsTime(date: string | null): string | null {
  if (!date) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m) return null;
  const [, y, mo, d] = m;
  if (d) return `+${y}-${mo}-${d}T00:00:00Z/11`;
  if (mo) return `+${y}-${mo}-00T00:00:00Z/10`;
  return `+${y}-00-00T00:00:00Z/9`;
}

/** A URL as a QuickStatements string, whitespace and quotes percent-encoded; null unless http(s). */
export function qsUrl(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = s.trim();
  if (!/^https?:\/\/\S/i.test(t)) return null;
  return `"${t.replace(/[\s"]/gu, (c) => encodeURIComponent(c))}"`;
}

/** Text as the body of a QuickStatements string: kept whole, with what would cut the command made harmless. */
export function qsText(s: string): string {
  return s
    .replace(/[\t\r\n\u2028\u2029]+/g, ' ')
    .replace(/\*\//g, '* /')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** A monolingual text value (`zh:"西安市国际友好城市"`): Chinese when the text has Han characters, else English. */
export function qsMonolingual(s: string): string | null {
  const t = qsText(s);
  if (!t) return null;
  return `${/\p{Script=Han}/u.test(t) ? 'zh' : 'en'}:"${t}"`;
}

/** The reference of one source, as the tab-separated snaks that end a line. */
export function referenceOf(src: QsSource): string {
  const snaks: string[] = [];
  const said = [src.url, src.title, src.publisher].filter(Boolean).join(' ');
  const url = src.edit_id != null ? qsUrl(src.reference) : qsUrl(src.url);
  const publication = src.edit_id == null ? PUBLICATIONS.find((p) => p.test.test(said))?.item : undefined;
  if (publication) snaks.push(S_STATED_IN, publication);
  if (url) snaks.push(S_URL, url);
  if (!publication) {
    // An edit's reference that is no URL is the editor's words for where it comes from.
    const title = src.edit_id != null ? (url ? null : src.reference) : (src.title ?? src.publisher ?? src.file_name);
    const text = title ? qsMonolingual(title) : null;
    if (text) snaks.push(S_TITLE, text);
    else if (src.edit_id != null && !url) snaks.push(S_TITLE, qsMonolingual(`edit ${src.edit_id} in youcheng`)!);
  }
  const retrieved = qsTime(src.edit_id != null ? (src.edit_at ?? '').slice(0, 10) : src.as_of) ?? qsTime(src.ingested_at.slice(0, 10));
  if (retrieved) snaks.push(S_RETRIEVED, retrieved);
  return snaks.join('\t');
}

export interface QsStats {
  ties: number;
  lines: number;
  statements: number;
  withReference: number;
  /** Ties left out because the snapshot already holds them (missing-only). */
  held: number;
}

export interface QsOptions {
  /** Only ties the Wikidata snapshot in the registry does not hold (default true). */
  missingOnly?: boolean;
  /** Only these ties (a filter by source type, …). */
  ties?: Set<number> | null;
}

/** One tie of a batch: what it adds to Wikidata, for people to read before they run it. */
export interface QsTieBatch {
  tie: QsTie;
  a: string;
  b: string;
  lines: string[];
}

/** Pairs of items the snapshot ties (`Q1|Q2`, smaller first). */
function heldPairs(db: DB): Set<string> {
  const out = new Set<string>();
  for (const note of snapshotTieNotes(db)) {
    const m = /^Wikidata: (Q\d+) .* – (Q\d+) /.exec(note);
    if (m) out.add(pairKey(m[1]!, m[2]!));
  }
  return out;
}
const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The batch, a tie at a time. */
export function* quickStatementTies(db: DB, qids: Map<string, QidEntry>, stats?: QsStats, opts: QsOptions = {}): Generator<QsTieBatch> {
  const missingOnly = opts.missingOnly ?? true;
  const held = heldPairs(db);
  const sourcesOf = qsSourcesOf(db);
  for (const r of qsTies(db)) {
    if (opts.ties && !opts.ties.has(r.id)) continue;
    const a = qids.get(r.cn_place_id)?.qid;
    const b = qids.get(r.foreign_place_id)?.qid;
    if (!a || !b || a === b) continue;
    if (missingOnly && held.has(pairKey(a, b))) {
      if (stats) stats.held++;
      continue;
    }
    // The snapshot is Wikidata itself: not a reference for a statement on Wikidata.
    const refs = [...new Set(sourcesOf(r.id).filter((s) => s.format !== 'nodes-links').map(referenceOf))].filter(Boolean);
    if (!refs.length) continue;
    let quals = '';
    const start = r.start_precision === 'none' ? null : qsTime(r.start_date);
    if (start) quals += `\t${P_START}\t${start}`;
    const end = r.status === 'ended' ? qsTime(r.end_date) : null;
    if (end) quals += `\t${P_END}\t${end}`;
    const lines: string[] = [];
    for (const [x, y] of [[a, b], [b, a]]) for (const ref of refs) lines.push(`${x}\t${P_TWINNED}\t${y}${quals}\t${ref}`);
    if (stats) {
      stats.ties++;
      stats.statements += 2;
      stats.lines += lines.length;
      stats.withReference++;
    }
    yield { tie: r, a, b, lines };
  }
}

export function* quickStatements(db: DB, qids: Map<string, QidEntry>, stats?: QsStats, opts: QsOptions = {}): Generator<string> {
  for (const t of quickStatementTies(db, qids, stats, opts)) yield t.lines.join('\n') + '\n';
}
