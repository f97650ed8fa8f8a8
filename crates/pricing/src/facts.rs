//! Built-in Lima market knowledge: aggregate facts derived from a market
//! file (never its rows), compiled into the binary, so that every estimate
//! has an answer before the merchant's pool holds a single comparable.
//!
//! Homes: price per m² quantiles per district × operation × type (and zone,
//! and city), area / room / parking / fee adjustments per segment. Cars:
//! price levels per brand, model family and model of the Lima listings, a
//! Lima depreciation and mileage slope, the catalogue's age curve where Lima
//! has no cars of that age. Every figure carries its count; none stands for
//! fewer than [`MIN_COUNT`] listings. The intervals are the 10th and 90th
//! percentiles of out-of-fold errors of these same facts, so they are
//! calibrated. `treevu market facts` regenerates the table (docs/pricing.md).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::places::{district_and_zone, fold};
use super::reason::{Assumption, CarFigures, CarsOf, FactsPlace, FactsWhy, HomeFigures, Sibling};
use super::stats::{hash_str, mad, median, mix64, quantile, ridge};
use super::{Currency, Operation, PropertyRecord, PropertyType, VehicleRecord};

/// No figure stands for fewer listings than this.
pub const MIN_COUNT: usize = 5;
/// Pseudo-listings with which a district (or model) figure is shrunk to its parent.
const SHRINK: f64 = 5.0;
/// Folds of the cross-validation that calibrates the intervals.
const CV_FOLDS: u64 = 5;
/// The model year car levels are expressed at.
const CAR_REF_YEAR: i32 = 2026;

/// The table compiled into treevu (from `../shared/data`, see docs/pricing.md).
const BUILT_IN: &str = include_str!("lima_facts.json");

/// Figures for one place (district, zone or the city) of one segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceFigure {
    pub place: String,
    pub count: usize,
    /// Price per m² (PEN; monthly for rent): 25th, 50th and 75th percentiles.
    pub ppm2: [f64; 3],
}

/// Multiplicative adjustments of one segment, on ln price per m².
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Adjustments {
    /// Mean ln area of the segment, and the elasticity of price per m² to
    /// area around it (price per m² falls as homes grow).
    pub ln_area_mean: f64,
    /// What the place medians leave over on average once the rest is known.
    pub offset: f64,
    pub area: f64,
    /// Per bedroom / bathroom above the segment's typical count, and when unstated.
    pub bedrooms: (f64, f64),
    pub bathrooms: (f64, f64),
    /// Per parking space (up to 4), and when unstated.
    pub parking: (f64, f64),
    /// Per unit of ln(fee per m²) above ln 5, and when no fee is stated.
    pub maintenance: (f64, f64),
}

/// One operation × property type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeSegment {
    pub operation: Operation,
    pub property_type: PropertyType,
    pub city: PlaceFigure,
    pub zones: Vec<PlaceFigure>,
    pub districts: Vec<PlaceFigure>,
    pub adjustments: Adjustments,
    /// 10th and 90th percentiles of out-of-fold ln(price / estimate).
    pub error_q10: f64,
    pub error_q90: f64,
    pub median_area: f64,
}

/// One level of the car hierarchy (brand, "brand|family" or "brand|model").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CarLevel {
    pub key: String,
    pub count: usize,
    /// Median ln price (USD) at the reference year, Lima mileage, manual, gasoline.
    pub level: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CarFacts {
    pub count: usize,
    pub reference_year: i32,
    pub global: f64,
    /// Lima: ln price per model year, and per unit of ln mileage above the
    /// Lima norm for the car's age (km per year of age).
    pub per_year: f64,
    pub mileage: f64,
    pub km_per_year: f64,
    pub automatic: f64,
    pub diesel: f64,
    pub electrified: f64,
    /// Model years the Lima slope covers; older years follow the catalogue's
    /// age curve (ln price offset per year, relative to `lima_years.0`).
    pub lima_years: (i32, i32),
    pub catalogue_curve: Vec<(i32, f64)>,
    /// Levels of the brand tiers ([`brand_tier`]): where Lima has fewer than
    /// five listings of a brand, its tier speaks before the whole city does.
    /// Absent from tables written before tiers existed.
    #[serde(default)]
    pub tiers: Vec<CarLevel>,
    pub brands: Vec<CarLevel>,
    pub families: Vec<CarLevel>,
    pub models: Vec<CarLevel>,
    pub error_q10: f64,
    pub error_q90: f64,
}

/// The whole table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarketFacts {
    /// When the listings behind the figures were seen, e.g. "Dec 2025 – Jan 2026".
    pub vintage: String,
    /// The month named in rationales ("built-in Lima figures of Jan 2026").
    pub as_of: String,
    pub home_listings: usize,
    pub homes: Vec<HomeSegment>,
    /// Sale ÷ monthly rent price per m² of apartments, and house ÷ apartment
    /// price per m² of sales (medians over districts with both).
    pub price_to_rent: f64,
    pub house_to_apartment: f64,
    pub cars: Option<CarFacts>,
}

/// An answer from the facts alone: ln price (PEN for homes, USD for cars),
/// its 80% band and what produced it.
#[derive(Debug, Clone, PartialEq)]
pub struct FactsEstimate {
    pub ln_price: f64,
    pub ln_lo: f64,
    pub ln_hi: f64,
    /// Listings behind the figure used, and where it came from.
    pub count: usize,
    pub level: String,
    /// `about` in the engine's English.
    pub why: String,
    pub about: FactsWhy,
}

/// Land and commercial premises are not in the Lima data: priced from the
/// house (land) or apartment (commercial) figure times these documented
/// assumptions, and the rationale says so.
const LAND_OF_HOUSE: f64 = 0.55;
const COMMERCIAL_OF_APARTMENT: f64 = 1.10;

