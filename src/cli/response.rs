//! The response options of the tight-binding commands and the model they
//! pick: independent particles, or the collective response (RPA) by the
//! frequency route or in the transition space (Casida).

use clap::{Args, ValueEnum};

use clusterspec::model::tight_binding::Rotatory;
use clusterspec::rpa::{Route, RpaOptions, RpaSpectrum};
use clusterspec::{Broadening, Cluster, Model, Result, TbRequest, TightBindingSpectrum};

use super::options::{BroadeningDefaults, RESPONSE, TIGHT_BINDING};

/// Responses on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ResponseName {
    /// Collective response (RPA, Coulomb kernel between atomic charges),
    /// frequency route: χ⁰ as a spectral function and the Dyson equation at
    /// every frequency; Lorentzian line shape.
    Rpa,
    /// The same RPA in the transition space (Casida's equation) for the
    /// pairs below --casida-max-energy: discrete lines, any line shape.
    Casida,
    /// Independent particles: the single-particle transitions.
    Single,
}

/// How the spectrum responds.
#[derive(Args, Debug, Clone)]
pub struct ResponseOptions {
    /// `rpa` (collective, frequency route), `casida` (collective, discrete
    /// lines) or `single` (independent particles).
    #[arg(long, value_enum, default_value = "rpa")]
    pub response: ResponseName,
    /// Largest pair energy kept by the Casida route, eV [default: the top
    /// of the energy range + 2 eV].
    #[arg(long, value_name = "EV")]
    pub casida_max_energy: Option<f64>,
    /// Switch the polarisable d-electron dipoles of Ag, Au and Cu off (the
    /// collective response of the conduction electrons alone).
    #[arg(long)]
    pub no_d: bool,
    /// Scale the transition charges so that the pairs carry the f-sum of
    /// the conduction electrons (`on`), or leave the model's own (`off`).
    #[arg(long, value_enum, default_value = "on")]
    pub f_sum_scale: super::options::Switch,
}

impl ResponseOptions {
    /// Whether the response is collective (RPA by either route).
    pub fn collective(&self) -> bool {
        self.response != ResponseName::Single
    }

    /// The response in a few words for plot titles.
    pub fn describe(&self) -> String {
        let d = if self.no_d { ", no d screening" } else { "" };
        match self.response {
            ResponseName::Rpa => format!("RPA{d}"),
            ResponseName::Casida => format!("RPA (Casida){d}"),
            ResponseName::Single => "independent particles".into(),
        }
    }

    /// The broadening defaults of this response.
    pub fn defaults(&self) -> &'static BroadeningDefaults {
        match self.response {
            ResponseName::Rpa => &RESPONSE,
            _ => &TIGHT_BINDING,
        }
    }

    /// The collective-response options, or `None` for independent particles.
    pub fn rpa_options(&self, broadening: &Broadening) -> Option<RpaOptions> {
        let route = match self.response {
            ResponseName::Single => return None,
            ResponseName::Rpa => Route::Frequency { bin_width_ev: None },
            ResponseName::Casida => Route::Casida {
                max_energy_ev: self.casida_max_energy.unwrap_or(broadening.grid.end + 2.0),
            },
        };
        Some(RpaOptions {
            route,
            coupling: 1.0,
            d_screening: !self.no_d,
            sum_rule_scaling: self.f_sum_scale == super::options::Switch::On,
        })
    }

    /// The model for `cluster`.
    pub fn model<'a>(
        &self,
        cluster: &'a Cluster,
        source: String,
        request: &'a TbRequest,
        broadening: &Broadening,
    ) -> Box<dyn Model + 'a> {
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
}

/// Checks the response options against the broadening, before anything
/// is computed.
pub fn check(options: &ResponseOptions, broadening: &Broadening) -> Result<()> {
    match options.rpa_options(broadening) {
        Some(o) => o.check(broadening),
        None => Ok(()),
    }
}
