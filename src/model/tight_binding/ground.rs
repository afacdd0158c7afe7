//! The batched tight-binding stages every command shares — a single
//! cluster is a batch of one: Hamiltonians → eigenpairs (one batched call,
//! repeated until the charges are self-consistent when asked) →
//! occupations → transitions (one batched call) → lines, with the exact
//! f-sum rule checked for each configuration.

use ndarray::Array2;
use serde::Serialize;

use super::coulomb::{hardness, klopman_ohno};
use super::scc::{SccInput, SccOptions, SccReport, SccSolution, charges, self_consistent};
use super::{OrbitalLayout, TightBinding};
use crate::engine::Engine;
use crate::error::{Error, Result};
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
    /// Self-consistent charges; `None` keeps the bare Hamiltonian.
    pub scc: Option<SccOptions>,
}

impl TbRequest {
    /// A neutral cluster in `model`, integer filling, no self-consistency.
    pub fn new(model: TightBinding) -> Self {
        TbRequest {
            model,
            charge: 0,
            ligands: 0,
            filling: Filling::Integer,
            scc: None,
        }
    }
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
    /// Δq of each atom: its electron population minus its neutral valence.
    pub charges: Vec<f64>,
    /// The charge self-consistency, when it ran.
    pub scc: Option<SccReport>,
}

