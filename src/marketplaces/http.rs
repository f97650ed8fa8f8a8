//! The HTTP layer the three marketplace clients share.
//!
//! One `reqwest::Client` per marketplace with fixed timeouts and no redirects
//! (an API that redirects is misconfigured; following it could send the bearer
//! token elsewhere). It adds the credentials each marketplace wants, maps HTTP
//! statuses to [`ApiError`], refreshes once on a 401, remembers the last
//! `X-RateLimit-*` headers, and hands list pages to `records`, which parses
//! them record by record so one bad record never loses the others. It does not
//! retry 5xx or 429 by itself: the sync layer owns retries and the rate budget
//! ([`retry_transient`] is there for callers that want plain backoff).

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::Method;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use serde_json::Value;
use url::Url;

use super::records::{check_record, field_of_reason, serde_reason, strip_position};
pub(crate) use super::records::{checked_body, list_query};
pub use super::records::{parse_page, parse_record};
use super::validate::Validate;
use super::{ApiError, ListPage, RateInfo, RequestLog, RequestLogger, TokenSource};
use crate::domain::Marketplace;

/// Sent on every request so marketplaces can tell treevu's traffic apart.
pub use crate::net::USER_AGENT;
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Waiting time on a 429 that names neither `Retry-After` nor `X-RateLimit-Reset`.
pub const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(60);
/// A page of 100 records is well under 1 MiB; far more is a broken server, not data.
const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;
/// Only the start of an error answer is read: enough for `{"error","message","field"}`.
const MAX_ERROR_BODY_BYTES: usize = 64 * 1024;
/// Server-supplied text kept in an error message, so a user never sees a wall of HTML.
const MAX_MESSAGE_CHARS: usize = 200;

/// A client that cannot be set up from its configuration.
#[derive(Debug, thiserror::Error)]
pub enum ClientConfigError {
    #[error("the {marketplace} API base URL '{url}' is not valid: {why}")]
    BadBaseUrl {
        marketplace: Marketplace,
        url: String,
        why: String,
    },
    #[error(
        "no app key for {marketplace}: set {env_prefix}_APP_KEY or app_key in [marketplaces.{marketplace}] of the config file (with TREEVU_SANDBOX set it comes from the sandbox)"
    )]
    MissingAppKey {
        marketplace: Marketplace,
        env_prefix: &'static str,
    },
    #[error("cannot set up the HTTP client: {0}")]
    Setup(String),
}

/// Builds an [`HttpClient`]; the defaults are the production timeouts.
pub struct HttpClientBuilder {
    marketplace: Marketplace,
    api_base: String,
    tokens: Arc<dyn TokenSource>,
    app_key: Option<String>,
    logger: Option<RequestLogger>,
    connect_timeout: Duration,
    request_timeout: Duration,
}

impl HttpClientBuilder {
    /// The app's key, sent as `X-API-Key` to OLX and Inmuebles24 (ignored for Autofact,
    /// whose `X-API-Key` is the merchant's key from the token source).
    pub fn app_key(mut self, key: Option<String>) -> Self {
        self.app_key = key.filter(|k| !k.is_empty());
        self
    }

    /// Receives one [`RequestLog`] per request (for `--verbose`).
    pub fn logger(mut self, logger: Option<RequestLogger>) -> Self {
        self.logger = logger;
        self
    }

    /// Overrides the connect and whole-request timeouts (tests use short ones).
    pub fn timeouts(mut self, connect: Duration, request: Duration) -> Self {
        self.connect_timeout = connect;
        self.request_timeout = request;
        self
    }

    pub fn build(self) -> Result<HttpClient, ClientConfigError> {
        let base = parse_base(self.marketplace, &self.api_base)?;
        let inner = reqwest_client(&base, self.connect_timeout, self.request_timeout)?;
        Ok(HttpClient {
            inner,
            base,
            marketplace: self.marketplace,
            app_key: self.app_key,
            tokens: self.tokens,
            logger: self.logger,
            request_timeout: self.request_timeout,
            rate: Mutex::new(None),
            requests: AtomicU64::new(0),
            throttled: AtomicU64::new(0),
        })
    }
}

