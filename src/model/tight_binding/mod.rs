//! Orthogonal two-centre tight binding: the s-band (Hückel) model and the
//! spd Slater–Koster model, from one parameter-file format.

pub mod bulk;
pub mod coulomb;
pub mod cutoff;
pub mod ground;
pub mod hamiltonian;
pub mod memory;
pub mod params;
pub mod params_check;
pub mod scc;
pub mod slater_koster;
pub mod spectrum;

use std::path::Path;

pub use ground::{Excited, GroundState, SumRule, TbRequest, excite, ground_states};
pub use params::{ParameterSet, Shells};
pub use scc::{SccOptions, SccReport};
pub use spectrum::{Rotatory, SingleParticle, TightBindingSpectrum, single_particle};

use crate::error::Result;
use crate::structure::Cluster;

/// Where each atom's orbitals sit in the Hamiltonian.
#[derive(Clone, Debug, PartialEq)]
pub struct OrbitalLayout {
    /// First orbital index of each atom.
    pub atom_offset: Vec<usize>,
    /// Shells carried by each atom.
    pub atom_shells: Vec<Shells>,
    /// Atom carrying each orbital.
    pub orbital_atom: Vec<usize>,
    /// Kind of each orbital: index into `slater_koster::ORBITAL_NAMES`.
    pub orbital_kind: Vec<usize>,
}

impl OrbitalLayout {
    /// Total number of orbitals (the Hamiltonian's dimension).
    pub fn len(&self) -> usize {
        self.orbital_atom.len()
    }

    /// True when there are no orbitals.
    pub fn is_empty(&self) -> bool {
        self.orbital_atom.is_empty()
    }

    /// Position (Å) of the atom carrying each orbital: the diagonal of the
    /// position operator in this basis.
    pub fn orbital_positions(&self, cluster: &Cluster) -> Vec<[f64; 3]> {
        self.orbital_atom
            .iter()
            .map(|&a| cluster.atoms[a].position)
            .collect()
    }
}

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
