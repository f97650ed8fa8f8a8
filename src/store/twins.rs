//! Twins: links between listings that are one item, the delists a sale on one
//! marketplace calls for on the others, conflicts, crosslists in flight, and the
//! profile's settings. Listings are named by their row id (`listings.id`).

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, params};

use super::Result;

/// One stored link, `a < b`.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRow {
    pub a: i64,
    pub b: i64,
    /// `crosslist`, `detected` or `manual`.
    pub origin: String,
    pub score: Option<f64>,
    /// JSON of the evidence, for detected links.
    pub evidence: Option<String>,
    pub created_at: String,
}

fn ordered(x: i64, y: i64) -> (i64, i64) {
    if x < y { (x, y) } else { (y, x) }
}

pub fn links(conn: &Connection) -> Result<Vec<LinkRow>> {
    let mut stmt = conn.prepare(
        "SELECT listing_a, listing_b, origin, score, evidence, created_at FROM twin_links ORDER BY listing_a, listing_b",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(LinkRow {
            a: r.get(0)?,
            b: r.get(1)?,
            origin: r.get(2)?,
            score: r.get(3)?,
            evidence: r.get(4)?,
            created_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Links two listings; true when the link is new. An existing detected link
/// the merchant (or a crosslist) confirms takes the stronger origin.
pub fn add_link(
    conn: &Connection,
    x: i64,
    y: i64,
    origin: &str,
    score: Option<f64>,
    evidence: Option<&str>,
    now: &str,
) -> Result<bool> {
    let (a, b) = ordered(x, y);
    let n = conn.execute(
        "INSERT INTO twin_links (listing_a, listing_b, origin, score, evidence, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (listing_a, listing_b) DO NOTHING",
        params![a, b, origin, score, evidence, now],
    )?;
    if n == 0 && origin != "detected" {
        conn.execute(
            "UPDATE twin_links SET origin = ?3 WHERE listing_a = ?1 AND listing_b = ?2 AND origin = 'detected'",
            params![a, b, origin],
        )?;
    }
    Ok(n > 0)
}

/// Removes a link; true when there was one.
pub fn remove_link(conn: &Connection, x: i64, y: i64) -> Result<bool> {
    let (a, b) = ordered(x, y);
    Ok(conn.execute(
        "DELETE FROM twin_links WHERE listing_a = ?1 AND listing_b = ?2",
        params![a, b],
    )? > 0)
}

/// Remembers that two listings are not one item, so detection leaves them apart.
pub fn reject(conn: &Connection, x: i64, y: i64, now: &str) -> Result<()> {
    let (a, b) = ordered(x, y);
    conn.execute(
        "INSERT INTO twin_rejections (listing_a, listing_b, created_at) VALUES (?1, ?2, ?3) \
         ON CONFLICT DO NOTHING",
        params![a, b, now],
    )?;
    Ok(())
}

/// Forgets a rejection (the merchant linked the pair after all).
pub fn unreject(conn: &Connection, x: i64, y: i64) -> Result<()> {
    let (a, b) = ordered(x, y);
    conn.execute(
        "DELETE FROM twin_rejections WHERE listing_a = ?1 AND listing_b = ?2",
        params![a, b],
    )?;
    Ok(())
}

/// Every rejected pair, `a < b`.
pub fn rejections(conn: &Connection) -> Result<HashSet<(i64, i64)>> {
    let mut stmt = conn.prepare("SELECT listing_a, listing_b FROM twin_rejections")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many marketplaces hold at least one listing: detection needs two.
pub fn marketplaces_with_listings(conn: &Connection) -> Result<u64> {
    Ok(conn.query_row(
        "SELECT count(DISTINCT marketplace) FROM listings",
        [],
        |r| r.get::<_, i64>(0),
    )? as u64)
}

/// A delist as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct DelistRow {
    pub id: i64,
    /// The listing to take down.
    pub target: i64,
    /// Its twin that closed.
    pub cause: i64,
    pub cause_status: String,
    /// `proposed`, `pending`, `done` or `cancelled`.
    pub state: String,
    pub method: Option<String>,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub note: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

const DELIST_COLUMNS: &str = "id, target, cause, cause_status, state, method, attempts, last_error, note, created_at, updated_at";

fn delist_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DelistRow> {
    Ok(DelistRow {
        id: r.get(0)?,
        target: r.get(1)?,
        cause: r.get(2)?,
        cause_status: r.get(3)?,
        state: r.get(4)?,
        method: r.get(5)?,
        attempts: r.get::<_, i64>(6)?.max(0) as u32,
        last_error: r.get(7)?,
        note: r.get(8)?,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

/// Delists in any of `states` (all with an empty slice), oldest first.
pub fn delists(conn: &Connection, states: &[&str]) -> Result<Vec<DelistRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {DELIST_COLUMNS} FROM delists ORDER BY created_at, id"
    ))?;
    let rows = stmt.query_map([], delist_row)?;
    let all: Vec<DelistRow> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(all
        .into_iter()
        .filter(|d| states.is_empty() || states.contains(&d.state.as_str()))
        .collect())
}

/// The delist of `target` because of `cause`, created in `state` if there is
/// none yet. An existing one keeps its state, except that a cancelled one comes
/// back in `state` (its cause closed again). True when created or reopened.
///
/// Two syncs may record the same delist at once: the insert and the reopening
/// are each one conditional statement, so exactly one of them creates (or
/// reopens) it and neither fails.
pub fn open_delist(
    conn: &Connection,
    target: i64,
    cause: i64,
    cause_status: &str,
    state: &str,
    now: &str,
) -> Result<(DelistRow, bool)> {
    let created = conn.execute(
        "INSERT INTO delists (target, cause, cause_status, state, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (target, cause) DO NOTHING",
        params![target, cause, cause_status, state, now],
    )? > 0;
    let reopened = !created
        && conn.execute(
            "UPDATE delists SET state = ?3, cause_status = ?4, note = NULL, updated_at = ?5 \
             WHERE target = ?1 AND cause = ?2 AND state = 'cancelled'",
            params![target, cause, state, cause_status, now],
        )? > 0;
    let row = conn.query_row(
        &format!("SELECT {DELIST_COLUMNS} FROM delists WHERE target = ?1 AND cause = ?2"),
        params![target, cause],
        delist_row,
    )?;
    Ok((row, created || reopened))
}

/// Claims the pending delist `id` for this process until `until`; true for
/// the one process that gets it, which alone sends the take-down. A live claim
/// means another sync is taking it down; a claim past its time (`now` or
/// earlier: that sync died) is free again. Times are [`crate::domain::time::timestamp`]s,
/// which sort as text.
pub fn claim_delist(conn: &Connection, id: i64, now: &str, until: &str) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE delists SET claimed_until = ?3 WHERE id = ?1 AND state = 'pending' \
         AND (claimed_until IS NULL OR claimed_until <= ?2)",
        params![id, now, until],
    )? == 1)
}

/// What happened to a delist this run.
#[derive(Debug, Clone, Default)]
pub struct DelistUpdate<'a> {
    pub state: &'a str,
    pub method: Option<&'a str>,
    pub error: Option<&'a str>,
    pub note: Option<&'a str>,
    /// A request was tried (counted in `attempts`).
    pub attempted: bool,
}

pub fn update_delist(conn: &Connection, id: i64, u: &DelistUpdate<'_>, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE delists SET state = ?2, method = COALESCE(?3, method), last_error = ?4, \
         note = COALESCE(?5, note), attempts = attempts + ?6, updated_at = ?7, \
         claimed_until = NULL WHERE id = ?1",
        params![
            id,
            u.state,
            u.method,
            u.error,
            u.note,
            u.attempted as i64,
            now
        ],
    )?;
    Ok(())
}