impl MarketFacts {
    /// The table compiled into treevu.
    pub fn built_in() -> &'static MarketFacts {
        static FACTS: std::sync::OnceLock<MarketFacts> = std::sync::OnceLock::new();
        FACTS.get_or_init(|| serde_json::from_str(BUILT_IN).expect("the built-in table parses"))
    }

    /// A table read from JSON (a refreshed one, `TREEVU_MARKET_FACTS`).
    pub fn from_json(text: &str) -> Result<MarketFacts, String> {
        serde_json::from_str(text).map_err(|e| format!("not a treevu market facts table: {e}"))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("facts serialise")
    }

    /// A short identity of the table (for the model cache key).
    pub fn id(&self) -> String {
        format!(
            "{:016x}",
            hash_str(&serde_json::to_string(self).unwrap_or_default())
        )
    }

    fn segment(&self, op: Operation, t: PropertyType) -> Option<&HomeSegment> {
        self.homes
            .iter()
            .find(|s| s.operation == op && s.property_type == t)
    }

    /// The figures of a home: ln price in PEN and its band. `None` only when
    /// the table has no segment at all for the item's operation.
    pub fn home(&self, item: &PropertyRecord) -> Option<FactsEstimate> {
        let (base_type, factor, assumption) = match item.property_type {
            PropertyType::Land => (PropertyType::House, LAND_OF_HOUSE, true),
            PropertyType::Commercial => (PropertyType::Apartment, COMMERCIAL_OF_APARTMENT, true),
            t => (t, 1.0, false),
        };
        let seg = self
            .segment(item.operation, base_type)
            .or_else(|| self.segment(item.operation, PropertyType::Apartment))?;
        let (district, zone) = district_and_zone(item.district.as_deref(), item.zone.as_deref());
        let (level, count, place, widen) = self.home_level(seg, &district, &zone);
        let area = plausible_area(item.area_m2).unwrap_or(seg.median_area);
        let adj = adjust(&seg.adjustments, item, area);
        let ln_price = level + factor.ln() + adj + area.ln();
        let widen = widen * if assumption { 1.3 } else { 1.0 };
        let (q10, q90) = (seg.error_q10 * widen, seg.error_q90 * widen);
        let about = FactsWhy::Home(HomeFigures {
            as_of: self.as_of.clone(),
            vintage: self.vintage.clone(),
            listings: self.home_listings,
            place,
            ppm2: level.exp() * factor,
            rent: item.operation == Operation::Rent,
            count,
            assumption: assumption.then_some(Assumption {
                operation: item.operation,
                property_type: item.property_type,
                percent: if factor < 1.0 { 55 } else { 110 },
                base: base_type,
            }),
            assumed_area: plausible_area(item.area_m2)
                .is_none()
                .then_some(seg.median_area),
        });
        Some(FactsEstimate {
            ln_price,
            ln_lo: ln_price + q10,
            ln_hi: ln_price + q90,
            count,
            level: if widen > 1.0 {
                "zone".into()
            } else {
                "district".into()
            },
            why: about.to_string(),
            about,
        })
    }

    /// ln price per m² for a place: the district figure shrunk to its zone's,
    /// else the district's figure of the sibling segment times the city ratio,
    /// else the zone's, else the city's. Also the count, a description and a
    /// widening of the band (1 at district level).
    fn home_level(
        &self,
        seg: &HomeSegment,
        district: &str,
        zone: &str,
    ) -> (f64, usize, FactsPlace, f64) {
        let find = |list: &[PlaceFigure], name: &str| -> Option<PlaceFigure> {
            let f = fold(name);
            list.iter().find(|p| fold(&p.place) == f).cloned()
        };
        let city = seg.city.ppm2[1].ln();
        let zone_fig = find(&seg.zones, zone);
        let zl = zone_fig.as_ref().map_or(city, |z| {
            (z.count as f64 * z.ppm2[1].ln() + SHRINK * city) / (z.count as f64 + SHRINK)
        });
        if let Some(d) = find(&seg.districts, district) {
            let n = d.count as f64;
            return (
                (n * d.ppm2[1].ln() + SHRINK * zl) / (n + SHRINK),
                d.count,
                FactsPlace::District(d.place.clone()),
                1.0,
            );
        }
        // The same district in the sibling segment (rents for a sale, the
        // apartments for a house), moved by the city-wide ratio.
        let sibling = match (seg.operation, seg.property_type) {
            (Operation::Sale, PropertyType::Apartment) => self
                .segment(Operation::Rent, PropertyType::Apartment)
                .map(|s| (s, self.price_to_rent.ln(), Sibling::Rents)),
            (Operation::Rent, PropertyType::Apartment) => self
                .segment(Operation::Sale, PropertyType::Apartment)
                .map(|s| (s, -self.price_to_rent.ln(), Sibling::Sales)),
            (op, PropertyType::House) => self
                .segment(op, PropertyType::Apartment)
                .map(|s| (s, self.house_to_apartment.ln(), Sibling::Apartments)),
            _ => None,
        };
        if let Some((s, shift, what)) = sibling
            && let Some(d) = find(&s.districts, district)
        {
            return (
                d.ppm2[1].ln() + shift,
                d.count,
                FactsPlace::Sibling {
                    place: d.place.clone(),
                    of: what,
                },
                1.15,
            );
        }
        // A sale house where neither sold houses nor sold apartments have a
        // figure: the district's rents, times both city ratios.
        if (seg.operation, seg.property_type) == (Operation::Sale, PropertyType::House)
            && let Some(rent) = self.segment(Operation::Rent, PropertyType::Apartment)
            && let Some(d) = find(&rent.districts, district)
        {
            return (
                d.ppm2[1].ln() + self.price_to_rent.ln() + self.house_to_apartment.ln(),
                d.count,
                FactsPlace::ApartmentRents(d.place.clone()),
                1.2,
            );
        }
        match zone_fig {
            Some(z) => (zl, z.count, FactsPlace::Zone(z.place.clone()), 1.2),
            None => (city, seg.city.count, FactsPlace::City, 1.4),
        }
    }

    /// The figures of a car: ln price in USD and its band; `None` when the
    /// table has no cars.
    pub fn car(&self, item: &VehicleRecord) -> Option<FactsEstimate> {
        let c = self.cars.as_ref()?;
        let (brand, model) = car_keys(&item.brand, &item.model);
        let family = family_of(&model);
        let found = car_chain(c, &brand, &family, &model);
        let (level, count, depth) = (found.level, found.count, found.depth);
        let what = match depth {
            CarDepth::Model => CarsOf::Model {
                brand: item.brand.trim().to_string(),
                model: item.model.trim().to_string(),
            },
            CarDepth::Family => CarsOf::Family {
                brand: item.brand.trim().to_string(),
                family,
            },
            CarDepth::Brand => CarsOf::Brand(item.brand.trim().to_string()),
            CarDepth::Tier => CarsOf::Tier(brand_tier(&brand).to_string()),
            CarDepth::Global => CarsOf::All,
        };
        let ln_price = level + car_adjustment(c, item);
        // The cross-validated band already mixes every depth: not widened.
        let widen = 1.0;
        let about = FactsWhy::Car(CarFigures {
            as_of: self.as_of.clone(),
            listings: c.count,
            of: what,
            count,
            per_year_percent: (1.0 - (-c.per_year).exp()) * 100.0,
            km_per_year: c.km_per_year,
        });
        Some(FactsEstimate {
            ln_price,
            ln_lo: ln_price + c.error_q10 * widen,
            ln_hi: ln_price + c.error_q90 * widen,
            count,
            level: depth.as_str().into(),
            why: about.to_string(),
            about,
        })
    }
}

