//! The Dyson solves M(z) Y = U along a run of nearby frequencies
//! (M = G − χ⁰(z), complex symmetric, n × n; U: n × 3), to a relative
//! residual of 10⁻¹⁰ in double precision, with few factorisations: each
//! solve is flexible GMRES preconditioned by a single-precision LU of M at
//! the nearest frequency factorised so far, started from the extrapolated
//! solutions of the previous two frequencies.
//! When that LU is too far away (GMRES needs more than a few steps) the
//! next frequency is factorised anew. A single-precision LU costs half a
//! double one; GMRES makes up the precision (the residual is double), as
//! iterative refinement would (Higham, Accuracy and Stability of Numerical
//! Algorithms, 2nd ed., SIAM 2002, ch. 12), and also works from a
//! neighbour's factors.

use faer::dyn_stack::{MemBuffer, MemStack};
use faer::linalg::matmul::matmul;
use faer::perm::PermRef;
use faer::traits::ComplexField;
use faer::{Accum, Mat, MatMut, MatRef, Par, c32, c64};
use ndarray::Array2;

use super::spectral::packed_index;
use crate::error::{Error, Result};
use crate::solve::gmres;

/// Relative residual ‖U − M Y‖/‖U‖ of every column at which a solve stops.
pub const TOLERANCE: f64 = 1e-10;
/// GMRES steps allowed with a neighbour's LU before factorising here.
const NEIGHBOUR_STEPS: usize = 12;
/// A neighbour's LU that needed more steps than this is replaced at the
/// next frequency (an LU costs about as much as ten steps at n ≈ 1000).
const REFACTOR_AFTER: usize = 8;
/// GMRES steps allowed with this frequency's own factors.
const OWN_STEPS: usize = 40;

/// Name of the Dyson solver in [`Error::NoConvergence`].
pub const DYSON_SOLVER: &str = "Dyson equation (GMRES with LU preconditioning)";

/// The state carried from one frequency to the next.
pub struct Sweep<'a> {
    /// G = γ⁻¹, eV⁻¹.
    inverse: &'a Array2<f64>,
    /// U = G V (n × 3), or this frequency's right-hand sides.
    rhs: Mat<c64>,
    factors: Option<Factors<c32>>,
    /// The last two solutions, the latest first.
    previous: Vec<Mat<c64>>,
    /// M's storage, kept from one frequency to the next.
    matrix: Option<Mat<c64>>,
    /// LU factorisations so far.
    pub factorisations: usize,
    /// GMRES steps so far.
    pub steps: usize,
}

impl<'a> Sweep<'a> {
    /// A sweep for G = `inverse` and right-hand sides `rhs` (n × 3).
    pub fn new(inverse: &'a Array2<f64>, rhs: MatRef<'_, c64>) -> Self {
        Sweep {
            inverse,
            rhs: rhs.to_owned(),
            factors: None,
            previous: Vec::new(),
            matrix: None,
            factorisations: 0,
            steps: 0,
        }
    }

    /// Im Σ_x Uₓᵀ M⁻¹ Uₓ at the next frequency, whose χ⁰ is given by its
    /// real and imaginary parts, packed lower triangles (row by row).
    pub fn im_projection(&mut self, re: &[f64], im: &[f64]) -> Result<f64> {
        let n = self.inverse.nrows();
        let mut m = self.matrix.take().unwrap_or_else(|| Mat::zeros(n, n));
        fill(&mut m, self.inverse, re, im);
        let y = self.solve(&m);
        self.matrix = Some(m);
        let y = y?;
        Ok((0..self.rhs.ncols())
            .map(|x| {
                (0..n)
                    .map(|a| self.rhs[(a, x)].re * y[(a, x)].im)
                    .sum::<f64>()
            })
            .sum())
    }

    /// Im Σ_x rₓᵀ M⁻¹ rₓ at the next frequency for its own complex
    /// right-hand sides `rhs` (the frequency-dependent d screening).
    pub fn im_projection_for(&mut self, re: &[f64], im: &[f64], rhs: Mat<c64>) -> Result<f64> {
        let n = self.inverse.nrows();
        self.rhs = rhs;
        let mut m = self.matrix.take().unwrap_or_else(|| Mat::zeros(n, n));
        fill(&mut m, self.inverse, re, im);
        let y = self.solve(&m);
        self.matrix = Some(m);
        let y = y?;
        Ok((0..self.rhs.ncols())
            .map(|x| {
                (0..n)
                    .map(|a| {
                        let (r, v) = (self.rhs[(a, x)], y[(a, x)]);
                        r.re * v.im + r.im * v.re
                    })
                    .sum::<f64>()
            })
            .sum())
    }

