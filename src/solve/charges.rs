//! Transition charges of particle–hole pairs on the atoms (the monopole
//! approximation of an orthogonal basis): q_A^{ia} = Σ_{μ∈A} C_μi C_μa.
//! Σ_A q_A^{ia} = 0 for i ≠ a, and Σ_A q_A^{ia} R_A is the transition
//! dipole ⟨i|r|a⟩ of the diagonal position operator. CPU twin of
//! shaders/transition_charges.wgsl.

use ndarray::Array2;
use rayon::prelude::*;

use crate::solve::eigen::Orbitals;
use crate::solve::layout::OrbitalLayout;

/// Pairs per parallel chunk.
const CHUNK: usize = 256;

/// The atoms × pairs matrix of transition charges of `pairs` (i, a),
/// stored pair by pair (column-major: each pair's charges contiguous).
pub fn transition_charges(
    orbitals: &Orbitals,
    layout: &OrbitalLayout,
    pairs: &[(u32, u32)],
) -> Array2<f64> {
    let atoms = layout.atom_offset.len();
    // Orbital coefficients state by state, so that a pair reads two rows.
    let states = orbitals.coefficients.t().as_standard_layout().into_owned();
    let mut charges = vec![0.0; atoms * pairs.len()];
    charges
        .par_chunks_mut(atoms * CHUNK)
        .zip(pairs.par_chunks(CHUNK))
        .for_each(|(block, chunk)| {
            for (q, &(i, a)) in block.chunks_mut(atoms).zip(chunk) {
                let (ci, ca) = (states.row(i as usize), states.row(a as usize));
                for ((&atom, x), y) in layout.orbital_atom.iter().zip(ci).zip(ca) {
                    q[atom] += x * y;
                }
            }
        });
    Array2::from_shape_vec((pairs.len(), atoms), charges)
        .expect("pairs × atoms values")
        .reversed_axes()
}
