//! The jellium coupling in Casida's form (the solver is
//! [`crate::solve::casida`]), in the L = 1 particle–hole space:
//! K = Aᵀ B with the grid × pair factors A_kp = h t_p(r_k) and
//! B_kq = V_q(r_k) + f_xc(ρ(r_k)) t_q(r_k) / r_k², where V_q is the l = 1
//! Coulomb potential of the transition density t_q (vacuum or
//! d-screened) and f_xc the LDA kernel. The eigenvalues of Ω are ω_n², and
//! f_n = 2 (Σ_p X_pn s_p √(4π/3) d_p)² (hartree atomic units).

use std::f64::consts::PI;

use ndarray::Array2;
use serde::Serialize;

use super::pairs::ParticleHoleSpace;
use super::scf::GroundState;
use super::xc;
use crate::error::Result;
use crate::response::Lines;
use crate::solve::casida::{CouplingFactors, solve};
use crate::units::HARTREE_EV;

/// Which coupling enters Ω.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Coupling {
    /// Coulomb (Hartree) plus the adiabatic LDA exchange–correlation kernel.
    Tdlda,
    /// No coupling: the single-particle spectrum through the same solver.
    Off,
}

impl Coupling {
    /// λ in Ω = Δ² + 2λ sKs.
    pub fn scale(self) -> f64 {
        match self {
            Coupling::Tdlda => 1.0,
            Coupling::Off => 0.0,
        }
    }
}

/// Builds A and B for the pairs of `space` in the ground state `ground`.
pub fn coupling_factors(ground: &GroundState, space: &ParticleHoleSpace) -> CouplingFactors {
    let grid = &ground.grid;
    let (n, p) = (grid.len(), space.len());
    let h = grid.step;
    let mut b = space.green.potentials(grid, &space.densities, p);
    let mut a = space.densities.clone();
    for k in 0..n {
        let fxc = xc::kernel(ground.density[k]) / (grid.r[k] * grid.r[k]);
        for q in 0..p {
            let t = space.densities[k * p + q];
            b[k * p + q] += fxc * t;
            a[k * p + q] = h * t;
        }
    }
    CouplingFactors {
        points: n,
        pairs: p,
        a,
        b,
        delta: space.pairs.iter().map(|x| x.energy).collect(),
        scale: space
            .pairs
            .iter()
            .map(|x| (x.energy * x.weight).sqrt())
            .collect(),
    }
}

/// Excitation energies (eV) and oscillator strengths from Ω (hartree²).
pub fn excitations(
    space: &ParticleHoleSpace,
    f: &CouplingFactors,
    omega: &Array2<f64>,
) -> Result<Lines> {
    let x = solve(omega, "jellium", 1e-10)?;
    let dipole_norm = (4.0 * PI / 3.0).sqrt();
    let v: Vec<f64> = (0..f.pairs)
        .map(|q| f.scale[q] * dipole_norm * space.pairs[q].dipole)
        .collect();
    Ok(Lines::new(
        x.energies.iter().map(|w| w * HARTREE_EV).collect(),
        x.project(&v).iter().map(|p| 2.0 * p * p).collect(),
    ))
}
