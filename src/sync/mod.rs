//! Sync: pages through an account's listings inside the shared rate budget,
//! upserts them in transactions, sets malformed records aside, and leaves a
//! checkpoint so a run stopped for any reason (budget, network, kill -9)
//! continues where it was.
//!
//! The engine talks to a marketplace through [`Source`] (adapters over the
//! typed clients live in `sources.rs`) and reports progress through
//! [`Observer`]; it never prints.

pub mod engine;
pub mod gate;
pub mod lock;
pub mod normalize;
pub mod notify;
pub mod sources;
pub mod worker;

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::Marketplace;
use crate::domain::time::timestamp;
use crate::exit::{self, ExitStatus};
use crate::marketplaces::types::{
    Inmuebles24Lead, Inmuebles24Property, MarketVehicle, OlxConversation,
};
use crate::marketplaces::{ApiError, BoxFuture, ListPage, RateInfo};
use crate::store::listings::ListingRecord;
use crate::store::sync::{Outcome, RunCounts};

pub use engine::sync_account;

/// What [`Source::list_page`] answers: a page of listings, normalized.
pub type PageFuture<'a> = BoxFuture<'a, Result<ListPage<ListingRecord>, ApiError>>;
/// What [`Source::follow_up`] answers.
pub type FollowUpFuture<'a> = BoxFuture<'a, Result<FollowUpData, ApiError>>;

/// One marketplace account as the engine sees it.
pub trait Source: Send + Sync + 'static {
    fn marketplace(&self) -> Marketplace;
    /// Whether [`Source::prepare`] still has to run (e.g. OLX must learn the user id).
    fn needs_prepare(&self) -> bool {
        false
    }
    /// One-time set-up request, made through the budget gate like any other.
    fn prepare(&self) -> BoxFuture<'_, Result<(), ApiError>> {
        Box::pin(async { Ok(()) })
    }
    /// One page of the account's listings, normalized; bad records as errors.
    fn list_page(&self, page: u32, limit: u32, since: Option<DateTime<Utc>>) -> PageFuture<'_>;
    /// One follow-up request (stats, leads, conversations, market data).
    fn follow_up(&self, req: FollowUp) -> FollowUpFuture<'_>;
    /// The `X-RateLimit-*` headers of the last answer.
    fn rate_info(&self) -> Option<RateInfo>;
}

/// A follow-up request the engine may plan after the listing pages.
#[derive(Debug, Clone, PartialEq)]
pub enum FollowUp {
    /// OLX stats of a listing whose contacts grew (for the last contact date).
    Stats { remote_id: String },
    /// Inmuebles24 leads of a property whose lead count grew.
    Leads { remote_id: String },
    /// OLX conversations changed since the cursor.
    Conversations { since: Option<DateTime<Utc>> },
    /// One page of Inmuebles24's market comparables for a segment the merchant lists in.
    MarketProperties {
        district: String,
        property_type: String,
        operation: String,
        page: u32,
    },
    /// Autofact market analysis around one of the merchant's vehicles, for
    /// its model (`scope`: `brand|model`).
    MarketVehicles { remote_id: String, scope: String },
}

/// What a follow-up brought back.
#[derive(Debug, Clone)]
pub enum FollowUpData {
    LastContact {
        remote_id: String,
        at: Option<String>,
    },
    Leads(Vec<Inmuebles24Lead>),
    Conversations(Vec<OlxConversation>),
    /// One page of market homes, and how many the segment has in all.
    MarketProperties {
        items: Vec<Inmuebles24Property>,
        total: u64,
    },
    MarketVehicles(Vec<MarketVehicle>),
}

/// Progress events, for bars and logs at the edge.
pub trait Observer: Send + Sync {
    fn started(&self, _m: Marketplace, _full: bool) {}
    fn total(&self, _m: Marketplace, _records: u64) {}
    fn page_stored(&self, _m: Marketplace, _records: u64) {}
    /// The hourly request budget is spent: waiting until `until` for the window to reset.
    fn waiting(&self, _m: Marketplace, _until: DateTime<Utc>) {}
    fn note(&self, _m: Marketplace, _message: &str) {}
}

/// An observer that ignores everything.
pub struct Silent;
impl Observer for Silent {}

