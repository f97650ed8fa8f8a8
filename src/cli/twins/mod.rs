//! `treevu twins`: the items the merchant lists on more than one marketplace,
//! each group with the evidence and score that linked it; `--stats` compares
//! how each twin does. `link`, `unlink` and `policy` are the subcommands.

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use crate::context::Context;
use crate::domain::time::timestamp;
use crate::output::Column;
use crate::store::twins as db;
use crate::twins::{self, Group, detect, listing_ref, stats};

mod link;
mod policy;
mod unlink;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct TwinsArgs {
    #[command(subcommand)]
    pub command: Option<TwinsCommand>,
    /// Compare each item's views, contacts (leads) and favorites per day across its marketplaces
    #[arg(long)]
    pub stats: bool,
}

#[derive(Debug, Subcommand)]
pub enum TwinsCommand {
    /// Link two listings as one item (detection missed them, or they are yours to say)
    Link(link::LinkArgs),
    /// Unlink two listings that are not one item; detection will not link them again
    Unlink(unlink::UnlinkArgs),
    /// Show or set what a sync does when a twin sells: off, ask (print the commands) or auto
    Policy(policy::PolicyArgs),
}

pub fn run(args: TwinsArgs, ctx: &Context) -> anyhow::Result<u8> {
    match args.command {
        Some(TwinsCommand::Link(a)) => link::run(a, ctx),
        Some(TwinsCommand::Unlink(a)) => unlink::run(a, ctx),
        Some(TwinsCommand::Policy(a)) => policy::run(a, ctx),
        None => show(args.stats, ctx),
    }
}

const COLUMNS: &[Column] = &[
    Column::number("group", "Item"),
    Column::text("id", "Listing"),
    Column::text("title", "Title"),
    Column::money("price", "Price", "currency"),
    Column::text("status", "Status"),
    Column::text("link", "Linked by"),
    Column::text("evidence", "Evidence"),
];

pub(crate) const STATS_COLUMNS: &[Column] = &[
    Column::number("group", "Item"),
    Column::text("id", "Listing"),
    Column::number("days", "Days"),
    Column::number("viewsPerDay", "Views/day"),
    Column::number("contactsPerDay", "Contacts/day"),
    Column::number("favoritesPerDay", "Favs/day"),
    Column::text("best", "Best"),
];

fn show(with_stats: bool, ctx: &Context) -> anyhow::Result<u8> {
    let mut store = ctx.open_store()?;
    let now = chrono::Utc::now();
    // Detection is local (the store only): run it so the answer is current.
    let found = detect::refresh(
        &mut store,
        ctx.settings.pricing.pen_per_usd,
        &timestamp(now),
    )?;
    if !found.is_empty() {
        ctx.printer
            .say(&crate::msg!("twins-found", count = found.len()));
    }
    let groups = twins::stored_groups(&store)?;
    if groups.is_empty() && !ctx.printer.is_json() {
        ctx.printer.say(&crate::i18n::Msg::new("twins-none"));
        return Ok(crate::exit::OK);
    }
    if with_stats {
        let s = stats::compare(&groups, now);
        if ctx.printer.is_json() {
            ctx.printer.json(&s)?;
        } else {
            ctx.printer.records(STATS_COLUMNS, &stats_table(&s))?;
        }
        return Ok(crate::exit::OK);
    }
    let open = open_delists(&store)?;
    if ctx.printer.is_json() {
        let doc: Vec<Value> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| group_json(i + 1, g, &open))
            .collect();
        ctx.printer.json(&doc)?;
    } else {
        let rows: Vec<Value> = groups
            .iter()
            .enumerate()
            .flat_map(|(i, g)| group_rows(i + 1, g))
            .collect();
        ctx.printer.records(COLUMNS, &rows)?;
        for (target, d) in &open {
            if let Some((n, g)) = groups
                .iter()
                .enumerate()
                .find(|(_, g)| g.members.iter().any(|m| m.id == *target))
            {
                ctx.printer.say(&crate::msg!(
                    "twins-open-delist",
                    item = n + 1,
                    listing = ref_of(g, *target).to_string(),
                    detail = d.to_string()
                ));
            }
        }
    }
    Ok(crate::exit::OK)
}

