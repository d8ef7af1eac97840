// What a QuickStatements batch is written from: the ties to assert, each tie's sources as references, and the
// pairs of Wikidata items the snapshot in the registry already ties (whose statements exist on Wikidata).
import type { DB } from './db.js';
import { CURRENT_SOURCES_SQL, TIE_CLAIMS_SQL } from './documents.js';

/** Statuses whose ties are asserted on Wikidata: doubtful ties and ties no longer listed are not facts. */
export const QS_STATUSES = ['listed', 'ended', 'suspended'] as const;

export interface QsTie {
  id: number;
  cn_place_id: string;
  foreign_place_id: string;
  start_date: string | null;
  start_precision: string;
  end_date: string | null;
  status: string;
  cn_name: string | null;
  foreign_name: string | null;
}

export interface QsSource {
  source_id: number;
  type: string;
  format: string;
  file_name: string;
  url: string | null;
  title: string | null;
  publisher: string | null;
  as_of: string | null;
  ingested_at: string;
  edit_id: number | null;
  reference: string | null;
  edit_at: string | null;
}

export function qsTies(db: DB): IterableIterator<QsTie> {
  return db
    .prepare(
      `SELECT r.id, r.cn_place_id, r.foreign_place_id, r.start_date, r.start_precision, r.end_date, r.status,
              COALESCE(cp.name_zh_hans, cp.name_en) AS cn_name, COALESCE(fp.name_zh_hans, fp.name_en) AS foreign_name
       FROM relationships r JOIN places cp ON cp.id = r.cn_place_id JOIN places fp ON fp.id = r.foreign_place_id
       WHERE r.status IN (${QS_STATUSES.map((s) => `'${s}'`).join(',')}) ORDER BY r.id`,
    )
    .iterate() as IterableIterator<QsTie>;
}

/** A function giving the sources that currently list a tie, one row per source (or per edit). */
export function qsSourcesOf(db: DB): (relationshipId: number) => QsSource[] {
  const st = db.prepare(
    `SELECT DISTINCT s.id AS source_id, s.type, s.format, s.file_name, s.url, s.title, s.publisher, s.as_of, s.ingested_at,
            c.edit_id, CASE WHEN c.edit_id IS NULL THEN NULL ELSE c.reference END AS reference, e.at AS edit_at
     FROM ${TIE_CLAIMS_SQL}
     LEFT JOIN edits e ON e.id = c.edit_id
     WHERE rc.relationship_id = ? AND rc.current = 1 ORDER BY s.id, c.edit_id`,
  );
  return (id) => st.all(id) as QsSource[];
}

/** The notes of the snapshot's claims (`Wikidata: Q1 (…) – Q2 (…)`), which name the two items of each of its ties. */
export function snapshotTieNotes(db: DB): string[] {
  return db
    .prepare(
      `SELECT c.note FROM claims c JOIN sources s ON s.id = c.source_id
       WHERE s.format = 'nodes-links' AND s.id IN (${CURRENT_SOURCES_SQL}) AND c.note LIKE 'Wikidata: Q%'`,
    )
    .pluck()
    .all() as string[];
}
