-- treevu schema, version 1. Adapted from the spec's section 4, without any secret:
-- tokens and keys live in the OS keyring (or the opt-in encrypted file store).
-- Money is integer minor units (céntimos / cents) beside its currency.
-- One database per merchant profile, so no merchant_id column is needed.

CREATE TABLE accounts (
    marketplace      TEXT PRIMARY KEY CHECK (marketplace IN ('olx', 'inmuebles24', 'autofact')),
    remote_user_id   TEXT NOT NULL,
    display_name     TEXT,
    connected_at     TEXT NOT NULL,
    last_sync_at     TEXT,
    secret_store     TEXT NOT NULL,          -- where the secret is kept: 'keyring' or 'file'
    secret_ref       TEXT NOT NULL,          -- the entry's name there, e.g. 'treevu / olx:default'
    needs_reconnect  INTEGER NOT NULL DEFAULT 0,
    scopes           TEXT
);

CREATE TABLE listings (
    id                INTEGER PRIMARY KEY,
    marketplace       TEXT NOT NULL CHECK (marketplace IN ('olx', 'inmuebles24', 'autofact')),
    remote_id         TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('property', 'vehicle', 'other')),
    title             TEXT NOT NULL,
    description       TEXT,
    price_minor       INTEGER NOT NULL,
    currency          TEXT NOT NULL CHECK (currency IN ('PEN', 'USD')),
    status            TEXT NOT NULL,
    category          TEXT,
    subcategory       TEXT,
    city              TEXT,
    district          TEXT,
    address           TEXT,
    latitude          REAL,
    longitude         REAL,
    -- property fields
    operation         TEXT,
    property_type     TEXT,
    area_m2           REAL,
    bedrooms          INTEGER,
    bathrooms         INTEGER,
    parking           INTEGER,
    -- vehicle fields
    brand             TEXT,
    model             TEXT,
    year              INTEGER,
    mileage_km        INTEGER,
    condition         TEXT,
    transmission      TEXT,
    fuel_type         TEXT,
    -- engagement as last seen
    views             INTEGER NOT NULL DEFAULT 0,
    contacts          INTEGER NOT NULL DEFAULT 0,   -- OLX/Autofact contacts, Inmuebles24 leads
    favorites         INTEGER NOT NULL DEFAULT 0,
    last_contact_at   TEXT,
    remote_created_at TEXT,
    remote_updated_at TEXT,
    first_seen_at     TEXT NOT NULL,
    last_seen_at      TEXT NOT NULL,
    removed_at        TEXT,                  -- set when a full sync no longer finds it
    raw               TEXT NOT NULL,         -- the payload as received
    UNIQUE (marketplace, remote_id)
);
CREATE INDEX listings_status ON listings (marketplace, status);

CREATE TABLE price_history (
    id           INTEGER PRIMARY KEY,
    listing_id   INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    price_minor  INTEGER NOT NULL,
    currency     TEXT NOT NULL CHECK (currency IN ('PEN', 'USD')),
    observed_at  TEXT NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('sync', 'apply'))
);
CREATE INDEX price_history_listing ON price_history (listing_id, observed_at);

CREATE TABLE engagement_snapshots (
    id           INTEGER PRIMARY KEY,
    listing_id   INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    observed_at  TEXT NOT NULL,
    views        INTEGER NOT NULL,
    contacts     INTEGER NOT NULL,
    favorites    INTEGER NOT NULL
);
CREATE INDEX engagement_listing ON engagement_snapshots (listing_id, observed_at);

CREATE TABLE sync_runs (
    id             INTEGER PRIMARY KEY,
    marketplace    TEXT NOT NULL,
    started_at     TEXT NOT NULL,
    finished_at    TEXT,
    full_sync      INTEGER NOT NULL DEFAULT 0,
    outcome        TEXT NOT NULL DEFAULT 'running'
                   CHECK (outcome IN ('running', 'ok', 'partial', 'failed', 'interrupted')),
    fetched        INTEGER NOT NULL DEFAULT 0,
    new            INTEGER NOT NULL DEFAULT 0,
    updated        INTEGER NOT NULL DEFAULT 0,
    unchanged      INTEGER NOT NULL DEFAULT 0,
    removed        INTEGER NOT NULL DEFAULT 0,
    quarantined    INTEGER NOT NULL DEFAULT 0,
    requests_used  INTEGER NOT NULL DEFAULT 0,
    throttled      INTEGER NOT NULL DEFAULT 0,
    error          TEXT
);
CREATE INDEX sync_runs_marketplace ON sync_runs (marketplace, started_at);

