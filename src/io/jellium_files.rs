//! Files of a `jellium` run: PREFIX_levels.png (level diagram), PREFIX.png
//! (TDLDA and single-particle cross-sections), PREFIX.csv and PREFIX.json;
//! all written or none.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{OutputSet, with_extension};
use crate::error::Result;
use crate::jellium::levels::Level;
use crate::jellium::{GroundState, Lines, Optics, OpticsRequest, ScfReport};
use crate::plot::{
    Curve, LevelBar, LevelDiagram, Marker, SpectrumPlot, Sticks, draw_levels, draw_spectrum,
};
use crate::units::{BOHR_ANGSTROM, HARTREE_EV, ev_to_nm};

/// Column names of the jellium CSV; densities per unit energy (eV).
pub const JELLIUM_HEADER: &str = "energy_eV,wavelength_nm,osc_strength_density_tdlda_per_eV,cross_section_tdlda_A2,osc_strength_density_single_particle_per_eV,cross_section_single_particle_A2";

/// One level in the report, eV.
#[derive(Serialize)]
pub struct LevelRow {
    pub label: String,
    pub l: usize,
    pub energy_ev: f64,
    pub occupation: f64,
    pub capacity: f64,
}

/// The JSON report.
#[derive(Serialize)]
pub struct JelliumReport<'a> {
    pub program: String,
    pub units: &'static str,
    pub backend: &'a str,
    pub element: &'a str,
    pub rs_bohr: f64,
    pub valence: u32,
    pub atoms: usize,
    pub charge: i32,
    pub electrons: f64,
    pub radius_bohr: f64,
    pub radius_angstrom: f64,
    pub spill_out_electrons: f64,
    pub fermi_level_ev: Option<f64>,
    pub homo_lumo_gap_ev: Option<f64>,
    pub self_consistency: &'a ScfReport,
    pub request: &'a OpticsRequest,
    pub dielectric_radius_bohr: f64,
    pub particle_hole_pairs: usize,
    pub sum_single_particle: f64,
    pub sum_coupled: f64,
    pub classical_resonance_ev: f64,
    pub plasmon_centroid_ev: Option<f64>,
    pub levels: Vec<LevelRow>,
    pub coupled_lines: &'a Lines,
    pub single_particle_lines: &'a Lines,
}

fn rows(levels: &[Level]) -> Vec<LevelRow> {
    levels
        .iter()
        .map(|l| LevelRow {
            label: l.label(),
            l: l.l,
            energy_ev: l.energy * HARTREE_EV,
            occupation: l.occupation,
            capacity: l.capacity(),
        })
        .collect()
}

/// The level diagram of `ground`: bound levels (ε < 0).
pub fn level_diagram(title: String, ground: &GroundState) -> LevelDiagram {
    LevelDiagram {
        title,
        levels: ground
            .levels
            .iter()
            .filter(|l| l.energy < 0.0)
            .map(|l| LevelBar {
                label: l.label(),
                l: l.l,
                energy: l.energy * HARTREE_EV,
                occupation: l.occupation,
                capacity: l.capacity(),
            })
            .collect(),
        fermi: ground.fermi_level().unwrap_or(0.0) * HARTREE_EV,
    }
}

/// The spectrum plot: TDLDA and single-particle σ(E) with TDLDA sticks.
pub fn jellium_plot<'a>(title: String, optics: &'a Optics) -> SpectrumPlot<'a> {
    let grid = &optics.coupled_spectrum.grid;
    let mut markers = vec![Marker {
        energy: optics.classical_ev,
        label: format!("classical {:.2} eV", optics.classical_ev),
    }];
    if let Some(p) = optics.plasmon_ev {
        markers.push(Marker {
            energy: p,
            label: format!("centroid {p:.2} eV"),
        });
    }
    SpectrumPlot {
        title,
        y_quantity: "σ".into(),
        y_unit: "Å²".into(),
        x_range: (grid.start, grid.end),
        curves: vec![
            Curve {
                label: "TDLDA".into(),
                energy: &optics.coupled_spectrum.energy_ev,
                values: &optics.coupled_spectrum.cross_section,
                spread: None,
            },
            Curve {
                label: "single particle (Kohn–Sham)".into(),
                energy: &optics.single_spectrum.energy_ev,
                values: &optics.single_spectrum.cross_section,
                spread: None,
            },
        ],
        sticks: Some(Sticks {
            energy: &optics.coupled.energy_ev,
            strength: &optics.coupled.strength,
        }),
        note: "σ per unit energy; grey sticks: TDLDA oscillator strengths (right axis)".into(),
        markers,
    }
}

