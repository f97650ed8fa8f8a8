//! `treevu twins unlink`: two listings are not one item; detection leaves them apart.

use clap::Args;
use serde_json::json;

use crate::context::Context;
use crate::domain::ListingRef;
use crate::domain::time::timestamp;

#[derive(Debug, Args)]
pub struct UnlinkArgs {
    /// One listing, as <marketplace>:<id>
    pub a: ListingRef,
    /// The listing it was linked to
    pub b: ListingRef,
}

pub fn run(args: UnlinkArgs, ctx: &Context) -> anyhow::Result<u8> {
    let store = ctx.open_store()?;
    crate::twins::unlink(&store, &args.a, &args.b, &timestamp(chrono::Utc::now()))?;
    ctx.printer.say(&crate::msg!(
        "twins-unlinked",
        a = args.a.to_string(),
        b = args.b.to_string()
    ));
    if ctx.printer.is_json() {
        ctx.printer.json(&json!({
            "a": args.a.to_string(), "b": args.b.to_string(), "linked": false
        }))?;
    }
    Ok(crate::exit::OK)
}
