//! The recommendation for one listing: what the engine estimates it would
//! fetch, nudged by how buyers respond, set against its asking price.
//!
//! [`Recommendation`] is the one typed result that `recommend`, `--apply`,
//! `report`, `--explain` and the demo pass around; it becomes JSON only where
//! it is printed.

use serde::{Deserialize, Serialize};

use super::property::PropertyEstimate;
use super::readiness::{Engagement, ReadinessBand, readiness};
use super::reason::{self, Reason, Response};
use super::vehicle::{VehicleFactors, VehicleValuation};
use super::{Comparable, Currency};

/// What stands behind an estimate, by kind of item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Evidence {
    /// Homes: the comparables shown, with their prices in the estimate's currency.
    #[serde(rename_all = "camelCase")]
    Property { comparables: Vec<Comparable> },
    /// Cars: the money factors (adding up to the estimate) and the comparables' ids.
    #[serde(rename_all = "camelCase")]
    Vehicle {
        factors: VehicleFactors,
        comparable_ids: Vec<String>,
    },
}

/// The engine's estimate of one item, whatever its kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub id: String,
    pub price: f64,
    pub min_price: f64,
    pub max_price: f64,
    pub confidence: f64,
    pub currency: Currency,
    pub comparable_count: usize,
    pub method: String,
    pub segment_level: String,
    pub evidence: Evidence,
    pub rationale: String,
    pub notes: Vec<String>,
    /// The rationale's sentences and the notes, typed (see [`crate::reason`]).
    pub reasons: Vec<Reason>,
    pub note_reasons: Vec<Reason>,
}

impl From<PropertyEstimate> for Estimate {
    fn from(e: PropertyEstimate) -> Estimate {
        Estimate {
            id: e.id,
            price: e.recommended_price,
            min_price: e.min_price,
            max_price: e.max_price,
            confidence: e.confidence,
            currency: e.currency,
            comparable_count: e.comparable_count,
            method: e.method,
            segment_level: e.segment_level,
            evidence: Evidence::Property {
                comparables: e.comparables,
            },
            rationale: e.rationale,
            notes: e.notes,
            reasons: e.reasons,
            note_reasons: e.note_reasons,
        }
    }
}

impl From<VehicleValuation> for Estimate {
    fn from(e: VehicleValuation) -> Estimate {
        Estimate {
            id: e.id,
            price: e.estimated_value,
            min_price: e.min_value,
            max_price: e.max_value,
            confidence: e.confidence,
            currency: e.currency,
            comparable_count: e.comparable_count,
            method: e.method,
            segment_level: e.segment_level,
            evidence: Evidence::Vehicle {
                factors: e.factors,
                comparable_ids: e.comparable_ids,
            },
            rationale: e.rationale,
            notes: e.notes,
            reasons: e.reasons,
            note_reasons: e.note_reasons,
        }
    }
}

/// Who wrote the rationale shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RationaleSource {
    Treevu,
    Llm,
}

/// The buyer-readiness score behind the engagement nudge.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReadinessSummary {
    pub score: u32,
    pub band: ReadinessBand,
}

/// A language model's own figures, kept for transparency; treevu's stand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LlmOpinion {
    pub model: String,
    pub recommended_price: f64,
    pub min_price: f64,
    pub max_price: f64,
    pub confidence: f64,
}

/// The price to ask for one listing, with its range, confidence and why.
/// Money in `currency`, the listing's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Recommendation {
    pub id: String,
    pub title: String,
    pub current_price: f64,
    pub recommended_price: f64,
    /// The engine's estimate before the engagement nudge.
    pub market_estimate: f64,
    pub min_price: f64,
    pub max_price: f64,
    pub confidence: f64,
    pub currency: Currency,
    /// (current − recommended) / recommended, in %, one decimal.
    pub price_difference_percent: f64,
    pub comparable_count: usize,
    pub method: String,
    pub segment_level: String,
    #[serde(flatten)]
    pub evidence: Evidence,
    pub readiness: ReadinessSummary,
    pub rationale: String,
    pub rationale_source: RationaleSource,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub llm: Option<LlmOpinion>,
    pub notes: Vec<String>,
    /// `rationale`'s sentences while treevu wrote it, and the notes, typed
    /// (see [`crate::reason`]); the interface renders these in its language.
    #[serde(skip)]
    pub reasons: Vec<Reason>,
    #[serde(skip)]
    pub note_reasons: Vec<Reason>,
}

