//! Autofact keys, the file store, and no keyring at all.

use crate::support::connect as connect_support;

use base64::Engine;
use connect_support::*;

async fn autofact_key(env: &TestEnv) -> String {
    env.sandbox_credentials().await["autofact"]["apiKey"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn autofact_right_key_is_stored_wrong_key_refused() {
    let env = start(false, 3600);
    let key = autofact_key(&env).await;

    let bad = env.run_stdin(
        &["connect", "autofact", "--api-key-stdin"],
        "af_wrong_key_0000000000\n",
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("refused the API key"),
        "{}",
        stderr(&bad)
    );
    assert!(!stderr(&bad).contains("af_wrong_key_0000000000"));
    let t = env.run(&["auth", "token", "autofact"]);
    assert_eq!(t.status.code(), Some(4), "nothing stored");

    let ok = env.run_stdin(
        &["connect", "autofact", "--api-key-stdin"],
        &format!("{key}\n"),
    );
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let t = env.run(&["auth", "token", "autofact"]);
    assert_eq!(stdout(&t).trim(), key);
    let st = env.run(&["auth", "status", "--json"]);
    assert!(!stdout(&st).contains(&key), "status shows the key masked");
    env.assert_nowhere_on_disk(&key);
}

#[tokio::test(flavor = "multi_thread")]
async fn env_override_wins_and_status_says_env() {
    let mut env = start(false, 3600);
    env.extra.push((
        "TREEVU_OLX_TOKEN".into(),
        "env-token-abcdefghijklmnop".into(),
    ));
    let t = env.run(&["auth", "token", "olx"]);
    assert_eq!(stdout(&t).trim(), "env-token-abcdefghijklmnop");
    let st = env.run(&["auth", "status", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&st)).unwrap();
    assert_eq!(rows[0]["source"], "env");
    assert_eq!(rows[0]["secret"], "olx_…mnop");
}

#[tokio::test(flavor = "multi_thread")]
async fn no_keyring_fails_before_the_flow_and_writes_nothing() {
    let mut env = start(false, 3600);
    env.extra.push((
        "DBUS_SESSION_BUS_ADDRESS".into(),
        "unix:path=/nonexistent".into(),
    ));
    let out = env.run(&["connect", "olx", "--no-browser"]);
    assert_ne!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(err.contains("no D-Bus session bus"), "{err}");
    assert!(err.contains("TREEVU_SECRET_STORE=file"), "{err}");
    assert!(!err.contains("/oauth/authorize"), "no flow started: {err}");

    let key = autofact_key(&env).await;
    let out = env.run_stdin(
        &["connect", "autofact", "--api-key-stdin"],
        &format!("{key}\n"),
    );
    assert_ne!(out.status.code(), Some(0));
    env.assert_nowhere_on_disk(&key);
    assert!(!env.data_dir().join("secrets.enc").exists());
}

#[tokio::test(flavor = "multi_thread")]
async fn file_store_round_trip_and_wrong_key() {
    let mut env = start(false, 3600);
    let file_key = base64::engine::general_purpose::STANDARD.encode([7u8; 32]);
    env.extra.extend([
        ("TREEVU_SECRET_STORE".to_string(), "file".to_string()),
        ("TREEVU_FILE_KEY".to_string(), file_key),
        // Proves the keyring is not involved.
        (
            "DBUS_SESSION_BUS_ADDRESS".to_string(),
            "unix:path=/nonexistent".to_string(),
        ),
    ]);
    let key = autofact_key(&env).await;
    let ok = env.run_stdin(
        &["connect", "autofact", "--api-key-stdin"],
        &format!("{key}\n"),
    );
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let file = env.data_dir().join("secrets.enc");
    assert!(file.exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert_eq!(stdout(&env.run(&["auth", "token", "autofact"])).trim(), key);
    env.assert_nowhere_on_disk(&key);
    let st = env.run(&["auth", "status", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&st)).unwrap();
    assert_eq!(rows[2]["source"], "file");

    // A wrong key: a clear error, and the file is untouched.
    let before = std::fs::read(&file).unwrap();
    env.extra.retain(|(k, _)| k != "TREEVU_FILE_KEY");
    env.extra.push((
        "TREEVU_FILE_KEY".into(),
        base64::engine::general_purpose::STANDARD.encode([8u8; 32]),
    ));
    let t = env.run(&["auth", "token", "autofact"]);
    assert_ne!(t.status.code(), Some(0));
    assert!(
        stderr(&t).contains("wrong TREEVU_FILE_KEY"),
        "{}",
        stderr(&t)
    );
    let again = env.run_stdin(
        &["connect", "autofact", "--api-key-stdin"],
        &format!("{key}\n"),
    );
    assert_ne!(again.status.code(), Some(0));
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_file_passphrase_is_a_secret_store_error_and_costs_no_request() {
    let mut env = start(true, 3600);
    env.extra.extend([
        ("TREEVU_SECRET_STORE".to_string(), "file".to_string()),
        (
            "TREEVU_FILE_PASSPHRASE".to_string(),
            "the right one".to_string(),
        ),
        (
            "DBUS_SESSION_BUS_ADDRESS".to_string(),
            "unix:path=/nonexistent".to_string(),
        ),
    ]);
    env.connect_signed_in("olx").await;

    let base = env.base();
    let olx_requests = || async {
        let stats: serde_json::Value = reqwest::get(format!("{base}/_sandbox/stats"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        stats["requests"]["olx"]["total"].as_u64()
    };
    let before = olx_requests().await;
    env.extra.retain(|(k, _)| k != "TREEVU_FILE_PASSPHRASE");
    env.extra
        .push(("TREEVU_FILE_PASSPHRASE".into(), "a wrong one".into()));
    for args in [&["sync", "olx"][..], &["sync", "--all", "--json"]] {
        let out = env.run(args);
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert_eq!(out.status.code(), Some(1), "{args:?}: {all}");
        assert!(
            all.contains("wrong TREEVU_FILE_KEY or TREEVU_FILE_PASSPHRASE"),
            "{all}"
        );
        assert!(
            !all.contains("cannot reach"),
            "the marketplace was never asked: {all}"
        );
    }
    assert_eq!(olx_requests().await, before, "no request reached OLX");
    let status = env.run(&["sync", "status", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&status)).unwrap();
    assert_eq!(rows[0]["marketplace"], "olx");
    assert_eq!(
        rows[0]["budgetRemaining"], rows[0]["budgetLimit"],
        "nothing charged to the rate budget: {}",
        rows[0]
    );
}
