//! Text flags from listing titles/descriptions (Spanish real-estate words).

use super::places::fold;

/// Flag names, in the order of [`flags`]' output.
pub const FLAG_NAMES: &[&str] = &[
    "estreno",
    "vista_mar",
    "piscina",
    "remodelado",
    "amoblado",
    "duplex",
    "penthouse",
    "terraza",
    "jardin",
    "remate",
    "terreno",
    "local_comercial",
    "condominio",
    "lujo",
    "playa",
    "para_remodelar",
    "en_planos",
    "oficina",
];

const PATTERNS: &[&[&str]] = &[
    &[
        "estreno",
        "a estrenar",
        "nuevo proyecto",
        "entrega inmediata",
    ],
    &["vista al mar", "vista mar", "frente al mar", "malecon"],
    &["piscina"],
    &["remodelad", "renovad"],
    &["amoblad", "amueblad"],
    &["duplex"],
    &["penthouse", "pent house", "ph "],
    &["terraza", "azotea", "roof"],
    &["jardin", "patio"],
    &["remato", "remate", "ocasion", "urgente", "oportunidad"],
    &["terreno", "lote", "aires"],
    &["local comercial", "uso comercial", "comercial", "tienda"],
    &["condominio", "club house", "areas comunes"],
    &["lujo", "exclusiv", "premium", "de autor"],
    &["playa", "casa de playa"],
    &["para remodelar", "antigua", "demoler"],
    &["en planos", "preventa", "pre venta", "en construccion"],
    &["oficina"],
];

/// 0/1 flags for a folded text (see [`FLAG_NAMES`]).
pub fn flags(text: &str) -> Vec<f64> {
    let t = format!(" {} ", fold(text));
    PATTERNS
        .iter()
        .map(|ps| {
            if ps.iter().any(|p| t.contains(p)) {
                1.0
            } else {
                0.0
            }
        })
        .collect()
}

/// First number followed by "m2"/"m²"/"mt2" in a text, as a fallback area.
pub fn area_in_text(text: &str) -> Option<f64> {
    let t = text.to_lowercase().replace('²', "2");
    let bytes: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == '.') {
                i += 1;
            }
            let num: String = bytes[start..i].iter().collect();
            let mut j = i;
            while j < bytes.len() && bytes[j] == ' ' {
                j += 1;
            }
            let rest: String = bytes[j..bytes.len().min(j + 4)].iter().collect();
            let unit = rest.starts_with("m2") || rest.starts_with("mt2") || rest.starts_with("mts");
            if let (true, Ok(v)) = (unit, num.trim_end_matches('.').parse::<f64>())
                && v >= 10.0
            {
                return Some(v);
            }
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_flags() {
        let f = flags("Hermoso DÚPLEX con vista al mar y piscina, ¡estreno!");
        let on: Vec<&str> = FLAG_NAMES
            .iter()
            .zip(&f)
            .filter(|(_, v)| **v > 0.0)
            .map(|(n, _)| *n)
            .collect();
        assert_eq!(on, vec!["estreno", "vista_mar", "piscina", "duplex"]);
        assert!(flags("departamento sencillo").iter().all(|v| *v == 0.0));
    }

    #[test]
    fn area_from_text() {
        assert_eq!(area_in_text("Departamento de 73m2 muy bien"), Some(73.0));
        assert_eq!(area_in_text("Casa 120 m² en venta"), Some(120.0));
        assert_eq!(area_in_text("3 dormitorios"), None);
    }
}
