//! Models: an input (a cluster, a jellium sphere, a particle) becomes a
//! [`Calculation`] — responses plus the model's report. Every model
//! implements [`Model`]; adding one means one new module implementing it
//! and a command-line subcommand that builds it.

pub mod dftb;
pub mod electrons;
pub mod tight_binding;

use crate::engine::Engine;
use crate::error::Result;
use crate::progress::Progress;
use crate::response::{Broadening, Calculation};

/// One interface, several models behind it (tight binding, jellium, …).
/// The model holds its input and options; the engine says where the heavy
/// stages run; `broadening` is the grid and line shape the spectra will be
/// shown on (models that give a density on a grid compute on it).
pub trait Model {
    /// Runs the model.
    fn compute(
        &self,
        engine: &Engine,
        broadening: &Broadening,
        progress: &dyn Progress,
    ) -> Result<Calculation>;
}
