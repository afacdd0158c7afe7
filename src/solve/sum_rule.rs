//! The exact tight-binding f-sum rule (docs/physics.md):
//! Σ_{Eᵢ<Eₐ} (nᵢ − nₐ)(Eₐ − Eᵢ)|x_ia|² = −½ Σ_kl ρ_lk H_kl (x_k − x_l)²,
//! with ρ = Σᵢ nᵢ ψᵢψᵢᵀ and a diagonal position operator.

use ndarray::Array2;
use rayon::prelude::*;

use super::eigen::Orbitals;
use super::transitions::Transition;
use crate::units::OSC_PREFACTOR;

/// Right-hand side summed over x, y, z (eV Å²), from the Hamiltonian and
/// the density matrix alone. ρ_lk = Σᵢ nᵢ C_li C_ki is formed only where
/// H_kl ≠ 0 on two different sites, so the cost is O(nnz × occupied).
pub fn commutator_side(
    h: &Array2<f64>,
    orbitals: &Orbitals,
    occupations: &[f64],
    orbital_positions: &[[f64; 3]],
) -> f64 {
    let c = &orbitals.coefficients;
    let n = h.nrows();
    let occupied: Vec<usize> = (0..occupations.len())
        .filter(|&i| occupations[i] > 0.0)
        .collect();
    // Rows of C restricted to occupied orbitals, one weighted by nᵢ.
    let rows: Vec<Vec<f64>> = (0..n)
        .map(|k| occupied.iter().map(|&i| c[[k, i]]).collect())
        .collect();
    let weighted: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .zip(&occupied)
                .map(|(x, &i)| x * occupations[i])
                .collect()
        })
        .collect();
    let total: f64 = (0..n)
        .into_par_iter()
        .map(|k| {
            let mut sum = 0.0;
            for l in 0..n {
                let hkl = h[[k, l]];
                if hkl == 0.0 {
                    continue;
                }
                let r2: f64 = (0..3)
                    .map(|d| (orbital_positions[k][d] - orbital_positions[l][d]).powi(2))
                    .sum();
                if r2 == 0.0 {
                    continue;
                }
                let rho_lk: f64 = weighted[l].iter().zip(&rows[k]).map(|(a, b)| a * b).sum();
                sum += rho_lk * hkl * r2;
            }
            sum
        })
        .collect::<Vec<f64>>()
        .iter()
        .sum();
    -0.5 * total
}

/// Left-hand side summed over x, y, z (eV Å²) from a transition list.
pub fn transition_side(transitions: &[Transition]) -> f64 {
    transitions
        .iter()
        .map(|t| t.oscillator_strength / OSC_PREFACTOR)
        .sum()
}
