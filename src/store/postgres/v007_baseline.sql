-- treevu schema, version 7, for PostgreSQL: the same tables and columns as
-- the SQLite file at version 7, with the merchant first in every key (one
-- database holds many merchants; a merchant is what a profile is on SQLite).
-- Times stay RFC 3339 UTC text with milliseconds, as the store's API speaks
-- them (text order is time order); flags are 0/1 integers like SQLite's.
-- Not ported: SQLite's full-text index of the pool (no query reads it).

CREATE TABLE treevu_schema (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    version  integer NOT NULL
);

CREATE TABLE merchants (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    created_at text NOT NULL
);

CREATE TABLE accounts (
    merchant_id      bigint NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    marketplace      text NOT NULL CHECK (marketplace IN ('olx', 'inmuebles24', 'autofact')),
    remote_user_id   text NOT NULL,
    display_name     text,
    connected_at     text NOT NULL,
    last_sync_at     text,
    secret_store     text NOT NULL,
    secret_ref       text NOT NULL,
    needs_reconnect  integer NOT NULL DEFAULT 0,
    scopes           text,
    PRIMARY KEY (merchant_id, marketplace)
);

CREATE TABLE listings (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    merchant_id       bigint NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    marketplace       text NOT NULL CHECK (marketplace IN ('olx', 'inmuebles24', 'autofact')),
    remote_id         text NOT NULL,
    kind              text NOT NULL CHECK (kind IN ('property', 'vehicle', 'other')),
    title             text NOT NULL,
    description       text,
    price_minor       bigint NOT NULL,
    currency          text NOT NULL CHECK (currency IN ('PEN', 'USD')),
    status            text NOT NULL,
    category          text,
    subcategory       text,
    city              text,
    district          text,
    address           text,
    latitude          double precision,
    longitude         double precision,
    operation         text,
    property_type     text,
    area_m2           double precision,
    bedrooms          bigint,
    bathrooms         bigint,
    parking           bigint,
    brand             text,
    model             text,
    year              bigint,
    mileage_km        bigint,
    condition         text,
    transmission      text,
    fuel_type         text,
    views             bigint NOT NULL DEFAULT 0,
    contacts          bigint NOT NULL DEFAULT 0,
    favorites         bigint NOT NULL DEFAULT 0,
    last_contact_at   text,
    remote_created_at text,
    remote_updated_at text,
    first_seen_at     text NOT NULL,
    last_seen_at      text NOT NULL,
    removed_at        text,
    raw               text NOT NULL,
    UNIQUE (merchant_id, marketplace, remote_id)
);
CREATE INDEX listings_status ON listings (merchant_id, marketplace, status);

CREATE TABLE price_history (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    listing_id   bigint NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    price_minor  bigint NOT NULL,
    currency     text NOT NULL CHECK (currency IN ('PEN', 'USD')),
    observed_at  text NOT NULL,
    source       text NOT NULL CHECK (source IN ('sync', 'apply'))
);
CREATE INDEX price_history_listing ON price_history (listing_id, observed_at);

CREATE TABLE engagement_snapshots (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    listing_id   bigint NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    observed_at  text NOT NULL,
    views        bigint NOT NULL,
    contacts     bigint NOT NULL,
    favorites    bigint NOT NULL
);
CREATE INDEX engagement_listing ON engagement_snapshots (listing_id, observed_at);

CREATE TABLE sync_runs (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    merchant_id    bigint NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    marketplace    text NOT NULL,
    started_at     text NOT NULL,
    finished_at    text,
    full_sync      integer NOT NULL DEFAULT 0,
    outcome        text NOT NULL DEFAULT 'running'
                   CHECK (outcome IN ('running', 'ok', 'partial', 'failed', 'interrupted')),
    fetched        bigint NOT NULL DEFAULT 0,
    new            bigint NOT NULL DEFAULT 0,
    updated        bigint NOT NULL DEFAULT 0,
    unchanged      bigint NOT NULL DEFAULT 0,
    removed        bigint NOT NULL DEFAULT 0,
    quarantined    bigint NOT NULL DEFAULT 0,
    requests_used  bigint NOT NULL DEFAULT 0,
    throttled      bigint NOT NULL DEFAULT 0,
    error          text
);
CREATE INDEX sync_runs_marketplace ON sync_runs (merchant_id, marketplace, started_at);

