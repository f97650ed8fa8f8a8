//! Inmuebles24 API v1 client: the merchant's properties, their leads and
//! analytics, and market comparables (other sellers' properties).
//!
//! OAuth bearer token plus the app's `X-API-Key`, like OLX.

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::http::{self, list_query};
use super::types::{
    Inmuebles24Analytics, Inmuebles24Lead, Inmuebles24Property, ListingStatus, Operation,
    PropertyLocation, PropertyType, UserInfo,
};
use super::validate::{self, FieldError, Validate};
use super::{ApiError, ListPage};
use crate::domain::{Currency, Marketplace};

/// `POST /properties` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewInmuebles24Property {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub price: f64,
    pub currency: Currency,
    pub property_type: PropertyType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<Operation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bedrooms: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bathrooms: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parking: Option<u32>,
    pub area: f64,
    pub location: PropertyLocation,
    #[serde(default)]
    pub images: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ListingStatus>,
}

impl Validate for NewInmuebles24Property {
    fn validate(&self) -> Result<(), FieldError> {
        validate::title(&self.title)?;
        validate::price(self.price)?;
        validate::positive("area", self.area)?;
        if self.operation.is_none() {
            return Err(FieldError::new(
                "operation",
                "operation is required: sale or rent",
            ));
        }
        validate::non_empty("location.district", &self.location.district)?;
        validate::non_empty("location.address", &self.location.address)
    }
}

update_body!(
    /// `PUT /properties/{id}` body: only the fields set are sent and replaced.
    PropertyUpdate {
        title: String,
        description: String,
        price: f64,
        currency: Currency,
        property_type: PropertyType,
        operation: Operation,
        bedrooms: u32,
        bathrooms: u32,
        parking: u32,
        area: f64,
        location: PropertyLocation,
        images: Vec<String>,
        status: ListingStatus,
    }
);

impl Validate for PropertyUpdate {
    fn validate(&self) -> Result<(), FieldError> {
        if let Some(t) = &self.title {
            validate::title(t)?;
        }
        if let Some(p) = self.price {
            validate::price(p)?;
        }
        if let Some(a) = self.area {
            validate::positive("area", a)?;
        }
        Ok(())
    }
}

marketplace_client!(
    /// Inmuebles24 API v1.
    Inmuebles24Client,
    Marketplace::Inmuebles24
);

impl Inmuebles24Client {
    /// `GET /users/me`.
    pub async fn me(&self) -> Result<UserInfo, ApiError> {
        self.http.get_json(&["users", "me"], "user 'me'").await
    }

    /// `GET /properties`: the merchant's own.
    pub async fn list_properties(
        &self,
        page: u32,
        limit: u32,
        updated_since: Option<DateTime<Utc>>,
    ) -> Result<ListPage<Inmuebles24Property>, ApiError> {
        let q = list_query(M, page, limit, updated_since)?;
        self.http.get_page(&["properties"], &q, "properties").await
    }

    /// `GET /properties?scope=market&district=..`: other sellers' comparables.
    /// The API matches the district ignoring accents and case.
    pub async fn search_market(
        &self,
        district: &str,
        property_type: Option<PropertyType>,
        operation: Option<Operation>,
        page: u32,
        limit: u32,
    ) -> Result<ListPage<Inmuebles24Property>, ApiError> {
        if district.trim().is_empty() {
            return Err(ApiError::InvalidPayload {
                marketplace: M,
                field: Some("district".into()),
                message: "district must not be empty; nothing was sent".into(),
            });
        }
        let mut q = vec![("scope", "market".to_string())];
        q.push(("district", district.to_string()));
        if let Some(t) = property_type {
            q.push(("propertyType", enum_str(&t)));
        }
        if let Some(o) = operation {
            q.push(("operation", enum_str(&o)));
        }
        q.extend(list_query(M, page, limit, None)?);
        self.http
            .get_page(&["properties"], &q, &format!("district '{district}'"))
            .await
    }

    /// `GET /properties/{id}`.
    pub async fn get_property(&self, id: &str) -> Result<Inmuebles24Property, ApiError> {
        self.http
            .get_record(&["properties", id], &format!("property '{id}'"))
            .await
    }

    /// `POST /properties`; returns the full record created.
    pub async fn create_property(
        &self,
        property: &NewInmuebles24Property,
    ) -> Result<Inmuebles24Property, ApiError> {
        let body = http::checked_body(M, property)?;
        self.http
            .send_record(Method::POST, &["properties"], &body, "properties")
            .await
    }

    /// `PUT /properties/{id}` with only the fields given; returns the full record.
    pub async fn update_property(
        &self,
        id: &str,
        update: &PropertyUpdate,
    ) -> Result<Inmuebles24Property, ApiError> {
        let body = http::checked_body(M, update)?;
        self.http
            .send_record(
                Method::PUT,
                &["properties", id],
                &body,
                &format!("property '{id}'"),
            )
            .await
    }

    /// `GET /properties/{id}/leads`.
    pub async fn list_leads(
        &self,
        id: &str,
        page: u32,
        limit: u32,
    ) -> Result<ListPage<Inmuebles24Lead>, ApiError> {
        let q = list_query(M, page, limit, None)?;
        self.http
            .get_page(
                &["properties", id, "leads"],
                &q,
                &format!("property '{id}'"),
            )
            .await
    }

    /// `GET /properties/{id}/analytics`.
    pub async fn analytics(&self, id: &str) -> Result<Inmuebles24Analytics, ApiError> {
        self.http
            .get_json(
                &["properties", id, "analytics"],
                &format!("property '{id}'"),
            )
            .await
    }
}

/// The wire spelling of a lowercase enum (`house`, `sale`), from its serde name.
fn enum_str<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
