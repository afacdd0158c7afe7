//! Flexible GMRES (Saad, SIAM J. Sci. Comput. 14, 461 (1993)) for complex
//! linear systems A x = b with a few right-hand sides, iterated in lockstep
//! so that every step applies A once to all of them (one pass over A).
//! "Flexible": the preconditioned directions z = P v are kept, so P may be
//! applied inexactly (here: an LU factorisation in single precision of a
//! nearby matrix) without spoiling the double-precision residual.

use faer::{Mat, MatRef, c64};

/// A converged solve.
#[derive(Debug)]
pub struct Solution {
    pub x: Mat<c64>,
    /// Arnoldi steps taken (applications of A and P after the first
    /// residual).
    pub steps: usize,
}

/// Why the iteration gave up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NotConverged {
    /// Largest relative residual ‖b − A x‖/‖b‖ of the columns when it stopped.
    pub residual: f64,
}

/// One right-hand side's Arnoldi process.
struct Column {
    /// Orthonormal basis v₀ … v_j.
    basis: Vec<Vec<c64>>,
    /// Preconditioned directions z_j = P v_j.
    directions: Vec<Vec<c64>>,
    /// Columns of the Hessenberg matrix, rotated to upper triangular.
    r: Vec<Vec<c64>>,
    /// Givens rotations (c real, s complex).
    rotations: Vec<(f64, c64)>,
    /// Rotated right-hand side of the least-squares problem.
    g: Vec<c64>,
    /// ‖b‖ of this column.
    scale: f64,
    done: bool,
}

/// Solves A X = B to relative residual `tolerance` per column, from the
/// start `x0`, with at most `max_steps` Arnoldi steps (no restart).
/// `apply(Y)` returns A Y and `precondition(Y)` an approximation of A⁻¹ Y,
/// both for an n × k block whose columns may be zero.
pub fn solve(
    apply: impl Fn(MatRef<c64>) -> Mat<c64>,
    precondition: impl Fn(MatRef<c64>) -> Mat<c64>,
    b: MatRef<c64>,
    x0: Mat<c64>,
    tolerance: f64,
    max_steps: usize,
) -> Result<Solution, NotConverged> {
    let (n, k) = (b.nrows(), b.ncols());
    let r0 = b - apply(x0.as_ref());
    let mut columns: Vec<Column> = (0..k)
        .map(|c| {
            let v: Vec<c64> = (0..n).map(|a| r0[(a, c)]).collect();
            let beta = norm(&v);
            let scale = (0..n).map(|a| b[(a, c)].norm_sqr()).sum::<f64>().sqrt();
            let done = beta <= tolerance * scale;
            Column {
                basis: vec![if done { v } else { scaled(&v, 1.0 / beta) }],
                directions: Vec::new(),
                r: Vec::new(),
                rotations: Vec::new(),
                g: vec![c64::new(beta, 0.0)],
                scale,
                done,
            }
        })
        .collect();
    let mut steps = 0;
    while steps < max_steps && !columns.iter().all(|c| c.done) {
        steps += 1;
        let last = Mat::<c64>::from_fn(n, k, |a, c| {
            let col = &columns[c];
            if col.done {
                c64::new(0.0, 0.0)
            } else {
                col.basis[col.basis.len() - 1][a]
            }
        });
        let z = precondition(last.as_ref());
        let w = apply(z.as_ref());
        for (c, col) in columns.iter_mut().enumerate().filter(|(_, c)| !c.done) {
            col.directions.push((0..n).map(|a| z[(a, c)]).collect());
            col.step((0..n).map(|a| w[(a, c)]).collect(), tolerance);
        }
    }
    let mut x = x0;
    for (c, col) in columns.iter().enumerate() {
        for (d, y) in col.directions.iter().zip(col.coefficients()) {
            for a in 0..n {
                x[(a, c)] += d[a] * y;
            }
        }
    }
    // The true residual, not the recurrence's estimate.
    let residual = b - apply(x.as_ref());
    let worst = columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            let r = (0..n)
                .map(|a| residual[(a, c)].norm_sqr())
                .sum::<f64>()
                .sqrt();
            r / col.scale.max(f64::MIN_POSITIVE)
        })
        .fold(0.0f64, f64::max);
    if worst <= tolerance {
        Ok(Solution { x, steps })
    } else {
        Err(NotConverged { residual: worst })
    }
}

