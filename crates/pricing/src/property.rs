//! Home valuation: robust comparables (kNN with a local log-linear area
//! adjustment) + hierarchical district→zone→segment price levels, refined by a
//! cross-fitted boosting ensemble on log price, with normalised conformal
//! intervals. See `docs/pricing.md`.

use super::conformal::Ensemble;
use super::crossfit::{PoolRow, cross_fit};
use super::pack::{Bytes, Reader, Writer};
use super::places::{district_and_zone, fold, zone_for_district};
use super::stats::{hash_str, mad, median, ridge, weighted_mean};
use super::text::{FLAG_NAMES, area_in_text, flags};
use super::{
    Comparable, Currency, Operation, PropertyRecord, PropertyType, Settings,
    confidence_from_log_width,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Result of [`PropertyModel::estimate`]. Money in `currency` (the item's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyEstimate {
    pub id: String,
    pub recommended_price: f64,
    pub min_price: f64,
    pub max_price: f64,
    pub confidence: f64,
    pub currency: Currency,
    pub comparable_count: usize,
    pub method: String,
    pub segment_level: String,
    pub comparables: Vec<Comparable>,
    pub rationale: String,
    pub notes: Vec<String>,
}

/// Segment-level medians of price per m² (PEN) used only when the pool has no
/// usable listing of the item's segment. Medians of the shared Lima file
/// (Dec 2025 – Jan 2026): sale apartment 4,292; sale house 3,424; rent
/// apartment 36.4 per month; rent house taken as 0.9 × apartment.
pub const PRIOR_PPM2_PEN: [(Operation, PropertyType, f64); 4] = [
    (Operation::Sale, PropertyType::Apartment, 4292.0),
    (Operation::Sale, PropertyType::House, 3424.0),
    (Operation::Rent, PropertyType::Apartment, 36.4),
    (Operation::Rent, PropertyType::House, 32.8),
];

const N_FLAGS: usize = 18;
const K_NEIGHBOURS: usize = 10;
const SUBSAMPLE: f64 = 0.5;
const W_ADDR: f64 = 2.0;
const W_TITLE: f64 = 1.5;
/// Candidates kept after the structured distance, before the text distance.
const PREFILTER: usize = 80;
/// Shrinkage pseudo-counts of the hierarchical price levels.
const SHRINK: f64 = 6.0;

#[derive(Debug, Clone)]
struct Row {
    id: String,
    seg: u8,
    op: u8,
    district: String,
    zone: String,
    la: f64,
    area: Option<f64>,
    beds: f64,
    baths: f64,
    parking: f64,
    lmaint: f64,
    source: f64,
    flags: [f64; N_FLAGS],
    id_hash: u64,
    district_hash: u64,
    zone_hash: u64,
    /// sorted hashes of address / title words
    addr: Vec<u64>,
    words: Vec<u64>,
    /// ln price in PEN (NaN for items without price)
    y: f64,
    clean: bool,
}

fn seg_of(op: Operation, t: PropertyType) -> u8 {
    (match op {
        Operation::Sale => 0,
        Operation::Rent => 4,
    }) + match t {
        PropertyType::Apartment => 0,
        PropertyType::House => 1,
        PropertyType::Land => 2,
        PropertyType::Commercial => 3,
    }
}

/// A room count as a feature: stated counts capped at 20, an unstated one
/// as [`UNSTATED`].
fn count(v: Option<u32>) -> f64 {
    v.map_or(UNSTATED, |v| v.min(20) as f64)
}

/// An unstated room count is a category of its own, above every stated
/// count: a blank often means "none" (parking), and blanks match each other
/// in the comparable distance. (Before, a blank became 20 rooms by accident,
/// which behaved the same; leaving it NaN measured the same within the
/// fold-split noise, ±0.001 MdAPE.)
const UNSTATED: f64 = 99.0;

fn prepare(r: &PropertyRecord, pen_per_usd: f64) -> Row {
    let text = format!("{} {}", r.title, r.description.as_deref().unwrap_or(""));
    let area = r
        .area_m2
        .filter(|a| a.is_finite() && (12.0..=50_000.0).contains(a))
        .or_else(|| area_in_text(&text).filter(|a| (12.0..=50_000.0).contains(a)));
    let (district, zone) = district_and_zone(r.district.as_deref(), r.zone.as_deref());
    let district_hash = hash_str(&district);
    let zone_hash = hash_str(&zone);
    let fl = flags(&text);
    let mut fa = [0.0; N_FLAGS];
    fa.copy_from_slice(&fl[..N_FLAGS]);
    let y = r
        .price
        .filter(|p| p.is_finite() && *p > 0.0)
        .map_or(f64::NAN, |p| r.currency.to_pen(p, pen_per_usd).ln());
    Row {
        id: r.id.clone(),
        seg: seg_of(r.operation, r.property_type),
        op: (r.operation == Operation::Rent) as u8,
        district,
        zone,
        la: area.map_or(f64::NAN, f64::ln),
        area,
        beds: count(r.bedrooms),
        baths: count(r.bathrooms),
        parking: count(r.parking),
        lmaint: r
            .maintenance_pen
            .filter(|m| *m > 0.0)
            .map_or(f64::NAN, |m| (m + 1.0).ln()),
        source: match r.source.as_deref().map(fold).as_deref() {
            Some("urbania") => 1.0,
            Some("adondevivir") => 2.0,
            _ => 0.0,
        },
        flags: fa,
        id_hash: hash_str(&r.id),
        district_hash,
        zone_hash,
        addr: tokens(r.address.as_deref().unwrap_or(""), true),
        words: tokens(&r.title, false),
        y,
        clean: true,
    }
}

const STOP: &[&str] = &[
    "av", "avenida", "calle", "jr", "jiron", "psje", "pasaje", "de", "la", "el", "los", "las",
    "del", "y", "con", "en", "n", "no", "nro", "lima", "peru", "cuadra", "cdra", "mz", "lt",
    "lote", "dpto", "urb", "a", "al", "se", "un", "una", "para", "por",
];

/// Hashes of the distinctive words of an address or title (district words
/// and street-type words removed).
fn tokens(text: &str, address: bool) -> Vec<u64> {
    let f = fold(text);
    let mut v: Vec<u64> = f
        .split(' ')
        .filter(|w| w.len() >= 2 && !STOP.contains(w))
        .filter(|w| !address || !district_words().iter().any(|d| d == w))
        .take(if address { 12 } else { 16 })
        .map(hash_str)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn district_words() -> &'static Vec<String> {
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut v: Vec<String> = super::places::DISTRICTS
            .iter()
            .flat_map(|(d, _)| fold(d).split(' ').map(str::to_string).collect::<Vec<_>>())
            .collect();
        v.sort();
        v.dedup();
        v
    })
}

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

