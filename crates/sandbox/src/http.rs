//! Request and answer plumbing shared by the three APIs: query and form parsing,
//! paging parameters, JSON error bodies, and the spec's payload validation (8.2).

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use treevu_domain::wire::ErrorBody;

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

/// Bodies above this are refused with 413 (the rest read and thrown away first, so the
/// answer reaches a client that is still sending).
pub const MAX_BODY: usize = 1 << 20;

/// What made a request unreadable before any route saw it; answered in the dialect of
/// the API it was sent to (`server::answer`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A header value with a byte that is not visible ASCII (the header's name).
    NonAsciiHeader(String),
    /// The request target is not a valid URL path.
    BadTarget,
    /// A body over [`MAX_BODY`].
    TooLarge,
    /// The body could not be read (the cause).
    Unreadable(String),
}

impl Problem {
    /// Status, error code and a message naming the problem and the fix.
    pub fn describe(&self) -> (u16, &'static str, String) {
        match self {
            Problem::NonAsciiHeader(name) => (
                400,
                "bad_request",
                format!(
                    "the {name} header carries a byte that is not ASCII: header values must be ASCII (percent- or base64-encode other text)"
                ),
            ),
            Problem::BadTarget => (
                400,
                "bad_request",
                "the request path is not a valid URL path".into(),
            ),
            Problem::TooLarge => (
                413,
                "payload_too_large",
                format!("bodies are limited to {} bytes (1 MiB)", MAX_BODY),
            ),
            Problem::Unreadable(cause) => {
                (400, "bad_request", format!("cannot read the body: {cause}"))
            }
        }
    }
}

