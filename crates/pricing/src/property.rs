//! Home valuation: robust comparables (kNN with a local log-linear area
//! adjustment) + hierarchical district→zone→segment price levels, refined by a
//! cross-fitted boosting ensemble on log price, with normalised conformal
//! intervals. See `docs/pricing.md`.
//!
//! By stage: [`prepare`] (a listing as the engine reads it, outliers),
//! [`index`] (levels, comparables, features), this file (the model: fit,
//! then estimate, blend and range), [`pack`] (the cached form); the
//! cross-fitting is shared with cars (`crate::crossfit`), the intervals are
//! `crate::conformal`'s.

mod index;
mod pack;
mod prepare;

use super::conformal::Ensemble;
use super::crossfit::{answers, cross_fit, prepared_rows};
use super::pack::Bytes;
use super::reason::{self, Comparison, Correction, Reason};
use super::text::FLAG_NAMES;
use super::{
    Comparable, Currency, Operation, PropertyRecord, PropertyType, Settings,
    confidence_from_log_width,
};
use index::{Comparables, Index, Levels, build_index, features};
use pack::{Comps, PackedPart, pack_rows};
use prepare::{Row, mark_clean, prepare, seg_of};
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
    /// The rationale's sentences and the notes, typed (see [`crate::reason`]).
    #[serde(skip)]
    pub reasons: Vec<Reason>,
    #[serde(skip)]
    pub note_reasons: Vec<Reason>,
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

const K_NEIGHBOURS: usize = 10;
const SUBSAMPLE: f64 = 0.5;

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

// Homes are cross-fitted and judged per segment (operation × type).
pool_row!(Row, |r| r.seg);

impl PropertyModel {
    /// Fits on a pool of priced listings (rows without a positive price are
    /// ignored). Never fails: an empty pool gives a prior-only model.
    pub fn fit(pool: &[PropertyRecord], settings: &Settings) -> PropertyModel {
        let rows = prepared_rows(pool, |r| prepare(r, settings.pen_per_usd), mark_clean);
        let dirty = rows.iter().filter(|r| !r.clean).count();
        let answer = |train: Vec<usize>, ask: &[usize]| {
            let (by_seg, lv) = build_index(&rows, train);
            let idx = Index {
                rows: rows.as_slice(),
                by_seg: &by_seg,
                lv: &lv,
            };
            answers(&rows, ask, |r| {
                let q = idx.query(r, K_NEIGHBOURS);
                (q.base, features(r, &q))
            })
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

    estimate_methods!(PropertyRecord => PropertyEstimate);

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
            notes.push(Reason::FewHomes {
                district: (!row.district.is_empty()).then(|| row.district.clone()),
                level: q.level.to_string(),
                widen,
            });
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
                notes.push(Reason::HomePrior);
                (0.0, (p, p - 0.77, p + 0.77))
            }
        };
        if !row.la.is_finite() {
            notes.push(Reason::NoArea);
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
            notes.push(Reason::PoolConverted {
                from: Currency::PEN,
                to: cur,
                rate,
            });
        }
        let recommended = round_price(to_cur(pred));
        let min_price = round_price(to_cur(lo)).min(recommended);
        let max_price = round_price(to_cur(hi)).max(recommended);
        let property_type = match row.seg % 4 {
            0 => PropertyType::Apartment,
            1 => PropertyType::House,
            2 => PropertyType::Land,
            _ => PropertyType::Commercial,
        };
        let operation = if row.op == 1 {
            Operation::Rent
        } else {
            Operation::Sale
        };
        let mut reasons = Vec::new();
        if pool.is_some() {
            reasons.push(Reason::HomeComparables(Comparison {
                count: q.neighbours.len(),
                property_type,
                operation,
                district: (!row.district.is_empty()).then(|| row.district.clone()),
                elasticity: idx.lv.beta.get(&row.seg).copied().unwrap_or(0.8),
                correction: if boosted {
                    Correction::Boosted {
                        pool_listings: self.n_members,
                    }
                } else if self.ensemble.is_some() {
                    Correction::NotBoosted
                } else {
                    Correction::None
                },
            }));
        }
        if let Some(f) = &facts {
            if pool.is_none() {
                reasons = vec![Reason::HomeFromFacts {
                    facts: f.about.clone(),
                    property_type,
                    operation,
                }];
            } else if w < 0.995 {
                reasons.push(Reason::HomeBlended {
                    facts: f.about.clone(),
                    weight_percent: (1.0 - w) * 100.0,
                    district_listings: q.n_dist,
                    spread: if q.knn_sd.is_finite() { q.knn_sd } else { 0.0 },
                });
            }
        }
        if let Some((before, lo_ppm, hi_ppm)) = held {
            reasons.push(Reason::HomeHeld {
                before: round_price(to_cur(before)),
                low_ppm2: lo_ppm.round(),
                high_ppm2: hi_ppm.round(),
                currency: cur,
            });
        }
        reasons.push(Reason::Range {
            cars: false,
            confidence_percent: confidence * 100.0,
            widened_to: (pool.is_some() && q.level != "district").then(|| q.level.to_string()),
        });
        if cur != Currency::PEN {
            reasons.push(Reason::ConvertedFromPen { rate });
        }
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
            rationale: reason::sentences(&reasons),
            notes: notes.iter().map(Reason::to_string).collect(),
            reasons,
            note_reasons: notes,
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
    use super::prepare::{UNSTATED, count};
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

    use crate::test_settings as settings;

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
