//! `clusterspec absorption FILE --out PREFIX`.

use std::path::PathBuf;

use clap::Args;

use clusterspec::io::spectrum_files::write_calculation;
use clusterspec::model::tight_binding::Rotatory;
use clusterspec::response::{main_peak, spectra};
use clusterspec::structure::xyz::read_xyz;
use clusterspec::{Result, TightBindingSpectrum};

use super::options::{BroadeningOptions, ModelOptions, RunOptions, TIGHT_BINDING};
use super::progress::Bars;
use super::report::{peak_text, warn_fallbacks};

/// Arguments of `absorption`.
#[derive(Args, Debug)]
pub struct AbsorptionArgs {
    /// Structure file (XYZ or extended XYZ), coordinates in Å.
    pub input: PathBuf,
    /// Output prefix: writes PREFIX.png, PREFIX.csv and PREFIX.json.
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub model: ModelOptions,
    #[command(flatten)]
    pub broadening: BroadeningOptions,
    #[command(flatten)]
    pub run: RunOptions,
}

/// Runs the absorption command.
pub fn run(a: AbsorptionArgs, quiet: bool) -> Result<()> {
    let cluster = read_xyz(&a.input)?;
    let request = a.model.request()?;
    let broadening = a.broadening.broadening(&TIGHT_BINDING)?;
    let engine = a.run.engine()?;
    let model = TightBindingSpectrum {
        cluster: &cluster,
        source: a.input.display().to_string(),
        request: &request,
        rotatory: Rotatory::None,
    };
    let bars = Bars::new(quiet);
    let (ground, excited) = model.solve(&engine, &bars)?;
    let (sum_rule, gap) = (excited.sum_rule, ground.gap());
    let calc = model.calculation(&ground, excited, Vec::new());
    let spectra = spectra(&calc, &broadening, &engine)?;
    drop(bars);
    warn_fallbacks(&engine);
    let header = a.run.header(&engine);
    let files = write_calculation(&a.run.destination(&a.out, &header), &calc, &spectra)?;
    println!(
        "{}: {} electrons, {} orbitals, {} transitions; Σf = {:.4} (commutator: {:.4})",
        calc.system.title(),
        ground.electrons,
        ground.orbitals.energies.len(),
        calc.lines().map_or(0, |l| l.len()),
        sum_rule.oscillator_strength_sum,
        sum_rule.commutator_value
    );
    if let Some(gap) = gap {
        println!("HOMO–LUMO gap {gap:.3} eV");
    }
    match main_peak(&spectra[0]) {
        Some(p) => println!("strongest band in range: {}", peak_text(&p)),
        None => println!("no band maximum inside the energy range"),
    }
    for f in files {
        println!("wrote {}", f.display());
    }
    Ok(())
}
