//! Typed clients for the three marketplace APIs, and the one error type they share.

pub mod types;

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
    #[error("{marketplace} rejected the data{}: {message}", field.as_deref().map(|f| format!(" (field '{f}')")).unwrap_or_default())]
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
}

impl ApiError {
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
