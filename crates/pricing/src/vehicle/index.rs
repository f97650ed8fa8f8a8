//! Index: the price levels (global → brand → model → model-year, each
//! shrunk to its parent; the year curve and mileage fit), the same-model
//! comparables adjusted for year and mileage, and the features the boosted
//! correction reads of them.

use super::prepare::Row;
use crate::stats::{ridge, weighted_mean, weighted_median};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

const SHRINK_BRAND: f64 = 5.0;
const SHRINK_MODEL: f64 = 5.0;
const SHRINK_MY: f64 = 3.0;
const SHRINK_BY: f64 = 10.0;
/// The local linear fit reads this many times the comparables shown.
const LOCAL_FIT_WIDTH: usize = 4;

/// Price levels over a set of pool rows. The brand-keyed tables split by
/// brand in the cache (every key starts with its brand), the rest is small.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Levels {
    pub(super) n: usize,
    pub(super) global: f64,
    /// year → shrunk mean ln price minus global (ordered: the nearest-year
    /// fallback and the slope do not depend on hashing)
    pub(super) year_curve: BTreeMap<i64, f64>,
    pub(super) year_slope: f64,
    pub(super) brand: HashMap<String, (f64, f64)>,
    pub(super) model: HashMap<String, (f64, f64)>,
    pub(super) model_year: HashMap<(String, i64), (f64, f64)>,
    pub(super) brand_year: HashMap<(String, i64), (f64, f64)>,
    pub(super) trim: HashMap<String, (f64, f64)>,
    pub(super) trim_year: HashMap<(String, i64), (f64, f64)>,
    pub(super) mil_beta: f64,
    pub(super) mil_fit: (f64, f64),
    /// Comparables per brand over the whole pool, also when only some
    /// brands' rows and tables are loaded.
    pub(super) brand_sizes: HashMap<String, usize>,
}

/// Candidate comparables (positions in the model's rows, pool order).
#[derive(Debug, Clone, Default)]
pub(super) struct Lists {
    pub(super) by_model: HashMap<String, Vec<usize>>,
    pub(super) by_brand: HashMap<String, Vec<usize>>,
}

pub(super) struct Index<'a> {
    pub(super) rows: &'a [Row],
    pub(super) lv: &'a Levels,
    pub(super) lists: &'a Lists,
}

pub(super) struct Query {
    pub(super) l_brand: f64,
    pub(super) l_model: f64,
    pub(super) l_my: f64,
    n_brand: f64,
    pub(super) n_model: f64,
    n_my: f64,
    pub(super) base: f64,
    knn: f64,
    pub(super) knn_sd: f64,
    knn_med: f64,
    nn1: f64,
    dyear: f64,
    dmil: f64,
    llr: f64,
    d1: f64,
    pub(super) mil_dev: f64,
    l_trim: f64,
    l_ty: f64,
    n_trim: f64,
    n_ty: f64,
    pub(super) neighbours: Vec<(usize, f64)>,
    pub(super) level: &'static str,
}

