//! The lines of a calculation in the output files: in the JSON, the
//! degenerate sets that matter for the plot (f or |R| at least
//! [`LISTED_FRACTION`] of the strongest) with a count and Σf of the rest;
//! on request every single line in a NumPy `.npz` archive.

use std::io::BufWriter;
use std::path::Path;

use ndarray::{Array1, Array2};
use ndarray_npy::NpzWriter;
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::response::Lines;
use crate::response::groups::{DEGENERACY_TOLERANCE_EV, LineSet, degenerate_sets};

/// A degenerate set is listed in the JSON when its Σf (or |ΣR|) is at
/// least this fraction of the strongest set's: everything a plot can show
/// (the sticks drawn start at 10⁻³), without the millions of negligible
/// lines of a large cluster.
pub const LISTED_FRACTION: f64 = 1e-4;

/// The rule of [`LISTED_FRACTION`] in words, for the JSON.
pub const LISTED_RULE: &str = "degenerate sets (lines within 1e-3 eV) with sum f >= 1e-4 of the strongest set, or |sum R| >= 1e-4 of the largest";

/// Whether `set` passes the listing rule, given the largest Σf and |ΣR|.
fn listed(set: &LineSet, f_max: f64, r_max: f64) -> bool {
    set.oscillator_strength >= LISTED_FRACTION * f_max
        || set
            .rotatory_strength
            .is_some_and(|r| r_max > 0.0 && r.abs() >= LISTED_FRACTION * r_max)
}

/// The JSON fields of `lines`: `lines` (the listed degenerate sets: mean
/// energy, Σf, degeneracy, ΣR, the orbitals they start from and end on,
/// and the transition dipole of a non-degenerate line) and `lines_omitted` (how many sets and
/// lines were left out, and their Σf).
pub fn lines_json(lines: &Lines) -> (Value, Value) {
    let sets = degenerate_sets(lines, DEGENERACY_TOLERANCE_EV);
    let f_max = sets
        .iter()
        .map(|s| s.oscillator_strength)
        .fold(0.0, f64::max);
    let r_max = sets
        .iter()
        .filter_map(|s| s.rotatory_strength)
        .fold(0.0, |m: f64, r| m.max(r.abs()));
    let mut rows = Vec::new();
    let (mut omitted_sets, mut omitted_lines, mut omitted_f) = (0usize, 0usize, 0.0);
    for set in &sets {
        if !listed(set, f_max, r_max) {
            omitted_sets += 1;
            omitted_lines += set.degeneracy();
            omitted_f += set.oscillator_strength;
            continue;
        }
        let mut row = json!({
            "energy_ev": set.energy,
            "oscillator_strength": set.oscillator_strength,
            "degeneracy": set.degeneracy(),
        });
        if let Some(r) = set.rotatory_strength {
            row["rotatory_strength"] = json!(r);
        }
        if set.members.end <= lines.pairs.len() {
            // The orbitals the set connects (the degenerate levels), not
            // every pair: a set of 60 lines between a 5- and a 12-fold
            // level lists 17 orbitals instead of 120.
            let pairs = &lines.pairs[set.members.clone()];
            let mut from: Vec<u32> = pairs.iter().map(|p| p.0).collect();
            let mut to: Vec<u32> = pairs.iter().map(|p| p.1).collect();
            for v in [&mut from, &mut to] {
                v.sort_unstable();
                v.dedup();
            }
            row["from_orbitals"] = json!(from);
            row["to_orbitals"] = json!(to);
        }
        if set.degeneracy() == 1
            && let Some(d) = lines.dipole.get(set.members.start)
        {
            row["dipole_angstrom"] = json!(d);
        }
        rows.push(row);
    }
    let omitted = json!({
        "rule": LISTED_RULE,
        "sets": omitted_sets,
        "lines": omitted_lines,
        "oscillator_strength_sum": omitted_f,
    });
    (json!(rows), omitted)
}

