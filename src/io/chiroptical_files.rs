//! Files of the `cd` and `emission` commands: PREFIX.png (+ .svg), .csv and
//! .json, written together or not at all.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::absorption_files::{absorption_plot, visible_sticks};
use super::report::{AbsorptionReport, absorption_report};
use super::{OutputSet, with_extension};
use crate::error::Result;
use crate::pipeline::{AbsorptionRequest, AbsorptionResult, CdResult};
use crate::plot::{Curve, Marker, SpectrumPlot, draw_stacked};
use crate::spectrum::emission::{Emission, normalised};
use crate::structure::Cluster;

/// Header of the CD table; densities per unit energy.
pub const CD_HEADER: &str =
    "energy_eV,wavelength_nm,epsilon_per_M_per_cm,delta_epsilon_per_M_per_cm,g_abs";
/// Header of the emission table; both columns normalised to 1, per unit energy.
pub const EMISSION_HEADER: &str =
    "energy_eV,wavelength_nm,absorption_normalised,emission_normalised";

/// What one run identifies itself with.
pub struct RunInfo<'a> {
    pub prefix: &'a Path,
    pub title: String,
    pub source: &'a str,
    pub cluster: &'a Cluster,
    pub request: &'a AbsorptionRequest,
    pub backend: &'a str,
    pub svg: bool,
}

#[derive(Serialize)]
struct CdReport<'a> {
    #[serde(flatten)]
    absorption: AbsorptionReport<'a>,
    rotatory_strength_unit: &'static str,
    /// One per transition, in the order of `transitions`.
    rotatory_strengths: &'a [f64],
    convention: &'static str,
}

#[derive(Serialize)]
struct EmissionReport<'a> {
    #[serde(flatten)]
    absorption: AbsorptionReport<'a>,
    emission: &'a Emission,
    radiative_lifetime_ns: f64,
    rate_unit: &'static str,
}

/// The convention behind every rotatory strength clusterspec writes.
pub const CD_CONVENTION: &str = "R = Im(mu_ia . m_ai), mu = -e r in the velocity gauge (r_ia = -<i|[H,r]|a>/dE), m = -(e/2m_e) L with p = (i m_e/hbar)[H,r]; origin independent; 1e-40 esu^2 cm^2; delta_epsilon = E[eV] sum R g(E) / 22.96";

fn draw(out: &mut OutputSet, run: &RunInfo, plots: &[SpectrumPlot]) -> Result<()> {
    draw_stacked(plots, &out.stage(&with_extension(run.prefix, "png")))?;
    if run.svg {
        draw_stacked(plots, &out.stage(&with_extension(run.prefix, "svg")))?;
    }
    Ok(())
}

/// Absorption above, CD below, on one energy axis; table and report.
pub fn write_cd_files(run: &RunInfo, cd: &CdResult) -> Result<Vec<PathBuf>> {
    let s = &cd.absorption.spectrum;
    let sticks = visible_sticks(&cd.absorption, (s.grid.start, s.grid.end));
    let top = absorption_plot(run.title.clone(), &cd.absorption, &sticks);
    let bottom = SpectrumPlot {
        title: "circular dichroism".into(),
        y_quantity: "Δε".into(),
        y_unit: "M⁻¹ cm⁻¹".into(),
        x_range: (s.grid.start, s.grid.end),
        curves: vec![Curve {
            label: String::new(),
            energy: &s.energy_ev,
            values: &cd.delta_epsilon,
            spread: None,
        }],
        note: "Δε per unit energy, velocity-gauge rotatory strengths".into(),
        ..Default::default()
    };
    let mut out = OutputSet::new();
    draw(&mut out, run, &[top, bottom])?;
    let mut csv = format!("{CD_HEADER}\n");
    for k in 0..s.energy_ev.len() {
        csv.push_str(&format!(
            "{:.6},{:.4},{:.8e},{:.8e},{:.8e}\n",
            s.energy_ev[k],
            s.wavelength_nm[k],
            s.epsilon[k],
            cd.delta_epsilon[k],
            cd.dissymmetry[k]
        ));
    }
    out.write(&with_extension(run.prefix, "csv"), csv.as_bytes())?;
    let report = CdReport {
        absorption: absorption_report(
            run.source,
            run.cluster,
            run.request,
            &cd.absorption,
            run.backend,
        ),
        rotatory_strength_unit: "1e-40 esu^2 cm^2",
        rotatory_strengths: &cd.rotatory,
        convention: CD_CONVENTION,
    };
    out.write_json(&with_extension(run.prefix, "json"), &report)?;
    out.commit()
}

/// Normalised absorption and emission on one axis, Stokes shift marked.
pub fn write_emission_files(
    run: &RunInfo,
    abs: &AbsorptionResult,
    em: &Emission,
) -> Result<Vec<PathBuf>> {
    let s = &abs.spectrum;
    let absorption = normalised(&s.epsilon);
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
    let plot = SpectrumPlot {
        title: run.title.clone(),
        y_quantity: "normalised intensity".into(),
        y_unit: "per eV".into(),
        x_range: (s.grid.start, s.grid.end),
        curves: vec![
            Curve {
                label: "absorption (ε)".into(),
                energy: &s.energy_ev,
                values: &absorption,
                spread: None,
            },
            Curve {
                label: "emission".into(),
                energy: &s.energy_ev,
                values: &em.intensity,
                spread: None,
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
    draw(&mut out, run, &[plot])?;
    let mut csv = format!("{EMISSION_HEADER}\n");
    for (k, a) in absorption.iter().enumerate() {
        csv.push_str(&format!(
            "{:.6},{:.4},{:.8e},{:.8e}\n",
            s.energy_ev[k], s.wavelength_nm[k], a, em.intensity[k]
        ));
    }
    out.write(&with_extension(run.prefix, "csv"), csv.as_bytes())?;
    let report = EmissionReport {
        absorption: absorption_report(run.source, run.cluster, run.request, abs, run.backend),
        emission: em,
        radiative_lifetime_ns: em.radiative_lifetime * 1e9,
        rate_unit: "1/s",
    };
    out.write_json(&with_extension(run.prefix, "json"), &report)?;
    out.commit()
}

/// A lifetime in the most readable unit.
pub fn lifetime_text(seconds: f64) -> String {
    if !seconds.is_finite() {
        "∞ (dark)".into()
    } else if seconds < 1e-6 {
        format!("{:.3} ns", seconds * 1e9)
    } else if seconds < 1e-3 {
        format!("{:.3} µs", seconds * 1e6)
    } else {
        format!("{:.3} ms", seconds * 1e3)
    }
}
