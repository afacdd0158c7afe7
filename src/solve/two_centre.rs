//! The orthogonal two-centre (Slater–Koster) Hamiltonian as plain data:
//! what shaders/hamiltonian.wgsl and its CPU twin [`hamiltonian`] need,
//! with no knowledge of the parameter files it came from.
//!
//! Every hopping follows V(d) = V(r₀) (r₀/d)ⁿ · f_cut(d), with n per bond
//! type and f_cut the smooth taper of [`super::cutoff`] between inner·r₀
//! and outer·r₀ of the pair.

use ndarray::Array2;

use super::cutoff::scaled_integral;
use super::layout::OrbitalLayout;
use super::slater_koster::{BondIntegrals, ORBITAL_L, block};
use crate::structure::neighbours::pairs_within;

/// One kind of atom (an element of the model).
#[derive(Clone, Debug, PartialEq)]
pub struct Kind {
    /// On-site energies of the s, p and d orbitals, eV (unused shells 0).
    pub onsite: [f64; 3],
}

/// The two-centre integrals of one pair of kinds at the reference distance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PairRow {
    /// Reference distance r₀, Å.
    pub r0: f64,
    /// The ten bond integrals at r₀, eV (order of `slater_koster::bond`).
    pub integrals: BondIntegrals,
}

/// Everything the Hamiltonian of one cluster needs, as plain numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct TwoCentre {
    /// The kinds of atom present, in order of first appearance.
    pub kinds: Vec<Kind>,
    /// Pair rows, `kinds.len()²` of them row-major (both orders filled);
    /// `None` where the set has no parameters for the pair (allowed only
    /// when no two such atoms are within range: checked by the model).
    pub pairs: Vec<Option<PairRow>>,
    /// Distance exponents n, one per bond integral.
    pub exponents: [f64; 10],
    /// The smooth cut-off window, in units of each pair's r₀.
    pub cutoff_inner: f64,
    pub cutoff_outer: f64,
    /// The largest distance (Å) at which any pair of the set couples.
    pub range: f64,
    /// Positions of the atoms, Å.
    pub positions: Vec<[f64; 3]>,
    /// Kind (index into `kinds`) of each atom.
    pub atom_kind: Vec<u32>,
    /// The orbitals of each atom.
    pub layout: OrbitalLayout,
}

impl TwoCentre {
    /// The pair row of atoms of kinds `a` and `b`.
    pub fn pair(&self, a: u32, b: u32) -> Option<&PairRow> {
        self.pairs[a as usize * self.kinds.len() + b as usize].as_ref()
    }

    /// Bond integrals (eV) of kinds `a`, `b` at distance `d` (Å), scaled and
    /// tapered; zeros for a pair without parameters.
    pub fn bond_integrals(&self, a: u32, b: u32, d: f64) -> BondIntegrals {
        let Some(pair) = self.pair(a, b) else {
            return [0.0; 10];
        };
        let (v0, n) = (pair.integrals, self.exponents);
        let (inner, outer) = (self.cutoff_inner, self.cutoff_outer);
        std::array::from_fn(|k| scaled_integral(v0[k], n[k], d, pair.r0, inner, outer))
    }
}

/// The dense, symmetric Hamiltonian (eV): the CPU twin of
/// shaders/hamiltonian.wgsl, in f64.
pub fn hamiltonian(tc: &TwoCentre) -> Array2<f64> {
    let layout = &tc.layout;
    let n = layout.len();
    let mut h = Array2::<f64>::zeros((n, n));
    for (i, &kind) in tc.atom_kind.iter().enumerate() {
        let onsite = tc.kinds[kind as usize].onsite;
        let o = layout.atom_offset[i];
        for k in 0..layout.atom_shells[i].orbital_count() {
            h[[o + k, o + k]] = onsite[ORBITAL_L[k] as usize];
        }
    }
    for pair in pairs_within(&tc.positions, tc.range) {
        let (pi, pj) = (tc.positions[pair.i], tc.positions[pair.j]);
        let v = tc.bond_integrals(tc.atom_kind[pair.i], tc.atom_kind[pair.j], pair.distance);
        if v.iter().all(|&x| x == 0.0) {
            continue;
        }
        let dir: [f64; 3] = std::array::from_fn(|k| (pj[k] - pi[k]) / pair.distance);
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
    h
}
