//! The PostgreSQL server of the tests (`TREEVU_TEST_DATABASE_URL`, started by
//! `scripts/test`): a database of a test's own on it, and a look into it.

/// A fresh database `name` (with this process's id) on the test server, as a
/// URL with its password for `--database-url`; `None` only when
/// `TREEVU_TEST_POSTGRES=skip` says to skip (said on stderr).
pub fn database(name: &str) -> Option<String> {
    let server = match std::env::var("TREEVU_TEST_DATABASE_URL") {
        Ok(u) if !u.is_empty() => u,
        _ if std::env::var("TREEVU_TEST_POSTGRES").as_deref() == Ok("skip") => {
            eprintln!("TREEVU_TEST_POSTGRES=skip: a PostgreSQL test is skipped");
            return None;
        }
        _ => panic!(
            "no PostgreSQL for this test: run scripts/test (it starts a throw-away one) \
             or set TREEVU_TEST_DATABASE_URL (TREEVU_TEST_POSTGRES=skip skips it)"
        ),
    };
    let name = format!("treevu_cli_{}_{name}", std::process::id());
    let mut admin = connect(&server);
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
        .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    let (base, _) = server.rsplit_once('/').expect("a URL with a database");
    Some(format!("{base}/{name}"))
}

pub fn connect(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).expect("the test server answers")
}

/// Listings of `merchant` on `marketplace` not removed, and how many distinct
/// remote ids they have.
pub fn listings(url: &str, merchant: &str, marketplace: &str) -> (i64, i64) {
    let row = connect(url)
        .query_one(
            "SELECT count(*), count(DISTINCT l.remote_id) FROM listings l JOIN merchants m ON m.id = l.merchant_id \
             WHERE m.name = $1 AND l.marketplace = $2 AND l.removed_at IS NULL",
            &[&merchant, &marketplace],
        )
        .unwrap();
    (row.get(0), row.get(1))
}
