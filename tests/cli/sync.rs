//! `treevu sync` end to end: the real binary, a real SQLite file, the sandbox on 127.0.0.1.

use crate::support;

use std::time::Duration;

use support::{Harness, stderr, stdout};
use treevu::sandbox::SandboxOptions;

use support::cli_opts as opts;

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
    let mut killed_after_pages = 0;
    for (seed, delay_ms) in [(1u64, 150u64), (2, 400), (3, 900)] {
        // The last run pages slowly enough (15 pages at 100 ms, four at a
        // time) that its kill lands between stored pages even on a quiet,
        // fast machine, where the others may finish before their delay.
        let latency = if seed == 3 { 100 } else { 15 };
        let h = Harness::new(SandboxOptions {
            seed,
            latency: Duration::from_millis(latency),
            ..opts(1500)
        });
        let mut child = h.cmd(&["sync", "olx", "--quiet"]).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        // The last kill waits for stored pages (a loaded machine may take longer
        // than its delay to get there), so some kill always lands mid-sync.
        let stored = || {
            h.db().exists()
                && h.count("SELECT count(*) FROM sqlite_master WHERE name = 'listings'") > 0
                && h.count("SELECT count(*) FROM listings") > 0
        };
        if seed == 3 {
            let until = std::time::Instant::now() + Duration::from_secs(60);
            while !stored() && std::time::Instant::now() < until {
                if child.try_wait().unwrap().is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        // A kill before the schema was written leaves an empty file: nothing stored yet.
        let schema = h.db().exists()
            && h.count("SELECT count(*) FROM sqlite_master WHERE name = 'listings'") > 0;
        let stored_before = if schema {
            h.count("SELECT count(*) FROM listings WHERE marketplace = 'olx'")
        } else {
            0
        };
        let out = h.run(&["sync", "olx", "--quiet"]);
        assert_eq!(out.status.code(), Some(0), "seed {seed}: {}", stderr(&out));
        // A run that ended before the kill landed closed itself as ok.
        let first: String = if stored_before > 0 {
            h.conn()
                .query_row(
                    "SELECT outcome FROM sync_runs ORDER BY id LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .unwrap()
        } else {
            String::new()
        };
        if stored_before > 0 && first != "ok" {
            // The killed run is closed as interrupted, counting the pages it did store.
            let (outcome, fetched): (String, i64) = h
                .conn()
                .query_row(
                    "SELECT outcome, fetched FROM sync_runs ORDER BY id LIMIT 1",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!(outcome, "interrupted", "seed {seed}");
            assert_eq!(
                fetched, stored_before,
                "seed {seed}: the interrupted run's count"
            );
            killed_after_pages += 1;
        }
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
    assert!(
        killed_after_pages > 0,
        "some run was killed after storing pages"
    );
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
fn sync_into_postgresql_stores_every_listing_once_and_a_full_resync_adds_none() {
    let Some(url) = support::pg::database("sync") else {
        return;
    };
    let h = Harness::new(opts(250));
    let on_pg = |args: &[&str]| {
        h.cmd(args)
            .env_remove("TREEVU_DB")
            .env("TREEVU_DATABASE_URL", &url)
            .env("TREEVU_PROFILE", "ana")
            .output()
            .unwrap()
    };
    let markets = ["olx", "inmuebles24", "autofact"];
    let out = on_pg(&["sync", "--all", "--json"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let reports = json_reports(&out);
    let mut totals = Vec::new();
    for m in markets {
        let r = report(&reports, m);
        let ids = h.remote_ids(m).len() as i64;
        assert_eq!(
            (&r["outcome"], r["new"].as_i64()),
            (&"ok".into(), Some(ids)),
            "{r}"
        );
        assert_eq!(
            support::pg::listings(&url, "ana", m),
            (ids, ids),
            "{m}: every listing stored once"
        );
        totals.push(ids);
    }
    // A full run again: nothing new, nothing removed, no row twice.
    let out = on_pg(&["sync", "--all", "--full", "--json"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let reports = json_reports(&out);
    for (m, ids) in markets.into_iter().zip(totals) {
        let r = report(&reports, m);
        assert_eq!(
            (r["new"].as_i64(), r["removed"].as_i64()),
            (Some(0), Some(0)),
            "{r}"
        );
        assert_eq!(support::pg::listings(&url, "ana", m), (ids, ids), "{m}");
    }
    // The status reads the same database; the other merchant has nothing.
    let status = on_pg(&["sync", "status", "--json"]);
    assert_eq!(
        support::status_row(&status, "olx")["outcome"],
        "ok",
        "{}",
        stderr(&status)
    );
    assert_eq!(support::pg::listings(&url, "beto", "olx"), (0, 0));
    assert!(!h.db().exists(), "no SQLite file beside the database");
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
    let af = support::status_row(&status, "autofact");
    assert_eq!(af["outcome"], "failed");
    assert!(
        af["lastNotice"].as_str().unwrap().contains("webhook"),
        "{af}"
    );
}

/// The seeded true pairing, as sets of two listing ids.
fn true_pairs(h: &Harness) -> std::collections::BTreeSet<(String, String)> {
    let v: serde_json::Value = reqwest::blocking::get(format!("{}/_sandbox/twins", h.base))
        .unwrap()
        .json()
        .unwrap();
    v["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let l = p["listings"].as_array().unwrap();
            (
                l[0].as_str().unwrap().to_string(),
                l[1].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The pairs `treevu twins --json` shows, from each group's links.
fn shown_pairs(out: &std::process::Output) -> std::collections::BTreeSet<(String, String)> {
    let groups: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("twins --json ({e}): {}{}", stdout(out), stderr(out)));
    support::twins::shown_pairs(&groups)
}

#[test]
fn twins_are_detected_after_a_sync_stored_and_corrected_by_the_merchant() {
    let h = Harness::new(opts(36));
    let out = h.run(&["sync", "--all", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "sync: {}", stderr(&out));
    let out = h.run(&["twins", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let truth = true_pairs(&h);
    let found = shown_pairs(&out);
    let right = found.intersection(&truth).count() as f64;
    let (precision, recall) = (right / found.len() as f64, right / truth.len() as f64);
    assert!(
        precision >= 0.97 && recall >= 0.9,
        "precision {precision:.3}, recall {recall:.3}: found {found:?}, truth {truth:?}"
    );
    // Each shown group carries its score and the evidence that linked it.
    let groups: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let g = &groups[0];
    assert!(g["score"].as_f64().unwrap() >= 0.7, "{g}");
    let fields: Vec<&str> = g["links"][0]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"price") && fields.contains(&"title"),
        "{fields:?}"
    );
    // The links are stored, and the table shows them too.
    assert_eq!(
        h.count("SELECT count(*) FROM twin_links WHERE origin = 'detected'") as usize,
        found.len()
    );
    let table = stdout(&h.run(&["twins"]));
    let (a, b) = found.iter().next().unwrap().clone();
    assert!(table.contains(&a) && table.contains(&b), "{table}");

    // The merchant says one pair is not one item: it stays apart, also after detection runs again.
    let out = h.run(&["twins", "unlink", &a, &b]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let again = shown_pairs(&h.run(&["twins", "--json"]));
    assert!(
        !again.contains(&(a.clone(), b.clone())),
        "unlinked pair came back"
    );
    assert_eq!(again.len(), found.len() - 1);
    // ... and links it again: by their word now.
    let out = h.run(&["twins", "link", &b, &a]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        h.count("SELECT count(*) FROM twin_links WHERE origin = 'manual'"),
        1
    );
    // Bad input is named: an unknown id, two listings on one marketplace, a home and a car.
    let out = h.run(&["twins", "link", &a, "olx:NOPE"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("olx:NOPE"), "{}", stderr(&out));
    let olx: Vec<String> = h.remote_ids("olx").into_iter().take(2).collect();
    let out = h.run(&[
        "twins",
        "link",
        &format!("olx:{}", olx[0]),
        &format!("olx:{}", olx[1]),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("same marketplace"),
        "{}",
        stderr(&out)
    );
    let af = h.remote_ids("autofact")[0].clone();
    let i24 = h.remote_ids("inmuebles24")[0].clone();
    let out = h.run(&[
        "twins",
        "link",
        &format!("autofact:{af}"),
        &format!("inmuebles24:{i24}"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cannot be one item"),
        "{}",
        stderr(&out)
    );
    // Where each item does best: per twin views, contacts and favorites per day.
    let out = h.run(&["twins", "--stats", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = stats.as_array().unwrap();
    assert_eq!(
        items.len(),
        found.len(),
        "one entry per item, the relinked one too"
    );
    for it in items {
        for t in it["twins"].as_array().unwrap() {
            assert!(t["days"].as_f64().unwrap() > 0.0, "{t}");
            assert!(t["viewsPerDay"].as_f64().unwrap() >= 0.0, "{t}");
        }
    }
    assert!(
        items
            .iter()
            .any(|i| i["best"].is_string() && i["bestMarketplace"].is_string()),
        "{stats}"
    );
    // The policy is the profile's, `ask` until chosen.
    assert_eq!(stdout(&h.run(&["twins", "policy"])).trim(), "ask");
    assert_eq!(h.run(&["twins", "policy", "auto"]).status.code(), Some(0));
    assert_eq!(stdout(&h.run(&["twins", "policy"])).trim(), "auto");
    let out = h.run(&["twins", "policy", "sometimes"]);
    assert_eq!(out.status.code(), Some(2));
}

/// A seeded pair whose two listings are both active, as (`olx:…`, the other).
fn active_pair(h: &Harness, kind_other: &str) -> (String, String) {
    let active = |id: &str| {
        let (m, r) = id.split_once(':').unwrap();
        h.count(&format!(
            "SELECT count(*) FROM listings WHERE marketplace = '{m}' AND remote_id = '{r}' \
             AND status = 'active' AND removed_at IS NULL"
        )) == 1
    };
    true_pairs(h)
        .into_iter()
        .map(|(a, b)| {
            if a.starts_with("olx:") {
                (a, b)
            } else {
                (b, a)
            }
        })
        .find(|(o, x)| x.starts_with(kind_other) && active(o) && active(x))
        .expect("an active pair")
}

/// Sets a listing's status at the sandbox, as a buyer (or the merchant) would there.
fn sell(h: &Harness, id: &str, status: &str) {
    let (m, r) = id.split_once(':').unwrap();
    let resp = reqwest::blocking::Client::new()
        .post(format!("{}/_sandbox/status", h.base))
        .json(&serde_json::json!({"marketplace": m, "id": r, "status": status}))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 200, "{}", resp.text().unwrap());
}

/// A listing's status as its marketplace has it (the sandbox's own copy).
fn remote_status(h: &Harness, id: &str) -> String {
    let (m, r) = id.split_once(':').unwrap();
    let path = match m {
        "olx" => format!("/olx/v2/listings/{r}"),
        "inmuebles24" => format!("/inmuebles24/v1/properties/{r}"),
        _ => format!("/autofact/v1/vehicles/{r}"),
    };
    let creds = h.sandbox.credentials();
    let token = |k: &str| h.tokens.iter().find(|(n, _)| n == k).unwrap().1.clone();
    let http = reqwest::blocking::Client::new();
    let rb = http.get(format!("{}{path}", h.base));
    let rb = match m {
        "olx" => rb
            .bearer_auth(token("TREEVU_OLX_TOKEN"))
            .header("X-API-Key", &creds.olx.api_key),
        "inmuebles24" => rb
            .bearer_auth(token("TREEVU_INMUEBLES24_TOKEN"))
            .header("X-API-Key", &creds.inmuebles24.api_key),
        _ => rb.header("X-API-Key", token("TREEVU_AUTOFACT_API_KEY")),
    };
    let v: serde_json::Value = rb.send().unwrap().json().unwrap();
    v["status"].as_str().unwrap().to_string()
}

/// Requests with `method` the sandbox answered for `m`'s API.
fn method_requests(h: &Harness, m: &str, method: &str) -> u64 {
    h.stats()["requests"][m]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| k.starts_with(&format!("{method} ")) && !k.contains("oauth"))
        .map(|(_, v)| v.as_u64().unwrap_or(0))
        .sum()
}

fn all_delists(reports: &[serde_json::Value]) -> Vec<serde_json::Value> {
    reports
        .iter()
        .flat_map(|r| r["delists"].as_array().cloned().unwrap_or_default())
        .collect()
}

#[test]
fn a_sale_takes_the_twin_down_with_auto_prints_the_command_with_ask_and_nothing_with_off() {
    let h = Harness::new(opts(36));
    assert_eq!(h.run(&["sync", "--all", "--quiet"]).status.code(), Some(0));
    let (olx_car, af) = active_pair(&h, "autofact:");
    let (olx_home, i24) = active_pair(&h, "inmuebles24:");

    // ask (the default): the command is printed, nothing is taken down.
    sell(&h, &af, "sold");
    let deletes = method_requests(&h, "olx", "DELETE");
    let out = h.run(&["sync", "--all", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let command = format!("treevu listing remove {olx_car} --yes");
    assert!(stderr(&out).contains(&command), "{}", stderr(&out));
    let d = all_delists(&json_reports(&out));
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(
        (d[0]["outcome"].as_str(), d[0]["command"].as_str()),
        (Some("proposed"), Some(command.as_str()))
    );
    assert_eq!(d[0]["causeStatus"], "sold");
    assert_eq!(remote_status(&h, &olx_car), "active");
    assert_eq!(method_requests(&h, "olx", "DELETE"), deletes);

    // off: nothing, not even the command.
    assert_eq!(h.run(&["twins", "policy", "off"]).status.code(), Some(0));
    let out = h.run(&["sync", "--all", "--json"]);
    assert!(!stderr(&out).contains("listing remove"), "{}", stderr(&out));
    assert!(all_delists(&json_reports(&out)).is_empty());
    assert_eq!(remote_status(&h, &olx_car), "active");

    // auto: taken down in the same run, after re-reading both at their marketplaces.
    assert_eq!(h.run(&["twins", "policy", "auto"]).status.code(), Some(0));
    sell(&h, &olx_home, "sold");
    let gets_af = h.stats()["requests"]["autofact"]["GET /vehicles/{vehicle_id}"]
        .as_u64()
        .unwrap_or(0);
    let out = h.run(&["sync", "--all", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let d = all_delists(&json_reports(&out));
    let done: Vec<&serde_json::Value> = d.iter().filter(|e| e["outcome"] == "delisted").collect();
    assert_eq!(done.len(), 2, "{d:?}");
    let car = done
        .iter()
        .find(|e| e["target"] == olx_car.as_str())
        .unwrap();
    assert_eq!(
        (car["cause"].as_str(), car["method"].as_str()),
        (Some(af.as_str()), Some("delete"))
    );
    let home = done.iter().find(|e| e["target"] == i24.as_str()).unwrap();
    assert_eq!(
        home["method"], "putStatusRemoved",
        "Inmuebles24 has no DELETE"
    );
    assert_eq!(remote_status(&h, &olx_car), "removed");
    assert_eq!(remote_status(&h, &i24), "removed");
    assert!(
        h.stats()["requests"]["autofact"]["GET /vehicles/{vehicle_id}"]
            .as_u64()
            .unwrap()
            > gets_af,
        "the sale was re-read at Autofact before anything was taken down"
    );
    let (m, r) = olx_car.split_once(':').unwrap();
    assert_eq!(
        h.count(&format!(
            "SELECT count(*) FROM listings WHERE marketplace = '{m}' AND remote_id = '{r}' AND status = 'removed'"
        )),
        1,
        "the store knows it is down"
    );
    assert!(
        stderr(&out).contains(&format!("{olx_car} taken down")),
        "{}",
        stderr(&out)
    );
    // Once done, done: the next sync has nothing to take down.
    let out = h.run(&["sync", "--all", "--json"]);
    assert!(all_delists(&json_reports(&out)).is_empty());
}

/// Cron and the merchant (or two cron lines) may sync at once: after a sale
/// both syncs succeed, and the twin is taken down once, by one of them.
#[test]
fn two_syncs_at_once_after_a_sale_both_succeed_and_take_the_twin_down_once() {
    let h = Harness::new(opts(36));
    assert_eq!(h.run(&["sync", "--all", "--quiet"]).status.code(), Some(0));
    assert_eq!(h.run(&["twins", "policy", "auto"]).status.code(), Some(0));
    let (olx_home, i24) = active_pair(&h, "inmuebles24:");
    sell(&h, &olx_home, "sold");
    let puts = method_requests(&h, "inmuebles24", "PUT");
    let deletes = method_requests(&h, "olx", "DELETE");
    let outs = h.run_at_once(2, &["sync", "--all", "--json", "--wait"]);
    for o in &outs {
        assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
        assert!(!stderr(o).contains("UNIQUE"), "{}", stderr(o));
    }
    let d: Vec<serde_json::Value> = outs
        .iter()
        .flat_map(|o| all_delists(&json_reports(o)))
        .collect();
    let done: Vec<&serde_json::Value> = d.iter().filter(|e| e["outcome"] == "delisted").collect();
    assert_eq!(done.len(), 1, "taken down by one sync: {d:?}");
    assert_eq!(done[0]["target"], i24.as_str());
    assert!(
        d.iter().all(|e| e["target"] == i24.as_str()
            && ["delisted", "elsewhere", "alreadyDown"].contains(&e["outcome"].as_str().unwrap())),
        "{d:?}"
    );
    assert_eq!(
        method_requests(&h, "inmuebles24", "PUT") - puts,
        1,
        "one status change at Inmuebles24"
    );
    assert_eq!(method_requests(&h, "olx", "DELETE"), deletes);
    assert_eq!(remote_status(&h, &i24), "removed");
    assert_eq!(
        h.count("SELECT count(*) FROM delists WHERE state = 'done'"),
        1,
        "{d:?}"
    );
}

/// Twins detection first finds after one of them sold are a guess made too late
/// to check: even with `auto`, the other is proposed, never taken down.
#[test]
fn twins_found_only_after_a_sale_are_proposed_not_taken_down_even_with_auto() {
    let h = Harness::new(opts(36));
    assert_eq!(h.run(&["twins", "policy", "auto"]).status.code(), Some(0));
    // A car and its OLX copy, both on sale, that treevu has never seen.
    let v: serde_json::Value = reqwest::blocking::get(format!("{}/_sandbox/twins", h.base))
        .unwrap()
        .json()
        .unwrap();
    let p = v["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| {
            p["kind"] == "vehicle" && p["statuses"] == serde_json::json!(["active", "active"])
        })
        .expect("an active car pair");
    let (af, olx_car) = (
        p["listings"][0].as_str().unwrap().to_string(),
        p["listings"][1].as_str().unwrap().to_string(),
    );
    assert!(af.starts_with("autofact:") && olx_car.starts_with("olx:"));
    sell(&h, &af, "sold");
    for _ in 0..2 {
        let out = h.run(&["sync", "--all", "--json"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let d = all_delists(&json_reports(&out));
        let e = d
            .iter()
            .find(|e| e["target"] == olx_car.as_str())
            .unwrap_or_else(|| panic!("a proposal for {olx_car}: {d:?}"));
        assert_eq!(e["outcome"], "proposed", "{e}");
        assert_eq!(e["cause"], af.as_str());
        assert!(e["note"].as_str().unwrap().contains("only after"), "{e}");
        let command = format!("treevu listing remove {olx_car} --yes");
        assert!(stderr(&out).contains(&command), "{}", stderr(&out));
        assert_eq!(remote_status(&h, &olx_car), "active");
        assert_eq!(method_requests(&h, "olx", "DELETE"), 0);
    }
}

#[test]
fn two_twins_sold_at_once_are_a_conflict_and_nothing_is_taken_down() {
    let h = Harness::new(opts(36));
    assert_eq!(h.run(&["sync", "--all", "--quiet"]).status.code(), Some(0));
    assert_eq!(h.run(&["twins", "policy", "auto"]).status.code(), Some(0));
    let (olx, i24) = active_pair(&h, "inmuebles24:");
    sell(&h, &olx, "sold");
    sell(&h, &i24, "sold");
    let puts = method_requests(&h, "inmuebles24", "PUT");
    let deletes = method_requests(&h, "olx", "DELETE");
    let out = h.run(&["sync", "--all", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("conflict"), "{}", stderr(&out));
    let reports = json_reports(&out);
    let conflicts: Vec<serde_json::Value> = reports
        .iter()
        .flat_map(|r| r["conflicts"].as_array().cloned().unwrap_or_default())
        .collect();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let mut both = vec![olx.clone(), i24.clone()];
    both.sort();
    let mut shown: Vec<String> = conflicts[0]["listings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    shown.sort();
    assert_eq!(shown, both);
    assert_eq!(conflicts[0]["new"], true);
    assert!(all_delists(&reports).is_empty());
    assert_eq!(method_requests(&h, "inmuebles24", "PUT"), puts);
    assert_eq!(method_requests(&h, "olx", "DELETE"), deletes);
    // Reported once as new; later runs remind without alarming again.
    let out = h.run(&["sync", "--all", "--json"]);
    let reports = json_reports(&out);
    let again: Vec<serde_json::Value> = reports
        .iter()
        .flat_map(|r| r["conflicts"].as_array().cloned().unwrap_or_default())
        .collect();
    assert_eq!(again[0]["new"], false);
}

#[test]
fn a_failed_delist_is_retried_by_the_next_sync() {
    let h = Harness::new(opts(36));
    assert_eq!(h.run(&["sync", "--all", "--quiet"]).status.code(), Some(0));
    assert_eq!(h.run(&["twins", "policy", "auto"]).status.code(), Some(0));
    let (olx, af) = active_pair(&h, "autofact:");
    sell(&h, &af, "sold");
    // OLX refuses every DELETE with 503 for now.
    let fail = |count: &str| {
        let r = reqwest::blocking::Client::new()
            .post(format!("{}/_sandbox/fail-next", h.base))
            .query(&[
                ("marketplace", "olx"),
                ("method", "DELETE"),
                ("count", count),
                ("status", "503"),
            ])
            .send()
            .unwrap();
        assert_eq!(r.status(), 200);
    };
    fail("50");
    let out = h.run(&["sync", "--all", "--json"]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "a delist left for the next run: {}",
        stderr(&out)
    );
    let d = all_delists(&json_reports(&out));
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(
        (d[0]["outcome"].as_str(), d[0]["retry"].as_bool()),
        (Some("failed"), Some(true))
    );
    assert!(d[0]["error"].as_str().unwrap().contains("503"), "{}", d[0]);
    assert!(
        stderr(&out).contains("the next sync tries again"),
        "{}",
        stderr(&out)
    );
    assert_eq!(remote_status(&h, &olx), "active");
    assert_eq!(
        h.count("SELECT count(*) FROM delists WHERE state = 'pending' AND attempts = 1"),
        1,
        "never forgotten"
    );
    // The marketplace recovers: the next sync takes it down.
    fail("0");
    let out = h.run(&["sync", "--all", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let d = all_delists(&json_reports(&out));
    assert_eq!(d[0]["outcome"], "delisted", "{d:?}");
    assert_eq!(remote_status(&h, &olx), "removed");
    assert_eq!(
        h.count("SELECT count(*) FROM delists WHERE state = 'done'"),
        1
    );
}

#[test]
fn sync_feeds_the_pool_and_a_listing_is_never_its_own_comparable() {
    let h = Harness::new(opts(40));
    let out = h.run(&["sync", "--all", "--json"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let reports = json_reports(&out);
    // Each account's run brings its own listings into the pool (and its market
    // data): every report counts rows, and together they count every row.
    let gained: u64 = ["olx", "inmuebles24", "autofact"]
        .iter()
        .map(|m| report(&reports, m)["pool"]["new"].as_u64().unwrap())
        .sum();
    for m in ["olx", "inmuebles24", "autofact"] {
        let r = report(&reports, m);
        let own = h.count(&format!(
            "SELECT count(*) FROM market_pool WHERE source = '{m}' AND origin = 'own'"
        ));
        assert!(own > 0, "{m} fed the pool: {reports:?}");
        assert!(
            r["pool"]["new"].as_u64().unwrap() >= own as u64,
            "{m}'s report counts its own listings: {r}"
        );
    }
    assert_eq!(
        gained,
        h.count("SELECT count(*) FROM market_pool") as u64,
        "the reports count every row the pool gained: {reports:?}"
    );
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
    // The sync fitted the models: the first recommendation reads them.
    let out = h.run(&["-v", "recommend", &id, "--json"]);
    assert!(!stderr(&out).contains("fitting"), "{}", stderr(&out));
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
    assert_eq!(s["modelFitted"], true, "the import refitted: {s}");
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

#[test]
fn with_the_fit_after_sync_turned_off_the_first_recommendation_fits_and_says_so() {
    let h = Harness::new(opts(10));
    let out = h
        .cmd(&["sync", "--all", "--json"])
        .env("TREEVU_SYNC_FIT_MODELS", "0")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    // What the pool gained is said on stderr too, per marketplace, as the JSON counts it.
    for r in json_reports(&out) {
        let line = format!(
            ": market pool {} new, {} updated,",
            r["pool"]["new"], r["pool"]["updated"]
        );
        assert!(
            r["pool"]["new"].as_u64().unwrap() > 0 && stderr(&out).contains(&line),
            "{line} in {}",
            stderr(&out)
        );
    }
    let id: String = h
        .conn()
        .query_row(
            "SELECT marketplace || ':' || remote_id FROM listings WHERE kind = 'property' \
             AND status = 'active' ORDER BY remote_id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let recommend = || {
        let out = h.run(&["-v", "recommend", &id, "--json"]);
        assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
        stderr(&out)
    };
    let first = recommend();
    assert!(
        first.contains("fitting the home price model on") && first.contains("fitted the home"),
        "the fit left to the first recommendation is shown: {first}"
    );
    let second = recommend();
    assert!(!second.contains("fitting"), "then read: {second}");
}