fn shrink(v: f64, n: usize, parent: f64) -> f64 {
    (n as f64 * v + SHRINK * parent) / (n as f64 + SHRINK)
}

fn plausible_area(a: Option<f64>) -> Option<f64> {
    a.filter(|a| a.is_finite() && (12.0..=50_000.0).contains(a))
}

/// The segment adjustments of an item (ln price per m²).
fn adjust(a: &Adjustments, r: &PropertyRecord, area: f64) -> f64 {
    a.offset
        + adjustment_features(r, area, a.ln_area_mean)
            .iter()
            .zip(adjustment_coefs(a))
            .map(|(x, b)| x * b)
            .sum::<f64>()
}

fn adjustment_coefs(a: &Adjustments) -> [f64; 9] {
    [
        a.area,
        a.bedrooms.0,
        a.bedrooms.1,
        a.bathrooms.0,
        a.bathrooms.1,
        a.parking.0,
        a.parking.1,
        a.maintenance.0,
        a.maintenance.1,
    ]
}

/// Typical counts the room adjustments are centred on.
const TYPICAL: [f64; 3] = [2.5, 2.0, 1.0];

fn adjustment_features(r: &PropertyRecord, area: f64, ln_area_mean: f64) -> [f64; 9] {
    let count = |v: Option<u32>, cap: f64, c: f64| match v {
        Some(v) => ((v as f64).min(cap) - c, 0.0),
        None => (0.0, 1.0),
    };
    let (b, bu) = count(r.bedrooms, 6.0, TYPICAL[0]);
    let (ba, bau) = count(r.bathrooms, 6.0, TYPICAL[1]);
    let (p, pu) = count(r.parking, 4.0, TYPICAL[2]);
    let (f, fu) = match r.maintenance_pen.filter(|m| m.is_finite() && *m > 0.0) {
        Some(m) => ((m / area).ln() - 5f64.ln(), 0.0),
        None => (0.0, 1.0),
    };
    [area.ln() - ln_area_mean, b, bu, ba, bau, p, pu, f, fu]
}

