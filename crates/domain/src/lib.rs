//! Shared vocabulary of treevu: marketplaces, currencies (and the PEN/USD rate),
//! exact money amounts, listing references, operations and property types,
//! timestamps, and the three marketplace APIs' wire types ([`wire`]).
//!
//! No I/O. The pricing engine, the sandbox and the `treevu` crate all speak these
//! types, so there is one name per idea and the compiler keeps it that way.

pub mod lenient;
pub mod time;
pub mod wire;

use std::fmt;
use std::str::FromStr;

use serde::de::IntoDeserializer;
use serde::de::value::{self, StringDeserializer};
use serde::{Deserialize, Serialize};

/// The three marketplaces treevu talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Marketplace {
    Olx,
    Inmuebles24,
    Autofact,
}

impl Marketplace {
    pub const ALL: [Marketplace; 3] = [
        Marketplace::Olx,
        Marketplace::Inmuebles24,
        Marketplace::Autofact,
    ];

    /// Identifier used on the command line, in the store and in keyring entries.
    pub fn as_str(self) -> &'static str {
        match self {
            Marketplace::Olx => "olx",
            Marketplace::Inmuebles24 => "inmuebles24",
            Marketplace::Autofact => "autofact",
        }
    }

    /// Name as merchants know it.
    pub fn display_name(self) -> &'static str {
        match self {
            Marketplace::Olx => "OLX",
            Marketplace::Inmuebles24 => "Inmuebles24",
            Marketplace::Autofact => "Autofact",
        }
    }

    /// OLX and Inmuebles24 connect by OAuth; Autofact by the merchant's API key.
    pub fn uses_oauth(self) -> bool {
        !matches!(self, Marketplace::Autofact)
    }

    /// The spec's hourly request limit per account.
    pub fn hourly_limit(self) -> u32 {
        match self {
            Marketplace::Olx => 1000,
            Marketplace::Inmuebles24 => 500,
            Marketplace::Autofact => 2000,
        }
    }

    /// The spec's polling cadence (section 6): OLX 6 h, Inmuebles24 12 h, Autofact 8 h.
    pub fn default_sync_interval_hours(self) -> u32 {
        match self {
            Marketplace::Olx => 6,
            Marketplace::Inmuebles24 => 12,
            Marketplace::Autofact => 8,
        }
    }

    /// Upper-case prefix for environment variables (`TREEVU_OLX_...`).
    pub fn env_prefix(self) -> &'static str {
        match self {
            Marketplace::Olx => "TREEVU_OLX",
            Marketplace::Inmuebles24 => "TREEVU_INMUEBLES24",
            Marketplace::Autofact => "TREEVU_AUTOFACT",
        }
    }
}

impl fmt::Display for Marketplace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown marketplace '{0}': expected olx, inmuebles24 or autofact")]
pub struct UnknownMarketplace(pub String);

impl FromStr for Marketplace {
    type Err = UnknownMarketplace;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "olx" => Ok(Marketplace::Olx),
            "inmuebles24" | "i24" => Ok(Marketplace::Inmuebles24),
            "autofact" => Ok(Marketplace::Autofact),
            _ => Err(UnknownMarketplace(s.to_string())),
        }
    }
}

