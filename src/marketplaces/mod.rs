//! Typed clients for the three marketplace APIs, and the one error type they share.

/// A `PUT` body: every field optional, and only the fields set are sent
/// (and so replaced).
macro_rules! update_body {
    ($(#[$doc:meta])* $name:ident { $($field:ident: $t:ty),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            $(
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$t>,
            )*
        }
    };
}

/// A marketplace client's struct, its `M` constant and the constructors and
/// `http()` every client has; written once because the three differ only in
/// their endpoints (the `impl` blocks in each file hold those).
macro_rules! marketplace_client {
    ($(#[$doc:meta])* $name:ident, $m:expr) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name {
            http: $crate::marketplaces::HttpClient,
        }

        const M: $crate::domain::Marketplace = $m;

        impl $name {
            pub fn new(http: $crate::marketplaces::HttpClient) -> Self {
                debug_assert_eq!(http.marketplace(), M);
                $name { http }
            }

            /// From the configured endpoint; `tokens` yields what the
            /// marketplace takes (OLX and Inmuebles24: a token beside the app
            /// key; Autofact: the merchant's API key).
            pub fn from_endpoint(
                ep: &$crate::config::MarketplaceEndpoint,
                tokens: std::sync::Arc<dyn $crate::marketplaces::TokenSource>,
                logger: Option<$crate::marketplaces::RequestLogger>,
            ) -> Result<Self, $crate::marketplaces::ClientConfigError> {
                $crate::marketplaces::factory::http_for(M, ep, tokens, logger).map($name::new)
            }

            /// The shared HTTP layer: rate info, request counts.
            pub fn http(&self) -> &$crate::marketplaces::HttpClient {
                &self.http
            }
        }
    };
}

pub mod autofact;
pub mod factory;
pub mod http;
pub mod inmuebles24;
pub mod olx;
pub mod records;
pub mod sandbox_credentials;
#[cfg(test)]
mod sandbox_smoke;
#[cfg(test)]
pub(crate) mod testserver;
/// The wire types live in the domain crate, which the sandbox shares.
pub use treevu_domain::wire as types;
pub use treevu_domain::wire::validate;

pub use autofact::{AutofactClient, NewAutofactVehicle, VehicleUpdate};
pub use factory::MarketplaceClient;
pub use http::{ClientConfigError, HttpClient, retry_transient};
pub use inmuebles24::{Inmuebles24Client, NewInmuebles24Property, PropertyUpdate};
pub use olx::{NewOlxListing, OlxClient, OlxListingUpdate};
pub use sandbox_credentials::{SandboxCredentials, fetch_sandbox_credentials};

use std::time::Duration;

use crate::domain::Marketplace;
use crate::exit::{self, ExitStatus};

/// What can go wrong talking to a marketplace, told apart so callers can act:
/// refresh on `Unauthorized`, wait on `RateLimited`, retry on `Server`/`Network`.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{marketplace} refused the credentials: {message}; run 'treevu connect {marketplace}'")]
    Unauthorized {
        marketplace: Marketplace,
        message: String,
    },
    #[error("{marketplace} rate limit reached; retry in {} s", retry_after.as_secs())]
    RateLimited {
        marketplace: Marketplace,
        retry_after: Duration,
    },
    #[error("{marketplace} has no {what}")]
    NotFound {
        marketplace: Marketplace,
        what: String,
    },
    // Worded for both sides: the marketplace's 422, and our own check before sending.
    #[error("invalid data for {marketplace}{}: {message}", field.as_deref().map(|f| format!(" (field '{f}')")).unwrap_or_default())]
    InvalidPayload {
        marketplace: Marketplace,
        field: Option<String>,
        message: String,
    },
    #[error("{marketplace} answered {status}: {message}")]
    Server {
        marketplace: Marketplace,
        status: u16,
        message: String,
    },
    #[error("cannot reach {marketplace}: {message}")]
    Network {
        marketplace: Marketplace,
        message: String,
    },
    /// The credential could not be read (secret store locked, wrong file
    /// passphrase, ...): nothing was sent.
    #[error("cannot use the stored {marketplace} credentials: {message}")]
    Credentials {
        marketplace: Marketplace,
        message: String,
    },
}

