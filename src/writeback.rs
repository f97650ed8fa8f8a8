//! Write-back: changes the merchant makes through treevu (a new price, title,
//! status, a new listing, a removal) sent to the marketplace and mirrored in
//! the local store.
//!
//! Every change is planned first ([`plan_update`], [`plan_create`]): the
//! planned request is validated with the same checks the clients run (spec
//! 8.2), so a bad change is refused before any confirmation prompt and before
//! anything leaves the machine, and `--dry-run` can show exactly what would be
//! sent. Nothing here prints; the CLI and `treevu recommend --apply` decide
//! what the merchant sees.

use chrono::Utc;
use serde::Serialize;
use serde_json::Value;

use crate::domain::time::timestamp;
use crate::domain::{ListingRef, Marketplace, Money};
use crate::exit::{self, ExitStatus};
use crate::marketplaces::http::checked_body;
use crate::marketplaces::types::ListingStatus;
use crate::marketplaces::validate::Validate;
use crate::marketplaces::{
    ApiError, MarketplaceClient, NewAutofactVehicle, NewInmuebles24Property, NewOlxListing,
    OlxListingUpdate, PropertyUpdate, VehicleUpdate,
};
use crate::store::listings::{self, ListingRecord, StoredListing};
use crate::store::{Store, StoreError};
use crate::sync::normalize;

/// Why a write-back did not happen (or happened but could not be mirrored).
#[derive(Debug, thiserror::Error)]
pub enum WritebackError {
    #[error(
        "no listing '{0}' in the local store; run 'treevu sync {m}' or see 'treevu listings'",
        m = .0.marketplace
    )]
    UnknownListing(ListingRef),
    /// `recommend --apply` did not send the price, and why.
    #[error("{listing}: {refusal}")]
    Refused {
        listing: ListingRef,
        refusal: Refusal,
    },
    #[error("cannot use the lock file {path}: {source}")]
    Lock {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The marketplace accepted the change but its answer could not be stored;
    /// the next sync repairs the local copy.
    #[error(
        "{marketplace} accepted the change but its answer could not be stored ({message}); run 'treevu sync {marketplace}'"
    )]
    Mirror {
        marketplace: Marketplace,
        message: String,
    },
}

impl ExitStatus for WritebackError {
    fn exit_code(&self) -> u8 {
        match self {
            WritebackError::Api(e) => e.exit_code(),
            _ => exit::ERROR,
        }
    }
}

/// The fields of a listing the merchant can change from the command line.
/// `None` leaves a field as it is at the marketplace.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListingChange {
    pub price: Option<Money>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub status: Option<ListingStatus>,
}

/// A request treevu is about to send: what `--dry-run` shows. Never holds a
/// header, so never a secret.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedRequest {
    pub marketplace: Marketplace,
    pub method: String,
    /// Relative to the marketplace's API base (`/listings/OLX-1`).
    pub path: String,
    pub body: Option<Value>,
}

/// A change the marketplace accepted, as now stored.
#[derive(Debug, Clone)]
pub struct Applied {
    pub listing: ListingRef,
    pub old_price: Money,
    pub new_price: Money,
    /// The listing as stored after the change.
    pub stored: StoredListing,
    /// The marketplace's answer, as received.
    pub response: Value,
}

/// How a listing was taken down: OLX has `DELETE`; Inmuebles24 and Autofact
/// have none in the spec, so their status is set to `removed` with `PUT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RemovalMethod {
    Delete,
    PutStatusRemoved,
}

