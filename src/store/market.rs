//! The market pool of comparables (CSV imports, Inmuebles24 market search,
//! Autofact market analysis), and the merchant's leads and conversations.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::Result;
use crate::domain::{Currency, Money};

/// One comparable, property or vehicle. Optional columns are `None` when unknown.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolRow {
    pub id: String,
    /// `property` or `vehicle`.
    pub kind: String,
    pub source: String,
    pub title: String,
    pub price: Option<Money>,
    pub operation: Option<String>,
    pub property_type: Option<String>,
    pub area_m2: Option<f64>,
    pub bedrooms: Option<u32>,
    pub bathrooms: Option<u32>,
    pub parking: Option<u32>,
    pub maintenance_pen: Option<f64>,
    pub city: Option<String>,
    pub zone: Option<String>,
    pub district: Option<String>,
    pub address: Option<String>,
    pub brand: Option<String>,
    pub model: Option<String>,
    pub year: Option<i32>,
    pub mileage_km: Option<u64>,
    pub condition: Option<String>,
    pub transmission: Option<String>,
    pub fuel_type: Option<String>,
    pub body_type: Option<String>,
    pub drivetrain: Option<String>,
    pub engine_l: Option<f64>,
    pub days_listed: Option<u32>,
    pub photos: Option<u32>,
    pub listed_on: Option<String>,
    pub url: Option<String>,
}

const POOL_COLUMNS: &str = "id, kind, source, title, price_minor, currency, operation, property_type, area_m2, bedrooms, bathrooms, \
     parking, maintenance_pen, city, zone, district, address, brand, model, year, mileage_km, condition, transmission, fuel_type, \
     body_type, drivetrain, engine_l, days_listed, photos, listed_on, url";

/// Inserts or replaces comparables by id (re-import updates). The caller holds the transaction.
/// Rows without a price are not stored (the pool is for priced comparables).
pub fn upsert_pool(conn: &Connection, rows: &[PoolRow], now: &str) -> Result<u64> {
    let mut stmt = conn.prepare_cached(&format!(
        "INSERT INTO market_pool ({POOL_COLUMNS}, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, \
         ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32) \
         ON CONFLICT (id) DO UPDATE SET kind = ?2, source = ?3, title = ?4, price_minor = ?5, currency = ?6, operation = ?7, \
         property_type = ?8, area_m2 = ?9, bedrooms = ?10, bathrooms = ?11, parking = ?12, maintenance_pen = ?13, city = ?14, \
         zone = ?15, district = ?16, address = ?17, brand = ?18, model = ?19, year = ?20, mileage_km = ?21, condition = ?22, \
         transmission = ?23, fuel_type = ?24, body_type = ?25, drivetrain = ?26, engine_l = ?27, days_listed = ?28, photos = ?29, \
         listed_on = ?30, url = ?31, imported_at = ?32"
    ))?;
    let mut n = 0;
    for r in rows {
        let Some(price) = r.price else { continue };
        stmt.execute(params![
            r.id,
            r.kind,
            r.source,
            r.title,
            price.minor,
            price.currency.code(),
            r.operation,
            r.property_type,
            r.area_m2,
            r.bedrooms,
            r.bathrooms,
            r.parking,
            r.maintenance_pen,
            r.city,
            r.zone,
            r.district,
            r.address,
            r.brand,
            r.model,
            r.year,
            r.mileage_km.map(|m| m as i64),
            r.condition,
            r.transmission,
            r.fuel_type,
            r.body_type,
            r.drivetrain,
            r.engine_l,
            r.days_listed,
            r.photos,
            r.listed_on,
            r.url,
            now
        ])?;
        n += 1;
    }
    Ok(n)
}

