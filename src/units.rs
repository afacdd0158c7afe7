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
/// e²/(4πε₀) in eV Å: the Coulomb energy of two unit charges 1 Å apart.
pub const COULOMB_EV_ANGSTROM: f64 = 14.399645;
/// e²ħ²/mₑ in eV² Å³: a line of oscillator strength f at E₀ adds
/// f · E2_HBAR2_OVER_ME / (E₀² − E²) to the polarisability (Å³).
pub const POLARISABILITY_PER_STRENGTH: f64 = COULOMB_EV_ANGSTROM * HBAR2_OVER_ME;

/// Oscillator strength prefactor 2mₑ/(3ħ²) in 1/(eV Å²):
/// f = OSC_PREFACTOR · ΔE[eV] · |μ|²[Å²] · (nᵢ − nₐ) (docs/physics.md).
pub const OSC_PREFACTOR: f64 = 2.0 / (3.0 * HBAR2_OVER_ME);

/// Molar absorptivity per unit oscillator-strength density:
/// ε[M⁻¹ cm⁻¹] = EPSILON_PER_DENSITY · S[eV⁻¹].
pub const EPSILON_PER_DENSITY: f64 = 28707.0;
/// Absorption cross-section per unit oscillator-strength density:
/// σ[Å²] = CROSS_SECTION_PER_DENSITY · S[eV⁻¹].
pub const CROSS_SECTION_PER_DENSITY: f64 = 1.0976;

/// One atomic unit of rotatory strength in 10⁻⁴⁰ esu² cm².
pub const ROTATORY_AU: f64 = 471.44;
/// Rotatory strength (10⁻⁴⁰ esu² cm²) per Å · eV Å² of r·Λ in
/// R = (e²/2ħ) r·Λ: 471.44 / (2 a₀[Å] · ħ²/mₑ[eV Å²]) = 58.457.
pub const ROTATORY_PER_ANGSTROM_EV_ANGSTROM2: f64 =
    ROTATORY_AU / (2.0 * BOHR_ANGSTROM * HBAR2_OVER_ME);
/// Dipole strength |e r|² (10⁻⁴⁰ esu² cm²) per Å²: (4.80320e-10 esu × 1e-8 cm)².
pub const DIPOLE_STRENGTH_PER_ANGSTROM2: f64 = 230_707.0;
/// Δε (M⁻¹ cm⁻¹) = E[eV] · Σ R g(E) / CD_DIVISOR, R in 10⁻⁴⁰ esu² cm² (docs/physics.md).
pub const CD_DIVISOR: f64 = 22.96;
/// Einstein A (s⁻¹) per cm⁻² of ν̃² per unit oscillator strength:
/// A = 0.667025 ν̃² f (times n² in a medium).
pub const EINSTEIN_A_PER_WAVENUMBER2: f64 = 0.667025;

/// Photon energy (eV) to vacuum wavelength (nm).
pub fn ev_to_nm(energy_ev: f64) -> f64 {
    HC_EV_NM / energy_ev
}

/// Vacuum wavelength (nm) to photon energy (eV).
pub fn nm_to_ev(wavelength_nm: f64) -> f64 {
    HC_EV_NM / wavelength_nm
}

/// A size in bytes for people: "512 B", "3.32 KiB", "83.0 MiB", "1.40 GiB"
/// (binary prefixes, as --max-memory takes GiB; three significant
/// figures), so that no estimate prints as "0.0 GiB".
pub fn bytes_text(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 999.5 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 || value >= 99.5 {
        format!("{value:.0} {}", UNITS[unit])
    } else if value >= 9.95 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.2} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oscillator_prefactor_matches_physics_reference() {
        assert!((OSC_PREFACTOR - 0.0874891).abs() < 1e-6);
    }

    #[test]
    fn rotatory_conversion_is_58_457() {
        assert!((ROTATORY_PER_ANGSTROM_EV_ANGSTROM2 - 58.457).abs() < 1e-3);
        // (e · 1 Å)² in esu² cm², in units of 1e-40.
        let e_esu = 4.80320471e-10;
        assert!(((e_esu * 1e-8f64).powi(2) / 1e-40 - DIPOLE_STRENGTH_PER_ANGSTROM2).abs() < 1.0);
    }

    #[test]
    fn wavelength_round_trip() {
        assert!((nm_to_ev(ev_to_nm(2.5)) - 2.5).abs() < 1e-12);
        assert!((ev_to_nm(1.0) - 1239.841984).abs() < 1e-9);
    }

    #[test]
    fn byte_sizes_read_in_sensible_units() {
        assert_eq!(bytes_text(0), "0 B");
        assert_eq!(bytes_text(512), "512 B");
        assert_eq!(bytes_text(3_400), "3.32 KiB");
        assert_eq!(bytes_text(87_000_000), "83.0 MiB");
        assert_eq!(bytes_text(1_500_000_000), "1.40 GiB");
        assert_eq!(bytes_text(999_600), "976 KiB");
        assert_eq!(bytes_text(250_000_000_000), "233 GiB");
        assert_eq!(bytes_text(1 << 30), "1.00 GiB");
    }
}
