// What changed between two versions of one document: the ties it added, removed and re-dated (and those whose
// kind changed). Rows are matched by the places they resolve to (claims.cn_place_id / foreign_place_id), so a
// row that moved, was renumbered or spells a place another way is the same tie; a side that did not resolve
// is matched by its folded name and country instead. Each change carries the row of both versions (line,
// names as written, date as written and normalized), so a person can look both up.
import type { DB } from './db.js';
import { fold } from '../normalize/script.js';

export class DiffError extends Error {}

export interface VersionInfo {
  id: number;
  version: number;
  file_name: string;
  as_of: string | null;
  ingested_at: string;
  rows: number;
}

export interface DiffRow {
  line: number;
  section: string | null;
  cn_place: string | null;
  foreign_place: string | null;
  country: string | null;
  date: string | null;
  date_as_written: string | null;
  date_precision: string;
  kind: string;
  status: string;
}

export type ChangeKind = 'added' | 'removed' | 'redated' | 'rekinded';

export interface TieChange {
  change: ChangeKind;
  /** The places of the tie (null for a side that did not resolve: see cn_name / foreign_name). */
  cn_place_id: string | null;
  foreign_place_id: string | null;
  cn_name: string | null;
  foreign_name: string | null;
  country_iso2: string | null;
  /** The row in the older version (null when added). */
  from: DiffRow | null;
  /** The row in the newer version (null when removed). */
  to: DiffRow | null;
}

export interface SourceDiff {
  source_key: string;
  from: VersionInfo;
  to: VersionInfo;
  added: TieChange[];
  removed: TieChange[];
  redated: TieChange[];
  /** Ties whose kind changed (sister ↔ cooperation), whatever their dates did. */
  rekinded: TieChange[];
  /** Ties in both versions with the same date and kind. */
  unchanged: number;
}

interface Row extends DiffRow {
  cn_place_id: string | null;
  foreign_place_id: string | null;
  cn_place_zh_hans: string | null;
  foreign_place_zh_hans: string | null;
  foreign_place_en: string | null;
  country_iso2: string | null;
}

const PRECISION: Record<string, number> = { none: 0, year: 1, month: 2, day: 3 };

/** The source key a name stands for: a source key, or the file name of one of its versions. */
export function findSourceKey(db: DB, name: string): string {
  const byKey = db.prepare('SELECT 1 FROM sources WHERE source_key = ? LIMIT 1').get(name);
  if (byKey) return name;
  const keys = db.prepare('SELECT DISTINCT source_key FROM sources WHERE file_name = ? ORDER BY source_key').pluck().all(name) as string[];
  if (keys.length === 1) return keys[0]!;
  if (keys.length > 1) throw new DiffError(`"${name}" is the file name of several sources (${keys.join(', ')}): name one by its key`);
  throw new DiffError(`no document called "${name}" in the registry (see youcheng sources)`);
}

function versionOf(db: DB, key: string, version: number): VersionInfo {
  const v = db
    .prepare(
      `SELECT s.id, s.version, s.file_name, s.as_of, s.ingested_at, (SELECT COUNT(*) FROM claims c WHERE c.source_id = s.id) AS rows
       FROM sources s WHERE s.source_key = ? AND s.version = ?`,
    )
    .get(key, version) as VersionInfo | undefined;
  if (!v) {
    const have = db.prepare('SELECT version FROM sources WHERE source_key = ? ORDER BY version').pluck().all(key) as number[];
    throw new DiffError(`${key} has no version ${version} (it has ${have.map((x) => `v${x}`).join(', ')})`);
  }
  return v;
}

function sideKey(id: string | null, name: string | null, country: string | null): string {
  return id ?? `?${fold(name ?? '')}|${country ?? ''}`;
}

function tieKey(r: Row): string {
  const cn = sideKey(r.cn_place_id, r.cn_place_zh_hans ?? r.cn_place, 'CN');
  const f = sideKey(r.foreign_place_id, r.foreign_place_zh_hans ?? r.foreign_place ?? r.foreign_place_en, r.country_iso2 ?? (r.country ? fold(r.country) : null));
  return `${cn}\u0000${f}`;
}

