//! An in-memory table of wire records kept in list order (`updatedAt`, then `id`), so a
//! page is a binary search and a slice even at 50,000 records.

use std::collections::HashMap;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::data::timestamp_ms;
use super::faults::Malform;
use super::http::{Reply, merge};
use super::server::{Data, Shared, read, write};

/// A wire record that has an id.
pub trait Keyed {
    fn id(&self) -> &str;
}

/// One stored record and what the sandbox knows about it beyond the wire.
#[derive(Debug, Clone)]
pub struct Row<T> {
    pub wire: T,
    /// `updatedAt` in Unix milliseconds (the order and `updated_since` key).
    pub updated_ms: i64,
    /// Served broken in list pages when set.
    pub malformed: Option<Malform>,
    /// Stable per-record number that seeds anything derived from the record (leads).
    pub seq: u64,
    /// The latent price and interest that drive when a generated listing closes.
    pub appeal: Option<super::hazard::Appeal>,
}

#[derive(Debug, Default)]
pub struct Table<T> {
    rows: Vec<Row<T>>,
    by_id: HashMap<String, usize>,
    order: Vec<usize>,
}

impl<T: Keyed> Table<T> {
    pub fn new() -> Self {
        Table {
            rows: Vec::new(),
            by_id: HashMap::new(),
            order: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Adds rows in bulk; call [`Table::resort`] after.
    pub fn push(&mut self, row: Row<T>) {
        self.by_id
            .insert(row.wire.id().to_string(), self.rows.len());
        self.order.push(self.rows.len());
        self.rows.push(row);
    }

    pub fn get(&self, id: &str) -> Option<&Row<T>> {
        self.by_id.get(id).map(|&i| &self.rows[i])
    }

    /// Mutable access; the caller must [`Table::resort`] if it changed `updated_ms`.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Row<T>> {
        self.by_id.get(id).map(|&i| &mut self.rows[i])
    }

    pub fn rows(&self) -> &[Row<T>] {
        &self.rows
    }

    pub fn rows_mut(&mut self) -> &mut [Row<T>] {
        &mut self.rows
    }

    /// Restores list order after changes.
    pub fn resort(&mut self) {
        let rows = &self.rows;
        self.order.sort_unstable_by(|&a, &b| {
            (rows[a].updated_ms, rows[a].wire.id()).cmp(&(rows[b].updated_ms, rows[b].wire.id()))
        });
    }

    /// The rows of one page in list order and the total that match, optionally only
    /// those updated at or after `since_ms` and those `keep` accepts.
    pub fn page(
        &self,
        since_ms: Option<i64>,
        page: u32,
        limit: u32,
        keep: Option<&dyn Fn(&T) -> bool>,
    ) -> (u64, Vec<&Row<T>>) {
        let start = match since_ms {
            Some(s) => self.order.partition_point(|&i| self.rows[i].updated_ms < s),
            None => 0,
        };
        let candidates = &self.order[start..];
        let skip = (page.saturating_sub(1) as usize).saturating_mul(limit as usize);
        match keep {
            None => {
                let rows = candidates
                    .iter()
                    .skip(skip)
                    .take(limit as usize)
                    .map(|&i| &self.rows[i])
                    .collect();
                (candidates.len() as u64, rows)
            }
            Some(keep) => {
                let mut total = 0u64;
                let mut rows = Vec::new();
                for &i in candidates {
                    let r = &self.rows[i];
                    if keep(&r.wire) {
                        if total as usize >= skip && rows.len() < limit as usize {
                            rows.push(r);
                        }
                        total += 1;
                    }
                }
                (total, rows)
            }
        }
    }
}

/// Writes `{"data":[...],"page":P,"limit":L,"total":T}`, breaking malformed rows on the way.
pub fn page_json<T: Serialize>(rows: &[&Row<T>], page: u32, limit: u32, total: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + rows.len() * 900);
    out.extend_from_slice(b"{\"data\":[");
    for (n, r) in rows.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        match r.malformed {
            None => {
                let _ = serde_json::to_writer(&mut out, &r.wire);
            }
            Some(m) => {
                let mut v = serde_json::to_value(&r.wire).unwrap_or_default();
                m.apply(&mut v);
                let _ = serde_json::to_writer(&mut out, &v);
            }
        }
    }
    out.extend_from_slice(
        format!("],\"page\":{page},\"limit\":{limit},\"total\":{total}}}").as_bytes(),
    );
    out
}

/// A list answer for `paging` over `table`, and how many records it carries.
pub fn list_reply<T: Keyed + Serialize>(
    table: &Table<T>,
    paging: super::http::Paging,
    keep: Option<&dyn Fn(&T) -> bool>,
) -> (super::http::Reply, usize) {
    let (total, rows) = table.page(paging.since_ms, paging.page, paging.limit, keep);
    let body = page_json(&rows, paging.page, paging.limit, total);
    (super::http::Reply::raw_json(200, body), rows.len())
}

/// `GET` of the merchant's `T`s on `m`, a page at a time; page 1 of a
/// churning sandbox first moves them on a step (`churn_now`).
pub fn list_mine<T: Listing>(
    shared: &Shared,
    req: &super::http::Req,
    m: treevu_domain::Marketplace,
    churn_now: impl FnOnce(&Shared),
) -> super::http::Reply {
    let p = match super::http::paging(req) {
        Ok(p) => p,
        Err(r) => return r,
    };
    if shared.opts.churn && p.page == 1 {
        churn_now(shared);
    }
    let (reply, n) = list_reply(T::mine(&read(&shared.data)), p, None);
    shared.count_listings(m, n);
    reply
}

