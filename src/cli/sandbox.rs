//! `treevu sandbox serve`: the three marketplace APIs on loopback, for the demo and tests.

use std::io::Write;
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};

use crate::context::Context;
use crate::i18n::Msg;
use crate::msg;
use crate::sandbox::{Sandbox, SandboxOptions};

#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    /// Serve OLX, Inmuebles24 and Autofact on 127.0.0.1 until Ctrl-C
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Seed of the generated data: the same seed serves the same records byte for byte
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// The demo merchant's listings per marketplace
    #[arg(long, value_name = "N", default_value_t = 36)]
    pub listings: usize,
    /// Other sellers' listings behind the market endpoints
    #[arg(long, value_name = "N", default_value_t = 3000)]
    pub market: usize,
    /// Delay added to every marketplace answer, in milliseconds
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub latency_ms: u64,
    /// Share of API answers that fail with 500/502/503 (0 to 1)
    #[arg(long, value_name = "SHARE", default_value_t = 0.0, value_parser = share)]
    pub error_rate: f64,
    /// Share of the merchant's records served breaking the spec's validation (0 to 1)
    #[arg(long, value_name = "SHARE", default_value_t = 0.0, value_parser = share)]
    pub malformed_rate: f64,
    /// Requests per window and account, for all three marketplaces [default: the spec's hourly limits]
    #[arg(long, value_name = "N")]
    pub rate_limit: Option<u32>,
    /// Length of a rate-limit window in seconds [default: 3600]
    #[arg(long, value_name = "S")]
    pub rate_window_secs: Option<u64>,
    /// Approve OAuth authorizations at once, without the consent page
    #[arg(long)]
    pub auto_approve: bool,
    /// Move the market between calls: engagement, prices, sales, removals, new listings
    #[arg(long)]
    pub churn: bool,
    /// Lifetime of access tokens, in seconds
    #[arg(long, value_name = "S", default_value_t = 3600)]
    pub token_ttl_secs: u64,
    /// Date the generated listings as of now instead of a fixed day (a live-looking
    /// market; the same seed then gives the same data only on the same day)
    #[arg(long)]
    pub live_dates: bool,
    /// How the OAuth token endpoints authenticate the app: public (PKCE only), or a
    /// confidential client by HTTP Basic or by the secret in the form, as production servers do
    #[arg(long, value_enum, value_name = "HOW", default_value = "public")]
    pub client_auth: crate::sandbox::ClientAuthRule,
}

fn share(s: &str) -> Result<f64, super::shared::parse_error::Refused> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(super::shared::parse_error::Refused(crate::msg!(
            "parse-why-share",
            value = s
        ))),
    }
}

impl ServeArgs {
    pub fn options(&self) -> SandboxOptions {
        SandboxOptions {
            port: self.port,
            seed: self.seed,
            listings: self.listings,
            market: self.market,
            latency: Duration::from_millis(self.latency_ms),
            error_rate: self.error_rate,
            malformed_rate: self.malformed_rate,
            rate_limit: self.rate_limit,
            rate_window: self.rate_window_secs.map(Duration::from_secs),
            auto_approve: self.auto_approve,
            churn: self.churn,
            token_ttl: Duration::from_secs(self.token_ttl_secs),
            client_auth: self.client_auth,
            // Whole days, so two sandboxes started the same day agree.
            as_of: self.live_dates.then(|| {
                let now = chrono::Utc::now();
                now - chrono::Duration::seconds(now.timestamp() % 86_400)
            }),
            ..SandboxOptions::default()
        }
    }
}

pub fn run(cmd: SandboxCommand, ctx: &Context) -> anyhow::Result<u8> {
    match cmd {
        SandboxCommand::Serve(args) => serve(&args, ctx),
    }
}

fn serve(args: &ServeArgs, ctx: &Context) -> anyhow::Result<u8> {
    let started = Instant::now();
    let signals = ctx.block_on(async { StopSignals::install() })?;
    let sandbox = Sandbox::start(args.options())?;
    let base = sandbox.base_url();
    let c = sandbox.credentials();
    // The listening line comes first and alone, so scripts and tests can read the port.
    let mut out = std::io::stdout().lock();
    writeln!(out, "treevu sandbox listening on {base}")?;
    // These are the sandbox's demo credentials, printed on purpose: they open nothing real.
    writeln!(
        out,
        "OLX          client id {}  app key {}",
        c.olx.client_id, c.olx.api_key
    )?;
    writeln!(
        out,
        "Inmuebles24  client id {}  app key {}",
        c.inmuebles24.client_id, c.inmuebles24.api_key
    )?;
    for (name, app, m) in [
        ("OLX", &c.olx, "olx"),
        ("Inmuebles24", &c.inmuebles24, "inmuebles24"),
    ] {
        if let Some(secret) = &app.client_secret {
            writeln!(
                out,
                "{name:<12} client secret {secret}  (store it: treevu auth client-secret {m})"
            )?;
        }
    }
    writeln!(out, "Autofact     merchant key {}", c.autofact.api_key)?;
    writeln!(
        out,
        "LLM          key {}  url {base}/llm/v1  (models sandbox-good, sandbox-broken, sandbox-out-of-range)",
        c.llm.api_key
    )?;
    writeln!(out, "export TREEVU_SANDBOX={base}")?;
    out.flush()?;
    drop(out);
    ctx.printer.say(&msg!(
        "sandbox-ready",
        ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        seed = args.seed.to_string(),
        listings = args.listings,
        market = args.market
    ));
    ctx.block_on(signals.wait())?;
    ctx.printer.say(&Msg::new("sandbox-stopped"));
    sandbox.shutdown();
    Ok(crate::exit::OK)
}

/// Ctrl-C (SIGINT) and, on Unix, SIGTERM, listened to from creation on: a signal that
/// arrives right after the listening line must stop the sandbox cleanly, not kill it.
struct StopSignals {
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
}

impl StopSignals {
    /// Needs a runtime: call inside `block_on`.
    fn install() -> anyhow::Result<StopSignals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(StopSignals {
                int: signal(SignalKind::interrupt())?,
                term: signal(SignalKind::terminate())?,
            })
        }
        #[cfg(not(unix))]
        {
            Ok(StopSignals {})
        }
    }

    /// Returns on the first of the signals.
    async fn wait(mut self) -> anyhow::Result<()> {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.int.recv() => {}
                _ = self.term.recv() => {}
            }
            Ok(())
        }
        #[cfg(not(unix))]
        {
            tokio::signal::ctrl_c().await?;
            Ok(())
        }
    }
}
