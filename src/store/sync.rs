//! Sync bookkeeping: the run log, where the next run continues, the shared
//! hourly rate budget, and quarantined records.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::Result;
use crate::domain::Marketplace;

/// Counts of one sync run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunCounts {
    pub fetched: u64,
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub removed: u64,
    pub quarantined: u64,
    pub requests_used: u64,
    pub throttled: u64,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Running,
    Ok,
    Partial,
    Failed,
    Interrupted,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Running => "running",
            Outcome::Ok => "ok",
            Outcome::Partial => "partial",
            Outcome::Failed => "failed",
            Outcome::Interrupted => "interrupted",
        }
    }
    pub(super) fn parse(s: &str) -> Outcome {
        match s {
            "ok" => Outcome::Ok,
            "partial" => Outcome::Partial,
            "failed" => Outcome::Failed,
            "interrupted" => Outcome::Interrupted,
            _ => Outcome::Running,
        }
    }
}

/// A row of the run log.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncRun {
    pub id: i64,
    pub marketplace: Marketplace,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub full: bool,
    pub outcome: Outcome,
    #[serde(flatten)]
    pub counts: RunCounts,
    pub error: Option<String>,
}

pub fn start_run(conn: &Connection, m: Marketplace, full: bool, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO sync_runs (marketplace, started_at, full_sync, outcome) VALUES (?1, ?2, ?3, 'running')",
        params![m.as_str(), now, full],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn finish_run(
    conn: &Connection,
    run_id: i64,
    counts: &RunCounts,
    outcome: Outcome,
    error: Option<&str>,
    now: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE sync_runs SET finished_at = ?2, outcome = ?3, fetched = ?4, new = ?5, updated = ?6, unchanged = ?7, \
         removed = ?8, quarantined = ?9, requests_used = ?10, throttled = ?11, error = ?12 WHERE id = ?1",
        params![
            run_id,
            now,
            outcome.as_str(),
            counts.fetched as i64,
            counts.new as i64,
            counts.updated as i64,
            counts.unchanged as i64,
            counts.removed as i64,
            counts.quarantined as i64,
            counts.requests_used as i64,
            counts.throttled as i64,
            error
        ],
    )?;
    Ok(())
}

/// The counts so far of a run still going, written with each stored page.
pub fn save_run_counts(conn: &Connection, run_id: i64, counts: &RunCounts) -> Result<()> {
    conn.prepare_cached(
        "UPDATE sync_runs SET fetched = ?2, new = ?3, updated = ?4, unchanged = ?5, quarantined = ?6 WHERE id = ?1",
    )?
    .execute(params![
        run_id,
        counts.fetched as i64,
        counts.new as i64,
        counts.updated as i64,
        counts.unchanged as i64,
        counts.quarantined as i64,
    ])?;
    Ok(())
}

/// Closes the open run of `m` as failed, with why: its task ended without
/// recording it (a panic). The caller holds the account's sync lock, so the
/// open run is its own.
pub fn fail_open_run(conn: &Connection, m: Marketplace, error: &str, now: &str) -> Result<u64> {
    Ok(conn.execute(
        "UPDATE sync_runs SET outcome = 'failed', finished_at = ?2, error = ?3 \
         WHERE marketplace = ?1 AND outcome = 'running'",
        params![m.as_str(), now, error],
    )? as u64)
}

/// Runs left `running` by a process that died (kill -9, power cut) become `interrupted`.
pub fn close_abandoned_runs(conn: &Connection, m: Marketplace, now: &str) -> Result<u64> {
    Ok(conn.execute(
        "UPDATE sync_runs SET outcome = 'interrupted', finished_at = ?2, error = 'the process stopped before the run finished' \
         WHERE marketplace = ?1 AND outcome = 'running'",
        params![m.as_str(), now],
    )? as u64)
}

const RUN_COLUMNS: &str = "id, marketplace, started_at, finished_at, full_sync, outcome, fetched, new, updated, unchanged, removed, \
     quarantined, requests_used, throttled, error";