impl GroundState {
    /// Total energy: Σ nᵢEᵢ − ½ Δqᵀ γ Δq with self-consistent charges, else
    /// the band energy; eV.
    pub fn energy(&self) -> f64 {
        self.band_energy() + self.scc.as_ref().map_or(0.0, |s| s.energy_correction)
    }

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

/// The largest relative difference between the two sides of the f-sum
/// rule that is accepted. They agree to ~10⁻¹² in double precision and to
/// ~10⁻⁶ with f32 dipoles from a GPU; beyond 10⁻³ the transitions are
/// not trustworthy (an atom far from the rest, overflowing coordinates).
pub const SUM_RULE_TOLERANCE: f64 = 1e-3;

impl SumRule {
    /// An error naming both numbers when they differ by more than
    /// [`SUM_RULE_TOLERANCE`] (or either is not finite).
    pub fn check(&self) -> Result<()> {
        let (a, b) = (self.oscillator_strength_sum, self.commutator_value);
        // Both sides vanish when no transition is open (a band full or
        // empty): not a failure of the rule, but nothing to absorb.
        let scale = f64::from(self.electrons.max(1));
        if a.abs() < 1e-9 * scale && b.abs() < 1e-9 * scale {
            return Err(Error::Invalid(format!(
                "no transition is open: with {} electrons every orbital of the model is either \
                 full or empty (Σf = 0), so it absorbs nothing; change the charge, or use a \
                 model with more orbitals (spd)",
                self.electrons
            )));
        }
        let mismatch = (a - b).abs() / b.abs().max(1e-12);
        if mismatch <= SUM_RULE_TOLERANCE {
            return Ok(());
        }
        Err(Error::Invalid(format!(
            "the f-sum rule fails: Σf = {a:.6e} over the transitions against {b:.6e} from the \
             commutator (relative mismatch {mismatch:.1e}, tolerance {SUM_RULE_TOLERANCE:.0e}); \
             the transitions cannot be trusted (atoms extremely far apart, or coordinates that \
             overflow?)"
        )))
    }
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
        .map(|c| {
            let tc = req.model.two_centre(c)?;
            Ok((engine.hamiltonian(&tc)?, tc.layout))
        })
        .collect::<Result<_>>()?;
    let order = built.first().map_or(0, |b| b.1.len());
    progress.stage(&format!(
        "diagonalising {order}×{order}{}{}",
        plural(clusters.len()),
        if req.scc.is_some() {
            " until the charges are self-consistent"
        } else {
            ""
        }
    ));
    // Reference populations q⁰: the valence of each atom, less the ligand
    // electrons spread evenly. The ligands' own (negative) charges are not
    // in the model; spreading their electrons over the reference treats
    // them as a compensating background, so that Δq holds only the
    // redistribution and the net charge, not a large unscreened positive
    // charge that would pull ligand-bound levels into the gap.
    let references: Vec<Vec<f64>> = clusters
        .iter()
        .map(|c| {
            let withdrawn = req.ligands as f64 / c.len().max(1) as f64;
            c.atoms
                .iter()
                .map(|a| Ok(req.model.params.element(a.element)?.valence as f64 - withdrawn))
                .collect::<Result<Vec<f64>>>()
        })
        .collect::<Result<_>>()?;
    let solved: Vec<(SccSolution, bool)> = match &req.scc {
        Some(options) => {
            let gammas: Vec<Array2<f64>> = clusters
                .iter()
                .map(|c| Ok(klopman_ohno(&c.positions(), &hardness(&req.model, c)?)))
                .collect::<Result<_>>()?;
            let inputs: Vec<SccInput> = built
                .iter()
                .zip(&gammas)
                .zip(&references)
                .zip(&valences)
                .map(
                    |((((h0, layout), gamma), reference), (_, electrons))| SccInput {
                        h0,
                        layout,
                        gamma,
                        reference,
                        electrons: *electrons,
                    },
                )
                .collect();
            self_consistent(&inputs, req.filling, options, engine)?
                .into_iter()
                .map(|s| (s, true))
                .collect()
        }
        None => {
            let orbitals = eigen_grouped(&built, engine)?;
            built
                .iter()
                .zip(orbitals)
                .zip(valences.iter().zip(&references))
                .map(|(((h, layout), o), ((_, electrons), reference))| {
                    let n = occupations(&o.energies, *electrons, req.filling)?;
                    let dq = charges(&o, &n, layout, reference);
                    let solution = SccSolution {
                        hamiltonian: h.clone(),
                        orbitals: o,
                        occupations: n,
                        charges: dq,
                        report: SccReport::default(),
                    };
                    Ok((solution, false))
                })
                .collect::<Result<_>>()?
        }
    };
    built
        .into_iter()
        .zip(solved)
        .zip(clusters.iter().zip(valences))
        .map(
            |(((_, layout), (s, scc)), (cluster, (neutral_valence, electrons)))| {
                Ok(GroundState {
                    orbital_positions: layout.orbital_positions(cluster),
                    hamiltonian: s.hamiltonian,
                    layout,
                    orbitals: s.orbitals,
                    occupations: s.occupations,
                    electrons,
                    neutral_valence,
                    charges: s.charges,
                    scc: scc.then_some(s.report),
                })
            },
        )
        .collect()
}

/// Eigenpairs of every Hamiltonian: one batch when all have one order.
fn eigen_grouped(built: &[(Array2<f64>, OrbitalLayout)], engine: &Engine) -> Result<Vec<Orbitals>> {
    let order = built.first().map_or(0, |b| b.1.len());
    if built.iter().all(|b| b.1.len() == order) {
        let hs: Vec<Array2<f64>> = built.iter().map(|b| b.0.clone()).collect();
        engine.eigen_batch(&hs)
    } else {
        built
            .iter()
            .map(|b| {
                engine
                    .eigen_batch(std::slice::from_ref(&b.0))
                    .map(|mut v| v.remove(0))
            })
            .collect()
    }
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
    grounds
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
            sum_rule.check()?;
            Ok(Excited {
                lines: Lines::from_transitions(&transitions, &g.occupations),
                transitions,
                sum_rule,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::SumRule;

    #[test]
    fn a_broken_sum_rule_is_an_error_naming_both_sides() {
        let rule = |a: f64, b: f64| SumRule {
            oscillator_strength_sum: a,
            commutator_value: b,
            electrons: 10,
        };
        assert!(rule(5.0, 5.0 + 1e-9).check().is_ok());
        assert!(rule(5.0, 5.0 * (1.0 + 5e-4)).check().is_ok());
        let e = rule(3.0, 5.0).check().unwrap_err().to_string();
        assert!(e.contains("3.000000e0") && e.contains("5.000000e0"), "{e}");
        assert!(rule(f64::NAN, 5.0).check().is_err());
        assert!(rule(5.0, f64::INFINITY).check().is_err());
    }
}
