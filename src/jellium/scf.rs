//! The self-consistent Kohn–Sham ground state of a spherical jellium
//! cluster (LDA, Perdew–Zunger), with Anderson mixing of the potential and
//! a convergence report.

use std::f64::consts::PI;

use serde::Serialize;

use super::levels::{self, Level};
use super::material::Material;
use super::poisson::{background, hartree};
use super::radial::{RadialGrid, radial_states};
use super::xc;
use crate::error::{Error, Result};
use crate::solve::mixing::Anderson;

/// What to compute: the metal, its size and charge, and numerical settings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JelliumSpec {
    pub material: Material,
    /// Number of atoms.
    pub atoms: usize,
    /// Net charge of the cluster, e (N_e = vN − charge).
    pub charge: i32,
    /// Radial grid spacing, bohr.
    pub step_bohr: f64,
    /// Box radius beyond the jellium edge, bohr.
    pub margin_bohr: f64,
    /// Convergence threshold: largest change of the potential, hartree.
    pub tolerance: f64,
    /// Iteration limit of the self-consistency loop.
    pub max_iterations: usize,
    /// Linear mixing fraction of the Anderson mixer.
    pub mixing: f64,
    /// Electronic temperature k_B T of the occupations, hartree.
    pub smearing: f64,
}

/// The most atoms a jellium sphere may have: Na₃₀₀₀ (2590 pairs) takes
/// 9 s and 0.44 GB on this project's 2-core development machine, Na₅₀₀₀
/// (4259 pairs) took 7.5 minutes and 1.1 GB.
pub const MAX_ATOMS: usize = 3000;

impl JelliumSpec {
    /// Defaults: h = 0.1 bohr (eigenvalue error ≈ (k_F h)²/12 < 0.05 %),
    /// 12 bohr of vacuum (the density falls below 10⁻⁵ of the bulk value),
    /// tolerance 10⁻⁷ hartree, k_B T = 3·10⁻⁴ hartree (95 K, 8 meV: shells
    /// closer than a few times that to the Fermi level share electrons,
    /// which lets every Na_N and Ag_N, N = 1 … 101, converge).
    pub fn new(material: Material, atoms: usize) -> Self {
        JelliumSpec {
            material,
            atoms,
            charge: 0,
            step_bohr: 0.1,
            margin_bohr: 12.0,
            tolerance: 1e-7,
            max_iterations: 300,
            mixing: 0.3,
            smearing: 3e-4,
        }
    }

    /// Jellium radius R = r_s (vN)^{1/3}, bohr.
    pub fn radius(&self) -> f64 {
        self.material.rs_bohr * ((self.material.valence as usize * self.atoms) as f64).cbrt()
    }

    /// Background charge vN, e.
    pub fn background_charge(&self) -> f64 {
        (self.material.valence as usize * self.atoms) as f64
    }

    /// Valence electrons N_e = vN − charge.
    pub fn electrons(&self) -> f64 {
        self.background_charge() - self.charge as f64
    }

    /// Checks the numbers before any work (atoms, charge, grid, mixing).
    pub fn check(&self) -> Result<()> {
        if self.atoms == 0 || self.atoms > MAX_ATOMS {
            return Err(Error::setting(
                "atoms",
                self.atoms,
                format!(
                    "must lie in 1 … {MAX_ATOMS} (larger spheres take minutes to hours and \
                     gigabytes: for them the classical model, Mie theory, is the right one)"
                ),
            ));
        }
        if self.electrons() < 1.0 {
            return Err(Error::Invalid(format!(
                "jellium: charge {:+} leaves {} electrons",
                self.charge,
                self.electrons()
            )));
        }
        if self.charge < 0 && -(self.charge as f64) > 0.2 * self.background_charge() {
            return Err(Error::Invalid(format!(
                "jellium: charge {} is too negative to bind in LDA (at most −{:.0})",
                self.charge,
                0.2 * self.background_charge()
            )));
        }
        if !(self.step_bohr >= 0.01 && self.step_bohr <= 0.5) {
            return Err(Error::setting(
                "step",
                self.step_bohr,
                "the radial grid step must lie in 0.01 … 0.5 bohr (0.1 gives eigenvalues to \
                 0.05 %, 0.01 to 10⁻⁵; finer only costs memory)",
            ));
        }
        if !(self.mixing > 0.0 && self.mixing <= 1.0) {
            return Err(Error::setting(
                "mixing",
                self.mixing,
                "the mixing fraction must lie in (0, 1]",
            ));
        }
        Ok(())
    }
}

/// How the self-consistency went (only converged runs have a report:
/// non-convergence is an [`Error::NoConvergence`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScfReport {
    pub iterations: usize,
    /// max |v_out − v_in| (hartree) at each iteration.
    pub residuals: Vec<f64>,
    /// The smaller mixing fraction of a second attempt, if the first stalled.
    pub retried_with_mixing: Option<f64>,
}

/// A converged ground state.
#[derive(Clone, Debug)]
pub struct GroundState {
    pub spec: JelliumSpec,
    pub grid: RadialGrid,
    /// Kohn–Sham potential v_eff(r), hartree.
    pub potential: Vec<f64>,
    /// Electron density ρ(r), bohr⁻³.
    pub density: Vec<f64>,
    /// Levels sorted by energy, filled.
    pub levels: Vec<Level>,
    pub report: ScfReport,
}

