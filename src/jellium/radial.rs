//! The radial Kohn–Sham equation on a uniform grid:
//! [−½ d²/dr² + l(l+1)/2r² + v(r)] u = ε u with u(0) = u(r_max) = 0, as a
//! symmetric tridiagonal matrix (three-point Laplacian, error O(h²)).
//! Eigenvalues by Sturm-sequence bisection, eigenvectors by inverse
//! iteration: O(n) per state, where a dense solver (faer) would cost O(n³)
//! per angular momentum and per self-consistency step.

use crate::error::{Error, Result};

/// Grid points r_k = (k + 1)·h, k = 0 … n − 1 (bohr); u vanishes at r = 0
/// and at r = (n + 1)·h.
#[derive(Clone, Debug, PartialEq)]
pub struct RadialGrid {
    /// Spacing h, bohr.
    pub step: f64,
    /// Radii, bohr.
    pub r: Vec<f64>,
}

impl RadialGrid {
    /// A grid with spacing `step` reaching `r_max` (bohr).
    pub fn new(r_max: f64, step: f64) -> Result<Self> {
        if !(step > 0.0 && r_max > 10.0 * step) {
            return Err(Error::Invalid(format!(
                "radial grid: spacing {step} bohr does not fit a box of {r_max} bohr"
            )));
        }
        let n = (r_max / step).round() as usize - 1;
        Ok(RadialGrid {
            step,
            r: (1..=n).map(|k| k as f64 * step).collect(),
        })
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.r.len()
    }

    /// Whether the grid is empty (never, for a grid from [`RadialGrid::new`]).
    pub fn is_empty(&self) -> bool {
        self.r.is_empty()
    }

    /// ∫ f(r) dr by the trapezoid rule (the end points are zero).
    pub fn integrate(&self, f: impl Fn(usize) -> f64) -> f64 {
        self.step * (0..self.len()).map(f).sum::<f64>()
    }
}

/// One radial eigenstate: energy (hartree) and u(r) = r R(r) with ∫u² dr = 1,
/// positive near the origin.
#[derive(Clone, Debug, PartialEq)]
pub struct RadialState {
    pub energy: f64,
    pub u: Vec<f64>,
}

/// The tridiagonal radial Hamiltonian of one l.
struct Tridiagonal {
    diagonal: Vec<f64>,
    off: f64,
}

impl Tridiagonal {
    fn new(grid: &RadialGrid, potential: &[f64], l: usize) -> Self {
        let h2 = grid.step * grid.step;
        let centrifugal = (l * (l + 1)) as f64 / 2.0;
        let diagonal = grid
            .r
            .iter()
            .zip(potential)
            .map(|(&r, &v)| 1.0 / h2 + centrifugal / (r * r) + v)
            .collect();
        Tridiagonal {
            diagonal,
            off: -0.5 / h2,
        }
    }

    /// Number of eigenvalues below `x` (Sturm sequence).
    fn count_below(&self, x: f64) -> usize {
        let e2 = self.off * self.off;
        let mut count = 0;
        let mut q = 1.0;
        for (k, &d) in self.diagonal.iter().enumerate() {
            q = if k == 0 { d - x } else { d - x - e2 / q };
            if q == 0.0 {
                q = -1e-300;
            }
            if q < 0.0 {
                count += 1;
            }
        }
        count
    }

    /// The `index`-th eigenvalue (from 0) in [lo, hi], by bisection.
    fn eigenvalue(&self, index: usize, mut lo: f64, mut hi: f64) -> f64 {
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if mid <= lo || mid >= hi || hi - lo < 1e-13 * (1.0 + mid.abs()) {
                break;
            }
            if self.count_below(mid) > index {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        0.5 * (lo + hi)
    }

    /// The eigenvector of eigenvalue `lambda` by inverse iteration
    /// (Thomas algorithm), normalised on a grid of spacing `step`.
    fn eigenvector(&self, lambda: f64, step: f64) -> Vec<f64> {
        let n = self.diagonal.len();
        let shift = lambda + 1e-10 * (1.0 + lambda.abs());
        let mut x = vec![1.0; n];
        let mut c = vec![0.0; n];
        let mut d = vec![0.0; n];
        for _ in 0..3 {
            // Solve (T − shift) y = x.
            let e = self.off;
            let mut denom = self.diagonal[0] - shift;
            c[0] = e / nonzero(denom);
            d[0] = x[0] / nonzero(denom);
            for k in 1..n {
                denom = self.diagonal[k] - shift - e * c[k - 1];
                c[k] = e / nonzero(denom);
                d[k] = (x[k] - e * d[k - 1]) / nonzero(denom);
            }
            x[n - 1] = d[n - 1];
            for k in (0..n - 1).rev() {
                x[k] = d[k] - c[k] * x[k + 1];
            }
            let norm = x.iter().map(|v| v * v).sum::<f64>().sqrt();
            x.iter_mut().for_each(|v| *v /= norm);
        }
        let first = x.iter().find(|v| v.abs() > 1e-8).copied().unwrap_or(1.0);
        let scale = first.signum() / step.sqrt();
        x.iter_mut().for_each(|v| *v *= scale);
        x
    }
}

fn nonzero(x: f64) -> f64 {
    if x.abs() < 1e-300 { 1e-300 } else { x }
}

/// The radial eigenstates of angular momentum `l` in `potential` (hartree,
/// one value per grid point) with energy below `max_energy` (hartree), at
/// most `max_count` of them, lowest first.
pub fn radial_states(
    grid: &RadialGrid,
    potential: &[f64],
    l: usize,
    max_energy: f64,
    max_count: usize,
) -> Vec<RadialState> {
    let t = Tridiagonal::new(grid, potential, l);
    let count = t.count_below(max_energy).min(max_count);
    let lo = t.diagonal.iter().copied().fold(f64::INFINITY, f64::min) - 2.0 * t.off.abs();
    (0..count)
        .map(|j| {
            let energy = t.eigenvalue(j, lo, max_energy);
            RadialState {
                energy,
                u: t.eigenvector(energy, grid.step),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hydrogen_levels_and_norm() {
        let grid = RadialGrid::new(60.0, 0.02).unwrap();
        let v: Vec<f64> = grid.r.iter().map(|r| -1.0 / r).collect();
        for l in 0..3 {
            let states = radial_states(&grid, &v, l, 0.0, 2);
            assert_eq!(states.len(), 2, "l {l}");
            for (j, s) in states.iter().enumerate() {
                let n = (j + l + 1) as f64;
                let exact = -0.5 / (n * n);
                assert!((s.energy - exact).abs() < 2e-4, "l {l} n {n}: {}", s.energy);
                let norm = grid.integrate(|k| s.u[k] * s.u[k]);
                assert!((norm - 1.0).abs() < 1e-10);
            }
        }
    }

    #[test]
    fn harmonic_oscillator_spectrum() {
        // v = r²/2: ε = 2n_r + l + 3/2.
        let grid = RadialGrid::new(12.0, 0.01).unwrap();
        let v: Vec<f64> = grid.r.iter().map(|r| 0.5 * r * r).collect();
        for l in 0..4 {
            let states = radial_states(&grid, &v, l, 10.0, 3);
            assert_eq!(states.len(), 3, "l {l}");
            for (nr, s) in states.iter().enumerate() {
                let exact = (2 * nr + l) as f64 + 1.5;
                assert!((s.energy - exact).abs() < 5e-4, "{} vs {exact}", s.energy);
            }
        }
    }
}
