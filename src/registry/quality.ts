// The data-quality report: what the documents declare against what they hold, and what reconciliation
// could not settle. The CLI's `check`, the API's /api/quality and the web page all show this one report.
import { qidRate, type QidRate } from './qids.js';
import type { DB } from './db.js';
import { currentSources, totalsOf, messagesOf, type SourceRow } from './documents.js';
import { parseReason, type ReasonCode, type ReasonParams } from './reasons.js';

export interface TotalCheck {
  source: string;
  section: string | null;
  line: number;
  text: string;
  declared: { countries: number | null; places: number | null };
  /** Counted from the document's own rows (listed rows; countries as normalized, else as written). */
  rows: { countries: number; places: number };
  /** Counted from the registry after reconciliation (distinct resolved places and their countries). */
  registry: { countries: number; places: number };
  ok: boolean;
}

export interface DocumentCheck {
  source: string;
  version: number;
  format: string;
  owner: string | null;
  rows: number;
  listed: number;
  doubtful: number;
  skipped: number;
  errors: number;
  warnings: number;
  totals: TotalCheck[];
  doubtfulRows: Array<{ line: number; section: string | null; place: string | null; note: string | null }>;
  /** `line` null: about the whole document */
  messages: Array<{ line: number | null; severity: string; reason: string }>;
}

export interface UnresolvedItem {
  source: string;
  line: number;
  side: 'cn' | 'foreign';
  name: string | null;
  country: string | null;
  /** why, in English */
  reason: string;
  /** the same as a stable code (src/registry/reasons.ts), null for a reason no code describes: show `reason` */
  reason_code: ReasonCode | null;
  /** what the reason names: name, country (ISO 3166-1 alpha-2), count, level, parent, rest */
  reason_params: ReasonParams | null;
  candidates: Array<{ id: string; name: string; country: string | null; level: string; why: string; admin1?: string | null; admin1_id?: string | null; population?: number | null }>;
}

export interface QualityReport {
  documents: DocumentCheck[];
  reconciliation: {
    places: number;
    resolvedPlaces: number;
    foreignSidesResolved: number;
    foreignSides: number;
    cnSidesResolved: number;
    cnSides: number;
    unresolved: UnresolvedItem[];
    conflicts: Array<{ relationship_id: number; cn: string; foreign: string; field: string; values: unknown }>;
    ambiguousNames: Array<{ name: string; places: Array<{ id: string; name: string; country: string | null }> }>;
    doubtfulOnly: Array<{ relationship_id: number; cn: string; foreign: string; source: string; line: number; note: string | null }>;
    rowsWithoutPlace: Array<{ source: string; line: number; country: string | null }>;
  };
  /** Wikidata ids matched from a snapshot in the registry: how many of its places got one (null: no snapshot). */
  wikidata: QidRate | null;
}

export function qualityReport(db: DB): QualityReport {
  return {
    documents: currentSources(db).map((s) => documentCheck(db, s)),
    reconciliation: reconciliationCheck(db),
    wikidata: qidRate(db),
  };
}

export function documentCheck(db: DB, s: SourceRow): DocumentCheck {
  const msgs = messagesOf(db, s.id);
  const listedCount = db
    .prepare("SELECT COUNT(*) FROM claims WHERE source_id = ? AND status = 'listed'")
    .pluck()
    .get(s.id) as number;
  const totals = totalsOf(db, s.id).map((t) => {
    const scope = t.section == null ? '' : ' AND section = @section';
    const rows = db
      .prepare(
        `SELECT COUNT(DISTINCT COALESCE(country_iso2, country)) AS countries, COUNT(*) AS places
         FROM claims WHERE source_id = @id AND status = 'listed'${scope}`,
      )
      .get({ id: s.id, section: t.section }) as { countries: number; places: number };
    const registry = db
      .prepare(
        `SELECT COUNT(DISTINCT p.country_iso2) AS countries, COUNT(DISTINCT c.foreign_place_id) AS places
         FROM claims c JOIN places p ON p.id = c.foreign_place_id
         WHERE c.source_id = @id AND c.status = 'listed'${scope}`,
      )
      .get({ id: s.id, section: t.section }) as { countries: number; places: number };
    const ok =
      (t.countries == null || (t.countries === rows.countries)) && (t.places == null || t.places === rows.places);
    return {
      source: s.file_name,
      section: t.section,
      line: t.line,
      text: t.text,
      declared: { countries: t.countries, places: t.places },
      rows,
      registry,
      ok,
    };
  });
  const doubtfulRows = db
    .prepare(
      "SELECT line, section, COALESCE(foreign_place, foreign_place_en) AS place, note FROM claims WHERE source_id = ? AND status = 'doubtful' ORDER BY line",
    )
    .all(s.id) as DocumentCheck['doubtfulRows'];
  return {
    source: s.file_name,
    version: s.version,
    format: s.format,
    owner: s.owner,
    rows: s.rows_read,
    listed: listedCount,
    doubtful: s.rows_doubtful,
    skipped: s.rows_skipped,
    errors: msgs.filter((m) => m.severity === 'error').length,
    warnings: msgs.filter((m) => m.severity === 'warning').length,
    totals,
    doubtfulRows,
    // line 0 is how a message about the whole document is stored: it has no line to show
    messages: msgs.map((m) => ({ line: m.line > 0 ? m.line : null, severity: m.severity, reason: m.reason })),
  };
}

