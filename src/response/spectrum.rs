//! From a response to a spectrum on an energy grid: lines are broadened
//! (by the engine, GPU or CPU), densities pass through. Every density is
//! taken on the energy axis: S(E) (eV⁻¹), ε = 28707·S (M⁻¹ cm⁻¹),
//! σ = 1.0976·S (Å²), and with rotatory strengths Δε(E) = E·Σ R g(E)/22.96
//! (M⁻¹ cm⁻¹) and g_abs = Δε/ε.

use serde::Serialize;

use super::{Density, Lines, Response};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::spectrum::{EnergyGrid, LineShape};
use crate::units::{CD_DIVISOR, CROSS_SECTION_PER_DENSITY, EPSILON_PER_DENSITY};

/// Where and how lines are broadened.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Broadening {
    pub grid: EnergyGrid,
    pub shape: LineShape,
    /// Full width at half maximum, eV.
    pub fwhm: f64,
}

/// The narrowest line width accepted, eV (0.1 meV: below any measured
/// band width; a Gaussian of 10⁻³⁰⁰ eV would leave an all-zero spectrum).
pub const MIN_FWHM: f64 = 1e-4;
/// The widest line width accepted, eV.
pub const MAX_FWHM: f64 = 10.0;

impl Broadening {
    /// A checked broadening: a positive, finite FWHM.
    pub fn new(grid: EnergyGrid, shape: LineShape, fwhm: f64) -> Result<Self> {
        if !(fwhm.is_finite() && (MIN_FWHM..=MAX_FWHM).contains(&fwhm)) {
            // Scientific notation for absurd values (1e-300, not 300 zeros).
            let value = if (1e-3..1e6).contains(&fwhm.abs()) {
                format!("{fwhm}")
            } else {
                format!("{fwhm:e}")
            };
            return Err(Error::setting(
                "fwhm",
                value,
                format!(
                    "the line width must lie in {MIN_FWHM} … {MAX_FWHM} eV (narrower lines fall \
                     between grid points, wider ones wash out every band)"
                ),
            ));
        }
        if let LineShape::PseudoVoigt { eta } = shape
            && !(0.0..=1.0).contains(&eta)
        {
            return Err(Error::setting(
                "eta",
                eta,
                "the Lorentzian fraction must lie in 0..1",
            ));
        }
        Ok(Broadening { grid, shape, fwhm })
    }
}

/// A spectrum on an energy grid. Densities are per unit energy; the
/// wavelength column only labels the points.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Spectrum {
    pub broadening: Broadening,
    /// Photon energy of each point, eV.
    pub energy_ev: Vec<f64>,
    /// Vacuum wavelength of each point, nm.
    pub wavelength_nm: Vec<f64>,
    /// Oscillator-strength density S(E), eV⁻¹.
    pub density_per_ev: Vec<f64>,
    /// Molar absorptivity ε(E), M⁻¹ cm⁻¹.
    pub epsilon: Vec<f64>,
    /// Absorption cross-section σ(E), Å².
    pub cross_section: Vec<f64>,
    /// Δε(E), M⁻¹ cm⁻¹, when rotatory strengths are known for every line.
    pub delta_epsilon: Option<Vec<f64>>,
    /// g_abs = Δε/ε where ε exceeds 10⁻³ of its maximum, NaN elsewhere.
    pub dissymmetry: Option<Vec<f64>>,
}

impl Spectrum {
    /// The spectrum of an oscillator-strength density S(E) (eV⁻¹) and,
    /// optionally, a rotatory density Σ R g(E) on `broadening.grid`.
    pub fn from_density(
        broadening: Broadening,
        density: Vec<f64>,
        rotatory: Option<Vec<f64>>,
    ) -> Self {
        let grid = broadening.grid;
        let energy_ev = grid.energies();
        let epsilon: Vec<f64> = density.iter().map(|s| EPSILON_PER_DENSITY * s).collect();
        let delta_epsilon: Option<Vec<f64>> = rotatory.map(|r| {
            energy_ev
                .iter()
                .zip(&r)
                .map(|(e, r)| e * r / CD_DIVISOR)
                .collect()
        });
        let dissymmetry = delta_epsilon.as_ref().map(|de| {
            let eps_max = epsilon.iter().copied().fold(0.0, f64::max);
            de.iter()
                .zip(&epsilon)
                .map(|(d, e)| if *e > 1e-3 * eps_max { d / e } else { f64::NAN })
                .collect()
        });
        Spectrum {
            broadening,
            wavelength_nm: grid.wavelengths(),
            energy_ev,
            cross_section: density
                .iter()
                .map(|s| CROSS_SECTION_PER_DENSITY * s)
                .collect(),
            epsilon,
            density_per_ev: density,
            delta_epsilon,
            dissymmetry,
        }
    }

    /// Energy (eV) of the highest point of S(E), if any point is positive.
    pub fn highest_point(&self) -> Option<f64> {
        let (k, &max) = self
            .density_per_ev
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))?;
        (max > 0.0).then(|| self.energy_ev[k])
    }
}

/// Rotatory strengths of `lines` when they cover every line.
fn full_rotatory(lines: &Lines) -> Option<&[f64]> {
    (!lines.is_empty() && lines.rotatory_strength.len() == lines.len())
        .then_some(&lines.rotatory_strength[..])
}

/// The spectrum of `response` on `b`'s grid.
pub fn spectrum(response: &Response, b: &Broadening, engine: &Engine) -> Result<Spectrum> {
    match response {
        Response::Lines(lines) => {
            let density = engine.broaden(
                &lines.energy,
                &lines.oscillator_strength,
                &b.grid,
                b.shape,
                b.fwhm,
            )?;
            let rotatory = match full_rotatory(lines) {
                Some(r) => Some(engine.broaden(&lines.energy, r, &b.grid, b.shape, b.fwhm)?),
                None => None,
            };
            Ok(Spectrum::from_density(*b, density, rotatory))
        }
        Response::Density(d) => density_spectrum(d, b),
    }
}

fn density_spectrum(d: &Density, b: &Broadening) -> Result<Spectrum> {
    if d.grid != b.grid {
        return Err(Error::invalid(format!(
            "a density computed on {:?} cannot be shown on {:?}",
            d.grid, b.grid
        )));
    }
    Ok(Spectrum::from_density(
        *b,
        d.oscillator_strength_density.clone(),
        d.rotatory_density.clone(),
    ))
}

/// Spectra of many line lists on one grid, through the engine's batched
/// broadening (one list is a batch of one).
pub fn spectra_of_lines(
    lists: &[&Lines],
    b: &Broadening,
    engine: &Engine,
) -> Result<Vec<Spectrum>> {
    let pairs: Vec<(&[f64], &[f64])> = lists
        .iter()
        .map(|l| (&l.energy[..], &l.oscillator_strength[..]))
        .collect();
    let densities = engine.broaden_batch(&pairs, &b.grid, b.shape, b.fwhm)?;
    Ok(densities
        .into_iter()
        .map(|d| Spectrum::from_density(*b, d, None))
        .collect())
}

/// The spectrum of every component of `calc`, in order.
pub fn spectra(
    calc: &super::Calculation,
    b: &Broadening,
    engine: &Engine,
) -> Result<Vec<Spectrum>> {
    calc.components
        .iter()
        .map(|c| spectrum(&c.response, b, engine))
        .collect()
}
