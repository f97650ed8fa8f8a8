//! `--churn`: the market moves between syncs. Each time a client starts reading the
//! merchant's listings (page 1) some gain views, contacts and favorites, some change
//! price, some are sold, rented or removed, and new ones appear, each with `updatedAt`
//! set to the real current time so `updated_since` finds them.
//!
//! Only page 1 triggers a step, so one paging pass reads a still picture and the next
//! pass sees what moved, as it would polling production every few hours.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::data::ts_ms;
use super::table::{Keyed, Row, Table};
use crate::marketplaces::types::ListingStatus;

/// What churn may change in a record.
pub trait Churnable: Keyed {
    fn add_engagement(&mut self, views: u64, contacts: u64, favorites: u64);
    fn price(&self) -> f64;
    fn set_price(&mut self, price: f64);
    /// The status an item of this kind ends in when it finds a buyer or tenant.
    fn closed_status(&self) -> ListingStatus;
    fn status(&self) -> ListingStatus;
    fn set_status(&mut self, s: ListingStatus);
    fn set_updated_at(&mut self, ts: String);
}

/// What one churn step did, for the records it touched.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ChurnReport {
    pub engaged: usize,
    pub repriced: usize,
    pub closed: usize,
    pub added: usize,
}

/// Applies one step to `table`; `make` builds a new record from the RNG and its `seq`.
pub fn step<T: Churnable>(
    table: &mut Table<T>,
    rng: &mut ChaCha8Rng,
    now_ms: i64,
    next_seq: &mut u64,
    mut make: impl FnMut(&mut ChaCha8Rng, u64, i64) -> T,
) -> ChurnReport {
    let n = table.len();
    let mut report = ChurnReport::default();
    let now = ts_ms(now_ms);
    if n > 0 {
        let engaged = (n / 20).max(2).min(n);
        for _ in 0..engaged {
            let i = rng.gen_range(0..n);
            let row = &mut table.rows_mut()[i];
            if row.wire.status() != ListingStatus::Active {
                continue;
            }
            let v = rng.gen_range(5..60);
            row.wire
                .add_engagement(v, rng.gen_range(0..3), rng.gen_range(0..4));
            touch(row, now_ms, &now);
            report.engaged += 1;
        }
        for _ in 0..(n / 50).max(1) {
            let i = rng.gen_range(0..n);
            let row = &mut table.rows_mut()[i];
            if row.wire.status() != ListingStatus::Active {
                continue;
            }
            // Sellers mostly cut prices when nobody calls; a few test a higher one.
            let f = if rng.gen_range(0.0..1.0) < 0.8 {
                rng.gen_range(0.92..0.98)
            } else {
                rng.gen_range(1.02..1.06)
            };
            let p = (row.wire.price() * f / 10.0).round() * 10.0;
            row.wire.set_price(p.max(10.0));
            touch(row, now_ms, &now);
            report.repriced += 1;
        }
        for _ in 0..(n / 100).max(1) {
            let i = rng.gen_range(0..n);
            let row = &mut table.rows_mut()[i];
            if row.wire.status() != ListingStatus::Active {
                continue;
            }
            let s = if rng.gen_range(0.0..1.0) < 0.75 {
                row.wire.closed_status()
            } else {
                ListingStatus::Removed
            };
            row.wire.set_status(s);
            touch(row, now_ms, &now);
            report.closed += 1;
        }
    }
    for _ in 0..(n / 100).max(1) {
        let seq = *next_seq;
        *next_seq += 1;
        let wire = make(rng, seq, now_ms);
        table.push(Row {
            wire,
            updated_ms: now_ms,
            malformed: None,
            seq,
        });
        report.added += 1;
    }
    table.resort();
    report
}

fn touch<T: Churnable>(row: &mut Row<T>, now_ms: i64, now: &str) {
    row.updated_ms = now_ms;
    row.wire.set_updated_at(now.to_string());
}
