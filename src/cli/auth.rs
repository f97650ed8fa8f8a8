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
use crate::exit;
use crate::i18n::{Localized, Msg};
use crate::msg;
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
            return Err(Localized::usage(msg!("secret-no-terminal", flag = flag)));
        }
        let k = zeroize::Zeroizing::new(rpassword::prompt_password(prompt)?);
        Secret::new(k.trim().to_string())
    };
    if secret.expose().is_empty() {
        return Err(Localized::usage(Msg::new("secret-nothing-given")));
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
        return Err(Localized::usage(msg!(
            "auth-client-secret-not-oauth",
            name = m.display_name(),
            marketplace = m.as_str()
        )));
    }
    let user = crate::auth::client_secret_user(&ctx.settings, m);
    if delete {
        let store = ctx.secret_store()?;
        let had = store.delete(&user)?;
        ctx.printer.say(&if had {
            msg!(
                "auth-forgot-client-secret",
                name = m.display_name(),
                reference = store.reference(&user)
            )
        } else {
            msg!("auth-no-client-secret", name = m.display_name())
        });
        return Ok(exit::OK);
    }
    let store = flow::check_store(ctx)?;
    let secret = read_secret(
        from_stdin,
        &ctx.printer
            .t(&msg!("auth-client-secret-prompt", name = m.display_name())),
        "--stdin",
    )?;
    store.set(&user, &secret)?;
    let method = ctx
        .settings
        .endpoint(m)
        .token_endpoint_auth_method
        .clone()
        .unwrap_or_else(|| "client_secret_basic".into());
    ctx.printer.say(&msg!(
        "auth-saved-client-secret",
        name = m.display_name(),
        store = store.kind().as_str(),
        reference = store.reference(&user),
        method = method
    ));
    Ok(exit::OK)
}

fn llm_key(ctx: &Context, from_stdin: bool, delete: bool) -> anyhow::Result<u8> {
    let user = crate::auth::llm_key_user(&ctx.settings.profile);
    if delete {
        let store = ctx.secret_store()?;
        let had = store.delete(&user)?;
        ctx.printer.say(&if had {
            msg!("auth-forgot-llm-key", reference = store.reference(&user))
        } else {
            Msg::new("auth-no-llm-key")
        });
        return Ok(exit::OK);
    }
    // Check the store before asking for the key, so nobody types it for nothing.
    let store = flow::check_store(ctx)?;
    let prompt = ctx.printer.t(&Msg::new("auth-llm-key-prompt"));
    let key = read_secret(from_stdin, &prompt, "--stdin")?;
    store.set(&user, &key)?;
    ctx.printer.say(&msg!(
        "auth-saved-llm-key",
        store = store.kind().as_str(),
        reference = store.reference(&user)
    ));
    if std::env::var(crate::auth::LLM_KEY_ENV).is_ok_and(|v| !v.trim().is_empty()) {
        ctx.printer.warn(
            ctx.printer
                .t(&msg!("auth-env-wins", var = crate::auth::LLM_KEY_ENV)),
        );
    }
    if ctx.settings.llm.url.is_none() || ctx.settings.llm.model.is_none() {
        ctx.printer.say(&Msg::new("auth-llm-configure"));
    }
    Ok(exit::OK)
}

fn status(ctx: &Context) -> anyhow::Result<u8> {
    let rows = crate::auth::status(ctx)?;
    let attention = rows.iter().any(|r| r.needs_attention());
    for r in &rows {
        if let Some(p) = &r.problem {
            ctx.printer.warn(ctx.printer.t(&msg!(
                "auth-status-problem",
                marketplace = r.marketplace.as_str(),
                problem = p
            )));
        } else if r.needs_reconnect {
            ctx.printer.warn(ctx.printer.t(&msg!(
                "auth-status-reconnect",
                marketplace = r.marketplace.as_str()
            )));
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
            Column::when("expiresAt", "Expires"),
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
        Revocation::Revoked => ctx.printer.say(&msg!("auth-revoked", name = name)),
        Revocation::NotSupported => ctx
            .printer
            .say(&msg!("auth-revoke-unsupported", name = name)),
        Revocation::NothingToRevoke => {}
        Revocation::Failed(e) => ctx.printer.warn(ctx.printer.t(&msg!(
            "auth-revoke-failed",
            name = name,
            error = e
        ))),
    }
    if r.forgot_secret || r.forgot_account {
        ctx.printer.say(&msg!("auth-forgot-account", name = name));
    } else {
        ctx.printer.say(&msg!("auth-not-connected", name = name));
    }
    if let Some(var) = r.env_still_set {
        ctx.printer
            .warn(ctx.printer.t(&msg!("auth-env-still-set", var = var)));
    }
    Ok(exit::OK)
}
