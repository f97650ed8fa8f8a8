//! OLX (`/olx/v2`): the merchant's listings of homes and cars, their stats, and the
//! buyers' conversations (spec section 1).

use std::collections::HashSet;

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::SandboxOptions;
use super::churn;
use super::data::{
    BUYER_MESSAGES, BUYER_NAMES, gen_car, gen_home, images, mix32, rng_for, timestamp_ms,
};
use super::faults::pick_malformed;
use super::hazard::{Appeal, closed_share};
use super::http::{FieldSpec, Kind, Reply, Req, paging, validate};
use super::server::{Call, Shared, read};
use super::table::{self, Row, Table, list_reply};
use treevu_domain::wire::olx::{check_category, home_subcategory};
use treevu_domain::wire::{
    ListingStatus, Location, OlxAttributes, OlxConversation, OlxListing, OlxStats,
};
use treevu_domain::{Currency, Marketplace};

pub struct OlxData {
    pub listings: Table<OlxListing>,
    pub conversations: Table<OlxConversation>,
    counters: churn::Counters,
}

table::listing! {
    OlxListing, what: "listing", mine: olx.listings, counters: olx.counters, contacts: contacts,
    closed: |_l| ListingStatus::Sold,
}
table::keyed!(OlxConversation);

const DAY_MS: i64 = 86_400_000;

fn listing_id(seed: u64, seq: u64) -> String {
    // Ten digits, like OLX ids; the mix is bijective so ids never collide.
    format!(
        "{}",
        1_000_000_000u64 + mix32((seq as u32) ^ (seed as u32).wrapping_mul(2_654_435_761)) as u64
    )
}

/// One listing: a home (60 %) or a car, new on line at `now_ms` (active, no
/// engagement yet), and its appeal; [`churn::seed_history`] ages generated ones.
fn make_listing(rng: &mut ChaCha8Rng, seed: u64, seq: u64, now_ms: i64) -> (OlxListing, Appeal) {
    let id = listing_id(seed, seq);
    let created_ms = now_ms / 1000 * 1000;
    let is_home = rng.gen_range(0.0..1.0) < 0.6;
    let (title, description, price, currency, category, subcategory, district, attributes, fair) =
        if is_home {
            let h = gen_home(rng);
            let sub = home_subcategory(h.operation, h.property_type);
            let attrs = OlxAttributes {
                operation: Some(h.operation),
                property_type: Some(h.property_type),
                area: Some(h.area),
                bedrooms: (h.bedrooms > 0).then_some(h.bedrooms),
                bathrooms: (h.bathrooms > 0).then_some(h.bathrooms),
                ..Default::default()
            };
            (
                h.title,
                h.description,
                h.price,
                h.currency,
                "inmuebles",
                sub,
                h.district,
                attrs,
                h.fair_price,
            )
        } else {
            let c = gen_car(rng);
            let attrs = OlxAttributes {
                brand: Some(c.brand.into()),
                model: Some(c.model.into()),
                year: Some(c.year),
                mileage: Some(c.mileage),
                transmission: Some(c.transmission.into()),
                fuel_type: Some(c.fuel_type.into()),
                ..Default::default()
            };
            let title = format!("{} {} {} {}", c.brand, c.model, c.year, hook_of(&c.title));
            (
                title,
                c.description,
                c.price,
                Currency::USD,
                "autos",
                "autos-usados",
                c.district,
                attrs,
                c.fair_price,
            )
        };
    let appeal = Appeal::draw(rng, price, fair, created_ms);
    let imgs = images(rng, "olx", &id, 3..10);
    (
        OlxListing {
            id,
            title,
            description,
            price,
            currency,
            category: category.into(),
            subcategory: subcategory.into(),
            location: Location {
                city: "Lima".into(),
                district: district.into(),
            },
            images: imgs,
            status: ListingStatus::Active,
            created_at: timestamp_ms(created_ms),
            updated_at: timestamp_ms(now_ms),
            views: 0,
            contacts: 0,
            favorites: 0,
            attributes: Some(attributes),
        },
        appeal,
    )
}

/// The selling words after "Brand Model Year" in a generated car title.
fn hook_of(title: &str) -> &str {
    title.splitn(4, ' ').nth(3).unwrap_or("")
}

/// Up to three conversations per listing that had contacts, dated inside its life.
pub(super) fn conversations_of(
    rng: &mut ChaCha8Rng,
    l: &OlxListing,
    created_ms: i64,
    until_ms: i64,
) -> Vec<(OlxConversation, i64)> {
    let n = l.contacts.min(3);
    (0..n)
        .map(|j| {
            let at = (created_ms + rng.gen_range(0..=(until_ms - created_ms).max(1))) / 1000 * 1000;
            let count = rng.gen_range(1..9);
            (
                OlxConversation {
                    id: format!("cv-{}-{j}", l.id),
                    listing_id: l.id.clone(),
                    buyer_name: BUYER_NAMES[rng.gen_range(0..BUYER_NAMES.len())].into(),
                    last_message: BUYER_MESSAGES[rng.gen_range(0..BUYER_MESSAGES.len())].into(),
                    last_message_at: timestamp_ms(at),
                    unread: rng.gen_range(0..3).min(count),
                    message_count: count,
                },
                at,
            )
        })
        .collect()
}

