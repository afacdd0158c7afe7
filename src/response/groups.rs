//! Degenerate sets of lines. In a symmetric cluster a level is often
//! degenerate, and so are the transitions between such levels: inside a
//! set only the sums are meaningful (the split of f, of the transition
//! dipole and of the rotatory strength between the members depends on an
//! arbitrary choice of basis in the degenerate levels). Sticks, listed
//! lines and rotatory strengths are therefore reported per set.

use super::Lines;

/// Lines closer than this (eV) to the first line of a set join it.
/// Symmetry-degenerate lines agree to ~10⁻¹⁰ eV in double precision; the
/// tolerance also gathers near-degenerate lines no plot could separate
/// (a thousandth of the narrowest allowed width is 10⁻⁷ eV; lines 1 meV
/// apart are one stick at any width ≥ 0.01 eV).
pub const DEGENERACY_TOLERANCE_EV: f64 = 1e-3;

/// One set of degenerate lines.
#[derive(Clone, Debug, PartialEq)]
pub struct LineSet {
    /// Mean energy of the members, eV.
    pub energy: f64,
    /// Σ f over the members.
    pub oscillator_strength: f64,
    /// Σ R over the members (10⁻⁴⁰ esu² cm²), when every member has one.
    pub rotatory_strength: Option<f64>,
    /// Indices of the members in the (energy-sorted) lines.
    pub members: std::ops::Range<usize>,
}

impl LineSet {
    /// Number of lines in the set.
    pub fn degeneracy(&self) -> usize {
        self.members.len()
    }
}

/// The degenerate sets of `lines` (sorted by energy): consecutive lines
/// within `tolerance` eV of the first line of their set.
pub fn degenerate_sets(lines: &Lines, tolerance: f64) -> Vec<LineSet> {
    let n = lines.len();
    let mut sets = Vec::new();
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && lines.energy[end] - lines.energy[start] <= tolerance {
            end += 1;
        }
        let members = start..end;
        let rotatory = (end <= lines.rotatory_strength.len())
            .then(|| lines.rotatory_strength[members.clone()].iter().sum());
        sets.push(LineSet {
            energy: lines.energy[members.clone()].iter().sum::<f64>() / (end - start) as f64,
            oscillator_strength: lines.oscillator_strength[members.clone()].iter().sum(),
            rotatory_strength: rotatory,
            members,
        });
        start = end;
    }
    sets
}

/// A set is bright when its Σf is at least this fraction of the
/// strongest set's.
pub const BRIGHT_FRACTION: f64 = 1e-2;

/// The energy (eV) of the lowest bright set of `lines`.
pub fn first_bright(lines: &Lines) -> Option<f64> {
    let sets = degenerate_sets(lines, DEGENERACY_TOLERANCE_EV);
    let f_max = sets
        .iter()
        .map(|s| s.oscillator_strength)
        .fold(0.0, f64::max);
    sets.iter()
        .find(|s| f_max > 0.0 && s.oscillator_strength >= BRIGHT_FRACTION * f_max)
        .map(|s| s.energy)
}

/// Oscillator strength that a plot over `range` (eV) would miss: the
/// strongest set outside it, when its Σf is at least half that of the
/// strongest set inside (or there is none inside).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outside {
    /// Energy of the strongest set outside the range, eV.
    pub energy: f64,
    /// Its Σf.
    pub oscillator_strength: f64,
    /// Σf of the strongest set inside the range (0 when none).
    pub strongest_inside: f64,
}

/// The strong set outside `range`, if any (see [`Outside`]).
pub fn strong_outside(lines: &Lines, range: (f64, f64)) -> Option<Outside> {
    let sets = degenerate_sets(lines, DEGENERACY_TOLERANCE_EV);
    let inside = |s: &&LineSet| s.energy >= range.0 && s.energy <= range.1;
    let strongest_inside = sets
        .iter()
        .filter(inside)
        .map(|s| s.oscillator_strength)
        .fold(0.0, f64::max);
    let out = sets
        .iter()
        .filter(|s| !inside(s))
        .max_by(|a, b| a.oscillator_strength.total_cmp(&b.oscillator_strength))?;
    (out.oscillator_strength > 0.0 && out.oscillator_strength >= 0.5 * strongest_inside).then_some(
        Outside {
            energy: out.energy,
            oscillator_strength: out.oscillator_strength,
            strongest_inside,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degenerate_lines_become_one_set_with_summed_strengths() {
        let mut lines = Lines::new(
            vec![2.0, 2.0 + 1e-9, 2.0 + 2e-9, 2.5, 3.0, 3.0005],
            vec![0.1, 0.2, 0.3, 0.4, 1.0, 1.0],
        );
        lines.rotatory_strength = vec![5.0, -3.0, -2.0, 1.0, 7.0, -7.5];
        let sets = degenerate_sets(&lines, DEGENERACY_TOLERANCE_EV);
        assert_eq!(sets.len(), 3);
        assert_eq!(sets[0].degeneracy(), 3);
        assert!((sets[0].oscillator_strength - 0.6).abs() < 1e-15);
        // A triply degenerate set of an achiral cluster: R cancels.
        assert!(sets[0].rotatory_strength.unwrap().abs() < 1e-15);
        assert_eq!(sets[1].members, 3..4);
        assert_eq!(sets[2].oscillator_strength, 2.0);
        assert!((sets[2].rotatory_strength.unwrap() + 0.5).abs() < 1e-12);
        // Σ f is kept.
        let total: f64 = sets.iter().map(|s| s.oscillator_strength).sum();
        assert!((total - lines.strength_sum()).abs() < 1e-14);
    }

    #[test]
    fn strong_lines_outside_the_range_are_found() {
        // Au25-like: the strongest line at 0.7 eV, below a 1–6 eV window.
        let lines = Lines::new(vec![0.002, 0.7, 1.5, 2.5], vec![1e-5, 0.3, 0.1, 0.2]);
        let out = strong_outside(&lines, (1.0, 6.0)).unwrap();
        assert_eq!(out.energy, 0.7);
        assert_eq!(out.strongest_inside, 0.2);
        assert_eq!(strong_outside(&lines, (0.5, 6.0)), None);
        // The first bright line ignores the near-zero one.
        assert_eq!(first_bright(&lines), Some(0.7));
        let weak_outside = Lines::new(vec![0.5, 2.0], vec![0.01, 1.0]);
        assert_eq!(strong_outside(&weak_outside, (1.0, 6.0)), None);
    }

    #[test]
    fn a_chain_of_close_lines_is_cut_at_the_tolerance() {
        let lines = Lines::new(vec![1.0, 1.0006, 1.0012, 1.0018], vec![1.0; 4]);
        let sets = degenerate_sets(&lines, DEGENERACY_TOLERANCE_EV);
        assert_eq!(sets.len(), 2);
        assert_eq!(sets[0].members, 0..2);
        // Rotatory strengths only for some lines: none for the sets.
        assert!(sets.iter().all(|s| s.rotatory_strength.is_none()));
    }
}
