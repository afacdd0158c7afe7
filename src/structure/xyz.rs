//! XYZ and extended-XYZ files.
//!
//! Line 1: the number of atoms; line 2: a comment (kept verbatim); then
//! one atom per line: `symbol x y z` in Å, any further columns ignored. An
//! extended-XYZ `Properties=` key on line 2 (e.g.
//! `Properties=pos:R:3:species:S:1`) says where the species and position
//! columns are, in whatever order. Only the first frame is read.
//! A byte-order mark is skipped; lines may end in LF, CR LF or CR.

use std::path::Path;

use super::neighbours::pairs_within;
use super::{Atom, Cluster, Element};
use crate::error::{Error, Result};

/// Coordinates beyond ± this (Å, one micron) are refused: no cluster this
/// program models is that large, and absurd values (10²⁰ Å) would only
/// break the numerics downstream.
pub const MAX_COORDINATE: f64 = 1e4;

/// Atoms closer than this (Å) are rejected as unphysical.
pub const MIN_INTERATOMIC_DISTANCE: f64 = 0.5;

/// Reads a cluster from an XYZ file, checking every line. Text that is not
/// UTF-8 is reported with the line it starts on.
pub fn read_xyz(path: &Path) -> Result<Cluster> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        Error::parse(
            path,
            line,
            "not UTF-8 text (an XYZ file is plain text: save it as UTF-8 or ASCII)",
        )
    })?;
    parse_xyz(&text, path)
}

/// Parses XYZ text; `path` is used only in error messages. A byte-order
/// mark is skipped, and lines may end in LF, CR LF or a lone CR.
pub fn parse_xyz(text: &str, path: &Path) -> Result<Cluster> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = unified.lines().collect();
    let first = lines.first().map(|l| l.trim()).unwrap_or("");
    if first.is_empty() {
        return Err(Error::parse(
            path,
            1,
            "empty file: expected the number of atoms on the first line",
        ));
    }
    let count: usize = first.parse().map_err(|_| {
        Error::parse(
            path,
            1,
            format!("expected the number of atoms, found `{first}`"),
        )
    })?;
    if count == 0 {
        return Err(Error::parse(path, 1, "the file declares 0 atoms"));
    }
    let comment = lines.get(1).copied().unwrap_or("").trim_end().to_string();
    let columns = Columns::from_comment(&comment, path)?;
    // The count is only a claim: reserve no more than the lines that follow
    // (a count of 10¹⁹ in a 28-byte file must be an error, not an abort).
    let mut atoms = Vec::with_capacity(count.min(lines.len().saturating_sub(2)));
    for k in 0..count {
        let line_no = k + 3;
        let line = lines.get(k + 2).map(|l| l.trim()).unwrap_or("");
        if line.is_empty() {
            return Err(Error::parse(
                path,
                line_no,
                format!(
                    "wrong atom count: line 1 declares {count} atoms but only {k} atom lines follow"
                ),
            ));
        }
        atoms.push(parse_atom_line(line, &columns, path, line_no)?);
    }
    if let Some((k, extra)) = lines
        .iter()
        .enumerate()
        .skip(count + 2)
        .find(|(_, l)| !l.trim().is_empty())
    {
        return Err(Error::parse(
            path,
            k + 1,
            format!(
                "wrong atom count: line 1 declares {count} atoms but more lines follow (`{}`); multi-frame files are not read",
                extra.trim()
            ),
        ));
    }
    let cluster = Cluster { atoms, comment };
    check_distances(&cluster, path, 3)?;
    Ok(cluster)
}

/// Where an atom line keeps the species and the three coordinates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Columns {
    species: usize,
    pos: usize,
    /// Columns a line needs at least.
    width: usize,
}

impl Columns {
    /// The columns given by an extended-XYZ `Properties=` key in
    /// `comment`, or `symbol x y z` without one.
    fn from_comment(comment: &str, path: &Path) -> Result<Self> {
        let plain = Columns {
            species: 0,
            pos: 1,
            width: 4,
        };
        let Some(spec) = comment.split_whitespace().find_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            k.eq_ignore_ascii_case("properties")
                .then_some(v.trim_matches('"'))
        }) else {
            return Ok(plain);
        };
        let bad = |why: &str| {
            Error::parse(
                path,
                2,
                format!(
                    "Properties=`{spec}`: {why} (expected name:type:count triples, e.g. species:S:1:pos:R:3)"
                ),
            )
        };
        let parts: Vec<&str> = spec.split(':').collect();
        if !parts.len().is_multiple_of(3) {
            return Err(bad("not a list of name:type:count triples"));
        }
        let (mut column, mut species, mut pos) = (0usize, None, None);
        for t in parts.chunks(3) {
            let count: usize = t[2]
                .parse()
                .ok()
                .filter(|&n| (1..=64).contains(&n))
                .ok_or_else(|| bad(&format!("count `{}` of `{}` is not 1 … 64", t[2], t[0])))?;
            match (t[0].to_ascii_lowercase().as_str(), count) {
                ("species", 1) => species = Some(column),
                ("pos", 3) => pos = Some(column),
                ("species" | "pos", _) => {
                    return Err(bad(&format!("`{}` has {count} columns", t[0])));
                }
                _ => {}
            }
            column += count;
        }
        match (species, pos) {
            (Some(species), Some(pos)) => Ok(Columns {
                species,
                pos,
                width: column,
            }),
            _ => Err(bad("needs a species and a pos column")),
        }
    }
}

