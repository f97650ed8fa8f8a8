-- Version 8: leases on PostgreSQL accounts' syncs (table sync_schedule), so
-- workers on many machines share them. A SQLite profile keeps its file lock
-- per account, so there is nothing to change here.
SELECT 1;
