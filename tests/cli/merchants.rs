//! `treevu merchants list|add|remove` against the throw-away PostgreSQL of
//! `scripts/test` (`TREEVU_TEST_DATABASE_URL`), each test in a database of its
//! own; and its refusal on SQLite.

use std::process::{Command, Output};

use crate::support::{bare_command, stderr, stdout};

/// A new, empty database on the test server for `test`, as a URL, and a
/// home for treevu; `None` when the run skips PostgreSQL (`TREEVU_TEST_POSTGRES=skip`).
fn database(test: &str) -> Option<(String, tempfile::TempDir)> {
    let url = crate::support::pg::database(&format!("m_{test}"))?;
    Some((url, tempfile::tempdir().unwrap()))
}

fn treevu(home: &std::path::Path, url: &str, args: &[&str]) -> Output {
    let mut c: Command = bare_command(home);
    c.env("TREEVU_DATABASE_URL", url).args(args);
    c.output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

#[test]
fn add_list_and_remove_round_trip_with_json() {
    let Some((url, home)) = database("round_trip") else {
        return;
    };
    let h = home.path();
    assert!(
        json(&treevu(h, &url, &["merchants", "list", "--json"]))
            .as_array()
            .unwrap()
            .is_empty()
    );
    for name in ["acme", "casa-sur"] {
        let added = json(&treevu(h, &url, &["merchants", "add", name, "--json"]));
        assert_eq!(added["name"], name);
    }
    let rows = json(&treevu(h, &url, &["merchants", "list", "--json"]));
    let names: Vec<_> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["acme", "casa-sur"]);
    assert_eq!(rows[0]["accounts"], 0);
    assert!(rows[0]["lastSyncAt"].is_null());
    assert!(
        rows[0]["createdAt"].as_str().unwrap().ends_with('Z'),
        "{rows}"
    );

    // The table, in Spanish too, and nothing of SQLite touched.
    let table = treevu(h, &url, &["merchants", "list"]);
    assert_eq!(table.status.code(), Some(0), "{}", stderr(&table));
    assert!(stdout(&table).contains("Last sync") && stdout(&table).contains("casa-sur"));
    let es = treevu(h, &url, &["--lang", "es", "merchants", "list"]);
    assert!(
        stdout(&es).contains("Última sincronización"),
        "{}",
        stdout(&es)
    );

    let removed = json(&treevu(
        h,
        &url,
        &["merchants", "remove", "acme", "--yes", "--json"],
    ));
    assert_eq!(removed["name"], "acme");
    let rows = json(&treevu(h, &url, &["merchants", "list", "--json"]));
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["name"], "casa-sur");
    assert!(!h.join(".local/share/treevu").exists());

    // Removing it again names what is wrong.
    let again = treevu(h, &url, &["merchants", "remove", "acme", "--yes"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("no merchant named acme"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn a_duplicate_name_is_an_error_and_a_bad_name_never_stored() {
    let Some((url, home)) = database("duplicate") else {
        return;
    };
    let h = home.path();
    assert_eq!(
        treevu(h, &url, &["merchants", "add", "acme"]).status.code(),
        Some(0)
    );
    let dup = treevu(h, &url, &["merchants", "add", "acme"]);
    assert_eq!(dup.status.code(), Some(1));
    assert!(
        stderr(&dup).contains("a merchant named acme already exists"),
        "{}",
        stderr(&dup)
    );
    let bad = treevu(h, &url, &["merchants", "add", "no/such"]);
    assert_ne!(bad.status.code(), Some(0));
    let rows = json(&treevu(h, &url, &["merchants", "list", "--json"]));
    assert_eq!(rows.as_array().unwrap().len(), 1);
}

#[test]
fn remove_deletes_the_merchants_rows_and_is_refused_without_yes_on_no_tty() {
    let Some((url, home)) = database("remove") else {
        return;
    };
    let h = home.path();
    for name in ["acme", "other"] {
        assert_eq!(
            treevu(h, &url, &["merchants", "add", name]).status.code(),
            Some(0)
        );
    }
    // An account of each, as `connect` stores it.
    let mut db = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    db.batch_execute(
        "INSERT INTO accounts (merchant_id, marketplace, remote_user_id, connected_at, secret_store, secret_ref) \
         SELECT id, 'olx', 'u1', '2026-01-01T00:00:00.000Z', 'file', 'olx' FROM merchants",
    )
    .unwrap();
    let rows = json(&treevu(h, &url, &["merchants", "list", "--json"]));
    assert_eq!(rows[0]["accounts"], 1);

    // stdin is not a terminal: nothing deleted, exit 2, --yes named.
    let refused = treevu(h, &url, &["merchants", "remove", "acme"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("--yes"), "{}", stderr(&refused));
    let accounts = |db: &mut postgres::Client| -> i64 {
        db.query_one(
            "SELECT count(*) FROM accounts a JOIN merchants m ON m.id = a.merchant_id WHERE m.name = 'acme'",
            &[],
        )
        .unwrap()
        .get(0)
    };
    assert_eq!(accounts(&mut db), 1);

    let out = treevu(h, &url, &["merchants", "remove", "acme", "--yes", "--json"]);
    let removed = json(&out);
    assert_eq!(
        removed["removed"],
        serde_json::json!([{"table": "accounts", "rows": 1}])
    );
    assert!(
        stderr(&out).contains("Merchant acme removed (1 rows)"),
        "{}",
        stderr(&out)
    );
    let left: i64 = db
        .query_one("SELECT count(*) FROM accounts", &[])
        .unwrap()
        .get(0);
    assert_eq!(left, 1, "the other merchant's account stays");
    let gone: i64 = db
        .query_one("SELECT count(*) FROM merchants WHERE name = 'acme'", &[])
        .unwrap()
        .get(0);
    assert_eq!(gone, 0);
}

#[test]
fn on_sqlite_merchants_needs_postgresql_and_points_at_profiles() {
    let home = tempfile::tempdir().unwrap();
    for args in [&["merchants", "list"][..], &["merchants", "add", "acme"]] {
        let out = bare_command(home.path()).args(args).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("--database-url")
                && err.contains("TREEVU_DATABASE_URL")
                && err.contains("treevu profiles"),
            "{err}"
        );
        assert!(stdout(&out).is_empty());
    }
    // Nothing was created for a profile either.
    assert!(!home.path().join(".local/share/treevu").exists());
}
