//! Rigid motions change nothing in the orientation-averaged spectrum, and
//! the smooth cut-off makes the spectrum continuous in the geometry.

mod common;

use clusterspec::Element;
use clusterspec::structure::alloy::random_alloy;
use clusterspec::structure::builders::{Shape, build};
use common::{absorb, random_cluster, random_rotation, relative_max_diff};

fn density(c: &clusterspec::Cluster, model: &str) -> Vec<f64> {
    absorb(c, model, 0.15).spectrum.density_per_ev
}

#[test]
fn rotation_and_translation_leave_the_spectrum_unchanged() {
    let au55 = build(&Shape::Icosahedron { shells: 2 }, Element::Au, None).unwrap();
    let alloy = random_alloy(&au55, Element::Ag, 0.4, 3).unwrap();
    let random = random_cluster(20, &[Element::Au, Element::Cu], 9);
    for (c, model) in [(&alloy, "s"), (&random, "s"), (&random, "spd")] {
        let base = density(c, model);
        for seed in 0..3 {
            let moved = c
                .rotated(random_rotation(seed))
                .translated([12.5, -3.0, 100.0]);
            let d = relative_max_diff(&base, &density(&moved, model));
            assert!(
                d < 1e-9,
                "{model} {}: rotated/translated spectrum differs by {d:e}",
                c.formula()
            );
        }
    }
}

#[test]
fn spd_levels_are_rotation_invariant() {
    // A wrong Slater–Koster entry breaks this at once.
    let m = clusterspec::TightBinding::builtin("spd").unwrap();
    let c = random_cluster(10, &[Element::Au, Element::Ag], 4);
    let e0 = clusterspec::solve::eigen::diagonalise(&m.hamiltonian(&c).unwrap().0)
        .unwrap()
        .energies;
    for seed in 10..14 {
        let r = c.rotated(random_rotation(seed));
        let e1 = clusterspec::solve::eigen::diagonalise(&m.hamiltonian(&r).unwrap().0)
            .unwrap()
            .energies;
        for (a, b) in e0.iter().zip(&e1) {
            assert!((a - b).abs() < 1e-10, "{a} vs {b}");
        }
    }
}

#[test]
fn moving_an_atom_across_the_cutoff_changes_the_spectrum_continuously() {
    // Pull one vertex of Au13 outward through the whole cut-off window
    // (1.20–1.35 r0 of its bond to the centre) in steps of 1 mÅ: each step
    // changes the spectrum by O(step), with no jump anywhere.
    for model in ["s", "spd"] {
        let au13 = build(&Shape::Icosahedron { shells: 1 }, Element::Au, None).unwrap();
        let dir = au13.atoms[1].position.map(|x| x / 2.884);
        let at = |r: f64| {
            let mut c = au13.clone();
            c.atoms[1].position = dir.map(|x| x * r);
            density(&c, model)
        };
        let step = 1e-3;
        let mut prev = at(2.884 * 1.18);
        let mut worst: f64 = 0.0;
        let mut r = 2.884 * 1.18 + step;
        while r < 2.884 * 1.38 {
            let next = at(r);
            worst = worst.max(relative_max_diff(&prev, &next));
            prev = next;
            r += step;
        }
        assert!(
            worst < 0.02,
            "{model}: a 1 mÅ move changed the spectrum by {worst} of its peak"
        );
        assert!(worst > 0.0);
    }
}
