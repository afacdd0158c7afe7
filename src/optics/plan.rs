//! The work of classical spectra: every sphere (requests × sizes ×
//! wavelengths) of a set of requests, with the quasi-static parts summed
//! at once and the Mie cases collected for one batch on the engine
//! (`classical::spectra`), and the bounds that keep that work finite.

use num_complex::Complex64;

use super::mie::{Efficiencies, SphereCase};
use super::particle::{ClassicalRequest, ClassicalSpectrum, Method, radii};
use super::quasistatic;
use crate::error::{Error, Result};

/// Largest size parameter 2πn·r/λ of a Mie sphere (the series has about
/// that many terms); the size and medium bounds keep every case below it
/// (0.1 mm at 188 nm in a medium of index 5 is 8.4·10³).
pub const MAX_SIZE_PARAMETER: f64 = 1e4;

/// The work of a set of requests before any is planned: the sphere cases
/// (requests × sizes × wavelengths), an upper bound on the terms of their
/// series together, and the bytes the plan, the spectra and their files
/// hold at the peak.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Work {
    pub cases: u64,
    pub terms: u64,
    pub bytes: u64,
}

/// Bytes of one planned Mie case of `layers` layers: the case's two
/// vectors with their heap blocks (≈ 64 + 24·layers), its slot (24), its
/// efficiencies (24) and the packed GPU copy or CPU workspace (≈ 32 +
/// 16·layers).
fn case_bytes(layers: u64) -> u64 {
    144 + 40 * layers
}

/// Bytes per wavelength of each request's spectrum: five curves of f64,
/// and their copies in the table, the JSON text and the plots.
const BYTES_PER_WAVELENGTH: u64 = 160;

/// Sphere cases per second of one CPU core, and series terms per second
/// (this project's 2-core development machine, `clusterspec mie`: 10⁵
/// wavelengths of a 20 nm sphere, ~5 terms each, in 0.4 s; 2000
/// wavelengths of a 0.1 mm sphere in n = 5, ~10⁴ terms each, in 0.5 s).
/// Used only to say how long a run would take before refusing it.
const CASES_PER_CORE_SECOND: f64 = 2e5;
const TERMS_PER_CORE_SECOND: f64 = 2e7;

impl Work {
    /// Seconds on `cores` CPU cores (an estimate, within a factor of a few).
    pub fn cpu_seconds(&self, cores: usize) -> f64 {
        (self.cases as f64 / CASES_PER_CORE_SECOND + self.terms as f64 / TERMS_PER_CORE_SECOND)
            / cores.max(1) as f64
    }
}

/// The work of `requests` at `wavelengths_nm` (checks each request
/// first). Its cost is one step per request and size, whatever the number
/// of wavelengths: the terms are bounded by those at the shortest
/// wavelength.
pub fn work(requests: &[ClassicalRequest], wavelengths_nm: &[f64]) -> Result<Work> {
    let shortest = wavelengths_nm.iter().copied().fold(f64::INFINITY, f64::min);
    let count = wavelengths_nm.len() as u64;
    let mut out = Work {
        cases: 0,
        terms: 0,
        bytes: 0,
    };
    for r in requests {
        r.check()?;
        let layers = 1 + r.particle.shells.len() as u64;
        for (d, _) in r.distribution.nodes(r.particle.core_diameter_nm)? {
            let outer = *radii(&r.particle.with_core(d)).last().unwrap_or(&0.0);
            let x = 2.0 * std::f64::consts::PI * r.medium_index * outer / shortest;
            let terms = super::mie::terms(x.min(MAX_SIZE_PARAMETER)) as u64 + 15;
            out.cases = out.cases.saturating_add(count);
            out.terms = out
                .terms
                .saturating_add(count.saturating_mul(terms * layers));
            out.bytes = out
                .bytes
                .saturating_add(count.saturating_mul(case_bytes(layers)));
        }
        out.bytes = out
            .bytes
            .saturating_add(BYTES_PER_WAVELENGTH.saturating_mul(count));
    }
    Ok(out)
}

