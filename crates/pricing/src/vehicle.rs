//! Used-car valuation: hierarchical price levels (global → brand → model →
//! model-year, each shrunk to its parent), same-model comparables adjusted
//! for year, and a cross-fitted boosting ensemble on log price with
//! normalised conformal intervals. The value is explained by additive money
//! factors that add up exactly (to the cent) to the estimate.

use super::conformal::Ensemble;
use super::crossfit::{PoolRow, cross_fit};
use super::pack::{Bytes, Reader, Writer};
use super::places::fold;
use super::stats::{cents, mad, median, ridge, weighted_mean, weighted_median};
use super::{Currency, Settings, VehicleRecord, confidence_from_log_width};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

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

const SHRINK_BRAND: f64 = 5.0;
const SHRINK_MODEL: f64 = 5.0;
const SHRINK_MY: f64 = 3.0;
const SHRINK_BY: f64 = 10.0;
const K_NEIGHBOURS: usize = 10;
/// The local linear fit reads this many times the comparables shown.
const LOCAL_FIT_WIDTH: usize = 4;
const SUBSAMPLE: f64 = 0.5;

#[derive(Debug, Clone)]
struct Row {
    id: String,
    brand: String,
    model: String,
    year: f64,
    lmil: f64,
    /// how the odometer reading was typed (see `mileage_roundness`)
    mil_round: f64,
    engine: f64,
    body: f64,
    drive: f64,
    trans: f64,
    fuel: f64,
    photos: f64,
    days: f64,
    source: f64,
    trim: String,
    /// folded model words (for the prefix fallback of unknown models)
    model_words: String,
    y: f64,
    clean: bool,
}

fn cat(v: Option<&str>, table: &[&[&str]]) -> f64 {
    let Some(s) = v.map(fold) else {
        return f64::NAN;
    };
    if s.is_empty() {
        return f64::NAN;
    }
    for (i, alts) in table.iter().enumerate() {
        if alts.iter().any(|a| s == *a) {
            return i as f64;
        }
    }
    table.len() as f64
}

fn prepare(r: &VehicleRecord, pen_per_usd: f64) -> Row {
    let (brand, model_words) = canonical_brand_model(&r.brand, &r.model);
    let model = format!("{}|{}", brand, model_words.replace(' ', ""));
    let mut row = Row {
        id: r.id.clone(),
        brand,
        model,
        year: r
            .year
            .filter(|y| (1900..=2100).contains(y))
            .map_or(f64::NAN, |y| y as f64),
        lmil: r
            .mileage_km
            .filter(|m| m.is_finite() && *m >= 0.0)
            .map_or(f64::NAN, |m| (m + 1000.0).ln()),
        mil_round: r.mileage_km.map_or(f64::NAN, mileage_roundness),
        engine: r
            .engine_l
            .filter(|e| (0.5..=10.0).contains(e))
            .unwrap_or(f64::NAN),
        body: cat(
            r.body_type.as_deref(),
            // ordered by typical price so that tree splits on the code
            // separate cheap bodies from dear ones
            &[
                &["hatchback"],
                &["universal", "wagon", "station wagon"],
                &["minivan"],
                &["sedan"],
                &["van"],
                &["liftback"],
                &["coupe"],
                &["minibus"],
                &["suv", "crossover"],
                &["cabriolet", "convertible"],
                &["pickup"],
            ],
        ),
        drive: cat(
            r.drivetrain.as_deref(),
            &[
                &["front", "fwd"],
                &["rear", "rwd"],
                &["all", "awd", "4x4", "4wd"],
            ],
        ),
        trans: cat(
            r.transmission.as_deref(),
            &[&["mechanical", "manual"], &["automatic", "auto", "cvt"]],
        ),
        fuel: cat(
            r.fuel_type.as_deref(),
            &[
                &["gasoline", "petrol", "gasolina"],
                &["diesel"],
                &["hybrid", "hibrido"],
                &["electric", "electrico"],
            ],
        ),
        photos: r.photos.map_or(f64::NAN, |p| p as f64),
        days: r.days_listed.map_or(f64::NAN, |d| (1.0 + d.max(0.0)).ln()),
        source: match r.source.as_deref().map(fold).as_deref() {
            Some("usedcarscatalog by 2019") => 0.0,
            Some("neoauto") => 1.0,
            _ => 2.0,
        },
        y: r.price
            .filter(|p| p.is_finite() && *p > 0.0)
            .map_or(f64::NAN, |p| {
                r.currency.convert(p, Currency::USD, pen_per_usd).ln()
            }),
        clean: true,
        trim: String::new(),
        model_words,
    };
    row.trim = format!(
        "{}|{:.1}|{}|{}|{}",
        row.model, row.engine, row.fuel, row.trans, row.body
    );
    row
}