pub(super) fn build_index(rows: &[Row], members: &[usize]) -> (Levels, Lists) {
    let n = members.len();
    let global = members.iter().map(|&i| rows[i].y).sum::<f64>() / n.max(1) as f64;
    let mut ys: BTreeMap<i64, (f64, f64)> = BTreeMap::new();
    for &i in members {
        if rows[i].year.is_finite() {
            let e = ys.entry(rows[i].year as i64).or_default();
            e.0 += rows[i].y;
            e.1 += 1.0;
        }
    }
    // year slope from a weighted regression of the year means
    let (mut sx, mut sy, mut sw) = (0.0, 0.0, 0.0);
    for (y, (s, c)) in &ys {
        sx += *y as f64 * c;
        sy += s;
        sw += c;
    }
    let (mx, my) = (sx / sw.max(1.0), sy / sw.max(1.0));
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (y, (s, c)) in &ys {
        let dx = *y as f64 - mx;
        sxy += dx * (s / c - my) * c;
        sxx += dx * dx * c;
    }
    let year_slope = if sxx > 0.0 { sxy / sxx } else { 0.08 };
    let year_curve: BTreeMap<i64, f64> = ys
        .iter()
        .map(|(y, (s, c))| {
            let prior = my + year_slope * (*y as f64 - mx) - global;
            (*y, (s - c * global + 10.0 * prior) / (c + 10.0))
        })
        .collect();
    let mut idx = Levels {
        n,
        global,
        year_curve,
        year_slope,
        ..Levels::default()
    };
    let mut lists = Lists::default();
    // age-adjusted residual z = y − global − a(year)
    let mut bsum: HashMap<String, (f64, f64)> = HashMap::new();
    let mut msum: HashMap<String, (f64, f64)> = HashMap::new();
    let mut mysum: HashMap<(String, i64), (f64, f64)> = HashMap::new();
    let mut bysum: HashMap<(String, i64), (f64, f64)> = HashMap::new();
    let mut tsum: HashMap<String, (f64, f64)> = HashMap::new();
    let mut tysum: HashMap<(String, i64), (f64, f64)> = HashMap::new();
    for &i in members {
        let r = &rows[i];
        let z = r.y - global - idx.age(r.year);
        let e = bsum.entry(r.brand.clone()).or_default();
        e.0 += z;
        e.1 += 1.0;
        let e = msum.entry(r.model.clone()).or_default();
        e.0 += z;
        e.1 += 1.0;
        let e = mysum.entry((r.model.clone(), r.year as i64)).or_default();
        e.0 += z;
        e.1 += 1.0;
        let e = bysum.entry((r.brand.clone(), r.year as i64)).or_default();
        e.0 += z;
        e.1 += 1.0;
        let e = tsum.entry(r.trim.clone()).or_default();
        e.0 += z;
        e.1 += 1.0;
        let e = tysum.entry((r.trim.clone(), r.year as i64)).or_default();
        e.0 += z;
        e.1 += 1.0;
        lists.by_model.entry(r.model.clone()).or_default().push(i);
        lists.by_brand.entry(r.brand.clone()).or_default().push(i);
    }
    idx.brand = bsum
        .into_iter()
        .map(|(k, (s, c))| (k, (s / (c + SHRINK_BRAND), c)))
        .collect();
    for (k, (s, c)) in msum {
        let b = k.split('|').next().unwrap_or("").to_string();
        let pb = idx.brand.get(&b).map_or(0.0, |v| v.0);
        idx.model
            .insert(k, ((s + SHRINK_MODEL * pb) / (c + SHRINK_MODEL), c));
    }
    for ((b, y), (s, c)) in bysum {
        let pb = idx.brand.get(&b).map_or(0.0, |v| v.0);
        idx.brand_year
            .insert((b, y), ((s + SHRINK_BY * pb) / (c + SHRINK_BY), c));
    }
    for ((m, y), (s, c)) in mysum {
        let b = m.split('|').next().unwrap_or("").to_string();
        let pb = idx.brand.get(&b).map_or(0.0, |v| v.0);
        let dev = idx.brand_year.get(&(b, y)).map_or(0.0, |v| v.0 - pb);
        let pm = idx.model.get(&m).map_or(0.0, |v| v.0) + dev;
        idx.model_year
            .insert((m, y), ((s + SHRINK_MY * pm) / (c + SHRINK_MY), c));
    }
    for (t, (s, c)) in tsum {
        let m = t.split('|').take(2).collect::<Vec<_>>().join("|");
        let pm = idx.model.get(&m).map_or(0.0, |v| v.0);
        idx.trim
            .insert(t, ((s + SHRINK_MODEL * pm) / (c + SHRINK_MODEL), c));
    }
    for ((t, y), (s, c)) in tysum {
        let m = t.split('|').take(2).collect::<Vec<_>>().join("|");
        let pt = idx.trim.get(&t).map_or(0.0, |v| v.0);
        let pmy = idx.model_year.get(&(m, y)).map_or(pt, |v| v.0);
        idx.trim_year.insert(
            (t, y),
            ((s + SHRINK_MY * 0.5 * (pt + pmy)) / (c + SHRINK_MY), c),
        );
    }
    // mileage: expected ln mileage by age, then effect of the deviation
    let mut x = Vec::new();
    let mut yv = Vec::new();
    for &i in members {
        let r = &rows[i];
        if r.lmil.is_finite() && r.year.is_finite() {
            x.extend_from_slice(&[1.0, (2020.0 - r.year).clamp(0.0, 40.0)]);
            yv.push(r.lmil);
        }
    }
    if yv.len() > 30 {
        let b = ridge(&x, 2, &yv, None, 0.0);
        idx.mil_fit = (b[0], b[1]);
        let mut x2 = Vec::new();
        let mut y2 = Vec::new();
        for &i in members {
            let r = &rows[i];
            if r.lmil.is_finite() && r.year.is_finite() {
                let l = idx.levels(r);
                x2.extend_from_slice(&[1.0, idx.mil_dev(r)]);
                y2.push(r.y - l.2);
            }
        }
        idx.mil_beta = ridge(&x2, 2, &y2, None, 10.0)[1].clamp(-0.5, 0.0);
    }
    idx.brand_sizes = lists
        .by_brand
        .iter()
        .map(|(b, v)| (b.clone(), v.len()))
        .collect();
    (idx, lists)
}

