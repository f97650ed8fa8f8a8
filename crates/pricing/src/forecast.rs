//! Time to sale (Weibull proportional hazards) and demand (Gamma–Poisson).
//!
//! Survival: hazard h(t | x) = k·t^(k−1)·exp(β₀ + β₁·p + β₂·ln(1 + c)) where
//! p = asking price position vs market in percent (+10 = 10% above) and c =
//! contacts per day. The shape k is chosen on a grid by profile likelihood,
//! β by Newton–Raphson (small ridge) on right-censored history
//! (`event=false` = still listed when last seen). S(t) = exp(−e^η·t^k):
//! median = (ln 2 / e^η)^(1/k); the 80% range is the 10th–90th percentile.
//!
//! Priors (used when history has fewer than 20 records or 5 events): k = 1.2,
//! β₁ = −0.03 (each 1% above market lowers the hazard ≈3%), β₂ = 0.5, β₀ set
//! so that a listing at market with 0.5 contacts/day has a median of 45 days.
//!
//! Demand: contacts ~ Poisson(λ·days), λ ~ Gamma(α₀ = 2, rate β₀ = 2/λ₀) with
//! λ₀ the mean contacts/day of the history (prior 0.5/day), updated with the
//! item's own contacts; the next-N-day count is negative binomial, reported as
//! mean and 10th–90th percentiles.

use serde::{Deserialize, Serialize};

use super::reason::Reason;

/// One past listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryRecord {
    pub days_observed: f64,
    /// Sold or removed (true) vs still listed (false, censored).
    pub event: bool,
    pub price_position_pct: f64,
    pub contacts_per_day: f64,
}

/// Time-to-sale forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SaleForecast {
    pub median_days: f64,
    pub low_days: f64,
    pub high_days: f64,
    pub probability_30_days: f64,
    pub from_prior: bool,
    pub note: String,
    /// `note`, typed (see [`crate::reason`]).
    #[serde(skip)]
    pub note_reason: Option<Reason>,
}

/// Expected contacts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DemandForecast {
    pub expected_contacts_7d: f64,
    pub range_7d: (u32, u32),
    pub expected_contacts_30d: f64,
    pub range_30d: (u32, u32),
    pub rate_per_day: f64,
    pub from_prior: bool,
}

/// Fitted Weibull PH model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SurvivalModel {
    pub shape: f64,
    pub beta: [f64; 3],
    pub from_prior: bool,
    pub records: usize,
    pub events: usize,
    pub mean_contacts_per_day: f64,
}

const PRIOR_SHAPE: f64 = 1.2;
const PRIOR_B1: f64 = -0.03;
const PRIOR_B2: f64 = 0.5;
const PRIOR_MEDIAN_DAYS: f64 = 45.0;
const PRIOR_RATE: f64 = 0.5;

fn covariates(p: f64, c: f64) -> [f64; 3] {
    [1.0, p.clamp(-100.0, 300.0), (1.0 + c.max(0.0)).ln()]
}

