//! `treevu recommend`: the price to ask for synced listings, with its range, confidence and why.

use clap::Args;
use serde_json::{Value, json};

use super::estimate::pricing_settings;
use super::ids::read_listing_refs;
use super::{listing, listing_refs};

mod explain;
use super::progress::FitProgress;
use crate::context::Context;
use crate::domain::{ListingRef, Money};
use crate::i18n::{Arg, Msg, reasons};
use crate::msg;
use crate::output::card::{Card, Range};
use crate::output::{Column, Printer, money_text};
use crate::pricing::inputs;
use crate::pricing::models;
use crate::pricing::recommendation::RationaleSource;
use crate::pricing::{self, Estimate, Recommendation};
use crate::store::Store;
use crate::store::listings::StoredListing;
use crate::twins;
use crate::writeback::{self, ListingChange};

#[derive(Debug, Args)]
pub struct RecommendArgs {
    /// Listing ids from 'treevu listings' (e.g. olx:123); '-' reads them from stdin
    #[arg(required = true, value_name = "LISTING")]
    pub listings: Vec<String>,
    /// Send the recommended price to the marketplace (shows old → new and asks first)
    #[arg(long)]
    pub apply: bool,
    /// With --apply: do not ask for confirmation
    #[arg(long, short, requires = "apply")]
    pub yes: bool,
    /// With --apply: show the request that would be sent and send nothing
    #[arg(long, requires = "apply")]
    pub dry_run: bool,
    /// With --apply: send a price that changes more than apply.max_change (20%) or whose confidence is below apply.min_confidence (40%)
    #[arg(long, requires = "apply")]
    pub force: bool,
    /// With --apply: send the price to each twin on the other marketplaces too, in its own currency at pricing.pen_per_usd
    #[arg(long, requires = "apply")]
    pub all_twins: bool,
    /// Ask the configured LLM (TREEVU_LLM_URL, TREEVU_LLM_MODEL) to explain each price in the language of the run; treevu's numbers stand
    #[arg(long)]
    pub explain: bool,
}

/// The recommendation for one synced listing from the engine's estimate of it.
pub fn recommend_one(
    l: &StoredListing,
    estimate: Estimate,
    now: chrono::DateTime<chrono::Utc>,
) -> Recommendation {
    let mut estimate = estimate;
    estimate.id = inputs::listing_id(l);
    pricing::recommend(
        estimate,
        &l.record.title,
        l.record.price.major_f64(),
        &inputs::engagement(l, now),
    )
}

/// Recommendations for `listings`, fitting each kind's model once.
pub fn recommendations(
    ctx: &Context,
    store: &Store,
    listings: &[StoredListing],
) -> anyhow::Result<Vec<Recommendation>> {
    let settings = pricing_settings(ctx);
    for l in listings {
        listing_refs::require_kind(l, &["property", "vehicle"], "error-wrong-kind-priced")?;
    }
    let now = chrono::Utc::now();
    let mut out: Vec<Option<Recommendation>> = vec![None; listings.len()];
    let props: Vec<usize> = (0..listings.len())
        .filter(|&i| listings[i].record.kind == "property")
        .collect();
    let cars: Vec<usize> = (0..listings.len())
        .filter(|&i| listings[i].record.kind == "vehicle")
        .collect();
    if !props.is_empty() {
        let items = props
            .iter()
            .map(|&i| inputs::priced_property(store, &listings[i]))
            .collect::<Result<Vec<_>, _>>()?;
        let model =
            models::property_model(store, &settings, &items, &FitProgress::new(&ctx.printer))?;
        for (k, e) in model.estimate_many(&items).into_iter().enumerate() {
            out[props[k]] = Some(recommend_one(&listings[props[k]], e.into(), now));
        }
    }
    if !cars.is_empty() {
        let items = cars
            .iter()
            .map(|&i| inputs::priced_vehicle(store, &listings[i]))
            .collect::<Result<Vec<_>, _>>()?;
        let model =
            models::vehicle_model(store, &settings, &items, &FitProgress::new(&ctx.printer))?;
        for (k, e) in model.estimate_many(&items).into_iter().enumerate() {
            out[cars[k]] = Some(recommend_one(&listings[cars[k]], e.into(), now));
        }
    }
    Ok(out
        .into_iter()
        .map(|r| r.expect("every listing is a home or a car"))
        .collect())
}

