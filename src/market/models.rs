//! Fitted pricing models for the store's pool, cached in the store.
//!
//! Fitting on ten thousand comparables takes seconds; the cache keeps
//! `treevu recommend <listing>` close to process start. A model is reused only
//! while the pool, the pricing settings and the treevu binary are the ones it
//! was fitted with.

use rusqlite::{OptionalExtension, params};

use super::convert;
use crate::pricing::{self, PropertyModel, VehicleModel};
use crate::store::{Store, StoreError};

/// What a cached model depends on.
fn fingerprint(
    store: &Store,
    kind: &str,
    settings: &pricing::Settings,
) -> Result<String, StoreError> {
    let (n, last, total): (i64, Option<String>, f64) = store.conn().query_row(
        "SELECT count(*), max(imported_at), total(price_minor) FROM market_pool WHERE kind = ?1",
        [kind],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    // The binary's identity: a rebuilt engine must not reuse an older engine's model.
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let s = serde_json::to_string(settings).unwrap_or_default();
    Ok(format!(
        "{}|{exe}|{n}|{}|{total}|{s}",
        env!("CARGO_PKG_VERSION"),
        last.unwrap_or_default()
    ))
}

fn cached<M: serde::de::DeserializeOwned>(store: &Store, kind: &str, fp: &str) -> Option<M> {
    let blob: Option<Vec<u8>> = store
        .conn()
        .query_row(
            "SELECT model FROM model_cache WHERE kind = ?1 AND fingerprint = ?2",
            params![kind, fp],
            |r| r.get(0),
        )
        .optional()
        .ok()
        .flatten();
    blob.and_then(|b| rmp_serde::from_slice(&b).ok())
}

fn save<M: serde::Serialize>(store: &Store, kind: &str, fp: &str, model: &M) {
    // A cache that cannot be written (read-only disk) only costs time next run.
    // MessagePack with field names: compact, and unlike JSON it keeps NaN (missing features).
    if let Ok(blob) = rmp_serde::to_vec_named(model) {
        let _ = store.conn().execute(
            "INSERT INTO model_cache (kind, fingerprint, model, created_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (kind) DO UPDATE SET fingerprint = ?2, model = ?3, created_at = ?4",
            params![kind, fp, blob, crate::sync::timestamp(chrono::Utc::now())],
        );
    }
}

/// The property model of the pool (fitted now, or from the cache); `None` when the pool has no properties.
pub fn property_model(
    store: &Store,
    settings: &pricing::Settings,
) -> Result<Option<PropertyModel>, StoreError> {
    let fp = fingerprint(store, "property", settings)?;
    if let Some(m) = cached(store, "property", &fp) {
        return Ok(Some(m));
    }
    let pool = convert::load_property_pool(store.conn())?;
    if pool.is_empty() {
        return Ok(None);
    }
    let model = PropertyModel::fit(&pool, settings);
    save(store, "property", &fp, &model);
    Ok(Some(model))
}

/// The vehicle model of the pool; `None` when the pool has no vehicles.
pub fn vehicle_model(
    store: &Store,
    settings: &pricing::Settings,
) -> Result<Option<VehicleModel>, StoreError> {
    let fp = fingerprint(store, "vehicle", settings)?;
    if let Some(m) = cached(store, "vehicle", &fp) {
        return Ok(Some(m));
    }
    let pool = convert::load_vehicle_pool(store.conn())?;
    if pool.is_empty() {
        return Ok(None);
    }
    let model = VehicleModel::fit(&pool, settings);
    save(store, "vehicle", &fp, &model);
    Ok(Some(model))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::market::PoolRow;

    #[test]
    fn a_fitted_model_survives_the_cache() {
        let mut store = Store::open_in_memory().unwrap();
        let rows: Vec<PoolRow> = (0..80)
            .map(|i| PoolRow {
                id: format!("p{i}"),
                kind: "property".into(),
                source: "t".into(),
                title: "Departamento".into(),
                price: Some(crate::domain::Money::from_minor(
                    30_000_000 + i * 100_000,
                    crate::domain::Currency::PEN,
                )),
                operation: Some("sale".into()),
                property_type: Some("apartment".into()),
                area_m2: Some(60.0 + i as f64),
                district: Some(if i % 2 == 0 { "Miraflores" } else { "Lince" }.into()),
                ..Default::default()
            })
            .collect();
        let tx = store.conn_mut().transaction().unwrap();
        crate::store::market::upsert_pool(&tx, &rows, "t").unwrap();
        tx.commit().unwrap();
        let settings = pricing::Settings::default();
        let fitted = property_model(&store, &settings).unwrap().unwrap();
        let fp = fingerprint(&store, "property", &settings).unwrap();
        let back: Option<PropertyModel> = cached(&store, "property", &fp);
        assert!(back.is_some(), "the cached model deserializes");
        let item = convert::property_from_pool(&rows[3]);
        assert_eq!(
            fitted.estimate(&item).recommended_price,
            back.unwrap().estimate(&item).recommended_price
        );
    }
}
