//! `treevu listing remove`: take a listing down, with confirmation.

use clap::Args;
use serde_json::json;

use crate::context::Context;
use crate::exit;
use crate::writeback::{self, RemovalMethod};

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The listing, as <marketplace>:<id> (see 'treevu listings'); '-' reads it from stdin
    pub listing: String,
    /// Do not ask for confirmation
    #[arg(long, short)]
    pub yes: bool,
    /// Print the request that would be sent and send nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: RemoveArgs, ctx: &Context) -> anyhow::Result<u8> {
    let r = super::one_listing(&args.listing)?;
    let mut store = ctx.open_store()?;
    let current = writeback::stored_listing(&store, &r)?;
    let (method, plan) = writeback::plan_remove(&current)?;
    let name = r.marketplace.display_name();
    ctx.printer
        .status(format!("{r} ({}) will be taken down", current.record.title));
    ctx.printer.status(match method {
        RemovalMethod::Delete => format!("  {name}: DELETE {}", plan.path),
        RemovalMethod::PutStatusRemoved => format!(
            "  {name} has no DELETE: PUT {} with status 'removed'",
            plan.path
        ),
    });
    if args.dry_run {
        super::print_planned(ctx, &plan)?;
        return Ok(exit::OK);
    }
    if !super::confirm(&format!("Take {r} down at {name}?"), args.yes)? {
        ctx.printer.status("cancelled; nothing was sent");
        return Ok(exit::ERROR);
    }
    let client = super::client(ctx, r.marketplace)?;
    let (method, stored) = ctx.block_on(writeback::remove_listing(&client, &mut store, &r))?;
    ctx.printer.status(format!("{r} removed at {name}"));
    // Taking one copy down is a choice about this marketplace: its twins stay up.
    let twins: Vec<String> = crate::twins::stored_groups(&store)?
        .into_iter()
        .find(|g| g.members.iter().any(|m| m.id == current.id))
        .map(|g| {
            g.members
                .iter()
                .filter(|m| m.id != current.id && crate::twins::is_active(m))
                .map(|m| crate::twins::listing_ref(m).to_string())
                .collect()
        })
        .unwrap_or_default();
    if !twins.is_empty() {
        ctx.printer.status(format!(
            "its twin(s) {} stay listed; take them down too with 'treevu listing remove <id>'",
            twins.join(", ")
        ));
    }
    let listing = super::super::listings::listing_json(&stored);
    let doc = json!({
        "id": r.to_string(),
        "method": method,
        "status": stored.record.status,
        "listing": listing,
    });
    super::print_result(ctx, doc, listing)?;
    Ok(exit::OK)
}
