//! `treevu sync`: pull listings, stats, leads and conversations into the store;
//! `treevu sync status`: how each account's last run went and when the next is due.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::progress::{Bars, request_logger};
use crate::context::Context;
use crate::domain::Marketplace;
use crate::domain::time::{parse_timestamp as parse_time, timestamp};
use crate::exit;
use crate::i18n::{Localized, Msg};
use crate::marketplaces::factory::MarketplaceClient;
use crate::msg;
use crate::output::{Column, error_text};
use crate::store::Store;
use crate::store::sync::Outcome;
use crate::sync::gate::Gate;
use crate::sync::lock::SyncLock;
use crate::sync::notify::{self, Notice};
use crate::sync::{SyncOptions, SyncReport, sources};
use crate::twins::delist::Report;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub command: Option<SyncCommand>,
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Per account: the last run, its outcome and counts, the budget left and when the next run is due
    Status,
}

#[derive(Debug, Args, Clone)]
pub struct RunArgs {
    /// Marketplaces to sync (default with --all: every connected account)
    pub marketplaces: Vec<Marketplace>,
    /// Every connected account
    #[arg(long)]
    pub all: bool,
    /// Ignore the incremental cursor: pull everything and mark what vanished as removed
    #[arg(long)]
    pub full: bool,
    /// Only accounts whose sync interval has passed (for cron: OLX 6 h, Inmuebles24 12 h, Autofact 8 h)
    #[arg(long)]
    pub due: bool,
    /// Every merchant profile in turn, each within its own budgets
    #[arg(long, requires = "all")]
    pub all_profiles: bool,
    /// If another treevu is syncing the same account, wait for it instead of exiting with code 5
    #[arg(long)]
    pub wait: bool,
    /// Longest wait for the hourly rate window to reset before stopping with a checkpoint
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    pub max_wait: u64,
    /// Pages fetched at once
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=16))]
    pub concurrency: u16,
}

pub fn run(args: SyncArgs, ctx: &Context) -> anyhow::Result<u8> {
    match args.command {
        Some(SyncCommand::Status) => status(ctx),
        None => run_sync(&args.run, ctx, false),
    }
}

/// Runs a sync as asked; `scheduled` marks runs from `--due` or `treevu watch`, whose failures notify the owner.
pub fn run_sync(args: &RunArgs, ctx: &Context, scheduled: bool) -> anyhow::Result<u8> {
    if args.marketplaces.is_empty() && !args.all && !args.due {
        return Err(Localized::usage(Msg::new("sync-which-accounts")));
    }
    if !args.all_profiles {
        let (reports, busy, delists) = sync_profile(args, ctx, scheduled || args.due)?;
        print_rows(ctx, &rows_of(&reports, &delists))?;
        return Ok(super::delists::combine(
            busy_or(overall_code(&reports), busy),
            super::delists::code_of(&delists),
        ));
    }
    // Profiles are files; the merchants of one database are not walked here.
    ctx.sqlite_only()?;
    let mut all = Vec::new();
    let mut rows: Vec<Value> = Vec::new();
    let mut failed_profiles = 0;
    let mut any_busy = false;
    let mut delist_code = exit::OK;
    for profile in super::profiles::profile_names(ctx)? {
        let overrides = crate::config::Overrides {
            profile: Some(profile.clone()),
            config: ctx.settings.config_path.clone().into(),
            db: None,
            database_url: None,
        };
        let sub = Context::new(&overrides, ctx.printer.clone())?
            .with_request_logger(ctx.request_logger());
        ctx.printer.say(&msg!("sync-profile", profile = &profile));
        match sync_profile(args, &sub, scheduled || args.due) {
            Ok((r, busy, delists)) => {
                any_busy |= busy;
                delist_code =
                    super::delists::combine(delist_code, super::delists::code_of(&delists));
                rows.extend(rows_of(&r, &delists).into_iter().map(|mut v| {
                    v["profile"] = json!(profile);
                    v
                }));
                all.extend(r);
            }
            Err(e) => {
                // One merchant's failure is recorded and reported; the others go on.
                failed_profiles += 1;
                ctx.printer.warn(ctx.printer.t(&msg!(
                    "sync-profile-failed",
                    profile = &profile,
                    error = ctx.printer.error_text(&e)
                )));
            }
        }
    }
    print_rows(ctx, &rows)?;
    let code = overall_code(&all);
    Ok(if failed_profiles > 0 && code == exit::OK {
        exit::ERROR
    } else {
        // The delists' code (a retry left, an account to reconnect) joins the accounts' own.
        busy_or(super::delists::combine(code, delist_code), any_busy)
    })
}

