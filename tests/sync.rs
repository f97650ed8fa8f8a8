//! `treevu sync` end to end: the real binary, a real SQLite file, the sandbox on 127.0.0.1.

mod support;

use std::time::Duration;

use support::{Harness, stderr, stdout};
use treevu::sandbox::SandboxOptions;

fn opts(listings: usize) -> SandboxOptions {
    SandboxOptions {
        listings,
        market: 300,
        workers: 8,
        ..SandboxOptions::default()
    }
}

fn json_reports(out: &std::process::Output) -> Vec<serde_json::Value> {
    serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .unwrap_or_else(|e| {
            panic!(
                "stdout is JSON ({e}): {}\nstderr: {}",
                stdout(out),
                stderr(out)
            )
        })
        .as_array()
        .expect("a list of reports")
        .clone()
}

fn report<'a>(reports: &'a [serde_json::Value], m: &str) -> &'a serde_json::Value {
    reports
        .iter()
        .find(|r| r["marketplace"] == m)
        .unwrap_or_else(|| panic!("no report for {m}: {reports:?}"))
}

#[test]
fn full_sync_stores_every_listing_within_the_request_bound() {
    let h = Harness::new(opts(250));
    let before: Vec<u64> = ["olx", "inmuebles24", "autofact"]
        .iter()
        .map(|m| h.requests(m))
        .collect();
    let out = h.run(&["sync", "--all", "--json"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let reports = json_reports(&out);
    for (i, m) in ["olx", "inmuebles24", "autofact"].iter().enumerate() {
        let r = report(&reports, m);
        assert_eq!(r["outcome"], "ok", "{r}");
        let ids = h.remote_ids(m);
        let stored = h.count(&format!(
            "SELECT count(*) FROM listings WHERE marketplace = '{m}' AND removed_at IS NULL"
        ));
        assert_eq!(stored as usize, ids.len(), "{m}: every listing stored once");
        let used = h.requests(m) - before[i];
        // remote_ids() above also made requests; count only the sync's from its report and check both.
        let reported = r["requestsUsed"].as_u64().unwrap();
        let bound = (ids.len() as u64).div_ceil(100) + 10;
        assert!(reported <= bound, "{m}: {reported} requests > {bound}");
        assert!(
            used >= reported,
            "{m}: the sandbox saw at least what treevu counted"
        );
    }
    let history = h.count("SELECT count(*) FROM price_history");
    let listings = h.count("SELECT count(*) FROM listings");
    assert_eq!(history, listings, "one price-history row per new listing");
    let ok: String = h
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn repeat_sync_with_nothing_changed_uses_at_most_ten_requests() {
    let h = Harness::new(opts(150));
    let first = h.run(&["sync", "--all", "--quiet"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let total = |h: &Harness| {
        ["olx", "inmuebles24", "autofact"]
            .iter()
            .map(|m| h.requests(m))
            .sum::<u64>()
    };
    let before = total(&h);
    let out = h.run(&["sync", "--all", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let used = total(&h) - before;
    assert!(used <= 10, "repeat sync used {used} requests");
    for r in json_reports(&out) {
        assert_eq!(r["new"], 0, "{r}");
        assert_eq!(r["updated"], 0, "{r}");
        assert_eq!(r["full"], false, "{r}");
    }
}

#[test]
fn incremental_sync_follows_churn_without_losing_history() {
    let h = Harness::new(SandboxOptions {
        churn: true,
        ..opts(120)
    });
    let out = h.run(&["sync", "--all", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let snapshots_before = h.count("SELECT count(*) FROM engagement_snapshots");
    let prices_before = h.count("SELECT count(*) FROM price_history");
    // A few runs so the market has time to move (churn happens between calls).
    let mut changed = 0;
    for _ in 0..3 {
        std::thread::sleep(Duration::from_millis(1100));
        let out = h.run(&["sync", "--all", "--json"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        for r in json_reports(&out) {
            assert_eq!(r["full"], false, "later runs are incremental: {r}");
            changed += r["new"].as_u64().unwrap() + r["updated"].as_u64().unwrap();
        }
    }
    assert!(
        changed > 0,
        "churn produced changes the incremental runs picked up"
    );
    assert!(
        h.count("SELECT count(*) FROM engagement_snapshots") > snapshots_before,
        "engagement snapshots written"
    );
    assert!(
        h.count("SELECT count(*) FROM price_history") >= prices_before,
        "price history only grows"
    );
    assert!(
        h.count("SELECT count(*) FROM listings WHERE status IN ('sold', 'rented', 'removed')") > 0,
        "sold or removed listings are reflected"
    );
    // The store agrees with the marketplace after a final incremental run.
    let out = h.run(&["sync", "olx", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let prices_changed = h.count("SELECT count(*) FROM (SELECT listing_id FROM price_history GROUP BY listing_id HAVING count(*) > 1)");
    assert!(
        prices_changed > 0,
        "some listing has more than one price in its history"
    );
}

#[test]
fn tight_rate_limit_waits_or_checkpoints_and_a_second_run_finishes() {
    let h = Harness::new(SandboxOptions {
        rate_limit: Some(4),
        rate_window: Some(Duration::from_secs(3)),
        ..opts(900)
    });
    // Too little waiting allowed: stops with a checkpoint and the partial exit code.
    let out = h.run(&["sync", "olx", "--max-wait", "0", "--json"]);
    assert_eq!(out.status.code(), Some(3), "partial: {}", stderr(&out));
    let r = json_reports(&out);
    assert_eq!(report(&r, "olx")["outcome"], "partial");
    assert!(
        report(&r, "olx")["error"]
            .as_str()
            .unwrap()
            .contains("continues"),
        "{r:?}"
    );
    let stored_partial = h.count("SELECT count(*) FROM listings");
    assert!(
        stored_partial > 0 && stored_partial < 900,
        "some pages stored: {stored_partial}"
    );
    // Allowed to wait for the window: the next run continues and finishes.
    let out = h.run(&["sync", "olx", "--max-wait", "10", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        h.count("SELECT count(*) FROM listings WHERE marketplace = 'olx'"),
        900,
        "every listing once"
    );
    let throttled = h.stats()["throttled"]["olx"].as_u64().unwrap_or(0);
    assert!(
        throttled <= 1,
        "treevu plans within the budget: {throttled} 429s"
    );
}

#[test]
fn server_errors_are_retried_and_the_sync_completes() {
    let h = Harness::new(SandboxOptions {
        error_rate: 0.2,
        ..opts(300)
    });
    let out = h.run(&["sync", "--all", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for m in ["olx", "inmuebles24", "autofact"] {
        let stored = h.count(&format!(
            "SELECT count(*) FROM listings WHERE marketplace = '{m}'"
        ));
        assert_eq!(stored, 300, "{m}: {}\n{}", stdout(&out), stderr(&out));
    }
}

#[test]
fn malformed_records_are_quarantined_and_good_ones_stored() {
    let h = Harness::new(SandboxOptions {
        malformed_rate: 0.05,
        ..opts(400)
    });
    let out = h.run(&["sync", "--all", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for r in json_reports(&out) {
        let m = r["marketplace"].as_str().unwrap();
        let q = r["quarantined"].as_u64().unwrap();
        assert!((5..=45).contains(&q), "{m}: {q} quarantined of 400 at 5%");
        let stored = h.count(&format!(
            "SELECT count(*) FROM listings WHERE marketplace = '{m}'"
        )) as u64;
        assert_eq!(stored + q, 400, "{m}: every good record stored");
        let with_reason = h.count(&format!(
            "SELECT count(*) FROM quarantine WHERE marketplace = '{m}' AND length(reason) > 5"
        )) as u64;
        assert_eq!(with_reason, q, "{m}: each quarantined record has a reason");
    }
}

#[test]
fn kill_during_sync_loses_nothing_and_the_rerun_completes() {
    for (seed, delay_ms) in [(1u64, 150u64), (2, 400), (3, 900)] {
        let h = Harness::new(SandboxOptions {
            seed,
            latency: Duration::from_millis(15),
            ..opts(1500)
        });
        let mut child = h.cmd(&["sync", "olx", "--quiet"]).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let out = h.run(&["sync", "olx", "--quiet"]);
        assert_eq!(out.status.code(), Some(0), "seed {seed}: {}", stderr(&out));
        assert_eq!(
            h.count("SELECT count(*) FROM listings WHERE marketplace = 'olx'"),
            1500,
            "seed {seed}"
        );
        assert_eq!(
            h.count("SELECT count(DISTINCT remote_id) FROM listings"),
            1500,
            "seed {seed}: once each"
        );
        let ok: String = h
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok", "seed {seed}");
        assert_eq!(
            h.count("SELECT count(*) FROM sync_runs WHERE outcome = 'running'"),
            0,
            "seed {seed}: no run left open"
        );
    }
}

#[test]
fn two_syncs_of_the_same_account_never_double_rows() {
    let h = Harness::new(SandboxOptions {
        latency: Duration::from_millis(10),
        ..opts(600)
    });
    let piped = |h: &Harness| {
        let mut c = h.cmd(&["sync", "olx", "--quiet"]);
        c.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        c.spawn().unwrap()
    };
    let (a, b) = (piped(&h), piped(&h));
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let codes = [a.status.code().unwrap(), b.status.code().unwrap()];
    assert!(codes.contains(&0), "one of them synced: {codes:?}");
    for (code, o) in [(codes[0], &a), (codes[1], &b)] {
        assert!(
            code == 0 || code == 5,
            "documented codes only: {code} {}",
            stderr(o)
        );
        if code == 5 {
            assert!(stderr(o).contains("already syncing"), "{}", stderr(o));
        }
    }
    assert_eq!(h.count("SELECT count(*) FROM listings"), 600);
    let throttled = h.stats()["throttled"]["olx"].as_u64().unwrap_or(0);
    assert_eq!(throttled, 0);
}

#[test]
fn due_respects_each_account_interval() {
    let h = Harness::new(opts(50));
    let out = h.run(&["sync", "--due", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        json_reports(&out).len(),
        3,
        "never synced: all due; {}",
        stderr(&out)
    );
    let before: u64 = ["olx", "inmuebles24", "autofact"]
        .iter()
        .map(|m| h.requests(m))
        .sum();
    let out = h.run(&["sync", "--due", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        json_reports(&out).is_empty(),
        "nothing due right after a sync"
    );
    let after: u64 = ["olx", "inmuebles24", "autofact"]
        .iter()
        .map(|m| h.requests(m))
        .sum();
    assert_eq!(after, before, "no request when nothing is due");
    // Seven hours later OLX (6 h) is due, Inmuebles24 (12 h) and Autofact (8 h) are not.
    let seven_hours_ago = (chrono::Utc::now() - chrono::Duration::hours(7))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    h.conn()
        .execute(
            "UPDATE sync_state SET last_success_at = ?1",
            [seven_hours_ago],
        )
        .unwrap();
    let out = h.run(&["sync", "--due", "--json"]);
    let r = json_reports(&out);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0]["marketplace"], "olx");
}

#[test]
fn a_failing_scheduled_run_notifies_the_owner() {
    let h = Harness::new(SandboxOptions {
        error_rate: 1.0,
        ..opts(20)
    });
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", server.server_addr().to_ip().unwrap());
    let listener = std::thread::spawn(move || {
        let mut req = server
            .recv_timeout(Duration::from_secs(60))
            .unwrap()
            .expect("a notice arrives");
        let mut body = String::new();
        req.as_reader().read_to_string(&mut body).unwrap();
        let _ = req.respond(tiny_http::Response::empty(204));
        body
    });
    let out = h
        .cmd(&["sync", "autofact", "--due", "--quiet"])
        .env("TREEVU_NOTIFY_WEBHOOK", &url)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let body: serde_json::Value = serde_json::from_str(&listener.join().unwrap()).unwrap();
    assert_eq!(body["marketplace"], "autofact");
    assert!(body["title"].as_str().unwrap().contains("failed"), "{body}");
    let status = h.run(&["sync", "status", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    let af = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["marketplace"] == "autofact")
        .unwrap()
        .clone();
    assert_eq!(af["outcome"], "failed");
    assert!(
        af["lastNotice"].as_str().unwrap().contains("webhook"),
        "{af}"
    );
}

#[test]
fn sync_feeds_the_pool_and_a_listing_is_never_its_own_comparable() {
    let h = Harness::new(opts(40));
    let out = h.run(&["sync", "--all", "--json"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let reports = json_reports(&out);
    for m in ["olx", "inmuebles24", "autofact"] {
        let r = report(&reports, m);
        assert!(
            r["pool"]["new"].as_u64().unwrap() > 0,
            "{m} fed the pool: {r}"
        );
    }
    // Market data of other sellers, homes and cars.
    for kind in ["property", "vehicle"] {
        let market = h.count(&format!(
            "SELECT count(*) FROM market_pool WHERE kind = '{kind}' AND origin = 'market'"
        ));
        assert!(market >= 20, "{kind}: {market} market rows");
    }
    // Every listing of the merchant that is market evidence (up, sold or
    // rented) is in the pool under its own id, unless the rules refused it;
    // nothing taken down unsold is.
    let evidence = "kind IN ('property', 'vehicle') AND (status IN ('sold', 'rented') \
                    OR (removed_at IS NULL AND status != 'removed'))";
    let eligible = h.count(&format!("SELECT count(*) FROM listings WHERE {evidence}"));
    let own = h.count("SELECT count(*) FROM market_pool WHERE origin = 'own'");
    let rejected: u64 = reports
        .iter()
        .flat_map(|r| {
            r["pool"]["rejected"]
                .as_object()
                .cloned()
                .unwrap_or_default()
        })
        .map(|(_, n)| n.as_u64().unwrap())
        .sum();
    assert!(own > 40, "{own} own rows");
    assert_eq!(own as u64 + rejected, eligible as u64, "{reports:?}");
    let stray = h.count(&format!(
        "SELECT count(*) FROM market_pool p WHERE origin = 'own' AND NOT EXISTS (SELECT 1 FROM listings \
         WHERE marketplace || ':' || remote_id = p.id AND {evidence})"
    ));
    assert_eq!(stray, 0, "no listing taken down unsold is a comparable");
    let closed = h.count(
        "SELECT count(*) FROM market_pool p JOIN listings l \
         ON l.marketplace || ':' || l.remote_id = p.id WHERE l.status IN ('sold', 'rented')",
    );
    assert!(closed > 0, "sold and rented history is in the pool");

    // An active home of the merchant, with a copy of it in an imported portal file.
    let (id, kind, district, area, bedrooms, minor): (String, String, String, f64, i64, i64) = h
        .conn()
        .query_row(
            "SELECT marketplace || ':' || remote_id, property_type, district, area_m2, bedrooms, price_minor FROM listings \
             WHERE kind = 'property' AND status = 'active' AND operation = 'sale' AND bedrooms IS NOT NULL \
             AND currency = 'PEN' AND marketplace = 'inmuebles24' ORDER BY remote_id LIMIT 1",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .expect("an active sale home in soles");
    let recommend = |h: &Harness| -> serde_json::Value {
        let out = h.run(&["recommend", &id, "--json"]);
        assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        if v.is_array() { v[0].clone() } else { v }
    };
    let comparable_ids = |rec: &serde_json::Value| -> Vec<String> {
        rec["comparables"]
            .as_array()
            .expect("comparables")
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    let rec = recommend(&h);
    assert_eq!(rec["id"], id.as_str());
    let comps = comparable_ids(&rec);
    assert!(!comps.is_empty(), "{rec}");
    assert!(
        !comps.contains(&id),
        "its own row is not a comparable: {comps:?}"
    );

    let file = h.home.path().join("portal.csv");
    std::fs::write(
        &file,
        format!(
            "id,source,operation,property_type,title,price,currency,area_m2,bedrooms,district\n\
             copy-1,urbania,sale,{kind},Departamento,{},PEN,{area},{bedrooms},{district}\n",
            minor / 100
        ),
    )
    .unwrap();
    let homes_before = h
        .count("SELECT count(*) FROM market_pool WHERE kind = 'property' AND duplicate_of IS NULL");
    let out = h.run(&[
        "market",
        "import",
        "--kind",
        "property",
        file.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["new"], 1, "{s}");
    assert!(s["syncedDuplicatesChanged"].as_u64().unwrap() >= 1, "{s}");
    assert_eq!(
        s["poolProperties"].as_i64().unwrap(),
        homes_before,
        "the same home from two sources counts once: {s}"
    );
    let dup: Option<String> = h
        .conn()
        .query_row(
            "SELECT duplicate_of FROM market_pool WHERE kind = 'property' AND id = ?1",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dup.as_deref(), Some("copy-1"));
    let comps = comparable_ids(&recommend(&h));
    assert!(
        !comps.contains(&id) && !comps.contains(&"copy-1".to_string()),
        "neither copy of the listing is its comparable: {comps:?}"
    );
}
