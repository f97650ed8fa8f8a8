//! Record-level parsing and checks shared by the three clients: list-page
//! envelopes, one record at a time (so one bad record never loses a page),
//! serde errors turned into reasons that name the field, and the local checks
//! of what we are about to send.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::validate::{FieldError, Validate};
use super::{ApiError, ListPage, RecordError};
use crate::domain::Marketplace;

/// `page`, `limit` and `updated_since` for a list endpoint. Page 0 or limit 0
/// are refused here (the API would answer 422 and spend a request on it);
/// limits above 100 go out as asked and the API clamps them.
pub(crate) fn list_query(
    marketplace: Marketplace,
    page: u32,
    limit: u32,
    updated_since: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Vec<(&'static str, String)>, ApiError> {
    for (field, v) in [("page", page), ("limit", limit)] {
        if v == 0 {
            return Err(ApiError::InvalidPayload {
                marketplace,
                field: Some(field.into()),
                message: format!("{field} must be at least 1 (got 0); nothing was sent"),
            });
        }
    }
    let mut q = vec![("page", page.to_string()), ("limit", limit.to_string())];
    if let Some(t) = updated_since {
        // Keep the instant's own precision: rounding down would only re-fetch,
        // rounding up could skip a record.
        q.push((
            "updated_since",
            t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        ));
    }
    Ok(q)
}

/// Checks a record we are about to send and encodes it. A failure is refused
/// here with the field named, and nothing is sent; so is an update with no field.
pub(crate) fn checked_body<T: serde::Serialize + Validate>(
    marketplace: Marketplace,
    record: &T,
) -> Result<Value, ApiError> {
    if let Err(FieldError { field, message }) = record.validate() {
        return Err(ApiError::InvalidPayload {
            marketplace,
            field: Some(field),
            message: format!("{message}; nothing was sent"),
        });
    }
    let body = serde_json::to_value(record).map_err(|e| ApiError::InvalidPayload {
        marketplace,
        field: None,
        message: format!("cannot encode the request: {e}; nothing was sent"),
    })?;
    if body.as_object().is_some_and(|m| m.is_empty()) {
        return Err(ApiError::InvalidPayload {
            marketplace,
            field: None,
            message: "the update sets no field; nothing was sent".into(),
        });
    }
    Ok(body)
}

/// Parses a list page: the envelope must be sound (else the whole answer is
/// `InvalidPayload`), each element of `data` is parsed and checked on its own.
pub fn parse_page<T: DeserializeOwned + Validate>(
    marketplace: Marketplace,
    body: &[u8],
) -> Result<ListPage<T>, ApiError> {
    let broken = |field: &str, message: String| ApiError::InvalidPayload {
        marketplace,
        field: Some(field.to_string()),
        message,
    };
    let value: Value = serde_json::from_slice(body).map_err(|e| ApiError::InvalidPayload {
        marketplace,
        field: None,
        message: format!(
            "the list answer is not JSON: {}",
            strip_position(&e.to_string())
        ),
    })?;
    let Value::Object(mut map) = value else {
        return Err(ApiError::InvalidPayload {
            marketplace,
            field: None,
            message: "the list answer is not a JSON object".into(),
        });
    };
    let number = |map: &serde_json::Map<String, Value>, k: &str| -> Result<u64, ApiError> {
        map.get(k)
            .and_then(Value::as_u64)
            .ok_or_else(|| broken(k, format!("the list answer has no whole number `{k}`")))
    };
    let page = number(&map, "page")?;
    let limit = number(&map, "limit")?;
    let total = number(&map, "total")?;
    let data = match map.remove("data") {
        Some(Value::Array(items)) => items,
        _ => return Err(broken("data", "the list answer has no `data` array".into())),
    };
    Ok(ListPage {
        items: data.into_iter().map(parse_record::<T>).collect(),
        page: u32::try_from(page)
            .map_err(|_| broken("page", format!("page {page} is out of range")))?,
        limit: u32::try_from(limit)
            .map_err(|_| broken("limit", format!("limit {limit} is out of range")))?,
        total,
    })
}

/// Parses and checks one record; the reason names the field and the problem.
pub fn parse_record<T: DeserializeOwned + Validate>(value: Value) -> Result<T, RecordError> {
    check_record(value).map_err(|(e, _)| e)
}

/// [`parse_record`], also giving the failing field on its own.
pub(crate) fn check_record<T: DeserializeOwned + Validate>(
    value: Value,
) -> Result<T, (RecordError, Option<String>)> {
    let remote_id = value.get("id").and_then(Value::as_str).map(str::to_string);
    let (reason, field) = match serde_json::from_value::<T>(value.clone()) {
        Ok(record) => match record.validate() {
            Ok(()) => return Ok(record),
            Err(FieldError { field, message }) => (message, Some(field)),
        },
        Err(e) => {
            let reason = serde_reason::<T>(&value, &e);
            let field = field_of_reason(&reason);
            (reason, field)
        }
    };
    Err((
        RecordError {
            remote_id,
            reason,
            payload: value,
        },
        field,
    ))
}

/// A serde error with the path of the field it is about ("views: invalid type ...",
/// "location: missing field `district`").
///
/// `serde_json::from_value` does not say where an error happened, but
/// `from_str` gives a line; pretty-printed, each field sits on its own line,
/// and the indentation above that line gives the path. Only runs on failure.
pub(crate) fn serde_reason<T: DeserializeOwned>(
    value: &Value,
    original: &serde_json::Error,
) -> String {
    let fallback = || strip_position(&original.to_string());
    let Ok(text) = serde_json::to_string_pretty(value) else {
        return fallback();
    };
    match serde_json::from_str::<T>(&text) {
        Ok(_) => fallback(),
        Err(e) => {
            let msg = strip_position(&e.to_string());
            let path = path_at_line(&text, e.line());
            if path.is_empty() {
                msg
            } else {
                format!("{path}: {msg}")
            }
        }
    }
}

/// The first path component of a reason ("views: ..." → "views"), for `field`.
pub(crate) fn field_of_reason(reason: &str) -> Option<String> {
    if let Some(rest) = reason.strip_prefix("missing field `") {
        return rest.split('`').next().map(str::to_string);
    }
    let (head, _) = reason.split_once(": ")?;
    let first = head.split(['.', '[']).next()?;
    (!first.is_empty() && !first.contains(' ')).then(|| first.to_string())
}

pub(crate) fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn opens(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with('{') || t.ends_with('[')
}

/// The key a pretty-printed line starts with, if it is `"key": ...`.
fn key_of(line: &str) -> Option<String> {
    let t = line.trim_start();
    if !t.starts_with('"') {
        return None;
    }
    let mut it = serde_json::Deserializer::from_str(t).into_iter::<String>();
    let key = it.next()?.ok()?;
    t[it.byte_offset()..]
        .trim_start()
        .starts_with(':')
        .then_some(key)
}

/// The JSON path of the value on `line` (1-based) of pretty-printed `text`.
fn path_at_line(text: &str, line: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() || line == 0 {
        return String::new();
    }
    let mut idx = (line - 1).min(lines.len() - 1);
    let t = lines[idx].trim_start();
    if t.starts_with('}') || t.starts_with(']') {
        // An error at a closing bracket (a missing field) is about the container.
        let ind = indent(lines[idx]);
        match (0..idx)
            .rev()
            .find(|&j| indent(lines[j]) == ind && opens(lines[j]))
        {
            Some(j) => idx = j,
            None => return String::new(),
        }
    }
    // The line, then each enclosing container's opening line, up to the root.
    let mut chain = vec![idx];
    let mut level = indent(lines[idx]);
    for j in (0..idx).rev() {
        if indent(lines[j]) < level && opens(lines[j]) {
            chain.push(j);
            level = indent(lines[j]);
        }
    }
    let mut out = String::new();
    for pair in chain.windows(2).rev() {
        let (child, parent) = (pair[0], pair[1]);
        match key_of(lines[child]) {
            Some(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&k);
            }
            None => {
                let ind = indent(lines[child]);
                let index = (parent + 1..child)
                    .filter(|&j| {
                        let t = lines[j].trim_start();
                        indent(lines[j]) == ind && !t.starts_with('}') && !t.starts_with(']')
                    })
                    .count();
                out.push_str(&format!("[{index}]"));
            }
        }
    }
    out
}
