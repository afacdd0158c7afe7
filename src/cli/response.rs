//! The response options of the tight-binding commands and the model they
//! pick: independent particles, or the collective response (RPA) by the
//! frequency route or in the transition space (Casida).

use clap::{Args, ValueEnum};

use clusterspec::job::{BroadeningDefaults, ResponseKind, ResponseSettings};
use clusterspec::rpa::{DResponse, RpaOptions};
use clusterspec::{Broadening, Cluster, Model, Result, TbRequest};

use super::options::{ModelOptions, Switch};

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
    pub f_sum_scale: Switch,
}

impl ResponseOptions {
    /// The library's response settings from these options.
    pub fn settings(&self) -> ResponseSettings {
        ResponseSettings {
            response: self.response.map(|r| match r {
                ResponseName::Rpa => ResponseKind::Rpa,
                ResponseName::Casida => ResponseKind::Casida,
                ResponseName::Single => ResponseKind::Single,
            }),
            casida_max_energy: self.casida_max_energy,
            no_d: self.no_d,
            d_response: self.d_response.map(|d| match d {
                DResponseName::Static => DResponse::Static,
                DResponseName::Dynamic => DResponse::Dynamic,
            }),
            f_sum_scale: self.f_sum_scale == Switch::On,
        }
    }

    /// Fills in the default response for `model` (run once, before the
    /// other methods), printing the library's note unless `quiet`.
    pub fn settle(&mut self, model: &ModelOptions, quiet: bool) -> Result<()> {
        let mut settings = self.settings();
        let note = settings.settle(&model.settings())?;
        if let (Some(note), false) = (note, quiet) {
            eprintln!("note: {note}");
        }
        self.response = Some(match settings.kind() {
            ResponseKind::Rpa => ResponseName::Rpa,
            ResponseKind::Casida => ResponseName::Casida,
            ResponseKind::Single => ResponseName::Single,
        });
        Ok(())
    }

    /// The response (rpa until [`ResponseOptions::settle`] chose).
    pub fn name(&self) -> ResponseName {
        self.response.unwrap_or(ResponseName::Rpa)
    }

    /// Whether the response is collective (RPA by either route).
    pub fn collective(&self) -> bool {
        self.settings().collective()
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
        self.settings().defaults()
    }

    /// The collective-response options, or `None` for independent particles.
    pub fn rpa_options(&self, broadening: &Broadening) -> Option<RpaOptions> {
        self.settings().rpa_options(broadening)
    }

    /// The tight-binding model for `cluster`.
    pub fn model<'a>(
        &self,
        cluster: &'a Cluster,
        source: String,
        request: &'a TbRequest,
        broadening: &Broadening,
    ) -> Box<dyn Model + 'a> {
        self.settings().model(cluster, source, request, broadening)
    }
}

/// Checks the response options against the broadening, before anything
/// is computed.
pub fn check(options: &ResponseOptions, broadening: &Broadening) -> Result<()> {
    options.settings().check(broadening)
}
