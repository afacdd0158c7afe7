//! Command-line definitions (clap) and dispatch. The library never prints
//! and never names a flag; this module does both.

mod absorption;
mod build;
mod chiroptical;
mod demo;
mod ensemble;
mod info;
mod jellium;
mod mie;
mod mie_compare;
mod options;
mod progress;
pub mod report;
mod response;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use clusterspec::Result;

/// Optical spectra of metal nanoclusters from tight-binding and jellium
/// models.
///
/// Typical session:
///
///   clusterspec build icosahedron --element Ag --shells 3 -o ag147.xyz
///   clusterspec absorption ag147.xyz --model s --fwhm 0.1 --out ag147
///
/// Lengths are in Å, energies in eV, wavelengths in nm; every width is a
/// full width at half maximum (FWHM).
#[derive(Parser, Debug)]
#[command(name = "clusterspec", version, about, long_about, verbatim_doc_comment)]
pub struct Cli {
    /// No progress bars or spinners.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build a cluster (icosahedron, octahedron, decahedron, fcc sphere...),
    /// optionally alloy it, and write it as XYZ.
    Build(build::BuildArgs),
    /// Compute the UV-vis absorption spectrum of an XYZ structure and write
    /// PREFIX.png, PREFIX.csv and PREFIX.json.
    Absorption(absorption::AbsorptionArgs),
    /// Circular dichroism: absorption and Δε (velocity-gauge rotatory
    /// strengths of the single-particle transitions, no collective
    /// response) on one energy axis; writes PREFIX.png, .csv, .json.
    Cd(chiroptical::CdArgs),
    /// Photoluminescence from the single-particle transitions (Kasha's rule,
    /// Stokes shift, vibronic progression; no collective response),
    /// radiative rate, lifetime and g_lum; writes PREFIX.png, .csv, .json.
    Emission(chiroptical::EmissionArgs),
    /// Composition sweep of random alloys: seeded configurations per
    /// composition, mean spectra with ±1σ bands, the main peak against
    /// composition, optionally core–shell against random; resumable.
    Sweep(ensemble::SweepArgs),
    /// One dopant on each symmetry-distinct site: spectra and energy ordering.
    Sites(ensemble::SitesArgs),
    /// Write the mirror image (x → −x) of a structure: the other enantiomer.
    Mirror(chiroptical::MirrorArgs),
    /// Spherical jellium (Na, K, Cu, Ag, Au or any r_s): self-consistent
    /// LDA levels and the TDLDA (Casida) dipole spectrum with its surface
    /// plasmon; writes PREFIX.png, PREFIX_levels.png, PREFIX.csv, PREFIX.json.
    Jellium(jellium::JelliumArgs),
    /// Classical optics of nanoparticles: extinction, scattering and
    /// absorption of Au, Ag, Cu, Au–Ag alloy and core–shell spheres in a
    /// medium (Mie theory, measured optical constants), against
    /// wavelength; writes PREFIX.png, PREFIX.csv, PREFIX.json.
    Mie(mie::MieArgs),
    /// Write example spectra of built-in clusters (no input needed).
    Demo(demo::DemoArgs),
    /// List the GPU adapters with their limits and features, and say which
    /// backend `--backend auto` picks.
    Info(info::InfoArgs),
}

/// The files a command reads, which no output of the run may replace.
fn inputs(command: &Command) -> Vec<PathBuf> {
    let model = |m: &options::ModelOptions| m.params.iter().cloned().collect::<Vec<_>>();
    let base = |spec: &str| {
        let p = PathBuf::from(spec);
        if p.exists() { vec![p] } else { Vec::new() }
    };
    match command {
        Command::Absorption(a) => [vec![a.input.clone()], model(&a.model)].concat(),
        Command::Cd(a) => [vec![a.input.clone()], model(&a.model)].concat(),
        Command::Emission(a) => [vec![a.input.clone()], model(&a.model)].concat(),
        Command::Mirror(a) => vec![a.input.clone()],
        Command::Sweep(a) => [base(&a.base), model(&a.model)].concat(),
        Command::Sites(a) => [base(&a.base), model(&a.model)].concat(),
        Command::Build(a) => a.from.iter().cloned().collect(),
        Command::Mie(a) => a
            .compare
            .iter()
            .flat_map(|c| [c.clone(), mie_compare::json_beside(c)])
            .collect(),
        Command::Demo(a) => model(&a.model),
        Command::Jellium(_) | Command::Info(_) => Vec::new(),
    }
}

/// Runs the chosen subcommand, after checking that its outputs can be
/// written and replace none of its inputs.
pub fn run(cli: Cli) -> Result<()> {
    let quiet = cli.quiet;
    for input in inputs(&cli.command) {
        clusterspec::io::protect_input(&input);
    }
    let out = match &cli.command {
        Command::Absorption(a) => Some(&a.out),
        Command::Cd(a) => Some(&a.out),
        Command::Emission(a) => Some(&a.out),
        Command::Sweep(a) => Some(&a.out),
        Command::Sites(a) => Some(&a.out),
        Command::Jellium(a) => Some(&a.out),
        Command::Mie(a) => Some(&a.out),
        _ => None,
    };
    if let Some(prefix) = out {
        clusterspec::io::check_prefix(prefix)?;
    }
    let file = match &cli.command {
        Command::Build(a) => Some(a.output.clone()),
        Command::Mirror(a) => Some(a.output.clone()),
        // Any file of the folder stands for all of them.
        Command::Demo(a) => Some(a.out_dir.join("demo.png")),
        _ => None,
    };
    if let Some(file) = file {
        clusterspec::io::check_not_input(&file)?;
        clusterspec::io::check_writable(&file)?;
    }
    match cli.command {
        Command::Build(a) => build::run(a),
        Command::Mie(a) => mie::run(a),
        Command::Absorption(a) => absorption::run(a, quiet),
        Command::Cd(a) => chiroptical::run_cd(a, quiet),
        Command::Emission(a) => chiroptical::run_emission(a, quiet),
        Command::Mirror(a) => chiroptical::run_mirror(a),
        Command::Sweep(a) => ensemble::run_sweep(a, quiet),
        Command::Sites(a) => ensemble::run_sites(a, quiet),
        Command::Jellium(a) => jellium::run(a, quiet),
        Command::Demo(a) => demo::run(a, quiet),
        Command::Info(a) => info::run(a),
    }
}
