//! `treevu demo` end to end: a fresh HOME, no keyring, no questions; the
//! sections on stdout, nothing left behind, no secret printed.

use crate::support;

use support::{bare_command, files_under, stderr, stdout};
use treevu::sandbox::{Sandbox, SandboxOptions};

#[test]
fn demo_runs_end_to_end_without_keyring_and_leaves_nothing() {
    let home = tempfile::tempdir().unwrap();
    let tmp = home.path().join("tmp");
    let out = bare_command(home.path())
        .arg("demo")
        .env("RUST_BACKTRACE", "0")
        // Real-looking overrides must be ignored: the demo never uses the merchant's credentials.
        .env("TREEVU_OLX_TOKEN", "real-olx-token-must-not-be-used")
        .env("TREEVU_DB", home.path().join("real.db"))
        .output()
        .expect("treevu runs");
    let (so, se) = (stdout(&out), stderr(&out));
    assert!(
        out.status.success(),
        "exit {:?}\nstdout:\n{so}\nstderr:\n{se}",
        out.status
    );

    for section in [
        "== Sync ==",
        "== Your listings ==",
        "== Recommended prices",
        "== Market analysis of inmuebles24:",
        "== Vehicle valuation of autofact:",
        "== Buyer readiness",
        "== Next commands to try ==",
    ] {
        assert!(so.contains(section), "missing {section:?} in:\n{so}");
    }
    // Recommendations with their interval, a valuation with factors, comparables.
    for text in [
        "Recommended",
        "Min",
        "Max",
        "Confidence",
        "= estimated value",
        "mileage",
        "comparables",
        "treevu connect olx",
        "treevu recommend",
    ] {
        assert!(so.contains(text), "missing {text:?} in:\n{so}");
    }
    assert!(se.contains("connected OLX"), "{se}");
    assert!(se.contains("connected Inmuebles24"), "{se}");
    assert!(se.contains("connected Autofact"), "{se}");
    assert!(
        se.contains("treevu-demo-"),
        "the demo says where its data is: {se}"
    );

    // The demo's own directory is gone; nothing else was written under HOME.
    let left: Vec<_> = files_under(home.path());
    assert!(left.is_empty(), "left behind: {left:?}");
    let entries: Vec<_> = std::fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, vec![std::ffi::OsString::from("tmp")]);
    assert_eq!(
        std::fs::read_dir(&tmp).unwrap().count(),
        0,
        "demo dir removed"
    );

    // No secret of the sandbox (same seed, same credentials) and no token shows.
    let sb = Sandbox::start(SandboxOptions {
        listings: 4,
        market: 10,
        ..SandboxOptions::default()
    })
    .unwrap();
    let c = sb.credentials();
    let all = format!("{so}\n{se}");
    for secret in [
        &c.olx.client_id,
        &c.olx.api_key,
        &c.inmuebles24.client_id,
        &c.inmuebles24.api_key,
        &c.autofact.api_key,
    ] {
        assert!(!all.contains(secret.as_str()), "secret printed: {secret}");
    }
    for prefix in ["at_", "rt_", "ac_", "Bearer", "access_token", "code="] {
        assert!(!all.contains(prefix), "token-like text {prefix:?} printed");
    }
}

#[test]
fn demo_keep_keeps_its_directory() {
    let home = tempfile::tempdir().unwrap();
    let tmp = home.path().join("tmp");
    let out = bare_command(home.path())
        .args(["demo", "--keep", "--listings", "6"])
        .output()
        .expect("treevu runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let kept: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(kept.len(), 1);
    let db = kept[0].join("data/treevu/profiles/default/treevu.db");
    assert!(
        db.is_file(),
        "the demo database is kept at {}",
        db.display()
    );
    assert!(stdout(&out).contains(&db.display().to_string()));
}
