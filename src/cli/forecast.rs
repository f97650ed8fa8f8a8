//! `treevu forecast`: expected contacts in the next 7 and 30 days, and time to sale,
//! from a survival model fitted on the store's sync history.

use clap::Args;
use serde_json::{Value, json};

use super::estimate::pricing_settings;
use super::ids::read_listing_refs;
use super::listing_refs;
use super::progress::FitProgress;
use crate::context::Context;
use crate::i18n::{Arg, reasons};
use crate::msg;
use crate::output::card::Card;
use crate::output::{Column, Printer};
use crate::pricing::forecast::{HistoryRecord, SurvivalModel};
use crate::pricing::inputs;
use crate::pricing::models;
use crate::store::listings::{ListingFilter, StoredListing};

#[derive(Debug, Args)]
pub struct ForecastArgs {
    /// Listing ids (e.g. olx:123); '-' reads them from stdin
    #[arg(required = true, value_name = "LISTING")]
    pub listings: Vec<String>,
}

/// Price position (% above the market estimate) of each listing, by kind; 0 when it cannot be priced.
fn price_positions(
    ctx: &Context,
    store: &crate::store::Store,
    all: &[StoredListing],
) -> anyhow::Result<Vec<f64>> {
    let settings = pricing_settings(ctx);
    let mut out = vec![0.0; all.len()];
    let props: Vec<usize> = (0..all.len())
        .filter(|&i| all[i].record.kind == "property")
        .collect();
    let cars: Vec<usize> = (0..all.len())
        .filter(|&i| all[i].record.kind == "vehicle")
        .collect();
    let pct = |asking: f64, market: f64| {
        if market > 0.0 {
            (asking - market) / market * 100.0
        } else {
            0.0
        }
    };
    let items = props
        .iter()
        .map(|&i| inputs::priced_property(store, &all[i]))
        .collect::<Result<Vec<_>, _>>()?;
    if !props.is_empty() {
        let m = models::property_model(store, &settings, &items, &FitProgress::new(&ctx.printer))?;
        for (k, e) in m.estimate_many(&items).iter().enumerate() {
            out[props[k]] = pct(all[props[k]].record.price.major_f64(), e.recommended_price);
        }
    }
    let items = cars
        .iter()
        .map(|&i| inputs::priced_vehicle(store, &all[i]))
        .collect::<Result<Vec<_>, _>>()?;
    if !cars.is_empty() {
        let m = models::vehicle_model(store, &settings, &items, &FitProgress::new(&ctx.printer))?;
        for (k, e) in m.estimate_many(&items).iter().enumerate() {
            out[cars[k]] = pct(all[cars[k]].record.price.major_f64(), e.estimated_value);
        }
    }
    Ok(out)
}

