//! A classical nanoparticle: a sphere of a metal or Au–Ag alloy, or a core
//! with shells, in a medium, with an optional spread of sizes; and its
//! extinction, scattering and absorption cross-sections against
//! wavelength from Mie theory or the quasi-static limit.

use num_complex::Complex64;
use serde::Serialize;

pub use super::composition::Material;
pub use super::distribution::Distribution;
use super::material::{DataSet, Dielectric};
use super::mie::{Efficiencies, SphereCase};
use super::quasistatic;
use crate::error::{Error, Result};

/// A sphere: a core and shells from the centre out.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Particle {
    pub core: Material,
    /// Core diameter, nm (the diameter of a homogeneous sphere).
    pub core_diameter_nm: f64,
    /// Shells from the inside out: material and thickness, nm.
    pub shells: Vec<(Material, f64)>,
}

impl Particle {
    /// A homogeneous sphere.
    pub fn sphere(material: Material, diameter_nm: f64) -> Self {
        Particle {
            core: material,
            core_diameter_nm: diameter_nm,
            shells: Vec::new(),
        }
    }

    /// Outer diameter, nm.
    pub fn diameter_nm(&self) -> f64 {
        self.core_diameter_nm + 2.0 * self.shells.iter().map(|s| s.1).sum::<f64>()
    }

    /// "Au 20 nm" or "Ag 10 nm @ Au 3 nm" (sizes to 0.01 nm).
    pub fn describe(&self) -> String {
        let nm = |x: f64| {
            let t = format!("{x:.2}");
            format!("{} nm", t.trim_end_matches('0').trim_end_matches('.'))
        };
        let mut s = format!("{} {}", self.core.name(), nm(self.core_diameter_nm));
        for (m, t) in &self.shells {
            s.push_str(&format!(" @ {} {}", m.name(), nm(*t)));
        }
        s
    }

    /// The number of atoms the particle holds (each layer's volume over its
    /// volume per atom).
    pub fn atoms(&self) -> f64 {
        let materials = std::iter::once(self.core).chain(self.shells.iter().map(|s| s.0));
        let r = radii(self);
        let mut inner = 0.0;
        let mut total = 0.0;
        for (m, &outer) in materials.zip(&r) {
            let volume = 4.0 / 3.0 * std::f64::consts::PI * (outer.powi(3) - inner * inner * inner);
            total += volume / m.atomic_volume_nm3();
            inner = outer;
        }
        total
    }

    /// Checks the sizes: a positive core, shells ≥ 0 nm, all finite.
    pub fn check(&self) -> Result<()> {
        let d = self.core_diameter_nm;
        if !(d.is_finite() && d > 0.0) {
            return Err(Error::setting(
                "diameter",
                d,
                "must be a positive number of nm",
            ));
        }
        for (_, t) in &self.shells {
            if !(t.is_finite() && *t >= 0.0) {
                return Err(Error::setting("shell_thickness", *t, "must be ≥ 0 nm"));
            }
        }
        Ok(())
    }

    /// The same particle with a core of diameter `d` (shells kept).
    fn with_core(&self, d: f64) -> Particle {
        Particle {
            core_diameter_nm: d,
            ..self.clone()
        }
    }
}

/// Which classical model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Full Mie theory (any size).
    Mie,
    /// The dipole (quasi-static) limit: particles much smaller than λ.
    QuasiStatic,
}

/// Everything a classical spectrum needs.
#[derive(Clone, Debug, Serialize)]
pub struct ClassicalRequest {
    pub particle: Particle,
    /// Refractive index of the (non-absorbing) medium.
    pub medium_index: f64,
    /// A of the size-limited damping γ(R) = γ_b + A v_F/R.
    pub damping_a: f64,
    pub data: DataSet,
    pub method: Method,
    pub distribution: Distribution,
}

/// Orientation-free cross-sections, nm², at each wavelength, averaged over
/// the size distribution; efficiencies are ⟨C⟩/⟨πr²⟩.
#[derive(Clone, Debug, Serialize)]
pub struct ClassicalSpectrum {
    pub wavelength_nm: Vec<f64>,
    pub energy_ev: Vec<f64>,
    pub extinction_nm2: Vec<f64>,
    pub scattering_nm2: Vec<f64>,
    pub absorption_nm2: Vec<f64>,
    /// ⟨πr²⟩ of the outer radius, nm².
    pub geometric_nm2: f64,
    /// ⟨V⟩, nm³.
    pub volume_nm3: f64,
    /// ⟨atoms⟩ in a particle (see [`Particle::atoms`]).
    pub atoms: f64,
    /// Where each layer's dielectric function comes from, with its Drude
    /// fit, centre out.
    pub optical_data: Vec<String>,
}

/// A maximum of the extinction.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Band {
    pub wavelength_nm: f64,
    pub energy_ev: f64,
    pub extinction_nm2: f64,
}

