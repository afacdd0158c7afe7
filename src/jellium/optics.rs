//! From a ground state to the dipole response: the particle–hole space,
//! the single-particle and TDLDA lines (the Casida matrix built by the
//! engine, GPU or CPU), the classical resonance and the plasmon; and the
//! whole jellium calculation as a [`Model`].

use serde::Serialize;
use serde_json::json;

use super::casida::{Coupling, coupling_factors, excitations};
use super::levels::LETTERS;
use super::material::DBackground;
use super::pairs::{particle_hole_space, single_particle_lines};
use super::poisson::DipoleGreen;
use super::scf::{GroundState, JelliumSpec, ground_state};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::model::Model;
use crate::progress::Progress;
use crate::response::{
    Broadening, Calculation, Component, Level, Levels, Lines, Marker, Quantity, Response, Role,
    Spectrum, System, peaks,
};
use crate::spectrum::lineshape::lorentzian;
use crate::spectrum::{EnergyGrid, LineShape};
use crate::units::{BOHR_ANGSTROM, HARTREE_EV};

/// What to compute from a ground state.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResponseOptions {
    /// The d-electron background, if any.
    pub d_background: Option<DBackground>,
    /// Largest particle–hole energy kept, eV. The default 13.6 eV
    /// (0.5 hartree) keeps > 99.9 % of the single-particle sum rule of Na₈ …
    /// Na₁₀₀₀.
    pub max_excitation_ev: f64,
    /// Coupling: TDLDA or off.
    pub coupling: Coupling,
}

impl ResponseOptions {
    /// TDLDA up to 13.6 eV, without a d background.
    pub fn new() -> Self {
        ResponseOptions {
            d_background: None,
            max_excitation_ev: 0.5 * HARTREE_EV,
            coupling: Coupling::Tdlda,
        }
    }
}

impl Default for ResponseOptions {
    fn default() -> Self {
        Self::new()
    }
}

/// The lines of one cluster and what they are compared with.
#[derive(Clone, Debug, Serialize)]
pub struct Optics {
    /// Independent-particle lines.
    pub single: Lines,
    /// Lines of the requested coupling (TDLDA unless switched off).
    pub coupled: Lines,
    /// Number of particle–hole pairs.
    pub pairs: usize,
    /// Classical resonance ħω_p/√3 (no d) or ħω_p/√(2 + ε_d), eV.
    pub classical_ev: f64,
    /// The plasmon, eV: the band of the coupled lines holding the most
    /// oscillator strength (see [`dominant_band`]), wherever it lies.
    pub plasmon_ev: Option<f64>,
    /// Oscillator-strength centroid of the coupled lines below
    /// [`PLASMON_WINDOW`] × `classical_ev`, eV (the plasmon's mean
    /// position when it is fragmented).
    pub centroid_ev: Option<f64>,
    /// Radius of the d dielectric, bohr (0 without).
    pub dielectric_radius_bohr: f64,
}

/// Upper end of the plasmon window in units of the classical resonance:
/// wide enough to hold the fragmented surface plasmon, low enough to leave
/// out the particle–hole continuum above it (with a d background, the
/// unscreened strength left near ħω_p/√3).
pub const PLASMON_WINDOW: f64 = 1.25;

/// The l = 1 Green's function for `ground` with background `d`.
pub fn green_for(ground: &GroundState, d: Option<DBackground>) -> Result<DipoleGreen> {
    let Some(d) = d else {
        return Ok(DipoleGreen::vacuum());
    };
    let radius = ground.spec.radius() - d.skin_bohr;
    if d.epsilon.is_nan() || d.epsilon < 1.0 || radius <= 0.0 {
        return Err(Error::Invalid(format!(
            "jellium: the d background (ε_d = {}, skin {} bohr) needs ε_d ≥ 1 and a skin thinner than R = {:.2} bohr",
            d.epsilon,
            d.skin_bohr,
            ground.spec.radius()
        )));
    }
    Ok(DipoleGreen {
        epsilon: d.epsilon,
        radius,
    })
}

