//! The optional LLM rationale of `treevu recommend --explain` (spec §1.5, `invokeLLM`).
//!
//! treevu prices statistically; a language model is only asked to *explain* that
//! result in Spanish. The call is an OpenAI-compatible chat completion with the spec's
//! strict `json_schema` response format (`price_recommendation`), and the answer is
//! checked before anything of it is used: numbers finite and positive, its own range
//! consistent, its recommended price inside treevu's statistical interval, a confidence
//! in 0..1 (0..100 is normalised), a non-empty rationale. Anything else is
//! [`ExplainError::Rejected`] and the caller keeps treevu's own rationale.
//!
//! The key is sent as `Authorization: Bearer` only, never logged, never in an error
//! (server messages are scrubbed of it), and never over plain HTTP to another host.
//! This module never prints.

use std::time::Duration;

use serde_json::{Value, json};
use url::Url;

use crate::auth::secret::Secret;
use crate::config::LlmSettings;
use crate::i18n::{Lang, Localizer};
use crate::msg;
use crate::pricing::{Currency, Evidence, ReadinessBand, Recommendation};

/// The whole call, connect to last byte: a slow model must not hold `recommend` forever.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// A chat completion for one recommendation is a few KiB; far more is not an answer.
const MAX_BODY_BYTES: usize = 1 << 20;
/// A rationale is a paragraph, not an essay; longer answers are rejected, not cut.
pub const MAX_RATIONALE_CHARS: usize = 3000;
pub use treevu_domain::wire::llm::{LABELS, Labels, SCHEMA_NAME};

/// The labelled lines of the prompt in `lang`.
pub fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::Es => treevu_domain::wire::llm::LABELS_ES,
        Lang::En => treevu_domain::wire::llm::LABELS_EN,
    }
}

/// A validated answer of the model.
#[derive(Debug, Clone, PartialEq)]
pub struct LlmAnswer {
    pub model: String,
    pub recommended_price: f64,
    pub min_price: f64,
    pub max_price: f64,
    /// 0..1, whatever scale the model used.
    pub confidence: f64,
    /// True when the model answered 0..100 and treevu divided by 100.
    pub confidence_was_percent: bool,
    pub rationale: String,
}

/// Why no usable explanation came back. Messages never hold the key.
#[derive(Debug, thiserror::Error)]
pub enum ExplainError {
    #[error(
        "no LLM is configured: set TREEVU_LLM_URL and TREEVU_LLM_MODEL (or [llm] url/model in config.toml) and store the key with 'treevu auth llm-key'"
    )]
    NotConfigured,
    #[error("the LLM URL '{url}' is not valid: {why}")]
    BadUrl { url: String, why: String },
    #[error(
        "the LLM endpoint refused the key (HTTP {0}); store a valid one with 'treevu auth llm-key' or set TREEVU_LLM_API_KEY"
    )]
    Unauthorized(u16),
    #[error("the LLM endpoint answered HTTP {status}: {message}")]
    Http { status: u16, message: String },
    #[error("the LLM endpoint did not answer within {} s", .0.as_secs())]
    Timeout(Duration),
    #[error("cannot reach the LLM endpoint: {0}")]
    Transport(String),
    #[error("the LLM answer was rejected ({0})")]
    Rejected(String),
}

/// The chat-completions URL for a configured `url`: used as is when it already ends in
/// `/chat/completions`, else `/chat/completions` is appended to it as a base, so both
/// `https://api.openai.com/v1` and `http://127.0.0.1:11434/v1/chat/completions` work.
/// A key never goes over plain HTTP to anything but this machine.
pub fn chat_url(url: &str, with_key: bool) -> Result<Url, ExplainError> {
    let bad = |why: &str| ExplainError::BadUrl {
        url: redact_userinfo(url),
        why: why.into(),
    };
    let mut u = Url::parse(url.trim()).map_err(|e| bad(&e.to_string()))?;
    if !matches!(u.scheme(), "http" | "https") {
        return Err(bad("use an http:// or https:// URL"));
    }
    if !u.username().is_empty() || u.password().is_some() {
        return Err(bad(
            "put no credentials in the URL; store the key with 'treevu auth llm-key'",
        ));
    }
    if with_key && u.scheme() == "http" && !crate::net::is_loopback(&u) {
        return Err(bad(
            "the key would travel unencrypted; use https:// (plain http is only for endpoints on this machine)",
        ));
    }
    let path = u.path().trim_end_matches('/').to_string();
    if path.ends_with("/chat/completions") {
        u.set_path(&path);
    } else {
        u.set_path(&format!("{path}/chat/completions"));
    }
    Ok(u)
}

