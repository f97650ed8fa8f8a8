//! Seeded generator of Lima homes and used cars, with the market constants it draws from.
//!
//! Every figure below was derived from the shared market data (`../shared/data`),
//! never copied from it: the files stay out of the repository, their medians are facts.
//! The same seed gives the same records byte for byte, because every timestamp is
//! an offset from [`data_epoch`] and every draw comes from a `ChaCha8Rng` seeded
//! from the sandbox seed.

use chrono::{DateTime, TimeZone, Utc};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use treevu_domain::Currency;
use treevu_domain::DEFAULT_PEN_PER_USD;
use treevu_domain::wire::{Condition, Operation, PropertyType};

/// District, sale price per m² of apartments and of houses (PEN), monthly rent per m² of
/// apartments (PEN), and the number of listings seen there (used as a sampling weight).
///
/// Medians of price / area_m2 per district, operation and property type in
/// `lima-properties.csv` (10,554 Urbania/Adondevivir listings, Dec 2025 – Jan 2026),
/// dropping areas under 15 m² or over 2,000 m². Where a district had fewer than 20 sales
/// of a type (Miraflores, San Isidro, Barranco, Surco, San Borja, La Molina only list
/// rentals), the sale figure is rent × 175.2 (the median price-to-rent ratio of the
/// districts with both) and the house figure is apartment × 0.888 (the median
/// house/apartment ratio). Districts with fewer than 60 listings are left out.
pub const DISTRICTS: &[(&str, f64, f64, f64, u32)] = &[
    ("Miraflores", 7008.0, 6223.0, 40.0, 1240),
    ("Chorrillos", 5399.0, 3910.0, 26.9, 858),
    ("San Isidro", 6949.0, 6171.0, 39.7, 628),
    ("Lima Cercado", 6078.0, 4575.0, 29.0, 600),
    ("Santiago de Surco", 5236.0, 4650.0, 29.9, 514),
    ("San Martín de Porres", 2766.0, 3019.0, 14.6, 394),
    ("Barranco", 8052.0, 7151.0, 46.0, 394),
    ("La Victoria", 6814.0, 6253.0, 38.3, 368),
    ("Los Olivos", 3375.0, 4068.0, 15.3, 361),
    ("Ate", 4022.0, 4645.0, 22.7, 359),
    ("San Miguel", 5506.0, 5865.0, 31.4, 346),
    ("Punta Hermosa", 6607.0, 6379.0, 73.3, 302),
    ("Comas", 2817.0, 2600.0, 15.0, 288),
    ("San Juan de Lurigancho", 2980.0, 2758.0, 17.2, 284),
    ("San Bartolo", 5573.0, 4169.0, 38.3, 254),
    ("San Juan de Miraflores", 3227.0, 3104.0, 20.0, 238),
    ("Carabayllo", 2155.0, 2287.0, 12.0, 234),
    ("Lince", 6577.0, 7705.0, 37.5, 221),
    ("Magdalena del Mar", 6570.0, 6160.0, 37.5, 198),
    ("Surquillo", 6960.0, 6058.0, 39.7, 185),
    ("Breña", 5103.0, 5778.0, 32.0, 182),
    ("Pueblo Libre", 5475.0, 5436.0, 31.2, 170),
    ("Jesús María", 6646.0, 7563.0, 37.9, 157),
    ("Rímac", 3294.0, 2548.0, 21.5, 147),
    ("San Borja", 5385.0, 4782.0, 30.7, 140),
    ("Villa El Salvador", 2897.0, 2800.0, 16.5, 111),
    ("Puente Piedra", 2643.0, 2140.0, 10.6, 105),
    ("La Molina", 4555.0, 4045.0, 26.0, 68),
    ("San Luis", 5500.0, 4884.0, 25.2, 61),
];

