//! Request and answer plumbing shared by the three APIs: query and form parsing,
//! paging parameters, JSON error bodies, and the spec's payload validation (8.2).

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::marketplaces::types::ErrorBody;

/// A request as the handlers see it: nothing of tiny_http leaks past the server.
#[derive(Debug, Default)]
pub struct Req {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Req {
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn bearer(&self) -> Option<&str> {
        let h = self.header("authorization")?.trim();
        let (scheme, token) = h.split_once(' ')?;
        scheme
            .eq_ignore_ascii_case("bearer")
            .then(|| token.trim())
            .filter(|t| !t.is_empty())
    }

    /// The body as `application/x-www-form-urlencoded` pairs.
    pub fn form(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(&self.body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }
}

pub fn form_get<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

/// An answer before it is written to the socket.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub headers: Vec<(String, String)>,
}

impl Reply {
    pub fn json<T: Serialize + ?Sized>(status: u16, value: &T) -> Reply {
        Reply::raw_json(status, serde_json::to_vec(value).unwrap_or_default())
    }

    pub fn raw_json(status: u16, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type: "application/json",
            body,
            headers: Vec::new(),
        }
    }

    pub fn error(status: u16, code: &str, message: impl Into<String>) -> Reply {
        Reply::json(
            status,
            &ErrorBody {
                error: code.into(),
                message: message.into(),
                field: None,
            },
        )
    }

    pub fn invalid(field: Option<&str>, message: impl Into<String>) -> Reply {
        Reply::json(
            422,
            &ErrorBody {
                error: "invalid_payload".into(),
                message: message.into(),
                field: field.map(str::to_string),
            },
        )
    }

    pub fn not_found(what: &str, id: &str) -> Reply {
        Reply::error(404, "not_found", format!("no {what} '{id}'"))
    }

    pub fn html(status: u16, body: String) -> Reply {
        Reply {
            status,
            content_type: "text/html; charset=utf-8",
            body: body.into_bytes(),
            headers: Vec::new(),
        }
    }

    pub fn redirect(location: String) -> Reply {
        Reply {
            status: 302,
            content_type: "text/plain; charset=utf-8",
            body: Vec::new(),
            headers: vec![("Location".into(), location)],
        }
    }

    pub fn no_content() -> Reply {
        Reply {
            status: 204,
            content_type: "application/json",
            body: Vec::new(),
            headers: Vec::new(),
        }
    }

    pub fn with_header(mut self, name: &str, value: String) -> Reply {
        self.headers.push((name.into(), value));
        self
    }
}

/// `page`, `limit` (clamped to 100) and `updated_since` of a list request.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub page: u32,
    pub limit: u32,
    pub since_ms: Option<i64>,
}

pub const DEFAULT_LIMIT: u32 = 20;
pub const MAX_LIMIT: u32 = 100;

pub fn paging(req: &Req) -> Result<Paging, Reply> {
    let page = match req.query("page") {
        None => 1,
        Some(p) => p
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| {
                Reply::invalid(
                    Some("page"),
                    format!("page '{p}' is not a whole number from 1"),
                )
            })?,
    };
    let limit = match req.query("limit") {
        None => DEFAULT_LIMIT,
        Some(l) => l
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|l| *l >= 1)
            .map(|l| l.min(MAX_LIMIT as u64) as u32)
            .ok_or_else(|| {
                Reply::invalid(
                    Some("limit"),
                    format!("limit '{l}' is not a whole number from 1"),
                )
            })?,
    };
    let since_ms = match req.query("updated_since") {
        None => None,
        Some(s) => Some(
            chrono::DateTime::parse_from_rfc3339(s.trim())
                .map(|t| t.timestamp_millis())
                .map_err(|_| {
                    Reply::invalid(
                        Some("updated_since"),
                        format!("updated_since '{s}' is not an RFC 3339 time such as 2026-01-15T12:00:00Z"),
                    )
                })?,
        ),
    };
    Ok(Paging {
        page,
        limit,
        since_ms,
    })
}

/// What a payload field must be.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Spec 8.2: a string of 5 to 255 characters.
    Title,
    /// Spec 8.2: a finite number above zero.
    Price,
    Text,
    /// A finite number above zero that is not money (area).
    Positive,
    Count,
    Year,
    TextList,
    OneOf(&'static [&'static str]),
    /// `{city, district}`; with `true` also address, latitude, longitude.
    Location(bool),
    /// Any JSON object whose shape the record type itself checks.
    Object,
}

