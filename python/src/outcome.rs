//! A finished calculation held for Python: its table columns as NumPy
//! arrays, its JSON record, its lines, and the files of the command line
//! written on request.

use std::path::PathBuf;

use clusterspec::ensemble::{CompositionSummary, Configuration, SweepRequest};
use clusterspec::io::classical_files::{Labelled, classical_record, write_classical};
use clusterspec::io::emission_files::{emission_record, write_emission};
use clusterspec::io::ensemble_files::{sweep_record, write_sweep};
use clusterspec::io::header::RunHeader;
use clusterspec::io::spectrum_files::{
    Destination, calculation_json, check_finite, spectra_table, write_calculation,
};
use clusterspec::io::table::Table;
use clusterspec::optics::particle::{ClassicalRequest, ClassicalSpectrum};
use clusterspec::response::emission::Emission;
use clusterspec::response::{Calculation, Spectrum};
use clusterspec::{Lines, Result};
use numpy::{PyArray1, PyArray2};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::to_py;

/// What a calculation produced.
pub enum Outcome {
    /// Absorption, CD, jellium: a calculation and one spectrum per component.
    Spectrum {
        calc: Calculation,
        spectra: Vec<Spectrum>,
    },
    Emission {
        calc: Calculation,
        absorption: Spectrum,
        emission: Emission,
    },
    /// Classical spectra of particles (labels and plot title as `mie`).
    Mie {
        title: String,
        labels: Vec<String>,
        requests: Vec<ClassicalRequest>,
        spectra: Vec<ClassicalSpectrum>,
    },
    Sweep {
        request: SweepRequest,
        summaries: Vec<CompositionSummary>,
        configurations: Vec<Configuration>,
    },
}

impl Outcome {
    fn labelled(&self) -> Vec<Labelled<'_>> {
        match self {
            Outcome::Mie {
                labels,
                requests,
                spectra,
                ..
            } => labels
                .iter()
                .zip(requests.iter().zip(spectra))
                .map(|(l, (r, s))| Labelled {
                    label: l.clone(),
                    request: r,
                    spectrum: s,
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The CSV table and the JSON record the command line writes.
    fn record(&self, header: &RunHeader) -> (Table, serde_json::Value) {
        match self {
            Outcome::Spectrum { calc, spectra } => (
                spectra_table(calc, spectra),
                calculation_json(header, calc, spectra),
            ),
            Outcome::Emission {
                calc,
                absorption,
                emission,
            } => emission_record(header, calc, absorption, emission),
            Outcome::Mie { .. } => classical_record(header, &self.labelled(), None),
            Outcome::Sweep {
                request,
                summaries,
                configurations,
            } => sweep_record(header, request, summaries, configurations),
        }
    }

    fn lines(&self) -> Option<&Lines> {
        match self {
            Outcome::Spectrum { calc, .. } | Outcome::Emission { calc, .. } => calc.lines(),
            _ => None,
        }
    }

    fn save(&self, to: &Destination) -> Result<Vec<PathBuf>> {
        match self {
            Outcome::Spectrum { calc, spectra } => write_calculation(to, calc, spectra),
            Outcome::Emission {
                calc,
                absorption,
                emission,
            } => write_emission(to, calc, absorption, emission),
            Outcome::Mie { title, .. } => write_classical(to, title, &self.labelled(), None, None),
            Outcome::Sweep {
                request,
                summaries,
                configurations,
            } => write_sweep(to, request, summaries, configurations, None),
        }
    }
}

/// A finished calculation (wrapped by `clusterspec.Spectrum` and friends).
#[pyclass(module = "clusterspec._native", frozen)]
pub struct Native {
    outcome: Outcome,
    header: RunHeader,
    notes: Vec<String>,
    warnings: Vec<String>,
}

impl Native {
    /// The result of a run; a spectrum with a non-finite value is refused
    /// as the command line refuses to write it.
    pub fn new(
        outcome: Outcome,
        header: RunHeader,
        notes: Vec<String>,
        warnings: Vec<String>,
    ) -> Result<Self> {
        match &outcome {
            Outcome::Spectrum { calc, spectra } => check_finite(calc, spectra)?,
            Outcome::Emission {
                calc, absorption, ..
            } => check_finite(calc, std::slice::from_ref(absorption))?,
            _ => {}
        }
        Ok(Native {
            outcome,
            header,
            notes,
            warnings,
        })
    }
}

#[pymethods]
impl Native {
    /// The CSV columns by name (units in the names), as float64 arrays.
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let (table, _) = self.outcome.record(&self.header);
        let out = PyDict::new(py);
        for (name, values) in table.columns() {
            out.set_item(name, PyArray1::from_slice(py, values))?;
        }
        Ok(out)
    }

    /// The CSV text the command line writes.
    fn csv(&self) -> String {
        self.outcome.record(&self.header).0.csv()
    }

    /// The JSON record the command line writes, as text.
    fn report_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.outcome.record(&self.header).1)
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
    }

    /// The discrete lines of the main component: energy (eV), oscillator
    /// strength, transition dipole (Å, N×3), rotatory strength
    /// (10⁻⁴⁰ esu² cm², the lowest lines only), or None for a density.
    fn lines<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let Some(l) = self.outcome.lines() else {
            return Ok(None);
        };
        let out = PyDict::new(py);
        out.set_item("energy", PyArray1::from_slice(py, &l.energy))?;
        out.set_item(
            "oscillator_strength",
            PyArray1::from_slice(py, &l.oscillator_strength),
        )?;
        let dipoles: Vec<Vec<f64>> = l.dipole.iter().map(|d| d.to_vec()).collect();
        let dipole = if dipoles.is_empty() {
            PyArray2::zeros(py, [0, 3], false)
        } else {
            PyArray2::from_vec2(py, &dipoles)?
        };
        out.set_item("dipole", dipole)?;
        out.set_item(
            "rotatory_strength",
            PyArray1::from_slice(py, &l.rotatory_strength),
        )?;
        Ok(Some(out))
    }

    /// Notes on choices made (a default replaced, a range widened).
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.notes.clone()
    }

    /// Warnings (an undersampled line width, a cut size distribution).
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    /// Writes the files the command line writes under `prefix`; returns
    /// their paths.
    #[pyo3(signature = (prefix, svg=false, all_lines=false, wavelength_axis=false))]
    fn save(
        &self,
        py: Python<'_>,
        prefix: PathBuf,
        svg: bool,
        all_lines: bool,
        wavelength_axis: bool,
    ) -> PyResult<Vec<PathBuf>> {
        py.detach(|| {
            let to = Destination {
                prefix: &prefix,
                header: &self.header,
                svg,
                all_lines,
                wavelength_axis,
            };
            self.outcome.save(&to)
        })
        .map_err(to_py)
    }
}
