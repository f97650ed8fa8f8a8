//! Seeded twins: part of the demo merchant's items are listed twice, a home on
//! Inmuebles24 and OLX or a car on Autofact and OLX, with the small differences
//! real cross-posts have (a rounded price, sometimes in the other currency at the
//! merchant's own rate, a shortened title, the area ±1 m², the odometer rounded).
//!
//! The true pairing is kept so `GET /_sandbox/twins` can tell a client which
//! listings are one item, and so `--churn` never sells the copy of an item that
//! already sold elsewhere: that item is gone, whoever takes the ad down.

use std::collections::HashSet;

use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::data::{rng_for, timestamp_ms};
use super::hazard::Appeal;
use super::server::Data;
use super::table::{Keyed, Row};
use treevu_domain::wire::olx::home_subcategory;
use treevu_domain::wire::{
    AutofactVehicle, Inmuebles24Property, ListingStatus, OlxAttributes, OlxListing, Operation,
};
use treevu_domain::{Currency, Marketplace};

/// Share of the merchant's OLX listings that are the copy of an Inmuebles24 home
/// or an Autofact car.
pub const TWIN_SHARE: f64 = 0.4;

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;

/// One item listed on OLX and on its home marketplace (Inmuebles24 or Autofact).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TruePair {
    pub olx_id: String,
    pub other: Marketplace,
    pub other_id: String,
}

/// `GET /_sandbox/twins`.
#[derive(Debug, Serialize)]
pub struct Pairing {
    pub pairs: Vec<PairOut>,
}

#[derive(Debug, Serialize)]
pub struct PairOut {
    /// `property` or `vehicle`.
    pub kind: &'static str,
    /// The two listings as treevu names them (`olx:123`), in name order.
    pub listings: [String; 2],
    /// Each listing's status at its marketplace now, in the same order.
    pub statuses: [ListingStatus; 2],
}

fn status_of(data: &Data, m: Marketplace, id: &str) -> ListingStatus {
    let s = match m {
        Marketplace::Olx => data.olx.listings.get(id).map(|r| r.wire.status),
        Marketplace::Inmuebles24 => data.inmuebles24.properties.get(id).map(|r| r.wire.status),
        Marketplace::Autofact => data.autofact.vehicles.get(id).map(|r| r.wire.status),
    };
    s.unwrap_or(ListingStatus::Removed)
}

impl TruePair {
    fn out(&self, data: &Data) -> PairOut {
        let kind = if self.other == Marketplace::Autofact {
            "vehicle"
        } else {
            "property"
        };
        let mut l = [
            (
                format!("olx:{}", self.olx_id),
                status_of(data, Marketplace::Olx, &self.olx_id),
            ),
            (
                format!("{}:{}", self.other, self.other_id),
                status_of(data, self.other, &self.other_id),
            ),
        ];
        l.sort_by(|a, b| a.0.cmp(&b.0));
        let [(a, sa), (b, sb)] = l;
        PairOut {
            kind,
            listings: [a, b],
            statuses: [sa, sb],
        }
    }
}

/// The pairing as served, with each listing's current status.
pub fn pairing(data: &Data) -> Pairing {
    let mut pairs: Vec<PairOut> = data.twins.iter().map(|p| p.out(data)).collect();
    pairs.sort_by(|a, b| a.listings.cmp(&b.listings));
    Pairing { pairs }
}

/// Turns about [`TWIN_SHARE`] of the merchant's OLX listings into copies of an
/// Inmuebles24 property (homes) or an Autofact vehicle (cars), and returns the
/// pairing. Records served broken on either side are left alone, so every pair
/// can be seen by a client.
pub fn seed(seed: u64, epoch_ms: i64, data: &mut Data) -> Vec<TruePair> {
    let mut rng = rng_for(seed, 0x7715_0000);
    let mut homes: Vec<usize> = (0..data.inmuebles24.properties.len())
        .filter(|&i| data.inmuebles24.properties.rows()[i].malformed.is_none())
        .collect();
    let mut cars: Vec<usize> = (0..data.autofact.vehicles.len())
        .filter(|&i| data.autofact.vehicles.rows()[i].malformed.is_none())
        .collect();
    homes.shuffle(&mut rng);
    cars.shuffle(&mut rng);
    let mut pairs = Vec::new();
    let mut replaced = Vec::new();
    for i in 0..data.olx.listings.len() {
        let row = &data.olx.listings.rows()[i];
        if row.malformed.is_some() || rng.gen_range(0.0..1.0) >= TWIN_SHARE {
            continue;
        }
        let is_home = row.wire.category == "inmuebles";
        let (copy, appeal, pair) = if is_home {
            let Some(j) = homes.pop() else { continue };
            let src = &data.inmuebles24.properties.rows()[j];
            let (copy, appeal) = home_copy(&mut rng, &row.wire, src, epoch_ms);
            (
                copy,
                appeal,
                (Marketplace::Inmuebles24, src.wire.id.clone()),
            )
        } else {
            let Some(j) = cars.pop() else { continue };
            let src = &data.autofact.vehicles.rows()[j];
            let (copy, appeal) = car_copy(&mut rng, &row.wire, src, epoch_ms);
            (copy, appeal, (Marketplace::Autofact, src.wire.id.clone()))
        };
        let row = &mut data.olx.listings.rows_mut()[i];
        row.updated_ms = parse_ms(&copy.updated_at).unwrap_or(epoch_ms);
        row.appeal = Some(appeal);
        row.wire = copy;
        replaced.push(row.wire.id.clone());
        pairs.push(TruePair {
            olx_id: row.wire.id.clone(),
            other: pair.0,
            other_id: pair.1,
        });
    }
    super::olx::regenerate_conversations(&mut data.olx, &replaced, seed);
    data.olx.listings.resort();
    pairs
}

