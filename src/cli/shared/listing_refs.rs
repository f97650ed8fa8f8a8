//! Looking up synced listings named on the command line.

use crate::domain::ListingRef;
use crate::i18n::{Localized, Msg};
use crate::store::Store;
use crate::store::listings::{self, StoredListing};

/// The stored listings named by `refs`, in order; an unknown one is an error naming the next step.
pub fn load(store: &Store, refs: &[ListingRef]) -> anyhow::Result<Vec<StoredListing>> {
    refs.iter()
        .map(|r| Ok(crate::writeback::stored_listing(store, r)?))
        .collect()
}

/// The listings named, or with none named every listing still on the market.
pub fn load_or_all(store: &Store, refs: &[ListingRef]) -> anyhow::Result<Vec<StoredListing>> {
    if refs.is_empty() {
        Ok(store.listings(&listings::ListingFilter::default())?)
    } else {
        load(store, refs)
    }
}

/// Refuses a listing of another kind; `id` is the error's message, whose
/// hint says what to use instead.
pub fn require_kind(l: &StoredListing, kinds: &[&str], id: &'static str) -> anyhow::Result<()> {
    if kinds.contains(&l.record.kind.as_str()) {
        return Ok(());
    }
    // "none" selects the catalog's words for a listing without a category.
    let category = l.record.category.as_deref().unwrap_or("none");
    Err(Localized::error(
        Msg::new(id)
            .arg(
                "listing",
                format!("{}:{}", l.record.marketplace, l.record.remote_id),
            )
            .arg("kind", l.record.kind.as_str())
            .arg("category", category),
    ))
}
