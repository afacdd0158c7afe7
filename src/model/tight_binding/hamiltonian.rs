//! Dense Hamiltonian assembly on the CPU (the twin of shaders/hamiltonian.wgsl).

use ndarray::Array2;

use super::cutoff::scaled_integral;
use super::params::BondIntegrals;
use super::slater_koster::block;
use super::{OrbitalLayout, TightBinding};
use crate::error::Result;
use crate::structure::Cluster;
use crate::structure::neighbours::pairs_within;

impl TightBinding {
    /// Bond integrals (eV) of atoms `a`, `b` of `cluster` at distance `d` (Å),
    /// with distance scaling and the smooth cut-off applied.
    pub fn bond_integrals(
        &self,
        a: crate::structure::Element,
        b: crate::structure::Element,
        d: f64,
    ) -> Result<BondIntegrals> {
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

    /// The dense, symmetric Hamiltonian (eV) of `cluster` with its layout.
    pub fn hamiltonian(&self, cluster: &Cluster) -> Result<(Array2<f64>, OrbitalLayout)> {
        let layout = self.layout(cluster)?;
        let n = layout.len();
        let mut h = Array2::<f64>::zeros((n, n));
        for (i, atom) in cluster.atoms.iter().enumerate() {
            let p = self.params.element(atom.element)?;
            let onsite = [
                p.onsite_s,
                p.onsite_p.unwrap_or(0.0),
                p.onsite_d.unwrap_or(0.0),
            ];
            let o = layout.atom_offset[i];
            for k in 0..layout.atom_shells[i].orbital_count() {
                let l = super::slater_koster::ORBITAL_L[k] as usize;
                h[[o + k, o + k]] = onsite[l];
            }
        }
        let positions = cluster.positions();
        for pair in pairs_within(&positions, self.max_range()) {
            let (ai, aj) = (&cluster.atoms[pair.i], &cluster.atoms[pair.j]);
            let v = self.bond_integrals(ai.element, aj.element, pair.distance)?;
            if v.iter().all(|&x| x == 0.0) {
                continue;
            }
            let dir: [f64; 3] =
                std::array::from_fn(|k| (aj.position[k] - ai.position[k]) / pair.distance);
            let b = block(dir, &v);
            let (oi, oj) = (layout.atom_offset[pair.i], layout.atom_offset[pair.j]);
            let (ni, nj) = (
                layout.atom_shells[pair.i].orbital_count(),
                layout.atom_shells[pair.j].orbital_count(),
            );
            for a in 0..ni {
                for c in 0..nj {
                    h[[oi + a, oj + c]] = b[a][c];
                    h[[oj + c, oi + a]] = b[a][c];
                }
            }
        }
        Ok((h, layout))
    }
}
