//! GPU kernels (wgpu, WGSL in shaders/), one driver per shader file. Each
//! has a CPU twin named in its doc comment; the engine falls back to the
//! twin on any GPU failure. Pipelines are listed once in [`shaders`] and
//! compiled once per [`GpuContext`].

pub mod broaden;
pub mod buffers;
pub mod casida;
pub mod context;
pub mod dftb_hamiltonian;
pub mod dipoles;
pub mod hamiltonian;
pub mod jacobi;
pub mod kernel;
pub mod mie;
pub mod response;
pub mod rotatory;
pub mod shaders;

pub use context::{GpuContext, adapters, is_hardware};
pub use kernel::Kernel;
