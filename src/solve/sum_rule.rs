//! The exact tight-binding f-sum rule (PHYSICS.md):
//! Σ_{Eᵢ<Eₐ} (nᵢ − nₐ)(Eₐ − Eᵢ)|x_ia|² = −½ Σ_kl ρ_lk H_kl (x_k − x_l)²,
//! with ρ = Σᵢ nᵢ ψᵢψᵢᵀ and a diagonal position operator.

use ndarray::Array2;

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
    let mut total = 0.0;
    for k in 0..n {
        for l in 0..n {
            let hkl = h[[k, l]];
            let r2: f64 = (0..3)
                .map(|d| (orbital_positions[k][d] - orbital_positions[l][d]).powi(2))
                .sum();
            if hkl == 0.0 || r2 == 0.0 {
                continue;
            }
            let rho_lk: f64 = occupied
                .iter()
                .map(|&i| occupations[i] * c[[l, i]] * c[[k, i]])
                .sum();
            total += rho_lk * hkl * r2;
        }
    }
    -0.5 * total
}

/// Left-hand side summed over x, y, z (eV Å²) from a transition list.
pub fn transition_side(transitions: &[Transition]) -> f64 {
    transitions
        .iter()
        .map(|t| t.oscillator_strength / OSC_PREFACTOR)
        .sum()
}
