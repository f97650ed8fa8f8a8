//! The route table, and the steps every answer goes through (count, rate limit, refusals,
//! latency, faults, credentials, handler); `transport` carries requests in and out.

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::sync::{Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

use serde::Serialize;

use super::data::{data_epoch, mix32, rng_for};
use super::faults::FaultDice;
use super::http::{Problem, Reply, Req};
use super::oauth::OAuth;
use super::ratelimit::RateLimiter;
use super::{
    AppCredentials, AutofactCredentials, LlmCredentials, SandboxCredentials, SandboxOptions,
    autofact, churn, inmuebles24, llm, oauth, olx, twins,
};
use treevu_domain::Marketplace;

/// Who answers a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    Olx,
    Inmuebles24,
    Autofact,
    OlxOAuth,
    Inmuebles24OAuth,
    /// The fake OpenAI-compatible model of `recommend --explain` (not a marketplace).
    Llm,
    Sandbox,
}

impl Api {
    fn marketplace(self) -> Option<Marketplace> {
        match self {
            Api::Olx | Api::OlxOAuth => Some(Marketplace::Olx),
            Api::Inmuebles24 | Api::Inmuebles24OAuth => Some(Marketplace::Inmuebles24),
            Api::Autofact => Some(Marketplace::Autofact),
            Api::Llm | Api::Sandbox => None,
        }
    }

    /// The part of the path before the marketplace's own templates.
    fn prefix(self) -> &'static str {
        match self {
            Api::Olx => "/olx/v2",
            Api::Inmuebles24 => "/inmuebles24/v1",
            Api::Autofact => "/autofact/v1",
            Api::OlxOAuth => "/olx",
            Api::Inmuebles24OAuth => "/inmuebles24",
            Api::Llm => "/llm/v1",
            Api::Sandbox => "",
        }
    }
}

/// Every route the sandbox serves: who answers, method, full path template. The OpenAPI
/// document is checked against this list, so the two cannot drift apart.
pub const ROUTES: &[(Api, &str, &str)] = &[
    (Api::Olx, "GET", "/olx/v2/users/me"),
    (Api::Olx, "GET", "/olx/v2/users/{user_id}/listings"),
    (Api::Olx, "GET", "/olx/v2/users/{user_id}/conversations"),
    (Api::Olx, "POST", "/olx/v2/listings"),
    (Api::Olx, "GET", "/olx/v2/listings/{listing_id}"),
    (Api::Olx, "PUT", "/olx/v2/listings/{listing_id}"),
    (Api::Olx, "DELETE", "/olx/v2/listings/{listing_id}"),
    (Api::Olx, "GET", "/olx/v2/listings/{listing_id}/stats"),
    (Api::OlxOAuth, "GET", "/olx/oauth/authorize"),
    (Api::OlxOAuth, "POST", "/olx/oauth/authorize"),
    (Api::OlxOAuth, "POST", "/olx/oauth/token"),
    (Api::OlxOAuth, "POST", "/olx/oauth/revoke"),
    (Api::Inmuebles24, "GET", "/inmuebles24/v1/users/me"),
    (Api::Inmuebles24, "GET", "/inmuebles24/v1/properties"),
    (Api::Inmuebles24, "POST", "/inmuebles24/v1/properties"),
    (
        Api::Inmuebles24,
        "GET",
        "/inmuebles24/v1/properties/{property_id}",
    ),
    (
        Api::Inmuebles24,
        "PUT",
        "/inmuebles24/v1/properties/{property_id}",
    ),
    (
        Api::Inmuebles24,
        "GET",
        "/inmuebles24/v1/properties/{property_id}/leads",
    ),
    (
        Api::Inmuebles24,
        "GET",
        "/inmuebles24/v1/properties/{property_id}/analytics",
    ),
    (Api::Inmuebles24OAuth, "GET", "/inmuebles24/oauth/authorize"),
    (
        Api::Inmuebles24OAuth,
        "POST",
        "/inmuebles24/oauth/authorize",
    ),
    (Api::Inmuebles24OAuth, "POST", "/inmuebles24/oauth/token"),
    (Api::Autofact, "GET", "/autofact/v1/vehicles"),
    (Api::Autofact, "POST", "/autofact/v1/vehicles"),
    (Api::Autofact, "GET", "/autofact/v1/vehicles/{vehicle_id}"),
    (Api::Autofact, "PUT", "/autofact/v1/vehicles/{vehicle_id}"),
    (
        Api::Autofact,
        "GET",
        "/autofact/v1/vehicles/{vehicle_id}/valuation",
    ),
    (
        Api::Autofact,
        "GET",
        "/autofact/v1/vehicles/{vehicle_id}/market-analysis",
    ),
    (Api::Llm, "POST", "/llm/v1/chat/completions"),
    (Api::Sandbox, "GET", "/_sandbox/credentials"),
    (Api::Sandbox, "GET", "/_sandbox/stats"),
    (Api::Sandbox, "GET", "/_sandbox/fair-values"),
    (Api::Sandbox, "POST", "/_sandbox/expire-tokens"),
    (Api::Sandbox, "POST", "/_sandbox/revoke"),
    (Api::Sandbox, "GET", "/_sandbox/twins"),
    (Api::Sandbox, "POST", "/_sandbox/status"),
    (Api::Sandbox, "POST", "/_sandbox/fail-next"),
];