/// The output edge: recommendations as the printer's records.
pub fn to_json(recs: &[Recommendation]) -> Vec<Value> {
    recs.iter()
        .map(|r| serde_json::to_value(r).expect("a recommendation serialises"))
        .collect()
}

/// The columns of CSV/TSV (a machine format: unchanged whatever the language).
pub const COLUMNS: &[Column] = &[
    Column::text("id", "Listing"),
    Column::money("currentPrice", "Asking", "currency"),
    Column::money("recommendedPrice", "Recommended", "currency"),
    Column::money("minPrice", "Min", "currency"),
    Column::money("maxPrice", "Max", "currency"),
    Column::percent("confidence", "Confidence"),
    Column::text("rationale", "Why"),
];

/// The table of many recommendations: the rationale stays out of it (it is
/// in each card and in `--json`), so no column is squeezed to a word a line.
/// In order of priority: a narrow terminal leaves out the last ones first.
const TABLE_COLUMNS: &[Column] = &[
    Column::text("id", "Listing"),
    Column::money("currentPrice", "Asking", "currency"),
    Column::money("recommendedPrice", "Recommended", "currency"),
    Column::percent("confidence", "Confidence"),
    Column::term("readinessBand", "Readiness", "band"),
    Column::money("minPrice", "Min", "currency"),
    Column::money("maxPrice", "Max", "currency"),
];

/// One recommendation as a card: prices, the range drawn, confidence,
/// buyers, comparables, then why.
pub fn card(p: &Printer, r: &Recommendation) -> Card {
    let cur = r.currency;
    let money = |x: f64| money_text(x, cur);
    let band = p.t(&Msg::new(band_id(r.readiness.band)));
    let mut c = Card::new(format!("{} · {}", r.id, r.title))
        .field(
            p.loc.get("card-asking"),
            format!(
                "{}  ({})",
                money(r.current_price),
                p.t(&msg!(
                    "card-asking-vs",
                    percent = Arg::SignedPercent(r.price_difference_percent)
                ))
            ),
        )
        .field(p.loc.get("card-recommended"), money(r.recommended_price))
        .range(Range::money(
            p.loc.get("card-range"),
            (r.min_price, r.recommended_price, r.max_price),
            cur,
        ))
        .field(
            p.loc.get("card-confidence"),
            p.loc.format(&Arg::Share(r.confidence)),
        )
        .field(
            p.loc.get("card-buyers"),
            p.t(&msg!(
                "card-buyers-value",
                band = band,
                score = r.readiness.score
            )),
        )
        .field(
            p.loc.get("card-comparables"),
            p.t(&msg!(
                "card-comparables-value",
                count = r.comparable_count,
                level = p
                    .loc
                    .lookup(&format!("level-{}", r.segment_level))
                    .unwrap_or_else(|| r.segment_level.clone())
            )),
        )
        .paragraph(p.loc.get("card-why"), why(p, r));
    if !r.notes.is_empty() {
        c = c.paragraph(p.loc.get("card-notes"), notes(p, r));
    }
    c
}

/// The rationale in the reader's language: treevu's from its typed reasons,
/// an LLM's as it wrote it (it was asked in that language).
pub fn why(p: &Printer, r: &Recommendation) -> String {
    match r.rationale_source {
        RationaleSource::Treevu => reasons::or_text(&p.loc, &r.reasons, &r.rationale),
        RationaleSource::Llm => r.rationale.clone(),
    }
}

/// The notes in the reader's language.
pub fn notes(p: &Printer, r: &Recommendation) -> String {
    if r.note_reasons.is_empty() {
        r.notes.join(" ")
    } else {
        reasons::notes(&p.loc, &r.note_reasons)
    }
}

