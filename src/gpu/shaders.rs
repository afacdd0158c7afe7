//! Every WGSL pipeline the drivers use, named once: its source (the shader
//! files it is made of, shared line shapes first) and its entry point. The
//! context compiles each on first use and keeps it (see
//! [`super::GpuContext::pipeline`]).

use super::kernel::Kernel;

/// One compute pipeline: WGSL source and entry point.
#[derive(Debug)]
pub struct Shader {
    /// Unique name (the registry key and the pipeline's label).
    pub name: &'static str,
    /// The engine stage it belongs to.
    pub kernel: Kernel,
    /// The files under shaders/ the source is made of, in order.
    pub files: &'static [&'static str],
    /// The WGSL source.
    pub source: &'static str,
    /// The entry point.
    pub entry: &'static str,
}

macro_rules! shader {
    ($name:literal, $kernel:expr, $entry:literal, [$($file:literal),+]) => {
        Shader {
            name: $name,
            kernel: $kernel,
            files: &[$($file),+],
            source: concat!($(include_str!(concat!("../../shaders/", $file))),+),
            entry: $entry,
        }
    };
}

/// Dense Hamiltonian, one invocation per atom block.
pub const HAMILTONIAN: Shader = shader!(
    "hamiltonian",
    Kernel::Hamiltonian,
    "main",
    ["slater_koster.wgsl", "hamiltonian.wgsl"]
);
/// Transition dipoles C_occᵀ diag(x) C_virt, tiled GEMM.
pub const DIPOLE_GEMM: Shader =
    shader!("dipole_gemm", Kernel::Dipoles, "main", ["dipole_gemm.wgsl"]);
/// Oscillator strengths of every (occupied, empty) pair.
pub const OSCILLATOR: Shader = shader!("oscillator", Kernel::Dipoles, "main", ["oscillator.wgsl"]);
/// Windowed broadening of one line list.
pub const BROADEN: Shader = shader!(
    "broaden",
    Kernel::Broaden,
    "main",
    ["lineshape.wgsl", "broaden.wgsl"]
);
/// Windowed broadening of a batch of line lists.
pub const BROADEN_BATCH: Shader = shader!(
    "broaden_batch",
    Kernel::Broaden,
    "main",
    ["lineshape.wgsl", "broaden_batch.wgsl"]
);
/// Sparse half of the magnetic-dipole transform, T = A C_virt.
pub const MAGNETIC: Shader = shader!("magnetic", Kernel::Rotatory, "main", ["magnetic.wgsl"]);
/// Dense half, C_occᵀ T.
pub const PROJECT_GEMM: Shader = shader!(
    "project_gemm",
    Kernel::Rotatory,
    "main",
    ["project_gemm.wgsl"]
);
/// Casida matrix Ω = Δ² + 2 s (AᵀB) s.
pub const CASIDA: Shader = shader!("casida", Kernel::Casida, "main", ["casida.wgsl"]);
/// One dispatch of Jacobi rounds on a batch of matrices.
pub const JACOBI_ROTATE: Shader = shader!("jacobi_rotate", Kernel::Eigen, "main", ["jacobi.wgsl"]);
/// Off-diagonal and total norms of each matrix of the batch.
pub const JACOBI_OFF_NORM: Shader = shader!(
    "jacobi_off_norm",
    Kernel::Eigen,
    "off_norm",
    ["jacobi.wgsl"]
);

/// Transition charges of particle–hole pairs on the atoms.
pub const TRANSITION_CHARGES: Shader = shader!(
    "transition_charges",
    Kernel::Charges,
    "main",
    ["transition_charges.wgsl"]
);
/// Spectral weights of χ⁰ on energy nodes, packed.
pub const SPECTRAL_WEIGHTS: Shader = shader!(
    "spectral_weights",
    Kernel::Spectral,
    "main",
    ["spectral_weights.wgsl"]
);
/// Mie efficiencies of homogeneous and core–shell spheres.
pub const MIE: Shader = shader!("mie", Kernel::Mie, "main", ["mie.wgsl"]);

/// DFTB Hamiltonian and overlap from Slater–Koster tables.
pub const DFTB_HAMILTONIAN: Shader = shader!(
    "dftb_hamiltonian",
    Kernel::DftbHamiltonian,
    "main",
    ["slater_koster.wgsl", "dftb_hamiltonian.wgsl"]
);

/// Every pipeline, for validation and tests.
pub const ALL: &[&Shader] = &[
    &HAMILTONIAN,
    &DIPOLE_GEMM,
    &OSCILLATOR,
    &BROADEN,
    &BROADEN_BATCH,
    &MAGNETIC,
    &PROJECT_GEMM,
    &CASIDA,
    &JACOBI_ROTATE,
    &JACOBI_OFF_NORM,
    &TRANSITION_CHARGES,
    &SPECTRAL_WEIGHTS,
    &MIE,
    &DFTB_HAMILTONIAN,
];
