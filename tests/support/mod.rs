//! Helpers for tests that run the real treevu binary against a sandbox on
//! 127.0.0.1: a throw-away HOME, tokens through the sandbox's real OAuth
//! endpoints, and a look into the SQLite file the binary wrote.
//!
//! The one support module of the four test targets (`tests/<target>/main.rs` each
//! load it): `sandbox` calls the APIs with reqwest as any client would, `connect`
//! drives the OAuth sign-in with the test acting as the browser, `openapi` reads
//! the document the sandbox must answer to. Each target uses a part of it.
#![allow(dead_code)]

pub mod connect;
pub mod openapi;
pub mod pg;
pub mod sandbox;
pub mod token;
pub mod twins;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use treevu::sandbox::{Sandbox, SandboxOptions};

pub struct Harness {
    pub sandbox: Sandbox,
    pub base: String,
    pub home: tempfile::TempDir,
    pub tokens: Vec<(String, String)>,
}

impl Harness {
    /// A sandbox with `opts`, a fresh HOME, and tokens for all three marketplaces.
    pub fn new(opts: SandboxOptions) -> Harness {
        let sandbox = Sandbox::start(opts).expect("sandbox starts");
        let base = sandbox.base_url();
        assert!(base.starts_with("http://127.0.0.1:"));
        let home = tempfile::tempdir().unwrap();
        let mut h = Harness {
            sandbox,
            base,
            home,
            tokens: Vec::new(),
        };
        let olx = h.oauth_token("olx");
        let i24 = h.oauth_token("inmuebles24");
        let af = h.sandbox.credentials().autofact.api_key.clone();
        h.tokens = vec![
            ("TREEVU_OLX_TOKEN".into(), olx),
            ("TREEVU_INMUEBLES24_TOKEN".into(), i24),
            ("TREEVU_AUTOFACT_API_KEY".into(), af),
        ];
        h
    }

    pub fn db(&self) -> PathBuf {
        self.home.path().join("treevu.db")
    }

