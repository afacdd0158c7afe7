//! Ag@Au core–shell against a random AuAg alloy of the same composition
//! (Au147 icosahedron, 55 Ag atoms), on one plot.

use clusterspec::plot::{Curve, SpectrumPlot, draw_spectrum};
use clusterspec::structure::alloy::{Core, core_shell, random_alloy};
use clusterspec::structure::builders::{Shape, build};
use clusterspec::{
    AbsorptionRequest, Element, EnergyGrid, Engine, Filling, LineShape, TightBinding, absorption,
};

fn main() -> anyhow::Result<()> {
    let au147 = build(&Shape::Icosahedron { shells: 3 }, Element::Au, None)?;
    let core_shell = core_shell(&au147, Element::Ag, Core::Shells(2))?; // Ag55 core
    let alloy = random_alloy(&au147, Element::Ag, 55.0 / 147.0, 42)?;
    let request = AbsorptionRequest {
        model: TightBinding::builtin("s")?,
        charge: 0,
        ligands: 0,
        filling: Filling::Integer,
        grid: EnergyGrid::new(0.5, 4.0, 700)?,
        line_shape: LineShape::Gaussian,
        fwhm: 0.1,
    };
    let engine = Engine::cpu();
    let a = absorption(&core_shell, &request, &engine)?.spectrum;
    let b = absorption(&alloy, &request, &engine)?.spectrum;
    let plot = SpectrumPlot {
        title: "Ag55@Au92 core–shell vs random Au92Ag55 — s model, FWHM 0.10 eV".into(),
        y_quantity: "ε".into(),
        y_unit: "M⁻¹ cm⁻¹".into(),
        x_range: (0.5, 4.0),
        curves: vec![
            Curve {
                label: "core–shell".into(),
                energy: &a.energy_ev,
                values: &a.epsilon,
                spread: None,
            },
            Curve {
                label: "random alloy (seed 42)".into(),
                energy: &b.energy_ev,
                values: &b.epsilon,
                spread: None,
            },
        ],
        sticks: None,
        note: "ε per unit energy".into(),
        markers: Vec::new(),
    };
    draw_spectrum(&plot, std::path::Path::new("core_shell_vs_alloy.png"))?;
    println!("wrote core_shell_vs_alloy.png");
    Ok(())
}
