//! Linear response in Casida's form for any model whose coupling is of low
//! rank: in a space of particle–hole pairs p with energies Δ_p and
//! s_p = √(Δ_p w_p) (w_p: occupation weight of the pair),
//!   Ω_pq = Δ_p² δ_pq + 2λ s_p K_pq s_q,   K = Aᵀ B,
//! where A and B are (rows × pairs) factors: the radial grid of spherical
//! jellium, or the atoms of tight binding (A = transition charges,
//! B = γ A with the Coulomb kernel γ). λ = 1 is the coupled response,
//! λ = 0 the independent-particle limit. Ω's eigenvalues are ω_n²; a
//! dipole observable enters through the projections Σ_p X_pn v_p.
//! Energies in whatever unit the model uses (hartree for jellium, eV for
//! tight binding); Ω is in that unit squared.

use ndarray::{Array2, ArrayView2};

use crate::error::{Error, Result};
use crate::solve::eigen::diagonalise;

/// The factors of K = Aᵀ B (row-major, rows × pairs), the pair energies
/// Δ_p and s_p = √(Δ_p w_p).
#[derive(Clone, Debug)]
pub struct CouplingFactors {
    /// Rows of A and B (grid points, atoms).
    pub points: usize,
    pub pairs: usize,
    pub a: Vec<f64>,
    pub b: Vec<f64>,
    pub delta: Vec<f64>,
    pub scale: Vec<f64>,
}

/// CPU twin of shaders/casida.wgsl: Ω for kernel strength `lambda`.
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

/// Eigen-solution of Ω: excitation energies ω_n (ascending) and the
/// eigenvectors X (pairs × excitations, one per column).
#[derive(Clone, Debug)]
pub struct Excitations {
    pub energies: Vec<f64>,
    pub vectors: Array2<f64>,
}

impl Excitations {
    /// Σ_p X_pn v_p for every excitation n.
    pub fn project(&self, v: &[f64]) -> Vec<f64> {
        let x = &self.vectors;
        (0..x.ncols())
            .map(|n| (0..x.nrows()).map(|p| x[[p, n]] * v[p]).sum())
            .collect()
    }

    /// Weight X_pn² of each pair in excitation `n` (Σ_p = 1).
    pub fn composition(&self, n: usize) -> Vec<f64> {
        self.vectors.column(n).iter().map(|x| x * x).collect()
    }
}

/// Diagonalises Ω (symmetrised first: in f32 it is symmetric only to
/// ~1e-7). A negative eigenvalue below −`tolerance` means the ground state
/// is unstable in this response, an error naming `model`.
pub fn solve(omega: &Array2<f64>, model: &str, tolerance: f64) -> Result<Excitations> {
    let p = omega.nrows();
    if p == 0 {
        return Ok(Excitations {
            energies: Vec::new(),
            vectors: Array2::zeros((0, 0)),
        });
    }
    let symmetric = Array2::from_shape_fn((p, p), |(i, j)| 0.5 * (omega[[i, j]] + omega[[j, i]]));
    let eig = diagonalise(&symmetric)?;
    let lowest = eig.energies[0];
    if lowest < -tolerance {
        return Err(Error::Model {
            model: model.to_string(),
            message: format!(
                "the linear response is unstable: Ω has the negative eigenvalue {lowest:.3e} (energy unit squared)"
            ),
        });
    }
    Ok(Excitations {
        energies: eig.energies.iter().map(|w2| w2.max(0.0).sqrt()).collect(),
        vectors: eig.coefficients,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_coupling_gives_back_the_pair_energies() {
        let f = CouplingFactors {
            points: 2,
            pairs: 3,
            a: vec![1.0, 0.5, -0.2, 0.3, 0.1, 0.7],
            b: vec![0.4, 0.2, 0.9, -0.1, 0.8, 0.3],
            delta: vec![3.0, 1.0, 2.0],
            scale: vec![1.0, 1.0, 1.0],
        };
        let x = solve(&casida_matrix(&f, 0.0), "test", 1e-12).unwrap();
        assert_eq!(x.energies, vec![1.0, 2.0, 3.0]);
        // A two-level system coupled to itself: ω² = Δ² + 2 s² K.
        let g = CouplingFactors {
            points: 1,
            pairs: 1,
            a: vec![2.0],
            b: vec![0.5],
            delta: vec![1.5],
            scale: vec![0.8],
        };
        let y = solve(&casida_matrix(&g, 1.0), "test", 1e-12).unwrap();
        let expected = (1.5f64 * 1.5 + 2.0 * 0.64 * 1.0).sqrt();
        assert!((y.energies[0] - expected).abs() < 1e-14);
        assert!((y.composition(0)[0] - 1.0).abs() < 1e-14);
    }

    #[test]
    fn an_unstable_response_is_an_error() {
        let omega = ndarray::arr2(&[[1.0, 0.0], [0.0, -2.0]]);
        let e = solve(&omega, "jellium", 1e-10).unwrap_err().to_string();
        assert!(e.contains("unstable") && e.contains("jellium"), "{e}");
    }
}