/// Brand and model keys as the car tables hold them.
pub fn car_keys(brand: &str, model: &str) -> (String, String) {
    let (b, m) = super::vehicle::canonical_brand_model(brand, model);
    (b, m.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The family of a model: its first word ("x3 30i" → "x3").
fn family_of(model: &str) -> String {
    model
        .replace('-', " ")
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_string()
}

fn car_features(c: &CarFacts, r: &VehicleRecord) -> [f64; 5] {
    let year = r.year.unwrap_or(c.reference_year - 8);
    let age = (c.reference_year - year).max(0) as f64;
    let expected = 1000.0 + c.km_per_year * age.max(0.5);
    let mil = r
        .mileage_km
        .filter(|m| m.is_finite() && *m >= 0.0)
        .map_or(0.0, |m| (m + 1000.0).ln() - expected.ln());
    let is = |v: &Option<String>, names: &[&str]| {
        v.as_deref()
            .map(fold)
            .is_some_and(|s| names.contains(&s.as_str())) as u8 as f64
    };
    [
        0.0, // the year term, applied through `year_offset`
        mil,
        is(&r.transmission, &["automatic", "auto", "cvt"]),
        is(&r.fuel_type, &["diesel"]),
        is(
            &r.fuel_type,
            &["hybrid", "electric", "hibrido", "electrico"],
        ),
    ]
}

/// ln price offset of a model year against the reference year: the Lima
/// slope over the years Lima covers, the catalogue's curve before them
/// (and the Lima slope again before the catalogue's oldest year).
fn year_offset(c: &CarFacts, year: Option<i32>) -> f64 {
    let y = year.unwrap_or(c.reference_year - 8).min(c.reference_year);
    let first = c.lima_years.0;
    let nearest = c
        .catalogue_curve
        .iter()
        .min_by_key(|(cy, _)| (cy - y).abs())
        .copied();
    match nearest {
        Some((cy, cv)) if y < first => {
            c.per_year * (first - c.reference_year) as f64
                + cv
                + c.per_year * (y - cy).min(0) as f64
        }
        _ => c.per_year * (y - c.reference_year) as f64,
    }
}

fn car_adjustment(c: &CarFacts, r: &VehicleRecord) -> f64 {
    let f = car_features(c, r);
    year_offset(c, r.year)
        + f[1] * c.mileage
        + f[2] * c.automatic
        + f[3] * c.diesel
        + f[4] * c.electrified
}

// ---------------------------------------------------------------- building

/// A home row the builder reads: segment, place, area and ln price per m².
struct HomeRow<'a> {
    rec: &'a PropertyRecord,
    op: Operation,
    t: PropertyType,
    district: String,
    zone: String,
    area: f64,
    lppm: f64,
    fold: u64,
}

fn fold_of(id: &str) -> u64 {
    mix64(hash_str(id) ^ 0xfac7) % CV_FOLDS
}

fn figure(place: &str, v: &[f64]) -> PlaceFigure {
    let q = |p: f64| (quantile(v, p).unwrap_or(f64::NAN).exp() * 10.0).round() / 10.0;
    PlaceFigure {
        place: place.to_string(),
        count: v.len(),
        ppm2: [q(0.25), q(0.5), q(0.75)],
    }
}

/// Levels and adjustments of the home segments over `rows` (no intervals).
fn home_tables(rows: &[&HomeRow]) -> (Vec<HomeSegment>, f64, f64) {
    let mut segs: BTreeMap<(u8, u8), Vec<&HomeRow>> = BTreeMap::new();
    for r in rows {
        segs.entry((r.op as u8, r.t as u8)).or_default().push(r);
    }
    let mut out = Vec::new();
    for list in segs.values() {
        if list.len() < MIN_COUNT {
            continue;
        }
        let places = |key: fn(&HomeRow) -> String| -> Vec<PlaceFigure> {
            let mut m: BTreeMap<String, Vec<f64>> = BTreeMap::new();
            for r in list {
                let k = key(r);
                if !k.is_empty() {
                    m.entry(k).or_default().push(r.lppm);
                }
            }
            m.iter()
                .filter(|(_, v)| v.len() >= MIN_COUNT)
                .map(|(k, v)| figure(k, v))
                .collect()
        };
        let all: Vec<f64> = list.iter().map(|r| r.lppm).collect();
        let areas: Vec<f64> = list.iter().map(|r| r.area).collect();
        let las: Vec<f64> = list.iter().map(|r| r.area.ln()).collect();
        out.push(HomeSegment {
            operation: list[0].op,
            property_type: list[0].t,
            city: figure("Lima", &all),
            zones: places(|r| r.zone.clone()),
            districts: places(|r| r.district.clone()),
            adjustments: Adjustments {
                ln_area_mean: las.iter().sum::<f64>() / las.len() as f64,
                offset: 0.0,
                area: 0.0,
                bedrooms: (0.0, 0.0),
                bathrooms: (0.0, 0.0),
                parking: (0.0, 0.0),
                maintenance: (0.0, 0.0),
            },
            error_q10: 0.0,
            error_q90: 0.0,
            median_area: median(&areas).unwrap_or(80.0).round(),
        });
    }
    let ratio = |a: &HomeSegment, b: &HomeSegment| -> f64 {
        let r: Vec<f64> = a
            .districts
            .iter()
            .filter_map(|d| {
                b.districts
                    .iter()
                    .find(|e| e.place == d.place)
                    .map(|e| d.ppm2[1] / e.ppm2[1])
            })
            .collect();
        median(&r).unwrap_or(a.city.ppm2[1] / b.city.ppm2[1])
    };
    let get = |op: Operation, t: PropertyType| {
        out.iter()
            .find(|s| s.operation == op && s.property_type == t)
    };
    let price_to_rent = match (
        get(Operation::Sale, PropertyType::Apartment),
        get(Operation::Rent, PropertyType::Apartment),
    ) {
        (Some(s), Some(r)) => ratio(s, r),
        _ => 175.0,
    };
    let house_to_apartment = match (
        get(Operation::Sale, PropertyType::House),
        get(Operation::Sale, PropertyType::Apartment),
    ) {
        (Some(h), Some(a)) => ratio(h, a),
        _ => 0.9,
    };
    let mut facts = MarketFacts {
        vintage: String::new(),
        as_of: String::new(),
        home_listings: rows.len(),
        homes: out,
        price_to_rent,
        house_to_apartment,
        cars: None,
    };
    // Adjustments: a robust (Huber-weighted) ridge fit of what the place
    // level leaves unexplained, per segment.
    for si in 0..facts.homes.len() {
        let seg = facts.homes[si].clone();
        let members: Vec<&&HomeRow> = rows
            .iter()
            .filter(|r| r.op == seg.operation && r.t == seg.property_type)
            .collect();
        let mut x = Vec::new();
        let mut y = Vec::new();
        for r in &members {
            let (level, ..) = facts.home_level(&seg, &r.district, &r.zone);
            x.push(1.0);
            x.extend_from_slice(&adjustment_features(
                r.rec,
                r.area,
                seg.adjustments.ln_area_mean,
            ));
            y.push(r.lppm - level);
        }
        let p = 10;
        let mut w = vec![1.0; y.len()];
        let mut b = vec![0.0; p];
        for _ in 0..4 {
            b = ridge(&x, p, &y, Some(&w), 2.0);
            for (i, wi) in w.iter_mut().enumerate() {
                let fit: f64 = (0..p).map(|j| x[i * p + j] * b[j]).sum();
                *wi = 1.0 / ((y[i] - fit).abs() / 0.2).max(1.0);
            }
        }
        let a = &mut facts.homes[si].adjustments;
        let r4 = |v: f64| (v * 1e4).round() / 1e4;
        a.offset = r4(b[0]);
        a.area = r4(b[1]);
        a.bedrooms = (r4(b[2]), r4(b[3]));
        a.bathrooms = (r4(b[4]), r4(b[5]));
        a.parking = (r4(b[6]), r4(b[7]));
        a.maintenance = (r4(b[8]), r4(b[9]));
    }
    (facts.homes, price_to_rent, house_to_apartment)
}

/// Clean home rows: a plausible area and price, and ln price per m² within
/// 3.5 robust deviations of its segment.
fn home_rows(homes: &[PropertyRecord], pen_per_usd: f64) -> Vec<HomeRow<'_>> {
    let mut rows: Vec<HomeRow> = homes
        .iter()
        .filter_map(|r| {
            let area = plausible_area(r.area_m2)?;
            let price = r.price.filter(|p| p.is_finite() && *p > 0.0)?;
            let (district, zone) = district_and_zone(r.district.as_deref(), r.zone.as_deref());
            Some(HomeRow {
                rec: r,
                op: r.operation,
                t: r.property_type,
                district,
                zone,
                area,
                lppm: (r.currency.to_pen(price, pen_per_usd) / area).ln(),
                fold: fold_of(&r.id),
            })
        })
        .collect();
    let mut by: HashMap<(u8, u8), Vec<f64>> = HashMap::new();
    for r in &rows {
        by.entry((r.op as u8, r.t as u8)).or_default().push(r.lppm);
    }
    let stat: HashMap<(u8, u8), (f64, f64)> = by
        .iter()
        .map(|(k, v)| {
            (
                *k,
                (median(v).unwrap_or(0.0), mad(v).unwrap_or(1.0).max(0.15)),
            )
        })
        .collect();
    rows.retain(|r| {
        let (m, s) = stat[&(r.op as u8, r.t as u8)];
        ((r.lppm - m) / s).abs() <= 3.5
    });
    rows
}

