//! `clusterspec jellium --element Na --atoms 20 --out PREFIX`.

use std::path::PathBuf;

use clap::Args;

use clusterspec::engine::BackendChoice;
use clusterspec::io::jellium_files::write_jellium_files;
use clusterspec::jellium::{DBackground, JelliumSpec, Kernel, Material, OpticsRequest};
use clusterspec::progress::Stage;
use clusterspec::units::{HARTREE_EV, ev_to_nm};
use clusterspec::{EnergyGrid, Engine, Error, Result, jellium};

use super::common::ShapeName;

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
    /// Number of atoms N (jellium radius R = r_s (vN)^{1/3}).
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
    pub kernel: Kernel,
    /// Largest particle–hole energy kept, eV.
    #[arg(long, default_value_t = 13.6)]
    pub max_excitation: f64,
    /// Line width: full width at half maximum, eV.
    #[arg(long, default_value_t = 0.1)]
    pub fwhm: f64,
    /// Line shape.
    #[arg(long, value_enum, default_value = "lorentzian")]
    pub lineshape: ShapeName,
    /// Photon-energy range MIN:MAX in eV.
    #[arg(long, value_name = "MIN:MAX", default_value = "0.5:6.0")]
    pub range: String,
    /// Number of grid points across the range.
    #[arg(long, default_value_t = 1101)]
    pub points: usize,
    /// Radial grid spacing, bohr.
    #[arg(long, default_value_t = 0.1)]
    pub step: f64,
    /// Linear mixing fraction of the self-consistency (Anderson) mixer.
    #[arg(long, default_value_t = 0.3)]
    pub mixing: f64,
    /// Where the Casida matrix and the broadening run.
    #[arg(long, value_enum, default_value = "auto")]
    pub backend: BackendChoice,
    /// Also write SVGs of the plots.
    #[arg(long)]
    pub svg: bool,
}

fn material(a: &JelliumArgs) -> Result<Material> {
    if a.element.is_some() && a.valence.is_some() {
        return Err(Error::invalid(
            "jellium: --valence goes with --rs; the built-in elements have their own",
        ));
    }
    let mut m = match (&a.element, a.rs) {
        (Some(e), _) => Material::element(e)?,
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

fn request(a: &JelliumArgs, m: &Material) -> Result<OpticsRequest> {
    let bad = || {
        Error::invalid(format!(
            "--range `{}`: expected MIN:MAX in eV, e.g. 0.5:6.0",
            a.range
        ))
    };
    let (lo, hi) = a.range.split_once(':').ok_or_else(bad)?;
    let lo: f64 = lo.trim().parse().map_err(|_| bad())?;
    let hi: f64 = hi.trim().parse().map_err(|_| bad())?;
    if !(a.fwhm.is_finite() && a.fwhm > 0.0) {
        return Err(Error::invalid(format!(
            "--fwhm {} eV must be positive",
            a.fwhm
        )));
    }
    if !(a.max_excitation.is_finite() && a.max_excitation > 0.0) {
        return Err(Error::invalid(format!(
            "--max-excitation {} eV must be positive",
            a.max_excitation
        )));
    }
    Ok(OpticsRequest {
        d_background: m.d_background,
        max_excitation_ev: a.max_excitation,
        kernel: a.kernel,
        grid: EnergyGrid::new(lo, hi, a.points)?,
        shape: match a.lineshape {
            ShapeName::Gaussian => clusterspec::LineShape::Gaussian,
            ShapeName::Lorentzian => clusterspec::LineShape::Lorentzian,
            ShapeName::Voigt => clusterspec::LineShape::PseudoVoigt { eta: 0.5 },
        },
        fwhm: a.fwhm,
    })
}

/// Runs the jellium command.
pub fn run(a: JelliumArgs) -> Result<()> {
    let m = material(&a)?;
    let req = request(&a, &m)?;
    let mut spec = JelliumSpec::new(m, a.atoms);
    spec.charge = a.charge;
    spec.step_bohr = a.step;
    spec.mixing = a.mixing;
    let engine = Engine::new(a.backend)?;
    eprintln!("{}", engine.report());
    let ground = {
        let _s = Stage::start(format!(
            "self-consistent LDA for {} electrons",
            spec.electrons()
        ));
        jellium::ground_state(&spec)?
    };
    let optics = {
        let _s = Stage::start("particle–hole space, Casida matrix, spectra");
        jellium::optics(&engine, &ground, &req)?
    };
    let files = write_jellium_files(&a.out, &ground, &optics, &req, &engine.report(), a.svg)?;
    let name = format!("{}{}", spec.material.name, spec.atoms);
    println!(
        "{name}: {} electrons, R = {:.2} bohr, self-consistent in {} iterations (residual {:.1e} hartree), spill-out {:.2} electrons",
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
    println!(
        "{} particle–hole pairs; Σf = {:.3} (single particle {:.3}, of N_e = {})",
        optics.pairs,
        optics.coupled.strength_sum(),
        optics.single.strength_sum(),
        spec.electrons()
    );
    if let Some(p) = optics.plasmon_ev {
        println!(
            "plasmon (f-centroid below 1.25 × classical) {p:.3} eV ({:.0} nm); classical {:.3} eV",
            ev_to_nm(p),
            optics.classical_ev
        );
    }
    for f in files {
        println!("wrote {}", f.display());
    }
    Ok(())
}