/// The catalog id of a readiness band (`band-hot`).
pub fn band_id(b: crate::pricing::readiness::ReadinessBand) -> &'static str {
    use crate::pricing::readiness::ReadinessBand;
    match b {
        ReadinessBand::Hot => "band-hot",
        ReadinessBand::Warm => "band-warm",
        ReadinessBand::Cold => "band-cold",
    }
}

/// Recommendations on stdout: cards for a few, a table for many, or the machine format.
fn print(ctx: &Context, recs: &[Recommendation]) -> anyhow::Result<()> {
    let p = &ctx.printer;
    if p.wants_cards(recs.len()) {
        let cards: Vec<Card> = recs.iter().map(|r| card(p, r)).collect();
        p.cards(&cards)?;
    } else if p.format == crate::output::Format::Table {
        let rows: Vec<Value> = to_json(recs)
            .into_iter()
            .map(|mut v| {
                v["readinessBand"] = v["readiness"]["band"].clone();
                v
            })
            .collect();
        p.records(TABLE_COLUMNS, &rows)?;
    } else {
        p.records(COLUMNS, &to_json(recs))?;
    }
    Ok(())
}

pub fn run(args: RecommendArgs, ctx: &Context) -> anyhow::Result<u8> {
    // Write-back (its log, the twins' prices) is SQLite's only so far.
    if args.apply && ctx.settings.database_url.is_some() {
        return Err(crate::store::StoreError::NotOnPostgres {
            what: "recommend --apply (write-back to the marketplace)".into(),
        }
        .into());
    }
    // Configuration problems stop the command before any work, not after it.
    let llm = if args.explain {
        Some(explain::Llm::setup(ctx)?)
    } else {
        None
    };
    let refs = read_listing_refs(&args.listings)?;
    let store = ctx.open_reading_store()?;
    let listings = listing_refs::load(&store, &refs)?;
    let mut recs = recommendations(ctx, &store, &listings)?;
    if let Some(llm) = &llm {
        llm.explain_all(ctx, &listings, &mut recs);
    }
    if !args.apply {
        print(ctx, &recs)?;
        return Ok(crate::exit::OK);
    }
    let mut store = store;
    let guard = writeback::ApplyGuard {
        max_change: ctx.settings.apply.max_change,
        min_confidence: ctx.settings.apply.min_confidence,
    };
    let mut rows = Vec::new();
    let mut refused = 0;
    for ((r, l), rec) in refs.iter().zip(&listings).zip(&recs) {
        let new_price = Money::from_major_f64(rec.recommended_price, l.record.price.currency)?;
        // The listing, then (--all-twins) each twin at the same price in its own currency.
        let mut targets = vec![(r.clone(), l.clone(), new_price, None)];
        if args.all_twins {
            let pen_per_usd = ctx.settings.pricing.pen_per_usd;
            for (t, p) in twins::prices_in_step(&store, l, new_price, pen_per_usd)? {
                targets.push((twins::listing_ref(&t), t, p, Some(r.to_string())));
            }
        }
        for (r, l, new_price, twin_of) in &targets {
            let ask = Apply {
                listing: r,
                stored: l,
                new_price: *new_price,
                twin_of: twin_of.as_deref(),
                recommendation: rec,
            };
            match apply_one(ctx, &mut store, &guard, &args, &ask, &mut rows)? {
                Flow::Cancelled => return Ok(crate::exit::ERROR),
                Flow::Refused => refused += 1,
                Flow::Done => {}
            }
        }
    }
    if !args.dry_run {
        ctx.printer.records(
            &[
                Column::text("id", "Listing"),
                Column::text("status", "Status"),
                Column::money("oldPrice", "Old price", "currency"),
                Column::money("newPrice", "New price", "currency"),
            ],
            &rows,
        )?;
    }
    if refused > 0 {
        return Ok(crate::exit::ERROR);
    }
    Ok(crate::exit::OK)
}

