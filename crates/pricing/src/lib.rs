//! Pricing engine: valuation of homes (Lima) and used cars, market analysis,
//! sale readiness, time-to-sale / demand forecasts and backtests.
//!
//! Pure functions over plain records: no I/O, nothing printed. See
//! `docs/pricing.md` for the method and measured accuracy.

/// `estimate_many` and `estimate` of a fitted model, over its private
/// `index()` and `estimate_with(&index, item)`: homes and cars estimate the
/// same way, one index per call, both cores for many items.
macro_rules! estimate_methods {
    ($item:ty => $out:ty) => {
        /// Estimates many items in order, using both cores.
        pub fn estimate_many(&self, items: &[$item]) -> Vec<$out> {
            let idx = self.index();
            $crate::map_on_two_threads(items, |it| self.estimate_with(&idx, it))
        }

        /// Estimates one item. Pool rows with the item's id are never used.
        pub fn estimate(&self, item: &$item) -> $out {
            self.estimate_with(&self.index(), item)
        }
    };
}

/// `crossfit::PoolRow` for a prepared row with `id`, `y` and `clean`
/// fields; `|r| group` says which group a row is judged in.
macro_rules! pool_row {
    ($row:ty, |$r:ident| $group:expr) => {
        impl $crate::crossfit::PoolRow for $row {
            fn id(&self) -> &str {
                &self.id
            }
            fn y(&self) -> f64 {
                self.y
            }
            fn clean(&self) -> bool {
                self.clean
            }
            fn group(&self) -> u8 {
                let $r = self;
                $group
            }
        }
    };
}

pub mod backtest;
pub mod conformal;
mod crossfit;
pub mod facts;
pub mod forecast;
pub mod gbm;
pub mod market;
pub mod pack;
pub mod places;
pub mod property;
pub mod readiness;
pub mod reason;
pub mod recommendation;
pub mod stats;
pub mod text;
pub mod vehicle;

use serde::{Deserialize, Serialize};
use treevu_domain::lenient;

pub use backtest::{BacktestReport, SegmentFigures, backtest_properties, backtest_vehicles};
pub use forecast::{DemandForecast, HistoryRecord, SaleForecast, SurvivalModel, concordance_index};
pub use market::{MarketAnalysis, MarketComparable, PricePosition, market_analysis};
pub use places::{normalize_district, zone_for_district};
pub use property::{PropertyCacheHead, PropertyEstimate, PropertyModel};
pub use readiness::{Engagement, Readiness, ReadinessBand, readiness};
pub use reason::{FactsWhy, Reason};
pub use recommendation::{Estimate, Evidence, Recommendation, recommend};
pub use vehicle::{VehicleCacheHead, VehicleFactors, VehicleModel, VehicleValuation};

pub use treevu_domain::{Currency, DEFAULT_PEN_PER_USD, Operation, PropertyType};

/// One home listing. Field names serialise in camelCase and also accept the
/// snake_case CSV headers of the shared data files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PropertyRecord {
    pub id: String,
    #[serde(deserialize_with = "lenient::operation")]
    pub operation: Operation,
    #[serde(alias = "property_type", deserialize_with = "lenient::property_type")]
    pub property_type: PropertyType,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub price: Option<f64>,
    #[serde(default, deserialize_with = "lenient::currency")]
    pub currency: Currency,
    #[serde(default, alias = "area_m2")]
    pub area_m2: Option<f64>,
    #[serde(default)]
    pub bedrooms: Option<u32>,
    #[serde(default)]
    pub bathrooms: Option<u32>,
    #[serde(default)]
    pub parking: Option<u32>,
    #[serde(default, alias = "maintenance_pen")]
    pub maintenance_pen: Option<f64>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub zone: Option<String>,
    #[serde(default)]
    pub district: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    /// ISO date (YYYY-MM-DD) the listing was seen.
    #[serde(default, alias = "listed_on")]
    pub listed_on: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

/// One used-car listing (same conventions as [`PropertyRecord`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct VehicleRecord {
    pub id: String,
    #[serde(default)]
    pub brand: String,
    #[serde(default)]
    pub model: String,
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default, alias = "mileage_km")]
    pub mileage_km: Option<f64>,
    #[serde(default)]
    pub price: Option<f64>,
    #[serde(default = "usd", deserialize_with = "lenient::currency")]
    pub currency: Currency,
    #[serde(default)]
    pub condition: Option<String>,
    #[serde(default)]
    pub transmission: Option<String>,
    #[serde(default, alias = "fuel_type")]
    pub fuel_type: Option<String>,
    #[serde(default, alias = "body_type")]
    pub body_type: Option<String>,
    #[serde(default)]
    pub drivetrain: Option<String>,
    #[serde(default, alias = "engine_l")]
    pub engine_l: Option<f64>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub district: Option<String>,
    #[serde(default, alias = "days_listed")]
    pub days_listed: Option<f64>,
    #[serde(default)]
    pub photos: Option<u32>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub source: Option<String>,
}

