//! The OAuth token endpoint (code exchange, refresh), revocation, and the
//! few API calls connecting needs, over reqwest. No redirects are followed,
//! every call has a timeout, and no error message carries a secret.

use std::time::Duration;

use super::AuthError;
use super::secret::Secret;
use crate::domain::Marketplace;
use crate::marketplaces::types::{ErrorBody, OAuthErrorBody, TokenResponse, UserInfo};

/// What treevu needs to talk OAuth with one marketplace.
#[derive(Debug, Clone)]
pub struct OAuthApp {
    pub marketplace: Marketplace,
    pub api_base: String,
    pub authorize_url: String,
    pub token_url: String,
    pub revoke_url: Option<String>,
    pub client_id: String,
    /// The app's `X-API-Key` (not a merchant secret).
    pub app_key: Option<String>,
}

/// Tokens as a marketplace answered them, already wrapped.
pub struct Tokens {
    pub access: Secret,
    pub refresh: Option<Secret>,
    pub expires_in: Option<u64>,
    pub scope: Option<String>,
    pub user_id: Option<String>,
}

impl From<TokenResponse> for Tokens {
    fn from(t: TokenResponse) -> Tokens {
        Tokens {
            access: Secret::new(t.access_token),
            refresh: t.refresh_token.map(Secret::new),
            expires_in: t.expires_in,
            scope: t.scope,
            user_id: t.user_id,
        }
    }
}

/// The HTTP client for auth calls: no redirects, bounded time.
pub fn http_client() -> Result<reqwest::Client, AuthError> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
        .user_agent(concat!("treevu/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| AuthError::Other(format!("cannot start the HTTP client: {e}")))
}

fn net(m: Marketplace, e: reqwest::Error) -> AuthError {
    AuthError::Http {
        marketplace: m,
        message: e.without_url().to_string(),
    }
}

async fn token_call(
    http: &reqwest::Client,
    app: &OAuthApp,
    form: &[(&str, &str)],
) -> Result<Tokens, AuthError> {
    let m = app.marketplace;
    let resp = http
        .post(&app.token_url)
        .header("Accept", "application/json")
        .form(form)
        .send()
        .await
        .map_err(|e| net(m, e))?;
    let status = resp.status();
    let body = resp.bytes().await.map_err(|e| net(m, e))?;
    if status.is_success() {
        let t: TokenResponse = serde_json::from_slice(&body).map_err(|e| AuthError::Http {
            marketplace: m,
            // serde quotes the offending value (`invalid type: string "…"`), which
            // here may be a token: keep the field names (in backticks), drop quoted values.
            message: format!(
                "the token answer is not understood: {}",
                redact_quoted(&e.to_string())
            ),
        })?;
        return Ok(t.into());
    }
    match serde_json::from_slice::<OAuthErrorBody>(&body) {
        Ok(e) => Err(AuthError::OAuth {
            marketplace: m,
            error: e.error,
            description: e.error_description,
        }),
        Err(_) => Err(AuthError::Http {
            marketplace: m,
            message: format!("the token endpoint answered {status}"),
        }),
    }
}

/// Replaces every double-quoted part of `msg` with `"…"`.
pub(crate) fn redact_quoted(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut inside = false;
    for c in msg.chars() {
        if c == '"' {
            if inside {
                out.push_str("…\"");
            } else {
                out.push('"');
            }
            inside = !inside;
        } else if !inside {
            out.push(c);
        }
    }
    out
}

/// Authorization code + PKCE verifier → tokens.
pub async fn exchange_code(
    http: &reqwest::Client,
    app: &OAuthApp,
    code: &Secret,
    verifier: &Secret,
    redirect_uri: &str,
) -> Result<Tokens, AuthError> {
    token_call(
        http,
        app,
        &[
            ("grant_type", "authorization_code"),
            ("code", code.expose()),
            ("redirect_uri", redirect_uri),
            ("client_id", &app.client_id),
            ("code_verifier", verifier.expose()),
        ],
    )
    .await
}

/// Refresh token → new tokens (the refresh token may rotate).
pub async fn refresh(
    http: &reqwest::Client,
    app: &OAuthApp,
    refresh_token: &Secret,
) -> Result<Tokens, AuthError> {
    token_call(
        http,
        app,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose()),
            ("client_id", &app.client_id),
        ],
    )
    .await
}

/// RFC 7009 revocation.
pub async fn revoke(
    http: &reqwest::Client,
    m: Marketplace,
    url: &str,
    client_id: &str,
    token: &Secret,
) -> Result<(), AuthError> {
    let resp = http
        .post(url)
        .form(&[("token", token.expose()), ("client_id", client_id)])
        .send()
        .await
        .map_err(|e| net(m, e))?;
    if resp.status().is_success() {
        Ok(())
    } else {
        Err(AuthError::Http {
            marketplace: m,
            message: format!("the revocation endpoint answered {}", resp.status()),
        })
    }
}

