//! A trend plot: peak energy (eV, left axis; wavelength in nm on the right
//! at the same ticks) against composition, with ±spread error bars.

use std::path::Path;

use plotters::prelude::*;

use super::spectrum::COLOURS;
use super::{FONT, register_fonts};
use crate::error::Result;
use crate::units::ev_to_nm;

/// Points (x, energy eV, spread eV) with their axis titles.
pub struct TrendPlot<'a> {
    pub title: String,
    pub x_label: String,
    pub points: &'a [(f64, f64, f64)],
    /// What the points are, e.g. "main peak": the axes read "main peak (eV)"
    /// and "main peak (nm)".
    pub quantity: String,
    /// Join the points with a line (one value per x); otherwise markers
    /// only (several bands at one x).
    pub joined: bool,
}

/// Draws the trend to a PNG (or SVG by extension).
pub fn draw_trend(plot: &TrendPlot, path: &Path) -> Result<()> {
    register_fonts();
    draw_to_file!(path, (1400, 900), render, plot)
}

fn render<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    plot: &TrendPlot,
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let xs = plot.points.iter().map(|p| p.0);
    let (x0, x1) = (
        xs.clone().fold(f64::INFINITY, f64::min),
        xs.fold(f64::NEG_INFINITY, f64::max),
    );
    let lo = plot
        .points
        .iter()
        .map(|p| p.1 - p.2)
        .fold(f64::INFINITY, f64::min);
    let hi = plot
        .points
        .iter()
        .map(|p| p.1 + p.2)
        .fold(f64::NEG_INFINITY, f64::max);
    let pad = ((hi - lo) * 0.1).max(0.02);
    let (xpad, (y0, y1)) = (((x1 - x0) * 0.05).max(0.02), (lo - pad, hi + pad));
    let mut chart = ChartBuilder::on(root)
        .caption(&plot.title, (FONT, 26))
        .margin(24)
        .x_label_area_size(70)
        .y_label_area_size(100)
        .right_y_label_area_size(100)
        .build_cartesian_2d(x0 - xpad..x1 + xpad, y0..y1)?
        .set_secondary_coord(x0 - xpad..x1 + xpad, y0..y1);
    chart
        .configure_mesh()
        .x_desc(plot.x_label.clone())
        .y_desc(format!("{} (eV)", plot.quantity))
        .label_style((FONT, 20))
        .axis_desc_style((FONT, 22))
        .y_label_formatter(&|e| format!("{e:.2}"))
        .draw()?;
    chart
        .configure_secondary_axes()
        .y_desc(format!("{} (nm)", plot.quantity))
        .label_style((FONT, 20))
        .axis_desc_style((FONT, 22))
        .y_label_formatter(&|e| format!("{:.0}", ev_to_nm(*e)))
        .draw()?;
    let colour = COLOURS[0];
    chart.draw_series(
        plot.points
            .iter()
            .map(|&(x, y, s)| ErrorBar::new_vertical(x, y - s, y, y + s, colour.filled(), 12)),
    )?;
    if plot.joined {
        chart.draw_series(LineSeries::new(
            plot.points.iter().map(|&(x, y, _)| (x, y)),
            colour.stroke_width(2),
        ))?;
    }
    chart.draw_series(
        plot.points
            .iter()
            .map(|&(x, y, _)| Circle::new((x, y), 6, colour.filled())),
    )?;
    Ok(())
}
