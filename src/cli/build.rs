//! `clusterspec build`: builders, alloying and substitution.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use clusterspec::io::write_xyz;
use clusterspec::structure::alloy::{Core, core_shell, random_alloy, substitute};
use clusterspec::structure::builders::{Shape, build};
use clusterspec::structure::molecular::{
    Au25Site, Hand, au25, carbon_centred_antiprism, carbon_centred_octahedron,
};
use clusterspec::structure::thiolate::au25_thiolate;
use clusterspec::structure::xyz::read_xyz;
use clusterspec::{Cluster, Element, Error, Result};

/// Structures `build` knows.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ShapeName {
    /// Mackay icosahedron, --shells around a central atom (1: 13, 2: 55, 3: 147, 4: 309 atoms).
    Icosahedron,
    /// Cuboctahedron, --shells around a central atom (1: 13, 2: 55, 3: 147).
    Cuboctahedron,
    /// Regular fcc octahedron with --length atoms per edge.
    Octahedron,
    /// fcc octahedron of edge --length with --cutoff layers cut at each vertex.
    TruncatedOctahedron,
    /// Ino (--r 0) or Marks (--r > 0) decahedron, ASE's p, q, r.
    Decahedron,
    /// Every fcc site within --radius Å of a central atom.
    Sphere,
    /// Octahedral C@Au6 (core of [(Ph3PAu)6C]2+), C–Au --bond (default 2.12 Å).
    CAu6,
    /// Chiral C-centred bicapped square antiprism CAu4Ag6, --hand p|m,
    /// C–metal --bond (default 2.40 Å).
    CAu4ag6,
    /// Au25(SCH3)18 with every ligand atom (idealised, crystal-structure bond
    /// lengths; the anion as synthesised: --charge=-1), or with --bare the
    /// Au25 framework alone (Au13 icosahedron + 6 staple pairs); --dope-site
    /// centre|core|staple with --dopant for Au24M.
    Au25,
    /// Read --from FILE.xyz (to alloy or substitute an existing structure).
    Xyz,
}

/// Enantiomers of the chiral CAu4Ag6.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum HandName {
    /// Au pairs at azimuth 0°/180° (upper square) and 45°/225° (lower square).
    P,
    /// The mirror image of P (x → −x).
    M,
}

/// Kinds of site of the idealised Au25.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SiteName {
    /// The central atom of the Au13 icosahedron.
    Centre,
    /// One of the 12 icosahedral surface atoms (all equivalent).
    Core,
    /// One of the 12 staple atoms (all equivalent).
    Staple,
}

/// Arguments of `build`. Geometry follows ASE's `ase.cluster` exactly
/// (ASE's `Icosahedron(noshells)` has noshells = --shells + 1).
#[derive(Args, Debug)]
pub struct BuildArgs {
    /// The structure.
    #[arg(value_enum)]
    pub shape: ShapeName,
    /// Element of the pure cluster.
    #[arg(long, short, default_value = "Au")]
    pub element: Element,
    /// Shells around the central atom (icosahedron, cuboctahedron).
    #[arg(long, default_value_t = 2)]
    pub shells: usize,
    /// Atoms on each edge of the complete octahedron.
    #[arg(long, default_value_t = 5)]
    pub length: usize,
    /// Layers cut at each octahedron vertex.
    #[arg(long, default_value_t = 1)]
    pub cutoff: usize,
    /// Decahedron: atoms on the (100) facets perpendicular to the five-fold axis.
    #[arg(long, default_value_t = 2)]
    pub p: usize,
    /// Decahedron: atoms on the (100) facets parallel to the five-fold axis.
    #[arg(long, default_value_t = 2)]
    pub q: usize,
    /// Decahedron: depth of the Marks re-entrance (0: Ino decahedron).
    #[arg(long, default_value_t = 0)]
    pub r: usize,
    /// Sphere radius, Å.
    #[arg(long, default_value_t = 6.0)]
    pub radius: f64,
    /// Nearest-neighbour distance in Å (default: the bulk value, Au 2.884,
    /// Ag 2.889, Cu 2.556).
    #[arg(long)]
    pub bond: Option<f64>,
    /// Enantiomer of cau4ag6.
    #[arg(long, value_enum, default_value = "p")]
    pub hand: HandName,
    /// Au25: the metal framework alone (for tight binding, whose ligands are
    /// an electron count: --ligands 18 --charge=-1) instead of the whole
    /// Au25(SCH3)18 with every ligand atom (for --model dftb).
    #[arg(long)]
    pub bare: bool,
    /// Au25: replace one atom of this kind of site by --dopant.
    #[arg(long, value_enum)]
    pub dope_site: Option<SiteName>,
    /// Au25: the dopant element of --dope-site.
    #[arg(long, default_value = "Ag")]
    pub dopant: Element,
    /// Input structure for `xyz`.
    #[arg(long, value_name = "FILE.xyz")]
    pub from: Option<PathBuf>,
    /// Make a random alloy with this second element (see --fraction, --seed).
    #[arg(long, value_name = "ELEMENT")]
    pub alloy: Option<Element>,
    /// Fraction of atoms replaced by the --alloy element (exact count, rounded).
    #[arg(long, default_value_t = 0.5)]
    pub fraction: f64,
    /// Random seed of the alloy (same seed, same structure on every machine).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Core–shell: make the core of this element (see --core-shells, --core-radius).
    #[arg(long, value_name = "ELEMENT")]
    pub core: Option<Element>,
    /// Core = the central atom and this many shells (shells found by peeling
    /// surface layers).
    #[arg(long, default_value_t = 1)]
    pub core_shells: usize,
    /// Core = atoms within this radius (Å) of the centroid; overrides --core-shells.
    #[arg(long)]
    pub core_radius: Option<f64>,
    /// Substitute single atoms: INDEX:ELEMENT, 0-based file order; repeatable
    /// (--substitute 0:Ag --substitute 12:Cu).
    #[arg(long, value_name = "INDEX:ELEMENT")]
    pub substitute: Vec<String>,
    /// Output XYZ file.
    #[arg(long, short)]
    pub output: PathBuf,
}

