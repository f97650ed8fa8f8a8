//! A small histogram gradient-boosting regressor (pure Rust, deterministic).
//!
//! Features are `f64` with `NaN` for missing; values are bucketed into at most
//! `max_bins` quantile bins, missing values always go to the left branch.
//! Loss is squared error or Huber (robust to dirty asking prices); boosting
//! may start from a per-row base prediction (so it can model residuals).

use super::pack::{Bytes, Reader, Writer};
use super::stats::mix64;
use serde::{Deserialize, Serialize};

/// Boosting hyper-parameters.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GbmParams {
    pub trees: usize,
    pub learning_rate: f64,
    pub max_depth: usize,
    pub min_leaf: usize,
    pub lambda: f64,
    pub subsample: f64,
    pub colsample: f64,
    pub max_bins: usize,
    /// Huber threshold on the residual; `None` = squared error.
    pub huber: Option<f64>,
    pub seed: u64,
}

impl Default for GbmParams {
    fn default() -> Self {
        GbmParams {
            trees: 300,
            learning_rate: 0.08,
            max_depth: 6,
            min_leaf: 10,
            lambda: 1.0,
            subsample: 0.7,
            colsample: 0.8,
            max_bins: 64,
            huber: Some(0.35),
            seed: 7,
        }
    }
}

#[derive(Debug, Clone)]
struct Node {
    feature: u32,
    threshold: f64,
    left: u32,
    right: u32,
    value: f64,
    leaf: bool,
}

/// A fitted ensemble. Its trees are one byte string, evaluated in place and
/// cached as is: loading a model is a copy, not a rebuild of many small
/// vectors (which cost more than estimating). Each tree is in pre-order, the
/// left subtree right after its split: a leaf is [`LEAF`] and its value
/// (f64); a split is its feature (u8), its threshold's index in
/// `thresholds` (u16; thresholds are bin edges shared by many splits) and
/// the byte offset of its right subtree from the split (u32).
#[derive(Debug, Clone)]
pub struct Gbm {
    thresholds: Vec<f64>,
    /// Byte offset of each tree in `code`.
    roots: Vec<u32>,
    code: Vec<u8>,
    pub n_features: usize,
}

/// Tag of a leaf; any other tag is a split's feature.
const LEAF: u8 = u8::MAX;
const SPLIT_LEN: usize = 7;
const LEAF_LEN: usize = 9;

struct Binned {
    bins: Vec<u8>,
    n: usize,
    p: usize,
    edges: Vec<Vec<f64>>,
}

fn bin_features(x: &[f64], n: usize, p: usize, max_bins: usize) -> Binned {
    let mut edges = Vec::with_capacity(p);
    for f in 0..p {
        let mut col: Vec<f64> = (0..n)
            .map(|i| x[i * p + f])
            .filter(|v| !v.is_nan())
            .collect();
        col.sort_by(|a, b| a.total_cmp(b));
        col.dedup();
        let e: Vec<f64> = if col.len() < max_bins {
            col
        } else {
            let mut e: Vec<f64> = (1..max_bins)
                .map(|k| col[(k * col.len()) / max_bins])
                .collect();
            e.dedup();
            e
        };
        edges.push(e);
    }
    let mut bins = vec![0u8; n * p];
    for i in 0..n {
        for f in 0..p {
            let v = x[i * p + f];
            bins[i * p + f] = if v.is_nan() {
                0
            } else {
                (1 + edges[f].partition_point(|&e| e < v)) as u8
            };
        }
    }
    Binned { bins, n, p, edges }
}

struct Builder<'a> {
    b: &'a Binned,
    grad: &'a [f64],
    hess: &'a [f64],
    params: &'a GbmParams,
    feats: Vec<usize>,
    nodes: Vec<Node>,
    nb: usize,
}

