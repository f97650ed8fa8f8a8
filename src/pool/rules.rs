//! What the market pool accepts. Every row that reaches the pool (a file's, a
//! marketplace's market data, the merchant's own listings) passes these
//! checks first; a row that fails is set aside with a reason that names the
//! column, and the reasons are counted.
//!
//! Enumerated columns take their documented values (Spanish and English
//! spellings are brought to one form); numbers must be finite and inside
//! bounds no real listing reaches, so a typo of a few orders of magnitude or a
//! hostile file (area 1e308, price 9e13, a 10 MB title) cannot reach the
//! models. The bounds are wide on purpose: ordinary outliers (an area of 1 m²,
//! a price ten times too high) stay, the pricing engine's robust cleaning deals
//! with those.

use crate::domain::{Operation, PropertyType};
use crate::store::market::PoolRow;

/// Most characters in a title (the marketplaces allow 255; files carry a first line).
pub const MAX_TITLE_CHARS: usize = 1_000;
/// Most characters in any other text column (id, district, address, url, ...).
pub const MAX_TEXT_CHARS: usize = 500;
/// Highest price of a home, in major units of its currency (S/ 10,000 million).
pub const MAX_PROPERTY_PRICE: f64 = 1e10;
/// Highest price of a car, in major units (100 million).
pub const MAX_VEHICLE_PRICE: f64 = 1e8;
/// Largest area, m² (1,000 hectares).
pub const MAX_AREA_M2: f64 = 1e7;
/// Most bedrooms, bathrooms or parking places.
pub const MAX_ROOMS: u32 = 500;
/// Highest monthly maintenance fee, soles.
pub const MAX_MAINTENANCE_PEN: f64 = 1e7;
/// Highest odometer reading, km.
pub const MAX_MILEAGE_KM: u64 = 3_000_000;
/// Largest engine, litres.
pub const MAX_ENGINE_L: f64 = 20.0;
/// Oldest model year.
pub const MIN_YEAR: i32 = 1900;
/// Most days an ad was up (a century) and most photos.
pub const MAX_DAYS_LISTED: u32 = 36_500;
pub const MAX_PHOTOS: u32 = 1_000;
/// Vehicle conditions (the marketplaces' values).
const CONDITIONS: &[&str] = &["new", "excellent", "good", "fair", "poor"];

/// The canonical operation (`sale`, `rent`) for a value in any accepted spelling.
pub fn operation(s: &str) -> Option<&'static str> {
    Operation::parse_lenient(s).map(Operation::as_str)
}

/// The canonical property type (`apartment`, `house`, `land`, `commercial`).
pub fn property_type(s: &str) -> Option<&'static str> {
    PropertyType::parse_lenient(s).map(PropertyType::as_str)
}

/// An open vocabulary (fuel, body, drivetrain, transmission): one short word or
/// phrase of letters, digits, spaces, `-` and `/`.
fn is_word(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 40
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '/' | '.'))
}

fn text_ok(name: &str, value: Option<&str>, max: usize) -> Result<(), String> {
    match value {
        Some(v) if v.chars().count() > max => Err(format!("{name} longer than {max} characters")),
        _ => Ok(()),
    }
}

/// A number that must be finite, at most `hi`, and above 0 (`positive`) or at least 0.
fn bounded(name: &str, v: Option<f64>, positive: bool, hi: f64) -> Result<(), String> {
    match v {
        Some(x) if !x.is_finite() => Err(format!("{name} not a finite number")),
        Some(x) if positive && x <= 0.0 => Err(format!("{name} not above 0")),
        Some(x) if x < 0.0 => Err(format!("{name} below 0")),
        Some(x) if x > hi => Err(format!("{name} above {hi}")),
        _ => Ok(()),
    }
}

