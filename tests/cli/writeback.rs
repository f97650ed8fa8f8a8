//! Write-back end to end: `treevu listing update|create|remove` against the
//! sandbox, checked the way a merchant would (the marketplace's copy, the
//! local history, the request counts), never just the exit code.

use crate::support;

use serde_json::{Value, json};
use support::{Harness, json_out, stderr, stdout};
use treevu::sandbox::SandboxOptions;

/// A harness with a synced store.
fn synced() -> Harness {
    let h = Harness::new(support::small_opts());
    let out = h.run(&["sync", "--all", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "sync: {}", stderr(&out));
    h
}

/// The first stored listing of `m` that is active, with its price in minor units.
fn stored_listing(h: &Harness, m: &str) -> (String, i64) {
    h.conn()
        .query_row(
            "SELECT remote_id, price_minor FROM listings WHERE marketplace = ?1 AND status = 'active' \
             AND removed_at IS NULL ORDER BY remote_id LIMIT 1",
            [m],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a stored active listing")
}

/// How many requests with `method` to the marketplace's API (not its OAuth
/// endpoints, which the harness itself POSTs to) the sandbox answered for `m`.
fn method_count(h: &Harness, m: &str, method: &str) -> u64 {
    let stats = h.stats();
    stats["requests"][m]
        .as_object()
        .map(|per| {
            per.iter()
                .filter(|(k, _)| k.starts_with(&format!("{method} ")) && !k.contains("oauth"))
                .map(|(_, v)| v.as_u64().unwrap_or(0))
                .sum()
        })
        .unwrap_or(0)
}

/// `GET` one record straight from the sandbox, as the marketplace sees it.
fn remote_record(h: &Harness, m: &str, id: &str) -> Value {
    let creds = h.sandbox.credentials();
    let token = |k: &str| h.token(k);
    let http = reqwest::blocking::Client::new();
    let rb = match m {
        "olx" => http
            .get(format!("{}/olx/v2/listings/{id}", h.base))
            .bearer_auth(token("TREEVU_OLX_TOKEN"))
            .header("X-API-Key", &creds.olx.api_key),
        "inmuebles24" => http
            .get(format!("{}/inmuebles24/v1/properties/{id}", h.base))
            .bearer_auth(token("TREEVU_INMUEBLES24_TOKEN"))
            .header("X-API-Key", &creds.inmuebles24.api_key),
        _ => http
            .get(format!("{}/autofact/v1/vehicles/{id}", h.base))
            .header("X-API-Key", token("TREEVU_AUTOFACT_API_KEY")),
    };
    let resp = rb.send().unwrap();
    assert_eq!(resp.status(), 200, "GET {m} {id}");
    resp.json().unwrap()
}

#[test]
fn update_price_with_yes_changes_the_marketplace_and_records_an_applied_price() {
    let h = synced();
    let (id, old_minor) = stored_listing(&h, "olx");
    let new_minor = old_minor - old_minor / 10 - 50; // a tenth and 0.50 less: cents must survive exactly
    let new_text = format!("{}.{:02}", new_minor / 100, new_minor % 100);
    let puts = method_count(&h, "olx", "PUT");
    let out = h.run(&[
        "listing",
        "update",
        &format!("olx:{id}"),
        "--price",
        &new_text,
        "--yes",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(method_count(&h, "olx", "PUT"), puts + 1, "exactly one PUT");
    // The old → new line is on stderr, the data on stdout.
    assert!(stderr(&out).contains('→'), "stderr: {}", stderr(&out));
    let doc = json_out(&out);
    assert_eq!(doc["id"], format!("olx:{id}"));
    assert_eq!(doc["oldPrice"].as_f64().unwrap(), old_minor as f64 / 100.0);
    assert_eq!(doc["newPrice"].as_f64().unwrap(), new_minor as f64 / 100.0);
    assert_eq!(
        doc["response"]["id"],
        id.as_str(),
        "the marketplace's answer"
    );

    let remote = remote_record(&h, "olx", &id);
    assert_eq!(
        remote["price"].as_f64().unwrap(),
        new_minor as f64 / 100.0,
        "the marketplace has the new price"
    );
    let (stored_minor, applied): (i64, i64) = h
        .conn()
        .query_row(
            "SELECT l.price_minor, (SELECT count(*) FROM price_history p WHERE p.listing_id = l.id \
             AND p.source = 'apply' AND p.price_minor = ?2) FROM listings l \
             WHERE l.marketplace = 'olx' AND l.remote_id = ?1",
            rusqlite::params![id, new_minor],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        stored_minor, new_minor,
        "the stored listing has the new price"
    );
    assert_eq!(applied, 1, "one price_history row with source 'apply'");
    // The applied price is not recorded twice (once as 'apply', again as 'sync').
    let same_price_rows = h.count(&format!(
        "SELECT count(*) FROM price_history p JOIN listings l ON l.id = p.listing_id \
         WHERE l.remote_id = '{id}' AND p.price_minor = {new_minor}"
    ));
    assert_eq!(same_price_rows, 1);
}

#[test]
fn dry_run_prints_the_request_and_sends_nothing() {
    let h = synced();
    let (id, _) = stored_listing(&h, "inmuebles24");
    let puts = method_count(&h, "inmuebles24", "PUT");
    let history = h.count("SELECT count(*) FROM price_history");
    let out = h.run(&[
        "listing",
        "update",
        &format!("inmuebles24:{id}"),
        "--price",
        "285000",
        "--title",
        "Departamento renovado en Miraflores",
        "--dry-run",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let doc = json_out(&out);
    assert_eq!(doc["method"], "PUT");
    assert_eq!(doc["path"], format!("/inmuebles24/v1/properties/{id}"));
    assert_eq!(
        doc["body"],
        json!({"price": 285000.0, "title": "Departamento renovado en Miraflores"})
    );
    assert_eq!(
        method_count(&h, "inmuebles24", "PUT"),
        puts,
        "a dry run sends no PUT"
    );
    assert_eq!(h.count("SELECT count(*) FROM price_history"), history);
    // Never a header or a secret.
    let all = format!("{}{}", stdout(&out), stderr(&out));
    for (_, secret) in &h.tokens {
        assert!(!all.contains(secret.as_str()), "a secret leaked: {all}");
    }
    assert!(!all.to_lowercase().contains("authorization"), "{all}");
}

#[test]
fn invalid_updates_are_refused_before_sending_naming_the_field() {
    let h = synced();
    let (id, old_minor) = stored_listing(&h, "autofact");
    let puts = method_count(&h, "autofact", "PUT");
    let listing = format!("autofact:{id}");
    for (args, field) in [
        (vec!["--price", "0"], "price"),
        (vec!["--title", "Kia"], "title"),
    ] {
        let mut full = vec!["listing", "update", listing.as_str()];
        full.extend(args.iter().copied());
        full.push("--yes");
        let out = h.run(&full);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{args:?}: nothing on stdout");
        let err = stderr(&out);
        assert!(err.contains(&format!("'{field}'")), "{args:?}: {err}");
        assert!(err.contains("nothing was sent"), "{err}");
    }
    assert_eq!(method_count(&h, "autofact", "PUT"), puts, "no PUT was sent");
    let remote = remote_record(&h, "autofact", &id);
    assert_eq!(remote["price"].as_f64().unwrap(), old_minor as f64 / 100.0);
}

#[test]
fn without_a_terminal_and_without_yes_nothing_is_sent() {
    let h = synced();
    let (id, _) = stored_listing(&h, "olx");
    let puts = method_count(&h, "olx", "PUT");
    let out = h.run(&["listing", "update", &format!("olx:{id}"), "--price", "1000"]);
    assert_eq!(out.status.code(), Some(2), "stderr: {}", stderr(&out));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let out = h.run(&["listing", "remove", &format!("olx:{id}")]);
    assert_eq!(out.status.code(), Some(2), "stderr: {}", stderr(&out));
    assert_eq!(method_count(&h, "olx", "PUT"), puts);
    assert_eq!(method_count(&h, "olx", "DELETE"), 0);
}

#[test]
fn unknown_listing_exits_1_with_the_next_step_on_stderr() {
    let h = synced();
    let before = h.requests("olx");
    for args in [
        vec![
            "listing",
            "update",
            "olx:NOPE-123",
            "--price",
            "1000",
            "--yes",
        ],
        vec!["listing", "remove", "olx:NOPE-123", "--yes"],
        vec!["conversations", "olx:NOPE-123"],
    ] {
        let out = h.run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stdout(&out).is_empty(), "{args:?}: stdout {}", stdout(&out));
        assert!(
            stderr(&out).contains(
                "no listing 'olx:NOPE-123' in the local store; run 'treevu sync olx' or see 'treevu listings'"
            ),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert_eq!(h.requests("olx"), before, "nothing was asked of OLX");
}

#[test]
fn remove_deletes_on_olx_and_sets_status_removed_elsewhere() {
    let h = synced();
    let (olx, _) = stored_listing(&h, "olx");
    let out = h.run(&[
        "listing",
        "remove",
        &format!("olx:{olx}"),
        "--yes",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(method_count(&h, "olx", "DELETE"), 1);
    assert_eq!(json_out(&out)["method"], "delete");
    assert_eq!(remote_record(&h, "olx", &olx)["status"], "removed");

    let (i24, _) = stored_listing(&h, "inmuebles24");
    let puts = method_count(&h, "inmuebles24", "PUT");
    let out = h.run(&["listing", "remove", &format!("inmuebles24:{i24}"), "--yes"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert!(stderr(&out).contains("has no DELETE"), "{}", stderr(&out));
    assert_eq!(method_count(&h, "inmuebles24", "PUT"), puts + 1);
    assert_eq!(remote_record(&h, "inmuebles24", &i24)["status"], "removed");
    // Gone from the default listing, kept with --all.
    let listed = h.run(&["listings", "--json"]);
    let ids: Vec<String> = json_out(&listed)
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!ids.contains(&format!("olx:{olx}")));
    assert!(!ids.contains(&format!("inmuebles24:{i24}")));
    let all = h.run(&["listings", "--all", "--json"]);
    assert!(stdout(&all).contains(&format!("inmuebles24:{i24}")));
}

#[test]
fn create_posts_a_valid_file_and_refuses_an_invalid_one() {
    let h = synced();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        json!({"title": "Toyota Yaris 2019 impecable", "price": 45000,
               "location": {"city": "Lima", "district": "Surco"}})
        .to_string(),
    )
    .unwrap();
    let out = h.run(&[
        "listing",
        "create",
        "--marketplace",
        "olx",
        "--from-file",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    assert!(stderr(&out).contains("category"), "{}", stderr(&out));
    assert_eq!(method_count(&h, "olx", "POST"), 0, "nothing was sent");

    let good = dir.path().join("car.json");
    std::fs::write(
        &good,
        json!({"title": "Toyota Yaris 2019 impecable", "brand": "Toyota", "model": "Yaris",
               "year": 2019, "mileage": 48000, "price": 45000, "currency": "PEN",
               "location": {"city": "Lima", "district": "Surco"}})
        .to_string(),
    )
    .unwrap();
    let create = |flag: &str| {
        let file = good.to_str().unwrap();
        h.run(&[
            "listing",
            "create",
            "--marketplace",
            "autofact",
            "--from-file",
            file,
            flag,
        ])
    };
    let dry = create("--dry-run");
    assert_eq!(dry.status.code(), Some(0), "stderr: {}", stderr(&dry));
    assert!(stdout(&dry).starts_with("POST "), "{}", stdout(&dry));
    assert_eq!(method_count(&h, "autofact", "POST"), 0);
    let out = create("--json");
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(method_count(&h, "autofact", "POST"), 1);
    let doc = json_out(&out);
    let id = doc["id"].as_str().unwrap().to_string();
    let remote_id = id.strip_prefix("autofact:").expect("an autofact id");
    assert_eq!(remote_record(&h, "autofact", remote_id)["model"], "Yaris");
    assert_eq!(
        h.count(&format!(
            "SELECT count(*) FROM listings WHERE marketplace = 'autofact' AND remote_id = '{remote_id}'"
        )),
        1,
        "the new listing is stored"
    );
}

/// Active OLX listings that treevu prices, with their recommendation: those
/// whose recommended price differs from the asking price by more than 1%.
fn repriced(h: &Harness) -> Vec<(String, Value)> {
    let ids: Vec<String> = h
        .conn()
        .prepare(
            "SELECT 'olx:' || remote_id FROM listings WHERE marketplace = 'olx' AND status = 'active' \
             AND removed_at IS NULL AND kind IN ('property', 'vehicle') ORDER BY remote_id",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut args = vec!["recommend"];
    args.extend(ids.iter().map(String::as_str));
    args.push("--json");
    let out = h.run(&args);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let recs = json_out(&out);
    let list = recs
        .as_array()
        .cloned()
        .unwrap_or_else(|| vec![recs.clone()]);
    let found: Vec<(String, Value)> = list
        .into_iter()
        .filter(|r| r["priceDifferencePercent"].as_f64().unwrap().abs() > 1.0)
        .map(|r| (r["id"].as_str().unwrap().to_string(), r))
        .collect();
    assert!(
        !found.is_empty(),
        "a listing whose price treevu would change"
    );
    found
}

fn remote_price(h: &Harness, id: &str) -> f64 {
    let remote_id = id.strip_prefix("olx:").unwrap();
    remote_record(h, "olx", remote_id)["price"]
        .as_f64()
        .unwrap()
}

#[test]
fn apply_refuses_a_large_change_or_a_low_confidence_unless_forced() {
    let h = synced();
    let (id, rec) = repriced(&h).swap_remove(0);
    let asking = rec["currentPrice"].as_f64().unwrap();
    let share = (rec["priceDifferencePercent"].as_f64().unwrap() / 100.0).abs();
    let puts = method_count(&h, "olx", "PUT");
    let apply = |env: &[(&str, String)], extra: &[&str]| {
        let mut args = vec!["recommend", id.as_str(), "--apply", "--yes", "--json"];
        args.extend_from_slice(extra);
        let mut c = h.cmd(&args);
        for (k, v) in env {
            c.env(k, v);
        }
        c.output().unwrap()
    };
    // A limit below this change: refused, saying why and how to go ahead.
    let tight = [("TREEVU_APPLY_MAX_CHANGE", format!("{}", share / 3.0))];
    let out = apply(&tight, &[]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("more than the") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(json_out(&out)[0]["status"], "refused");
    // A confidence floor above the recommendation's.
    let floor = [
        ("TREEVU_APPLY_MAX_CHANGE", "5".to_string()),
        ("TREEVU_APPLY_MIN_CONFIDENCE", "1".to_string()),
    ];
    let out = apply(&floor, &[]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    assert!(
        stderr(&out).contains("below the 100% floor"),
        "{}",
        stderr(&out)
    );
    assert_eq!(method_count(&h, "olx", "PUT"), puts, "nothing was sent");
    assert_eq!(remote_price(&h, &id), asking);
    // --force sends it.
    let out = apply(&floor, &["--force"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(method_count(&h, "olx", "PUT"), puts + 1);
    let doc = json_out(&out);
    assert_eq!(doc[0]["status"], "applied", "{doc}");
    assert_eq!(
        remote_price(&h, &id),
        rec["recommendedPrice"].as_f64().unwrap()
    );
}

#[test]
fn apply_refuses_when_the_live_price_moved_since_the_sync() {
    let h = synced();
    let (id, _) = repriced(&h).swap_remove(0);
    // The merchant changes the price on the OLX site after the sync.
    let remote_id = id.strip_prefix("olx:").unwrap();
    let creds = h.sandbox.credentials();
    let token = h
        .tokens
        .iter()
        .find(|(k, _)| k == "TREEVU_OLX_TOKEN")
        .map(|(_, v)| v.clone())
        .unwrap();
    let resp = reqwest::blocking::Client::new()
        .put(format!("{}/olx/v2/listings/{remote_id}", h.base))
        .bearer_auth(token)
        .header("X-API-Key", &creds.olx.api_key)
        .json(&json!({"price": 123456.0}))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 200);
    let puts = method_count(&h, "olx", "PUT");
    let out = h.run(&["recommend", &id, "--apply", "--yes", "--force"]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("the price at OLX is now S/ 123,456,") && err.contains("treevu sync olx"),
        "{err}"
    );
    assert_eq!(method_count(&h, "olx", "PUT"), puts, "nothing was sent");
    assert_eq!(
        remote_price(&h, &id),
        123_456.0,
        "the merchant's price stands"
    );
}

#[test]
fn two_applies_of_one_listing_at_once_send_one_put() {
    // Each answer takes a moment, as a real marketplace's does, so the two runs
    // overlap between reading the live price and sending the new one.
    let h = Harness::new(SandboxOptions {
        listings: 12,
        market: 50,
        workers: 4,
        latency: std::time::Duration::from_millis(200),
        ..SandboxOptions::default()
    });
    let out = h.run(&["sync", "--all", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "sync: {}", stderr(&out));
    // The fitted model is cached by the recommendation here, so both runs below
    // reach the marketplace at about the same time.
    let (id, rec) = repriced(&h).swap_remove(0);
    let puts = method_count(&h, "olx", "PUT");
    let children: Vec<_> = (0..2)
        .map(|_| {
            h.cmd(&["recommend", &id, "--apply", "--yes", "--force", "--json"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    for out in &outs {
        assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(out));
    }
    assert_eq!(method_count(&h, "olx", "PUT"), puts + 1, "exactly one PUT");
    let mut statuses: Vec<String> = outs
        .iter()
        .map(|o| json_out(o)[0]["status"].as_str().unwrap().to_string())
        .collect();
    statuses.sort();
    assert_eq!(statuses, ["applied", "unchanged"]);
    assert_eq!(
        remote_price(&h, &id),
        rec["recommendedPrice"].as_f64().unwrap()
    );
    // And once more later: the price is already there, nothing is sent.
    let out = h.run(&["recommend", &id, "--apply", "--yes", "--force"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert!(stderr(&out).contains("already at"), "{}", stderr(&out));
    assert_eq!(method_count(&h, "olx", "PUT"), puts + 1);
}

/// An active listing of `m` (of `kind`) that has no twin yet.
/// `crosslist <id> --to <to> --set <set> <flag> --json`.
fn crosslist_set(h: &Harness, id: &str, to: &str, set: &str, flag: &str) -> std::process::Output {
    h.run(&["crosslist", id, "--to", to, "--set", set, flag, "--json"])
}

fn lone_listing(h: &Harness, m: &str, kind: &str) -> String {
    let id: String = h
        .conn()
        .query_row(
            "SELECT remote_id FROM listings l WHERE marketplace = ?1 AND kind = ?2 AND status = 'active' \
             AND removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM twin_links t \
             WHERE t.listing_a = l.id OR t.listing_b = l.id) ORDER BY remote_id LIMIT 1",
            [m, kind],
            |r| r.get(0),
        )
        .expect("a listing without a twin");
    format!("{m}:{id}")
}

#[test]
fn crosslist_maps_the_fields_links_the_twins_and_creates_nothing_the_second_time() {
    let h = synced();
    let home = lone_listing(&h, "inmuebles24", "property");
    let (_, home_id) = home.split_once(':').unwrap();
    let src = remote_record(&h, "inmuebles24", home_id);
    let posts = method_count(&h, "olx", "POST");
    let out = h.run(&["crosslist", &home, "--to", "olx", "--yes", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = json_out(&out);
    assert_eq!(rows[0]["outcome"], "created", "{rows}");
    let new = rows[0]["id"].as_str().unwrap().to_string();
    assert_eq!(method_count(&h, "olx", "POST"), posts + 1, "one create");
    // OLX got the home in its own shape: category, subcategory, attributes.
    let copy = remote_record(&h, "olx", new.strip_prefix("olx:").unwrap());
    assert_eq!(copy["title"], src["title"]);
    assert_eq!(
        (&copy["price"], &copy["currency"]),
        (&src["price"], &src["currency"])
    );
    assert_eq!(copy["category"], "inmuebles");
    let sub = if src["operation"] == "rent" {
        "alquiler"
    } else {
        "venta"
    };
    let want_sub = match src["propertyType"].as_str().unwrap() {
        "land" => "terrenos".to_string(),
        "commercial" => "locales-oficinas".to_string(),
        _ => format!("{sub}-departamentos-casas"),
    };
    assert_eq!(copy["subcategory"], want_sub.as_str());
    assert_eq!(copy["location"]["district"], src["location"]["district"]);
    let a = &copy["attributes"];
    assert_eq!(
        (&a["operation"], &a["propertyType"], &a["area"]),
        (&src["operation"], &src["propertyType"], &src["area"])
    );
    assert_eq!(copy["images"], src["images"], "the photos go along");
    // Stored and linked as twins by crosslist.
    assert_eq!(
        h.count("SELECT count(*) FROM twin_links WHERE origin = 'crosslist'"),
        1
    );
    let twins = stdout(&h.run(&["twins"]));
    assert!(
        twins.contains(&home) && twins.contains(&new) && twins.contains("crosslist"),
        "{twins}"
    );

    // Again: nothing new is created.
    let out = h.run(&["crosslist", &home, "--to", "olx", "--yes", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = json_out(&out);
    assert_eq!(
        (rows[0]["outcome"].as_str(), rows[0]["id"].as_str()),
        (Some("skipped"), Some(new.as_str()))
    );
    assert_eq!(
        method_count(&h, "olx", "POST"),
        posts + 1,
        "still one create"
    );

    // A car goes from Autofact to OLX with its vehicle attributes.
    let car = lone_listing(&h, "autofact", "vehicle");
    let out = h.run(&["crosslist", &car, "--to", "olx", "--yes", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = json_out(&out);
    let copy = remote_record(
        &h,
        "olx",
        rows[0]["id"]
            .as_str()
            .unwrap()
            .strip_prefix("olx:")
            .unwrap(),
    );
    let src = remote_record(&h, "autofact", car.strip_prefix("autofact:").unwrap());
    assert_eq!(
        (copy["category"].as_str(), copy["subcategory"].as_str()),
        (Some("autos"), Some("autos-usados"))
    );
    assert_eq!(
        (
            &copy["attributes"]["brand"],
            &copy["attributes"]["year"],
            &copy["attributes"]["mileage"]
        ),
        (&src["brand"], &src["year"], &src["mileage"])
    );
}

#[test]
fn crosslist_names_a_missing_field_and_takes_it_from_set() {
    let h = synced();
    let home = lone_listing(&h, "olx", "property");
    let posts = method_count(&h, "inmuebles24", "POST");
    let out = h.run(&["crosslist", &home, "--to", "inmuebles24", "--yes"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("location.address") && err.contains("--set address="),
        "{err}"
    );
    assert_eq!(
        method_count(&h, "inmuebles24", "POST"),
        posts,
        "nothing was sent"
    );
    // The dry run shows the request with the given address; still nothing sent.
    let out = crosslist_set(
        &h,
        &home,
        "inmuebles24",
        "address=Calle Los Pinos 140",
        "--dry-run",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let plan = json_out(&out);
    assert_eq!(plan[0]["path"], "/properties");
    assert_eq!(
        plan[0]["body"]["location"]["address"],
        "Calle Los Pinos 140"
    );
    assert_eq!(method_count(&h, "inmuebles24", "POST"), posts);
    let out = crosslist_set(
        &h,
        &home,
        "inmuebles24",
        "address=Calle Los Pinos 140",
        "--yes",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let id = json_out(&out)[0]["id"].as_str().unwrap().to_string();
    let p = remote_record(&h, "inmuebles24", id.strip_prefix("inmuebles24:").unwrap());
    assert_eq!(p["location"]["address"], "Calle Los Pinos 140");
    let src = remote_record(&h, "olx", home.strip_prefix("olx:").unwrap());
    assert_eq!(
        (&p["area"], &p["operation"]),
        (&src["attributes"]["area"], &src["attributes"]["operation"])
    );
}

#[test]
fn crosslist_refuses_sold_unknown_and_wrong_kind_and_leaves_nothing_half_linked() {
    let h = synced();
    // Unknown ids are named before anything else.
    let out = h.run(&["crosslist", "olx:NOPE", "--to", "inmuebles24", "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("olx:NOPE"), "{}", stderr(&out));
    // A home cannot go to Autofact.
    let home = lone_listing(&h, "inmuebles24", "property");
    let out = h.run(&["crosslist", &home, "--to", "autofact", "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("does not take homes"),
        "{}",
        stderr(&out)
    );
    // Sold at its marketplace since the last sync: the re-read before sending catches it.
    let (_, id) = home.split_once(':').unwrap();
    let r = reqwest::blocking::Client::new()
        .post(format!("{}/_sandbox/status", h.base))
        .json(&json!({"marketplace": "inmuebles24", "id": id, "status": "sold"}))
        .send()
        .unwrap();
    assert_eq!(r.status(), 200);
    let posts = method_count(&h, "olx", "POST");
    let out = h.run(&["crosslist", &home, "--to", "olx", "--yes", "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(json_out(&out)[0]["outcome"], "refused");
    assert!(stderr(&out).contains("is sold"), "{}", stderr(&out));
    assert_eq!(method_count(&h, "olx", "POST"), posts);
    // ... and now the store knows: refused before any request.
    let out = h.run(&["crosslist", &home, "--to", "olx", "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("nothing was sent"),
        "{}",
        stderr(&out)
    );

    // The marketplace refuses the create (422): its message is shown, nothing is linked.
    let car = lone_listing(&h, "olx", "vehicle");
    let out = crosslist_set(&h, &car, "autofact", "year=1920", "--yes");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let rows = json_out(&out);
    assert_eq!(rows[0]["outcome"], "refused");
    assert!(
        rows[0]["message"].as_str().unwrap().contains("year"),
        "{rows}"
    );
    assert_eq!(
        h.count("SELECT count(*) FROM twin_links WHERE origin = 'crosslist'"),
        0
    );
    assert_eq!(h.count("SELECT count(*) FROM crosslist_intents"), 0);
}

#[test]
fn a_rate_limited_crosslist_stops_resumably() {
    let h = Harness::new(SandboxOptions {
        listings: 12,
        market: 50,
        workers: 4,
        rate_limit: Some(40),
        rate_window: Some(std::time::Duration::from_secs(400)),
        ..SandboxOptions::default()
    });
    assert_eq!(h.run(&["sync", "--all", "--quiet"]).status.code(), Some(0));
    let cars: Vec<String> = h
        .conn()
        .prepare(
            "SELECT 'autofact:' || remote_id FROM listings l WHERE marketplace = 'autofact' AND status = 'active' \
             AND NOT EXISTS (SELECT 1 FROM twin_links t WHERE t.listing_a = l.id OR t.listing_b = l.id) \
             ORDER BY remote_id LIMIT 2",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(cars.len(), 2);
    // Someone else spends OLX's window.
    let creds = h.sandbox.credentials();
    let token = h
        .tokens
        .iter()
        .find(|(k, _)| k == "TREEVU_OLX_TOKEN")
        .unwrap()
        .1
        .clone();
    let http = reqwest::blocking::Client::new();
    for _ in 0..60 {
        let r = http
            .get(format!("{}/olx/v2/users/me", h.base))
            .bearer_auth(&token)
            .header("X-API-Key", &creds.olx.api_key)
            .send()
            .unwrap();
        if r.status() == 429 {
            break;
        }
    }
    let mut args = vec!["crosslist"];
    args.extend(cars.iter().map(String::as_str));
    args.extend(["--to", "olx", "--yes", "--json"]);
    let out = h.run(&args);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("run the same command again"),
        "{}",
        stderr(&out)
    );
    let rows = json_out(&out);
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .all(|r| r["outcome"] == "notSent"),
        "{rows}"
    );
    assert_eq!(
        h.count("SELECT count(*) FROM twin_links WHERE origin = 'crosslist'"),
        0
    );
    assert_eq!(
        h.count("SELECT count(*) FROM crosslist_intents"),
        0,
        "nothing half-linked"
    );
}

#[test]
fn removing_one_twin_through_treevu_leaves_the_other_up_even_with_auto() {
    let h = synced();
    assert_eq!(h.run(&["twins", "policy", "auto"]).status.code(), Some(0));
    let (olx, other): (String, String) = h
        .conn()
        .query_row(
            "SELECT a.marketplace || ':' || a.remote_id, b.marketplace || ':' || b.remote_id \
             FROM twin_links t JOIN listings a ON a.id = t.listing_a JOIN listings b ON b.id = t.listing_b \
             WHERE a.status = 'active' AND b.status = 'active' ORDER BY t.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("an active twin pair");
    let out = h.run(&["listing", "remove", &olx, "--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("{other} stay listed")),
        "{}",
        stderr(&out)
    );
    let out = h.run(&["sync", "--all", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        !stdout(&out).contains("\"delisted\": 1"),
        "{}",
        stdout(&out)
    );
    let (m, id) = other.split_once(':').unwrap();
    assert_eq!(
        remote_record(&h, m, id)["status"],
        "active",
        "the merchant's choice for one marketplace"
    );
}

/// A linked pair whose two listings are both active: (an OLX one, its twin).
fn active_twins(h: &Harness) -> (String, String) {
    h.conn()
        .query_row(
            "SELECT a.marketplace || ':' || a.remote_id, b.marketplace || ':' || b.remote_id \
             FROM twin_links t JOIN listings a ON a.id = t.listing_a JOIN listings b ON b.id = t.listing_b \
             WHERE a.status = 'active' AND b.status = 'active' AND a.removed_at IS NULL AND b.removed_at IS NULL \
             ORDER BY t.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map(|(a, b): (String, String)| if a.starts_with("olx:") { (a, b) } else { (b, a) })
        .expect("an active twin pair")
}

fn record_of(h: &Harness, id: &str) -> Value {
    let (m, r) = id.split_once(':').unwrap();
    remote_record(h, m, r)
}

#[test]
fn all_twins_sends_the_price_to_each_twin_in_its_own_currency() {
    let h = synced();
    let (olx, twin) = active_twins(&h);
    let before = record_of(&h, &twin);
    let own = record_of(&h, &olx);
    // 4% off on OLX; the twin gets the same price in its own currency.
    let new_olx = (own["price"].as_f64().unwrap() * 0.96).round();
    let out = h.run(&[
        "listing",
        "update",
        &olx,
        "--price",
        &format!("{new_olx:.0}"),
        "--all-twins",
        "--yes",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = json_out(&out);
    assert_eq!(record_of(&h, &olx)["price"].as_f64().unwrap(), new_olx);
    let want = if own["currency"] == before["currency"] {
        new_olx
    } else if before["currency"] == "USD" {
        (new_olx / 3.75).round()
    } else {
        (new_olx * 3.75).round()
    };
    assert_eq!(
        record_of(&h, &twin)["price"].as_f64().unwrap(),
        want,
        "{doc}"
    );
    assert_eq!(doc["twins"][0]["id"], twin.as_str());
    assert_eq!(doc["twins"][0]["status"], "applied");
    // Recorded as an applied price on both.
    for id in [&olx, &twin] {
        let (m, r) = id.split_once(':').unwrap();
        assert_eq!(
            h.count(&format!(
                "SELECT count(*) FROM price_history p JOIN listings l ON l.id = p.listing_id \
                 WHERE l.marketplace = '{m}' AND l.remote_id = '{r}' AND p.source = 'apply'"
            )),
            1,
            "{id}"
        );
    }
}

#[test]
fn all_twins_converts_at_the_configured_rate_inside_the_apply_guard() {
    // Enough homes for one quoted in dollars and one in soles.
    let h = Harness::new(SandboxOptions {
        listings: 40,
        market: 50,
        workers: 4,
        ..SandboxOptions::default()
    });
    assert_eq!(h.run(&["sync", "--all", "--quiet"]).status.code(), Some(0));
    // A home in dollars and one in soles on another marketplace, linked by the merchant.
    let (usd, pen, pen_price): (String, String, f64) = h
        .conn()
        .query_row(
            "SELECT a.marketplace || ':' || a.remote_id, b.marketplace || ':' || b.remote_id, b.price_minor \
             FROM listings a JOIN listings b ON a.marketplace <> b.marketplace \
             WHERE a.kind = 'property' AND b.kind = 'property' AND a.currency = 'USD' AND b.currency = 'PEN' \
             AND a.status = 'active' AND b.status = 'active' AND a.removed_at IS NULL AND b.removed_at IS NULL \
             ORDER BY a.remote_id, b.remote_id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as f64 / 100.0)),
        )
        .expect("a home in dollars and one in soles");
    assert_eq!(h.run(&["twins", "link", &usd, &pen]).status.code(), Some(0));
    let update = |extra: &[&str]| {
        let mut args = vec![
            "listing",
            "update",
            usd.as_str(),
            "--price",
            "150000",
            "--all-twins",
            "--yes",
            "--json",
        ];
        args.extend_from_slice(extra);
        let mut c = h.cmd(&args);
        c.env("TREEVU_PEN_PER_USD", "3.8");
        c.output().unwrap()
    };
    let want = 150_000.0 * 3.8;
    let share = (want - pen_price).abs() / pen_price;
    let (pen_m, _) = pen.split_once(':').unwrap();
    let puts = method_count(&h, pen_m, "PUT");
    let out = update(&[]);
    if share > 0.2 {
        // Too far from the twin's own price for the guard: nothing is sent.
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
        assert_eq!(method_count(&h, pen_m, "PUT"), puts);
        let out = update(&["--force"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    } else {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    assert_eq!(record_of(&h, &pen)["price"].as_f64().unwrap(), want);
    assert_eq!(
        record_of(&h, &pen)["currency"],
        "PEN",
        "the twin keeps its currency"
    );
    assert_eq!(record_of(&h, &usd)["price"].as_f64().unwrap(), 150_000.0);
}

#[test]
fn recommend_apply_all_twins_sends_the_recommended_price_to_the_twins() {
    let h = synced();
    let (olx, twin) = active_twins(&h);
    let before = record_of(&h, &twin);
    let out = h.run(&[
        "recommend",
        &olx,
        "--apply",
        "--all-twins",
        "--force",
        "--yes",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = json_out(&out);
    let rows = rows.as_array().unwrap();
    let own = rows
        .iter()
        .find(|r| r["id"] == olx.as_str())
        .expect("the listing");
    let recommended = own["recommendation"]["recommendedPrice"].as_f64().unwrap();
    let t = rows
        .iter()
        .find(|r| r["id"] == twin.as_str())
        .expect("its twin");
    assert_eq!(t["twinOf"], olx.as_str());
    let want = if own["currency"] == before["currency"] {
        recommended
    } else if before["currency"] == "USD" {
        (recommended / 3.75).round()
    } else {
        (recommended * 3.75).round()
    };
    if t["status"] == "applied" {
        assert_eq!(record_of(&h, &twin)["price"].as_f64().unwrap(), want);
    } else {
        assert_eq!(t["status"], "unchanged", "{t}");
        assert_eq!(before["price"].as_f64().unwrap(), want);
    }
}
