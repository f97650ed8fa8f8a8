-- Version 3: the model cache in parts, and a change counter of the pool.
--
-- A cached model is a small head (model_cache.model: levels, trees) plus one
-- part per home segment or car brand, so `treevu recommend` of one listing
-- reads the head and one part instead of the whole fitted pool. `generation`
-- ties the parts to the head they were written with.
CREATE TABLE model_cache_part (
    kind       TEXT NOT NULL CHECK (kind IN ('property', 'vehicle')),
    part       TEXT NOT NULL,
    generation INTEGER NOT NULL,
    data       BLOB NOT NULL,
    PRIMARY KEY (kind, part)
);
ALTER TABLE model_cache ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
-- Caches written before this version are in the old single-blob form.
DELETE FROM model_cache;

-- Bumped by every insert, update and delete of the pool, so a cached model
-- can be checked against the pool without reading it (the count, newest
-- import and price total it replaces took a scan of every row).
CREATE TABLE market_pool_version (
    kind    TEXT PRIMARY KEY CHECK (kind IN ('property', 'vehicle')),
    version INTEGER NOT NULL
);
INSERT INTO market_pool_version (kind, version) VALUES ('property', 0), ('vehicle', 0);
CREATE TRIGGER market_pool_version_ai AFTER INSERT ON market_pool BEGIN
    UPDATE market_pool_version SET version = version + 1 WHERE kind = new.kind;
END;
CREATE TRIGGER market_pool_version_ad AFTER DELETE ON market_pool BEGIN
    UPDATE market_pool_version SET version = version + 1 WHERE kind = old.kind;
END;
CREATE TRIGGER market_pool_version_au AFTER UPDATE ON market_pool BEGIN
    UPDATE market_pool_version SET version = version + 1 WHERE kind IN (old.kind, new.kind);
END;