/// Checks `row` for the pool and brings its enumerated columns to their
/// canonical spelling. `Err` is the reason it is set aside. `this_year` bounds
/// model years (a car cannot be from more than a year ahead).
pub fn clean(mut row: PoolRow, this_year: i32) -> Result<PoolRow, String> {
    if row.id.trim().is_empty() {
        return Err("missing id".into());
    }
    text_ok("id", Some(&row.id), MAX_TEXT_CHARS)?;
    text_ok("title", Some(&row.title), MAX_TITLE_CHARS)?;
    for (name, v) in [
        ("source", Some(row.source.as_str())),
        ("city", row.city.as_deref()),
        ("zone", row.zone.as_deref()),
        ("district", row.district.as_deref()),
        ("address", row.address.as_deref()),
        ("brand", row.brand.as_deref()),
        ("model", row.model.as_deref()),
        ("listed_on", row.listed_on.as_deref()),
        ("url", row.url.as_deref()),
    ] {
        text_ok(name, v, MAX_TEXT_CHARS)?;
    }
    let price = row.price.ok_or("missing price")?;
    if price.minor <= 0 {
        return Err("price not above 0".into());
    }
    let max_price = match row.kind.as_str() {
        "property" => MAX_PROPERTY_PRICE,
        "vehicle" => MAX_VEHICLE_PRICE,
        other => return Err(format!("unknown kind '{other}'")),
    };
    if price.major_f64() > max_price {
        return Err(format!("price above {max_price:e}"));
    }
    if row.kind == "property" {
        let op = row.operation.as_deref().ok_or("missing operation")?;
        row.operation = Some(
            operation(op)
                .ok_or("unknown operation (expected sale or rent)")?
                .into(),
        );
        let t = row
            .property_type
            .as_deref()
            .ok_or("missing property_type")?;
        row.property_type = Some(
            property_type(t)
                .ok_or("unknown property_type (expected apartment, house, land or commercial)")?
                .into(),
        );
        bounded("area_m2", row.area_m2, true, MAX_AREA_M2)?;
        if row.area_m2.is_none() {
            return Err("area not above 0".into());
        }
        for (name, v) in [
            ("bedrooms", row.bedrooms),
            ("bathrooms", row.bathrooms),
            ("parking", row.parking),
        ] {
            if v.is_some_and(|n| n > MAX_ROOMS) {
                return Err(format!("{name} above {MAX_ROOMS}"));
            }
        }
        bounded(
            "maintenance_pen",
            row.maintenance_pen,
            false,
            MAX_MAINTENANCE_PEN,
        )?;
    } else {
        if row.brand.as_deref().is_none_or(|b| b.trim().is_empty()) {
            return Err("missing brand".into());
        }
        if row.model.as_deref().is_none_or(|m| m.trim().is_empty()) {
            return Err("missing model".into());
        }
        match row.year {
            None => return Err("missing year".into()),
            Some(y) if y < MIN_YEAR || y > this_year + 1 => {
                return Err(format!("year outside {MIN_YEAR}–{}", this_year + 1));
            }
            _ => {}
        }
        if row.mileage_km.is_some_and(|m| m > MAX_MILEAGE_KM) {
            return Err(format!("mileage_km above {MAX_MILEAGE_KM}"));
        }
        bounded("engine_l", row.engine_l, true, MAX_ENGINE_L)?;
        if row.days_listed.is_some_and(|d| d > MAX_DAYS_LISTED) {
            return Err(format!("days_listed above {MAX_DAYS_LISTED}"));
        }
        if row.photos.is_some_and(|p| p > MAX_PHOTOS) {
            return Err(format!("photos above {MAX_PHOTOS}"));
        }
        if let Some(c) = row.condition.as_deref() {
            let c = c.trim().to_lowercase();
            if !CONDITIONS.contains(&c.as_str()) {
                return Err(format!(
                    "unknown condition (expected {})",
                    CONDITIONS.join(", ")
                ));
            }
            row.condition = Some(c);
        }
        for (name, v) in [
            ("transmission", &mut row.transmission),
            ("fuel_type", &mut row.fuel_type),
            ("body_type", &mut row.body_type),
            ("drivetrain", &mut row.drivetrain),
        ] {
            if let Some(s) = v.as_deref() {
                let s = s.trim().to_lowercase();
                if !is_word(&s) {
                    return Err(format!("junk {name} (expected a word such as 'automatic')"));
                }
                *v = Some(s);
            }
        }
    }
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Currency, Money};

    fn home() -> PoolRow {
        PoolRow {
            id: "h1".into(),
            kind: "property".into(),
            source: "t".into(),
            title: "Departamento".into(),
            price: Some(Money::from_minor(30_000_000, Currency::PEN)),
            operation: Some("Venta".into()),
            property_type: Some("departamento".into()),
            area_m2: Some(80.0),
            district: Some("Miraflores".into()),
            ..Default::default()
        }
    }

    fn car() -> PoolRow {
        PoolRow {
            id: "c1".into(),
            kind: "vehicle".into(),
            source: "t".into(),
            price: Some(Money::from_minor(1_200_000, Currency::USD)),
            brand: Some("Toyota".into()),
            model: Some("Yaris".into()),
            year: Some(2019),
            mileage_km: Some(50_000),
            transmission: Some("Automatic".into()),
            ..Default::default()
        }
    }

    #[test]
    fn enumerations_are_brought_to_one_spelling() {
        let h = clean(home(), 2026).unwrap();
        assert_eq!(h.operation.as_deref(), Some("sale"));
        assert_eq!(h.property_type.as_deref(), Some("apartment"));
        let c = clean(car(), 2026).unwrap();
        assert_eq!(c.transmission.as_deref(), Some("automatic"));
    }

    #[test]
    fn junk_and_absurd_values_are_refused_naming_the_column() {
        let cases: Vec<(PoolRow, &str)> = vec![
            (
                PoolRow {
                    operation: Some("permuta".into()),
                    ..home()
                },
                "unknown operation",
            ),
            (
                PoolRow {
                    property_type: Some("castle".into()),
                    ..home()
                },
                "unknown property_type",
            ),
            (
                PoolRow {
                    area_m2: Some(1e308),
                    ..home()
                },
                "area_m2 above 10000000",
            ),
            (
                PoolRow {
                    area_m2: Some(f64::INFINITY),
                    ..home()
                },
                "area_m2 not a finite number",
            ),
            (
                PoolRow {
                    price: Some(Money::from_minor(9_000_000_000_000_000, Currency::PEN)),
                    ..home()
                },
                "price above",
            ),
            (
                PoolRow {
                    title: "x".repeat(10 << 20),
                    ..home()
                },
                "title longer than 1000 characters",
            ),
            (
                PoolRow {
                    bedrooms: Some(4_000),
                    ..home()
                },
                "bedrooms above 500",
            ),
            (
                PoolRow {
                    year: Some(2090),
                    ..car()
                },
                "year outside 1900–2027",
            ),
            (
                PoolRow {
                    mileage_km: Some(u64::MAX / 2),
                    ..car()
                },
                "mileage_km above",
            ),
            (
                PoolRow {
                    condition: Some("like new!!".into()),
                    ..car()
                },
                "unknown condition",
            ),
            (
                PoolRow {
                    fuel_type: Some("=cmd|' /C calc'!A0".into()),
                    ..car()
                },
                "junk fuel_type",
            ),
            (
                PoolRow {
                    district: Some("d".repeat(501)),
                    ..home()
                },
                "district longer than 500",
            ),
        ];
        for (row, want) in cases {
            let err = clean(row, 2026).unwrap_err();
            assert!(err.starts_with(want), "{want}: {err}");
        }
        // Ordinary outliers stay for the engine's robust cleaning.
        let tiny = PoolRow {
            area_m2: Some(1.0),
            price: Some(Money::from_minor(93_744_000_000, Currency::PEN)),
            ..home()
        };
        assert!(clean(tiny, 2026).is_ok());
    }
}
