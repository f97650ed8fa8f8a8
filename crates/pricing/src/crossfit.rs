//! Cross-fitting, the fit-time stage homes and cars share: out-of-fold
//! features of every pool row, the boosted ensemble over them, and the
//! verdict on whether that learned correction beat the simpler base out of
//! fold. Each kind brings only its own index (how a row is answered from
//! the other rows) and its grouping (home segment; cars as one group).

use super::Settings;
use super::conformal::Ensemble;
use super::stats::{hash_str, median, mix64, quantile};
use std::collections::HashMap;

/// Folds of the out-of-fold features (levels, comparables) of pool rows;
/// more folds = features closer to those of a new item (full pool).
pub(crate) const FEATURE_FOLDS: usize = 10;

/// Clean pool rows below which no boosted correction is fitted.
pub(crate) const MIN_BOOSTED: usize = 80;

/// What the cross-fitting reads of a prepared pool row.
pub(crate) trait PoolRow {
    fn id(&self) -> &str;
    /// ln price in PEN.
    fn y(&self) -> f64;
    /// Kept as a comparable (not a duplicate, not an outlier).
    fn clean(&self) -> bool;
    /// Calibration and verdict group (a home segment; 0 for every car).
    fn group(&self) -> u8;
}

/// The pool's rows as `prepare` makes them, those without a usable price
/// (`y` not finite) dropped, then marked clean or not by `mark_clean`.
pub(crate) fn prepared_rows<T, R: PoolRow>(
    pool: &[T],
    prepare: impl Fn(&T) -> R,
    mark_clean: impl FnOnce(&mut [R]),
) -> Vec<R> {
    let mut rows: Vec<R> = pool
        .iter()
        .map(prepare)
        .filter(|r| r.y().is_finite())
        .collect();
    mark_clean(&mut rows);
    rows
}

/// The (base, features) of each asked row, in `ask` order: what
/// [`cross_fit`]'s `answer` returns once it has an index to `query` with.
pub(crate) fn answers<R>(
    rows: &[R],
    ask: &[usize],
    query: impl Fn(&R) -> (f64, Vec<f64>),
) -> Vec<(f64, Vec<f64>)> {
    ask.iter().map(|&i| query(&rows[i])).collect()
}

/// The boosted correction of a pool and where it earned its place.
pub(crate) struct Boosted {
    pub ensemble: Ensemble,
    /// Groups whose correction beat the base out of fold, ascending.
    pub groups: Vec<u8>,
    /// Per group with at least 5 clean rows: the base's own out-of-fold
    /// band (ln price residual quantiles at the interval level's tails).
    pub base_bands: HashMap<u8, (f64, f64)>,
}

/// Fits the boosted correction on out-of-fold features; `None` below
/// [`MIN_BOOSTED`] clean rows. `answer(train, rows)` builds an index over
/// the `train` rows and gives each of `rows` its (base, features).
/// `fallback` is the band half-width used where a quantile is undefined.
pub(crate) fn cross_fit<R: PoolRow>(
    rows: &[R],
    settings: &Settings,
    subsample: f64,
    fallback: f64,
    answer: impl Fn(Vec<usize>, &[usize]) -> Vec<(f64, Vec<f64>)>,
) -> Option<Boosted> {
    let members: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].clean()).collect();
    if members.len() < MIN_BOOSTED {
        return None;
    }
    let k = settings.folds.max(2);
    let fold: Vec<usize> = rows
        .iter()
        .map(|r| (mix64(hash_str(r.id()) ^ settings.seed) % k as u64) as usize)
        .collect();
    let ffold: Vec<usize> = rows
        .iter()
        .map(|r| (mix64(hash_str(r.id()) ^ settings.seed ^ 0xfeed) % FEATURE_FOLDS as u64) as usize)
        .collect();
    let mut base = vec![0.0; rows.len()];
    let mut feats: Vec<Vec<f64>> = vec![Vec::new(); rows.len()];
    for f in 0..FEATURE_FOLDS {
        let train: Vec<usize> = members.iter().copied().filter(|&i| ffold[i] != f).collect();
        let inside: Vec<usize> = (0..rows.len()).filter(|&i| ffold[i] == f).collect();
        for (i, (b, x)) in inside.iter().zip(answer(train, &inside)) {
            base[*i] = b;
            feats[*i] = x;
        }
    }
    let p = feats[0].len();
    let x: Vec<f64> = feats.concat();
    let y: Vec<f64> = rows.iter().map(|r| r.y()).collect();
    let w: Vec<f64> = rows
        .iter()
        .map(|r| if r.clean() { 1.0 } else { 0.0 })
        .collect();
    let calib: Vec<Option<u32>> = rows.iter().map(|r| Some(r.group() as u32)).collect();
    let params = settings.boosting_params(subsample);
    let ensemble = Ensemble::fit(
        &x,
        p,
        &y,
        &base,
        &fold,
        k,
        &w,
        &calib,
        &params,
        settings.interval_level,
    );
    let (groups, base_bands) = judge(
        rows,
        &base,
        &ensemble.oof_pred,
        settings.interval_level,
        fallback,
    );
    Some(Boosted {
        ensemble,
        groups,
        base_bands,
    })
}

/// For each group, whether the boosted correction beat the base out of
/// fold (median absolute log error over its clean rows), and the base's own
/// out-of-fold band. A learned correction is used only where it earned it
/// on this pool.
fn judge<R: PoolRow>(
    rows: &[R],
    base: &[f64],
    oof: &[f64],
    level: f64,
    fallback: f64,
) -> (Vec<u8>, HashMap<u8, (f64, f64)>) {
    // Per group: |base error|, |boosted error|, base error.
    type Errors = (Vec<f64>, Vec<f64>, Vec<f64>);
    let mut by: HashMap<u8, Errors> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if r.clean() && base[i].is_finite() && oof[i].is_finite() {
            let e = by.entry(r.group()).or_default();
            e.0.push((r.y() - base[i]).abs());
            e.1.push((r.y() - oof[i]).abs());
            e.2.push(r.y() - base[i]);
        }
    }
    let mut boosted = Vec::new();
    let mut bands = HashMap::new();
    let tail = (1.0 - level) / 2.0;
    for (group, (b, g, res)) in by {
        if median(&g) < median(&b) {
            boosted.push(group);
        }
        if res.len() >= 5 {
            bands.insert(
                group,
                (
                    quantile(&res, tail).unwrap_or(-fallback),
                    quantile(&res, 1.0 - tail).unwrap_or(fallback),
                ),
            );
        }
    }
    boosted.sort_unstable();
    (boosted, bands)
}