/// The merchant's and the market's records of the three marketplaces.
pub struct Data {
    pub olx: olx::OlxData,
    pub inmuebles24: inmuebles24::I24Data,
    pub autofact: autofact::AutofactData,
    /// Which merchant listings are one item on two marketplaces.
    pub twins: Vec<twins::TruePair>,
}

/// `GET /_sandbox/stats`.
#[derive(Debug, Default, Serialize)]
pub struct Stats {
    pub requests: BTreeMap<String, BTreeMap<String, u64>>,
    pub throttled: BTreeMap<String, u64>,
    pub listings: BTreeMap<String, u64>,
}

impl Stats {
    fn new() -> Self {
        let mut s = Stats::default();
        for m in Marketplace::ALL {
            s.requests
                .entry(m.as_str().into())
                .or_default()
                .insert("total".into(), 0);
            s.throttled.insert(m.as_str().into(), 0);
            s.listings.insert(m.as_str().into(), 0);
        }
        s
    }
}

/// Everything the workers share.
pub struct Shared {
    pub opts: SandboxOptions,
    pub credentials: SandboxCredentials,
    /// The sandbox calendar's "now" for generated data (Unix ms).
    pub epoch_ms: i64,
    pub olx_user: String,
    pub inmuebles24_user: String,
    pub data: RwLock<Data>,
    pub oauth: Mutex<OAuth>,
    limiter: Mutex<RateLimiter>,
    pub stats: Mutex<Stats>,
    faults: Mutex<FaultDice>,
    /// Failures asked for by `POST /_sandbox/fail-next`, answered before the dice.
    fail_next: Mutex<Vec<FailRule>>,
}

/// The next `count` API requests to `marketplace` (with `method`, if given) answer `status`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FailRule {
    marketplace: Marketplace,
    method: Option<String>,
    status: u16,
    count: u32,
}

/// A lock that a panicking handler poisoned is still consistent enough for a test server:
/// every handler finishes its writes before anything that could panic.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A routed request to a marketplace's handler: the method, the route's
/// template below the API's prefix, its one `{...}` segment (empty if none),
/// and the token's user (OLX and Inmuebles24).
#[derive(Clone, Copy)]
pub struct Call<'a> {
    pub shared: &'a Shared,
    pub method: &'a str,
    pub template: &'a str,
    pub id: &'a str,
    pub req: &'a Req,
    pub user: &'a str,
}

pub fn read<T>(m: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    m.read().unwrap_or_else(|e| e.into_inner())
}

