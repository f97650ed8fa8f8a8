//! `treevu worker` on PostgreSQL: workers at once over the leases of several
//! merchants, each account synced once; and its refusal on SQLite.

use crate::support::{self, Harness, stderr, stdout};

const MERCHANTS: [&str; 4] = ["ana", "beto", "caro", "dani"];
const MARKETS: [&str; 3] = ["olx", "inmuebles24", "autofact"];

fn worker(h: &Harness, url: &str, args: &[&str]) -> std::process::Command {
    let mut c = h.cmd(args);
    c.env_remove("TREEVU_DB").env("TREEVU_DATABASE_URL", url);
    c
}

#[test]
fn two_workers_at_once_sync_every_account_of_every_merchant_exactly_once() {
    let Some(url) = support::pg::database("worker") else {
        return;
    };
    let h = Harness::new(support::cli_opts(60));
    for name in MERCHANTS {
        let out = worker(&h, &url, &["merchants", "add", name])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        for m in MARKETS {
            support::pg::seed_account(&url, name, m);
        }
    }
    let args = ["worker", "--once", "--concurrency", "3"];
    let (a, b) = (
        worker(&h, &url, &args).spawn().unwrap(),
        worker(&h, &url, &args).spawn().unwrap(),
    );
    for out in [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()] {
        assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    }
    for name in MERCHANTS {
        for m in MARKETS {
            let ids = h.remote_ids(m).len() as i64;
            assert_eq!(
                support::pg::listings(&url, name, m),
                (ids, ids),
                "{name} {m}: every listing stored once"
            );
            assert_eq!(
                support::pg::runs(&url, name, m),
                [("ok".to_string(), 1)],
                "{name} {m}: synced exactly once"
            );
        }
    }
    // Everything is done until its cadence: a second drain finds nothing.
    let again = worker(&h, &url, &["worker", "--once"]).output().unwrap();
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("nothing is due"),
        "{}",
        stderr(&again)
    );
    for name in MERCHANTS {
        assert_eq!(
            support::pg::runs(&url, name, "olx"),
            [("ok".to_string(), 1)]
        );
    }
    assert!(
        stdout(&again).is_empty(),
        "data only on stdout: {}",
        stdout(&again)
    );
}

#[test]
fn sigterm_stops_a_polling_worker_with_exit_0_and_no_lease_held() {
    let Some(url) = support::pg::database("worker_term") else {
        return;
    };
    let h = Harness::new(support::cli_opts(20));
    let out = worker(&h, &url, &["merchants", "add", "ana"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    support::pg::seed_account(&url, "ana", "olx");
    let child = worker(&h, &url, &["worker", "--lease-seconds", "30"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while support::pg::runs(&url, "ana", "olx") != [("ok".to_string(), 1)] {
        assert!(
            std::time::Instant::now() < deadline,
            "the worker synced ana's OLX"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("stopped"), "{}", stderr(&out));
    assert_eq!(support::pg::leases_held(&url), 0, "no lease left held");
}

/// Waits for `child` to exit, at most `limit`; killed by its PID (and the
/// test failed) if it does not.
fn wait_at_most(
    mut child: std::process::Child,
    limit: std::time::Duration,
) -> std::process::Output {
    let deadline = std::time::Instant::now() + limit;
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!("still running after {limit:?}: {}", stderr(&out));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn sigterm_mid_sync_stores_the_pages_in_flight_releases_the_lease_and_the_next_worker_continues() {
    let Some(url) = support::pg::database("worker_midrun") else {
        return;
    };
    // Twenty pages, four fetched at a time at 300 ms each: storing them is
    // what takes the time (seconds in a debug build).
    const LISTINGS: i64 = 2000;
    const IN_FLIGHT: i64 = 4;
    let h = Harness::new(treevu::sandbox::SandboxOptions {
        latency: std::time::Duration::from_millis(300),
        ..support::cli_opts(LISTINGS as usize)
    });
    let out = worker(&h, &url, &["merchants", "add", "ana"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    support::pg::seed_account(&url, "ana", "olx");
    let child = worker(&h, &url, &["worker", "--lease-seconds", "30"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut at_signal = 0;
    while at_signal == 0 {
        assert!(std::time::Instant::now() < deadline, "a first page stored");
        std::thread::sleep(std::time::Duration::from_millis(50));
        at_signal = support::pg::listings(&url, "ana", "olx").0;
    }
    let signalled = std::time::Instant::now();
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let out = wait_at_most(child, std::time::Duration::from_secs(60));
    let stopping = signalled.elapsed();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("continuing from its checkpoint"),
        "{}",
        stderr(&out)
    );
    let log = support::pg::run_log(&url, "ana", "olx");
    assert_eq!(log.len(), 1, "{log:?}");
    let (outcome, stored_first) = log[0].clone();
    assert_eq!(outcome, "interrupted", "neither ok nor failed");
    // After the signal only the pages already asked for were stored: the one
    // being written and those in flight, not the rest of the run.
    assert!(
        stored_first < LISTINGS && stored_first - at_signal <= (IN_FLIGHT + 1) * 100,
        "{at_signal} stored at the signal, {stored_first} at the stop"
    );
    assert_eq!(
        support::pg::listings(&url, "ana", "olx").0,
        stored_first,
        "every page fetched was stored and counted"
    );
    assert_eq!(support::pg::leases_held(&url), 0, "the lease is released");
    assert!(
        support::pg::due_now(&url, "ana", "olx"),
        "due again at once"
    );

    let resumed = std::time::Instant::now();
    let out = worker(&h, &url, &["worker", "--once"]).output().unwrap();
    let rest = resumed.elapsed();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let log = support::pg::run_log(&url, "ana", "olx");
    assert_eq!(
        log.iter().map(|(o, _)| o.as_str()).collect::<Vec<_>>(),
        ["interrupted", "ok"]
    );
    assert_eq!(
        stored_first + log[1].1,
        LISTINGS,
        "the second run fetched only the pages the first had not stored"
    );
    assert_eq!(
        support::pg::listings(&url, "ana", "olx"),
        (LISTINGS, LISTINGS),
        "every listing the sandbox seeded stored once"
    );
    // Stopping took a fraction of what the rest of the run took.
    assert!(
        stopping * 2 < rest,
        "stopped promptly: {stopping:?}, the rest of the run {rest:?}"
    );
}

#[test]
fn worker_on_sqlite_exits_2_naming_the_database_url() {
    let h = Harness::new(support::cli_opts(5));
    let out = h.run(&["worker", "--once"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("--database-url") && err.contains("TREEVU_DATABASE_URL"),
        "{err}"
    );
}
