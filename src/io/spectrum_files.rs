//! The files of one calculation, whatever model made it: PREFIX.png (and
//! .svg), PREFIX.csv, PREFIX_peaks.csv, PREFIX.json, PREFIX_levels.png when
//! the model has a level diagram and PREFIX_lines.npz on request; written
//! all together or not at all.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::header::RunHeader;
use super::line_files::{lines_json, write_lines_npz};
use super::peak_files::peaks_csv;
pub use super::spectrum_plots::{
    MAX_STICKS, calculation_plots, figure_data, title, visible_sticks,
};
use super::table::Table;
use super::{OutputSet, with_extension, with_suffix};
use crate::error::{Error, Result};
use crate::plot::{Curve, LevelDiagram, SpectrumPlot, draw_levels, draw_stacked};
use crate::response::{Calculation, Role, Spectrum};

/// Where and how to write.
pub struct Destination<'a> {
    /// Output prefix: files are PREFIX.png, PREFIX.csv, …
    pub prefix: &'a Path,
    pub header: &'a RunHeader,
    /// Also write SVGs of the plots.
    pub svg: bool,
    /// Also write every line to PREFIX_lines.npz (PREFIX_lines_KEY.npz
    /// for a reference component).
    pub all_lines: bool,
    /// Plot against wavelength (nm) instead of photon energy, with the
    /// densities converted by the Jacobian |dE/dλ| = E/λ.
    pub wavelength_axis: bool,
}

impl<'a> Destination<'a> {
    /// PNGs, the CSVs and the JSON under `prefix`, plotted on the energy
    /// axis, transitions listed in the JSON only.
    pub fn new(prefix: &'a Path, header: &'a RunHeader) -> Self {
        Destination {
            prefix,
            header,
            svg: false,
            all_lines: false,
            wavelength_axis: false,
        }
    }

    /// The image formats asked for.
    pub fn image_extensions(&self) -> Vec<&'static str> {
        if self.svg {
            vec!["png", "svg"]
        } else {
            vec!["png"]
        }
    }
}

/// The spectrum columns of a component: unsuffixed for the main one,
/// `_KEY` before the unit for references.
fn add_columns(table: &mut Table, key: Option<&str>, s: &Spectrum) {
    let name = |quantity: &str, unit: &str| match key {
        Some(k) => format!("{quantity}_{k}_{unit}"),
        None => format!("{quantity}_{unit}"),
    };
    table.column(
        name("osc_strength_density", "per_eV"),
        s.density_per_ev.clone(),
    );
    table.column(name("epsilon", "per_M_per_cm"), s.epsilon.clone());
    table.column(name("cross_section", "A2"), s.cross_section.clone());
    if let Some(de) = &s.delta_epsilon {
        table.column(name("delta_epsilon", "per_M_per_cm"), de.clone());
    }
    if let Some(g) = &s.dissymmetry {
        let gname = match key {
            Some(k) => format!("g_abs_{k}"),
            None => "g_abs".to_string(),
        };
        table.column(gname, g.clone());
    }
}

/// The CSV table of every component's spectrum.
pub fn spectra_table(calc: &Calculation, spectra: &[Spectrum]) -> Table {
    let mut table = Table::on_energies(&spectra[0].energy_ev);
    for (c, s) in calc.components.iter().zip(spectra) {
        let key = (c.role != Role::Main).then_some(c.key.as_str());
        add_columns(&mut table, key, s);
    }
    table
}

/// The JSON document: run header, system, model, broadening, peaks of the
/// main spectrum, every component with its lines, markers, and the
/// model's report merged in at the top level.
pub fn calculation_json(header: &RunHeader, calc: &Calculation, spectra: &[Spectrum]) -> Value {
    let main = calc
        .components
        .iter()
        .position(|c| c.role == Role::Main)
        .unwrap_or(0);
    let mut body = json!({
        "units": {
            "energy": "eV",
            "wavelength": "nm",
            "dipole": "angstrom, f = 0.0874891 E |mu|^2",
            "rotatory_strength": "1e-40 esu^2 cm^2",
            "fwhm": "eV, full width at half maximum",
        },
        "system": calc.system,
        "model_description": calc.model,
        "broadening": spectra[main].broadening,
        "density_axis": "energy (densities per eV)",
        "peaks": calc.components[main].peaks(&spectra[main]),
        "markers": calc.markers,
        "components": calc.components.iter().zip(spectra).map(|(c, s)| {
            let mut v = json!({"label": c.label, "key": c.key, "role": c.role, "peaks": c.peaks(s)});
            if let Some(l) = c.response.lines() {
                let (rows, omitted) = lines_json(l);
                v["oscillator_strength_sum"] = json!(l.strength_sum());
                v["line_count"] = json!(l.len());
                v["lines"] = rows;
                v["lines_omitted"] = omitted;
            }
            v
        }).collect::<Vec<_>>(),
    });
    if let (Value::Object(b), Value::Object(r)) = (&mut body, &calc.report) {
        for (k, v) in r {
            b.insert(k.clone(), v.clone());
        }
    }
    header.citing(&calc.citations).document(body)
}

