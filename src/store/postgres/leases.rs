//! Leases on account syncs across every merchant of the database (design §5):
//! workers claim due accounts with `FOR UPDATE SKIP LOCKED`, renew while they
//! work, and release or finish them; a lease not renewed expires and another
//! worker takes the account over from its stored checkpoint. Each lease has a
//! token of its own, checked by every page the holder stores
//! ([`crate::store::page::Fence`]).

use postgres::{Client, Error};

use super::{DatabaseUrl, blocking, on_server, open_client};
use crate::domain::Marketplace;
use crate::store::Result;
use crate::store::page::Fence;

/// An account's sync held by a worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    /// The merchant's name (a profile name: what `Store::open_postgres` takes).
    pub merchant: String,
    pub marketplace: Marketplace,
    pub token: i64,
}

/// A worker's control connection: claims, renewals and releases (pages are
/// stored on each run's own store handle).
pub struct Leases {
    client: Option<Client>,
    url: DatabaseUrl,
}

impl Leases {
    pub fn connect(url: &DatabaseUrl) -> Result<Leases> {
        Ok(Leases {
            client: Some(open_client(url)?),
            url: url.clone(),
        })
    }

    fn with<T>(&mut self, f: impl FnOnce(&mut Client) -> Result<T, Error>) -> Result<T> {
        let client = self.client.as_mut().expect("open until dropped");
        on_server(&self.url, client, f)
    }

    /// Up to `limit` due accounts, leased to `owner` for `ttl_secs`, longest
    /// due first. Accounts held by an unexpired lease, or waiting for the
    /// merchant to reconnect, are left; two claimers never wait on each other.
    pub fn claim(&mut self, owner: &str, limit: u32, ttl_secs: i64) -> Result<Vec<Lease>> {
        let rows = self.with(|c| {
            c.query(
                "WITH due AS ( \
                   SELECT s.merchant_id, s.marketplace FROM sync_schedule s \
                   JOIN accounts a USING (merchant_id, marketplace) \
                   WHERE s.next_due_at <= now() \
                     AND (s.lease_expires_at IS NULL OR s.lease_expires_at < now()) \
                     AND a.needs_reconnect = 0 \
                   ORDER BY s.next_due_at LIMIT $1 FOR UPDATE OF s SKIP LOCKED) \
                 UPDATE sync_schedule s SET lease_owner = $2, lease_token = nextval('lease_tokens'), \
                   lease_expires_at = now() + make_interval(secs => $3) \
                 FROM due, merchants m \
                 WHERE (s.merchant_id, s.marketplace) = (due.merchant_id, due.marketplace) AND m.id = s.merchant_id \
                 RETURNING m.name, s.marketplace, s.lease_token",
                &[&i64::from(limit), &owner, &(ttl_secs as f64)],
            )
        })?;
        Ok(rows
            .iter()
            .map(|r| Lease {
                merchant: r.get(0),
                marketplace: super::marketplace(r, 1),
                token: r.get(2),
            })
            .collect())
    }

    /// Extends `owner`'s leases by `ttl_secs`; the tokens still held (a
    /// missing one was taken over: its run must stop).
    pub fn renew(&mut self, owner: &str, tokens: &[i64], ttl_secs: i64) -> Result<Vec<i64>> {
        let rows = self.with(|c| {
            c.query(
                "UPDATE sync_schedule SET lease_expires_at = now() + make_interval(secs => $3) \
                 WHERE lease_owner = $1 AND lease_token = ANY($2) RETURNING lease_token",
                &[&owner, &tokens, &(ttl_secs as f64)],
            )
        })?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    /// Ends `lease`: the account is due again in `next_in_secs`, or, with
    /// `None`, when it was (a run stopped before it finished: another worker
    /// continues at once). False when the lease was no longer held.
    pub fn finish(
        &mut self,
        lease: &Lease,
        next_in_secs: Option<i64>,
        error: Option<&str>,
    ) -> Result<bool> {
        let done = self.with(|c| {
            c.execute(
                "UPDATE sync_schedule s SET lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL, \
                   next_due_at = CASE WHEN $3::float8 IS NULL THEN s.next_due_at ELSE now() + make_interval(secs => $3) END, \
                   attempts = CASE WHEN $4::text IS NULL THEN 0 ELSE s.attempts + 1 END, last_error = $4 \
                 FROM merchants m WHERE m.id = s.merchant_id AND m.name = $1 AND s.marketplace = $2 AND s.lease_token = $5",
                &[
                    &lease.merchant,
                    &lease.marketplace.as_str(),
                    &next_in_secs.map(|s| s as f64),
                    &error,
                    &lease.token,
                ],
            )
        })?;
        Ok(done == 1)
    }
}

/// Closing the connection blocks on the driver's runtime (see `PgEngine`'s `Drop`).
impl Drop for Leases {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            blocking(|| drop(client));
        }
    }
}

