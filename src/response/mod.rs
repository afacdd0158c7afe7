//! The one result type every model produces and every output consumes.
//!
//! A model turns its input into a [`Calculation`]: one or more labelled
//! [`Component`]s, each a [`Response`] — discrete [`Lines`] (excitation
//! energy, oscillator strength, dipole, optionally rotatory strength) or a
//! [`Density`] already on an energy grid (for solvers that give α(ω)
//! directly). [`spectrum`] broadens lines (densities pass through), [`peaks`]
//! finds band maxima, and the writers in `io` and `plot` take only these
//! types, whatever model made them.

pub mod emission;
pub mod groups;
pub mod lines;
pub mod peaks;
pub mod spectrum;

use serde::Serialize;

pub use lines::Lines;
pub use peaks::{Edge, Peak, main_peak, peaks, rising_edge};
pub use spectrum::{Broadening, Spectrum, spectra, spectrum};

use crate::spectrum::EnergyGrid;

/// An oscillator-strength density already on an energy grid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Density {
    pub grid: EnergyGrid,
    /// S(E), eV⁻¹: Σf per unit energy.
    pub oscillator_strength_density: Vec<f64>,
    /// Σ R g(E), 10⁻⁴⁰ esu² cm² per eV, when the model gives rotatory strengths.
    pub rotatory_density: Option<Vec<f64>>,
    /// The discrete lines this density broadens, when known (the
    /// single-particle transitions under χ⁰); drawn as sticks.
    pub poles: Option<Lines>,
}

/// What a model computes for one response.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    Lines(Lines),
    Density(Density),
}

impl Response {
    /// The lines, when the response is discrete or a density knows its
    /// poles.
    pub fn lines(&self) -> Option<&Lines> {
        match self {
            Response::Lines(l) => Some(l),
            Response::Density(d) => d.poles.as_ref(),
        }
    }
}

/// How a component is drawn and named in tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The result of the calculation (solid line, unnamed CSV columns).
    Main,
    /// A comparison, e.g. the single-particle spectrum beside RPA (dashed).
    Reference,
}

/// One labelled response of a calculation.
#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    /// Legend label, e.g. "TDLDA" or "single particle".
    pub label: String,
    /// Short name for CSV column suffixes and JSON keys, e.g. "single_particle".
    pub key: String,
    pub role: Role,
    pub response: Response,
}

impl Component {
    /// The band maxima of this component's spectrum `s`; when the response
    /// has lines, each band's oscillator strength is the sum of its lines
    /// ([`peaks::peaks_from_lines`]), else the integral of the curve.
    pub fn peaks(&self, s: &Spectrum) -> Vec<Peak> {
        match self.response.lines() {
            Some(lines) => peaks::peaks_from_lines(s, lines),
            None => peaks(s),
        }
    }
}

/// A labelled energy (eV) worth marking on a plot (a classical resonance,
/// a plasmon).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Marker {
    pub energy_ev: f64,
    pub label: String,
}

/// A one-electron level for a level diagram.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Level {
    pub label: String,
    /// Column of the diagram (the angular momentum l for jellium).
    pub column: usize,
    /// Energy, eV.
    pub energy_ev: f64,
    pub occupation: f64,
    pub capacity: f64,
}

/// One-electron levels with the Fermi level, eV.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Levels {
    pub levels: Vec<Level>,
    pub fermi_ev: f64,
    /// Column titles (e.g. "s", "p", "d").
    pub columns: Vec<String>,
}

/// The system a calculation describes, for titles and reports.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct System {
    /// Formula or name, e.g. "Au55" or "Na20 (jellium)".
    pub name: String,
    /// Where it came from (a file, a builder).
    pub source: String,
    pub atoms: usize,
    /// Net charge, e.
    pub charge: i32,
    /// One-electron-withdrawing ligands counted (0 when none).
    pub ligands: u32,
}

impl System {
    /// "Au25 (−1, 18 ligands)" style name with charge and ligands when set.
    pub fn title(&self) -> String {
        let mut extras = Vec::new();
        if self.charge != 0 {
            extras.push(format!("charge {:+}", self.charge));
        }
        if self.ligands != 0 {
            extras.push(format!("{} ligands", self.ligands));
        }
        if extras.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, extras.join(", "))
        }
    }
}

/// What a plot of the spectra shows on its left axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    /// ε, M⁻¹ cm⁻¹ (chemists' choice).
    MolarAbsorptivity,
    /// σ, Å² (physicists' choice for bare clusters).
    CrossSection,
}

/// Everything a model returns: the responses, what to mark on the plot, an
/// optional level diagram, and the model's own report (ground state,
/// parameters, sum rules) as JSON for the output file.
#[derive(Clone, Debug)]
pub struct Calculation {
    pub system: System,
    /// Model and response in words, e.g. "s tight binding, single particle".
    pub model: String,
    /// The main component first, then references.
    pub components: Vec<Component>,
    pub markers: Vec<Marker>,
    pub levels: Option<Levels>,
    /// What the plots show.
    pub quantity: Quantity,
    /// The model's report (serialisable, model-specific).
    pub report: serde_json::Value,
    /// The references to cite for the parameters and data the calculation
    /// used (written into the run header of its files); empty when the
    /// model's parameters are this project's own.
    pub citations: Vec<String>,
}

impl Calculation {
    /// The main component.
    pub fn main(&self) -> &Component {
        self.components
            .iter()
            .find(|c| c.role == Role::Main)
            .unwrap_or(&self.components[0])
    }

    /// The lines of the main component, or of the first component with lines.
    pub fn lines(&self) -> Option<&Lines> {
        self.main()
            .response
            .lines()
            .or_else(|| self.components.iter().find_map(|c| c.response.lines()))
    }
}
