// Writing and reading document versions and their claims. All SQL about documents lives here.
import type Database from 'better-sqlite3';
import { useFileTempStore, type DB } from './db.js';
import type { Claim, DeclaredTotal, Message } from '../model.js';

export interface NewDocument {
  sourceKey: string;
  fileName: string;
  path: string | null;
  sha256: string;
  bytes: number;
  format: string;
  owner: string | null;
  ownerZhHans: string | null;
  title: string | null;
  publisher: string | null;
  publishedAt: string | null;
  url: string | null;
  asOf: string | null;
  /** What kind of source it is (see SOURCE_TYPES); by default from its format and what it says of itself. */
  type?: SourceType | null;
  /** The licence the manifest gives, used only to tell an encyclopedia's text by default. */
  licence?: string | null;
  /** The claims, or a spool holding them (a large document's, written before the write lock was taken). */
  claims: Claim[] | ClaimSpool;
  totals: DeclaredTotal[];
  messages: Message[];
  /** The format was named (--format, a manifest): the same bytes read with another format are a new version. */
  formatNamed?: boolean;
  /** The person says the list did shrink: store a version with fewer than half the rows of the one before. */
  acceptShrink?: boolean;
}

export interface SourceRow {
  id: number;
  source_key: string;
  version: number;
  file_name: string;
  path: string | null;
  sha256: string;
  bytes: number;
  format: string;
  owner: string | null;
  owner_zh_hans: string | null;
  title: string | null;
  publisher: string | null;
  published_at: string | null;
  url: string | null;
  as_of: string | null;
  ingested_at: string;
  rows_read: number;
  rows_doubtful: number;
  rows_skipped: number;
  type: SourceType;
}

/** The kinds of source, which readers of the registry can filter by (UI, API, exports). */
export const SOURCE_TYPES = ['official list', 'encyclopedia', 'dataset', 'edit'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];
/** Formats whose documents are datasets compiled from other sources, not lists of their own. */
export const DATASET_FORMATS = new Set(['nodes-links', 'pairs']);

/** A document's type when nobody said: a dataset's format, a Wikipedia text, else a list of its own. */
export function defaultSourceType(doc: Pick<NewDocument, 'format' | 'title' | 'publisher' | 'url' | 'licence'>): SourceType {
  if (doc.format === 'edit') return 'edit';
  if (DATASET_FORMATS.has(doc.format)) return 'dataset';
  const said = [doc.title, doc.publisher, doc.url, doc.licence].filter(Boolean).join(' ').toLowerCase();
  return /wikipedia|维基百科|維基百科/.test(said) ? 'encyclopedia' : 'official list';
}

export type StoreOutcome =
  | { status: 'unchanged'; source: SourceRow }
  | { status: 'added'; source: SourceRow }
  /** Not stored: the new version would lose more than half the rows of the one before (see NewDocument.acceptShrink). */
  | { status: 'shrunk'; previous: SourceRow; rows: number };

/**
 * The latest version of the document, when it has these exact bytes (and, when a format is named, was read
 * with it): then nothing has changed. Bytes equal to an older version's are a new version (a bad save undone).
 */
export function findSameDocument(db: DB, sourceKey: string, sha256: string, format?: string | null): SourceRow | undefined {
  const latest = latestVersion(db, sourceKey);
  return latest && latest.sha256 === sha256 && (!format || latest.format === format) ? latest : undefined;
}

/** The latest version of a source, if it has one. */
export function latestVersion(db: DB, sourceKey: string): SourceRow | undefined {
  return db.prepare('SELECT * FROM sources WHERE source_key = ? ORDER BY version DESC LIMIT 1').get(sourceKey) as SourceRow | undefined;
}

// ---- claims: the one INSERT of a claim's columns, for storeDocument and for the spool -------------------------

/** A claim's columns after source_id, in the order of claimValues. */
const CLAIM_COLUMNS = `line, section, cn_place, cn_place_zh_hans, cn_link, foreign_place, foreign_place_zh_hans, foreign_place_en,
  foreign_link, foreign_qualifier, country, country_iso2, date_text, date, date_precision, kind, marker, status, note, facts, cn_lat, cn_lon`;