/// An account left to another process that is syncing it: code 5 (docs/sync.md),
/// unless something more serious happened to the accounts this process ran.
fn busy_or(code: u8, busy: bool) -> u8 {
    if busy && code == exit::OK {
        exit::ALREADY_RUNNING
    } else {
        code
    }
}

pub(crate) fn overall_code(reports: &[SyncReport]) -> u8 {
    let codes: Vec<u8> = reports.iter().map(SyncReport::exit_code).collect();
    [exit::NEEDS_RECONNECT, exit::ERROR, exit::PARTIAL]
        .into_iter()
        .find(|c| codes.contains(c))
        .unwrap_or(exit::OK)
}

/// Which accounts of this profile to sync now.
fn targets(args: &RunArgs, ctx: &Context, store: &Store) -> anyhow::Result<Vec<Marketplace>> {
    let connected: Vec<Marketplace> = store
        .accounts()?
        .into_iter()
        .map(|a| a.marketplace)
        .collect();
    let env_only: Vec<Marketplace> = Marketplace::ALL
        .into_iter()
        .filter(|m| !connected.contains(m) && ctx.env_token(*m).is_some())
        .collect();
    let mut wanted: Vec<Marketplace> = if args.marketplaces.is_empty() {
        connected.iter().chain(env_only.iter()).copied().collect()
    } else {
        args.marketplaces.clone()
    };
    wanted.sort();
    wanted.dedup();
    if wanted.is_empty() {
        return Err(Localized::coded(
            exit::NEEDS_RECONNECT,
            Msg::new("sync-none-connected"),
        ));
    }
    if args.due {
        let now = Utc::now();
        wanted.retain(|m| is_due(store, ctx, *m, now).unwrap_or(true));
    }
    Ok(wanted)
}

/// Due when never synced successfully, when the interval has passed since the last
/// success, or when a stopped run's checkpoint can continue.
fn is_due(
    store: &Store,
    ctx: &Context,
    m: Marketplace,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    Ok(next_due(store, ctx, m)?.is_none_or(|t| t <= now))
}

fn next_due(store: &Store, ctx: &Context, m: Marketplace) -> anyhow::Result<Option<DateTime<Utc>>> {
    let state = store.sync_state(m)?;
    if state.checkpoint.is_some() {
        // A stopped run continues once its budget window has reset.
        let last = store.last_run(m)?;
        return Ok(last
            .and_then(|r| r.finished_at)
            .and_then(|t| parse_time(&t))
            .map(|t| t + chrono::Duration::minutes(1)));
    }
    let hours = ctx.settings.sync_interval_hours(m) as i64;
    Ok(state
        .last_success_at
        .as_deref()
        .and_then(parse_time)
        .map(|t| t + chrono::Duration::hours(hours)))
}