impl ClassicalSpectrum {
    /// The maxima of the extinction inside the range that stand out from
    /// their surroundings by at least 2 % of their height (the data's
    /// interpolation wiggles do not), strongest first; the range's ends
    /// are never a band.
    pub fn bands(&self) -> Vec<Band> {
        let e = &self.extinction_nm2;
        let prominence = |k: usize| {
            let side = |range: &mut dyn Iterator<Item = usize>| {
                let mut low = e[k];
                for j in range {
                    if e[j] > e[k] {
                        break;
                    }
                    low = low.min(e[j]);
                }
                low
            };
            e[k] - side(&mut (0..k).rev()).max(side(&mut (k + 1..e.len())))
        };
        let mut out: Vec<Band> = (1..e.len().saturating_sub(1))
            .filter(|&k| e[k] > e[k - 1] && e[k] >= e[k + 1] && prominence(k) > 0.02 * e[k])
            .map(|k| {
                // The vertex of the parabola through the three points
                // (uniform wavelength steps), so a band is not tied to the grid.
                let (a, b, c) = (e[k - 1], e[k], e[k + 1]);
                let curvature = a - 2.0 * b + c;
                let shift = if curvature < 0.0 {
                    0.5 * (a - c) / curvature
                } else {
                    0.0
                };
                let step = self.wavelength_nm[k + 1] - self.wavelength_nm[k];
                let wavelength_nm = self.wavelength_nm[k] + shift * step;
                Band {
                    wavelength_nm,
                    energy_ev: crate::units::nm_to_ev(wavelength_nm),
                    extinction_nm2: b - 0.125 * (a - c) * (a - c)
                        / curvature.min(-f64::MIN_POSITIVE),
                }
            })
            .collect();
        out.sort_by(|a, b| b.extinction_nm2.total_cmp(&a.extinction_nm2));
        out
    }
}

impl ClassicalRequest {
    /// Mie theory for `particle` in water (n = 1.333) with the Johnson &
    /// Christy data, surface damping A = 1 and one size: the defaults of
    /// the command line.
    pub fn in_water(particle: Particle) -> Self {
        ClassicalRequest {
            particle,
            medium_index: 1.333,
            damping_a: super::material::DEFAULT_DAMPING_A,
            data: DataSet::JohnsonChristy,
            method: Method::Mie,
            distribution: Distribution::Single,
        }
    }

    /// Checks every number before any work.
    pub fn check(&self) -> Result<()> {
        self.particle.check()?;
        if !(self.medium_index.is_finite() && self.medium_index > 0.0) {
            return Err(Error::setting(
                "medium",
                self.medium_index,
                "the refractive index must be > 0",
            ));
        }
        if !(self.damping_a.is_finite() && self.damping_a >= 0.0) {
            return Err(Error::setting("damping_a", self.damping_a, "must be ≥ 0"));
        }
        self.distribution.nodes(self.particle.core_diameter_nm)?;
        Ok(())
    }

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

    /// Checks the wavelengths against the layers' data, and the empty
    /// spectrum with its sizes and sources filled in.
    fn prepare(&self, wavelengths_nm: &[f64]) -> Result<(ClassicalSpectrum, Vec<Dielectric>)> {
        self.check()?;
        let layers = self.layer_dielectrics()?;
        for (m, d) in &layers {
            let (lo, hi) = d.table.range();
            for &w in wavelengths_nm {
                let e = crate::units::nm_to_ev(w);
                if !(e >= lo - 1e-9 && e <= hi + 1e-9) {
                    return Err(Error::setting(
                        "wavelengths",
                        w,
                        format!(
                            "outside the optical data of {} ({:.0}–{:.0} nm)",
                            m.name(),
                            crate::units::ev_to_nm(hi),
                            crate::units::ev_to_nm(lo)
                        ),
                    ));
                }
            }
        }
        let n = wavelengths_nm.len();
        let out = ClassicalSpectrum {
            wavelength_nm: wavelengths_nm.to_vec(),
            energy_ev: wavelengths_nm
                .iter()
                .map(|&w| crate::units::nm_to_ev(w))
                .collect(),
            extinction_nm2: vec![0.0; n],
            scattering_nm2: vec![0.0; n],
            absorption_nm2: vec![0.0; n],
            geometric_nm2: 0.0,
            volume_nm3: 0.0,
            atoms: 0.0,
            optical_data: layers.iter().map(|(m, d)| source_text(m, d)).collect(),
        };
        Ok((out, layers.into_iter().map(|l| l.1).collect()))
    }

    fn layer_dielectrics(&self) -> Result<Vec<(Material, Dielectric)>> {
        std::iter::once(self.particle.core)
            .chain(self.particle.shells.iter().map(|s| s.0))
            .map(|m| Ok((m, m.dielectric(self.data)?)))
            .collect()
    }
}

/// Outer radii of the layers, nm (a shell of zero thickness is dropped
/// by merging it into the one below, so radii stay strictly ascending).
fn radii(p: &Particle) -> Vec<f64> {
    let mut r = vec![0.5 * p.core_diameter_nm];
    for (_, t) in &p.shells {
        let last = *r.last().unwrap();
        r.push(last + t);
    }
    r
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

/// One line per layer: where its ε comes from and its Drude fit.
fn source_text(m: &Material, d: &Dielectric) -> String {
    format!(
        "{}: {}, {} (Drude fit {:.2}–{:.2} eV: ħω_p {:.3} eV, ħγ {:.4} eV, ε_b {:.3}; v_F {} 10⁶ m/s)",
        m.name(),
        d.table.name,
        d.table.source,
        d.drude.window_ev.0,
        d.drude.window_ev.1,
        d.drude.plasma_ev,
        d.drude.damping_ev,
        d.drude.epsilon_background,
        d.fermi_velocity
    )
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
                let (rad, eps) = merged(&radii, &eps);
                let k_medium = 2.0 * std::f64::consts::PI * r.medium_index / w;
                match r.method {
                    Method::Mie => {
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
