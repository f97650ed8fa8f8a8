//! The OAuth token endpoint (code exchange, refresh), revocation, and the
//! few API calls connecting needs, over reqwest. No redirects are followed,
//! every call has a timeout, every call is logged with `-v` (secrets
//! redacted), and no error message carries a secret. Errors name the step,
//! the host and the root cause, and tell "no answer" apart from an answer.

use std::time::{Duration, Instant};

use base64::Engine;

use super::secret::Secret;
use super::{AuthError, Step};
use crate::domain::Marketplace;
use crate::marketplaces::types::{ErrorBody, OAuthErrorBody, TokenResponse, UserInfo};
use crate::marketplaces::{RequestLog, RequestLogger};

/// How treevu proves it is the app at the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    /// A public client: `client_id` in the form, PKCE proves the rest.
    None,
    /// `Authorization: Basic` with the id and the secret (RFC 6749 §2.3.1).
    Basic,
    /// `client_id` and `client_secret` in the form.
    Post,
}

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
    /// The app's client secret, from the secret store (`treevu auth client-secret`).
    pub client_secret: Option<Secret>,
    pub client_auth: ClientAuth,
    /// Scopes asked for at sign-in, space-separated.
    pub scope: Option<String>,
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

/// Connect and whole-request limits of every auth call.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Auth answers are small; more is a broken server.
const MAX_ANSWER_BYTES: usize = 256 * 1024;

/// The HTTP side of auth calls: no redirects, bounded time, `-v` lines.
#[derive(Clone)]
pub struct AuthHttp {
    client: reqwest::Client,
    logger: Option<RequestLogger>,
}

/// The HTTP client for auth calls, without `-v` logging.
pub fn http_client() -> Result<AuthHttp, AuthError> {
    AuthHttp::new(None)
}

/// A form field as `-v` shows it: the values that are secrets, redacted.
fn shown_field(k: &str, v: &str) -> String {
    match k {
        "code" | "code_verifier" | "refresh_token" | "client_secret" | "token" | "password" => {
            format!("{k}=<redacted>")
        }
        _ => format!("{k}={v}"),
    }
}

/// An answer of any status.
struct Answer {
    status: reqwest::StatusCode,
    body: Vec<u8>,
}

impl AuthHttp {
    pub fn new(logger: Option<RequestLogger>) -> Result<AuthHttp, AuthError> {
        let client = crate::net::auth_client(CONNECT_TIMEOUT, REQUEST_TIMEOUT)
            .map_err(|e| AuthError::Other(format!("cannot start the HTTP client: {e}")))?;
        Ok(AuthHttp { client, logger })
    }

    /// Sends one request of `step`; `shown` is what `-v` says of its body.
    async fn send(
        &self,
        m: Marketplace,
        step: Step,
        (method, url): (&str, &str),
        req: reqwest::RequestBuilder,
        shown: Shown,
    ) -> Result<Answer, AuthError> {
        let host = host_of(url);
        let started = Instant::now();
        let result = async {
            let mut resp = req.send().await?;
            let status = resp.status();
            let mut body = Vec::new();
            while let Some(chunk) = resp.chunk().await? {
                body.extend_from_slice(&chunk);
                if body.len() > MAX_ANSWER_BYTES {
                    body.truncate(MAX_ANSWER_BYTES);
                    break;
                }
            }
            Ok::<_, reqwest::Error>(Answer { status, body })
        }
        .await;
        if let Some(logger) = &self.logger {
            logger(&RequestLog {
                marketplace: m,
                method: method.to_string(),
                path: url_without_query(url),
                status: result.as_ref().ok().map(|a| a.status.as_u16()),
                elapsed: started.elapsed(),
                sign_in: Some(crate::marketplaces::SignInLog {
                    step,
                    form: shown.form,
                    basic_auth: shown.basic_auth,
                }),
            });
        }
        result.map_err(|e| AuthError::Unreachable {
            marketplace: m,
            step,
            cause: crate::marketplaces::http::transport_cause(&e, &host, REQUEST_TIMEOUT),
        })
    }
}

/// A request's URL for `-v`: the whole address (an auth server is often not the
/// API's host), without a query.
fn url_without_query(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            u.set_query(None);
            u.to_string()
        }
        Err(_) => url.to_string(),
    }
}

