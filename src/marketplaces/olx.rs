//! OLX API v2 client: the merchant's listings, their stats and conversations.
//!
//! OAuth bearer token (from the token source) plus the app's `X-API-Key`.
//! Writes are checked locally first (spec 8.2), so a bad price never leaves
//! the machine.

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::http::{self, list_query};
use super::types::{
    ListingStatus, Location, OlxAttributes, OlxConversation, OlxListing, OlxStats, UserInfo,
};
use super::validate::{self, FieldError, Validate};
use super::{ApiError, ListPage};
use crate::domain::{Currency, Marketplace};
pub use treevu_domain::wire::olx::{
    REQUIRED_ATTRIBUTES, check_category, home_subcategory, subcategories,
};

/// `POST /listings` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewOlxListing {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub price: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    pub category: String,
    #[serde(default)]
    pub subcategory: String,
    pub location: Location,
    #[serde(default)]
    pub images: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ListingStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<OlxAttributes>,
}

impl Validate for NewOlxListing {
    fn validate(&self) -> Result<(), FieldError> {
        validate::title(&self.title)?;
        validate::price(self.price)?;
        validate::non_empty("category", &self.category)?;
        validate::non_empty("location.district", &self.location.district)?;
        check_category(&self.category, &self.subcategory, self.attributes.as_ref())
    }
}

update_body!(
    /// `PUT /listings/{id}` body: only the fields set are sent and replaced.
    OlxListingUpdate {
        title: String,
        description: String,
        price: f64,
        currency: Currency,
        category: String,
        subcategory: String,
        location: Location,
        images: Vec<String>,
        status: ListingStatus,
        attributes: OlxAttributes,
    }
);

impl Validate for OlxListingUpdate {
    fn validate(&self) -> Result<(), FieldError> {
        if let Some(t) = &self.title {
            validate::title(t)?;
        }
        if let Some(p) = self.price {
            validate::price(p)?;
        }
        if let Some(c) = &self.category {
            validate::non_empty("category", c)?;
        }
        Ok(())
    }
}

marketplace_client!(
    /// OLX API v2.
    OlxClient,
    Marketplace::Olx
);

impl OlxClient {
    /// `GET /users/me`: who the token belongs to.
    pub async fn me(&self) -> Result<UserInfo, ApiError> {
        self.http.get_json(&["users", "me"], "user 'me'").await
    }

    /// `GET /users/{user_id}/listings` (the token owner's only; another id is 403).
    pub async fn list_listings(
        &self,
        user_id: &str,
        page: u32,
        limit: u32,
        updated_since: Option<DateTime<Utc>>,
    ) -> Result<ListPage<OlxListing>, ApiError> {
        let q = list_query(M, page, limit, updated_since)?;
        self.http
            .get_page(
                &["users", user_id, "listings"],
                &q,
                &format!("user '{user_id}'"),
            )
            .await
    }

    /// `GET /listings/{id}`.
    pub async fn get_listing(&self, id: &str) -> Result<OlxListing, ApiError> {
        self.http
            .get_record(&["listings", id], &format!("listing '{id}'"))
            .await
    }

    /// `POST /listings`; returns the full record the marketplace created.
    pub async fn create_listing(&self, listing: &NewOlxListing) -> Result<OlxListing, ApiError> {
        let body = checked_body(listing)?;
        self.http
            .send_record(Method::POST, &["listings"], &body, "listings")
            .await
    }

    /// `PUT /listings/{id}` with only the fields given; returns the full record.
    pub async fn update_listing(
        &self,
        id: &str,
        update: &OlxListingUpdate,
    ) -> Result<OlxListing, ApiError> {
        let body = checked_body(update)?;
        self.http
            .send_record(
                Method::PUT,
                &["listings", id],
                &body,
                &format!("listing '{id}'"),
            )
            .await
    }

    /// `DELETE /listings/{id}`: the listing becomes `removed` (still listed).
    pub async fn delete_listing(&self, id: &str) -> Result<(), ApiError> {
        self.http
            .delete(&["listings", id], &format!("listing '{id}'"))
            .await
    }

    /// `GET /listings/{id}/stats`.
    pub async fn listing_stats(&self, id: &str) -> Result<OlxStats, ApiError> {
        self.http
            .get_json(&["listings", id, "stats"], &format!("listing '{id}'"))
            .await
    }

    /// `GET /users/{user_id}/conversations` (`updated_since` is on `lastMessageAt`).
    pub async fn list_conversations(
        &self,
        user_id: &str,
        page: u32,
        limit: u32,
        updated_since: Option<DateTime<Utc>>,
    ) -> Result<ListPage<OlxConversation>, ApiError> {
        let q = list_query(M, page, limit, updated_since)?;
        self.http
            .get_page(
                &["users", user_id, "conversations"],
                &q,
                &format!("user '{user_id}'"),
            )
            .await
    }
}

fn checked_body<T: Serialize + Validate>(record: &T) -> Result<serde_json::Value, ApiError> {
    http::checked_body(M, record)
}
