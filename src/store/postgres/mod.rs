//! The PostgreSQL engine: many merchants in one database, each row carrying
//! its merchant's id; the handle is bound to one merchant, so callers never
//! pass it. Migrations run in one transaction under an advisory lock.
//!
//! Ported so far (see [`PORTED`]); every other store operation refuses
//! PostgreSQL with [`StoreError::NotOnPostgres`].

use super::models::ModelParts;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use postgres::{Client, NoTls};

use super::accounts::Account;
use super::engine::{Engine, EngineKind, MIGRATIONS, SCHEMA_VERSION};
use super::listings::{ListingFilter, StoredListing};
use super::market::{
    FeedState, MerchantModel, MerchantSegment, PoolRow, StoredConversation, StoredLead,
};
use super::page::{Fence, PageOutcome, PageWrite};
use super::sync::{Budget, Outcome, RunCounts, SyncRun, SyncState};
use super::{Result, StoreError};
use crate::domain::Marketplace;
use crate::marketplaces::types::{Inmuebles24Lead, OlxConversation};

pub mod leases;
mod listings;
mod market;
pub mod merchants;
mod page;
mod pool;
pub mod secrets;
pub mod status;
pub mod url;

pub use url::DatabaseUrl;

/// The store operations the PostgreSQL engine has, named for messages.
pub const PORTED: &str = "accounts, the rate budget, sync state, the run log, storing a sync run's pages, \
     reading and listing listings, marking listings removed and their last contact, leads, conversations, the \
     market-data follow-ups' state, reading the market pool and the model cache; the commands sync, worker, \
     listings, leads, conversations, readiness, recommend (not --apply), forecast, valuation, market analyze, \
     merchants, operator rotate-key, connect and auth";

/// The advisory lock key migrations take (any constant; "treevu" in ASCII).
const MIGRATION_LOCK: i64 = 0x74_72_65_65_76_75;

pub struct PgEngine {
    /// `RefCell`: the engine is used from one thread at a time (it is `Send`,
    /// not `Sync`), and no method calls another while it holds the client.
    /// `Option`: taken out when the engine is dropped (see `Drop`).
    client: RefCell<Option<Client>>,
    url: DatabaseUrl,
    merchant: i64,
    /// The merchant's name, for another handle on it.
    merchant_name: String,
    in_write: Cell<bool>,
    /// The lease this handle stores pages under, if any (see [`Engine::fence`]).
    fence: Cell<Option<Fence>>,
}

/// Runs a blocking driver call. The driver blocks on a runtime of its own,
/// which panics on a thread already driving one, so inside treevu's
/// (multi-thread) runtime the call leaves it for the duration.
fn blocking<T>(f: impl FnOnce() -> T) -> T {
    if tokio::runtime::Handle::try_current().is_ok() {
        tokio::task::block_in_place(f)
    } else {
        f()
    }
}

/// One driver call on `client`, off the runtime, its error named for the
/// server at `url`: what every PostgreSQL handle (engine, merchants,
/// leases, secrets) does around each statement.
fn on_server<T>(
    url: &DatabaseUrl,
    client: &mut Client,
    f: impl FnOnce(&mut Client) -> std::result::Result<T, postgres::Error>,
) -> Result<T> {
    blocking(|| f(client)).map_err(|cause| StoreError::Postgres {
        location: url.to_string(),
        cause,
    })
}

impl PgEngine {
    /// Connects, brings the schema up to date and binds the handle to
    /// `merchant` (created on first use, as a profile's file is; its name is
    /// a profile name, checked by the settings and by the table).
    pub fn connect(url: &DatabaseUrl, merchant: &str) -> Result<PgEngine> {
        let name = merchant;
        let mut client = open_client(url)?;
        let at = |cause| StoreError::Postgres {
            location: url.to_string(),
            cause,
        };
        let merchant = blocking(|| bind_merchant(&mut client, merchant)).map_err(at)?;
        Ok(PgEngine {
            client: RefCell::new(Some(client)),
            url: url.clone(),
            merchant,
            merchant_name: name.to_string(),
            in_write: Cell::new(false),
            fence: Cell::new(None),
        })
    }

