//! Far field of Lorentzian lines: lines grouped in bins of FWHM/8, each
//! bin acting at distance through its moments about its centre c,
//! M₀ = Σw, M₁ = Σw(e − c), M₂ = Σw(e − c)², as
//! M₀L(x) − M₁L′(x) + ½M₂L″(x), x = E − c (second-order Taylor expansion;
//! exact for signed weights such as rotatory strengths too). Used by the
//! CPU broadening and, as uploaded moments, by shaders/broaden.wgsl.

use super::lineshape::lorentzian;

/// Bin width, in FWHM. With bins farther than 5 FWHM the neglected third
/// order is below 1e-7 of the (≤ 1 %) tail a bin carries.
pub const BIN_WIDTH_FWHM: f64 = 0.125;

/// Far-field bins of lines sorted by energy.
#[derive(Clone, Debug, PartialEq)]
pub struct Bins {
    /// Lower edge of bin 0, eV.
    pub origin: f64,
    /// Bin width, eV.
    pub width: f64,
    /// Moments about each bin's centre: Σw, Σw(e − c) (eV), Σw(e − c)² (eV²).
    pub moments: Vec<[f64; 3]>,
    /// Bin of each line.
    pub line_bin: Vec<u32>,
}

impl Bins {
    /// Groups sorted lines (energies eV, weights) into bins of `width` eV.
    pub fn new(energies: &[f64], weights: &[f64], width: f64) -> Self {
        let origin = energies.first().copied().unwrap_or(0.0);
        let line_bin: Vec<u32> = energies
            .iter()
            .map(|&e| ((e - origin) / width).floor().max(0.0) as u32)
            .collect();
        let nbins = line_bin.last().map(|&b| b as usize + 1).unwrap_or(0);
        let mut bins = Bins {
            origin,
            width,
            moments: vec![[0.0; 3]; nbins],
            line_bin,
        };
        for (j, (&e, &w)) in energies.iter().zip(weights).enumerate() {
            let b = bins.line_bin[j] as usize;
            let d = e - bins.centre(b);
            let m = &mut bins.moments[b];
            m[0] += w;
            m[1] += w * d;
            m[2] += w * d * d;
        }
        bins
    }

    /// Number of bins.
    pub fn len(&self) -> usize {
        self.moments.len()
    }

    /// True when there are no bins.
    pub fn is_empty(&self) -> bool {
        self.moments.is_empty()
    }

    /// Lower and upper edge of bin `b`, eV.
    pub fn edges(&self, b: usize) -> (f64, f64) {
        let lo = self.origin + b as f64 * self.width;
        (lo, lo + self.width)
    }

    /// Centre of bin `b`, eV.
    pub fn centre(&self, b: usize) -> f64 {
        self.origin + (b as f64 + 0.5) * self.width
    }

    /// True when bin `b` is summed line by line at grid energy `e`
    /// (half-window `w` eV); the one predicate both sides use.
    pub fn is_near(&self, b: usize, e: f64, w: f64) -> bool {
        let (lo, hi) = self.edges(b);
        e >= lo - w && e <= hi + w
    }

    /// First line of each bin, and one past the last line (len + 1 entries).
    pub fn starts(&self) -> Vec<u32> {
        let mut start = vec![0u32; self.len() + 1];
        for &b in &self.line_bin {
            start[b as usize + 1] += 1;
        }
        for k in 1..start.len() {
            start[k] += start[k - 1];
        }
        start
    }

    /// Bin `b` seen from grid energy `e` (eV), per eV.
    pub fn far_field(&self, b: usize, e: f64, fwhm: f64) -> f64 {
        let x = e - self.centre(b);
        let [m0, m1, m2] = self.moments[b];
        m0 * lorentzian(x, fwhm) - m1 * lorentzian_slope(x, fwhm)
            + 0.5 * m2 * lorentzian_curvature(x, fwhm)
    }
}

/// First derivative of the normalised Lorentzian at offset `x` (eV⁻²).
pub fn lorentzian_slope(x: f64, fwhm: f64) -> f64 {
    let g = 0.5 * fwhm;
    let d = x * x + g * g;
    -g / std::f64::consts::PI * 2.0 * x / (d * d)
}

/// Second derivative of the normalised Lorentzian at offset `x` (eV⁻³).
pub fn lorentzian_curvature(x: f64, fwhm: f64) -> f64 {
    let g = 0.5 * fwhm;
    let d = x * x + g * g;
    g / std::f64::consts::PI * (6.0 * x * x - 2.0 * g * g) / (d * d * d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivatives_match_finite_differences() {
        let (w, h) = (0.2, 1e-5);
        for x in [-1.3, -0.05, 0.0, 0.4, 2.0] {
            let slope = (lorentzian(x + h, w) - lorentzian(x - h, w)) / (2.0 * h);
            assert!((lorentzian_slope(x, w) - slope).abs() < 1e-5 * (1.0 + slope.abs()));
            let curv = (lorentzian_slope(x + h, w) - lorentzian_slope(x - h, w)) / (2.0 * h);
            assert!((lorentzian_curvature(x, w) - curv).abs() < 1e-4 * (1.0 + curv.abs()));
        }
    }

    #[test]
    fn moments_reproduce_signed_lines_far_away() {
        let e = [1.00, 1.01, 1.02];
        let w = [1.0, -2.0, 0.7];
        let bins = Bins::new(&e, &w, 0.05);
        let direct: f64 = e
            .iter()
            .zip(&w)
            .map(|(x, v)| v * lorentzian(3.0 - x, 0.1))
            .sum();
        let far = bins.far_field(0, 3.0, 0.1);
        // Third order: (spread/distance)³ ~ 1e-6 of the unsigned total.
        let unsigned: f64 = e
            .iter()
            .zip(&w)
            .map(|(x, v)| v.abs() * lorentzian(3.0 - x, 0.1))
            .sum();
        assert!((far - direct).abs() < 1e-5 * unsigned, "{far} vs {direct}");
    }
}