/// One marketplace's API: base URL, credentials, logging and counters.
pub struct HttpClient {
    inner: reqwest::Client,
    base: Url,
    marketplace: Marketplace,
    app_key: Option<String>,
    tokens: Arc<dyn TokenSource>,
    logger: Option<RequestLogger>,
    request_timeout: Duration,
    rate: Mutex<Option<RateInfo>>,
    requests: AtomicU64,
    throttled: AtomicU64,
}

impl std::fmt::Debug for HttpClient {
    // Hand-written so the app key can never reach a log through `{:?}`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpClient")
            .field("marketplace", &self.marketplace)
            .field("base", &self.base.as_str())
            .field("app_key", &self.app_key.as_ref().map(|_| "<redacted>"))
            .field("requests", &self.requests_made())
            .finish_non_exhaustive()
    }
}

/// An answer of any status, before it is judged.
struct RawAnswer {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl HttpClient {
    /// Starts a client for `marketplace` at `api_base` (e.g. `http://127.0.0.1:8080/olx/v2`).
    pub fn builder(
        marketplace: Marketplace,
        api_base: impl Into<String>,
        tokens: Arc<dyn TokenSource>,
    ) -> HttpClientBuilder {
        HttpClientBuilder {
            marketplace,
            api_base: api_base.into(),
            tokens,
            app_key: None,
            logger: None,
            connect_timeout: CONNECT_TIMEOUT,
            request_timeout: REQUEST_TIMEOUT,
        }
    }

    pub fn marketplace(&self) -> Marketplace {
        self.marketplace
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// The `X-RateLimit-*` headers of the last answer that carried them.
    pub fn rate_info(&self) -> Option<RateInfo> {
        *self.rate.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Requests sent so far (every attempt, including the retry after a refresh).
    pub fn requests_made(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// 429 answers met so far.
    pub fn throttled(&self) -> u64 {
        self.throttled.load(Ordering::Relaxed)
    }

    /// `base` + escaped path segments + query. Each segment is percent-encoded
    /// whole, so an id holding `/`, `?`, `#` or `%` stays one segment; `.` and
    /// `..` are refused because URL parsers resolve them away, and an id must
    /// never turn `GET /listings/{id}` into `GET /listings`.
    pub fn url(&self, segments: &[&str], query: &[(&str, String)]) -> Result<Url, ApiError> {
        let mut path = self.base.path().trim_end_matches('/').to_string();
        for seg in segments {
            if seg.is_empty() || *seg == "." || *seg == ".." {
                return Err(ApiError::InvalidPayload {
                    marketplace: self.marketplace,
                    field: Some("id".into()),
                    message: format!("'{seg}' is not a valid id; nothing was sent"),
                });
            }
            path.push('/');
            encode_segment(seg, &mut path);
        }
        let mut url = self.base.clone();
        url.set_path(&path);
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        Ok(url)
    }

    /// Sends one request with credentials; on a 401 asks the token source for a
    /// fresh secret once and tries once more. Returns 2xx answers, maps the rest.
    /// `what` names the resource for a 404 ("listing 'abc'").
    pub(crate) async fn execute(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&str, String)],
        body: Option<&Value>,
        what: &str,
    ) -> Result<Vec<u8>, ApiError> {
        let url = self.url(segments, query)?;
        let body = match body {
            Some(v) => Some(serde_json::to_vec(v).map_err(|e| ApiError::InvalidPayload {
                marketplace: self.marketplace,
                field: None,
                message: format!("cannot encode the request: {e}"),
            })?),
            None => None,
        };
        let mut secret = self.tokens.current().await?;
        let mut answer = self
            .send_once(&method, &url, body.as_deref(), &secret)
            .await?;
        if answer.status == 401 {
            // Exactly one refresh and one retry: a second 401 means the new
            // credential is refused too, and looping would only burn the budget.
            let fresh = self.tokens.refresh(secret.clone()).await?;
            secret = fresh;
            answer = self
                .send_once(&method, &url, body.as_deref(), &secret)
                .await?;
        }
        if (200..300).contains(&answer.status) {
            return Ok(answer.body);
        }
        Err(self.error_for(&answer, what, &secret))
    }

    /// GET a single JSON object of type `T`.
    pub(crate) async fn get_json<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        what: &str,
    ) -> Result<T, ApiError> {
        let body = self.execute(Method::GET, segments, &[], None, what).await?;
        self.decode(&body)
    }

