//! Kohn–Sham level diagram: one column per angular momentum (s, p, d, …),
//! each level a bar at its energy (eV), filled levels solid, partly filled
//! orange, empty grey, labelled "1d 10/10", with the Fermi level dashed.

use std::path::Path;

use plotters::prelude::*;

use super::ticks::{TickedAxis, linear_ticks};
use super::{FONT, register_fonts};
use crate::error::Result;
use crate::response::Levels;

/// A level diagram with its title.
pub struct LevelDiagram<'a> {
    pub title: String,
    /// Axis title of the energies, e.g. "Kohn–Sham level energy (eV)".
    pub energy_label: String,
    /// Axis title of the columns, e.g. "angular momentum l".
    pub column_label: String,
    pub levels: &'a Levels,
}

/// Draws the diagram to a PNG (or SVG by extension).
pub fn draw_levels(diagram: &LevelDiagram, path: &Path) -> Result<()> {
    register_fonts();
    draw_to_file!(path, (1000, 1100), 1.0, render, diagram)
}

fn render<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    scale: f64,
    diagram: &LevelDiagram,
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |x: f64| (x * scale).round() as i32;
    let font = |size: i32| (FONT, px(size as f64)).into_font();
    root.fill(&WHITE)?;
    let d = diagram.levels;
    let fermi = d.fermi_ev;
    let l_max = d.columns.len().saturating_sub(1);
    let lo = d.levels.iter().map(|l| l.energy_ev).fold(fermi, f64::min);
    let hi = d.levels.iter().map(|l| l.energy_ev).fold(fermi, f64::max);
    let pad = 0.06 * (hi - lo).max(0.5);
    let y_ticks = linear_ticks(lo - pad, hi + pad, 8);
    let mut chart = ChartBuilder::on(root)
        .caption(&diagram.title, font(24))
        .margin(px(20.0))
        .x_label_area_size(px(50.0))
        .y_label_area_size(px(80.0))
        .build_cartesian_2d(
            -0.5..l_max as f64 + 0.5,
            TickedAxis::new(lo - pad, hi + pad, &y_ticks),
        )?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc(diagram.column_label.clone())
        .y_desc(diagram.energy_label.clone())
        .label_style(font(16))
        .axis_desc_style(font(18))
        .x_labels(l_max + 2)
        .x_label_formatter(&|x| {
            let l = x.round();
            if (x - l).abs() < 1e-6 && l >= 0.0 && (l as usize) < d.columns.len() {
                format!("{} ({l})", d.columns[l as usize])
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|e| y_ticks.label_at(*e))
        .draw()?;
    let full = RGBColor(0, 114, 178);
    let partial = RGBColor(213, 94, 0);
    let empty = RGBColor(150, 150, 150);
    for level in &d.levels {
        let fraction = level.occupation / level.capacity;
        let colour = if fraction > 0.9999 {
            full
        } else if fraction > 1e-4 {
            partial
        } else {
            empty
        };
        let x = level.column as f64;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x - 0.3, level.energy_ev), (x + 0.3, level.energy_ev)],
            colour.stroke_width(px(4.0) as u32),
        )))?;
        let label = format!(
            "{} {}/{}",
            level.label,
            trim(level.occupation),
            level.capacity as usize
        );
        chart.draw_series(std::iter::once(
            EmptyElement::at((x - 0.3, level.energy_ev))
                + Text::new(label, (0, -px(20.0)), font(16).color(&colour)),
        ))?;
    }
    let red = RGBColor(204, 0, 0);
    let x1 = l_max as f64 + 0.5;
    let dashes = (0..60).map(|k| {
        let a = -0.5 + (x1 + 0.5) * k as f64 / 60.0;
        let b = a + 0.5 * (x1 + 0.5) / 60.0;
        PathElement::new(
            vec![(a, fermi), (b, fermi)],
            red.stroke_width(px(2.0) as u32),
        )
    });
    chart.draw_series(dashes)?;
    chart.draw_series(std::iter::once(
        EmptyElement::at((-0.45, fermi))
            + Text::new(
                format!("Fermi level {fermi:.2} eV"),
                (0, px(6.0)),
                font(16).color(&red),
            ),
    ))?;
    Ok(())
}

/// "10", "2.5", "0.33": occupations without needless decimals.
fn trim(x: f64) -> String {
    if (x - x.round()).abs() < 1e-3 {
        format!("{}", x.round() as i64)
    } else {
        format!("{x:.2}")
    }
}
