//! Record validation (spec 8.2 plus the wire types' own limits).
//!
//! The same checks run on what a marketplace sends us (a bad record is set
//! aside as a `RecordError`, the page goes on) and on what we are about to
//! send (a bad update is refused locally and nothing goes over the wire).
//! Every message names the field and the problem, so a merchant can fix it.

use std::fmt;

use chrono::Datelike;

use super::{AutofactVehicle, Inmuebles24Lead, Inmuebles24Property, OlxConversation, OlxListing};

/// Shortest and longest title the marketplaces accept, in characters (not bytes:
/// "Departamento en Miraflores, 3 dormitorios" has accents).
pub const TITLE_CHARS: std::ops::RangeInclusive<usize> = 5..=255;
/// Oldest model year a car listing may carry.
pub const MIN_YEAR: i32 = 1900;
/// Odometers beyond this are typos (an extra zero), not cars for sale.
pub const MAX_MILEAGE_KM: u64 = 2_000_000;

/// One field that fails a check. `message` already names the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FieldError {}

/// A record (received or about to be sent) that can check itself.
pub trait Validate {
    fn validate(&self) -> Result<(), FieldError>;
}

/// An identifier: a non-empty string (blank counts as empty).
pub fn id(field: &str, value: &str) -> Result<(), FieldError> {
    if value.trim().is_empty() {
        return Err(FieldError::new(
            field,
            format!("{field} must be a non-empty string"),
        ));
    }
    Ok(())
}

/// A title of 5–255 characters.
pub fn title(value: &str) -> Result<(), FieldError> {
    let n = value.chars().count();
    if !TITLE_CHARS.contains(&n) {
        return Err(FieldError::new(
            "title",
            format!(
                "title must be {}–{} characters (got {n})",
                TITLE_CHARS.start(),
                TITLE_CHARS.end()
            ),
        ));
    }
    Ok(())
}

/// A finite number above zero (prices, areas).
pub fn positive(field: &str, value: f64) -> Result<(), FieldError> {
    if !value.is_finite() {
        return Err(FieldError::new(
            field,
            format!("{field} must be a finite number (got {value})"),
        ));
    }
    if value <= 0.0 {
        return Err(FieldError::new(
            field,
            format!("{field} must be > 0 (got {value})"),
        ));
    }
    Ok(())
}

/// A price: finite and > 0.
pub fn price(value: f64) -> Result<(), FieldError> {
    positive("price", value)
}

/// A text field that must say something.
pub fn non_empty(field: &str, value: &str) -> Result<(), FieldError> {
    if value.trim().is_empty() {
        return Err(FieldError::new(field, format!("{field} must not be empty")));
    }
    Ok(())
}

/// A model year between 1900 and next year (dealers list next year's models early).
pub fn year(value: i32) -> Result<(), FieldError> {
    year_at(value, chrono::Utc::now().year())
}

/// [`year`] against a given current year, so tests do not depend on the clock.
pub fn year_at(value: i32, current_year: i32) -> Result<(), FieldError> {
    let max = current_year + 1;
    if !(MIN_YEAR..=max).contains(&value) {
        return Err(FieldError::new(
            "year",
            format!("year must be {MIN_YEAR}–{max} (got {value})"),
        ));
    }
    Ok(())
}

/// Kilometres on the odometer, within reason.
pub fn mileage(value: u64) -> Result<(), FieldError> {
    if value > MAX_MILEAGE_KM {
        return Err(FieldError::new(
            "mileage",
            format!("mileage must be at most {MAX_MILEAGE_KM} km (got {value})"),
        ));
    }
    Ok(())
}

impl Validate for OlxListing {
    fn validate(&self) -> Result<(), FieldError> {
        id("id", &self.id)?;
        title(&self.title)?;
        price(self.price)?;
        non_empty("category", &self.category)
    }
}

impl Validate for OlxConversation {
    fn validate(&self) -> Result<(), FieldError> {
        id("id", &self.id)?;
        id("listingId", &self.listing_id)
    }
}

impl Validate for Inmuebles24Property {
    fn validate(&self) -> Result<(), FieldError> {
        id("id", &self.id)?;
        title(&self.title)?;
        price(self.price)?;
        positive("area", self.area)
    }
}

impl Validate for Inmuebles24Lead {
    fn validate(&self) -> Result<(), FieldError> {
        id("id", &self.id)?;
        id("propertyId", &self.property_id)
    }
}

impl Validate for AutofactVehicle {
    fn validate(&self) -> Result<(), FieldError> {
        id("id", &self.id)?;
        title(&self.title)?;
        price(self.price)?;
        non_empty("brand", &self.brand)?;
        non_empty("model", &self.model)?;
        year(self.year)?;
        mileage(self.mileage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_counts_characters_not_bytes() {
        // 5 characters, 10 bytes: accepted.
        assert!(title("ññññ\u{e9}").is_ok());
        let err = title("Cas").unwrap_err();
        assert_eq!(err.field, "title");
        assert_eq!(err.message, "title must be 5–255 characters (got 3)");
        let long = "a".repeat(256);
        assert_eq!(
            title(&long).unwrap_err().message,
            "title must be 5–255 characters (got 256)"
        );
        assert!(title(&"é".repeat(255)).is_ok());
    }

    #[test]
    fn price_must_be_finite_and_positive() {
        assert_eq!(
            price(-5.0).unwrap_err().message,
            "price must be > 0 (got -5)"
        );
        assert_eq!(price(0.0).unwrap_err().message, "price must be > 0 (got 0)");
        let nan = price(f64::NAN).unwrap_err();
        assert_eq!(nan.field, "price");
        assert!(nan.message.contains("finite"), "{nan}");
        assert!(price(f64::INFINITY).is_err());
        assert!(price(0.01).is_ok());
    }

    #[test]
    fn year_and_mileage_limits() {
        assert!(year_at(2027, 2026).is_ok());
        assert_eq!(
            year_at(2028, 2026).unwrap_err().message,
            "year must be 1900–2027 (got 2028)"
        );
        assert!(year_at(1899, 2026).is_err());
        assert!(mileage(350_000).is_ok());
        assert_eq!(mileage(20_000_000).unwrap_err().field, "mileage");
    }

    #[test]
    fn ids_and_required_text() {
        assert_eq!(
            id("id", "  ").unwrap_err().message,
            "id must be a non-empty string"
        );
        assert_eq!(
            non_empty("category", "").unwrap_err().message,
            "category must not be empty"
        );
    }

    #[test]
    fn records_check_their_spec_fields() {
        let mut l: OlxListing = serde_json::from_value(serde_json::json!({
            "id": "olx-1", "title": "Casa en Surco", "price": 450000.0,
            "category": "inmuebles", "location": {"city": "Lima", "district": "Surco"},
            "status": "active", "createdAt": "2026-01-01T00:00:00Z",
            "updatedAt": "2026-01-02T00:00:00Z"
        }))
        .unwrap();
        assert!(l.validate().is_ok());
        l.category = String::new();
        assert_eq!(l.validate().unwrap_err().field, "category");
    }
}
