//! The OAuth sign-in end to end: the real binary, the sandbox, and the test as the browser.

use crate::support::connect as connect_support;

use connect_support::*;

async fn full_flow(m: &str) {
    let env = start(false, 3600);
    let mut run = env.spawn_connect(m, &[]);
    let url = run.authorize_url();
    assert!(url.contains("code_challenge_method=S256"), "{url}");
    let redirect_uri = url::Url::parse(&url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "redirect_uri")
        .unwrap()
        .1
        .into_owned();
    let callback_base = redirect_uri.trim_end_matches("/callback").to_string();

    // A favicon request first: 404, and the wait goes on.
    assert_eq!(
        get_status(&format!("{callback_base}/favicon.ico")).await,
        404
    );
    // A forged state: 400, and the wait goes on.
    assert_eq!(
        get_status(&format!("{redirect_uri}?code=forged&state=forged")).await,
        400
    );

    let location = consent(&url, "approve").await;
    assert!(location.starts_with(&redirect_uri), "{location}");
    let page = client().get(&location).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("return to the terminal")
    );

    let (code, _out, err) = run.finish();
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("Connected"), "{err}");
    // The port closed once the callback was served.
    assert!(
        client().get(&location).send().await.is_err(),
        "the callback port is still open"
    );

    // The account is recorded; status shows it from the keyring.
    let st = env.run(&["auth", "status", "--json"]);
    assert_eq!(st.status.code(), Some(0), "{}", stderr(&st));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&st)).unwrap();
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["marketplace"] == m)
        .unwrap();
    assert_eq!(row["connected"], true);
    assert_eq!(row["source"], "keyring");
    assert_eq!(row["needsReconnect"], false);
    assert!(row["expiresAt"].is_string());

    // The token works for scripts, and is nowhere on disk (db, WAL, config).
    let tok = env.run(&["auth", "token", m]);
    assert_eq!(tok.status.code(), Some(0), "{}", stderr(&tok));
    let token = stdout(&tok).trim().to_string();
    assert!(token.len() >= 16);
    let masked = row["secret"].as_str().unwrap();
    assert!(masked.ends_with(&token[token.len() - 4..]));
    assert!(!masked.contains(&token[..token.len() - 4]));
    env.assert_nowhere_on_disk(&token);

    // secret-tool sees the same entry.
    if let Ok(o) = std::process::Command::new("secret-tool")
        .args(["lookup", "service", "treevu", "username"])
        .arg(format!("{m}:{}@{}", env.profile, env.base()))
        .output()
    {
        let stored = String::from_utf8_lossy(&o.stdout);
        assert!(
            stored.contains(&token),
            "secret-tool lookup did not find the entry"
        );
    }

    // Logout forgets it.
    let out = env.run(&["auth", "logout", m]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stderr(&out);
    if m == "olx" {
        assert!(said.contains("Revoked"), "{said}");
    } else {
        assert!(said.contains("no way for treevu to revoke"), "{said}");
    }
    let tok = env.run(&["auth", "token", m]);
    assert_eq!(tok.status.code(), Some(4));
    assert!(stderr(&tok).contains(&format!("treevu connect {m}")));
}

