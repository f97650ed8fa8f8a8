//! How long a listing stays on the market: the sandbox's time-to-sale model.
//!
//! Every generated listing (the merchant's and the market's) carries a latent
//! [`Appeal`]: the fair price of its segment at generation time (district price level ×
//! area for a home, the depreciated model price for a car; see `data.rs`) and its true
//! buyer-interest rate (contacts per day). From the two observable signals it gets a
//! hazard of closing, Weibull with proportional covariates:
//!
//! ```text
//! h(t) = k · t^(k−1) · exp(η),   η = β₀ + β_p · p + β_c · ln(1 + c)
//! ```
//!
//! where `p` is the asking price's position against the fair price in percent (+10 =
//! 10 % above) and `c` the contacts per day. Cheaper than the market sells faster
//! ([`B_PRICE`] < 0: each 1 % above fair lowers the hazard by about 6 %); more buyer
//! interest sells sooner ([`B_CONTACTS`] > 0). Interest itself falls with price: `c` is
//! a base rate × `exp(`[`CONTACTS_PER_PRICE_PCT`]` · p)` × a log-normal appeal of the
//! listing's own (photos, title, location within the district). The shape
//! [`SHAPE`] > 1 means the chance to close grows a little the longer a listing has been
//! seen. β₀ puts the median at [`MEDIAN_DAYS_AT_MARKET`] days for a listing at the fair
//! price with [`BASE_CONTACTS_PER_DAY`] contacts a day.
//!
//! Generation (`seed_history`, see `churn.rs`): listings arrive uniformly over a window
//! before the sandbox epoch and each draws its days on market `T` from its hazard; the
//! ones whose `T` is shorter than their age closed (`updatedAt` = `createdAt` + `T`,
//! sold/rented or, a quarter of them, removed), the others are still active, censored at
//! their age. The window is chosen so that a seed-determined share (30–40 %) of the
//! listings is already closed. Views and contacts follow the listing's rate × its days
//! on market. Under `--churn` the listings that close in a step are drawn with
//! probability proportional to their hazard at their current age and price (so a price
//! cut makes a sale likelier), and new contacts arrive at each listing's own rate.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Weibull shape of time on market.
pub const SHAPE: f64 = 1.3;
/// Log-hazard per percent of asking price above the fair price.
pub const B_PRICE: f64 = -0.06;
/// Log-hazard per unit of ln(1 + contacts per day).
pub const B_CONTACTS: f64 = 1.2;
/// Median days on market at the fair price and the base contact rate.
pub const MEDIAN_DAYS_AT_MARKET: f64 = 45.0;
/// Buyer contacts per day of a listing at the fair price with an average appeal.
pub const BASE_CONTACTS_PER_DAY: f64 = 0.5;
/// Log-change of the contact rate per percent above the fair price.
pub const CONTACTS_PER_PRICE_PCT: f64 = -0.03;
/// Spread (σ of the log) of a listing's own appeal to buyers.
pub const APPEAL_SIGMA: f64 = 0.6;
/// Share of closings that are removals rather than a sale or rental.
pub const REMOVED_SHARE: f64 = 0.25;

const DAY_MS: f64 = 86_400_000.0;

/// What the sandbox knows of a listing beyond its wire record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Appeal {
    /// The segment's fair price when the listing was generated, in its currency.
    pub fair_price: f64,
    /// True buyer contacts per day.
    pub contact_rate: f64,
    /// `createdAt` in Unix milliseconds.
    pub created_ms: i64,
}

/// A standard normal draw (Box–Muller).
pub fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = rng.gen_range(f64::EPSILON..1.0);
    let u2: f64 = rng.gen_range(0.0..1.0);
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// A Poisson draw: multiplication for small means, a rounded normal for large ones.
pub fn poisson(rng: &mut ChaCha8Rng, mean: f64) -> u64 {
    if mean.is_nan() || mean <= 0.0 {
        return 0;
    }
    if mean > 40.0 {
        return (mean + mean.sqrt() * normal(rng)).round().max(0.0) as u64;
    }
    let limit = (-mean).exp();
    let mut p = 1.0;
    let mut n = 0u64;
    loop {
        p *= rng.gen_range(0.0..1.0);
        if p <= limit {
            return n;
        }
        n += 1;
    }
}

