//! The market pool of comparables (CSV imports, Inmuebles24 market search,
//! Autofact market analysis), and the merchant's leads and conversations.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::Result;
use crate::domain::{Currency, Money};

/// Where a pool row came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// `treevu market import` of a file.
    #[default]
    Import,
    /// A marketplace's market data fetched by sync (Inmuebles24 market scope,
    /// Autofact market analysis).
    Market,
    /// One of the merchant's own synced listings (active, sold or rented).
    Own,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Import => "import",
            Origin::Market => "market",
            Origin::Own => "own",
        }
    }

    pub(crate) fn parse(s: &str) -> Origin {
        match s {
            "market" => Origin::Market,
            "own" => Origin::Own,
            _ => Origin::Import,
        }
    }
}

/// One comparable, property or vehicle. Optional columns are `None` when unknown.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolRow {
    pub id: String,
    /// `property` or `vehicle`.
    pub kind: String,
    pub origin: Origin,
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
    /// What another source's copy of this home or car shares with it
    /// (`market::dedup`); `None` when not computed yet.
    #[serde(skip)]
    pub match_key: Option<String>,
}

/// The stored columns of a row, in [`PoolRow`] order (after `id, kind`).
const DATA_COLUMNS: [&str; 29] = [
    "origin",
    "source",
    "title",
    "price_minor",
    "currency",
    "operation",
    "property_type",
    "area_m2",
    "bedrooms",
    "bathrooms",
    "parking",
    "maintenance_pen",
    "city",
    "zone",
    "district",
    "address",
    "brand",
    "model",
    "year",
    "mileage_km",
    "condition",
    "transmission",
    "fuel_type",
    "body_type",
    "drivetrain",
    "engine_l",
    "days_listed",
    "photos",
    "listed_on",
];

/// Columns after the data ones: `url`, then the bookkeeping.
pub(crate) const POOL_COLUMNS: &str = "id, kind, origin, source, title, price_minor, currency, operation, property_type, area_m2, bedrooms, \
     bathrooms, parking, maintenance_pen, city, zone, district, address, brand, model, year, mileage_km, condition, transmission, \
     fuel_type, body_type, drivetrain, engine_l, days_listed, photos, listed_on, url";

/// What storing a batch of rows did to the pool.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpsertCounts {
    /// Rows the pool did not have (by kind and id).
    pub new: u64,
    /// Rows it had, now with other values.
    pub updated: u64,
    /// Rows it had with the same values (nothing written).
    pub unchanged: u64,
}

/// What one row's upsert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolUpsert {
    New,
    Updated,
    Unchanged,
    /// The row is the merchant's own listing and market data may not replace it.
    Kept,
}

/// Inserts or updates comparables by (kind, id) inside the caller's
/// transaction. A row whose stored copy has the same values is not written, so
/// a re-import of the same file leaves the pool (and the fitted models) as
/// they are. Market data never replaces a row of the merchant's own listing.
/// Rows without a price are not stored (the pool is for priced comparables).
pub fn upsert_pool_row(conn: &Connection, r: &PoolRow, now: &str) -> Result<Option<PoolUpsert>> {
    let Some(price) = r.price else {
        return Ok(None);
    };
    let values = params![
        r.id,
        r.kind,
        r.origin.as_str(),
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
        now,
        r.match_key,
    ];
    let inserted = conn
        .prepare_cached(&format!(
            "INSERT INTO market_pool ({POOL_COLUMNS}, imported_at, match_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, \
             ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, \
             ?32, ?33, ?34) ON CONFLICT (kind, id) DO NOTHING"
        ))?
        .execute(values)?;
    if inserted == 1 {
        return Ok(Some(PoolUpsert::New));
    }
    // `?n` of column i (after id, kind) is i + 3; url is ?32.
    let set: Vec<String> = DATA_COLUMNS
        .iter()
        .chain(std::iter::once(&"url"))
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 3))
        .collect();
    let differs: Vec<String> = DATA_COLUMNS
        .iter()
        .chain(std::iter::once(&"url"))
        .enumerate()
        .map(|(i, c)| format!("{c} IS NOT ?{}", i + 3))
        .collect();
    let updated = conn
        .prepare_cached(&format!(
            "UPDATE market_pool SET {}, imported_at = ?33, match_key = ?34 WHERE id = ?1 AND kind = ?2 \
             AND NOT (origin = 'own' AND ?3 = 'market') AND ({})",
            set.join(", "),
            differs.join(" OR ")
        ))?
        .execute(values)?;
    if updated == 1 {
        return Ok(Some(PoolUpsert::Updated));
    }
    let own: bool = conn
        .prepare_cached(
            "SELECT origin = 'own' AND ?3 = 'market' FROM market_pool WHERE id = ?1 AND kind = ?2",
        )?
        .query_row(params![r.id, r.kind, r.origin.as_str()], |x| x.get(0))?;
    Ok(Some(if own {
        PoolUpsert::Kept
    } else {
        PoolUpsert::Unchanged
    }))
}

