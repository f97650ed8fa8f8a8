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