/// Why a recommended price is not sent. [`Refusal::TooLarge`] and
/// [`Refusal::LowConfidence`] give way to `--force`; the others never do:
/// the recommendation was made for a price the listing no longer has.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Refusal {
    #[error(
        "the change {from} → {to} is {pct:.1}% of the current price, more than the {max:.0}% allowed \
         (apply.max_change); nothing was sent; check the recommendation, then use --force to send it anyway",
        from = .current.display(),
        to = .new.display(),
        pct = .share * 100.0,
        max = .max * 100.0
    )]
    TooLarge {
        current: Money,
        new: Money,
        share: f64,
        max: f64,
    },
    #[error(
        "the recommendation's confidence {c:.0}% is below the {floor:.0}% floor (apply.min_confidence); \
         nothing was sent; check its range, then use --force to send it anyway",
        c = .confidence * 100.0,
        floor = .floor * 100.0
    )]
    LowConfidence { confidence: f64, floor: f64 },
    #[error(
        "the price at {name} is now {live}, not {synced} as last synced; nothing was sent; \
         run 'treevu sync {m}' and ask for a new recommendation",
        name = .marketplace.display_name(),
        live = .live.display(),
        synced = .synced.display(),
        m = .marketplace.as_str()
    )]
    StaleLivePrice {
        marketplace: Marketplace,
        synced: Money,
        live: Money,
    },
    #[error(
        "the stored price changed to {stored} while the recommendation was made for {expected} \
         (another treevu changed it); nothing was sent; ask for a new recommendation",
        stored = .stored.display(),
        expected = .expected.display()
    )]
    ChangedMeanwhile { expected: Money, stored: Money },
}

/// The limits of `recommend --apply` (config `[apply]`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ApplyGuard {
    /// Largest change as a share of the current price (0.2 = 20%).
    pub max_change: f64,
    /// Lowest confidence, 0..1.
    pub min_confidence: f64,
}

impl ApplyGuard {
    /// Whether `new` may replace `current` for a recommendation of `confidence`;
    /// `force` lifts both limits.
    pub fn check(
        &self,
        current: Money,
        new: Money,
        confidence: f64,
        force: bool,
    ) -> Result<(), Refusal> {
        if force {
            return Ok(());
        }
        let from = current.major_f64();
        let share = if from > 0.0 {
            (new.major_f64() - from).abs() / from
        } else {
            f64::INFINITY
        };
        // A currency change is never a small change.
        if share > self.max_change || new.currency != current.currency {
            return Err(Refusal::TooLarge {
                current,
                new,
                share,
                max: self.max_change,
            });
        }
        // A NaN confidence is no confidence.
        if confidence.is_nan() || confidence < self.min_confidence {
            return Err(Refusal::LowConfidence {
                confidence,
                floor: self.min_confidence,
            });
        }
        Ok(())
    }
}

/// What a guarded apply did.
#[derive(Debug, Clone)]
pub enum ApplyOutcome {
    /// The price was sent and accepted.
    Applied(Box<Applied>),
    /// The listing already has the price (another treevu sent it a moment
    /// ago, or it was set at the marketplace); nothing was sent.
    AlreadyThere(Money),
}

/// The price of a listing at its marketplace right now (one `GET`).
pub async fn live_price(
    client: &MarketplaceClient,
    listing: &ListingRef,
) -> Result<Money, WritebackError> {
    check_client(client, listing)?;
    let id = listing.remote_id.as_str();
    let m = listing.marketplace;
    let (price, currency) = match client {
        MarketplaceClient::Olx(c) => {
            let l = c.get_listing(id).await?;
            (l.price, l.currency)
        }
        MarketplaceClient::Inmuebles24(c) => {
            let p = c.get_property(id).await?;
            (p.price, p.currency)
        }
        MarketplaceClient::Autofact(c) => {
            let v = c.get_vehicle(id).await?;
            (v.price, v.currency)
        }
    };
    Money::from_major_f64(price, currency).map_err(|e| {
        WritebackError::Api(ApiError::InvalidPayload {
            marketplace: m,
            field: Some("price".into()),
            message: format!("the live price cannot be read: {e}"),
        })
    })
}

fn apply_lock_path(data_dir: &std::path::Path, listing: &ListingRef) -> std::path::PathBuf {
    // Remote ids come from the marketplace: keep the name to safe characters,
    // and a hash of the whole id so two ids never share a lock.
    let safe: String = listing
        .remote_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(64)
        .collect();
    let hash = listing
        .remote_id
        .bytes()
        .fold(0xcbf29ce484222325u64, |h, b| {
            (h ^ b as u64).wrapping_mul(0x100000001b3)
        });
    data_dir.join("locks").join(format!(
        "apply-{}-{safe}-{hash:016x}.lock",
        listing.marketplace
    ))
}

