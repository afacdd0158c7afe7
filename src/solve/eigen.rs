//! Dense symmetric eigenpairs with faer, in f64.

use faer::{Mat, Side};
use ndarray::Array2;

use crate::error::{Error, Result};

/// One-electron orbitals: energies ascending (eV) and coefficients, one
/// orbital per column (`coefficients[[k, i]]` = ⟨k|ψᵢ⟩ for basis orbital k).
#[derive(Clone, Debug)]
pub struct Orbitals {
    pub energies: Vec<f64>,
    pub coefficients: Array2<f64>,
}

/// Diagonalises the symmetric matrix `h` (lower triangle read).
pub fn diagonalise(h: &Array2<f64>) -> Result<Orbitals> {
    let n = h.nrows();
    if n != h.ncols() {
        return Err(Error::Eigen(format!(
            "matrix is {}×{}, not square",
            n,
            h.ncols()
        )));
    }
    if h.iter().any(|x| !x.is_finite()) {
        return Err(Error::Eigen(
            "the Hamiltonian has non-finite entries".into(),
        ));
    }
    let m = Mat::<f64>::from_fn(n, n, |i, j| h[[i, j]]);
    let evd = m
        .self_adjoint_eigen(Side::Lower)
        .map_err(|e| Error::Eigen(format!("{e:?}")))?;
    let s = evd.S();
    let u = evd.U();
    let energies: Vec<f64> = (0..n).map(|i| s[i]).collect();
    let coefficients = Array2::from_shape_fn((n, n), |(k, i)| u[(k, i)]);
    Ok(Orbitals {
        energies,
        coefficients,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_level_system() {
        let h = ndarray::arr2(&[[0.0, -1.0], [-1.0, 0.0]]);
        let o = diagonalise(&h).unwrap();
        assert!((o.energies[0] + 1.0).abs() < 1e-14);
        assert!((o.energies[1] - 1.0).abs() < 1e-14);
        let c = &o.coefficients;
        assert!((c[[0, 0]].abs() - 0.5f64.sqrt()).abs() < 1e-14);
    }
}
