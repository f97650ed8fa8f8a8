//! OLX Peru's category rules: what the client checks before it sends a listing
//! and what the sandbox checks when it receives one.

use super::validate::{self, FieldError};
use super::{OlxAttributes, Operation, PropertyType};

/// OLX Peru's subcategories of a category treevu sells in; `None` for another category.
pub fn subcategories(category: &str) -> Option<&'static [&'static str]> {
    match category {
        "inmuebles" => Some(&[
            "venta-departamentos-casas",
            "alquiler-departamentos-casas",
            "terrenos",
            "locales-oficinas",
        ]),
        "autos" => Some(&["autos-usados", "autos-nuevos"]),
        _ => None,
    }
}

/// The subcategory a home is published under on OLX.
pub fn home_subcategory(operation: Operation, property_type: PropertyType) -> &'static str {
    match (operation, property_type) {
        (_, PropertyType::Land) => "terrenos",
        (_, PropertyType::Commercial) => "locales-oficinas",
        (Operation::Sale, _) => "venta-departamentos-casas",
        (Operation::Rent, _) => "alquiler-departamentos-casas",
    }
}

/// The attributes OLX asks of a new listing in each category: a home's operation,
/// type and area; a car's brand, model, year and mileage.
pub const REQUIRED_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("inmuebles", &["operation", "propertyType", "area"]),
    ("autos", &["brand", "model", "year", "mileage"]),
];

/// What OLX checks of a new listing's category, subcategory and attributes.
pub fn check_category(
    category: &str,
    subcategory: &str,
    attributes: Option<&OlxAttributes>,
) -> Result<(), FieldError> {
    let Some(allowed) = subcategories(category) else {
        return Err(FieldError::new(
            "category",
            format!("category must be inmuebles or autos (got '{category}')"),
        ));
    };
    if !subcategory.is_empty() && !allowed.contains(&subcategory) {
        return Err(FieldError::new(
            "subcategory",
            format!(
                "subcategory '{subcategory}' is not one of {category}'s: {}",
                allowed.join(", ")
            ),
        ));
    }
    let a = attributes.cloned().unwrap_or_default();
    let present = |name: &str| match name {
        "operation" => a.operation.is_some(),
        "propertyType" => a.property_type.is_some(),
        "area" => a.area.is_some(),
        "brand" => a.brand.as_deref().is_some_and(|b| !b.trim().is_empty()),
        "model" => a.model.as_deref().is_some_and(|b| !b.trim().is_empty()),
        "year" => a.year.is_some(),
        "mileage" => a.mileage.is_some(),
        _ => true,
    };
    let needed = REQUIRED_ATTRIBUTES
        .iter()
        .find(|(c, _)| *c == category)
        .map(|(_, f)| *f)
        .unwrap_or_default();
    for f in needed {
        if !present(f) {
            return Err(FieldError::new(
                format!("attributes.{f}"),
                format!("attributes.{f} is required for category '{category}'"),
            ));
        }
    }
    if let Some(area) = a.area {
        validate::positive("attributes.area", area)?;
    }
    if let Some(y) = a.year {
        validate::year(y).map_err(|e| FieldError::new("attributes.year", e.message))?;
    }
    if let Some(m) = a.mileage {
        validate::mileage(m).map_err(|e| FieldError::new("attributes.mileage", e.message))?;
    }
    Ok(())
}
