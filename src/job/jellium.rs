//! The spherical jellium spectrum of a metal cluster: a self-consistent
//! LDA ground state and its TDLDA response (Casida), with the defaults of
//! the command line.

use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::jellium::pairs::{expected_pairs, memory_bytes};
use crate::jellium::{
    Coupling, DBackground, GroundState, JelliumSpec, JelliumSpectrum, Material, ResponseOptions,
};
use crate::progress::Progress;
use crate::response::{Broadening, Calculation, Spectrum, spectra};
use crate::rpa::memory::{BASELINE_BYTES, grid_bytes};

use super::settings::{BroadeningSettings, JELLIUM, undersampled};

/// The largest particle–hole energy a jellium spectrum may keep, eV.
pub const MAX_EXCITATION_EV: f64 = 100.0;

/// The most particle–hole pairs (as [`expected_pairs`] estimates them
/// before the ground state) a jellium spectrum may have: the Casida matrix
/// grows as pairs², its solution as pairs³.
pub const MAX_PAIRS: f64 = 10_000.0;

/// Everything a jellium spectrum is asked with. Defaults: no metal (one
/// of `element` or `rs` must be set), neutral, TDLDA coupling, pairs up to
/// 13.6 eV, grid spacing 0.1 bohr, mixing 0.3, the element's own d
/// background, the jellium broadening (Lorentzian 0.1 eV on 0.5–6 eV).
#[derive(Clone, Debug, PartialEq)]
pub struct JelliumSettings {
    /// Na, K, Cu, Ag or Au.
    pub element: Option<String>,
    /// Wigner–Seitz radius per valence electron, bohr (instead of an element).
    pub rs: Option<f64>,
    /// Valence electrons per atom, with `rs` (default 1).
    pub valence: Option<u32>,
    /// Number of atoms.
    pub atoms: usize,
    /// Net charge, e.
    pub charge: i32,
    /// Without the d-electron background of Ag and Au.
    pub no_d: bool,
    /// Dielectric constant of the d background (replaces the element's).
    pub eps_d: Option<f64>,
    /// Surface layer without d polarisation, bohr (default 2.0).
    pub d_skin: Option<f64>,
    pub coupling: Coupling,
    /// Largest particle–hole energy kept, eV.
    pub max_excitation: f64,
    /// Radial grid spacing, bohr.
    pub step: f64,
    /// Linear mixing fraction of the self-consistency.
    pub mixing: f64,
    pub broadening: BroadeningSettings,
}

impl Default for JelliumSettings {
    fn default() -> Self {
        JelliumSettings {
            element: None,
            rs: None,
            valence: None,
            atoms: 0,
            charge: 0,
            no_d: false,
            eps_d: None,
            d_skin: None,
            coupling: Coupling::Tdlda,
            max_excitation: 13.6,
            step: 0.1,
            mixing: 0.3,
            broadening: BroadeningSettings::default(),
        }
    }
}

impl JelliumSettings {
    /// The material with its d background as asked.
    fn material(&self) -> Result<Material> {
        if self.element.is_some() && self.valence.is_some() {
            return Err(Error::setting(
                "valence",
                self.valence.unwrap_or(0),
                "goes with a Wigner–Seitz radius r_s; the built-in elements have their own",
            ));
        }
        let mut m = match (&self.element, self.rs) {
            (Some(_), Some(rs)) => {
                return Err(Error::setting(
                    "rs",
                    rs,
                    "give an element or rs and valence, not both",
                ));
            }
            (Some(e), None) => Material::element(e).map_err(|e| {
                Error::invalid(format!("{e} (or give rs and valence for any other metal)"))
            })?,
            (None, Some(rs)) => Material::custom(rs, self.valence.unwrap_or(1))?,
            (None, None) => {
                return Err(Error::invalid(
                    "jellium: give an element (Na, K, Cu, Ag, Au) or rs and valence",
                ));
            }
        };
        if self.no_d {
            if self.eps_d.is_some() || self.d_skin.is_some() {
                return Err(Error::invalid(
                    "jellium: no d background was asked for, yet its eps_d or d_skin was given",
                ));
            }
            m.d_background = None;
        } else if self.eps_d.is_some() || self.d_skin.is_some() {
            let base = m.d_background.unwrap_or(DBackground {
                epsilon: 1.0,
                skin_bohr: 2.0,
            });
            m.d_background = Some(DBackground {
                epsilon: self.eps_d.unwrap_or(base.epsilon),
                skin_bohr: self.d_skin.unwrap_or(base.skin_bohr),
            });
        }
        Ok(m)
    }
}

