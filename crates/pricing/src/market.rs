//! Market analysis of one home against the pool: comparable prices, price
//! position and the trend of price per m².
//!
//! Comparables: same operation and type, not the item's id, robustly clean
//! (ln price/m² within 3 MADs of the district median), from the same district
//! (widened to the zone, then the city, until 5 are found), the 20 closest in
//! ln(area); similarity weight = e^(−|Δ ln area|/0.25). Market price = weighted
//! median price/m² × the item's area (weighted median price when the area is
//! unknown). Price position: `At` when the item's price is within ±5%
//! ([`AT_MARKET_BAND`]) of the market price, else `Above`/`Below`. Trend:
//! Theil–Sen slope of ln(price/m²) on months over every clean listing of the
//! segment in the item's district (or zone) with a `listedOn` date; needs ≥ 10
//! listings spanning ≥ 14 days, else "insufficient data".

use super::places::district_and_zone;
use super::reason::Reason;
use super::stats::{mad, mean, median, robust_slope, weighted_median};
use super::{Currency, PropertyRecord, Settings};
use serde::{Deserialize, Serialize};

/// Tolerance of the `At` price position: ±5% around the market price.
pub const AT_MARKET_BAND: f64 = 0.05;

/// Where the asking price sits against the market.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PricePosition {
    Above,
    Below,
    At,
}

/// Asking price minus market price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceDifference {
    pub amount: f64,
    pub percent: f64,
}

/// Monthly trend of price per m², or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum MarketTrend {
    #[serde(rename_all = "camelCase")]
    Estimate {
        percent_per_month: f64,
        std_error: f64,
        listings: usize,
    },
    Insufficient(String),
}

/// One comparable of the analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MarketComparable {
    pub id: String,
    pub district: String,
    pub area: Option<f64>,
    pub price: f64,
    pub price_per_m2: Option<f64>,
    pub similarity_weight: f64,
}

/// Result of [`market_analysis`]; money in the item's currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MarketAnalysis {
    pub currency: Currency,
    pub market_price_median: Option<f64>,
    pub market_price_mean: Option<f64>,
    pub price_per_square_meter: Option<f64>,
    pub price_position: Option<PricePosition>,
    pub price_difference: Option<PriceDifference>,
    pub comparable_count: usize,
    pub segment_level: String,
    /// What produced the market price: the comparables, or the built-in
    /// figures when fewer than three comparables of the item's operation and type exist.
    pub basis: String,
    /// `basis`, typed (see [`crate::reason`]).
    #[serde(skip)]
    pub basis_reason: Option<Reason>,
    pub market_trend: MarketTrend,
    pub comparables: Vec<MarketComparable>,
}

struct Cand<'a> {
    r: &'a PropertyRecord,
    district: String,
    zone: String,
    price: f64,
    area: Option<f64>,
}

fn days_of(date: &str) -> Option<f64> {
    let d = chrono::NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
    Some(d.num_days_from_ce() as f64)
}

use chrono::Datelike;