/// Builds, alloys, substitutes and writes.
pub fn run(a: BuildArgs) -> Result<()> {
    let mut cluster = base(&a)?;
    if let Some(el) = a.core {
        let core = match a.core_radius {
            Some(r) => Core::Radius(r),
            None => Core::Shells(a.core_shells),
        };
        cluster = core_shell(&cluster, el, core)?;
    }
    if let Some(el) = a.alloy {
        cluster = random_alloy(&cluster, el, a.fraction, a.seed)?;
    }
    for spec in &a.substitute {
        let (index, el) = parse_substitution(spec)?;
        cluster = substitute(&cluster, index, el)?;
    }
    write_xyz(&cluster, &a.output)?;
    println!(
        "wrote {} ({}, {} atoms)",
        a.output.display(),
        cluster.formula(),
        cluster.len()
    );
    Ok(())
}

fn base(a: &BuildArgs) -> Result<Cluster> {
    let shape = match a.shape {
        ShapeName::Icosahedron => Shape::Icosahedron { shells: a.shells },
        ShapeName::Cuboctahedron => Shape::Cuboctahedron { shells: a.shells },
        ShapeName::Octahedron => Shape::Octahedron {
            length: a.length,
            cutoff: 0,
        },
        ShapeName::TruncatedOctahedron => {
            if a.cutoff == 0 {
                return Err(Error::invalid(
                    "truncated-octahedron needs --cutoff ≥ 1 (0 is the regular octahedron)",
                ));
            }
            Shape::Octahedron {
                length: a.length,
                cutoff: a.cutoff,
            }
        }
        ShapeName::Decahedron => Shape::Decahedron {
            p: a.p,
            q: a.q,
            r: a.r,
        },
        ShapeName::Sphere => Shape::Sphere { radius: a.radius },
        ShapeName::CAu6 => return carbon_centred_octahedron(a.bond),
        ShapeName::CAu4ag6 => {
            let hand = match a.hand {
                HandName::P => Hand::P,
                HandName::M => Hand::M,
            };
            return carbon_centred_antiprism(hand, a.bond);
        }
        ShapeName::Au25 => {
            return match a.dope_site {
                Some(site) => {
                    let site = match site {
                        SiteName::Centre => Au25Site::Centre,
                        SiteName::Core => Au25Site::Core,
                        SiteName::Staple => Au25Site::Staple,
                    };
                    let base = if a.bare { au25() } else { au25_thiolate() };
                    substitute(&base, site.index(), a.dopant)
                }
                None => Ok(if a.bare { au25() } else { au25_thiolate() }),
            };
        }
        ShapeName::Xyz => {
            let path = a
                .from
                .as_ref()
                .ok_or_else(|| Error::invalid("`build xyz` needs --from FILE.xyz"))?;
            return read_xyz(path);
        }
    };
    build(&shape, a.element, a.bond)
}

fn parse_substitution(spec: &str) -> Result<(usize, Element)> {
    let bad = || {
        Error::invalid(format!(
            "--substitute `{spec}`: expected INDEX:ELEMENT, e.g. 0:Ag"
        ))
    };
    let (i, el) = spec.split_once(':').ok_or_else(bad)?;
    let index = i.trim().parse().map_err(|_| bad())?;
    Ok((index, el.parse()?))
}
