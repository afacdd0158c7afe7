//! `clusterspec mie`: classical extinction, scattering and absorption of
//! metal, alloy and core–shell nanoparticles in a medium.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use clusterspec::io::classical_files::{Labelled, write_classical};
use clusterspec::job::mie::{MieJob, MieSettings, label};
use clusterspec::optics::DataSet;
use clusterspec::optics::particle::{Distribution, Material, Method, Particle};
use clusterspec::{Error, Result};

use super::mie_compare::comparison;

use super::options::RunOptions;

/// Arguments of `mie`.
#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  \
    clusterspec mie --material Au --diameter 20 --out au20            # 20 nm gold in water\n  \
    clusterspec mie --alloy Au:0.3,Ag:0.7 --diameter 20 --out auag\n  \
    clusterspec mie --core Ag --core-diameter 10 --shell Au --shell-thickness 3 --out agau\n  \
    clusterspec mie --material Ag --diameter 20 --diameter-sd 4 --out ag20-sd4\n  \
    clusterspec mie --alloy Au:0.5,Ag:0.5 --diameter 20 --compositions 0,0.25,0.5,0.75,1 --out series\n  \
    clusterspec mie --material Ag --diameter 2 --compare ag309.csv --out ag-compare\n\n\
    Cross-sections are per particle (nm²), efficiencies Q = σ/(πr²); the plot's \
    main axis is the vacuum wavelength (nm), photon energy (eV) on top.")]
