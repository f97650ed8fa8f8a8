//! The built-in marketplace sandbox: OLX, Inmuebles24 and Autofact on loopback.
//!
//! [`Sandbox::start`] binds `127.0.0.1` (never another interface), generates the
//! merchant's listings and the market from a seed, and serves the contract in
//! `docs/marketplaces.md` from a pool of worker threads until it is dropped.
//! It is the demo for new users (`treevu sandbox serve`) and the peer of every
//! integration test, so it is faithful first: the same validation, paging,
//! OAuth, rate limits and failure modes a client meets in production.

mod autofact;
mod churn;
mod data;
mod faults;
mod hazard;
mod http;
mod inmuebles24;
mod llm;
mod oauth;
mod olx;
mod ratelimit;
mod server;
mod table;
mod transport;
mod twins;

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

pub use server::{Api, ROUTES};

/// How a sandbox behaves. `Default` is what `treevu sandbox serve` uses.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Same seed, same data byte for byte (ids, prices, timestamps).
    pub seed: u64,
    /// The demo merchant's listings per marketplace.
    pub listings: usize,
    /// Other sellers' listings behind the market endpoints (Inmuebles24 and Autofact).
    pub market: usize,
    /// Added to every API answer.
    pub latency: Duration,
    /// Share (0..=1) of API answers that are 500/502/503.
    pub error_rate: f64,
    /// Share (0..=1) of the merchant's records served broken in list pages.
    pub malformed_rate: f64,
    /// Requests per window and account, for all three marketplaces; `None`: the spec's hourly limits.
    pub rate_limit: Option<u32>,
    /// Length of a rate-limit window; `None`: one hour.
    pub rate_window: Option<Duration>,
    /// The authorize endpoint redirects with a code at once, without a consent page.
    pub auto_approve: bool,
    /// Listings move between calls: engagement, prices, sales, removals, new ones.
    pub churn: bool,
    /// Lifetime of access tokens.
    pub token_ttl: Duration,
    /// Requests answered at once (handlers run on this many threads at most).
    pub workers: usize,
    /// The sandbox's "today": generated listings are dated before it. `None`
    /// is a fixed day of the period the real data was seen in, so a seed gives
    /// the same bytes on any day; the demo passes the real now, so ages,
    /// readiness and forecasts look like a live market.
    pub as_of: Option<chrono::DateTime<chrono::Utc>>,
    /// How the token and revocation endpoints authenticate the app, as
    /// production servers do (RFC 6749 §2.3): public clients by default.
    pub client_auth: ClientAuthRule,
}

/// What the sandbox's OAuth servers ask of the app at the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum ClientAuthRule {
    /// A public client: `client_id` in the form; PKCE proves the rest.
    #[default]
    Public,
    /// A confidential client with HTTP Basic (`client_secret_basic`).
    Basic,
    /// A confidential client with the secret in the form (`client_secret_post`).
    Post,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions {
            port: 0,
            seed: 42,
            listings: 36,
            market: 3000,
            latency: Duration::ZERO,
            error_rate: 0.0,
            malformed_rate: 0.0,
            rate_limit: None,
            rate_window: None,
            auto_approve: false,
            churn: false,
            token_ttl: Duration::from_secs(3600),
            workers: 12,
            as_of: None,
            client_auth: ClientAuthRule::Public,
        }
    }
}

/// The app credentials of the two OAuth marketplaces, and the demo merchant's Autofact key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppCredentials {
    pub client_id: String,
    pub api_key: String,
    /// Only with confidential clients (`--client-auth basic|post`): the app's
    /// secret, which a real app keeps in the keyring (`treevu auth client-secret`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
}

/// What a client needs to talk to the sandbox (`GET /_sandbox/credentials` serves the same).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SandboxCredentials {
    pub olx: AppCredentials,
    pub inmuebles24: AppCredentials,
    pub autofact: AutofactCredentials,
    /// The key of the fake model at `/llm/v1/chat/completions` (`recommend --explain`).
    pub llm: LlmCredentials,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AutofactCredentials {
    pub api_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LlmCredentials {
    pub api_key: String,
}

/// A running sandbox; stops when dropped.
pub struct Sandbox {
    port: u16,
    credentials: SandboxCredentials,
    front: transport::Front,
}

impl Sandbox {
    /// Generates the data, binds 127.0.0.1:`opts.port` and starts answering.
    pub fn start(opts: SandboxOptions) -> anyhow::Result<Sandbox> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", opts.port))
            .map_err(|e| anyhow::anyhow!("cannot listen on 127.0.0.1:{}: {e}", opts.port))?;
        let port = listener.local_addr()?.port();
        let workers = opts.workers;
        let shared = Arc::new(server::Shared::new(opts));
        let credentials = shared.credentials.clone();
        let front = transport::Front::spawn(listener, shared, workers)?;
        Ok(Sandbox {
            port,
            credentials,
            front,
        })
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn credentials(&self) -> &SandboxCredentials {
        &self.credentials
    }

    /// Stops accepting requests and waits for the answers being worked on.
    pub fn shutdown(mut self) {
        self.front.stop();
    }
}
