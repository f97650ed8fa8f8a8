//! Tests of the shared HTTP layer and the three clients over it, against the
//! scripted loopback server in `testserver` (no sandbox needed).

use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::{Value, json};

use super::*;
use crate::marketplaces::testserver::{CountingTokens, Recorded, Reply, TestServer};
use crate::marketplaces::types::{ListingStatus, OlxListing, Operation, PropertyType};
use crate::marketplaces::{
    AutofactClient, Inmuebles24Client, OlxClient, OlxListingUpdate, StaticToken, VehicleUpdate,
};

const OLD: &str = "tok-OLD-s3cret-1111";
const NEW: &str = "tok-NEW-s3cret-2222";
const APP_KEY: &str = "app-KEY-s3cret-3333";

type Logs = Arc<Mutex<Vec<RequestLog>>>;

fn http(m: Marketplace, base: &str, tokens: Arc<dyn TokenSource>, logs: &Logs) -> HttpClient {
    let sink = logs.clone();
    let logger: RequestLogger =
        Arc::new(move |l: &RequestLog| sink.lock().unwrap().push(l.clone()));
    let prefix = match m {
        Marketplace::Olx => "/olx/v2",
        Marketplace::Inmuebles24 => "/inmuebles24/v1",
        Marketplace::Autofact => "/autofact/v1",
    };
    HttpClient::builder(m, format!("{base}{prefix}"), tokens)
        .app_key(Some(APP_KEY.into()))
        .logger(Some(logger))
        .timeouts(Duration::from_secs(2), Duration::from_millis(800))
        .build()
        .unwrap()
}

fn olx(server: &TestServer, tokens: Arc<dyn TokenSource>) -> (OlxClient, Logs) {
    let logs = Logs::default();
    let c = OlxClient::new(http(Marketplace::Olx, &server.base, tokens, &logs));
    (c, logs)
}

/// The error of an update of listing `abc` (the fields `set` sets) that must fail.
async fn refused_update(c: &OlxClient, set: impl FnOnce(&mut OlxListingUpdate)) -> ApiError {
    let mut update = OlxListingUpdate::default();
    set(&mut update);
    c.update_listing("abc", &update).await.unwrap_err()
}

fn static_token(m: Marketplace, secret: &str) -> Arc<dyn TokenSource> {
    Arc::new(StaticToken {
        marketplace: m,
        secret: secret.into(),
    })
}

fn listing(id: &str, title: &str, price: Value) -> Value {
    json!({
        "id": id, "title": title, "price": price, "category": "inmuebles",
        "location": {"city": "Lima", "district": "Miraflores"},
        "status": "active", "createdAt": "2026-01-01T00:00:00Z",
        "updatedAt": "2026-01-02T00:00:00Z", "views": 10
    })
}

fn page(data: Vec<Value>) -> Value {
    json!({"data": data, "page": 1, "limit": 100, "total": 99})
}

fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

// ---------------------------------------------------------------- URLs

#[test]
fn ids_are_escaped_as_one_path_segment() {
    let logs = Logs::default();
    for base in ["http://127.0.0.1:9/olx/v2", "http://127.0.0.1:9/olx/v2/"] {
        let c = HttpClient::builder(Marketplace::Olx, base, static_token(Marketplace::Olx, OLD))
            .logger(None)
            .build()
            .unwrap();
        let url = c.url(&["listings", "a/b?c#d %é"], &[]).unwrap();
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:9/olx/v2/listings/a%2Fb%3Fc%23d%20%25%C3%A9"
        );
        assert_eq!(url.path_segments().unwrap().count(), 4);
    }
    let c = http(
        Marketplace::Olx,
        "http://127.0.0.1:9",
        static_token(Marketplace::Olx, OLD),
        &logs,
    );
    let q = c
        .url(
            &["users", "u1", "listings"],
            &[("updated_since", "2026-01-01T00:00:00+05:00".into())],
        )
        .unwrap();
    assert_eq!(
        q.query(),
        Some("updated_since=2026-01-01T00%3A00%3A00%2B05%3A00")
    );
    for bad in ["", ".", ".."] {
        let err = c.url(&["listings", bad], &[]).unwrap_err();
        assert!(
            matches!(&err, ApiError::InvalidPayload { field: Some(f), .. } if f == "id"),
            "{bad:?}: {err}"
        );
    }
}

