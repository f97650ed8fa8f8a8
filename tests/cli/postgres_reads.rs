//! The read commands on a PostgreSQL store (`--database-url`) after a sync
//! from the sandbox: the same answers as from a SQLite profile synced from
//! the same sandbox, one merchant's rows only (and no merchant made by a
//! typo), and a clear refusal from the
//! commands not ported yet.

use crate::support::{self, Harness, json_out, stderr, stdout};
use serde_json::Value;

/// One merchant's run of `treevu ARGS` on the database at `url`.
fn on_pg(h: &Harness, url: &str, merchant: &str, args: &[&str]) -> std::process::Output {
    h.cmd(args)
        .env_remove("TREEVU_DB")
        .env("TREEVU_DATABASE_URL", url)
        .env("TREEVU_PROFILE", merchant)
        .output()
        .unwrap()
}

/// A command's JSON records, without the fields that say when this store
/// saw or fetched them (two syncs see the same data at different times).
fn records(out: &std::process::Output) -> Vec<Value> {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    let mut rows = json_out(out).as_array().expect("a list").clone();
    for r in &mut rows {
        let r = r.as_object_mut().unwrap();
        for stamp in ["firstSeenAt", "lastSeenAt", "fetchedAt"] {
            r.remove(stamp);
        }
    }
    rows
}