/// Approximate centre of each district (public geography, not from the data files).
const DISTRICT_CENTRES: &[(&str, f64, f64)] = &[
    ("Miraflores", -12.1211, -77.0297),
    ("Chorrillos", -12.1690, -77.0200),
    ("San Isidro", -12.0977, -77.0365),
    ("Lima Cercado", -12.0464, -77.0428),
    ("Santiago de Surco", -12.1456, -76.9911),
    ("San Martín de Porres", -12.0045, -77.0850),
    ("Barranco", -12.1494, -77.0215),
    ("La Victoria", -12.0730, -77.0160),
    ("Los Olivos", -11.9920, -77.0700),
    ("Ate", -12.0260, -76.9210),
    ("San Miguel", -12.0770, -77.0910),
    ("Punta Hermosa", -12.3350, -76.8240),
    ("Comas", -11.9440, -77.0620),
    ("San Juan de Lurigancho", -11.9830, -77.0080),
    ("San Bartolo", -12.3900, -76.7800),
    ("San Juan de Miraflores", -12.1570, -76.9720),
    ("Carabayllo", -11.8640, -77.0300),
    ("Lince", -12.0840, -77.0350),
    ("Magdalena del Mar", -12.0910, -77.0690),
    ("Surquillo", -12.1120, -77.0150),
    ("Breña", -12.0590, -77.0530),
    ("Pueblo Libre", -12.0750, -77.0630),
    ("Jesús María", -12.0760, -77.0480),
    ("Rímac", -12.0290, -77.0300),
    ("San Borja", -12.1000, -76.9990),
    ("Villa El Salvador", -12.2130, -76.9370),
    ("Puente Piedra", -11.8670, -77.0770),
    ("La Molina", -12.0870, -76.9300),
    ("San Luis", -12.0760, -76.9960),
];

/// Street names seen in Lima addresses, for plausible `address` values.
const STREETS: &[&str] = &[
    "Av. Larco",
    "Av. Arequipa",
    "Av. Javier Prado Este",
    "Av. Benavides",
    "Jr. Huiracocha",
    "Calle Los Pinos",
    "Av. Salaverry",
    "Av. Brasil",
    "Av. La Marina",
    "Calle Las Begonias",
    "Av. Angamos Oeste",
    "Av. El Polo",
    "Jr. Ica",
    "Av. Universitaria",
    "Av. Petit Thouars",
    "Malecón Cisneros",
];

/// Deciles of area_m2 in `lima-properties.csv` per (operation, type): sampling between
/// them reproduces the real spread without a parametric guess.
const AREA_DECILES_RENT_APT: [f64; 11] = [
    30.0, 45.0, 55.0, 64.0, 74.0, 84.0, 98.0, 116.5, 150.0, 207.0, 320.0,
];
const AREA_DECILES_SALE_APT: [f64; 11] = [
    38.0, 53.0, 61.0, 67.0, 72.0, 80.0, 92.0, 109.0, 130.0, 168.0, 260.0,
];
const AREA_DECILES_SALE_HOUSE: [f64; 11] = [
    70.0, 108.0, 140.0, 160.0, 200.0, 235.0, 274.0, 320.0, 424.0, 731.5, 1200.0,
];

/// Yearly loss of value of a used car: the log-linear fit of price on age and mileage over
/// the 26,123 usable rows of the `usedcarscatalog-by-2019` part of `vehicles.csv` gives
/// −9.8 % per year. Its partial effect of mileage is +0.25 % per 10,000 km (no effect once
/// age is known), so the sandbox only charges mileage above the Lima norm below.
pub const DEPRECIATION_PER_YEAR: f64 = 0.098;
/// Median km per year of age of the NeoAuto (Lima) rows of `vehicles.csv`.
pub const LIMA_KM_PER_YEAR: f64 = 7_900.0;
/// Sandbox choice (the data shows none once age is known): 1 % per 10,000 km above or
/// below the Lima norm, so valuations react to an odometer the way buyers do.
pub const MILEAGE_EFFECT_PER_10K: f64 = 0.01;
/// The model year the sandbox's price levels are expressed at.
pub const REFERENCE_YEAR: i32 = 2026;

