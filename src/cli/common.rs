//! Options shared by the spectrum commands and the code that turns them
//! into a request.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use clusterspec::engine::BackendChoice;
use clusterspec::{AbsorptionRequest, EnergyGrid, Error, Filling, LineShape, Result, TightBinding};

/// Line-shape names on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ShapeName {
    Gaussian,
    Lorentzian,
    /// Pseudo-Voigt: η·Lorentzian + (1 − η)·Gaussian, see --eta.
    Voigt,
}

/// Model, electrons and broadening: everything but the structure.
#[derive(Args, Debug, Clone)]
pub struct SpectrumOptions {
    /// Tight-binding model: `s` (one s orbital per atom, Hückel) or `spd`
    /// (Slater–Koster s, p, d).
    #[arg(long, default_value = "s")]
    pub model: String,
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
    /// Line width: full width at half maximum, eV.
    #[arg(long, default_value_t = 0.1)]
    pub fwhm: f64,
    /// Line shape.
    #[arg(long, value_enum, default_value = "gaussian")]
    pub lineshape: ShapeName,
    /// Lorentzian fraction η of the pseudo-Voigt line shape (0..1).
    #[arg(long, default_value_t = 0.5)]
    pub eta: f64,
    /// Photon-energy range MIN:MAX in eV [default: 1.0:6.0, i.e. 207–1240 nm;
    /// for `emission`, a range around the emitting state].
    #[arg(long, value_name = "MIN:MAX")]
    pub range: Option<String>,
    /// Number of grid points across the range.
    #[arg(long, default_value_t = 1000)]
    pub points: usize,
    /// Where the heavy stages run: `auto` (GPU if present, else CPU), `gpu`, `cpu`.
    #[arg(long, value_enum, default_value = "auto")]
    pub backend: BackendChoice,
    /// Also write an SVG of every plot.
    #[arg(long)]
    pub svg: bool,
}

impl SpectrumOptions {
    /// The model: --params if given, else the built-in --model.
    pub fn model(&self) -> Result<TightBinding> {
        match &self.params {
            Some(path) => TightBinding::from_file(path),
            None => TightBinding::builtin(&self.model),
        }
    }

    /// The energy grid from --range (1.0:6.0 eV when absent) and --points.
    pub fn grid(&self) -> Result<EnergyGrid> {
        let range = self.range.as_deref().unwrap_or("1.0:6.0");
        let parts: Vec<&str> = range.split([':', ',']).collect();
        let bad = || {
            Error::invalid(format!(
                "--range `{range}`: expected MIN:MAX in eV, e.g. 1.0:6.0"
            ))
        };
        if parts.len() != 2 {
            return Err(bad());
        }
        let lo: f64 = parts[0].trim().parse().map_err(|_| bad())?;
        let hi: f64 = parts[1].trim().parse().map_err(|_| bad())?;
        EnergyGrid::new(lo, hi, self.points)
    }

    /// The line shape from --lineshape and --eta.
    pub fn line_shape(&self) -> Result<LineShape> {
        Ok(match self.lineshape {
            ShapeName::Gaussian => LineShape::Gaussian,
            ShapeName::Lorentzian => LineShape::Lorentzian,
            ShapeName::Voigt => {
                if !(0.0..=1.0).contains(&self.eta) {
                    return Err(Error::invalid(format!(
                        "--eta {} must lie in 0..1",
                        self.eta
                    )));
                }
                LineShape::PseudoVoigt { eta: self.eta }
            }
        })
    }

    /// The whole request.
    pub fn request(&self) -> Result<AbsorptionRequest> {
        if !(self.fwhm.is_finite() && self.fwhm > 0.0) {
            return Err(Error::invalid(format!(
                "--fwhm {} eV must be positive",
                self.fwhm
            )));
        }
        if !(self.temperature.is_finite() && self.temperature >= 0.0) {
            return Err(Error::invalid(format!(
                "--temperature {} K must be ≥ 0",
                self.temperature
            )));
        }
        Ok(AbsorptionRequest {
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
            grid: self.grid()?,
            line_shape: self.line_shape()?,
            fwhm: self.fwhm,
        })
    }
}

/// "Ag147, s model, Gaussian FWHM 0.10 eV" for titles.
pub fn describe(name: &str, req: &AbsorptionRequest) -> String {
    format!(
        "{name} — {} model, {} FWHM {:.2} eV",
        req.model.params.name,
        req.line_shape.name(),
        req.fwhm
    )
}