fn usd() -> Currency {
    Currency::USD
}

/// Engine settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// PEN per USD used to convert items quoted in another currency than the
    /// pool. Default [`DEFAULT_PEN_PER_USD`].
    pub pen_per_usd: f64,
    /// Nominal coverage of the [min, max] range (default 0.80).
    pub interval_level: f64,
    /// Cross-fitting folds used at fit time (default 4).
    pub folds: usize,
    /// Seed of the deterministic fold assignment and boosting.
    pub seed: u64,
    /// Boosting rounds (default 300; lower is faster, a little less accurate).
    pub trees: usize,
    /// Expert override of every boosting hyper-parameter (tuning only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boosting: Option<gbm::GbmParams>,
    /// Built-in market figures to blend with the pool's evidence; `None`:
    /// the table compiled in ([`facts::MarketFacts::built_in`]).
    #[serde(skip)]
    pub facts: Option<std::sync::Arc<facts::MarketFacts>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            pen_per_usd: DEFAULT_PEN_PER_USD,
            interval_level: 0.8,
            folds: 4,
            seed: 20260105,
            trees: 300,
            boosting: None,
            facts: None,
        }
    }
}

impl Settings {
    /// The market figures in force: a refreshed table, else the built-in one.
    pub fn facts(&self) -> &facts::MarketFacts {
        self.facts
            .as_deref()
            .unwrap_or_else(|| facts::MarketFacts::built_in())
    }

    /// The boosting parameters of a fit: the expert override, or the defaults
    /// scaled to the number of trees (shared by the home and car models).
    pub(crate) fn boosting_params(&self, subsample: f64) -> gbm::GbmParams {
        self.boosting.clone().unwrap_or(gbm::GbmParams {
            trees: self.trees,
            learning_rate: (24.0 / self.trees.max(1) as f64).min(0.3),
            subsample,
            seed: self.seed,
            ..gbm::GbmParams::default()
        })
    }
}

/// `f` over `items` in order, the work split across both cores (these
/// machines have two; estimating is CPU-bound and independent per item).
pub(crate) fn map_on_two_threads<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    if items.len() < 2 {
        // One item (`recommend <listing>`): a thread would only add its start-up.
        return items.iter().map(f).collect();
    }
    let half = items.len().div_ceil(2).max(1);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(half)
            .map(|c| s.spawn(move || c.iter().map(f).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("estimate worker"))
            .collect()
    })
}

/// A pool listing used as comparable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparable {
    pub id: String,
    pub district: String,
    pub area_m2: Option<f64>,
    /// In the estimate's currency.
    pub price: f64,
    pub price_per_m2: Option<f64>,
    pub weight: f64,
}

/// Maps a log-width of the 80% range (ln(max/min)) to a 0..1 confidence:
/// exp(−width/0.9), so ±10% → 0.80, ±25% → 0.57, ±50% → 0.30.
pub fn confidence_from_log_width(log_width: f64) -> f64 {
    (-log_width.max(0.0) / 0.9).exp().clamp(0.0, 1.0)
}

/// The settings the engine's unit tests fit with: fewer trees, so they run quickly.
#[cfg(test)]
pub(crate) fn test_settings() -> Settings {
    Settings {
        trees: 60,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_round_trip() {
        assert_eq!(Currency::USD.to_pen(100.0, 3.75), 375.0);
        assert_eq!(Currency::USD.from_pen(375.0, 3.75), 100.0);
        assert_eq!(Currency::PEN.convert(375.0, Currency::USD, 3.75), 100.0);
        assert_eq!(Currency::PEN.convert(10.0, Currency::PEN, 3.75), 10.0);
    }

    #[test]
    fn confidence_decreases_with_width() {
        assert!(confidence_from_log_width(0.1) > confidence_from_log_width(0.5));
        assert!(confidence_from_log_width(0.0) <= 1.0);
        assert!(confidence_from_log_width(10.0) >= 0.0);
    }

    #[test]
    fn record_deserialises_snake_case_headers() {
        let j = r#"{"id":"a","operation":"rent","property_type":"house","price":1000,
            "currency":"USD","area_m2":80,"listed_on":"2026-01-05"}"#;
        let r: PropertyRecord = serde_json::from_str(j).unwrap();
        assert_eq!(r.operation, Operation::Rent);
        assert_eq!(r.property_type, PropertyType::House);
        assert_eq!(r.currency, Currency::USD);
        assert_eq!(r.area_m2, Some(80.0));
        assert_eq!(r.listed_on.as_deref(), Some("2026-01-05"));
    }
}
