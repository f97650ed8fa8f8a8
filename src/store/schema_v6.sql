-- Version 6: twins, one item listed on several marketplaces, and what keeps
-- them in step: the links, the delists a sale elsewhere calls for, crosslists
-- in flight, and the profile's delist policy.

-- Two listings that are one item. `origin` says who said so: treevu published
-- one from the other ('crosslist'), detection found them ('detected', with its
-- score and the evidence as JSON), or the merchant linked them ('manual').
CREATE TABLE twin_links (
    id          INTEGER PRIMARY KEY,
    listing_a   INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    listing_b   INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    origin      TEXT NOT NULL CHECK (origin IN ('crosslist', 'detected', 'manual')),
    score       REAL,
    evidence    TEXT,
    created_at  TEXT NOT NULL,
    CHECK (listing_a < listing_b),
    UNIQUE (listing_a, listing_b)
);
CREATE INDEX twin_links_b ON twin_links (listing_b);

-- Pairs the merchant unlinked ('treevu twins unlink'): never detected again.
CREATE TABLE twin_rejections (
    listing_a   INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    listing_b   INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    CHECK (listing_a < listing_b),
    PRIMARY KEY (listing_a, listing_b)
);

-- Taking a listing down because its twin (`cause`) was sold, rented or removed
-- at its marketplace. 'proposed': the policy is ask, the command was shown;
-- 'pending': to do, or failed and retried by the next sync; 'done'; 'cancelled':
-- no longer needed (the cause is active again, the link is gone, the merchant
-- took it down).
CREATE TABLE delists (
    id            INTEGER PRIMARY KEY,
    target        INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    cause         INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    cause_status  TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('proposed', 'pending', 'done', 'cancelled')),
    method        TEXT,
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    note          TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (target, cause)
);
CREATE INDEX delists_state ON delists (state);

-- Two twins both sold or rented: the item went twice. Reported, never acted on blindly.
CREATE TABLE twin_conflicts (
    listing_a     INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    listing_b     INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    first_seen_at TEXT NOT NULL,
    CHECK (listing_a < listing_b),
    PRIMARY KEY (listing_a, listing_b)
);

-- Listings the merchant took down through 'treevu listing remove': a choice
-- about one marketplace, not a reason to take the item down elsewhere.
CREATE TABLE own_removals (
    listing_id  INTEGER PRIMARY KEY REFERENCES listings (id) ON DELETE CASCADE,
    removed_at  TEXT NOT NULL
);

-- A crosslist sent and not yet answered. If treevu died between the POST and
-- storing its answer, the next crosslist of the same item waits for a sync of
-- the target to tell whether it arrived, instead of publishing it twice.
CREATE TABLE crosslist_intents (
    source      INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    target      TEXT NOT NULL CHECK (target IN ('olx', 'inmuebles24', 'autofact')),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (source, target)
);

-- Settings of this profile (the database is the profile's): the delist policy.
CREATE TABLE profile_settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
