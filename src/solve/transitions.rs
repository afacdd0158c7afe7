//! Single-particle transitions: dipoles as three GEMMs, μ = C_occᵀ X C_virt,
//! and oscillator strengths f = (2mₑ/3ħ²) ΔE |μ|² (nᵢ − nₐ)
//! (docs/physics.md, "Single-particle transitions").

use faer::Mat;
use rayon::prelude::*;
use serde::Serialize;

use super::eigen::Orbitals;
use crate::structure::centred;
use crate::units::OSC_PREFACTOR;

/// Occupations closer than this to 0 or 2 count as empty or full.
const OCCUPATION_EPS: f64 = 1e-10;

/// One dipole transition from orbital `from` (i) to orbital `to` (a).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Transition {
    /// Index of the (partly) occupied orbital i.
    pub from: u32,
    /// Index of the (partly) empty orbital a.
    pub to: u32,
    /// Excitation energy Eₐ − Eᵢ, eV.
    pub energy: f64,
    /// Transition dipole ⟨i|r|a⟩, Å.
    pub dipole: [f64; 3],
    /// Oscillator strength (dimensionless; Σ f = N_electrons in a complete basis).
    pub oscillator_strength: f64,
}

/// Orbitals that can give (`occupied`) and take (`empty`) an electron.
pub fn donors_and_acceptors(occupations: &[f64]) -> (Vec<usize>, Vec<usize>) {
    let occupied = (0..occupations.len())
        .filter(|&i| occupations[i] > OCCUPATION_EPS)
        .collect();
    let empty = (0..occupations.len())
        .filter(|&a| occupations[a] < 2.0 - OCCUPATION_EPS)
        .collect();
    (occupied, empty)
}

/// Dipole matrices D_c = C_occᵀ diag(x_c) C_virt for c = x, y, z (Å), with
/// `orbital_positions[k]` the position (Å) of basis orbital k.
pub fn dipole_matrices(
    orbitals: &Orbitals,
    occupied: &[usize],
    empty: &[usize],
    orbital_positions: &[[f64; 3]],
) -> [Mat<f64>; 3] {
    let c = &orbitals.coefficients;
    let n = c.nrows();
    let c_virt = Mat::<f64>::from_fn(n, empty.len(), |k, a| c[[k, empty[a]]]);
    std::array::from_fn(|dir| {
        let xc_occ = Mat::<f64>::from_fn(n, occupied.len(), |k, i| {
            orbital_positions[k][dir] * c[[k, occupied[i]]]
        });
        xc_occ.transpose() * &c_virt
    })
}

/// Every transition i → a with Eₐ > Eᵢ and nᵢ > nₐ, sorted by energy.
///
/// Positions are taken relative to their centroid, which changes no dipole
/// (⟨i|a⟩ = 0) but keeps rounding small for clusters far from the origin.
pub fn transitions(
    orbitals: &Orbitals,
    occupations: &[f64],
    orbital_positions: &[[f64; 3]],
) -> Vec<Transition> {
    let centred = centred(orbital_positions);
    let (occupied, empty) = donors_and_acceptors(occupations);
    let d = dipole_matrices(orbitals, &occupied, &empty, &centred);
    let e = &orbitals.energies;
    let mut out: Vec<Transition> = occupied
        .par_iter()
        .enumerate()
        .flat_map_iter(|(ii, &i)| {
            let d = &d;
            empty.iter().enumerate().filter_map(move |(aa, &a)| {
                let de = e[a] - e[i];
                let dn = occupations[i] - occupations[a];
                if de <= 0.0 || dn <= OCCUPATION_EPS {
                    return None;
                }
                let mu = [d[0][(ii, aa)], d[1][(ii, aa)], d[2][(ii, aa)]];
                Some(Transition {
                    from: i as u32,
                    to: a as u32,
                    energy: de,
                    dipole: mu,
                    oscillator_strength: oscillator_strength(de, mu, dn),
                })
            })
        })
        .collect();
    sort_by_energy(&mut out);
    out
}

/// f = (2mₑ/3ħ²) ΔE |μ|² Δn for ΔE in eV and μ in Å.
pub fn oscillator_strength(de: f64, mu: [f64; 3], dn: f64) -> f64 {
    OSC_PREFACTOR * de * (mu[0] * mu[0] + mu[1] * mu[1] + mu[2] * mu[2]) * dn
}

/// Sorts by energy, ties by (from, to), so the order is reproducible.
pub fn sort_by_energy(list: &mut [Transition]) {
    list.par_sort_unstable_by(|x, y| {
        x.energy
            .total_cmp(&y.energy)
            .then((x.from, x.to).cmp(&(y.from, y.to)))
    });
}