// ---------------------------------------------------------------- headers

fn headers(pairs: &[(&'static str, String)]) -> HeaderMap {
    let mut h = HeaderMap::new();
    for (k, v) in pairs {
        h.insert(*k, HeaderValue::from_str(v).unwrap());
    }
    h
}

#[test]
fn retry_after_takes_seconds_dates_reset_or_a_minute() {
    let now = 1_780_000_000;
    assert_eq!(
        retry_after(&headers(&[("retry-after", "7".into())]), now),
        Duration::from_secs(7)
    );
    let date = chrono::DateTime::from_timestamp(now + 90, 0)
        .unwrap()
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string();
    assert_eq!(
        retry_after(&headers(&[("retry-after", date)]), now),
        Duration::from_secs(90)
    );
    assert_eq!(
        retry_after(
            &headers(&[("x-ratelimit-reset", (now + 30).to_string())]),
            now
        ),
        Duration::from_secs(30)
    );
    // Unreadable Retry-After: fall back to the window reset.
    assert_eq!(
        retry_after(
            &headers(&[
                ("retry-after", "soon".into()),
                ("x-ratelimit-reset", (now + 12).to_string())
            ]),
            now
        ),
        Duration::from_secs(12)
    );
    // A reset already past (clock skew) still waits a little.
    assert_eq!(
        retry_after(
            &headers(&[("x-ratelimit-reset", (now - 5).to_string())]),
            now
        ),
        Duration::from_secs(1)
    );
    assert_eq!(retry_after(&HeaderMap::new(), now), Duration::from_secs(60));
}

#[test]
fn rate_info_needs_all_three_headers() {
    let h = headers(&[
        ("x-ratelimit-limit", "1000".into()),
        ("x-ratelimit-remaining", "998".into()),
        ("x-ratelimit-reset", "1780000000".into()),
    ]);
    assert_eq!(
        rate_info_from(&h),
        Some(RateInfo {
            limit: 1000,
            remaining: 998,
            reset_at: 1_780_000_000
        })
    );
    let partial = headers(&[("x-ratelimit-limit", "1000".into())]);
    assert_eq!(rate_info_from(&partial), None);
    let negative = headers(&[
        ("x-ratelimit-limit", "1000".into()),
        ("x-ratelimit-remaining", "-1".into()),
        ("x-ratelimit-reset", "1".into()),
    ]);
    assert_eq!(rate_info_from(&negative), None);
}

// ---------------------------------------------------------------- pages

#[test]
fn one_bad_record_does_not_lose_the_others() {
    let mut views_bad = listing("v", "Casa con vista", json!(100));
    views_bad["views"] = json!("x");
    let mut no_price = listing("np", "Casa sin precio", json!(1));
    no_price.as_object_mut().unwrap().remove("price");
    let mut no_district = listing("nd", "Casa sin distrito", json!(1));
    no_district["location"]
        .as_object_mut()
        .unwrap()
        .remove("district");
    let mut bad_image = listing("im", "Casa con fotos", json!(1));
    bad_image["images"] = json!(["a.jpg", 5]);
    let body = page(vec![
        listing("ok-1", "Departamento en Barranco", json!(350000)),
        listing("short", "Cas", json!(1)),
        no_price,
        listing("neg", "Casa en Surco", json!(-5)),
        views_bad,
        no_district,
        bad_image,
        json!({"id": 42, "title": "no string id"}),
        listing("ok-2", "Terreno en Lurín", json!(80000.5)),
    ])
    .to_string();
    let p: ListPage<OlxListing> = parse_page(Marketplace::Olx, body.as_bytes()).unwrap();
    assert_eq!((p.page, p.limit, p.total, p.items.len()), (1, 100, 99, 9));
    let ok: Vec<&str> = p
        .items
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|l| l.id.as_str())
        .collect();
    assert_eq!(ok, ["ok-1", "ok-2"]);
    let errs: Vec<(Option<&str>, &str)> = p
        .items
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| (e.remote_id.as_deref(), e.reason.as_str()))
        .collect();
    assert_eq!(
        errs,
        [
            (Some("short"), "title must be 5–255 characters (got 3)"),
            (Some("np"), "missing field `price`"),
            (Some("neg"), "price must be > 0 (got -5)"),
            (Some("v"), "views: invalid type: string \"x\", expected u64"),
            (Some("nd"), "location: missing field `district`"),
            (
                Some("im"),
                "images[1]: invalid type: integer `5`, expected a string"
            ),
            (None, "id: invalid type: integer `42`, expected a string"),
        ]
    );
    // The payload is kept as received, for the sync's error log.
    let bad = p.items[1].as_ref().unwrap_err();
    assert_eq!(bad.payload["title"], "Cas");
}

