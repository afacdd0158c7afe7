//! The response options of the tight-binding commands and the model they
//! pick: independent particles, or the collective response (RPA) by the
//! frequency route or in the transition space (Casida).

use clap::{Args, ValueEnum};

use clusterspec::model::dftb::{DftbRequest, DftbSpectrum};
use clusterspec::model::tight_binding::Rotatory;
use clusterspec::rpa::{DResponse, Route, RpaOptions, RpaSpectrum, check_basis};
use clusterspec::tddftb::TdDftbSpectrum;
use clusterspec::{Broadening, Cluster, Model, Result, TbRequest, TightBindingSpectrum};

use super::options::{BroadeningDefaults, ModelOptions, RESPONSE, Switch, TIGHT_BINDING};

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

/// How the d-electron dipoles respond, on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DResponseName {
    /// A real polarisability from the interband ε_ib at the bulk Fröhlich
    /// energy: the d electrons screen, they do not absorb.
    Static,
    /// α(ω) from the measured complex ε_ib(ω) (Johnson & Christy less its
    /// Drude part): the d electrons screen and absorb, which damps and
    /// red-shifts the gold and copper plasmons. Frequency route only.
    Dynamic,
}

/// How the spectrum responds.
#[derive(Args, Debug, Clone)]
pub struct ResponseOptions {
    /// `rpa` (collective, frequency route), `casida` (collective, discrete
    /// lines) or `single` (independent particles) [default: rpa in the s
    /// model; single in spd, whose collective response is refused: it
    /// loses the plasmon].
    #[arg(long, value_enum)]
    pub response: Option<ResponseName>,
    /// Largest pair energy kept by the Casida route, eV [default: the top
    /// of the energy range + 2 eV].
    #[arg(long, value_name = "EV")]
    pub casida_max_energy: Option<f64>,
    /// Switch the polarisable d-electron dipoles of Ag, Au and Cu off (the
    /// collective response of the conduction electrons alone).
    #[arg(long)]
    pub no_d: bool,
    /// `dynamic` (the d dipoles' α(ω) from the measured ε_ib(ω): interband
    /// screening and absorption) or `static` (a real ε_ib) [default:
    /// dynamic for rpa; casida takes static only].
    #[arg(long, value_enum, value_name = "static|dynamic")]
    pub d_response: Option<DResponseName>,
    /// Scale the transition charges so that the pairs carry the f-sum of
    /// the conduction electrons (`on`), or leave the model's own (`off`).
    #[arg(long, value_enum, default_value = "on")]
    pub f_sum_scale: super::options::Switch,
}

impl ResponseOptions {
    /// Fills in the default response for `model` (run once, before the
    /// other methods): rpa, or single where the basis has more than one
    /// orbital per atom (with a note unless `quiet`). An explicit collective
    /// response in such a basis is an error saying why.
    pub fn settle(&mut self, model: &ModelOptions, quiet: bool) -> Result<()> {
        if model.is_dftb() {
            // TD-DFTB by either route, or independent particles.
            if self.no_d || self.d_response.is_some() || self.f_sum_scale == Switch::Off {
                return Err(clusterspec::Error::invalid(
                    "--no-d, --d-response and --f-sum-scale belong to the tight-binding RPA; \
                     DFTB has the d orbitals in its basis",
                ));
            }
            self.response.get_or_insert(ResponseName::Rpa);
            return Ok(());
        }
        let tb = model.model()?;
        match self.response {
            Some(ResponseName::Single) => {}
            Some(_) => check_basis(&tb, None)?,
            None if check_basis(&tb, None).is_err() => {
                if !quiet {
                    eprintln!(
                        "note: the {} model's spectrum is computed for independent particles \
                         (--response single): its collective response is refused, it loses the \
                         plasmon; --model s gives the collective response",
                        tb.params.name
                    );
                }
                self.response = Some(ResponseName::Single);
            }
            None => self.response = Some(ResponseName::Rpa),
        }
        Ok(())
    }

    /// The response (rpa until [`ResponseOptions::settle`] chose).
    pub fn name(&self) -> ResponseName {
        self.response.unwrap_or(ResponseName::Rpa)
    }

    /// Whether the response is collective (RPA by either route).
    pub fn collective(&self) -> bool {
        self.name() != ResponseName::Single
    }

    /// The response in a few words for plot titles.
    pub fn describe(&self) -> String {
        let d = if self.no_d {
            ", no d screening"
        } else if self.d_response == Some(DResponseName::Static) && self.name() == ResponseName::Rpa
        {
            ", static d"
        } else {
            ""
        };
        match self.name() {
            ResponseName::Rpa => format!("RPA{d}"),
            ResponseName::Casida => format!("RPA (Casida){d}"),
            ResponseName::Single => "independent particles".into(),
        }
    }

    /// The broadening defaults of this response.
    pub fn defaults(&self) -> &'static BroadeningDefaults {
        match self.name() {
            ResponseName::Rpa => &RESPONSE,
            _ => &TIGHT_BINDING,
        }
    }

    /// The route of the collective response, or `None` for independent
    /// particles.
    pub fn route(&self, broadening: &Broadening) -> Option<Route> {
        self.rpa_options(broadening).map(|o| o.route)
    }

    /// The collective-response options, or `None` for independent particles.
    pub fn rpa_options(&self, broadening: &Broadening) -> Option<RpaOptions> {
        let route = match self.name() {
            ResponseName::Single => return None,
            ResponseName::Rpa => Route::Frequency { bin_width_ev: None },
            ResponseName::Casida => Route::Casida {
                max_energy_ev: self.casida_max_energy.unwrap_or(broadening.grid.end + 2.0),
            },
        };
        let d_response = match (self.d_response, self.name()) {
            (Some(DResponseName::Static), _) | (None, ResponseName::Casida) => DResponse::Static,
            (Some(DResponseName::Dynamic), _) | (None, _) => DResponse::Dynamic,
        };
        Some(RpaOptions {
            route,
            coupling: 1.0,
            d_screening: !self.no_d,
            d_response,
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

/// The DFTB model of the response: independent particles, or TD-DFTB by
/// the route `route`.
pub fn dftb_model<'a>(
    cluster: &'a Cluster,
    source: String,
    request: &'a DftbRequest,
    route: Option<Route>,
) -> Box<dyn Model + 'a> {
    match route {
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

/// Checks the response options against the broadening, before anything
/// is computed.
pub fn check(options: &ResponseOptions, broadening: &Broadening) -> Result<()> {
    match options.rpa_options(broadening) {
        Some(o) => o.check(broadening),
        None => Ok(()),
    }
}
