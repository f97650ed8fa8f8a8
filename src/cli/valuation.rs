//! `treevu valuation`: the spec's AutofactValuation computed locally, with each factor's contribution.

use clap::Args;
use serde_json::{Value, json};

use super::estimate::pricing_settings;
use super::ids::read_listing_refs;
use super::listing_refs;
use super::progress::FitProgress;
use crate::context::Context;
use crate::market::convert;
use crate::market::models;
use crate::output::Column;

#[derive(Debug, Args)]
pub struct ValuationArgs {
    /// Synced vehicle listings (e.g. autofact:AF-12); '-' reads them from stdin
    #[arg(required = true, value_name = "VEHICLE")]
    pub vehicles: Vec<String>,
}

pub fn run(args: ValuationArgs, ctx: &Context) -> anyhow::Result<u8> {
    let refs = read_listing_refs(&args.vehicles)?;
    let store = ctx.open_store()?;
    let listings = listing_refs::load(&store, &refs)?;
    for l in &listings {
        listing_refs::require_kind(
            l,
            &["vehicle"],
            "a valuation is for cars; for a home use 'treevu market analyze' or 'treevu recommend'",
        )?;
    }
    let items = listings
        .iter()
        .map(|l| convert::priced_vehicle(store.conn(), l))
        .collect::<Result<Vec<_>, _>>()?;
    let model = models::vehicle_model(
        &store,
        &pricing_settings(ctx),
        &items,
        &FitProgress::new(&ctx.printer),
    )?;
    let vals = model.estimate_many(&items);
    let docs: Vec<Value> = vals
        .iter()
        .zip(&listings)
        .map(|(v, l)| {
            json!({
                "vehicleId": convert::listing_id(l),
                "estimatedValue": v.estimated_value,
                "minValue": v.min_value,
                "maxValue": v.max_value,
                "confidence": (v.confidence * 1000.0).round() / 1000.0,
                "currency": v.currency,
                // Contributions in money; base + these add up exactly to estimatedValue.
                "factors": v.factors,
                "comparableCount": v.comparable_count,
                "method": v.method,
                "rationale": v.rationale,
                "notes": v.notes,
            })
        })
        .collect();
    if ctx.printer.is_json() {
        ctx.printer.records(&[], &docs)?;
        return Ok(crate::exit::OK);
    }
    for d in &docs {
        let cur = d["currency"].clone();
        let f = &d["factors"];
        let rows: Vec<Value> = [
            "base",
            "brand",
            "model",
            "year",
            "mileage",
            "condition",
            "other",
        ]
        .iter()
        .map(|k| json!({"factor": k, "amount": f[k], "currency": cur}))
        .chain([
            json!({"factor": "= estimated value", "amount": d["estimatedValue"], "currency": cur}),
            json!({"factor": "range min", "amount": d["minValue"], "currency": cur}),
            json!({"factor": "range max", "amount": d["maxValue"], "currency": cur}),
        ])
        .collect();
        ctx.printer.line(format!(
            "{}  confidence {:.0}%  ({} comparables)",
            d["vehicleId"].as_str().unwrap_or(""),
            d["confidence"].as_f64().unwrap_or(0.0) * 100.0,
            d["comparableCount"]
        ))?;
        ctx.printer.records(
            &[
                Column::text("factor", "Factor"),
                Column::money("amount", "Contribution", "currency"),
            ],
            &rows,
        )?;
        ctx.printer.line(d["rationale"].as_str().unwrap_or(""))?;
    }
    Ok(crate::exit::OK)
}
