//! Au25(SCH3)18: the thiolate-protected cluster with every ligand atom, an
//! idealised geometry with the bond lengths of its crystal structure
//! ([N(C8H17)4][Au25(SCH2CH2Ph)18]: Heaven et al., J. Am. Chem. Soc. 130,
//! 3754 (2008); Zhu et al., J. Am. Chem. Soc. 130, 5883 (2008)):
//!
//! - a centred Au13 icosahedron, centre–vertex 2.79 Å (vertex–vertex 2.93 Å);
//! - six Au2(SR)3 staples (S–Au–S–Au–S) across the ends of the three
//!   twofold axes: each staple Au 3.46 Å from the core vertex its terminal
//!   S binds, the two staple Au 3.10 Å apart;
//! - Au–S 2.38 Å to the core, 2.32 Å within a staple; S–C 1.82 Å, C–H
//!   1.09 Å, tetrahedral S and C (CH3 staggered).
//!
//! The 12 terminal S each bind one core vertex and one staple Au, the six
//! bridging S two staple Au. Ligand directions point away from the cluster.

use super::builders::icosahedron;
use super::{Atom, Cluster, Element};

/// Centre–vertex distance of the Au13 core, Å.
pub const CORE_RADIUS: f64 = 2.79;
/// Au–S to a core atom and within a staple, Å.
pub const AU_S_CORE: f64 = 2.38;
pub const AU_S_STAPLE: f64 = 2.32;
/// Staple Au to the core vertex its terminal S binds, Å.
pub const STAPLE_TO_CORE: f64 = 3.46;
/// The two Au of one staple, Å.
pub const STAPLE_AU_AU: f64 = 3.10;
pub const S_C: f64 = 1.82;
pub const C_H: f64 = 1.09;

type V = [f64; 3];

fn add(a: V, b: V) -> V {
    [a[0] + b[0], a[1] + b[1], a[2] + b[2]]
}
fn sub(a: V, b: V) -> V {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}
fn scale(a: V, s: f64) -> V {
    [a[0] * s, a[1] * s, a[2] * s]
}
fn dot(a: V, b: V) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}
fn cross(a: V, b: V) -> V {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}
fn norm(a: V) -> f64 {
    dot(a, a).sqrt()
}
fn unit(a: V) -> V {
    scale(a, 1.0 / norm(a))
}

/// The two tetrahedral directions left at an atom with bonds along unit
/// vectors `u1`, `u2`; the one farther from the origin first.
fn tetrahedral(at: V, u1: V, u2: V) -> V {
    let bisector = unit(scale(add(u1, u2), -1.0));
    let normal = unit(cross(u1, u2));
    let half = (109.47f64 / 2.0).to_radians();
    let a = add(scale(bisector, half.cos()), scale(normal, half.sin()));
    let b = add(scale(bisector, half.cos()), scale(normal, -half.sin()));
    if norm(add(at, a)) >= norm(add(at, b)) {
        a
    } else {
        b
    }
}

/// A methyl group on `s` along `dir` (unit), its H staggered about the
/// S–C bond, turned so that the first H lies in the plane of `dir` and
/// `reference`.
fn methyl(s: V, dir: V, reference: V, atoms: &mut Vec<Atom>) {
    let c = add(s, scale(dir, S_C));
    atoms.push(Atom {
        element: Element::C,
        position: c,
    });
    let e1 = unit(sub(reference, scale(dir, dot(reference, dir))));
    let e2 = cross(dir, e1);
    let tilt = (180.0f64 - 109.47).to_radians();
    for k in 0..3 {
        let phi = std::f64::consts::PI / 3.0 + k as f64 * 2.0 * std::f64::consts::PI / 3.0;
        let side = add(scale(e1, phi.cos()), scale(e2, phi.sin()));
        let h = add(scale(dir, tilt.cos()), scale(side, tilt.sin()));
        atoms.push(Atom {
            element: Element::H,
            position: add(c, scale(h, C_H)),
        });
    }
}

/// The point 2.32 Å from `staple` and 2.38 Å from `vertex` farthest from
/// `away` (so that S–Au–S at the staple Au is as straight as it can be).
fn terminal_sulfur(staple: V, vertex: V, away: V) -> V {
    let axis = sub(vertex, staple);
    let d = norm(axis);
    let u = unit(axis);
    let x = (AU_S_STAPLE * AU_S_STAPLE - AU_S_CORE * AU_S_CORE + d * d) / (2.0 * d);
    let r = (AU_S_STAPLE * AU_S_STAPLE - x * x).max(0.0).sqrt();
    let centre = add(staple, scale(u, x));
    let seed = if cross(u, [1.0, 0.0, 0.0]).iter().any(|v| v.abs() > 0.1) {
        [1.0, 0.0, 0.0]
    } else {
        [0.0, 1.0, 0.0]
    };
    let e1 = unit(cross(u, seed));
    let e2 = cross(u, e1);
    (0..720)
        .map(|k| {
            let t = k as f64 * std::f64::consts::PI / 360.0;
            add(centre, add(scale(e1, r * t.cos()), scale(e2, r * t.sin())))
        })
        .max_by(|a, b| norm(sub(*a, away)).total_cmp(&norm(sub(*b, away))))
        .expect("points on the circle")
}