/// Marks dirty pool rows: robust z-score of ln(price/m²) within
/// (segment, district) (or the segment when the district is thin) above 3.5,
/// or of ln(price) within the segment above 5. Dirty rows are still
/// estimated but never used as comparables nor for training.
fn mark_clean(rows: &mut [Row]) {
    let mut groups: HashMap<(u8, String), Vec<f64>> = HashMap::new();
    let mut segs: HashMap<u8, Vec<f64>> = HashMap::new();
    let mut segp: HashMap<u8, Vec<f64>> = HashMap::new();
    for r in rows.iter() {
        if r.y.is_finite() {
            segp.entry(r.seg).or_default().push(r.y);
            if r.la.is_finite() {
                groups
                    .entry((r.seg, r.district.clone()))
                    .or_default()
                    .push(r.y - r.la);
                segs.entry(r.seg).or_default().push(r.y - r.la);
            }
        }
    }
    let stat = |v: &Vec<f64>| -> (f64, f64) {
        (median(v).unwrap_or(0.0), mad(v).unwrap_or(1.0).max(0.15))
    };
    let gstat: HashMap<(u8, String), (f64, f64, usize)> = groups
        .iter()
        .map(|(k, v)| {
            let (m, s) = stat(v);
            (k.clone(), (m, s, v.len()))
        })
        .collect();
    let sstat: HashMap<u8, (f64, f64)> = segs.iter().map(|(k, v)| (*k, stat(v))).collect();
    let pstat: HashMap<u8, (f64, f64)> = segp.iter().map(|(k, v)| (*k, stat(v))).collect();
    for r in rows.iter_mut() {
        if !r.y.is_finite() {
            r.clean = false;
            continue;
        }
        let mut ok = true;
        if let Some((m, s)) = pstat.get(&r.seg) {
            ok &= ((r.y - m) / s).abs() <= 5.0;
        }
        if r.la.is_finite() {
            let g = gstat
                .get(&(r.seg, r.district.clone()))
                .filter(|g| g.2 >= 8)
                .map(|g| (g.0, g.1))
                .or_else(|| sstat.get(&r.seg).copied());
            if let Some((m, s)) = g {
                ok &= ((r.y - r.la - m) / s).abs() <= 3.5;
            }
        }
        r.clean = ok;
    }
}

/// Hierarchical price levels over a set of pool rows: small tables, kept
/// whole in the cached model.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Levels {
    seg_level: HashMap<u8, (f64, f64)>,
    zone_level: HashMap<(u8, String), (f64, f64)>,
    dist_level: HashMap<(u8, String), (f64, f64)>,
    seg_price: HashMap<u8, f64>,
    beta: HashMap<u8, f64>,
    global: f64,
    /// Comparables per segment, so the fallback segment is chosen from the
    /// whole pool even when only one segment's rows are loaded.
    seg_sizes: HashMap<u8, usize>,
}

/// Levels and comparables over a set of pool rows.
struct Index<'a, C: ?Sized> {
    rows: &'a C,
    by_seg: &'a HashMap<u8, Vec<usize>>,
    lv: &'a Levels,
}

struct Query {
    te_dist: f64,
    te_zone: f64,
    n_dist: f64,
    n_zone: f64,
    base: f64,
    knn: f64,
    knn_sd: f64,
    d1: f64,
    neighbours: Vec<(usize, f64, f64)>, // (row, weight, adjusted y)
    level: &'static str,
}

