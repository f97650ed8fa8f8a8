//! `treevu recommend`: the price to ask for synced listings, with its range, confidence and why.

use clap::Args;
use serde_json::{Value, json};

use super::estimate::{no_pool, pricing_settings, property_json, vehicle_json};
use super::ids::read_listing_refs;
use super::{listing, listing_refs};

mod explain;
use super::progress::FitProgress;
use crate::context::Context;
use crate::domain::Money;
use crate::market::convert;
use crate::market::models;
use crate::output::Column;
use crate::pricing::readiness::{ReadinessBand, readiness};
use crate::store::Store;
use crate::store::listings::StoredListing;
use crate::writeback::{self, ListingChange};

#[derive(Debug, Args)]
pub struct RecommendArgs {
    /// Listing ids from 'treevu listings' (e.g. olx:123); '-' reads them from stdin
    #[arg(required = true, value_name = "LISTING")]
    pub listings: Vec<String>,
    /// Send the recommended price to the marketplace (shows old → new and asks first)
    #[arg(long)]
    pub apply: bool,
    /// With --apply: do not ask for confirmation
    #[arg(long, short, requires = "apply")]
    pub yes: bool,
    /// With --apply: show the request that would be sent and send nothing
    #[arg(long, requires = "apply")]
    pub dry_run: bool,
    /// With --apply: send a price that changes more than apply.max_change (20%) or whose confidence is below apply.min_confidence (40%)
    #[arg(long, requires = "apply")]
    pub force: bool,
    /// Ask the configured LLM (TREEVU_LLM_URL, TREEVU_LLM_MODEL) to explain each price in Spanish; treevu's numbers stand
    #[arg(long)]
    pub explain: bool,
}

/// How far engagement moves the recommendation inside the market range.
const ENGAGEMENT_NUDGE: f64 = 0.03;