#[allow(clippy::needless_range_loop)]
fn fit_beta(h: &[HistoryRecord], k: f64) -> ([f64; 3], f64) {
    let mut b = [0.0; 3];
    let ev = h.iter().filter(|r| r.event).count() as f64;
    let tk: f64 = h.iter().map(|r| r.days_observed.max(0.5).powf(k)).sum();
    b[0] = (ev.max(0.5) / tk).ln();
    let ridge = 1e-3;
    for _ in 0..50 {
        let mut g = [0.0; 3];
        let mut hm = [[0.0; 3]; 3];
        for r in h {
            let x = covariates(r.price_position_pct, r.contacts_per_day);
            let eta: f64 = (0..3).map(|j| b[j] * x[j]).sum();
            let mu = eta.exp() * r.days_observed.max(0.5).powf(k);
            let d = if r.event { 1.0 } else { 0.0 };
            for j in 0..3 {
                g[j] += (d - mu) * x[j];
                for l in 0..3 {
                    hm[j][l] += mu * x[j] * x[l];
                }
            }
        }
        for j in 1..3 {
            g[j] -= ridge * b[j];
            hm[j][j] += ridge;
        }
        let step = solve3(hm, g);
        let mut maxs: f64 = 0.0;
        for j in 0..3 {
            let s = step[j].clamp(-2.0, 2.0);
            b[j] += s;
            maxs = maxs.max(s.abs());
        }
        if maxs < 1e-8 {
            break;
        }
    }
    let mut ll = 0.0;
    for r in h {
        let x = covariates(r.price_position_pct, r.contacts_per_day);
        let eta: f64 = (0..3).map(|j| b[j] * x[j]).sum();
        let t = r.days_observed.max(0.5);
        if r.event {
            ll += eta + k.ln() + (k - 1.0) * t.ln();
        }
        ll -= eta.exp() * t.powf(k);
    }
    (b, ll)
}

#[allow(clippy::needless_range_loop)]
fn solve3(mut a: [[f64; 3]; 3], mut b: [f64; 3]) -> [f64; 3] {
    for i in 0..3 {
        let mut piv = i;
        for r in i + 1..3 {
            if a[r][i].abs() > a[piv][i].abs() {
                piv = r;
            }
        }
        a.swap(i, piv);
        b.swap(i, piv);
        let d = if a[i][i].abs() < 1e-12 {
            1e-12
        } else {
            a[i][i]
        };
        for r in i + 1..3 {
            let f = a[r][i] / d;
            for c in i..3 {
                a[r][c] -= f * a[i][c];
            }
            b[r] -= f * b[i];
        }
    }
    let mut x = [0.0; 3];
    for i in (0..3).rev() {
        let mut s = b[i];
        for c in i + 1..3 {
            s -= a[i][c] * x[c];
        }
        x[i] = s / if a[i][i].abs() < 1e-12 {
            1e-12
        } else {
            a[i][i]
        };
    }
    x
}

impl SurvivalModel {
    /// Documented prior model.
    pub fn prior() -> SurvivalModel {
        let k = PRIOR_SHAPE;
        let x = covariates(0.0, PRIOR_RATE);
        // median = (ln2 / e^η)^(1/k) = 45  ⇒  η = ln(ln 2) − k ln 45
        let eta = std::f64::consts::LN_2.ln() - k * PRIOR_MEDIAN_DAYS.ln();
        let b0 = eta - PRIOR_B1 * x[1] - PRIOR_B2 * x[2];
        SurvivalModel {
            shape: k,
            beta: [b0, PRIOR_B1, PRIOR_B2],
            from_prior: true,
            records: 0,
            events: 0,
            mean_contacts_per_day: PRIOR_RATE,
        }
    }

    /// Fits on history; falls back to [`SurvivalModel::prior`] with fewer than
    /// 20 records or 5 events.
    pub fn fit(history: &[HistoryRecord]) -> SurvivalModel {
        let h: Vec<HistoryRecord> = history
            .iter()
            .filter(|r| r.days_observed.is_finite() && r.days_observed >= 0.0)
            .cloned()
            .collect();
        let events = h.iter().filter(|r| r.event).count();
        let mean_c = if h.is_empty() {
            PRIOR_RATE
        } else {
            h.iter().map(|r| r.contacts_per_day.max(0.0)).sum::<f64>() / h.len() as f64
        };
        if h.len() < 20 || events < 5 {
            let mut m = SurvivalModel::prior();
            m.records = h.len();
            m.events = events;
            return m;
        }
        let mut best = (f64::NEG_INFINITY, 1.0, [0.0; 3]);
        for i in 0..=25 {
            let k = 0.5 + 0.1 * i as f64;
            let (b, ll) = fit_beta(&h, k);
            if ll > best.0 {
                best = (ll, k, b);
            }
        }
        SurvivalModel {
            shape: best.1,
            beta: best.2,
            from_prior: false,
            records: h.len(),
            events,
            mean_contacts_per_day: mean_c,
        }
    }