/// How an odometer reading was typed: 0 exact, 1 to the hundred, 2 to the
/// thousand, 3 to the ten thousand, 4 a placeholder (one repeated digit,
/// "123456"). Sellers who round or invent the reading price differently
/// from those who copy it, and a placeholder says the mileage is unknown.
fn mileage_roundness(m: f64) -> f64 {
    if !m.is_finite() || m < 0.0 {
        return f64::NAN;
    }
    let m = m.round() as u64;
    let digits = m.to_string();
    let repeated = digits.len() >= 4 && digits.bytes().all(|b| b == digits.as_bytes()[0]);
    if m == 0 || repeated || ["12345", "123456", "1234567"].contains(&digits.as_str()) {
        4.0
    } else if m.is_multiple_of(10_000) {
        3.0
    } else if m.is_multiple_of(1_000) {
        2.0
    } else if m.is_multiple_of(100) {
        1.0
    } else {
        0.0
    }
}

/// Folded brand and model words with portal spellings unified
/// ("Mercedes" + "Benz A 200" → "mercedes benz" + "a 200", "Land" + "Rover
/// Evoque" → "land rover" + "evoque", "VW" → "volkswagen").
pub(crate) fn canonical_brand_model(brand: &str, model: &str) -> (String, String) {
    let mut b = fold(brand);
    let mut m = fold(model);
    for (short, next, full) in [
        ("mercedes", "benz", "mercedes benz"),
        ("land", "rover", "land rover"),
        ("alfa", "romeo", "alfa romeo"),
        ("great", "wall", "great wall"),
    ] {
        if b == short {
            b = full.to_string();
            if let Some(rest) = m.strip_prefix(next) {
                m = rest.trim().to_string();
            }
        }
    }
    b = match b.as_str() {
        "vw" => "volkswagen".to_string(),
        "chevy" => "chevrolet".to_string(),
        "mercedes benz" | "mb" => "mercedes benz".to_string(),
        _ => b,
    };
    (b, m)
}

/// Robust z of ln price within model-year (≥ 8 listings) or model, |z| > 4
/// marks a dirty row (kept out of training and comparables).
fn mark_clean(rows: &mut [Row]) {
    let mut my: HashMap<(String, i64), Vec<f64>> = HashMap::new();
    for r in rows.iter() {
        if r.y.is_finite() {
            my.entry((r.model.clone(), r.year as i64))
                .or_default()
                .push(r.y);
        }
    }
    let st: HashMap<(String, i64), (f64, f64)> = my
        .into_iter()
        .filter(|(_, v)| v.len() >= 8)
        .map(|(k, v)| {
            (
                k,
                (median(&v).unwrap_or(0.0), mad(&v).unwrap_or(1.0).max(0.2)),
            )
        })
        .collect();
    for r in rows.iter_mut() {
        r.clean = r.y.is_finite()
            && st
                .get(&(r.model.clone(), r.year as i64))
                .is_none_or(|(m, s)| ((r.y - m) / s).abs() <= 4.0);
    }
}

