// One document measured against the rest of the registry: how many of its places resolve, and how many
// of its ties the other documents also report (same two places). Used to compare a peer's list with ours.
import type { DB } from './db.js';

export interface Comparison {
  source: string;
  rows: number;
  cnResolved: number;
  foreignResolved: number;
  distinctNames: number;
  distinctNamesResolved: number;
  pairs: number;
  matched: number;
  matchedBySource: Array<{ source: string; pairs: number }>;
  /** Ties the other documents report for the Chinese places this document covers, which it lacks. */
  missingFromSource: number;
  examples: Array<{ cn: string; foreign: string; also_in: string }>;
}

export class UnknownSourceError extends Error {}

export function compareSource(db: DB, name: string): Comparison {
  const src = db
    .prepare(
      `SELECT id, file_name FROM sources WHERE (file_name = @n OR source_key = @n)
       ORDER BY version DESC LIMIT 1`,
    )
    .get({ n: name }) as { id: number; file_name: string } | undefined;
  if (!src) throw new UnknownSourceError(`no document called "${name}" in the registry (see youcheng sources)`);
  const one = (sql: string) => db.prepare(sql).pluck().get({ id: src.id }) as number;
  const rows = one('SELECT COUNT(*) FROM claims WHERE source_id = @id');
  const names = db
    .prepare(
      `SELECT side, name, MAX(resolved) AS resolved FROM (
         SELECT 'cn' AS side, cn_place AS name, cn_place_id IS NOT NULL AS resolved FROM claims WHERE source_id = @id AND cn_place IS NOT NULL
         UNION ALL
         SELECT 'f', COALESCE(foreign_place, foreign_place_en) || '|' || COALESCE(country, ''), foreign_place_id IS NOT NULL FROM claims WHERE source_id = @id)
       GROUP BY side, name`,
    )
    .all({ id: src.id }) as Array<{ resolved: number }>;
  const pairSql = `SELECT DISTINCT cn_place_id, foreign_place_id FROM claims
                   WHERE source_id = @id AND cn_place_id IS NOT NULL AND foreign_place_id IS NOT NULL`;
  const pairs = one(`SELECT COUNT(*) FROM (${pairSql})`);
  const matchedRows = db
    .prepare(
      `SELECT p.cn_place_id, p.foreign_place_id, s.file_name AS other,
              COALESCE(cp.name_zh_hans, cp.name_en) AS cn, COALESCE(fp.name_zh_hans, fp.name_en) AS "foreign"
       FROM (${pairSql}) p
       JOIN claims o ON o.cn_place_id = p.cn_place_id AND o.foreign_place_id = p.foreign_place_id AND o.source_id <> @id
       JOIN sources s ON s.id = o.source_id
       JOIN places cp ON cp.id = p.cn_place_id JOIN places fp ON fp.id = p.foreign_place_id`,
    )
    .all({ id: src.id }) as Array<{ cn_place_id: string; foreign_place_id: string; other: string; cn: string; foreign: string }>;
  const matchedPairs = new Set(matchedRows.map((r) => `${r.cn_place_id}|${r.foreign_place_id}`));
  const bySource = new Map<string, Set<string>>();
  for (const r of matchedRows) {
    const s = bySource.get(r.other) ?? new Set();
    s.add(`${r.cn_place_id}|${r.foreign_place_id}`);
    bySource.set(r.other, s);
  }
  const missing = one(
    `SELECT COUNT(*) FROM (SELECT DISTINCT o.cn_place_id, o.foreign_place_id FROM claims o
       WHERE o.source_id <> @id AND o.cn_place_id IN (SELECT cn_place_id FROM claims WHERE source_id = @id)
         AND o.foreign_place_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.source_id = @id AND c.cn_place_id = o.cn_place_id AND c.foreign_place_id = o.foreign_place_id))`,
  );
  const seen = new Set<string>();
  const examples: Comparison['examples'] = [];
  for (const r of matchedRows) {
    const k = `${r.cn_place_id}|${r.foreign_place_id}`;
    if (seen.has(k) || examples.length >= 10) continue;
    seen.add(k);
    examples.push({ cn: r.cn, foreign: r.foreign, also_in: r.other });
  }
  return {
    source: src.file_name,
    rows,
    cnResolved: one('SELECT COUNT(*) FROM claims WHERE source_id = @id AND cn_place_id IS NOT NULL'),
    foreignResolved: one('SELECT COUNT(*) FROM claims WHERE source_id = @id AND foreign_place_id IS NOT NULL'),
    distinctNames: names.length,
    distinctNamesResolved: names.filter((n) => n.resolved).length,
    pairs,
    matched: matchedPairs.size,
    matchedBySource: [...bySource].map(([source, s]) => ({ source, pairs: s.size })).sort((a, b) => b.pairs - a.pairs),
    missingFromSource: missing,
    examples,
  };
}
