// Wikidata QuickStatements (version 1: one command a line, tab-separated) for the ties whose two places both
// have a Wikidata item: `Q1 P190 Q2` ("twinned administrative body", a symmetric property, so written in both
// directions), qualified with P580 (start time) at the precision the date is known to, P582 (end time) for a
// tie that ended at a known date, and referenced with S854 (reference URL) where the tie's source has a URL.
// A tie with several source URLs gets one line per URL: QuickStatements adds each as a reference of the one
// statement. Doubtful ties and ties no longer listed are left out: they are not facts to assert.
import type { DB } from '../registry/db.js';
import type { QidEntry } from './wikidata-ids.js';

export const P_TWINNED = 'P190';
export const P_START = 'P580';
export const P_END = 'P582';
export const S_URL = 'S854';

/** Statuses whose ties are exported. */
export const QS_STATUSES = ['listed', 'ended', 'suspended'] as const;

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

/** A URL QuickStatements can carry as a string: http(s), no quotes, tabs or line breaks. */
export function qsUrl(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = s.trim();
  return /^https?:\/\/[^\s"|]+$/.test(t) ? t : null;
}

interface Tie {
  id: number;
  cn_place_id: string;
  foreign_place_id: string;
  start_date: string | null;
  start_precision: string;
  end_date: string | null;
  status: string;
}

export interface QsStats {
  ties: number;
  lines: number;
  withReference: number;
}

export function* quickStatements(db: DB, qids: Map<string, QidEntry>, stats?: QsStats, only: { ties?: Set<number> | null } = {}): Generator<string> {
  const refs = db
    .prepare(
      `SELECT DISTINCT CASE WHEN c.edit_id IS NULL THEN s.url ELSE c.reference END AS url
       FROM relationship_claims rc JOIN claims c ON c.id = rc.claim_id JOIN sources s ON s.id = c.source_id
       WHERE rc.relationship_id = ? AND rc.current = 1 ORDER BY 1`,
    )
    .pluck();
  const rows = db
    .prepare(
      `SELECT id, cn_place_id, foreign_place_id, start_date, start_precision, end_date, status FROM relationships
       WHERE status IN (${QS_STATUSES.map((s) => `'${s}'`).join(',')}) ORDER BY id`,
    )
    .iterate() as IterableIterator<Tie>;
  const seen = new Set<string>();
  for (const r of rows) {
    if (only.ties && !only.ties.has(r.id)) continue;
    const a = qids.get(r.cn_place_id)?.qid;
    const b = qids.get(r.foreign_place_id)?.qid;
    if (!a || !b || a === b) continue;
    let quals = '';
    const start = r.start_precision === 'none' ? null : qsTime(r.start_date);
    if (start) quals += `\t${P_START}\t${start}`;
    const end = r.status === 'ended' ? qsTime(r.end_date) : null;
    if (end) quals += `\t${P_END}\t${end}`;
    const urls = [...new Set((refs.all(r.id) as Array<string | null>).map(qsUrl).filter((u): u is string => !!u))];
    const tails = urls.length ? urls.map((u) => `${quals}\t${S_URL}\t"${u}"`) : [quals];
    let out = '';
    for (const [x, y] of [[a, b], [b, a]]) {
      for (const tail of tails) {
        const line = `${x}\t${P_TWINNED}\t${y}${tail}`;
        if (seen.has(line)) continue;
        seen.add(line);
        out += line + '\n';
        if (stats) stats.lines++;
      }
    }
    if (stats && out) {
      stats.ties++;
      if (urls.length) stats.withReference++;
    }
    if (out) yield out;
  }
}
