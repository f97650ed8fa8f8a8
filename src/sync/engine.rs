//! One account's run: checkpointed paging, upserts, quarantine, follow-ups.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tokio::task::JoinSet;

use super::gate::{Gate, Stop};
use super::{
    FollowUp, FollowUpData, Observer, Source, SyncError, SyncNote, SyncOptions, SyncReport,
};
use crate::domain::Marketplace;
use crate::domain::time::{parse_timestamp, timestamp};
use crate::marketplaces::{ApiError, ListPage};
use crate::pool::{feed, intake as pool};
use crate::store::listings::{ListingRecord, Upsert};
use crate::store::market;
use crate::store::page::{BadRecord, PageItem, PageWrite};
use crate::store::sync::{Outcome, RunCounts};
use crate::store::{Store, StoreError};

/// How far back the next incremental run looks before this run's start, to
/// absorb clock differences between treevu and the marketplace.
const CURSOR_MARGIN: chrono::Duration = chrono::Duration::seconds(120);

/// A run's resume point, saved with every stored page.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Checkpoint {
    full: bool,
    /// `updated_since` of the run (RFC 3339), none for a full run.
    since: Option<String>,
    /// When the run (or the run it continues) started.
    started_at: String,
    total_records: Option<u64>,
    total_pages: Option<u32>,
    pages_done: BTreeSet<u32>,
    quarantined: u64,
}

/// Listings that changed in this run, for follow-ups.
struct Changed {
    remote_id: String,
    contacts_grew: bool,
}

/// Syncs one account. The caller holds the account's [`super::lock::SyncLock`].
///
/// Once the run is recorded, whatever stops it (the budget, a marketplace
/// error, a store that cannot be written, a bug) ends in a report and a closed
/// run row; `Err` is only for a store that fails before the run could start.
pub async fn sync_account(
    store: &mut Store,
    source: Arc<dyn Source>,
    gate: Arc<Gate>,
    opts: &SyncOptions,
    observer: Arc<dyn Observer>,
) -> Result<SyncReport, SyncError> {
    let m = source.marketplace();
    let path = store.path().to_path_buf();
    let at = |e: StoreError| SyncError::Store(e.at(&path));
    let started = Utc::now();
    let started_s = timestamp(started);
    store.close_abandoned_runs(m, &started_s).map_err(at)?;
    let state = store.sync_state(m).map_err(at)?;
    let saved: Option<Checkpoint> = state
        .checkpoint
        .as_deref()
        .and_then(|s| serde_json::from_str(s).ok());
    let mut notes = Vec::new();
    let mut cp = match saved {
        // A --full request does not continue an incremental run; anything else resumes.
        Some(cp) if cp.full || !opts.full => {
            notes.push(SyncNote::Continuing {
                started_at: cp.started_at.clone(),
                pages: cp.pages_done.len(),
            });
            cp
        }
        _ => {
            let full = opts.full || state.cursor.is_none();
            Checkpoint {
                full,
                since: if full { None } else { state.cursor.clone() },
                started_at: started_s.clone(),
                ..Default::default()
            }
        }
    };
    let run_id = store.start_run(m, cp.full, &started_s).map_err(at)?;
    observer.started(m, cp.full);

    let mut counts = RunCounts::default();
    let mut pool = pool::Stored::default();
    let run_of = RunOf {
        source: &source,
        gate: &gate,
        opts,
        observer: observer.as_ref(),
        run_id,
    };
    let ended = run(store, run_of, &mut cp, &mut counts, &mut notes, &mut pool).await;

    let mut outcome = Outcome::Ok;
    let mut error = None;
    let mut resume_after = None;
    let mut needs_reconnect = false;
    match ended {
        Ok(()) => {}
        Err(Stop::Budget { reset_at }) => {
            outcome = Outcome::Partial;
            let done = cp.pages_done.len();
            let total = cp
                .total_pages
                .map(|t| t.to_string())
                .unwrap_or_else(|| "?".into());
            error = Some(format!(
                "hourly request budget spent after {done} of {total} pages; the next run continues from here after {}",
                timestamp(reset_at)
            ));
            resume_after = Some(timestamp(reset_at));
        }
        Err(Stop::Failed(e)) => {
            outcome = Outcome::Failed;
            needs_reconnect = matches!(e, ApiError::Unauthorized { .. });
            if needs_reconnect {
                let _ = store.set_needs_reconnect(m, true);
            }
            error = Some(e.to_string());
        }
        Err(Stop::Store(e)) => {
            outcome = Outcome::Failed;
            error = Some(e.at(&path).to_string());
        }
        Err(Stop::Panicked(why)) => {
            outcome = Outcome::Failed;
            error = Some(internal_error(&why));
        }
        // Stopped on request after its stored pages: not a failure, and the
        // checkpoint lets the next run (any worker's) continue at once.
        Err(Stop::Interrupted) => outcome = Outcome::Interrupted,
    }
    // A failed run is recorded first: when the disk is full, the little room
    // the failed write left is best spent on closing the run row.
    let failed_first = error.is_some();
    let recorded = failed_first
        && finish(store, &gate, run_id, &mut counts, outcome, error.as_deref()).is_ok();
    // Whatever pages were stored, the merchant's own listings join the pool
    // (also after a partial or failed run; a killed run is caught up next time).
    match feed_own_listings(store, m) {
        Ok(stored) => pool.add(&stored),
        // The run's first failure is the one to report; this one is likely its echo.
        Err(e) if error.is_none() => {
            outcome = Outcome::Failed;
            error = Some(e.at(&path).to_string());
        }
        Err(_) => {}
    }
    if !recorded
        && let Err(e) = finish(store, &gate, run_id, &mut counts, outcome, error.as_deref())
    {
        // Not even the run row could be written: the report says so, and
        // the next run that can write closes the row as interrupted.
        let e = e.at(&path).to_string();
        outcome = Outcome::Failed;
        error = Some(match error {
            Some(first) if first != e => {
                format!("{first}; the run could not be recorded: {e}")
            }
            Some(first) => format!("{first}; the run could not be recorded either"),
            None => e,
        });
    }
    Ok(SyncReport {
        marketplace: m,
        run_id: Some(run_id),
        full: cp.full,
        outcome,
        counts,
        error,
        resume_after,
        needs_reconnect,
        notes,
        pool,
    })
}

