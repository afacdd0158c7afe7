//! Dense symmetric eigenpairs with faer, in f64 (and in f32 for the early
//! iterations of a self-consistency, where half the precision is plenty
//! and the eigensolver runs twice as fast).

use faer::Mat;
use ndarray::Array2;

use crate::error::{Error, Result};

/// One-electron orbitals: energies ascending (eV) and coefficients, one
/// orbital per column (`coefficients[[k, i]]` = ⟨k|ψᵢ⟩ for basis orbital k).
#[derive(Clone, Debug)]
pub struct Orbitals {
    pub energies: Vec<f64>,
    pub coefficients: Array2<f64>,
}

/// Diagonalises the symmetric matrix `h` (lower triangle read), the same
/// to the last bit on any number of threads ([`FIXED_TASKS`]).
pub fn diagonalise(h: &Array2<f64>) -> Result<Orbitals> {
    check(h)?;
    let n = h.nrows();
    let m = Mat::<f64>::from_fn(n, n, |i, j| h[[i, j]]);
    let (energies, u) = evd_fixed(m.as_ref())?;
    Ok(Orbitals {
        energies,
        coefficients: Array2::from_shape_fn((n, n), |(k, i)| u[(k, i)]),
    })
}

/// [`diagonalise`] in single precision (relative accuracy about 10⁻⁶ of
/// the spectral range), returned in f64.
pub fn diagonalise_single(h: &Array2<f64>) -> Result<Orbitals> {
    check(h)?;
    let n = h.nrows();
    let m = Mat::<f32>::from_fn(n, n, |i, j| h[[i, j]] as f32);
    let (energies, u) = evd_fixed(m.as_ref())?;
    Ok(Orbitals {
        energies: energies.into_iter().map(|e| e as f64).collect(),
        coefficients: Array2::from_shape_fn((n, n), |(k, i)| u[(k, i)] as f64),
    })
}

/// The Cholesky factor S = L Lᵀ of an overlap matrix, kept to solve
/// generalised eigenproblems H C = S C ε with it (the non-orthogonal basis
/// of DFTB): L⁻¹ H L⁻ᵀ is diagonalised and C = L⁻ᵀ C′, so that CᵀSC = 1.
/// Cholesky is the cheapest reduction and exact for a positive-definite S;
/// an S that is not (atoms on top of each other) is refused.
pub struct Overlap {
    l: Mat<f64>,
}

impl Overlap {
    /// Factors `s`.
    pub fn new(s: &Array2<f64>) -> Result<Self> {
        check(s)?;
        let n = s.nrows();
        let m = Mat::<f64>::from_fn(n, n, |i, j| s[[i, j]]);
        let llt = m.llt(faer::Side::Lower).map_err(|_| {
            Error::Eigen(
                "the overlap matrix is not positive definite: atoms are too close together for \
                 their basis functions to stay independent"
                    .into(),
            )
        })?;
        Ok(Overlap {
            l: llt.L().to_owned(),
        })
    }

    /// Eigenpairs of H C = S C ε for `h` (eV), in f64 or (`single`, for the
    /// early iterations of a self-consistency) in f32 for the standard
    /// problem, returned in f64 with CᵀSC = 1.
    pub fn diagonalise(&self, h: &Array2<f64>, single: bool) -> Result<Orbitals> {
        use faer::linalg::triangular_solve::{
            solve_lower_triangular_in_place, solve_upper_triangular_in_place,
        };
        check(h)?;
        let n = h.nrows();
        let par = faer::Par::rayon(FIXED_TASKS);
        let mut x = Mat::<f64>::from_fn(n, n, |i, j| h[[i, j]]);
        solve_lower_triangular_in_place(self.l.as_ref(), x.as_mut(), par);
        let mut y = x.transpose().to_owned();
        solve_lower_triangular_in_place(self.l.as_ref(), y.as_mut(), par);
        let reduced = Mat::<f64>::from_fn(n, n, |i, j| 0.5 * (y[(i, j)] + y[(j, i)]));
        let (energies, mut c) = if single {
            let m32 = Mat::<f32>::from_fn(n, n, |i, j| reduced[(i, j)] as f32);
            let (e, u) = evd_fixed(m32.as_ref())?;
            (
                e.into_iter().map(f64::from).collect(),
                Mat::<f64>::from_fn(n, n, |i, j| u[(i, j)] as f64),
            )
        } else {
            evd_fixed(reduced.as_ref())?
        };
        solve_upper_triangular_in_place(self.l.transpose(), c.as_mut(), par);
        Ok(Orbitals {
            energies,
            coefficients: Array2::from_shape_fn((n, n), |(k, i)| c[(k, i)]),
        })
    }
}

