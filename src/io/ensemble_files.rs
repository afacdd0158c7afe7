//! Files of the `sweep` and `sites` commands, through the shared table,
//! plot and header helpers; written together or not at all.

use crate::io::header::RunHeader;
use std::path::PathBuf;

use serde_json::{Value, json};

use super::spectrum_files::Destination;
use super::table::Table;
use super::{OutputSet, with_extension, with_suffix};
use crate::ensemble::{CompositionSummary, Configuration, SweepRequest};
use crate::error::Result;
use crate::plot::{Curve, SpectrumPlot, TrendPlot, draw_spectrum, draw_trend};
use crate::response::{Spectrum, main_peak};
use crate::rpa::Route;

/// Title suffix naming the model, response and broadening of a sweep.
fn width_text(req: &SweepRequest) -> String {
    let response = match &req.response {
        None => "independent particles",
        Some(o) => match (&o.route, o.d_screening) {
            (Route::Casida { .. }, true) => "RPA (Casida) with d dipoles",
            (Route::Casida { .. }, false) => "RPA (Casida) without d",
            (_, true) => "RPA with d dipoles",
            (_, false) => "RPA without d",
        },
    };
    format!(
        "{} tight binding, {response}, {} FWHM {:.2} eV",
        req.tight_binding.model.params.name,
        req.broadening.shape.name(),
        req.broadening.fwhm
    )
}

/// PREFIX.png (mean ε ± 1σ per composition), PREFIX_peak.png (main peak
/// against composition), PREFIX.csv, PREFIX.json; plus
/// PREFIX_core_shell.png and .csv when core–shell spectra are given (one
/// per composition).
pub fn write_sweep(
    to: &Destination,
    req: &SweepRequest,
    summaries: &[CompositionSummary],
    configs: &[Configuration],
    core_shell: Option<&[Spectrum]>,
) -> Result<Vec<PathBuf>> {
    let grid = &req.broadening.grid;
    let energies = grid.energies();
    let title = format!(
        "{} + {} — {}",
        req.base.formula(),
        req.dopant,
        width_text(req)
    );
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
        title: title.clone(),
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
                dashed: false,
                colour: None,
            })
            .collect(),
        note: "ε per unit energy; bands: ±1σ over configurations".into(),
        ..Default::default()
    };
    let points: Vec<(f64, f64, f64)> = summaries
        .iter()
        .filter_map(|s| {
            s.mean_peak_energy
                .map(|m| (s.fraction, m, s.sd_peak_energy.unwrap_or(0.0)))
        })
        .collect();
    let trend = TrendPlot {
        title: format!("{title}: main peak"),
        x_label: format!("fraction of {}", req.dopant),
        points: &points,
        quantity: "main peak".into(),
        joined: true,
    };
    let cs_labels: Vec<String> = summaries
        .iter()
        .map(|s| format!("core–shell, {} {:.2}", req.dopant, s.fraction))
        .collect();
    let cs_plot = core_shell.map(|cs| {
        let mut curves = Vec::new();
        // One colour per composition: the random alloy solid, the
        // core–shell particle dashed.
        for (k, ((s, l), (c, cl))) in summaries
            .iter()
            .zip(&labels)
            .zip(cs.iter().zip(&cs_labels))
            .enumerate()
        {
            curves.push(Curve {
                label: format!("random, {l}"),
                energy: &energies,
                values: &s.mean_epsilon,
                spread: Some(&s.sd_epsilon),
                dashed: false,
                colour: Some(k),
            });
            curves.push(Curve {
                label: cl.clone(),
                energy: &energies,
                values: &c.epsilon,
                spread: None,
                dashed: true,
                colour: Some(k),
            });
        }
        SpectrumPlot {
            title: format!("{title}: core–shell vs random alloy"),
            y_quantity: "ε".into(),
            y_unit: "M⁻¹ cm⁻¹".into(),
            x_range: (grid.start, grid.end),
            curves,
            note: "core: the dopant atoms nearest the centre".into(),
            ..Default::default()
        }
    });
    for ext in to.image_extensions() {
        out.create(&with_extension(to.prefix, ext), |tmp| {
            draw_spectrum(&plot, tmp)
        })?;
        if !points.is_empty() {
            out.create(&with_suffix(to.prefix, "_peak", ext), |tmp| {
                draw_trend(&trend, tmp)
            })?;
        }
        if let Some(p) = &cs_plot {
            out.create(&with_suffix(to.prefix, "_core_shell", ext), |tmp| {
                draw_spectrum(p, tmp)
            })?;
        }
    }
    let (table, doc) = sweep_record(to.header, req, summaries, configs);
    out.write(&with_extension(to.prefix, "csv"), table.csv().as_bytes())?;
    if let Some(cs) = core_shell {
        let mut table = Table::on_energies(&energies);
        for (s, c) in summaries.iter().zip(cs) {
            table.column(
                format!("eps_core_shell_per_M_per_cm[x={}]", s.fraction),
                c.epsilon.clone(),
            );
        }
        out.write(
            &with_suffix(to.prefix, "_core_shell", "csv"),
            table.csv().as_bytes(),
        )?;
    }
    out.write_json(&with_extension(to.prefix, "json"), &doc)?;
    out.commit()
}

