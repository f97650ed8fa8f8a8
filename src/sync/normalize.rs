//! From each marketplace's wire type to the one stored listing shape.

use crate::domain::{Marketplace, Money, MoneyError};
use crate::marketplaces::types::{AutofactVehicle, Inmuebles24Property, OlxListing, Operation};
use crate::store::listings::ListingRecord;

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

pub fn from_olx(l: &OlxListing, raw: String) -> Result<ListingRecord, MoneyError> {
    let a = l.attributes.clone().unwrap_or_default();
    let category = l.category.to_lowercase();
    let kind = if a.brand.is_some() || category.contains("auto") || category.contains("vehic") {
        "vehicle"
    } else if a.area.is_some() || category.contains("inmueble") || category.contains("propiedad") {
        "property"
    } else {
        "other"
    };
    Ok(ListingRecord {
        marketplace: Marketplace::Olx,
        remote_id: l.id.clone(),
        kind: kind.into(),
        title: l.title.clone(),
        description: non_empty(&l.description),
        price: Money::from_major_f64(l.price, l.currency)?,
        status: l.status.as_str().into(),
        category: non_empty(&l.category),
        subcategory: non_empty(&l.subcategory),
        city: non_empty(&l.location.city),
        district: non_empty(&l.location.district),
        address: None,
        latitude: None,
        longitude: None,
        operation: a.operation.map(|o| o.as_str().to_string()),
        property_type: a.property_type.map(|t| t.as_str().to_string()),
        area_m2: a.area,
        bedrooms: a.bedrooms,
        bathrooms: a.bathrooms,
        parking: None,
        brand: a.brand,
        model: a.model,
        year: a.year,
        mileage_km: a.mileage,
        condition: None,
        transmission: a.transmission,
        fuel_type: a.fuel_type,
        views: l.views,
        contacts: l.contacts,
        favorites: l.favorites,
        last_contact_at: None,
        remote_created_at: Some(l.created_at.clone()),
        remote_updated_at: Some(l.updated_at.clone()),
        raw,
    })
}

pub fn from_inmuebles24(p: &Inmuebles24Property, raw: String) -> Result<ListingRecord, MoneyError> {
    Ok(ListingRecord {
        marketplace: Marketplace::Inmuebles24,
        remote_id: p.id.clone(),
        kind: "property".into(),
        title: p.title.clone(),
        description: non_empty(&p.description),
        price: Money::from_major_f64(p.price, p.currency)?,
        status: p.status.as_str().into(),
        category: Some("inmuebles".into()),
        subcategory: None,
        city: non_empty(&p.location.city),
        district: non_empty(&p.location.district),
        address: non_empty(&p.location.address),
        latitude: p.location.latitude,
        longitude: p.location.longitude,
        operation: Some(p.operation.unwrap_or(Operation::Sale).as_str().to_string()),
        property_type: Some(p.property_type.as_str().to_string()),
        area_m2: Some(p.area),
        bedrooms: p.bedrooms,
        bathrooms: p.bathrooms,
        parking: p.parking,
        brand: None,
        model: None,
        year: None,
        mileage_km: None,
        condition: None,
        transmission: None,
        fuel_type: None,
        views: p.views,
        contacts: p.leads,
        favorites: p.favorites,
        last_contact_at: None,
        remote_created_at: Some(p.created_at.clone()),
        remote_updated_at: Some(p.updated_at.clone()),
        raw,
    })
}

pub fn from_autofact(v: &AutofactVehicle, raw: String) -> Result<ListingRecord, MoneyError> {
    Ok(ListingRecord {
        marketplace: Marketplace::Autofact,
        remote_id: v.id.clone(),
        kind: "vehicle".into(),
        title: v.title.clone(),
        description: None,
        price: Money::from_major_f64(v.price, v.currency)?,
        status: v.status.as_str().into(),
        category: Some("autos".into()),
        subcategory: None,
        city: non_empty(&v.location.city),
        district: non_empty(&v.location.district),
        address: None,
        latitude: None,
        longitude: None,
        operation: Some("sale".into()),
        property_type: None,
        area_m2: None,
        bedrooms: None,
        bathrooms: None,
        parking: None,
        brand: Some(v.brand.clone()),
        model: Some(v.model.clone()),
        year: Some(v.year),
        mileage_km: Some(v.mileage),
        condition: v.condition.map(|c| format!("{c:?}").to_lowercase()),
        transmission: v.transmission.clone(),
        fuel_type: v.fuel_type.clone(),
        views: v.views,
        contacts: v.contacts,
        favorites: v.favorites,
        last_contact_at: None,
        remote_created_at: Some(v.created_at.clone()),
        remote_updated_at: Some(v.updated_at.clone()),
        raw,
    })
}