/// Records that two twins both sold; true the first time.
pub fn add_conflict(conn: &Connection, x: i64, y: i64, now: &str) -> Result<bool> {
    let (a, b) = ordered(x, y);
    Ok(conn.execute(
        "INSERT INTO twin_conflicts (listing_a, listing_b, first_seen_at) VALUES (?1, ?2, ?3) \
         ON CONFLICT DO NOTHING",
        params![a, b, now],
    )? > 0)
}

/// Every conflict: the two listings and when it was first seen.
pub fn conflicts(conn: &Connection) -> Result<Vec<(i64, i64, String)>> {
    let mut stmt =
        conn.prepare("SELECT listing_a, listing_b, first_seen_at FROM twin_conflicts ORDER BY 3")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Notes that the merchant took `listing_id` down through treevu.
pub fn record_own_removal(conn: &Connection, listing_id: i64, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO own_removals (listing_id, removed_at) VALUES (?1, ?2) \
         ON CONFLICT (listing_id) DO UPDATE SET removed_at = excluded.removed_at",
        params![listing_id, now],
    )?;
    Ok(())
}

/// Forgets own removals of listings that are active again.
pub fn forget_own_removals_of_active(conn: &Connection) -> Result<()> {
    conn.execute(
        "DELETE FROM own_removals WHERE EXISTS (SELECT 1 FROM listings l \
         WHERE l.id = own_removals.listing_id AND l.status = 'active' AND l.removed_at IS NULL)",
        [],
    )?;
    Ok(())
}