/// `GET {api}/users/me` with the new access token.
pub async fn user_info(
    http: &reqwest::Client,
    app: &OAuthApp,
    access: &Secret,
) -> Result<UserInfo, AuthError> {
    let m = app.marketplace;
    let mut req = http
        .get(format!("{}/users/me", app.api_base))
        .bearer_auth(access.expose());
    if let Some(k) = &app.app_key {
        req = req.header("X-API-Key", k);
    }
    let resp = req.send().await.map_err(|e| net(m, e))?;
    if !resp.status().is_success() {
        return Err(AuthError::Http {
            marketplace: m,
            message: format!("GET /users/me answered {}", resp.status()),
        });
    }
    resp.json::<UserInfo>().await.map_err(|e| net(m, e))
}

/// Proves an Autofact key works (`GET /vehicles?limit=1`). A 401 is a refusal
/// with Autofact's own message.
pub async fn validate_api_key(
    http: &reqwest::Client,
    api_base: &str,
    key: &Secret,
) -> Result<(), AuthError> {
    let m = Marketplace::Autofact;
    let resp = http
        .get(format!("{api_base}/vehicles"))
        .query(&[("limit", "1")])
        .header("X-API-Key", key.expose())
        .send()
        .await
        .map_err(|e| net(m, e))?;
    let status = resp.status();
    if status.is_success() {
        return Ok(());
    }
    let message = resp
        .json::<ErrorBody>()
        .await
        .map(|b| b.message)
        .unwrap_or_else(|_| format!("it answered {status}"));
    if status == reqwest::StatusCode::UNAUTHORIZED || status == reqwest::StatusCode::FORBIDDEN {
        Err(AuthError::KeyRefused {
            marketplace: m,
            message,
        })
    } else {
        Err(AuthError::Http {
            marketplace: m,
            message: format!("{status}: {message}"),
        })
    }
}

#[cfg(test)]
pub(crate) mod testserver {
    //! A tiny token endpoint on 127.0.0.1:0 with rotating refresh tokens, for unit tests.
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    pub struct TokenServer {
        pub url: String,
        pub refreshes: Arc<AtomicUsize>,
    }

    impl TokenServer {
        pub fn start(ttl: u64, first_refresh: &str) -> TokenServer {
            let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
            let port = server.server_addr().to_ip().unwrap().port();
            let refreshes = Arc::new(AtomicUsize::new(0));
            let valid = Arc::new(Mutex::new(HashMap::from([(first_refresh.to_string(), 0)])));
            let (r2, v2) = (refreshes.clone(), valid);
            std::thread::spawn(move || {
                for mut req in server.incoming_requests() {
                    let mut body = String::new();
                    let _ = std::io::Read::read_to_string(req.as_reader(), &mut body);
                    let form: HashMap<String, String> =
                        url::form_urlencoded::parse(body.as_bytes())
                            .into_owned()
                            .collect();
                    let rt = form.get("refresh_token").cloned().unwrap_or_default();
                    // Slow enough that concurrent callers overlap.
                    std::thread::sleep(std::time::Duration::from_millis(150));
                    let mut v = v2.lock().unwrap();
                    let (status, json) = match v.remove(&rt) {
                        Some(gen_) => {
                            let n = r2.fetch_add(1, Ordering::SeqCst) + 1;
                            let new_rt = format!("rt-{}-{n}", gen_ + 1);
                            v.insert(new_rt.clone(), gen_ + 1);
                            (
                                200,
                                format!(
                                    r#"{{"access_token":"at-{n}-xxxxxxxxxxxx","token_type":"Bearer","expires_in":"{ttl}","refresh_token":"{new_rt}"}}"#
                                ),
                            )
                        }
                        None => (
                            400,
                            r#"{"error":"invalid_grant","error_description":"refresh token unknown or used"}"#.to_string(),
                        ),
                    };
                    drop(v);
                    let _ = req
                        .respond(tiny_http::Response::from_string(json).with_status_code(status));
                }
            });
            TokenServer {
                url: format!("http://127.0.0.1:{port}/oauth/token"),
                refreshes,
            }
        }
    }
}

#[cfg(test)]
mod redaction_tests {
    use super::*;

    #[test]
    fn a_token_answer_that_does_not_parse_never_quotes_the_token() {
        // A bare string where the object was expected: serde quotes the value.
        let body = br#""at_live_0123456789secret""#;
        let e = serde_json::from_slice::<TokenResponse>(body).unwrap_err();
        let raw = e.to_string();
        assert!(raw.contains("secret"), "serde quotes it: {raw}");
        let shown = redact_quoted(&raw);
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("\"…\""), "{shown}");
        // A token where the lifetime was expected is not echoed either.
        let body = br#"{"access_token":"a","expires_in":"rt_live_9876543210secret"}"#;
        let e = serde_json::from_slice::<TokenResponse>(body).unwrap_err();
        assert!(!e.to_string().contains("secret"), "{e}");
        assert_eq!(
            redact_quoted("missing field `access_token`"),
            "missing field `access_token`"
        );
    }
}