/// The reports of the accounts synced, whether an account was skipped because
/// another process is syncing it, and what the twins step did.
fn sync_profile(
    args: &RunArgs,
    ctx: &Context,
    scheduled: bool,
) -> anyhow::Result<(Vec<SyncReport>, bool, Report)> {
    let mut store = ctx.open_ported_store()?;
    let wanted = targets(args, ctx, &store)?;
    let opts = SyncOptions {
        full: args.full,
        max_wait: Duration::from_secs(args.max_wait),
        concurrency: args.concurrency as usize,
        ..SyncOptions::default()
    };
    let bars = Arc::new(Bars::new(&ctx.printer));
    if wanted.is_empty() {
        ctx.printer.say(&Msg::new("sync-nothing-due"));
        // A delist that failed last time is not left waiting for the next due sync.
        let mut delists = Report::default();
        if store.has_pool() && !crate::store::twins::delists(store.conn(), &["pending"])?.is_empty()
        {
            delists = super::delists::run_reported(ctx, &mut store, &opts, bars.clone());
        }
        return Ok((Vec::new(), false, delists));
    }
    let logger = request_logger(&ctx.printer);

    // Set up every account first (locks, credentials, clients); an account that
    // cannot start is a failed report and the others go on.
    let mut jobs = Vec::new();
    let mut locks = Vec::new();
    let mut reports = Vec::new();
    let mut busy = false;
    for m in wanted {
        let lock = if args.wait {
            SyncLock::acquire_blocking(&ctx.settings.data_dir, m)
        } else {
            SyncLock::try_acquire(&ctx.settings.data_dir, m)
        };
        let lock = match lock {
            Ok(l) => l,
            Err(e) => {
                if wanted_len_one(args) {
                    return Err(e.into());
                }
                if matches!(e, crate::sync::SyncError::AlreadyRunning(_)) {
                    // Not a failure of this run: another process has it (exit 5).
                    busy = true;
                    ctx.printer.warn(format!(
                        "{m}: {}",
                        crate::i18n::errors::words(&ctx.printer.loc, &e)
                    ));
                } else {
                    reports.push(SyncReport::failed(m, e.to_string(), false));
                }
                continue;
            }
        };
        match account_job(ctx, &store, m, &opts, bars.clone(), logger.clone()) {
            Ok(job) => {
                jobs.push(job);
                locks.push(lock);
            }
            Err(e) => {
                if wanted_len_one(args) {
                    return Err(e);
                }
                let reconnect = exit::code_for(&e) == exit::NEEDS_RECONNECT;
                reports.push(SyncReport::failed(m, error_text(&e), reconnect));
            }
        }
    }

    let observer: Arc<dyn crate::sync::Observer> = bars.clone();
    reports.extend(ctx.block_on(crate::sync::sync_accounts(jobs, &opts, observer)));
    drop(locks);
    bars.finish();
    reports.sort_by_key(|r| r.marketplace);
    for r in &reports {
        for n in &r.notes {
            ctx.printer.status(format!(
                "{}: {}",
                r.marketplace.display_name(),
                ctx.printer.loc.text(&note_msg(n))
            ));
        }
        if let Some(e) = &r.error {
            ctx.printer
                .warn(format!("{}: {e}", r.marketplace.display_name()));
        }
    }
    // Twins: what the accounts' runs saw sold elsewhere comes down here, in the
    // same run; twins and the pool live on stores that have a pool.
    let mut delists = Report::default();
    if store.has_pool() {
        delists = super::delists::run_reported(ctx, &mut store, &opts, bars.clone());
        settle_pool(ctx, &mut store);
    }
    print_pool(ctx, &reports);
    if scheduled {
        notify_failures(ctx, &store, &reports);
    }
    Ok((reports, busy, delists))
}

/// One account's run set up: its credential read (a locked keyring or a
/// wrong passphrase costs no request), its client, its gate and its store on
/// handles of their own. `treevu worker` sets up each leased account so too.
pub(crate) fn account_job(
    ctx: &Context,
    store: &Store,
    m: Marketplace,
    opts: &SyncOptions,
    observer: Arc<dyn crate::sync::Observer>,
    logger: Option<crate::marketplaces::RequestLogger>,
) -> anyhow::Result<crate::sync::Job> {
    let account = store.account(m)?;
    let tokens = ctx.token_source(m)?;
    ctx.block_on(tokens.current())?;
    let client = MarketplaceClient::build(m, &ctx.endpoint(m)?, tokens, logger)?;
    // Without a stored account (an environment token), OLX asks `/users/me` through the gate.
    let user_id = account.map(|a| a.remote_user_id).unwrap_or_default();
    let gate = Gate::over(store.reopen()?, m, opts.max_wait, observer);
    Ok(crate::sync::Job {
        source: sources::source_for(client, user_id),
        gate: Arc::new(gate),
        store: store.reopen()?,
    })
}