/// Records the end of a run: unspent budget back to the other processes
/// first, then the run row with its counts.
fn finish(
    store: &Store,
    gate: &Gate,
    run_id: i64,
    counts: &mut RunCounts,
    outcome: Outcome,
    error: Option<&str>,
) -> Result<(), StoreError> {
    gate.finish();
    counts.requests_used = gate.used();
    counts.throttled = gate.throttled();
    store.finish_run(run_id, counts, outcome, error, &timestamp(Utc::now()))
}

/// The message of a run stopped by a bug in treevu (a panic).
pub(crate) fn internal_error(why: &str) -> String {
    format!("treevu stopped this run on an internal error (a bug; please report it): {why}")
}

/// The text a panic carried, if it was a string.
pub(crate) fn panic_text(e: tokio::task::JoinError) -> String {
    match e.try_into_panic() {
        Ok(p) => p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a task panicked".into()),
        Err(e) => e.to_string(),
    }
}

/// What one sync run works with: the account's source, the budget gate, the
/// options, who watches, and the run's id in the store.
#[derive(Clone, Copy)]
struct RunOf<'a> {
    source: &'a Arc<dyn Source>,
    gate: &'a Arc<Gate>,
    opts: &'a SyncOptions,
    observer: &'a dyn Observer,
    run_id: i64,
}

/// The listing pages, then (when all arrived) removals, follow-ups and the
/// new cursor.
async fn run(
    store: &mut Store,
    run_of: RunOf<'_>,
    cp: &mut Checkpoint,
    counts: &mut RunCounts,
    notes: &mut Vec<SyncNote>,
    pool: &mut pool::Stored,
) -> Result<(), Stop> {
    let RunOf {
        source, gate, opts, ..
    } = run_of;
    let m = source.marketplace();
    let mut changed = Vec::new();
    fetch_pages(store, run_of, cp, counts, &mut changed).await?;
    // Every page is stored; what is left (removals, follow-ups, the cursor)
    // the next run does from the checkpoint.
    if opts.stop.is_set() {
        return Err(Stop::Interrupted);
    }
    let now_s = timestamp(Utc::now());
    if cp.full {
        counts.removed = mark_removed(store, m, cp, &now_s, notes).map_err(sync_stop)?;
    }
    follow_ups(store, source, gate, opts, cp, &changed, notes, pool)
        .await
        .map_err(sync_stop)?;
    let cursor_from = DateTime::parse_from_rfc3339(&cp.started_at)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|_| Utc::now());
    let mut state = store.sync_state(m)?;
    state.cursor = Some(timestamp(cursor_from - CURSOR_MARGIN));
    state.checkpoint = None;
    state.last_success_at = Some(now_s.clone());
    store.save_sync_state(m, &state)?;
    store.set_last_sync_at(m, &now_s)?;
    Ok(())
}

