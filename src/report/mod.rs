//! The merchant's portfolio at a glance, ranked by what needs doing: listings
//! priced well above their market (worse when views are falling), hot listings,
//! new leads and conversations since the last sync, and sync health.
//!
//! The pricing comes in from the caller (the same recommendations as
//! `treevu recommend`); this module reads the store, ranks and returns values.
//! It never prints: `cli::report` draws the terminal table and [`html`] the file.

pub mod html;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::Marketplace;
use crate::domain::time::parse_timestamp;
use crate::pricing::inputs;
use crate::pricing::readiness::readiness;
use crate::store::listings::StoredListing;
use crate::store::{Store, StoreError, accounts, sync as runs};

/// At or above this many percent over the suggested price, a listing needs repricing.
pub const OVERPRICED_PERCENT: f64 = 15.0;
/// At or below this many percent under it, there is room to raise the price.
pub const UNDERPRICED_PERCENT: f64 = -15.0;
/// Views per day falling by at least this many percent counts as falling engagement.
pub const FALLING_PERCENT: f64 = -10.0;
/// Readiness at or above this is a hot listing.
pub const HOT_SCORE: u32 = 70;

/// The suggested price of one listing (from the recommendation logic), with the
/// comparables' prices behind it in the listing's currency.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    pub price: f64,
    pub min: f64,
    pub max: f64,
    pub confidence: f64,
    pub comparable_prices: Vec<f64>,
}

/// What to do about a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Priced well above the market: lower it.
    Reprice,
    /// Buyers wrote or are waiting for an answer.
    FollowUp,
    /// Hot: buyers are responding; keep it fresh, answer fast.
    Attend,
    /// Priced well below the market: room to raise.
    Raise,
    Ok,
}

impl Action {
    pub fn label(self) -> &'static str {
        match self {
            Action::Reprice => "reprice",
            Action::FollowUp => "follow up",
            Action::Attend => "hot",
            Action::Raise => "raise",
            Action::Ok => "ok",
        }
    }
}

/// One engagement snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Point {
    pub at: String,
    pub views: u64,
    pub contacts: u64,
    pub favorites: u64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportItem {
    pub id: String,
    pub marketplace: Marketplace,
    pub kind: String,
    pub title: String,
    pub status: String,
    pub currency: crate::domain::Currency,
    pub price: f64,
    pub suggestion: Option<Suggestion>,
    /// Asking price against the suggested price, in percent.
    pub price_difference_percent: Option<f64>,
    pub readiness_score: u32,
    pub readiness_band: String,
    /// Change of views per day between the last two snapshot intervals, in percent.
    pub views_trend_percent: Option<f64>,
    pub engagement: Vec<Point>,
    pub new_leads: u64,
    pub unread_conversations: u64,
    pub action: Action,
    pub reason: String,
    /// Higher first.
    pub priority: f64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewLead {
    pub marketplace: Marketplace,
    pub id: String,
    pub listing: String,
    pub name: String,
    pub message: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenConversation {
    pub marketplace: Marketplace,
    pub id: String,
    pub listing: String,
    pub buyer_name: String,
    pub last_message: Option<String>,
    pub last_message_at: String,
    pub unread: u64,
    /// Its last message arrived after the previous sync.
    pub new: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncHealth {
    pub marketplace: Marketplace,
    pub connected: bool,
    pub last_run: Option<String>,
    pub outcome: Option<String>,
    pub fetched: Option<u64>,
    pub error: Option<String>,
    pub last_success_at: Option<String>,
    /// Connected, the last run ok, and a success within twice the sync interval.
    pub healthy: bool,
    /// In JSON, its English text.
    pub note: HealthNote,
}

/// Why an account's sync is or is not healthy.
#[derive(Debug, Clone, PartialEq)]
pub enum HealthNote {
    NeverSynced(Marketplace),
    /// The last run did not end ok: its outcome and error (English, as stored).
    LastRun {
        outcome: String,
        error: Option<String>,
    },
    /// No success within twice the sync interval.
    Stale {
        marketplace: Marketplace,
        hours: i64,
    },
    Ok,
}

impl std::fmt::Display for HealthNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HealthNote::NeverSynced(m) => write!(f, "never synced: run 'treevu sync {m}'"),
            HealthNote::LastRun { outcome, error } => write!(
                f,
                "last run {outcome}: {}",
                error.as_deref().unwrap_or("see 'treevu sync status'")
            ),
            HealthNote::Stale { marketplace, hours } => write!(
                f,
                "no successful sync in over {hours} h: run 'treevu sync {marketplace}'"
            ),
            HealthNote::Ok => write!(f, "ok"),
        }
    }
}

