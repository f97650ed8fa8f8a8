//! What sync adds to the market pool, so the pool grows by itself:
//!
//! - Inmuebles24's market scope (other sellers' homes in the districts and
//!   types the merchant lists in) and Autofact's market analysis (other
//!   sellers' cars around the merchant's models), as sync fetches them;
//! - the merchant's own listings on every marketplace: active ones and the
//!   sold or rented history (their last asking price). A listing taken down
//!   unsold (`removed`) leaves the pool: it no longer competes and may have
//!   been withdrawn for being wrong.
//!
//! Own listings enter with the id `<marketplace>:<remote id>`, the id their
//! recommendation is computed under, so an item is never its own comparable;
//! when another source has the same home or car, the copy counts once
//! (`dedup`) and the pricing of the listing leaves out the row that counts
//! for it ([`counted_id`]).

use super::intake::{self as pool, Stored};
use crate::domain::Marketplace;
use crate::marketplaces::types::{Inmuebles24Property, ListingStatus, MarketVehicle};
use crate::store::listings::ListingRecord;
use crate::store::market::{self as store_pool, Origin, PoolRow};
use crate::store::{Result, Store};
use crate::sync::normalize;

/// The pool id of a listing: `olx:123`.
pub fn pool_id(r: &ListingRecord) -> String {
    format!("{}:{}", r.marketplace, r.remote_id)
}

/// A pool row from a listing record (the merchant's own, or a marketplace's
/// market record normalized the same way); `None` for listings treevu does not
/// price (kind `other`).
pub fn from_listing(r: &ListingRecord, origin: Origin) -> Option<PoolRow> {
    if r.kind != "property" && r.kind != "vehicle" {
        return None;
    }
    let mut operation = r.operation.clone();
    if r.kind == "property" && r.status == ListingStatus::Rented.as_str() {
        operation = Some("rent".into());
    }
    Some(PoolRow {
        id: pool_id(r),
        kind: r.kind.clone(),
        origin,
        source: r.marketplace.as_str().into(),
        title: r.title.clone(),
        price: Some(r.price),
        operation,
        property_type: r.property_type.clone(),
        area_m2: r.area_m2,
        bedrooms: r.bedrooms,
        bathrooms: r.bathrooms,
        parking: r.parking,
        city: r.city.clone(),
        district: r.district.clone(),
        address: r.address.clone(),
        brand: r.brand.clone(),
        model: r.model.clone(),
        year: r.year,
        mileage_km: r.mileage_km,
        condition: r.condition.clone(),
        transmission: r.transmission.clone(),
        fuel_type: r.fuel_type.clone(),
        listed_on: r
            .remote_created_at
            .as_deref()
            .and_then(|s| s.get(..10))
            .map(str::to_string),
        ..Default::default()
    })
}

/// A pool row from an Inmuebles24 market-scope result; `None` when it was
/// taken down or its price cannot be stored.
pub fn from_inmuebles24_market(p: &Inmuebles24Property) -> Option<PoolRow> {
    if p.status == ListingStatus::Removed {
        return None;
    }
    let rec = normalize::from_inmuebles24(p, String::new()).ok()?;
    from_listing(&rec, Origin::Market)
}

/// A pool row from an Autofact market-analysis comparable; `None` when its
/// price cannot be stored.
pub fn from_autofact_market(v: &MarketVehicle) -> Option<PoolRow> {
    let price = crate::domain::Money::from_major_f64(v.price, v.currency).ok()?;
    Some(PoolRow {
        id: format!("autofact:{}", v.id),
        kind: "vehicle".into(),
        origin: Origin::Market,
        source: "autofact".into(),
        title: v.title.clone(),
        price: Some(price),
        brand: Some(v.brand.clone()),
        model: Some(v.model.clone()),
        year: Some(v.year),
        mileage_km: Some(v.mileage),
        transmission: v.transmission.clone(),
        fuel_type: v.fuel_type.clone(),
        listed_on: v.listed_on.clone(),
        ..Default::default()
    })
}

