//! The pricing engine's typed reasons (`pricing::reason`) in the reader's
//! language, from `locales/<lang>/pricing.ftl`.
//!
//! Numbers are formatted here as the engine's English writes them (so the
//! English catalog reads exactly as the JSON `rationale`, which a test
//! checks); counts go as counts, for plural rules and grouping.

use super::{Arg, Localizer, Msg};
use crate::msg;
use crate::pricing::reason::{CarsOf, Correction, FactsPlace, FactsWhy, Reason, Response};

/// Sentences one after the other, as one paragraph.
pub fn paragraph(loc: &Localizer, reasons: &[Reason]) -> String {
    joined(loc, reasons, " ")
}

fn joined(loc: &Localizer, reasons: &[Reason], between: &str) -> String {
    reasons
        .iter()
        .map(|r| text(loc, r))
        .collect::<Vec<_>>()
        .join(between)
}

/// One reason in `loc`'s language.
pub fn text(loc: &Localizer, r: &Reason) -> String {
    loc.text(&message(loc, r))
}

fn fixed(x: f64, decimals: usize) -> Arg {
    Arg::Text(format!("{x:.decimals$}"))
}

fn signed(x: f64) -> Arg {
    Arg::Text(format!("{x:+.0}"))
}

/// A number as the engine's English shows it (`3.75`, `412000`).
fn plain(x: f64) -> Arg {
    Arg::Text(x.to_string())
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

fn message(loc: &Localizer, r: &Reason) -> Msg {
    match r {
        Reason::HomeComparables(c) => {
            let (correction, pool_listings) = match c.correction {
                Correction::Boosted { pool_listings } => ("boosted", pool_listings),
                Correction::NotBoosted => ("unboosted", 0),
                Correction::None => ("none", 0),
            };
            msg!(
                "why-home-comparables",
                count = c.count,
                property = c.property_type.as_str(),
                operation = c.operation.as_str(),
                in_district = yes(c.district.is_some()),
                district = c.district.clone().unwrap_or_default(),
                elasticity = fixed(c.elasticity, 2),
                correction = correction,
                pool_listings = pool_listings
            )
        }
        Reason::HomeFromFacts {
            facts: f,
            property_type,
            operation,
        } => msg!(
            "why-home-from-facts",
            facts = facts(loc, f),
            property = property_type.as_str(),
            operation = operation.as_str()
        ),
        Reason::HomeBlended {
            facts: f,
            weight_percent,
            district_listings,
            spread,
        } => msg!(
            "why-home-blended",
            facts = facts(loc, f),
            weight = fixed(*weight_percent, 0),
            listings = plain(*district_listings),
            spread = fixed(*spread, 2)
        ),
        Reason::HomeHeld {
            before,
            low_ppm2,
            high_ppm2,
            currency,
        } => msg!(
            "why-home-held",
            before = plain(*before),
            low = plain(*low_ppm2),
            high = plain(*high_ppm2),
            currency = currency.code()
        ),
        Reason::Range {
            cars,
            confidence_percent,
            widened_to,
        } => Msg::new(if *cars {
            "why-car-range"
        } else {
            "why-home-range"
        })
        .arg("confidence", fixed(*confidence_percent, 0))
        .arg("widened", yes(widened_to.is_some()))
        .arg("level", widened_to.clone().unwrap_or_default()),
        Reason::ConvertedFromPen { rate } => msg!("why-converted-from-pen", rate = plain(*rate)),
        Reason::CarSteps {
            factors: v,
            currency,
            boosted,
            comparables,
        } => msg!(
            "why-car-steps",
            typical = fixed(v.base, 0),
            currency = currency.code(),
            brand = signed(v.brand),
            model = signed(v.model),
            year = signed(v.year),
            mileage = signed(v.mileage),
            has_condition = yes(v.condition != 0.0),
            condition = signed(v.condition),
            other = signed(v.other),
            boosted = yes(*boosted),
            comparables = *comparables
        ),
        Reason::CarFromFacts {
            facts: f,
            condition,
        } => msg!(
            "why-car-from-facts",
            facts = facts(loc, f),
            has_condition = yes(condition.is_some()),
            condition = signed(condition.unwrap_or_default())
        ),
        Reason::CarPrior => Msg::new("why-car-prior"),
        Reason::CarBlended {
            facts: f,
            weight_percent,
            same_model,
        } => msg!(
            "why-car-blended",
            facts = facts(loc, f),
            weight = fixed(*weight_percent, 0),
            listings = plain(*same_model)
        ),
        Reason::ConvertedFromUsd { rate } => msg!("why-converted-from-usd", rate = plain(*rate)),
        Reason::AskingAgainst { percent } => msg!(
            "why-asking-against",
            percent = Arg::Text(format!("{percent:+.1}"))
        ),
        Reason::Response(Response::Hot) => Msg::new("why-response-hot"),
        Reason::Response(Response::ColdAfterAMonth) => Msg::new("why-response-cold"),
        Reason::Response(Response::Ordinary) => Msg::new("why-response-ordinary"),
        Reason::Step {
            percent,
            below,
            max_step_percent,
        } => msg!(
            "why-step",
            percent = fixed(*percent, 0),
            direction = if *below { "below" } else { "above" },
            max_step = fixed(*max_step_percent, 0)
        ),
        Reason::FewHomes {
            district,
            level,
            widen,
        } => msg!(
            "note-few-homes",
            in_district = yes(district.is_some()),
            district = district.clone().unwrap_or_default(),
            level = level,
            widen = fixed(*widen, 1)
        ),
        Reason::HomePrior => Msg::new("note-home-prior"),
        Reason::NoArea => Msg::new("note-no-area"),
        Reason::PoolConverted { from, to, rate } => msg!(
            "note-pool-converted",
            from = from.code(),
            to = to.code(),
            rate = plain(*rate)
        ),
        Reason::FewCars { level, widen } => {
            msg!("note-few-cars", level = level, widen = fixed(*widen, 1))
        }
        Reason::NotLimaCar => Msg::new("note-not-lima-car"),
        Reason::EmptyPool => Msg::new("note-empty-pool"),
        Reason::MarketComparables { count } => msg!("basis-comparables", count = *count),
        Reason::MarketFacts { facts: f, local } => {
            msg!("basis-facts", facts = facts(loc, f), local = *local)
        }
        Reason::ForecastPrior {
            records,
            sold,
            median_days,
        } => msg!(
            "forecast-prior",
            records = *records,
            sold = *sold,
            days = plain(*median_days)
        ),
        Reason::ForecastFitted {
            records,
            sold,
            shape,
        } => msg!(
            "forecast-fitted",
            records = *records,
            sold = *sold,
            shape = fixed(*shape, 1)
        ),
    }
}

/// The built-in figures as the noun phrase the sentences name.
fn facts(loc: &Localizer, f: &FactsWhy) -> String {
    let m = match f {
        FactsWhy::Home(h) => {
            let place = match &h.place {
                FactsPlace::District(p) => msg!("facts-place-district", place = p),
                FactsPlace::Sibling { place, of } => {
                    msg!("facts-place-sibling", place = place, of = of.as_str())
                }
                FactsPlace::ApartmentRents(p) => msg!("facts-place-apartment-rents", place = p),
                FactsPlace::Zone(z) => msg!("facts-place-zone", place = z),
                FactsPlace::City => Msg::new("facts-place-city"),
            };
            let a = h.assumption;
            msg!(
                "facts-home",
                as_of = months(loc, &h.as_of),
                vintage = months(loc, &h.vintage),
                listings = h.listings,
                place = loc.text(&place),
                ppm2 = fixed(h.ppm2, 0),
                rent = yes(h.rent),
                count = h.count,
                assumed = yes(a.is_some()),
                kind = a.map_or(String::new(), |a| format!(
                    "{}-{}",
                    a.operation.as_str(),
                    a.property_type.as_str()
                )),
                percent = a.map_or(0, |a| a.percent),
                base = a.map_or("", |a| a.base.as_str()),
                no_area = yes(h.assumed_area.is_some()),
                area = fixed(h.assumed_area.unwrap_or_default(), 0)
            )
        }
        FactsWhy::Car(c) => {
            let cars = match &c.of {
                CarsOf::All => Msg::new("facts-cars-all"),
                CarsOf::Tier(t) => msg!("facts-cars-tier", tier = t),
                CarsOf::Brand(b) => msg!("facts-cars-brand", brand = b),
                CarsOf::Family { brand, family } => {
                    msg!("facts-cars-family", brand = brand, family = family)
                }
                CarsOf::Model { brand, model } => {
                    msg!("facts-cars-model", brand = brand, model = model)
                }
            };
            msg!(
                "facts-car",
                as_of = months(loc, &c.as_of),
                listings = c.listings,
                cars = loc.text(&cars),
                count = c.count,
                per_year = fixed(c.per_year_percent, 1),
                km = fixed(c.km_per_year, 0)
            )
        }
    };
    loc.text(&m)
}

/// The figures' months (`Dec 2025 – Jan 2026`, as the engine names them)
/// with the catalog's month names.
fn months(loc: &Localizer, text: &str) -> String {
    loc.months(text)
}

/// The paragraph of `reasons`, or `text` when there are none (a rationale
/// an LLM wrote, or one read back from JSON, which carries only the text).
pub fn or_text(loc: &Localizer, reasons: &[Reason], text: &str) -> String {
    if reasons.is_empty() {
        text.to_string()
    } else {
        paragraph(loc, reasons)
    }
}

/// Notes, one after the other.
pub fn notes(loc: &Localizer, notes: &[Reason]) -> String {
    joined(loc, notes, "; ")
}
