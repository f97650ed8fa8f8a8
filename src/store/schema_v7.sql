-- Version 7: a delist being taken down is claimed by one sync until a time, so
-- two syncs running at once (cron and a merchant's own) send its take-down
-- once. A claim past its time is free again: the sync that held it died.
ALTER TABLE delists ADD COLUMN claimed_until TEXT;
