//! Autofact API v1 client: the merchant's vehicles, their valuation and a
//! market analysis of comparable cars.
//!
//! Autofact has no OAuth: the token source yields the merchant's API key and
//! the HTTP layer sends it as `X-API-Key` (no bearer).

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::http::{self, list_query};
use super::types::{
    AutofactMarketAnalysis, AutofactValuation, AutofactVehicle, Condition, ListingStatus, Location,
};
use super::validate::{self, FieldError, Validate};
use super::{ApiError, ListPage};
use crate::domain::{Currency, Marketplace};

/// `POST /vehicles` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewAutofactVehicle {
    pub title: String,
    pub brand: String,
    pub model: String,
    pub year: i32,
    pub mileage: u64,
    pub price: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transmission: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fuel_type: Option<String>,
    #[serde(default)]
    pub images: Vec<String>,
    pub location: Location,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ListingStatus>,
}

impl Validate for NewAutofactVehicle {
    fn validate(&self) -> Result<(), FieldError> {
        validate::title(&self.title)?;
        validate::price(self.price)?;
        validate::non_empty("brand", &self.brand)?;
        validate::non_empty("model", &self.model)?;
        validate::year(self.year)?;
        validate::mileage(self.mileage)
    }
}

update_body!(
    /// `PUT /vehicles/{id}` body: only the fields set are sent and replaced.
    VehicleUpdate {
        title: String,
        brand: String,
        model: String,
        year: i32,
        mileage: u64,
        price: f64,
        currency: Currency,
        condition: Condition,
        transmission: String,
        fuel_type: String,
        images: Vec<String>,
        location: Location,
        status: ListingStatus,
    }
);

impl Validate for VehicleUpdate {
    fn validate(&self) -> Result<(), FieldError> {
        if let Some(t) = &self.title {
            validate::title(t)?;
        }
        if let Some(p) = self.price {
            validate::price(p)?;
        }
        if let Some(b) = &self.brand {
            validate::non_empty("brand", b)?;
        }
        if let Some(m) = &self.model {
            validate::non_empty("model", m)?;
        }
        if let Some(y) = self.year {
            validate::year(y)?;
        }
        if let Some(km) = self.mileage {
            validate::mileage(km)?;
        }
        Ok(())
    }
}

marketplace_client!(
    /// Autofact API v1.
    AutofactClient,
    Marketplace::Autofact
);

impl AutofactClient {
    /// `GET /vehicles`: the key owner's.
    pub async fn list_vehicles(
        &self,
        page: u32,
        limit: u32,
        updated_since: Option<DateTime<Utc>>,
    ) -> Result<ListPage<AutofactVehicle>, ApiError> {
        let q = list_query(M, page, limit, updated_since)?;
        self.http.get_page(&["vehicles"], &q, "vehicles").await
    }

    /// `GET /vehicles/{id}`.
    pub async fn get_vehicle(&self, id: &str) -> Result<AutofactVehicle, ApiError> {
        self.http
            .get_record(&["vehicles", id], &format!("vehicle '{id}'"))
            .await
    }

    /// `POST /vehicles`; returns the full record created.
    pub async fn create_vehicle(
        &self,
        vehicle: &NewAutofactVehicle,
    ) -> Result<AutofactVehicle, ApiError> {
        let body = http::checked_body(M, vehicle)?;
        self.http
            .send_record(Method::POST, &["vehicles"], &body, "vehicles")
            .await
    }

    /// `PUT /vehicles/{id}` with only the fields given; returns the full record.
    pub async fn update_vehicle(
        &self,
        id: &str,
        update: &VehicleUpdate,
    ) -> Result<AutofactVehicle, ApiError> {
        let body = http::checked_body(M, update)?;
        self.http
            .send_record(
                Method::PUT,
                &["vehicles", id],
                &body,
                &format!("vehicle '{id}'"),
            )
            .await
    }

    /// `GET /vehicles/{id}/valuation`.
    pub async fn valuation(&self, id: &str) -> Result<AutofactValuation, ApiError> {
        self.http
            .get_json(&["vehicles", id, "valuation"], &format!("vehicle '{id}'"))
            .await
    }

    /// `GET /vehicles/{id}/market-analysis`: same brand and model, ±2 years.
    pub async fn market_analysis(&self, id: &str) -> Result<AutofactMarketAnalysis, ApiError> {
        self.http
            .get_json(
                &["vehicles", id, "market-analysis"],
                &format!("vehicle '{id}'"),
            )
            .await
    }
}
