//! `--churn`: the market moves between syncs. Each time a client starts reading the
//! merchant's listings (page 1) some gain views, contacts and favorites, some change
//! price, some are sold, rented or removed, and new ones appear, each with `updatedAt`
//! set to the real current time so `updated_since` finds them.
//!
//! Only page 1 triggers a step, so one paging pass reads a still picture and the next
//! pass sees what moved, as it would polling production every few hours.
//!
//! Who closes follows the hazard model of `hazard.rs`: a step closes listings with
//! probability proportional to their hazard (cheaper and busier ones first), and new
//! contacts arrive at each listing's own rate. [`seed_history`] lays the generated
//! listings on the calendar with the same model, so part of them start closed.

use std::collections::HashSet;

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::data::{rng_for, timestamp_ms};
use super::hazard::{self, Appeal};
use super::server::{Shared, write};
use super::table::{Keyed, Listing, Row, Table};
use treevu_domain::Marketplace;
use treevu_domain::wire::ListingStatus;

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
    fn set_created_at(&mut self, ts: String);
}

/// Gives generated rows their history (see `hazard.rs`): creation and close times,
/// status and engagement drawn from each row's appeal, about `closed_share` of them
/// already sold, rented or removed by `epoch_ms`. Rows without an appeal stay as they are.
/// A merchant table's counters: the `seq` its next new record takes (and so
/// its id), and the churn steps taken (each seeds its own random stream).
#[derive(Debug, Clone)]
pub struct Counters {
    pub next_seq: u64,
    pub steps: u64,
}

impl Counters {
    /// After the generated listings, before any churn.
    pub fn after(opts: &super::SandboxOptions) -> Counters {
        Counters {
            next_seq: opts.listings as u64,
            steps: 0,
        }
    }
}

/// One churn step of the merchant's `T`s on marketplace `m` (what page 1 of a
/// churning sandbox's list does first), from the stream `stream` + the step;
/// the twins that must not close are spared.
pub fn step_mine<T: Listing + Churnable>(
    shared: &Shared,
    m: Marketplace,
    stream: u64,
    make: impl FnMut(&mut ChaCha8Rng, u64, i64) -> (T, Appeal),
) {
    let now = shared.now_ms();
    let mut data = write(&shared.data);
    let unsellable = super::twins::unsellable(&data, m);
    let counters = T::counters(&mut data);
    counters.steps += 1;
    let mut rng = rng_for(shared.opts.seed, stream + counters.steps);
    let mut next_seq = counters.next_seq;
    step(
        T::mine_mut(&mut data),
        &mut rng,
        now,
        &mut next_seq,
        &unsellable,
        make,
    );
    T::counters(&mut data).next_seq = next_seq;
}

/// Market records' `seq` start here, so their ids never meet the merchant's.
pub const MARKET_SEQ: u64 = 1 << 30;

/// The merchant's table (with its seed-chosen malformed records) and the market
/// table of one marketplace, each from its own random stream under `stream`.
pub fn merchant_and_market<T: Churnable>(
    opts: &super::SandboxOptions,
    epoch_ms: i64,
    stream: u64,
    mut make: impl FnMut(&mut ChaCha8Rng, u64) -> (T, Appeal),
) -> (Table<T>, Table<T>) {
    let share = hazard::closed_share(opts.seed);
    let mut mine = Table::new();
    generate_aged(
        &mut mine,
        &mut super::data::rng_for(opts.seed, stream),
        0..opts.listings as u64,
        epoch_ms,
        share,
        &mut make,
    );
    for (i, m) in super::faults::pick_malformed(
        &mut super::data::rng_for(opts.seed, stream + 0xBAD0),
        mine.len(),
        opts.malformed_rate,
    ) {
        mine.rows_mut()[i].malformed = Some(m);
    }
    mine.resort();
    let mut market = Table::new();
    generate_aged(
        &mut market,
        &mut super::data::rng_for(opts.seed, stream + 0x3000),
        MARKET_SEQ..MARKET_SEQ + opts.market as u64,
        epoch_ms,
        share,
        make,
    );
    market.resort();
    (mine, market)
}

/// Generates the rows numbered `seqs` with `make`, then ages them (see
/// [`seed_history`]) so a seed-determined share has already closed.
pub fn generate_aged<T: Churnable>(
    table: &mut Table<T>,
    rng: &mut ChaCha8Rng,
    seqs: std::ops::Range<u64>,
    epoch_ms: i64,
    closed_share: f64,
    mut make: impl FnMut(&mut ChaCha8Rng, u64) -> (T, Appeal),
) {
    for seq in seqs {
        let (wire, appeal) = make(rng, seq);
        table.push(Row {
            wire,
            updated_ms: epoch_ms,
            malformed: None,
            seq,
            appeal: Some(appeal),
        });
    }
    seed_history(table.rows_mut(), rng, closed_share, epoch_ms);
}