    /// The treevu binary with this harness's environment and nothing of the caller's.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_treevu"));
        c.args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path().join("config"))
            .env("XDG_DATA_HOME", self.home.path().join("data"))
            .env("TREEVU_DB", self.db())
            .env("TREEVU_SANDBOX", &self.base)
            .env("RUST_BACKTRACE", "0")
            .env("NO_COLOR", "1")
            // English unless a test asks for a language (`--lang es`).
            .env("TREEVU_LANG", "en")
            .stdin(Stdio::null());
        for (k, v) in &self.tokens {
            c.env(k, v);
        }
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("treevu runs")
    }

    /// `run` on another database file than the harness's own.
    pub fn run_on(&self, db: &Path, args: &[&str]) -> Output {
        self.cmd(args)
            .env("TREEVU_DB", db)
            .output()
            .expect("treevu runs")
    }

    /// `k` treevu processes of `args` started at the same moment; their outputs.
    pub fn run_at_once(&self, k: usize, args: &[&str]) -> Vec<Output> {
        let children: Vec<_> = (0..k)
            .map(|_| {
                self.cmd(args)
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect()
    }

    /// An access token through the sandbox's authorize (auto-approve or consent) and token endpoints.
    pub fn oauth_token(&self, m: &str) -> String {
        let creds = self.sandbox.credentials();
        let client_id = if m == "olx" {
            creds.olx.client_id.clone()
        } else {
            creds.inmuebles24.client_id.clone()
        };
        let http = reqwest::blocking::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        token::authorization_code_token(&http, &self.base, m, &client_id)
    }

    /// `GET /_sandbox/stats`.
    pub fn stats(&self) -> serde_json::Value {
        reqwest::blocking::get(format!("{}/_sandbox/stats", self.base))
            .unwrap()
            .json()
            .unwrap()
    }

    /// The harness's token (or API key) in the environment variable `name`.
    pub fn token(&self, name: &str) -> String {
        self.tokens
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap()
    }

    /// Requests the sandbox has answered for marketplace `m`.
    pub fn requests(&self, m: &str) -> u64 {
        self.stats()["requests"][m]["total"].as_u64().unwrap_or(0)
    }

    pub fn conn(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db()).unwrap()
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// The listing ids of `m` the sandbox serves to the demo merchant right now.
    pub fn remote_ids(&self, m: &str) -> Vec<String> {
        let (prefix, path) = match m {
            "olx" => ("/olx/v2", "/users/me"),
            "inmuebles24" => ("/inmuebles24/v1", "/properties"),
            _ => ("/autofact/v1", "/vehicles"),
        };
        let http = reqwest::blocking::Client::new();
        let creds = self.sandbox.credentials();
        let token = self
            .tokens
            .iter()
            .find(|(k, _)| k.contains(&m.to_uppercase()))
            .map(|(_, v)| v.clone())
            .unwrap();
        let req = |url: String| {
            let rb = http.get(url);
            match m {
                "olx" => rb
                    .bearer_auth(&token)
                    .header("X-API-Key", &creds.olx.api_key),
                "inmuebles24" => rb
                    .bearer_auth(&token)
                    .header("X-API-Key", &creds.inmuebles24.api_key),
                _ => rb.header("X-API-Key", &token),
            }
        };
        let list_path = if m == "olx" {
            let me: serde_json::Value = req(format!("{}{prefix}{path}", self.base))
                .send()
                .unwrap()
                .json()
                .unwrap();
            format!("/users/{}/listings", me["id"].as_str().unwrap())
        } else {
            path.to_string()
        };
        let mut ids = Vec::new();
        for page in 1.. {
            let body: serde_json::Value = req(format!(
                "{}{prefix}{list_path}?page={page}&limit=100",
                self.base
            ))
            .send()
            .unwrap()
            .json()
            .unwrap();
            let data = body["data"].as_array().unwrap();
            if data.is_empty() {
                break;
            }
            ids.extend(
                data.iter()
                    .filter_map(|r| r["id"].as_str().map(str::to_string)),
            );
        }
        ids
    }
}

/// treevu as on a machine with nothing set up: an empty environment but for
/// PATH, HOME (and its `tmp/` as TMPDIR), no D-Bus session (so no keyring),
/// no colour, no stdin. What the demo runs in.
pub fn bare_command(home: &Path) -> Command {
    let tmp = home.join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let mut c = Command::new(env!("CARGO_BIN_EXE_treevu"));
    c.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("TMPDIR", &tmp)
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    c
}

/// `cmd` run with `input` on its stdin, to the end.
pub fn output_with_stdin(mut cmd: Command, input: &str) -> Output {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// The row of marketplace `m` in `sync status --json`'s output.
pub fn status_row(out: &Output, m: &str) -> serde_json::Value {
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["marketplace"] == m)
        .unwrap()
        .clone()
}

/// The sandbox the sync and fault tests run against: `listings` of the
/// merchant's on each marketplace, a market of 300, eight workers.
pub fn cli_opts(listings: usize) -> SandboxOptions {
    SandboxOptions {
        listings,
        market: 300,
        workers: 8,
        ..SandboxOptions::default()
    }
}

/// A small sandbox (twelve listings, a market of 50) for tests of one command.
pub fn small_opts() -> SandboxOptions {
    SandboxOptions {
        listings: 12,
        market: 50,
        workers: 4,
        ..SandboxOptions::default()
    }
}

/// A run's stdout as JSON (its stdout and stderr in the message when it is not).
pub fn json_out(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}): {}\nstderr: {}",
            stdout(out),
            stderr(out)
        )
    })
}

/// `estimate` of a 2019 Toyota `model` with `km` on the clock, then `more`.
pub fn toyota_2019<'a>(model: &'a str, km: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["estimate", "--kind", "vehicle", "--brand", "Toyota"];
    args.extend(["--model", model, "--year", "2019", "--mileage", km]);
    args.extend(more);
    args
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir`, for secret scans.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if let Ok(rd) = std::fs::read_dir(&d) {
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p)
                } else {
                    out.push(p)
                }
            }
        }
    }
    out
}
