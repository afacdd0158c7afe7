//! The exact tight-binding f-sum rule on random geometries and alloys:
//! Σ (nᵢ − nₐ)(Eₐ − Eᵢ)|r_ia|² = −½ Σ ρ_lk H_kl |r_k − r_l|², to 1e-9.

mod common;

use clusterspec::solve::eigen::diagonalise;
use clusterspec::solve::occupation::{Filling, occupations};
use clusterspec::solve::sum_rule::{commutator_side, transition_side};
use clusterspec::solve::transitions::transitions;
use clusterspec::{Element, TightBinding};
use common::random_cluster;

fn check(model: &str, n: usize, seed: u64, filling: Filling) {
    let m = TightBinding::builtin(model).unwrap();
    let c = random_cluster(n, &[Element::Au, Element::Ag, Element::Cu], seed)
        .translated([40.0, -13.0, 7.0]);
    let (h, layout) = m.hamiltonian(&c).unwrap();
    let orb = diagonalise(&h).unwrap();
    let electrons = m.neutral_valence(&c).unwrap();
    let occ = occupations(&orb.energies, electrons, filling).unwrap();
    let pos: Vec<[f64; 3]> = layout
        .orbital_atom
        .iter()
        .map(|&a| c.atoms[a].position)
        .collect();
    let t = transitions(&orb, &occ, &pos);
    let lhs = transition_side(&t);
    let rhs = commutator_side(&h, &orb, &occ, &pos);
    assert!(lhs > 0.0);
    let rel = (lhs - rhs).abs() / rhs.abs();
    assert!(
        rel < 1e-9,
        "{model} n={n} seed={seed} {filling:?}: {lhs} vs {rhs} (rel {rel:e})"
    );
}

#[test]
fn s_model_random_geometries() {
    for seed in 0..6 {
        check("s", 30 + 7 * seed as usize, seed, Filling::Integer);
        check(
            "s",
            25,
            100 + seed,
            Filling::FermiDirac {
                temperature: 2000.0,
            },
        );
    }
}

#[test]
fn spd_model_random_geometries() {
    for seed in 0..3 {
        check("spd", 12 + 5 * seed as usize, seed, Filling::Integer);
        check(
            "spd",
            15,
            200 + seed,
            Filling::FermiDirac {
                temperature: 1500.0,
            },
        );
    }
}
