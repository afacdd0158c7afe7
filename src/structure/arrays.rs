//! A cluster from arrays held in memory (element symbols and positions in
//! Å), checked as strictly as an XYZ file: known elements, finite
//! coordinates, no two atoms closer than an atom allows. Errors name the
//! structure and the atom's index (from 0).

use crate::error::{Error, Result};
use crate::structure::neighbours::pairs_within;
use crate::structure::xyz::MIN_INTERATOMIC_DISTANCE;
use crate::structure::{Atom, Cluster, Element};

/// The cluster of atoms `symbols[k]` at `positions[k]` (Å), named `name`
/// in errors and in its comment.
pub fn from_arrays(name: &str, symbols: &[String], positions: &[[f64; 3]]) -> Result<Cluster> {
    if symbols.len() != positions.len() {
        return Err(Error::invalid(format!(
            "{name}: {} element symbols but {} positions",
            symbols.len(),
            positions.len()
        )));
    }
    if symbols.is_empty() {
        return Err(Error::invalid(format!("{name}: no atoms")));
    }
    let mut atoms = Vec::with_capacity(symbols.len());
    for (k, (symbol, &position)) in symbols.iter().zip(positions).enumerate() {
        let element: Element = symbol
            .trim()
            .parse()
            .map_err(|_| Error::invalid(format!("{name}: atom {k}: unknown element `{symbol}`")))?;
        if let Some(c) = position.iter().position(|x| !x.is_finite()) {
            return Err(Error::invalid(format!(
                "{name}: atom {k} ({symbol}): coordinate {} is {}, not a finite number of Å",
                ["x", "y", "z"][c],
                position[c]
            )));
        }
        atoms.push(Atom { element, position });
    }
    let cluster = Cluster {
        atoms,
        comment: name.to_string(),
    };
    if let Some(p) = pairs_within(&cluster.positions(), MIN_INTERATOMIC_DISTANCE).first() {
        return Err(Error::invalid(format!(
            "{name}: atoms {} and {} are {:.3} Å apart, closer than the {MIN_INTERATOMIC_DISTANCE} \
             Å allowed (positions are read in Å)",
            p.i, p.j, p.distance
        )));
    }
    Ok(cluster)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn arrays_become_a_cluster() {
        let c = from_arrays("two", &s(&["Au", "Ag"]), &[[0.0; 3], [2.9, 0.0, 0.0]]).unwrap();
        assert_eq!(c.formula(), "AuAg");
    }

    #[test]
    fn bad_arrays_are_errors_naming_the_atom() {
        let e = from_arrays("x", &s(&["Au", "Zz"]), &[[0.0; 3], [3.0, 0.0, 0.0]]).unwrap_err();
        assert!(
            e.to_string().contains("atom 1: unknown element `Zz`"),
            "{e}"
        );
        let e = from_arrays("x", &s(&["Au", "Au"]), &[[0.0; 3], [f64::NAN, 0.0, 0.0]]).unwrap_err();
        assert!(
            e.to_string().contains("atom 1 (Au): coordinate x is NaN"),
            "{e}"
        );
        let e = from_arrays("x", &s(&["Au", "Au"]), &[[0.0; 3], [0.1, 0.0, 0.0]]).unwrap_err();
        assert!(
            e.to_string().contains("atoms 0 and 1 are 0.100 Å apart"),
            "{e}"
        );
        let e = from_arrays("x", &s(&["Au"]), &[[0.0; 3], [3.0, 0.0, 0.0]]).unwrap_err();
        assert!(
            e.to_string().contains("1 element symbols but 2 positions"),
            "{e}"
        );
    }
}