impl Builder<'_> {
    fn hist(&self, rows: &[u32]) -> Vec<[f64; 2]> {
        let p = self.b.p;
        let nb = self.nb;
        let mut h = vec![[0.0f64; 2]; p * nb];
        for &r in rows {
            let r = r as usize;
            let g = self.grad[r];
            let hs = self.hess[r];
            let row = &self.b.bins[r * p..(r + 1) * p];
            for &f in &self.feats {
                let cell = &mut h[f * nb + row[f] as usize];
                cell[0] += g;
                cell[1] += hs;
            }
        }
        h
    }

    fn splittable(&self, n: usize, depth: usize) -> bool {
        depth < self.params.max_depth && n >= 2 * self.params.min_leaf
    }

    fn build(&mut self, rows: Vec<u32>, hist: Vec<[f64; 2]>, depth: usize) -> u32 {
        let lambda = self.params.lambda;
        let (mut g, mut h) = (0.0, 0.0);
        for &r in &rows {
            g += self.grad[r as usize];
            h += self.hess[r as usize];
        }
        let idx = self.nodes.len() as u32;
        let value = -g / (h + lambda);
        self.nodes.push(Node {
            feature: 0,
            threshold: 0.0,
            left: 0,
            right: 0,
            value,
            leaf: true,
        });
        if !self.splittable(rows.len(), depth) || hist.is_empty() {
            return idx;
        }
        let parent_score = g * g / (h + lambda);
        let min_leaf = self.params.min_leaf as f64;
        let mut best = (0.0f64, usize::MAX, 0usize);
        for &f in &self.feats {
            let nbins = self.b.edges[f].len() + 2;
            let (mut gl, mut hl) = (0.0, 0.0);
            for t in 0..nbins.saturating_sub(1) {
                let c = hist[f * self.nb + t];
                gl += c[0];
                hl += c[1];
                if hl < min_leaf {
                    continue;
                }
                if h - hl < min_leaf {
                    break;
                }
                let gr = g - gl;
                let hr = h - hl;
                let gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parent_score;
                if gain > best.0 {
                    best = (gain, f, t);
                }
            }
        }
        if best.1 == usize::MAX || best.0 <= 1e-9 {
            return idx;
        }
        let (f, t) = (best.1, best.2);
        let p = self.b.p;
        let (lrows, rrows): (Vec<u32>, Vec<u32>) = rows
            .iter()
            .partition(|&&r| (self.b.bins[r as usize * p + f] as usize) <= t);
        let (small, large_is_left) = if lrows.len() <= rrows.len() {
            (&lrows, false)
        } else {
            (&rrows, true)
        };
        let need_small = self.splittable(small.len(), depth + 1);
        let large_len = rows.len() - small.len();
        let need_large = self.splittable(large_len, depth + 1);
        let hs = if need_small || need_large {
            self.hist(small)
        } else {
            Vec::new()
        };
        let hl_ = if need_large {
            let mut hl_ = hist;
            for (a, b) in hl_.iter_mut().zip(&hs) {
                a[0] -= b[0];
                a[1] -= b[1];
            }
            hl_
        } else {
            Vec::new()
        };
        let hs = if need_small { hs } else { Vec::new() };
        let (lh, rh) = if large_is_left { (hl_, hs) } else { (hs, hl_) };
        let threshold = if t == 0 {
            f64::NEG_INFINITY
        } else {
            self.b.edges[f][t - 1]
        };
        let l = self.build(lrows, lh, depth + 1);
        let r = self.build(rrows, rh, depth + 1);
        let n = &mut self.nodes[idx as usize];
        n.feature = f as u32;
        n.threshold = threshold;
        n.left = l;
        n.right = r;
        n.leaf = false;
        idx
    }
}

impl Gbm {
    /// Fits on row-major `x` (n × p), target `y`, optional starting `base`
    /// predictions and optional sample weights.
    pub fn fit(
        x: &[f64],
        p: usize,
        y: &[f64],
        base: Option<&[f64]>,
        weights: Option<&[f64]>,
        params: &GbmParams,
    ) -> Gbm {
        let n = y.len();
        let b = bin_features(x, n, p, params.max_bins.min(250));
        let mut pred: Vec<f64> = base.map_or(vec![0.0; n], |b| b.to_vec());
        let mut grad = vec![0.0; n];
        let mut hess = vec![0.0; n];
        assert!(p < LEAF as usize, "at most 254 features");
        let mut code = Code::default();
        let mut rng = params.seed;
        for _ in 0..params.trees {
            for i in 0..n {
                let w = weights.map_or(1.0, |w| w[i]);
                let r = pred[i] - y[i];
                let g = match params.huber {
                    Some(d) => r.clamp(-d, d),
                    None => r,
                };
                grad[i] = g * w;
                hess[i] = w;
            }
            let mut rows: Vec<u32> = Vec::with_capacity(n);
            for i in 0..n {
                rng = mix64(rng);
                if params.subsample >= 1.0
                    || (rng >> 11) as f64 / (1u64 << 53) as f64 <= params.subsample
                {
                    rows.push(i as u32);
                }
            }
            let mut feats: Vec<usize> = Vec::new();
            for f in 0..p {
                rng = mix64(rng);
                if params.colsample >= 1.0
                    || (rng >> 11) as f64 / (1u64 << 53) as f64 <= params.colsample
                {
                    feats.push(f);
                }
            }
            if feats.is_empty() {
                feats.push((rng as usize) % p.max(1));
            }
            let mut bld = Builder {
                b: &b,
                grad: &grad,
                hess: &hess,
                params,
                feats,
                nodes: Vec::new(),
                nb: params.max_bins.min(250) + 2,
            };
            let h = bld.hist(&rows);
            bld.build(rows, h, 0);
            let mut nodes = bld.nodes;
            for nd in nodes.iter_mut() {
                nd.value *= params.learning_rate;
            }
            let root = code.push_tree(&nodes);
            for i in 0..n {
                pred[i] += eval(&code.bytes, &code.thresholds, root, &x[i * p..(i + 1) * p]);
            }
        }
        let _ = b.n;
        Gbm {
            thresholds: code.thresholds,
            roots: code.roots,
            code: code.bytes,
            n_features: p,
        }
    }

