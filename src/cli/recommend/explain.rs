//! `recommend --explain`: the LLM's Spanish rationale in place of treevu's, when it validates.
//!
//! treevu's price, range and confidence always stand: the model only explains them, and
//! its own numbers are checked ([`crate::explain::validate`]) and shown under `llm` for
//! transparency. A rejected or failed answer is a warning, never an error: the
//! recommendation keeps treevu's deterministic rationale (`rationaleSource: "treevu"`).

use std::time::Instant;

use crate::auth::{LlmKeySource, Secret};
use crate::context::Context;
use crate::explain::{self, EngagementFacts, ExplainError};
use crate::pricing::inputs;
use crate::pricing::recommendation::{LlmOpinion, RationaleSource, Recommendation};
use crate::store::listings::StoredListing;

/// A configured LLM and its key, resolved once per run.
pub struct Llm {
    key: Option<Secret>,
}

impl Llm {
    /// Fails (exit 1) when no LLM is configured or its URL is unusable. A key that cannot
    /// be read is a warning: the call goes without one (a local endpoint may need none).
    pub fn setup(ctx: &Context) -> anyhow::Result<Llm> {
        let s = &ctx.settings.llm;
        let Some(url) = s.url.as_deref().filter(|u| !u.trim().is_empty()) else {
            return Err(ExplainError::NotConfigured.into());
        };
        if s.model.as_deref().is_none_or(|m| m.trim().is_empty()) {
            return Err(ExplainError::NotConfigured.into());
        }
        let key = match crate::auth::llm_key(ctx) {
            Ok(Some((k, source))) => {
                ctx.printer.detail(ctx.printer.loc.get(match source {
                    LlmKeySource::Env => "llm-key-from-env",
                    LlmKeySource::Store => "llm-key-from-store",
                }));
                Some(k)
            }
            Ok(None) => {
                ctx.printer.detail(ctx.printer.loc.get("llm-key-none"));
                None
            }
            Err(e) => {
                ctx.printer.warn(ctx.printer.t(&crate::msg!(
                    "llm-key-unreadable",
                    error = crate::i18n::errors::words(&ctx.printer.loc, &e)
                )));
                None
            }
        };
        explain::chat_url(url, key.is_some())?;
        Ok(Llm { key })
    }

    /// Replaces each recommendation's rationale with the model's where it validates.
    /// Calls go one at a time: a merchant explains a handful of listings, not thousands.
    pub fn explain_all(
        &self,
        ctx: &Context,
        listings: &[StoredListing],
        recs: &mut [Recommendation],
    ) {
        let settings = &ctx.settings.llm;
        let model = settings.model.as_deref().unwrap_or_default();
        let now = chrono::Utc::now();
        let total = recs.len();
        for (i, (l, rec)) in listings.iter().zip(recs.iter_mut()).enumerate() {
            let id = rec.id.clone();
            let engagement = engagement_facts(l, now);
            let input = explain::Statistical {
                lang: ctx.printer.loc.lang(),
                kind: &l.record.kind,
                recommendation: rec,
                engagement: Some(&engagement),
            };
            let started = Instant::now();
            let result = ctx.block_on(explain::explain(settings, self.key.as_ref(), input));
            ctx.printer.detail(ctx.printer.t(&crate::msg!(
                "llm-call",
                model = model,
                listing = &id,
                result = match &result {
                    Ok(_) => "validated",
                    Err(ExplainError::Rejected(_)) => "rejected",
                    Err(_) => "failed",
                },
                ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
            )));
            match result {
                Ok(a) => {
                    if a.confidence_was_percent {
                        ctx.printer.detail(
                            ctx.printer
                                .t(&crate::msg!("llm-confidence-percent", listing = &id)),
                        );
                    }
                    rec.rationale = a.rationale;
                    rec.rationale_source = RationaleSource::Llm;
                    rec.llm = Some(LlmOpinion {
                        model: a.model,
                        recommended_price: a.recommended_price,
                        min_price: a.min_price,
                        max_price: a.max_price,
                        confidence: a.confidence,
                    });
                }
                Err(e) => {
                    ctx.printer.warn(ctx.printer.t(&crate::msg!(
                        "llm-kept-own",
                        error = crate::i18n::errors::words(&ctx.printer.loc, &e),
                        listing = &id
                    )));
                    // A refused key or an unreachable endpoint will not answer the next
                    // listing either: stop asking instead of waiting out each timeout.
                    let hopeless = matches!(
                        e,
                        ExplainError::Unauthorized(_)
                            | ExplainError::Timeout(_)
                            | ExplainError::Transport(_)
                            | ExplainError::BadUrl { .. }
                    );
                    if hopeless && i + 1 < total {
                        ctx.printer.warn(
                            ctx.printer
                                .t(&crate::msg!("llm-stop-asking", count = total - i - 1)),
                        );
                        return;
                    }
                }
            }
        }
    }
}

/// How buyers respond to the listing, for the prompt.
fn engagement_facts(l: &StoredListing, now: chrono::DateTime<chrono::Utc>) -> EngagementFacts {
    EngagementFacts {
        views: l.record.views,
        contacts: l.record.contacts,
        favorites: l.record.favorites,
        days_active: inputs::engagement(l, now).days_active,
    }
}
