//! Listings synced from the merchant's accounts, with their price history and
//! engagement snapshots. Upserts never delete: a listing that vanished is
//! marked removed with the time, and its history stays.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::Result;
use crate::domain::{Currency, Marketplace, Money};

/// A listing as stored, the same shape for all three marketplaces.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListingRecord {
    pub marketplace: Marketplace,
    pub remote_id: String,
    /// `property`, `vehicle` or `other`.
    pub kind: String,
    pub title: String,
    pub description: Option<String>,
    pub price: Money,
    pub status: String,
    pub category: Option<String>,
    pub subcategory: Option<String>,
    pub city: Option<String>,
    pub district: Option<String>,
    pub address: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub operation: Option<String>,
    pub property_type: Option<String>,
    pub area_m2: Option<f64>,
    pub bedrooms: Option<u32>,
    pub bathrooms: Option<u32>,
    pub parking: Option<u32>,
    pub brand: Option<String>,
    pub model: Option<String>,
    pub year: Option<i32>,
    pub mileage_km: Option<u64>,
    pub condition: Option<String>,
    pub transmission: Option<String>,
    pub fuel_type: Option<String>,
    pub views: u64,
    /// Contacts (OLX, Autofact) or leads (Inmuebles24).
    pub contacts: u64,
    pub favorites: u64,
    pub last_contact_at: Option<String>,
    pub remote_created_at: Option<String>,
    pub remote_updated_at: Option<String>,
    /// The payload as received, kept for fields treevu does not model yet.
    #[serde(skip)]
    pub raw: String,
}

/// A stored listing with what the store adds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredListing {
    pub id: i64,
    #[serde(flatten)]
    pub record: ListingRecord,
    pub first_seen_at: String,
    pub last_seen_at: String,
    pub removed_at: Option<String>,
}

/// What an upsert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    New,
    Updated {
        price_changed: bool,
        engagement_changed: bool,
        /// Contacts (leads) went up since the stored version.
        contacts_grew: bool,
    },
    Unchanged,
}

/// What an upsert compares against.
struct Existing {
    id: i64,
    minor: i64,
    currency: String,
    views: i64,
    contacts: i64,
    favorites: i64,
    raw: String,
    removed_at: Option<String>,
}

pub(crate) const COLUMNS: &str = "marketplace, remote_id, kind, title, description, price_minor, currency, status, category, subcategory, \
     city, district, address, latitude, longitude, operation, property_type, area_m2, bedrooms, bathrooms, parking, \
     brand, model, year, mileage_km, condition, transmission, fuel_type, views, contacts, favorites, last_contact_at, \
     remote_created_at, remote_updated_at, raw";

