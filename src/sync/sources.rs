//! Adapters from the typed clients to the engine's [`Source`]: list pages
//! normalized to stored listings, and the follow-up requests.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::normalize;
use super::{FollowUp, FollowUpData, FollowUpFuture, PageFuture, Source};
use crate::domain::{Marketplace, MoneyError};
use crate::marketplaces::autofact::AutofactClient;
use crate::marketplaces::factory::MarketplaceClient;
use crate::marketplaces::inmuebles24::Inmuebles24Client;
use crate::marketplaces::olx::OlxClient;
use crate::marketplaces::types::{Operation, PropertyType};
use crate::marketplaces::{ApiError, BoxFuture, ListPage, RateInfo, RecordError};
use crate::store::listings::ListingRecord;

/// Builds the engine's source for a connected account.
/// `user_id` is the account's remote id (OLX lists by user).
pub fn source_for(client: MarketplaceClient, user_id: String) -> std::sync::Arc<dyn Source> {
    match client {
        MarketplaceClient::Olx(client) => {
            let known = std::sync::OnceLock::new();
            if !user_id.is_empty() {
                let _ = known.set(user_id);
            }
            std::sync::Arc::new(OlxSource {
                client,
                user_id: known,
            })
        }
        MarketplaceClient::Inmuebles24(client) => std::sync::Arc::new(Inmuebles24Source { client }),
        MarketplaceClient::Autofact(client) => std::sync::Arc::new(AutofactSource { client }),
    }
}

/// Normalizes each good record; one whose money cannot be stored joins the bad ones.
fn normalize_page<T: Serialize>(
    page: ListPage<T>,
    f: impl Fn(&T, String) -> Result<ListingRecord, MoneyError>,
    id_of: impl Fn(&T) -> String,
) -> ListPage<ListingRecord> {
    let items = page
        .items
        .into_iter()
        .map(|item| {
            let rec = item?;
            let raw = serde_json::to_string(&rec).unwrap_or_default();
            f(&rec, raw).map_err(|e| RecordError {
                remote_id: Some(id_of(&rec)),
                reason: format!("price: {e}"),
                payload: serde_json::to_value(&rec).unwrap_or_default(),
            })
        })
        .collect();
    ListPage {
        items,
        page: page.page,
        limit: page.limit,
        total: page.total,
    }
}

fn unsupported(m: Marketplace, req: &FollowUp) -> ApiError {
    ApiError::InvalidPayload {
        marketplace: m,
        field: None,
        message: format!("{m} has no follow-up {req:?}"),
    }
}

struct OlxSource {
    client: OlxClient,
    /// The account's OLX user id: from the store, or asked of `/users/me` once.
    user_id: std::sync::OnceLock<String>,
}

impl OlxSource {
    fn user_id(&self) -> &str {
        // `prepare` runs before any list call, so the id is known by then.
        self.user_id.get().map(String::as_str).unwrap_or_default()
    }
}

impl Source for OlxSource {
    fn marketplace(&self) -> Marketplace {
        Marketplace::Olx
    }

    fn needs_prepare(&self) -> bool {
        self.user_id.get().is_none()
    }

    fn prepare(&self) -> BoxFuture<'_, Result<(), ApiError>> {
        Box::pin(async move {
            let me = self.client.me().await?;
            let _ = self.user_id.set(me.id);
            Ok(())
        })
    }

    fn list_page(&self, page: u32, limit: u32, since: Option<DateTime<Utc>>) -> PageFuture<'_> {
        Box::pin(async move {
            let p = self
                .client
                .list_listings(self.user_id(), page, limit, since)
                .await?;
            Ok(normalize_page(p, normalize::from_olx, |l| l.id.clone()))
        })
    }

    fn follow_up(&self, req: FollowUp) -> FollowUpFuture<'_> {
        Box::pin(async move {
            match req {
                FollowUp::Stats { remote_id } => {
                    let s = self.client.listing_stats(&remote_id).await?;
                    Ok(FollowUpData::LastContact {
                        remote_id,
                        at: s.last_contact_date,
                    })
                }
                FollowUp::Conversations { since } => {
                    let p = self
                        .client
                        .list_conversations(self.user_id(), 1, 100, since)
                        .await?;
                    Ok(FollowUpData::Conversations(
                        p.items.into_iter().filter_map(Result::ok).collect(),
                    ))
                }
                other => Err(unsupported(Marketplace::Olx, &other)),
            }
        })
    }

    fn rate_info(&self) -> Option<RateInfo> {
        self.client.http().rate_info()
    }
}

/// Records per page of Inmuebles24's market scope (the API's largest page).
pub const MARKET_PAGE: u32 = 100;

struct Inmuebles24Source {
    client: Inmuebles24Client,
}

fn parse_property_type(s: &str) -> Option<PropertyType> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

fn parse_operation(s: &str) -> Option<Operation> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

impl Source for Inmuebles24Source {
    fn marketplace(&self) -> Marketplace {
        Marketplace::Inmuebles24
    }

    fn list_page(&self, page: u32, limit: u32, since: Option<DateTime<Utc>>) -> PageFuture<'_> {
        Box::pin(async move {
            let p = self.client.list_properties(page, limit, since).await?;
            Ok(normalize_page(p, normalize::from_inmuebles24, |l| {
                l.id.clone()
            }))
        })
    }

    fn follow_up(&self, req: FollowUp) -> FollowUpFuture<'_> {
        Box::pin(async move {
            match req {
                FollowUp::Leads { remote_id } => {
                    let p = self.client.list_leads(&remote_id, 1, 100).await?;
                    Ok(FollowUpData::Leads(
                        p.items.into_iter().filter_map(Result::ok).collect(),
                    ))
                }
                FollowUp::MarketProperties {
                    district,
                    property_type,
                    operation,
                    page,
                } => {
                    let p = self
                        .client
                        .search_market(
                            &district,
                            parse_property_type(&property_type),
                            parse_operation(&operation),
                            page,
                            MARKET_PAGE,
                        )
                        .await?;
                    Ok(FollowUpData::MarketProperties {
                        total: p.total,
                        items: p.items.into_iter().filter_map(Result::ok).collect(),
                    })
                }
                other => Err(unsupported(Marketplace::Inmuebles24, &other)),
            }
        })
    }

    fn rate_info(&self) -> Option<RateInfo> {
        self.client.http().rate_info()
    }
}

struct AutofactSource {
    client: AutofactClient,
}

impl Source for AutofactSource {
    fn marketplace(&self) -> Marketplace {
        Marketplace::Autofact
    }

    fn list_page(&self, page: u32, limit: u32, since: Option<DateTime<Utc>>) -> PageFuture<'_> {
        Box::pin(async move {
            let p = self.client.list_vehicles(page, limit, since).await?;
            Ok(normalize_page(p, normalize::from_autofact, |l| {
                l.id.clone()
            }))
        })
    }

    fn follow_up(&self, req: FollowUp) -> FollowUpFuture<'_> {
        Box::pin(async move {
            match req {
                FollowUp::MarketVehicles { remote_id, .. } => {
                    let a = self.client.market_analysis(&remote_id).await?;
                    Ok(FollowUpData::MarketVehicles(a.comparables))
                }
                other => Err(unsupported(Marketplace::Autofact, &other)),
            }
        })
    }

    fn rate_info(&self) -> Option<RateInfo> {
        self.client.http().rate_info()
    }
}
