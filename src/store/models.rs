//! The fitted-model cache: one head per kind and its parts, matched by generation so a
//! reader never mixes two fits. The store keeps bytes; what they mean (MessagePack of
//! the pricing engine's cache forms) is `pricing::models`' business.

use rusqlite::{Connection, MAIN_DB, OptionalExtension, Transaction, params};

use super::Result;

/// A cached model's parts by name, as stored (bytes).
pub type ModelParts = Vec<(String, Vec<u8>)>;

/// The pool's version of `kind`, bumped by a trigger on every change (schema v3): no scan.
pub fn pool_version(conn: &Connection, kind: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT version FROM market_pool_version WHERE kind = ?1",
        [kind],
        |r| r.get(0),
    )?)
}

/// A blob read straight into one buffer. Reading the column instead has SQLite
/// assemble the blob in a buffer of its own first; for the ~0.7 MB of a head and a
/// part those copies (fresh pages, each faulted in) cost more than the reading.
fn read_blob(conn: &Connection, table: &str, column: &str, rowid: i64) -> Option<Vec<u8>> {
    let blob = conn.blob_open(MAIN_DB, table, column, rowid, true).ok()?;
    let mut data = vec![0u8; blob.len()];
    blob.read_at_exact(&mut data, 0).ok()?;
    Some(data)
}

/// The cached head of `kind` and its generation, if it was fitted for `fingerprint`.
pub fn cached_head(conn: &Connection, kind: &str, fingerprint: &str) -> Option<(Vec<u8>, i64)> {
    let (rowid, generation): (i64, i64) = conn
        .query_row(
            "SELECT rowid, generation FROM model_cache WHERE kind = ?1 AND fingerprint = ?2",
            params![kind, fingerprint],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .ok()
        .flatten()?;
    Some((read_blob(conn, "model_cache", "model", rowid)?, generation))
}

/// The named parts written with the head of `generation`; `None` if one is missing
/// (another process replaced the cache in between: the caller refits).
pub fn cached_parts(
    conn: &Connection,
    kind: &str,
    generation: i64,
    keys: &[String],
) -> Option<Vec<(String, Vec<u8>)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT rowid FROM model_cache_part WHERE kind = ?1 AND part = ?2 AND generation = ?3",
        )
        .ok()?;
    keys.iter()
        .map(|k| {
            let rowid: i64 = stmt
                .query_row(params![kind, k, generation], |r| r.get(0))
                .ok()?;
            Some((
                k.clone(),
                read_blob(conn, "model_cache_part", "data", rowid)?,
            ))
        })
        .collect()
}

/// Holds one read snapshot while it lives (a head and its parts are read in it);
/// a caller's own open transaction already is one.
pub struct Snapshot<'a> {
    _tx: Option<Transaction<'a>>,
}

pub fn snapshot(conn: &Connection) -> Option<Snapshot<'_>> {
    let tx = if conn.is_autocommit() {
        Some(conn.unchecked_transaction().ok()?)
    } else {
        None
    };
    Some(Snapshot { _tx: tx })
}

/// Whether the cache holds a model of `kind` fitted for `fingerprint`.
pub fn is_cached(conn: &Connection, kind: &str, fingerprint: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM model_cache WHERE kind = ?1 AND fingerprint = ?2)",
        params![kind, fingerprint],
        |r| r.get(0),
    )?)
}