impl Recommendation {
    /// The prices of the comparables shown, in the recommendation's currency
    /// (homes only; a car names its comparables by id).
    pub fn comparable_prices(&self) -> Option<Vec<f64>> {
        match &self.evidence {
            Evidence::Property { comparables } => {
                Some(comparables.iter().map(|c| c.price).collect())
            }
            Evidence::Vehicle { .. } => None,
        }
    }

    /// The ids of the comparables behind the estimate.
    pub fn comparable_ids(&self) -> Vec<String> {
        match &self.evidence {
            Evidence::Property { comparables } => {
                comparables.iter().map(|c| c.id.clone()).collect()
            }
            Evidence::Vehicle { comparable_ids, .. } => comparable_ids.clone(),
        }
    }
}

/// How far engagement moves the recommendation inside the market range.
pub const ENGAGEMENT_NUDGE: f64 = 0.03;

/// The largest move from the asking price one recommendation proposes. An
/// estimate further away is shown as the market estimate and the rationale
/// says why the recommendation stops short: a listing priced that far from
/// its market is better moved in steps, and the evidence is rarely strong
/// enough to justify the whole jump at once.
pub const MAX_STEP: f64 = 0.35;

/// The recommendation for a listing asking `current_price` (in the
/// estimate's currency) whose buyers respond as `engagement` says.
pub fn recommend(
    estimate: Estimate,
    title: &str,
    current_price: f64,
    engagement: &Engagement,
) -> Recommendation {
    let r = readiness(engagement);
    // Strong buyer interest supports asking a little more; a listing that has been up
    // a month with little interest should move toward the market. Never past the range.
    let (factor, response) = match r.band {
        ReadinessBand::Hot => (1.0 + ENGAGEMENT_NUDGE, Response::Hot),
        ReadinessBand::Cold if engagement.days_active > 30.0 => {
            (1.0 - ENGAGEMENT_NUDGE, Response::ColdAfterAMonth)
        }
        _ => (1.0, Response::Ordinary),
    };
    let rec = estimate.price;
    let (min, max) = (estimate.min_price, estimate.max_price);
    let nudged = (rec * factor).clamp(min.min(rec), max.max(rec));
    let against = if rec > 0.0 {
        (current_price - rec) / rec * 100.0
    } else {
        0.0
    };
    let mut step = None;
    let adjusted = if current_price > 0.0 {
        let (lo, hi) = (
            current_price * (1.0 - MAX_STEP),
            current_price * (1.0 + MAX_STEP),
        );
        if nudged < lo || nudged > hi {
            step = Some(Reason::Step {
                percent: ((nudged / current_price - 1.0) * 100.0).abs(),
                below: nudged < current_price,
                max_step_percent: MAX_STEP * 100.0,
            });
        }
        nudged.clamp(lo, hi)
    } else {
        nudged
    }
    .round();
    let diff = if adjusted > 0.0 {
        (current_price - adjusted) / adjusted * 100.0
    } else {
        0.0
    };
    let mut reasons = estimate.reasons;
    let ours = reasons.len();
    reasons.push(Reason::AskingAgainst { percent: against });
    reasons.push(Reason::Response(response));
    reasons.extend(step);
    let rationale = format!(
        "{} {}",
        estimate.rationale,
        reason::sentences(&reasons[ours..])
    )
    .trim()
    .to_string();
    Recommendation {
        id: estimate.id,
        title: title.to_string(),
        current_price,
        recommended_price: adjusted,
        market_estimate: rec,
        min_price: min.min(adjusted),
        max_price: max.max(adjusted),
        confidence: estimate.confidence,
        currency: estimate.currency,
        price_difference_percent: (diff * 10.0).round() / 10.0,
        comparable_count: estimate.comparable_count,
        method: estimate.method,
        segment_level: estimate.segment_level,
        evidence: estimate.evidence,
        readiness: ReadinessSummary {
            score: r.score,
            band: r.band,
        },
        rationale,
        rationale_source: RationaleSource::Treevu,
        llm: None,
        notes: estimate.notes,
        reasons,
        note_reasons: estimate.note_reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn estimate() -> Estimate {
        Estimate {
            id: "olx:1".into(),
            price: 100_000.0,
            min_price: 90_000.0,
            max_price: 110_000.0,
            confidence: 0.7,
            currency: Currency::PEN,
            comparable_count: 1,
            method: "comparables".into(),
            segment_level: "district".into(),
            evidence: Evidence::Property {
                comparables: vec![Comparable {
                    id: "c1".into(),
                    district: "Lince".into(),
                    area_m2: Some(50.0),
                    price: 98_000.0,
                    price_per_m2: Some(1960.0),
                    weight: 1.0,
                }],
            },
            rationale: "Compared with one listing.".into(),
            notes: vec![],
            reasons: vec![],
            note_reasons: vec![],
        }
    }

    fn engagement(views_per_day: f64, contact_rate: f64, days: f64) -> Engagement {
        Engagement {
            views_per_day,
            contact_rate,
            favorites_rate: contact_rate,
            days_since_last_contact: (contact_rate > 0.0).then_some(0.5),
            days_active: days,
        }
    }

    #[test]
    fn engagement_nudges_within_the_range_and_the_json_keeps_its_keys() {
        let hot = recommend(estimate(), "Depa", 120_000.0, &engagement(80.0, 0.2, 3.0));
        assert_eq!(hot.readiness.band, ReadinessBand::Hot);
        assert_eq!(hot.recommended_price, 103_000.0);
        assert_eq!(hot.market_estimate, 100_000.0);
        assert!((hot.price_difference_percent - 16.5).abs() < 0.05);
        let cold = recommend(estimate(), "Depa", 100_000.0, &engagement(0.0, 0.0, 60.0));
        assert_eq!(cold.recommended_price, 97_000.0);
        // An asking price twice the market: one step of 35%, and the rationale says why.
        let far = recommend(estimate(), "Depa", 200_000.0, &engagement(1.0, 0.01, 10.0));
        assert_eq!(far.recommended_price, 130_000.0);
        assert_eq!(far.market_estimate, 100_000.0);
        assert!(far.min_price <= far.recommended_price && far.recommended_price <= far.max_price);
        assert!(
            far.rationale.contains("the most one step proposes"),
            "{}",
            far.rationale
        );
        let v = serde_json::to_value(&hot).unwrap();
        for key in [
            "id",
            "title",
            "currentPrice",
            "recommendedPrice",
            "marketEstimate",
            "minPrice",
            "maxPrice",
            "confidence",
            "currency",
            "priceDifferencePercent",
            "comparables",
            "readiness",
            "rationale",
            "rationaleSource",
        ] {
            assert!(!v[key].is_null(), "{key} missing in {v}");
        }
        assert_eq!(v["rationaleSource"], "treevu");
        assert!(v.get("llm").is_none());
        let back: Recommendation = serde_json::from_value(v).unwrap();
        // JSON carries the English text, not the typed reasons the interface renders.
        assert!(back.reasons.is_empty() && !hot.reasons.is_empty());
        assert_eq!(
            Recommendation {
                reasons: hot.reasons.clone(),
                note_reasons: hot.note_reasons.clone(),
                ..back.clone()
            },
            hot
        );
        assert_eq!(back.comparable_prices(), Some(vec![98_000.0]));
    }
}
