//! Rotatory strengths for circular dichroism, on the CPU (the twin of
//! shaders/magnetic.wgsl and shaders/project_gemm.wgsl).
//!
//! Convention (Rosenfeld): R_ia = Im(μ_ia · m_ai) with μ = −e r and
//! m = −(e/2mₑ) L, times the spin factor (nᵢ − nₐ). In the tight-binding
//! basis p = (imₑ/ħ)[H, r], so
//!   P_kl = H_kl (r_l − r_k)         (the commutator [H, r], eV Å),
//!   M_kl = H_kl (r_k × r_l)         (L = (imₑ/ħ) M, eV Å²),
//! both antisymmetric. The electric dipole is taken in the *velocity gauge*,
//! r_ia = −P_ia/ΔE, which makes R exactly origin independent (a shift t of
//! the origin adds t × P to M, and P_ia · (t × P_ia) = 0). Then
//!   R_ia = (e²/2ħ) r_ia · Λ_ai (nᵢ − nₐ) = K · P_ia · Q_ia / ΔE · (nᵢ − nₐ),
//! with Q = C_occᵀ M C_virt and K = 471.44/(2 a₀ ħ²/mₑ) = 58.457 converting
//! Å · eV Å² to 10⁻⁴⁰ esu² cm².
//!
//! Both operators are sparse (nearest-neighbour H): T = A C_virt is formed
//! row by row over the non-zeros (the ELL layout the GPU uses), then
//! C_occᵀ T is one GEMM per component.

use faer::Mat;
use ndarray::Array2;
use rayon::prelude::*;

use super::eigen::Orbitals;
use super::transitions::{Transition, donors_and_acceptors};
use crate::structure::centred;
use crate::units::ROTATORY_PER_ANGSTROM_EV_ANGSTROM2;

/// The six antisymmetric operators (Pₓ, P_y, P_z, Mₓ, M_y, M_z) in ELL
/// layout: `columns[k]` lists the non-zero columns l of row k and
/// `values[k]` the six operator values at (k, l).
#[derive(Clone, Debug, Default)]
pub struct MagneticOperators {
    pub columns: Vec<Vec<u32>>,
    pub values: Vec<Vec<[f64; 6]>>,
}

impl MagneticOperators {
    /// Builds P and M from the Hamiltonian (eV) and the orbital positions
    /// (Å; centred positions keep M small, the result does not depend on it).
    pub fn new(h: &Array2<f64>, positions: &[[f64; 3]]) -> Self {
        let n = h.nrows();
        let mut ops = MagneticOperators {
            columns: vec![Vec::new(); n],
            values: vec![Vec::new(); n],
        };
        for k in 0..n {
            for l in 0..n {
                let hkl = h[[k, l]];
                let (a, b) = (positions[k], positions[l]);
                if hkl == 0.0 || a == b {
                    continue;
                }
                let cross = [
                    a[1] * b[2] - a[2] * b[1],
                    a[2] * b[0] - a[0] * b[2],
                    a[0] * b[1] - a[1] * b[0],
                ];
                ops.columns[k].push(l as u32);
                ops.values[k].push([
                    hkl * (b[0] - a[0]),
                    hkl * (b[1] - a[1]),
                    hkl * (b[2] - a[2]),
                    hkl * cross[0],
                    hkl * cross[1],
                    hkl * cross[2],
                ]);
            }
        }
        ops
    }

