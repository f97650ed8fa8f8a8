//! `treevu worker`: syncs the due accounts of every merchant of a PostgreSQL
//! store under leases, many workers at once (the loop: `sync::worker`).

use std::sync::Arc;
use std::time::Duration;

use clap::Args;

use super::progress::{Bars, request_logger};
use crate::context::Context;
use crate::i18n::{Localized, Msg};
use crate::msg;
use crate::output::error_text;
use crate::sync::worker::{self, Event, WorkerOptions};
use crate::sync::{SyncOptions, SyncReport};

#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// Accounts synced at once
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub concurrency: u32,
    /// Sync what is due now and exit (non-zero if an account failed)
    #[arg(long)]
    pub once: bool,
    /// How long a claimed account stays this worker's without a renewal
    #[arg(long, value_name = "S", default_value_t = 60, value_parser = clap::value_parser!(i64).range(3..=3600))]
    pub lease_seconds: i64,
}

pub fn run(args: WorkerArgs, ctx: &Context) -> anyhow::Result<u8> {
    let Some(url) = &ctx.settings.database_url else {
        return Err(Localized::usage(Msg::new("worker-needs-postgres")));
    };
    let stop = crate::sync::StopFlag::default();
    watch_signals(ctx, stop.clone());
    let opts = WorkerOptions {
        owner: format!(
            "{}:{}:{:08x}",
            hostname(),
            std::process::id(),
            rand::random::<u32>()
        ),
        concurrency: args.concurrency,
        lease_secs: args.lease_seconds,
        once: args.once,
        poll: Duration::from_secs(5),
        sync: SyncOptions {
            stop: stop.clone(),
            ..SyncOptions::default()
        },
    };
    let bars = Arc::new(Bars::new(&ctx.printer));
    let logger = request_logger(&ctx.printer);
    // Each merchant is a profile of the same database: its own context.
    let merchant_ctx = |name: &str| {
        let mut settings = ctx.settings.clone();
        settings.profile = name.to_string();
        Context::with_settings(settings, ctx.printer.clone())
            .with_request_logger(ctx.request_logger())
    };
    let mut prepare = |lease: &crate::store::postgres::leases::Lease| {
        let sub = merchant_ctx(&lease.merchant);
        let setup = || {
            let store = sub.open_ported_store()?;
            super::sync::account_job(
                &sub,
                &store,
                lease.marketplace,
                &opts.sync,
                bars.clone(),
                logger.clone(),
            )
        };
        setup().map_err(|e| {
            let reconnect = crate::exit::code_for(&e) == crate::exit::NEEDS_RECONNECT;
            Box::new(SyncReport::failed(
                lease.marketplace,
                error_text(&e),
                reconnect,
            ))
        })
    };
    let cadence = |lease: &crate::store::postgres::leases::Lease| {
        i64::from(ctx.settings.sync_interval_hours(lease.marketplace)) * 3600
    };
    let mut on = |e: Event<'_>| match e {
        Event::Claimed(l) => ctx.printer.say(&msg!(
            "worker-claimed",
            merchant = &l.merchant,
            marketplace = l.marketplace.display_name()
        )),
        Event::Done(l, r) if r.outcome == crate::store::sync::Outcome::Interrupted => {
            ctx.printer.say(&msg!(
                "worker-interrupted",
                merchant = &l.merchant,
                marketplace = l.marketplace.display_name(),
                fetched = r.counts.fetched
            ))
        }
        Event::Done(l, r) => match &r.error {
            None => ctx.printer.say(&msg!(
                "worker-synced",
                merchant = &l.merchant,
                marketplace = l.marketplace.display_name(),
                outcome = r.outcome.as_str(),
                new = r.counts.new
            )),
            Some(error) => ctx.printer.warn(ctx.printer.t(&msg!(
                "worker-failed",
                merchant = &l.merchant,
                marketplace = l.marketplace.display_name(),
                error = error
            ))),
        },
    };
    let done = worker::run(
        url,
        &opts,
        ctx.runtime(),
        &mut prepare,
        &cadence,
        bars.clone(),
        &mut on,
    )?;
    bars.finish();
    if stop.is_set() {
        ctx.printer.say(&Msg::new("worker-stopped"));
    } else if done.reports.is_empty() {
        ctx.printer.say(&Msg::new("worker-nothing-due"));
    }
    if done.lost > 0 {
        ctx.printer.warn(
            ctx.printer
                .t(&msg!("worker-leases-lost", count = done.lost)),
        );
        return Ok(crate::exit::ERROR);
    }
    // A run stopped by the signal released its lease: that is a clean stop.
    let finished: Vec<SyncReport> = done
        .reports
        .into_iter()
        .filter(|r| r.outcome != crate::store::sync::Outcome::Interrupted)
        .collect();
    Ok(super::sync::overall_code(&finished))
}

/// SIGTERM and Ctrl-C stop the worker after the pages in flight are stored:
/// each run is recorded interrupted and its lease released.
fn watch_signals(ctx: &Context, stop: crate::sync::StopFlag) {
    ctx.runtime().spawn(async move {
        let Ok(mut term) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        else {
            return;
        };
        tokio::select! {
            _ = term.recv() => {}
            _ = tokio::signal::ctrl_c() => {}
        }
        stop.set();
    });
}

fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "host".into())
}
