//! `treevu worker`'s loop (design §5): claims due accounts across the
//! merchants of a PostgreSQL store, runs each one's sync with its lease as
//! the store's fence, renews the leases while the runs work and finishes each
//! by its outcome. It never prints: what happens is told through `on`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::{Job, Observer, SyncOptions, SyncReport};
use crate::store::page::Fence;
use crate::store::postgres::leases::{Lease, Leases};
use crate::store::sync::Outcome;
use crate::store::{DatabaseUrl, Result};

/// Seconds after a failed run before the account is due again (no faster
/// than this, so a drain does not retry an account that keeps failing).
const RETRY_SECS: i64 = 300;
/// Seconds after a run stopped by its budget: the window reset is near.
const RESUME_SECS: i64 = 60;

pub struct WorkerOptions {
    /// Who holds the leases (`<host>:<pid>:<random>`).
    pub owner: String,
    /// Accounts synced at once.
    pub concurrency: u32,
    pub lease_secs: i64,
    /// Drain what is due and return; else poll until `sync.stop` is set.
    pub once: bool,
    pub poll: Duration,
    /// The runs' options; its stop flag also ends the loop (SIGTERM).
    pub sync: SyncOptions,
}

/// What the loop did.
#[derive(Default)]
pub struct WorkerReport {
    /// Every run's report.
    pub reports: Vec<SyncReport>,
    /// Leases found taken over when their run ended (the lease expired while
    /// this worker was stalled): another worker has the account.
    pub lost: usize,
}

/// What the loop tells its caller.
pub enum Event<'a> {
    Claimed(&'a Lease),
    /// A lease's run ended and the lease was finished or released.
    Done(&'a Lease, &'a SyncReport),
}

/// A leased account's run, set up by the caller (credentials, client, gate),
/// or the report of why it could not start.
pub type Prepare<'a> = dyn FnMut(&Lease) -> std::result::Result<Job, Box<SyncReport>> + 'a;

/// Runs until nothing is due (`once`) or `opts.sync.stop` is set. A stop
/// reaches the runs too: each ends after its pages in flight are stored, is
/// recorded `interrupted` and its lease released with the account still due,
/// so another worker continues from the checkpoint at once.
/// `cadence` gives an account's seconds between successful runs.
pub fn run(
    url: &DatabaseUrl,
    opts: &WorkerOptions,
    runtime: &tokio::runtime::Runtime,
    prepare: &mut Prepare<'_>,
    cadence: &dyn Fn(&Lease) -> i64,
    observer: Arc<dyn Observer>,
    on: &mut dyn FnMut(Event<'_>),
) -> Result<WorkerReport> {
    let mut leases = Leases::connect(url)?;
    let held: Arc<Mutex<Vec<i64>>> = Arc::default();
    let renewer = Renewer::start(url, opts, held.clone())?;
    let stop = &opts.sync.stop;
    let mut out = WorkerReport::default();
    while !stop.is_set() {
        let claimed = leases.claim(&opts.owner, opts.concurrency, opts.lease_secs)?;
        if claimed.is_empty() {
            if opts.once {
                break;
            }
            idle(opts.poll, stop);
            continue;
        }
        *held.lock().unwrap() = claimed.iter().map(|l| l.token).collect();
        let mut jobs = Vec::new();
        for lease in &claimed {
            on(Event::Claimed(lease));
            let job = prepare(lease).and_then(|job| {
                job.store
                    .fence(Some(Fence {
                        token: lease.token,
                        ttl_secs: opts.lease_secs,
                    }))
                    .map(|_| job)
                    .map_err(|e| {
                        Box::new(SyncReport::failed(lease.marketplace, e.to_string(), false))
                    })
            });
            jobs.push(job);
        }
        let done = runtime.block_on(run_all(jobs, &opts.sync, observer.clone()));
        for (lease, report) in claimed.iter().zip(done) {
            let next = match report.outcome {
                Outcome::Ok => Some(cadence(lease)),
                Outcome::Partial => Some(RESUME_SECS),
                // Stopped before its end: another worker continues at once.
                Outcome::Interrupted | Outcome::Running => None,
                Outcome::Failed => Some(RETRY_SECS.min(cadence(lease))),
            };
            if !leases.finish(lease, next, report.error.as_deref())? {
                out.lost += 1;
            }
            on(Event::Done(lease, &report));
            out.reports.push(report);
        }
        held.lock().unwrap().clear();
    }
    drop(renewer);
    Ok(out)
}

/// Each job on its own task, so each report stays with its lease (two
/// merchants' runs on one marketplace are told apart).
async fn run_all(
    jobs: Vec<std::result::Result<Job, Box<SyncReport>>>,
    opts: &SyncOptions,
    observer: Arc<dyn Observer>,
) -> Vec<SyncReport> {
    let mut set = tokio::task::JoinSet::new();
    let mut out: Vec<Option<SyncReport>> = Vec::new();
    for (i, job) in jobs.into_iter().enumerate() {
        out.push(None);
        match job {
            Ok(job) => {
                let (opts, observer) = (opts.clone(), observer.clone());
                let m = job.source.marketplace();
                set.spawn(async move {
                    let r = super::sync_accounts(vec![job], &opts, observer).await;
                    (i, r.into_iter().next(), m)
                });
            }
            Err(report) => out[i] = Some(*report),
        }
    }
    while let Some(joined) = set.join_next().await {
        // sync_accounts catches its runs' panics; a join error is this task's own.
        if let Ok((i, r, m)) = joined {
            out[i] = Some(r.unwrap_or_else(|| SyncReport::failed(m, "no report".into(), false)));
        }
    }
    out.into_iter()
        .map(|r| {
            r.unwrap_or_else(|| {
                SyncReport::failed(
                    crate::domain::Marketplace::Olx,
                    "the run stopped".into(),
                    false,
                )
            })
        })
        .collect()
}

/// Sleeps `poll`, waking early when `stop` is set.
fn idle(poll: Duration, stop: &super::StopFlag) {
    let step = Duration::from_millis(100);
    let mut left = poll;
    while !left.is_zero() && !stop.is_set() {
        std::thread::sleep(step.min(left));
        left = left.saturating_sub(step);
    }
}

/// Renews the held leases every third of their time on a connection of its
/// own, so a run waiting on its budget gate (no page stored) keeps its lease.
struct Renewer {
    quit: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Renewer {
    fn start(
        url: &DatabaseUrl,
        opts: &WorkerOptions,
        held: Arc<Mutex<Vec<i64>>>,
    ) -> Result<Renewer> {
        let mut leases = Leases::connect(url)?;
        let (owner, ttl) = (opts.owner.clone(), opts.lease_secs);
        let every = Duration::from_secs((ttl / 3).max(1) as u64);
        let (quit, rx) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(every) {
                let tokens = held.lock().unwrap().clone();
                if !tokens.is_empty() {
                    // A lost lease is refused at its next page; nothing to do here.
                    let _ = leases.renew(&owner, &tokens, ttl);
                }
            }
        });
        Ok(Renewer {
            quit: Some(quit),
            thread: Some(thread),
        })
    }
}

impl Drop for Renewer {
    fn drop(&mut self) {
        drop(self.quit.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
