//! `treevu conversations`: OLX buyers' chats about the merchant's listings, as sync stored them.

use clap::Args;
use serde_json::{Value, json};

use crate::context::Context;
use crate::domain::Marketplace;
use crate::exit;
use crate::i18n::{Localized, Msg};
use crate::msg;
use crate::output::Column;
use crate::store::market::StoredConversation;
use crate::writeback;

#[derive(Debug, Args)]
pub struct ConversationsArgs {
    /// Only conversations about these OLX listings (olx:<id>); '-' reads ids from stdin
    pub listings: Vec<String>,
    /// Only conversations with unread messages
    #[arg(long)]
    pub unread: bool,
}

pub const COLUMNS: &[Column] = &[
    Column::text("listing", "Listing"),
    Column::text("buyerName", "Buyer"),
    Column::number("unread", "Unread"),
    Column::number("messageCount", "Msgs"),
    Column::when("lastMessageAt", "Last message at"),
    Column::text("lastMessage", "Last message"),
];

pub fn run(args: ConversationsArgs, ctx: &Context) -> anyhow::Result<u8> {
    let refs = super::ids::read_listing_refs(&args.listings)?;
    let store = ctx.open_reading_store()?;
    for r in &refs {
        if r.marketplace != Marketplace::Olx {
            return Err(Localized::usage(msg!(
                "conversations-olx-only",
                listing = r.to_string(),
                name = r.marketplace.display_name()
            )));
        }
        writeback::stored_listing(&store, r)?;
    }
    let ids: Vec<String> = refs.into_iter().map(|r| r.remote_id).collect();
    let mut items = store.conversations(Marketplace::Olx.as_str(), &ids)?;
    if args.unread {
        items.retain(|c| c.unread > 0);
    }
    if items.is_empty() && !ctx.printer.is_json() {
        ctx.printer.say(&Msg::new("conversations-none"));
    }
    let records: Vec<Value> = items.iter().map(conversation_json).collect();
    ctx.printer.records(COLUMNS, &records)?;
    Ok(exit::OK)
}

/// The documented JSON shape of a conversation (docs/cli.md).
pub fn conversation_json(c: &StoredConversation) -> Value {
    json!({
        "id": c.remote_id,
        "marketplace": c.marketplace,
        "listing": format!("{}:{}", c.marketplace, c.listing_remote_id),
        "listingTitle": c.listing_title,
        "buyerName": c.buyer_name,
        "lastMessage": c.last_message,
        "lastMessageAt": c.last_message_at,
        "unread": c.unread,
        "messageCount": c.message_count,
        "fetchedAt": c.fetched_at,
    })
}
