//! `treevu operator status|rotate-key`: what the operator of a PostgreSQL
//! store runs on the whole database (every merchant), not on one merchant's data.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use crate::auth::AuthHost;
use crate::auth::secrets::database::{self, OperatorKey};
use crate::context::Context;
use crate::exit;
use crate::i18n::{Localized, Msg};
use crate::msg;
use crate::output::Column;
use crate::store::{DatabaseUrl, Merchants};

#[derive(Debug, Subcommand)]
pub enum OperatorCommand {
    /// Every account of every merchant: due, running, waiting, failing or needing a reconnect; last run, last error, budget used this hour
    Status,
    /// Re-encrypt every merchant's secrets under a new operator key, in one transaction
    RotateKey(RotateKeyArgs),
}

#[derive(Debug, Args)]
pub struct RotateKeyArgs {
    /// The new key: a file (mode 600) holding 32 random bytes in base64
    #[arg(long, value_name = "FILE")]
    pub new_key_file: PathBuf,
}

pub fn run(cmd: OperatorCommand, ctx: &Context) -> anyhow::Result<u8> {
    let Some(url) = &ctx.settings.database_url else {
        // A SQLite profile is one merchant: its own commands say how it stands.
        return Err(Localized::usage(Msg::new(match cmd {
            OperatorCommand::Status => "operator-status-needs-postgres",
            OperatorCommand::RotateKey(_) => "operator-needs-postgres",
        })));
    };
    match cmd {
        OperatorCommand::Status => status(url, ctx),
        OperatorCommand::RotateKey(args) => {
            // Both keys before the database: a missing one changes nothing.
            let old = OperatorKey::from_env(AuthHost::env(ctx))?;
            let new = OperatorKey::from_file(&args.new_key_file)?;
            let done = database::rotate(url, &old, &new)?;
            ctx.printer.say(&msg!(
                "operator-rotated",
                resealed = done.resealed,
                already = done.already
            ));
            if ctx.printer.is_json() {
                ctx.printer.json(&json!({
                    "resealed": done.resealed,
                    "alreadyUnderNewKey": done.already,
                    "keyId": new.id(),
                }))?;
            }
            ctx.printer.say(&Msg::new("operator-rotated-next"));
            Ok(exit::OK)
        }
    }
}

/// The table of `operator status`; JSON has these keys and a few more
/// (`attempts`, `budgetResetsAt`).
const STATUS_COLUMNS: &[Column] = &[
    Column::text("merchant", "Merchant"),
    Column::text("marketplace", "Marketplace"),
    Column::term("state", "State", "operator-state"),
    Column::text("leaseHolder", "Lease holder"),
    Column::when("leaseExpiresAt", "Lease expires"),
    Column::when("nextDueAt", "Next due"),
    Column::term("lastOutcome", "Last run", "outcome"),
    Column::when("lastRunAt", "Last run at"),
    Column::text("lastError", "Last error"),
    Column::number("budgetUsed", "Used this hour"),
    Column::number("budgetLimit", "Hourly limit"),
];

fn status(url: &DatabaseUrl, ctx: &Context) -> anyhow::Result<u8> {
    let rows: Vec<serde_json::Value> = Merchants::connect(url)?
        .account_statuses()?
        .iter()
        .map(|s| serde_json::to_value(s).expect("a status serializes"))
        .collect();
    if rows.is_empty() && !ctx.printer.is_json() {
        ctx.printer.say(&Msg::new("operator-status-none"));
        return Ok(exit::OK);
    }
    ctx.printer.records(STATUS_COLUMNS, &rows)?;
    Ok(exit::OK)
}
