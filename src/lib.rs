//! clusterspec: optical spectra of metal nanoclusters from tight-binding
//! models, computed on a GPU (wgpu, WGSL) or on the CPU.
//!
//! Data flows one way: [`structure`] → [`model`] (Hamiltonian) → [`solve`]
//! (eigenpairs, occupations, transitions) → [`spectrum`] (broadening) →
//! [`plot`] and [`io`]. [`pipeline::absorption`] runs the whole chain; the
//! heavy stages go through an [`engine::Engine`].
//!
//! Units: lengths Å, energies eV, wavelengths nm (see [`units`]).

pub mod engine;
pub mod ensemble;
pub mod error;
pub mod gpu;
pub mod io;
pub mod jellium;
pub mod model;
pub mod pipeline;
pub mod plot;
pub mod progress;
pub mod solve;
pub mod spectrum;
pub mod structure;
pub mod units;

pub use engine::{BackendChoice, Engine};
pub use error::{Error, Result};
pub use model::tight_binding::TightBinding;
pub use pipeline::{AbsorptionRequest, AbsorptionResult, absorption};
pub use solve::occupation::Filling;
pub use spectrum::{AbsorptionSpectrum, EnergyGrid, LineShape};
pub use structure::{Atom, Cluster, Element};
