//! The compute backend: every heavy stage behind one interface, run on a
//! GPU (f32 WGSL kernels, src/gpu) or on the CPU (f64, the reference and
//! the fallback). Chosen once, with the reason reported; a GPU failure in
//! any stage (device lost, out of memory, validation) finishes that stage
//! and the rest of the run on the CPU and says so.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use ndarray::Array2;

use crate::error::{Error, Result};
use crate::gpu::{self, GpuContext};
use crate::model::tight_binding::{OrbitalLayout, TightBinding};
use crate::solve::eigen::Orbitals;
use crate::solve::rotatory;
use crate::solve::transitions::{self, Transition};
use crate::spectrum::broaden;
use crate::spectrum::{EnergyGrid, LineShape};
use crate::structure::Cluster;

/// Which backend the user asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BackendChoice {
    /// A hardware GPU when there is one, else the CPU.
    #[default]
    Auto,
    /// The first GPU adapter, hardware or software (lavapipe); an error when there is none.
    Gpu,
    /// The CPU (f64 reference path).
    Cpu,
}

/// The backend in use.
pub struct Engine {
    gpu: Option<GpuContext>,
    choice: String,
    gpu_failed: AtomicBool,
    notes: Mutex<Vec<String>>,
}

impl Engine {
    /// Picks the backend for `choice`.
    pub fn new(choice: BackendChoice) -> Result<Self> {
        match choice {
            BackendChoice::Cpu => Ok(Self::cpu_because("requested with --backend cpu")),
            BackendChoice::Gpu => {
                let list = gpu::adapters();
                let first = list.first().ok_or_else(|| {
                    Error::Gpu(
                        "--backend gpu: no GPU adapter (Vulkan, Metal or DX12) found; install a driver \
                         (for CPU emulation: mesa-vulkan-drivers) or use --backend cpu"
                            .into(),
                    )
                })?;
                let ctx = GpuContext::open(first)?;
                let note = if gpu::is_hardware(&ctx.info) {
                    ""
                } else {
                    "; a software adapter: CPU emulation, slower than --backend cpu"
                };
                let why = format!("requested with --backend gpu{note}");
                Ok(Self::with_gpu(ctx, &why))
            }
            BackendChoice::Auto => {
                let list = gpu::adapters();
                match list.iter().find(|a| gpu::is_hardware(&a.get_info())) {
                    Some(a) => match GpuContext::open(a) {
                        Ok(ctx) => Ok(Self::with_gpu(ctx, "auto: hardware adapter found")),
                        Err(e) => Ok(Self::cpu_because(&format!(
                            "auto: the GPU could not be opened ({e})"
                        ))),
                    },
                    None if list.is_empty() => Ok(Self::cpu_because("auto: no GPU adapter found")),
                    None => {
                        let names: Vec<String> = list.iter().map(|a| a.get_info().name).collect();
                        Ok(Self::cpu_because(&format!(
                            "auto: only software adapters ({}), which emulate a GPU on the CPU more slowly than the CPU path; --backend gpu uses them anyway",
                            names.join(", ")
                        )))
                    }
                }
            }
        }
    }

    /// The CPU engine.
    pub fn cpu() -> Self {
        Self::cpu_because("the CPU path")
    }

    fn cpu_because(why: &str) -> Self {
        Engine {
            gpu: None,
            choice: format!("CPU ({why})"),
            gpu_failed: AtomicBool::new(false),
            notes: Mutex::new(Vec::new()),
        }
    }

    /// An engine on an opened GPU context.
    pub fn with_gpu(ctx: GpuContext, why: &str) -> Self {
        let choice = format!("GPU {} ({why})", ctx.describe());
        Engine {
            gpu: Some(ctx),
            choice,
            gpu_failed: AtomicBool::new(false),
            notes: Mutex::new(Vec::new()),
        }
    }

    /// The GPU context, if the GPU is in use and has not failed.
    pub fn gpu(&self) -> Option<&GpuContext> {
        self.gpu
            .as_ref()
            .filter(|_| !self.gpu_failed.load(Ordering::SeqCst))
    }

    /// What runs where and why, with any fallback that happened.
    pub fn report(&self) -> String {
        let notes = self.notes.lock().map(|n| n.clone()).unwrap_or_default();
        if notes.is_empty() {
            format!("backend: {}", self.choice)
        } else {
            format!("backend: {}; {}", self.choice, notes.join("; "))
        }
    }

