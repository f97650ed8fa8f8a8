//! `treevu market import`: load comparables into the local market pool;
//! `treevu market analyze`: the comparative analysis of one listing.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::Serialize;
use serde_json::{Value, json};

use crate::context::Context;
use crate::i18n::{Arg, Localized, reasons};
use crate::import::{self, Kind};
use crate::msg;
use crate::output::card::Card;
use crate::output::{Column, money_text};
use crate::pricing::{inputs, models};
use crate::store::market as pool;

#[derive(Debug, Subcommand)]
pub enum MarketCommand {
    /// Load market comparables from a CSV file (idempotent by id: a re-import updates)
    Import(ImportArgs),
    /// Compare a synced listing with its market: median and mean price, price per m², position, trend, comparables
    Analyze(AnalyzeArgs),
    /// Regenerate the built-in market figures (aggregates, never rows) from market files
    Facts(FactsArgs),
}

#[derive(Debug, Args)]
pub struct FactsArgs {
    /// Homes file (columns of lima-properties.csv)
    #[arg(long, value_name = "FILE.csv")]
    pub properties: PathBuf,
    /// Cars file (columns of vehicles.csv): Lima rows give the levels, others only the age curve
    #[arg(long, value_name = "FILE.csv")]
    pub vehicles: Option<PathBuf>,
    /// Write the table here (default: stdout); crates/pricing/src/lima_facts.json is the one compiled in
    #[arg(long, value_name = "FILE.json")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the file holds (recognised from its columns when not given)
    #[arg(long, value_parser = super::shared::kind_parser())]
    pub kind: Option<Kind>,
    /// The CSV file (`-` for stdin); columns as in docs/pricing.md
    pub file: PathBuf,
}

pub fn run(cmd: MarketCommand, ctx: &Context) -> anyhow::Result<u8> {
    match cmd {
        MarketCommand::Import(args) => import(args, ctx),
        MarketCommand::Analyze(args) => analyze(args, ctx),
        MarketCommand::Facts(args) => facts(args, ctx),
    }
}

/// Builds the facts table from market files (see docs/pricing.md, "Built-in figures").
fn facts(args: FactsArgs, ctx: &Context) -> anyhow::Result<u8> {
    let homes: Vec<_> = import::read_csv(&args.properties, Some(Kind::Property), true)?
        .rows
        .iter()
        .map(inputs::property_from_pool)
        .collect();
    let cars: Vec<_> = match &args.vehicles {
        Some(p) => import::read_csv(p, Some(Kind::Vehicle), true)?
            .rows
            .iter()
            .map(inputs::vehicle_from_pool)
            .collect(),
        None => Vec::new(),
    };
    let table = crate::pricing::facts::build(&homes, &cars, ctx.settings.pricing.pen_per_usd);
    let text = table.to_json() + "\n";
    match &args.out {
        Some(path) => {
            std::fs::write(path, &text).map_err(|e| {
                Localized::error(msg!(
                    "market-facts-cannot-write",
                    path = path.display().to_string(),
                    cause = e.to_string()
                ))
            })?;
            ctx.printer.say(&msg!(
                "market-facts-wrote",
                path = path.display().to_string(),
                homes = table.home_listings,
                cars = table.cars.as_ref().map_or(0, |c| c.count),
                months = ctx.printer.loc.months(&table.vintage)
            ));
        }
        None => {
            use std::io::Write;
            std::io::stdout().write_all(text.as_bytes())?;
        }
    }
    Ok(crate::exit::OK)
}

