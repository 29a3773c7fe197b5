/// Step 12 of the schema (issue 17): stories and incidents across articles, the tables
/// MarsadMerge's rules read and write (StoreWriter+Stories, +Incidents, +Decisions).
extension Migrations {
    static let storiesAndIncidents = Migration(
        version: 12, name: "stories and incidents across articles",
        sql: """
            -- The story an article tells: the smallest article id of its story (itself when
            -- alone). NULL until linked (marsadd links every article at start-up).
            ALTER TABLE articles ADD COLUMN story_id INTEGER;
            CREATE INDEX articles_story ON articles(story_id);
            -- What the story rules compare (MarsadMerge.StorySignature: MinHash of shingles,
            -- the lead's words), and the day they compare it on (days since 1970).
            CREATE TABLE story_signatures (
                article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                signature  BLOB,
                day        INTEGER
            );
            -- LSH: an article under each of its band keys; articles sharing one are candidates.
            CREATE TABLE story_bands (
                band       INTEGER NOT NULL,
                key        INTEGER NOT NULL,
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                PRIMARY KEY (band, key, article_id)
            ) WITHOUT ROWID;
            CREATE INDEX story_bands_article ON story_bands(article_id);
            -- The rare words of an article's lead (MarsadMerge.WordWeights.isDistinctive), by
            -- day: the candidates of rewrites share two of them.
            CREATE TABLE story_words (
                word       INTEGER NOT NULL,
                day        INTEGER NOT NULL,
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                PRIMARY KEY (word, day, article_id)
            ) WITHOUT ROWID;
            CREATE INDEX story_words_article ON story_words(article_id);
            -- Why two articles are one story (article_id > other_id): the rule and its measures.
            CREATE TABLE story_links (
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                other_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                reason     TEXT    NOT NULL,   -- near-duplicate, rewrite
                shingles   REAL    NOT NULL,   -- estimated Jaccard similarity of the 3-shingles
                lead       REAL    NOT NULL,   -- weighted similarity of the leads' words
                PRIMARY KEY (article_id, other_id)
            ) WITHOUT ROWID;
            CREATE INDEX story_links_other ON story_links(other_id);

            -- The incident a report belongs to (merged_incidents.id); NULL until merged.
            ALTER TABLE incidents ADD COLUMN incident_id INTEGER;
            CREATE INDEX incidents_merged ON incidents(incident_id, article_id, position);
            -- Candidates of a new report: the reports of a type within days of it.
            CREATE INDEX incidents_type_day ON incidents(type, sort_day);
            -- One incident as its reports tell it (MarsadModel.MergedIncident). Its anchor is
            -- its first report, by (article, position): an id outlives reprocessing while
            -- the anchor does.
            CREATE TABLE merged_incidents (
                id              INTEGER PRIMARY KEY,
                anchor_article  INTEGER NOT NULL,
                anchor_position INTEGER NOT NULL,
                type            TEXT    NOT NULL,
                places          TEXT    NOT NULL,   -- "|"-separated, most specific first
                admin1          TEXT,
                country         TEXT,
                division        TEXT,
                lat             REAL,
                lon             REAL,
                geo_precision   INTEGER,
                date            TEXT,
                agents          TEXT    NOT NULL,   -- space-separated
                target          TEXT,
                killed          INTEGER,
                injured         INTEGER,
                captured        INTEGER,
                kidnapped       INTEGER,
                mentions        INTEGER NOT NULL,
                articles        INTEGER NOT NULL,
                outlets         TEXT    NOT NULL,   -- "|"-separated
                first_reported  TEXT,
                last_reported   TEXT,
                sort_day        TEXT,               -- date, else first_reported
                tally           TEXT    NOT NULL,   -- MarsadMerge.IncidentTally as JSON: what the reports add up to
                UNIQUE (anchor_article, anchor_position)
            );
            CREATE INDEX merged_incidents_newest ON merged_incidents(sort_day, id);
            -- Where a new report finds its candidates: the merged incidents with a report of a
            -- type, in a country (and division, '' for none), on a day (days since 1970).
            CREATE TABLE incident_keys (
                type        TEXT    NOT NULL,
                country     TEXT    NOT NULL,
                division    TEXT    NOT NULL,
                day         INTEGER NOT NULL,
                incident_id INTEGER NOT NULL,
                PRIMARY KEY (type, country, day, division, incident_id)
            ) WITHOUT ROWID;
            CREATE INDEX incident_keys_incident ON incident_keys(incident_id);
            -- What analysts decided (marsadctl incidents split / join): two reports that are
            -- "apart" (never one incident) or "together" (always one). (article_a,
            -- position_a) is the later report: merging reads the decision when it places it.
            -- Kept by reprocess and relinks.
            CREATE TABLE merge_decisions (
                id         INTEGER PRIMARY KEY,
                kind       TEXT    NOT NULL,   -- apart, together
                article_a  INTEGER NOT NULL,
                position_a INTEGER NOT NULL,
                article_b  INTEGER NOT NULL,
                position_b INTEGER NOT NULL,
                decided_at TEXT    NOT NULL,
                decided_by INTEGER,            -- the uid that asked
                UNIQUE (article_a, position_a, article_b, position_b)
            );
            -- Why a report joined its incident: the report it was found the same as and the
            -- fields that agreed; development: a later report with a higher figure.
            CREATE TABLE incident_links (
                article_id       INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                position         INTEGER NOT NULL,
                matched_article  INTEGER NOT NULL,
                matched_position INTEGER NOT NULL,
                fields           TEXT    NOT NULL,  -- "type place date actors"
                development      INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (article_id, position)
            ) WITHOUT ROWID;
            """)
}
