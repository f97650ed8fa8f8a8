//! `treevu leads`: people who asked about the merchant's Inmuebles24 properties.
//! Sync stores them; with listing ids, fresh ones are fetched first.

use clap::Args;
use serde_json::{Value, json};

use crate::context::Context;
use crate::domain::{ListingRef, Marketplace};
use crate::exit;
use crate::i18n::{Localized, Msg};
use crate::marketplaces::MarketplaceClient;
use crate::msg;
use crate::output::Column;
use crate::store::market::StoredLead;
use crate::writeback;

#[derive(Debug, Args)]
pub struct LeadsArgs {
    /// Only leads of these Inmuebles24 listings (inmuebles24:<id>); '-' reads ids from stdin
    pub listings: Vec<String>,
    /// Show only what is stored; do not fetch fresh leads for the listings given
    #[arg(long)]
    pub offline: bool,
}

pub const COLUMNS: &[Column] = &[
    Column::text("listing", "Listing"),
    Column::text("name", "Name"),
    Column::text("phone", "Phone"),
    Column::text("email", "Email"),
    Column::when("createdAt", "When"),
    Column::text("message", "Message"),
];

/// Most lead pages fetched per listing (100 each); a merchant's property rarely has more.
const MAX_PAGES: u32 = 5;

pub fn run(args: LeadsArgs, ctx: &Context) -> anyhow::Result<u8> {
    let refs = super::ids::read_listing_refs(&args.listings)?;
    let store = ctx.open_reading_store()?;
    for r in &refs {
        if r.marketplace != Marketplace::Inmuebles24 {
            return Err(Localized::usage(msg!(
                "leads-inmuebles24-only",
                listing = r.to_string(),
                name = r.marketplace.display_name()
            )));
        }
        writeback::stored_listing(&store, r)?;
    }
    if !refs.is_empty() && !args.offline {
        // Fresh leads are a bonus: without them the stored ones still answer.
        if let Err(e) = fetch(ctx, &store, &refs) {
            ctx.printer.warn(ctx.printer.t(&msg!(
                "leads-fetch-failed",
                error = ctx.printer.error_text(&e)
            )));
        }
    }
    let ids: Vec<String> = refs.into_iter().map(|r| r.remote_id).collect();
    let leads = store.leads(Marketplace::Inmuebles24.as_str(), &ids)?;
    if leads.is_empty() && !ctx.printer.is_json() {
        ctx.printer.say(&Msg::new("leads-none"));
    }
    let records: Vec<Value> = leads.iter().map(lead_json).collect();
    ctx.printer.records(COLUMNS, &records)?;
    Ok(exit::OK)
}

fn fetch(ctx: &Context, store: &crate::store::Store, refs: &[ListingRef]) -> anyhow::Result<()> {
    let m = Marketplace::Inmuebles24;
    let logger = super::progress::request_logger(&ctx.printer);
    let client = MarketplaceClient::build(m, &ctx.endpoint(m)?, ctx.token_source(m)?, logger)?;
    let Some(c) = client.as_inmuebles24() else {
        return Ok(());
    };
    let now = crate::domain::time::timestamp(crate::domain::time::now());
    let mut fetched = 0;
    for r in refs {
        for page in 1..=MAX_PAGES {
            let p = ctx.block_on(c.list_leads(&r.remote_id, page, 100))?;
            let leads: Vec<_> = p.items.into_iter().filter_map(Result::ok).collect();
            fetched += store.upsert_leads(&leads, &now)?;
            if u64::from(page) * u64::from(p.limit) >= p.total {
                break;
            }
        }
    }
    ctx.printer
        .detail(ctx.printer.t(&msg!("leads-fetched", count = fetched)));
    Ok(())
}

/// The documented JSON shape of a lead (docs/cli.md).
pub fn lead_json(l: &StoredLead) -> Value {
    json!({
        "id": l.remote_id,
        "marketplace": l.marketplace,
        "listing": format!("{}:{}", l.marketplace, l.listing_remote_id),
        "listingTitle": l.listing_title,
        "name": l.name,
        "email": l.email,
        "phone": l.phone,
        "message": l.message,
        "createdAt": l.created_at,
        "fetchedAt": l.fetched_at,
    })
}