/// The ids of `m`'s merchant records whose twin has been sold or rented.
pub fn unsellable(data: &Data, m: Marketplace) -> HashSet<String> {
    let closed = |st: Option<ListingStatus>| {
        matches!(st, Some(ListingStatus::Sold) | Some(ListingStatus::Rented))
    };
    let status_of = |m: Marketplace, id: &str| match m {
        Marketplace::Olx => data.olx.listings.get(id).map(|r| r.wire.status),
        Marketplace::Inmuebles24 => data.inmuebles24.properties.get(id).map(|r| r.wire.status),
        Marketplace::Autofact => data.autofact.vehicles.get(id).map(|r| r.wire.status),
    };
    let mut out = HashSet::new();
    for p in &data.twins {
        if m == Marketplace::Olx && closed(status_of(p.other, &p.other_id)) {
            out.insert(p.olx_id.clone());
        } else if m == p.other && closed(status_of(Marketplace::Olx, &p.olx_id)) {
            out.insert(p.other_id.clone());
        }
    }
    out
}

fn parse_ms(ts: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(ts)
        .ok()
        .map(|t| t.timestamp_millis())
}

/// When the copy went on line and what it looks like now: posted within three
/// days of the original; taken down within two days of the original's close.
struct Life {
    created_ms: i64,
    updated_ms: i64,
    status: ListingStatus,
}

fn life_of<T: Keyed>(
    rng: &mut ChaCha8Rng,
    src: &Row<T>,
    created_at: &str,
    status: ListingStatus,
    epoch_ms: i64,
) -> Life {
    let src_created = parse_ms(created_at).unwrap_or(epoch_ms);
    let posted = (src_created + rng.gen_range(0..3 * DAY_MS)).min(epoch_ms - HOUR_MS);
    if status == ListingStatus::Active {
        let created_ms = posted.max(src_created) / 1000 * 1000;
        let updated_ms = rng.gen_range(created_ms..=epoch_ms.max(created_ms));
        Life {
            created_ms,
            updated_ms,
            status: ListingStatus::Active,
        }
    } else {
        // The merchant took this copy down after the original closed.
        let closed = src.updated_ms;
        let created_ms = posted.min(closed).max(src_created) / 1000 * 1000;
        let updated_ms = (closed + rng.gen_range(HOUR_MS..2 * DAY_MS)).min(epoch_ms);
        Life {
            created_ms,
            updated_ms: updated_ms.max(created_ms),
            status: ListingStatus::Removed,
        }
    }
}

/// The same buyers' interest, spread differently over another audience.
fn engagement_like(rng: &mut ChaCha8Rng, views: u64, contacts: u64, favorites: u64) -> [u64; 3] {
    let f = rng.gen_range(0.3..1.6);
    [views, contacts, favorites].map(|x| (x as f64 * f).round() as u64)
}

/// A shorter title, as merchants retype them for a second portal.
fn shortened(rng: &mut ChaCha8Rng, title: &str) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    let candidate = match rng.gen_range(0..100) {
        0..35 => title.to_string(),
        // "…en Miraflores, 3 dorm." → "…en Miraflores"
        35..60 => title
            .rsplit_once(", ")
            .map(|(a, _)| a.to_string())
            .unwrap_or_else(|| title.to_string()),
        60..85 => words[..words.len().min(6)].join(" "),
        _ => {
            let mut out = String::new();
            for w in &words {
                if out.chars().count() + w.chars().count() + 1 > 40 {
                    break;
                }
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(w);
            }
            out
        }
    };
    if candidate.chars().count() >= 5 {
        candidate
    } else {
        title.to_string()
    }
}