#[test]
fn a_broken_envelope_is_an_error_for_the_whole_page() {
    for (body, field) in [
        (r#"{"page":1,"limit":10,"total":0}"#, Some("data")),
        (r#"{"data":{},"page":1,"limit":10,"total":0}"#, Some("data")),
        (r#"{"data":[],"limit":10,"total":0}"#, Some("page")),
        (
            r#"{"data":[],"page":1,"limit":10,"total":-1}"#,
            Some("total"),
        ),
        ("[]", None),
        ("<html>oops</html>", None),
    ] {
        let err = parse_page::<OlxListing>(Marketplace::Olx, body.as_bytes()).unwrap_err();
        match err {
            ApiError::InvalidPayload { field: f, .. } => assert_eq!(f.as_deref(), field, "{body}"),
            other => panic!("{body}: {other}"),
        }
    }
}

// ---------------------------------------------------------------- 401

fn olx_server_accepting(token: &'static str) -> TestServer {
    TestServer::start(move |r: &Recorded| {
        if r.header("authorization") == Some(&format!("Bearer {token}")) {
            Reply::json(200, json!({"id": "u1", "name": "Ana"}))
        } else {
            Reply::json(
                401,
                json!({"error": "unauthorized", "message": "token expired"}),
            )
        }
    })
}

#[tokio::test]
async fn a_401_refreshes_once_and_retries_once() {
    let server = olx_server_accepting(NEW);
    let tokens = CountingTokens::new(Marketplace::Olx, OLD, Some(NEW));
    let (c, _) = olx(&server, tokens.clone());
    let me = c.me().await.unwrap();
    assert_eq!(me.id, "u1");
    assert_eq!(tokens.refreshes(), 1);
    assert_eq!(c.http().requests_made(), 2);
    let seen = server.requests();
    assert_eq!(seen.len(), 2);
    assert_eq!(
        seen[0].header("authorization"),
        Some(format!("Bearer {OLD}").as_str())
    );
    assert_eq!(
        seen[1].header("authorization"),
        Some(format!("Bearer {NEW}").as_str())
    );
}

#[tokio::test]
async fn a_second_401_is_unauthorized_not_a_loop() {
    let server = olx_server_accepting("nothing-matches");
    let tokens = CountingTokens::new(Marketplace::Olx, OLD, Some(NEW));
    let (c, _) = olx(&server, tokens.clone());
    let err = c.me().await.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { .. }), "{err}");
    assert!(err.to_string().contains("token expired"), "{err}");
    assert_eq!(tokens.refreshes(), 1);
    assert_eq!(tokens.current_calls.load(Ordering::SeqCst), 1);
    assert_eq!(server.requests().len(), 2);
    assert_eq!(
        crate::exit::ExitStatus::exit_code(&err),
        crate::exit::NEEDS_RECONNECT
    );
}

#[tokio::test]
async fn a_refresh_that_fails_stops_after_one_request() {
    let server = olx_server_accepting(NEW);
    let tokens = CountingTokens::new(Marketplace::Olx, OLD, None);
    let (c, _) = olx(&server, tokens.clone());
    let err = c.me().await.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { .. }), "{err}");
    assert_eq!(tokens.refreshes(), 1);
    assert_eq!(server.requests().len(), 1);
}

// ---------------------------------------------------------------- secrets

