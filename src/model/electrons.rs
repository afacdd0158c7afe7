//! Electron counting: the superatom rule n* = Σ v − M − z (docs/physics.md).

use crate::error::{Error, Result};

/// Valence electrons left in the model's orbitals: the neutral valence sum
/// minus `ligands` one-electron-withdrawing ligands (thiolates, halides)
/// minus the `charge` (in units of e; Au25(SR)18⁻ has charge −1).
///
/// Au25(SR)18⁻ in the s model: 25 − 18 − (−1) = 8.
pub fn electron_count(neutral_valence: u32, charge: i32, ligands: u32) -> Result<u32> {
    let n = neutral_valence as i64 - ligands as i64 - charge as i64;
    if n < 0 {
        return Err(Error::invalid(format!(
            "electron count {neutral_valence} (valence) - {ligands} (ligands) - ({charge}) (charge) = {n} is negative"
        )));
    }
    Ok(n as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn au25_thiolate_anion_is_an_8_electron_superatom() {
        assert_eq!(electron_count(25, -1, 18).unwrap(), 8);
        assert_eq!(electron_count(13, 0, 0).unwrap(), 13);
        assert!(electron_count(2, 3, 0).is_err());
    }
}