fn round_to(x: f64, step: f64) -> f64 {
    ((x / step).round() * step).max(step)
}

/// The OLX copy of an Inmuebles24 property; `base` lends the OLX id, images and seq.
fn home_copy(
    rng: &mut ChaCha8Rng,
    base: &OlxListing,
    src: &Row<Inmuebles24Property>,
    epoch_ms: i64,
) -> (OlxListing, Appeal) {
    let p = &src.wire;
    let op = p.operation.unwrap_or(Operation::Sale);
    // A sale in dollars on one portal is often in soles on the other, at the
    // merchant's own rate, not the bank's.
    let switch = op == Operation::Sale && rng.gen_range(0.0..1.0) < 0.15;
    let rate = rng.gen_range(3.65..3.85);
    let (price, currency) = match (switch, p.currency) {
        (true, Currency::USD) => (round_to(p.price * rate, 5_000.0), Currency::PEN),
        (true, Currency::PEN) => (round_to(p.price / rate, 1_000.0), Currency::USD),
        // Rents keep their fifties below S/ 2,000: a round hundred is too big a step there.
        (false, c) if op == Operation::Rent && p.price < 2_000.0 => (p.price, c),
        (false, c) if op == Operation::Rent => (round_to(p.price, 100.0), c),
        (false, Currency::USD) => (round_to(p.price, 1_000.0), Currency::USD),
        (false, c) => (
            round_to(
                p.price,
                if p.price > 100_000.0 {
                    5_000.0
                } else {
                    1_000.0
                },
            ),
            c,
        ),
    };
    let area = (p.area + [0.0, 0.0, 1.0, -1.0][rng.gen_range(0..4)]).max(10.0);
    let life = life_of(rng, src, &p.created_at, p.status, epoch_ms);
    let [views, contacts, favorites] = engagement_like(rng, p.views, p.leads, p.favorites);
    let attributes = OlxAttributes {
        operation: Some(op),
        property_type: Some(p.property_type),
        area: Some(area),
        bedrooms: p.bedrooms.filter(|b| *b > 0),
        bathrooms: p.bathrooms.filter(|b| *b > 0),
        ..Default::default()
    };
    let copy = OlxListing {
        id: base.id.clone(),
        title: shortened(rng, &p.title),
        description: p.description.clone(),
        price,
        currency,
        category: "inmuebles".into(),
        subcategory: home_subcategory(op, p.property_type).into(),
        location: treevu_domain::wire::Location {
            city: p.location.city.clone(),
            district: p.location.district.clone(),
        },
        images: base.images.clone(),
        status: life.status,
        created_at: timestamp_ms(life.created_ms),
        updated_at: timestamp_ms(life.updated_ms),
        views,
        contacts,
        favorites,
        attributes: Some(attributes),
    };
    let appeal = appeal_of(src.appeal, p.price, price, life.created_ms);
    (copy, appeal)
}

/// The OLX copy of an Autofact vehicle.
fn car_copy(
    rng: &mut ChaCha8Rng,
    base: &OlxListing,
    src: &Row<AutofactVehicle>,
    epoch_ms: i64,
) -> (OlxListing, Appeal) {
    let v = &src.wire;
    let price = round_to(v.price, 500.0);
    let mileage = if rng.gen_bool(0.5) {
        v.mileage
    } else {
        round_to(v.mileage as f64, 1_000.0) as u64
    };
    let title = if rng.gen_bool(0.5) {
        v.title.clone()
    } else {
        format!("{} {} {}", v.brand, v.model, v.year)
    };
    let life = life_of(rng, src, &v.created_at, v.status, epoch_ms);
    let [views, contacts, favorites] = engagement_like(rng, v.views, v.contacts, v.favorites);
    let copy = OlxListing {
        id: base.id.clone(),
        title,
        description: base.description.clone(),
        price,
        currency: v.currency,
        category: "autos".into(),
        subcategory: "autos-usados".into(),
        location: v.location.clone(),
        images: base.images.clone(),
        status: life.status,
        created_at: timestamp_ms(life.created_ms),
        updated_at: timestamp_ms(life.updated_ms),
        views,
        contacts,
        favorites,
        attributes: Some(OlxAttributes {
            brand: Some(v.brand.clone()),
            model: Some(v.model.clone()),
            year: Some(v.year),
            mileage: Some(mileage),
            transmission: v.transmission.clone(),
            fuel_type: v.fuel_type.clone(),
            ..Default::default()
        }),
    };
    let appeal = appeal_of(src.appeal, v.price, price, life.created_ms);
    (copy, appeal)
}