/// In a page's transaction: renews the page's lease, if it is still the
/// account's; false when another worker holds the account now.
pub(super) fn renew_for_page(
    c: &mut Client,
    merchant: i64,
    m: Marketplace,
    f: Fence,
) -> Result<bool, Error> {
    let n = c.execute(
        "UPDATE sync_schedule SET lease_expires_at = now() + make_interval(secs => $4) \
         WHERE merchant_id = $1 AND marketplace = $2 AND lease_token = $3",
        &[&merchant, &m.as_str(), &f.token, &(f.ttl_secs as f64)],
    )?;
    Ok(n == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::accounts::Account;
    use crate::store::listings::tests::sample;
    use crate::store::page::{PageItem, PageWrite};
    use crate::store::store_tests::fresh_database;
    use crate::store::{Store, StoreError};

    fn database(test: &str) -> Option<DatabaseUrl> {
        fresh_database(&format!("treevu_l_{}_{test}", std::process::id()))
    }

    /// `merchants` with an OLX account each; their stores.
    fn merchants(url: &DatabaseUrl, names: &[&str]) -> Vec<Store> {
        names
            .iter()
            .map(|name| {
                let s = Store::open_postgres(url, name).unwrap();
                s.upsert_account(&Account {
                    marketplace: Marketplace::Olx,
                    remote_user_id: format!("u-{name}"),
                    display_name: None,
                    connected_at: "t".into(),
                    last_sync_at: None,
                    secret_store: "database".into(),
                    secret_ref: format!("olx:{name}"),
                    needs_reconnect: false,
                    scopes: None,
                })
                .unwrap();
                s
            })
            .collect()
    }

    fn page(s: &Store, id: &str) -> Result<(), StoreError> {
        let run_id = s.start_run(Marketplace::Olx, true, "t0").unwrap();
        let rec = sample(id, 100);
        let items = [PageItem::Good(&rec)];
        s.write_page(&PageWrite {
            marketplace: Marketplace::Olx,
            run_id,
            now: "t1",
            items: &items,
            checkpoint: "{}",
            counts: Default::default(),
        })
        .map(|_| ())
    }

    #[test]
    fn claimers_never_share_an_account_and_a_finished_one_waits_for_its_cadence() {
        let Some(url) = database("claim") else { return };
        let stores = merchants(&url, &["ana", "beto", "caro"]);
        let (mut a, mut b) = (
            Leases::connect(&url).unwrap(),
            Leases::connect(&url).unwrap(),
        );
        let first = a.claim("a", 2, 60).unwrap();
        let second = b.claim("b", 5, 60).unwrap();
        assert_eq!((first.len(), second.len()), (2, 1));
        let mut all: Vec<&str> = first
            .iter()
            .chain(&second)
            .map(|l| l.merchant.as_str())
            .collect();
        all.sort();
        assert_eq!(all, ["ana", "beto", "caro"], "each account once");
        assert!(
            b.claim("b", 5, 60).unwrap().is_empty(),
            "nothing left to claim"
        );
        // Done: due again after its cadence. Released unfinished: due at once.
        assert!(a.finish(&first[0], Some(6 * 3600), None).unwrap());
        assert!(a.finish(&first[1], None, None).unwrap());
        let again = b.claim("b", 5, 60).unwrap();
        assert_eq!(
            again.iter().map(|l| &l.merchant).collect::<Vec<_>>(),
            [&first[1].merchant]
        );
        assert!(
            !a.finish(&first[1], None, None).unwrap(),
            "a lease given up is not the holder's any more"
        );
        // An account waiting for its merchant to reconnect is not claimed.
        assert!(b.finish(&second[0], None, None).unwrap());
        let names = ["ana", "beto", "caro"];
        let at = names.iter().position(|n| *n == second[0].merchant).unwrap();
        stores[at]
            .set_needs_reconnect(Marketplace::Olx, true)
            .unwrap();
        assert!(a.claim("a", 5, 60).unwrap().is_empty());
    }

    #[test]
    fn an_abandoned_lease_expires_to_another_worker_and_the_stale_workers_page_is_refused() {
        let Some(url) = database("expire") else {
            return;
        };
        let stores = merchants(&url, &["ana"]);
        let mut dead = Leases::connect(&url).unwrap();
        let lease = dead.claim("dead", 1, 1).unwrap().remove(0);
        let stale = &stores[0];
        stale
            .fence(Some(Fence {
                token: lease.token,
                ttl_secs: 1,
            }))
            .unwrap();
        page(stale, "a1").unwrap();
        let mut alive = Leases::connect(&url).unwrap();
        assert!(
            alive.claim("alive", 1, 60).unwrap().is_empty(),
            "held while renewed"
        );
        std::thread::sleep(std::time::Duration::from_millis(1500));
        let taken = alive.claim("alive", 1, 60).unwrap().remove(0);
        assert_eq!(
            (taken.merchant.as_str(), taken.marketplace),
            ("ana", Marketplace::Olx)
        );
        assert_ne!(taken.token, lease.token);
        // The stale worker wakes up: its page and renewal are refused, nothing stored.
        let err = page(stale, "a2").unwrap_err();
        assert!(matches!(err, StoreError::LeaseLost { .. }), "{err}");
        assert!(dead.renew("dead", &[lease.token], 60).unwrap().is_empty());
        assert_eq!(stale.listing(Marketplace::Olx, "a2").unwrap(), None);
        // The new holder stores on, and renews.
        let fresh = Store::open_postgres(&url, "ana").unwrap();
        fresh
            .fence(Some(Fence {
                token: taken.token,
                ttl_secs: 60,
            }))
            .unwrap();
        page(&fresh, "a2").unwrap();
        assert_eq!(
            alive.renew("alive", &[taken.token], 60).unwrap(),
            [taken.token]
        );
        assert!(
            fresh.listing(Marketplace::Olx, "a1").unwrap().is_some(),
            "the dead worker's stored page stays"
        );
    }
}
