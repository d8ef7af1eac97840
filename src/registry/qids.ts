// The Wikidata ids matched from a snapshot in the registry (a `nodes-links` source: its nodes.tsv beside the
// links), kept in place_qid_matches and rebuilt after every reconciliation; and the match rate for `check` and
// the quality view. The matching itself is src/resolve/qid-match.ts, which reconciliation hands in.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DB } from './db.js';
import { CURRENT_SOURCES_SQL, TIE_CLAIMS_SQL } from './documents.js';
import { NODES_FILE, readNodes } from '../readers/network.js';

/** What a snapshot's nodes table says of a node, and what a place offers to be matched with; a match. */
export interface SnapshotNode {
  qid: string;
  label: string;
  lat: number;
  lon: number;
  /** ISO 3166-1 alpha-2 (the snapshot's `CN-TW` already read as TW). */
  country: string;
  line: number;
}

export interface MatchPlace {
  id: string;
  country: string | null;
  level: string;
  lat: number;
  lon: number;
  names: string[];
}

export interface QidMatch {
  placeId: string;
  qid: string;
  km: number;
  line: number;
  label: string;
  /** How it was made, for people: `name "Dalian" + country CN + 0.3 km (nodes.tsv line 85)`. */
  how: string;
}

/** The matching itself (src/resolve/qid-match.ts gives it): one to one, nodes to places. */
export type QidMatcher = (nodes: SnapshotNode[], places: MatchPlace[]) => QidMatch[];

const QID_RE = /^Q[1-9]\d*$/;

/** The snapshots (current versions of nodes-links sources) whose nodes table can be read. */
function snapshots(db: DB): Array<{ id: number; nodes: SnapshotNode[] }> {
  const rows = db
    .prepare(`SELECT id, path FROM sources WHERE format = 'nodes-links' AND id IN (${CURRENT_SOURCES_SQL}) ORDER BY id`)
    .all() as Array<{ id: number; path: string | null }>;
  const out: Array<{ id: number; nodes: SnapshotNode[] }> = [];
  for (const r of rows) {
    const file = r.path ? join(dirname(r.path), NODES_FILE) : null;
    if (!file || !existsSync(file)) continue;
    const nodes: SnapshotNode[] = [];
    for (const n of readNodes(readFileSync(file, 'utf8')).nodes.values()) {
      const country = n.code === 'CN-TW' ? 'TW' : n.code;
      if (!QID_RE.test(n.id) || !/^[A-Z]{2}$/.test(country) || !Number.isFinite(n.lat) || !Number.isFinite(n.lon)) continue;
      nodes.push({ qid: n.id, label: n.name, lat: n.lat, lon: n.lon, country, line: n.line });
    }
    out.push({ id: r.id, nodes });
  }
  return out;
}

/** The places that can be matched: resolved, with coordinates, with every name they are known by. */
function matchPlaces(db: DB): MatchPlace[] {
  const rows = db
    .prepare(
      `SELECT p.id, p.country_iso2 AS country, p.admin_level AS level, p.lat, p.lon, p.name_en, p.pinyin,
              (SELECT json_group_array(name) FROM place_names n WHERE n.place_id = p.id) AS names
       FROM places p WHERE p.resolved = 1 AND p.lat IS NOT NULL AND p.lon IS NOT NULL`,
    )
    .all() as Array<{ id: string; country: string | null; level: string; lat: number; lon: number; name_en: string | null; pinyin: string | null; names: string }>;
  return rows.map((r) => ({
    id: r.id,
    country: r.country,
    level: r.level,
    lat: r.lat,
    lon: r.lon,
    names: [r.name_en, r.pinyin, ...(JSON.parse(r.names) as string[])].filter((n): n is string => !!n),
  }));
}