fn spectra_csv(optics: &Optics) -> String {
    let (c, s) = (&optics.coupled_spectrum, &optics.single_spectrum);
    let mut out = String::from(JELLIUM_HEADER);
    out.push('\n');
    for k in 0..c.energy_ev.len() {
        out.push_str(&format!(
            "{:.6},{:.4},{:.8e},{:.8e},{:.8e},{:.8e}\n",
            c.energy_ev[k],
            ev_to_nm(c.energy_ev[k]),
            c.density_per_ev[k],
            c.cross_section[k],
            s.density_per_ev[k],
            s.cross_section[k]
        ));
    }
    out
}

/// Writes every file of a run; returns their paths.
pub fn write_jellium_files(
    prefix: &Path,
    ground: &GroundState,
    optics: &Optics,
    request: &OpticsRequest,
    backend: &str,
    svg: bool,
) -> Result<Vec<PathBuf>> {
    let spec = &ground.spec;
    let name = format!("{}{}", spec.material.name, spec.atoms);
    let charge = match spec.charge {
        0 => String::new(),
        q => format!(" (charge {q:+})"),
    };
    let mut out = OutputSet::new();
    let stem = prefix
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let levels_prefix = prefix.with_file_name(format!("{stem}_levels"));
    let diagram = level_diagram(
        format!(
            "{name}{charge} jellium: {} electrons, Kohn–Sham LDA levels",
            spec.electrons()
        ),
        ground,
    );
    let plot = jellium_plot(
        format!(
            "{name}{charge} jellium: TDLDA{} — {} FWHM {:.2} eV",
            if request.d_background.is_some() {
                " with d background"
            } else {
                ""
            },
            request.shape.name(),
            request.fwhm
        ),
        optics,
    );
    let mut exts = vec!["png"];
    if svg {
        exts.push("svg");
    }
    for ext in exts {
        draw_levels(&diagram, &out.stage(&with_extension(&levels_prefix, ext)))?;
        draw_spectrum(&plot, &out.stage(&with_extension(prefix, ext)))?;
    }
    out.write(
        &with_extension(prefix, "csv"),
        spectra_csv(optics).as_bytes(),
    )?;
    let report = JelliumReport {
        program: format!("clusterspec {}", env!("CARGO_PKG_VERSION")),
        units: "energies eV, lengths bohr unless named otherwise, oscillator strengths dimensionless",
        backend,
        element: &spec.material.name,
        rs_bohr: spec.material.rs_bohr,
        valence: spec.material.valence,
        atoms: spec.atoms,
        charge: spec.charge,
        electrons: spec.electrons(),
        radius_bohr: spec.radius(),
        radius_angstrom: spec.radius() * BOHR_ANGSTROM,
        spill_out_electrons: ground.spill_out(),
        fermi_level_ev: ground.fermi_level().map(|e| e * HARTREE_EV),
        homo_lumo_gap_ev: ground.gap().map(|e| e * HARTREE_EV),
        self_consistency: &ground.report,
        request,
        dielectric_radius_bohr: optics.dielectric_radius_bohr,
        particle_hole_pairs: optics.pairs,
        sum_single_particle: optics.single.strength_sum(),
        sum_coupled: optics.coupled.strength_sum(),
        classical_resonance_ev: optics.classical_ev,
        plasmon_centroid_ev: optics.plasmon_ev,
        levels: rows(&ground.levels),
        coupled_lines: &optics.coupled,
        single_particle_lines: &optics.single,
    };
    out.write_json(&with_extension(prefix, "json"), &report)?;
    out.commit()
}
