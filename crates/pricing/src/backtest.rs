//! Backtests: k-fold over a pool, or a labelled file against a pool.

use super::stats::{hash_str, median, mix64};
use super::{Currency, PropertyModel, PropertyRecord, Settings, VehicleModel, VehicleRecord};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Accuracy figures of one group of rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentFigures {
    pub segment: String,
    pub n: usize,
    pub mdape: f64,
    pub within_10: f64,
    pub within_20: f64,
    pub coverage: f64,
}

/// Backtest result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BacktestReport {
    pub folds: usize,
    pub rows: usize,
    pub answered_share: f64,
    pub overall: SegmentFigures,
    /// MdAPE of the low / middle / high confidence thirds.
    pub by_confidence_tercile: Vec<SegmentFigures>,
    pub by_segment: Vec<SegmentFigures>,
}

struct Outcome {
    ape: f64,
    covered: bool,
    conf: f64,
    segs: Vec<String>,
}

fn figures(name: &str, o: &[&Outcome]) -> SegmentFigures {
    let n = o.len().max(1) as f64;
    let ape: Vec<f64> = o.iter().map(|x| x.ape).collect();
    SegmentFigures {
        segment: name.to_string(),
        n: o.len(),
        mdape: median(&ape).unwrap_or(f64::NAN),
        within_10: o.iter().filter(|x| x.ape <= 0.10).count() as f64 / n,
        within_20: o.iter().filter(|x| x.ape <= 0.20).count() as f64 / n,
        coverage: o.iter().filter(|x| x.covered).count() as f64 / n,
    }
}

fn report(folds: usize, rows: usize, out: Vec<Outcome>) -> BacktestReport {
    let all: Vec<&Outcome> = out.iter().collect();
    let mut by_conf = all.clone();
    by_conf.sort_by(|a, b| a.conf.total_cmp(&b.conf));
    let t = by_conf.len() / 3;
    let terciles = if t > 0 {
        vec![
            figures("low", &by_conf[..t]),
            figures("middle", &by_conf[t..2 * t]),
            figures("high", &by_conf[2 * t..]),
        ]
    } else {
        Vec::new()
    };
    let mut groups: BTreeMap<String, Vec<&Outcome>> = BTreeMap::new();
    for o in &out {
        for s in &o.segs {
            groups.entry(s.clone()).or_default().push(o);
        }
    }
    BacktestReport {
        folds,
        rows,
        answered_share: if rows > 0 {
            out.len() as f64 / rows as f64
        } else {
            0.0
        },
        overall: figures("all", &all),
        by_confidence_tercile: terciles,
        by_segment: groups.iter().map(|(k, v)| figures(k, v)).collect(),
    }
}

fn fold_of(id: &str, seed: u64, k: usize) -> usize {
    (mix64(hash_str(id) ^ seed.rotate_left(17)) % k as u64) as usize
}

fn prop_outcomes(
    model: &PropertyModel,
    test: &[PropertyRecord],
    settings: &Settings,
) -> Vec<Outcome> {
    outcomes(test, model.estimate_many(test), |r, e| {
        let said = [e.recommended_price, e.min_price, e.max_price, e.confidence];
        outcome(r.price, r.currency, e.currency, said, settings, || {
            vec![
                format!(
                    "district:{}",
                    r.district
                        .as_deref()
                        .map(super::normalize_district)
                        .unwrap_or_default()
                ),
                format!("operation:{:?}", r.operation).to_lowercase(),
                format!("type:{:?}", r.property_type).to_lowercase(),
            ]
        })
    })
}

fn veh_outcomes(model: &VehicleModel, test: &[VehicleRecord], settings: &Settings) -> Vec<Outcome> {
    outcomes(test, model.estimate_many(test), |r, e| {
        let said = [e.estimated_value, e.min_value, e.max_value, e.confidence];
        outcome(r.price, r.currency, e.currency, said, settings, || {
            vec![
                format!("brand:{}", super::places::fold(&r.brand)),
                format!("source:{}", r.source.as_deref().unwrap_or("")),
            ]
        })
    })
}

/// Each test row judged against its estimate (`judge` passes over rows it cannot judge).
fn outcomes<R, E>(
    test: &[R],
    estimates: Vec<E>,
    judge: impl Fn(&R, &E) -> Option<Outcome>,
) -> Vec<Outcome> {
    test.iter()
        .zip(&estimates)
        .filter_map(|(r, e)| judge(r, e))
        .collect()
}

/// A row's outcome against an estimate said in `said_in` as [value, min,
/// max, confidence]; `None` for a row without a price. `segs` names the row's segments.
fn outcome(
    price: Option<f64>,
    currency: Currency,
    said_in: Currency,
    [value, min, max, conf]: [f64; 4],
    settings: &Settings,
    segs: impl FnOnce() -> Vec<String>,
) -> Option<Outcome> {
    let p = price.filter(|p| *p > 0.0)?;
    let p = currency.convert(p, said_in, settings.pen_per_usd);
    Some(Outcome {
        ape: ((value - p) / p).abs(),
        covered: p >= min && p <= max,
        conf,
        segs: segs(),
    })
}

/// Priced rows: what the answered share is counted against.
fn priced<R>(rows: &[R], price: impl Fn(&R) -> Option<f64>) -> usize {
    rows.iter()
        .filter(|r| price(r).is_some_and(|p| p > 0.0))
        .count()
}

