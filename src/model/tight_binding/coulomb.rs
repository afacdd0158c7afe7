//! The Coulomb kernel between atomic charge fluctuations (docs/physics.md,
//! "Collective response in tight binding"): the Klopman–Ohno form
//!   γ_AB = e² / √(R_AB² + a_AB²),  a_AB = e² (1/U_A + 1/U_B) / 2,
//! which is e²/R at long range and the chemical hardness γ_AA = U_A on the
//! atom. U comes from the parameter set (`hubbard_u`, with its source).

use ndarray::Array2;

use super::TightBinding;
use crate::error::{Error, Result};
use crate::structure::Cluster;
use crate::units::COULOMB_EV_ANGSTROM;

/// The chemical hardness U (eV) of every atom of `cluster` in `model`.
pub fn hardness(model: &TightBinding, cluster: &Cluster) -> Result<Vec<f64>> {
    cluster
        .atoms
        .iter()
        .map(|a| {
            let p = model.params.element(a.element)?;
            p.hubbard_u.ok_or_else(|| Error::Model {
                model: model.params.name.clone(),
                message: format!(
                    "no chemical hardness (hubbard_u) for {}: the Coulomb kernel of \
                     self-consistent charges and collective response needs one \
                     (add it to a parameter file of your own)",
                    a.element
                ),
            })
        })
        .collect()
}

/// γ (eV, symmetric, positive definite) for atoms at `positions` (Å) with
/// hardness `u` (eV).
pub fn klopman_ohno(positions: &[[f64; 3]], u: &[f64]) -> Array2<f64> {
    let n = positions.len();
    let e2 = COULOMB_EV_ANGSTROM;
    Array2::from_shape_fn((n, n), |(a, b)| {
        let r2: f64 = (0..3)
            .map(|d| (positions[a][d] - positions[b][d]).powi(2))
            .sum();
        let width = 0.5 * e2 * (1.0 / u[a] + 1.0 / u[b]);
        e2 / (r2 + width * width).sqrt()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_site_is_the_hardness_and_far_away_is_coulomb() {
        let pos = [[0.0, 0.0, 0.0], [2.9, 0.0, 0.0], [300.0, 0.0, 0.0]];
        let u = [6.0, 7.0, 6.5];
        let g = klopman_ohno(&pos, &u);
        assert!((g[[0, 0]] - 6.0).abs() < 1e-12 && (g[[1, 1]] - 7.0).abs() < 1e-12);
        assert_eq!(g[[0, 1]], g[[1, 0]]);
        // Screened at bond lengths, bare Coulomb far away.
        assert!(g[[0, 1]] < COULOMB_EV_ANGSTROM / 2.9);
        // e²/√(R² + a²) = (e²/R)(1 − a²/2R² + …), a ≈ 2.3 Å here.
        assert!((g[[0, 2]] * 300.0 / COULOMB_EV_ANGSTROM - 1.0).abs() < 5e-5);
        // Positive definite: an energy ½ qᵀγq > 0 for any charge pattern.
        let eig = crate::solve::eigen::diagonalise(&g).unwrap();
        assert!(eig.energies[0] > 0.0);
    }
}
