//! Fitted pricing models for the store's pool, cached in the store.
//!
//! Fitting on ten thousand comparables takes seconds; the cache keeps
//! `treevu recommend <listing>` close to process start. A model is reused only
//! while the pool, the pricing settings and the treevu binary are the ones it
//! was fitted with.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::inputs;
use crate::pricing::pack::Bytes;
use crate::pricing::{
    self, PropertyCacheHead, PropertyModel, PropertyRecord, VehicleCacheHead, VehicleModel,
    VehicleRecord,
};
use crate::store::{Store, StoreError, models as cache};

/// Version of the cached form; a cache of another version is refitted.
/// 3: a head plus one part per home segment / car brand, packed.
/// 4: home parts with fixed-width records, compared with in place.
/// 5: the heads say where the boosted correction earned its place.
const FORMAT: u32 = 5;

/// What a cached model depends on.
fn fingerprint(
    store: &Store,
    kind: &str,
    settings: &pricing::Settings,
) -> Result<String, StoreError> {
    // Bumped by a trigger on every change of the pool (schema v3): no scan.
    let version = store.pool_version(kind)?;
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
        "{FORMAT}|{}|{exe}|{version}|{s}|{}",
        env!("CARGO_PKG_VERSION"),
        settings.facts().id()
    ))
}

/// The cached head of `kind` and its generation, if it matches `fp` and this
/// version can read it.
fn cached_head<H: DeserializeOwned>(store: &Store, kind: &str, fp: &str) -> Option<(H, i64)> {
    let (blob, generation) = store.cached_model_head(kind, fp).ok().flatten()?;
    Some((rmp_serde::from_slice(&blob).ok()?, generation))
}

/// The named parts written with the head of `generation`; `None` if one is
/// missing (another process replaced the cache in between: refit).
fn cached_parts(
    store: &Store,
    kind: &str,
    generation: i64,
    keys: &[String],
) -> Option<Vec<(String, Bytes)>> {
    Some(
        store
            .cached_model_parts(kind, generation, keys)
            .ok()
            .flatten()?
            .into_iter()
            .map(|(k, b)| (k, Bytes(b)))
            .collect(),
    )
}

/// The cached model of `kind` for `fp` (its head and the parts `keys` names),
/// read in one snapshot so that a writer replacing the cache in between
/// cannot mix two fits; `None` when absent, unreadable or incomplete.
fn cached<H: DeserializeOwned, M>(
    store: &Store,
    kind: &str,
    fp: &str,
    keys: impl FnOnce(&H) -> Vec<String>,
    build: impl FnOnce(H, Vec<(String, Bytes)>) -> Option<M>,
) -> Option<M> {
    // A read transaction (released at the end); a caller's own one is the
    // snapshot. PostgreSQL reads the parts by the head's generation, so a
    // cache replaced in between reads as missing (refit), never as a mix.
    let _snapshot = match store.sqlite() {
        Some(conn) => Some(cache::snapshot(conn)?),
        None => None,
    };
    let (head, generation) = cached_head::<H>(store, kind, fp)?;
    let keys = keys(&head);
    let parts = cached_parts(store, kind, generation, &keys)?;
    build(head, parts)
}

fn save<H: Serialize>(store: &Store, kind: &str, fp: &str, head: &H, parts: &[(String, Bytes)]) {
    // A cache that cannot be written (read-only disk) only costs time next run.
    // MessagePack keeps NaN (missing features), which JSON cannot; the bulky
    // parts are packed byte strings (see pricing::pack).
    let Ok(blob) = rmp_serde::to_vec_named(head) else {
        return;
    };
    let parts: Vec<(String, &[u8])> = parts.iter().map(|(k, b)| (k.clone(), &b.0[..])).collect();
    let now = crate::domain::time::timestamp(chrono::Utc::now());
    let _ = store.save_model(kind, fp, &blob, &parts, &now);
}

/// Told when a model is fitted (not when it is read from the cache), so the
/// edge can show progress: a fit takes seconds on a large pool.
pub trait FitObserver {
    fn fitting(&self, _kind: &str, _rows: usize) {}
    fn fitted(&self, _kind: &str, _rows: usize, _took: std::time::Duration) {}
}

/// An observer that ignores fits.
pub struct Quiet;
impl FitObserver for Quiet {}

/// Whether the cache holds a model of `kind` for the pool as it is now.
fn is_cached(store: &Store, kind: &str, settings: &pricing::Settings) -> Result<bool, StoreError> {
    let fp = fingerprint(store, kind, settings)?;
    store.is_model_cached(kind, &fp)
}

/// A model fitted now because the pool changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fitted {
    pub kind: &'static str,
    pub rows: usize,
    pub seconds: f64,
}

