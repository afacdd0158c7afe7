//! Alloying: random alloys with exact counts, core–shell particles and
//! substitution of single atoms.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::shells::shell_from_centre;
use super::{Cluster, Element};
use crate::error::{Error, Result};

/// Replaces exactly round(`fraction` × N) atoms, chosen at random with
/// `seed` (ChaCha8, reproducible across platforms), by `element`.
pub fn random_alloy(
    cluster: &Cluster,
    element: Element,
    fraction: f64,
    seed: u64,
) -> Result<Cluster> {
    if !(0.0..=1.0).contains(&fraction) {
        return Err(Error::invalid(format!(
            "alloy fraction {fraction} must lie between 0 and 1"
        )));
    }
    let n = cluster.len();
    let count = (fraction * n as f64).round() as usize;
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
    let mut out = cluster.clone();
    for &i in &order[..count] {
        out.atoms[i].element = element;
    }
    out.comment = format!(
        "{} | random alloy: {count} of {n} atoms -> {element} (seed {seed})",
        cluster.comment
    );
    Ok(out)
}

/// Which atoms form the core of a core–shell particle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Core {
    /// The central atom and the `k` shells around it (shells found by
    /// peeling surface layers; for a Mackay icosahedron `k = 1` is Au13).
    Shells(usize),
    /// Every atom within this distance (Å) of the centroid.
    Radius(f64),
}

/// Makes the core of `cluster` out of `element`.
pub fn core_shell(cluster: &Cluster, element: Element, core: Core) -> Result<Cluster> {
    let positions = cluster.positions();
    let in_core: Vec<bool> = match core {
        Core::Shells(k) => shell_from_centre(&positions)
            .iter()
            .map(|&s| s <= k)
            .collect(),
        Core::Radius(r) => {
            if !(r.is_finite() && r >= 0.0) {
                return Err(Error::invalid(format!("core radius {r} Å must be ≥ 0")));
            }
            let c = cluster.centroid();
            positions
                .iter()
                .map(|p| super::neighbours::distance(p, &c) <= r + 1e-9)
                .collect()
        }
    };
    let mut out = cluster.clone();
    let mut count = 0;
    for (atom, &inside) in out.atoms.iter_mut().zip(&in_core) {
        if inside {
            atom.element = element;
            count += 1;
        }
    }
    out.comment = format!(
        "{} | core-shell: {count}-atom {element} core ({core:?})",
        cluster.comment
    );
    Ok(out)
}

/// Core–shell at a given count: the `count` atoms nearest the centroid
/// (ties by index) become `element`; the same composition as a random alloy
/// of `count` dopants.
pub fn core_of_count(cluster: &Cluster, element: Element, count: usize) -> Result<Cluster> {
    if count > cluster.len() {
        return Err(Error::invalid(format!(
            "a core of {count} atoms in a {}-atom cluster",
            cluster.len()
        )));
    }
    let c = cluster.centroid();
    let mut order: Vec<usize> = (0..cluster.len()).collect();
    order.sort_by(|&a, &b| {
        let da = super::neighbours::distance(&cluster.atoms[a].position, &c);
        let db = super::neighbours::distance(&cluster.atoms[b].position, &c);
        da.total_cmp(&db).then(a.cmp(&b))
    });
    let mut out = cluster.clone();
    for &i in &order[..count] {
        out.atoms[i].element = element;
    }
    out.comment = format!(
        "{} | core-shell: the {count} atoms nearest the centre -> {element}",
        cluster.comment
    );
    Ok(out)
}

/// Replaces atom `index` (0-based, file order) by `element`.
pub fn substitute(cluster: &Cluster, index: usize, element: Element) -> Result<Cluster> {
    if index >= cluster.len() {
        return Err(Error::invalid(format!(
            "substitution index {index} is out of range: the cluster has atoms 0..{}",
            cluster.len().saturating_sub(1)
        )));
    }
    let mut out = cluster.clone();
    out.atoms[index].element = element;
    out.comment = format!("{} | atom {index} -> {element}", cluster.comment);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::builders::{Shape, build};

    #[test]
    fn random_alloy_has_exact_counts_and_is_reproducible() {
        let au55 = build(&Shape::Icosahedron { shells: 2 }, Element::Au, None).unwrap();
        let a = random_alloy(&au55, Element::Ag, 0.5, 7).unwrap();
        let b = random_alloy(&au55, Element::Ag, 0.5, 7).unwrap();
        let c = random_alloy(&au55, Element::Ag, 0.5, 8).unwrap();
        let n_ag = a.atoms.iter().filter(|x| x.element == Element::Ag).count();
        assert_eq!(n_ag, 28);
        assert_eq!(a, b);
        assert_ne!(a.atoms, c.atoms);
    }

    #[test]
    fn core_of_one_shell_in_au147_is_13_atoms() {
        let au147 = build(&Shape::Icosahedron { shells: 3 }, Element::Au, None).unwrap();
        let cs = core_shell(&au147, Element::Ag, Core::Shells(1)).unwrap();
        assert_eq!(
            cs.atoms.iter().filter(|x| x.element == Element::Ag).count(),
            13
        );
        let cs = core_shell(&au147, Element::Ag, Core::Shells(2)).unwrap();
        assert_eq!(
            cs.atoms.iter().filter(|x| x.element == Element::Ag).count(),
            55
        );
        let cs = core_shell(&au147, Element::Ag, Core::Radius(0.1)).unwrap();
        assert_eq!(
            cs.atoms.iter().filter(|x| x.element == Element::Ag).count(),
            1
        );
    }

    #[test]
    fn substitution_checks_the_index() {
        let au13 = build(&Shape::Icosahedron { shells: 1 }, Element::Au, None).unwrap();
        assert_eq!(
            substitute(&au13, 0, Element::Cu).unwrap().atoms[0].element,
            Element::Cu
        );
        assert!(substitute(&au13, 13, Element::Cu).is_err());
    }
}
