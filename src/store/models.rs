//! The fitted-model cache: one head per kind and its parts, matched by generation so a
//! reader never mixes two fits. The store keeps bytes; what they mean (MessagePack of
//! the pricing engine's cache forms) is `pricing::models`' business.

use rusqlite::{Connection, MAIN_DB, OptionalExtension, Transaction, params};

use super::Result;

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
