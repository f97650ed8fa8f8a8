//! Faults and concurrency, end to end: the real binary, a real SQLite file, the
//! sandbox on 127.0.0.1. What a merchant (or cron) would check after a bad day:
//! exit codes, no duplicate rows, the rate budget spent once, an intact file.
//!
//! `kill -9` at random points of a sync (several seeds) is covered by
//! `tests/cli/sync.rs::kill_during_sync_loses_nothing_and_the_rerun_completes`.

use crate::support;
use crate::support::connect as connect_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use support::{Harness, stderr, stdout};
use treevu::sandbox::SandboxOptions;

const MARKETS: [&str; 3] = ["olx", "inmuebles24", "autofact"];

use support::cli_opts as opts;

fn reports_of(out: &Output) -> Vec<serde_json::Value> {
    if out.stdout.is_empty() {
        return Vec::new();
    }
    serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}\n{}", stdout(out), stderr(out)))
        .as_array()
        .expect("a list of reports")
        .clone()
}

fn integrity(conn: &rusqlite::Connection) -> String {
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn no_duplicates(h: &Harness) {
    let dups = h.count(
        "SELECT count(*) FROM (SELECT marketplace, remote_id, count(*) FROM listings \
         GROUP BY marketplace, remote_id HAVING count(*) > 1)",
    );
    assert_eq!(dups, 0, "no listing is stored twice");
}

fn total_requests(h: &Harness) -> u64 {
    MARKETS.iter().map(|m| h.requests(m)).sum()
}

/// `k` processes of `treevu sync --all` on one profile at the same moment.
fn concurrent_sync_all(k: usize) {
    const N: usize = 1200;
    let h = Harness::new(SandboxOptions {
        latency: Duration::from_millis(5),
        ..opts(N)
    });
    let before = total_requests(&h);
    let outs = h.run_at_once(k, &["sync", "--all", "--json"]);
    let used = total_requests(&h) - before;

    let mut full_runs = std::collections::BTreeMap::<String, u32>::new();
    let mut repeat_runs = 0u64;
    for o in &outs {
        let code = o.status.code();
        assert!(
            code == Some(0) || code == Some(5),
            "documented codes only (0 or 5): {code:?}\n{}",
            stderr(o)
        );
        let reports = reports_of(o);
        if reports.len() < 3 {
            assert!(
                stderr(o).contains("already syncing"),
                "an account left out is said to be busy: {}",
                stderr(o)
            );
            assert_eq!(
                code,
                Some(5),
                "an account left to another process is exit 5, not success: {}",
                stderr(o)
            );
        } else {
            assert_eq!(code, Some(0), "{}", stderr(o));
        }
        if code == Some(5) {
            assert!(
                stderr(o).contains("already syncing"),
                "exit 5 says why: {}",
                stderr(o)
            );
        }
        for r in reports {
            assert_eq!(r["outcome"], "ok", "{r}");
            if r["full"] == true {
                *full_runs
                    .entry(r["marketplace"].as_str().unwrap().into())
                    .or_default() += 1;
            } else {
                repeat_runs += 1;
            }
        }
    }
    for m in MARKETS {
        assert_eq!(
            full_runs.get(m).copied().unwrap_or(0),
            1,
            "{m}: exactly one process pulled the full listing set: {full_runs:?}"
        );
        assert_eq!(
            h.count(&format!(
                "SELECT count(*) FROM listings WHERE marketplace = '{m}'"
            )),
            N as i64,
            "{m}: every listing stored"
        );
    }
    no_duplicates(&h);
    let throttled: u64 = MARKETS
        .iter()
        .map(|m| h.stats()["throttled"][*m].as_u64().unwrap_or(0))
        .sum();
    assert!(throttled <= 1, "no 429 storm: {throttled}");
    // One full sync's bound per marketplace; a process refused by the lock costs
    // nothing, one that came after another finished costs at most a repeat sync.
    let bound = 3 * ((N as u64).div_ceil(100) + 10) + 10 * repeat_runs;
    assert!(
        used <= bound,
        "the budget is spent once: {used} requests > {bound} ({repeat_runs} repeat runs)"
    );
    assert_eq!(
        h.count("SELECT count(*) FROM sync_runs WHERE outcome = 'running'"),
        0
    );
    assert_eq!(integrity(&h.conn()), "ok");
}

#[test]
fn two_concurrent_sync_all_share_one_budget() {
    concurrent_sync_all(2);
}

#[test]
fn four_concurrent_sync_all_share_one_budget() {
    concurrent_sync_all(4);
}

#[test]
fn flaky_slow_marketplaces_complete_or_checkpoint_without_half_writes() {
    let h = Harness::new(SandboxOptions {
        error_rate: 0.3,
        latency: Duration::from_millis(200),
        ..opts(300)
    });
    let out = h.run(&["sync", "--all", "--json"]);
    let code = out.status.code();
    let reports = reports_of(&out);
    // A request that still fails after every retry (0.3^5 each, a few runs in
    // a hundred) fails its marketplace's run: exit 1, as cron must see it.
    let failed_for_good = reports.iter().any(|r| r["outcome"] == "failed");
    assert!(
        code == Some(0) || code == Some(3) || (code == Some(1) && failed_for_good),
        "completes, checkpoints or names the marketplace that kept failing: {code:?}\n{}",
        stderr(&out)
    );
    assert_eq!(reports.len(), 3, "{}", stderr(&out));
    assert_eq!(integrity(&h.conn()), "ok");
    no_duplicates(&h);
    assert_eq!(
        h.count(
            "SELECT count(*) FROM listings l \
             WHERE NOT EXISTS (SELECT 1 FROM price_history p WHERE p.listing_id = l.id)"
        ),
        0,
        "every stored listing has its price history"
    );
    for r in &reports {
        let m = r["marketplace"].as_str().unwrap();
        let stored = h.count(&format!(
            "SELECT count(*) FROM listings WHERE marketplace = '{m}'"
        ));
        if r["outcome"] == "ok" {
            assert_eq!(stored, 300, "{m}: a completed run stored everything");
        } else if r["outcome"] == "failed" {
            let why = r["error"].as_str().unwrap_or_default();
            assert!(
                why.contains("answered 5") || why.contains("cannot reach"),
                "{m}: failed on a 5xx or the network, and says so: {r}"
            );
            assert_eq!(stored % 100, 0, "{m}: only whole pages stored: {stored}");
        } else {
            assert_eq!(r["outcome"], "partial", "{r}");
        }
    }
    assert_eq!(
        h.count("SELECT count(*) FROM sync_runs WHERE outcome = 'running'"),
        0,
        "no run left open"
    );
}

// ---- read-only database directory ----

/// A directory the test can make read-only for real. As root, chmod does not
/// stop writes, so a small tmpfs is mounted and remounted read-only; without
/// mount rights, chmod is used, and the case is skipped if it stops nothing.
struct ReadOnlyDir {
    path: PathBuf,
    mounted: bool,
    _parent: tempfile::TempDir,
}

impl ReadOnlyDir {
    fn new() -> ReadOnlyDir {
        let parent = tempfile::tempdir().unwrap();
        let path = parent.path().join("db");
        std::fs::create_dir(&path).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs"])
            .arg(&path)
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        ReadOnlyDir {
            path,
            mounted,
            _parent: parent,
        }
    }

    /// Makes the directory read-only; false when that cannot be made to hold here.
    fn seal(&self) -> bool {
        if self.mounted {
            return Command::new("mount")
                .args(["-o", "remount,ro"])
                .arg(&self.path)
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&self.path, std::fs::Permissions::from_mode(0o500)).unwrap();
        for f in std::fs::read_dir(&self.path).unwrap().flatten() {
            let _ = std::fs::set_permissions(f.path(), std::fs::Permissions::from_mode(0o400));
        }
        let probe = self.path.join("probe");
        if std::fs::write(&probe, b"x").is_ok() {
            let _ = std::fs::remove_file(&probe);
            return false;
        }
        true
    }

    fn unseal(&self) {
        if self.mounted {
            let _ = Command::new("mount")
                .args(["-o", "remount,rw"])
                .arg(&self.path)
                .status();
        } else {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&self.path, std::fs::Permissions::from_mode(0o700));
        }
    }
}