/// Inserts or updates one listing inside the caller's transaction, adding a
/// price-history row when the price changed and an engagement snapshot when
/// views, contacts or favorites changed (and for every new listing).
pub fn upsert(tx: &Connection, rec: &ListingRecord, now: &str) -> Result<Upsert> {
    // Cached statements: a sync upserts tens of thousands of rows in a run.
    let existing: Option<Existing> = tx
        .prepare_cached(
            "SELECT id, price_minor, currency, views, contacts, favorites, raw, removed_at FROM listings \
             WHERE marketplace = ?1 AND remote_id = ?2",
        )?
        .query_row(
            params![rec.marketplace.as_str(), rec.remote_id],
            |r| {
                Ok(Existing {
                    id: r.get(0)?,
                    minor: r.get(1)?,
                    currency: r.get(2)?,
                    views: r.get(3)?,
                    contacts: r.get(4)?,
                    favorites: r.get(5)?,
                    raw: r.get(6)?,
                    removed_at: r.get(7)?,
                })
            },
        )
        .optional()?;
    match existing {
        None => {
            tx.prepare_cached(&format!(
                "INSERT INTO listings ({COLUMNS}, first_seen_at, last_seen_at) VALUES \
                 (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, \
                  ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?36)"
            ))?
            .execute(rusqlite::params_from_iter(record_cells(rec, now).iter()))?;
            let id = tx.last_insert_rowid();
            add_price(tx, id, rec.price, now, "sync")?;
            add_engagement(tx, id, rec, now)?;
            Ok(Upsert::New)
        }
        Some(Existing {
            id,
            minor: old_minor,
            currency: old_cur,
            views,
            contacts,
            favorites,
            raw,
            removed_at,
        }) => {
            let outcome = classify(
                &Compared {
                    minor: old_minor,
                    currency: &old_cur,
                    views,
                    contacts,
                    favorites,
                    raw: &raw,
                    removed: removed_at.is_some(),
                },
                rec,
            );
            tx.prepare_cached(
                "UPDATE listings SET kind = ?3, title = ?4, description = ?5, price_minor = ?6, currency = ?7, status = ?8, \
                 category = ?9, subcategory = ?10, city = ?11, district = ?12, address = ?13, latitude = ?14, longitude = ?15, \
                 operation = ?16, property_type = ?17, area_m2 = ?18, bedrooms = ?19, bathrooms = ?20, parking = ?21, \
                 brand = ?22, model = ?23, year = ?24, mileage_km = ?25, condition = ?26, transmission = ?27, fuel_type = ?28, \
                 views = ?29, contacts = ?30, favorites = ?31, last_contact_at = COALESCE(?32, last_contact_at), \
                 remote_created_at = ?33, remote_updated_at = ?34, raw = ?35, last_seen_at = ?36, removed_at = NULL \
                 WHERE marketplace = ?1 AND remote_id = ?2",
            )?
            .execute(rusqlite::params_from_iter(record_cells(rec, now).iter()))?;
            if let Upsert::Updated {
                price_changed,
                engagement_changed,
                ..
            } = outcome
            {
                if price_changed {
                    add_price(tx, id, rec.price, now, "sync")?;
                }
                if engagement_changed {
                    add_engagement(tx, id, rec, now)?;
                }
            }
            Ok(outcome)
        }
    }
}

/// The stored columns a new version of a listing is compared against.
pub struct Compared<'a> {
    pub minor: i64,
    pub currency: &'a str,
    pub views: i64,
    pub contacts: i64,
    pub favorites: i64,
    pub raw: &'a str,
    pub removed: bool,
}

/// What storing `rec` over the stored version `old` amounts to: the one rule
/// every engine follows, so a page counts the same new/updated/unchanged on each.
pub fn classify(old: &Compared<'_>, rec: &ListingRecord) -> Upsert {
    let price_changed = old.minor != rec.price.minor || old.currency != rec.price.currency.code();
    let engagement_changed = old.views != rec.views as i64
        || old.contacts != rec.contacts as i64
        || old.favorites != rec.favorites as i64;
    let changed = old.raw != rec.raw || old.removed;
    if changed || price_changed || engagement_changed {
        Upsert::Updated {
            price_changed,
            engagement_changed,
            contacts_grew: rec.contacts as i64 > old.contacts,
        }
    } else {
        Upsert::Unchanged
    }
}

/// One value of a listing row, typed once for every engine.
pub(super) enum Cell<'a> {
    Text(Option<&'a str>),
    Int(Option<i64>),
    Real(Option<f64>),
}

impl rusqlite::ToSql for Cell<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        match self {
            Cell::Text(v) => v.to_sql(),
            Cell::Int(v) => v.to_sql(),
            Cell::Real(v) => v.to_sql(),
        }
    }
}