impl GroundState {
    /// Electrons outside the jellium radius R (the spill-out).
    pub fn spill_out(&self) -> f64 {
        let radius = self.spec.radius();
        self.grid.integrate(|k| {
            let r = self.grid.r[k];
            if r > radius {
                4.0 * PI * r * r * self.density[k]
            } else {
                0.0
            }
        })
    }

    /// HOMO–LUMO gap, hartree.
    pub fn gap(&self) -> Option<f64> {
        levels::gap(&self.levels)
    }

    /// Fermi level, hartree.
    pub fn fermi_level(&self) -> Option<f64> {
        levels::fermi_level(&self.levels)
    }
}

/// The filled levels of potential `v` for `electrons` electrons: bound
/// states first, box states up to +0.5 hartree if those cannot hold them.
pub fn levels_of(grid: &RadialGrid, v: &[f64], electrons: f64, kt: f64) -> Result<Vec<Level>> {
    for cap in [0.0, 0.5] {
        // Every l up to the first whose lowest state lies above the cap (the
        // centrifugal term only raises the levels with l).
        let states: Vec<_> = (0..)
            .map(|l| radial_states(grid, v, l, cap, 64))
            .take_while(|list| !list.is_empty())
            .collect();
        if let Some(levels) = levels::fill(states, electrons, kt) {
            return Ok(levels);
        }
    }
    Err(Error::Model {
        model: "jellium".into(),
        message: format!(
            "the potential binds fewer than {electrons} electrons (even counting box states up to +0.5 hartree)"
        ),
    })
}

/// Name of the jellium self-consistency in [`Error::NoConvergence`]
/// (residual: max |v_out − v_in| in hartree).
pub const SCF_SOLVER: &str = "jellium Kohn–Sham self-consistency (Anderson mixing)";

/// Electron density (bohr⁻³) of filled levels.
pub fn density_of(grid: &RadialGrid, levels: &[Level]) -> Vec<f64> {
    let mut rho = vec![0.0; grid.len()];
    for level in levels.iter().filter(|l| l.occupation > 0.0) {
        for (k, v) in rho.iter_mut().enumerate() {
            *v += level.occupation * level.u[k] * level.u[k];
        }
    }
    for (v, r) in rho.iter_mut().zip(&grid.r) {
        *v /= 4.0 * PI * r * r;
    }
    rho
}

/// Kohn–Sham potential (hartree) of density `rho` in background `v_bg`.
pub fn potential_of(grid: &RadialGrid, v_bg: &[f64], rho: &[f64]) -> Vec<f64> {
    let vh = hartree(grid, rho);
    (0..grid.len())
        .map(|k| v_bg[k] + vh[k] + xc::potential(rho[k]))
        .collect()
}

/// Solves the Kohn–Sham equations to self-consistency; when the mixer
/// stalls, tries once more with a third of the mixing fraction and twice
/// the iterations.
pub fn ground_state(spec: &JelliumSpec) -> Result<GroundState> {
    spec.check()?;
    match solve(spec) {
        // A stalled mixer, or an iterate that binds too few electrons.
        Err(Error::NoConvergence { .. } | Error::Model { .. }) => {
            let mut gentle = spec.clone();
            gentle.mixing /= 3.0;
            gentle.max_iterations *= 2;
            solve(&gentle).map(|mut g| {
                g.spec.mixing = spec.mixing;
                g.spec.max_iterations = spec.max_iterations;
                g.report.retried_with_mixing = Some(gentle.mixing);
                g
            })
        }
        other => other,
    }
}

fn solve(spec: &JelliumSpec) -> Result<GroundState> {
    let radius = spec.radius();
    let grid = RadialGrid::new(radius + spec.margin_bohr, spec.step_bohr)?;
    let electrons = spec.electrons();
    let v_bg = background(&grid, spec.background_charge(), radius);
    // Start from the electrons spread uniformly over the background.
    let rho0 = electrons / (4.0 / 3.0 * PI * radius.powi(3));
    let start: Vec<f64> = grid
        .r
        .iter()
        .map(|&r| if r < radius { rho0 } else { 0.0 })
        .collect();
    let mut v_in = potential_of(&grid, &v_bg, &start);
    let mut mixer = Anderson::new(spec.mixing, 6);
    let mut residuals = Vec::new();
    for iteration in 1..=spec.max_iterations {
        let levels = levels_of(&grid, &v_in, electrons, spec.smearing)?;
        let rho = density_of(&grid, &levels);
        let v_out = potential_of(&grid, &v_bg, &rho);
        let residual: Vec<f64> = v_out.iter().zip(&v_in).map(|(o, i)| o - i).collect();
        let worst = residual.iter().fold(0.0f64, |m, r| m.max(r.abs()));
        if residuals
            .last()
            .is_some_and(|&prev: &f64| worst > 10.0 * prev)
        {
            mixer.reset();
        }
        residuals.push(worst);
        if worst < spec.tolerance {
            let levels = levels_of(&grid, &v_out, electrons, spec.smearing)?;
            let density = density_of(&grid, &levels);
            return Ok(GroundState {
                spec: spec.clone(),
                grid,
                potential: v_out,
                density,
                levels,
                report: ScfReport {
                    iterations: iteration,
                    residuals,
                    retried_with_mixing: None,
                },
            });
        }
        v_in = mixer.next(&v_in, &residual);
    }
    Err(Error::NoConvergence {
        solver: SCF_SOLVER,
        iterations: spec.max_iterations,
        residual: residuals.last().copied().unwrap_or(f64::NAN),
        tolerance: spec.tolerance,
    })
}