/// Tasks the deterministic eigensolver splits its work into, whatever the
/// number of threads that run them.
pub const FIXED_TASKS: usize = 4;

/// Eigenvalues (ascending) and eigenvectors (columns) of the symmetric
/// matrix `m` (lower triangle read), the same to the last bit on any
/// number of threads: the work is split into [`FIXED_TASKS`] tasks, not
/// into as many as there are threads.
pub fn diagonalise_deterministic(m: faer::MatRef<'_, f64>) -> Result<(Vec<f64>, Mat<f64>)> {
    let n = m.nrows();
    if n != m.ncols() || (0..n).any(|j| (0..n).any(|i| !m[(i, j)].is_finite())) {
        return Err(Error::Eigen("not a square matrix of finite numbers".into()));
    }
    evd_fixed(m)
}

/// The symmetric eigendecomposition in f32 or f64 with [`FIXED_TASKS`].
fn evd_fixed<T: faer::traits::RealField>(m: faer::MatRef<'_, T>) -> Result<(Vec<T>, Mat<T>)> {
    use faer::dyn_stack::{MemBuffer, MemStack};
    use faer::linalg::evd::{self, ComputeEigenvectors};
    let n = m.nrows();
    let par = faer::Par::rayon(FIXED_TASKS);
    let mut s = faer::diag::Diag::<T>::zeros(n);
    let mut u = Mat::<T>::zeros(n, n);
    let scratch =
        evd::self_adjoint_evd_scratch::<T>(n, ComputeEigenvectors::Yes, par, Default::default());
    evd::self_adjoint_evd(
        m,
        s.as_mut(),
        Some(u.as_mut()),
        par,
        MemStack::new(&mut MemBuffer::new(scratch)),
        Default::default(),
    )
    .map_err(|e| Error::Eigen(format!("{e:?}")))?;
    Ok(((0..n).map(|i| s[i].clone()).collect(), u))
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

    /// H C = S C ε against the two-level analytic case: s orbitals with
    /// overlap σ and coupling β give (α ± β)/(1 ± σ), and CᵀSC = 1.
    #[test]
    fn generalised_two_level_system() {
        let (alpha, beta, sigma) = (-1.0, -0.5, 0.3);
        let h = ndarray::arr2(&[[alpha, beta], [beta, alpha]]);
        let s = ndarray::arr2(&[[1.0, sigma], [sigma, 1.0]]);
        let o = Overlap::new(&s).unwrap().diagonalise(&h, false).unwrap();
        let want = [
            (alpha + beta) / (1.0 + sigma),
            (alpha - beta) / (1.0 - sigma),
        ];
        for (e, w) in o.energies.iter().zip(want) {
            assert!((e - w).abs() < 1e-14, "{e} vs {w}");
        }
        let c = &o.coefficients;
        let csc = c.t().dot(&s).dot(c);
        for i in 0..2 {
            for j in 0..2 {
                assert!((csc[[i, j]] - f64::from(i == j)).abs() < 1e-14);
            }
        }
        let bad = ndarray::arr2(&[[1.0, 1.0], [1.0, 1.0]]);
        assert!(Overlap::new(&bad).is_err());
    }

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
