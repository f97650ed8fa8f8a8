//! Index: the hierarchical district → zone → segment price levels over a
//! set of pool rows, the comparables (structured, then text distance) and
//! the features the boosted correction reads of them.

use super::prepare::Row;
use crate::places::zone_for_district;
use crate::stats::{ridge, weighted_mean};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

const W_ADDR: f64 = 2.0;
const W_TITLE: f64 = 1.5;
/// Candidates kept after the structured distance, before the text distance.
const PREFILTER: usize = 80;
/// Shrinkage pseudo-counts of the hierarchical price levels.
const SHRINK: f64 = 6.0;

/// Jaccard similarity of two sorted hash sets (0 when either is empty).
fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter as f64 / (a.len() + b.len() - inter) as f64
}

/// Hierarchical price levels over a set of pool rows: small tables, kept
/// whole in the cached model.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Levels {
    seg_level: HashMap<u8, (f64, f64)>,
    zone_level: HashMap<(u8, String), (f64, f64)>,
    dist_level: HashMap<(u8, String), (f64, f64)>,
    seg_price: HashMap<u8, f64>,
    pub(super) beta: HashMap<u8, f64>,
    global: f64,
    /// Comparables per segment, so the fallback segment is chosen from the
    /// whole pool even when only one segment's rows are loaded.
    pub(super) seg_sizes: HashMap<u8, usize>,
}

/// Levels and comparables over a set of pool rows.
pub(super) struct Index<'a, C: ?Sized> {
    pub(super) rows: &'a C,
    pub(super) by_seg: &'a HashMap<u8, Vec<usize>>,
    pub(super) lv: &'a Levels,
}

pub(super) struct Query {
    te_dist: f64,
    te_zone: f64,
    pub(super) n_dist: f64,
    n_zone: f64,
    pub(super) base: f64,
    knn: f64,
    pub(super) knn_sd: f64,
    d1: f64,
    pub(super) neighbours: Vec<(usize, f64, f64)>, // (row, weight, adjusted y)
    pub(super) level: &'static str,
}

/// The rows of `members` by segment (in `members` order) and their levels.
pub(super) fn build_index(rows: &[Row], members: Vec<usize>) -> (HashMap<u8, Vec<usize>>, Levels) {
    let mut by_seg: HashMap<u8, Vec<usize>> = HashMap::new();
    let mut seg_sum: HashMap<u8, (f64, f64)> = HashMap::new();
    let mut seg_p: HashMap<u8, (f64, f64)> = HashMap::new();
    let mut zone_sum: HashMap<(u8, String), (f64, f64)> = HashMap::new();
    let mut dist_sum: HashMap<(u8, String), (f64, f64)> = HashMap::new();
    let mut gsum = (0.0, 0.0);
    for &i in &members {
        let r = &rows[i];
        by_seg.entry(r.seg).or_default().push(i);
        let e = seg_p.entry(r.seg).or_default();
        e.0 += r.y;
        e.1 += 1.0;
        if r.la.is_finite() {
            let v = r.y - r.la;
            let e = seg_sum.entry(r.seg).or_default();
            e.0 += v;
            e.1 += 1.0;
            let e = zone_sum.entry((r.seg, r.zone.clone())).or_default();
            e.0 += v;
            e.1 += 1.0;
            let e = dist_sum.entry((r.seg, r.district.clone())).or_default();
            e.0 += v;
            e.1 += 1.0;
            gsum.0 += v;
            gsum.1 += 1.0;
        }
    }
    let global = if gsum.1 > 0.0 { gsum.0 / gsum.1 } else { 0.0 };
    let seg_level: HashMap<u8, (f64, f64)> = seg_sum
        .iter()
        .map(|(k, (s, n))| (*k, ((s + SHRINK * global) / (n + SHRINK), *n)))
        .collect();
    let seg_price = seg_p.iter().map(|(k, (s, n))| (*k, s / n)).collect();
    let mut lv = Levels {
        seg_level,
        zone_level: HashMap::new(),
        dist_level: HashMap::new(),
        seg_price,
        beta: HashMap::new(),
        global,
        seg_sizes: by_seg.iter().map(|(k, v)| (*k, v.len())).collect(),
    };
    for ((seg, z), (s, n)) in zone_sum {
        let parent = lv.seg_te(seg);
        lv.zone_level
            .insert((seg, z), ((s + SHRINK * parent) / (n + SHRINK), n));
    }
    for ((seg, d), (s, n)) in dist_sum {
        let z = zone_for_district(&d).unwrap_or("").to_string();
        let parent = lv
            .zone_level
            .get(&(seg, z))
            .map_or_else(|| lv.seg_te(seg), |v| v.0);
        lv.dist_level
            .insert((seg, d), ((s + SHRINK * parent) / (n + SHRINK), n));
    }
    // area elasticity per segment: ln p ~ 1 + district level + ln area
    let mut beta = HashMap::new();
    for (seg, list) in &by_seg {
        let mut x = Vec::new();
        let mut y = Vec::new();
        for &i in list {
            let r = &rows[i];
            if r.la.is_finite() {
                let te = lv.dist_te(r.seg, &r.district, &r.zone).0;
                x.extend_from_slice(&[1.0, te, r.la]);
                y.push(r.y);
            }
        }
        let b = if y.len() >= 30 {
            ridge(&x, 3, &y, None, 1.0)[2].clamp(0.3, 1.1)
        } else {
            0.8
        };
        beta.insert(*seg, b);
    }
    lv.beta = beta;
    (by_seg, lv)
}