    /// Runs `on_gpu` when a GPU is in use; on a GPU error, says so and runs `on_cpu`.
    fn run<T>(
        &self,
        stage: &str,
        on_gpu: impl FnOnce(&GpuContext) -> Result<T>,
        on_cpu: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        let Some(ctx) = self.gpu() else {
            return on_cpu();
        };
        match on_gpu(ctx) {
            Err(Error::Gpu(msg)) => {
                self.gpu_failed.store(true, Ordering::SeqCst);
                let note = format!("GPU failed in {stage} ({msg}); finished on the CPU");
                eprintln!("warning: {note}");
                if let Ok(mut n) = self.notes.lock() {
                    n.push(note);
                }
                on_cpu()
            }
            other => other,
        }
    }

    /// Dense Hamiltonian (eV) and orbital layout.
    pub fn hamiltonian(
        &self,
        model: &TightBinding,
        cluster: &Cluster,
    ) -> Result<(Array2<f64>, OrbitalLayout)> {
        self.run(
            "hamiltonian",
            |g| gpu::hamiltonian::hamiltonian(g, model, cluster),
            || model.hamiltonian(cluster),
        )
    }

    /// Eigenpairs of many symmetric matrices of one order: batched Jacobi on
    /// the GPU (f32, orders up to 1023), faer in parallel on the CPU.
    pub fn eigen_batch(&self, matrices: &[Array2<f64>]) -> Result<Vec<Orbitals>> {
        use rayon::prelude::*;
        let cpu = || {
            matrices
                .par_iter()
                .map(crate::solve::eigen::diagonalise)
                .collect()
        };
        let fits = matrices
            .first()
            .is_some_and(|m| m.nrows() <= gpu::jacobi::MAX_ORDER);
        if !fits {
            return cpu();
        }
        self.run(
            "batched eigensolver",
            |g| gpu::jacobi::eigen_batch(g, matrices),
            cpu,
        )
    }

    /// Transition lists of a batch of configurations of one size.
    pub fn transitions_batch(
        &self,
        items: &[gpu::dipoles::BatchItem],
    ) -> Result<Vec<Vec<Transition>>> {
        use rayon::prelude::*;
        self.run(
            "batched transition dipoles",
            |g| gpu::dipoles::transitions_batch(g, items),
            || {
                Ok(items
                    .par_iter()
                    .map(|it| transitions::transitions(it.0, it.1, it.2))
                    .collect())
            },
        )
    }

    /// Broadened densities of a batch of sorted line lists on one grid.
    pub fn broaden_batch(
        &self,
        lists: &[(&[f64], &[f64])],
        grid: &EnergyGrid,
        shape: LineShape,
        fwhm: f64,
    ) -> Result<Vec<Vec<f64>>> {
        self.run(
            "batched broadening",
            |g| gpu::broaden::broaden_batch(g, lists, grid, shape, fwhm),
            || {
                lists
                    .iter()
                    .map(|(e, w)| broaden::broaden(e, w, grid, shape, fwhm))
                    .collect()
            },
        )
    }

    /// Transitions sorted by energy.
    pub fn transitions(
        &self,
        orbitals: &Orbitals,
        occupations: &[f64],
        orbital_positions: &[[f64; 3]],
    ) -> Result<Vec<Transition>> {
        self.run(
            "transition dipoles",
            |g| gpu::dipoles::transitions(g, orbitals, occupations, orbital_positions),
            || {
                Ok(transitions::transitions(
                    orbitals,
                    occupations,
                    orbital_positions,
                ))
            },
        )
    }

    /// Rotatory strengths (10⁻⁴⁰ esu² cm²) of `transitions`, in their order.
    pub fn rotatory_strengths(
        &self,
        orbitals: &Orbitals,
        occupations: &[f64],
        h: &Array2<f64>,
        orbital_positions: &[[f64; 3]],
        transitions: &[Transition],
    ) -> Result<Vec<f64>> {
        self.run(
            "magnetic-dipole transform",
            |g| {
                gpu::rotatory::rotatory_strengths(
                    g,
                    orbitals,
                    occupations,
                    h,
                    orbital_positions,
                    transitions,
                )
            },
            || {
                Ok(rotatory::rotatory_strengths(
                    orbitals,
                    occupations,
                    h,
                    orbital_positions,
                    transitions,
                ))
            },
        )
    }

    /// The jellium Casida matrix Ω (hartree²) for kernel strength `lambda`.
    pub fn casida_matrix(
        &self,
        factors: &crate::jellium::casida::CouplingFactors,
        lambda: f64,
    ) -> Result<Array2<f64>> {
        self.run(
            "Casida matrix",
            |g| gpu::casida::casida_matrix(g, factors, lambda),
            || Ok(crate::jellium::casida::casida_matrix(factors, lambda)),
        )
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
        self.run(
            "broadening",
            |g| gpu::broaden::broaden(g, energies, weights, grid, shape, fwhm),
            || broaden::broaden(energies, weights, grid, shape, fwhm),
        )
    }
}