/// [`upsert_pool_row`] for each row, counted.
pub fn upsert_pool(conn: &Connection, rows: &[PoolRow], now: &str) -> Result<UpsertCounts> {
    let mut n = UpsertCounts::default();
    for r in rows {
        match upsert_pool_row(conn, r, now)? {
            Some(PoolUpsert::New) => n.new += 1,
            Some(PoolUpsert::Updated) => n.updated += 1,
            Some(PoolUpsert::Unchanged | PoolUpsert::Kept) => n.unchanged += 1,
            None => {}
        }
    }
    Ok(n)
}

fn pool_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PoolRow> {
    let cur: String = r.get(6)?;
    let currency: Currency = cur.parse().unwrap_or_default();
    Ok(PoolRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        origin: Origin::parse(&r.get::<_, String>(2)?),
        source: r.get(3)?,
        title: r.get(4)?,
        price: Some(Money::from_minor(r.get(5)?, currency)),
        operation: r.get(7)?,
        property_type: r.get(8)?,
        area_m2: r.get(9)?,
        bedrooms: r.get(10)?,
        bathrooms: r.get(11)?,
        parking: r.get(12)?,
        maintenance_pen: r.get(13)?,
        city: r.get(14)?,
        zone: r.get(15)?,
        district: r.get(16)?,
        address: r.get(17)?,
        brand: r.get(18)?,
        model: r.get(19)?,
        year: r.get(20)?,
        mileage_km: r.get::<_, Option<i64>>(21)?.map(|v| v.max(0) as u64),
        condition: r.get(22)?,
        transmission: r.get(23)?,
        fuel_type: r.get(24)?,
        body_type: r.get(25)?,
        drivetrain: r.get(26)?,
        engine_l: r.get(27)?,
        days_listed: r.get(28)?,
        photos: r.get(29)?,
        listed_on: r.get(30)?,
        url: r.get(31)?,
        match_key: r.get(32)?,
    })
}

/// Every comparable of one kind that counts: another source's copy of a home
/// or car already in the pool (`duplicate_of` set) is left out.
pub fn load_pool(conn: &Connection, kind: &str) -> Result<Vec<PoolRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {POOL_COLUMNS}, match_key FROM market_pool WHERE kind = ?1 AND duplicate_of IS NULL ORDER BY id"
    ))?;
    let rows = stmt.query_map([kind], pool_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many comparables of each kind count (duplicates left out).
pub fn pool_counts(conn: &Connection) -> Result<(u64, u64)> {
    let count = |kind: &str| -> Result<u64> {
        Ok(conn.query_row(
            "SELECT count(*) FROM market_pool WHERE kind = ?1 AND duplicate_of IS NULL",
            [kind],
            |r| r.get::<_, i64>(0),
        )? as u64)
    };
    Ok((count("property")?, count("vehicle")?))
}

/// Rows of one kind and origin: how many count, and how many repeat a row that does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OriginCount {
    pub kind: String,
    pub origin: Origin,
    pub counted: u64,
    pub duplicates: u64,
}

