//! Where an item works best: each twin's views, contacts (Inmuebles24 leads) and
//! favorites per day on line, side by side, so the merchant sees which
//! marketplace brings buyers for it.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Group, listing_ref};
use crate::domain::Marketplace;
use crate::pricing::inputs::days_active;

/// One twin's engagement per day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TwinRates {
    pub id: String,
    pub marketplace: Marketplace,
    pub status: String,
    /// Days on line: from its publication to its close, else to now.
    pub days: f64,
    pub views_per_day: f64,
    /// Contacts on OLX and Autofact, leads on Inmuebles24.
    pub contacts_per_day: f64,
    pub favorites_per_day: f64,
}

/// An item's twins compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemStats {
    pub group: usize,
    pub kind: String,
    pub title: String,
    pub twins: Vec<TwinRates>,
    /// The twin with the most contacts per day (then views per day); `None`
    /// when nobody has looked at any of them yet.
    pub best: Option<String>,
    pub best_marketplace: Option<Marketplace>,
    /// Contacts per day of the best twin over the others' average, when they have any.
    pub best_ratio: Option<f64>,
}

fn per_day(x: u64, days: f64) -> f64 {
    (x as f64 / days * 100.0).round() / 100.0
}

/// The comparison of every group (numbered from 1, as `treevu twins` shows them).
pub fn compare(groups: &[Group], now: DateTime<Utc>) -> Vec<ItemStats> {
    groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let twins: Vec<TwinRates> = g
                .members
                .iter()
                .map(|l| {
                    let days = days_active(l, now);
                    TwinRates {
                        id: listing_ref(l).to_string(),
                        marketplace: l.record.marketplace,
                        status: l.record.status.clone(),
                        days: (days * 10.0).round() / 10.0,
                        views_per_day: per_day(l.record.views, days),
                        contacts_per_day: per_day(l.record.contacts, days),
                        favorites_per_day: per_day(l.record.favorites, days),
                    }
                })
                .collect();
            let best = twins
                .iter()
                .filter(|t| t.views_per_day > 0.0 || t.contacts_per_day > 0.0)
                .max_by(|a, b| {
                    (a.contacts_per_day, a.views_per_day)
                        .partial_cmp(&(b.contacts_per_day, b.views_per_day))
                        .unwrap_or(std::cmp::Ordering::Equal)
                });
            let best_ratio = best.and_then(|b| {
                let others: Vec<f64> = twins
                    .iter()
                    .filter(|t| t.id != b.id)
                    .map(|t| t.contacts_per_day)
                    .collect();
                let mean = others.iter().sum::<f64>() / others.len().max(1) as f64;
                (mean > 0.0).then(|| (b.contacts_per_day / mean * 10.0).round() / 10.0)
            });
            ItemStats {
                group: i + 1,
                kind: g.kind().to_string(),
                title: g
                    .members
                    .first()
                    .map(|m| m.record.title.clone())
                    .unwrap_or_default(),
                best: best.map(|b| b.id.clone()),
                best_marketplace: best.map(|b| b.marketplace),
                best_ratio,
                twins,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::listings::StoredListing;
    use crate::store::listings::tests::sample;
    use crate::twins::{Link, Origin};

    #[test]
    fn the_twin_with_more_contacts_per_day_is_best() {
        let now = DateTime::parse_from_rfc3339("2026-01-21T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let listing = |id: i64, m: Marketplace, created: &str, contacts: u64| {
            let mut r = sample(&format!("x{id}"), 1);
            r.marketplace = m;
            r.remote_created_at = Some(created.into());
            r.views = 200;
            r.contacts = contacts;
            StoredListing {
                id,
                record: r,
                first_seen_at: created.into(),
                last_seen_at: created.into(),
                removed_at: None,
            }
        };
        // 10 contacts in 20 days on Inmuebles24; 6 in 5 days on OLX.
        let a = listing(1, Marketplace::Inmuebles24, "2026-01-01T00:00:00Z", 10);
        let b = listing(2, Marketplace::Olx, "2026-01-16T00:00:00Z", 6);
        let g = Group {
            members: vec![a, b],
            links: vec![Link {
                a: 1,
                b: 2,
                origin: Origin::Manual,
                score: None,
                evidence: vec![],
                created_at: "t".into(),
            }],
        };
        let s = compare(&[g], now);
        assert_eq!(s[0].twins[0].contacts_per_day, 0.5);
        assert_eq!(s[0].twins[1].contacts_per_day, 1.2);
        assert_eq!(s[0].best.as_deref(), Some("olx:x2"));
        assert_eq!(s[0].best_ratio, Some(2.4));
    }
}
