//! Why an estimate is what it is, as typed facts: each [`Reason`] is one
//! sentence (or note) of a rationale with the numbers and names it states.
//!
//! The engine keeps its English text (`Display`, what JSON and logs carry)
//! and hands the reasons over beside it; treevu renders them in the reader's
//! language from its catalogs. No words for people are chosen here beyond
//! that English: the engine does not know about languages.

use std::fmt;

use treevu_domain::{Currency, Operation, PropertyType};

use crate::vehicle::VehicleFactors;

/// Where a home figure of the built-in tables comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum FactsPlace {
    /// The district's own figure.
    District(String),
    /// The district's figure of a sibling segment (`rents`, `sales`,
    /// `apartments`) moved by the city-wide ratio.
    Sibling {
        place: String,
        of: Sibling,
    },
    /// A sale house from the district's apartment rents.
    ApartmentRents(String),
    Zone(String),
    City,
}

/// The sibling segment a home figure was borrowed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sibling {
    Rents,
    Sales,
    Apartments,
}

impl Sibling {
    pub fn as_str(self) -> &'static str {
        match self {
            Sibling::Rents => "rents",
            Sibling::Sales => "sales",
            Sibling::Apartments => "apartments",
        }
    }
}

/// Which cars a car figure of the built-in tables is the level of.
#[derive(Debug, Clone, PartialEq)]
pub enum CarsOf {
    All,
    /// A tier of brands: `luxury`, `mainstream` or `chinese`.
    Tier(String),
    Brand(String),
    Family {
        brand: String,
        family: String,
    },
    Model {
        brand: String,
        model: String,
    },
}

/// What the built-in Lima figures said and over how much data.
#[derive(Debug, Clone, PartialEq)]
pub enum FactsWhy {
    Home(HomeFigures),
    Car(CarFigures),
}

/// The figure of a home segment and place.
#[derive(Debug, Clone, PartialEq)]
pub struct HomeFigures {
    /// The month of the figures (`Jan 2026`) and the months their listings span.
    pub as_of: String,
    pub vintage: String,
    pub listings: usize,
    pub place: FactsPlace,
    /// Median price per m² (PEN; per month for a rent).
    pub ppm2: f64,
    pub rent: bool,
    pub count: usize,
    /// Land and commercial premises: not in the data, a documented
    /// share (55% or 110%) of the house or apartment figure.
    pub assumption: Option<Assumption>,
    /// The segment's median area, when the item's was unusable.
    pub assumed_area: Option<f64>,
}

/// The level of a kind of car.
#[derive(Debug, Clone, PartialEq)]
pub struct CarFigures {
    pub as_of: String,
    pub listings: usize,
    pub of: CarsOf,
    pub count: usize,
    /// Value lost per model year, in percent.
    pub per_year_percent: f64,
    pub km_per_year: f64,
}

/// A home segment the Lima data lacks, priced from another's figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Assumption {
    pub operation: Operation,
    pub property_type: PropertyType,
    /// The share of the base figure, in percent (55 or 110).
    pub percent: u32,
    pub base: PropertyType,
}

/// The boosted model's part in a home estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Correction {
    /// It corrected the comparables; trained on this many pool listings.
    Boosted { pool_listings: usize },
    /// Fitted, but it did not beat the comparables out of fold for the segment.
    NotBoosted,
    /// No boosted model on this pool.
    None,
}

/// A home compared with its nearest listings of the pool.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub count: usize,
    pub property_type: PropertyType,
    pub operation: Operation,
    pub district: Option<String>,
    pub elasticity: f64,
    pub correction: Correction,
}

/// How buyers respond, as the recommendation's engagement nudge reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Response {
    Hot,
    ColdAfterAMonth,
    Ordinary,
}

