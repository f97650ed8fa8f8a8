//! Looking up synced listings named on the command line.

use crate::domain::ListingRef;
use crate::exit::Coded;
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
        Ok(listings::list(
            store.conn(),
            &listings::ListingFilter::default(),
        )?)
    } else {
        load(store, refs)
    }
}

/// Refuses listings that are neither homes nor cars.
pub fn require_kind(l: &StoredListing, kinds: &[&str], hint: &str) -> anyhow::Result<()> {
    if kinds.contains(&l.record.kind.as_str()) {
        return Ok(());
    }
    Err(Coded::error(
        crate::exit::ERROR,
        format!(
            "{}:{} is a {} listing ({}); {hint}",
            l.record.marketplace,
            l.record.remote_id,
            l.record.kind,
            l.record.category.as_deref().unwrap_or("no category")
        ),
    ))
}
