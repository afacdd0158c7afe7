//! `clusterspec demo`: spectra of built-in clusters, no input needed.

use std::path::{Path, PathBuf};

use clap::Args;

use clusterspec::io::csv::epsilon_table_csv;
use clusterspec::io::jellium_files::write_jellium_files;
use clusterspec::io::{OutputSet, with_extension};
use clusterspec::jellium::{self, JelliumSpec, Material, OpticsRequest};
use clusterspec::plot::{Curve, SpectrumPlot, draw_spectrum};
use clusterspec::structure::alloy::random_alloy;
use clusterspec::structure::builders::{Shape, build};
use clusterspec::{
    AbsorptionRequest, AbsorptionSpectrum, Cluster, Element, Engine, Result, absorption,
};

use super::common::{SpectrumOptions, describe};

/// Arguments of `demo`.
#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Folder for the PNG and CSV files (created if missing).
    #[arg(long, default_value = "clusterspec-demo")]
    pub out_dir: PathBuf,
    #[command(flatten)]
    pub spectrum: SpectrumOptions,
}

/// One curve of a demo plot.
struct Entry {
    label: String,
    spectrum: AbsorptionSpectrum,
    /// Divide ε by this (1, or the atom count for per-atom plots).
    per: f64,
}

/// Runs the demo: three tight-binding plots, each with a CSV of its curves,
/// and the jellium files of Na20.
pub fn run(a: DemoArgs) -> Result<()> {
    std::fs::create_dir_all(&a.out_dir).map_err(|e| clusterspec::Error::io(&a.out_dir, e))?;
    let req = a.spectrum.request()?;
    let engine = Engine::new(a.spectrum.backend)?;
    eprintln!("{}", engine.report());
    let ico = |el: Element, shells| build(&Shape::Icosahedron { shells }, el, None);

    // 1. Composition: Au55, Ag55 and a 50:50 random alloy.
    let au55 = ico(Element::Au, 2)?;
    let alloy = random_alloy(&au55, Element::Ag, 0.5, 1)?;
    let set = [
        ("Au55", au55.clone()),
        ("Ag55", ico(Element::Ag, 2)?),
        ("Au/Ag 50:50 random (seed 1)", alloy),
    ];
    let entries = spectra(&set, &req, &engine, false)?;
    let title = describe("Au55, Ag55 and their random alloy", &req);
    write_plot(
        &a.out_dir.join("demo_au_ag_alloy"),
        title,
        "ε",
        &entries,
        &req,
        a.spectrum.svg,
    )?;

    // 2. Size series of Ag icosahedra, per atom.
    let sizes: Vec<(String, Cluster)> = (1..=4)
        .map(|k| ico(Element::Ag, k).map(|c| (format!("Ag{}", c.len()), c)))
        .collect::<Result<_>>()?;
    let set: Vec<(&str, Cluster)> = sizes.iter().map(|(l, c)| (l.as_str(), c.clone())).collect();
    let entries = spectra(&set, &req, &engine, true)?;
    let title = describe("Ag icosahedra, size series", &req);
    let prefix = a.out_dir.join("demo_ag_size_series");
    write_plot(&prefix, title, "ε per atom", &entries, &req, a.spectrum.svg)?;

    // 3. The two models on Au55.
    let mut entries = Vec::new();
    for model in ["s", "spd"] {
        let mut r = req.clone();
        r.model = clusterspec::TightBinding::builtin(model)?;
        let res = absorption(&au55, &r, &engine)?;
        entries.push(Entry {
            label: format!("Au55, {model} model"),
            spectrum: res.spectrum,
            per: 1.0,
        });
    }
    let title = format!(
        "Au55: s-band vs spd tight binding — {} FWHM {:.2} eV",
        req.line_shape.name(),
        req.fwhm
    );
    write_plot(
        &a.out_dir.join("demo_au55_models"),
        title,
        "ε",
        &entries,
        &req,
        a.spectrum.svg,
    )?;

    // 4. The jellium model: Na20's levels and its TDLDA surface plasmon.
    let na = Material::element("Na")?;
    let ground = jellium::ground_state(&JelliumSpec::new(na, 20))?;
    let jreq = OpticsRequest::new();
    let optics = jellium::optics(&engine, &ground, &jreq)?;
    write_jellium_files(
        &a.out_dir.join("demo_jellium_na20"),
        &ground,
        &optics,
        &jreq,
        &engine.report(),
        a.spectrum.svg,
    )?;
    Ok(())
}

fn spectra(
    set: &[(&str, Cluster)],
    req: &AbsorptionRequest,
    engine: &Engine,
    per_atom: bool,
) -> Result<Vec<Entry>> {
    set.iter()
        .map(|(label, c)| {
            let res = absorption(c, req, engine)?;
            Ok(Entry {
                label: label.to_string(),
                spectrum: res.spectrum,
                per: if per_atom { c.len() as f64 } else { 1.0 },
            })
        })
        .collect()
}

fn write_plot(
    prefix: &Path,
    title: String,
    quantity: &str,
    entries: &[Entry],
    req: &AbsorptionRequest,
    svg: bool,
) -> Result<()> {
    let scaled: Vec<Vec<f64>> = entries
        .iter()
        .map(|e| e.spectrum.epsilon.iter().map(|v| v / e.per).collect())
        .collect();
    let plot = SpectrumPlot {
        title,
        y_quantity: quantity.into(),
        y_unit: "M⁻¹ cm⁻¹".into(),
        x_range: (req.grid.start, req.grid.end),
        curves: entries
            .iter()
            .zip(&scaled)
            .map(|(e, v)| Curve {
                label: e.label.clone(),
                energy: &e.spectrum.energy_ev,
                values: v,
                spread: None,
            })
            .collect(),
        sticks: None,
        note: "ε per unit energy (densities on the energy axis)".into(),
        markers: Vec::new(),
    };
    let mut out = OutputSet::new();
    draw_spectrum(&plot, &out.stage(&with_extension(prefix, "png")))?;
    if svg {
        draw_spectrum(&plot, &out.stage(&with_extension(prefix, "svg")))?;
    }
    let labels: Vec<String> = entries.iter().map(|e| e.label.clone()).collect();
    let spectra: Vec<&AbsorptionSpectrum> = entries.iter().map(|e| &e.spectrum).collect();
    out.write(
        &with_extension(prefix, "csv"),
        epsilon_table_csv(&labels, &spectra).as_bytes(),
    )?;
    for f in out.commit()? {
        println!("wrote {}", f.display());
    }
    Ok(())
}