/// Brand, model, median year, median km, median USD, transmission, fuel, listings seen.
pub type CarModel = (
    &'static str,
    &'static str,
    i32,
    u64,
    f64,
    &'static str,
    &'static str,
    u32,
);

/// Brand, model, median model year, median km, median asking price (USD), usual
/// transmission and fuel, and listings seen: medians of the NeoAuto rows of `vehicles.csv`
/// (397 used cars listed in Lima, Jan 2026) for models with at least two listings, plus
/// Lima's most common city cars at the same medians' scale.
pub const CAR_MODELS: &[CarModel] = &[
    (
        "Volkswagen",
        "Tiguan Allspace",
        2018,
        69_250,
        18_900.0,
        "automatic",
        "gasoline",
        8,
    ),
    (
        "Mazda",
        "CX-5",
        2023,
        21_300,
        24_000.0,
        "automatic",
        "gasoline",
        7,
    ),
    (
        "Mitsubishi",
        "Montero Sport",
        2017,
        82_000,
        33_500.0,
        "automatic",
        "diesel",
        7,
    ),
    (
        "Jeep",
        "Grand Cherokee Laredo",
        2018,
        78_000,
        21_900.0,
        "automatic",
        "gasoline",
        7,
    ),
    (
        "Audi",
        "Q5",
        2015,
        77_650,
        17_450.0,
        "automatic",
        "gasoline",
        6,
    ),
    (
        "BMW",
        "X3 20i",
        2019,
        57_400,
        32_500.0,
        "automatic",
        "gasoline",
        6,
    ),
    (
        "Honda",
        "Pilot",
        2019,
        61_306,
        28_900.0,
        "automatic",
        "gasoline",
        6,
    ),
    (
        "Honda",
        "CR-V",
        2018,
        67_200,
        20_500.0,
        "automatic",
        "gasoline",
        6,
    ),
    (
        "Audi",
        "A3 Sedan",
        2016,
        55_000,
        17_900.0,
        "automatic",
        "gasoline",
        5,
    ),
    (
        "BMW",
        "X1 18i",
        2021,
        50_000,
        25_990.0,
        "automatic",
        "gasoline",
        5,
    ),
    (
        "Nissan",
        "Qashqai",
        2017,
        73_100,
        15_900.0,
        "automatic",
        "gasoline",
        4,
    ),
    (
        "Toyota",
        "Corolla Cross",
        2023,
        40_400,
        21_500.0,
        "automatic",
        "gasoline",
        4,
    ),
    (
        "Volvo",
        "XC60",
        2021,
        49_500,
        35_550.0,
        "automatic",
        "gasoline",
        4,
    ),
    (
        "Audi",
        "Q3",
        2020,
        57_750,
        28_200.0,
        "automatic",
        "gasoline",
        4,
    ),
    (
        "Ford",
        "Explorer",
        2021,
        43_850,
        42_200.0,
        "automatic",
        "gasoline",
        4,
    ),
    (
        "Toyota",
        "RAV4",
        2016,
        110_350,
        18_700.0,
        "automatic",
        "gasoline",
        4,
    ),
    (
        "Volkswagen",
        "CrossFox",
        2015,
        67_000,
        10_350.0,
        "manual",
        "gasoline",
        4,
    ),
    (
        "Kia",
        "Sportage",
        2017,
        91_036,
        16_950.0,
        "automatic",
        "gasoline",
        4,
    ),
    (
        "Subaru",
        "XV",
        2018,
        78_500,
        15_250.0,
        "automatic",
        "gasoline",
        4,
    ),
    (
        "Toyota", "Hilux", 2023, 59_500, 33_300.0, "manual", "diesel", 4,
    ),
    (
        "Hyundai",
        "Santa Fe",
        2016,
        41_805,
        22_000.0,
        "automatic",
        "gasoline",
        3,
    ),
    (
        "Chevrolet",
        "Onix",
        2023,
        27_000,
        12_800.0,
        "automatic",
        "gasoline",
        3,
    ),
    (
        "Jeep",
        "Compass",
        2023,
        39_000,
        22_700.0,
        "automatic",
        "gasoline",
        3,
    ),
    (
        "Nissan",
        "X-Trail",
        2019,
        47_000,
        20_900.0,
        "automatic",
        "gasoline",
        3,
    ),
    (
        "Subaru",
        "Forester",
        2017,
        57_000,
        18_500.0,
        "automatic",
        "gasoline",
        3,
    ),
    (
        "Toyota",
        "Corolla",
        2015,
        65_000,
        15_500.0,
        "automatic",
        "gasoline",
        3,
    ),
    (
        "Ford",
        "Territory",
        2023,
        35_000,
        22_000.0,
        "automatic",
        "gasoline",
        3,
    ),
    (
        "Volkswagen",
        "Amarok",
        2016,
        146_757,
        22_500.0,
        "automatic",
        "diesel",
        3,
    ),
    (
        "Toyota",
        "Yaris",
        2019,
        49_523,
        14_725.0,
        "automatic",
        "gasoline",
        2,
    ),
    (
        "Kia",
        "Rio",
        2013,
        81_300,
        10_250.0,
        "automatic",
        "gasoline",
        2,
    ),
    (
        "Hyundai",
        "Tucson",
        2015,
        143_500,
        15_500.0,
        "automatic",
        "gasoline",
        2,
    ),
    (
        "Hyundai", "Creta", 2023, 44_250, 19_225.0, "manual", "gasoline", 2,
    ),
    (
        "Suzuki",
        "Jimny",
        2020,
        76_900,
        16_000.0,
        "automatic",
        "gasoline",
        2,
    ),
    (
        "Mazda",
        "3",
        2020,
        33_020,
        19_850.0,
        "automatic",
        "gasoline",
        2,
    ),
    (
        "Toyota",
        "Land Cruiser Prado",
        2017,
        126_000,
        40_950.0,
        "automatic",
        "gasoline",
        2,
    ),
];

