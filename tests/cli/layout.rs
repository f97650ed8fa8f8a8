//! The tests are four targets (`Cargo.toml` lists them, `autotests = false`), so a test
//! file that no `main.rs` declares is never compiled and never fails: these checks make
//! a forgotten file, or a new top-level target, a failing test instead.

use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `path = "tests/..."` of every `[[test]]` table in the manifest.
fn declared_targets() -> Vec<String> {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let mut in_test = false;
    let mut paths = Vec::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_test = line == "[[test]]";
        } else if in_test && let Some(v) = line.strip_prefix("path") {
            let v = v
                .trim_start()
                .trim_start_matches('=')
                .trim()
                .trim_matches('"');
            paths.push(v.to_string());
        }
    }
    paths
}

/// File stems of the `.rs` files directly in `dir`, but `skip`.
fn rust_files(dir: &Path, skip: &str) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|s| s != skip)
        .collect()
}

/// The names of `mod x;` / `pub mod x;` lines in `file`.
fn declared_modules(file: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub ").unwrap_or(l);
            l.strip_prefix("mod ")?
                .strip_suffix(';')
                .map(str::to_string)
        })
        .collect()
}

#[test]
fn the_manifest_names_four_test_targets_and_turns_discovery_off() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    assert!(
        manifest.lines().any(|l| l.trim() == "autotests = false"),
        "Cargo.toml must say autotests = false, or every tests/*.rs becomes a binary of its own"
    );
    let targets = declared_targets();
    assert_eq!(
        targets,
        [
            "tests/cli/main.rs",
            "tests/connect/main.rs",
            "tests/pricing/main.rs",
            "tests/sandbox/main.rs"
        ],
        "the test targets are these four; put a new test in one of them"
    );
    for t in &targets {
        assert!(
            root().join(t).is_file(),
            "{t} is named in Cargo.toml but missing"
        );
    }
}

#[test]
fn every_test_file_is_wired_into_its_target() {
    let tests = root().join("tests");
    let targets: BTreeSet<String> = declared_targets()
        .iter()
        .map(|p| p.split('/').nth(1).unwrap().to_string())
        .collect();
    for entry in std::fs::read_dir(&tests).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            path.is_dir(),
            "tests/{name} is a file at the top of tests/: with autotests off it is never built; \
             move it into tests/<target>/ and declare it in that target's main.rs"
        );
        if name == "support" {
            let files = rust_files(&path, "mod");
            let declared = declared_modules(&path.join("mod.rs"));
            let missing: Vec<_> = files.difference(&declared).collect();
            assert!(
                missing.is_empty(),
                "tests/support/{{{missing:?}}}.rs not declared in tests/support/mod.rs"
            );
            continue;
        }
        assert!(
            targets.contains(&name),
            "tests/{name}/ is not a test target in Cargo.toml (targets: {targets:?})"
        );
        let files = rust_files(&path, "main");
        let declared = declared_modules(&path.join("main.rs"));
        let missing: Vec<_> = files.difference(&declared).collect();
        assert!(
            missing.is_empty(),
            "files in tests/{name}/ never compiled because tests/{name}/main.rs does not declare them: {missing:?}"
        );
        let absent: Vec<_> = declared
            .iter()
            .filter(|m| *m != "support" && !files.contains(*m))
            .collect();
        assert!(
            absent.is_empty(),
            "tests/{name}/main.rs declares missing files: {absent:?}"
        );
    }
}