/** A claim's values for CLAIM_COLUMNS. */
function claimValues(c: Claim): unknown[] {
  return [
    c.line,
    c.section,
    c.cnPlace,
    c.cnPlaceZhHans,
    c.cnLink,
    c.foreignPlace,
    c.foreignPlaceZhHans,
    c.foreignPlaceEn,
    c.foreignLink,
    c.foreignQualifier,
    c.country,
    c.countryIso2,
    c.date,
    c.dateIso,
    c.datePrecision,
    c.kind,
    c.marker,
    c.status,
    c.note,
    c.facts && Object.keys(c.facts).length ? JSON.stringify(c.facts) : null,
    c.cnLat ?? null,
    c.cnLon ?? null,
  ];
}

const PLACEHOLDERS = Array(22).fill('?').join(', ');

/** Inserts one claim of a document version into the registry. */
function claimInsert(db: DB): (sourceId: number, c: Claim) => void {
  const st = db.prepare(`INSERT INTO claims (source_id, ${CLAIM_COLUMNS}) VALUES (?, ${PLACEHOLDERS})`);
  return (sourceId, c) => void st.run(sourceId, ...claimValues(c));
}

let spools = 0;

/**
 * A large document's claims, written as they are read into a TEMP table of the connection — in the
 * connection's temp store, a temporary file (temp_store = FILE while the spool lives: memory stays bounded)
 * that SQLite deletes when it is closed, or at once when the process dies: nothing of it is ever in the
 * registry file, and writing it takes no lock on the registry. storeDocument then copies it into `claims`
 * with one INSERT … SELECT inside the document's write transaction. Writes go in batches, each its own
 * transaction on the temp store only (BEGIN DEFERRED touching only TEMP: the registry is not locked).
 * Call drop() when done, whatever happened.
 */
export class ClaimSpool {
  rows = 0;
  doubtful = 0;
  private readonly table = `temp.claim_spool_${++spools}`;
  private readonly insert: Database.Statement;
  private readonly restoreTempStore: () => void;
  private inBatch = 0;

  constructor(
    private readonly db: DB,
    private readonly batch = 10_000,
  ) {
    if (db.inTransaction) throw new Error('a claim spool is written outside any transaction');
    this.restoreTempStore = useFileTempStore(db);
    db.exec(`CREATE TABLE ${this.table} (seq INTEGER PRIMARY KEY, ${CLAIM_COLUMNS})`);
    this.insert = db.prepare(`INSERT INTO ${this.table} (${CLAIM_COLUMNS}) VALUES (${PLACEHOLDERS})`);
  }

  add(c: Claim): void {
    if (this.inBatch === 0) this.db.exec('BEGIN');
    this.insert.run(...claimValues(c));
    this.rows++;
    if (c.status === 'doubtful') this.doubtful++;
    if (++this.inBatch >= this.batch) this.flush();
  }

  /** Commits the batch being written (to the temp store). */
  flush(): void {
    if (this.inBatch === 0) return;
    this.inBatch = 0;
    this.db.exec('COMMIT');
  }

  /**
   * Copies the spooled claims, in the order they were added, into `claims` for the document version
   * `sourceId`; a claim without a Chinese place gets `owner` (the document's, known only at its end).
   */
  copyInto(sourceId: number, owner: string | null, ownerZhHans: string | null): void {
    if (this.inBatch !== 0) throw new Error('the spool has a batch not flushed');
    this.db
      .prepare(
        `INSERT INTO claims (source_id, ${CLAIM_COLUMNS})
         SELECT @sourceId, line, section, coalesce(cn_place, @owner), CASE WHEN cn_place IS NULL THEN @ownerZhHans ELSE cn_place_zh_hans END,
           cn_link, foreign_place, foreign_place_zh_hans, foreign_place_en, foreign_link, foreign_qualifier, country, country_iso2,
           date_text, date, date_precision, kind, marker, status, note, facts, cn_lat, cn_lon
         FROM ${this.table} ORDER BY seq`,
      )
      .run({ sourceId, owner, ownerZhHans });
  }

