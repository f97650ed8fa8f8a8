//! `treevu report`: the portfolio at a glance, ranked by what needs doing; a
//! table with small bar charts on the terminal, `--html FILE` for a
//! self-contained page with charts, `--json` for the data.

use std::collections::HashMap;
use std::path::PathBuf;

use clap::Args;
use serde_json::{Value, json};

use super::recommend;
use crate::context::Context;
use crate::domain::{Currency, Marketplace};
use crate::i18n::Msg;
use crate::msg;
use crate::output::Column;
use crate::pricing::inputs;
use crate::report::{self, Suggestion, html};
use crate::store::listings::{ListingFilter, StoredListing};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Also write the report as one self-contained HTML file with charts
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Rows of the ranking shown on the terminal (JSON and HTML hold more)
    #[arg(long, value_name = "N", default_value_t = 15)]
    pub limit: usize,
}

pub fn run(args: ReportArgs, ctx: &Context) -> anyhow::Result<u8> {
    let store = ctx.open_store()?;
    let listings: Vec<StoredListing> =
        crate::store::listings::list(store.conn(), &ListingFilter::default())?
            .into_iter()
            .filter(|l| !inputs::has_ended(l))
            .collect();
    if listings.is_empty() && !ctx.printer.is_json() {
        ctx.printer.say(&Msg::new("status-no-listings-connect"));
    }
    let suggestions = suggestions(ctx, &store, &listings)?;
    let intervals: report::Intervals = Marketplace::ALL
        .into_iter()
        .map(|m| (m, ctx.settings.sync_interval_hours(m)))
        .collect();
    let r = report::build(
        &store,
        &listings,
        &suggestions,
        &intervals,
        chrono::Utc::now(),
    )?;
    if let Some(path) = &args.html {
        std::fs::write(path, html::render(&r, &ctx.printer.loc)).map_err(|e| {
            crate::i18n::Localized::error(msg!(
                "report-cannot-write",
                path = path.display().to_string(),
                cause = e.to_string()
            ))
        })?;
        ctx.printer.say(&msg!(
            "report-html-written",
            path = path.display().to_string()
        ));
    }
    if ctx.printer.is_json() {
        ctx.printer.json(&r)?;
        return Ok(crate::exit::OK);
    }
    print(ctx, &r, args.limit)?;
    Ok(crate::exit::OK)
}

/// The recommendation of every home and car (the logic of `treevu recommend`),
/// with the prices of the comparables behind it. A kind without comparables is
/// skipped with a warning.
fn suggestions(
    ctx: &Context,
    store: &crate::store::Store,
    listings: &[StoredListing],
) -> anyhow::Result<HashMap<String, Suggestion>> {
    let mut out = HashMap::new();
    for kind in ["property", "vehicle"] {
        let subset: Vec<StoredListing> = listings
            .iter()
            .filter(|l| l.record.kind == kind)
            .cloned()
            .collect();
        if subset.is_empty() {
            continue;
        }
        let recs = match recommend::recommendations(ctx, store, &subset) {
            Ok(r) => r,
            Err(e) => {
                ctx.printer.warn(ctx.printer.t(&msg!(
                    "report-no-suggestions",
                    kind = kind,
                    error = ctx.printer.error_text(&e)
                )));
                continue;
            }
        };
        for (l, r) in subset.iter().zip(recs) {
            let comparable_prices = match r.comparable_prices() {
                Some(prices) => prices,
                None => {
                    let mut prices =
                        pool_prices(ctx, store, &r.comparable_ids(), l.record.price.currency)?;
                    if prices.is_empty() {
                        prices = same_model_prices(ctx, store, l)?;
                    }
                    prices
                }
            };
            out.insert(
                inputs::listing_id(l),
                Suggestion {
                    // Where the asking price sits against its market: the whole
                    // estimate, not the one step `recommend` proposes.
                    price: r.market_estimate,
                    min: r.min_price,
                    max: r.max_price,
                    confidence: r.confidence,
                    comparable_prices,
                },
            );
        }
    }
    Ok(out)
}

/// Prices of pool cars of the same brand and model within two model years, in the
/// listing's currency: what the chart shows when the model names no comparables.
fn same_model_prices(
    ctx: &Context,
    store: &crate::store::Store,
    l: &StoredListing,
) -> anyhow::Result<Vec<f64>> {
    let (Some(brand), Some(model), Some(year)) = (&l.record.brand, &l.record.model, l.record.year)
    else {
        return Ok(Vec::new());
    };
    let ids = crate::store::market::same_model_vehicle_ids(
        store.conn(),
        brand,
        model,
        i64::from(year),
        2,
        80,
    )?;
    pool_prices(ctx, store, &ids, l.record.price.currency)
}

/// Prices of market-pool rows, in `currency`.
fn pool_prices(
    ctx: &Context,
    store: &crate::store::Store,
    ids: &[String],
    currency: Currency,
) -> anyhow::Result<Vec<f64>> {
    let rate = ctx.settings.pricing.pen_per_usd;
    let mut out = Vec::new();
    for id in ids {
        if let Some((amount, cur)) = crate::store::market::pool_price(store.conn(), id)? {
            out.push(match (cur, currency) {
                (Some(Currency::USD), Currency::PEN) => amount * rate,
                (Some(Currency::PEN), Currency::USD) => amount / rate,
                _ => amount,
            });
        }
    }
    Ok(out)
}

