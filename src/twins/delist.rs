//! Auto-delist: when a sync sees a twin sold, rented or removed at its
//! marketplace, the other twins come down too, so an item is never sold twice.
//!
//! [`plan`] reads the store only: per group it opens a delist for each twin
//! still active (`proposed` under the `ask` policy, `pending` under `auto`),
//! closes the ones no longer needed, and records conflicts (two twins both sold:
//! the item went twice; nothing in that group is taken down). [`execute`] runs
//! the pending ones under `auto`: it re-reads the closed twin at its marketplace
//! (still closed?) and the one to take down (still active, not sold there too?),
//! then takes it down the way its marketplace allows (`DELETE` on OLX, status
//! `removed` elsewhere). Every request goes through the account's rate budget; a
//! delist that fails (rate limit, 5xx, network) stays pending and the next sync
//! tries again.
//!
//! A removal the merchant made through `treevu listing remove` is their choice
//! for one marketplace and takes nothing else down.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use serde::Serialize;

use super::{DelistPolicy, Remote, is_active, listing_ref, stored_groups};
use crate::domain::Marketplace;
use crate::domain::time::timestamp;
use crate::marketplaces::ApiError;
use crate::store::listings::{ListingRecord, StoredListing};
use crate::store::twins::{self as db, DelistRow, DelistUpdate};
use crate::store::{Store, StoreError};
use crate::sync::SyncOptions;
use crate::sync::gate::Stop;
use crate::writeback::{self, RemovalMethod};

/// What happened to one delist in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    /// Taken down at its marketplace.
    Delisted,
    /// Policy `ask`: here is the command.
    Proposed,
    /// It was already down (taken down outside treevu, or gone from the marketplace).
    AlreadyDown,
    /// Not needed any more: the closed twin is active again, or the link is gone.
    Cancelled,
    /// It sold there too: reported as a conflict, not taken down.
    Conflict,
    /// A request failed; it stays pending and the next sync tries again.
    Failed,
    /// Another treevu sync running at the same time holds it: that one takes it
    /// down (or leaves it for the next sync), so the request is sent once.
    Elsewhere,
}

/// One delist as the sync report lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// The listing to take down (`olx:123`).
    pub target: String,
    /// Its twin that closed.
    pub cause: String,
    /// `sold`, `rented` or `removed`, as the cause's marketplace said.
    pub cause_status: String,
    pub outcome: Outcome,
    /// How it was taken down, once it was.
    pub method: Option<RemovalMethod>,
    /// The command that takes it down (policy `ask`).
    pub command: Option<String>,
    pub error: Option<String>,
    /// Whether the next sync tries again.
    pub retry: bool,
    /// The account of the target needs `treevu connect`.
    pub needs_reconnect: bool,
    pub note: Option<String>,
}

/// Two twins that both sold or rented.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub listings: Vec<String>,
    pub first_seen_at: String,
    /// Seen for the first time in this run.
    pub new: bool,
}

/// What the delist phase of a sync did.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub entries: Vec<Entry>,
    pub conflicts: Vec<Conflict>,
    /// The twins step itself failed (the accounts' runs are still stored).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Report {
    /// Delists left for the next sync.
    pub fn failed(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| e.outcome == Outcome::Failed)
            .count()
    }

    pub fn needs_reconnect(&self) -> bool {
        self.entries.iter().any(|e| e.needs_reconnect)
    }
}

/// A pending delist with the two listings it is about, for [`execute`].
#[derive(Debug, Clone)]
pub struct Pending {
    pub row: DelistRow,
    pub target: StoredListing,
    pub cause: StoredListing,
}

/// What [`plan`] found.
#[derive(Debug, Default)]
pub struct Plan {
    /// Under `auto`: to be done now.
    pub pending: Vec<Pending>,
    /// Entries already settled by the plan (proposals, cancellations, already down).
    pub report: Report,
}

impl Plan {
    /// The marketplaces [`execute`] needs a client for.
    pub fn marketplaces(&self) -> Vec<Marketplace> {
        let mut ms: Vec<Marketplace> = self
            .pending
            .iter()
            .flat_map(|p| [p.target.record.marketplace, p.cause.record.marketplace])
            .collect();
        ms.sort();
        ms.dedup();
        ms
    }
}

fn is_sold(l: &StoredListing) -> bool {
    matches!(l.record.status.as_str(), "sold" | "rented")
}

/// The command that takes a listing down, for the merchant to run.
pub fn command_for(target: &StoredListing) -> String {
    format!("treevu listing remove {} --yes", listing_ref(target))
}

