//! Range checks of one element's and one pair's parameters, each error
//! naming the file and the line of the entry.

use std::path::Path;

use super::params::{BOND_NAMES, ElementParams, PairParams, Shells};
use crate::error::{Error, Result};

/// On-site energies and two-centre integrals beyond ± this (eV) are
/// refused: valence-band parameters of metals are a few eV (the shipped
/// ones stay within 15 eV); 10³⁰⁰ would only break the eigensolver.
pub const MAX_ENERGY_EV: f64 = 100.0;

/// Checks the valence, on-site energies, hardness and interband constant
/// of `e` (carrying `shells`), written at `line` of `path`.
pub fn check_element(e: &ElementParams, shells: Shells, path: &Path, line: usize) -> Result<()> {
    // At most 18 electrons fit an s, p and d shell; a larger count is a
    // typo (and would overflow the electron count).
    if e.valence > 18 {
        return Err(Error::parse(
            path,
            line,
            format!(
                "element {}: valence = {} must lie in 0 … 18",
                e.symbol, e.valence
            ),
        ));
    }
    let needs_p = shells != Shells::S;
    let needs_d = shells == Shells::Spd;
    let values = [Some(e.onsite_s), e.onsite_p, e.onsite_d];
    if values
        .iter()
        .flatten()
        .any(|v| !(v.is_finite() && v.abs() <= MAX_ENERGY_EV))
        || (needs_p && e.onsite_p.is_none())
        || (needs_d && e.onsite_d.is_none())
    {
        return Err(Error::parse(
            path,
            line,
            format!(
                "element {}: on-site energies must lie within ±{MAX_ENERGY_EV} eV and be given for every shell of `{shells:?}` (s = {}, p = {:?}, d = {:?})",
                e.symbol, e.onsite_s, e.onsite_p, e.onsite_d
            ),
        ));
    }
    for (name, value, lo, hi) in [
        ("hubbard_u", e.hubbard_u, 0.5, 30.0),
        ("interband_epsilon", e.interband_epsilon, 1.0, 100.0),
    ] {
        if let Some(v) = value
            && !(v.is_finite() && (lo..=hi).contains(&v))
        {
            return Err(Error::parse(
                path,
                line,
                format!("element {}: {name} = {v} must lie in {lo} … {hi}", e.symbol),
            ));
        }
    }
    Ok(())
}

/// Checks the reference distance and the two-centre integrals of `p`,
/// written at `line` of `path`.
pub fn check_pair(p: &PairParams, path: &Path, line: usize) -> Result<()> {
    let [a, b] = p.elements;
    if !(p.r0.is_finite() && (0.5..=10.0).contains(&p.r0)) {
        return Err(Error::parse(
            path,
            line,
            format!(
                "pair {a}-{b}: r0 = {} Å must be a bond length in 0.5 … 10 Å",
                p.r0
            ),
        ));
    }
    if let Some(k) = p
        .integrals()
        .iter()
        .position(|v| !(v.is_finite() && v.abs() <= MAX_ENERGY_EV))
    {
        return Err(Error::parse(
            path,
            line,
            format!(
                "pair {a}-{b}: {} = {} eV must lie within ±{MAX_ENERGY_EV} eV",
                BOND_NAMES[k],
                p.integrals()[k]
            ),
        ));
    }
    Ok(())
}
