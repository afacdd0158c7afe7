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

/// The atoms × pairs matrix of transition charges of `pairs` (i, a).
pub fn transition_charges(
    orbitals: &Orbitals,
    layout: &OrbitalLayout,
    pairs: &[(u32, u32)],
) -> Array2<f64> {
    let atoms = layout.atom_offset.len();
    let c = &orbitals.coefficients;
    let columns: Vec<Vec<f64>> = pairs
        .par_chunks(CHUNK)
        .flat_map_iter(|chunk| {
            chunk.iter().map(|&(i, a)| {
                let mut q = vec![0.0; atoms];
                for (mu, &atom) in layout.orbital_atom.iter().enumerate() {
                    q[atom] += c[[mu, i as usize]] * c[[mu, a as usize]];
                }
                q
            })
        })
        .collect();
    Array2::from_shape_fn((atoms, pairs.len()), |(atom, p)| columns[p][atom])
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
