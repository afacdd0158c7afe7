//! `clusterspec absorption FILE --out PREFIX`.

use std::path::PathBuf;

use clap::Args;

use clusterspec::Result;
use clusterspec::io::spectrum_files::write_calculation;
use clusterspec::job::{AbsorptionJob, AbsorptionSettings};
use clusterspec::structure::xyz::read_xyz;

use super::options::{BroadeningOptions, ModelOptions, RunOptions};
use super::progress::Bars;
use super::report::{print_notes, report_bands, warn_fallbacks, warn_fragments};
use super::response::ResponseOptions;

/// Arguments of `absorption`.
#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  \
    clusterspec absorption ag147.xyz --out ag147                      # RPA plasmon, s model\n  \
    clusterspec absorption ag147.xyz --response single --out ag147-sp # independent particles\n  \
    clusterspec absorption au25.xyz --ligands 18 --charge=-1 --response casida --out au25\n\n\
    The plot and table show the chosen response and, dashed, the single-particle \
    spectrum; densities are per unit energy.")]
pub struct AbsorptionArgs {
    /// Structure file (XYZ or extended XYZ), coordinates in Å.
    pub input: PathBuf,
    /// Output prefix: writes PREFIX.png, PREFIX.csv and PREFIX.json.
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub model: ModelOptions,
    #[command(flatten)]
    pub response: ResponseOptions,
    #[command(flatten)]
    pub broadening: BroadeningOptions,
    #[command(flatten)]
    pub run: RunOptions,
}

/// Runs the absorption command.
pub fn run(a: AbsorptionArgs, quiet: bool) -> Result<()> {
    let settings = AbsorptionSettings {
        model: a.model.settings(),
        response: a.response.settings(),
        broadening: a.broadening.settings()?,
    };
    let cluster = read_xyz(&a.input)?;
    warn_fragments(&cluster, &a.input);
    let job = AbsorptionJob::new(&cluster, a.input.display().to_string(), &settings)?;
    print_notes(&job.notes, &job.warnings, quiet);
    let job_notes = job.notes.len();
    a.run.check_memory(&job.memory()?)?;
    let engine = a.run.engine()?;
    let bars = Bars::new(quiet);
    let done = job.run(&engine, &bars)?;
    drop(bars);
    let (calc, spectra) = (done.calculation, done.spectra);
    warn_fallbacks(&engine);
    let header = a.run.header(&engine);
    let files = write_calculation(&a.run.destination(&a.out, &header), &calc, &spectra)?;
    let r = &calc.report;
    match r["sum_rule"]["commutator_value"].as_f64() {
        Some(commutator) => println!(
            "{} — {}: {} electrons; Σf = {:.4} (commutator: {:.4})",
            calc.system.title(),
            calc.model,
            r["electrons"]["electrons"],
            r["sum_rule"]["oscillator_strength_sum"]
                .as_f64()
                .unwrap_or(f64::NAN),
            commutator,
        ),
        None => println!(
            "{} — {}: {} electrons, {} orbitals; Σf = {:.4} over the single-particle pairs \
             (Mulliken dipoles)",
            calc.system.title(),
            calc.model,
            r["electrons"]["electrons"],
            r["orbitals"],
            r["oscillator_strength_sum"]["value"]
                .as_f64()
                .unwrap_or(f64::NAN),
        ),
    }
    for c in &calc.citations {
        println!("cite: {c}");
    }
    if let Some(gap) = r["homo_lumo_gap_ev"].as_f64() {
        println!("HOMO–LUMO gap {gap:.3} eV");
    }
    // Notes made after the run (a widened range) go with the results.
    for note in done.notes.iter().skip(job_notes) {
        println!("note: {note}");
    }
    report_bands(&calc, &spectra);
    for f in files {
        println!("wrote {}", f.display());
    }
    Ok(())
}
