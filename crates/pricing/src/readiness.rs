//! Sale readiness score of a listing from its engagement.
//!
//! Formula (points add up to at most 100; every saturating curve is
//! `1 − e^(−x/s)`):
//!
//! | component | points |
//! |---|---|
//! | views per day `v` | 30 · (1 − e^(−v/15)) |
//! | contact (lead) rate `c` = contacts / views | 30 · (1 − e^(−c/0.03)) |
//! | favorites rate `f` = favorites / views | 15 · (1 − e^(−f/0.05)) |
//! | recency of last contact, `d` days ago (none = 0 points) | 15 · e^(−d/7) |
//! | freshness, `a` days active | 10 · e^(−a/60) |
//!
//! Inactivity decay: when the last contact (or, without any contact, the
//! listing start) is more than 14 days ago, the sum is multiplied by
//! e^(−(d − 14)/30). Score = round(sum · decay) clamped to 0..100; band hot
//! ≥ 70, warm ≥ 40, else cold. The score is non-decreasing in views, contact
//! rate, favorites rate and recency (fewer days since the last contact).

use serde::{Deserialize, Serialize};

/// Engagement signals of one listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Engagement {
    pub views_per_day: f64,
    /// Contacts (leads) per view, 0..1.
    pub contact_rate: f64,
    /// Favorites per view, 0..1.
    pub favorites_rate: f64,
    /// Days since the last contact; `None` when never contacted.
    pub days_since_last_contact: Option<f64>,
    pub days_active: f64,
}

/// Readiness band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReadinessBand {
    Hot,
    Warm,
    Cold,
}

/// One scored component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadinessComponent {
    pub name: String,
    pub value: f64,
    pub points: f64,
}

/// Score 0..100 with its band and parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Readiness {
    pub score: u32,
    pub band: ReadinessBand,
    pub components: Vec<ReadinessComponent>,
    /// Multiplier applied for inactivity (1 = none).
    pub decay: f64,
}

fn sat(x: f64, s: f64) -> f64 {
    1.0 - (-(x.max(0.0)) / s).exp()
}

/// Scores a listing's engagement (see the module doc for the formula).
pub fn readiness(e: &Engagement) -> Readiness {
    let clean = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
    let v = clean(e.views_per_day);
    let c = clean(e.contact_rate).min(1.0);
    let f = clean(e.favorites_rate).min(1.0);
    let a = clean(e.days_active);
    let d = e.days_since_last_contact.map(clean);
    let comps = vec![
        ("views_per_day", v, 30.0 * sat(v, 15.0)),
        ("contact_rate", c, 30.0 * sat(c, 0.03)),
        ("favorites_rate", f, 15.0 * sat(f, 0.05)),
        (
            "days_since_last_contact",
            d.unwrap_or(f64::NAN),
            d.map_or(0.0, |d| 15.0 * (-d / 7.0).exp()),
        ),
        ("days_active", a, 10.0 * (-a / 60.0).exp()),
    ];
    let idle = d.unwrap_or(a);
    let decay = if idle > 14.0 {
        (-(idle - 14.0) / 30.0).exp()
    } else {
        1.0
    };
    let total: f64 = comps.iter().map(|c| c.2).sum::<f64>() * decay;
    let score = total.round().clamp(0.0, 100.0) as u32;
    let band = if score >= 70 {
        ReadinessBand::Hot
    } else if score >= 40 {
        ReadinessBand::Warm
    } else {
        ReadinessBand::Cold
    };
    Readiness {
        score,
        band,
        components: comps
            .into_iter()
            .map(|(n, v, p)| ReadinessComponent {
                name: n.to_string(),
                value: if v.is_finite() { v } else { -1.0 },
                points: (p * 100.0).round() / 100.0,
            })
            .collect(),
        decay: (decay * 1000.0).round() / 1000.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Engagement {
        Engagement {
            views_per_day: 10.0,
            contact_rate: 0.02,
            favorites_rate: 0.03,
            days_since_last_contact: Some(5.0),
            days_active: 20.0,
        }
    }

    fn raw(e: &Engagement) -> f64 {
        let r = readiness(e);
        r.components.iter().map(|c| c.points).sum::<f64>() * r.decay
    }

    #[test]
    fn monotone_in_each_positive_signal() {
        let grid = [0.0, 0.001, 0.01, 0.05, 0.2, 1.0, 5.0, 50.0, 500.0];
        for (k, _) in ["views", "contact", "fav"].iter().enumerate() {
            let mut prev = -1.0;
            let mut prev_score = 0;
            for g in grid {
                let mut e = base();
                match k {
                    0 => e.views_per_day = g,
                    1 => e.contact_rate = g.min(1.0),
                    _ => e.favorites_rate = g.min(1.0),
                }
                let s = raw(&e);
                assert!(s >= prev - 1e-12, "signal {k} at {g}: {s} < {prev}");
                assert!(readiness(&e).score >= prev_score);
                prev = s;
                prev_score = readiness(&e).score;
            }
        }
        // recency: fewer days since the last contact never lowers the score
        let mut prev = -1.0;
        for d in [400.0, 90.0, 30.0, 15.0, 14.0, 7.0, 1.0, 0.0] {
            let mut e = base();
            e.days_since_last_contact = Some(d);
            let s = raw(&e);
            assert!(s >= prev - 1e-12, "recency {d}");
            prev = s;
        }
    }

    #[test]
    fn bands_and_decay() {
        let hot = Engagement {
            views_per_day: 100.0,
            contact_rate: 0.2,
            favorites_rate: 0.3,
            days_since_last_contact: Some(0.0),
            days_active: 1.0,
        };
        assert_eq!(readiness(&hot).band, ReadinessBand::Hot);
        assert_eq!(readiness(&Engagement::default()).band, ReadinessBand::Cold);
        let mut idle = hot.clone();
        idle.days_since_last_contact = Some(60.0);
        let r = readiness(&idle);
        assert!(r.decay < 0.3);
        assert!(r.score < readiness(&hot).score);
    }
}
