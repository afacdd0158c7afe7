//! Slater–Koster files (`A-B.skf`) as DFTB+ reads them (the v0.9 format;
//! the format is documented in the repository bhourahine/slako-doc):
//!
//! - line 1: grid spacing (bohr) and point count n;
//! - homonuclear files only, line 2: on-site energies Ed Ep Es, the spin
//!   polarisation energy, Hubbard U Ud Up Us and occupations fd fp fs of the
//!   neutral atom (hartree, electrons);
//! - then the mass / repulsive-polynomial line;
//! - then the table: the row k (1-based) holds the ten Hamiltonian and the
//!   ten overlap integrals (ddσ ddπ ddδ pdσ pdπ ppσ ppπ sdσ spσ ssσ) at the
//!   distance k·spacing. DFTB+ reads n − 1 rows, and so does this reader.
//!
//! Numbers are separated by blanks or commas; `r*x` repeats x r times, as
//! in Fortran list-directed input. The repulsive spline that may follow is
//! not read: spectra need no forces. Files in the extended format (first
//! character `@`, f electrons) are refused, naming the file.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One parsed Slater–Koster file.
#[derive(Clone, Debug, PartialEq)]
pub struct SkfFile {
    /// Grid spacing, bohr.
    pub spacing: f64,
    /// On-site data of a homonuclear file.
    pub atom: Option<AtomData>,
    /// Table rows (n − 1 of them), each the ten H and the ten S integrals
    /// at distance (row + 1)·spacing, hartree.
    pub rows: Vec<[f64; 20]>,
    pub path: PathBuf,
}

/// On-site data of an element (homonuclear file), indexed by l (s, p, d).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AtomData {
    /// On-site energies, hartree.
    pub onsite: [f64; 3],
    /// Hubbard U per shell, hartree.
    pub hubbard: [f64; 3],
    /// Occupations of the neutral free atom, electrons.
    pub occupation: [f64; 3],
}

/// Largest grid accepted (points): a few times what published sets use.
pub const MAX_POINTS: usize = 100_000;

/// The numbers on one line, with `r*x` repeats expanded; `None` for a
/// token that is not a number.
fn numbers(line: &str) -> std::result::Result<Vec<f64>, String> {
    let mut out = Vec::new();
    for token in line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
    {
        let (count, value) = match token.split_once('*') {
            Some((r, x)) => {
                let r: usize = r
                    .parse()
                    .map_err(|_| format!("`{token}` is no repeat count times a number"))?;
                if r > 1000 {
                    return Err(format!("`{token}`: a repeat count above 1000"));
                }
                (r, x)
            }
            None => (1, token),
        };
        let v: f64 = value
            .replace(['d', 'D'], "e")
            .parse()
            .map_err(|_| format!("`{token}` is not a number"))?;
        if !v.is_finite() {
            return Err(format!("`{token}` is not a finite number"));
        }
        out.extend(std::iter::repeat_n(v, count));
    }
    Ok(out)
}