pub struct MieArgs {
    /// Output prefix: PREFIX.png, PREFIX.csv, PREFIX.json (+ PREFIX_band.png
    /// for a series, PREFIX_compare.png with --compare).
    #[arg(long)]
    pub out: PathBuf,
    /// A pure metal: Au, Ag or Cu.
    #[arg(long, conflicts_with_all = ["alloy", "core"])]
    pub material: Option<String>,
    /// An Au–Ag alloy by atomic fractions, e.g. Au:0.3,Ag:0.7 (dielectric
    /// function from the model of Rioux et al. 2014, 270–1200 nm).
    #[arg(long, conflicts_with = "core")]
    pub alloy: Option<String>,
    /// Diameter of a homogeneous sphere, nm.
    #[arg(long, allow_negative_numbers = true, conflicts_with = "core")]
    pub diameter: Option<f64>,
    /// Core material of a core–shell particle (Au, Ag, Cu or an alloy).
    #[arg(long, requires_all = ["core_diameter", "shell", "shell_thickness"])]
    pub core: Option<String>,
    /// Core diameter, nm.
    #[arg(long, allow_negative_numbers = true, requires = "core")]
    pub core_diameter: Option<f64>,
    /// Shell material.
    #[arg(long, requires = "core")]
    pub shell: Option<String>,
    /// Shell thickness, nm.
    #[arg(long, allow_negative_numbers = true, requires = "core")]
    pub shell_thickness: Option<f64>,
    /// Refractive index of the surrounding medium (water 1.333, ethanol
    /// 1.361, vacuum 1).
    #[arg(long, allow_negative_numbers = true, default_value_t = 1.333)]
    pub medium: f64,
    /// Standard deviation of the (core) diameter, nm: spectra averaged over
    /// the size distribution (number-weighted).
    #[arg(long, allow_negative_numbers = true)]
    pub diameter_sd: Option<f64>,
    /// Shape of the size distribution [default: normal].
    #[arg(long, value_enum, requires = "diameter_sd")]
    pub distribution: Option<DistributionName>,
    /// A of the surface damping ħγ(R) = ħγ_bulk + A ħv_F/R (Kreibig; R the
    /// core radius, a shell's thickness).
    #[arg(long, allow_negative_numbers = true, default_value_t = 1.0)]
    pub damping_a: f64,
    /// Measured optical constants of the pure metals.
    #[arg(long, value_enum, default_value = "johnson-christy")]
    pub data: DataName,
    /// `mie` (exact for spheres of any size) or `quasi-static` (the dipole
    /// limit, for particles much smaller than the wavelength).
    #[arg(long, value_enum, default_value = "mie")]
    pub method: MethodName,
    /// Vacuum wavelength range MIN:MAX, nm.
    #[arg(long, value_name = "MIN:MAX", default_value = "300:900")]
    pub wavelengths: String,
    /// Number of wavelengths across the range.
    #[arg(long, default_value_t = 601)]
    pub points: usize,
    /// A series: the gold fraction of an --alloy, or the atomic fraction of
    /// the shell metal of a core–shell particle at fixed outer diameter;
    /// plots the strongest band against it (PREFIX_band.png).
    #[arg(long, value_delimiter = ',', value_name = "X,X,...")]
    pub compositions: Option<Vec<f64>>,
    /// A clusterspec spectrum CSV (absorption, jellium; its JSON beside it
    /// gives the atom count) drawn per atom beside the classical absorption
    /// per atom (PREFIX_compare.png).
    #[arg(long, value_name = "FILE.csv")]
    pub compare: Option<PathBuf>,
    #[command(flatten)]
    pub run: RunOptions,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum DistributionName {
    Normal,
    LogNormal,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum DataName {
    /// Johnson & Christy, PRB 6, 4370 (1972).
    JohnsonChristy,
    /// McPeak et al., ACS Photonics 2, 326 (2015).
    Mcpeak,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum MethodName {
    Mie,
    QuasiStatic,
}

/// A material from the flag `flag`, with errors in that flag's name.
fn material(flag: &'static str, text: &str) -> Result<Material> {
    Material::parse(text).map_err(|e| rename(e, "material", flag))
}

/// The same error with a setting renamed to the flag that set it.
fn rename(e: Error, from: &str, to: &'static str) -> Error {
    match e {
        Error::Setting {
            name,
            value,
            requirement,
        } if name == from => Error::Setting {
            name: to,
            value,
            requirement,
        },
        other => other,
    }
}

impl MieArgs {
    fn particle(&self) -> Result<Particle> {
        if let Some(core) = &self.core {
            let particle = Particle {
                core: material("core", core)?,
                core_diameter_nm: self.core_diameter.unwrap_or(f64::NAN),
                shells: vec![(
                    material("shell", self.shell.as_deref().unwrap_or(""))?,
                    self.shell_thickness.unwrap_or(f64::NAN),
                )],
            };
            particle
                .check()
                .map_err(|e| rename(e, "diameter", "core_diameter"))?;
            return Ok(particle);
        }
        let m = match (&self.material, &self.alloy) {
            (Some(m), None) => material("material", m)?,
            (None, Some(a)) => material("alloy", a)?,
            _ => {
                return Err(Error::invalid(
                    "say what the particle is: --material Au|Ag|Cu, --alloy Au:x,Ag:y, or --core … --shell …",
                ));
            }
        };
        let d = self
            .diameter
            .ok_or_else(|| Error::invalid("--diameter (nm) is needed for a homogeneous sphere"))?;
        let particle = Particle::sphere(m, d);
        particle.check()?;
        Ok(particle)
    }

    /// The library's settings from these options.
    fn settings(&self) -> Result<MieSettings> {
        let text = &self.wavelengths;
        let bad = |why: &str| Error::invalid(format!("--wavelengths `{text}`: {why}"));
        let (lo, hi) = text
            .split_once(':')
            .ok_or_else(|| bad("expected MIN:MAX in nm, e.g. 300:900"))?;
        let lo: f64 = lo.trim().parse().map_err(|_| bad("MIN is not a number"))?;
        let hi: f64 = hi.trim().parse().map_err(|_| bad("MAX is not a number"))?;
        if !(lo.is_finite() && hi.is_finite() && lo > 0.0 && hi > lo) {
            return Err(bad("need 0 < MIN < MAX"));
        }
        Ok(MieSettings {
            medium: self.medium,
            damping_a: self.damping_a,
            data: match self.data {
                DataName::JohnsonChristy => DataSet::JohnsonChristy,
                DataName::Mcpeak => DataSet::McPeak,
            },
            method: match self.method {
                MethodName::Mie => Method::Mie,
                MethodName::QuasiStatic => Method::QuasiStatic,
            },
            distribution: match (
                self.diameter_sd,
                self.distribution.unwrap_or(DistributionName::Normal),
            ) {
                (None, _) => Distribution::Single,
                (Some(sd), DistributionName::Normal) => Distribution::Normal { sd_nm: sd },
                (Some(sd), DistributionName::LogNormal) => Distribution::LogNormal { sd_nm: sd },
            },
            wavelengths: (lo, hi),
            points: self.points,
        })
    }

    /// The particles of a --compositions series, with the axis label.
    fn series(&self, base: &Particle, fractions: &[f64]) -> Result<(String, Vec<Particle>)> {
        for &x in fractions {
            if !(0.0..=1.0).contains(&x) {
                return Err(Error::setting("compositions", x, "fractions lie in 0 … 1"));
            }
        }
        match (&self.alloy, base.shells.first()) {
            (Some(_), _) => Ok((
                "atomic fraction of Au".into(),
                fractions
                    .iter()
                    .map(|&gold| {
                        Particle::sphere(Material::GoldSilver { gold }, base.core_diameter_nm)
                    })
                    .collect(),
            )),
            (None, Some(&(shell, _))) => {
                // Fixed outer diameter; the shell holds fraction x of the
                // atoms (volume fraction weighted by the volumes per atom).
                let outer = base.diameter_nm();
                let (vc, vs) = (base.core.atomic_volume_nm3(), shell.atomic_volume_nm3());
                let particles = fractions
                    .iter()
                    .map(|&x| {
                        let core_volume = (1.0 - x) * vc / ((1.0 - x) * vc + x * vs);
                        let d = outer * core_volume.cbrt();
                        // The pure shell metal: a vanishing core of 1 pm.
                        let core_d = d.max(1e-3);
                        Particle {
                            core: base.core,
                            core_diameter_nm: core_d,
                            shells: vec![(shell, 0.5 * (outer - core_d))],
                        }
                    })
                    .collect();
                Ok((
                    format!("atomic fraction of {} (shell)", shell.name()),
                    particles,
                ))
            }
            _ => Err(Error::invalid(
                "--compositions needs an --alloy or a core–shell particle (--core … --shell …)",
            )),
        }
    }
}

/// Runs `mie`.
pub fn run(a: MieArgs) -> Result<()> {
    let base = a.particle()?;
    let settings = a.settings()?;
    settings.request(base.clone()).check()?;
    let wavelengths = settings.wavelength_grid()?;
    let range = (wavelengths[0], wavelengths[wavelengths.len() - 1]);
    let compare = a
        .compare
        .as_deref()
        .map(|p| comparison(p, range))
        .transpose()?;
    let (axis, particles) = match &a.compositions {
        Some(f) => {
            let (axis, p) = a.series(&base, f)?;
            (Some(axis), p)
        }
        None => (None, vec![base.clone()]),
    };
    let job = MieJob::new(particles, &settings)?;
    let (bytes, breakdown) = job.memory();
    a.run.check_peak(
        bytes,
        &breakdown,
        "use fewer --points, fewer --compositions, or no --diameter-sd (41 sizes)",
    )?;
    let engine = a.run.engine()?;
    job.check_time(&engine)
        .map_err(|e| Error::invalid(format!("{e} (--points, --compositions, --diameter-sd)")))?;
    for w in &job.warnings {
        eprintln!("warning: {w}");
    }
    let computed = job.run(&engine)?;
    super::report::warn_fallbacks(&engine);
    let requests = job.requests();
    let items: Vec<Labelled> = requests
        .iter()
        .zip(&computed)
        .map(|(r, s)| Labelled {
            label: label(r, s),
            request: r,
            spectrum: s,
        })
        .collect();
    let title = format!(
        "{} in n = {}{}",
        match (&a.compositions, base.shells.first()) {
            (None, _) => base.describe(),
            (Some(_), None) => format!("Au–Ag alloy spheres, {} nm", base.core_diameter_nm),
            (Some(_), Some((shell, _))) => format!(
                "{}@{} core–shell, outer diameter {} nm",
                base.core.name(),
                shell.name(),
                base.diameter_nm()
            ),
        },
        a.medium,
        a.diameter_sd
            .map(|sd| format!(", σ_d {sd} nm"))
            .unwrap_or_default()
    );
    let header = a.run.header(&engine);
    let fractions = a
        .compositions
        .as_deref()
        .map(|f| (axis.as_deref().unwrap_or(""), f));
    let files = write_classical(
        &a.run.destination(&a.out, &header),
        &title,
        &items,
        fractions,
        compare.as_ref(),
    )?;
    for l in &items {
        match l.spectrum.bands().first() {
            Some(b) => println!(
                "{}: strongest band at {:.1} nm ({:.3} eV), σ_ext {:.4e} nm²",
                l.label, b.wavelength_nm, b.energy_ev, b.extinction_nm2
            ),
            None => println!(
                "{}: no band maximum inside the range (the extinction rises out of it)",
                l.label
            ),
        }
    }
    for f in files {
        println!("wrote {}", f.display());
    }
    Ok(())
}
