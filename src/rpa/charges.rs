//! The transition charges of the collective response: computed by
//! [`crate::solve::charges::transition_charges`] (the CPU twin of
//! shaders/transition_charges.wgsl), checked here on a tight-binding
//! cluster.

pub use crate::solve::charges::transition_charges;

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