/// Fixed start of the sandbox's calendar; the seed shifts it by up to a day so two seeds
/// never share timestamps. Chosen inside the period the data was seen in.
pub fn data_epoch(seed: u64) -> DateTime<Utc> {
    let base = Utc
        .with_ymd_and_hms(2026, 1, 15, 12, 0, 0)
        .single()
        .unwrap_or_default();
    base + chrono::Duration::seconds((seed % 86_400) as i64)
}

pub use treevu_domain::time::timestamp_ms;

/// A bijective mix of 32 bits, so ids look random yet never collide.
/// A listing's photo URLs: a random count of them in `count`, under the
/// marketplace's image host path `kind`.
pub fn images(
    rng: &mut rand_chacha::ChaCha8Rng,
    kind: &str,
    id: &str,
    count: std::ops::Range<i32>,
) -> Vec<String> {
    use rand::Rng;
    (1..=rng.gen_range(count))
        .map(|k| format!("https://img.sandbox.invalid/{kind}/{id}/{k}.jpg"))
        .collect()
}

pub fn mix32(mut x: u32) -> u32 {
    x ^= x >> 16;
    x = x.wrapping_mul(0x7feb_352d);
    x ^= x >> 15;
    x = x.wrapping_mul(0x846c_a68b);
    x ^= x >> 16;
    x
}

/// A seeded RNG for one stream (`salt`) of one sandbox (`seed`).
pub fn rng_for(seed: u64, salt: u64) -> ChaCha8Rng {
    use rand::SeedableRng;
    ChaCha8Rng::seed_from_u64(seed ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

fn weighted<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T], weight: impl Fn(&T) -> u32) -> &'a T {
    let total: u32 = items.iter().map(&weight).sum();
    let mut pick = rng.gen_range(0..total.max(1));
    for it in items {
        let w = weight(it);
        if pick < w {
            return it;
        }
        pick -= w;
    }
    &items[0]
}