/// The URL as it may appear in a message: no user or password.
fn redact_userinfo(url: &str) -> String {
    match Url::parse(url.trim()) {
        Ok(mut u) => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.to_string()
        }
        Err(_) => url.chars().take(200).collect(),
    }
}

/// How buyers responded to the listing, as the prompt states it.
#[derive(Debug, Clone, Default)]
pub struct EngagementFacts {
    pub views: u64,
    pub contacts: u64,
    pub favorites: u64,
    pub days_active: f64,
}

/// What the model is asked to explain: one recommendation of `treevu
/// recommend` for a listing of `kind` ("property" or "vehicle").
#[derive(Debug, Clone, Copy)]
pub struct Statistical<'a> {
    /// The language the model is asked to answer in: the user's.
    pub lang: Lang,
    pub kind: &'a str,
    pub recommendation: &'a Recommendation,
    pub engagement: Option<&'a EngagementFacts>,
}

/// Asks the configured model to explain `statistical` and validates the answer.
pub async fn explain(
    settings: &LlmSettings,
    key: Option<&Secret>,
    statistical: Statistical<'_>,
) -> Result<LlmAnswer, ExplainError> {
    explain_with_timeout(settings, key, statistical, REQUEST_TIMEOUT).await
}

pub async fn explain_with_timeout(
    settings: &LlmSettings,
    key: Option<&Secret>,
    statistical: Statistical<'_>,
    timeout: Duration,
) -> Result<LlmAnswer, ExplainError> {
    let (Some(url), Some(model)) = (
        settings.url.as_deref().filter(|s| !s.trim().is_empty()),
        settings.model.as_deref().filter(|s| !s.trim().is_empty()),
    ) else {
        return Err(ExplainError::NotConfigured);
    };
    let key = key.filter(|k| !k.expose().is_empty());
    let url = chat_url(url, key.is_some())?;
    let client = crate::net::llm_client(CONNECT_TIMEOUT, timeout)
        .map_err(|e| ExplainError::Transport(e.without_url().to_string()))?;
    let mut rb = client.post(url).json(&request_body(model, statistical));
    if let Some(k) = key {
        let mut v = reqwest::header::HeaderValue::from_str(&format!("Bearer {}", k.expose()))
            .map_err(|_| ExplainError::Transport("the stored LLM key is not a valid header value; store it again with 'treevu auth llm-key'".into()))?;
        v.set_sensitive(true);
        rb = rb.header(reqwest::header::AUTHORIZATION, v);
    }
    let transport = |e: reqwest::Error| {
        if e.is_timeout() {
            ExplainError::Timeout(timeout)
        } else {
            // Without the URL: it is in the message the caller builds, never doubled here.
            ExplainError::Transport(scrub(&error_chain(&e.without_url()), key))
        }
    };
    let mut resp = rb.send().await.map_err(transport)?;
    let status = resp.status().as_u16();
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(transport)? {
        body.extend_from_slice(&chunk);
        if body.len() > MAX_BODY_BYTES {
            return Err(ExplainError::Rejected(
                "the answer is larger than 1 MiB".into(),
            ));
        }
    }
    match status {
        200..=299 => {}
        401 | 403 => return Err(ExplainError::Unauthorized(status)),
        300..=399 => {
            return Err(ExplainError::Http {
                status,
                message:
                    "the endpoint redirects, which treevu does not follow; configure the final URL"
                        .into(),
            });
        }
        _ => {
            return Err(ExplainError::Http {
                status,
                message: scrub(&error_message(&body), key),
            });
        }
    }
    let content = completion_content(&body).map_err(ExplainError::Rejected)?;
    let (min, max) = (
        statistical.recommendation.min_price,
        statistical.recommendation.max_price,
    );
    let mut answer = validate(&content, min, max).map_err(ExplainError::Rejected)?;
    answer.model = model.to_string();
    Ok(answer)
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(c) = src {
        s.push_str(": ");
        s.push_str(&c.to_string());
        src = c.source();
    }
    s
}

