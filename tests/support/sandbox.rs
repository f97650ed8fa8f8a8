//! Shared helpers of the sandbox tests: start a sandbox on 127.0.0.1:0, get tokens through
//! the real OAuth endpoints, and call the APIs with reqwest as any client would.
#![allow(dead_code)]

use reqwest::header::LOCATION;
use treevu::sandbox::{Sandbox, SandboxOptions};

pub const REDIRECT: &str = "http://127.0.0.1:53682/callback";
pub const VERIFIER: &str = "dBjftJeZ4CVP-mJ92K9Xw1xbDj1Qf3jJmUbAvdL8WaQkTz";

pub struct Env {
    pub sandbox: Sandbox,
    pub http: reqwest::Client,
    pub base: String,
}

pub fn opts() -> SandboxOptions {
    SandboxOptions {
        market: 400,
        workers: 4,
        ..SandboxOptions::default()
    }
}

pub fn start(opts: SandboxOptions) -> Env {
    let sandbox = Sandbox::start(opts).expect("the sandbox starts");
    let base = sandbox.base_url();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("reqwest client");
    Env {
        sandbox,
        http,
        base,
    }
}

pub use super::token::challenge;

/// `olx` or `inmuebles24` client id.
pub fn client_id(env: &Env, m: &str) -> String {
    let c = env.sandbox.credentials();
    match m {
        "olx" => c.olx.client_id.clone(),
        _ => c.inmuebles24.client_id.clone(),
    }
}

pub fn app_key(env: &Env, m: &str) -> String {
    let c = env.sandbox.credentials();
    match m {
        "olx" => c.olx.api_key.clone(),
        _ => c.inmuebles24.api_key.clone(),
    }
}

/// The query of a redirect `Location` as pairs.
pub fn location_query(resp: &reqwest::Response) -> Vec<(String, String)> {
    let loc = resp
        .headers()
        .get(LOCATION)
        .expect("a Location header")
        .to_str()
        .expect("ASCII Location");
    let u = url::Url::parse(loc).expect("Location is a URL");
    assert!(loc.starts_with(REDIRECT), "redirected to {loc}");
    u.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

pub fn get<'a>(q: &'a [(String, String)], k: &str) -> Option<&'a str> {
    q.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str())
}

pub fn authorize_params(env: &Env, m: &str, verifier: &str) -> Vec<(String, String)> {
    vec![
        ("response_type".into(), "code".into()),
        ("client_id".into(), client_id(env, m)),
        ("redirect_uri".into(), REDIRECT.into()),
        ("state".into(), "st-123".into()),
        ("code_challenge".into(), challenge(verifier)),
        ("code_challenge_method".into(), "S256".into()),
    ]
}

/// Gets a code through the consent form (approve), as a merchant in a browser would.
pub async fn code_via_consent(env: &Env, m: &str, verifier: &str) -> String {
    let url = format!("{}/{m}/oauth/authorize", env.base);
    let params = authorize_params(env, m, verifier);
    let page = env.http.get(&url).query(&params).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("decision") && html.contains("approve"),
        "{html}"
    );
    let mut form = params.clone();
    form.push(("decision".into(), "approve".into()));
    let resp = env.http.post(&url).form(&form).send().await.unwrap();
    assert_eq!(resp.status(), 302);
    let q = location_query(&resp);
    assert_eq!(get(&q, "state"), Some("st-123"));
    get(&q, "code").expect("a code").to_string()
}

pub async fn exchange(env: &Env, m: &str, code: &str, verifier: &str) -> reqwest::Response {
    env.http
        .post(format!("{}/{m}/oauth/token", env.base))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("client_id", &client_id(env, m)),
            ("code_verifier", verifier),
        ])
        .send()
        .await
        .unwrap()
}

