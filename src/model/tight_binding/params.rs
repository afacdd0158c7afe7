//! Tight-binding parameter sets: the TOML file format, the sets shipped with
//! the crate (data/tb_s.toml, data/tb_spd.toml) and their validation.
//!
//! Every hopping follows V(d) = V(r₀) (r₀/d)ⁿ · f_cut(d), with n per bond
//! type from `[scaling]` and f_cut the smooth taper of `cutoff.rs` between
//! `inner`·r₀ and `outer`·r₀ of the pair.

use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::{Error, Result};
use crate::structure::Element;

/// The s-band (Hückel) set shipped with the crate.
pub const S_BAND_TOML: &str = include_str!("../../../data/tb_s.toml");
/// The spd Slater–Koster set shipped with the crate.
pub const SPD_TOML: &str = include_str!("../../../data/tb_spd.toml");

/// The ten two-centre bond integrals, in this order everywhere (files,
/// arrays, GPU buffers).
pub const BOND_NAMES: [&str; 10] = [
    "ss_sigma", "sp_sigma", "pp_sigma", "pp_pi", "sd_sigma", "pd_sigma", "pd_pi", "dd_sigma",
    "dd_pi", "dd_delta",
];

/// Index of each bond integral in a [`BondIntegrals`] array.
pub mod bond {
    pub const SS_SIGMA: usize = 0;
    pub const SP_SIGMA: usize = 1;
    pub const PP_SIGMA: usize = 2;
    pub const PP_PI: usize = 3;
    pub const SD_SIGMA: usize = 4;
    pub const PD_SIGMA: usize = 5;
    pub const PD_PI: usize = 6;
    pub const DD_SIGMA: usize = 7;
    pub const DD_PI: usize = 8;
    pub const DD_DELTA: usize = 9;
}

/// Two-centre integrals (eV), indexed by [`bond`].
pub type BondIntegrals = [f64; 10];

/// Angular-momentum shells an element carries in a model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Shells {
    S,
    Sp,
    Spd,
}

impl Shells {
    /// Number of orbitals: 1, 4 or 9.
    pub fn orbital_count(self) -> usize {
        match self {
            Shells::S => 1,
            Shells::Sp => 4,
            Shells::Spd => 9,
        }
    }
}

/// The smooth cut-off window, in units of each pair's r₀.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CutoffWindow {
    pub inner: f64,
    pub outer: f64,
    #[serde(default)]
    pub source: String,
}

/// On-site parameters of one element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElementParams {
    pub symbol: Element,
    /// Valence electrons the element puts into the model's orbitals.
    pub valence: u32,
    /// Orbitals carried; the model's `shells` when absent.
    #[serde(default)]
    pub shells: Option<Shells>,
    /// On-site energies, eV.
    pub onsite_s: f64,
    #[serde(default)]
    pub onsite_p: Option<f64>,
    #[serde(default)]
    pub onsite_d: Option<f64>,
    pub source: String,
    /// Chemical hardness U (eV): the on-site value γ_AA of the Coulomb
    /// kernel between atomic charge fluctuations (self-consistent charges,
    /// collective response).
    #[serde(default)]
    pub hubbard_u: Option<f64>,
    #[serde(default)]
    pub hubbard_u_source: Option<String>,
    /// Static interband (bound-electron) dielectric constant of the bulk
    /// metal: the d-electron polarisability of each atom.
    #[serde(default)]
    pub interband_epsilon: Option<f64>,
    #[serde(default)]
    pub interband_source: Option<String>,
}

/// Two-centre integrals of one element pair at the reference distance r₀.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairParams {
    pub elements: [Element; 2],
    /// Reference distance, Å.
    pub r0: f64,
    pub ss_sigma: f64,
    #[serde(default)]
    pub sp_sigma: f64,
    #[serde(default)]
    pub pp_sigma: f64,
    #[serde(default)]
    pub pp_pi: f64,
    #[serde(default)]
    pub sd_sigma: f64,
    #[serde(default)]
    pub pd_sigma: f64,
    #[serde(default)]
    pub pd_pi: f64,
    #[serde(default)]
    pub dd_sigma: f64,
    #[serde(default)]
    pub dd_pi: f64,
    #[serde(default)]
    pub dd_delta: f64,
    pub source: String,
}

impl PairParams {
    /// The integrals at r₀ as an array indexed by [`bond`], eV.
    pub fn integrals(&self) -> BondIntegrals {
        [
            self.ss_sigma,
            self.sp_sigma,
            self.pp_sigma,
            self.pp_pi,
            self.sd_sigma,
            self.pd_sigma,
            self.pd_pi,
            self.dd_sigma,
            self.dd_pi,
            self.dd_delta,
        ]
    }
}

/// Distance exponents n in V ∝ d⁻ⁿ, one per bond integral.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scaling {
    pub ss_sigma: f64,
    #[serde(default)]
    pub sp_sigma: f64,
    #[serde(default)]
    pub pp_sigma: f64,
    #[serde(default)]
    pub pp_pi: f64,
    #[serde(default)]
    pub sd_sigma: f64,
    #[serde(default)]
    pub pd_sigma: f64,
    #[serde(default)]
    pub pd_pi: f64,
    #[serde(default)]
    pub dd_sigma: f64,
    #[serde(default)]
    pub dd_pi: f64,
    #[serde(default)]
    pub dd_delta: f64,
    #[serde(default)]
    pub source: String,
}

