//! A composition sweep: random substitutional alloys of a base cluster at
//! several dopant fractions, several seeded configurations each, with the
//! mean spectrum and its spread per fraction.

use std::path::Path;

use crate::engine::Engine;
use crate::ensemble::{
    BATCH, CompositionSummary, Configuration, SweepRequest, run_configurations, summarise,
};
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::rpa::memory::{MemoryEstimate, estimate};
use crate::structure::builders::{Shape, build};
use crate::structure::xyz::read_xyz;
use crate::structure::{Cluster, Element};

use super::settings::{BroadeningSettings, ModelSettings, ResponseSettings, undersampled};

/// The base structure of a sweep: an XYZ file at `spec`, or a builder
/// `icosahedron:K`, `cuboctahedron:K`, `octahedron:L` or `sphere:R` (Å) of
/// `element`.
pub fn base_structure(spec: &str, element: Element) -> Result<Cluster> {
    if Path::new(spec).exists() {
        return read_xyz(Path::new(spec));
    }
    let bad = || {
        Error::invalid(format!(
            "base `{spec}`: not a file, nor icosahedron:K, cuboctahedron:K, octahedron:L or sphere:R"
        ))
    };
    let (shape, size) = spec.split_once(':').ok_or_else(bad)?;
    let int = || size.parse::<usize>().map_err(|_| bad());
    let shape = match shape {
        "icosahedron" => Shape::Icosahedron { shells: int()? },
        "cuboctahedron" => Shape::Cuboctahedron { shells: int()? },
        "octahedron" => Shape::Octahedron {
            length: int()?,
            cutoff: 0,
        },
        "sphere" => Shape::Sphere {
            radius: size.parse().map_err(|_| bad())?,
        },
        _ => return Err(bad()),
    };
    build(&shape, element, None)
}

/// The most fractions of one sweep.
pub const MAX_COMPOSITIONS: usize = 101;

/// The most random configurations per fraction.
pub const MAX_CONFIGURATIONS: usize = 10_000;

/// Everything a sweep is asked with. Defaults: Ag into the base, fractions
/// 0, 0.25, 0.5, 0.75, 1, ten configurations each, seed 1, and the
/// defaults of an absorption spectrum.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepSettings {
    pub dopant: Element,
    /// Fractions of the atoms replaced by the dopant, 0 … 1.
    pub compositions: Vec<f64>,
    /// Random configurations per fraction.
    pub configurations: usize,
    /// Seed of the whole sweep.
    pub seed: u64,
    pub model: ModelSettings,
    pub response: ResponseSettings,
    pub broadening: BroadeningSettings,
}

impl Default for SweepSettings {
    fn default() -> Self {
        SweepSettings {
            dopant: Element::Ag,
            compositions: vec![0.0, 0.25, 0.5, 0.75, 1.0],
            configurations: 10,
            seed: 1,
            model: ModelSettings::default(),
            response: ResponseSettings::default(),
            broadening: BroadeningSettings::default(),
        }
    }
}

/// A checked sweep, before any heavy work.
pub struct SweepJob {
    pub request: SweepRequest,
    pub notes: Vec<String>,
    pub warnings: Vec<String>,
}

/// The configurations of a sweep and their summary per fraction.
pub struct Sweep {
    pub configurations: Vec<Configuration>,
    pub summaries: Vec<CompositionSummary>,
}

impl SweepJob {
    /// Checks the settings for alloys of `base`.
    pub fn new(base: Cluster, s: &SweepSettings) -> Result<Self> {
        if s.compositions.is_empty() || s.compositions.len() > MAX_COMPOSITIONS {
            return Err(Error::setting(
                "compositions",
                s.compositions.len(),
                format!("a sweep takes 1 … {MAX_COMPOSITIONS} fractions"),
            ));
        }
        if let Some(x) = s.compositions.iter().find(|x| !(0.0..=1.0).contains(*x)) {
            return Err(Error::setting(
                "compositions",
                x,
                "every fraction of dopant atoms must lie between 0 and 1",
            ));
        }
        if !(1..=MAX_CONFIGURATIONS).contains(&s.configurations) {
            return Err(Error::setting(
                "configurations",
                s.configurations,
                format!(
                    "must lie in 1 … {MAX_CONFIGURATIONS} per fraction (the spread of the mean \
                     falls as 1/√n: a few dozen configurations settle it)"
                ),
            ));
        }
        let mut response = s.response.clone();
        let notes: Vec<String> = response.settle(&s.model)?.into_iter().collect();
        let broadening = s.broadening.broadening(response.defaults())?;
        response.check(&broadening)?;
        let request = SweepRequest {
            base,
            dopant: s.dopant,
            fractions: s.compositions.clone(),
            configurations: s.configurations,
            seed: s.seed,
            tight_binding: s.model.request(response.collective())?,
            response: response.rpa_options(&broadening),
            broadening,
        };
        Ok(SweepJob {
            request,
            notes,
            warnings: undersampled(&broadening).into_iter().collect(),
        })
    }

    /// The estimated peak memory of the configurations computed together.
    pub fn memory(&self) -> Result<MemoryEstimate> {
        let r = &self.request;
        let one = estimate(
            &r.base,
            &r.tight_binding,
            r.response.as_ref(),
            &r.broadening,
        )?;
        Ok(one.batch((r.fractions.len() * r.configurations).min(BATCH)))
    }

    /// Runs every configuration (resuming from and appending to
    /// `checkpoint` when given).
    pub fn run(
        &self,
        engine: &Engine,
        checkpoint: Option<&Path>,
        progress: &dyn Progress,
    ) -> Result<Sweep> {
        let configurations = run_configurations(&self.request, engine, checkpoint, progress)?;
        let summaries = summarise(&self.request, &configurations);
        Ok(Sweep {
            configurations,
            summaries,
        })
    }
}
