//! Circular dichroism and photoluminescence of a structure, from the
//! single-particle transitions of tight binding (no collective response).

use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::model::Model;
use crate::model::tight_binding::{Rotatory, TbRequest, TightBindingSpectrum};
use crate::progress::Progress;
use crate::response::emission::{BOLTZMANN_CUTOFF_KT, Emission, EmissionModel, emission};
use crate::response::{Broadening, Calculation, Spectrum, spectra, spectrum};
use crate::rpa::memory::{MemoryEstimate, estimate};
use crate::structure::Cluster;
use crate::units::KB_EV_PER_K;

use super::settings::{BroadeningSettings, ModelSettings, TIGHT_BINDING, undersampled};

/// Absorption and CD of one structure, checked before any heavy work.
pub struct CdJob<'a> {
    cluster: &'a Cluster,
    source: String,
    settings: BroadeningSettings,
    broadening: Broadening,
    request: TbRequest,
    pub warnings: Vec<String>,
}

/// Absorption and Δε, with the broadening used and any notes.
pub struct Cd {
    pub calculation: Calculation,
    pub spectra: Vec<Spectrum>,
    pub broadening: Broadening,
    pub notes: Vec<String>,
    pub warnings: Vec<String>,
}

impl<'a> CdJob<'a> {
    /// Checks the settings (tight binding, independent particles).
    pub fn new(
        cluster: &'a Cluster,
        source: String,
        model: &ModelSettings,
        broadening: &BroadeningSettings,
    ) -> Result<Self> {
        let request = model.request(false)?;
        let b = broadening.broadening(&TIGHT_BINDING)?;
        Ok(CdJob {
            cluster,
            source,
            settings: *broadening,
            warnings: undersampled(&b).into_iter().collect(),
            broadening: b,
            request,
        })
    }

    /// The estimated peak memory.
    pub fn memory(&self) -> Result<MemoryEstimate> {
        estimate(self.cluster, &self.request, None, &self.broadening)
    }

    /// Computes absorption and rotatory strengths on `engine`.
    pub fn run(self, engine: &Engine, progress: &dyn Progress) -> Result<Cd> {
        let model = TightBindingSpectrum {
            cluster: self.cluster,
            source: self.source.clone(),
            request: &self.request,
            rotatory: Rotatory::All,
        };
        let calculation = model.compute(engine, &self.broadening, progress)?;
        let mut notes = Vec::new();
        let broadening =
            match self
                .settings
                .widened(&calculation, &self.broadening, &TIGHT_BINDING)?
            {
                Some((wider, note)) => {
                    notes.push(note);
                    wider
                }
                None => self.broadening,
            };
        let spectra = spectra(&calculation, &broadening, engine)?;
        Ok(Cd {
            calculation,
            spectra,
            broadening,
            notes,
            warnings: self.warnings,
        })
    }
}

/// The emission parameters beyond the model: reorganisation energy λ
/// (eV; Stokes shift 2λ), an optional vibronic progression (Huang–Rhys S,
/// mode ħω in eV), the temperature of the emitting population (K) and the
/// refractive index of the medium. Defaults: 0.1 eV, none, 298.15 K, 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EmissionSettings {
    pub reorganisation: f64,
    pub vibronic: Option<(f64, f64)>,
    pub temperature: f64,
    pub refractive_index: f64,
}

impl Default for EmissionSettings {
    fn default() -> Self {
        EmissionSettings {
            reorganisation: 0.1,
            vibronic: None,
            temperature: 298.15,
            refractive_index: 1.0,
        }
    }
}

/// Photoluminescence of one structure, checked before any heavy work.
pub struct EmissionJob<'a> {
    cluster: &'a Cluster,
    source: String,
    settings: BroadeningSettings,
    broadening: Broadening,
    request: TbRequest,
    model: EmissionModel,
    pub warnings: Vec<String>,
}

/// Absorption, emission and the calculation behind them.
pub struct Luminescence {
    pub calculation: Calculation,
    /// The absorption on the emission's grid.
    pub absorption: Spectrum,
    pub emission: Emission,
    pub broadening: Broadening,
    pub warnings: Vec<String>,
}

impl<'a> EmissionJob<'a> {
    /// Checks the settings.
    pub fn new(
        cluster: &'a Cluster,
        source: String,
        model: &ModelSettings,
        broadening: &BroadeningSettings,
        em: &EmissionSettings,
    ) -> Result<Self> {
        let request = model.request(false)?;
        let b = broadening.broadening(&TIGHT_BINDING)?;
        let model = EmissionModel {
            reorganisation: em.reorganisation,
            vibronic: em.vibronic,
            temperature: em.temperature,
            refractive_index: em.refractive_index,
            line_shape: b.shape,
            fwhm: b.fwhm,
        };
        model.validate()?;
        Ok(EmissionJob {
            cluster,
            source,
            settings: *broadening,
            warnings: undersampled(&b).into_iter().collect(),
            broadening: b,
            request,
            model,
        })
    }

    /// The estimated peak memory.
    pub fn memory(&self) -> Result<MemoryEstimate> {
        estimate(self.cluster, &self.request, None, &self.broadening)
    }

    /// Computes the emission on `engine`; without a range, the grid runs
    /// from 1 eV below the emission to 3 eV above the emitting state.
    pub fn run(self, engine: &Engine, progress: &dyn Progress) -> Result<Luminescence> {
        let kt = KB_EV_PER_K * self.model.temperature;
        let tb = TightBindingSpectrum {
            cluster: self.cluster,
            source: self.source.clone(),
            request: &self.request,
            rotatory: Rotatory::Lowest {
                window_ev: if kt > 0.0 {
                    BOLTZMANN_CUTOFF_KT * kt
                } else {
                    1e-6
                },
            },
        };
        let calculation = tb.compute(engine, &self.broadening, progress)?;
        let lines = calculation.lines().cloned().unwrap_or_default();
        let Some(&lowest) = lines.energy.first() else {
            return Err(Error::invalid(format!(
                "{}: no transitions, so no emission",
                self.source
            )));
        };
        let broadening = if self.settings.range.is_none() {
            let lo = (lowest - 2.0 * self.model.reorganisation - 1.0).max(0.05);
            self.settings.on_range((lo, lowest + 3.0), &TIGHT_BINDING)?
        } else {
            self.broadening
        };
        let absorption = spectrum(&calculation.main().response, &broadening, engine)?;
        let emission = emission(&lines, &broadening.grid, self.model)?;
        Ok(Luminescence {
            calculation,
            absorption,
            emission,
            broadening,
            warnings: self.warnings,
        })
    }
}
