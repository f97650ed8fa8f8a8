//! The same home or car from two sources counts once.
//!
//! A home listed on Inmuebles24 and in an imported portal file, or the
//! merchant's own OLX car also in Autofact's market data, would otherwise weigh
//! twice as a comparable. Two rows are taken for the same item when they come
//! from different sources and
//!
//! - homes: same operation, property type, district (spelling folded) and
//!   bedrooms, areas within 2% (at least 1 m²) and prices within 3% in the
//!   same currency;
//! - cars: same brand, model (folded) and year, odometers within 2% (at least
//!   500 km) and prices within 3% in the same currency.
//!
//! The first part is the row's match key (stored, indexed); the tolerances are
//! checked among the rows of one key. Which row counts: imported rows always
//! count (a file is what the operator chose; two portals' copies inside one
//! file are left as the file has them); a synced row repeats the first
//! imported row it matches, else the first synced row stored before it that
//! counts. The others are kept with `duplicate_of` naming the row that counts,
//! and are never comparables.

use std::collections::BTreeSet;

use crate::pricing::places::{fold, normalize_district};
use crate::store::market::{self as pool, MatchRow, Origin, PoolRow};
use crate::store::{Result, Store};

/// The match key of a row: the fields two copies of one item share exactly;
/// `""` when the row has too little to be matched.
pub fn key(r: &PoolRow) -> String {
    let f = |s: Option<&str>| fold(s.unwrap_or_default()).trim().to_string();
    match r.kind.as_str() {
        "property" => {
            let district = normalize_district(r.district.as_deref().unwrap_or_default());
            if district.is_empty() || r.area_m2.is_none() {
                return String::new();
            }
            format!(
                "p|{}|{}|{}|{}",
                f(r.operation.as_deref()),
                f(r.property_type.as_deref()),
                fold(&district),
                r.bedrooms.map(|b| b.to_string()).unwrap_or_default()
            )
        }
        "vehicle" => match (r.brand.as_deref(), r.model.as_deref(), r.year) {
            (Some(b), Some(m), Some(y)) if !b.trim().is_empty() && !m.trim().is_empty() => {
                format!("v|{}|{}|{y}", f(Some(b)), f(Some(m)))
            }
            _ => String::new(),
        },
        _ => String::new(),
    }
}

fn close(a: f64, b: f64, share: f64, floor: f64) -> bool {
    (a - b).abs() <= (share * a.abs().max(b.abs())).max(floor)
}

/// Whether two rows of one match key are the same item (see the module docs).
fn same_item(a: &MatchRow, b: &MatchRow) -> bool {
    if a.source == b.source || a.price.currency != b.price.currency {
        return false;
    }
    let price = close(a.price.minor as f64, b.price.minor as f64, 0.03, 0.0);
    let size = match (a.area_m2, b.area_m2, a.mileage_km, b.mileage_km) {
        (Some(x), Some(y), _, _) => close(x, y, 0.02, 1.0),
        (None, None, Some(x), Some(y)) => close(x as f64, y as f64, 0.02, 500.0),
        _ => false,
    };
    price && size
}

/// Which row each row of one match key repeats (`None`: it counts), for rows
/// in the order they were first stored.
fn assign(rows: &[MatchRow]) -> Vec<Option<String>> {
    let mut counted: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        if r.origin == Origin::Import {
            out.push(None);
            continue;
        }
        let of = rows
            .iter()
            .find(|x| x.origin == Origin::Import && same_item(x, r))
            .or_else(|| counted.iter().map(|&j| &rows[j]).find(|x| same_item(x, r)))
            .map(|x| x.id.clone());
        if of.is_none() {
            counted.push(i);
        }
        out.push(of);
    }
    out
}

/// Brings `duplicate_of` up to date for the rows of `kind` sharing one of
/// `keys` (the keys of rows just written or deleted), and first computes the
/// keys of rows stored without one (older databases). Writes only changes;
/// returns how many rows changed. The caller holds the transaction.
pub fn refresh(store: &Store, kind: &str, keys: &BTreeSet<String>) -> Result<u64> {
    let conn = store.conn();
    let mut keys = keys.clone();
    for r in pool::rows_without_match_key(conn, kind)? {
        let k = key(&r);
        pool::set_match_key(conn, kind, &r.id, &k)?;
        keys.insert(k);
    }
    // A pool of imported rows only has nothing to compare.
    if !pool::has_synced_rows(conn, kind)? {
        return Ok(0);
    }
    // Rows repeating one that is gone, changed its key or repeats another
    // itself: their groups are looked at again.
    keys.extend(pool::stale_duplicate_keys(conn, kind)?);
    let mut changed = pool::clear_duplicates_without_key(conn, kind)?;
    for k in keys.iter().filter(|k| !k.is_empty()) {
        let rows = pool::rows_with_match_key(conn, kind, k)?;
        for (r, of) in rows.iter().zip(assign(&rows)) {
            if r.duplicate_of != of && pool::set_duplicate_of(conn, kind, &r.id, of.as_deref())? {
                changed += 1;
            }
        }
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Currency, Money};

    fn row(id: &str, origin: Origin, source: &str, price: i64, area: f64) -> MatchRow {
        MatchRow {
            id: id.into(),
            origin,
            source: source.into(),
            price: Money::from_minor(price, Currency::PEN),
            area_m2: Some(area),
            mileage_km: None,
            duplicate_of: None,
        }
    }

    #[test]
    fn imported_rows_count_and_synced_copies_repeat_them() {
        let rows = [
            row("own", Origin::Own, "olx", 50_000_000, 80.0),
            row("a", Origin::Import, "urbania", 50_500_000, 80.5),
            row("b", Origin::Import, "adondevivir", 50_000_000, 80.0),
            row("m", Origin::Market, "inmuebles24", 49_000_000, 79.0),
            // Same source as the own listing: another listing, not a copy.
            row("o2", Origin::Own, "olx", 50_000_000, 80.0),
            // 10% dearer: another home of the same shape.
            row("far", Origin::Market, "inmuebles24", 55_000_000, 80.0),
        ];
        let got = assign(&rows);
        assert_eq!(
            got,
            [
                Some("a".into()),
                None,
                None,
                Some("a".into()),
                Some("a".into()),
                None
            ]
        );
    }

    #[test]
    fn synced_rows_repeat_the_first_synced_copy_when_no_file_has_it() {
        let rows = [
            row("olx:1", Origin::Own, "olx", 50_000_000, 80.0),
            row(
                "inmuebles24:9",
                Origin::Market,
                "inmuebles24",
                50_000_000,
                80.0,
            ),
        ];
        assert_eq!(assign(&rows), [None, Some("olx:1".into())]);
    }

    #[test]
    fn keys_fold_spelling_and_need_the_matching_fields() {
        let a = PoolRow {
            kind: "property".into(),
            operation: Some("sale".into()),
            property_type: Some("apartment".into()),
            district: Some("Breña".into()),
            area_m2: Some(70.0),
            bedrooms: Some(2),
            ..Default::default()
        };
        let b = PoolRow {
            district: Some("BRENA".into()),
            ..a.clone()
        };
        assert_eq!(key(&a), key(&b));
        assert!(!key(&a).is_empty());
        let no_area = PoolRow {
            area_m2: None,
            ..a.clone()
        };
        assert_eq!(key(&no_area), "");
        let car = PoolRow {
            kind: "vehicle".into(),
            brand: Some("Škoda".into()),
            model: Some("Octavia".into()),
            year: Some(2018),
            ..Default::default()
        };
        assert_eq!(key(&car), "v|škoda|octavia|2018");
    }
}