pub fn own_removals(conn: &Connection) -> Result<HashSet<i64>> {
    let mut stmt = conn.prepare("SELECT listing_id FROM own_removals")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Notes a crosslist about to be sent.
pub fn add_intent(conn: &Connection, source: i64, target: &str, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO crosslist_intents (source, target, created_at) VALUES (?1, ?2, ?3) \
         ON CONFLICT (source, target) DO UPDATE SET created_at = excluded.created_at",
        params![source, target, now],
    )?;
    Ok(())
}

/// When a crosslist of `source` to `target` was sent without its answer being stored.
pub fn intent(conn: &Connection, source: i64, target: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT created_at FROM crosslist_intents WHERE source = ?1 AND target = ?2",
            params![source, target],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn clear_intent(conn: &Connection, source: i64, target: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM crosslist_intents WHERE source = ?1 AND target = ?2",
        params![source, target],
    )?;
    Ok(())
}

pub fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM profile_settings WHERE key = ?1",
            [key],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn set_setting(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO profile_settings (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// When the last successful sync of `marketplace` started.
pub fn last_ok_run_started(
    conn: &Connection,
    marketplace: crate::domain::Marketplace,
) -> Result<Option<String>> {
    Ok(conn.query_row(
        "SELECT max(started_at) FROM sync_runs WHERE marketplace = ?1 AND outcome = 'ok'",
        [marketplace.as_str()],
        |r| r.get(0),
    )?)
}

/// The row id of a stored listing.
pub fn listing_id(
    conn: &Connection,
    marketplace: crate::domain::Marketplace,
    remote_id: &str,
) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM listings WHERE marketplace = ?1 AND remote_id = ?2",
            params![marketplace.as_str(), remote_id],
            |r| r.get(0),
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::store::listings::{self, tests::sample};

    fn two(store: &mut Store) -> (i64, i64) {
        let tx = store.conn_mut().transaction().unwrap();
        listings::upsert(&tx, &sample("a", 100), "t").unwrap();
        let mut b = sample("b", 100);
        b.marketplace = crate::domain::Marketplace::Inmuebles24;
        listings::upsert(&tx, &b, "t").unwrap();
        tx.commit().unwrap();
        let c = store.conn();
        (
            listing_id(c, crate::domain::Marketplace::Olx, "a")
                .unwrap()
                .unwrap(),
            listing_id(c, crate::domain::Marketplace::Inmuebles24, "b")
                .unwrap()
                .unwrap(),
        )
    }

    #[test]
    fn links_are_unordered_pairs_and_a_confirmation_outranks_detection() {
        let mut store = Store::open_in_memory().unwrap();
        let (a, b) = two(&mut store);
        let c = store.conn();
        assert!(add_link(c, b, a, "detected", Some(0.9), Some("[]"), "t1").unwrap());
        assert!(!add_link(c, a, b, "detected", Some(0.8), None, "t2").unwrap());
        let l = links(c).unwrap();
        assert_eq!(l.len(), 1);
        assert_eq!((l[0].a, l[0].b, l[0].origin.as_str()), (a, b, "detected"));
        assert_eq!(l[0].score, Some(0.9), "the first detection stands");
        assert!(!add_link(c, a, b, "manual", None, None, "t3").unwrap());
        assert_eq!(links(c).unwrap()[0].origin, "manual");
        assert!(remove_link(c, b, a).unwrap());
        assert!(links(c).unwrap().is_empty());
        reject(c, b, a, "t4").unwrap();
        assert!(rejections(c).unwrap().contains(&(a, b)));
        unreject(c, a, b).unwrap();
        assert!(rejections(c).unwrap().is_empty());
    }

    /// Two syncs, two connections to one database file, recording the same
    /// delist at the same moment: neither fails, one of them creates it, and
    /// only one gets to send its take-down.
    #[test]
    fn two_connections_record_one_delist_and_one_of_them_takes_it_down() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("treevu.db");
        let mut first = Store::open(&path).unwrap();
        let (a, b) = two(&mut first);
        let second = Store::open(&path).unwrap();
        const ROUNDS: usize = 40;
        // Per round: the test clears the table, both syncs record the delist at
        // once, the test counts who created it.
        let start = std::sync::Barrier::new(3);
        let end = std::sync::Barrier::new(3);
        let created = std::sync::Mutex::new(Vec::<Result<bool, String>>::new());
        let (stores, rounds): (Vec<Store>, Vec<_>) = std::thread::scope(|s| {
            let runs: Vec<_> = [first, second]
                .into_iter()
                .map(|st| {
                    let (start, end, created) = (&start, &end, &created);
                    s.spawn(move || {
                        for _ in 0..ROUNDS {
                            start.wait();
                            let new = open_delist(st.conn(), a, b, "sold", "pending", "t1")
                                .map(|(_, new)| new)
                                .map_err(|e| e.to_string());
                            created.lock().unwrap().push(new);
                            end.wait();
                        }
                        st
                    })
                })
                .collect();
            // Checked after every round has run: a panic here would leave the syncs waiting.
            let check = Store::open(&path).unwrap();
            let mut rounds = Vec::new();
            for _ in 0..ROUNDS {
                check.conn().execute("DELETE FROM delists", []).unwrap();
                start.wait();
                end.wait();
                rounds.push(std::mem::take(&mut *created.lock().unwrap()));
            }
            let stores = runs.into_iter().map(|r| r.join().unwrap()).collect();
            (stores, rounds)
        });
        for (round, r) in rounds.iter().enumerate() {
            assert!(r.iter().all(Result::is_ok), "round {round}: {r:?}");
            let created = r.iter().filter(|n| matches!(n, Ok(true))).count();
            assert_eq!(created, 1, "round {round}: {r:?}");
        }
        let (c0, c1) = (stores[0].conn(), stores[1].conn());
        let d = delists(c0, &["pending"]).unwrap();
        assert_eq!(d.len(), 1);
        let id = d[0].id;
        assert!(
            claim_delist(
                c0,
                id,
                "2026-01-01T00:00:00.000Z",
                "2026-01-01T00:10:00.000Z"
            )
            .unwrap()
        );
        assert!(
            !claim_delist(
                c1,
                id,
                "2026-01-01T00:01:00.000Z",
                "2026-01-01T00:11:00.000Z"
            )
            .unwrap(),
            "held by the other sync"
        );
        assert!(
            claim_delist(
                c1,
                id,
                "2026-01-01T00:10:00.000Z",
                "2026-01-01T00:20:00.000Z"
            )
            .unwrap(),
            "a claim past its time is free again"
        );
        let done = DelistUpdate {
            state: "done",
            method: Some("delete"),
            attempted: true,
            ..Default::default()
        };
        update_delist(c1, id, &done, "2026-01-01T00:10:01.000Z").unwrap();
        assert!(
            !claim_delist(
                c0,
                id,
                "2026-01-01T01:00:00.000Z",
                "2026-01-01T01:10:00.000Z"
            )
            .unwrap(),
            "a delist done is not taken down again"
        );
    }

    #[test]
    fn a_delist_opens_once_and_a_cancelled_one_reopens() {
        let mut store = Store::open_in_memory().unwrap();
        let (a, b) = two(&mut store);
        let c = store.conn();
        let (d, new) = open_delist(c, a, b, "sold", "pending", "t1").unwrap();
        assert!(new);
        assert_eq!((d.state.as_str(), d.attempts), ("pending", 0));
        let failed = DelistUpdate {
            state: "pending",
            error: Some("OLX answered 503"),
            attempted: true,
            ..Default::default()
        };
        update_delist(c, d.id, &failed, "t2").unwrap();
        let (again, new) = open_delist(c, a, b, "sold", "proposed", "t3").unwrap();
        assert!(!new, "still open: not opened twice");
        assert_eq!(again.state, "pending", "keeps its state");
        assert_eq!(again.attempts, 1);
        assert_eq!(again.last_error.as_deref(), Some("OLX answered 503"));
        let cancel = DelistUpdate {
            state: "cancelled",
            note: Some("active again"),
            ..Default::default()
        };
        update_delist(c, d.id, &cancel, "t4").unwrap();
        assert!(delists(c, &["pending", "proposed"]).unwrap().is_empty());
        let (back, new) = open_delist(c, a, b, "rented", "pending", "t5").unwrap();
        assert!(new);
        assert_eq!(
            (back.state.as_str(), back.cause_status.as_str()),
            ("pending", "rented")
        );
        assert!(add_conflict(c, b, a, "t6").unwrap());
        assert!(!add_conflict(c, a, b, "t7").unwrap());
        assert_eq!(conflicts(c).unwrap(), vec![(a, b, "t6".to_string())]);
    }

    #[test]
    fn settings_intents_and_own_removals() {
        let mut store = Store::open_in_memory().unwrap();
        let (a, _) = two(&mut store);
        let c = store.conn();
        assert_eq!(setting(c, "delist_policy").unwrap(), None);
        set_setting(c, "delist_policy", "auto").unwrap();
        set_setting(c, "delist_policy", "off").unwrap();
        assert_eq!(setting(c, "delist_policy").unwrap().as_deref(), Some("off"));
        add_intent(c, a, "autofact", "t1").unwrap();
        assert_eq!(intent(c, a, "autofact").unwrap().as_deref(), Some("t1"));
        clear_intent(c, a, "autofact").unwrap();
        assert_eq!(intent(c, a, "autofact").unwrap(), None);
        record_own_removal(c, a, "t2").unwrap();
        assert!(own_removals(c).unwrap().contains(&a));
        // The sample listing is active: an own removal of an active listing is forgotten.
        forget_own_removals_of_active(c).unwrap();
        assert!(own_removals(c).unwrap().is_empty());
    }
}