impl Drop for ReadOnlyDir {
    fn drop(&mut self) {
        self.unseal();
        if self.mounted {
            let _ = Command::new("umount").arg(&self.path).status();
        }
    }
}

fn sha(path: &Path) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

#[test]
fn read_only_database_directory_is_a_clear_error_and_the_file_is_untouched() {
    let h = Harness::new(opts(40));
    let dir = ReadOnlyDir::new();
    if !dir.mounted {
        eprintln!("note: cannot mount a tmpfs here; using chmod 0500 instead");
    }
    let db = dir.path.join("treevu.db");
    let with_db = |args: &[&str]| h.run_on(&db, args);
    let first = with_db(&["sync", "--all", "--quiet"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    // Fold the WAL into the file so "unchanged" means the bytes of one file.
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
    }
    let listings_before: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM listings", [], |r| r.get(0))
        .unwrap();
    if !dir.seal() {
        eprintln!(
            "note: skipped: running as root without mount rights, chmod does not stop writes"
        );
        return;
    }
    let before = sha(&db);

    let out = with_db(&["sync", "--all", "--full"]);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a read-only database fails: {err}"
    );
    assert!(
        err.contains(&dir.path.display().to_string()),
        "the error names the path: {err}"
    );
    assert!(
        err.to_lowercase().contains("read-only") || err.to_lowercase().contains("readonly"),
        "the error says what is wrong: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(sha(&db), before, "the database file is unchanged");

    // A database that does not exist yet, in a directory nobody can write.
    let fresh = dir.path.join("new.db");
    let out = h
        .cmd(&["sync", "--all"])
        .env("TREEVU_DB", &fresh)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&fresh.display().to_string()), "{err}");
    assert!(!fresh.exists());

    dir.unseal();
    let c = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(integrity(&c), "ok");
    let listings_after: i64 = c
        .query_row("SELECT count(*) FROM listings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(listings_after, listings_before, "nothing lost");
}

