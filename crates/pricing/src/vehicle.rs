//! Used-car valuation: hierarchical price levels (global → brand → model →
//! model-year, each shrunk to its parent), same-model comparables adjusted
//! for year, and a cross-fitted boosting ensemble on log price with
//! normalised conformal intervals. The value is explained by additive money
//! factors that add up exactly (to the cent) to the estimate.
//!
//! By stage: [`prepare`] (a listing as the engine reads it, outliers),
//! [`index`] (levels, comparables, features), this file (the model: fit,
//! then value, blend, range and money factors), [`pack`] (the cached form);
//! the cross-fitting is shared with homes (`crate::crossfit`), the
//! intervals are `crate::conformal`'s.

mod index;
mod pack;
mod prepare;

pub(crate) use prepare::canonical_brand_model;

use super::conformal::Ensemble;
use super::crossfit::{answers, cross_fit, prepared_rows};
use super::pack::Bytes;
use super::places::fold;
use super::reason::{self, Reason};
use super::stats::cents;
use super::{Currency, Settings, VehicleRecord, confidence_from_log_width};
use index::{Index, Levels, Lists, build_index, features};
use pack::{pack_brand, unpack_brand};
use prepare::{Row, mark_clean, prepare};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Money contributions (in the valuation's currency) along the path global
/// mean → brand → model → year → mileage → condition; `other` is what the
/// boosted model adds on top (equipment, body, engine, market). `base +
/// brand + model + year + mileage + condition + other == estimated_value`
/// exactly, to the cent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VehicleFactors {
    pub base: f64,
    pub brand: f64,
    pub model: f64,
    pub year: f64,
    pub mileage: f64,
    pub condition: f64,
    pub other: f64,
}

impl VehicleFactors {
    /// Sum of all contributions.
    pub fn total(&self) -> f64 {
        cents(
            self.base
                + self.brand
                + self.model
                + self.year
                + self.mileage
                + self.condition
                + self.other,
        )
    }
}

/// Result of [`VehicleModel::estimate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VehicleValuation {
    pub id: String,
    pub estimated_value: f64,
    pub min_value: f64,
    pub max_value: f64,
    pub confidence: f64,
    pub currency: Currency,
    pub factors: VehicleFactors,
    pub comparable_count: usize,
    pub method: String,
    pub segment_level: String,
    pub comparable_ids: Vec<String>,
    pub rationale: String,
    pub notes: Vec<String>,
    /// The rationale's sentences and the notes, typed (see [`crate::reason`]).
    #[serde(skip)]
    pub reasons: Vec<Reason>,
    #[serde(skip)]
    pub note_reasons: Vec<Reason>,
}

/// Condition multipliers (documented priors; both data sources leave the
/// condition empty, so they are not learnt): excellent +4%, good 0, fair −8%,
/// poor −20%, new +10%.
pub fn condition_multiplier(condition: Option<&str>) -> f64 {
    match condition.map(fold).as_deref() {
        Some("new") | Some("nuevo") => 1.10,
        Some("excellent") | Some("excelente") => 1.04,
        Some("fair") | Some("regular") => 0.92,
        Some("poor") | Some("malo") => 0.80,
        _ => 1.0,
    }
}

/// Fallback value (USD) when the pool is empty: median price of the shared
/// catalogue (USD 4,800) depreciated 9%/year around model year 2005.
pub const PRIOR_MEDIAN_USD: f64 = 4800.0;

const K_NEIGHBOURS: usize = 10;
const SUBSAMPLE: f64 = 0.5;

/// A fitted used-car model (pool prices converted to USD).
#[derive(Debug, Clone)]
pub struct VehicleModel {
    settings: Settings,
    levels: Levels,
    /// Clean pool rows (comparables), in pool order; from the cache, only
    /// the brands that were asked for.
    rows: Vec<Row>,
    lists: Lists,
    ensemble: Option<Ensemble>,
    /// Whether the boosted correction beat the levels and comparables out
    /// of fold at fit time (else the base stands, with its own band).
    boosted: bool,
    base_band: Option<(f64, f64)>,
}

