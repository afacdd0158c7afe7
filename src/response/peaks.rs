//! Band maxima of a spectrum: every interior local maximum of S(E) that
//! stands out from its surroundings, with its position, height, the
//! oscillator strength under it and its full width at half maximum. A
//! rise towards either end of the grid is not a band maximum.

use serde::Serialize;

use super::{Lines, Spectrum};
use crate::units::ev_to_nm;

/// A band: a local maximum of S(E) away from the grid's ends.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Peak {
    /// Position, eV (parabolic interpolation through the three highest points).
    pub energy_ev: f64,
    /// The same position as a vacuum wavelength, nm.
    pub wavelength_nm: f64,
    /// Height of ε at the grid maximum, M⁻¹ cm⁻¹.
    pub epsilon: f64,
    /// Height of S(E) at the grid maximum, eV⁻¹.
    pub density_per_ev: f64,
    /// ∫ S dE between the nearest minima on either side (trapezoid rule):
    /// the oscillator strength of the band.
    pub oscillator_strength: f64,
    /// Full width at half maximum, eV; `None` when the band does not fall
    /// to half its height before a neighbouring band or the grid's end.
    pub fwhm_ev: Option<f64>,
    /// Height above the higher of the two minima around it, eV⁻¹.
    pub prominence: f64,
}

/// A band must rise this far (relative to the highest point of the
/// spectrum) above the higher of its two surrounding minima to count.
pub const MIN_PROMINENCE: f64 = 0.02;

/// The band maxima of `s`, in order of energy.
pub fn peaks(s: &Spectrum) -> Vec<Peak> {
    bands(s).into_iter().map(|b| b.0).collect()
}

/// The band maxima of `s`, broadened from `lines`, with each band's
/// oscillator strength the sum of the lines between its two minima
/// rather than the integral of the curve (which misses the tails beyond
/// the minima and is wrong when the grid undersamples the line width).
pub fn peaks_from_lines(s: &Spectrum, lines: &Lines) -> Vec<Peak> {
    let x = &s.energy_ev;
    bands(s)
        .into_iter()
        .map(|(mut p, lo, hi)| {
            // A line exactly on a minimum belongs to the band above it.
            let (from, to) = (x[lo], x[hi]);
            let last = hi + 1 == x.len();
            p.oscillator_strength = lines
                .energy
                .iter()
                .zip(&lines.oscillator_strength)
                .filter(|(e, _)| **e >= from && (**e < to || (last && **e <= to)))
                .map(|(_, f)| f)
                .sum();
            p
        })
        .collect()
}

/// The bands with the grid indices of their two minima.
fn bands(s: &Spectrum) -> Vec<(Peak, usize, usize)> {
    let y = &s.density_per_ev;
    let x = &s.energy_ev;
    let n = y.len();
    let top = y.iter().copied().fold(0.0, f64::max);
    if n < 3 || top.is_nan() || top <= 0.0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut k = 1;
    while k + 1 < n {
        // A plateau counts once, at its middle.
        let mut end = k;
        while end + 1 < n && y[end + 1] == y[k] {
            end += 1;
        }
        if end + 1 < n && y[k] > y[k - 1] && y[k] > y[end + 1] {
            let m = (k + end) / 2;
            let prominence = y[m] - y[valley(y, m, -1)].max(y[valley(y, m, 1)]);
            let (lo, hi) = (foot(y, m, -1), foot(y, m, 1));
            if prominence >= MIN_PROMINENCE * top {
                out.push((
                    Peak {
                        energy_ev: refine(x, y, m),
                        wavelength_nm: ev_to_nm(refine(x, y, m)),
                        epsilon: s.epsilon[m],
                        density_per_ev: y[m],
                        oscillator_strength: (lo..hi)
                            .map(|j| 0.5 * (y[j] + y[j + 1]) * (x[j + 1] - x[j]))
                            .sum(),
                        fwhm_ev: half_width(x, y, m, lo, hi),
                        prominence,
                    },
                    lo,
                    hi,
                ));
            }
        }
        k = end + 1;
    }
    out
}

/// Which end of the grid a spectrum's highest point sits at, when it is an
/// end: absorption that rises out of the range (the strongest absorption
/// may lie outside it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Edge {
    Low,
    High,
}

/// The end of the grid holding the highest value of `values`, if any.
pub fn rising_edge(values: &[f64]) -> Option<Edge> {
    let (k, _) = values
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .filter(|(_, v)| **v > 0.0)?;
    if k == 0 {
        Some(Edge::Low)
    } else if k + 1 == values.len() {
        Some(Edge::High)
    } else {
        None
    }
}