#[tokio::test]
async fn secrets_never_reach_messages_or_logs() {
    // A hostile or careless server echoes the credentials back.
    let server = TestServer::start(|r: &Recorded| {
        let echoed = format!(
            "bad token {} with key {}",
            r.header("authorization").unwrap_or(""),
            r.header("x-api-key").unwrap_or("")
        );
        Reply::json(401, json!({"error": "unauthorized", "message": echoed}))
    });
    let tokens = CountingTokens::new(Marketplace::Olx, OLD, Some(NEW));
    let (c, logs) = olx(&server, tokens);
    let err = c.me().await.unwrap_err();
    let shown = format!("{err} {err:?}");
    for secret in [OLD, NEW, APP_KEY] {
        assert!(!shown.contains(secret), "{secret} leaked: {shown}");
    }
    assert!(shown.contains("<redacted>"), "{shown}");
    let logs = logs.lock().unwrap();
    assert_eq!(logs.len(), 2);
    for l in logs.iter() {
        let line = format!("{l:?}");
        for secret in [OLD, NEW, APP_KEY] {
            assert!(!line.contains(secret), "{secret} in log: {line}");
        }
        assert_eq!(l.path, "/olx/v2/users/me");
        assert_eq!(l.status, Some(401));
        assert_eq!(l.method, "GET");
    }
    assert!(!format!("{:?}", c).contains(APP_KEY));
}

// ---------------------------------------------------------------- status mapping

fn scripted(status: u16, body: Value) -> TestServer {
    TestServer::start(move |_| {
        Reply::json(status, body.clone())
            .header("X-RateLimit-Limit", "1000")
            .header("X-RateLimit-Remaining", "0")
            .header("X-RateLimit-Reset", "1780000000")
    })
}

#[tokio::test]
async fn a_429_is_rate_limited_with_the_servers_delay() {
    let server = TestServer::start(|_| {
        Reply::json(
            429,
            json!({"error": "rate_limited", "message": "slow down"}),
        )
        .header("Retry-After", "7")
        .header("X-RateLimit-Limit", "1000")
        .header("X-RateLimit-Remaining", "0")
        .header("X-RateLimit-Reset", "1780000000")
    });
    let (c, _) = olx(&server, static_token(Marketplace::Olx, OLD));
    let err = c.get_listing("abc").await.unwrap_err();
    match &err {
        ApiError::RateLimited { retry_after, .. } => {
            assert_eq!(*retry_after, Duration::from_secs(7))
        }
        other => panic!("{other}"),
    }
    assert!(
        !err.is_transient(),
        "the sync layer decides when to come back"
    );
    assert_eq!(c.http().throttled(), 1);
    assert_eq!(
        server.requests().len(),
        1,
        "the client does not retry 429 itself"
    );
    assert_eq!(
        c.http().rate_info(),
        Some(RateInfo {
            limit: 1000,
            remaining: 0,
            reset_at: 1_780_000_000
        })
    );
}

#[tokio::test]
async fn statuses_map_to_errors_callers_can_act_on() {
    let not_found = scripted(
        404,
        json!({"error": "not_found", "message": "no listing 'abc'"}),
    );
    let (c, _) = olx(&not_found, static_token(Marketplace::Olx, OLD));
    let err = c.get_listing("abc").await.unwrap_err();
    assert!(
        matches!(&err, ApiError::NotFound { what, .. } if what == "listing 'abc'"),
        "{err}"
    );
    assert_eq!(err.to_string(), "olx has no listing 'abc'");
    // Rate headers are kept from error answers too.
    assert_eq!(c.http().rate_info().map(|r| r.limit), Some(1000));

    let invalid = scripted(
        422,
        json!({"error": "invalid_payload", "message": "price must be positive", "field": "price"}),
    );
    let (c, _) = olx(&invalid, static_token(Marketplace::Olx, OLD));
    let err = refused_update(&c, |u| u.description = Some("nueva".into())).await;
    assert!(
        matches!(&err, ApiError::InvalidPayload { field: Some(f), .. } if f == "price"),
        "{err}"
    );
    assert!(err.to_string().contains("(field 'price')"), "{err}");

    let forbidden = scripted(
        403,
        json!({"error": "forbidden", "message": "not your listings"}),
    );
    let (c, _) = olx(&forbidden, static_token(Marketplace::Olx, OLD));
    let err = c.list_listings("other", 1, 20, None).await.unwrap_err();
    assert!(
        matches!(err, ApiError::Unauthorized { ref message, .. } if message == "not your listings")
    );
    assert_eq!(forbidden.requests().len(), 1, "403 is not refreshed");

    let unavailable = scripted(
        503,
        json!({"error": "server_error", "message": "maintenance"}),
    );
    let (c, _) = olx(&unavailable, static_token(Marketplace::Olx, OLD));
    let err = c.me().await.unwrap_err();
    assert!(matches!(err, ApiError::Server { status: 503, .. }), "{err}");
    assert!(err.is_transient());
}

