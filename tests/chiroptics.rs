//! Circular dichroism and emission on the CPU: exact symmetry checks of the
//! rotatory strengths, the built-in chiral and achiral clusters, and the
//! emission model.

mod common;

use clusterspec::model::tight_binding::SingleParticle;
use clusterspec::solve::rotatory::rotatory_of;
use clusterspec::structure::builders::{Shape, build};
use clusterspec::structure::molecular::{
    Hand, au25, carbon_centred_antiprism, carbon_centred_octahedron,
};
use clusterspec::{Cluster, Element, Engine};
use common::{random_cluster, random_rotation, relative_max_diff};

fn cd(c: &Cluster, model: &str) -> SingleParticle {
    common::circular_dichroism(c, model, &Engine::cpu())
}

fn delta_epsilon(r: &SingleParticle) -> &[f64] {
    r.spectrum.delta_epsilon.as_deref().expect("a CD spectrum")
}

fn largest(r: &[f64]) -> f64 {
    r.iter().map(|x| x.abs()).fold(0.0, f64::max)
}

#[test]
fn mirror_image_reverses_every_rotatory_strength() {
    for (c, model) in [
        (carbon_centred_antiprism(Hand::P, None).unwrap(), "spd"),
        (random_cluster(14, &[Element::Au, Element::Ag], 21), "s"),
        (random_cluster(9, &[Element::Au, Element::Cu], 22), "spd"),
    ] {
        let a = cd(&c, model);
        let b = cd(&c.mirrored(), model);
        let scale = largest(&a.rotatory);
        assert!(
            scale > 1e-3,
            "{}: the test structure must be chiral",
            c.formula()
        );
        assert_eq!(a.rotatory.len(), b.rotatory.len());
        // Pair transitions by (from, to): the mirror keeps every level.
        common::assert_mirror_reverses(&a, &b, 1e-8);
        let d: Vec<f64> = delta_epsilon(&b).iter().map(|x| -x).collect();
        assert!(relative_max_diff(delta_epsilon(&a), &d) < 1e-8);
    }
}

#[test]
fn mirror_planes_and_inversion_centres_give_no_cd() {
    let achiral = [
        (carbon_centred_octahedron(None).unwrap(), "spd"),
        (
            build(&Shape::Icosahedron { shells: 2 }, Element::Ag, None).unwrap(),
            "s",
        ),
        (
            build(&Shape::Decahedron { p: 2, q: 2, r: 1 }, Element::Au, None).unwrap(),
            "spd",
        ),
        (au25(), "s"),
    ];
    for (c, model) in achiral {
        let r = cd(&c, model);
        let f = r
            .excited
            .transitions
            .iter()
            .map(|t| t.oscillator_strength)
            .fold(0.0, f64::max);
        // A chiral structure of this size has |R| of order 1–100.
        assert!(
            largest(&r.rotatory) < 1e-8,
            "{} {model}: |R| = {:e} (f max {f})",
            c.formula(),
            largest(&r.rotatory)
        );
    }
}

#[test]
fn rotatory_strengths_do_not_depend_on_origin_or_orientation() {
    let c = carbon_centred_antiprism(Hand::M, None).unwrap();
    let base = cd(&c, "spd");
    let scale = largest(&base.rotatory);
    let moved = cd(&c.translated([30.0, -7.0, 12.0]), "spd");
    for (a, b) in base.rotatory.iter().zip(&moved.rotatory) {
        assert!((a - b).abs() < 1e-8 * scale, "translation: {a} vs {b}");
    }
    let turned = cd(&c.rotated(random_rotation(5)), "spd");
    assert!(relative_max_diff(delta_epsilon(&base), delta_epsilon(&turned)) < 1e-8);
}

#[test]
fn rotatory_strengths_sum_to_zero_and_pairwise_sums_agree() {
    let c = random_cluster(12, &[Element::Au, Element::Ag], 31);
    let r = cd(&c, "spd");
    let total: f64 = r.rotatory.iter().sum();
    assert!(
        total.abs() < 1e-8 * largest(&r.rotatory) * r.rotatory.len() as f64,
        "ΣR = {total}"
    );
    let g = &r.ground;
    let picks: Vec<usize> = (0..r.excited.transitions.len()).step_by(97).collect();
    let direct = rotatory_of(
        &g.orbitals,
        &g.occupations,
        &g.hamiltonian,
        &g.orbital_positions,
        &r.excited.transitions,
        &picks,
    );
    for (&k, d) in picks.iter().zip(&direct) {
        assert!(
            (r.rotatory[k] - d).abs() < 1e-9 * largest(&r.rotatory),
            "{} vs {d}",
            r.rotatory[k]
        );
    }
}

#[test]
fn dissymmetry_is_delta_epsilon_over_epsilon() {
    let r = cd(&carbon_centred_antiprism(Hand::P, None).unwrap(), "spd");
    let eps = &r.spectrum.epsilon;
    let dissymmetry = r.spectrum.dissymmetry.as_deref().unwrap();
    for ((g, e), d) in dissymmetry.iter().zip(eps).zip(delta_epsilon(&r)) {
        if g.is_finite() {
            assert!((g * e - d).abs() < 1e-9 * d.abs().max(1e-12));
        }
    }
    let g = dissymmetry
        .iter()
        .filter(|g| g.is_finite())
        .map(|g| g.abs())
        .fold(0.0, f64::max);
    assert!(
        g > 1e-5 && g < 0.1,
        "|g_abs| {g}: molecular CD is 1e-4 – 1e-2"
    );
}