    /// Sum of tree outputs for one feature row (add the base prediction yourself).
    pub fn predict_row(&self, row: &[f64]) -> f64 {
        self.roots
            .iter()
            .map(|&r| eval(&self.code, &self.thresholds, r as usize, row))
            .sum()
    }
}

/// The tree at byte offset `i` of `code` for one row: missing values and
/// values up to the threshold go left.
fn eval(code: &[u8], thresholds: &[f64], mut i: usize, row: &[f64]) -> f64 {
    loop {
        let tag = code[i];
        if tag == LEAF {
            return f64::from_le_bytes(code[i + 1..i + 9].try_into().expect("8 bytes"));
        }
        let t = u16::from_le_bytes([code[i + 1], code[i + 2]]) as usize;
        let v = row[tag as usize];
        i = if v.is_nan() || v <= thresholds[t] {
            i + SPLIT_LEN
        } else {
            i + u32::from_le_bytes(code[i + 3..i + 7].try_into().expect("4 bytes")) as usize
        };
    }
}

/// Trees being written in the packed form of [`Gbm`].
#[derive(Default)]
struct Code {
    thresholds: Vec<f64>,
    index: std::collections::HashMap<u64, u16>,
    roots: Vec<u32>,
    bytes: Vec<u8>,
}

impl Code {
    /// Appends a tree; returns its offset.
    fn push_tree(&mut self, nodes: &[Node]) -> usize {
        let root = self.bytes.len();
        self.roots.push(root as u32);
        self.put(nodes, 0);
        root
    }

    fn put(&mut self, nodes: &[Node], i: usize) {
        let n = &nodes[i];
        if n.leaf {
            self.bytes.push(LEAF);
            self.bytes.extend_from_slice(&n.value.to_le_bytes());
            return;
        }
        let next = self.thresholds.len();
        let t = *self.index.entry(n.threshold.to_bits()).or_insert_with(|| {
            // Under 254 features of at most 250 bins each: always fits.
            u16::try_from(next).expect("at most 65,535 thresholds")
        });
        if t as usize == next {
            self.thresholds.push(n.threshold);
        }
        let at = self.bytes.len();
        self.bytes.push(n.feature as u8);
        self.bytes.extend_from_slice(&t.to_le_bytes());
        self.bytes.extend_from_slice(&[0; 4]);
        self.put(nodes, n.left as usize);
        let right = (self.bytes.len() - at) as u32;
        self.bytes[at + 3..at + 7].copy_from_slice(&right.to_le_bytes());
        self.put(nodes, n.right as usize);
    }
}

impl Gbm {
    fn pack(&self) -> Bytes {
        let mut w = Writer::default();
        w.u32(self.n_features as u32);
        w.u32(self.thresholds.len() as u32);
        for t in &self.thresholds {
            w.f64(*t);
        }
        w.u32(self.roots.len() as u32);
        for r in &self.roots {
            w.u32(*r);
        }
        w.0.extend_from_slice(&self.code);
        w.done()
    }