impl ClassicalRequest {
    /// The cross-sections at `wavelengths_nm` (vacuum) on the CPU.
    pub fn spectrum(&self, wavelengths_nm: &[f64]) -> Result<ClassicalSpectrum> {
        let plan = plan(std::slice::from_ref(self), wavelengths_nm)?;
        let q = plan
            .cases
            .iter()
            .map(|c| {
                c.check()?;
                c.efficiencies()
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(plan.finish(&q).remove(0))
    }
}

/// The length that limits each layer's free path, nm: the core's radius,
/// each shell's thickness (this project's choice; Kreibig's A v_F/R is
/// defined for full spheres), never below 0.01 nm (a shell of zero
/// thickness, which drops out of the optics anyway).
fn free_paths(radii: &[f64]) -> Vec<f64> {
    radii
        .iter()
        .enumerate()
        .map(|(l, &r)| if l == 0 { r } else { r - radii[l - 1] })
        .map(|r| r.max(0.01))
        .collect()
}

/// The optics of one layered sphere at one wavelength: outer radii (nm)
/// and dielectric functions, zero-thickness shells merged away.
fn merged(radii: &[f64], eps: &[Complex64]) -> (Vec<f64>, Vec<Complex64>) {
    let mut r: Vec<f64> = Vec::new();
    let mut e: Vec<Complex64> = Vec::new();
    for (&ri, &ei) in radii.iter().zip(eps) {
        if r.last().is_some_and(|&last| ri <= last) {
            continue;
        }
        r.push(ri);
        e.push(ei);
    }
    (r, e)
}

/// The work of several requests at the same vacuum wavelengths: their
/// spectra with the quasi-static parts filled in, and every Mie sphere
/// (requests × sizes × wavelengths) still to evaluate, so that an engine
/// can take them as one batch (`classical::spectra`).
pub struct Plan {
    spectra: Vec<ClassicalSpectrum>,
    /// The spheres for Mie theory.
    pub cases: Vec<SphereCase>,
    /// (request, wavelength, weight × geometric area) of each case.
    slots: Vec<(usize, usize, f64)>,
}

/// The plan of the cross-sections (nm²) of `requests` at
/// `wavelengths_nm`, averaged over their size distributions.
pub fn plan(requests: &[ClassicalRequest], wavelengths_nm: &[f64]) -> Result<Plan> {
    let mut outs = Vec::with_capacity(requests.len());
    let mut cases = Vec::new();
    let mut slots = Vec::new();
    for (k, r) in requests.iter().enumerate() {
        let (mut out, layers) = r.prepare(wavelengths_nm)?;
        for (d, weight) in r.distribution.nodes(r.particle.core_diameter_nm)? {
            let particle = r.particle.with_core(d);
            let radii = radii(&particle);
            let outer = *radii.last().unwrap();
            let area = std::f64::consts::PI * outer * outer;
            out.mean_core_diameter_nm += weight * d;
            out.geometric_nm2 += weight * area;
            out.volume_nm3 += weight * 4.0 / 3.0 * std::f64::consts::PI * outer.powi(3);
            out.atoms += weight * particle.atoms();
            for (j, &w) in wavelengths_nm.iter().enumerate() {
                let e = out.energy_ev[j];
                let eps: Vec<Complex64> = layers
                    .iter()
                    .zip(free_paths(&radii))
                    .map(|(diel, path)| diel.sized(e, path, r.damping_a))
                    .collect::<Result<_>>()?;
                if let Some(l) = eps.iter().position(|e| e.im < 0.0) {
                    return Err(Error::setting(
                        "damping_a",
                        r.damping_a,
                        format!(
                            "makes the size-corrected dielectric function of {} (layer {}) gain \
                             light at {w:.1} nm (Im ε = {:.3} < 0): the measured interband part \
                             there is smaller than the Drude part this damping removes; use a \
                             smaller A",
                            r.layer_name(l),
                            l + 1,
                            eps[l].im
                        ),
                    ));
                }
                let (rad, eps) = merged(&radii, &eps);
                let k_medium = 2.0 * std::f64::consts::PI * r.medium_index / w;
                match r.method {
                    Method::Mie => {
                        let x = k_medium * rad.last().copied().unwrap_or(0.0);
                        if x > MAX_SIZE_PARAMETER {
                            return Err(Error::setting(
                                "diameter",
                                format!("{:.4} nm", 2.0 * rad.last().copied().unwrap_or(0.0)),
                                format!(
                                    "its size parameter 2πn·r/λ is {x:.3e} at {w:.1} nm, beyond \
                                     the {MAX_SIZE_PARAMETER:.0} that Mie's series is summed to \
                                     here (terms grow with it); a particle this large against the \
                                     wavelength scatters as in geometric optics"
                                ),
                            ));
                        }
                        cases.push(SphereCase {
                            x: rad.iter().map(|&ri| k_medium * ri).collect(),
                            m: eps.iter().map(|&ei| ei.sqrt() / r.medium_index).collect(),
                        });
                        slots.push((k, j, weight * area));
                    }
                    Method::QuasiStatic => {
                        let q =
                            quasistatic::efficiencies(&rad, &eps, r.medium_index.powi(2), k_medium);
                        out.extinction_nm2[j] += weight * area * q.extinction;
                        out.scattering_nm2[j] += weight * area * q.scattering;
                        out.absorption_nm2[j] += weight * area * q.absorption;
                    }
                }
            }
        }
        outs.push(out);
    }
    Ok(Plan {
        spectra: outs,
        cases,
        slots,
    })
}

impl Plan {
    /// The spectra, given the efficiencies of [`Plan::cases`] in order.
    pub fn finish(self, efficiencies: &[Efficiencies]) -> Vec<ClassicalSpectrum> {
        let mut outs = self.spectra;
        for (&(k, j, scale), q) in self.slots.iter().zip(efficiencies) {
            outs[k].extinction_nm2[j] += scale * q.extinction;
            outs[k].scattering_nm2[j] += scale * q.scattering;
            outs[k].absorption_nm2[j] += scale * q.absorption;
        }
        outs
    }
}