/// What each run did to the market pool, on stderr (the JSON report has it
/// under `pool`): rows gained, rows updated, rows rejected by reason.
fn print_pool(ctx: &Context, reports: &[SyncReport]) {
    for r in reports {
        let p = &r.pool;
        if p.counts.new + p.counts.updated + p.rejected_total() + p.removed == 0 {
            continue;
        }
        let mut line = ctx.printer.t(&msg!(
            "sync-pool",
            marketplace = r.marketplace.display_name(),
            new = p.counts.new,
            updated = p.counts.updated,
            removed = p.removed,
            rejected = p.rejected_total()
        ));
        if !p.rejected.is_empty() {
            let why: Vec<String> = p
                .rejected
                .iter()
                .map(|(w, n)| format!("{w}: {n}"))
                .collect();
            line.push_str(&format!(" ({})", why.join("; ")));
        }
        ctx.printer.status(line);
    }
}

/// After the accounts and the delists: the merchant's own listings in the
/// pool as they now are, and the pricing models fitted for it here (cron's
/// time, not the merchant's first estimate), unless `sync.fit_models` is off.
fn settle_pool(ctx: &Context, store: &mut Store) {
    let path = store.path().to_path_buf();
    let refreshed = store
        .write(|s| crate::pool::feed::refresh_own(s, None, &timestamp(Utc::now())).map(|_| ()));
    // The accounts' runs stored (or failed, with exit 1) on their own; a pool
    // that cannot be caught up here is caught up by the next sync.
    if let Err(e) = refreshed {
        ctx.printer.warn(ctx.printer.t(&msg!(
            "sync-pool-not-refreshed",
            error = ctx.printer.error_text(&anyhow::Error::new(e.at(&path)))
        )));
        return;
    }
    if ctx.settings.sync.fit_models {
        let settings = super::estimate::pricing_settings(ctx);
        let progress = super::progress::FitProgress::new(&ctx.printer);
        // The sync itself succeeded; a model that cannot be fitted now is fitted at the next estimate.
        if let Err(e) = crate::pricing::models::ensure_fitted(
            store,
            &settings,
            &["property", "vehicle"],
            &progress,
        ) {
            ctx.printer.warn(ctx.printer.t(&msg!(
                "sync-models-not-fitted",
                error = ctx.printer.error_text(&anyhow::Error::from(e))
            )));
        }
    }
}

fn wanted_len_one(args: &RunArgs) -> bool {
    args.marketplaces.len() == 1 && !args.all
}

fn notify_failures(ctx: &Context, store: &Store, reports: &[SyncReport]) {
    for r in reports
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Failed) || r.needs_reconnect)
    {
        // What the owner reads on a phone: in this run's language (JSON keys stay).
        let loc = &ctx.printer.loc;
        let notice = Notice {
            title: loc.text(&msg!("notice-title", name = r.marketplace.display_name())),
            content: r
                .error
                .clone()
                .unwrap_or_else(|| loc.get("notice-sync-failed")),
            profile: ctx.settings.profile.clone(),
            marketplace: r.marketplace.to_string(),
            outcome: r.outcome.as_str().into(),
            at: timestamp(Utc::now()),
        };
        if ctx.settings.sync.notify_command.is_none() && ctx.settings.sync.notify_webhook.is_none()
        {
            continue;
        }
        let sent = ctx.block_on(notify::send(&ctx.settings.sync, &notice));
        let mut state = store.sync_state(r.marketplace).unwrap_or_default();
        state.notified_at = Some(notice.at.clone());
        state.last_notice = Some(match &sent {
            Ok(to) => loc.text(&msg!(
                "notice-sent",
                by = if to.len() > 1 {
                    "both"
                } else {
                    to.first().map_or("", String::as_str)
                },
                title = &notice.title
            )),
            Err(e) => loc.text(&msg!(
                "notice-not-sent",
                error = crate::i18n::errors::words(loc, e)
            )),
        });
        let _ = store.save_sync_state(r.marketplace, &state);
        match sent {
            Ok(_) => ctx.printer.say(&msg!(
                "sync-owner-notified",
                marketplace = r.marketplace.display_name()
            )),
            Err(e) => ctx.printer.warn(format!(
                "{}: {}",
                r.marketplace.display_name(),
                crate::i18n::errors::words(loc, &e)
            )),
        }
    }
}

