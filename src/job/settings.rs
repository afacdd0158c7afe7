//! The settings of a spectrum as a user states them (model, electrons,
//! response, broadening), each with the defaults of the command line, and
//! how they become the library's requests. The command line and the Python
//! package both fill these structs, so the two give the same numbers.

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::model::dftb::{DftbRequest, DftbScc, DftbSet, DftbSpectrum};
use crate::model::tight_binding::{
    Rotatory, SccOptions, TbRequest, TightBinding, TightBindingSpectrum,
};
use crate::response::Broadening;
use crate::rpa::{DResponse, Route, RpaOptions, RpaSpectrum, check_basis};
use crate::solve::occupation::{Filling, MAX_TEMPERATURE_K};
use crate::structure::Cluster;
use crate::tddftb::TdDftbSpectrum;

pub use super::broadening::{
    BroadeningDefaults, BroadeningSettings, JELLIUM, RESPONSE, TIGHT_BINDING, undersampled,
};

/// The model and the electrons in it.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelSettings {
    /// `s` or `spd` (tight binding) or `dftb`. Default `s`.
    pub model: String,
    /// With `dftb`: a folder of Slater–Koster files instead of auorg-1-1.
    pub skf: Option<PathBuf>,
    /// A tight-binding parameter file (TOML) replacing the built-in set.
    pub params: Option<PathBuf>,
    /// Net charge, e.
    pub charge: i32,
    /// One-electron-withdrawing ligands counted (tight binding only).
    pub ligands: u32,
    /// Electronic temperature, K (0: levels filled in order).
    pub temperature: f64,
    /// Self-consistent charges; `None`: on with a collective response, off
    /// for independent particles (DFTB: always on).
    pub scc: Option<bool>,
}

impl Default for ModelSettings {
    fn default() -> Self {
        ModelSettings {
            model: "s".into(),
            skf: None,
            params: None,
            charge: 0,
            ligands: 0,
            temperature: 0.0,
            scc: None,
        }
    }
}

impl ModelSettings {
    /// Whether the model is DFTB.
    pub fn is_dftb(&self) -> bool {
        self.model == "dftb"
    }

    fn filling(&self) -> Result<Filling> {
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
        Ok(if t > 0.0 {
            Filling::FermiDirac { temperature: t }
        } else {
            Filling::Integer
        })
    }

    /// The DFTB request; the tight-binding settings that do not apply to
    /// DFTB are refused, naming them.
    pub fn dftb_request(&self) -> Result<DftbRequest> {
        if let Some(p) = &self.params {
            return Err(Error::setting(
                "params",
                p.display(),
                "is a tight-binding parameter file; DFTB takes a folder of Slater–Koster \
                 files (skf)",
            ));
        }
        let filling = self.filling()?;
        if self.ligands != 0 {
            return Err(Error::setting(
                "ligands",
                self.ligands,
                "counts ligands as electrons for tight binding; DFTB takes the ligands' atoms \
                 from the structure (build au25 places them), so leave it at 0",
            ));
        }
        if self.scc == Some(false) {
            return Err(Error::setting(
                "scc",
                "off",
                "DFTB always runs with self-consistent charges",
            ));
        }
        let set = match &self.skf {
            Some(dir) => DftbSet::directory(dir)?,
            None => DftbSet::auorg(),
        };
        Ok(DftbRequest {
            set,
            charge: self.charge,
            filling,
            scc: DftbScc::default(),
        })
    }

    /// The tight-binding model: `params` if given, else the built-in set.
    pub fn tight_binding(&self) -> Result<TightBinding> {
        if self.is_dftb() {
            return Err(Error::setting(
                "model",
                "dftb",
                "this calculation runs tight binding only (s or spd); DFTB computes \
                 absorption spectra",
            ));
        }
        if let Some(dir) = &self.skf {
            return Err(Error::setting(
                "skf",
                dir.display(),
                "Slater–Koster files apply to the dftb model only",
            ));
        }
        match &self.params {
            Some(path) => TightBinding::from_file(path),
            None => TightBinding::builtin(&self.model),
        }
    }

    /// The tight-binding request; `collective` when the collective
    /// response follows (which turns the self-consistent charges on
    /// unless `scc` says no).
    pub fn request(&self, collective: bool) -> Result<TbRequest> {
        let filling = self.filling()?;
        Ok(TbRequest {
            model: self.tight_binding()?,
            charge: self.charge,
            ligands: self.ligands,
            filling,
            scc: self.scc.unwrap_or(collective).then(SccOptions::default),
        })
    }
}

/// The response: collective (RPA by the frequency route or Casida's
/// equation) or independent particles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseKind {
    Rpa,
    Casida,
    Single,
}

/// How the spectrum responds.
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseSettings {
    /// `None`: RPA in the s model and DFTB (TD-DFTB), independent
    /// particles in spd (whose collective response is refused).
    pub response: Option<ResponseKind>,
    /// Largest pair energy of the Casida route, eV (`None`: the top of the
    /// range + 2 eV).
    pub casida_max_energy: Option<f64>,
    /// Without the d-electron dipoles of Ag, Au, Cu.
    pub no_d: bool,
    /// The d dipoles' response (`None`: dynamic for RPA, static for Casida).
    pub d_response: Option<DResponse>,
    /// Scale the pairs to the conduction electrons' f-sum. Default on.
    pub f_sum_scale: bool,
}

