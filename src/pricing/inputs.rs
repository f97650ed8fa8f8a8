//! From stored rows (pool comparables, synced listings) to the pricing engine's
//! records, and the engagement and history the scores and forecasts need.

use chrono::{DateTime, Utc};

use crate::domain::Currency;
use crate::domain::time::parse_timestamp;
use crate::pricing::{self, Operation, PropertyRecord, PropertyType, VehicleRecord};
use crate::store::listings::StoredListing;
use crate::store::market::PoolRow;

/// `sale`, `venta`, `rent`, `alquiler`, ... (sale when unknown).
pub fn operation(s: Option<&str>) -> Operation {
    s.and_then(Operation::parse_lenient).unwrap_or_default()
}

/// `apartment`, `departamento`, `house`, `casa`, ... (apartment when unknown).
pub fn property_type(s: Option<&str>) -> PropertyType {
    s.and_then(PropertyType::parse_lenient).unwrap_or_default()
}

pub fn property_from_pool(r: &PoolRow) -> PropertyRecord {
    PropertyRecord {
        id: r.id.clone(),
        operation: operation(r.operation.as_deref()),
        property_type: property_type(r.property_type.as_deref()),
        title: r.title.clone(),
        description: None,
        price: r.price.map(|m| m.major_f64()),
        currency: r.price.map(|m| m.currency).unwrap_or(Currency::PEN),
        area_m2: r.area_m2,
        bedrooms: r.bedrooms,
        bathrooms: r.bathrooms,
        parking: r.parking,
        maintenance_pen: r.maintenance_pen,
        city: r.city.clone(),
        zone: r.zone.clone(),
        district: r.district.clone(),
        address: r.address.clone(),
        listed_on: r.listed_on.clone(),
        source: Some(r.source.clone()),
    }
}

pub fn vehicle_from_pool(r: &PoolRow) -> VehicleRecord {
    VehicleRecord {
        id: r.id.clone(),
        brand: r.brand.clone().unwrap_or_default(),
        model: r.model.clone().unwrap_or_default(),
        year: r.year,
        mileage_km: r.mileage_km.map(|m| m as f64),
        price: r.price.map(|m| m.major_f64()),
        currency: r.price.map(|m| m.currency).unwrap_or(Currency::USD),
        condition: r.condition.clone(),
        transmission: r.transmission.clone(),
        fuel_type: r.fuel_type.clone(),
        body_type: r.body_type.clone(),
        drivetrain: r.drivetrain.clone(),
        engine_l: r.engine_l,
        city: r.city.clone(),
        district: r.district.clone(),
        days_listed: r.days_listed.map(f64::from),
        photos: r.photos,
        title: r.title.clone(),
        source: Some(r.source.clone()),
    }
}

/// An item to price from the CSV rows of `estimate --input` (the price column is ignored).
pub fn property_item(r: &PoolRow, currency: Option<Currency>) -> PropertyRecord {
    let mut p = property_from_pool(r);
    p.price = None;
    if let Some(c) = currency {
        p.currency = c;
    }
    p
}

/// The pool id a synced listing has, so it is never its own comparable.
pub fn listing_id(l: &StoredListing) -> String {
    format!("{}:{}", l.record.marketplace, l.record.remote_id)
}

pub fn property_from_listing(l: &StoredListing) -> PropertyRecord {
    let r = &l.record;
    PropertyRecord {
        id: listing_id(l),
        operation: operation(r.operation.as_deref()),
        property_type: property_type(r.property_type.as_deref()),
        title: r.title.clone(),
        description: r.description.clone(),
        price: Some(r.price.major_f64()),
        currency: r.price.currency,
        area_m2: r.area_m2,
        bedrooms: r.bedrooms,
        bathrooms: r.bathrooms,
        parking: r.parking,
        maintenance_pen: None,
        city: r.city.clone(),
        zone: None,
        district: r.district.clone(),
        address: r.address.clone(),
        listed_on: r
            .remote_created_at
            .as_deref()
            .and_then(|s| s.get(..10))
            .map(str::to_string),
        source: Some(r.marketplace.to_string()),
    }
}

