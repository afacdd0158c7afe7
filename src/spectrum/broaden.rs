//! Windowed broadening of energy-sorted lines onto a uniform grid, on the
//! CPU (the twin of shaders/broaden.wgsl).
//!
//! S(E) = Σⱼ wⱼ g(E − eⱼ). Only lines inside a window around E are summed
//! exactly: ±3 FWHM for the Gaussian part (beyond it g < 1.4e-11 of its
//! peak). The Lorentzian part decays as 1/x²: its lines are binned
//! (far_field.rs), bins within ±5 FWHM (+ one bin) of E are summed line by
//! line and farther bins enter through their moments, so no Lorentzian
//! weight is ever dropped. Weights may have either sign.

use rayon::prelude::*;

use super::grid::EnergyGrid;
use super::lineshape::{GAUSSIAN_WINDOW_FWHM, LORENTZIAN_WINDOW_FWHM, LineShape, lorentzian};
use crate::error::{Error, Result};

pub use super::far_field::{BIN_WIDTH_FWHM, Bins};

/// Lines per parallel chunk; chunk results are added in order, so the
/// result does not depend on the thread count.
const CHUNK: usize = 8192;

/// Checks the inputs every broadening backend needs.
pub fn check_lines(energies: &[f64], weights: &[f64], fwhm: f64) -> Result<()> {
    if energies.len() != weights.len() {
        return Err(Error::invalid(
            "broadening: energies and weights differ in length",
        ));
    }
    if !(fwhm.is_finite() && fwhm > 0.0) {
        return Err(Error::setting(
            "fwhm",
            fwhm,
            "must be a positive width in eV",
        ));
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
        let far: f64 = (0..bins.len())
            .filter(|&b| !bins.is_near(b, e, window))
            .map(|b| bins.far_field(b, e, fwhm))
            .sum();
        *slot += scale * far;
    });
    out
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
