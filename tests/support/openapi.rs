//! `docs/marketplaces.openapi.yaml` read as data: its operations, and validators for its
//! schemas, so tests check real answers against the document rather than a copy of it.
//!
//! The document is OpenAPI 3.0; its schemas are turned into JSON Schema 2020-12 once
//! (`nullable` becomes a `null` type, boolean `exclusiveMinimum` a number) and checked
//! by the `jsonschema` crate. Response schemas are checked strictly: an object that
//! lists its properties may carry no other, so a field the sandbox serves and the
//! document does not name fails here.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::{Map, Value};

pub const METHODS: [&str; 5] = ["get", "post", "put", "delete", "patch"];

pub struct Doc {
    /// The whole document, converted.
    root: Value,
    validators: Mutex<HashMap<String, std::sync::Arc<jsonschema::Validator>>>,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    /// `query`, `path` or `header`.
    pub location: String,
    pub required: bool,
    /// JSON pointer of the schema in the document.
    pub schema: String,
}

#[derive(Debug, Clone)]
pub struct Body {
    pub media: String,
    pub schema: String,
}

#[derive(Debug, Clone)]
pub struct ResponseSpec {
    /// `"200"`, `"4XX"`, `"default"`.
    pub key: String,
    pub headers: Vec<String>,
    /// Media type and schema pointer of each documented content.
    pub content: Vec<(String, Option<String>)>,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub method: String,
    pub path: String,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    /// Scheme names of the first security requirement (empty: none).
    pub security: Vec<String>,
    pub responses: Vec<ResponseSpec>,
}

impl Operation {
    pub fn label(&self) -> String {
        format!("{} {}", self.method.to_uppercase(), self.path)
    }

    /// The documented response for `status`: exact, then its range (`4XX`), then `default`.
    pub fn response_for(&self, status: u16) -> Option<&ResponseSpec> {
        let exact = status.to_string();
        let range = format!("{}XX", status / 100);
        self.responses
            .iter()
            .find(|r| r.key == exact)
            .or_else(|| self.responses.iter().find(|r| r.key == range))
            .or_else(|| self.responses.iter().find(|r| r.key == "default"))
    }

    pub fn documents(&self, status: u16) -> bool {
        self.responses.iter().any(|r| r.key == status.to_string())
    }
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// OpenAPI 3.0 schema words → JSON Schema 2020-12, everywhere in the tree; and the
/// document's one extension, `x-max-years-ahead: N` (a model year at most N years
/// after the current one), as the `maximum` it stands for today.
fn convert(v: &mut Value, strict: bool) {
    match v {
        Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                match (k.as_str(), x) {
                    // The members of an allOf each see part of the object: none may
                    // refuse the properties another one names.
                    ("allOf", Value::Array(members)) => {
                        for m in members {
                            convert(m, strict);
                            if let Some(mo) = m.as_object_mut()
                                && mo.get("additionalProperties") == Some(&Value::Bool(false))
                                && !mo.contains_key("$ref")
                            {
                                mo.remove("additionalProperties");
                            }
                        }
                    }
                    (_, x) => convert(x, strict),
                }
            }
            if let Some(n) = o.remove("x-max-years-ahead").and_then(|n| n.as_i64()) {
                use chrono::Datelike;
                let max = chrono::Utc::now().year() as i64 + n;
                let cap = o.get("maximum").and_then(Value::as_i64).unwrap_or(max);
                o.insert("maximum".into(), max.min(cap).into());
            }
            if o.get("exclusiveMinimum") == Some(&Value::Bool(true)) {
                match o.remove("minimum") {
                    Some(m) => o.insert("exclusiveMinimum".into(), m),
                    None => o.remove("exclusiveMinimum"),
                };
            }
            if o.get("exclusiveMaximum") == Some(&Value::Bool(true)) {
                match o.remove("maximum") {
                    Some(m) => o.insert("exclusiveMaximum".into(), m),
                    None => o.remove("exclusiveMaximum"),
                };
            }
            if o.remove("nullable") == Some(Value::Bool(true)) {
                if let Some(Value::String(t)) = o.get("type").cloned() {
                    o.insert("type".into(), Value::Array(vec![t.into(), "null".into()]));
                }
                if let Some(Value::Array(e)) = o.get_mut("enum") {
                    e.push(Value::Null);
                }
            }
            if strict && o.contains_key("properties") && !o.contains_key("additionalProperties") {
                o.insert("additionalProperties".into(), Value::Bool(false));
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| convert(x, strict)),
        _ => {}
    }
}