fn entry(d: &DelistRow, target: &StoredListing, cause: &StoredListing, outcome: Outcome) -> Entry {
    Entry {
        target: listing_ref(target).to_string(),
        cause: listing_ref(cause).to_string(),
        cause_status: d.cause_status.clone(),
        outcome,
        method: None,
        command: (outcome == Outcome::Proposed).then(|| command_for(target)),
        error: None,
        retry: false,
        needs_reconnect: false,
        note: None,
    }
}

/// The store side of the delist phase (see the module doc). `policy` off opens
/// nothing and leaves open delists as they are.
pub fn plan(store: &Store, policy: DelistPolicy) -> Result<Plan, StoreError> {
    let conn = store.conn();
    let now = timestamp(Utc::now());
    db::forget_own_removals_of_active(conn)?;
    let own = db::own_removals(conn)?;
    let groups = stored_groups(store)?;
    let open: Vec<DelistRow> = db::delists(conn, &["proposed", "pending"])?;
    // Listings treevu took down (or is taking down) for a twin are not causes themselves.
    let delisted: HashSet<i64> = db::delists(conn, &["pending", "done"])?
        .iter()
        .map(|d| d.target)
        .collect();
    let mut plan = Plan::default();
    let mut in_groups: HashSet<i64> = HashSet::new();
    let known_conflicts: HashMap<(i64, i64), String> = db::conflicts(conn)?
        .into_iter()
        .map(|(a, b, t)| ((a, b), t))
        .collect();
    for g in &groups {
        in_groups.extend(g.members.iter().map(|m| m.id));
        let sold: Vec<&StoredListing> = g.members.iter().filter(|m| is_sold(m)).collect();
        if sold.len() >= 2 {
            for (i, x) in sold.iter().enumerate() {
                for y in &sold[i + 1..] {
                    let key = (x.id.min(y.id), x.id.max(y.id));
                    let new = db::add_conflict(conn, x.id, y.id, &now)?;
                    plan.report.conflicts.push(Conflict {
                        listings: vec![listing_ref(x).to_string(), listing_ref(y).to_string()],
                        first_seen_at: known_conflicts.get(&key).cloned().unwrap_or(now.clone()),
                        new,
                    });
                }
            }
            // Nothing in this group is taken down blindly.
            continue;
        }
        let cause = sold.first().copied().or_else(|| {
            g.members
                .iter()
                .filter(|m| !is_active(m) && !own.contains(&m.id) && !delisted.contains(&m.id))
                .min_by_key(|m| m.record.remote_updated_at.clone())
        });
        let by_id: HashMap<i64, &StoredListing> = g.members.iter().map(|m| (m.id, m)).collect();
        // Open delists of this group first: still needed?
        for d in open.iter().filter(|d| by_id.contains_key(&d.target)) {
            let (Some(t), Some(c)) = (by_id.get(&d.target), by_id.get(&d.cause)) else {
                continue;
            };
            let settle = |state: &str, note: &str| -> Result<(), StoreError> {
                db::update_delist(
                    conn,
                    d.id,
                    &DelistUpdate {
                        state,
                        note: Some(note),
                        ..Default::default()
                    },
                    &now,
                )
            };
            if is_active(c) {
                let note = format!("{} is active again", listing_ref(c));
                settle("cancelled", &note)?;
                let mut e = entry(d, t, c, Outcome::Cancelled);
                e.note = Some(note);
                plan.report.entries.push(e);
            } else if !is_active(t) {
                let note = "already down at its marketplace";
                settle("done", note)?;
                let mut e = entry(d, t, c, Outcome::AlreadyDown);
                e.note = Some(note.into());
                plan.report.entries.push(e);
            }
        }
        let (Some(cause), true) = (cause, policy != DelistPolicy::Off) else {
            continue;
        };
        // `auto` acts only on twins known before the close; a pair detection
        // found after it is a guess made too late to check, so it is proposed.
        let late = found_after_close(g, cause);
        let auto = policy == DelistPolicy::Auto && !late;
        let state = if auto { "pending" } else { "proposed" };
        for t in g.members.iter().filter(|m| is_active(m)) {
            let (mut row, _) =
                db::open_delist(conn, t.id, cause.id, &cause.record.status, state, &now)?;
            if row.state == "proposed" && auto {
                db::update_delist(
                    conn,
                    row.id,
                    &DelistUpdate {
                        state: "pending",
                        ..Default::default()
                    },
                    &now,
                )?;
                row.state = "pending".into();
            }
            if row.state == "pending" {
                plan.pending.push(Pending {
                    row,
                    target: t.clone(),
                    cause: cause.clone(),
                });
            } else if row.state == "proposed" {
                let mut e = entry(&row, t, cause, Outcome::Proposed);
                if late && policy == DelistPolicy::Auto {
                    e.note = Some(format!(
                        "linked by detection only after {} was {}: not taken down automatically",
                        e.cause, e.cause_status
                    ));
                }
                plan.report.entries.push(e);
            }
        }
    }
    // Open delists whose twins were unlinked.
    for d in open.iter().filter(|d| !in_groups.contains(&d.target)) {
        db::update_delist(
            conn,
            d.id,
            &DelistUpdate {
                state: "cancelled",
                note: Some("the twins were unlinked"),
                ..Default::default()
            },
            &now,
        )?;
    }
    Ok(plan)
}