pub fn write<T>(m: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    m.write().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    pub fn new(opts: SandboxOptions) -> Shared {
        let seed = opts.seed;
        let epoch_ms = opts
            .as_of
            .unwrap_or_else(|| data_epoch(seed))
            .timestamp_millis();
        let s32 = (seed ^ (seed >> 32)) as u32;
        let confidential = opts.client_auth != super::ClientAuthRule::Public;
        let secret = |salt: u32| {
            confidential.then(|| {
                format!(
                    "cs_{:08x}{:08x}{:08x}",
                    mix32(s32 ^ salt),
                    mix32(s32 ^ salt ^ 0x5a5a),
                    mix32(s32 ^ salt ^ 0xa5a5)
                )
            })
        };
        let credentials = SandboxCredentials {
            olx: AppCredentials {
                client_id: format!("treevu-olx-{:08x}", mix32(s32 ^ 0x01)),
                api_key: format!("olx_app_{:08x}{:08x}", mix32(s32 ^ 0x02), mix32(s32 ^ 0x03)),
                client_secret: secret(0x04),
            },
            inmuebles24: AppCredentials {
                client_id: format!("treevu-i24-{:08x}", mix32(s32 ^ 0x11)),
                api_key: format!("i24_app_{:08x}{:08x}", mix32(s32 ^ 0x12), mix32(s32 ^ 0x13)),
                client_secret: secret(0x14),
            },
            autofact: AutofactCredentials {
                api_key: format!("af_live_{:08x}{:08x}", mix32(s32 ^ 0x21), mix32(s32 ^ 0x22)),
            },
            llm: LlmCredentials {
                api_key: format!(
                    "sk-sandbox-{:08x}{:08x}",
                    mix32(s32 ^ 0x51),
                    mix32(s32 ^ 0x52)
                ),
            },
        };
        let olx_user = format!("{}", 10_000_000 + mix32(s32 ^ 0x31) % 89_999_999);
        let inmuebles24_user = format!("{}", 10_000_000 + mix32(s32 ^ 0x41) % 89_999_999);
        // The three generators are independent: build them side by side.
        let (olx, inmuebles24, autofact) = std::thread::scope(|s| {
            let o = s.spawn(|| olx::generate(&opts, epoch_ms));
            let i = s.spawn(|| inmuebles24::generate(&opts, epoch_ms));
            let a = autofact::generate(&opts, epoch_ms);
            (
                o.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                i.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                a,
            )
        });
        let mut data = Data {
            olx,
            inmuebles24,
            autofact,
            twins: Vec::new(),
        };
        data.twins = twins::seed(seed, epoch_ms, &mut data);
        Shared {
            credentials,
            epoch_ms,
            olx_user,
            inmuebles24_user,
            data: RwLock::new(data),
            oauth: Mutex::new(OAuth::new(opts.token_ttl)),
            limiter: Mutex::new(RateLimiter::new(opts.rate_limit, opts.rate_window)),
            stats: Mutex::new(Stats::new()),
            faults: Mutex::new(FaultDice::new(rng_for(seed, 0xFA17), opts.error_rate)),
            fail_next: Mutex::new(Vec::new()),
            opts,
        }
    }

    /// Adds list records served to `GET /_sandbox/stats`.
    pub fn count_listings(&self, m: Marketplace, n: usize) {
        *lock(&self.stats)
            .listings
            .entry(m.as_str().into())
            .or_default() += n as u64;
    }

    /// Real current time in Unix ms, for records a client or the churn changes.
    pub fn now_ms(&self) -> i64 {
        chrono::Utc::now().timestamp_millis()
    }
}

/// The answer to one request, `problem` being what made it unreadable (if anything).
/// A handler that panics answers 500 rather than dropping the connection.
pub fn answer(shared: &Shared, req: &Req, problem: Option<Problem>) -> Reply {
    std::panic::catch_unwind(AssertUnwindSafe(|| respond(shared, req, problem))).unwrap_or_else(
        |_| {
            Reply::error(
                500,
                "server_error",
                "the sandbox hit a bug answering this request",
            )
        },
    )
}

/// Matches `path` against a template, returning the `{...}` segments in order.
fn match_template(template: &str, path: &str) -> Option<Vec<String>> {
    let mut t = template.split('/');
    let mut p = path.trim_end_matches('/').split('/');
    let mut params = Vec::new();
    loop {
        match (t.next(), p.next()) {
            (None, None) => return Some(params),
            (Some(ts), Some(ps)) if ts.starts_with('{') => {
                if ps.is_empty() {
                    return None;
                }
                params.push(ps.to_string());
            }
            (Some(ts), Some(ps)) if ts == ps => {}
            _ => return None,
        }
    }
}

