//! Where quantum size effects end: the surface plasmon of silver particles
//! from 1 to 10 nm in vacuum, classical (Mie theory with the measured
//! dielectric function, with and without the surface damping A v_F/R)
//! against the atomistic collective response (s tight binding, RPA with d
//! dipoles, Ag55 … Ag561) and spherical jellium (TDLDA with a d
//! background). Writes quantum_vs_classical_silver.png (band energy against
//! diameter) and quantum_vs_classical_silver_mie_compare.png (Ag309 against
//! the Mie sphere of as many atoms, both per atom; with the sphere's own
//! quantum_vs_classical_silver_mie.png, .csv and .json).

use std::path::Path;

use clusterspec::classical::spectra;
use clusterspec::io::classical_files::{Comparison, Labelled, write_classical};
use clusterspec::io::header::RunHeader;
use clusterspec::io::spectrum_files::Destination;
use clusterspec::jellium::{self, JelliumSpec};
use clusterspec::model::tight_binding::SccOptions;
use clusterspec::optics::DataSet;
use clusterspec::optics::particle::{ClassicalRequest, Distribution, Material, Method, Particle};
use clusterspec::plot::{Series, SeriesPlot, draw_series};
use clusterspec::response::{main_peak, spectra as broadened};
use clusterspec::rpa::{RpaOptions, RpaSpectrum};
use clusterspec::structure::builders::{Shape, build};
use clusterspec::{
    Broadening, Element, EnergyGrid, Engine, LineShape, Model, Silent, TbRequest, TightBinding,
};

/// The diameter (nm) of a silver sphere of `atoms` atoms.
fn diameter(atoms: f64) -> f64 {
    let v = Material::parse("Ag").unwrap().atomic_volume_nm3();
    (6.0 * atoms * v / std::f64::consts::PI).cbrt()
}

fn mie(d: f64, damping_a: f64) -> ClassicalRequest {
    ClassicalRequest {
        particle: Particle::sphere(Material::parse("Ag").unwrap(), d),
        medium_index: 1.0,
        damping_a,
        data: DataSet::JohnsonChristy,
        method: Method::Mie,
        distribution: Distribution::Single,
    }
}

fn main() -> anyhow::Result<()> {
    let engine = Engine::cpu();
    let wavelengths: Vec<f64> = (0..=450).map(|k| 250.0 + k as f64).collect();
    // Classical: 1 … 10 nm.
    let sizes: Vec<f64> = (2..=20).map(|k| 0.5 * k as f64).collect();
    let mut classical = Vec::new();
    for a in [1.0, 0.0] {
        let requests: Vec<ClassicalRequest> = sizes.iter().map(|&d| mie(d, a)).collect();
        let points = spectra(&requests, &wavelengths, &engine)?
            .iter()
            .zip(&sizes)
            .filter_map(|(s, &d)| s.bands().first().map(|b| (d, b.energy_ev)))
            .collect::<Vec<_>>();
        classical.push(points);
    }
    // Tight binding, RPA with d dipoles, on self-consistent charges.
    let broadening = Broadening::new(EnergyGrid::new(2.0, 5.5, 701)?, LineShape::Lorentzian, 0.1)?;
    let request = TbRequest {
        scc: Some(SccOptions::default()),
        ..TbRequest::new(TightBinding::builtin("s")?)
    };
    let mut atomistic = Vec::new();
    let mut ag309 = None;
    for shells in 2..=5 {
        let cluster = build(&Shape::Icosahedron { shells }, Element::Ag, None)?;
        let model = RpaSpectrum {
            cluster: &cluster,
            source: "built-in Mackay icosahedron".into(),
            request: &request,
            options: RpaOptions::default(),
        };
        let calc = model.compute(&engine, &broadening, &Silent)?;
        let s = broadened(&calc, &broadening, &engine)?.remove(0);
        if let Some(p) = main_peak(&s) {
            atomistic.push((diameter(cluster.len() as f64), p.energy_ev));
        }
        if cluster.len() == 309 {
            ag309 = Some((cluster.len(), s));
        }
    }
    // Jellium, closed shells.
    let material = jellium::Material::element("Ag")?;
    let mut jellium_points = Vec::new();
    for n in [58, 138, 254, 440, 556, 832, 1100] {
        let ground = jellium::ground_state(&JelliumSpec::new(material.clone(), n))?;
        let mut options = jellium::ResponseOptions::new();
        options.d_background = material.d_background;
        if let Some(e) = jellium::optics(&engine, &ground, &options)?.centroid_ev {
            jellium_points.push((diameter(n as f64), e));
        }
    }
    let plot = SeriesPlot {
        title: "Silver in vacuum: surface plasmon against diameter, classical and quantum".into(),
        x_label: "diameter (nm)".into(),
        y_label: "band energy (eV)".into(),
        series: vec![
            Series {
                label: "Mie, Johnson & Christy, surface damping A = 1".into(),
                points: classical[0].clone(),
            },
            Series {
                label: "Mie, bulk damping only (A = 0)".into(),
                points: classical[1].clone(),
            },
            Series {
                label: "tight binding (s), RPA with d dipoles: Ag55–Ag561".into(),
                points: atomistic,
            },
            Series {
                label: "jellium TDLDA with d background: 58–1100 electrons".into(),
                points: jellium_points,
            },
        ],
        references: Vec::new(),
    };
    draw_series(&plot, Path::new("quantum_vs_classical_silver.png"))?;
    println!("wrote quantum_vs_classical_silver.png");

    // Ag309 against the Mie sphere of the same number of atoms, per atom.
    let (atoms, s) = ag309.expect("Ag309 computed");
    let request = mie(diameter(atoms as f64), 1.0);
    let classical = spectra(std::slice::from_ref(&request), &wavelengths, &engine)?.remove(0);
    let comparison = Comparison {
        label: "Ag309, s tight binding, RPA with d dipoles (FWHM 0.1 eV)".into(),
        cross_section_per_atom_nm2: s
            .cross_section
            .iter()
            .map(|v| v / 100.0 / atoms as f64)
            .collect(),
        energy_ev: s.energy_ev,
    };
    let header = RunHeader::new(vec!["example quantum_vs_classical_silver".into()], &engine);
    let to = Destination::new(Path::new("quantum_vs_classical_silver_mie"), &header);
    let items = [Labelled {
        label: request.particle.describe(),
        request: &request,
        spectrum: &classical,
    }];
    let title = format!("Ag {:.2} nm in vacuum", request.particle.core_diameter_nm);
    for f in write_classical(&to, &title, &items, None, Some(&comparison))? {
        println!("wrote {}", f.display());
    }
    Ok(())
}
