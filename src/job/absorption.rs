//! The absorption spectrum of a structure: tight binding (independent
//! particles or the RPA) or DFTB (independent particles or TD-DFTB).

use crate::engine::Engine;
use crate::error::Result;
use crate::model::dftb::DftbRequest;
use crate::model::tight_binding::TbRequest;
use crate::progress::Progress;
use crate::response::{Broadening, Calculation, Spectrum, spectra};
use crate::rpa::memory::MemoryEstimate;
use crate::structure::Cluster;

use super::settings::{BroadeningSettings, ModelSettings, ResponseSettings, undersampled};

/// Everything an absorption spectrum is asked with.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AbsorptionSettings {
    pub model: ModelSettings,
    pub response: ResponseSettings,
    pub broadening: BroadeningSettings,
}

enum Request {
    TightBinding(TbRequest),
    Dftb(DftbRequest),
}

/// A checked absorption calculation of one structure, before any heavy
/// work: its memory estimate can be checked against a limit
/// ([`crate::rpa::memory::check`]) before [`AbsorptionJob::run`].
pub struct AbsorptionJob<'a> {
    cluster: &'a Cluster,
    source: String,
    response: ResponseSettings,
    settings: BroadeningSettings,
    broadening: Broadening,
    request: Request,
    /// Notes on choices made for the user (a default response replaced).
    pub notes: Vec<String>,
    /// Warnings (a line width the grid undersamples).
    pub warnings: Vec<String>,
}

/// A computed absorption spectrum.
pub struct Absorption {
    pub calculation: Calculation,
    /// One spectrum per component of the calculation.
    pub spectra: Vec<Spectrum>,
    /// The broadening used (the range may have been widened to show the
    /// first bright line).
    pub broadening: Broadening,
    pub notes: Vec<String>,
    pub warnings: Vec<String>,
}

impl<'a> AbsorptionJob<'a> {
    /// Checks `settings` for `cluster` (named `source` in reports): the
    /// model, the response, the broadening and their combination.
    pub fn new(
        cluster: &'a Cluster,
        source: String,
        settings: &AbsorptionSettings,
    ) -> Result<Self> {
        let mut response = settings.response.clone();
        let notes: Vec<String> = response.settle(&settings.model)?.into_iter().collect();
        let broadening = settings.broadening.broadening(response.defaults())?;
        let warnings: Vec<String> = undersampled(&broadening).into_iter().collect();
        response.check(&broadening)?;
        let request = if settings.model.is_dftb() {
            Request::Dftb(settings.model.dftb_request()?)
        } else {
            Request::TightBinding(settings.model.request(response.collective())?)
        };
        Ok(AbsorptionJob {
            cluster,
            source,
            response,
            settings: settings.broadening,
            broadening,
            request,
            notes,
            warnings,
        })
    }

    /// The estimated peak memory of [`AbsorptionJob::run`].
    pub fn memory(&self) -> Result<MemoryEstimate> {
        match &self.request {
            Request::Dftb(r) => crate::tddftb::memory_estimate(
                self.cluster,
                r,
                self.response.route(&self.broadening),
                &self.broadening,
            ),
            Request::TightBinding(r) => crate::rpa::memory::estimate(
                self.cluster,
                r,
                self.response.rpa_options(&self.broadening).as_ref(),
                &self.broadening,
            ),
        }
    }

    /// Computes the spectrum on `engine`.
    pub fn run(self, engine: &Engine, progress: &dyn Progress) -> Result<Absorption> {
        let b = &self.broadening;
        let calculation = match &self.request {
            Request::Dftb(r) => self
                .response
                .dftb_model(self.cluster, self.source.clone(), r, b)
                .compute(engine, b, progress)?,
            Request::TightBinding(r) => self
                .response
                .model(self.cluster, self.source.clone(), r, b)
                .compute(engine, b, progress)?,
        };
        let mut notes = self.notes;
        let widened = self
            .settings
            .widened(&calculation, b, self.response.defaults())?;
        let broadening = match widened {
            Some((wider, note)) => {
                notes.push(note);
                wider
            }
            None => self.broadening,
        };
        let spectra = spectra(&calculation, &broadening, engine)?;
        Ok(Absorption {
            calculation,
            spectra,
            broadening,
            notes,
            warnings: self.warnings,
        })
    }
}
