//! Shared harness for the `connect_*` tests: a sandbox, an isolated HOME and
//! profile per test, the real binary, and the test acting as the browser.
//!
//! The keyring is the one `scripts/test` starts (its XDG_DATA_HOME is left
//! alone); each test uses its own TREEVU_PROFILE so entries never collide.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

pub use treevu::sandbox::{Sandbox, SandboxOptions};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

pub struct TestEnv {
    pub home: tempfile::TempDir,
    pub profile: String,
    pub sandbox: Sandbox,
    pub extra: Vec<(String, String)>,
}

pub fn start(auto_approve: bool, token_ttl_secs: u64) -> TestEnv {
    start_with(SandboxOptions {
        auto_approve,
        token_ttl: Duration::from_secs(token_ttl_secs),
        ..Default::default()
    })
}

pub fn start_with(opts: SandboxOptions) -> TestEnv {
    let sandbox = Sandbox::start(opts).expect("sandbox starts");
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    TestEnv {
        home: tempfile::tempdir().unwrap(),
        profile: format!("t{}-{n}-{}", std::process::id(), rand_suffix()),
        sandbox,
        extra: Vec::new(),
    }
}

fn rand_suffix() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos()
        % 100_000
}

impl TestEnv {
    pub fn base(&self) -> String {
        self.sandbox.base_url()
    }

    pub fn db(&self) -> PathBuf {
        self.home.path().join("db").join("treevu.db")
    }