/// The pool by kind and origin.
pub fn pool_by_origin(conn: &Connection) -> Result<Vec<OriginCount>> {
    let mut stmt = conn.prepare(
        "SELECT kind, origin, count(*) FILTER (WHERE duplicate_of IS NULL), count(*) FILTER (WHERE duplicate_of IS NOT NULL) \
         FROM market_pool GROUP BY kind, origin ORDER BY kind, origin",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(OriginCount {
            kind: r.get(0)?,
            origin: Origin::parse(&r.get::<_, String>(1)?),
            counted: r.get::<_, i64>(2)? as u64,
            duplicates: r.get::<_, i64>(3)? as u64,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The id of the row that counts for the pool row `(kind, id)`: its own id, or
/// the row it repeats; `None` when the pool has no such row.
pub fn counted_id(conn: &Connection, kind: &str, id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(duplicate_of, id) FROM market_pool WHERE kind = ?1 AND id = ?2",
        )?
        .query_row(params![kind, id], |r| r.get(0))
        .optional()?)
}

/// A row as the duplicate check sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchRow {
    pub id: String,
    pub origin: Origin,
    pub source: String,
    pub price: Money,
    pub area_m2: Option<f64>,
    pub mileage_km: Option<u64>,
    pub duplicate_of: Option<String>,
}

/// Rows of `kind` whose match key is not computed yet (older databases).
pub fn rows_without_match_key(conn: &Connection, kind: &str) -> Result<Vec<PoolRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {POOL_COLUMNS}, match_key FROM market_pool WHERE kind = ?1 AND match_key IS NULL"
    ))?;
    let rows = stmt.query_map([kind], pool_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn set_match_key(conn: &Connection, kind: &str, id: &str, key: &str) -> Result<()> {
    conn.prepare_cached("UPDATE market_pool SET match_key = ?3 WHERE kind = ?1 AND id = ?2")?
        .execute(params![kind, id, key])?;
    Ok(())
}

/// The rows of `kind` sharing `key`, oldest first (the order rows were first stored).
pub fn rows_with_match_key(conn: &Connection, kind: &str, key: &str) -> Result<Vec<MatchRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, origin, source, price_minor, currency, area_m2, mileage_km, duplicate_of FROM market_pool \
         WHERE kind = ?1 AND match_key = ?2 ORDER BY rowid",
    )?;
    let rows = stmt.query_map(params![kind, key], |r| {
        let cur: String = r.get(4)?;
        Ok(MatchRow {
            id: r.get(0)?,
            origin: Origin::parse(&r.get::<_, String>(1)?),
            source: r.get(2)?,
            price: Money::from_minor(r.get(3)?, cur.parse().unwrap_or_default()),
            area_m2: r.get(5)?,
            mileage_km: r.get::<_, Option<i64>>(6)?.map(|v| v.max(0) as u64),
            duplicate_of: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Marks `(kind, id)` as repeating `of` (`None`: it counts), writing only a change.
pub fn set_duplicate_of(conn: &Connection, kind: &str, id: &str, of: Option<&str>) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "UPDATE market_pool SET duplicate_of = ?3 WHERE kind = ?1 AND id = ?2 AND duplicate_of IS NOT ?3",
        )?
        .execute(params![kind, id, of])?
        == 1)
}

/// The match keys of rows of `kind` that repeat a row which is gone, has
/// another key now, or repeats a row itself.
pub fn stale_duplicate_keys(conn: &Connection, kind: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT coalesce(d.match_key, '') FROM market_pool d LEFT JOIN market_pool c \
         ON c.kind = d.kind AND c.id = d.duplicate_of WHERE d.kind = ?1 AND d.duplicate_of IS NOT NULL \
         AND (c.id IS NULL OR c.match_key IS NOT d.match_key OR c.duplicate_of IS NOT NULL)",
    )?;
    let keys = stmt.query_map([kind], |r| r.get(0))?;
    Ok(keys.collect::<rusqlite::Result<_>>()?)
}

