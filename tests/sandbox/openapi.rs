//! The sandbox against its document, `docs/marketplaces.openapi.yaml`:
//! - the routes it serves are exactly the operations the document lists;
//! - a property-based conformance run: for every operation in the document, seeded
//!   and bounded, requests generated from the document (valid ones, and ones broken
//!   in one documented way) go to a real sandbox over loopback, and every answer must
//!   be documented for its status, validate against the documented schema, carry the
//!   documented headers, and never be a 5xx unless a fault was asked for. Valid
//!   requests must be served (not refused as invalid); broken ones must be refused.
//!
//! The run is driven by the document, so an endpoint is covered as soon as it is
//! documented. A failure prints the request (proptest shrinks it first).

use crate::support::openapi;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use openapi::{Doc, Operation};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use treevu::sandbox::{ROUTES, Sandbox, SandboxOptions};

fn doc() -> &'static Doc {
    static DOC: OnceLock<Doc> = OnceLock::new();
    DOC.get_or_init(Doc::load)
}

#[test]
fn openapi_paths_match_the_served_routes() {
    let served: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(_, m, p)| (m.to_string(), p.to_string()))
        .collect();
    let docs: BTreeSet<(String, String)> = doc()
        .operations()
        .iter()
        .map(|o| (o.method.to_uppercase(), o.path.clone()))
        .collect();
    let missing: Vec<_> = served.difference(&docs).collect();
    let extra: Vec<_> = docs.difference(&served).collect();
    assert!(missing.is_empty(), "served but not documented: {missing:?}");
    assert!(extra.is_empty(), "documented but not served: {extra:?}");
    assert!(docs.len() >= 33, "{}", docs.len());
}

// ---- the property-based conformance run ----

const REDIRECT: &str = "http://127.0.0.1:53682/callback";
const VERIFIER: &str = "dBjftJeZ4CVP-mJ92K9Xw1xbDj1Qf3jJmUbAvdL8WaQkTz";
const RATE_HEADERS: [&str; 3] = [
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
];
/// Marketplace API prefixes: every answer under them carries the rate-limit headers.
const LIMITED: [&str; 3] = ["/olx/v2", "/inmuebles24/v1", "/autofact/v1"];

/// One way to break a request, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mutation {
    None,
    /// A query or header parameter with a value its schema refuses.
    BadParam,
    /// A required query parameter left out.
    MissingParam,
    /// A body that breaks its schema in one place.
    BadBody,
    NotJson,
    /// The right body under `Content-Type: text/plain`.
    WrongMedia,
    /// A header value with a non-ASCII byte.
    NonAsciiHeader,
    NoCredentials,
    /// A method no operation serves on the path.
    WrongMethod,
    /// A body over 1 MiB.
    TooLarge,
}

#[derive(Debug, Clone)]
struct Case {
    /// A value per parameter of the operation, `None` when left out.
    params: Vec<Option<Value>>,
    body: Option<Value>,
    mutation: Mutation,
    /// Picks ids, hints and mutation sites.
    pick: u64,
}

// -- values from schemas --

fn string_strategy(min: usize, max: usize) -> BoxedStrategy<String> {
    if max == 0 {
        return Just(String::new()).boxed();
    }
    let hi = max.min(min.max(1) + 30);
    // Letters at both ends, so patterns that want something besides spaces hold.
    let edge = "[A-Za-zñÁé]";
    let inner = "[A-Za-z0-9 ñáéíóú,.-]";
    match (min.max(1), hi) {
        (1, 1) => proptest::string::string_regex(edge).unwrap().boxed(),
        (lo, hi) => {
            let lo_inner = lo.saturating_sub(2);
            let hi_inner = hi.saturating_sub(2).max(lo_inner);
            let re = format!("{edge}{inner}{{{lo_inner},{hi_inner}}}{edge}");
            let single = lo <= 1;
            let s = proptest::string::string_regex(&re).unwrap();
            if single {
                prop_oneof![proptest::string::string_regex(edge).unwrap(), s].boxed()
            } else {
                s.boxed()
            }
        }
    }
}