/// Every comparable of one kind.
pub fn load_pool(conn: &Connection, kind: &str) -> Result<Vec<PoolRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {POOL_COLUMNS} FROM market_pool WHERE kind = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([kind], |r| {
        let cur: String = r.get(5)?;
        let currency: Currency = cur.parse().unwrap_or_default();
        Ok(PoolRow {
            id: r.get(0)?,
            kind: r.get(1)?,
            source: r.get(2)?,
            title: r.get(3)?,
            price: Some(Money::from_minor(r.get(4)?, currency)),
            operation: r.get(6)?,
            property_type: r.get(7)?,
            area_m2: r.get(8)?,
            bedrooms: r.get(9)?,
            bathrooms: r.get(10)?,
            parking: r.get(11)?,
            maintenance_pen: r.get(12)?,
            city: r.get(13)?,
            zone: r.get(14)?,
            district: r.get(15)?,
            address: r.get(16)?,
            brand: r.get(17)?,
            model: r.get(18)?,
            year: r.get(19)?,
            mileage_km: r.get::<_, Option<i64>>(20)?.map(|v| v.max(0) as u64),
            condition: r.get(21)?,
            transmission: r.get(22)?,
            fuel_type: r.get(23)?,
            body_type: r.get(24)?,
            drivetrain: r.get(25)?,
            engine_l: r.get(26)?,
            days_listed: r.get(27)?,
            photos: r.get(28)?,
            listed_on: r.get(29)?,
            url: r.get(30)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many comparables of each kind are stored.
pub fn pool_counts(conn: &Connection) -> Result<(u64, u64)> {
    let count = |kind: &str| -> Result<u64> {
        Ok(conn.query_row(
            "SELECT count(*) FROM market_pool WHERE kind = ?1",
            [kind],
            |r| r.get::<_, i64>(0),
        )? as u64)
    };
    Ok((count("property")?, count("vehicle")?))
}

/// Stores Inmuebles24 leads (idempotent by id).
pub fn upsert_leads(
    conn: &Connection,
    leads: &[crate::marketplaces::types::Inmuebles24Lead],
    now: &str,
) -> Result<u64> {
    let mut n = 0;
    for l in leads {
        n += conn.execute(
            "INSERT INTO leads (marketplace, remote_id, listing_remote_id, name, email, phone, message, created_at, fetched_at) \
             VALUES ('inmuebles24', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (marketplace, remote_id) DO NOTHING",
            params![l.id, l.property_id, l.name, l.email, l.phone, l.message, l.created_at, now],
        )? as u64;
    }
    Ok(n)
}

/// Stores OLX conversations (the latest state of each).
pub fn upsert_conversations(
    conn: &Connection,
    items: &[crate::marketplaces::types::OlxConversation],
    now: &str,
) -> Result<u64> {
    let mut n = 0;
    for c in items {
        n += conn.execute(
            "INSERT INTO conversations (marketplace, remote_id, listing_remote_id, buyer_name, last_message, last_message_at, unread, \
             message_count, fetched_at) VALUES ('olx', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (marketplace, remote_id) DO UPDATE \
             SET last_message = ?4, last_message_at = ?5, unread = ?6, message_count = ?7, fetched_at = ?8",
            params![c.id, c.listing_id, c.buyer_name, c.last_message, c.last_message_at, c.unread, c.message_count, now],
        )? as u64;
    }
    Ok(n)
}

/// A stored Inmuebles24 lead, with the title of its listing when that is stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredLead {
    pub marketplace: String,
    pub remote_id: String,
    pub listing_remote_id: String,
    pub listing_title: Option<String>,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub message: Option<String>,
    pub created_at: String,
    pub fetched_at: String,
}

/// A stored OLX conversation (its latest state).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredConversation {
    pub marketplace: String,
    pub remote_id: String,
    pub listing_remote_id: String,
    pub listing_title: Option<String>,
    pub buyer_name: String,
    pub last_message: Option<String>,
    pub last_message_at: String,
    pub unread: u32,
    pub message_count: u32,
    pub fetched_at: String,
}

/// `AND listing_remote_id IN (?2, ?3, ...)` for the ids given (none: no filter).
fn listing_filter(ids: &[String]) -> String {
    if ids.is_empty() {
        return String::new();
    }
    let marks: Vec<String> = (0..ids.len()).map(|i| format!("?{}", i + 2)).collect();
    format!(" AND x.listing_remote_id IN ({})", marks.join(", "))
}

/// Leads of `marketplace`, newest first; only those of `listing_ids` when any are given.
pub fn list_leads(
    conn: &Connection,
    marketplace: &str,
    listing_ids: &[String],
) -> Result<Vec<StoredLead>> {
    let sql = format!(
        "SELECT x.marketplace, x.remote_id, x.listing_remote_id, l.title, x.name, x.email, x.phone, x.message, \
         x.created_at, x.fetched_at FROM leads x LEFT JOIN listings l \
         ON l.marketplace = x.marketplace AND l.remote_id = x.listing_remote_id \
         WHERE x.marketplace = ?1{} ORDER BY x.created_at DESC, x.remote_id",
        listing_filter(listing_ids)
    );
    let mut stmt = conn.prepare(&sql)?;
    let args = std::iter::once(marketplace.to_string()).chain(listing_ids.iter().cloned());
    let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
        Ok(StoredLead {
            marketplace: r.get(0)?,
            remote_id: r.get(1)?,
            listing_remote_id: r.get(2)?,
            listing_title: r.get(3)?,
            name: r.get(4)?,
            email: r.get(5)?,
            phone: r.get(6)?,
            message: r.get(7)?,
            created_at: r.get(8)?,
            fetched_at: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Conversations of `marketplace`, latest message first; only those of `listing_ids` when any are given.
pub fn list_conversations(
    conn: &Connection,
    marketplace: &str,
    listing_ids: &[String],
) -> Result<Vec<StoredConversation>> {
    let sql = format!(
        "SELECT x.marketplace, x.remote_id, x.listing_remote_id, l.title, x.buyer_name, x.last_message, \
         x.last_message_at, x.unread, x.message_count, x.fetched_at FROM conversations x LEFT JOIN listings l \
         ON l.marketplace = x.marketplace AND l.remote_id = x.listing_remote_id \
         WHERE x.marketplace = ?1{} ORDER BY x.last_message_at DESC, x.remote_id",
        listing_filter(listing_ids)
    );
    let mut stmt = conn.prepare(&sql)?;
    let args = std::iter::once(marketplace.to_string()).chain(listing_ids.iter().cloned());
    let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
        Ok(StoredConversation {
            marketplace: r.get(0)?,
            remote_id: r.get(1)?,
            listing_remote_id: r.get(2)?,
            listing_title: r.get(3)?,
            buyer_name: r.get(4)?,
            last_message: r.get(5)?,
            last_message_at: r.get(6)?,
            unread: r.get(7)?,
            message_count: r.get(8)?,
            fetched_at: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn pool_upsert_is_idempotent_by_id() {
        let mut s = Store::open_in_memory().unwrap();
        let mut row = PoolRow {
            id: "p1".into(),
            kind: "property".into(),
            source: "test".into(),
            title: "Casa".into(),
            price: Some(Money::from_minor(10_000, Currency::PEN)),
            district: Some("Miraflores".into()),
            area_m2: Some(80.0),
            ..Default::default()
        };
        let tx = s.conn_mut().transaction().unwrap();
        upsert_pool(&tx, std::slice::from_ref(&row), "t").unwrap();
        row.price = Some(Money::from_minor(20_000, Currency::PEN));
        upsert_pool(&tx, std::slice::from_ref(&row), "t2").unwrap();
        tx.commit().unwrap();
        let pool = load_pool(s.conn(), "property").unwrap();
        assert_eq!(pool.len(), 1);
        assert_eq!(pool[0].price.unwrap().minor, 20_000);
        assert_eq!(pool_counts(s.conn()).unwrap(), (1, 0));
    }

    #[test]
    fn leads_and_conversations_filter_by_listing() {
        use crate::marketplaces::types::{Inmuebles24Lead, OlxConversation};
        let s = Store::open_in_memory().unwrap();
        let lead = |id: &str, p: &str, at: &str| Inmuebles24Lead {
            id: id.into(),
            property_id: p.into(),
            name: "Ana".into(),
            email: None,
            phone: Some("999".into()),
            message: "¿Sigue disponible?".into(),
            created_at: at.into(),
        };
        upsert_leads(
            s.conn(),
            &[
                lead("L1", "P1", "2024-01-01"),
                lead("L2", "P2", "2024-02-01"),
            ],
            "t",
        )
        .unwrap();
        let all = list_leads(s.conn(), "inmuebles24", &[]).unwrap();
        assert_eq!(
            all.iter().map(|l| l.remote_id.as_str()).collect::<Vec<_>>(),
            ["L2", "L1"]
        );
        let one = list_leads(s.conn(), "inmuebles24", &["P1".into()]).unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].listing_remote_id, "P1");
        let conv = OlxConversation {
            id: "C1".into(),
            listing_id: "O1".into(),
            buyer_name: "Luis".into(),
            last_message: "Hola".into(),
            last_message_at: "2024-03-01".into(),
            unread: 2,
            message_count: 5,
        };
        upsert_conversations(s.conn(), &[conv], "t").unwrap();
        assert_eq!(
            list_conversations(s.conn(), "olx", &["O1".into()]).unwrap()[0].unread,
            2
        );
        assert!(
            list_conversations(s.conn(), "olx", &["O2".into()])
                .unwrap()
                .is_empty()
        );
    }
}
