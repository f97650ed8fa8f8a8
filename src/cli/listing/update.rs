//! `treevu listing update`: a new price, title, description or status, with confirmation.

use clap::Args;
use serde_json::json;

use crate::context::Context;
use crate::domain::Money;
use crate::exit;
use crate::i18n::{Localized, Msg};
use crate::marketplaces::types::ListingStatus;
use crate::msg;
use crate::writeback::{self, ListingChange};

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The listing, as <marketplace>:<id> (see 'treevu listings'); '-' reads it from stdin
    pub listing: String,
    /// New price in the listing's currency, e.g. 285000 or 285,000.50
    #[arg(long, value_name = "PRICE")]
    pub price: Option<String>,
    /// New title (5 to 255 characters)
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// New description (OLX and Inmuebles24)
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// New status
    #[arg(long, value_name = "STATUS", value_parser = ["active", "sold", "rented", "removed"])]
    pub status: Option<String>,
    /// Do not ask for confirmation
    #[arg(long, short)]
    pub yes: bool,
    /// Print the request that would be sent (method, path, body) and send nothing
    #[arg(long)]
    pub dry_run: bool,
    /// With --price: the same price for each twin on the other marketplaces, in its own currency at pricing.pen_per_usd
    #[arg(long, requires = "price")]
    pub all_twins: bool,
    /// With --all-twins: send a twin's price even when it changes more than apply.max_change (20%)
    #[arg(long, requires = "all_twins")]
    pub force: bool,
}

