//! Refresh against the sandbox: rotation, two processes at once, revoked grants.

use crate::support::connect as connect_support;

use connect_support::*;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Lifetime of the short tokens these tests refresh. treevu refreshes such a
/// token at half life, counted in whole seconds from when it was issued, so
/// a token stays fresh for at least `SHORT_TTL / 2 - 1` s after it is issued
/// (3 s: room for a slow debug binary on a loaded machine to start and read
/// it) and is due for sure `SHORT_TTL / 2` s after the command that issued it.
const SHORT_TTL: u64 = 8;

/// Connected to OLX with tokens of `ttl` s; also returns a moment at or
/// after which the token was issued.
async fn connected(ttl: u64) -> (TestEnv, SystemTime) {
    let env = start(true, ttl);
    env.connect_signed_in("olx").await;
    (env, SystemTime::now())
}

fn token(env: &TestEnv) -> String {
    let o = env.run(&["auth", "token", "olx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o).trim().to_string()
}

fn unix_secs(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).unwrap().as_secs()
}

/// Waits until a `SHORT_TTL` token issued before `issued_by` is due: treevu
/// stamps it with the whole second it was issued in, at most `issued_by`'s,
/// and counts it due once the clock reaches that second plus half its life.
fn until_due(issued_by: SystemTime) {
    let due_at = unix_secs(issued_by) + SHORT_TTL / 2;
    while unix_secs(SystemTime::now()) < due_at {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Takes treevu's refresh lock for OLX, as a running treevu would.
fn hold_refresh_lock(env: &TestEnv) -> std::fs::File {
    use std::os::unix::fs::DirBuilderExt;
    let dir = env.data_dir().join("locks");
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&dir)
        .unwrap();
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("olx.lock"))
        .unwrap();
    f.lock().unwrap();
    f
}

/// Waits until `n` processes are blocked on `held` (Linux lists them in /proc/locks).
fn until_waiting_on(held: &std::fs::File, n: usize) {
    use std::os::unix::fs::MetadataExt;
    let ino = format!(":{}", held.metadata().unwrap().ino());
    let start = Instant::now();
    loop {
        let locks = std::fs::read_to_string("/proc/locks").unwrap();
        let waiting = locks
            .lines()
            .filter(|l| l.contains(" -> ") && l.split_whitespace().any(|w| w.ends_with(&ino)))
            .count();
        if waiting >= n {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{waiting} of {n} processes waiting on the refresh lock:\n{locks}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn refresh_rotates_and_the_new_token_is_kept() {
    let (env, issued) = connected(SHORT_TTL).await;
    let before = env.token_requests("olx").await;
    let a = token(&env);
    // Fresh: used as is, no call.
    assert_eq!(env.token_requests("olx").await, before);
    until_due(issued);
    let b = token(&env);
    until_due(SystemTime::now());
    let c = token(&env);
    assert!(a != b && b != c, "each refresh gives a new token");
    // The second refresh used the rotated refresh token (the first one is dead at once).
    assert_eq!(env.token_requests("olx").await, before + 2);
    for t in [a, b, c] {
        env.assert_nowhere_on_disk(&t);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn long_lived_token_is_not_refreshed() {
    let (env, _) = connected(3600).await;
    let before = env.token_requests("olx").await;
    assert_eq!(token(&env), token(&env));
    assert_eq!(env.token_requests("olx").await, before);
}

#[tokio::test(flavor = "multi_thread")]
async fn two_processes_refreshing_at_once_end_with_one_valid_token() {
    let (env, issued) = connected(SHORT_TTL).await;
    until_due(issued);
    let before = env.token_requests("olx").await;
    // Both processes read the due token and queue on the refresh lock before
    // either may refresh, however slowly each starts.
    let held = hold_refresh_lock(&env);
    let spawn = || {
        env.cmd(&["auth", "token", "olx"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    until_waiting_on(&held, 2);
    drop(held);
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
    // One refresh: the second process found the first one's result under the lock.
    assert_eq!(stdout(&a), stdout(&b));
    assert_eq!(env.token_requests("olx").await, before + 1);
    // ...and that token is the valid stored one.
    assert_eq!(token(&env), stdout(&a).trim());
}

#[tokio::test(flavor = "multi_thread")]
async fn revoked_grant_needs_reconnect_with_the_command_and_exit_4() {
    let (env, issued) = connected(SHORT_TTL).await;
    until_due(issued);
    env.control("revoke", "olx").await;
    let o = env.run(&["auth", "token", "olx"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(stderr(&o).contains("treevu connect olx"), "{}", stderr(&o));
    let st = env.run(&["auth", "status", "--json"]);
    assert_eq!(st.status.code(), Some(1));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&st)).unwrap();
    assert_eq!(rows[0]["needsReconnect"], true);

    // The refused refresh token is never sent again: the next call goes nowhere.
    let before = env.token_requests("olx").await;
    let o = env.run(&["auth", "token", "olx"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(stderr(&o).contains("treevu connect olx"), "{}", stderr(&o));
    assert_eq!(
        env.token_requests("olx").await,
        before,
        "no refresh with a refused token"
    );
}

/// An account left flagged by an earlier failure (the marketplace refused
/// treevu for a while) works again after a refresh: the flag goes.
#[tokio::test(flavor = "multi_thread")]
async fn a_successful_refresh_clears_needs_reconnect() {
    let (env, issued) = connected(SHORT_TTL).await;
    let db = rusqlite::Connection::open(env.db()).unwrap();
    db.execute(
        "UPDATE accounts SET needs_reconnect = 1 WHERE marketplace = 'olx'",
        [],
    )
    .unwrap();
    let st = env.run(&["auth", "status", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&st)).unwrap();
    assert_eq!(rows[0]["needsReconnect"], true, "the flag is seen");

    until_due(issued);
    let before = env.token_requests("olx").await;
    token(&env);
    assert_eq!(env.token_requests("olx").await, before + 1, "one refresh");
    let st = env.run(&["auth", "status", "--json"]);
    assert_eq!(st.status.code(), Some(0), "{}", stderr(&st));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&st)).unwrap();
    assert_eq!(rows[0]["needsReconnect"], false, "{}", rows[0]);
}