/// `host[:port]` of a URL, for messages.
pub(crate) fn host_of(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => match (u.host_str(), u.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_string(),
            _ => url.to_string(),
        },
        Err(_) => url.to_string(),
    }
}

/// What `-v` says of a request's body: the form (secrets redacted) and how the client authenticated.
#[derive(Debug, Default)]
struct Shown {
    form: String,
    basic_auth: bool,
}

/// The form and headers of a token-endpoint call with the app's client
/// authentication; `fields` are the grant's own.
fn with_client_auth(
    app: &OAuthApp,
    req: reqwest::RequestBuilder,
    fields: &[(&str, &str)],
) -> Result<(reqwest::RequestBuilder, Shown), AuthError> {
    let mut form: Vec<(&str, &str)> = fields.to_vec();
    let mut basic_auth = false;
    let secret = match (app.client_auth, &app.client_secret) {
        (ClientAuth::None, _) => None,
        (_, Some(s)) => Some(s),
        (_, None) => {
            return Err(AuthError::Config(format!(
                "{} is set up as a confidential client (token_endpoint_auth_method = {}) but no client secret is stored; run 'treevu auth client-secret {}'",
                app.marketplace.display_name(),
                if app.client_auth == ClientAuth::Basic {
                    "client_secret_basic"
                } else {
                    "client_secret_post"
                },
                app.marketplace
            )));
        }
    };
    let req = match (app.client_auth, secret) {
        (ClientAuth::Basic, Some(secret)) => {
            // RFC 6749 §2.3.1: both parts form-encoded before Base64.
            let enc =
                |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
            let pair = format!("{}:{}", enc(&app.client_id), enc(secret.expose()));
            let mut value = reqwest::header::HeaderValue::from_str(&format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(pair)
            ))
            .map_err(|_| {
                AuthError::Config("the client secret holds characters a header cannot carry".into())
            })?;
            value.set_sensitive(true);
            basic_auth = true;
            req.header(reqwest::header::AUTHORIZATION, value)
        }
        (ClientAuth::Post, Some(secret)) => {
            form.push(("client_id", &app.client_id));
            form.push(("client_secret", secret.expose()));
            req
        }
        _ => {
            form.push(("client_id", &app.client_id));
            req
        }
    };
    let shown = form
        .iter()
        .map(|(k, v)| shown_field(k, v))
        .collect::<Vec<_>>()
        .join("&");
    Ok((
        req.form(&form),
        Shown {
            form: shown,
            basic_auth,
        },
    ))
}

async fn token_call(
    http: &AuthHttp,
    app: &OAuthApp,
    step: Step,
    fields: &[(&str, &str)],
) -> Result<Tokens, AuthError> {
    let m = app.marketplace;
    let req = http
        .client
        .post(&app.token_url)
        .header("Accept", "application/json");
    let (req, shown) = with_client_auth(app, req, fields)?;
    let answer = http
        .send(m, step, ("POST", &app.token_url), req, shown)
        .await?;
    let host = host_of(&app.token_url);
    if answer.status.is_success() {
        let t: TokenResponse =
            serde_json::from_slice(&answer.body).map_err(|e| AuthError::Answered {
                marketplace: m,
                step,
                host: host.clone(),
                status: answer.status.as_u16(),
                // serde quotes the offending value (`invalid type: string "…"`), which
                // here may be a token: keep the field names (in backticks), drop quoted values.
                message: format!(
                    "the token answer is not understood: {}",
                    redact_quoted(&e.to_string())
                ),
            })?;
        return Ok(t.into());
    }
    match serde_json::from_slice::<OAuthErrorBody>(&answer.body) {
        Ok(e) => Err(AuthError::OAuth {
            marketplace: m,
            step,
            host,
            error: e.error,
            description: e.error_description,
        }),
        Err(_) => Err(answered(m, step, host, answer)),
    }
}

