//! The store's behavioural tests, written once against [`Store`]'s API and
//! run on every engine: `store_tests! { fn name(fx: &Fixture) { … } }` makes
//! `sqlite::name` and `postgres::name`. Engine internals (WAL, file modes,
//! upgrading old files) stay in the engine's own tests.
//!
//! PostgreSQL: `TREEVU_TEST_DATABASE_URL` names the server (`scripts/test`
//! starts a throw-away one). Each test process makes its own database once,
//! and each test a merchant of its own in it. Without the variable the
//! PostgreSQL tests fail, unless `TREEVU_TEST_POSTGRES=skip` says to skip them.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use super::{DatabaseUrl, Store};

/// One store for a test, on one engine; [`Fixture::open`] gives another
/// handle on the same data, as a second treevu process would have.
pub enum Fixture {
    Sqlite {
        path: PathBuf,
        _dir: tempfile::TempDir,
    },
    Postgres {
        url: DatabaseUrl,
        merchant: String,
    },
}

impl Fixture {
    pub fn sqlite() -> Fixture {
        let dir = tempfile::tempdir().expect("a temporary directory");
        Fixture::Sqlite {
            path: dir.path().join("treevu.db"),
            _dir: dir,
        }
    }

    /// `None` only when `TREEVU_TEST_POSTGRES=skip` (said on stderr).
    pub fn postgres() -> Option<Fixture> {
        let url = test_database()?;
        static NEXT: AtomicU32 = AtomicU32::new(1);
        Some(Fixture::Postgres {
            url: url.clone(),
            merchant: format!("m{}", NEXT.fetch_add(1, Ordering::Relaxed)),
        })
    }

    pub fn open(&self) -> Store {
        match self {
            Fixture::Sqlite { path, .. } => Store::open(path).expect("the test store opens"),
            Fixture::Postgres { url, merchant } => {
                Store::open_postgres(url, merchant).expect("the test store opens")
            }
        }
    }
}

/// A comparable for [`Fixture::seed_pool`]: kind, id, price in minor units,
/// and the id of the row it repeats, if it does.
pub type Seed<'a> = (&'a str, &'a str, i64, Option<&'a str>);

impl Fixture {
    /// Stores comparables straight into the pool's table (the pool's own
    /// writes are SQLite's only so far), as a sync or an import would leave them.
    pub fn seed_pool(&self, rows: &[Seed<'_>]) {
        match self {
            Fixture::Sqlite { path, .. } => {
                let conn = rusqlite::Connection::open(path).expect("the test file opens");
                for (kind, id, price, dup) in rows {
                    conn.execute(
                        "INSERT INTO market_pool (kind, id, source, title, price_minor, currency, district, \
                         area_m2, imported_at, duplicate_of) \
                         VALUES (?1, ?2, 'test', 'Casa', ?3, 'PEN', 'Miraflores', 80.0, 't', ?4)",
                        rusqlite::params![kind, id, price, dup],
                    )
                    .expect("a pool row");
                }
            }
            Fixture::Postgres { url, merchant } => {
                let mut c = url
                    .config()
                    .expect("a driver configuration")
                    .connect(postgres::NoTls)
                    .expect("the test server answers");
                for (kind, id, price, dup) in rows {
                    c.execute(
                        "INSERT INTO market_pool (merchant_id, kind, id, source, title, price_minor, currency, \
                         district, area_m2, imported_at, duplicate_of) \
                         SELECT id, $2, $3, 'test', 'Casa', $4, 'PEN', 'Miraflores', 80.0, 't', $5 \
                         FROM merchants WHERE name = $1",
                        &[merchant, kind, id, price, dup],
                    )
                    .expect("a pool row");
                }
            }
        }
    }
}

/// The server of `TREEVU_TEST_DATABASE_URL` (its default database), or `None`
/// when the tests are told to skip PostgreSQL.
pub fn test_server() -> Option<DatabaseUrl> {
    match std::env::var("TREEVU_TEST_DATABASE_URL") {
        Ok(u) if !u.is_empty() => Some(DatabaseUrl::parse(&u).expect("TREEVU_TEST_DATABASE_URL")),
        _ if std::env::var("TREEVU_TEST_POSTGRES").as_deref() == Ok("skip") => {
            eprintln!("TREEVU_TEST_POSTGRES=skip: a PostgreSQL store test is skipped");
            None
        }
        _ => panic!(
            "no PostgreSQL for the store tests: run scripts/test (it starts a throw-away PostgreSQL) \
             or set TREEVU_TEST_DATABASE_URL (TREEVU_TEST_POSTGRES=skip skips them)"
        ),
    }
}

/// A database of this test process's own on the test server, made once.
pub fn fresh_database(name: &str) -> Option<DatabaseUrl> {
    let server = test_server()?;
    let mut admin = server
        .config()
        .expect("a driver configuration")
        .connect(postgres::NoTls)
        .expect("the test server answers");
    // Two calls: one string of both would run as one transaction, which
    // neither statement may run in.
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
        .expect("the old test database dropped");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("a test database");
    Some(server.with_database(name))
}

fn test_database() -> Option<&'static DatabaseUrl> {
    static DB: OnceLock<Option<DatabaseUrl>> = OnceLock::new();
    DB.get_or_init(|| fresh_database(&format!("treevu_t_{}", std::process::id())))
        .as_ref()
}

macro_rules! store_tests {
    ($(fn $name:ident($fx:ident: &Fixture) $body:block)*) => {
        mod sqlite {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[test]
                fn $name() {
                    let fixture = $crate::store::store_tests::Fixture::sqlite();
                    let $fx = &fixture;
                    $body
                }
            )*
        }
        mod postgres {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[test]
                fn $name() {
                    let Some(fixture) = $crate::store::store_tests::Fixture::postgres() else {
                        return;
                    };
                    let $fx = &fixture;
                    $body
                }
            )*
        }
    };
}