/// Rows of `kind` with too little to be matched no longer repeat anything.
pub fn clear_duplicates_without_key(conn: &Connection, kind: &str) -> Result<u64> {
    Ok(conn
        .prepare_cached(
            "UPDATE market_pool SET duplicate_of = NULL WHERE kind = ?1 AND duplicate_of IS NOT NULL \
             AND coalesce(match_key, '') = ''",
        )?
        .execute([kind])? as u64)
}

/// Which of the merchant's listings are market evidence (SQL over `l`): homes
/// and cars still up, and those sold or rented.
const OWN_IN_POOL: &str = "l.kind IN ('property', 'vehicle') \
     AND (l.status IN ('sold', 'rented') OR (l.removed_at IS NULL AND l.status != 'removed'))";

/// Pairs of a pool column and the listing column its own-listing copy takes.
const OWN_COPIED: [(&str, &str); 20] = [
    ("title", "l.title"),
    (
        "operation",
        "CASE WHEN l.kind = 'property' AND l.status = 'rented' THEN 'rent' ELSE l.operation END",
    ),
    ("price_minor", "l.price_minor"),
    ("currency", "l.currency"),
    ("property_type", "l.property_type"),
    ("area_m2", "l.area_m2"),
    ("bedrooms", "l.bedrooms"),
    ("bathrooms", "l.bathrooms"),
    ("parking", "l.parking"),
    ("city", "l.city"),
    ("district", "l.district"),
    ("address", "l.address"),
    ("brand", "l.brand"),
    ("model", "l.model"),
    ("year", "l.year"),
    ("mileage_km", "l.mileage_km"),
    ("condition", "l.condition"),
    ("transmission", "l.transmission"),
    ("fuel_type", "l.fuel_type"),
    ("listed_on", "substr(l.remote_created_at, 1, 10)"),
];

/// The merchant's listings that belong in the pool and whose copy there is
/// missing or differs (one indexed pass; nothing when the pool is up to date).
/// Listings the pool's rules refuse come back every time (they have no copy).
/// Only those of `marketplace` when one is given.
pub fn own_listings_out_of_date(
    conn: &Connection,
    marketplace: Option<&str>,
) -> Result<Vec<super::listings::StoredListing>> {
    let columns: Vec<String> = super::listings::COLUMNS
        .split(',')
        .map(|c| format!("l.{}", c.trim()))
        .collect();
    let differs: Vec<String> = OWN_COPIED
        .iter()
        .map(|(p, l)| format!("p.{p} IS NOT {l}"))
        .collect();
    let sql = format!(
        "SELECT l.id, {}, l.first_seen_at, l.last_seen_at, l.removed_at FROM listings l \
         LEFT JOIN market_pool p ON p.kind = l.kind AND p.id = l.marketplace || ':' || l.remote_id \
         WHERE {OWN_IN_POOL} AND (?1 IS NULL OR l.marketplace = ?1) \
         AND (p.id IS NULL OR p.origin != 'own' OR {})",
        columns.join(", "),
        differs.join(" OR ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([marketplace], super::listings::row_to_listing)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (kind, id) of own-listing pool rows whose listing is gone or no longer
/// market evidence (taken down unsold); only of `marketplace` when given.
pub fn own_rows_not_in_pool(
    conn: &Connection,
    marketplace: Option<&str>,
) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT p.kind, p.id FROM market_pool p WHERE p.origin = 'own' \
         AND (?1 IS NULL OR p.source = ?1) AND NOT EXISTS ( \
         SELECT 1 FROM listings l WHERE l.marketplace = substr(p.id, 1, instr(p.id, ':') - 1) \
         AND l.remote_id = substr(p.id, instr(p.id, ':') + 1) AND l.kind = p.kind AND {OWN_IN_POOL})"
    ))?;
    let rows = stmt.query_map([marketplace], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Ids of pool cars of `brand` and `model` (any case) within `years` of `year`, at most `limit`.
pub fn same_model_vehicle_ids(
    conn: &Connection,
    brand: &str,
    model: &str,
    year: i64,
    years: i64,
    limit: u32,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM market_pool WHERE kind = 'vehicle' AND brand = ?1 COLLATE NOCASE \
         AND model = ?2 COLLATE NOCASE AND year BETWEEN ?3 - ?4 AND ?3 + ?4 LIMIT ?5",
    )?;
    let ids = stmt
        .query_map(params![brand, model, year, years, limit], |r| {
            r.get::<_, String>(0)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ids)
}

/// The asking price of a pool row, in major units, and its currency as stored
/// (`None` when the text names no currency treevu knows).
pub fn pool_price(conn: &Connection, id: &str) -> Result<Option<(f64, Option<Currency>)>> {
    Ok(conn
        .prepare_cached("SELECT price_minor, currency FROM market_pool WHERE id = ?1")?
        .query_row([id], |r| {
            let amount = r.get::<_, i64>(0)? as f64 / 100.0;
            let cur: String = r.get(1)?;
            Ok((amount, cur.parse::<Currency>().ok()))
        })
        .optional()?)
}

/// Whether the pool has rows of `kind` from anywhere but a file.
pub fn has_synced_rows(conn: &Connection, kind: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM market_pool WHERE kind = ?1 AND origin != 'import')",
        )?
        .query_row([kind], |r| r.get(0))?)
}

