//! Secrets in the PostgreSQL store under the operator key, through the CLI:
//! stored encrypted (the table shows no secret), a missing or wrong key is
//! a clear error with its exit code, and `operator rotate-key` moves every
//! secret to a new key. Against the throw-away PostgreSQL of `scripts/test`.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{bare_command, output_with_stdin, stderr};

/// A new database on the test server and a home for treevu (`None`: PostgreSQL skipped).
fn database(test: &str) -> Option<(String, tempfile::TempDir)> {
    let url = crate::support::pg::database(&format!("k_{test}"))?;
    Some((url, tempfile::tempdir().unwrap()))
}

/// A key file of mode 600 holding `byte` 32 times in base64.
fn key_file(dir: &Path, name: &str, byte: u8) -> (PathBuf, String) {
    use base64::Engine;
    let text = base64::engine::general_purpose::STANDARD.encode([byte; 32]);
    let path = dir.join(name);
    std::fs::write(&path, format!("{text}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    (path, text)
}

/// `treevu auth llm-key --stdin` on the database at `url`, `secret` on stdin, under `key`.
fn save_llm_key(home: &Path, url: &str, key: Option<&Path>, secret: &str) -> Output {
    let mut c = bare_command(home);
    c.env("TREEVU_DATABASE_URL", url)
        .args(["--profile", "acme", "auth", "llm-key", "--stdin"]);
    if let Some(k) = key {
        c.env("TREEVU_OPERATOR_KEY_FILE", k);
    }
    output_with_stdin(c, &format!("{secret}\n"))
}

/// Every row of `secrets`, as text, nonces and ciphertexts included.
fn table_dump(url: &str) -> String {
    let mut c = crate::support::pg::connect(url);
    c.query("SELECT s::text FROM secrets s", &[])
        .unwrap()
        .iter()
        .map(|r| r.get::<_, String>(0))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_secret_saved_on_postgresql_is_encrypted_in_the_table() {
    let Some((url, home)) = database("sealed") else {
        return;
    };
    let (key, key_text) = key_file(home.path(), "operator.key", 1);
    let secret = "sk-llm-VISIBLE-4f1c2e";
    let out = save_llm_key(home.path(), &url, Some(&key), secret);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("database store"), "{err}");
    let dump = table_dump(&url);
    assert!(dump.contains("llm:acme"), "the row is there: {dump}");
    assert!(
        !dump.contains("VISIBLE") && !dump.contains(&key_text) && !err.contains(secret),
        "{dump}"
    );
    // Nothing went to a SQLite profile or a secrets file.
    assert!(!home.path().join(".local/share/treevu").exists());
}

#[test]
fn without_an_operator_key_postgresql_secrets_refuse_naming_both_variables() {
    let Some((url, home)) = database("no_key") else {
        return;
    };
    let out = save_llm_key(home.path(), &url, None, "sk-x");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("TREEVU_OPERATOR_KEY_FILE") && err.contains("TREEVU_OPERATOR_KEY_COMMAND"),
        "{err}"
    );
}

#[test]
fn a_wrong_key_is_a_clear_error_and_rotation_moves_every_secret_to_the_new_key() {
    let Some((url, home)) = database("rotate") else {
        return;
    };
    let h = home.path();
    let (old, _) = key_file(h, "old.key", 1);
    let (new, new_text) = key_file(h, "new.key", 2);
    assert_eq!(
        save_llm_key(h, &url, Some(&old), "sk-old").status.code(),
        Some(0)
    );
    let before = table_dump(&url);

    let out = save_llm_key(h, &url, Some(&new), "sk-other");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("does not match the one these secrets were stored under")
            && err.contains("new.key")
            && !err.contains(&new_text)
            && !err.contains("sk-"),
        "{err}"
    );
    assert_eq!(table_dump(&url), before, "nothing was changed");

    let rotate = |key: &Path| {
        let mut c = bare_command(h);
        c.env("TREEVU_DATABASE_URL", &url)
            .env("TREEVU_OPERATOR_KEY_FILE", key)
            .args(["operator", "rotate-key", "--new-key-file"])
            .arg(&new)
            .arg("--json");
        c.output().unwrap()
    };
    let out = rotate(&old);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let done: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(done["resealed"], 1);
    assert_eq!(done["alreadyUnderNewKey"], 0);
    assert!(
        stderr(&out).contains("Re-encrypted 1 secret"),
        "{}",
        stderr(&out)
    );
    assert_ne!(table_dump(&url), before);

    // The old key no longer opens them; the new one does.
    let out = save_llm_key(h, &url, Some(&old), "sk-again");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let out = save_llm_key(h, &url, Some(&new), "sk-again");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Run again (say after an interruption): nothing left to re-encrypt.
    let again: serde_json::Value = serde_json::from_slice(&rotate(&new).stdout).unwrap();
    assert_eq!(again["resealed"], 0);

    // On SQLite there is nothing to rotate.
    let out = bare_command(h)
        .args(["operator", "rotate-key", "--new-key-file"])
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--database-url"), "{}", stderr(&out));
}