/// A non-2xx answer that is not an OAuth error object.
fn answered(m: Marketplace, step: Step, host: String, answer: Answer) -> AuthError {
    let message = serde_json::from_slice::<ErrorBody>(&answer.body)
        .map(|b| crate::marketplaces::http::shorten(&b.message))
        .unwrap_or_else(|_| {
            let text = String::from_utf8_lossy(&answer.body);
            let text = text.trim();
            if text.is_empty() || text.starts_with('<') {
                String::new()
            } else {
                crate::marketplaces::http::shorten(text)
            }
        });
    AuthError::Answered {
        marketplace: m,
        step,
        host,
        status: answer.status.as_u16(),
        message: if message.is_empty() {
            answer
                .status
                .canonical_reason()
                .unwrap_or("no reason given")
                .to_string()
        } else {
            message
        },
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
    http: &AuthHttp,
    app: &OAuthApp,
    code: &Secret,
    verifier: &Secret,
    redirect_uri: &str,
) -> Result<Tokens, AuthError> {
    token_call(
        http,
        app,
        Step::TokenExchange,
        &[
            ("grant_type", "authorization_code"),
            ("code", code.expose()),
            ("redirect_uri", redirect_uri),
            ("code_verifier", verifier.expose()),
        ],
    )
    .await
}

/// Refresh token → new tokens (the refresh token may rotate).
pub async fn refresh(
    http: &AuthHttp,
    app: &OAuthApp,
    refresh_token: &Secret,
) -> Result<Tokens, AuthError> {
    token_call(
        http,
        app,
        Step::TokenRefresh,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose()),
        ],
    )
    .await
}

/// RFC 7009 revocation, with the app's client authentication.
pub async fn revoke(
    http: &AuthHttp,
    app: &OAuthApp,
    url: &str,
    token: &Secret,
    hint: &str,
) -> Result<(), AuthError> {
    let m = app.marketplace;
    let req = http.client.post(url);
    let (req, shown) = with_client_auth(
        app,
        req,
        &[("token", token.expose()), ("token_type_hint", hint)],
    )?;
    let answer = http
        .send(m, Step::Revocation, ("POST", url), req, shown)
        .await?;
    if answer.status.is_success() {
        Ok(())
    } else {
        Err(answered(m, Step::Revocation, host_of(url), answer))
    }
}

/// `GET {api}/users/me` with the new access token.
pub async fn user_info(
    http: &AuthHttp,
    app: &OAuthApp,
    access: &Secret,
) -> Result<UserInfo, AuthError> {
    let m = app.marketplace;
    let url = format!("{}/users/me", app.api_base);
    let mut req = http.client.get(&url).bearer_auth(access.expose());
    if let Some(k) = &app.app_key {
        req = req.header("X-API-Key", k);
    }
    let answer = http
        .send(m, Step::AccountLookup, ("GET", &url), req, Shown::default())
        .await?;
    let host = host_of(&url);
    if !answer.status.is_success() {
        return Err(answered(m, Step::AccountLookup, host, answer));
    }
    serde_json::from_slice::<UserInfo>(&answer.body).map_err(|e| AuthError::Answered {
        marketplace: m,
        step: Step::AccountLookup,
        host,
        status: answer.status.as_u16(),
        message: format!(
            "the account is not understood: {}",
            redact_quoted(&e.to_string())
        ),
    })
}

/// Proves an Autofact key works (`GET /vehicles?limit=1`). A 401 is a refusal
/// with Autofact's own message.
pub async fn validate_api_key(
    http: &AuthHttp,
    api_base: &str,
    key: &Secret,
) -> Result<(), AuthError> {
    let m = Marketplace::Autofact;
    let url = format!("{api_base}/vehicles");
    let req = http
        .client
        .get(&url)
        .query(&[("limit", "1")])
        .header("X-API-Key", key.expose());
    let answer = http
        .send(m, Step::KeyCheck, ("GET", &url), req, Shown::default())
        .await?;
    let status = answer.status;
    if status.is_success() {
        return Ok(());
    }
    if status == reqwest::StatusCode::UNAUTHORIZED || status == reqwest::StatusCode::FORBIDDEN {
        let message = serde_json::from_slice::<ErrorBody>(&answer.body)
            .map(|b| crate::marketplaces::http::shorten(&b.message))
            .unwrap_or_else(|_| format!("it answered {status}"));
        Err(AuthError::KeyRefused {
            marketplace: m,
            message,
        })
    } else {
        Err(answered(m, Step::KeyCheck, host_of(&url), answer))
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