pub fn generate(opts: &SandboxOptions, epoch_ms: i64) -> OlxData {
    let mut rng = rng_for(opts.seed, 0x01_0000);
    let mut listings = Table::new();
    let mut conversations = Table::new();
    // A stream of its own, so conversations never shift the listings' draws.
    let mut conv_rng = rng_for(opts.seed, 0x01_C0C0);
    for seq in 0..opts.listings as u64 {
        let (l, appeal) = make_listing(&mut rng, opts.seed, seq, epoch_ms);
        listings.push(Row {
            wire: l,
            updated_ms: epoch_ms,
            malformed: None,
            seq,
            appeal: Some(appeal),
        });
    }
    churn::seed_history(
        listings.rows_mut(),
        &mut rng_for(opts.seed, 0x01_4157),
        closed_share(opts.seed),
        epoch_ms,
    );
    for row in listings.rows() {
        let l = &row.wire;
        let created_ms = row.appeal.map_or(epoch_ms, |a| a.created_ms);
        for (c, at) in conversations_of(&mut conv_rng, l, created_ms, row.updated_ms) {
            conversations.push(Row {
                wire: c,
                updated_ms: at,
                malformed: None,
                seq: row.seq,
                appeal: None,
            });
        }
    }
    for (i, m) in pick_malformed(
        &mut rng_for(opts.seed, 0x01_BAD0),
        listings.len(),
        opts.malformed_rate,
    ) {
        listings.rows_mut()[i].malformed = Some(m);
    }
    listings.resort();
    conversations.resort();
    OlxData {
        listings,
        conversations,
        counters: churn::Counters::after(opts),
    }
}

/// Replaces the conversations of the listings `ids` (rewritten as twins after
/// generation) with ones that fit their new counts and dates.
pub(super) fn regenerate_conversations(d: &mut OlxData, ids: &[String], seed: u64) {
    if ids.is_empty() {
        return;
    }
    let ids: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let mut rng = rng_for(seed, 0x01_C0C1);
    let mut table = Table::new();
    for row in d.conversations.rows() {
        if !ids.contains(row.wire.listing_id.as_str()) {
            table.push(row.clone());
        }
    }
    for row in d.listings.rows() {
        if !ids.contains(row.wire.id.as_str()) {
            continue;
        }
        let created_ms = row.appeal.map_or(row.updated_ms, |a| a.created_ms);
        for (c, at) in conversations_of(&mut rng, &row.wire, created_ms, row.updated_ms) {
            table.push(Row {
                wire: c,
                updated_ms: at,
                malformed: None,
                seq: row.seq,
                appeal: None,
            });
        }
    }
    table.resort();
    d.conversations = table;
}

const STATUSES: &[&str] = &["active", "sold", "removed"];

const LISTING_FIELDS: &[FieldSpec] = &[
    ("title", Kind::Title, true, false),
    ("description", Kind::Text, false, false),
    ("price", Kind::Price, true, false),
    ("currency", Kind::OneOf(&["PEN", "USD"]), false, false),
    (
        "category",
        Kind::OneOf(&["inmuebles", "autos"]),
        true,
        false,
    ),
    ("subcategory", Kind::Text, false, false),
    ("location", Kind::Location(false), true, false),
    ("images", Kind::TextList, false, false),
    ("status", Kind::OneOf(STATUSES), false, false),
    ("attributes", Kind::Fields(ATTRIBUTE_FIELDS), false, false),
];

/// `attributes` (an extension of the spec): what a home or a car is.
const ATTRIBUTE_FIELDS: &[FieldSpec] = &[
    ("operation", Kind::OneOf(&["sale", "rent"]), false, false),
    (
        "propertyType",
        Kind::OneOf(&["house", "apartment", "land", "commercial"]),
        false,
        false,
    ),
    ("area", Kind::Area, false, false),
    ("bedrooms", Kind::Count, false, false),
    ("bathrooms", Kind::Count, false, false),
    ("brand", Kind::Text, false, false),
    ("model", Kind::Text, false, false),
    ("year", Kind::RecentYear, false, false),
    ("mileage", Kind::Mileage, false, false),
    ("transmission", Kind::Text, false, false),
    ("fuelType", Kind::Text, false, false),
];