/// Sends `new_price` for a listing whose recommendation was made when its
/// stored price was `expected`, so that two treevu processes applying to one
/// listing at once send one `PUT`: under a per-listing lock
/// (`<data dir>/locks/apply-…`), the stored price is read again (the other
/// process may have sent the price already: nothing is sent), then the live
/// price at the marketplace (refused when it moved since the sync), and only
/// then the `PUT`. The limits of [`ApplyGuard`] are checked by the caller
/// before asking the merchant.
pub async fn apply_price_guarded(
    client: &MarketplaceClient,
    store: &mut Store,
    data_dir: &std::path::Path,
    listing: &ListingRef,
    expected: Money,
    new_price: Money,
) -> Result<ApplyOutcome, WritebackError> {
    check_client(client, listing)?;
    let path = apply_lock_path(data_dir, listing);
    let _lock = crate::sync::lock::FileLock::acquire_blocking(&path)
        .map_err(|source| WritebackError::Lock { path, source })?;
    let refused = |refusal| WritebackError::Refused {
        listing: listing.clone(),
        refusal,
    };
    let stored = stored_listing(store, listing)?.record.price;
    if stored == new_price {
        return Ok(ApplyOutcome::AlreadyThere(stored));
    }
    if stored != expected {
        return Err(refused(Refusal::ChangedMeanwhile { expected, stored }));
    }
    let live = live_price(client, listing).await?;
    if live == new_price {
        return Ok(ApplyOutcome::AlreadyThere(live));
    }
    if live != stored {
        return Err(refused(Refusal::StaleLivePrice {
            marketplace: listing.marketplace,
            synced: stored,
            live,
        }));
    }
    let done = apply_price(client, store, listing, new_price).await?;
    Ok(ApplyOutcome::Applied(Box::new(done)))
}

/// The stored listing `r` names, or [`WritebackError::UnknownListing`].
pub fn stored_listing(store: &Store, r: &ListingRef) -> Result<StoredListing, WritebackError> {
    store
        .listing(r.marketplace, &r.remote_id)?
        .ok_or_else(|| WritebackError::UnknownListing(r.clone()))
}

/// A marketplace's update body (`$t`) with what `change` sets of the fields
/// it has (`description` where it has one); the currency only when the new
/// price is in another than `now`, the stored one.
macro_rules! change_body {
    ($t:ident, $change:expr, $now:expr $(, $also:ident)*) => {{
        let change: &ListingChange = $change;
        $t {
            title: change.title.clone(),
            $($also: change.$also.clone(),)*
            price: change.price.map(Money::major_f64),
            currency: change.price.map(|p| p.currency).filter(|c| *c != $now),
            status: change.status,
            ..Default::default()
        }
    }};
}

/// The `PUT` a change needs, validated. A currency is only sent when the new
/// price is in another currency than the stored one.
pub fn plan_update(
    current: &StoredListing,
    change: &ListingChange,
) -> Result<PlannedRequest, ApiError> {
    let rec = &current.record;
    let m = rec.marketplace;
    let now = rec.price.currency;
    let (collection, body) = match m {
        Marketplace::Olx => (
            "listings",
            checked_body(m, &change_body!(OlxListingUpdate, change, now, description))?,
        ),
        Marketplace::Inmuebles24 => (
            "properties",
            checked_body(m, &change_body!(PropertyUpdate, change, now, description))?,
        ),
        Marketplace::Autofact => (
            "vehicles",
            // Autofact vehicles have no description field in the spec.
            {
                if change.description.is_some() {
                    return Err(ApiError::InvalidPayload {
                        marketplace: m,
                        field: Some("description".into()),
                        message: "Autofact vehicles have no description; nothing was sent".into(),
                    });
                }
                checked_body(m, &change_body!(VehicleUpdate, change, now))?
            },
        ),
    };
    Ok(PlannedRequest {
        marketplace: m,
        method: "PUT".into(),
        path: format!("/{collection}/{}", rec.remote_id),
        body: Some(body),
    })
}