/// The CSV table (mean and spread of ε per fraction) and the JSON
/// document of a sweep.
pub fn sweep_record(
    header: &RunHeader,
    req: &SweepRequest,
    summaries: &[CompositionSummary],
    configs: &[Configuration],
) -> (Table, Value) {
    let mut table = Table::on_energies(&req.broadening.grid.energies());
    for s in summaries {
        table.column(
            format!("eps_mean_per_M_per_cm[x={}]", s.fraction),
            s.mean_epsilon.clone(),
        );
        table.column(
            format!("eps_sd_per_M_per_cm[x={}]", s.fraction),
            s.sd_epsilon.clone(),
        );
    }
    let tb = &req.tight_binding;
    let body = json!({
        "base_formula": req.base.formula(),
        "base_atoms": req.base.len(),
        "dopant": req.dopant.to_string(),
        "seed": req.seed,
        "configurations_per_composition": req.configurations,
        "model": tb.model.params.name,
        "charge": tb.charge,
        "ligands": tb.ligands,
        "broadening": req.broadening,
        "units": "energies eV, epsilon M^-1 cm^-1 per unit energy, band energy eV",
        "compositions": summaries,
        "configurations": configs,
    });
    (table, header.document(body))
}

/// One site of a `sites` run.
pub struct SiteRow {
    pub label: String,
    /// Band energy Σ nᵢEᵢ, eV.
    pub band_energy: f64,
    pub spectrum: Spectrum,
    /// Atoms of the site class, their radius (Å) and coordination.
    pub site: serde_json::Value,
}

/// PREFIX.png (one ε per site), PREFIX.csv, PREFIX.json.
pub fn write_sites(
    to: &Destination,
    title: String,
    base: &str,
    dopant: &str,
    rows: &[SiteRow],
) -> Result<Vec<PathBuf>> {
    let Some(first) = rows.first() else {
        return Ok(Vec::new());
    };
    let grid = first.spectrum.broadening.grid;
    let lowest = rows
        .iter()
        .map(|r| r.band_energy)
        .fold(f64::INFINITY, f64::min);
    let plot = SpectrumPlot {
        title,
        y_quantity: "ε".into(),
        y_unit: "M⁻¹ cm⁻¹".into(),
        x_range: (grid.start, grid.end),
        curves: rows
            .iter()
            .map(|r| Curve {
                label: r.label.clone(),
                energy: &r.spectrum.energy_ev,
                values: &r.spectrum.epsilon,
                spread: None,
                dashed: false,
                colour: None,
            })
            .collect(),
        note: "ε per unit energy".into(),
        ..Default::default()
    };
    let mut out = OutputSet::new();
    for ext in to.image_extensions() {
        out.create(&with_extension(to.prefix, ext), |tmp| {
            draw_spectrum(&plot, tmp)
        })?;
    }
    let mut table = Table::on_energies(&first.spectrum.energy_ev);
    for r in rows {
        table.column(
            format!("epsilon_per_M_per_cm[{}]", r.label),
            r.spectrum.epsilon.clone(),
        );
    }
    out.write(&with_extension(to.prefix, "csv"), table.csv().as_bytes())?;
    let body = json!({
        "base": base,
        "dopant": dopant,
        "broadening": first.spectrum.broadening,
        "units": "band energy eV (sum of n_i E_i); relative to the lowest",
        "sites": rows.iter().map(|r| {
            let mut v = r.site.clone();
            v["label"] = json!(r.label);
            v["band_energy_ev"] = json!(r.band_energy);
            v["relative_energy_ev"] = json!(r.band_energy - lowest);
            // A band maximum inside the range, never the range's edge.
            v["peak_energy_ev"] = json!(main_peak(&r.spectrum).map(|p| p.energy_ev));
            v
        }).collect::<Vec<_>>(),
    });
    out.write_json(
        &with_extension(to.prefix, "json"),
        &to.header.document(body),
    )?;
    out.commit()
}
