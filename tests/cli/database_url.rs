//! `--database-url` / `TREEVU_DATABASE_URL` before the PostgreSQL store
//! serves any command: parsed with the TLS policy, never shown with its
//! password, and refused (exit 2) rather than run half on the SQLite file.

use crate::support::{bare_command, stderr, stdout};

/// stderr of `treevu ARGS` in a bare home, which must fail.
fn refused(home: &std::path::Path, args: &[&str]) -> String {
    let out = bare_command(home).args(args).output().unwrap();
    assert_ne!(out.status.code(), Some(0), "{}", stderr(&out));
    stderr(&out)
}

#[test]
fn a_command_not_ported_to_postgresql_refuses_it_and_touches_no_file() {
    let home = tempfile::tempdir().unwrap();
    let out = bare_command(home.path())
        .args([
            "--database-url",
            "postgres://treevu:pa55word@127.0.0.1:1/tv",
            "twins",
        ])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("not available on PostgreSQL yet") && err.contains("ported so far"),
        "{err}"
    );
    assert!(
        !err.contains("pa55word") && stdout(&out).is_empty(),
        "{err}"
    );
    // Nothing fell back to a SQLite profile.
    assert!(!home.path().join(".local/share/treevu").exists());
    // The same from the environment, and for a command that writes (market import).
    let out = bare_command(home.path())
        .env(
            "TREEVU_DATABASE_URL",
            "postgres://treevu:pa55word@localhost/tv",
        )
        .args(["market", "import", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!home.path().join(".local/share/treevu").exists());
}

#[test]
fn a_remote_server_without_tls_is_refused_and_the_password_never_shown() {
    let home = tempfile::tempdir().unwrap();
    let err = refused(
        home.path(),
        &[
            "--database-url",
            "postgres://treevu:pa55word@db.example.com:5432/tv",
            "listings",
        ],
    );
    assert!(
        err.contains("without TLS") && err.contains("treevu:***@db.example.com"),
        "{err}"
    );
    assert!(!err.contains("pa55word"), "{err}");
}

#[test]
fn db_and_database_url_together_are_refused() {
    let home = tempfile::tempdir().unwrap();
    let err = refused(
        home.path(),
        &[
            "--db",
            "x.db",
            "--database-url",
            "postgres://u:p@127.0.0.1/tv",
            "listings",
        ],
    );
    assert!(err.contains("--db and --database-url"), "{err}");
}
