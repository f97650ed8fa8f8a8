//! OAuth 2.0 with PKCE against the sandbox: the flows a merchant's `treevu connect` goes
//! through, and the ways they fail.

use crate::support::sandbox as common;

use common::*;
use reqwest::Method;
use serde_json::Value;
use treevu::marketplaces::types::{OAuthErrorBody, TokenResponse};
use treevu::sandbox::SandboxOptions;

async fn oauth_error(resp: reqwest::Response) -> String {
    assert_eq!(resp.status(), 400);
    resp.json::<OAuthErrorBody>().await.unwrap().error
}

#[tokio::test]
async fn code_flow_gives_tokens_with_olx_string_and_inmuebles24_number_expiry() {
    let env = start(opts());
    let code = code_via_consent(&env, "olx", VERIFIER).await;
    let raw: Value = exchange(&env, "olx", &code, VERIFIER)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(raw["expires_in"], Value::String("3600".into()), "{raw}");
    assert_eq!(raw["token_type"], "Bearer");
    let olx: TokenResponse = serde_json::from_value(raw).unwrap();
    assert_eq!(olx.expires_in, Some(3600));
    assert!(olx.refresh_token.is_some());

    let code = code_via_consent(&env, "inmuebles24", VERIFIER).await;
    let raw: Value = exchange(&env, "inmuebles24", &code, VERIFIER)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(raw["expires_in"], Value::from(3600), "{raw}");

    // The token opens the API, and the user in the answer is the token's user.
    let me: Value = call(&env, Method::GET, "olx", &olx.access_token, "/users/me")
        .json_of()
        .await;
    assert_eq!(me["id"].as_str(), olx.user_id.as_deref());
}

#[tokio::test]
async fn wrong_verifier_and_reused_code_are_invalid_grant() {
    let env = start(opts());
    let code = code_via_consent(&env, "olx", VERIFIER).await;
    let wrong = "x".repeat(50);
    assert_eq!(
        oauth_error(exchange(&env, "olx", &code, &wrong).await).await,
        "invalid_grant"
    );

    let code = code_via_consent(&env, "olx", VERIFIER).await;
    assert_eq!(exchange(&env, "olx", &code, VERIFIER).await.status(), 200);
    assert_eq!(
        oauth_error(exchange(&env, "olx", &code, VERIFIER).await).await,
        "invalid_grant"
    );

    assert_eq!(
        oauth_error(exchange(&env, "olx", "made-up", VERIFIER).await).await,
        "invalid_grant"
    );
}

async fn refresh(env: &Env, m: &str, rt: &str) -> reqwest::Response {
    env.http
        .post(format!("{}/{m}/oauth/token", env.base))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", rt),
            ("client_id", &client_id(env, m)),
        ])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn refresh_rotates_and_the_old_refresh_token_then_fails() {
    let env = start(opts());
    for m in ["olx", "inmuebles24"] {
        let first = token(&env, m).await;
        let old = first.refresh_token.clone().unwrap();
        let resp = refresh(&env, m, &old).await;
        assert_eq!(resp.status(), 200);
        let second: TokenResponse = resp.json().await.unwrap();
        assert_ne!(second.access_token, first.access_token);
        assert_ne!(second.refresh_token.as_deref(), Some(old.as_str()));
        assert_eq!(
            oauth_error(refresh(&env, m, &old).await).await,
            "invalid_grant"
        );
        // The new refresh token works once more.
        assert_eq!(
            refresh(&env, m, second.refresh_token.as_deref().unwrap())
                .await
                .status(),
            200
        );
    }
}

#[tokio::test]
async fn consent_deny_redirects_with_access_denied() {
    let env = start(opts());
    let mut form = authorize_params(&env, "olx", VERIFIER);
    form.push(("decision".into(), "deny".into()));
    let resp = env
        .http
        .post(format!("{}/olx/oauth/authorize", env.base))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 302);
    let q = location_query(&resp);
    assert_eq!(get(&q, "error"), Some("access_denied"));
    assert_eq!(get(&q, "state"), Some("st-123"));
    assert_eq!(get(&q, "code"), None);
}

