//! The transition-space route: Casida's equation for tight binding,
//!   Ω_pq = Δ_p² δ_pq + 2 s_p K_pq s_q,  K = Qᵀ γ Q,  s_p = √(Δ_p w_p),
//! with Q the atoms × pairs transition charges (so the factors of the
//! shared solver are A = Q, B = γQ), giving discrete excitations ω_n, their
//! oscillator strengths f_n = (2mₑ/3ħ²) Σ_x (Σ_p F_pn s_p μ_p,x)², their
//! transition dipoles and their composition in single-particle pairs. K = 0
//! gives back the single-particle lines, and Σ_n f_n = Σ_p f_p for any K.

use ndarray::Array2;
use serde::Serialize;

use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::response::Lines;
use crate::solve::casida::{CouplingFactors, solve};
use crate::solve::transitions::Transition;
use crate::units::OSC_PREFACTOR;

/// The pairs that make up one excitation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Contribution {
    /// Orbitals (i, a) of the pair.
    pub from: u32,
    pub to: u32,
    /// Its weight F_pn² (Σ over pairs = 1).
    pub weight: f64,
}

/// Excitations of the coupled response in the transition space.
#[derive(Clone, Debug)]
pub struct CasidaLines {
    pub lines: Lines,
    /// The largest contributions to each line (weight ≥ 1 %, at most 5).
    pub composition: Vec<Vec<Contribution>>,
}

/// The pairs of `transitions` at or below `max_energy_ev`, the Casida
/// window; a window that keeps none is an error naming the lowest pair,
/// never an empty spectrum.
pub fn window(transitions: &[Transition], max_energy_ev: f64) -> Result<Vec<Transition>> {
    let kept: Vec<Transition> = transitions
        .iter()
        .copied()
        .filter(|t| t.energy <= max_energy_ev)
        .collect();
    if kept.is_empty() {
        let lowest = transitions
            .iter()
            .map(|t| t.energy)
            .fold(f64::INFINITY, f64::min);
        return Err(Error::setting(
            "casida_max_energy",
            max_energy_ev,
            if lowest.is_finite() {
                format!(
                    "keeps no electron–hole pair (the lowest lies at {lowest:.3} eV); the window \
                     must reach above the spectrum's range, e.g. to its upper end plus 2 eV"
                )
            } else {
                "there are no electron–hole pairs at all (no occupied or no empty orbital)".into()
            },
        ));
    }
    Ok(kept)
}

/// Solves Casida's equation for `pairs` (single-particle transitions with
/// their occupation differences `weights`), transition charges `q`
/// (atoms × pairs), the dipole operator of each pair `dipoles` (Å; Qᵀ V
/// with V the potential of a unit field) and kernel `gamma` (eV); `lambda`
/// scales the kernel (1 coupled, 0 independent particles).
pub fn casida_lines(
    pairs: &[Transition],
    weights: &[f64],
    q: &Array2<f64>,
    dipoles: &[[f64; 3]],
    gamma: &Array2<f64>,
    lambda: f64,
    engine: &Engine,
) -> Result<CasidaLines> {
    let (atoms, p) = (q.nrows(), pairs.len());
    let b = gamma.dot(q);
    let factors = CouplingFactors {
        points: atoms,
        pairs: p,
        a: q.iter().copied().collect(),
        b: b.iter().copied().collect(),
        delta: pairs.iter().map(|t| t.energy).collect(),
        scale: pairs
            .iter()
            .zip(weights)
            .map(|(t, w)| (t.energy * w).sqrt())
            .collect(),
    };
    let omega = engine.casida_matrix(&factors, lambda)?;
    let x = solve(&omega, "tight-binding RPA", 1e-9)?;
    let projections: Vec<Vec<f64>> = (0..3)
        .map(|d| {
            let v: Vec<f64> = dipoles
                .iter()
                .zip(&factors.scale)
                .map(|(mu, s)| s * mu[d])
                .collect();
            x.project(&v)
        })
        .collect();
    let mut lines = Lines::default();
    let mut composition = Vec::with_capacity(p);
    for (n, &w) in x.energies.iter().enumerate() {
        let sum: f64 = projections.iter().map(|v| v[n].powi(2)).sum();
        lines.energy.push(w);
        lines.oscillator_strength.push(OSC_PREFACTOR * sum);
        let norm = if w > 0.0 { 1.0 / w.sqrt() } else { 0.0 };
        lines
            .dipole
            .push(std::array::from_fn(|d| projections[d][n] * norm));
        let weights = x.composition(n);
        let mut order: Vec<usize> = (0..p).collect();
        order.sort_by(|&a, &b| weights[b].total_cmp(&weights[a]));
        composition.push(
            order
                .into_iter()
                .take(5)
                .filter(|&k| weights[k] >= 0.01)
                .map(|k| Contribution {
                    from: pairs[k].from,
                    to: pairs[k].to,
                    weight: weights[k],
                })
                .collect(),
        );
    }
    Ok(CasidaLines { lines, composition })
}
