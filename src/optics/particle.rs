//! A classical nanoparticle: a sphere of a metal or Au–Ag alloy, or a core
//! with shells, in a medium, with an optional spread of sizes; and its
//! extinction, scattering and absorption cross-sections against
//! wavelength from Mie theory or the quasi-static limit.

use num_complex::Complex64;
use serde::Serialize;

use super::material::{DataSet, Dielectric, Metal, gold_silver, metal};
use super::{mie, quasistatic};
use crate::error::{Error, Result};

/// What a layer is made of.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Material {
    Metal(Metal),
    /// Au–Ag alloy with this atomic fraction of gold (Rioux et al. 2014).
    GoldSilver {
        gold: f64,
    },
}

impl Material {
    /// "Au", "Ag", "Cu", or an Au–Ag alloy "Au:0.3,Ag:0.7" (atomic
    /// fractions summing to 1 within 10⁻⁶).
    pub fn parse(text: &str) -> Result<Self> {
        let bad = |why: &str| Error::setting("material", text, why);
        let element = |s: &str| match s.trim() {
            "Au" => Ok(Metal::Au),
            "Ag" => Ok(Metal::Ag),
            "Cu" => Ok(Metal::Cu),
            other => Err(bad(&format!(
                "unknown metal `{other}`: the optical data cover Au, Ag and Cu"
            ))),
        };
        if !text.contains(':') {
            return Ok(Material::Metal(element(text)?));
        }
        let mut gold = None;
        let mut total = 0.0;
        for part in text.split(',') {
            let (name, fraction) = part
                .split_once(':')
                .ok_or_else(|| bad("write an alloy as Au:0.3,Ag:0.7"))?;
            let f: f64 = fraction
                .trim()
                .parse()
                .map_err(|_| bad(&format!("`{fraction}` is not a fraction")))?;
            if !(0.0..=1.0).contains(&f) {
                return Err(bad(&format!("fraction {f} must lie in 0 … 1")));
            }
            match element(name)? {
                Metal::Au => gold = Some(f + gold.unwrap_or(0.0)),
                Metal::Ag => {}
                Metal::Cu => {
                    return Err(bad(
                        "alloys are Au–Ag only (the Rioux model); Cu alloys have no data here",
                    ));
                }
            }
            total += f;
        }
        if (total - 1.0).abs() > 1e-6 {
            return Err(bad(&format!(
                "the fractions sum to {}, not 1",
                (total * 1e6).round() / 1e6
            )));
        }
        Ok(Material::GoldSilver {
            gold: gold.unwrap_or(0.0),
        })
    }

    /// A short name: "Au", "Au30Ag70".
    pub fn name(&self) -> String {
        match self {
            Material::Metal(m) => format!("{m:?}"),
            Material::GoldSilver { gold } => {
                format!("Au{:.0}Ag{:.0}", 100.0 * gold, 100.0 * (1.0 - gold))
            }
        }
    }

    /// Its dielectric function (pure metals from `set`; alloys always from
    /// the Rioux model).
    pub fn dielectric(&self, set: DataSet) -> Result<Dielectric> {
        match *self {
            Material::Metal(m) => metal(m, set),
            Material::GoldSilver { gold } => gold_silver(gold),
        }
    }
}

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

    /// "Au, 20 nm" or "Ag 10 nm @ Au 3 nm".
    pub fn describe(&self) -> String {
        let mut s = format!("{} {} nm", self.core.name(), self.core_diameter_nm);
        for (m, t) in &self.shells {
            s.push_str(&format!(" @ {} {t} nm", m.name()));
        }
        s
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

/// A spread of core diameters (the shells keep their thickness).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Distribution {
    Single,
    /// Normal, standard deviation in nm (cut at zero).
    Normal {
        sd_nm: f64,
    },
    /// Log-normal with the given mean diameter and standard deviation, nm.
    LogNormal {
        sd_nm: f64,
    },
}

/// Nodes of the size average.
pub const SIZE_NODES: usize = 41;