/// A recommendation for one synced listing: the market estimate, nudged by how buyers respond.
pub fn recommend_one(
    l: &StoredListing,
    estimate: &Value,
    now: chrono::DateTime<chrono::Utc>,
) -> Value {
    let mut v = estimate.clone();
    let (rec, min, max) = (
        v["recommendedPrice"].as_f64().unwrap_or(0.0),
        v["minPrice"].as_f64().unwrap_or(0.0),
        v["maxPrice"].as_f64().unwrap_or(0.0),
    );
    let e = convert::engagement(l, now);
    let r = readiness(&e);
    // Strong buyer interest supports asking a little more; a listing that has been up
    // a month with little interest should move toward the market. Never past the range.
    let (factor, why) = match r.band {
        ReadinessBand::Hot => (
            1.0 + ENGAGEMENT_NUDGE,
            "buyers are responding strongly (readiness hot), so the price sits 3% above the market estimate",
        ),
        ReadinessBand::Cold if e.days_active > 30.0 => (
            1.0 - ENGAGEMENT_NUDGE,
            "after a month with little buyer response (readiness cold), the price sits 3% below the market estimate",
        ),
        _ => (
            1.0,
            "buyer response is ordinary, so the price is the market estimate",
        ),
    };
    let adjusted = (rec * factor).clamp(min.min(rec), max.max(rec)).round();
    let current = l.record.price.major_f64();
    let diff = if adjusted > 0.0 {
        (current - adjusted) / adjusted * 100.0
    } else {
        0.0
    };
    let base = v["rationale"].as_str().unwrap_or_default().to_string();
    v["id"] = json!(convert::listing_id(l));
    v["title"] = json!(l.record.title);
    v["currentPrice"] = json!(current);
    v["recommendedPrice"] = json!(adjusted);
    v["marketEstimate"] = json!(rec);
    v["priceDifferencePercent"] = json!((diff * 10.0).round() / 10.0);
    v["readiness"] = json!({"score": r.score, "band": r.band});
    v["rationaleSource"] = json!("treevu");
    v["rationale"] = json!(
        format!(
            "{base} The current asking price is {:+.1}% against it. {}. ",
            diff,
            capitalize(why)
        )
        .trim()
        .to_string()
    );
    v
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Recommendations for `listings`, fitting each kind's model once.
pub fn recommendations(
    ctx: &Context,
    store: &Store,
    listings: &[StoredListing],
) -> anyhow::Result<Vec<Value>> {
    let settings = pricing_settings(ctx);
    for l in listings {
        listing_refs::require_kind(l, &["property", "vehicle"], "treevu prices homes and cars")?;
    }
    let now = chrono::Utc::now();
    let mut out = vec![Value::Null; listings.len()];
    let props: Vec<usize> = (0..listings.len())
        .filter(|&i| listings[i].record.kind == "property")
        .collect();
    let cars: Vec<usize> = (0..listings.len())
        .filter(|&i| listings[i].record.kind == "vehicle")
        .collect();
    if !props.is_empty() {
        let items = props
            .iter()
            .map(|&i| convert::priced_property(store.conn(), &listings[i]))
            .collect::<Result<Vec<_>, _>>()?;
        let model =
            models::property_model_with(store, &settings, &items, &FitProgress::new(&ctx.printer))?
                .ok_or_else(|| no_pool("property"))?;
        for (k, e) in model.estimate_many(&items).iter().enumerate() {
            out[props[k]] = recommend_one(&listings[props[k]], &property_json(e, false), now);
        }
    }
    if !cars.is_empty() {
        let items = cars
            .iter()
            .map(|&i| convert::priced_vehicle(store.conn(), &listings[i]))
            .collect::<Result<Vec<_>, _>>()?;
        let model =
            models::vehicle_model_with(store, &settings, &items, &FitProgress::new(&ctx.printer))?
                .ok_or_else(|| no_pool("vehicle"))?;
        for (k, e) in model.estimate_many(&items).iter().enumerate() {
            out[cars[k]] = recommend_one(&listings[cars[k]], &vehicle_json(e, false), now);
        }
    }
    Ok(out)
}

pub const COLUMNS: &[Column] = &[
    Column::text("id", "Listing"),
    Column::money("currentPrice", "Asking", "currency"),
    Column::money("recommendedPrice", "Recommended", "currency"),
    Column::money("minPrice", "Min", "currency"),
    Column::money("maxPrice", "Max", "currency"),
    Column::percent("confidence", "Confidence"),
    Column::text("rationale", "Why"),
];

pub fn run(args: RecommendArgs, ctx: &Context) -> anyhow::Result<u8> {
    // Configuration problems stop the command before any work, not after it.
    let llm = if args.explain {
        Some(explain::Llm::setup(ctx)?)
    } else {
        None
    };
    let refs = read_listing_refs(&args.listings)?;
    let store = ctx.open_store()?;
    let listings = listing_refs::load(&store, &refs)?;
    let mut recs = recommendations(ctx, &store, &listings)?;
    if let Some(llm) = &llm {
        llm.explain_all(ctx, &listings, &mut recs);
    }
    if !args.apply {
        ctx.printer.records(COLUMNS, &recs)?;
        return Ok(crate::exit::OK);
    }
    let mut store = store;
    let guard = writeback::ApplyGuard {
        max_change: ctx.settings.apply.max_change,
        min_confidence: ctx.settings.apply.min_confidence,
    };
    let mut rows = Vec::new();
    let mut refused = 0;
    for ((r, l), rec) in refs.iter().zip(&listings).zip(&recs) {
        let Some(amount) = rec["recommendedPrice"].as_f64() else {
            continue;
        };
        let current = l.record.price;
        let new_price = Money::from_major_f64(amount, current.currency)?;
        let row = |status: &str, reason: Option<String>| {
            json!({
                "id": r.to_string(),
                "status": status,
                "oldPrice": current.major_f64(),
                "newPrice": new_price.major_f64(),
                "currency": new_price.currency,
                "reason": reason,
                "recommendation": rec,
            })
        };
        if new_price == current {
            ctx.printer.status(format!(
                "{r}: already at the recommended price {}",
                new_price.display()
            ));
            rows.push(row("unchanged", None));
            continue;
        }
        let confidence = rec["confidence"].as_f64().unwrap_or(0.0);
        if let Err(why) = guard.check(current, new_price, confidence, args.force) {
            ctx.printer.warn(format!("{r}: {why}"));
            rows.push(row("refused", Some(why.to_string())));
            refused += 1;
            continue;
        }
        let change = ListingChange {
            price: Some(new_price),
            ..Default::default()
        };
        // Validated before anything is shown, asked or sent.
        let plan = writeback::plan_update(l, &change)?;
        ctx.printer.status(format!(
            "{r} ({}): price {} → {}",
            l.record.title,
            current.display(),
            new_price.display()
        ));
        if args.dry_run {
            listing::print_planned(ctx, &plan)?;
            continue;
        }
        if !listing::confirm(
            &format!("Send the new price to {}?", r.marketplace.display_name()),
            args.yes,
        )? {
            ctx.printer.status("cancelled; nothing was sent");
            return Ok(crate::exit::ERROR);
        }
        let client = listing::client(ctx, r.marketplace)?;
        let outcome = ctx.block_on(writeback::apply_price_guarded(
            &client,
            &mut store,
            &ctx.settings.data_dir,
            r,
            current,
            new_price,
        ));
        match outcome {
            Ok(writeback::ApplyOutcome::Applied(done)) => {
                ctx.printer.status(format!(
                    "{r}: {} accepted {}",
                    r.marketplace.display_name(),
                    done.new_price.display()
                ));
                let mut v = row("applied", None);
                v["newPrice"] = json!(done.new_price.major_f64());
                v["response"] = done.response;
                rows.push(v);
            }
            Ok(writeback::ApplyOutcome::AlreadyThere(price)) => {
                ctx.printer.status(format!(
                    "{r}: already at {} (sent a moment ago); nothing was sent",
                    price.display()
                ));
                rows.push(row("unchanged", None));
            }
            Err(writeback::WritebackError::Refused { refusal, .. }) => {
                ctx.printer.warn(format!("{r}: {refusal}"));
                rows.push(row("refused", Some(refusal.to_string())));
                refused += 1;
            }
            Err(e) => return Err(e.into()),
        }
    }
    if !args.dry_run {
        ctx.printer.records(
            &[
                Column::text("id", "Listing"),
                Column::text("status", "Status"),
                Column::money("oldPrice", "Old price", "currency"),
                Column::money("newPrice", "New price", "currency"),
            ],
            &rows,
        )?;
    }
    if refused > 0 {
        return Ok(crate::exit::ERROR);
    }
    Ok(crate::exit::OK)
}
