//! `treevu auth status|token|logout|llm-key|client-secret`: what is connected, the
//! current secret for scripts, forgetting, the key of the LLM behind `recommend
//! --explain`, and the app's OAuth client secret for confidential clients.

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
    /// Save the app's OAuth client secret (servers that want a confidential client) in the secret store
    ClientSecret {
        /// olx or inmuebles24
        marketplace: Marketplace,
        /// Read the secret from the first line of stdin instead of a hidden prompt
        #[arg(long)]
        stdin: bool,
        /// Forget the saved secret instead (treevu is a public client again)
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
        AuthCommand::ClientSecret {
            marketplace,
            stdin,
            delete,
        } => client_secret(ctx, marketplace, stdin, delete),
    }
}

/// A secret typed at a hidden prompt, or the first line of stdin; never an argument.
fn read_secret(from_stdin: bool, prompt: &str, flag: &str) -> anyhow::Result<Secret> {
    let secret = if from_stdin {
        let mut text = zeroize::Zeroizing::new(String::new());
        std::io::stdin().take(64 * 1024).read_to_string(&mut text)?;
        Secret::new(text.lines().next().unwrap_or("").trim().to_string())
    } else {
        if !std::io::stdin().is_terminal() {
            return Err(Coded::usage(format!(
                "stdin is not a terminal: pass it with {flag} (never on the command line)"
            )));
        }
        let k = zeroize::Zeroizing::new(rpassword::prompt_password(prompt)?);
        Secret::new(k.trim().to_string())
    };
    if secret.expose().is_empty() {
        return Err(Coded::usage("nothing given"));
    }
    Ok(secret)
}

fn client_secret(
    ctx: &Context,
    m: Marketplace,
    from_stdin: bool,
    delete: bool,
) -> anyhow::Result<u8> {
    if !m.uses_oauth() {
        return Err(Coded::usage(format!(
            "{} uses an API key, not OAuth: there is no client secret (see 'treevu connect autofact')",
            m.display_name()
        )));
    }
    let user = crate::auth::client_secret_user(&ctx.settings, m);
    if delete {
        let store = ctx.secret_store()?;
        let had = store.delete(&user)?;
        ctx.printer.status(if had {
            format!(
                "Forgot the {} client secret ({}).",
                m.display_name(),
                store.reference(&user)
            )
        } else {
            format!(
                "No {} client secret was saved; nothing to forget.",
                m.display_name()
            )
        });
        return Ok(exit::OK);
    }
    let store = flow::check_store(ctx)?;
    let secret = read_secret(
        from_stdin,
        &format!("{} client secret (input hidden): ", m.display_name()),
        "--stdin",
    )?;
    store.set(&user, &secret)?;
    let method = ctx
        .settings
        .endpoint(m)
        .token_endpoint_auth_method
        .clone()
        .unwrap_or_else(|| "client_secret_basic".into());
    ctx.printer.status(format!(
        "Saved the {} client secret in the {} store ({}); treevu authenticates with {method}.",
        m.display_name(),
        store.kind().as_str(),
        store.reference(&user)
    ));
    Ok(exit::OK)
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
    let key = read_secret(from_stdin, "LLM API key (input hidden): ", "--stdin")?;
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
