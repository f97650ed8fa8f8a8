//! `treevu listing remove`: take a listing down, with confirmation.

use clap::Args;
use serde_json::json;

use crate::context::Context;
use crate::exit;
use crate::i18n::Msg;
use crate::msg;
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
    ctx.printer.say(&msg!(
        "listing-remove-plan",
        listing = r.to_string(),
        title = &current.record.title
    ));
    let how = match method {
        RemovalMethod::Delete => "listing-remove-delete",
        RemovalMethod::PutStatusRemoved => "listing-remove-put",
    };
    ctx.printer
        .say(&msg!("listing-remove-delete", name = name, path = &plan.path).rename(how));
    if args.dry_run {
        super::print_planned(ctx, &plan)?;
        return Ok(exit::OK);
    }
    let question = ctx.printer.t(&msg!(
        "listing-remove-ask",
        listing = r.to_string(),
        name = name
    ));
    if !super::confirm(ctx, &question, args.yes)? {
        ctx.printer.say(&Msg::new("cancelled-nothing-sent"));
        return Ok(exit::ERROR);
    }
    let client = super::client(ctx, r.marketplace)?;
    let (method, stored) = ctx.block_on(writeback::remove_listing(&client, &mut store, &r))?;
    ctx.printer.say(&msg!(
        "listing-removed",
        listing = r.to_string(),
        name = name
    ));
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
        ctx.printer.say(&msg!(
            "listing-remove-twins-stay",
            count = twins.len(),
            twins = twins.join(", ")
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
