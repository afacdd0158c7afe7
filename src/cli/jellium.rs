//! `clusterspec jellium --element Na --atoms 20 --out PREFIX`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use clusterspec::io::spectrum_files::write_calculation;
use clusterspec::jellium::pairs::{expected_pairs, memory_bytes};
use clusterspec::jellium::{
    Coupling, DBackground, JelliumSpec, JelliumSpectrum, Material, ResponseOptions,
};
use clusterspec::response::spectra;
use clusterspec::rpa::memory::{BASELINE_BYTES, grid_bytes};
use clusterspec::units::{HARTREE_EV, ev_to_nm};
use clusterspec::{Error, Result};

use super::options::{BroadeningOptions, JELLIUM, RunOptions};
use super::progress::Bars;
use super::report::{report_bands, warn_fallbacks};

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
    /// Largest particle–hole energy kept, eV.
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

fn material(a: &JelliumArgs) -> Result<Material> {
    if a.element.is_some() && a.valence.is_some() {
        return Err(Error::invalid(
            "jellium: --valence goes with --rs; the built-in elements have their own",
        ));
    }
    let mut m = match (&a.element, a.rs) {
        (Some(e), _) => Material::element(e).map_err(|e| {
            Error::invalid(format!(
                "{e} (or give --rs and --valence for any other metal)"
            ))
        })?,
        (None, Some(rs)) => Material::custom(rs, a.valence.unwrap_or(1))?,
        (None, None) => return Err(Error::invalid("jellium: give --element or --rs")),
    };
    if a.no_d {
        m.d_background = None;
    } else if a.eps_d.is_some() || a.d_skin.is_some() {
        let base = m.d_background.unwrap_or(DBackground {
            epsilon: 1.0,
            skin_bohr: 2.0,
        });
        m.d_background = Some(DBackground {
            epsilon: a.eps_d.unwrap_or(base.epsilon),
            skin_bohr: a.d_skin.unwrap_or(base.skin_bohr),
        });
    }
    Ok(m)
}

/// Runs the jellium command.
pub fn run(a: JelliumArgs, quiet: bool) -> Result<()> {
    let m = material(&a)?;
    let broadening = a.broadening.broadening(&JELLIUM)?;
    let options = ResponseOptions {
        d_background: m.d_background,
        max_excitation_ev: a.max_excitation,
        coupling: match a.kernel {
            KernelName::Tdlda => Coupling::Tdlda,
            KernelName::Off => Coupling::Off,
        },
    };
    let mut spec = JelliumSpec::new(m, a.atoms);
    spec.charge = a.charge;
    spec.step_bohr = a.step;
    spec.mixing = a.mixing;
    spec.check()?;
    if !(a.max_excitation.is_finite() && a.max_excitation > 0.0) {
        return Err(Error::setting(
            "max_excitation",
            a.max_excitation,
            "the largest particle–hole energy must be a positive number of eV",
        ));
    }
    let pairs = expected_pairs(spec.electrons(), a.max_excitation);
    a.run.check_peak(
        memory_bytes(spec.electrons(), a.max_excitation)
            .saturating_add(grid_bytes(&broadening))
            .saturating_add(BASELINE_BYTES),
        &format!("Casida matrix of about {pairs:.0} particle–hole pairs"),
        "use fewer --atoms or a smaller --max-excitation",
    )?;
    let engine = a.run.engine()?;
    let model = JelliumSpectrum { spec, options };
    let bars = Bars::new(quiet);
    let (ground, optics) = model.solve(&engine, &bars)?;
    let summary = (
        optics.pairs,
        optics.coupled.strength_sum(),
        optics.single.strength_sum(),
        optics.plasmon_ev,
        optics.classical_ev,
    );
    let calc = model.calculation(&ground, optics);
    let spectra = spectra(&calc, &broadening, &engine)?;
    drop(bars);
    warn_fallbacks(&engine);
    let header = a.run.header(&engine);
    let files = write_calculation(&a.run.destination(&a.out, &header), &calc, &spectra)?;
    let spec = &model.spec;
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
    let (pairs, coupled, single, plasmon, classical) = summary;
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
    report_bands(&calc, &spectra);
    for f in files {
        println!("wrote {}", f.display());
    }
    Ok(())
}
