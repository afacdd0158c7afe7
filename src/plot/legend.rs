//! Where the legend goes: the corner of the plotting area whose box covers
//! no data, or, when every corner is taken, an upper corner with the y
//! axis raised (headroom) until the data pass beneath the box.
//!
//! Everything here is in fractions of the plotting area: x from 0 (left)
//! to 1 (right), y from 0 (bottom) to 1 (top).

use plotters::chart::SeriesLabelPosition;

/// Something drawn: the vertical extent `y_lo..=y_hi` at `x` (a curve's
/// point has `y_lo == y_hi`; a stick runs from its foot to its top).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    pub x: f64,
    pub y_lo: f64,
    pub y_hi: f64,
}

impl Mark {
    /// A point of a curve.
    pub fn point(x: f64, y: f64) -> Self {
        Mark {
            x,
            y_lo: y,
            y_hi: y,
        }
    }
}

/// The corners tried, in order of preference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Corner {
    UpperRight,
    UpperLeft,
    LowerRight,
    LowerLeft,
}

impl Corner {
    /// The plotters position of the corner.
    pub fn position(self) -> SeriesLabelPosition {
        match self {
            Corner::UpperRight => SeriesLabelPosition::UpperRight,
            Corner::UpperLeft => SeriesLabelPosition::UpperLeft,
            Corner::LowerRight => SeriesLabelPosition::LowerRight,
            Corner::LowerLeft => SeriesLabelPosition::LowerLeft,
        }
    }

    /// The box (x0, x1, y0, y1) of a legend of `size` (width, height) with
    /// `gap` between it and the frame.
    pub fn rect(self, size: (f64, f64), gap: (f64, f64)) -> (f64, f64, f64, f64) {
        let (w, h) = size;
        let (x0, x1) = match self {
            Corner::UpperLeft | Corner::LowerLeft => (gap.0, gap.0 + w),
            _ => (1.0 - gap.0 - w, 1.0 - gap.0),
        };
        let (y0, y1) = match self {
            Corner::UpperLeft | Corner::UpperRight => (1.0 - gap.1 - h, 1.0 - gap.1),
            _ => (gap.1, gap.1 + h),
        };
        (x0, x1, y0, y1)
    }
}

/// The legend's corner and the factor (≥ 1) by which the top of the y
/// axis must be raised for the data to pass beneath it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    pub corner: Corner,
    pub headroom: f64,
}

/// True when a mark reaches into the box.
fn covers(m: &Mark, r: (f64, f64, f64, f64)) -> bool {
    m.x >= r.0 && m.x <= r.1 && m.y_hi >= r.2 && m.y_lo <= r.3
}

/// Places a legend of `size` (fractions of the plotting area) over the
/// data `marks` and the `fixed` ones (labels pinned to the frame, which do
/// not move when the axis is raised), `gap` from the frame: the first
/// corner whose box covers no mark; otherwise the upper corner clear of
/// fixed marks needing the least headroom (at most `max_headroom`).
pub fn place(
    marks: &[Mark],
    fixed: &[Mark],
    size: (f64, f64),
    gap: (f64, f64),
    max_headroom: f64,
) -> Placement {
    let corners = [
        Corner::UpperRight,
        Corner::UpperLeft,
        Corner::LowerRight,
        Corner::LowerLeft,
    ];
    for corner in corners {
        let r = corner.rect(size, gap);
        if !marks.iter().chain(fixed).any(|m| covers(m, r)) {
            return Placement {
                corner,
                headroom: 1.0,
            };
        }
    }
    // Raising the top by s scales every height by 1/s: the box at the top
    // is free once the highest mark under it sits below its lower edge.
    let clearance = 1.0 - gap.1 - size.1 - 0.02;
    let need = |corner: Corner| {
        let r = corner.rect(size, gap);
        let top = marks
            .iter()
            .filter(|m| m.x >= r.0 && m.x <= r.1)
            .map(|m| m.y_hi)
            .fold(0.0, f64::max);
        (top / clearance.max(0.05)).max(1.0)
    };
    let (corner, headroom) = [Corner::UpperRight, Corner::UpperLeft]
        .into_iter()
        .map(|c| {
            let blocked = fixed.iter().any(|m| covers(m, c.rect(size, gap)));
            (c, if blocked { f64::INFINITY } else { need(c) })
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or((Corner::UpperRight, 1.0));
    Placement {
        corner,
        headroom: if headroom.is_finite() {
            headroom.min(max_headroom)
        } else {
            1.0
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(centre: f64, height: f64) -> Vec<Mark> {
        (0..=200)
            .map(|k| {
                let x = k as f64 / 200.0;
                Mark::point(x, height * (-((x - centre) / 0.08).powi(2)).exp())
            })
            .collect()
    }

    const SIZE: (f64, f64) = (0.3, 0.2);
    const GAP: (f64, f64) = (0.01, 0.01);

    #[test]
    fn the_legend_avoids_a_peak_on_the_right() {
        let p = place(&band(0.85, 0.92), &[], SIZE, GAP, 2.0);
        assert_eq!(p.corner, Corner::UpperLeft);
        assert_eq!(p.headroom, 1.0);
        let r = p.corner.rect(SIZE, GAP);
        assert!(!band(0.85, 0.92).iter().any(|m| covers(m, r)));
    }

    #[test]
    fn peaks_at_both_ends_raise_the_top() {
        let mut marks = band(0.1, 0.92);
        marks.extend(band(0.9, 0.85));
        // The lower corners hold the tails of both bands.
        marks.extend((0..=200).map(|k| Mark::point(k as f64 / 200.0, 0.0)));
        let p = place(&marks, &[], SIZE, GAP, 3.0);
        assert_eq!(p.corner, Corner::UpperRight, "{p:?}");
        assert!(p.headroom > 1.0);
        // After raising, nothing reaches into the box.
        let scaled: Vec<Mark> = marks
            .iter()
            .map(|m| Mark {
                x: m.x,
                y_lo: m.y_lo / p.headroom,
                y_hi: m.y_hi / p.headroom,
            })
            .collect();
        let r = p.corner.rect(SIZE, GAP);
        assert!(!scaled.iter().any(|m| covers(m, r)), "{p:?}");
    }

    #[test]
    fn a_stick_under_the_box_counts() {
        let stick = [Mark {
            x: 0.9,
            y_lo: 0.0,
            y_hi: 0.95,
        }];
        assert_ne!(
            place(&stick, &[], SIZE, GAP, 2.0).corner,
            Corner::UpperRight
        );
        // A label pinned under the upper left corner sends the legend on.
        let label = [Mark::point(0.1, 0.95)];
        assert_eq!(
            place(&stick, &label, SIZE, GAP, 2.0).corner,
            Corner::LowerLeft
        );
    }
}