CREATE TABLE sync_state (
    merchant_id     bigint NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    marketplace     text NOT NULL,
    cursor          text,
    checkpoint      text,
    last_success_at text,
    notified_at     text,
    last_notice     text,
    PRIMARY KEY (merchant_id, marketplace)
);

CREATE TABLE rate_budget (
    merchant_id  bigint NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    marketplace  text NOT NULL,
    hourly_limit bigint NOT NULL,
    remaining    bigint NOT NULL,
    reset_at     bigint NOT NULL,
    updated_at   bigint NOT NULL,
    PRIMARY KEY (merchant_id, marketplace)
);

CREATE TABLE quarantine (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    merchant_id   bigint NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    marketplace   text NOT NULL,
    remote_id     text NOT NULL,
    reason        text NOT NULL,
    payload       text NOT NULL,
    first_seen_at text NOT NULL,
    last_seen_at  text NOT NULL,
    run_id        bigint REFERENCES sync_runs (id) ON DELETE SET NULL,
    UNIQUE (merchant_id, marketplace, remote_id)
);

CREATE TABLE leads (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    merchant_id       bigint NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    marketplace       text NOT NULL,
    remote_id         text NOT NULL,
    listing_remote_id text NOT NULL,
    name              text NOT NULL,
    email             text,
    phone             text,
    message           text,
    created_at        text NOT NULL,
    fetched_at        text NOT NULL,
    UNIQUE (merchant_id, marketplace, remote_id)
);

CREATE TABLE conversations (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    merchant_id       bigint NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    marketplace       text NOT NULL,
    remote_id         text NOT NULL,
    listing_remote_id text NOT NULL,
    buyer_name        text NOT NULL,
    last_message      text,
    last_message_at   text NOT NULL,
    unread            bigint NOT NULL DEFAULT 0,
    message_count     bigint NOT NULL DEFAULT 0,
    fetched_at        text NOT NULL,
    UNIQUE (merchant_id, marketplace, remote_id)
);

CREATE TABLE market_pool (
    merchant_id     bigint NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    -- SQLite's rowid: the order rows were first stored in.
    seq             bigint GENERATED ALWAYS AS IDENTITY,
    kind            text NOT NULL CHECK (kind IN ('property', 'vehicle')),
    id              text NOT NULL,
    origin          text NOT NULL DEFAULT 'import' CHECK (origin IN ('import', 'market', 'own')),
    source          text NOT NULL,
    title           text NOT NULL DEFAULT '',
    price_minor     bigint NOT NULL,
    currency        text NOT NULL CHECK (currency IN ('PEN', 'USD')),
    operation       text,
    property_type   text,
    area_m2         double precision,
    bedrooms        bigint,
    bathrooms       bigint,
    parking         bigint,
    maintenance_pen double precision,
    city            text,
    zone            text,
    district        text,
    address         text,
    brand           text,
    model           text,
    year            bigint,
    mileage_km      bigint,
    condition       text,
    transmission    text,
    fuel_type       text,
    body_type       text,
    drivetrain      text,
    engine_l        double precision,
    days_listed     bigint,
    photos          bigint,
    listed_on       text,
    url             text,
    imported_at     text NOT NULL,
    match_key       text,
    duplicate_of    text,
    PRIMARY KEY (merchant_id, kind, id)
);
CREATE INDEX market_pool_kind ON market_pool (merchant_id, kind, district);
CREATE INDEX market_pool_match ON market_pool (merchant_id, kind, match_key);

CREATE TABLE market_pool_version (
    merchant_id bigint NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('property', 'vehicle')),
    version     bigint NOT NULL,
    PRIMARY KEY (merchant_id, kind)
);

