//! Connected marketplace accounts. Never a secret: only where it is kept.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::Result;
use crate::domain::Marketplace;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub marketplace: Marketplace,
    pub remote_user_id: String,
    pub display_name: Option<String>,
    pub connected_at: String,
    pub last_sync_at: Option<String>,
    pub secret_store: String,
    pub secret_ref: String,
    pub needs_reconnect: bool,
    pub scopes: Option<String>,
}

const COLUMNS: &str = "marketplace, remote_user_id, display_name, connected_at, last_sync_at, secret_store, secret_ref, needs_reconnect, scopes";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Account> {
    let m: String = r.get(0)?;
    Ok(Account {
        marketplace: m.parse().map_err(|e: crate::domain::UnknownMarketplace| {
            rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Text,
                e.to_string().into(),
            )
        })?,
        remote_user_id: r.get(1)?,
        display_name: r.get(2)?,
        connected_at: r.get(3)?,
        last_sync_at: r.get(4)?,
        secret_store: r.get(5)?,
        secret_ref: r.get(6)?,
        needs_reconnect: r.get(7)?,
        scopes: r.get(8)?,
    })
}

pub fn get(conn: &Connection, m: Marketplace) -> Result<Option<Account>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM accounts WHERE marketplace = ?1"),
            [m.as_str()],
            row,
        )
        .optional()?)
}

pub fn list(conn: &Connection) -> Result<Vec<Account>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM accounts ORDER BY marketplace"
    ))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records a (re)connected account; reconnecting clears `needs_reconnect`.
pub fn upsert(conn: &Connection, a: &Account) -> Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO accounts ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (marketplace) DO UPDATE SET \
             remote_user_id = ?2, display_name = ?3, connected_at = ?4, secret_store = ?6, secret_ref = ?7, needs_reconnect = ?8, \
             scopes = ?9"
        ),
        params![
            a.marketplace.as_str(),
            a.remote_user_id,
            a.display_name,
            a.connected_at,
            a.last_sync_at,
            a.secret_store,
            a.secret_ref,
            a.needs_reconnect,
            a.scopes
        ],
    )?;
    Ok(())
}

pub fn set_needs_reconnect(conn: &Connection, m: Marketplace, value: bool) -> Result<()> {
    conn.execute(
        "UPDATE accounts SET needs_reconnect = ?2 WHERE marketplace = ?1",
        params![m.as_str(), value],
    )?;
    Ok(())
}

/// When the account's last sync succeeded.
pub fn set_last_sync_at(conn: &Connection, m: Marketplace, at: &str) -> Result<()> {
    conn.execute(
        "UPDATE accounts SET last_sync_at = ?2 WHERE marketplace = ?1",
        params![m.as_str(), at],
    )?;
    Ok(())
}

pub fn remove(conn: &Connection, m: Marketplace) -> Result<bool> {
    Ok(conn.execute("DELETE FROM accounts WHERE marketplace = ?1", [m.as_str()])? > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    store_tests! {
        fn accounts_round_trip_and_reconnect_clears_the_flag(fx: &Fixture) {
            let s = fx.open();
            let mut a = Account {
                marketplace: Marketplace::Olx,
                remote_user_id: "u1".into(),
                display_name: Some("Ana".into()),
                connected_at: "t".into(),
                last_sync_at: None,
                secret_store: "keyring".into(),
                secret_ref: "treevu / olx:default".into(),
                needs_reconnect: false,
                scopes: None,
            };
            s.upsert_account(&a).unwrap();
            s.set_needs_reconnect(Marketplace::Olx, true).unwrap();
            assert!(s.account(Marketplace::Olx).unwrap().unwrap().needs_reconnect);
            a.connected_at = "t2".into();
            s.upsert_account(&a).unwrap();
            assert_eq!(s.account(Marketplace::Olx).unwrap().unwrap(), a);
            s.set_last_sync_at(Marketplace::Olx, "t3").unwrap();
            assert_eq!(
                s.accounts().unwrap()[0].last_sync_at.as_deref(),
                Some("t3")
            );
            assert!(s.remove_account(Marketplace::Olx).unwrap());
            assert!(s.accounts().unwrap().is_empty());
        }
    }
}
