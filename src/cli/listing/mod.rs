//! `treevu listing update|create|remove`: changes sent to a marketplace.
//! The core (`crate::writeback`) plans, validates and sends; this module asks
//! for confirmation, shows what changes and prints the marketplace's answer.

use std::io::{BufRead, IsTerminal, Write};

use clap::Subcommand;
use serde_json::{Value, json};

use crate::context::Context;
use crate::domain::{ListingRef, Marketplace};
use crate::i18n::{Lang, Localized, Msg};
use crate::marketplaces::MarketplaceClient;
use crate::msg;
use crate::writeback::PlannedRequest;

mod create;
mod remove;
mod update;

#[derive(Debug, Subcommand)]
pub enum ListingCommand {
    /// Change a listing's price, title, description or status at its marketplace (PUT)
    Update(update::UpdateArgs),
    /// Publish a new listing from a JSON file in the marketplace's shape (POST)
    Create(create::CreateArgs),
    /// Take a listing down (DELETE on OLX; status 'removed' on Inmuebles24 and Autofact)
    Remove(remove::RemoveArgs),
}

pub fn run(cmd: ListingCommand, ctx: &Context) -> anyhow::Result<u8> {
    match cmd {
        ListingCommand::Update(args) => update::run(args, ctx),
        ListingCommand::Create(args) => create::run(args, ctx),
        ListingCommand::Remove(args) => remove::run(args, ctx),
    }
}

/// Exactly one listing id from an argument (or `-`: the first line of stdin).
fn one_listing(arg: &str) -> anyhow::Result<ListingRef> {
    let mut refs = super::ids::read_listing_refs(&[arg.to_string()])?;
    match refs.len() {
        1 => Ok(refs.remove(0)),
        0 => Err(Localized::usage(Msg::new("listing-no-id-on-stdin"))),
        n => Err(Localized::usage(msg!("listing-one-at-a-time", count = n))),
    }
}

/// A client for `m` that logs requests with `--verbose`.
pub(crate) fn client(ctx: &Context, m: Marketplace) -> anyhow::Result<MarketplaceClient> {
    let logger = super::progress::request_logger(&ctx.printer);
    Ok(MarketplaceClient::build(
        m,
        &ctx.endpoint(m)?,
        ctx.token_source(m)?,
        logger,
    )?)
}

/// Asks on the terminal before a change leaves the machine. Without a terminal
/// there is nobody to ask: refuse (exit 2) rather than guess, unless `--yes`.
pub(crate) fn confirm(ctx: &Context, question: &str, yes: bool) -> anyhow::Result<bool> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Localized::usage(Msg::new("confirm-no-terminal")));
    }
    let loc = &ctx.printer.loc;
    let mut err = std::io::stderr().lock();
    write!(
        err,
        "{} {} ",
        crate::output::terminal_safe(question),
        loc.get("confirm-choices")
    )?;
    err.flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(accepts(loc.lang(), &answer))
}

/// Whether `answer` says yes in `lang`: Spanish takes s, si, sí and the
/// English y, yes (a merchant's fingers know both); English only y, yes.
/// Anything else, the empty line included, is the default no.
fn accepts(lang: Lang, answer: &str) -> bool {
    let a = answer.trim().to_lowercase();
    match lang {
        Lang::En => matches!(a.as_str(), "y" | "yes"),
        Lang::Es => matches!(a.as_str(), "s" | "si" | "sí" | "y" | "yes"),
    }
}

/// What `--dry-run` prints: the request as it would go out (never headers).
pub(crate) fn print_planned(ctx: &Context, plan: &PlannedRequest) -> anyhow::Result<()> {
    // The configured base (no credential lookup: a dry run sends nothing, not even to the sandbox).
    let base = ctx.settings.endpoint(plan.marketplace).api_base.clone();
    let base_path = url::Url::parse(&base)
        .map(|u| u.path().trim_end_matches('/').to_string())
        .unwrap_or_default();
    let full_path = format!("{base_path}{}", plan.path);
    let doc = json!({
        "dryRun": true,
        "marketplace": plan.marketplace,
        "method": plan.method,
        "path": full_path,
        "url": format!("{}{}", base.trim_end_matches('/'), plan.path),
        "body": plan.body,
    });
    if ctx.printer.is_json() {
        ctx.printer.json(&doc)?;
    } else {
        ctx.printer.line(format!(
            "{} {}",
            plan.method,
            doc["url"].as_str().unwrap_or_default()
        ))?;
        if let Some(body) = &plan.body {
            ctx.printer.line(serde_json::to_string_pretty(body)?)?;
        }
    }
    ctx.printer.say(&Msg::new("dry-run-nothing-sent"));
    Ok(())
}

/// A changed listing: JSON as a document with the marketplace's answer, other formats as a listings row.
fn print_result(ctx: &Context, doc: Value, listing: Value) -> anyhow::Result<()> {
    if ctx.printer.is_json() {
        ctx.printer.json(&doc)?;
    } else {
        ctx.printer.records(super::listings::COLUMNS, &[listing])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_is_the_languages_word_and_anything_else_is_no() {
        for yes in ["s", "si", "sí", "SÍ", " Si \n", "y", "yes", "Y"] {
            assert!(accepts(Lang::Es, yes), "{yes:?} in Spanish");
        }
        for yes in ["y", "yes", "YES", " y\n"] {
            assert!(accepts(Lang::En, yes), "{yes:?} in English");
        }
        for no in ["s", "si", "sí"] {
            assert!(!accepts(Lang::En, no), "{no:?} is not yes in English");
        }
        for no in ["", "\n", "n", "no", "sip", "yes!", "ye", "sí sí", "ok", "1"] {
            assert!(!accepts(Lang::Es, no), "{no:?} in Spanish");
            assert!(!accepts(Lang::En, no), "{no:?} in English");
        }
    }
}