/// Currencies used by Peruvian listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Currency {
    #[default]
    PEN,
    USD,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::PEN => "PEN",
            Currency::USD => "USD",
        }
    }

    /// The symbol merchants read: `S/` for soles, `US$` for dollars.
    pub fn symbol(self) -> &'static str {
        match self {
            Currency::PEN => "S/",
            Currency::USD => "US$",
        }
    }

    /// Amount in this currency → PEN.
    pub fn to_pen(self, amount: f64, pen_per_usd: f64) -> f64 {
        match self {
            Currency::PEN => amount,
            Currency::USD => amount * pen_per_usd,
        }
    }

    /// Amount in PEN → this currency.
    pub fn from_pen(self, pen: f64, pen_per_usd: f64) -> f64 {
        match self {
            Currency::PEN => pen,
            Currency::USD => pen / pen_per_usd,
        }
    }

    /// Converts `amount` from `self` to `to`.
    pub fn convert(self, amount: f64, to: Currency, pen_per_usd: f64) -> f64 {
        to.from_pen(self.to_pen(amount, pen_per_usd), pen_per_usd)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown currency '{0}': expected PEN or USD")]
pub struct UnknownCurrency(pub String);

impl FromStr for Currency {
    type Err = UnknownCurrency;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "PEN" | "S/" | "S/." | "SOLES" => Ok(Currency::PEN),
            "USD" | "US$" | "$" | "DOLARES" | "DÓLARES" => Ok(Currency::USD),
            _ => Err(UnknownCurrency(s.to_string())),
        }
    }
}

/// Default conversion rate used when none is configured: Peruvian soles per US
/// dollar (mid-market rate of early 2026, rounded).
pub const DEFAULT_PEN_PER_USD: f64 = 3.75;

/// Sale or rent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Operation {
    #[default]
    Sale,
    Rent,
}

impl Operation {
    pub const ALL: [Operation; 2] = [Operation::Sale, Operation::Rent];

    /// The canonical name (`sale`, `rent`): stored, on the wire, in the pool.
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Sale => "sale",
            Operation::Rent => "rent",
        }
    }

    /// Any spelling the files use (`sale`, `venta`, `rent`, `alquiler`, `rental`),
    /// in any case, trimmed; `None` for anything else.
    pub fn parse_lenient(s: &str) -> Option<Self> {
        read_lenient(s, lenient::operation)
    }
}

/// Kind of property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PropertyType {
    #[default]
    Apartment,
    House,
    Land,
    Commercial,
}

impl PropertyType {
    pub const ALL: [PropertyType; 4] = [
        PropertyType::Apartment,
        PropertyType::House,
        PropertyType::Land,
        PropertyType::Commercial,
    ];

    /// The canonical name (`apartment`, `house`, `land`, `commercial`).
    pub fn as_str(self) -> &'static str {
        match self {
            PropertyType::Apartment => "apartment",
            PropertyType::House => "house",
            PropertyType::Land => "land",
            PropertyType::Commercial => "commercial",
        }
    }

    /// Any spelling the files use (`departamento`, `casa`, `terreno`, `local`, ...),
    /// in any case, trimmed; `None` for anything else.
    pub fn parse_lenient(s: &str) -> Option<Self> {
        read_lenient(s, lenient::property_type)
    }
}

/// `s` trimmed and lower-cased, read by one of the [`lenient`] deserialisers.
fn read_lenient<T>(
    s: &str,
    read: impl FnOnce(StringDeserializer<value::Error>) -> Result<T, value::Error>,
) -> Option<T> {
    read(s.trim().to_lowercase().into_deserializer()).ok()
}

/// An exact amount of money: integer minor units (céntimos / cents) and a currency.
///
/// Floats never hold stored money: marketplace JSON numbers are converted once,
/// rounding half away from zero to the cent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MoneyError {
    #[error("amount {0} is not a finite number")]
    NotFinite(f64),
    #[error("amount {0} is too large to store")]
    TooLarge(f64),
    #[error("'{0}' is not an amount; write it like 1234.50")]
    Unparseable(String),
}

impl Money {
    pub fn from_minor(minor: i64, currency: Currency) -> Self {
        Money { minor, currency }
    }

    /// Converts a JSON number (major units) to exact minor units.
    pub fn from_major_f64(amount: f64, currency: Currency) -> Result<Self, MoneyError> {
        if !amount.is_finite() {
            return Err(MoneyError::NotFinite(amount));
        }
        let minor = (amount * 100.0).round();
        if minor.abs() > 9.0e15 {
            return Err(MoneyError::TooLarge(amount));
        }
        Ok(Money {
            minor: minor as i64,
            currency,
        })
    }

