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

use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use crate::domain::Marketplace;
use crate::exit::{self, ExitStatus};
use crate::marketplaces::types::{
    Inmuebles24Lead, Inmuebles24Property, MarketVehicle, OlxConversation,
};
use crate::marketplaces::{ApiError, BoxFuture, ListPage, RateInfo};
use crate::store::listings::ListingRecord;
use crate::store::sync::{Outcome, RunCounts};

pub use engine::sync_account;

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
    fn list_page(
        &self,
        page: u32,
        limit: u32,
        since: Option<DateTime<Utc>>,
    ) -> BoxFuture<'_, Result<ListPage<ListingRecord>, ApiError>>;
    /// One follow-up request (stats, leads, conversations, market data).
    fn follow_up(&self, req: FollowUp) -> BoxFuture<'_, Result<FollowUpData, ApiError>>;
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
    fn waiting(&self, _m: Marketplace, _until: DateTime<Utc>, _why: &str) {}
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
        }
    }
}

/// What one account's run did.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    pub marketplace: Marketplace,
    pub run_id: i64,
    pub full: bool,
    pub outcome: Outcome,
    #[serde(flatten)]
    pub counts: RunCounts,
    pub error: Option<String>,
    /// Set when the run stopped early: when the next run can continue.
    pub resume_after: Option<String>,
    pub needs_reconnect: bool,
    pub notes: Vec<String>,
    /// What the run added to the market pool: market data and the merchant's
    /// own listings (new, updated, unchanged, rejected by reason, removed).
    pub pool: crate::market::pool::Stored,
}

impl SyncReport {
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

/// Timestamps in the store: RFC 3339, UTC, milliseconds, so text order is time order.
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn now() -> DateTime<Utc> {
    Utc::now()
}
