//! Cluster builders that reproduce ASE's `ase.cluster` (3.29) geometries
//! atom for atom (tests/data/ase holds ASE's output for comparison).
//!
//! Every builder takes the bulk nearest-neighbour distance `d` (Å); the fcc
//! lattice constant is a = √2 d.

use super::xyz::MAX_COORDINATE;
use super::{Cluster, Element};
use crate::error::{Error, Result};

/// A structure to build, as named on the command line.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// Mackay icosahedron: a central atom and `shells` shells around it
    /// (1 → 13, 2 → 55, 3 → 147 atoms). ASE: `Icosahedron(noshells = shells + 1)`.
    Icosahedron { shells: usize },
    /// Cuboctahedron: a central atom and `shells` shells (1 → 13, 2 → 55).
    /// ASE: `Octahedron(length = 2 shells + 1, cutoff = shells)`.
    Cuboctahedron { shells: usize },
    /// fcc octahedron with `length` atoms on each edge of the complete
    /// octahedron and `cutoff` layers cut at each vertex (0: regular).
    /// ASE: `Octahedron(length, cutoff)`.
    Octahedron { length: usize, cutoff: usize },
    /// Ino (`r = 0`) or Marks (`r > 0`) decahedron. ASE: `Decahedron(p, q, r)`.
    Decahedron { p: usize, q: usize, r: usize },
    /// Every fcc site within `radius` Å of a central atom.
    Sphere { radius: f64 },
}

/// The most atoms a builder makes (an XYZ file of about 50 MB; far beyond
/// what any model here computes).
pub const MAX_BUILT_ATOMS: f64 = 1e6;

/// The size of a shape before it is built: its atom count (exact for the
/// icosahedron and cuboctahedron, an upper bound for the others) and the
/// radius it reaches, Å (an upper bound).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Extent {
    pub atoms: f64,
    pub radius: f64,
}

impl Shape {
    /// The extent of this shape at nearest-neighbour distance `d` (Å),
    /// from its parameters alone (in floating point: no overflow).
    pub fn extent(&self, d: f64) -> Extent {
        // fcc volume per atom, Å³.
        let per_atom = d * d * d / 2f64.sqrt();
        let magic = |k: f64| (10.0 * k.powi(3) + 15.0 * k * k + 11.0 * k + 3.0) / 3.0;
        match *self {
            Shape::Icosahedron { shells } | Shape::Cuboctahedron { shells } => Extent {
                atoms: magic(shells as f64),
                radius: (shells as f64 + 1.0) * d,
            },
            Shape::Octahedron { length, .. } => {
                let l = length as f64;
                Extent {
                    atoms: l * (2.0 * l * l + 1.0) / 3.0,
                    radius: (l + 1.0) * d,
                }
            }
            Shape::Decahedron { p, q, r } => {
                let h = p as f64 + q as f64 + 2.0 * r as f64;
                Extent {
                    atoms: h + 2.5 * h * h * h,
                    radius: (h + 1.0) * d,
                }
            }
            Shape::Sphere { radius } => Extent {
                atoms: 4.0 / 3.0 * std::f64::consts::PI * (radius + d).powi(3) / per_atom,
                radius,
            },
        }
    }
}

/// Builds `shape` of `element` with nearest-neighbour distance `d` (Å);
/// `None` takes the element's bulk value. A shape of more than
/// [`MAX_BUILT_ATOMS`] atoms, or reaching beyond the coordinates an XYZ
/// file may hold, is refused before anything is built.
pub fn build(shape: &Shape, element: Element, d: Option<f64>) -> Result<Cluster> {
    let d = match d.or(element.bulk_nearest_neighbour()) {
        Some(d) if d.is_finite() && d > 0.5 => d,
        Some(d) => {
            return Err(Error::setting(
                "bond",
                d,
                "the bond length must exceed 0.5 Å",
            ));
        }
        None => {
            return Err(Error::setting(
                "bond",
                "none",
                format!("{element} is not a metal with a known bulk bond length: give one"),
            ));
        }
    };
    let extent = shape.extent(d);
    if extent.atoms.is_nan() || extent.atoms > MAX_BUILT_ATOMS {
        return Err(Error::invalid(format!(
            "{shape:?} would hold about {:.3e} atoms, beyond the {MAX_BUILT_ATOMS:.0e} a cluster \
             built here may have",
            extent.atoms
        )));
    }
    if extent.radius.is_nan() || extent.radius > MAX_COORDINATE {
        return Err(Error::invalid(format!(
            "{shape:?} would reach {:.3e} Å from its centre, beyond the ±{MAX_COORDINATE} Å an \
             XYZ file may hold here",
            extent.radius
        )));
    }
    let positions = match *shape {
        Shape::Icosahedron { shells } => icosahedron(shells, d),
        Shape::Cuboctahedron { shells } => octahedron(2 * shells + 1, shells, d)?,
        Shape::Octahedron { length, cutoff } => octahedron(length, cutoff, d)?,
        Shape::Decahedron { p, q, r } => decahedron(p, q, r, d)?,
        Shape::Sphere { radius } => fcc_sphere(radius, d)?,
    };
    let comment = format!("clusterspec build {shape:?} element={element} bond={d} Angstrom");
    Ok(Cluster::from_positions(element, &positions, &comment))
}