  /** Drops the spool (a batch still open is rolled back) and puts temp_store back. */
  drop(): void {
    if (this.inBatch !== 0) {
      this.inBatch = 0;
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    }
    this.db.exec(`DROP TABLE IF EXISTS ${this.table}`);
    this.restoreTempStore();
  }
}

/**
 * Stores one document version with all its claims, totals and messages. The caller wraps it in a
 * transaction together with whatever else must land with it, so a failing document leaves nothing.
 */
/**
 * storeDocument as one transaction, IMMEDIATE: the write lock is taken up front, so two ingests at once wait
 * for each other instead of failing, and a document is stored whole or not at all.
 */
export function storeDocumentAtomically(db: DB, doc: NewDocument): StoreOutcome {
  return db.transaction(() => storeDocument(db, doc)).immediate();
}

export function storeDocument(db: DB, doc: NewDocument): StoreOutcome {
  const same = findSameDocument(db, doc.sourceKey, doc.sha256, doc.formatNamed ? doc.format : null);
  if (same) return { status: 'unchanged', source: same };
  const prev = latestVersion(db, doc.sourceKey);
  const version = (prev?.version ?? 0) + 1;
  const spooled = doc.claims instanceof ClaimSpool ? doc.claims : null;
  const rowsRead = spooled ? spooled.rows : (doc.claims as Claim[]).length;
  // A version that lost more than half the rows is more often a bad save or a reader gone wrong than a list
  // that shrank: every tie it no longer holds would become "no longer listed".
  if (prev && rowsRead * 2 < prev.rows_read && !doc.acceptShrink) return { status: 'shrunk', previous: prev, rows: rowsRead };
  const doubtful = spooled ? spooled.doubtful : (doc.claims as Claim[]).filter((c) => c.status === 'doubtful').length;
  const skipped = doc.messages.filter((m) => m.skipped).length;
  const info = db
    .prepare(
      `INSERT INTO sources (source_key, version, file_name, path, sha256, bytes, format, owner, owner_zh_hans, title,
        publisher, published_at, url, as_of, ingested_at, rows_read, rows_doubtful, rows_skipped, type)
       VALUES (@sourceKey, @version, @fileName, @path, @sha256, @bytes, @format, @owner, @ownerZhHans, @title,
        @publisher, @publishedAt, @url, @asOf, @ingestedAt, @rowsRead, @rowsDoubtful, @rowsSkipped, @type)`,
    )
    .run({
      ...doc,
      claims: undefined,
      totals: undefined,
      messages: undefined,
      licence: undefined,
      type: doc.type ?? defaultSourceType(doc),
      version,
      ingestedAt: new Date().toISOString(),
      rowsRead,
      rowsDoubtful: doubtful,
      rowsSkipped: skipped,
    });
  const sourceId = Number(info.lastInsertRowid);
  if (spooled) spooled.copyInto(sourceId, doc.owner, doc.ownerZhHans);
  else {
    const insert = claimInsert(db);
    for (const c of doc.claims as Claim[]) insert(sourceId, c);
  }
  const insTotal = db.prepare(
    'INSERT INTO declared_totals (source_id, section, line, countries, places, text) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const t of doc.totals) insTotal.run(sourceId, t.section, t.line, t.countries, t.places, t.text);
  const insMsg = db.prepare('INSERT INTO messages (source_id, line, severity, reason) VALUES (?, ?, ?, ?)');
  for (const m of doc.messages) insMsg.run(sourceId, m.line, m.severity, m.reason);
  return { status: 'added', source: db.prepare('SELECT * FROM sources WHERE id = ?').get(sourceId) as SourceRow };
}

/** Every document version, newest version of each source last. */
export function listSources(db: DB): SourceRow[] {
  return db.prepare('SELECT * FROM sources ORDER BY source_key, version').all() as SourceRow[];
}

/** The versions whose claims make the registry: the latest of each source. */
/**
 * The claims that bind each tie, with their documents: `rc` the binding (its `relationship_id`, `current`),
 * `c` the claim, `s` its source. Written once for every question about the documents behind a tie.
 */
export const TIE_CLAIMS_SQL = `relationship_claims rc JOIN claims c ON c.id = rc.claim_id JOIN sources s ON s.id = c.source_id`;

export const CURRENT_SOURCES_SQL = `SELECT id FROM sources s WHERE version = (SELECT MAX(version) FROM sources WHERE source_key = s.source_key)`;

export function currentSources(db: DB): SourceRow[] {
  return db.prepare(`SELECT * FROM sources WHERE id IN (${CURRENT_SOURCES_SQL}) ORDER BY source_key`).all() as SourceRow[];
}

export interface TotalRow {
  source_id: number;
  section: string | null;
  line: number;
  countries: number | null;
  places: number | null;
  text: string;
}

export function totalsOf(db: DB, sourceId: number): TotalRow[] {
  return db.prepare('SELECT * FROM declared_totals WHERE source_id = ? ORDER BY line').all(sourceId) as TotalRow[];
}

export interface MessageRow {
  source_id: number;
  line: number;
  severity: string;
  reason: string;
}

export function messagesOf(db: DB, sourceId: number): MessageRow[] {
  return db.prepare('SELECT * FROM messages WHERE source_id = ? ORDER BY line, id').all(sourceId) as MessageRow[];
}

export interface ClaimRow {
  id: number;
  source_id: number;
  file_name: string;
  line: number;
  section: string | null;
  cn_place: string | null;
  cn_place_zh_hans: string | null;
  cn_link: string | null;
  cn_lat: number | null;
  cn_lon: number | null;
  foreign_place: string | null;
  foreign_place_zh_hans: string | null;
  foreign_place_en: string | null;
  foreign_link: string | null;
  foreign_qualifier: string | null;
  country: string | null;
  country_iso2: string | null;
  date_text: string | null;
  date: string | null;
  date_precision: string;
  kind: string;
  marker: string | null;
  status: string;
  note: string | null;
  facts: string | null;
  cn_place_id: string | null;
  foreign_place_id: string | null;
  edit_id: number | null;
  cn_place_pin: string | null;
  foreign_place_pin: string | null;
  end_date: string | null;
  end_status: 'ended' | 'suspended' | null;
  reference: string | null;
  edit_fields: string | null;
}

export interface ClaimWithVersion extends ClaimRow {
  source_key: string;
  version: number;
  format: string;
  as_of: string | null;
  /** 1 when the claim belongs to the latest version of its source. */
  current: number;
  /** The latest version of the claim's source. */
  latest_version: number;
}

/** Every claim of every version, each marked current or not: old versions tell which ties were dropped. */
export function allClaimsWithVersions(db: DB): ClaimWithVersion[] {
  return db
    .prepare(
      `SELECT c.*, s.file_name, s.source_key, s.version, s.format, s.as_of, v.latest AS latest_version,
              (s.version = v.latest) AS current
       FROM claims c JOIN sources s ON s.id = c.source_id
       JOIN (SELECT source_key, MAX(version) AS latest FROM sources GROUP BY source_key) v ON v.source_key = s.source_key
       ORDER BY s.source_key, s.version, c.line, c.id`,
    )
    .all() as ClaimWithVersion[];
}

const CLAIM_SELECT = `SELECT c.*, s.file_name FROM claims c JOIN sources s ON s.id = c.source_id`;

/** Claims of the current version of every source, in document order. */
export function* iterateCurrentClaims(db: DB): IterableIterator<ClaimRow> {
  yield* db
    .prepare(`${CLAIM_SELECT} WHERE c.source_id IN (${CURRENT_SOURCES_SQL}) ORDER BY s.source_key, c.line, c.id`)
    .iterate() as IterableIterator<ClaimRow>;
}

export function claimsOfSource(db: DB, sourceId: number): ClaimRow[] {
  return db.prepare(`${CLAIM_SELECT} WHERE c.source_id = ? ORDER BY c.line, c.id`).all(sourceId) as ClaimRow[];
}
