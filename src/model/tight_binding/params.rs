//! Tight-binding parameter sets: the TOML file format, the sets shipped with
//! the crate (data/tb_s.toml, data/tb_spd.toml) and their validation.
//!
//! Every hopping follows V(d) = V(r₀) (r₀/d)ⁿ · f_cut(d), with n per bond
//! type from `[scaling]` and f_cut the smooth taper of `cutoff.rs` between
//! `inner`·r₀ and `outer`·r₀ of the pair.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
pub use crate::solve::layout::Shells;
use crate::structure::Element;

/// The s-band (Hückel) set shipped with the crate.
pub const S_BAND_TOML: &str = include_str!("../../../data/tb_s.toml");
/// The spd Slater–Koster set shipped with the crate.
pub const SPD_TOML: &str = include_str!("../../../data/tb_spd.toml");

pub use crate::solve::slater_koster::{BOND_NAMES, BondIntegrals, bond};

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

impl ParameterSet {
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