fn parse_atom_line(line: &str, columns: &Columns, path: &Path, line_no: usize) -> Result<Atom> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    if fields.len() < columns.width {
        let expected = if *columns
            == (Columns {
                species: 0,
                pos: 1,
                width: 4,
            }) {
            "`symbol x y z`".to_string()
        } else {
            format!("{} columns (Properties= on line 2)", columns.width)
        };
        return Err(Error::parse(
            path,
            line_no,
            format!("expected {expected}, found `{line}`"),
        ));
    }
    let symbol = fields[columns.species];
    let element: Element = symbol
        .parse()
        .map_err(|_| Error::parse(path, line_no, format!("unknown element `{symbol}`")))?;
    let mut position = [0.0; 3];
    for (c, field) in position
        .iter_mut()
        .zip(&fields[columns.pos..columns.pos + 3])
    {
        let v: f64 = field.parse().map_err(|_| {
            Error::parse(
                path,
                line_no,
                format!("coordinate `{field}` is not a number"),
            )
        })?;
        if !v.is_finite() {
            return Err(Error::parse(
                path,
                line_no,
                format!("coordinate `{field}` is not finite"),
            ));
        }
        if v.abs() > MAX_COORDINATE {
            return Err(Error::parse(
                path,
                line_no,
                format!(
                    "coordinate `{field}` Å lies beyond ±{MAX_COORDINATE} Å: not a cluster \
                     (coordinates are in Å)"
                ),
            ));
        }
        *c = v;
    }
    Ok(Atom { element, position })
}

/// Rejects atoms closer than [`MIN_INTERATOMIC_DISTANCE`]; `first_line` is the
/// file line of atom 0 (3 for an XYZ file).
pub fn check_distances(cluster: &Cluster, path: &Path, first_line: usize) -> Result<()> {
    let pairs = pairs_within(&cluster.positions(), MIN_INTERATOMIC_DISTANCE);
    if let Some(p) = pairs.first() {
        return Err(Error::AtomsTooClose {
            path: path.to_path_buf(),
            first: p.i,
            second: p.j,
            first_line: p.i + first_line,
            second_line: p.j + first_line,
            distance: p.distance,
            minimum: MIN_INTERATOMIC_DISTANCE,
        });
    }
    Ok(())
}

