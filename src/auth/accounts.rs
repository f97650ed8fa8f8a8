//! The `accounts` table: who is connected and where their secret lives.
//! Never a token or key.

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::Marketplace;
use crate::store::StoreError;

#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub marketplace: Marketplace,
    pub remote_user_id: String,
    pub display_name: Option<String>,
    pub connected_at: String,
    pub secret_store: String,
    pub secret_ref: String,
    pub needs_reconnect: bool,
    pub scopes: Option<String>,
}

/// Records a (re)connection; clears `needs_reconnect`.
pub fn upsert(conn: &Connection, a: &Account) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO accounts (marketplace, remote_user_id, display_name, connected_at,
                               secret_store, secret_ref, needs_reconnect, scopes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (marketplace) DO UPDATE SET
            remote_user_id = excluded.remote_user_id, display_name = excluded.display_name,
            connected_at = excluded.connected_at, secret_store = excluded.secret_store,
            secret_ref = excluded.secret_ref, needs_reconnect = excluded.needs_reconnect,
            scopes = excluded.scopes",
        params![
            a.marketplace.as_str(),
            a.remote_user_id,
            a.display_name,
            a.connected_at,
            a.secret_store,
            a.secret_ref,
            a.needs_reconnect,
            a.scopes
        ],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, m: Marketplace) -> Result<Option<Account>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT remote_user_id, display_name, connected_at, secret_store, secret_ref,
                    needs_reconnect, scopes FROM accounts WHERE marketplace = ?1",
            [m.as_str()],
            |r| {
                Ok(Account {
                    marketplace: m,
                    remote_user_id: r.get(0)?,
                    display_name: r.get(1)?,
                    connected_at: r.get(2)?,
                    secret_store: r.get(3)?,
                    secret_ref: r.get(4)?,
                    needs_reconnect: r.get(5)?,
                    scopes: r.get(6)?,
                })
            },
        )
        .optional()?)
}

pub fn set_needs_reconnect(conn: &Connection, m: Marketplace, v: bool) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE accounts SET needs_reconnect = ?2 WHERE marketplace = ?1",
        params![m.as_str(), v],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, m: Marketplace) -> Result<bool, StoreError> {
    Ok(conn.execute("DELETE FROM accounts WHERE marketplace = ?1", [m.as_str()])? > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn upsert_flag_delete() {
        let s = Store::open_in_memory().unwrap();
        let mut a = Account {
            marketplace: Marketplace::Olx,
            remote_user_id: "u1".into(),
            display_name: Some("Ana".into()),
            connected_at: "2026-01-01T00:00:00Z".into(),
            secret_store: "keyring".into(),
            secret_ref: "treevu / olx:default".into(),
            needs_reconnect: false,
            scopes: None,
        };
        upsert(s.conn(), &a).unwrap();
        set_needs_reconnect(s.conn(), Marketplace::Olx, true).unwrap();
        assert!(
            get(s.conn(), Marketplace::Olx)
                .unwrap()
                .unwrap()
                .needs_reconnect
        );
        a.remote_user_id = "u2".into();
        upsert(s.conn(), &a).unwrap();
        let back = get(s.conn(), Marketplace::Olx).unwrap().unwrap();
        assert_eq!(back, a);
        assert!(delete(s.conn(), Marketplace::Olx).unwrap());
        assert!(get(s.conn(), Marketplace::Olx).unwrap().is_none());
    }
}
