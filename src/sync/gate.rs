//! The request gate: every request of a run first takes one unit of the
//! account's hourly budget from the store (shared by all treevu processes),
//! waits for the window to reset when that is near, and otherwise stops the
//! run so it can continue later from its checkpoint.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::Connection;

use super::Observer;
use crate::domain::Marketplace;
use crate::marketplaces::RateInfo;
use crate::store::{self, Store};

/// Why a run stopped before finishing.
#[derive(Debug)]
pub enum Stop {
    /// The hourly budget is spent and the window resets too far ahead to wait.
    Budget { reset_at: DateTime<Utc> },
    /// A request failed for good (after retries, or not retryable).
    Failed(crate::marketplaces::ApiError),
    /// The store failed.
    Store(store::StoreError),
}

impl From<store::StoreError> for Stop {
    fn from(e: store::StoreError) -> Self {
        Stop::Store(e)
    }
}

impl From<rusqlite::Error> for Stop {
    fn from(e: rusqlite::Error) -> Self {
        Stop::Store(e.into())
    }
}

pub struct Gate {
    conn: Mutex<Connection>,
    marketplace: Marketplace,
    max_wait: Duration,
    observer: Arc<dyn Observer>,
    used: AtomicU64,
    throttled: AtomicU64,
}

impl Gate {
    /// Opens its own connection to the database at `path`, so tasks fetching
    /// pages can take budget while the main task writes listings.
    pub fn open(
        path: &Path,
        marketplace: Marketplace,
        max_wait: Duration,
        observer: Arc<dyn Observer>,
    ) -> Result<Gate, store::StoreError> {
        let store = Store::open(path)?;
        Ok(Gate {
            conn: Mutex::new(store.into_connection()),
            marketplace,
            max_wait,
            observer,
            used: AtomicU64::new(0),
            throttled: AtomicU64::new(0),
        })
    }

    /// Requests this gate let through.
    pub fn used(&self) -> u64 {
        self.used.load(Ordering::Relaxed)
    }

    /// 429 answers met.
    pub fn throttled(&self) -> u64 {
        self.throttled.load(Ordering::Relaxed)
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic elsewhere must not wedge the budget: the connection itself is still sound.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Takes one request from the budget, waiting for the window to reset if that is near.
    pub async fn acquire(&self) -> Result<(), Stop> {
        loop {
            let now = Utc::now().timestamp();
            let (granted, budget) =
                store::sync::reserve(&mut self.conn(), self.marketplace, 1, now)?;
            if granted == 1 {
                self.used.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
            let reset_at = Utc
                .timestamp_opt(budget.reset_at, 0)
                .single()
                .unwrap_or_else(Utc::now);
            let wait = (budget.reset_at - now).max(0) as u64;
            if Duration::from_secs(wait) > self.max_wait {
                return Err(Stop::Budget { reset_at });
            }
            self.observer.waiting(
                self.marketplace,
                reset_at,
                "hourly request budget spent; waiting for the window to reset",
            );
            tokio::time::sleep(Duration::from_secs(wait) + Duration::from_millis(250)).await;
        }
    }

    /// Corrects the shared budget with the server's headers.
    pub fn observe(&self, info: Option<RateInfo>) {
        if let Some(i) = info {
            let now = Utc::now().timestamp();
            let _ = store::sync::observe(
                &mut self.conn(),
                self.marketplace,
                i.limit,
                i.remaining,
                i.reset_at,
                now,
            );
        }
    }

    /// A 429 came: nothing more until `retry_after` has passed.
    pub fn throttle(&self, retry_after: Duration) {
        self.throttled.fetch_add(1, Ordering::Relaxed);
        let now = Utc::now().timestamp();
        let mut conn = self.conn();
        if let Ok(b) = store::sync::budget(&conn, self.marketplace, now) {
            let reset_at = now + retry_after.as_secs().max(1) as i64;
            let _ = store::sync::observe(
                &mut conn,
                self.marketplace,
                b.limit,
                0,
                reset_at.max(b.reset_at),
                now,
            );
        }
    }
}
