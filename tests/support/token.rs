//! An access token the way a browser and a client get one from the sandbox:
//! authorize (approving the consent page when one is shown), then the token
//! endpoint with PKCE. The tests (tests/support) and the benchmarks
//! (benches/support, which load this file by path) share it.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// The S256 PKCE challenge of `verifier`.
pub fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// An access token of marketplace `m` at the sandbox at `base`; `http` must not
/// follow redirects (the code comes back in one).
pub fn authorization_code_token(
    http: &reqwest::blocking::Client,
    base: &str,
    m: &str,
    client_id: &str,
) -> String {
    let verifier = "test-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
    let challenge = challenge(verifier);
    let redirect = "http://127.0.0.1:9/callback";
    let params = [
        ("response_type", "code"),
        ("client_id", client_id),
        ("redirect_uri", redirect),
        ("state", "s"),
        ("code_challenge", challenge.as_str()),
        ("code_challenge_method", "S256"),
    ];
    let authorize = format!("{base}/{m}/oauth/authorize");
    let mut resp = http.get(&authorize).query(&params).send().unwrap();
    if resp.status() == 200 {
        let mut form: Vec<(&str, &str)> = params.to_vec();
        form.push(("decision", "approve"));
        resp = http.post(&authorize).form(&form).send().unwrap();
    }
    assert_eq!(resp.status(), 302, "authorize redirects");
    let loc = resp.headers()["location"].to_str().unwrap().to_string();
    let code = url::Url::parse(&loc)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.to_string())
        .expect("code");
    let tok: serde_json::Value = http
        .post(format!("{base}/{m}/oauth/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", redirect),
            ("client_id", client_id),
            ("code_verifier", verifier),
        ])
        .send()
        .unwrap()
        .json()
        .unwrap();
    tok["access_token"]
        .as_str()
        .expect("access token")
        .to_string()
}
