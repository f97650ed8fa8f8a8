//! [`PageWrite`] on PostgreSQL: the same steps as SQLite's in one
//! transaction, with the merchant in every statement. A page's listings are
//! read, inserted and updated a statement per step for the whole page
//! (`unnest` of one array per column), not a round trip per listing: on a
//! server, round trips are the cost. A page naming one listing twice is
//! stored row by row, in order, so the second sees the first as SQLite does.

use std::collections::{HashMap, HashSet};

use postgres::Client;
use postgres::types::ToSql;

use crate::store::listings::ListingRecord;
use crate::store::listings::{COLUMNS, Cell, Compared, Upsert, classify, record_cells};
use crate::store::page::{BadRecord, PageItem, PageOutcome, PageWrite};

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
    let mut seen = HashSet::new();
    let repeated = !page.items.iter().all(|item| {
        seen.insert(match item {
            PageItem::Good(rec) => rec.remote_id.as_str(),
            PageItem::Bad(bad) => bad.remote_id,
        })
    });
    let upserts = if repeated {
        write_rows(c, merchant, page)?
    } else {
        let upserts = write_batched(c, merchant, page)?;
        for item in page.items {
            if let PageItem::Bad(bad) = item {
                quarantine(c, merchant, page, bad)?;
            }
        }
        upserts
    };
    let m = page.marketplace.as_str();
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

/// Sets a malformed record aside (and marks its listing seen, when it named one).
fn quarantine(
    c: &mut Client,
    merchant: i64,
    page: &PageWrite<'_>,
    bad: &BadRecord<'_>,
) -> Result<(), postgres::Error> {
    let m = page.marketplace.as_str();
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
    Ok(())
}

/// Whether a listing's price and its engagement get a history row.
fn history(outcome: Upsert) -> (bool, bool) {
    match outcome {
        Upsert::New => (true, true),
        Upsert::Updated {
            price_changed,
            engagement_changed,
            ..
        } => (price_changed, engagement_changed),
        Upsert::Unchanged => (false, false),
    }
}

/// One column of a page's cells as an array parameter, typed for the server.
enum Array<'a> {
    Text(Vec<Option<&'a str>>),
    Int(Vec<Option<i64>>),
    Real(Vec<Option<f64>>),
}

impl<'a> Array<'a> {
    fn of(first: &Cell<'a>) -> Array<'a> {
        match first {
            Cell::Text(_) => Array::Text(Vec::new()),
            Cell::Int(_) => Array::Int(Vec::new()),
            Cell::Real(_) => Array::Real(Vec::new()),
        }
    }

    fn push(&mut self, cell: Cell<'a>) {
        match (self, cell) {
            (Array::Text(v), Cell::Text(x)) => v.push(x),
            (Array::Int(v), Cell::Int(x)) => v.push(x),
            (Array::Real(v), Cell::Real(x)) => v.push(x),
            // record_cells gives every column one type.
            _ => unreachable!("a column's cells share one type"),
        }
    }

    fn cast(&self) -> &'static str {
        match self {
            Array::Text(_) => "text[]",
            Array::Int(_) => "bigint[]",
            Array::Real(_) => "float8[]",
        }
    }

    fn param(&self) -> &(dyn ToSql + Sync) {
        match self {
            Array::Text(v) => v,
            Array::Int(v) => v,
            Array::Real(v) => v,
        }
    }
}

/// Columns `cols` of COLUMNS over `recs`, one array each.
fn arrays<'a>(
    recs: &[&'a ListingRecord],
    now: &'a str,
    cols: std::ops::Range<usize>,
) -> Vec<Array<'a>> {
    let mut out: Vec<Array<'a>> = Vec::new();
    for rec in recs {
        let cells = record_cells(rec, now);
        for (j, cell) in cells
            .into_iter()
            .enumerate()
            .skip(cols.start)
            .take(cols.len())
        {
            let k = j - cols.start;
            if out.len() == k {
                out.push(Array::of(&cell));
            }
            out[k].push(cell);
        }
    }
    out
}

