//! Twins benchmark: detection against the sandbox's true pairing, a month of
//! 6-hourly syncs with churn and policy `auto`, and the cost of a crosslist.
//!
//! Run on demand (never in CI), in release mode:
//!
//! ```sh
//! cargo bench --bench twins                        # all three sections
//! BENCH_ONLY=detect BENCH_SEEDS=1,2,3,4,5 cargo bench --bench twins
//! BENCH_ONLY=month BENCH_SYNCS=120 cargo bench --bench twins
//! BENCH_ONLY=crosslist BENCH_ITEMS=100 cargo bench --bench twins
//! ```
//!
//! Every figure is printed with the command that produced it. The sandbox runs
//! as its own process on 127.0.0.1 (`benches/support`); truth comes from its
//! `GET /_sandbox/twins` (the seeded pairs and each listing's status now) and
//! request counts from `GET /_sandbox/stats`.

mod support;
#[path = "../tests/support/twins.rs"]
mod twin_pairs;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Output;
use std::time::Instant;

use support::{BIN, Home, Served, env_list};
use treevu::domain::Marketplace;

type Pair = (String, String);

/// The seeded pairs and each listing's status at the sandbox now.
fn truth(s: &Served) -> (BTreeSet<Pair>, BTreeMap<String, String>) {
    let v = s.get("/_sandbox/twins");
    let mut pairs = BTreeSet::new();
    let mut status = BTreeMap::new();
    for p in v["pairs"].as_array().expect("pairs") {
        let l: Vec<String> = p["listings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect();
        for (i, id) in l.iter().enumerate() {
            status.insert(id.clone(), p["statuses"][i].as_str().unwrap().to_string());
        }
        pairs.insert((l[0].clone(), l[1].clone()));
    }
    (pairs, status)
}

fn run(home: &Home, args: &[&str]) -> Output {
    home.cmd(BIN, args).output().expect("treevu runs")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "treevu printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The pairs `treevu twins --json` shows.
fn detected(home: &Home) -> BTreeSet<Pair> {
    let out = run(home, &["twins", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    twin_pairs::shown_pairs(&json(&out))
}

fn detection(seeds: &[String]) {
    println!("\n## Twin detection on seeded merchants");
    println!(
        "command per seed: treevu sandbox serve --auto-approve --seed S; treevu sync --all; treevu twins --json"
    );
    println!("| seed | true pairs | found | right | wrong | missed |");
    println!("|---|---|---|---|---|---|");
    let (mut t, mut f, mut r) = (0usize, 0usize, 0usize);
    for seed in seeds {
        let s = Served::start(&["--seed", seed.as_str()]);
        let home = Home::new(&s, &s.tokens());
        let out = run(&home, &["sync", "--all", "--quiet"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (pairs, _) = truth(&s);
        let found = detected(&home);
        let right = found.intersection(&pairs).count();
        println!(
            "| {seed} | {} | {} | {right} | {} | {} |",
            pairs.len(),
            found.len(),
            found.len() - right,
            pairs.len() - right
        );
        for w in found.difference(&pairs) {
            println!("  wrong: {w:?}");
        }
        for m in pairs.difference(&found) {
            println!("  missed: {m:?}");
        }
        t += pairs.len();
        f += found.len();
        r += right;
    }
    println!(
        "total: {t} true pairs, {f} found, {r} right: precision {:.4}, recall {:.4} (goal ≥ 0.97, ≥ 0.90)",
        r as f64 / f.max(1) as f64,
        r as f64 / t.max(1) as f64
    );
}

fn closed(s: &str) -> bool {
    matches!(s, "sold" | "rented" | "removed")
}

/// A month of syncs every 6 hours (`syncs` of them) against a churning sandbox
/// with the delist policy `auto`: after each sync, no item the sandbox sold,
/// rented or removed on one marketplace may be active on the other, and every
/// listing treevu took down must have had a true twin that had closed.
fn month(syncs: usize) {
    println!("\n## A month of 6-hourly syncs with --churn and policy auto");
    println!(
        "command: treevu sandbox serve --auto-approve --churn --rate-limit 100000; treevu twins policy auto; {syncs} × treevu sync --all --json"
    );
    // A month squeezed into minutes: the hourly limits would bind by wall time, not by the month.
    let s = Served::start(&["--churn", "--rate-limit", "100000"]);
    let home = Home::new(&s, &s.tokens());
    assert!(run(&home, &["sync", "--all", "--quiet"]).status.success());
    assert!(run(&home, &["twins", "policy", "auto"]).status.success());
    let started = Instant::now();
    let (mut closings, mut stale, mut wrong, mut delisted, mut conflicts, mut failed) =
        (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    let (mut after_sale, mut after_removal) = (0usize, 0usize);
    let (pairs, mut before) = truth(&s);
    let partner: BTreeMap<String, String> = pairs
        .iter()
        .flat_map(|(a, b)| [(a.clone(), b.clone()), (b.clone(), a.clone())])
        .collect();
    let mut seen_delists: BTreeSet<(String, String)> = BTreeSet::new();
    for _ in 0..syncs {
        let out = run(&home, &["sync", "--all", "--json"]);
        let code = out.status.code().unwrap_or(-1);
        let reports = json(&out);
        let (_, now) = truth(&s);
        for r in reports.as_array().unwrap() {
            for d in r["delists"].as_array().cloned().unwrap_or_default() {
                match d["outcome"].as_str() {
                    Some("failed") => failed += 1,
                    Some("conflict") => conflicts += 1,
                    _ => {}
                }
                if d["outcome"] != "delisted" {
                    continue;
                }
                let target = d["target"].as_str().unwrap().to_string();
                let cause = d["cause"].as_str().unwrap().to_string();
                if !seen_delists.insert((target.clone(), cause.clone())) {
                    continue;
                }
                delisted += 1;
                // Right only when the target's true twin is the cause and it had closed.
                let ok = partner.get(&target) == Some(&cause)
                    && now.get(&cause).is_some_and(|st| closed(st));
                if !ok {
                    wrong += 1;
                    println!(
                        "  wrong delist: {target} (cause {cause}, truth {:?})",
                        partner.get(&target)
                    );
                    // The group that linked them, with its evidence, to see why.
                    let groups = json(&run(&home, &["twins", "--json"]));
                    for g in groups.as_array().unwrap() {
                        if g.to_string().contains(&format!("\"{target}\"")) {
                            println!("    {g}");
                        }
                    }
                }
                match now.get(&cause).map(String::as_str) {
                    Some("removed") => after_removal += 1,
                    _ => after_sale += 1,
                }
            }
            conflicts += r["conflicts"]
                .as_array()
                .map(|c| c.iter().filter(|x| x["new"] == true).count())
                .unwrap_or(0);
        }
        // What the churn closed this step, and whether its twin is still up.
        for (a, b) in &pairs {
            for (x, y) in [(a, b), (b, a)] {
                let was = before.get(x).map(String::as_str).unwrap_or("active");
                let is = now.get(x).map(String::as_str).unwrap_or("active");
                if was == "active" && closed(is) && !seen_delists.iter().any(|(t, _)| t == x) {
                    closings += 1;
                }
                if matches!(is, "sold" | "rented")
                    && now.get(y).map(String::as_str) == Some("active")
                {
                    stale += 1;
                    println!(
                        "  still active after the sync: {y} (its twin {x} is {is}; exit {code})"
                    );
                }
            }
        }
        before = now;
    }
    let elapsed = started.elapsed();
    println!(
        "{syncs} syncs in {:.1} s; {} seeded pairs; {closings} closings by the market; {delisted} delists ({after_sale} after a sale or rental, {after_removal} after a removal); {failed} failed and retried; {conflicts} conflicts",
        elapsed.as_secs_f64(),
        pairs.len()
    );
    println!(
        "sold or rented on one marketplace and still active on the other after the sync: {stale} (goal 0); wrong delists: {wrong} (goal 0)"
    );
}

/// `items` Inmuebles24 homes without a twin, crosslisted to OLX in one run.
fn crosslist(items: usize) {
    println!("\n## A crosslist of {items} items");
    let s = Served::start(&["--listings", "400"]);
    let home = Home::new(&s, &s.tokens());
    assert!(run(&home, &["sync", "--all", "--quiet"]).status.success());
    let conn = rusqlite::Connection::open(home.db()).unwrap();
    let ids: Vec<String> = conn
        .prepare(
            "SELECT 'inmuebles24:' || remote_id FROM listings l WHERE marketplace = 'inmuebles24' \
             AND status = 'active' AND removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM twin_links t \
             WHERE t.listing_a = l.id OR t.listing_b = l.id) ORDER BY remote_id LIMIT ?1",
        )
        .unwrap()
        .query_map([items as i64], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(ids.len(), items, "enough lone homes");
    let stats = |m: &str, key: &str| {
        s.get("/_sandbox/stats")["requests"][m][key]
            .as_u64()
            .unwrap_or(0)
    };
    let before = (
        stats("olx", "total"),
        stats("olx", "POST /listings"),
        stats("inmuebles24", "total"),
        stats("inmuebles24", "GET /properties/{property_id}"),
    );
    let mut args = vec!["crosslist"];
    args.extend(ids.iter().map(String::as_str));
    args.extend(["--to", "olx", "--yes", "--json"]);
    let t = Instant::now();
    let out = run(&home, &args);
    let wall = t.elapsed();
    let rows = json(&out);
    let created = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["outcome"] == "created")
        .count();
    let after = (
        stats("olx", "total"),
        stats("olx", "POST /listings"),
        stats("inmuebles24", "total"),
        stats("inmuebles24", "GET /properties/{property_id}"),
    );
    let throttled: u64 = ["olx", "inmuebles24"]
        .iter()
        .map(|m| {
            s.get("/_sandbox/stats")["throttled"][*m]
                .as_u64()
                .unwrap_or(0)
        })
        .sum();
    println!(
        "command: treevu crosslist <{items} inmuebles24 ids> --to olx --yes --json (sandbox --listings 400)"
    );
    println!(
        "exit {}; {created} created in {:.2} s; OLX: {} requests, {} POST /listings; Inmuebles24: {} requests, {} GET /properties/{{id}} (the re-read before each create); 429s: {throttled}",
        out.status.code().unwrap_or(-1),
        wall.as_secs_f64(),
        after.0 - before.0,
        after.1 - before.1,
        after.2 - before.2,
        after.3 - before.3,
    );
    let (olx_limit, i24_limit) = (
        Marketplace::Olx.hourly_limit(),
        Marketplace::Inmuebles24.hourly_limit(),
    );
    println!(
        "budget: OLX {} of {olx_limit}/h, Inmuebles24 {} of {i24_limit}/h for the crosslist",
        after.0 - before.0,
        after.2 - before.2
    );
    let again = run(&home, &args);
    let posts = stats("olx", "POST /listings") - after.1;
    let total = stats("olx", "total") + stats("inmuebles24", "total") - after.0 - after.2;
    println!(
        "the same command again: exit {}, {posts} POST, {total} requests (every item skipped)",
        again.status.code().unwrap_or(-1)
    );
}

fn main() {
    let only = env_list("BENCH_ONLY", "detect,month,crosslist");
    println!("# treevu twins benchmark");
    println!("binary: {BIN}");
    if only.iter().any(|s| s == "detect") {
        detection(&env_list("BENCH_SEEDS", "1,2,3,4,5"));
    }
    if only.iter().any(|s| s == "month") {
        let n = std::env::var("BENCH_SYNCS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(120);
        month(n);
    }
    if only.iter().any(|s| s == "crosslist") {
        let n = std::env::var("BENCH_ITEMS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(100);
        crosslist(n);
    }
}