/// One sentence of a rationale, or one note.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    // Homes.
    HomeComparables(Comparison),
    HomeFromFacts {
        facts: FactsWhy,
        property_type: PropertyType,
        operation: Operation,
    },
    HomeBlended {
        facts: FactsWhy,
        /// The figures' share of the blend, in percent.
        weight_percent: f64,
        district_listings: f64,
        spread: f64,
    },
    HomeHeld {
        before: f64,
        low_ppm2: f64,
        high_ppm2: f64,
        currency: Currency,
    },
    /// The 80% range and the confidence, and the level the comparison was
    /// widened to (homes: `zone`, `city`) or made at (cars: below `model-year`).
    Range {
        cars: bool,
        confidence_percent: f64,
        widened_to: Option<String>,
    },
    ConvertedFromPen {
        rate: f64,
    },
    // Cars.
    /// From the pool's typical car (`factors.base`) step by step; a
    /// condition of 0 is not named.
    CarSteps {
        factors: VehicleFactors,
        currency: Currency,
        boosted: bool,
        comparables: usize,
    },
    CarFromFacts {
        facts: FactsWhy,
        condition: Option<f64>,
    },
    CarPrior,
    CarBlended {
        facts: FactsWhy,
        weight_percent: f64,
        same_model: f64,
    },
    ConvertedFromUsd {
        rate: f64,
    },
    // A recommendation, after the estimate's reasons.
    AskingAgainst {
        percent: f64,
    },
    Response(Response),
    Step {
        percent: f64,
        below: bool,
        max_step_percent: f64,
    },
    // Notes.
    FewHomes {
        district: Option<String>,
        level: String,
        widen: f64,
    },
    HomePrior,
    NoArea,
    PoolConverted {
        from: Currency,
        to: Currency,
        rate: f64,
    },
    FewCars {
        level: String,
        widen: f64,
    },
    NotLimaCar,
    EmptyPool,
    // A market analysis's basis.
    MarketComparables {
        count: usize,
    },
    MarketFacts {
        facts: FactsWhy,
        local: usize,
    },
    // A time-to-sale forecast.
    ForecastPrior {
        records: usize,
        sold: usize,
        median_days: f64,
    },
    ForecastFitted {
        records: usize,
        sold: usize,
        shape: f64,
    },
}

/// The engine's English of a list of sentences: each after the one before,
/// one space between (the JSON `rationale`).
pub fn sentences(reasons: &[Reason]) -> String {
    reasons
        .iter()
        .map(Reason::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

fn kind(op: Operation, t: PropertyType) -> &'static str {
    match (op, t) {
        (Operation::Sale, PropertyType::Apartment) => "sale apartments",
        (Operation::Sale, PropertyType::House) => "sale houses",
        (Operation::Rent, PropertyType::Apartment) => "rent apartments",
        (Operation::Rent, PropertyType::House) => "rent houses",
        (Operation::Sale, PropertyType::Land) => "sale land",
        (Operation::Rent, PropertyType::Land) => "rent land",
        (Operation::Sale, PropertyType::Commercial) => "sale commercial premises",
        (Operation::Rent, PropertyType::Commercial) => "rent commercial premises",
    }
}

impl fmt::Display for FactsPlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactsPlace::District(p) => write!(f, "{p}"),
            FactsPlace::Sibling { place, of } => write!(f, "{place} (from its {})", of.as_str()),
            FactsPlace::ApartmentRents(p) => write!(f, "{p} (from its apartment rents)"),
            FactsPlace::Zone(z) => write!(f, "{z} zone"),
            FactsPlace::City => write!(f, "Lima city"),
        }
    }
}

impl fmt::Display for CarsOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CarsOf::All => write!(f, "all Lima cars"),
            CarsOf::Tier(t) => write!(f, "{t} brands"),
            CarsOf::Brand(b) => write!(f, "{b} cars"),
            CarsOf::Family { brand, family } => write!(f, "{brand} {family} family"),
            CarsOf::Model { brand, model } => write!(f, "{brand} {model}"),
        }
    }
}

