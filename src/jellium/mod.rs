//! Spherical jellium: a uniform positive background of radius
//! R = r_s (vN)^{1/3}, Kohn–Sham LDA electrons solved to self-consistency
//! on a radial grid ([`scf`]), and their dipole response, single-particle
//! and TDLDA (Casida) ([`optics`]), which is also a [`crate::model::Model`]. Hartree atomic units inside; eV and
//! nm at the edges.

pub mod casida;
pub mod levels;
pub mod material;
pub mod optics;
pub mod pairs;
pub mod poisson;
pub mod radial;
pub mod scf;
pub mod xc;

pub use casida::Coupling;
pub use levels::Level;
pub use material::{DBackground, Material};
pub use optics::{JelliumSpectrum, Optics, ResponseOptions, optics};
pub use pairs::ParticleHoleSpace;
pub use scf::{GroundState, JelliumSpec, ScfReport, ground_state};
