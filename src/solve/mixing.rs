//! Anderson (Pulay) mixing of self-consistent quantities (the jellium
//! potential, tight-binding atomic charges): the next input is the
//! combination of recent inputs whose residuals cancel best, plus a damped
//! step along the combined residual; and the Thomas–Fermi preconditioner
//! of charge residuals shared by the tight-binding and DFTB charge loops.

use ndarray::Array2;

/// History of inputs and residuals.
pub struct Anderson {
    beta: f64,
    depth: usize,
    last: Option<(Vec<f64>, Vec<f64>)>,
    dx: Vec<Vec<f64>>,
    df: Vec<Vec<f64>>,
}

impl Anderson {
    /// `beta`: linear mixing fraction (0 < β ≤ 1); `depth`: history length.
    pub fn new(beta: f64, depth: usize) -> Self {
        Anderson {
            beta,
            depth,
            last: None,
            dx: Vec::new(),
            df: Vec::new(),
        }
    }

    /// Forgets the history (after a step that made things worse).
    pub fn reset(&mut self) {
        self.last = None;
        self.dx.clear();
        self.df.clear();
    }

    /// The next input from input `x` and its residual `f` = output − input.
    pub fn next(&mut self, x: &[f64], f: &[f64]) -> Vec<f64> {
        if let Some((x0, f0)) = self.last.take() {
            self.dx
                .push(x.iter().zip(&x0).map(|(a, b)| a - b).collect());
            self.df
                .push(f.iter().zip(&f0).map(|(a, b)| a - b).collect());
            if self.dx.len() > self.depth {
                self.dx.remove(0);
                self.df.remove(0);
            }
        }
        self.last = Some((x.to_vec(), f.to_vec()));
        let m = self.df.len();
        let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(p, q)| p * q).sum::<f64>();
        let mut a = vec![vec![0.0; m]; m];
        let mut rhs = vec![0.0; m];
        for (i, row) in a.iter_mut().enumerate() {
            for (j, v) in row.iter_mut().enumerate() {
                *v = dot(&self.df[i], &self.df[j]);
            }
            rhs[i] = dot(&self.df[i], f);
        }
        let trace: f64 = (0..m).map(|i| a[i][i]).sum();
        for (i, row) in a.iter_mut().enumerate() {
            row[i] += 1e-10 * trace;
        }
        let gamma = solve_small(a, rhs);
        let mut next: Vec<f64> = x
            .iter()
            .zip(f)
            .map(|(xi, fi)| xi + self.beta * fi)
            .collect();
        for (j, g) in gamma.iter().enumerate() {
            for (k, v) in next.iter_mut().enumerate() {
                *v -= g * (self.dx[j][k] + self.beta * self.df[j][k]);
            }
        }
        next
    }
}

/// Gaussian elimination with partial pivoting of a small dense system;
/// a singular system gives zeros (plain linear mixing).
fn solve_small(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let m = b.len();
    for col in 0..m {
        let pivot = (col..m)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap_or(col);
        if a[pivot][col].abs() < 1e-300 {
            return vec![0.0; m];
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let (top, rest) = a.split_at_mut(col + 1);
        let pivot_row = &top[col];
        for (offset, row) in rest.iter_mut().enumerate() {
            let factor = row[col] / pivot_row[col];
            for (v, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                *v -= factor * p;
            }
            b[col + 1 + offset] -= factor * b[col];
        }
    }
    let mut x = vec![0.0; m];
    for row in (0..m).rev() {
        let s: f64 = (row + 1..m).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    x
}

/// States per eV per site (atom or shell) at the Fermi level: the levels
/// within a few tenths of an eV of it, Gaussian-weighted (σ = 0.2 eV), at
/// least 0.05.
pub fn fermi_dos(energies: &[f64], occupations: &[f64], atoms: usize) -> f64 {
    let homo = occupations.iter().rposition(|&n| n > 1e-6).unwrap_or(0);
    let lumo = occupations
        .iter()
        .position(|&n| n < 2.0 - 1e-6)
        .unwrap_or(homo);
    let ef = 0.5 * (energies[homo] + energies[lumo.min(energies.len() - 1)]);
    let sigma: f64 = 0.2;
    let norm = 1.0 / (sigma * (2.0 * std::f64::consts::PI).sqrt());
    let dos: f64 = energies
        .iter()
        .map(|e| 2.0 * norm * (-(e - ef).powi(2) / (2.0 * sigma * sigma)).exp())
        .sum();
    (dos / atoms.max(1) as f64).max(0.05)
}

/// (I + D γ)⁻¹: the residual preconditioner of a self-consistent charge
/// loop, the metallic (Thomas–Fermi) response of the charges with `dos`
/// states per eV per site; γ in eV per e².
pub fn preconditioner(gamma: &Array2<f64>, dos: f64) -> Array2<f64> {
    use faer::linalg::solvers::Solve;
    let n = gamma.nrows();
    let m = faer::Mat::<f64>::from_fn(n, n, |i, j| {
        dos * gamma[[i, j]] + if i == j { 1.0 } else { 0.0 }
    });
    let inv = m.partial_piv_lu().solve(faer::Mat::<f64>::identity(n, n));
    Array2::from_shape_fn((n, n), |(i, j)| inv[(i, j)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_a_linear_fixed_point_faster_than_linear_mixing() {
        // x = M x + c with a contraction M of spectral radius 0.9.
        let map = |x: &[f64]| {
            vec![
                0.9 * x[0] + 0.1 * x[1] + 1.0,
                -0.2 * x[0] + 0.5 * x[1] + 2.0,
            ]
        };
        let mut mixer = Anderson::new(0.3, 5);
        let mut x = vec![0.0, 0.0];
        let mut steps = 0;
        loop {
            let out = map(&x);
            let f: Vec<f64> = out.iter().zip(&x).map(|(o, i)| o - i).collect();
            if f.iter().all(|v| v.abs() < 1e-10) {
                break;
            }
            x = mixer.next(&x, &f);
            steps += 1;
            assert!(steps < 30, "no convergence");
        }
        let out = map(&x);
        assert!((out[0] - x[0]).abs() < 1e-9 && (out[1] - x[1]).abs() < 1e-9);
    }
}
