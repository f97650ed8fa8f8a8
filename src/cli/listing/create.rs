//! `treevu listing create`: publish a new listing from a JSON file.

use std::io::Read;
use std::path::PathBuf;

use clap::Args;
use serde_json::{Value, json};

use crate::context::Context;
use crate::domain::Marketplace;
use crate::exit;
use crate::i18n::Localized;
use crate::msg;
use crate::writeback;

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Where to publish
    #[arg(long, short)]
    pub marketplace: Marketplace,
    /// The listing as JSON in the marketplace's shape (docs/cli.md); '-' reads stdin
    #[arg(long, value_name = "FILE")]
    pub from_file: PathBuf,
    /// Print the request that would be sent and send nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: CreateArgs, ctx: &Context) -> anyhow::Result<u8> {
    let text = if args.from_file.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        s
    } else {
        std::fs::read_to_string(&args.from_file).map_err(|e| {
            Localized::usage(msg!(
                "listing-cannot-read",
                path = args.from_file.display().to_string(),
                cause = e.to_string()
            ))
        })?
    };
    let json: Value = serde_json::from_str(&text).map_err(|e| {
        Localized::usage(msg!(
            "listing-not-json",
            path = args.from_file.display().to_string(),
            cause = e.to_string()
        ))
    })?;
    // Parsed and validated before anything is sent; errors name the field.
    let new = writeback::parse_new_listing(args.marketplace, json)?;
    let plan = writeback::plan_create(&new)?;
    if args.dry_run {
        super::print_planned(ctx, &plan)?;
        return Ok(exit::OK);
    }
    let mut store = ctx.open_store()?;
    let client = super::client(ctx, args.marketplace)?;
    let (stored, response) = ctx.block_on(writeback::create_listing(&client, &mut store, &new))?;
    let id = format!("{}:{}", stored.record.marketplace, stored.record.remote_id);
    ctx.printer.say(&msg!(
        "listing-created",
        listing = &id,
        name = args.marketplace.display_name()
    ));
    let listing = super::super::listings::listing_json(&stored);
    let doc = json!({ "id": id, "listing": listing, "response": response });
    super::print_result(ctx, doc, listing)?;
    Ok(exit::OK)
}
