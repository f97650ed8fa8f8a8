//! CSV → [`PoolRow`]s. File-level problems (not UTF-8, empty, wrong kind, a
//! required column missing) are errors and nothing is returned; row-level
//! problems are counted by reason and the row is skipped (import) or its bad
//! field left empty (estimate input, where every row must get an answer).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use crate::domain::{Currency, Money};
use crate::store::market::PoolRow;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Property,
    Vehicle,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Property, Kind::Vehicle];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Property => "property",
            Kind::Vehicle => "vehicle",
        }
    }

    /// Columns a file of this kind must have (price only when it is a pool).
    fn required(self, priced: bool) -> Vec<&'static str> {
        let mut cols = match self {
            Kind::Property => vec!["id", "operation", "property_type", "area_m2", "district"],
            Kind::Vehicle => vec!["id", "brand", "model", "year"],
        };
        if priced {
            cols.push("price");
        }
        cols
    }

    /// Columns only this kind has, to recognise a file given with the wrong `--kind`.
    fn signature(self) -> &'static [&'static str] {
        match self {
            Kind::Property => &["area_m2", "property_type", "operation"],
            Kind::Vehicle => &["brand", "model", "year"],
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path} is empty: expected a header line and rows (see docs/pricing.md for the columns)"
    )]
    Empty { path: String },
    #[error(
        "{path} is not UTF-8 text (first bad byte at offset {offset}); save it as UTF-8 and try again"
    )]
    NotUtf8 { path: String, offset: usize },
    #[error("{path} looks like a {found} file (it has {columns}); use --kind {found}")]
    WrongKind {
        path: String,
        found: &'static str,
        columns: String,
    },
    #[error(
        "cannot tell whether {path} holds properties or vehicles from its columns; add --kind property or --kind vehicle"
    )]
    UnknownKind { path: String },
    #[error("{path} has no '{column}' column, which a {kind} file needs (required: {required})")]
    MissingColumn {
        path: String,
        column: String,
        kind: &'static str,
        required: String,
    },
    #[error("{path} line {line}: {message}")]
    Malformed {
        path: String,
        line: u64,
        message: String,
    },
}

/// Rows read from a file, and the rows set aside with their reasons.
#[derive(Debug, Default)]
pub struct CsvBatch {
    /// What the file holds (as given, or recognised from its columns).
    pub kind: Option<Kind>,
    pub rows: Vec<PoolRow>,
    /// Reason → how many rows were skipped for it.
    pub skipped: BTreeMap<String, u64>,
    /// Reason → how many fields were left empty because they did not parse (estimate input).
    pub blanked: BTreeMap<String, u64>,
    /// Each row's `currency` column (aligned with `rows`), also when it has no
    /// price: an item to estimate is answered in its own currency.
    pub currencies: Vec<Option<Currency>>,
}

