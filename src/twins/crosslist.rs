//! Crosslisting: the same item published on another marketplace through its
//! create endpoint, fields mapped the way each marketplace wants them (homes:
//! Inmuebles24 ↔ OLX; cars: Autofact ↔ OLX), checked locally before anything is
//! sent, and linked to its source as twins.
//!
//! [`plan`] maps and validates (no I/O); the CLI confirms and sends. A field the
//! target needs and the source lacks is an error naming it and the `--set`
//! that supplies it. Running a crosslist again creates nothing new: a source
//! that has a twin on the target already is skipped, and one whose earlier
//! create was sent but never answered waits for a sync of the target, which
//! tells whether it arrived, instead of being published twice.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use chrono::Utc;

use super::{Origin, Remote, listing_ref};
use crate::domain::time::timestamp;
use crate::domain::{ListingRef, Marketplace};
use crate::marketplaces::ApiError;
use crate::marketplaces::olx::{REQUIRED_ATTRIBUTES, home_subcategory};
use crate::marketplaces::types::{Operation, PropertyType};
use crate::store::listings::{self, StoredListing};
use crate::store::{Store, StoreError, twins as db};
use crate::sync::SyncOptions;
use crate::sync::gate::Stop;
use crate::writeback::{self, NewListing, PlannedRequest, WritebackError};

/// Why an item cannot be crosslisted as asked.
#[derive(Debug, thiserror::Error)]
pub enum CrosslistError {
    #[error("{listing} is {status}; only listings still on sale (or for rent) are crosslisted")]
    NotActive { listing: ListingRef, status: String },
    #[error("{listing} is already on {}; choose another marketplace with --to", .listing.marketplace.display_name())]
    SameMarketplace { listing: ListingRef },
    #[error(
        "{} does not take {what} ({listing} is one); homes go between Inmuebles24 and OLX, cars between Autofact and OLX",
        .target.display_name()
    )]
    Unsupported {
        listing: ListingRef,
        what: &'static str,
        target: Marketplace,
    },
    #[error(
        "{} needs {field}, which {listing} does not have; give it with --set {key}={example}",
        .target.display_name()
    )]
    MissingField {
        listing: ListingRef,
        target: Marketplace,
        field: &'static str,
        key: &'static str,
        example: &'static str,
    },
    #[error("--set {key}: {why}")]
    BadSet { key: String, why: String },
    #[error("{listing} cannot go to {}: {source}; fix it at the source or override it with --set", .target.display_name())]
    Invalid {
        listing: ListingRef,
        target: Marketplace,
        source: ApiError,
    },
}

impl crate::exit::ExitStatus for CrosslistError {
    fn exit_code(&self) -> u8 {
        match self {
            CrosslistError::BadSet { .. } => crate::exit::USAGE,
            _ => crate::exit::ERROR,
        }
    }
}

/// What `--set key=value` may give, the JSON path it fills on each target
/// (`None`: that target has no such field), and its type.
struct SetKey {
    key: &'static str,
    olx: Option<&'static str>,
    inmuebles24: Option<&'static str>,
    autofact: Option<&'static str>,
    kind: ValueKind,
}

#[derive(Clone, Copy)]
enum ValueKind {
    Text,
    Number,
    Count,
}

const fn k(
    key: &'static str,
    olx: Option<&'static str>,
    inmuebles24: Option<&'static str>,
    autofact: Option<&'static str>,
    kind: ValueKind,
) -> SetKey {
    SetKey {
        key,
        olx,
        inmuebles24,
        autofact,
        kind,
    }
}

use ValueKind::{Count, Number, Text};

