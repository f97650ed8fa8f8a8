//! The merchants of a PostgreSQL database, for operators: not bound to one
//! merchant as [`super::PgEngine`] is. A merchant is what a profile is on
//! SQLite, so there is nothing of this on that engine.

use std::cell::RefCell;

use postgres::Client;

use super::{DatabaseUrl, on_server, open_client};
use crate::store::{Result, TABLES};

/// One merchant as `merchants list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MerchantSummary {
    pub name: String,
    /// Connected marketplace accounts.
    pub accounts: u64,
    /// The latest successful sync of any of its accounts.
    pub last_sync_at: Option<String>,
    pub created_at: String,
}

/// The rows a removal deleted, per table of [`TABLES`] that carries the
/// merchant's id (those with none left out).
pub type RemovedRows = Vec<(&'static str, u64)>;

/// A database-wide handle over the `merchants` table.
pub struct Merchants {
    /// `RefCell`: used from one thread, one call at a time (as the engine's client).
    client: RefCell<Client>,
    url: DatabaseUrl,
}

impl Merchants {
    /// Connects and brings the schema up to date, as the engine does.
    pub fn connect(url: &DatabaseUrl) -> Result<Merchants> {
        Ok(Merchants {
            client: RefCell::new(open_client(url)?),
            url: url.clone(),
        })
    }

    pub(super) fn with<T>(
        &self,
        f: impl FnOnce(&mut Client) -> std::result::Result<T, postgres::Error>,
    ) -> Result<T> {
        on_server(&self.url, &mut self.client.borrow_mut(), f)
    }

    /// Every merchant by name, with its accounts counted.
    pub fn list_merchants(&self) -> Result<Vec<MerchantSummary>> {
        let rows = self.with(|c| {
            c.query(
                "SELECT m.name, count(a.marketplace), max(a.last_sync_at), m.created_at \
                 FROM merchants m LEFT JOIN accounts a ON a.merchant_id = m.id \
                 GROUP BY m.id ORDER BY m.name",
                &[],
            )
        })?;
        Ok(rows
            .iter()
            .map(|r| MerchantSummary {
                name: r.get(0),
                accounts: r.get::<_, i64>(1).max(0) as u64,
                last_sync_at: r.get(2),
                created_at: r.get(3),
            })
            .collect())
    }

    /// Adds a merchant created at `now`; `false` when one of that name exists
    /// (the name's rules are the table's `CHECK`, as for profile names).
    pub fn add_merchant(&self, name: &str, now: &str) -> Result<bool> {
        let added = self.with(|c| {
            c.execute(
                "INSERT INTO merchants (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
                &[&name, &now],
            )
        })?;
        Ok(added == 1)
    }

    /// Deletes the merchant and every row of it (the schema's `ON DELETE
    /// CASCADE`) in one transaction, counting first what goes; `None` when
    /// there is no merchant of that name.
    pub fn remove_merchant(&self, name: &str) -> Result<Option<RemovedRows>> {
        self.with(|c| {
            let mut tx = c.transaction()?;
            // The lock keeps a worker from adding rows between counting and deleting.
            let Some(row) = tx.query_opt(
                "SELECT id FROM merchants WHERE name = $1 FOR UPDATE",
                &[&name],
            )?
            else {
                return Ok(None);
            };
            let id: i64 = row.get(0);
            // The tables that carry the merchant; the rest (price history,
            // twins, delists...) hang off its listings and go with them.
            let owned: Vec<String> = tx
                .query(
                    "SELECT table_name::text FROM information_schema.columns \
                     WHERE column_name = 'merchant_id' AND table_schema = current_schema()",
                    &[],
                )?
                .iter()
                .map(|r| r.get(0))
                .collect();
            let mut removed = Vec::new();
            for table in TABLES.iter().filter(|t| owned.iter().any(|o| o == *t)) {
                let n: i64 = tx
                    .query_one(
                        &format!("SELECT count(*) FROM {table} WHERE merchant_id = $1"),
                        &[&id],
                    )?
                    .get(0);
                if n > 0 {
                    removed.push((*table, n as u64));
                }
            }
            tx.execute("DELETE FROM merchants WHERE id = $1", &[&id])?;
            tx.commit()?;
            Ok(Some(removed))
        })
    }
}