impl fmt::Display for FactsWhy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactsWhy::Home(h) => {
                write!(
                    f,
                    "built-in Lima figures of {} ({} listings seen {}): {} median S/ {:.0} per m²{} over {} listings",
                    h.as_of,
                    h.listings,
                    h.vintage,
                    h.place,
                    h.ppm2,
                    if h.rent { " a month" } else { "" },
                    h.count
                )?;
                if let Some(a) = &h.assumption {
                    write!(
                        f,
                        "; the Lima data has no {}: {}% of the {} figure is an assumption, not data",
                        kind(a.operation, a.property_type),
                        a.percent,
                        a.base.as_str()
                    )?;
                }
                if let Some(area) = h.assumed_area {
                    write!(
                        f,
                        "; no usable area, so the segment's median {area:.0} m² was assumed"
                    )?;
                }
                Ok(())
            }
            FactsWhy::Car(c) => write!(
                f,
                "built-in Lima figures of {} ({} Lima car listings): level of {} over {} listings, {:.1}% per model year, mileage against the Lima norm of {:.0} km a year",
                c.as_of, c.listings, c.of, c.count, c.per_year_percent, c.km_per_year
            ),
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::HomeComparables(c) => {
                write!(
                    f,
                    "Compared with {} similar {} listings for {} (same operation and type, closest in district, area, rooms and fees)",
                    c.count,
                    c.property_type.as_str(),
                    c.operation.as_str()
                )?;
                if let Some(d) = &c.district {
                    write!(f, " around {d}")?;
                }
                write!(
                    f,
                    "; their prices were adjusted for size with an area elasticity of {:.2} and weighted by similarity",
                    c.elasticity
                )?;
                match c.correction {
                    Correction::Boosted { pool_listings } => write!(
                        f,
                        ", then a boosted model trained on {pool_listings} pool listings corrected for location level, rooms, fees and listing words"
                    )?,
                    Correction::NotBoosted => write!(
                        f,
                        ", without the boosted correction (on this pool it did not beat the comparables out of fold for this segment)"
                    )?,
                    Correction::None => {}
                }
                write!(f, ".")
            }
            Reason::HomeFromFacts {
                facts,
                property_type,
                operation,
            } => write!(
                f,
                "From the {facts}; no local comparables of this operation and type ({} for {}).",
                property_type.as_str(),
                operation.as_str()
            ),
            Reason::HomeBlended {
                facts,
                weight_percent,
                district_listings,
                spread,
            } => write!(
                f,
                "Blended with the {facts} ({weight_percent:.0}% weight: {district_listings} pool listings of this kind in the district, spread {spread:.2})."
            ),
            Reason::HomeHeld {
                before,
                low_ppm2,
                high_ppm2,
                currency,
            } => write!(
                f,
                "The estimate ({before}) was held to the listed comparables' range of price per m² ({low_ppm2}–{high_ppm2} {currency:?}), which it would have left."
            ),
            Reason::Range {
                cars: false,
                confidence_percent,
                widened_to,
            } => {
                write!(
                    f,
                    "The 80% range comes from out-of-sample errors; confidence {confidence_percent:.0}% reflects how wide it is"
                )?;
                if let Some(level) = widened_to {
                    write!(
                        f,
                        " and that the district had few listings, so the comparison was widened to the {level}"
                    )?;
                }
                write!(f, ".")
            }
            Reason::Range {
                cars: true,
                confidence_percent,
                widened_to,
            } => {
                write!(
                    f,
                    "The range is the 80% band of out-of-sample errors for similar cars; confidence {confidence_percent:.0}% reflects its width"
                )?;
                if let Some(level) = widened_to {
                    write!(
                        f,
                        " and that few listings of this model-year exist (compared at {level} level)"
                    )?;
                }
                write!(f, ".")
            }
            Reason::ConvertedFromPen { rate } => {
                write!(f, "Prices were converted from PEN at {rate} PEN per USD.")
            }
            Reason::CarSteps {
                factors: v,
                currency,
                boosted,
                comparables,
            } => {
                write!(
                    f,
                    "Started from the pool's typical car (about {:.0} {currency:?}) and moved step by step: brand {:+.0}, model {:+.0}, model year {:+.0}, mileage {:+.0}",
                    v.base, v.brand, v.model, v.year, v.mileage
                )?;
                if v.condition != 0.0 {
                    write!(f, ", condition {:+.0}", v.condition)?;
                }
                write!(
                    f,
                    ", then {:+.0} from the {} and {comparables} same-model comparables (engine, body, transmission, fuel).",
                    v.other,
                    if *boosted {
                        "boosted model"
                    } else {
                        "levels (a boosted correction did not beat them out of fold on this pool)"
                    }
                )
            }
            Reason::CarFromFacts { facts, condition } => {
                write!(f, "From the {facts}; no local comparables.")?;
                match condition {
                    Some(c) => write!(f, " Condition {c:+.0}."),
                    None => Ok(()),
                }
            }
            Reason::CarPrior => write!(
                f,
                "No comparable and no built-in figure: a catalogue prior."
            ),
            Reason::CarBlended {
                facts,
                weight_percent,
                same_model,
            } => write!(
                f,
                "Blended with the {facts} ({weight_percent:.0}% weight: {same_model} same-model pool listings)."
            ),
            Reason::ConvertedFromUsd { rate } => {
                write!(f, "Converted from USD at {rate} PEN per USD.")
            }
            Reason::AskingAgainst { percent } => {
                write!(f, "The current asking price is {percent:+.1}% against it.")
            }
            Reason::Response(r) => f.write_str(match r {
                Response::Hot => {
                    "Buyers are responding strongly (readiness hot), so the price sits 3% above the market estimate."
                }
                Response::ColdAfterAMonth => {
                    "After a month with little buyer response (readiness cold), the price sits 3% below the market estimate."
                }
                Response::Ordinary => {
                    "Buyer response is ordinary, so the price is the market estimate."
                }
            }),
            Reason::Step {
                percent,
                below,
                max_step_percent,
            } => write!(
                f,
                "The market estimate is {percent:.0}% {} the asking price; the recommendation moves {max_step_percent:.0}% toward it, the most one step proposes.",
                if *below { "below" } else { "above" }
            ),
            Reason::FewHomes {
                district,
                level,
                widen,
            } => write!(
                f,
                "few listings of this kind in {}: compared at {level} level, range widened ×{widen:.1}",
                district.as_deref().unwrap_or("the district")
            ),
            Reason::HomePrior => write!(
                f,
                "no comparable and no built-in figure: prior price per m² used"
            ),
            Reason::NoArea => write!(
                f,
                "area missing or implausible: estimate relies on rooms and location"
            ),
            Reason::PoolConverted { from, to, rate } => write!(
                f,
                "pool prices in {from:?} converted to {to:?} at {rate} PEN per USD"
            ),
            Reason::FewCars { level, widen } => write!(
                f,
                "few listings of this model-year: compared at {level} level, range widened ×{widen:.1}"
            ),
            Reason::NotLimaCar => write!(
                f,
                "the built-in figures are of Lima cars; this car's market may differ"
            ),
            Reason::EmptyPool => write!(f, "empty pool: catalogue prior used"),
            Reason::MarketComparables { count } => {
                write!(f, "{count} comparables of the same operation and type")
            }
            Reason::MarketFacts { facts, local } => match local {
                0 => write!(f, "{facts}; no local comparables"),
                n => write!(f, "{facts}; only {n} local comparables"),
            },
            Reason::ForecastPrior {
                records,
                sold,
                median_days,
            } => write!(
                f,
                "too little history ({records} records, {sold} sold): documented prior used (median {median_days} days at market price)"
            ),
            Reason::ForecastFitted {
                records,
                sold,
                shape,
            } => write!(
                f,
                "Weibull model fitted on {records} records ({sold} sold), shape {shape:.1}"
            ),
        }
    }
}
