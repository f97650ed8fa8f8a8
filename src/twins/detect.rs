//! Twin detection: which of the merchant's listings on different marketplaces
//! are one item, from what both say about it.
//!
//! A pair must agree on what the item is (homes: district, operation, property
//! type and bedrooms when both state them; cars: brand, model, year and district)
//! and be close on the numbers a cross-post keeps within rounding (area within
//! 4 %, mileage within 3,000 km or 4 %, price within 12 % once both are in soles).
//! Two listings that were never on line at the same time are not one item. The
//! pairs that pass are scored from how closely they agree (area or mileage,
//! price, title, posting dates, bathrooms, address and map pin when both have
//! them); a score of [`THRESHOLD`] or more links them. Each listing gets at most
//! one twin per marketplace: the best-scoring pair wins, pairs the merchant
//! unlinked are never proposed again.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::Clue;
use crate::domain::time::parse_timestamp;
use crate::domain::{Currency, Marketplace};
use crate::pricing::places::{fold, normalize_district};
use crate::store::listings::StoredListing;
use crate::store::{Store, StoreError, twins as db};

/// Lowest score that links two listings.
pub const THRESHOLD: f64 = 0.7;
/// Largest relative difference of area (homes) a cross-post keeps.
pub const AREA_TOLERANCE: f64 = 0.04;
/// Largest relative difference of price, both in soles.
pub const PRICE_TOLERANCE: f64 = 0.12;
/// Largest odometer difference (km), or [`MILEAGE_TOLERANCE`] of it if that is more.
pub const MILEAGE_KM_TOLERANCE: f64 = 3_000.0;
pub const MILEAGE_TOLERANCE: f64 = 0.04;

/// A pair detection proposes, `a < b` (row ids).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub a: i64,
    pub b: i64,
    pub score: f64,
    pub evidence: Vec<Clue>,
}

/// New twin pairs among `listings`: pairs not linked yet, not rejected, each
/// listing at most one twin per marketplace (counting the links it has).
pub fn detect(
    listings: &[StoredListing],
    linked: &[(i64, i64)],
    rejected: &HashSet<(i64, i64)>,
    pen_per_usd: f64,
) -> Vec<Candidate> {
    let by_id: HashMap<i64, &StoredListing> = listings.iter().map(|l| (l.id, l)).collect();
    // Listings only meet others with the same key: the rest cannot pass the checks.
    let mut blocks: HashMap<String, Vec<&StoredListing>> = HashMap::new();
    for l in listings {
        if let Some(k) = block_key(l) {
            blocks.entry(k).or_default().push(l);
        }
    }
    let mut found = Vec::new();
    for members in blocks.values() {
        for (i, x) in members.iter().enumerate() {
            for y in &members[i + 1..] {
                if x.record.marketplace == y.record.marketplace {
                    continue;
                }
                let (a, b) = if x.id < y.id { (x, y) } else { (y, x) };
                if rejected.contains(&(a.id, b.id)) {
                    continue;
                }
                if let Some((score, evidence)) = score(a, b, pen_per_usd)
                    && score >= THRESHOLD
                {
                    found.push(Candidate {
                        a: a.id,
                        b: b.id,
                        score,
                        evidence,
                    });
                }
            }
        }
    }
    found.sort_by(|p, q| {
        q.score
            .total_cmp(&p.score)
            .then((p.a, p.b).cmp(&(q.a, q.b)))
    });
    // One twin per listing and marketplace: what is linked already, then the best first.
    let mut has: HashSet<(i64, Marketplace)> = HashSet::new();
    let linked_set: HashSet<(i64, i64)> =
        linked.iter().map(|&(a, b)| (a.min(b), a.max(b))).collect();
    for &(a, b) in &linked_set {
        if let (Some(la), Some(lb)) = (by_id.get(&a), by_id.get(&b)) {
            has.insert((a, lb.record.marketplace));
            has.insert((b, la.record.marketplace));
        }
    }
    let mut out = Vec::new();
    for c in found {
        if linked_set.contains(&(c.a, c.b)) {
            continue;
        }
        let (ma, mb) = (
            by_id[&c.a].record.marketplace,
            by_id[&c.b].record.marketplace,
        );
        if has.contains(&(c.a, mb)) || has.contains(&(c.b, ma)) {
            continue;
        }
        has.insert((c.a, mb));
        has.insert((c.b, ma));
        out.push(c);
    }
    out
}

