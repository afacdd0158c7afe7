//! Line plots of several labelled series against one x axis (size trends,
//! gaps against electron count), with optional dashed horizontal reference
//! lines.

use std::path::Path;

use plotters::prelude::*;

use super::spectrum::COLOURS;
use super::{FONT, register_fonts};
use crate::error::Result;

/// One series of (x, y) points.
pub struct Series {
    pub label: String,
    pub points: Vec<(f64, f64)>,
}

/// A dashed horizontal line at `y`, in the colour of series `colour_of`
/// (or black when there is no such series), named in the legend unless
/// its label is empty.
pub struct Reference {
    pub y: f64,
    pub label: String,
    pub colour_of: usize,
}

/// Everything on one plot; axis titles carry their units.
pub struct SeriesPlot {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub series: Vec<Series>,
    pub references: Vec<Reference>,
    /// Where the legend goes (choose a corner the data leave free).
    pub legend: SeriesLabelPosition,
}

/// Draws the plot to a PNG (or SVG by extension).
pub fn draw_series(plot: &SeriesPlot, path: &Path) -> Result<()> {
    register_fonts();
    draw_to_file!(path, (1400, 900), render, plot)
}

fn render<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    plot: &SeriesPlot,
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let points = || plot.series.iter().flat_map(|s| s.points.iter());
    let x0 = points().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let x1 = points().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    let ys = points()
        .map(|p| p.1)
        .chain(plot.references.iter().map(|r| r.y));
    let (y0, y1) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| {
        (a.min(y), b.max(y))
    });
    let (xpad, ypad) = (((x1 - x0) * 0.03).max(0.5), ((y1 - y0) * 0.08).max(0.02));
    let mut chart = ChartBuilder::on(root)
        .caption(&plot.title, (FONT, 26))
        .margin(24)
        .x_label_area_size(70)
        .y_label_area_size(100)
        .build_cartesian_2d(x0 - xpad..x1 + xpad, y0 - ypad..y1 + ypad)?;
    chart
        .configure_mesh()
        .x_desc(plot.x_label.clone())
        .y_desc(plot.y_label.clone())
        .label_style((FONT, 20))
        .axis_desc_style((FONT, 22))
        .y_label_formatter(&|e| format!("{e:.2}"))
        .x_label_formatter(&|x| format!("{x:.0}"))
        .draw()?;
    let colour = |k: usize| COLOURS.get(k).copied().unwrap_or(BLACK);
    for r in &plot.references {
        let c = colour(r.colour_of);
        let span = x1 + xpad - (x0 - xpad);
        let dashes = chart.draw_series((0..50).map(|k| {
            let a = x0 - xpad + span * k as f64 / 50.0;
            PathElement::new(
                vec![(a, r.y), (a + 0.5 * span / 50.0, r.y)],
                c.stroke_width(2),
            )
        }))?;
        // Labelled references are named in the legend, with a dashed sample.
        if !r.label.is_empty() {
            dashes.label(r.label.clone()).legend(move |(x, y)| {
                EmptyElement::at((x, y))
                    + PathElement::new(vec![(0, 0), (9, 0)], c.stroke_width(2))
                    + PathElement::new(vec![(15, 0), (24, 0)], c.stroke_width(2))
            });
        }
    }
    for (k, s) in plot.series.iter().enumerate() {
        let c = colour(k);
        chart
            .draw_series(LineSeries::new(s.points.iter().copied(), c.stroke_width(3)))?
            .label(s.label.clone())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], c.stroke_width(3)));
        chart.draw_series(s.points.iter().map(|&p| Circle::new(p, 5, c.filled())))?;
    }
    chart
        .configure_series_labels()
        .label_font((FONT, 20))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .position(plot.legend.clone())
        .draw()?;
    Ok(())
}