fn sync_stop(e: SyncError) -> Stop {
    match e {
        SyncError::Store(e) => Stop::Store(e),
        other => Stop::Store(StoreError::Invalid(other.to_string())),
    }
}

/// The merchant's own listings into the market pool ([`feed::refresh_own`]).
fn feed_own_listings(store: &mut Store, m: Marketplace) -> Result<pool::Stored, StoreError> {
    if !store.has_pool() {
        return Ok(pool::Stored::default());
    }
    store.write(|s| feed::refresh_own(s, Some(m), &timestamp(Utc::now())))
}

async fn fetch_pages(
    store: &mut Store,
    run_of: RunOf<'_>,
    cp: &mut Checkpoint,
    counts: &mut RunCounts,
    changed: &mut Vec<Changed>,
) -> Result<(), Stop> {
    let RunOf {
        source,
        gate,
        opts,
        observer,
        run_id,
    } = run_of;
    let m = source.marketplace();
    let since: Option<DateTime<Utc>> = cp
        .since
        .as_deref()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc));
    let limit = opts.page_limit.clamp(1, 100);
    if source.needs_prepare() {
        with_retries(source, gate, opts, || source.prepare()).await?;
    }

    if cp.total_pages.is_none() || !cp.pages_done.contains(&1) {
        let page = fetch_page(source.clone(), gate.clone(), opts.clone(), 1, limit, since).await?;
        cp.total_records = Some(page.total);
        cp.total_pages = Some(page.total.div_ceil(limit as u64).max(1) as u32);
        observer.total(m, page.total);
        store_page(store, m, run_id, cp, 1, page, counts, changed, observer)?;
    } else if let Some(total) = cp.total_records {
        observer.total(m, total);
    }

    // The rest, last page first: when a record moves to the end while we page
    // (it changed), earlier records shift down into pages not fetched yet, so
    // they are seen twice rather than skipped. Changes during the run are also
    // caught by the next run, whose cursor is this run's start.
    let mut todo: Vec<u32> = (2..=cp.total_pages.unwrap_or(1))
        .rev()
        .filter(|p| !cp.pages_done.contains(p))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let mut in_flight = JoinSet::new();
    let mut stop: Option<Stop> = None;
    loop {
        // Asked to stop: nothing new is fetched; the pages in flight are stored.
        if stop.is_none() && opts.stop.is_set() {
            stop = Some(Stop::Interrupted);
        }
        while stop.is_none() && in_flight.len() < opts.concurrency.max(1) {
            let Some(p) = todo.pop() else { break };
            let (s, g, o) = (source.clone(), gate.clone(), opts.clone());
            in_flight.spawn(async move { (p, fetch_page(s, g, o, p, limit, since).await) });
        }
        let Some(joined) = in_flight.join_next().await else {
            break;
        };
        let (p, result) = joined.map_err(|e| Stop::Panicked(panic_text(e)))?;
        match result {
            Ok(page) => store_page(store, m, run_id, cp, p, page, counts, changed, observer)?,
            // Keep storing what is already in flight, then stop.
            Err(s) => {
                if stop.is_none() {
                    stop = Some(s);
                }
            }
        }
    }
    match stop {
        Some(s) => Err(s),
        None => Ok(()),
    }
}

/// One page through the gate, retrying 5xx and network errors with backoff and jitter,
/// and waiting out a short `Retry-After`.
async fn fetch_page(
    source: Arc<dyn Source>,
    gate: Arc<Gate>,
    opts: SyncOptions,
    page: u32,
    limit: u32,
    since: Option<DateTime<Utc>>,
) -> Result<ListPage<ListingRecord>, Stop> {
    with_retries(&source, &gate, &opts, || {
        source.list_page(page, limit, since)
    })
    .await
}

async fn with_retries<'a, T, F>(
    source: &'a Arc<dyn Source>,
    gate: &Gate,
    opts: &SyncOptions,
    call: F,
) -> Result<T, Stop>
where
    F: FnMut() -> crate::marketplaces::BoxFuture<'a, Result<T, ApiError>>,
{
    super::gate::call(gate, || source.rate_info(), opts, call).await
}

