//! Symmetry-distinct sites of a structure, for placing one dopant.
//!
//! Two atoms belong to one class when they have the same element and the
//! same sorted list of (element, distance) to every other atom, within a
//! tolerance: the distance fingerprint. Atoms related by a symmetry
//! operation always share it; atoms that share it without being related by
//! symmetry (homometric sites) are rare and would be merged, so every class
//! is reported with its size for checking (an Ih Mackay icosahedron gives
//! centre, vertex, edge and face classes per shell).

use super::neighbours::distance;
use super::{Cluster, Element};

/// One class of equivalent sites.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteClass {
    /// Atom indices of the class, ascending.
    pub atoms: Vec<usize>,
    /// Distance of the class from the centroid, Å.
    pub radius: f64,
    /// Neighbours within 1.2 × the shortest distance of the structure.
    pub coordination: usize,
}

impl SiteClass {
    /// A short description: "12 sites, r = 2.88 Å, 6 neighbours".
    pub fn describe(&self) -> String {
        format!(
            "{} site{}, r = {:.2} Å, {} neighbours",
            self.atoms.len(),
            if self.atoms.len() == 1 { "" } else { "s" },
            self.radius,
            self.coordination
        )
    }
}

fn fingerprint(cluster: &Cluster, i: usize) -> Vec<(Element, f64)> {
    let p = cluster.atoms[i].position;
    let mut f: Vec<(Element, f64)> = cluster
        .atoms
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != i)
        .map(|(_, a)| (a.element, distance(&p, &a.position)))
        .collect();
    f.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    f
}

fn same(a: &[(Element, f64)], b: &[(Element, f64)], tol: f64) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.0 == y.0 && (x.1 - y.1).abs() <= tol)
}

/// Classes of equivalent sites, ordered by distance from the centroid.
/// `tol` is the distance tolerance in Å (1e-3 suits built structures).
pub fn distinct_sites(cluster: &Cluster, tol: f64) -> Vec<SiteClass> {
    let n = cluster.len();
    let prints: Vec<Vec<(Element, f64)>> = (0..n).map(|i| fingerprint(cluster, i)).collect();
    let shortest = prints
        .iter()
        .filter_map(|f| f.iter().map(|x| x.1).reduce(f64::min))
        .reduce(f64::min)
        .unwrap_or(0.0);
    let centre = cluster.centroid();
    let mut classes: Vec<SiteClass> = Vec::new();
    let mut assigned = vec![false; n];
    for i in 0..n {
        if assigned[i] {
            continue;
        }
        let members: Vec<usize> = (i..n)
            .filter(|&j| {
                !assigned[j]
                    && cluster.atoms[j].element == cluster.atoms[i].element
                    && same(&prints[i], &prints[j], tol)
            })
            .collect();
        for &j in &members {
            assigned[j] = true;
        }
        classes.push(SiteClass {
            radius: distance(&cluster.atoms[i].position, &centre),
            coordination: prints[i].iter().filter(|x| x.1 <= 1.2 * shortest).count(),
            atoms: members,
        });
    }
    classes.sort_by(|a, b| {
        a.radius
            .total_cmp(&b.radius)
            .then(a.atoms[0].cmp(&b.atoms[0]))
    });
    classes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::builders::{Shape, build};

    #[test]
    fn icosahedral_site_classes() {
        let au13 = build(&Shape::Icosahedron { shells: 1 }, Element::Au, None).unwrap();
        let sizes: Vec<usize> = distinct_sites(&au13, 1e-3)
            .iter()
            .map(|c| c.atoms.len())
            .collect();
        assert_eq!(sizes, [1, 12]);
        let au55 = build(&Shape::Icosahedron { shells: 2 }, Element::Au, None).unwrap();
        let classes = distinct_sites(&au55, 1e-3);
        let sizes: Vec<usize> = classes.iter().map(|c| c.atoms.len()).collect();
        // By distance: centre, inner shell, outer edge atoms (4.91 Å), outer
        // vertices (5.77 Å).
        assert_eq!(sizes, [1, 12, 30, 12]);
        assert_eq!(classes.iter().map(|c| c.atoms.len()).sum::<usize>(), 55);
    }

    #[test]
    fn a_dopant_splits_its_class() {
        let au13 = build(&Shape::Icosahedron { shells: 1 }, Element::Au, None).unwrap();
        let doped = crate::structure::alloy::substitute(&au13, 1, Element::Ag).unwrap();
        let sizes: Vec<usize> = distinct_sites(&doped, 1e-3)
            .iter()
            .map(|c| c.atoms.len())
            .collect();
        // centre; the Ag; its 5 neighbours, the 5 next, the opposite vertex.
        assert_eq!(sizes.iter().sum::<usize>(), 13);
        assert_eq!(sizes.len(), 5, "{sizes:?}");
    }
}