impl SkfFile {
    /// Reads `path`; `homonuclear` says whether it has the on-site line.
    pub fn read(path: &Path, homonuclear: bool) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            Error::parse(path, line, "not a text file (invalid UTF-8)")
        })?;
        Self::parse(&text, path, homonuclear)
    }

    /// Parses the text of a file; `path` names it in errors.
    pub fn parse(text: &str, path: &Path, homonuclear: bool) -> Result<Self> {
        let mut lines = text
            .strip_prefix('\u{feff}')
            .unwrap_or(text)
            .lines()
            .map(|l| l.trim_end_matches('\r'))
            .enumerate();
        let mut next = |what: &str| -> Result<(usize, Vec<f64>)> {
            let (k, line) = lines
                .next()
                .ok_or_else(|| Error::parse(path, 0, format!("the file ends before its {what}")))?;
            if line.starts_with('@') {
                return Err(Error::parse(
                    path,
                    k + 1,
                    "an extended-format (f electron) Slater–Koster file: not supported; \
                     clusterspec reads the s, p, d format",
                ));
            }
            numbers(line)
                .map(|v| (k + 1, v))
                .map_err(|m| Error::parse(path, k + 1, format!("{what}: {m}")))
        };
        let (l1, head) = next("first line (grid spacing and point count)")?;
        let (spacing, points) = match head.as_slice() {
            [d, n, ..] => (*d, *n),
            _ => {
                return Err(Error::parse(
                    path,
                    l1,
                    "the first line needs the grid spacing (bohr) and the number of points",
                ));
            }
        };
        if !(spacing > 0.0 && spacing <= 1.0) {
            return Err(Error::parse(
                path,
                l1,
                format!("grid spacing {spacing} bohr: must lie in (0, 1]"),
            ));
        }
        if !(points.fract() == 0.0 && (10.0..=MAX_POINTS as f64).contains(&points)) {
            return Err(Error::parse(
                path,
                l1,
                format!("{points} grid points: must be a whole number from 10 to {MAX_POINTS}"),
            ));
        }
        let atom = if homonuclear {
            let (k, v) = next("on-site line (Ed Ep Es SPE Ud Up Us fd fp fs)")?;
            if v.len() < 10 {
                return Err(Error::parse(
                    path,
                    k,
                    format!(
                        "the on-site line has {} numbers, 10 needed (Ed Ep Es SPE Ud Up Us fd fp fs)",
                        v.len()
                    ),
                ));
            }
            let atom = AtomData {
                onsite: [v[2], v[1], v[0]],
                hubbard: [v[6], v[5], v[4]],
                occupation: [v[9], v[8], v[7]],
            };
            if atom.occupation.iter().any(|&f| !(0.0..=10.0).contains(&f))
                || atom.hubbard.iter().any(|&u| !(0.0..=10.0).contains(&u))
                || atom.onsite.iter().any(|&e| e.abs() > 10.0)
            {
                return Err(Error::parse(
                    path,
                    k,
                    format!(
                        "on-site values out of range (|E| ≤ 10 Ha, 0 ≤ U ≤ 10 Ha, 0 ≤ f ≤ 10): {v:?}"
                    ),
                ));
            }
            Some(atom)
        } else {
            None
        };
        next("repulsive polynomial line")?;
        let n = points as usize - 1;
        let mut rows = Vec::with_capacity(n);
        for row in 0..n {
            let (k, v) = next(&format!("table row {} of {n}", row + 1))?;
            if v.len() < 20 {
                return Err(Error::parse(
                    path,
                    k,
                    format!(
                        "table row {} has {} numbers, 20 needed (ten H and ten S integrals)",
                        row + 1,
                        v.len()
                    ),
                ));
            }
            if v[..20].iter().any(|x| x.abs() > 1e3) {
                return Err(Error::parse(
                    path,
                    k,
                    "an integral beyond ±1000 hartree: not a Slater–Koster table",
                ));
            }
            rows.push(std::array::from_fn(|i| v[i]));
        }
        Ok(SkfFile {
            spacing,
            atom,
            rows,
            path: path.to_path_buf(),
        })
    }

    /// The largest angular momentum of the element of a homonuclear file:
    /// the highest shell with a Hubbard U (sets give the U of the highest
    /// occupied shell to the empty shells they include, and 0 to those they
    /// leave out).
    pub fn max_l(&self) -> Option<usize> {
        let atom = self.atom?;
        (0..3).rev().find(|&l| atom.hubbard[l] > 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn homonuclear(rows: usize) -> String {
        let mut t = format!("0.02, {}\n", rows + 1);
        t.push_str("0.0 -0.2 -0.5 0.0 0.0 0.36 0.36 0.0 2.0 2.0\n");
        t.push_str("12.0 19*0.0\n");
        for k in 0..rows {
            t.push_str(&format!("10*0.0 {} 8*0.0 1.0\n", -0.1 * (k + 1) as f64));
        }
        t
    }

    #[test]
    fn reads_the_table_with_repeats_and_commas() {
        let f = SkfFile::parse(&homonuclear(12), Path::new("C-C.skf"), true).unwrap();
        assert_eq!(f.rows.len(), 12);
        assert_eq!(f.rows[2][10], -0.30000000000000004);
        assert_eq!(f.rows[2][19], 1.0);
        let a = f.atom.unwrap();
        assert_eq!(a.onsite, [-0.5, -0.2, 0.0]);
        assert_eq!(a.occupation, [2.0, 2.0, 0.0]);
        assert_eq!(f.max_l(), Some(1));
    }

    #[test]
    fn bad_files_name_the_line() {
        let short = homonuclear(12)
            .lines()
            .take(9)
            .collect::<Vec<_>>()
            .join("\n");
        let e = SkfFile::parse(&short, Path::new("C-C.skf"), true)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("C-C.skf") && e.contains("ends before its table row 7"),
            "{e}"
        );
        let cut = homonuclear(12).replacen("10*0.0 -0.30000000000000004 8*0.0 1.0", "1.0 2.0", 1);
        let e = SkfFile::parse(&cut, Path::new("C-C.skf"), true)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("C-C.skf:6:") && e.contains("2 numbers, 20 needed"),
            "{e}"
        );
        let e = SkfFile::parse("@ extended\n", Path::new("Au-Au.skf"), true)
            .unwrap_err()
            .to_string();
        assert!(e.contains("Au-Au.skf:1:") && e.contains("extended"), "{e}");
        let nan = homonuclear(12).replacen("-0.2", "nan", 1);
        let e = SkfFile::parse(&nan, Path::new("C-C.skf"), true)
            .unwrap_err()
            .to_string();
        assert!(e.contains("C-C.skf:2:") && e.contains("`nan`"), "{e}");
        let huge = homonuclear(12).replacen("0.02, 13", "0.02 1e9", 1);
        assert!(SkfFile::parse(&huge, Path::new("x"), true).is_err());
    }
}