/// Knobs of one run.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// Ignore the incremental cursor: pull everything and mark what vanished as removed.
    pub full: bool,
    /// Longest wait for the rate window to reset before stopping with a checkpoint.
    pub max_wait: Duration,
    /// Pages fetched at once.
    pub concurrency: usize,
    /// Records per page (the APIs allow 100).
    pub page_limit: u32,
    /// Most follow-up requests (stats, leads, conversations, market) per run.
    pub follow_up_limit: u32,
    /// Attempts for a request that fails with 5xx or a network error.
    pub max_attempts: u32,
    /// First backoff delay; doubles with each attempt, plus jitter.
    pub backoff: Duration,
    /// Set (by `treevu worker` on SIGTERM) to end the run after the pages in
    /// flight are stored: the run is recorded `interrupted`, its checkpoint kept.
    pub stop: StopFlag,
}

/// A flag another thread sets to stop runs early; never set by default.
#[derive(Debug, Clone, Default)]
pub struct StopFlag(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl StopFlag {
    pub fn set(&self) {
        self.0.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn is_set(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            full: false,
            max_wait: Duration::from_secs(120),
            concurrency: 4,
            page_limit: 100,
            follow_up_limit: 7,
            max_attempts: 5,
            backoff: Duration::from_millis(250),
            stop: StopFlag::default(),
        }
    }
}

/// What one account's run did.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    pub marketplace: Marketplace,
    /// The run's row in `sync_runs`; none when the run could not even be recorded.
    pub run_id: Option<i64>,
    pub full: bool,
    pub outcome: Outcome,
    #[serde(flatten)]
    pub counts: RunCounts,
    pub error: Option<String>,
    /// Set when the run stopped early: when the next run can continue.
    pub resume_after: Option<String>,
    pub needs_reconnect: bool,
    /// In JSON, their English text.
    pub notes: Vec<SyncNote>,
    /// What the run added to the market pool: market data and the merchant's
    /// own listings (new, updated, unchanged, rejected by reason, removed).
    pub pool: crate::pool::intake::Stored,
}

impl SyncReport {
    /// An account whose run failed before it could start or be recorded
    /// (setup, credentials, a store that cannot be written, a bug).
    pub fn failed(marketplace: Marketplace, error: String, needs_reconnect: bool) -> SyncReport {
        SyncReport {
            marketplace,
            run_id: None,
            full: false,
            outcome: Outcome::Failed,
            counts: RunCounts::default(),
            error: Some(error),
            resume_after: None,
            needs_reconnect,
            notes: Vec::new(),
            pool: Default::default(),
        }
    }

    /// The exit code this outcome asks for.
    pub fn exit_code(&self) -> u8 {
        if self.needs_reconnect {
            exit::NEEDS_RECONNECT
        } else {
            match self.outcome {
                Outcome::Ok => exit::OK,
                Outcome::Partial => exit::PARTIAL,
                _ => exit::ERROR,
            }
        }
    }
}

/// What a run tells the person who ran it besides its counts, typed: the
/// CLI words it in the reader's language; JSON carries the English.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncNote {
    /// A checkpointed run taken up again.
    Continuing { started_at: String, pages: usize },
    /// Fewer listings seen than the marketplace counted: none marked removed.
    PartlySeen { seen: u64, total: u64 },
    /// The request budget ran out before the follow-ups did.
    BudgetSpent,
    /// A follow-up request that failed (the request, and why in English).
    Skipped { request: String, why: String },
}

impl std::fmt::Display for SyncNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SyncNote::Continuing { started_at, pages } => write!(
                f,
                "continuing the run started at {started_at} ({pages} pages already stored)"
            ),
            SyncNote::PartlySeen { seen, total } => write!(
                f,
                "saw {seen} of {total} listings (some moved while paging); not marking any as removed this run"
            ),
            SyncNote::BudgetSpent => write!(
                f,
                "request budget spent; stats and market data wait for the next run"
            ),
            SyncNote::Skipped { request, why } => write!(f, "skipped {request}: {why}"),
        }
    }
}