/// The rows of `members` by segment (in `members` order) and their levels.
fn build_index(rows: &[Row], members: Vec<usize>) -> (HashMap<u8, Vec<usize>>, Levels) {
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
    fn candidate_seg(&self, seg: u8, op: u8) -> Option<u8> {
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
    fn query(&self, q: &Row, k: usize) -> Query {
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

fn features(r: &Row, q: &Query) -> Vec<f64> {
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

/// A fitted home-price model over a pool (prices converted to PEN).
#[derive(Debug, Clone)]
pub struct PropertyModel {
    settings: Settings,
    levels: Levels,
    /// Clean pool rows (comparables), in pool order; from the cache, only
    /// the segments that were asked for, packed.
    rows: Comps,
    by_seg: HashMap<u8, Vec<usize>>,
    ensemble: Option<Ensemble>,
    /// Segments whose boosted correction beat the comparables' base out of
    /// fold at fit time; elsewhere the base stands, with its own band.
    boosted: Vec<u8>,
    base_bands: HashMap<u8, (f64, f64)>,
    n_members: usize,
    dirty: usize,
}

/// What a cached home model keeps besides its comparables (see
/// [`PropertyModel::to_cache`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PropertyCacheHead {
    settings: Settings,
    levels: Levels,
    ensemble: Option<Ensemble>,
    boosted: Vec<u8>,
    base_bands: HashMap<u8, (f64, f64)>,
    n_members: usize,
    dirty: usize,
}

/// Most words an address (12) or title (16) keeps (see `tokens`).
const MAX_WORDS: usize = 16;

/// Bytes of a packed row's fixed-width record: id hash (u64), place (u16),
/// ln area, area, rooms (3 × u8), ln fees, ln price (f64 each) and the
/// offset of its id and words in the variable area (u32).
const REC: usize = 49;

/// Packs comparable rows with only what comparing and showing them reads
/// (not the fields of the item side: flags, source, zone name). Districts
/// and address/title words are numbered within the part. What the
/// structured distance reads is a fixed-width record per row, so a loaded
/// part is compared with in place (see [`PackedPart`]); ids and words follow
/// in a variable area. `None` if a row does not fit the form.
fn pack_rows(rows: &[&Row]) -> Option<Bytes> {
    let mut places: Vec<(&str, u64, u64)> = Vec::new();
    let mut place_ix: HashMap<(&str, u64), u16> = HashMap::new();
    let mut words: Vec<u64> = Vec::new();
    let mut word_ix: HashMap<u64, u32> = HashMap::new();
    for r in rows {
        if let std::collections::hash_map::Entry::Vacant(e) =
            place_ix.entry((r.district.as_str(), r.zone_hash))
        {
            e.insert(u16::try_from(places.len()).ok()?);
            places.push((&r.district, r.district_hash, r.zone_hash));
        }
        for t in r.addr.iter().chain(&r.words) {
            word_ix.entry(*t).or_insert_with(|| {
                words.push(*t);
                (words.len() - 1) as u32
            });
        }
    }
    let small = |v: f64| -> Option<u8> {
        // Room counts are whole numbers: capped at 20, or UNSTATED (see `count`).
        (v.fract() == 0.0 && (0.0..255.0).contains(&v)).then_some(v as u8)
    };
    // Word numbers take two bytes when a segment has few enough words.
    let wide = words.len() > u16::MAX as usize;
    let mut var = Writer::default();
    let mut w = Writer::default();
    w.u32(rows.len() as u32);
    w.u32(places.len() as u32);
    for (d, dh, zh) in &places {
        w.str(d);
        w.u64(*dh);
        w.u64(*zh);
    }
    w.u32(words.len() as u32);
    for t in &words {
        w.u64(*t);
    }
    w.u8(wide as u8);
    for r in rows {
        let at = w.0.len();
        w.u64(r.id_hash);
        w.u16(place_ix[&(r.district.as_str(), r.zone_hash)]);
        w.f64(r.la);
        w.f64(r.area.unwrap_or(f64::NAN));
        w.u8(small(r.beds)?);
        w.u8(small(r.baths)?);
        w.u8(small(r.parking)?);
        w.f64(r.lmaint);
        w.f64(r.y);
        w.u32(u32::try_from(var.0.len()).ok()?);
        debug_assert_eq!(w.0.len() - at, REC);
        var.str(&r.id);
        for list in [&r.addr, &r.words] {
            (list.len() <= MAX_WORDS).then_some(())?;
            var.u8(list.len() as u8);
            for t in list {
                if wide {
                    var.u32(word_ix[t]);
                } else {
                    var.u16(word_ix[t] as u16);
                }
            }
        }
    }
    w.0.extend_from_slice(&var.0);
    Some(w.done())
}

/// One segment's packed comparables (see [`pack_rows`]), read in place: only
/// the ~80 rows kept by the structured distance have their words decoded,
/// and only the shown ones their id and district. Checked whole when loaded,
/// so reading a row cannot go out of bounds.
#[derive(Debug, Clone)]
struct PackedPart {
    bytes: Vec<u8>,
    /// District name (byte range), district hash, zone hash.
    places: Vec<(std::ops::Range<usize>, u64, u64)>,
    /// Offsets of the word table, the fixed records and the variable area.
    words: usize,
    recs: usize,
    var: usize,
    n: usize,
    wide: bool,
}

fn le<const N: usize>(b: &[u8], at: usize) -> [u8; N] {
    b[at..at + N].try_into().expect("checked when loaded")
}

impl PackedPart {
    fn new(bytes: Vec<u8>) -> Option<PackedPart> {
        let mut r = Reader::new(&bytes);
        let n = r.u32()? as usize;
        let np = r.u32()? as usize;
        let places = (0..np)
            .map(|_| {
                let d = r.str()?.len();
                let end = r.position();
                Some((end - d..end, r.u64()?, r.u64()?))
            })
            .collect::<Option<Vec<_>>>()?;
        let nw = r.u32()? as usize;
        let words = r.position();
        r.skip(nw.checked_mul(8)?)?;
        let wide = match r.u8()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let recs = r.position();
        let var = recs.checked_add(n.checked_mul(REC)?)?;
        let tail = bytes.get(var..)?;
        // Every record's place and variable bytes (id, word numbers).
        let mut v = Reader::new(tail);
        for j in 0..n {
            let at = recs + j * REC;
            ((u16::from_le_bytes(le(&bytes, at + 8)) as usize) < np).then_some(())?;
            (u32::from_le_bytes(le(&bytes, at + 45)) as usize == v.position()).then_some(())?;
            v.str()?;
            for _ in 0..2 {
                let k = v.u8()? as usize;
                (k <= MAX_WORDS).then_some(())?;
                for _ in 0..k {
                    let ix = if wide {
                        v.u32()? as usize
                    } else {
                        v.u16()? as usize
                    };
                    (ix < nw).then_some(())?;
                }
            }
        }
        v.is_empty().then_some(())?;
        Some(PackedPart {
            places,
            words,
            recs,
            var,
            n,
            wide,
            bytes,
        })
    }

    fn f64_at(&self, at: usize) -> f64 {
        f64::from_bits(u64::from_le_bytes(le(&self.bytes, at)))
    }

    fn near(&self, j: usize) -> Near {
        let at = self.recs + j * REC;
        let b = &self.bytes;
        let place = &self.places[u16::from_le_bytes(le(b, at + 8)) as usize];
        Near {
            id_hash: u64::from_le_bytes(le(b, at)),
            district_hash: place.1,
            zone_hash: place.2,
            la: self.f64_at(at + 10),
            beds: b[at + 26] as f64,
            baths: b[at + 27] as f64,
            parking: b[at + 28] as f64,
            lmaint: self.f64_at(at + 29),
            y: self.f64_at(at + 37),
        }
    }

    /// The row's id, then its word lists.
    fn var_of(&self, j: usize) -> Reader<'_> {
        let at = self.recs + j * REC;
        let off = u32::from_le_bytes(le(&self.bytes, at + 45)) as usize;
        Reader::new(&self.bytes[self.var + off..])
    }

    fn id(&self, j: usize) -> &str {
        self.var_of(j).str().expect("checked when loaded")
    }

    fn text<R>(&self, j: usize, f: impl FnOnce(&[u64], &[u64]) -> R) -> R {
        let mut v = self.var_of(j);
        v.str();
        let mut lists = [[0u64; MAX_WORDS]; 2];
        let mut lens = [0usize; 2];
        for (list, len) in lists.iter_mut().zip(&mut lens) {
            *len = v.u8().unwrap_or(0) as usize;
            for t in &mut list[..*len] {
                let ix = if self.wide {
                    v.u32().unwrap_or(0) as usize
                } else {
                    v.u16().unwrap_or(0) as usize
                };
                *t = u64::from_le_bytes(le(&self.bytes, self.words + 8 * ix));
            }
        }
        f(&lists[0][..lens[0]], &lists[1][..lens[1]])
    }

    fn shown(&self, j: usize) -> (String, String, Option<f64>) {
        let at = self.recs + j * REC;
        let place = &self.places[u16::from_le_bytes(le(&self.bytes, at + 8)) as usize];
        // Checked as UTF-8 when loaded (a `str` of the header).
        let district = String::from_utf8_lossy(&self.bytes[place.0.clone()]).into_owned();
        let area = Some(self.f64_at(at + 18)).filter(|a| !a.is_nan());
        (self.id(j).to_string(), district, area)
    }
}

/// What the structured distance reads of a comparable (and its ln price).
#[derive(Clone, Copy)]
struct Near {
    id_hash: u64,
    district_hash: u64,
    zone_hash: u64,
    la: f64,
    beds: f64,
    baths: f64,
    parking: f64,
    lmaint: f64,
    y: f64,
}

/// The comparables an [`Index`] reads by row number: the rows of a fit, or
/// the packed parts of a cached model read in place (rebuilding thousands of
/// rows with their strings cost more than estimating).
trait Comparables {
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

/// The comparables of a [`PropertyModel`]: rows it was fitted on, or the
/// cached parts it was read from (each with the number of its first row).
#[derive(Debug, Clone)]
enum Comps {
    Rows(Vec<Row>),
    Packed(Vec<(usize, u8, PackedPart)>),
}

impl Comps {
    fn part(parts: &[(usize, u8, PackedPart)], j: usize) -> (&PackedPart, usize) {
        let (start, _, p) = parts
            .iter()
            .rev()
            .find(|(start, _, _)| *start <= j)
            .expect("row of a loaded part");
        (p, j - start)
    }
}

impl Comparables for Comps {
    fn near(&self, j: usize) -> Near {
        match self {
            Comps::Rows(r) => r.near(j),
            Comps::Packed(p) => {
                let (p, j) = Comps::part(p, j);
                p.near(j)
            }
        }
    }
    fn id_is(&self, j: usize, id: &str) -> bool {
        match self {
            Comps::Rows(r) => r.id_is(j, id),
            Comps::Packed(p) => {
                let (p, j) = Comps::part(p, j);
                p.id(j) == id
            }
        }
    }
    fn text<R>(&self, j: usize, f: impl FnOnce(&[u64], &[u64]) -> R) -> R {
        match self {
            Comps::Rows(r) => r.text(j, f),
            Comps::Packed(p) => {
                let (p, j) = Comps::part(p, j);
                p.text(j, f)
            }
        }
    }
    fn shown(&self, j: usize) -> (String, String, Option<f64>) {
        match self {
            Comps::Rows(r) => r.shown(j),
            Comps::Packed(p) => {
                let (p, j) = Comps::part(p, j);
                p.shown(j)
            }
        }
    }
}

/// Homes are cross-fitted and judged per segment (operation × type).
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
        self.seg
    }
}

impl PropertyModel {
    /// Fits on a pool of priced listings (rows without a positive price are
    /// ignored). Never fails: an empty pool gives a prior-only model.
    pub fn fit(pool: &[PropertyRecord], settings: &Settings) -> PropertyModel {
        let mut rows: Vec<Row> = pool
            .iter()
            .map(|r| prepare(r, settings.pen_per_usd))
            .filter(|r| r.y.is_finite())
            .collect();
        mark_clean(&mut rows);
        let dirty = rows.iter().filter(|r| !r.clean).count();
        let answer = |train: Vec<usize>, ask: &[usize]| {
            let (by_seg, lv) = build_index(&rows, train);
            let idx = Index {
                rows: rows.as_slice(),
                by_seg: &by_seg,
                lv: &lv,
            };
            ask.iter()
                .map(|&i| {
                    let q = idx.query(&rows[i], K_NEIGHBOURS);
                    (q.base, features(&rows[i], &q))
                })
                .collect()
        };
        let (ensemble, boosted, base_bands) =
            match cross_fit(&rows, settings, SUBSAMPLE, 0.3, answer) {
                Some(b) => (Some(b.ensemble), b.groups, b.base_bands),
                None => (None, Vec::new(), HashMap::new()),
            };
        // Only clean rows are ever compared with; the index over them is
        // built once here, not at every estimate. Their order is kept, so
        // ties between equally close comparables break as before.
        let rows: Vec<Row> = rows.into_iter().filter(|r| r.clean).collect();
        let (by_seg, levels) = build_index(&rows, (0..rows.len()).collect());
        PropertyModel {
            settings: settings.clone(),
            levels,
            n_members: rows.len(),
            rows: Comps::Rows(rows),
            by_seg,
            ensemble,
            boosted,
            base_bands,
            dirty,
        }
    }

    /// Number of pool listings kept as comparables / dropped as dirty.
    pub fn pool_counts(&self) -> (usize, usize) {
        (self.n_members, self.dirty)
    }

    fn index(&self) -> Index<'_, Comps> {
        Index {
            rows: &self.rows,
            by_seg: &self.by_seg,
            lv: &self.levels,
        }
    }

    /// Estimates many items, using both cores.
    pub fn estimate_many(&self, items: &[PropertyRecord]) -> Vec<PropertyEstimate> {
        let idx = self.index();
        super::map_on_two_threads(items, |it| self.estimate_with(&idx, it))
    }

    /// Estimates one item. Pool rows with the item's id are never used.
    pub fn estimate(&self, item: &PropertyRecord) -> PropertyEstimate {
        self.estimate_with(&self.index(), item)
    }

    /// The cached form: a head (settings, levels, trees, conformal tables)
    /// and the comparables in one packed part per segment, so estimating
    /// one home reads the head and one segment, not the pool.
    pub fn to_cache(&self) -> Option<(PropertyCacheHead, Vec<(String, Bytes)>)> {
        let head = PropertyCacheHead {
            settings: self.settings.clone(),
            levels: self.levels.clone(),
            ensemble: self.ensemble.clone(),
            boosted: self.boosted.clone(),
            base_bands: self.base_bands.clone(),
            dirty: self.dirty,
            n_members: self.n_members,
        };
        let mut parts: Vec<(String, Bytes)> = Vec::new();
        match &self.rows {
            Comps::Rows(rows) => {
                let mut segs: Vec<&u8> = self.by_seg.keys().collect();
                segs.sort();
                for seg in segs {
                    let rows: Vec<&Row> = self.by_seg[seg].iter().map(|&j| &rows[j]).collect();
                    parts.push((seg.to_string(), pack_rows(&rows)?));
                }
            }
            // A model read from the cache has the parts it was read from.
            Comps::Packed(packed) => {
                for (_, seg, p) in packed {
                    parts.push((seg.to_string(), Bytes(p.bytes.clone())));
                }
            }
        }
        Some((head, parts))
    }

    /// Every cache part (items not known in advance).
    pub fn all_cache_parts(head: &PropertyCacheHead) -> Vec<String> {
        let mut keys: Vec<String> = head
            .levels
            .seg_sizes
            .keys()
            .map(|s| s.to_string())
            .collect();
        keys.sort();
        keys
    }

    /// The cache parts estimating `items` reads.
    pub fn cache_parts_for(head: &PropertyCacheHead, items: &[PropertyRecord]) -> Vec<String> {
        let mut keys: Vec<String> = items
            .iter()
            .filter_map(|it| {
                let r = prepare(it, head.settings.pen_per_usd);
                head.levels.candidate_seg(r.seg, r.op)
            })
            .map(|s| s.to_string())
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    /// A model from its cached head and the parts [`Self::cache_parts_for`]
    /// named; it estimates those items only. `None` when a part is damaged.
    pub fn from_cache(
        head: PropertyCacheHead,
        parts: Vec<(String, Bytes)>,
    ) -> Option<PropertyModel> {
        let mut packed = Vec::new();
        let mut by_seg = HashMap::new();
        let mut start = 0;
        for (key, bytes) in parts {
            let seg: u8 = key.parse().ok()?;
            let p = PackedPart::new(bytes.0)?;
            by_seg.insert(seg, (start..start + p.n).collect());
            let n = p.n;
            packed.push((start, seg, p));
            start += n;
        }
        Some(PropertyModel {
            settings: head.settings,
            levels: head.levels,
            rows: Comps::Packed(packed),
            by_seg,
            ensemble: head.ensemble,
            boosted: head.boosted,
            base_bands: head.base_bands,
            dirty: head.dirty,
            n_members: head.n_members,
        })
    }

    fn estimate_with(&self, idx: &Index<Comps>, item: &PropertyRecord) -> PropertyEstimate {
        let rate = self.settings.pen_per_usd;
        let row = prepare(item, rate);
        let q = idx.query(&row, K_NEIGHBOURS);
        let mut notes = Vec::new();
        // Comparables count only when they are of the item's own operation and type.
        let own = idx.lv.candidate_seg(row.seg, row.op) == Some(row.seg)
            && q.base.is_finite()
            && !q.neighbours.is_empty();
        let boosted = own && self.boosted.contains(&row.seg) && self.ensemble.is_some();
        let pool = if !own {
            None
        } else if let (true, Some(e)) = (boosted, &self.ensemble) {
            let f = features(&row, &q);
            let p = q.base + e.predict(&f);
            let (dl, dh) = e.interval(&f, Some(row.seg as u32));
            Some((p, p + dl, p + dh))
        } else {
            let (bl, bh) = self
                .base_bands
                .get(&row.seg)
                .copied()
                .unwrap_or((-0.45, 0.45));
            Some((q.base, q.base + bl, q.base + bh))
        };
        // widen when the district is thin
        let (widen, pool_conf) = match q.level {
            "district" => (1.0, 1.0),
            "zone" => (1.2, 0.8),
            _ => (1.4, 0.6),
        };
        let pool = pool.map(|(p, lo, hi)| (p, p - (p - lo) * widen, p + (hi - p) * widen));
        if pool.is_some() && widen > 1.0 {
            notes.push(format!(
                "few listings of this kind in {}: compared at {} level, range widened ×{widen:.1}",
                if row.district.is_empty() {
                    "the district"
                } else {
                    &row.district
                },
                q.level
            ));
        }
        let facts = self.settings.facts().home(item);
        // No listing of the segment in the item's own district: the pool has
        // no evidence of its level, and the built-in figures answer alone.
        let pool = pool.filter(|_| facts.is_none() || q.n_dist > 0.0 || row.district.is_empty());
        let (w, (mut pred, mut lo, mut hi)) = match (pool, &facts) {
            (Some(p), Some(f)) => {
                let sd = (f.ln_hi - f.ln_lo) / 2.563;
                let w = blend_weight(q.n_dist, q.knn_sd, sd);
                let mix = |a: f64, b: f64| w * a + (1.0 - w) * b;
                (
                    w,
                    (mix(p.0, f.ln_price), mix(p.1, f.ln_lo), mix(p.2, f.ln_hi)),
                )
            }
            (Some(p), None) => (1.0, p),
            (None, Some(f)) => (0.0, (f.ln_price, f.ln_lo, f.ln_hi)),
            (None, None) => {
                let ppm2 = PRIOR_PPM2_PEN
                    .iter()
                    .find(|(o, t, _)| seg_of(*o, *t) == row.seg)
                    .map_or(4292.0, |v| v.2);
                let p = (ppm2 * row.area.unwrap_or(80.0)).ln();
                notes.push("no comparable and no built-in figure: prior price per m² used".into());
                (0.0, (p, p - 0.77, p + 0.77))
            }
        };
        if !row.la.is_finite() {
            notes.push("area missing or implausible: estimate relies on rooms and location".into());
            lo -= 0.1;
            hi += 0.1;
        }
        let cur = item.currency;
        let to_cur = |ln_pen: f64| cur.from_pen(ln_pen.exp(), rate);
        let wsum: f64 = q.neighbours.iter().map(|n| n.1).sum::<f64>().max(1e-9);
        // Listed (and held to) only within the item's district: a home in
        // another district is no evidence of this one's price per m² (the
        // district's level, from the pool or the built-in figures, is).
        let comparables: Vec<Comparable> = if own {
            q.neighbours
                .iter()
                .filter(|&&(j, _, _)| {
                    row.district.is_empty() || self.rows.near(j).district_hash == row.district_hash
                })
                .map(|&(j, w, _)| {
                    let (id, district, area) = self.rows.shown(j);
                    let price = cur.from_pen(self.rows.near(j).y.exp(), rate);
                    Comparable {
                        id,
                        district,
                        area_m2: area,
                        price: round_price(price),
                        price_per_m2: area.map(|a| (price / a * 100.0).round() / 100.0),
                        weight: (w / wsum * 1000.0).round() / 1000.0,
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        // Never leave what the listed comparables support without saying so:
        // the price per m² stays within 0.78×–1.29× of their range (inside
        // 0.75×–1.33× after the ±3% engagement nudge of a recommendation).
        let mut held = None;
        if let Some(a) = row.area {
            let ppm: Vec<f64> = comparables.iter().filter_map(|c| c.price_per_m2).collect();
            if !ppm.is_empty() {
                let lo_ppm = ppm.iter().copied().fold(f64::INFINITY, f64::min);
                let hi_ppm = ppm.iter().copied().fold(0.0, f64::max);
                let bounds = (
                    cur.to_pen(0.78 * lo_ppm * a, rate).ln(),
                    cur.to_pen(1.29 * hi_ppm * a, rate).ln(),
                );
                let clamped = pred.clamp(bounds.0, bounds.1);
                if (clamped - pred).abs() > 1e-9 {
                    held = Some((pred, lo_ppm, hi_ppm));
                    pred = clamped;
                }
            }
        }
        lo = lo.min(pred);
        hi = hi.max(pred);
        let conf_mult = w * pool_conf + (1.0 - w) * FACTS_CONFIDENCE;
        let confidence = (confidence_from_log_width(hi - lo) * conf_mult).clamp(0.0, 1.0);
        if cur != Currency::PEN {
            notes.push(format!(
                "pool prices in PEN converted to {cur:?} at {rate} PEN per USD"
            ));
        }
        let recommended = round_price(to_cur(pred));
        let min_price = round_price(to_cur(lo)).min(recommended);
        let max_price = round_price(to_cur(hi)).max(recommended);
        let what = match row.seg % 4 {
            0 => "apartment",
            1 => "house",
            2 => "land",
            _ => "commercial",
        };
        let op = if row.op == 1 { "rent" } else { "sale" };
        let mut rationale = if pool.is_some() {
            let beta = idx.lv.beta.get(&row.seg).copied().unwrap_or(0.8);
            format!(
                "Compared with {} similar {what} listings for {op} (same operation and type, closest in district, area, rooms and fees){}; \
                 their prices were adjusted for size with an area elasticity of {beta:.2} and weighted by similarity{}.",
                q.neighbours.len(),
                if row.district.is_empty() {
                    String::new()
                } else {
                    format!(" around {}", row.district)
                },
                if boosted {
                    format!(
                        ", then a boosted model trained on {} pool listings corrected for location level, rooms, fees and listing words",
                        self.n_members
                    )
                } else if self.ensemble.is_some() {
                    ", without the boosted correction (on this pool it did not beat the comparables out of fold for this segment)".to_string()
                } else {
                    String::new()
                }
            )
        } else {
            String::new()
        };
        if let Some(f) = &facts {
            if pool.is_none() {
                rationale = format!(
                    "From the {}; no local comparables of this operation and type ({what} for {op}).",
                    f.why
                );
            } else if w < 0.995 {
                rationale.push_str(&format!(
                    " Blended with the {} ({:.0}% weight: {} pool listings of this kind in the district, spread {:.2}).",
                    f.why,
                    (1.0 - w) * 100.0,
                    q.n_dist,
                    if q.knn_sd.is_finite() { q.knn_sd } else { 0.0 }
                ));
            }
        }
        if let Some((before, lo_ppm, hi_ppm)) = held {
            let per = |x: f64| x.round();
            rationale.push_str(&format!(
                " The estimate ({}) was held to the listed comparables' range of price per m² ({}–{} {cur:?}), which it would have left.",
                round_price(to_cur(before)),
                per(lo_ppm),
                per(hi_ppm)
            ));
        }
        rationale.push_str(&format!(
            " The 80% range comes from out-of-sample errors; confidence {:.0}% reflects how wide it is{}.{}",
            confidence * 100.0,
            if pool.is_some() && q.level != "district" {
                format!(
                    " and that the district had few listings, so the comparison was widened to the {}",
                    q.level
                )
            } else {
                String::new()
            },
            if cur != Currency::PEN {
                format!(" Prices were converted from PEN at {rate} PEN per USD.")
            } else {
                String::new()
            }
        ));
        let method = match (pool.is_some(), boosted, w < 0.995 && facts.is_some()) {
            (false, _, _) => "built-in figures",
            (true, true, false) => "comparables+boosting",
            (true, true, true) => "comparables+boosting+built-in figures",
            (true, false, false) => "comparables",
            (true, false, true) => "comparables+built-in figures",
        };
        PropertyEstimate {
            id: item.id.clone(),
            recommended_price: recommended,
            min_price,
            max_price,
            confidence: (confidence * 1000.0).round() / 1000.0,
            currency: cur,
            comparable_count: comparables.len(),
            method: method.to_string(),
            segment_level: if pool.is_some() {
                q.level.to_string()
            } else {
                "built-in".to_string()
            },
            comparables,
            rationale: rationale.trim().to_string(),
            notes,
        }
    }
}

/// Confidence multiplier of an answer from the built-in figures alone.
const FACTS_CONFIDENCE: f64 = 0.8;

/// Pseudo-listings the built-in figures count as in the blend, at equal
/// spread (see `blend_weight`).
const FACTS_PSEUDO: f64 = 2.0;

/// The pool's share of a blend with the built-in figures: n / (n + n₀·(s/σ)²)
/// with n the pool's listings of the item's segment and district, s their
/// spread (ln price) and σ the built-in figures' error (ln price). Normal
/// shrinkage: n listings of spread s weigh like one figure of error s/√n.
pub fn blend_weight(n: f64, spread: f64, facts_sd: f64) -> f64 {
    if n <= 0.0 {
        return 0.0;
    }
    let s = if spread.is_finite() {
        spread.max(0.1)
    } else {
        0.3
    };
    let ratio = (s / facts_sd.max(0.05)).powi(2);
    n / (n + FACTS_PSEUDO * ratio)
}

/// Rounds a price to a plain figure: whole units below 10,000, tens above.
fn round_price(v: f64) -> f64 {
    if v >= 10_000.0 {
        (v / 10.0).round() * 10.0
    } else {
        v.round()
    }
}

#[allow(dead_code)]
fn flag_names() -> &'static [&'static str] {
    FLAG_NAMES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pool_takes_over_from_the_built_in_figures_as_its_evidence_grows() {
        // n / (n + 2·(s/σ)²): known answers.
        assert_eq!(blend_weight(0.0, 0.2, 0.2), 0.0);
        assert!((blend_weight(10.0, 0.2, 0.2) - 10.0 / 12.0).abs() < 1e-12);
        assert!((blend_weight(2.0, 0.4, 0.2) - 0.2).abs() < 1e-12);
        // More listings, or a tighter spread, weigh more; the weight tends to 1.
        assert!(blend_weight(50.0, 0.2, 0.2) > blend_weight(5.0, 0.2, 0.2));
        assert!(blend_weight(5.0, 0.1, 0.2) > blend_weight(5.0, 0.4, 0.2));
        assert!(blend_weight(5_000.0, 0.3, 0.2) > 0.99);
        // A spread below 0.1 counts as 0.1; an unknown one as 0.3.
        assert_eq!(blend_weight(4.0, 0.01, 0.2), blend_weight(4.0, 0.1, 0.2));
        assert_eq!(
            blend_weight(4.0, f64::NAN, 0.2),
            blend_weight(4.0, 0.3, 0.2)
        );
    }

    #[test]
    fn a_thin_pool_blends_toward_the_built_in_figures_and_says_so() {
        // Two listings in Lince at twice the built-in level: the answer lies between.
        let facts = MarketFactsFixture::lince_6000();
        let s = Settings {
            trees: 40,
            facts: Some(std::sync::Arc::new(facts)),
            ..Default::default()
        };
        let pool: Vec<PropertyRecord> = (0..2)
            .map(|i| PropertyRecord {
                id: format!("p{i}"),
                price: Some(12_000.0 * 100.0 * (1.0 + 0.02 * i as f64)),
                area_m2: Some(100.0),
                district: Some("Lince".into()),
                ..Default::default()
            })
            .collect();
        let m = PropertyModel::fit(&pool, &s);
        let item = PropertyRecord {
            id: "q".into(),
            area_m2: Some(100.0),
            district: Some("Lince".into()),
            ..Default::default()
        };
        let e = m.estimate(&item);
        let p = e.recommended_price;
        assert!(p > 650_000.0 && p < 1_200_000.0, "{p}");
        assert!(e.method.contains("built-in figures"), "{}", e.method);
        assert!(
            e.rationale
                .contains("Blended with the built-in Lima figures"),
            "{}",
            e.rationale
        );
        // Held within the comparables' price per m² range (0.78×–1.29×), and
        // the rationale says so with the estimate it would have been.
        assert!(p / 100.0 >= 0.78 * 12_000.0 - 1.0, "{p}");
        assert!(
            e.rationale
                .contains("was held to the listed comparables' range of price per m²"),
            "{}",
            e.rationale
        );
    }

    struct MarketFactsFixture;
    impl MarketFactsFixture {
        fn lince_6000() -> super::super::facts::MarketFacts {
            let homes: Vec<PropertyRecord> = (0..40)
                .map(|i| PropertyRecord {
                    id: format!("f{i}"),
                    price: Some(6000.0 * 100.0 * (1.0 + 0.01 * (i % 5) as f64 - 0.02)),
                    area_m2: Some(100.0),
                    district: Some("Lince".into()),
                    listed_on: Some("2026-01-05".into()),
                    ..Default::default()
                })
                .collect();
            super::super::facts::build(&homes, &[], 3.75)
        }
    }

    #[test]
    fn room_counts_cap_and_keep_blanks_apart() {
        assert_eq!(count(Some(3)), 3.0);
        assert_eq!(count(Some(35)), 20.0);
        assert_eq!(count(Some(0)), 0.0);
        // a blank is neither a count of 20 nor missing to the trees
        assert_eq!(count(None), UNSTATED);
        const { assert!(UNSTATED > 20.0) };
    }

    pub(crate) fn synthetic_pool(n: usize) -> Vec<PropertyRecord> {
        (0..n)
            .map(|i| {
                let area = 40.0 + (i % 50) as f64 * 4.0;
                let (d, lvl) = match i % 3 {
                    0 => ("Miraflores", 8000.0),
                    1 => ("Lince", 6000.0),
                    _ => ("Comas", 2800.0),
                };
                let noise = 1.0 + ((i * 53) % 11) as f64 / 100.0 - 0.05;
                PropertyRecord {
                    id: format!("p{i}"),
                    operation: Operation::Sale,
                    property_type: PropertyType::Apartment,
                    title: "Departamento".into(),
                    price: Some((lvl * area * noise).round()),
                    area_m2: Some(area),
                    bedrooms: Some(1 + (area / 50.0) as u32),
                    district: Some(d.into()),
                    source: Some("urbania".into()),
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
    fn estimates_close_on_clean_market_and_excludes_own_id() {
        let mut pool = synthetic_pool(300);
        // same id as the item, absurd price: must never be used
        pool.push(PropertyRecord {
            id: "me".into(),
            price: Some(937_440_000.0),
            area_m2: Some(100.0),
            district: Some("Lince".into()),
            ..pool[1].clone()
        });
        let m = PropertyModel::fit(&pool, &settings());
        let item = PropertyRecord {
            id: "me".into(),
            price: None,
            area_m2: Some(100.0),
            bedrooms: Some(3),
            district: Some("LINCE".into()),
            ..pool[1].clone()
        };
        let e = m.estimate(&item);
        assert!(e.comparables.iter().all(|c| c.id != "me"));
        let truth = 6000.0 * 100.0;
        assert!(
            ((e.recommended_price - truth) / truth).abs() < 0.08,
            "{}",
            e.recommended_price
        );
        assert!(e.min_price <= e.recommended_price && e.recommended_price <= e.max_price);
        assert_eq!(e.segment_level, "district");
        assert_eq!(e.currency, Currency::PEN);
        assert!(e.confidence > 0.0 && e.confidence <= 1.0);
        assert!(!e.rationale.is_empty());
    }

    #[test]
    fn dirty_rows_are_dropped_from_the_pool() {
        let mut pool = synthetic_pool(300);
        pool[0].price = Some(937_440_000.0);
        pool[3].area_m2 = Some(1.0);
        let m = PropertyModel::fit(&pool, &settings());
        let (_, dirty) = m.pool_counts();
        assert!(dirty >= 1);
    }

    #[test]
    fn widens_when_district_is_thin() {
        let mut pool = synthetic_pool(300);
        pool.push(PropertyRecord {
            id: "lonely".into(),
            district: Some("Surquillo".into()),
            ..pool[1].clone()
        });
        let m = PropertyModel::fit(&pool, &settings());
        let base = PropertyRecord {
            id: "q".into(),
            price: None,
            ..pool[1].clone()
        };
        let thick = m.estimate(&base);
        let thin = m.estimate(&PropertyRecord {
            district: Some("Surquillo".into()),
            ..base.clone()
        });
        assert_eq!(thin.segment_level, "zone");
        assert!(thin.notes.iter().any(|n| n.contains("widened")));
        assert!(thin.confidence < thick.confidence);
        let unknown = m.estimate(&PropertyRecord {
            district: Some("Atlantis".into()),
            zone: None,
            ..base
        });
        // No listing of the pool in that district: the built-in figures answer.
        assert_eq!(unknown.segment_level, "built-in");
        assert!(unknown.comparables.is_empty());
        assert!(unknown.recommended_price > 0.0);
    }

    #[test]
    fn answers_in_the_items_currency() {
        let pool = synthetic_pool(300);
        let s = settings();
        let m = PropertyModel::fit(&pool, &s);
        let pen = m.estimate(&PropertyRecord {
            id: "q".into(),
            price: None,
            ..pool[4].clone()
        });
        let usd = m.estimate(&PropertyRecord {
            id: "q".into(),
            price: None,
            currency: Currency::USD,
            ..pool[4].clone()
        });
        assert_eq!(usd.currency, Currency::USD);
        let ratio = pen.recommended_price / usd.recommended_price;
        assert!((ratio - s.pen_per_usd).abs() < 0.01, "{ratio}");
        assert!(usd.notes.iter().any(|n| n.contains("PEN per USD")));
    }

    #[test]
    fn answers_unseen_segments_and_bare_items() {
        let pool = synthetic_pool(300);
        let m = PropertyModel::fit(&pool, &settings());
        let land = m.estimate(&PropertyRecord {
            id: "l".into(),
            property_type: PropertyType::Land,
            area_m2: Some(500.0),
            district: Some("Lince".into()),
            ..Default::default()
        });
        assert!(land.recommended_price.is_finite() && land.recommended_price > 0.0);
        assert!(land.min_price <= land.recommended_price);
        let bare = m.estimate(&PropertyRecord {
            id: "b".into(),
            area_m2: Some(1.0),
            ..Default::default()
        });
        assert!(bare.recommended_price > 0.0);
        assert!(bare.notes.iter().any(|n| n.contains("area")));
        let rent = m.estimate(&PropertyRecord {
            id: "r".into(),
            operation: Operation::Rent,
            area_m2: Some(80.0),
            ..Default::default()
        });
        assert!(rent.recommended_price > 0.0);
    }

    #[test]
    fn never_fails_on_empty_or_tiny_pool() {
        let m = PropertyModel::fit(&[], &settings());
        let item = PropertyRecord {
            id: "x".into(),
            area_m2: Some(100.0),
            ..Default::default()
        };
        let e = m.estimate(&item);
        // No pool: the built-in Lima figures answer, and say so.
        assert_eq!(e.method, "built-in figures");
        assert_eq!(e.segment_level, "built-in");
        assert!(e.comparables.is_empty());
        assert!(
            e.rationale.contains("built-in Lima figures of"),
            "{}",
            e.rationale
        );
        assert!(
            e.rationale.contains("no local comparables"),
            "{}",
            e.rationale
        );
        assert!(
            e.recommended_price > 200_000.0 && e.recommended_price < 900_000.0,
            "{}",
            e.recommended_price
        );
        let tiny = synthetic_pool(10);
        let e = PropertyModel::fit(&tiny, &settings()).estimate(&item);
        assert!(e.recommended_price > 0.0 && e.comparable_count > 0);
    }

    #[test]
    fn a_model_from_its_cache_estimates_exactly_as_the_fitted_one() {
        let mut pool = synthetic_pool(400);
        for (i, r) in pool.iter_mut().enumerate() {
            r.address = Some(format!("Av. Larco {}", i % 17));
            r.title = format!("Departamento {} dorm vista {}", i % 4, i % 9);
            if i % 5 == 0 {
                r.operation = Operation::Rent;
                r.price = r.price.map(|p| (p / 200.0).round());
            }
            if i % 7 == 0 {
                r.bedrooms = None;
                r.maintenance_pen = Some(300.0 + i as f64);
            }
        }
        pool.push(PropertyRecord {
            id: "house".into(),
            property_type: PropertyType::House,
            ..pool[1].clone()
        });
        let m = PropertyModel::fit(&pool, &settings());
        let (head, parts) = m.to_cache().expect("packs");
        let items = vec![
            PropertyRecord {
                id: "p7".into(),
                price: None,
                ..pool[7].clone()
            },
            PropertyRecord {
                id: "q".into(),
                property_type: PropertyType::House,
                area_m2: Some(150.0),
                district: Some("Miraflores".into()),
                currency: Currency::USD,
                ..Default::default()
            },
            PropertyRecord {
                id: "r".into(),
                operation: Operation::Rent,
                area_m2: Some(70.0),
                district: Some("Lince".into()),
                ..Default::default()
            },
        ];
        let keys = PropertyModel::cache_parts_for(&head, &items);
        // The lone house falls back to the apartments of its operation.
        assert_eq!(keys, ["0", "4"]);
        let picked: Vec<_> = parts
            .into_iter()
            .filter(|(k, _)| keys.contains(k))
            .collect();
        let back = PropertyModel::from_cache(head, picked.clone()).expect("unpacks");
        assert_eq!(m.estimate_many(&items), back.estimate_many(&items));
        assert_eq!(m.pool_counts(), back.pool_counts());
        let mut damaged = picked.clone();
        damaged[0].1.0.truncate(100);
        let (head, _) = m.to_cache().unwrap();
        assert!(PropertyModel::from_cache(head, damaged).is_none());
    }
}