fn types_of(s: &Value) -> Vec<String> {
    match &s["type"] {
        Value::String(t) => vec![t.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(|t| t.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    }
}

fn num(s: &Value, k: &str) -> Option<f64> {
    s.get(k).and_then(Value::as_f64)
}

/// Values the schema at `pointer` accepts (checked against the document itself).
fn values(pointer: &str) -> BoxedStrategy<Value> {
    let pointer = doc().target(pointer);
    values_of(&doc().flat(&pointer))
        .prop_filter("valid per the document", move |v| {
            doc().check(&pointer, v).is_none()
        })
        .boxed()
}

/// Instants from late 2023 to early 2027, written with `format`.
fn instants(format: &'static str) -> BoxedStrategy<Value> {
    (1_700_000_000i64..1_800_000_000)
        .prop_map(move |secs| {
            let t = chrono::DateTime::from_timestamp(secs, 0).unwrap();
            json!(t.format(format).to_string())
        })
        .boxed()
}

/// Values of a flattened schema (mostly valid; [`values`] keeps the valid ones).
fn values_of(s: &Value) -> BoxedStrategy<Value> {
    if let Some(Value::Array(branches)) = s.get("oneOf").or_else(|| s.get("anyOf")) {
        let b: Vec<BoxedStrategy<Value>> = branches.iter().map(values_of).collect();
        return proptest::strategy::Union::new(b).boxed();
    }
    if let Some(Value::Array(e)) = s.get("enum") {
        return proptest::sample::select(e.clone()).boxed();
    }
    let types = types_of(s);
    let nullable = types.iter().any(|t| t == "null");
    let t = types
        .iter()
        .find(|t| *t != "null")
        .cloned()
        .unwrap_or_default();
    let inner: BoxedStrategy<Value> = match t.as_str() {
        "string" => match s.get("format").and_then(Value::as_str) {
            Some("date-time") => instants("%Y-%m-%dT%H:%M:%SZ"),
            Some("date") => instants("%Y-%m-%d"),
            Some("uri") => Just(json!(REDIRECT)).boxed(),
            _ => {
                let min = num(s, "minLength").unwrap_or(0.0) as usize;
                let max = num(s, "maxLength").map_or(min + 24, |m| m as usize);
                string_strategy(min, max).prop_map(Value::String).boxed()
            }
        },
        "integer" => {
            let lo = num(s, "minimum")
                .unwrap_or(f64::MIN)
                .max(num(s, "exclusiveMinimum").map_or(f64::MIN, |m| m + 1.0));
            let lo = if lo == f64::MIN { 0 } else { lo as i64 };
            let hi = num(s, "maximum").map_or(lo + 500, |m| m as i64);
            prop_oneof![
                3 => lo..=hi.min(lo + 5),
                1 => lo..=hi,
            ]
            .prop_map(|n| json!(n))
            .boxed()
        }
        "number" => {
            let (lo, open) = match (num(s, "minimum"), num(s, "exclusiveMinimum")) {
                (Some(m), Some(x)) if m > x => (m, false),
                (_, Some(x)) => (x, true),
                (Some(m), None) => (m, false),
                _ => (0.0, false),
            };
            let hi = num(s, "maximum").unwrap_or(lo + 1_000_000.0);
            (0u32..=10_000)
                .prop_map(move |k| {
                    let x = lo + (hi - lo) * k as f64 / 10_000.0;
                    let x = (x * 100.0).round() / 100.0;
                    json!(if open && x <= lo { lo + 0.5 } else { x.min(hi) })
                })
                .boxed()
        }
        "boolean" => any::<bool>().prop_map(Value::Bool).boxed(),
        "array" => {
            let item = values_of(&s["items"]);
            proptest::collection::vec(item, 0..3)
                .prop_map(Value::Array)
                .boxed()
        }
        "object" => {
            let required: HashSet<String> = s["required"]
                .as_array()
                .map(|r| {
                    r.iter()
                        .filter_map(|x| x.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            let props: Vec<(String, BoxedStrategy<Option<Value>>)> = s["properties"]
                .as_object()
                .map(|p| {
                    p.keys()
                        .map(|k| {
                            let v = values_of(&p[k]);
                            let v = if required.contains(k) {
                                v.prop_map(Some).boxed()
                            } else {
                                proptest::option::weighted(0.5, v).boxed()
                            };
                            (k.clone(), v)
                        })
                        .collect()
                })
                .unwrap_or_default();
            let names: Vec<String> = props.iter().map(|(k, _)| k.clone()).collect();
            let strategies: Vec<BoxedStrategy<Option<Value>>> =
                props.into_iter().map(|(_, s)| s).collect();
            strategies
                .prop_map(move |vals| {
                    let mut o = serde_json::Map::new();
                    for (k, v) in names.iter().zip(vals) {
                        if let Some(v) = v {
                            o.insert(k.clone(), v);
                        }
                    }
                    Value::Object(o)
                })
                .boxed()
        }
        _ => Just(json!("x")).boxed(),
    };
    if nullable {
        prop_oneof![9 => inner, 1 => Just(Value::Null)].boxed()
    } else {
        inner
    }
}

// -- broken values --

/// Values the schema at `pointer` refuses, one documented rule broken in each.
fn bad_values(s: &Value) -> Vec<Value> {
    let s = s.clone();
    let mut out = Vec::new();
    if s.get("enum").is_some() {
        out.push(json!("zz-not-listed"));
    }
    let types = types_of(&s);
    if !types.iter().any(|t| t == "null") && !types.is_empty() {
        out.push(Value::Null);
    }
    match types.iter().find(|t| *t != "null").map(String::as_str) {
        Some("string") => {
            out.push(json!(12345));
            if let Some(m) = num(&s, "minLength").filter(|m| *m > 0.0) {
                out.push(json!("x".repeat(m as usize - 1)));
            }
            if let Some(m) = num(&s, "maxLength") {
                out.push(json!("x".repeat(m as usize + 1)));
            }
            if s.get("pattern").is_some() {
                out.push(json!("      "));
            }
            if s.get("format").and_then(Value::as_str) == Some("date-time") {
                out.push(json!("yesterday"));
            }
        }
        Some(t @ ("integer" | "number")) => {
            out.push(json!("7"));
            if t == "integer" {
                out.push(json!(1.5));
            }
            if let Some(m) = num(&s, "minimum") {
                out.push(json!(m - 1.0));
            }
            if let Some(m) = num(&s, "exclusiveMinimum") {
                out.push(json!(m));
            }
            if let Some(m) = num(&s, "maximum") {
                out.push(json!(m + 1.0));
            }
        }
        Some("array") => {
            out.push(json!("x"));
            out.push(json!([12345]));
        }
        Some("object") | Some("boolean") => out.push(json!("x")),
        _ => {}
    }
    out
}

/// A parameter's bad values as they travel in a query or header: text.
fn bad_param_texts(pointer: &str) -> Vec<String> {
    let s = doc().flat(pointer);
    let mut out = Vec::new();
    if s.get("enum").is_some() {
        out.push("zz-not-listed".to_string());
    }
    match types_of(&s)
        .iter()
        .find(|t| *t != "null")
        .map(String::as_str)
    {
        Some("integer") | Some("number") => {
            out.push("abc".into());
            if let Some(m) = num(&s, "minimum") {
                out.push(format!("{}", m as i64 - 1));
            }
            if let Some(m) = num(&s, "maximum") {
                out.push(format!("{}", m as i64 + 1));
            }
        }
        Some("string") if s.get("format").and_then(Value::as_str) == Some("date-time") => {
            out.push("yesterday".into())
        }
        _ => {}
    }
    out
}

/// Bodies that break the flattened schema `s` in one place, starting from a valid `v`.
fn body_mutants(s: &Value, v: &Value) -> Vec<Value> {
    if let Some(Value::Array(branches)) = s.get("oneOf") {
        // Break the branch the value is an instance of.
        let branch = branches
            .iter()
            .find(|b| jsonschema::validator_for(b).is_ok_and(|val| val.is_valid(v)));
        return branch.map(|b| body_mutants(b, v)).unwrap_or_default();
    }
    let mut out = Vec::new();
    let (Some(obj), Some(props)) = (v.as_object(), s["properties"].as_object()) else {
        return bad_values(s);
    };
    for r in s["required"].as_array().into_iter().flatten() {
        let mut m = obj.clone();
        if m.remove(r.as_str().unwrap_or("")).is_some() {
            out.push(Value::Object(m));
        }
    }
    for (k, ps) in props {
        let bads = match obj.get(k) {
            Some(child) => body_mutants(ps, child),
            None => bad_values(ps),
        };
        for b in bads {
            let mut m = obj.clone();
            m.insert(k.clone(), b);
            out.push(Value::Object(m));
        }
    }
    out
}

// -- the run --

struct Ctx {
    base: String,
    http: reqwest::blocking::Client,
    creds: treevu::sandbox::SandboxCredentials,
    tokens: Mutex<HashMap<&'static str, String>>,
    /// Ids seen in answers, by (API prefix, collection).
    ids: Mutex<HashMap<(String, String), Vec<String>>>,
    /// (valid, broken) cases run per operation.
    ran: Mutex<HashMap<String, (u32, u32)>>,
}

fn prefix_of(path: &str) -> String {
    path.split('/').take(3).collect::<Vec<_>>().join("/")
}

/// The collection a path's records belong to: its last fixed segment (`me` counts as
/// its parent, `users`).
fn collection_of(path: &str) -> String {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let fixed: Vec<&str> = segs
        .iter()
        .copied()
        .filter(|s| !s.starts_with('{'))
        .collect();
    match fixed.last() {
        Some(&"me") if fixed.len() >= 2 => fixed[fixed.len() - 2].to_string(),
        Some(s) => s.to_string(),
        None => String::new(),
    }
}

/// The collection a path parameter names records of: the segment before it.
fn collection_of_param(path: &str, param: &str) -> String {
    let segs: Vec<&str> = path.split('/').collect();
    let i = segs
        .iter()
        .position(|s| *s == format!("{{{param}}}"))
        .unwrap_or(0);
    segs.get(i.wrapping_sub(1)).unwrap_or(&"").to_string()
}

impl Ctx {
    fn marketplace_of(path: &str) -> Option<&'static str> {
        if path.starts_with("/olx/") {
            Some("olx")
        } else if path.starts_with("/inmuebles24/") {
            Some("inmuebles24")
        } else if path.starts_with("/autofact/") {
            Some("autofact")
        } else {
            None
        }
    }

    /// An access token through the consent flow, as a merchant's browser would get it.
    fn mint(&self, m: &'static str) -> String {
        let client_id = match m {
            "olx" => self.creds.olx.client_id.clone(),
            _ => self.creds.inmuebles24.client_id.clone(),
        };
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(VERIFIER.as_bytes()));
        let form = [
            ("response_type", "code"),
            ("client_id", &client_id),
            ("redirect_uri", REDIRECT),
            ("state", "conformance"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
            ("decision", "approve"),
        ];
        let r = self
            .http
            .post(format!("{}/{m}/oauth/authorize", self.base))
            .form(&form)
            .send()
            .unwrap();
        assert_eq!(r.status(), 302, "consent");
        let loc = url::Url::parse(r.headers()["location"].to_str().unwrap()).unwrap();
        let code = loc
            .query_pairs()
            .find(|(k, _)| k == "code")
            .map(|(_, v)| v.into_owned())
            .expect("a code");
        let t: Value = self
            .http
            .post(format!("{}/{m}/oauth/token", self.base))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", REDIRECT),
                ("client_id", &client_id),
                ("code_verifier", VERIFIER),
            ])
            .send()
            .unwrap()
            .json()
            .unwrap();
        let token = t["access_token"]
            .as_str()
            .expect("access_token")
            .to_string();
        self.tokens.lock().unwrap().insert(m, token.clone());
        token
    }

    fn token(&self, m: &'static str) -> String {
        let t = self.tokens.lock().unwrap().get(m).cloned();
        t.unwrap_or_else(|| self.mint(m))
    }

    /// The credential a security scheme of the document stands for.
    fn credential(&self, scheme: &str, path: &str) -> (String, String) {
        let c = &self.creds;
        match scheme {
            "olxAppKey" => ("X-API-Key".into(), c.olx.api_key.clone()),
            "inmuebles24AppKey" => ("X-API-Key".into(), c.inmuebles24.api_key.clone()),
            "autofactKey" => ("X-API-Key".into(), c.autofact.api_key.clone()),
            "llmKey" => ("Authorization".into(), format!("Bearer {}", c.llm.api_key)),
            "bearer" => {
                let m =
                    Self::marketplace_of(path).expect("a bearer token outside OLX and Inmuebles24");
                ("Authorization".into(), format!("Bearer {}", self.token(m)))
            }
            other => panic!(
                "no credential for security scheme '{other}': add it to Ctx::credential in tests/sandbox/openapi.rs"
            ),
        }
    }

    /// Values known to work for parameters a generator cannot guess.
    fn hint(&self, name: &str, path: &str) -> Option<String> {
        let m = Self::marketplace_of(path);
        match name {
            "client_id" => Some(match m {
                Some("olx") => self.creds.olx.client_id.clone(),
                _ => self.creds.inmuebles24.client_id.clone(),
            }),
            "redirect_uri" => Some(REDIRECT.into()),
            "code_challenge" => Some(URL_SAFE_NO_PAD.encode(Sha256::digest(VERIFIER.as_bytes()))),
            "code_verifier" => Some(VERIFIER.into()),
            _ => None,
        }
    }

    fn harvest(&self, op: &Operation, body: &Value) {
        let mut found: Vec<String> = Vec::new();
        if let Some(id) = body.get("id").and_then(Value::as_str) {
            found.push(id.into());
        }
        for r in body
            .get("data")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(id) = r.get("id").and_then(Value::as_str) {
                found.push(id.into());
            }
        }
        if found.is_empty() {
            return;
        }
        let key = (prefix_of(&op.path), collection_of(&op.path));
        let mut ids = self.ids.lock().unwrap();
        let pool = ids.entry(key).or_default();
        for id in found {
            if !pool.contains(&id) && pool.len() < 400 {
                pool.push(id);
            }
        }
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn form_of(v: &Value) -> String {
    let mut f = url::form_urlencoded::Serializer::new(String::new());
    for (k, x) in v.as_object().into_iter().flatten() {
        f.append_pair(k, &text_of(x));
    }
    f.finish()
}

fn form_value(v: &Value) -> Value {
    Value::Object(
        v.as_object()
            .into_iter()
            .flatten()
            .map(|(k, x)| (k.clone(), Value::String(text_of(x))))
            .collect(),
    )
}

/// The mutations that can apply to `op`.
fn mutations_for(op: &Operation, path_methods: &[String]) -> Vec<Mutation> {
    let mut m = vec![Mutation::NonAsciiHeader];
    if op
        .params
        .iter()
        .any(|p| p.location != "path" && !bad_param_texts(&p.schema).is_empty())
    {
        m.push(Mutation::BadParam);
    }
    if op
        .params
        .iter()
        .any(|p| p.location == "query" && p.required)
    {
        m.push(Mutation::MissingParam);
    }
    if let Some(b) = &op.body {
        m.push(Mutation::BadBody);
        m.push(Mutation::WrongMedia);
        m.push(Mutation::TooLarge);
        if b.media == "application/json" {
            m.push(Mutation::NotJson);
        }
    }
    if !op.security.is_empty() {
        m.push(Mutation::NoCredentials);
    }
    if path_methods.len() < openapi::METHODS.len() {
        m.push(Mutation::WrongMethod);
    }
    m
}

fn case_strategy(op: &Operation, mutations: Vec<Mutation>) -> BoxedStrategy<Case> {
    let params: Vec<BoxedStrategy<Option<Value>>> = op
        .params
        .iter()
        .map(|p| {
            let v = values(&p.schema);
            if p.required {
                v.prop_map(Some).boxed()
            } else {
                proptest::option::weighted(0.6, v).boxed()
            }
        })
        .collect();
    let body = match &op.body {
        Some(b) => values(&b.schema).prop_map(Some).boxed(),
        None => Just(None).boxed(),
    };
    let broken = proptest::sample::select(mutations);
    let mutation = prop_oneof![1 => Just(Mutation::None), 1 => broken];
    (params, body, mutation, any::<u64>())
        .prop_map(|(params, body, mutation, pick)| Case {
            params,
            body,
            mutation,
            pick,
        })
        .boxed()
}

struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
    described: String,
}

fn fail(a: &Answer, why: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(format!(
        "{why}\n  request: {}\n  answer {}: {}",
        a.described,
        a.status,
        String::from_utf8_lossy(&a.body[..a.body.len().min(600)])
    ))
}

fn send(ctx: &Ctx, op: &Operation, case: &Case, path_methods: &[String]) -> Answer {
    // splitmix64: each choice draws fresh bits from the case's pick.
    let mut state = case.pick;
    let mut next = |n: usize| -> usize {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n.max(1) as u64) as usize
    };
    // Path, query and headers from the parameters.
    let mut path = op.path.clone();
    let mut query: Vec<(String, String)> = Vec::new();
    let mut headers: Vec<(String, Vec<u8>)> = Vec::new();
    let broken_param = match case.mutation {
        Mutation::BadParam => {
            let candidates: Vec<usize> = (0..op.params.len())
                .filter(|&i| {
                    op.params[i].location != "path"
                        && !bad_param_texts(&op.params[i].schema).is_empty()
                })
                .collect();
            Some(candidates[next(candidates.len())])
        }
        Mutation::MissingParam => {
            let candidates: Vec<usize> = (0..op.params.len())
                .filter(|&i| op.params[i].location == "query" && op.params[i].required)
                .collect();
            Some(candidates[next(candidates.len())])
        }
        _ => None,
    };
    for (i, (p, v)) in op.params.iter().zip(&case.params).enumerate() {
        let mut text = v.as_ref().map(text_of);
        if p.location == "path" {
            let key = (prefix_of(&op.path), collection_of_param(&op.path, &p.name));
            let pool = ctx
                .ids
                .lock()
                .unwrap()
                .get(&key)
                .cloned()
                .unwrap_or_default();
            if !pool.is_empty() && next(5) != 0 {
                text = Some(pool[next(pool.len())].clone());
            }
        } else if let Some(h) = ctx.hint(&p.name, &op.path).filter(|_| next(4) != 0) {
            text = Some(h);
        }
        if broken_param == Some(i) {
            text = match case.mutation {
                Mutation::BadParam => {
                    let bads = bad_param_texts(&p.schema);
                    Some(bads[next(bads.len())].clone())
                }
                _ => None,
            };
        }
        let Some(text) = text else { continue };
        match p.location.as_str() {
            "path" => {
                let enc: String = url::form_urlencoded::byte_serialize(text.as_bytes()).collect();
                path = path.replace(&format!("{{{}}}", p.name), &enc.replace('+', "%20"));
            }
            "query" => query.push((p.name.clone(), text)),
            "header" => headers.push((p.name.clone(), text.into_bytes())),
            _ => {}
        }
    }
    // Credentials.
    if case.mutation != Mutation::NoCredentials {
        for scheme in &op.security {
            let (k, v) = ctx.credential(scheme, &op.path);
            headers.push((k, v.into_bytes()));
        }
    }
    if case.mutation == Mutation::NonAsciiHeader {
        headers.push(("X-Conformance".into(), b"caf\xe9".to_vec()));
    }
    // The body.
    let mut content_type = op.body.as_ref().map(|b| b.media.clone());
    let body: Option<Vec<u8>> = op.body.as_ref().and_then(|b| {
        let form = b.media == "application/x-www-form-urlencoded";
        let mut v = case.body.clone()?;
        for (k, x) in v.as_object_mut().into_iter().flatten() {
            if let Some(h) = ctx.hint(k, &op.path).filter(|_| x.is_string()) {
                *x = Value::String(h);
            }
        }
        if case.mutation == Mutation::BadBody {
            let mutants: Vec<Value> = body_mutants(&doc().flat(&b.schema), &v)
                .into_iter()
                .map(|m| if form { form_value(&m) } else { m })
                .filter(|m| doc().check(&b.schema, m).is_some())
                .collect();
            if !mutants.is_empty() {
                v = mutants[next(mutants.len())].clone();
            }
        }
        Some(match case.mutation {
            Mutation::NotJson => b"{\"not json".to_vec(),
            Mutation::TooLarge => vec![b' '; (1 << 20) + 1],
            _ if form => form_of(&v).into_bytes(),
            _ => serde_json::to_vec(&v).unwrap(),
        })
    });
    if case.mutation == Mutation::WrongMedia {
        content_type = Some("text/plain".into());
    }
    let method = if case.mutation == Mutation::WrongMethod {
        let unserved: Vec<&str> = openapi::METHODS
            .iter()
            .copied()
            .filter(|m| !path_methods.iter().any(|p| p == m))
            .collect();
        unserved[next(unserved.len())].to_uppercase()
    } else {
        op.method.to_uppercase()
    };
    let mut url = url::Url::parse(&format!("{}{path}", ctx.base)).unwrap();
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(&query);
    }
    let mut rb = ctx.http.request(
        reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
        url.as_str(),
    );
    for (k, v) in &headers {
        rb = rb.header(
            k.as_str(),
            reqwest::header::HeaderValue::from_bytes(v).unwrap(),
        );
    }
    if let (Some(ct), Some(_)) = (&content_type, &body) {
        rb = rb.header("Content-Type", ct.as_str());
    }
    let shown_body = body
        .as_ref()
        .map(|b| String::from_utf8_lossy(&b[..b.len().min(400)]).into_owned())
        .unwrap_or_default();
    if let Some(b) = body {
        rb = rb.body(b);
    }
    let described = format!(
        "{method} {url} ({:?}) headers {:?} content-type {content_type:?} body {shown_body}",
        case.mutation,
        headers
            .iter()
            .map(|(k, v)| format!("{k}: {}", String::from_utf8_lossy(v)))
            .collect::<Vec<_>>()
    );
    let resp = rb
        .send()
        .unwrap_or_else(|e| panic!("no answer to {described}: {e}"));
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let body = resp.bytes().map(|b| b.to_vec()).unwrap_or_default();
    Answer {
        status,
        headers,
        body,
        described,
    }
}

