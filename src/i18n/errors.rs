//! Core errors as messages: the one place that knows the words for them.
//!
//! The core's error types stay typed (thiserror) and keep an English
//! `Display` for logs; what a person reads is rendered here from the error's
//! fields, in the user's language. A test checks that the English catalog
//! says what each `Display` says, so the two cannot drift apart.

use super::{Localized, Localizer, Msg};
use crate::auth::AuthError;
use crate::domain::{BadListingRef, UnknownMarketplace};
use crate::marketplaces::ApiError;
use crate::msg;
use crate::sync::SyncError;
use crate::writeback::WritebackError;

/// The message for one error of the chain, if it is one of those the catalog words.
pub fn describe(err: &(dyn std::error::Error + 'static)) -> Option<Msg> {
    if let Some(e) = err.downcast_ref::<Localized>() {
        return Some(e.msg.clone());
    }
    if let Some(e) = err.downcast_ref::<WritebackError>() {
        return match e {
            WritebackError::UnknownListing(r) => Some(msg!(
                "error-unknown-listing",
                listing = r.to_string(),
                marketplace = r.marketplace.as_str()
            )),
            _ => None,
        };
    }
    if let Some(e) = err.downcast_ref::<AuthError>() {
        return match e {
            AuthError::NotConnected(m) => {
                Some(msg!("error-not-connected", marketplace = m.as_str()))
            }
            AuthError::NeedsReconnect { marketplace, why } => Some(msg!(
                "error-needs-reconnect",
                marketplace = marketplace.as_str(),
                why = why
            )),
            _ => None,
        };
    }
    if let Some(e) = err.downcast_ref::<SyncError>() {
        return match e {
            SyncError::NotConnected(m) => {
                Some(msg!("error-not-connected", marketplace = m.as_str()))
            }
            SyncError::AlreadyRunning(m) => {
                Some(msg!("error-already-syncing", marketplace = m.as_str()))
            }
            _ => None,
        };
    }
    if let Some(e) = err.downcast_ref::<ApiError>() {
        return match e {
            ApiError::Unauthorized {
                marketplace,
                message,
            } => Some(msg!(
                "error-api-unauthorized",
                marketplace = marketplace.as_str(),
                message = message
            )),
            ApiError::RateLimited {
                marketplace,
                retry_after,
            } => Some(msg!(
                "error-api-rate-limited",
                marketplace = marketplace.as_str(),
                seconds = retry_after.as_secs()
            )),
            ApiError::Network {
                marketplace,
                message,
            } => Some(msg!(
                "error-api-network",
                marketplace = marketplace.as_str(),
                message = message
            )),
            _ => None,
        };
    }
    if let Some(e) = err.downcast_ref::<UnknownMarketplace>() {
        return Some(msg!("error-unknown-marketplace", name = &e.0));
    }
    if let Some(e) = err.downcast_ref::<BadListingRef>() {
        return Some(msg!("error-bad-listing-ref", text = &e.0));
    }
    None
}

/// One error of the chain in `loc`'s language: the catalog's words when it
/// has them, else the error's own `Display` (a system or library message).
pub fn words(loc: &Localizer, err: &(dyn std::error::Error + 'static)) -> String {
    match describe(err) {
        Some(m) => loc.with_hint(&m),
        None => err.to_string(),
    }
}