#[allow(clippy::too_many_arguments)]
fn store_page(
    store: &mut Store,
    m: Marketplace,
    run_id: i64,
    cp: &mut Checkpoint,
    page_no: u32,
    page: ListPage<ListingRecord>,
    run_counts: &mut RunCounts,
    run_changed: &mut Vec<Changed>,
    observer: &dyn Observer,
) -> Result<(), Stop> {
    let now = timestamp(Utc::now());
    let n = page.items.len() as u64;
    // Records without an id are named by a hash of what came.
    let bad: Vec<(String, bool, String)> = page
        .items
        .iter()
        .filter_map(|i| i.as_ref().err())
        .map(|bad| {
            let payload = bad.payload.to_string();
            match &bad.remote_id {
                Some(id) => (id.clone(), true, payload),
                None => (format!("(no id) {:016x}", fxhash(&payload)), false, payload),
            }
        })
        .collect();
    let mut named = bad.iter();
    let items: Vec<PageItem<'_>> = page
        .items
        .iter()
        .map(|i| match i {
            Ok(rec) => PageItem::Good(rec),
            Err(e) => {
                let (remote_id, had_id, payload) = named.next().expect("one name per bad record");
                PageItem::Bad(BadRecord {
                    remote_id,
                    had_id: *had_id,
                    reason: &e.reason,
                    payload,
                })
            }
        })
        .collect();
    let mut next = cp.clone();
    next.quarantined += bad.len() as u64;
    next.pages_done.insert(page_no);
    let checkpoint = serde_json::to_string(&next).unwrap_or_default();
    // Counted on the run's counts only once the page is committed: a page
    // that could not be stored is not counted as fetched.
    let stored = store.write_page(&PageWrite {
        marketplace: m,
        run_id,
        now: &now,
        items: &items,
        checkpoint: &checkpoint,
        counts: *run_counts,
    })?;
    let good = page.items.iter().filter_map(|i| i.as_ref().ok());
    for (rec, upsert) in good.zip(&stored.upserts) {
        match upsert {
            Upsert::New => run_changed.push(Changed {
                remote_id: rec.remote_id.clone(),
                contacts_grew: rec.contacts > 0,
            }),
            Upsert::Updated { contacts_grew, .. } => run_changed.push(Changed {
                remote_id: rec.remote_id.clone(),
                contacts_grew: *contacts_grew,
            }),
            Upsert::Unchanged => {}
        }
    }
    *cp = next;
    *run_counts = stored.counts;
    observer.page_stored(m, n);
    Ok(())
}