/// Market analysis of `item` against `pool` (see the module doc).
pub fn market_analysis(
    item: &PropertyRecord,
    pool: &[PropertyRecord],
    settings: &Settings,
) -> MarketAnalysis {
    let rate = settings.pen_per_usd;
    let cur = item.currency;
    let (district, zone) = district_and_zone(item.district.as_deref(), item.zone.as_deref());
    let valid_area = |a: Option<f64>| a.filter(|a| a.is_finite() && (12.0..=50_000.0).contains(a));
    let mut cands: Vec<Cand> = pool
        .iter()
        .filter(|r| {
            r.id != item.id
                && r.operation == item.operation
                && r.property_type == item.property_type
        })
        .filter_map(|r| {
            let p = r.price.filter(|p| p.is_finite() && *p > 0.0)?;
            let (d, z) = district_and_zone(r.district.as_deref(), r.zone.as_deref());
            Some(Cand {
                r,
                district: d,
                zone: z,
                price: r.currency.convert(p, cur, rate),
                area: valid_area(r.area_m2),
            })
        })
        .collect();
    // robust cleaning of ln price/m² within district
    let lpm = |c: &Cand| c.area.map(|a| (c.price / a).ln());
    let mut keep = vec![true; cands.len()];
    let mut by_d: std::collections::HashMap<&str, Vec<f64>> = std::collections::HashMap::new();
    for c in &cands {
        if let Some(v) = lpm(c) {
            by_d.entry(c.district.as_str()).or_default().push(v);
        }
    }
    let stats: std::collections::HashMap<&str, (f64, f64)> = by_d
        .iter()
        .filter(|(_, v)| v.len() >= 5)
        .map(|(k, v)| {
            (
                *k,
                (median(v).unwrap_or(0.0), mad(v).unwrap_or(1.0).max(0.15)),
            )
        })
        .collect();
    for (i, c) in cands.iter().enumerate() {
        if let (Some(v), Some((m, s))) = (lpm(c), stats.get(c.district.as_str())) {
            keep[i] = ((v - m) / s).abs() <= 3.0;
        }
    }
    let mut k = 0;
    cands.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    let item_area = valid_area(item.area_m2);
    let mut level = "district";
    let mut chosen: Vec<&Cand> = cands.iter().filter(|c| c.district == district).collect();
    if chosen.len() < 5 {
        level = "zone";
        chosen = cands.iter().filter(|c| c.zone == zone).collect();
    }
    if chosen.len() < 5 {
        level = "city";
        chosen = cands.iter().collect();
    }
    let dist = |c: &Cand| match (item_area, c.area) {
        (Some(a), Some(b)) => (a.ln() - b.ln()).abs(),
        _ => 1.0,
    };
    chosen.sort_by(|a, b| dist(a).total_cmp(&dist(b)));
    chosen.truncate(20);
    let weights: Vec<f64> = chosen.iter().map(|c| (-dist(c) / 0.25).exp()).collect();
    let prices: Vec<f64> = chosen.iter().map(|c| c.price).collect();
    let ppm: Vec<(f64, f64)> = chosen
        .iter()
        .zip(&weights)
        .filter_map(|(c, w)| c.area.map(|a| (c.price / a, *w)))
        .collect();
    let ppm_v: Vec<f64> = ppm.iter().map(|p| p.0).collect();
    let ppm_w: Vec<f64> = ppm.iter().map(|p| p.1).collect();
    let ppm_med = weighted_median(&ppm_v, &ppm_w);
    let mut market = match (item_area, ppm_med) {
        (Some(a), Some(p)) => Some(p * a),
        _ => weighted_median(&prices, &weights),
    };
    let mut ppm_med = ppm_med;
    let mut basis = Reason::MarketComparables {
        count: chosen.len(),
    };
    if chosen.len() < 3
        && let Some(f) = settings.facts().home(item)
    {
        let price = Currency::PEN.convert(f.ln_price.exp(), cur, rate);
        market = Some(price);
        ppm_med = item_area.map(|a| price / a);
        level = "built-in";
        basis = Reason::MarketFacts {
            facts: f.about,
            local: chosen.len(),
        };
    }
    let market_mean = match item_area {
        Some(a) if !ppm.is_empty() => mean(&ppm_v).map(|m| m * a),
        _ => mean(&prices),
    };
    let asked = item.price.filter(|p| p.is_finite() && *p > 0.0);
    let (position, difference) = match (asked, market) {
        (Some(p), Some(m)) if m > 0.0 => {
            let pct = (p - m) / m;
            let pos = if pct > AT_MARKET_BAND {
                PricePosition::Above
            } else if pct < -AT_MARKET_BAND {
                PricePosition::Below
            } else {
                PricePosition::At
            };
            (
                Some(pos),
                Some(PriceDifference {
                    amount: (p - m).round(),
                    percent: (pct * 1000.0).round() / 10.0,
                }),
            )
        }
        _ => (None, None),
    };
    // trend over the district (or zone) segment
    let trend_set: Vec<&Cand> = {
        let d: Vec<&Cand> = cands.iter().filter(|c| c.district == district).collect();
        if d.len() >= 10 {
            d
        } else {
            cands.iter().filter(|c| c.zone == zone).collect()
        }
    };
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for c in &trend_set {
        if let (Some(v), Some(t)) = (lpm(c), c.r.listed_on.as_deref().and_then(days_of)) {
            xs.push(t / 30.44);
            ys.push(v);
        }
    }
    let span = xs.iter().cloned().fold(f64::NEG_INFINITY, f64::max)
        - xs.iter().cloned().fold(f64::INFINITY, f64::min);
    let market_trend = if xs.len() >= 10 && span * 30.44 >= 14.0 {
        match robust_slope(&xs, &ys) {
            Some((s, se)) => MarketTrend::Estimate {
                percent_per_month: ((s.exp() - 1.0) * 1000.0).round() / 10.0,
                std_error: (se * 1000.0).round() / 10.0,
                listings: xs.len(),
            },
            None => MarketTrend::Insufficient("insufficient data".into()),
        }
    } else {
        MarketTrend::Insufficient("insufficient data".into())
    };
    let wsum: f64 = weights.iter().sum::<f64>().max(1e-9);
    MarketAnalysis {
        currency: cur,
        market_price_median: market.map(f64::round),
        market_price_mean: market_mean.map(f64::round),
        price_per_square_meter: ppm_med.map(|v| (v * 100.0).round() / 100.0),
        price_position: position,
        price_difference: difference,
        comparable_count: chosen.len(),
        segment_level: level.to_string(),
        basis: basis.to_string(),
        basis_reason: Some(basis),
        market_trend,
        comparables: chosen
            .iter()
            .zip(&weights)
            .map(|(c, w)| MarketComparable {
                id: c.r.id.clone(),
                district: c.district.clone(),
                area: c.area,
                price: c.price.round(),
                price_per_m2: c.area.map(|a| (c.price / a * 100.0).round() / 100.0),
                similarity_weight: (w / wsum * 1000.0).round() / 1000.0,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, PropertyType};

    fn rec(id: &str, district: &str, area: f64, price: f64, date: &str) -> PropertyRecord {
        PropertyRecord {
            id: id.into(),
            operation: Operation::Sale,
            property_type: PropertyType::Apartment,
            price: Some(price),
            area_m2: Some(area),
            district: Some(district.into()),
            listed_on: Some(date.into()),
            ..Default::default()
        }
    }

    #[test]
    fn position_and_own_id_excluded() {
        let mut pool: Vec<PropertyRecord> = (0..12)
            .map(|i| {
                rec(
                    &format!("p{i}"),
                    "Miraflores",
                    100.0,
                    500_000.0,
                    "2026-01-05",
                )
            })
            .collect();
        // the item itself in the pool with an absurd price must be ignored
        pool.push(rec("me", "Miraflores", 100.0, 9_000_000.0, "2026-01-05"));
        let item = rec("me", "miraflores", 100.0, 600_000.0, "2026-01-05");
        let m = market_analysis(&item, &pool, &Settings::default());
        assert_eq!(m.market_price_median, Some(500_000.0));
        assert_eq!(m.price_position, Some(PricePosition::Above));
        assert_eq!(m.price_difference.as_ref().unwrap().percent, 20.0);
        assert!(m.comparables.iter().all(|c| c.id != "me"));
        assert_eq!(m.segment_level, "district");
        let at = rec("x", "Miraflores", 100.0, 520_000.0, "2026-01-05");
        assert_eq!(
            market_analysis(&at, &pool, &Settings::default()).price_position,
            Some(PricePosition::At)
        );
    }

    #[test]
    fn trend_detected_or_insufficient() {
        let mut pool = Vec::new();
        for i in 0..30 {
            let month = i % 3;
            let date = format!("2025-{:02}-10", 9 + month);
            let p = 400_000.0 * (1.02f64).powi(month);
            pool.push(rec(&format!("p{i}"), "Lince", 80.0, p, &date));
        }
        let item = rec("x", "Lince", 80.0, 400_000.0, "2025-12-01");
        let m = market_analysis(&item, &pool, &Settings::default());
        match m.market_trend {
            MarketTrend::Estimate {
                percent_per_month, ..
            } => {
                assert!((percent_per_month - 2.0).abs() < 0.3, "{percent_per_month}")
            }
            MarketTrend::Insufficient(_) => panic!("expected a trend"),
        }
        let flat: Vec<PropertyRecord> = (0..30)
            .map(|i| rec(&format!("p{i}"), "Lince", 80.0, 400_000.0, "2026-01-05"))
            .collect();
        let m = market_analysis(&item, &flat, &Settings::default());
        assert_eq!(
            m.market_trend,
            MarketTrend::Insufficient("insufficient data".into())
        );
    }

    #[test]
    fn widens_to_zone_and_converts_currency() {
        let pool: Vec<PropertyRecord> = (0..8)
            .map(|i| {
                rec(
                    &format!("p{i}"),
                    "San Isidro",
                    100.0,
                    750_000.0,
                    "2026-01-05",
                )
            })
            .collect();
        let mut item = rec("x", "Miraflores", 100.0, 200_000.0, "2026-01-05");
        item.currency = Currency::USD;
        let m = market_analysis(&item, &pool, &Settings::default());
        assert_eq!(m.segment_level, "zone");
        assert_eq!(m.market_price_median, Some(200_000.0));
        assert_eq!(m.price_position, Some(PricePosition::At));
    }
}