/// Replaces the cached model of `kind`: a new generation, its parts and its head, in
/// one transaction (readers match head and parts by generation).
pub fn save(
    conn: &Connection,
    kind: &str,
    fingerprint: &str,
    head: &[u8],
    parts: &[(String, &[u8])],
    created_at: &str,
) -> Result<()> {
    let tx = conn.unchecked_transaction()?;
    let generation: i64 = tx.query_row(
        "SELECT coalesce(max(generation), 0) + 1 FROM model_cache",
        [],
        |r| r.get(0),
    )?;
    tx.execute("DELETE FROM model_cache_part WHERE kind = ?1", [kind])?;
    {
        let mut ins = tx.prepare(
            "INSERT INTO model_cache_part (kind, part, generation, data) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (k, b) in parts {
            ins.execute(params![kind, k, generation, b])?;
        }
    }
    tx.execute(
        "INSERT INTO model_cache (kind, fingerprint, model, created_at, generation) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (kind) DO UPDATE SET fingerprint = ?2, model = ?3, created_at = ?4, generation = ?5",
        params![kind, fingerprint, head, created_at, generation],
    )?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    store_tests! {
        fn the_pool_reads_leave_out_repeats_and_order_ids_byte_by_byte(fx: &Fixture) {
            let s = fx.open();
            assert_eq!(s.pool_counts().unwrap(), (0, 0));
            assert!(s.load_pool("property").unwrap().is_empty());
            let before = s.pool_version("property").unwrap();
            let cars = s.pool_version("vehicle").unwrap();
            fx.seed_pool(&[
                ("property", "b", 300, None),
                ("property", "a", 100, None),
                ("property", "B", 200, None),
                ("property", "a-copy", 110, Some("a")),
                ("vehicle", "AF-1", 900, None),
            ]);
            let homes: Vec<(String, i64)> = s
                .load_pool("property")
                .unwrap()
                .into_iter()
                .map(|r| (r.id, r.price.unwrap().minor))
                .collect();
            assert_eq!(homes, [("B".into(), 200), ("a".into(), 100), ("b".into(), 300)]);
            let home = &s.load_pool("property").unwrap()[0];
            assert_eq!(
                (home.kind.as_str(), home.district.as_deref(), home.area_m2, home.origin),
                ("property", Some("Miraflores"), Some(80.0), crate::store::market::Origin::Import)
            );
            assert_eq!(s.pool_counts().unwrap(), (3, 1), "the repeat does not count");
            assert_ne!(s.pool_version("property").unwrap(), before, "a change moves the version");
            assert_ne!(s.pool_version("vehicle").unwrap(), cars);
            assert_eq!(s.counted_id("property", "a-copy").unwrap().as_deref(), Some("a"));
            assert_eq!(s.counted_id("property", "b").unwrap().as_deref(), Some("b"));
            assert_eq!(s.counted_id("vehicle", "b").unwrap(), None, "ids are per kind");
        }

        fn a_cached_model_is_read_whole_by_its_generation_and_replaced_whole(fx: &Fixture) {
            let s = fx.open();
            assert!(!s.is_model_cached("property", "fp1").unwrap());
            assert_eq!(s.cached_model_head("property", "fp1").unwrap(), None);
            let parts: [(String, &[u8]); 2] = [("lima".into(), b"L1"), ("cusco".into(), b"C1")];
            s.save_model("property", "fp1", b"head-1", &parts, "t1").unwrap();
            assert!(s.is_model_cached("property", "fp1").unwrap());
            assert!(!s.is_model_cached("vehicle", "fp1").unwrap(), "per kind");
            assert_eq!(s.cached_model_head("property", "fp2").unwrap(), None, "another fingerprint");
            let (head, first) = s.cached_model_head("property", "fp1").unwrap().unwrap();
            assert_eq!(head, b"head-1");
            let keys = ["cusco".to_string(), "lima".to_string()];
            assert_eq!(
                s.cached_model_parts("property", first, &keys).unwrap(),
                Some(vec![("cusco".into(), b"C1".to_vec()), ("lima".into(), b"L1".to_vec())]),
                "in the order asked"
            );
            let missing = ["lima".to_string(), "piura".to_string()];
            assert_eq!(s.cached_model_parts("property", first, &missing).unwrap(), None);
            // A refit replaces head and parts together: the old generation's
            // parts are gone, so a reader of the old head refits.
            let parts: [(String, &[u8]); 1] = [("lima".into(), b"L2")];
            s.save_model("property", "fp2", b"head-2", &parts, "t2").unwrap();
            assert_eq!(s.cached_model_head("property", "fp1").unwrap(), None);
            let (head, second) = s.cached_model_head("property", "fp2").unwrap().unwrap();
            assert!(head == b"head-2" && second > first);
            assert_eq!(s.cached_model_parts("property", first, &keys[1..]).unwrap(), None);
            assert_eq!(
                s.cached_model_parts("property", second, &keys[1..]).unwrap(),
                Some(vec![("lima".into(), b"L2".to_vec())])
            );
            // Another handle (a second process) reads the same cache.
            assert!(fx.open().is_model_cached("property", "fp2").unwrap());
        }
    }
}

/// Test hooks over the cache's tables: how many parts `kind` has, a damaged head,
/// and a generation shift (a writer that replaced the cache between two reads).
#[cfg(test)]
pub(crate) mod testing {
    use rusqlite::Connection;

    pub(crate) fn part_count(conn: &Connection, kind: &str) -> i64 {
        conn.query_row(
            "SELECT count(*) FROM model_cache_part WHERE kind = ?1",
            [kind],
            |r| r.get(0),
        )
        .unwrap()
    }

    pub(crate) fn damage_head(conn: &Connection, kind: &str) {
        conn.execute(
            "UPDATE model_cache SET model = x'c0ffee' WHERE kind = ?1",
            [kind],
        )
        .unwrap();
    }

    pub(crate) fn shift_part_generations(conn: &Connection, by: i64) {
        conn.execute(
            "UPDATE model_cache_part SET generation = generation + ?1",
            [by],
        )
        .unwrap();
    }
}