/// A stable hash for naming records that came without an id.
fn fxhash(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

fn mark_removed(
    store: &mut Store,
    m: Marketplace,
    cp: &Checkpoint,
    now: &str,
    notes: &mut Vec<SyncNote>,
) -> Result<u64, SyncError> {
    let seen = store.count_seen_since(m, &cp.started_at)?;
    let total = cp.total_records.unwrap_or(0);
    if seen < total.saturating_sub(cp.quarantined) {
        notes.push(SyncNote::PartlySeen { seen, total });
        return Ok(0);
    }
    Ok(store.write(|s| s.mark_unseen_removed(m, &cp.started_at, now))?)
}

/// Stats, leads, conversations and market data, within `follow_up_limit` requests.
/// A failure here is a note: the listings are already stored.
#[allow(clippy::too_many_arguments)]
async fn follow_ups(
    store: &mut Store,
    source: &Arc<dyn Source>,
    gate: &Arc<Gate>,
    opts: &SyncOptions,
    cp: &Checkpoint,
    changed: &[Changed],
    notes: &mut Vec<SyncNote>,
    pool: &mut pool::Stored,
) -> Result<(), SyncError> {
    let m = source.marketplace();
    let plan = plan_follow_ups(store, m, cp, changed, opts.follow_up_limit as usize)?;
    let quick = SyncOptions {
        max_attempts: 2,
        ..opts.clone()
    };
    for req in plan {
        let result = with_retries(source, gate, &quick, || source.follow_up(req.clone())).await;
        let data = match result {
            Ok(d) => d,
            Err(Stop::Budget { .. }) => {
                notes.push(SyncNote::BudgetSpent);
                break;
            }
            Err(Stop::Failed(e)) => {
                notes.push(SyncNote::Skipped {
                    request: format!("{req:?}"),
                    why: e.to_string(),
                });
                continue;
            }
            Err(Stop::Panicked(why)) => {
                notes.push(SyncNote::Skipped {
                    request: format!("{req:?}"),
                    why: internal_error(&why),
                });
                continue;
            }
            // The listings are stored; the follow-ups left wait for the next run.
            Err(Stop::Interrupted) => break,
            Err(Stop::Store(e)) => return Err(e.into()),
        };
        let now = timestamp(Utc::now());
        store.write(|s| -> Result<(), StoreError> {
            match data {
                FollowUpData::LastContact { remote_id, at } => {
                    s.set_last_contact(m, &remote_id, at.as_deref())?;
                }
                FollowUpData::Leads(leads) => {
                    s.upsert_leads(&leads, &now)?;
                    if let Some(last) = leads.iter().map(|l| l.created_at.as_str()).max() {
                        s.advance_last_contact(m, &leads[0].property_id, last)?;
                    }
                }
                FollowUpData::Conversations(items) => {
                    s.upsert_conversations(&items, &now)?;
                }
                FollowUpData::MarketProperties { items, total } => {
                    let rows = items.iter().filter_map(feed::from_inmuebles24_market);
                    pool.add(&pool::store_rows(s, rows, &now)?);
                    if let FollowUp::MarketProperties {
                        district,
                        property_type,
                        operation,
                        page,
                    } = &req
                    {
                        let pages =
                            total.div_ceil(super::sources::MARKET_PAGE as u64).max(1) as u32;
                        let state = market::FeedState {
                            next_page: if *page < pages { page + 1 } else { 1 },
                            pages: Some(pages),
                            fetched_at: now.clone(),
                        };
                        let scope = property_scope(district, property_type, operation);
                        s.save_market_feed(m.as_str(), &scope, &state)?;
                    }
                }
                FollowUpData::MarketVehicles(vehicles) => {
                    let rows = vehicles.iter().filter_map(feed::from_autofact_market);
                    pool.add(&pool::store_rows(s, rows, &now)?);
                    if let FollowUp::MarketVehicles { scope, .. } = &req {
                        let state = market::FeedState {
                            next_page: 1,
                            pages: Some(1),
                            fetched_at: now.clone(),
                        };
                        s.save_market_feed(m.as_str(), scope, &state)?;
                    }
                }
            }
            Ok(())
        })?;
    }
    Ok(())
}

fn plan_follow_ups(
    store: &Store,
    m: Marketplace,
    cp: &Checkpoint,
    changed: &[Changed],
    limit: usize,
) -> Result<Vec<FollowUp>, SyncError> {
    let mut plan = Vec::new();
    match m {
        Marketplace::Olx => {
            let since = cp
                .since
                .as_deref()
                .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
                .map(|t| t.with_timezone(&Utc));
            plan.push(FollowUp::Conversations { since });
            plan.extend(
                changed
                    .iter()
                    .filter(|c| c.contacts_grew)
                    .map(|c| FollowUp::Stats {
                        remote_id: c.remote_id.clone(),
                    }),
            );
        }
        Marketplace::Inmuebles24 => {
            plan.extend(
                changed
                    .iter()
                    .filter(|c| c.contacts_grew)
                    .take(limit / 2)
                    .map(|c| FollowUp::Leads {
                        remote_id: c.remote_id.clone(),
                    }),
            );
            let segments = store.merchant_property_segments()?;
            let scopes = segments.into_iter().map(|s| {
                let scope = property_scope(&s.district, &s.property_type, &s.operation);
                (scope, move |page| FollowUp::MarketProperties {
                    district: s.district.clone(),
                    property_type: s.property_type.clone(),
                    operation: s.operation.clone(),
                    page,
                })
            });
            plan.extend(plan_market(store, m, cp.full, scopes)?);
        }
        Marketplace::Autofact => {
            let models = store.merchant_vehicle_models()?;
            let scopes = models.into_iter().map(|v| {
                let scope = format!("{}|{}", v.brand, v.model);
                let s = scope.clone();
                (scope, move |_page| FollowUp::MarketVehicles {
                    remote_id: v.remote_id.clone(),
                    scope: s.clone(),
                })
            });
            plan.extend(plan_market(store, m, cp.full, scopes)?);
        }
    }
    let mut seen = HashSet::new();
    plan.retain(|p| seen.insert(format!("{p:?}")));
    plan.truncate(limit);
    Ok(plan)
}

/// Least time between two runs that fetch market data for one account, unless
/// the run is `--full`: a repeat sync costs no market requests, and cron runs
/// every half hour grow the pool by a few pages an hour until it is complete.
const MARKET_EVERY: chrono::Duration = chrono::Duration::hours(1);
/// A market scope read to its end is read again after this long.
const MARKET_REFRESH: chrono::Duration = chrono::Duration::hours(24);

fn property_scope(district: &str, property_type: &str, operation: &str) -> String {
    format!("{district}|{property_type}|{operation}")
}

/// The market requests worth making now for `scopes` (the merchant's segments
/// or models, most listings first), in order: scopes never fetched, then
/// scopes with pages left (longest waiting first), then scopes read to their
/// end more than [`MARKET_REFRESH`] ago. The caller caps the plan.
fn plan_market<F: Fn(u32) -> FollowUp>(
    store: &Store,
    m: Marketplace,
    full: bool,
    scopes: impl Iterator<Item = (String, F)>,
) -> Result<Vec<FollowUp>, SyncError> {
    // Market data goes into the pool only: without one, no request for it.
    if !store.has_pool() {
        return Ok(Vec::new());
    }
    let state = store.market_feed_state(m.as_str())?;
    let now = Utc::now();
    let last = state
        .values()
        .filter_map(|s| parse_timestamp(&s.fetched_at))
        .max();
    if !full && last.is_some_and(|t| now - t < MARKET_EVERY) {
        return Ok(Vec::new());
    }
    let mut never = Vec::new();
    let mut deeper = Vec::new();
    let mut stale = Vec::new();
    for (scope, make) in scopes {
        match state.get(&scope) {
            None => never.push(make(1)),
            Some(s) => {
                let at = parse_timestamp(&s.fetched_at).unwrap_or(DateTime::<Utc>::MIN_UTC);
                if s.next_page > 1 {
                    deeper.push((at, make(s.next_page)));
                } else if now - at >= MARKET_REFRESH {
                    stale.push((at, make(1)));
                }
            }
        }
    }
    deeper.sort_by_key(|(at, _)| *at);
    stale.sort_by_key(|(at, _)| *at);
    Ok(never
        .into_iter()
        .chain(deeper.into_iter().map(|(_, f)| f))
        .chain(stale.into_iter().map(|(_, f)| f))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scopes(names: &[&str]) -> Vec<(String, impl Fn(u32) -> FollowUp)> {
        names
            .iter()
            .map(|n| {
                let name = n.to_string();
                (n.to_string(), move |page| FollowUp::MarketProperties {
                    district: name.clone(),
                    property_type: "apartment".into(),
                    operation: "sale".into(),
                    page,
                })
            })
            .collect()
    }

    fn pages(plan: &[FollowUp]) -> Vec<(String, u32)> {
        plan.iter()
            .map(|f| match f {
                FollowUp::MarketProperties { district, page, .. } => (district.clone(), *page),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn market_data_is_read_deeper_each_hour_and_refreshed_after_a_day() {
        let store = Store::open_in_memory().unwrap();
        let at = |hours_ago: i64| timestamp(Utc::now() - chrono::Duration::hours(hours_ago));
        let save = |scope: &str, next_page: u32, hours_ago: i64| {
            let state = market::FeedState {
                next_page,
                pages: Some(3),
                fetched_at: at(hours_ago),
            };
            market::save_market_feed(store.conn(), "inmuebles24", scope, &state).unwrap();
        };
        let m = Marketplace::Inmuebles24;
        let all = ["new", "deep-old", "deep-recent", "done-fresh", "done-stale"];
        // Everything fetched within the hour: nothing now, unless the run is --full.
        save("deep-recent", 2, 0);
        assert!(
            plan_market(&store, m, false, scopes(&all).into_iter())
                .unwrap()
                .is_empty()
        );
        assert!(
            !plan_market(&store, m, true, scopes(&all).into_iter())
                .unwrap()
                .is_empty()
        );
        save("deep-recent", 2, 2);
        save("deep-old", 3, 5);
        save("done-fresh", 1, 3);
        save("done-stale", 1, 30);
        let plan = plan_market(&store, m, false, scopes(&all).into_iter()).unwrap();
        assert_eq!(
            pages(&plan),
            [
                ("new".to_string(), 1),
                ("deep-old".to_string(), 3),
                ("deep-recent".to_string(), 2),
                ("done-stale".to_string(), 1),
            ],
            "never fetched, then deeper pages (longest waiting first), then stale; a fresh complete scope waits"
        );
    }
}
