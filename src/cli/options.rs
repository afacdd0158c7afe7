//! Options shared by the commands and how they become library requests:
//! the broadening (one `--range` grammar for every command), the
//! tight-binding model and electrons, the backend and the outputs.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use clusterspec::engine::BackendChoice;
use clusterspec::io::header::RunHeader;
use clusterspec::io::spectrum_files::Destination;
use clusterspec::model::dftb::{DftbRequest, DftbScc, DftbSet};
use clusterspec::model::tight_binding::SccOptions;
use clusterspec::response::Calculation;
use clusterspec::response::groups::first_bright;
use clusterspec::rpa::memory::{MemoryEstimate, available_memory};
use clusterspec::solve::occupation::MAX_TEMPERATURE_K;
use clusterspec::units::bytes_text;
use clusterspec::{
    Broadening, EnergyGrid, Engine, Error, Filling, LineShape, Result, TbRequest, TightBinding,
};

/// Line-shape names on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ShapeName {
    Gaussian,
    Lorentzian,
    /// Pseudo-Voigt: η·Lorentzian + (1 − η)·Gaussian, see --eta.
    Voigt,
}

/// Backend names on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum BackendName {
    /// A hardware GPU when there is one, else the CPU.
    Auto,
    /// The first GPU adapter, hardware or software (lavapipe).
    Gpu,
    /// The CPU (f64 reference path).
    Cpu,
}

/// A command's own defaults for the broadening options.
pub struct BroadeningDefaults {
    pub range: (f64, f64),
    pub points: usize,
    pub shape: ShapeName,
    pub fwhm: f64,
}

/// Tight-binding defaults: Gaussian FWHM 0.1 eV on 1–6 eV (207–1240 nm).
pub const TIGHT_BINDING: BroadeningDefaults = BroadeningDefaults {
    range: (1.0, 6.0),
    points: 1000,
    shape: ShapeName::Gaussian,
    fwhm: 0.1,
};

/// Collective-response defaults: Lorentzian FWHM 0.1 eV on 1–6 eV (the
/// frequency route's line shape is its damping, a Lorentzian).
pub const RESPONSE: BroadeningDefaults = BroadeningDefaults {
    range: (1.0, 6.0),
    points: 1000,
    shape: ShapeName::Lorentzian,
    fwhm: 0.1,
};

/// Jellium defaults: Lorentzian FWHM 0.1 eV on 0.5–6 eV.
pub const JELLIUM: BroadeningDefaults = BroadeningDefaults {
    range: (0.5, 6.0),
    points: 1101,
    shape: ShapeName::Lorentzian,
    fwhm: 0.1,
};

/// Where and how lines are broadened.
#[derive(Args, Debug, Clone)]
pub struct BroadeningOptions {
    /// Line width: full width at half maximum, eV [default: 0.1].
    #[arg(long)]
    pub fwhm: Option<f64>,
    /// Line shape [default: gaussian; jellium: lorentzian].
    #[arg(long, value_enum)]
    pub lineshape: Option<ShapeName>,
    /// Lorentzian fraction η of the pseudo-Voigt line shape (0..1).
    #[arg(long, default_value_t = 0.5)]
    pub eta: f64,
    /// Photon-energy range MIN:MAX in eV [default: 1:6, i.e. 207–1240 nm;
    /// jellium 0.5:6; emission: around the emitting state].
    #[arg(long, value_name = "MIN:MAX")]
    pub range: Option<String>,
    /// Number of grid points across the range [default: 1000; jellium 1101].
    #[arg(long)]
    pub points: Option<usize>,
}

impl BroadeningOptions {
    /// The range from --range, or `default` (eV).
    pub fn range(&self, default: (f64, f64)) -> Result<(f64, f64)> {
        let Some(text) = &self.range else {
            return Ok(default);
        };
        let bad = || {
            Error::invalid(format!(
                "--range `{text}`: expected MIN:MAX in eV, e.g. 1.0:6.0"
            ))
        };
        let (lo, hi) = text.split_once(':').ok_or_else(bad)?;
        let lo: f64 = lo.trim().parse().map_err(|_| bad())?;
        let hi: f64 = hi.trim().parse().map_err(|_| bad())?;
        Ok((lo, hi))
    }

