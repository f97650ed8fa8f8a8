//! `POST /llm/v1/chat/completions`: a fake OpenAI-compatible model for `recommend --explain`.
//!
//! It reads the statistical result back from the user message treevu sends (the labelled
//! lines of `treevu::explain`) and answers a valid `price_recommendation` in Spanish:
//! treevu's recommended price (the midpoint of the interval when none is stated), the
//! interval itself and the stated confidence. So tests can see every way a real model
//! goes wrong, the answer's mode comes from the `X-Sandbox-LLM-Mode` header, else from
//! the model name:
//!
//! | mode (header or model `sandbox-<mode>`) | answer |
//! |---|---|
//! | `good` (also any other model name) | a valid recommendation |
//! | `broken` | content that is not JSON |
//! | `out-of-range` | recommended price 25% above the interval's max |
//! | `percent` | confidence as 0..100 instead of 0..1 |
//! | `error` | HTTP 500 with an OpenAI error body |
//!
//! Requests need `Authorization: Bearer <llm.apiKey of /_sandbox/credentials>` and the
//! spec's strict `json_schema` response format named `price_recommendation`.

use serde_json::{Value, json};

use super::http::{Reply, Req};
use super::server::Shared;
use treevu_domain::wire::llm::{LABELS, SCHEMA_NAME};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Good,
    Broken,
    OutOfRange,
    Percent,
    Error,
}

impl Mode {
    fn parse(s: &str) -> Option<Mode> {
        match s {
            "good" => Some(Mode::Good),
            "broken" => Some(Mode::Broken),
            "out-of-range" => Some(Mode::OutOfRange),
            "percent" => Some(Mode::Percent),
            "error" => Some(Mode::Error),
            _ => None,
        }
    }
}

/// An error in OpenAI's shape, which OpenAI-compatible clients know how to read.
pub(super) fn openai_error(status: u16, kind: &str, code: &str, message: &str) -> Reply {
    Reply::json(
        status,
        &json!({"error": {"message": message, "type": kind, "param": null, "code": code}}),
    )
}