-- Where the next sync of an account continues from.
CREATE TABLE sync_state (
    marketplace     TEXT PRIMARY KEY,
    cursor          TEXT,                    -- updated_since for the next incremental run
    checkpoint      TEXT,                    -- JSON: a partial run's resume point
    last_success_at TEXT,
    notified_at     TEXT,
    last_notice     TEXT
);

-- The hourly request budget of each account, shared by every treevu process.
CREATE TABLE rate_budget (
    marketplace  TEXT PRIMARY KEY,
    hourly_limit INTEGER NOT NULL,
    remaining    INTEGER NOT NULL,
    reset_at     INTEGER NOT NULL,           -- unix seconds when the window resets
    updated_at   INTEGER NOT NULL
);

CREATE TABLE quarantine (
    id            INTEGER PRIMARY KEY,
    marketplace   TEXT NOT NULL,
    remote_id     TEXT NOT NULL,
    reason        TEXT NOT NULL,
    payload       TEXT NOT NULL,
    first_seen_at TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,
    run_id        INTEGER REFERENCES sync_runs (id) ON DELETE SET NULL,
    UNIQUE (marketplace, remote_id)
);

CREATE TABLE leads (
    id            INTEGER PRIMARY KEY,
    marketplace   TEXT NOT NULL,
    remote_id     TEXT NOT NULL,
    listing_remote_id TEXT NOT NULL,
    name          TEXT NOT NULL,
    email         TEXT,
    phone         TEXT,
    message       TEXT,
    created_at    TEXT NOT NULL,
    fetched_at    TEXT NOT NULL,
    UNIQUE (marketplace, remote_id)
);

CREATE TABLE conversations (
    id              INTEGER PRIMARY KEY,
    marketplace     TEXT NOT NULL,
    remote_id       TEXT NOT NULL,
    listing_remote_id TEXT NOT NULL,
    buyer_name      TEXT NOT NULL,
    last_message    TEXT,
    last_message_at TEXT NOT NULL,
    unread          INTEGER NOT NULL DEFAULT 0,
    message_count   INTEGER NOT NULL DEFAULT 0,
    fetched_at      TEXT NOT NULL,
    UNIQUE (marketplace, remote_id)
);

-- Market comparables from any source: CSV imports, Inmuebles24 market search,
-- Autofact market analysis.
CREATE TABLE market_pool (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('property', 'vehicle')),
    source          TEXT NOT NULL,
    title           TEXT NOT NULL DEFAULT '',
    price_minor     INTEGER NOT NULL,
    currency        TEXT NOT NULL CHECK (currency IN ('PEN', 'USD')),
    -- property
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
    -- vehicle
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
    imported_at     TEXT NOT NULL
);
CREATE INDEX market_pool_kind ON market_pool (kind, district);

CREATE VIRTUAL TABLE market_pool_fts USING fts5 (
    title, content = 'market_pool', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER market_pool_ai AFTER INSERT ON market_pool BEGIN
    INSERT INTO market_pool_fts (rowid, title) VALUES (new.rowid, new.title);
END;
CREATE TRIGGER market_pool_ad AFTER DELETE ON market_pool BEGIN
    INSERT INTO market_pool_fts (market_pool_fts, rowid, title) VALUES ('delete', old.rowid, old.title);
END;
CREATE TRIGGER market_pool_au AFTER UPDATE ON market_pool BEGIN
    INSERT INTO market_pool_fts (market_pool_fts, rowid, title) VALUES ('delete', old.rowid, old.title);
    INSERT INTO market_pool_fts (rowid, title) VALUES (new.rowid, new.title);
END;