/// The XYZ text of a cluster (positions in Å with 10 decimals).
pub fn format_xyz(cluster: &Cluster) -> String {
    let mut out = format!(
        "{}\n{}\n",
        cluster.len(),
        cluster.comment.replace('\n', " ")
    );
    for a in &cluster.atoms {
        let [x, y, z] = a.position;
        out.push_str(&format!(
            "{:<2} {:>18.10} {:>18.10} {:>18.10}\n",
            a.element.symbol(),
            x,
            y,
            z
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Cluster> {
        parse_xyz(text, Path::new("t.xyz"))
    }

    #[test]
    fn byte_order_marks_and_any_line_ending_are_read() {
        let lf = parse("2\nc\nAu 0 0 0\nAu 2.9 0 0\n").unwrap();
        for text in [
            "\u{feff}2\nc\nAu 0 0 0\nAu 2.9 0 0\n",
            "2\r\nc\r\nAu 0 0 0\r\nAu 2.9 0 0\r\n",
            "2\rc\rAu 0 0 0\rAu 2.9 0 0\r",
        ] {
            let c = parse(text).unwrap();
            assert_eq!(c.atoms.len(), 2);
            assert_eq!(c.atoms[1].position, lf.atoms[1].position);
        }
        // Errors still name the right line with CR-only endings.
        let e = parse("2\rc\rAu 0 0 0\rXx 2.9 0 0\r")
            .unwrap_err()
            .to_string();
        assert!(e.contains("t.xyz:4"), "{e}");
    }

    #[test]
    fn non_utf8_files_are_reported_with_their_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latin1.xyz");
        std::fs::write(&path, b"2\ncaf\xe9\nAu 0 0 0\nAu 2.9 0 0\n").unwrap();
        let e = read_xyz(&path).unwrap_err().to_string();
        assert!(e.contains("latin1.xyz:2") && e.contains("UTF-8"), "{e}");
    }

    #[test]
    fn coordinates_beyond_a_micron_are_refused() {
        let e = parse("2\nc\nAu 0 0 0\nAu 1e20 0 0\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("t.xyz:4") && e.contains("1e20"), "{e}");
        parse("2\nc\nAu 9999 0 0\nAu 9996 0 0\n").unwrap();
    }

    #[test]
    fn absurd_atom_counts_are_errors_not_aborts() {
        for count in ["18446744073709551615", "1000000000"] {
            let e = parse(&format!("{count}\ncomment\nAu 0 0 0\n"))
                .unwrap_err()
                .to_string();
            assert!(e.contains("wrong atom count") && e.contains(count), "{e}");
        }
        let e = parse("18446744073709551616\nc\nAu 0 0 0\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("expected the number of atoms"), "{e}");
    }

    #[test]
    fn round_trip_keeps_comment_and_positions() {
        let text = "2\nLattice=\"0 0 0\" Properties=species:S:1:pos:R:3 energy=-1.0\nau 0 0 0 extra\nAG 2.9 0 0\n";
        let c = parse(text).unwrap();
        assert_eq!(c.atoms[0].element, Element::Au);
        assert_eq!(c.atoms[1].element, Element::Ag);
        assert!(c.comment.contains("energy=-1.0"));
        let again = parse(&format_xyz(&c)).unwrap();
        assert_eq!(again, c);
    }

    #[test]
    fn extended_xyz_properties_give_the_column_order() {
        let pos_first = "2\nProperties=pos:R:3:species:S:1:forces:R:3 pbc=\"F F F\"\n0 0 0 Au 1 1 1\n2.9 0 0 Ag 0 0 0\n";
        let c = parse(pos_first).unwrap();
        assert_eq!(c.atoms[0].element, Element::Au);
        assert_eq!(c.atoms[1].element, Element::Ag);
        assert_eq!(c.atoms[1].position, [2.9, 0.0, 0.0]);
        // Extra columns before both.
        let tagged = "1\nProperties=tags:I:1:species:S:1:pos:R:3\n7 Cu 1 2 3\n";
        let c = parse(tagged).unwrap();
        assert_eq!(
            (c.atoms[0].element, c.atoms[0].position),
            (Element::Cu, [1.0, 2.0, 3.0])
        );
        // Malformed specifications are named on line 2.
        for (spec, needle) in [
            ("Properties=pos:R:3", "needs a species"),
            ("Properties=species:S:1:pos:R", "triples"),
            ("Properties=species:S:1:pos:R:2", "`pos` has 2"),
            ("Properties=species:S:x:pos:R:3", "count `x`"),
        ] {
            let e = parse(&format!("1\n{spec}\nAu 0 0 0\n"))
                .unwrap_err()
                .to_string();
            assert!(e.contains(":2:") && e.contains(needle), "{e}");
        }
        // A line too short for the declared columns.
        let e = parse("1\nProperties=pos:R:3:species:S:1:forces:R:3\n0 0 0 Au\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("7 columns"), "{e}");
    }

    #[test]
    fn errors_name_the_line_and_value() {
        let e = parse("").unwrap_err().to_string();
        assert!(e.contains("t.xyz:1") && e.contains("empty"), "{e}");
        let e = parse("3\nc\nAu 0 0 0\nAu 3 0 0\n").unwrap_err().to_string();
        assert!(e.contains("t.xyz:5") && e.contains("declares 3"), "{e}");
        let e = parse("1\nc\nAu 0 0 0\nAu 3 0 0\n").unwrap_err().to_string();
        assert!(
            e.contains("t.xyz:4") && e.contains("wrong atom count"),
            "{e}"
        );
        let e = parse("1\nc\nXq 0 0 0\n").unwrap_err().to_string();
        assert!(e.contains("t.xyz:3") && e.contains("`Xq`"), "{e}");
        let e = parse("2\nc\nAu 0 0 0\nAu 0 NaN 0\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("t.xyz:4") && e.contains("NaN"), "{e}");
        let e = parse("2\nc\nAu 0 0 0\nAu 0.3 0 0\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 3") && e.contains("line 4") && e.contains("0.300"),
            "{e}"
        );
        let e = parse("two\nc\n").unwrap_err().to_string();
        assert!(e.contains("t.xyz:1") && e.contains("`two`"), "{e}");
    }
}