    /// The profile's data dir (locks, secrets.enc), as treevu resolves it.
    pub fn data_dir(&self) -> PathBuf {
        let root = match std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
            Some(d) => PathBuf::from(d),
            None => self.home.path().join(".local/share"),
        };
        root.join("treevu").join("profiles").join(&self.profile)
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_treevu"));
        c.args(args)
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path().join("config"))
            .env("TREEVU_PROFILE", &self.profile)
            .env("TREEVU_SANDBOX", self.base())
            .env("RUST_BACKTRACE", "0")
            .env("NO_COLOR", "1")
            // The caller's locale must not change the words tests read.
            .env("TREEVU_LANG", "en")
            .env_remove("TREEVU_SECRET_STORE")
            .env_remove("TREEVU_OLX_TOKEN")
            .env_remove("TREEVU_INMUEBLES24_TOKEN")
            .env_remove("TREEVU_AUTOFACT_API_KEY")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY");
        // The PostgreSQL store names no SQLite file (both together are refused).
        if !self.extra.iter().any(|(k, _)| k == "TREEVU_DATABASE_URL") {
            c.env("TREEVU_DB", self.db());
        }
        for (k, v) in &self.extra {
            c.env(k, v);
        }
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).stdin(Stdio::null()).output().unwrap()
    }

    pub fn run_stdin(&self, args: &[&str], input: &str) -> Output {
        super::output_with_stdin(self.cmd(args), input)
    }

    /// Starts `treevu connect <m> --no-browser`, returning it and the printed authorization URL.
    pub fn spawn_connect(&self, m: &str, more: &[&str]) -> Running {
        let mut args = vec!["connect", m, "--no-browser"];
        args.extend_from_slice(more);
        let mut child = self
            .cmd(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Running {
            child,
            lines: rx,
            seen: Vec::new(),
        }
    }

    /// `treevu connect <m>` through the sandbox's auto-approving sign-in, the
    /// test acting as the browser; it must exit 0.
    pub async fn connect_signed_in(&self, m: &str) {
        let mut run = self.spawn_connect(m, &[]);
        let url = run.authorize_url();
        let location = auto_redirect(&url).await;
        client().get(&location).send().await.unwrap();
        let (code, _, err) = run.finish();
        assert_eq!(code, 0, "{err}");
    }

    pub async fn sandbox_credentials(&self) -> serde_json::Value {
        reqwest::get(format!("{}/_sandbox/credentials", self.base()))
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub async fn token_requests(&self, m: &str) -> u64 {
        let stats: serde_json::Value = reqwest::get(format!("{}/_sandbox/stats", self.base()))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        // The sandbox keys routes without the marketplace prefix; accept both spellings.
        let per = &stats["requests"][m];
        per["POST /oauth/token"]
            .as_u64()
            .or_else(|| per[format!("POST /{m}/oauth/token")].as_u64())
            .unwrap_or(0)
    }

    pub async fn control(&self, what: &str, m: &str) {
        let r = reqwest::Client::new()
            .post(format!("{}/_sandbox/{what}?marketplace={m}", self.base()))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{what}: {}", r.status());
    }

    /// Fails when any file under HOME or the profile's data dir holds `secret`.
    pub fn assert_nowhere_on_disk(&self, secret: &str) {
        assert!(secret.len() >= 8, "a secret worth searching for");
        for root in [self.home.path().to_path_buf(), self.data_dir()] {
            for f in files(&root) {
                let bytes = std::fs::read(&f).unwrap_or_default();
                assert!(
                    !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                    "a secret was found in {}",
                    f.display()
                );
            }
        }
    }
}

// One copy of the output and file helpers serves every target.
#[allow(unused_imports)]
pub use super::{files_under as files, stderr, stdout};

pub struct Running {
    pub child: Child,
    lines: mpsc::Receiver<String>,
    pub seen: Vec<String>,
}

impl Running {
    /// Waits for a stderr line matching `pred`.
    pub fn wait_line(&mut self, pred: impl Fn(&str) -> bool) -> String {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(20)) {
                Ok(l) => {
                    self.seen.push(l.clone());
                    if pred(&l) {
                        return l;
                    }
                }
                Err(_) => panic!("no such line on stderr; saw: {:#?}", self.seen),
            }
        }
    }

    /// The authorization URL printed on a line of its own.
    pub fn authorize_url(&mut self) -> String {
        self.wait_line(|l| l.starts_with("http") && l.contains("/oauth/authorize"))
    }

    pub fn write_stdin(&mut self, text: &str) {
        use std::io::Write;
        let stdin = self.child.stdin.as_mut().unwrap();
        stdin.write_all(text.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }

    /// Waits for the exit; returns (code, stdout, all of stderr).
    pub fn finish(mut self) -> (i32, String, String) {
        drop(self.child.stdin.take());
        let status = wait_timeout(&mut self.child, Duration::from_secs(60));
        let mut out = String::new();
        if let Some(mut o) = self.child.stdout.take() {
            use std::io::Read;
            let _ = o.read_to_string(&mut out);
        }
        while let Ok(l) = self.lines.recv_timeout(Duration::from_millis(500)) {
            self.seen.push(l);
        }
        (status, out, self.seen.join("\n"))
    }
}

pub fn wait_timeout(child: &mut Child, limit: Duration) -> i32 {
    let start = std::time::Instant::now();
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s.code().unwrap_or(-1);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("treevu did not exit within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Acts as the browser on the consent page: GET it, POST the decision, and
/// return the address the marketplace redirects to.
pub async fn consent(authorize_url: &str, decision: &str) -> String {
    let c = client();
    let page = c.get(authorize_url).send().await.unwrap();
    assert_eq!(page.status(), 200, "the consent page");
    let html = page.text().await.unwrap();
    assert!(html.contains("approve"), "{html}");
    let u = url::Url::parse(authorize_url).unwrap();
    let mut form: Vec<(String, String)> = u.query_pairs().into_owned().collect();
    form.push(("decision".into(), decision.into()));
    let mut action = u.clone();
    action.set_query(None);
    let r = c.post(action).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 302, "the decision redirects");
    r.headers()["location"].to_str().unwrap().to_string()
}

/// With auto-approve: the GET redirects at once.
pub async fn auto_redirect(authorize_url: &str) -> String {
    let r = client().get(authorize_url).send().await.unwrap();
    assert_eq!(r.status(), 302);
    r.headers()["location"].to_str().unwrap().to_string()
}

pub async fn get_status(url: &str) -> u16 {
    client().get(url).send().await.unwrap().status().as_u16()
}
