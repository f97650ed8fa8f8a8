//! `treevu connect <marketplace>`: OAuth sign-in (OLX, Inmuebles24) or API key (Autofact).

use std::io::{IsTerminal, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use clap::Args;

use crate::auth::flow::{self, Browser, ConnectOptions, Connected, FlowObserver};
use crate::auth::loopback::{Note, Via};
use crate::auth::{AuthError, Secret};
use crate::context::Context;
use crate::domain::Marketplace;
use crate::exit;
use crate::i18n::{Localized, Msg};
use crate::msg;
use crate::output::Printer;

#[derive(Debug, Args)]
pub struct ConnectArgs {
    /// olx, inmuebles24 or autofact
    pub marketplace: Marketplace,
    /// Do not open a browser; print the address to open elsewhere (also implied over SSH or with no display)
    #[arg(long)]
    pub no_browser: bool,
    /// Port of the local callback server on 127.0.0.1 [default: any free port]
    #[arg(long, value_name = "N")]
    pub port: Option<u16>,
    /// Seconds to wait for the browser
    #[arg(long, value_name = "SECS", default_value_t = flow::DEFAULT_TIMEOUT.as_secs())]
    pub timeout: u64,
    /// Autofact: read the API key from the first line of stdin instead of a hidden prompt
    #[arg(long)]
    pub api_key_stdin: bool,
}

struct Show {
    printer: Printer,
    name: &'static str,
    timeout: u64,
    paste: bool,
}

impl FlowObserver for Show {
    fn authorize_url(&self, url: &str) {
        self.printer.status(
            self.printer
                .t(&msg!("connect-open-address", marketplace = self.name)),
        );
        // Always shown, even with --quiet: without it nobody can sign in.
        let _ = writeln!(std::io::stderr(), "{}", crate::output::terminal_safe(url));
    }
    fn browser(&self, outcome: &Browser) {
        match outcome {
            Browser::Opened => self
                .printer
                .status(self.printer.loc.get("connect-browser-opened")),
            Browser::Skipped(why) => self
                .printer
                .status(self.printer.t(&msg!("connect-browser-skipped", why = *why))),
            Browser::Failed(e) => self.printer.status(
                self.printer
                    .t(&msg!("connect-browser-failed", error = e.to_string())),
            ),
        }
        self.printer.status(self.printer.t(&msg!(
            "connect-waiting",
            seconds = crate::i18n::Arg::Text(self.timeout.to_string()),
            paste = if self.paste { "yes" } else { "no" }
        )));
    }
    fn note(&self, note: Note) {
        match note {
            Note::OtherPath(p) => self
                .printer
                .detail(self.printer.t(&msg!("connect-ignored-path", path = p))),
            Note::ForgedCallback => self
                .printer
                .warn(self.printer.loc.get("connect-forged-callback")),
            Note::PasteRefused(why) => self
                .printer
                .warn(self.printer.t(&msg!("connect-paste-refused", why = why))),
            Note::PasteClosed => self
                .printer
                .detail(self.printer.loc.get("connect-paste-closed")),
        }
    }
    fn exchanging(&self, via: Via) {
        let via = match via {
            Via::Callback => "browser",
            Via::Paste => "paste",
        };
        self.printer
            .status(self.printer.t(&msg!("connect-approval", via = via)));
    }
}

pub fn run(args: ConnectArgs, ctx: &Context) -> anyhow::Result<u8> {
    let m = args.marketplace;
    let connected = if m.uses_oauth() {
        if args.api_key_stdin {
            return Err(Localized::usage(msg!(
                "connect-api-key-stdin-autofact-only",
                name = m.display_name()
            )));
        }
        let interrupted = Arc::new(AtomicBool::new(false));
        {
            let flag = interrupted.clone();
            ctx.runtime().spawn(async move {
                if tokio::signal::ctrl_c().await.is_ok() {
                    flag.store(true, Ordering::SeqCst);
                }
            });
        }
        let show = Show {
            printer: ctx.printer.clone(),
            name: m.display_name(),
            timeout: args.timeout,
            paste: true,
        };
        flow::connect_oauth(
            ctx,
            m,
            ConnectOptions {
                no_browser: args.no_browser,
                port: args.port.unwrap_or(0),
                timeout: Duration::from_secs(args.timeout),
                paste: Some(Box::new(std::io::BufReader::new(std::io::stdin()))),
                interrupted,
            },
            &show,
        )?
    } else {
        if args.no_browser || args.port.is_some() {
            ctx.printer
                .detail(ctx.printer.loc.get("connect-browser-flags-ignored"));
        }
        // Check the stores before asking for the key.
        flow::check_stores(ctx)?;
        let key = if args.api_key_stdin {
            let mut text = zeroize::Zeroizing::new(String::new());
            std::io::stdin().take(64 * 1024).read_to_string(&mut text)?;
            Secret::new(text.lines().next().unwrap_or("").trim().to_string())
        } else {
            if !std::io::stdin().is_terminal() {
                return Err(Localized::usage(msg!(
                    "secret-no-terminal",
                    flag = "--api-key-stdin"
                )));
            }
            let k = rpassword::prompt_password(ctx.printer.loc.get("connect-api-key-prompt"))?;
            Secret::new(k.trim().to_string())
        };
        if key.expose().is_empty() {
            return Err(Localized::usage(Msg::new("secret-nothing-given")));
        }
        ctx.printer
            .status(ctx.printer.loc.get("connect-checking-key"));
        flow::connect_api_key(ctx, m, key)?
    };
    report(ctx, m, &connected)?;
    Ok(exit::OK)
}

fn report(ctx: &Context, m: Marketplace, c: &Connected) -> Result<(), AuthError> {
    let a = &c.account;
    let who = match &a.display_name {
        Some(_) => "named",
        None if m.uses_oauth() => "user",
        None => "key",
    };
    ctx.printer.status(ctx.printer.t(&msg!(
        "connect-connected",
        marketplace = m.display_name(),
        who = who,
        name = a.display_name.clone().unwrap_or_default(),
        user = &a.remote_user_id,
        store = a.secret_store.to_string(),
        secret_ref = a.secret_ref.to_string()
    )));
    if ctx.env_token(m).is_some() {
        ctx.printer.warn(ctx.printer.t(&msg!(
            "connect-env-wins",
            variable = crate::auth::env_override_name(m)
        )));
    }
    if ctx.printer.is_json() {
        let _ = ctx.printer.json(&serde_json::json!({
            "marketplace": m,
            "remoteUserId": a.remote_user_id,
            "displayName": a.display_name,
            "secretStore": a.secret_store,
            "secretRef": a.secret_ref,
            "expiresAt": c.expires_at.and_then(|e| chrono::DateTime::from_timestamp(e, 0)).map(|d| d.to_rfc3339()),
        }));
    }
    Ok(())
}