/// The request that takes a listing down (see [`RemovalMethod`]).
pub fn plan_remove(current: &StoredListing) -> Result<(RemovalMethod, PlannedRequest), ApiError> {
    if current.record.marketplace == Marketplace::Olx {
        return Ok((
            RemovalMethod::Delete,
            PlannedRequest {
                marketplace: Marketplace::Olx,
                method: "DELETE".into(),
                path: format!("/listings/{}", current.record.remote_id),
                body: None,
            },
        ));
    }
    let change = ListingChange {
        status: Some(ListingStatus::Removed),
        ..Default::default()
    };
    Ok((
        RemovalMethod::PutStatusRemoved,
        plan_update(current, &change)?,
    ))
}

/// A new listing parsed from the spec's `New*` JSON shape and validated.
#[derive(Debug, Clone, PartialEq)]
pub enum NewListing {
    Olx(NewOlxListing),
    Inmuebles24(NewInmuebles24Property),
    Autofact(NewAutofactVehicle),
}

/// Parses and checks `json` as a new listing for `m`; errors name the field.
pub fn parse_new_listing(m: Marketplace, json: Value) -> Result<NewListing, ApiError> {
    fn parse<T: serde::de::DeserializeOwned + Validate>(
        m: Marketplace,
        json: Value,
    ) -> Result<T, ApiError> {
        let record: T = serde_json::from_value(json.clone()).map_err(|e| {
            let reason = crate::marketplaces::records::serde_reason::<T>(&json, &e);
            ApiError::InvalidPayload {
                marketplace: m,
                field: crate::marketplaces::records::field_of_reason(&reason),
                message: format!("{reason}; nothing was sent"),
            }
        })?;
        Ok(record)
    }
    let new = match m {
        Marketplace::Olx => NewListing::Olx(parse(m, json)?),
        Marketplace::Inmuebles24 => NewListing::Inmuebles24(parse(m, json)?),
        Marketplace::Autofact => NewListing::Autofact(parse(m, json)?),
    };
    // Encoding it runs the spec 8.2 checks.
    plan_create(&new)?;
    Ok(new)
}

/// The `POST` a new listing needs, validated.
pub fn plan_create(new: &NewListing) -> Result<PlannedRequest, ApiError> {
    let (m, collection, body) = match new {
        NewListing::Olx(n) => (
            Marketplace::Olx,
            "listings",
            checked_body(Marketplace::Olx, n)?,
        ),
        NewListing::Inmuebles24(n) => (
            Marketplace::Inmuebles24,
            "properties",
            checked_body(Marketplace::Inmuebles24, n)?,
        ),
        NewListing::Autofact(n) => (
            Marketplace::Autofact,
            "vehicles",
            checked_body(Marketplace::Autofact, n)?,
        ),
    };
    Ok(PlannedRequest {
        marketplace: m,
        method: "POST".into(),
        path: format!("/{collection}"),
        body: Some(body),
    })
}

/// Sets a listing's price at its marketplace and records it in the store:
/// the listing's price is updated and a `price_history` row with source
/// `apply` is added. This is what `treevu recommend --apply` calls.
///
/// Refused before sending when the listing is not stored, the client is for
/// another marketplace, or the price fails validation (not > 0).
pub async fn apply_price(
    client: &MarketplaceClient,
    store: &mut Store,
    listing: &ListingRef,
    new_price: Money,
) -> Result<Applied, WritebackError> {
    let change = ListingChange {
        price: Some(new_price),
        ..Default::default()
    };
    update_listing(client, store, listing, &change).await
}

