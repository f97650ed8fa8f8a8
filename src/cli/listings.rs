//! `treevu listings`: what the local store holds.

use clap::Args;
use serde_json::{Value, json};

use crate::context::Context;
use crate::domain::Marketplace;
use crate::output::Column;
use crate::store::listings::{ListingFilter, StoredListing};

#[derive(Debug, Args)]
pub struct ListingsArgs {
    /// Only this marketplace
    #[arg(long, short)]
    pub marketplace: Option<Marketplace>,
    /// Only listings with this status (active, sold, rented, removed)
    #[arg(long, short)]
    pub status: Option<String>,
    /// Include listings no longer found at the marketplace
    #[arg(long)]
    pub all: bool,
}

/// Columns of the listings table; JSON carries every field.
pub const COLUMNS: &[Column] = &[
    Column::text("id", "Listing"),
    Column::text("title", "Title"),
    Column::money("price", "Price", "currency"),
    Column::term("status", "Status", "status"),
    Column::text("district", "District"),
    Column::number("views", "Views"),
    Column::number("contacts", "Contacts"),
    Column::number("favorites", "Favs"),
];

pub fn run(args: ListingsArgs, ctx: &Context) -> anyhow::Result<u8> {
    let store = ctx.open_reading_store()?;
    let filter = ListingFilter {
        marketplace: args.marketplace,
        status: args.status,
        include_removed: args.all,
    };
    let rows = store.listings(&filter)?;
    if rows.is_empty() && !ctx.printer.is_json() {
        ctx.printer
            .say(&crate::i18n::Msg::new("status-no-listings-connect"));
    }
    ctx.printer
        .records_streamed(COLUMNS, rows.iter().map(listing_json))?;
    Ok(crate::exit::OK)
}

/// The documented JSON shape of a stored listing (docs/cli.md).
pub fn listing_json(l: &StoredListing) -> Value {
    let r = &l.record;
    json!({
        "id": format!("{}:{}", r.marketplace, r.remote_id),
        "marketplace": r.marketplace,
        "remoteId": r.remote_id,
        "kind": r.kind,
        "title": r.title,
        "price": r.price.major_f64(),
        "currency": r.price.currency,
        "status": r.status,
        "category": r.category,
        "city": r.city,
        "district": r.district,
        "operation": r.operation,
        "propertyType": r.property_type,
        "area": r.area_m2,
        "bedrooms": r.bedrooms,
        "bathrooms": r.bathrooms,
        "brand": r.brand,
        "model": r.model,
        "year": r.year,
        "mileage": r.mileage_km,
        "views": r.views,
        "contacts": r.contacts,
        "favorites": r.favorites,
        "createdAt": r.remote_created_at,
        "updatedAt": r.remote_updated_at,
        "firstSeenAt": l.first_seen_at,
        "lastSeenAt": l.last_seen_at,
        "removedAt": l.removed_at,
    })
}
