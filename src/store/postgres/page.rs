//! [`PageWrite`] on PostgreSQL: the same steps as SQLite's, row by row in
//! one transaction, with the merchant in every statement.

use postgres::Client;
use postgres::types::ToSql;

use crate::store::listings::{COLUMNS, Cell, Compared, Upsert, classify, record_cells};
use crate::store::page::{PageItem, PageOutcome, PageWrite};

type Params<'a> = Vec<Box<dyn ToSql + Sync + 'a>>;

fn params<'a>(cells: Vec<Cell<'a>>) -> Params<'a> {
    cells
        .into_iter()
        .map(|c| -> Box<dyn ToSql + Sync + 'a> {
            match c {
                Cell::Text(v) => Box::new(v),
                Cell::Int(v) => Box::new(v),
                Cell::Real(v) => Box::new(v),
            }
        })
        .collect()
}

fn refs<'a>(p: &'a Params<'_>) -> Vec<&'a (dyn ToSql + Sync)> {
    p.iter().map(|b| &**b as &(dyn ToSql + Sync)).collect()
}

pub(super) fn write(
    c: &mut Client,
    merchant: i64,
    page: &PageWrite<'_>,
) -> Result<PageOutcome, postgres::Error> {
    let m = page.marketplace.as_str();
    let numbered = |from: usize, n: usize| -> String {
        (from..from + n)
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let columns = COLUMNS.split(", ").count();
    let insert = format!(
        "INSERT INTO listings (merchant_id, {COLUMNS}, first_seen_at, last_seen_at) VALUES ($1, {}, ${}) RETURNING id",
        numbered(2, columns + 1),
        columns + 2
    );
    // The record's cells are $2.. in COLUMNS order; marketplace and remote_id
    // ($2, $3) name the row beside its id (and every parameter must appear for
    // the server to type it); a record without a last contact keeps the stored one.
    let sets: Vec<String> = COLUMNS
        .split(", ")
        .enumerate()
        .skip(2)
        .map(|(j, col)| match col {
            "last_contact_at" => format!("{col} = COALESCE(${}, {col})", j + 2),
            _ => format!("{col} = ${}", j + 2),
        })
        .collect();
    let update = format!(
        "UPDATE listings SET {}, last_seen_at = ${}, removed_at = NULL \
         WHERE id = $1 AND marketplace = $2 AND remote_id = $3",
        sets.join(", "),
        columns + 2
    );
    let mut upserts = Vec::new();
    for item in page.items {
        match item {
            PageItem::Good(rec) => {
                let old = c.query_opt(
                    "SELECT id, price_minor, currency, views, contacts, favorites, raw, removed_at FROM listings \
                     WHERE merchant_id = $1 AND marketplace = $2 AND remote_id = $3 FOR UPDATE",
                    &[&merchant, &m, &rec.remote_id],
                )?;
                let p = params(record_cells(rec, page.now));
                let (id, outcome) = match old {
                    None => {
                        let mut args: Params<'_> = vec![Box::new(merchant)];
                        args.extend(p);
                        let id: i64 = c.query_one(&insert, &refs(&args))?.get(0);
                        (id, Upsert::New)
                    }
                    Some(row) => {
                        let id: i64 = row.get(0);
                        let (currency, raw): (String, String) = (row.get(2), row.get(6));
                        let outcome = classify(
                            &Compared {
                                minor: row.get(1),
                                currency: &currency,
                                views: row.get(3),
                                contacts: row.get(4),
                                favorites: row.get(5),
                                raw: &raw,
                                removed: row.get::<_, Option<String>>(7).is_some(),
                            },
                            rec,
                        );
                        // $1 is the row's id; the record's cells follow as in the insert.
                        let mut args: Params<'_> = vec![Box::new(id)];
                        args.extend(p);
                        c.execute(&update, &refs(&args))?;
                        (id, outcome)
                    }
                };
                let (price, engagement) = match outcome {
                    Upsert::New => (true, true),
                    Upsert::Updated {
                        price_changed,
                        engagement_changed,
                        ..
                    } => (price_changed, engagement_changed),
                    Upsert::Unchanged => (false, false),
                };
                if price {
                    c.execute(
                        "INSERT INTO price_history (listing_id, price_minor, currency, observed_at, source) \
                         VALUES ($1, $2, $3, $4, 'sync')",
                        &[&id, &rec.price.minor, &rec.price.currency.code(), &page.now],
                    )?;
                }
                if engagement {
                    c.execute(
                        "INSERT INTO engagement_snapshots (listing_id, observed_at, views, contacts, favorites) \
                         VALUES ($1, $2, $3, $4, $5)",
                        &[
                            &id,
                            &page.now,
                            &(rec.views as i64),
                            &(rec.contacts as i64),
                            &(rec.favorites as i64),
                        ],
                    )?;
                }
                c.execute(
                    "DELETE FROM quarantine WHERE merchant_id = $1 AND marketplace = $2 AND remote_id = $3",
                    &[&merchant, &m, &rec.remote_id],
                )?;
                upserts.push(outcome);
            }
            PageItem::Bad(bad) => {
                if bad.had_id {
                    c.execute(
                        "UPDATE listings SET last_seen_at = $4 WHERE merchant_id = $1 AND marketplace = $2 AND remote_id = $3",
                        &[&merchant, &m, &bad.remote_id, &page.now],
                    )?;
                }
                c.execute(
                    "INSERT INTO quarantine (merchant_id, marketplace, remote_id, reason, payload, first_seen_at, last_seen_at, run_id) \
                     VALUES ($1, $2, $3, $4, $5, $6, $6, $7) ON CONFLICT (merchant_id, marketplace, remote_id) DO UPDATE SET \
                     reason = $4, payload = $5, last_seen_at = $6, run_id = $7",
                    &[&merchant, &m, &bad.remote_id, &bad.reason, &bad.payload, &page.now, &page.run_id],
                )?;
            }
        }
    }
    c.execute(
        "INSERT INTO sync_state (merchant_id, marketplace, checkpoint) VALUES ($1, $2, $3) \
         ON CONFLICT (merchant_id, marketplace) DO UPDATE SET checkpoint = $3",
        &[&merchant, &m, &page.checkpoint],
    )?;
    let outcome = page.tally(upserts);
    let n = |v: u64| v as i64;
    let k = &outcome.counts;
    c.execute(
        "UPDATE sync_runs SET fetched = $3, new = $4, updated = $5, unchanged = $6, quarantined = $7 \
         WHERE merchant_id = $1 AND id = $2",
        &[
            &merchant,
            &page.run_id,
            &n(k.fetched),
            &n(k.new),
            &n(k.updated),
            &n(k.unchanged),
            &n(k.quarantined),
        ],
    )?;
    Ok(outcome)
}