    /// The line shape from --lineshape and --eta.
    pub fn shape(&self, default: ShapeName) -> LineShape {
        match self.lineshape.unwrap_or(default) {
            ShapeName::Gaussian => LineShape::Gaussian,
            ShapeName::Lorentzian => LineShape::Lorentzian,
            ShapeName::Voigt => LineShape::PseudoVoigt { eta: self.eta },
        }
    }

    /// When no --range was given and the first bright line of `calc`'s
    /// main component lies below the start of `b`, the broadening on a
    /// range starting three widths below that line (rounded down to
    /// 0.1 eV, at least 0.1 eV), and a note saying so.
    pub fn widened(
        &self,
        calc: &Calculation,
        b: &Broadening,
        d: &BroadeningDefaults,
    ) -> Result<Option<(Broadening, String)>> {
        let first = calc.main().response.lines().and_then(first_bright);
        let Some(first) = first.filter(|&e| self.range.is_none() && e < b.grid.start) else {
            return Ok(None);
        };
        let start = ((first - 3.0 * b.fwhm) * 10.0).floor().max(1.0) / 10.0;
        let widened = self.on_range((start, b.grid.end), d)?;
        let note = format!(
            "note: the range starts at {start:.1} eV (the default start is {:.1} eV) to show the \
             first bright transition, at {first:.3} eV; --range sets it",
            b.grid.start
        );
        Ok(Some((widened, note)))
    }

    /// The broadening on the range `range` (eV).
    /// Warns (once) when the line width is below twice the grid spacing.
    pub fn on_range(&self, range: (f64, f64), d: &BroadeningDefaults) -> Result<Broadening> {
        let grid = EnergyGrid::new(range.0, range.1, self.points.unwrap_or(d.points))?;
        let b = Broadening::new(grid, self.shape(d.shape), self.fwhm.unwrap_or(d.fwhm))?;
        let spacing = (grid.end - grid.start) / (grid.points - 1) as f64;
        if b.fwhm < 2.0 * spacing {
            static WARNED: std::sync::Once = std::sync::Once::new();
            WARNED.call_once(|| {
                eprintln!(
                    "warning: the line width (--fwhm {} eV) is below twice the grid spacing \
                     ({spacing:.3e} eV): the curve undersamples its lines, so heights and \
                     widths on the plot are off (the band table's f values are summed from \
                     the lines); use more --points or a larger --fwhm",
                    b.fwhm
                )
            });
        }
        Ok(b)
    }

    /// The broadening with the command's defaults.
    pub fn broadening(&self, d: &BroadeningDefaults) -> Result<Broadening> {
        self.on_range(self.range(d.range)?, d)
    }
}

/// The tight-binding model and the electrons in it.
#[derive(Args, Debug, Clone)]
pub struct ModelOptions {
    /// Model: `s` (tight binding, one s orbital per atom, Hückel), `spd`
    /// (tight binding, Slater–Koster s, p, d) or `dftb` (density-functional
    /// tight binding from Slater–Koster files, every atom of the ligands in
    /// the Hamiltonian; the shipped set is auorg-1-1: Au, S, C, H, N, O).
    #[arg(long, default_value = "s")]
    pub model: String,
    /// With --model dftb: a folder of Slater–Koster files A-B.skf (mio,
    /// 3ob, your own) instead of the shipped auorg-1-1.
    #[arg(long, value_name = "DIR")]
    pub skf: Option<PathBuf>,
    /// Your own parameter file (TOML, same format as data/tb_s.toml); replaces
    /// the built-in set of --model.
    #[arg(long, value_name = "FILE")]
    pub params: Option<PathBuf>,
    /// Net charge of the cluster in e (−1 for an anion: --charge=-1).
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    pub charge: i32,
    /// Number of one-electron-withdrawing ligands (thiolates, halides);
    /// Au25(SR)18⁻ is `--ligands 18 --charge=-1` (8 electrons).
    #[arg(long, default_value_t = 0)]
    pub ligands: u32,
    /// Electronic temperature in K for Fermi–Dirac occupations; 0 fills
    /// levels in order, sharing a degenerate frontier shell equally.
    #[arg(long, default_value_t = 0.0)]
    pub temperature: f64,
    /// Self-consistent atomic charges (second-order Coulomb term with the
    /// same kernel as the collective response): `on` or `off` (the bare
    /// Hamiltonian) [default: on with the collective response (rpa,
    /// casida), off for independent-particle spectra].
    #[arg(long, value_enum)]
    pub scc: Option<Switch>,
}

