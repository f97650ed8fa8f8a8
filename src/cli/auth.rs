//! `treevu auth status|token|logout|llm-key`: what is connected, the current secret for
//! scripts, forgetting, and the key of the LLM behind `recommend --explain`.

use std::io::{IsTerminal, Read};

use clap::Subcommand;
use serde_json::Value;

use crate::auth::Secret;
use crate::auth::flow::{self, Revocation};
use crate::context::Context;
use crate::domain::Marketplace;
use crate::exit::{self, Coded};
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
    /// Save the API key of the LLM behind 'recommend --explain' in the secret store
    LlmKey {
        /// Read the key from the first line of stdin instead of a hidden prompt
        #[arg(long)]
        stdin: bool,
        /// Forget the saved key instead
        #[arg(long, conflicts_with = "stdin")]
        delete: bool,
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
        AuthCommand::LlmKey { stdin, delete } => llm_key(ctx, stdin, delete),
    }
}

fn llm_key(ctx: &Context, from_stdin: bool, delete: bool) -> anyhow::Result<u8> {
    let user = crate::auth::llm_key_user(&ctx.settings.profile);
    if delete {
        let store = ctx.secret_store()?;
        let had = store.delete(&user)?;
        ctx.printer.status(if had {
            format!("Forgot the LLM key ({}).", store.reference(&user))
        } else {
            "No LLM key was saved; nothing to forget.".to_string()
        });
        return Ok(exit::OK);
    }
    // Check the store before asking for the key, so nobody types it for nothing.
    let store = flow::check_store(ctx)?;
    let key = if from_stdin {
        let mut text = zeroize::Zeroizing::new(String::new());
        std::io::stdin().take(64 * 1024).read_to_string(&mut text)?;
        Secret::new(text.lines().next().unwrap_or("").trim().to_string())
    } else {
        if !std::io::stdin().is_terminal() {
            return Err(Coded::usage(
                "stdin is not a terminal: pass the key with --stdin (never on the command line)",
            ));
        }
        let k =
            zeroize::Zeroizing::new(rpassword::prompt_password("LLM API key (input hidden): ")?);
        Secret::new(k.trim().to_string())
    };
    if key.expose().is_empty() {
        return Err(Coded::usage("no API key given"));
    }
    store.set(&user, &key)?;
    ctx.printer.status(format!(
        "Saved the LLM key in the {} store ({}).",
        store.kind().as_str(),
        store.reference(&user)
    ));
    if std::env::var(crate::auth::LLM_KEY_ENV).is_ok_and(|v| !v.trim().is_empty()) {
        ctx.printer.warn(format!(
            "{} is set and wins over the saved key until you unset it",
            crate::auth::LLM_KEY_ENV
        ));
    }
    if ctx.settings.llm.url.is_none() || ctx.settings.llm.model.is_none() {
        ctx.printer.status(
            "To use it, set TREEVU_LLM_URL and TREEVU_LLM_MODEL (or [llm] url/model in config.toml).",
        );
    }
    Ok(exit::OK)
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
