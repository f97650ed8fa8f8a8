//! Listings on PostgreSQL: what a sync reads and marks besides its pages
//! (removals, last contacts), with the merchant in every statement.

use postgres::{Client, Error, Row};

use crate::domain::{Currency, Marketplace, Money};
use crate::store::listings::{COLUMNS, ListingFilter, ListingRecord, StoredListing};

pub(super) fn get(
    c: &mut Client,
    merchant: i64,
    m: Marketplace,
    remote_id: &str,
) -> Result<Option<StoredListing>, Error> {
    let row = c.query_opt(
        &format!(
            "SELECT id, {COLUMNS}, first_seen_at, last_seen_at, removed_at FROM listings \
             WHERE merchant_id = $1 AND marketplace = $2 AND remote_id = $3"
        ),
        &[&merchant, &m.as_str(), &remote_id],
    )?;
    Ok(row.as_ref().map(listing))
}

/// The merchant's listings that pass `filter`, in SQLite's order (by
/// marketplace, then remote id, compared byte by byte: `COLLATE "C"`, so a
/// server with another default collation lists them the same).
pub(super) fn list(
    c: &mut Client,
    merchant: i64,
    filter: &ListingFilter,
) -> Result<Vec<StoredListing>, Error> {
    // Every filter is always bound (NULL when not set), so the statement's
    // parameters stay the same.
    let marketplace = filter.marketplace.map(|m| m.as_str());
    let removed_too = filter.include_removed || filter.status.is_some();
    let rows = c.query(
        &format!(
            "SELECT id, {COLUMNS}, first_seen_at, last_seen_at, removed_at FROM listings \
             WHERE merchant_id = $1 AND ($2::text IS NULL OR marketplace = $2) \
             AND ($3::text IS NULL OR status = $3) AND ($4 OR removed_at IS NULL) \
             ORDER BY marketplace COLLATE \"C\", remote_id COLLATE \"C\""
        ),
        &[&merchant, &marketplace, &filter.status, &removed_too],
    )?;
    Ok(rows.iter().map(listing).collect())
}

/// A row of `id, COLUMNS, first_seen_at, last_seen_at, removed_at`; the
/// schema's `CHECK`s allow only known marketplaces and currencies.
fn listing(r: &Row) -> StoredListing {
    let currency: Currency = r
        .get::<_, String>(7)
        .parse()
        .expect("the schema allows only known currencies");
    let unsigned = |i: usize| r.get::<_, i64>(i).max(0) as u64;
    let small = |i: usize| {
        r.get::<_, Option<i64>>(i)
            .map(|v| v.clamp(0, u32::MAX as i64) as u32)
    };
    StoredListing {
        id: r.get(0),
        record: ListingRecord {
            marketplace: super::marketplace(r, 1),
            remote_id: r.get(2),
            kind: r.get(3),
            title: r.get(4),
            description: r.get(5),
            price: Money::from_minor(r.get(6), currency),
            status: r.get(8),
            category: r.get(9),
            subcategory: r.get(10),
            city: r.get(11),
            district: r.get(12),
            address: r.get(13),
            latitude: r.get(14),
            longitude: r.get(15),
            operation: r.get(16),
            property_type: r.get(17),
            area_m2: r.get(18),
            bedrooms: small(19),
            bathrooms: small(20),
            parking: small(21),
            brand: r.get(22),
            model: r.get(23),
            year: r.get::<_, Option<i64>>(24).map(|v| v as i32),
            mileage_km: r.get::<_, Option<i64>>(25).map(|v| v.max(0) as u64),
            condition: r.get(26),
            transmission: r.get(27),
            fuel_type: r.get(28),
            views: unsigned(29),
            contacts: unsigned(30),
            favorites: unsigned(31),
            last_contact_at: r.get(32),
            remote_created_at: r.get(33),
            remote_updated_at: r.get(34),
            raw: r.get(35),
        },
        first_seen_at: r.get(36),
        last_seen_at: r.get(37),
        removed_at: r.get(38),
    }
}

pub(super) fn count_seen_since(
    c: &mut Client,
    merchant: i64,
    m: Marketplace,
    since: &str,
) -> Result<u64, Error> {
    let n: i64 = c
        .query_one(
            "SELECT count(*) FROM listings WHERE merchant_id = $1 AND marketplace = $2 AND last_seen_at >= $3",
            &[&merchant, &m.as_str(), &since],
        )?
        .get(0);
    Ok(n.max(0) as u64)
}

pub(super) fn mark_unseen_removed(
    c: &mut Client,
    merchant: i64,
    m: Marketplace,
    since: &str,
    now: &str,
) -> Result<u64, Error> {
    c.execute(
        "UPDATE listings SET removed_at = $4, status = 'removed' \
         WHERE merchant_id = $1 AND marketplace = $2 AND removed_at IS NULL AND last_seen_at < $3",
        &[&merchant, &m.as_str(), &since, &now],
    )
}

pub(super) fn set_last_contact(
    c: &mut Client,
    merchant: i64,
    m: Marketplace,
    remote_id: &str,
    at: Option<&str>,
) -> Result<(), Error> {
    c.execute(
        "UPDATE listings SET last_contact_at = COALESCE($4, last_contact_at) \
         WHERE merchant_id = $1 AND marketplace = $2 AND remote_id = $3",
        &[&merchant, &m.as_str(), &remote_id, &at],
    )?;
    Ok(())
}

pub(super) fn advance_last_contact(
    c: &mut Client,
    merchant: i64,
    m: Marketplace,
    remote_id: &str,
    at: &str,
) -> Result<(), Error> {
    c.execute(
        "UPDATE listings SET last_contact_at = $4 WHERE merchant_id = $1 AND marketplace = $2 \
         AND remote_id = $3 AND (last_contact_at IS NULL OR last_contact_at < $4)",
        &[&merchant, &m.as_str(), &remote_id, &at],
    )?;
    Ok(())
}