/// Reads `path` (or stdin for `-`) as a `kind` file. `priced`: a pool for
/// `market import`, where a row needs a price above 0 (and a property an area
/// above 0); otherwise items to estimate, where a `price` column is ignored.
pub fn read_csv(path: &Path, kind: Option<Kind>, priced: bool) -> Result<CsvBatch, ImportError> {
    // Whole: an import checks the file before storing anything.
    let shown = path.display().to_string();
    let mut bytes = Vec::new();
    let read = if shown == "-" {
        std::io::stdin().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    read.map_err(|source| ImportError::Read {
        path: shown.clone(),
        source,
    })?;
    parse_csv(&bytes, &shown, kind, priced)
}

/// [`read_csv`] on bytes already in memory (also the fuzzing entry point).
pub fn parse_csv(
    bytes: &[u8],
    shown: &str,
    kind: Option<Kind>,
    priced: bool,
) -> Result<CsvBatch, ImportError> {
    if let Err(e) = std::str::from_utf8(bytes) {
        return Err(ImportError::NotUtf8 {
            path: shown.to_string(),
            offset: e.valid_up_to(),
        });
    }
    CsvStream::new(
        Box::new(std::io::Cursor::new(bytes.to_vec())),
        shown,
        kind,
        priced,
    )?
    .read_all()
}

/// A market file read a batch of rows at a time (`estimate --input` prices a
/// file of any length in bounded memory). The header is checked when it is
/// opened; a row that cannot be read (not UTF-8, broken quoting) is an error
/// naming its line.
pub struct CsvStream {
    reader: csv::Reader<Box<dyn Read>>,
    path: String,
    index: BTreeMap<String, usize>,
    pub kind: Kind,
    priced: bool,
    line: u64,
    seen_rows: u64,
}

impl CsvStream {
    pub fn open(path: &Path, kind: Option<Kind>, priced: bool) -> Result<CsvStream, ImportError> {
        let shown = path.display().to_string();
        let input: Box<dyn Read> = if shown == "-" {
            Box::new(std::io::stdin())
        } else {
            Box::new(
                std::fs::File::open(path).map_err(|source| ImportError::Read {
                    path: shown.clone(),
                    source,
                })?,
            )
        };
        CsvStream::new(
            Box::new(std::io::BufReader::with_capacity(1 << 16, input)),
            &shown,
            kind,
            priced,
        )
    }

    fn new(
        input: Box<dyn Read>,
        shown: &str,
        kind: Option<Kind>,
        priced: bool,
    ) -> Result<CsvStream, ImportError> {
        let path = shown.to_string();
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(input);
        let not_utf8 = |e: &csv::Error| match e.kind() {
            csv::ErrorKind::Utf8 { pos, err } => {
                Some(pos.as_ref().map_or(0, |p| p.byte() as usize) + err.valid_up_to())
            }
            _ => None,
        };
        let headers: Vec<String> = match reader.headers() {
            Ok(h) => h
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    let h = if i == 0 {
                        h.trim_start_matches('\u{feff}')
                    } else {
                        h
                    };
                    h.trim().to_ascii_lowercase()
                })
                .collect(),
            Err(e) => {
                return Err(match not_utf8(&e) {
                    Some(offset) => ImportError::NotUtf8 { path, offset },
                    None => ImportError::Malformed {
                        path,
                        line: 1,
                        message: e.to_string(),
                    },
                });
            }
        };
        if headers.iter().all(|h| h.is_empty()) {
            return Err(ImportError::Empty { path });
        }
        let has = |c: &str| headers.iter().any(|h| h == c);
        let matches = |k: Kind| k.signature().iter().filter(|c| has(c)).count();
        // Without --kind, the columns tell: a home file has area/type/operation, a car file brand/model/year.
        let kind = match kind {
            Some(k) => k,
            None => match (matches(Kind::Property), matches(Kind::Vehicle)) {
                (p, v) if p > v => Kind::Property,
                (p, v) if v > p => Kind::Vehicle,
                _ => return Err(ImportError::UnknownKind { path }),
            },
        };
        let other = match kind {
            Kind::Property => Kind::Vehicle,
            Kind::Vehicle => Kind::Property,
        };
        let mine = kind.signature().iter().filter(|c| has(c)).count();
        let theirs: Vec<&str> = other
            .signature()
            .iter()
            .copied()
            .filter(|c| has(c))
            .collect();
        if mine == 0 && theirs.len() == other.signature().len() {
            return Err(ImportError::WrongKind {
                path,
                found: other.as_str(),
                columns: theirs.join(", "),
            });
        }
        let required = kind.required(priced);
        if let Some(missing) = required.iter().find(|c| !has(c)) {
            return Err(ImportError::MissingColumn {
                path,
                column: missing.to_string(),
                kind: kind.as_str(),
                required: required.join(", "),
            });
        }
        let index = headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.clone(), i))
            .collect();
        Ok(CsvStream {
            reader,
            path,
            index,
            kind,
            priced,
            line: 1,
            seen_rows: 0,
        })
    }

    /// Up to `max` more rows (skipped ones counted, not returned); `None` at
    /// the end of the file. A file without a single row is [`ImportError::Empty`].
    pub fn next_batch(&mut self, max: usize) -> Result<Option<CsvBatch>, ImportError> {
        let mut batch = CsvBatch {
            kind: Some(self.kind),
            ..CsvBatch::default()
        };
        let mut record = csv::StringRecord::new();
        let mut read = 0;
        while read < max.max(1) {
            self.line += 1;
            let more = self
                .reader
                .read_record(&mut record)
                .map_err(|e| match e.kind() {
                    csv::ErrorKind::Utf8 { pos, err } => ImportError::NotUtf8 {
                        path: self.path.clone(),
                        offset: pos.as_ref().map_or(0, |p| p.byte() as usize) + err.valid_up_to(),
                    },
                    _ => ImportError::Malformed {
                        path: self.path.clone(),
                        line: self.line,
                        message: e.to_string(),
                    },
                })?;
            if !more {
                break;
            }
            if record.iter().all(|f| f.is_empty()) {
                continue;
            }
            read += 1;
            self.seen_rows += 1;
            let index = &self.index;
            let get = |c: &str| {
                index
                    .get(c)
                    .and_then(|&i| record.get(i))
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
            };
            match row_from(self.kind, self.priced, &get) {
                Ok((row, blanked)) => {
                    for b in blanked {
                        *batch.blanked.entry(b).or_default() += 1;
                    }
                    batch.rows.push(row);
                    batch
                        .currencies
                        .push(get("currency").and_then(|c| c.parse().ok()));
                }
                Err(reason) => *batch.skipped.entry(reason).or_default() += 1,
            }
        }
        if read == 0 {
            if self.seen_rows == 0 {
                return Err(ImportError::Empty {
                    path: self.path.clone(),
                });
            }
            return Ok(None);
        }
        Ok(Some(batch))
    }

    /// Every row at once (`market import` checks the whole file before storing).
    pub fn read_all(mut self) -> Result<CsvBatch, ImportError> {
        let mut all = CsvBatch {
            kind: Some(self.kind),
            ..CsvBatch::default()
        };
        while let Some(b) = self.next_batch(usize::MAX)? {
            all.rows.extend(b.rows);
            all.currencies.extend(b.currencies);
            for (k, n) in b.skipped {
                *all.skipped.entry(k).or_default() += n;
            }
            for (k, n) in b.blanked {
                *all.blanked.entry(k).or_default() += n;
            }
        }
        Ok(all)
    }
}

