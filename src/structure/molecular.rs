//! Ligand-protected and carbon-centred clusters as idealised metal (and
//! carbon) frameworks: C@Au6, the chiral CAu4Ag6 and Au25 with its Ag-doped
//! variants. Ligands are not placed: they enter the electron count only
//! (`--ligands`, the superatom rule).

use super::builders::icosahedron;
use super::{Atom, Cluster, Element};
use crate::error::{Error, Result};

/// C–M distances (Å) from the sums of covalent radii (Cordero et al.,
/// Dalton Trans. 2008, 2832: C 0.76, Cu 1.32, Ag 1.45, Au 1.36 Å).
pub fn carbon_metal_distance(metal: Element) -> f64 {
    match metal {
        Element::Cu => 2.08,
        Element::Ag => 2.21,
        _ => 2.12,
    }
}

/// Octahedral C@Au6 (the core of [(Ph₃PAu)₆C]²⁺): C at the origin, Au on
/// ±x, ±y, ±z at `c_au` Å (default C–Au 2.12 Å).
pub fn carbon_centred_octahedron(c_au: Option<f64>) -> Result<Cluster> {
    let d = c_au.unwrap_or(carbon_metal_distance(Element::Au));
    if !(d.is_finite() && d > 0.5) {
        return Err(Error::invalid(format!(
            "C–Au distance {d} Å must exceed 0.5 Å"
        )));
    }
    let mut atoms = vec![Atom {
        element: Element::C,
        position: [0.0; 3],
    }];
    for axis in 0..3 {
        for sign in [1.0, -1.0] {
            let mut p = [0.0; 3];
            p[axis] = sign * d;
            atoms.push(Atom {
                element: Element::Au,
                position: p,
            });
        }
    }
    Ok(Cluster {
        atoms,
        comment: format!("clusterspec C@Au6 octahedron, C-Au {d} Angstrom"),
    })
}

/// Handedness of the chiral CAu4Ag6 framework.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hand {
    /// Au pairs at azimuth 0°/180° (upper square) and 45°/225° (lower square).
    P,
    /// The mirror image of P (x → −x).
    M,
}

/// Polar angle of the antiprism squares (rad) that makes the cap–square and
/// square–square edges equal: 65.53°.
const SQUARE_POLAR: f64 = 1.143_711_6;

/// Chiral CAu4Ag6: C at the centre of a bicapped square antiprism of ten
/// metal atoms on a sphere of radius `c_m` Å (default 2.40 Å: metal–metal
/// edges 2.60 Å, in-square 3.09 Å). Ag caps the axis; each square holds two
/// Au on a diagonal, the lower pair turned 45° from the upper one. That
/// colouring keeps only the proper rotations of D4d (point group D2): the
/// framework is chiral, and `Hand::M` is the mirror image of `Hand::P`.
pub fn carbon_centred_antiprism(hand: Hand, c_m: Option<f64>) -> Result<Cluster> {
    let r = c_m.unwrap_or(2.40);
    if !(r.is_finite() && r > 0.5) {
        return Err(Error::invalid(format!(
            "C–metal distance {r} Å must exceed 0.5 Å"
        )));
    }
    let mut atoms = vec![Atom {
        element: Element::C,
        position: [0.0; 3],
    }];
    atoms.push(Atom {
        element: Element::Ag,
        position: [0.0, 0.0, r],
    });
    atoms.push(Atom {
        element: Element::Ag,
        position: [0.0, 0.0, -r],
    });
    let (s, c) = (SQUARE_POLAR.sin(), SQUARE_POLAR.cos());
    for (z_sign, offset, gold) in [(1.0, 0.0, [0, 180]), (-1.0, 45.0, [45, 225])] {
        for k in 0..4 {
            let az = offset + 90.0 * k as f64;
            let element = if gold.contains(&(az as i32)) {
                Element::Au
            } else {
                Element::Ag
            };
            let phi = az.to_radians();
            atoms.push(Atom {
                element,
                position: [r * s * phi.cos(), r * s * phi.sin(), z_sign * r * c],
            });
        }
    }
    let cluster = Cluster {
        atoms,
        comment: format!("clusterspec chiral CAu4Ag6 (P), C-M {r} Angstrom"),
    };
    Ok(match hand {
        Hand::P => cluster,
        Hand::M => {
            let mut m = cluster.mirrored();
            m.comment = format!("clusterspec chiral CAu4Ag6 (M), C-M {r} Angstrom");
            m
        }
    })
}

