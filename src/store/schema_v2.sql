-- Version 2: fitted pricing models, cached per kind and keyed by what they
-- were fitted on, so `treevu recommend` of one listing does not refit the pool.
CREATE TABLE model_cache (
    kind        TEXT PRIMARY KEY CHECK (kind IN ('property', 'vehicle')),
    fingerprint TEXT NOT NULL,
    model       BLOB NOT NULL,
    created_at  TEXT NOT NULL
);