    /// GET one record and check it like a list record; a bad one is an error here
    /// because the caller asked for exactly this record.
    pub(crate) async fn get_record<T: DeserializeOwned + Validate>(
        &self,
        segments: &[&str],
        what: &str,
    ) -> Result<T, ApiError> {
        let body = self.execute(Method::GET, segments, &[], None, what).await?;
        self.decode_record(&body)
    }

    /// POST/PUT `body` (already checked locally) and read back the full record.
    pub(crate) async fn send_record<T: DeserializeOwned + Validate>(
        &self,
        method: Method,
        segments: &[&str],
        body: &Value,
        what: &str,
    ) -> Result<T, ApiError> {
        let answer = self
            .execute(method, segments, &[], Some(body), what)
            .await?;
        self.decode_record(&answer)
    }

    /// DELETE; any 2xx (the contract says 204) is success.
    pub(crate) async fn delete(&self, segments: &[&str], what: &str) -> Result<(), ApiError> {
        self.execute(Method::DELETE, segments, &[], None, what)
            .await
            .map(|_| ())
    }

    /// GET a list page; each record is parsed and checked on its own.
    pub(crate) async fn get_page<T: DeserializeOwned + Validate>(
        &self,
        segments: &[&str],
        query: &[(&str, String)],
        what: &str,
    ) -> Result<ListPage<T>, ApiError> {
        let body = self
            .execute(Method::GET, segments, query, None, what)
            .await?;
        parse_page(self.marketplace, &body)
    }

    fn decode<T: DeserializeOwned>(&self, body: &[u8]) -> Result<T, ApiError> {
        let value: Value = serde_json::from_slice(body).map_err(|e| ApiError::InvalidPayload {
            marketplace: self.marketplace,
            field: None,
            message: format!("the answer is not JSON: {}", strip_position(&e.to_string())),
        })?;
        serde_json::from_value::<T>(value.clone()).map_err(|e| {
            let reason = serde_reason::<T>(&value, &e);
            ApiError::InvalidPayload {
                marketplace: self.marketplace,
                field: field_of_reason(&reason),
                message: format!("unexpected answer: {reason}"),
            }
        })
    }

    fn decode_record<T: DeserializeOwned + Validate>(&self, body: &[u8]) -> Result<T, ApiError> {
        let value: Value = serde_json::from_slice(body).map_err(|e| ApiError::InvalidPayload {
            marketplace: self.marketplace,
            field: None,
            message: format!("the answer is not JSON: {}", strip_position(&e.to_string())),
        })?;
        check_record::<T>(value).map_err(|(e, field)| ApiError::InvalidPayload {
            marketplace: self.marketplace,
            field,
            message: format!("the answer holds an invalid record: {}", e.reason),
        })
    }

