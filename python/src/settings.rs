//! Python keyword arguments to the library's settings: names as strings
//! ("rpa", "gaussian", …) checked here, numbers checked by the library.

use std::path::PathBuf;

use clusterspec::LineShape;
use clusterspec::engine::BackendChoice;
use clusterspec::job::{BroadeningSettings, ModelSettings, ResponseKind, ResponseSettings};
use clusterspec::rpa::DResponse;
use pyo3::prelude::*;

use crate::errors::bad_value;

/// The model and its electrons (see `clusterspec.absorption`).
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
pub struct Model {
    pub model: String,
    pub skf: Option<PathBuf>,
    pub params: Option<PathBuf>,
    pub charge: i32,
    pub ligands: u32,
    pub temperature: f64,
    pub scc: Option<bool>,
}

impl Model {
    pub fn settings(self) -> ModelSettings {
        ModelSettings {
            model: self.model,
            skf: self.skf,
            params: self.params,
            charge: self.charge,
            ligands: self.ligands,
            temperature: self.temperature,
            scc: self.scc,
        }
    }
}

/// How the spectrum responds.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
pub struct Response {
    pub response: Option<String>,
    pub casida_max_energy: Option<f64>,
    pub no_d: bool,
    pub d_response: Option<String>,
    pub f_sum_scale: bool,
}

impl Response {
    pub fn settings(self) -> PyResult<ResponseSettings> {
        let response = match self.response.as_deref() {
            None => None,
            Some("rpa") => Some(ResponseKind::Rpa),
            Some("casida") => Some(ResponseKind::Casida),
            Some("single") => Some(ResponseKind::Single),
            Some(other) => {
                return Err(bad_value(
                    "response",
                    other,
                    "'rpa', 'casida', 'single' or None",
                ));
            }
        };
        let d_response = match self.d_response.as_deref() {
            None => None,
            Some("static") => Some(DResponse::Static),
            Some("dynamic") => Some(DResponse::Dynamic),
            Some(other) => {
                return Err(bad_value(
                    "d_response",
                    other,
                    "'static', 'dynamic' or None",
                ));
            }
        };
        Ok(ResponseSettings {
            response,
            casida_max_energy: self.casida_max_energy,
            no_d: self.no_d,
            d_response,
            f_sum_scale: self.f_sum_scale,
        })
    }
}

/// Where and how lines are broadened.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
pub struct Broadening {
    pub fwhm: Option<f64>,
    pub lineshape: Option<String>,
    pub eta: f64,
    pub energy_range: Option<(f64, f64)>,
    pub points: Option<usize>,
}

impl Broadening {
    pub fn settings(self) -> PyResult<BroadeningSettings> {
        let lineshape = match self.lineshape.as_deref() {
            None => None,
            Some("gaussian") => Some(LineShape::Gaussian),
            Some("lorentzian") => Some(LineShape::Lorentzian),
            Some("voigt") => Some(LineShape::PseudoVoigt { eta: self.eta }),
            Some(other) => {
                return Err(bad_value(
                    "lineshape",
                    other,
                    "'gaussian', 'lorentzian', 'voigt' or None",
                ));
            }
        };
        Ok(BroadeningSettings {
            fwhm: self.fwhm,
            lineshape,
            range: self.energy_range,
            points: self.points,
        })
    }
}

/// Where the heavy stages run and how much memory they may use.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
pub struct Run {
    pub backend: String,
    pub max_memory: Option<f64>,
}

impl Run {
    pub fn backend(&self) -> PyResult<BackendChoice> {
        match self.backend.as_str() {
            "auto" => Ok(BackendChoice::Auto),
            "gpu" => Ok(BackendChoice::Gpu),
            "cpu" => Ok(BackendChoice::Cpu),
            other => Err(bad_value("backend", other, "'auto', 'gpu' or 'cpu'")),
        }
    }
}
