//! The uniform photon-energy grid spectra are computed on.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::units::ev_to_nm;

/// The most points a grid may have: ten million (80 MB per curve), far
/// beyond any plot; more would only exhaust memory.
pub const MAX_POINTS: usize = 10_000_000;

/// `points` energies from `start` to `end` inclusive (eV).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct EnergyGrid {
    pub start: f64,
    pub end: f64,
    pub points: usize,
}

/// The highest photon energy of a grid, eV.
pub const MAX_ENERGY_EV: f64 = 100.0;

impl EnergyGrid {
    /// A checked grid: 0 < start < end, at least 2 points.
    pub fn new(start: f64, end: f64, points: usize) -> Result<Self> {
        if !(start.is_finite() && end.is_finite() && 0.0 < start && start < end) {
            return Err(Error::setting(
                "range",
                format!("{start}:{end}"),
                "the photon-energy range MIN:MAX (eV) needs 0 < MIN < MAX",
            ));
        }
        if end > MAX_ENERGY_EV {
            return Err(Error::setting(
                "range",
                format!("{start}:{end}"),
                format!(
                    "photon energies end at {MAX_ENERGY_EV} eV: the valence-electron models \
                     here describe the UV-vis and near UV (far above, core levels absorb)"
                ),
            ));
        }
        if !(2..=MAX_POINTS).contains(&points) {
            return Err(Error::setting(
                "points",
                points,
                format!("need 2 … {MAX_POINTS} grid points"),
            ));
        }
        Ok(EnergyGrid { start, end, points })
    }

    /// Spacing between points, eV.
    pub fn step(&self) -> f64 {
        (self.end - self.start) / (self.points - 1) as f64
    }

    /// Energy of point k, eV.
    pub fn energy(&self, k: usize) -> f64 {
        self.start + k as f64 * self.step()
    }

    /// All energies, eV.
    pub fn energies(&self) -> Vec<f64> {
        (0..self.points).map(|k| self.energy(k)).collect()
    }

    /// The vacuum wavelength of every point, nm.
    pub fn wavelengths(&self) -> Vec<f64> {
        self.energies().into_iter().map(ev_to_nm).collect()
    }
}
