//! Sync benchmark: request counts, wall time against curl on SQLite and on
//! PostgreSQL, peak memory, start-up, and a fleet of merchants drained by workers.
//!
//! Run on demand (never in CI), in release mode:
//!
//! ```sh
//! cargo bench --bench sync                      # all sections, N = 1k, 10k, 50k
//! BENCH_SIZES=1000 BENCH_RUNS=1 cargo bench --bench sync   # a quick look
//! BENCH_ONLY=requests,wall,startup,fleet cargo bench --bench sync
//! BENCH_ONLY=wall BENCH_ENGINES=sqlite,postgres BENCH_LATENCY=0,100 cargo bench --bench sync
//! BENCH_ONLY=fleet BENCH_MERCHANTS=1000 BENCH_WORKERS=1,2,4 cargo bench --bench sync
//! ```
//!
//! The PostgreSQL figures use a throw-away cluster started by
//! `scripts/pg-cluster` (needs the Debian package postgresql-15) and stopped
//! when the benchmark ends; each fleet run gets a fresh database.
//!
//! Every figure is printed with the exact command that produced it. The
//! sandbox runs as its own process (`treevu sandbox serve`, the release
//! binary), on 127.0.0.1 only; tokens come from its OAuth endpoints with
//! PKCE (`--auto-approve`), the way `tests/support/mod.rs` gets them.
//! Peak memory needs GNU time (`/usr/bin/time -v`, Debian package `time`);
//! start-up figures use `hyperfine` when installed, else a timed loop.

mod support;

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::Instant;

use support::{BIN, Home, MARKETS, Pg, Served, env_list, median};

const ENV_NOTE: &str = "(env: HOME, TREEVU_DB fresh temp; TREEVU_SANDBOX=<base>; TREEVU_SYNC_FIT_MODELS=0; TREEVU_OLX_TOKEN, TREEVU_INMUEBLES24_TOKEN from the sandbox OAuth with PKCE; TREEVU_AUTOFACT_API_KEY from /_sandbox/credentials)";

fn main() {
    // `cargo bench` passes `--bench`; nothing else is expected.
    let only = env_list("BENCH_ONLY", "requests,wall,startup,fleet");
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    println!("# treevu sync benchmark");
    println!("binary: {BIN}");
    println!("nproc: {}", sh("nproc"));
    println!(
        "cpu: {}",
        sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2")
    );
    println!("memory: {}", sh("free -h | awk '/Mem:/ {print $2}'"));
    println!("{ENV_NOTE}");
    let mut listings_db: Option<(Served, Home)> = None;
    if only.iter().any(|s| s == "requests") {
        for n in env_list("BENCH_SIZES", "1000,10000,50000") {
            let keep = requests_and_memory(&n);
            if n == "50000" {
                listings_db = Some(keep);
            }
        }
    }
    // One throw-away cluster (scripts/pg-cluster) for the PostgreSQL figures.
    let needs_pg = only.iter().any(|s| s == "fleet")
        || (only.iter().any(|s| s == "wall")
            && env_list("BENCH_ENGINES", "sqlite,postgres").contains(&"postgres".to_string()));
    let pg = needs_pg.then(Pg::start);
    if only.iter().any(|s| s == "wall") {
        wall_time(runs, pg.as_ref());
    }
    if only.iter().any(|s| s == "fleet") {
        fleet(pg.as_ref().expect("a cluster"));
    }
    if only.iter().any(|s| s == "startup") {
        startup(listings_db.as_ref().map(|(_, h)| h));
    }
}