/// A checked jellium calculation, before any heavy work.
pub struct JelliumJob {
    model: JelliumSpectrum,
    broadening: Broadening,
    pub warnings: Vec<String>,
}

/// A computed jellium spectrum with its ground state.
pub struct Jellium {
    pub ground: GroundState,
    pub calculation: Calculation,
    pub spectra: Vec<Spectrum>,
    /// Particle–hole pairs of the Casida matrix.
    pub pairs: usize,
    /// Σf of the coupled and of the single-particle lines.
    pub strength_sum: (f64, f64),
    /// The band holding the most oscillator strength, eV.
    pub plasmon_ev: Option<f64>,
    /// The classical (Mie) resonance of the same sphere, eV.
    pub classical_ev: f64,
    pub warnings: Vec<String>,
}

impl JelliumJob {
    /// Checks the settings: material, sphere, grid, mixing, pair window.
    pub fn new(s: &JelliumSettings) -> Result<Self> {
        let m = s.material()?;
        let broadening = s.broadening.broadening(&JELLIUM)?;
        let options = ResponseOptions {
            d_background: m.d_background,
            max_excitation_ev: s.max_excitation,
            coupling: s.coupling,
        };
        let mut spec = JelliumSpec::new(m, s.atoms);
        spec.charge = s.charge;
        spec.step_bohr = s.step;
        spec.mixing = s.mixing;
        spec.check()?;
        if !(s.max_excitation > 0.0 && s.max_excitation <= MAX_EXCITATION_EV) {
            return Err(Error::setting(
                "max_excitation",
                s.max_excitation,
                format!(
                    "the largest particle–hole energy must lie in (0, {MAX_EXCITATION_EV}] eV \
                     (far above the plasmon the pairs are states of the finite box, and \
                     their number grows without bound)"
                ),
            ));
        }
        let pairs = expected_pairs(spec.electrons(), s.max_excitation);
        if pairs > MAX_PAIRS {
            return Err(Error::setting(
                "max_excitation",
                s.max_excitation,
                format!(
                    "{} electrons with pairs up to {} eV make about {pairs:.0} particle–hole \
                     pairs, beyond the {MAX_PAIRS:.0} this solver handles in minutes (Na3000 \
                     with 9740 pairs took 5 minutes on a 2-core machine): use fewer atoms or \
                     a smaller maximum excitation",
                    spec.electrons(),
                    s.max_excitation
                ),
            ));
        }
        Ok(JelliumJob {
            model: JelliumSpectrum { spec, options },
            warnings: undersampled(&broadening).into_iter().collect(),
            broadening,
        })
    }

    /// The estimated peak memory (bytes) and what it is made of.
    pub fn memory(&self) -> (u64, String) {
        let spec = &self.model.spec;
        let max_ev = self.model.options.max_excitation_ev;
        let pairs = expected_pairs(spec.electrons(), max_ev);
        (
            memory_bytes(spec.electrons(), max_ev)
                .saturating_add(grid_bytes(&self.broadening))
                .saturating_add(BASELINE_BYTES),
            format!("Casida matrix of about {pairs:.0} particle–hole pairs"),
        )
    }

    /// The sphere being computed.
    pub fn spec(&self) -> &JelliumSpec {
        &self.model.spec
    }

    /// Solves the ground state and the response on `engine`.
    pub fn run(self, engine: &Engine, progress: &dyn Progress) -> Result<Jellium> {
        let (ground, optics) = self.model.solve(engine, progress)?;
        let pairs = optics.pairs;
        let strength_sum = (optics.coupled.strength_sum(), optics.single.strength_sum());
        let (plasmon_ev, classical_ev) = (optics.plasmon_ev, optics.classical_ev);
        let calculation = self.model.calculation(&ground, optics);
        let spectra = spectra(&calculation, &self.broadening, engine)?;
        Ok(Jellium {
            ground,
            calculation,
            spectra,
            pairs,
            strength_sum,
            plasmon_ev,
            classical_ev,
            warnings: self.warnings,
        })
    }
}
