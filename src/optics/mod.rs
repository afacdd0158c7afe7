//! Classical optics: measured optical constants of the coinage metals and
//! their alloys with their free-electron (Drude) part separated, the
//! size-limited damping of small particles, and Mie theory for homogeneous
//! and layered spheres in a medium (docs/physics.md, "Classical optics").
//! The interband part of the dielectric function also fixes the d-electron
//! polarisability of the tight-binding collective response.

pub mod composition;
pub mod distribution;
pub mod drude;
pub mod material;
pub mod mie;
pub mod particle;
pub mod plan;
pub mod quasistatic;
pub mod table;

pub use material::{DataSet, Dielectric, Metal};
