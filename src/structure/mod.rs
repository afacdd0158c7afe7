//! Atomic structures: atoms, elements, XYZ files, builders and alloying.

pub mod alloy;
pub mod arrays;
pub mod builders;
pub mod element;
pub mod molecular;
pub mod neighbours;
pub mod shells;
pub mod sites;
pub mod thiolate;
pub mod xyz;

pub use element::Element;

/// Positions (Å) relative to their centroid. Dipoles and rotatory
/// strengths do not depend on the origin; centring keeps rounding small
/// for structures far from it.
pub fn centred(positions: &[[f64; 3]]) -> Vec<[f64; 3]> {
    let n = positions.len().max(1) as f64;
    let c: [f64; 3] = std::array::from_fn(|d| positions.iter().map(|p| p[d]).sum::<f64>() / n);
    positions
        .iter()
        .map(|p| std::array::from_fn(|d| p[d] - c[d]))
        .collect()
}

/// One atom: an element at a position in Å.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Atom {
    pub element: Element,
    /// Cartesian position, Å.
    pub position: [f64; 3],
}

/// A finite cluster of atoms with a free-text comment (the XYZ comment line).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cluster {
    pub atoms: Vec<Atom>,
    pub comment: String,
}

impl Cluster {
    /// A cluster of one element at the given positions (Å).
    pub fn from_positions(element: Element, positions: &[[f64; 3]], comment: &str) -> Self {
        Cluster {
            atoms: positions
                .iter()
                .map(|&position| Atom { element, position })
                .collect(),
            comment: comment.to_string(),
        }
    }

    /// Number of atoms.
    pub fn len(&self) -> usize {
        self.atoms.len()
    }

    /// True when the cluster has no atoms.
    pub fn is_empty(&self) -> bool {
        self.atoms.is_empty()
    }

    /// Positions, Å.
    pub fn positions(&self) -> Vec<[f64; 3]> {
        self.atoms.iter().map(|a| a.position).collect()
    }

    /// The chemical formula, elements in order of first appearance and a
    /// count of one left out as chemists write it, e.g. "Au54Ag", "CAg6Au4".
    pub fn formula(&self) -> String {
        let mut counts: Vec<(Element, usize)> = Vec::new();
        for a in &self.atoms {
            match counts.iter_mut().find(|(e, _)| *e == a.element) {
                Some((_, n)) => *n += 1,
                None => counts.push((a.element, 1)),
            }
        }
        counts
            .iter()
            .map(|(e, n)| match n {
                1 => e.to_string(),
                _ => format!("{e}{n}"),
            })
            .collect::<String>()
    }

    /// Centroid of the atomic positions, Å.
    pub fn centroid(&self) -> [f64; 3] {
        let n = self.atoms.len().max(1) as f64;
        std::array::from_fn(|k| self.atoms.iter().map(|a| a.position[k]).sum::<f64>() / n)
    }

    /// The cluster moved rigidly by `shift` (Å).
    pub fn translated(&self, shift: [f64; 3]) -> Self {
        let mut out = self.clone();
        for a in &mut out.atoms {
            for (x, s) in a.position.iter_mut().zip(shift) {
                *x += s;
            }
        }
        out
    }

    /// The mirror image through the yz plane (x → −x): the other
    /// enantiomer of a chiral cluster.
    pub fn mirrored(&self) -> Self {
        let mut out = self.clone();
        for a in &mut out.atoms {
            a.position[0] = -a.position[0];
        }
        out.comment = format!("{} | mirror image (x -> -x)", self.comment);
        out
    }

    /// The cluster rotated by the 3×3 matrix `r` (applied as r·x).
    pub fn rotated(&self, r: [[f64; 3]; 3]) -> Self {
        let mut out = self.clone();
        for a in &mut out.atoms {
            let p = a.position;
            a.position = [0, 1, 2].map(|i| r[i][0] * p[0] + r[i][1] * p[1] + r[i][2] * p[2]);
        }
        out
    }
}