/// What the route table says about a request.
enum Routed<'a> {
    /// Served: who answers, the method, the full template and its `{...}` segments.
    Found(Api, &'static str, &'static str, Vec<String>),
    /// The path is served but not with this method: the methods it is served with.
    WrongMethod(&'static str, Vec<&'static str>),
    Missing(&'a str),
}

fn find_route<'a>(req: &'a Req) -> Routed<'a> {
    let mut allowed: Vec<&'static str> = Vec::new();
    let mut path_template = None;
    for &(api, method, template) in ROUTES {
        if let Some(params) = match_template(template, &req.path) {
            if method == req.method {
                return Routed::Found(api, method, template, params);
            }
            if !allowed.contains(&method) {
                allowed.push(method);
            }
            path_template = Some(template);
        }
    }
    match path_template {
        Some(t) => Routed::WrongMethod(t, allowed),
        None => Routed::Missing(&req.path),
    }
}

/// Which API a path belongs to by its prefix, whether or not a route serves it, so that
/// every answer under an API (404 and 405 too) is charged and carries its headers.
fn api_of_path(path: &str) -> Option<Api> {
    const PREFIXES: &[(&str, Api)] = &[
        ("/olx/v2", Api::Olx),
        ("/olx/oauth", Api::OlxOAuth),
        ("/inmuebles24/v1", Api::Inmuebles24),
        ("/inmuebles24/oauth", Api::Inmuebles24OAuth),
        ("/autofact/v1", Api::Autofact),
        ("/llm/v1", Api::Llm),
        ("/_sandbox", Api::Sandbox),
    ];
    PREFIXES.iter().find_map(|&(prefix, api)| {
        path.strip_prefix(prefix)
            .filter(|rest| rest.is_empty() || rest.starts_with('/'))
            .map(|_| api)
    })
}

/// How an API words its errors, so a client of it can read a 400, 413 or 415 the way it
/// reads that API's other errors.
#[derive(Clone, Copy)]
enum Dialect {
    /// `{"error", "message"}` (the marketplace APIs and `/_sandbox`).
    Api,
    /// RFC 6749 `{"error": "invalid_request", "error_description"}` (token, revoke).
    OAuth,
    /// The HTML error page of the authorize endpoint, which a browser shows.
    Page(Marketplace),
    /// OpenAI's `{"error": {"message", "type", "code"}}`.
    OpenAi,
}

fn dialect_of(api: Option<Api>, path: &str) -> Dialect {
    match api {
        Some(a @ (Api::OlxOAuth | Api::Inmuebles24OAuth)) => {
            let m = a.marketplace().unwrap_or(Marketplace::Olx);
            if path.trim_end_matches('/').ends_with("/authorize") {
                Dialect::Page(m)
            } else {
                Dialect::OAuth
            }
        }
        Some(Api::Llm) => Dialect::OpenAi,
        _ => Dialect::Api,
    }
}

fn refuse(d: Dialect, status: u16, code: &str, message: &str) -> Reply {
    match d {
        Dialect::Api => Reply::error(status, code, message),
        Dialect::OAuth => oauth::oauth_error(status, "invalid_request", message),
        Dialect::Page(m) => oauth::error_page(m, status, message),
        Dialect::OpenAi => llm::openai_error(status, "invalid_request_error", code, message),
    }
}

/// The media type a route's request body must have; `None`: the route reads no body.
fn body_media(api: Api, method: &str) -> Option<&'static str> {
    match (api, method) {
        (Api::Olx | Api::Inmuebles24 | Api::Autofact, "POST" | "PUT" | "PATCH") => {
            Some("application/json")
        }
        // The sandbox's own controls read JSON when they read a body at all.
        (Api::Llm | Api::Sandbox, "POST") => Some("application/json"),
        (Api::OlxOAuth | Api::Inmuebles24OAuth, "POST") => {
            Some("application/x-www-form-urlencoded")
        }
        _ => None,
    }
}

