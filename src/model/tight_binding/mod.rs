//! Orthogonal two-centre tight binding: the s-band (Hückel) model and the
//! spd Slater–Koster model, from one parameter-file format.

pub mod bulk;
pub mod coulomb;
pub mod ground;
pub mod hamiltonian;
pub mod params;
pub mod params_check;
pub mod params_read;
pub mod scc;
pub mod spectrum;

use std::path::Path;

pub use crate::solve::layout::OrbitalLayout;
pub use crate::solve::{cutoff, slater_koster};
pub use ground::{Excited, GroundState, SumRule, TbRequest, excite, ground_states};
pub use params::{ParameterSet, Shells};
pub use scc::{SccOptions, SccReport};
pub use spectrum::{Rotatory, SingleParticle, TightBindingSpectrum, single_particle};

use crate::error::Result;
use crate::structure::Cluster;

/// A tight-binding model: a validated parameter set.
#[derive(Clone, Debug)]
pub struct TightBinding {
    pub params: ParameterSet,
}

impl TightBinding {
    /// The shipped model "s" or "spd".
    pub fn builtin(model: &str) -> Result<Self> {
        Ok(TightBinding {
            params: ParameterSet::builtin(model)?,
        })
    }

    /// A model from a user's parameter file.
    pub fn from_file(path: &Path) -> Result<Self> {
        Ok(TightBinding {
            params: ParameterSet::from_file(path)?,
        })
    }

    /// The orbital layout of `cluster`; fails for an element without parameters.
    pub fn layout(&self, cluster: &Cluster) -> Result<OrbitalLayout> {
        let mut layout = OrbitalLayout {
            atom_offset: Vec::with_capacity(cluster.len()),
            atom_shells: Vec::with_capacity(cluster.len()),
            orbital_atom: Vec::new(),
            orbital_kind: Vec::new(),
        };
        for (i, atom) in cluster.atoms.iter().enumerate() {
            let shells = self
                .params
                .element(atom.element)?
                .shells
                .unwrap_or(self.params.shells);
            layout.atom_offset.push(layout.orbital_atom.len());
            layout.atom_shells.push(shells);
            for kind in 0..shells.orbital_count() {
                layout.orbital_atom.push(i);
                layout.orbital_kind.push(kind);
            }
        }
        Ok(layout)
    }

    /// Σ valence of the neutral cluster's atoms in this model.
    pub fn neutral_valence(&self, cluster: &Cluster) -> Result<u32> {
        cluster
            .atoms
            .iter()
            .map(|a| self.params.element(a.element).map(|e| e.valence))
            .sum()
    }
}
