//! Which particle–hole pairs enter the collective response, and the
//! f-sum scale of their transition charges.
//!
//! **No double counting of the d response.** With polarisable d dipoles on
//! the atoms, a pair whose hole is mostly d (weight on the d orbitals
//! above ½) is left out of χ⁰: its response is the dipoles' (the spd
//! model's d → sp transitions are largely intra-atomic and carry almost no
//! transition charge anyway). Without dipoles every pair enters.
//!
//! **f-sum scale.** A tight-binding band with short-range hopping carries
//! less oscillator strength than the electrons it holds: the nearest-
//! neighbour s band of fcc Ag gives Σf = 0.41 per electron in bulk (0.33 –
//! 0.37 in Ag55 … Ag309), because the Fermi level sits in the flat top of
//! the cosine band, while the Thomas–Reiche–Kuhn sum rule of the conduction
//! electrons, which sets the plasma frequency and with it the surface
//! plasmon, is 1 per electron. The transition charges of the pairs in χ⁰
//! are therefore scaled by one factor per cluster so that they carry
//! Σf = N_c, the conduction electrons (valence − 10 for an atom with a d
//! shell in the model, minus the charge and the ligands): a sum-rule
//! restoring effective charge. Positions and shapes of the single-particle
//! lines are untouched; their strengths (and the reference spectrum) are
//! scaled alike, so switching the kernel off still gives back exactly the
//! reference.

use serde_json::json;

use crate::error::{Error, Result};
use crate::model::tight_binding::slater_koster::ORBITAL_L;
use crate::model::tight_binding::{Excited, GroundState, Shells, TbRequest, TightBinding};
use crate::response::Lines;
use crate::structure::Cluster;

/// Pairs whose occupation difference nᵢ − nₐ is below this carry less
/// than 10⁻⁶ of a line's strength and are left out of χ⁰ (they appear only
/// with fractional occupations, between levels near the Fermi level).
pub const MIN_WEIGHT: f64 = 1e-6;

/// The pairs of χ⁰ and their scale.
#[derive(Clone, Debug)]
pub struct PairSelection {
    /// Indices into the transition list (ascending, so sorted by energy).
    pub indices: Vec<usize>,
    /// Factor on |q|² (and f) of every selected pair.
    pub scale: f64,
    /// Conduction electrons N_c the scale restores.
    pub conduction_electrons: f64,
    /// Σf of the selected pairs before scaling.
    pub strength_sum: f64,
    /// Pairs left out because their hole is a d orbital (screening dipoles).
    pub d_holes_left_out: usize,
    /// Pairs left out because nᵢ − nₐ < [`MIN_WEIGHT`].
    pub negligible_left_out: usize,
}

impl PairSelection {
    /// The selected single-particle lines, scaled.
    pub fn lines(&self, excited: &Excited) -> Lines {
        let l = &excited.lines;
        let root = self.scale.sqrt();
        Lines {
            energy: self.indices.iter().map(|&p| l.energy[p]).collect(),
            oscillator_strength: self
                .indices
                .iter()
                .map(|&p| self.scale * l.oscillator_strength[p])
                .collect(),
            dipole: self
                .indices
                .iter()
                .map(|&p| l.dipole[p].map(|x| root * x))
                .collect(),
            rotatory_strength: Vec::new(),
            pairs: self.indices.iter().map(|&p| l.pairs[p]).collect(),
        }
    }

    /// The selection for the report.
    pub fn report(&self) -> serde_json::Value {
        json!({
            "pairs": self.indices.len(),
            "d_holes_left_out": self.d_holes_left_out,
            "negligible_left_out": self.negligible_left_out,
            "oscillator_strength_sum_unscaled": self.strength_sum,
            "conduction_electrons": self.conduction_electrons,
            "f_sum_scale": self.scale,
        })
    }
}

/// Conduction electrons of `cluster` in `model`: the valence of each atom
/// less 10 for an atom with a d shell, less the charge and the ligands.
pub fn conduction_electrons(
    model: &TightBinding,
    cluster: &Cluster,
    request: &TbRequest,
) -> Result<f64> {
    let mut n = 0.0;
    for a in &cluster.atoms {
        let p = model.params.element(a.element)?;
        let d = p.shells.unwrap_or(model.params.shells) == Shells::Spd;
        n += p.valence as f64 - if d { 10.0 } else { 0.0 };
    }
    Ok(n - request.charge as f64 - request.ligands as f64)
}

/// The pairs of χ⁰: all, or without d holes when dipoles screen; scaled to
/// the conduction electrons' f-sum when `scale` is set.
pub fn select_pairs(
    model: &TightBinding,
    cluster: &Cluster,
    ground: &GroundState,
    excited: &Excited,
    request: &TbRequest,
    dipoles: bool,
    scale: bool,
) -> Result<PairSelection> {
    let c = &ground.orbitals.coefficients;
    let d_orbitals: Vec<usize> = (0..ground.layout.len())
        .filter(|&mu| ORBITAL_L[ground.layout.orbital_kind[mu]] == 2)
        .collect();
    let d_weight = |i: usize| d_orbitals.iter().map(|&mu| c[[mu, i]].powi(2)).sum::<f64>();
    let t = &excited.transitions;
    let mut indices = Vec::with_capacity(t.len());
    let mut left_out = 0;
    let mut negligible = 0;
    let occ = &ground.occupations;
    let mut hole_is_d = vec![None; ground.orbitals.energies.len()];
    for (p, tr) in t.iter().enumerate() {
        let i = tr.from as usize;
        if occ[i] - occ[tr.to as usize] < MIN_WEIGHT {
            negligible += 1;
            continue;
        }
        let d = *hole_is_d[i]
            .get_or_insert_with(|| dipoles && !d_orbitals.is_empty() && d_weight(i) > 0.5);
        if d {
            left_out += 1;
        } else {
            indices.push(p);
        }
    }
    let strength_sum: f64 = indices.iter().map(|&p| t[p].oscillator_strength).sum();
    let conduction = conduction_electrons(model, cluster, request)?;
    let factor = if scale {
        if conduction <= 0.0 {
            return Err(Error::setting(
                "f_sum_scale",
                "on",
                format!(
                    "the scale restores the conduction electrons' f-sum, but there are none: \
                     N_c = valence s electrons − charge − ligands = {conduction} here; with a \
                     smaller charge or fewer ligands there are some, or switch the scale off"
                ),
            ));
        }
        if strength_sum <= 0.0 {
            let why = if indices.is_empty() {
                format!(
                    "no electron–hole pair is open ({} transitions; {left_out} with d holes and \
                     {negligible} with no occupation difference left out): at this charge and \
                     temperature the band is full or empty",
                    t.len()
                )
            } else {
                format!(
                    "the {} pairs left carry no oscillator strength (Σf = {:.3e})",
                    indices.len(),
                    strength_sum.abs()
                )
            };
            return Err(Error::setting(
                "f_sum_scale",
                "on",
                format!(
                    "the scale restores the conduction electrons' f-sum, but {why}; switch the \
                     scale off, use the single-particle response, or change the charge"
                ),
            ));
        }
        conduction / strength_sum
    } else {
        1.0
    };
    Ok(PairSelection {
        indices,
        scale: factor,
        conduction_electrons: conduction,
        strength_sum,
        d_holes_left_out: left_out,
        negligible_left_out: negligible,
    })
}
