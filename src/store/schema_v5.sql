-- Version 5: the market pool keyed by (kind, id), with where each row came from
-- and which other row it repeats.
--
-- Keyed by id alone, a vehicle row reusing a property's id replaced that
-- property. Rows keep their rowid, so the full-text index stays valid.
--
-- origin:       'import' (market import), 'market' (a marketplace's market data
--               fetched by sync), 'own' (one of the merchant's synced listings).
-- match_key:    what two rows must share to be the same home or car from two
--               sources (set by treevu, see src/market/dedup.rs); NULL until
--               computed, '' when the row has too little to be matched.
-- duplicate_of: the id (same kind) of the row that already counts for this
--               home or car; NULL when this row counts. Duplicates are kept but
--               are never comparables.
CREATE TABLE market_pool_v5 (
    kind            TEXT NOT NULL CHECK (kind IN ('property', 'vehicle')),
    id              TEXT NOT NULL,
    origin          TEXT NOT NULL DEFAULT 'import' CHECK (origin IN ('import', 'market', 'own')),
    source          TEXT NOT NULL,
    title           TEXT NOT NULL DEFAULT '',
    price_minor     INTEGER NOT NULL,
    currency        TEXT NOT NULL CHECK (currency IN ('PEN', 'USD')),
    operation       TEXT,
    property_type   TEXT,
    area_m2         REAL,
    bedrooms        INTEGER,
    bathrooms       INTEGER,
    parking         INTEGER,
    maintenance_pen REAL,
    city            TEXT,
    zone            TEXT,
    district        TEXT,
    address         TEXT,
    brand           TEXT,
    model           TEXT,
    year            INTEGER,
    mileage_km      INTEGER,
    condition       TEXT,
    transmission    TEXT,
    fuel_type       TEXT,
    body_type       TEXT,
    drivetrain      TEXT,
    engine_l        REAL,
    days_listed     INTEGER,
    photos          INTEGER,
    listed_on       TEXT,
    url             TEXT,
    imported_at     TEXT NOT NULL,
    match_key       TEXT,
    duplicate_of    TEXT,
    PRIMARY KEY (kind, id)
);
INSERT INTO market_pool_v5 (
    rowid, kind, id, origin, source, title, price_minor, currency, operation, property_type, area_m2, bedrooms,
    bathrooms, parking, maintenance_pen, city, zone, district, address, brand, model, year, mileage_km, condition,
    transmission, fuel_type, body_type, drivetrain, engine_l, days_listed, photos, listed_on, url, imported_at
)
SELECT
    rowid, kind, id,
    -- Sync wrote its market rows as '<marketplace>:<id>'; everything else came from a file.
    CASE WHEN id LIKE 'inmuebles24:%' OR id LIKE 'autofact:%' THEN 'market' ELSE 'import' END,
    source, title, price_minor, currency, operation, property_type, area_m2, bedrooms, bathrooms, parking,
    maintenance_pen, city, zone, district, address, brand, model, year, mileage_km, condition, transmission,
    fuel_type, body_type, drivetrain, engine_l, days_listed, photos, listed_on, url, imported_at
FROM market_pool;
-- Dropping the table drops its triggers; the full-text table is kept and points
-- at the new table by name.
DROP TABLE market_pool;
ALTER TABLE market_pool_v5 RENAME TO market_pool;
CREATE INDEX market_pool_kind ON market_pool (kind, district);
CREATE INDEX market_pool_match ON market_pool (kind, match_key);

CREATE TRIGGER market_pool_ai AFTER INSERT ON market_pool BEGIN
    INSERT INTO market_pool_fts (rowid, title) VALUES (new.rowid, new.title);
END;
CREATE TRIGGER market_pool_ad AFTER DELETE ON market_pool BEGIN
    INSERT INTO market_pool_fts (market_pool_fts, rowid, title) VALUES ('delete', old.rowid, old.title);
END;
-- Only a new title touches the text index (match keys and duplicate marks change often).
CREATE TRIGGER market_pool_au AFTER UPDATE OF title ON market_pool BEGIN
    INSERT INTO market_pool_fts (market_pool_fts, rowid, title) VALUES ('delete', old.rowid, old.title);
    INSERT INTO market_pool_fts (rowid, title) VALUES (new.rowid, new.title);
END;
CREATE TRIGGER market_pool_version_ai AFTER INSERT ON market_pool BEGIN
    UPDATE market_pool_version SET version = version + 1 WHERE kind = new.kind;
END;
CREATE TRIGGER market_pool_version_ad AFTER DELETE ON market_pool BEGIN
    UPDATE market_pool_version SET version = version + 1 WHERE kind = old.kind;
END;
CREATE TRIGGER market_pool_version_au AFTER UPDATE ON market_pool BEGIN
    UPDATE market_pool_version SET version = version + 1 WHERE kind IN (old.kind, new.kind);
END;
-- What a pool means changed (duplicates no longer count): fitted models are refitted.
UPDATE market_pool_version SET version = version + 1;

-- Where sync's market data stands per marketplace and scope (an Inmuebles24
-- segment 'district|type|operation', an Autofact 'brand|model'): the next page
-- to fetch (1 when the scope was read to its end), its page count when last
-- seen, and when it was last fetched. Sync reads a few pages per run, deeper
-- each time, and refreshes a scope read to its end after a day.
CREATE TABLE market_feed (
    marketplace TEXT NOT NULL,
    scope       TEXT NOT NULL,
    next_page   INTEGER NOT NULL DEFAULT 1,
    pages       INTEGER,
    fetched_at  TEXT NOT NULL,
    PRIMARY KEY (marketplace, scope)
);
