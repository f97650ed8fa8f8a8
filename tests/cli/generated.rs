//! The committed shell completions (`completions/`) and man pages
//! (`docs/man/`) are what the binary generates now. When this fails after a
//! change to the command line, regenerate them from the repository root:
//!
//!     cargo run -q -- generate-docs

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const REGENERATE: &str =
    "regenerate with `cargo run -q -- generate-docs` from the repository root (see docs/cli.md)";

fn treevu(args: &[&str]) -> std::process::Output {
    let home = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_treevu"))
        .args(args)
        .env_clear()
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// Generated files under `dir`, relative to it.
fn files(root: &Path, dirs: &[&str]) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    for d in dirs {
        if let Ok(rd) = std::fs::read_dir(root.join(d)) {
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with("treevu") {
                    out.insert(Path::new(d).join(name));
                }
            }
        }
    }
    out
}

#[test]
fn committed_completions_and_man_pages_are_current() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fresh = tempfile::tempdir().unwrap();
    let out = treevu(&["generate-docs", "--out", fresh.path().to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dirs = ["completions", "completions/es", "docs/man", "docs/man/es"];
    let generated = files(fresh.path(), &dirs);
    let committed = files(repo, &dirs);
    assert!(
        generated.iter().any(|p| p.ends_with("treevu.1")),
        "a top-level man page is generated: {generated:?}"
    );
    let missing: Vec<_> = generated.difference(&committed).collect();
    let stale: Vec<_> = committed.difference(&generated).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "generated files out of date (missing: {missing:?}, no longer generated: {stale:?}); {REGENERATE}"
    );
    for rel in &generated {
        let want = std::fs::read(fresh.path().join(rel)).unwrap();
        let have = std::fs::read(repo.join(rel)).unwrap();
        assert!(
            want == have,
            "{} differs from what treevu generates; {REGENERATE}",
            rel.display()
        );
    }
}

#[test]
fn each_shell_has_a_completion_file_named_after_it() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = treevu(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        // Completions know the commands a merchant types.
        for cmd in ["listings", "listing", "leads", "conversations", "sync"] {
            assert!(script.contains(cmd), "{shell} completion lacks '{cmd}'");
        }
        let file = std::fs::read_dir(repo.join("completions"))
            .unwrap()
            .flatten()
            .find(|e| e.file_name().to_string_lossy().contains(shell))
            .unwrap_or_else(|| panic!("no completions/ file named after {shell}; {REGENERATE}"));
        // Not assert_eq: a whole script in the failure message hides the advice.
        assert!(
            std::fs::read_to_string(file.path()).unwrap() == script,
            "{} is not what 'treevu completions {shell}' prints; {REGENERATE}",
            file.path().display()
        );
    }
}
