//! Small robust statistics used across the pricing engine. Pure functions.

/// Median of a slice (NaN-free input assumed). Returns `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    quantile(values, 0.5)
}

/// Linear-interpolated quantile (type 7, as R/NumPy default). `q` in 0..=1.
pub fn quantile(values: &[f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v: Vec<f64> = values.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    Some(quantile_sorted(&v, q))
}

/// Quantile of an already sorted slice (must be non-empty).
pub fn quantile_sorted(v: &[f64], q: f64) -> f64 {
    let q = q.clamp(0.0, 1.0);
    let pos = q * (v.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    let frac = pos - lo as f64;
    v[lo] * (1.0 - frac) + v[hi] * frac
}

/// Weighted median: the smallest value whose cumulative weight reaches half
/// of the total weight. Non-positive weights are ignored.
pub fn weighted_median(values: &[f64], weights: &[f64]) -> Option<f64> {
    weighted_quantile(values, weights, 0.5)
}

/// Weighted quantile (lower): smallest value with cumulative weight >= q·total.
pub fn weighted_quantile(values: &[f64], weights: &[f64], q: f64) -> Option<f64> {
    let mut pairs: Vec<(f64, f64)> = values
        .iter()
        .zip(weights)
        .filter(|(_, w)| **w > 0.0)
        .map(|(v, w)| (*v, *w))
        .collect();
    if pairs.is_empty() {
        return None;
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: f64 = pairs.iter().map(|p| p.1).sum();
    let target = q.clamp(0.0, 1.0) * total;
    let mut acc = 0.0;
    for (v, w) in &pairs {
        acc += w;
        if acc >= target - 1e-12 {
            return Some(*v);
        }
    }
    pairs.last().map(|p| p.0)
}

/// Weighted mean; `None` when the total weight is zero.
pub fn weighted_mean(values: &[f64], weights: &[f64]) -> Option<f64> {
    let (mut s, mut w) = (0.0, 0.0);
    for (v, wt) in values.iter().zip(weights) {
        s += v * wt;
        w += wt;
    }
    if w > 0.0 { Some(s / w) } else { None }
}

/// Mean of a slice.
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        None
    } else {
        Some(values.iter().sum::<f64>() / values.len() as f64)
    }
}

/// Median absolute deviation scaled to be consistent with the normal sd (×1.4826).
pub fn mad(values: &[f64]) -> Option<f64> {
    let m = median(values)?;
    let dev: Vec<f64> = values.iter().map(|v| (v - m).abs()).collect();
    median(&dev).map(|d| d * 1.4826)
}

/// Median absolute percentage error between predictions and truths.
pub fn mdape(pred: &[f64], truth: &[f64]) -> Option<f64> {
    let ape: Vec<f64> = pred
        .iter()
        .zip(truth)
        .filter(|(_, t)| **t != 0.0)
        .map(|(p, t)| ((p - t) / t).abs())
        .collect();
    median(&ape)
}

/// Split-conformal quantile: the ⌈(n+1)·level⌉-th smallest score (finite-sample
/// valid). Returns +∞ when there are too few scores for the level.
pub fn conformal_quantile(scores: &[f64], level: f64) -> f64 {
    if scores.is_empty() {
        return f64::INFINITY;
    }
    let mut v = scores.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    let k = ((n as f64 + 1.0) * level).ceil() as usize;
    if k == 0 {
        return v[0];
    }
    if k > n {
        return f64::INFINITY;
    }
    v[k - 1]
}

/// Ridge regression: minimises Σ w_i (y_i − x_i·β)² + λ Σ_{j≥1} β_j² (the first
/// column, the intercept when it is a column of ones, is not penalised).
/// `x` is row-major with `p` columns. Solved by Cholesky on the normal equations.
pub fn ridge(x: &[f64], p: usize, y: &[f64], w: Option<&[f64]>, lambda: f64) -> Vec<f64> {
    let n = y.len();
    let mut a = vec![0.0; p * p];
    let mut b = vec![0.0; p];
    for i in 0..n {
        let row = &x[i * p..(i + 1) * p];
        let wi = w.map_or(1.0, |w| w[i]);
        for j in 0..p {
            b[j] += wi * row[j] * y[i];
            for k in 0..=j {
                a[j * p + k] += wi * row[j] * row[k];
            }
        }
    }
    for j in 0..p {
        for k in 0..j {
            a[k * p + j] = a[j * p + k];
        }
        if j > 0 {
            a[j * p + j] += lambda;
        }
        a[j * p + j] += 1e-9;
    }
    solve_spd(&mut a, &mut b, p);
    b
}

/// Solves A x = b in place for symmetric positive definite A (Cholesky).
fn solve_spd(a: &mut [f64], b: &mut [f64], p: usize) {
    // Cholesky: A = L Lᵀ, L stored in lower triangle of a.
    for j in 0..p {
        let mut d = a[j * p + j];
        for k in 0..j {
            d -= a[j * p + k] * a[j * p + k];
        }
        let d = d.max(1e-12).sqrt();
        a[j * p + j] = d;
        for i in (j + 1)..p {
            let mut s = a[i * p + j];
            for k in 0..j {
                s -= a[i * p + k] * a[j * p + k];
            }
            a[i * p + j] = s / d;
        }
    }
    for i in 0..p {
        let mut s = b[i];
        for k in 0..i {
            s -= a[i * p + k] * b[k];
        }
        b[i] = s / a[i * p + i];
    }
    for i in (0..p).rev() {
        let mut s = b[i];
        for k in (i + 1)..p {
            s -= a[k * p + i] * b[k];
        }
        b[i] = s / a[i * p + i];
    }
}

/// Theil–Sen style robust slope of y on x (median of pairwise slopes) with its
/// approximate standard error from the residual MAD. Returns (slope, std_error).
pub fn robust_slope(x: &[f64], y: &[f64]) -> Option<(f64, f64)> {
    let n = x.len();
    if n < 3 {
        return None;
    }
    let mut slopes = Vec::new();
    for i in 0..n {
        for j in (i + 1)..n {
            let dx = x[j] - x[i];
            if dx.abs() > 1e-9 {
                slopes.push((y[j] - y[i]) / dx);
            }
        }
        if slopes.len() > 200_000 {
            break;
        }
    }
    let slope = median(&slopes)?;
    let inter: Vec<f64> = x.iter().zip(y).map(|(a, b)| b - slope * a).collect();
    let c = median(&inter)?;
    let res: Vec<f64> = x.iter().zip(y).map(|(a, b)| b - c - slope * a).collect();
    let s = mad(&res)?;
    let mx = mean(x)?;
    let sxx: f64 = x.iter().map(|v| (v - mx) * (v - mx)).sum();
    if sxx <= 0.0 {
        return None;
    }
    Some((slope, s / sxx.sqrt()))
}

/// Deterministic 64-bit mix (SplitMix64) used for reproducible fold assignment.
pub fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Stable FNV-1a hash of a string (used to assign folds by id or group key).
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Rounds to cents.
pub fn cents(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_quantile() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(quantile(&[0.0, 10.0], 0.25), Some(2.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn weighted_median_known() {
        // weight concentrated on 10 → answer 10
        assert_eq!(
            weighted_median(&[1.0, 10.0, 100.0], &[1.0, 5.0, 1.0]),
            Some(10.0)
        );
        assert_eq!(
            weighted_median(&[1.0, 10.0, 100.0], &[1.0, 1.0, 5.0]),
            Some(100.0)
        );
        assert_eq!(weighted_median(&[1.0], &[0.0]), None);
    }

    #[test]
    fn conformal_quantile_finite_sample() {
        let s: Vec<f64> = (1..=9).map(|v| v as f64).collect();
        // n=9, level .8 → ceil(10*.8)=8th smallest = 8
        assert_eq!(conformal_quantile(&s, 0.8), 8.0);
        assert!(conformal_quantile(&s[..2], 0.8).is_infinite());
    }

    #[test]
    fn ridge_recovers_exact_linear() {
        // y = 2 + 3 x1 - 1.5 x2
        let mut x = Vec::new();
        let mut y = Vec::new();
        for i in 0..30 {
            let x1 = i as f64 * 0.37 % 5.0;
            let x2 = (i * i) as f64 % 7.0;
            x.extend_from_slice(&[1.0, x1, x2]);
            y.push(2.0 + 3.0 * x1 - 1.5 * x2);
        }
        let b = ridge(&x, 3, &y, None, 0.0);
        assert!((b[0] - 2.0).abs() < 1e-6, "{b:?}");
        assert!((b[1] - 3.0).abs() < 1e-6);
        assert!((b[2] + 1.5).abs() < 1e-6);
        // a large penalty shrinks slopes
        let s = ridge(&x, 3, &y, None, 1e6);
        assert!(s[1].abs() < 0.1);
    }

    #[test]
    fn mad_and_mdape() {
        assert!((mad(&[1.0, 2.0, 3.0, 4.0, 100.0]).unwrap() - 1.4826).abs() < 1e-9);
        assert_eq!(
            mdape(&[110.0, 90.0, 100.0], &[100.0, 100.0, 100.0]),
            Some(0.1)
        );
    }

    #[test]
    fn robust_slope_ignores_outlier() {
        let x: Vec<f64> = (0..10).map(|v| v as f64).collect();
        let mut y: Vec<f64> = x.iter().map(|v| 1.0 + 0.5 * v).collect();
        y[9] = 100.0;
        let (s, _) = robust_slope(&x, &y).unwrap();
        assert!((s - 0.5).abs() < 1e-9);
    }
}
