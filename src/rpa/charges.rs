//! Transition charges of particle–hole pairs on the atoms (the monopole
//! approximation of an orthogonal basis): q_A^{ia} = Σ_{μ∈A} C_μi C_μa.
//! Σ_A q_A^{ia} = 0 for i ≠ a, and Σ_A q_A^{ia} R_A is the transition
//! dipole ⟨i|r|a⟩ of the diagonal position operator. CPU twin of
//! shaders/transition_charges.wgsl.

use ndarray::Array2;
use rayon::prelude::*;

use crate::model::tight_binding::OrbitalLayout;
use crate::solve::eigen::Orbitals;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tight_binding::TightBinding;
    use crate::solve::eigen::diagonalise;
    use crate::structure::builders::{Shape, build};
    use crate::structure::{Element, centred};

    #[test]
    fn charges_sum_to_zero_and_give_the_dipole() {
        let c = build(&Shape::Icosahedron { shells: 1 }, Element::Ag, None).unwrap();
        let model = TightBinding::builtin("spd").unwrap();
        let (h, layout) = model.hamiltonian(&c).unwrap();
        let o = diagonalise(&h).unwrap();
        let pairs = [(3u32, 70u32), (10, 100), (57, 58)];
        let q = transition_charges(&o, &layout, &pairs);
        let r = centred(&c.positions());
        let pos = centred(&layout.orbital_positions(&c));
        for (p, &(i, a)) in pairs.iter().enumerate() {
            let total: f64 = q.column(p).sum();
            assert!(total.abs() < 1e-12, "Σq = {total}");
            for d in 0..3 {
                let from_charges: f64 = (0..c.len()).map(|at| q[[at, p]] * r[at][d]).sum();
                let direct: f64 = (0..pos.len())
                    .map(|mu| {
                        o.coefficients[[mu, i as usize]]
                            * o.coefficients[[mu, a as usize]]
                            * pos[mu][d]
                    })
                    .sum();
                assert!((from_charges - direct).abs() < 1e-12);
            }
        }
    }
}