impl Default for ResponseSettings {
    fn default() -> Self {
        ResponseSettings {
            response: None,
            casida_max_energy: None,
            no_d: false,
            d_response: None,
            f_sum_scale: true,
        }
    }
}

impl ResponseSettings {
    /// Fills in the default response for `model` (run once, before the
    /// other methods); returns a note when it chose independent particles
    /// for a basis whose collective response is refused. An explicit
    /// collective response in such a basis is an error saying why.
    pub fn settle(&mut self, model: &ModelSettings) -> Result<Option<String>> {
        if model.is_dftb() {
            let tight_binding_only = [
                ("no_d", self.no_d.then_some("on")),
                ("d_response", self.d_response.map(|_| "set")),
                ("f_sum_scale", (!self.f_sum_scale).then_some("off")),
            ];
            if let Some((name, value)) = tight_binding_only
                .iter()
                .find_map(|(n, v)| v.map(|v| (*n, v)))
            {
                return Err(Error::setting(
                    name,
                    value,
                    "belongs to the tight-binding RPA; DFTB has the d orbitals in its basis",
                ));
            }
            self.response.get_or_insert(ResponseKind::Rpa);
            return Ok(None);
        }
        let tb = model.tight_binding()?;
        match self.response {
            Some(ResponseKind::Single) => {}
            Some(_) => check_basis(&tb, None)?,
            None if check_basis(&tb, None).is_err() => {
                self.response = Some(ResponseKind::Single);
                return Ok(Some(format!(
                    "the {} model's spectrum is computed for independent particles: its \
                     collective response is refused, it loses the plasmon; the s model gives \
                     the collective response",
                    tb.params.name
                )));
            }
            None => self.response = Some(ResponseKind::Rpa),
        }
        Ok(None)
    }

    /// The response (RPA until [`ResponseSettings::settle`] chose).
    pub fn kind(&self) -> ResponseKind {
        self.response.unwrap_or(ResponseKind::Rpa)
    }

    /// Whether the response is collective.
    pub fn collective(&self) -> bool {
        self.kind() != ResponseKind::Single
    }

    /// The broadening defaults of this response.
    pub fn defaults(&self) -> &'static BroadeningDefaults {
        match self.kind() {
            ResponseKind::Rpa => &RESPONSE,
            _ => &TIGHT_BINDING,
        }
    }

    /// The collective-response options, or `None` for independent particles.
    pub fn rpa_options(&self, broadening: &Broadening) -> Option<RpaOptions> {
        let route = match self.kind() {
            ResponseKind::Single => return None,
            ResponseKind::Rpa => Route::Frequency { bin_width_ev: None },
            ResponseKind::Casida => Route::Casida {
                max_energy_ev: self.casida_max_energy.unwrap_or(broadening.grid.end + 2.0),
            },
        };
        let d_response = match (self.d_response, self.kind()) {
            (Some(d), _) => d,
            (None, ResponseKind::Casida) => DResponse::Static,
            (None, _) => DResponse::Dynamic,
        };
        Some(RpaOptions {
            route,
            coupling: 1.0,
            d_screening: !self.no_d,
            d_response,
            sum_rule_scaling: self.f_sum_scale,
        })
    }

    /// The route of the collective response, or `None`.
    pub fn route(&self, broadening: &Broadening) -> Option<Route> {
        self.rpa_options(broadening).map(|o| o.route)
    }

    /// Checks the options against the broadening before anything runs.
    pub fn check(&self, broadening: &Broadening) -> Result<()> {
        match self.rpa_options(broadening) {
            Some(o) => o.check(broadening),
            None => Ok(()),
        }
    }

    /// The tight-binding model of the spectrum of `cluster`.
    pub fn model<'a>(
        &self,
        cluster: &'a Cluster,
        source: String,
        request: &'a TbRequest,
        broadening: &Broadening,
    ) -> Box<dyn crate::Model + 'a> {
        match self.rpa_options(broadening) {
            None => Box::new(TightBindingSpectrum {
                cluster,
                source,
                request,
                rotatory: Rotatory::None,
            }),
            Some(options) => Box::new(RpaSpectrum {
                cluster,
                source,
                request,
                options,
            }),
        }
    }

    /// The DFTB model: independent particles, or TD-DFTB by its route.
    pub fn dftb_model<'a>(
        &self,
        cluster: &'a Cluster,
        source: String,
        request: &'a DftbRequest,
        broadening: &Broadening,
    ) -> Box<dyn crate::Model + 'a> {
        match self.route(broadening) {
            None => Box::new(DftbSpectrum {
                cluster,
                source,
                request,
            }),
            Some(route) => Box::new(TdDftbSpectrum {
                cluster,
                source,
                request,
                route,
            }),
        }
    }
}
