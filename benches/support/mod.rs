//! What the benchmarks share: a `treevu sandbox serve` child process on
//! 127.0.0.1 with tokens from its own OAuth endpoints (PKCE, `--auto-approve`,
//! through `tests/support/token.rs`, as the tests do), and a throw-away HOME and
//! database for treevu runs.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

// The same PKCE sign-in the tests use, one copy.
#[path = "../../tests/support/token.rs"]
mod token;

pub const MARKETS: [&str; 3] = ["olx", "inmuebles24", "autofact"];
pub const BIN: &str = env!("CARGO_BIN_EXE_treevu");

/// A `treevu sandbox serve` child process, killed when dropped.
pub struct Served {
    child: Child,
    pub base: String,
    pub cmdline: String,
}

impl Served {
    pub fn start(args: &[&str]) -> Served {
        let mut all = vec!["sandbox", "serve", "--auto-approve"];
        all.extend_from_slice(args);
        let cmdline = format!("treevu {}", all.join(" "));
        let mut child = Command::new(BIN)
            .args(&all)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("treevu sandbox serve starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines
            .next()
            .expect("a listening line")
            .expect("readable stdout");
        let base = first
            .rsplit(' ')
            .next()
            .expect("the address ends the listening line")
            .to_string();
        assert!(base.starts_with("http://127.0.0.1:"), "{first}");
        // Keep draining stdout so the child never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Served {
            child,
            base,
            cmdline,
        }
    }

    pub fn http() -> reqwest::blocking::Client {
        reqwest::blocking::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap()
    }

    pub fn get(&self, path: &str) -> serde_json::Value {
        Self::http()
            .get(format!("{}{path}", self.base))
            .send()
            .unwrap()
            .json()
            .unwrap()
    }

    /// Requests answered per marketplace so far (`GET /_sandbox/stats`).
    pub fn totals(&self) -> BTreeMap<&'static str, u64> {
        let s = self.get("/_sandbox/stats");
        MARKETS
            .iter()
            .map(|m| (*m, s["requests"][*m]["total"].as_u64().unwrap_or(0)))
            .collect()
    }

    pub fn throttled(&self) -> u64 {
        let s = self.get("/_sandbox/stats");
        MARKETS
            .iter()
            .map(|m| s["throttled"][*m].as_u64().unwrap_or(0))
            .sum()
    }

    /// An access token through authorize (auto-approve) and the token endpoint, with PKCE.
    pub fn oauth_token(&self, m: &str) -> String {
        let creds = self.get("/_sandbox/credentials");
        let client_id = creds[m]["clientId"]
            .as_str()
            .expect("client id")
            .to_string();
        token::authorization_code_token(&Self::http(), &self.base, m, &client_id)
    }

    /// Environment for treevu: tokens of all three marketplaces.
    pub fn tokens(&self) -> Vec<(String, String)> {
        let creds = self.get("/_sandbox/credentials");
        vec![
            ("TREEVU_OLX_TOKEN".into(), self.oauth_token("olx")),
            (
                "TREEVU_INMUEBLES24_TOKEN".into(),
                self.oauth_token("inmuebles24"),
            ),
            (
                "TREEVU_AUTOFACT_API_KEY".into(),
                creds["autofact"]["apiKey"].as_str().unwrap().to_string(),
            ),
        ]
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A throw-away HOME and database for treevu runs.
pub struct Home {
    pub dir: tempfile::TempDir,
    pub base: String,
    pub tokens: Vec<(String, String)>,
}

impl Home {
    pub fn new(s: &Served, tokens: &[(String, String)]) -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
            base: s.base.clone(),
            tokens: tokens.to_vec(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("treevu.db")
    }

    pub fn cmd(&self, program: &str, args: &[&str]) -> Command {
        let mut c = Command::new(program);
        c.args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("TREEVU_DB", self.db())
            .env("TREEVU_SANDBOX", &self.base)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        for (k, v) in &self.tokens {
            c.env(k, v);
        }
        c
    }

    /// `treevu args…` on the PostgreSQL database `url` (no SQLite file).
    pub fn pg_cmd(&self, url: &str, args: &[&str]) -> Command {
        let mut c = self.cmd(BIN, args);
        c.env_remove("TREEVU_DB").env("TREEVU_DATABASE_URL", url);
        c
    }

    /// `treevu args…` under `/usr/bin/time -v`: (exit code, wall time, max RSS in KiB).
    pub fn timed(&self, args: &[&str]) -> (i32, Duration, Option<u64>) {
        self.timed_on(None, args)
    }

    /// [`Home::timed`] on the PostgreSQL database `url` when given.
    pub fn timed_on(&self, url: Option<&str>, args: &[&str]) -> (i32, Duration, Option<u64>) {
        let gnu_time = Path::new("/usr/bin/time").exists();
        let mut c = if gnu_time {
            let mut all = vec!["-v", BIN];
            all.extend_from_slice(args);
            self.cmd("/usr/bin/time", &all)
        } else {
            self.cmd(BIN, args)
        };
        if let Some(url) = url {
            c.env_remove("TREEVU_DB").env("TREEVU_DATABASE_URL", url);
        }
        c.stdout(Stdio::null()).stderr(Stdio::piped());
        let t = Instant::now();
        let out = c.output().expect("treevu runs");
        let wall = t.elapsed();
        let err = String::from_utf8_lossy(&out.stderr);
        let rss = err
            .lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix("Maximum resident set size (kbytes): ")
            })
            .and_then(|v| v.trim().parse().ok());
        let code = out.status.code().unwrap_or(-1);
        if code != 0 {
            eprintln!(
                "  (treevu {} exited {code}: {})",
                args.join(" "),
                tail(&err)
            );
        }
        (code, wall, rss)
    }
}