/// The three kinds of site of the idealised Au25.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Au25Site {
    /// The central atom of the Au13 icosahedron (index 0).
    Centre,
    /// One of the 12 icosahedral surface atoms (index 1; all equivalent).
    Core,
    /// One of the 12 staple atoms (index 13; all equivalent).
    Staple,
}

impl Au25Site {
    /// Atom index of a representative site.
    pub fn index(self) -> usize {
        match self {
            Au25Site::Centre => 0,
            Au25Site::Core => 1,
            Au25Site::Staple => 13,
        }
    }
}

/// Idealised Au25 (the metal framework of Au25(SR)18⁻): a centred Au13
/// Mackay icosahedron with bulk bonds (2.884 Å) plus 12 "staple" Au in six
/// pairs, one pair across each end of the three perpendicular twofold axes
/// (x, y, z), 4.81 Å from the centre and 3.10 Å apart, which puts each at
/// 3.2 Å from its nearest core atoms (the staple Au–core Au distance of the
/// crystal structure, Heaven et al., JACS 130, 3754 (2008), rounded).
/// Atoms 0 (centre), 1–12 (core surface), 13–24 (staples). Count 18
/// ligands and charge −1 for Au25(SR)18⁻ (8 electrons in the s model).
pub fn au25() -> Cluster {
    let mut positions = icosahedron(1, 2.884);
    let (radial, half) = (4.81, 1.55);
    // Pair at +x straddles the core edge along z, so it lies along y; at +y
    // along z; at +z along x (the edges at the ends of each twofold axis).
    for sign in [1.0, -1.0] {
        for (axis, across) in [(0usize, 1usize), (1, 2), (2, 0)] {
            for side in [1.0, -1.0] {
                let mut p = [0.0; 3];
                p[axis] = sign * radial;
                p[across] = side * half;
                positions.push(p);
            }
        }
    }
    Cluster::from_positions(
        Element::Au,
        &positions,
        "clusterspec idealised Au25 (Au13 core + 6 staple pairs)",
    )
}

/// Au25 with the atoms at `sites` replaced by `dopant`.
pub fn au25_doped(dopant: Element, sites: &[usize]) -> Result<Cluster> {
    let mut c = au25();
    for &i in sites {
        c = super::alloy::substitute(&c, i, dopant)?;
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::neighbours::pairs_within;

    #[test]
    fn au25_geometry() {
        let c = au25();
        assert_eq!(c.len(), 25);
        let pos = c.positions();
        // Shortest staple–core distance is 3.2 Å, within 0.05 Å.
        let mut shortest = f64::INFINITY;
        for p in &pos[13..] {
            for q in &pos[1..13] {
                shortest = shortest.min(crate::structure::neighbours::distance(p, q));
            }
        }
        assert!((shortest - 3.2).abs() < 0.05, "{shortest}");
        assert!(pairs_within(&pos, 2.5).is_empty());
    }

    #[test]
    fn antiprism_enantiomers_are_mirror_images() {
        let p = carbon_centred_antiprism(Hand::P, None).unwrap();
        let m = carbon_centred_antiprism(Hand::M, None).unwrap();
        assert_eq!(p.formula(), "CAg6Au4");
        assert_eq!(m.atoms, p.mirrored().atoms);
        let pos = p.positions();
        let pairs = pairs_within(&pos[1..], 2.59);
        assert!(pairs.is_empty(), "metal–metal edges must be about 2.60 Å");
    }
}