/// Sends `change` with `PUT` and mirrors the marketplace's answer in the store.
pub async fn update_listing(
    client: &MarketplaceClient,
    store: &mut Store,
    listing: &ListingRef,
    change: &ListingChange,
) -> Result<Applied, WritebackError> {
    check_client(client, listing)?;
    let current = stored_listing(store, listing)?;
    // Validates; nothing is sent when this fails.
    plan_update(&current, change)?;
    let id = listing.remote_id.as_str();
    let now = current.record.price.currency;
    let (response, record) = match client {
        MarketplaceClient::Olx(c) => {
            let l = c
                .update_listing(
                    id,
                    &change_body!(OlxListingUpdate, change, now, description),
                )
                .await?;
            mirror_record(Marketplace::Olx, &l, |raw| normalize::from_olx(&l, raw))?
        }
        MarketplaceClient::Inmuebles24(c) => {
            let p = c
                .update_property(id, &change_body!(PropertyUpdate, change, now, description))
                .await?;
            mirror_record(Marketplace::Inmuebles24, &p, |raw| {
                normalize::from_inmuebles24(&p, raw)
            })?
        }
        MarketplaceClient::Autofact(c) => {
            let v = c
                .update_vehicle(id, &change_body!(VehicleUpdate, change, now))
                .await?;
            mirror_record(Marketplace::Autofact, &v, |raw| {
                normalize::from_autofact(&v, raw)
            })?
        }
    };
    let now = timestamp(Utc::now());
    store.write(|s| -> Result<(), StoreError> {
        let tx = s.conn();
        if let Some(p) = change.price {
            // First the applied price (source `apply`), then the answer: the upsert
            // then sees no price change and adds no `sync` row for the same price.
            listings::record_applied_price(tx, listing.marketplace, id, p, &now)?;
        }
        listings::upsert(tx, &record, &now)?;
        if record.status == ListingStatus::Removed.as_str() {
            listings::mark_removed(tx, listing.marketplace, id, &now)?;
        }
        Ok(())
    })?;
    let stored = stored_listing(store, listing)?;
    Ok(Applied {
        listing: listing.clone(),
        old_price: current.record.price,
        new_price: stored.record.price,
        stored,
        response,
    })
}

/// Sends the request that takes a listing down (see [`RemovalMethod`]); stores
/// nothing. Auto-delist uses it through the rate gate and then marks the listing.
pub async fn remove_request(
    client: &MarketplaceClient,
    listing: &ListingRef,
) -> Result<RemovalMethod, ApiError> {
    let id = listing.remote_id.as_str();
    let status = Some(ListingStatus::Removed);
    match client {
        MarketplaceClient::Olx(c) => {
            c.delete_listing(id).await?;
            return Ok(RemovalMethod::Delete);
        }
        MarketplaceClient::Inmuebles24(c) => {
            let update = PropertyUpdate {
                status,
                ..Default::default()
            };
            c.update_property(id, &update).await?;
        }
        MarketplaceClient::Autofact(c) => {
            let update = VehicleUpdate {
                status,
                ..Default::default()
            };
            c.update_vehicle(id, &update).await?;
        }
    }
    Ok(RemovalMethod::PutStatusRemoved)
}

/// Takes a listing down (see [`RemovalMethod`]) and marks it removed in the store;
/// its history stays. The removal is the merchant's choice for this marketplace:
/// it is noted so auto-delist does not take the item's twins down for it.
pub async fn remove_listing(
    client: &MarketplaceClient,
    store: &mut Store,
    listing: &ListingRef,
) -> Result<(RemovalMethod, StoredListing), WritebackError> {
    check_client(client, listing)?;
    let current = stored_listing(store, listing)?;
    let (method, _) = plan_remove(&current)?;
    match (method, client) {
        (RemovalMethod::Delete, MarketplaceClient::Olx(c)) => {
            c.delete_listing(&listing.remote_id).await?;
            let now = timestamp(Utc::now());
            store.write(|s| {
                listings::mark_removed(s.conn(), listing.marketplace, &listing.remote_id, &now)
            })?;
        }
        _ => {
            let change = ListingChange {
                status: Some(ListingStatus::Removed),
                ..Default::default()
            };
            update_listing(client, store, listing, &change).await?;
        }
    }
    crate::store::twins::record_own_removal(store.conn(), current.id, &timestamp(Utc::now()))?;
    Ok((method, stored_listing(store, listing)?))
}

/// Creates a listing with `POST` and stores the marketplace's answer.
pub async fn create_listing(
    client: &MarketplaceClient,
    store: &mut Store,
    new: &NewListing,
) -> Result<(StoredListing, Value), WritebackError> {
    let (response, record) = create_request(client, new).await?;
    let now = timestamp(Utc::now());
    store.write(|s| listings::upsert(s.conn(), &record, &now))?;
    let r = ListingRef {
        marketplace: record.marketplace,
        remote_id: record.remote_id.clone(),
    };
    Ok((stored_listing(store, &r)?, response))
}