/// 415 unless the request says its body is `media` (parameters such as charset aside).
/// An empty body without a Content-Type is left to the handler (a 404 for an unknown id
/// stays a 404; a write without a body gets the handler's 422).
fn check_media(d: Dialect, req: &Req, media: &str) -> Option<Reply> {
    let sent = req.header("content-type").map(|c| {
        c.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    });
    if sent.as_deref() == Some(media) || (sent.is_none() && req.body.is_empty()) {
        return None;
    }
    let message = match sent {
        None => format!("the body needs a Content-Type: send Content-Type: {media}"),
        Some(s) => format!("Content-Type {s} is not served here: send Content-Type: {media}"),
    };
    Some(refuse(d, 415, "unsupported_media_type", &message))
}

/// Finds the route, then runs the steps its kind of endpoint goes through. Requests that
/// cannot be served (unreadable, no route, wrong method or media type) are refused in
/// the API's dialect; under a marketplace API they are still counted and charged.
fn respond(shared: &Shared, req: &Req, problem: Option<Problem>) -> Reply {
    let api = api_of_path(&req.path);
    let dialect = dialect_of(api, &req.path);
    let routed = find_route(req);
    let refused = match (&problem, &routed) {
        (Some(p), _) => {
            let (status, code, message) = p.describe();
            Some(refuse(dialect, status, code, &message))
        }
        (None, Routed::Missing(path)) => Some(Reply::error(
            404,
            "not_found",
            format!("no endpoint at {path}"),
        )),
        (None, Routed::WrongMethod(t, allowed)) => Some(
            Reply::error(
                405,
                "method_not_allowed",
                format!(
                    "{} is not served on {t}: use {}",
                    req.method,
                    allowed.join(" or ")
                ),
            )
            .with_header("Allow", allowed.join(", ")),
        ),
        (None, Routed::Found(api, method, _, _)) => {
            body_media(*api, method).and_then(|m| check_media(dialect, req, m))
        }
    };
    let short_of = |template: &'static str| match api {
        Some(a) => template.get(a.prefix().len()..).unwrap_or(template),
        None => template,
    };
    // The stats key: the route's template, else the method on the path it was sent to.
    let key = match &routed {
        Routed::Found(_, method, t, _) => format!("{method} {}", short_of(t)),
        Routed::WrongMethod(t, _) => format!("{} {}", req.method, short_of(t)),
        Routed::Missing(_) => format!("{} (no route)", req.method),
    };
    match api {
        Some(a @ (Api::Olx | Api::Inmuebles24 | Api::Autofact)) => {
            let m = a.marketplace().unwrap_or(Marketplace::Olx);
            api_route(shared, m, &key, req, refused, |user| match &routed {
                Routed::Found(api, method, t, params) => {
                    let call = Call {
                        shared,
                        method,
                        template: short_of(t),
                        id: params.first().map(String::as_str).unwrap_or(""),
                        req,
                        user,
                    };
                    match (api, call.method, call.template) {
                        // OLX and Inmuebles24 say alike whom the token belongs to.
                        (Api::Olx | Api::Inmuebles24, "GET", "/users/me") => Reply::json(
                            200,
                            &treevu_domain::wire::UserInfo {
                                id: user.to_string(),
                                name: Some("Inversiones Miraflores Demo S.A.C.".into()),
                            },
                        ),
                        (Api::Olx, ..) => olx::handle(call),
                        (Api::Inmuebles24, ..) => inmuebles24::handle(call),
                        _ => autofact::handle(call),
                    }
                }
                _ => Reply::error(404, "not_found", "no such endpoint"),
            })
        }
        _ => {
            if let Some(r) = refused {
                return r;
            }
            let Routed::Found(api, method, t, _) = routed else {
                return Reply::error(404, "not_found", "no such endpoint");
            };
            let short = short_of(t);
            match api {
                Api::Llm => {
                    // Counted under "llm" in /_sandbox/stats, so tests can tell whether treevu called it.
                    count(shared, "llm", &key);
                    delay(shared);
                    llm::handle(shared, req)
                }
                Api::OlxOAuth | Api::Inmuebles24OAuth => {
                    let m = api.marketplace().unwrap_or(Marketplace::Olx);
                    count_request(shared, m, &key);
                    delay(shared);
                    oauth::handle(shared, m, method, short, req)
                }
                _ => sandbox_route(shared, short, req),
            }
        }
    }
}

