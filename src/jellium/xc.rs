//! LDA exchange–correlation of the unpolarised electron gas, Perdew–Zunger
//! parametrisation of Ceperley–Alder (PRB 23, 5048 (1981), eqs. C1–C4 and
//! table XII, unpolarised). Hartree atomic units throughout.

use std::f64::consts::PI;

/// Densities (bohr⁻³) below this are treated as vacuum: v_xc = f_xc = 0.
pub const DENSITY_FLOOR: f64 = 1e-12;

// Perdew–Zunger unpolarised coefficients.
const GAMMA: f64 = -0.1423;
const BETA1: f64 = 1.0529;
const BETA2: f64 = 0.3334;
const A: f64 = 0.0311;
const B: f64 = -0.048;
const C: f64 = 0.0020;
const D: f64 = -0.0116;
/// Exchange energy per electron is −X_E / r_s with X_E = (3/4)(9/4π²)^{1/3}.
const X_E: f64 = 0.458_165_293_283_142_9;

/// Wigner–Seitz radius (bohr) of density `rho` (bohr⁻³).
pub fn rs_of(rho: f64) -> f64 {
    (3.0 / (4.0 * PI * rho)).cbrt()
}

/// Exchange–correlation energy per electron ε_xc (hartree) at r_s (bohr).
pub fn energy_per_electron(rs: f64) -> f64 {
    -X_E / rs + correlation_energy(rs)
}

fn correlation_energy(rs: f64) -> f64 {
    if rs >= 1.0 {
        GAMMA / (1.0 + BETA1 * rs.sqrt() + BETA2 * rs)
    } else {
        A * rs.ln() + B + C * rs * rs.ln() + D * rs
    }
}

/// The potential v_xc = d(ρ ε_xc)/dρ (hartree) at r_s (bohr).
pub fn potential_rs(rs: f64) -> f64 {
    let vx = -4.0 / 3.0 * X_E / rs;
    let vc = if rs >= 1.0 {
        let s = rs.sqrt();
        let den = 1.0 + BETA1 * s + BETA2 * rs;
        GAMMA / den * (1.0 + 7.0 / 6.0 * BETA1 * s + 4.0 / 3.0 * BETA2 * rs) / den
    } else {
        A * rs.ln() + (B - A / 3.0) + 2.0 / 3.0 * C * rs * rs.ln() + (2.0 * D - C) / 3.0 * rs
    };
    vx + vc
}

/// dv_xc/dr_s (hartree / bohr).
fn potential_slope_rs(rs: f64) -> f64 {
    let dvx = 4.0 / 3.0 * X_E / (rs * rs);
    let dvc = if rs >= 1.0 {
        let s = rs.sqrt();
        let den = 1.0 + BETA1 * s + BETA2 * rs;
        let num = 1.0 + 7.0 / 6.0 * BETA1 * s + 4.0 / 3.0 * BETA2 * rs;
        let dden = BETA1 / (2.0 * s) + BETA2;
        let dnum = 7.0 / 12.0 * BETA1 / s + 4.0 / 3.0 * BETA2;
        GAMMA * (dnum * den - 2.0 * num * dden) / den.powi(3)
    } else {
        A / rs + 2.0 / 3.0 * C * (rs.ln() + 1.0) + (2.0 * D - C) / 3.0
    };
    dvx + dvc
}

/// v_xc (hartree) at density `rho` (bohr⁻³).
pub fn potential(rho: f64) -> f64 {
    if rho < DENSITY_FLOOR {
        0.0
    } else {
        potential_rs(rs_of(rho))
    }
}

/// The adiabatic LDA kernel f_xc = dv_xc/dρ (hartree bohr³) at density
/// `rho` (bohr⁻³).
pub fn kernel(rho: f64) -> f64 {
    if rho < DENSITY_FLOOR {
        return 0.0;
    }
    let rs = rs_of(rho);
    potential_slope_rs(rs) * (-rs / (3.0 * rho))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn potential_is_the_derivative_of_the_energy_density() {
        for &rs in &[0.3, 0.9, 1.1, 2.0, 3.93, 8.0] {
            let rho = 3.0 / (4.0 * PI * rs * rs * rs);
            let e = |r: f64| r * energy_per_electron(rs_of(r));
            let h = rho * 1e-5;
            let numeric = (e(rho + h) - e(rho - h)) / (2.0 * h);
            assert!((numeric - potential(rho)).abs() < 1e-7, "rs {rs}");
        }
    }

    #[test]
    fn kernel_is_the_derivative_of_the_potential() {
        for &rs in &[0.3, 0.9, 1.5, 3.0, 4.86, 8.0] {
            let rho = 3.0 / (4.0 * PI * rs * rs * rs);
            let h = rho * 1e-5;
            let numeric = (potential(rho + h) - potential(rho - h)) / (2.0 * h);
            assert!(
                (numeric - kernel(rho)).abs() < 1e-6 * kernel(rho).abs(),
                "rs {rs}"
            );
        }
    }

    #[test]
    fn correlation_matches_ceperley_alder_at_rs_2() {
        // Ceperley–Alder: ε_c(r_s = 2) ≈ −0.0902 Ry = −0.0451 hartree.
        let ec = energy_per_electron(2.0) + X_E / 2.0;
        assert!((ec - -0.0451).abs() < 2e-4, "{ec}");
    }
}