/// On or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    On,
    Off,
}

impl ModelOptions {
    /// Whether the model is DFTB.
    pub fn is_dftb(&self) -> bool {
        self.model == "dftb"
    }

    /// The DFTB request; the tight-binding options that do not apply to
    /// DFTB are refused, naming them.
    pub fn dftb_request(&self) -> Result<DftbRequest> {
        if self.params.is_some() {
            return Err(Error::invalid(
                "--params is a tight-binding parameter file; DFTB takes a folder of \
                 Slater–Koster files with --skf DIR",
            ));
        }
        self.check_temperature()?;
        if self.ligands != 0 {
            return Err(Error::invalid(
                "--ligands counts ligands as electrons for tight binding; DFTB takes the \
                 ligands' atoms from the structure (build au25 places them), so leave it out",
            ));
        }
        if self.scc == Some(Switch::Off) {
            return Err(Error::invalid(
                "--scc off: DFTB always runs with self-consistent charges",
            ));
        }
        if !(self.temperature.is_finite() && self.temperature >= 0.0) {
            return Err(Error::setting(
                "temperature",
                self.temperature,
                "must be ≥ 0 K",
            ));
        }
        let set = match &self.skf {
            Some(dir) => DftbSet::directory(dir)?,
            None => DftbSet::auorg(),
        };
        Ok(DftbRequest {
            set,
            charge: self.charge,
            filling: if self.temperature > 0.0 {
                Filling::FermiDirac {
                    temperature: self.temperature,
                }
            } else {
                Filling::Integer
            },
            scc: DftbScc::default(),
        })
    }

    /// The electronic temperature must lie in 0 … MAX_TEMPERATURE_K.
    fn check_temperature(&self) -> Result<()> {
        let t = self.temperature;
        if !(t.is_finite() && (0.0..=MAX_TEMPERATURE_K).contains(&t)) {
            return Err(Error::setting(
                "temperature",
                t,
                format!(
                    "the electronic temperature must lie in 0 … {MAX_TEMPERATURE_K} K (a metal \
                     cluster evaporates long before; far above, every level is half filled)"
                ),
            ));
        }
        Ok(())
    }

    /// The model: --params if given, else the built-in --model.
    pub fn model(&self) -> Result<TightBinding> {
        if self.is_dftb() {
            return Err(Error::invalid(
                "this command runs tight binding only (--model s or spd); DFTB is available \
                 for absorption and demo",
            ));
        }
        if self.skf.is_some() {
            return Err(Error::invalid("--skf applies to --model dftb"));
        }
        match &self.params {
            Some(path) => TightBinding::from_file(path),
            None => TightBinding::builtin(&self.model),
        }
    }

    /// The request; `collective` when the collective response follows
    /// (which turns the self-consistent charges on unless --scc says no).
    pub fn request(&self, collective: bool) -> Result<TbRequest> {
        self.check_temperature()?;
        Ok(TbRequest {
            model: self.model()?,
            charge: self.charge,
            ligands: self.ligands,
            filling: if self.temperature > 0.0 {
                Filling::FermiDirac {
                    temperature: self.temperature,
                }
            } else {
                Filling::Integer
            },
            scc: (self
                .scc
                .unwrap_or(if collective { Switch::On } else { Switch::Off })
                == Switch::On)
                .then(SccOptions::default),
        })
    }
}

/// Where the heavy stages run and what is written.
#[derive(Args, Debug, Clone)]
pub struct RunOptions {
    /// Where the heavy stages run: `auto` (a hardware GPU if present, else
    /// the CPU), `gpu` (any adapter, also software emulation), `cpu`.
    #[arg(long, value_enum, default_value = "auto")]
    pub backend: BackendName,
    /// Also write an SVG of every plot.
    #[arg(long)]
    pub svg: bool,
    /// Which transitions the output keeps: `listed` (the JSON lists the
    /// degenerate sets with f ≥ 1e-4 of the strongest and counts the rest)
    /// or `all` (also every transition in PREFIX_lines.npz for numpy:
    /// energy_eV, oscillator_strength, dipole_angstrom, from_orbital,
    /// to_orbital, degenerate_set, rotatory_strength).
    #[arg(long, value_enum, default_value = "listed")]
    pub transitions: TransitionsOutput,
    /// The plots' x axis: `ev` (photon energy; ε per unit energy) or `nm`
    /// (wavelength, as UV-vis instruments plot; the left axis is then the
    /// oscillator strength per nm, df/dλ, converted with |dE/dλ| = E/λ).
    #[arg(long, value_enum, default_value = "ev")]
    pub x_axis: XAxis,
    /// Memory the run may use, GiB [default: what the system has
    /// available now]. Runs whose estimated peak exceeds it are refused
    /// before anything is computed.
    #[arg(long, value_name = "GIB", allow_negative_numbers = true)]
    pub max_memory: Option<f64>,
}