    /// Linear predictor (log relative hazard); higher = sells sooner.
    pub fn risk(&self, price_position_pct: f64, contacts_per_day: f64) -> f64 {
        let x = covariates(price_position_pct, contacts_per_day);
        (0..3).map(|j| self.beta[j] * x[j]).sum()
    }

    /// How well this model ranks a history: [`concordance_index`] of its
    /// risk over the records' observed days and closures.
    pub fn concordance(&self, history: &[HistoryRecord]) -> f64 {
        let t: Vec<f64> = history.iter().map(|r| r.days_observed).collect();
        let e: Vec<bool> = history.iter().map(|r| r.event).collect();
        let r: Vec<f64> = history
            .iter()
            .map(|r| self.risk(r.price_position_pct, r.contacts_per_day))
            .collect();
        concordance_index(&t, &e, &r)
    }

    /// Day by which a share `p` of such listings is sold.
    pub fn quantile_days(&self, p: f64, price_position_pct: f64, contacts_per_day: f64) -> f64 {
        let l = self.risk(price_position_pct, contacts_per_day).exp();
        (-(1.0 - p).ln() / l).powf(1.0 / self.shape)
    }

    /// Time-to-sale forecast for a listing.
    pub fn forecast(&self, price_position_pct: f64, contacts_per_day: f64) -> SaleForecast {
        let q =
            |p| (self.quantile_days(p, price_position_pct, contacts_per_day) * 10.0).round() / 10.0;
        let l = self.risk(price_position_pct, contacts_per_day).exp();
        let note = if self.from_prior {
            Reason::ForecastPrior {
                records: self.records,
                sold: self.events,
                median_days: PRIOR_MEDIAN_DAYS,
            }
        } else {
            Reason::ForecastFitted {
                records: self.records,
                sold: self.events,
                shape: self.shape,
            }
        };
        SaleForecast {
            median_days: q(0.5),
            low_days: q(0.1),
            high_days: q(0.9),
            probability_30_days: 1.0 - (-l * 30f64.powf(self.shape)).exp(),
            from_prior: self.from_prior,
            note: note.to_string(),
            note_reason: Some(note),
        }
    }

    /// Contacts expected in the next 7 and 30 days given the item's own
    /// contacts over its days active.
    pub fn demand(&self, contacts_so_far: u32, days_active: f64) -> DemandForecast {
        let lambda0 = if self.mean_contacts_per_day > 0.0 {
            self.mean_contacts_per_day
        } else {
            PRIOR_RATE
        };
        let alpha = 2.0 + contacts_so_far as f64;
        let beta = 2.0 / lambda0 + days_active.max(0.0);
        let nb = |days: f64| -> (f64, (u32, u32)) {
            let mean = alpha * days / beta;
            let p = beta / (beta + days);
            (
                (mean * 10.0).round() / 10.0,
                (nb_quantile(alpha, p, 0.1), nb_quantile(alpha, p, 0.9)),
            )
        };
        let (m7, r7) = nb(7.0);
        let (m30, r30) = nb(30.0);
        DemandForecast {
            expected_contacts_7d: m7,
            range_7d: r7,
            expected_contacts_30d: m30,
            range_30d: r30,
            rate_per_day: (alpha / beta * 1000.0).round() / 1000.0,
            from_prior: self.from_prior && contacts_so_far == 0,
        }
    }
}

/// Smallest n with P(N ≤ n) ≥ q for N ~ NegBin(r, p) (failures before r
/// successes, success prob p).
pub fn nb_quantile(r: f64, p: f64, q: f64) -> u32 {
    let mut pmf = p.powf(r);
    let mut cdf = pmf;
    let mut n = 0u32;
    while cdf < q && n < 100_000 {
        pmf *= (n as f64 + r) / (n as f64 + 1.0) * (1.0 - p);
        cdf += pmf;
        n += 1;
    }
    n
}

