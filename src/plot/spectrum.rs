//! Spectrum plots: energy (eV) along the bottom, the wavelength (nm) of the
//! same ticks along the top, broadened curves on the left axis and optional
//! oscillator-strength sticks on the right axis.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use plotters::style::text_anchor::{HPos, Pos, VPos};

pub use super::figure::{Curve, Marker, SpectrumPlot, Sticks, axis_title};
use super::layout::layout;
pub use super::style::{COLOURS, Dash, colour, legend_sample};
use super::ticks::{TickedAxis, Ticks, linear_ticks, reciprocal_ticks};
use super::{FONT, register_fonts};
use crate::error::Result;

/// Draws `plot` to `path` (`.png` at 1600×1000 or `.svg`).
pub fn draw_spectrum(plot: &SpectrumPlot, path: &Path) -> Result<()> {
    draw_stacked(std::slice::from_ref(plot), path)
}

/// Draws `plots` one above the other, sharing the page (`.png` or `.svg`);
/// give them the same `x_range` for a shared energy axis.
pub fn draw_stacked(plots: &[SpectrumPlot], path: &Path) -> Result<()> {
    register_fonts();
    let rows = plots.len().max(1) as u32;
    let height = if rows == 1 { 750 } else { 525 * rows };
    draw_to_file!(path, (1200, height), 4.0 / 3.0, render_all, plots)
}

