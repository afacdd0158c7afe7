//! Ag@Au core–shell against a random AuAg alloy of the same composition
//! (Au147 icosahedron, 55 Ag atoms), on one plot.

use std::path::Path;

use clusterspec::io::header::RunHeader;
use clusterspec::io::spectrum_files::{Destination, Overlay, write_overlay};
use clusterspec::model::tight_binding::{Rotatory, single_particle};
use clusterspec::structure::alloy::{Core, core_shell, random_alloy};
use clusterspec::structure::builders::{Shape, build};
use clusterspec::{
    Broadening, Element, EnergyGrid, Engine, Filling, LineShape, TbRequest, TightBinding,
};

fn main() -> anyhow::Result<()> {
    let au147 = build(&Shape::Icosahedron { shells: 3 }, Element::Au, None)?;
    let core_shell = core_shell(&au147, Element::Ag, Core::Shells(2))?; // Ag55 core
    let alloy = random_alloy(&au147, Element::Ag, 55.0 / 147.0, 42)?;
    let request = TbRequest {
        model: TightBinding::builtin("s")?,
        charge: 0,
        ligands: 0,
        filling: Filling::Integer,
        scc: None,
    };
    let broadening = Broadening::new(EnergyGrid::new(0.5, 4.0, 700)?, LineShape::Gaussian, 0.1)?;
    let engine = Engine::cpu();
    let spectrum = |c| -> anyhow::Result<_> {
        Ok(single_particle(c, &request, Rotatory::None, &broadening, &engine)?.spectrum)
    };
    let (a, b) = (spectrum(&core_shell)?, spectrum(&alloy)?);
    let header = RunHeader::new(vec!["example core_shell_vs_alloy".into()], &engine);
    let to = Destination::new(Path::new("core_shell_vs_alloy"), &header);
    let curves = [
        Overlay {
            label: "core–shell".into(),
            spectrum: &a,
            reference: None,
            per: 1.0,
        },
        Overlay {
            label: "random alloy (seed 42)".into(),
            spectrum: &b,
            reference: None,
            per: 1.0,
        },
    ];
    let title = "Ag55@Au92 core–shell vs random Au92Ag55 — s model, independent particles, Gaussian FWHM 0.10 eV".into();
    for f in write_overlay(&to, title, "ε", &curves)? {
        println!("wrote {}", f.display());
    }
    Ok(())
}
