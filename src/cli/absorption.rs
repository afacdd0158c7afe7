//! `clusterspec absorption FILE --out PREFIX`.

use std::path::PathBuf;

use clap::Args;

use clusterspec::io::absorption_files::write_absorption_files;
use clusterspec::structure::xyz::read_xyz;
use clusterspec::units::ev_to_nm;
use clusterspec::{Engine, Result, absorption};

use super::common::{SpectrumOptions, describe};

/// Arguments of `absorption`.
#[derive(Args, Debug)]
pub struct AbsorptionArgs {
    /// Structure file (XYZ or extended XYZ), coordinates in Å.
    pub input: PathBuf,
    /// Output prefix: writes PREFIX.png, PREFIX.csv and PREFIX.json.
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub spectrum: SpectrumOptions,
}

/// Runs the absorption command.
pub fn run(a: AbsorptionArgs) -> Result<()> {
    let cluster = read_xyz(&a.input)?;
    let req = a.spectrum.request()?;
    let engine = Engine::new(a.spectrum.backend)?;
    eprintln!("{}", engine.report());
    let result = absorption(&cluster, &req, &engine)?;
    let name = cluster.formula();
    let files = write_absorption_files(
        &a.out,
        describe(&name, &req),
        &a.input.display().to_string(),
        &cluster,
        &req,
        &result,
        &engine.report(),
        a.spectrum.svg,
    )?;
    println!(
        "{name}: {} electrons, {} orbitals, {} transitions; Σf = {:.4} (commutator: {:.4})",
        result.electrons,
        result.orbitals.energies.len(),
        result.transitions.len(),
        result.sum_rule.oscillator_strength_sum,
        result.sum_rule.commutator_value
    );
    if let Some(gap) = result.gap {
        println!("HOMO–LUMO gap {gap:.3} eV");
    }
    match result.spectrum.peak_energy() {
        Some(e) => println!(
            "strongest absorption in range at {e:.3} eV ({:.0} nm)",
            ev_to_nm(e)
        ),
        None => println!("no absorption inside the energy range"),
    }
    for f in files {
        println!("wrote {}", f.display());
    }
    Ok(())
}
