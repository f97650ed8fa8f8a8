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
    blob.and_then(|b| serde_json::from_slice(&b).ok())
}

fn save<M: serde::Serialize>(store: &Store, kind: &str, fp: &str, model: &M) {
    // A cache that cannot be written (read-only disk) only costs time next run.
    if let Ok(blob) = serde_json::to_vec(model) {
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
