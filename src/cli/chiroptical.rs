//! `clusterspec cd`, `clusterspec emission` and `clusterspec mirror`.

use std::path::PathBuf;

use clap::Args;

use clusterspec::Result;
use clusterspec::io::emission_files::{lifetime_text, write_emission};
use clusterspec::io::spectrum_files::write_calculation;
use clusterspec::io::write_xyz;
use clusterspec::job::chiroptical::{CdJob, EmissionJob, EmissionSettings};
use clusterspec::structure::xyz::read_xyz;

use super::options::{BroadeningOptions, ModelOptions, RunOptions};
use super::progress::Bars;
use super::report::{print_notes, report_bands, sig3, warn_fallbacks, warn_fragments};

/// Arguments of `cd`.
#[derive(Args, Debug)]
pub struct CdArgs {
    /// Structure file (XYZ), coordinates in Å.
    pub input: PathBuf,
    /// Output prefix: PREFIX.png (absorption above, CD below), .csv, .json.
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub model: ModelOptions,
    #[command(flatten)]
    pub broadening: BroadeningOptions,
    #[command(flatten)]
    pub run: RunOptions,
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
    pub model: ModelOptions,
    #[command(flatten)]
    pub broadening: BroadeningOptions,
    #[command(flatten)]
    pub run: RunOptions,
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
pub fn run_cd(a: CdArgs, quiet: bool) -> Result<()> {
    let cluster = read_xyz(&a.input)?;
    warn_fragments(&cluster, &a.input);
    let job = CdJob::new(
        &cluster,
        a.input.display().to_string(),
        &a.model.settings(),
        &a.broadening.settings()?,
    )?;
    print_notes(&[], &job.warnings, quiet);
    a.run.check_memory(&job.memory()?)?;
    let engine = a.run.engine()?;
    let bars = Bars::new(quiet);
    let done = job.run(&engine, &bars)?;
    drop(bars);
    let (calc, spectra) = (done.calculation, done.spectra);
    warn_fallbacks(&engine);
    let header = a.run.header(&engine);
    let files = write_calculation(&a.run.destination(&a.out, &header), &calc, &spectra)?;
    let rotatory = calc
        .lines()
        .map(|l| &l.rotatory_strength[..])
        .unwrap_or(&[]);
    let r_abs: f64 = rotatory.iter().map(|r| r.abs()).fold(0.0, f64::max);
    let r_sum: f64 = rotatory.iter().sum();
    println!(
        "{}: {} single-particle transitions (no collective response); largest |R| = {}, ΣR = {} (10⁻⁴⁰ esu² cm²)",
        calc.system.title(),
        rotatory.len(),
        sig3(r_abs),
        sig3(r_sum)
    );
    for note in &done.notes {
        println!("note: {note}");
    }
    report_bands(&calc, &spectra);
    for f in files {
        println!("wrote {}", f.display());
    }
    Ok(())
}

/// Runs `emission`.
pub fn run_emission(a: EmissionArgs, quiet: bool) -> Result<()> {
    let cluster = read_xyz(&a.input)?;
    warn_fragments(&cluster, &a.input);
    let emission = EmissionSettings {
        reorganisation: a.reorganisation,
        vibronic: a.huang_rhys.zip(a.mode),
        temperature: a.emission_temperature,
        refractive_index: a.refractive_index,
    };
    let job = EmissionJob::new(
        &cluster,
        a.input.display().to_string(),
        &a.model.settings(),
        &a.broadening.settings()?,
        &emission,
    )?;
    print_notes(&[], &job.warnings, quiet);
    a.run.check_memory(&job.memory()?)?;
    let engine = a.run.engine()?;
    let bars = Bars::new(quiet);
    let done = job.run(&engine, &bars)?;
    drop(bars);
    let (calc, absorption, em) = (done.calculation, done.absorption, done.emission);
    warn_fallbacks(&engine);
    let header = a.run.header(&engine);
    let files = write_emission(&a.run.destination(&a.out, &header), &calc, &absorption, &em)?;
    println!(
        "{}: {} emitting single-particle state(s) (no collective response) from {:.3} eV; emission maximum {}; radiative rate {} s⁻¹, lifetime {}; g_lum {}",
        calc.system.title(),
        em.states.len(),
        em.states[0].energy,
        em.peak_energy
            .map(|e| format!("{e:.3} eV"))
            .unwrap_or_else(|| "outside the range".into()),
        sig3(em.radiative_rate),
        lifetime_text(em.radiative_lifetime),
        sig3(em.g_lum.unwrap_or(0.0))
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