/// Whether every link of `cause` in its group was made by detection after the
/// marketplace last changed `cause` (its close). A crosslist or the merchant's
/// own link, or a link older than the close, is trusted; so is a time that
/// does not parse.
fn found_after_close(g: &super::Group, cause: &StoredListing) -> bool {
    let parse = |t: &str| chrono::DateTime::parse_from_rfc3339(t).ok();
    let Some(closed) = cause.record.remote_updated_at.as_deref().and_then(parse) else {
        return false;
    };
    let mut links = g
        .links
        .iter()
        .filter(|l| l.a == cause.id || l.b == cause.id)
        .peekable();
    links.peek().is_some()
        && links.all(|l| {
            l.origin == super::Origin::Detected
                && parse(&l.created_at).is_some_and(|made| made > closed)
        })
}

/// The clients [`execute`] may use; a marketplace missing here (not connected)
/// leaves its delists pending with `unavailable`'s reason.
pub struct Remotes {
    pub by_marketplace: HashMap<Marketplace, Remote>,
    pub unavailable: HashMap<Marketplace, String>,
}

/// What a re-read found.
enum Seen {
    Record(Box<ListingRecord>),
    Gone,
}

/// Why a delist did not finish this run.
struct Failure {
    error: String,
    reconnect: bool,
}

impl From<Stop> for Failure {
    fn from(s: Stop) -> Self {
        match s {
            Stop::Budget { reset_at } => Failure {
                error: format!(
                    "the hourly request budget is spent until {}",
                    timestamp(reset_at)
                ),
                reconnect: false,
            },
            Stop::Failed(e) => Failure {
                reconnect: matches!(e, ApiError::Unauthorized { .. }),
                error: e.to_string(),
            },
            Stop::Store(e) => Failure {
                error: e.to_string(),
                reconnect: false,
            },
            Stop::Panicked(why) => Failure {
                error: crate::sync::engine::internal_error(&why),
                reconnect: false,
            },
            Stop::Interrupted => Failure {
                error: "stopped before it finished".into(),
                reconnect: false,
            },
        }
    }
}

async fn reread(remote: &Remote, id: &str, opts: &SyncOptions) -> Result<Seen, Failure> {
    let r = crate::sync::gate::call(
        &remote.gate,
        || remote.client.http().rate_info(),
        opts,
        || Box::pin(super::read_remote(&remote.client, id)),
    )
    .await;
    match r {
        Ok(rec) => Ok(Seen::Record(Box::new(rec))),
        Err(Stop::Failed(ApiError::NotFound { .. })) => Ok(Seen::Gone),
        Err(e) => Err(e.into()),
    }
}

fn mark_gone(store: &mut Store, l: &StoredListing) -> Result<(), StoreError> {
    let now = timestamp(Utc::now());
    // A write transaction, as every write here (Store::write takes the lock at
    // once, so a sync committing beside it makes it wait, not fail).
    store.write(|s| {
        crate::store::listings::mark_removed(
            s.conn(),
            l.record.marketplace,
            &l.record.remote_id,
            &now,
        )
    })?;
    Ok(())
}

/// How long a sync holds a delist it is taking down: far more than the two
/// re-reads and the take-down need, short enough that one a dead sync held is
/// retried by the next.
const CLAIM: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

