//! The library in one page: build Au55, compute its s-band absorption
//! spectrum on the CPU and save a plot.

use clusterspec::io::absorption_files::write_absorption_files;
use clusterspec::structure::builders::{Shape, build};
use clusterspec::{
    AbsorptionRequest, Element, EnergyGrid, Engine, Filling, LineShape, TightBinding, absorption,
};

fn main() -> anyhow::Result<()> {
    let au55 = build(&Shape::Icosahedron { shells: 2 }, Element::Au, None)?;
    let request = AbsorptionRequest {
        model: TightBinding::builtin("s")?,
        charge: 0,
        ligands: 0,
        filling: Filling::Integer,
        grid: EnergyGrid::new(1.0, 5.0, 800)?, // eV
        line_shape: LineShape::Gaussian,
        fwhm: 0.1, // eV, full width at half maximum
    };
    let engine = Engine::cpu();
    let result = absorption(&au55, &request, &engine)?;
    println!(
        "Au55: {} electrons, {} transitions, Σf = {:.3}",
        result.electrons,
        result.transitions.len(),
        result.sum_rule.oscillator_strength_sum
    );
    let files = write_absorption_files(
        std::path::Path::new("au55_absorption"),
        "Au55 — s model, Gaussian FWHM 0.10 eV".into(),
        "built-in Mackay icosahedron",
        &au55,
        &request,
        &result,
        &engine.report(),
        false,
    )?;
    for f in files {
        println!("wrote {}", f.display());
    }
    Ok(())
}
