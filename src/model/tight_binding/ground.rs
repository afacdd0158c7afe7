//! The batched tight-binding stages every command shares — a single
//! cluster is a batch of one: Hamiltonians → eigenpairs (one batched call)
//! → occupations → transitions (one batched call) → lines, with the exact
//! f-sum rule checked for each configuration.

use ndarray::Array2;
use serde::Serialize;

use super::{OrbitalLayout, TightBinding};
use crate::engine::Engine;
use crate::error::Result;
use crate::model::electrons::electron_count;
use crate::progress::Progress;
use crate::response::Lines;
use crate::solve::eigen::Orbitals;
use crate::solve::occupation::{Filling, frontier, occupations};
use crate::solve::sum_rule;
use crate::solve::transitions::Transition;
use crate::structure::Cluster;
use crate::units::OSC_PREFACTOR;

/// The tight-binding model and the electrons in it.
#[derive(Clone, Debug)]
pub struct TbRequest {
    pub model: TightBinding,
    /// Net charge in units of e (−1 for an anion).
    pub charge: i32,
    /// One-electron-withdrawing ligands (thiolates, halides).
    pub ligands: u32,
    pub filling: Filling,
}

/// The one-electron ground state of one configuration.
#[derive(Clone, Debug)]
pub struct GroundState {
    /// The Hamiltonian (eV), kept for the operators built from it (CD).
    pub hamiltonian: Array2<f64>,
    pub layout: OrbitalLayout,
    /// Position (Å) of the atom carrying each basis orbital.
    pub orbital_positions: Vec<[f64; 3]>,
    pub orbitals: Orbitals,
    /// Spin-summed occupations nᵢ ∈ [0, 2].
    pub occupations: Vec<f64>,
    pub electrons: u32,
    pub neutral_valence: u32,
}

impl GroundState {
    /// HOMO–LUMO gap, eV (0 for a partly filled shell).
    pub fn gap(&self) -> Option<f64> {
        match frontier(&self.occupations) {
            (Some(homo), Some(lumo)) if lumo > homo => {
                Some(self.orbitals.energies[lumo] - self.orbitals.energies[homo])
            }
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        }
    }

    /// Band energy Σ nᵢEᵢ, eV.
    pub fn band_energy(&self) -> f64 {
        self.orbitals
            .energies
            .iter()
            .zip(&self.occupations)
            .map(|(e, n)| e * n)
            .sum()
    }
}

/// The f-sum rule, evaluated two independent ways.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct SumRule {
    /// Σ f over all transitions.
    pub oscillator_strength_sum: f64,
    /// (2mₑ/3ħ²)·(−½ Σ ρ_lk H_kl |r_k − r_l|²): equal to the sum above to rounding.
    pub commutator_value: f64,
    /// Electrons in the model (the sum in a complete basis, not in tight binding).
    pub electrons: u32,
}

/// The single-particle excitations of one configuration.
#[derive(Clone, Debug)]
pub struct Excited {
    /// Every transition i → a (dipole ⟨i|r|a⟩), sorted by energy.
    pub transitions: Vec<Transition>,
    /// The same as lines (dipoles with the occupation factor).
    pub lines: Lines,
    pub sum_rule: SumRule,
}

/// Ground states of `clusters` (any sizes; the eigensolver batches
/// configurations of one order).
pub fn ground_states(
    clusters: &[Cluster],
    req: &TbRequest,
    engine: &Engine,
    progress: &dyn Progress,
) -> Result<Vec<GroundState>> {
    // Check the electron counts before the expensive stages.
    let valences: Vec<(u32, u32)> = clusters
        .iter()
        .map(|c| {
            let v = req.model.neutral_valence(c)?;
            Ok((v, electron_count(v, req.charge, req.ligands)?))
        })
        .collect::<Result<_>>()?;
    progress.stage(&format!(
        "building the {} Hamiltonian{}",
        req.model.params.name,
        plural(clusters.len())
    ));
    let built: Vec<(Array2<f64>, OrbitalLayout)> = clusters
        .iter()
        .map(|c| engine.hamiltonian(&req.model, c))
        .collect::<Result<_>>()?;
    let order = built.first().map_or(0, |b| b.1.len());
    progress.stage(&format!(
        "diagonalising {order}×{order}{}",
        plural(clusters.len())
    ));
    let orbitals = if built.iter().all(|b| b.1.len() == order) {
        let hs: Vec<Array2<f64>> = built.iter().map(|b| b.0.clone()).collect();
        engine.eigen_batch(&hs)?
    } else {
        built
            .iter()
            .map(|b| {
                engine
                    .eigen_batch(std::slice::from_ref(&b.0))
                    .map(|mut v| v.remove(0))
            })
            .collect::<Result<_>>()?
    };
    built
        .into_iter()
        .zip(orbitals)
        .zip(clusters.iter().zip(valences))
        .map(
            |(((hamiltonian, layout), orbitals), (cluster, (neutral_valence, electrons)))| {
                Ok(GroundState {
                    occupations: occupations(&orbitals.energies, electrons, req.filling)?,
                    orbital_positions: layout.orbital_positions(cluster),
                    hamiltonian,
                    layout,
                    orbitals,
                    electrons,
                    neutral_valence,
                })
            },
        )
        .collect()
}

fn plural(n: usize) -> String {
    if n > 1 {
        format!(" ({n} configurations)")
    } else {
        String::new()
    }
}

/// Single-particle transitions, lines and sum rules of `grounds`.
pub fn excite(
    grounds: &[GroundState],
    engine: &Engine,
    progress: &dyn Progress,
) -> Result<Vec<Excited>> {
    progress.stage("transition dipoles (3 GEMMs)");
    let items: Vec<_> = grounds
        .iter()
        .map(|g| (&g.orbitals, &g.occupations[..], &g.orbital_positions[..]))
        .collect();
    let lists = engine.transitions_batch(&items)?;
    progress.stage("checking the f-sum rule");
    Ok(grounds
        .iter()
        .zip(lists)
        .map(|(g, transitions)| {
            let sum_rule = SumRule {
                oscillator_strength_sum: transitions.iter().map(|t| t.oscillator_strength).sum(),
                commutator_value: OSC_PREFACTOR
                    * sum_rule::commutator_side(
                        &g.hamiltonian,
                        &g.orbitals,
                        &g.occupations,
                        &g.orbital_positions,
                    ),
                electrons: g.electrons,
            };
            Excited {
                lines: Lines::from_transitions(&transitions, &g.occupations),
                transitions,
                sum_rule,
            }
        })
        .collect())
}
