//! A trend plot: peak energy (eV, left axis; wavelength in nm on the right
//! at the same ticks) against composition, with ±spread error bars.

use std::path::Path;

use plotters::prelude::*;

use super::style::COLOURS;
use super::ticks::{TickedAxis, linear_ticks, reciprocal_ticks};
use super::{FONT, register_fonts};
use crate::error::Result;

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
    draw_to_file!(path, (1400, 900), 1.0, render, plot)
}

fn render<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    scale: f64,
    plot: &TrendPlot,
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |x: f64| (x * scale).round() as i32;
    let font = |size: f64| (FONT, px(size)).into_font();
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
    let (x0, x1) = (x0 - xpad, x1 + xpad);
    let x_ticks = linear_ticks(x0, x1, 8);
    let y_ticks = linear_ticks(y0, y1, 7);
    let nm_ticks = reciprocal_ticks(y0, y1, 0.08);
    let mut chart = ChartBuilder::on(root)
        .caption(&plot.title, font(26.0))
        .margin(px(24.0))
        .x_label_area_size(px(70.0))
        .y_label_area_size(px(100.0))
        .right_y_label_area_size(px(100.0))
        .build_cartesian_2d(
            TickedAxis::new(x0, x1, &x_ticks),
            TickedAxis::new(y0, y1, &y_ticks),
        )?
        .set_secondary_coord(x0..x1, TickedAxis::new(y0, y1, &nm_ticks));
    chart
        .configure_mesh()
        .x_desc(plot.x_label.clone())
        .y_desc(format!("{} (eV)", plot.quantity))
        .set_all_tick_mark_size(px(5.0))
        .label_style(font(20.0))
        .axis_desc_style(font(22.0))
        .light_line_style(WHITE)
        .bold_line_style(BLACK.mix(0.08))
        .x_label_formatter(&|x| x_ticks.label_at(*x))
        .y_label_formatter(&|e| y_ticks.label_at(*e))
        .draw()?;
    chart
        .configure_secondary_axes()
        .y_desc(format!("{} (nm)", plot.quantity))
        .set_all_tick_mark_size(px(5.0))
        .label_style(font(20.0))
        .axis_desc_style(font(22.0))
        .y_label_formatter(&|e| nm_ticks.label_at(*e))
        .draw()?;
    let colour = COLOURS[0];
    chart.draw_series(plot.points.iter().map(|&(x, y, s)| {
        ErrorBar::new_vertical(
            x,
            y - s,
            y,
            y + s,
            colour.stroke_width(px(2.0) as u32),
            px(12.0) as u32,
        )
    }))?;
    if plot.joined {
        chart.draw_series(LineSeries::new(
            plot.points.iter().map(|&(x, y, _)| (x, y)),
            colour.stroke_width(px(2.5) as u32),
        ))?;
    }
    chart.draw_series(
        plot.points
            .iter()
            .map(|&(x, y, _)| Circle::new((x, y), px(6.0), colour.filled())),
    )?;
    Ok(())
}