-- One bump per statement and merchant and kind (SQLite bumps per row; only
-- "changed or not" is read), from the statement's transition tables.
CREATE FUNCTION market_pool_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO market_pool_version AS v (merchant_id, kind, version)
            SELECT DISTINCT merchant_id, kind, 1 FROM new_rows
            ON CONFLICT (merchant_id, kind) DO UPDATE SET version = v.version + 1;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO market_pool_version AS v (merchant_id, kind, version)
            SELECT DISTINCT merchant_id, kind, 1 FROM old_rows
            ON CONFLICT (merchant_id, kind) DO UPDATE SET version = v.version + 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER market_pool_version_ai AFTER INSERT ON market_pool
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION market_pool_bump();
CREATE TRIGGER market_pool_version_ad AFTER DELETE ON market_pool
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION market_pool_bump();
CREATE TRIGGER market_pool_version_au AFTER UPDATE ON market_pool
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION market_pool_bump();

CREATE TABLE market_feed (
    merchant_id bigint NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    marketplace text NOT NULL,
    scope       text NOT NULL,
    next_page   bigint NOT NULL DEFAULT 1,
    pages       bigint,
    fetched_at  text NOT NULL,
    PRIMARY KEY (merchant_id, marketplace, scope)
);

CREATE TABLE model_cache (
    merchant_id bigint NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('property', 'vehicle')),
    fingerprint text NOT NULL,
    generation  bigint NOT NULL DEFAULT 0,
    created_at  text NOT NULL,
    model       bytea NOT NULL,
    PRIMARY KEY (merchant_id, kind)
);

CREATE TABLE model_cache_part (
    merchant_id bigint NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('property', 'vehicle')),
    part        text NOT NULL,
    generation  bigint NOT NULL,
    data        bytea NOT NULL,
    PRIMARY KEY (merchant_id, kind, part)
);

CREATE TABLE twin_links (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    listing_a   bigint NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    listing_b   bigint NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    origin      text NOT NULL CHECK (origin IN ('crosslist', 'detected', 'manual')),
    score       double precision,
    evidence    text,
    created_at  text NOT NULL,
    CHECK (listing_a < listing_b),
    UNIQUE (listing_a, listing_b)
);
CREATE INDEX twin_links_b ON twin_links (listing_b);

CREATE TABLE twin_rejections (
    listing_a   bigint NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    listing_b   bigint NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    created_at  text NOT NULL,
    CHECK (listing_a < listing_b),
    PRIMARY KEY (listing_a, listing_b)
);

CREATE TABLE delists (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    target        bigint NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    cause         bigint NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    cause_status  text NOT NULL,
    state         text NOT NULL CHECK (state IN ('proposed', 'pending', 'done', 'cancelled')),
    method        text,
    attempts      bigint NOT NULL DEFAULT 0,
    last_error    text,
    note          text,
    created_at    text NOT NULL,
    updated_at    text NOT NULL,
    claimed_until text,
    UNIQUE (target, cause)
);
CREATE INDEX delists_state ON delists (state);

CREATE TABLE twin_conflicts (
    listing_a     bigint NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    listing_b     bigint NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    first_seen_at text NOT NULL,
    CHECK (listing_a < listing_b),
    PRIMARY KEY (listing_a, listing_b)
);

CREATE TABLE own_removals (
    listing_id  bigint PRIMARY KEY REFERENCES listings (id) ON DELETE CASCADE,
    removed_at  text NOT NULL
);

CREATE TABLE crosslist_intents (
    source      bigint NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    target      text NOT NULL CHECK (target IN ('olx', 'inmuebles24', 'autofact')),
    created_at  text NOT NULL,
    PRIMARY KEY (source, target)
);

CREATE TABLE profile_settings (
    merchant_id bigint NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    key         text NOT NULL,
    value       text NOT NULL,
    PRIMARY KEY (merchant_id, key)
);
