//! Inmuebles24 (`/inmuebles24/v1`): the merchant's properties, their leads and analytics,
//! and the market's comparable properties behind `scope=market` (spec section 2).

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::SandboxOptions;
use super::churn;
use super::data::{
    BUYER_MESSAGES, BUYER_NAMES, fold, gen_home, images, mix32, rng_for, timestamp_ms,
};
use super::hazard::Appeal;
use super::http::{FieldSpec, Kind, Reply, Req, cents, paging, validate};
use super::server::{Call, Shared, read};
use super::table::{self, Row, Table, list_reply, page_json};
use treevu_domain::wire::{
    Inmuebles24Analytics, Inmuebles24Lead, Inmuebles24Property, ListingStatus, Operation,
    PropertyLocation, PropertyType,
};
use treevu_domain::{Currency, Marketplace};

pub struct I24Data {
    pub properties: Table<Inmuebles24Property>,
    pub market: Table<Inmuebles24Property>,
    counters: churn::Counters,
}

table::listing! {
    Inmuebles24Property, what: "property", mine: inmuebles24.properties, counters: inmuebles24.counters,
    contacts: leads,
    closed: |p| match p.operation {
        Some(Operation::Rent) => ListingStatus::Rented,
        _ => ListingStatus::Sold,
    },
}
table::keyed!(Inmuebles24Lead);

const DAY_MS: i64 = 86_400_000;

fn property_id(seed: u64, seq: u64) -> String {
    format!(
        "{}",
        140_000_000u64
            + (mix32((seq as u32) ^ (seed as u32).wrapping_mul(0x9E37_79B1)) % 800_000_000) as u64
    )
}

/// One property new on line at `now_ms` (active, no engagement yet), and its appeal;
/// [`churn::seed_history`] ages generated ones.
fn make_property(
    rng: &mut ChaCha8Rng,
    seed: u64,
    seq: u64,
    now_ms: i64,
) -> (Inmuebles24Property, Appeal) {
    let h = gen_home(rng);
    let created_ms = now_ms / 1000 * 1000;
    let appeal = Appeal::draw(rng, h.price, h.fair_price, created_ms);
    let id = property_id(seed, seq);
    let images = images(rng, "inmuebles24", &id, 4..16);
    let homes = matches!(
        h.property_type,
        PropertyType::House | PropertyType::Apartment
    );
    (
        Inmuebles24Property {
            id,
            title: h.title,
            description: h.description,
            price: h.price,
            currency: h.currency,
            property_type: h.property_type,
            operation: Some(h.operation),
            bedrooms: homes.then_some(h.bedrooms),
            bathrooms: Some(h.bathrooms),
            parking: Some(h.parking),
            area: h.area,
            location: PropertyLocation {
                city: "Lima".into(),
                district: h.district.into(),
                address: h.address,
                latitude: Some(h.latitude),
                longitude: Some(h.longitude),
            },
            images,
            status: ListingStatus::Active,
            created_at: timestamp_ms(created_ms),
            updated_at: timestamp_ms(now_ms),
            views: 0,
            leads: 0,
            favorites: 0,
        },
        appeal,
    )
}

pub fn generate(opts: &SandboxOptions, epoch_ms: i64) -> I24Data {
    let (properties, market) = churn::merchant_and_market(opts, epoch_ms, 0x02_0000, |rng, seq| {
        make_property(rng, opts.seed, seq, epoch_ms)
    });
    I24Data {
        properties,
        market,
        counters: churn::Counters::after(opts),
    }
}

/// The leads behind a property's `leads` count, derived from the property so they are
/// the same on every call and dated inside its life.
fn leads_of(seed: u64, row: &Row<Inmuebles24Property>) -> Vec<Row<Inmuebles24Lead>> {
    let p = &row.wire;
    let mut rng = rng_for(seed, 0x02_1EAD_0000 ^ row.seq);
    let created = chrono::DateTime::parse_from_rfc3339(&p.created_at)
        .map(|t| t.timestamp_millis())
        .unwrap_or(row.updated_ms);
    let until = row.updated_ms.max(created + 1);
    (0..p.leads.min(500))
        .map(|j| {
            let name = BUYER_NAMES[rng.gen_range(0..BUYER_NAMES.len())];
            let at = (created + rng.gen_range(0..=(until - created))) / 1000 * 1000;
            let email = rng.gen_bool(0.8).then(|| {
                format!(
                    "{}{}@correo.example",
                    fold(name).replace(' ', "."),
                    rng.gen_range(1..99)
                )
            });
            let phone = rng.gen_bool(0.7).then(|| {
                format!(
                    "+51 9{:02} {:03} {:03}",
                    rng.gen_range(0..100),
                    rng.gen_range(0..1000),
                    rng.gen_range(0..1000)
                )
            });
            Row {
                wire: Inmuebles24Lead {
                    id: format!("ld-{}-{j}", p.id),
                    property_id: p.id.clone(),
                    name: name.into(),
                    email,
                    phone,
                    message: BUYER_MESSAGES[rng.gen_range(0..BUYER_MESSAGES.len())].into(),
                    created_at: timestamp_ms(at),
                },
                updated_ms: at,
                malformed: None,
                seq: j,
                appeal: None,
            }
        })
        .collect()
}

