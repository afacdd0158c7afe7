//! Spectrum tables as CSV: one header row naming each column with its unit.

use crate::spectrum::AbsorptionSpectrum;

/// Column names of the absorption CSV. Densities are per unit energy (eV),
/// also in the wavelength column's rows.
pub const ABSORPTION_HEADER: &str =
    "energy_eV,wavelength_nm,osc_strength_density_per_eV,epsilon_per_M_per_cm,cross_section_A2";

/// The absorption spectrum as CSV text.
pub fn absorption_csv(s: &AbsorptionSpectrum) -> String {
    let mut out = String::with_capacity(80 * (s.energy_ev.len() + 1));
    out.push_str(ABSORPTION_HEADER);
    out.push('\n');
    for k in 0..s.energy_ev.len() {
        out.push_str(&format!(
            "{:.6},{:.4},{:.8e},{:.8e},{:.8e}\n",
            s.energy_ev[k],
            s.wavelength_nm[k],
            s.density_per_ev[k],
            s.epsilon[k],
            s.cross_section[k]
        ));
    }
    out
}

/// Several spectra on one grid as CSV: energy, wavelength, then ε of each
/// (M⁻¹ cm⁻¹, per unit energy) under its label.
pub fn epsilon_table_csv(labels: &[String], spectra: &[&AbsorptionSpectrum]) -> String {
    let mut out = String::from("energy_eV,wavelength_nm");
    for l in labels {
        out.push_str(&format!(",epsilon_per_M_per_cm[{}]", l.replace(',', ";")));
    }
    out.push('\n');
    let Some(first) = spectra.first() else {
        return out;
    };
    for k in 0..first.energy_ev.len() {
        out.push_str(&format!(
            "{:.6},{:.4}",
            first.energy_ev[k], first.wavelength_nm[k]
        ));
        for s in spectra {
            out.push_str(&format!(",{:.8e}", s.epsilon[k]));
        }
        out.push('\n');
    }
    out
}
