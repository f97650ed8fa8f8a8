//! The SQLite engine: one file per merchant profile, opened in WAL mode with
//! foreign keys and a busy timeout, migrated by `PRAGMA user_version`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::accounts::{self, Account};
use super::engine::{Engine, EngineKind, MIGRATIONS, SCHEMA_VERSION};
use super::listings::{self, ListingFilter, StoredListing};
use super::market::{
    self, FeedState, MerchantModel, MerchantSegment, PoolRow, StoredConversation, StoredLead,
};
use super::models::{self, ModelParts};
use super::page::{self, Fence, PageOutcome, PageWrite};
use super::sync::{self as runs, Budget, Outcome, RunCounts, SyncRun, SyncState};
use super::{Result, StoreError};
use crate::domain::Marketplace;
use crate::marketplaces::types::{Inmuebles24Lead, OlxConversation};

/// How long a connection waits for another writer before "database is locked".
const BUSY_LIMIT: Duration = Duration::from_secs(30);

pub struct SqliteEngine {
    conn: Connection,
    path: PathBuf,
}

impl SqliteEngine {
    /// Opens the file at `path` (which exists) and brings its schema up to date.
    pub(super) fn open(path: &Path) -> Result<SqliteEngine> {
        let conn = Connection::open(path).map_err(|cause| StoreError::Open {
            path: path.to_path_buf(),
            cause,
        })?;
        SqliteEngine::ready(conn, path.to_path_buf())
    }