fn import(args: ImportArgs, ctx: &Context) -> anyhow::Result<u8> {
    // Read and check the whole file before touching the store: a bad file stores nothing.
    let batch = import::read_csv(&args.file, args.kind, true)?;
    let kind = batch.kind.unwrap_or(Kind::Property);
    let read = batch.rows.len() as u64 + batch.skipped.values().sum::<u64>();
    let store = ctx.open_store()?;
    let now = crate::domain::time::timestamp(chrono::Utc::now());
    let stored = store.write(|s| crate::pool::intake::store_rows(s, batch.rows, &now))?;
    // Fitted now, with progress on a terminal, rather than silently at the next estimate.
    // The rows are stored: a fit that fails here is the next estimate's, not a failed import.
    let fitted = models::ensure_fitted(
        &store,
        &super::estimate::pricing_settings(ctx),
        &[kind.as_str()],
        &super::progress::FitProgress::new(&ctx.printer),
    )
    .unwrap_or_else(|e| {
        ctx.printer.warn(ctx.printer.t(&msg!(
            "market-import-not-fitted",
            error = ctx.printer.error_text(&anyhow::Error::from(e))
        )));
        Vec::new()
    });
    // Rows the file's parsing set aside and rows the pool's rules refused: one count.
    let mut rejected = batch.skipped;
    for (reason, n) in &stored.rejected {
        *rejected.entry(reason.clone()).or_default() += n;
    }
    let (properties, vehicles) = pool::pool_counts(store.conn())?;
    let summary = ImportSummary {
        file: args.file.display().to_string(),
        kind: kind.as_str(),
        read,
        new: stored.counts.new,
        updated: stored.counts.updated,
        unchanged: stored.counts.unchanged,
        rejected: rejected.values().sum(),
        rejected_by_reason: rejected,
        fields_blanked: batch.blanked,
        synced_duplicates_changed: stored.duplicates_changed,
        model_fitted: !fitted.is_empty(),
        pool_properties: properties,
        pool_vehicles: vehicles,
    };
    if ctx.printer.is_json() {
        ctx.printer.json(&summary)?;
    } else {
        let mut rows = vec![
            json!({"what": "rows read", "count": summary.read}),
            json!({"what": "new in the pool", "count": summary.new}),
            json!({"what": "updated", "count": summary.updated}),
            json!({"what": "already in the pool, unchanged", "count": summary.unchanged}),
        ];
        rows.extend(
            summary
                .rejected_by_reason
                .iter()
                .map(|(reason, n)| json!({"what": format!("rejected: {reason}"), "count": n})),
        );
        rows.extend(
            summary.fields_blanked.iter().map(
                |(reason, n)| json!({"what": format!("field left empty: {reason}"), "count": n}),
            ),
        );
        rows.push(json!({"what": format!("{} comparables in the pool", kind.as_str()), "count": if kind == Kind::Property { properties } else { vehicles }}));
        ctx.printer.records(
            &[
                Column::text("what", "Import"),
                Column::number("count", "Rows"),
            ],
            &rows,
        )?;
    }
    Ok(crate::exit::OK)
}

/// What `market import` reports: how many rows the pool actually gained.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ImportSummary {
    file: String,
    kind: &'static str,
    /// Data rows in the file.
    read: u64,
    /// Rows the pool did not have (by kind and id).
    new: u64,
    /// Rows it had, now with the file's values.
    updated: u64,
    /// Rows it had with the same values.
    unchanged: u64,
    rejected: u64,
    rejected_by_reason: BTreeMap<String, u64>,
    /// Optional fields that did not parse and were left empty, by reason.
    fields_blanked: BTreeMap<String, u64>,
    /// Synced rows (market data, own listings) that now count once because
    /// the file has the same home or car, or count again.
    synced_duplicates_changed: u64,
    /// Whether the kind's pricing model was fitted (the pool changed).
    model_fitted: bool,
    pool_properties: u64,
    pool_vehicles: u64,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// A synced property listing (e.g. inmuebles24:I24-12)
    #[arg(value_name = "LISTING")]
    pub listing: String,
}

