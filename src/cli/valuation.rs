//! `treevu valuation`: the spec's AutofactValuation computed locally, with each factor's contribution.

use clap::Args;
use serde_json::{Value, json};

use super::estimate::pricing_settings;
use super::ids::read_listing_refs;
use super::listing_refs;
use super::progress::FitProgress;
use crate::context::Context;
use crate::i18n::{Arg, reasons};
use crate::msg;
use crate::output::card::{Card, Range};
use crate::output::{Column, money_text};
use crate::pricing::inputs;
use crate::pricing::models;

#[derive(Debug, Args)]
pub struct ValuationArgs {
    /// Synced vehicle listings (e.g. autofact:AF-12); '-' reads them from stdin
    #[arg(required = true, value_name = "VEHICLE")]
    pub vehicles: Vec<String>,
}

pub fn run(args: ValuationArgs, ctx: &Context) -> anyhow::Result<u8> {
    let refs = read_listing_refs(&args.vehicles)?;
    let store = ctx.open_reading_store()?;
    let listings = listing_refs::load(&store, &refs)?;
    for l in &listings {
        listing_refs::require_kind(l, &["vehicle"], "error-wrong-kind-valuation")?;
    }
    let items = listings
        .iter()
        .map(|l| inputs::priced_vehicle(&store, l))
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
                "vehicleId": inputs::listing_id(l),
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
    let p = &ctx.printer;
    let table = p.format == crate::output::Format::Table;
    for (d, v) in docs.iter().zip(&vals) {
        let cur = d["currency"].clone();
        let currency = v.currency;
        let f = &d["factors"];
        // Tables show the factors' names in the language; CSV/TSV keep the keys.
        let name = |key: &str, id: &'static str| {
            if table {
                p.loc.get(id)
            } else {
                key.to_string()
            }
        };
        let rows: Vec<Value> = [
            ("base", "factor-base"),
            ("brand", "factor-brand"),
            ("model", "factor-model"),
            ("year", "factor-year"),
            ("mileage", "factor-mileage"),
            ("condition", "factor-condition"),
            ("other", "factor-other"),
        ]
        .iter()
        .map(|(k, id)| json!({"factor": name(k, id), "amount": f[k], "currency": cur}))
        .chain([
            json!({"factor": name("= estimated value", "factor-estimated"), "amount": d["estimatedValue"], "currency": cur}),
            json!({"factor": name("range min", "factor-range-min"), "amount": d["minValue"], "currency": cur}),
            json!({"factor": name("range max", "factor-range-max"), "amount": d["maxValue"], "currency": cur}),
        ])
        .collect();
        if table {
            let card = Card::new(d["vehicleId"].as_str().unwrap_or("").to_string())
                .field(
                    p.loc.get("card-estimated"),
                    money_text(v.estimated_value, currency),
                )
                .range(Range::money(
                    p.loc.get("card-range"),
                    (v.min_value, v.estimated_value, v.max_value),
                    currency,
                ))
                .field(
                    p.loc.get("card-confidence"),
                    p.loc.format(&Arg::Share(v.confidence)),
                )
                .field(
                    p.loc.get("card-comparables"),
                    p.t(&msg!("card-comparables-count", count = v.comparable_count)),
                )
                .paragraph(
                    p.loc.get("card-why"),
                    reasons::or_text(&p.loc, &v.reasons, &v.rationale),
                );
            let card = if v.note_reasons.is_empty() {
                card
            } else {
                card.paragraph(
                    p.loc.get("card-notes"),
                    reasons::notes(&p.loc, &v.note_reasons),
                )
            };
            p.cards(&[card])?;
            p.line("")?;
        } else {
            p.line(format!(
                "{}  confidence {:.0}%  ({} comparables)",
                d["vehicleId"].as_str().unwrap_or(""),
                d["confidence"].as_f64().unwrap_or(0.0) * 100.0,
                d["comparableCount"]
            ))?;
        }
        p.records(
            &[
                Column::text("factor", "Factor"),
                Column::money("amount", "Contribution", "currency"),
            ],
            &rows,
        )?;
        if !table {
            p.line(d["rationale"].as_str().unwrap_or(""))?;
        }
    }
    Ok(crate::exit::OK)
}