// ---- a full disk ----

/// A directory on a file system that fills up: a 1 MiB tmpfs where mounting
/// is allowed (CI runs as root), else `None` and the test says it skipped.
struct SmallDisk {
    path: PathBuf,
    _parent: tempfile::TempDir,
}

impl SmallDisk {
    fn new() -> Option<SmallDisk> {
        let parent = tempfile::tempdir().unwrap();
        let path = parent.path().join("small");
        std::fs::create_dir(&path).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs"])
            .arg(&path)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(SmallDisk {
            path,
            _parent: parent,
        })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.path).status();
    }
}

#[test]
fn sync_on_a_full_disk_exits_1_names_the_cause_and_the_path_and_closes_the_run() {
    let Some(disk) = SmallDisk::new() else {
        eprintln!("note: skipped: cannot mount a small tmpfs here");
        return;
    };
    // ~2 KB a listing: far more than 1 MiB, so the disk fills during the pages.
    let h = Harness::new(opts(3000));
    let db = disk.path.join("treevu.db");
    let run = |args: &[&str]| h.run_on(&db, args);
    let out = run(&["sync", "autofact", "--json"]);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a full disk is a failure: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    for text in [err.as_str(), &stdout(&out)] {
        assert!(
            text.contains(&db.display().to_string()),
            "names the file: {text}"
        );
        assert!(text.contains("disk is full"), "names the cause: {text}");
    }
    let reports = reports_of(&out);
    assert_eq!(reports.len(), 1, "{}", stdout(&out));
    assert_eq!(reports[0]["outcome"], "failed");

    // The run is recorded as failed with what it did store, and nothing stored is lost.
    let status = run(&["sync", "status", "--json"]);
    assert_eq!(status.status.code(), Some(0), "{}", stderr(&status));
    let af = support::status_row(&status, "autofact");
    assert_eq!(af["outcome"], "failed", "the run row is closed: {af}");
    assert!(
        af["error"].as_str().unwrap_or("").contains("disk is full"),
        "{af}"
    );
    let c = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(integrity(&c), "ok");
    let stored: i64 = c
        .query_row("SELECT count(*) FROM listings", [], |r| r.get(0))
        .unwrap();
    assert!(stored > 0 && stored < 3000, "some pages fit: {stored}");
    assert_eq!(
        af["fetched"].as_i64(),
        Some(stored),
        "the run counts the pages it stored"
    );
    assert_eq!(af["fetched"], reports[0]["fetched"]);
}

