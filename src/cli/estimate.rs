//! `treevu estimate`: price homes and cars that are not (yet) listed, against the market pool.

use std::path::PathBuf;

use clap::Args;
use serde_json::{Value, json};

use super::progress::FitProgress;
use crate::context::Context;
use crate::domain::Currency;
use crate::i18n::{Localized, Msg};
use crate::import::{self, Kind};
use crate::msg;
use crate::output::{Column, Format};
use crate::pricing::inputs;
use crate::pricing::models;
use crate::pricing::{self, PropertyRecord, VehicleRecord};
use crate::store::market::PoolRow;

#[derive(Debug, Args)]
pub struct EstimateArgs {
    /// What to price (with --input, recognised from the file's columns when not given)
    #[arg(long, value_parser = super::shared::kind_parser())]
    pub kind: Option<Kind>,
    /// A CSV of items (columns as in docs/pricing.md; a price column is ignored); one result per row, in order
    #[arg(long, value_name = "FILE.csv", conflicts_with_all = ["district", "brand"])]
    pub input: Option<PathBuf>,
    #[command(flatten)]
    pub item: ItemFlags,
}

/// One item described by flags.
#[derive(Debug, Args, Default)]
pub struct ItemFlags {
    /// Id shown in the result
    #[arg(long, default_value = "item")]
    pub id: String,
    /// sale or rent
    #[arg(long, help_heading = "Property")]
    pub operation: Option<String>,
    /// apartment, house, land or commercial
    #[arg(long, help_heading = "Property")]
    pub property_type: Option<String>,
    #[arg(long, help_heading = "Property")]
    pub district: Option<String>,
    #[arg(long, help_heading = "Property")]
    pub zone: Option<String>,
    /// Total area in m²
    #[arg(long, help_heading = "Property")]
    pub area: Option<f64>,
    #[arg(long, help_heading = "Property")]
    pub bedrooms: Option<u32>,
    #[arg(long, help_heading = "Property")]
    pub bathrooms: Option<u32>,
    #[arg(long, help_heading = "Property")]
    pub parking: Option<u32>,
    #[arg(long, help_heading = "Vehicle")]
    pub brand: Option<String>,
    #[arg(long, help_heading = "Vehicle")]
    pub model: Option<String>,
    #[arg(long, help_heading = "Vehicle")]
    pub year: Option<i32>,
    /// Odometer in km
    #[arg(long, help_heading = "Vehicle")]
    pub mileage: Option<u64>,
    #[arg(long, help_heading = "Vehicle")]
    pub transmission: Option<String>,
    #[arg(long, help_heading = "Vehicle")]
    pub fuel_type: Option<String>,
    /// excellent, good, fair or poor
    #[arg(long, help_heading = "Vehicle")]
    pub condition: Option<String>,
    /// Listing title (words such as "estreno" or "vista al mar" count)
    #[arg(long)]
    pub title: Option<String>,
    /// Currency to answer in (default: PEN for properties, USD for vehicles)
    #[arg(long)]
    pub currency: Option<Currency>,
}

impl ItemFlags {
    fn to_row(&self, kind: Kind) -> anyhow::Result<PoolRow> {
        let row = PoolRow {
            id: self.id.clone(),
            kind: kind.as_str().into(),
            source: "flags".into(),
            title: self.title.clone().unwrap_or_default(),
            operation: self.operation.clone(),
            property_type: self.property_type.clone(),
            area_m2: self.area,
            bedrooms: self.bedrooms,
            bathrooms: self.bathrooms,
            parking: self.parking,
            district: self.district.clone(),
            zone: self.zone.clone(),
            brand: self.brand.clone(),
            model: self.model.clone(),
            year: self.year,
            mileage_km: self.mileage,
            transmission: self.transmission.clone(),
            fuel_type: self.fuel_type.clone(),
            condition: self.condition.clone(),
            ..Default::default()
        };
        match kind {
            Kind::Property if row.district.is_none() || row.area_m2.is_none() => {
                Err(Localized::usage(Msg::new("estimate-describe-property")))
            }
            Kind::Vehicle if row.brand.is_none() || row.model.is_none() || row.year.is_none() => {
                Err(Localized::usage(Msg::new("estimate-describe-vehicle")))
            }
            _ => Ok(row),
        }
    }
}

pub fn pricing_settings(ctx: &Context) -> pricing::Settings {
    pricing::Settings {
        pen_per_usd: ctx.settings.pricing.pen_per_usd,
        facts: refreshed_facts(ctx),
        ..pricing::Settings::default()
    }
}

