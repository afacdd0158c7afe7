//! Files of an emission run: normalised absorption and emission on one
//! axis with the Stokes shift marked (PREFIX.png, .svg), the table
//! (PREFIX.csv) and the report (PREFIX.json); all or none.

use crate::io::header::RunHeader;
use std::path::PathBuf;

use serde_json::{Value, json};

use super::spectrum_files::{Destination, calculation_json, title};
use super::table::Table;
use super::{OutputSet, with_extension};
use crate::error::Result;
use crate::plot::{Curve, Marker, SpectrumPlot, draw_spectrum};
use crate::response::emission::{Emission, normalised};
use crate::response::{Calculation, Spectrum};

/// A lifetime in the most readable unit, three significant figures.
pub fn lifetime_text(seconds: f64) -> String {
    if !seconds.is_finite() {
        "∞ (dark)".into()
    } else if seconds < 1e-6 {
        format!("{} ns", super::sig3(seconds * 1e9))
    } else if seconds < 1e-3 {
        format!("{} µs", super::sig3(seconds * 1e6))
    } else {
        format!("{} ms", super::sig3(seconds * 1e3))
    }
}

/// Writes the emission files of `calc` (its absorption `spectrum` on the
/// emission grid) and `em`.
pub fn write_emission(
    to: &Destination,
    calc: &Calculation,
    spectrum: &Spectrum,
    em: &Emission,
) -> Result<Vec<PathBuf>> {
    let absorption = normalised(&spectrum.epsilon);
    let mut markers = vec![Marker {
        energy: em.mean_absorption_energy,
        label: format!(" emitting state {:.2} eV", em.mean_absorption_energy),
    }];
    if let Some(peak) = em.peak_energy {
        markers.push(Marker {
            energy: peak,
            label: format!(
                " emission max {peak:.2} eV (Stokes shift {:.2} eV)",
                em.mean_absorption_energy - peak
            ),
        });
    }
    let grid = spectrum.broadening.grid;
    let plot = SpectrumPlot {
        title: format!(
            "{} — emission, λ = {:.2} eV",
            title(calc, spectrum),
            em.model.reorganisation
        ),
        y_quantity: "normalised intensity".into(),
        y_unit: "per eV".into(),
        x_range: (grid.start, grid.end),
        curves: vec![
            Curve {
                label: "absorption (ε)".into(),
                energy: &spectrum.energy_ev,
                values: &absorption,
                spread: None,
                dashed: false,
                colour: None,
            },
            Curve {
                label: "emission".into(),
                energy: &spectrum.energy_ev,
                values: &em.intensity,
                spread: None,
                dashed: false,
                colour: None,
            },
        ],
        note: format!(
            "τ_rad = {} ; Kasha, Boltzmann at {} K",
            lifetime_text(em.radiative_lifetime),
            em.model.temperature
        ),
        markers,
        ..Default::default()
    };
    let mut out = OutputSet::new();
    for ext in to.image_extensions() {
        out.create(&with_extension(to.prefix, ext), |tmp| {
            draw_spectrum(&plot, tmp)
        })?;
    }
    let (table, doc) = emission_record(to.header, calc, spectrum, em);
    out.write(&with_extension(to.prefix, "csv"), table.csv().as_bytes())?;
    out.write_json(&with_extension(to.prefix, "json"), &doc)?;
    out.commit()
}

/// The CSV table (normalised absorption and emission per unit energy) and
/// the JSON document of an emission calculation.
pub fn emission_record(
    header: &RunHeader,
    calc: &Calculation,
    spectrum: &Spectrum,
    em: &Emission,
) -> (Table, Value) {
    let mut table = Table::on_energies(&spectrum.energy_ev);
    table
        .column("absorption_normalised", normalised(&spectrum.epsilon))
        .column("emission_normalised", em.intensity.clone());
    let mut doc = calculation_json(header, calc, std::slice::from_ref(spectrum));
    doc["emission"] = json!(em);
    doc["radiative_lifetime_ns"] = json!(em.radiative_lifetime * 1e9);
    doc["rate_unit"] = json!("1/s");
    (table, doc)
}