    /// Parses decimal text (`1234`, `1234.5`, `1,234.50`) exactly, without floats.
    pub fn parse_major(text: &str, currency: Currency) -> Result<Self, MoneyError> {
        let cleaned: String = text
            .trim()
            .chars()
            .filter(|c| *c != ',' && *c != '_')
            .collect();
        let bad = || MoneyError::Unparseable(text.to_string());
        let (neg, body) = match cleaned.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, cleaned.as_str()),
        };
        let (int_part, frac_part) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(bad());
        }
        if !int_part.chars().all(|c| c.is_ascii_digit())
            || !frac_part.chars().all(|c| c.is_ascii_digit())
            || frac_part.len() > 2
        {
            return Err(bad());
        }
        let int: i64 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().map_err(|_| bad())?
        };
        let frac: i64 = match frac_part.len() {
            0 => 0,
            1 => frac_part.parse::<i64>().map_err(|_| bad())? * 10,
            _ => frac_part.parse().map_err(|_| bad())?,
        };
        let minor = int
            .checked_mul(100)
            .and_then(|v| v.checked_add(frac))
            .ok_or_else(bad)?;
        Ok(Money {
            minor: if neg { -minor } else { minor },
            currency,
        })
    }

    /// Major units as a float, for statistics and JSON output.
    pub fn major_f64(self) -> f64 {
        self.minor as f64 / 100.0
    }

    /// Decimal text with exactly two decimals (`1234.50`), the exact wire and CSV form.
    pub fn decimal_string(self) -> String {
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    /// How merchants read prices: `S/ 1,234,500` or `US$ 18,900.50` (cents only when present).
    pub fn display(self) -> String {
        let abs = self.minor.unsigned_abs();
        let units = group_thousands(abs / 100);
        let cents = abs % 100;
        let sign = if self.minor < 0 { "-" } else { "" };
        if cents == 0 {
            format!("{sign}{} {units}", self.currency.symbol())
        } else {
            format!("{sign}{} {units}.{cents:02}", self.currency.symbol())
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

/// `1234567` → `1,234,567`: how Peru and English both group digits.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_parses_decimal_text_exactly() {
        assert_eq!(
            Money::parse_major("1234.5", Currency::PEN).unwrap().minor,
            123_450
        );
        assert_eq!(
            Money::parse_major("1,234,500", Currency::PEN)
                .unwrap()
                .minor,
            123_450_000
        );
        assert_eq!(Money::parse_major("0.07", Currency::USD).unwrap().minor, 7);
        assert_eq!(
            Money::parse_major("-3.10", Currency::USD).unwrap().minor,
            -310
        );
        assert!(Money::parse_major("12.345", Currency::PEN).is_err());
        assert!(Money::parse_major("abc", Currency::PEN).is_err());
        assert!(Money::parse_major("", Currency::PEN).is_err());
    }

    #[test]
    fn money_from_float_rounds_to_the_cent() {
        assert_eq!(
            Money::from_major_f64(0.1 + 0.2, Currency::PEN)
                .unwrap()
                .minor,
            30
        );
        assert_eq!(
            Money::from_major_f64(937_440_000.0, Currency::PEN)
                .unwrap()
                .minor,
            93_744_000_000
        );
        assert!(Money::from_major_f64(f64::NAN, Currency::PEN).is_err());
    }

    #[test]
    fn money_displays_like_merchants_read_it() {
        assert_eq!(
            Money::from_minor(123_450_000, Currency::PEN).display(),
            "S/ 1,234,500"
        );
        assert_eq!(
            Money::from_minor(1_890_000, Currency::USD).display(),
            "US$ 18,900"
        );
        assert_eq!(
            Money::from_minor(1_890_050, Currency::USD).display(),
            "US$ 18,900.50"
        );
        assert_eq!(
            Money::from_minor(-5, Currency::USD).decimal_string(),
            "-0.05"
        );
    }

    #[test]
    fn marketplace_names_round_trip() {
        for m in Marketplace::ALL {
            assert_eq!(m.as_str().parse::<Marketplace>().unwrap(), m);
        }
        assert!("ebay".parse::<Marketplace>().is_err());
    }
}

/// How users name a synced listing: `olx:123`, `inmuebles24:I24-9`, `autofact:AF-7`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ListingRef {
    pub marketplace: Marketplace,
    pub remote_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not a listing id: write it as <marketplace>:<id>, e.g. olx:123 (see 'treevu listings')"
)]
pub struct BadListingRef(pub String);