fn has(a: &Answer, header: &str) -> bool {
    a.headers.contains_key(header.to_ascii_lowercase().as_str())
}

fn media_of(a: &Answer) -> Option<String> {
    a.headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
}

/// The checks every answer goes through; `Err` says which failed.
fn judge(
    ctx: &Ctx,
    op: &Operation,
    case: &Case,
    a: &Answer,
    path_methods: &[String],
) -> Result<(), TestCaseError> {
    let d = doc();
    let fault_asked = a.described.contains("x-sandbox-llm-mode: error")
        || a.described.contains("X-Sandbox-LLM-Mode: error")
        || a.described.contains("\"model\":\"sandbox-error\"");
    if a.status >= 500 && !fault_asked {
        return Err(fail(a, "a 5xx without an injected fault"));
    }
    let limited = LIMITED.iter().any(|p| op.path.starts_with(p));
    if limited && !RATE_HEADERS.iter().all(|h| has(a, h)) {
        return Err(fail(a, "an API answer without the rate-limit headers"));
    }
    if case.mutation == Mutation::WrongMethod {
        if a.status != 405 {
            return Err(fail(a, "a method not served on the path is not 405"));
        }
        let allow: BTreeSet<String> = a
            .headers
            .get("allow")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .split(',')
            .map(|m| m.trim().to_ascii_lowercase())
            .filter(|m| !m.is_empty())
            .collect();
        let served: BTreeSet<String> = path_methods.iter().cloned().collect();
        if allow != served {
            return Err(fail(a, format!("Allow {allow:?} is not {served:?}")));
        }
        let v: Value = serde_json::from_slice(&a.body).map_err(|e| fail(a, e))?;
        if let Some(why) = d.check("/components/schemas/ErrorBody", &v) {
            return Err(fail(a, why));
        }
        return Ok(());
    }
    let expected = match case.mutation {
        Mutation::NonAsciiHeader => Some(400),
        Mutation::WrongMedia => Some(415),
        Mutation::TooLarge => Some(413),
        Mutation::NoCredentials => Some(401),
        _ => None,
    };
    if let Some(e) = expected
        && a.status != e
    {
        return Err(fail(a, format!("expected {e}")));
    }
    let valid = case.mutation == Mutation::None;
    // A request the document allows is served, not refused as invalid.
    if valid && op.documents(422) && [400, 413, 415, 422].contains(&a.status) {
        return Err(fail(a, "a request valid per the document was refused"));
    }
    if !valid && (200..300).contains(&a.status) {
        return Err(fail(a, "a request broken per the document was served"));
    }
    let Some(spec) = op.response_for(a.status) else {
        return Err(fail(
            a,
            format!("status {} is not documented for {}", a.status, op.label()),
        ));
    };
    for h in &spec.headers {
        if !has(a, h) {
            return Err(fail(a, format!("documented header {h} missing")));
        }
    }
    let media = media_of(a);
    if spec.content.is_empty() {
        if !a.body.is_empty() || media.is_some() {
            return Err(fail(
                a,
                "a body (or content type) where the document has none",
            ));
        }
        return Ok(());
    }
    let Some((_, schema)) = spec
        .content
        .iter()
        .find(|(m, _)| Some(m.as_str()) == media.as_deref())
    else {
        return Err(fail(a, format!("content type {media:?} is not documented")));
    };
    if media.as_deref() == Some("application/json") {
        let v: Value =
            serde_json::from_slice(&a.body).map_err(|e| fail(a, format!("not JSON: {e}")))?;
        if let Some(s) = schema
            && let Some(why) = d.check(s, &v)
        {
            return Err(fail(a, format!("does not match {s}: {why}")));
        }
        if (200..300).contains(&a.status) {
            ctx.harvest(op, &v);
        }
    }
    Ok(())
}