impl Serialize for HealthNote {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub generated_at: String,
    pub items: Vec<ReportItem>,
    pub new_leads: Vec<NewLead>,
    pub conversations: Vec<OpenConversation>,
    pub sync: Vec<SyncHealth>,
    /// Items listed on several marketplaces: where each does best (`treevu twins --stats`).
    pub twins: Vec<crate::twins::stats::ItemStats>,
}

impl Report {
    /// Items that need something done (everything but `ok`).
    pub fn needing_action(&self) -> usize {
        self.items.iter().filter(|i| i.action != Action::Ok).count()
    }
}

/// Hours between syncs, per marketplace, for the health check.
pub type Intervals = HashMap<Marketplace, u32>;

/// Builds the report over `listings` (on the market), with `suggestions` by listing id.
pub fn build(
    store: &Store,
    listings: &[StoredListing],
    suggestions: &HashMap<String, Suggestion>,
    intervals: &Intervals,
    now: DateTime<Utc>,
) -> Result<Report, StoreError> {
    let since = previous_sync_starts(store)?;
    let new_leads = new_leads(store, &since)?;
    let conversations = open_conversations(store)?;
    let mut items = Vec::new();
    for l in listings.iter().filter(|l| !inputs::has_ended(l)) {
        let id = inputs::listing_id(l);
        let engagement = snapshots(store, l.id)?;
        let r = readiness(&inputs::engagement(l, now));
        let suggestion = suggestions.get(&id).cloned();
        let price = l.record.price.major_f64();
        let diff = suggestion
            .as_ref()
            .filter(|s| s.price > 0.0)
            .map(|s| ((price - s.price) / s.price * 1000.0).round() / 10.0);
        let leads = new_leads
            .iter()
            .filter(|x| x.marketplace == l.record.marketplace && x.listing == l.record.remote_id)
            .count() as u64;
        let unread: u64 = conversations
            .iter()
            .filter(|c| c.marketplace == l.record.marketplace && c.listing == l.record.remote_id)
            .map(|c| c.unread)
            .sum();
        let trend = views_trend(&engagement);
        let (action, reason, priority) = rank(
            l.record.price.currency,
            diff,
            suggestion.as_ref(),
            trend,
            r.score,
            leads,
            unread,
        );
        items.push(ReportItem {
            id,
            marketplace: l.record.marketplace,
            kind: l.record.kind.clone(),
            title: l.record.title.clone(),
            status: l.record.status.clone(),
            currency: l.record.price.currency,
            price,
            suggestion,
            price_difference_percent: diff,
            readiness_score: r.score,
            readiness_band: serde_json::to_value(r.band)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            views_trend_percent: trend.map(|t| (t * 10.0).round() / 10.0),
            engagement,
            new_leads: leads,
            unread_conversations: unread,
            action,
            reason,
            priority: (priority * 10.0).round() / 10.0,
        });
    }
    items.sort_by(|a, b| {
        b.priority
            .total_cmp(&a.priority)
            .then_with(|| a.id.cmp(&b.id))
    });
    Ok(Report {
        generated_at: crate::domain::time::timestamp(now),
        items,
        new_leads,
        conversations,
        sync: sync_health(store, intervals, now)?,
        twins: crate::twins::stats::compare(&crate::twins::stored_groups(store)?, now),
    })
}

/// Action, why, and priority: overpriced first (more so with falling views), then
/// buyers waiting, then hot listings, then room to raise.
fn rank(
    currency: crate::domain::Currency,
    diff: Option<f64>,
    s: Option<&Suggestion>,
    trend: Option<f64>,
    score: u32,
    leads: u64,
    unread: u64,
) -> (Action, String, f64) {
    let falling = trend.is_some_and(|t| t <= FALLING_PERCENT);
    let trend_text = match trend {
        Some(t) if falling => format!("; views per day down {:.0}%", -t),
        Some(t) => format!("; views per day {t:+.0}%"),
        None => String::new(),
    };
    if let (Some(d), Some(s)) = (diff, s)
        && d >= OVERPRICED_PERCENT
    {
        let p = 1000.0 + d.min(500.0) + if falling { 300.0 } else { 0.0 };
        return (
            Action::Reprice,
            format!(
                "asking {d:.0}% above the market estimate; suggested {} (range {}–{}){trend_text}",
                html::money(s.price, currency),
                html::money(s.min, currency),
                html::money(s.max, currency)
            ),
            p,
        );
    }
    if leads + unread > 0 {
        return (
            Action::FollowUp,
            {
                let mut parts = Vec::new();
                if leads > 0 {
                    parts.push(format!("{leads} new lead(s) since the last sync"));
                }
                if unread > 0 {
                    parts.push(format!("{unread} unread message(s)"));
                }
                format!("{}; answer while they are warm", parts.join(", "))
            },
            600.0 + (leads + unread) as f64,
        );
    }
    if score >= HOT_SCORE {
        return (
            Action::Attend,
            format!("hot: readiness {score}; buyers are responding, keep it fresh and answer fast"),
            500.0 + score as f64,
        );
    }
    if let Some(d) = diff
        && d <= UNDERPRICED_PERCENT
    {
        return (
            Action::Raise,
            format!("asking {:.0}% below the market estimate: room to raise", -d),
            300.0 - d,
        );
    }
    let why = match diff {
        Some(d) => format!("priced {d:+.0}% against the market{trend_text}"),
        None => "no price suggestion (not a home or car, or no comparables)".into(),
    };
    (
        Action::Ok,
        why,
        diff.map_or(0.0, f64::abs) + if falling { 50.0 } else { 0.0 },
    )
}

