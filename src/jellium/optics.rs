//! From a ground state to absorption spectra: the particle–hole space, the
//! single-particle and TDLDA lines (the Casida matrix built by the engine,
//! GPU or CPU), both broadened by the engine.

use serde::Serialize;

use super::casida::{Kernel, coupling_factors, excitations};
use super::material::DBackground;
use super::pairs::{Lines, particle_hole_space, single_particle_lines};
use super::poisson::DipoleGreen;
use super::scf::GroundState;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::spectrum::absorption::absorption_spectrum;
use crate::spectrum::{AbsorptionSpectrum, EnergyGrid, LineShape};
use crate::units::HARTREE_EV;

/// What to compute from a ground state.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OpticsRequest {
    /// The d-electron background, if any.
    pub d_background: Option<DBackground>,
    /// Largest particle–hole energy kept, eV. The default 13.6 eV
    /// (0.5 hartree) keeps > 99.9 % of the single-particle sum rule of Na₈ …
    /// Na₁₀₀₀.
    pub max_excitation_ev: f64,
    /// Coupling: TDLDA or off.
    pub kernel: Kernel,
    pub grid: EnergyGrid,
    pub shape: LineShape,
    /// Full width at half maximum, eV.
    pub fwhm: f64,
}

impl OpticsRequest {
    /// TDLDA, Lorentzian FWHM 0.1 eV, 0.5 … 6 eV in 1101 points, no d background.
    pub fn new() -> Self {
        OpticsRequest {
            d_background: None,
            max_excitation_ev: 0.5 * HARTREE_EV,
            kernel: Kernel::Tdlda,
            grid: EnergyGrid::new(0.5, 6.0, 1101).expect("static grid"),
            shape: LineShape::Lorentzian,
            fwhm: 0.1,
        }
    }
}

impl Default for OpticsRequest {
    fn default() -> Self {
        Self::new()
    }
}

/// Spectra and lines of one cluster.
#[derive(Clone, Debug, Serialize)]
pub struct Optics {
    /// Independent-particle lines (eV, f).
    pub single: Lines,
    /// Lines of the requested kernel (TDLDA unless switched off).
    pub coupled: Lines,
    pub single_spectrum: AbsorptionSpectrum,
    pub coupled_spectrum: AbsorptionSpectrum,
    /// Number of particle–hole pairs.
    pub pairs: usize,
    /// Classical resonance ħω_p/√3 (no d) or ħω_p/√(2 + ε_d), eV.
    pub classical_ev: f64,
    /// Oscillator-strength centroid of the coupled lines below
    /// [`PLASMON_WINDOW`] × `classical_ev`, eV: the collective (plasmon)
    /// peak.
    pub plasmon_ev: Option<f64>,
    /// Radius of the d dielectric, bohr (0 without).
    pub dielectric_radius_bohr: f64,
}

/// Upper end of the plasmon window in units of the classical resonance:
/// wide enough to hold the fragmented surface plasmon, low enough to leave
/// out the particle–hole continuum above it (with a d background, the
/// unscreened strength left near ħω_p/√3).
pub const PLASMON_WINDOW: f64 = 1.25;

/// The l = 1 Green's function for `ground` with background `d`.
pub fn green_for(ground: &GroundState, d: Option<DBackground>) -> Result<DipoleGreen> {
    let Some(d) = d else {
        return Ok(DipoleGreen::vacuum());
    };
    let radius = ground.spec.radius() - d.skin_bohr;
    if d.epsilon.is_nan() || d.epsilon < 1.0 || radius <= 0.0 {
        return Err(Error::Invalid(format!(
            "jellium: the d background (ε_d = {}, skin {} bohr) needs ε_d ≥ 1 and a skin thinner than R = {:.2} bohr",
            d.epsilon,
            d.skin_bohr,
            ground.spec.radius()
        )));
    }
    Ok(DipoleGreen {
        epsilon: d.epsilon,
        radius,
    })
}

/// Oscillator-strength centroid (eV) of `lines` below `limit_ev`.
pub fn centroid_below(lines: &Lines, limit_ev: f64) -> Option<f64> {
    let (mut moment, mut total) = (0.0, 0.0);
    for (e, f) in lines.energy_ev.iter().zip(&lines.strength) {
        if *e < limit_ev {
            moment += e * f;
            total += f;
        }
    }
    (total > 0.0).then(|| moment / total)
}

/// Computes the spectra of `ground`.
pub fn optics(engine: &Engine, ground: &GroundState, req: &OpticsRequest) -> Result<Optics> {
    let green = green_for(ground, req.d_background)?;
    let space = particle_hole_space(ground, req.max_excitation_ev / HARTREE_EV, green)?;
    let factors = coupling_factors(ground, &space);
    let omega = engine.casida_matrix(&factors, req.kernel.scale())?;
    let coupled = excitations(&space, &factors, &omega)?.sorted();
    let single = single_particle_lines(&space);
    let broaden = |lines: &Lines| -> Result<AbsorptionSpectrum> {
        let density = engine.broaden(
            &lines.energy_ev,
            &lines.strength,
            &req.grid,
            req.shape,
            req.fwhm,
        )?;
        Ok(absorption_spectrum(req.grid, req.shape, req.fwhm, density))
    };
    let material = &ground.spec.material;
    let classical_ev = match req.d_background {
        Some(d) => material.screened_mie_ev(&d),
        None => material.mie_ev(),
    };
    Ok(Optics {
        single_spectrum: broaden(&single)?,
        coupled_spectrum: broaden(&coupled)?,
        plasmon_ev: centroid_below(&coupled, PLASMON_WINDOW * classical_ev),
        pairs: space.len(),
        classical_ev,
        dielectric_radius_bohr: green.radius,
        single,
        coupled,
    })
}
