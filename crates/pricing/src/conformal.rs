//! Cross-fitted boosting ensemble with normalised split-conformal intervals.
//!
//! The pool is cut into K folds. Model k is fitted on every fold but k, and
//! predicts fold k: those out-of-fold (OOF) log-residuals r_i are honest. A
//! small "spread" booster learns ln|r| from the same features, giving a local
//! difficulty s(x). The conformal scores are e_i = r_i / s(x_i); the interval
//! for a new item is [ŷ + q_lo·s(x), ŷ + q_hi·s(x)] where q_lo, q_hi are the
//! finite-sample conformal quantiles of e at (1−level)/2 and (1+level)/2. The
//! point prediction is the mean of the K models (a CV+ style ensemble).

use super::gbm::{Gbm, GbmParams};
use super::stats::{conformal_quantile, median};
use serde::{Deserialize, Serialize};

/// Number of spread bins with their own conformal quantiles.
const MONDRIAN_BINS: usize = 4;

/// Spread-bin upper edges and the (q_lo, q_hi) of each bin.
pub type SpreadBins = (Vec<f64>, Vec<(f64, f64)>);

/// Fitted ensemble.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ensemble {
    pub models: Vec<Gbm>,
    /// Cross-fitted spread models (empty when the pool is small).
    pub spreads: Vec<Gbm>,
    /// Mean ln|OOF residual| (the spread when there is no spread model).
    pub spread_default: f64,
    pub q_lo: f64,
    pub q_hi: f64,
    /// Spread thresholds and per-bin (q_lo, q_hi) of the Mondrian refinement.
    pub bin_edges: Vec<f64>,
    pub bin_q: Vec<(f64, f64)>,
    /// Per calibration group: (group, edges, quantiles).
    pub group_bins: Vec<(u32, SpreadBins)>,
    /// OOF log-residuals and their predicted spreads (kept for diagnostics).
    /// Not cached: one value per pool row, and estimating never reads it.
    #[serde(skip)]
    pub oof_pred: Vec<f64>,
}

/// Conformal quantiles of signed scores for a central interval at `level`.
pub fn central_quantiles(scores: &[f64], level: f64) -> (f64, f64) {
    let a = (1.0 - level) / 2.0;
    let neg: Vec<f64> = scores.iter().map(|s| -s).collect();
    let lo = -conformal_quantile(&neg, 1.0 - a);
    let hi = conformal_quantile(scores, 1.0 - a);
    (lo, hi)
}

/// Spread-bin edges and per-bin conformal quantiles of (spread, score)
/// pairs; `None` with fewer than 600 pairs.
fn mondrian(sc: &[(f64, f64)], level: f64, fallback: (f64, f64)) -> Option<SpreadBins> {
    let bins = MONDRIAN_BINS.min(sc.len() / 300);
    if bins < 2 {
        return None;
    }
    let mut ss: Vec<f64> = sc.iter().map(|v| v.0).collect();
    ss.sort_by(|a, b| a.total_cmp(b));
    let edges: Vec<f64> = (1..bins).map(|b| ss[b * ss.len() / bins]).collect();
    let qs = (0..bins)
        .map(|b| {
            let part: Vec<f64> = sc
                .iter()
                .filter(|v| edges.partition_point(|e| *e <= v.0) == b)
                .map(|v| v.1)
                .collect();
            let (l, h) = central_quantiles(&part, level);
            (
                if l.is_finite() { l } else { fallback.0 },
                if h.is_finite() { h } else { fallback.1 },
            )
        })
        .collect();
    Some((edges, qs))
}

fn run_parallel<T: Send>(jobs: Vec<Box<dyn FnOnce() -> T + Send + '_>>) -> Vec<T> {
    std::thread::scope(|s| {
        let handles: Vec<_> = jobs.into_iter().map(|j| s.spawn(j)).collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("worker"))
            .collect()
    })
}

