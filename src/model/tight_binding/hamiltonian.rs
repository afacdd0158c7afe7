//! From a parameter set and a cluster to the plain two-centre data the
//! Hamiltonian kernel takes (`solve::two_centre`), and the Hamiltonian
//! itself on the CPU.

use ndarray::Array2;

use super::params::BondIntegrals;
use super::{OrbitalLayout, TightBinding};
use crate::error::Result;
use crate::solve::cutoff::scaled_integral;
use crate::solve::two_centre::{self, Kind, PairRow, TwoCentre};
use crate::structure::neighbours::pairs_within;
use crate::structure::{Cluster, Element};

impl TightBinding {
    /// Bond integrals (eV) of atoms `a`, `b` of `cluster` at distance `d` (Å),
    /// with distance scaling and the smooth cut-off applied.
    pub fn bond_integrals(&self, a: Element, b: Element, d: f64) -> Result<BondIntegrals> {
        let pair = self.params.pair(a, b)?;
        let v0 = pair.integrals();
        let n = self.params.scaling.exponents();
        let (inner, outer) = (self.params.cutoff.inner, self.params.cutoff.outer);
        Ok(std::array::from_fn(|k| {
            scaled_integral(v0[k], n[k], d, pair.r0, inner, outer)
        }))
    }

    /// The largest distance (Å) at which any pair of the set still couples.
    pub fn max_range(&self) -> f64 {
        self.params
            .pairs
            .iter()
            .map(|p| p.r0 * self.params.cutoff.outer)
            .fold(0.0, f64::max)
    }

    /// The plain data of `cluster`'s Hamiltonian. Fails for an element
    /// without parameters, and for two atoms within range whose pair has
    /// none.
    pub fn two_centre(&self, cluster: &Cluster) -> Result<TwoCentre> {
        let layout = self.layout(cluster)?;
        let mut elements: Vec<Element> = Vec::new();
        for a in &cluster.atoms {
            if !elements.contains(&a.element) {
                elements.push(a.element);
            }
        }
        let kinds = elements
            .iter()
            .map(|&el| {
                let p = self.params.element(el)?;
                Ok(Kind {
                    onsite: [
                        p.onsite_s,
                        p.onsite_p.unwrap_or(0.0),
                        p.onsite_d.unwrap_or(0.0),
                    ],
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let pairs = elements
            .iter()
            .flat_map(|&a| elements.iter().map(move |&b| (a, b)))
            .map(|(a, b)| {
                self.params.pair(a, b).ok().map(|p| PairRow {
                    r0: p.r0,
                    integrals: p.integrals(),
                })
            })
            .collect();
        let positions = cluster.positions();
        let range = self.max_range();
        for pair in pairs_within(&positions, range) {
            self.params
                .pair(cluster.atoms[pair.i].element, cluster.atoms[pair.j].element)?;
        }
        Ok(TwoCentre {
            kinds,
            pairs,
            exponents: self.params.scaling.exponents(),
            cutoff_inner: self.params.cutoff.inner,
            cutoff_outer: self.params.cutoff.outer,
            range,
            atom_kind: cluster
                .atoms
                .iter()
                .map(|a| elements.iter().position(|&e| e == a.element).unwrap_or(0) as u32)
                .collect(),
            positions,
            layout,
        })
    }

    /// The dense, symmetric Hamiltonian (eV) of `cluster` with its layout,
    /// on the CPU.
    pub fn hamiltonian(&self, cluster: &Cluster) -> Result<(Array2<f64>, OrbitalLayout)> {
        let tc = self.two_centre(cluster)?;
        Ok((two_centre::hamiltonian(&tc), tc.layout))
    }
}
