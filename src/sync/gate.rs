//! The request gate: every request of a run first takes one unit of the
//! account's hourly budget from the store (shared by all treevu processes),
//! waits for the window to reset when that is near, and otherwise stops the
//! run so it can continue later from its checkpoint.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};

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
    /// A task of the run panicked (a bug); its message.
    Panicked(String),
    /// The run was asked to stop ([`super::SyncOptions::stop`]) before it ended.
    Interrupted,
}

impl From<store::StoreError> for Stop {
    fn from(e: store::StoreError) -> Self {
        Stop::Store(e)
    }
}

/// Requests taken from the shared budget at a time. Taking one per request
/// made every request a write transaction competing with the page writer
/// for the database lock; a small chunk keeps the budget shared and exact
/// (unused units go back at the end of the run) at a tenth of the cost.
const CHUNK: u32 = 8;

/// What the gate holds between visits to the database.
#[derive(Default)]
struct Held {
    /// Units taken from the shared budget and not spent yet.
    units: u32,
    /// The last `X-RateLimit-*` headers, not yet written to the store.
    pending: Option<RateInfo>,
    /// Requests let through whose answers have not been observed yet: the
    /// headers of an answer do not count them, so neither may the budget.
    outstanding: u32,
}

pub struct Gate {
    store: Mutex<Store>,
    held: Mutex<Held>,
    marketplace: Marketplace,
    max_wait: Duration,
    observer: Arc<dyn Observer>,
    used: AtomicU64,
    throttled: AtomicU64,
}

impl Gate {
    /// Opens its own handle on the database at `path`, so tasks fetching
    /// pages can take budget while the main task writes listings.
    pub fn open(
        path: &Path,
        marketplace: Marketplace,
        max_wait: Duration,
        observer: Arc<dyn Observer>,
    ) -> Result<Gate, store::StoreError> {
        Ok(Gate::over(
            Store::open(path)?,
            marketplace,
            max_wait,
            observer,
        ))
    }

    /// A gate over a handle of its own (see [`Store::reopen`]).
    pub fn over(
        store: Store,
        marketplace: Marketplace,
        max_wait: Duration,
        observer: Arc<dyn Observer>,
    ) -> Gate {
        Gate {
            store: Mutex::new(store),
            held: Mutex::new(Held::default()),
            marketplace,
            max_wait,
            observer,
            used: AtomicU64::new(0),
            throttled: AtomicU64::new(0),
        }
    }

    /// Requests this gate let through.
    pub fn used(&self) -> u64 {
        self.used.load(Ordering::Relaxed)
    }

    /// 429 answers met.
    pub fn throttled(&self) -> u64 {
        self.throttled.load(Ordering::Relaxed)
    }

    fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        // A panic elsewhere must not wedge the budget: the store itself is still sound.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn held(&self) -> std::sync::MutexGuard<'_, Held> {
        self.held.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Writes the last server headers to the shared budget, counting the units
    /// this gate still holds as spent (the server does not know of them yet).
    fn flush(&self) -> Result<(), Stop> {
        let (info, units) = {
            let mut h = self.held();
            (h.pending.take(), h.units + h.outstanding)
        };
        if let Some(i) = info {
            let now = Utc::now().timestamp();
            self.store().observe_budget(
                self.marketplace,
                i.limit,
                i.remaining.saturating_sub(units),
                i.reset_at,
                now,
            )?;
        }
        Ok(())
    }

    /// Takes one request from the budget, waiting for the window to reset if
    /// that is near (a wait `stop` cuts short).
    pub async fn acquire(&self, stop: &super::StopFlag) -> Result<(), Stop> {
        loop {
            {
                let mut h = self.held();
                if h.units > 0 {
                    h.units -= 1;
                    h.outstanding += 1;
                    self.used.fetch_add(1, Ordering::Relaxed);
                    return Ok(());
                }
            }
            self.flush()?;
            let now = Utc::now().timestamp();
            let (granted, budget) = self.store().reserve_budget(self.marketplace, CHUNK, now)?;
            if granted > 0 {
                self.held().units += granted;
                continue;
            }
            let reset_at = Utc
                .timestamp_opt(budget.reset_at, 0)
                .single()
                .unwrap_or_else(Utc::now);
            let wait = (budget.reset_at - now).max(0) as u64;
            if Duration::from_secs(wait) > self.max_wait {
                return Err(Stop::Budget { reset_at });
            }
            // The hourly request budget is spent: wait for the window to reset.
            self.observer.waiting(self.marketplace, reset_at);
            nap(
                Duration::from_secs(wait + 1) + Duration::from_millis(100),
                stop,
            )
            .await?;
        }
    }