/// What a cached car model keeps besides its brands (see
/// [`VehicleModel::to_cache`]): the year curve, mileage fit and trees.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VehicleCacheHead {
    settings: Settings,
    levels: Levels,
    ensemble: Option<Ensemble>,
    /// Whether the boosted correction beat the levels and comparables out
    /// of fold at fit time (else the base stands, with its own band).
    #[serde(default)]
    boosted: bool,
    #[serde(default)]
    base_band: Option<(f64, f64)>,
}

// Cars are cross-fitted and judged as one group.
pool_row!(Row, |_r| 0);

impl VehicleModel {
    /// Fits on a pool of priced listings. Never fails.
    pub fn fit(pool: &[VehicleRecord], settings: &Settings) -> VehicleModel {
        let rows = prepared_rows(pool, |r| prepare(r, settings.pen_per_usd), mark_clean);
        let answer = |train: Vec<usize>, ask: &[usize]| {
            let (lv, lists) = build_index(&rows, &train);
            let idx = Index {
                rows: &rows,
                lv: &lv,
                lists: &lists,
            };
            answers(&rows, ask, |r| {
                let q = idx.query(r, K_NEIGHBOURS);
                (q.base, features(r, &q))
            })
        };
        // Cars are one group: one verdict on the correction, one base band.
        let (ensemble, boosted, base_band) =
            match cross_fit(&rows, settings, SUBSAMPLE, 0.45, answer) {
                Some(b) => (
                    Some(b.ensemble),
                    b.groups.contains(&0),
                    b.base_bands.get(&0).copied(),
                ),
                None => (None, false, None),
            };
        // Only clean rows are ever compared with; the index over them is
        // built once here, not at every estimate. Their order is kept, so
        // ties between equally close comparables break as before.
        let rows: Vec<Row> = rows.into_iter().filter(|r| r.clean).collect();
        let (levels, lists) = build_index(&rows, &(0..rows.len()).collect::<Vec<_>>());
        VehicleModel {
            settings: settings.clone(),
            levels,
            rows,
            lists,
            ensemble,
            boosted,
            base_band,
        }
    }