/// A refreshed built-in table named by `TREEVU_MARKET_FACTS` (made with
/// `treevu market facts`); one that cannot be read is a warning and the
/// compiled-in table stands.
fn refreshed_facts(ctx: &Context) -> Option<std::sync::Arc<pricing::facts::MarketFacts>> {
    let path = std::env::var_os("TREEVU_MARKET_FACTS").filter(|p| !p.is_empty())?;
    let text = std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|t| pricing::facts::MarketFacts::from_json(&t));
    match text {
        Ok(f) => Some(std::sync::Arc::new(f)),
        Err(e) => {
            ctx.printer.warn(ctx.printer.t(&msg!(
                "estimate-facts-unreadable",
                path = std::path::Path::new(&path).display().to_string(),
                error = e
            )));
            None
        }
    }
}

/// Rows priced per batch of `estimate --input`: the memory bound is the
/// model plus this many rows and their answers, whatever the file's length.
const BATCH_ROWS: usize = 1_000;

/// The items of CSV rows: `--currency` over the file's column, over the
/// kind's usual currency.
enum Items {
    Property(Vec<PropertyRecord>),
    Vehicle(Vec<VehicleRecord>),
}

fn items_of(kind: Kind, rows: &[PoolRow], currencies: &[Option<Currency>]) -> Items {
    match kind {
        Kind::Property => Items::Property(
            rows.iter()
                .zip(currencies)
                .map(|(r, c)| inputs::property_item(r, *c))
                .collect(),
        ),
        Kind::Vehicle => Items::Vehicle(
            rows.iter()
                .zip(currencies)
                .map(|(r, c)| {
                    let mut v = inputs::vehicle_from_pool(r);
                    v.price = None;
                    if let Some(c) = c {
                        v.currency = *c;
                    }
                    v
                })
                .collect(),
        ),
    }
}

/// A fitted (or cached) model of either kind.
enum Model {
    Property(pricing::PropertyModel),
    Vehicle(pricing::VehicleModel),
}

impl Model {
    fn estimate(&self, items: &Items, compact: bool) -> Vec<Value> {
        match (self, items) {
            (Model::Property(m), Items::Property(i)) => m
                .estimate_many(i)
                .iter()
                .map(|e| property_json(e, compact))
                .collect(),
            (Model::Vehicle(m), Items::Vehicle(i)) => m
                .estimate_many(i)
                .iter()
                .map(|v| vehicle_json(v, compact))
                .collect(),
            _ => Vec::new(),
        }
    }
}

pub fn run(args: EstimateArgs, ctx: &Context) -> anyhow::Result<u8> {
    let compact = matches!(
        ctx.printer.format,
        Format::Jsonl | Format::Csv | Format::Tsv
    );
    if let Some(path) = &args.input {
        return run_file(path, &args, ctx, compact);
    }
    let kind = match (args.kind, &args.item.brand, &args.item.district) {
        (Some(k), _, _) => k,
        (None, Some(_), _) => Kind::Vehicle,
        (None, None, Some(_)) => Kind::Property,
        _ => {
            return Err(Localized::usage(Msg::new("estimate-what-to-price")));
        }
    };
    let rows = vec![args.item.to_row(kind)?];
    let items = items_of(kind, &rows, &[args.item.currency]);
    let store = ctx.open_store()?;
    let settings = pricing_settings(ctx);
    let model = match &items {
        Items::Property(i) => {
            let m = models::property_model(&store, &settings, i, &FitProgress::new(&ctx.printer))?;
            warn_if_thin(ctx, &settings, m.pool_counts().0, Kind::Property);
            Model::Property(m)
        }
        Items::Vehicle(i) => {
            let m = models::vehicle_model(&store, &settings, i, &FitProgress::new(&ctx.printer))?;
            warn_if_thin(ctx, &settings, m.pool_size(), Kind::Vehicle);
            Model::Vehicle(m)
        }
    };
    let results = model.estimate(&items, compact);
    if ctx.printer.format == Format::Json {
        ctx.printer.json(&results[0])?;
    } else {
        ctx.printer.records(COLUMNS, &results)?;
    }
    Ok(crate::exit::OK)
}

