//! The builders reproduce ASE's ase.cluster geometries atom for atom
//! (reference files written by tests/data/ase/generate.py with ASE 3.29).

use std::path::Path;

use clusterspec::Element;
use clusterspec::structure::builders::{Shape, build};
use clusterspec::structure::xyz::read_xyz;

fn same_positions(name: &str, shape: Shape) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/data/ase/{name}.xyz"));
    let reference = read_xyz(&path).unwrap();
    let ours = build(&shape, Element::Au, None).unwrap();
    assert_eq!(ours.len(), reference.len(), "{name}: atom count");
    let mut unmatched: Vec<[f64; 3]> = reference.positions();
    for p in ours.positions() {
        let k = unmatched
            .iter()
            .position(|q| (0..3).all(|i| (p[i] - q[i]).abs() < 1e-6))
            .unwrap_or_else(|| panic!("{name}: our atom at {p:?} is not in ASE's structure"));
        unmatched.swap_remove(k);
    }
}

#[test]
fn icosahedra_match_ase() {
    // ASE's noshells = our shells + 1.
    for k in 0..=4 {
        same_positions(
            &format!("icosahedron_{}", k + 1),
            Shape::Icosahedron { shells: k },
        );
    }
}

#[test]
fn octahedra_and_cuboctahedra_match_ase() {
    same_positions(
        "octahedron_4_0",
        Shape::Octahedron {
            length: 4,
            cutoff: 0,
        },
    );
    same_positions(
        "octahedron_5_0",
        Shape::Octahedron {
            length: 5,
            cutoff: 0,
        },
    );
    same_positions(
        "octahedron_6_1",
        Shape::Octahedron {
            length: 6,
            cutoff: 1,
        },
    );
    same_positions(
        "octahedron_7_2",
        Shape::Octahedron {
            length: 7,
            cutoff: 2,
        },
    );
    same_positions("cuboctahedron_5", Shape::Cuboctahedron { shells: 2 });
    same_positions("cuboctahedron_7", Shape::Cuboctahedron { shells: 3 });
}

#[test]
fn decahedra_match_ase() {
    same_positions("decahedron_2_2_0", Shape::Decahedron { p: 2, q: 2, r: 0 });
    same_positions("decahedron_3_2_0", Shape::Decahedron { p: 3, q: 2, r: 0 });
    same_positions("decahedron_3_3_1", Shape::Decahedron { p: 3, q: 3, r: 1 });
    same_positions("decahedron_4_2_2", Shape::Decahedron { p: 4, q: 2, r: 2 });
}

#[test]
fn fcc_spheres_match_reference() {
    same_positions("sphere_5.0", Shape::Sphere { radius: 5.0 });
    same_positions("sphere_7.5", Shape::Sphere { radius: 7.5 });
}

#[test]
fn magic_numbers() {
    let n = |s| build(&s, Element::Ag, None).unwrap().len();
    let ico: Vec<usize> = (1..=5)
        .map(|k| n(Shape::Icosahedron { shells: k }))
        .collect();
    assert_eq!(ico, [13, 55, 147, 309, 561]);
    let cubo: Vec<usize> = (1..=3)
        .map(|k| n(Shape::Cuboctahedron { shells: k }))
        .collect();
    assert_eq!(cubo, [13, 55, 147]);
}

#[test]
fn icosahedron_radial_bonds_are_the_bulk_distance() {
    let ag = build(&Shape::Icosahedron { shells: 1 }, Element::Ag, None).unwrap();
    let centre = ag.atoms[0].position;
    for a in &ag.atoms[1..] {
        let d: f64 = (0..3)
            .map(|k| (a.position[k] - centre[k]).powi(2))
            .sum::<f64>()
            .sqrt();
        assert!((d - 2.889).abs() < 1e-12);
    }
}