impl FromStr for ListingRef {
    type Err = BadListingRef;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (m, id) = s
            .split_once(':')
            .ok_or_else(|| BadListingRef(s.to_string()))?;
        let marketplace = m.parse().map_err(|_| BadListingRef(s.to_string()))?;
        if id.is_empty() {
            return Err(BadListingRef(s.to_string()));
        }
        Ok(ListingRef {
            marketplace,
            remote_id: id.to_string(),
        })
    }
}

impl fmt::Display for ListingRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.marketplace, self.remote_id)
    }
}

#[cfg(test)]
mod listing_ref_tests {
    use super::*;

    #[test]
    fn listing_refs_parse_and_print() {
        let r: ListingRef = "olx:OLX-12".parse().unwrap();
        assert_eq!(r.marketplace, Marketplace::Olx);
        assert_eq!(r.to_string(), "olx:OLX-12");
        assert!("OLX-12".parse::<ListingRef>().is_err());
        assert!("ebay:1".parse::<ListingRef>().is_err());
        assert!("olx:".parse::<ListingRef>().is_err());
    }
}

#[cfg(test)]
mod vocabulary_tests {
    use super::*;

    #[test]
    fn operation_and_property_type_read_every_spelling_and_print_one() {
        assert_eq!(Operation::parse_lenient(" Venta "), Some(Operation::Sale));
        assert_eq!(Operation::parse_lenient("ALQUILER"), Some(Operation::Rent));
        assert_eq!(Operation::parse_lenient("swap"), None);
        assert_eq!(
            PropertyType::parse_lenient("Casa"),
            Some(PropertyType::House)
        );
        assert_eq!(PropertyType::parse_lenient("lot"), Some(PropertyType::Land));
        assert_eq!(PropertyType::parse_lenient("castle"), None);
        for o in Operation::ALL {
            assert_eq!(Operation::parse_lenient(o.as_str()), Some(o));
        }
        for t in PropertyType::ALL {
            assert_eq!(PropertyType::parse_lenient(t.as_str()), Some(t));
        }
    }

    #[test]
    fn the_wire_stays_strict_while_records_read_file_spellings() {
        // A marketplace that sends "usd" or "venta" sends a malformed record.
        assert!(serde_json::from_str::<Currency>(r#""usd""#).is_err());
        assert!(serde_json::from_str::<Operation>(r#""venta""#).is_err());
        #[derive(Deserialize)]
        struct Row {
            #[serde(deserialize_with = "lenient::currency")]
            currency: Currency,
            #[serde(deserialize_with = "lenient::operation")]
            operation: Operation,
        }
        let r: Row = serde_json::from_str(r#"{"currency":"S/.","operation":"venta"}"#).unwrap();
        assert_eq!((r.currency, r.operation), (Currency::PEN, Operation::Sale));
    }

    #[test]
    fn conversions_go_through_soles() {
        assert_eq!(Currency::USD.to_pen(100.0, 3.75), 375.0);
        assert_eq!(Currency::PEN.convert(375.0, Currency::USD, 3.75), 100.0);
        assert_eq!(Currency::USD.convert(7.0, Currency::USD, 3.75), 7.0);
    }
}
