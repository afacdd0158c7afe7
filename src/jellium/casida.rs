//! Linear response in Casida's form, in the L = 1 particle–hole space:
//! Ω_pq = Δ_p² δ_pq + 2 λ s_p K_pq s_q, s_p = √(Δ_p w_p), with the
//! coupling matrix K = Aᵀ B of two grid × pair factors
//! A_kp = h t_p(r_k) and B_kq = V_q(r_k) + f_xc(ρ(r_k)) t_q(r_k) / r_k²,
//! where V_q is the l = 1 Coulomb potential of the transition density t_q
//! (vacuum or d-screened) and f_xc the LDA kernel. λ = 1 is TDLDA, λ = 0
//! the independent-particle limit. The eigenvalues of Ω are ω_n², and
//! f_n = 2 (Σ_p X_pn s_p √(4π/3) d_p)² (hartree atomic units).

use std::f64::consts::PI;

use ndarray::{Array2, ArrayView2};
use serde::Serialize;

use super::pairs::{Lines, ParticleHoleSpace};
use super::scf::GroundState;
use super::xc;
use crate::error::{Error, Result};
use crate::solve::eigen::diagonalise;
use crate::units::HARTREE_EV;

/// Which coupling enters Ω.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Kernel {
    /// Coulomb (Hartree) plus the adiabatic LDA exchange–correlation kernel.
    Tdlda,
    /// No coupling: the single-particle spectrum through the same solver.
    Off,
}

impl Kernel {
    /// λ in Ω = Δ² + 2λ sKs.
    pub fn scale(self) -> f64 {
        match self {
            Kernel::Tdlda => 1.0,
            Kernel::Off => 0.0,
        }
    }
}

/// The factors of K = Aᵀ B (row-major, grid point × pair), the pair
/// energies Δ_p (hartree) and s_p = √(Δ_p w_p).
#[derive(Clone, Debug)]
pub struct CouplingFactors {
    pub points: usize,
    pub pairs: usize,
    pub a: Vec<f64>,
    pub b: Vec<f64>,
    pub delta: Vec<f64>,
    pub scale: Vec<f64>,
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

/// CPU twin of shaders/casida.wgsl: the Casida matrix Ω (hartree²) for
/// kernel strength `lambda` (1 = TDLDA, 0 = independent particles).
pub fn casida_matrix(f: &CouplingFactors, lambda: f64) -> Array2<f64> {
    let shape = (f.points, f.pairs);
    let a = ArrayView2::from_shape(shape, &f.a).expect("A is points × pairs");
    let b = ArrayView2::from_shape(shape, &f.b).expect("B is points × pairs");
    let k = a.t().dot(&b);
    Array2::from_shape_fn((f.pairs, f.pairs), |(p, q)| {
        let diagonal = if p == q { f.delta[p] * f.delta[p] } else { 0.0 };
        diagonal + 2.0 * lambda * f.scale[p] * f.scale[q] * k[[p, q]]
    })
}

/// Excitation energies and oscillator strengths from Ω (symmetrised
/// first, as rounding leaves it symmetric only to ~1e-7 in f32).
pub fn excitations(
    space: &ParticleHoleSpace,
    f: &CouplingFactors,
    omega: &Array2<f64>,
) -> Result<Lines> {
    let p = f.pairs;
    if p == 0 {
        return Ok(Lines::default());
    }
    let symmetric = Array2::from_shape_fn((p, p), |(i, j)| 0.5 * (omega[[i, j]] + omega[[j, i]]));
    let eig = diagonalise(&symmetric)?;
    let lowest = eig.energies[0];
    if lowest < -1e-10 {
        return Err(Error::Model {
            model: "jellium".into(),
            message: format!(
                "the linear response is unstable: Ω has the negative eigenvalue {lowest:.3e} hartree²"
            ),
        });
    }
    let dipole_norm = (4.0 * PI / 3.0).sqrt();
    let v: Vec<f64> = (0..p)
        .map(|q| f.scale[q] * dipole_norm * space.pairs[q].dipole)
        .collect();
    let mut lines = Lines::default();
    for n in 0..p {
        let projection: f64 = (0..p).map(|q| eig.coefficients[[q, n]] * v[q]).sum();
        lines
            .energy_ev
            .push(eig.energies[n].max(0.0).sqrt() * HARTREE_EV);
        lines.strength.push(2.0 * projection * projection);
    }
    Ok(lines)
}
