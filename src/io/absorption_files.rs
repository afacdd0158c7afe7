//! The files of one absorption run: PREFIX.png (and .svg), .csv, .json,
//! written all together or not at all.

use std::path::{Path, PathBuf};

use super::csv::absorption_csv;
use super::report::absorption_report;
use super::{OutputSet, with_extension};
use crate::error::Result;
use crate::pipeline::{AbsorptionRequest, AbsorptionResult};
use crate::plot::{Curve, SpectrumPlot, Sticks, draw_spectrum};
use crate::structure::Cluster;

/// At most this many sticks are drawn (the strongest).
pub const MAX_STICKS: usize = 4000;

/// Sticks worth drawing: f ≥ 10⁻³ of the strongest line in `range`, at most
/// [`MAX_STICKS`] of them. Returns (energies eV, strengths).
pub fn visible_sticks(result: &AbsorptionResult, range: (f64, f64)) -> (Vec<f64>, Vec<f64>) {
    let inside: Vec<_> = result
        .transitions
        .iter()
        .filter(|t| t.energy >= range.0 && t.energy <= range.1)
        .collect();
    let f_max = inside
        .iter()
        .map(|t| t.oscillator_strength)
        .fold(0.0, f64::max);
    let mut strong: Vec<_> = inside
        .into_iter()
        .filter(|t| t.oscillator_strength >= 1e-3 * f_max)
        .collect();
    strong.sort_by(|a, b| b.oscillator_strength.total_cmp(&a.oscillator_strength));
    strong.truncate(MAX_STICKS);
    strong
        .iter()
        .map(|t| (t.energy, t.oscillator_strength))
        .unzip()
}

/// The single-spectrum plot: ε with oscillator-strength sticks.
pub fn absorption_plot<'a>(
    title: String,
    result: &'a AbsorptionResult,
    sticks: &'a (Vec<f64>, Vec<f64>),
) -> SpectrumPlot<'a> {
    let s = &result.spectrum;
    SpectrumPlot {
        title,
        y_quantity: "ε".into(),
        y_unit: "M⁻¹ cm⁻¹".into(),
        x_range: (s.grid.start, s.grid.end),
        curves: vec![Curve {
            label: String::new(),
            energy: &s.energy_ev,
            values: &s.epsilon,
            spread: None,
        }],
        sticks: Some(Sticks {
            energy: &sticks.0,
            strength: &sticks.1,
        }),
        note: "ε per unit energy; grey sticks: oscillator strengths (right axis)".into(),
        markers: Vec::new(),
    }
}

/// Writes PREFIX.png (+ PREFIX.svg with `svg`), PREFIX.csv, PREFIX.json.
#[allow(clippy::too_many_arguments)]
pub fn write_absorption_files(
    prefix: &Path,
    title: String,
    source: &str,
    cluster: &Cluster,
    req: &AbsorptionRequest,
    result: &AbsorptionResult,
    backend: &str,
    svg: bool,
) -> Result<Vec<PathBuf>> {
    let mut out = OutputSet::new();
    let sticks = visible_sticks(result, (req.grid.start, req.grid.end));
    let plot = absorption_plot(title, result, &sticks);
    let png = with_extension(prefix, "png");
    draw_spectrum(&plot, &out.stage(&png))?;
    if svg {
        let path = with_extension(prefix, "svg");
        draw_spectrum(&plot, &out.stage(&path))?;
    }
    out.write(
        &with_extension(prefix, "csv"),
        absorption_csv(&result.spectrum).as_bytes(),
    )?;
    let report = absorption_report(source, cluster, req, result, backend);
    out.write_json(&with_extension(prefix, "json"), &report)?;
    out.commit()
}