/// `Keyed` for wire records that carry an `id`.
macro_rules! keyed {
    ($($t:ty),+ $(,)?) => {$(
        impl $crate::table::Keyed for $t {
            fn id(&self) -> &str {
                &self.id
            }
        }
    )+};
}
pub(crate) use keyed;

/// A merchant's listing type: [`Keyed`], [`Listing`] and [`Churnable`](crate::churn::Churnable),
/// all from its fields. `what` names it in a 404, `mine` is the merchant's table of it,
/// `contacts` the counter churn's contacts go to, `closed` the status it ends in when it
/// finds a buyer or tenant.
macro_rules! listing {
    ($t:ty, what: $what:literal, mine: $($table:ident).+, counters: $($seq:ident).+,
     contacts: $contacts:ident, closed: |$l:ident| $closed:expr $(,)?) => {
        $crate::table::keyed!($t);

        impl $crate::table::Listing for $t {
            const WHAT: &'static str = $what;
            fn mine(d: &$crate::server::Data) -> &$crate::table::Table<Self> {
                &d.$($table).+
            }
            fn mine_mut(d: &mut $crate::server::Data) -> &mut $crate::table::Table<Self> {
                &mut d.$($table).+
            }
            fn counters(d: &mut $crate::server::Data) -> &mut $crate::churn::Counters {
                &mut d.$($seq).+
            }
            fn restamp(&mut self, old: &Self, updated_at: String) {
                self.id = old.id.clone();
                self.created_at = old.created_at.clone();
                self.updated_at = updated_at;
            }
        }

        impl $crate::churn::Churnable for $t {
            fn add_engagement(&mut self, views: u64, contacts: u64, favorites: u64) {
                self.views += views;
                self.$contacts += contacts;
                self.favorites += favorites;
            }
            fn price(&self) -> f64 {
                self.price
            }
            fn set_price(&mut self, price: f64) {
                self.price = price;
            }
            fn closed_status(&self) -> treevu_domain::wire::ListingStatus {
                let $l = self;
                $closed
            }
            fn status(&self) -> treevu_domain::wire::ListingStatus {
                self.status
            }
            fn set_status(&mut self, s: treevu_domain::wire::ListingStatus) {
                self.status = s;
            }
            fn set_updated_at(&mut self, ts: String) {
                self.updated_at = ts;
            }
            fn set_created_at(&mut self, ts: String) {
                self.created_at = ts;
            }
        }
    };
}
pub(crate) use listing;

/// A merchant's listing that `PUT` may replace; see [`listing!`] for the impls.
pub trait Listing: Keyed + Serialize + DeserializeOwned + Sized {
    /// How a 404 names it: `listing`, `property`, `vehicle`.
    const WHAT: &'static str;
    fn mine(d: &Data) -> &Table<Self>;
    fn mine_mut(d: &mut Data) -> &mut Table<Self>;
    /// The counters new records of this kind take their `seq` (and so their id) from.
    fn counters(d: &mut Data) -> &mut crate::churn::Counters;
    /// Keeps `old`'s id and creation time, and takes `updated_at`.
    fn restamp(&mut self, old: &Self, updated_at: String);
}

/// `POST /{listings}`: the checked `changes` over `base(seq, now)` (the next sequence
/// number and the creation time), stored and answered 201.
pub fn create<T: Listing>(
    shared: &Shared,
    changes: Map<String, Value>,
    base: impl FnOnce(u64, String) -> T,
) -> Reply {
    let now = shared.now_ms();
    let mut data = write(&shared.data);
    let counter = &mut T::counters(&mut data).next_seq;
    let seq = *counter;
    *counter += 1;
    match merge(&base(seq, timestamp_ms(now)), changes) {
        Ok(l) => {
            let reply = Reply::json(201, &l);
            let table = T::mine_mut(&mut data);
            table.push(Row {
                wire: l,
                updated_ms: now,
                malformed: None,
                seq,
                appeal: None,
            });
            table.resort();
            reply
        }
        Err(r) => r,
    }
}

/// `PUT /{listings}/{id}`: an unknown id is a 404 whatever the body says; then the
/// body's checks (`changes`), then the merge into the stored record.
pub fn put<T: Listing>(
    shared: &Shared,
    id: &str,
    changes: impl FnOnce() -> Result<Map<String, Value>, Reply>,
) -> Reply {
    if T::mine(&read(&shared.data)).get(id).is_none() {
        return Reply::not_found(T::WHAT, id);
    }
    let changes = match changes() {
        Ok(c) => c,
        Err(r) => return r,
    };
    update::<T>(shared, id, |l| merge(l, changes))
}

/// Replaces a listing by what `f` makes of it, bumping `updatedAt`; a change that fixes
/// a record also stops serving it broken.
pub fn update<T: Listing>(
    shared: &Shared,
    id: &str,
    f: impl FnOnce(&T) -> Result<T, Reply>,
) -> Reply {
    let now = shared.now_ms();
    let mut data = write(&shared.data);
    let table = T::mine_mut(&mut data);
    let Some(row) = table.get_mut(id) else {
        return Reply::not_found(T::WHAT, id);
    };
    let mut l = match f(&row.wire) {
        Ok(l) => l,
        Err(r) => return r,
    };
    l.restamp(&row.wire, timestamp_ms(now));
    row.wire = l;
    row.updated_ms = now;
    row.malformed = None;
    let reply = Reply::json(200, &row.wire);
    table.resort();
    reply
}
