//! Line styles of the plots: the colour-blind-safe palette, the dash
//! patterns that extend it beyond seven series, and legend samples.

use plotters::prelude::*;

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

/// How a line is drawn: series beyond the palette's seven colours take the
/// next style, so 21 series stay distinguishable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dash {
    Solid,
    Dashed,
    Dotted,
}

impl Dash {
    /// The style of series `k` (one more step for a dashed reference).
    pub fn of(k: usize, reference: bool) -> Dash {
        match (k / COLOURS.len() + reference as usize) % 3 {
            0 => Dash::Solid,
            1 => Dash::Dashed,
            _ => Dash::Dotted,
        }
    }

    /// Dash and gap lengths in points, `None` for a solid line.
    pub fn pattern(self) -> Option<(f64, f64)> {
        match self {
            Dash::Solid => None,
            Dash::Dashed => Some((9.0, 6.0)),
            Dash::Dotted => Some((2.5, 4.5)),
        }
    }
}

/// The colour of series `k`.
pub fn colour(k: usize) -> RGBColor {
    COLOURS[k % COLOURS.len()]
}

/// A legend sample: a 24-point line in `dash` and `colour`, `width`
/// points wide, relative to its anchor (`scale` pixels a point), in four
/// pieces: compose them with `EmptyElement::at(anchor) + a + b + c + d`.
pub fn legend_sample(
    colour: RGBColor,
    dash: Dash,
    width: f64,
    scale: f64,
) -> [PathElement<(i32, i32)>; 4] {
    let pieces: [(f64, f64); 4] = match dash {
        Dash::Solid => [(0.0, 6.0), (6.0, 12.0), (12.0, 18.0), (18.0, 24.0)],
        Dash::Dashed => [(0.0, 8.0), (16.0, 24.0), (24.0, 24.0), (24.0, 24.0)],
        Dash::Dotted => [(0.0, 2.5), (7.0, 9.5), (14.0, 16.5), (21.0, 23.5)],
    };
    let style = colour.stroke_width((width * scale).round().max(1.0) as u32);
    pieces.map(|(a, b)| {
        PathElement::new(
            vec![((a * scale) as i32, 0), ((b * scale) as i32, 0)],
            style,
        )
    })
}
