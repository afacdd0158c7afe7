//! Self-consistent charges (the second-order, DFTB2-style term): with the
//! Mulliken-like populations of an orthogonal basis,
//!   Δq_A = Σ_{μ∈A} ρ_μμ − q⁰_A   (electrons; q⁰ the neutral valence),
//! every orbital of atom A is shifted by Σ_C γ_AC Δq_C, and the ground
//! state is iterated (Anderson mixing of Δq) until the charges stop
//! changing. The energy is the band energy − ½ Δqᵀ γ Δq. With the same γ
//! as the collective response, the response kernel is the second
//! derivative of this energy.

use ndarray::Array2;
use serde::Serialize;

use super::OrbitalLayout;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::solve::eigen::{Orbitals, diagonalise_single};
use crate::solve::mixing::{Anderson, fermi_dos, preconditioner};
use crate::solve::occupation::{Filling, occupations};
use rayon::prelude::*;

/// How the charges are iterated.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SccOptions {
    /// Stop when max |Δq_out − Δq_in| is below this, electrons.
    pub tolerance: f64,
    pub max_iterations: usize,
    /// Linear mixing fraction of the Anderson mixer.
    pub mixing: f64,
    /// Lowest electronic temperature of the iterations, K: integer filling
    /// is iterated as Fermi–Dirac at this temperature, which lets open
    /// shells converge (at 300 K, k_BT = 26 meV: closed shells keep integer
    /// occupations to within e^{−gap/k_BT}); the converged orbitals are
    /// then filled as requested.
    pub min_temperature: f64,
    /// Residual (max |Δq_out − Δq_in|, electrons) above which an iteration
    /// diagonalises in single precision (twice as fast; its charges are
    /// good to about 10⁻⁶ e, far below such a residual). The iterations
    /// below it, and the returned orbitals, are in double precision;
    /// `f64::INFINITY` keeps every iteration in double. Only for
    /// Hamiltonians of order [`SINGLE_PRECISION_MIN_ORDER`] or more.
    pub single_precision_above: f64,
}

impl Default for SccOptions {
    /// 10⁻⁵ electrons, at most 200 iterations, mixing 0.7 (of the
    /// preconditioned residual, which is nearly a Newton step), at least
    /// 300 K, single precision above a residual of 10⁻³ e.
    fn default() -> Self {
        SccOptions {
            tolerance: 1e-5,
            max_iterations: 200,
            mixing: 0.7,
            min_temperature: 300.0,
            single_precision_above: 1e-3,
        }
    }
}

/// How the self-consistency went.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SccReport {
    pub iterations: usize,
    /// How many of them diagonalised in single precision.
    pub single_precision_iterations: usize,
    /// max |Δq_out − Δq_in| (electrons) at each iteration.
    pub residuals: Vec<f64>,
    /// −½ Δqᵀ γ Δq, eV: added to the band energy for the total energy.
    pub energy_correction: f64,
    /// The electronic temperature of the iterations, K.
    pub temperature: f64,
    /// max |Δq| between the iteration's occupations and the requested
    /// filling on the converged orbitals (the returned ones), electrons.
    pub final_change: f64,
}

/// Smallest Hamiltonian diagonalised in single precision while far from
/// self-consistency. Below it the eigensolver takes well under a second
/// and double precision costs nothing; it also keeps small open-shell
/// clusters, whose iterations are sensitive to any perturbation, on one
/// path (the CPU and GPU backends then converge alike).
pub const SINGLE_PRECISION_MIN_ORDER: usize = 1024;

/// Name of the charge self-consistency in [`Error::NoConvergence`].
pub const SCC_SOLVER: &str = "tight-binding self-consistent charges (Anderson mixing)";

/// Electron population of each atom: Σ_{μ∈A} Σᵢ nᵢ C_μi².
pub fn populations(orbitals: &Orbitals, occupations: &[f64], layout: &OrbitalLayout) -> Vec<f64> {
    let atoms = layout.atom_offset.len();
    let c = &orbitals.coefficients;
    let mut q = vec![0.0; atoms];
    for (mu, &a) in layout.orbital_atom.iter().enumerate() {
        q[a] += occupations
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0.0)
            .map(|(i, n)| n * c[[mu, i]] * c[[mu, i]])
            .sum::<f64>();
    }
    q
}