/** Matches every snapshot's nodes to the registry's places again (inside the caller's transaction). */
export function refreshQidMatches(db: DB, matchQids: QidMatcher): number {
  db.prepare('DELETE FROM place_qid_matches').run();
  const snaps = snapshots(db);
  if (!snaps.length) return 0;
  const places = matchPlaces(db);
  const ins = db.prepare('INSERT OR IGNORE INTO place_qid_matches (place_id, qid, how, km, label, source_id, line) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let n = 0;
  for (const s of snaps) {
    for (const m of matchQids(s.nodes, places)) n += ins.run(m.placeId, m.qid, m.how, m.km, m.label, s.id, m.line).changes;
  }
  return n;
}

export interface StoredQidMatch extends Omit<QidMatch, 'placeId'> {
  place_id: string;
  source: string;
}

export function qidMatches(db: DB): StoredQidMatch[] {
  return db
    .prepare(
      `SELECT m.place_id, m.qid, m.how, m.km, m.label, m.line, s.file_name AS source
       FROM place_qid_matches m JOIN sources s ON s.id = m.source_id ORDER BY m.place_id`,
    )
    .all() as StoredQidMatch[];
}

/** A place's Wikidata id and where it comes from: a person's edit, else the snapshot's match. */
export function placeQid(db: DB, placeId: string): { qid: string; origin: 'edit' | 'snapshot'; how: string | null; source: string | null; line: number | null } | null {
  const edit = db
    .prepare(`SELECT qid FROM place_wikidata WHERE place_id = ? UNION ALL SELECT wikidata_id FROM places WHERE id = ? AND wikidata_id IS NOT NULL`)
    .pluck()
    .get(placeId, placeId) as string | undefined;
  if (edit) return { qid: edit, origin: 'edit', how: 'set by a person', source: null, line: null };
  const m = db
    .prepare(`SELECT m.qid, m.how, m.line, s.file_name AS source FROM place_qid_matches m JOIN sources s ON s.id = m.source_id WHERE m.place_id = ?`)
    .get(placeId) as { qid: string; how: string; line: number; source: string } | undefined;
  if (!m) return null;
  // A person gave this QID to another place: theirs wins, and no QID is ever on two places.
  const taken = db.prepare('SELECT 1 FROM place_wikidata WHERE qid = ? AND place_id <> ?').pluck().get(m.qid, placeId);
  return taken ? null : { qid: m.qid, origin: 'snapshot', how: m.how, source: 'nodes.tsv', line: m.line };
}

export interface QidRate {
  /** Registry places at an end of a snapshot's tie (its claims resolved to them). */
  held: number;
  /** Of those, places with coordinates that matching can compare (resolved places). */
  resolved: number;
  /** Of the held places, those with a QID from the snapshot or from an edit. */
  matched: number;
  /** Snapshot matches in all (a snapshot node is any place of the registry, not only those its ties name). */
  matches: number;
  /** Held places whose own claim's node QID differs from the QID matched to them. */
  disagreeing: number;
}

/** How many of the places the snapshots hold got a Wikidata id. */
export function qidRate(db: DB): QidRate | null {
  const hasSnapshot = db.prepare(`SELECT 1 FROM sources WHERE format = 'nodes-links' AND id IN (${CURRENT_SOURCES_SQL})`).pluck().get();
  if (!hasSnapshot) return null;
  const r = db
    .prepare(
      `WITH held AS (
         SELECT r.cn_place_id AS place_id, substr(c.note, 11, instr(substr(c.note, 11), ' ') - 1) AS node_qid
           FROM ${TIE_CLAIMS_SQL}
           JOIN relationships r ON r.id = rc.relationship_id
           WHERE s.format = 'nodes-links' AND rc.current = 1
         UNION
         SELECT r.foreign_place_id, json_extract(c.facts, '$.wikidata')
           FROM ${TIE_CLAIMS_SQL}
           JOIN relationships r ON r.id = rc.relationship_id
           WHERE s.format = 'nodes-links' AND rc.current = 1),
       places_held AS (SELECT DISTINCT place_id FROM held),
       qid AS (SELECT place_id, qid FROM place_wikidata UNION SELECT place_id, qid FROM place_qid_matches
               WHERE place_id NOT IN (SELECT place_id FROM place_wikidata))
       SELECT (SELECT COUNT(*) FROM places_held) AS held,
              (SELECT COUNT(*) FROM places_held h JOIN places p ON p.id = h.place_id WHERE p.resolved = 1 AND p.lat IS NOT NULL) AS resolved,
              (SELECT COUNT(*) FROM places_held h WHERE h.place_id IN (SELECT place_id FROM qid)) AS matched,
              (SELECT COUNT(*) FROM place_qid_matches) AS matches,
              (SELECT COUNT(DISTINCT h.place_id) FROM held h JOIN qid q ON q.place_id = h.place_id WHERE h.node_qid <> q.qid) AS disagreeing`,
    )
    .get() as QidRate;
  return r;
}

/** The QIDs people set (places.wikidata_id and place_wikidata), by place. */
export function editedQids(db: DB): Array<{ place_id: string; qid: string }> {
  return db
    .prepare(
      `SELECT id AS place_id, wikidata_id AS qid FROM places WHERE wikidata_id IS NOT NULL
       UNION SELECT place_id, qid FROM place_wikidata`,
    )
    .all() as Array<{ place_id: string; qid: string }>;
}

/** Resolved places a package of QIDs can name: countries and divisions by code, gazetteer places with coordinates. */
export function packageMatchable(db: DB): Array<{ id: string; name_en: string | null; country_iso2: string | null; lat: number | null; lon: number | null }> {
  return db
    .prepare(
      `SELECT id, name_en, country_iso2, lat, lon FROM places
       WHERE resolved = 1 AND (id LIKE 'iso:%' OR ((id LIKE 'gn:%' OR id LIKE 'cn:%') AND lat IS NOT NULL AND lon IS NOT NULL))`,
    )
    .all() as Array<{ id: string; name_en: string | null; country_iso2: string | null; lat: number | null; lon: number | null }>;
}