/// Sends the `POST` of a new listing: the marketplace's answer as received and
/// in the stored listing shape. Stores nothing (crosslist stores it with its link).
pub async fn create_request(
    client: &MarketplaceClient,
    new: &NewListing,
) -> Result<(Value, ListingRecord), WritebackError> {
    Ok(match (client, new) {
        (MarketplaceClient::Olx(c), NewListing::Olx(n)) => {
            let l = c.create_listing(n).await?;
            mirror_record(Marketplace::Olx, &l, |raw| normalize::from_olx(&l, raw))?
        }
        (MarketplaceClient::Inmuebles24(c), NewListing::Inmuebles24(n)) => {
            let p = c.create_property(n).await?;
            mirror_record(Marketplace::Inmuebles24, &p, |raw| {
                normalize::from_inmuebles24(&p, raw)
            })?
        }
        (MarketplaceClient::Autofact(c), NewListing::Autofact(n)) => {
            let v = c.create_vehicle(n).await?;
            mirror_record(Marketplace::Autofact, &v, |raw| {
                normalize::from_autofact(&v, raw)
            })?
        }
        _ => {
            return Err(ApiError::InvalidPayload {
                marketplace: client.marketplace(),
                field: None,
                message: "the new listing is for another marketplace; nothing was sent".into(),
            }
            .into());
        }
    })
}

fn check_client(client: &MarketplaceClient, listing: &ListingRef) -> Result<(), WritebackError> {
    if client.marketplace() != listing.marketplace {
        return Err(ApiError::InvalidPayload {
            marketplace: listing.marketplace,
            field: None,
            message: format!(
                "a {} client cannot change '{listing}'; nothing was sent",
                client.marketplace()
            ),
        }
        .into());
    }
    Ok(())
}

