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

/// An account of `merchant` on `marketplace` as `connect` stores one (its
/// credential comes from the harness's environment tokens), due at once.
pub fn seed_account(url: &str, merchant: &str, marketplace: &str) {
    let mut c = connect(url);
    c.execute(
        "INSERT INTO accounts (merchant_id, marketplace, remote_user_id, connected_at, secret_store, secret_ref) \
         SELECT id, $2, '', '2026-01-01T00:00:00Z', 'env', $2 FROM merchants WHERE name = $1",
        &[&merchant, &marketplace],
    )
    .unwrap();
    c.execute(
        "INSERT INTO sync_schedule (merchant_id, marketplace) SELECT id, $2 FROM merchants WHERE name = $1",
        &[&merchant, &marketplace],
    )
    .unwrap();
}

/// `merchant`'s finished runs on `marketplace` by outcome, e.g. `[("ok", 1)]`.
pub fn runs(url: &str, merchant: &str, marketplace: &str) -> Vec<(String, i64)> {
    connect(url)
        .query(
            "SELECT r.outcome, count(*) FROM sync_runs r JOIN merchants m ON m.id = r.merchant_id \
             WHERE m.name = $1 AND r.marketplace = $2 GROUP BY r.outcome ORDER BY r.outcome",
            &[&merchant, &marketplace],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect()
}

/// How many accounts of the database a worker holds a lease on.
pub fn leases_held(url: &str) -> i64 {
    connect(url)
        .query_one(
            "SELECT count(*) FROM sync_schedule WHERE lease_owner IS NOT NULL",
            &[],
        )
        .unwrap()
        .get(0)
}

/// `merchant`'s runs on `marketplace` in the order they started: outcome and
/// listings fetched.
pub fn run_log(url: &str, merchant: &str, marketplace: &str) -> Vec<(String, i64)> {
    connect(url)
        .query(
            "SELECT r.outcome, r.fetched FROM sync_runs r JOIN merchants m ON m.id = r.merchant_id \
             WHERE m.name = $1 AND r.marketplace = $2 ORDER BY r.id",
            &[&merchant, &marketplace],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect()
}

/// Whether `merchant`'s account on `marketplace` is due now by the server's clock.
pub fn due_now(url: &str, merchant: &str, marketplace: &str) -> bool {
    connect(url)
        .query_one(
            "SELECT s.next_due_at <= now() FROM sync_schedule s JOIN merchants m ON m.id = s.merchant_id \
             WHERE m.name = $1 AND s.marketplace = $2",
            &[&merchant, &marketplace],
        )
        .unwrap()
        .get(0)
}

/// Copies the market pool of the SQLite profile at `sqlite` into `merchant`'s
/// (a sync on PostgreSQL does not feed one yet): each row as SQLite quotes its
/// values, so both stores price against the same comparables.
pub fn copy_pool(url: &str, merchant: &str, sqlite: &rusqlite::Connection) -> usize {
    let columns = "kind, id, origin, source, title, price_minor, currency, operation, property_type, area_m2, \
                   bedrooms, bathrooms, parking, maintenance_pen, city, zone, district, address, brand, model, year, \
                   mileage_km, condition, transmission, fuel_type, body_type, drivetrain, engine_l, days_listed, photos, \
                   listed_on, url, imported_at, match_key, duplicate_of";
    let quoted = columns
        .split(", ")
        .map(|c| format!("quote({})", c.trim()))
        .collect::<Vec<_>>()
        .join(" || ', ' || ");
    let values: Vec<String> = sqlite
        .prepare(&format!("SELECT {quoted} FROM market_pool ORDER BY rowid"))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut c = connect(url);
    // INSERT … VALUES: each quoted literal takes its column's type.
    let merchant_id = "(SELECT id FROM merchants WHERE name = $1)";
    let insert = format!(
        "INSERT INTO market_pool (merchant_id, {columns}) VALUES {}",
        values
            .iter()
            .map(|v| format!("({merchant_id}, {v})"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    c.execute(&insert, &[&merchant]).unwrap() as usize
}