/// A field of a POST/PUT payload: its name, kind, whether POST needs it, whether null is allowed.
pub type FieldSpec = (&'static str, Kind, bool, bool);

fn check(name: &str, kind: Kind, v: &Value) -> Result<(), Reply> {
    let bad = |msg: String| Err(Reply::invalid(Some(name), msg));
    match kind {
        Kind::Title => match v.as_str() {
            Some(t) if (5..=255).contains(&t.trim().chars().count()) => Ok(()),
            Some(_) => bad(format!("{name} must have 5 to 255 characters")),
            None => bad(format!("{name} must be a string")),
        },
        Kind::Price | Kind::Positive => match v.as_f64() {
            Some(p) if p.is_finite() && p > 0.0 => Ok(()),
            Some(_) => bad(format!("{name} must be a number above zero")),
            None => bad(format!("{name} must be a number")),
        },
        Kind::Text => match v {
            Value::String(_) => Ok(()),
            _ => bad(format!("{name} must be a string")),
        },
        Kind::Count => match v.as_u64() {
            Some(n) if n < 1_000_000_000 => Ok(()),
            _ => bad(format!("{name} must be a whole number from 0")),
        },
        Kind::Year => match v.as_i64() {
            Some(y) if (1950..=2100).contains(&y) => Ok(()),
            _ => bad(format!("{name} must be a model year such as 2019")),
        },
        Kind::TextList => match v.as_array() {
            Some(a) if a.iter().all(Value::is_string) => Ok(()),
            _ => bad(format!("{name} must be a list of strings")),
        },
        Kind::OneOf(allowed) => match v.as_str() {
            Some(s) if allowed.contains(&s) => Ok(()),
            _ => bad(format!("{name} must be one of: {}", allowed.join(", "))),
        },
        Kind::Location(full) => {
            let Some(o) = v.as_object() else {
                return bad(format!("{name} must be an object with city and district"));
            };
            for part in ["city", "district"] {
                if o.get(part)
                    .and_then(Value::as_str)
                    .is_none_or(|s| s.trim().is_empty())
                {
                    return Err(Reply::invalid(
                        Some(&format!("{name}.{part}")),
                        format!("{name}.{part} must be a non-empty string"),
                    ));
                }
            }
            if full {
                if o.get("address")
                    .is_some_and(|a| !a.is_string() && !a.is_null())
                {
                    return Err(Reply::invalid(
                        Some("location.address"),
                        "location.address must be a string",
                    ));
                }
                for (part, lo, hi) in [("latitude", -90.0, 90.0), ("longitude", -180.0, 180.0)] {
                    match o.get(part) {
                        None | Some(Value::Null) => {}
                        Some(x) if x.as_f64().is_some_and(|f| (lo..=hi).contains(&f)) => {}
                        Some(_) => {
                            return Err(Reply::invalid(
                                Some(&format!("location.{part}")),
                                format!("location.{part} must be a number from {lo} to {hi}"),
                            ));
                        }
                    }
                }
            }
            Ok(())
        }
        Kind::Object => match v {
            Value::Object(_) => Ok(()),
            _ => bad(format!("{name} must be an object")),
        },
    }
}

/// Checks a POST (`creating`) or PUT payload against `specs`: the fields it may set,
/// their kinds, and the ones POST needs. Unknown fields are ignored, as the wire types do.
pub fn validate(
    body: &[u8],
    specs: &[FieldSpec],
    creating: bool,
) -> Result<Map<String, Value>, Reply> {
    let v: Value = serde_json::from_slice(body)
        .map_err(|e| Reply::invalid(None, format!("the body is not valid JSON: {e}")))?;
    let Value::Object(obj) = v else {
        return Err(Reply::invalid(None, "the body must be a JSON object"));
    };
    let mut out = Map::new();
    for &(name, kind, required, nullable) in specs {
        match obj.get(name) {
            None if creating && required => {
                return Err(Reply::invalid(Some(name), format!("{name} is required")));
            }
            None => {}
            Some(Value::Null) if nullable => {
                out.insert(name.into(), Value::Null);
            }
            Some(Value::Null) => {
                return Err(Reply::invalid(Some(name), format!("{name} cannot be null")));
            }
            Some(v) => {
                check(name, kind, v)?;
                out.insert(name.into(), v.clone());
            }
        }
    }
    Ok(out)
}

/// Lays `changes` over `base` (a stored record, or a new one) and reads it back typed.
pub fn merge<T: Serialize + DeserializeOwned>(
    base: &T,
    changes: Map<String, Value>,
) -> Result<T, Reply> {
    let mut v =
        serde_json::to_value(base).map_err(|e| Reply::error(500, "server_error", e.to_string()))?;
    if let Value::Object(o) = &mut v {
        for (k, x) in changes {
            o.insert(k, x);
        }
    }
    serde_json::from_value(v)
        .map_err(|e| Reply::invalid(None, format!("the record is not valid: {e}")))
}

/// Round to cents, the precision money travels with.
pub fn cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: &[FieldSpec] = &[
        ("title", Kind::Title, true, false),
        ("price", Kind::Price, true, false),
        ("bedrooms", Kind::Count, false, true),
    ];

    fn field_of(r: Reply) -> Option<String> {
        let b: ErrorBody = serde_json::from_slice(&r.body).unwrap();
        b.field
    }

    #[test]
    fn validation_names_the_field() {
        let e = validate(br#"{"title":"Casa","price":1}"#, SPECS, true).unwrap_err();
        assert_eq!(e.status, 422);
        assert_eq!(field_of(e).as_deref(), Some("title"));
        let e = validate(br#"{"title":"Casa grande","price":"10"}"#, SPECS, true).unwrap_err();
        assert_eq!(field_of(e).as_deref(), Some("price"));
        let e = validate(br#"{"title":"Casa grande"}"#, SPECS, true).unwrap_err();
        assert_eq!(field_of(e).as_deref(), Some("price"));
        // A PUT may leave required fields out.
        assert!(validate(br#"{"bedrooms":null}"#, SPECS, false).is_ok());
        assert!(validate(b"not json", SPECS, false).is_err());
    }

    #[test]
    fn paging_clamps_and_rejects() {
        let req = |q: &[(&str, &str)]| Req {
            query: q
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            ..Req::default()
        };
        let p = paging(&req(&[("limit", "1000")])).unwrap();
        assert_eq!((p.page, p.limit), (1, 100));
        assert!(paging(&req(&[("page", "0")])).is_err());
        assert!(paging(&req(&[("limit", "x")])).is_err());
        assert!(paging(&req(&[("updated_since", "yesterday")])).is_err());
        let p = paging(&req(&[("updated_since", "2026-01-15T12:00:00+00:00")])).unwrap();
        assert_eq!(p.since_ms, Some(1_768_478_400_000));
    }
}