fn count_request(shared: &Shared, m: Marketplace, key: &str) {
    count(shared, m.as_str(), key);
}

fn count(shared: &Shared, api: &str, key: &str) {
    let mut stats = lock(&shared.stats);
    let per = stats.requests.entry(api.into()).or_default();
    *per.entry("total".into()).or_default() += 1;
    *per.entry(key.into()).or_default() += 1;
}

fn delay(shared: &Shared) {
    if !shared.opts.latency.is_zero() {
        std::thread::sleep(shared.opts.latency);
    }
}

/// The account a request is charged to: the token's user, the Autofact key, or nobody.
fn account_of(shared: &Shared, m: Marketplace, req: &Req) -> String {
    match m {
        Marketplace::Autofact => match req.header("x-api-key") {
            Some(k) if k == shared.credentials.autofact.api_key => "merchant".into(),
            _ => "anonymous".into(),
        },
        _ => req
            .bearer()
            .and_then(|t| lock(&shared.oauth).user_of(m, t))
            .unwrap_or_else(|| "anonymous".into()),
    }
}

/// Checks the credentials an API call carries; `Ok` holds the caller's user id.
fn authenticate(shared: &Shared, m: Marketplace, req: &Req) -> Result<String, Reply> {
    let unauthorized = |msg: &str| Reply::error(401, "unauthorized", msg);
    let key = req.header("x-api-key");
    match m {
        Marketplace::Autofact => match key {
            None => Err(unauthorized(
                "missing X-API-Key header: send the merchant's Autofact API key",
            )),
            Some(k) if k == shared.credentials.autofact.api_key => Ok("merchant".into()),
            Some(_) => Err(unauthorized("unknown API key")),
        },
        _ => {
            let app_key = if m == Marketplace::Olx {
                &shared.credentials.olx.api_key
            } else {
                &shared.credentials.inmuebles24.api_key
            };
            match key {
                None => {
                    return Err(unauthorized(
                        "missing X-API-Key header: send the app's API key",
                    ));
                }
                Some(k) if k != app_key => return Err(unauthorized("unknown app API key")),
                Some(_) => {}
            }
            let Some(token) = req.bearer() else {
                return Err(unauthorized(
                    "missing 'Authorization: Bearer <access token>' header",
                ));
            };
            lock(&shared.oauth)
                .check_access(m, token)
                .map_err(unauthorized)
        }
    }
}

/// The steps of every marketplace API answer: count, rate limit, then the refusal if the
/// request could not be served, else latency, faults, credentials and `handler`; the
/// rate-limit headers go on whatever comes out.
fn api_route(
    shared: &Shared,
    m: Marketplace,
    key: &str,
    req: &Req,
    refused: Option<Reply>,
    handler: impl FnOnce(&str) -> Reply,
) -> Reply {
    count_request(shared, m, key);
    let account = account_of(shared, m, req);
    let rate = lock(&shared.limiter).hit(m, &account);
    let reply = if let Some(wait) = rate.retry_after {
        *lock(&shared.stats)
            .throttled
            .entry(m.as_str().into())
            .or_default() += 1;
        Reply::error(
            429,
            "rate_limited",
            format!(
                "{} allows {} requests per window; retry in {wait} s",
                m.display_name(),
                rate.limit
            ),
        )
        .with_header("Retry-After", wait.to_string())
    } else if let Some(r) = refused {
        r
    } else {
        delay(shared);
        let fault = take_failure(shared, m, &req.method).or_else(|| lock(&shared.faults).roll());
        match fault {
            Some(status) => Reply::error(
                status,
                "server_error",
                "the marketplace failed to answer; retry later",
            ),
            None => match authenticate(shared, m, req) {
                Err(r) => r,
                Ok(user) => handler(&user),
            },
        }
    };
    reply
        .with_header("X-RateLimit-Limit", rate.limit.to_string())
        .with_header("X-RateLimit-Remaining", rate.remaining.to_string())
        .with_header("X-RateLimit-Reset", rate.reset_at.to_string())
}