/// Brings the pool's copy of the merchant's own listings up to date with the
/// stored listings: new and changed ones in, removed ones out. Catches up
/// whatever changed since the last call (a sync, a write-back, a run that was
/// killed), so any writer of listings only has to call it once afterwards.
/// Only `marketplace`'s listings when one is given (an account's sync run).
/// The caller holds the transaction.
pub fn refresh_own(store: &Store, marketplace: Option<Marketplace>, now: &str) -> Result<Stored> {
    let conn = store.conn();
    let m = marketplace.map(|m| m.as_str());
    let year = pool::this_year();
    let mut rows = Vec::new();
    // A listing whose new version the rules refuse must not keep its old copy.
    let mut refused = Vec::new();
    for l in store_pool::own_listings_out_of_date(conn, m)? {
        let Some(row) = from_listing(&l.record, Origin::Own) else {
            continue;
        };
        if super::rules::clean(row.clone(), year).is_err() {
            refused.push((row.kind.clone(), row.id.clone()));
        }
        rows.push(row);
    }
    let mut stored = pool::store_rows(store, rows, now)?;
    refused.extend(store_pool::own_rows_not_in_pool(conn, m)?);
    stored.removed += pool::delete_rows(store, &refused)?;
    Ok(stored)
}

/// The id whose row stands for `id` in the pool (itself, or the row of
/// another source it repeats), for leaving it out of its own comparables.
pub fn counted_id(store: &Store, kind: &str, id: &str) -> Result<String> {
    Ok(store
        .counted_id(kind, id)?
        .unwrap_or_else(|| id.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Currency, Money};
    use crate::store::listings::{self, tests::sample};

    fn counted(store: &Store) -> Vec<String> {
        store_pool::load_pool(store.conn(), "property")
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect()
    }

    #[test]
    fn own_listings_join_the_pool_once_and_leave_it_when_taken_down_unsold() {
        let store = Store::open_in_memory().unwrap();
        let tx = store.conn();
        let mut sold = sample("S1", 60_000_000);
        sold.status = "sold".into();
        sold.area_m2 = Some(120.0);
        let mut other = sample("O1", 1_000);
        other.kind = "other".into();
        for r in [sample("A1", 50_000_000), sold, other] {
            listings::upsert(tx, &r, "t").unwrap();
        }
        let first = refresh_own(&store, None, "t").unwrap();
        assert_eq!(first.counts.new, 2, "the active and the sold home");
        assert_eq!(counted(&store), ["olx:A1", "olx:S1"]);
        // Nothing changed: nothing written.
        let again = refresh_own(&store, None, "t2").unwrap();
        assert!(!again.changed(), "{again:?}");
        // A new price reaches the pool; a listing taken down unsold leaves it.
        listings::upsert(tx, &sample("A1", 48_000_000), "t3").unwrap();
        listings::mark_removed(tx, crate::domain::Marketplace::Olx, "S1", "t3").unwrap();
        let moved = refresh_own(&store, None, "t3").unwrap();
        assert_eq!((moved.counts.updated, moved.removed), (1, 1), "{moved:?}");
        assert_eq!(counted(&store), ["olx:A1"]);
        let pool = store_pool::load_pool(store.conn(), "property").unwrap();
        assert_eq!(
            pool[0].price,
            Some(Money::from_minor(48_000_000, Currency::PEN))
        );
        // Rented: history that stays, as a rental whatever the listing said.
        let tx = store.conn();
        let mut rented = sample("A1", 48_000_000);
        rented.status = "rented".into();
        listings::upsert(tx, &rented, "t4").unwrap();
        assert_eq!(refresh_own(&store, None, "t4").unwrap().counts.updated, 1);
        let pool = store_pool::load_pool(store.conn(), "property").unwrap();
        assert_eq!(pool[0].operation.as_deref(), Some("rent"));
    }

    #[test]
    fn a_synced_copy_of_an_imported_home_counts_once_and_is_not_its_own_comparable() {
        let store = Store::open_in_memory().unwrap();
        let tx = store.conn();
        listings::upsert(tx, &sample("A1", 50_000_000), "t").unwrap();
        refresh_own(&store, None, "t").unwrap();
        // The same home in a portal file (another source, same shape and price).
        let imported = PoolRow {
            id: "ado-1".into(),
            kind: "property".into(),
            source: "adondevivir".into(),
            title: "Departamento en Miraflores".into(),
            price: Some(Money::from_minor(50_000_000, Currency::PEN)),
            operation: Some("sale".into()),
            property_type: Some("apartment".into()),
            area_m2: Some(80.0),
            bedrooms: Some(2),
            district: Some("miraflores".into()),
            ..Default::default()
        };
        let stored = pool::store_rows(&store, [imported], "t2").unwrap();
        assert_eq!(stored.counts.new, 1);
        assert_eq!(stored.duplicates_changed, 1, "the own copy now repeats it");
        assert_eq!(counted(&store), ["ado-1"]);
        assert_eq!(
            counted_id(&store, "property", "olx:A1").unwrap(),
            "ado-1",
            "pricing olx:A1 leaves the imported copy out"
        );
        assert_eq!(
            counted_id(&store, "property", "olx:NEW").unwrap(),
            "olx:NEW"
        );
    }
}