/** The rows of one version grouped by tie; of several rows for one tie, the listed one with the most precise date stands for it. */
function tiesOf(db: DB, sourceId: number): Map<string, Row> {
  const rows = db
    .prepare(
      `SELECT line, section, cn_place, cn_place_zh_hans, foreign_place, foreign_place_zh_hans, foreign_place_en, country,
              country_iso2, date, date_text AS date_as_written, date_precision, kind, status, cn_place_id, foreign_place_id
       FROM claims WHERE source_id = ? ORDER BY line, id`,
    )
    .all(sourceId) as Row[];
  const out = new Map<string, Row>();
  for (const r of rows) {
    if (!(r.cn_place ?? r.cn_place_zh_hans) && !r.cn_place_id) continue; // a row with no Chinese side is no tie
    if (!(r.foreign_place ?? r.foreign_place_en) && !r.foreign_place_id) continue;
    const k = tieKey(r);
    const cur = out.get(k);
    const better =
      !cur ||
      (r.status === 'listed' && cur.status !== 'listed') ||
      (r.status === cur.status && PRECISION[r.date_precision]! > PRECISION[cur.date_precision]!);
    if (better) out.set(k, r);
  }
  return out;
}

const asRow = (r: Row): DiffRow => ({
  line: r.line,
  section: r.section,
  cn_place: r.cn_place,
  foreign_place: r.foreign_place ?? r.foreign_place_en,
  country: r.country,
  date: r.date,
  date_as_written: r.date_as_written,
  date_precision: r.date_precision,
  kind: r.kind,
  status: r.status,
});

/**
 * Compares two versions of one source. `source` is a source key or a file name; `from` and `to` are version
 * numbers (default: the latest version and the one before it).
 */
export function diffSource(db: DB, source: string, opts: { from?: number; to?: number } = {}): SourceDiff {
  const key = findSourceKey(db, source);
  const latest = db.prepare('SELECT MAX(version) FROM sources WHERE source_key = ?').pluck().get(key) as number;
  const toV = opts.to ?? latest;
  const fromV = opts.from ?? toV - 1;
  if (fromV < 1) throw new DiffError(`${key} has only version ${toV}: there is nothing to compare it with`);
  if (fromV === toV) throw new DiffError(`--from and --to are both version ${toV}`);
  const from = versionOf(db, key, fromV);
  const to = versionOf(db, key, toV);
  const a = tiesOf(db, from.id);
  const b = tiesOf(db, to.id);

  const names = db.prepare('SELECT COALESCE(name_zh_hans, name_en) FROM places WHERE id = ?').pluck();
  const change = (kind: ChangeKind, x: Row | undefined, y: Row | undefined): TieChange => {
    const r = (y ?? x)!;
    return {
      change: kind,
      cn_place_id: r.cn_place_id,
      foreign_place_id: r.foreign_place_id,
      cn_name: (r.cn_place_id ? (names.get(r.cn_place_id) as string | undefined) : undefined) ?? r.cn_place_zh_hans ?? r.cn_place,
      foreign_name:
        (r.foreign_place_id ? (names.get(r.foreign_place_id) as string | undefined) : undefined) ??
        r.foreign_place_zh_hans ??
        r.foreign_place ??
        r.foreign_place_en,
      country_iso2: r.country_iso2,
      from: x ? asRow(x) : null,
      to: y ? asRow(y) : null,
    };
  };

  const diff: SourceDiff = { source_key: key, from, to, added: [], removed: [], redated: [], rekinded: [], unchanged: 0 };
  for (const [k, x] of a) {
    const y = b.get(k);
    if (!y) {
      diff.removed.push(change('removed', x, undefined));
      continue;
    }
    const redated = (x.date ?? null) !== (y.date ?? null);
    const rekinded = x.kind !== y.kind;
    if (redated) diff.redated.push(change('redated', x, y));
    if (rekinded) diff.rekinded.push(change('rekinded', x, y));
    if (!redated && !rekinded) diff.unchanged++;
  }
  for (const [k, y] of b) if (!a.has(k)) diff.added.push(change('added', undefined, y));
  const byLine = (l: TieChange, r: TieChange) => ((l.to ?? l.from)!.line - (r.to ?? r.from)!.line);
  diff.added.sort(byLine);
  diff.removed.sort((l, r) => l.from!.line - r.from!.line);
  diff.redated.sort(byLine);
  diff.rekinded.sort(byLine);
  return diff;
}
