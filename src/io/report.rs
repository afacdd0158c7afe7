//! The JSON report of an absorption run: what went in, what the model
//! used, every orbital and every transition.

use serde::Serialize;

use crate::model::tight_binding::ParameterSet;
use crate::pipeline::{AbsorptionRequest, AbsorptionResult, SumRule};
use crate::solve::transitions::Transition;
use crate::spectrum::{EnergyGrid, LineShape};
use crate::structure::Cluster;

/// Input summary.
#[derive(Serialize)]
pub struct InputSummary<'a> {
    pub source: &'a str,
    pub formula: String,
    pub atoms: usize,
    pub comment: &'a str,
}

/// Electron counting, n* = Σ v − M − z.
#[derive(Serialize)]
pub struct ElectronSummary {
    pub neutral_valence: u32,
    pub ligands: u32,
    pub charge: i32,
    pub electrons: u32,
}

/// Units of every number in the report.
#[derive(Serialize)]
pub struct Units {
    pub energy: &'static str,
    pub length: &'static str,
    pub dipole: &'static str,
    pub wavelength: &'static str,
    pub fwhm: &'static str,
}

/// The whole report.
#[derive(Serialize)]
pub struct AbsorptionReport<'a> {
    pub program: String,
    pub units: Units,
    pub input: InputSummary<'a>,
    pub backend: &'a str,
    pub electrons: ElectronSummary,
    pub model: &'a ParameterSet,
    pub filling: String,
    pub grid: EnergyGrid,
    pub line_shape: LineShape,
    pub fwhm: f64,
    pub density_axis: &'static str,
    pub peak_energy_ev: Option<f64>,
    pub peak_wavelength_nm: Option<f64>,
    pub homo_lumo_gap_ev: Option<f64>,
    pub sum_rule: SumRule,
    pub orbital_energies: &'a [f64],
    pub occupations: &'a [f64],
    pub transitions: &'a [Transition],
}

/// Assembles the report of one run.
pub fn absorption_report<'a>(
    source: &'a str,
    cluster: &'a Cluster,
    req: &'a AbsorptionRequest,
    result: &'a AbsorptionResult,
    backend: &'a str,
) -> AbsorptionReport<'a> {
    let peak = result.spectrum.peak_energy();
    AbsorptionReport {
        program: format!("clusterspec {}", env!("CARGO_PKG_VERSION")),
        units: Units {
            energy: "eV",
            length: "angstrom",
            dipole: "angstrom (transition dipole <i|r|a>)",
            wavelength: "nm",
            fwhm: "eV, full width at half maximum",
        },
        input: InputSummary {
            source,
            formula: cluster.formula(),
            atoms: cluster.len(),
            comment: &cluster.comment,
        },
        backend,
        electrons: ElectronSummary {
            neutral_valence: result.neutral_valence,
            ligands: req.ligands,
            charge: req.charge,
            electrons: result.electrons,
        },
        model: &req.model.params,
        filling: format!("{:?}", req.filling),
        grid: req.grid,
        line_shape: req.line_shape,
        fwhm: req.fwhm,
        density_axis: "energy (densities per eV)",
        peak_energy_ev: peak,
        peak_wavelength_nm: peak.map(crate::units::ev_to_nm),
        homo_lumo_gap_ev: result.gap,
        sum_rule: result.sum_rule,
        orbital_energies: &result.orbitals.energies,
        occupations: &result.occupations,
        transitions: &result.transitions,
    }
}
