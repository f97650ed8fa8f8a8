//! Paging and `updated_since`: what an incremental sync relies on.

use crate::support::sandbox as common;

use std::collections::HashSet;

use common::*;
use reqwest::Method;
use serde_json::Value;
use treevu::marketplaces::types::{AutofactVehicle, ErrorBody, Page};
use treevu::sandbox::SandboxOptions;

fn ids(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn pages_cover_every_record_exactly_once_in_updated_order() {
    let env = start(SandboxOptions {
        listings: 257,
        ..opts()
    });
    for (m, tok, path) in own_lists(&env).await {
        let tok = tok.as_str();
        for limit in [7, 100] {
            let (records, totals) = all_pages(&env, m, tok, path, limit, &[]).await;
            assert!(totals.iter().all(|t| *t == 257), "{m}: totals {totals:?}");
            let ids = ids(&records);
            assert_eq!(ids.len(), 257, "{m} at limit {limit}");
            assert_eq!(
                ids.iter().collect::<HashSet<_>>().len(),
                257,
                "{m}: a record came twice"
            );
            let keys: Vec<(String, String)> = records
                .iter()
                .map(|r| {
                    (
                        r["updatedAt"].as_str().unwrap().into(),
                        r["id"].as_str().unwrap().into(),
                    )
                })
                .collect();
            assert!(
                keys.windows(2).all(|w| w[0] <= w[1]),
                "{m}: not in (updatedAt, id) order"
            );
        }
    }
}

#[tokio::test]
async fn limit_is_clamped_to_100_and_defaults_to_20() {
    let env = start(SandboxOptions {
        listings: 150,
        ..opts()
    });
    let p: Page<AutofactVehicle> = call(&env, Method::GET, "autofact", "", "/vehicles")
        .query(&[("limit", "1000")])
        .json_of()
        .await;
    assert_eq!((p.limit, p.data.len(), p.total), (100, 100, 150));
    let p: Page<AutofactVehicle> = call(&env, Method::GET, "autofact", "", "/vehicles")
        .json_of()
        .await;
    assert_eq!((p.page, p.limit, p.data.len()), (1, 20, 20));
    let p: Page<AutofactVehicle> = call(&env, Method::GET, "autofact", "", "/vehicles")
        .query(&[("page", "2"), ("limit", "100")])
        .json_of()
        .await;
    assert_eq!(p.data.len(), 50);
    let p: Page<AutofactVehicle> = call(&env, Method::GET, "autofact", "", "/vehicles")
        .query(&[("page", "9")])
        .json_of()
        .await;
    assert!(p.data.is_empty());
    assert_eq!(p.total, 150);
    for (k, v) in [
        ("page", "0"),
        ("limit", "0"),
        ("limit", "ten"),
        ("updated_since", "ayer"),
    ] {
        let r = call(&env, Method::GET, "autofact", "", "/vehicles")
            .query(&[(k, v)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{k}={v}");
        let e: ErrorBody = r.json().await.unwrap();
        assert_eq!(e.field.as_deref(), Some(k));
    }
}

#[tokio::test]
async fn updated_since_returns_exactly_the_records_updated_at_or_after_it() {
    let env = start(SandboxOptions {
        listings: 120,
        ..opts()
    });
    let tok = token(&env, "olx").await.access_token;
    let (all, _) = all_pages(&env, "olx", &tok, "/users/me/listings", 100, &[]).await;
    let mut stamps: Vec<&str> = all
        .iter()
        .map(|r| r["updatedAt"].as_str().unwrap())
        .collect();
    stamps.sort();
    let cut = stamps[80];
    let expected: HashSet<String> = all
        .iter()
        .filter(|r| r["updatedAt"].as_str().unwrap() >= cut)
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let (since, totals) = all_pages(
        &env,
        "olx",
        &tok,
        "/users/me/listings",
        15,
        &[("updated_since", cut)],
    )
    .await;
    assert_eq!(ids(&since).into_iter().collect::<HashSet<_>>(), expected);
    assert_eq!(totals[0] as usize, expected.len());
    // Any RFC 3339 offset means the same instant.
    let t = chrono::DateTime::parse_from_rfc3339(cut)
        .unwrap()
        .with_timezone(&chrono::FixedOffset::west_opt(5 * 3600).unwrap());
    let (again, _) = all_pages(
        &env,
        "olx",
        &tok,
        "/users/me/listings",
        100,
        &[("updated_since", &t.to_rfc3339())],
    )
    .await;
    assert_eq!(again.len(), expected.len());

    // A change made now is what the next incremental read returns.
    let before = chrono::Utc::now().to_rfc3339();
    let id = all[0]["id"].as_str().unwrap();
    let r = call(&env, Method::PUT, "olx", &tok, &format!("/listings/{id}"))
        .json(&serde_json::json!({"price": 12345}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let (changed, _) = all_pages(
        &env,
        "olx",
        &tok,
        "/users/me/listings",
        100,
        &[("updated_since", &before)],
    )
    .await;
    assert_eq!(ids(&changed), vec![id.to_string()]);
    assert_eq!(changed[0]["price"], 12345.0);
}
