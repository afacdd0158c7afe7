//! A classical nanoparticle: a sphere of a metal or Au–Ag alloy, or a core
//! with shells, in a medium, with an optional spread of sizes; and its
//! extinction, scattering and absorption cross-sections against
//! wavelength from Mie theory or the quasi-static limit (evaluated by
//! [`super::plan`]).

use serde::Serialize;

pub use super::composition::Material;
pub use super::distribution::{Cut, Distribution, MAX_DIAMETER_NM, MIN_DIAMETER_NM};
use super::material::{DataSet, Dielectric};
use crate::error::{Error, Result};

/// Largest refractive index of the medium accepted (water 1.33, oils 1.5,
/// the densest optical glasses about 2).
pub const MAX_MEDIUM_INDEX: f64 = 5.0;
/// Largest surface-damping coefficient A accepted (measured 0.25 … 2).
pub const MAX_DAMPING_A: f64 = 10.0;

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

    /// Checks the sizes: a core of [`MIN_DIAMETER_NM`] … [`MAX_DIAMETER_NM`],
    /// shells of 0 … [`MAX_DIAMETER_NM`], all finite.
    pub fn check(&self) -> Result<()> {
        let d = self.core_diameter_nm;
        if !(d.is_finite() && (MIN_DIAMETER_NM..=MAX_DIAMETER_NM).contains(&d)) {
            return Err(Error::setting(
                "diameter",
                d,
                format!(
                    "must lie in {MIN_DIAMETER_NM} … {MAX_DIAMETER_NM} nm (below an atom's size a \
                     bulk dielectric function means nothing; far above, the particle is no \
                     nanoparticle)"
                ),
            ));
        }
        for (_, t) in &self.shells {
            if !(t.is_finite() && (0.0..=MAX_DIAMETER_NM).contains(t)) {
                return Err(Error::setting(
                    "shell_thickness",
                    *t,
                    format!("must lie in 0 … {MAX_DIAMETER_NM} nm"),
                ));
            }
        }
        Ok(())
    }

    /// The same particle with a core of diameter `d` (shells kept).
    pub(super) fn with_core(&self, d: f64) -> Particle {
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
    /// ⟨d⟩ of the core, nm: the nominal diameter unless the size
    /// distribution was cut at [`MIN_DIAMETER_NM`].
    pub mean_core_diameter_nm: f64,
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
        if !(self.medium_index.is_finite()
            && self.medium_index >= 1.0
            && self.medium_index <= MAX_MEDIUM_INDEX)
        {
            return Err(Error::setting(
                "medium",
                self.medium_index,
                format!("the refractive index of the medium must lie in 1 … {MAX_MEDIUM_INDEX}"),
            ));
        }
        if !(self.damping_a.is_finite() && (0.0..=MAX_DAMPING_A).contains(&self.damping_a)) {
            return Err(Error::setting(
                "damping_a",
                self.damping_a,
                format!("must lie in 0 … {MAX_DAMPING_A} (measured values: 0.25 … 2)"),
            ));
        }
        self.distribution.nodes(self.particle.core_diameter_nm)?;
        Ok(())
    }

    /// Checks the wavelengths against the layers' data, and the empty
    /// spectrum with its sizes and sources filled in.
    pub(super) fn prepare(
        &self,
        wavelengths_nm: &[f64],
    ) -> Result<(ClassicalSpectrum, Vec<Dielectric>)> {
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
            mean_core_diameter_nm: 0.0,
            geometric_nm2: 0.0,
            volume_nm3: 0.0,
            atoms: 0.0,
            optical_data: layers.iter().map(|(m, d)| source_text(m, d)).collect(),
        };
        Ok((out, layers.into_iter().map(|l| l.1).collect()))
    }

    /// "Au (the core)" or "Ag (shell 1)" for layer `l`.
    pub fn layer_name(&self, l: usize) -> String {
        if l == 0 {
            format!(
                "{} ({})",
                self.particle.core.name(),
                if self.particle.shells.is_empty() {
                    "the sphere"
                } else {
                    "the core"
                }
            )
        } else {
            let m = self
                .particle
                .shells
                .get(l - 1)
                .map(|s| s.0.name())
                .unwrap_or_default();
            format!("{m} (shell {l})")
        }
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
pub(super) fn radii(p: &Particle) -> Vec<f64> {
    let mut r = vec![0.5 * p.core_diameter_nm];
    for (_, t) in &p.shells {
        let last = *r.last().unwrap();
        r.push(last + t);
    }
    r
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
