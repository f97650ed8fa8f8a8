//! `treevu crosslist`: publish the same item on other marketplaces, fields
//! mapped per marketplace (`crate::twins::crosslist`), checked before anything
//! is sent, shown and confirmed, then created once and linked as twins.

use std::collections::HashMap;
use std::sync::Arc;

use clap::Args;
use serde_json::{Value, json};

use super::ids::read_listing_refs;
use crate::context::Context;
use crate::domain::Marketplace;
use crate::exit;
use crate::i18n::Msg;
use crate::marketplaces::MarketplaceClient;
use crate::msg;
use crate::output::Column;
use crate::sync::SyncOptions;
use crate::sync::gate::Gate;
use crate::twins::crosslist::{self, CrossPlan, SendError, Sets, Skip};
use crate::twins::{self, Remote};

#[derive(Debug, Args)]
pub struct CrosslistArgs {
    /// Listings to publish elsewhere, as <marketplace>:<id>; '-' reads them from stdin
    #[arg(required = true, value_name = "LISTING")]
    pub listings: Vec<String>,
    /// Where to publish them (homes: inmuebles24, olx; cars: autofact, olx); repeat for several
    #[arg(
        long,
        required = true,
        value_name = "MARKETPLACE",
        value_delimiter = ','
    )]
    pub to: Vec<Marketplace>,
    /// A field the target needs and the source lacks, or a value to use instead (e.g. address="Av. Larco 1150")
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Print the requests that would be sent and send nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Do not ask for confirmation
    #[arg(long, short)]
    pub yes: bool,
}

const COLUMNS: &[Column] = &[
    Column::text("source", "Listing"),
    Column::text("target", "To"),
    Column::text("outcome", "Outcome"),
    Column::text("id", "New listing"),
    Column::text("message", "Why"),
];

fn row(
    source: &str,
    target: Marketplace,
    outcome: &str,
    id: Option<String>,
    message: Option<String>,
) -> Value {
    json!({"source": source, "target": target, "outcome": outcome, "id": id, "message": message})
}