/// Views per day over the last snapshot interval against the one before, in percent.
pub fn views_trend(points: &[Point]) -> Option<f64> {
    let rates: Vec<f64> = points
        .windows(2)
        .filter_map(|w| {
            let (a, b) = (parse_timestamp(&w[0].at)?, parse_timestamp(&w[1].at)?);
            let days = (b - a).num_seconds() as f64 / 86_400.0;
            (days > 0.0).then(|| (w[1].views.saturating_sub(w[0].views)) as f64 / days)
        })
        .collect();
    let [.., prev, last] = rates.as_slice() else {
        return None;
    };
    (*prev > 0.0).then(|| (last - prev) / prev * 100.0)
}

fn snapshots(store: &Store, listing: i64) -> Result<Vec<Point>, StoreError> {
    Ok(
        crate::store::listings::engagement_history(store.conn(), listing)?
            .into_iter()
            .map(|p| Point {
                at: p.observed_at,
                views: p.views,
                contacts: p.contacts,
                favorites: p.favorites,
            })
            .collect(),
    )
}

/// Per marketplace, when the latest sync run started: what it fetched first is "new".
fn previous_sync_starts(store: &Store) -> Result<HashMap<Marketplace, String>, StoreError> {
    let mut out = HashMap::new();
    for m in Marketplace::ALL {
        if let Some(r) = runs::last_run(store.conn(), m)? {
            out.insert(m, r.started_at);
        }
    }
    Ok(out)
}

/// Leads first stored by the latest sync of their marketplace.
fn new_leads(
    store: &Store,
    since: &HashMap<Marketplace, String>,
) -> Result<Vec<NewLead>, StoreError> {
    let mut out = Vec::new();
    for row in crate::store::market::leads_newest_first(store.conn())? {
        let Ok(m) = row.marketplace.parse::<Marketplace>() else {
            continue;
        };
        if since
            .get(&m)
            .is_some_and(|s| row.fetched_at.as_str() >= s.as_str())
        {
            out.push(NewLead {
                marketplace: m,
                id: row.remote_id,
                listing: row.listing_remote_id,
                name: row.name,
                message: row.message,
                created_at: row.created_at,
            });
        }
    }
    Ok(out)
}

/// Conversations with unread messages, or whose last message came after the previous sync.
fn open_conversations(store: &Store) -> Result<Vec<OpenConversation>, StoreError> {
    let rows = crate::store::market::conversations_latest_first(store.conn())?;
    let previous = previous_successes(store)?;
    let mut out = Vec::new();
    for row in rows {
        let crate::store::market::ConversationRow {
            marketplace: m,
            remote_id: id,
            listing_remote_id: listing,
            buyer_name,
            last_message,
            last_message_at,
            unread,
        } = row;
        let Ok(m) = m.parse::<Marketplace>() else {
            continue;
        };
        let new = previous
            .get(&m)
            .is_none_or(|p| last_message_at.as_str() > p.as_str());
        if unread > 0 || new {
            out.push(OpenConversation {
                marketplace: m,
                id,
                listing,
                buyer_name,
                last_message,
                last_message_at,
                unread: unread.max(0) as u64,
                new,
            });
        }
    }
    Ok(out)
}

/// Per marketplace, when the run before the latest one started.
fn previous_successes(store: &Store) -> Result<HashMap<Marketplace, String>, StoreError> {
    let mut out = HashMap::new();
    for m in Marketplace::ALL {
        if let Some(start) = runs::previous_run_start(store.conn(), m)? {
            out.insert(m, start);
        }
    }
    Ok(out)
}