pub fn vehicle_from_listing(l: &StoredListing) -> VehicleRecord {
    let r = &l.record;
    VehicleRecord {
        id: listing_id(l),
        brand: r.brand.clone().unwrap_or_default(),
        model: r.model.clone().unwrap_or_default(),
        year: r.year,
        mileage_km: r.mileage_km.map(|m| m as f64),
        price: Some(r.price.major_f64()),
        currency: r.price.currency,
        condition: r.condition.clone(),
        transmission: r.transmission.clone(),
        fuel_type: r.fuel_type.clone(),
        body_type: None,
        drivetrain: None,
        engine_l: None,
        city: r.city.clone(),
        district: r.district.clone(),
        days_listed: None,
        photos: None,
        title: r.title.clone(),
        source: Some(r.marketplace.to_string()),
    }
}

/// A synced listing as an item to price against the store's pool. Its id is
/// that of the pool row standing for it: its own copy, or the row of another
/// source it repeats (`market::dedup`), so that no copy of the listing is
/// among its comparables. Outputs name the listing by [`listing_id`].
pub fn priced_property(
    store: &crate::store::Store,
    l: &StoredListing,
) -> Result<PropertyRecord, crate::store::StoreError> {
    let mut p = property_from_listing(l);
    p.id = crate::pool::feed::counted_id(store, "property", &p.id)?;
    Ok(p)
}

/// [`priced_property`] for cars.
pub fn priced_vehicle(
    store: &crate::store::Store,
    l: &StoredListing,
) -> Result<VehicleRecord, crate::store::StoreError> {
    let mut v = vehicle_from_listing(l);
    v.id = crate::pool::feed::counted_id(store, "vehicle", &v.id)?;
    Ok(v)
}

/// Statuses with which a marketplace says a listing left the market.
const CLOSED_STATUSES: [&str; 3] = ["sold", "rented", "removed"];

/// When a listing left the market, or `None` while it is still up (see [`has_ended`]):
///
/// - sold or rented, or reported removed by the marketplace: the marketplace's
///   `updatedAt`, which is when it changed the status (its last change when closed);
/// - taken down through treevu or gone from the marketplace's list (treevu sets
///   `removed_at` and the status `removed`): `removed_at`;
/// - otherwise, when a time is missing, the next known one: `removed_at`, then
///   `last_seen_at`, then `now`.
pub fn ended_at(l: &StoredListing, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if !has_ended(l) {
        return None;
    }
    let remote = l
        .record
        .remote_updated_at
        .as_deref()
        .and_then(parse_timestamp);
    let removed = l.removed_at.as_deref().and_then(parse_timestamp);
    let by_marketplace =
        matches!(l.record.status.as_str(), "sold" | "rented") || l.removed_at.is_none();
    let end = if by_marketplace {
        remote.or(removed)
    } else {
        removed.or(remote)
    };
    Some(
        end.or_else(|| parse_timestamp(&l.last_seen_at))
            .unwrap_or(now)
            .min(now),
    )
}

/// Days a listing was or has been up: from the marketplace's creation time (else first
/// seen) to when it left the market ([`ended_at`]), else now; at least a tenth of a day.
pub fn days_active(l: &StoredListing, now: DateTime<Utc>) -> f64 {
    let start = l
        .record
        .remote_created_at
        .as_deref()
        .and_then(parse_timestamp)
        .or_else(|| parse_timestamp(&l.first_seen_at))
        .unwrap_or(now);
    let end = ended_at(l, now).unwrap_or(now);
    ((end - start).num_seconds() as f64 / 86_400.0).max(0.1)
}