pub fn handle(shared: &Shared, req: &Req) -> Reply {
    match req.bearer() {
        None => {
            return openai_error(
                401,
                "invalid_request_error",
                "missing_api_key",
                "missing 'Authorization: Bearer <key>' header: use llm.apiKey of /_sandbox/credentials",
            );
        }
        Some(k) if k != shared.credentials.llm.api_key => {
            // Unlike some providers, the key is never echoed back.
            return openai_error(
                401,
                "invalid_request_error",
                "invalid_api_key",
                "incorrect API key provided",
            );
        }
        Some(_) => {}
    }
    let Ok(body) = serde_json::from_slice::<Value>(&req.body) else {
        return openai_error(
            400,
            "invalid_request_error",
            "bad_json",
            "the body is not JSON",
        );
    };
    let model = body["model"].as_str().unwrap_or_default();
    if model.is_empty() {
        return openai_error(
            400,
            "invalid_request_error",
            "missing_model",
            "model is required",
        );
    }
    let rf = &body["response_format"];
    if rf["type"] != "json_schema"
        || rf["json_schema"]["name"] != SCHEMA_NAME
        || rf["json_schema"]["strict"] != true
    {
        return openai_error(
            400,
            "invalid_request_error",
            "bad_response_format",
            "response_format must be the strict json_schema 'price_recommendation'",
        );
    }
    let user = body["messages"]
        .as_array()
        .and_then(|ms| ms.iter().rev().find(|m| m["role"] == "user"))
        .and_then(|m| m["content"].as_str())
        .unwrap_or_default();
    let header = req.header("x-sandbox-llm-mode");
    let mode = match header.map(|h| (h, Mode::parse(h.trim()))) {
        Some((_, Some(m))) => m,
        // A mode asked for by name that does not exist is a mistake to report, not "good".
        Some((h, None)) => {
            return openai_error(
                400,
                "invalid_request_error",
                "bad_mode",
                &format!(
                    "X-Sandbox-LLM-Mode '{h}' must be one of: good, broken, out-of-range, percent, error"
                ),
            );
        }
        None => model
            .strip_prefix("sandbox-")
            .and_then(Mode::parse)
            .unwrap_or(Mode::Good),
    };
    if mode == Mode::Error {
        return openai_error(
            500,
            "server_error",
            "server_error",
            "the model is overloaded",
        );
    }
    // Asked in either language: the one whose labels the message carries.
    let found = LABELS.iter().find_map(|l| {
        numbers_after(user, l.range)
            .filter(|n| n.len() >= 2)
            .map(|n| (*l, n[0], n[1]))
    });
    let Some((label, min, max)) = found else {
        return openai_error(
            400,
            "invalid_request_error",
            "no_interval",
            "the user message states no statistical interval",
        );
    };
    let stated = numbers_after(user, label.recommended).and_then(|n| n.first().copied());
    let rec = stated
        .filter(|r| (min..=max).contains(r))
        .unwrap_or(((min + max) / 2.0).round());
    let confidence = numbers_after(user, label.confidence)
        .and_then(|n| n.first().copied())
        .filter(|c| (0.0..=1.0).contains(c))
        .unwrap_or(0.6);
    let symbol = match user.lines().find(|l| l.trim().starts_with(label.range)) {
        Some(l) if l.contains("US$") => "US$",
        _ => "S/",
    };
    let money = |x: f64| format!("{symbol} {x:.0}");
    let rationale = match label.lang {
        "es" => format!(
            "El precio recomendado de {} se ubica dentro del rango estadístico de {} a {}, calculado \
             con comparables del mercado; con una confianza de {:.0}%, es un precio competitivo para \
             atraer compradores sin dejar dinero sobre la mesa.",
            money(rec),
            money(min),
            money(max),
            confidence * 100.0
        ),
        _ => format!(
            "The recommended price of {} sits within the statistical range of {} to {}, computed \
             from market comparables; at {:.0}% confidence it is a competitive price that draws \
             buyers without leaving money on the table.",
            money(rec),
            money(min),
            money(max),
            confidence * 100.0
        ),
    };
    let content = match mode {
        Mode::Broken => format!(
            "Claro, el precio ideal es {} porque el mercado lo respalda.",
            money(rec)
        ),
        Mode::OutOfRange => json!({
            "recommendedPrice": (max * 1.25).round(), "minPrice": min,
            "maxPrice": (max * 1.5).round(), "confidence": confidence, "rationale": rationale,
        })
        .to_string(),
        Mode::Percent => json!({
            "recommendedPrice": rec, "minPrice": min, "maxPrice": max,
            "confidence": (confidence * 100.0).round(), "rationale": rationale,
        })
        .to_string(),
        _ => json!({
            "recommendedPrice": rec, "minPrice": min, "maxPrice": max,
            "confidence": confidence, "rationale": rationale,
        })
        .to_string(),
    };
    Reply::json(
        200,
        &json!({
            "id": format!("chatcmpl-sandbox-{:x}", shared.now_ms()),
            "object": "chat.completion",
            "created": shared.now_ms() / 1000,
            "model": model,
            "choices": [{
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop"
            }],
            "usage": {"prompt_tokens": user.len() / 4, "completion_tokens": 80, "total_tokens": user.len() / 4 + 80}
        }),
    )
}

/// The numbers on the line that starts with `label` (thousands separators are not used).
fn numbers_after(text: &str, label: &str) -> Option<Vec<f64>> {
    let line = text.lines().find_map(|l| l.trim().strip_prefix(label))?;
    let nums: Vec<f64> = line
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|t| t.trim_matches('.').parse().ok())
        .collect();
    Some(nums)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_labelled_lines() {
        let l = treevu_domain::wire::llm::LABELS_ES;
        let text = format!(
            "Listado: x\n{} S/ 350000 – S/ 420000\n{} 0.61",
            l.range, l.confidence
        );
        assert_eq!(
            numbers_after(&text, l.range),
            Some(vec![350000.0, 420000.0])
        );
        assert_eq!(numbers_after(&text, l.confidence), Some(vec![0.61]));
        assert_eq!(numbers_after(&text, l.recommended), None);
        assert_eq!(
            numbers_after("Precio recomendado por treevu: US$ 12000", l.recommended),
            Some(vec![12000.0])
        );
    }
}