pub fn seed_history<T: Churnable>(
    rows: &mut [Row<T>],
    rng: &mut ChaCha8Rng,
    closed_share: f64,
    epoch_ms: i64,
) {
    let idx: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].appeal.is_some())
        .collect();
    let items: Vec<(Appeal, f64)> = idx
        .iter()
        .filter_map(|&i| rows[i].appeal.map(|a| (a, rows[i].wire.price())))
        .collect();
    let lives = hazard::lay_out(rng, &items, closed_share, epoch_ms);
    for (&i, life) in idx.iter().zip(&lives) {
        let row = &mut rows[i];
        let Some(appeal) = row.appeal.as_mut() else {
            continue;
        };
        appeal.created_ms = life.created_ms;
        let (views, contacts, favorites) = appeal.engagement(rng, life.days);
        let removed = rng.gen_range(0.0..1.0) < hazard::REMOVED_SHARE;
        row.wire.add_engagement(views, contacts, favorites);
        row.wire.set_created_at(timestamp_ms(life.created_ms));
        row.wire.set_updated_at(timestamp_ms(life.updated_ms));
        row.updated_ms = life.updated_ms;
        if life.closed {
            let s = if removed {
                ListingStatus::Removed
            } else {
                row.wire.closed_status()
            };
            row.wire.set_status(s);
        }
    }
}

/// The hazard of a row at `now_ms` (rows nobody generated get the base listing's).
fn hazard_of<T: Churnable>(row: &Row<T>, now_ms: i64) -> f64 {
    let a = row.appeal.unwrap_or(Appeal {
        fair_price: row.wire.price(),
        contact_rate: hazard::BASE_CONTACTS_PER_DAY,
        created_ms: row.updated_ms,
    });
    let days = (now_ms - a.created_ms) as f64 / 86_400_000.0;
    a.hazard_at(row.wire.price(), days)
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
/// Records in `unsellable` (the copy of an item already sold on another
/// marketplace) never close here: that item is gone, whoever takes the ad down.
pub fn step<T: Churnable>(
    table: &mut Table<T>,
    rng: &mut ChaCha8Rng,
    now_ms: i64,
    next_seq: &mut u64,
    unsellable: &HashSet<String>,
    mut make: impl FnMut(&mut ChaCha8Rng, u64, i64) -> (T, Appeal),
) -> ChurnReport {
    let n = table.len();
    let mut report = ChurnReport::default();
    let now = timestamp_ms(now_ms);
    if n > 0 {
        let engaged = (n / 20).max(2).min(n);
        for _ in 0..engaged {
            let i = rng.gen_range(0..n);
            let row = &mut table.rows_mut()[i];
            if row.wire.status() != ListingStatus::Active {
                continue;
            }
            let v = rng.gen_range(5..60);
            // About a day of buyer interest at the listing's own rate.
            let rate = row
                .appeal
                .map_or(hazard::BASE_CONTACTS_PER_DAY, |a| a.contact_rate);
            let contacts = hazard::poisson(rng, rate);
            row.wire
                .add_engagement(v.max(contacts), contacts, rng.gen_range(0..4));
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
        // Weighted sampling without replacement (Efraimidis–Spirakis): the active rows
        // with the smallest Exp(1) / hazard close, so each closes with odds ∝ its hazard.
        let mut keys: Vec<(f64, usize)> = table
            .rows()
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.wire.status() == ListingStatus::Active && !unsellable.contains(r.wire.id())
            })
            .map(|(i, r)| {
                let e = -rng.gen_range(f64::EPSILON..1.0).ln();
                (e / hazard_of(r, now_ms).max(1e-12), i)
            })
            .collect();
        keys.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for &(_, i) in keys.iter().take((n / 100).max(1)) {
            let row = &mut table.rows_mut()[i];
            let s = if rng.gen_range(0.0..1.0) >= hazard::REMOVED_SHARE {
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
        let (wire, appeal) = make(rng, seq, now_ms);
        table.push(Row {
            wire,
            updated_ms: now_ms,
            malformed: None,
            seq,
            appeal: Some(appeal),
        });
        report.added += 1;
    }
    table.resort();
    report
}

/// Sets one record's status as the marketplace would when it sells or is taken
/// down, bumping `updatedAt`; false when there is no such record.
pub fn set_status<T: Churnable>(
    table: &mut Table<T>,
    id: &str,
    status: ListingStatus,
    now_ms: i64,
) -> bool {
    let Some(row) = table.get_mut(id) else {
        return false;
    };
    row.wire.set_status(status);
    touch(row, now_ms, &timestamp_ms(now_ms));
    table.resort();
    true
}

fn touch<T: Churnable>(row: &mut Row<T>, now_ms: i64, now: &str) {
    row.updated_ms = now_ms;
    row.wire.set_updated_at(now.to_string());
}
