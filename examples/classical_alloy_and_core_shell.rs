//! Random alloy against core–shell, classically: 20 nm Au–Ag alloy spheres
//! from silver to gold (one band moving with composition), and 20 nm Ag
//! cores under gold shells of growing thickness (the silver band damped, a
//! second band growing), in water. Writes classical_alloy.png,
//! classical_alloy_band.png, classical_core_shell.png,
//! classical_core_shell_band.png (with their CSV and JSON).

use std::path::Path;

use clusterspec::Engine;
use clusterspec::classical::spectra;
use clusterspec::io::classical_files::{Labelled, write_classical};
use clusterspec::io::header::RunHeader;
use clusterspec::io::spectrum_files::Destination;
use clusterspec::optics::particle::{ClassicalRequest, Material, Particle};

fn write(
    name: &str,
    title: &str,
    axis: &str,
    fractions: &[f64],
    requests: &[ClassicalRequest],
) -> anyhow::Result<()> {
    let engine = Engine::cpu();
    let wavelengths: Vec<f64> = (0..=500).map(|k| 300.0 + k as f64).collect();
    let computed = spectra(requests, &wavelengths, &engine)?;
    let items: Vec<Labelled> = requests
        .iter()
        .zip(&computed)
        .map(|(r, s)| Labelled {
            label: r.particle.describe(),
            request: r,
            spectrum: s,
        })
        .collect();
    for (l, x) in items.iter().zip(fractions) {
        let bands: Vec<String> = l
            .spectrum
            .bands()
            .iter()
            .map(|b| format!("{:.0} nm", b.wavelength_nm))
            .collect();
        println!("{axis} {x:.2} ({}): bands {}", l.label, bands.join(", "));
    }
    let header = RunHeader::new(
        vec![format!("example classical_alloy_and_core_shell ({name})")],
        &engine,
    );
    let to = Destination::new(Path::new(name), &header);
    for f in write_classical(&to, title, &items, Some((axis, fractions)), None)? {
        println!("wrote {}", f.display());
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let fractions: Vec<f64> = (0..=5).map(|k| k as f64 / 5.0).collect();
    let alloys: Vec<ClassicalRequest> = fractions
        .iter()
        .map(|&gold| {
            ClassicalRequest::in_water(Particle::sphere(Material::GoldSilver { gold }, 20.0))
        })
        .collect();
    write(
        "classical_alloy",
        "Au–Ag alloy spheres, 20 nm, in water",
        "atomic fraction of Au",
        &fractions,
        &alloys,
    )?;
    let (ag, au) = (Material::parse("Ag")?, Material::parse("Au")?);
    let shells = [0.0, 0.5, 1.0, 2.0, 3.0, 4.0];
    let core_shell: Vec<ClassicalRequest> = shells
        .iter()
        .map(|&t| {
            ClassicalRequest::in_water(Particle {
                shells: vec![(au, t)],
                ..Particle::sphere(ag, 20.0 - 2.0 * t)
            })
        })
        .collect();
    write(
        "classical_core_shell",
        "Ag@Au core–shell spheres, outer diameter 20 nm, in water",
        "Au shell thickness (nm)",
        &shells,
        &core_shell,
    )
}