/// `estimate --input`: the file is read, priced and printed a batch at a
/// time, so answers appear as rows are priced and memory stays bounded.
fn run_file(
    path: &std::path::Path,
    args: &EstimateArgs,
    ctx: &Context,
    compact: bool,
) -> anyhow::Result<u8> {
    let mut stream = import::CsvStream::open(path, args.kind, false)?;
    let kind = stream.kind;
    let store = ctx.open_store()?;
    let settings = pricing_settings(ctx);
    let model = match kind {
        Kind::Property => {
            let m =
                models::property_model_whole(&store, &settings, &FitProgress::new(&ctx.printer))?;
            warn_if_thin(ctx, &settings, m.pool_counts().0, Kind::Property);
            Model::Property(m)
        }
        Kind::Vehicle => {
            let m =
                models::vehicle_model_whole(&store, &settings, &FitProgress::new(&ctx.printer))?;
            warn_if_thin(ctx, &settings, m.pool_size(), Kind::Vehicle);
            Model::Vehicle(m)
        }
    };
    let mut blanked: std::collections::BTreeMap<String, u64> = Default::default();
    let mut failure = None;
    let mut pending = std::collections::VecDeque::new();
    // Pulled by the printer: each batch is priced when the previous one is written.
    let answers = std::iter::from_fn(|| {
        while pending.is_empty() && failure.is_none() {
            match stream.next_batch(BATCH_ROWS) {
                Ok(Some(b)) => {
                    for (reason, n) in &b.blanked {
                        *blanked.entry(reason.clone()).or_default() += n;
                    }
                    let currencies: Vec<Option<Currency>> = b
                        .currencies
                        .iter()
                        .map(|c| args.item.currency.or(*c))
                        .collect();
                    pending.extend(model.estimate(&items_of(kind, &b.rows, &currencies), compact));
                }
                Ok(None) => return None,
                Err(e) => failure = Some(e),
            }
        }
        pending.pop_front()
    });
    ctx.printer.records_streamed(COLUMNS, answers)?;
    for (reason, n) in &blanked {
        ctx.printer.warn(
            ctx.printer
                .t(&msg!("estimate-blanked", count = *n, reason = reason)),
        );
    }
    match failure {
        Some(e) => Err(e.into()),
        None => Ok(crate::exit::OK),
    }
}

/// Says what a thin pool means for the answers: the built-in figures stand
/// in where the pool has no evidence (docs/pricing.md, "Evidence decides the blend").
fn warn_if_thin(ctx: &Context, settings: &pricing::Settings, n: usize, kind: Kind) {
    let (asof, kind) = (
        ctx.printer.loc.months(&settings.facts().as_of),
        kind.as_str(),
    );
    if n == 0 {
        ctx.printer.warn(
            ctx.printer
                .t(&msg!("estimate-no-comparables", kind = kind, asof = asof)),
        );
    } else if n < 30 {
        ctx.printer.warn(ctx.printer.t(&msg!(
            "estimate-few-comparables",
            count = n,
            kind = kind,
            asof = asof
        )));
    }
}

pub const COLUMNS: &[Column] = &[
    Column::text("id", "Item"),
    Column::money("recommendedPrice", "Recommended", "currency"),
    Column::money("minPrice", "Min", "currency"),
    Column::money("maxPrice", "Max", "currency"),
    Column::percent("confidence", "Confidence"),
    Column::number("comparableCount", "Comparables"),
    Column::text("method", "Method"),
];

/// Money as merchants quote it: whole units.
fn round(x: f64) -> f64 {
    x.round()
}

pub fn property_json(e: &pricing::property::PropertyEstimate, compact: bool) -> Value {
    estimate_json(e, compact, &[])
}

pub fn vehicle_json(e: &pricing::vehicle::VehicleValuation, compact: bool) -> Value {
    // A car's value, under the names a home's price has.
    let names = [
        ("estimatedValue", "recommendedPrice"),
        ("minValue", "minPrice"),
        ("maxValue", "maxPrice"),
    ];
    estimate_json(e, compact, &names)
}

/// An estimate as `estimate` shows it, a home's or a car's alike (`renamed`
/// gives a car's fields the names a home's have): money in whole units, the
/// confidence to three places; the compact form only what every estimate says.
fn estimate_json(e: &impl serde::Serialize, compact: bool, renamed: &[(&str, &str)]) -> Value {
    let Ok(Value::Object(mut fields)) = serde_json::to_value(e) else {
        return Value::Null;
    };
    for (from, to) in renamed {
        if let Some(x) = fields.remove(*from) {
            fields.insert(to.to_string(), x);
        }
    }
    for k in ["recommendedPrice", "minPrice", "maxPrice"] {
        if let Some(x) = fields.get(k).and_then(Value::as_f64) {
            fields.insert(k.into(), json!(round(x)));
        }
    }
    if let Some(c) = fields.get("confidence").and_then(Value::as_f64) {
        fields.insert("confidence".into(), json!((c * 1000.0).round() / 1000.0));
    }
    if compact {
        // What a home and a car are compared with, and why: not in the compact form.
        let detail = ["segmentLevel", "comparables", "factors", "comparableIds"];
        fields.retain(|k, _| !detail.contains(&k.as_str()) && k != "rationale" && k != "notes");
    }
    Value::Object(fields)
}