    /// [`PgEngine::connect`] to a merchant that exists; none is created.
    pub fn connect_existing(url: &DatabaseUrl, merchant: &str) -> Result<PgEngine> {
        let mut client = open_client(url)?;
        let found = on_server(url, &mut client, |c| {
            c.query_opt("SELECT id FROM merchants WHERE name = $1", &[&merchant])
        })?;
        let Some(row) = found else {
            return Err(StoreError::UnknownMerchant {
                name: merchant.to_string(),
                location: url.to_string(),
            });
        };
        Ok(PgEngine {
            client: RefCell::new(Some(client)),
            url: url.clone(),
            merchant: row.get(0),
            merchant_name: merchant.to_string(),
            in_write: Cell::new(false),
            fence: Cell::new(None),
        })
    }

    /// One driver call on the client, its error named for the server.
    fn with<T>(
        &self,
        f: impl FnOnce(&mut Client, i64) -> std::result::Result<T, postgres::Error>,
    ) -> Result<T> {
        let mut client = self.client.borrow_mut();
        let client = client
            .as_mut()
            .expect("the client lives as long as the engine");
        on_server(&self.url, client, |c| f(c, self.merchant))
    }

    /// `f` in a transaction of its own, or in the caller's open one.
    fn atomically<T>(
        &self,
        f: impl FnOnce(&mut Client, i64) -> std::result::Result<T, postgres::Error>,
    ) -> Result<T> {
        if self.in_write.get() {
            return self.with(f);
        }
        self.with(|c, m| {
            c.batch_execute("BEGIN")?;
            match f(c, m) {
                Ok(v) => {
                    c.batch_execute("COMMIT")?;
                    Ok(v)
                }
                Err(e) => {
                    let _ = c.batch_execute("ROLLBACK");
                    Err(e)
                }
            }
        })
    }
}

/// The id of the merchant named `name`, created on first use.
fn bind_merchant(client: &mut Client, name: &str) -> std::result::Result<i64, postgres::Error> {
    let now = crate::domain::time::timestamp(chrono::Utc::now());
    client.execute(
        "INSERT INTO merchants (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        &[&name, &now],
    )?;
    Ok(client
        .query_one("SELECT id FROM merchants WHERE name = $1", &[&name])?
        .get(0))
}

/// A client of the database at `url`, its schema brought up to date.
fn open_client(url: &DatabaseUrl) -> Result<Client> {
    let config = url.config()?;
    let mut client = blocking(|| config.connect(NoTls)).map_err(|cause| StoreError::Postgres {
        location: url.to_string(),
        cause,
    })?;
    blocking(|| migrate(&mut client, url))?;
    Ok(client)
}

/// Closing the connection blocks on the driver's runtime too: a sync drops
/// its stores and gates inside treevu's runtime.
impl Drop for PgEngine {
    fn drop(&mut self) {
        if let Some(client) = self.client.get_mut().take() {
            blocking(|| drop(client));
        }
    }
}