pub fn run(args: UpdateArgs, ctx: &Context) -> anyhow::Result<u8> {
    if args.price.is_none()
        && args.title.is_none()
        && args.description.is_none()
        && args.status.is_none()
    {
        return Err(Localized::usage(Msg::new("listing-nothing-to-change")));
    }
    let r = super::one_listing(&args.listing)?;
    let mut store = ctx.open_store()?;
    let current = writeback::stored_listing(&store, &r)?;
    let old = &current.record;
    let price = args
        .price
        .as_deref()
        .map(|p| Money::parse_major(p, old.price.currency))
        .transpose()
        .map_err(|e| {
            Localized::usage(crate::i18n::errors::money(&e).rename("listing-bad-price"))
        })?;
    let change = ListingChange {
        price,
        title: args.title.clone(),
        description: args.description.clone(),
        status: args.status.as_deref().map(parse_status),
    };
    // Validated before anything is shown, asked or sent.
    let plan = writeback::plan_update(&current, &change)?;

    ctx.printer.say(&msg!(
        "listing-update-title",
        listing = r.to_string(),
        title = &old.title
    ));
    if let Some(p) = change.price {
        ctx.printer
            .say(&msg!("listing-update-price", from = old.price, to = p));
    }
    if let Some(t) = &change.title {
        ctx.printer
            .say(&msg!("listing-update-new-title", from = &old.title, to = t));
    }
    if change.description.is_some() {
        ctx.printer.say(&Msg::new("listing-update-description"));
    }
    if let Some(s) = change.status {
        ctx.printer.say(&msg!(
            "listing-update-status",
            from = old.status.to_string(),
            to = s.as_str()
        ));
    }
    // --all-twins: each twin at the same price in its own currency, inside the
    // apply guard (a converted price that moves a twin too far is refused).
    let guard = writeback::ApplyGuard {
        max_change: ctx.settings.apply.max_change,
        min_confidence: ctx.settings.apply.min_confidence,
    };
    let mut twins = Vec::new();
    if let (true, Some(p)) = (args.all_twins, change.price) {
        let pen_per_usd = ctx.settings.pricing.pen_per_usd;
        for (t, tp) in crate::twins::prices_in_step(&store, &current, p, pen_per_usd)? {
            let tr = crate::twins::listing_ref(&t);
            let twin_change = ListingChange {
                price: Some(tp),
                ..Default::default()
            };
            let twin_plan = writeback::plan_update(&t, &twin_change)?;
            if t.record.price == tp {
                ctx.printer.say(&msg!(
                    "listing-twin-already",
                    twin = tr.to_string(),
                    price = tp
                ));
                continue;
            }
            // A manual price has no confidence to check: only the size of the change.
            if let Err(why) = guard.check(t.record.price, tp, 1.0, args.force) {
                return Err(Localized::error(
                    crate::i18n::errors::refusal(&why)
                        .rename("error-twin-refused")
                        .arg("twin", tr.to_string()),
                ));
            }
            ctx.printer.say(&msg!(
                "listing-twin-plan",
                twin = tr.to_string(),
                from = t.record.price,
                to = tp
            ));
            twins.push((tr, t, tp, twin_plan));
        }
    }
    if args.dry_run {
        super::print_planned(ctx, &plan)?;
        for (_, _, _, twin_plan) in &twins {
            super::print_planned(ctx, twin_plan)?;
        }
        return Ok(exit::OK);
    }
    let question = if twins.is_empty() {
        ctx.printer.t(&msg!(
            "listing-update-ask",
            name = r.marketplace.display_name()
        ))
    } else {
        ctx.printer
            .t(&msg!("listing-update-ask-twins", count = twins.len() + 1))
    };
    if !super::confirm(ctx, &question, args.yes)? {
        ctx.printer.say(&Msg::new("cancelled-nothing-sent"));
        return Ok(exit::ERROR);
    }
    let client = super::client(ctx, r.marketplace)?;
    let applied = ctx.block_on(writeback::update_listing(&client, &mut store, &r, &change))?;
    ctx.printer.say(&msg!(
        "listing-updated",
        listing = r.to_string(),
        name = r.marketplace.display_name()
    ));
    let mut code = exit::OK;
    let mut twin_rows = Vec::new();
    for (tr, t, tp, _) in &twins {
        let client = super::client(ctx, tr.marketplace)?;
        let outcome = ctx.block_on(writeback::apply_price_guarded(
            &client,
            &mut store,
            &ctx.settings.data_dir,
            tr,
            t.record.price,
            *tp,
        ));
        let (status, reason) = match outcome {
            Ok(writeback::ApplyOutcome::Applied(done)) => {
                ctx.printer.say(&msg!(
                    "listing-twin-updated",
                    twin = tr.to_string(),
                    name = tr.marketplace.display_name(),
                    price = done.new_price
                ));
                ("applied", None)
            }
            Ok(writeback::ApplyOutcome::AlreadyThere(_)) => ("unchanged", None),
            Err(writeback::WritebackError::Refused { refusal, .. }) => {
                let words = crate::i18n::errors::words(&ctx.printer.loc, &refusal);
                ctx.printer.warn(ctx.printer.t(&msg!(
                    "listing-twin-warning",
                    twin = tr.to_string(),
                    words = words
                )));
                code = exit::ERROR;
                ("refused", Some(refusal.to_string()))
            }
            Err(e) => {
                let words = crate::i18n::errors::words(&ctx.printer.loc, &e);
                ctx.printer.warn(ctx.printer.t(&msg!(
                    "listing-twin-warning",
                    twin = tr.to_string(),
                    words = words
                )));
                code = exit::ERROR;
                ("failed", Some(e.to_string()))
            }
        };
        twin_rows.push(json!({
            "id": tr.to_string(),
            "status": status,
            "oldPrice": t.record.price.major_f64(),
            "newPrice": tp.major_f64(),
            "currency": tp.currency,
            "reason": reason,
        }));
    }
    let listing = super::super::listings::listing_json(&applied.stored);
    let mut doc = json!({
        "id": r.to_string(),
        "oldPrice": applied.old_price.major_f64(),
        "newPrice": applied.new_price.major_f64(),
        "currency": applied.new_price.currency,
        "listing": listing,
        "response": applied.response,
    });
    if args.all_twins {
        doc["twins"] = json!(twin_rows);
    }
    super::print_result(ctx, doc, listing)?;
    Ok(code)
}

fn parse_status(s: &str) -> ListingStatus {
    match s {
        "sold" => ListingStatus::Sold,
        "rented" => ListingStatus::Rented,
        "removed" => ListingStatus::Removed,
        _ => ListingStatus::Active,
    }
}
