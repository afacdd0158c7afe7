//! Layout of a spectrum plot before it is drawn: the axes' ranges (stick
//! heights level with the curves' zero), the marker labels' places, and
//! the legend's corner clear of data and labels (raising the top if
//! needed).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::figure::SpectrumPlot;
use super::legend::{self, Mark};
use super::{FONT, scale_for};

/// Fraction of the plotting area kept between the legend and the frame.
const LEGEND_GAP: (f64, f64) = (0.01, 0.015);

/// A marker's label: where it sits (fractions of the plotting area) and
/// whether it runs to the left of its line (near the right edge).
pub(super) struct MarkerLabel {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) left: bool,
}

/// The axes' extents and the legend's corner of one plot.
pub(super) struct Frame {
    /// Left axis, in units of `y_scale`.
    pub(super) y_bottom: f64,
    pub(super) y_top: f64,
    pub(super) y_scale: f64,
    pub(super) y_prefix: String,
    /// Right axis (stick heights) range; its zero sits level with the
    /// left axis' zero.
    pub(super) f_bottom: f64,
    pub(super) f_top: f64,
    /// Power-of-ten prefix of the right axis (its values and the sticks
    /// below are already divided by it).
    pub(super) f_prefix: String,
    /// The sticks inside the range: (energy, f).
    pub(super) sticks: Vec<(f64, f64)>,
    pub(super) labels: Vec<MarkerLabel>,
    pub(super) legend: Option<legend::Corner>,
}

