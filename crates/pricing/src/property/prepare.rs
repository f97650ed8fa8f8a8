//! Prepare: a home listing as the engine reads it (segment, place, ln area,
//! rooms, fees, listing words, ln price in PEN), and the outlier check that
//! keeps dirty rows out of training and comparables.

use crate::places::{district_and_zone, fold};
use crate::stats::{hash_str, mad, median};
use crate::text::{area_in_text, flags};
use crate::{Operation, PropertyRecord, PropertyType};
use std::collections::HashMap;

const N_FLAGS: usize = 18;

#[derive(Debug, Clone)]
pub(super) struct Row {
    pub(super) id: String,
    pub(super) seg: u8,
    pub(super) op: u8,
    pub(super) district: String,
    pub(super) zone: String,
    pub(super) la: f64,
    pub(super) area: Option<f64>,
    pub(super) beds: f64,
    pub(super) baths: f64,
    pub(super) parking: f64,
    pub(super) lmaint: f64,
    pub(super) source: f64,
    pub(super) flags: [f64; N_FLAGS],
    pub(super) id_hash: u64,
    pub(super) district_hash: u64,
    pub(super) zone_hash: u64,
    /// sorted hashes of address / title words
    pub(super) addr: Vec<u64>,
    pub(super) words: Vec<u64>,
    /// ln price in PEN (NaN for items without price)
    pub(super) y: f64,
    pub(super) clean: bool,
}

pub(super) fn seg_of(op: Operation, t: PropertyType) -> u8 {
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
pub(super) fn count(v: Option<u32>) -> f64 {
    v.map_or(UNSTATED, |v| v.min(20) as f64)
}

/// An unstated room count is a category of its own, above every stated
/// count: a blank often means "none" (parking), and blanks match each other
/// in the comparable distance. (Before, a blank became 20 rooms by accident,
/// which behaved the same; leaving it NaN measured the same within the
/// fold-split noise, ±0.001 MdAPE.)
pub(super) const UNSTATED: f64 = 99.0;

pub(super) fn prepare(r: &PropertyRecord, pen_per_usd: f64) -> Row {
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
pub(super) fn tokens(text: &str, address: bool) -> Vec<u64> {
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
        let mut v: Vec<String> = crate::places::DISTRICTS
            .iter()
            .flat_map(|(d, _)| fold(d).split(' ').map(str::to_string).collect::<Vec<_>>())
            .collect();
        v.sort();
        v.dedup();
        v
    })
}

/// Marks dirty pool rows: robust z-score of ln(price/m²) within
/// (segment, district) (or the segment when the district is thin) above 3.5,
/// or of ln(price) within the segment above 5. Dirty rows are still
/// estimated but never used as comparables nor for training.
pub(super) fn mark_clean(rows: &mut [Row]) {
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
