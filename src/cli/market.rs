//! `treevu market import`: load comparables into the local market pool;
//! `treevu market analyze`: the comparative analysis of one listing.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use crate::context::Context;
use crate::market::{self, Kind};
use crate::output::Column;
use crate::store::market as pool;

#[derive(Debug, Subcommand)]
pub enum MarketCommand {
    /// Load market comparables from a CSV file (idempotent by id: a re-import updates)
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the file holds
    #[arg(long, value_enum)]
    pub kind: Kind,
    /// The CSV file (`-` for stdin); columns as in docs/pricing.md
    pub file: PathBuf,
}

pub fn run(cmd: MarketCommand, ctx: &Context) -> anyhow::Result<u8> {
    match cmd {
        MarketCommand::Import(args) => import(args, ctx),
    }
}

fn import(args: ImportArgs, ctx: &Context) -> anyhow::Result<u8> {
    // Read and check the whole file before touching the store: a bad file stores nothing.
    let batch = market::read_csv(&args.file, args.kind, true)?;
    let mut store = ctx.open_store()?;
    let now = crate::sync::timestamp(chrono::Utc::now());
    let tx = store
        .conn_mut()
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let stored = pool::upsert_pool(&tx, &batch.rows, &now)?;
    tx.commit()?;
    let skipped: u64 = batch.skipped.values().sum();
    let (properties, vehicles) = pool::pool_counts(store.conn())?;
    let summary = json!({
        "file": args.file.display().to_string(),
        "kind": args.kind.as_str(),
        "imported": stored,
        "skipped": skipped,
        "skippedByReason": batch.skipped,
        "poolProperties": properties,
        "poolVehicles": vehicles,
    });
    if ctx.printer.is_json() {
        ctx.printer.json(&summary)?;
    } else {
        let mut rows = vec![json!({"what": "imported", "count": stored})];
        rows.extend(
            batch
                .skipped
                .iter()
                .map(|(reason, n)| json!({"what": format!("skipped: {reason}"), "count": n})),
        );
        rows.push(json!({"what": format!("{} comparables in the pool", args.kind.as_str()), "count": if args.kind == Kind::Property { properties } else { vehicles }}));
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
