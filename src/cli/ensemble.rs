//! `clusterspec sweep` (composition sweeps of random alloys) and
//! `clusterspec sites` (one dopant on each symmetry-distinct site).

use std::path::{Path, PathBuf};

use clap::Args;

use clusterspec::ensemble::{SweepRequest, run_configurations, summarise};
use clusterspec::io::csv::epsilon_table_csv;
use clusterspec::io::ensemble_files::write_sweep_files;
use clusterspec::io::{OutputSet, with_extension};
use clusterspec::plot::{Curve, SpectrumPlot, draw_spectrum};
use clusterspec::progress;
use clusterspec::structure::alloy::{core_of_count, substitute};
use clusterspec::structure::builders::{Shape, build};
use clusterspec::structure::sites::distinct_sites;
use clusterspec::structure::xyz::read_xyz;
use clusterspec::{Cluster, Element, Engine, Error, Result, absorption};

use super::common::{SpectrumOptions, describe};

/// Arguments of `sweep`.
#[derive(Args, Debug)]
pub struct SweepArgs {
    /// Base structure: an XYZ file, or a builder `icosahedron:K`,
    /// `cuboctahedron:K`, `octahedron:L`, `sphere:R` (of --element).
    pub base: String,
    /// Element of a built base.
    #[arg(long, default_value = "Au")]
    pub element: Element,
    /// The element alloyed in.
    #[arg(long, default_value = "Ag")]
    pub dopant: Element,
    /// Fractions of atoms replaced by the dopant, comma-separated.
    #[arg(long, default_value = "0,0.25,0.5,0.75,1", value_delimiter = ',')]
    pub compositions: Vec<f64>,
    /// Random configurations per composition.
    #[arg(long, default_value_t = 10)]
    pub configurations: usize,
    /// Seed of the whole sweep (each configuration's seed derives from it).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Also compute the core–shell particle of each composition (the dopant
    /// atoms nearest the centre) and plot it against the random alloy.
    #[arg(long)]
    pub core_shell: bool,
    /// Output prefix: PREFIX.png, PREFIX_peak.png, PREFIX.csv, PREFIX.json
    /// (PREFIX.partial.jsonl holds finished configurations until the end).
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub spectrum: SpectrumOptions,
}

/// Arguments of `sites`.
#[derive(Args, Debug)]
pub struct SitesArgs {
    /// Base structure: an XYZ file or a builder spec as for `sweep`.
    pub base: String,
    /// Element of a built base.
    #[arg(long, default_value = "Au")]
    pub element: Element,
    /// The dopant placed on each distinct site in turn.
    #[arg(long, default_value = "Ag")]
    pub dopant: Element,
    /// Output prefix: PREFIX.png, PREFIX.csv, PREFIX.json.
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub spectrum: SpectrumOptions,
}

/// An XYZ path, or `shape:size` for a builder.
pub fn parse_base(spec: &str, element: Element) -> Result<Cluster> {
    if Path::new(spec).exists() {
        return read_xyz(Path::new(spec));
    }
    let bad = || {
        Error::invalid(format!(
            "base `{spec}`: not a file, nor icosahedron:K, cuboctahedron:K, octahedron:L or sphere:R"
        ))
    };
    let (shape, size) = spec.split_once(':').ok_or_else(bad)?;
    let int = || size.parse::<usize>().map_err(|_| bad());
    let shape = match shape {
        "icosahedron" => Shape::Icosahedron { shells: int()? },
        "cuboctahedron" => Shape::Cuboctahedron { shells: int()? },
        "octahedron" => Shape::Octahedron {
            length: int()?,
            cutoff: 0,
        },
        "sphere" => Shape::Sphere {
            radius: size.parse().map_err(|_| bad())?,
        },
        _ => return Err(bad()),
    };
    build(&shape, element, None)
}