/// The answer as JSON (what the CLI shows) and as the stored listing shape.
fn mirror_record<T: Serialize>(
    marketplace: Marketplace,
    answer: &T,
    normalize: impl FnOnce(String) -> Result<ListingRecord, crate::domain::MoneyError>,
) -> Result<(Value, ListingRecord), WritebackError> {
    let mirror = |message: String| WritebackError::Mirror {
        marketplace,
        message,
    };
    let response = serde_json::to_value(answer).map_err(|e| mirror(e.to_string()))?;
    let record = normalize(response.to_string()).map_err(|e| mirror(e.to_string()))?;
    Ok((response, record))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    fn stored(m: Marketplace) -> StoredListing {
        StoredListing {
            id: 1,
            record: ListingRecord {
                marketplace: m,
                remote_id: "X-1".into(),
                kind: "property".into(),
                title: "Casa en Surco".into(),
                description: None,
                price: Money::from_minor(30_000_000, Currency::PEN),
                status: "active".into(),
                category: None,
                subcategory: None,
                city: None,
                district: None,
                address: None,
                latitude: None,
                longitude: None,
                operation: None,
                property_type: None,
                area_m2: None,
                bedrooms: None,
                bathrooms: None,
                parking: None,
                brand: None,
                model: None,
                year: None,
                mileage_km: None,
                condition: None,
                transmission: None,
                fuel_type: None,
                views: 0,
                contacts: 0,
                favorites: 0,
                last_contact_at: None,
                remote_created_at: None,
                remote_updated_at: None,
                raw: String::new(),
            },
            first_seen_at: "t".into(),
            last_seen_at: "t".into(),
            removed_at: None,
        }
    }

    #[test]
    fn the_apply_guard_holds_back_large_changes_and_weak_recommendations_unless_forced() {
        let d = crate::config::ApplySettings::default();
        let guard = ApplyGuard {
            max_change: d.max_change,
            min_confidence: d.min_confidence,
        };
        let pen = |major: i64| Money::from_minor(major * 100, Currency::PEN);
        // 20% of S/ 100,000 either way passes; a sol more does not.
        assert_eq!(guard.check(pen(100_000), pen(120_000), 0.6, false), Ok(()));
        assert_eq!(guard.check(pen(100_000), pen(80_000), 0.6, false), Ok(()));
        let err = guard
            .check(pen(769_000), pen(159_449), 0.6, false)
            .unwrap_err();
        assert!(matches!(err, Refusal::TooLarge { .. }), "{err}");
        let text = err.to_string();
        assert!(
            text.contains("S/ 769,000 → S/ 159,449")
                && text.contains("79.3%")
                && text.contains("20%")
                && text.contains("--force"),
            "{text}"
        );
        // The Barranco case of issue #11 had 29% confidence: refused on that too.
        let err = guard
            .check(pen(100_000), pen(110_000), 0.29, false)
            .unwrap_err();
        assert!(
            err.to_string().contains("29% is below the 40% floor"),
            "{err}"
        );
        assert!(
            guard
                .check(pen(100_000), pen(110_000), f64::NAN, false)
                .is_err()
        );
        // Another currency is never a small change.
        let usd = Money::from_minor(10_000_000, Currency::USD);
        assert!(guard.check(pen(100_000), usd, 0.9, false).is_err());
        // --force lifts both limits.
        assert_eq!(guard.check(pen(769_000), pen(159_449), 0.29, true), Ok(()));
    }

    #[test]
    fn planned_updates_carry_only_the_changed_fields() {
        let change = ListingChange {
            price: Some(Money::parse_major("285000.50", Currency::PEN).unwrap()),
            ..Default::default()
        };
        let p = plan_update(&stored(Marketplace::Inmuebles24), &change).unwrap();
        assert_eq!(p.method, "PUT");
        assert_eq!(p.path, "/properties/X-1");
        assert_eq!(p.body, Some(serde_json::json!({"price": 285000.5})));
        // Another currency is sent along with the price.
        let usd = ListingChange {
            price: Some(Money::from_minor(9_000_000, Currency::USD)),
            ..Default::default()
        };
        let p = plan_update(&stored(Marketplace::Olx), &usd).unwrap();
        assert_eq!(
            p.body,
            Some(serde_json::json!({"price": 90000.0, "currency": "USD"}))
        );
    }

    #[test]
    fn invalid_changes_are_refused_naming_the_field() {
        let zero = ListingChange {
            price: Some(Money::from_minor(0, Currency::PEN)),
            ..Default::default()
        };
        let err = plan_update(&stored(Marketplace::Olx), &zero).unwrap_err();
        assert!(
            matches!(&err, ApiError::InvalidPayload { field: Some(f), .. } if f == "price"),
            "{err}"
        );
        let short = ListingChange {
            title: Some("Abc".into()),
            ..Default::default()
        };
        let err = plan_update(&stored(Marketplace::Autofact), &short).unwrap_err();
        assert!(err.to_string().contains("title"), "{err}");
        let empty = plan_update(&stored(Marketplace::Olx), &ListingChange::default());
        assert!(empty.is_err(), "an update without fields is refused");
    }

    #[test]
    fn removal_is_delete_on_olx_and_a_status_put_elsewhere() {
        let (m, p) = plan_remove(&stored(Marketplace::Olx)).unwrap();
        assert_eq!(
            (m, p.method.as_str(), p.body),
            (RemovalMethod::Delete, "DELETE", None)
        );
        let (m, p) = plan_remove(&stored(Marketplace::Autofact)).unwrap();
        assert_eq!(m, RemovalMethod::PutStatusRemoved);
        assert_eq!(p.path, "/vehicles/X-1");
        assert_eq!(p.body, Some(serde_json::json!({"status": "removed"})));
    }

    #[test]
    fn new_listings_name_the_missing_field() {
        let err = parse_new_listing(
            Marketplace::Olx,
            serde_json::json!({"title": "Toyota Yaris 2019", "price": 45000, "location": {"city": "Lima", "district": "Surco"}}),
        )
        .unwrap_err();
        assert!(
            matches!(&err, ApiError::InvalidPayload { field: Some(f), .. } if f == "category"),
            "{err}"
        );
        let err = parse_new_listing(
            Marketplace::Olx,
            serde_json::json!({"title": "Yaris", "price": -1, "category": "autos", "location": {"city": "Lima", "district": "Surco"}}),
        )
        .unwrap_err();
        assert!(err.to_string().contains("price"), "{err}");
    }
}