/// One price to send: the listing recommended, or (`--all-twins`) one of its twins.
struct Apply<'a> {
    listing: &'a ListingRef,
    stored: &'a StoredListing,
    new_price: Money,
    /// The listing whose recommendation this twin follows.
    twin_of: Option<&'a str>,
    recommendation: &'a Recommendation,
}

enum Flow {
    Done,
    Refused,
    Cancelled,
}

/// Checks the guard, shows old → new, asks, and sends one price through the
/// guarded apply (per-listing lock, live price re-read, one PUT).
fn apply_one(
    ctx: &Context,
    store: &mut Store,
    guard: &writeback::ApplyGuard,
    args: &RecommendArgs,
    a: &Apply<'_>,
    rows: &mut Vec<Value>,
) -> anyhow::Result<Flow> {
    let (r, l, new_price, rec) = (a.listing, a.stored, a.new_price, a.recommendation);
    let current = l.record.price;
    let row = |status: &str, reason: Option<String>| {
        json!({
            "id": r.to_string(),
            "status": status,
            "oldPrice": current.major_f64(),
            "newPrice": new_price.major_f64(),
            "currency": new_price.currency,
            "reason": reason,
            "twinOf": a.twin_of,
            "recommendation": rec,
        })
    };
    let label = match a.twin_of {
        Some(of) => ctx.printer.t(&msg!(
            "apply-twin-label",
            listing = r.to_string(),
            of = of.to_string()
        )),
        None => r.to_string(),
    };
    if new_price == current {
        ctx.printer.say(&msg!(
            "apply-already-recommended",
            label = &label,
            price = new_price
        ));
        rows.push(row("unchanged", None));
        return Ok(Flow::Done);
    }
    if let Err(why) = guard.check(current, new_price, rec.confidence, args.force) {
        let words = crate::i18n::errors::words(&ctx.printer.loc, &why);
        ctx.printer.warn(
            ctx.printer
                .t(&msg!("apply-warning", label = &label, words = words)),
        );
        rows.push(row("refused", Some(why.to_string())));
        return Ok(Flow::Refused);
    }
    let change = ListingChange {
        price: Some(new_price),
        ..Default::default()
    };
    // Validated before anything is shown, asked or sent.
    let plan = writeback::plan_update(l, &change)?;
    ctx.printer.say(&msg!(
        "apply-plan",
        label = &label,
        title = &l.record.title,
        from = current,
        to = new_price
    ));
    if args.dry_run {
        listing::print_planned(ctx, &plan)?;
        return Ok(Flow::Done);
    }
    if !listing::confirm(
        ctx,
        &ctx.printer
            .t(&msg!("apply-ask", name = r.marketplace.display_name())),
        args.yes,
    )? {
        ctx.printer.say(&Msg::new("cancelled-nothing-sent"));
        return Ok(Flow::Cancelled);
    }
    let client = listing::client(ctx, r.marketplace)?;
    let outcome = ctx.block_on(writeback::apply_price_guarded(
        &client,
        store,
        &ctx.settings.data_dir,
        r,
        current,
        new_price,
    ));
    match outcome {
        Ok(writeback::ApplyOutcome::Applied(done)) => {
            ctx.printer.say(&msg!(
                "apply-accepted",
                label = &label,
                name = r.marketplace.display_name(),
                price = done.new_price
            ));
            let mut v = row("applied", None);
            v["newPrice"] = json!(done.new_price.major_f64());
            v["response"] = done.response;
            rows.push(v);
            Ok(Flow::Done)
        }
        Ok(writeback::ApplyOutcome::AlreadyThere(price)) => {
            ctx.printer
                .say(&msg!("apply-already-there", label = &label, price = price));
            rows.push(row("unchanged", None));
            Ok(Flow::Done)
        }
        Err(writeback::WritebackError::Refused { refusal, .. }) => {
            let words = crate::i18n::errors::words(&ctx.printer.loc, &refusal);
            ctx.printer.warn(
                ctx.printer
                    .t(&msg!("apply-warning", label = &label, words = words)),
            );
            rows.push(row("refused", Some(refusal.to_string())));
            Ok(Flow::Refused)
        }
        Err(e) => Err(e.into()),
    }
}
