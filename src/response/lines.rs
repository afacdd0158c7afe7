//! Discrete excitations: energies, oscillator strengths, transition dipoles
//! and (optionally) rotatory strengths, sorted by energy.

use serde::Serialize;

use crate::solve::transitions::Transition;

/// Excitation lines, sorted by energy. Vectors other than `energy` and
/// `oscillator_strength` may be empty (not computed); `rotatory_strength`
/// may cover only the lowest lines (its length says how many).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Lines {
    /// Excitation energies, eV, ascending.
    pub energy: Vec<f64>,
    /// Oscillator strengths (dimensionless).
    pub oscillator_strength: Vec<f64>,
    /// Transition dipole of each excitation, Å, normalised so that
    /// f = (2mₑ/3ħ²) E |μ|²; for a single-particle transition i → a it is
    /// √(nᵢ − nₐ) ⟨i|r|a⟩.
    pub dipole: Vec<[f64; 3]>,
    /// Rotatory strengths of the first `rotatory_strength.len()` lines,
    /// 10⁻⁴⁰ esu² cm².
    pub rotatory_strength: Vec<f64>,
    /// The orbital pair (i, a) of each single-particle line; empty for
    /// collective excitations.
    pub pairs: Vec<(u32, u32)>,
}

impl Lines {
    /// Lines from energies (eV) and strengths alone; sorted here.
    pub fn new(energy: Vec<f64>, oscillator_strength: Vec<f64>) -> Self {
        Lines {
            energy,
            oscillator_strength,
            ..Default::default()
        }
        .sorted()
    }

    /// Single-particle lines from a transition list (already sorted by
    /// energy), with occupations `occupations` for the dipole normalisation.
    pub fn from_transitions(transitions: &[Transition], occupations: &[f64]) -> Self {
        Lines {
            energy: transitions.iter().map(|t| t.energy).collect(),
            oscillator_strength: transitions.iter().map(|t| t.oscillator_strength).collect(),
            dipole: transitions
                .iter()
                .map(|t| {
                    let dn = occupations[t.from as usize] - occupations[t.to as usize];
                    t.dipole.map(|x| x * dn.max(0.0).sqrt())
                })
                .collect(),
            rotatory_strength: Vec::new(),
            pairs: transitions.iter().map(|t| (t.from, t.to)).collect(),
        }
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.energy.len()
    }

    /// True when there are no lines.
    pub fn is_empty(&self) -> bool {
        self.energy.is_empty()
    }

    /// Σ f.
    pub fn strength_sum(&self) -> f64 {
        self.oscillator_strength.iter().sum()
    }

    /// Energy (eV) of the strongest line.
    pub fn strongest(&self) -> Option<f64> {
        let k = (0..self.len())
            .max_by(|&a, &b| self.oscillator_strength[a].total_cmp(&self.oscillator_strength[b]))?;
        Some(self.energy[k])
    }

    /// The lines in order of energy (ties keep their order), every
    /// per-line vector reordered alike.
    pub fn sorted(self) -> Self {
        let mut idx: Vec<usize> = (0..self.len()).collect();
        idx.sort_by(|&a, &b| self.energy[a].total_cmp(&self.energy[b]));
        let pick = |v: &[f64]| idx.iter().map(|&k| v[k]).collect::<Vec<_>>();
        let has = |n: usize| n == self.len();
        Lines {
            energy: pick(&self.energy),
            oscillator_strength: pick(&self.oscillator_strength),
            dipole: if has(self.dipole.len()) {
                idx.iter().map(|&k| self.dipole[k]).collect()
            } else {
                Vec::new()
            },
            rotatory_strength: if has(self.rotatory_strength.len()) {
                pick(&self.rotatory_strength)
            } else {
                Vec::new()
            },
            pairs: if has(self.pairs.len()) {
                idx.iter().map(|&k| self.pairs[k]).collect()
            } else {
                Vec::new()
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorting_moves_every_column_together() {
        let l = Lines {
            energy: vec![3.0, 1.0, 2.0],
            oscillator_strength: vec![0.3, 0.1, 0.2],
            dipole: vec![[3.0; 3], [1.0; 3], [2.0; 3]],
            rotatory_strength: vec![-3.0, -1.0, -2.0],
            pairs: vec![(3, 3), (1, 1), (2, 2)],
        }
        .sorted();
        assert_eq!(l.energy, [1.0, 2.0, 3.0]);
        assert_eq!(l.oscillator_strength, [0.1, 0.2, 0.3]);
        assert_eq!(l.dipole[2], [3.0; 3]);
        assert_eq!(l.rotatory_strength, [-1.0, -2.0, -3.0]);
        assert_eq!(l.pairs, [(1, 1), (2, 2), (3, 3)]);
        assert_eq!(l.strongest(), Some(3.0));
    }

    #[test]
    fn single_particle_dipoles_carry_the_occupation_factor() {
        let t = Transition {
            from: 0,
            to: 1,
            energy: 2.0,
            dipole: [1.0, 0.0, 0.0],
            oscillator_strength: crate::units::OSC_PREFACTOR * 2.0 * 2.0,
        };
        let l = Lines::from_transitions(&[t], &[2.0, 0.0]);
        let mu = l.dipole[0];
        let f = crate::units::OSC_PREFACTOR * 2.0 * (mu[0] * mu[0] + mu[1] * mu[1] + mu[2] * mu[2]);
        assert!((f - l.oscillator_strength[0]).abs() < 1e-15);
    }
}
