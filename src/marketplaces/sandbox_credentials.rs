//! The app credentials a running `treevu sandbox serve` hands out at
//! `GET /_sandbox/credentials`, so `TREEVU_SANDBOX=http://127.0.0.1:PORT`
//! works without copying client ids and keys by hand.

use std::time::Duration;

use serde::Deserialize;

use super::ApiError;
use super::http::{reqwest_client, shorten};
use crate::config::Settings;
use crate::domain::Marketplace;

/// An OAuth app's identity at OLX or Inmuebles24.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppCredentials {
    pub client_id: String,
    pub api_key: String,
}

/// Autofact's key is the demo merchant's (it goes to the secret store, not the config).
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AutofactCredentials {
    pub api_key: String,
}

/// `{"olx":{"clientId","apiKey"},"inmuebles24":{"clientId","apiKey"},"autofact":{"apiKey"}}`.
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct SandboxCredentials {
    pub olx: AppCredentials,
    pub inmuebles24: AppCredentials,
    pub autofact: AutofactCredentials,
}

// Hand-written so `{:?}` shows which ids were handed out but never a key.
impl std::fmt::Debug for AppCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppCredentials")
            .field("client_id", &self.client_id)
            .field("api_key", &"<redacted>")
            .finish()
    }
}

impl std::fmt::Debug for AutofactCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AutofactCredentials")
            .field("api_key", &"<redacted>")
            .finish()
    }
}

impl std::fmt::Debug for SandboxCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxCredentials")
            .field("olx", &self.olx)
            .field("inmuebles24", &self.inmuebles24)
            .field("autofact", &self.autofact)
            .finish()
    }
}

impl SandboxCredentials {
    /// Fills the OLX and Inmuebles24 `client_id` and `app_key` that are not set
    /// yet: an explicit `TREEVU_OLX_CLIENT_ID` (or config) still wins.
    pub fn apply_to(&self, settings: &mut Settings) {
        for (m, creds) in [
            (Marketplace::Olx, &self.olx),
            (Marketplace::Inmuebles24, &self.inmuebles24),
        ] {
            if let Some(ep) = settings.endpoints.get_mut(&m) {
                if ep.client_id.as_deref().is_none_or(str::is_empty) {
                    ep.client_id = Some(creds.client_id.clone());
                }
                if ep.app_key.as_deref().is_none_or(str::is_empty) {
                    ep.app_key = Some(creds.api_key.clone());
                }
            }
        }
    }

    /// The demo merchant's Autofact key, for `treevu connect autofact` against the sandbox.
    pub fn autofact_key(&self) -> &str {
        &self.autofact.api_key
    }
}

/// `GET {base}/_sandbox/credentials`. Errors are reported as OLX's (the first
/// marketplace the sandbox serves) and say it was the sandbox that failed.
pub async fn fetch_sandbox_credentials(base: &str) -> Result<SandboxCredentials, ApiError> {
    let marketplace = Marketplace::Olx;
    let base = base.trim().trim_end_matches('/');
    let network = |message: String| ApiError::Network {
        marketplace,
        message,
    };
    let url = url::Url::parse(&format!("{base}/_sandbox/credentials"))
        .map_err(|e| network(format!("TREEVU_SANDBOX='{base}' is not a URL: {e}")))?;
    let client = reqwest_client(&url, Duration::from_secs(5), Duration::from_secs(10))
        .map_err(|e| network(e.to_string()))?;
    let resp = client
        .get(url)
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .map_err(|e| {
            network(format!(
                "the sandbox at {base} did not answer ({}); start it with 'treevu sandbox serve' or unset TREEVU_SANDBOX",
                shorten(&root_message(&e))
            ))
        })?;
    let status = resp.status().as_u16();
    let body = resp
        .bytes()
        .await
        .map_err(|e| network(format!("the sandbox at {base}: {}", root_message(&e))))?;
    if status != 200 {
        return Err(ApiError::Server {
            marketplace,
            status,
            message: format!(
                "the sandbox at {base} has no credentials to give; is it a treevu sandbox?"
            ),
        });
    }
    parse_credentials(&body).map_err(|e| ApiError::InvalidPayload {
        marketplace,
        field: None,
        message: format!("the sandbox at {base} answered unexpected credentials: {e}"),
    })
}

