//! clusterspec: optical spectra of metal nanoclusters, computed on a GPU
//! (wgpu, WGSL) or on the CPU.
//!
//! Data flows one way: [`structure`] → a [`model::Model`] (tight binding,
//! jellium) → a [`response::Calculation`] (lines or densities) →
//! [`response::spectrum`] (broadening) and [`response::peaks`] → [`plot`]
//! and [`io`]. The heavy stages go through an [`engine::Engine`], which
//! picks the GPU or the CPU and falls back to the CPU on any GPU failure.
//!
//! Units: lengths Å, energies eV, wavelengths nm (see [`units`]). The
//! physics and its sources are in docs/physics.md.

pub mod classical;
pub mod engine;
pub mod ensemble;
pub mod error;
pub mod gpu;
pub mod io;
pub mod jellium;
pub mod job;
pub mod model;
pub mod optics;
pub mod plot;
pub mod progress;
pub mod response;
pub mod rpa;
pub mod solve;
pub mod spectrum;
pub mod structure;
pub mod tddftb;
pub mod units;

pub use engine::{BackendChoice, Engine, Kernel};
pub use error::{Error, Result};
pub use model::Model;
pub use model::tight_binding::{TbRequest, TightBinding, TightBindingSpectrum};
pub use progress::{Progress, Silent};
pub use response::{Broadening, Calculation, Lines, Response, Spectrum};
pub use solve::occupation::Filling;
pub use spectrum::{EnergyGrid, LineShape};
pub use structure::{Atom, Cluster, Element};
