//! The cached form of a home model's comparables: one packed part per
//! segment, read in place.

use super::index::{Comparables, Near};
use super::prepare::Row;
use crate::pack::{Bytes, Reader, Writer};
use std::collections::HashMap;

/// Most words an address (12) or title (16) keeps (see `tokens`).
const MAX_WORDS: usize = 16;

/// Bytes of a packed row's fixed-width record: id hash (u64), place (u16),
/// ln area, area, rooms (3 × u8), ln fees, ln price (f64 each) and the
/// offset of its id and words in the variable area (u32).
const REC: usize = 49;

/// Packs comparable rows with only what comparing and showing them reads
/// (not the fields of the item side: flags, source, zone name). Districts
/// and address/title words are numbered within the part. What the
/// structured distance reads is a fixed-width record per row, so a loaded
/// part is compared with in place (see [`PackedPart`]); ids and words follow
/// in a variable area. `None` if a row does not fit the form.
pub(super) fn pack_rows(rows: &[&Row]) -> Option<Bytes> {
    let mut places: Vec<(&str, u64, u64)> = Vec::new();
    let mut place_ix: HashMap<(&str, u64), u16> = HashMap::new();
    let mut words: Vec<u64> = Vec::new();
    let mut word_ix: HashMap<u64, u32> = HashMap::new();
    for r in rows {
        if let std::collections::hash_map::Entry::Vacant(e) =
            place_ix.entry((r.district.as_str(), r.zone_hash))
        {
            e.insert(u16::try_from(places.len()).ok()?);
            places.push((&r.district, r.district_hash, r.zone_hash));
        }
        for t in r.addr.iter().chain(&r.words) {
            word_ix.entry(*t).or_insert_with(|| {
                words.push(*t);
                (words.len() - 1) as u32
            });
        }
    }
    let small = |v: f64| -> Option<u8> {
        // Room counts are whole numbers: capped at 20, or UNSTATED (see `count`).
        (v.fract() == 0.0 && (0.0..255.0).contains(&v)).then_some(v as u8)
    };
    // Word numbers take two bytes when a segment has few enough words.
    let wide = words.len() > u16::MAX as usize;
    let mut var = Writer::default();
    let mut w = Writer::default();
    w.u32(rows.len() as u32);
    w.u32(places.len() as u32);
    for (d, dh, zh) in &places {
        w.str(d);
        w.u64(*dh);
        w.u64(*zh);
    }
    w.u32(words.len() as u32);
    for t in &words {
        w.u64(*t);
    }
    w.u8(wide as u8);
    for r in rows {
        let at = w.0.len();
        w.u64(r.id_hash);
        w.u16(place_ix[&(r.district.as_str(), r.zone_hash)]);
        w.f64(r.la);
        w.f64(r.area.unwrap_or(f64::NAN));
        w.u8(small(r.beds)?);
        w.u8(small(r.baths)?);
        w.u8(small(r.parking)?);
        w.f64(r.lmaint);
        w.f64(r.y);
        w.u32(u32::try_from(var.0.len()).ok()?);
        debug_assert_eq!(w.0.len() - at, REC);
        var.str(&r.id);
        for list in [&r.addr, &r.words] {
            (list.len() <= MAX_WORDS).then_some(())?;
            var.u8(list.len() as u8);
            for t in list {
                if wide {
                    var.u32(word_ix[t]);
                } else {
                    var.u16(word_ix[t] as u16);
                }
            }
        }
    }
    w.0.extend_from_slice(&var.0);
    Some(w.done())
}

/// One segment's packed comparables (see [`pack_rows`]), read in place: only
/// the ~80 rows kept by the structured distance have their words decoded,
/// and only the shown ones their id and district. Checked whole when loaded,
/// so reading a row cannot go out of bounds.
#[derive(Debug, Clone)]
pub(super) struct PackedPart {
    pub(super) bytes: Vec<u8>,
    /// District name (byte range), district hash, zone hash.
    pub(super) places: Vec<(std::ops::Range<usize>, u64, u64)>,
    /// Offsets of the word table, the fixed records and the variable area.
    pub(super) words: usize,
    recs: usize,
    pub(super) var: usize,
    pub(super) n: usize,
    pub(super) wide: bool,
}

fn le<const N: usize>(b: &[u8], at: usize) -> [u8; N] {
    b[at..at + N].try_into().expect("checked when loaded")
}

