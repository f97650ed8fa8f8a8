//! `treevu readiness`: the Buyer Readiness Score of synced listings, with each component.

use clap::Args;
use serde_json::{Value, json};

use super::ids::read_listing_refs;
use super::listing_refs;
use crate::context::Context;
use crate::market::convert;
use crate::output::Column;
use crate::pricing::readiness::readiness;

#[derive(Debug, Args)]
pub struct ReadinessArgs {
    /// Listing ids (default: every listing on the market); '-' reads them from stdin
    #[arg(value_name = "LISTING")]
    pub listings: Vec<String>,
}

pub fn run(args: ReadinessArgs, ctx: &Context) -> anyhow::Result<u8> {
    let refs = read_listing_refs(&args.listings)?;
    let store = ctx.open_store()?;
    let listings = listing_refs::load_or_all(&store, &refs)?;
    let now = chrono::Utc::now();
    let mut rows: Vec<Value> = listings
        .iter()
        .map(|l| {
            let e = convert::engagement(l, now);
            let r = readiness(&e);
            let mut v = json!({
                "id": convert::listing_id(l),
                "title": l.record.title,
                "score": r.score,
                "band": r.band,
                "decay": (r.decay * 1000.0).round() / 1000.0,
                "components": r.components,
                "engagement": e,
            });
            for c in &r.components {
                v[format!("points_{}", c.name)] = json!((c.points * 10.0).round() / 10.0);
            }
            v
        })
        .collect();
    rows.sort_by(|a, b| b["score"].as_u64().cmp(&a["score"].as_u64()));
    if rows.is_empty() && !ctx.printer.is_json() {
        ctx.printer
            .status("no listings stored yet; run 'treevu sync --all'");
    }
    let columns = [
        Column::text("id", "Listing"),
        Column::number("score", "Score"),
        Column::text("band", "Band"),
        Column::number("points_views_per_day", "Views/day"),
        Column::number("points_contact_rate", "Contact rate"),
        Column::number("points_favorites_rate", "Favorites"),
        Column::number("points_days_since_last_contact", "Recency"),
        Column::number("points_days_active", "Freshness"),
        Column::text("title", "Title"),
    ];
    ctx.printer.records(&columns, &rows)?;
    Ok(crate::exit::OK)
}
