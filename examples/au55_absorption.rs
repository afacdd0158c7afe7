//! The library in one page: build Au55, compute its s-band absorption
//! spectrum on the CPU and write the plot, table and report.

use std::path::Path;

use clusterspec::io::header::RunHeader;
use clusterspec::io::spectrum_files::{Destination, write_calculation};
use clusterspec::model::tight_binding::Rotatory;
use clusterspec::response::spectra;
use clusterspec::structure::builders::{Shape, build};
use clusterspec::{
    Broadening, Element, EnergyGrid, Engine, Filling, LineShape, Model, Silent, TbRequest,
    TightBinding, TightBindingSpectrum,
};

fn main() -> anyhow::Result<()> {
    let au55 = build(&Shape::Icosahedron { shells: 2 }, Element::Au, None)?;
    let request = TbRequest {
        model: TightBinding::builtin("s")?,
        charge: 0,
        ligands: 0,
        filling: Filling::Integer,
        scc: None,
    };
    // 1–5 eV in 800 points, Gaussian lines of 0.1 eV full width at half maximum.
    let broadening = Broadening::new(EnergyGrid::new(1.0, 5.0, 800)?, LineShape::Gaussian, 0.1)?;
    let engine = Engine::cpu();
    let model = TightBindingSpectrum {
        cluster: &au55,
        source: "built-in Mackay icosahedron".into(),
        request: &request,
        rotatory: Rotatory::None,
    };
    let calc = model.compute(&engine, &broadening, &Silent)?;
    let lines = calc.lines().expect("tight binding gives lines");
    println!(
        "Au55: {} transitions, Σf = {:.3}",
        lines.len(),
        lines.strength_sum()
    );
    let spectra = spectra(&calc, &broadening, &engine)?;
    let header = RunHeader::new(vec!["example au55_absorption".into()], &engine);
    let to = Destination::new(Path::new("au55_absorption"), &header);
    for f in write_calculation(&to, &calc, &spectra)? {
        println!("wrote {}", f.display());
    }
    Ok(())
}
