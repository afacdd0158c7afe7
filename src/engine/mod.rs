//! The compute backend: every heavy stage behind one interface, run on a
//! GPU (f32 WGSL kernels, src/gpu) or on the CPU (f64, the reference and
//! the fallback). Chosen once, with the reason kept as data; a GPU failure
//! in any stage (device lost, out of memory, validation) finishes that
//! stage and the rest of the run on the CPU and is recorded as a
//! [`Fallback`]. The engine never prints.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use ndarray::Array2;
use rayon::prelude::*;
use serde::Serialize;

pub use crate::gpu::Kernel;

use crate::error::{Error, Result};
use crate::gpu::{self, GpuContext};
use crate::solve::casida::{self, CouplingFactors};
use crate::solve::eigen::{Orbitals, diagonalise};
use crate::solve::layout::OrbitalLayout;
use crate::solve::rotatory;
use crate::solve::sk_tables::{self, SkSystem};
use crate::solve::transitions::{self, Transition};
use crate::solve::two_centre::{self, TwoCentre};
use crate::spectrum::broaden;
use crate::spectrum::{EnergyGrid, LineShape};

/// Which backend the caller asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
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

/// Why the engine runs where it runs.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    /// The caller asked for this backend.
    Requested { choice: BackendChoice },
    /// Auto: a hardware adapter was found.
    HardwareFound,
    /// Auto: no adapter at all.
    NoAdapter,
    /// Auto: only software adapters (CPU emulation, slower than the CPU path).
    SoftwareOnly { adapters: Vec<String> },
    /// Auto: the hardware adapter could not be opened.
    OpenFailed { cause: String },
    /// An engine made for the CPU by the library itself.
    Default,
}

/// Where the heavy stages run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Backend {
    /// "CPU", or the GPU adapter's description.
    pub device: String,
    pub gpu: bool,
    /// True for a software adapter (CPU emulation of a GPU).
    pub emulated: bool,
    pub reason: Reason,
}

/// A stage the GPU started and the CPU finished.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fallback {
    pub kernel: Option<Kernel>,
    pub cause: String,
}

/// The backend in use.
pub struct Engine {
    gpu: Option<GpuContext>,
    backend: Backend,
    gpu_failed: AtomicBool,
    fallbacks: Mutex<Vec<Fallback>>,
}

impl Engine {
    /// Picks the backend for `choice`.
    pub fn new(choice: BackendChoice) -> Result<Self> {
        match choice {
            BackendChoice::Cpu => Ok(Self::on_cpu(Reason::Requested { choice })),
            BackendChoice::Gpu => {
                let list = gpu::adapters();
                let first = list.first().ok_or_else(|| {
                    Error::gpu(
                        None,
                        "no GPU adapter (Vulkan, Metal or DX12) found; install a driver \
                         (for CPU emulation: mesa-vulkan-drivers) or use the CPU backend",
                    )
                })?;
                let ctx = GpuContext::open(first)?;
                Ok(Self::with_gpu(ctx, Reason::Requested { choice }))
            }
            BackendChoice::Auto => {
                let list = gpu::adapters();
                match list.iter().find(|a| gpu::is_hardware(&a.get_info())) {
                    Some(a) => match GpuContext::open(a) {
                        Ok(ctx) => Ok(Self::with_gpu(ctx, Reason::HardwareFound)),
                        Err(e @ Error::Invalid(_)) => Err(e),
                        Err(e) => Ok(Self::on_cpu(Reason::OpenFailed {
                            cause: e.to_string(),
                        })),
                    },
                    None if list.is_empty() => Ok(Self::on_cpu(Reason::NoAdapter)),
                    None => Ok(Self::on_cpu(Reason::SoftwareOnly {
                        adapters: list.iter().map(|a| a.get_info().name).collect(),
                    })),
                }
            }
        }
    }

    /// The CPU engine.
    pub fn cpu() -> Self {
        Self::on_cpu(Reason::Default)
    }

    fn on_cpu(reason: Reason) -> Self {
        Engine {
            gpu: None,
            backend: Backend {
                device: "CPU".into(),
                gpu: false,
                emulated: false,
                reason,
            },
            gpu_failed: AtomicBool::new(false),
            fallbacks: Mutex::new(Vec::new()),
        }
    }

    /// An engine on an opened GPU context.
    pub fn with_gpu(ctx: GpuContext, reason: Reason) -> Self {
        let backend = Backend {
            device: ctx.describe(),
            gpu: true,
            emulated: !gpu::is_hardware(&ctx.info),
            reason,
        };
        Engine {
            gpu: Some(ctx),
            backend,
            gpu_failed: AtomicBool::new(false),
            fallbacks: Mutex::new(Vec::new()),
        }
    }

    /// The GPU context, if the GPU is in use and has not failed.
    pub fn gpu(&self) -> Option<&GpuContext> {
        self.gpu
            .as_ref()
            .filter(|_| !self.gpu_failed.load(Ordering::SeqCst))
    }

    /// Where the stages run and why.
    pub fn backend(&self) -> &Backend {
        &self.backend
    }

    /// Every stage that fell back from the GPU to the CPU so far.
    pub fn fallbacks(&self) -> Vec<Fallback> {
        self.fallbacks.lock().map(|f| f.clone()).unwrap_or_default()
    }

    /// Runs `on_gpu` when a GPU is in use; on a GPU error, records the
    /// fallback and runs `on_cpu` (and every later stage on the CPU).
    fn run<T>(
        &self,
        on_gpu: impl FnOnce(&GpuContext) -> Result<T>,
        on_cpu: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        let Some(ctx) = self.gpu() else {
            return on_cpu();
        };
        match on_gpu(ctx) {
            Err(Error::Gpu { kernel, cause }) => {
                self.gpu_failed.store(true, Ordering::SeqCst);
                if let Ok(mut f) = self.fallbacks.lock() {
                    let kernel = kernel.and_then(|k| k.parse().ok());
                    f.push(Fallback { kernel, cause });
                }
                on_cpu()
            }
            other => other,
        }
    }