const SET_KEYS: &[SetKey] = &[
    k("title", Some("title"), Some("title"), Some("title"), Text),
    k(
        "description",
        Some("description"),
        Some("description"),
        None,
        Text,
    ),
    k("price", Some("price"), Some("price"), Some("price"), Number),
    k(
        "currency",
        Some("currency"),
        Some("currency"),
        Some("currency"),
        Text,
    ),
    k(
        "city",
        Some("location.city"),
        Some("location.city"),
        Some("location.city"),
        Text,
    ),
    k(
        "district",
        Some("location.district"),
        Some("location.district"),
        Some("location.district"),
        Text,
    ),
    k("subcategory", Some("subcategory"), None, None, Text),
    k("address", None, Some("location.address"), None, Text),
    k("latitude", None, Some("location.latitude"), None, Number),
    k("longitude", None, Some("location.longitude"), None, Number),
    k(
        "operation",
        Some("attributes.operation"),
        Some("operation"),
        None,
        Text,
    ),
    k(
        "propertyType",
        Some("attributes.propertyType"),
        Some("propertyType"),
        None,
        Text,
    ),
    k("area", Some("attributes.area"), Some("area"), None, Number),
    k(
        "bedrooms",
        Some("attributes.bedrooms"),
        Some("bedrooms"),
        None,
        Count,
    ),
    k(
        "bathrooms",
        Some("attributes.bathrooms"),
        Some("bathrooms"),
        None,
        Count,
    ),
    k("parking", None, Some("parking"), None, Count),
    k("brand", Some("attributes.brand"), None, Some("brand"), Text),
    k("model", Some("attributes.model"), None, Some("model"), Text),
    k("year", Some("attributes.year"), None, Some("year"), Count),
    k(
        "mileage",
        Some("attributes.mileage"),
        None,
        Some("mileage"),
        Count,
    ),
    k(
        "transmission",
        Some("attributes.transmission"),
        None,
        Some("transmission"),
        Text,
    ),
    k(
        "fuelType",
        Some("attributes.fuelType"),
        None,
        Some("fuelType"),
        Text,
    ),
    k("condition", None, None, Some("condition"), Text),
];

fn path_on(s: &SetKey, m: Marketplace) -> Option<&'static str> {
    match m {
        Marketplace::Olx => s.olx,
        Marketplace::Inmuebles24 => s.inmuebles24,
        Marketplace::Autofact => s.autofact,
    }
}

/// `--set` values, by canonical key, already typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sets(BTreeMap<&'static str, Value>);

impl Sets {
    /// Parses `key=value` pairs; keys may be camelCase, snake_case or kebab-case.
    pub fn parse(pairs: &[String]) -> Result<Sets, CrosslistError> {
        let mut out = BTreeMap::new();
        for p in pairs {
            let Some((key, value)) = p.split_once('=') else {
                return Err(CrosslistError::BadSet {
                    key: p.clone(),
                    why: "write it as key=value, e.g. --set address=\"Av. Larco 1150\"".into(),
                });
            };
            let wanted: String = key
                .chars()
                .filter(|c| *c != '_' && *c != '-')
                .collect::<String>()
                .to_lowercase();
            let Some(spec) = SET_KEYS.iter().find(|s| s.key.to_lowercase() == wanted) else {
                return Err(CrosslistError::BadSet {
                    key: key.into(),
                    why: format!(
                        "unknown field; one of: {}",
                        SET_KEYS
                            .iter()
                            .map(|s| s.key)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            };
            let value = value.trim();
            let bad = |why: &str| CrosslistError::BadSet {
                key: spec.key.into(),
                why: why.into(),
            };
            let typed = match spec.kind {
                Text if value.is_empty() => return Err(bad("the value is empty")),
                Text => json!(value),
                Number => json!(
                    value
                        .replace(',', "")
                        .parse::<f64>()
                        .ok()
                        .filter(|v| v.is_finite())
                        .ok_or_else(|| bad("must be a number, e.g. 85 or -12.12"))?
                ),
                Count => json!(
                    value
                        .replace(',', "")
                        .parse::<u64>()
                        .map_err(|_| bad("must be a whole number, e.g. 3"))?
                ),
            };
            out.insert(spec.key, typed);
        }
        Ok(Sets(out))
    }

    /// The keys given that none of `targets` has, for a warning.
    pub fn unused(&self, targets: &[Marketplace]) -> Vec<&'static str> {
        self.0
            .keys()
            .filter(|k| {
                let spec = SET_KEYS.iter().find(|s| s.key == **k);
                !targets
                    .iter()
                    .any(|m| spec.is_some_and(|s| path_on(s, *m).is_some()))
            })
            .copied()
            .collect()
    }
}

/// One item to publish on one marketplace, ready to send.
#[derive(Debug, Clone)]
pub struct CrossPlan {
    pub source: StoredListing,
    pub target: Marketplace,
    pub new: NewListing,
    pub request: PlannedRequest,
}

/// Which marketplaces take an item of `kind`.
pub fn marketplaces_for(kind: &str) -> &'static [Marketplace] {
    match kind {
        "property" => &[Marketplace::Inmuebles24, Marketplace::Olx],
        "vehicle" => &[Marketplace::Autofact, Marketplace::Olx],
        _ => &[],
    }
}

fn kind_name(kind: &str) -> &'static str {
    match kind {
        "property" => "homes",
        "vehicle" => "cars",
        _ => "this kind of listing",
    }
}

