//! `clusterspec._native`: the library's jobs for Python. The pure-Python
//! package `clusterspec` gives these functions their defaults, docstrings
//! and result classes; everything here is a thin mapping onto
//! `clusterspec::job`, so the numbers are the command line's.

mod errors;
mod outcome;
mod settings;
mod worker;

use std::path::PathBuf;

use clusterspec::io::header::RunHeader;
use clusterspec::jellium::Coupling;
use clusterspec::job::chiroptical::{CdJob, EmissionJob, EmissionSettings};
use clusterspec::job::jellium::{JelliumJob, JelliumSettings};
use clusterspec::job::mie::{MieJob, MieSettings, label, title};
use clusterspec::job::sweep::{SweepJob, SweepSettings};
use clusterspec::job::{AbsorptionJob, AbsorptionSettings};
use clusterspec::optics::DataSet;
use clusterspec::optics::particle::{Distribution, Material, Method, Particle};
use clusterspec::rpa::memory::{MemoryEstimate, check};
use clusterspec::structure::arrays::from_arrays;
use clusterspec::structure::xyz::read_xyz;
use clusterspec::{Cluster, Element, Engine, Result};
use numpy::PyReadonlyArray2;
use pyo3::prelude::*;

use errors::{bad_value, to_py};
use outcome::{Native, Outcome};
use settings::{Broadening, Model, Response, Run};

/// What to change when a tight-binding or DFTB run is refused for memory.
const ADVICE: &str = "try response='single', fewer points, a narrower energy_range or a larger \
    fwhm, the s model, or the classical model (clusterspec.mie)";

/// A structure: a path to an XYZ file, or (name, symbols, positions in Å).
fn structure(s: &Bound<'_, PyAny>) -> PyResult<(Cluster, String)> {
    if let Ok(path) = s.extract::<PathBuf>() {
        let name = path.display().to_string();
        return Ok((read_xyz(&path).map_err(to_py)?, name));
    }
    let (name, symbols, positions): (String, Vec<String>, PyReadonlyArray2<'_, f64>) =
        s.extract()?;
    let array = positions.as_array();
    if array.ncols() != 3 {
        return Err(bad_value(
            "positions",
            &format!("shape {:?}", array.shape()),
            "an N×3 array of Å",
        ));
    }
    let rows: Vec<[f64; 3]> = array
        .rows()
        .into_iter()
        .map(|r| [r[0], r[1], r[2]])
        .collect();
    Ok((from_arrays(&name, &symbols, &rows).map_err(to_py)?, name))
}

/// Checks a memory estimate against `max_memory` (GiB; None: available).
fn memory(e: &MemoryEstimate, run: &Run) -> Result<()> {
    check(e.total(), &e.breakdown(), ADVICE, run.max_memory)
}

fn header(call: String, engine: &Engine) -> RunHeader {
    RunHeader::new(vec!["python".into(), call], engine)
}

/// Absorption spectrum of a structure (see `clusterspec.absorption`).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn absorption(
    py: Python<'_>,
    atoms: &Bound<'_, PyAny>,
    call: String,
    model: Model,
    response: Response,
    broadening: Broadening,
    run: Run,
    progress: Option<Py<PyAny>>,
) -> PyResult<Native> {
    let (cluster, source) = structure(atoms)?;
    let settings = AbsorptionSettings {
        model: model.settings(),
        response: response.settings()?,
        broadening: broadening.settings()?,
    };
    let backend = run.backend()?;
    worker::run(py, progress, move |p| {
        let job = AbsorptionJob::new(&cluster, source, &settings)?;
        memory(&job.memory()?, &run)?;
        let engine = Engine::new(backend)?;
        let done = job.run(&engine, p)?;
        Native::new(
            Outcome::Spectrum {
                calc: done.calculation,
                spectra: done.spectra,
            },
            header(call, &engine),
            done.notes,
            done.warnings,
        )
    })
}