/// Price levels over a set of pool rows. The brand-keyed tables split by
/// brand in the cache (every key starts with its brand), the rest is small.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Levels {
    n: usize,
    global: f64,
    /// year → shrunk mean ln price minus global (ordered: the nearest-year
    /// fallback and the slope do not depend on hashing)
    year_curve: BTreeMap<i64, f64>,
    year_slope: f64,
    brand: HashMap<String, (f64, f64)>,
    model: HashMap<String, (f64, f64)>,
    model_year: HashMap<(String, i64), (f64, f64)>,
    brand_year: HashMap<(String, i64), (f64, f64)>,
    trim: HashMap<String, (f64, f64)>,
    trim_year: HashMap<(String, i64), (f64, f64)>,
    mil_beta: f64,
    mil_fit: (f64, f64),
    /// Comparables per brand over the whole pool, also when only some
    /// brands' rows and tables are loaded.
    brand_sizes: HashMap<String, usize>,
}

/// Candidate comparables (positions in the model's rows, pool order).
#[derive(Debug, Clone, Default)]
struct Lists {
    by_model: HashMap<String, Vec<usize>>,
    by_brand: HashMap<String, Vec<usize>>,
}

struct Index<'a> {
    rows: &'a [Row],
    lv: &'a Levels,
    lists: &'a Lists,
}

struct Query {
    l_brand: f64,
    l_model: f64,
    l_my: f64,
    n_brand: f64,
    n_model: f64,
    n_my: f64,
    base: f64,
    knn: f64,
    knn_sd: f64,
    knn_med: f64,
    nn1: f64,
    dyear: f64,
    dmil: f64,
    llr: f64,
    d1: f64,
    mil_dev: f64,
    l_trim: f64,
    l_ty: f64,
    n_trim: f64,
    n_ty: f64,
    neighbours: Vec<(usize, f64)>,
    level: &'static str,
}

