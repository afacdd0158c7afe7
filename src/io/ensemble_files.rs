//! Files of the `sweep` and `sites` commands, written together or not at all.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{OutputSet, with_extension};
use crate::ensemble::{CompositionSummary, Configuration, SweepRequest};
use crate::error::{Error, Result};
use crate::plot::{Curve, SpectrumPlot, TrendPlot, draw_spectrum, draw_trend};
use crate::spectrum::AbsorptionSpectrum;

#[derive(Serialize)]
struct SweepReport<'a> {
    program: String,
    base_formula: String,
    base_atoms: usize,
    dopant: String,
    seed: u64,
    configurations_per_composition: usize,
    model: &'a str,
    grid: crate::spectrum::EnergyGrid,
    line_shape: crate::spectrum::LineShape,
    fwhm_ev: f64,
    units: &'static str,
    compositions: &'a [CompositionSummary],
    configurations: &'a [Configuration],
}

/// `prefix` + `suffix` + `.ext`.
fn named(prefix: &Path, suffix: &str, ext: &str) -> PathBuf {
    let mut s = prefix.as_os_str().to_owned();
    s.push(suffix);
    with_extension(Path::new(&s), ext)
}

/// PREFIX.png (mean ε ± 1σ per composition), PREFIX_peak.png (main peak
/// against composition), PREFIX.csv, PREFIX.json; plus PREFIX_core_shell.png
/// and .csv when core–shell spectra are given (one per composition).
pub fn write_sweep_files(
    prefix: &Path,
    title: &str,
    req: &SweepRequest,
    summaries: &[CompositionSummary],
    configs: &[Configuration],
    core_shell: Option<&[AbsorptionSpectrum]>,
) -> Result<Vec<PathBuf>> {
    let grid = &req.absorption.grid;
    let energies = grid.energies();
    let labels: Vec<String> = summaries
        .iter()
        .map(|s| {
            format!(
                "{} {:.2} ({} atoms, {} configs)",
                req.dopant, s.fraction, s.dopant_atoms, s.configurations
            )
        })
        .collect();
    let mut out = OutputSet::new();
    let plot = SpectrumPlot {
        title: title.to_string(),
        y_quantity: "ε (mean ± 1σ)".into(),
        y_unit: "M⁻¹ cm⁻¹".into(),
        x_range: (grid.start, grid.end),
        curves: summaries
            .iter()
            .zip(&labels)
            .map(|(s, l)| Curve {
                label: l.clone(),
                energy: &energies,
                values: &s.mean_epsilon,
                spread: Some(&s.sd_epsilon),
            })
            .collect(),
        note: "ε per unit energy; bands: ±1σ over configurations".into(),
        ..Default::default()
    };
    draw_spectrum(&plot, &out.stage(&with_extension(prefix, "png")))?;
    let points: Vec<(f64, f64, f64)> = summaries
        .iter()
        .filter_map(|s| {
            s.mean_peak_energy
                .map(|m| (s.fraction, m, s.sd_peak_energy.unwrap_or(0.0)))
        })
        .collect();
    if !points.is_empty() {
        let trend = TrendPlot {
            title: format!("{title}: main peak"),
            x_label: format!("fraction of {}", req.dopant),
            points: &points,
        };
        draw_trend(&trend, &out.stage(&named(prefix, "_peak", "png")))?;
    }
    let mut csv = String::from("energy_eV,wavelength_nm");
    for s in summaries {
        csv.push_str(&format!(
            ",eps_mean_per_M_per_cm[x={0}],eps_sd_per_M_per_cm[x={0}]",
            s.fraction
        ));
    }
    csv.push('\n');
    for (k, &e) in energies.iter().enumerate() {
        csv.push_str(&format!("{:.6},{:.4}", e, crate::units::ev_to_nm(e)));
        for s in summaries {
            csv.push_str(&format!(
                ",{:.8e},{:.8e}",
                s.mean_epsilon[k], s.sd_epsilon[k]
            ));
        }
        csv.push('\n');
    }
    out.write(&with_extension(prefix, "csv"), csv.as_bytes())?;
    if let Some(cs) = core_shell {
        let mut curves = Vec::new();
        let cs_labels: Vec<String> = summaries
            .iter()
            .map(|s| format!("core–shell, {} {:.2}", req.dopant, s.fraction))
            .collect();
        for ((s, l), (c, cl)) in summaries.iter().zip(&labels).zip(cs.iter().zip(&cs_labels)) {
            curves.push(Curve {
                label: format!("random, {l}"),
                energy: &energies,
                values: &s.mean_epsilon,
                spread: Some(&s.sd_epsilon),
            });
            curves.push(Curve {
                label: cl.clone(),
                energy: &energies,
                values: &c.epsilon,
                spread: None,
            });
        }
        let plot = SpectrumPlot {
            title: format!("{title}: core–shell vs random alloy"),
            y_quantity: "ε".into(),
            y_unit: "M⁻¹ cm⁻¹".into(),
            x_range: (grid.start, grid.end),
            curves,
            note: "core: the dopant atoms nearest the centre".into(),
            ..Default::default()
        };
        draw_spectrum(&plot, &out.stage(&named(prefix, "_core_shell", "png")))?;
        let mut csv = String::from("energy_eV,wavelength_nm");
        for s in summaries {
            csv.push_str(&format!(",eps_core_shell_per_M_per_cm[x={}]", s.fraction));
        }
        csv.push('\n');
        for (k, &e) in energies.iter().enumerate() {
            csv.push_str(&format!("{:.6},{:.4}", e, crate::units::ev_to_nm(e)));
            for c in cs {
                csv.push_str(&format!(",{:.8e}", c.epsilon[k]));
            }
            csv.push('\n');
        }
        out.write(&named(prefix, "_core_shell", "csv"), csv.as_bytes())?;
    }
    let report = SweepReport {
        program: format!("clusterspec {}", env!("CARGO_PKG_VERSION")),
        base_formula: req.base.formula(),
        base_atoms: req.base.len(),
        dopant: req.dopant.to_string(),
        seed: req.seed,
        configurations_per_composition: req.configurations,
        model: &req.absorption.model.params.name,
        grid: req.absorption.grid,
        line_shape: req.absorption.line_shape,
        fwhm_ev: req.absorption.fwhm,
        units: "energies eV, epsilon M^-1 cm^-1 per unit energy, band energy eV",
        compositions: summaries,
        configurations: configs,
    };
    let json = serde_json::to_vec(&report).map_err(|e| Error::io(prefix, e.into()))?;
    out.write(&with_extension(prefix, "json"), &json)?;
    out.commit()
}