// ---- configuration ----

/// `TREEVU_SANDBOX` pointing off this machine is refused before anything is
/// sent. Proof that nothing is: every proxy variable points at a listener on
/// 127.0.0.1, which a plain-HTTP request to that remote address would reach.
#[test]
fn a_remote_treevu_sandbox_is_refused_before_any_request() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy = format!("http://{}", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(AtomicUsize::new(0));
    {
        let seen = seen.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                seen.fetch_add(1, Ordering::SeqCst);
                drop(conn); // answer nothing: a request would fail at once
            }
        });
    }
    let home = tempfile::tempdir().unwrap();
    for args in [
        &["sync", "olx"][..],
        &["sync", "--all", "--json"],
        &["connect", "olx", "--no-browser", "--timeout", "2"],
        &["auth", "token", "olx"],
        &["listings"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_treevu"))
            .args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("TREEVU_SANDBOX", "http://192.0.2.10:8080")
            .env("TREEVU_OLX_TOKEN", "at_test_0123456789abcdef")
            .env("RUST_BACKTRACE", "0")
            .envs(
                [
                    "HTTP_PROXY",
                    "http_proxy",
                    "HTTPS_PROXY",
                    "https_proxy",
                    "ALL_PROXY",
                    "all_proxy",
                ]
                .map(|k| (k, proxy.as_str())),
            )
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("TREEVU_SANDBOX=http://192.0.2.10:8080") && err.contains("this machine"),
            "{args:?}: {err}"
        );
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(seen.load(Ordering::SeqCst), 0, "a request went out");
}

// ---- clock skew ----

#[tokio::test(flavor = "multi_thread")]
async fn token_expired_on_the_server_but_not_locally_is_refreshed_once() {
    use connect_support::*;
    // Tokens live an hour by the local clock; the server expires them now.
    let env = start(true, 3600);
    env.connect_signed_in("olx").await;

    env.control("expire-tokens", "olx").await;
    let before = env.token_requests("olx").await;
    let out = env.run(&["sync", "olx", "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "the sync succeeds after one refresh: {}",
        connect_support::stderr(&out)
    );
    assert_eq!(
        env.token_requests("olx").await,
        before + 1,
        "exactly one refresh, no loop"
    );
    // The refreshed token is kept: the next sync needs no refresh.
    let out = env.run(&["sync", "olx", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(env.token_requests("olx").await, before + 1);
}

// ---- secrets in output ----

/// `-v` logs every request; neither it, nor the report, nor the failure
/// messages of a broken marketplace carry a token or a key.
#[test]
fn verbose_output_and_errors_never_show_a_token() {
    for error_rate in [0.0, 1.0] {
        let h = Harness::new(SandboxOptions {
            error_rate,
            ..opts(30)
        });
        let out = h.run(&["-v", "sync", "--all", "--json"]);
        let all = format!("{}{}", stdout(&out), stderr(&out));
        if error_rate == 0.0 {
            assert_eq!(out.status.code(), Some(0), "{all}");
            assert!(all.contains("GET "), "-v logs requests: {all}");
        } else {
            assert_eq!(out.status.code(), Some(1), "{all}");
        }
        let creds = h.sandbox.credentials();
        let mut secrets: Vec<String> = h.tokens.iter().map(|(_, v)| v.clone()).collect();
        secrets.push(creds.olx.api_key.clone());
        secrets.push(creds.inmuebles24.api_key.clone());
        for s in secrets {
            assert!(s.len() >= 8);
            assert!(!all.contains(&s), "a secret was printed: {all}");
        }
        let status = h.run(&["sync", "status", "--json"]);
        for (_, v) in &h.tokens {
            assert!(!stdout(&status).contains(v.as_str()));
        }
    }
}
