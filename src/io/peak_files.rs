//! The peak table: every band maximum of every component's spectrum, as
//! CSV (PREFIX_peaks.csv) a spreadsheet or pandas reads directly.

use std::fmt::Write;

use crate::response::{Calculation, Spectrum};

/// Header of the peak table; one row per band, components in order and
/// bands by energy. Empty cells where a band has no FWHM (it does not fall
/// to half height before its neighbour or the grid's end).
pub const PEAKS_HEADER: &str = "component,energy_eV,wavelength_nm,epsilon_per_M_per_cm,osc_strength_density_per_eV,oscillator_strength,fwhm_eV";

/// The peak table of `calc` with its `spectra` (one per component).
pub fn peaks_csv(calc: &Calculation, spectra: &[Spectrum]) -> String {
    let mut out = String::from(PEAKS_HEADER);
    out.push('\n');
    for (c, s) in calc.components.iter().zip(spectra) {
        for p in c.peaks(s) {
            let fwhm = p.fwhm_ev.map(|w| format!("{w:.6}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "{},{:.6},{:.3},{:.6e},{:.6e},{:.6e},{fwhm}",
                c.key,
                p.energy_ev,
                p.wavelength_nm,
                p.epsilon,
                p.density_per_ev,
                p.oscillator_strength
            );
        }
    }
    out
}
