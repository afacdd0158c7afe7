//! Spectrum plots: energy (eV) along the bottom, the wavelength (nm) of the
//! same ticks along the top, broadened curves on the left axis and optional
//! oscillator-strength sticks on the right axis.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{FONT, register_fonts, scale_for};
use crate::error::{Error, Result};
use crate::units::ev_to_nm;

/// One broadened curve.
pub struct Curve<'a> {
    pub label: String,
    /// Photon energies, eV.
    pub energy: &'a [f64],
    /// Values in the plot's y unit.
    pub values: &'a [f64],
    /// A ±spread drawn as a shaded band around the curve (same unit).
    pub spread: Option<&'a [f64]>,
    /// Drawn dashed (a reference beside the main result).
    pub dashed: bool,
    /// Index into the palette; `None` takes the curve's own position.
    pub colour: Option<usize>,
}

/// Transition sticks: energy (eV) and oscillator strength.
pub struct Sticks<'a> {
    pub energy: &'a [f64],
    pub strength: &'a [f64],
}

/// A labelled vertical line at an energy (eV).
#[derive(Clone, Debug, Default)]
pub struct Marker {
    pub energy: f64,
    pub label: String,
}

/// Everything on one spectrum plot.
#[derive(Default)]
pub struct SpectrumPlot<'a> {
    pub title: String,
    /// Quantity and unit of the curves, e.g. "ε (M⁻¹ cm⁻¹)"; a power-of-ten
    /// scale is put in front of the unit automatically.
    pub y_quantity: String,
    pub y_unit: String,
    /// Energy range, eV.
    pub x_range: (f64, f64),
    pub curves: Vec<Curve<'a>>,
    pub sticks: Option<Sticks<'a>>,
    /// A note in the lower right corner (e.g. "densities per eV").
    pub note: String,
    /// Dashed vertical lines with labels (peaks, Stokes shift).
    pub markers: Vec<Marker>,
    /// Wavelength (nm) along the bottom instead of energy: the curves'
    /// x values, `x_range` and markers are then wavelengths, and the top
    /// axis gives the photon energy (eV) at the same ticks.
    pub wavelength_axis: bool,
}

/// Series colours, readable in print and for colour-blind readers (Okabe–Ito).
pub const COLOURS: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(0, 0, 0),
];

/// Draws `plot` to `path` (`.png` at 1600×1000 or `.svg`).
pub fn draw_spectrum(plot: &SpectrumPlot, path: &Path) -> Result<()> {
    draw_stacked(std::slice::from_ref(plot), path)
}

/// Draws `plots` one above the other, sharing the page (`.png` or `.svg`);
/// give them the same `x_range` for a shared energy axis.
pub fn draw_stacked(plots: &[SpectrumPlot], path: &Path) -> Result<()> {
    register_fonts();
    let err = |e: String| Error::Plot {
        path: path.to_path_buf(),
        message: e,
    };
    let rows = plots.len().max(1) as u32;
    let height = if rows == 1 { 1000 } else { 700 * rows };
    match path.extension().and_then(|e| e.to_str()) {
        Some("svg") => {
            let root = SVGBackend::new(path, (1200, height * 3 / 4)).into_drawing_area();
            for (area, plot) in root.split_evenly((plots.len(), 1)).iter().zip(plots) {
                render(area, plot, 1.0).map_err(|e| err(e.to_string()))?;
            }
            root.present().map_err(|e| err(e.to_string()))
        }
        _ => {
            let root = BitMapBackend::new(path, (1600, height)).into_drawing_area();
            for (area, plot) in root.split_evenly((plots.len(), 1)).iter().zip(plots) {
                render(area, plot, 1.333).map_err(|e| err(e.to_string()))?;
            }
            root.present().map_err(|e| err(e.to_string()))
        }
    }
}