    /// M⁻¹ U to [`TOLERANCE`].
    pub fn solve(&mut self, m: &Mat<c64>) -> Result<Mat<c64>> {
        let apply = |y: MatRef<c64>| {
            // Sequential: n × 3 is too small to share between threads.
            let mut out = Mat::<c64>::zeros(m.nrows(), y.ncols());
            matmul(
                out.as_mut(),
                Accum::Replace,
                m.as_ref(),
                y,
                c64::new(1.0, 0.0),
                Par::Seq,
            );
            out
        };
        // Linear extrapolation from the last two frequencies (equally
        // spaced in a sweep), else the last solution, else zero.
        let start = || match self.previous.as_slice() {
            [last, before] => Mat::from_fn(last.nrows(), last.ncols(), |a, x| {
                last[(a, x)] * 2.0 - before[(a, x)]
            }),
            [last] => last.clone(),
            _ => Mat::zeros(m.nrows(), self.rhs.ncols()),
        };
        if let Some(lu) = &self.factors {
            let tried = gmres::solve(
                apply,
                |y| single_precision_solve(lu, y),
                self.rhs.as_ref(),
                start(),
                TOLERANCE,
                NEIGHBOUR_STEPS,
            );
            if let Ok(s) = tried {
                self.steps += s.steps;
                if s.steps > REFACTOR_AFTER {
                    self.factors = None;
                }
                self.remember(&s.x);
                return Ok(s.x);
            }
            self.steps += NEIGHBOUR_STEPS;
        }
        let lu = Factors::new(Mat::<c32>::from_fn(m.nrows(), m.ncols(), |a, b| {
            narrow(m[(a, b)])
        }));
        self.factorisations += 1;
        let own = gmres::solve(
            apply,
            |y| single_precision_solve(&lu, y),
            self.rhs.as_ref(),
            start(),
            TOLERANCE,
            OWN_STEPS,
        );
        let solution = match own {
            Ok(s) => s,
            // Too ill-conditioned for single precision: factorise in double.
            Err(_) => {
                let exact = Factors::new(m.clone());
                self.factorisations += 1;
                gmres::solve(
                    apply,
                    |y| {
                        let mut z = y.to_owned();
                        exact.solve_in_place(z.as_mut());
                        z
                    },
                    self.rhs.as_ref(),
                    start(),
                    TOLERANCE,
                    OWN_STEPS,
                )
                .map_err(|e| Error::NoConvergence {
                    solver: DYSON_SOLVER,
                    iterations: OWN_STEPS,
                    residual: e.residual,
                    tolerance: TOLERANCE,
                })?
            }
        };
        self.steps += solution.steps;
        self.factors = Some(lu);
        self.remember(&solution.x);
        Ok(solution.x)
    }

    fn remember(&mut self, x: &Mat<c64>) {
        self.previous.insert(0, x.clone());
        self.previous.truncate(2);
    }
}

/// LU factors with partial pivoting, computed and applied on one thread
/// (the sweeps run in parallel), so that the results do not depend on the
/// number of threads.
struct Factors<T: ComplexField> {
    lu: Mat<T>,
    forward: Vec<usize>,
    inverse: Vec<usize>,
}

impl<T: ComplexField> Factors<T> {
    fn new(mut lu: Mat<T>) -> Self {
        use faer::linalg::lu::partial_pivoting::factor;
        let n = lu.nrows();
        let (mut forward, mut inverse) = (vec![0usize; n], vec![0usize; n]);
        let scratch = factor::lu_in_place_scratch::<usize, T>(n, n, Par::Seq, Default::default());
        factor::lu_in_place(
            lu.as_mut(),
            &mut forward,
            &mut inverse,
            Par::Seq,
            MemStack::new(&mut MemBuffer::new(scratch)),
            Default::default(),
        );
        Factors {
            lu,
            forward,
            inverse,
        }
    }

    /// rhs ← A⁻¹ rhs.
    fn solve_in_place(&self, rhs: MatMut<T>) {
        use faer::linalg::lu::partial_pivoting::solve;
        let n = self.lu.nrows();
        let perm = PermRef::new_checked(&self.forward, &self.inverse, n);
        let scratch = solve::solve_in_place_scratch::<usize, T>(n, rhs.ncols(), Par::Seq);
        solve::solve_in_place(
            self.lu.as_ref(),
            self.lu.as_ref(),
            perm,
            rhs,
            Par::Seq,
            MemStack::new(&mut MemBuffer::new(scratch)),
        );
    }
}

/// An approximation of M⁻¹ Y from single-precision factors.
fn single_precision_solve(lu: &Factors<c32>, y: MatRef<c64>) -> Mat<c64> {
    let mut z = Mat::<c32>::from_fn(y.nrows(), y.ncols(), |a, x| narrow(y[(a, x)]));
    lu.solve_in_place(z.as_mut());
    Mat::<c64>::from_fn(z.nrows(), z.ncols(), |a, x| {
        c64::new(z[(a, x)].re as f64, z[(a, x)].im as f64)
    })
}

/// M = G − χ⁰ from G (full) and χ⁰'s packed real and imaginary parts:
/// each column's upper part is a contiguous packed row; the lower part is
/// mirrored in tiles.
fn fill(m: &mut Mat<c64>, inverse: &Array2<f64>, re: &[f64], im: &[f64]) {
    let n = m.nrows();
    for b in 0..n {
        let start = packed_index(b, 0);
        let column = m.col_as_slice_mut(b);
        let g = inverse.row(b);
        for a in 0..=b {
            column[a] = c64::new(g[a] - re[start + a], -im[start + a]);
        }
    }
    const TILE: usize = 32;
    for b0 in (0..n).step_by(TILE) {
        for a0 in (b0..n).step_by(TILE) {
            for b in b0..(b0 + TILE).min(n) {
                for a in a0.max(b + 1)..(a0 + TILE).min(n) {
                    m[(a, b)] = m[(b, a)];
                }
            }
        }
    }
}

