//! Deliberate failures: server errors at a chosen rate, and records that break the
//! spec's validation (section 8.2) so clients prove they set them aside and go on.

use rand::Rng;
use rand::seq::index::sample;
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};

/// How a record is broken when served in a list page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malform {
    /// Title under 5 characters.
    ShortTitle,
    /// Price 0 or negative.
    NonPositivePrice,
    /// `price` missing.
    MissingPrice,
    /// `title` missing.
    MissingTitle,
    /// Price as text, the way some scrapers forward it.
    PriceAsText,
    /// Id as a number instead of a string.
    NumericId,
}

const KINDS: [Malform; 6] = [
    Malform::ShortTitle,
    Malform::NonPositivePrice,
    Malform::MissingPrice,
    Malform::MissingTitle,
    Malform::PriceAsText,
    Malform::NumericId,
];

impl Malform {
    pub fn apply(self, v: &mut Value) {
        let Some(obj) = v.as_object_mut() else {
            return;
        };
        match self {
            Malform::ShortTitle => {
                obj.insert("title".into(), json!("Ok"));
            }
            Malform::NonPositivePrice => {
                let neg = obj.get("price").and_then(Value::as_f64).unwrap_or(1.0) as i64 % 2 == 0;
                obj.insert("price".into(), if neg { json!(-1) } else { json!(0) });
            }
            Malform::MissingPrice => {
                obj.remove("price");
            }
            Malform::MissingTitle => {
                obj.remove("title");
            }
            Malform::PriceAsText => {
                let p = obj.get("price").and_then(Value::as_f64).unwrap_or(0.0);
                obj.insert("price".into(), json!(format!("S/ {p:.0}")));
            }
            Malform::NumericId => {
                let n: u64 = obj
                    .get("id")
                    .and_then(Value::as_str)
                    .map(|s| {
                        s.bytes().fold(7u64, |h, b| h.wrapping_mul(31) ^ b as u64) % 1_000_000_000
                    })
                    .unwrap_or(0);
                obj.insert("id".into(), json!(n));
            }
        }
    }
}

/// Picks exactly `round(rate × n)` of `n` records to break, and how: a fixed subset for a
/// seed, so a test can count them and a rerun meets the same ones.
pub fn pick_malformed(rng: &mut ChaCha8Rng, n: usize, rate: f64) -> Vec<(usize, Malform)> {
    let k = ((rate.clamp(0.0, 1.0) * n as f64).round() as usize).min(n);
    if k == 0 {
        return Vec::new();
    }
    let mut picked: Vec<usize> = sample(rng, n, k).into_vec();
    picked.sort_unstable();
    picked
        .into_iter()
        .map(|i| (i, KINDS[rng.gen_range(0..KINDS.len())]))
        .collect()
}

/// Rolls for a server error on each API answer.
pub struct FaultDice {
    rng: ChaCha8Rng,
    rate: f64,
}

impl FaultDice {
    pub fn new(rng: ChaCha8Rng, rate: f64) -> Self {
        FaultDice {
            rng,
            rate: rate.clamp(0.0, 1.0),
        }
    }

    /// The status to fail with, if this answer fails.
    pub fn roll(&mut self) -> Option<u16> {
        if self.rate <= 0.0 || self.rng.gen_range(0.0..1.0) >= self.rate {
            return None;
        }
        Some([500, 502, 503][self.rng.gen_range(0..3)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::rng_for;

    #[test]
    fn picks_the_exact_share() {
        let p = pick_malformed(&mut rng_for(1, 9), 500, 0.2);
        assert_eq!(p.len(), 100);
        assert!(pick_malformed(&mut rng_for(1, 9), 500, 0.0).is_empty());
    }

    #[test]
    fn every_kind_breaks_a_valid_record() {
        for k in KINDS {
            let mut v = json!({"id": "a1", "title": "Casa en Surco", "price": 100.0});
            k.apply(&mut v);
            let title_ok = v["title"].as_str().is_some_and(|t| t.chars().count() >= 5);
            let price_ok = v["price"].as_f64().is_some_and(|p| p > 0.0);
            let id_ok = v["id"].is_string();
            assert!(!(title_ok && price_ok && id_ok), "{k:?} left {v}");
        }
    }
}
