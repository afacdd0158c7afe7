//! What one spectrum figure shows, before any drawing: curves, sticks,
//! markers, titles and axes (the plain description that the layout and
//! the drawing both read).

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

/// Sticks on the right axis: x (as the curves) and height (oscillator
/// or rotatory strength; negative heights hang below zero).
pub struct Sticks<'a> {
    pub energy: &'a [f64],
    pub strength: &'a [f64],
    /// Quantity of the right axis, e.g. "oscillator strength f".
    pub label: String,
    /// Unit of the heights ("" for a pure number); a power-of-ten scale
    /// is put in front of it automatically.
    pub unit: String,
}

/// An axis title "quantity (prefix unit)": "f", "f (10⁻³)",
/// "R (10⁻⁴⁰ esu² cm²)" or "R (10⁻¹² × 10⁻⁴⁰ esu² cm²)".
pub fn axis_title(quantity: &str, prefix: &str, unit: &str) -> String {
    let prefix = prefix.trim();
    match (prefix.is_empty(), unit.is_empty()) {
        (true, true) => quantity.to_string(),
        (true, false) => format!("{quantity} ({unit})"),
        (false, true) => format!("{quantity} ({prefix})"),
        (false, false) if unit.starts_with("10") => format!("{quantity} ({prefix} × {unit})"),
        (false, false) => format!("{quantity} ({prefix} {unit})"),
    }
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
