// Versioned migrations. A migration is never edited once released: add a new one.
// Derived tables (places, relationships, …) are rebuilt from claims by reconciliation,
// so their shape may change in a migration without losing anything a person typed.

import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /** SQL, or a function for a migration that must look at the schema it changes (a table rebuilt whole). */
  sql: string | ((db: Database.Database) => void);
  /**
   * Run with foreign keys off (SQLite's way to rebuild a table others refer to: with them on, dropping the old
   * table would delete every row that refers to it); foreign_key_check must find nothing before it commits.
   */
  rebuildsTables?: boolean;
}

/**
 * Rebuilds `table` with its CREATE statement changed by `change`, every row and column kept (columns added
 * by any earlier migration included), under the same name, so that the tables referring to it still do.
 */
export function rebuildTable(db: Database.Database, table: string, change: (createSql: string) => string): void {
  const row = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) as { sql: string } | undefined;
  if (!row) throw new Error(`no table ${table} to rebuild`);
  const changed = change(row.sql);
  if (changed === row.sql) throw new Error(`rebuilding ${table}: the change did not apply to its schema`);
  const tmp = `${table}_rebuilt`;
  const cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map((c) => `"${c.name}"`).join(', ');
  const indexes = (db.prepare(`SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL`).all(table) as Array<{ sql: string }>).map((r) => r.sql);
  db.exec(changed.replace(/^CREATE TABLE\s+("?)\w+\1/i, `CREATE TABLE ${tmp}`));
  db.exec(`INSERT INTO ${tmp} (${cols}) SELECT ${cols} FROM ${table}`);
  db.exec(`DROP TABLE ${table}`);
  db.exec(`ALTER TABLE ${tmp} RENAME TO ${table}`);
  for (const sql of indexes) db.exec(sql);
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'documents and claims',
    sql: `
CREATE TABLE sources (
  id            INTEGER PRIMARY KEY,
  source_key    TEXT NOT NULL,            -- stable name of the document across versions
  version       INTEGER NOT NULL,         -- 1, 2, … per source_key
  file_name     TEXT NOT NULL,
  path          TEXT,
  sha256        TEXT NOT NULL,
  bytes         INTEGER NOT NULL,
  format        TEXT NOT NULL,
  owner         TEXT,                     -- the place whose list it is, as given
  owner_zh_hans TEXT,
  title         TEXT,
  publisher     TEXT,
  published_at  TEXT,
  url           TEXT,
  as_of         TEXT,
  ingested_at   TEXT NOT NULL,
  rows_read     INTEGER NOT NULL DEFAULT 0,
  rows_doubtful INTEGER NOT NULL DEFAULT 0,
  rows_skipped  INTEGER NOT NULL DEFAULT 0,
  UNIQUE (source_key, version),
  UNIQUE (source_key, sha256)
);

CREATE TABLE declared_totals (
  id         INTEGER PRIMARY KEY,
  source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  section    TEXT,
  line       INTEGER NOT NULL,
  countries  INTEGER,
  places     INTEGER,
  text       TEXT NOT NULL
);

CREATE TABLE messages (
  id         INTEGER PRIMARY KEY,
  source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  line       INTEGER NOT NULL,
  severity   TEXT NOT NULL CHECK (severity IN ('error','warning','info')),
  reason     TEXT NOT NULL
);

CREATE TABLE claims (
  id                    INTEGER PRIMARY KEY,
  source_id             INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  line                  INTEGER NOT NULL,
  section               TEXT,
  cn_place              TEXT,
  cn_place_zh_hans      TEXT,
  cn_link               TEXT,
  foreign_place         TEXT,
  foreign_place_zh_hans TEXT,
  foreign_place_en      TEXT,
  foreign_link          TEXT,
  foreign_qualifier     TEXT,
  country               TEXT,
  country_iso2          TEXT,
  date_text             TEXT,
  date                  TEXT,
  date_precision        TEXT NOT NULL CHECK (date_precision IN ('day','month','year','none')),
  kind                  TEXT NOT NULL CHECK (kind IN ('sister','cooperation','other')),
  marker                TEXT,
  status                TEXT NOT NULL CHECK (status IN ('listed','doubtful')),
  note                  TEXT,
  facts                 TEXT,             -- JSON object of extra columns, as written
  cn_place_id           TEXT,
  foreign_place_id      TEXT
);
CREATE INDEX claims_source ON claims(source_id, line);
`,
  },
  {
    version: 2,
    name: 'places and relationships',
    sql: `
CREATE TABLE places (
  id            TEXT PRIMARY KEY,
  name_zh_hans  TEXT,
  name_zh_hant  TEXT,
  name_en       TEXT,
  pinyin        TEXT,
  country_iso2  TEXT,
  admin_level   TEXT NOT NULL CHECK (admin_level IN ('country','region','city','district')),
  parent_id     TEXT,
  lat           REAL,
  lon           REAL,
  geonames_id   INTEGER,
  gbt2260       TEXT,
  population    INTEGER,
  is_chinese    INTEGER NOT NULL DEFAULT 0,
  resolved      INTEGER NOT NULL DEFAULT 1  -- 0: stands for an unresolved name, kept so nothing is lost
);
CREATE INDEX places_country ON places(country_iso2);

CREATE TABLE place_names (
  place_id  TEXT NOT NULL REFERENCES places(id) ON DELETE CASCADE,
  name      TEXT NOT NULL,
  folded    TEXT NOT NULL,   -- simplified, lower-case, no punctuation: the search key
  pinyin    TEXT,
  origin    TEXT NOT NULL,   -- gazetteer | document | alias
  PRIMARY KEY (place_id, name)
);
CREATE INDEX place_names_folded ON place_names(folded);
CREATE INDEX place_names_pinyin ON place_names(pinyin);

CREATE TABLE place_facts (
  place_id   TEXT NOT NULL,
  source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  key        TEXT NOT NULL,
  value      TEXT NOT NULL,
  as_of      TEXT,
  line       INTEGER
);

CREATE TABLE unresolved (
  claim_id   INTEGER NOT NULL,
  side       TEXT NOT NULL CHECK (side IN ('cn','foreign')),
  name       TEXT,
  country_iso2 TEXT,
  reason     TEXT NOT NULL,
  candidates TEXT NOT NULL  -- JSON list of {id, name, country, level, why}
);

CREATE TABLE relationships (
  id               INTEGER PRIMARY KEY,
  cn_place_id      TEXT NOT NULL,
  foreign_place_id TEXT NOT NULL,
  kind             TEXT NOT NULL,
  start_date       TEXT,
  start_precision  TEXT NOT NULL,
  end_date         TEXT,
  status           TEXT NOT NULL CHECK (status IN ('listed','doubtful','ended','suspended')),
  UNIQUE (cn_place_id, foreign_place_id, kind)
);
CREATE INDEX relationships_foreign ON relationships(foreign_place_id);

CREATE TABLE relationship_claims (
  relationship_id INTEGER NOT NULL REFERENCES relationships(id) ON DELETE CASCADE,
  claim_id        INTEGER NOT NULL,
  PRIMARY KEY (relationship_id, claim_id)
);
CREATE INDEX relationship_claims_claim ON relationship_claims(claim_id);

CREATE TABLE conflicts (
  id              INTEGER PRIMARY KEY,
  relationship_id INTEGER NOT NULL REFERENCES relationships(id) ON DELETE CASCADE,
  field           TEXT NOT NULL,
  detail          TEXT NOT NULL    -- JSON: [{value, claim_id, source, line}]
);
`,
  },
  {
    version: 3,
    name: 'people: accounts, edits as claims, audit log, merges, stable relationship ids',
    sql: `
CREATE TABLE users (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  role        TEXT NOT NULL CHECK (role IN ('reader','editor','admin')),
  token_id    TEXT NOT NULL UNIQUE,   -- public half of the token, to find the row
  token_hash  TEXT NOT NULL,          -- scrypt of the secret half; the token itself is never stored
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
);

-- The audit log: who, when, what, before and after. Append-only, enforced by the database itself.
CREATE TABLE edits (
  id         INTEGER PRIMARY KEY,
  user_name  TEXT NOT NULL,
  at         TEXT NOT NULL,
  action     TEXT NOT NULL,
  target     TEXT NOT NULL,
  before     TEXT,
  after      TEXT,
  note       TEXT
);
CREATE TRIGGER edits_append_only_update BEFORE UPDATE ON edits BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER edits_append_only_delete BEFORE DELETE ON edits BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- A person's edit is a claim too (its source is the person), with the places the person chose.
ALTER TABLE claims ADD COLUMN edit_id INTEGER;
ALTER TABLE claims ADD COLUMN cn_place_pin TEXT;
ALTER TABLE claims ADD COLUMN foreign_place_pin TEXT;
ALTER TABLE claims ADD COLUMN end_date TEXT;
ALTER TABLE claims ADD COLUMN end_status TEXT CHECK (end_status IS NULL OR end_status IN ('ended','suspended'));
ALTER TABLE claims ADD COLUMN reference TEXT;
ALTER TABLE claims ADD COLUMN edit_fields TEXT;  -- JSON list of what the edit sets: listed, date, kind, end

CREATE TABLE place_merges (
  from_id  TEXT PRIMARY KEY,
  into_id  TEXT NOT NULL,
  edit_id  INTEGER NOT NULL
);
CREATE TABLE place_aliases (
  name     TEXT NOT NULL,
  country  TEXT NOT NULL,
  target   TEXT NOT NULL,
  edit_id  INTEGER NOT NULL,
  PRIMARY KEY (name, country)
);
CREATE TABLE place_wikidata (
  place_id TEXT PRIMARY KEY,
  qid      TEXT NOT NULL,
  origin   TEXT NOT NULL
);

-- Relationship ids survive reconciliation, so links, edits and API clients can hold on to them.
CREATE TABLE relationship_ids (
  id               INTEGER PRIMARY KEY,
  cn_place_id      TEXT NOT NULL,
  foreign_place_id TEXT NOT NULL,
  UNIQUE (cn_place_id, foreign_place_id)
);

DROP TABLE conflicts;
DROP TABLE relationship_claims;
DROP TABLE relationships;
CREATE TABLE relationships (
  id               INTEGER PRIMARY KEY,
  cn_place_id      TEXT NOT NULL,
  foreign_place_id TEXT NOT NULL,
  kind             TEXT NOT NULL,
  start_date       TEXT,
  start_precision  TEXT NOT NULL,
  end_date         TEXT,
  end_reason       TEXT,
  status           TEXT NOT NULL CHECK (status IN ('listed','doubtful','ended','suspended','unlisted')),
  unlisted_in      TEXT,             -- "file vN": the version of the list in which the tie disappeared
  version          INTEGER NOT NULL, -- changes whenever a person edits the tie (optimistic concurrency)
  UNIQUE (cn_place_id, foreign_place_id)
);
CREATE INDEX relationships_foreign ON relationships(foreign_place_id);
CREATE TABLE relationship_claims (
  relationship_id INTEGER NOT NULL REFERENCES relationships(id) ON DELETE CASCADE,
  claim_id        INTEGER NOT NULL,
  current         INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (relationship_id, claim_id)
);
CREATE INDEX relationship_claims_claim ON relationship_claims(claim_id);
CREATE TABLE conflicts (
  id              INTEGER PRIMARY KEY,
  relationship_id INTEGER NOT NULL REFERENCES relationships(id) ON DELETE CASCADE,
  field           TEXT NOT NULL,
  detail          TEXT NOT NULL
);
ALTER TABLE places ADD COLUMN wikidata_id TEXT;
`,
  },
  {
    version: 4,
    name: 'a version is new whenever its bytes or its reading differ from the latest version',
    rebuildsTables: true,
    // The bytes were unique per source: a file saved back to an earlier version's bytes (undoing a bad save)
    // was "unchanged" and the bad version stayed the list; and the same bytes could not be read again with
    // another format (`ingest --format X`). A version is now compared with the latest one only.
    sql: (db) => rebuildTable(db, 'sources', (sql) => sql.replace(/,\s*UNIQUE\s*\(\s*source_key\s*,\s*sha256\s*\)/, '')),
  },
  {
    version: 5,
    name: 'source types: official list, encyclopedia, dataset, edit',
    sql: `
ALTER TABLE sources ADD COLUMN type TEXT NOT NULL DEFAULT 'official list'
  CHECK (type IN ('official list','encyclopedia','dataset','edit'));
UPDATE sources SET type = 'edit' WHERE format = 'edit';
UPDATE sources SET type = 'dataset' WHERE format IN ('nodes-links','pairs');
UPDATE sources SET type = 'encyclopedia'
  WHERE type = 'official list' AND (lower(COALESCE(title,'') || COALESCE(publisher,'') || COALESCE(url,'')) LIKE '%wikipedia%');
`,
  },
  {
    version: 6,
    name: 'Wikidata ids matched from a snapshot',
    sql: `
-- Derived (rebuilt after every reconciliation): which snapshot node each place is, and how that was decided.
CREATE TABLE IF NOT EXISTS place_qid_matches (
  place_id   TEXT PRIMARY KEY,
  qid        TEXT NOT NULL UNIQUE,
  how        TEXT NOT NULL,
  km         REAL NOT NULL,
  label      TEXT NOT NULL,
  source_id  INTEGER NOT NULL,
  line       INTEGER NOT NULL   -- the node's line in nodes.tsv
);
`,
  },
  {
    version: 7,
    name: 'foreign keys from relationships and claims to places; views for the common questions',
    rebuildsTables: true,
    // Checked at commit (DEFERRABLE INITIALLY DEFERRED): reconciliation clears and writes places, claims' place
    // ids and relationships in one transaction, in whatever order, and only its result must hold together.
    sql: (db) => {
      // Derived data that refers to nothing (a file from before the keys could hold some): claims' place ids are
      // cleared and such relationships dropped; the next reconciliation derives them again.
      db.exec(`
        UPDATE claims SET cn_place_id = NULL WHERE cn_place_id IS NOT NULL AND cn_place_id NOT IN (SELECT id FROM places);
        UPDATE claims SET foreign_place_id = NULL WHERE foreign_place_id IS NOT NULL AND foreign_place_id NOT IN (SELECT id FROM places);
        DELETE FROM relationships WHERE cn_place_id NOT IN (SELECT id FROM places) OR foreign_place_id NOT IN (SELECT id FROM places);
        DELETE FROM relationship_claims WHERE relationship_id NOT IN (SELECT id FROM relationships);
        DELETE FROM conflicts WHERE relationship_id NOT IN (SELECT id FROM relationships);`);
      const ref = (col: string) => (sql: string) =>
        sql.replace(new RegExp(`(\\b${col}\\s+TEXT(?:\\s+NOT NULL)?)`), `$1 REFERENCES places(id) DEFERRABLE INITIALLY DEFERRED`);
      rebuildTable(db, 'claims', (sql) => ref('foreign_place_id')(ref('cn_place_id')(sql)));
      rebuildTable(db, 'relationships', (sql) => ref('foreign_place_id')(ref('cn_place_id')(sql)));
      db.exec(`
        -- a place removed or renamed finds the rows that refer to it by index, not by reading them all
        CREATE INDEX claims_cn_place ON claims(cn_place_id);
        CREATE INDEX claims_foreign_place ON claims(foreign_place_id);

        -- Every tie with both places' names, the partner's country and its dates.
        CREATE VIEW ties AS
        SELECT r.id, r.cn_place_id, cp.name_zh_hans AS cn_name_zh_hans, cp.name_en AS cn_name_en,
               r.foreign_place_id, fp.name_zh_hans AS foreign_name_zh_hans, fp.name_en AS foreign_name_en,
               fp.country_iso2 AS foreign_country_iso2, r.kind, r.status, r.start_date, r.start_precision,
               r.end_date, r.end_reason, r.unlisted_in, r.version
        FROM relationships r JOIN places cp ON cp.id = r.cn_place_id JOIN places fp ON fp.id = r.foreign_place_id;

        -- Every claim with the document it comes from: title, publisher, file, version (current: of the latest).
        CREATE VIEW claims_with_documents AS
        SELECT c.*, s.source_key, s.file_name, s.version, s.title, s.publisher, s.published_at, s.url, s.as_of, s.format,
               (s.version = (SELECT MAX(v.version) FROM sources v WHERE v.source_key = s.source_key)) AS current
        FROM claims c JOIN sources s ON s.id = c.source_id;`);
    },
  },
  {
    version: 8,
    name: 'what the last reconciliation covered, so an ingest can reconcile only what it added',
    sql: `
-- One row, written by every reconciliation in its transaction: the inputs its resolutions depended on
-- (gazetteer, aliases, merges, code) and the document versions it read. An ingest whose only change is
-- new versions past sources_upto may reconcile just those (src/resolve/incremental.ts).
CREATE TABLE reconcile_state (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  inputs       TEXT NOT NULL,
  sources_upto INTEGER NOT NULL,
  source_count INTEGER NOT NULL,
  claim_count  INTEGER NOT NULL
);
-- The rows that name no country (resolved against the places other rows made known), found without a
-- scan of every claim.
CREATE INDEX claims_countryless ON claims(source_id) WHERE country_iso2 IS NULL OR country_iso2 = '';
`,
  },
  {
    version: 9,
    name: "where a document puts a claim's Chinese side, as evidence for resolving its name",
    sql: `
-- A network's node carries coordinates (the Wikidata snapshot's nodes.tsv): they tell apart the Chinese
-- places one English name stands for (Suzhou in Jiangsu and in Anhui). NULL where the document gives none.
ALTER TABLE claims ADD COLUMN cn_lat REAL;
ALTER TABLE claims ADD COLUMN cn_lon REAL;
`,
  },
];
