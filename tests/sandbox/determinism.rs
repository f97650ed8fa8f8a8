//! Same seed, same data byte for byte; churn moves the market and `updated_since` sees it.

use crate::support::sandbox as common;

use std::collections::HashMap;

use common::*;
use reqwest::Method;
use serde_json::Value;
use treevu::sandbox::SandboxOptions;

/// Raw bodies of a fixed set of reads that need no token (Autofact) plus the OAuth ones.
async fn snapshot(env: &Env) -> Vec<String> {
    let olx = token(env, "olx").await.access_token;
    let i24 = token(env, "inmuebles24").await.access_token;
    let mut out = Vec::new();
    for (m, tok, path, q) in [
        (
            "olx",
            olx.as_str(),
            "/users/me/listings",
            vec![("limit", "100")],
        ),
        (
            "olx",
            olx.as_str(),
            "/users/me/conversations",
            vec![("limit", "100")],
        ),
        (
            "inmuebles24",
            i24.as_str(),
            "/properties",
            vec![("limit", "100")],
        ),
        (
            "inmuebles24",
            i24.as_str(),
            "/properties",
            vec![
                ("scope", "market"),
                ("district", "Miraflores"),
                ("limit", "100"),
            ],
        ),
        ("autofact", "", "/vehicles", vec![("limit", "100")]),
    ] {
        let body = call(env, Method::GET, m, tok, path)
            .query(&q)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        out.push(body);
    }
    let first: Value = serde_json::from_str(&out[4]).unwrap();
    let vid = first["data"][0]["id"].as_str().unwrap().to_string();
    for p in ["valuation", "market-analysis"] {
        out.push(
            call(
                env,
                Method::GET,
                "autofact",
                "",
                &format!("/vehicles/{vid}/{p}"),
            )
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        );
    }
    out
}

#[tokio::test]
async fn same_seed_gives_identical_bodies_and_another_seed_does_not() {
    let a = snapshot(&start(SandboxOptions { seed: 7, ..opts() })).await;
    let b = snapshot(&start(SandboxOptions { seed: 7, ..opts() })).await;
    assert_eq!(a, b);
    let c = snapshot(&start(SandboxOptions { seed: 8, ..opts() })).await;
    for (x, y) in a.iter().zip(&c) {
        assert_ne!(x, y);
    }
    // Generated timestamps come from the sandbox calendar, not the wall clock.
    let v: Value = serde_json::from_str(&a[4]).unwrap();
    assert!(
        v["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["updatedAt"].as_str().unwrap() < "2026-01-17")
    );
}

#[tokio::test]
async fn churn_changes_records_and_updated_since_returns_them() {
    let env = start(SandboxOptions {
        churn: true,
        listings: 200,
        ..opts()
    });
    let tok = token(&env, "inmuebles24").await.access_token;
    let (first, _) = all_pages(&env, "inmuebles24", &tok, "/properties", 100, &[]).await;
    let before: HashMap<String, Value> = first
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_string(), r.clone()))
        .collect();
    let t0 = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    // The next pass starts at page 1: the market moves.
    let (changed, _) = all_pages(
        &env,
        "inmuebles24",
        &tok,
        "/properties",
        100,
        &[("updated_since", &t0)],
    )
    .await;
    assert!(!changed.is_empty(), "churn changed nothing");
    let mut new = 0;
    let mut moved = 0;
    for r in &changed {
        assert!(r["updatedAt"].as_str().unwrap() >= t0.as_str());
        match before.get(r["id"].as_str().unwrap()) {
            None => new += 1,
            Some(old) => {
                assert_ne!(old, r, "listed as updated but unchanged");
                moved += 1;
            }
        }
    }
    assert!(new >= 1 && moved >= 1, "new {new}, moved {moved}");
    let (after, totals) = all_pages(&env, "inmuebles24", &tok, "/properties", 100, &[]).await;
    assert_eq!(after.len() as u64, totals[0]);
    assert!(after.len() > first.len());
}