fn print(ctx: &Context, r: &report::Report, limit: usize) -> anyhow::Result<()> {
    let p = &ctx.printer;
    // CSV/TSV are machine formats: their values stay as they are in every language.
    let table = p.format == crate::output::Format::Table;
    let rows: Vec<Value> = r
        .items
        .iter()
        .take(limit)
        .enumerate()
        .map(|(i, it)| {
            let position = match (&it.suggestion, it.price_difference_percent) {
                (Some(s), Some(d)) => format!("{} {d:+.0}%", report::position_bar(it.price, s, 8)),
                _ => String::new(),
            };
            let views: Vec<f64> = it.engagement.iter().map(|p| p.views as f64).collect();
            let trend = match it.views_trend_percent {
                Some(t) => format!(" {t:+.0}%"),
                None => String::new(),
            };
            json!({
                "rank": i + 1,
                "action": if table {
                    p.loc
                        .lookup(&format!("action-{}", it.action.label().replace(' ', "-")))
                        .unwrap_or_else(|| it.action.label().to_string())
                } else {
                    it.action.label().to_string()
                },
                "id": it.id,
                "price": it.price,
                "suggested": it.suggestion.as_ref().map(|s| s.price),
                "currency": it.currency,
                "position": position,
                "views": format!("{}{trend}", report::sparkline(&views)),
                "readiness": if table {
                    format!(
                        "{} {}",
                        it.readiness_score,
                        p.loc
                            .lookup(&format!("band-{}", it.readiness_band))
                            .unwrap_or_else(|| it.readiness_band.to_string())
                    )
                } else {
                    format!("{} {}", it.readiness_score, it.readiness_band)
                },
                // The table says it short; the full reason is in --json and --html.
                "reason": if table { short_reason(p, it) } else { it.reason.clone() },
            })
        })
        .collect();
    ctx.printer.para(p.t(&msg!(
        "report-intro",
        count = r.items.len(),
        urgent = r.needing_action()
    )))?;
    ctx.printer.records(
        &[
            Column::number("rank", "#"),
            Column::text("action", "Action"),
            Column::text("id", "Listing"),
            Column::money("price", "Asking", "currency"),
            Column::money("suggested", "Suggested", "currency"),
            Column::text("position", "Price in range"),
            Column::text("views", "Views"),
            Column::text("readiness", "Readiness"),
            Column::text("reason", "Why"),
        ],
        &rows,
    )?;
    if r.items.len() > limit {
        ctx.printer
            .say(&msg!("report-more", count = r.items.len() - limit));
    }
    if !r.new_leads.is_empty() || !r.conversations.is_empty() {
        ctx.printer.line("")?;
        ctx.printer.para(p.t(&msg!(
            "report-buyers",
            leads = r.new_leads.len(),
            chats = r.conversations.len()
        )))?;
        let rows: Vec<Value> = r
            .new_leads
            .iter()
            .take(limit)
            .map(|l| {
                json!({"what": if table { p.loc.get("report-what-lead") } else { "lead".into() }, "listing": format!("{}:{}", l.marketplace, l.listing), "who": l.name, "when": l.created_at, "text": l.message})
            })
            .chain(r.conversations.iter().take(limit).map(|c| {
                json!({"what": if table { p.t(&msg!("report-what-chat", unread = c.unread)) } else { format!("chat ({} unread)", c.unread) }, "listing": format!("{}:{}", c.marketplace, c.listing), "who": c.buyer_name, "when": c.last_message_at, "text": c.last_message})
            }))
            .collect();
        ctx.printer.records(
            &[
                Column::text("what", "What"),
                Column::text("listing", "Listing"),
                Column::text("who", "Who"),
                Column::text("when", "When"),
                Column::text("text", "Message"),
            ],
            &rows,
        )?;
    }
    if !r.twins.is_empty() {
        ctx.printer.line("")?;
        ctx.printer.para(p.loc.get("report-twins"))?;
        ctx.printer.records(
            super::twins::STATS_COLUMNS,
            &super::twins::stats_table(&r.twins),
        )?;
    }
    ctx.printer
        .line(format!("\n{}", p.loc.get("report-sync-health")))?;
    let rows: Vec<Value> = r
        .sync
        .iter()
        .map(|s| {
            json!({
                "marketplace": s.marketplace,
                "lastRun": s.last_run,
                "outcome": s.outcome,
                "fetched": s.fetched,
                "health": if s.healthy { "✔ ok".to_string() } else { format!("✘ {}", p.t(&report::html::health_msg(&s.note))) },
            })
        })
        .collect();
    ctx.printer.records(
        &[
            Column::text("marketplace", "Marketplace"),
            Column::when("lastRun", "Last run"),
            Column::term("outcome", "Outcome", "outcome"),
            Column::number("fetched", "Fetched"),
            Column::text("health", "Health"),
        ],
        &rows,
    )?;
    Ok(())
}

/// The reason of a report row in a few words, in the run's language.
fn short_reason(p: &crate::output::Printer, it: &report::ReportItem) -> String {
    p.t(&report::html::reason_msg(it))
}
