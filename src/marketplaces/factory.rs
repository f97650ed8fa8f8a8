//! Builds the right client for a marketplace from its configured endpoint, a
//! token source and an optional request logger, so callers (sync, CLI) need
//! not know which marketplace wants which headers.

use std::sync::Arc;

use super::autofact::AutofactClient;
use super::http::{ClientConfigError, HttpClient};
use super::inmuebles24::Inmuebles24Client;
use super::olx::OlxClient;
use super::{RequestLogger, TokenSource};
use crate::config::MarketplaceEndpoint;
use crate::domain::Marketplace;

/// A client for one of the three marketplaces.
#[derive(Debug)]
pub enum MarketplaceClient {
    Olx(OlxClient),
    Inmuebles24(Inmuebles24Client),
    Autofact(AutofactClient),
}

impl MarketplaceClient {
    /// The client `m` needs. OLX and Inmuebles24 require the app key in `ep`.
    pub fn build(
        m: Marketplace,
        ep: &MarketplaceEndpoint,
        tokens: Arc<dyn TokenSource>,
        logger: Option<RequestLogger>,
    ) -> Result<Self, ClientConfigError> {
        let http = http_for(m, ep, tokens, logger)?;
        Ok(match m {
            Marketplace::Olx => MarketplaceClient::Olx(OlxClient::new(http)),
            Marketplace::Inmuebles24 => {
                MarketplaceClient::Inmuebles24(Inmuebles24Client::new(http))
            }
            Marketplace::Autofact => MarketplaceClient::Autofact(AutofactClient::new(http)),
        })
    }

    pub fn marketplace(&self) -> Marketplace {
        self.http().marketplace()
    }

    /// The shared layer: `rate_info()`, `requests_made()`, `throttled()`.
    pub fn http(&self) -> &HttpClient {
        match self {
            MarketplaceClient::Olx(c) => c.http(),
            MarketplaceClient::Inmuebles24(c) => c.http(),
            MarketplaceClient::Autofact(c) => c.http(),
        }
    }

    pub fn as_olx(&self) -> Option<&OlxClient> {
        match self {
            MarketplaceClient::Olx(c) => Some(c),
            _ => None,
        }
    }

    pub fn as_inmuebles24(&self) -> Option<&Inmuebles24Client> {
        match self {
            MarketplaceClient::Inmuebles24(c) => Some(c),
            _ => None,
        }
    }

    pub fn as_autofact(&self) -> Option<&AutofactClient> {
        match self {
            MarketplaceClient::Autofact(c) => Some(c),
            _ => None,
        }
    }
}

/// The shared HTTP layer for `m` at `ep`. Missing app keys are caught here,
/// before any request, because the API's 401 would wrongly suggest reconnecting.
pub(crate) fn http_for(
    m: Marketplace,
    ep: &MarketplaceEndpoint,
    tokens: Arc<dyn TokenSource>,
    logger: Option<RequestLogger>,
) -> Result<HttpClient, ClientConfigError> {
    let app_key = ep.app_key.clone().filter(|k| !k.trim().is_empty());
    if m.uses_oauth() && app_key.is_none() {
        return Err(ClientConfigError::MissingAppKey {
            marketplace: m,
            env_prefix: m.env_prefix(),
        });
    }
    HttpClient::builder(m, ep.api_base.clone(), tokens)
        .app_key(if m.uses_oauth() { app_key } else { None })
        .logger(logger)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::marketplaces::StaticToken;

    fn tokens(m: Marketplace) -> Arc<dyn TokenSource> {
        Arc::new(StaticToken {
            marketplace: m,
            secret: "s3cr3t-token".into(),
        })
    }

    #[test]
    fn builds_each_marketplace_and_requires_app_keys_for_oauth_ones() {
        let base = "http://127.0.0.1:9";
        for m in Marketplace::ALL {
            let mut ep = MarketplaceEndpoint::sandbox(m, base);
            if m.uses_oauth() {
                let err = MarketplaceClient::build(m, &ep, tokens(m), None).unwrap_err();
                assert!(
                    err.to_string()
                        .contains(&format!("{}_APP_KEY", m.env_prefix())),
                    "{err}"
                );
                ep.app_key = Some("app-key-123".into());
            }
            let c = MarketplaceClient::build(m, &ep, tokens(m), None).unwrap();
            assert_eq!(c.marketplace(), m);
            assert_eq!(c.as_olx().is_some(), m == Marketplace::Olx);
            assert_eq!(c.as_autofact().is_some(), m == Marketplace::Autofact);
            // The app key never shows in debug output.
            assert!(!format!("{c:?}").contains("app-key-123"));
        }
    }

    #[test]
    fn rejects_unusable_base_urls() {
        let mut ep = MarketplaceEndpoint::sandbox(Marketplace::Autofact, "http://x");
        for bad in [
            "ftp://example.com/v1",
            "not a url",
            "https://user:hunter2@example.com/v1",
            "https://example.com/v1?x=1",
        ] {
            ep.api_base = bad.into();
            let err = MarketplaceClient::build(
                Marketplace::Autofact,
                &ep,
                tokens(Marketplace::Autofact),
                None,
            )
            .unwrap_err();
            assert!(
                matches!(err, ClientConfigError::BadBaseUrl { .. }),
                "{bad}: {err}"
            );
            assert!(!err.to_string().contains("hunter2"), "{err}");
        }
    }
}