const PROPERTY_FIELDS: &[FieldSpec] = &[
    ("title", Kind::Title, true, false),
    ("description", Kind::Text, false, false),
    ("price", Kind::Price, true, false),
    ("currency", Kind::OneOf(&["PEN", "USD"]), true, false),
    (
        "propertyType",
        Kind::OneOf(&["house", "apartment", "land", "commercial"]),
        true,
        false,
    ),
    ("operation", Kind::OneOf(&["sale", "rent"]), true, false),
    ("bedrooms", Kind::Count, false, true),
    ("bathrooms", Kind::Count, false, true),
    ("parking", Kind::Count, false, true),
    ("area", Kind::Area, true, false),
    ("location", Kind::Location(true), true, false),
    ("images", Kind::TextList, false, false),
    (
        "status",
        Kind::OneOf(&["active", "sold", "rented", "removed"]),
        false,
        false,
    ),
];

/// What a new property needs beyond the field kinds: whether it is for sale or
/// rent, and the street address buyers are shown (the map pin may stay off).
fn check_new_property(changes: &serde_json::Map<String, serde_json::Value>) -> Result<(), Reply> {
    if changes.get("operation").is_none_or(|o| o.is_null()) {
        return Err(Reply::invalid(
            Some("operation"),
            "operation is required: sale or rent",
        ));
    }
    let address = changes
        .get("location")
        .and_then(|l| l.get("address"))
        .and_then(|a| a.as_str())
        .unwrap_or_default();
    if address.trim().is_empty() {
        return Err(Reply::invalid(
            Some("location.address"),
            "location.address is required: the street and number buyers are shown",
        ));
    }
    Ok(())
}

/// An enumerated filter: absent or empty is no filter; anything else must be one of the
/// values exactly as the records spell them.
fn parse_enum<T: serde::de::DeserializeOwned>(
    req: &Req,
    name: &str,
    allowed: &str,
) -> Result<Option<T>, Reply> {
    match req.query(name) {
        None | Some("") => Ok(None),
        Some(v) => serde_json::from_value(serde_json::Value::String(v.to_string()))
            .map(Some)
            .map_err(|_| {
                Reply::invalid(
                    Some(name),
                    format!("{name} '{v}' must be one of: {allowed}"),
                )
            }),
    }
}

/// `GET /properties`: the merchant's (default) or the market's, filtered the same way in
/// both scopes by `propertyType`, `operation` and `district`.
fn list_properties(shared: &Shared, req: &Req) -> Reply {
    let p = match paging(req) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let market = match req.query("scope") {
        None | Some("") | Some("merchant") => false,
        Some("market") => true,
        Some(other) => {
            return Reply::invalid(
                Some("scope"),
                format!("scope '{other}' must be merchant or market"),
            );
        }
    };
    let pt: Option<PropertyType> =
        match parse_enum(req, "propertyType", "house, apartment, land, commercial") {
            Ok(v) => v,
            Err(r) => return r,
        };
    let op: Option<Operation> = match parse_enum(req, "operation", "sale, rent") {
        Ok(v) => v,
        Err(r) => return r,
    };
    let district = req
        .query("district")
        .filter(|d| !d.trim().is_empty())
        .map(fold);
    let filtered = pt.is_some() || op.is_some() || district.is_some();
    let keep = |x: &Inmuebles24Property| {
        pt.is_none_or(|t| x.property_type == t)
            && op.is_none_or(|o| x.operation == Some(o))
            && district
                .as_ref()
                .is_none_or(|d| fold(&x.location.district) == *d)
    };
    let keep: Option<&dyn Fn(&Inmuebles24Property) -> bool> = filtered.then_some(&keep);
    if !market && shared.opts.churn && p.page == 1 {
        churn_now(shared);
    }
    let data = read(&shared.data);
    let table = if market {
        &data.inmuebles24.market
    } else {
        &data.inmuebles24.properties
    };
    let (reply, n) = list_reply(table, p, keep);
    shared.count_listings(Marketplace::Inmuebles24, n);
    reply
}