/// The values of [`COLUMNS`] for `rec`, then `now` (when it was seen).
pub(super) fn record_cells<'a>(rec: &'a ListingRecord, now: &'a str) -> Vec<Cell<'a>> {
    use Cell::{Int, Real, Text};
    let text = |v: &'a Option<String>| Text(v.as_deref());
    let int = |v: Option<u32>| Int(v.map(i64::from));
    vec![
        Text(Some(rec.marketplace.as_str())),
        Text(Some(&rec.remote_id)),
        Text(Some(&rec.kind)),
        Text(Some(&rec.title)),
        text(&rec.description),
        Int(Some(rec.price.minor)),
        Text(Some(rec.price.currency.code())),
        Text(Some(&rec.status)),
        text(&rec.category),
        text(&rec.subcategory),
        text(&rec.city),
        text(&rec.district),
        text(&rec.address),
        Real(rec.latitude),
        Real(rec.longitude),
        text(&rec.operation),
        text(&rec.property_type),
        Real(rec.area_m2),
        int(rec.bedrooms),
        int(rec.bathrooms),
        int(rec.parking),
        text(&rec.brand),
        text(&rec.model),
        Int(rec.year.map(i64::from)),
        Int(rec.mileage_km.map(|m| m as i64)),
        text(&rec.condition),
        text(&rec.transmission),
        text(&rec.fuel_type),
        Int(Some(rec.views as i64)),
        Int(Some(rec.contacts as i64)),
        Int(Some(rec.favorites as i64)),
        text(&rec.last_contact_at),
        text(&rec.remote_created_at),
        text(&rec.remote_updated_at),
        Text(Some(&rec.raw)),
        Text(Some(now)),
    ]
}

fn add_price(
    tx: &Connection,
    listing_id: i64,
    price: Money,
    now: &str,
    source: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO price_history (listing_id, price_minor, currency, observed_at, source) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![listing_id, price.minor, price.currency.code(), now, source])?;
    Ok(())
}

fn add_engagement(tx: &Connection, listing_id: i64, rec: &ListingRecord, now: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO engagement_snapshots (listing_id, observed_at, views, contacts, favorites) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![listing_id, now, rec.views as i64, rec.contacts as i64, rec.favorites as i64])?;
    Ok(())
}

/// Records a price the merchant applied through treevu (write-back).
pub fn record_applied_price(
    tx: &Connection,
    marketplace: Marketplace,
    remote_id: &str,
    price: Money,
    now: &str,
) -> Result<()> {
    let id: i64 = tx.query_row(
        "SELECT id FROM listings WHERE marketplace = ?1 AND remote_id = ?2",
        params![marketplace.as_str(), remote_id],
        |r| r.get(0),
    )?;
    tx.execute(
        "UPDATE listings SET price_minor = ?2, currency = ?3, last_seen_at = ?4 WHERE id = ?1",
        params![id, price.minor, price.currency.code(), now],
    )?;
    add_price(tx, id, price, now, "apply")
}

/// Marks one listing removed (the merchant took it down through treevu); history stays.
pub fn mark_removed(
    tx: &Connection,
    marketplace: Marketplace,
    remote_id: &str,
    now: &str,
) -> Result<u64> {
    Ok(tx.execute(
        "UPDATE listings SET status = 'removed', removed_at = COALESCE(removed_at, ?3) \
         WHERE marketplace = ?1 AND remote_id = ?2",
        params![marketplace.as_str(), remote_id, now],
    )? as u64)
}

/// Marks as removed every listing of `marketplace` not seen since `run_started_at`
/// (a full sync touches `last_seen_at` of everything it finds, also across a
/// resumed run). History is kept. Returns how many were marked.
pub fn mark_unseen_removed(
    tx: &Connection,
    marketplace: Marketplace,
    run_started_at: &str,
    now: &str,
) -> Result<u64> {
    Ok(tx.execute(
        "UPDATE listings SET removed_at = ?3, status = 'removed' \
         WHERE marketplace = ?1 AND removed_at IS NULL AND last_seen_at < ?2",
        params![marketplace.as_str(), run_started_at, now],
    )? as u64)
}

/// Counts stored listings of a marketplace that are not removed.
pub fn count_present(conn: &rusqlite::Connection, marketplace: Marketplace) -> Result<u64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM listings WHERE marketplace = ?1 AND removed_at IS NULL",
        [marketplace.as_str()],
        |r| r.get::<_, i64>(0),
    )? as u64)
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default)]
pub struct ListingFilter {
    pub marketplace: Option<Marketplace>,
    pub status: Option<String>,
    pub include_removed: bool,
}