/// Writes every line of `lines` to the NumPy archive `path` (uncompressed
/// `.npz`, read with `numpy.load`): `energy_eV`, `oscillator_strength`,
/// `degenerate_set` (index of the line's set), and when computed
/// `dipole_angstrom` (n × 3), `from_orbital`/`to_orbital` and
/// `rotatory_strength` (10⁻⁴⁰ esu² cm², the lowest lines).
pub fn write_lines_npz(path: &Path, lines: &Lines) -> Result<()> {
    let err = |e: String| Error::io(path, std::io::Error::other(e));
    let file = std::fs::File::create(path).map_err(|e| err(e.to_string()))?;
    let mut npz = NpzWriter::new(BufWriter::new(file));
    let mut set_of = vec![0u32; lines.len()];
    for (k, set) in degenerate_sets(lines, DEGENERACY_TOLERANCE_EV)
        .iter()
        .enumerate()
    {
        set_of[set.members.clone()].fill(k as u32);
    }
    let add = |name: &str, result: std::result::Result<(), ndarray_npy::WriteNpzError>| {
        result.map_err(|e| err(format!("{name}: {e}")))
    };
    add(
        "energy_eV",
        npz.add_array("energy_eV", &Array1::from(lines.energy.clone())),
    )?;
    add(
        "oscillator_strength",
        npz.add_array(
            "oscillator_strength",
            &Array1::from(lines.oscillator_strength.clone()),
        ),
    )?;
    add(
        "degenerate_set",
        npz.add_array("degenerate_set", &Array1::from(set_of)),
    )?;
    if lines.dipole.len() == lines.len() {
        let flat: Vec<f64> = lines.dipole.iter().flatten().copied().collect();
        let dipole =
            Array2::from_shape_vec((lines.len(), 3), flat).map_err(|e| err(e.to_string()))?;
        add("dipole_angstrom", npz.add_array("dipole_angstrom", &dipole))?;
    }
    if lines.pairs.len() == lines.len() {
        let from: Array1<u32> = lines.pairs.iter().map(|p| p.0).collect();
        let to: Array1<u32> = lines.pairs.iter().map(|p| p.1).collect();
        add("from_orbital", npz.add_array("from_orbital", &from))?;
        add("to_orbital", npz.add_array("to_orbital", &to))?;
    }
    if !lines.rotatory_strength.is_empty() {
        add(
            "rotatory_strength",
            npz.add_array(
                "rotatory_strength",
                &Array1::from(lines.rotatory_strength.clone()),
            ),
        )?;
    }
    let writer = npz.finish().map_err(|e| err(e.to_string()))?;
    writer
        .into_inner()
        .map_err(|e| err(e.to_string()))?
        .sync_all()
        .map_err(|e| err(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_sets_are_counted_not_listed() {
        let mut lines = Lines::new(vec![1.0, 1.0, 2.0, 3.0], vec![0.5, 0.5, 1e-6, 0.2]);
        lines.pairs = vec![(0, 5), (1, 5), (2, 6), (3, 7)];
        lines.dipole = vec![[0.1, 0.0, 0.0]; 4];
        let (rows, omitted) = lines_json(&lines);
        let rows = rows.as_array().unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0]["degeneracy"], 2);
        assert_eq!(rows[0]["oscillator_strength"], 1.0);
        assert_eq!(rows[0]["from_orbitals"], json!([0, 1]));
        assert_eq!(rows[0]["to_orbitals"], json!([5]));
        // A degenerate set has no meaningful single dipole; a lone line has.
        assert!(rows[0].get("dipole_angstrom").is_none());
        assert!(rows[1]["dipole_angstrom"].is_array());
        assert_eq!(omitted["sets"], 1);
        assert_eq!(omitted["lines"], 1);
        assert_eq!(omitted["oscillator_strength_sum"], 1e-6);
    }

    #[test]
    fn a_set_with_a_strong_rotatory_strength_is_listed() {
        let mut lines = Lines::new(vec![1.0, 2.0], vec![1.0, 1e-7]);
        lines.rotatory_strength = vec![0.1, 5.0];
        let (rows, omitted) = lines_json(&lines);
        assert_eq!(rows.as_array().unwrap().len(), 2);
        assert_eq!(omitted["sets"], 0);
    }
}
