-- Version 8: when each account's sync is due and which worker holds it.
-- A lease is a column, not a held lock: a claim commits at once, and a
-- worker killed mid-sync leaves a lease that expires. Times are the server's
-- (timestamptz, now()), so workers on many machines never compare clocks.
-- lease_token fences writes: a page stored under a token that is no longer
-- the row's is refused.
CREATE SEQUENCE lease_tokens;

CREATE TABLE sync_schedule (
    merchant_id      bigint NOT NULL,
    marketplace      text NOT NULL,
    next_due_at      timestamptz NOT NULL DEFAULT now(),
    lease_owner      text,
    lease_token      bigint,
    lease_expires_at timestamptz,
    attempts         integer NOT NULL DEFAULT 0,
    last_error       text,
    PRIMARY KEY (merchant_id, marketplace),
    FOREIGN KEY (merchant_id, marketplace) REFERENCES accounts (merchant_id, marketplace) ON DELETE CASCADE
);
CREATE INDEX sync_schedule_due ON sync_schedule (next_due_at);

-- Accounts connected before this version are due at once.
INSERT INTO sync_schedule (merchant_id, marketplace) SELECT merchant_id, marketplace FROM accounts;
