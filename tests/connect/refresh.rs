//! Refresh against the sandbox: rotation, two processes at once, revoked grants.

use crate::support::connect as connect_support;

use connect_support::*;

async fn connected(ttl: u64) -> TestEnv {
    let env = start(true, ttl);
    let mut run = env.spawn_connect("olx", &[]);
    let url = run.authorize_url();
    let location = auto_redirect(&url).await;
    client().get(&location).send().await.unwrap();
    let (code, _, err) = run.finish();
    assert_eq!(code, 0, "{err}");
    env
}

fn token(env: &TestEnv) -> String {
    let o = env.run(&["auth", "token", "olx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o).trim().to_string()
}

/// Tokens of 4 s are due at half life (2 s left): wait that long.
fn past_half_life() {
    std::thread::sleep(std::time::Duration::from_millis(2600));
}

#[tokio::test(flavor = "multi_thread")]
async fn refresh_rotates_and_the_new_token_is_kept() {
    let env = connected(4).await;
    let before = env.token_requests("olx").await;
    let a = token(&env);
    // Fresh: used as is, no call.
    assert_eq!(env.token_requests("olx").await, before);
    past_half_life();
    let b = token(&env);
    past_half_life();
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
    let env = connected(3600).await;
    let before = env.token_requests("olx").await;
    assert_eq!(token(&env), token(&env));
    assert_eq!(env.token_requests("olx").await, before);
}

#[tokio::test(flavor = "multi_thread")]
async fn two_processes_refreshing_at_once_end_with_one_valid_token() {
    let env = connected(4).await;
    past_half_life();
    let before = env.token_requests("olx").await;
    let spawn = || {
        env.cmd(&["auth", "token", "olx"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
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
    let env = connected(4).await;
    past_half_life();
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
    let env = connected(4).await;
    let db = rusqlite::Connection::open(env.db()).unwrap();
    db.execute(
        "UPDATE accounts SET needs_reconnect = 1 WHERE marketplace = 'olx'",
        [],
    )
    .unwrap();
    let st = env.run(&["auth", "status", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&st)).unwrap();
    assert_eq!(rows[0]["needsReconnect"], true, "the flag is seen");

    past_half_life();
    let before = env.token_requests("olx").await;
    token(&env);
    assert_eq!(env.token_requests("olx").await, before + 1, "one refresh");
    let st = env.run(&["auth", "status", "--json"]);
    assert_eq!(st.status.code(), Some(0), "{}", stderr(&st));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&st)).unwrap();
    assert_eq!(rows[0]["needsReconnect"], false, "{}", rows[0]);
}
