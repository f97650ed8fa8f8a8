//! `connect` and `auth status|token|logout` on the PostgreSQL store: the
//! account rows and the secrets go to the database (sealed under the
//! operator key), a sync works with them, and logout removes them. Against
//! the sandbox and the throw-away PostgreSQL of `scripts/test`.

use std::path::PathBuf;

use crate::support::connect as connect_support;
use crate::support::pg;

use connect_support::*;

/// A sandbox that approves sign-ins at once, a database of the test's own and
/// an operator key, with treevu pointed at them (`None`: PostgreSQL skipped).
fn on_postgres(test: &str) -> Option<(TestEnv, String)> {
    let url = off_runtime(|| pg::database(&format!("c_{test}")))?;
    let mut env = start(true, 3600);
    let key = operator_key(&env);
    env.extra.extend([
        ("TREEVU_DATABASE_URL".to_string(), url.clone()),
        (
            "TREEVU_OPERATOR_KEY_FILE".to_string(),
            key.display().to_string(),
        ),
    ]);
    Some((env, url))
}

/// The blocking PostgreSQL client runs a runtime of its own: not on the test's.
fn off_runtime<T>(f: impl FnOnce() -> T) -> T {
    tokio::task::block_in_place(f)
}

/// A key file of mode 600 in the test's home.
fn operator_key(env: &TestEnv) -> PathBuf {
    use base64::Engine;
    let path = env.home.path().join("operator.key");
    let text = base64::engine::general_purpose::STANDARD.encode([5u8; 32]);
    std::fs::write(&path, format!("{text}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    path
}

/// The names of the merchant's rows in `secrets`, sorted.
fn secret_names(url: &str, merchant: &str) -> Vec<String> {
    off_runtime(|| {
        pg::connect(url)
            .query(
                "SELECT s.name FROM secrets s JOIN merchants m ON m.id = s.merchant_id \
             WHERE m.name = $1 ORDER BY s.name",
                &[&merchant],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect()
    })
}

/// Every row of `secrets` and `accounts` as text, as a dump would show them.
fn dump(url: &str) -> String {
    off_runtime(|| dump_now(url))
}

fn dump_now(url: &str) -> String {
    let mut c = pg::connect(url);
    let mut rows = Vec::new();
    for table in ["secrets", "accounts"] {
        for r in c
            .query(&format!("SELECT t::text FROM {table} t"), &[])
            .unwrap()
        {
            rows.push(r.get::<_, String>(0));
        }
    }
    rows.join("\n")
}

fn status_rows(env: &TestEnv) -> serde_json::Value {
    let st = env.run(&["auth", "status", "--json"]);
    assert_eq!(st.status.code(), Some(0), "{}", stderr(&st));
    serde_json::from_str(&stdout(&st)).unwrap()
}

fn row<'a>(rows: &'a serde_json::Value, m: &str) -> &'a serde_json::Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["marketplace"] == m)
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn connect_on_postgresql_needs_the_merchant_and_names_merchants_add() {
    let Some((env, url)) = on_postgres("unknown") else {
        return;
    };
    let out = env.run(&["connect", "olx", "--no-browser"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("treevu merchants add {}", env.profile)),
        "{err}"
    );
    assert!(
        !err.contains("/oauth/authorize"),
        "no sign-in started: {err}"
    );
    let key = env.sandbox_credentials().await["autofact"]["apiKey"]
        .as_str()
        .unwrap()
        .to_string();
    let out = env.run_stdin(
        &["connect", "autofact", "--api-key-stdin"],
        &format!("{key}\n"),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // Neither created the merchant nor stored anything of it.
    let merchants: i64 = off_runtime(|| {
        pg::connect(&url)
            .query_one("SELECT count(*) FROM merchants", &[])
            .unwrap()
            .get(0)
    });
    assert_eq!(merchants, 0);
    for args in [&["auth", "status"][..], &["auth", "token", "olx"]] {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("treevu merchants add"), "{args:?}");
    }
    assert!(!env.db().exists(), "no SQLite file beside the database");
}

#[tokio::test(flavor = "multi_thread")]
async fn connect_status_sync_and_logout_on_postgresql() {
    let Some((env, url)) = on_postgres("round_trip") else {
        return;
    };
    let merchant = env.profile.clone();
    let added = env.run(&["merchants", "add", &merchant]);
    assert_eq!(added.status.code(), Some(0), "{}", stderr(&added));

    // OLX by the sign-in (the test is the browser), Autofact by its key.
    let mut connect = env.spawn_connect("olx", &[]);
    let location = auto_redirect(&connect.authorize_url()).await;
    client().get(&location).send().await.unwrap();
    let (code, _, err) = connect.finish();
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("database store"), "{err}");
    let key = env.sandbox_credentials().await["autofact"]["apiKey"]
        .as_str()
        .unwrap()
        .to_string();
    let out = env.run_stdin(
        &["connect", "autofact", "--api-key-stdin"],
        &format!("{key}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let rows = status_rows(&env);
    for m in ["olx", "autofact"] {
        let r = row(&rows, m);
        assert_eq!(
            (&r["connected"], &r["source"], &r["needsReconnect"]),
            (&true.into(), &"database".into(), &false.into()),
            "{r}"
        );
    }
    assert_eq!(row(&rows, "inmuebles24")["connected"], false);
    let server = env.base();
    assert_eq!(
        secret_names(&url, &merchant),
        [
            format!("autofact:{merchant}@{server}"),
            format!("olx:{merchant}@{server}")
        ]
    );

    // The token for scripts opens from the database; neither it nor the key
    // is readable in the tables, nor on disk.
    let tok = env.run(&["auth", "token", "olx"]);
    assert_eq!(tok.status.code(), Some(0), "{}", stderr(&tok));
    let token = stdout(&tok).trim().to_string();
    assert!(token.len() >= 16, "{token}");
    let tables = dump(&url);
    assert!(
        !tables.contains(&token) && !tables.contains(&key),
        "{tables}"
    );
    env.assert_nowhere_on_disk(&token);
    env.assert_nowhere_on_disk(&key);

    // A sync uses those credentials, with no token in the environment.
    let out = env.run(&["sync", "olx", "autofact", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for m in ["olx", "autofact"] {
        let (stored, distinct) = off_runtime(|| pg::listings(&url, &merchant, m));
        assert!(stored > 0 && stored == distinct, "{m}: {stored} {distinct}");
    }

    // Logout removes the account's secret row and its account row only.
    let out = env.run(&["auth", "logout", "olx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        secret_names(&url, &merchant),
        [format!("autofact:{merchant}@{server}")]
    );
    let rows = status_rows(&env);
    assert_eq!(row(&rows, "olx")["connected"], false);
    assert_eq!(row(&rows, "autofact")["connected"], true);
    let tok = env.run(&["auth", "token", "olx"]);
    assert_eq!(tok.status.code(), Some(4), "{}", stderr(&tok));
    assert!(stderr(&tok).contains("treevu connect olx"));
    assert!(!env.db().exists(), "no SQLite file beside the database");
}
