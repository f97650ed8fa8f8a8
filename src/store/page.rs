//! One page of a sync run, stored at once: its listings (new, updated or
//! unchanged, by [`super::listings::classify`]), its quarantined records,
//! the run's checkpoint and counts, in one transaction on every engine.

use rusqlite::Connection;

use super::Result;
use super::listings::{self, ListingRecord, Upsert};
use super::sync::{self as runs, RunCounts};
use crate::domain::Marketplace;

/// A record validation set aside, as a page stores it.
pub struct BadRecord<'a> {
    /// The record's id, or a stable name for one that came without.
    pub remote_id: &'a str,
    /// It came with its id: a stored good version stays, seen now.
    pub had_id: bool,
    pub reason: &'a str,
    pub payload: &'a str,
}

/// A page's records in the order the marketplace sent them.
pub enum PageItem<'a> {
    Good(&'a ListingRecord),
    Bad(BadRecord<'a>),
}

pub struct PageWrite<'a> {
    pub marketplace: Marketplace,
    pub run_id: i64,
    pub now: &'a str,
    pub items: &'a [PageItem<'a>],
    /// The run's resume point once this page is stored (JSON).
    pub checkpoint: &'a str,
    /// The run's counts before this page.
    pub counts: RunCounts,
}

/// The lease a handle stores an account's pages under: its token (checked
/// by every page) and how long each page renews it for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fence {
    pub token: i64,
    pub ttl_secs: i64,
}

/// What storing a page did.
#[derive(Debug, Clone, PartialEq)]
pub struct PageOutcome {
    /// The run's counts with this page, as stored with it.
    pub counts: RunCounts,
    /// What became of each good record, in order.
    pub upserts: Vec<Upsert>,
}

impl PageWrite<'_> {
    /// The run's counts once `upserts` (one per good record) are stored: the
    /// one tally every engine stores.
    pub fn tally(&self, upserts: Vec<Upsert>) -> PageOutcome {
        let mut counts = self.counts;
        counts.fetched += self.items.len() as u64;
        counts.quarantined += self
            .items
            .iter()
            .filter(|i| matches!(i, PageItem::Bad(_)))
            .count() as u64;
        for u in &upserts {
            match u {
                Upsert::New => counts.new += 1,
                Upsert::Updated { .. } => counts.updated += 1,
                Upsert::Unchanged => counts.unchanged += 1,
            }
        }
        PageOutcome { counts, upserts }
    }
}