fn build_index(rows: &[Row], members: &[usize]) -> (Levels, Lists) {
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

    fn mil_dev(&self, r: &Row) -> f64 {
        if r.lmil.is_finite() && r.year.is_finite() {
            r.lmil - (self.mil_fit.0 + self.mil_fit.1 * (2020.0 - r.year).clamp(0.0, 40.0))
        } else {
            0.0
        }
    }

    /// Absolute ln-price levels: (brand at average age, model at average
    /// age, model-year) plus counts.
    fn levels(&self, r: &Row) -> (f64, f64, f64, f64, f64, f64) {
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
    fn query(&self, q0: &Row, k: usize) -> Query {
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

fn features(r: &Row, q: &Query) -> Vec<f64> {
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

/// A brand's level tables and comparables, packed; models and trims are
/// numbered within the brand. `None` if something does not fit the form.
fn pack_brand(lv: &Levels, brand: &str, rows: &[&Row]) -> Option<Bytes> {
    let of_brand = |key: &str| key.split('|').next() == Some(brand);
    let mut models: Vec<&String> = lv.model.keys().filter(|m| of_brand(m)).collect();
    models.sort();
    let mut trims: Vec<&String> = lv.trim.keys().filter(|t| of_brand(t)).collect();
    trims.sort();
    let model_ix: HashMap<&str, u16> = models
        .iter()
        .enumerate()
        .map(|(i, m)| Some((m.as_str(), u16::try_from(i).ok()?)))
        .collect::<Option<_>>()?;
    let trim_ix: HashMap<&str, u16> = trims
        .iter()
        .enumerate()
        .map(|(i, t)| Some((t.as_str(), u16::try_from(i).ok()?)))
        .collect::<Option<_>>()?;
    let mut w = Writer::default();
    let level = |w: &mut Writer, v: (f64, f64)| {
        w.f64(v.0);
        w.f64(v.1);
    };
    level(&mut w, *lv.brand.get(brand)?);
    for (names, table) in [(&models, &lv.model), (&trims, &lv.trim)] {
        w.u32(names.len() as u32);
        for k in names {
            w.str(k);
            level(&mut w, table[*k]);
        }
    }
    for (ix, table) in [(&model_ix, &lv.model_year), (&trim_ix, &lv.trim_year)] {
        let mut keys: Vec<&(String, i64)> = table.keys().filter(|k| of_brand(&k.0)).collect();
        keys.sort();
        w.u32(keys.len() as u32);
        for k in keys {
            w.u16(*ix.get(k.0.as_str())?);
            w.u64(k.1 as u64);
            level(&mut w, table[k]);
        }
    }
    let mut years: Vec<&(String, i64)> = lv.brand_year.keys().filter(|k| k.0 == brand).collect();
    years.sort();
    w.u32(years.len() as u32);
    for k in years {
        w.u64(k.1 as u64);
        level(&mut w, lv.brand_year[k]);
    }
    // Categories are small whole numbers or NaN (see `cat`).
    let small = |v: f64| -> Option<u8> {
        if v.is_nan() {
            Some(u8::MAX)
        } else {
            (v.fract() == 0.0 && (0.0..255.0).contains(&v)).then_some(v as u8)
        }
    };
    w.u32(rows.len() as u32);
    for r in rows {
        w.str(&r.id);
        w.u16(*model_ix.get(r.model.as_str())?);
        for v in [r.year, r.lmil, r.engine, r.y] {
            w.f64(v);
        }
        for v in [r.body, r.drive, r.trans, r.fuel, r.source] {
            w.u8(small(v)?);
        }
    }
    Some(w.done())
}

/// Adds a packed brand to `lv`, `lists` and `rows`.
fn unpack_brand(
    b: &[u8],
    brand: &str,
    lv: &mut Levels,
    lists: &mut Lists,
    rows: &mut Vec<Row>,
) -> Option<()> {
    let mut r = Reader::new(b);
    let level = |r: &mut Reader| Some((r.f64()?, r.f64()?));
    lv.brand.insert(brand.to_string(), level(&mut r)?);
    let mut names: [Vec<String>; 2] = [Vec::new(), Vec::new()];
    for (i, table) in [&mut lv.model, &mut lv.trim].into_iter().enumerate() {
        for _ in 0..r.u32()? {
            let k = r.str()?.to_string();
            table.insert(k.clone(), level(&mut r)?);
            names[i].push(k);
        }
    }
    for (i, table) in [&mut lv.model_year, &mut lv.trim_year]
        .into_iter()
        .enumerate()
    {
        for _ in 0..r.u32()? {
            let k = names[i].get(r.u16()? as usize)?.clone();
            let year = r.u64()? as i64;
            table.insert((k, year), level(&mut r)?);
        }
    }
    for _ in 0..r.u32()? {
        let year = r.u64()? as i64;
        lv.brand_year
            .insert((brand.to_string(), year), level(&mut r)?);
    }
    let n = r.u32()? as usize;
    let start = rows.len();
    for _ in 0..n {
        let id = r.str()?.to_string();
        let model = names[0].get(r.u16()? as usize)?.clone();
        let (year, lmil, engine, y) = (r.f64()?, r.f64()?, r.f64()?, r.f64()?);
        let mut cats = [0.0; 5];
        for c in &mut cats {
            *c = match r.u8()? {
                u8::MAX => f64::NAN,
                v => v as f64,
            };
        }
        let [body, drive, trans, fuel, source] = cats;
        lists
            .by_model
            .entry(model.clone())
            .or_default()
            .push(rows.len());
        rows.push(Row {
            id,
            brand: brand.to_string(),
            model,
            year,
            lmil,
            engine,
            body,
            drive,
            trans,
            fuel,
            source,
            y,
            clean: true,
            // Read only on the item's side, never on a comparable's.
            mil_round: f64::NAN,
            photos: f64::NAN,
            days: f64::NAN,
            trim: String::new(),
            model_words: String::new(),
        });
    }
    lists
        .by_brand
        .insert(brand.to_string(), (start..rows.len()).collect());
    r.is_empty().then_some(())
}

/// Cars are cross-fitted and judged as one group.
impl PoolRow for Row {
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
        0
    }
}

impl VehicleModel {
    /// Fits on a pool of priced listings. Never fails.
    pub fn fit(pool: &[VehicleRecord], settings: &Settings) -> VehicleModel {
        let mut rows: Vec<Row> = pool
            .iter()
            .map(|r| prepare(r, settings.pen_per_usd))
            .filter(|r| r.y.is_finite())
            .collect();
        mark_clean(&mut rows);
        let answer = |train: Vec<usize>, ask: &[usize]| {
            let (lv, lists) = build_index(&rows, &train);
            let idx = Index {
                rows: &rows,
                lv: &lv,
                lists: &lists,
            };
            ask.iter()
                .map(|&i| {
                    let q = idx.query(&rows[i], K_NEIGHBOURS);
                    (q.base, features(&rows[i], &q))
                })
                .collect()
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

    /// Values many items using both cores.
    pub fn estimate_many(&self, items: &[VehicleRecord]) -> Vec<VehicleValuation> {
        let idx = self.index();
        super::map_on_two_threads(items, |it| self.estimate_with(&idx, it))
    }

    /// Values one item; pool rows with the item's id are never used.
    pub fn estimate(&self, item: &VehicleRecord) -> VehicleValuation {
        self.estimate_with(&self.index(), item)
    }

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
            notes.push(format!(
                "few listings of this model-year: compared at {level} level, range widened ×{widen:.1}"
            ));
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
                    notes.push(
                        "the built-in figures are of Lima cars; this car's market may differ"
                            .into(),
                    );
                }
                (0.0, (f.ln_price, f.ln_lo, f.ln_hi))
            }
            (None, None) => {
                notes.push("empty pool: catalogue prior used".into());
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
            notes.push(format!(
                "pool prices in USD converted to {cur:?} at {rate} PEN per USD"
            ));
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
        let mut rationale = if pool.is_none() {
            match &facts {
                Some(f) => format!(
                    "From the {}; no local comparables.{}",
                    f.why,
                    if condition != 0.0 {
                        format!(" Condition {condition:+.0}.")
                    } else {
                        String::new()
                    }
                ),
                None => "No comparable and no built-in figure: a catalogue prior.".into(),
            }
        } else {
            String::new()
        };
        if let (Some(f), true) = (&facts, pool.is_some() && w < 0.995) {
            rationale = format!(
                "Blended with the {} ({:.0}% weight: {} same-model pool listings).",
                f.why,
                (1.0 - w) * 100.0,
                q.as_ref().map_or(0.0, |q| q.n_model)
            );
        }
        let rationale = format!(
            "{}{}",
            if pool.is_some() {
                format!(
                    "Started from the pool's typical car (about {:.0} {cur:?}) and moved step by step: brand {:+.0}, model {:+.0}, \
             model year {:+.0}, mileage {:+.0}{}, then {:+.0} from the {} and {} same-model comparables \
             (engine, body, transmission, fuel). {rationale} The range is the 80% band of out-of-sample errors for similar cars; \
             confidence {:.0}% reflects its width{}.{}",
                    base,
                    brand,
                    model,
                    year,
                    mileage,
                    if condition != 0.0 {
                        format!(", condition {condition:+.0}")
                    } else {
                        String::new()
                    },
                    other,
                    if self.boosted && self.ensemble.is_some() {
                        "boosted model"
                    } else {
                        "levels (a boosted correction did not beat them out of fold on this pool)"
                    },
                    n_cmp,
                    confidence * 100.0,
                    if level != "model-year" {
                        format!(
                            " and that few listings of this model-year exist (compared at {level} level)"
                        )
                    } else {
                        String::new()
                    },
                    if cur != Currency::USD {
                        format!(" Converted from USD at {rate} PEN per USD.")
                    } else {
                        String::new()
                    }
                )
            } else {
                rationale
            },
            ""
        );
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
            notes,
        }
    }
}

#[cfg(test)]
mod tests {
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

    fn settings() -> Settings {
        Settings {
            trees: 60,
            ..Default::default()
        }
    }

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
