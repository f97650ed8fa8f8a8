//! `treevu twins link`: two listings are one item, at the merchant's word.

use clap::Args;
use serde_json::json;

use crate::context::Context;
use crate::domain::ListingRef;
use crate::domain::time::timestamp;

#[derive(Debug, Args)]
pub struct LinkArgs {
    /// One listing, as <marketplace>:<id> (see 'treevu listings')
    pub a: ListingRef,
    /// Its twin on another marketplace
    pub b: ListingRef,
}

pub fn run(args: LinkArgs, ctx: &Context) -> anyhow::Result<u8> {
    let store = ctx.open_store()?;
    let new = crate::twins::link(&store, &args.a, &args.b, &timestamp(chrono::Utc::now()))?;
    let id = if new {
        "twins-linked"
    } else {
        "twins-already-linked"
    };
    ctx.printer.say(
        &crate::msg!(
            "twins-linked",
            a = args.a.to_string(),
            b = args.b.to_string()
        )
        .rename(id),
    );
    if ctx.printer.is_json() {
        ctx.printer.json(&json!({
            "a": args.a.to_string(), "b": args.b.to_string(), "linked": true, "new": new
        }))?;
    }
    Ok(crate::exit::OK)
}
