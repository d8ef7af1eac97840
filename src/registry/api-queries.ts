// Read-side questions of the HTTP API. All SQL the server needs lives here (or in queries.ts, quality.ts,
// documents.ts, which it reuses). Statements are prepared once per connection: the API answers the same
// few questions many times a second, and preparing is a good part of the cost of a small query.
import { placeQid } from './qids.js';
import { cachedStatement, type DB } from './db.js';
import { counts, getPlace, placeNames, stats, type PlaceRow, type SourceRef, type StatsDimension } from './queries.js';
import { CURRENT_SOURCES_SQL, TIE_CLAIMS_SQL, listSources, type SourceRow } from './documents.js';
import { documentCheck, type DocumentCheck } from './quality.js';
import { continentOf, countryNames, type Continent } from '../normalize/country.js';
import { fold, pinyinOf } from '../normalize/script.js';

const stmt = cachedStatement;

// ---------------------------------------------------------------------------------------------------------
// Fingerprint: changes whenever the registry's content does (ingest, reconcile), so it can key ETags and
// caches. `PRAGMA data_version` tells cheaply whether another connection committed since the last look;
// only then is the content summed again. (A connection does not see its own commits there: the server reads
// through a read-only connection of its own, and ingests happen in other processes or connections.)

const fingerprints = new WeakMap<DB, { dataVersion: number; value: string }>();

export function registryFingerprint(db: DB): string {
  const dv = stmt(db, 'PRAGMA data_version').pluck().get() as number;
  const known = fingerprints.get(db);
  if (known && known.dataVersion === dv) return known.value;
  const value = computeFingerprint(db);
  fingerprints.set(db, { dataVersion: dv, value });
  return value;
}

/**
 * What tells whether a commit happened since the last look, in one tiny statement: `data_version` moves when
 * another connection commits, `total_changes()` when this one does. Returns the reader of the pair.
 */
export function commitCounters(db: DB): () => [number, number] {
  const st = db.prepare<[], [number, number]>('SELECT data_version, total_changes() FROM pragma_data_version()').raw();
  return () => st.get()!;
}