    /// Notes the server's headers: the server is right about what is left, so
    /// units held beyond its remaining count are dropped at once.
    /// Called once after every request, answered or not.
    pub fn observe(&self, info: Option<RateInfo>) {
        let mut h = self.held();
        h.outstanding = h.outstanding.saturating_sub(1);
        if let Some(mut i) = info {
            // Answers can arrive out of order: within a window the lowest count is the latest.
            if let Some(p) = h.pending.filter(|p| p.reset_at == i.reset_at) {
                i.remaining = i.remaining.min(p.remaining);
            }
            h.units = h.units.min(i.remaining.saturating_sub(h.outstanding));
            h.pending = Some(i);
        }
    }

    /// The request let through was never sent: its unit is back in hand.
    pub fn unspent(&self) {
        let mut h = self.held();
        h.outstanding = h.outstanding.saturating_sub(1);
        h.units += 1;
        self.used.fetch_sub(1, Ordering::Relaxed);
    }

    /// A 429 came: nothing more until `retry_after` has passed.
    pub fn throttle(&self, retry_after: Duration) {
        self.throttled.fetch_add(1, Ordering::Relaxed);
        self.held().units = 0;
        let _ = self.flush();
        let now = Utc::now().timestamp();
        let store = self.store();
        if let Ok(b) = store.budget(self.marketplace, now) {
            let reset_at = now + retry_after.as_secs().max(1) as i64;
            let _ =
                store.observe_budget(self.marketplace, b.limit, 0, reset_at.max(b.reset_at), now);
        }
    }

    /// Ends the run: the last headers go to the store and unspent units back to the shared budget.
    pub fn finish(&self) {
        let _ = self.flush();
        let units = std::mem::take(&mut self.held().units);
        if units > 0 {
            let now = Utc::now().timestamp();
            let _ = self.store().release_budget(self.marketplace, units, now);
        }
    }
}

impl Drop for Gate {
    fn drop(&mut self) {
        self.finish();
    }
}

/// One request through `gate`, retrying 5xx and network errors with backoff and
/// jitter and waiting out a short `Retry-After`; `rate_info` reads the answer's
/// `X-RateLimit-*` headers. Every request a sync or a delist makes goes through here.
pub async fn call<'a, T, F>(
    gate: &Gate,
    rate_info: impl Fn() -> Option<RateInfo>,
    opts: &super::SyncOptions,
    mut call: F,
) -> Result<T, Stop>
where
    F: FnMut() -> crate::marketplaces::BoxFuture<'a, Result<T, crate::marketplaces::ApiError>>,
{
    use crate::marketplaces::ApiError;
    use rand::Rng;
    let mut attempt = 0u32;
    loop {
        // Asked to stop: no new request, nor another attempt of a failing one.
        if opts.stop.is_set() {
            return Err(Stop::Interrupted);
        }
        gate.acquire(&opts.stop).await?;
        let result = call().await;
        match &result {
            // Nothing went out (the credential could not be read): the unit goes back.
            Err(e) if e.was_not_sent() => gate.unspent(),
            _ => gate.observe(rate_info()),
        }
        match result {
            Ok(v) => return Ok(v),
            Err(ApiError::RateLimited { retry_after, .. }) => {
                gate.throttle(retry_after);
                if retry_after > opts.max_wait {
                    return Err(Stop::Budget {
                        reset_at: Utc::now()
                            + chrono::Duration::from_std(retry_after).unwrap_or_default(),
                    });
                }
                nap(retry_after, &opts.stop).await?;
            }
            Err(e) if e.is_transient() && attempt + 1 < opts.max_attempts => {
                attempt += 1;
                let base = opts.backoff.as_millis() as u64 * (1u64 << attempt.min(6));
                let jitter = rand::thread_rng().gen_range(0..=base / 2 + 1);
                nap(Duration::from_millis(base + jitter), &opts.stop).await?;
            }
            Err(e) => return Err(Stop::Failed(e)),
        }
    }
}

/// Sleeps `d`, or less when `stop` is set meanwhile (then `Interrupted`):
/// a stopping worker must not sit out a budget window or a backoff.
async fn nap(d: Duration, stop: &super::StopFlag) -> Result<(), Stop> {
    let end = tokio::time::Instant::now() + d;
    loop {
        if stop.is_set() {
            return Err(Stop::Interrupted);
        }
        let now = tokio::time::Instant::now();
        if now >= end {
            return Ok(());
        }
        tokio::time::sleep((end - now).min(Duration::from_millis(100))).await;
    }
}