/// An access token of `m` (olx or inmuebles24) through the whole code flow.
pub async fn token(env: &Env, m: &str) -> treevu::marketplaces::types::TokenResponse {
    let code = code_via_consent(env, m, VERIFIER).await;
    let resp = exchange(env, m, &code, VERIFIER).await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

/// `GET /_sandbox/<what>` (stats, credentials, ...) as JSON.
pub async fn sandbox_json(env: &Env, what: &str) -> serde_json::Value {
    env.http
        .get(format!("{}/_sandbox/{what}", env.base))
        .json_of()
        .await
}

/// A request sent and its answer read as JSON, both of which must work.
pub trait JsonOf {
    fn json_of<T: serde::de::DeserializeOwned>(self)
    -> impl std::future::Future<Output = T> + Send;
}

impl JsonOf for reqwest::RequestBuilder {
    async fn json_of<T: serde::de::DeserializeOwned>(self) -> T {
        self.send().await.unwrap().json().await.unwrap()
    }
}

/// Each marketplace with a token for it (none for Autofact, whose key `call`
/// sends) and the path of the merchant's own listings.
pub async fn own_lists(env: &Env) -> [(&'static str, String, &'static str); 3] {
    let olx = token(env, "olx").await.access_token;
    let i24 = token(env, "inmuebles24").await.access_token;
    [
        ("olx", olx, "/users/me/listings"),
        ("inmuebles24", i24, "/properties"),
        ("autofact", String::new(), "/vehicles"),
    ]
}

/// One marketplace's calls with its credentials said once: `olx.get(path)`.
#[derive(Clone, Copy)]
pub struct Api<'a> {
    env: &'a Env,
    m: &'a str,
    token: &'a str,
}

impl<'a> Api<'a> {
    pub fn new(env: &'a Env, m: &'a str, token: &'a str) -> Api<'a> {
        Api { env, m, token }
    }
    pub fn get(&self, path: &str) -> reqwest::RequestBuilder {
        call(self.env, reqwest::Method::GET, self.m, self.token, path)
    }
    pub fn post(&self, path: &str) -> reqwest::RequestBuilder {
        call(self.env, reqwest::Method::POST, self.m, self.token, path)
    }
    pub fn put(&self, path: &str) -> reqwest::RequestBuilder {
        call(self.env, reqwest::Method::PUT, self.m, self.token, path)
    }
    pub fn delete(&self, path: &str) -> reqwest::RequestBuilder {
        call(self.env, reqwest::Method::DELETE, self.m, self.token, path)
    }
}

/// A GET/POST/... on marketplace `m` with the right credentials.
pub fn call(
    env: &Env,
    method: reqwest::Method,
    m: &str,
    token: &str,
    path: &str,
) -> reqwest::RequestBuilder {
    let (prefix, key) = match m {
        "olx" => ("/olx/v2", app_key(env, m)),
        "inmuebles24" => ("/inmuebles24/v1", app_key(env, m)),
        _ => (
            "/autofact/v1",
            env.sandbox.credentials().autofact.api_key.clone(),
        ),
    };
    let rb = env
        .http
        .request(method, format!("{}{prefix}{path}", env.base))
        .header("X-API-Key", key);
    if m == "autofact" {
        rb
    } else {
        rb.bearer_auth(token)
    }
}

/// Every page of a list endpoint at `limit`, as raw JSON records, and the totals seen.
pub async fn all_pages(
    env: &Env,
    m: &str,
    token: &str,
    path: &str,
    limit: u32,
    extra: &[(&str, &str)],
) -> (Vec<serde_json::Value>, Vec<u64>) {
    let mut out = Vec::new();
    let mut totals = Vec::new();
    for page in 1.. {
        let resp = call(env, reqwest::Method::GET, m, token, path)
            .query(&[("page", page.to_string()), ("limit", limit.to_string())])
            .query(extra)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200, "page {page}");
        let body: serde_json::Value = resp.json().await.unwrap();
        let data = body["data"].as_array().expect("data array").clone();
        totals.push(body["total"].as_u64().expect("total"));
        assert_eq!(body["page"].as_u64(), Some(page as u64));
        if data.is_empty() {
            break;
        }
        out.extend(data);
        assert!(page < 10_000, "paging never ends");
    }
    (out, totals)
}