/// β₀: the median is [`MEDIAN_DAYS_AT_MARKET`] at p = 0 and c = [`BASE_CONTACTS_PER_DAY`].
fn intercept() -> f64 {
    std::f64::consts::LN_2.ln()
        - SHAPE * MEDIAN_DAYS_AT_MARKET.ln()
        - B_CONTACTS * (1.0 + BASE_CONTACTS_PER_DAY).ln()
}

impl Appeal {
    /// A new listing asking `price` against `fair_price`: draws its buyer interest.
    pub fn draw(rng: &mut ChaCha8Rng, price: f64, fair_price: f64, created_ms: i64) -> Appeal {
        let mut a = Appeal {
            fair_price,
            contact_rate: 0.0,
            created_ms,
        };
        let p = a.price_position_pct(price);
        a.contact_rate = BASE_CONTACTS_PER_DAY
            * (CONTACTS_PER_PRICE_PCT * p).exp()
            * (APPEAL_SIGMA * normal(rng)).exp();
        a
    }

    /// Asking `price` against the fair price, in percent (+10 = 10 % above).
    pub fn price_position_pct(&self, price: f64) -> f64 {
        if self.fair_price > 0.0 {
            (price / self.fair_price - 1.0) * 100.0
        } else {
            0.0
        }
    }

    /// η, the log relative hazard at asking `price`.
    pub fn log_hazard(&self, price: f64) -> f64 {
        intercept()
            + B_PRICE * self.price_position_pct(price).clamp(-100.0, 300.0)
            + B_CONTACTS * (1.0 + self.contact_rate.max(0.0)).ln()
    }

    /// The hazard (closings per day) after `days` on the market at `price`.
    pub fn hazard_at(&self, price: f64, days: f64) -> f64 {
        SHAPE * days.max(0.5).powf(SHAPE - 1.0) * self.log_hazard(price).exp()
    }

    /// Days on market until it closes, drawn from the hazard at `price`.
    pub fn draw_days_on_market(&self, rng: &mut ChaCha8Rng, price: f64) -> f64 {
        let e = -rng.gen_range(f64::EPSILON..1.0).ln();
        (e / self.log_hazard(price).exp()).powf(1.0 / SHAPE)
    }

    /// Views, contacts and favorites after `days` on line at this listing's rate.
    pub fn engagement(&self, rng: &mut ChaCha8Rng, days: f64) -> (u64, u64, u64) {
        let days = days.max(0.0);
        let contacts = poisson(rng, self.contact_rate * days);
        // One contact per 25 to 100 views, as in the portals' stats.
        let per_contact = rng.gen_range(25.0..100.0);
        let views = ((self.contact_rate * days * per_contact * rng.gen_range(0.85..1.15)).round()
            as u64)
            .max(contacts);
        let favorites = (views as f64 * rng.gen_range(0.02..0.07)).round() as u64;
        (views, contacts, favorites)
    }
}

/// Where one generated listing sits on the sandbox calendar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Life {
    pub created_ms: i64,
    /// Close time when `closed`, else the last edit.
    pub updated_ms: i64,
    pub closed: bool,
    /// Days on market: until the close, or until the epoch when still active.
    pub days: f64,
}