function reconciliationCheck(db: DB): QualityReport['reconciliation'] {
  const one = (sql: string) => db.prepare(sql).pluck().get() as number;
  const current = `source_id IN (SELECT id FROM sources s WHERE version = (SELECT MAX(version) FROM sources WHERE source_key = s.source_key))`;
  const unresolved = (
    db
      .prepare(
        `SELECT s.file_name AS source, c.line, u.side, u.name, u.country_iso2 AS country, u.reason, u.candidates
         FROM unresolved u JOIN claims c ON c.id = u.claim_id JOIN sources s ON s.id = c.source_id
         ORDER BY s.file_name, c.line, u.side`,
      )
      .all() as Array<Omit<UnresolvedItem, 'candidates' | 'reason_code' | 'reason_params'> & { candidates: string }>
  ).map(({ candidates, ...u }) => {
    // The registry stores the English sentence; its code and parameters are read back from it.
    const why = parseReason(u.reason);
    return { ...u, reason_code: why?.code ?? null, reason_params: why?.params ?? null, candidates: JSON.parse(candidates) };
  });
  const conflicts = (
    db
      .prepare(
        `SELECT k.relationship_id, COALESCE(cp.name_zh_hans, cp.name_en) AS cn, COALESCE(fp.name_zh_hans, fp.name_en) AS "foreign",
                k.field, k.detail
         FROM conflicts k JOIN relationships r ON r.id = k.relationship_id
         JOIN places cp ON cp.id = r.cn_place_id JOIN places fp ON fp.id = r.foreign_place_id ORDER BY k.id`,
      )
      .all() as Array<{ relationship_id: number; cn: string; foreign: string; field: string; detail: string }>
  ).map((c) => ({ relationship_id: c.relationship_id, cn: c.cn, foreign: c.foreign, field: c.field, values: JSON.parse(c.detail) }));
  // A name written the same way that reconciliation sent to different places (奥克兰 → Auckland and Oakland).
  const ambiguousRows = db
    .prepare(
      `SELECT n.folded, n.name, p.id, COALESCE(p.name_en, p.name_zh_hans) AS pname, p.country_iso2 AS country
       FROM place_names n JOIN places p ON p.id = n.place_id
       WHERE n.origin = 'document' AND n.folded IN (
         SELECT folded FROM place_names WHERE origin = 'document' GROUP BY folded HAVING COUNT(DISTINCT place_id) > 1)
       ORDER BY n.folded, p.id`,
    )
    .all() as Array<{ folded: string; name: string; id: string; pname: string; country: string | null }>;
  const amb = new Map<string, { name: string; places: Array<{ id: string; name: string; country: string | null }> }>();
  for (const r of ambiguousRows) {
    const e = amb.get(r.folded) ?? { name: r.name, places: [] };
    if (!e.places.some((p) => p.id === r.id)) e.places.push({ id: r.id, name: r.pname, country: r.country });
    amb.set(r.folded, e);
  }
  const doubtfulOnly = db
    .prepare(
      `SELECT r.id AS relationship_id, COALESCE(cp.name_zh_hans, cp.name_en) AS cn, COALESCE(fp.name_zh_hans, fp.name_en) AS "foreign",
              s.file_name AS source, c.line, c.note
       FROM relationships r JOIN places cp ON cp.id = r.cn_place_id JOIN places fp ON fp.id = r.foreign_place_id
       JOIN relationship_claims rc ON rc.relationship_id = r.id JOIN claims c ON c.id = rc.claim_id
       JOIN sources s ON s.id = c.source_id
       WHERE r.status = 'doubtful' ORDER BY s.file_name, c.line`,
    )
    .all() as QualityReport['reconciliation']['doubtfulOnly'];
  const rowsWithoutPlace = db
    .prepare(
      `SELECT s.file_name AS source, c.line, COALESCE(c.country_iso2, c.country) AS country FROM claims c JOIN sources s ON s.id = c.source_id
       WHERE c.foreign_place IS NULL AND c.foreign_place_en IS NULL AND c.${current} ORDER BY s.file_name, c.line`,
    )
    .all() as QualityReport['reconciliation']['rowsWithoutPlace'];
  return {
    places: one('SELECT COUNT(*) FROM places'),
    resolvedPlaces: one('SELECT COUNT(*) FROM places WHERE resolved = 1'),
    foreignSides: one(`SELECT COUNT(*) FROM claims WHERE (foreign_place IS NOT NULL OR foreign_place_en IS NOT NULL) AND ${current}`),
    foreignSidesResolved: one(`SELECT COUNT(*) FROM claims WHERE foreign_place_id IS NOT NULL AND ${current}`),
    cnSides: one(`SELECT COUNT(*) FROM claims WHERE cn_place_zh_hans IS NOT NULL AND ${current}`),
    cnSidesResolved: one(`SELECT COUNT(*) FROM claims WHERE cn_place_id IS NOT NULL AND ${current}`),
    unresolved,
    conflicts,
    ambiguousNames: [...amb.values()],
    doubtfulOnly,
    rowsWithoutPlace,
  };
}