/// The largest --max-memory accepted, GiB (1 PiB: beyond any machine, but
/// finite, so that the byte count cannot overflow).
pub const MAX_MEMORY_GIB: f64 = 1_048_576.0;

/// The x axis of the spectrum plots.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum XAxis {
    /// Photon energy, eV (wavelength on the top axis).
    Ev,
    /// Wavelength, nm (photon energy on the top axis).
    Nm,
}

/// How many transitions the output files keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TransitionsOutput {
    /// The degenerate sets that matter for the plot, in the JSON.
    Listed,
    /// Those, and every transition in a NumPy .npz archive.
    All,
}

impl RunOptions {
    /// Refuses a run whose estimated peak memory exceeds --max-memory or,
    /// without it, the memory available now (when the system says).
    pub fn check_memory(&self, estimate: &MemoryEstimate) -> Result<()> {
        let b = bytes_text;
        self.check_peak(
            estimate.total(),
            &format!(
                "orbitals and eigenvectors {}, transitions {}, collective response {}, \
                 spectrum grid {}",
                b(estimate.dense),
                b(estimate.transitions),
                b(estimate.response),
                b(estimate.grid)
            ),
            "try --response single, fewer --points, a narrower --range or a larger --fwhm \
             (fewer response nodes), the s model, or the classical model (clusterspec mie)",
        )
    }

    /// The memory limit in bytes and where it comes from: --max-memory
    /// (checked), else what the system has available now; `None` where
    /// neither is known.
    fn memory_limit(&self) -> Result<Option<(u64, &'static str)>> {
        match self.max_memory {
            Some(g) if g.is_finite() && g > 0.0 && g <= MAX_MEMORY_GIB => Ok(Some((
                (g * (1u64 << 30) as f64) as u64,
                "allowed by --max-memory",
            ))),
            Some(g) => Err(Error::setting(
                "max_memory",
                g,
                format!("must be a number of GiB in (0, {MAX_MEMORY_GIB}]"),
            )),
            None => Ok(available_memory().map(|b| (b, "available"))),
        }
    }

    /// Refuses a run whose estimated peak of `bytes` (made of `breakdown`)
    /// exceeds the limit, with `advice` on what to change.
    pub fn check_peak(&self, bytes: u64, breakdown: &str, advice: &str) -> Result<()> {
        let Some((limit, what)) = self.memory_limit()? else {
            return Ok(());
        };
        if bytes <= limit {
            return Ok(());
        }
        Err(Error::invalid(format!(
            "this run needs about {} at its peak ({breakdown}) but {} are {what}: {advice}; \
             --max-memory GIB overrides",
            bytes_text(bytes),
            bytes_text(limit)
        )))
    }

    /// The engine, with one line on stderr saying where it runs and why.
    pub fn engine(&self) -> Result<Engine> {
        let engine = Engine::new(match self.backend {
            BackendName::Auto => BackendChoice::Auto,
            BackendName::Gpu => BackendChoice::Gpu,
            BackendName::Cpu => BackendChoice::Cpu,
        })?;
        eprintln!("backend: {}", super::report::backend_text(&engine));
        Ok(engine)
    }

    /// The header of the files written after a run on `engine`.
    pub fn header(&self, engine: &Engine) -> RunHeader {
        RunHeader::new(std::env::args().collect(), engine)
    }

    /// The destination `prefix` with this run's header.
    pub fn destination<'a>(
        &self,
        prefix: &'a std::path::Path,
        header: &'a RunHeader,
    ) -> Destination<'a> {
        Destination {
            prefix,
            header,
            svg: self.svg,
            all_lines: self.transitions == TransitionsOutput::All,
            wavelength_axis: self.x_axis == XAxis::Nm,
        }
    }
}