impl Column {
    /// One Arnoldi step from w = A z_j: orthogonalise (modified
    /// Gram–Schmidt), rotate the new Hessenberg column, test convergence.
    fn step(&mut self, mut w: Vec<c64>, tolerance: f64) {
        let mut h: Vec<c64> = Vec::with_capacity(self.basis.len() + 1);
        for v in &self.basis {
            let dot: c64 = v.iter().zip(&w).map(|(p, q)| p.conj() * q).sum();
            w.iter_mut().zip(v).for_each(|(q, p)| *q -= dot * p);
            h.push(dot);
        }
        let beta = norm(&w);
        for (i, &(c, s)) in self.rotations.iter().enumerate() {
            let (a, b) = (h[i], h[i + 1]);
            h[i] = a * c + s * b;
            h[i + 1] = -s.conj() * a + b * c;
        }
        let j = h.len() - 1;
        let a = h[j];
        let radius = (a.norm_sqr() + beta * beta).sqrt();
        let (c, s) = if a.norm() == 0.0 {
            (0.0, c64::new(1.0, 0.0))
        } else {
            let phase = a / a.norm();
            (a.norm() / radius, phase * (beta / radius))
        };
        h[j] = if a.norm() == 0.0 {
            c64::new(beta, 0.0)
        } else {
            a / a.norm() * radius
        };
        self.rotations.push((c, s));
        let gj = self.g[j];
        self.g[j] = gj * c;
        self.g.push(-s.conj() * gj);
        self.r.push(h);
        let estimate = self.g[j + 1].norm();
        if estimate <= 0.5 * tolerance * self.scale || beta == 0.0 {
            self.done = true;
        } else {
            self.basis.push(scaled(&w, 1.0 / beta));
        }
    }

    /// y solving the rotated triangular system R y = g.
    fn coefficients(&self) -> Vec<c64> {
        let m = self.r.len();
        let mut y = vec![c64::new(0.0, 0.0); m];
        for i in (0..m).rev() {
            let mut s = self.g[i];
            for (l, yl) in y.iter().enumerate().skip(i + 1) {
                s -= self.r[l][i] * yl;
            }
            y[i] = s / self.r[i][i];
        }
        y
    }
}

fn norm(v: &[c64]) -> f64 {
    v.iter().map(|z| z.norm_sqr()).sum::<f64>().sqrt()
}

fn scaled(v: &[c64], factor: f64) -> Vec<c64> {
    v.iter().map(|z| z * factor).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use faer::linalg::solvers::Solve;

    fn system(n: usize) -> (Mat<c64>, Mat<c64>) {
        let a = Mat::<c64>::from_fn(n, n, |i, j| {
            let d = (i as f64 - j as f64).abs();
            let diagonal = if i == j { 2.0 + 0.1 * i as f64 } else { 0.0 };
            c64::new(1.0 / (1.0 + d) + diagonal, 0.3 / (1.0 + d * d))
        });
        let b = Mat::<c64>::from_fn(n, 3, |i, c| c64::new((i * (c + 1)) as f64 * 0.1, c as f64));
        (a, b)
    }

    #[test]
    fn solves_to_the_tolerance_without_and_with_a_preconditioner() {
        let (a, b) = system(80);
        let exact = a.partial_piv_lu().solve(&b);
        let apply = |y: MatRef<c64>| &a * y;
        let plain = solve(
            apply,
            |y| y.to_owned(),
            b.as_ref(),
            Mat::zeros(80, 3),
            1e-12,
            80,
        )
        .expect("converges without a preconditioner")
        .x;
        assert!((&plain - &exact).norm_l2() < 1e-9 * exact.norm_l2());
        // A nearby matrix's LU as the preconditioner: a handful of steps.
        let near = Mat::<c64>::from_fn(80, 80, |i, j| {
            a[(i, j)] * (1.0 + 0.05 * ((i + j) % 3) as f64)
        });
        let lu = near.partial_piv_lu();
        let steps = std::cell::Cell::new(0);
        let pre = |y: MatRef<c64>| {
            steps.set(steps.get() + 1);
            lu.solve(y)
        };
        let x = solve(apply, pre, b.as_ref(), Mat::zeros(80, 3), 1e-12, 80).unwrap();
        assert!((&x.x - &exact).norm_l2() < 1e-9 * exact.norm_l2());
        assert_eq!(x.steps, steps.get());
        assert!(x.steps < 15, "{} preconditioned steps", x.steps);
    }

    #[test]
    fn reports_a_residual_it_could_not_reach() {
        let (a, b) = system(60);
        let e = solve(
            |y| &a * y,
            |y| y.to_owned(),
            b.as_ref(),
            Mat::zeros(60, 3),
            1e-12,
            2,
        )
        .unwrap_err();
        assert!(e.residual > 1e-12 && e.residual.is_finite());
        // An exact start needs no step.
        let exact = a.partial_piv_lu().solve(&b);
        let x = solve(
            |y| &a * y,
            |_| panic!("no step needed"),
            b.as_ref(),
            exact,
            1e-10,
            5,
        );
        assert_eq!(x.unwrap().steps, 0);
    }
}
