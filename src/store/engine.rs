//! The seam between the store's handle and a database engine: what every
//! engine provides, the migrations both engines share a version number for,
//! and the tables the schema has.
//!
//! Decisions (what counts as a new listing, how a budget window rolls over)
//! are plain Rust in the store's modules, called by every engine; an engine
//! only reads and writes rows.

use super::Result;
use super::models::ModelParts;
use std::collections::HashMap;

use super::accounts::Account;
use super::listings::{ListingFilter, StoredListing};
use super::market::{
    FeedState, MerchantModel, MerchantSegment, PoolRow, StoredConversation, StoredLead,
};
use super::page::{Fence, PageOutcome, PageWrite};
use super::sync::{Budget, Outcome, RunCounts, SyncRun, SyncState};
use crate::domain::Marketplace;
use crate::marketplaces::types::{Inmuebles24Lead, OlxConversation};

/// Which engine a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineKind {
    Sqlite,
    Postgres,
}

/// One database engine behind [`super::Store`]. Object-safe: the store holds a
/// `Box<dyn Engine>`, so a test can wrap a real engine to inject a failure.
pub trait Engine: Send {
    fn kind(&self) -> EngineKind;
    /// Where the data is, for messages: a file path, or a URL without its password.
    fn location(&self) -> String;
    fn schema_version(&self) -> Result<u32>;
    /// The engine's own consistency check; `Ok(())` when it finds nothing wrong.
    fn integrity_check(&self) -> Result<()>;
    /// Starts a write transaction that takes the write lock at once (so a
    /// transaction that reads before it writes never fails on a busy store).
    fn begin_write(&self) -> Result<()>;
    fn commit(&self) -> Result<()>;
    /// Rolls back the open transaction, if any; a failure to roll back leaves
    /// nothing to do but report the error that caused it.
    fn rollback(&self);
    /// The account's hourly budget as it stands at `now` (Unix seconds).
    fn budget(&self, m: Marketplace, now: i64) -> Result<Budget>;
    /// Loads the account's budget under a lock that makes every other taker
    /// wait, lets `change` alter it, stores it and returns it.
    fn update_budget(
        &self,
        m: Marketplace,
        now: i64,
        change: &mut dyn FnMut(&mut Budget),
    ) -> Result<Budget>;
    fn account(&self, m: Marketplace) -> Result<Option<Account>>;
    /// Every connected account, by marketplace.
    fn accounts(&self) -> Result<Vec<Account>>;
    /// Records a (re)connected account; reconnecting clears `needs_reconnect`.
    fn upsert_account(&self, a: &Account) -> Result<()>;
    fn set_needs_reconnect(&self, m: Marketplace, value: bool) -> Result<()>;
    /// When the account's last sync succeeded.
    fn set_last_sync_at(&self, m: Marketplace, at: &str) -> Result<()>;
    fn remove_account(&self, m: Marketplace) -> Result<bool>;
    /// Opens a run of the log; its id.
    fn start_run(&self, m: Marketplace, full: bool, now: &str) -> Result<i64>;
    fn finish_run(
        &self,
        run_id: i64,
        counts: &RunCounts,
        outcome: Outcome,
        error: Option<&str>,
        now: &str,
    ) -> Result<()>;
    /// The counts so far of a run still going.
    fn save_run_counts(&self, run_id: i64, counts: &RunCounts) -> Result<()>;
    /// Runs left `running` by a process that died become `interrupted`.
    fn close_abandoned_runs(&self, m: Marketplace, now: &str) -> Result<u64>;
    fn last_run(&self, m: Marketplace) -> Result<Option<SyncRun>>;
    /// Where the next sync of an account continues from.
    fn sync_state(&self, m: Marketplace) -> Result<SyncState>;
    fn save_sync_state(&self, m: Marketplace, s: &SyncState) -> Result<()>;
    /// Stores one page of a sync run with its checkpoint and counts, in one
    /// transaction (the caller's, or one of its own).
    fn write_page(&self, page: &PageWrite<'_>) -> Result<PageOutcome>;
    /// Stores this handle's pages only while `lease` is the account's, renewing
    /// it with each page (`None`: no lease). Leases are PostgreSQL's; a SQLite
    /// profile's file lock keeps its syncs apart, so it refuses one.
    fn fence(&self, lease: Option<Fence>) -> Result<()>;
    /// One listing by marketplace and remote id.
    fn listing(&self, m: Marketplace, remote_id: &str) -> Result<Option<StoredListing>>;
    /// The listings that pass `filter`, by marketplace then remote id.
    fn listings(&self, filter: &ListingFilter) -> Result<Vec<StoredListing>>;
    /// How many listings of `m` a run that started at `since` has seen.
    fn count_seen_since(&self, m: Marketplace, since: &str) -> Result<u64>;
    /// Marks removed every listing of `m` not seen since `since` (a full
    /// run's start); history is kept. How many were marked.
    fn mark_unseen_removed(&self, m: Marketplace, since: &str, now: &str) -> Result<u64>;
    /// The marketplace's own "last contact" of a listing; `None` keeps what is stored.
    fn set_last_contact(&self, m: Marketplace, remote_id: &str, at: Option<&str>) -> Result<()>;
    /// Moves a listing's last contact forward to `at` (a newer lead), never back.
    fn advance_last_contact(&self, m: Marketplace, remote_id: &str, at: &str) -> Result<()>;
    /// Stores Inmuebles24 leads (idempotent by id); how many were new.
    fn upsert_leads(&self, leads: &[Inmuebles24Lead], now: &str) -> Result<u64>;
    /// Stores OLX conversations (the latest state of each).
    fn upsert_conversations(&self, items: &[OlxConversation], now: &str) -> Result<u64>;
    /// Leads of `marketplace`, newest first; only those of `listing_ids` when any are given.
    fn leads(&self, marketplace: &str, listing_ids: &[String]) -> Result<Vec<StoredLead>>;
    /// Conversations of `marketplace`, latest message first; only those of
    /// `listing_ids` when any are given.
    fn conversations(
        &self,
        marketplace: &str,
        listing_ids: &[String],
    ) -> Result<Vec<StoredConversation>>;
    /// The merchant's Inmuebles24 segments still listed, most listings first.
    fn merchant_property_segments(&self) -> Result<Vec<MerchantSegment>>;
    /// The merchant's Autofact models still listed, most listings first.
    fn merchant_vehicle_models(&self) -> Result<Vec<MerchantModel>>;
    /// Every market-data scope's state for `marketplace`.
    fn market_feed_state(&self, marketplace: &str) -> Result<HashMap<String, FeedState>>;
    fn save_market_feed(&self, marketplace: &str, scope: &str, state: &FeedState) -> Result<()>;
    /// Every comparable of `kind` (`property`, `vehicle`) that counts (another
    /// source's copy of a row is left out), by id.
    fn load_pool(&self, kind: &str) -> Result<Vec<PoolRow>>;
    /// How many comparables count, homes and cars.
    fn pool_counts(&self) -> Result<(u64, u64)>;
    /// The id of the row that counts for the pool row `(kind, id)`: its own,
    /// or the one it repeats; `None` when the pool has no such row.
    fn counted_id(&self, kind: &str, id: &str) -> Result<Option<String>>;
    /// A number that changes whenever the pool of `kind` does (a cached
    /// model's fingerprint carries it).
    fn pool_version(&self, kind: &str) -> Result<i64>;
    /// The cached model head of `kind` and its generation, if fitted for `fingerprint`.
    fn cached_model_head(&self, kind: &str, fingerprint: &str) -> Result<Option<(Vec<u8>, i64)>>;
    /// The parts `keys` written with the head of `generation`, in that order;
    /// `None` when one is missing (the cache was replaced in between).
    fn cached_model_parts(
        &self,
        kind: &str,
        generation: i64,
        keys: &[String],
    ) -> Result<Option<ModelParts>>;
    fn is_model_cached(&self, kind: &str, fingerprint: &str) -> Result<bool>;
    /// Replaces the cached model of `kind`: a new generation, its parts and
    /// its head, in one transaction (readers match head and parts by generation).
    fn save_model(
        &self,
        kind: &str,
        fingerprint: &str,
        head: &[u8],
        parts: &[(String, &[u8])],
        now: &str,
    ) -> Result<()>;
    /// Another handle on the same data (a second connection), as a second
    /// process would have.
    fn reopen(&self) -> Result<Box<dyn Engine>>;
    /// The SQLite connection, for the store operations that are not engine
    /// methods yet (they run on SQLite only).
    fn sqlite(&self) -> Option<&rusqlite::Connection>;
    fn sqlite_mut(&mut self) -> Option<&mut rusqlite::Connection>;
}

/// One schema version, for both engines: version N is the same logical schema
/// on each. `postgres` is `None` for the versions before the PostgreSQL
/// engine existed (its baseline creates that schema at once).
pub struct Migration {
    pub sqlite: &'static str,
    pub postgres: Option<&'static str>,
}

impl Migration {
    /// A version from before the PostgreSQL engine: its baseline covers it.
    const fn before_postgres(sqlite: &'static str) -> Migration {
        Migration {
            sqlite,
            postgres: None,
        }
    }
}

/// Migrations in order; index + 1 is the schema version it produces.
/// Never edit a released migration: add a new one.
pub const MIGRATIONS: &[Migration] = &[
    Migration::before_postgres(include_str!("schema_v1.sql")),
    Migration::before_postgres(include_str!("schema_v2.sql")),
    Migration::before_postgres(include_str!("schema_v3.sql")),
    Migration::before_postgres(include_str!("schema_v4.sql")),
    Migration::before_postgres(include_str!("schema_v5.sql")),
    Migration::before_postgres(include_str!("schema_v6.sql")),
    // PostgreSQL starts here: its baseline is the whole schema of version 7.
    Migration {
        sqlite: include_str!("schema_v7.sql"),
        postgres: Some(include_str!("postgres/v007_baseline.sql")),
    },
    Migration {
        sqlite: include_str!("schema_v8.sql"),
        postgres: Some(include_str!("postgres/v008_leases.sql")),
    },
    Migration {
        sqlite: include_str!("schema_v9.sql"),
        postgres: Some(include_str!("postgres/v009_secrets.sql")),
    },
];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Every table of the current schema that holds the merchant's data, parents
/// before children (the order `store copy` and the engines' parity checks walk
/// them). Not an engine's internals such as SQLite's full-text index.
pub const TABLES: &[&str] = &[
    "accounts",
    "listings",
    "price_history",
    "engagement_snapshots",
    "sync_runs",
    "sync_state",
    "rate_budget",
    "quarantine",
    "leads",
    "conversations",
    "market_pool",
    "market_pool_version",
    "market_feed",
    "model_cache",
    "model_cache_part",
    "twin_links",
    "twin_rejections",
    "delists",
    "twin_conflicts",
    "own_removals",
    "crosslist_intents",
    "profile_settings",
];