    /// The trees of [`Self::pack`], checked node by node so that evaluating
    /// them cannot read out of bounds; `None` when damaged.
    fn unpack(b: &[u8]) -> Option<Gbm> {
        let mut r = Reader::new(b);
        let n_features = r.u32()? as usize;
        let nt = r.u32()? as usize;
        let thresholds: Vec<f64> = (0..nt).map(|_| r.f64()).collect::<Option<_>>()?;
        let nr = r.u32()? as usize;
        let roots: Vec<u32> = (0..nr).map(|_| r.u32()).collect::<Option<_>>()?;
        let code = &b[b.len() - r.remaining()..];
        // Each tree in pre-order: after a leaf comes the right subtree of the
        // latest split whose right subtree has not started, which must be
        // where that split points. A loop, not recursion: 84,000 nodes.
        let mut open: Vec<usize> = Vec::with_capacity(64);
        let mut at = 0;
        for &root in &roots {
            (root as usize == at).then_some(())?;
            loop {
                let tag = *code.get(at)?;
                if tag == LEAF {
                    at += LEAF_LEN;
                    (at <= code.len()).then_some(())?;
                    match open.pop() {
                        Some(split) => {
                            let right =
                                u32::from_le_bytes(code[split + 3..split + 7].try_into().ok()?);
                            (split + right as usize == at).then_some(())?;
                        }
                        None => break,
                    }
                } else {
                    let t = u16::from_le_bytes([*code.get(at + 1)?, *code.get(at + 2)?]) as usize;
                    ((tag as usize) < n_features && t < nt && at + SPLIT_LEN <= code.len())
                        .then_some(())?;
                    open.push(at);
                    at += SPLIT_LEN;
                }
            }
        }
        (at == code.len()).then(|| Gbm {
            thresholds,
            roots,
            code: code.to_vec(),
            n_features,
        })
    }
}

impl Serialize for Gbm {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.pack().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Gbm {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Unpacked from the borrowed bytes where the format lends them: a
        // copy of every tree into a `Bytes` first cost as much as the unpacking.
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Gbm;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("packed trees")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Gbm, E> {
                Gbm::unpack(v).ok_or_else(|| E::custom("damaged packed trees"))
            }
            // Formats without a byte-string type write a sequence.
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Gbm, A::Error> {
                let b = Bytes::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                self.visit_bytes(&b.0)
            }
        }
        d.deserialize_bytes(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_step_function_and_handles_missing() {
        let mut x = Vec::new();
        let mut y = Vec::new();
        for i in 0..400 {
            let a = (i % 20) as f64;
            let b = if i % 7 == 0 { f64::NAN } else { (i % 3) as f64 };
            x.extend_from_slice(&[a, b]);
            y.push(if a > 9.5 { 5.0 } else { 1.0 } + if b == 2.0 { 1.0 } else { 0.0 });
        }
        let params = GbmParams {
            trees: 200,
            huber: None,
            subsample: 1.0,
            colsample: 1.0,
            ..Default::default()
        };
        let m = Gbm::fit(&x, 2, &y, None, None, &params);
        assert!((m.predict_row(&[15.0, 2.0]) - 6.0).abs() < 0.05);
        assert!((m.predict_row(&[3.0, 0.0]) - 1.0).abs() < 0.05);
        assert!((m.predict_row(&[3.0, f64::NAN]) - 1.0).abs() < 0.1);
    }

    #[test]
    fn base_offset_is_respected() {
        let x: Vec<f64> = (0..100).map(|i| i as f64).collect();
        let y = vec![10.0; 100];
        let base = vec![10.0; 100];
        let m = Gbm::fit(&x, 1, &y, Some(&base), None, &GbmParams::default());
        assert!(m.predict_row(&[50.0]).abs() < 1e-9);
    }

    #[test]
    fn packed_trees_predict_bit_for_bit_and_damage_is_refused() {
        let x: Vec<f64> = (0..600)
            .flat_map(|i| {
                [
                    (i % 37) as f64,
                    if i % 5 == 0 {
                        f64::NAN
                    } else {
                        (i % 11) as f64
                    },
                ]
            })
            .collect();
        let y: Vec<f64> = (0..600).map(|i| ((i * 7919) % 101) as f64 / 10.0).collect();
        let m = Gbm::fit(&x, 2, &y, None, None, &GbmParams::default());
        let b = m.pack();
        let back = Gbm::unpack(&b.0).unwrap();
        for row in x.chunks(2) {
            assert_eq!(
                m.predict_row(row).to_bits(),
                back.predict_row(row).to_bits()
            );
        }
        assert!(Gbm::unpack(&b.0[..b.0.len() - 3]).is_none());
        let mut longer = b.0.clone();
        longer.push(0);
        assert!(Gbm::unpack(&longer).is_none());
    }
}
