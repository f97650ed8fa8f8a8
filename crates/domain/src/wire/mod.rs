//! Wire types of the three marketplace APIs, as the spec names them (camelCase JSON).
//!
//! Unknown fields are ignored; a missing required field is an error naming the
//! field. Fields marked "extension" are not in the spec's TypeScript but are
//! what a pricing tool needs (property and vehicle attributes, currency) and
//! are optional on the wire, so a production API without them still parses.

use serde::{Deserialize, Serialize};

pub use crate::{Currency, Operation, PropertyType};

pub mod llm;
pub mod olx;
pub mod validate;

/// One page of a list endpoint: `{"data": [...], "page": 1, "limit": 100, "total": 1234}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Page<T> {
    pub data: Vec<T>,
    pub page: u32,
    pub limit: u32,
    pub total: u64,
}

/// Error body of every API answer that is not 2xx: `{"error": code, "message": text}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: String,
    pub message: String,
    /// Which field was invalid, on 422.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub city: String,
    pub district: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyLocation {
    pub city: String,
    pub district: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
}

/// Listing state on OLX and Autofact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ListingStatus {
    Active,
    Sold,
    Rented,
    Removed,
}

impl ListingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ListingStatus::Active => "active",
            ListingStatus::Sold => "sold",
            ListingStatus::Rented => "rented",
            ListingStatus::Removed => "removed",
        }
    }
}

/// Extension: OLX "params" for the two categories treevu prices.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OlxAttributes {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<Operation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property_type: Option<PropertyType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bedrooms: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bathrooms: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mileage: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transmission: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fuel_type: Option<String>,
}

/// Spec 1.3 `OLXListing`. Category is `inmuebles` or `autos` for what treevu prices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OlxListing {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub price: f64,
    /// Extension: OLX Peru quotes in soles unless a listing says otherwise.
    #[serde(default)]
    pub currency: Currency,
    pub category: String,
    #[serde(default)]
    pub subcategory: String,
    pub location: Location,
    #[serde(default)]
    pub images: Vec<String>,
    pub status: ListingStatus,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default)]
    pub views: u64,
    #[serde(default)]
    pub contacts: u64,
    #[serde(default)]
    pub favorites: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<OlxAttributes>,
}

/// Spec 1.3 `OLXStats`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OlxStats {
    pub listing_id: String,
    pub views: u64,
    pub contacts: u64,
    pub favorites: u64,
    pub conversion_rate: f64,
    pub days_active: u32,
    /// Null when nobody has contacted the seller yet.
    #[serde(default)]
    pub last_contact_date: Option<String>,
}

/// `GET /users/{user_id}/conversations` item (not typed in the spec).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OlxConversation {
    pub id: String,
    pub listing_id: String,
    pub buyer_name: String,
    pub last_message: String,
    pub last_message_at: String,
    #[serde(default)]
    pub unread: u32,
    #[serde(default)]
    pub message_count: u32,
}

/// `GET /olx/v2/users/me`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserInfo {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// Spec 2.3 `Inmuebles24Property`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Inmuebles24Property {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub price: f64,
    pub currency: Currency,
    pub property_type: PropertyType,
    /// Extension: sale or rent; the spec's status `rented` implies rentals exist.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<Operation>,
    #[serde(default)]
    pub bedrooms: Option<u32>,
    #[serde(default)]
    pub bathrooms: Option<u32>,
    /// Extension: parking spaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parking: Option<u32>,
    pub area: f64,
    pub location: PropertyLocation,
    #[serde(default)]
    pub images: Vec<String>,
    pub status: ListingStatus,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default)]
    pub views: u64,
    #[serde(default)]
    pub leads: u64,
    #[serde(default)]
    pub favorites: u64,
}

/// Spec 2.3 `Inmuebles24Analytics`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Inmuebles24Analytics {
    pub property_id: String,
    pub views: u64,
    pub leads: u64,
    pub favorites: u64,
    pub conversion_rate: f64,
    pub average_days_to_sale: f64,
    pub price_per_square_meter: f64,
}

/// `GET /properties/{id}/leads` item (not typed in the spec).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Inmuebles24Lead {
    pub id: String,
    pub property_id: String,
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub message: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Condition {
    Excellent,
    Good,
    Fair,
    Poor,
}

