//! A DFTB parameter set: a folder of Slater–Koster files `A-B.skf`, one per
//! ordered element pair, or the set shipped with the program, auorg-1-1
//! (data/dftb/auorg-1-1, CC-BY-SA 4.0), made for the optical excitations
//! of thiolates on gold clusters.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::skf::{AtomData, SkfFile};
use crate::error::{Error, Result};
use crate::solve::layout::Shells;
use crate::solve::sk_tables::{INTERPOLATION_POINTS, SkTable};
use crate::structure::Element;

macro_rules! auorg {
    ($($pair:literal),* $(,)?) => {
        &[$(($pair, include_str!(concat!("../../../data/dftb/auorg-1-1/", $pair, ".skf")))),*]
    };
}

/// The files of auorg-1-1, embedded: (A-B, text).
const AUORG: &[(&str, &str)] = auorg!(
    "Au-Au", "Au-C", "Au-H", "Au-N", "Au-O", "Au-S", "C-Au", "C-C", "C-H", "C-N", "C-O", "C-S",
    "H-Au", "H-C", "H-H", "H-N", "H-O", "H-S", "N-Au", "N-C", "N-H", "N-N", "N-O", "N-S", "O-Au",
    "O-C", "O-H", "O-N", "O-O", "O-S", "S-Au", "S-C", "S-H", "S-N", "S-O", "S-S",
);

/// The name of the shipped set.
pub const AUORG_NAME: &str = "auorg-1-1";

/// Where a set's files come from.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "path")]
pub enum SetSource {
    /// auorg-1-1, shipped with the program.
    Builtin,
    /// A user's folder.
    Directory(PathBuf),
}

/// What one element brings: its shells and on-site data.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ElementData {
    pub element: Element,
    /// s, sp or spd.
    pub shells: Shells,
    /// On-site energies of s, p, d, hartree.
    pub onsite: [f64; 3],
    /// Hubbard U of s, p, d, hartree.
    pub hubbard: [f64; 3],
    /// Occupations of the neutral atom, s, p, d.
    pub occupation: [f64; 3],
}

impl ElementData {
    /// Valence electrons of the neutral atom.
    pub fn valence(&self) -> f64 {
        self.occupation.iter().sum()
    }

    /// Number of shells (1, 2 or 3).
    pub fn shell_count(&self) -> usize {
        match self.shells {
            Shells::S => 1,
            Shells::Sp => 2,
            Shells::Spd => 3,
        }
    }
}

/// A Slater–Koster parameter set.
#[derive(Clone, Debug)]
pub struct DftbSet {
    pub name: String,
    pub source: SetSource,
    /// Shells chosen for elements instead of the files' own (the highest
    /// shell with a Hubbard U), as other codes let their users choose the
    /// maximal angular momentum.
    pub shells: Vec<(Element, Shells)>,
}

impl DftbSet {
    /// auorg-1-1, shipped with the program.
    pub fn auorg() -> Self {
        DftbSet {
            name: AUORG_NAME.into(),
            source: SetSource::Builtin,
            shells: Vec::new(),
        }
    }