#[test]
fn listings_leads_and_conversations_read_a_merchants_postgresql_store_as_sqlite_answers() {
    let Some(url) = support::pg::database("reads") else {
        return;
    };
    let h = Harness::new(support::small_opts());
    let out = on_pg(&h, &url, "ana", &["sync", "--all"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The same sandbox into a SQLite profile: what the merchant is used to.
    let out = h.run(&["sync", "--all"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let listed = records(&on_pg(&h, &url, "ana", &["listings", "--json"]));
    let expected: usize = ["olx", "inmuebles24", "autofact"]
        .iter()
        .map(|m| h.remote_ids(m).len())
        .sum();
    assert_eq!(listed.len(), expected, "every synced listing, once");
    assert_eq!(listed, records(&h.run(&["listings", "--json"])));

    // Filters and CSV: the header and a row per OLX listing.
    let olx = h.remote_ids("olx").len();
    let csv = on_pg(
        &h,
        &url,
        "ana",
        &["listings", "--marketplace", "olx", "--format", "csv"],
    );
    assert_eq!(csv.status.code(), Some(0), "{}", stderr(&csv));
    let text = stdout(&csv);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), olx + 1, "{text}");
    assert!(lines[0].starts_with("id,"), "{}", lines[0]);
    assert!(lines[1..].iter().all(|l| l.starts_with("olx:")), "{text}");
    let sold = records(&on_pg(
        &h,
        &url,
        "ana",
        &["listings", "--status", "sold", "--json"],
    ));
    assert!(sold.iter().all(|l| l["status"] == "sold"), "{sold:?}");
    assert_eq!(
        sold,
        records(&h.run(&["listings", "--status", "sold", "--json"]))
    );

    // Leads and conversations as sync stored them, all and for one listing.
    let leads = records(&on_pg(&h, &url, "ana", &["leads", "--json"]));
    assert!(!leads.is_empty(), "the sandbox's properties have leads");
    assert_eq!(leads, records(&h.run(&["leads", "--json"])));
    let one = leads[0]["listing"].as_str().unwrap();
    let of_one = records(&on_pg(
        &h,
        &url,
        "ana",
        &["leads", one, "--offline", "--json"],
    ));
    assert!(
        !of_one.is_empty() && of_one.iter().all(|l| l["listing"] == one),
        "{of_one:?}"
    );
    let chats = records(&on_pg(&h, &url, "ana", &["conversations", "--json"]));
    assert!(!chats.is_empty(), "the sandbox's OLX listings have chats");
    assert_eq!(chats, records(&h.run(&["conversations", "--json"])));
    let unread = records(&on_pg(
        &h,
        &url,
        "ana",
        &["conversations", "--unread", "--json"],
    ));
    assert!(
        unread.iter().all(|c| c["unread"].as_u64() > Some(0)),
        "{unread:?}"
    );

    // Readiness scores the same listings the same way.
    let scores = |out: &std::process::Output| -> Vec<(String, i64)> {
        let mut v: Vec<(String, i64)> = records(out)
            .iter()
            .map(|r| {
                (
                    r["id"].as_str().unwrap().to_string(),
                    r["score"].as_i64().unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let (pg, sqlite) = (
        scores(&on_pg(&h, &url, "ana", &["readiness", "--json"])),
        scores(&h.run(&["readiness", "--json"])),
    );
    assert_eq!(pg.len(), expected);
    for ((a, x), (b, y)) in pg.iter().zip(&sqlite) {
        // Scored a moment apart: the age terms may round either way.
        assert!(a == b && (x - y).abs() <= 1, "{a} {x} / {b} {y}");
    }

    // Priced with no pool yet (a sync on PostgreSQL does not feed one): the
    // built-in figures answer, as for a new merchant.
    let of_kind = |m: &str| -> String {
        listed
            .iter()
            .find(|l| l["marketplace"] == m)
            .map(|l| l["id"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("a listing on {m}"))
    };
    let (home, car) = (of_kind("inmuebles24"), of_kind("autofact"));
    let priced = |out: std::process::Output| -> Vec<Value> {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        json_out(&out).as_array().unwrap().clone()
    };
    let no_pool = priced(on_pg(
        &h,
        &url,
        "ana",
        &["recommend", &home, &car, "--json"],
    ));
    for r in &no_pool {
        let (price, low, high) = (
            r["recommendedPrice"].as_f64().unwrap(),
            r["minPrice"].as_f64().unwrap(),
            r["maxPrice"].as_f64().unwrap(),
        );
        assert!(low <= price && price <= high && price > 0.0, "{r}");
        assert_eq!(r["comparableCount"], 0, "no pool on PostgreSQL yet: {r}");
    }
    // With the SQLite profile's pool copied in, both engines price the same
    // listings against the same comparables alike; the fitted models are
    // cached in the database and read back to the same answer.
    let copied = support::pg::copy_pool(&url, "ana", &h.conn());
    assert!(copied > 0);
    let on_sqlite = priced(h.run(&["recommend", &home, &car, "--json"]));
    let on_postgres = priced(on_pg(
        &h,
        &url,
        "ana",
        &["recommend", &home, &car, "--json"],
    ));
    assert!(
        on_postgres
            .iter()
            .zip(&no_pool)
            .any(|(p, n)| p["marketEstimate"] != n["marketEstimate"]),
        "the pool's comparables count"
    );
    for (s, p) in on_sqlite.iter().zip(&on_postgres) {
        for key in [
            "id",
            "comparableCount",
            "marketEstimate",
            "method",
            "segmentLevel",
        ] {
            assert_eq!(s[key], p[key], "{key}: {s}\n{p}");
        }
    }
    let cached = support::pg::connect(&url)
        .query_one(
            "SELECT count(*) FROM model_cache c JOIN merchants m ON m.id = c.merchant_id WHERE m.name = 'ana'",
            &[],
        )
        .unwrap()
        .get::<_, i64>(0);
    assert_eq!(cached, 2, "a model per kind cached in the database");
    let again = priced(on_pg(
        &h,
        &url,
        "ana",
        &["recommend", &home, &car, "--json"],
    ));
    for (a, p) in again.iter().zip(&on_postgres) {
        assert_eq!(
            a["marketEstimate"], p["marketEstimate"],
            "read from the cache: {a}"
        );
    }
    let value = json_out(&on_pg(&h, &url, "ana", &["valuation", &car, "--json"]));
    assert!(value[0]["estimatedValue"].as_f64() > Some(0.0), "{value}");
    let forecast = on_pg(&h, &url, "ana", &["forecast", &home, "--json"]);
    assert_eq!(forecast.status.code(), Some(0), "{}", stderr(&forecast));
    assert_eq!(json_out(&forecast).as_array().map(Vec::len), Some(1));
    let analysis = json_out(&on_pg(
        &h,
        &url,
        "ana",
        &["market", "analyze", &home, "--json"],
    ));
    assert_eq!(analysis["listing"], home.as_str(), "{analysis}");
    // Write-back is not ported: refused before anything is sent.
    let apply = on_pg(&h, &url, "ana", &["recommend", &home, "--apply", "--yes"]);
    assert_eq!(apply.status.code(), Some(2), "{}", stderr(&apply));
    assert!(
        stderr(&apply).contains("recommend --apply"),
        "{}",
        stderr(&apply)
    );

    // An unknown listing is the same clear error as on SQLite.
    let out = on_pg(
        &h,
        &url,
        "ana",
        &["leads", "inmuebles24:no-such", "--offline"],
    );
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("no-such"), "{}", stderr(&out));

    // A merchant the database does not have is an error naming the fix, and
    // reading creates none.
    let out = on_pg(&h, &url, "bto", &["listings", "--json"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("treevu merchants add bto") && stdout(&out).is_empty(),
        "{}",
        stderr(&out)
    );
    let merchants: i64 = support::pg::connect(&url)
        .query_one("SELECT count(*) FROM merchants WHERE name = 'bto'", &[])
        .unwrap()
        .get(0);
    assert_eq!(merchants, 0);
    // Another merchant of the same database sees none of ana's rows.
    let out = on_pg(&h, &url, "beto", &["merchants", "add", "beto"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for cmd in ["listings", "leads", "conversations"] {
        assert_eq!(
            records(&on_pg(&h, &url, "beto", &[cmd, "--json"])),
            Vec::<Value>::new(),
            "{cmd}"
        );
    }

    // A command not ported yet still refuses, naming what runs.
    let out = on_pg(&h, &url, "ana", &["twins", "--json"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("not available on PostgreSQL yet")
            && err.contains("listings, leads, conversations, readiness, recommend"),
        "{err}"
    );
    assert!(stdout(&out).is_empty());
}