type Getter<'a> = dyn Fn(&str) -> Option<&'a str> + 'a;

/// One row; `Err(reason)` when it must be skipped. Fields that do not parse are
/// a skip reason for a pool's key fields, and blanked (with a count) otherwise.
fn row_from<'a>(
    kind: Kind,
    priced: bool,
    get: &Getter<'a>,
) -> Result<(PoolRow, Vec<String>), String> {
    let mut blanked = Vec::new();
    let id = get("id").ok_or("missing id")?.to_string();
    let mut num = |col: &str, key: bool| -> Result<Option<f64>, String> {
        match get(col) {
            None => Ok(None),
            Some(t) => match parse_number(t) {
                Some(v) => Ok(Some(v)),
                None if key => Err(format!("unparseable {col}")),
                None => {
                    blanked.push(format!("unparseable {col}"));
                    Ok(None)
                }
            },
        }
    };
    let default_currency = match kind {
        Kind::Property => Currency::PEN,
        Kind::Vehicle => Currency::USD,
    };
    let currency = match get("currency") {
        Some(c) => c.parse().map_err(|_| format!("unknown currency '{c}'"))?,
        None => default_currency,
    };
    let price = if priced {
        let p = num("price", true)?.ok_or("missing price")?;
        if p <= 0.0 {
            return Err("price not above 0".into());
        }
        Some(Money::from_major_f64(p, currency).map_err(|e| e.to_string())?)
    } else {
        None // the price column of items to estimate is ignored
    };
    // A pool's absurd counts reach the pool's rules, which reject the row with
    // a reason (market::rules); items to estimate get the count left empty.
    let most = if priced { u32::MAX as f64 } else { 1e6 };
    let count = |v: Option<f64>| {
        v.filter(|x| *x >= 0.0 && x.fract() == 0.0 && *x < most)
            .map(|x| x as u32)
    };
    let mut row = PoolRow {
        id,
        kind: kind.as_str().into(),
        source: get("source").unwrap_or("import").to_string(),
        title: get("title").unwrap_or_default().to_string(),
        price,
        city: get("city").map(str::to_string),
        district: get("district").map(str::to_string),
        url: get("url").map(str::to_string),
        listed_on: get("listed_on").map(str::to_string),
        ..Default::default()
    };
    match kind {
        Kind::Property => {
            let area = num("area_m2", priced)?;
            if priced && !area.is_some_and(|a| a > 0.0) {
                return Err("area not above 0".into());
            }
            row.area_m2 = area.filter(|a| *a > 0.0);
            row.operation = get("operation").map(|s| s.to_ascii_lowercase());
            row.property_type = get("property_type").map(|s| s.to_ascii_lowercase());
            row.bedrooms = count(num("bedrooms", false)?);
            row.bathrooms = count(num("bathrooms", false)?);
            row.parking = count(num("parking", false)?);
            row.maintenance_pen = num("maintenance_pen", false)?.filter(|v| *v >= 0.0);
            row.zone = get("zone").map(str::to_string);
            row.address = get("address").map(str::to_string);
        }
        Kind::Vehicle => {
            row.brand = Some(get("brand").ok_or("missing brand")?.to_string());
            row.model = Some(get("model").ok_or("missing model")?.to_string());
            row.year = num("year", priced)?
                .filter(|y| (1900.0..=2100.0).contains(y))
                .map(|y| y as i32);
            if priced && row.year.is_none() {
                return Err("year out of range".into());
            }
            row.mileage_km = num("mileage_km", false)?
                .filter(|m| *m >= 0.0)
                .map(|m| m as u64);
            row.condition = get("condition").map(|s| s.to_ascii_lowercase());
            row.transmission = get("transmission").map(|s| s.to_ascii_lowercase());
            row.fuel_type = get("fuel_type").map(|s| s.to_ascii_lowercase());
            row.body_type = get("body_type").map(|s| s.to_ascii_lowercase());
            row.drivetrain = get("drivetrain").map(|s| s.to_ascii_lowercase());
            row.engine_l = num("engine_l", false)?.filter(|v| *v > 0.0);
            row.days_listed = count(num("days_listed", false)?);
            row.photos = count(num("photos", false)?);
        }
    }
    Ok((row, blanked))
}

