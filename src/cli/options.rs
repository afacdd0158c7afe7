//! Options shared by the commands and how they become library requests:
//! the broadening (one `--range` grammar for every command), the
//! tight-binding model and electrons, the backend and the outputs.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use clusterspec::engine::BackendChoice;
use clusterspec::io::header::RunHeader;
use clusterspec::io::spectrum_files::Destination;
use clusterspec::job::settings::undersampled;
use clusterspec::job::{BroadeningSettings, ModelSettings};
use clusterspec::rpa::memory::MemoryEstimate;
use clusterspec::{Broadening, Engine, Error, LineShape, Result, TbRequest};

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

pub use clusterspec::job::{BroadeningDefaults, JELLIUM, RESPONSE, TIGHT_BINDING};

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
    /// The range from --range, if given (eV).
    fn range(&self) -> Result<Option<(f64, f64)>> {
        let Some(text) = &self.range else {
            return Ok(None);
        };
        let bad = || {
            Error::invalid(format!(
                "--range `{text}`: expected MIN:MAX in eV, e.g. 1.0:6.0"
            ))
        };
        let (lo, hi) = text.split_once(':').ok_or_else(bad)?;
        let lo: f64 = lo.trim().parse().map_err(|_| bad())?;
        let hi: f64 = hi.trim().parse().map_err(|_| bad())?;
        Ok(Some((lo, hi)))
    }

    /// The library's broadening settings from these options.
    pub fn settings(&self) -> Result<BroadeningSettings> {
        Ok(BroadeningSettings {
            fwhm: self.fwhm,
            lineshape: self.lineshape.map(|s| match s {
                ShapeName::Gaussian => LineShape::Gaussian,
                ShapeName::Lorentzian => LineShape::Lorentzian,
                ShapeName::Voigt => LineShape::PseudoVoigt { eta: self.eta },
            }),
            range: self.range()?,
            points: self.points,
        })
    }

    /// The broadening on the range `range` (eV). Warns (once) when the
    /// line width is below twice the grid spacing.
    pub fn on_range(&self, range: (f64, f64), d: &BroadeningDefaults) -> Result<Broadening> {
        let b = self.settings()?.on_range(range, d)?;
        if let Some(w) = undersampled(&b) {
            static WARNED: std::sync::Once = std::sync::Once::new();
            WARNED.call_once(|| eprintln!("warning: {w}"));
        }
        Ok(b)
    }

    /// The broadening with the command's defaults.
    pub fn broadening(&self, d: &BroadeningDefaults) -> Result<Broadening> {
        self.on_range(self.range()?.unwrap_or(d.range), d)
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
    /// The library's model settings from these options.
    pub fn settings(&self) -> ModelSettings {
        ModelSettings {
            model: self.model.clone(),
            skf: self.skf.clone(),
            params: self.params.clone(),
            charge: self.charge,
            ligands: self.ligands,
            temperature: self.temperature,
            scc: self.scc.map(|s| s == Switch::On),
        }
    }

    /// The tight-binding request; `collective` when the collective
    /// response follows (which turns the self-consistent charges on
    /// unless --scc says no).
    pub fn request(&self, collective: bool) -> Result<TbRequest> {
        self.settings().request(collective)
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
        self.check_peak(
            estimate.total(),
            &estimate.breakdown(),
            "try --response single, fewer --points, a narrower --range or a larger --fwhm \
             (fewer response nodes), the s model, or the classical model (clusterspec mie)",
        )
    }

    /// Refuses a run whose estimated peak of `bytes` (made of `breakdown`)
    /// exceeds the limit, with `advice` on what to change.
    pub fn check_peak(&self, bytes: u64, breakdown: &str, advice: &str) -> Result<()> {
        clusterspec::rpa::memory::check(bytes, breakdown, advice, self.max_memory)
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
