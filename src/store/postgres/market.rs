//! Leads, conversations and the market-data follow-ups of a sync on
//! PostgreSQL, with the merchant in every statement.

use std::collections::HashMap;

use postgres::{Client, Error, Row, Statement};

use crate::marketplaces::types::{Inmuebles24Lead, OlxConversation};
use crate::store::market::{
    FeedState, MerchantModel, MerchantSegment, StoredConversation, StoredLead,
};

/// Runs `sql`, prepared once, for each item; the rows it changed.
fn each<T>(
    c: &mut Client,
    sql: &str,
    items: &[T],
    run: impl Fn(&mut Client, &Statement, &T) -> Result<u64, Error>,
) -> Result<u64, Error> {
    let statement = c.prepare(sql)?;
    items
        .iter()
        .try_fold(0, |n, item| Ok(n + run(c, &statement, item)?))
}

pub(super) fn upsert_leads(
    c: &mut Client,
    merchant: i64,
    leads: &[Inmuebles24Lead],
    now: &str,
) -> Result<u64, Error> {
    let sql = "INSERT INTO leads (merchant_id, marketplace, remote_id, listing_remote_id, name, email, phone, \
               message, created_at, fetched_at) VALUES ($1, 'inmuebles24', $2, $3, $4, $5, $6, $7, $8, $9) \
               ON CONFLICT (merchant_id, marketplace, remote_id) DO NOTHING";
    each(c, sql, leads, |c, st, l| {
        let (who, said) = ((&l.name, &l.email, &l.phone), &l.message);
        c.execute(
            st,
            &[
                &merchant,
                &l.id,
                &l.property_id,
                who.0,
                who.1,
                who.2,
                said,
                &l.created_at,
                &now,
            ],
        )
    })
}

pub(super) fn upsert_conversations(
    c: &mut Client,
    merchant: i64,
    items: &[OlxConversation],
    now: &str,
) -> Result<u64, Error> {
    let sql = "INSERT INTO conversations (merchant_id, marketplace, remote_id, listing_remote_id, buyer_name, \
               last_message, last_message_at, unread, message_count, fetched_at) \
               VALUES ($1, 'olx', $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (merchant_id, marketplace, remote_id) \
               DO UPDATE SET last_message = $5, last_message_at = $6, unread = $7, message_count = $8, fetched_at = $9";
    each(c, sql, items, |c, st, x| {
        let counts = (i64::from(x.unread), i64::from(x.message_count));
        let message = (&x.last_message, &x.last_message_at);
        c.execute(
            st,
            &[
                &merchant,
                &x.id,
                &x.listing_id,
                &x.buyer_name,
                message.0,
                message.1,
                &counts.0,
                &counts.1,
                &now,
            ],
        )
    })
}

/// Rows of `table` (as `x`, with its listing's title fourth) of one
/// marketplace, in `order`; only those of `ids` when any are given.
fn of_listings<T>(
    c: &mut Client,
    (merchant, marketplace, ids): (i64, &str, &[String]),
    (columns, table, order): (&str, &str, &str),
    row: impl Fn(&Row) -> T,
) -> Result<Vec<T>, Error> {
    // The ids are always passed, so the statement's parameters stay the same.
    let only = if ids.is_empty() {
        "cardinality($3::text[]) = 0"
    } else {
        "x.listing_remote_id = ANY($3)"
    };
    let rows = c.query(
        &format!(
            "SELECT {columns} FROM {table} x LEFT JOIN listings l ON l.merchant_id = x.merchant_id \
             AND l.marketplace = x.marketplace AND l.remote_id = x.listing_remote_id \
             WHERE x.merchant_id = $1 AND x.marketplace = $2 AND {only} ORDER BY {order}"
        ),
        &[&merchant, &marketplace, &ids],
    )?;
    Ok(rows.iter().map(row).collect())
}

pub(super) fn leads(
    c: &mut Client,
    merchant: i64,
    marketplace: &str,
    ids: &[String],
) -> Result<Vec<StoredLead>, Error> {
    let columns = "x.marketplace, x.remote_id, x.listing_remote_id, l.title, x.name, x.email, x.phone, \
                   x.message, x.created_at, x.fetched_at";
    let order = "x.created_at DESC, x.remote_id";
    of_listings(
        c,
        (merchant, marketplace, ids),
        (columns, "leads", order),
        |r| StoredLead {
            marketplace: r.get(0),
            remote_id: r.get(1),
            listing_remote_id: r.get(2),
            listing_title: r.get(3),
            name: r.get(4),
            email: r.get(5),
            phone: r.get(6),
            message: r.get(7),
            created_at: r.get(8),
            fetched_at: r.get(9),
        },
    )
}

