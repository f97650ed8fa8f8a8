//! Autofact (`/autofact/v1`): the merchant's used cars, their valuation, and the market
//! of comparable cars other sellers list (spec section 3).

use rand_chacha::ChaCha8Rng;

use super::SandboxOptions;
use super::churn;
use super::data::{
    DEPRECIATION_PER_YEAR, LIMA_KM_PER_YEAR, MILEAGE_EFFECT_PER_10K, REFERENCE_YEAR,
    condition_factor, gen_car, images, mix32, model_reference_price, timestamp_ms,
};
use super::hazard::Appeal;
use super::http::{FieldSpec, Kind, Reply, cents, validate};
use super::server::{Call, Shared, read};
use super::table::{self, Table};
use treevu_domain::wire::{
    AutofactMarketAnalysis, AutofactValuation, AutofactVehicle, Condition, ListingStatus, Location,
    MarketVehicle, ValuationFactors,
};
use treevu_domain::{Currency, Marketplace};

pub struct AutofactData {
    pub vehicles: Table<AutofactVehicle>,
    pub market: Table<AutofactVehicle>,
    counters: churn::Counters,
}

table::listing! {
    AutofactVehicle, what: "vehicle", mine: autofact.vehicles, counters: autofact.counters,
    contacts: contacts,
    closed: |_v| ListingStatus::Sold,
}

fn vehicle_id(seed: u64, seq: u64) -> String {
    format!(
        "AF-{:08X}",
        mix32((seq as u32) ^ (seed as u32).wrapping_mul(0x85EB_CA6B))
    )
}

/// One car new on line at `now_ms` (active, no engagement yet), and its appeal;
/// [`churn::seed_history`] ages generated ones.
fn make_vehicle(
    rng: &mut ChaCha8Rng,
    seed: u64,
    seq: u64,
    now_ms: i64,
) -> (AutofactVehicle, Appeal) {
    let c = gen_car(rng);
    let created_ms = now_ms / 1000 * 1000;
    let appeal = Appeal::draw(rng, c.price, c.fair_price, created_ms);
    let id = vehicle_id(seed, seq);
    let images = images(rng, "autofact", &id, 4..14);
    (
        AutofactVehicle {
            id,
            title: c.title,
            brand: c.brand.into(),
            model: c.model.into(),
            year: c.year,
            mileage: c.mileage,
            price: c.price,
            currency: Currency::USD,
            condition: Some(c.condition),
            transmission: Some(c.transmission.into()),
            fuel_type: Some(c.fuel_type.into()),
            images,
            location: Location {
                city: "Lima".into(),
                district: c.district.into(),
            },
            status: ListingStatus::Active,
            created_at: timestamp_ms(created_ms),
            updated_at: timestamp_ms(now_ms),
            views: 0,
            contacts: 0,
            favorites: 0,
        },
        appeal,
    )
}

pub fn generate(opts: &SandboxOptions, epoch_ms: i64) -> AutofactData {
    let (vehicles, market) = churn::merchant_and_market(opts, epoch_ms, 0x03_0000, |rng, seq| {
        make_vehicle(rng, opts.seed, seq, epoch_ms)
    });
    AutofactData {
        vehicles,
        market,
        counters: churn::Counters::after(opts),
    }
}

const VEHICLE_FIELDS: &[FieldSpec] = &[
    ("title", Kind::Title, true, false),
    ("brand", Kind::Text, true, false),
    ("model", Kind::Text, true, false),
    ("year", Kind::Year, true, false),
    ("mileage", Kind::Mileage, true, false),
    ("price", Kind::Price, true, false),
    ("currency", Kind::OneOf(&["PEN", "USD"]), false, false),
    (
        "condition",
        Kind::OneOf(&["excellent", "good", "fair", "poor"]),
        false,
        false,
    ),
    (
        "transmission",
        Kind::OneOf(&["manual", "automatic"]),
        false,
        false,
    ),
    (
        "fuelType",
        Kind::OneOf(&["gasoline", "diesel", "hybrid", "electric"]),
        false,
        false,
    ),
    ("images", Kind::TextList, false, false),
    ("location", Kind::Location(false), true, false),
    (
        "status",
        Kind::OneOf(&["active", "sold", "removed"]),
        false,
        false,
    ),
];

/// Comparables of `v` in the market: same brand and model, model year within ±2.
fn comparables<'a>(
    market: &'a Table<AutofactVehicle>,
    v: &AutofactVehicle,
) -> Vec<&'a AutofactVehicle> {
    let mut c: Vec<&AutofactVehicle> = market
        .rows()
        .iter()
        .map(|r| &r.wire)
        .filter(|m| {
            m.brand.eq_ignore_ascii_case(&v.brand)
                && m.model.eq_ignore_ascii_case(&v.model)
                && (m.year - v.year).abs() <= 2
                && m.status != ListingStatus::Removed
        })
        .collect();
    c.sort_by(|a, b| a.id.cmp(&b.id));
    c
}

