//! Place-name normalisation for Lima Metropolitana.
//!
//! Canonical district names follow the portals' spelling without accents
//! (e.g. "Lima Cercado", "Ate Vitarte", "Brena"); the zone is the portals'
//! grouping (Lima Top, Lima Moderna, Lima Centro, Lima Norte, Lima Sur, Lima
//! Este). Unknown names are returned title-cased so they still group together.

/// (canonical district, zone) for the 43 districts seen on the portals plus a
/// few others of Lima/Callao.
pub const DISTRICTS: &[(&str, &str)] = &[
    ("Ancon", "Lima Norte"),
    ("Ate Vitarte", "Lima Este"),
    ("Barranco", "Lima Top"),
    ("Brena", "Lima Centro"),
    ("Carabayllo", "Lima Norte"),
    ("Chaclacayo", "Lima Este"),
    ("Chorrillos", "Lima Sur"),
    ("Chosica Lurigancho", "Lima Este"),
    ("Cieneguilla", "Lima Este"),
    ("Comas", "Lima Norte"),
    ("El Agustino", "Lima Este"),
    ("Independencia", "Lima Norte"),
    ("Jesus Maria", "Lima Moderna"),
    ("La Molina", "Lima Top"),
    ("La Victoria", "Lima Centro"),
    ("Lima Cercado", "Lima Centro"),
    ("Lince", "Lima Moderna"),
    ("Los Olivos", "Lima Norte"),
    ("Lurin", "Lima Sur"),
    ("Magdalena", "Lima Moderna"),
    ("Miraflores", "Lima Top"),
    ("Pachacamac", "Lima Sur"),
    ("Pucusana", "Lima Sur"),
    ("Pueblo Libre", "Lima Moderna"),
    ("Puente Piedra", "Lima Norte"),
    ("Punta Hermosa", "Lima Sur"),
    ("Punta Negra", "Lima Sur"),
    ("Rimac", "Lima Centro"),
    ("San Bartolo", "Lima Sur"),
    ("San Borja", "Lima Top"),
    ("San Isidro", "Lima Top"),
    ("San Juan de Lurigancho", "Lima Este"),
    ("San Juan de Miraflores", "Lima Sur"),
    ("San Luis", "Lima Centro"),
    ("San Martin de Porres", "Lima Norte"),
    ("San Miguel", "Lima Moderna"),
    ("Santa Anita", "Lima Este"),
    ("Santa Maria del Mar", "Lima Sur"),
    ("Santa Rosa", "Lima Norte"),
    ("Santiago de Surco", "Lima Top"),
    ("Surquillo", "Lima Moderna"),
    ("Villa El Salvador", "Lima Sur"),
    ("Villa Maria del Triunfo", "Lima Sur"),
    ("Callao", "Callao"),
    ("Bellavista", "Callao"),
    ("La Perla", "Callao"),
    ("La Punta", "Callao"),
    ("Carmen de la Legua", "Callao"),
    ("Ventanilla", "Callao"),
];

/// Spelling variants → canonical name (keys are already folded: lower-case,
/// no accents, single spaces).
const ALIASES: &[(&str, &str)] = &[
    ("cercado de lima", "Lima Cercado"),
    ("cercado", "Lima Cercado"),
    ("lima", "Lima Cercado"),
    ("lima centro", "Lima Cercado"),
    ("ate", "Ate Vitarte"),
    ("vitarte", "Ate Vitarte"),
    ("surco", "Santiago de Surco"),
    ("smp", "San Martin de Porres"),
    ("sjl", "San Juan de Lurigancho"),
    ("sjm", "San Juan de Miraflores"),
    ("vmt", "Villa Maria del Triunfo"),
    ("ves", "Villa El Salvador"),
    ("lurigancho", "Chosica Lurigancho"),
    ("chosica", "Chosica Lurigancho"),
    ("lurigancho chosica", "Chosica Lurigancho"),
    ("lurigancho-chosica", "Chosica Lurigancho"),
    ("magdalena del mar", "Magdalena"),
    ("jesus maria", "Jesus Maria"),
    ("brena", "Brena"),
    ("rimac", "Rimac"),
    ("ancon", "Ancon"),
    ("lurin", "Lurin"),
    ("san martin de porras", "San Martin de Porres"),
];