fn sync_health(
    store: &Store,
    intervals: &Intervals,
    now: DateTime<Utc>,
) -> Result<Vec<SyncHealth>, StoreError> {
    let mut out = Vec::new();
    for m in Marketplace::ALL {
        let connected = accounts::get(store.conn(), m)?.is_some();
        let last = runs::last_run(store.conn(), m)?;
        let state = runs::sync_state(store.conn(), m)?;
        if !connected && last.is_none() {
            continue;
        }
        let hours = intervals
            .get(&m)
            .copied()
            .unwrap_or(m.default_sync_interval_hours()) as i64;
        let fresh = state
            .last_success_at
            .as_deref()
            .and_then(parse_timestamp)
            .is_some_and(|t| now - t <= chrono::Duration::hours(2 * hours));
        let outcome = last.as_ref().map(|r| r.outcome.as_str().to_string());
        let ok = outcome.as_deref() == Some("ok");
        let note = match (&last, ok, fresh) {
            (None, _, _) => HealthNote::NeverSynced(m),
            (Some(r), false, _) => HealthNote::LastRun {
                outcome: r.outcome.as_str().to_string(),
                error: r.error.clone(),
            },
            (Some(_), true, false) => HealthNote::Stale {
                marketplace: m,
                hours: 2 * hours,
            },
            (Some(_), true, true) => HealthNote::Ok,
        };
        out.push(SyncHealth {
            marketplace: m,
            connected,
            last_run: last.as_ref().map(|r| r.started_at.clone()),
            outcome,
            fetched: last.as_ref().map(|r| r.counts.fetched),
            error: last.as_ref().and_then(|r| r.error.clone()),
            last_success_at: state.last_success_at,
            healthy: connected && ok && fresh,
            note,
        });
    }
    Ok(out)
}

/// `▁▂▃▄▅▆▇█` for each value, scaled between the smallest and largest.
pub fn sparkline(values: &[f64]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
            (l.min(*v), h.max(*v))
        });
    values
        .iter()
        .map(|v| {
            if hi - lo <= f64::EPSILON {
                BLOCKS[3]
            } else {
                BLOCKS[(((v - lo) / (hi - lo)) * 7.0).round() as usize]
            }
        })
        .collect()
}

/// Where the asking price sits in the suggested range, `width` cells wide:
/// `░` the range, `█` the asking price (at an edge when outside it).
pub fn position_bar(price: f64, s: &Suggestion, width: usize) -> String {
    let width = width.max(3);
    let (lo, hi) = (s.min.min(s.price), s.max.max(s.price));
    let span = (hi - lo).max(f64::EPSILON);
    let cell = (((price - lo) / span) * (width - 1) as f64)
        .round()
        .clamp(0.0, (width - 1) as f64) as usize;
    let mut out: String = (0..width)
        .map(|i| if i == cell { '█' } else { '░' })
        .collect();
    if price > hi {
        out.push('▶');
    } else if price < lo {
        out.insert(0, '◀');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(price: f64) -> Suggestion {
        Suggestion {
            price,
            min: price * 0.8,
            max: price * 1.2,
            confidence: 0.7,
            comparable_prices: vec![],
        }
    }

    #[test]
    fn overpriced_with_falling_views_ranks_first() {
        let a = rank(
            crate::domain::Currency::PEN,
            Some(40.0),
            Some(&s(100.0)),
            Some(-30.0),
            20,
            0,
            0,
        );
        let b = rank(
            crate::domain::Currency::PEN,
            Some(40.0),
            Some(&s(100.0)),
            None,
            20,
            0,
            0,
        );
        let hot = rank(
            crate::domain::Currency::PEN,
            Some(0.0),
            Some(&s(100.0)),
            None,
            85,
            0,
            0,
        );
        let lead = rank(
            crate::domain::Currency::PEN,
            Some(0.0),
            Some(&s(100.0)),
            None,
            20,
            2,
            0,
        );
        assert_eq!(a.0, Action::Reprice);
        assert!(a.2 > b.2 && b.2 > lead.2 && lead.2 > hot.2);
        assert_eq!(hot.0, Action::Attend);
        assert!(a.1.contains("views per day down 30%"), "{}", a.1);
    }

    #[test]
    fn trend_compares_the_last_two_intervals() {
        let p = |at: &str, views| Point {
            at: at.into(),
            views,
            contacts: 0,
            favorites: 0,
        };
        let pts = [
            p("2026-01-01T00:00:00Z", 0),
            p("2026-01-02T00:00:00Z", 100),
            p("2026-01-03T00:00:00Z", 150),
        ];
        assert_eq!(views_trend(&pts), Some(-50.0));
        assert_eq!(views_trend(&pts[..2]), None);
    }

    #[test]
    fn bars() {
        assert_eq!(sparkline(&[1.0, 8.0]), "▁█");
        assert_eq!(position_bar(300.0, &s(100.0), 5), "░░░░█▶");
        assert_eq!(position_bar(100.0, &s(100.0), 5), "░░█░░");
    }
}