fn median(sorted: &[f64]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// The valuation: the model's price level, then what year, mileage and condition take
/// off it. Each factor is the amount (USD) it adds, so the factors sum to the estimate.
fn valuation(v: &AutofactVehicle, comparable_count: usize) -> AutofactValuation {
    // Unknown models are priced at the market comparables' level or a Lima average.
    let p0 = model_reference_price(&v.brand, &v.model).unwrap_or(18_000.0);
    // Brand accounts for most of a model's level; the model's own premium is the rest.
    let brand = cents(p0 * 0.7);
    let model = cents(cents(p0) - brand);
    let age = (REFERENCE_YEAR - v.year).max(0) as f64;
    let after_year = p0 * (1.0 - DEPRECIATION_PER_YEAR).powf(age);
    let km_excess = v.mileage as f64 - age * LIMA_KM_PER_YEAR;
    let after_km = after_year * (1.0 - MILEAGE_EFFECT_PER_10K * km_excess / 10_000.0).max(0.5);
    let after_condition = after_km * condition_factor(v.condition.unwrap_or(Condition::Good));
    let year = cents(after_year - p0);
    let mileage = cents(after_km - after_year);
    let condition = cents(after_condition - after_km);
    let estimated = cents(brand + model + year + mileage + condition);
    let confidence =
        ((0.55 + 0.35 * (comparable_count as f64 / 20.0).min(1.0)) * 100.0).round() / 100.0;
    let spread = (1.0 - confidence) * 0.6;
    AutofactValuation {
        vehicle_id: v.id.clone(),
        estimated_value: estimated,
        min_value: cents(estimated * (1.0 - spread)),
        max_value: cents(estimated * (1.0 + spread)),
        confidence,
        factors: ValuationFactors {
            brand,
            model,
            year,
            mileage,
            condition,
        },
    }
}

pub fn handle(call: Call) -> Reply {
    let Call {
        shared, req, id, ..
    } = call;
    match (call.method, call.template) {
        ("GET", "/vehicles") => {
            table::list_mine::<AutofactVehicle>(shared, req, Marketplace::Autofact, churn_now)
        }
        ("POST", "/vehicles") => {
            let changes = match validate(&req.body, VEHICLE_FIELDS, true).and_then(|c| {
                for f in ["brand", "model"] {
                    if c.get(f)
                        .and_then(|v| v.as_str())
                        .is_none_or(|v| v.trim().is_empty())
                    {
                        return Err(Reply::invalid(Some(f), format!("{f} must not be empty")));
                    }
                }
                Ok(c)
            }) {
                Ok(c) => c,
                Err(r) => return r,
            };
            table::create(shared, changes, |seq, now| AutofactVehicle {
                id: vehicle_id(shared.opts.seed, seq),
                title: String::new(),
                brand: String::new(),
                model: String::new(),
                year: REFERENCE_YEAR,
                mileage: 0,
                price: 0.0,
                currency: Currency::USD,
                condition: None,
                transmission: None,
                fuel_type: None,
                images: Vec::new(),
                location: Location {
                    city: String::new(),
                    district: String::new(),
                },
                status: ListingStatus::Active,
                created_at: now.clone(),
                updated_at: now,
                views: 0,
                contacts: 0,
                favorites: 0,
            })
        }
        ("GET", "/vehicles/{vehicle_id}") => match read(&shared.data).autofact.vehicles.get(id) {
            Some(r) => Reply::json(200, &r.wire),
            None => Reply::not_found("vehicle", id),
        },
        ("PUT", "/vehicles/{vehicle_id}") => {
            table::put::<AutofactVehicle>(shared, id, || validate(&req.body, VEHICLE_FIELDS, false))
        }
        ("GET", "/vehicles/{vehicle_id}/valuation") => {
            let data = read(&shared.data);
            let Some(row) = data.autofact.vehicles.get(id) else {
                return Reply::not_found("vehicle", id);
            };
            let n = comparables(&data.autofact.market, &row.wire).len();
            Reply::json(200, &valuation(&row.wire, n))
        }
        ("GET", "/vehicles/{vehicle_id}/market-analysis") => {
            let data = read(&shared.data);
            let Some(row) = data.autofact.vehicles.get(id) else {
                return Reply::not_found("vehicle", id);
            };
            let comps = comparables(&data.autofact.market, &row.wire);
            let mut prices: Vec<f64> = comps.iter().map(|c| c.price).collect();
            prices.sort_by(f64::total_cmp);
            let avg = if prices.is_empty() {
                0.0
            } else {
                cents(prices.iter().sum::<f64>() / prices.len() as f64)
            };
            Reply::json(
                200,
                &AutofactMarketAnalysis {
                    vehicle_id: row.wire.id.clone(),
                    comparable_count: comps.len() as u32,
                    average_price: avg,
                    median_price: median(&prices),
                    min_price: prices.first().copied().unwrap_or(0.0),
                    max_price: prices.last().copied().unwrap_or(0.0),
                    comparables: comps
                        .iter()
                        .map(|c| MarketVehicle {
                            id: c.id.clone(),
                            title: c.title.clone(),
                            brand: c.brand.clone(),
                            model: c.model.clone(),
                            year: c.year,
                            mileage: c.mileage,
                            price: c.price,
                            currency: c.currency,
                            transmission: c.transmission.clone(),
                            fuel_type: c.fuel_type.clone(),
                            listed_on: Some(c.created_at.chars().take(10).collect()),
                        })
                        .collect(),
                },
            )
        }
        _ => Reply::error(404, "not_found", "no such Autofact endpoint"),
    }
}

fn churn_now(shared: &Shared) {
    let seed = shared.opts.seed;
    churn::step_mine(shared, Marketplace::Autofact, 0x03_C000, |rng, seq, now| {
        make_vehicle(rng, seed, seq, now)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::rng_for;

    #[test]
    fn valuation_factors_sum_to_the_estimate() {
        let (v, _) = make_vehicle(&mut rng_for(3, 3), 3, 0, 1_768_478_400_000);
        let val = valuation(&v, 12);
        let f = &val.factors;
        let sum = f.brand + f.model + f.year + f.mileage + f.condition;
        assert!(
            (sum - val.estimated_value).abs() < 0.005,
            "{sum} vs {}",
            val.estimated_value
        );
        assert!(val.min_value < val.estimated_value && val.estimated_value < val.max_value);
    }
}
