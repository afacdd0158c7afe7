//! Gold clusters against Mie theory: the absorption per atom of Au55 …
//! Au923 icosahedra (s tight binding, RPA with frequency-dependent d
//! dipoles, Lorentzian 0.1 eV) beside Mie spheres of the same number of
//! atoms in vacuum (Johnson & Christy, surface damping A = 1). Writes
//! gold_size_vs_mie.png and prints each cluster's strongest band.

use std::path::Path;

use clusterspec::classical::spectra as mie_spectra;
use clusterspec::model::tight_binding::SccOptions;
use clusterspec::optics::DataSet;
use clusterspec::optics::particle::{ClassicalRequest, Distribution, Material, Method, Particle};
use clusterspec::plot::{Curve, SpectrumPlot, draw_spectrum};
use clusterspec::response::{main_peak, spectra};
use clusterspec::rpa::{RpaOptions, RpaSpectrum};
use clusterspec::structure::builders::{Shape, build};
use clusterspec::{
    Broadening, Element, EnergyGrid, Engine, LineShape, Model, Silent, TbRequest, TightBinding,
};

fn main() -> anyhow::Result<()> {
    let engine = Engine::cpu();
    let broadening = Broadening::new(EnergyGrid::new(1.5, 5.0, 351)?, LineShape::Lorentzian, 0.1)?;
    let request = TbRequest {
        scc: Some(SccOptions::default()),
        ..TbRequest::new(TightBinding::builtin("s")?)
    };
    let gold = Material::parse("Au")?;
    // (label, energies eV, σ per atom Å², dashed)
    let mut curves: Vec<(String, Vec<f64>, Vec<f64>, bool)> = Vec::new();
    for shells in 2..=6 {
        let cluster = build(&Shape::Icosahedron { shells }, Element::Au, None)?;
        let n = cluster.len() as f64;
        let model = RpaSpectrum {
            cluster: &cluster,
            source: "built-in Mackay icosahedron".into(),
            request: &request,
            options: RpaOptions::default(),
        };
        let calc = model.compute(&engine, &broadening, &Silent)?;
        let s = spectra(&calc, &broadening, &engine)?.remove(0);
        if let Some(p) = main_peak(&s) {
            println!(
                "Au{}: strongest band {:.2} eV, ε per atom {:.3e} M⁻¹ cm⁻¹",
                cluster.len(),
                p.energy_ev,
                p.epsilon / n
            );
        }
        let per_atom = s.cross_section.iter().map(|v| v / n).collect();
        curves.push((
            format!("Au{} RPA", cluster.len()),
            s.energy_ev,
            per_atom,
            false,
        ));
        if shells == 4 || shells == 6 {
            // The Mie sphere holding as many atoms, in vacuum.
            let d = (6.0 * n * gold.atomic_volume_nm3() / std::f64::consts::PI).cbrt();
            let mie = ClassicalRequest {
                particle: Particle::sphere(gold, d),
                medium_index: 1.0,
                damping_a: 1.0,
                data: DataSet::JohnsonChristy,
                method: Method::Mie,
                distribution: Distribution::Single,
            };
            let wavelengths: Vec<f64> = (0..=350).map(|k| 250.0 + 1.6 * k as f64).collect();
            let m = mie_spectra(std::slice::from_ref(&mie), &wavelengths, &engine)?.remove(0);
            // Ascending energies; nm² per particle → Å² per atom.
            let energy: Vec<f64> = m.energy_ev.iter().rev().copied().collect();
            let sigma: Vec<f64> = m
                .absorption_nm2
                .iter()
                .rev()
                .map(|v| v * 100.0 / n)
                .collect();
            curves.push((
                format!("Mie {d:.2} nm (as many atoms)"),
                energy,
                sigma,
                true,
            ));
        }
    }
    let plot = SpectrumPlot {
        title: "Gold: Au55 … Au923 (s TB, RPA, ε_ib(ω) d dipoles) against Mie, in vacuum".into(),
        y_quantity: "σ per atom".into(),
        y_unit: "Å²".into(),
        x_range: (1.5, 5.0),
        curves: curves
            .iter()
            .map(|(label, e, v, dashed)| Curve {
                label: label.clone(),
                energy: e,
                values: v,
                spread: None,
                dashed: *dashed,
                colour: None,
            })
            .collect(),
        note: "absorption cross-sections per atom; Mie: Johnson & Christy, A = 1".into(),
        ..Default::default()
    };
    draw_spectrum(&plot, Path::new("gold_size_vs_mie.png"))?;
    println!("wrote gold_size_vs_mie.png");
    Ok(())
}