    /// The longest row (the ELL width).
    pub fn width(&self) -> usize {
        self.columns.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// X_c = C_occᵀ A_c C_virt for the six operators: 6 matrices occupied × empty.
pub fn project(
    orbitals: &Orbitals,
    occupied: &[usize],
    empty: &[usize],
    ops: &MagneticOperators,
) -> Vec<Mat<f64>> {
    let c = &orbitals.coefficients;
    let n = c.nrows();
    let c_occ = Mat::<f64>::from_fn(n, occupied.len(), |k, i| c[[k, occupied[i]]]);
    (0..6)
        .map(|comp| {
            // T = A C_virt, row by row over the non-zeros.
            let rows: Vec<Vec<f64>> = (0..n)
                .into_par_iter()
                .map(|k| {
                    let mut row = vec![0.0; empty.len()];
                    for (&l, v) in ops.columns[k].iter().zip(&ops.values[k]) {
                        let a_kl = v[comp];
                        for (slot, &col) in row.iter_mut().zip(empty) {
                            *slot += a_kl * c[[l as usize, col]];
                        }
                    }
                    row
                })
                .collect();
            let t = Mat::<f64>::from_fn(n, empty.len(), |k, a| rows[k][a]);
            c_occ.transpose() * &t
        })
        .collect()
}

/// Rotatory strength (10⁻⁴⁰ esu² cm²) of every transition, in its order.
pub fn rotatory_strengths(
    orbitals: &Orbitals,
    occupations: &[f64],
    h: &Array2<f64>,
    orbital_positions: &[[f64; 3]],
    transitions: &[Transition],
) -> Vec<f64> {
    let ops = MagneticOperators::new(h, &centred(orbital_positions));
    let (occupied, empty) = donors_and_acceptors(occupations);
    let x = project(orbitals, &occupied, &empty, &ops);
    let row = index_of(&occupied, occupations.len());
    let col = index_of(&empty, occupations.len());
    transitions
        .iter()
        .map(|t| {
            let (i, a) = (row[t.from as usize], col[t.to as usize]);
            let p = [x[0][(i, a)], x[1][(i, a)], x[2][(i, a)]];
            let q = [x[3][(i, a)], x[4][(i, a)], x[5][(i, a)]];
            let dn = occupations[t.from as usize] - occupations[t.to as usize];
            rotatory_strength(p, q, t.energy, dn)
        })
        .collect()
}

/// R = K (P·Q)/ΔE Δn in 10⁻⁴⁰ esu² cm², from the projected commutator P
/// (eV Å) and angular-momentum operator Q (eV Å²).
pub fn rotatory_strength(p: [f64; 3], q: [f64; 3], de: f64, dn: f64) -> f64 {
    ROTATORY_PER_ANGSTROM_EV_ANGSTROM2 * (p[0] * q[0] + p[1] * q[1] + p[2] * q[2]) / de * dn
}

/// Position of each orbital index within `set` (usize::MAX when absent).
fn index_of(set: &[usize], n: usize) -> Vec<usize> {
    let mut out = vec![usize::MAX; n];
    for (k, &i) in set.iter().enumerate() {
        out[i] = k;
    }
    out
}

/// Rotatory strengths of the transitions at `indices` only, each from its
/// own sparse sums Σ_kl C_ki A_kl C_la (O(non-zeros) per transition): for
/// the few emitting states, and as an independent check of [`project`].
pub fn rotatory_of(
    orbitals: &Orbitals,
    occupations: &[f64],
    h: &Array2<f64>,
    orbital_positions: &[[f64; 3]],
    transitions: &[Transition],
    indices: &[usize],
) -> Vec<f64> {
    let ops = MagneticOperators::new(h, &centred(orbital_positions));
    let c = &orbitals.coefficients;
    indices
        .iter()
        .map(|&n| {
            let t = &transitions[n];
            let (i, a) = (t.from as usize, t.to as usize);
            let mut x = [0.0; 6];
            for k in 0..c.nrows() {
                let cki = c[[k, i]];
                for (&l, v) in ops.columns[k].iter().zip(&ops.values[k]) {
                    let w = cki * c[[l as usize, a]];
                    for comp in 0..6 {
                        x[comp] += w * v[comp];
                    }
                }
            }
            let dn = occupations[i] - occupations[a];
            rotatory_strength([x[0], x[1], x[2]], [x[3], x[4], x[5]], t.energy, dn)
        })
        .collect()
}
