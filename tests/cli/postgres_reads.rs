//! The read commands on a PostgreSQL store (`--database-url`) after a sync
//! from the sandbox: the same answers as from a SQLite profile synced from
//! the same sandbox, one merchant's rows only, and a clear refusal from the
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

    // An unknown listing is the same clear error as on SQLite.
    let out = on_pg(
        &h,
        &url,
        "ana",
        &["leads", "inmuebles24:no-such", "--offline"],
    );
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("no-such"), "{}", stderr(&out));

    // Another merchant of the same database sees none of it.
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
            && err.contains("listings, leads, conversations, readiness"),
        "{err}"
    );
    assert!(stdout(&out).is_empty());
}
