//! Spherical jellium: a uniform positive background of radius
//! R = r_s (vN)^{1/3}, Kohn–Sham LDA electrons solved to self-consistency
//! on a radial grid ([`scf`]), and their dipole response, single-particle
//! and TDLDA (Casida) ([`response`]). Hartree atomic units inside; eV and
//! nm at the edges.

pub mod casida;
pub mod levels;
pub mod material;
pub mod mixing;
pub mod optics;
pub mod pairs;
pub mod poisson;
pub mod radial;
pub mod scf;
pub mod xc;

pub use casida::Kernel;
pub use levels::Level;
pub use material::{DBackground, Material};
pub use optics::{Optics, OpticsRequest, optics};
pub use pairs::{Lines, ParticleHoleSpace};
pub use scf::{GroundState, JelliumSpec, ScfReport, ground_state};