impl Levels {
    fn age(&self, year: f64) -> f64 {
        if !year.is_finite() {
            return 0.0;
        }
        let y = year as i64;
        if let Some(v) = self.year_curve.get(&y) {
            return *v;
        }
        // nearest known year plus the linear slope
        let near = self
            .year_curve
            .keys()
            .min_by_key(|k| (*k - y).abs())
            .copied();
        match near {
            Some(k) => self.year_curve[&k] + self.year_slope * (y - k) as f64,
            None => 0.0,
        }
    }

    pub(super) fn mil_dev(&self, r: &Row) -> f64 {
        if r.lmil.is_finite() && r.year.is_finite() {
            r.lmil - (self.mil_fit.0 + self.mil_fit.1 * (2020.0 - r.year).clamp(0.0, 40.0))
        } else {
            0.0
        }
    }

    /// Absolute ln-price levels: (brand at average age, model at average
    /// age, model-year) plus counts.
    pub(super) fn levels(&self, r: &Row) -> (f64, f64, f64, f64, f64, f64) {
        let (b, nb) = self.brand.get(&r.brand).copied().unwrap_or((0.0, 0.0));
        let (m, nm) = self.model.get(&r.model).copied().unwrap_or((b, 0.0));
        let dev = self
            .brand_year
            .get(&(r.brand.clone(), r.year as i64))
            .map_or(0.0, |v| v.0 - b);
        let (my, nmy) = self
            .model_year
            .get(&(r.model.clone(), r.year as i64))
            .copied()
            .unwrap_or((m + dev, 0.0));
        let a = self.age(r.year);
        (
            self.global + b,
            self.global + m,
            self.global + a + my,
            nb,
            nm,
            nmy,
        )
    }

    /// The item with its model key replaced by the longest known prefix of
    /// its model words ("x3 30i" → "x3") when the exact model is unknown.
    fn resolve(&self, q: &Row) -> Option<Row> {
        if self.model.contains_key(&q.model) {
            return None;
        }
        let words: Vec<&str> = q.model_words.split(' ').filter(|w| !w.is_empty()).collect();
        for t in (1..words.len()).rev() {
            let key = format!("{}|{}", q.brand, words[..t].concat());
            if self.model.contains_key(&key) {
                let mut r = q.clone();
                r.trim = r.trim.replacen(&r.model, &key, 1);
                r.model = key;
                return Some(r);
            }
        }
        None
    }
}