fn row_to_run(r: &rusqlite::Row<'_>) -> rusqlite::Result<SyncRun> {
    let m: String = r.get(1)?;
    let outcome: String = r.get(5)?;
    let n = |i: usize| -> rusqlite::Result<u64> { Ok(r.get::<_, i64>(i)?.max(0) as u64) };
    Ok(SyncRun {
        id: r.get(0)?,
        marketplace: m.parse().map_err(|e: crate::domain::UnknownMarketplace| {
            rusqlite::Error::FromSqlConversionFailure(
                1,
                rusqlite::types::Type::Text,
                e.to_string().into(),
            )
        })?,
        started_at: r.get(2)?,
        finished_at: r.get(3)?,
        full: r.get(4)?,
        outcome: Outcome::parse(&outcome),
        counts: RunCounts {
            fetched: n(6)?,
            new: n(7)?,
            updated: n(8)?,
            unchanged: n(9)?,
            removed: n(10)?,
            quarantined: n(11)?,
            requests_used: n(12)?,
            throttled: n(13)?,
        },
        error: r.get(14)?,
    })
}

/// The latest run of `m`, if any.
/// When the run before the latest one of `m` started, if there was one.
pub fn previous_run_start(conn: &Connection, m: Marketplace) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT started_at FROM sync_runs WHERE marketplace = ?1 ORDER BY id DESC LIMIT 1 OFFSET 1",
        )?
        .query_row([m.as_str()], |r| r.get::<_, String>(0))
        .optional()?)
}

pub fn last_run(conn: &Connection, m: Marketplace) -> Result<Option<SyncRun>> {
    Ok(conn
        .query_row(
            &format!("SELECT {RUN_COLUMNS} FROM sync_runs WHERE marketplace = ?1 ORDER BY id DESC LIMIT 1"),
            [m.as_str()],
            row_to_run,
        )
        .optional()?)
}

/// Recent runs, newest first.
pub fn recent_runs(conn: &Connection, limit: u32) -> Result<Vec<SyncRun>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {RUN_COLUMNS} FROM sync_runs ORDER BY id DESC LIMIT ?1"
    ))?;
    let rows = stmt.query_map([limit], row_to_run)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Where the next sync of an account continues from.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncState {
    /// `updated_since` for the next incremental run (RFC 3339).
    pub cursor: Option<String>,
    /// A partial run's resume point (JSON chosen by the sync engine).
    pub checkpoint: Option<String>,
    pub last_success_at: Option<String>,
    pub notified_at: Option<String>,
    pub last_notice: Option<String>,
}

