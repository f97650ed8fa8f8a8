//! The cached form of a car model's levels and comparables: one packed
//! part per brand.

use super::index::{Levels, Lists};
use super::prepare::Row;
use crate::pack::{Bytes, Reader, Writer};
use std::collections::HashMap;

/// A brand's level tables and comparables, packed; models and trims are
/// numbered within the brand. `None` if something does not fit the form.
pub(super) fn pack_brand(lv: &Levels, brand: &str, rows: &[&Row]) -> Option<Bytes> {
    let of_brand = |key: &str| key.split('|').next() == Some(brand);
    let mut models: Vec<&String> = lv.model.keys().filter(|m| of_brand(m)).collect();
    models.sort();
    let mut trims: Vec<&String> = lv.trim.keys().filter(|t| of_brand(t)).collect();
    trims.sort();
    let model_ix: HashMap<&str, u16> = models
        .iter()
        .enumerate()
        .map(|(i, m)| Some((m.as_str(), u16::try_from(i).ok()?)))
        .collect::<Option<_>>()?;
    let trim_ix: HashMap<&str, u16> = trims
        .iter()
        .enumerate()
        .map(|(i, t)| Some((t.as_str(), u16::try_from(i).ok()?)))
        .collect::<Option<_>>()?;
    let mut w = Writer::default();
    let level = |w: &mut Writer, v: (f64, f64)| {
        w.f64(v.0);
        w.f64(v.1);
    };
    level(&mut w, *lv.brand.get(brand)?);
    for (names, table) in [(&models, &lv.model), (&trims, &lv.trim)] {
        w.u32(names.len() as u32);
        for k in names {
            w.str(k);
            level(&mut w, table[*k]);
        }
    }
    for (ix, table) in [(&model_ix, &lv.model_year), (&trim_ix, &lv.trim_year)] {
        let mut keys: Vec<&(String, i64)> = table.keys().filter(|k| of_brand(&k.0)).collect();
        keys.sort();
        w.u32(keys.len() as u32);
        for k in keys {
            w.u16(*ix.get(k.0.as_str())?);
            w.u64(k.1 as u64);
            level(&mut w, table[k]);
        }
    }
    let mut years: Vec<&(String, i64)> = lv.brand_year.keys().filter(|k| k.0 == brand).collect();
    years.sort();
    w.u32(years.len() as u32);
    for k in years {
        w.u64(k.1 as u64);
        level(&mut w, lv.brand_year[k]);
    }
    // Categories are small whole numbers or NaN (see `cat`).
    let small = |v: f64| -> Option<u8> {
        if v.is_nan() {
            Some(u8::MAX)
        } else {
            (v.fract() == 0.0 && (0.0..255.0).contains(&v)).then_some(v as u8)
        }
    };
    w.u32(rows.len() as u32);
    for r in rows {
        w.str(&r.id);
        w.u16(*model_ix.get(r.model.as_str())?);
        for v in [r.year, r.lmil, r.engine, r.y] {
            w.f64(v);
        }
        for v in [r.body, r.drive, r.trans, r.fuel, r.source] {
            w.u8(small(v)?);
        }
    }
    Some(w.done())
}

/// Adds a packed brand to `lv`, `lists` and `rows`.
pub(super) fn unpack_brand(
    b: &[u8],
    brand: &str,
    lv: &mut Levels,
    lists: &mut Lists,
    rows: &mut Vec<Row>,
) -> Option<()> {
    let mut r = Reader::new(b);
    let level = |r: &mut Reader| Some((r.f64()?, r.f64()?));
    lv.brand.insert(brand.to_string(), level(&mut r)?);
    let mut names: [Vec<String>; 2] = [Vec::new(), Vec::new()];
    for (i, table) in [&mut lv.model, &mut lv.trim].into_iter().enumerate() {
        for _ in 0..r.u32()? {
            let k = r.str()?.to_string();
            table.insert(k.clone(), level(&mut r)?);
            names[i].push(k);
        }
    }
    for (i, table) in [&mut lv.model_year, &mut lv.trim_year]
        .into_iter()
        .enumerate()
    {
        for _ in 0..r.u32()? {
            let k = names[i].get(r.u16()? as usize)?.clone();
            let year = r.u64()? as i64;
            table.insert((k, year), level(&mut r)?);
        }
    }
    for _ in 0..r.u32()? {
        let year = r.u64()? as i64;
        lv.brand_year
            .insert((brand.to_string(), year), level(&mut r)?);
    }
    let n = r.u32()? as usize;
    let start = rows.len();
    for _ in 0..n {
        let id = r.str()?.to_string();
        let model = names[0].get(r.u16()? as usize)?.clone();
        let (year, lmil, engine, y) = (r.f64()?, r.f64()?, r.f64()?, r.f64()?);
        let mut cats = [0.0; 5];
        for c in &mut cats {
            *c = match r.u8()? {
                u8::MAX => f64::NAN,
                v => v as f64,
            };
        }
        let [body, drive, trans, fuel, source] = cats;
        lists
            .by_model
            .entry(model.clone())
            .or_default()
            .push(rows.len());
        rows.push(Row {
            id,
            brand: brand.to_string(),
            model,
            year,
            lmil,
            engine,
            body,
            drive,
            trans,
            fuel,
            source,
            y,
            clean: true,
            // Read only on the item's side, never on a comparable's.
            mil_round: f64::NAN,
            photos: f64::NAN,
            days: f64::NAN,
            trim: String::new(),
            model_words: String::new(),
        });
    }
    lists
        .by_brand
        .insert(brand.to_string(), (start..rows.len()).collect());
    r.is_empty().then_some(())
}
