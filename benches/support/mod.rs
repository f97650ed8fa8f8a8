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

    /// `treevu args…` under `/usr/bin/time -v`: (exit code, wall time, max RSS in KiB).
    pub fn timed(&self, args: &[&str]) -> (i32, Duration, Option<u64>) {
        let gnu_time = Path::new("/usr/bin/time").exists();
        let mut c = if gnu_time {
            let mut all = vec!["-v", BIN];
            all.extend_from_slice(args);
            self.cmd("/usr/bin/time", &all)
        } else {
            self.cmd(BIN, args)
        };
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