/// Absorption and circular dichroism (see `clusterspec.cd`).
#[pyfunction]
fn cd(
    py: Python<'_>,
    atoms: &Bound<'_, PyAny>,
    call: String,
    model: Model,
    broadening: Broadening,
    run: Run,
    progress: Option<Py<PyAny>>,
) -> PyResult<Native> {
    let (cluster, source) = structure(atoms)?;
    let (model, broadening) = (model.settings(), broadening.settings()?);
    let backend = run.backend()?;
    worker::run(py, progress, move |p| {
        let job = CdJob::new(&cluster, source, &model, &broadening)?;
        memory(&job.memory()?, &run)?;
        let engine = Engine::new(backend)?;
        let warnings = job.warnings.clone();
        let done = job.run(&engine, p)?;
        Native::new(
            Outcome::Spectrum {
                calc: done.calculation,
                spectra: done.spectra,
            },
            header(call, &engine),
            done.notes,
            warnings,
        )
    })
}

/// Photoluminescence (see `clusterspec.emission`).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn emission(
    py: Python<'_>,
    atoms: &Bound<'_, PyAny>,
    call: String,
    model: Model,
    broadening: Broadening,
    run: Run,
    reorganisation: f64,
    vibronic: Option<(f64, f64)>,
    temperature: f64,
    refractive_index: f64,
    progress: Option<Py<PyAny>>,
) -> PyResult<Native> {
    let (cluster, source) = structure(atoms)?;
    let (model, broadening) = (model.settings(), broadening.settings()?);
    let em = EmissionSettings {
        reorganisation,
        vibronic,
        temperature,
        refractive_index,
    };
    let backend = run.backend()?;
    worker::run(py, progress, move |p| {
        let job = EmissionJob::new(&cluster, source, &model, &broadening, &em)?;
        memory(&job.memory()?, &run)?;
        let engine = Engine::new(backend)?;
        let done = job.run(&engine, p)?;
        Native::new(
            Outcome::Emission {
                calc: done.calculation,
                absorption: done.absorption,
                emission: done.emission,
            },
            header(call, &engine),
            Vec::new(),
            done.warnings,
        )
    })
}

/// The jellium sphere's TDLDA spectrum (see `clusterspec.jellium`).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn jellium(
    py: Python<'_>,
    call: String,
    element: Option<String>,
    rs: Option<f64>,
    valence: Option<u32>,
    atoms: usize,
    charge: i32,
    no_d: bool,
    eps_d: Option<f64>,
    d_skin: Option<f64>,
    kernel: String,
    max_excitation: f64,
    step: f64,
    mixing: f64,
    broadening: Broadening,
    run: Run,
    progress: Option<Py<PyAny>>,
) -> PyResult<Native> {
    let coupling = match kernel.as_str() {
        "tdlda" => Coupling::Tdlda,
        "off" => Coupling::Off,
        other => return Err(bad_value("kernel", other, "'tdlda' or 'off'")),
    };
    let settings = JelliumSettings {
        element,
        rs,
        valence,
        atoms,
        charge,
        no_d,
        eps_d,
        d_skin,
        coupling,
        max_excitation,
        step,
        mixing,
        broadening: broadening.settings()?,
    };
    let backend = run.backend()?;
    worker::run(py, progress, move |p| {
        let job = JelliumJob::new(&settings)?;
        let (bytes, breakdown) = job.memory();
        check(
            bytes,
            &breakdown,
            "use fewer atoms or a smaller max_excitation",
            run.max_memory,
        )?;
        let engine = Engine::new(backend)?;
        let done = job.run(&engine, p)?;
        Native::new(
            Outcome::Spectrum {
                calc: done.calculation,
                spectra: done.spectra,
            },
            header(call, &engine),
            Vec::new(),
            done.warnings,
        )
    })
}

/// A material from keyword `name`.
fn material(name: &'static str, text: &str) -> PyResult<Material> {
    Material::parse(text).map_err(|e| match e {
        clusterspec::Error::Setting {
            value, requirement, ..
        } => to_py(clusterspec::Error::Setting {
            name,
            value,
            requirement,
        }),
        other => to_py(other),
    })
}

