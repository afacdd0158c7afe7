//! Electrostatics in spherical symmetry (hartree atomic units): the
//! potential of a spherical density, of the uniform positive background,
//! and the dipole (l = 1) Green's function, in vacuum or with the
//! dielectric d-electron sphere of the noble metals.

use std::f64::consts::PI;

use super::radial::RadialGrid;

/// Hartree potential (hartree) of the spherical electron density `rho`
/// (bohr⁻³): V(r) = 4π [ (1/r)∫₀ʳ ρ r'² dr' + ∫ᵣ^∞ ρ r' dr' ].
pub fn hartree(grid: &RadialGrid, rho: &[f64]) -> Vec<f64> {
    let h = grid.step;
    let n = grid.len();
    let mut inner = vec![0.0; n];
    let mut acc = 0.0;
    for k in 0..n {
        acc += h * rho[k] * grid.r[k] * grid.r[k];
        inner[k] = acc;
    }
    let mut outer = vec![0.0; n];
    let mut acc = 0.0;
    for k in (0..n).rev() {
        outer[k] = acc;
        acc += h * rho[k] * grid.r[k];
    }
    (0..n)
        .map(|k| 4.0 * PI * (inner[k] / grid.r[k] + outer[k]))
        .collect()
}

/// Potential energy (hartree) of an electron in a uniform sphere of
/// positive charge `charge` (e) and radius `radius` (bohr).
pub fn background(grid: &RadialGrid, charge: f64, radius: f64) -> Vec<f64> {
    grid.r
        .iter()
        .map(|&r| {
            if r < radius {
                -charge / (2.0 * radius) * (3.0 - r * r / (radius * radius))
            } else {
                -charge / r
            }
        })
        .collect()
}

/// The l = 1 Green's function of ∇·(ε∇φ) = −4πρ with ε = ε_d for r < a and
/// 1 outside: G(r, r') = 4π/3 · f_<(r_<) f_>(r_>) / A, where f_< ∝ r is
/// regular at 0 and f_> ∝ r⁻² decays. ε_d = 1 gives 4π/3 · r_</r_>².
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DipoleGreen {
    /// ε_d inside the dielectric sphere.
    pub epsilon: f64,
    /// Radius of the dielectric sphere, bohr (0 for vacuum).
    pub radius: f64,
}

impl DipoleGreen {
    /// No dielectric.
    pub fn vacuum() -> Self {
        DipoleGreen {
            epsilon: 1.0,
            radius: 0.0,
        }
    }

    fn a(&self) -> f64 {
        (self.epsilon + 2.0) / 3.0
    }

    /// The solution regular at the origin: r inside, A r + B a³/r² outside.
    pub fn regular(&self, r: f64) -> f64 {
        let a = self.radius;
        if r < a {
            r
        } else {
            let b = (1.0 - self.epsilon) / 3.0;
            self.a() * r + b * a * a * a / (r * r)
        }
    }

    /// The solution decaying at infinity: 1/r² outside, C r + D/r² inside.
    pub fn decaying(&self, r: f64) -> f64 {
        let a = self.radius;
        if r >= a {
            1.0 / (r * r)
        } else {
            let c = 2.0 * (self.epsilon - 1.0) / (3.0 * self.epsilon);
            c * r / (a * a * a) + (1.0 - c) / (r * r)
        }
    }

    /// G(r, r') (hartree bohr per unit charge in the l = 1 channel).
    pub fn value(&self, r: f64, rp: f64) -> f64 {
        let (lo, hi) = if r < rp { (r, rp) } else { (rp, r) };
        4.0 * PI / 3.0 * self.regular(lo) * self.decaying(hi) / self.a()
    }

    /// The screened dipole operator g(r) (bohr): the radial part of the
    /// potential of a unit uniform field seen by an electron, r outside the
    /// influence of the dielectric; g = f_< / A.
    pub fn dipole(&self, r: f64) -> f64 {
        self.regular(r) / self.a()
    }

    /// The potentials V_q(r_k) = Σ_k' h G(r_k, r_k') t_q(r_k') of the l = 1
    /// radial transition densities `t` (r² times the density, one column
    /// per q, row-major grid × columns), by two cumulative sums.
    pub fn potentials(&self, grid: &RadialGrid, t: &[f64], columns: usize) -> Vec<f64> {
        let n = grid.len();
        let h = grid.step;
        let pre = 4.0 * PI / 3.0 / self.a();
        let f_in: Vec<f64> = grid.r.iter().map(|&r| self.regular(r)).collect();
        let f_out: Vec<f64> = grid.r.iter().map(|&r| self.decaying(r)).collect();
        let mut v = vec![0.0; n * columns];
        let mut acc = vec![0.0; columns];
        for k in 0..n {
            for q in 0..columns {
                acc[q] += h * f_in[k] * t[k * columns + q];
                v[k * columns + q] = pre * f_out[k] * acc[q];
            }
        }
        acc.iter_mut().for_each(|a| *a = 0.0);
        for k in (0..n).rev() {
            for q in 0..columns {
                v[k * columns + q] += pre * f_in[k] * acc[q];
                acc[q] += h * f_out[k] * t[k * columns + q];
            }
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hartree_of_a_uniform_sphere_is_the_background_potential() {
        let grid = RadialGrid::new(30.0, 0.001).unwrap();
        let radius: f64 = 10.0;
        let rho0 = 20.0 / (4.0 / 3.0 * PI * radius.powi(3));
        let rho: Vec<f64> = grid
            .r
            .iter()
            .map(|&r| if r < radius { rho0 } else { 0.0 })
            .collect();
        let vh = hartree(&grid, &rho);
        let vb = background(&grid, 20.0, radius);
        for k in (0..grid.len()).step_by(997) {
            assert!((vh[k] + vb[k]).abs() < 5e-3, "r {}", grid.r[k]);
        }
    }

    #[test]
    fn dielectric_green_function_matches_interfaces() {
        let g = DipoleGreen {
            epsilon: 4.0,
            radius: 5.0,
        };
        // φ continuous and ε φ' continuous at the interface, for both solutions.
        let (a, d) = (5.0, 1e-6);
        for f in [
            &(|r: f64| g.regular(r)) as &dyn Fn(f64) -> f64,
            &|r: f64| g.decaying(r),
        ] {
            assert!((f(a - d) - f(a + d)).abs() < 1e-5);
            let inner = 4.0 * (f(a - d) - f(a - 2.0 * d)) / d;
            let outer = (f(a + 2.0 * d) - f(a + d)) / d;
            assert!((inner - outer).abs() < 1e-3 * outer.abs().max(1e-3));
        }
        // Vacuum limit and symmetry.
        let v = DipoleGreen::vacuum();
        assert!((v.value(2.0, 3.0) - 4.0 * PI / 3.0 * 2.0 / 9.0).abs() < 1e-12);
        assert!((g.value(2.0, 7.0) - g.value(7.0, 2.0)).abs() < 1e-12);
        // Inside, a uniform field is screened by 3/(ε + 2).
        assert!((g.dipole(1.0) - 0.5).abs() < 1e-12);
    }
}
