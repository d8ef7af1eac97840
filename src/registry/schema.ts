// Versioned migrations. A migration is never edited once released: add a new one.
// Derived tables (places, relationships, …) are rebuilt from claims by reconciliation,
// so their shape may change in a migration without losing anything a person typed.

export const migrations: Array<{ version: number; name: string; sql: string }> = [
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
];
