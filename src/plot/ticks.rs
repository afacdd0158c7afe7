//! Tick positions and labels: round values (1, 2, 2.5 or 5 × 10ᵏ) with only
//! the decimals they need, and the ticks of a reciprocal axis (wavelength
//! over energy, or energy over wavelength: λ/nm = 1239.84 / (E/eV)) at
//! round values of the other quantity.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;

use crate::units::ev_to_nm;

/// Ticks of one axis: positions (in the axis' own coordinate) and labels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ticks {
    pub positions: Vec<f64>,
    pub labels: Vec<String>,
}

impl Ticks {
    /// The label at `x`, or an empty string where no tick sits.
    pub fn label_at(&self, x: f64) -> String {
        let tol = 1e-9 * self.positions.iter().fold(1.0f64, |m, p| m.max(p.abs()));
        self.positions
            .iter()
            .position(|p| (p - x).abs() <= tol)
            .map(|k| self.labels[k].clone())
            .unwrap_or_default()
    }
}

/// A linear axis over `lo..hi` whose ticks sit at chosen positions (the
/// plotters coordinate for [`Ticks`]).
pub struct TickedAxis {
    inner: RangedCoordf64,
    positions: Vec<f64>,
}

impl TickedAxis {
    /// The axis `lo..hi` with ticks at `ticks.positions`.
    pub fn new(lo: f64, hi: f64, ticks: &Ticks) -> Self {
        TickedAxis {
            inner: (lo..hi).into(),
            positions: ticks.positions.clone(),
        }
    }
}

impl Ranged for TickedAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, _hint: Hint) -> Vec<f64> {
        self.positions.clone()
    }

    fn range(&self) -> Range<f64> {
        self.inner.range()
    }
}

/// The round step (1, 2, 2.5 or 5 × 10ᵏ) nearest above `span / target`,
/// and the decimals a label at that step needs.
pub fn round_step(span: f64, target: usize) -> (f64, usize) {
    let raw = (span / target.max(1) as f64).abs();
    if !(raw.is_finite() && raw > 0.0) {
        return (1.0, 0);
    }
    let power = 10f64.powf(raw.log10().floor());
    let (mantissa, extra) = [(1.0, 0), (2.0, 0), (2.5, 1), (5.0, 0), (10.0, 0)]
        .into_iter()
        .find(|(m, _)| m * power >= raw * (1.0 - 1e-9))
        .unwrap_or((10.0, 0));
    let step = mantissa * power;
    let decimals = (-(step.log10().floor()) as i64 + extra as i64).max(0) as usize;
    (step, decimals)
}

/// `v` with `decimals` decimals, and never "-0".
pub fn format_tick(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s.trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        s.trim_start_matches('-').to_string()
    } else {
        s
    }
}

/// "2.50" → "2.5", "3.00" → "3": a reciprocal axis' ticks are uneven, so
/// each label keeps only its own decimals.
fn trimmed(label: &str) -> String {
    if label.contains('.') {
        label
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    } else {
        label.to_string()
    }
}

/// About `target` round ticks inside [lo, hi].
pub fn linear_ticks(lo: f64, hi: f64, target: usize) -> Ticks {
    let (lo, hi) = (lo.min(hi), lo.max(hi));
    let (step, decimals) = round_step(hi - lo, target);
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    let positions: Vec<f64> = if last - first > 1000 {
        Vec::new()
    } else {
        (first..=last).map(|k| k as f64 * step).collect()
    };
    let labels = positions
        .iter()
        .map(|&v| format_tick(v, decimals))
        .collect();
    Ticks { positions, labels }
}

/// How round `n` (a count of steps) is: the largest of 1, 2, 5, 10, 20,
/// 50, … that divides it.
fn roundness(n: i64) -> i64 {
    let mut best = 1;
    let mut d = 1;
    while d <= n.abs().max(1) {
        for m in [1, 2, 5] {
            if n % (m * d) == 0 {
                best = best.max(m * d);
            }
        }
        d *= 10;
    }
    best
}