/// The original's latent appeal, with its fair price in the copy's currency.
fn appeal_of(src: Option<Appeal>, src_price: f64, price: f64, created_ms: i64) -> Appeal {
    let mut a = src.unwrap_or(Appeal {
        fair_price: src_price,
        contact_rate: super::hazard::BASE_CONTACTS_PER_DAY,
        created_ms,
    });
    if src_price > 0.0 {
        a.fair_price *= price / src_price;
    }
    a.created_ms = created_ms;
    a
}

/// Which OLX listing each seeded original was copied to, for tests.
#[cfg(test)]
fn by_original(pairs: &[TruePair]) -> std::collections::HashMap<&str, &str> {
    pairs
        .iter()
        .map(|p| (p.other_id.as_str(), p.olx_id.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SandboxOptions;
    use crate::server::Shared;
    use crate::server::read;

    #[test]
    fn a_share_of_olx_listings_are_copies_with_small_differences() {
        let shared = Shared::new(SandboxOptions {
            listings: 60,
            market: 10,
            ..SandboxOptions::default()
        });
        let data = read(&shared.data);
        let pairs = &data.twins;
        assert!(
            (12..=36).contains(&pairs.len()),
            "{} pairs of 60 OLX listings",
            pairs.len()
        );
        let originals = by_original(pairs);
        assert_eq!(originals.len(), pairs.len(), "each original copied once");
        let mut title_changed = 0;
        for p in pairs {
            let copy = &data.olx.listings.get(&p.olx_id).unwrap().wire;
            let a = copy.attributes.clone().unwrap();
            match p.other {
                Marketplace::Inmuebles24 => {
                    let src = &data.inmuebles24.properties.get(&p.other_id).unwrap().wire;
                    assert_eq!(copy.location.district, src.location.district);
                    assert_eq!(a.property_type, Some(src.property_type));
                    assert!((a.area.unwrap() - src.area).abs() <= 1.0);
                    if copy.currency == src.currency {
                        let rel = (copy.price - src.price).abs() / src.price;
                        assert!(rel < 0.04, "{} vs {}", copy.price, src.price);
                    }
                    title_changed += (copy.title != src.title) as u32;
                }
                _ => {
                    let src = &data.autofact.vehicles.get(&p.other_id).unwrap().wire;
                    assert_eq!(
                        (a.brand.as_deref(), a.model.as_deref(), a.year),
                        (
                            Some(src.brand.as_str()),
                            Some(src.model.as_str()),
                            Some(src.year)
                        )
                    );
                    assert!(a.mileage.unwrap().abs_diff(src.mileage) <= 500);
                    assert!((copy.price - src.price).abs() <= 250.0);
                }
            }
            // A copy of a closed item is down too, never for sale alone.
            let src_status = match p.other {
                Marketplace::Inmuebles24 => {
                    data.inmuebles24
                        .properties
                        .get(&p.other_id)
                        .unwrap()
                        .wire
                        .status
                }
                _ => data.autofact.vehicles.get(&p.other_id).unwrap().wire.status,
            };
            if src_status != ListingStatus::Active {
                assert_eq!(copy.status, ListingStatus::Removed);
            }
            assert!(copy.created_at <= copy.updated_at);
        }
        assert!(title_changed > 0, "some titles are shortened");
        // Conversations of a copy stay inside its counts.
        for p in pairs {
            let copy = &data.olx.listings.get(&p.olx_id).unwrap().wire;
            let n = data
                .olx
                .conversations
                .rows()
                .iter()
                .filter(|c| c.wire.listing_id == copy.id)
                .count() as u64;
            assert!(n <= copy.contacts.min(3));
        }
    }

    #[test]
    fn the_copy_of_a_sold_item_is_unsellable() {
        let shared = Shared::new(SandboxOptions {
            listings: 30,
            market: 10,
            ..SandboxOptions::default()
        });
        let mut data = crate::server::write(&shared.data);
        let p = data.twins[0].clone();
        let served = pairing(&data);
        assert_eq!(served.pairs.len(), data.twins.len());
        let set = |data: &mut Data, s: ListingStatus| match p.other {
            Marketplace::Inmuebles24 => {
                data.inmuebles24
                    .properties
                    .get_mut(&p.other_id)
                    .unwrap()
                    .wire
                    .status = s
            }
            _ => {
                data.autofact
                    .vehicles
                    .get_mut(&p.other_id)
                    .unwrap()
                    .wire
                    .status = s
            }
        };
        set(&mut data, ListingStatus::Sold);
        assert!(unsellable(&data, Marketplace::Olx).contains(&p.olx_id));
        set(&mut data, ListingStatus::Removed);
        assert!(
            !unsellable(&data, Marketplace::Olx).contains(&p.olx_id),
            "a copy taken down elsewhere can still sell here"
        );
    }
}