impl Index<'_> {
    pub(super) fn query(&self, q0: &Row, k: usize) -> Query {
        let lv = self.lv;
        let resolved = lv.resolve(q0);
        let q = resolved.as_ref().unwrap_or(q0);
        let (l_brand, l_model, l_my, n_brand, n_model, n_my) = lv.levels(q);
        let level = if n_my >= 3.0 {
            "model-year"
        } else if n_model >= 3.0 {
            "model"
        } else if n_brand >= 3.0 {
            "brand"
        } else {
            "global"
        };
        let empty = Vec::new();
        // A model read from the cache holds only the brands asked for.
        assert!(
            !lv.brand_sizes.contains_key(&q.brand) || self.lists.by_brand.contains_key(&q.brand),
            "comparables of the item's brand loaded"
        );
        let cands = match self.lists.by_model.get(&q.model) {
            Some(v) if v.len() >= 3 => v,
            _ => self.lists.by_brand.get(&q.brand).unwrap_or(&empty),
        };
        let kw = k * LOCAL_FIT_WIDTH;
        let mut best: Vec<(f64, usize)> = Vec::with_capacity(kw + 1);
        for &j in cands {
            let r = &self.rows[j];
            if r.id == q.id {
                continue;
            }
            let mut d = 0.0;
            if r.model != q.model {
                d += 2.0;
            }
            d += if q.year.is_finite() && r.year.is_finite() {
                0.35 * (q.year - r.year).abs()
            } else {
                1.0
            };
            d += if q.lmil.is_finite() && r.lmil.is_finite() {
                0.4 * (q.lmil - r.lmil).abs()
            } else {
                0.3
            };
            d += if q.engine.is_finite() && r.engine.is_finite() {
                1.5 * (q.engine - r.engine).abs()
            } else {
                0.3
            };
            for (a, b, wt) in [
                (q.body, r.body, 0.5),
                (q.trans, r.trans, 0.5),
                (q.fuel, r.fuel, 0.6),
                (q.drive, r.drive, 0.5),
                (q.source, r.source, 1.5),
            ] {
                if a.is_finite() && b.is_finite() {
                    if a != b {
                        d += wt;
                    }
                } else {
                    d += 0.15;
                }
            }
            if best.len() < kw || d < best[best.len() - 1].0 {
                let pos = best.partition_point(|b| b.0 <= d);
                best.insert(pos, (d, j));
                if best.len() > kw {
                    best.pop();
                }
            }
        }
        let (mut knn, mut knn_sd, mut d1) = (f64::NAN, f64::NAN, f64::NAN);
        let (mut knn_med, mut nn1) = (f64::NAN, f64::NAN);
        let (mut dyear, mut dmil) = (f64::NAN, f64::NAN);
        let mut llr = f64::NAN;
        let wide = std::mem::take(&mut best);
        best = wide.iter().take(k).copied().collect();
        let mut neighbours = Vec::new();
        if !best.is_empty() {
            d1 = best[0].0;
            let h = best[best.len() - 1].0.max(0.1);
            let mut ys = Vec::new();
            let mut ws = Vec::new();
            for &(d, j) in &best {
                let r = &self.rows[j];
                let adj = r.y + lv.age(q.year) - lv.age(r.year)
                    + lv.mil_beta * (lv.mil_dev(q) - lv.mil_dev(r));
                let w = (-(d / h) * (d / h) * 1.5).exp() + 1e-3;
                ys.push(adj);
                ws.push(w);
                neighbours.push((j, w));
            }
            knn = weighted_mean(&ys, &ws).unwrap_or(f64::NAN);
            knn_med = weighted_median(&ys, &ws).unwrap_or(f64::NAN);
            nn1 = ys[0];
            let dy: Vec<f64> = best
                .iter()
                .map(|&(_, j)| q.year - self.rows[j].year)
                .collect();
            let dm: Vec<f64> = best
                .iter()
                .map(|&(_, j)| q.lmil - self.rows[j].lmil)
                .collect();
            dyear = weighted_mean(&dy, &ws).unwrap_or(f64::NAN);
            dmil = weighted_mean(&dm, &ws).unwrap_or(f64::NAN);
            // local linear fit over the wider set: the comparables' price at
            // the car's own year and mileage, not at their average
            if wide.len() >= 12 && q.year.is_finite() && q.lmil.is_finite() {
                let hw = wide[wide.len() - 1].0.max(0.1);
                let (mut x, mut yy, mut w) = (Vec::new(), Vec::new(), Vec::new());
                for &(d, j) in &wide {
                    let r = &self.rows[j];
                    if !(r.year.is_finite() && r.lmil.is_finite()) {
                        continue;
                    }
                    x.extend_from_slice(&[1.0, r.year - q.year, r.lmil - q.lmil]);
                    yy.push(r.y);
                    w.push((-(d / hw) * (d / hw) * 1.5).exp() + 1e-3);
                }
                if yy.len() >= 12 {
                    llr = ridge(&x, 3, &yy, Some(&w), 2.0)[0];
                }
            }
            knn_sd = (ys
                .iter()
                .zip(&ws)
                .map(|(y, w)| w * (y - knn) * (y - knn))
                .sum::<f64>()
                / ws.iter().sum::<f64>())
            .sqrt();
        }
        let mil_dev = lv.mil_dev(q);
        let te = l_my + lv.mil_beta * mil_dev;
        let base = if knn.is_finite() && n_model >= 3.0 {
            0.5 * knn + 0.5 * te
        } else {
            te
        };
        let (tz, n_trim) = lv.trim.get(&q.trim).copied().unwrap_or((f64::NAN, 0.0));
        let (tyz, n_ty) = lv
            .trim_year
            .get(&(q.trim.clone(), q.year as i64))
            .copied()
            .unwrap_or((f64::NAN, 0.0));
        let a = lv.age(q.year);
        Query {
            l_trim: lv.global + a + tz,
            l_ty: lv.global + a + tyz,
            n_trim,
            n_ty,
            l_brand,
            l_model,
            l_my,
            n_brand,
            n_model,
            n_my,
            base,
            knn,
            knn_sd,
            knn_med,
            nn1,
            dyear,
            dmil,
            llr,
            d1,
            mil_dev,
            neighbours,
            level,
        }
    }
}

pub(super) fn features(r: &Row, q: &Query) -> Vec<f64> {
    vec![
        r.source,
        r.year,
        r.lmil,
        r.mil_round,
        q.mil_dev,
        r.engine,
        r.body,
        r.drive,
        r.trans,
        r.fuel,
        r.photos,
        r.days,
        q.l_brand - q.base,
        q.l_model - q.base,
        q.l_my - q.base,
        q.l_brand,
        (1.0 + q.n_brand).ln(),
        (1.0 + q.n_model).ln(),
        (1.0 + q.n_my).ln(),
        q.knn - q.base,
        q.knn_sd,
        q.knn_med - q.base,
        q.nn1 - q.base,
        q.dyear,
        q.dmil,
        q.llr - q.base,
        q.d1,
        q.l_trim - q.base,
        q.l_ty - q.base,
        (1.0 + q.n_trim).ln(),
        (1.0 + q.n_ty).ln(),
    ]
}