impl Serialize for SyncNote {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Errors that stop a sync before or outside a run.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(
        "another treevu process is already syncing {0} for this profile; wait for it to finish (or use --wait)"
    )]
    AlreadyRunning(Marketplace),
    #[error("{0} is not connected; run 'treevu connect {0}'")]
    NotConnected(Marketplace),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("cannot use the lock file {path}: {source}")]
    Lock {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

impl ExitStatus for SyncError {
    fn exit_code(&self) -> u8 {
        match self {
            SyncError::AlreadyRunning(_) => exit::ALREADY_RUNNING,
            SyncError::NotConnected(_) => exit::NEEDS_RECONNECT,
            _ => exit::ERROR,
        }
    }
}

/// One account ready to sync: its own store connection, source and gate.
/// The caller holds the account's [`lock::SyncLock`] until the runs end.
pub struct Job {
    pub store: crate::store::Store,
    pub source: std::sync::Arc<dyn Source>,
    pub gate: std::sync::Arc<gate::Gate>,
}

/// Runs every job at once and reports each account, in marketplace order.
/// An account whose run fails in any way, a panic included, is a failed
/// report with the cause; a panicked run's row is closed as failed.
pub async fn sync_accounts(
    jobs: Vec<Job>,
    opts: &SyncOptions,
    observer: std::sync::Arc<dyn Observer>,
) -> Vec<SyncReport> {
    let mut set = tokio::task::JoinSet::new();
    let mut tasks = std::collections::HashMap::new();
    for job in jobs {
        let (m, path) = (job.source.marketplace(), job.store.path().to_path_buf());
        let (opts, observer) = (opts.clone(), observer.clone());
        let mut store = job.store;
        let handle = set.spawn(async move {
            sync_account(&mut store, job.source, job.gate, &opts, observer).await
        });
        tasks.insert(handle.id(), (m, path));
    }
    let mut reports = Vec::new();
    while let Some(joined) = set.join_next_with_id().await {
        let report = match joined {
            Ok((_, Ok(report))) => report,
            Ok((id, Err(e))) => {
                let code = exit::ExitStatus::exit_code(&e);
                SyncReport::failed(tasks[&id].0, e.to_string(), code == exit::NEEDS_RECONNECT)
            }
            Err(e) => {
                let (m, path) = tasks[&e.id()].clone();
                let error = engine::internal_error(&engine::panic_text(e));
                // The task could not close its run: close it here.
                if let Ok(s) = crate::store::Store::open(&path) {
                    let _ = crate::store::sync::fail_open_run(
                        s.conn(),
                        m,
                        &error,
                        &timestamp(Utc::now()),
                    );
                }
                SyncReport::failed(m, error, false)
            }
        };
        reports.push(report);
    }
    reports.sort_by_key(|r| r.marketplace);
    reports
}

/// Timestamps in the store: RFC 3339, UTC, milliseconds, so text order is time order.
#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::marketplaces::RecordError;
    use crate::store::Store;

    /// A marketplace whose page `panic_on` makes treevu panic: a bug cannot be
    /// had from the real clients on demand.
    struct Panicky {
        panic_on: u32,
    }

    impl Source for Panicky {
        fn marketplace(&self) -> Marketplace {
            Marketplace::Autofact
        }
        fn list_page(&self, page: u32, limit: u32, _: Option<DateTime<Utc>>) -> PageFuture<'_> {
            let panic_on = self.panic_on;
            Box::pin(async move {
                assert!(page != panic_on, "page {page} broke");
                Ok(ListPage {
                    items: vec![Err(RecordError {
                        remote_id: Some(format!("bad-{page}")),
                        reason: "test record".into(),
                        payload: serde_json::json!({}),
                    })],
                    page,
                    limit,
                    total: 150,
                })
            })
        }
        fn follow_up(&self, _req: FollowUp) -> FollowUpFuture<'_> {
            Box::pin(async {
                Err(ApiError::NotFound {
                    marketplace: Marketplace::Autofact,
                    what: "follow-ups".into(),
                })
            })
        }
        fn rate_info(&self) -> Option<RateInfo> {
            None
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_run_that_panics_is_a_failed_run_and_its_row_is_closed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        // Page 1 is awaited by the run itself, page 2 by a task of its own.
        for panic_on in [1, 2] {
            let m = Marketplace::Autofact;
            let gate =
                gate::Gate::open(&path, m, Duration::from_secs(1), Arc::new(Silent)).unwrap();
            let job = Job {
                store: Store::open(&path).unwrap(),
                source: Arc::new(Panicky { panic_on }),
                gate: Arc::new(gate),
            };
            let reports = sync_accounts(vec![job], &SyncOptions::default(), Arc::new(Silent)).await;
            assert_eq!(reports.len(), 1, "the account is reported, not dropped");
            let r = &reports[0];
            assert_eq!(r.outcome, Outcome::Failed);
            assert_eq!(r.exit_code(), exit::ERROR);
            let error = r.error.as_deref().unwrap_or_default();
            assert!(
                error.contains("internal error")
                    && error.contains(&format!("page {panic_on} broke")),
                "{error}"
            );
            let store = Store::open(&path).unwrap();
            let run = crate::store::sync::last_run(store.conn(), m)
                .unwrap()
                .unwrap();
            assert_eq!(run.outcome, Outcome::Failed, "page {panic_on}: {run:?}");
            assert!(run.finished_at.is_some());
            assert!(run.error.unwrap_or_default().contains("broke"));
        }
    }
}