/// Detects new twins among the stored listings and stores them as `detected`
/// links with their score and evidence; returns what it linked.
pub fn refresh(
    store: &mut Store,
    pen_per_usd: f64,
    now: &str,
) -> Result<Vec<Candidate>, StoreError> {
    // One marketplace alone has no twins: skip the work (a big single-account sync).
    if db::marketplaces_with_listings(store.conn())? < 2 {
        return Ok(Vec::new());
    }
    let listings = crate::store::listings::list_without_payload(store.conn())?;
    let linked: Vec<(i64, i64)> = db::links(store.conn())?
        .into_iter()
        .map(|l| (l.a, l.b))
        .collect();
    let rejected = db::rejections(store.conn())?;
    let found = detect(&listings, &linked, &rejected, pen_per_usd);
    if found.is_empty() {
        return Ok(found);
    }
    store.write(|s| -> Result<(), StoreError> {
        for c in &found {
            let evidence = serde_json::to_string(&c.evidence).unwrap_or_default();
            db::add_link(
                s.conn(),
                c.a,
                c.b,
                super::Origin::Detected.as_str(),
                Some(c.score),
                Some(&evidence),
                now,
            )?;
        }
        Ok(())
    })?;
    Ok(found)
}

/// What two listings must share to be compared at all.
fn block_key(l: &StoredListing) -> Option<String> {
    let r = &l.record;
    match r.kind.as_str() {
        "property" => Some(format!(
            "p|{}|{}|{}",
            district_key(r.district.as_deref()?),
            r.operation.as_deref()?,
            r.property_type.as_deref()?
        )),
        "vehicle" => Some(format!(
            "v|{}|{}|{}",
            fold(r.brand.as_deref()?),
            fold(r.model.as_deref()?),
            r.year?
        )),
        _ => None,
    }
}

fn district_key(d: &str) -> String {
    fold(&normalize_district(d))
}