fn sh(cmd: &str) -> String {
    Command::new("sh")
        .args(["-c", cmd])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// Full and repeat sync of N listings per marketplace: requests by marketplace, peak RSS.
fn requests_and_memory(n: &str) -> (Served, Home) {
    // The spec's hourly limits (Inmuebles24: 500) cannot hold a 50k full sync in one
    // window; the budget is lifted so the request count measures the engine alone.
    let served = Served::start(&["--listings", n, "--market", "300", "--rate-limit", "100000"]);
    let tokens = sync_env(&served);
    let home = Home::new(&served, &tokens);
    let n_num: u64 = n.parse().unwrap();
    println!("\n## N = {n} listings per marketplace");
    println!("sandbox: {}", served.cmdline);

    let before = served.totals();
    let (code, wall, rss) = home.timed(&["sync", "--all", "--json"]);
    let after = served.totals();
    println!(
        "full sync: `/usr/bin/time -v treevu sync --all --json` -> exit {code}, {:.2} s, max RSS {} MB",
        wall.as_secs_f64(),
        rss.map(|k| format!("{:.1}", k as f64 / 1024.0))
            .unwrap_or_else(|| "?".into())
    );
    let bound = n_num.div_ceil(100) + 10;
    for m in MARKETS {
        let used = after[m] - before[m];
        println!(
            "  full {m:<11} requests {used:>5}   goal <= {bound:>4} (ceil(N/100)+10)  {}",
            if used <= bound { "met" } else { "NOT MET" }
        );
    }
    let before = served.totals();
    let (code, wall, rss2) = home.timed(&["sync", "--all", "--json"]);
    let after = served.totals();
    let used: u64 = MARKETS.iter().map(|m| after[m] - before[m]).sum();
    let per: Vec<String> = MARKETS
        .iter()
        .map(|m| format!("{m} {}", after[m] - before[m]))
        .collect();
    println!(
        "repeat sync: `treevu sync --all --json` -> exit {code}, {:.2} s, max RSS {} MB, requests {used} ({})   goal <= 10 in all  {}",
        wall.as_secs_f64(),
        rss2.map(|k| format!("{:.1}", k as f64 / 1024.0))
            .unwrap_or_else(|| "?".into()),
        per.join(", "),
        if used <= 10 { "met" } else { "NOT MET" }
    );
    println!("  429s seen by the sandbox: {}", served.throttled());
    (served, home)
}

/// `treevu sync olx` of 20k listings (200 pages) on each engine against curl
/// fetching the same pages, side by side in every run, at each latency.
fn wall_time(runs: usize, pg: Option<&Pg>) {
    let engines = env_list("BENCH_ENGINES", "sqlite,postgres");
    for latency in env_list("BENCH_LATENCY", "0,100") {
        wall_time_at(runs, &latency, &engines, pg);
    }
}

fn wall_time_at(runs: usize, latency: &str, engines: &[String], pg: Option<&Pg>) {
    println!("\n## Wall time: 20,000 OLX listings (200 pages of 100), latency {latency} ms");
    let served = Served::start(&[
        "--listings",
        "20000",
        "--market",
        "300",
        "--rate-limit",
        "100000",
        "--latency-ms",
        latency,
    ]);
    println!("sandbox: {}", served.cmdline);
    let tokens = sync_env(&served);
    let creds = served.get("/_sandbox/credentials");
    let olx_token = &tokens[0].1;
    let app_key = creds["olx"]["apiKey"].as_str().unwrap();
    let me: serde_json::Value = Served::http()
        .get(format!("{}/olx/v2/users/me", served.base))
        .bearer_auth(olx_token)
        .header("X-API-Key", app_key)
        .send()
        .unwrap()
        .json()
        .unwrap();
    let user = me["id"].as_str().expect("user id");
    let cfg_dir = tempfile::tempdir().unwrap();
    let cfg = cfg_dir.path().join("pages.curl");
    {
        let mut f = std::fs::File::create(&cfg).unwrap();
        writeln!(f, "silent\nshow-error\nfail").unwrap();
        writeln!(f, "header = \"Authorization: Bearer {olx_token}\"").unwrap();
        writeln!(f, "header = \"X-API-Key: {app_key}\"").unwrap();
        for page in 1..=200 {
            writeln!(
                f,
                "url = \"{}/olx/v2/users/{user}/listings?page={page}&limit=100\"\noutput = \"/dev/null\"",
                served.base
            )
            .unwrap();
        }
    }
    let curl = |parallel: bool| {
        let mut c = Command::new("curl");
        if parallel {
            // As many in flight as treevu's sync keeps (SyncOptions::concurrency).
            c.args(["--parallel", "--parallel-max", "4"]);
        }
        let t = Instant::now();
        let st = c.arg("--config").arg(&cfg).status().expect("curl runs");
        assert!(st.success(), "curl fetched every page");
        t.elapsed().as_secs_f64()
    };
    let mut times: Vec<(String, Vec<f64>)> = engines
        .iter()
        .filter(|e| e.as_str() != "postgres" || pg.is_some())
        .map(|e| (e.clone(), Vec::new()))
        .collect();
    let db = pg.map(|pg| pg.fresh_database(&format!("wall{latency}")));
    let (mut seq, mut par) = (Vec::new(), Vec::new());
    for run in 1..=runs {
        let mut line = format!("  run {run}:");
        for (engine, v) in times.iter_mut() {
            // Fresh store each time: a full first sync.
            let home = Home::new(&served, &tokens);
            let before = served.totals()["olx"];
            let (code, wall, stored) = match engine.as_str() {
                "postgres" => {
                    let pg = pg.expect("a cluster");
                    let merchant = format!("run{run}");
                    let url = db.clone().expect("a database");
                    let add = home
                        .pg_cmd(&url, &["merchants", "add", &merchant])
                        .output()
                        .expect("treevu merchants add runs");
                    assert!(add.status.success(), "merchants add {merchant}");
                    let (code, wall, _) = home.timed_on(
                        Some(&url),
                        &["sync", "olx", "--quiet", "--profile", &merchant],
                    );
                    (code, wall, pg.count_listings(&url, &merchant))
                }
                _ => {
                    let (code, wall, _) = home.timed(&["sync", "olx", "--quiet"]);
                    let stored: i64 = rusqlite::Connection::open(home.db())
                        .unwrap()
                        .query_row("SELECT count(*) FROM listings", [], |r| r.get(0))
                        .unwrap();
                    (code, wall, stored)
                }
            };
            let used = served.totals()["olx"] - before;
            assert_eq!(code, 0, "treevu sync olx on {engine} succeeds");
            assert_eq!(stored, 20_000, "every listing stored on {engine}");
            v.push(wall.as_secs_f64());
            line += &format!(
                " treevu/{engine} {:.3} s ({used} requests),",
                wall.as_secs_f64()
            );
        }
        let (c, p) = (curl(false), curl(true));
        seq.push(c);
        par.push(p);
        println!("{line} curl {c:.3} s, curl --parallel-max 4 {p:.3} s");
    }
    let (c, p) = (median(seq), median(par));
    println!(
        "curl:   `curl --config pages.curl` (one process, 200 URLs sequential, output /dev/null, same headers) median {c:.3} s of {runs}"
    );
    println!("curl -Z: the same with `--parallel --parallel-max 4` median {p:.3} s of {runs}");
    // The issue's goals: within 1.5x of curl with no latency, within 0.30x at 100 ms.
    let goal = if latency == "0" { 1.5 } else { 0.30 };
    for (engine, v) in times {
        let t = median(v);
        println!(
            "treevu/{engine}: `treevu sync olx --quiet` (fresh store each run) median {t:.3} s of {runs}; ratio to curl {:.2}x   goal <= {goal:.2}x  {}",
            t / c,
            if t / c <= goal { "met" } else { "NOT MET" }
        );
    }
}

/// `merchants` merchants with the three accounts each on one PostgreSQL
/// database, drained by 1, 2 and 4 `treevu worker --once` processes at once.
fn fleet(pg: &Pg) {
    let merchants: usize = std::env::var("BENCH_MERCHANTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let listings = std::env::var("BENCH_FLEET_LISTINGS").unwrap_or_else(|_| "100".into());
    println!(
        "\n## Fleet: {merchants} merchants x 3 accounts x {listings} listings, PostgreSQL, `treevu worker --once`"
    );
    let served = Served::start(&[
        "--listings",
        &listings,
        "--market",
        "300",
        "--rate-limit",
        "1000000",
    ]);
    println!("sandbox: {}", served.cmdline);
    let tokens = sync_env(&served);
    // What one merchant's sync needs, for the per-account comparison.
    let home = Home::new(&served, &tokens);
    let before = served.totals();
    let (code, _, _) = home.timed(&["sync", "--all", "--quiet"]);
    assert_eq!(code, 0, "a single merchant's sync succeeds");
    let after = served.totals();
    let single: Vec<u64> = MARKETS.iter().map(|m| after[m] - before[m]).collect();
    println!(
        "single merchant (SQLite, `treevu sync --all`): requests olx {}, inmuebles24 {}, autofact {}",
        single[0], single[1], single[2]
    );
    let mut first = None;
    for workers in env_list("BENCH_WORKERS", "1,2,4") {
        let n: usize = workers.parse().expect("BENCH_WORKERS: numbers");
        let db = pg.fresh_database(&format!("fleet{n}"));
        let home = Home::new(&served, &tokens);
        let treevu = |args: &[&str]| {
            let out = home.pg_cmd(&db, args).output().expect("treevu runs");
            assert!(
                out.status.success(),
                "treevu {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
        };
        // The first merchant through the CLI (it migrates the database); the
        // rest and their accounts in one statement each, as tests/support/pg.rs seeds them.
        treevu(&["merchants", "add", "m00000"]);
        pg.seed_fleet(&db, merchants);
        let before = served.totals();
        let t = Instant::now();
        let children: Vec<_> = (0..n)
            .map(|_| {
                home.pg_cmd(&db, &["worker", "--once", "--concurrency", "4"])
                    .stderr(Stdio::null())
                    .stdout(Stdio::null())
                    .spawn()
                    .expect("treevu worker starts")
            })
            .collect();
        for mut c in children {
            assert!(c.wait().unwrap().success(), "every worker exits 0");
        }
        let wall = t.elapsed().as_secs_f64();
        let after = served.totals();
        let used: Vec<u64> = MARKETS.iter().map(|m| after[m] - before[m]).collect();
        let (stored, runs_ok, size) = pg.fleet_figures(&db);
        let speedup = first.map(|w1: f64| w1 / wall);
        first.get_or_insert(wall);
        println!(
            "  {n} worker(s): {wall:.1} s wall; {runs_ok} ok runs of {}; {stored} listings stored; requests per account olx {:.2}, inmuebles24 {:.2}, autofact {:.2}; database {:.1} MB{}",
            merchants * 3,
            used[0] as f64 / merchants as f64,
            used[1] as f64 / merchants as f64,
            used[2] as f64 / merchants as f64,
            size as f64 / 1e6,
            speedup
                .map(|s| format!("; speed-up over 1 worker {s:.2}x"))
                .unwrap_or_default()
        );
        println!("  429s seen by the sandbox so far: {}", served.throttled());
    }
}

/// Whole-process start-up: `--version`, and `listings --json` on 50k rows.
fn startup(db: Option<&Home>) {
    println!("\n## Start-up (whole process)");
    let hyperfine = Command::new("hyperfine").arg("--version").output().is_ok();
    let measure = |label: &str, home: Option<&Home>, args: &[&str]| {
        let shown = format!("treevu {}", args.join(" "));
        if hyperfine {
            let export = tempfile::NamedTempFile::new().unwrap();
            let mut c = match home {
                Some(h) => h.cmd("hyperfine", &[]),
                None => {
                    let mut c = Command::new("hyperfine");
                    c.stdin(Stdio::null());
                    c
                }
            };
            let full = format!("{BIN} {}", args.join(" "));
            c.args(["-N", "--warmup", "3", "--runs", "20", "--export-json"])
                .arg(export.path())
                .arg("--output=null")
                .arg(&full)
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            let ok = c.status().map(|s| s.success()).unwrap_or(false);
            let v: serde_json::Value =
                serde_json::from_slice(&std::fs::read(export.path()).unwrap_or_default())
                    .unwrap_or_default();
            let r = &v["results"][0];
            if ok && r["mean"].is_number() {
                println!(
                    "{label}: `hyperfine -N --warmup 3 --runs 20 '{shown}'` -> mean {:.1} ms ± {:.1} ms (median {:.1} ms)",
                    r["mean"].as_f64().unwrap() * 1e3,
                    r["stddev"].as_f64().unwrap_or(0.0) * 1e3,
                    r["median"].as_f64().unwrap_or(0.0) * 1e3
                );
                return;
            }
        }
        let mut times = Vec::new();
        for _ in 0..20 {
            let mut c = match home {
                Some(h) => h.cmd(BIN, args),
                None => {
                    let mut c = Command::new(BIN);
                    c.args(args);
                    c
                }
            };
            c.stdout(Stdio::null()).stderr(Stdio::null());
            let t = Instant::now();
            let _ = c.status();
            times.push(t.elapsed().as_secs_f64());
        }
        println!(
            "{label}: loop of 20 × `{shown}` -> median {:.1} ms",
            median(times) * 1e3
        );
    };
    measure("--version", None, &["--version"]);
    match db {
        Some(h) => {
            let rows: i64 = rusqlite::Connection::open(h.db())
                .unwrap()
                .query_row(
                    "SELECT count(*) FROM listings WHERE marketplace = 'olx'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            println!("(database from the N = 50000 run: {rows} OLX rows)");
            measure(
                "listings --json, 50k rows",
                Some(h),
                &["listings", "--marketplace", "olx", "--json"],
            );
            let (_, wall, rss) = h.timed(&["listings", "--marketplace", "olx", "--json"]);
            println!(
                "  `/usr/bin/time -v treevu listings --marketplace olx --json` -> {:.2} s, max RSS {} MB",
                wall.as_secs_f64(),
                rss.map(|k| format!("{:.1}", k as f64 / 1024.0))
                    .unwrap_or_else(|| "?".into())
            );
        }
        None => {
            println!("listings --json: skipped (needs the N = 50000 run of BENCH_ONLY=requests)")
        }
    }
}

/// treevu's environment for a timed sync: the tokens, and the pricing fit
/// after the sync turned off, so the figures are those of the sync alone.
fn sync_env(served: &Served) -> Vec<(String, String)> {
    let mut env = served.tokens();
    env.push(("TREEVU_SYNC_FIT_MODELS".into(), "0".into()));
    env
}