#[tokio::test]
async fn a_huge_html_error_becomes_a_short_message() {
    let html = format!(
        "<html><body>{}</body></html>",
        "Bad Gateway ".repeat(20_000)
    );
    let server = TestServer::start(move |_| Reply::text(502, html.clone()));
    let (c, _) = olx(&server, static_token(Marketplace::Olx, OLD));
    let err = c.me().await.unwrap_err();
    let shown = err.to_string();
    assert!(
        matches!(err, ApiError::Server { status: 502, .. }),
        "{shown}"
    );
    assert!(shown.len() < 200, "{shown}");
    assert!(!shown.contains("<html>"), "{shown}");

    let short = TestServer::start(|_| Reply::text(500, "upstream timed out\n"));
    let (c, _) = olx(&short, static_token(Marketplace::Olx, OLD));
    let err = c.me().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "olx answered 500: HTTP 500: upstream timed out"
    );
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let server =
        TestServer::start(|_| Reply::text(302, "").header("Location", "http://127.0.0.1:1/steal"));
    let (c, _) = olx(&server, static_token(Marketplace::Olx, OLD));
    let err = c.me().await.unwrap_err();
    assert!(matches!(err, ApiError::Server { status: 302, .. }), "{err}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn no_listener_and_slow_servers_are_network_errors() {
    let logs = Logs::default();
    let base = format!("http://127.0.0.1:{}", closed_port());
    let c = OlxClient::new(http(
        Marketplace::Olx,
        &base,
        static_token(Marketplace::Olx, OLD),
        &logs,
    ));
    let err = c.me().await.unwrap_err();
    assert!(matches!(err, ApiError::Network { .. }), "{err}");
    assert!(err.is_transient());
    assert_eq!(logs.lock().unwrap()[0].status, None);

    let slow = TestServer::start(|_| {
        std::thread::sleep(Duration::from_millis(1500));
        Reply::json(200, json!({"id": "u1"}))
    });
    let (c, _) = olx(&slow, static_token(Marketplace::Olx, OLD));
    let err = c.me().await.unwrap_err();
    assert!(err.to_string().contains("no answer within"), "{err}");
    assert!(err.is_transient());
}

// ---------------------------------------------------------------- requests sent

#[tokio::test]
async fn olx_sends_bearer_and_app_key_autofact_only_the_merchant_key() {
    let server = TestServer::start(|r: &Recorded| {
        if r.url.starts_with("/autofact") {
            Reply::json(200, page(vec![]))
        } else {
            Reply::json(200, json!({"id": "u1", "name": null}))
        }
    });
    let (c, _) = olx(&server, static_token(Marketplace::Olx, OLD));
    c.me().await.unwrap();
    let logs = Logs::default();
    let af = AutofactClient::new(http(
        Marketplace::Autofact,
        &server.base,
        static_token(Marketplace::Autofact, "merchant-key-777"),
        &logs,
    ));
    let p = af.list_vehicles(1, 50, None).await.unwrap();
    assert!(p.items.is_empty());
    let seen = server.requests();
    assert_eq!(seen[0].url, "/olx/v2/users/me");
    assert_eq!(
        seen[0].header("authorization"),
        Some(format!("Bearer {OLD}").as_str())
    );
    assert_eq!(seen[0].header("x-api-key"), Some(APP_KEY));
    assert!(seen[0].header("user-agent").unwrap().starts_with("treevu/"));
    assert_eq!(seen[1].url, "/autofact/v1/vehicles?page=1&limit=50");
    assert_eq!(seen[1].header("x-api-key"), Some("merchant-key-777"));
    assert_eq!(seen[1].header("authorization"), None);
}

