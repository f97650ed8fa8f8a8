//! The one way rows enter the market pool: checked ([`rules`]), given their
//! match key, upserted by (kind, id), then de-duplicated ([`dedup`]). `market
//! import`, sync's market data and the merchant's own listings all go
//! through [`store_rows`], so they obey the same rules and are counted the
//! same way.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Datelike;
use serde::Serialize;

use super::{dedup, rules};
use crate::store::market::{self as pool, PoolRow, PoolUpsert, UpsertCounts};
use crate::store::{Result, Store};

/// What storing a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stored {
    #[serde(flatten)]
    pub counts: UpsertCounts,
    /// Reason → rows set aside for it (nothing of them was stored).
    pub rejected: BTreeMap<String, u64>,
    /// Rows elsewhere in the pool whose duplicate mark changed (a synced copy
    /// of an imported home now counts once, or counts again).
    pub duplicates_changed: u64,
    /// Rows taken out of the pool (an own listing taken down or now refused).
    pub removed: u64,
}

impl Stored {
    /// Adds another batch's counts to these.
    pub fn add(&mut self, other: &Stored) {
        self.counts.new += other.counts.new;
        self.counts.updated += other.counts.updated;
        self.counts.unchanged += other.counts.unchanged;
        for (reason, n) in &other.rejected {
            *self.rejected.entry(reason.clone()).or_default() += n;
        }
        self.duplicates_changed += other.duplicates_changed;
        self.removed += other.removed;
    }

    pub fn rejected_total(&self) -> u64 {
        self.rejected.values().sum()
    }

    /// Whether the pool changed (a fitted model is then out of date).
    pub fn changed(&self) -> bool {
        self.counts.new + self.counts.updated + self.duplicates_changed + self.removed > 0
    }
}

/// The year model years are bounded by.
pub fn this_year() -> i32 {
    chrono::Utc::now().year()
}

/// Checks, keys, upserts and de-duplicates `rows` inside the caller's transaction.
pub fn store_rows(
    store: &Store,
    rows: impl IntoIterator<Item = PoolRow>,
    now: &str,
) -> Result<Stored> {
    let conn = store.conn();
    let year = this_year();
    let mut out = Stored::default();
    let mut touched: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in rows {
        let mut row = match rules::clean(row, year) {
            Ok(r) => r,
            Err(reason) => {
                *out.rejected.entry(reason).or_default() += 1;
                continue;
            }
        };
        let key = dedup::key(&row);
        row.match_key = Some(key.clone());
        match pool::upsert_pool_row(conn, &row, now)? {
            Some(PoolUpsert::New) => out.counts.new += 1,
            Some(PoolUpsert::Updated) => out.counts.updated += 1,
            Some(PoolUpsert::Unchanged | PoolUpsert::Kept) | None => {
                out.counts.unchanged += 1;
                continue;
            }
        }
        touched.entry(row.kind.clone()).or_default().insert(key);
    }
    for (kind, keys) in &touched {
        out.duplicates_changed += dedup::refresh(store, kind, keys)?;
    }
    Ok(out)
}

/// Deletes pool rows by (kind, id) and de-duplicates what they leave behind.
pub fn delete_rows(store: &Store, rows: &[(String, String)]) -> Result<u64> {
    let conn = store.conn();
    let mut touched: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut n = 0;
    for (kind, id) in rows {
        if let Some(key) = pool::delete_pool_row(conn, kind, id)? {
            n += 1;
            touched.entry(kind.clone()).or_default().insert(key);
        }
    }
    for (kind, keys) in &touched {
        dedup::refresh(store, kind, keys)?;
    }
    Ok(n)
}