/// An answer before it is written to the socket.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    /// `None` for answers without a body (204, redirects).
    pub content_type: Option<&'static str>,
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
            content_type: Some("application/json"),
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
            content_type: Some("text/html; charset=utf-8"),
            body: body.into_bytes(),
            headers: Vec::new(),
        }
    }

    pub fn redirect(location: String) -> Reply {
        Reply {
            status: 302,
            content_type: None,
            body: Vec::new(),
            headers: vec![("Location".into(), location)],
        }
    }

    pub fn no_content() -> Reply {
        Reply {
            status: 204,
            content_type: None,
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

/// Reads a whole number the way a query parameter carries it: `Err(true)` for a number
/// too large for a u64, `Err(false)` for something that is not a whole number at all.
fn whole_number(raw: &str) -> Result<u64, bool> {
    let t = raw.trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(false);
    }
    t.parse::<u64>().map_err(|_| true)
}

pub fn paging(req: &Req) -> Result<Paging, Reply> {
    let page = match req.query("page") {
        None => 1,
        Some(p) => match whole_number(p).map(u32::try_from) {
            Ok(Ok(n)) if n >= 1 => n,
            Ok(Ok(_)) | Err(false) => {
                return Err(Reply::invalid(
                    Some("page"),
                    format!("page '{p}' is not a whole number from 1"),
                ));
            }
            Ok(Err(_)) | Err(true) => {
                return Err(Reply::invalid(
                    Some("page"),
                    format!("page '{p}' is too large: pages run from 1 to {}", u32::MAX),
                ));
            }
        },
    };
    let limit = match req.query("limit") {
        None => DEFAULT_LIMIT,
        // Any whole number from 1 is served, at most MAX_LIMIT records a page.
        Some(l) => match whole_number(l) {
            Ok(n) if n >= 1 => n.min(MAX_LIMIT as u64) as u32,
            Err(true) => MAX_LIMIT,
            _ => {
                return Err(Reply::invalid(
                    Some("limit"),
                    format!("limit '{l}' is not a whole number from 1"),
                ));
            }
        },
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

/// Shortest and longest title in characters (spec 8.2), counted as sent; the title
/// without its leading and trailing spaces must still have the shortest length.
pub const TITLE_CHARS: std::ops::RangeInclusive<usize> = 5..=255;
/// The smallest area, in m², a listing may state: below it price per m² means nothing
/// (and at 1e-320 it is not even a finite number).
pub const MIN_AREA: f64 = 1.0;
/// Counts (rooms, mileage) at or above this are typos.
pub const MAX_COUNT: u64 = 999_999_999;
use treevu_domain::wire::validate::MAX_MILEAGE_KM;

/// Model years accepted.
pub const YEARS: std::ops::RangeInclusive<i64> = 1950..=2100;

/// What a payload field must be.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// [`TITLE_CHARS`] characters.
    Title,
    /// Spec 8.2: a finite number above zero.
    Price,
    Text,
    /// A finite number of square metres from [`MIN_AREA`].
    Area,
    /// A whole number from 0 to [`MAX_COUNT`].
    Count,
    /// Kilometres, as many as the clients accept (`validate::MAX_MILEAGE_KM`).
    Mileage,
    /// A model year in [`YEARS`].
    Year,
    /// A model year from [`YEARS`]' start to next year, as the clients check it.
    RecentYear,
    TextList,
    OneOf(&'static [&'static str]),
    /// `{city, district}`; with `true` also address, latitude, longitude.
    Location(bool),
    /// An object whose fields are checked in turn; errors name `parent.field`.
    Fields(&'static [FieldSpec]),
}

/// A field of a POST/PUT payload: its name, kind, whether POST needs it, whether null is allowed.
pub type FieldSpec = (&'static str, Kind, bool, bool);

fn check(name: &str, kind: Kind, v: &Value) -> Result<Value, Reply> {
    let bad = |msg: String| Err(Reply::invalid(Some(name), msg));
    let ok = || Ok(v.clone());
    match kind {
        Kind::Title => match v.as_str() {
            Some(t)
                if TITLE_CHARS.contains(&t.chars().count())
                    && t.trim().chars().count() >= *TITLE_CHARS.start() =>
            {
                ok()
            }
            Some(t) => bad(format!(
                "{name} must have {} to {} characters, at least {} of them besides leading and trailing spaces (got {})",
                TITLE_CHARS.start(),
                TITLE_CHARS.end(),
                TITLE_CHARS.start(),
                t.chars().count()
            )),
            None => bad(format!("{name} must be a string")),
        },
        Kind::Price => match v.as_f64() {
            Some(p) if p.is_finite() && p > 0.0 => ok(),
            Some(_) => bad(format!("{name} must be a number above zero")),
            None => bad(format!("{name} must be a number")),
        },
        Kind::Area => match v.as_f64() {
            Some(a) if a.is_finite() && a >= MIN_AREA => ok(),
            Some(_) => bad(format!(
                "{name} must be a number of square metres from {MIN_AREA}"
            )),
            None => bad(format!("{name} must be a number")),
        },
        Kind::Text => match v {
            Value::String(_) => ok(),
            _ => bad(format!("{name} must be a string")),
        },
        Kind::Count => match v.as_u64() {
            Some(n) if n <= MAX_COUNT => ok(),
            _ => bad(format!(
                "{name} must be a whole number from 0 to {MAX_COUNT}"
            )),
        },
        Kind::Mileage => match v.as_u64() {
            Some(n) if n <= MAX_MILEAGE_KM => ok(),
            _ => bad(format!(
                "{name} must be a whole number of kilometres from 0 to {MAX_MILEAGE_KM}"
            )),
        },
        Kind::RecentYear => {
            let last = i64::from(chrono::Datelike::year(&chrono::Utc::now())) + 1;
            match v.as_i64() {
                Some(y) if (*YEARS.start()..=last).contains(&y) => ok(),
                _ => bad(format!(
                    "{name} must be a model year from {} to {last}",
                    YEARS.start()
                )),
            }
        }
        Kind::Year => match v.as_i64() {
            Some(y) if YEARS.contains(&y) => ok(),
            _ => bad(format!(
                "{name} must be a model year from {} to {}",
                YEARS.start(),
                YEARS.end()
            )),
        },
        Kind::TextList => match v.as_array() {
            Some(a) if a.iter().all(Value::is_string) => ok(),
            _ => bad(format!("{name} must be a list of strings")),
        },
        Kind::OneOf(allowed) => match v.as_str() {
            Some(s) if allowed.contains(&s) => ok(),
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
                if o.get("address").is_some_and(|a| !a.is_string()) {
                    return Err(Reply::invalid(
                        Some(&format!("{name}.address")),
                        format!("{name}.address must be a string"),
                    ));
                }
                for (part, lo, hi) in [("latitude", -90.0, 90.0), ("longitude", -180.0, 180.0)] {
                    match o.get(part) {
                        None | Some(Value::Null) => {}
                        Some(x) if x.as_f64().is_some_and(|f| (lo..=hi).contains(&f)) => {}
                        Some(_) => {
                            return Err(Reply::invalid(
                                Some(&format!("{name}.{part}")),
                                format!("{name}.{part} must be a number from {lo} to {hi}"),
                            ));
                        }
                    }
                }
            }
            ok()
        }
        Kind::Fields(specs) => match v {
            Value::Object(o) => Ok(Value::Object(fields(o, specs, false, Some(name))?)),
            _ => bad(format!("{name} must be an object")),
        },
    }
}

/// The fields of `obj` that `specs` names, each checked; `prefix` names the parent in errors.
fn fields(
    obj: &Map<String, Value>,
    specs: &[FieldSpec],
    creating: bool,
    prefix: Option<&str>,
) -> Result<Map<String, Value>, Reply> {
    let mut out = Map::new();
    for &(name, kind, required, nullable) in specs {
        let path = match prefix {
            Some(p) => format!("{p}.{name}"),
            None => name.to_string(),
        };
        match obj.get(name) {
            None if creating && required => {
                return Err(Reply::invalid(Some(&path), format!("{path} is required")));
            }
            None => {}
            Some(Value::Null) if nullable => {
                out.insert(name.into(), Value::Null);
            }
            Some(Value::Null) => {
                return Err(Reply::invalid(
                    Some(&path),
                    format!("{path} cannot be null"),
                ));
            }
            Some(v) => {
                out.insert(name.into(), check(&path, kind, v)?);
            }
        }
    }
    Ok(out)
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
    fields(&obj, specs, creating, None)
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

/// Round to cents, the precision money travels with; numbers too large to have cents
/// (near f64's limit, where ×100 would overflow) stay as they are.
pub fn cents(x: f64) -> f64 {
    let c = (x * 100.0).round() / 100.0;
    if c.is_finite() { c } else { x }
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
