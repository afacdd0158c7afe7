//! Windowed broadening of energy-sorted lines onto a uniform grid, on the
//! CPU (the twin of shaders/broaden.wgsl).
//!
//! S(E) = Σⱼ wⱼ g(E − eⱼ). Only lines inside a window around E are summed
//! exactly: ±3 FWHM for the Gaussian part (beyond it g < 1.4e-11 of its
//! peak). The Lorentzian part decays as 1/x², so its lines are grouped in
//! bins of width FWHM/4: a bin within ±5 FWHM (+ one bin) of E is summed
//! exactly, a farther bin enters as one line of its total weight at its
//! weighted centroid. That centroid error is below 2e-3 of the (already
//! ≤1 %) tail it replaces, so no Lorentzian weight is ever dropped.

use rayon::prelude::*;

use super::grid::EnergyGrid;
use super::lineshape::{GAUSSIAN_WINDOW_FWHM, LORENTZIAN_WINDOW_FWHM, LineShape, lorentzian};
use crate::error::{Error, Result};

/// Bin width of the Lorentzian far field, in FWHM.
pub const BIN_WIDTH_FWHM: f64 = 0.25;

/// Lines per parallel chunk; chunk results are added in order, so the
/// result does not depend on the thread count.
const CHUNK: usize = 8192;

/// Lorentzian far-field bins of sorted lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Bins {
    /// Lower edge of bin 0, eV.
    pub origin: f64,
    /// Bin width, eV.
    pub width: f64,
    /// Total weight of each bin.
    pub weight: Vec<f64>,
    /// Weighted centroid of each bin, eV.
    pub centroid: Vec<f64>,
    /// Weighted variance of the line energies in each bin, eV².
    pub variance: Vec<f64>,
    /// Bin of each line.
    pub line_bin: Vec<u32>,
}

impl Bins {
    /// Lower and upper edge of bin `b`, eV.
    pub fn edges(&self, b: usize) -> (f64, f64) {
        let lo = self.origin + b as f64 * self.width;
        (lo, lo + self.width)
    }

    /// True when bin `b` is summed line by line at grid energy `e`
    /// (half-window `w` eV); the one predicate both sides use.
    pub fn is_near(&self, b: usize, e: f64, w: f64) -> bool {
        let (lo, hi) = self.edges(b);
        e >= lo - w && e <= hi + w
    }

    /// Groups sorted lines (energies eV, weights) into bins of `width` eV.
    pub fn new(energies: &[f64], weights: &[f64], width: f64) -> Self {
        let origin = energies.first().copied().unwrap_or(0.0);
        let line_bin: Vec<u32> = energies
            .iter()
            .map(|&e| ((e - origin) / width).floor().max(0.0) as u32)
            .collect();
        let nbins = line_bin.last().map(|&b| b as usize + 1).unwrap_or(0);
        let mut weight = vec![0.0; nbins];
        let mut moment = vec![0.0; nbins];
        for ((&b, &e), &w) in line_bin.iter().zip(energies).zip(weights) {
            weight[b as usize] += w;
            moment[b as usize] += w * e;
        }
        let centroid: Vec<f64> = weight
            .iter()
            .zip(&moment)
            .enumerate()
            .map(|(b, (&w, &m))| {
                if w != 0.0 {
                    m / w
                } else {
                    origin + (b as f64 + 0.5) * width
                }
            })
            .collect();
        let mut variance = vec![0.0; nbins];
        for ((&b, &e), &w) in line_bin.iter().zip(energies).zip(weights) {
            let b = b as usize;
            if weight[b] != 0.0 {
                variance[b] += w * (e - centroid[b]).powi(2) / weight[b];
            }
        }
        Bins {
            origin,
            width,
            weight,
            centroid,
            variance,
            line_bin,
        }
    }
}

/// Checks the inputs every broadening backend needs.
pub fn check_lines(energies: &[f64], weights: &[f64], fwhm: f64) -> Result<()> {
    if energies.len() != weights.len() {
        return Err(Error::invalid(
            "broadening: energies and weights differ in length",
        ));
    }
    if !(fwhm.is_finite() && fwhm > 0.0) {
        return Err(Error::invalid(format!("--fwhm {fwhm} eV must be positive")));
    }
    if energies.windows(2).any(|w| w[0] > w[1]) || energies.iter().any(|e| !e.is_finite()) {
        return Err(Error::invalid(
            "broadening: line energies must be finite and sorted",
        ));
    }
    Ok(())
}

/// Σⱼ wⱼ g(E − eⱼ) on `grid` (units of w per eV) for lines sorted by energy.
pub fn broaden(
    energies: &[f64],
    weights: &[f64],
    grid: &EnergyGrid,
    shape: LineShape,
    fwhm: f64,
) -> Result<Vec<f64>> {
    check_lines(energies, weights, fwhm)?;
    let eta = shape.lorentzian_fraction();
    let mut out = vec![0.0; grid.points];
    if eta < 1.0 {
        add(
            &mut out,
            &gaussian_part(energies, weights, grid, fwhm, 1.0 - eta),
        );
    }
    if eta > 0.0 {
        add(
            &mut out,
            &lorentzian_part(energies, weights, grid, fwhm, eta),
        );
    }
    Ok(out)
}

