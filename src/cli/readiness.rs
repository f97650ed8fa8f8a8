//! `treevu readiness`: the Buyer Readiness Score of synced listings, with each component.

use clap::Args;
use serde_json::{Value, json};

use super::ids::read_listing_refs;
use super::listing_refs;
use crate::context::Context;
use crate::i18n::Msg;
use crate::msg;
use crate::output::card::Card;
use crate::output::{Column, Printer};
use crate::pricing::inputs;
use crate::pricing::readiness::readiness;

#[derive(Debug, Args)]
pub struct ReadinessArgs {
    /// Listing ids (default: every listing on the market); '-' reads them from stdin
    #[arg(value_name = "LISTING")]
    pub listings: Vec<String>,
}

pub fn run(args: ReadinessArgs, ctx: &Context) -> anyhow::Result<u8> {
    let refs = read_listing_refs(&args.listings)?;
    let store = ctx.open_reading_store()?;
    let listings = listing_refs::load_or_all(&store, &refs)?;
    let now = chrono::Utc::now();
    let mut rows: Vec<Value> = listings
        .iter()
        .map(|l| {
            let e = inputs::engagement(l, now);
            let r = readiness(&e);
            let mut v = json!({
                "id": inputs::listing_id(l),
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
        ctx.printer.say(&Msg::new("status-no-listings-sync"));
    }
    // Named listings, a few of them: a card each.
    if !refs.is_empty() && ctx.printer.wants_cards(rows.len()) {
        let cards: Vec<Card> = rows.iter().map(|r| card(&ctx.printer, r)).collect();
        ctx.printer.cards(&cards)?;
        return Ok(crate::exit::OK);
    }
    let columns = [
        Column::text("id", "Listing"),
        Column::number("score", "Score"),
        Column::term("band", "Band", "band"),
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

/// One listing's score as a card: the score and band, then each component's points.
fn card(p: &Printer, r: &Value) -> Card {
    let band = r["band"].as_str().unwrap_or("");
    let band = p
        .loc
        .lookup(&format!("band-{band}"))
        .unwrap_or_else(|| band.to_string());
    let points = |key: &str| {
        r[key]
            .as_f64()
            .map(|x| format!("{x:.1}"))
            .unwrap_or_default()
    };
    Card::new(format!(
        "{} · {}",
        r["id"].as_str().unwrap_or(""),
        r["title"].as_str().unwrap_or("")
    ))
    .field(
        p.loc.get("card-score"),
        p.t(&msg!(
            "card-buyers-value",
            band = band,
            score = r["score"].as_u64().unwrap_or(0)
        )),
    )
    .field(p.loc.get("card-views"), points("points_views_per_day"))
    .field(
        p.loc.get("card-contact-rate"),
        points("points_contact_rate"),
    )
    .field(p.loc.get("card-favorites"), points("points_favorites_rate"))
    .field(
        p.loc.get("card-recency"),
        points("points_days_since_last_contact"),
    )
    .field(p.loc.get("card-freshness"), points("points_days_active"))
}
