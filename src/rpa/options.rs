//! The options of the collective response: which route solves it, the
//! kernel strength, the d-electron dipoles and the f-sum scaling, and
//! their check against the broadening before anything is computed.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::response::Broadening;

/// Which route solves the response.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "route", rename_all = "snake_case")]
pub enum Route {
    /// χ⁰ as a spectral function and the Dyson equation per frequency: a
    /// density on the grid, every pair included.
    Frequency {
        /// Node spacing around the spectrum, eV; `None` takes FWHM/8, 0
        /// puts every distinct pair energy on its own node (exact).
        bin_width_ev: Option<f64>,
    },
    /// Casida's equation in the pairs below `max_energy_ev`: discrete lines.
    Casida { max_energy_ev: f64 },
}

/// Collective-response options.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct RpaOptions {
    pub route: Route,
    /// Kernel strength λ (1: the Coulomb kernel; 0: independent particles
    /// through the same machinery).
    pub coupling: f64,
    /// Polarisable d-electron dipoles on the atoms whose parameters give an
    /// interband dielectric constant.
    pub d_screening: bool,
    /// Scale the pairs' transition charges so that they carry the f-sum of
    /// the conduction electrons (see [`super::pairs`]).
    pub sum_rule_scaling: bool,
}

impl Default for RpaOptions {
    fn default() -> Self {
        RpaOptions {
            route: Route::Frequency { bin_width_ev: None },
            coupling: 1.0,
            d_screening: true,
            sum_rule_scaling: true,
        }
    }
}

impl RpaOptions {
    /// Checks the options against the broadening they will be used with,
    /// before anything is computed.
    pub fn check(&self, b: &Broadening) -> Result<()> {
        if !(self.coupling.is_finite() && self.coupling >= 0.0) {
            return Err(Error::setting(
                "coupling",
                self.coupling,
                "the kernel strength must be ≥ 0",
            ));
        }
        match self.route {
            Route::Frequency { bin_width_ev } => {
                if b.shape != crate::LineShape::Lorentzian {
                    return Err(Error::setting(
                        "lineshape",
                        b.shape.name(),
                        "the frequency-domain response is broadened by its own damping, a \
                         Lorentzian; the transition-space route (Casida) gives lines for other \
                         line shapes",
                    ));
                }
                if let Some(w) = bin_width_ev
                    && !(w.is_finite() && w >= 0.0)
                {
                    return Err(Error::setting("bin_width", w, "must be ≥ 0 eV"));
                }
            }
            Route::Casida { max_energy_ev } => {
                if !(max_energy_ev.is_finite() && max_energy_ev > 0.0) {
                    return Err(Error::setting(
                        "casida_max_energy",
                        max_energy_ev,
                        "the largest pair energy must be positive (eV)",
                    ));
                }
            }
        }
        Ok(())
    }
}
