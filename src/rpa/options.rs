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

/// How the d-electron dipoles respond.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DResponse {
    /// A static real polarisability from Re ε_ib at the bulk Fröhlich
    /// energy: the dipoles screen but do not absorb.
    Static,
    /// α(ω) from the measured complex ε_ib(ω) (frequency route only): the
    /// dipoles screen and absorb (interband damping of Au and Cu).
    Dynamic,
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
    /// Static or frequency-dependent dipoles (the Casida route takes only
    /// a static kernel).
    pub d_response: DResponse,
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
            d_response: DResponse::Dynamic,
            sum_rule_scaling: true,
        }
    }
}

impl RpaOptions {
    /// The Casida route for the pairs below `max_energy_ev`, with the static
    /// d response it needs and the other defaults.
    pub fn casida(max_energy_ev: f64) -> Self {
        RpaOptions {
            route: Route::Casida { max_energy_ev },
            d_response: DResponse::Static,
            ..Default::default()
        }
    }

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
        if self.d_screening
            && self.d_response == DResponse::Dynamic
            && self.coupling != 0.0
            && self.coupling != 1.0
        {
            return Err(Error::setting(
                "coupling",
                self.coupling,
                "a partial kernel strength is defined for the static d response only (0 or 1 \
                 with the frequency-dependent one)",
            ));
        }
        match self.route {
            Route::Frequency { bin_width_ev } => {
                check_frequency_route(b)?;
                if let Some(w) = bin_width_ev
                    && !(w.is_finite() && w >= 0.0)
                {
                    return Err(Error::setting("bin_width", w, "must be ≥ 0 eV"));
                }
            }
            Route::Casida { .. } if self.d_response == DResponse::Dynamic && self.d_screening => {
                return Err(Error::setting(
                    "d_response",
                    "dynamic",
                    "Casida's equation needs a frequency-independent kernel: the transition-space \
                     route takes the static d response (the frequency route takes either)",
                ));
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

/// What the frequency-domain route needs of a broadening: a Lorentzian
/// (its damping is the line width), and a grid fine enough to sample it:
/// the response is evaluated at the grid's points, so lines narrower than
/// about two spacings would fall between them and their strength would be
/// misplaced.
pub fn check_frequency_route(b: &Broadening) -> Result<()> {
    if b.shape != crate::LineShape::Lorentzian {
        return Err(Error::setting(
            "lineshape",
            b.shape.name(),
            "the frequency-domain response is broadened by its own damping, a Lorentzian; the \
             transition-space route (Casida) gives lines for other line shapes",
        ));
    }
    let spacing = b.grid.step();
    if b.fwhm < 2.0 * spacing {
        return Err(Error::setting(
            "fwhm",
            b.fwhm,
            format!(
                "is below twice the grid spacing ({spacing:.3e} eV): the frequency-domain \
                 response is sampled at the grid's points and would misplace the strength of \
                 lines this narrow; use more points, a larger width, or the transition-space \
                 route (Casida), which gives lines"
            ),
        ));
    }
    Ok(())
}
