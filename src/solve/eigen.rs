//! Dense symmetric eigenpairs with faer, in f64 (and in f32 for the early
//! iterations of a self-consistency, where half the precision is plenty
//! and the eigensolver runs twice as fast).

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
    check(h)?;
    let n = h.nrows();
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

/// [`diagonalise`] in single precision (relative accuracy about 10⁻⁶ of
/// the spectral range), returned in f64.
pub fn diagonalise_single(h: &Array2<f64>) -> Result<Orbitals> {
    check(h)?;
    let n = h.nrows();
    let m = Mat::<f32>::from_fn(n, n, |i, j| h[[i, j]] as f32);
    let evd = m
        .self_adjoint_eigen(Side::Lower)
        .map_err(|e| Error::Eigen(format!("{e:?}")))?;
    let s = evd.S();
    let u = evd.U();
    Ok(Orbitals {
        energies: (0..n).map(|i| s[i] as f64).collect(),
        coefficients: Array2::from_shape_fn((n, n), |(k, i)| u[(k, i)] as f64),
    })
}

/// A square matrix of finite numbers.
fn check(h: &Array2<f64>) -> Result<()> {
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
    Ok(())
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
        let single = diagonalise_single(&h).unwrap();
        assert!((single.energies[0] + 1.0).abs() < 1e-6);
        assert!((single.coefficients[[0, 0]].abs() - 0.5f64.sqrt()).abs() < 1e-6);
        assert!(diagonalise_single(&ndarray::arr2(&[[f64::NAN]])).is_err());
    }
}