pub fn run(args: ForecastArgs, ctx: &Context) -> anyhow::Result<u8> {
    let refs = read_listing_refs(&args.listings)?;
    let store = ctx.open_reading_store()?;
    let wanted = listing_refs::load(&store, &refs)?;
    let now = chrono::Utc::now();
    // Every listing ever synced is history: those that sold or disappeared are
    // events, those still up are censored at their days so far.
    let all = store.listings(&ListingFilter {
        include_removed: true,
        ..Default::default()
    })?;
    let positions = price_positions(ctx, &store, &all)?;
    let history: Vec<HistoryRecord> = all
        .iter()
        .zip(&positions)
        .map(|(l, p)| {
            let days = inputs::days_active(l, now);
            HistoryRecord {
                days_observed: days,
                event: inputs::has_ended(l),
                price_position_pct: *p,
                contacts_per_day: l.record.contacts as f64 / days,
            }
        })
        .collect();
    let model = SurvivalModel::fit(&history);
    // Row of each stored listing in `all`, for its price position.
    let index: std::collections::HashMap<i64, usize> =
        all.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    let rows: Vec<Value> = wanted
        .iter()
        .map(|l| {
            let i = index.get(&l.id).copied().unwrap_or(0);
            let days = inputs::days_active(l, now);
            let rate = l.record.contacts as f64 / days;
            let sale = model.forecast(positions.get(i).copied().unwrap_or(0.0), rate);
            let demand = model.demand(l.record.contacts.min(u32::MAX as u64) as u32, days);
            json!({
                "id": inputs::listing_id(l),
                "title": l.record.title,
                "pricePositionPercent": (positions.get(i).copied().unwrap_or(0.0) * 10.0).round() / 10.0,
                "daysActive": (days * 10.0).round() / 10.0,
                "timeToSale": sale,
                "demand": demand,
                "historyListings": history.len(),
                "historyEvents": history.iter().filter(|h| h.event).count(),
                "medianDays": (sale.median_days * 10.0).round() / 10.0,
                "range80": format!("{:.0}–{:.0} days", sale.low_days, sale.high_days),
                "contacts7d": format!("{:.1} ({}–{})", demand.expected_contacts_7d, demand.range_7d.0, demand.range_7d.1),
                "contacts30d": format!("{:.1} ({}–{})", demand.expected_contacts_30d, demand.range_30d.0, demand.range_30d.1),
            })
        })
        .collect();
    if let Some(first) = rows.first()
        && first["timeToSale"]["fromPrior"] == json!(true)
        && !ctx.printer.is_json()
    {
        // The note depends on the model only, not on the listing.
        let note = model.forecast(0.0, 0.0).note_reason;
        ctx.printer.warn(match &note {
            Some(n) => reasons::text(&ctx.printer.loc, n),
            None => first["timeToSale"]["note"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        });
    }
    if ctx.printer.wants_cards(rows.len()) {
        let cards: Vec<Card> = rows.iter().map(|r| card(&ctx.printer, r)).collect();
        ctx.printer.cards(&cards)?;
        return Ok(crate::exit::OK);
    }
    ctx.printer.records(
        &[
            Column::text("id", "Listing"),
            Column::number("medianDays", "Median days to sale"),
            Column::text("range80", "80% range"),
            Column::text("contacts7d", "Contacts 7 d"),
            Column::text("contacts30d", "Contacts 30 d"),
            Column::number("pricePositionPercent", "Price vs market %"),
        ],
        &rows,
    )?;
    Ok(crate::exit::OK)
}

/// One listing's forecast as a card.
fn card(p: &Printer, r: &Value) -> Card {
    let sale = &r["timeToSale"];
    let demand = &r["demand"];
    let f = |v: &Value| v.as_f64().unwrap_or(0.0);
    let u = |v: &Value| v.as_u64().unwrap_or(0);
    Card::new(format!(
        "{} · {}",
        r["id"].as_str().unwrap_or(""),
        r["title"].as_str().unwrap_or("")
    ))
    .field(
        p.loc.get("card-median-days"),
        p.t(&msg!(
            "forecast-days",
            days = Arg::Decimal(f(&r["medianDays"]))
        )),
    )
    .field(
        p.loc.get("card-range-days"),
        p.t(&msg!(
            "forecast-days-range",
            low = f(&sale["lowDays"]).round() as i64,
            high = f(&sale["highDays"]).round() as i64
        )),
    )
    .field(
        p.loc.get("card-contacts-7d"),
        p.t(&msg!(
            "forecast-contacts",
            expected = Arg::Decimal(f(&demand["expectedContacts7d"])),
            low = u(&demand["range7d"][0]),
            high = u(&demand["range7d"][1])
        )),
    )
    .field(
        p.loc.get("card-contacts-30d"),
        p.t(&msg!(
            "forecast-contacts",
            expected = Arg::Decimal(f(&demand["expectedContacts30d"])),
            low = u(&demand["range30d"][0]),
            high = u(&demand["range30d"][1])
        )),
    )
    .field(
        p.loc.get("card-price-position"),
        p.loc
            .format(&Arg::SignedPercent(f(&r["pricePositionPercent"]))),
    )
}