/// Ticks along an axis running over [lo, hi] (energy in eV, or wavelength
/// in nm) labelled with the reciprocal quantity (nm, or eV) at round
/// values, at least `min_gap` (fraction of the axis) apart: the roundest
/// values are placed first, then finer ones where room is left.
pub fn reciprocal_ticks(lo: f64, hi: f64, min_gap: f64) -> Ticks {
    let (lo, hi) = (lo.min(hi), lo.max(hi));
    let empty = Ticks {
        positions: Vec::new(),
        labels: Vec::new(),
    };
    if !(lo > 0.0 && hi.is_finite() && hi > lo) {
        return empty;
    }
    let gap = min_gap * (hi - lo);
    // Reciprocal values over the range, and a step fine enough where the
    // reciprocal ticks are sparsest (near `hi`, the smallest reciprocal).
    let (r_lo, r_hi) = (ev_to_nm(hi), ev_to_nm(lo));
    let sparse = r_lo * r_lo / ev_to_nm(1.0) * gap;
    let (step, decimals) = round_step(0.5 * sparse, 1);
    let first = (r_lo / step).ceil() as i64;
    let last = ((r_hi / step).floor() as i64).min(first + 2000);
    let mut candidates: Vec<i64> = (first..=last).filter(|&n| n > 0).collect();
    candidates.sort_by_key(|&n| (-roundness(n), n));
    let mut kept: Vec<(f64, i64)> = Vec::new();
    for n in candidates {
        let value = n as f64 * step;
        let x = ev_to_nm(value);
        if x < lo || x > hi {
            continue;
        }
        // Where one step moves the tick less than the gap, only values
        // round enough to be that many steps apart may stand.
        let per_step = step * x / value;
        let needed = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
            .into_iter()
            .find(|&r| r as f64 * per_step >= gap * (1.0 - 1e-9))
            .unwrap_or(1000);
        if roundness(n) >= needed && kept.iter().all(|(y, _)| (x - y).abs() >= gap) {
            kept.push((x, n));
        }
    }
    kept.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ticks {
        positions: kept.iter().map(|k| k.0).collect(),
        labels: kept
            .iter()
            .map(|k| trimmed(&format_tick(k.1 as f64 * step, decimals)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_ticks_are_round_with_the_decimals_they_need() {
        assert_eq!(
            linear_ticks(1.0, 6.0, 7).labels,
            ["1", "2", "3", "4", "5", "6"]
        );
        assert_eq!(
            linear_ticks(0.0, 0.43, 5).labels,
            ["0.0", "0.1", "0.2", "0.3", "0.4"]
        );
        assert_eq!(
            linear_ticks(0.0, 756.0, 6).labels,
            ["0", "200", "400", "600"]
        );
        let quarter = linear_ticks(1.0, 2.0, 4);
        assert_eq!(quarter.labels, ["1.00", "1.25", "1.50", "1.75", "2.00"]);
        // Awkward ranges: negative, tiny, huge.
        assert_eq!(linear_ticks(-1.3, 0.2, 4).labels, ["-1.0", "-0.5", "0.0"]);
        let tiny = linear_ticks(0.0, 3e-5, 3);
        assert_eq!(tiny.labels.len(), 4);
        assert_eq!(tiny.labels[3].parse::<f64>().unwrap(), 3e-5);
        assert!(linear_ticks(0.0, 1e300, 5).labels.len() <= 6);
    }

    #[test]
    fn wavelength_ticks_over_an_energy_axis_are_round_and_spaced() {
        let t = reciprocal_ticks(1.0, 6.0, 0.08);
        assert!(t.labels.len() >= 5 && t.labels.len() <= 12, "{t:?}");
        for (p, l) in t.positions.iter().zip(&t.labels) {
            let nm: f64 = l.parse().unwrap();
            assert_eq!(nm % 10.0, 0.0, "{l}");
            assert!((ev_to_nm(nm) - p).abs() < 1e-9 && (1.0..=6.0).contains(p));
        }
        for w in t.positions.windows(2) {
            assert!(w[1] - w[0] >= 0.08 * 5.0 - 1e-12, "{t:?}");
        }
        // The roundest values are there.
        for must in ["300", "400", "500", "600", "1000"] {
            assert!(t.labels.iter().any(|l| l == must), "{must} missing: {t:?}");
        }
        // Energies over a wavelength axis: round eV values.
        // Nothing odd between round values where the ticks crowd.
        assert!(
            !t.labels
                .iter()
                .any(|l| ["340", "760", "700"].contains(&l.as_str())),
            "{t:?}"
        );
        let e = reciprocal_ticks(300.0, 800.0, 0.08);
        assert!(e.labels.contains(&"2.0".to_string()) || e.labels.contains(&"2".to_string()));
        assert!(e.labels.len() >= 4, "{e:?}");
        assert!(reciprocal_ticks(0.0, 1.0, 0.1).positions.is_empty());
    }

    #[test]
    fn labels_are_found_by_position() {
        let t = linear_ticks(0.0, 1.0, 2);
        assert_eq!(t.label_at(0.5), "0.5");
        assert_eq!(t.label_at(0.25), "");
    }
}
