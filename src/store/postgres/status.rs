//! `treevu operator status`: every account of every merchant of the database,
//! read in one statement from its schedule (lease, due time, failures), its
//! latest run and its rate budget. What state that makes is plain Rust
//! ([`AccountState::of`]), so the rule is read in one place.

use serde::Serialize;

use super::merchants::Merchants;
use crate::domain::Marketplace;
use crate::domain::time::timestamp_ms;
use crate::store::Result;
use crate::store::sync::{Budget, Outcome};

/// Where an account's syncing stands, as an operator asks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccountState {
    /// A worker holds its lease, not expired.
    Running,
    /// The merchant must reconnect: no worker claims it until then.
    NeedsReconnect,
    /// Its last run failed; retried when due.
    Failing,
    /// A worker may claim it now.
    Due,
    /// Synced; due again at its next due time.
    Waiting,
}

impl AccountState {
    /// Running wins (someone is on it now), then what needs a person
    /// (reconnect, failing), then whether it is due yet.
    pub fn of(held: bool, needs_reconnect: bool, failing: bool, due: bool) -> AccountState {
        if held {
            AccountState::Running
        } else if needs_reconnect {
            AccountState::NeedsReconnect
        } else if failing {
            AccountState::Failing
        } else if due {
            AccountState::Due
        } else {
            AccountState::Waiting
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AccountState::Running => "running",
            AccountState::NeedsReconnect => "needs-reconnect",
            AccountState::Failing => "failing",
            AccountState::Due => "due",
            AccountState::Waiting => "waiting",
        }
    }
}

/// One account as `operator status` shows it. Times are RFC 3339 UTC.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountStatus {
    pub merchant: String,
    pub marketplace: Marketplace,
    pub state: AccountState,
    /// The worker holding the lease, while it is held.
    pub lease_holder: Option<String>,
    pub lease_expires_at: Option<String>,
    /// When a worker may claim it next.
    pub next_due_at: Option<String>,
    /// Failed runs in a row (the worker's count; 0 after a success).
    pub attempts: u32,
    pub last_outcome: Option<Outcome>,
    /// When the latest run finished (or started, while it runs).
    pub last_run_at: Option<String>,
    /// The schedule's last failure, else the latest run's error.
    pub last_error: Option<String>,
    /// Requests taken from the account's budget in the current window.
    pub budget_used: u32,
    pub budget_limit: u32,
    pub budget_resets_at: Option<String>,
}

impl Merchants {
    /// Every account of every merchant, by merchant and marketplace. The
    /// server's clock decides what is due, held or in this budget window, as
    /// it does for the workers.
    pub fn account_statuses(&self) -> Result<Vec<AccountStatus>> {
        let rows = self.with(|c| {
            c.query(
                "SELECT m.name, a.marketplace, a.needs_reconnect, \
                   s.lease_owner, (extract(epoch FROM s.lease_expires_at) * 1000)::int8, \
                   COALESCE(s.lease_expires_at > now(), false), \
                   (extract(epoch FROM s.next_due_at) * 1000)::int8, COALESCE(s.next_due_at <= now(), true), \
                   COALESCE(s.attempts, 0), s.last_error, \
                   r.outcome, COALESCE(r.finished_at, r.started_at), r.error, \
                   b.hourly_limit, b.remaining, b.reset_at, floor(extract(epoch FROM now()))::int8 \
                 FROM accounts a \
                 JOIN merchants m ON m.id = a.merchant_id \
                 LEFT JOIN sync_schedule s ON s.merchant_id = a.merchant_id AND s.marketplace = a.marketplace \
                 LEFT JOIN LATERAL ( \
                   SELECT outcome, started_at, finished_at, error FROM sync_runs \
                   WHERE merchant_id = a.merchant_id AND marketplace = a.marketplace \
                   ORDER BY id DESC LIMIT 1) r ON true \
                 LEFT JOIN rate_budget b ON b.merchant_id = a.merchant_id AND b.marketplace = a.marketplace \
                 ORDER BY m.name, a.marketplace",
                &[],
            )
        })?;
        Ok(rows.iter().map(status).collect())
    }
}

fn status(r: &postgres::Row) -> AccountStatus {
    let marketplace = super::marketplace(r, 1);
    let needs_reconnect = r.get::<_, i32>(2) != 0;
    let held: bool = r.get(5);
    let due: bool = r.get(7);
    let schedule_error: Option<String> = r.get(9);
    let last_outcome = r.get::<_, Option<String>>(10).map(|o| Outcome::parse(&o));
    let run_error: Option<String> = r.get(12);
    let failing = schedule_error.is_some() || last_outcome == Some(Outcome::Failed);
    let unit = |i: usize| r.get::<_, i64>(i).clamp(0, i64::from(u32::MAX)) as u32;
    let budget_row = r
        .get::<_, Option<i64>>(13)
        .map(|_| (unit(13), unit(14), r.get::<_, i64>(15)));
    let now: i64 = r.get(16);
    // The shared window arithmetic: a window that has passed is a fresh one.
    let budget = Budget::at(marketplace, budget_row, now);
    AccountStatus {
        merchant: r.get(0),
        marketplace,
        state: AccountState::of(held, needs_reconnect, failing, due),
        lease_holder: r.get::<_, Option<String>>(3).filter(|_| held),
        lease_expires_at: r
            .get::<_, Option<i64>>(4)
            .filter(|_| held)
            .map(timestamp_ms),
        next_due_at: r.get::<_, Option<i64>>(6).map(timestamp_ms),
        attempts: r.get::<_, i32>(8).max(0) as u32,
        last_outcome,
        last_run_at: r.get(11),
        last_error: schedule_error.or(run_error),
        budget_used: budget.limit.saturating_sub(budget.remaining),
        budget_limit: budget.limit,
        budget_resets_at: budget_row
            .is_some()
            .then(|| timestamp_ms(budget.reset_at.saturating_mul(1000))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lease_wins_then_what_needs_a_person_then_due() {
        use AccountState::*;
        assert_eq!(AccountState::of(true, true, true, true), Running);
        assert_eq!(AccountState::of(false, true, true, true), NeedsReconnect);
        assert_eq!(AccountState::of(false, false, true, true), Failing);
        assert_eq!(AccountState::of(false, false, false, true), Due);
        assert_eq!(AccountState::of(false, false, false, false), Waiting);
        assert_eq!(
            serde_json::to_value(NeedsReconnect).unwrap(),
            "needs-reconnect"
        );
    }
}
