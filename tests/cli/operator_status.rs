//! `treevu operator status` on PostgreSQL after a worker run with an injected
//! failure: each account of each merchant with its state, last run, last
//! error and budget use, in a table (English and Spanish) and as JSON; and
//! its refusal on SQLite.

use crate::support::{self, Harness, stderr, stdout};

fn on_pg(h: &Harness, url: &str, args: &[&str]) -> std::process::Output {
    h.cmd(args)
        .env_remove("TREEVU_DB")
        .env("TREEVU_DATABASE_URL", url)
        .output()
        .unwrap()
}

fn ok(out: &std::process::Output) -> String {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    stdout(out)
}

fn row<'a>(rows: &'a serde_json::Value, merchant: &str, m: &str) -> &'a serde_json::Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["merchant"] == merchant && r["marketplace"] == m)
        .unwrap_or_else(|| panic!("no row for {merchant} {m}: {rows}"))
}

#[test]
fn operator_status_after_a_worker_run_shows_each_state_its_last_error_and_budget_use() {
    let Some(url) = support::pg::database("operator_status") else {
        return;
    };
    let h = Harness::new(support::cli_opts(30));
    for name in ["ana", "beto"] {
        ok(&on_pg(&h, &url, &["merchants", "add", name]));
    }
    for m in ["olx", "inmuebles24", "autofact"] {
        support::pg::seed_account(&url, "ana", m);
    }
    // Autofact answers 503 to every request of the run: it fails after its retries.
    let fail = reqwest::blocking::Client::new()
        .post(format!(
            "{}/_sandbox/fail-next?marketplace=autofact&count=100&status=503",
            h.base
        ))
        .send()
        .unwrap();
    assert!(fail.status().is_success());
    let worker = on_pg(&h, &url, &["worker", "--once"]);
    assert_ne!(
        worker.status.code(),
        Some(0),
        "the failed account is reported"
    );

    // Then: beto's new account is due, one held by a worker, one needing a reconnect.
    support::pg::seed_account(&url, "beto", "olx");
    support::pg::seed_account(&url, "beto", "autofact");
    let mut c = support::pg::connect(&url);
    c.batch_execute(
        "UPDATE sync_schedule s SET lease_owner = 'host-b:4242:ab12', lease_token = nextval('lease_tokens'), \
           lease_expires_at = now() + interval '10 minutes' \
         FROM merchants m WHERE m.id = s.merchant_id AND m.name = 'beto' AND s.marketplace = 'autofact'; \
         UPDATE accounts a SET needs_reconnect = 1 FROM merchants m \
         WHERE m.id = a.merchant_id AND m.name = 'ana' AND a.marketplace = 'inmuebles24'",
    )
    .unwrap();

    let rows: serde_json::Value =
        serde_json::from_str(&ok(&on_pg(&h, &url, &["operator", "status", "--json"]))).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 5, "{rows}");

    let olx = row(&rows, "ana", "olx");
    assert_eq!(
        (&olx["state"], &olx["lastOutcome"]),
        (&"waiting".into(), &"ok".into()),
        "{olx}"
    );
    assert!(olx["nextDueAt"].as_str().unwrap() > olx["lastRunAt"].as_str().unwrap());
    let used = olx["budgetUsed"].as_u64().unwrap();
    assert!(
        used > 0 && used < olx["budgetLimit"].as_u64().unwrap(),
        "{olx}"
    );
    assert!(olx["lastError"].is_null() && olx["leaseHolder"].is_null());

    let autofact = row(&rows, "ana", "autofact");
    assert_eq!(
        (
            &autofact["state"],
            &autofact["lastOutcome"],
            &autofact["attempts"]
        ),
        (&"failing".into(), &"failed".into(), &1.into()),
        "{autofact}"
    );
    assert!(
        autofact["lastError"].as_str().unwrap().contains("503"),
        "{autofact}"
    );

    assert_eq!(row(&rows, "ana", "inmuebles24")["state"], "needs-reconnect");
    let due = row(&rows, "beto", "olx");
    assert_eq!(
        (&due["state"], &due["lastOutcome"]),
        (&"due".into(), &serde_json::Value::Null)
    );
    let running = row(&rows, "beto", "autofact");
    assert_eq!(
        (&running["state"], &running["leaseHolder"]),
        (&"running".into(), &"host-b:4242:ab12".into()),
        "{running}"
    );
    assert!(running["leaseExpiresAt"].as_str().unwrap().ends_with('Z'));

    // The table: headers and states through the catalogs, in English and Spanish.
    let table = ok(&on_pg(&h, &url, &["operator", "status"]));
    for word in [
        "Merchant",
        "State",
        "failing",
        "needs reconnect",
        "host-b:4242:ab12",
        "503",
    ] {
        assert!(table.contains(word), "{word}: {table}");
    }
    let es = ok(&on_pg(&h, &url, &["--lang", "es", "operator", "status"]));
    for word in ["Comerciante", "Estado", "con fallas", "pendiente"] {
        assert!(es.contains(word), "{word}: {es}");
    }
    assert!(!h.db().exists(), "no SQLite file beside the database");
}

#[test]
fn operator_status_on_sqlite_exits_2_naming_the_database_url_and_sync_status() {
    let h = Harness::new(support::small_opts());
    let out = h.run(&["operator", "status"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("--database-url") && err.contains("treevu sync status"),
        "{err}"
    );
    assert!(stdout(&out).is_empty());
}