/// Server text as it may appear in a message: shortened, and without the key even
/// when an endpoint echoes it back ("Incorrect API key provided: sk-…").
fn scrub(text: &str, key: Option<&Secret>) -> String {
    let short = crate::marketplaces::http::shorten(text);
    match key {
        Some(k) if !k.expose().is_empty() => short.replace(k.expose(), "<redacted>"),
        _ => short,
    }
}

/// `{"error":{"message":…}}` (OpenAI), `{"error":"…"}` or the start of the body.
fn error_message(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    v["error"]["message"]
        .as_str()
        .or_else(|| v["error"].as_str())
        .or_else(|| v["message"].as_str())
        .map(str::to_string)
        .unwrap_or_else(|| text.into_owned())
}

/// `choices[0].message.content` of a chat completion; refusals and cut-off answers are errors.
fn completion_content(body: &[u8]) -> Result<String, String> {
    let v: Value = serde_json::from_slice(body)
        .map_err(|_| "the endpoint's answer is not a JSON chat completion".to_string())?;
    let choice = &v["choices"][0];
    let msg = &choice["message"];
    if let Some(r) = msg["refusal"].as_str().filter(|r| !r.is_empty()) {
        return Err(format!(
            "the model refused: {}",
            crate::marketplaces::http::shorten(r)
        ));
    }
    if choice["finish_reason"] == "length" {
        return Err("the answer was cut off (finish_reason length)".into());
    }
    msg["content"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| "the answer has no choices[0].message.content".into())
}

/// Checks the model's JSON against the schema's meaning and treevu's interval
/// `[stat_min, stat_max]`. `model` is left empty for the caller to fill.
pub fn validate(content: &str, stat_min: f64, stat_max: f64) -> Result<LlmAnswer, String> {
    let v: Value =
        serde_json::from_str(content.trim()).map_err(|_| "the answer is not JSON".to_string())?;
    if !v.is_object() {
        return Err("the answer is not a JSON object".into());
    }
    let num = |name: &str| -> Result<f64, String> {
        match &v[name] {
            Value::Null => Err(format!("{name} is missing")),
            Value::Number(n) => n
                .as_f64()
                .filter(|x| x.is_finite())
                .ok_or_else(|| format!("{name} is not a finite number")),
            _ => Err(format!("{name} is not a number")),
        }
    };
    let (rec, min, max) = (num("recommendedPrice")?, num("minPrice")?, num("maxPrice")?);
    if rec <= 0.0 || min <= 0.0 || max <= 0.0 {
        return Err("prices must be above 0".into());
    }
    if !(min <= rec && rec <= max) {
        return Err(format!(
            "its own range is inconsistent: {min} ≤ {rec} ≤ {max} does not hold"
        ));
    }
    // Half a unit of slack: treevu rounds its prices to whole units and so may the model.
    if !(stat_min.is_finite() && stat_max.is_finite())
        || rec < stat_min - 0.5
        || rec > stat_max + 0.5
    {
        return Err(format!(
            "recommended price outside the interval: {rec} not in {stat_min}–{stat_max}"
        ));
    }
    let raw_conf = num("confidence")?;
    // Models often answer a percentage although the schema means a share; 1 itself is a share.
    let (confidence, confidence_was_percent) = match raw_conf {
        c if (0.0..=1.0).contains(&c) => (c, false),
        c if c > 1.0 && c <= 100.0 => (c / 100.0, true),
        c => return Err(format!("confidence {c} is not in 0..1 (or 0..100)")),
    };
    let rationale = match &v["rationale"] {
        Value::String(s) => clean_text(s),
        Value::Null => return Err("rationale is missing".into()),
        _ => return Err("rationale is not a string".into()),
    };
    if rationale.is_empty() {
        return Err("empty rationale".into());
    }
    if rationale.chars().count() > MAX_RATIONALE_CHARS {
        return Err(format!(
            "rationale longer than {MAX_RATIONALE_CHARS} characters"
        ));
    }
    Ok(LlmAnswer {
        model: String::new(),
        recommended_price: rec,
        min_price: min,
        max_price: max,
        confidence,
        confidence_was_percent,
        rationale,
    })
}

