//! Orbital occupations: integer filling with a degenerate frontier shell
//! shared equally, or Fermi–Dirac at an electronic temperature.

use crate::error::{Error, Result};
use crate::units::KB_EV_PER_K;

/// Levels closer than this (eV) count as one degenerate shell.
pub const DEGENERACY_TOLERANCE: f64 = 1e-6;

/// The highest electronic temperature accepted, K.
pub const MAX_TEMPERATURE_K: f64 = 20_000.0;

/// How electrons fill the orbitals.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub enum Filling {
    /// Aufbau filling, two electrons per orbital; a partly filled degenerate
    /// shell shares its electrons equally.
    Integer,
    /// Fermi–Dirac at this electronic temperature (K), chemical potential
    /// set by the electron count.
    FermiDirac { temperature: f64 },
}

/// Spin-summed occupations nᵢ ∈ [0, 2] of levels `energies` (ascending, eV)
/// holding `electrons` electrons.
pub fn occupations(energies: &[f64], electrons: u32, filling: Filling) -> Result<Vec<f64>> {
    let capacity = 2 * energies.len();
    if electrons as usize > capacity {
        return Err(Error::invalid(format!(
            "{electrons} electrons do not fit in {} orbitals (at most {capacity})",
            energies.len()
        )));
    }
    match filling {
        Filling::Integer => Ok(integer_filling(energies, electrons as f64)),
        Filling::FermiDirac { temperature: 0.0 } => Ok(integer_filling(energies, electrons as f64)),
        Filling::FermiDirac { temperature } => {
            if !(temperature.is_finite() && (0.0..=MAX_TEMPERATURE_K).contains(&temperature)) {
                return Err(Error::setting(
                    "temperature",
                    temperature,
                    format!(
                        "the electronic temperature must lie in 0 … {MAX_TEMPERATURE_K} K (a \
                         metal cluster evaporates long before; far above, every level is \
                         half filled and nothing absorbs)"
                    ),
                ));
            }
            Ok(fermi_dirac(
                energies,
                electrons as f64,
                KB_EV_PER_K * temperature,
            ))
        }
    }
}

fn integer_filling(energies: &[f64], electrons: f64) -> Vec<f64> {
    let mut occ = vec![0.0; energies.len()];
    let mut left = electrons;
    let mut start = 0;
    while start < energies.len() && left > 0.0 {
        let mut end = start + 1;
        while end < energies.len() && energies[end] - energies[start] < DEGENERACY_TOLERANCE {
            end += 1;
        }
        let g = (end - start) as f64;
        let each = if left >= 2.0 * g { 2.0 } else { left / g };
        for o in &mut occ[start..end] {
            *o = each;
        }
        left -= each * g;
        start = end;
    }
    occ
}

fn fermi_dirac(energies: &[f64], electrons: f64, kt: f64) -> Vec<f64> {
    let fill = |mu: f64| -> Vec<f64> {
        energies
            .iter()
            .map(|&e| 2.0 / (1.0 + ((e - mu) / kt).exp()))
            .collect()
    };
    let lo_e = energies.first().copied().unwrap_or(0.0);
    let hi_e = energies.last().copied().unwrap_or(0.0);
    let (mut lo, mut hi) = (lo_e - 50.0 * kt - 1.0, hi_e + 50.0 * kt + 1.0);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if fill(mid).iter().sum::<f64>() < electrons {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    fill(0.5 * (lo + hi))
}

/// Index of the highest orbital with occupation above 1e-6 (HOMO) and of
/// the lowest with occupation below 2 − 1e-6 (LUMO).
pub fn frontier(occupations: &[f64]) -> (Option<usize>, Option<usize>) {
    let homo = occupations.iter().rposition(|&n| n > 1e-6);
    let lumo = occupations.iter().position(|&n| n < 2.0 - 1e-6);
    (homo, lumo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degenerate_shell_is_shared_equally() {
        let e = [-2.0, -1.0, -1.0, -1.0, 0.5];
        let n = occupations(&e, 4, Filling::Integer).unwrap();
        let third = 2.0 / 3.0;
        assert_eq!(n[0], 2.0);
        for x in &n[1..4] {
            assert!((x - third).abs() < 1e-15);
        }
        assert_eq!(n[4], 0.0);
    }

    #[test]
    fn fermi_dirac_conserves_electrons_and_goes_to_integer_filling() {
        let e: Vec<f64> = (0..20).map(|i| i as f64 * 0.1).collect();
        let n = occupations(
            &e,
            11,
            Filling::FermiDirac {
                temperature: 3000.0,
            },
        )
        .unwrap();
        assert!((n.iter().sum::<f64>() - 11.0).abs() < 1e-9);
        let cold = occupations(&e, 10, Filling::FermiDirac { temperature: 1.0 }).unwrap();
        assert!((cold[4] - 2.0).abs() < 1e-9 && cold[5].abs() < 1e-9);
        assert!(occupations(&e, 41, Filling::Integer).is_err());
    }
}