/// The readiness inputs of a listing as stored.
pub fn engagement(l: &StoredListing, now: DateTime<Utc>) -> pricing::readiness::Engagement {
    let r = &l.record;
    let days = days_active(l, now);
    let views = r.views as f64;
    let rate = |x: u64| {
        if views > 0.0 {
            (x as f64 / views).min(1.0)
        } else {
            0.0
        }
    };
    pricing::readiness::Engagement {
        views_per_day: views / days,
        contact_rate: rate(r.contacts),
        favorites_rate: rate(r.favorites),
        days_since_last_contact: r
            .last_contact_at
            .as_deref()
            .and_then(parse_timestamp)
            .map(|t| ((now - t).num_seconds() as f64 / 86_400.0).max(0.0)),
        days_active: days,
    }
}

/// Whether a listing left the market (sold, rented or removed): an event for the
/// survival model, observed until [`ended_at`].
pub fn has_ended(l: &StoredListing) -> bool {
    l.removed_at.is_some() || CLOSED_STATUSES.contains(&l.record.status.as_str())
}

/// The property comparables of the store's pool, as the pricing engine reads them.
pub fn load_property_pool(
    store: &crate::store::Store,
) -> Result<Vec<PropertyRecord>, crate::store::StoreError> {
    Ok(store
        .load_pool("property")?
        .iter()
        .map(property_from_pool)
        .collect())
}

/// The vehicle comparables of the store's pool.
pub fn load_vehicle_pool(
    store: &crate::store::Store,
) -> Result<Vec<VehicleRecord>, crate::store::StoreError> {
    Ok(store
        .load_pool("vehicle")?
        .iter()
        .map(vehicle_from_pool)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_and_english_names_map() {
        assert_eq!(operation(Some("alquiler")), Operation::Rent);
        assert_eq!(operation(Some("Sale")), Operation::Sale);
        assert_eq!(operation(None), Operation::Sale);
        assert_eq!(property_type(Some("casa")), PropertyType::House);
        assert_eq!(property_type(Some("weird")), PropertyType::Apartment);
    }

    fn stored(status: &str, updated: Option<&str>, removed: Option<&str>) -> StoredListing {
        let mut record = crate::store::listings::tests::sample("x1", 1_000);
        record.status = status.into();
        record.remote_created_at = Some("2026-01-01T00:00:00.000Z".into());
        record.remote_updated_at = updated.map(str::to_string);
        StoredListing {
            id: 1,
            record,
            first_seen_at: "2026-01-05T00:00:00.000Z".into(),
            last_seen_at: "2026-02-01T00:00:00.000Z".into(),
            removed_at: removed.map(str::to_string),
        }
    }

    #[test]
    fn a_closed_listing_is_observed_until_it_closed_and_agrees_with_has_ended() {
        let now = parse_timestamp("2026-03-01T00:00:00Z").unwrap();
        let jan11 = Some("2026-01-11T00:00:00.000Z");
        let jan21 = Some("2026-01-21T00:00:00.000Z");
        // (status, marketplace updatedAt, removed_at) → ended, days on market
        let cases = [
            // Sold or rented: until the marketplace's updatedAt, not now.
            ("sold", jan11, None, true, 10.0),
            ("rented", jan11, None, true, 10.0),
            // Reported removed by the marketplace: the same.
            ("removed", jan11, None, true, 10.0),
            // Taken down through treevu or gone from the list: until removed_at.
            ("removed", jan11, jan21, true, 20.0),
            // Closed without an updatedAt: removed_at, else last seen.
            ("sold", None, jan21, true, 20.0),
            ("sold", None, None, true, 31.0),
            // Still up: until now, whatever updatedAt says.
            ("active", jan11, None, false, 59.0),
        ];
        for (status, updated, removed, ended, days) in cases {
            let l = stored(status, updated, removed);
            assert_eq!(has_ended(&l), ended, "{status} {updated:?} {removed:?}");
            assert_eq!(ended_at(&l, now).is_some(), ended, "{status}");
            let d = days_active(&l, now);
            assert!(
                (d - days).abs() < 1e-9,
                "{status} {updated:?} {removed:?}: {d}"
            );
        }
        // An end after now (clock skew) is now.
        let l = stored("sold", Some("2026-04-01T00:00:00.000Z"), None);
        assert_eq!(ended_at(&l, now), Some(now));
    }
}
