//! Which basis orbitals belong to which atom: plain data shared by the
//! models that build Hamiltonians, the GPU kernels and the response.

use serde::{Deserialize, Serialize};

use crate::structure::Cluster;

/// Angular-momentum shells an element carries in a model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Shells {
    S,
    Sp,
    Spd,
}

impl Shells {
    /// Number of orbitals: 1, 4 or 9.
    pub fn orbital_count(self) -> usize {
        match self {
            Shells::S => 1,
            Shells::Sp => 4,
            Shells::Spd => 9,
        }
    }
}

/// Where each atom's orbitals sit in the Hamiltonian.
#[derive(Clone, Debug, PartialEq)]
pub struct OrbitalLayout {
    /// First orbital index of each atom.
    pub atom_offset: Vec<usize>,
    /// Shells carried by each atom.
    pub atom_shells: Vec<Shells>,
    /// Atom carrying each orbital.
    pub orbital_atom: Vec<usize>,
    /// Kind of each orbital: 0 s, 1–3 p (x, y, z), 4–8 d (xy, yz, zx,
    /// x²−y², 3z²−r²), the order of the Slater–Koster blocks.
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