/// Harrell's concordance index: over comparable pairs (the shorter time is
/// an event), the share where the higher risk belongs to the shorter time
/// (ties in risk count ½). Returns 0.5 when no pair is comparable.
pub fn concordance_index(times: &[f64], events: &[bool], risk: &[f64]) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    for i in 0..times.len() {
        if !events[i] {
            continue;
        }
        for j in 0..times.len() {
            if times[i] < times[j] {
                den += 1.0;
                if risk[i] > risk[j] {
                    num += 1.0;
                } else if risk[i] == risk[j] {
                    num += 0.5;
                }
            }
        }
    }
    if den > 0.0 { num / den } else { 0.5 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::mix64;

    fn simulate(n: usize) -> Vec<HistoryRecord> {
        let mut s = 11u64;
        let mut u = || {
            s = mix64(s);
            ((s >> 11) as f64 + 0.5) / (1u64 << 53) as f64
        };
        (0..n)
            .map(|_| {
                let pp = (u() - 0.5) * 40.0;
                let c = u() * 2.0;
                let eta = -4.0 - 0.08 * pp + 0.8 * (1.0 + c).ln();
                let t = (-u().ln() / eta.exp()).powf(1.0 / 1.5);
                let censor = 20.0 + u() * 100.0;
                HistoryRecord {
                    days_observed: t.min(censor),
                    event: t <= censor,
                    price_position_pct: pp,
                    contacts_per_day: c,
                }
            })
            .collect()
    }

    #[test]
    fn concordance_known_ordering() {
        let t = [1.0, 2.0, 3.0, 4.0];
        let e = [true, true, true, true];
        assert_eq!(concordance_index(&t, &e, &[4.0, 3.0, 2.0, 1.0]), 1.0);
        assert_eq!(concordance_index(&t, &e, &[1.0, 2.0, 3.0, 4.0]), 0.0);
        assert_eq!(concordance_index(&t, &e, &[1.0, 1.0, 1.0, 1.0]), 0.5);
    }

    #[test]
    fn fitted_model_ranks_simulated_history() {
        let h = simulate(400);
        let m = SurvivalModel::fit(&h);
        assert!(!m.from_prior);
        assert!(m.beta[1] < 0.0, "{:?}", m.beta);
        assert!((m.shape - 1.5).abs() < 0.35, "shape {}", m.shape);
        let c = m.concordance(&h);
        assert!(c >= 0.70, "C = {c}");
        let cheap = m.forecast(-10.0, 0.5);
        let dear = m.forecast(10.0, 0.5);
        assert!(cheap.median_days < dear.median_days);
        assert!(cheap.low_days < cheap.median_days && cheap.median_days < cheap.high_days);
    }

    #[test]
    fn prior_when_history_is_thin() {
        let h = simulate(10);
        let m = SurvivalModel::fit(&h);
        assert!(m.from_prior);
        let f = m.forecast(0.0, 0.5);
        assert!((f.median_days - 45.0).abs() < 0.1, "{}", f.median_days);
        assert!(f.note.contains("prior"));
    }

    #[test]
    fn demand_counts() {
        let m = SurvivalModel::prior();
        let d = m.demand(0, 0.0);
        // prior: alpha 2, beta 4 → 0.5/day → 3.5 in 7 days
        assert!((d.expected_contacts_7d - 3.5).abs() < 1e-9);
        assert!(d.range_7d.0 <= 3 && d.range_7d.1 >= 4);
        let busy = m.demand(60, 20.0);
        assert!(busy.expected_contacts_30d > d.expected_contacts_30d);
        assert_eq!(nb_quantile(1.0, 0.5, 0.5), 0);
    }
}