pub(super) fn conversations(
    c: &mut Client,
    merchant: i64,
    marketplace: &str,
    ids: &[String],
) -> Result<Vec<StoredConversation>, Error> {
    let count = |v: i64| v.clamp(0, u32::MAX as i64) as u32;
    let columns = "x.marketplace, x.remote_id, x.listing_remote_id, l.title, x.buyer_name, x.last_message, \
                   x.last_message_at, x.unread, x.message_count, x.fetched_at";
    let order = "x.last_message_at DESC, x.remote_id";
    let table = (columns, "conversations", order);
    of_listings(c, (merchant, marketplace, ids), table, |r| {
        StoredConversation {
            marketplace: r.get(0),
            remote_id: r.get(1),
            listing_remote_id: r.get(2),
            listing_title: r.get(3),
            buyer_name: r.get(4),
            last_message: r.get(5),
            last_message_at: r.get(6),
            unread: count(r.get(7)),
            message_count: count(r.get(8)),
            fetched_at: r.get(9),
        }
    })
}

/// The merchant's listings grouped by `sql`'s three text columns, with how
/// many each group has (the fourth).
fn grouped<T>(
    c: &mut Client,
    merchant: i64,
    sql: &str,
    make: impl Fn([String; 3], u64) -> T,
) -> Result<Vec<T>, Error> {
    let rows = c.query(sql, &[&merchant])?;
    let n = |r: &Row| r.get::<_, i64>(3).max(0) as u64;
    Ok(rows
        .iter()
        .map(|r| make([r.get(0), r.get(1), r.get(2)], n(r)))
        .collect())
}

pub(super) fn merchant_property_segments(
    c: &mut Client,
    merchant: i64,
) -> Result<Vec<MerchantSegment>, Error> {
    let sql = "SELECT district, coalesce(property_type, 'apartment'), coalesce(operation, 'sale'), count(*) AS n \
               FROM listings WHERE merchant_id = $1 AND marketplace = 'inmuebles24' AND removed_at IS NULL \
               AND district IS NOT NULL GROUP BY 1, 2, 3 ORDER BY n DESC, 1, 2, 3";
    grouped(
        c,
        merchant,
        sql,
        |[district, property_type, operation], listings| MerchantSegment {
            district,
            property_type,
            operation,
            listings,
        },
    )
}

pub(super) fn merchant_vehicle_models(
    c: &mut Client,
    merchant: i64,
) -> Result<Vec<MerchantModel>, Error> {
    let sql = "SELECT brand, coalesce(model, ''), min(remote_id), count(*) AS n FROM listings \
               WHERE merchant_id = $1 AND marketplace = 'autofact' AND removed_at IS NULL AND brand IS NOT NULL \
               GROUP BY brand, model ORDER BY n DESC, 1, 2";
    grouped(c, merchant, sql, |[brand, model, remote_id], listings| {
        MerchantModel {
            brand,
            model,
            remote_id,
            listings,
        }
    })
}

pub(super) fn market_feed_state(
    c: &mut Client,
    merchant: i64,
    marketplace: &str,
) -> Result<HashMap<String, FeedState>, Error> {
    let page = |v: i64| v.clamp(0, u32::MAX as i64) as u32;
    let rows = c.query(
        "SELECT scope, next_page, pages, fetched_at FROM market_feed WHERE merchant_id = $1 AND marketplace = $2",
        &[&merchant, &marketplace],
    )?;
    Ok(rows
        .iter()
        .map(|r| {
            let state = FeedState {
                next_page: page(r.get(1)),
                pages: r.get::<_, Option<i64>>(2).map(page),
                fetched_at: r.get(3),
            };
            (r.get(0), state)
        })
        .collect())
}

pub(super) fn save_market_feed(
    c: &mut Client,
    merchant: i64,
    marketplace: &str,
    scope: &str,
    s: &FeedState,
) -> Result<(), Error> {
    c.execute(
        "INSERT INTO market_feed (merchant_id, marketplace, scope, next_page, pages, fetched_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (merchant_id, marketplace, scope) \
         DO UPDATE SET next_page = $4, pages = $5, fetched_at = $6",
        &[
            &merchant,
            &marketplace,
            &scope,
            &i64::from(s.next_page),
            &s.pages.map(i64::from),
            &s.fetched_at,
        ],
    )?;
    Ok(())
}