/// Runs the pending delists of `plan` (policy `auto`) and returns the whole
/// report. Each is claimed first ([`db::claim_delist`]): of two syncs running at
/// once, one sends its take-down and the other reports it as [`Outcome::Elsewhere`].
pub async fn execute(
    store: &mut Store,
    plan: Plan,
    remotes: &Remotes,
    opts: &SyncOptions,
) -> Result<Report, StoreError> {
    let mut report = plan.report;
    // A short retry: a delist that keeps failing waits for the next sync, it does not hold this one.
    let opts = SyncOptions {
        max_attempts: opts.max_attempts.min(2),
        ..opts.clone()
    };
    for p in plan.pending {
        let now = timestamp(Utc::now());
        let mut e = entry(&p.row, &p.target, &p.cause, Outcome::Failed);
        let until = timestamp(Utc::now() + CLAIM);
        if !db::claim_delist(store.conn(), p.row.id, &now, &until)? {
            e.outcome = Outcome::Elsewhere;
            e.note = Some("another treevu sync is taking it down".into());
            report.entries.push(e);
            continue;
        }
        let result = one(store, &p, remotes, &opts).await;
        // What the entry says, then the same written to the delist's row.
        let state = match result {
            Ok(Done::Delisted(method)) => {
                e.outcome = Outcome::Delisted;
                e.method = Some(method);
                "done"
            }
            Ok(Done::AlreadyDown(note)) => {
                e.outcome = Outcome::AlreadyDown;
                e.note = Some(note);
                "done"
            }
            Ok(Done::Cancelled(note)) => {
                e.outcome = Outcome::Cancelled;
                e.note = Some(note);
                "cancelled"
            }
            Ok(Done::Conflict) => {
                e.outcome = Outcome::Conflict;
                let new = db::add_conflict(store.conn(), p.target.id, p.cause.id, &now)?;
                report.conflicts.push(Conflict {
                    listings: vec![e.cause.clone(), e.target.clone()],
                    first_seen_at: now.clone(),
                    new,
                });
                e.note = Some(format!("{} sold there too", e.target));
                "cancelled"
            }
            Err(f) => {
                e.retry = true;
                e.needs_reconnect = f.reconnect;
                e.error = Some(f.error);
                "pending"
            }
        };
        let update = DelistUpdate {
            state,
            method: e.method.map(|m| match m {
                RemovalMethod::Delete => "delete",
                RemovalMethod::PutStatusRemoved => "putStatusRemoved",
            }),
            error: e.error.as_deref(),
            note: e.note.as_deref(),
            attempted: true,
        };
        db::update_delist(store.conn(), p.row.id, &update, &now)?;
        report.entries.push(e);
    }
    Ok(report)
}

enum Done {
    Delisted(RemovalMethod),
    AlreadyDown(String),
    Cancelled(String),
    Conflict,
}

fn remote(remotes: &Remotes, m: Marketplace) -> Result<&Remote, Failure> {
    remotes.by_marketplace.get(&m).ok_or_else(|| Failure {
        error: remotes
            .unavailable
            .get(&m)
            .cloned()
            .unwrap_or_else(|| format!("{m} is not connected; run 'treevu connect {m}'")),
        reconnect: true,
    })
}

/// One pending delist: confirm, check, take down.
async fn one(
    store: &mut Store,
    p: &Pending,
    remotes: &Remotes,
    opts: &SyncOptions,
) -> Result<Done, Failure> {
    let store_err = |e: StoreError| Failure {
        error: e.to_string(),
        reconnect: false,
    };
    // The closed twin, as its marketplace has it now: a glitch or a reverted sale
    // must not take anything down.
    let cause_remote = remote(remotes, p.cause.record.marketplace)?;
    match reread(cause_remote, &p.cause.record.remote_id, opts).await? {
        Seen::Record(rec) => {
            super::store_fresh(store, &rec).map_err(store_err)?;
            if rec.status == "active" {
                return Ok(Done::Cancelled(format!(
                    "{} is active again at {}",
                    listing_ref(&p.cause),
                    p.cause.record.marketplace.display_name()
                )));
            }
        }
        Seen::Gone => {}
    }
    // The one to take down: still for sale there, and not sold there too?
    let target_remote = remote(remotes, p.target.record.marketplace)?;
    match reread(target_remote, &p.target.record.remote_id, opts).await? {
        Seen::Gone => {
            mark_gone(store, &p.target).map_err(store_err)?;
            return Ok(Done::AlreadyDown(format!(
                "{} is gone from {}",
                listing_ref(&p.target),
                p.target.record.marketplace.display_name()
            )));
        }
        Seen::Record(rec) => {
            super::store_fresh(store, &rec).map_err(store_err)?;
            match rec.status.as_str() {
                "active" => {}
                "sold" | "rented" => return Ok(Done::Conflict),
                other => {
                    return Ok(Done::AlreadyDown(format!(
                        "already {other} at {}",
                        p.target.record.marketplace.display_name()
                    )));
                }
            }
        }
    }
    let r = listing_ref(&p.target);
    let gate = &target_remote.gate;
    let client = &target_remote.client;
    let taken = crate::sync::gate::call(
        gate,
        || client.http().rate_info(),
        opts,
        || {
            let r = r.clone();
            Box::pin(async move {
                // The take-down stores its answer itself; only its method is needed here.
                writeback::remove_request(client, &r).await
            })
        },
    )
    .await;
    match taken {
        Ok(method) => {
            mark_gone(store, &p.target).map_err(store_err)?;
            Ok(Done::Delisted(method))
        }
        Err(Stop::Failed(ApiError::NotFound { .. })) => {
            mark_gone(store, &p.target).map_err(store_err)?;
            Ok(Done::AlreadyDown(format!("{r} is gone")))
        }
        Err(e) => Err(e.into()),
    }
}
