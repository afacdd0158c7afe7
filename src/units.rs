//! Physical constants and unit conversions (CODATA 2018), defined here and
//! nowhere else. Lengths in Å, energies in eV, wavelengths in nm.

/// ħ²/mₑ in eV Å².
pub const HBAR2_OVER_ME: f64 = 7.619964;
/// hc in eV nm: λ[nm] = HC_EV_NM / E[eV].
pub const HC_EV_NM: f64 = 1239.841984;
/// Wavenumbers per eV, cm⁻¹/eV.
pub const CM1_PER_EV: f64 = 8065.544;
/// Bohr radius in Å.
pub const BOHR_ANGSTROM: f64 = 0.529177211;
/// Hartree in eV.
pub const HARTREE_EV: f64 = 27.211386;
/// Boltzmann constant in eV/K.
pub const KB_EV_PER_K: f64 = 8.617333e-5;

/// Oscillator strength prefactor 2mₑ/(3ħ²) in 1/(eV Å²):
/// f = OSC_PREFACTOR · ΔE[eV] · |μ|²[Å²] · (nᵢ − nₐ) (PHYSICS.md).
pub const OSC_PREFACTOR: f64 = 2.0 / (3.0 * HBAR2_OVER_ME);

/// Molar absorptivity per unit oscillator-strength density:
/// ε[M⁻¹ cm⁻¹] = EPSILON_PER_DENSITY · S[eV⁻¹].
pub const EPSILON_PER_DENSITY: f64 = 28707.0;
/// Absorption cross-section per unit oscillator-strength density:
/// σ[Å²] = CROSS_SECTION_PER_DENSITY · S[eV⁻¹].
pub const CROSS_SECTION_PER_DENSITY: f64 = 1.0976;

/// Photon energy (eV) to vacuum wavelength (nm).
pub fn ev_to_nm(energy_ev: f64) -> f64 {
    HC_EV_NM / energy_ev
}

/// Vacuum wavelength (nm) to photon energy (eV).
pub fn nm_to_ev(wavelength_nm: f64) -> f64 {
    HC_EV_NM / wavelength_nm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oscillator_prefactor_matches_physics_reference() {
        assert!((OSC_PREFACTOR - 0.0874891).abs() < 1e-6);
    }

    #[test]
    fn wavelength_round_trip() {
        assert!((nm_to_ev(ev_to_nm(2.5)) - 2.5).abs() < 1e-12);
        assert!((ev_to_nm(1.0) - 1239.841984).abs() < 1e-9);
    }
}