/// Model text goes to a terminal: control characters (escape sequences included)
/// become spaces and runs of whitespace one space.
fn clean_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The spec's `invokeLLM` request: system + user messages and the strict schema.
pub fn request_body(model: &str, statistical: Statistical<'_>) -> Value {
    json!({
        "model": model,
        "temperature": 0.2,
        "messages": messages(statistical),
        "response_format": {
            "type": "json_schema",
            "json_schema": {
                "name": SCHEMA_NAME,
                "strict": true,
                "schema": {
                    "type": "object",
                    "properties": {
                        "recommendedPrice": {"type": "number"},
                        "minPrice": {"type": "number"},
                        "maxPrice": {"type": "number"},
                        "confidence": {"type": "number"},
                        "rationale": {"type": "string"}
                    },
                    "required": ["recommendedPrice", "minPrice", "maxPrice", "confidence", "rationale"],
                    "additionalProperties": false
                }
            }
        }
    })
}

fn money(x: f64, currency: Currency) -> String {
    let x = x.round();
    match currency {
        Currency::USD => format!("US$ {x}"),
        Currency::PEN => format!("S/ {x}"),
    }
}

/// The system and user messages, in the user's language (the spec's are Spanish).
pub fn messages(s: Statistical<'_>) -> Vec<Value> {
    let loc = Localizer::shared(s.lang);
    let labels = labels(s.lang);
    let r = s.recommendation;
    let category = match s.kind {
        "vehicle" => loc.get("llm-category-vehicle"),
        _ => loc.get("llm-category-property"),
    };
    let system = loc.text(&msg!(
        "llm-system",
        category = category,
        schema = SCHEMA_NAME
    ));
    let cur = r.currency;
    let title = if r.title.is_empty() {
        loc.get("llm-no-title")
    } else {
        r.title.clone()
    };
    // Numbers as plain text: the sandbox's model reads them back without separators.
    let mut user = vec![
        loc.text(&msg!("llm-listing", title = title)),
        loc.text(&msg!("llm-current", price = money(r.current_price, cur))),
        format!("{} {}", labels.recommended, money(r.recommended_price, cur)),
        format!(
            "{} {} – {}",
            labels.range,
            money(r.min_price, cur),
            money(r.max_price, cur)
        ),
        format!("{} {:.2}", labels.confidence, r.confidence),
        loc.text(&msg!(
            "llm-comparables-used",
            count = r.comparable_count.to_string()
        )),
    ];
    match &r.evidence {
        Evidence::Property { comparables } if !comparables.is_empty() => {
            user.push(loc.get("llm-comparables-top"));
            for c in comparables.iter().take(5) {
                let area = c
                    .area_m2
                    .map(|a| format!(", {a:.0} m²"))
                    .unwrap_or_default();
                user.push(format!(
                    "- {} ({}{area}): {}",
                    c.id,
                    c.district,
                    money(c.price, cur)
                ));
            }
        }
        Evidence::Vehicle { comparable_ids, .. } if !comparable_ids.is_empty() => {
            let ids: Vec<&str> = comparable_ids.iter().take(5).map(String::as_str).collect();
            user.push(format!(
                "{} {}",
                loc.get("llm-comparables-top"),
                ids.join(", ")
            ));
        }
        _ => {}
    }
    if let Some(e) = s.engagement {
        user.push(loc.text(&msg!(
            "llm-engagement",
            views = e.views.to_string(),
            contacts = e.contacts.to_string(),
            favorites = e.favorites.to_string(),
            days = ((e.days_active * 10.0).round() / 10.0).to_string()
        )));
    }
    let band = match r.readiness.band {
        ReadinessBand::Hot => "band-hot",
        ReadinessBand::Warm => "band-warm",
        ReadinessBand::Cold => "band-cold",
    };
    user.push(loc.text(&msg!(
        "llm-readiness",
        band = loc.get(band),
        score = r.readiness.score.to_string()
    )));
    // treevu's own reasoning in the language the model is asked to answer in,
    // so a Spanish answer is not a translation of English sentences.
    let rationale = crate::i18n::reasons::or_text(&loc, &r.reasons, &r.rationale);
    if !rationale.is_empty() {
        user.push(loc.text(&msg!("llm-rationale", rationale = rationale)));
    }
    vec![
        json!({"role": "system", "content": system}),
        json!({"role": "user", "content": user.join("\n")}),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(rec: f64, min: f64, max: f64, conf: f64, why: &str) -> String {
        json!({"recommendedPrice": rec, "minPrice": min, "maxPrice": max, "confidence": conf, "rationale": why})
            .to_string()
    }

    #[test]
    fn a_good_answer_passes() {
        let a = validate(
            &answer(400.0, 350.0, 450.0, 0.7, " Buen precio. "),
            300.0,
            500.0,
        )
        .unwrap();
        assert_eq!(a.recommended_price, 400.0);
        assert_eq!(a.confidence, 0.7);
        assert_eq!(a.rationale, "Buen precio.");
        assert!(!a.confidence_was_percent);
    }

    #[test]
    fn a_percentage_confidence_is_normalised() {
        let a = validate(&answer(400.0, 350.0, 450.0, 70.0, "ok"), 300.0, 500.0).unwrap();
        assert!((a.confidence - 0.7).abs() < 1e-12);
        assert!(a.confidence_was_percent);
        let e = validate(&answer(400.0, 350.0, 450.0, 170.0, "ok"), 300.0, 500.0).unwrap_err();
        assert!(e.contains("confidence"), "{e}");
        let e = validate(&answer(400.0, 350.0, 450.0, -0.1, "ok"), 300.0, 500.0).unwrap_err();
        assert!(e.contains("confidence"), "{e}");
    }

    #[test]
    fn out_of_interval_and_inconsistent_answers_are_rejected() {
        let e = validate(&answer(600.0, 350.0, 650.0, 0.7, "x"), 300.0, 500.0).unwrap_err();
        assert!(
            e.starts_with("recommended price outside the interval"),
            "{e}"
        );
        let e = validate(&answer(200.0, 150.0, 450.0, 0.7, "x"), 300.0, 500.0).unwrap_err();
        assert!(
            e.starts_with("recommended price outside the interval"),
            "{e}"
        );
        let e = validate(&answer(400.0, 450.0, 350.0, 0.7, "x"), 300.0, 500.0).unwrap_err();
        assert!(e.contains("inconsistent"), "{e}");
        let e = validate(&answer(-1.0, -2.0, 450.0, 0.7, "x"), 300.0, 500.0).unwrap_err();
        assert!(e.contains("above 0"), "{e}");
        // Rounding slack of half a unit at the edges.
        assert!(validate(&answer(500.4, 350.0, 501.0, 0.7, "x"), 300.0, 500.0).is_ok());
    }

    #[test]
    fn broken_answers_are_rejected() {
        assert_eq!(
            validate("Claro, el precio ideal es 400", 1.0, 9.0).unwrap_err(),
            "the answer is not JSON"
        );
        assert!(validate("[1,2]", 1.0, 9.0).unwrap_err().contains("object"));
        let e = validate(
            r#"{"recommendedPrice":"400","minPrice":1,"maxPrice":900,"confidence":0.5,"rationale":"x"}"#,
            1.0,
            900.0,
        )
        .unwrap_err();
        assert_eq!(e, "recommendedPrice is not a number");
        let e = validate(
            r#"{"recommendedPrice":400,"minPrice":1,"maxPrice":900,"confidence":0.5}"#,
            1.0,
            900.0,
        )
        .unwrap_err();
        assert_eq!(e, "rationale is missing");
        let e = validate(&answer(400.0, 350.0, 450.0, 0.7, " \n\t "), 300.0, 500.0).unwrap_err();
        assert_eq!(e, "empty rationale");
        let long = "a".repeat(MAX_RATIONALE_CHARS + 1);
        assert!(validate(&answer(400.0, 350.0, 450.0, 0.7, &long), 300.0, 500.0).is_err());
    }

    #[test]
    fn escape_sequences_never_reach_the_terminal() {
        let a = validate(
            &answer(400.0, 350.0, 450.0, 0.7, "Precio\u{1b}[31m justo\n\nhoy"),
            300.0,
            500.0,
        )
        .unwrap();
        assert_eq!(a.rationale, "Precio [31m justo hoy");
    }

    #[test]
    fn chat_url_appends_or_keeps_the_path() {
        assert_eq!(
            chat_url("https://api.openai.com/v1", true)
                .unwrap()
                .as_str(),
            "https://api.openai.com/v1/chat/completions"
        );
        assert_eq!(
            chat_url("http://127.0.0.1:9/llm/v1/chat/completions/", true)
                .unwrap()
                .as_str(),
            "http://127.0.0.1:9/llm/v1/chat/completions"
        );
        assert!(chat_url("http://llm.example.com/v1", true).is_err());
        assert!(chat_url("http://llm.example.com/v1", false).is_ok());
        let e = chat_url("https://me:sk-secret@api.example.com/v1", true).unwrap_err();
        assert!(!e.to_string().contains("sk-secret"), "{e}");
        assert!(chat_url("ftp://x/v1", false).is_err());
    }

    #[test]
    fn the_request_has_the_spec_schema_and_the_interval() {
        let rec: Recommendation = serde_json::from_value(json!({
            "id": "olx:1", "title": "Depa en Miraflores", "currency": "PEN",
            "currentPrice": 400000.0, "recommendedPrice": 385000.0, "marketEstimate": 385000.0,
            "minPrice": 350000.0, "maxPrice": 420000.0, "confidence": 0.61,
            "priceDifferencePercent": 3.9, "comparableCount": 0, "method": "comparables",
            "segmentLevel": "district", "comparables": [],
            "readiness": {"score": 50, "band": "warm"}, "rationale": "",
            "rationaleSource": "treevu", "notes": []}))
        .unwrap();
        let s = Statistical {
            lang: Lang::Es,
            kind: "property",
            recommendation: &rec,
            engagement: None,
        };
        let body = request_body("m", s);
        // Asked in Spanish, treevu's own reasoning and the band go in Spanish.
        let mut reasoned = rec.clone();
        reasoned.reasons = vec![crate::pricing::reason::Reason::Range {
            cars: false,
            confidence_percent: 61.0,
            widened_to: None,
        }];
        reasoned.rationale = "The 80% range comes from out-of-sample errors.".into();
        let spanish = request_body(
            "m",
            Statistical {
                lang: Lang::Es,
                kind: "property",
                recommendation: &reasoned,
                engagement: None,
            },
        );
        let said = spanish["messages"][1]["content"].as_str().unwrap();
        assert!(
            said.contains("El rango de 80% viene de errores fuera de muestra"),
            "{said}"
        );
        assert!(
            !said.contains("out-of-sample") && !said.contains("inglés"),
            "{said}"
        );
        assert!(said.contains("tibio"), "{said}");
        assert_eq!(body["response_format"]["json_schema"]["name"], SCHEMA_NAME);
        assert_eq!(body["response_format"]["json_schema"]["strict"], true);
        let user = body["messages"][1]["content"].as_str().unwrap();
        assert!(
            user.contains(&format!("{} S/ 350000 – S/ 420000", labels(Lang::Es).range)),
            "{user}"
        );
        assert!(
            body["messages"][0]["content"]
                .as_str()
                .unwrap()
                .contains("explica en español")
        );
        // Asked in English, the prompt is English, with the same numbers.
        let english = request_body(
            "m",
            Statistical {
                lang: Lang::En,
                kind: "property",
                recommendation: &rec,
                engagement: None,
            },
        );
        let user = english["messages"][1]["content"].as_str().unwrap();
        assert!(
            user.contains(&format!("{} S/ 350000 – S/ 420000", labels(Lang::En).range)),
            "{user}"
        );
        assert!(user.starts_with("Listing: Depa en Miraflores"), "{user}");
        let system = english["messages"][0]["content"].as_str().unwrap();
        assert!(system.contains("explain in English"), "{system}");
        assert!(!system.contains("español"), "{system}");
    }

    #[test]
    fn server_text_never_holds_the_key() {
        let k = Secret::new("sk-live-abcdefghijklmnop");
        let s = scrub(
            "Incorrect API key provided: sk-live-abcdefghijklmnop.",
            Some(&k),
        );
        assert!(!s.contains("abcdefghijklmnop"), "{s}");
    }
}