/// Maps `source` to `target`'s new-listing shape with `sets` laid over it,
/// checks what the target requires, and validates it as the client would.
pub fn plan(
    source: &StoredListing,
    target: Marketplace,
    sets: &Sets,
) -> Result<CrossPlan, CrosslistError> {
    let r = &source.record;
    let listing = listing_ref(source);
    if !super::is_active(source) {
        return Err(CrosslistError::NotActive {
            listing,
            status: if r.status == "active" {
                "removed".into()
            } else {
                r.status.clone()
            },
        });
    }
    if r.marketplace == target {
        return Err(CrosslistError::SameMarketplace { listing });
    }
    if !marketplaces_for(&r.kind).contains(&target) {
        return Err(CrosslistError::Unsupported {
            listing,
            what: kind_name(&r.kind),
            target,
        });
    }
    let mut body = map(source, target);
    for (key, value) in &sets.0 {
        let Some(spec) = SET_KEYS.iter().find(|s| s.key == *key) else {
            continue;
        };
        if let Some(path) = path_on(spec, target) {
            put(&mut body, path, value.clone());
        }
    }
    // OLX files a home under its subcategory: derived when not given.
    if target == Marketplace::Olx && body.get("category") == Some(&json!("inmuebles")) {
        let attr = |k: &str| body.pointer(&format!("/attributes/{k}")).cloned();
        let op: Option<Operation> = attr("operation").and_then(|v| serde_json::from_value(v).ok());
        let pt: Option<PropertyType> =
            attr("propertyType").and_then(|v| serde_json::from_value(v).ok());
        if let (Some(op), Some(pt), None) = (op, pt, sets.0.get("subcategory")) {
            body["subcategory"] = json!(home_subcategory(op, pt));
        }
    }
    for &(path, key, example) in required(target, &body) {
        let present = body
            .pointer(&format!("/{}", path.replace('.', "/")))
            .is_some_and(|v| !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty()));
        if !present {
            return Err(CrosslistError::MissingField {
                listing,
                target,
                field: path,
                key,
                example,
            });
        }
    }
    let new =
        writeback::parse_new_listing(target, body).map_err(|source| CrosslistError::Invalid {
            listing: listing.clone(),
            target,
            source,
        })?;
    let request = writeback::plan_create(&new).map_err(|source| CrosslistError::Invalid {
        listing,
        target,
        source,
    })?;
    Ok(CrossPlan {
        source: source.clone(),
        target,
        new,
        request,
    })
}

