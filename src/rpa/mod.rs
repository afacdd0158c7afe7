//! Collective response in tight binding (docs/physics.md, "Collective
//! response in tight binding"): transition charges on the atoms, the
//! Klopman–Ohno Coulomb kernel, and the random-phase approximation in two
//! routes that agree where both apply — the frequency route (χ⁰ as a
//! spectral function, Dyson per frequency) and the transition-space route
//! (Casida's equation, discrete lines).

pub mod casida;
pub mod charges;
pub mod dipoles;
pub mod dispersion;
pub mod dyson;
pub mod memory;
pub mod model;
pub mod options;
pub mod pairs;
pub mod screening;
pub mod spectral;
pub mod sweep;

pub use model::{DResponse, Route, RpaOptions, RpaSpectrum, check_basis};
