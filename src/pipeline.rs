//! The absorption calculation from a cluster to its spectrum, one stage per
//! call: Hamiltonian → eigenpairs → occupations → transitions → broadening.

use serde::Serialize;

use crate::engine::Engine;
use crate::error::Result;
use crate::model::electrons::electron_count;
use crate::model::tight_binding::TightBinding;
use crate::progress::Stage;
use crate::solve::eigen::{Orbitals, diagonalise};
use crate::solve::occupation::{Filling, frontier, occupations};
use crate::solve::sum_rule;
use crate::solve::transitions::Transition;
use crate::spectrum::emission::{Emission, EmissionModel, emission};
use crate::spectrum::{AbsorptionSpectrum, EnergyGrid, LineShape, absorption_spectrum};
use crate::structure::Cluster;
use crate::units::OSC_PREFACTOR;

/// What to compute besides the structure.
#[derive(Clone, Debug)]
pub struct AbsorptionRequest {
    pub model: TightBinding,
    /// Net charge in units of e (−1 for an anion).
    pub charge: i32,
    /// One-electron-withdrawing ligands (thiolates, halides).
    pub ligands: u32,
    pub filling: Filling,
    pub grid: EnergyGrid,
    pub line_shape: LineShape,
    /// Full width at half maximum, eV.
    pub fwhm: f64,
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

/// Everything an absorption run produces.
#[derive(Clone, Debug)]
pub struct AbsorptionResult {
    /// The Hamiltonian (eV), kept for the operators built from it (CD).
    pub hamiltonian: ndarray::Array2<f64>,
    /// Position (Å) of the atom carrying each basis orbital.
    pub orbital_positions: Vec<[f64; 3]>,
    pub electrons: u32,
    pub neutral_valence: u32,
    pub orbitals: Orbitals,
    pub occupations: Vec<f64>,
    /// HOMO–LUMO gap, eV (0 for a partly filled shell).
    pub gap: Option<f64>,
    pub transitions: Vec<Transition>,
    pub spectrum: AbsorptionSpectrum,
    pub sum_rule: SumRule,
}

/// Runs the whole absorption calculation for `cluster`.
pub fn absorption(
    cluster: &Cluster,
    req: &AbsorptionRequest,
    engine: &Engine,
) -> Result<AbsorptionResult> {
    // Check the electron count before the expensive stages.
    electron_count(req.model.neutral_valence(cluster)?, req.charge, req.ligands)?;
    let (h, layout) = {
        let _s = Stage::start(format!(
            "building the {} Hamiltonian",
            req.model.params.name
        ));
        engine.hamiltonian(&req.model, cluster)?
    };
    let orbitals = {
        let _s = Stage::start(format!("diagonalising {0}×{0}", layout.len()));
        diagonalise(&h)?
    };
    finish_absorption(cluster, req, engine, h, &layout, orbitals)
}

/// The stages after the eigendecomposition: occupations, transitions,
/// broadening and the sum-rule check, for eigenpairs of `h` computed
/// elsewhere (one by one, or in a batch).
pub fn finish_absorption(
    cluster: &Cluster,
    req: &AbsorptionRequest,
    engine: &Engine,
    h: ndarray::Array2<f64>,
    layout: &crate::model::tight_binding::OrbitalLayout,
    orbitals: Orbitals,
) -> Result<AbsorptionResult> {
    let prepared = prepare(cluster, req, layout, &orbitals)?;
    let transitions = {
        let _s = Stage::start("transition dipoles (3 GEMMs)");
        engine.transitions(&orbitals, &prepared.occupations, &prepared.positions)?
    };
    let density = {
        let _s = Stage::start(format!("broadening {} transitions", transitions.len()));
        let energies: Vec<f64> = transitions.iter().map(|t| t.energy).collect();
        let weights: Vec<f64> = transitions.iter().map(|t| t.oscillator_strength).collect();
        engine.broaden(&energies, &weights, &req.grid, req.line_shape, req.fwhm)?
    };
    Ok(assemble(req, h, orbitals, prepared, transitions, density))
}

/// Electron count, occupations and orbital positions of one configuration.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub neutral_valence: u32,
    pub electrons: u32,
    pub occupations: Vec<f64>,
    /// Position (Å) of the atom carrying each basis orbital.
    pub positions: Vec<[f64; 3]>,
}

/// Occupations and positions for eigenpairs of `cluster`'s Hamiltonian.
pub fn prepare(
    cluster: &Cluster,
    req: &AbsorptionRequest,
    layout: &crate::model::tight_binding::OrbitalLayout,
    orbitals: &Orbitals,
) -> Result<Prepared> {
    let neutral_valence = req.model.neutral_valence(cluster)?;
    let electrons = electron_count(neutral_valence, req.charge, req.ligands)?;
    Ok(Prepared {
        neutral_valence,
        electrons,
        occupations: occupations(&orbitals.energies, electrons, req.filling)?,
        positions: layout
            .orbital_atom
            .iter()
            .map(|&a| cluster.atoms[a].position)
            .collect(),
    })
}

