//! Au25(SR)18⁻ as an 8-electron superatom (s model, idealised framework):
//! the undoped cluster, Au24Ag with the Ag on each distinct site (centre,
//! icosahedral surface, staple), and Au19Ag6 with the six Ag on core-surface
//! sites (a random choice, seed 7). Writes one absorption PNG and one
//! emission PNG comparing them.

use clusterspec::model::tight_binding::{Rotatory, single_particle};
use clusterspec::plot::{Curve, SpectrumPlot, draw_spectrum};
use clusterspec::response::emission::{EmissionModel, emission};
use clusterspec::structure::molecular::{Au25Site, au25, au25_doped};
use clusterspec::{
    Broadening, Element, EnergyGrid, Engine, Filling, LineShape, TbRequest, TightBinding,
};
use rand::SeedableRng;
use rand::seq::SliceRandom;

fn main() -> anyhow::Result<()> {
    let mut core_sites: Vec<usize> = (1..13).collect();
    core_sites.shuffle(&mut rand_chacha::ChaCha8Rng::seed_from_u64(7));
    let clusters = vec![
        ("Au25".to_string(), au25()),
        (
            "Au24Ag (centre)".to_string(),
            au25_doped(Element::Ag, &[Au25Site::Centre.index()])?,
        ),
        (
            "Au24Ag (core surface)".to_string(),
            au25_doped(Element::Ag, &[Au25Site::Core.index()])?,
        ),
        (
            "Au24Ag (staple)".to_string(),
            au25_doped(Element::Ag, &[Au25Site::Staple.index()])?,
        ),
        (
            "Au19Ag6 (core surface)".to_string(),
            au25_doped(Element::Ag, &core_sites[..6])?,
        ),
    ];
    let grid = EnergyGrid::new(0.2, 3.5, 1000)?;
    let broadening = Broadening::new(grid, LineShape::Gaussian, 0.1)?;
    let req = TbRequest {
        model: TightBinding::builtin("s")?,
        charge: -1,
        ligands: 18, // Au25(SR)18⁻: 25 − 18 + 1 = 8 electrons
        filling: Filling::Integer,
        scc: None,
    };
    let model = EmissionModel {
        reorganisation: 0.1,
        vibronic: Some((1.0, 0.02)), // a low-frequency Au–Au breathing progression
        temperature: 298.15,
        refractive_index: 1.33,
        line_shape: LineShape::Gaussian,
        fwhm: 0.1,
    };
    let engine = Engine::cpu();
    let (mut eps, mut em) = (Vec::new(), Vec::new());
    for (label, c) in &clusters {
        let r = single_particle(c, &req, Rotatory::None, &broadening, &engine)?;
        let e = emission(&r.excited.lines, &grid, model)?;
        println!(
            "{label}: {} electrons, HOMO–LUMO {:.3} eV, emission maximum {:.3} eV, τ_rad {:.0} ns",
            r.ground.electrons,
            r.ground.gap().unwrap_or(0.0),
            e.peak_energy.unwrap_or(f64::NAN),
            e.radiative_lifetime * 1e9
        );
        eps.push(r.spectrum.epsilon);
        em.push(e.intensity);
    }
    let energies = grid.energies();
    for (file, quantity, unit, data) in [
        ("au25_doping_absorption.png", "ε", "M⁻¹ cm⁻¹", &eps),
        (
            "au25_doping_emission.png",
            "normalised emission",
            "per eV",
            &em,
        ),
    ] {
        let plot = SpectrumPlot {
            title:
                "Au25(SR)18⁻ and Ag dopants — s model, independent particles, Gaussian FWHM 0.10 eV"
                    .into(),
            y_quantity: quantity.into(),
            y_unit: unit.into(),
            x_range: (grid.start, grid.end),
            curves: clusters
                .iter()
                .zip(data.iter())
                .map(|((label, _), values)| Curve {
                    label: label.clone(),
                    energy: &energies,
                    values,
                    spread: None,
                    dashed: false,
                    colour: None,
                })
                .collect(),
            note: "densities per unit energy".into(),
            ..Default::default()
        };
        draw_spectrum(&plot, std::path::Path::new(file))?;
        println!("wrote {file}");
    }
    Ok(())
}
