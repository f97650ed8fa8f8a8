-- Version 9: the PostgreSQL store's encrypted secrets (table secrets). A
-- SQLite profile keeps its secrets in the OS keyring or secrets.enc, never in
-- this file, so there is nothing to change here.
SELECT 1;