    async fn send_once(
        &self,
        method: &Method,
        url: &Url,
        body: Option<&[u8]>,
        secret: &str,
    ) -> Result<RawAnswer, ApiError> {
        let mut req = self.inner.request(method.clone(), url.clone());
        match self.marketplace {
            // Autofact authenticates the merchant by API key alone.
            Marketplace::Autofact => req = req.header("X-API-Key", self.secret_header(secret)?),
            Marketplace::Olx | Marketplace::Inmuebles24 => {
                let bearer = self.secret_header(&format!("Bearer {secret}"))?;
                req = req.header(reqwest::header::AUTHORIZATION, bearer);
                if let Some(key) = &self.app_key {
                    req = req.header("X-API-Key", self.secret_header(key)?);
                }
            }
        }
        req = req.header(reqwest::header::ACCEPT, "application/json");
        if let Some(b) = body {
            req = req
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(b.to_vec());
        }
        self.requests.fetch_add(1, Ordering::Relaxed);
        let started = Instant::now();
        let result = self.receive(req).await;
        let status = result.as_ref().ok().map(|a| a.status);
        if let Some(logger) = &self.logger {
            logger(&RequestLog {
                marketplace: self.marketplace,
                method: method.as_str().to_string(),
                path: path_and_query(url),
                status,
                elapsed: started.elapsed(),
                sign_in: None,
            });
        }
        let answer = result.map_err(|e| self.network_error(e, secret))?;
        if let Some(info) = rate_info_from(&answer.headers) {
            *self.rate.lock().unwrap_or_else(|p| p.into_inner()) = Some(info);
        }
        if answer.status == 429 {
            self.throttled.fetch_add(1, Ordering::Relaxed);
        }
        Ok(answer)
    }

    async fn receive(&self, req: reqwest::RequestBuilder) -> Result<RawAnswer, ReceiveError> {
        let mut resp = req.send().await.map_err(ReceiveError::Http)?;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let cap = if (200..300).contains(&status) {
            MAX_BODY_BYTES
        } else {
            MAX_ERROR_BODY_BYTES
        };
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(ReceiveError::Http)? {
            if body.len() + chunk.len() > cap {
                if (200..300).contains(&status) {
                    return Err(ReceiveError::TooLarge);
                }
                // Error answers: the start is all we need.
                body.extend_from_slice(&chunk[..cap - body.len()]);
                break;
            }
            body.extend_from_slice(&chunk);
        }
        Ok(RawAnswer {
            status,
            headers,
            body,
        })
    }

    /// A header value marked sensitive, so no debug output of the request shows it.
    fn secret_header(&self, value: &str) -> Result<reqwest::header::HeaderValue, ApiError> {
        let mut v =
            reqwest::header::HeaderValue::from_str(value).map_err(|_| ApiError::Unauthorized {
                marketplace: self.marketplace,
                message: "the stored credential holds characters an HTTP header cannot carry"
                    .into(),
            })?;
        v.set_sensitive(true);
        Ok(v)
    }

    fn network_error(&self, e: ReceiveError, secret: &str) -> ApiError {
        let message = match e {
            ReceiveError::TooLarge => {
                return ApiError::InvalidPayload {
                    marketplace: self.marketplace,
                    field: None,
                    message: format!("the answer is larger than {} MiB", MAX_BODY_BYTES >> 20),
                };
            }
            ReceiveError::Http(e) => {
                transport_cause(&e, &host_of(&self.base), self.request_timeout)
            }
        };
        ApiError::Network {
            marketplace: self.marketplace,
            message: self.sanitize(&message, secret),
        }
    }

    /// Maps a non-2xx answer to the error a caller can act on.
    fn error_for(&self, answer: &RawAnswer, what: &str, secret: &str) -> ApiError {
        let marketplace = self.marketplace;
        let body = error_body(answer.status, &answer.body);
        let message = self.sanitize(&body.message, secret);
        match answer.status {
            401 | 403 => ApiError::Unauthorized {
                marketplace,
                message,
            },
            404 => ApiError::NotFound {
                marketplace,
                what: what.to_string(),
            },
            400 | 422 => ApiError::InvalidPayload {
                marketplace,
                field: body.field.map(|f| self.sanitize(&f, secret)),
                message,
            },
            429 => ApiError::RateLimited {
                marketplace,
                retry_after: retry_after(&answer.headers, chrono::Utc::now().timestamp()),
            },
            300..=399 => ApiError::Server {
                marketplace,
                status: answer.status,
                message: "unexpected redirect; check the API base URL".into(),
            },
            status => ApiError::Server {
                marketplace,
                status,
                message,
            },
        }
    }