/// The score of a pair and its evidence, or `None` when they cannot be one item.
pub fn score(a: &StoredListing, b: &StoredListing, pen_per_usd: f64) -> Option<(f64, Vec<Clue>)> {
    let (ra, rb) = (&a.record, &b.record);
    if ra.kind != rb.kind || ra.marketplace == rb.marketplace || !lives_overlap(a, b) {
        return None;
    }
    let mut clues: Vec<(Clue, f64)> = Vec::new();
    let mut add = |field: &str, x: String, y: String, agreement: f64, weight: f64| {
        clues.push((
            Clue {
                field: field.into(),
                a: x,
                b: y,
                agreement: (agreement.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
            },
            weight,
        ));
    };
    // What the item is: the same on both or no pair (the block key holds the rest).
    let da = ra.district.as_deref()?;
    let db = rb.district.as_deref()?;
    if district_key(da) != district_key(db) {
        return None;
    }
    add("district", da.into(), db.into(), 1.0, 0.0);
    match ra.kind.as_str() {
        "property" => {
            if ra.operation != rb.operation || ra.property_type != rb.property_type {
                return None;
            }
            if let (Some(x), Some(y)) = (ra.bedrooms, rb.bedrooms)
                && x != y
            {
                return None;
            }
            let (x, y) = (ra.area_m2?, rb.area_m2?);
            let diff = (x - y).abs();
            let rel = diff / x.max(y).max(1.0);
            if rel > AREA_TOLERANCE {
                return None;
            }
            let agree = if diff <= 1.0 {
                1.0
            } else {
                ramp(rel, 0.01, AREA_TOLERANCE)
            };
            add(
                "area",
                format!("{x:.0} m²"),
                format!("{y:.0} m²"),
                agree,
                0.25,
            );
            if let (Some(x), Some(y)) = (ra.bathrooms, rb.bathrooms) {
                let agree = match x.abs_diff(y) {
                    0 => 1.0,
                    1 => 0.5,
                    _ => 0.0,
                };
                add("bathrooms", x.to_string(), y.to_string(), agree, 0.05);
            }
            if let (Some(x), Some(y)) = (&ra.address, &rb.address) {
                add("address", x.clone(), y.clone(), overlap(x, y), 0.1);
            }
            if let (Some(la), Some(oa), Some(lb), Some(ob)) =
                (ra.latitude, ra.longitude, rb.latitude, rb.longitude)
            {
                let m = metres(la, oa, lb, ob);
                add(
                    "location",
                    format!("{la:.5},{oa:.5}"),
                    format!("{lb:.5},{ob:.5}"),
                    ramp(m, 150.0, 1_000.0),
                    0.1,
                );
            }
        }
        "vehicle" => {
            if fold(ra.brand.as_deref()?) != fold(rb.brand.as_deref()?)
                || fold(ra.model.as_deref()?) != fold(rb.model.as_deref()?)
                || ra.year? != rb.year?
            {
                return None;
            }
            let (x, y) = (ra.mileage_km? as f64, rb.mileage_km? as f64);
            let diff = (x - y).abs();
            let limit = MILEAGE_KM_TOLERANCE.max(MILEAGE_TOLERANCE * x.max(y));
            if diff > limit {
                return None;
            }
            add(
                "mileage",
                format!("{x:.0} km"),
                format!("{y:.0} km"),
                ramp(diff, 1_000.0, limit),
                0.3,
            );
            for (field, x, y) in [
                ("transmission", &ra.transmission, &rb.transmission),
                ("fuelType", &ra.fuel_type, &rb.fuel_type),
            ] {
                if let (Some(x), Some(y)) = (x, y) {
                    let agree = if fold(x) == fold(y) { 1.0 } else { 0.0 };
                    add(field, x.clone(), y.clone(), agree, 0.075);
                }
            }
        }
        _ => return None,
    }
    let (pa, pb) = (
        in_soles(ra.price, pen_per_usd),
        in_soles(rb.price, pen_per_usd),
    );
    let rel = (pa - pb).abs() / pa.max(pb).max(1.0);
    if rel > PRICE_TOLERANCE {
        return None;
    }
    add(
        "price",
        ra.price.display(),
        rb.price.display(),
        ramp(rel, 0.02, 0.10),
        if ra.kind == "vehicle" { 0.3 } else { 0.25 },
    );
    add(
        "title",
        ra.title.clone(),
        rb.title.clone(),
        overlap(&ra.title, &rb.title),
        if ra.kind == "vehicle" { 0.15 } else { 0.2 },
    );
    if let (Some(x), Some(y)) = (created(a), created(b)) {
        let days = (x - y).num_hours().abs() as f64 / 24.0;
        add(
            "posted",
            x.format("%Y-%m-%d").to_string(),
            y.format("%Y-%m-%d").to_string(),
            ramp(days, 7.0, 60.0),
            0.1,
        );
    }
    let total: f64 = clues.iter().map(|(_, w)| w).sum();
    let score = clues.iter().map(|(c, w)| c.agreement * w).sum::<f64>() / total.max(1e-9);
    Some((
        (score * 1000.0).round() / 1000.0,
        clues.into_iter().map(|(c, _)| c).collect(),
    ))
}

/// 1 up to `full`, falling linearly to 0 at `zero`.
fn ramp(x: f64, full: f64, zero: f64) -> f64 {
    if x <= full {
        1.0
    } else if x >= zero {
        0.0
    } else {
        1.0 - (x - full) / (zero - full)
    }
}

fn in_soles(m: crate::domain::Money, pen_per_usd: f64) -> f64 {
    match m.currency {
        Currency::PEN => m.major_f64(),
        Currency::USD => m.major_f64() * pen_per_usd,
    }
}

/// Words that say nothing about which item it is.
const STOP: &[&str] = &[
    "de", "la", "el", "los", "las", "del", "y", "con", "en", "a", "al", "un", "una", "para", "por",
    "se", "vende", "venta", "alquiler", "alquila", "lima", "peru", "av", "calle", "jr",
];

/// Share of the shorter text's words the other has too: a shortened title of
/// the same listing scores 1, where Jaccard would punish it for being short.
fn overlap(x: &str, y: &str) -> f64 {
    let words = |s: &str| -> HashSet<String> {
        fold(s)
            .split(' ')
            .filter(|w| !w.is_empty() && !STOP.contains(w))
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (words(x), words(y));
    let small = a.len().min(b.len());
    if small == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / small as f64
}

fn metres(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6_371_000.0 * h.sqrt().asin()
}

/// When the listing went on line (the marketplace's date, else when treevu first saw it).
fn created(l: &StoredListing) -> Option<DateTime<Utc>> {
    l.record
        .remote_created_at
        .as_deref()
        .and_then(parse_timestamp)
        .or_else(|| parse_timestamp(&l.first_seen_at))
}

/// When a listing that is no longer on line closed (its last update, else when
/// treevu saw it gone); `None` while it is active.
fn closed(l: &StoredListing) -> Option<DateTime<Utc>> {
    if super::is_active(l) {
        return None;
    }
    l.record
        .remote_updated_at
        .as_deref()
        .and_then(parse_timestamp)
        .or_else(|| l.removed_at.as_deref().and_then(parse_timestamp))
}

/// False when one closed a day or more before the other went on line.
fn lives_overlap(a: &StoredListing, b: &StoredListing) -> bool {
    let slack = chrono::Duration::days(1);
    for (x, y) in [(a, b), (b, a)] {
        if let (Some(end), Some(start)) = (closed(x), created(y))
            && end + slack < start
        {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;
    use crate::store::listings::tests::sample;

    fn home(id: i64, m: Marketplace, price: i64, area: f64, title: &str) -> StoredListing {
        let mut r = sample(&format!("r{id}"), price);
        r.marketplace = m;
        r.area_m2 = Some(area);
        r.title = title.into();
        r.remote_created_at = Some("2026-01-02T10:00:00.000Z".into());
        StoredListing {
            id,
            record: r,
            first_seen_at: "2026-01-03T00:00:00.000Z".into(),
            last_seen_at: "2026-01-03T00:00:00.000Z".into(),
            removed_at: None,
        }
    }

    #[test]
    fn a_cross_post_with_rounded_price_and_short_title_is_found() {
        let a = home(
            1,
            Marketplace::Inmuebles24,
            48_750_000,
            85.0,
            "Departamento con terraza en venta en Miraflores, 2 dorm.",
        );
        let b = home(
            2,
            Marketplace::Olx,
            48_500_000,
            86.0,
            "Departamento con terraza en venta",
        );
        let (s, ev) = score(&a, &b, 3.75).expect("comparable");
        assert!(s >= THRESHOLD, "{s}: {ev:?}");
        let title = ev.iter().find(|c| c.field == "title").unwrap();
        assert_eq!(title.agreement, 1.0, "a shortened title is the same title");
        let found = detect(&[a, b], &[], &HashSet::new(), 3.75);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].a, found[0].b), (1, 2));
    }

    #[test]
    fn a_price_in_the_other_currency_is_compared_in_soles() {
        let a = home(
            1,
            Marketplace::Inmuebles24,
            12_000_000,
            85.0,
            "Casa en Surco",
        );
        let mut b = home(2, Marketplace::Olx, 45_500_000, 85.0, "Casa en Surco");
        b.record.price = Money::from_minor(12_000_000, Currency::USD);
        let mut a2 = a.clone();
        a2.record.price = Money::from_minor(45_000_000, Currency::PEN);
        let (s, _) = score(&a2, &b, 3.75).expect("same price in soles");
        assert!(s >= THRESHOLD, "{s}");
        // S/ 120,000 against US$ 120,000 is not the same price.
        assert!(score(&a, &b, 3.75).is_none());
    }

    #[test]
    fn different_homes_are_left_apart() {
        let a = home(
            1,
            Marketplace::Inmuebles24,
            48_000_000,
            85.0,
            "Departamento en Miraflores",
        );
        let mut other_district = home(
            2,
            Marketplace::Olx,
            48_000_000,
            85.0,
            "Departamento en Miraflores",
        );
        other_district.record.district = Some("San Juan de Miraflores".into());
        assert!(score(&a, &other_district, 3.75).is_none());
        let bigger = home(
            3,
            Marketplace::Olx,
            48_000_000,
            95.0,
            "Departamento en Miraflores",
        );
        assert!(score(&a, &bigger, 3.75).is_none(), "area 12% apart");
        let mut more_rooms = home(
            4,
            Marketplace::Olx,
            48_000_000,
            85.0,
            "Departamento en Miraflores",
        );
        more_rooms.record.bedrooms = Some(3);
        assert!(score(&a, &more_rooms, 3.75).is_none());
        let same_marketplace = home(
            5,
            Marketplace::Inmuebles24,
            48_000_000,
            85.0,
            "Departamento en Miraflores",
        );
        assert!(score(&a, &same_marketplace, 3.75).is_none());
        // Sold before the other was even posted: not one item.
        let mut sold = a.clone();
        sold.record.status = "sold".into();
        sold.record.remote_updated_at = Some("2025-10-01T00:00:00.000Z".into());
        assert!(
            score(
                &sold,
                &home(
                    6,
                    Marketplace::Olx,
                    48_000_000,
                    85.0,
                    "Departamento en Miraflores"
                ),
                3.75
            )
            .is_none()
        );
        // "Surco" is how people write Santiago de Surco.
        let mut s1 = a.clone();
        s1.record.district = Some("Surco".into());
        let mut s2 = home(
            7,
            Marketplace::Olx,
            48_000_000,
            85.0,
            "Departamento en Miraflores",
        );
        s2.record.district = Some("Santiago de Surco".into());
        assert!(score(&s1, &s2, 3.75).is_some());
    }

    #[test]
    fn each_listing_gets_one_twin_per_marketplace_and_rejections_hold() {
        let a = home(
            1,
            Marketplace::Inmuebles24,
            48_000_000,
            85.0,
            "Departamento con vista al parque",
        );
        let near = home(
            2,
            Marketplace::Olx,
            48_000_000,
            85.0,
            "Departamento con vista al parque",
        );
        let farther = home(
            3,
            Marketplace::Olx,
            49_500_000,
            87.0,
            "Departamento con vista al parque",
        );
        let all = vec![a.clone(), near.clone(), farther.clone()];
        let found = detect(&all, &[], &HashSet::new(), 3.75);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].a, found[0].b), (1, 2), "the closer one wins");
        // Already linked to 2: nothing new for 1 on OLX.
        assert!(detect(&all, &[(2, 1)], &HashSet::new(), 3.75).is_empty());
        // The merchant said 1 and 2 are not one item: 3 is next.
        let rejected: HashSet<(i64, i64)> = [(1, 2)].into_iter().collect();
        let found = detect(&all, &[], &rejected, 3.75);
        assert_eq!((found[0].a, found[0].b), (1, 3));
    }

    #[test]
    fn cars_match_on_model_year_and_odometer() {
        let car = |id: i64, m: Marketplace, km: u64, price: i64| {
            let mut l = home(id, m, price, 0.0, "Toyota Yaris 2019 full equipo");
            let r = &mut l.record;
            r.kind = "vehicle".into();
            r.area_m2 = None;
            r.operation = None;
            r.property_type = None;
            r.bedrooms = None;
            r.brand = Some("Toyota".into());
            r.model = Some("Yaris".into());
            r.year = Some(2019);
            r.mileage_km = Some(km);
            r.price = Money::from_minor(price, Currency::USD);
            l
        };
        let a = car(1, Marketplace::Autofact, 48_320, 1_472_500);
        let b = car(2, Marketplace::Olx, 48_000, 1_450_000);
        assert!(score(&a, &b, 3.75).unwrap().0 >= THRESHOLD);
        let far = car(3, Marketplace::Olx, 61_000, 1_450_000);
        assert!(score(&a, &far, 3.75).is_none(), "13,000 km apart");
        let mut other_year = car(4, Marketplace::Olx, 48_000, 1_450_000);
        other_year.record.year = Some(2018);
        assert!(score(&a, &other_year, 3.75).is_none());
    }
}
