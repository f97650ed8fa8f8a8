//! `treevu operator rotate-key`: what the operator of a PostgreSQL store runs
//! on the whole database (every merchant), not on one merchant's data.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use crate::auth::AuthHost;
use crate::auth::secrets::database::{self, OperatorKey};
use crate::context::Context;
use crate::exit;
use crate::i18n::{Localized, Msg};
use crate::msg;

#[derive(Debug, Subcommand)]
pub enum OperatorCommand {
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
        return Err(Localized::usage(Msg::new("operator-needs-postgres")));
    };
    match cmd {
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