impl PackedPart {
    pub(super) fn new(bytes: Vec<u8>) -> Option<PackedPart> {
        let mut r = Reader::new(&bytes);
        let n = r.u32()? as usize;
        let np = r.u32()? as usize;
        let places = (0..np)
            .map(|_| {
                let d = r.str()?.len();
                let end = r.position();
                Some((end - d..end, r.u64()?, r.u64()?))
            })
            .collect::<Option<Vec<_>>>()?;
        let nw = r.u32()? as usize;
        let words = r.position();
        r.skip(nw.checked_mul(8)?)?;
        let wide = match r.u8()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let recs = r.position();
        let var = recs.checked_add(n.checked_mul(REC)?)?;
        let tail = bytes.get(var..)?;
        // Every record's place and variable bytes (id, word numbers).
        let mut v = Reader::new(tail);
        for j in 0..n {
            let at = recs + j * REC;
            ((u16::from_le_bytes(le(&bytes, at + 8)) as usize) < np).then_some(())?;
            (u32::from_le_bytes(le(&bytes, at + 45)) as usize == v.position()).then_some(())?;
            v.str()?;
            for _ in 0..2 {
                let k = v.u8()? as usize;
                (k <= MAX_WORDS).then_some(())?;
                for _ in 0..k {
                    let ix = if wide {
                        v.u32()? as usize
                    } else {
                        v.u16()? as usize
                    };
                    (ix < nw).then_some(())?;
                }
            }
        }
        v.is_empty().then_some(())?;
        Some(PackedPart {
            places,
            words,
            recs,
            var,
            n,
            wide,
            bytes,
        })
    }

    fn f64_at(&self, at: usize) -> f64 {
        f64::from_bits(u64::from_le_bytes(le(&self.bytes, at)))
    }

    pub(super) fn near(&self, j: usize) -> Near {
        let at = self.recs + j * REC;
        let b = &self.bytes;
        let place = &self.places[u16::from_le_bytes(le(b, at + 8)) as usize];
        Near {
            id_hash: u64::from_le_bytes(le(b, at)),
            district_hash: place.1,
            zone_hash: place.2,
            la: self.f64_at(at + 10),
            beds: b[at + 26] as f64,
            baths: b[at + 27] as f64,
            parking: b[at + 28] as f64,
            lmaint: self.f64_at(at + 29),
            y: self.f64_at(at + 37),
        }
    }

    /// The row's id, then its word lists.
    fn var_of(&self, j: usize) -> Reader<'_> {
        let at = self.recs + j * REC;
        let off = u32::from_le_bytes(le(&self.bytes, at + 45)) as usize;
        Reader::new(&self.bytes[self.var + off..])
    }

    pub(super) fn id(&self, j: usize) -> &str {
        self.var_of(j).str().expect("checked when loaded")
    }

    pub(super) fn text<R>(&self, j: usize, f: impl FnOnce(&[u64], &[u64]) -> R) -> R {
        let mut v = self.var_of(j);
        v.str();
        let mut lists = [[0u64; MAX_WORDS]; 2];
        let mut lens = [0usize; 2];
        for (list, len) in lists.iter_mut().zip(&mut lens) {
            *len = v.u8().unwrap_or(0) as usize;
            for t in &mut list[..*len] {
                let ix = if self.wide {
                    v.u32().unwrap_or(0) as usize
                } else {
                    v.u16().unwrap_or(0) as usize
                };
                *t = u64::from_le_bytes(le(&self.bytes, self.words + 8 * ix));
            }
        }
        f(&lists[0][..lens[0]], &lists[1][..lens[1]])
    }

    pub(super) fn shown(&self, j: usize) -> (String, String, Option<f64>) {
        let at = self.recs + j * REC;
        let place = &self.places[u16::from_le_bytes(le(&self.bytes, at + 8)) as usize];
        // Checked as UTF-8 when loaded (a `str` of the header).
        let district = String::from_utf8_lossy(&self.bytes[place.0.clone()]).into_owned();
        let area = Some(self.f64_at(at + 18)).filter(|a| !a.is_nan());
        (self.id(j).to_string(), district, area)
    }
}

/// The comparables of a [`PropertyModel`]: rows it was fitted on, or the
/// cached parts it was read from (each with the number of its first row).
#[derive(Debug, Clone)]
pub(super) enum Comps {
    Rows(Vec<Row>),
    Packed(Vec<(usize, u8, PackedPart)>),
}

impl Comps {
    pub(super) fn part(parts: &[(usize, u8, PackedPart)], j: usize) -> (&PackedPart, usize) {
        let (start, _, p) = parts
            .iter()
            .rev()
            .find(|(start, _, _)| *start <= j)
            .expect("row of a loaded part");
        (p, j - start)
    }
}

impl Comparables for Comps {
    fn near(&self, j: usize) -> Near {
        match self {
            Comps::Rows(r) => r.near(j),
            Comps::Packed(p) => {
                let (p, j) = Comps::part(p, j);
                p.near(j)
            }
        }
    }
    fn id_is(&self, j: usize, id: &str) -> bool {
        match self {
            Comps::Rows(r) => r.id_is(j, id),
            Comps::Packed(p) => {
                let (p, j) = Comps::part(p, j);
                p.id(j) == id
            }
        }
    }
    fn text<R>(&self, j: usize, f: impl FnOnce(&[u64], &[u64]) -> R) -> R {
        match self {
            Comps::Rows(r) => r.text(j, f),
            Comps::Packed(p) => {
                let (p, j) = Comps::part(p, j);
                p.text(j, f)
            }
        }
    }
    fn shown(&self, j: usize) -> (String, String, Option<f64>) {
        match self {
            Comps::Rows(r) => r.shown(j),
            Comps::Packed(p) => {
                let (p, j) = Comps::part(p, j);
                p.shown(j)
            }
        }
    }
}