/// Lower-cases, strips Spanish accents and punctuation, collapses spaces.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(|c| c.to_lowercase()) {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            c if c.is_alphanumeric() => c,
            '-' | '_' | '.' | ',' | '/' | ' ' | '\t' => ' ',
            _ => ' ',
        };
        out.push(c);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Canonical display name of a district ("cercado de lima" → "Lima Cercado",
/// "Ate" → "Ate Vitarte", "JESÚS MARÍA" → "Jesus Maria"). Unknown names are
/// folded and title-cased.
pub fn normalize_district(name: &str) -> String {
    let f = fold(name);
    if f.is_empty() {
        return String::new();
    }
    if let Some((_, c)) = ALIASES.iter().find(|(a, _)| *a == f) {
        return (*c).to_string();
    }
    if let Some((c, _)) = DISTRICTS.iter().find(|(d, _)| fold(d) == f) {
        return (*c).to_string();
    }
    f.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(c) => c.to_uppercase().collect::<String>() + cs.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Zone of a district (any spelling), `None` when unknown.
pub fn zone_for_district(name: &str) -> Option<&'static str> {
    let c = normalize_district(name);
    DISTRICTS.iter().find(|(d, _)| *d == c).map(|(_, z)| *z)
}

/// A listing's canonical district and zone: the zone given, else its
/// district's (empty strings when unknown).
pub fn district_and_zone(district: Option<&str>, zone: Option<&str>) -> (String, String) {
    let district = district.map(normalize_district).unwrap_or_default();
    let zone = zone
        .filter(|z| !z.trim().is_empty())
        .map(normalize_zone)
        .or_else(|| zone_for_district(&district).map(str::to_string))
        .unwrap_or_default();
    (district, zone)
}

/// Canonical zone name ("lima top" → "Lima Top").
pub fn normalize_zone(name: &str) -> String {
    let f = fold(name);
    for z in [
        "Lima Top",
        "Lima Moderna",
        "Lima Centro",
        "Lima Norte",
        "Lima Sur",
        "Lima Este",
        "Callao",
    ] {
        if fold(z) == f {
            return z.to_string();
        }
    }
    normalize_district(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_variants() {
        assert_eq!(normalize_district("Cercado de Lima"), "Lima Cercado");
        assert_eq!(normalize_district("lima cercado"), "Lima Cercado");
        assert_eq!(normalize_district("Ate"), "Ate Vitarte");
        assert_eq!(normalize_district("ATE VITARTE"), "Ate Vitarte");
        assert_eq!(normalize_district("Jesús María"), "Jesus Maria");
        assert_eq!(normalize_district("Breña"), "Brena");
        assert_eq!(
            normalize_district("San Martín de Porres"),
            "San Martin de Porres"
        );
        assert_eq!(normalize_district("  nuevo   sitio "), "Nuevo Sitio");
        assert_eq!(normalize_district(""), "");
    }

    #[test]
    fn zones() {
        assert_eq!(zone_for_district("Miraflores"), Some("Lima Top"));
        assert_eq!(zone_for_district("rímac"), Some("Lima Centro"));
        assert_eq!(zone_for_district("Atlantis"), None);
        assert_eq!(normalize_zone("LIMA TOP"), "Lima Top");
    }

    #[test]
    fn a_listing_gets_its_stated_zone_else_its_districts() {
        let dz = |d: Option<&str>, z: Option<&str>| district_and_zone(d, z);
        assert_eq!(
            dz(Some("miraflores"), None),
            ("Miraflores".into(), "Lima Top".into())
        );
        // A stated zone wins over the district's, spelled canonically.
        assert_eq!(
            dz(Some("Miraflores"), Some("lima moderna")),
            ("Miraflores".into(), "Lima Moderna".into())
        );
        // A blank zone is no zone.
        assert_eq!(
            dz(Some("Cercado de Lima"), Some("  ")),
            ("Lima Cercado".into(), "Lima Centro".into())
        );
        assert_eq!(
            dz(Some("Atlantis"), None),
            ("Atlantis".into(), String::new())
        );
        assert_eq!(dz(None, None), (String::new(), String::new()));
    }
}
