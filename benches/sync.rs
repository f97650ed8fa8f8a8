//! Sync benchmark: request counts, wall time against curl, peak memory, start-up.
//!
//! Run on demand (never in CI), in release mode:
//!
//! ```sh
//! cargo bench --bench sync                      # all sections, N = 1k, 10k, 50k
//! BENCH_SIZES=1000 BENCH_RUNS=1 cargo bench --bench sync   # a quick look
//! BENCH_ONLY=requests,wall,startup cargo bench --bench sync
//! ```
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

use support::{BIN, Home, MARKETS, Served, env_list, median};

const ENV_NOTE: &str = "(env: HOME, TREEVU_DB fresh temp; TREEVU_SANDBOX=<base>; TREEVU_SYNC_FIT_MODELS=0; TREEVU_OLX_TOKEN, TREEVU_INMUEBLES24_TOKEN from the sandbox OAuth with PKCE; TREEVU_AUTOFACT_API_KEY from /_sandbox/credentials)";

fn main() {
    // `cargo bench` passes `--bench`; nothing else is expected.
    let only = env_list("BENCH_ONLY", "requests,wall,startup");
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
    if only.iter().any(|s| s == "wall") {
        wall_time(runs);
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

/// `treevu sync olx` of 20k listings (200 pages) against one sequential curl of the same pages.
fn wall_time(runs: usize) {
    println!("\n## Wall time: 20,000 OLX listings (200 pages of 100)");
    let served = Served::start(&[
        "--listings",
        "20000",
        "--market",
        "300",
        "--rate-limit",
        "100000",
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
    let mut treevu = Vec::new();
    let mut curl = Vec::new();
    for run in 1..=runs {
        // Fresh database each time: a full first sync.
        let home = Home::new(&served, &tokens);
        let before = served.totals()["olx"];
        let (code, wall, _) = home.timed(&["sync", "olx", "--quiet"]);
        let used = served.totals()["olx"] - before;
        assert_eq!(code, 0, "treevu sync olx succeeds");
        let stored: i64 = rusqlite::Connection::open(home.db())
            .unwrap()
            .query_row("SELECT count(*) FROM listings", [], |r| r.get(0))
            .unwrap();
        treevu.push(wall.as_secs_f64());
        let t = Instant::now();
        let st = Command::new("curl")
            .arg("--config")
            .arg(&cfg)
            .status()
            .expect("curl runs");
        let c = t.elapsed().as_secs_f64();
        assert!(st.success(), "curl fetched every page");
        curl.push(c);
        println!(
            "  run {run}: treevu {:.3} s ({stored} listings stored, {used} requests), curl {c:.3} s",
            wall.as_secs_f64()
        );
    }
    let (t, c) = (median(treevu), median(curl));
    println!("treevu: `treevu sync olx --quiet` (fresh DB each run) median {t:.3} s of {runs}");
    println!(
        "curl:   `curl --config pages.curl` (one process, 200 URLs sequential, output /dev/null, same headers) median {c:.3} s of {runs}"
    );
    println!(
        "ratio treevu/curl: {:.2}x   goal <= 1.0x  {}",
        t / c,
        if t / c <= 1.0 { "met" } else { "NOT MET" }
    );
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
    println!("recommend: pending (pricing engine)");
}

/// treevu's environment for a timed sync: the tokens, and the pricing fit
/// after the sync turned off, so the figures are those of the sync alone.
fn sync_env(served: &Served) -> Vec<(String, String)> {
    let mut env = served.tokens();
    env.push(("TREEVU_SYNC_FIT_MODELS".into(), "0".into()));
    env
}