    /// A folder of `A-B.skf` files.
    pub fn directory(dir: &Path) -> Result<Self> {
        if !dir.is_dir() {
            return Err(Error::io(
                dir,
                std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "not a folder of Slater–Koster files (A-B.skf)",
                ),
            ));
        }
        Ok(DftbSet {
            name: dir.display().to_string(),
            source: SetSource::Directory(dir.to_path_buf()),
            shells: Vec::new(),
        })
    }

    /// The path (or built-in name) of the file of pair `a`-`b`.
    pub fn file_name(&self, a: Element, b: Element) -> PathBuf {
        let name = format!("{a}-{b}.skf");
        match &self.source {
            SetSource::Builtin => {
                PathBuf::from(format!("<built-in data/dftb/{AUORG_NAME}/{name}>"))
            }
            SetSource::Directory(d) => d.join(name),
        }
    }

    /// The elements whose homonuclear file the set has.
    pub fn covered(&self) -> Vec<String> {
        let mut out: Vec<String> = match &self.source {
            SetSource::Builtin => AUORG
                .iter()
                .filter_map(|(p, _)| {
                    p.split_once('-')
                        .filter(|(a, b)| a == b)
                        .map(|(a, _)| a.to_string())
                })
                .collect(),
            SetSource::Directory(d) => std::fs::read_dir(d)
                .map(|entries| {
                    entries
                        .filter_map(|e| e.ok())
                        .filter_map(|e| {
                            let name = e.file_name().to_string_lossy().into_owned();
                            let stem = name.strip_suffix(".skf")?.to_string();
                            let (a, b) = stem.split_once('-')?;
                            (a == b).then(|| a.to_string())
                        })
                        .collect()
                })
                .unwrap_or_default(),
        };
        out.sort();
        out
    }

    /// Reads the file of pair `a`-`b`.
    fn read(&self, a: Element, b: Element) -> Result<SkfFile> {
        let path = self.file_name(a, b);
        let homonuclear = a == b;
        let missing = || {
            let covered = self.covered();
            let what = if homonuclear {
                format!(
                    "{a} is not in the set (it has no {a}-{a}.skf); the set covers {}",
                    if covered.is_empty() {
                        "no element".to_string()
                    } else {
                        covered.join(" ")
                    }
                )
            } else {
                format!("the set has no file for the {a}–{b} pair")
            };
            Error::Model {
                model: format!("DFTB ({})", self.name),
                message: format!("{}: {what}", path.display()),
            }
        };
        match &self.source {
            SetSource::Builtin => {
                let key = format!("{a}-{b}");
                let (_, text) = AUORG.iter().find(|(p, _)| *p == key).ok_or_else(missing)?;
                SkfFile::parse(text, &path, homonuclear)
            }
            SetSource::Directory(_) => {
                if !path.is_file() {
                    return Err(missing());
                }
                SkfFile::read(&path, homonuclear)
            }
        }
    }

    /// The elements of `elements` with their tables: on-site data of each
    /// element and the table of every ordered pair, read once.
    pub fn load(&self, elements: &[Element]) -> Result<Loaded> {
        let mut data = Vec::new();
        for &el in elements {
            let file = self.read(el, el)?;
            let atom: AtomData = file.atom.expect("a homonuclear file has its on-site line");
            let chosen = self.shells.iter().find(|(e, _)| *e == el).map(|p| p.1);
            let max_l = chosen.map(|s| match s {
                Shells::S => 0,
                Shells::Sp => 1,
                Shells::Spd => 2,
            });
            let shells = match max_l.or(file.max_l()) {
                Some(0) => Shells::S,
                Some(1) => Shells::Sp,
                Some(2) => Shells::Spd,
                _ => {
                    return Err(Error::parse(
                        &file.path,
                        2,
                        "no shell has a Hubbard U: the element's orbitals cannot be told",
                    ));
                }
            };
            data.push(ElementData {
                element: el,
                shells,
                onsite: atom.onsite,
                hubbard: atom.hubbard,
                occupation: atom.occupation,
            });
        }
        let mut tables = BTreeMap::new();
        let mut files = Vec::new();
        for &a in elements {
            for &b in elements {
                let f = self.read(a, b)?;
                if f.rows.len() <= INTERPOLATION_POINTS {
                    return Err(Error::parse(
                        &f.path,
                        1,
                        format!(
                            "{} table rows: the interpolation needs more than {INTERPOLATION_POINTS}",
                            f.rows.len()
                        ),
                    ));
                }
                files.push(f.path.display().to_string());
                tables.insert(
                    (a, b),
                    SkTable {
                        spacing: f.spacing,
                        rows: f.rows,
                    },
                );
            }
        }
        Ok(Loaded {
            elements: data,
            tables,
            files,
        })
    }

    /// The references to cite for a calculation with `elements`.
    pub fn citation(&self, elements: &[Element]) -> String {
        match &self.source {
            SetSource::Builtin => auorg_citation(elements),
            SetSource::Directory(d) => format!(
                "Slater–Koster set {} (cite the references its authors require)",
                d.display()
            ),
        }
    }
}