fn check_user(user_id: &str, caller: &str) -> Result<(), Reply> {
    // `me` stands for the caller, so a client need not look its id up first.
    if user_id == caller || user_id == "me" {
        Ok(())
    } else {
        Err(Reply::error(
            403,
            "forbidden",
            format!("the token's user cannot read user '{user_id}'"),
        ))
    }
}

fn changes_of(
    req: &Req,
    creating: bool,
) -> Result<serde_json::Map<String, serde_json::Value>, Reply> {
    let changes = validate(&req.body, LISTING_FIELDS, creating)?;
    // Checked field by field above, so this reads; the message stays the API's own.
    let attributes = match changes.get("attributes").filter(|a| !a.is_null()) {
        Some(a) => Some(
            serde_json::from_value::<OlxAttributes>(a.clone())
                .map_err(|_| Reply::invalid(Some("attributes"), "attributes are not valid"))?,
        ),
        None => None,
    };
    if creating {
        // What OLX asks of each category: the same rules the client checks first.
        let text = |k: &str| changes.get(k).and_then(|v| v.as_str()).unwrap_or_default();
        check_category(text("category"), text("subcategory"), attributes.as_ref())
            .map_err(|e| Reply::invalid(Some(&e.field), e.message))?;
    }
    Ok(changes)
}

pub fn handle(call: Call) -> Reply {
    let Call {
        shared,
        req,
        id: param,
        user,
        ..
    } = call;
    match (call.method, call.template) {
        ("GET", "/users/{user_id}/listings") => match check_user(param, user) {
            Ok(()) => table::list_mine::<OlxListing>(shared, req, Marketplace::Olx, churn_now),
            Err(r) => r,
        },
        ("GET", "/users/{user_id}/conversations") => {
            if let Err(r) = check_user(param, user) {
                return r;
            }
            match paging(req) {
                Ok(p) => list_reply(&read(&shared.data).olx.conversations, p, None).0,
                Err(r) => r,
            }
        }
        ("POST", "/listings") => {
            let changes = match changes_of(req, true) {
                Ok(c) => c,
                Err(r) => return r,
            };
            table::create(shared, changes, |seq, now| OlxListing {
                id: listing_id(shared.opts.seed, seq),
                title: String::new(),
                description: String::new(),
                price: 0.0,
                currency: Currency::PEN,
                category: String::new(),
                subcategory: String::new(),
                location: Location {
                    city: String::new(),
                    district: String::new(),
                },
                images: Vec::new(),
                status: ListingStatus::Active,
                created_at: now.clone(),
                updated_at: now,
                views: 0,
                contacts: 0,
                favorites: 0,
                attributes: None,
            })
        }
        ("GET", "/listings/{listing_id}") => match read(&shared.data).olx.listings.get(param) {
            Some(r) => Reply::json(200, &r.wire),
            None => Reply::not_found("listing", param),
        },
        ("PUT", "/listings/{listing_id}") => {
            table::put::<OlxListing>(shared, param, || changes_of(req, false))
        }
        ("DELETE", "/listings/{listing_id}") => {
            match table::update::<OlxListing>(shared, param, |l| {
                let mut l = l.clone();
                l.status = ListingStatus::Removed;
                Ok(l)
            }) {
                r if r.status == 200 => Reply::no_content(),
                r => r,
            }
        }
        ("GET", "/listings/{listing_id}/stats") => {
            let data = read(&shared.data);
            let Some(row) = data.olx.listings.get(param) else {
                return Reply::not_found("listing", param);
            };
            let l = &row.wire;
            let last_contact = data
                .olx
                .conversations
                .rows()
                .iter()
                .filter(|c| c.wire.listing_id == l.id)
                .max_by_key(|c| c.updated_ms)
                .map(|c| c.wire.last_message_at.clone());
            let created = chrono::DateTime::parse_from_rfc3339(&l.created_at)
                .map(|t| t.timestamp_millis())
                .unwrap_or(shared.epoch_ms);
            let reference = shared.epoch_ms.max(row.updated_ms);
            let rate = if l.views == 0 {
                0.0
            } else {
                (l.contacts as f64 / l.views as f64 * 10_000.0).round() / 10_000.0
            };
            Reply::json(
                200,
                &OlxStats {
                    listing_id: l.id.clone(),
                    views: l.views,
                    contacts: l.contacts,
                    favorites: l.favorites,
                    conversion_rate: rate,
                    days_active: ((reference - created).max(0) / DAY_MS) as u32,
                    last_contact_date: last_contact,
                },
            )
        }
        _ => Reply::error(404, "not_found", "no such OLX endpoint"),
    }
}

fn churn_now(shared: &Shared) {
    let seed = shared.opts.seed;
    churn::step_mine(shared, Marketplace::Olx, 0x01_C000, |rng, seq, now| {
        make_listing(rng, seed, seq, now)
    });
}