/// The status of the first `fail-next` rule this request meets, spending one of its count.
fn take_failure(shared: &Shared, m: Marketplace, method: &str) -> Option<u16> {
    let mut rules = lock(&shared.fail_next);
    let rule = rules.iter_mut().find(|r| {
        r.marketplace == m && r.count > 0 && r.method.as_deref().is_none_or(|x| x == method)
    })?;
    rule.count -= 1;
    let status = rule.status;
    rules.retain(|r| r.count > 0);
    Some(status)
}

/// `POST /_sandbox/fail-next?marketplace=M&count=N&status=S[&method=X]`; count 0 clears M's rules.
fn fail_next(shared: &Shared, req: &Req) -> Reply {
    let m = match req
        .query("marketplace")
        .unwrap_or("")
        .parse::<Marketplace>()
    {
        Ok(m) => m,
        Err(_) => {
            return Reply::invalid(
                Some("marketplace"),
                "marketplace must be olx, inmuebles24 or autofact",
            );
        }
    };
    let count = match req.query("count").unwrap_or("1").parse::<u32>() {
        Ok(n) if n <= 1000 => n,
        _ => return Reply::invalid(Some("count"), "count must be a whole number from 0 to 1000"),
    };
    let status = match req.query("status").unwrap_or("503").parse::<u16>() {
        Ok(s @ (500 | 502 | 503)) => s,
        _ => return Reply::invalid(Some("status"), "status must be 500, 502 or 503"),
    };
    let method = match req.query("method").map(str::to_ascii_uppercase) {
        None => None,
        Some(x) if ["GET", "POST", "PUT", "DELETE"].contains(&x.as_str()) => Some(x),
        Some(_) => {
            return Reply::invalid(Some("method"), "method must be GET, POST, PUT or DELETE");
        }
    };
    let mut rules = lock(&shared.fail_next);
    if count == 0 {
        rules.retain(|r| r.marketplace != m);
    } else {
        rules.push(FailRule {
            marketplace: m,
            method: method.clone(),
            status,
            count,
        });
    }
    Reply::json(
        200,
        &serde_json::json!({"marketplace": m, "method": method, "status": status, "count": count}),
    )
}

fn marketplace_param(req: &Req) -> Result<Marketplace, Reply> {
    let raw = req.query("marketplace").unwrap_or("");
    match raw.parse::<Marketplace>() {
        Ok(m) if m.uses_oauth() => Ok(m),
        _ => Err(Reply::invalid(
            Some("marketplace"),
            "marketplace must be olx or inmuebles24",
        )),
    }
}

/// `GET /_sandbox/fair-values?marketplace=M`: the fair value each of the
/// merchant's listings was drawn from, in the listing's currency, before the
/// asking spread. Ground truth for pricing benchmarks; never part of a
/// marketplace API.
fn fair_values(shared: &Shared, req: &Req) -> Reply {
    fn rows<T: super::table::Keyed>(t: &super::table::Table<T>) -> Vec<serde_json::Value> {
        t.rows()
            .iter()
            .filter_map(|r| {
                let a = r.appeal.as_ref()?;
                Some(serde_json::json!({"id": r.wire.id(), "fairPrice": (a.fair_price * 100.0).round() / 100.0}))
            })
            .collect()
    }
    let data = read(&shared.data);
    let (m, listings) = match req.query("marketplace").unwrap_or("") {
        "olx" => ("olx", rows(&data.olx.listings)),
        "inmuebles24" => ("inmuebles24", rows(&data.inmuebles24.properties)),
        "autofact" => ("autofact", rows(&data.autofact.vehicles)),
        _ => {
            return Reply::invalid(
                Some("marketplace"),
                "marketplace must be olx, inmuebles24 or autofact",
            );
        }
    };
    Reply::json(
        200,
        &serde_json::json!({"marketplace": m, "listings": listings}),
    )
}