/// Stored listings, newest first within marketplace.
pub fn list(conn: &rusqlite::Connection, filter: &ListingFilter) -> Result<Vec<StoredListing>> {
    let mut sql = format!(
        "SELECT id, {COLUMNS}, first_seen_at, last_seen_at, removed_at FROM listings WHERE 1 = 1"
    );
    let mut args: Vec<String> = Vec::new();
    if let Some(m) = filter.marketplace {
        args.push(m.as_str().to_string());
        sql.push_str(&format!(" AND marketplace = ?{}", args.len()));
    }
    if let Some(s) = &filter.status {
        args.push(s.clone());
        sql.push_str(&format!(" AND status = ?{}", args.len()));
    } else if !filter.include_removed {
        sql.push_str(" AND removed_at IS NULL");
    }
    sql.push_str(" ORDER BY marketplace, remote_id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), row_to_listing)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every stored listing (removed ones too) without its payload, for work that
/// compares many listings (twin detection) and never needs `raw`.
pub fn list_without_payload(conn: &rusqlite::Connection) -> Result<Vec<StoredListing>> {
    let columns = COLUMNS.replace("remote_updated_at, raw", "remote_updated_at, '' AS raw");
    let mut stmt = conn.prepare(&format!(
        "SELECT id, {columns}, first_seen_at, last_seen_at, removed_at FROM listings ORDER BY id"
    ))?;
    let rows = stmt.query_map([], row_to_listing)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stored listings by row id, in the order asked (unknown ids are left out).
pub fn by_ids(conn: &rusqlite::Connection, ids: &[i64]) -> Result<Vec<StoredListing>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, {COLUMNS}, first_seen_at, last_seen_at, removed_at FROM listings WHERE id = ?1"
    ))?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(l) = stmt.query_row([id], row_to_listing).optional()? {
            out.push(l);
        }
    }
    Ok(out)
}

/// One listing by marketplace and remote id.
pub fn get(
    conn: &rusqlite::Connection,
    marketplace: Marketplace,
    remote_id: &str,
) -> Result<Option<StoredListing>> {
    Ok(conn
        .query_row(
            &format!("SELECT id, {COLUMNS}, first_seen_at, last_seen_at, removed_at FROM listings WHERE marketplace = ?1 AND remote_id = ?2"),
            params![marketplace.as_str(), remote_id],
            row_to_listing,
        )
        .optional()?)
}

pub(super) fn row_to_listing(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredListing> {
    let marketplace: String = r.get(1)?;
    let currency: String = r.get(7)?;
    let bad = |i: usize, what: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, what.into())
    };
    let marketplace: Marketplace = marketplace
        .parse()
        .map_err(|e: crate::domain::UnknownMarketplace| bad(1, e.to_string()))?;
    let currency: Currency = currency
        .parse()
        .map_err(|e: crate::domain::UnknownCurrency| bad(7, e.to_string()))?;
    Ok(StoredListing {
        id: r.get(0)?,
        record: ListingRecord {
            marketplace,
            remote_id: r.get(2)?,
            kind: r.get(3)?,
            title: r.get(4)?,
            description: r.get(5)?,
            price: Money::from_minor(r.get(6)?, currency),
            status: r.get(8)?,
            category: r.get(9)?,
            subcategory: r.get(10)?,
            city: r.get(11)?,
            district: r.get(12)?,
            address: r.get(13)?,
            latitude: r.get(14)?,
            longitude: r.get(15)?,
            operation: r.get(16)?,
            property_type: r.get(17)?,
            area_m2: r.get(18)?,
            bedrooms: r.get(19)?,
            bathrooms: r.get(20)?,
            parking: r.get(21)?,
            brand: r.get(22)?,
            model: r.get(23)?,
            year: r.get(24)?,
            mileage_km: r.get::<_, Option<i64>>(25)?.map(|v| v.max(0) as u64),
            condition: r.get(26)?,
            transmission: r.get(27)?,
            fuel_type: r.get(28)?,
            views: r.get::<_, i64>(29)?.max(0) as u64,
            contacts: r.get::<_, i64>(30)?.max(0) as u64,
            favorites: r.get::<_, i64>(31)?.max(0) as u64,
            last_contact_at: r.get(32)?,
            remote_created_at: r.get(33)?,
            remote_updated_at: r.get(34)?,
            raw: r.get(35)?,
        },
        first_seen_at: r.get(36)?,
        last_seen_at: r.get(37)?,
        removed_at: r.get(38)?,
    })
}

