//! Tight binding as a [`Model`]: one cluster through the batched stages
//! (a batch of one), giving its single-particle lines — with rotatory
//! strengths for CD or for the emitting states — and the model's report.

use serde_json::json;

use super::ground::{Excited, GroundState, TbRequest, excite, ground_states};
use crate::engine::Engine;
use crate::error::Result;
use crate::model::Model;
use crate::progress::Progress;
use crate::response::{
    Broadening, Calculation, Component, Lines, Quantity, Response, Role, System,
};
use crate::solve::rotatory::rotatory_of;
use crate::structure::Cluster;

/// Which lines get rotatory strengths.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rotatory {
    None,
    /// Every line (circular dichroism).
    All,
    /// The lines within `window_ev` of the lowest (the emitting states).
    Lowest {
        window_ev: f64,
    },
}

/// The convention behind every rotatory strength clusterspec writes.
pub const CD_CONVENTION: &str = "R = Im(mu_ia . m_ai), mu = -e r in the velocity gauge (r_ia = -<i|[H,r]|a>/dE), m = -(e/2m_e) L with p = (i m_e/hbar)[H,r]; origin independent; 1e-40 esu^2 cm^2; delta_epsilon = E[eV] sum R g(E) / 22.96";

/// The spectrum of one cluster in a tight-binding model.
pub struct TightBindingSpectrum<'a> {
    pub cluster: &'a Cluster,
    /// Where the structure came from (file name or builder), for the report.
    pub source: String,
    pub request: &'a TbRequest,
    pub rotatory: Rotatory,
}

impl TightBindingSpectrum<'_> {
    /// The ground state and single-particle excitations (no rotatory strengths).
    pub fn solve(
        &self,
        engine: &Engine,
        progress: &dyn Progress,
    ) -> Result<(GroundState, Excited)> {
        let mut grounds = ground_states(
            std::slice::from_ref(self.cluster),
            self.request,
            engine,
            progress,
        )?;
        let mut excited = excite(&grounds, engine, progress)?;
        Ok((grounds.remove(0), excited.remove(0)))
    }

    /// Rotatory strengths of `excited`'s lines as `self.rotatory` asks.
    pub fn rotatory_strengths(
        &self,
        ground: &GroundState,
        excited: &Excited,
        engine: &Engine,
        progress: &dyn Progress,
    ) -> Result<Vec<f64>> {
        let g = ground;
        match self.rotatory {
            Rotatory::None => Ok(Vec::new()),
            Rotatory::All => {
                progress.stage("rotatory strengths (magnetic-dipole transform)");
                engine.rotatory_strengths(
                    &g.orbitals,
                    &g.occupations,
                    &g.hamiltonian,
                    &g.orbital_positions,
                    &excited.transitions,
                )
            }
            Rotatory::Lowest { window_ev } => {
                let lowest = excited.lines.energy.first().copied().unwrap_or(0.0);
                let count = excited
                    .lines
                    .energy
                    .iter()
                    .take_while(|&&e| e - lowest <= window_ev)
                    .count();
                let indices: Vec<usize> = (0..count).collect();
                Ok(rotatory_of(
                    &g.orbitals,
                    &g.occupations,
                    &g.hamiltonian,
                    &g.orbital_positions,
                    &excited.transitions,
                    &indices,
                ))
            }
        }
    }

    /// The model's report: input, electrons, parameters, levels, sum rule.
    pub fn report(&self, ground: &GroundState, excited: &Excited) -> serde_json::Value {
        let r = self.request;
        let mut report = json!({
            "input": {
                "source": self.source,
                "formula": self.cluster.formula(),
                "atoms": self.cluster.len(),
                "comment": self.cluster.comment,
            },
            "electrons": {
                "neutral_valence": ground.neutral_valence,
                "ligands": r.ligands,
                "charge": r.charge,
                "electrons": ground.electrons,
            },
            "model": r.model.params,
            "filling": format!("{:?}", r.filling),
            "homo_lumo_gap_ev": ground.gap(),
            "sum_rule": excited.sum_rule,
            "orbital_energies_ev": ground.orbitals.energies,
            "occupations": ground.occupations,
        });
        if self.rotatory != Rotatory::None {
            report["rotatory_convention"] = json!(CD_CONVENTION);
        }
        report
    }

    /// The system for titles.
    pub fn system(&self) -> System {
        System {
            name: self.cluster.formula(),
            source: self.source.clone(),
            atoms: self.cluster.len(),
            charge: self.request.charge,
            ligands: self.request.ligands,
        }
    }
}

impl TightBindingSpectrum<'_> {
    /// The calculation from solved parts (what [`Model::compute`] returns).
    pub fn calculation(
        &self,
        ground: &GroundState,
        excited: Excited,
        rotatory: Vec<f64>,
    ) -> Calculation {
        let report = self.report(ground, &excited);
        let lines = Lines {
            rotatory_strength: rotatory,
            ..excited.lines
        };
        Calculation {
            system: self.system(),
            model: format!(
                "{} tight binding, single particle",
                self.request.model.params.name
            ),
            components: vec![Component {
                label: "single particle".into(),
                key: "single_particle".into(),
                role: Role::Main,
                response: Response::Lines(lines),
            }],
            markers: Vec::new(),
            quantity: Quantity::MolarAbsorptivity,
            levels: None,
            report,
            citations: Vec::new(),
        }
    }
}

impl Model for TightBindingSpectrum<'_> {
    fn compute(
        &self,
        engine: &Engine,
        _broadening: &Broadening,
        progress: &dyn Progress,
    ) -> Result<Calculation> {
        let (ground, excited) = self.solve(engine, progress)?;
        let rotatory = self.rotatory_strengths(&ground, &excited, engine, progress)?;
        Ok(self.calculation(&ground, excited, rotatory))
    }
}

/// Everything of one single-particle run, for library users and tests.
#[derive(Clone, Debug)]
pub struct SingleParticle {
    pub ground: GroundState,
    pub excited: Excited,
    /// Rotatory strengths of the lines (see [`Rotatory`]).
    pub rotatory: Vec<f64>,
    /// The spectrum on the broadening's grid (with Δε for [`Rotatory::All`]).
    pub spectrum: crate::response::Spectrum,
}

/// The single-particle spectrum of `cluster` in one call.
pub fn single_particle(
    cluster: &Cluster,
    request: &TbRequest,
    rotatory: Rotatory,
    broadening: &Broadening,
    engine: &Engine,
) -> Result<SingleParticle> {
    let model = TightBindingSpectrum {
        cluster,
        source: String::new(),
        request,
        rotatory,
    };
    let silent = crate::progress::Silent;
    let (ground, excited) = model.solve(engine, &silent)?;
    let rotatory = model.rotatory_strengths(&ground, &excited, engine, &silent)?;
    let lines = Lines {
        rotatory_strength: rotatory.clone(),
        ..excited.lines.clone()
    };
    let spectrum = crate::response::spectrum(&Response::Lines(lines), broadening, engine)?;
    Ok(SingleParticle {
        ground,
        excited,
        rotatory,
        spectrum,
    })
}