/// Fits and caches the model of each of `kinds` whose pool changed since its
/// model was cached, so that the next estimate or recommendation reads the
/// cache instead of fitting first (`market import` and `sync` call this when
/// they changed the pool). Kinds with an empty pool are left alone: the
/// built-in figures need no fit.
pub fn ensure_fitted(
    store: &Store,
    settings: &pricing::Settings,
    kinds: &[&'static str],
    obs: &dyn FitObserver,
) -> Result<Vec<Fitted>, StoreError> {
    let (homes, cars) = store.pool_counts()?;
    let mut out = Vec::new();
    for &kind in kinds {
        let rows = if kind == "property" { homes } else { cars } as usize;
        if rows == 0 || is_cached(store, kind, settings)? {
            continue;
        }
        let started = std::time::Instant::now();
        if kind == "property" {
            property_model_parts(store, settings, |_| Vec::new(), obs)?;
        } else {
            vehicle_model_parts(store, settings, |_| Vec::new(), obs)?;
        }
        out.push(Fitted {
            kind,
            rows,
            seconds: started.elapsed().as_secs_f64(),
        });
    }
    Ok(out)
}

/// The property model of the pool, able to estimate `items` (fitted now, or
/// read from the cache with only the comparables those items need). An
/// empty pool gives a model of the built-in figures alone. `obs` is told
/// when it has to fit.
pub fn property_model(
    store: &Store,
    settings: &pricing::Settings,
    items: &[PropertyRecord],
    obs: &dyn FitObserver,
) -> Result<PropertyModel, StoreError> {
    property_model_parts(
        store,
        settings,
        |head| PropertyModel::cache_parts_for(head, items),
        obs,
    )
}

/// The property model with every segment's comparables, for items not known
/// in advance (`estimate --input` reads its file a batch at a time).
pub fn property_model_whole(
    store: &Store,
    settings: &pricing::Settings,
    obs: &dyn FitObserver,
) -> Result<PropertyModel, StoreError> {
    property_model_parts(store, settings, PropertyModel::all_cache_parts, obs)
}

fn property_model_parts(
    store: &Store,
    settings: &pricing::Settings,
    parts: impl FnOnce(&PropertyCacheHead) -> Vec<String>,
    obs: &dyn FitObserver,
) -> Result<PropertyModel, StoreError> {
    let fp = fingerprint(store, "property", settings)?;
    if let Some(m) =
        cached::<PropertyCacheHead, _>(store, "property", &fp, parts, PropertyModel::from_cache)
    {
        return Ok(m);
    }
    let pool = inputs::load_property_pool(store)?;
    if pool.is_empty() {
        return Ok(PropertyModel::fit(&pool, settings));
    }
    let started = std::time::Instant::now();
    obs.fitting("property", pool.len());
    let model = PropertyModel::fit(&pool, settings);
    obs.fitted("property", pool.len(), started.elapsed());
    if let Some((head, parts)) = model.to_cache() {
        save(store, "property", &fp, &head, &parts);
    }
    Ok(model)
}

/// The vehicle model of the pool, able to value `items`; an empty pool gives
/// a model of the built-in figures alone.
pub fn vehicle_model(
    store: &Store,
    settings: &pricing::Settings,
    items: &[VehicleRecord],
    obs: &dyn FitObserver,
) -> Result<VehicleModel, StoreError> {
    vehicle_model_parts(
        store,
        settings,
        |head| VehicleModel::cache_parts_for(head, items),
        obs,
    )
}

/// The vehicle model with every brand's comparables (see [`property_model_whole`]).
pub fn vehicle_model_whole(
    store: &Store,
    settings: &pricing::Settings,
    obs: &dyn FitObserver,
) -> Result<VehicleModel, StoreError> {
    vehicle_model_parts(store, settings, VehicleModel::all_cache_parts, obs)
}

fn vehicle_model_parts(
    store: &Store,
    settings: &pricing::Settings,
    parts: impl FnOnce(&VehicleCacheHead) -> Vec<String>,
    obs: &dyn FitObserver,
) -> Result<VehicleModel, StoreError> {
    let fp = fingerprint(store, "vehicle", settings)?;
    if let Some(m) = cached::<VehicleCacheHead, _>(store, "vehicle", &fp, parts, |head, parts| {
        VehicleModel::from_cache(head, &parts)
    }) {
        return Ok(m);
    }
    let pool = inputs::load_vehicle_pool(store)?;
    if pool.is_empty() {
        return Ok(VehicleModel::fit(&pool, settings));
    }
    let started = std::time::Instant::now();
    obs.fitting("vehicle", pool.len());
    let model = VehicleModel::fit(&pool, settings);
    obs.fitted("vehicle", pool.len(), started.elapsed());
    if let Some((head, parts)) = model.to_cache() {
        save(store, "vehicle", &fp, &head, &parts);
    }
    Ok(model)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::market::PoolRow;

    fn home(i: i64) -> PoolRow {
        PoolRow {
            id: format!("p{i}"),
            kind: "property".into(),
            source: "t".into(),
            title: format!("Departamento {} dormitorios", 1 + i % 3),
            price: Some(crate::domain::Money::from_minor(
                30_000_000 + i * 100_000,
                crate::domain::Currency::PEN,
            )),
            operation: Some(if i % 4 == 0 { "rent" } else { "sale" }.into()),
            property_type: Some("apartment".into()),
            area_m2: Some(60.0 + i as f64),
            district: Some(if i % 2 == 0 { "Miraflores" } else { "Lince" }.into()),
            address: Some(format!("Calle {}", i % 13)),
            ..Default::default()
        }
    }

    fn car(i: i64) -> PoolRow {
        PoolRow {
            id: format!("c{i}"),
            kind: "vehicle".into(),
            source: "t".into(),
            price: Some(crate::domain::Money::from_minor(
                1_000_000 + i * 10_000,
                crate::domain::Currency::USD,
            )),
            brand: Some(if i % 3 == 0 { "Kia" } else { "Toyota" }.into()),
            model: Some(if i % 2 == 0 { "Rio" } else { "Yaris" }.into()),
            year: Some(2010 + (i % 10) as i32),
            mileage_km: Some(10_000 + i as u64 * 900),
            ..Default::default()
        }
    }

    fn store_with(rows: &[PoolRow]) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let tx = store.conn_mut().transaction().unwrap();
        crate::store::market::upsert_pool(&tx, rows, "t").unwrap();
        tx.commit().unwrap();
        store
    }

    fn settings() -> pricing::Settings {
        pricing::Settings {
            trees: 40,
            ..Default::default()
        }
    }

    #[test]
    fn a_model_read_from_the_cache_estimates_exactly_as_the_fitted_one() {
        let homes: Vec<PoolRow> = (0..200).map(home).collect();
        let cars: Vec<PoolRow> = (0..200).map(car).collect();
        let store = store_with(&[homes.clone(), cars.clone()].concat());
        let s = settings();
        let items: Vec<_> = [3, 4, 11]
            .iter()
            .map(|&i| inputs::property_from_pool(&homes[i]))
            .collect();
        let fitted = property_model(&store, &s, &items, &Quiet).unwrap();
        let parts = cache::testing::part_count(store.conn(), "property");
        assert_eq!(parts, 2, "one part per segment (sale, rent apartments)");
        let cached = property_model(&store, &s, &items, &Quiet).unwrap();
        assert_eq!(fitted.estimate_many(&items), cached.estimate_many(&items));

        let cars_in: Vec<_> = [0, 1, 5]
            .iter()
            .map(|&i| inputs::vehicle_from_pool(&cars[i]))
            .collect();
        let fitted = vehicle_model(&store, &s, &cars_in, &Quiet).unwrap();
        let cached = vehicle_model(&store, &s, &cars_in, &Quiet).unwrap();
        assert_eq!(
            fitted.estimate_many(&cars_in),
            cached.estimate_many(&cars_in)
        );
    }

    #[test]
    fn the_cache_follows_the_pool_and_ignores_what_it_cannot_read() {
        let homes: Vec<PoolRow> = (0..120).map(home).collect();
        let mut store = store_with(&homes);
        let s = settings();
        let items = vec![inputs::property_from_pool(&homes[5])];
        property_model(&store, &s, &items, &Quiet).unwrap();
        let fp = fingerprint(&store, "property", &s).unwrap();
        // Any change of the pool (here one price) makes a new fingerprint.
        let mut changed = homes[7].clone();
        changed.price = Some(crate::domain::Money::from_minor(
            1,
            crate::domain::Currency::PEN,
        ));
        let tx = store.conn_mut().transaction().unwrap();
        crate::store::market::upsert_pool(&tx, &[changed], "t").unwrap();
        tx.commit().unwrap();
        assert_ne!(fp, fingerprint(&store, "property", &s).unwrap());
        let fresh = property_model(&store, &s, &items, &Quiet).unwrap();
        // A head this version cannot read (an older format) is refitted, not trusted.
        let fp = fingerprint(&store, "property", &s).unwrap();
        cache::testing::damage_head(store.conn(), "property");
        assert!(cached_head::<PropertyCacheHead>(&store, "property", &fp).is_none());
        let refit = property_model(&store, &s, &items, &Quiet).unwrap();
        assert_eq!(fresh.estimate_many(&items), refit.estimate_many(&items));
        // Parts of another generation are not mixed with this head.
        cache::testing::shift_part_generations(store.conn(), 100);
        let (head, generation) = cached_head::<PropertyCacheHead>(&store, "property", &fp).unwrap();
        let keys = PropertyModel::cache_parts_for(&head, &items);
        assert!(cached_parts(&store, "property", generation, &keys).is_none());
        let again = property_model(&store, &s, &items, &Quiet).unwrap();
        assert_eq!(fresh.estimate_many(&items), again.estimate_many(&items));
    }
}