impl Levels {
    fn seg_te(&self, seg: u8) -> f64 {
        self.seg_level.get(&seg).map_or(self.global, |v| v.0)
    }

    /// (district level, zone level, n district, n zone)
    fn dist_te(&self, seg: u8, district: &str, zone: &str) -> (f64, f64, f64, f64) {
        let (zl, nz) = self
            .zone_level
            .get(&(seg, zone.to_string()))
            .copied()
            .unwrap_or((self.seg_te(seg), 0.0));
        let (dl, nd) = self
            .dist_level
            .get(&(seg, district.to_string()))
            .copied()
            .unwrap_or((zl, 0.0));
        (dl, zl, nd, nz)
    }

    /// The segment whose rows are an item's candidate comparables: its own
    /// with at least 5 rows, else the largest of the same operation.
    pub(super) fn candidate_seg(&self, seg: u8, op: u8) -> Option<u8> {
        match self.seg_sizes.get(&seg) {
            Some(&n) if n >= 5 => Some(seg),
            _ => {
                let alt = if op == 0 {
                    [0u8, 1, 2, 3]
                } else {
                    [4u8, 5, 6, 7]
                };
                alt.iter()
                    .filter_map(|s| self.seg_sizes.get(s).map(|n| (*s, *n)))
                    .max_by_key(|v| v.1)
                    .map(|v| v.0)
            }
        }
    }
}

impl<C: Comparables + ?Sized> Index<'_, C> {
    pub(super) fn query(&self, q: &Row, k: usize) -> Query {
        let (te_dist, te_zone, n_dist, n_zone) = self.lv.dist_te(q.seg, &q.district, &q.zone);
        let level = if n_dist >= 5.0 {
            "district"
        } else if n_zone >= 5.0 {
            "zone"
        } else {
            "city"
        };
        let seg_y = self.lv.seg_price.get(&q.seg).copied().unwrap_or(f64::NAN);
        let base_te = if q.la.is_finite() {
            te_dist + q.la
        } else {
            seg_y
        };
        let beta = self.lv.beta.get(&q.seg).copied().unwrap_or(0.8);
        let empty = Vec::new();
        let cands: &Vec<usize> = match self.lv.candidate_seg(q.seg, q.op) {
            // A model read from the cache holds only the segments asked for.
            Some(s) => self
                .by_seg
                .get(&s)
                .expect("comparables of the item's segment loaded"),
            None => &empty,
        };
        // pass 1: structured distance on every candidate; pass 2: add the
        // text (address/title) distance on the PREFILTER closest only
        let mut cheap: Vec<(f64, usize)> = Vec::with_capacity(cands.len());
        for &j in cands {
            let r = self.rows.near(j);
            if r.id_hash == q.id_hash && self.rows.id_is(j, &q.id) {
                continue;
            }
            let mut d = 0.0;
            if r.district_hash != q.district_hash {
                d += 1.0;
                if r.zone_hash != q.zone_hash {
                    d += 1.0;
                }
            }
            d += if q.la.is_finite() && r.la.is_finite() {
                2.5 * (q.la - r.la).abs()
            } else {
                0.5
            };
            for (a, b, wt) in [
                (q.beds, r.beds, 0.3),
                (q.baths, r.baths, 0.3),
                (q.parking, r.parking, 0.25),
            ] {
                d += if a.is_finite() && b.is_finite() {
                    wt * (a - b).abs().min(3.0)
                } else {
                    0.1
                };
            }
            d += if q.lmaint.is_finite() && r.lmaint.is_finite() {
                0.5 * (q.lmaint - r.lmaint).abs()
            } else {
                0.1
            };
            cheap.push((d, j));
        }
        if cheap.len() > PREFILTER {
            cheap.select_nth_unstable_by(PREFILTER, |a, b| a.0.total_cmp(&b.0));
            cheap.truncate(PREFILTER);
        }
        let mut best: Vec<(f64, usize)> = cheap
            .into_iter()
            .map(|(d, j)| {
                let (ja, jw) = self.rows.text(j, |addr, words| {
                    (jaccard(&q.addr, addr), jaccard(&q.words, words))
                });
                (d + W_ADDR * (1.0 - ja) + W_TITLE * (1.0 - jw), j)
            })
            .collect();
        best.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        best.truncate(k);
        let mut neighbours = Vec::new();
        let (mut knn, mut knn_sd, mut d1) = (f64::NAN, f64::NAN, f64::NAN);
        if !best.is_empty() {
            d1 = best[0].0;
            let h = (best[best.len() - 1].0).max(0.05);
            let mut ys = Vec::new();
            let mut ws = Vec::new();
            for &(d, j) in &best {
                let r = self.rows.near(j);
                let adj = if q.la.is_finite() && r.la.is_finite() {
                    r.y + beta * (q.la - r.la)
                } else {
                    r.y
                };
                let w = (-(d / h) * (d / h) * 1.5).exp() + 1e-3;
                ys.push(adj);
                ws.push(w);
                neighbours.push((j, w, adj));
            }
            knn = weighted_mean(&ys, &ws).unwrap_or(f64::NAN);
            let var = ys
                .iter()
                .zip(&ws)
                .map(|(y, w)| w * (y - knn) * (y - knn))
                .sum::<f64>()
                / ws.iter().sum::<f64>();
            knn_sd = var.sqrt();
        }
        let base = if knn.is_finite() {
            if base_te.is_finite() {
                0.7 * knn + 0.3 * base_te
            } else {
                knn
            }
        } else if base_te.is_finite() {
            base_te
        } else {
            self.lv.global
        };
        Query {
            te_dist,
            te_zone,
            n_dist,
            n_zone,
            base,
            knn,
            knn_sd,
            d1,
            neighbours,
            level,
        }
    }
}