fn from_deciles(rng: &mut ChaCha8Rng, d: &[f64; 11]) -> f64 {
    let u: f64 = rng.gen_range(0.0..10.0);
    let i = (u as usize).min(9);
    let f = u - i as f64;
    d[i] + (d[i + 1] - d[i]) * f
}

fn round_to(x: f64, step: f64) -> f64 {
    ((x / step).round() * step).max(step)
}

/// A home as the generator sees it, before it is shaped into one marketplace's record.
#[derive(Debug, Clone)]
pub struct Home {
    pub operation: Operation,
    pub property_type: PropertyType,
    pub district: &'static str,
    pub area: f64,
    pub bedrooms: u32,
    pub bathrooms: u32,
    pub parking: u32,
    pub price: f64,
    pub currency: Currency,
    /// The segment's price level (district × type × area) in `currency`, before the
    /// asking spread: what the listing would fetch at the market's price.
    pub fair_price: f64,
    pub title: String,
    pub description: String,
    pub address: String,
    pub latitude: f64,
    pub longitude: f64,
}

/// Price per m² (PEN; monthly for rent) of a district, operation and type.
#[cfg(test)]
pub fn price_per_m2(district: &str, op: Operation, pt: PropertyType) -> Option<f64> {
    let folded = fold(district);
    let d = DISTRICTS.iter().find(|d| fold(d.0) == folded)?;
    Some(district_price_per_m2(d, op, pt))
}

fn district_price_per_m2(d: &(&str, f64, f64, f64, u32), op: Operation, pt: PropertyType) -> f64 {
    // Land and commercial premises are not in the data: land at 55 % of a house's
    // price per m² and premises at 110 % of an apartment's are sandbox assumptions.
    let sale = match pt {
        PropertyType::Apartment => d.1,
        PropertyType::House => d.2,
        PropertyType::Land => d.2 * 0.55,
        PropertyType::Commercial => d.1 * 1.10,
    };
    match op {
        Operation::Sale => sale,
        Operation::Rent => sale * d.3 / d.1,
    }
}

