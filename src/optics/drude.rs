//! The free-electron (Drude) part of a measured dielectric function:
//!   ε(ω) ≈ ε_b − ω_p² / (ω² + iγω)
//! fitted below the interband threshold (ħω_p, γ and ε_b in eV), so that
//! the interband (bound-electron) part is ε_ib(ω) = ε(ω) + ω_p²/(ω² + iγω),
//! and a particle of radius R gets the size-limited damping
//!   γ(R) = γ_b + A ħv_F / R,
//!   ε(ω, R) = ε(ω) + ω_p²/(ω² + iγ_bω) − ω_p²/(ω² + iγ(R)ω).
//! The fit weights each point by 1/|ε| (relative residuals); for a given γ
//! the model is linear in ε_b and ω_p², and γ is found by golden-section
//! search.

use num_complex::Complex64;
use serde::Serialize;

use super::table::OpticalTable;
use crate::error::{Error, Result};

/// ħ in eV s.
pub const HBAR_EV_S: f64 = 6.582_119_569e-16;

/// A Drude fit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct DrudeFit {
    /// Background ε_b of the bound electrons at low frequency.
    pub epsilon_background: f64,
    /// Plasma energy ħω_p, eV.
    pub plasma_ev: f64,
    /// Bulk damping ħγ, eV.
    pub damping_ev: f64,
    /// Energies fitted, eV.
    pub window_ev: (f64, f64),
    /// Root-mean-square relative residual of the fit.
    pub rms_relative_residual: f64,
}

impl DrudeFit {
    /// −ω_p²/(ω² + iγω) at `e` eV with damping `gamma` eV.
    pub fn free(&self, e: f64, gamma: f64) -> Complex64 {
        -self.plasma_ev * self.plasma_ev / Complex64::new(e * e, gamma * e)
    }
}

/// Fits ε_b, ω_p and γ to `table` between `lo` and `hi` eV.
pub fn fit(table: &OpticalTable, lo: f64, hi: f64) -> Result<DrudeFit> {
    let points: Vec<(f64, Complex64)> = table
        .energy
        .iter()
        .zip(&table.epsilon)
        .filter(|(e, _)| **e >= lo && **e <= hi)
        .map(|(e, x)| (*e, *x))
        .collect();
    if points.len() < 4 {
        return Err(Error::Invalid(format!(
            "{}: only {} points between {lo} and {hi} eV for a Drude fit",
            table.name,
            points.len()
        )));
    }
    // Linear least squares in (ε_b, ω_p²) for a given γ; returns (cost, ε_b, ω_p²).
    let solve = |g: f64| -> (f64, f64, f64) {
        let (mut a11, mut a12, mut a22, mut b1, mut b2) = (0.0, 0.0, 0.0, 0.0, 0.0);
        let rows = |e: f64, x: Complex64| {
            let w = 1.0 / x.norm();
            let d = e * e + g * g;
            // Re: ε_b·1 + ω_p²·(−1/d) = Re x;  Im: ω_p²·(g/(e d)) = Im x
            [(w, -w / d, w * x.re), (0.0, w * g / (e * d), w * x.im)]
        };
        for &(e, x) in &points {
            for (c1, c2, rhs) in rows(e, x) {
                a11 += c1 * c1;
                a12 += c1 * c2;
                a22 += c2 * c2;
                b1 += c1 * rhs;
                b2 += c2 * rhs;
            }
        }
        let det = a11 * a22 - a12 * a12;
        let eb = (b1 * a22 - b2 * a12) / det;
        let wp2 = (a11 * b2 - a12 * b1) / det;
        let mut cost = 0.0;
        for &(e, x) in &points {
            for (c1, c2, rhs) in rows(e, x) {
                cost += (c1 * eb + c2 * wp2 - rhs).powi(2);
            }
        }
        (cost, eb, wp2)
    };
    // Golden-section search for γ in [1 meV, 1 eV].
    let (mut a, mut b) = (1e-3f64, 1.0f64);
    let phi = 0.5 * (5f64.sqrt() - 1.0);
    for _ in 0..100 {
        let (c, d) = (b - phi * (b - a), a + phi * (b - a));
        if solve(c).0 < solve(d).0 {
            b = d;
        } else {
            a = c;
        }
    }
    let gamma = 0.5 * (a + b);
    let (cost, eb, wp2) = solve(gamma);
    if wp2.is_nan() || wp2 <= 0.0 {
        return Err(Error::Invalid(format!(
            "{}: the Drude fit between {lo} and {hi} eV found no free electrons",
            table.name
        )));
    }
    Ok(DrudeFit {
        epsilon_background: eb,
        plasma_ev: wp2.sqrt(),
        damping_ev: gamma,
        window_ev: (lo, hi),
        rms_relative_residual: (cost / (2 * points.len()) as f64).sqrt(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_a_drude_metal() {
        // A synthetic metal: ε_b 4, ħω_p 9 eV, ħγ 0.05 eV, tabulated as n + ik.
        let mut text = String::from("# source: synthetic\nwavelength_nm,energy_eV,n,k\n");
        for k in 0..30 {
            let e = 0.5 + 0.05 * k as f64;
            let eps = 4.0 - 81.0 / Complex64::new(e * e, 0.05 * e);
            let n = eps.sqrt();
            text.push_str(&format!("{},{e},{},{}\n", 1239.84 / e, n.re, n.im));
        }
        let t = OpticalTable::parse(&text, "synthetic", "s.csv").unwrap();
        let f = fit(&t, 0.5, 2.0).unwrap();
        assert!((f.plasma_ev - 9.0).abs() < 1e-4, "{f:?}");
        assert!((f.damping_ev - 0.05).abs() < 1e-4, "{f:?}");
        assert!((f.epsilon_background - 4.0).abs() < 1e-3, "{f:?}");
    }
}