/// Open delists by target row id, as one line each.
fn open_delists(store: &crate::store::Store) -> anyhow::Result<Vec<(i64, String)>> {
    Ok(db::delists(store.conn(), &["proposed", "pending"])?
        .into_iter()
        .map(|d| {
            let what = if d.state == "proposed" {
                "waiting for you"
            } else {
                "retried by the next sync"
            };
            (
                d.target,
                format!(
                    "a delist {what} (its twin is {}){}",
                    d.cause_status,
                    d.last_error
                        .map(|e| format!("; last error: {e}"))
                        .unwrap_or_default()
                ),
            )
        })
        .collect())
}

fn link_label(l: &twins::Link) -> String {
    match l.score {
        Some(s) => format!("{} {s:.2}", l.origin.as_str()),
        None => l.origin.as_str().to_string(),
    }
}

/// Evidence as a merchant reads it: `area 85 m² / 86 m²` with the agreement.
fn evidence_text(l: &twins::Link) -> String {
    l.evidence
        .iter()
        .filter(|c| c.field != "district")
        .map(|c| {
            format!(
                "{} {} / {} ({:.0}%)",
                c.field,
                c.a,
                c.b,
                c.agreement * 100.0
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn member_json(l: &crate::store::listings::StoredListing) -> Value {
    json!({
        "id": listing_ref(l).to_string(),
        "marketplace": l.record.marketplace,
        "title": l.record.title,
        "price": l.record.price.major_f64(),
        "currency": l.record.price.currency,
        "status": l.record.status,
        "district": l.record.district,
        "removedAt": l.removed_at,
    })
}

fn ref_of(g: &Group, id: i64) -> String {
    g.members
        .iter()
        .find(|m| m.id == id)
        .map(|m| listing_ref(m).to_string())
        .unwrap_or_default()
}

fn group_json(n: usize, g: &Group, open: &[(i64, String)]) -> Value {
    let score = g
        .links
        .iter()
        .map(|l| l.score.unwrap_or(1.0))
        .fold(1.0_f64, f64::min);
    json!({
        "group": n,
        "kind": g.kind(),
        "score": score,
        "members": g.members.iter().map(member_json).collect::<Vec<_>>(),
        "links": g.links.iter().map(|l| json!({
            "a": ref_of(g, l.a),
            "b": ref_of(g, l.b),
            "origin": l.origin,
            "score": l.score,
            "createdAt": l.created_at,
            "evidence": l.evidence,
        })).collect::<Vec<_>>(),
        "delists": open.iter()
            .filter(|(t, _)| g.members.iter().any(|m| m.id == *t))
            .map(|(t, why)| json!({"target": ref_of(g, *t), "state": why}))
            .collect::<Vec<_>>(),
    })
}

/// One row per twin; each but the first shows the link that joined it.
fn group_rows(n: usize, g: &Group) -> Vec<Value> {
    g.members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut row = member_json(m);
            row["group"] = json!(n);
            let link = (i > 0)
                .then(|| g.links.iter().find(|l| l.a == m.id || l.b == m.id))
                .flatten();
            row["link"] = json!(link.map(link_label).unwrap_or_default());
            row["evidence"] = json!(link.map(evidence_text).unwrap_or_default());
            row
        })
        .collect()
}

/// The `--stats` table (also a section of `treevu report`): one row per twin.
pub(crate) fn stats_table(items: &[stats::ItemStats]) -> Vec<Value> {
    items.iter().flat_map(stats_rows).collect()
}

fn stats_rows(s: &stats::ItemStats) -> Vec<Value> {
    s.twins
        .iter()
        .map(|t| {
            let mut row = serde_json::to_value(t).unwrap_or_default();
            row["group"] = json!(s.group);
            row["best"] = json!(if s.best.as_deref() == Some(t.id.as_str()) {
                match s.best_ratio {
                    Some(r) => format!("best ({r}× the others' contacts)"),
                    None => "best".to_string(),
                }
            } else {
                String::new()
            });
            row
        })
        .collect()
}