/// [`PageWrite`] on SQLite, inside the caller's transaction.
pub(super) fn write_sqlite(conn: &Connection, page: &PageWrite<'_>) -> Result<PageOutcome> {
    let m = page.marketplace;
    let mut upserts = Vec::new();
    for item in page.items {
        match item {
            PageItem::Good(rec) => {
                upserts.push(listings::upsert(conn, rec, page.now)?);
                runs::release_from_quarantine(conn, m, &rec.remote_id)?;
            }
            PageItem::Bad(bad) => {
                if bad.had_id {
                    // A listing stored earlier is still at the marketplace, only its latest
                    // version is bad: keep the good copy and don't let a full sync think it vanished.
                    listings::mark_seen(conn, m, bad.remote_id, page.now)?;
                }
                runs::quarantine(
                    conn,
                    m,
                    bad.remote_id,
                    bad.reason,
                    bad.payload,
                    Some(page.run_id),
                    page.now,
                )?;
            }
        }
    }
    let mut state = runs::sync_state(conn, m)?;
    state.checkpoint = Some(page.checkpoint.to_string());
    runs::save_sync_state(conn, m, &state)?;
    let outcome = page.tally(upserts);
    // With the page: a run that never finishes (kill, power cut) still shows what it stored.
    runs::save_run_counts(conn, page.run_id, &outcome.counts)?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Currency, Money};
    use crate::store::listings::tests::sample;
    use crate::store::sync::Outcome;

    fn page<'a>(
        run_id: i64,
        now: &'a str,
        items: &'a [PageItem<'a>],
        counts: RunCounts,
    ) -> PageWrite<'a> {
        PageWrite {
            marketplace: Marketplace::Olx,
            run_id,
            now,
            items,
            checkpoint: "{\"pagesDone\":[1]}",
            counts,
        }
    }

    store_tests! {
        fn a_page_counts_new_updated_unchanged_and_quarantined_and_keeps_its_checkpoint(fx: &Fixture) {
            let s = fx.open();
            let run = s.start_run(Marketplace::Olx, true, "t0").unwrap();
            let (a, b) = (sample("a1", 50_000_000), sample("b1", 70_000_000));
            let bad = BadRecord {
                remote_id: "c1",
                had_id: true,
                reason: "price must be > 0",
                payload: "{}",
            };
            let first = [PageItem::Good(&a), PageItem::Bad(bad), PageItem::Good(&b)];
            let out = s.write_page(&page(run, "t1", &first, RunCounts::default())).unwrap();
            assert_eq!(out.upserts, [Upsert::New, Upsert::New]);
            assert_eq!(
                (out.counts.fetched, out.counts.new, out.counts.quarantined),
                (3, 2, 1)
            );
            // The same page again, one price lower: one update, one unchanged.
            let mut cheaper = a.clone();
            cheaper.price = Money::from_minor(48_000_000, Currency::PEN);
            let second = [PageItem::Good(&cheaper), PageItem::Good(&b)];
            let out = s.write_page(&page(run, "t2", &second, out.counts)).unwrap();
            assert_eq!(
                out.upserts,
                [
                    Upsert::Updated {
                        price_changed: true,
                        engagement_changed: false,
                        contacts_grew: false
                    },
                    Upsert::Unchanged
                ]
            );
            assert_eq!(
                (out.counts.fetched, out.counts.new, out.counts.updated, out.counts.unchanged),
                (5, 2, 1, 1)
            );
            // The run shows the page's counts, the account its checkpoint.
            let shown = s.last_run(Marketplace::Olx).unwrap().unwrap();
            assert_eq!((shown.outcome, shown.counts), (Outcome::Running, out.counts));
            assert_eq!(
                s.sync_state(Marketplace::Olx).unwrap().checkpoint.as_deref(),
                Some("{\"pagesDone\":[1]}")
            );
        }

        fn a_stored_page_reads_back_field_for_field_and_keeps_a_last_contact_the_record_lacks(fx: &Fixture) {
            let s = fx.open();
            let run = s.start_run(Marketplace::Olx, true, "t0").unwrap();
            let mut a = sample("a1", 50_000_000);
            a.last_contact_at = Some("2026-11-30T10:00:00.000Z".into());
            a.district = None;
            a.area_m2 = Some(84.5);
            let b = sample("b1", 70_000_000);
            let items = [PageItem::Good(&a), PageItem::Good(&b)];
            s.write_page(&page(run, "t1", &items, RunCounts::default())).unwrap();
            assert_eq!(s.listing(Marketplace::Olx, "a1").unwrap().unwrap().record, a);
            assert!(s.mark_unseen_removed(Marketplace::Olx, "t2", "t2").unwrap() >= 1);
            // Seen again with more views, no last contact and a new title.
            let mut again = a.clone();
            again.views += 5;
            again.title = "Departamento con vista al mar".into();
            again.last_contact_at = None;
            let items = [PageItem::Good(&again), PageItem::Good(&b)];
            s.write_page(&page(run, "t3", &items, RunCounts::default())).unwrap();
            let shown = s.listing(Marketplace::Olx, "a1").unwrap().unwrap();
            assert_eq!(shown.record.title, "Departamento con vista al mar");
            assert_eq!(shown.record.views, a.views + 5);
            assert_eq!(shown.record.area_m2, Some(84.5));
            assert_eq!(shown.record.district, None);
            assert_eq!(
                shown.record.last_contact_at.as_deref(),
                Some("2026-11-30T10:00:00.000Z"),
                "a record without a last contact keeps the stored one"
            );
            assert_eq!((shown.first_seen_at.as_str(), shown.last_seen_at.as_str()), ("t1", "t3"));
            assert_eq!(shown.removed_at, None, "seen again: no longer removed");
        }

        fn a_page_naming_a_listing_twice_stores_it_once_the_second_seen_as_an_update(fx: &Fixture) {
            let s = fx.open();
            let run = s.start_run(Marketplace::Olx, true, "t0").unwrap();
            let a = sample("a1", 50_000_000);
            let mut cheaper = a.clone();
            cheaper.price = Money::from_minor(45_000_000, Currency::PEN);
            let items = [PageItem::Good(&a), PageItem::Good(&cheaper)];
            let out = s.write_page(&page(run, "t1", &items, RunCounts::default())).unwrap();
            assert_eq!(out.upserts[0], Upsert::New);
            assert!(
                matches!(out.upserts[1], Upsert::Updated { price_changed: true, .. }),
                "{:?}",
                out.upserts
            );
            assert_eq!((out.counts.new, out.counts.updated), (1, 1));
            let shown = s.listing(Marketplace::Olx, "a1").unwrap().unwrap();
            assert_eq!(shown.record.price.minor, 45_000_000, "the later record wins");
        }

        fn a_page_that_fails_stores_nothing_and_moves_no_checkpoint(fx: &Fixture) {
            let s = fx.open();
            let run = s.start_run(Marketplace::Olx, true, "t0").unwrap();
            let a = sample("a1", 50_000_000);
            let items = [PageItem::Good(&a)];
            let r: Result<(), crate::store::StoreError> = s.write(|s| {
                s.write_page(&page(run, "t1", &items, RunCounts::default()))?;
                Err(crate::store::StoreError::Invalid("the disk filled".into()))
            });
            assert!(r.is_err());
            assert_eq!(s.sync_state(Marketplace::Olx).unwrap().checkpoint, None);
            assert_eq!(s.last_run(Marketplace::Olx).unwrap().unwrap().counts.fetched, 0);
            // Stored later, the listing is new: the first attempt left no row behind.
            let out = s.write_page(&page(run, "t2", &items, RunCounts::default())).unwrap();
            assert_eq!(out.upserts, [Upsert::New]);
        }
    }
}