/// Applies what is missing of [`MIGRATIONS`] in one transaction, under an
/// advisory lock: of two workers starting together one migrates, the other
/// waits and finds the schema current. A newer schema is refused untouched.
fn migrate(client: &mut Client, url: &DatabaseUrl) -> Result<()> {
    let at = |cause| StoreError::Postgres {
        location: url.to_string(),
        cause,
    };
    let mut tx = client.transaction().map_err(at)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .map_err(at)?;
    let found = schema_version_of(&mut tx).map_err(at)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerServerSchema {
            location: url.to_string(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    // The baseline creates the schema of its version at once; the versions
    // before it have no PostgreSQL form of their own.
    let baseline = MIGRATIONS
        .iter()
        .position(|m| m.postgres.is_some())
        .expect("a PostgreSQL baseline");
    let from = (found as usize).max(baseline);
    for (i, m) in MIGRATIONS.iter().enumerate().skip(from) {
        if let Some(sql) = m.postgres {
            tx.batch_execute(sql).map_err(at)?;
        }
        tx.execute(
            "INSERT INTO treevu_schema (version) VALUES ($1) \
             ON CONFLICT (only_row) DO UPDATE SET version = excluded.version",
            &[&(i as i32 + 1)],
        )
        .map_err(at)?;
    }
    tx.commit().map_err(at)
}

fn schema_version_of(
    c: &mut impl postgres::GenericClient,
) -> std::result::Result<u32, postgres::Error> {
    let exists: bool = c
        .query_one("SELECT to_regclass('treevu_schema') IS NOT NULL", &[])?
        .get(0);
    if !exists {
        return Ok(0);
    }
    Ok(c.query_opt("SELECT version FROM treevu_schema", &[])?
        .map(|r| r.get::<_, i32>(0).max(0) as u32)
        .unwrap_or(0))
}

const ACCOUNT_COLUMNS: &str = "marketplace, remote_user_id, display_name, connected_at, last_sync_at, secret_store, \
     secret_ref, needs_reconnect, scopes";

fn account(r: &postgres::Row) -> Account {
    Account {
        marketplace: marketplace(r, 0),
        remote_user_id: r.get(1),
        display_name: r.get(2),
        connected_at: r.get(3),
        last_sync_at: r.get(4),
        secret_store: r.get(5),
        secret_ref: r.get(6),
        needs_reconnect: r.get::<_, i32>(7) != 0,
        scopes: r.get(8),
    }
}

/// The marketplace column, checked by the schema (a `CHECK` constraint), so
/// an unknown name cannot be stored.
fn marketplace(r: &postgres::Row, i: usize) -> Marketplace {
    r.get::<_, String>(i)
        .parse()
        .expect("the schema allows only known marketplaces")
}

const RUN_COLUMNS: &str = "id, marketplace, started_at, finished_at, full_sync, outcome, fetched, new, updated, \
     unchanged, removed, quarantined, requests_used, throttled, error";

fn run(r: &postgres::Row) -> SyncRun {
    let n = |i: usize| r.get::<_, i64>(i).max(0) as u64;
    SyncRun {
        id: r.get(0),
        marketplace: marketplace(r, 1),
        started_at: r.get(2),
        finished_at: r.get(3),
        full: r.get::<_, i32>(4) != 0,
        outcome: Outcome::parse(&r.get::<_, String>(5)),
        counts: RunCounts {
            fetched: n(6),
            new: n(7),
            updated: n(8),
            unchanged: n(9),
            removed: n(10),
            quarantined: n(11),
            requests_used: n(12),
            throttled: n(13),
        },
        error: r.get(14),
    }
}

impl Engine for PgEngine {
    fn kind(&self) -> EngineKind {
        EngineKind::Postgres
    }

    fn location(&self) -> String {
        self.url.to_string()
    }

    fn schema_version(&self) -> Result<u32> {
        self.with(|c, _| schema_version_of(c))
    }

    fn integrity_check(&self) -> Result<()> {
        Err(StoreError::NotOnPostgres {
            what: "the integrity check (SQLite's PRAGMA integrity_check)".into(),
        })
    }

    fn begin_write(&self) -> Result<()> {
        self.with(|c, _| c.batch_execute("BEGIN"))?;
        self.in_write.set(true);
        Ok(())
    }

    fn commit(&self) -> Result<()> {
        self.in_write.set(false);
        self.with(|c, _| c.batch_execute("COMMIT"))
    }

    fn rollback(&self) {
        if self.in_write.replace(false) {
            let _ = self.with(|c, _| c.batch_execute("ROLLBACK"));
        }
    }

    fn budget(&self, m: Marketplace, now: i64) -> Result<Budget> {
        let row = self.with(|c, merchant| {
            c.query_opt(
                "SELECT hourly_limit, remaining, reset_at FROM rate_budget WHERE merchant_id = $1 AND marketplace = $2",
                &[&merchant, &m.as_str()],
            )
        })?;
        Ok(Budget::at(m, row.map(|r| budget_row(&r)), now))
    }

    fn update_budget(
        &self,
        m: Marketplace,
        now: i64,
        change: &mut dyn FnMut(&mut Budget),
    ) -> Result<Budget> {
        self.atomically(|c, merchant| {
            // The row lock makes every other taker of this account wait (and
            // only those): any number of workers stay inside the limit together.
            c.execute(
                "INSERT INTO rate_budget (merchant_id, marketplace, hourly_limit, remaining, reset_at, updated_at) \
                 VALUES ($1, $2, $3, $3, 0, $4) ON CONFLICT DO NOTHING",
                &[&merchant, &m.as_str(), &i64::from(m.hourly_limit()), &now],
            )?;
            let row = c.query_one(
                "SELECT hourly_limit, remaining, reset_at FROM rate_budget \
                 WHERE merchant_id = $1 AND marketplace = $2 FOR UPDATE",
                &[&merchant, &m.as_str()],
            )?;
            let mut b = Budget::at(m, Some(budget_row(&row)), now);
            change(&mut b);
            c.execute(
                "UPDATE rate_budget SET hourly_limit = $3, remaining = $4, reset_at = $5, updated_at = $6 \
                 WHERE merchant_id = $1 AND marketplace = $2",
                &[
                    &merchant,
                    &m.as_str(),
                    &i64::from(b.limit),
                    &i64::from(b.remaining),
                    &b.reset_at,
                    &now,
                ],
            )?;
            Ok(b)
        })
    }

    fn account(&self, m: Marketplace) -> Result<Option<Account>> {
        let row = self.with(|c, merchant| {
            c.query_opt(
                &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE merchant_id = $1 AND marketplace = $2"),
                &[&merchant, &m.as_str()],
            )
        })?;
        Ok(row.as_ref().map(account))
    }

    fn accounts(&self) -> Result<Vec<Account>> {
        let rows = self.with(|c, merchant| {
            c.query(
                &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE merchant_id = $1 ORDER BY marketplace"),
                &[&merchant],
            )
        })?;
        Ok(rows.iter().map(account).collect())
    }

    fn upsert_account(&self, a: &Account) -> Result<()> {
        self.atomically(|c, merchant| {
            c.execute(
                &format!(
                    "INSERT INTO accounts (merchant_id, {ACCOUNT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                     ON CONFLICT (merchant_id, marketplace) DO UPDATE SET remote_user_id = $3, display_name = $4, \
                     connected_at = $5, secret_store = $7, secret_ref = $8, needs_reconnect = $9, scopes = $10"
                ),
                &[
                    &merchant,
                    &a.marketplace.as_str(),
                    &a.remote_user_id,
                    &a.display_name,
                    &a.connected_at,
                    &a.last_sync_at,
                    &a.secret_store,
                    &a.secret_ref,
                    &i32::from(a.needs_reconnect),
                    &a.scopes,
                ],
            )?;
            // A new account is due at once; a reconnected one keeps its schedule.
            c.execute(
                "INSERT INTO sync_schedule (merchant_id, marketplace) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                &[&merchant, &a.marketplace.as_str()],
            )
        })?;
        Ok(())
    }

    fn set_needs_reconnect(&self, m: Marketplace, value: bool) -> Result<()> {
        self.with(|c, merchant| {
            c.execute(
                "UPDATE accounts SET needs_reconnect = $3 WHERE merchant_id = $1 AND marketplace = $2",
                &[&merchant, &m.as_str(), &i32::from(value)],
            )
        })?;
        Ok(())
    }

    fn set_last_sync_at(&self, m: Marketplace, at: &str) -> Result<()> {
        self.with(|c, merchant| {
            c.execute(
                "UPDATE accounts SET last_sync_at = $3 WHERE merchant_id = $1 AND marketplace = $2",
                &[&merchant, &m.as_str(), &at],
            )
        })?;
        Ok(())
    }

    fn remove_account(&self, m: Marketplace) -> Result<bool> {
        Ok(self.with(|c, merchant| {
            c.execute(
                "DELETE FROM accounts WHERE merchant_id = $1 AND marketplace = $2",
                &[&merchant, &m.as_str()],
            )
        })? > 0)
    }

    fn start_run(&self, m: Marketplace, full: bool, now: &str) -> Result<i64> {
        self.with(|c, merchant| {
            Ok(c.query_one(
                "INSERT INTO sync_runs (merchant_id, marketplace, started_at, full_sync, outcome) \
                 VALUES ($1, $2, $3, $4, 'running') RETURNING id",
                &[&merchant, &m.as_str(), &now, &i32::from(full)],
            )?
            .get(0))
        })
    }

    fn finish_run(
        &self,
        run_id: i64,
        counts: &RunCounts,
        outcome: Outcome,
        error: Option<&str>,
        now: &str,
    ) -> Result<()> {
        let n = |v: u64| v as i64;
        self.with(|c, merchant| {
            c.execute(
                "UPDATE sync_runs SET finished_at = $3, outcome = $4, fetched = $5, new = $6, updated = $7, unchanged = $8, \
                 removed = $9, quarantined = $10, requests_used = $11, throttled = $12, error = $13 \
                 WHERE merchant_id = $1 AND id = $2",
                &[
                    &merchant,
                    &run_id,
                    &now,
                    &outcome.as_str(),
                    &n(counts.fetched),
                    &n(counts.new),
                    &n(counts.updated),
                    &n(counts.unchanged),
                    &n(counts.removed),
                    &n(counts.quarantined),
                    &n(counts.requests_used),
                    &n(counts.throttled),
                    &error,
                ],
            )
        })?;
        Ok(())
    }

    fn save_run_counts(&self, run_id: i64, counts: &RunCounts) -> Result<()> {
        let n = |v: u64| v as i64;
        self.with(|c, merchant| {
            c.execute(
                "UPDATE sync_runs SET fetched = $3, new = $4, updated = $5, unchanged = $6, quarantined = $7 \
                 WHERE merchant_id = $1 AND id = $2",
                &[
                    &merchant,
                    &run_id,
                    &n(counts.fetched),
                    &n(counts.new),
                    &n(counts.updated),
                    &n(counts.unchanged),
                    &n(counts.quarantined),
                ],
            )
        })?;
        Ok(())
    }

    fn close_abandoned_runs(&self, m: Marketplace, now: &str) -> Result<u64> {
        self.with(|c, merchant| {
            c.execute(
                "UPDATE sync_runs SET outcome = 'interrupted', finished_at = $3, \
                 error = 'the process stopped before the run finished' \
                 WHERE merchant_id = $1 AND marketplace = $2 AND outcome = 'running'",
                &[&merchant, &m.as_str(), &now],
            )
        })
    }

    fn last_run(&self, m: Marketplace) -> Result<Option<SyncRun>> {
        let row = self.with(|c, merchant| {
            c.query_opt(
                &format!(
                    "SELECT {RUN_COLUMNS} FROM sync_runs WHERE merchant_id = $1 AND marketplace = $2 \
                     ORDER BY id DESC LIMIT 1"
                ),
                &[&merchant, &m.as_str()],
            )
        })?;
        Ok(row.as_ref().map(run))
    }

    fn sync_state(&self, m: Marketplace) -> Result<SyncState> {
        let row = self.with(|c, merchant| {
            c.query_opt(
                "SELECT cursor, checkpoint, last_success_at, notified_at, last_notice FROM sync_state \
                 WHERE merchant_id = $1 AND marketplace = $2",
                &[&merchant, &m.as_str()],
            )
        })?;
        Ok(row
            .map(|r| SyncState {
                cursor: r.get(0),
                checkpoint: r.get(1),
                last_success_at: r.get(2),
                notified_at: r.get(3),
                last_notice: r.get(4),
            })
            .unwrap_or_default())
    }

    fn save_sync_state(&self, m: Marketplace, s: &SyncState) -> Result<()> {
        self.with(|c, merchant| {
            c.execute(
                "INSERT INTO sync_state (merchant_id, marketplace, cursor, checkpoint, last_success_at, notified_at, last_notice) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (merchant_id, marketplace) DO UPDATE SET \
                 cursor = $3, checkpoint = $4, last_success_at = $5, notified_at = $6, last_notice = $7",
                &[
                    &merchant,
                    &m.as_str(),
                    &s.cursor,
                    &s.checkpoint,
                    &s.last_success_at,
                    &s.notified_at,
                    &s.last_notice,
                ],
            )
        })?;
        Ok(())
    }

    fn write_page(&self, p: &PageWrite<'_>) -> Result<PageOutcome> {
        let fence = self.fence.get();
        let stored = self.atomically(|c, merchant| {
            // Fenced and renewed in the page's transaction: a worker whose
            // lease was taken over stores nothing more.
            if let Some(f) = fence
                && !leases::renew_for_page(c, merchant, p.marketplace, f)?
            {
                return Ok(None);
            }
            page::write(c, merchant, p).map(Some)
        })?;
        stored.ok_or(StoreError::LeaseLost {
            marketplace: p.marketplace,
        })
    }

    fn fence(&self, lease: Option<Fence>) -> Result<()> {
        self.fence.set(lease);
        Ok(())
    }

    fn listing(&self, m: Marketplace, remote_id: &str) -> Result<Option<StoredListing>> {
        self.with(|c, merchant| listings::get(c, merchant, m, remote_id))
    }

    fn listings(&self, filter: &ListingFilter) -> Result<Vec<StoredListing>> {
        self.with(|c, merchant| listings::list(c, merchant, filter))
    }

    fn count_seen_since(&self, m: Marketplace, since: &str) -> Result<u64> {
        self.with(|c, merchant| listings::count_seen_since(c, merchant, m, since))
    }

    fn mark_unseen_removed(&self, m: Marketplace, since: &str, now: &str) -> Result<u64> {
        self.with(|c, merchant| listings::mark_unseen_removed(c, merchant, m, since, now))
    }

    fn set_last_contact(&self, m: Marketplace, remote_id: &str, at: Option<&str>) -> Result<()> {
        self.with(|c, merchant| listings::set_last_contact(c, merchant, m, remote_id, at))
    }

    fn advance_last_contact(&self, m: Marketplace, remote_id: &str, at: &str) -> Result<()> {
        self.with(|c, merchant| listings::advance_last_contact(c, merchant, m, remote_id, at))
    }

    fn upsert_leads(&self, leads: &[Inmuebles24Lead], now: &str) -> Result<u64> {
        self.atomically(|c, merchant| market::upsert_leads(c, merchant, leads, now))
    }

    fn upsert_conversations(&self, items: &[OlxConversation], now: &str) -> Result<u64> {
        self.atomically(|c, merchant| market::upsert_conversations(c, merchant, items, now))
    }

    fn leads(&self, marketplace: &str, listing_ids: &[String]) -> Result<Vec<StoredLead>> {
        self.with(|c, merchant| market::leads(c, merchant, marketplace, listing_ids))
    }

    fn conversations(
        &self,
        marketplace: &str,
        listing_ids: &[String],
    ) -> Result<Vec<StoredConversation>> {
        self.with(|c, merchant| market::conversations(c, merchant, marketplace, listing_ids))
    }

    fn merchant_property_segments(&self) -> Result<Vec<MerchantSegment>> {
        self.with(market::merchant_property_segments)
    }

    fn merchant_vehicle_models(&self) -> Result<Vec<MerchantModel>> {
        self.with(market::merchant_vehicle_models)
    }

    fn market_feed_state(&self, marketplace: &str) -> Result<HashMap<String, FeedState>> {
        self.with(|c, merchant| market::market_feed_state(c, merchant, marketplace))
    }

    fn save_market_feed(&self, marketplace: &str, scope: &str, state: &FeedState) -> Result<()> {
        self.with(|c, merchant| market::save_market_feed(c, merchant, marketplace, scope, state))
    }

    fn load_pool(&self, kind: &str) -> Result<Vec<PoolRow>> {
        self.with(|c, merchant| pool::load_pool(c, merchant, kind))
    }

    fn pool_counts(&self) -> Result<(u64, u64)> {
        self.with(pool::pool_counts)
    }

    fn counted_id(&self, kind: &str, id: &str) -> Result<Option<String>> {
        self.with(|c, merchant| pool::counted_id(c, merchant, kind, id))
    }

    fn pool_version(&self, kind: &str) -> Result<i64> {
        self.with(|c, merchant| pool::pool_version(c, merchant, kind))
    }

    fn cached_model_head(&self, kind: &str, fingerprint: &str) -> Result<Option<(Vec<u8>, i64)>> {
        self.with(|c, merchant| pool::cached_head(c, merchant, kind, fingerprint))
    }

    fn cached_model_parts(
        &self,
        kind: &str,
        generation: i64,
        keys: &[String],
    ) -> Result<Option<ModelParts>> {
        self.with(|c, merchant| pool::cached_parts(c, merchant, kind, generation, keys))
    }

    fn is_model_cached(&self, kind: &str, fingerprint: &str) -> Result<bool> {
        self.with(|c, merchant| pool::is_cached(c, merchant, kind, fingerprint))
    }

    fn save_model(
        &self,
        kind: &str,
        fingerprint: &str,
        head: &[u8],
        parts: &[(String, &[u8])],
        now: &str,
    ) -> Result<()> {
        self.atomically(|c, merchant| {
            pool::save_model(c, merchant, (kind, fingerprint), head, parts, now)
        })
    }

    fn reopen(&self) -> Result<Box<dyn Engine>> {
        Ok(Box::new(PgEngine::connect(&self.url, &self.merchant_name)?))
    }

    fn sqlite(&self) -> Option<&rusqlite::Connection> {
        None
    }

    fn sqlite_mut(&mut self) -> Option<&mut rusqlite::Connection> {
        None
    }
}

fn budget_row(r: &postgres::Row) -> (u32, u32, i64) {
    let unit = |i: usize| r.get::<_, i64>(i).clamp(0, i64::from(u32::MAX)) as u32;
    (unit(0), unit(1), r.get(2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::store::store_tests::fresh_database;

    fn database(test: &str) -> Option<DatabaseUrl> {
        fresh_database(&format!("treevu_t_{}_{test}", std::process::id()))
    }

    fn version(url: &DatabaseUrl) -> i32 {
        let mut c = url.config().unwrap().connect(NoTls).unwrap();
        c.query_one("SELECT version FROM treevu_schema", &[])
            .unwrap()
            .get(0)
    }

    #[test]
    fn a_newer_schema_is_refused_untouched_and_the_password_never_shown() {
        let Some(url) = database("newer") else { return };
        let store = Store::open_postgres(&url, "ana").unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        drop(store);
        let mut c = url.config().unwrap().connect(NoTls).unwrap();
        c.batch_execute("UPDATE treevu_schema SET version = 99; CREATE TABLE future (x int)")
            .unwrap();
        let err = Store::open_postgres(&url, "ana")
            .err()
            .expect("a newer schema is refused");
        let text = err.to_string();
        assert!(
            text.contains("99") && text.contains("upgrade treevu") && text.contains(":***@"),
            "{text}"
        );
        let password = url.config().unwrap().get_password().unwrap().to_vec();
        assert!(
            !text.contains(std::str::from_utf8(&password).unwrap()),
            "{text}"
        );
        assert_eq!(version(&url), 99, "nothing was touched");
    }

    #[test]
    fn workers_starting_together_migrate_once() {
        let Some(url) = database("together") else {
            return;
        };
        let opened: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|i| {
                    let url = &url;
                    s.spawn(move || Store::open_postgres(url, &format!("w{i}")).map(|_| ()))
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for o in opened {
            o.unwrap();
        }
        assert_eq!(version(&url), SCHEMA_VERSION as i32);
    }

    #[test]
    fn a_merchant_sees_only_its_own_rows() {
        let Some(url) = database("tenants") else {
            return;
        };
        let (ana, beto) = (
            Store::open_postgres(&url, "ana").unwrap(),
            Store::open_postgres(&url, "beto").unwrap(),
        );
        let account = Account {
            marketplace: Marketplace::Olx,
            remote_user_id: "u1".into(),
            display_name: None,
            connected_at: "t".into(),
            last_sync_at: None,
            secret_store: "keyring".into(),
            secret_ref: "treevu / olx:ana".into(),
            needs_reconnect: false,
            scopes: None,
        };
        ana.upsert_account(&account).unwrap();
        ana.reserve_budget(Marketplace::Olx, 400, 10).unwrap();
        assert!(beto.accounts().unwrap().is_empty());
        assert_eq!(
            beto.reserve_budget(Marketplace::Olx, 400, 10).unwrap().0,
            400
        );
        assert_eq!(ana.budget(Marketplace::Olx, 10).unwrap().remaining, 600);
        assert!(!beto.remove_account(Marketplace::Olx).unwrap());
        assert_eq!(ana.accounts().unwrap(), [account]);
    }

    #[test]
    fn a_wrong_password_is_a_clear_error_without_the_password() {
        let Some(server) = crate::store::store_tests::test_server() else {
            return;
        };
        let shown = server.to_string();
        let wrong = DatabaseUrl::parse(&shown.replace(":***@", ":not-the-password@")).unwrap();
        let text = Store::open_postgres(&wrong, "ana")
            .err()
            .expect("refused")
            .to_string();
        assert!(
            text.contains("password authentication failed") && !text.contains("not-the-password"),
            "{text}"
        );
    }
}