/// Au25(SCH3)18 (115 atoms): Au13 core, six S–Au–S–Au–S staples, methyl
/// groups. Its charge as synthesised is −1.
pub fn au25_thiolate() -> Cluster {
    let core: Vec<V> = icosahedron(1, CORE_RADIUS);
    let mut atoms: Vec<Atom> = core
        .iter()
        .map(|&p| Atom {
            element: Element::Au,
            position: p,
        })
        .collect();
    let half = STAPLE_AU_AU / 2.0;
    let rise = (AU_S_STAPLE * AU_S_STAPLE - half * half).sqrt();
    let mut ligand_sites: Vec<(V, V, V)> = Vec::new(); // (S, bond 1 to, bond 2 to)
    for sign in [1.0, -1.0] {
        for (axis, across) in [(0usize, 1usize), (1, 2), (2, 0)] {
            // The core vertices at this end of the axis bound by terminal S:
            // those nearest the staple Au on either side.
            let mut staple = Vec::new();
            for side in [1.0, -1.0] {
                // The vertex this staple Au's terminal S binds: on its side
                // of the staple, nearest to the end of the axis.
                let mut end = [0.0; 3];
                end[axis] = sign * 4.8;
                end[across] = side * half;
                let vertex = *core[1..]
                    .iter()
                    .filter(|v| v[across] * side > 1.0)
                    .min_by(|a, b| norm(sub(**a, end)).total_cmp(&norm(sub(**b, end))))
                    .expect("a core vertex beside the staple");
                // Along the axis, as far out as 3.46 Å from that vertex.
                let third = 3 - axis - across;
                let lateral2 = (side * half - vertex[across]).powi(2) + vertex[third].powi(2);
                let mut p = [0.0; 3];
                p[across] = side * half;
                p[axis] = vertex[axis] + sign * (STAPLE_TO_CORE.powi(2) - lateral2).sqrt();
                staple.push((p, vertex));
            }
            let mid = scale(add(staple[0].0, staple[1].0), 0.5);
            let bridge = add(mid, scale(unit(mid), rise));
            for &(p, vertex) in &staple {
                atoms.push(Atom {
                    element: Element::Au,
                    position: p,
                });
                let s = terminal_sulfur(p, vertex, bridge);
                ligand_sites.push((s, p, vertex));
            }
            ligand_sites.push((bridge, staple[0].0, staple[1].0));
        }
    }
    for &(s, _, _) in &ligand_sites {
        atoms.push(Atom {
            element: Element::S,
            position: s,
        });
    }
    for &(s, a, b) in &ligand_sites {
        let (u1, u2) = (unit(sub(a, s)), unit(sub(b, s)));
        let dir = tetrahedral(s, u1, u2);
        methyl(s, dir, u1, &mut atoms);
    }
    Cluster {
        atoms,
        comment: "clusterspec idealised Au25(SCH3)18 (crystal-structure bond lengths: Heaven et al. 2008)"
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::neighbours::pairs_within;

    #[test]
    fn au25_thiolate_has_its_atoms_and_bonds() {
        let c = au25_thiolate();
        assert_eq!(c.formula(), "Au25S18C18H54");
        let count = |e| c.atoms.iter().filter(|a| a.element == e).count();
        assert_eq!((count(Element::Au), count(Element::S)), (25, 18));
        // Every S has two Au within 2.40 Å and one C at 1.82 Å.
        let pos = c.positions();
        let close = pairs_within(&pos, 2.45);
        for (k, a) in c.atoms.iter().enumerate() {
            if a.element != Element::S {
                continue;
            }
            let near: Vec<Element> = close
                .iter()
                .filter(|p| p.i == k || p.j == k)
                .map(|p| c.atoms[if p.i == k { p.j } else { p.i }].element)
                .collect();
            let au = near.iter().filter(|&&e| e == Element::Au).count();
            let carbon = near.iter().filter(|&&e| e == Element::C).count();
            assert_eq!((au, carbon), (2, 1), "S {k}: {near:?}");
        }
        // No two atoms of different ligands closer than 1.9 Å, no H–H
        // closer than 1.7 Å, no Au–Au below 2.75 Å.
        for p in pairs_within(&pos, 2.0) {
            let (a, b) = (c.atoms[p.i].element, c.atoms[p.j].element);
            let bonded = matches!(
                (a, b),
                (Element::C, Element::H)
                    | (Element::H, Element::C)
                    | (Element::S, Element::C)
                    | (Element::C, Element::S)
            );
            if (a, b) == (Element::H, Element::H) {
                assert!(p.distance > 1.7, "H–H {}", p.distance);
            } else if !bonded {
                assert!(p.distance > 1.9, "{a}–{b} {} Å", p.distance);
            }
        }
        for p in pairs_within(&pos, 2.75) {
            assert!(
                !(c.atoms[p.i].element == Element::Au && c.atoms[p.j].element == Element::Au),
                "Au–Au {} Å",
                p.distance
            );
        }
    }
}
