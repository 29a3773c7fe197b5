import MarsadModel

/// One numbered step of the schema. Steps are applied in order, each in its own
/// transaction together with `PRAGMA user_version = version`, so a crash mid-migration
/// leaves the database at the previous version. Never edit a released step: add one.
struct Migration: Sendable {
    let version: Int
    let name: String
    let sql: String
}

enum Migrations {
    static let all: [Migration] = [
        Migration(
            version: 1, name: "articles, sightings, removed lines, full-text index",
            sql: """
                CREATE TABLE articles (
                    id            INTEGER PRIMARY KEY,
                    sha256        TEXT    NOT NULL UNIQUE,      -- of the raw bytes, lower-case hex
                    file          TEXT    NOT NULL,             -- path under the inbox when dropped (display form)
                    file_raw      BLOB    NOT NULL,             -- the same path, its exact bytes
                    received_at   TEXT    NOT NULL,             -- RFC 3339, UTC
                    size          INTEGER NOT NULL,
                    encoding      TEXT    NOT NULL,             -- the decoder used: utf-8, windows-1256, ...
                    raw           BLOB    NOT NULL,             -- the file's bytes, verbatim
                    title         TEXT,
                    clean_text    TEXT    NOT NULL,
                    archive_path  TEXT,                         -- where the file went after commit, NULL if deleted
                    claim         TEXT    NOT NULL UNIQUE       -- the processing/ claim that produced the row
                );
                CREATE INDEX articles_received_at ON articles(received_at);

                -- A known file dropped again: no second article, a sighting of the first.
                CREATE TABLE sightings (
                    id            INTEGER PRIMARY KEY,
                    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    file          TEXT    NOT NULL,
                    file_raw      BLOB    NOT NULL,
                    received_at   TEXT    NOT NULL,
                    archive_path  TEXT,
                    claim         TEXT    NOT NULL UNIQUE
                );
                CREATE INDEX sightings_article ON sightings(article_id);

                -- Lines the cleaner removed, each with the rule that removed it.
                CREATE TABLE removed_lines (
                    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    position      INTEGER NOT NULL,
                    line          TEXT    NOT NULL,
                    rule          TEXT    NOT NULL,
                    PRIMARY KEY (article_id, position)
                ) WITHOUT ROWID;

                -- Full-text index over title and clean text, its content read from articles.
                CREATE VIRTUAL TABLE articles_fts USING fts5(
                    title, clean_text, content='articles', content_rowid='id', tokenize='unicode61');
                CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
                    INSERT INTO articles_fts(rowid, title, clean_text) VALUES (new.id, new.title, new.clean_text);
                END;
                CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
                    INSERT INTO articles_fts(articles_fts, rowid, title, clean_text) VALUES ('delete', old.id, old.title, old.clean_text);
                END;
                CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, clean_text ON articles BEGIN
                    INSERT INTO articles_fts(articles_fts, rowid, title, clean_text) VALUES ('delete', old.id, old.title, old.clean_text);
                    INSERT INTO articles_fts(rowid, title, clean_text) VALUES (new.id, new.title, new.clean_text);
                END;
                """),
        Migration(
            version: 2, name: "Arabic-aware full-text index over normalized words and their variants",
            sql: """
                -- Filled by marsadd from MarsadText (search form words in order; stems and parts
                -- of joined words); NULL until then, and the index skips such rows.
                ALTER TABLE articles ADD COLUMN index_title TEXT;
                ALTER TABLE articles ADD COLUMN index_title_variants TEXT;
                ALTER TABLE articles ADD COLUMN index_text TEXT;
                ALTER TABLE articles ADD COLUMN index_text_variants TEXT;

                DROP TRIGGER articles_fts_insert;
                DROP TRIGGER articles_fts_delete;
                DROP TRIGGER articles_fts_update;
                DROP TABLE articles_fts;

                CREATE VIRTUAL TABLE articles_search USING fts5(
                    index_title, index_title_variants, index_text, index_text_variants,
                    content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 0');
                CREATE TRIGGER articles_search_insert AFTER INSERT ON articles WHEN new.index_text IS NOT NULL BEGIN
                    INSERT INTO articles_search(rowid, index_title, index_title_variants, index_text, index_text_variants)
                    VALUES (new.id, new.index_title, new.index_title_variants, new.index_text, new.index_text_variants);
                END;
                CREATE TRIGGER articles_search_delete AFTER DELETE ON articles WHEN old.index_text IS NOT NULL BEGIN
                    INSERT INTO articles_search(articles_search, rowid, index_title, index_title_variants, index_text, index_text_variants)
                    VALUES ('delete', old.id, old.index_title, old.index_title_variants, old.index_text, old.index_text_variants);
                END;
                -- One trigger, two statements in order: remove the old entry, then add the new one.
                CREATE TRIGGER articles_search_update AFTER UPDATE OF index_title, index_title_variants, index_text, index_text_variants
                    ON articles BEGIN
                    INSERT INTO articles_search(articles_search, rowid, index_title, index_title_variants, index_text, index_text_variants)
                    SELECT 'delete', old.id, old.index_title, old.index_title_variants, old.index_text, old.index_text_variants
                    WHERE old.index_text IS NOT NULL;
                    INSERT INTO articles_search(rowid, index_title, index_title_variants, index_text, index_text_variants)
                    SELECT new.id, new.index_title, new.index_title_variants, new.index_text, new.index_text_variants
                    WHERE new.index_text IS NOT NULL;
                END;
                """),
        Migration(
            version: 3, name: "de-obfuscation edits",
            sql: """
                -- What the de-obfuscator changed in each article: offset (Unicode scalars, in the
                -- cleaned text's source), the word as written and as restored.
                CREATE TABLE text_edits (
                    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    position      INTEGER NOT NULL,
                    offset        INTEGER NOT NULL,
                    before        TEXT    NOT NULL,
                    after         TEXT    NOT NULL,
                    PRIMARY KEY (article_id, position)
                ) WITHOUT ROWID;
                """),
        Migration(
            version: 4, name: "outlet, publication date and the dates an article mentions",
            sql: """
                ALTER TABLE articles ADD COLUMN outlet_ar TEXT;
                ALTER TABLE articles ADD COLUMN outlet_en TEXT;
                ALTER TABLE articles ADD COLUMN published TEXT;             -- 2025-10-26, 2025-10 or 2025
                ALTER TABLE articles ADD COLUMN published_precision TEXT;   -- day, month, year
                ALTER TABLE articles ADD COLUMN dates TEXT NOT NULL DEFAULT ''; -- every date mentioned: "2024-12-08 2025-10"
                CREATE INDEX articles_published ON articles(published);
                """),
        Migration(
            version: 5, name: "places, actors, people, cited media, quantities and incidents",
            sql: """
                -- Which extractor version produced the findings below; NULL: none yet (marsadd
                -- extracts such articles at start-up, and again when its version is newer).
                ALTER TABLE articles ADD COLUMN extractor_version INTEGER;
                CREATE TABLE article_places (
                    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    position   INTEGER NOT NULL,
                    name_ar    TEXT    NOT NULL,
                    name_en    TEXT,
                    kind       TEXT    NOT NULL,   -- country, governorate, district, province, region, site, city, town
                    country    TEXT    NOT NULL,   -- ISO 3166-1 alpha-2
                    admin1     TEXT,               -- OCHA p-code of the Syrian governorate
                    pcode      TEXT,
                    lat        REAL,
                    lon        REAL,
                    qualifier  TEXT,               -- "eastern countryside", "north of", ...
                    sentence   INTEGER NOT NULL,
                    PRIMARY KEY (article_id, position)
                ) WITHOUT ROWID;
                CREATE INDEX article_places_admin1 ON article_places(admin1);
                CREATE INDEX article_places_name ON article_places(name_ar);
                CREATE TABLE article_actors (
                    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    position   INTEGER NOT NULL,
                    actor_id   TEXT    NOT NULL,
                    form       TEXT    NOT NULL,
                    sentence   INTEGER NOT NULL,
                    PRIMARY KEY (article_id, position)
                ) WITHOUT ROWID;
                CREATE INDEX article_actors_actor ON article_actors(actor_id);
                CREATE TABLE article_people (
                    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    position   INTEGER NOT NULL,
                    name       TEXT    NOT NULL,
                    role       TEXT,
                    PRIMARY KEY (article_id, position)
                ) WITHOUT ROWID;
                CREATE TABLE article_media (
                    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    position   INTEGER NOT NULL,
                    name       TEXT    NOT NULL,
                    PRIMARY KEY (article_id, position)
                ) WITHOUT ROWID;
                CREATE TABLE article_quantities (
                    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    position   INTEGER NOT NULL,
                    value      INTEGER,            -- NULL for a vague count
                    qualifier  TEXT,
                    text       TEXT    NOT NULL,
                    PRIMARY KEY (article_id, position)
                ) WITHOUT ROWID;
                CREATE TABLE incidents (
                    id              INTEGER PRIMARY KEY,
                    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    position        INTEGER NOT NULL,
                    type            TEXT    NOT NULL,
                    agents          TEXT    NOT NULL,  -- actor ids, space-separated
                    target          TEXT,
                    places          TEXT    NOT NULL,  -- Arabic names, "|"-separated, most specific first
                    admin1          TEXT,
                    country         TEXT,
                    lat             REAL,
                    lon             REAL,
                    count           INTEGER,
                    count_qualifier TEXT,
                    date            TEXT,
                    date_precision  TEXT,
                    relative_date   TEXT,
                    evidence        TEXT    NOT NULL,
                    evidence_start  INTEGER NOT NULL,  -- Unicode scalars into clean_text
                    evidence_end    INTEGER NOT NULL,
                    confidence      REAL    NOT NULL,
                    UNIQUE (article_id, position)
                );
                CREATE INDEX incidents_type ON incidents(type);
                CREATE INDEX incidents_admin1 ON incidents(admin1);
                CREATE INDEX incidents_date ON incidents(date);
                """),
        Migration(
            version: 6, name: "start-up finds the articles to index or to extract without reading every row",
            sql: """
                -- Start-up asks for articles without an index entry or with older findings; without
                -- these it read the whole table (most of a second at 100k articles).
                CREATE INDEX articles_unindexed ON articles(id) WHERE index_text IS NULL;
                CREATE INDEX articles_extractor_version ON articles(extractor_version);
                """),
        Migration(
            version: 7, name: "incidents in newest-first order without sorting them all",
            sql: """
                -- When an incident happened as events.list orders it: its own date, else its
                -- article's publication date, else the day the article was received. Written with
                -- the incident (the article row is there first); the indexes give the newest
                -- incidents, filtered by place, country or type, without a sort of every one.
                ALTER TABLE incidents ADD COLUMN sort_day TEXT;
                UPDATE incidents SET sort_day = (SELECT coalesce(incidents.date, a.published, substr(a.received_at, 1, 10))
                                                 FROM articles a WHERE a.id = incidents.article_id);
                DROP INDEX incidents_type;
                DROP INDEX incidents_admin1;
                CREATE INDEX incidents_newest ON incidents(sort_day, id);
                CREATE INDEX incidents_admin1_newest ON incidents(admin1, sort_day, id);
                CREATE INDEX incidents_country_newest ON incidents(country, sort_day, id);
                CREATE INDEX incidents_type_newest ON incidents(type, sort_day, id);
                """),
        Migration(
            version: 8, name: "incidents as analysts count them: figures by role, what else the operation did, date basis, geo-precision",
            sql: """
                -- killed, injured, captured, kidnapped: the number, its qualifier, and for a vague
                -- number ACLED's estimate. Older rows keep NULLs until their article is extracted
                -- again (marsadd does so at start-up: the extractor version is newer).
                ALTER TABLE incidents ADD COLUMN killed INTEGER;
                ALTER TABLE incidents ADD COLUMN killed_qualifier TEXT;
                ALTER TABLE incidents ADD COLUMN killed_estimate INTEGER;
                ALTER TABLE incidents ADD COLUMN injured INTEGER;
                ALTER TABLE incidents ADD COLUMN injured_qualifier TEXT;
                ALTER TABLE incidents ADD COLUMN injured_estimate INTEGER;
                ALTER TABLE incidents ADD COLUMN captured INTEGER;
                ALTER TABLE incidents ADD COLUMN captured_qualifier TEXT;
                ALTER TABLE incidents ADD COLUMN captured_estimate INTEGER;
                ALTER TABLE incidents ADD COLUMN kidnapped INTEGER;
                ALTER TABLE incidents ADD COLUMN kidnapped_qualifier TEXT;
                ALTER TABLE incidents ADD COLUMN kidnapped_estimate INTEGER;
                -- Types of the same operation besides its own, space-separated ("arrest seizure").
                ALTER TABLE incidents ADD COLUMN also TEXT NOT NULL DEFAULT '';
                ALTER TABLE incidents ADD COLUMN date_basis TEXT;
                ALTER TABLE incidents ADD COLUMN geo_precision INTEGER;
                """),
        Migration(
            version: 9, name: "where an article's publication date comes from",
            sql: """
                -- "text" (a dateline, the page's metadata) or "filename" (a date in the file's
                -- name when the text has none); NULL with no publication date. Older rows get
                -- it when reprocessed (marsadctl reprocess --all).
                ALTER TABLE articles ADD COLUMN published_basis TEXT;
                UPDATE articles SET published_basis = 'text' WHERE published IS NOT NULL;
                """),
        Migration(
            version: 10, name: "first-level divisions: the ISO 3166-2 code of an incident's and a place's division",
            sql: """
                -- "IQ-NI", "SY-DY": NULL until the article is extracted again (at start-up: the
                -- extractor version is newer).
                ALTER TABLE incidents ADD COLUMN division TEXT;
                ALTER TABLE article_places ADD COLUMN division TEXT;
                CREATE INDEX incidents_division_newest ON incidents(division, sort_day, id);
                """),
        Migration(
            version: 11, name: "boilerplate learned from repetition: how many articles of an outlet or folder hold a line",
            sql: """
                -- scope: "outlet:<name>" or "folder:<inbox folder>" ("folder:" for the inbox
                -- itself); key: the line's words in search form (Cleaning.lineKey); line: as
                -- first seen; articles: how many articles of the scope held it when stored.
                CREATE TABLE repeated_lines (
                    scope     TEXT    NOT NULL,
                    key       TEXT    NOT NULL,
                    line      TEXT    NOT NULL,
                    articles  INTEGER NOT NULL,
                    first_seen TEXT    NOT NULL,        -- received_at of the first article that held it
                    PRIMARY KEY (scope, key)
                ) WITHOUT ROWID;
                """),
        storiesAndIncidents,
    ]

    static var latestVersion: Int { all.last?.version ?? 0 }

    /// Brings the database up to `target` (by default the latest version).
    /// Throws `.schemaTooNew` when the file was written by a newer marsad.
    static func migrate(_ db: Connection, to target: Int = latestVersion) throws(StoreError) {
        let current = try db.pragmaInt("user_version")
        guard current <= latestVersion else {
            throw StoreError(
                .schemaTooNew,
                "database \(db.path) has schema version \(current), newer than this marsad knows (\(latestVersion)); run a newer marsad or restore a backup"
            )
        }
        for migration in all where migration.version > current && migration.version <= target {
            try db.transaction { () throws(StoreError) in
                try db.execute(migration.sql)
                try db.execute("PRAGMA user_version = \(migration.version)")
            }
        }
    }
}