/// The result from its parts: adds the sum-rule check and the gap.
pub fn assemble(
    req: &AbsorptionRequest,
    h: ndarray::Array2<f64>,
    orbitals: Orbitals,
    p: Prepared,
    transitions: Vec<Transition>,
    density: Vec<f64>,
) -> AbsorptionResult {
    let sum_rule = {
        let _s = Stage::start("checking the f-sum rule");
        SumRule {
            oscillator_strength_sum: transitions.iter().map(|t| t.oscillator_strength).sum(),
            commutator_value: OSC_PREFACTOR
                * sum_rule::commutator_side(&h, &orbitals, &p.occupations, &p.positions),
            electrons: p.electrons,
        }
    };
    let gap = match frontier(&p.occupations) {
        (Some(homo), Some(lumo)) if lumo > homo => {
            Some(orbitals.energies[lumo] - orbitals.energies[homo])
        }
        (Some(_), Some(_)) => Some(0.0),
        _ => None,
    };
    AbsorptionResult {
        hamiltonian: h,
        orbital_positions: p.positions,
        electrons: p.electrons,
        neutral_valence: p.neutral_valence,
        spectrum: absorption_spectrum(req.grid, req.line_shape, req.fwhm, density),
        orbitals,
        occupations: p.occupations,
        gap,
        transitions,
        sum_rule,
    }
}

/// A circular-dichroism run: the absorption run plus a rotatory strength
/// per transition and the CD spectrum.
#[derive(Clone, Debug)]
pub struct CdResult {
    pub absorption: AbsorptionResult,
    /// Rotatory strength of each transition (same order), 10⁻⁴⁰ esu² cm².
    pub rotatory: Vec<f64>,
    /// Δε(E) = E·Σ R g(E)/22.96, M⁻¹ cm⁻¹, on the request's grid.
    pub delta_epsilon: Vec<f64>,
    /// g_abs = Δε/ε where ε exceeds 10⁻³ of its maximum, else NaN.
    pub dissymmetry: Vec<f64>,
}

/// Absorption and circular dichroism of `cluster`.
pub fn circular_dichroism(
    cluster: &Cluster,
    req: &AbsorptionRequest,
    engine: &Engine,
) -> Result<CdResult> {
    let absorption = absorption(cluster, req, engine)?;
    let rotatory = {
        let _s = Stage::start("rotatory strengths (magnetic-dipole transform)");
        engine.rotatory_strengths(
            &absorption.orbitals,
            &absorption.occupations,
            &absorption.hamiltonian,
            &absorption.orbital_positions,
            &absorption.transitions,
        )?
    };
    let energies: Vec<f64> = absorption.transitions.iter().map(|t| t.energy).collect();
    let broadened = engine.broaden(&energies, &rotatory, &req.grid, req.line_shape, req.fwhm)?;
    let delta_epsilon: Vec<f64> = req
        .grid
        .energies()
        .iter()
        .zip(&broadened)
        .map(|(e, r)| e * r / crate::units::CD_DIVISOR)
        .collect();
    let eps = &absorption.spectrum.epsilon;
    let eps_max = eps.iter().copied().fold(0.0, f64::max);
    let dissymmetry = delta_epsilon
        .iter()
        .zip(eps)
        .map(|(d, e)| if *e > 1e-3 * eps_max { d / e } else { f64::NAN })
        .collect();
    Ok(CdResult {
        absorption,
        rotatory,
        delta_epsilon,
        dissymmetry,
    })
}

/// Emission of an absorption run on `grid`, with g_lum from the rotatory
/// strengths of the emitting states (computed for those states only).
pub fn emission_of(
    abs: &AbsorptionResult,
    grid: &EnergyGrid,
    model: EmissionModel,
) -> Result<Emission> {
    let probe = emission(&abs.transitions, &abs.occupations, None, grid, model)?;
    let emitting: Vec<usize> = probe.states.iter().map(|s| s.transition).collect();
    let some = crate::solve::rotatory::rotatory_of(
        &abs.orbitals,
        &abs.occupations,
        &abs.hamiltonian,
        &abs.orbital_positions,
        &abs.transitions,
        &emitting,
    );
    let mut rotatory = vec![0.0; abs.transitions.len()];
    for (&n, r) in emitting.iter().zip(some) {
        rotatory[n] = r;
    }
    emission(
        &abs.transitions,
        &abs.occupations,
        Some(&rotatory),
        grid,
        model,
    )
}