/// A price observation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PricePoint {
    pub price: Money,
    pub observed_at: String,
    pub source: String,
}

pub fn price_history(conn: &rusqlite::Connection, listing_id: i64) -> Result<Vec<PricePoint>> {
    let mut stmt = conn.prepare("SELECT price_minor, currency, observed_at, source FROM price_history WHERE listing_id = ?1 ORDER BY observed_at, id")?;
    let rows = stmt.query_map([listing_id], |r| {
        let cur: String = r.get(1)?;
        Ok(PricePoint {
            price: Money::from_minor(r.get(0)?, cur.parse().unwrap_or_default()),
            observed_at: r.get(2)?,
            source: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An engagement observation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EngagementPoint {
    pub observed_at: String,
    pub views: u64,
    pub contacts: u64,
    pub favorites: u64,
}

pub fn engagement_history(
    conn: &rusqlite::Connection,
    listing_id: i64,
) -> Result<Vec<EngagementPoint>> {
    // Cached: the report reads it once per listing.
    let mut stmt = conn.prepare_cached("SELECT observed_at, views, contacts, favorites FROM engagement_snapshots WHERE listing_id = ?1 ORDER BY observed_at, id")?;
    let rows = stmt.query_map([listing_id], |r| {
        Ok(EngagementPoint {
            observed_at: r.get(0)?,
            views: r.get::<_, i64>(1)?.max(0) as u64,
            contacts: r.get::<_, i64>(2)?.max(0) as u64,
            favorites: r.get::<_, i64>(3)?.max(0) as u64,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A listing whose latest version was set aside as malformed is still at the
/// marketplace: its stored copy counts as seen, so a full sync does not take it as gone.
pub fn mark_seen(
    conn: &rusqlite::Connection,
    m: Marketplace,
    remote_id: &str,
    now: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE listings SET last_seen_at = ?3 WHERE marketplace = ?1 AND remote_id = ?2",
        rusqlite::params![m.as_str(), remote_id, now],
    )?;
    Ok(())
}

/// How many listings of `m` a run that started at `since` has seen.
pub fn count_seen_since(conn: &rusqlite::Connection, m: Marketplace, since: &str) -> Result<u64> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM listings WHERE marketplace = ?1 AND last_seen_at >= ?2",
        rusqlite::params![m.as_str(), since],
        |r| r.get(0),
    )?;
    Ok(n.max(0) as u64)
}

/// The marketplace's own "last contact" of a listing; `None` keeps what is stored.
pub fn set_last_contact(
    conn: &rusqlite::Connection,
    m: Marketplace,
    remote_id: &str,
    at: Option<&str>,
) -> Result<()> {
    conn.execute(
        "UPDATE listings SET last_contact_at = COALESCE(?3, last_contact_at) WHERE marketplace = ?1 AND remote_id = ?2",
        rusqlite::params![m.as_str(), remote_id, at],
    )?;
    Ok(())
}

/// Moves a listing's last contact forward to `at` (a newer lead), never back.
pub fn advance_last_contact(
    conn: &rusqlite::Connection,
    m: Marketplace,
    remote_id: &str,
    at: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE listings SET last_contact_at = ?3 WHERE marketplace = ?1 AND remote_id = ?2 \
         AND (last_contact_at IS NULL OR last_contact_at < ?3)",
        rusqlite::params![m.as_str(), remote_id, at],
    )?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::store::Store;

    pub(crate) fn sample(remote_id: &str, price: i64) -> ListingRecord {
        ListingRecord {
            marketplace: Marketplace::Olx,
            remote_id: remote_id.into(),
            kind: "property".into(),
            title: "Departamento en Miraflores".into(),
            description: None,
            price: Money::from_minor(price, Currency::PEN),
            status: "active".into(),
            category: Some("inmuebles".into()),
            subcategory: None,
            city: Some("Lima".into()),
            district: Some("Miraflores".into()),
            address: None,
            latitude: None,
            longitude: None,
            operation: Some("sale".into()),
            property_type: Some("apartment".into()),
            area_m2: Some(80.0),
            bedrooms: Some(2),
            bathrooms: Some(2),
            parking: None,
            brand: None,
            model: None,
            year: None,
            mileage_km: None,
            condition: None,
            transmission: None,
            fuel_type: None,
            views: 10,
            contacts: 1,
            favorites: 0,
            last_contact_at: None,
            remote_created_at: None,
            remote_updated_at: None,
            raw: format!("{{\"id\":\"{remote_id}\",\"price\":{price}}}"),
        }
    }

    /// Stores `recs` as one page of a run started at `now`, as a sync does on
    /// every engine.
    pub(crate) fn stored(s: &Store, now: &str, recs: &[ListingRecord]) {
        use crate::store::page::{PageItem, PageWrite};
        let m = recs[0].marketplace;
        let run_id = s.start_run(m, true, now).unwrap();
        let items: Vec<PageItem<'_>> = recs.iter().map(PageItem::Good).collect();
        s.write_page(&PageWrite {
            marketplace: m,
            run_id,
            now,
            items: &items,
            checkpoint: "{}",
            counts: Default::default(),
        })
        .unwrap();
    }

    store_tests! {
        fn a_full_run_marks_what_it_did_not_see_removed_and_keeps_the_rest_as_synced(fx: &Fixture) {
            let s = fx.open();
            let (a, b) = (sample("a", 100), sample("b", 200));
            stored(&s, "t1", &[a.clone(), b]);
            stored(&s, "t2", std::slice::from_ref(&a));
            assert_eq!(s.count_seen_since(Marketplace::Olx, "t2").unwrap(), 1);
            assert_eq!(s.count_seen_since(Marketplace::Olx, "t1").unwrap(), 2);
            assert_eq!(s.mark_unseen_removed(Marketplace::Olx, "t2", "t3").unwrap(), 1);
            let gone = s.listing(Marketplace::Olx, "b").unwrap().unwrap();
            assert_eq!((gone.removed_at.as_deref(), gone.record.status.as_str()), (Some("t3"), "removed"));
            let kept = s.listing(Marketplace::Olx, "a").unwrap().unwrap();
            assert_eq!(kept.record, a, "every field as synced");
            assert_eq!(
                (kept.first_seen_at.as_str(), kept.last_seen_at.as_str(), kept.removed_at),
                ("t1", "t2", None)
            );
            assert_eq!(s.listing(Marketplace::Olx, "zz").unwrap(), None);
            // Marked once: a second pass finds nothing more to mark.
            assert_eq!(s.mark_unseen_removed(Marketplace::Olx, "t2", "t4").unwrap(), 0);
        }

        fn listings_are_listed_by_marketplace_and_id_with_each_filter(fx: &Fixture) {
            let s = fx.open();
            let mut sold = sample("b", 200);
            sold.status = "sold".into();
            let mut car = sample("AF-1", 300);
            car.marketplace = Marketplace::Autofact;
            car.kind = "vehicle".into();
            stored(&s, "t1", &[sample("c", 100), sold.clone(), sample("a", 400)]);
            stored(&s, "t1", &[car]);
            // "c" was not seen by the second full run: removed.
            stored(&s, "t2", &[sample("a", 400), sold]);
            s.mark_unseen_removed(Marketplace::Olx, "t2", "t3").unwrap();
            let ids = |f: ListingFilter| -> Vec<String> {
                s.listings(&f)
                    .unwrap()
                    .iter()
                    .map(|l| format!("{}:{}", l.record.marketplace, l.record.remote_id))
                    .collect()
            };
            assert_eq!(ids(ListingFilter::default()), ["autofact:AF-1", "olx:a", "olx:b"]);
            assert_eq!(
                ids(ListingFilter { include_removed: true, ..Default::default() }),
                ["autofact:AF-1", "olx:a", "olx:b", "olx:c"]
            );
            assert_eq!(
                ids(ListingFilter { marketplace: Some(Marketplace::Olx), ..Default::default() }),
                ["olx:a", "olx:b"]
            );
            // A status names removed listings too: 'removed' is one.
            assert_eq!(
                ids(ListingFilter { status: Some("removed".into()), ..Default::default() }),
                ["olx:c"]
            );
            assert_eq!(
                ids(ListingFilter {
                    marketplace: Some(Marketplace::Olx),
                    status: Some("active".into()),
                    include_removed: false,
                }),
                ["olx:a"]
            );
            let a = s.listings(&ListingFilter::default()).unwrap().remove(1);
            assert_eq!(a.record, sample("a", 400), "every field as synced");
            assert_eq!((a.first_seen_at.as_str(), a.last_seen_at.as_str()), ("t1", "t2"));
        }

        fn a_listings_last_contact_moves_forward_only(fx: &Fixture) {
            let s = fx.open();
            stored(&s, "t1", &[sample("a", 100)]);
            let contact = |s: &Store| s.listing(Marketplace::Olx, "a").unwrap().unwrap().record.last_contact_at;
            s.set_last_contact(Marketplace::Olx, "a", Some("2024-02-01")).unwrap();
            assert_eq!(contact(&s).as_deref(), Some("2024-02-01"));
            s.set_last_contact(Marketplace::Olx, "a", None).unwrap();
            assert_eq!(contact(&s).as_deref(), Some("2024-02-01"), "none keeps what is stored");
            s.advance_last_contact(Marketplace::Olx, "a", "2024-01-01").unwrap();
            assert_eq!(contact(&s).as_deref(), Some("2024-02-01"), "an older lead does not move it back");
            s.advance_last_contact(Marketplace::Olx, "a", "2024-03-01").unwrap();
            assert_eq!(contact(&s).as_deref(), Some("2024-03-01"));
        }
    }

    #[test]
    fn upsert_records_history_only_on_change() {
        let mut store = Store::open_in_memory().unwrap();
        let tx = store.conn_mut().transaction().unwrap();
        let mut rec = sample("a1", 50_000_000);
        assert_eq!(upsert(&tx, &rec, "t1").unwrap(), Upsert::New);
        assert_eq!(upsert(&tx, &rec, "t2").unwrap(), Upsert::Unchanged);
        rec.price = Money::from_minor(48_000_000, Currency::PEN);
        rec.raw = "changed".into();
        assert_eq!(
            upsert(&tx, &rec, "t3").unwrap(),
            Upsert::Updated {
                price_changed: true,
                engagement_changed: false,
                contacts_grew: false
            }
        );
        rec.views = 25;
        rec.raw = "changed again".into();
        assert_eq!(
            upsert(&tx, &rec, "t4").unwrap(),
            Upsert::Updated {
                price_changed: false,
                engagement_changed: true,
                contacts_grew: false
            }
        );
        tx.commit().unwrap();
        let stored = get(store.conn(), Marketplace::Olx, "a1").unwrap().unwrap();
        assert_eq!(stored.record.price.minor, 48_000_000);
        let prices = price_history(store.conn(), stored.id).unwrap();
        assert_eq!(
            prices.iter().map(|p| p.price.minor).collect::<Vec<_>>(),
            vec![50_000_000, 48_000_000]
        );
        assert_eq!(
            engagement_history(store.conn(), stored.id).unwrap().len(),
            2
        );
    }

    #[test]
    fn vanished_listings_are_marked_removed_not_deleted() {
        let mut store = Store::open_in_memory().unwrap();
        let tx = store.conn_mut().transaction().unwrap();
        upsert(&tx, &sample("a", 100), "t1").unwrap();
        upsert(&tx, &sample("b", 200), "t1").unwrap();
        upsert(&tx, &sample("a", 100), "t2").unwrap();
        assert_eq!(
            mark_unseen_removed(&tx, Marketplace::Olx, "t2", "t3").unwrap(),
            1
        );
        tx.commit().unwrap();
        let active = list(store.conn(), &ListingFilter::default()).unwrap();
        assert_eq!(active.len(), 1);
        let all = list(
            store.conn(),
            &ListingFilter {
                include_removed: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(all.len(), 2);
        let b = get(store.conn(), Marketplace::Olx, "b").unwrap().unwrap();
        assert_eq!(b.removed_at.as_deref(), Some("t3"));
        assert_eq!(
            price_history(store.conn(), b.id).unwrap().len(),
            1,
            "history kept"
        );
    }
}