/// Mackay icosahedron, ASE's construction (edges, faces, then the
/// remaining triangles of each shell).
pub fn icosahedron(shells: usize, d: f64) -> Vec<[f64; 3]> {
    let t = 0.5 + 5f64.sqrt() / 2.0;
    let v: [[f64; 3]; 12] = [
        [t, 0., 1.],
        [t, 0., -1.],
        [-t, 0., 1.],
        [-t, 0., -1.],
        [1., t, 0.],
        [-1., t, 0.],
        [1., -t, 0.],
        [-1., -t, 0.],
        [0., 1., t],
        [0., -1., t],
        [0., 1., -t],
        [0., -1., -t],
    ];
    let comb = |terms: &[(f64, usize)], base: [f64; 3]| {
        let mut p = base;
        for &(c, k) in terms {
            for x in 0..3 {
                p[x] += c * v[k][x];
            }
        }
        p
    };
    let mut pos = vec![[0.0; 3]];
    const FACE: [(usize, usize); 12] = [
        (8, 9),
        (10, 11),
        (8, 9),
        (10, 11),
        (0, 1),
        (2, 3),
        (0, 1),
        (2, 3),
        (4, 5),
        (6, 7),
        (4, 5),
        (6, 7),
    ];
    const FILL: [(usize, usize, usize, usize); 4] =
        [(9, 6, 8, 4), (11, 6, 10, 4), (9, 7, 8, 5), (11, 7, 10, 5)];
    for n in 1..=shells {
        let nf = n as f64;
        for k in (0..12).step_by(2) {
            for i in 0..=n {
                let i = i as f64;
                pos.push(comb(&[(i, k), (nf - i, k + 1)], [0.0; 3]));
            }
        }
        if n > 1 {
            for (k, &(a, b)) in FACE.iter().enumerate() {
                for i in 0..n {
                    for j in 0..n - i {
                        if i == 0 && j == 0 {
                            continue;
                        }
                        let (i, j) = (i as f64, j as f64);
                        pos.push(comb(&[(nf - i - j, k), (i, a), (j, b)], [0.0; 3]));
                    }
                }
            }
        }
        if n > 2 {
            for (k, &(a1, a2, a3, a4)) in FILL.iter().enumerate() {
                for i in 1..n {
                    for j in 1..n - i {
                        let (i, j) = (i as f64, j as f64);
                        pos.push(comb(&[(nf - i - j, k), (i, a1), (j, a2)], [0.0; 3]));
                        pos.push(comb(&[(nf - i - j, k), (i, a3), (j, a4)], [0.0; 3]));
                    }
                }
            }
        }
    }
    let scale = d / (1.0 + t * t).sqrt();
    let mut pos: Vec<[f64; 3]> = pos.iter().map(|p| p.map(|x| x * scale)).collect();
    centre_bounding_box(&mut pos);
    pos
}

