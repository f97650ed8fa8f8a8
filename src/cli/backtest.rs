//! `treevu backtest`: how accurate treevu's prices are on the merchant's own data.

use std::path::PathBuf;

use clap::Args;
use serde_json::{Value, json};

use super::estimate::pricing_settings;
use crate::context::Context;
use crate::import::{self, Kind};
use crate::output::Column;
use crate::pricing::backtest;
use crate::pricing::inputs;

#[derive(Debug, Args)]
pub struct BacktestArgs {
    /// Which pool to test
    #[arg(long, value_parser = super::shared::kind_parser())]
    pub kind: Kind,
    /// A labelled CSV (with prices) to price against the pool, instead of k-fold over the pool
    #[arg(long, value_name = "FILE.csv")]
    pub input: Option<PathBuf>,
    /// Folds of the cross-validation over the pool
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(2..=20))]
    pub folds: u16,
}

pub fn run(args: BacktestArgs, ctx: &Context) -> anyhow::Result<u8> {
    let store = ctx.open_store()?;
    let settings = pricing_settings(ctx);
    let labelled = match &args.input {
        Some(p) => Some(import::read_csv(p, Some(args.kind), true)?.rows),
        None => None,
    };
    let report = match args.kind {
        Kind::Property => {
            let pool = inputs::load_property_pool(&store)?;
            anyhow::ensure!(
                pool.len() >= 20 || labelled.is_some(),
                "the pool has {} property comparables; import more with 'treevu market import --kind property FILE.csv'",
                pool.len()
            );
            match &labelled {
                Some(rows) => backtest::backtest_properties_labelled(
                    &rows
                        .iter()
                        .map(inputs::property_from_pool)
                        .collect::<Vec<_>>(),
                    &pool,
                    &settings,
                ),
                None => backtest::backtest_properties(&pool, args.folds as usize, &settings),
            }
        }
        Kind::Vehicle => {
            let pool = inputs::load_vehicle_pool(&store)?;
            anyhow::ensure!(
                pool.len() >= 20 || labelled.is_some(),
                "the pool has {} vehicle comparables; import more with 'treevu market import --kind vehicle FILE.csv'",
                pool.len()
            );
            match &labelled {
                Some(rows) => backtest::backtest_vehicles_labelled(
                    &rows
                        .iter()
                        .map(inputs::vehicle_from_pool)
                        .collect::<Vec<_>>(),
                    &pool,
                    &settings,
                ),
                None => backtest::backtest_vehicles(&pool, args.folds as usize, &settings),
            }
        }
    };
    if ctx.printer.is_json() {
        ctx.printer.json(&report)?;
        return Ok(crate::exit::OK);
    }
    let mut rows: Vec<Value> = vec![segment_row("all", &serde_json::to_value(&report.overall)?)];
    for (name, t) in ["low", "middle", "high"]
        .iter()
        .zip(&report.by_confidence_tercile)
    {
        rows.push(segment_row(
            &format!("confidence {name}"),
            &serde_json::to_value(t)?,
        ));
    }
    for s in &report.by_segment {
        rows.push(segment_row("", &serde_json::to_value(s)?));
    }
    ctx.printer.line(format!(
        "{} rows, {} folds; answered {:.1}%",
        report.rows,
        report.folds,
        report.answered_share * 100.0
    ))?;
    ctx.printer.records(
        &[
            Column::text("segment", "Segment"),
            Column::number("n", "Rows"),
            Column::percent("mdape", "MdAPE"),
            Column::percent("within10", "Within 10%"),
            Column::percent("within20", "Within 20%"),
            Column::percent("coverage", "80% range coverage"),
        ],
        &rows,
    )?;
    Ok(crate::exit::OK)
}

fn segment_row(label: &str, s: &Value) -> Value {
    let mut v = s.clone();
    if !label.is_empty() {
        v["segment"] = json!(label);
    }
    v
}