fn render<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &SpectrumPlot,
    scale: f64,
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |x: f64| (x * scale).round() as i32;
    let font = |size: f64| (FONT, px(size)).into_font();
    root.fill(&WHITE)?;
    let (x0, x1) = plot.x_range;
    let visible = || {
        plot.curves
            .iter()
            .flat_map(|c| c.values.iter().zip(c.energy))
            .filter(|(v, e)| **e >= x0 && **e <= x1 && v.is_finite())
            .map(|(v, _)| *v)
    };
    let y_max = visible().fold(0.0, f64::max);
    let y_min = visible().fold(0.0, f64::min);
    let (y_scale, y_prefix) = scale_for(y_max.max(-y_min));
    let y_top = if y_max > 0.0 {
        1.08 * y_max / y_scale
    } else if y_min < 0.0 {
        0.1 * -y_min / y_scale
    } else {
        1.0
    };
    let y_bottom = if y_min < 0.0 {
        1.08 * y_min / y_scale
    } else {
        0.0
    };
    let f_max = plot
        .sticks
        .as_ref()
        .map(|s| s.strength.iter().copied().fold(0.0, f64::max))
        .unwrap_or(0.0);
    let f_top = if f_max > 0.0 { 1.08 * f_max } else { 1.0 };

    let mut chart = ChartBuilder::on(root)
        .caption(&plot.title, font(22.0))
        .margin(px(18.0))
        .x_label_area_size(px(55.0))
        .top_x_label_area_size(px(55.0))
        .y_label_area_size(px(80.0))
        .right_y_label_area_size(px(if plot.sticks.is_some() { 75.0 } else { 20.0 }))
        .build_cartesian_2d(x0..x1, y_bottom..y_top)?
        .set_secondary_coord(x0..x1, 0.0..f_top);

    // E = hc/λ and λ = hc/E are the same map: one conversion serves both.
    let (bottom, top) = if plot.wavelength_axis {
        ("wavelength (nm)", "photon energy (eV)")
    } else {
        ("photon energy (eV)", "wavelength (nm)")
    };
    let wavelength_axis = plot.wavelength_axis;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc(bottom)
        .y_desc(format!("{} ({}{})", plot.y_quantity, y_prefix, plot.y_unit))
        .label_style(font(15.0))
        .axis_desc_style(font(17.0))
        .x_label_formatter(&|x| {
            if wavelength_axis {
                format!("{x:.0}")
            } else {
                format!("{x:.2}")
            }
        })
        .y_label_formatter(&|v| format!("{v:.2}"))
        .draw()?;
    let top_label = |x: &f64| {
        if wavelength_axis {
            format!("{:.2}", ev_to_nm(*x))
        } else {
            format!("{:.0}", ev_to_nm(*x))
        }
    };
    let mut secondary = chart.configure_secondary_axes();
    secondary
        .x_desc(top)
        .label_style(font(15.0))
        .axis_desc_style(font(17.0))
        .x_label_formatter(&top_label);
    if plot.sticks.is_some() {
        secondary.y_desc("oscillator strength f");
        secondary.y_label_formatter(&|f| format!("{f:.3}"));
    } else {
        secondary.y_labels(0);
    }
    secondary.draw()?;

    if let Some(sticks) = &plot.sticks {
        let grey = RGBColor(120, 120, 120);
        chart.draw_secondary_series(
            sticks
                .energy
                .iter()
                .zip(sticks.strength)
                .filter(|(e, _)| **e >= x0 && **e <= x1)
                .map(|(&e, &f)| {
                    PathElement::new(vec![(e, 0.0), (e, f)], grey.stroke_width(px(1.0) as u32))
                }),
        )?;
    }
    if y_bottom < 0.0 {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x0, 0.0), (x1, 0.0)],
            BLACK.mix(0.5),
        )))?;
    }
    for (row, m) in plot
        .markers
        .iter()
        .enumerate()
        .filter(|(_, m)| m.energy >= x0 && m.energy <= x1)
    {
        let grey = RGBColor(90, 90, 90);
        let dashes = (0..40).map(|k| {
            let a = y_bottom + (y_top - y_bottom) * k as f64 / 40.0;
            let b = a + 0.5 * (y_top - y_bottom) / 40.0;
            PathElement::new(
                vec![(m.energy, a), (m.energy, b)],
                grey.stroke_width(px(1.5) as u32),
            )
        });
        chart.draw_series(dashes)?;
        chart.draw_series(std::iter::once(Text::new(
            m.label.clone(),
            (
                m.energy,
                y_bottom + (0.96 - 0.06 * row as f64) * (y_top - y_bottom),
            ),
            font(14.0),
        )))?;
    }
    for (k, c) in plot.curves.iter().enumerate() {
        if let Some(spread) = c.spread {
            let colour = COLOURS[c.colour.unwrap_or(k) % COLOURS.len()];
            let inside = |e: &f64| *e >= x0 && *e <= x1;
            let upper = c
                .energy
                .iter()
                .zip(c.values)
                .zip(spread)
                .filter(|((e, _), _)| inside(e));
            let lower = c
                .energy
                .iter()
                .zip(c.values)
                .zip(spread)
                .filter(|((e, _), _)| inside(e));
            let mut outline: Vec<(f64, f64)> =
                upper.map(|((&e, &v), &s)| (e, (v + s) / y_scale)).collect();
            outline.extend(lower.rev().map(|((&e, &v), &s)| (e, (v - s) / y_scale)));
            chart.draw_series(std::iter::once(Polygon::new(
                outline,
                colour.mix(0.2).filled(),
            )))?;
        }
    }
    for (k, c) in plot.curves.iter().enumerate() {
        let colour = COLOURS[c.colour.unwrap_or(k) % COLOURS.len()];
        let width = px(2.0).max(1) as u32;
        let points = c
            .energy
            .iter()
            .zip(c.values)
            .filter(|(e, v)| **e >= x0 && **e <= x1 && v.is_finite())
            .map(|(&e, &v)| (e, v / y_scale));
        let series = if c.dashed {
            chart.draw_series(DashedLineSeries::new(
                points,
                px(9.0),
                px(6.0),
                colour.stroke_width(width),
            ))?
        } else {
            chart.draw_series(LineSeries::new(points, colour.stroke_width(width)))?
        };
        if plot.curves.len() > 1 {
            let dashed = c.dashed;
            series.label(c.label.clone()).legend(move |(x, y)| {
                let style = colour.stroke_width(3);
                if dashed {
                    EmptyElement::at((x, y))
                        + PathElement::new(vec![(0, 0), (9, 0)], style)
                        + PathElement::new(vec![(15, 0), (24, 0)], style)
                } else {
                    EmptyElement::at((x, y))
                        + PathElement::new(vec![(0, 0), (24, 0)], style)
                        + PathElement::new(vec![(0, 0), (0, 0)], style)
                }
            });
        }
    }
    if plot.curves.len() > 1 {
        chart
            .configure_series_labels()
            .position(if plot.markers.is_empty() {
                SeriesLabelPosition::UpperLeft
            } else {
                SeriesLabelPosition::UpperRight
            })
            .label_font(font(15.0))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()?;
    }
    if !plot.note.is_empty() {
        let (w, h) = root.dim_in_pixel();
        root.draw(&Text::new(
            plot.note.clone(),
            (w as i32 - px(430.0), h as i32 - px(22.0)),
            font(13.0),
        ))?;
    }
    Ok(())
}