fn analyze(args: AnalyzeArgs, ctx: &Context) -> anyhow::Result<u8> {
    // One listing: `-` may still bring its id from stdin.
    let refs = super::ids::read_listing_refs(std::slice::from_ref(&args.listing))?;
    let store = ctx.open_reading_store()?;
    let l = super::listing_refs::load(&store, &refs)?.swap_remove(0);
    super::listing_refs::require_kind(&l, &["property"], "error-wrong-kind-analysis")?;
    let pool = inputs::load_property_pool(&store)?;
    let item = inputs::priced_property(&store, &l)?;
    let analysis = crate::pricing::market::market_analysis(
        &item,
        &pool,
        &super::estimate::pricing_settings(ctx),
    );
    let mut v = serde_json::to_value(&analysis)?;
    v["listing"] = json!(inputs::listing_id(&l));
    v["askingPrice"] = json!(l.record.price.major_f64());
    v["currency"] = json!(l.record.price.currency);
    // The spec's name for the robust market price.
    v["marketPrice"] = v["marketPriceMedian"].clone();
    let a = &v;
    if ctx.printer.is_json() {
        ctx.printer.json(a)?;
        return Ok(crate::exit::OK);
    }
    let p = &ctx.printer;
    let cur = l.record.price.currency;
    let money = |v: &Value| v.as_f64().map(|x| money_text(x, cur)).unwrap_or_default();
    let trend = match &a["marketTrend"] {
        Value::String(_) => p.loc.get("market-trend-insufficient"),
        t => p.t(&msg!(
            "market-trend-estimate",
            percent = Arg::SignedPercent(t["percentPerMonth"].as_f64().unwrap_or(0.0)),
            error = Arg::Decimal(t["stdError"].as_f64().unwrap_or(0.0)),
            count = t["listings"].as_u64().unwrap_or(0)
        )),
    };
    let position = a["pricePosition"].as_str().unwrap_or("unknown");
    let card = Card::new(format!(
        "{} · {}",
        a["listing"].as_str().unwrap_or(""),
        l.record.title
    ))
    .field(p.loc.get("card-asking"), money(&a["askingPrice"]))
    .field(p.loc.get("market-median"), money(&a["marketPriceMedian"]))
    .field(p.loc.get("market-mean"), money(&a["marketPriceMean"]))
    .field(p.loc.get("market-per-m2"), money(&a["pricePerSquareMeter"]))
    .field(
        p.loc.get("market-position"),
        p.t(&msg!(
            "market-position-value",
            position = p
                .loc
                .lookup(&format!("position-{position}"))
                .unwrap_or_else(|| position.to_string()),
            amount = money(&a["priceDifference"]["amount"]),
            percent = Arg::SignedPercent(a["priceDifference"]["percent"].as_f64().unwrap_or(0.0))
        )),
    )
    .field(
        p.loc.get("card-comparables"),
        p.t(&msg!(
            "card-comparables-value",
            count = a["comparableCount"].as_u64().unwrap_or(0),
            level = {
                let l = a["segmentLevel"].as_str().unwrap_or("");
                p.loc
                    .lookup(&format!("level-{l}"))
                    .unwrap_or_else(|| l.to_string())
            }
        )),
    )
    .field(p.loc.get("market-trend"), trend);
    let card = match &analysis.basis_reason {
        Some(basis) => card.paragraph(p.loc.get("card-basis"), reasons::text(&p.loc, basis)),
        None => card,
    };
    p.cards(&[card])?;
    p.line("")?;
    let comps: Vec<Value> = a["comparables"]
        .as_array()
        .map(|c| {
            c.iter()
                .map(|x| {
                    let mut x = x.clone();
                    x["currency"] = a["currency"].clone();
                    x
                })
                .collect()
        })
        .unwrap_or_default();
    ctx.printer.records(
        &[
            Column::text("id", "Comparable"),
            Column::text("district", "District"),
            Column::number("area", "m²"),
            Column::money("price", "Price", "currency"),
            Column::money("pricePerM2", "Per m²", "currency"),
            Column::number("similarityWeight", "Weight"),
        ],
        &comps,
    )?;
    Ok(crate::exit::OK)
}