fn sandbox_route(shared: &Shared, short: &str, req: &Req) -> Reply {
    match short {
        "/_sandbox/credentials" => Reply::json(200, &shared.credentials),
        "/_sandbox/stats" => Reply::json(200, &*lock(&shared.stats)),
        "/_sandbox/fair-values" => fair_values(shared, req),
        "/_sandbox/expire-tokens" => match marketplace_param(req) {
            Ok(m) => {
                let n = lock(&shared.oauth).expire_all(m);
                Reply::json(200, &serde_json::json!({"marketplace": m, "expired": n}))
            }
            Err(r) => r,
        },
        "/_sandbox/revoke" => match marketplace_param(req) {
            Ok(m) => {
                let n = lock(&shared.oauth).revoke_all(m);
                Reply::json(200, &serde_json::json!({"marketplace": m, "revoked": n}))
            }
            Err(r) => r,
        },
        "/_sandbox/twins" => Reply::json(200, &twins::pairing(&read(&shared.data))),
        "/_sandbox/status" => set_status(shared, req),
        "/_sandbox/fail-next" => fail_next(shared, req),
        _ => Reply::error(404, "not_found", "no such sandbox endpoint"),
    }
}

/// `POST /_sandbox/status` `{"marketplace", "id", "status"}`: a buyer bought it (or the
/// merchant took it down) at the marketplace, as `--churn` would, `updatedAt` bumped.
fn set_status(shared: &Shared, req: &Req) -> Reply {
    #[derive(serde::Deserialize)]
    struct Body {
        marketplace: String,
        id: String,
        status: String,
    }
    let body: Body = match serde_json::from_slice(&req.body) {
        Ok(b) => b,
        Err(e) => {
            return Reply::invalid(
                None,
                format!("the body must be {{\"marketplace\", \"id\", \"status\"}}: {e}"),
            );
        }
    };
    let Ok(m) = body.marketplace.parse::<Marketplace>() else {
        return Reply::invalid(
            Some("marketplace"),
            "marketplace must be olx, inmuebles24 or autofact",
        );
    };
    let allowed: &[&str] = match m {
        Marketplace::Inmuebles24 => &["active", "sold", "rented", "removed"],
        _ => &["active", "sold", "removed"],
    };
    let status: treevu_domain::wire::ListingStatus =
        match serde_json::from_value(serde_json::Value::String(body.status.clone())) {
            Ok(s) if allowed.contains(&body.status.as_str()) => s,
            _ => {
                return Reply::invalid(
                    Some("status"),
                    format!("status must be one of: {}", allowed.join(", ")),
                );
            }
        };
    let now = shared.now_ms();
    let stamp = super::data::timestamp_ms(now);
    let mut data = write(&shared.data);
    let updated = match m {
        Marketplace::Olx => churn::set_status(&mut data.olx.listings, &body.id, status, now),
        Marketplace::Inmuebles24 => {
            churn::set_status(&mut data.inmuebles24.properties, &body.id, status, now)
        }
        Marketplace::Autofact => {
            churn::set_status(&mut data.autofact.vehicles, &body.id, status, now)
        }
    };
    if !updated {
        return Reply::not_found("listing", &body.id);
    }
    Reply::json(
        200,
        &serde_json::json!({"marketplace": m, "id": body.id, "status": status, "updatedAt": stamp}),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_segments() {
        assert_eq!(
            match_template(
                "/olx/v2/users/{user_id}/listings",
                "/olx/v2/users/123/listings"
            ),
            Some(vec!["123".to_string()])
        );
        assert_eq!(
            match_template("/olx/v2/users/me", "/olx/v2/users/me/"),
            Some(vec![])
        );
        assert_eq!(
            match_template("/olx/v2/listings/{id}", "/olx/v2/listings/"),
            None
        );
        assert_eq!(
            match_template("/olx/v2/listings/{id}", "/olx/v2/listings/1/stats"),
            None
        );
    }
}
