//! The surface plasmon of spherical jellium clusters against size: Na, and
//! Ag with and without its d-electron background (TDLDA), next to the
//! classical Mie energies; and the shell structure of Na_N as the
//! HOMO–LUMO gap against N, for Na and Ag. Writes jellium_plasmon_size.png and
//! jellium_shells.png.

use clusterspec::Engine;
use clusterspec::jellium::{JelliumSpec, Material, ResponseOptions, ground_state, optics};
use clusterspec::plot::{Reference, Series, SeriesPlot, draw_series};
use clusterspec::units::HARTREE_EV;
use rayon::prelude::*;

/// Closed-shell sizes (electron counts of the jellium shells).
const SIZES: [usize; 10] = [8, 20, 40, 58, 92, 138, 198, 254, 338, 440];

fn plasmons(element: &str, with_d: bool) -> anyhow::Result<Vec<(f64, f64)>> {
    let material = Material::element(element)?;
    let engine = Engine::cpu();
    SIZES
        .par_iter()
        .map(|&n| {
            let ground = ground_state(&JelliumSpec::new(material.clone(), n))?;
            let mut request = ResponseOptions::new();
            request.d_background = if with_d { material.d_background } else { None };
            let result = optics(&engine, &ground, &request)?;
            let peak = result
                .centroid_ev
                .ok_or_else(|| anyhow::anyhow!("no plasmon for N = {n}"))?;
            Ok((n as f64, peak))
        })
        .collect()
}

fn main() -> anyhow::Result<()> {
    let na = Material::element("Na")?;
    let ag = Material::element("Ag")?;
    let d = ag.d_background.expect("Ag has a d background");
    let size_plot = SeriesPlot {
        title: "Jellium surface plasmon (TDLDA f-centroid) against size".into(),
        x_label: "atoms N".into(),
        y_label: "plasmon energy (eV)".into(),
        series: vec![
            Series {
                label: "Na".into(),
                points: plasmons("Na", false)?,
            },
            Series {
                label: "Ag, s electrons only".into(),
                points: plasmons("Ag", false)?,
            },
            Series {
                label: format!(
                    "Ag with d background (ε_d {}, skin {} bohr)",
                    d.epsilon, d.skin_bohr
                ),
                points: plasmons("Ag", true)?,
            },
        ],
        references: vec![
            Reference {
                y: na.mie_ev(),
                label: "Na: ħω_p/√3".into(),
                colour_of: 0,
            },
            Reference {
                y: ag.mie_ev(),
                label: "Ag: ħω_p/√3".into(),
                colour_of: 1,
            },
            Reference {
                y: ag.screened_mie_ev(&d),
                label: "Ag: ħω_p/√(2+ε_d)".into(),
                colour_of: 2,
            },
        ],
    };
    draw_series(&size_plot, std::path::Path::new("jellium_plasmon_size.png"))?;
    for s in &size_plot.series {
        let text: Vec<String> = s
            .points
            .iter()
            .map(|(n, e)| format!("{n}: {e:.2}"))
            .collect();
        println!("{}: {}", s.label, text.join(", "));
    }

    let gaps = |material: &Material| -> anyhow::Result<Vec<(f64, f64)>> {
        (2..=100usize)
            .into_par_iter()
            .map(|n| {
                let ground = ground_state(&JelliumSpec::new(material.clone(), n))?;
                Ok((n as f64, ground.gap().unwrap_or(0.0) * HARTREE_EV))
            })
            .collect()
    };
    let shells = SeriesPlot {
        title: "Jellium (LDA) HOMO–LUMO gap: shells close at 2, 8, 18, 20, 34, 40, 58, 68 (Ag), 92"
            .into(),
        x_label: "electrons N".into(),
        y_label: "HOMO–LUMO gap (eV)".into(),
        series: vec![
            Series {
                label: "Na".into(),
                points: gaps(&na)?,
            },
            Series {
                label: "Ag".into(),
                points: gaps(&ag)?,
            },
        ],
        references: Vec::new(),
    };
    draw_series(&shells, std::path::Path::new("jellium_shells.png"))?;
    println!("wrote jellium_plasmon_size.png and jellium_shells.png");
    Ok(())
}
