//! `clusterspec cd`, `clusterspec emission` and `clusterspec mirror`.

use std::path::PathBuf;

use clap::Args;

use clusterspec::io::emission_files::{lifetime_text, write_emission};
use clusterspec::io::spectrum_files::write_calculation;
use clusterspec::io::write_xyz;
use clusterspec::model::tight_binding::Rotatory;
use clusterspec::response::emission::{BOLTZMANN_CUTOFF_KT, EmissionModel, emission};
use clusterspec::response::{spectra, spectrum};
use clusterspec::rpa::memory::estimate;
use clusterspec::structure::xyz::read_xyz;
use clusterspec::units::KB_EV_PER_K;
use clusterspec::{Error, Model, Result, TightBindingSpectrum};

use super::options::{BroadeningOptions, ModelOptions, RunOptions, TIGHT_BINDING};
use super::progress::Bars;
use super::report::{report_bands, sig3, warn_fallbacks, warn_fragments};

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
    let request = a.model.request(false)?;
    let broadening = a.broadening.broadening(&TIGHT_BINDING)?;
    a.run
        .check_memory(&estimate(&cluster, &request, None, &broadening)?)?;
    let engine = a.run.engine()?;
    let model = TightBindingSpectrum {
        cluster: &cluster,
        source: a.input.display().to_string(),
        request: &request,
        rotatory: Rotatory::All,
    };
    let bars = Bars::new(quiet);
    let calc = model.compute(&engine, &broadening, &bars)?;
    let widened = a.broadening.widened(&calc, &broadening, &TIGHT_BINDING)?;
    let broadening = match &widened {
        Some((b, _)) => *b,
        None => broadening,
    };
    let spectra = spectra(&calc, &broadening, &engine)?;
    drop(bars);
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
    if let Some((_, note)) = widened {
        println!("{note}");
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
    let request = a.model.request(false)?;
    let default_broadening = a.broadening.broadening(&TIGHT_BINDING)?;
    let em_model = EmissionModel {
        reorganisation: a.reorganisation,
        vibronic: a.huang_rhys.zip(a.mode),
        temperature: a.emission_temperature,
        refractive_index: a.refractive_index,
        line_shape: default_broadening.shape,
        fwhm: default_broadening.fwhm,
    };
    em_model.validate()?;
    a.run
        .check_memory(&estimate(&cluster, &request, None, &default_broadening)?)?;
    let engine = a.run.engine()?;
    let kt = KB_EV_PER_K * a.emission_temperature;
    let model = TightBindingSpectrum {
        cluster: &cluster,
        source: a.input.display().to_string(),
        request: &request,
        rotatory: Rotatory::Lowest {
            window_ev: if kt > 0.0 {
                BOLTZMANN_CUTOFF_KT * kt
            } else {
                1e-6
            },
        },
    };
    let bars = Bars::new(quiet);
    let calc = model.compute(&engine, &default_broadening, &bars)?;
    let lines = calc.lines().cloned().unwrap_or_default();
    let Some(&lowest) = lines.energy.first() else {
        return Err(Error::invalid(format!(
            "{}: no transitions, so no emission",
            a.input.display()
        )));
    };
    // Default window: 1 eV below the emission to 3 eV above the emitting state.
    let broadening = if a.broadening.range.is_none() {
        let lo = (lowest - 2.0 * a.reorganisation - 1.0).max(0.05);
        a.broadening.on_range((lo, lowest + 3.0), &TIGHT_BINDING)?
    } else {
        default_broadening
    };
    let absorption = spectrum(&calc.main().response, &broadening, &engine)?;
    let em = emission(&lines, &broadening.grid, em_model)?;
    drop(bars);
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