fn add(acc: &mut [f64], x: &[f64]) {
    for (a, b) in acc.iter_mut().zip(x) {
        *a += b;
    }
}

/// Runs `scatter(range, out)` over chunks of lines in parallel and adds the
/// chunk results in order.
fn chunked(
    n: usize,
    points: usize,
    scatter: impl Fn(std::ops::Range<usize>, &mut [f64]) + Sync,
) -> Vec<f64> {
    let starts: Vec<usize> = (0..n).step_by(CHUNK).collect();
    let parts: Vec<Vec<f64>> = starts
        .par_iter()
        .map(|&s| {
            let mut local = vec![0.0; points];
            scatter(s..(s + CHUNK).min(n), &mut local);
            local
        })
        .collect();
    let mut out = vec![0.0; points];
    for p in &parts {
        add(&mut out, p);
    }
    out
}

/// Grid indices within [lo, hi] eV, clamped to the grid.
fn index_range(grid: &EnergyGrid, lo: f64, hi: f64) -> std::ops::Range<usize> {
    let step = grid.step();
    let first = ((lo - grid.start) / step).ceil().max(0.0);
    let last = ((hi - grid.start) / step)
        .floor()
        .min((grid.points - 1) as f64);
    if last < first {
        0..0
    } else {
        first as usize..last as usize + 1
    }
}

/// Gaussian part: each line scattered to the grid points within ±3 FWHM,
/// with exp evaluated by the exact recurrence g(x+δ) = g(x)·r, r ← r·q.
fn gaussian_part(
    energies: &[f64],
    weights: &[f64],
    grid: &EnergyGrid,
    fwhm: f64,
    scale: f64,
) -> Vec<f64> {
    let a = 4.0 * std::f64::consts::LN_2 / (fwhm * fwhm);
    let norm = scale * (a / std::f64::consts::PI).sqrt();
    let step = grid.step();
    let window = GAUSSIAN_WINDOW_FWHM * fwhm;
    let q = (-2.0 * a * step * step).exp();
    chunked(energies.len(), grid.points, |range, out| {
        for j in range {
            let e = energies[j];
            let ks = index_range(grid, e - window, e + window);
            if ks.is_empty() {
                continue;
            }
            let x0 = grid.energy(ks.start) - e;
            let mut v = weights[j] * norm * (-a * x0 * x0).exp();
            let mut r = (-a * (2.0 * x0 * step + step * step)).exp();
            for slot in &mut out[ks] {
                *slot += v;
                v *= r;
                r *= q;
            }
        }
    })
}

/// Lorentzian part: near bins line by line, far bins as centroids.
fn lorentzian_part(
    energies: &[f64],
    weights: &[f64],
    grid: &EnergyGrid,
    fwhm: f64,
    scale: f64,
) -> Vec<f64> {
    let bins = Bins::new(energies, weights, BIN_WIDTH_FWHM * fwhm);
    let window = LORENTZIAN_WINDOW_FWHM * fwhm;
    let step = grid.step();
    let mut out = chunked(energies.len(), grid.points, |range, out| {
        for j in range {
            let b = bins.line_bin[j] as usize;
            let (lo, hi) = bins.edges(b);
            let ks = index_range(grid, lo - window - step, hi + window + step);
            for k in ks {
                let e = grid.energy(k);
                if bins.is_near(b, e, window) {
                    out[k] += scale * weights[j] * lorentzian(e - energies[j], fwhm);
                }
            }
        }
    });
    out.par_iter_mut().enumerate().for_each(|(k, slot)| {
        let e = grid.energy(k);
        let mut far = 0.0;
        for b in 0..bins.weight.len() {
            if bins.weight[b] != 0.0 && !bins.is_near(b, e, window) {
                let x = e - bins.centroid[b];
                far += bins.weight[b]
                    * (lorentzian(x, fwhm)
                        + 0.5 * bins.variance[b] * lorentzian_curvature(x, fwhm));
            }
        }
        *slot += scale * far;
    });
    out
}

/// Second derivative of the normalised Lorentzian at offset `x` (eV⁻³).
pub fn lorentzian_curvature(x: f64, fwhm: f64) -> f64 {
    let g = 0.5 * fwhm;
    let d = x * x + g * g;
    g / std::f64::consts::PI * (6.0 * x * x - 2.0 * g * g) / (d * d * d)
}

/// The direct sum over every line at every grid point: O(lines × points),
/// for tests only.
pub fn broaden_direct(
    energies: &[f64],
    weights: &[f64],
    grid: &EnergyGrid,
    shape: LineShape,
    fwhm: f64,
) -> Vec<f64> {
    (0..grid.points)
        .map(|k| {
            let e = grid.energy(k);
            energies
                .iter()
                .zip(weights)
                .map(|(&x, &w)| w * shape.value(e - x, fwhm))
                .sum()
        })
        .collect()
}
