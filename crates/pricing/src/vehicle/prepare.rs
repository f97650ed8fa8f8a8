//! Prepare: a car listing as the engine reads it (canonical brand and
//! model, year, ln mileage, coded body, drive, gearbox and fuel, ln price in
//! USD), and the outlier check that keeps dirty rows out of training and
//! comparables.

use crate::places::fold;
use crate::stats::{mad, median};
use crate::{Currency, VehicleRecord};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub(super) struct Row {
    pub(super) id: String,
    pub(super) brand: String,
    pub(super) model: String,
    pub(super) year: f64,
    pub(super) lmil: f64,
    /// how the odometer reading was typed (see `mileage_roundness`)
    pub(super) mil_round: f64,
    pub(super) engine: f64,
    pub(super) body: f64,
    pub(super) drive: f64,
    pub(super) trans: f64,
    pub(super) fuel: f64,
    pub(super) photos: f64,
    pub(super) days: f64,
    pub(super) source: f64,
    pub(super) trim: String,
    /// folded model words (for the prefix fallback of unknown models)
    pub(super) model_words: String,
    pub(super) y: f64,
    pub(super) clean: bool,
}

pub(super) fn cat(v: Option<&str>, table: &[&[&str]]) -> f64 {
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

pub(super) fn prepare(r: &VehicleRecord, pen_per_usd: f64) -> Row {
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
pub(super) fn mileage_roundness(m: f64) -> f64 {
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
pub(super) fn mark_clean(rows: &mut [Row]) {
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