impl Distribution {
    /// Diameters (nm) and normalised weights around mean `d`: 41 nodes
    /// evenly spaced over ±4 standard deviations (in ln d for the
    /// log-normal), weighted by the density; the trapezoid rule on a
    /// Gaussian of ±4σ is exact to 10⁻⁴ of its mass.
    pub fn nodes(&self, d: f64) -> Result<Vec<(f64, f64)>> {
        let (sd, log) = match *self {
            Distribution::Single => return Ok(vec![(d, 1.0)]),
            Distribution::Normal { sd_nm } => (sd_nm, false),
            Distribution::LogNormal { sd_nm } => (sd_nm, true),
        };
        if !(sd.is_finite() && sd >= 0.0) {
            return Err(Error::setting("diameter_sd", sd, "must be ≥ 0 nm"));
        }
        if sd == 0.0 {
            return Ok(vec![(d, 1.0)]);
        }
        let (centre, width) = if log {
            let s2 = (1.0 + (sd / d).powi(2)).ln();
            (d.ln() - 0.5 * s2, s2.sqrt())
        } else {
            (d, sd)
        };
        let mut out = Vec::with_capacity(SIZE_NODES);
        for k in 0..SIZE_NODES {
            let t = -4.0 + 8.0 * k as f64 / (SIZE_NODES - 1) as f64;
            let u = centre + t * width;
            let diameter = if log { u.exp() } else { u };
            if diameter > 0.0 {
                out.push((diameter, (-0.5 * t * t).exp()));
            }
        }
        let total: f64 = out.iter().map(|p| p.1).sum();
        Ok(out.into_iter().map(|(x, w)| (x, w / total)).collect())
    }
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
}

impl ClassicalRequest {
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

    /// The cross-sections at `wavelengths_nm` (vacuum).
    pub fn spectrum(&self, wavelengths_nm: &[f64]) -> Result<ClassicalSpectrum> {
        self.check()?;
        let layers = self.layer_dielectrics()?;
        for (m, d) in &layers {
            let (lo, hi) = d.table.range();
            for &w in wavelengths_nm {
                let e = crate::units::nm_to_ev(w);
                if !(e >= lo - 1e-9 && e <= hi + 1e-9) {
                    return Err(Error::setting(
                        "wavelength",
                        w,
                        &format!(
                            "outside the optical data of {} ({:.0}–{:.0} nm)",
                            m.name(),
                            crate::units::ev_to_nm(hi),
                            crate::units::ev_to_nm(lo)
                        ),
                    ));
                }
            }
        }
        let nodes = self.distribution.nodes(self.particle.core_diameter_nm)?;
        let n = wavelengths_nm.len();
        let mut out = ClassicalSpectrum {
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
        };
        for (d, weight) in nodes {
            let particle = self.particle.with_core(d);
            let radii = radii(&particle);
            let outer = *radii.last().unwrap();
            out.geometric_nm2 += weight * std::f64::consts::PI * outer * outer;
            out.volume_nm3 += weight * 4.0 / 3.0 * std::f64::consts::PI * outer.powi(3);
            for (j, &w) in wavelengths_nm.iter().enumerate() {
                let e = out.energy_ev[j];
                let eps: Vec<Complex64> = layers
                    .iter()
                    .zip(free_paths(&radii))
                    .map(|((_, diel), r)| diel.sized(e, r, self.damping_a))
                    .collect::<Result<_>>()?;
                let c = cross_sections(self.method, &radii, &eps, self.medium_index, w)?;
                out.extinction_nm2[j] += weight * c.extinction;
                out.scattering_nm2[j] += weight * c.scattering;
                out.absorption_nm2[j] += weight * c.absorption;
            }
        }
        Ok(out)
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

/// Cross-sections (nm²) of a layered sphere of outer radii `radii` (nm)
/// and dielectric functions `eps` in a medium of index `n_medium` at
/// vacuum wavelength `wavelength_nm`.
pub fn cross_sections(
    method: Method,
    radii: &[f64],
    eps: &[Complex64],
    n_medium: f64,
    wavelength_nm: f64,
) -> Result<mie::Efficiencies> {
    // Zero-thickness shells leave the optics unchanged: merge them.
    let mut r: Vec<f64> = Vec::new();
    let mut e: Vec<Complex64> = Vec::new();
    for (&ri, &ei) in radii.iter().zip(eps) {
        if r.last().is_some_and(|&last| ri <= last) {
            continue;
        }
        r.push(ri);
        e.push(ei);
    }
    let k = 2.0 * std::f64::consts::PI * n_medium / wavelength_nm;
    let outer = *r.last().unwrap();
    let area = std::f64::consts::PI * outer * outer;
    let q = match method {
        Method::Mie => {
            let x: Vec<f64> = r.iter().map(|&ri| k * ri).collect();
            let m: Vec<Complex64> = e.iter().map(|&ei| ei.sqrt() / n_medium).collect();
            mie::efficiencies(&x, &m)?
        }
        Method::QuasiStatic => quasistatic::efficiencies(&r, &e, n_medium * n_medium, k),
    };
    Ok(mie::Efficiencies {
        extinction: q.extinction * area,
        scattering: q.scattering * area,
        absorption: q.absorption * area,
    })
}