fn parse_credentials(body: &[u8]) -> Result<SandboxCredentials, String> {
    // serde's message names the missing field; it never holds a key's value
    // because every field is a string we accept whatever its content.
    serde_json::from_slice(body).map_err(|e| {
        let s = e.to_string();
        shorten(s.split(" at line ").next().unwrap_or(&s))
    })
}

fn root_message(e: &reqwest::Error) -> String {
    let mut cur: &dyn std::error::Error = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Overrides, Settings};
    use crate::marketplaces::testserver::{Reply, TestServer};
    use std::collections::BTreeMap;

    const BODY: &str = r#"{"olx":{"clientId":"olx-client","apiKey":"olx-key-abcdef"},
        "inmuebles24":{"clientId":"i24-client","apiKey":"i24-key-abcdef"},
        "autofact":{"apiKey":"af-merchant-key"}}"#;

    fn sandbox_settings(base: &str) -> Settings {
        let dir = tempfile::tempdir().unwrap();
        let mut env = BTreeMap::new();
        env.insert("HOME".to_string(), dir.path().display().to_string());
        env.insert("TREEVU_SANDBOX".to_string(), base.to_string());
        env.insert("TREEVU_OLX_CLIENT_ID".to_string(), "mine".to_string());
        Settings::resolve(&Overrides::default(), &env).unwrap()
    }

    #[test]
    fn apply_fills_only_what_is_unset() {
        let creds = parse_credentials(BODY.as_bytes()).unwrap();
        let mut s = sandbox_settings("http://127.0.0.1:1");
        creds.apply_to(&mut s);
        let olx = s.endpoint(Marketplace::Olx);
        assert_eq!(olx.client_id.as_deref(), Some("mine"));
        assert_eq!(olx.app_key.as_deref(), Some("olx-key-abcdef"));
        let i24 = s.endpoint(Marketplace::Inmuebles24);
        assert_eq!(i24.client_id.as_deref(), Some("i24-client"));
        assert_eq!(i24.app_key.as_deref(), Some("i24-key-abcdef"));
        assert_eq!(s.endpoint(Marketplace::Autofact).app_key, None);
        assert_eq!(creds.autofact_key(), "af-merchant-key");
        let dbg = format!("{creds:?}");
        assert!(
            dbg.contains("olx-client") && !dbg.contains("key-abcdef"),
            "{dbg}"
        );
    }

    #[test]
    fn broken_credentials_name_the_missing_field() {
        let err = parse_credentials(br#"{"olx":{"clientId":"a","apiKey":"b"}}"#).unwrap_err();
        assert!(err.contains("inmuebles24"), "{err}");
    }

    #[tokio::test]
    async fn fetches_from_a_running_sandbox() {
        let server = TestServer::start(|r| {
            if r.url == "/_sandbox/credentials" {
                Reply::text(200, BODY)
            } else {
                Reply::text(404, "")
            }
        });
        let creds = fetch_sandbox_credentials(&format!("{}/", server.base))
            .await
            .unwrap();
        assert_eq!(creds.olx.client_id, "olx-client");
        assert_eq!(server.requests().len(), 1);
    }

    #[tokio::test]
    async fn says_when_no_sandbox_listens() {
        // Bind then drop, so the port is (almost certainly) closed.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let err = fetch_sandbox_credentials(&format!("http://127.0.0.1:{port}"))
            .await
            .unwrap_err();
        assert!(matches!(err, ApiError::Network { .. }), "{err}");
        assert!(err.to_string().contains("treevu sandbox serve"), "{err}");
    }
}