/// Atomic charges Δq_A = population − q⁰_A, electrons.
pub fn charges(
    orbitals: &Orbitals,
    occupations: &[f64],
    layout: &OrbitalLayout,
    reference: &[f64],
) -> Vec<f64> {
    populations(orbitals, occupations, layout)
        .iter()
        .zip(reference)
        .map(|(p, q0)| p - q0)
        .collect()
}

/// One configuration going into the self-consistency.
pub struct SccInput<'a> {
    /// The Hamiltonian without charge shifts (eV).
    pub h0: &'a Array2<f64>,
    pub layout: &'a OrbitalLayout,
    /// γ (eV) between its atoms.
    pub gamma: &'a Array2<f64>,
    /// Neutral valence population q⁰ of each atom.
    pub reference: &'a [f64],
    pub electrons: u32,
}

/// One converged configuration.
pub struct SccSolution {
    /// The Hamiltonian with the charge shifts, eV.
    pub hamiltonian: Array2<f64>,
    pub orbitals: Orbitals,
    pub occupations: Vec<f64>,
    /// Δq of each atom from the returned orbitals and occupations,
    /// electrons (Σ Δq is the net electron excess exactly; they differ
    /// from the charges that built the Hamiltonian by the tolerance plus
    /// [`SccReport::final_change`]).
    pub charges: Vec<f64>,
    pub report: SccReport,
}

