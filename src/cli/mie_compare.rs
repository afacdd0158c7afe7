//! `mie --compare FILE.csv`: a clusterspec spectrum read back (CSV with
//! energy_eV and cross_section_A2 columns, and the JSON beside it for the
//! atom count), checked like any input.

use std::path::{Path, PathBuf};

use clusterspec::io::classical_files::Comparison;
use clusterspec::units::ev_to_nm;
use clusterspec::{Error, Result};

/// The JSON written beside a spectrum CSV.
pub fn json_beside(csv: &Path) -> PathBuf {
    csv.with_extension("json")
}

/// Reads the spectrum at `path` to draw against wavelengths
/// `range_nm` (MIN, MAX): at least two rows, every value finite,
/// energies strictly ascending, cross-sections ≥ 0, and some of it inside
/// the range (else nothing would be drawn).
pub fn comparison(path: &Path, range_nm: (f64, f64)) -> Result<Comparison> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let at = |line: usize, message: String| Error::parse(path, line, message);
    let mut lines = text.lines();
    let header: Vec<&str> = lines
        .next()
        .unwrap_or("")
        .trim_start_matches('\u{feff}')
        .split(',')
        .map(str::trim)
        .collect();
    let column = |name: &str| header.iter().position(|h| *h == name);
    let (Some(e), Some(s)) = (column("energy_eV"), column("cross_section_A2")) else {
        return Err(at(
            1,
            "not a clusterspec spectrum: the header needs the columns energy_eV and \
             cross_section_A2 (an absorption or jellium CSV has them)"
                .into(),
        ));
    };
    let json_path = json_beside(path);
    let json: serde_json::Value = std::fs::read_to_string(&json_path)
        .map_err(|err| Error::io(&json_path, err))
        .and_then(|t| {
            serde_json::from_str(&t)
                .map_err(|err| Error::invalid(format!("{}: {err}", json_path.display())))
        })?;
    let atoms = json["system"]["atoms"]
        .as_f64()
        .filter(|&a| a >= 1.0)
        .ok_or_else(|| {
            Error::invalid(format!(
                "{}: no system.atoms to normalise per atom",
                json_path.display()
            ))
        })?;
    let name = json["system"]["name"]
        .as_str()
        .unwrap_or("cluster")
        .to_string();
    let model = json["model_description"].as_str().unwrap_or("").to_string();
    let (mut energy, mut sigma) = (Vec::new(), Vec::new());
    for (k, line) in lines.enumerate() {
        let number = k + 2;
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split(',').collect();
        let value = |j: usize, what: &str| -> Result<f64> {
            let v = f.get(j).map(|v| v.trim()).unwrap_or("");
            v.parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| at(number, format!("{what} `{v}` is not a finite number")))
        };
        let x = value(e, "energy_eV")?;
        let y = value(s, "cross_section_A2")?;
        if x <= 0.0 {
            return Err(at(number, format!("energy_eV {x} must be > 0")));
        }
        if y < 0.0 {
            return Err(at(number, format!("cross_section_A2 {y} is negative")));
        }
        if let Some(&last) = energy.last()
            && x <= last
        {
            return Err(at(
                number,
                format!("energy_eV {x} does not rise above the row before ({last})"),
            ));
        }
        energy.push(x);
        // Å² → nm², per atom.
        sigma.push(y / 100.0 / atoms);
    }
    if energy.len() < 2 {
        return Err(Error::invalid(format!(
            "{}: {} rows of data; a spectrum to compare needs at least two",
            path.display(),
            energy.len()
        )));
    }
    let (lo, hi) = (ev_to_nm(energy[energy.len() - 1]), ev_to_nm(energy[0]));
    if hi < range_nm.0 || lo > range_nm.1 {
        return Err(Error::invalid(format!(
            "{} covers {lo:.0}–{hi:.0} nm, outside the wavelengths {:.0}–{:.0} nm of this run: \
             nothing would be drawn; change --wavelengths",
            path.display(),
            range_nm.0,
            range_nm.1
        )));
    }
    Ok(Comparison {
        label: format!("{name}, {model}")
            .trim_end_matches(", ")
            .to_string(),
        energy_ev: energy,
        cross_section_per_atom_nm2: sigma,
    })
}