/// Deletes a row, returning its match key (for the duplicate check of the rows left).
pub fn delete_pool_row(conn: &Connection, kind: &str, id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "DELETE FROM market_pool WHERE kind = ?1 AND id = ?2 RETURNING coalesce(match_key, '')",
        )?
        .query_row(params![kind, id], |r| r.get(0))
        .optional()?)
}

/// A segment the merchant lists homes in, with how many listings it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MerchantSegment {
    pub district: String,
    pub property_type: String,
    pub operation: String,
    pub listings: u64,
}

/// The merchant's Inmuebles24 segments still listed, most listings first.
pub fn merchant_property_segments(conn: &Connection) -> Result<Vec<MerchantSegment>> {
    let mut stmt = conn.prepare(
        "SELECT district, coalesce(property_type, 'apartment'), coalesce(operation, 'sale'), count(*) AS n \
         FROM listings WHERE marketplace = 'inmuebles24' AND removed_at IS NULL AND district IS NOT NULL \
         GROUP BY 1, 2, 3 ORDER BY n DESC, 1, 2, 3",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(MerchantSegment {
            district: r.get(0)?,
            property_type: r.get(1)?,
            operation: r.get(2)?,
            listings: r.get::<_, i64>(3)? as u64,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A model the merchant sells on Autofact: one of its vehicle ids (the market
/// analysis is asked around a vehicle), and how many it lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MerchantModel {
    pub brand: String,
    pub model: String,
    pub remote_id: String,
    pub listings: u64,
}

/// The merchant's Autofact models still listed, most listings first.
pub fn merchant_vehicle_models(conn: &Connection) -> Result<Vec<MerchantModel>> {
    let mut stmt = conn.prepare(
        "SELECT brand, coalesce(model, ''), min(remote_id), count(*) AS n FROM listings \
         WHERE marketplace = 'autofact' AND removed_at IS NULL AND brand IS NOT NULL \
         GROUP BY brand, model ORDER BY n DESC, 1, 2",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(MerchantModel {
            brand: r.get(0)?,
            model: r.get(1)?,
            remote_id: r.get(2)?,
            listings: r.get::<_, i64>(3)? as u64,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Where one scope of a marketplace's market data stands (schema v5 `market_feed`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedState {
    pub next_page: u32,
    pub pages: Option<u32>,
    pub fetched_at: String,
}

/// Every scope's state for `marketplace`.
pub fn market_feed_state(
    conn: &Connection,
    marketplace: &str,
) -> Result<std::collections::HashMap<String, FeedState>> {
    let mut stmt = conn.prepare(
        "SELECT scope, next_page, pages, fetched_at FROM market_feed WHERE marketplace = ?1",
    )?;
    let rows = stmt.query_map([marketplace], |r| {
        Ok((
            r.get::<_, String>(0)?,
            FeedState {
                next_page: r.get(1)?,
                pages: r.get(2)?,
                fetched_at: r.get(3)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn save_market_feed(
    conn: &Connection,
    marketplace: &str,
    scope: &str,
    state: &FeedState,
) -> Result<()> {
    conn.execute(
        "INSERT INTO market_feed (marketplace, scope, next_page, pages, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (marketplace, scope) DO UPDATE SET next_page = ?3, pages = ?4, fetched_at = ?5",
        params![marketplace, scope, state.next_page, state.pages, state.fetched_at],
    )?;
    Ok(())
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

/// A stored lead as the report reads it: with when it was first fetched.
#[derive(Debug, Clone)]
pub struct LeadRow {
    /// As stored; the caller skips a value it cannot parse.
    pub marketplace: String,
    pub remote_id: String,
    pub listing_remote_id: String,
    pub name: String,
    pub message: Option<String>,
    pub created_at: String,
    pub fetched_at: String,
}

/// Every stored lead, newest first.
pub fn leads_newest_first(conn: &Connection) -> Result<Vec<LeadRow>> {
    let mut stmt = conn.prepare(
        "SELECT marketplace, remote_id, listing_remote_id, name, message, created_at, fetched_at \
         FROM leads ORDER BY created_at DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(LeadRow {
            marketplace: r.get(0)?,
            remote_id: r.get(1)?,
            listing_remote_id: r.get(2)?,
            name: r.get(3)?,
            message: r.get(4)?,
            created_at: r.get(5)?,
            fetched_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A stored conversation as the report reads it.
#[derive(Debug, Clone)]
pub struct ConversationRow {
    /// As stored; the caller skips a value it cannot parse.
    pub marketplace: String,
    pub remote_id: String,
    pub listing_remote_id: String,
    pub buyer_name: String,
    pub last_message: Option<String>,
    pub last_message_at: String,
    pub unread: i64,
}

/// Every stored conversation, latest message first.
pub fn conversations_latest_first(conn: &Connection) -> Result<Vec<ConversationRow>> {
    let mut stmt = conn.prepare(
        "SELECT marketplace, remote_id, listing_remote_id, buyer_name, last_message, last_message_at, unread \
         FROM conversations ORDER BY last_message_at DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ConversationRow {
            marketplace: r.get(0)?,
            remote_id: r.get(1)?,
            listing_remote_id: r.get(2)?,
            buyer_name: r.get(3)?,
            last_message: r.get(4)?,
            last_message_at: r.get(5)?,
            unread: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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

    fn home(id: &str, minor: i64) -> PoolRow {
        PoolRow {
            id: id.into(),
            kind: "property".into(),
            source: "test".into(),
            title: "Casa".into(),
            price: Some(Money::from_minor(minor, Currency::PEN)),
            district: Some("Miraflores".into()),
            area_m2: Some(80.0),
            ..Default::default()
        }
    }

    #[test]
    fn pool_upsert_tells_new_updated_and_unchanged_apart() {
        let mut s = Store::open_in_memory().unwrap();
        let mut row = home("p1", 10_000);
        let tx = s.conn_mut().transaction().unwrap();
        let first = upsert_pool(&tx, std::slice::from_ref(&row), "t").unwrap();
        assert_eq!((first.new, first.updated, first.unchanged), (1, 0, 0));
        let version = |c: &Connection| -> i64 {
            c.query_row(
                "SELECT version FROM market_pool_version WHERE kind = 'property'",
                [],
                |r| r.get(0),
            )
            .unwrap()
        };
        let v = version(&tx);
        // The same values again: nothing written, the pool's version stays.
        let again = upsert_pool(&tx, std::slice::from_ref(&row), "t2").unwrap();
        assert_eq!((again.new, again.updated, again.unchanged), (0, 0, 1));
        assert_eq!(version(&tx), v, "an unchanged row is not rewritten");
        row.price = Some(Money::from_minor(20_000, Currency::PEN));
        let changed = upsert_pool(&tx, std::slice::from_ref(&row), "t3").unwrap();
        assert_eq!((changed.new, changed.updated, changed.unchanged), (0, 1, 0));
        tx.commit().unwrap();
        let pool = load_pool(s.conn(), "property").unwrap();
        assert_eq!(pool.len(), 1);
        assert_eq!(pool[0].price.unwrap().minor, 20_000);
        assert_eq!(pool_counts(s.conn()).unwrap(), (1, 0));
    }

    #[test]
    fn the_same_id_in_two_kinds_is_two_rows() {
        let mut s = Store::open_in_memory().unwrap();
        let house = home("42", 50_000_000);
        let car = PoolRow {
            id: "42".into(),
            kind: "vehicle".into(),
            source: "test".into(),
            price: Some(Money::from_minor(1_500_000, Currency::USD)),
            brand: Some("Kia".into()),
            model: Some("Rio".into()),
            year: Some(2018),
            ..Default::default()
        };
        let tx = s.conn_mut().transaction().unwrap();
        let n = upsert_pool(&tx, &[house.clone(), car.clone()], "t").unwrap();
        assert_eq!(n.new, 2, "a vehicle reusing a property's id is a new row");
        tx.commit().unwrap();
        let homes = load_pool(s.conn(), "property").unwrap();
        let cars = load_pool(s.conn(), "vehicle").unwrap();
        assert_eq!(homes.len(), 1);
        assert_eq!(homes[0].district.as_deref(), Some("Miraflores"));
        assert_eq!(homes[0].price, house.price);
        assert_eq!(cars.len(), 1);
        assert_eq!(cars[0].brand.as_deref(), Some("Kia"));
        assert_eq!(pool_counts(s.conn()).unwrap(), (1, 1));
    }

    #[test]
    fn market_data_never_replaces_the_merchants_own_listing() {
        let mut s = Store::open_in_memory().unwrap();
        let own = PoolRow {
            origin: Origin::Own,
            ..home("inmuebles24:7", 40_000_000)
        };
        let market = PoolRow {
            origin: Origin::Market,
            ..home("inmuebles24:7", 39_000_000)
        };
        let tx = s.conn_mut().transaction().unwrap();
        upsert_pool_row(&tx, &own, "t").unwrap();
        assert_eq!(
            upsert_pool_row(&tx, &market, "t2").unwrap(),
            Some(PoolUpsert::Kept)
        );
        tx.commit().unwrap();
        let pool = load_pool(s.conn(), "property").unwrap();
        assert_eq!(pool[0].origin, Origin::Own);
        assert_eq!(pool[0].price, own.price);
    }

    store_tests! {
        fn leads_and_conversations_filter_by_listing(fx: &Fixture) {
            use crate::marketplaces::types::{Inmuebles24Lead, OlxConversation};
            let s = fx.open();
            let home = crate::store::listings::ListingRecord {
                marketplace: crate::domain::Marketplace::Inmuebles24,
                ..crate::store::listings::tests::sample("P1", 100)
            };
            crate::store::listings::tests::stored(&s, "t0", &[home]);
            let lead = |id: &str, p: &str, at: &str| Inmuebles24Lead {
                id: id.into(),
                property_id: p.into(),
                name: "Ana".into(),
                email: None,
                phone: Some("999".into()),
                message: "¿Sigue disponible?".into(),
                created_at: at.into(),
            };
            let leads = [
                lead("L1", "P1", "2024-01-01"),
                lead("L2", "P2", "2024-02-01"),
            ];
            assert_eq!(s.upsert_leads(&leads, "t").unwrap(), 2);
            assert_eq!(s.upsert_leads(&leads, "t2").unwrap(), 0, "a lead is stored once");
            let all = s.leads("inmuebles24", &[]).unwrap();
            assert_eq!(
                all.iter().map(|l| l.remote_id.as_str()).collect::<Vec<_>>(),
                ["L2", "L1"]
            );
            let one = s.leads("inmuebles24", &["P1".into()]).unwrap();
            assert_eq!(one.len(), 1);
            assert_eq!(one[0].listing_remote_id, "P1");
            assert_eq!(
                (one[0].listing_title.as_deref(), one[0].phone.as_deref(), one[0].fetched_at.as_str()),
                (Some("Departamento en Miraflores"), Some("999"), "t")
            );
            let mut conv = OlxConversation {
                id: "C1".into(),
                listing_id: "O1".into(),
                buyer_name: "Luis".into(),
                last_message: "Hola".into(),
                last_message_at: "2024-03-01".into(),
                unread: 2,
                message_count: 5,
            };
            s.upsert_conversations(std::slice::from_ref(&conv), "t").unwrap();
            assert_eq!(
                s.conversations("olx", &["O1".into()]).unwrap()[0].unread,
                2
            );
            assert!(
                s.conversations("olx", &["O2".into()])
                    .unwrap()
                    .is_empty()
            );
            // The latest state of a conversation replaces the one stored.
            conv.unread = 0;
            conv.message_count = 6;
            s.upsert_conversations(&[conv], "t2").unwrap();
            let shown = s.conversations("olx", &[]).unwrap();
            assert_eq!(
                (shown.len(), shown[0].unread, shown[0].message_count, shown[0].fetched_at.as_str()),
                (1, 0, 6, "t2")
            );
        }

        fn market_follow_ups_ask_about_what_is_still_listed_and_remember_where_they_stopped(fx: &Fixture) {
            use crate::domain::Marketplace;
            use crate::store::listings::{ListingRecord, tests::{sample, stored}};
            let s = fx.open();
            let home = |id: &str, district: &str| ListingRecord {
                marketplace: Marketplace::Inmuebles24,
                district: Some(district.into()),
                ..sample(id, 100)
            };
            stored(&s, "t1", &[home("1", "Barranco"), home("2", "Miraflores"), home("3", "Miraflores"), home("4", "Surco")]);
            stored(&s, "t2", &[home("1", "Barranco"), home("2", "Miraflores"), home("3", "Miraflores")]);
            s.mark_unseen_removed(Marketplace::Inmuebles24, "t2", "t3").unwrap();
            let segments: Vec<(String, u64)> = s
                .merchant_property_segments()
                .unwrap()
                .into_iter()
                .map(|g| (g.district, g.listings))
                .collect();
            assert_eq!(
                segments,
                [("Miraflores".to_string(), 2), ("Barranco".to_string(), 1)],
                "most listings first; a removed listing's segment is not asked about"
            );
            let car = |id: &str, model: &str| ListingRecord {
                marketplace: Marketplace::Autofact,
                kind: "vehicle".into(),
                brand: Some("Toyota".into()),
                model: Some(model.into()),
                ..sample(id, 100)
            };
            stored(&s, "t1", &[car("v2", "Yaris"), car("v1", "Yaris"), car("v3", "Hilux")]);
            assert_eq!(
                s.merchant_vehicle_models().unwrap(),
                [
                    MerchantModel { brand: "Toyota".into(), model: "Yaris".into(), remote_id: "v1".into(), listings: 2 },
                    MerchantModel { brand: "Toyota".into(), model: "Hilux".into(), remote_id: "v3".into(), listings: 1 },
                ]
            );
            assert!(s.market_feed_state("inmuebles24").unwrap().is_empty());
            let deeper = FeedState { next_page: 2, pages: Some(3), fetched_at: "t1".into() };
            let once = FeedState { next_page: 1, pages: None, fetched_at: "t1".into() };
            s.save_market_feed("inmuebles24", "Miraflores|apartment|sale", &deeper).unwrap();
            s.save_market_feed("inmuebles24", "Barranco|apartment|sale", &once).unwrap();
            let read_to_end = FeedState { next_page: 1, pages: Some(3), fetched_at: "t2".into() };
            s.save_market_feed("inmuebles24", "Miraflores|apartment|sale", &read_to_end).unwrap();
            let state = s.market_feed_state("inmuebles24").unwrap();
            assert_eq!(state.len(), 2);
            assert_eq!(state["Miraflores|apartment|sale"], read_to_end);
            assert_eq!(state["Barranco|apartment|sale"], once);
            assert!(s.market_feed_state("autofact").unwrap().is_empty());
        }
    }
}
