//! Deserialisers for the pricing engine's input records, which come from files and
//! forms and so accept the spellings those use (`venta`, `casa`, `S/`, `usd`). The
//! types' own serde stays strict: a marketplace record that says `"usd"` is malformed.
//!
//! Each goes through a private mirror enum with serde aliases, so the accepted
//! spellings, the error messages and the way every format (CSV, JSON, MessagePack)
//! reads an enum are exactly serde's.

use serde::{Deserialize, Deserializer};

use crate::{Currency, Operation, PropertyType};

#[derive(Deserialize)]
#[serde(rename = "Currency")]
enum CurrencyIn {
    #[serde(rename = "PEN", alias = "pen", alias = "S/", alias = "S/.")]
    Pen,
    #[serde(rename = "USD", alias = "usd", alias = "US$", alias = "$")]
    Usd,
}

#[derive(Deserialize)]
#[serde(rename = "Operation", rename_all = "lowercase")]
enum OperationIn {
    #[serde(alias = "venta")]
    Sale,
    #[serde(alias = "alquiler", alias = "rental")]
    Rent,
}

#[derive(Deserialize)]
#[serde(rename = "PropertyType", rename_all = "lowercase")]
enum PropertyTypeIn {
    #[serde(alias = "departamento", alias = "flat")]
    Apartment,
    #[serde(alias = "casa")]
    House,
    #[serde(alias = "terreno", alias = "lot")]
    Land,
    #[serde(alias = "local", alias = "office")]
    Commercial,
}

pub fn currency<'de, D: Deserializer<'de>>(d: D) -> Result<Currency, D::Error> {
    Ok(match CurrencyIn::deserialize(d)? {
        CurrencyIn::Pen => Currency::PEN,
        CurrencyIn::Usd => Currency::USD,
    })
}

pub fn operation<'de, D: Deserializer<'de>>(d: D) -> Result<Operation, D::Error> {
    Ok(match OperationIn::deserialize(d)? {
        OperationIn::Sale => Operation::Sale,
        OperationIn::Rent => Operation::Rent,
    })
}

pub fn property_type<'de, D: Deserializer<'de>>(d: D) -> Result<PropertyType, D::Error> {
    Ok(match PropertyTypeIn::deserialize(d)? {
        PropertyTypeIn::Apartment => PropertyType::Apartment,
        PropertyTypeIn::House => PropertyType::House,
        PropertyTypeIn::Land => PropertyType::Land,
        PropertyTypeIn::Commercial => PropertyType::Commercial,
    })
}