#[tokio::test(flavor = "multi_thread")]
async fn olx_full_loopback_flow() {
    full_flow("olx").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn inmuebles24_full_loopback_flow() {
    full_flow("inmuebles24").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn access_denied_exits_non_zero_with_the_error() {
    let env = start(false, 3600);
    let mut run = env.spawn_connect("olx", &[]);
    let url = run.authorize_url();
    let location = consent(&url, "deny").await;
    let page = client().get(&location).send().await.unwrap();
    assert!(page.text().await.unwrap().contains("access_denied"));
    let (code, _, err) = run.finish();
    assert_ne!(code, 0);
    assert!(err.contains("access_denied"), "{err}");
    let st = env.run(&["auth", "status", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&st)).unwrap();
    assert_eq!(rows[0]["connected"], false);
}

#[tokio::test(flavor = "multi_thread")]
async fn timeout_gives_up_cleanly() {
    let env = start(false, 3600);
    let started = std::time::Instant::now();
    let mut run = env.spawn_connect("olx", &["--timeout", "2"]);
    let _ = run.authorize_url();
    let (code, _, err) = run.finish();
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("within 2 s"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[tokio::test(flavor = "multi_thread")]
async fn port_in_use_is_explained_before_anything_is_shown() {
    let env = start(false, 3600);
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let out = env.run(&["connect", "olx", "--no-browser", "--port", &port]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
    assert!(err.to_lowercase().contains("in use"), "{err}");
    assert!(err.contains("paste"), "{err}");
    assert!(!err.contains("/oauth/authorize"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn paste_flow_finishes_from_another_machine() {
    let env = start(true, 3600);
    let mut run = env.spawn_connect("inmuebles24", &[]);
    let url = run.authorize_url();
    let location = auto_redirect(&url).await;
    // A pasted address with the wrong state is refused and the wait goes on.
    let forged = {
        let mut u = url::Url::parse(&location).unwrap();
        let pairs: Vec<(String, String)> = u
            .query_pairs()
            .into_owned()
            .map(|(k, v)| {
                if k == "state" {
                    (k, "forged".into())
                } else {
                    (k, v)
                }
            })
            .collect();
        u.query_pairs_mut().clear().extend_pairs(pairs);
        u.to_string()
    };
    run.write_stdin(&format!("{forged}\n"));
    run.wait_line(|l| l.contains("does not belong to this sign-in"));
    run.write_stdin(&format!("{location}\n"));
    let (code, _, err) = run.finish();
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("pasted address"), "{err}");
}

/// A token is only offered to the server that issued it: a sandbox sign-in
/// never fills or reads the production entry, nor another sandbox's.
#[tokio::test(flavor = "multi_thread")]
async fn sandbox_and_production_secrets_are_kept_apart() {
    let env = start(true, 3600);
    env.connect_signed_in("olx").await;
    let sandbox_token = stdout(&env.run(&["auth", "token", "olx"]))
        .trim()
        .to_string();
    assert!(sandbox_token.len() >= 16);

    // Production, before anything is stored for it: not connected, the sandbox's token is not offered.
    let production = |args: &[&str]| {
        env.cmd(args)
            .env_remove("TREEVU_SANDBOX")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    let out = production(&["auth", "token", "olx"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(!stdout(&out).contains(&sandbox_token));

    // A production credential of the same profile (as a production sign-in stores it).
    let Ok(mut store) = std::process::Command::new("secret-tool")
        .args([
            "store",
            "--label=treevu test",
            "service",
            "treevu",
            "username",
        ])
        .arg(format!("olx:{}", env.profile))
        .stdin(std::process::Stdio::piped())
        .spawn()
    else {
        eprintln!("note: no secret-tool here; the reverse direction is not checked");
        return;
    };
    {
        use std::io::Write;
        let mut stdin = store.stdin.take().unwrap();
        stdin
            .write_all(br#"{"v":1,"kind":"oauth","access_token":"at_production_0123456789"}"#)
            .unwrap();
    }
    assert!(store.wait().unwrap().success());
    let out = production(&["auth", "token", "olx"]);
    assert_eq!(
        stdout(&out).trim(),
        "at_production_0123456789",
        "{}",
        stderr(&out)
    );
    // The sandbox still gets its own, never the production one.
    let out = env.run(&["auth", "token", "olx"]);
    assert_eq!(stdout(&out).trim(), sandbox_token);

    // Another sandbox gets neither: not connected, and no request carries a token there.
    let other = Sandbox::start(SandboxOptions::default()).unwrap();
    let out = env
        .cmd(&["sync", "olx"])
        .env("TREEVU_SANDBOX", other.base_url())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let stats: serde_json::Value = reqwest::get(format!("{}/_sandbox/stats", other.base_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        stats["requests"]["olx"]["total"].as_u64().unwrap_or(0),
        0,
        "{stats}"
    );
}

/// One `connect` through an auto-approving sandbox: (exit code, stderr, callback page status, page).
async fn connect_auto(env: &TestEnv, m: &str, more: &[&str]) -> (i32, String, u16, String) {
    let mut run = env.spawn_connect(m, more);
    let url = run.authorize_url();
    let location = auto_redirect(&url).await;
    let page = client().get(&location).send().await.unwrap();
    let status = page.status().as_u16();
    let page = page.text().await.unwrap();
    let (code, _, err) = run.finish();
    (code, err, status, page)
}

/// Against a server that authenticates the app (as production OAuth servers do),
/// treevu connects with the right client secret sent the configured way, and a
/// missing or wrong secret fails with the fix named; the secret never shows.
#[tokio::test(flavor = "multi_thread")]
async fn confidential_client_connects_only_with_the_right_secret_and_never_shows_it() {
    use treevu::sandbox::ClientAuthRule;
    for (rule, method) in [
        (ClientAuthRule::Basic, "client_secret_basic"),
        (ClientAuthRule::Post, "client_secret_post"),
    ] {
        let mut env = start_with(SandboxOptions {
            auto_approve: true,
            client_auth: rule,
            ..Default::default()
        });
        let secret = env.sandbox.credentials().olx.client_secret.clone().unwrap();
        let tokens_before = env.token_requests("olx").await;

        // No secret stored. With Basic nothing is configured, so treevu is a public
        // client and the server refuses it; with Post the method is configured and
        // treevu says what is missing before it sends anything.
        if rule == ClientAuthRule::Post {
            env.extra.push((
                "TREEVU_OLX_TOKEN_ENDPOINT_AUTH_METHOD".into(),
                method.into(),
            ));
        }
        let (code, err, status, page) = connect_auto(&env, "olx", &[]).await;
        assert_eq!(code, 1, "{rule:?}: {err}");
        assert!(
            err.contains("treevu auth client-secret olx"),
            "{rule:?}: {err}"
        );
        assert_eq!(status, 502, "{page}");
        assert!(page.contains("could not connect"), "{page}");
        if rule == ClientAuthRule::Basic {
            assert!(err.contains("invalid_client"), "{err}");
            assert!(err.contains("client_secret_basic"), "{err}");
            assert_eq!(env.token_requests("olx").await, tokens_before + 1);
        } else {
            assert!(err.contains("no client secret is stored"), "{err}");
            assert_eq!(env.token_requests("olx").await, tokens_before);
        }
        let st = env.run(&["auth", "status", "--json"]);
        let rows: serde_json::Value = serde_json::from_str(&stdout(&st)).unwrap();
        assert_eq!(rows[0]["connected"], false, "{rows}");

        // A wrong secret: refused, the fix named.
        let out = env.run_stdin(
            &["auth", "client-secret", "olx", "--stdin"],
            "cs_not_the_right_one_0000\n",
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stderr(&out).contains(method), "{}", stderr(&out));
        let (code, err, _, _) = connect_auto(&env, "olx", &[]).await;
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("invalid_client"), "{err}");
        assert!(err.contains("the client secret is wrong"), "{err}");
        // The step and the host that answered, never "cannot reach".
        assert!(err.contains("token exchange at 127.0.0.1"), "{err}");
        assert!(err.contains("treevu auth client-secret olx"), "{err}");
        assert!(!err.contains("cs_not_the_right_one"), "{err}");
        assert!(!err.to_lowercase().contains("cannot reach"), "{err}");

        // The right one: connected, and with -v the token request shows without the secret.
        let out = env.run_stdin(
            &["auth", "client-secret", "olx", "--stdin"],
            &format!("{secret}\n"),
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(!stderr(&out).contains(&secret));
        let (code, err, status, _) = connect_auto(&env, "olx", &["-v"]).await;
        assert_eq!(code, 0, "{rule:?}: {err}");
        assert_eq!(status, 200);
        assert!(err.contains("Connected"), "{err}");
        assert!(
            err.contains("oauth/token"),
            "-v shows the token request: {err}"
        );
        assert!(!err.contains(&secret), "the secret in -v output: {err}");
        if rule == ClientAuthRule::Basic {
            assert!(err.contains("HTTP Basic"), "{err}");
        } else {
            assert!(err.contains("client_secret="), "{err}");
        }

        // Revocation authenticates too (the server refuses it otherwise).
        let out = env.run(&["-v", "auth", "logout", "olx"]);
        let said = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{said}");
        assert!(said.contains("Revoked"), "{said}");
        assert!(
            said.contains("oauth/revoke"),
            "-v shows the revocation: {said}"
        );
        assert!(!said.contains(&secret), "{said}");
        env.assert_nowhere_on_disk(&secret);

        // Forgetting the secret makes treevu a public client again.
        let out = env.run(&["auth", "client-secret", "olx", "--delete"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stderr(&out).contains("Forgot"), "{}", stderr(&out));
    }
}
