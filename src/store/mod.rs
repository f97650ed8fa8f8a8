//! The store: a handle ([`Store`]) over one database engine ([`Engine`]);
//! today SQLite (`sqlite.rs`: WAL, foreign keys, busy timeout, migrations by
//! `PRAGMA user_version`). Every SQL statement of treevu lives in this module.
//!
//! Query helpers live beside this file, one per table group; those not yet
//! behind [`Engine`] take the SQLite connection ([`Store::conn`]).

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::domain::Marketplace;

// First: the test macro is in scope only for the modules declared after it.
#[cfg(test)]
#[macro_use]
pub(crate) mod store_tests;

pub mod accounts;
mod engine;
pub mod listings;
pub mod market;
pub mod models;
pub mod page;
pub mod postgres;
mod sqlite;
pub mod sync;
pub mod twins;
pub use engine::{Engine, EngineKind, MIGRATIONS, Migration, SCHEMA_VERSION, TABLES};
pub use postgres::merchants::{MerchantSummary, Merchants, RemovedRows};
pub use postgres::{DatabaseUrl, PgEngine};
pub use sqlite::SqliteEngine;
use sync::Budget;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the database {path} has schema version {found}, newer than this treevu understands ({known}); \
         upgrade treevu, or point --db at another file"
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    /// `cause` is not a `source`: the message already carries it, once.
    #[error("cannot create the data directory {path}: {cause}")]
    CreateDir {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("cannot open the database {path}: {}", sqlite_words(.cause))]
    Open {
        path: PathBuf,
        cause: rusqlite::Error,
    },
    /// `cause` is not a `source`: the message already carries it, once.
    #[error("cannot write the database {path}: {cause}")]
    NotWritable {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("database error: {}", sqlite_words(.0))]
    Sql(rusqlite::Error),
    /// A `--database-url` that names no server treevu may use.
    #[error("{0}")]
    BadUrl(String),
    /// `location` is the URL without its password.
    #[error("PostgreSQL at {location}: {}", postgres_words(.cause))]
    Postgres {
        location: String,
        cause: ::postgres::Error,
    },
    #[error(
        "the database at {location} has schema version {found}, newer than this treevu understands ({known}); \
         upgrade treevu, or point --database-url at another database"
    )]
    NewerServerSchema {
        location: String,
        found: u32,
        known: u32,
    },
    /// A store operation the PostgreSQL engine does not have yet.
    #[error(
        "{what} is not available on PostgreSQL yet (ported so far: {}); use a SQLite profile (leave out --database-url) for it",
        postgres::PORTED
    )]
    NotOnPostgres { what: String },
    /// `--profile` names no merchant of the database, for a command that
    /// must not create one by a typo (`connect`, `auth`).
    #[error(
        "there is no merchant named {name} in the database at {location}; add it with \
         'treevu merchants add {name}' (or check --profile / TREEVU_PROFILE)"
    )]
    UnknownMerchant { name: String, location: String },
    /// A worker's page refused: its lease expired and another worker took the account over.
    #[error(
        "the lease on the {marketplace} sync expired and another worker took it over; this run stored nothing more \
         (the other worker continues from the checkpoint)"
    )]
    LeaseLost { marketplace: Marketplace },
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl crate::exit::ExitStatus for StoreError {
    fn exit_code(&self) -> u8 {
        match self {
            // What was asked cannot be done with this store: fix the command line.
            StoreError::BadUrl(_)
            | StoreError::NotOnPostgres { .. }
            | StoreError::UnknownMerchant { .. } => crate::exit::USAGE,
            _ => crate::exit::ERROR,
        }
    }
}

/// The server's own message when it sent one (not the driver's "db error").
pub(crate) fn postgres_words(e: &::postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => e.to_string(),
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError::Sql(e)
    }
}

/// SQLite's message once: rusqlite shows the extended message, else SQLite's
/// generic words for the code (never both, never "Error code N").
pub(crate) fn sqlite_words(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
        rusqlite::Error::SqliteFailure(f, None) => {
            let text = f.to_string();
            match text.split_once(": ") {
                Some((head, rest)) if head.starts_with("Error code") => rest.to_string(),
                _ => text,
            }
        }
        other => other.to_string(),
    }
}

