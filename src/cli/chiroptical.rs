//! `clusterspec cd`, `clusterspec emission` and `clusterspec mirror`.

use std::path::PathBuf;

use clap::Args;

use clusterspec::io::chiroptical_files::{
    RunInfo, lifetime_text, write_cd_files, write_emission_files,
};
use clusterspec::pipeline::circular_dichroism;
use clusterspec::pipeline::emission_of;
use clusterspec::spectrum::absorption_spectrum;
use clusterspec::spectrum::emission::EmissionModel;
use clusterspec::structure::xyz::{read_xyz, write_xyz};
use clusterspec::{EnergyGrid, Engine, Error, Result, absorption};

use super::common::{SpectrumOptions, describe};

/// Arguments of `cd`.
#[derive(Args, Debug)]
pub struct CdArgs {
    /// Structure file (XYZ), coordinates in Å.
    pub input: PathBuf,
    /// Output prefix: PREFIX.png (absorption above, CD below), .csv, .json.
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub spectrum: SpectrumOptions,
}

/// Arguments of `emission`.
#[derive(Args, Debug)]
pub struct EmissionArgs {
    /// Structure file (XYZ), coordinates in Å.
    pub input: PathBuf,
    /// Output prefix: PREFIX.png (normalised absorption and emission), .csv, .json.
    #[arg(long)]
    pub out: PathBuf,
    /// Reorganisation energy λ in eV; the Stokes shift is 2λ.
    #[arg(long, default_value_t = 0.1)]
    pub reorganisation: f64,
    /// Huang–Rhys factor S of a vibronic progression (give --mode too).
    #[arg(long, requires = "mode")]
    pub huang_rhys: Option<f64>,
    /// Vibrational quantum ħω of the progression, eV (give --huang-rhys too).
    #[arg(long, requires = "huang_rhys")]
    pub mode: Option<f64>,
    /// Temperature of the emitting population, K.
    #[arg(long, default_value_t = 298.15)]
    pub emission_temperature: f64,
    /// Refractive index of the medium (radiative rates scale with n²).
    #[arg(long, default_value_t = 1.0)]
    pub refractive_index: f64,
    #[command(flatten)]
    pub spectrum: SpectrumOptions,
}

/// Arguments of `mirror`.
#[derive(Args, Debug)]
pub struct MirrorArgs {
    /// Structure file (XYZ).
    pub input: PathBuf,
    /// Output XYZ: the mirror image (x → −x), the other enantiomer.
    #[arg(long, short)]
    pub output: PathBuf,
}

/// Runs `cd`.
pub fn run_cd(a: CdArgs) -> Result<()> {
    let cluster = read_xyz(&a.input)?;
    let req = a.spectrum.request()?;
    let engine = Engine::new(a.spectrum.backend)?;
    eprintln!("{}", engine.report());
    let cd = circular_dichroism(&cluster, &req, &engine)?;
    let name = cluster.formula();
    let run = RunInfo {
        prefix: &a.out,
        title: describe(&name, &req),
        source: &a.input.display().to_string(),
        cluster: &cluster,
        request: &req,
        backend: &engine.report(),
        svg: a.spectrum.svg,
    };
    let files = write_cd_files(&run, &cd)?;
    let r_abs: f64 = cd.rotatory.iter().map(|r| r.abs()).fold(0.0, f64::max);
    let r_sum: f64 = cd.rotatory.iter().sum();
    println!(
        "{name}: {} transitions; largest |R| = {r_abs:.4e}, ΣR = {r_sum:.3e} (10⁻⁴⁰ esu² cm²)",
        cd.rotatory.len()
    );
    for f in files {
        println!("wrote {}", f.display());
    }
    Ok(())
}

/// Runs `emission`.
pub fn run_emission(a: EmissionArgs) -> Result<()> {
    let cluster = read_xyz(&a.input)?;
    let req = a.spectrum.request()?;
    let model = EmissionModel {
        reorganisation: a.reorganisation,
        vibronic: a.huang_rhys.zip(a.mode),
        temperature: a.emission_temperature,
        refractive_index: a.refractive_index,
        line_shape: req.line_shape,
        fwhm: req.fwhm,
    };
    model.validate()?;
    let engine = Engine::new(a.spectrum.backend)?;
    eprintln!("{}", engine.report());
    let mut abs = absorption(&cluster, &req, &engine)?;
    let Some(lowest) = abs.transitions.first().map(|t| t.energy) else {
        return Err(Error::invalid(format!(
            "{}: no transitions, so no emission",
            a.input.display()
        )));
    };
    let mut req = req;
    if a.spectrum.range.is_none() {
        // Default window: 1 eV below the emission to 3 eV above the emitting state.
        let lo = (lowest - 2.0 * a.reorganisation - 1.0).max(0.05);
        req.grid = EnergyGrid::new(lo, lowest + 3.0, req.grid.points)?;
        let energies: Vec<f64> = abs.transitions.iter().map(|t| t.energy).collect();
        let weights: Vec<f64> = abs
            .transitions
            .iter()
            .map(|t| t.oscillator_strength)
            .collect();
        let density = engine.broaden(&energies, &weights, &req.grid, req.line_shape, req.fwhm)?;
        abs.spectrum = absorption_spectrum(req.grid, req.line_shape, req.fwhm, density);
    }
    let em = emission_of(&abs, &req.grid, model)?;
    let name = cluster.formula();
    let run = RunInfo {
        prefix: &a.out,
        title: format!(
            "{} — emission, λ = {:.2} eV",
            describe(&name, &req),
            a.reorganisation
        ),
        source: &a.input.display().to_string(),
        cluster: &cluster,
        request: &req,
        backend: &engine.report(),
        svg: a.spectrum.svg,
    };
    let files = write_emission_files(&run, &abs, &em)?;
    println!(
        "{name}: {} emitting state(s) from {:.3} eV; emission maximum {}; radiative rate {:.3e} s⁻¹, lifetime {}; g_lum {:.2e}",
        em.states.len(),
        em.states[0].energy,
        em.peak_energy
            .map(|e| format!("{e:.3} eV"))
            .unwrap_or_else(|| "outside the range".into()),
        em.radiative_rate,
        lifetime_text(em.radiative_lifetime),
        em.g_lum.unwrap_or(0.0)
    );
    for f in files {
        println!("wrote {}", f.display());
    }
    Ok(())
}

/// Runs `mirror`.
pub fn run_mirror(a: MirrorArgs) -> Result<()> {
    let cluster = read_xyz(&a.input)?;
    write_xyz(&cluster.mirrored(), &a.output)?;
    println!(
        "wrote {} (mirror image of {}, x → −x)",
        a.output.display(),
        a.input.display()
    );
    Ok(())
}