const REPORT_COLUMNS: &[Column] = &[
    Column::text("marketplace", "Marketplace"),
    Column::term("outcome", "Outcome", "outcome"),
    Column::number("fetched", "Fetched"),
    Column::number("new", "New"),
    Column::number("updated", "Updated"),
    Column::number("unchanged", "Unchanged"),
    Column::number("removed", "Removed"),
    Column::number("quarantined", "Quarantined"),
    Column::number("delisted", "Delisted"),
    Column::number("requestsUsed", "Requests"),
    Column::text("error", "Error"),
];

fn report_json(r: &SyncReport) -> Value {
    serde_json::to_value(r).unwrap_or(Value::Null)
}

/// The report rows with the twins step's delists and conflicts on them.
fn rows_of(reports: &[SyncReport], delists: &Report) -> Vec<Value> {
    let mut rows: Vec<Value> = reports.iter().map(report_json).collect();
    super::delists::attach(&mut rows, reports, delists);
    rows
}

fn print_rows(ctx: &Context, rows: &[Value]) -> anyhow::Result<()> {
    if rows.is_empty() && !ctx.printer.is_json() {
        return Ok(());
    }
    ctx.printer.records(REPORT_COLUMNS, rows)?;
    Ok(())
}

fn status(ctx: &Context) -> anyhow::Result<u8> {
    let store = ctx.open_ported_store()?;
    let now = Utc::now();
    let mut rows = Vec::new();
    for m in Marketplace::ALL {
        let account = store.account(m)?;
        let last = store.last_run(m)?;
        let state = store.sync_state(m)?;
        let budget = store.budget(m, now.timestamp())?;
        let due = next_due(&store, ctx, m)?;
        rows.push(json!({
            "marketplace": m,
            "connected": account.is_some(),
            "lastRun": last.as_ref().map(|r| r.started_at.clone()),
            "outcome": last.as_ref().map(|r| r.outcome),
            "fetched": last.as_ref().map(|r| r.counts.fetched),
            "new": last.as_ref().map(|r| r.counts.new),
            "updated": last.as_ref().map(|r| r.counts.updated),
            "removed": last.as_ref().map(|r| r.counts.removed),
            "quarantined": last.as_ref().map(|r| r.counts.quarantined),
            "requestsUsed": last.as_ref().map(|r| r.counts.requests_used),
            "error": last.as_ref().and_then(|r| r.error.clone()),
            "budgetRemaining": budget.remaining,
            "budgetLimit": budget.limit,
            // A window opens with its first request: with none spent there is
            // nothing to reset, and `now + 1 h` would change with every call.
            "budgetResetsAt": (budget.remaining < budget.limit)
                .then(|| DateTime::from_timestamp(budget.reset_at, 0).map(timestamp))
                .flatten(),
            "lastSuccessAt": state.last_success_at,
            "resumable": state.checkpoint.is_some(),
            "nextDue": if account.is_some() { Some(due.map(timestamp).unwrap_or_else(|| "now".into())) } else { None },
            "lastNotice": state.last_notice,
        }));
    }
    ctx.printer.records(
        &[
            Column::text("marketplace", "Marketplace"),
            Column::text("connected", "Connected"),
            Column::when("lastRun", "Last run"),
            Column::term("outcome", "Outcome", "outcome"),
            Column::number("fetched", "Fetched"),
            Column::number("requestsUsed", "Requests"),
            Column::number("budgetRemaining", "Budget left"),
            Column::when("nextDue", "Next due"),
            Column::text("lastNotice", "Last notice"),
        ],
        &rows,
    )?;
    Ok(exit::OK)
}

/// A run's note in the reader's language.
pub(crate) fn note_msg(n: &crate::sync::SyncNote) -> Msg {
    use crate::sync::SyncNote;
    match n {
        SyncNote::Continuing { started_at, pages } => msg!(
            "sync-note-continuing",
            started_at = started_at,
            pages = *pages
        ),
        SyncNote::PartlySeen { seen, total } => {
            msg!("sync-note-partly-seen", seen = *seen, total = *total)
        }
        SyncNote::BudgetSpent => Msg::new("sync-note-budget-spent"),
        SyncNote::Skipped { request, why } => {
            msg!("sync-note-skipped", request = request, why = why)
        }
    }
}
