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
    let neutral_valence = req.model.neutral_valence(cluster)?;
    let electrons = electron_count(neutral_valence, req.charge, req.ligands)?;
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
    let occ = occupations(&orbitals.energies, electrons, req.filling)?;
    let positions: Vec<[f64; 3]> = layout
        .orbital_atom
        .iter()
        .map(|&a| cluster.atoms[a].position)
        .collect();
    let transitions = {
        let _s = Stage::start("transition dipoles (3 GEMMs)");
        engine.transitions(&orbitals, &occ, &positions)?
    };
    let density = {
        let _s = Stage::start(format!("broadening {} transitions", transitions.len()));
        let energies: Vec<f64> = transitions.iter().map(|t| t.energy).collect();
        let weights: Vec<f64> = transitions.iter().map(|t| t.oscillator_strength).collect();
        engine.broaden(&energies, &weights, &req.grid, req.line_shape, req.fwhm)?
    };
    let sum_rule = {
        let _s = Stage::start("checking the f-sum rule");
        SumRule {
            oscillator_strength_sum: transitions.iter().map(|t| t.oscillator_strength).sum(),
            commutator_value: OSC_PREFACTOR
                * sum_rule::commutator_side(&h, &orbitals, &occ, &positions),
            electrons,
        }
    };
    let gap = match frontier(&occ) {
        (Some(homo), Some(lumo)) if lumo > homo => {
            Some(orbitals.energies[lumo] - orbitals.energies[homo])
        }
        (Some(_), Some(_)) => Some(0.0),
        _ => None,
    };
    Ok(AbsorptionResult {
        electrons,
        neutral_valence,
        spectrum: absorption_spectrum(req.grid, req.line_shape, req.fwhm, density),
        orbitals,
        occupations: occ,
        gap,
        transitions,
        sum_rule,
    })
}
