//! The classical particle model on the engine: the cross-sections of
//! several Mie requests with every sphere evaluation in one batch, so that
//! a GPU takes them in one dispatch (the plan and the physics are in
//! `optics::particle`).

use crate::engine::Engine;
use crate::error::Result;
use crate::optics::particle::{ClassicalRequest, ClassicalSpectrum};
use crate::optics::plan::plan;

/// The cross-sections (nm²) of several requests at the same vacuum
/// wavelengths, averaged over their size distributions; every Mie
/// evaluation (requests × sizes × wavelengths) goes to `engine` as one
/// batch.
pub fn spectra(
    requests: &[ClassicalRequest],
    wavelengths_nm: &[f64],
    engine: &Engine,
) -> Result<Vec<ClassicalSpectrum>> {
    let plan = plan(requests, wavelengths_nm)?;
    let q = engine.mie_efficiencies(&plan.cases)?;
    Ok(plan.finish(&q))
}