/// Runs `sweep`.
pub fn run_sweep(a: SweepArgs) -> Result<()> {
    let base = parse_base(&a.base, a.element)?;
    let req = SweepRequest {
        base,
        dopant: a.dopant,
        fractions: a.compositions.clone(),
        configurations: a.configurations,
        seed: a.seed,
        absorption: a.spectrum.request()?,
    };
    let engine = Engine::new(a.spectrum.backend)?;
    eprintln!("{}", engine.report());
    progress::set_quiet(true); // per-stage spinners would fight the bar
    let bar = progress::bar(0, "configurations");
    let checkpoint = a.out.with_extension("partial.jsonl");
    let configs = run_configurations(&req, &engine, &checkpoint, &bar)?;
    bar.finish_and_clear();
    let summaries = summarise(&req, &configs);
    let core_shell = if a.core_shell {
        let spectra = summaries
            .iter()
            .map(|s| {
                let c = core_of_count(&req.base, req.dopant, s.dopant_atoms)?;
                Ok(absorption(&c, &req.absorption, &engine)?.spectrum)
            })
            .collect::<Result<Vec<_>>>()?;
        Some(spectra)
    } else {
        None
    };
    let title = describe(
        &format!("{} + {}", req.base.formula(), req.dopant),
        &req.absorption,
    );
    let files = write_sweep_files(
        &a.out,
        &title,
        &req,
        &summaries,
        &configs,
        core_shell.as_deref(),
    )?;
    let _ = std::fs::remove_file(&checkpoint);
    for s in &summaries {
        match (s.mean_peak_energy, s.sd_peak_energy) {
            (Some(m), Some(sd)) => println!(
                "{} {:.2}: main peak {m:.3} ± {sd:.3} eV ({:.0} nm)",
                req.dopant,
                s.fraction,
                clusterspec::units::ev_to_nm(m)
            ),
            _ => println!("{} {:.2}: no absorption in range", req.dopant, s.fraction),
        }
    }
    for f in files {
        println!("wrote {}", f.display());
    }
    Ok(())
}

/// Runs `sites`.
pub fn run_sites(a: SitesArgs) -> Result<()> {
    let base = parse_base(&a.base, a.element)?;
    let req = a.spectrum.request()?;
    let engine = Engine::new(a.spectrum.backend)?;
    eprintln!("{}", engine.report());
    let classes = distinct_sites(&base, 1e-3);
    let mut rows = Vec::new();
    for (k, class) in classes.iter().enumerate() {
        let doped = substitute(&base, class.atoms[0], a.dopant)?;
        let r = absorption(&doped, &req, &engine)?;
        let band: f64 = r
            .orbitals
            .energies
            .iter()
            .zip(&r.occupations)
            .map(|(e, n)| e * n)
            .sum();
        rows.push((format!("site {k}: {}", class.describe()), band, r.spectrum));
    }
    let lowest = rows.iter().map(|r| r.1).fold(f64::INFINITY, f64::min);
    let mut out = OutputSet::new();
    let plot = SpectrumPlot {
        title: describe(
            &format!("{}: one {} per distinct site", base.formula(), a.dopant),
            &req,
        ),
        y_quantity: "ε".into(),
        y_unit: "M⁻¹ cm⁻¹".into(),
        x_range: (req.grid.start, req.grid.end),
        curves: rows
            .iter()
            .map(|(l, _, s)| Curve {
                label: l.clone(),
                energy: &s.energy_ev,
                values: &s.epsilon,
                spread: None,
            })
            .collect(),
        note: "ε per unit energy".into(),
        ..Default::default()
    };
    draw_spectrum(&plot, &out.stage(&with_extension(&a.out, "png")))?;
    let labels: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    let spectra: Vec<_> = rows.iter().map(|r| &r.2).collect();
    out.write(
        &with_extension(&a.out, "csv"),
        epsilon_table_csv(&labels, &spectra).as_bytes(),
    )?;
    let json = serde_json::json!({
        "base": base.formula(),
        "dopant": a.dopant.to_string(),
        "units": "band energy eV (sum of n_i E_i); relative to the lowest",
        "sites": classes.iter().zip(&rows).map(|(c, r)| serde_json::json!({
            "atoms": c.atoms, "radius_angstrom": c.radius, "coordination": c.coordination,
            "band_energy_ev": r.1, "relative_energy_ev": r.1 - lowest,
            "peak_energy_ev": r.2.peak_energy(),
        })).collect::<Vec<_>>(),
    });
    out.write(&with_extension(&a.out, "json"), json.to_string().as_bytes())?;
    for (label, band, _) in &rows {
        println!(
            "{label}: band energy {:+.4} eV relative to the lowest",
            band - lowest
        );
    }
    for f in out.commit()? {
        println!("wrote {}", f.display());
    }
    Ok(())
}