#[tokio::test]
async fn list_queries_carry_page_limit_and_updated_since() {
    let server = TestServer::start(|_| Reply::json(200, page(vec![])));
    let (c, _) = olx(&server, static_token(Marketplace::Olx, OLD));
    let since = chrono::DateTime::parse_from_rfc3339("2026-03-01T10:00:00.250Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    c.list_listings("u/1", 3, 100, Some(since)).await.unwrap();
    c.list_conversations("u1", 1, 20, None).await.unwrap();
    let logs = Logs::default();
    let i24 = Inmuebles24Client::new(http(
        Marketplace::Inmuebles24,
        &server.base,
        static_token(Marketplace::Inmuebles24, OLD),
        &logs,
    ));
    i24.search_market(
        "San Isidro",
        Some(PropertyType::Apartment),
        Some(Operation::Sale),
        2,
        100,
    )
    .await
    .unwrap();
    i24.list_leads("p-1", 1, 10).await.unwrap();
    let urls: Vec<String> = server.requests().into_iter().map(|r| r.url).collect();
    assert_eq!(
        urls,
        [
            "/olx/v2/users/u%2F1/listings?page=3&limit=100&updated_since=2026-03-01T10%3A00%3A00.250Z",
            "/olx/v2/users/u1/conversations?page=1&limit=20",
            "/inmuebles24/v1/properties?scope=market&district=San+Isidro&propertyType=apartment&operation=sale&page=2&limit=100",
            "/inmuebles24/v1/properties/p-1/leads?page=1&limit=10",
        ]
    );
    assert_eq!(logs.lock().unwrap().len(), 2);
    let err = c.list_listings("u1", 0, 20, None).await.unwrap_err();
    assert!(matches!(&err, ApiError::InvalidPayload { field: Some(f), .. } if f == "page"));
    assert_eq!(server.requests().len(), 4, "page 0 is refused locally");
}

#[tokio::test]
async fn bad_updates_are_refused_before_anything_is_sent() {
    let server = TestServer::start(|_| Reply::json(200, json!({})));
    let tokens = CountingTokens::new(Marketplace::Olx, OLD, Some(NEW));
    let (c, _) = olx(&server, tokens.clone());
    let err = refused_update(&c, |u| u.price = Some(-5.0)).await;
    assert!(
        matches!(&err, ApiError::InvalidPayload { field: Some(f), .. } if f == "price"),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "invalid data for olx (field 'price'): price must be > 0 (got -5); nothing was sent"
    );
    let err = refused_update(&c, |u| u.title = Some("Cas".into())).await;
    assert!(
        err.to_string()
            .contains("title must be 5–255 characters (got 3)")
    );
    let err = c
        .update_listing("abc", &OlxListingUpdate::default())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("sets no field"), "{err}");
    let logs = Logs::default();
    let af = AutofactClient::new(http(
        Marketplace::Autofact,
        &server.base,
        static_token(Marketplace::Autofact, "k-1234"),
        &logs,
    ));
    let err = af
        .update_vehicle(
            "v1",
            &VehicleUpdate {
                year: Some(1850),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ApiError::InvalidPayload { field: Some(f), .. } if f == "year"),
        "{err}"
    );
    assert!(server.requests().is_empty());
    assert_eq!(tokens.current_calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn writes_send_only_the_given_fields_and_read_back_the_record() {
    let server = TestServer::start(|r: &Recorded| match r.method.as_str() {
        "PUT" => {
            let sent: Value = serde_json::from_str(&r.body).unwrap();
            let mut l = listing("a/b", "Casa en Surco", json!(1));
            l["price"] = sent["price"].clone();
            l["status"] = json!("sold");
            Reply::json(200, l)
        }
        "DELETE" => Reply::text(204, ""),
        _ => Reply::json(200, listing("x", "Cas", json!(1))),
    });
    let (c, _) = olx(&server, static_token(Marketplace::Olx, OLD));
    let updated = c
        .update_listing(
            "a/b",
            &OlxListingUpdate {
                price: Some(410_000.0),
                status: Some(ListingStatus::Sold),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(updated.price, 410_000.0);
    c.delete_listing("a/b").await.unwrap();
    // A record that fails validation is an error when it is the one asked for.
    let err = c.get_listing("x").await.unwrap_err();
    assert!(
        matches!(&err, ApiError::InvalidPayload { field: Some(f), .. } if f == "title"),
        "{err}"
    );
    let seen = server.requests();
    assert_eq!(seen[0].method, "PUT");
    assert_eq!(seen[0].url, "/olx/v2/listings/a%2Fb");
    assert_eq!(seen[0].header("content-type"), Some("application/json"));
    let body: Value = serde_json::from_str(&seen[0].body).unwrap();
    assert_eq!(body, json!({"price": 410000.0, "status": "sold"}));
    assert_eq!(
        (seen[1].method.as_str(), seen[1].url.as_str()),
        ("DELETE", "/olx/v2/listings/a%2Fb")
    );
}

// ---------------------------------------------------------------- retry helper

#[tokio::test]
async fn retry_transient_retries_only_transient_errors() {
    let calls = std::sync::atomic::AtomicU32::new(0);
    let server_error = || ApiError::Server {
        marketplace: Marketplace::Olx,
        status: 503,
        message: "busy".into(),
    };
    let r: Result<u32, ApiError> = retry_transient(
        || {
            let n = calls.fetch_add(1, Ordering::SeqCst) + 1;
            async move { if n < 3 { Err(server_error()) } else { Ok(n) } }
        },
        5,
        Duration::from_millis(1),
    )
    .await;
    assert_eq!(r.unwrap(), 3);

    calls.store(0, Ordering::SeqCst);
    let r: Result<(), ApiError> = retry_transient(
        || {
            calls.fetch_add(1, Ordering::SeqCst);
            async { Err(server_error()) }
        },
        4,
        Duration::from_millis(1),
    )
    .await;
    assert!(matches!(r, Err(ApiError::Server { status: 503, .. })));
    assert_eq!(calls.load(Ordering::SeqCst), 4);

    calls.store(0, Ordering::SeqCst);
    let r: Result<(), ApiError> = retry_transient(
        || {
            calls.fetch_add(1, Ordering::SeqCst);
            async {
                Err(ApiError::NotFound {
                    marketplace: Marketplace::Olx,
                    what: "listing 'x'".into(),
                })
            }
        },
        4,
        Duration::from_millis(1),
    )
    .await;
    assert!(matches!(r, Err(ApiError::NotFound { .. })));
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[test]
fn backoff_grows_with_jitter_and_is_capped() {
    let base = Duration::from_millis(100);
    for attempt in 1..=4 {
        let full = base * (1 << (attempt - 1));
        let d = backoff_delay(base, attempt);
        assert!(d >= full / 2 && d <= full, "attempt {attempt}: {d:?}");
    }
    assert!(backoff_delay(Duration::from_secs(10), 30) <= Duration::from_secs(300));
}

#[test]
fn client_futures_can_be_spawned() {
    // The sync engine runs pages concurrently on tokio: the futures must be Send.
    fn assert_send<T: Send>(_: T) {}
    fn assert_sync<T: Send + Sync>() {}
    assert_sync::<HttpClient>();
    let logs = Logs::default();
    let base = "http://127.0.0.1:9";
    let o = OlxClient::new(http(
        Marketplace::Olx,
        base,
        static_token(Marketplace::Olx, OLD),
        &logs,
    ));
    assert_send(o.list_listings("u", 1, 1, None));
    assert_send(o.update_listing("x", &OlxListingUpdate::default()));
    let i = Inmuebles24Client::new(http(
        Marketplace::Inmuebles24,
        base,
        static_token(Marketplace::Inmuebles24, OLD),
        &logs,
    ));
    assert_send(i.search_market("Lince", None, None, 1, 1));
    let a = AutofactClient::new(http(
        Marketplace::Autofact,
        base,
        static_token(Marketplace::Autofact, OLD),
        &logs,
    ));
    assert_send(a.market_analysis("v"));
    assert_send(retry_transient(
        || a.valuation("v"),
        3,
        Duration::from_millis(1),
    ));
}

#[test]
fn plain_http_is_refused_except_to_this_machine() {
    use crate::marketplaces::http::parse_base;
    for ok in [
        "https://api.olx.com/v2",
        "http://127.0.0.1:8080/olx/v2",
        "http://localhost:8080/olx/v2",
        "http://[::1]:8080/olx/v2",
    ] {
        assert!(parse_base(Marketplace::Olx, ok).is_ok(), "{ok}");
    }
    for bad in ["http://api.olx.com/v2", "http://192.168.1.10:8080/olx/v2"] {
        let e = parse_base(Marketplace::Olx, bad).unwrap_err();
        assert!(e.to_string().contains("https"), "{bad}: {e}");
    }
}