    fn index(&self) -> Index<'_> {
        Index {
            rows: &self.rows,
            lv: &self.levels,
            lists: &self.lists,
        }
    }

    estimate_methods!(VehicleRecord => VehicleValuation);

    /// The cached form: a head (settings, year curve, mileage fit, trees,
    /// conformal tables) and one packed part per brand with its level
    /// tables and comparables, so valuing one car reads the head and its brand.
    pub fn to_cache(&self) -> Option<(VehicleCacheHead, Vec<(String, Bytes)>)> {
        let mut brands: Vec<&String> = self.lists.by_brand.keys().collect();
        brands.sort();
        let mut parts = Vec::new();
        for b in brands {
            let rows: Vec<&Row> = self.lists.by_brand[b]
                .iter()
                .map(|&j| &self.rows[j])
                .collect();
            parts.push((b.clone(), pack_brand(&self.levels, b, &rows)?));
        }
        let head = VehicleCacheHead {
            settings: self.settings.clone(),
            levels: Levels {
                brand: HashMap::new(),
                model: HashMap::new(),
                model_year: HashMap::new(),
                brand_year: HashMap::new(),
                trim: HashMap::new(),
                trim_year: HashMap::new(),
                ..self.levels.clone()
            },
            ensemble: self.ensemble.clone(),
            boosted: self.boosted,
            base_band: self.base_band,
        };
        Some((head, parts))
    }

    /// Clean pool rows the model was fitted on (comparables), over the
    /// whole pool also when read from the cache.
    pub fn pool_size(&self) -> usize {
        self.levels.n
    }

    /// Every cache part (items not known in advance).
    pub fn all_cache_parts(head: &VehicleCacheHead) -> Vec<String> {
        let mut keys: Vec<String> = head.levels.brand_sizes.keys().cloned().collect();
        keys.sort();
        keys
    }

    /// The cache parts valuing `items` reads (their brands).
    pub fn cache_parts_for(head: &VehicleCacheHead, items: &[VehicleRecord]) -> Vec<String> {
        let mut keys: Vec<String> = items
            .iter()
            .map(|it| prepare(it, head.settings.pen_per_usd).brand)
            .filter(|b| head.levels.brand_sizes.contains_key(b))
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    /// A model from its cached head and the parts [`Self::cache_parts_for`]
    /// named; it values those items only. `None` when a part is damaged.
    pub fn from_cache(head: VehicleCacheHead, parts: &[(String, Bytes)]) -> Option<VehicleModel> {
        let mut levels = head.levels;
        let mut lists = Lists::default();
        let mut rows = Vec::new();
        for (brand, bytes) in parts {
            unpack_brand(&bytes.0, brand, &mut levels, &mut lists, &mut rows)?;
        }
        Some(VehicleModel {
            settings: head.settings,
            levels,
            rows,
            lists,
            ensemble: head.ensemble,
            boosted: head.boosted,
            base_band: head.base_band,
        })
    }

    fn estimate_with(&self, idx: &Index, item: &VehicleRecord) -> VehicleValuation {
        let rate = self.settings.pen_per_usd;
        let row = prepare(item, rate);
        let mut notes = Vec::new();
        // One query serves the price and the factor path below.
        let q = (idx.lv.n > 0).then(|| idx.query(&row, K_NEIGHBOURS));
        let facts = self.settings.facts().car(item);
        let lima = super::facts::is_lima_car(item);
        let pool = q.as_ref().map(|q| match &self.ensemble {
            Some(e) if self.boosted => {
                let f = features(&row, q);
                let p = q.base + e.predict(&f);
                let (dl, dh) = e.interval(&f, Some(0));
                (p, p + dl, p + dh)
            }
            _ => {
                let (bl, bh) = self.base_band.unwrap_or((-0.45, 0.45));
                (q.base, q.base + bl, q.base + bh)
            }
        });
        let level = q.as_ref().map_or("global", |q| q.level);
        let (widen, pool_conf) = match level {
            "model-year" => (1.0, 1.0),
            "model" => (1.1, 0.85),
            "brand" => (1.3, 0.65),
            _ => (1.5, 0.45),
        };
        let pool = pool.map(|(p, lo, hi)| (p, p - (p - lo) * widen, p + (hi - p) * widen));
        if pool.is_some() && widen > 1.0 {
            notes.push(Reason::FewCars {
                level: level.to_string(),
                widen,
            });
        }
        // The built-in figures are of Lima: they take part for a Lima car,
        // by the amount and spread of the pool's same-model evidence.
        let (w, (pred, lo, hi)) = match (pool, &facts) {
            (Some(p), Some(f)) if lima => {
                let q = q.as_ref().expect("queried with a pool");
                let sd = (f.ln_hi - f.ln_lo) / 2.563;
                let w = super::property::blend_weight(q.n_model, q.knn_sd, sd);
                let mix = |a: f64, b: f64| w * a + (1.0 - w) * b;
                (
                    w,
                    (mix(p.0, f.ln_price), mix(p.1, f.ln_lo), mix(p.2, f.ln_hi)),
                )
            }
            (Some(p), _) => (1.0, p),
            (None, Some(f)) => {
                if !lima {
                    notes.push(Reason::NotLimaCar);
                }
                (0.0, (f.ln_price, f.ln_lo, f.ln_hi))
            }
            (None, None) => {
                notes.push(Reason::EmptyPool);
                let p = PRIOR_MEDIAN_USD.ln()
                    + if row.year.is_finite() {
                        0.09 * (row.year - 2005.0)
                    } else {
                        0.0
                    };
                (0.0, (p, p - 0.8, p + 0.8))
            }
        };
        let method = match (
            pool.is_some(),
            self.boosted && self.ensemble.is_some(),
            w < 0.995,
        ) {
            (false, _, _) if facts.is_some() => "built-in figures",
            (false, _, _) => "prior",
            (true, true, false) => "levels+comparables+boosting",
            (true, true, true) => "levels+comparables+boosting+built-in figures",
            (true, false, false) => "levels+comparables",
            (true, false, true) => "levels+comparables+built-in figures",
        };
        let conf_mult = w * pool_conf + (1.0 - w) * 0.8;
        let cm = condition_multiplier(item.condition.as_deref());
        let cur = item.currency;
        if cur != Currency::USD {
            notes.push(Reason::PoolConverted {
                from: Currency::USD,
                to: cur,
                rate,
            });
        }
        let money = |ln_usd: f64| Currency::USD.convert(ln_usd.exp(), cur, rate);
        let estimated = cents(money(pred) * cm);
        let min_value = cents(money(lo) * cm).min(estimated);
        let max_value = cents(money(hi) * cm).max(estimated);
        let confidence = (confidence_from_log_width(hi - lo) * conf_mult).clamp(0.0, 1.0);
        let level = if pool.is_some() { level } else { "built-in" };
        // factor path
        let (base, brand, model, year, mileage) = match &q {
            Some(q) => {
                let l0 = idx.lv.global;
                let l4 = q.l_my + idx.lv.mil_beta * q.mil_dev;
                (
                    cents(money(l0)),
                    cents(money(q.l_brand) - money(l0)),
                    cents(money(q.l_model) - money(q.l_brand)),
                    cents(money(q.l_my) - money(q.l_model)),
                    cents(money(l4) - money(q.l_my)),
                )
            }
            None => (estimated, 0.0, 0.0, 0.0, 0.0),
        };
        let condition = cents(money(pred) * (cm - 1.0));
        let other = cents(estimated - base - brand - model - year - mileage - condition);
        let factors = VehicleFactors {
            base,
            brand,
            model,
            year,
            mileage,
            condition,
            other,
        };
        let comparable_ids: Vec<String> = q
            .as_ref()
            .map(|q| {
                q.neighbours
                    .iter()
                    .map(|(j, _)| self.rows[*j].id.clone())
                    .collect()
            })
            .unwrap_or_default();
        let n_cmp = comparable_ids.len();
        let condition_step = (condition != 0.0).then_some(condition);
        let blended = match (&facts, pool.is_some() && w < 0.995) {
            (Some(f), true) => Some(Reason::CarBlended {
                facts: f.about.clone(),
                weight_percent: (1.0 - w) * 100.0,
                same_model: q.as_ref().map_or(0.0, |q| q.n_model),
            }),
            _ => None,
        };
        let reasons: Vec<Reason> = if pool.is_some() {
            let mut r = vec![Reason::CarSteps {
                factors: factors.clone(),
                currency: cur,
                boosted: self.boosted && self.ensemble.is_some(),
                comparables: n_cmp,
            }];
            r.extend(blended);
            r.push(Reason::Range {
                cars: true,
                confidence_percent: confidence * 100.0,
                widened_to: (level != "model-year").then(|| level.to_string()),
            });
            if cur != Currency::USD {
                r.push(Reason::ConvertedFromUsd { rate });
            }
            r
        } else {
            vec![match &facts {
                Some(f) => Reason::CarFromFacts {
                    facts: f.about.clone(),
                    condition: condition_step,
                },
                None => Reason::CarPrior,
            }]
        };
        // The JSON's text keeps the space of the blend's place when there is none.
        let rationale = match (reasons.first(), reasons.get(1)) {
            (Some(steps @ Reason::CarSteps { .. }), Some(Reason::CarBlended { .. })) => {
                format!("{steps} {}", reason::sentences(&reasons[1..]))
            }
            (Some(steps @ Reason::CarSteps { .. }), _) => {
                format!("{steps}  {}", reason::sentences(&reasons[1..]))
            }
            _ => reason::sentences(&reasons),
        };
        VehicleValuation {
            id: item.id.clone(),
            estimated_value: estimated,
            min_value,
            max_value,
            confidence: (confidence * 1000.0).round() / 1000.0,
            currency: cur,
            factors,
            comparable_count: n_cmp,
            method: method.to_string(),
            segment_level: level.to_string(),
            comparable_ids,
            rationale,
            notes: notes.iter().map(Reason::to_string).collect(),
            reasons,
            note_reasons: notes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::prepare::mileage_roundness;
    use super::*;

    fn pool(n: usize) -> Vec<VehicleRecord> {
        (0..n)
            .map(|i| {
                let (brand, model, lvl) = match i % 3 {
                    0 => ("Toyota", "Corolla", 20000.0),
                    1 => ("Toyota", "RAV4", 30000.0),
                    _ => ("Kia", "Rio", 14000.0),
                };
                let year = 2010 + (i % 10) as i32;
                let km = 10_000.0 + ((i * 7919) % 150) as f64 * 1000.0;
                let price = lvl * 0.92f64.powi(2020 - year) * (1.0 - km / 1_000_000.0);
                VehicleRecord {
                    id: format!("v{i}"),
                    brand: brand.into(),
                    model: model.into(),
                    year: Some(year),
                    mileage_km: Some(km),
                    price: Some(price.round()),
                    currency: Currency::USD,
                    transmission: Some("automatic".into()),
                    fuel_type: Some("gasoline".into()),
                    source: Some("usedcarscatalog-by-2019".into()),
                    ..Default::default()
                }
            })
            .collect()
    }

    use crate::test_settings as settings;

    #[test]
    fn factors_add_up_to_the_cent() {
        let p = pool(300);
        let m = VehicleModel::fit(&p, &settings());
        for (i, cond) in [(1usize, None), (5, Some("excellent")), (8, Some("poor"))] {
            let item = VehicleRecord {
                id: "q".into(),
                price: None,
                condition: cond.map(str::to_string),
                ..p[i].clone()
            };
            for cur in [Currency::USD, Currency::PEN] {
                let v = m.estimate(&VehicleRecord {
                    currency: cur,
                    ..item.clone()
                });
                let f = &v.factors;
                let sum_cents = [
                    f.base,
                    f.brand,
                    f.model,
                    f.year,
                    f.mileage,
                    f.condition,
                    f.other,
                ]
                .iter()
                .map(|x| (x * 100.0).round() as i64)
                .sum::<i64>();
                assert_eq!(sum_cents, (v.estimated_value * 100.0).round() as i64);
                assert_eq!(f.total(), v.estimated_value);
                if cond == Some("poor") {
                    assert!(f.condition < 0.0);
                }
            }
        }
    }

    #[test]
    fn accurate_on_clean_market_and_excludes_own_id() {
        let mut p = pool(300);
        p.push(VehicleRecord {
            id: "me".into(),
            price: Some(1_000_000.0),
            ..p[0].clone()
        });
        let m = VehicleModel::fit(&p, &settings());
        let item = VehicleRecord {
            id: "me".into(),
            price: None,
            ..p[0].clone()
        };
        let v = m.estimate(&item);
        assert!(!v.comparable_ids.contains(&"me".to_string()));
        let truth = p[0].price.unwrap();
        assert!(
            ((v.estimated_value - truth) / truth).abs() < 0.1,
            "{}",
            v.estimated_value
        );
        assert_eq!(v.segment_level, "model-year");
        assert!(v.min_value <= v.estimated_value && v.estimated_value <= v.max_value);
    }

    #[test]
    fn falls_back_brand_then_global() {
        let p = pool(300);
        let m = VehicleModel::fit(&p, &settings());
        let known = m.estimate(&VehicleRecord {
            id: "a".into(),
            price: None,
            ..p[0].clone()
        });
        let new_model = m.estimate(&VehicleRecord {
            id: "a".into(),
            model: "Yaris".into(),
            price: None,
            ..p[0].clone()
        });
        assert_eq!(new_model.segment_level, "brand");
        assert!(new_model.confidence < known.confidence);
        let alien = m.estimate(&VehicleRecord {
            id: "b".into(),
            brand: "Lada".into(),
            model: "Niva".into(),
            price: None,
            ..p[0].clone()
        });
        assert_eq!(alien.segment_level, "global");
        assert!(alien.estimated_value > 0.0);
        let empty = VehicleModel::fit(&[], &settings()).estimate(&p[0]);
        assert!(empty.estimated_value > 0.0);
        assert_eq!(empty.factors.total(), empty.estimated_value);
    }

    #[test]
    fn two_fits_of_one_pool_value_alike() {
        let p = pool(400);
        let items: Vec<VehicleRecord> = p
            .iter()
            .step_by(7)
            .map(|r| VehicleRecord {
                id: format!("new-{}", r.id),
                price: None,
                ..r.clone()
            })
            .collect();
        let a = VehicleModel::fit(&p, &settings()).estimate_many(&items);
        for _ in 0..3 {
            let b = VehicleModel::fit(&p, &settings()).estimate_many(&items);
            for (x, y) in a.iter().zip(&b) {
                assert_eq!(
                    (x.estimated_value, x.min_value, x.max_value),
                    (y.estimated_value, y.min_value, y.max_value)
                );
            }
        }
    }

    #[test]
    fn mileage_roundness_tells_typed_readings_apart() {
        assert_eq!(mileage_roundness(163_482.0), 0.0);
        assert_eq!(mileage_roundness(163_400.0), 1.0);
        assert_eq!(mileage_roundness(163_000.0), 2.0);
        assert_eq!(mileage_roundness(160_000.0), 3.0);
        for placeholder in [0.0, 111_111.0, 999_999.0, 123_456.0] {
            assert_eq!(mileage_roundness(placeholder), 4.0, "{placeholder}");
        }
        assert!(mileage_roundness(-5.0).is_nan());
    }

    #[test]
    fn pen_items_are_converted() {
        let p = pool(300);
        let s = settings();
        let m = VehicleModel::fit(&p, &s);
        let usd = m.estimate(&VehicleRecord {
            id: "q".into(),
            price: None,
            ..p[2].clone()
        });
        let pen = m.estimate(&VehicleRecord {
            id: "q".into(),
            price: None,
            currency: Currency::PEN,
            ..p[2].clone()
        });
        assert!((pen.estimated_value / usd.estimated_value - s.pen_per_usd).abs() < 0.01);
        assert!(pen.notes.iter().any(|n| n.contains("PEN per USD")));
    }

    #[test]
    fn a_model_from_its_cache_values_exactly_as_the_fitted_one() {
        let mut p = pool(400);
        p.push(VehicleRecord {
            id: "k2".into(),
            brand: "Kia".into(),
            model: "Picanto".into(),
            year: Some(2015),
            body_type: Some("hatchback".into()),
            price: Some(7000.0),
            ..Default::default()
        });
        let m = VehicleModel::fit(&p, &settings());
        let (head, parts) = m.to_cache().expect("packs");
        let items = vec![
            VehicleRecord {
                id: "v3".into(),
                price: None,
                condition: Some("good".into()),
                ..p[3].clone()
            },
            VehicleRecord {
                id: "q".into(),
                brand: "kia".into(),
                model: "Rio 1.4 EX".into(),
                year: Some(2013),
                currency: Currency::PEN,
                ..Default::default()
            },
            VehicleRecord {
                id: "u".into(),
                brand: "Lada".into(),
                model: "Niva".into(),
                ..Default::default()
            },
        ];
        let keys = VehicleModel::cache_parts_for(&head, &items);
        assert_eq!(keys, ["kia", "toyota"]);
        let picked: Vec<_> = parts
            .into_iter()
            .filter(|(k, _)| keys.contains(k))
            .collect();
        let back = VehicleModel::from_cache(head, &picked).expect("unpacks");
        assert_eq!(m.estimate_many(&items), back.estimate_many(&items));
        let mut damaged = picked.clone();
        damaged[0].1.0.pop();
        let (head, _) = m.to_cache().unwrap();
        assert!(VehicleModel::from_cache(head, &damaged).is_none());
    }
}
