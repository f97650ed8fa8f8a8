-- Version 9: each merchant's secrets (OAuth tokens, client secrets, API keys),
-- sealed with XChaCha20-Poly1305 under the operator key, which never comes
-- from the database. key_id is the key's fingerprint (not the key): a row
-- under another key is told apart from a damaged one. The merchant, the name
-- and key_id are the associated data, so a ciphertext moved to another row
-- does not open.
CREATE TABLE secrets (
    merchant_id bigint NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    name        text NOT NULL,
    key_id      text NOT NULL,
    nonce       bytea NOT NULL,
    ciphertext  bytea NOT NULL,
    updated_at  text NOT NULL,
    PRIMARY KEY (merchant_id, name)
);