/// Lays `items` (appeal and asking price) on the calendar before `epoch_ms` so that
/// about `closed_share` of them have already closed (see the module doc).
pub fn lay_out(
    rng: &mut ChaCha8Rng,
    items: &[(Appeal, f64)],
    closed_share: f64,
    epoch_ms: i64,
) -> Vec<Life> {
    let draws: Vec<(f64, f64, f64)> = items
        .iter()
        .map(|(a, price)| {
            (
                a.draw_days_on_market(rng, *price),
                rng.gen_range(0.0..1.0),
                rng.gen_range(0.0..1.0),
            )
        })
        .collect();
    let closed_at = |w: f64| draws.iter().filter(|(t, u, _)| *t < u * w).count();
    let target = (closed_share * items.len() as f64).round() as usize;
    // The share closed grows with the window: bisect for the target.
    let (mut lo, mut hi) = (1.0f64, 3650.0f64);
    for _ in 0..40 {
        let mid = (lo * hi).sqrt();
        if closed_at(mid) < target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let window = hi;
    draws
        .iter()
        .map(|&(t, u, edit)| {
            let age = u * window;
            let created_ms = (epoch_ms - (age * DAY_MS) as i64) / 1000 * 1000;
            let (closed, days) = if t < age { (true, t) } else { (false, age) };
            let updated_ms = if closed {
                created_ms + (t * DAY_MS) as i64
            } else {
                created_ms + (edit * age * DAY_MS) as i64
            } / 1000
                * 1000;
            Life {
                created_ms,
                updated_ms: updated_ms.max(created_ms),
                closed,
                days,
            }
        })
        .collect()
}

/// The share of generated listings already closed, 30–40 % by seed.
pub fn closed_share(seed: u64) -> f64 {
    let mut rng = super::data::rng_for(seed, 0x4A2A_4D00);
    rng.gen_range(0.30..0.40)
}

#[cfg(test)]
mod tests {
    use super::*;
    use treevu_pricing::forecast::{HistoryRecord, SurvivalModel};

    fn sample(n: usize, seed: u64) -> (Vec<(Appeal, f64)>, Vec<Life>) {
        let mut rng = super::super::data::rng_for(seed, 9);
        let items: Vec<(Appeal, f64)> = (0..n)
            .map(|_| {
                let fair = 100_000.0;
                let price = fair * rng.gen_range(0.75..1.25);
                (Appeal::draw(&mut rng, price, fair, 0), price)
            })
            .collect();
        let lives = lay_out(&mut rng, &items, 0.35, 1_700_000_000_000);
        (items, lives)
    }

    #[test]
    fn cheaper_and_busier_listings_have_higher_hazard() {
        let a = Appeal {
            fair_price: 100.0,
            contact_rate: 0.5,
            created_ms: 0,
        };
        assert!(a.log_hazard(90.0) > a.log_hazard(110.0));
        let busy = Appeal {
            contact_rate: 2.0,
            ..a
        };
        assert!(busy.log_hazard(100.0) > a.log_hazard(100.0));
        // The median at market with the base rate is the documented one.
        let median = (std::f64::consts::LN_2 / a.log_hazard(100.0).exp()).powf(1.0 / SHAPE);
        assert!((median - MEDIAN_DAYS_AT_MARKET).abs() < 1e-6, "{median}");
    }

    #[test]
    fn layout_hits_the_closed_share_and_keeps_time_consistent() {
        let (_, lives) = sample(2000, 3);
        let closed = lives.iter().filter(|l| l.closed).count() as f64 / 2000.0;
        assert!((closed - 0.35).abs() < 0.01, "{closed}");
        for l in &lives {
            assert!(l.updated_ms >= l.created_ms);
            assert!(l.created_ms <= 1_700_000_000_000);
            assert!(l.updated_ms <= 1_700_000_000_000);
        }
    }

    #[test]
    fn generated_history_is_rankable_by_the_forecast_model() {
        let (items, lives) = sample(600, 5);
        let mut rng = super::super::data::rng_for(5, 10);
        let h: Vec<HistoryRecord> = items
            .iter()
            .zip(&lives)
            .map(|((a, price), l)| {
                let (_, contacts, _) = a.engagement(&mut rng, l.days);
                HistoryRecord {
                    days_observed: l.days,
                    event: l.closed,
                    price_position_pct: a.price_position_pct(*price),
                    contacts_per_day: contacts as f64 / l.days.max(0.1),
                }
            })
            .collect();
        let m = SurvivalModel::fit(&h);
        let c = m.concordance(&h);
        assert!(c >= 0.70, "C = {c}, model {m:?}");
        assert!(m.beta[1] < 0.0, "{m:?}");
    }
}