/// K-fold over a pool: each fold is judged by `judge(train, test)` with a
/// model of the other folds. Folds come from the row id, so a row's fold is
/// the same whatever else the pool holds.
fn kfold<R: Clone>(
    pool: &[R],
    k: usize,
    seed: u64,
    id: impl Fn(&R) -> &str,
    judge: impl Fn(&[R], &[R]) -> Vec<Outcome>,
) -> Vec<Outcome> {
    let mut out = Vec::new();
    for f in 0..k {
        let (test, train): (Vec<R>, Vec<R>) = pool
            .iter()
            .cloned()
            .partition(|r| fold_of(id(r), seed, k) == f);
        out.extend(judge(&train, &test));
    }
    out
}

/// What a backtest needs of a record kind: its id and price, and its
/// model's fit and judged outcomes. Homes and cars are backtested alike.
trait Backtested: Clone + Sized {
    type Model;
    fn id(&self) -> &str;
    fn price(&self) -> Option<f64>;
    fn fit(pool: &[Self], settings: &Settings) -> Self::Model;
    fn outcomes(model: &Self::Model, test: &[Self], settings: &Settings) -> Vec<Outcome>;
}

/// [`Backtested`] for a record kind: its model and how its outcomes are judged.
macro_rules! backtested {
    ($record:ty, $model:ty, $outcomes:ident) => {
        impl Backtested for $record {
            type Model = $model;
            fn id(&self) -> &str {
                &self.id
            }
            fn price(&self) -> Option<f64> {
                self.price
            }
            fn fit(pool: &[Self], settings: &Settings) -> $model {
                <$model>::fit(pool, settings)
            }
            fn outcomes(model: &$model, test: &[Self], settings: &Settings) -> Vec<Outcome> {
                $outcomes(model, test, settings)
            }
        }
    };
}

backtested!(PropertyRecord, PropertyModel, prop_outcomes);
backtested!(VehicleRecord, VehicleModel, veh_outcomes);

/// K-fold (at least two folds) over a pool, each fold judged by a model of the others.
fn backtest_kfold<R: Backtested>(pool: &[R], k: usize, settings: &Settings) -> BacktestReport {
    let k = k.max(2);
    let out = kfold(pool, k, settings.seed, R::id, |train, test| {
        R::outcomes(&R::fit(train, settings), test, settings)
    });
    report(k, priced(pool, R::price), out)
}

/// Labelled rows judged by one model of the whole pool.
fn backtest_against<R: Backtested>(
    labelled: &[R],
    pool: &[R],
    settings: &Settings,
) -> BacktestReport {
    let m = R::fit(pool, settings);
    report(
        1,
        priced(labelled, R::price),
        R::outcomes(&m, labelled, settings),
    )
}

/// K-fold backtest of home estimates over a pool (rows without a price are
/// skipped; answered share counts priced rows that got an estimate).
pub fn backtest_properties(
    pool: &[PropertyRecord],
    k: usize,
    settings: &Settings,
) -> BacktestReport {
    backtest_kfold(pool, k, settings)
}

/// Backtest of a labelled file against a pool (labelled rows are never
/// compared with a pool row of the same id).
pub fn backtest_properties_labelled(
    labelled: &[PropertyRecord],
    pool: &[PropertyRecord],
    settings: &Settings,
) -> BacktestReport {
    backtest_against(labelled, pool, settings)
}

/// K-fold backtest of car valuations over a pool.
pub fn backtest_vehicles(pool: &[VehicleRecord], k: usize, settings: &Settings) -> BacktestReport {
    backtest_kfold(pool, k, settings)
}

/// Backtest of labelled cars against a pool.
pub fn backtest_vehicles_labelled(
    labelled: &[VehicleRecord],
    pool: &[VehicleRecord],
    settings: &Settings,
) -> BacktestReport {
    backtest_against(labelled, pool, settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, PropertyType};

    #[test]
    fn kfold_on_a_clean_synthetic_market() {
        // price = 5000 PEN/m² × area, ±3% deterministic noise, two districts
        let pool: Vec<PropertyRecord> = (0..240)
            .map(|i| {
                let area = 50.0 + (i % 40) as f64 * 3.0;
                let lvl = if i % 2 == 0 { 5000.0 } else { 8000.0 };
                let noise = 1.0 + ((i * 37) % 7) as f64 / 100.0 - 0.03;
                PropertyRecord {
                    id: format!("h{i}"),
                    operation: Operation::Sale,
                    property_type: PropertyType::Apartment,
                    price: Some(lvl * area * noise),
                    area_m2: Some(area),
                    bedrooms: Some(2 + (i % 3) as u32),
                    district: Some(if i % 2 == 0 { "Lince" } else { "Miraflores" }.into()),
                    ..Default::default()
                }
            })
            .collect();
        let r = backtest_properties(
            &pool,
            3,
            &Settings {
                trees: 60,
                ..Default::default()
            },
        );
        assert_eq!(r.answered_share, 1.0);
        assert_eq!(r.overall.n, 240);
        assert!(r.overall.mdape < 0.05, "{}", r.overall.mdape);
        assert!(r.by_segment.iter().any(|s| s.segment == "district:Lince"));
        assert_eq!(r.by_confidence_tercile.len(), 3);
    }
}
