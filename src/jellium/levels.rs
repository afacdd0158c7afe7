//! Kohn–Sham levels of a spherical cluster: labels (1s, 1p, 1d, 2s, …),
//! aufbau filling with a degenerate open shell shared equally, the
//! HOMO–LUMO gap and the Fermi level.

use serde::Serialize;

use super::radial::RadialState;

/// Spectroscopic letters of l = 0, 1, 2, …
/// Spectroscopic letters of l = 0, 1, 2, …
pub const LETTERS: &[u8] = b"spdfghiklmnoqrtuvwxyz";

/// "1s", "2p", "1h", … for radial number `n` (from 1) and angular momentum `l`.
pub fn label(n: usize, l: usize) -> String {
    let letter = LETTERS.get(l).map(|&c| c as char).unwrap_or('?');
    format!("{n}{letter}")
}

/// One (n, l) level, 2(2l + 1)-fold degenerate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Level {
    /// Radial quantum number counted from 1 within each l (1s, 2s, …).
    pub n: usize,
    /// Angular momentum.
    pub l: usize,
    /// Energy, hartree.
    pub energy: f64,
    /// Electrons in the level, 0 … 2(2l + 1).
    pub occupation: f64,
    /// u(r) = r R(r), ∫u² dr = 1, on the ground state's grid.
    #[serde(skip)]
    pub u: Vec<f64>,
}

impl Level {
    /// "1s", "2p", "1h", …
    pub fn label(&self) -> String {
        label(self.n, self.l)
    }

    /// Capacity 2(2l + 1).
    pub fn capacity(&self) -> f64 {
        (2 * (2 * self.l + 1)) as f64
    }

    /// Spin-summed occupation of each of the 2l + 1 orbitals, 0 … 2.
    pub fn per_orbital(&self) -> f64 {
        self.occupation / (2 * self.l + 1) as f64
    }
}

/// Levels from the radial states of each l (`states[l]`, lowest first),
/// sorted by energy and filled with `electrons` electrons by Fermi–Dirac
/// occupations at temperature `kt` (hartree): the aufbau filling for levels
/// further than a few kT from the Fermi level, and a smooth sharing of
/// near-degenerate levels at it, which lets open shells converge. Returns
/// None when the states cannot hold the electrons.
pub fn fill(states: Vec<Vec<RadialState>>, electrons: f64, kt: f64) -> Option<Vec<Level>> {
    let mut levels: Vec<Level> = states
        .into_iter()
        .enumerate()
        .flat_map(|(l, list)| {
            list.into_iter().enumerate().map(move |(j, s)| Level {
                n: j + 1,
                l,
                energy: s.energy,
                occupation: 0.0,
                u: s.u,
            })
        })
        .collect();
    levels.sort_by(|a, b| a.energy.total_cmp(&b.energy));
    let capacity: f64 = levels.iter().map(Level::capacity).sum();
    if capacity < electrons + 1e-9 || levels.is_empty() {
        return None;
    }
    let count = |mu: f64| -> f64 {
        levels
            .iter()
            .map(|l| l.capacity() * fermi_dirac(l.energy - mu, kt))
            .sum()
    };
    let (mut lo, mut hi) = (
        levels[0].energy - 1.0,
        levels[levels.len() - 1].energy + 1.0,
    );
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if count(mid) < electrons {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let mu = 0.5 * (lo + hi);
    for level in &mut levels {
        level.occupation = level.capacity() * fermi_dirac(level.energy - mu, kt);
    }
    // Put the rounding remainder on the level at the Fermi level.
    let total: f64 = levels.iter().map(|l| l.occupation).sum();
    if let Some(at_mu) = levels
        .iter_mut()
        .min_by(|a, b| (a.energy - mu).abs().total_cmp(&(b.energy - mu).abs()))
    {
        at_mu.occupation = (at_mu.occupation + electrons - total).clamp(0.0, at_mu.capacity());
    }
    Some(levels)
}

/// Fermi–Dirac factor of energy `x` above the Fermi level at temperature
/// `kt` (both hartree); a step for kt = 0.
fn fermi_dirac(x: f64, kt: f64) -> f64 {
    if kt <= 0.0 {
        return if x < 0.0 {
            1.0
        } else if x > 0.0 {
            0.0
        } else {
            0.5
        };
    }
    let t = x / kt;
    if t > 200.0 {
        0.0
    } else if t < -200.0 {
        1.0
    } else {
        1.0 / (1.0 + t.exp())
    }
}

/// Occupations below this fraction of a level's capacity count as empty
/// (and as full within it of the capacity) for HOMO, LUMO and gap.
const OCCUPIED: f64 = 1e-4;

/// Energy (hartree) of the highest level holding electrons.
pub fn homo(levels: &[Level]) -> Option<&Level> {
    levels
        .iter()
        .rfind(|l| l.occupation > OCCUPIED * l.capacity())
}

/// The lowest level with room for an electron (the HOMO itself when its
/// shell is open).
pub fn lumo(levels: &[Level]) -> Option<&Level> {
    levels
        .iter()
        .find(|l| l.occupation < (1.0 - OCCUPIED) * l.capacity())
}

/// HOMO–LUMO gap, hartree (0 for an open shell).
pub fn gap(levels: &[Level]) -> Option<f64> {
    Some((lumo(levels)?.energy - homo(levels)?.energy).max(0.0))
}

/// The Fermi level (hartree): mid-gap for a closed shell, the open shell's
/// energy otherwise.
pub fn fermi_level(levels: &[Level]) -> Option<f64> {
    Some(0.5 * (lumo(levels)?.energy + homo(levels)?.energy))
}
