//! The market pool's reads and the fitted-model cache on PostgreSQL, with the
//! merchant in every statement. Ids are ordered `COLLATE "C"` (byte order,
//! as SQLite's): the pricing engine fits on the rows in the order given.

use crate::store::models::ModelParts;
use postgres::{Client, Error, Row};

use crate::domain::{Currency, Money};
use crate::store::market::{Origin, POOL_COLUMNS, PoolRow};

pub(super) fn load_pool(c: &mut Client, merchant: i64, kind: &str) -> Result<Vec<PoolRow>, Error> {
    let rows = c.query(
        &format!(
            "SELECT {POOL_COLUMNS}, match_key FROM market_pool WHERE merchant_id = $1 AND kind = $2 \
             AND duplicate_of IS NULL ORDER BY id COLLATE \"C\""
        ),
        &[&merchant, &kind],
    )?;
    Ok(rows.iter().map(pool_row).collect())
}

/// A row of `POOL_COLUMNS, match_key`; the schema's `CHECK`s allow only
/// known currencies and origins.
fn pool_row(r: &Row) -> PoolRow {
    let currency: Currency = r
        .get::<_, String>(6)
        .parse()
        .expect("the schema allows only known currencies");
    let small = |i: usize| {
        r.get::<_, Option<i64>>(i)
            .map(|v| v.clamp(0, u32::MAX as i64) as u32)
    };
    PoolRow {
        id: r.get(0),
        kind: r.get(1),
        origin: Origin::parse(r.get(2)),
        source: r.get(3),
        title: r.get(4),
        price: Some(Money::from_minor(r.get(5), currency)),
        operation: r.get(7),
        property_type: r.get(8),
        area_m2: r.get(9),
        bedrooms: small(10),
        bathrooms: small(11),
        parking: small(12),
        maintenance_pen: r.get(13),
        city: r.get(14),
        zone: r.get(15),
        district: r.get(16),
        address: r.get(17),
        brand: r.get(18),
        model: r.get(19),
        year: r.get::<_, Option<i64>>(20).map(|v| v as i32),
        mileage_km: r.get::<_, Option<i64>>(21).map(|v| v.max(0) as u64),
        condition: r.get(22),
        transmission: r.get(23),
        fuel_type: r.get(24),
        body_type: r.get(25),
        drivetrain: r.get(26),
        engine_l: r.get(27),
        days_listed: small(28),
        photos: small(29),
        listed_on: r.get(30),
        url: r.get(31),
        match_key: r.get(32),
    }
}

pub(super) fn pool_counts(c: &mut Client, merchant: i64) -> Result<(u64, u64), Error> {
    let r = c.query_one(
        "SELECT count(*) FILTER (WHERE kind = 'property'), count(*) FILTER (WHERE kind = 'vehicle') \
         FROM market_pool WHERE merchant_id = $1 AND duplicate_of IS NULL",
        &[&merchant],
    )?;
    let n = |i: usize| r.get::<_, i64>(i).max(0) as u64;
    Ok((n(0), n(1)))
}

pub(super) fn counted_id(
    c: &mut Client,
    merchant: i64,
    kind: &str,
    id: &str,
) -> Result<Option<String>, Error> {
    Ok(c.query_opt(
        "SELECT coalesce(duplicate_of, id) FROM market_pool WHERE merchant_id = $1 AND kind = $2 AND id = $3",
        &[&merchant, &kind, &id],
    )?
    .map(|r| r.get(0)))
}

/// The trigger's count of changes; a merchant whose pool never changed has
/// no row yet, which is version 0 (SQLite seeds its rows at 0).
pub(super) fn pool_version(c: &mut Client, merchant: i64, kind: &str) -> Result<i64, Error> {
    Ok(c.query_opt(
        "SELECT version FROM market_pool_version WHERE merchant_id = $1 AND kind = $2",
        &[&merchant, &kind],
    )?
    .map_or(0, |r| r.get(0)))
}

pub(super) fn cached_head(
    c: &mut Client,
    merchant: i64,
    kind: &str,
    fingerprint: &str,
) -> Result<Option<(Vec<u8>, i64)>, Error> {
    Ok(c.query_opt(
        "SELECT model, generation FROM model_cache WHERE merchant_id = $1 AND kind = $2 AND fingerprint = $3",
        &[&merchant, &kind, &fingerprint],
    )?
    .map(|r| (r.get(0), r.get(1))))
}

/// The parts `keys` of `generation`, in the order asked; `None` when one is
/// missing (the cache was replaced in between: the caller refits).
pub(super) fn cached_parts(
    c: &mut Client,
    merchant: i64,
    kind: &str,
    generation: i64,
    keys: &[String],
) -> Result<Option<ModelParts>, Error> {
    let rows = c.query(
        "SELECT part, data FROM model_cache_part WHERE merchant_id = $1 AND kind = $2 \
         AND generation = $3 AND part = ANY($4)",
        &[&merchant, &kind, &generation, &keys],
    )?;
    let mut found: std::collections::HashMap<String, Vec<u8>> =
        rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    Ok(keys
        .iter()
        .map(|k| found.remove(k).map(|data| (k.clone(), data)))
        .collect())
}

pub(super) fn is_cached(
    c: &mut Client,
    merchant: i64,
    kind: &str,
    fingerprint: &str,
) -> Result<bool, Error> {
    Ok(c.query_one(
        "SELECT EXISTS (SELECT 1 FROM model_cache WHERE merchant_id = $1 AND kind = $2 AND fingerprint = $3)",
        &[&merchant, &kind, &fingerprint],
    )?
    .get(0))
}

/// Replaces the merchant's cached model of `kind`: a new generation, its
/// parts and its head, in the caller's transaction.
pub(super) fn save_model(
    c: &mut Client,
    merchant: i64,
    (kind, fingerprint): (&str, &str),
    head: &[u8],
    parts: &[(String, &[u8])],
    created_at: &str,
) -> Result<(), Error> {
    // The head's row lock makes two writers of the same merchant's cache take
    // turns, so each generation is written whole by one of them.
    c.execute(
        "INSERT INTO model_cache (merchant_id, kind, fingerprint, created_at, model) \
         VALUES ($1, $2, '', $3, ''::bytea) ON CONFLICT DO NOTHING",
        &[&merchant, &kind, &created_at],
    )?;
    c.execute(
        "SELECT 1 FROM model_cache WHERE merchant_id = $1 AND kind = $2 FOR UPDATE",
        &[&merchant, &kind],
    )?;
    let generation: i64 = c
        .query_one(
            "SELECT coalesce(max(generation), 0) + 1 FROM model_cache WHERE merchant_id = $1",
            &[&merchant],
        )?
        .get(0);
    c.execute(
        "DELETE FROM model_cache_part WHERE merchant_id = $1 AND kind = $2",
        &[&merchant, &kind],
    )?;
    let insert = c.prepare(
        "INSERT INTO model_cache_part (merchant_id, kind, part, generation, data) VALUES ($1, $2, $3, $4, $5)",
    )?;
    for (part, data) in parts {
        c.execute(&insert, &[&merchant, &kind, part, &generation, data])?;
    }
    c.execute(
        "UPDATE model_cache SET fingerprint = $3, model = $4, created_at = $5, generation = $6 \
         WHERE merchant_id = $1 AND kind = $2",
        &[
            &merchant,
            &kind,
            &fingerprint,
            &head,
            &created_at,
            &generation,
        ],
    )?;
    Ok(())
}