/// The fields `target` requires (JSON path, `--set` key, an example value).
fn required(
    target: Marketplace,
    body: &Value,
) -> &'static [(&'static str, &'static str, &'static str)] {
    const COMMON: [(&str, &str, &str); 4] = [
        ("title", "title", "\"Departamento con vista al parque\""),
        ("price", "price", "450000"),
        ("location.city", "city", "Lima"),
        ("location.district", "district", "Miraflores"),
    ];
    const OLX_HOME: &[(&str, &str, &str)] = &[
        COMMON[0],
        COMMON[1],
        COMMON[2],
        COMMON[3],
        ("attributes.operation", "operation", "sale"),
        ("attributes.propertyType", "propertyType", "apartment"),
        ("attributes.area", "area", "85"),
    ];
    const OLX_CAR: &[(&str, &str, &str)] = &[
        COMMON[0],
        COMMON[1],
        COMMON[2],
        COMMON[3],
        ("attributes.brand", "brand", "Toyota"),
        ("attributes.model", "model", "Yaris"),
        ("attributes.year", "year", "2019"),
        ("attributes.mileage", "mileage", "48000"),
    ];
    const I24: &[(&str, &str, &str)] = &[
        COMMON[0],
        COMMON[1],
        ("currency", "currency", "PEN"),
        ("propertyType", "propertyType", "apartment"),
        ("operation", "operation", "sale"),
        ("area", "area", "85"),
        COMMON[2],
        COMMON[3],
        ("location.address", "address", "\"Av. Larco 1150\""),
    ];
    const AUTOFACT: &[(&str, &str, &str)] = &[
        COMMON[0],
        ("brand", "brand", "Toyota"),
        ("model", "model", "Yaris"),
        ("year", "year", "2019"),
        ("mileage", "mileage", "48000"),
        COMMON[1],
        COMMON[2],
        COMMON[3],
    ];
    // The OLX lists follow its own table of required attributes.
    debug_assert!(REQUIRED_ATTRIBUTES.iter().all(|(c, fs)| {
        let list = if *c == "inmuebles" { OLX_HOME } else { OLX_CAR };
        fs.iter()
            .all(|f| list.iter().any(|(p, _, _)| *p == format!("attributes.{f}")))
    }));
    match target {
        Marketplace::Olx if body.get("category") == Some(&json!("autos")) => OLX_CAR,
        Marketplace::Olx => OLX_HOME,
        Marketplace::Inmuebles24 => I24,
        Marketplace::Autofact => AUTOFACT,
    }
}

/// Sets `value` at a dotted `path`, creating objects on the way.
fn put(body: &mut Value, path: &str, value: Value) {
    let mut cur = body;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, p) in parts.iter().enumerate() {
        if !cur.is_object() {
            *cur = Value::Object(Map::new());
        }
        let obj = cur.as_object_mut().expect("an object");
        if i + 1 == parts.len() {
            obj.insert((*p).to_string(), value);
            return;
        }
        cur = obj.entry(*p).or_insert_with(|| Value::Object(Map::new()));
    }
}

/// The images of the source as received (the store keeps the payload).
fn images(source: &StoredListing) -> Vec<Value> {
    serde_json::from_str::<Value>(&source.record.raw)
        .ok()
        .and_then(|v| v.get("images").and_then(Value::as_array).cloned())
        .unwrap_or_default()
}