function computeFingerprint(db: DB): string {
  const head = db
    .prepare(
      `SELECT (SELECT COALESCE(MAX(id), 0) FROM sources) AS s, (SELECT COUNT(*) FROM claims) AS c,
              (SELECT COUNT(*) FROM places) AS p, (SELECT COUNT(*) FROM relationships) AS r,
              (SELECT COUNT(*) FROM conflicts) AS k, (SELECT COUNT(*) FROM unresolved) AS u`,
    )
    .get() as Record<string, number>;
  // FNV-1a over what reconciliation may change without adding a source (a re-run after an alias edit).
  let h = 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  };
  for (const row of db
    .prepare(
      `SELECT id || cn_place_id || foreign_place_id || kind || COALESCE(start_date, '') || COALESCE(end_date, '') || status
       FROM relationships ORDER BY id`,
    )
    .pluck()
    .iterate() as IterableIterator<string>)
    mix(row);
  for (const row of db
    .prepare(`SELECT id || COALESCE(name_zh_hans, '') || COALESCE(name_en, '') || COALESCE(lat, '') || COALESCE(lon, '') FROM places ORDER BY id`)
    .pluck()
    .iterate() as IterableIterator<string>)
    mix(row);
  return `${head.s}.${head.c}.${head.p}.${head.r}.${head.k}.${head.u}.${(h >>> 0).toString(36)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Search

export interface SearchResult {
  id: string;
  name_zh_hans: string | null;
  name_zh_hant: string | null;
  name_en: string | null;
  pinyin: string | null;
  country_iso2: string | null;
  admin_level: string;
  is_chinese: boolean;
  resolved: boolean;
  partners: number;
  matched: string;
}

/**
 * Places by any name, script or pinyin, ranked as searchPlaces (queries.ts) ranks them: exact name, exact
 * pinyin, name prefix, pinyin prefix, substring (so two-character Chinese names work); then more partners,
 * shorter matched name, id. Where a place has several names at its best rank, the shortest is the one
 * matched (SQL's MIN() takes any of them), so places equal in rank and partners may come in another order.
 * The rules run over an in-memory copy of place_names, rebuilt whenever the registry's fingerprint changes:
 * the LIKE '%q%' scan costs milliseconds a query in SQLite, too much for an API asked at every keystroke.
 * test/server.test.ts checks that both find the same places with the same ranks and partner counts.
 */
export function apiSearch(db: DB, query: string, limit: number): SearchResult[] {
  const q = fold(query);
  if (!q) return [];
  const py = /\p{Script=Han}/u.test(q) ? null : pinyinOf(q).replace(/\s+/g, '');
  const ql = asciiLower(q);
  const pyl = py ? asciiLower(py) : null;
  const ix = nameIndex(db);
  const best = new Map<number, { rank: number; name: string }>();
  for (let i = 0; i < ix.folded.length; i++) {
    const f = ix.folded[i];
    const p = ix.pinyin[i];
    let rank: number;
    if (f === q) rank = 0;
    else if (py !== null && p === py) rank = 1;
    else if (ix.foldedLower[i].startsWith(ql)) rank = 2;
    else if (pyl !== null && p !== null && ix.pinyinLower[i]!.startsWith(pyl)) rank = 3;
    else if (ix.foldedLower[i].includes(ql)) rank = 4;
    else continue;
    const place = ix.place[i];
    const seen = best.get(place);
    const name = ix.name[i];
    // the shortest name at the best rank (SQL's MIN() would take any of them; ORDER BY length(matched) means this)
    if (!seen || rank < seen.rank || (rank === seen.rank && charLength(name) < charLength(seen.name))) best.set(place, { rank, name });
  }
  const hits = [...best].map(([place, h]) => ({ place, ...h, partners: ix.partners[place], len: charLength(h.name) }));
  hits.sort(
    (a, b) =>
      a.rank - b.rank ||
      b.partners - a.partners ||
      a.len - b.len ||
      (ix.placeIds[a.place] < ix.placeIds[b.place] ? -1 : ix.placeIds[a.place] > ix.placeIds[b.place] ? 1 : 0),
  );
  const top = hits.slice(0, Math.max(0, limit));
  if (!top.length) return [];
  const rows = new Map(
    (
      stmt(db, 'SELECT * FROM places WHERE id IN (SELECT value FROM json_each(?))').all(
        JSON.stringify(top.map((h) => ix.placeIds[h.place])),
      ) as PlaceRow[]
    ).map((r) => [r.id, r]),
  );
  return top.flatMap((h) => {
    const m = rows.get(ix.placeIds[h.place]);
    if (!m) return [];
    return [
      {
        id: m.id,
        name_zh_hans: m.name_zh_hans,
        name_zh_hant: m.name_zh_hant,
        name_en: m.name_en,
        pinyin: m.pinyin,
        country_iso2: m.country_iso2,
        admin_level: m.admin_level,
        is_chinese: m.is_chinese === 1,
        resolved: m.resolved === 1,
        partners: h.partners,
        matched: h.name,
      },
    ];
  });
}

/** LIKE folds ASCII case only. */
const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
/** SQLite's length(): characters, not UTF-16 units. */
const charLength = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
};

interface NameIndex {
  fingerprint: string;
  placeIds: string[];
  partners: number[];
  place: number[];
  name: string[];
  folded: string[];
  foldedLower: string[];
  pinyin: Array<string | null>;
  pinyinLower: Array<string | null>;
}

const nameIndexes = new WeakMap<DB, NameIndex>();

/** Builds the search index ahead of the first query (a server calls it at start). */
export function prepareSearch(db: DB): void {
  nameIndex(db);
}

function nameIndex(db: DB): NameIndex {
  const fp = registryFingerprint(db);
  const known = nameIndexes.get(db);
  if (known && known.fingerprint === fp) return known;
  const ix: NameIndex = { fingerprint: fp, placeIds: [], partners: [], place: [], name: [], folded: [], foldedLower: [], pinyin: [], pinyinLower: [] };
  const slot = new Map<string, number>();
  for (const [id, partners] of db
    .prepare(
      `SELECT p.id, (SELECT COUNT(*) FROM relationships r WHERE r.cn_place_id = p.id OR r.foreign_place_id = p.id) FROM places p`,
    )
    .raw()
    .iterate() as IterableIterator<[string, number]>) {
    slot.set(id, ix.placeIds.length);
    ix.placeIds.push(id);
    ix.partners.push(partners);
  }
  for (const [placeId, name, folded, pinyin] of db
    .prepare('SELECT place_id, name, folded, pinyin FROM place_names ORDER BY rowid')
    .raw()
    .iterate() as IterableIterator<[string, string, string, string | null]>) {
    const s = slot.get(placeId);
    if (s === undefined) continue; // a name of no place: searchPlaces joins places, so it never shows
    ix.place.push(s);
    ix.name.push(name);
    ix.folded.push(folded);
    ix.foldedLower.push(asciiLower(folded));
    ix.pinyin.push(pinyin);
    ix.pinyinLower.push(pinyin === null ? null : asciiLower(pinyin));
  }
  nameIndexes.set(db, ix);
  return ix;
}

// ---------------------------------------------------------------------------------------------------------
// One place

export interface ApiPlace extends Omit<PlaceRow, 'is_chinese' | 'resolved'> {
  is_chinese: boolean;
  resolved: boolean;
  names: string[];
  parent: { id: string; name_zh_hans: string | null; name_en: string | null } | null;
  facts: Array<{ key: string; value: string; as_of: string | null; source: string; line: number | null }>;
  /** Its Wikidata item: set by a person, or matched from a snapshot (with how and the node's line). */
  wikidata: ReturnType<typeof placeQid>;
}

export interface PlaceDetail {
  place: ApiPlace;
  counts: { partners: number; listed: number; doubtful: number };
}

export function apiPlace(db: DB, id: string): PlaceDetail | null {
  const row = getPlace(db, id);
  if (!row) return null;
  const names = placeNames(db, id);
  const parent = row.parent_id
    ? ((stmt(db, 'SELECT id, name_zh_hans, name_en FROM places WHERE id = ?').get(row.parent_id) as ApiPlace['parent'] | undefined) ?? {
        id: row.parent_id,
        name_zh_hans: null,
        name_en: null,
      })
    : null;
  const facts = stmt(
    db,
    `SELECT f.key, f.value, f.as_of, s.file_name AS source, f.line FROM place_facts f JOIN sources s ON s.id = f.source_id
     WHERE f.place_id = ? ORDER BY s.file_name, f.line, f.rowid`,
  ).all(id) as ApiPlace['facts'];
  const c = stmt(
    db,
    `SELECT COUNT(*) AS partners, COALESCE(SUM(status = 'listed'), 0) AS listed, COALESCE(SUM(status = 'doubtful'), 0) AS doubtful
     FROM relationships WHERE cn_place_id = @id OR foreign_place_id = @id`,
  ).get({ id }) as PlaceDetail['counts'];
  return {
    place: { ...row, is_chinese: row.is_chinese === 1, resolved: row.resolved === 1, names, parent, facts, wikidata: placeQid(db, id) },
    counts: c,
  };
}

export function placeExists(db: DB, id: string): boolean {
  return stmt(db, 'SELECT 1 FROM places WHERE id = ?').pluck().get(id) !== undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The partners of a place (as partnersOf in queries.ts, in three statements instead of three per tie)

export interface ApiPartner {
  relationship_id: number;
  kind: string;
  start_date: string | null;
  start_precision: string;
  end_date: string | null;
  /** Why the tie ended or was suspended, as the person who ended it wrote. */
  end_reason: string | null;
  status: string;
  /** For a tie no longer in its list: the document and version in which it disappeared ("file vN"). */
  unlisted_in: string | null;
  /** Changes whenever a person edits the tie: send it back as `version` with an edit. */
  version: number;
  side: 'cn' | 'foreign';
  partner: {
    id: string;
    name_zh_hans: string | null;
    name_zh_hant: string | null;
    name_en: string | null;
    country_iso2: string | null;
    admin_level: string;
    lat: number | null;
    lon: number | null;
    resolved: boolean;
  };
  /** The claims behind the tie; an edit's claim has its audit-log entry (edit_id) and the reference the person gave. */
  sources: Array<Omit<SourceRef, 'claim_id'> & { source_type: string; reference: string | null; edit_id: number | null } & SourceDescription>;
  conflicts: Array<{ field: string; values: ConflictValue[] }>;
  /** People's corrections of the date or kind, oldest first: the last one of a field is the tie's value. */
  corrections: Correction[];
}

export interface Correction {
  field: 'start_date' | 'kind';
  value: string | null;
  precision: string | null;
  by: string;
  at: string;
  edit_id: number;
  reference: string | null;
}

/** What a person needs to find a document again: the manifest's (or the document's own) description of it. */
export interface SourceDescription {
  title: string | null;
  publisher: string | null;
  as_of: string | null;
  published_at: string | null;
  url: string | null;
  version: number;
  format: string;
}

// SQLite writes the JSON itself: one statement, and no objects made only to be serialized again.
const PARTNERS_JSON = `SELECT json_object(
    'relationship_id', r.id, 'kind', r.kind, 'start_date', r.start_date, 'start_precision', r.start_precision,
    'end_date', r.end_date, 'end_reason', r.end_reason, 'status', r.status, 'unlisted_in', r.unlisted_in, 'version', r.version,
    'side', CASE WHEN r.cn_place_id = @id THEN 'cn' ELSE 'foreign' END,
    'partner', json_object('id', p.id, 'name_zh_hans', p.name_zh_hans, 'name_zh_hant', p.name_zh_hant, 'name_en', p.name_en,
      'country_iso2', p.country_iso2, 'admin_level', p.admin_level, 'lat', p.lat, 'lon', p.lon,
      'resolved', json(CASE WHEN p.resolved = 1 THEN 'true' ELSE 'false' END)),
    'sources', (SELECT json_group_array(json_object('source', s.file_name, 'source_id', s.id, 'source_type', s.type, 'line', c.line, 'status', c.status,
                  'date', c.date, 'kind', c.kind, 'note', c.note, 'reference', c.reference, 'edit_id', c.edit_id,
                  'title', s.title, 'publisher', s.publisher, 'as_of', s.as_of, 'published_at', s.published_at, 'url', s.url,
                  'version', s.version, 'format', s.format) ORDER BY s.file_name, c.line)
                FROM ${TIE_CLAIMS_SQL}
                WHERE rc.relationship_id = r.id),
    'conflicts', (SELECT json_group_array(json_object('field', k.field, 'values', json(k.detail)) ORDER BY k.id)
                  FROM conflicts k WHERE k.relationship_id = r.id),
    'corrections', (SELECT json_group_array(json_object('field', CASE f.value WHEN 'date' THEN 'start_date' ELSE f.value END,
                      'value', CASE f.value WHEN 'date' THEN c.date ELSE c.kind END,
                      'precision', CASE f.value WHEN 'date' THEN c.date_precision ELSE NULL END,
                      'by', e.user_name, 'at', e.at, 'edit_id', c.edit_id, 'reference', c.reference) ORDER BY c.edit_id)
                    FROM relationship_claims rc JOIN claims c ON c.id = rc.claim_id JOIN edits e ON e.id = c.edit_id, json_each(c.edit_fields) f
                    WHERE rc.relationship_id = r.id AND f.value IN ('date', 'kind')))
  FROM relationships r
  JOIN places p ON p.id = CASE WHEN r.cn_place_id = @id THEN r.foreign_place_id ELSE r.cn_place_id END
  WHERE r.cn_place_id = @id OR r.foreign_place_id = @id
  ORDER BY r.start_date IS NULL, r.start_date, r.id`;

/** The ties of a place, on either side, oldest first (undated last): a JSON array of ApiPartner, as text. */
export function apiPartnersJson(db: DB, id: string): string {
  return '[' + (stmt(db, PARTNERS_JSON).pluck().all({ id }) as string[]).join(',') + ']';
}

/** As partnersOf (queries.ts), shaped for the API. */
export function apiPartners(db: DB, id: string): ApiPartner[] {
  return JSON.parse(apiPartnersJson(db, id)) as ApiPartner[];
}

// ---------------------------------------------------------------------------------------------------------
// Relationships: filtered, sorted, keyset-paginated

export type RelSort = 'date' | 'country' | 'cn' | 'foreign';
export type SortOrder = 'asc' | 'desc';

export interface RelationshipFilter {
  cn?: string;
  /** GB/T 2260 code of a province-level place; ties whose Chinese side lies inside it. */
  provinceCode?: string;
  country?: string;
  continent?: Continent;
  kind?: string;
  status?: string;
  from?: number;
  to?: number;
  q?: string;
  /** Ties that at least one source of these types (official list, encyclopedia, dataset, edit) currently lists. */
  sourceTypes?: string[];
}

export interface RelEnd {
  id: string;
  name_zh_hans: string | null;
  name_en: string | null;
  country_iso2: string | null;
  lat: number | null;
  lon: number | null;
}

/** One of the values sources disagree on, with the claim, document and line that gives it. */
export interface ConflictValue {
  value: string | null;
  claim_id: number;
  source: string;
  line: number;
}

export interface RelationshipItem {
  id: number;
  kind: string;
  start_date: string | null;
  start_precision: string;
  end_date: string | null;
  end_reason: string | null;
  status: string;
  unlisted_in: string | null;
  version: number;
  cn: RelEnd;
  foreign: RelEnd;
  sources: Array<{ source: string; line: number; type: string }>;
}

/** Where one page ended: the sort keys and id of its last item. */
export interface Keyset {
  keys: Array<string | number>;
  id: number;
}

// Every key is COALESCEd so that no NULL takes part in a comparison; undated ties come last both ways.
function sortKeys(sort: RelSort, order: SortOrder): string[] {
  const date = order === 'asc' ? `COALESCE(r.start_date, '9999-99-99')` : `COALESCE(r.start_date, '')`;
  switch (sort) {
    case 'date':
      return [date];
    case 'country':
      return [`COALESCE(fp.country_iso2, '')`, date];
    case 'cn':
      return [`lower(COALESCE(cp.pinyin, cp.name_en, cp.name_zh_hans, cp.id))`, date];
    case 'foreign':
      return [`lower(COALESCE(fp.name_en, fp.pinyin, fp.name_zh_hans, fp.id))`, date];
  }
}

function filterSql(f: RelationshipFilter, params: Record<string, unknown>): string[] {
  const where: string[] = [];
  if (f.cn) {
    where.push('r.cn_place_id = @cn');
    params.cn = f.cn;
  }
  if (f.provinceCode) {
    where.push(`cp.gbt2260 LIKE @province ESCAPE '\\'`);
    params.province = f.provinceCode.slice(0, 2).replace(/[\\%_]/g, '') + '%';
  }
  if (f.country) {
    where.push('fp.country_iso2 = @country');
    params.country = f.country.toUpperCase();
  }
  if (f.continent) {
    where.push('fp.country_iso2 IN (SELECT value FROM json_each(@continent))');
    params.continent = JSON.stringify(countriesOfContinent(f.continent));
  }
  if (f.kind) {
    where.push('r.kind = @kind');
    params.kind = f.kind;
  }
  if (f.status) {
    where.push('r.status = @status');
    params.status = f.status;
  }
  // Dates are ISO text (YYYY, YYYY-MM, YYYY-MM-DD): a year range is a text range.
  if (f.from != null) {
    where.push('r.start_date >= @from');
    params.from = String(f.from).padStart(4, '0');
  }
  if (f.to != null) {
    where.push('r.start_date < @to');
    params.to = String(f.to + 1).padStart(4, '0');
  }
  if (f.sourceTypes?.length) {
    where.push(
      `EXISTS (SELECT 1 FROM ${TIE_CLAIMS_SQL}
               WHERE rc.relationship_id = r.id AND rc.current = 1 AND s.type IN (SELECT value FROM json_each(@sourceTypes)))`,
    );
    params.sourceTypes = JSON.stringify(f.sourceTypes);
  }
  if (f.q) {
    const q = fold(f.q);
    if (q) {
      const like = (s: string) => '%' + s.replace(/[\\%_]/g, (m) => '\\' + m) + '%';
      const py = /\p{Script=Han}/u.test(q) ? null : pinyinOf(q).replace(/\s+/g, '');
      where.push(
        `EXISTS (SELECT 1 FROM place_names n WHERE n.place_id IN (r.cn_place_id, r.foreign_place_id)
                 AND (n.folded LIKE @q ESCAPE '\\' OR (@qpy IS NOT NULL AND n.pinyin LIKE @qpy ESCAPE '\\')))`,
      );
      params.q = like(q);
      params.qpy = py ? like(py) : null;
    }
  }
  return where;
}

const REL_END = (p: string) =>
  `json_object('id', ${p}.id, 'name_zh_hans', ${p}.name_zh_hans, 'name_en', ${p}.name_en, 'country_iso2', ${p}.country_iso2, 'lat', ${p}.lat, 'lon', ${p}.lon)`;

// Each item is written as JSON by SQLite (a RelationshipItem), beside the sort keys a cursor needs.
const REL_ITEM_JSON = `json_object('id', r.id, 'kind', r.kind, 'start_date', r.start_date, 'start_precision', r.start_precision,
    'end_date', r.end_date, 'end_reason', r.end_reason, 'status', r.status, 'unlisted_in', r.unlisted_in, 'version', r.version,
    'cn', ${REL_END('cp')}, 'foreign', ${REL_END('fp')},
    'sources', (SELECT json_group_array(json_object('source', s.file_name, 'line', c.line, 'type', s.type) ORDER BY s.file_name, c.line)
                FROM ${TIE_CLAIMS_SQL}
                WHERE rc.relationship_id = r.id)) AS item`;

/**
 * One page of relationships, each item as JSON text. `after` is where the previous page ended (from its
 * last item's keys); returns the items and, when more follow, where this page ended.
 */
export function listRelationshipsJson(
  db: DB,
  filter: RelationshipFilter,
  opts: { sort: RelSort; order: SortOrder; limit: number; after?: Keyset | null },
): { items: string[]; next: Keyset | null } {
  const params: Record<string, unknown> = { limit: opts.limit + 1 };
  const where = filterSql(filter, params);
  const keys = sortKeys(opts.sort, opts.order);
  const cmp = opts.order === 'asc' ? '>' : '<';
  if (opts.after) {
    // (k0, k1, id) > (v0, v1, id0) spelled out, since every key runs the same direction
    const all = [...keys, 'r.id'];
    const vals = [...opts.after.keys, opts.after.id];
    all.forEach((_, i) => (params[`k${i}`] = vals[i]));
    const ors = all.map((k, i) => [...all.slice(0, i).map((kk, j) => `${kk} = @k${j}`), `${k} ${cmp} @k${i}`].join(' AND '));
    where.push(`(${ors.map((o) => `(${o})`).join(' OR ')})`);
  }
  const dir = opts.order === 'asc' ? 'ASC' : 'DESC';
  const sql = `SELECT ${REL_ITEM_JSON}, r.id AS rid, ${keys.map((k, i) => `${k} AS sk${i}`).join(', ')}
    FROM relationships r JOIN places cp ON cp.id = r.cn_place_id JOIN places fp ON fp.id = r.foreign_place_id
    ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
    ORDER BY ${[...keys, 'r.id'].map((k) => `${k} ${dir}`).join(', ')}
    LIMIT @limit`;
  const rows = stmt(db, sql).all(params) as Array<Record<string, unknown>>;
  const more = rows.length > opts.limit;
  if (more) rows.pop();
  const last = rows.at(-1);
  return {
    items: rows.map((r) => r.item as string),
    next: more && last ? { keys: keys.map((_, i) => last[`sk${i}`] as string), id: last.rid as number } : null,
  };
}

export function listRelationships(
  db: DB,
  filter: RelationshipFilter,
  opts: { sort: RelSort; order: SortOrder; limit: number; after?: Keyset | null },
): { items: RelationshipItem[]; next: Keyset | null } {
  const page = listRelationshipsJson(db, filter, opts);
  return { items: page.items.map((i) => JSON.parse(i) as RelationshipItem), next: page.next };
}

/** Every relationship matching the filter as JSON text, a page at a time (nothing held open between pages). */
export function* allRelationshipsJson(
  db: DB,
  filter: RelationshipFilter,
  opts: { sort: RelSort; order: SortOrder; pageSize?: number },
): Generator<string[]> {
  let after: Keyset | null = null;
  do {
    const page = listRelationshipsJson(db, filter, { ...opts, limit: opts.pageSize ?? 500, after });
    if (page.items.length) yield page.items;
    after = page.next;
  } while (after);
}

/** Countries of a continent that the registry has places in. */
export function countriesOfContinent(continent: Continent): string[] {
  return allCountryCodes().filter((c) => continentOf(c) === continent);
}

let countryCodes: string[] | null = null;
function allCountryCodes(): string[] {
  // every ISO code world-countries knows: the list does not depend on the registry, so it is computed once
  if (!countryCodes) {
    const codes: string[] = [];
    for (let a = 65; a <= 90; a++) for (let b = 65; b <= 90; b++) {
      const c = String.fromCharCode(a, b);
      if (continentOf(c)) codes.push(c);
    }
    countryCodes = codes;
  }
  return countryCodes;
}

/** A Chinese province-level place (province, municipality, autonomous region, SAR): its GB/T 2260 code, or null. */
export function provinceCode(db: DB, id: string): string | null {
  const row = stmt(db, `SELECT gbt2260, is_chinese, admin_level FROM places WHERE id = ?`).get(id) as
    | { gbt2260: string | null; is_chinese: number; admin_level: string }
    | undefined;
  if (!row || !row.is_chinese || !row.gbt2260 || !/^\d\d0000$/.test(row.gbt2260)) return null;
  return row.gbt2260;
}

// ---------------------------------------------------------------------------------------------------------
// Statistics

export interface KeyCount {
  key: string | null;
  count: number;
}

export interface ApiStats {
  totals: ReturnType<typeof counts> & { countries: number; cn_places: number; foreign_places: number };
  by_year: Array<{ year: number; sister: number; cooperation: number; other: number }>;
  by_country: Array<KeyCount & { name_zh: string | null; name_en: string | null }>;
  by_continent: KeyCount[];
  by_province: Array<KeyCount & { name_zh_hans: string | null; name_en: string | null }>;
  by_kind: KeyCount[];
  by_level: KeyCount[];
}

const REL_JOIN = `FROM relationships r JOIN places cp ON cp.id = r.cn_place_id JOIN places fp ON fp.id = r.foreign_place_id`;

export function apiStats(db: DB): ApiStats {
  const extra = db
    .prepare(
      `SELECT COUNT(DISTINCT fp.country_iso2) AS countries, COUNT(DISTINCT r.cn_place_id) AS cn_places,
              COUNT(DISTINCT r.foreign_place_id) AS foreign_places ${REL_JOIN}`,
    )
    .get() as { countries: number; cn_places: number; foreign_places: number };
  const by_year = db
    .prepare(
      `SELECT CAST(substr(start_date, 1, 4) AS INTEGER) AS year, SUM(kind = 'sister') AS sister,
              SUM(kind = 'cooperation') AS cooperation, SUM(kind NOT IN ('sister', 'cooperation')) AS other
       FROM relationships WHERE start_date IS NOT NULL GROUP BY year ORDER BY year`,
    )
    .all() as ApiStats['by_year'];
  // The ties by one dimension are the CLI's `stats` question, counted the same way.
  const group = (by: StatsDimension): KeyCount[] => stats(db, by).map((r) => ({ key: r.key, count: r.relationships }));
  const by_country = group('country').map((r) => {
    const n = countryNames(r.key);
    return { ...r, name_zh: n?.zh ?? null, name_en: n?.en ?? null };
  });
  const by_province = db
    .prepare(
      `SELECT g.key, pp.name_zh_hans, pp.name_en, g.count FROM (
         SELECT CASE WHEN cp.gbt2260 IS NULL THEN NULL ELSE 'cn:' || substr(cp.gbt2260, 1, 2) || '0000' END AS key, COUNT(*) AS count
         ${REL_JOIN} GROUP BY key) g LEFT JOIN places pp ON pp.id = g.key
       ORDER BY g.count DESC, g.key`,
    )
    .all() as ApiStats['by_province'];
  return {
    totals: { ...counts(db), ...extra },
    by_year,
    by_country,
    by_continent: group('continent'),
    by_province,
    by_kind: group('kind'),
    by_level: group('level'),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Sources

/** A document version as the API gives it: without `path`, where the server read it (its folders are its own). */
export interface ApiSource extends Omit<SourceRow, 'path'> {
  current: boolean;
}

function publicSource(s: SourceRow, current: boolean): ApiSource {
  const { path: _path, ...rest } = s;
  return { ...rest, current };
}

export function apiSources(db: DB): Array<ApiSource & { check: Omit<DocumentCheck, 'doubtfulRows' | 'messages'> }> {
  const current = new Set(db.prepare(CURRENT_SOURCES_SQL).pluck().all() as number[]);
  return listSources(db).map((s) => {
    const { doubtfulRows: _d, messages: _m, ...check } = documentCheck(db, s);
    return { ...publicSource(s, current.has(s.id)), check };
  });
}

/** One document version by id, or the current version of a source by its key or file name. */
export function apiSource(db: DB, idOrKey: string): { source: ApiSource; check: DocumentCheck } | null {
  const s = (
    /^\d+$/.test(idOrKey)
      ? db.prepare('SELECT * FROM sources WHERE id = ?').get(Number(idOrKey))
      : db
          .prepare(
            `SELECT * FROM sources WHERE (source_key = @k OR file_name = @k) AND id IN (${CURRENT_SOURCES_SQL}) ORDER BY id DESC LIMIT 1`,
          )
          .get({ k: idOrKey })
  ) as SourceRow | undefined;
  if (!s) return null;
  const current = db.prepare(`SELECT 1 FROM sources WHERE id = ? AND id IN (${CURRENT_SOURCES_SQL})`).pluck().get(s.id) !== undefined;
  return { source: publicSource(s, current), check: documentCheck(db, s) };
}