#[tokio::test]
async fn auto_approve_redirects_at_once_with_a_working_code() {
    let env = start(SandboxOptions {
        auto_approve: true,
        ..opts()
    });
    let params = authorize_params(&env, "inmuebles24", VERIFIER);
    let resp = env
        .http
        .get(format!("{}/inmuebles24/oauth/authorize", env.base))
        .query(&params)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 302);
    let q = location_query(&resp);
    let code = get(&q, "code").unwrap().to_string();
    assert_eq!(
        exchange(&env, "inmuebles24", &code, VERIFIER)
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn bad_authorize_requests_show_a_page_or_redirect_with_invalid_request() {
    let env = start(opts());
    let url = format!("{}/olx/oauth/authorize", env.base);
    // A redirect off loopback or an unknown client: an error page, never a redirect.
    let mut p = authorize_params(&env, "olx", VERIFIER);
    p[2].1 = "https://evil.example/cb".into();
    let resp = env.http.get(&url).query(&p).send().await.unwrap();
    assert_eq!(resp.status(), 400);
    assert!(resp.headers().get("location").is_none());
    let mut p = authorize_params(&env, "olx", VERIFIER);
    p[1].1 = "someone-else".into();
    assert_eq!(
        env.http.get(&url).query(&p).send().await.unwrap().status(),
        400
    );
    // No PKCE: back to the client with invalid_request and the state.
    let p: Vec<_> = authorize_params(&env, "olx", VERIFIER)
        .into_iter()
        .filter(|(k, _)| !k.starts_with("code_challenge"))
        .collect();
    let resp = env.http.get(&url).query(&p).send().await.unwrap();
    assert_eq!(resp.status(), 302);
    let q = location_query(&resp);
    assert_eq!(get(&q, "error"), Some("invalid_request"));
    assert_eq!(get(&q, "state"), Some("st-123"));
}

#[tokio::test]
async fn token_endpoint_errors_name_the_problem() {
    let env = start(opts());
    let url = format!("{}/olx/oauth/token", env.base);
    let cid = client_id(&env, "olx");
    let r = env
        .http
        .post(&url)
        .form(&[("grant_type", "password"), ("client_id", cid.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(oauth_error(r).await, "unsupported_grant_type");
    let r = env
        .http
        .post(&url)
        .form(&[
            ("grant_type", "refresh_token"),
            ("client_id", "nobody"),
            ("refresh_token", "x"),
        ])
        .send()
        .await
        .unwrap();
    // RFC 6749 §5.2: a client that fails to authenticate gets 401 and a challenge.
    assert_eq!(r.status(), 401);
    assert!(r.headers().contains_key("www-authenticate"));
    assert_eq!(
        r.json::<OAuthErrorBody>().await.unwrap().error,
        "invalid_client"
    );
    let r = env
        .http
        .post(&url)
        .form(&[("client_id", cid.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(oauth_error(r).await, "invalid_request");
}

#[tokio::test]
async fn revoked_and_expired_tokens_get_401_and_revoked_grants_cannot_refresh() {
    let env = start(opts());
    let t = token(&env, "olx").await;
    let me = |tok: String| {
        let env = &env;
        async move {
            call(env, Method::GET, "olx", &tok, "/users/me")
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(me(t.access_token.clone()).await, 200);
    // Clock skew: the server now thinks every OLX access token expired; refresh still works.
    let r = env
        .http
        .post(format!(
            "{}/_sandbox/expire-tokens?marketplace=olx",
            env.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(me(t.access_token.clone()).await, 401);
    let fresh: TokenResponse = refresh(&env, "olx", t.refresh_token.as_deref().unwrap())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me(fresh.access_token.clone()).await, 200);
    // RFC 7009 revocation of the access token ends the grant, refresh token included.
    let r = env
        .http
        .post(format!("{}/olx/oauth/revoke", env.base))
        .form(&[("token", fresh.access_token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(me(fresh.access_token.clone()).await, 401);
    assert_eq!(
        oauth_error(refresh(&env, "olx", fresh.refresh_token.as_deref().unwrap()).await).await,
        "invalid_grant"
    );
    // The sandbox control revokes every grant of a marketplace.
    let t = token(&env, "inmuebles24").await;
    env.http
        .post(format!(
            "{}/_sandbox/revoke?marketplace=inmuebles24",
            env.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        oauth_error(refresh(&env, "inmuebles24", t.refresh_token.as_deref().unwrap()).await).await,
        "invalid_grant"
    );
}

#[tokio::test]
async fn short_token_ttl_expires_access_tokens() {
    let env = start(SandboxOptions {
        token_ttl: std::time::Duration::from_secs(1),
        ..opts()
    });
    let t = token(&env, "inmuebles24").await;
    assert_eq!(t.expires_in, Some(1));
    let status = || async {
        call(
            &env,
            Method::GET,
            "inmuebles24",
            &t.access_token,
            "/users/me",
        )
        .send()
        .await
        .unwrap()
        .status()
    };
    assert_eq!(status().await, 200);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(status().await, 401);
}

/// With `--client-auth basic|post` the token and revocation endpoints check the
/// app's secret as production servers do (RFC 6749 §2.3, §5.2).
#[tokio::test]
async fn confidential_clients_must_bring_the_right_secret_the_way_the_server_wants() {
    use treevu::sandbox::ClientAuthRule;
    for rule in [ClientAuthRule::Basic, ClientAuthRule::Post] {
        let env = start(SandboxOptions {
            client_auth: rule,
            ..opts()
        });
        let cid = client_id(&env, "olx");
        let secret = env.sandbox.credentials().olx.client_secret.clone().unwrap();
        assert!(secret.len() >= 16, "{secret}");
        let url = format!("{}/olx/oauth/token", env.base);
        let code = code_via_consent(&env, "olx", VERIFIER).await;
        let grant = [
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
        ];
        let send = |secret: Option<&str>, basic: bool| {
            let mut form: Vec<(&str, &str)> = grant.to_vec();
            let mut req = env.http.post(&url);
            match (secret, basic) {
                (Some(s), true) => req = req.basic_auth(&cid, Some(s)),
                (Some(s), false) => {
                    form.push(("client_id", &cid));
                    form.push(("client_secret", s));
                }
                (None, _) => form.push(("client_id", &cid)),
            }
            req.form(&form).send()
        };
        let basic = rule == ClientAuthRule::Basic;
        // Missing, wrong, and in the other place: 401 invalid_client, and the code is still good.
        for (given, as_basic, why) in [
            (None, basic, "client_secret_"),
            (Some("cs_wrong"), basic, "wrong"),
            (Some(secret.as_str()), !basic, "client_secret_"),
        ] {
            let r = send(given, as_basic).await.unwrap();
            assert_eq!(r.status(), 401, "{rule:?} {given:?} basic={as_basic}");
            let challenge = r.headers()["www-authenticate"]
                .to_str()
                .unwrap()
                .to_string();
            assert!(challenge.starts_with("Basic realm="), "{challenge}");
            let body: OAuthErrorBody = r.json().await.unwrap();
            assert_eq!(body.error, "invalid_client");
            let said = body.error_description.unwrap_or_default();
            assert!(said.contains(why), "{rule:?}: {said}");
            assert!(!said.contains(&secret), "{said}");
        }
        let r = send(Some(&secret), basic).await.unwrap();
        assert_eq!(r.status(), 200, "{rule:?}");
        let t: TokenResponse = r.json().await.unwrap();

        // Revocation authenticates the same way (RFC 7009 §2.1): without the secret it
        // is refused and the token still works; with it the token is revoked.
        let revoke = format!("{}/olx/oauth/revoke", env.base);
        let r = env
            .http
            .post(&revoke)
            .form(&[("token", t.access_token.as_str()), ("client_id", &cid)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "{rule:?}");
        let me = |tok: String| call(&env, Method::GET, "olx", &tok, "/users/me").send();
        assert_eq!(me(t.access_token.clone()).await.unwrap().status(), 200);
        let req = env.http.post(&revoke);
        let r = if basic {
            req.basic_auth(&cid, Some(&secret))
                .form(&[("token", t.access_token.as_str())])
        } else {
            req.form(&[
                ("token", t.access_token.as_str()),
                ("client_id", &cid),
                ("client_secret", &secret),
            ])
        }
        .send()
        .await
        .unwrap();
        assert_eq!(r.status(), 200, "{rule:?}");
        assert_eq!(me(t.access_token.clone()).await.unwrap().status(), 401);
    }
}

#[tokio::test]
async fn unknown_scopes_are_refused_with_invalid_scope() {
    let env = start(SandboxOptions {
        auto_approve: true,
        ..opts()
    });
    let mut params = authorize_params(&env, "olx", VERIFIER);
    params.push(("scope".into(), "listings:read admin".into()));
    let r = env
        .http
        .get(format!("{}/olx/oauth/authorize", env.base))
        .query(&params)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 302);
    let q = location_query(&r);
    assert_eq!(get(&q, "error"), Some("invalid_scope"), "{q:?}");
    assert!(
        get(&q, "error_description").unwrap().contains("'admin'"),
        "{q:?}"
    );
    assert!(get(&q, "code").is_none());
}