fn render_all<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    scale: f64,
    plots: &[SpectrumPlot],
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    for (area, plot) in root.split_evenly((plots.len(), 1)).iter().zip(plots) {
        render(area, plot, scale)?;
    }
    Ok(())
}
fn render<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &SpectrumPlot,
    scale: f64,
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |x: f64| (x * scale).round() as i32;
    let font = |size: f64| (FONT, px(size)).into_font();
    root.fill(&WHITE)?;
    let frame = layout(root, plot, scale);
    let (x0, x1) = plot.x_range;
    let (y_bottom, y_top) = (frame.y_bottom, frame.y_top);
    let x_ticks = linear_ticks(x0, x1, 8);
    let top_ticks = reciprocal_ticks(x0, x1, 0.075);
    let y_ticks = linear_ticks(y_bottom, y_top, 6);
    let f_ticks = if plot.sticks.is_some() {
        linear_ticks(frame.f_bottom, frame.f_top, 6)
    } else {
        Ticks::default()
    };

    let mut chart = ChartBuilder::on(root)
        .caption(&plot.title, font(22.0))
        .margin(px(18.0))
        .x_label_area_size(px(55.0))
        .top_x_label_area_size(px(55.0))
        .y_label_area_size(px(80.0))
        .right_y_label_area_size(px(if plot.sticks.is_some() { 75.0 } else { 20.0 }))
        .build_cartesian_2d(
            TickedAxis::new(x0, x1, &x_ticks),
            TickedAxis::new(y_bottom, y_top, &y_ticks),
        )?
        .set_secondary_coord(
            TickedAxis::new(x0, x1, &top_ticks),
            TickedAxis::new(frame.f_bottom, frame.f_top, &f_ticks),
        );

    // E = hc/λ and λ = hc/E are the same map: one tick rule serves both.
    let (bottom, top) = if plot.wavelength_axis {
        ("wavelength (nm)", "photon energy (eV)")
    } else {
        ("photon energy (eV)", "wavelength (nm)")
    };
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc(bottom)
        .y_desc(axis_title(&plot.y_quantity, &frame.y_prefix, &plot.y_unit))
        .set_all_tick_mark_size(px(4.0))
        .label_style(font(15.0))
        .axis_desc_style(font(17.0))
        .x_label_formatter(&|x| x_ticks.label_at(*x))
        .y_label_formatter(&|v| y_ticks.label_at(*v))
        .draw()?;
    let top_label = |x: &f64| top_ticks.label_at(*x);
    let f_label = |f: &f64| f_ticks.label_at(*f);
    let mut secondary = chart.configure_secondary_axes();
    secondary
        .x_desc(top)
        .set_all_tick_mark_size(px(4.0))
        .label_style(font(15.0))
        .axis_desc_style(font(17.0))
        .x_label_formatter(&top_label);
    if let Some(sticks) = &plot.sticks {
        secondary.y_desc(axis_title(&sticks.label, &frame.f_prefix, &sticks.unit));
        secondary.y_label_formatter(&f_label);
    } else {
        secondary.y_labels(0);
    }
    secondary.draw()?;

    let grey = RGBColor(120, 120, 120);
    chart.draw_secondary_series(frame.sticks.iter().map(|&(e, f)| {
        PathElement::new(
            vec![(e, 0.0), (e, f)],
            grey.stroke_width(px(1.2).max(1) as u32),
        )
    }))?;
    if y_bottom < 0.0 {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x0, 0.0), (x1, 0.0)],
            BLACK.mix(0.5).stroke_width(px(1.0).max(1) as u32),
        )))?;
    }
    let markers = plot
        .markers
        .iter()
        .filter(|m| m.energy >= x0 && m.energy <= x1);
    for (m, label) in markers.zip(&frame.labels) {
        let dark = RGBColor(90, 90, 90);
        chart.draw_series(DashedLineSeries::new(
            [(m.energy, y_bottom), (m.energy, y_top)],
            px(5.0),
            px(5.0),
            dark.stroke_width(px(1.5).max(1) as u32),
        ))?;
        let y = y_bottom + label.y * (y_top - y_bottom);
        let (anchor, dx) = if label.left {
            (Pos::new(HPos::Right, VPos::Center), -px(6.0))
        } else {
            (Pos::new(HPos::Left, VPos::Center), px(6.0))
        };
        // A white backing keeps the label readable over other lines.
        let style = TextStyle::from(font(14.0)).pos(anchor).color(&dark);
        let (tw, th) = root.estimate_text_size(&m.label, &style).unwrap_or((0, 0));
        let (tw, th, pad) = (tw as i32, th as i32, px(3.0));
        let (a, b) = if label.left {
            (dx - tw - pad, dx + pad)
        } else {
            (dx - pad, dx + tw + pad)
        };
        chart.draw_series(std::iter::once(
            EmptyElement::at((m.energy, y))
                + Rectangle::new(
                    [(a, -th / 2 - pad), (b, th / 2 + pad)],
                    WHITE.mix(0.85).filled(),
                )
                + Text::new(m.label.clone(), (dx, 0), style),
        ))?;
    }
    for (k, c) in plot.curves.iter().enumerate() {
        if let Some(spread) = c.spread {
            let col = colour(c.colour.unwrap_or(k));
            let band: Vec<(f64, f64, f64)> = c
                .energy
                .iter()
                .zip(c.values)
                .zip(spread)
                .filter(|((e, _), _)| **e >= x0 && **e <= x1)
                .map(|((&e, &v), &s)| (e, (v + s) / frame.y_scale, (v - s) / frame.y_scale))
                .collect();
            let mut outline: Vec<(f64, f64)> = band.iter().map(|b| (b.0, b.1)).collect();
            outline.extend(band.iter().rev().map(|b| (b.0, b.2)));
            chart.draw_series(std::iter::once(Polygon::new(
                outline,
                col.mix(0.2).filled(),
            )))?;
        }
    }
    for (k, c) in plot.curves.iter().enumerate() {
        let col = colour(c.colour.unwrap_or(k));
        let dash = Dash::of(c.colour.unwrap_or(k), c.dashed);
        let style = col.stroke_width(px(2.0).max(1) as u32);
        let points: Vec<(f64, f64)> = c
            .energy
            .iter()
            .zip(c.values)
            .filter(|(e, v)| **e >= x0 && **e <= x1 && v.is_finite())
            .map(|(&e, &v)| (e, v / frame.y_scale))
            .collect();
        let series = match dash.pattern() {
            None => chart.draw_series(LineSeries::new(points, style))?,
            Some((on, off)) => chart.draw_series(DashedLineSeries::new(
                points,
                px(on).max(1),
                px(off).max(1),
                style,
            ))?,
        };
        if frame.legend.is_some() {
            series.label(c.label.clone()).legend(move |p| {
                let [a, b, c, d] = legend_sample(col, dash, 2.5, scale);
                EmptyElement::at(p) + a + b + c + d
            });
        }
    }
    if let Some(corner) = frame.legend {
        chart
            .configure_series_labels()
            .position(corner.position())
            .margin(px(8.0))
            .legend_area_size(px(34.0))
            .label_font(font(15.0))
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.6))
            .draw()?;
    }
    if !plot.note.is_empty() {
        let (w, h) = root.dim_in_pixel();
        root.draw(&Text::new(
            plot.note.clone(),
            // In the bottom margin, below the x axis' title.
            (w as i32 - px(18.0), h as i32 - px(1.0)),
            TextStyle::from(font(13.0)).pos(Pos::new(HPos::Right, VPos::Bottom)),
        ))?;
    }
    Ok(())
}