impl ApiError {
    /// True when the request never left treevu, so it costs no rate budget.
    pub fn was_not_sent(&self) -> bool {
        matches!(self, ApiError::Credentials { .. })
    }

    /// Worth retrying with backoff.
    pub fn is_transient(&self) -> bool {
        matches!(self, ApiError::Server { status, .. } if *status >= 500)
            || matches!(self, ApiError::Network { .. })
    }
}

impl ExitStatus for ApiError {
    fn exit_code(&self) -> u8 {
        match self {
            ApiError::Unauthorized { .. } => exit::NEEDS_RECONNECT,
            _ => exit::ERROR,
        }
    }
}

/// A boxed future, so credential sources can be trait objects without an extra crate.
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// Where a client gets the secret it sends, and how it asks for a fresh one.
///
/// OAuth accounts (OLX, Inmuebles24) are implemented in `auth` over the secret
/// store with refresh under a lock; an environment override or an Autofact API
/// key is a fixed value whose `refresh` fails with `Unauthorized`.
/// Clients call `refresh` at most once per request, after a 401, and retry once.
pub trait TokenSource: Send + Sync {
    /// The current access token (or API key), refreshing first if it is about to expire.
    fn current(&self) -> BoxFuture<'_, Result<String, ApiError>>;
    /// The server refused `rejected`: get a new one (another process may already have).
    fn refresh(&self, rejected: String) -> BoxFuture<'_, Result<String, ApiError>>;
}

/// A fixed secret: an `TREEVU_*_TOKEN` override, or an Autofact API key.
pub struct StaticToken {
    pub marketplace: Marketplace,
    pub secret: String,
}

impl TokenSource for StaticToken {
    fn current(&self) -> BoxFuture<'_, Result<String, ApiError>> {
        let s = self.secret.clone();
        Box::pin(async move { Ok(s) })
    }
    fn refresh(&self, _rejected: String) -> BoxFuture<'_, Result<String, ApiError>> {
        let marketplace = self.marketplace;
        Box::pin(async move {
            Err(ApiError::Unauthorized {
                marketplace,
                message: "the credential was refused and cannot be refreshed".into(),
            })
        })
    }
}

/// The `X-RateLimit-*` headers of the last answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateInfo {
    pub limit: u32,
    pub remaining: u32,
    /// Unix seconds when the window resets.
    pub reset_at: i64,
}

/// One request as `--verbose` shows it: never a header or a body, so never a secret.
#[derive(Debug, Clone)]
pub struct RequestLog {
    pub marketplace: Marketplace,
    pub method: String,
    /// Path and query, without the base URL.
    pub path: String,
    /// HTTP status, or `None` when no answer came.
    pub status: Option<u16>,
    pub elapsed: Duration,
    /// What else `-v` says of a sign-in's request; none for API calls.
    pub sign_in: Option<SignInLog>,
}

/// A sign-in request as `-v` shows it: typed, so the CLI words it in the user's language.
#[derive(Debug, Clone)]
pub struct SignInLog {
    pub step: crate::auth::Step,
    /// The form sent, its secrets redacted (empty for a GET).
    pub form: String,
    /// The client authenticated with HTTP Basic rather than in the form.
    pub basic_auth: bool,
}

/// Receives each request's log line (the CLI prints them with `--verbose`).
pub type RequestLogger = std::sync::Arc<dyn Fn(&RequestLog) + Send + Sync>;

/// A record of a list page that failed the spec's validation: set aside, the sync goes on.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordError {
    pub remote_id: Option<String>,
    pub reason: String,
    pub payload: serde_json::Value,
}

/// One page of a list endpoint, each record parsed and validated on its own.
#[derive(Debug)]
pub struct ListPage<T> {
    pub items: Vec<Result<T, RecordError>>,
    pub page: u32,
    pub limit: u32,
    pub total: u64,
}