pub fn sync_state(conn: &Connection, m: Marketplace) -> Result<SyncState> {
    Ok(conn
        .query_row(
            "SELECT cursor, checkpoint, last_success_at, notified_at, last_notice FROM sync_state WHERE marketplace = ?1",
            [m.as_str()],
            |r| {
                Ok(SyncState {
                    cursor: r.get(0)?,
                    checkpoint: r.get(1)?,
                    last_success_at: r.get(2)?,
                    notified_at: r.get(3)?,
                    last_notice: r.get(4)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

pub fn save_sync_state(conn: &Connection, m: Marketplace, s: &SyncState) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_state (marketplace, cursor, checkpoint, last_success_at, notified_at, last_notice) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (marketplace) DO UPDATE SET cursor = ?2, checkpoint = ?3, \
         last_success_at = ?4, notified_at = ?5, last_notice = ?6",
        params![m.as_str(), s.cursor, s.checkpoint, s.last_success_at, s.notified_at, s.last_notice],
    )?;
    Ok(())
}

/// The shared hourly budget of one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Budget {
    pub limit: u32,
    pub remaining: u32,
    /// Unix seconds when the window resets.
    pub reset_at: i64,
}

impl Budget {
    /// The budget a stored row (`hourly_limit`, `remaining`, `reset_at`) stands
    /// for at `now`; no row yet is the marketplace's whole limit.
    pub fn at(m: Marketplace, row: Option<(u32, u32, i64)>, now: i64) -> Budget {
        match row {
            // A window that has passed is a fresh one. `reset_at` is a whole second and the
            // server may reset late within it: a full second later is safely the new window.
            Some((limit, _, reset_at)) if now > reset_at => Budget {
                limit,
                remaining: limit,
                reset_at: now + 3600,
            },
            Some((limit, remaining, reset_at)) => Budget {
                limit,
                remaining,
                reset_at,
            },
            None => Budget {
                limit: m.hourly_limit(),
                remaining: m.hourly_limit(),
                reset_at: now + 3600,
            },
        }
    }

    /// Takes up to `wanted` requests; returns how many were granted.
    pub fn take(&mut self, wanted: u32) -> u32 {
        let granted = wanted.min(self.remaining);
        self.remaining -= granted;
        granted
    }

    /// Gives back requests taken but not made.
    pub fn give_back(&mut self, unused: u32) {
        self.remaining = (self.remaining + unused).min(self.limit);
    }

    /// Folds in what the server said (`X-RateLimit-*`). The server is right
    /// about the limit and the window; locally reserved requests not yet made
    /// are why the local count may be lower, so the lower count wins within a window.
    pub fn observe(&mut self, limit: u32, remaining: u32, reset_at: i64) {
        let same_window = (self.reset_at - reset_at).abs() <= 5;
        self.limit = limit;
        self.remaining = if same_window {
            self.remaining.min(remaining)
        } else {
            remaining
        };
        self.reset_at = reset_at;
    }
}

/// The stored budget row of `m` on SQLite, as [`Budget::at`] reads it.
pub(super) fn load_budget_row(
    conn: &Connection,
    m: Marketplace,
) -> Result<Option<(u32, u32, i64)>> {
    Ok(conn
        .query_row(
            "SELECT hourly_limit, remaining, reset_at FROM rate_budget WHERE marketplace = ?1",
            [m.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

pub(super) fn store_budget(conn: &Connection, m: Marketplace, b: &Budget, now: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO rate_budget (marketplace, hourly_limit, remaining, reset_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (marketplace) DO UPDATE SET hourly_limit = ?2, remaining = ?3, reset_at = ?4, updated_at = ?5",
        params![m.as_str(), b.limit, b.remaining, b.reset_at, now],
    )?;
    Ok(())
}

/// A record set aside by validation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Quarantined {
    pub marketplace: Marketplace,
    pub remote_id: String,
    pub reason: String,
    pub payload: String,
    pub first_seen_at: String,
    pub last_seen_at: String,
}

/// Sets a bad record aside (or refreshes the reason of one already there).
pub fn quarantine(
    conn: &Connection,
    m: Marketplace,
    remote_id: &str,
    reason: &str,
    payload: &str,
    run_id: Option<i64>,
    now: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO quarantine (marketplace, remote_id, reason, payload, first_seen_at, last_seen_at, run_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6) ON CONFLICT (marketplace, remote_id) DO UPDATE SET reason = ?3, payload = ?4, \
         last_seen_at = ?5, run_id = ?6",
        params![m.as_str(), remote_id, reason, payload, now, run_id],
    )?;
    Ok(())
}

/// A good version arrived: the record leaves quarantine. Returns whether it was there.
pub fn release_from_quarantine(conn: &Connection, m: Marketplace, remote_id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM quarantine WHERE marketplace = ?1 AND remote_id = ?2")?
        .execute(params![m.as_str(), remote_id])?
        > 0)
}

pub fn quarantined(conn: &Connection, m: Option<Marketplace>) -> Result<Vec<Quarantined>> {
    let mut stmt = conn.prepare(
        "SELECT marketplace, remote_id, reason, payload, first_seen_at, last_seen_at FROM quarantine \
         WHERE ?1 IS NULL OR marketplace = ?1 ORDER BY marketplace, remote_id",
    )?;
    let rows = stmt.query_map([m.map(|m| m.as_str())], |r| {
        let mk: String = r.get(0)?;
        Ok(Quarantined {
            marketplace: mk.parse().unwrap_or(Marketplace::Olx),
            remote_id: r.get(1)?,
            reason: r.get(2)?,
            payload: r.get(3)?,
            first_seen_at: r.get(4)?,
            last_seen_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn quarantine_holds_until_a_good_version_arrives() {
        let s = Store::open_in_memory().unwrap();
        quarantine(
            s.conn(),
            Marketplace::Olx,
            "x1",
            "title must be 5–255 characters (got 3)",
            "{}",
            None,
            "t",
        )
        .unwrap();
        quarantine(
            s.conn(),
            Marketplace::Olx,
            "x1",
            "price must be > 0",
            "{}",
            None,
            "t2",
        )
        .unwrap();
        let q = quarantined(s.conn(), None).unwrap();
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].reason, "price must be > 0");
        assert!(release_from_quarantine(s.conn(), Marketplace::Olx, "x1").unwrap());
        assert!(
            quarantined(s.conn(), Some(Marketplace::Olx))
                .unwrap()
                .is_empty()
        );
    }
}

#[cfg(test)]
mod engine_tests {
    use super::{Outcome, RunCounts, SyncState};
    use crate::domain::Marketplace;

    store_tests! {
        fn runs_and_state_round_trip(fx: &Fixture) {
            let s = fx.open();
            let id = s.start_run(Marketplace::Autofact, true, "t0").unwrap();
            let counts = RunCounts {
                fetched: 5,
                new: 5,
                requests_used: 2,
                ..Default::default()
            };
            s.finish_run(id, &counts, Outcome::Ok, None, "t1").unwrap();
            let run = s.last_run(Marketplace::Autofact).unwrap().unwrap();
            assert_eq!(run.outcome, Outcome::Ok);
            assert_eq!(run.counts, counts);
            s.start_run(Marketplace::Autofact, false, "t2").unwrap();
            assert_eq!(s.close_abandoned_runs(Marketplace::Autofact, "t3").unwrap(), 1);
            assert_eq!(
                s.last_run(Marketplace::Autofact).unwrap().unwrap().outcome,
                Outcome::Interrupted
            );
            let st = SyncState {
                cursor: Some("2026-01-01T00:00:00Z".into()),
                ..Default::default()
            };
            s.save_sync_state(Marketplace::Autofact, &st).unwrap();
            assert_eq!(s.sync_state(Marketplace::Autofact).unwrap(), st);
        }

        fn a_running_run_shows_its_counts_so_far(fx: &Fixture) {
            let s = fx.open();
            let id = s.start_run(Marketplace::Olx, false, "t0").unwrap();
            let counts = RunCounts {
                fetched: 100,
                new: 60,
                updated: 30,
                unchanged: 9,
                quarantined: 1,
                ..Default::default()
            };
            s.save_run_counts(id, &counts).unwrap();
            let run = s.last_run(Marketplace::Olx).unwrap().unwrap();
            assert_eq!((run.outcome, run.counts), (Outcome::Running, counts));
        }

        fn budget_is_shared_and_never_overspent(fx: &Fixture) {
            // Two handles on one store, as two treevu processes.
            let (a, b) = (fx.open(), fx.open());
            let now = 1_000_000;
            let (g1, _) = a.reserve_budget(Marketplace::Inmuebles24, 300, now).unwrap();
            let (g2, left) = b.reserve_budget(Marketplace::Inmuebles24, 300, now).unwrap();
            assert_eq!(
                (g1, g2),
                (300, 200),
                "the second process gets only what is left of 500"
            );
            assert_eq!(left.remaining, 0);
            a.release_budget(Marketplace::Inmuebles24, 50, now).unwrap();
            assert_eq!(b.budget(Marketplace::Inmuebles24, now).unwrap().remaining, 50);
            // After the window, the whole limit is back.
            assert_eq!(
                b.budget(Marketplace::Inmuebles24, now + 3601).unwrap().remaining,
                500
            );
        }

        fn server_headers_correct_the_budget(fx: &Fixture) {
            let s = fx.open();
            let now = 5_000;
            s.reserve_budget(Marketplace::Olx, 10, now).unwrap();
            // The server says fewer are left (someone else spent some): believe it.
            let b = s.observe_budget(Marketplace::Olx, 1000, 900, now + 3600, now).unwrap();
            assert_eq!(b.remaining, 900);
            // A new window from the server resets the count.
            let b = s
                .observe_budget(Marketplace::Olx, 50, 49, now + 9000, now + 4000)
                .unwrap();
            assert_eq!((b.limit, b.remaining, b.reset_at), (50, 49, now + 9000));
        }

        fn a_failed_write_stores_nothing(fx: &Fixture) {
            let s = fx.open();
            let r: Result<(), crate::store::StoreError> = s.write(|s| {
                assert_eq!(s.reserve_budget(Marketplace::Olx, 10, 1)?.0, 10);
                Err(crate::store::StoreError::Invalid("stop".into()))
            });
            assert!(r.is_err());
            // Rolled back: the ten requests were never taken, and the store writes again.
            assert_eq!(s.budget(Marketplace::Olx, 1).unwrap().remaining, 1000);
            assert_eq!(s.reserve_budget(Marketplace::Olx, 5, 1).unwrap().1.remaining, 995);
        }
    }
}