impl Doc {
    pub fn load() -> Doc {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/docs/marketplaces.openapi.yaml"
        ))
        .expect("docs/marketplaces.openapi.yaml");
        let mut root: Value = serde_norway::from_str(&text).expect("the document is YAML");
        convert(&mut root, true);
        Doc {
            root,
            validators: Mutex::new(HashMap::new()),
        }
    }

    /// The value at a JSON pointer, following one `$ref` if it is one.
    pub fn at(&self, pointer: &str) -> &Value {
        let v = self
            .root
            .pointer(pointer)
            .unwrap_or_else(|| panic!("no {pointer} in the document"));
        match v.get("$ref").and_then(Value::as_str) {
            Some(r) => self.at(r.trim_start_matches('#')),
            None => v,
        }
    }

    /// The pointer a `$ref` at `pointer` leads to (or `pointer` itself).
    pub fn target(&self, pointer: &str) -> String {
        let v = self.root.pointer(pointer).expect("pointer");
        match v.get("$ref").and_then(Value::as_str) {
            Some(r) => self.target(r.trim_start_matches('#')),
            None => pointer.to_string(),
        }
    }

    pub fn operations(&self) -> Vec<Operation> {
        let mut ops = Vec::new();
        let paths = self.root["paths"].as_object().expect("paths");
        for (path, item) in paths {
            let base = format!("/paths/{}", escape(path));
            let shared_params: Vec<Param> = item
                .get("parameters")
                .and_then(Value::as_array)
                .map(|ps| {
                    (0..ps.len())
                        .map(|i| self.param(&format!("{base}/parameters/{i}")))
                        .collect()
                })
                .unwrap_or_default();
            for m in METHODS {
                let Some(op) = item.get(m) else { continue };
                let at = format!("{base}/{m}");
                let mut params = shared_params.clone();
                if let Some(ps) = op.get("parameters").and_then(Value::as_array) {
                    for i in 0..ps.len() {
                        params.push(self.param(&format!("{at}/parameters/{i}")));
                    }
                }
                let body = op.get("requestBody").map(|_| {
                    let content = self.at(&format!("{at}/requestBody"))["content"]
                        .as_object()
                        .expect("requestBody content");
                    let (media, _) = content.iter().next().expect("a media type");
                    Body {
                        media: media.clone(),
                        schema: self.target(&format!(
                            "{}/content/{}/schema",
                            self.target(&format!("{at}/requestBody")),
                            escape(media)
                        )),
                    }
                });
                let security = op
                    .get("security")
                    .and_then(Value::as_array)
                    .and_then(|s| s.first())
                    .and_then(Value::as_object)
                    .map(|o| o.keys().cloned().collect())
                    .unwrap_or_default();
                let mut responses = Vec::new();
                for key in op["responses"].as_object().expect("responses").keys() {
                    let rp = self.target(&format!("{at}/responses/{}", escape(key)));
                    let r = self.at(&rp);
                    let headers = r
                        .get("headers")
                        .and_then(Value::as_object)
                        .map(|h| h.keys().cloned().collect())
                        .unwrap_or_default();
                    let content = r
                        .get("content")
                        .and_then(Value::as_object)
                        .map(|c| {
                            c.iter()
                                .map(|(media, mt)| {
                                    let schema = mt.get("schema").map(|_| {
                                        self.target(&format!(
                                            "{rp}/content/{}/schema",
                                            escape(media)
                                        ))
                                    });
                                    (media.clone(), schema)
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    responses.push(ResponseSpec {
                        key: key.clone(),
                        headers,
                        content,
                    });
                }
                ops.push(Operation {
                    method: m.to_string(),
                    path: path.clone(),
                    params,
                    body,
                    security,
                    responses,
                });
            }
        }
        ops
    }

    fn param(&self, pointer: &str) -> Param {
        let pointer = self.target(pointer);
        let p = self.at(&pointer);
        Param {
            name: p["name"].as_str().expect("parameter name").to_string(),
            location: p["in"].as_str().expect("parameter in").to_string(),
            required: p["required"].as_bool().unwrap_or(false),
            schema: self.target(&format!("{pointer}/schema")),
        }
    }

    /// A validator of the schema at `pointer`, its `$ref`s resolved in the document.
    pub fn validator(&self, pointer: &str) -> std::sync::Arc<jsonschema::Validator> {
        if let Some(v) = self.validators.lock().unwrap().get(pointer) {
            return v.clone();
        }
        // The document itself is the schema resource, entered at `pointer`.
        let mut schema: Map<String, Value> = Map::new();
        schema.insert("$ref".into(), format!("#{pointer}").into());
        schema.insert("components".into(), self.root["components"].clone());
        schema.insert("paths".into(), self.root["paths"].clone());
        let v = std::sync::Arc::new(
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(true)
                .build(&Value::Object(schema))
                .unwrap_or_else(|e| panic!("schema at {pointer}: {e}")),
        );
        self.validators
            .lock()
            .unwrap()
            .insert(pointer.to_string(), v.clone());
        v
    }

    /// Why `value` fails the schema at `pointer`, or `None` when it passes.
    pub fn check(&self, pointer: &str, value: &Value) -> Option<String> {
        let v = self.validator(pointer);
        if v.is_valid(value) {
            return None;
        }
        Some(
            v.iter_errors(value)
                .take(3)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect::<Vec<_>>()
                .join("; "),
        )
    }

    pub fn root(&self) -> &Value {
        &self.root
    }

    /// The schema at `pointer` with every `$ref` followed and every `allOf` merged into
    /// one schema, so a generator can read it; `oneOf` branches are kept, each flattened.
    pub fn flat(&self, pointer: &str) -> Value {
        self.flatten(self.root.pointer(pointer).expect("pointer"))
    }

    pub fn flatten(&self, s: &Value) -> Value {
        let Some(o) = s.as_object() else {
            return s.clone();
        };
        if let Some(r) = o.get("$ref").and_then(Value::as_str) {
            return self.flat(r.trim_start_matches('#'));
        }
        let mut out = Map::new();
        for (k, v) in o {
            match k.as_str() {
                "allOf" => {}
                "properties" => {
                    let props = v
                        .as_object()
                        .map(|p| {
                            p.iter()
                                .map(|(n, x)| (n.clone(), self.flatten(x)))
                                .collect()
                        })
                        .unwrap_or_default();
                    out.insert(k.clone(), Value::Object(props));
                }
                "items" => {
                    out.insert(k.clone(), self.flatten(v));
                }
                "oneOf" | "anyOf" => {
                    let b = v
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|x| self.flatten(x))
                        .collect();
                    out.insert(k.clone(), Value::Array(b));
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        let mut merged = Value::Object(out);
        for m in o
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            merged = merge(&merged, &self.flatten(m));
        }
        merged
    }
}

/// Two schemas an instance must both satisfy, as one (for generating, not validating).
fn merge(a: &Value, b: &Value) -> Value {
    let (Some(ao), Some(bo)) = (a.as_object(), b.as_object()) else {
        return b.clone();
    };
    let mut out = ao.clone();
    for (k, bv) in bo {
        let merged = match (k.as_str(), out.get(k)) {
            ("required", Some(Value::Array(av))) => {
                let mut r = av.clone();
                for x in bv.as_array().into_iter().flatten() {
                    if !r.contains(x) {
                        r.push(x.clone());
                    }
                }
                Value::Array(r)
            }
            ("properties", Some(Value::Object(ap))) => {
                let mut p = ap.clone();
                for (n, x) in bv.as_object().into_iter().flatten() {
                    let m = match p.get(n) {
                        Some(prev) => merge(prev, x),
                        None => x.clone(),
                    };
                    p.insert(n.clone(), m);
                }
                Value::Object(p)
            }
            ("minimum" | "exclusiveMinimum" | "minLength", Some(av)) => {
                if av.as_f64() >= bv.as_f64() {
                    av.clone()
                } else {
                    bv.clone()
                }
            }
            ("maximum" | "exclusiveMaximum" | "maxLength", Some(av)) => {
                if av.as_f64() <= bv.as_f64() {
                    av.clone()
                } else {
                    bv.clone()
                }
            }
            _ => bv.clone(),
        };
        out.insert(k.clone(), merged);
    }
    Value::Object(out)
}
