//! Line shapes, broadening and the absorption spectrum.

pub mod absorption;
pub mod broaden;
pub mod emission;
pub mod far_field;
pub mod grid;
pub mod lineshape;

pub use absorption::{AbsorptionSpectrum, absorption_spectrum};
pub use grid::EnergyGrid;
pub use lineshape::LineShape;