/// fcc octahedron cut by {111} and {100} planes, ASE's `Octahedron`.
pub fn octahedron(length: usize, cutoff: usize, d: f64) -> Result<Vec<[f64; 3]>> {
    if length < 1 {
        return Err(Error::setting(
            "length",
            length,
            "the octahedron edge needs at least 1 atom",
        ));
    }
    if cutoff >= length.div_ceil(2) {
        return Err(Error::setting(
            "cutoff",
            cutoff,
            format!(
                "the octahedron's corner cut must be at most (length - 1)/2 = {}",
                (length - 1) / 2
            ),
        ));
    }
    let a = 2f64.sqrt() * d;
    let (centre, layers111) = if length.is_multiple_of(2) {
        ([a / 2.0; 3], length as f64 / 2.0)
    } else {
        ([0.0; 3], (length - 1) as f64 / 2.0)
    };
    let layers100 = (length - 1 - cutoff) as f64;
    let r111 = (layers111 + 0.1) * a / 3f64.sqrt();
    let r100 = (layers100 + 0.1) * a / 2.0;
    let span = 2 * length as i64 + 4;
    let mut pos = Vec::new();
    for i in -span..=span {
        for j in -span..=span {
            for k in -span..=span {
                if (i + j + k).rem_euclid(2) != 0 {
                    continue;
                }
                let r = [i as f64 * a / 2.0, j as f64 * a / 2.0, k as f64 * a / 2.0];
                let x = [r[0] - centre[0], r[1] - centre[1], r[2] - centre[2]];
                let inside_111 = [1.0f64, -1.0].iter().all(|&sx| {
                    [1.0f64, -1.0].iter().all(|&sy| {
                        [1.0f64, -1.0]
                            .iter()
                            .all(|&sz| (sx * x[0] + sy * x[1] + sz * x[2]) / 3f64.sqrt() < r111)
                    })
                });
                let inside_100 = x.iter().all(|c| c.abs() < r100);
                if inside_111 && inside_100 {
                    pos.push(r);
                }
            }
        }
    }
    centre_bounding_box(&mut pos);
    Ok(pos)
}

/// Ino/Marks decahedron, ASE's `Decahedron(p, q, r)` (not recentred, as in ASE).
pub fn decahedron(p: usize, q: usize, r: usize, d: f64) -> Result<Vec<[f64; 3]>> {
    if p < 1 || q < 1 {
        return Err(Error::invalid("decahedron: p and q must be at least 1"));
    }
    let t = 2.0 * std::f64::consts::PI / 5.0;
    let b = d;
    let a = b * 3f64.sqrt() / 2.0;
    let vert: Vec<[f64; 2]> = (0..5)
        .map(|m| {
            let ang = t * m as f64 + std::f64::consts::FRAC_PI_2;
            [a * ang.cos(), a * ang.sin()]
        })
        .collect();
    let h = p + q + 2 * r - 1;
    let g = h - q + 1;
    let mut pos = Vec::new();
    for j in 0..h {
        pos.push([0.0, 0.0, j as f64 * b - (h as f64 - 1.0) * b / 2.0]);
    }
    for n in 1..h {
        if n >= g {
            continue;
        }
        for m in 0..5 {
            let v1 = vert[(m + 4) % 5];
            let v2 = vert[m];
            for i in 0..n {
                if n - i < g - r && i < g - r {
                    for j in 0..h - n {
                        let (ni, fi) = ((n - i) as f64, i as f64);
                        pos.push([
                            ni * v1[0] + fi * v2[0],
                            ni * v1[1] + fi * v2[1],
                            j as f64 * b - (h - n - 1) as f64 * b / 2.0,
                        ]);
                    }
                }
            }
        }
    }
    Ok(pos)
}

/// Every fcc site within `radius` Å (plus 1e-6 Å) of a central atom.
pub fn fcc_sphere(radius: f64, d: f64) -> Result<Vec<[f64; 3]>> {
    if !(radius.is_finite() && radius >= 0.0) {
        return Err(Error::invalid(format!(
            "sphere: radius {radius} Å must be ≥ 0"
        )));
    }
    let half = d / 2f64.sqrt(); // a/2
    let span = (radius / half).ceil() as i64 + 1;
    let mut pos = Vec::new();
    for i in -span..=span {
        for j in -span..=span {
            for k in -span..=span {
                if (i + j + k).rem_euclid(2) != 0 {
                    continue;
                }
                let r = [i as f64 * half, j as f64 * half, k as f64 * half];
                if (r[0] * r[0] + r[1] * r[1] + r[2] * r[2]).sqrt() <= radius + 1e-6 {
                    pos.push(r);
                }
            }
        }
    }
    Ok(pos)
}

/// Moves the midpoint of the bounding box to the origin (ASE's `center(about=0)`).
fn centre_bounding_box(pos: &mut [[f64; 3]]) {
    if pos.is_empty() {
        return;
    }
    for k in 0..3 {
        let lo = pos.iter().map(|p| p[k]).fold(f64::INFINITY, f64::min);
        let hi = pos.iter().map(|p| p[k]).fold(f64::NEG_INFINITY, f64::max);
        let mid = 0.5 * (lo + hi);
        for p in pos.iter_mut() {
            p[k] -= mid;
        }
    }
}