/// Lower case without Spanish accents, for matching district names as people type them.
pub fn fold(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            'á' | 'Á' | 'à' => 'a',
            'é' | 'É' | 'è' => 'e',
            'í' | 'Í' | 'ì' => 'i',
            'ó' | 'Ó' | 'ò' => 'o',
            'ú' | 'Ú' | 'ü' | 'Ü' | 'ù' => 'u',
            'ñ' | 'Ñ' => 'n',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

fn unit(rng: &mut ChaCha8Rng) -> f64 {
    rng.gen_range(0.0..1.0)
}

/// One home for sale or rent somewhere in Lima, priced from the district's median per m²
/// with the spread real asking prices show (±25 %).
pub fn gen_home(rng: &mut ChaCha8Rng) -> Home {
    let d = weighted(rng, DISTRICTS, |d| d.4);
    let district = d.0;
    // Rentals are apartments in the data (about 45 % of listings); sales mix both types.
    let operation = if unit(rng) < 0.45 {
        Operation::Rent
    } else {
        Operation::Sale
    };
    let r = unit(rng);
    let property_type = match operation {
        Operation::Rent if r < 0.90 => PropertyType::Apartment,
        Operation::Rent if r < 0.95 => PropertyType::House,
        Operation::Rent => PropertyType::Commercial,
        Operation::Sale if r < 0.62 => PropertyType::Apartment,
        Operation::Sale if r < 0.90 => PropertyType::House,
        Operation::Sale if r < 0.96 => PropertyType::Land,
        Operation::Sale => PropertyType::Commercial,
    };
    let area = match (operation, property_type) {
        (Operation::Rent, PropertyType::Apartment) => from_deciles(rng, &AREA_DECILES_RENT_APT),
        (_, PropertyType::Apartment) | (_, PropertyType::Commercial) => {
            from_deciles(rng, &AREA_DECILES_SALE_APT)
        }
        _ => from_deciles(rng, &AREA_DECILES_SALE_HOUSE),
    }
    .round()
    .max(20.0);
    let (bedrooms, bathrooms, parking) = match property_type {
        PropertyType::Land | PropertyType::Commercial => (0, if area > 60.0 { 1 } else { 0 }, 0),
        _ => {
            let b = ((area / 35.0).round() as u32).clamp(1, 6);
            let bath = (b.saturating_sub(rng.gen_range(0..2))).clamp(1, 5);
            let park = if unit(rng) < 0.55 {
                rng.gen_range(1..3)
            } else {
                0
            };
            (b, bath, park)
        }
    };
    let ppm = district_price_per_m2(d, operation, property_type);
    let noise = rng.gen_range(0.75..1.25);
    let fair_pen = area * ppm;
    let pen = fair_pen * noise;
    // Lima sellers of homes quote in dollars about a third of the time; rents are in soles.
    let (price, currency, fair_price) = if operation == Operation::Sale && unit(rng) < 0.35 {
        (
            round_to(pen / DEFAULT_PEN_PER_USD, 500.0),
            Currency::USD,
            fair_pen / DEFAULT_PEN_PER_USD,
        )
    } else if operation == Operation::Sale {
        (round_to(pen, 1000.0), Currency::PEN, fair_pen)
    } else {
        (round_to(pen, 50.0), Currency::PEN, fair_pen)
    };
    let (lat0, lon0) = DISTRICT_CENTRES
        .iter()
        .find(|c| c.0 == district)
        .map(|c| (c.1, c.2))
        .unwrap_or((-12.0464, -77.0428));
    let latitude = ((lat0 + rng.gen_range(-0.012..0.012)) * 1e6).round() / 1e6;
    let longitude = ((lon0 + rng.gen_range(-0.012..0.012)) * 1e6).round() / 1e6;
    let street = STREETS[rng.gen_range(0..STREETS.len())];
    let address = format!("{street} {}, {district}", rng.gen_range(100..3200));
    let (title, description) = home_text(
        rng,
        operation,
        property_type,
        district,
        area,
        bedrooms,
        parking,
    );
    Home {
        operation,
        property_type,
        district,
        area,
        bedrooms,
        bathrooms,
        parking,
        price,
        currency,
        fair_price,
        title,
        description,
        address,
        latitude,
        longitude,
    }
}

fn home_text(
    rng: &mut ChaCha8Rng,
    op: Operation,
    pt: PropertyType,
    district: &str,
    area: f64,
    bedrooms: u32,
    parking: u32,
) -> (String, String) {
    const FLAT_HOOKS: &[&str] = &[
        "de estreno",
        "con vista al parque",
        "remodelado",
        "con balcón",
        "en piso alto",
        "cerca al malecón",
        "luminoso",
        "con terraza",
    ];
    const HOUSE_HOOKS: &[&str] = &[
        "con jardín",
        "de dos pisos",
        "en condominio",
        "con cochera doble",
        "para remodelar",
    ];
    let what = match pt {
        PropertyType::Apartment => "Departamento",
        PropertyType::House => "Casa",
        PropertyType::Land => "Terreno",
        PropertyType::Commercial => "Local comercial",
    };
    let verb = match op {
        Operation::Sale => "en venta",
        Operation::Rent => "en alquiler",
    };
    let hook = match pt {
        PropertyType::House => HOUSE_HOOKS[rng.gen_range(0..HOUSE_HOOKS.len())],
        PropertyType::Apartment => FLAT_HOOKS[rng.gen_range(0..FLAT_HOOKS.len())],
        _ => "bien ubicado",
    };
    let title = match pt {
        PropertyType::Apartment | PropertyType::House => {
            format!("{what} {hook} {verb} en {district}, {bedrooms} dorm.")
        }
        _ => format!("{what} {verb} en {district}, {area:.0} m²"),
    };
    let mut description = format!("{what} {hook} de {area:.0} m² en {district}.");
    if bedrooms > 0 {
        description.push_str(&format!(" {bedrooms} dormitorios"));
        description.push_str(if parking > 0 {
            ", cochera"
        } else {
            ", sin cochera"
        });
        description.push('.');
    }
    description.push_str(match op {
        Operation::Sale => " Documentos en regla, acepta crédito hipotecario.",
        Operation::Rent => " Contrato mínimo de un año, un mes de garantía y uno de adelanto.",
    });
    (title, description)
}

/// A used car listed in Lima.
#[derive(Debug, Clone)]
pub struct Car {
    pub brand: &'static str,
    pub model: &'static str,
    pub year: i32,
    pub mileage: u64,
    pub price: f64,
    /// [`fair_car_price`] of this car (USD), before the asking spread.
    pub fair_price: f64,
    pub condition: Condition,
    pub transmission: &'static str,
    pub fuel_type: &'static str,
    pub district: &'static str,
    pub title: String,
    pub description: String,
}

/// Price level (USD) of a model at [`REFERENCE_YEAR`] and the Lima norm of mileage, from
/// its median listing moved along the depreciation curve.
pub fn model_reference_price(brand: &str, model: &str) -> Option<f64> {
    let m = CAR_MODELS
        .iter()
        .find(|m| m.0.eq_ignore_ascii_case(brand) && m.1.eq_ignore_ascii_case(model))?;
    let age = (REFERENCE_YEAR - m.2) as f64;
    let km_excess = m.3 as f64 - age * LIMA_KM_PER_YEAR;
    let at_median = (1.0 - DEPRECIATION_PER_YEAR).powf(age)
        * (1.0 - MILEAGE_EFFECT_PER_10K * km_excess / 10_000.0);
    Some(m.4 / at_median.max(0.05))
}

/// Value factor of condition, relative to `good`.
pub fn condition_factor(c: Condition) -> f64 {
    match c {
        Condition::Excellent => 1.06,
        Condition::Good => 1.0,
        Condition::Fair => 0.90,
        Condition::Poor => 0.75,
    }
}

/// The model's fair price for a year, mileage and condition (USD), before any haggling.
pub fn fair_car_price(brand: &str, model: &str, year: i32, mileage: u64, c: Condition) -> f64 {
    let p0 = model_reference_price(brand, model).unwrap_or(15_000.0);
    let age = (REFERENCE_YEAR - year).max(0) as f64;
    let km_excess = mileage as f64 - age * LIMA_KM_PER_YEAR;
    p0 * (1.0 - DEPRECIATION_PER_YEAR).powf(age)
        * (1.0 - MILEAGE_EFFECT_PER_10K * km_excess / 10_000.0).max(0.5)
        * condition_factor(c)
}

pub fn gen_car(rng: &mut ChaCha8Rng) -> Car {
    let m = weighted(rng, CAR_MODELS, |m| m.7);
    let year = (m.2 + rng.gen_range(-4..=3)).clamp(2005, REFERENCE_YEAR);
    let age = (REFERENCE_YEAR - year).max(0) as f64;
    let mileage = round_to(
        (age * LIMA_KM_PER_YEAR * rng.gen_range(0.5..1.6)).max(800.0),
        100.0,
    ) as u64;
    let r = unit(rng);
    let condition = if r < 0.2 {
        Condition::Excellent
    } else if r < 0.7 {
        Condition::Good
    } else if r < 0.93 {
        Condition::Fair
    } else {
        Condition::Poor
    };
    let transmission = if unit(rng) < 0.85 {
        m.5
    } else if m.5 == "manual" {
        "automatic"
    } else {
        "manual"
    };
    let fuel_type = if unit(rng) < 0.03 { "hybrid" } else { m.6 };
    let fair_price = fair_car_price(m.0, m.1, year, mileage, condition);
    let price = round_to(fair_price * rng.gen_range(0.88..1.14), 50.0);
    let district = weighted(rng, DISTRICTS, |d| d.4).0;
    const HOOKS: &[&str] = &[
        "full equipo",
        "único dueño",
        "impecable",
        "mantenimientos en concesionario",
        "como nuevo",
        "papeles en regla",
        "oportunidad",
    ];
    let hook = HOOKS[rng.gen_range(0..HOOKS.len())];
    let title = format!("{} {} {year} {hook}", m.0, m.1);
    let caja = if transmission == "automatic" {
        "mecánica automática"
    } else {
        "caja mecánica"
    };
    let combustible = match fuel_type {
        "diesel" => "petrolero",
        "hybrid" => "híbrido",
        "electric" => "eléctrico",
        _ => "gasolinero",
    };
    let description = format!(
        "{} {} {year}, {mileage} km, {caja}, {combustible}. Se vende en {district}, SOAT vigente y revisión técnica al día.",
        m.0, m.1
    );
    Car {
        brand: m.0,
        model: m.1,
        year,
        mileage,
        price,
        fair_price,
        condition,
        transmission,
        fuel_type,
        district,
        title,
        description,
    }
}

/// Buyer names for leads and conversations.
pub const BUYER_NAMES: &[&str] = &[
    "Lucía Quispe",
    "Carlos Mendoza",
    "María Fernanda Rojas",
    "José Huamán",
    "Andrea Castillo",
    "Luis Vargas",
    "Rosa Flores",
    "Diego Salazar",
    "Valeria Chávez",
    "Jorge Ramírez",
    "Camila Torres",
    "Miguel Paredes",
];

pub const BUYER_MESSAGES: &[&str] = &[
    "Hola, ¿sigue disponible?",
    "¿El precio es negociable?",
    "¿Podría visitarlo este sábado?",
    "Buenas tardes, ¿acepta crédito?",
    "¿Tiene cochera y depósito?",
    "Me interesa, ¿me envía más fotos por favor?",
    "¿Cuál es el último precio?",
    "¿Aceptan mascotas?",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_home_and_car() {
        let a = gen_home(&mut rng_for(7, 1));
        let b = gen_home(&mut rng_for(7, 1));
        assert_eq!(a.title, b.title);
        assert_eq!(a.price, b.price);
        assert_eq!(
            gen_car(&mut rng_for(7, 2)).title,
            gen_car(&mut rng_for(7, 2)).title
        );
    }

    #[test]
    fn miraflores_sale_apartment_costs_more_per_m2_than_comas() {
        let m = price_per_m2("miraflores", Operation::Sale, PropertyType::Apartment).unwrap();
        let c = price_per_m2("Comas", Operation::Sale, PropertyType::Apartment).unwrap();
        assert!(m > 2.0 * c, "{m} vs {c}");
        let rent = price_per_m2("Miraflores", Operation::Rent, PropertyType::Apartment).unwrap();
        assert!((rent - 40.0).abs() < 0.01);
    }

    #[test]
    fn older_cars_are_worth_less() {
        let new = fair_car_price("Toyota", "Yaris", 2023, 20_000, Condition::Good);
        let old = fair_car_price("Toyota", "Yaris", 2015, 20_000, Condition::Good);
        assert!(old < new * 0.6, "{old} vs {new}");
    }

    #[test]
    fn mix32_is_injective_on_a_range() {
        let mut seen = std::collections::HashSet::new();
        for i in 0..100_000u32 {
            assert!(seen.insert(mix32(i)));
        }
    }
}
