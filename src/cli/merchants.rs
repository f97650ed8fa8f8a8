//! `treevu merchants list|add|remove`: the merchants of a PostgreSQL store.
//! On SQLite a merchant is a profile, one file each: see `treevu profiles`.

use std::io::IsTerminal;

use clap::{Args, Subcommand};
use serde_json::json;

use crate::context::Context;
use crate::exit;
use crate::i18n::{Localized, Msg};
use crate::msg;
use crate::output::Column;
use crate::store::Merchants;

#[derive(Debug, Subcommand)]
pub enum MerchantsCommand {
    /// Every merchant: accounts, last sync, created
    List,
    /// Add a merchant (a name as for profiles: letters, digits, - and _)
    Add(AddArgs),
    /// Delete a merchant and all of its data, after confirmation
    Remove(RemoveArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The merchant's name
    pub name: String,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The merchant's name
    pub name: String,
    /// Do not ask for confirmation
    #[arg(long, short)]
    pub yes: bool,
}

pub fn run(cmd: MerchantsCommand, ctx: &Context) -> anyhow::Result<u8> {
    // Checked before the connection: a bad name never reaches the server.
    if let MerchantsCommand::Add(AddArgs { name })
    | MerchantsCommand::Remove(RemoveArgs { name, .. }) = &cmd
    {
        crate::config::validate_profile(name)?;
    }
    let Some(url) = &ctx.settings.database_url else {
        return Err(Localized::usage(Msg::new("merchants-needs-postgres")));
    };
    let merchants = Merchants::connect(url)?;
    match cmd {
        MerchantsCommand::List => list(&merchants, ctx),
        MerchantsCommand::Add(args) => add(&merchants, &args, ctx),
        MerchantsCommand::Remove(args) => remove(&merchants, &args, ctx),
    }
}

fn list(merchants: &Merchants, ctx: &Context) -> anyhow::Result<u8> {
    let rows: Vec<_> = merchants
        .list_merchants()?
        .into_iter()
        .map(|m| {
            json!({
                "name": m.name,
                "accounts": m.accounts,
                "lastSyncAt": m.last_sync_at,
                "createdAt": m.created_at,
            })
        })
        .collect();
    if rows.is_empty() && !ctx.printer.is_json() {
        ctx.printer.say(&Msg::new("merchants-none"));
        return Ok(exit::OK);
    }
    ctx.printer.records(
        &[
            Column::text("name", "Name"),
            Column::number("accounts", "Accounts"),
            Column::when("lastSyncAt", "Last sync"),
            Column::when("createdAt", "Created"),
        ],
        &rows,
    )?;
    Ok(exit::OK)
}

fn add(merchants: &Merchants, args: &AddArgs, ctx: &Context) -> anyhow::Result<u8> {
    let now = crate::domain::time::timestamp(chrono::Utc::now());
    if !merchants.add_merchant(&args.name, &now)? {
        return Err(Localized::error(msg!(
            "merchants-exists",
            name = &args.name
        )));
    }
    ctx.printer.say(&msg!("merchants-added", name = &args.name));
    if ctx.printer.is_json() {
        ctx.printer
            .json(&json!({"name": args.name, "createdAt": now}))?;
    }
    Ok(exit::OK)
}

fn remove(merchants: &Merchants, args: &RemoveArgs, ctx: &Context) -> anyhow::Result<u8> {
    // Without a terminal there is nobody to ask: refuse (exit 2), naming --yes.
    if !args.yes && !std::io::stdin().is_terminal() {
        return Err(Localized::usage(msg!(
            "merchants-remove-needs-yes",
            name = &args.name
        )));
    }
    let question = ctx
        .printer
        .t(&msg!("merchants-remove-question", name = &args.name));
    if !super::listing::confirm(ctx, &question, args.yes)? {
        ctx.printer.say(&Msg::new("merchants-remove-cancelled"));
        return Ok(exit::ERROR);
    }
    let Some(removed) = merchants.remove_merchant(&args.name)? else {
        return Err(Localized::error(msg!(
            "merchants-unknown",
            name = &args.name
        )));
    };
    let rows: Vec<_> = removed
        .iter()
        .map(|(table, n)| json!({"table": table, "rows": n}))
        .collect();
    ctx.printer.say(&msg!(
        "merchants-removed",
        name = &args.name,
        rows = removed.iter().map(|(_, n)| n).sum::<u64>()
    ));
    if ctx.printer.is_json() {
        ctx.printer
            .json(&json!({"name": args.name, "removed": rows}))?;
    } else {
        ctx.printer.records(
            &[
                Column::text("table", "Table"),
                Column::number("rows", "Rows"),
            ],
            &rows,
        )?;
    }
    Ok(exit::OK)
}