    pub(super) fn open_in_memory() -> Result<SqliteEngine> {
        SqliteEngine::ready(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    fn ready(conn: Connection, path: PathBuf) -> Result<SqliteEngine> {
        let engine = SqliteEngine { conn, path };
        engine.configure()?;
        engine.migrate()?;
        Ok(engine)
    }

    fn configure(&self) -> Result<()> {
        // Several treevu processes (cron + a person) may share the file:
        // WAL lets readers proceed during a sync, the busy timeout makes writers queue.
        self.conn.busy_timeout(BUSY_LIMIT)?;
        self.enable_wal()?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(())
    }

    /// WAL is a property of the file, set once. Switching needs a moment of
    /// exclusive access that SQLite does not wait for when several processes open
    /// a new file together (it answers "database is locked" at once), so retry.
    fn enable_wal(&self) -> Result<()> {
        let started = std::time::Instant::now();
        loop {
            let mode = self
                .conn
                .pragma_query_value(None, "journal_mode", |r| r.get::<_, String>(0));
            let result = match mode {
                Ok(m) if m.eq_ignore_ascii_case("wal") => return Ok(()),
                Ok(_) => self.conn.pragma_update(None, "journal_mode", "WAL"),
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => return Ok(()),
                Err(rusqlite::Error::SqliteFailure(f, _))
                    if f.code == rusqlite::ErrorCode::DatabaseBusy
                        && started.elapsed() < BUSY_LIMIT =>
                {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    fn migrate(&self) -> Result<()> {
        let found = self.schema_version()?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: self.path.clone(),
                found,
                known: SCHEMA_VERSION,
            });
        }
        if found == SCHEMA_VERSION {
            return Ok(());
        }
        // Two processes may open a new file at once: take the write lock first and
        // read the version again under it, so only one of them migrates.
        self.begin_write()?;
        let result = (|| -> Result<()> {
            let found = self.schema_version()?;
            for (i, m) in MIGRATIONS.iter().enumerate().skip(found as usize) {
                self.conn.execute_batch(m.sqlite)?;
                self.conn
                    .pragma_update(None, "user_version", i as u32 + 1)?;
            }
            Ok(())
        })();
        match result {
            // Every migration and its version bump commit together or not at all.
            Ok(()) => self.commit(),
            Err(e) => {
                self.rollback();
                Err(e)
            }
        }
    }
}

impl SqliteEngine {
    /// `f` in an IMMEDIATE transaction of its own, or in the caller's open
    /// one (which already holds the write lock).
    fn atomically<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(&self.conn);
        }
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

impl Engine for SqliteEngine {
    fn kind(&self) -> EngineKind {
        EngineKind::Sqlite
    }

    fn location(&self) -> String {
        self.path.display().to_string()
    }

    fn schema_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    fn integrity_check(&self) -> Result<()> {
        let answer: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if answer == "ok" {
            Ok(())
        } else {
            Err(StoreError::Invalid(format!(
                "integrity check failed: {answer}"
            )))
        }
    }

    fn begin_write(&self) -> Result<()> {
        // IMMEDIATE: a deferred transaction that reads before it writes gets
        // "database is locked" at once, without the busy wait, when another
        // process committed in between.
        Ok(self.conn.execute_batch("BEGIN IMMEDIATE")?)
    }

    fn commit(&self) -> Result<()> {
        Ok(self.conn.execute_batch("COMMIT")?)
    }

    fn rollback(&self) {
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }

    fn budget(&self, m: Marketplace, now: i64) -> Result<Budget> {
        Ok(Budget::at(m, runs::load_budget_row(&self.conn, m)?, now))
    }

    fn update_budget(
        &self,
        m: Marketplace,
        now: i64,
        change: &mut dyn FnMut(&mut Budget),
    ) -> Result<Budget> {
        // The write lock of an IMMEDIATE transaction makes concurrent treevu
        // processes take turns, so two crons never spend the same requests.
        self.atomically(|conn| {
            let mut b = Budget::at(m, runs::load_budget_row(conn, m)?, now);
            change(&mut b);
            runs::store_budget(conn, m, &b, now)?;
            Ok(b)
        })
    }

    fn write_page(&self, p: &PageWrite<'_>) -> Result<PageOutcome> {
        self.atomically(|conn| page::write_sqlite(conn, p))
    }

    fn account(&self, m: Marketplace) -> Result<Option<Account>> {
        accounts::get(&self.conn, m)
    }

    fn accounts(&self) -> Result<Vec<Account>> {
        accounts::list(&self.conn)
    }

    fn upsert_account(&self, a: &Account) -> Result<()> {
        accounts::upsert(&self.conn, a)
    }

    fn set_needs_reconnect(&self, m: Marketplace, value: bool) -> Result<()> {
        accounts::set_needs_reconnect(&self.conn, m, value)
    }

    fn set_last_sync_at(&self, m: Marketplace, at: &str) -> Result<()> {
        accounts::set_last_sync_at(&self.conn, m, at)
    }

    fn remove_account(&self, m: Marketplace) -> Result<bool> {
        accounts::remove(&self.conn, m)
    }

    fn start_run(&self, m: Marketplace, full: bool, now: &str) -> Result<i64> {
        runs::start_run(&self.conn, m, full, now)
    }

    fn finish_run(
        &self,
        run_id: i64,
        counts: &RunCounts,
        outcome: Outcome,
        error: Option<&str>,
        now: &str,
    ) -> Result<()> {
        runs::finish_run(&self.conn, run_id, counts, outcome, error, now)
    }

    fn save_run_counts(&self, run_id: i64, counts: &RunCounts) -> Result<()> {
        runs::save_run_counts(&self.conn, run_id, counts)
    }

    fn close_abandoned_runs(&self, m: Marketplace, now: &str) -> Result<u64> {
        runs::close_abandoned_runs(&self.conn, m, now)
    }

    fn last_run(&self, m: Marketplace) -> Result<Option<SyncRun>> {
        runs::last_run(&self.conn, m)
    }

    fn sync_state(&self, m: Marketplace) -> Result<SyncState> {
        runs::sync_state(&self.conn, m)
    }

    fn save_sync_state(&self, m: Marketplace, s: &SyncState) -> Result<()> {
        runs::save_sync_state(&self.conn, m, s)
    }

    fn listing(&self, m: Marketplace, remote_id: &str) -> Result<Option<StoredListing>> {
        listings::get(&self.conn, m, remote_id)
    }

    fn listings(&self, filter: &ListingFilter) -> Result<Vec<StoredListing>> {
        listings::list(&self.conn, filter)
    }

    fn count_seen_since(&self, m: Marketplace, since: &str) -> Result<u64> {
        listings::count_seen_since(&self.conn, m, since)
    }

    fn mark_unseen_removed(&self, m: Marketplace, since: &str, now: &str) -> Result<u64> {
        listings::mark_unseen_removed(&self.conn, m, since, now)
    }

    fn set_last_contact(&self, m: Marketplace, remote_id: &str, at: Option<&str>) -> Result<()> {
        listings::set_last_contact(&self.conn, m, remote_id, at)
    }

    fn advance_last_contact(&self, m: Marketplace, remote_id: &str, at: &str) -> Result<()> {
        listings::advance_last_contact(&self.conn, m, remote_id, at)
    }

    fn upsert_leads(&self, leads: &[Inmuebles24Lead], now: &str) -> Result<u64> {
        market::upsert_leads(&self.conn, leads, now)
    }

    fn upsert_conversations(&self, items: &[OlxConversation], now: &str) -> Result<u64> {
        market::upsert_conversations(&self.conn, items, now)
    }

    fn leads(&self, marketplace: &str, listing_ids: &[String]) -> Result<Vec<StoredLead>> {
        market::list_leads(&self.conn, marketplace, listing_ids)
    }

    fn conversations(
        &self,
        marketplace: &str,
        listing_ids: &[String],
    ) -> Result<Vec<StoredConversation>> {
        market::list_conversations(&self.conn, marketplace, listing_ids)
    }

    fn merchant_property_segments(&self) -> Result<Vec<MerchantSegment>> {
        market::merchant_property_segments(&self.conn)
    }

    fn merchant_vehicle_models(&self) -> Result<Vec<MerchantModel>> {
        market::merchant_vehicle_models(&self.conn)
    }

    fn market_feed_state(&self, marketplace: &str) -> Result<HashMap<String, FeedState>> {
        market::market_feed_state(&self.conn, marketplace)
    }

    fn save_market_feed(&self, marketplace: &str, scope: &str, state: &FeedState) -> Result<()> {
        market::save_market_feed(&self.conn, marketplace, scope, state)
    }

    fn load_pool(&self, kind: &str) -> Result<Vec<PoolRow>> {
        market::load_pool(&self.conn, kind)
    }

    fn pool_counts(&self) -> Result<(u64, u64)> {
        market::pool_counts(&self.conn)
    }

    fn counted_id(&self, kind: &str, id: &str) -> Result<Option<String>> {
        market::counted_id(&self.conn, kind, id)
    }

    fn pool_version(&self, kind: &str) -> Result<i64> {
        models::pool_version(&self.conn, kind)
    }

    fn cached_model_head(&self, kind: &str, fingerprint: &str) -> Result<Option<(Vec<u8>, i64)>> {
        Ok(models::cached_head(&self.conn, kind, fingerprint))
    }

    fn cached_model_parts(
        &self,
        kind: &str,
        generation: i64,
        keys: &[String],
    ) -> Result<Option<ModelParts>> {
        Ok(models::cached_parts(&self.conn, kind, generation, keys))
    }

    fn is_model_cached(&self, kind: &str, fingerprint: &str) -> Result<bool> {
        models::is_cached(&self.conn, kind, fingerprint)
    }

    fn save_model(
        &self,
        kind: &str,
        fingerprint: &str,
        head: &[u8],
        parts: &[(String, &[u8])],
        now: &str,
    ) -> Result<()> {
        models::save(&self.conn, kind, fingerprint, head, parts, now)
    }

    fn fence(&self, lease: Option<Fence>) -> Result<()> {
        match lease {
            None => Ok(()),
            Some(_) => Err(StoreError::Invalid(
                "leases are for PostgreSQL stores; a SQLite profile syncs under its file lock"
                    .into(),
            )),
        }
    }

    fn reopen(&self) -> Result<Box<dyn Engine>> {
        Ok(Box::new(SqliteEngine::open(&self.path)?))
    }

    fn sqlite(&self) -> Option<&Connection> {
        Some(&self.conn)
    }

    fn sqlite_mut(&mut self) -> Option<&mut Connection> {
        Some(&mut self.conn)
    }
}
