//! The particle–hole space of dipole transitions of a spherical cluster:
//! pairs (n l) → (n′ l ± 1) coupled to total L = 1, their energies,
//! radial dipole integrals and single-particle oscillator strengths.
//!
//! Summing over the m-substates of a closed (or spherically averaged)
//! shell, a pair p = i → a contributes to the L = 1 response with weight
//! w_p = (n_i − n_a) l_> / 4π (n: spin-summed occupation per orbital,
//! l_> = max(l_i, l_a)), and
//! f_p = (8π/3) w_p Δ_p d_p² = (2/3) Δ_p d_p² l_> (n_i − n_a),
//! with d_p = ∫ u_i g(r) u_a dr, g(r) = r (or the d-screened dipole).
//! Σ_p f_p = N_e in a complete basis (Thomas–Reiche–Kuhn).

use std::collections::HashMap;
use std::f64::consts::PI;

use serde::Serialize;

use super::poisson::DipoleGreen;
use super::radial::{RadialState, radial_states};
use super::scf::GroundState;
use crate::error::{Error, Result};
use crate::response::Lines;
use crate::units::HARTREE_EV;

/// Holes with less than this spin-summed occupation per orbital are left
/// out: their pairs would carry < 10⁻⁸ of an electron's strength.
pub const MIN_HOLE_OCCUPATION: f64 = 1e-8;

/// One particle–hole pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pair {
    /// Hole (n, l) and particle (n, l) labels, e.g. "1p" → "1d".
    pub hole: String,
    pub particle: String,
    /// Δ = ε_a − ε_i, hartree.
    pub energy: f64,
    /// w = (n_i − n_a) l_> / 4π.
    pub weight: f64,
    /// Radial dipole integral d = ∫ u_i g u_a dr, bohr.
    pub dipole: f64,
}

impl Pair {
    /// Single-particle oscillator strength (8π/3) w Δ d².
    pub fn oscillator_strength(&self) -> f64 {
        8.0 * PI / 3.0 * self.weight * self.energy * self.dipole * self.dipole
    }
}

/// The pairs and their radial transition densities t_p(r) = u_i(r) u_a(r)
/// (row-major, grid point × pair).
pub struct ParticleHoleSpace {
    pub pairs: Vec<Pair>,
    pub densities: Vec<f64>,
    /// The l = 1 Coulomb Green's function (vacuum or d-screened).
    pub green: DipoleGreen,
}

impl ParticleHoleSpace {
    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Σ_p f_p: the single-particle sum rule captured by the space.
    pub fn strength_sum(&self) -> f64 {
        self.pairs.iter().map(Pair::oscillator_strength).sum()
    }
}

/// The single-particle spectrum: one line per pair.
pub fn single_particle_lines(space: &ParticleHoleSpace) -> Lines {
    Lines::new(
        space.pairs.iter().map(|p| p.energy * HARTREE_EV).collect(),
        space.pairs.iter().map(Pair::oscillator_strength).collect(),
    )
}

/// Pairs expected for `electrons` electrons and pair energies up to
/// `max_excitation_ev`, before the ground state is known: a fit to this
/// program's counts (Na₂₀₀ 244, Na₁₀₀₀ 934, Na₃₀₀₀ 2590, Na₅₀₀₀ 4259
/// pairs at 13.6 eV; Na₂₀₀ 399 at 27.2 and 625 at 54.4 eV; Ag and Au
/// fewer), ≈ 2.2 N_e^0.9 (E_max / 13.6 eV)^0.7, rounded up by 15 %.
pub fn expected_pairs(electrons: f64, max_excitation_ev: f64) -> f64 {
    2.5 * electrons.max(1.0).powf(0.9) * (max_excitation_ev.max(0.0) / 13.6).powf(0.7)
}

/// Peak memory of a jellium spectrum, bytes, before anything is computed:
/// the Casida matrix, its eigenvectors and the eigensolver's workspace,
/// 48 bytes per pair², for the [`expected_pairs`] (Na₃₀₀₀: estimate
/// 0.58 GB with the grid and program, measured 0.44 GB).
pub fn memory_bytes(electrons: f64, max_excitation_ev: f64) -> u64 {
    let pairs = expected_pairs(electrons, max_excitation_ev);
    (48.0 * pairs * pairs).min(u64::MAX as f64) as u64
}

/// Builds the pair space of `ground` with excitation energies up to
/// `max_excitation` (hartree), in the field of `green`.
pub fn particle_hole_space(
    ground: &GroundState,
    max_excitation: f64,
    green: DipoleGreen,
) -> Result<ParticleHoleSpace> {
    if max_excitation.is_nan() || max_excitation <= 0.0 {
        return Err(Error::setting(
            "max_excitation",
            max_excitation * HARTREE_EV,
            "the largest particle–hole energy must be positive (eV)",
        ));
    }
    let occupied: HashMap<(usize, usize), f64> = ground
        .levels
        .iter()
        .filter(|l| l.occupation > 0.0)
        .map(|l| ((l.l, l.n), l.per_orbital()))
        .collect();
    let l_max = occupied.keys().map(|k| k.0).max().unwrap_or(0) + 1;
    let top = ground
        .levels
        .iter()
        .filter(|l| l.occupation > 0.0)
        .map(|l| l.energy)
        .fold(f64::NEG_INFINITY, f64::max);
    let grid = &ground.grid;
    let states: Vec<Vec<RadialState>> = (0..=l_max)
        .map(|l| radial_states(grid, &ground.potential, l, top + max_excitation, usize::MAX))
        .collect();
    let per_orbital = |l: usize, j: usize| occupied.get(&(l, j + 1)).copied().unwrap_or(0.0);
    let label = |l: usize, j: usize| super::levels::label(j + 1, l);
    let dipole_operator: Vec<f64> = grid.r.iter().map(|&r| green.dipole(r)).collect();
    let mut pairs = Vec::new();
    let mut columns: Vec<Vec<f64>> = Vec::new();
    for (li, list) in states.iter().enumerate() {
        for (ji, hole) in list.iter().enumerate() {
            let ni = per_orbital(li, ji);
            // Fermi–Dirac tails far above the Fermi level carry nothing.
            if ni < MIN_HOLE_OCCUPATION {
                continue;
            }
            for la in [li.wrapping_sub(1), li + 1] {
                let Some(targets) = states.get(la) else {
                    continue;
                };
                for (ja, particle) in targets.iter().enumerate() {
                    let energy = particle.energy - hole.energy;
                    let na = per_orbital(la, ja);
                    if energy <= 0.0 || energy > max_excitation || na >= ni {
                        continue;
                    }
                    let t: Vec<f64> = hole.u.iter().zip(&particle.u).map(|(a, b)| a * b).collect();
                    let dipole = grid.integrate(|k| t[k] * dipole_operator[k]);
                    pairs.push(Pair {
                        hole: label(li, ji),
                        particle: label(la, ja),
                        energy,
                        weight: (ni - na) * li.max(la) as f64 / (4.0 * PI),
                        dipole,
                    });
                    columns.push(t);
                }
            }
        }
    }
    let n = grid.len();
    let p = pairs.len();
    let mut densities = vec![0.0; n * p];
    for (q, column) in columns.iter().enumerate() {
        for k in 0..n {
            densities[k * p + q] = column[k];
        }
    }
    Ok(ParticleHoleSpace {
        pairs,
        densities,
        green,
    })
}