/// Spec 3.3 `AutofactVehicle`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AutofactVehicle {
    pub id: String,
    pub title: String,
    pub brand: String,
    pub model: String,
    pub year: i32,
    pub mileage: u64,
    pub price: f64,
    /// Extension: used cars in Peru are quoted in dollars.
    #[serde(default = "usd")]
    pub currency: Currency,
    // Absent rather than null when unknown (the spec types them as never null).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transmission: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fuel_type: Option<String>,
    #[serde(default)]
    pub images: Vec<String>,
    pub location: Location,
    pub status: ListingStatus,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default)]
    pub views: u64,
    #[serde(default)]
    pub contacts: u64,
    #[serde(default)]
    pub favorites: u64,
}

fn usd() -> Currency {
    Currency::USD
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValuationFactors {
    pub brand: f64,
    pub model: f64,
    pub year: f64,
    pub mileage: f64,
    pub condition: f64,
}

/// Spec 3.3 `AutofactValuation`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AutofactValuation {
    pub vehicle_id: String,
    pub estimated_value: f64,
    pub min_value: f64,
    pub max_value: f64,
    pub confidence: f64,
    pub factors: ValuationFactors,
}

/// A comparable vehicle in `GET /vehicles/{id}/market-analysis`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MarketVehicle {
    pub id: String,
    pub title: String,
    pub brand: String,
    pub model: String,
    pub year: i32,
    pub mileage: u64,
    pub price: f64,
    #[serde(default = "usd")]
    pub currency: Currency,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transmission: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fuel_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listed_on: Option<String>,
}

/// `GET /vehicles/{id}/market-analysis`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AutofactMarketAnalysis {
    pub vehicle_id: String,
    pub comparable_count: u32,
    pub average_price: f64,
    pub median_price: f64,
    pub min_price: f64,
    pub max_price: f64,
    pub comparables: Vec<MarketVehicle>,
}

/// OAuth 2.0 token answer. `expires_in` arrives as a number or (OLX) a string.
/// `Debug` leaves the tokens out, so a `{:?}` in an error or a panic cannot leak them.
#[derive(Clone, Deserialize, Serialize)]
pub struct TokenResponse {
    pub access_token: String,
    #[serde(default)]
    pub token_type: Option<String>,
    #[serde(default, deserialize_with = "number_or_string")]
    pub expires_in: Option<u64>,
    #[serde(default)]
    pub refresh_token: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub user_id: Option<String>,
}

impl std::fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenResponse")
            .field("access_token", &"<redacted>")
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "<redacted>"),
            )
            .field("scope", &self.scope)
            .field("user_id", &self.user_id)
            .finish()
    }
}

/// OAuth 2.0 error answer (RFC 6749 §5.2).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct OAuthErrorBody {
    pub error: String,
    #[serde(default)]
    pub error_description: Option<String>,
}

fn number_or_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    use serde::de::Error;
    let v: Option<serde_json::Value> = Option::deserialize(d)?;
    match v {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::Number(n)) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
            .map(Some)
            .ok_or_else(|| D::Error::custom("expires_in must be a non-negative number")),
        Some(serde_json::Value::String(s)) => {
            s.trim().parse::<u64>().map(Some).map_err(|_| {
                // The value is not echoed: in a token answer it may be a token.
                D::Error::custom("expires_in is a string but not a number of seconds")
            })
        }
        Some(_) => Err(D::Error::custom("expires_in must be a number or a string")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_response_debug_leaves_the_tokens_out() {
        let t: TokenResponse = serde_json::from_str(
            r#"{"access_token":"at_0123456789abcdef","refresh_token":"rt_0123456789abcdef","expires_in":3600}"#,
        )
        .unwrap();
        let shown = format!("{t:?}");
        assert!(!shown.contains("0123456789abcdef"), "{shown}");
        assert!(shown.contains("3600"), "{shown}");
    }

    #[test]
    fn expires_in_accepts_number_and_string() {
        let a: TokenResponse =
            serde_json::from_str(r#"{"access_token":"a","expires_in":"3600"}"#).unwrap();
        let b: TokenResponse =
            serde_json::from_str(r#"{"access_token":"a","expires_in":3600}"#).unwrap();
        assert_eq!(a.expires_in, Some(3600));
        assert_eq!(b.expires_in, Some(3600));
        assert!(
            serde_json::from_str::<TokenResponse>(r#"{"access_token":"a","expires_in":"soon"}"#)
                .is_err()
        );
    }

    #[test]
    fn missing_required_field_names_it() {
        let err =
            serde_json::from_str::<OlxListing>(r#"{"id":"1","title":"Casa grande"}"#).unwrap_err();
        assert!(err.to_string().contains("price"), "{err}");
    }
}
