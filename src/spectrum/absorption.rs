//! The UV-vis absorption spectrum on an energy grid: oscillator-strength
//! density S(E) (eV⁻¹), molar absorptivity ε = 28707·S (M⁻¹ cm⁻¹) and
//! cross-section σ = 1.0976·S (Å²), all densities per unit *energy*.

use serde::Serialize;

use super::grid::EnergyGrid;
use super::lineshape::LineShape;
use crate::units::{CROSS_SECTION_PER_DENSITY, EPSILON_PER_DENSITY};

/// A broadened absorption spectrum. Every density is taken on the energy
/// axis; `wavelength_nm` only labels the points.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AbsorptionSpectrum {
    pub grid: EnergyGrid,
    pub line_shape: LineShape,
    /// Full width at half maximum, eV.
    pub fwhm: f64,
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
}

/// Builds the spectrum from an already broadened density S(E) (eV⁻¹).
pub fn absorption_spectrum(
    grid: EnergyGrid,
    line_shape: LineShape,
    fwhm: f64,
    density: Vec<f64>,
) -> AbsorptionSpectrum {
    AbsorptionSpectrum {
        energy_ev: grid.energies(),
        wavelength_nm: grid.wavelengths(),
        epsilon: density.iter().map(|s| EPSILON_PER_DENSITY * s).collect(),
        cross_section: density
            .iter()
            .map(|s| CROSS_SECTION_PER_DENSITY * s)
            .collect(),
        density_per_ev: density,
        grid,
        line_shape,
        fwhm,
    }
}

impl AbsorptionSpectrum {
    /// Energy (eV) of the highest point of S(E), if any point is positive.
    pub fn peak_energy(&self) -> Option<f64> {
        let (k, &max) = self
            .density_per_ev
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))?;
        (max > 0.0).then(|| self.energy_ev[k])
    }
}