/// The self-consistent Hamiltonian, its eigenpairs and occupations, the
/// charges Δq and the report, for every configuration (iterated together,
/// so that the eigensolver sees one batch per iteration).
pub fn self_consistent(
    inputs: &[SccInput],
    filling: Filling,
    options: &SccOptions,
    engine: &Engine,
) -> Result<Vec<SccSolution>> {
    let requested = filling;
    let filling = match filling {
        Filling::FermiDirac { temperature } if temperature >= options.min_temperature => filling,
        _ => Filling::FermiDirac {
            temperature: options.min_temperature,
        },
    };
    let shifted = |i: &SccInput, dq: &[f64]| -> Array2<f64> {
        let v = i.gamma.dot(&ndarray::ArrayView1::from(dq));
        let mut h = i.h0.clone();
        for (mu, &a) in i.layout.orbital_atom.iter().enumerate() {
            h[[mu, mu]] += v[a];
        }
        h
    };
    // Residual preconditioner (I + D γ)⁻¹, the metallic (Thomas–Fermi)
    // response of the charges with D states per eV per atom, set from the
    // first iteration's density of states at the Fermi level.
    let mut preconditioners: Vec<Option<Array2<f64>>> = vec![None; inputs.len()];
    let mut states: Vec<State> = inputs
        .iter()
        .map(|i| State {
            // Start from the net charge spread evenly, so that Σ Δq is right
            // from the first step; every step below keeps that sum.
            dq: vec![
                (i.electrons as f64 - i.reference.iter().sum::<f64>())
                    / i.reference.len().max(1) as f64;
                i.reference.len()
            ],
            mixer: Anderson::new(options.mixing, 6),
            residuals: Vec::new(),
            final_change: 0.0,
            single: 0,
            done: None,
        })
        .collect();
    for _ in 0..options.max_iterations {
        let open: Vec<usize> = (0..inputs.len())
            .filter(|&k| states[k].done.is_none())
            .collect();
        if open.is_empty() {
            break;
        }
        let hs: Vec<Array2<f64>> = open
            .iter()
            .map(|&k| shifted(&inputs[k], &states[k].dq))
            .collect();
        // Far from self-consistency, single-precision eigenpairs (twice as
        // fast) serve as well; near it, and always for the answer, double.
        let rough: Vec<bool> = open
            .iter()
            .map(|&k| {
                // No residual yet counts as an infinite one.
                let last = states[k].residuals.last().copied();
                inputs[k].h0.nrows() >= SINGLE_PRECISION_MIN_ORDER
                    && last.unwrap_or(f64::INFINITY) > options.single_precision_above
            })
            .collect();
        // Each configuration by its own residual (so that a batch gives
        // every configuration the answer it gets alone); the double-
        // precision ones as one batch.
        let (mut fine, mut single) = (Vec::new(), Vec::new());
        for (h, &r) in hs.into_iter().zip(&rough) {
            if r { single.push(h) } else { fine.push(h) }
        }
        let fine_orbitals = engine.eigen_batch(&fine)?;
        let single_orbitals = single
            .par_iter()
            .map(diagonalise_single)
            .collect::<Result<Vec<_>>>()?;
        let mut fine = fine.into_iter().zip(fine_orbitals);
        let mut single = single.into_iter().zip(single_orbitals);
        let solved: Vec<(Array2<f64>, Orbitals)> = rough
            .iter()
            .map(|&r| if r { single.next() } else { fine.next() })
            .collect::<Option<Vec<_>>>()
            .expect("one set of orbitals per configuration");
        for ((&k, (h, orbitals)), rough) in open.iter().zip(solved).zip(rough) {
            let input = &inputs[k];
            let state = &mut states[k];
            state.single += usize::from(rough);
            let occ = occupations(&orbitals.energies, input.electrons, filling)?;
            let out = charges(&orbitals, &occ, input.layout, input.reference);
            let residual: Vec<f64> = out.iter().zip(&state.dq).map(|(o, i)| o - i).collect();
            let worst = residual.iter().fold(0.0f64, |m, r| m.max(r.abs()));
            state.residuals.push(worst);
            if worst < options.tolerance && !rough {
                // The requested filling on the converged orbitals: it
                // differs from the iteration's only within k_BT of the
                // Fermi level (by e^{−gap/k_BT} for a closed shell).
                let occ = occupations(&orbitals.energies, input.electrons, requested)?;
                let last = charges(&orbitals, &occ, input.layout, input.reference);
                state.final_change = last
                    .iter()
                    .zip(&out)
                    .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
                state.done = Some(Converged {
                    hamiltonian: h,
                    orbitals,
                    occupations: occ,
                    charges: last,
                });
            } else {
                let p = preconditioners[k].get_or_insert_with(|| {
                    preconditioner(
                        input.gamma,
                        fermi_dos(&orbitals.energies, &occ, input.reference.len()),
                    )
                });
                let mut step = p.dot(&ndarray::ArrayView1::from(&residual[..])).to_vec();
                // The residual sums to zero (both charge sets hold the same
                // electrons); the preconditioner need not keep that.
                let mean = step.iter().sum::<f64>() / step.len().max(1) as f64;
                step.iter_mut().for_each(|s| *s -= mean);
                state.dq = state.mixer.next(&state.dq, &step);
            }
        }
    }
    inputs
        .iter()
        .zip(states)
        .map(|(input, state)| {
            let Some(Converged {
                hamiltonian: h,
                orbitals,
                occupations: occ,
                charges: dq,
            }) = state.done
            else {
                return Err(Error::NoConvergence {
                    solver: SCC_SOLVER,
                    iterations: options.max_iterations,
                    residual: state.residuals.last().copied().unwrap_or(f64::NAN),
                    tolerance: options.tolerance,
                });
            };
            let g_dq = input.gamma.dot(&ndarray::ArrayView1::from(&dq[..]));
            let energy_correction =
                -0.5 * dq.iter().zip(g_dq.iter()).map(|(a, b)| a * b).sum::<f64>();
            Ok(SccSolution {
                hamiltonian: h,
                orbitals,
                occupations: occ,
                charges: dq,
                report: SccReport {
                    iterations: state.residuals.len(),
                    single_precision_iterations: state.single,
                    residuals: state.residuals,
                    energy_correction,
                    temperature: match filling {
                        Filling::FermiDirac { temperature } => temperature,
                        Filling::Integer => 0.0,
                    },
                    final_change: state.final_change,
                },
            })
        })
        .collect()
}

struct Converged {
    hamiltonian: Array2<f64>,
    orbitals: Orbitals,
    occupations: Vec<f64>,
    charges: Vec<f64>,
}

struct State {
    dq: Vec<f64>,
    mixer: Anderson,
    residuals: Vec<f64>,
    final_change: f64,
    /// Iterations in single precision.
    single: usize,
    /// Hamiltonian, orbitals, occupations and output charges when converged.
    done: Option<Converged>,
}