fn run_case(
    ctx: &Ctx,
    op: &Operation,
    case: &Case,
    path_methods: &[String],
) -> Result<(), TestCaseError> {
    let mut a = send(ctx, op, case, path_methods);
    // /_sandbox/expire-tokens and /_sandbox/revoke end every token: get new ones once.
    if a.status == 401
        && case.mutation == Mutation::None
        && op.security.iter().any(|s| s == "bearer")
    {
        ctx.tokens.lock().unwrap().clear();
        a = send(ctx, op, case, path_methods);
    }
    let mut ran = ctx.ran.lock().unwrap();
    let e = ran.entry(op.label()).or_default();
    if case.mutation == Mutation::None {
        e.0 += 1;
    } else {
        e.1 += 1;
    }
    drop(ran);
    judge(ctx, op, case, &a, path_methods)
}

fn seed_of(label: &str) -> [u8; 32] {
    let base = std::env::var("TREEVU_CONFORMANCE_SEED").unwrap_or_else(|_| "12".into());
    Sha256::digest(format!("{base}/{label}").as_bytes()).into()
}

#[test]
fn every_operation_conforms_to_the_document() {
    let cases: u32 = std::env::var("TREEVU_CONFORMANCE_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(64);
    let sandbox = Sandbox::start(SandboxOptions {
        market: 400,
        workers: 4,
        // Enough for the run: a 429 is checked elsewhere (sandbox_faults.rs).
        rate_limit: Some(1_000_000),
        ..SandboxOptions::default()
    })
    .expect("the sandbox starts");
    let ctx = Ctx {
        base: sandbox.base_url(),
        http: reqwest::blocking::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        creds: sandbox.credentials().clone(),
        tokens: Mutex::new(HashMap::new()),
        ids: Mutex::new(HashMap::new()),
        ran: Mutex::new(HashMap::new()),
    };
    let ops = doc().operations();
    let methods_of = |path: &str| -> Vec<String> {
        ops.iter()
            .filter(|o| o.path == path)
            .map(|o| o.method.clone())
            .collect()
    };
    // Operations without path parameters first, so their answers give the ids the
    // others need; a stable order otherwise.
    let mut order: Vec<&Operation> = ops.iter().collect();
    order.sort_by_key(|o| (o.path.starts_with("/_sandbox"), o.path.contains('{')));
    let started = std::time::Instant::now();
    for op in order {
        let path_methods = methods_of(&op.path);
        let strategy = case_strategy(op, mutations_for(op, &path_methods));
        let mut runner = TestRunner::new_with_rng(
            Config {
                cases,
                max_shrink_iters: 200,
                failure_persistence: None,
                ..Config::default()
            },
            TestRng::from_seed(RngAlgorithm::ChaCha, &seed_of(&op.label())),
        );
        if let Err(e) = runner.run(&strategy, |case| run_case(&ctx, op, &case, &path_methods)) {
            panic!("{}: {e}", op.label());
        }
    }
    let ran = ctx.ran.lock().unwrap();
    for op in &ops {
        let (valid, broken) = ran.get(&op.label()).copied().unwrap_or_default();
        assert!(
            valid > 0 && broken > 0,
            "{}: {valid} valid, {broken} broken cases",
            op.label()
        );
    }
    eprintln!(
        "conformance: {} operations, {} requests in {:.1} s",
        ops.len(),
        ran.values().map(|(a, b)| a + b).sum::<u32>(),
        started.elapsed().as_secs_f64()
    );
}

/// The validator is not vacuous: records the sandbox breaks on purpose fail the schema.
#[test]
fn broken_records_fail_the_documented_schema() {
    let sandbox = Sandbox::start(SandboxOptions {
        market: 50,
        workers: 2,
        malformed_rate: 1.0,
        ..SandboxOptions::default()
    })
    .unwrap();
    let key = sandbox.credentials().autofact.api_key.clone();
    let page: Value = reqwest::blocking::Client::new()
        .get(format!(
            "{}/autofact/v1/vehicles?limit=100",
            sandbox.base_url()
        ))
        .header("X-API-Key", key)
        .send()
        .unwrap()
        .json()
        .unwrap();
    let records = page["data"].as_array().unwrap();
    assert!(!records.is_empty());
    for r in records {
        assert!(
            doc()
                .check("/components/schemas/AutofactVehicle", r)
                .is_some(),
            "a broken record passed: {r}"
        );
    }
    let mut fixed = records[0].clone();
    fixed["id"] = json!("AF-1");
    fixed["title"] = json!("Toyota Yaris 2019 impecable");
    fixed["price"] = json!(14500);
    assert_eq!(
        doc().check("/components/schemas/AutofactVehicle", &fixed),
        None
    );
    fixed["surprise"] = json!(1);
    assert!(
        doc()
            .check("/components/schemas/AutofactVehicle", &fixed)
            .is_some(),
        "a field the document does not name"
    );
}
