//! `treevu auth status|token|logout`: what is connected, the current secret for scripts, forgetting.

use clap::Subcommand;
use serde_json::Value;

use crate::auth::flow::{self, Revocation};
use crate::context::Context;
use crate::domain::Marketplace;
use crate::exit;
use crate::output::Column;

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Which accounts are connected, from where, and whether any needs you (exit 1 if so)
    Status {},
    /// Print the current access token (or Autofact key) for scripts, refreshing it if due
    Token {
        /// olx, inmuebles24 or autofact
        marketplace: Marketplace,
    },
    /// Forget the saved secret; revoke it at the marketplace where its API allows
    Logout {
        /// olx, inmuebles24 or autofact
        marketplace: Marketplace,
    },
}

pub fn run(cmd: AuthCommand, ctx: &Context) -> anyhow::Result<u8> {
    match cmd {
        AuthCommand::Status {} => status(ctx),
        AuthCommand::Token { marketplace } => {
            let s = crate::auth::current_secret(ctx, marketplace)?;
            ctx.printer.line(s.expose())?;
            Ok(exit::OK)
        }
        AuthCommand::Logout { marketplace } => logout(ctx, marketplace),
    }
}

fn status(ctx: &Context) -> anyhow::Result<u8> {
    let rows = crate::auth::status(ctx)?;
    let attention = rows.iter().any(|r| r.needs_attention());
    for r in &rows {
        if let Some(p) = &r.problem {
            ctx.printer.warn(format!("{}: {p}", r.marketplace));
        } else if r.needs_reconnect {
            ctx.printer.warn(format!(
                "{0}: needs you to reconnect; run 'treevu connect {0}'",
                r.marketplace
            ));
        }
    }
    let records: Vec<Value> = rows
        .iter()
        .map(|r| serde_json::to_value(r).expect("status serializes"))
        .collect();
    ctx.printer.records(
        &[
            Column::text("marketplace", "Marketplace"),
            Column::text("account", "Account"),
            Column::text("connected", "Connected"),
            Column::text("source", "Source"),
            Column::text("expiresAt", "Expires"),
            Column::text("needsReconnect", "Needs reconnect"),
            Column::text("secret", "Secret"),
        ],
        &records,
    )?;
    Ok(if attention { exit::ERROR } else { exit::OK })
}

fn logout(ctx: &Context, m: Marketplace) -> anyhow::Result<u8> {
    let r = flow::logout(ctx, m)?;
    let name = m.display_name();
    match &r.revocation {
        Revocation::Revoked => ctx
            .printer
            .status(format!("Revoked treevu's access at {name}.")),
        Revocation::NotSupported => ctx.printer.status(format!(
            "{name} has no way for treevu to revoke access; it ends when the token expires, or remove treevu in your {name} account settings."
        )),
        Revocation::NothingToRevoke => {}
        Revocation::Failed(e) => ctx.printer.warn(format!(
            "could not revoke at {name} ({e}); the secret is forgotten here, but remove treevu in your {name} account settings to be sure"
        )),
    }
    if r.forgot_secret || r.forgot_account {
        ctx.printer
            .status(format!("Forgot the saved {name} secret and account."));
    } else {
        ctx.printer
            .status(format!("{name} was not connected; nothing to forget."));
    }
    if let Some(var) = r.env_still_set {
        ctx.printer.warn(format!(
            "{var} is still set in your environment and keeps working until you unset it"
        ));
    }
    Ok(exit::OK)
}
