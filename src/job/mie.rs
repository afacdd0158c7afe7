//! Classical spectra of spheres and core–shell particles in a medium (Mie
//! theory or its dipole limit), with the defaults of the command line and
//! the bounds on work checked before anything runs.

use crate::classical::spectra;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::optics::DataSet;
use crate::optics::particle::{
    ClassicalRequest, ClassicalSpectrum, Distribution, MIN_DIAMETER_NM, Method, Particle,
};
use crate::optics::plan::{Work, work};
use crate::rpa::memory::BASELINE_BYTES;

/// The longest a classical run may take on the CPU before it is refused,
/// seconds (estimated from the work; see [`Work::cpu_seconds`]).
pub const MAX_CPU_SECONDS: f64 = 600.0;

/// The most wavelengths of one spectrum.
pub const MAX_POINTS: usize = 100_000;

/// How the particles are seen: the medium, the damping, the optical
/// constants, the method, the size distribution and the wavelengths.
/// Defaults: water (n = 1.333), A = 1, Johnson & Christy, full Mie theory,
/// one size, 300–900 nm in 601 points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MieSettings {
    /// Refractive index of the medium.
    pub medium: f64,
    /// A of the surface damping ħγ(R) = ħγ_bulk + A ħv_F/R.
    pub damping_a: f64,
    pub data: DataSet,
    pub method: Method,
    pub distribution: Distribution,
    /// Vacuum wavelengths, nm.
    pub wavelengths: (f64, f64),
    pub points: usize,
}

impl Default for MieSettings {
    fn default() -> Self {
        MieSettings {
            medium: 1.333,
            damping_a: 1.0,
            data: DataSet::JohnsonChristy,
            method: Method::Mie,
            distribution: Distribution::Single,
            wavelengths: (300.0, 900.0),
            points: 601,
        }
    }
}

impl MieSettings {
    /// The request for `particle` under these settings.
    pub fn request(&self, particle: Particle) -> ClassicalRequest {
        ClassicalRequest {
            particle,
            medium_index: self.medium,
            damping_a: self.damping_a,
            data: self.data,
            method: self.method,
            distribution: self.distribution,
        }
    }

    /// The wavelength grid, nm, checked.
    pub fn wavelength_grid(&self) -> Result<Vec<f64>> {
        let (lo, hi) = self.wavelengths;
        if !(lo.is_finite() && hi.is_finite() && lo > 0.0 && hi > lo) {
            return Err(Error::setting(
                "wavelengths",
                format!("{lo}:{hi}"),
                "need 0 < MIN < MAX, in nm",
            ));
        }
        let n = self.points;
        if !(2..=MAX_POINTS).contains(&n) {
            return Err(Error::setting(
                "points",
                n,
                format!("must lie in 2 … {MAX_POINTS}"),
            ));
        }
        Ok((0..n)
            .map(|k| lo + (hi - lo) * k as f64 / (n - 1) as f64)
            .collect())
    }
}

/// Classical spectra of one or more particles, checked before any work.
pub struct MieJob {
    requests: Vec<ClassicalRequest>,
    wavelengths: Vec<f64>,
    planned: Work,
    /// A size distribution cut at the smallest particle.
    pub warnings: Vec<String>,
}

impl MieJob {
    /// Checks every particle under `settings` and plans the work.
    pub fn new(particles: Vec<Particle>, settings: &MieSettings) -> Result<Self> {
        let requests: Vec<ClassicalRequest> =
            particles.into_iter().map(|p| settings.request(p)).collect();
        let Some(first) = requests.first() else {
            return Err(Error::invalid("no particle to compute"));
        };
        first.check()?;
        for r in &requests[1..] {
            r.check()?;
        }
        let wavelengths = settings.wavelength_grid()?;
        let planned = work(&requests, &wavelengths)?;
        let mut warnings = Vec::new();
        let d = first.particle.core_diameter_nm;
        if let Some(cut) = first.distribution.cut(d)? {
            warnings.push(format!(
                "the size distribution around {d} nm reaches below {MIN_DIAMETER_NM} nm; {:.1} % \
                 of it is cut there, so the particles averaged have a mean diameter of {:.3} nm, \
                 not {d} nm",
                100.0 * cut.share,
                cut.mean_nm,
            ));
        }
        Ok(MieJob {
            requests,
            wavelengths,
            planned,
            warnings,
        })
    }

    /// The requests, one per particle.
    pub fn requests(&self) -> &[ClassicalRequest] {
        &self.requests
    }

    /// The estimated peak memory (bytes) and what it is made of.
    pub fn memory(&self) -> (u64, String) {
        (
            self.planned.bytes + BASELINE_BYTES,
            format!(
                "{} sphere evaluations: particles × sizes × wavelengths",
                self.planned.cases
            ),
        )
    }

    /// Refuses a run the CPU would take longer than [`MAX_CPU_SECONDS`]
    /// for, when `engine` computes on the CPU (or a software GPU).
    pub fn check_time(&self, engine: &Engine) -> Result<()> {
        if engine.backend().gpu && !engine.backend().emulated {
            return Ok(());
        }
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let seconds = self.planned.cpu_seconds(cores);
        if seconds > MAX_CPU_SECONDS {
            return Err(Error::invalid(format!(
                "this run would take about {:.0} minutes on {cores} CPU cores ({} sphere \
                 evaluations, {:.2e} series terms; the limit is {:.0} minutes): use fewer \
                 wavelengths, fewer particles, no size distribution, or a smaller particle",
                seconds / 60.0,
                self.planned.cases,
                self.planned.terms as f64,
                MAX_CPU_SECONDS / 60.0
            )));
        }
        Ok(())
    }

    /// Computes the spectra on `engine` (after [`MieJob::check_time`]).
    pub fn run(&self, engine: &Engine) -> Result<Vec<ClassicalSpectrum>> {
        self.check_time(engine)?;
        spectra(&self.requests, &self.wavelengths, engine)
    }
}

/// The particle's label; with a size distribution cut at the smallest
/// particle, the mean diameter of what was averaged.
pub fn label(r: &ClassicalRequest, s: &ClassicalSpectrum) -> String {
    let nominal = r.particle.core_diameter_nm;
    if (s.mean_core_diameter_nm - nominal).abs() > 1e-3 * nominal {
        format!(
            "{} (cut at {MIN_DIAMETER_NM} nm: mean {:.2} nm)",
            r.particle.describe(),
            s.mean_core_diameter_nm
        )
    } else {
        r.particle.describe()
    }
}

/// The plot title of one particle under `settings`, as `mie` draws it.
pub fn title(particle: &Particle, settings: &MieSettings) -> String {
    let sd = match settings.distribution {
        Distribution::Single => String::new(),
        Distribution::Normal { sd_nm } | Distribution::LogNormal { sd_nm } => {
            format!(", σ_d {sd_nm} nm")
        }
    };
    format!("{} in n = {}{sd}", particle.describe(), settings.medium)
}