/// The strongest band maximum (highest S), if the spectrum has one.
pub fn main_peak(s: &Spectrum) -> Option<Peak> {
    peaks(s)
        .into_iter()
        .max_by(|a, b| a.density_per_ev.total_cmp(&b.density_per_ev))
}

/// Index of the minimum reached walking from `m` in direction `dir` until
/// the curve rises above the height of `m` or the grid ends.
fn valley(y: &[f64], m: usize, dir: isize) -> usize {
    let mut best = m;
    let mut j = m as isize;
    while j + dir >= 0 && ((j + dir) as usize) < y.len() {
        j += dir;
        let v = y[j as usize];
        if v > y[m] {
            break;
        }
        if v < y[best] {
            best = j as usize;
        }
    }
    best
}

/// Index of the nearest local minimum from `m` in direction `dir` (the
/// curve stops falling), or the grid's end.
fn foot(y: &[f64], m: usize, dir: isize) -> usize {
    let mut j = m as isize;
    while j + dir >= 0 && ((j + dir) as usize) < y.len() && y[(j + dir) as usize] <= y[j as usize] {
        j += dir;
    }
    j as usize
}

/// The vertex of the parabola through points m − 1, m, m + 1.
fn refine(x: &[f64], y: &[f64], m: usize) -> f64 {
    let (a, b, c) = (y[m - 1], y[m], y[m + 1]);
    let denom = a - 2.0 * b + c;
    if denom >= 0.0 {
        return x[m];
    }
    let shift = 0.5 * (a - c) / denom;
    x[m] + shift.clamp(-0.5, 0.5) * (x[m + 1] - x[m])
}

/// Width at half height, each side linearly interpolated, within lo..=hi.
fn half_width(x: &[f64], y: &[f64], m: usize, lo: usize, hi: usize) -> Option<f64> {
    let half = 0.5 * y[m];
    let left = (lo..m).rev().find(|&j| y[j] <= half)?;
    let right = (m + 1..=hi).find(|&j| y[j] <= half)?;
    let cross = |a: usize, b: usize| x[a] + (half - y[a]) / (y[b] - y[a]) * (x[b] - x[a]);
    Some(cross(right - 1, right) - cross(left + 1, left))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::Broadening;
    use crate::spectrum::lineshape::gaussian;
    use crate::spectrum::{EnergyGrid, LineShape};

    fn spectrum_of(f: impl Fn(f64) -> f64) -> Spectrum {
        let grid = EnergyGrid::new(1.0, 5.0, 2001).unwrap();
        let b = Broadening::new(grid, LineShape::Gaussian, 0.1).unwrap();
        Spectrum::from_density(b, grid.energies().into_iter().map(f).collect(), None)
    }

    #[test]
    fn two_gaussians_give_two_bands_with_their_strengths_and_widths() {
        let s = spectrum_of(|e| 2.0 * gaussian(e - 2.0, 0.2) + gaussian(e - 3.5, 0.3));
        let p = peaks(&s);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!((p[0].energy_ev - 2.0).abs() < 1e-3 && (p[1].energy_ev - 3.5).abs() < 1e-3);
        assert!((p[0].oscillator_strength - 2.0).abs() < 1e-3, "{p:?}");
        assert!((p[1].oscillator_strength - 1.0).abs() < 1e-3, "{p:?}");
        assert!((p[0].fwhm_ev.unwrap() - 0.2).abs() < 1e-3);
        assert!((p[1].fwhm_ev.unwrap() - 0.3).abs() < 1e-3);
        assert_eq!(main_peak(&s).unwrap().energy_ev, p[0].energy_ev);
    }

    #[test]
    fn a_rise_towards_the_edge_is_not_a_band() {
        // Absorption growing towards 5 eV plus a weak band at 2 eV.
        let s = spectrum_of(|e| e * e + 2.0 * gaussian(e - 2.0, 0.1));
        let p = peaks(&s);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!((p[0].energy_ev - 2.0).abs() < 0.01);
        let rising = spectrum_of(|e| e);
        assert!(main_peak(&rising).is_none());
        assert_eq!(rising_edge(&rising.density_per_ev), Some(Edge::High));
        assert_eq!(rising_edge(&s.density_per_ev), Some(Edge::High));
        let falling = spectrum_of(|e| 1.0 / e);
        assert_eq!(rising_edge(&falling.density_per_ev), Some(Edge::Low));
    }

    #[test]
    fn ripples_below_the_prominence_threshold_are_ignored() {
        let s = spectrum_of(|e| gaussian(e - 3.0, 1.0) + 1e-4 * (40.0 * e).sin());
        assert_eq!(peaks(&s).len(), 1);
    }
}