pub fn run(args: CrosslistArgs, ctx: &Context) -> anyhow::Result<u8> {
    let refs = read_listing_refs(&args.listings)?;
    let sets = Sets::parse(&args.set)?;
    let mut store = ctx.open_store()?;
    // Every id is checked before anything else: an unknown one is named.
    let mut sources = Vec::new();
    for r in &refs {
        sources.push(twins::stored(&store, r)?);
    }
    let unused = sets.unused(&args.to);
    if !unused.is_empty() {
        ctx.printer.warn(ctx.printer.t(&msg!(
            "crosslist-set-ignored",
            fields = unused.join(", "),
            targets = args
                .to
                .iter()
                .map(|m| m.display_name())
                .collect::<Vec<_>>()
                .join(" / ")
        )));
    }
    let mut rows = Vec::new();
    let mut plans: Vec<CrossPlan> = Vec::new();
    let mut problems = Vec::new();
    for src in &sources {
        let name = twins::listing_ref(src).to_string();
        let kinds = crosslist::marketplaces_for(&src.record.kind);
        let mut targets: Vec<Marketplace> = args
            .to
            .iter()
            .copied()
            .filter(|m| *m != src.record.marketplace && kinds.contains(m))
            .collect();
        targets.dedup();
        if targets.is_empty() {
            // Planned against the first target to get the message that says why.
            if let Err(e) = crosslist::plan(src, args.to[0], &sets) {
                problems.push(crate::i18n::errors::words(&ctx.printer.loc, &e));
            }
            continue;
        }
        for t in targets {
            match crosslist::already(&store, src, t)? {
                Some(Skip::AlreadyThere(twin)) => {
                    rows.push(row(
                        &name,
                        t,
                        "skipped",
                        Some(twin.to_string()),
                        Some(format!("already on {} as {twin}", t.display_name())),
                    ));
                    continue;
                }
                Some(Skip::InFlight(at)) => {
                    problems.push(ctx.printer.t(&msg!(
                        "crosslist-in-flight",
                        listing = &name,
                        name = t.display_name(),
                        at = at.to_string(),
                        marketplace = t.as_str()
                    )));
                    continue;
                }
                None => {}
            }
            match crosslist::plan(src, t, &sets) {
                Ok(p) => plans.push(p),
                Err(e) => problems.push(crate::i18n::errors::words(&ctx.printer.loc, &e)),
            }
        }
    }
    if !problems.is_empty() {
        for p in &problems {
            ctx.printer.warn(p);
        }
        return Err(crate::i18n::Localized::error(msg!(
            "crosslist-nothing-sent",
            count = problems.len()
        )));
    }
    for p in &plans {
        let b = p.request.body.clone().unwrap_or_default();
        ctx.printer.say(&msg!(
            "crosslist-plan",
            listing = twins::listing_ref(&p.source).to_string(),
            name = p.target.display_name(),
            title = &p.source.record.title,
            price = p.source.record.price
        ));
        ctx.printer.detail(format!("  POST {} {b}", p.request.path));
    }
    if args.dry_run {
        let doc: Vec<Value> = plans
            .iter()
            .map(|p| {
                json!({"source": twins::listing_ref(&p.source).to_string(), "target": p.target,
                       "method": p.request.method, "path": p.request.path, "body": p.request.body})
            })
            .collect();
        if ctx.printer.is_json() {
            ctx.printer.json(&doc)?;
        } else {
            for p in &plans {
                ctx.printer
                    .line(format!("POST {} ({})", p.request.path, p.target))?;
                ctx.printer
                    .line(serde_json::to_string_pretty(&p.request.body)?)?;
            }
        }
        ctx.printer.say(&Msg::new("dry-run-nothing-sent"));
        return Ok(exit::OK);
    }
    if plans.is_empty() {
        ctx.printer.say(&Msg::new("crosslist-nothing-to-publish"));
        ctx.printer.records(COLUMNS, &rows)?;
        return Ok(exit::OK);
    }
    let question = ctx.printer.t(&msg!("crosslist-ask", count = plans.len()));
    if !super::listing::confirm(ctx, &question, args.yes)? {
        ctx.printer.say(&Msg::new("cancelled-nothing-sent"));
        return Ok(exit::ERROR);
    }
    let remotes = remotes(ctx, &plans)?;
    let opts = SyncOptions::default();
    let mut code = exit::OK;
    let mut stopped: Option<String> = None;
    for p in &plans {
        let name = twins::listing_ref(&p.source).to_string();
        if let Some(why) = &stopped {
            rows.push(row(&name, p.target, "notSent", None, Some(why.clone())));
            continue;
        }
        let (Some(src), Some(dst)) = (
            remotes.get(&p.source.record.marketplace),
            remotes.get(&p.target),
        ) else {
            continue;
        };
        match ctx.block_on(crosslist::send(&mut store, p, src, dst, &opts)) {
            Ok(new) => {
                let id = twins::listing_ref(&new).to_string();
                ctx.printer.say(&msg!(
                    "crosslist-now-on",
                    listing = &name,
                    name = p.target.display_name(),
                    id = &id
                ));
                rows.push(row(&name, p.target, "created", Some(id), None));
            }
            Err(SendError::Refused(why)) => {
                ctx.printer.warn(ctx.printer.t(&msg!(
                    "crosslist-failed",
                    listing = &name,
                    name = p.target.display_name(),
                    why = &why
                )));
                rows.push(row(&name, p.target, "refused", None, Some(why)));
                code = exit::ERROR;
            }
            Err(SendError::Unknown(why)) => {
                let msg = format!(
                    "{why}; it may have arrived: run 'treevu sync {}' before crosslisting it again",
                    p.target
                );
                ctx.printer.warn(ctx.printer.t(&msg!(
                    "crosslist-failed",
                    listing = &name,
                    name = p.target.display_name(),
                    why = &msg
                )));
                rows.push(row(&name, p.target, "unknown", None, Some(msg)));
                code = exit::ERROR;
            }
            Err(SendError::Stopped {
                message,
                resume,
                reconnect,
            }) => {
                let why = match &resume {
                    Some(t) => format!(
                        "{message}; run the same command again after {t}: what was published is skipped"
                    ),
                    None => message,
                };
                ctx.printer
                    .warn(ctx.printer.t(&msg!("crosslist-stopped", why = &why)));
                rows.push(row(&name, p.target, "notSent", None, Some(why.clone())));
                code = if reconnect {
                    exit::NEEDS_RECONNECT
                } else if code == exit::OK {
                    exit::PARTIAL
                } else {
                    code
                };
                stopped = Some(why);
            }
            Err(SendError::Store(e)) => return Err(e.into()),
        }
    }
    ctx.printer.records(COLUMNS, &rows)?;
    Ok(code)
}

/// A client and rate gate for each marketplace the plans read from or publish to.
fn remotes(ctx: &Context, plans: &[CrossPlan]) -> anyhow::Result<HashMap<Marketplace, Remote>> {
    let logger = super::progress::request_logger(&ctx.printer);
    let mut ms: Vec<Marketplace> = plans
        .iter()
        .flat_map(|p| [p.source.record.marketplace, p.target])
        .collect();
    ms.sort();
    ms.dedup();
    let mut out = HashMap::new();
    for m in ms {
        let client =
            MarketplaceClient::build(m, &ctx.endpoint(m)?, ctx.token_source(m)?, logger.clone())?;
        let gate = Gate::open(
            &ctx.settings.db_path,
            m,
            SyncOptions::default().max_wait,
            Arc::new(crate::sync::Silent),
        )?;
        out.insert(
            m,
            Remote {
                client,
                gate: Arc::new(gate),
            },
        );
    }
    Ok(out)
}