pub fn tail(s: &str) -> String {
    let lines: Vec<&str> = s.lines().filter(|l| !l.starts_with('\t')).collect();
    lines[lines.len().saturating_sub(3)..].join(" | ")
}

pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

pub fn env_list(name: &str, default: &str) -> Vec<String> {
    std::env::var(name)
        .unwrap_or_else(|_| default.into())
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A throw-away PostgreSQL cluster from `scripts/pg-cluster start`, stopped
/// (by its own PID file) when dropped.
pub struct Pg {
    /// `postgres://…/<db>` of the cluster's first database.
    url: String,
    dir: String,
}

impl Pg {
    pub fn start() -> Pg {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/pg-cluster");
        let out = Command::new(script)
            .arg("start")
            .stderr(Stdio::inherit())
            .output()
            .expect("scripts/pg-cluster runs");
        assert!(out.status.success(), "scripts/pg-cluster start");
        let text = String::from_utf8_lossy(&out.stdout);
        let value = |key: &str| {
            text.split_whitespace()
                .find_map(|w| w.strip_prefix(&format!("{key}=")))
                .map(|v| v.trim_matches(['\'', '"', ';']).to_string())
                .unwrap_or_else(|| panic!("{key} in scripts/pg-cluster's output: {text}"))
        };
        Pg {
            url: value("TREEVU_TEST_DATABASE_URL"),
            dir: value("TREEVU_PG_DIR"),
        }
    }

    fn connect(url: &str) -> postgres::Client {
        postgres::Client::connect(url, postgres::NoTls).expect("the benchmark cluster answers")
    }

    /// A new empty database on the cluster named `name`; its URL.
    pub fn fresh_database(&self, name: &str) -> String {
        let mut c = Self::connect(&self.url);
        c.batch_execute(&format!(
            "DROP DATABASE IF EXISTS {name}; CREATE DATABASE {name}"
        ))
        .unwrap();
        let (head, _) = self.url.rsplit_once('/').expect("a database in the URL");
        format!("{head}/{name}")
    }

    /// Merchants `m00001…` up to `n` in all, each with the three accounts
    /// (credentials from the environment) due at once.
    pub fn seed_fleet(&self, url: &str, n: usize) {
        let mut c = Self::connect(url);
        c.batch_execute(&format!(
            "INSERT INTO merchants (name, created_at) \
               SELECT 'm' || lpad(i::text, 5, '0'), '2026-01-01T00:00:00Z' FROM generate_series(1, {last}) i;
             INSERT INTO accounts (merchant_id, marketplace, remote_user_id, connected_at, secret_store, secret_ref) \
               SELECT id, mk, '', '2026-01-01T00:00:00Z', 'env', mk FROM merchants, \
                 unnest(ARRAY['olx', 'inmuebles24', 'autofact']) mk;
             INSERT INTO sync_schedule (merchant_id, marketplace) SELECT merchant_id, marketplace FROM accounts;",
            last = n.saturating_sub(1)
        ))
        .expect("the fleet seeds");
    }

    /// (listings stored, ok runs, database size in bytes).
    pub fn fleet_figures(&self, url: &str) -> (i64, i64, i64) {
        let mut c = Self::connect(url);
        let one =
            |c: &mut postgres::Client, q: &str| -> i64 { c.query_one(q, &[]).unwrap().get(0) };
        (
            one(&mut c, "SELECT count(*) FROM listings"),
            one(
                &mut c,
                "SELECT count(*) FROM sync_runs WHERE outcome = 'ok'",
            ),
            one(&mut c, "SELECT pg_database_size(current_database())"),
        )
    }

    /// Listings stored for `merchant` in the database `url`.
    pub fn count_listings(&self, url: &str, merchant: &str) -> i64 {
        Self::connect(url)
            .query_one(
                "SELECT count(*) FROM listings l JOIN merchants m ON m.id = l.merchant_id WHERE m.name = $1",
                &[&merchant],
            )
            .unwrap()
            .get(0)
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/pg-cluster");
        let _ = Command::new(script).args(["stop", &self.dir]).status();
    }
}
