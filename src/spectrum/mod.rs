//! Line shapes, the energy grid and broadening.

pub mod broaden;
pub mod far_field;
pub mod grid;
pub mod lineshape;

pub use grid::EnergyGrid;
pub use lineshape::LineShape;