/// A car row the builder reads.
struct CarRow<'a> {
    rec: &'a VehicleRecord,
    brand: String,
    family: String,
    model: String,
    y: f64,
    fold: u64,
}

fn car_rows(cars: &[VehicleRecord], pen_per_usd: f64) -> Vec<CarRow<'_>> {
    cars.iter()
        .filter_map(|r| {
            let price = r.price.filter(|p| p.is_finite() && *p > 0.0)?;
            r.year.filter(|y| (1950..=2100).contains(y))?;
            let (brand, model) = car_keys(&r.brand, &r.model);
            Some(CarRow {
                rec: r,
                family: family_of(&model),
                brand,
                model,
                y: r.currency.convert(price, Currency::USD, pen_per_usd).ln(),
                fold: fold_of(&r.id),
            })
        })
        .collect()
}

/// Car tables over Lima rows `lima`; `catalogue` only gives the age curve's shape.
fn car_tables(lima: &[&CarRow], catalogue: &[&CarRow]) -> Option<CarFacts> {
    if lima.len() < MIN_COUNT * 4 {
        return None;
    }
    let mut years: Vec<f64> = lima
        .iter()
        .filter_map(|r| r.rec.year)
        .map(f64::from)
        .collect();
    years.sort_by(f64::total_cmp);
    let lima_years = (
        quantile(&years, 0.03).unwrap_or(2005.0).round() as i32,
        quantile(&years, 1.0).unwrap_or(2026.0) as i32,
    );
    let kpy: Vec<f64> = lima
        .iter()
        .filter_map(|r| {
            let age = (CAR_REF_YEAR - r.rec.year?) as f64;
            let km = r.rec.mileage_km?;
            (age >= 1.0 && km > 0.0).then_some(km / age)
        })
        .collect();
    let mut c = CarFacts {
        count: lima.len(),
        reference_year: CAR_REF_YEAR,
        global: 0.0,
        per_year: 0.06,
        mileage: 0.0,
        km_per_year: median(&kpy).unwrap_or(8_000.0).round(),
        automatic: 0.0,
        diesel: 0.0,
        electrified: 0.0,
        lima_years,
        catalogue_curve: Vec::new(),
        tiers: Vec::new(),
        brands: Vec::new(),
        families: Vec::new(),
        models: Vec::new(),
        error_q10: 0.0,
        error_q90: 0.0,
    };
    // The catalogue's age curve: median ln price per model year, relative to
    // the first Lima year, for the years Lima does not cover.
    let mut by_year: BTreeMap<i32, Vec<f64>> = BTreeMap::new();
    for r in catalogue {
        if let Some(y) = r.rec.year {
            by_year.entry(y).or_default().push(r.y);
        }
    }
    let curve: BTreeMap<i32, f64> = by_year
        .iter()
        .filter(|(_, v)| v.len() >= MIN_COUNT)
        .map(|(y, v)| (*y, median(v).unwrap_or(0.0)))
        .collect();
    if let Some(&at_first) = curve.get(&lima_years.0) {
        c.catalogue_curve = curve
            .iter()
            .filter(|(y, _)| **y < lima_years.0)
            .map(|(y, v)| (*y, ((v - at_first) * 1e4).round() / 1e4))
            .collect();
    }
    // Alternate: levels given the slopes, slopes given the levels.
    let p = 5;
    let mut beta = vec![0.0; p];
    // Twice: the levels (medians) at the first slopes fix the groups, the
    // slopes are fitted within them, and the levels are taken again.
    let mut done = false;
    loop {
        c.per_year = beta[0];
        c.mileage = beta[1];
        c.automatic = beta[2];
        c.diesel = beta[3];
        c.electrified = beta[4];
        let z: Vec<f64> = lima
            .iter()
            .map(|r| r.y - car_adjustment(&c, r.rec))
            .collect();
        c.global = median(&z).unwrap_or(9.5);
        let levels = |key: &dyn Fn(&CarRow) -> String| -> Vec<CarLevel> {
            let mut m: BTreeMap<String, Vec<f64>> = BTreeMap::new();
            for (r, zi) in lima.iter().zip(&z) {
                m.entry(key(r)).or_default().push(*zi);
            }
            m.into_iter()
                .filter(|(_, v)| v.len() >= MIN_COUNT)
                .map(|(k, v)| CarLevel {
                    key: k,
                    count: v.len(),
                    level: (median(&v).unwrap_or(0.0) * 1e4).round() / 1e4,
                })
                .collect()
        };
        c.tiers = levels(&|r| brand_tier(&r.brand).to_string());
        c.brands = levels(&|r| r.brand.clone());
        c.families = levels(&|r| format!("{}|{}", r.brand, r.family));
        c.models = levels(&|r| format!("{}|{}", r.brand, r.model));
        if done {
            break;
        }
        // The slopes within groups (the deepest level each car has a figure
        // for): a fixed-effects fit, so the levels cannot soak up the years.
        let group = |r: &CarRow| -> String {
            let m = format!("{}|{}", r.brand, r.model);
            let f = format!("{}|{}", r.brand, r.family);
            if c.models.iter().any(|l| l.key == m) {
                m
            } else if c.families.iter().any(|l| l.key == f) {
                f
            } else if c.brands.iter().any(|l| l.key == r.brand) {
                r.brand.clone()
            } else {
                String::new()
            }
        };
        let rowx = |r: &CarRow| -> Vec<f64> {
            let f = car_features(&c, r.rec);
            let mut v = vec![(r.rec.year.unwrap_or(CAR_REF_YEAR) - CAR_REF_YEAR) as f64];
            v.extend_from_slice(&f[1..]);
            v
        };
        let mut sums: HashMap<String, (Vec<f64>, f64, f64)> = HashMap::new();
        for r in lima {
            let e = sums
                .entry(group(r))
                .or_insert_with(|| (vec![0.0; p], 0.0, 0.0));
            for (a, b) in e.0.iter_mut().zip(rowx(r)) {
                *a += b;
            }
            e.1 += r.y;
            e.2 += 1.0;
        }
        let mut x = Vec::new();
        let mut y = Vec::new();
        for r in lima {
            let (sx, sy, n) = &sums[&group(r)];
            for (j, v) in rowx(r).iter().enumerate() {
                x.push(v - sx[j] / n);
            }
            y.push(r.y - sy / n);
        }
        let mut w = vec![1.0; y.len()];
        for _ in 0..4 {
            beta = ridge_no_intercept(&x, p, &y, &w, 0.1);
            for (i, wi) in w.iter_mut().enumerate() {
                let fit: f64 = (0..p).map(|j| x[i * p + j] * beta[j]).sum();
                *wi = 1.0 / ((y[i] - fit).abs() / 0.3).max(1.0);
            }
        }
        done = true;
    }
    let r4 = |v: f64| (v * 1e4).round() / 1e4;
    c.per_year = r4(beta[0]);
    c.mileage = r4(beta[1]);
    c.automatic = r4(beta[2]);
    c.diesel = r4(beta[3]);
    c.electrified = r4(beta[4]);
    c.global = r4(c.global);
    Some(c)
}

