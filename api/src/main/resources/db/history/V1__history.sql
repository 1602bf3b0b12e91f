-- The history database (docs/api.md, "History database"). One dialect for H2 (in PostgreSQL
-- mode) and PostgreSQL: times are TIMESTAMP WITH TIME ZONE, unknown counts NULL.

-- Every item the crawler published, with its latest state.
CREATE TABLE items (
    id          BIGINT PRIMARY KEY,
    source_id   VARCHAR(64)   NOT NULL,
    title       VARCHAR(2048) NOT NULL,
    title_cut   BOOLEAN       NOT NULL,
    url         VARCHAR(8192) NOT NULL,
    author      VARCHAR(512),
    published   TIMESTAMP WITH TIME ZONE,
    first_seen  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen   TIMESTAMP WITH TIME ZONE NOT NULL,
    gone_since  TIMESTAMP WITH TIME ZONE,
    rank        INTEGER       NOT NULL,
    score       BIGINT,
    comments    BIGINT
);
CREATE INDEX items_last_seen ON items (last_seen);
CREATE INDEX items_first_seen ON items (first_seen);
CREATE INDEX items_source ON items (source_id);
CREATE INDEX items_live ON items (gone_since);

-- An item's rank, score and comments each time one of them changed.
CREATE TABLE item_points (
    item_id   BIGINT  NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    at        TIMESTAMP WITH TIME ZONE NOT NULL,
    rank      INTEGER NOT NULL,
    score     BIGINT,
    comments  BIGINT
);
CREATE INDEX item_points_item ON item_points (item_id, at);
CREATE INDEX item_points_at ON item_points (at);

-- Every finished crawl of every source.
CREATE TABLE crawls (
    source_id        VARCHAR(64)  NOT NULL,
    finished         TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_millis  BIGINT       NOT NULL,
    item_count       INTEGER      NOT NULL,
    outcome          VARCHAR(32)  NOT NULL,
    http_status      INTEGER      NOT NULL,
    error            VARCHAR(2048)
);
CREATE INDEX crawls_source ON crawls (source_id, finished);
CREATE INDEX crawls_finished ON crawls (finished);
