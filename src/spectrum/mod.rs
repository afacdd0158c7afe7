//! Line shapes, the energy grid, broadening and emission profiles.

pub mod broaden;
pub mod emission;
pub mod far_field;
pub mod grid;
pub mod lineshape;

pub use grid::EnergyGrid;
pub use lineshape::LineShape;