/// `1234`, `1234.5`, `1,234,500` (thousands commas), `S/ 2,700`, `US$ 18,900`.
fn parse_number(text: &str) -> Option<f64> {
    let t = text
        .trim()
        .trim_start_matches("S/.")
        .trim_start_matches("S/")
        .trim_start_matches("US$")
        .trim_start_matches('$')
        .trim();
    let cleaned: String = t
        .chars()
        .filter(|c| *c != ',' && *c != '_' && !c.is_whitespace())
        .collect();
    let v: f64 = cleaned.parse().ok()?;
    v.is_finite().then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROPS: &str = "id,source,operation,property_type,title,price,currency,area_m2,bedrooms,bathrooms,parking,maintenance_pen,city,zone,district,address,listed_on,url\n\
        a1,urbania,sale,apartment,Depa estreno,450000,PEN,80,2,2,1,300,Lima,Lima Top,Miraflores,Av. Larco 1,2026-01-05,\n\
        a2,urbania,rent,apartment,Depa,2700,PEN,0,2,,,,Lima,Lima Top,Miraflores,,2026-01-05,\n\
        a3,urbania,sale,house,Casa,abc,PEN,200,4,3,2,,Lima,Lima Este,La Molina,,2026-01-05,\n\
        a4,urbania,sale,house,Casa,-5,PEN,200,4,3,2,,Lima,Lima Este,La Molina,,2026-01-05,\n";

    #[test]
    fn pool_rows_need_price_and_area_and_skips_are_counted() {
        let b = parse_csv(PROPS.as_bytes(), "p.csv", Some(Kind::Property), true).unwrap();
        assert_eq!(b.rows.len(), 1);
        let r = &b.rows[0];
        assert_eq!(r.price.unwrap().minor, 45_000_000);
        assert_eq!(
            (r.bedrooms, r.bathrooms, r.parking),
            (Some(2), Some(2), Some(1))
        );
        assert_eq!(r.district.as_deref(), Some("Miraflores"));
        assert_eq!(b.skipped.get("area not above 0"), Some(&1));
        assert_eq!(b.skipped.get("unparseable price"), Some(&1));
        assert_eq!(b.skipped.get("price not above 0"), Some(&1));
    }

    #[test]
    fn items_to_estimate_ignore_price_and_keep_every_row() {
        let b = parse_csv(PROPS.as_bytes(), "p.csv", Some(Kind::Property), false).unwrap();
        assert_eq!(b.rows.len(), 4, "every row answered later");
        assert!(
            b.rows.iter().all(|r| r.price.is_none()),
            "price column ignored"
        );
        assert_eq!(
            b.rows[1].area_m2, None,
            "a zero area is unknown, not an error"
        );
    }

    #[test]
    fn file_level_problems_are_named() {
        let veh = "id,brand,model,year,mileage_km,price\nv1,Toyota,Yaris,2019,50000,12000\n";
        let e = parse_csv(veh.as_bytes(), "v.csv", Some(Kind::Property), true)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("looks like a vehicle file") && e.contains("--kind vehicle"),
            "{e}"
        );
        let e = parse_csv(
            b"id,operation,property_type,district,price\nx,sale,house,Ate,1\n",
            "p.csv",
            Some(Kind::Property),
            true,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("no 'area_m2' column"), "{e}");
        let e = parse_csv(b"", "e.csv", Some(Kind::Vehicle), true)
            .unwrap_err()
            .to_string();
        assert!(e.contains("is empty"), "{e}");
        let e = parse_csv(
            b"id,brand,model,year,price\n",
            "h.csv",
            Some(Kind::Vehicle),
            true,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("is empty"), "{e}");
        let e = parse_csv(
            b"id,brand\n\xff\xfe,x\n",
            "b.csv",
            Some(Kind::Vehicle),
            true,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("not UTF-8"), "{e}");
    }

    #[test]
    fn the_kind_is_recognised_from_the_columns() {
        let b = parse_csv(PROPS.as_bytes(), "p.csv", None, true).unwrap();
        assert_eq!(b.kind, Some(Kind::Property));
        let veh = "id,brand,model,year,price\nv1,Kia,Rio,2018,9000\n";
        assert_eq!(
            parse_csv(veh.as_bytes(), "v.csv", None, true).unwrap().kind,
            Some(Kind::Vehicle)
        );
        let e = parse_csv(b"id,price\n1,2\n", "x.csv", None, true)
            .unwrap_err()
            .to_string();
        assert!(e.contains("add --kind"), "{e}");
    }

    #[test]
    fn numbers_as_merchants_write_them() {
        assert_eq!(parse_number("1,234,500"), Some(1_234_500.0));
        assert_eq!(parse_number("S/ 2,700"), Some(2700.0));
        assert_eq!(parse_number("US$ 18,900.5"), Some(18_900.5));
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("12a"), None);
    }

    #[test]
    fn vehicles_parse_with_defaults() {
        let v = "id,source,title,brand,model,year,mileage_km,price,currency,condition,transmission,fuel_type\n\
                 v1,neoauto,Yaris,Toyota,Yaris,2019,\"50,000\",12000,USD,,Automatic,gasoline\n";
        let b = parse_csv(v.as_bytes(), "v.csv", Some(Kind::Vehicle), true).unwrap();
        let r = &b.rows[0];
        assert_eq!(r.price, Some(Money::from_minor(1_200_000, Currency::USD)));
        assert_eq!(r.mileage_km, Some(50_000));
        assert_eq!(r.transmission.as_deref(), Some("automatic"));
    }
}
