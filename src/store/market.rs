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
}