/// ln level of a car row from the tables (what `MarketFacts::car` does).
fn car_level(c: &CarFacts, r: &CarRow) -> f64 {
    car_chain(c, &r.brand, &r.family, &r.model).level
}

/// How deep the car hierarchy spoke for a car.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CarDepth {
    Global,
    Tier,
    Brand,
    Family,
    Model,
}

impl CarDepth {
    fn as_str(self) -> &'static str {
        match self {
            CarDepth::Global => "global",
            CarDepth::Tier => "tier",
            CarDepth::Brand => "brand",
            CarDepth::Family => "family",
            CarDepth::Model => "model",
        }
    }
}

struct CarFound {
    level: f64,
    count: usize,
    depth: CarDepth,
}

/// The level of a car: the city's, shrunk towards each deeper figure the
/// table holds (tier, brand, family, model), by that figure's count.
fn car_chain(c: &CarFacts, brand: &str, family: &str, model: &str) -> CarFound {
    let mut found = CarFound {
        level: c.global,
        count: c.count,
        depth: CarDepth::Global,
    };
    for (list, key, depth) in [
        (&c.tiers, brand_tier(brand).to_string(), CarDepth::Tier),
        (&c.brands, brand.to_string(), CarDepth::Brand),
        (&c.families, format!("{brand}|{family}"), CarDepth::Family),
        (&c.models, format!("{brand}|{model}"), CarDepth::Model),
    ] {
        if let Some(l) = list.iter().find(|l| l.key == key) {
            found = CarFound {
                level: shrink(l.level, l.count, found.level),
                count: l.count,
                depth,
            };
        }
    }
    found
}

/// The price tier of a brand (by its key as [`car_keys`] gives it): a new
/// brand with few Lima listings is priced with its peers, not with the
/// city's average car. Names only, no figures: the levels come from Lima.
pub fn brand_tier(brand: &str) -> &'static str {
    const LUXURY: &[&str] = &[
        "acura",
        "alfa romeo",
        "aston martin",
        "audi",
        "bentley",
        "bmw",
        "cadillac",
        "cupra",
        "ds",
        "ferrari",
        "genesis",
        "infiniti",
        "jaguar",
        "lamborghini",
        "land rover",
        "lexus",
        "lincoln",
        "maserati",
        "mercedes benz",
        "mini",
        "porsche",
        "tesla",
        "volvo",
    ];
    const CHINESE: &[&str] = &[
        "baic",
        "bestune",
        "brilliance",
        "byd",
        "changan",
        "changhe",
        "chery",
        "dfm",
        "dfsk",
        "dongfeng",
        "exeed",
        "faw",
        "forthing",
        "foton",
        "gac",
        "geely",
        "great wall",
        "haval",
        "jac",
        "jaecoo",
        "jetour",
        "jmc",
        "kaiyi",
        "karry",
        "keyton",
        "leapmotor",
        "lifan",
        "maxus",
        "mg",
        "neta",
        "omoda",
        "shineray",
        "soueast",
        "zna",
        "zotye",
    ];
    if LUXURY.contains(&brand) {
        "luxury"
    } else if CHINESE.contains(&brand) {
        "chinese"
    } else {
        "mainstream"
    }
}

fn ridge_no_intercept(x: &[f64], p: usize, y: &[f64], w: &[f64], lambda: f64) -> Vec<f64> {
    // `ridge` leaves its first column unpenalised; a zero column in front
    // makes every real column penalised alike.
    let mut xx = Vec::with_capacity(y.len() * (p + 1));
    for i in 0..y.len() {
        xx.push(0.0);
        xx.extend_from_slice(&x[i * p..(i + 1) * p]);
    }
    ridge(&xx, p + 1, y, Some(w), lambda)[1..].to_vec()
}

/// Whether the built-in Lima car figures speak for a car: a Lima listing,
/// a car of treevu's marketplaces or one described by hand; not a car whose
/// source names another market (the Belarus catalogue of the shared file).
pub fn is_lima_car(r: &VehicleRecord) -> bool {
    let city = r.city.as_deref().map(fold).unwrap_or_default();
    if city == "lima" {
        return true;
    }
    if !city.is_empty() {
        return false;
    }
    matches!(
        r.source.as_deref().map(fold).as_deref(),
        None | Some("") | Some("neoauto") | Some("olx") | Some("autofact") | Some("flags")
    )
}

/// Whether a car row is from Lima (the NeoAuto rows of the shared file, or
/// any row whose city is Lima).
fn is_lima(r: &VehicleRecord) -> bool {
    r.source.as_deref().map(fold).as_deref() == Some("neoauto")
        || r.city.as_deref().map(fold).as_deref() == Some("lima")
}