/// Lays out `plot` on `root`: the axis ranges, the marker labels, and a
/// legend corner clear of data and labels (raising the top if needed).
pub(super) fn layout<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &SpectrumPlot,
    scale: f64,
) -> Frame {
    let px = |x: f64| (x * scale).round() as i32;
    let font = |size: f64| (FONT, px(size)).into_font();
    let (x0, x1) = plot.x_range;
    let inside = |e: f64| e >= x0 && e <= x1;
    let visible = || {
        plot.curves
            .iter()
            .flat_map(|c| c.values.iter().zip(c.energy))
            .filter(|(v, e)| inside(**e) && v.is_finite())
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
    } else if y_max > 0.0 {
        0.0
    } else {
        // Nothing but zeros (a CD that vanishes): zero in the middle.
        -1.0
    };
    let sticks: Vec<(f64, f64)> = plot
        .sticks
        .as_ref()
        .map(|s| {
            s.energy
                .iter()
                .zip(s.strength)
                .filter(|(e, _)| inside(**e))
                .map(|(&e, &f)| (e, f))
                .collect()
        })
        .unwrap_or_default();
    // One factor k maps left-axis values to stick heights, so both zeros
    // coincide: k fits the tallest stick above and the deepest below.
    let f_max = sticks.iter().map(|s| s.1).fold(0.0, f64::max);
    let f_min = sticks.iter().map(|s| s.1).fold(0.0, f64::min);
    let mut k = 0.0f64;
    if f_max > 0.0 {
        k = k.max(1.08 * f_max / y_top);
    }
    if f_min < 0.0 {
        k = k.max(if y_bottom < 0.0 {
            1.08 * f_min / y_bottom
        } else {
            f64::INFINITY
        });
    }
    let (f_bottom, f_top) = if k.is_finite() && k > 0.0 {
        (k * y_bottom, k * y_top)
    } else if f_min < 0.0 {
        (1.08 * f_min, 1.08 * f_max.max(-f_min))
    } else {
        (0.0, 1.0)
    };
    // Tiny or huge stick heights get a power-of-ten prefix, as the left
    // axis does, so every tick label stays short.
    let f_peak = f_max.max(-f_min);
    let (f_scale, f_prefix) = if (1e-3..1e4).contains(&f_peak) {
        (1.0, String::new())
    } else {
        scale_for(f_peak)
    };
    let (f_bottom, f_top) = (f_bottom / f_scale, f_top / f_scale);
    let sticks: Vec<(f64, f64)> = sticks.iter().map(|&(e, f)| (e, f / f_scale)).collect();

    // The plotting area in pixels, from the layout in `render`.
    let (w, h) = root.dim_in_pixel();
    let caption = if plot.title.is_empty() { 0.0 } else { 33.0 };
    let right = if plot.sticks.is_some() { 75.0 } else { 20.0 };
    let area = (
        (w as f64 - (36.0 + 80.0 + right) * scale).max(1.0),
        (h as f64 - (36.0 + 110.0 + caption) * scale).max(1.0),
    );
    let text_width = |text: &str, size: f64| {
        root.estimate_text_size(text, &font(size).into())
            .map(|s| s.0 as f64)
            .unwrap_or(0.0)
    };

    let labels: Vec<MarkerLabel> = plot
        .markers
        .iter()
        .filter(|m| inside(m.energy))
        .enumerate()
        .map(|(row, m)| {
            let x = (m.energy - x0) / (x1 - x0);
            let width = (text_width(&m.label, 14.0) + 8.0 * scale) / area.0;
            MarkerLabel {
                x,
                y: 0.955 - 0.06 * row as f64,
                left: x + width > 0.98,
            }
        })
        .collect();
    let mut frame = Frame {
        y_bottom,
        y_top,
        y_scale,
        y_prefix,
        f_bottom,
        f_top,
        f_prefix,
        sticks,
        labels,
        legend: None,
    };
    let span = y_top - y_bottom;
    let xn = |e: f64| (e - x0) / (x1 - x0);
    let mut marks: Vec<Mark> = plot
        .curves
        .iter()
        .flat_map(|c| c.energy.iter().zip(c.values))
        .filter(|(e, v)| inside(**e) && v.is_finite())
        .map(|(&e, &v)| Mark::point(xn(e), (v / y_scale - y_bottom) / span))
        .collect();
    let f_span = frame.f_top - frame.f_bottom;
    let fy = |f: f64| (f - frame.f_bottom) / f_span;
    marks.extend(frame.sticks.iter().map(|&(e, f)| Mark {
        x: xn(e),
        y_lo: fy(0.0).min(fy(f)),
        y_hi: fy(0.0).max(fy(f)),
    }));
    // Each marker label spans [a, b] at height y: the data beneath it must
    // stay below its lower edge, raising the top where they do not.
    let label_spans: Vec<(f64, f64, f64)> = plot
        .markers
        .iter()
        .filter(|m| inside(m.energy))
        .zip(&frame.labels)
        .map(|(m, l)| {
            let width = (text_width(&m.label, 14.0) + 8.0 * scale) / area.0;
            let end = if l.left { l.x - width } else { l.x + width };
            (l.x.min(end), l.x.max(end), l.y)
        })
        .collect();
    let label_room = label_spans
        .iter()
        .map(|&(a, b, y)| {
            let top = marks
                .iter()
                .filter(|m| m.x >= a && m.x <= b)
                .map(|m| m.y_hi)
                .fold(0.0, f64::max);
            (top / (y - 0.035)).max(1.0)
        })
        .fold(1.0, f64::max)
        .min(1.6);
    let fixed: Vec<Mark> = label_spans
        .iter()
        .flat_map(|&(a, b, y)| {
            [
                Mark::point(a, y),
                Mark::point(b, y),
                Mark::point(0.5 * (a + b), y - 0.03),
            ]
        })
        .collect();
    let raise = |frame: &mut Frame, by: f64| {
        frame.y_top = y_bottom + span * by;
        frame.f_top = frame.f_bottom + f_span * by;
    };
    if plot.curves.len() < 2 {
        raise(&mut frame, label_room);
        return frame;
    }
    let widest = plot
        .curves
        .iter()
        .map(|c| text_width(&c.label, 15.0))
        .fold(0.0, f64::max);
    let size = (
        (widest + 50.0 * scale) / area.0,
        (plot.curves.len() as f64 * 15.0 * 1.3 + 16.0) * scale / area.1,
    );
    let placed = legend::place(&marks, &fixed, size, LEGEND_GAP, 1.6);
    raise(&mut frame, placed.headroom.max(label_room));
    frame.legend = Some(placed.corner);
    frame
}