/// `unnest($from::t[], …) AS u(names…)` over `arrays`, numbered from `$from`.
fn unnest(arrays: &[Array<'_>], names: &[&str], from: usize) -> String {
    let args: Vec<String> = arrays
        .iter()
        .enumerate()
        .map(|(i, a)| format!("${}::{}", from + i, a.cast()))
        .collect();
    format!("unnest({}) AS u({})", args.join(", "), names.join(", "))
}

/// The page's good records a statement per step: the stored rows read, the
/// new ones inserted, the known ones updated, their history appended.
fn write_batched(
    c: &mut Client,
    merchant: i64,
    page: &PageWrite<'_>,
) -> Result<Vec<Upsert>, postgres::Error> {
    let m = page.marketplace.as_str();
    let goods: Vec<&ListingRecord> = page
        .items
        .iter()
        .filter_map(|i| match i {
            PageItem::Good(rec) => Some(*rec),
            PageItem::Bad(_) => None,
        })
        .collect();
    if goods.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<&str> = goods.iter().map(|r| r.remote_id.as_str()).collect();
    let mut stored: HashMap<String, (i64, Upsert)> = HashMap::new();
    for row in c.query(
        "SELECT remote_id, id, price_minor, currency, views, contacts, favorites, raw, removed_at FROM listings \
         WHERE merchant_id = $1 AND marketplace = $2 AND remote_id = ANY($3) FOR UPDATE",
        &[&merchant, &m, &ids],
    )? {
        let remote_id: String = row.get(0);
        let Some(rec) = goods.iter().find(|r| r.remote_id == remote_id) else {
            continue;
        };
        let (currency, raw): (String, String) = (row.get(3), row.get(7));
        let outcome = classify(
            &Compared {
                minor: row.get(2),
                currency: &currency,
                views: row.get(4),
                contacts: row.get(5),
                favorites: row.get(6),
                raw: &raw,
                removed: row.get::<_, Option<String>>(8).is_some(),
            },
            rec,
        );
        stored.insert(remote_id, (row.get(1), outcome));
    }
    let names: Vec<&str> = COLUMNS.split(", ").collect();
    let fresh: Vec<&ListingRecord> = goods
        .iter()
        .copied()
        .filter(|r| !stored.contains_key(&r.remote_id))
        .collect();
    if !fresh.is_empty() {
        let cols = arrays(&fresh, page.now, 0..names.len());
        let selected: Vec<String> = names.iter().map(|n| format!("u.{n}")).collect();
        let sql = format!(
            "INSERT INTO listings (merchant_id, {COLUMNS}, first_seen_at, last_seen_at) \
             SELECT $1, {}, $2, $2 FROM {} RETURNING remote_id, id",
            selected.join(", "),
            unnest(&cols, &names, 3)
        );
        let mut args: Vec<&(dyn ToSql + Sync)> = vec![&merchant, &page.now];
        args.extend(cols.iter().map(Array::param));
        for row in c.query(&sql, &args)? {
            stored.insert(row.get(0), (row.get(1), Upsert::New));
        }
    }
    let known: Vec<&ListingRecord> = goods
        .iter()
        .copied()
        .filter(|r| matches!(stored.get(&r.remote_id), Some((_, o)) if *o != Upsert::New))
        .collect();
    if !known.is_empty() {
        // marketplace and remote_id name the row; the rest is the record's.
        let cols = arrays(&known, page.now, 2..names.len());
        let row_ids: Vec<i64> = known.iter().map(|r| stored[&r.remote_id].0).collect();
        let sets: Vec<String> = names[2..]
            .iter()
            .map(|col| match *col {
                // A record without a last contact keeps the stored one.
                "last_contact_at" => format!("{col} = COALESCE(u.{col}, l.{col})"),
                _ => format!("{col} = u.{col}"),
            })
            .collect();
        let mut all_names = vec!["row_id"];
        all_names.extend_from_slice(&names[2..]);
        let mut typed = vec![Array::Int(row_ids.into_iter().map(Some).collect())];
        typed.extend(cols);
        let sql = format!(
            "UPDATE listings l SET {}, last_seen_at = $2, removed_at = NULL FROM {} \
             WHERE l.merchant_id = $1 AND l.id = u.row_id",
            sets.join(", "),
            unnest(&typed, &all_names, 3)
        );
        let mut args: Vec<&(dyn ToSql + Sync)> = vec![&merchant, &page.now];
        args.extend(typed.iter().map(Array::param));
        c.execute(&sql, &args)?;
    }
    let upserts: Vec<Upsert> = goods.iter().map(|r| stored[&r.remote_id].1).collect();
    let (mut price_ids, mut minors, mut currencies) = (Vec::new(), Vec::new(), Vec::new());
    let (mut eng_ids, mut views, mut contacts, mut favorites) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (rec, outcome) in goods.iter().zip(&upserts) {
        let id = stored[&rec.remote_id].0;
        let (price, engagement) = history(*outcome);
        if price {
            price_ids.push(id);
            minors.push(rec.price.minor);
            currencies.push(rec.price.currency.code());
        }
        if engagement {
            eng_ids.push(id);
            views.push(rec.views as i64);
            contacts.push(rec.contacts as i64);
            favorites.push(rec.favorites as i64);
        }
    }
    if !price_ids.is_empty() {
        c.execute(
            "INSERT INTO price_history (listing_id, price_minor, currency, observed_at, source) \
             SELECT u.id, u.minor, u.currency, $1, 'sync' FROM unnest($2::bigint[], $3::bigint[], $4::text[]) AS u(id, minor, currency)",
            &[&page.now, &price_ids, &minors, &currencies],
        )?;
    }
    if !eng_ids.is_empty() {
        c.execute(
            "INSERT INTO engagement_snapshots (listing_id, observed_at, views, contacts, favorites) \
             SELECT u.id, $1, u.views, u.contacts, u.favorites \
             FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[]) AS u(id, views, contacts, favorites)",
            &[&page.now, &eng_ids, &views, &contacts, &favorites],
        )?;
    }
    c.execute(
        "DELETE FROM quarantine WHERE merchant_id = $1 AND marketplace = $2 AND remote_id = ANY($3)",
        &[&merchant, &m, &ids],
    )?;
    Ok(upserts)
}

/// The page's records one at a time, in order (a page naming a listing twice).
fn write_rows(
    c: &mut Client,
    merchant: i64,
    page: &PageWrite<'_>,
) -> Result<Vec<Upsert>, postgres::Error> {
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
                let (price, engagement) = history(outcome);
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
            PageItem::Bad(bad) => quarantine(c, merchant, page, bad)?,
        }
    }
    Ok(upserts)
}