/// "Dec 2025 – Jan 2026" from the listings' ISO dates.
fn vintage_of(homes: &[PropertyRecord]) -> (String, String) {
    let mut dates: Vec<&str> = homes
        .iter()
        .filter_map(|r| r.listed_on.as_deref())
        .filter(|d| d.len() >= 7)
        .collect();
    dates.sort_unstable();
    let month = |d: &str| -> String {
        let m = d[5..7].parse::<usize>().unwrap_or(1).clamp(1, 12);
        const NAMES: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        format!("{} {}", NAMES[m - 1], &d[..4])
    };
    match (dates.first(), dates.last()) {
        (Some(a), Some(b)) if month(a) != month(b) => {
            (format!("{} – {}", month(a), month(b)), month(b))
        }
        (Some(a), _) => (month(a), month(a)),
        _ => ("undated".into(), "undated".into()),
    }
}

/// Builds the table from market files of the shared schema: home rows and
/// car rows (Lima rows for the levels, any others only for the age curve).
/// The intervals are calibrated by cross-validation over the same rows.
pub fn build(homes: &[PropertyRecord], cars: &[VehicleRecord], pen_per_usd: f64) -> MarketFacts {
    let hrows = home_rows(homes, pen_per_usd);
    let all: Vec<&HomeRow> = hrows.iter().collect();
    let (segments, price_to_rent, house_to_apartment) = home_tables(&all);
    let (vintage, as_of) = vintage_of(homes);
    let mut facts = MarketFacts {
        vintage,
        as_of,
        home_listings: hrows.len(),
        homes: segments,
        price_to_rent: (price_to_rent * 100.0).round() / 100.0,
        house_to_apartment: (house_to_apartment * 1000.0).round() / 1000.0,
        cars: None,
    };
    // Out-of-fold errors of the home figures, per segment.
    let mut errors: HashMap<(u8, u8), Vec<f64>> = HashMap::new();
    for f in 0..CV_FOLDS {
        let train: Vec<&HomeRow> = hrows.iter().filter(|r| r.fold != f).collect();
        let (segs, ptr, hta) = home_tables(&train);
        let part = MarketFacts {
            homes: segs,
            price_to_rent: ptr,
            house_to_apartment: hta,
            cars: None,
            ..facts.clone()
        };
        for r in hrows.iter().filter(|r| r.fold == f) {
            if let Some(e) = part.home(r.rec) {
                errors
                    .entry((r.op as u8, r.t as u8))
                    .or_default()
                    .push(r.lppm + r.area.ln() - e.ln_price);
            }
        }
    }
    for s in &mut facts.homes {
        if let Some(e) = errors.get(&(s.operation as u8, s.property_type as u8)) {
            s.error_q10 = (quantile(e, 0.1).unwrap_or(-0.4) * 1e4).round() / 1e4;
            s.error_q90 = (quantile(e, 0.9).unwrap_or(0.4) * 1e4).round() / 1e4;
        }
    }
    let crows = car_rows(cars, pen_per_usd);
    let lima: Vec<&CarRow> = crows.iter().filter(|r| is_lima(r.rec)).collect();
    let catalogue: Vec<&CarRow> = crows.iter().filter(|r| !is_lima(r.rec)).collect();
    if let Some(mut c) = car_tables(&lima, &catalogue) {
        let mut e = Vec::new();
        for f in 0..CV_FOLDS {
            let train: Vec<&CarRow> = lima.iter().copied().filter(|r| r.fold != f).collect();
            if let Some(part) = car_tables(&train, &catalogue) {
                for r in lima.iter().filter(|r| r.fold == f) {
                    e.push(r.y - car_level(&part, r) - car_adjustment(&part, r.rec));
                }
            }
        }
        c.error_q10 = (quantile(&e, 0.1).unwrap_or(-0.4) * 1e4).round() / 1e4;
        c.error_q90 = (quantile(&e, 0.9).unwrap_or(0.4) * 1e4).round() / 1e4;
        facts.cars = Some(c);
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn home(i: usize, district: &str, ppm: f64, op: Operation) -> PropertyRecord {
        let area = 50.0 + (i % 7) as f64 * 20.0;
        // ±6% around the district figure, deterministic
        let noise = 1.0 + ((i * 37) % 13) as f64 / 100.0 - 0.06;
        PropertyRecord {
            id: format!("h{i}-{district}"),
            operation: op,
            property_type: PropertyType::Apartment,
            price: Some((ppm * area * noise).round()),
            area_m2: Some(area),
            district: Some(district.into()),
            listed_on: Some(
                if i.is_multiple_of(2) {
                    "2025-12-20"
                } else {
                    "2026-01-10"
                }
                .into(),
            ),
            ..Default::default()
        }
    }

    fn pool() -> Vec<PropertyRecord> {
        let mut v = Vec::new();
        for i in 0..60 {
            v.push(home(i, "Lince", 6000.0, Operation::Sale));
            v.push(home(i, "Comas", 2500.0, Operation::Sale));
            v.push(home(i, "Lince", 30.0, Operation::Rent));
        }
        // Miraflores: rents only, so its sales come from the price-to-rent ratio.
        for i in 0..20 {
            v.push(home(i, "Miraflores", 40.0, Operation::Rent));
        }
        // Three sales in Surquillo: fewer than five, no figure of its own.
        for i in 0..3 {
            v.push(home(i, "Surquillo", 9000.0, Operation::Sale));
        }
        v
    }

    #[test]
    fn figures_follow_the_districts_and_never_stand_for_fewer_than_five() {
        let f = build(&pool(), &[], 3.75);
        assert_eq!(f.vintage, "Dec 2025 – Jan 2026");
        assert_eq!(f.as_of, "Jan 2026");
        let sale = f.segment(Operation::Sale, PropertyType::Apartment).unwrap();
        let lince = sale.districts.iter().find(|d| d.place == "Lince").unwrap();
        assert_eq!(lince.count, 60);
        assert!((lince.ppm2[1] / 6000.0 - 1.0).abs() < 0.03, "{lince:?}");
        assert!(sale.districts.iter().all(|d| d.count >= MIN_COUNT));
        assert!(!sale.districts.iter().any(|d| d.place == "Surquillo"));
        // An item in Lince of 100 m² is priced near 600,000.
        let item = PropertyRecord {
            id: "q".into(),
            area_m2: Some(100.0),
            district: Some("lince".into()),
            ..Default::default()
        };
        let e = f.home(&item).unwrap();
        assert!(
            ((e.ln_price.exp() / 600_000.0) - 1.0).abs() < 0.08,
            "{}",
            e.ln_price.exp()
        );
        assert!(e.ln_lo < e.ln_price && e.ln_price < e.ln_hi);
        assert!(
            e.why.contains("built-in Lima figures of Jan 2026"),
            "{}",
            e.why
        );
        // Miraflores sales: its rent figure × the price-to-rent ratio (6000/30 = 200).
        assert!(
            (f.price_to_rent - 200.0).abs() < 10.0,
            "{}",
            f.price_to_rent
        );
        let mira = f
            .home(&PropertyRecord {
                district: Some("Miraflores".into()),
                ..item.clone()
            })
            .unwrap();
        let expect = 40.0 * f.price_to_rent * 100.0;
        assert!(
            (mira.ln_price.exp() / expect - 1.0).abs() < 0.1,
            "{}",
            mira.ln_price.exp()
        );
        assert!(mira.why.contains("from its rents"), "{}", mira.why);
        // Land: from the house or apartment figure, said to be an assumption.
        let land = f
            .home(&PropertyRecord {
                property_type: PropertyType::Land,
                ..item
            })
            .unwrap();
        assert!(land.why.contains("assumption"), "{}", land.why);
    }

    #[test]
    fn the_table_round_trips_and_the_built_in_one_parses() {
        let f = build(&pool(), &[], 3.75);
        assert_eq!(MarketFacts::from_json(&f.to_json()).unwrap(), f);
        let b = MarketFacts::built_in();
        assert!(b.home_listings > 5_000);
        assert!(b.cars.as_ref().is_some_and(|c| c.count >= 100));
        assert!(
            b.homes
                .iter()
                .flat_map(|s| s.districts.iter().chain(&s.zones))
                .all(|p| p.count >= MIN_COUNT)
        );
    }

    #[test]
    fn cars_depreciate_and_follow_their_brand() {
        let mut cars = Vec::new();
        for i in 0..80 {
            let year = 2012 + (i % 12);
            let (brand, base) = if i % 2 == 0 {
                ("Toyota", 30_000.0)
            } else {
                ("Kia", 18_000.0)
            };
            let age = (2026 - year) as f64;
            cars.push(VehicleRecord {
                id: format!("c{i}"),
                brand: brand.into(),
                model: if i % 4 < 2 { "Rav4" } else { "Sportage" }.into(),
                year: Some(year),
                mileage_km: Some(8_000.0 * age.max(0.5)),
                price: Some(base * 0.92f64.powf(age)),
                currency: Currency::USD,
                source: Some("neoauto".into()),
                ..Default::default()
            });
        }
        let f = build(&[], &cars, 3.75);
        let c = f.cars.as_ref().unwrap();
        assert!(
            (c.per_year - 0.92f64.recip().ln()).abs() < 0.02,
            "{}",
            c.per_year
        );
        let value = |brand: &str, year| {
            f.car(&VehicleRecord {
                brand: brand.into(),
                model: "Other".into(),
                year: Some(year),
                mileage_km: Some(8_000.0 * (2026 - year) as f64),
                ..Default::default()
            })
            .unwrap()
            .ln_price
            .exp()
        };
        assert!(value("Toyota", 2020) > value("Kia", 2020) * 1.3);
        assert!(value("Toyota", 2015) < value("Toyota", 2020) * 0.8);
        let t = value("Toyota", 2020);
        let truth = 30_000.0 * 0.92f64.powf(6.0);
        assert!((t / truth - 1.0).abs() < 0.1, "{t} vs {truth}");
    }

    #[test]
    fn a_brand_lima_barely_lists_is_priced_with_its_tier_not_the_city() {
        // 40 mainstream cars at US$ 15,000 and 40 luxury ones at US$ 45,000,
        // all 2020; one Porsche and one Jaguar: too few for a brand figure.
        let car = |i: usize, brand: &str, price: f64| VehicleRecord {
            id: format!("t{i}"),
            brand: brand.into(),
            model: "Any".into(),
            year: Some(2020),
            mileage_km: Some(48_000.0),
            price: Some(price * (1.0 + (i % 5) as f64 / 100.0 - 0.02)),
            currency: Currency::USD,
            source: Some("neoauto".into()),
            ..Default::default()
        };
        let mut cars = Vec::new();
        for i in 0..40 {
            let main = ["Toyota", "Kia", "Hyundai", "Nissan"][i % 4];
            let lux = ["Bmw", "Audi", "Mercedes Benz", "Volvo"][i % 4];
            cars.push(car(i, main, 15_000.0));
            cars.push(car(100 + i, lux, 45_000.0));
        }
        cars.push(car(200, "Porsche", 45_000.0));
        cars.push(car(201, "Jaguar", 45_000.0));
        let f = build(&[], &cars, 3.75);
        let c = f.cars.as_ref().unwrap();
        assert_eq!(brand_tier("porsche"), "luxury");
        assert!(
            c.brands.iter().all(|b| b.key != "porsche"),
            "one listing is no figure"
        );
        let ask = |brand: &str| {
            f.car(&VehicleRecord {
                brand: brand.into(),
                model: "Any".into(),
                year: Some(2020),
                mileage_km: Some(48_000.0),
                ..Default::default()
            })
            .unwrap()
        };
        let porsche = ask("Porsche");
        assert_eq!(porsche.level, "tier");
        assert!(porsche.why.contains("luxury brands"), "{}", porsche.why);
        // The city's level mixes both tiers (about US$ 26,000): the tier
        // level, shrunk by 5 pseudo-listings towards it, stays near 45,000.
        let p = porsche.ln_price.exp();
        assert!((40_000.0..50_000.0).contains(&p), "{p}");
        // A brand with no tier list entry is mainstream.
        let unknown = ask("Nobrand").ln_price.exp();
        assert!((13_000.0..17_500.0).contains(&unknown), "{unknown}");
    }
}
