//! `treevu sandbox serve` as a user runs it: the listening line first, then an API that answers.

use crate::support::sandbox::JsonOf;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn serve_prints_the_listening_line_first_and_answers() {
    let home = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_treevu"))
        .args(["sandbox", "serve", "--port", "0", "--seed", "5"])
        .env_clear()
        .env("HOME", home.path())
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("treevu runs");
    let mut child = Child(child);
    let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
    let first = lines.next().expect("a first line").unwrap();
    let elapsed = started.elapsed();
    let base = first
        .strip_prefix("treevu sandbox listening on ")
        .unwrap_or_else(|| panic!("first line: {first}"));
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    assert!(
        elapsed < Duration::from_secs(5),
        "took {elapsed:?} to listen"
    );
    // OLX, Inmuebles24, Autofact, LLM, export.
    let rest: Vec<String> = lines.by_ref().take(5).map(|l| l.unwrap()).collect();
    assert!(
        rest.iter()
            .any(|l| l.starts_with("LLM") && l.contains(&format!("{base}/llm/v1"))),
        "{rest:?}"
    );
    let key = rest
        .iter()
        .find(|l| l.contains("Autofact"))
        .and_then(|l| l.split_whitespace().last())
        .expect("the Autofact key line")
        .to_string();
    assert!(
        rest.iter()
            .any(|l| l == &format!("export TREEVU_SANDBOX={base}")),
        "{rest:?}"
    );

    let http = reqwest::Client::new();
    let creds: serde_json::Value = http
        .get(format!("{base}/_sandbox/credentials"))
        .json_of()
        .await;
    assert_eq!(creds["autofact"]["apiKey"], key.as_str());
    let r = http
        .get(format!("{base}/autofact/v1/vehicles"))
        .header("X-API-Key", &key)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let page: treevu::marketplaces::types::Page<treevu::marketplaces::types::AutofactVehicle> =
        r.json().await.unwrap();
    assert_eq!(page.total, 36);
}

#[cfg(unix)]
#[test]
fn serve_stops_cleanly_on_sigterm() {
    let home = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_treevu"))
        .args(["sandbox", "serve", "--market", "10"])
        .env("HOME", home.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    assert!(
        lines
            .next()
            .unwrap()
            .unwrap()
            .starts_with("treevu sandbox listening on")
    );
    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(Instant::now() < deadline, "still running after SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    }
}