/// The source's fields in `target`'s new-listing shape; what the source lacks
/// is left out (and [`required`] names it).
fn map(source: &StoredListing, target: Marketplace) -> Value {
    let r = &source.record;
    let mut b = json!({
        "title": r.title,
        "price": r.price.major_f64(),
        "currency": r.price.currency,
        "images": images(source),
    });
    let mut set = |path: &str, v: Option<Value>| {
        if let Some(v) = v.filter(|v| !v.is_null()) {
            put(&mut b, path, v);
        }
    };
    let text = |s: &Option<String>| {
        s.as_ref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| json!(s))
    };
    set("location.city", text(&r.city));
    set("location.district", text(&r.district));
    match (target, r.kind.as_str()) {
        (Marketplace::Olx, "property") => {
            set("description", text(&r.description));
            set("category", Some(json!("inmuebles")));
            set("attributes.operation", text(&r.operation));
            set("attributes.propertyType", text(&r.property_type));
            set("attributes.area", r.area_m2.map(|a| json!(a)));
            set("attributes.bedrooms", r.bedrooms.map(|x| json!(x)));
            set("attributes.bathrooms", r.bathrooms.map(|x| json!(x)));
        }
        (Marketplace::Olx, _) => {
            set("description", text(&r.description));
            set("category", Some(json!("autos")));
            set("subcategory", Some(json!("autos-usados")));
            set("attributes.brand", text(&r.brand));
            set("attributes.model", text(&r.model));
            set("attributes.year", r.year.map(|x| json!(x)));
            set("attributes.mileage", r.mileage_km.map(|x| json!(x)));
            set("attributes.transmission", text(&r.transmission));
            set("attributes.fuelType", text(&r.fuel_type));
        }
        (Marketplace::Inmuebles24, _) => {
            set("description", text(&r.description));
            set("propertyType", text(&r.property_type));
            set("operation", text(&r.operation));
            set("bedrooms", r.bedrooms.map(|x| json!(x)));
            set("bathrooms", r.bathrooms.map(|x| json!(x)));
            set("parking", r.parking.map(|x| json!(x)));
            set("area", r.area_m2.map(|a| json!(a)));
            set("location.address", text(&r.address));
            set("location.latitude", r.latitude.map(|x| json!(x)));
            set("location.longitude", r.longitude.map(|x| json!(x)));
        }
        (Marketplace::Autofact, _) => {
            set("brand", text(&r.brand));
            set("model", text(&r.model));
            set("year", r.year.map(|x| json!(x)));
            set("mileage", r.mileage_km.map(|x| json!(x)));
            set("condition", text(&r.condition));
            set("transmission", text(&r.transmission));
            set("fuelType", text(&r.fuel_type));
        }
    }
    b
}

/// Why an item is not published again.
#[derive(Debug, Clone, PartialEq)]
pub enum Skip {
    /// It has a twin on the target already.
    AlreadyThere(ListingRef),
    /// An earlier create was sent at this time and never answered; a sync of the
    /// target tells whether it arrived.
    InFlight(String),
}

/// Whether `source` is on `target` already, or may be (see [`Skip`]). An
/// unanswered create older than the target's last successful sync did not
/// arrive (that sync would have brought it and linked it): it is forgotten.
pub fn already(
    store: &Store,
    source: &StoredListing,
    target: Marketplace,
) -> Result<Option<Skip>, StoreError> {
    let groups = super::stored_groups(store)?;
    let twin = groups
        .iter()
        .find(|g| g.members.iter().any(|m| m.id == source.id))
        .and_then(|g| {
            g.members
                .iter()
                .find(|m| m.record.marketplace == target && super::is_active(m))
        });
    if let Some(twin) = twin {
        return Ok(Some(Skip::AlreadyThere(listing_ref(twin))));
    }
    let conn = store.conn();
    if let Some(sent) = db::intent(conn, source.id, target.as_str())? {
        let synced = db::last_ok_run_started(conn, target)?;
        if synced.is_some_and(|s| s > sent) {
            db::clear_intent(conn, source.id, target.as_str())?;
        } else {
            return Ok(Some(Skip::InFlight(sent)));
        }
    }
    Ok(None)
}

/// Why a send did not publish the item.
#[derive(Debug)]
pub enum SendError {
    /// The marketplace (or the source's current status) refused this item;
    /// nothing was created, the others can go on.
    Refused(String),
    /// Sent, but whether it arrived is unknown (a 5xx, the network): the next
    /// crosslist of it waits for a sync of the target.
    Unknown(String),
    /// Nothing more can be sent now: the budget is spent until `resume`, or the
    /// account needs reconnecting.
    Stopped {
        message: String,
        resume: Option<String>,
        reconnect: bool,
    },
    Store(StoreError),
}