impl Ensemble {
    /// `x` row-major n×p (OOF features), `y` targets, `base` starting values,
    /// `fold[i]` in 0..k, `w` training weights (0 = not trained on, still
    /// predicted and, when `calib[i]`, used for calibration).
    #[allow(clippy::too_many_arguments)]
    pub fn fit(
        x: &[f64],
        p: usize,
        y: &[f64],
        base: &[f64],
        fold: &[usize],
        k: usize,
        w: &[f64],
        groups: &[Option<u32>],
        params: &GbmParams,
        level: f64,
    ) -> Ensemble {
        let n = y.len();
        let jobs: Vec<Box<dyn FnOnce() -> Gbm + Send + '_>> = (0..k)
            .map(|f| {
                let job: Box<dyn FnOnce() -> Gbm + Send + '_> = Box::new(move || {
                    let idx: Vec<usize> = (0..n).filter(|&i| fold[i] != f && w[i] > 0.0).collect();
                    let mut xs = Vec::with_capacity(idx.len() * p);
                    let mut ys = Vec::with_capacity(idx.len());
                    let mut bs = Vec::with_capacity(idx.len());
                    let mut ws = Vec::with_capacity(idx.len());
                    for &i in &idx {
                        xs.extend_from_slice(&x[i * p..(i + 1) * p]);
                        ys.push(y[i]);
                        bs.push(base[i]);
                        ws.push(w[i]);
                    }
                    let mut pr = params.clone();
                    pr.seed = params.seed.wrapping_add(f as u64 * 7919);
                    Gbm::fit(&xs, p, &ys, Some(&bs), Some(&ws), &pr)
                });
                job
            })
            .collect();
        let models = run_parallel(jobs);
        let mut oof_pred = vec![0.0; n];
        for i in 0..n {
            oof_pred[i] = base[i] + models[fold[i]].predict_row(&x[i * p..(i + 1) * p]);
        }
        let resid: Vec<f64> = (0..n).map(|i| y[i] - oof_pred[i]).collect();
        let cal: Vec<usize> = (0..n).filter(|&i| groups[i].is_some()).collect();
        let abs: Vec<f64> = cal.iter().map(|&i| resid[i].abs()).collect();
        let spread_default = median(&abs).unwrap_or(0.3).max(0.02);
        // spread models on ln|r| (floored), shallow and strongly regularised,
        // cross-fitted like the point models so calibration scores are honest
        let floor = spread_default * 0.05;
        let m0 = if cal.is_empty() {
            spread_default.ln()
        } else {
            cal.iter()
                .map(|&i| resid[i].abs().max(floor).ln())
                .sum::<f64>()
                / cal.len() as f64
        };
        let spreads: Vec<Gbm> = if cal.len() >= 200 {
            let jobs: Vec<Box<dyn FnOnce() -> Gbm + Send + '_>> = (0..k)
                .map(|f| {
                    let cal = &cal;
                    let resid = &resid;
                    let job: Box<dyn FnOnce() -> Gbm + Send + '_> = Box::new(move || {
                        let rows: Vec<usize> =
                            cal.iter().copied().filter(|&i| fold[i] != f).collect();
                        let sy: Vec<f64> = rows
                            .iter()
                            .map(|&i| resid[i].abs().max(floor).ln())
                            .collect();
                        let mut sx = Vec::with_capacity(rows.len() * p);
                        for &i in &rows {
                            sx.extend_from_slice(&x[i * p..(i + 1) * p]);
                        }
                        let sp = GbmParams {
                            trees: 60,
                            learning_rate: 0.05,
                            max_depth: 3,
                            min_leaf: (rows.len() / 40).max(30),
                            lambda: 10.0,
                            subsample: 0.7,
                            colsample: 1.0,
                            huber: None,
                            max_bins: 32,
                            seed: params.seed ^ 0x5eed ^ f as u64,
                        };
                        let b0 = vec![m0; sy.len()];
                        Gbm::fit(&sx, p, &sy, Some(&b0), None, &sp)
                    });
                    job
                })
                .collect();
            run_parallel(jobs)
        } else {
            Vec::new()
        };
        let mut ens = Ensemble {
            models,
            spreads,
            spread_default: m0,
            q_lo: 0.0,
            q_hi: 0.0,
            bin_edges: Vec::new(),
            bin_q: Vec::new(),
            group_bins: Vec::new(),
            oof_pred,
        };
        let sc: Vec<(f64, f64)> = cal
            .iter()
            .map(|&i| {
                let row = &x[i * p..(i + 1) * p];
                let s = match ens.spreads.get(fold[i]) {
                    Some(g) => (ens.spread_default + g.predict_row(row)).exp().max(1e-3),
                    None => ens.spread_of(row),
                };
                (s, resid[i] / s)
            })
            .collect();
        let scores: Vec<f64> = sc.iter().map(|v| v.1).collect();
        let (lo, hi) = central_quantiles(&scores, level);
        ens.q_lo = if lo.is_finite() { lo } else { -3.0 };
        ens.q_hi = if hi.is_finite() { hi } else { 3.0 };
        // Mondrian refinement: separate quantiles for MONDRIAN_BINS bins of
        // the predicted spread (each bin needs ≥ 300 calibration rows), first
        // over all rows, then within each calibration group large enough
        let all: Vec<(f64, f64)> = sc.iter().map(|v| (v.0, v.1)).collect();
        if let Some((e, q)) = mondrian(&all, level, (ens.q_lo, ens.q_hi)) {
            ens.bin_edges = e;
            ens.bin_q = q;
        }
        let mut gids: Vec<u32> = cal.iter().filter_map(|&i| groups[i]).collect();
        gids.sort_unstable();
        gids.dedup();
        for g in gids {
            let part: Vec<(f64, f64)> = cal
                .iter()
                .zip(&sc)
                .filter(|(i, _)| groups[**i] == Some(g))
                .map(|(_, v)| *v)
                .collect();
            if let Some(b) = mondrian(&part, level, (ens.q_lo, ens.q_hi)) {
                ens.group_bins.push((g, b));
            }
        }
        ens
    }

    /// Local spread s(x) (in log-price units).
    pub fn spread_of(&self, row: &[f64]) -> f64 {
        let l = if self.spreads.is_empty() {
            self.spread_default
        } else {
            self.spread_default
                + self.spreads.iter().map(|g| g.predict_row(row)).sum::<f64>()
                    / self.spreads.len() as f64
        };
        l.exp().max(1e-3)
    }

    /// (lower, upper) offsets of the interval in log units for a feature row
    /// of calibration group `group` (e.g. the home segment).
    pub fn interval(&self, row: &[f64], group: Option<u32>) -> (f64, f64) {
        let s = self.spread_of(row);
        let (lo, hi) = match self.group_bins.iter().find(|g| Some(g.0) == group) {
            Some((_, (e, q))) => q[e.partition_point(|x| *x <= s)],
            None if !self.bin_q.is_empty() => {
                self.bin_q[self.bin_edges.partition_point(|e| *e <= s)]
            }
            None => (self.q_lo, self.q_hi),
        };
        (lo * s, hi * s)
    }

    /// Mean prediction of the K models (add to the base).
    pub fn predict(&self, row: &[f64]) -> f64 {
        self.models.iter().map(|m| m.predict_row(row)).sum::<f64>() / self.models.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn central_quantiles_bracket_scores() {
        let s: Vec<f64> = (-50..=49).map(|v| v as f64).collect(); // 100 values
        let (lo, hi) = central_quantiles(&s, 0.8);
        // ceil(101*0.9)=91st smallest of s = 40; symmetric low side = -41
        assert_eq!(hi, 40.0);
        assert_eq!(lo, -41.0);
    }

    #[test]
    fn ensemble_covers_about_level() {
        // y = x + noise whose scale grows with x; check OOF coverage ≈ 0.8
        let n = 2000;
        let mut x = Vec::new();
        let mut y = Vec::new();
        let mut state = 1u64;
        for i in 0..n {
            let xi = (i % 100) as f64 / 10.0;
            state = super::super::stats::mix64(state);
            let u = (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5;
            x.push(xi);
            y.push(xi + u * (0.1 + xi * 0.1));
        }
        let fold: Vec<usize> = (0..n).map(|i| (i * 7) % 4).collect();
        let w = vec![1.0; n];
        let cal: Vec<Option<u32>> = (0..n).map(|i| Some((i % 2) as u32)).collect();
        let base = vec![0.0; n];
        let p = GbmParams {
            trees: 80,
            huber: None,
            ..Default::default()
        };
        let e = Ensemble::fit(&x, 1, &y, &base, &fold, 4, &w, &cal, &p, 0.8);
        let mut covered = 0;
        for i in 0..n {
            let (lo, hi) = e.interval(&x[i..i + 1], Some((i % 2) as u32));
            let r = y[i] - e.oof_pred[i];
            if r >= lo && r <= hi {
                covered += 1;
            }
        }
        let cov = covered as f64 / n as f64;
        assert!((0.75..=0.86).contains(&cov), "coverage {cov}");
        // narrower where the noise is small
        assert!(e.spread_of(&[0.5]) < e.spread_of(&[9.5]));
    }
}