    /// Dense two-centre Hamiltonian (eV) of `tc`.
    pub fn hamiltonian(&self, tc: &TwoCentre) -> Result<Array2<f64>> {
        self.run(
            |g| gpu::hamiltonian::hamiltonian(g, tc),
            || Ok(two_centre::hamiltonian(tc)),
        )
    }

    /// The DFTB Hamiltonian (eV) and overlap of `sys`.
    pub fn dftb_hamiltonian(&self, sys: &SkSystem) -> Result<(Array2<f64>, Array2<f64>)> {
        self.run(
            |g| gpu::dftb_hamiltonian::hamiltonian_overlap(g, sys),
            || Ok(sk_tables::hamiltonian_overlap(sys)),
        )
    }

    /// Eigenpairs of symmetric matrices of one order. One matrix goes to
    /// faer (f64) on the CPU whatever the backend; a batch goes to the
    /// batched Jacobi kernel on the GPU (f32, orders up to 1023), or to
    /// faer in parallel on the CPU.
    pub fn eigen_batch(&self, matrices: &[Array2<f64>]) -> Result<Vec<Orbitals>> {
        let cpu = || matrices.par_iter().map(diagonalise).collect();
        let fits = matrices.len() > 1
            && matrices
                .first()
                .is_some_and(|m| m.nrows() <= gpu::jacobi::MAX_ORDER);
        if !fits {
            return cpu();
        }
        self.run(|g| gpu::jacobi::eigen_batch(g, matrices), cpu)
    }

    /// Transition lists (sorted by energy) of a batch of configurations;
    /// a single cluster is a batch of one.
    pub fn transitions_batch(
        &self,
        items: &[gpu::dipoles::BatchItem],
    ) -> Result<Vec<Vec<Transition>>> {
        self.run(
            |g| gpu::dipoles::transitions_batch(g, items),
            || {
                Ok(items
                    .par_iter()
                    .map(|it| transitions::transitions(it.0, it.1, it.2))
                    .collect())
            },
        )
    }

    /// Broadened densities (weights per eV) of a batch of sorted line
    /// lists on one grid; one list is a batch of one.
    pub fn broaden_batch(
        &self,
        lists: &[(&[f64], &[f64])],
        grid: &EnergyGrid,
        shape: LineShape,
        fwhm: f64,
    ) -> Result<Vec<Vec<f64>>> {
        self.run(
            |g| gpu::broaden::broaden_batch(g, lists, grid, shape, fwhm),
            || {
                lists
                    .iter()
                    .map(|(e, w)| broaden::broaden(e, w, grid, shape, fwhm))
                    .collect()
            },
        )
    }

    /// Broadened density (weights per eV) of one sorted line list.
    pub fn broaden(
        &self,
        energies: &[f64],
        weights: &[f64],
        grid: &EnergyGrid,
        shape: LineShape,
        fwhm: f64,
    ) -> Result<Vec<f64>> {
        let mut one = self.broaden_batch(&[(energies, weights)], grid, shape, fwhm)?;
        Ok(one.pop().unwrap_or_default())
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

    /// Transition charges (atoms × pairs) of orbital pairs (i, a).
    pub fn transition_charges(
        &self,
        orbitals: &Orbitals,
        layout: &OrbitalLayout,
        pairs: &[(u32, u32)],
    ) -> Result<Array2<f64>> {
        self.run(
            |g| gpu::response::transition_charges(g, orbitals, layout, pairs),
            || {
                Ok(crate::solve::charges::transition_charges(
                    orbitals, layout, pairs,
                ))
            },
        )
    }

    /// Packed spectral weights of χ⁰ per node from transition charges `q`
    /// (atoms × pairs, grouped by node in `ranges`) and pair weights,
    /// written into `packed` (one packed triangle per node; the CPU path
    /// fills it in place).
    pub fn spectral_weights(
        &self,
        q: &Array2<f64>,
        weights: &[f64],
        ranges: &[(usize, usize)],
        packed: &mut [f64],
    ) -> Result<()> {
        let from_gpu = self.run(
            |g| gpu::response::spectral_weights(g, q, weights, ranges).map(Some),
            || Ok(None),
        )?;
        match from_gpu {
            Some(w) => packed.copy_from_slice(&w),
            None => crate::solve::spectral_weights::accumulate_into(q, weights, ranges, packed),
        }
        Ok(())
    }

    /// Mie efficiencies of many spheres. The GPU kernel takes spheres of one
    /// or two layers; a batch with any other goes to the CPU as a whole
    /// (not a fault).
    pub fn mie_efficiencies(
        &self,
        cases: &[crate::optics::mie::SphereCase],
    ) -> Result<Vec<crate::optics::mie::Efficiencies>> {
        use rayon::prelude::*;
        let on_cpu = || cases.par_iter().map(|c| c.efficiencies()).collect();
        for c in cases {
            c.check()?;
        }
        if !cases.iter().all(gpu::mie::supports) {
            return on_cpu();
        }
        self.run(|g| gpu::mie::efficiencies(g, cases), on_cpu)
    }

    /// The Casida matrix Ω of `factors` for kernel strength `lambda`.
    pub fn casida_matrix(&self, factors: &CouplingFactors, lambda: f64) -> Result<Array2<f64>> {
        self.run(
            |g| gpu::casida::casida_matrix(g, factors, lambda),
            || Ok(casida::casida_matrix(factors, lambda)),
        )
    }
}