impl From<StoreError> for SendError {
    fn from(e: StoreError) -> Self {
        SendError::Store(e)
    }
}

fn stopped(stop: Stop) -> SendError {
    match stop {
        Stop::Budget { reset_at } => SendError::Stopped {
            message: "the hourly request budget is spent".into(),
            resume: Some(timestamp(reset_at)),
            reconnect: false,
        },
        Stop::Failed(e) => SendError::Stopped {
            reconnect: matches!(e, ApiError::Unauthorized { .. }),
            message: e.to_string(),
            resume: None,
        },
        Stop::Store(e) => SendError::Store(e),
        Stop::Panicked(why) => SendError::Stopped {
            message: crate::sync::engine::internal_error(&why),
            resume: None,
            reconnect: false,
        },
        Stop::Interrupted => SendError::Stopped {
            message: "stopped before it finished".into(),
            resume: None,
            reconnect: false,
        },
    }
}

/// Publishes one planned item: re-reads the source at its marketplace (still on
/// sale?), notes the send, `POST`s once (a create is never retried blindly),
/// then stores the new listing and its link to the source in one transaction.
pub async fn send(
    store: &mut Store,
    plan: &CrossPlan,
    source: &Remote,
    target: &Remote,
    opts: &SyncOptions,
) -> Result<StoredListing, SendError> {
    let src = &plan.source;
    let read = crate::sync::gate::call(
        &source.gate,
        || source.client.http().rate_info(),
        opts,
        || Box::pin(super::read_remote(&source.client, &src.record.remote_id)),
    )
    .await;
    match read {
        Ok(rec) => {
            super::store_fresh(store, &rec)?;
            if rec.status != "active" {
                return Err(SendError::Refused(format!(
                    "{} is {} at {}; only listings still on sale are crosslisted",
                    listing_ref(src),
                    rec.status,
                    src.record.marketplace.display_name()
                )));
            }
        }
        Err(Stop::Failed(ApiError::NotFound { .. })) => {
            return Err(SendError::Refused(format!(
                "{} is gone from {}",
                listing_ref(src),
                src.record.marketplace.display_name()
            )));
        }
        Err(Stop::Failed(e)) if !matches!(e, ApiError::Unauthorized { .. }) => {
            return Err(SendError::Refused(format!(
                "could not re-read {} before sending: {e}",
                listing_ref(src)
            )));
        }
        Err(e) => return Err(stopped(e)),
    }
    let m = plan.target.as_str();
    db::add_intent(store.conn(), src.id, m, &timestamp(Utc::now()))?;
    let once = SyncOptions {
        max_attempts: 1,
        ..opts.clone()
    };
    let client = &target.client;
    let sent = crate::sync::gate::call(
        &target.gate,
        || client.http().rate_info(),
        &once,
        || {
            Box::pin(async move {
                match writeback::create_request(client, &plan.new).await {
                    Ok(x) => Ok(Ok(x)),
                    Err(WritebackError::Api(e)) => Err(e),
                    Err(other) => Ok(Err(other)),
                }
            })
        },
    )
    .await;
    let (_, record) = match sent {
        Ok(Ok(x)) => x,
        // Created, but its answer cannot be read: the next sync brings it.
        Ok(Err(e)) => return Err(SendError::Unknown(e.to_string())),
        Err(Stop::Failed(e)) => {
            let answered = matches!(
                e,
                ApiError::InvalidPayload { .. }
                    | ApiError::NotFound { .. }
                    | ApiError::Unauthorized { .. }
            );
            if !answered {
                return Err(SendError::Unknown(e.to_string()));
            }
            // A refusal created nothing: nothing is left half-linked.
            db::clear_intent(store.conn(), src.id, m)?;
            return Err(match e {
                ApiError::Unauthorized { .. } => stopped(Stop::Failed(e)),
                e => SendError::Refused(e.to_string()),
            });
        }
        Err(e) => {
            // Not sent at all (the budget), or refused unprocessed (429).
            db::clear_intent(store.conn(), src.id, m)?;
            return Err(stopped(e));
        }
    };
    let now = timestamp(Utc::now());
    store.write(|s| -> Result<(), StoreError> {
        let tx = s.conn();
        listings::upsert(tx, &record, &now)?;
        let new_id =
            db::listing_id(tx, record.marketplace, &record.remote_id)?.ok_or_else(|| {
                StoreError::Invalid(format!(
                    "{}:{} was not stored",
                    record.marketplace, record.remote_id
                ))
            })?;
        db::add_link(
            tx,
            src.id,
            new_id,
            Origin::Crosslist.as_str(),
            None,
            None,
            &now,
        )?;
        db::clear_intent(tx, src.id, m)
    })?;
    Ok(
        listings::get(store.conn(), record.marketplace, &record.remote_id)?
            .ok_or_else(|| StoreError::Invalid("the new listing vanished".into()))?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Currency, Money};
    use crate::store::listings::tests::sample;

    fn stored(m: Marketplace) -> StoredListing {
        let mut r = sample("S-1", 48_500_000);
        r.marketplace = m;
        r.description = Some("Departamento luminoso de 85 m² en Miraflores.".into());
        r.area_m2 = Some(85.0);
        r.raw = r#"{"images":["https://img.example/1.jpg","https://img.example/2.jpg"]}"#.into();
        StoredListing {
            id: 1,
            record: r,
            first_seen_at: "t".into(),
            last_seen_at: "t".into(),
            removed_at: None,
        }
    }

    fn car(m: Marketplace) -> StoredListing {
        let mut l = stored(m);
        let r = &mut l.record;
        r.kind = "vehicle".into();
        r.title = "Toyota Yaris 2019 full equipo".into();
        r.price = Money::from_minor(1_450_000, Currency::USD);
        (
            r.operation,
            r.property_type,
            r.area_m2,
            r.bedrooms,
            r.bathrooms,
        ) = (None, None, None, None, None);
        r.brand = Some("Toyota".into());
        r.model = Some("Yaris".into());
        r.year = Some(2019);
        r.mileage_km = Some(48_000);
        r.transmission = Some("automatic".into());
        l
    }

    fn body(p: &CrossPlan) -> Value {
        p.request.body.clone().unwrap()
    }

    #[test]
    fn an_inmuebles24_home_maps_to_olx_with_category_subcategory_and_attributes() {
        let mut src = stored(Marketplace::Inmuebles24);
        src.record.address = Some("Av. Larco 1150".into());
        let p = plan(&src, Marketplace::Olx, &Sets::default()).unwrap();
        assert_eq!(p.request.path, "/listings");
        let b = body(&p);
        assert_eq!(b["category"], "inmuebles");
        assert_eq!(b["subcategory"], "venta-departamentos-casas");
        assert_eq!(
            b["attributes"],
            json!({"operation": "sale", "propertyType": "apartment", "area": 85.0, "bedrooms": 2, "bathrooms": 2})
        );
        assert_eq!(
            b["location"],
            json!({"city": "Lima", "district": "Miraflores"})
        );
        assert_eq!(
            (b["price"].as_f64(), b["currency"].as_str()),
            (Some(485000.0), Some("PEN"))
        );
        assert_eq!(
            b["images"].as_array().unwrap().len(),
            2,
            "the photos go along"
        );
        assert_eq!(
            b["description"],
            "Departamento luminoso de 85 m² en Miraflores."
        );
    }

    #[test]
    fn an_olx_home_to_inmuebles24_needs_an_address_given_with_set() {
        let src = stored(Marketplace::Olx);
        let e = plan(&src, Marketplace::Inmuebles24, &Sets::default()).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("location.address") && msg.contains("--set address="),
            "{msg}"
        );
        let sets = Sets::parse(&[
            "address=Calle Los Pinos 140".into(),
            "latitude=-12.12".into(),
            "longitude=-77.03".into(),
        ])
        .unwrap();
        let b = body(&plan(&src, Marketplace::Inmuebles24, &sets).unwrap());
        assert_eq!(
            b["location"],
            json!({"city": "Lima", "district": "Miraflores", "address": "Calle Los Pinos 140", "latitude": -12.12, "longitude": -77.03})
        );
        assert_eq!(
            (b["propertyType"].as_str(), b["operation"].as_str()),
            (Some("apartment"), Some("sale"))
        );
        assert_eq!(
            (b["area"].as_f64(), b["bedrooms"].as_u64()),
            (Some(85.0), Some(2))
        );
        assert_eq!(b["currency"], "PEN");
    }

    #[test]
    fn cars_map_between_autofact_and_olx() {
        let b = body(
            &plan(
                &car(Marketplace::Autofact),
                Marketplace::Olx,
                &Sets::default(),
            )
            .unwrap(),
        );
        assert_eq!(
            (b["category"].as_str(), b["subcategory"].as_str()),
            (Some("autos"), Some("autos-usados"))
        );
        assert_eq!(
            b["attributes"],
            json!({"brand": "Toyota", "model": "Yaris", "year": 2019, "mileage": 48000, "transmission": "automatic"})
        );
        assert_eq!(b["currency"], "USD");
        let mut olx = car(Marketplace::Olx);
        olx.record.mileage_km = None;
        let e = plan(&olx, Marketplace::Autofact, &Sets::default()).unwrap_err();
        assert!(e.to_string().contains("--set mileage="), "{e}");
        let sets = Sets::parse(&["mileage=48,500".into(), "condition=good".into()]).unwrap();
        let b = body(&plan(&olx, Marketplace::Autofact, &sets).unwrap());
        assert_eq!(
            (
                b["brand"].as_str(),
                b["year"].as_i64(),
                b["mileage"].as_u64(),
                b["condition"].as_str()
            ),
            (Some("Toyota"), Some(2019), Some(48500), Some("good"))
        );
        assert_eq!(
            b["location"],
            json!({"city": "Lima", "district": "Miraflores"})
        );
    }

    #[test]
    fn refusals_name_the_problem() {
        let home = stored(Marketplace::Inmuebles24);
        let e = plan(&home, Marketplace::Autofact, &Sets::default()).unwrap_err();
        assert!(
            e.to_string().contains("Autofact does not take homes"),
            "{e}"
        );
        let e = plan(&home, Marketplace::Inmuebles24, &Sets::default()).unwrap_err();
        assert!(e.to_string().contains("already on Inmuebles24"), "{e}");
        let mut sold = home.clone();
        sold.record.status = "sold".into();
        let e = plan(&sold, Marketplace::Olx, &Sets::default()).unwrap_err();
        assert!(e.to_string().contains("is sold"), "{e}");
        let e = Sets::parse(&["colour=red".into()]).unwrap_err();
        assert!(
            e.to_string().contains("unknown field") && e.to_string().contains("mileage"),
            "{e}"
        );
        let e = Sets::parse(&["year=soon".into()]).unwrap_err();
        assert!(e.to_string().contains("--set year"), "{e}");
        // An override that breaks the target's rules is caught before sending.
        let short = Sets::parse(&["title=Casa".into()]).unwrap();
        let e = plan(&home, Marketplace::Olx, &short).unwrap_err();
        assert!(e.to_string().contains("title"), "{e}");
        // Keys are forgiving about their spelling.
        let sets = Sets::parse(&["property_type=house".into(), "fuel-type=diesel".into()]).unwrap();
        assert_eq!(sets.0.get("propertyType"), Some(&json!("house")));
        assert_eq!(sets.unused(&[Marketplace::Inmuebles24]), vec!["fuelType"]);
    }
}