/// Width (eV, FWHM of a Lorentzian) with which the coupled lines are
/// broadened to find the plasmon band: lines closer than this merge into
/// one band, as the fragments of a surface plasmon do in experiment
/// (measured widths of small-cluster plasmons are 0.2–0.5 eV).
pub const PLASMON_FWHM_EV: f64 = 0.2;

/// The position (eV) of the band holding the most oscillator strength in
/// `lines` broadened by [`PLASMON_FWHM_EV`]: the spectrum is sampled every
/// 5 meV from 0.05 eV to 1 eV above the highest line, its band maxima are
/// found with their strengths (∫S dE between the minima around them), and
/// the strongest band by that integral wins.
pub fn dominant_band(lines: &Lines) -> Option<f64> {
    let top = lines.energy.iter().copied().fold(0.0, f64::max) + 1.0;
    let points =
        (((top - 0.05) / 0.005).ceil() as usize).clamp(3, crate::spectrum::grid::MAX_POINTS);
    let grid = EnergyGrid::new(0.05, top, points).ok()?;
    let b = Broadening::new(grid, LineShape::Lorentzian, PLASMON_FWHM_EV).ok()?;
    let density: Vec<f64> = grid
        .energies()
        .iter()
        .map(|e| {
            lines
                .energy
                .iter()
                .zip(&lines.oscillator_strength)
                .map(|(el, f)| f * lorentzian(e - el, PLASMON_FWHM_EV))
                .sum()
        })
        .collect();
    let s = Spectrum::from_density(b, density, None);
    peaks(&s)
        .into_iter()
        .max_by(|a, b| a.oscillator_strength.total_cmp(&b.oscillator_strength))
        .map(|p| p.energy_ev)
}

/// Oscillator-strength centroid (eV) of `lines` below `limit_ev`.
pub fn centroid_below(lines: &Lines, limit_ev: f64) -> Option<f64> {
    let (mut moment, mut total) = (0.0, 0.0);
    for (e, f) in lines.energy.iter().zip(&lines.oscillator_strength) {
        if *e < limit_ev {
            moment += e * f;
            total += f;
        }
    }
    (total > 0.0).then(|| moment / total)
}

/// The single-particle and coupled lines of `ground`.
pub fn optics(engine: &Engine, ground: &GroundState, opts: &ResponseOptions) -> Result<Optics> {
    if !(opts.max_excitation_ev.is_finite() && opts.max_excitation_ev > 0.0) {
        return Err(Error::setting(
            "max_excitation",
            opts.max_excitation_ev,
            "the largest particle–hole energy must be positive (eV)",
        ));
    }
    let green = green_for(ground, opts.d_background)?;
    let space = particle_hole_space(ground, opts.max_excitation_ev / HARTREE_EV, green)?;
    let factors = coupling_factors(ground, &space);
    let omega = engine.casida_matrix(&factors, opts.coupling.scale())?;
    let coupled = excitations(&space, &factors, &omega)?;
    let material = &ground.spec.material;
    let classical_ev = match opts.d_background {
        Some(d) => material.screened_mie_ev(&d),
        None => material.mie_ev(),
    };
    Ok(Optics {
        single: single_particle_lines(&space),
        plasmon_ev: dominant_band(&coupled),
        centroid_ev: centroid_below(&coupled, PLASMON_WINDOW * classical_ev),
        pairs: space.len(),
        classical_ev,
        dielectric_radius_bohr: green.radius,
        coupled,
    })
}

/// A spherical jellium cluster and the response to compute.
pub struct JelliumSpectrum {
    pub spec: JelliumSpec,
    pub options: ResponseOptions,
}

impl JelliumSpectrum {
    fn levels(ground: &GroundState) -> Levels {
        let bound: Vec<Level> = ground
            .levels
            .iter()
            .filter(|l| l.energy < 0.0)
            .map(|l| Level {
                label: l.label(),
                column: l.l,
                energy_ev: l.energy * HARTREE_EV,
                occupation: l.occupation,
                capacity: l.capacity(),
            })
            .collect();
        let columns = bound.iter().map(|l| l.column).max().map_or(0, |m| m + 1);
        Levels {
            levels: bound,
            fermi_ev: ground.fermi_level().unwrap_or(0.0) * HARTREE_EV,
            columns: (0..columns)
                .map(|l| (LETTERS[l % LETTERS.len()] as char).to_string())
                .collect(),
        }
    }