pub(super) fn features(r: &Row, q: &Query) -> Vec<f64> {
    let mut f = vec![
        r.seg as f64,
        r.la,
        r.beds,
        r.baths,
        r.parking,
        r.lmaint,
        r.lmaint - r.la,
        r.source,
        q.te_dist,
        q.te_zone,
        (1.0 + q.n_dist).ln(),
        (1.0 + q.n_zone).ln(),
        q.knn - q.base,
        q.knn_sd,
        q.d1,
        if r.la.is_finite() {
            q.te_dist + r.la - q.base
        } else {
            f64::NAN
        },
    ];
    f.extend_from_slice(&r.flags);
    f
}

/// What the structured distance reads of a comparable (and its ln price).
#[derive(Clone, Copy)]
pub(super) struct Near {
    pub(super) id_hash: u64,
    pub(super) district_hash: u64,
    pub(super) zone_hash: u64,
    pub(super) la: f64,
    pub(super) beds: f64,
    pub(super) baths: f64,
    pub(super) parking: f64,
    pub(super) lmaint: f64,
    pub(super) y: f64,
}

/// The comparables an [`Index`] reads by row number: the rows of a fit, or
/// the packed parts of a cached model read in place (rebuilding thousands of
/// rows with their strings cost more than estimating).
pub(super) trait Comparables {
    fn near(&self, j: usize) -> Near;
    fn id_is(&self, j: usize, id: &str) -> bool;
    /// `f` of the row's address and title word hashes (sorted).
    fn text<R>(&self, j: usize, f: impl FnOnce(&[u64], &[u64]) -> R) -> R;
    /// Id, district and area, as a comparable is shown.
    fn shown(&self, j: usize) -> (String, String, Option<f64>);
}

impl Comparables for [Row] {
    fn near(&self, j: usize) -> Near {
        let r = &self[j];
        Near {
            id_hash: r.id_hash,
            district_hash: r.district_hash,
            zone_hash: r.zone_hash,
            la: r.la,
            beds: r.beds,
            baths: r.baths,
            parking: r.parking,
            lmaint: r.lmaint,
            y: r.y,
        }
    }
    fn id_is(&self, j: usize, id: &str) -> bool {
        self[j].id == id
    }
    fn text<R>(&self, j: usize, f: impl FnOnce(&[u64], &[u64]) -> R) -> R {
        f(&self[j].addr, &self[j].words)
    }
    fn shown(&self, j: usize) -> (String, String, Option<f64>) {
        let r = &self[j];
        (r.id.clone(), r.district.clone(), r.area)
    }
}
