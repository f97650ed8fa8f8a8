//! The twins step at the end of `treevu sync`: detection, then the delists a
//! sale on one marketplace calls for on the others (`crate::twins::delist`),
//! and how the sync report shows them.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{Value, json};

use crate::context::Context;
use crate::domain::time::timestamp;
use crate::domain::{ListingRef, Marketplace};
use crate::exit;
use crate::marketplaces::factory::MarketplaceClient;
use crate::msg;
use crate::store::Store;
use crate::sync::gate::Gate;
use crate::sync::{SyncOptions, SyncReport};
use crate::twins::Remote;
use crate::twins::delist::{self, Outcome, Remotes, Report};
use crate::twins::{self, detect};

/// [`run`], its failure a warning and the report's `error`: the accounts'
/// runs are stored and reported whatever happens here.
pub fn run_reported(
    ctx: &Context,
    store: &mut Store,
    opts: &SyncOptions,
    observer: Arc<dyn crate::sync::Observer>,
) -> Report {
    let report = run(ctx, store, opts, observer).unwrap_or_else(|e| Report {
        error: Some(format!("{e:#}")),
        ..Report::default()
    });
    print(ctx, &report);
    report
}

/// Detects new twins, then plans and (policy `auto`) runs the delists.
pub fn run(
    ctx: &Context,
    store: &mut Store,
    opts: &SyncOptions,
    observer: Arc<dyn crate::sync::Observer>,
) -> anyhow::Result<Report> {
    let now = timestamp(chrono::Utc::now());
    let found = detect::refresh(store, ctx.settings.pricing.pen_per_usd, &now)?;
    if !found.is_empty() {
        ctx.printer
            .say(&msg!("delists-found-twins", count = found.len()));
    }
    let policy = twins::policy(store)?;
    let plan = delist::plan(store, policy)?;
    if plan.pending.is_empty() {
        return Ok(plan.report);
    }
    let logger = super::progress::request_logger(&ctx.printer);
    let mut remotes = Remotes {
        by_marketplace: HashMap::new(),
        unavailable: HashMap::new(),
    };
    for m in plan.marketplaces() {
        let built = (|| -> anyhow::Result<Remote> {
            let client = MarketplaceClient::build(
                m,
                &ctx.endpoint(m)?,
                ctx.token_source(m)?,
                logger.clone(),
            )?;
            let gate = Gate::open(&ctx.settings.db_path, m, opts.max_wait, observer.clone())?;
            Ok(Remote {
                client,
                gate: Arc::new(gate),
            })
        })();
        match built {
            Ok(r) => {
                remotes.by_marketplace.insert(m, r);
            }
            Err(e) => {
                remotes.unavailable.insert(m, format!("{e:#}"));
            }
        }
    }
    Ok(ctx.block_on(delist::execute(store, plan, &remotes, opts))?)
}

fn marketplace_of(id: &str) -> Option<Marketplace> {
    id.parse::<ListingRef>().ok().map(|r| r.marketplace)
}

/// Puts each delist and conflict on the report row of the marketplace where the
/// sale was seen (else the row of the listing taken down, else the first row),
/// and counts the delists done per row.
pub fn attach(rows: &mut [Value], reports: &[SyncReport], d: &Report) {
    if rows.is_empty() {
        return;
    }
    let row_of = |ids: &[&str]| -> usize {
        ids.iter()
            .filter_map(|id| marketplace_of(id))
            .find_map(|m| reports.iter().position(|r| r.marketplace == m))
            .unwrap_or(0)
    };
    for row in rows.iter_mut() {
        row["delists"] = json!([]);
        row["conflicts"] = json!([]);
        row["delisted"] = json!(0);
    }
    for e in &d.entries {
        let i = row_of(&[&e.cause, &e.target]);
        if let Some(list) = rows[i]["delists"].as_array_mut() {
            list.push(serde_json::to_value(e).unwrap_or_default());
        }
        if e.outcome == Outcome::Delisted {
            let n = rows[i]["delisted"].as_u64().unwrap_or(0);
            rows[i]["delisted"] = json!(n + 1);
        }
    }
    for c in &d.conflicts {
        let ids: Vec<&str> = c.listings.iter().map(String::as_str).collect();
        let i = row_of(&ids);
        if let Some(list) = rows[i]["conflicts"].as_array_mut() {
            list.push(serde_json::to_value(c).unwrap_or_default());
        }
    }
}

/// One line per delist and conflict on stderr; proposals, conflicts and failures
/// as warnings, so they show with `--quiet` too (a cron job mails them).
pub fn print(ctx: &Context, d: &Report) {
    if let Some(e) = &d.error {
        ctx.printer
            .warn(ctx.printer.t(&msg!("delists-step-failed", error = e)));
    }
    let loc = &ctx.printer.loc;
    for e in &d.entries {
        // The twin's status as the language names it ("vendido").
        let status = loc
            .lookup(&format!("status-{}", e.cause_status))
            .unwrap_or_else(|| e.cause_status.clone());
        let m = |id: &'static str| {
            msg!(
                "delists-proposed",
                listing = &e.target,
                twin = &e.cause,
                status = &status
            )
            .rename(id)
        };
        match e.outcome {
            Outcome::Delisted => ctx.printer.say(&m("delists-taken-down").arg(
                "method",
                match e.method {
                    Some(crate::writeback::RemovalMethod::Delete) => "delete",
                    _ => "status",
                },
            )),
            Outcome::Proposed => ctx.printer.warn(ctx.printer.t(
                &m("delists-proposed").arg("command", e.command.as_deref().unwrap_or_default()),
            )),
            Outcome::AlreadyDown | Outcome::Cancelled | Outcome::Elsewhere => {
                ctx.printer.say(&msg!(
                    "delists-nothing",
                    listing = &e.target,
                    note = e.note.as_deref().unwrap_or_default()
                ))
            }
            Outcome::Conflict => {}
            Outcome::Failed => ctx.printer.warn(
                ctx.printer
                    .t(&m("delists-failed").arg("error", e.error.as_deref().unwrap_or("failed"))),
            ),
        }
    }
    for c in d.conflicts.iter().filter(|c| c.new) {
        ctx.printer.warn(ctx.printer.t(&msg!(
            "delists-conflict",
            listings = c.listings.join(" and ")
        )));
    }
    let old = d.conflicts.iter().filter(|c| !c.new).count();
    if old > 0 {
        ctx.printer
            .say(&msg!("delists-earlier-conflicts", count = old));
    }
}

/// The code the delists alone ask for: an account to reconnect (4), a delist
/// left for the next sync (3, like a partial run), else 0.
pub fn code_of(d: &Report) -> u8 {
    if d.error.is_some() {
        exit::ERROR
    } else if d.needs_reconnect() {
        exit::NEEDS_RECONNECT
    } else if d.failed() > 0 {
        exit::PARTIAL
    } else {
        exit::OK
    }
}

/// Two codes joined as docs/sync.md orders them: 4, then 1, then 3, then 5.
pub fn combine(a: u8, b: u8) -> u8 {
    [
        exit::NEEDS_RECONNECT,
        exit::ERROR,
        exit::PARTIAL,
        exit::ALREADY_RUNNING,
    ]
    .into_iter()
    .find(|c| *c == a || *c == b)
    .unwrap_or(a.max(b))
}