    fn report(&self, ground: &GroundState, o: &Optics) -> serde_json::Value {
        let spec = &self.spec;
        json!({
            "units": "energies eV, lengths bohr unless named otherwise, oscillator strengths dimensionless",
            "element": spec.material.name,
            "rs_bohr": spec.material.rs_bohr,
            "valence": spec.material.valence,
            "atoms": spec.atoms,
            "charge": spec.charge,
            "electrons": spec.electrons(),
            "radius_bohr": spec.radius(),
            "radius_angstrom": spec.radius() * BOHR_ANGSTROM,
            "spill_out_electrons": ground.spill_out(),
            "fermi_level_ev": ground.fermi_level().map(|e| e * HARTREE_EV),
            "homo_lumo_gap_ev": ground.gap().map(|e| e * HARTREE_EV),
            "self_consistency": ground.report,
            "response": self.options,
            "dielectric_radius_bohr": o.dielectric_radius_bohr,
            "particle_hole_pairs": o.pairs,
            "sum_single_particle": o.single.strength_sum(),
            "sum_coupled": o.coupled.strength_sum(),
            "classical_resonance_ev": o.classical_ev,
            "plasmon_ev": o.plasmon_ev,
            "plasmon_rule": "the band of the coupled lines broadened by a 0.2 eV Lorentzian that holds the most oscillator strength",
            "plasmon_centroid_ev": o.centroid_ev,
            "levels": ground.levels.iter().map(|l| json!({
                "label": l.label(),
                "l": l.l,
                "energy_ev": l.energy * HARTREE_EV,
                "occupation": l.occupation,
                "capacity": l.capacity(),
            })).collect::<Vec<_>>(),
        })
    }
}

impl JelliumSpectrum {
    /// The ground state and the lines.
    pub fn solve(&self, engine: &Engine, progress: &dyn Progress) -> Result<(GroundState, Optics)> {
        progress.stage(&format!(
            "self-consistent LDA for {} electrons",
            self.spec.electrons()
        ));
        let ground = ground_state(&self.spec)?;
        progress.stage("particle–hole space and Casida matrix");
        let o = optics(engine, &ground, &self.options)?;
        Ok((ground, o))
    }

    /// The calculation from solved parts (what [`Model::compute`] returns).
    pub fn calculation(&self, ground: &GroundState, o: Optics) -> Calculation {
        let report = self.report(ground, &o);
        let mut markers = vec![Marker {
            energy_ev: o.classical_ev,
            label: format!("classical {:.2} eV", o.classical_ev),
        }];
        if let Some(p) = o.plasmon_ev {
            markers.push(Marker {
                energy_ev: p,
                label: format!("plasmon {p:.2} eV"),
            });
        }
        let coupled_label = match self.options.coupling {
            Coupling::Tdlda => "TDLDA",
            Coupling::Off => "no coupling",
        };
        let spec = &self.spec;
        Calculation {
            system: System {
                name: format!("{}{}", spec.material.name, spec.atoms),
                source: "spherical jellium".into(),
                atoms: spec.atoms,
                charge: spec.charge,
                ligands: 0,
            },
            model: format!(
                "jellium, {coupled_label}{}",
                if self.options.d_background.is_some() {
                    " with d background"
                } else {
                    ""
                }
            ),
            components: vec![
                Component {
                    label: coupled_label.into(),
                    key: "coupled".into(),
                    role: Role::Main,
                    response: Response::Lines(o.coupled),
                },
                Component {
                    label: "single particle (Kohn–Sham)".into(),
                    key: "single_particle".into(),
                    role: Role::Reference,
                    response: Response::Lines(o.single),
                },
            ],
            markers,
            quantity: Quantity::CrossSection,
            levels: Some(Self::levels(ground)),
            report,
            citations: Vec::new(),
        }
    }
}

impl Model for JelliumSpectrum {
    fn compute(
        &self,
        engine: &Engine,
        _broadening: &Broadening,
        progress: &dyn Progress,
    ) -> Result<Calculation> {
        let (ground, o) = self.solve(engine, progress)?;
        Ok(self.calculation(&ground, o))
    }
}