pub fn handle(call: Call) -> Reply {
    let Call {
        shared, req, id, ..
    } = call;
    match (call.method, call.template) {
        ("GET", "/properties") => list_properties(shared, req),
        ("POST", "/properties") => {
            let changes = match validate(&req.body, PROPERTY_FIELDS, true)
                .and_then(|c| check_new_property(&c).map(|()| c))
            {
                Ok(c) => c,
                Err(r) => return r,
            };
            table::create(shared, changes, |seq, now| Inmuebles24Property {
                id: property_id(shared.opts.seed, seq),
                title: String::new(),
                description: String::new(),
                price: 0.0,
                currency: Currency::PEN,
                property_type: PropertyType::Apartment,
                operation: None,
                bedrooms: None,
                bathrooms: None,
                parking: None,
                area: 0.0,
                location: PropertyLocation {
                    city: String::new(),
                    district: String::new(),
                    address: String::new(),
                    latitude: None,
                    longitude: None,
                },
                images: Vec::new(),
                status: ListingStatus::Active,
                created_at: now.clone(),
                updated_at: now,
                views: 0,
                leads: 0,
                favorites: 0,
            })
        }
        ("GET", "/properties/{property_id}") => {
            let data = read(&shared.data);
            match data
                .inmuebles24
                .properties
                .get(id)
                .or_else(|| data.inmuebles24.market.get(id))
            {
                Some(r) => Reply::json(200, &r.wire),
                None => Reply::not_found("property", id),
            }
        }
        ("PUT", "/properties/{property_id}") => {
            table::put::<Inmuebles24Property>(shared, id, || {
                validate(&req.body, PROPERTY_FIELDS, false)
            })
        }
        ("GET", "/properties/{property_id}/leads") => {
            let p = match paging(req) {
                Ok(p) => p,
                Err(r) => return r,
            };
            let data = read(&shared.data);
            let Some(row) = data.inmuebles24.properties.get(id) else {
                return Reply::not_found("property", id);
            };
            let mut leads = leads_of(shared.opts.seed, row);
            leads.sort_by(|a, b| (a.updated_ms, &a.wire.id).cmp(&(b.updated_ms, &b.wire.id)));
            let matching: Vec<&Row<Inmuebles24Lead>> = leads
                .iter()
                .filter(|l| p.since_ms.is_none_or(|s| l.updated_ms >= s))
                .collect();
            let skip = (p.page as usize - 1).saturating_mul(p.limit as usize);
            let page: Vec<&Row<Inmuebles24Lead>> = matching
                .iter()
                .skip(skip)
                .take(p.limit as usize)
                .copied()
                .collect();
            Reply::raw_json(
                200,
                page_json(&page, p.page, p.limit, matching.len() as u64),
            )
        }
        ("GET", "/properties/{property_id}/analytics") => {
            let data = read(&shared.data);
            let Some(row) = data.inmuebles24.properties.get(id) else {
                return Reply::not_found("property", id);
            };
            let x = &row.wire;
            let rate = if x.views == 0 {
                0.0
            } else {
                (x.leads as f64 / x.views as f64 * 10_000.0).round() / 10_000.0
            };
            Reply::json(
                200,
                &Inmuebles24Analytics {
                    property_id: x.id.clone(),
                    views: x.views,
                    leads: x.leads,
                    favorites: x.favorites,
                    conversion_rate: rate,
                    average_days_to_sale: days_to_close(&data.inmuebles24.market, x),
                    // Areas are at least MIN_AREA and prices finite, so this is a
                    // finite number; the guard keeps `null` off the wire whatever happens.
                    price_per_square_meter: Some(x.price / x.area)
                        .filter(|v| v.is_finite())
                        .map_or(0.0, cents),
                },
            )
        }
        _ => Reply::error(404, "not_found", "no such Inmuebles24 endpoint"),
    }
}

/// Mean days from publication to sale or rental of the market's closed comparables: same
/// district, type and operation, else the same type and operation anywhere in Lima.
fn days_to_close(market: &Table<Inmuebles24Property>, x: &Inmuebles24Property) -> f64 {
    let closed = |p: &&Row<Inmuebles24Property>| {
        matches!(p.wire.status, ListingStatus::Sold | ListingStatus::Rented)
            && p.wire.property_type == x.property_type
            && p.wire.operation == x.operation
    };
    let days = |rows: Vec<&Row<Inmuebles24Property>>| -> Option<f64> {
        let ds: Vec<f64> = rows
            .iter()
            .filter_map(|r| {
                let c = chrono::DateTime::parse_from_rfc3339(&r.wire.created_at).ok()?;
                Some((r.updated_ms - c.timestamp_millis()) as f64 / DAY_MS as f64)
            })
            .collect();
        (!ds.is_empty()).then(|| (ds.iter().sum::<f64>() / ds.len() as f64 * 10.0).round() / 10.0)
    };
    let district = fold(&x.location.district);
    let near: Vec<_> = market
        .rows()
        .iter()
        .filter(closed)
        .filter(|r| fold(&r.wire.location.district) == district)
        .collect();
    days(near)
        .or_else(|| days(market.rows().iter().filter(closed).collect()))
        .unwrap_or(90.0)
}

fn churn_now(shared: &Shared) {
    let seed = shared.opts.seed;
    churn::step_mine(
        shared,
        Marketplace::Inmuebles24,
        0x02_C000,
        |rng, seq, now| make_property(rng, seed, seq, now),
    );
}