fn narrow(z: c64) -> c32 {
    c32::new(z.re as f32, z.im as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use faer::linalg::solvers::Solve;

    /// G − χ⁰(ω) for a model χ⁰ with poles near 2 eV, condition number
    /// about 1e4 at resonance.
    fn matrix(g: &Array2<f64>, omega: f64) -> Mat<c64> {
        let n = g.nrows();
        Mat::<c64>::from_fn(n, n, |a, b| {
            let d = (a as f64 - b as f64).abs();
            let z = c64::new(omega, 0.05);
            let pole = 2.0 + 0.01 * (a + b) as f64;
            let chi = c64::new(0.3 / (1.0 + d), 0.0) * (c64::new(1.0, 0.0) / (z - pole));
            c64::new(g[[a, b]], 0.0) - chi
        })
    }

    #[test]
    fn solves_a_frequency_sweep_to_the_tolerance_with_few_factorisations() {
        let n = 60;
        let g = Array2::from_shape_fn((n, n), |(a, b)| {
            1.0 / (1.0 + (a as f64 - b as f64).abs()) + if a == b { 0.5 } else { 0.0 }
        });
        let rhs = Mat::<c64>::from_fn(n, 3, |a, x| c64::new(((a + 1) * (x + 1)) as f64 * 0.1, 0.0));
        let mut sweep = Sweep::new(&g, rhs.as_ref());
        let frequencies: Vec<f64> = (0..40).map(|k| 1.6 + 0.01 * k as f64).collect();
        for &w in &frequencies {
            let m = matrix(&g, w);
            let exact = m.partial_piv_lu().solve(&rhs);
            let y = sweep.solve(&m).unwrap();
            // Residual 1e-10 and condition number up to about 1e4.
            let error = (&y - &exact).norm_l2() / exact.norm_l2();
            assert!(error < 1e-7, "at {w} eV: relative error {error:e}");
            let residual = (&rhs - &m * &y).norm_l2() / rhs.norm_l2();
            assert!(
                residual < 2.0 * TOLERANCE,
                "at {w} eV: residual {residual:e}"
            );
        }
        assert!(
            sweep.factorisations < frequencies.len() / 2,
            "{} factorisations for {} frequencies",
            sweep.factorisations,
            frequencies.len()
        );
    }

    #[test]
    fn the_matrix_is_filled_from_packed_triangles_symmetrically() {
        // n = 70 spans three 32 × 32 tiles.
        let n = 70;
        let g = Array2::from_shape_fn((n, n), |(a, b)| (a + b) as f64 * 0.5);
        let chi = |a: usize, b: usize| c64::new((a * b) as f64 + 1.0, (a + b) as f64 - 3.0);
        let len = crate::rpa::spectral::packed_len(n);
        let (mut re, mut im) = (vec![0.0; len], vec![0.0; len]);
        for a in 0..n {
            for b in 0..=a {
                re[packed_index(a, b)] = chi(a, b).re;
                im[packed_index(a, b)] = chi(a, b).im;
            }
        }
        let mut m = Mat::<c64>::zeros(n, n);
        fill(&mut m, &g, &re, &im);
        for a in 0..n {
            for b in 0..n {
                assert_eq!(
                    m[(a, b)],
                    c64::new(g[[a, b]], 0.0) - chi(a, b),
                    "({a}, {b})"
                );
            }
        }
    }

    #[test]
    fn a_hopeless_matrix_is_tried_in_double_precision_then_refused() {
        // Rank one plus 1e-10 I: single-precision rounding of the rank-one
        // part is a thousand times the part that makes it invertible.
        let n = 120;
        let g = Array2::from_shape_fn((n, n), |(a, b)| {
            let (x, y) = (1.0 + a as f64 * 0.37, 1.0 + b as f64 * 0.37);
            x.sin() * y.sin()
                + if a == b {
                    1e-10 * (1.0 + a as f64)
                } else {
                    0.0
                }
        });
        let m = Mat::<c64>::from_fn(n, n, |a, b| {
            c64::new(g[[a, b]], 1e-11 * (a == b) as u8 as f64)
        });
        let rhs = Mat::<c64>::from_fn(n, 3, |a, x| c64::new((a * (x + 2)) as f64 % 7.0, 0.0));
        let mut sweep = Sweep::new(&g, rhs.as_ref());
        // Condition number ~1e12: not even double-precision factors reach
        // 1e-10; the answer is an error, not a wrong solution.
        let e = sweep.solve(&m).unwrap_err();
        assert!(matches!(e, Error::NoConvergence { .. }), "{e:?}");
        assert_eq!(sweep.factorisations, 2, "single then double precision");
    }
}
