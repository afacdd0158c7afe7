//! Line plots of several labelled series against one x axis (size trends,
//! gaps against electron count), with optional dashed horizontal reference
//! lines.

use std::path::Path;

use plotters::prelude::*;

use super::legend::{self, Mark};
use super::style::{Dash, colour, legend_sample};
use super::ticks::{TickedAxis, linear_ticks};
use super::{FONT, register_fonts};
use crate::error::Result;

/// Above this many points a series is a sampled curve: drawn as a line
/// only, without a marker on every point.
pub const MAX_MARKED_POINTS: usize = 200;

/// One series of (x, y) points (each marked with a dot, unless there are
/// more than [`MAX_MARKED_POINTS`]).
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

/// Everything on one plot; axis titles carry their units. The legend goes
/// in a corner the data leave free.
pub struct SeriesPlot {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub series: Vec<Series>,
    pub references: Vec<Reference>,
}

/// Draws the plot to a PNG (or SVG by extension).
pub fn draw_series(plot: &SeriesPlot, path: &Path) -> Result<()> {
    register_fonts();
    draw_to_file!(path, (1400, 900), 1.0, render, plot)
}

/// The legend's corner and headroom for `plot` drawn over x0..x1, y0..y1
/// on an area of `area` pixels with labels `text_width` pixels wide.
fn place_legend(
    plot: &SeriesPlot,
    (x0, x1, y0, y1): (f64, f64, f64, f64),
    area: (f64, f64),
    text_width: f64,
    scale: f64,
) -> legend::Placement {
    let norm = |(x, y): (f64, f64)| Mark::point((x - x0) / (x1 - x0), (y - y0) / (y1 - y0));
    let mut marks = Vec::new();
    for s in &plot.series {
        marks.extend(s.points.iter().map(|&p| norm(p)));
        // The joining lines, sampled.
        for w in s.points.windows(2) {
            marks.extend((1..40).map(|k| {
                let t = k as f64 / 40.0;
                norm((
                    w[0].0 + t * (w[1].0 - w[0].0),
                    w[0].1 + t * (w[1].1 - w[0].1),
                ))
            }));
        }
    }
    for r in &plot.references {
        marks.extend((0..=60).map(|k| norm((x0 + (x1 - x0) * k as f64 / 60.0, r.y))));
    }
    let entries = plot.series.len()
        + plot
            .references
            .iter()
            .filter(|r| !r.label.is_empty())
            .count();
    let size = (
        (text_width + 50.0 * scale) / area.0,
        (entries as f64 * 20.0 * 1.3 + 16.0) * scale / area.1,
    );
    legend::place(&marks, &[], size, (0.01, 0.015), 1.5)
}

fn render<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    scale: f64,
    plot: &SeriesPlot,
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |x: f64| (x * scale).round() as i32;
    let font = |size: f64| (FONT, px(size)).into_font();
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
    let (x0, x1, y0, mut y1) = (x0 - xpad, x1 + xpad, y0 - ypad, y1 + ypad);
    let (w, h) = root.dim_in_pixel();
    let area = (
        (w as f64 - (48.0 + 100.0) * scale).max(1.0),
        (h as f64 - (48.0 + 70.0 + 39.0) * scale).max(1.0),
    );
    let text_width = plot
        .series
        .iter()
        .map(|s| s.label.as_str())
        .chain(plot.references.iter().map(|r| r.label.as_str()))
        .map(|l| {
            root.estimate_text_size(l, &font(20.0).into())
                .map(|s| s.0)
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0) as f64;
    let placed = place_legend(plot, (x0, x1, y0, y1), area, text_width, scale);
    y1 = y0 + (y1 - y0) * placed.headroom;
    let x_ticks = linear_ticks(x0, x1, 8);
    let y_ticks = linear_ticks(y0, y1, 7);
    let mut chart = ChartBuilder::on(root)
        .caption(&plot.title, font(26.0))
        .margin(px(24.0))
        .x_label_area_size(px(70.0))
        .y_label_area_size(px(100.0))
        .build_cartesian_2d(
            TickedAxis::new(x0, x1, &x_ticks),
            TickedAxis::new(y0, y1, &y_ticks),
        )?;
    chart
        .configure_mesh()
        .x_desc(plot.x_label.clone())
        .y_desc(plot.y_label.clone())
        .label_style(font(20.0))
        .axis_desc_style(font(22.0))
        .light_line_style(WHITE)
        .bold_line_style(BLACK.mix(0.08))
        .y_label_formatter(&|e| y_ticks.label_at(*e))
        .x_label_formatter(&|x| x_ticks.label_at(*x))
        .draw()?;
    let width = px(2.5).max(1) as u32;
    for r in &plot.references {
        let c = if r.colour_of < plot.series.len() {
            colour(r.colour_of)
        } else {
            BLACK
        };
        let dashes = chart.draw_series(DashedLineSeries::new(
            [(x0, r.y), (x1, r.y)],
            px(9.0),
            px(6.0),
            c.stroke_width(width),
        ))?;
        // Labelled references are named in the legend, with a dashed sample.
        if !r.label.is_empty() {
            dashes.label(r.label.clone()).legend(move |p| {
                let [a, b, c, d] = legend_sample(c, Dash::Dashed, 2.5, scale);
                EmptyElement::at(p) + a + b + c + d
            });
        }
    }
    for (k, s) in plot.series.iter().enumerate() {
        let (c, dash) = (colour(k), Dash::of(k, false));
        let style = c.stroke_width(width);
        let line = s.points.iter().copied();
        let drawn = match dash.pattern() {
            None => chart.draw_series(LineSeries::new(line, style))?,
            Some((on, off)) => {
                chart.draw_series(DashedLineSeries::new(line, px(on), px(off), style))?
            }
        };
        drawn.label(s.label.clone()).legend(move |p| {
            let [a, b, c, d] = legend_sample(c, dash, 2.5, scale);
            EmptyElement::at(p) + a + b + c + d
        });
        if s.points.len() <= MAX_MARKED_POINTS {
            chart.draw_series(
                s.points
                    .iter()
                    .map(|&p| Circle::new(p, px(5.0), c.filled())),
            )?;
        }
    }
    chart
        .configure_series_labels()
        .label_font(font(20.0))
        .margin(px(8.0))
        .legend_area_size(px(34.0))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.6))
        .position(placed.corner.position())
        .draw()?;
    Ok(())
}