/// An error, naming the component, the quantity and the energy, when any
/// value of the spectra or of the lines is not finite: no file is written.
pub fn check_finite(calc: &Calculation, spectra: &[Spectrum]) -> Result<()> {
    for (c, s) in calc.components.iter().zip(spectra) {
        if let Some(lines) = c.response.lines() {
            let bad = (0..lines.len()).find(|&k| {
                !(lines.energy[k].is_finite() && lines.oscillator_strength[k].is_finite())
            });
            if let Some(k) = bad {
                return Err(Error::Invalid(format!(
                    "{}: line {k} has energy {} eV and oscillator strength {}: the excitation \
                     stage produced a non-finite value; nothing was written",
                    c.label, lines.energy[k], lines.oscillator_strength[k]
                )));
            }
        }
        let columns = [
            ("oscillator-strength density", Some(&s.density_per_ev)),
            ("ε", Some(&s.epsilon)),
            ("cross-section", Some(&s.cross_section)),
            ("Δε", s.delta_epsilon.as_ref()),
        ];
        for (name, values) in columns {
            let Some(values) = values else { continue };
            if let Some(k) = values.iter().position(|v| !v.is_finite()) {
                return Err(Error::Invalid(format!(
                    "{}: the broadened spectrum has {name} = {} at {:.4} eV: the response or \
                     broadening stage produced a non-finite value; nothing was written",
                    c.label, values[k], s.energy_ev[k]
                )));
            }
        }
    }
    Ok(())
}

/// Writes every file of `calc` with its `spectra` (one per component, in
/// order); returns the paths.
pub fn write_calculation(
    to: &Destination,
    calc: &Calculation,
    spectra: &[Spectrum],
) -> Result<Vec<PathBuf>> {
    check_finite(calc, spectra)?;
    let mut out = OutputSet::new();
    let data = figure_data(calc, spectra, to.wavelength_axis);
    let plots = calculation_plots(calc, spectra, &data);
    for ext in to.image_extensions() {
        out.create(&with_extension(to.prefix, ext), |tmp| {
            draw_stacked(&plots, tmp)
        })?;
        if let Some(levels) = &calc.levels {
            let diagram = LevelDiagram {
                title: format!("{}: one-electron levels", calc.system.title()),
                energy_label: "level energy (eV)".into(),
                column_label: "angular momentum l".into(),
                levels,
            };
            out.create(&with_suffix(to.prefix, "_levels", ext), |tmp| {
                draw_levels(&diagram, tmp)
            })?;
        }
    }
    out.write(
        &with_extension(to.prefix, "csv"),
        spectra_table(calc, spectra).csv().as_bytes(),
    )?;
    out.write(
        &with_suffix(to.prefix, "_peaks", "csv"),
        peaks_csv(calc, spectra).as_bytes(),
    )?;
    out.write_json(
        &with_extension(to.prefix, "json"),
        &calculation_json(to.header, calc, spectra),
    )?;
    if to.all_lines {
        for c in &calc.components {
            if let Some(lines) = c.response.lines() {
                let suffix = match c.role {
                    Role::Main => "_lines".to_string(),
                    _ => format!("_lines_{}", c.key),
                };
                out.create(&with_suffix(to.prefix, &suffix, "npz"), |tmp| {
                    write_lines_npz(tmp, lines)
                })?;
            }
        }
    }
    out.commit()
}

/// One curve of an overlay: a label, a spectrum and a divisor for ε
/// (1, or the atom count for per-atom plots).
pub struct Overlay<'a> {
    pub label: String,
    pub spectrum: &'a Spectrum,
    /// A comparison drawn dashed in the same colour (e.g. the
    /// single-particle spectrum beside the collective one).
    pub reference: Option<&'a Spectrum>,
    pub per: f64,
}

/// Several spectra on one plot (ε, or ε per atom with `per`), each with its
/// dashed reference when it has one, and the table of their ε columns:
/// PREFIX.png (+ .svg) and PREFIX.csv; no JSON.
pub fn write_overlay(
    to: &Destination,
    title: String,
    quantity: &str,
    curves: &[Overlay],
) -> Result<Vec<PathBuf>> {
    let Some(first) = curves.first() else {
        return Ok(Vec::new());
    };
    let grid = first.spectrum.broadening.grid;
    let scaled =
        |s: &Spectrum, per: f64| -> Vec<f64> { s.epsilon.iter().map(|v| v / per).collect() };
    // (label, spectrum, values, dashed, colour), main curves first.
    let mut drawn = Vec::new();
    for (k, c) in curves.iter().enumerate() {
        drawn.push((
            c.label.clone(),
            c.spectrum,
            scaled(c.spectrum, c.per),
            false,
            k,
        ));
    }
    for (k, c) in curves.iter().enumerate() {
        if let Some(r) = c.reference {
            drawn.push((
                format!("{} (single particle)", c.label),
                r,
                scaled(r, c.per),
                true,
                k,
            ));
        }
    }
    let plot = SpectrumPlot {
        title,
        y_quantity: quantity.into(),
        y_unit: "M⁻¹ cm⁻¹".into(),
        x_range: (grid.start, grid.end),
        curves: drawn
            .iter()
            .map(|(label, s, v, dashed, k)| Curve {
                label: label.clone(),
                energy: &s.energy_ev,
                values: v,
                spread: None,
                dashed: *dashed,
                colour: Some(*k),
            })
            .collect(),
        note: "ε per unit energy (densities on the energy axis)".into(),
        ..Default::default()
    };
    let mut out = OutputSet::new();
    for ext in to.image_extensions() {
        out.create(&with_extension(to.prefix, ext), |tmp| {
            draw_stacked(std::slice::from_ref(&plot), tmp)
        })?;
    }
    let mut table = Table::on_energies(&first.spectrum.energy_ev);
    for c in curves {
        table.column(
            format!("epsilon_per_M_per_cm[{}]", c.label),
            c.spectrum.epsilon.clone(),
        );
        if let Some(r) = c.reference {
            table.column(
                format!("epsilon_per_M_per_cm[{} single particle]", c.label),
                r.epsilon.clone(),
            );
        }
    }
    out.write(&with_extension(to.prefix, "csv"), table.csv().as_bytes())?;
    out.commit()
}
