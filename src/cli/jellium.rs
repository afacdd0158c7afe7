//! `clusterspec jellium --element Na --atoms 20 --out PREFIX`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use clusterspec::Result;
use clusterspec::io::spectrum_files::write_calculation;
use clusterspec::jellium::Coupling;
use clusterspec::job::jellium::{JelliumJob, JelliumSettings};
use clusterspec::units::{HARTREE_EV, ev_to_nm};

use super::options::{BroadeningOptions, RunOptions};
use super::progress::Bars;
use super::report::{print_notes, report_bands, warn_fallbacks};

/// Coupling names on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum KernelName {
    /// Coulomb (Hartree) plus the adiabatic LDA exchange–correlation kernel.
    Tdlda,
    /// No coupling: the single-particle spectrum through the same solver.
    Off,
}

/// Arguments of `jellium`.
#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  \
    clusterspec jellium --element Na --atoms 20 --out na20\n  \
    clusterspec jellium --element Ag --atoms 92 --no-d --out ag92-s-only\n  \
    clusterspec jellium --rs 2.07 --valence 3 --atoms 40 --out al40\n\n\
    Energies in eV (hartree inside), lengths in bohr; the plasmon printed is the \
    oscillator-strength centroid of the TDLDA lines below 1.25 × the classical resonance.")]
pub struct JelliumArgs {
    /// Metal: Na, K, Cu, Ag or Au (r_s 3.93, 4.86, 2.67, 3.02, 3.01 bohr;
    /// Ag and Au with their d background). Or give --rs and --valence.
    #[arg(long, required_unless_present = "rs")]
    pub element: Option<String>,
    /// Wigner–Seitz radius per valence electron, bohr (any metal).
    #[arg(long, requires = "valence", conflicts_with = "element")]
    pub rs: Option<f64>,
    /// Valence electrons per atom (with --rs).
    #[arg(long)]
    pub valence: Option<u32>,
    /// Number of atoms N, 1 … 3000 (jellium radius R = r_s (vN)^{1/3}).
    #[arg(long)]
    pub atoms: usize,
    /// Net charge in e (N_e = vN − charge; an anion is --charge=-1).
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    pub charge: i32,
    /// Output prefix: writes PREFIX.png, PREFIX_levels.png, PREFIX.csv, PREFIX.json.
    #[arg(long)]
    pub out: PathBuf,
    /// Switch the d-electron background of Ag and Au off.
    #[arg(long)]
    pub no_d: bool,
    /// Dielectric constant ε_d of the d background (default: Ag 4.22, Au 10.53;
    /// also adds a background to any other metal).
    #[arg(long, conflicts_with = "no_d")]
    pub eps_d: Option<f64>,
    /// Thickness of the surface layer without d polarisation, bohr (default 2.0).
    #[arg(long, conflicts_with = "no_d")]
    pub d_skin: Option<f64>,
    /// Coupling: `tdlda` (Coulomb + LDA xc kernel) or `off` (single particle).
    #[arg(long, value_enum, default_value = "tdlda")]
    pub kernel: KernelName,
    /// Largest particle–hole energy kept, eV (at most 100; with the atom
    /// count it sets the pairs, at most about 10 000).
    #[arg(long, default_value_t = 13.6)]
    pub max_excitation: f64,
    /// Radial grid spacing, bohr.
    #[arg(long, default_value_t = 0.1)]
    pub step: f64,
    /// Linear mixing fraction of the self-consistency (Anderson) mixer.
    #[arg(long, default_value_t = 0.3)]
    pub mixing: f64,
    #[command(flatten)]
    pub broadening: BroadeningOptions,
    #[command(flatten)]
    pub run: RunOptions,
}

/// Runs the jellium command.
pub fn run(a: JelliumArgs, quiet: bool) -> Result<()> {
    let settings = JelliumSettings {
        element: a.element.clone(),
        rs: a.rs,
        valence: a.valence,
        atoms: a.atoms,
        charge: a.charge,
        no_d: a.no_d,
        eps_d: a.eps_d,
        d_skin: a.d_skin,
        coupling: match a.kernel {
            KernelName::Tdlda => Coupling::Tdlda,
            KernelName::Off => Coupling::Off,
        },
        max_excitation: a.max_excitation,
        step: a.step,
        mixing: a.mixing,
        broadening: a.broadening.settings()?,
    };
    let job = JelliumJob::new(&settings)?;
    print_notes(&[], &job.warnings, quiet);
    let (bytes, breakdown) = job.memory();
    a.run.check_peak(
        bytes,
        &breakdown,
        "use fewer --atoms or a smaller --max-excitation",
    )?;
    let engine = a.run.engine()?;
    let bars = Bars::new(quiet);
    let spec = job.spec().clone();
    let done = job.run(&engine, &bars)?;
    drop(bars);
    warn_fallbacks(&engine);
    let header = a.run.header(&engine);
    let (ground, calc) = (&done.ground, &done.calculation);
    let files = write_calculation(&a.run.destination(&a.out, &header), calc, &done.spectra)?;
    println!(
        "{}: {} electrons, R = {:.2} bohr, self-consistent in {} iterations (residual {:.1e} hartree), spill-out {:.2} electrons",
        calc.system.title(),
        spec.electrons(),
        spec.radius(),
        ground.report.iterations,
        ground.report.residuals.last().copied().unwrap_or(0.0),
        ground.spill_out()
    );
    if let (Some(ef), Some(gap)) = (ground.fermi_level(), ground.gap()) {
        println!(
            "Fermi level {:.3} eV, HOMO–LUMO gap {:.3} eV",
            ef * HARTREE_EV,
            gap * HARTREE_EV
        );
    }
    let (pairs, (coupled, single)) = (done.pairs, done.strength_sum);
    let (plasmon, classical) = (done.plasmon_ev, done.classical_ev);
    println!(
        "{pairs} particle–hole pairs; Σf = {coupled:.3} (single particle {single:.3}, of N_e = {})",
        spec.electrons()
    );
    if let Some(p) = plasmon {
        println!(
            "plasmon (the band holding the most oscillator strength) {p:.3} eV ({:.0} nm); classical {classical:.3} eV",
            ev_to_nm(p),
        );
    }
    report_bands(calc, &done.spectra);
    for f in files {
        println!("wrote {}", f.display());
    }
    Ok(())
}