/// The references auorg-1-1 requires (its README, "Required references")
/// for the elements present.
pub fn auorg_citation(elements: &[Element]) -> String {
    use Element::*;
    let mut refs = vec![format!("{AUORG_NAME} Slater–Koster set (CC-BY-SA 4.0)")];
    let organic = elements.iter().any(|e| matches!(e, C | H | N | O));
    if organic {
        refs.push("M. Elstner et al., Phys. Rev. B 58, 7260 (1998) [C, H, N, O]".into());
    }
    if elements.contains(&S) {
        refs.push("T. A. Niehaus et al., J. Mol. Struct. (Theochem) 541, 185 (2001) [S]".into());
    }
    if elements.contains(&Au) {
        refs.push("A. Fihey et al., J. Comput. Chem. 36, 2075 (2015) [Au]".into());
    }
    refs.join("; ")
}

/// A set's data for a given list of elements.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub elements: Vec<ElementData>,
    pub tables: BTreeMap<(Element, Element), SkTable>,
    /// The files read.
    pub files: Vec<String>,
}

impl Loaded {
    /// The data of `el`.
    pub fn element(&self, el: Element) -> &ElementData {
        self.elements
            .iter()
            .find(|e| e.element == el)
            .expect("an element that was loaded")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values read back against the files (auorg-1-1, the lines quoted):
    /// Au-Au.skf line 2 and S-S.skf line 2, H-H.skf's first rows.
    #[test]
    fn the_shipped_set_reads_back_its_numbers() {
        let set = DftbSet::auorg();
        let l = set.load(&[Element::Au, Element::S, Element::H]).unwrap();
        let au = l.element(Element::Au);
        assert_eq!(au.shells, Shells::Spd);
        assert_eq!(
            au.onsite,
            [
                -2.107700668744e-01,
                -2.785941987392e-02,
                -2.531805351853e-01
            ]
        );
        assert_eq!(
            au.hubbard,
            [2.556040155551e-01, 2.556040155551e-01, 3.610611525251e-01]
        );
        assert_eq!(au.occupation, [1.0, 0.0, 10.0]);
        let s = l.element(Element::S);
        assert_eq!(s.shells, Shells::Spd);
        assert_eq!(s.valence(), 6.0);
        assert_eq!(l.element(Element::H).shells, Shells::S);
        // H-H.skf: 500 points, 499 rows read, 0.02 bohr apart.
        let hh = &l.tables[&(Element::H, Element::H)];
        assert_eq!((hh.rows.len(), hh.spacing), (499, 0.02));
        assert_eq!(l.files.len(), 9);
        assert!(set.citation(&[Element::Au, Element::S]).contains("Fihey"));
    }

    #[test]
    fn missing_elements_and_pairs_are_named() {
        let e = DftbSet::auorg()
            .load(&[Element::Ag])
            .unwrap_err()
            .to_string();
        assert!(e.contains("Ag-Ag.skf") && e.contains("Au C H N O S"), "{e}");
        let dir = tempfile_dir();
        std::fs::write(
            dir.join("H-H.skf"),
            AUORG.iter().find(|p| p.0 == "H-H").unwrap().1,
        )
        .unwrap();
        std::fs::write(
            dir.join("C-C.skf"),
            AUORG.iter().find(|p| p.0 == "C-C").unwrap().1,
        )
        .unwrap();
        let set = DftbSet::directory(&dir).unwrap();
        let e = set.load(&[Element::H, Element::C]).unwrap_err().to_string();
        assert!(e.contains("H-C.skf") && e.contains("H–C pair"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn tempfile_dir() -> PathBuf {
        let d = std::env::temp_dir().join(format!("clusterspec-skf-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    }
}
