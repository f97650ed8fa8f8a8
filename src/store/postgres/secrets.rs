//! The `secrets` table: sealed rows only. Sealing and opening (and the
//! operator key) are `auth::secrets::database`'s; nothing here sees a
//! plaintext secret.

use std::sync::Mutex;

use postgres::Client;

use super::{DatabaseUrl, bind_merchant, on_server, open_client};
use crate::store::{Result, StoreError};

/// One stored secret as the table holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedRow {
    pub merchant_id: i64,
    pub name: String,
    /// The fingerprint of the operator key it is sealed under.
    pub key_id: String,
    pub nonce: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

/// What storing a row found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Put {
    Stored,
    /// Some row of the database is under this other key: nothing was stored,
    /// so one database never mixes keys.
    OtherKey(String),
}

/// The secrets of one merchant of a PostgreSQL database.
pub struct SecretRows {
    /// A `Mutex`: a secret store is shared across threads.
    client: Mutex<Client>,
    url: DatabaseUrl,
    merchant: i64,
}

fn with_client<T>(
    client: &Mutex<Client>,
    url: &DatabaseUrl,
    f: impl FnOnce(&mut Client) -> std::result::Result<T, postgres::Error>,
) -> Result<T> {
    let mut client = client.lock().unwrap_or_else(|p| p.into_inner());
    on_server(url, &mut client, f)
}

fn sealed(r: &postgres::Row) -> SealedRow {
    SealedRow {
        merchant_id: r.get(0),
        name: r.get(1),
        key_id: r.get(2),
        nonce: r.get(3),
        ciphertext: r.get(4),
    }
}

impl SecretRows {
    /// Connects (bringing the schema up to date) as `merchant`, created on first use.
    pub fn connect(url: &DatabaseUrl, merchant: &str) -> Result<SecretRows> {
        let client = Mutex::new(open_client(url)?);
        let merchant = with_client(&client, url, |c| bind_merchant(c, merchant))?;
        Ok(SecretRows {
            client,
            url: url.clone(),
            merchant,
        })
    }

    pub fn merchant_id(&self) -> i64 {
        self.merchant
    }

    pub fn location(&self) -> String {
        self.url.to_string()
    }

    pub fn get(&self, name: &str) -> Result<Option<SealedRow>> {
        let row = with_client(&self.client, &self.url, |c| {
            c.query_opt(
                "SELECT merchant_id, name, key_id, nonce, ciphertext FROM secrets \
                 WHERE merchant_id = $1 AND name = $2",
                &[&self.merchant, &name],
            )
        })?;
        Ok(row.as_ref().map(sealed))
    }

    /// Stores `row` (this merchant's, whatever its `merchant_id` says)
    /// unless another row of the database is under another key.
    pub fn put(&self, row: &SealedRow, now: &str) -> Result<Put> {
        with_client(&self.client, &self.url, |c| {
            let mut tx = c.transaction()?;
            // The write first: it waits for a rotation in progress (which
            // locks the table), so the check below sees the rotated keys.
            tx.execute(
                "INSERT INTO secrets (merchant_id, name, key_id, nonce, ciphertext, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (merchant_id, name) DO UPDATE SET \
                 key_id = excluded.key_id, nonce = excluded.nonce, ciphertext = excluded.ciphertext, \
                 updated_at = excluded.updated_at",
                &[
                    &self.merchant,
                    &row.name,
                    &row.key_id,
                    &row.nonce,
                    &row.ciphertext,
                    &now,
                ],
            )?;
            let other = tx.query_opt(
                "SELECT key_id FROM secrets WHERE key_id <> $1 LIMIT 1",
                &[&row.key_id],
            )?;
            match other {
                Some(r) => {
                    tx.rollback()?;
                    Ok(Put::OtherKey(r.get(0)))
                }
                None => {
                    tx.commit()?;
                    Ok(Put::Stored)
                }
            }
        })
    }

    /// True when there was a row.
    pub fn delete(&self, name: &str) -> Result<bool> {
        let n = with_client(&self.client, &self.url, |c| {
            c.execute(
                "DELETE FROM secrets WHERE merchant_id = $1 AND name = $2",
                &[&self.merchant, &name],
            )
        })?;
        Ok(n > 0)
    }
}

/// Replaces every row of the database (every merchant's) by what `reseal`
/// makes of it (`None`: left as it is), in one transaction that holds the
/// table against writers; an error from `reseal` rolls all of it back.
/// Returns how many rows were replaced and how many there were.
pub fn reseal_all<E: From<StoreError>>(
    url: &DatabaseUrl,
    mut reseal: impl FnMut(&SealedRow) -> std::result::Result<Option<SealedRow>, E>,
) -> std::result::Result<(u64, u64), E> {
    let client = Mutex::new(open_client(url)?);
    let mut outcome: std::result::Result<(), E> = Ok(());
    let counts = with_client(&client, url, |c| {
        let mut tx = c.transaction()?;
        tx.batch_execute("LOCK TABLE secrets IN SHARE ROW EXCLUSIVE MODE")?;
        let rows = tx.query(
            "SELECT merchant_id, name, key_id, nonce, ciphertext FROM secrets ORDER BY merchant_id, name",
            &[],
        )?;
        let mut replaced = 0;
        for r in &rows {
            let row = sealed(r);
            match reseal(&row) {
                Ok(None) => {}
                Ok(Some(new)) => {
                    tx.execute(
                        "UPDATE secrets SET key_id = $3, nonce = $4, ciphertext = $5 \
                         WHERE merchant_id = $1 AND name = $2",
                        &[
                            &row.merchant_id,
                            &row.name,
                            &new.key_id,
                            &new.nonce,
                            &new.ciphertext,
                        ],
                    )?;
                    replaced += 1;
                }
                Err(e) => {
                    outcome = Err(e);
                    tx.rollback()?;
                    return Ok((0, 0));
                }
            }
        }
        tx.commit()?;
        Ok((replaced, rows.len() as u64))
    })?;
    outcome.map(|()| counts)
}
