-- Version 4: the model cache head with its blob as the last column.
--
-- Reading the key columns of a row (here `generation`) that come after a
-- large blob makes SQLite walk the blob's overflow pages: 0.7 MB read for a
-- 16-byte answer. The cache is disposable, so the table is recreated rather
-- than copied; the next command that prices refits.
DROP TABLE model_cache;
CREATE TABLE model_cache (
    kind        TEXT PRIMARY KEY CHECK (kind IN ('property', 'vehicle')),
    fingerprint TEXT NOT NULL,
    generation  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    model       BLOB NOT NULL
);
DELETE FROM model_cache_part;