impl StoreError {
    /// The same failure named for the file it happened to, when it is the
    /// file's fault (disk full, read-only, I/O error): SQLite's own words for
    /// those ("database or disk is full", "attempt to write a readonly
    /// database") say neither which file nor what to do.
    pub fn at(self, path: &Path) -> StoreError {
        let StoreError::Sql(sql @ rusqlite::Error::SqliteFailure(f, _)) = &self else {
            return self;
        };
        use rusqlite::ErrorCode as C;
        let cause = match f.code {
            C::DiskFull => std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "the disk is full (no space left on device); free some space and run again, nothing stored so far was lost",
            ),
            C::ReadOnly | C::CannotOpen | C::SystemIoFailure | C::PermissionDenied => {
                match write_problem(path) {
                    Some(cause) => cause,
                    None if f.code == C::ReadOnly => std::io::Error::new(
                        std::io::ErrorKind::ReadOnlyFilesystem,
                        "the file or its directory is read-only",
                    ),
                    None => std::io::Error::other(format!(
                        "{} (check the disk and the file system it is on)",
                        sqlite_words(sql)
                    )),
                }
            }
            _ => return self,
        };
        StoreError::NotWritable {
            path: path.to_path_buf(),
            cause,
        }
    }
}

/// An open treevu database: a handle over its engine.
pub struct Store {
    engine: Box<dyn Engine>,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir)?;
        }
        create_private_file(path)?;
        let opened = SqliteEngine::open(path);
        // SQLite's own words for a file it cannot write ("unable to open database
        // file", "readonly database") do not say which file or why: ask the OS.
        let engine = opened.map_err(|e| match e {
            StoreError::Open { .. } | StoreError::Sql(_) => match write_problem(path) {
                Some(cause) => StoreError::NotWritable {
                    path: path.to_path_buf(),
                    cause,
                },
                None => match e {
                    StoreError::Sql(cause) => StoreError::Open {
                        path: path.to_path_buf(),
                        cause,
                    },
                    other => other,
                },
            },
            other => other,
        })?;
        Ok(Store::over(Box::new(engine), path.to_path_buf()))
    }

    /// An in-memory store, for unit tests of query helpers.
    pub fn open_in_memory() -> Result<Store> {
        Ok(Store::over(
            Box::new(SqliteEngine::open_in_memory()?),
            PathBuf::from(":memory:"),
        ))
    }

    /// A handle over an engine already open (and migrated).
    pub fn over(engine: Box<dyn Engine>, path: PathBuf) -> Store {
        Store { engine, path }
    }

    /// Connects to the PostgreSQL database at `url` as `merchant`'s store.
    pub fn open_postgres(url: &DatabaseUrl, merchant: &str) -> Result<Store> {
        let engine = PgEngine::connect(url, merchant)?;
        Ok(Store::over(Box::new(engine), PathBuf::new()))
    }

    /// [`Store::open_postgres`] for a merchant that must exist already:
    /// [`StoreError::UnknownMerchant`] otherwise, and nothing created.
    pub fn open_postgres_existing(url: &DatabaseUrl, merchant: &str) -> Result<Store> {
        let engine = PgEngine::connect_existing(url, merchant)?;
        Ok(Store::over(Box::new(engine), PathBuf::new()))
    }

    pub fn kind(&self) -> EngineKind {
        self.engine.kind()
    }

    /// Another handle on the same data, as a second process would have (a
    /// sync's budget gate takes budget on its own while pages are stored).
    pub fn reopen(&self) -> Result<Store> {
        match self.kind() {
            // The file's own checks and messages, as on first opening.
            EngineKind::Sqlite => Store::open(&self.path),
            EngineKind::Postgres => Ok(Store::over(self.engine.reopen()?, PathBuf::new())),
        }
    }

    /// Whether this store has the market pool (and so the pricing models and
    /// twins built on it). Not on PostgreSQL yet: a sync there stores
    /// listings, leads and conversations and leaves the pool, which catches
    /// up with every stored listing the first time it is fed.
    pub fn has_pool(&self) -> bool {
        self.kind() == EngineKind::Sqlite
    }

    /// The SQLite connection, for the store operations that take one.
    ///
    /// # Panics
    /// On another engine: those refuse the commands that need it before they
    /// get here (a bug otherwise).
    pub fn conn(&self) -> &Connection {
        self.engine
            .sqlite()
            .expect("a SQLite-only store operation on another engine")
    }

    /// [`Store::conn`], mutable (tests that hold a transaction of their own).
    pub fn conn_mut(&mut self) -> &mut Connection {
        self.engine
            .sqlite_mut()
            .expect("a SQLite-only store operation on another engine")
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<u32> {
        self.engine.schema_version()
    }

    /// The engine's integrity check (`PRAGMA integrity_check` on SQLite):
    /// `Ok(())` when it finds nothing wrong.
    pub fn integrity_check(&self) -> Result<()> {
        self.engine.integrity_check()
    }

    /// Runs `f` in one write transaction that takes the write lock at once:
    /// everything `f` stores commits together when it returns `Ok`, and nothing
    /// does when it returns an error or panics.
    pub fn write<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.engine.begin_write()?;
        let guard = RollbackUnlessDone(&*self.engine);
        let value = f(self)?;
        std::mem::forget(guard);
        if let Err(e) = self.engine.commit() {
            self.engine.rollback();
            return Err(e.into());
        }
        Ok(value)
    }

    /// The account's hourly budget at `now` (Unix seconds), without spending any.
    pub fn budget(&self, m: Marketplace, now: i64) -> Result<Budget> {
        self.engine.budget(m, now)
    }

    /// Takes up to `wanted` requests from the account's shared budget; every
    /// treevu process and worker takes turns on it, so none spend the same
    /// requests. Returns how many were granted and the budget after.
    pub fn reserve_budget(&self, m: Marketplace, wanted: u32, now: i64) -> Result<(u32, Budget)> {
        let mut granted = 0;
        let b = self
            .engine
            .update_budget(m, now, &mut |b| granted = b.take(wanted))?;
        Ok((granted, b))
    }

    /// Gives back requests reserved but not made.
    pub fn release_budget(&self, m: Marketplace, unused: u32, now: i64) -> Result<Budget> {
        self.engine
            .update_budget(m, now, &mut |b| b.give_back(unused))
    }

    /// Corrects the budget with what the server said ([`Budget::observe`]).
    pub fn observe_budget(
        &self,
        m: Marketplace,
        limit: u32,
        remaining: u32,
        reset_at: i64,
        now: i64,
    ) -> Result<Budget> {
        self.engine
            .update_budget(m, now, &mut |b| b.observe(limit, remaining, reset_at))
    }
}