impl Scaling {
    /// Exponents indexed by [`bond`].
    pub fn exponents(&self) -> [f64; 10] {
        [
            self.ss_sigma,
            self.sp_sigma,
            self.pp_sigma,
            self.pp_pi,
            self.sd_sigma,
            self.pd_sigma,
            self.pd_pi,
            self.dd_sigma,
            self.dd_pi,
            self.dd_delta,
        ]
    }
}

/// A complete tight-binding parameter set as stored in a TOML file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParameterSet {
    pub name: String,
    pub description: String,
    /// Orbitals per metal atom unless an element says otherwise.
    pub shells: Shells,
    pub cutoff: CutoffWindow,
    pub scaling: Scaling,
    #[serde(rename = "element")]
    pub elements: Vec<ElementParams>,
    #[serde(rename = "pair")]
    pub pairs: Vec<PairParams>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    name: String,
    description: String,
    shells: Shells,
    cutoff: CutoffWindow,
    scaling: Scaling,
    element: Vec<Spanned<ElementParams>>,
    pair: Vec<Spanned<PairParams>>,
}

pub use super::params_check::MAX_ENERGY_EV;
use super::params_check::{check_element, check_pair};

/// Line (1-based) of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

impl ParameterSet {
    /// The shipped set for a model name: "s" or "spd".
    pub fn builtin(model: &str) -> Result<Self> {
        match model {
            "s" => Self::parse(S_BAND_TOML, Path::new("<built-in data/tb_s.toml>")),
            "spd" => Self::parse(SPD_TOML, Path::new("<built-in data/tb_spd.toml>")),
            other => Err(Error::invalid(format!(
                "unknown model `{other}`: use `s` or `spd`"
            ))),
        }
    }

    /// Reads and validates a user's parameter file.
    pub fn from_file(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::parse(&text, path)
    }

    /// Parses and validates TOML text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let raw: RawSet = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
            Error::parse(path, line, e.message().trim().to_string())
        })?;
        let at = |span: std::ops::Range<usize>| line_of(text, span.start);
        let (c_in, c_out) = (raw.cutoff.inner, raw.cutoff.outer);
        if !(c_in.is_finite() && c_out.is_finite() && 0.0 < c_in && c_in < c_out && c_out <= 5.0) {
            return Err(Error::parse(
                path,
                1,
                format!(
                    "[cutoff] needs 0 < inner < outer ≤ 5 (units of r0), found inner = {c_in}, outer = {c_out}"
                ),
            ));
        }
        if let Some((k, n)) = raw
            .scaling
            .exponents()
            .iter()
            .enumerate()
            .find(|(_, n)| !(n.is_finite() && (0.0..=12.0).contains(*n)))
        {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with("[scaling]"))
                .map_or(1, |k| k + 1);
            return Err(Error::parse(
                path,
                line,
                format!(
                    "[scaling] {}: exponent {n} must lie in 0 … 12",
                    BOND_NAMES[k]
                ),
            ));
        }
        let mut elements = Vec::new();
        for e in raw.element {
            let line = at(e.span());
            let e = e.into_inner();
            let shells = e.shells.unwrap_or(raw.shells);
            check_element(&e, shells, path, line)?;
            if elements
                .iter()
                .any(|x: &ElementParams| x.symbol == e.symbol)
            {
                return Err(Error::parse(
                    path,
                    line,
                    format!("element {} given twice", e.symbol),
                ));
            }
            elements.push(ElementParams {
                shells: Some(shells),
                ..e
            });
        }
        let mut pairs: Vec<PairParams> = Vec::new();
        for p in raw.pair {
            let line = at(p.span());
            let p = p.into_inner();
            let [a, b] = p.elements;
            check_pair(&p, path, line)?;
            if pairs
                .iter()
                .any(|q| q.elements == [a, b] || q.elements == [b, a])
            {
                return Err(Error::parse(
                    path,
                    line,
                    format!("pair {a}-{b} given twice"),
                ));
            }
            for el in [a, b] {
                if !elements.iter().any(|x| x.symbol == el) {
                    return Err(Error::parse(
                        path,
                        line,
                        format!("pair {a}-{b}: element {el} has no [[element]] entry"),
                    ));
                }
            }
            pairs.push(p);
        }
        Ok(ParameterSet {
            name: raw.name,
            description: raw.description,
            shells: raw.shells,
            cutoff: raw.cutoff,
            scaling: raw.scaling,
            elements,
            pairs,
        })
    }

    /// On-site parameters of `element`.
    pub fn element(&self, element: Element) -> Result<&ElementParams> {
        self.elements.iter().find(|e| e.symbol == element).ok_or_else(|| Error::Model {
            model: self.name.clone(),
            message: format!(
                "no parameters for {element}; the set covers {} (use a parameter file of your own)",
                self.elements.iter().map(|e| e.symbol.symbol()).collect::<Vec<_>>().join(" ")
            ),
        })
    }

    /// Bond integrals of the pair `a`-`b` (either order).
    pub fn pair(&self, a: Element, b: Element) -> Result<&PairParams> {
        self.pairs
            .iter()
            .find(|p| p.elements == [a, b] || p.elements == [b, a])
            .ok_or_else(|| Error::Model {
                model: self.name.clone(),
                message: format!("no {a}-{b} pair parameters (use a parameter file of your own)"),
            })
    }
}

#[cfg(test)]
#[path = "params_tests.rs"]
mod tests;
