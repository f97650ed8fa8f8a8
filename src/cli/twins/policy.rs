//! `treevu twins policy [off|ask|auto]`: what this profile's syncs do when a twin
//! sells, rents or is taken down on its marketplace.

use clap::Args;
use serde_json::json;

use crate::context::Context;
use crate::twins::{self, DelistPolicy};

#[derive(Debug, Args)]
pub struct PolicyArgs {
    /// off: nothing; ask: print the commands that take the other twins down; auto: take them down
    pub policy: Option<DelistPolicy>,
}

pub fn run(args: PolicyArgs, ctx: &Context) -> anyhow::Result<u8> {
    let store = ctx.open_store()?;
    if let Some(p) = args.policy {
        twins::set_policy(&store, p)?;
        ctx.printer.say(&crate::msg!(
            "twins-policy-set",
            profile = &ctx.settings.profile,
            policy = p.to_string()
        ));
    }
    let p = twins::policy(&store)?;
    if ctx.printer.is_json() {
        ctx.printer
            .json(&json!({"profile": ctx.settings.profile, "policy": p}))?;
    } else if args.policy.is_none() {
        ctx.printer.line(p.as_str())?;
    }
    Ok(crate::exit::OK)
}