/// The engine's operations, on the handle: `store.account(m)`. Write
/// transactions go through [`Store::write`], not the engine's own calls.
impl std::ops::Deref for Store {
    type Target = dyn Engine;

    fn deref(&self) -> &(dyn Engine + 'static) {
        &*self.engine
    }
}

/// Rolls the open transaction back when dropped: on an early return or a panic.
struct RollbackUnlessDone<'a>(&'a dyn Engine);

impl Drop for RollbackUnlessDone<'_> {
    fn drop(&mut self) {
        self.0.rollback();
    }
}

/// Creates a directory readable only by its owner (0700): it holds merchants' data.
/// Only directories treevu creates are given that mode; an existing one (say the
/// user's HOME, or /tmp, when `--db` points there) is left as it is.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir).map_err(|cause| StoreError::CreateDir {
        path: dir.to_path_buf(),
        cause,
    })
}

/// Creates the database file readable only by its owner (0600) if it does not
/// exist yet; SQLite gives its `-wal` and `-shm` files the same mode.
fn create_private_file(path: &Path) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    match o.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(cause) => Err(StoreError::NotWritable {
            path: path.to_path_buf(),
            cause,
        }),
    }
}

/// Why `path` cannot be written, when the OS says so.
fn write_problem(path: &Path) -> Option<std::io::Error> {
    std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .err()
        .filter(|e| e.kind() != std::io::ErrorKind::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn new_database_and_directory_are_private_and_existing_directories_are_left_alone() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let home = tempfile::tempdir().unwrap();
        std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        // --db in an existing directory: the directory keeps its mode.
        let store = Store::open(&home.path().join("treevu.db")).unwrap();
        drop(store);
        assert_eq!(
            mode(home.path()),
            0o755,
            "an existing directory is not chmodded"
        );
        assert_eq!(mode(&home.path().join("treevu.db")), 0o600);
        for side in ["treevu.db-wal", "treevu.db-shm"] {
            let p = home.path().join(side);
            if p.exists() {
                assert_eq!(mode(&p), 0o600, "{side}");
            }
        }
        // A directory treevu creates is 0700, all the way down.
        let deep = home.path().join("a/b/treevu.db");
        let store = Store::open(&deep).unwrap();
        assert_eq!(mode(&home.path().join("a")), 0o700);
        assert_eq!(mode(&home.path().join("a/b")), 0o700);
        assert_eq!(mode(&deep), 0o600);
        drop(store);
    }

    #[test]
    fn migrates_an_empty_file_to_the_current_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/treevu.db");
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let mode: String = store
            .conn()
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = store
            .conn()
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let tables: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('accounts','listings','price_history','engagement_snapshots','sync_runs','quarantine','market_pool')", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tables, 7);
        drop(store);
        // Reopening is a no-op.
        assert_eq!(
            Store::open(&path).unwrap().schema_version().unwrap(),
            SCHEMA_VERSION
        );
    }

    #[test]
    fn tables_names_every_table_of_the_sqlite_schema() {
        let store = Store::open_in_memory().unwrap();
        let mut found: Vec<String> = store
            .conn()
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'market_pool_fts%'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        found.sort();
        let mut known: Vec<String> = TABLES.iter().map(|t| t.to_string()).collect();
        known.sort();
        assert_eq!(
            found, known,
            "a table added by a migration belongs in TABLES"
        );
    }

    #[test]
    fn upgrades_a_version_1_file_keeping_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0].sqlite).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
            conn.execute(
                "INSERT INTO market_pool (id, kind, source, price_minor, currency, imported_at) VALUES ('k', 'vehicle', 't', 5, 'USD', 'x')",
                [],
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let kept: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM market_pool", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, 1);
        let cache: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'model_cache'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(cache, 1);
    }

    #[test]
    fn a_version_4_pool_keyed_by_id_is_rekeyed_by_kind_and_id_keeping_every_row() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v4.db");
        {
            let conn = Connection::open(&path).unwrap();
            for m in &MIGRATIONS[..4] {
                conn.execute_batch(m.sqlite).unwrap();
            }
            conn.pragma_update(None, "user_version", 4).unwrap();
            conn.execute_batch(
                "INSERT INTO market_pool (id, kind, source, title, price_minor, currency, district, imported_at) \
                 VALUES ('7', 'property', 'urbania', 'Casa con vista al mar', 50000000, 'PEN', 'Barranco', 'x'); \
                 INSERT INTO market_pool (id, kind, source, title, price_minor, currency, brand, imported_at) \
                 VALUES ('inmuebles24:9', 'property', 'inmuebles24', 'Depa', 40000000, 'PEN', NULL, 'x'), \
                 ('autofact:AF-1', 'vehicle', 'autofact', 'Kia Rio', 1500000, 'USD', 'Kia', 'x');",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let rows: Vec<(String, String, String)> = store
            .conn()
            .prepare("SELECT kind, id, origin FROM market_pool ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                ("property".into(), "7".into(), "import".into()),
                ("vehicle".into(), "autofact:AF-1".into(), "market".into()),
                ("property".into(), "inmuebles24:9".into(), "market".into()),
            ]
        );
        // The text index still finds the old row, and a vehicle may now reuse its id.
        let found: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM market_pool_fts WHERE market_pool_fts MATCH 'vista'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(found, 1);
        store
            .conn()
            .execute(
                "INSERT INTO market_pool (id, kind, source, price_minor, currency, imported_at) \
                 VALUES ('7', 'vehicle', 't', 900000, 'USD', 'y')",
                [],
            )
            .unwrap();
        let district: String = store
            .conn()
            .query_row(
                "SELECT district FROM market_pool WHERE kind = 'property' AND id = '7'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(district, "Barranco", "the property is still a property");
    }

    #[test]
    fn refuses_a_newer_schema_without_touching_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("treevu.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
                .unwrap();
        }
        let err = Store::open(&path)
            .err()
            .expect("newer schema must be refused");
        let msg = err.to_string();
        assert!(
            msg.contains("99") && msg.contains("upgrade treevu"),
            "{msg}"
        );
        let conn = Connection::open(&path).unwrap();
        let v: u32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 99);
        let listings: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'listings'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(listings, 0, "nothing was created in the newer database");
    }

    #[test]
    fn money_round_trips_exactly() {
        use crate::domain::{Currency, Money};
        let store = Store::open_in_memory().unwrap();
        let amounts = ["937440000.00", "0.01", "18900.50", "1234567.89", "2700"];
        for (i, text) in amounts.iter().enumerate() {
            let m = Money::parse_major(text, Currency::PEN).unwrap();
            store
                .conn()
                .execute(
                    "INSERT INTO market_pool (id, kind, source, price_minor, currency, imported_at) VALUES (?1, 'property', 'test', ?2, ?3, '2026-01-01')",
                    rusqlite::params![format!("m{i}"), m.minor, m.currency.code()],
                )
                .unwrap();
            let (minor, cur): (i64, String) = store
                .conn()
                .query_row(
                    "SELECT price_minor, currency FROM market_pool WHERE id = ?1",
                    [format!("m{i}")],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            let back = Money::from_minor(minor, cur.parse().unwrap());
            assert_eq!(back, m);
            assert_eq!(
                Money::parse_major(&back.decimal_string(), Currency::PEN).unwrap(),
                m
            );
        }
    }

    #[test]
    fn market_pool_has_full_text_search() {
        let store = Store::open_in_memory().unwrap();
        store
            .conn()
            .execute(
                "INSERT INTO market_pool (id, kind, source, title, price_minor, currency, imported_at) VALUES ('a', 'property', 't', 'Departamento de estreno con vista al mar', 1, 'PEN', 'x')",
                [],
            )
            .unwrap();
        let n: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM market_pool_fts WHERE market_pool_fts MATCH 'vista AND mar'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1);
    }
}