/// Classical spectrum of one particle (see `clusterspec.mie`).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn mie(
    py: Python<'_>,
    call: String,
    material_name: Option<String>,
    diameter: Option<f64>,
    core: Option<String>,
    core_diameter: Option<f64>,
    shell: Option<String>,
    shell_thickness: Option<f64>,
    medium: f64,
    diameter_sd: Option<f64>,
    distribution: String,
    damping_a: f64,
    data: String,
    method: String,
    wavelength_range: (f64, f64),
    points: usize,
    run: Run,
) -> PyResult<Native> {
    let particle = match (material_name, core) {
        (Some(m), None) => {
            let d = diameter
                .ok_or_else(|| bad_value("diameter", "None", "the sphere's diameter in nm"))?;
            Particle::sphere(material("material", &m)?, d)
        }
        (None, Some(c)) => {
            let (Some(d), Some(s), Some(t)) = (core_diameter, shell, shell_thickness) else {
                return Err(bad_value(
                    "core",
                    &c,
                    "core_diameter, shell and shell_thickness with it",
                ));
            };
            Particle {
                core: material("core", &c)?,
                core_diameter_nm: d,
                shells: vec![(material("shell", &s)?, t)],
            }
        }
        _ => {
            return Err(bad_value(
                "material",
                "",
                "either material= (Au, Ag, Cu or 'Au:0.3,Ag:0.7') with diameter=, or core= \
                 with core_diameter=, shell=, shell_thickness=",
            ));
        }
    };
    let distribution = match (diameter_sd, distribution.as_str()) {
        (None, _) => Distribution::Single,
        (Some(sd), "normal") => Distribution::Normal { sd_nm: sd },
        (Some(sd), "log-normal") => Distribution::LogNormal { sd_nm: sd },
        (_, other) => return Err(bad_value("distribution", other, "'normal' or 'log-normal'")),
    };
    let settings = MieSettings {
        medium,
        damping_a,
        data: match data.as_str() {
            "johnson-christy" => DataSet::JohnsonChristy,
            "mcpeak" => DataSet::McPeak,
            other => return Err(bad_value("data", other, "'johnson-christy' or 'mcpeak'")),
        },
        method: match method.as_str() {
            "mie" => Method::Mie,
            "quasi-static" => Method::QuasiStatic,
            other => return Err(bad_value("method", other, "'mie' or 'quasi-static'")),
        },
        distribution,
        wavelengths: wavelength_range,
        points,
    };
    let backend = run.backend()?;
    worker::run(py, None, move |_| {
        let job = MieJob::new(vec![particle.clone()], &settings)?;
        let (bytes, breakdown) = job.memory();
        check(
            bytes,
            &breakdown,
            "use fewer points or no size distribution",
            run.max_memory,
        )?;
        let engine = Engine::new(backend)?;
        let spectra = job.run(&engine)?;
        let requests = job.requests().to_vec();
        let labels = requests
            .iter()
            .zip(&spectra)
            .map(|(r, s)| label(r, s))
            .collect();
        Native::new(
            Outcome::Mie {
                title: title(&particle, &settings),
                labels,
                requests,
                spectra,
            },
            header(call, &engine),
            Vec::new(),
            job.warnings,
        )
    })
}

/// A composition sweep of random alloys (see `clusterspec.sweep`).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn sweep(
    py: Python<'_>,
    base: &Bound<'_, PyAny>,
    call: String,
    dopant: String,
    compositions: Vec<f64>,
    configurations: usize,
    seed: u64,
    model: Model,
    response: Response,
    broadening: Broadening,
    run: Run,
    progress: Option<Py<PyAny>>,
) -> PyResult<Native> {
    let (cluster, _) = structure(base)?;
    let dopant: Element = dopant
        .parse()
        .map_err(|_| bad_value("dopant", &dopant, "an element symbol (Ag, Au, Cu)"))?;
    let settings = SweepSettings {
        dopant,
        compositions,
        configurations,
        seed,
        model: model.settings(),
        response: response.settings()?,
        broadening: broadening.settings()?,
    };
    let backend = run.backend()?;
    worker::run(py, progress, move |p| {
        let job = SweepJob::new(cluster, &settings)?;
        memory(&job.memory()?, &run)?;
        let engine = Engine::new(backend)?;
        let done = job.run(&engine, None, p)?;
        Native::new(
            Outcome::Sweep {
                request: job.request,
                summaries: done.summaries,
                configurations: done.configurations,
            },
            header(call, &engine),
            job.notes,
            job.warnings,
        )
    })
}

/// The version of the clusterspec library behind this binding.
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Native>()?;
    m.add_function(wrap_pyfunction!(absorption, m)?)?;
    m.add_function(wrap_pyfunction!(cd, m)?)?;
    m.add_function(wrap_pyfunction!(emission, m)?)?;
    m.add_function(wrap_pyfunction!(jellium, m)?)?;
    m.add_function(wrap_pyfunction!(mie, m)?)?;
    m.add_function(wrap_pyfunction!(sweep, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    Ok(())
}
