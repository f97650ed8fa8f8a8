//! `treevu listing update`: a new price, title, description or status, with confirmation.

use clap::Args;
use serde_json::json;

use crate::context::Context;
use crate::domain::Money;
use crate::exit::{self, Coded};
use crate::marketplaces::types::ListingStatus;
use crate::writeback::{self, ListingChange};

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The listing, as <marketplace>:<id> (see 'treevu listings'); '-' reads it from stdin
    pub listing: String,
    /// New price in the listing's currency, e.g. 285000 or 285,000.50
    #[arg(long, value_name = "PRICE")]
    pub price: Option<String>,
    /// New title (5 to 255 characters)
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// New description (OLX and Inmuebles24)
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// New status
    #[arg(long, value_name = "STATUS", value_parser = ["active", "sold", "rented", "removed"])]
    pub status: Option<String>,
    /// Do not ask for confirmation
    #[arg(long, short)]
    pub yes: bool,
    /// Print the request that would be sent (method, path, body) and send nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: UpdateArgs, ctx: &Context) -> anyhow::Result<u8> {
    if args.price.is_none()
        && args.title.is_none()
        && args.description.is_none()
        && args.status.is_none()
    {
        return Err(Coded::usage(
            "say what to change: --price, --title, --description or --status",
        ));
    }
    let r = super::one_listing(&args.listing)?;
    let mut store = ctx.open_store()?;
    let current = writeback::stored_listing(&store, &r)?;
    let old = &current.record;
    let price = args
        .price
        .as_deref()
        .map(|p| Money::parse_major(p, old.price.currency))
        .transpose()
        .map_err(|e| Coded::usage(format!("--price: {e}")))?;
    let change = ListingChange {
        price,
        title: args.title.clone(),
        description: args.description.clone(),
        status: args.status.as_deref().map(parse_status),
    };
    // Validated before anything is shown, asked or sent.
    let plan = writeback::plan_update(&current, &change)?;

    ctx.printer.status(format!("{r} ({})", old.title));
    if let Some(p) = change.price {
        ctx.printer.status(format!(
            "  price:  {} → {}",
            old.price.display(),
            p.display()
        ));
    }
    if let Some(t) = &change.title {
        ctx.printer.status(format!("  title:  {} → {t}", old.title));
    }
    if change.description.is_some() {
        ctx.printer.status("  description: replaced");
    }
    if let Some(s) = change.status {
        ctx.printer
            .status(format!("  status: {} → {}", old.status, s.as_str()));
    }
    if args.dry_run {
        super::print_planned(ctx, &plan)?;
        return Ok(exit::OK);
    }
    if !super::confirm(
        &format!("Send this change to {}?", r.marketplace.display_name()),
        args.yes,
    )? {
        ctx.printer.status("cancelled; nothing was sent");
        return Ok(exit::ERROR);
    }
    let client = super::client(ctx, r.marketplace)?;
    let applied = ctx.block_on(writeback::update_listing(&client, &mut store, &r, &change))?;
    ctx.printer
        .status(format!("{r} updated at {}", r.marketplace.display_name()));
    let listing = super::super::listings::listing_json(&applied.stored);
    let doc = json!({
        "id": r.to_string(),
        "oldPrice": applied.old_price.major_f64(),
        "newPrice": applied.new_price.major_f64(),
        "currency": applied.new_price.currency,
        "listing": listing,
        "response": applied.response,
    });
    super::print_result(ctx, doc, listing)?;
    Ok(exit::OK)
}

fn parse_status(s: &str) -> ListingStatus {
    match s {
        "sold" => ListingStatus::Sold,
        "rented" => ListingStatus::Rented,
        "removed" => ListingStatus::Removed,
        _ => ListingStatus::Active,
    }
}