    /// Server text made safe to show: no secret we hold, no control characters,
    /// no more than a line or two.
    fn sanitize(&self, text: &str, secret: &str) -> String {
        let mut out = text.to_string();
        for s in [Some(secret), self.app_key.as_deref()]
            .into_iter()
            .flatten()
        {
            // Very short "secrets" (test fixtures) would redact ordinary words.
            if s.len() >= 4 {
                out = out.replace(s, "<redacted>");
            }
        }
        shorten(&out)
    }
}

enum ReceiveError {
    Http(reqwest::Error),
    TooLarge,
}

/// The client every marketplace client uses (see [`crate::net::api_client`]).
pub(crate) fn reqwest_client(
    base: &Url,
    connect: Duration,
    request: Duration,
) -> Result<reqwest::Client, ClientConfigError> {
    crate::net::api_client(base, connect, request)
        .map_err(|e| ClientConfigError::Setup(root_cause(&e)))
}

pub(crate) fn parse_base(
    marketplace: Marketplace,
    api_base: &str,
) -> Result<Url, ClientConfigError> {
    let bad = |why: &str| ClientConfigError::BadBaseUrl {
        marketplace,
        url: api_base.to_string(),
        why: why.to_string(),
    };
    let url = Url::parse(api_base.trim()).map_err(|e| bad(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("the scheme must be http or https"));
    }
    if url.cannot_be_a_base() || url.host().is_none() {
        return Err(bad("it has no host"));
    }
    if url.scheme() == "http" && !crate::net::is_loopback(&url) {
        // Bearer tokens and API keys would cross the network in clear text.
        return Err(bad(
            "plain http is only allowed to this machine (127.0.0.1, ::1, localhost); use https",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("it must not have a query or fragment"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        // Credentials in a URL end up in logs; they belong in the secret store.
        // Nor are they repeated in this message.
        let mut shown = url.clone();
        let _ = shown.set_username("");
        let _ = shown.set_password(None);
        return Err(ClientConfigError::BadBaseUrl {
            marketplace,
            url: shown.to_string(),
            why: "it must not contain a user name or password".into(),
        });
    }
    Ok(url)
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn encode_segment(seg: &str, out: &mut String) {
    for b in seg.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

fn host_of(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_string(),
        _ => url.as_str().to_string(),
    }
}

fn path_and_query(url: &Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

/// Why a request got no answer, naming the host: "could not resolve host
/// api.olx.com", "connection refused by 127.0.0.1:9", "no answer within 30 s
/// from ...", or the innermost cause.
pub(crate) fn transport_cause(e: &reqwest::Error, host: &str, timeout: Duration) -> String {
    if e.is_timeout() {
        return format!("no answer within {} s from {host}", timeout.as_secs());
    }
    let root = root_cause(e);
    let chain = {
        let mut words = Vec::new();
        let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
        while let Some(c) = cur {
            words.push(c.to_string());
            cur = c.source();
        }
        words.join(": ").to_lowercase()
    };
    let name = host.rsplit_once(':').map_or(host, |(h, p)| {
        if p.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            host
        }
    });
    if chain.contains("dns error") || chain.contains("failed to lookup address") {
        format!("could not resolve host {name} ({root})")
    } else if chain.contains("connection refused") {
        format!("connection refused by {host}")
    } else if chain.contains("certificate") || chain.contains("tls") {
        format!("the TLS handshake with {host} failed: {root}")
    } else if e.is_connect() {
        format!("cannot connect to {host}: {root}")
    } else {
        format!("{root} (talking to {host})")
    }
}

/// The innermost cause's message: "connection refused" rather than a stack of wrappers.
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// Control characters out, at most [`MAX_MESSAGE_CHARS`] characters.
pub(crate) fn shorten(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if cleaned.chars().count() > MAX_MESSAGE_CHARS {
        let cut: String = cleaned.chars().take(MAX_MESSAGE_CHARS).collect();
        format!("{cut}…")
    } else {
        cleaned
    }
}

struct ParsedErrorBody {
    message: String,
    field: Option<String>,
}

/// Reads `{"error","message","field"}` when present, else describes the body briefly.
fn error_body(status: u16, body: &[u8]) -> ParsedErrorBody {
    if let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) {
        let text = |k: &str| map.get(k).and_then(Value::as_str).map(str::to_string);
        let field = text("field");
        if let Some(message) = text("message").or_else(|| text("error_description")) {
            return ParsedErrorBody { message, field };
        }
        if let Some(code) = text("error") {
            return ParsedErrorBody {
                message: code,
                field,
            };
        }
    }
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    let message = if text.is_empty() {
        format!("HTTP {status} with an empty answer")
    } else if text.len() <= MAX_MESSAGE_CHARS && !text.starts_with('<') {
        // A short plain-text reason ("upstream timed out") helps; HTML does not.
        format!("HTTP {status}: {text}")
    } else {
        format!("HTTP {status} with a {}-byte non-JSON answer", body.len())
    };
    ParsedErrorBody {
        message,
        field: None,
    }
}

/// Reads `X-RateLimit-Limit`, `-Remaining` and `-Reset` when all three are present.
pub fn rate_info_from(headers: &HeaderMap) -> Option<RateInfo> {
    let num = |name: &str| headers.get(name)?.to_str().ok()?.trim().parse::<i64>().ok();
    Some(RateInfo {
        limit: u32::try_from(num("x-ratelimit-limit")?).ok()?,
        remaining: u32::try_from(num("x-ratelimit-remaining")?).ok()?,
        reset_at: num("x-ratelimit-reset")?,
    })
}

/// How long a 429 asks us to wait: `Retry-After` in seconds or as an HTTP-date;
/// without it, until `X-RateLimit-Reset`; without either, 60 s. Waits derived
/// from clocks are at least 1 s, so clock skew cannot make a caller spin.
pub fn retry_after(headers: &HeaderMap, now_unix: i64) -> Duration {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(v) = header("retry-after") {
        if let Ok(secs) = v.parse::<u64>() {
            return Duration::from_secs(secs);
        }
        if let Ok(date) = chrono::DateTime::parse_from_rfc2822(v) {
            return Duration::from_secs((date.timestamp() - now_unix).max(1) as u64);
        }
    }
    if let Some(reset) = header("x-ratelimit-reset").and_then(|v| v.parse::<i64>().ok()) {
        return Duration::from_secs((reset - now_unix).max(1) as u64);
    }
    DEFAULT_RETRY_AFTER
}

/// Runs `op` up to `max_attempts` times while it fails with a transient error
/// (5xx, network), sleeping `base_delay`·2ⁿ between tries with jitter so many
/// clients do not retry in step. Other errors, and the last transient one, are returned.
pub async fn retry_transient<T, F, Fut>(
    mut op: F,
    max_attempts: u32,
    base_delay: Duration,
) -> Result<T, ApiError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, ApiError>>,
{
    let max_attempts = max_attempts.max(1);
    let mut attempt = 1;
    loop {
        match op().await {
            Err(e) if e.is_transient() && attempt < max_attempts => {
                tokio::time::sleep(backoff_delay(base_delay, attempt)).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// The wait before retry number `attempt` (1-based): between half and all of
/// `base`·2^(attempt-1), capped at 5 minutes.
pub fn backoff_delay(base: Duration, attempt: u32) -> Duration {
    use rand::Rng;
    let full = base
        .saturating_mul(1u32 << attempt.saturating_sub(1).min(20))
        .min(Duration::from_secs(300));
    let half = full / 2;
    let jitter = rand::thread_rng().gen_range(0..=half.as_millis() as u64);
    half + Duration::from_millis(jitter)
}

#[cfg(test)]
mod tests;
