//! Normalised line shapes g(E; E₀, w) with ∫g dE = 1 and w the full width
//! at half maximum (FWHM) in eV, everywhere.

use std::f64::consts::{LN_2, PI};

use serde::Serialize;

/// A line shape; `fwhm` is always the full width at half maximum (eV).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LineShape {
    Gaussian,
    Lorentzian,
    /// η L + (1 − η) G, both with the same FWHM; 0 ≤ η ≤ 1.
    PseudoVoigt {
        eta: f64,
    },
}

/// Half-width (in FWHM) of the window in which Gaussian lines are summed:
/// beyond 3 FWHM a Gaussian is below 1.4e-11 of its peak.
pub const GAUSSIAN_WINDOW_FWHM: f64 = 3.0;
/// Half-width (in FWHM) of the window in which Lorentzian lines are summed
/// exactly; farther lines enter through binned centroids (broaden.rs).
pub const LORENTZIAN_WINDOW_FWHM: f64 = 5.0;

impl LineShape {
    /// Weight of the Lorentzian part: 0, 1 or η.
    pub fn lorentzian_fraction(self) -> f64 {
        match self {
            LineShape::Gaussian => 0.0,
            LineShape::Lorentzian => 1.0,
            LineShape::PseudoVoigt { eta } => eta,
        }
    }

    /// g(x) at offset x = E − E₀ (eV), in eV⁻¹.
    pub fn value(self, x: f64, fwhm: f64) -> f64 {
        let eta = self.lorentzian_fraction();
        eta * lorentzian(x, fwhm) + (1.0 - eta) * gaussian(x, fwhm)
    }

    /// A short name for titles and files.
    pub fn name(self) -> String {
        match self {
            LineShape::Gaussian => "Gaussian".into(),
            LineShape::Lorentzian => "Lorentzian".into(),
            LineShape::PseudoVoigt { eta } => format!("pseudo-Voigt η={eta}"),
        }
    }
}

/// Normalised Gaussian of FWHM `fwhm` at offset `x` (eV⁻¹).
pub fn gaussian(x: f64, fwhm: f64) -> f64 {
    let a = 4.0 * LN_2 / (fwhm * fwhm);
    (a / PI).sqrt() * (-a * x * x).exp()
}

/// Normalised Lorentzian of FWHM `fwhm` at offset `x` (eV⁻¹).
pub fn lorentzian(x: f64, fwhm: f64) -> f64 {
    let half = 0.5 * fwhm;
    half / (PI * (x * x + half * half))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn integral(shape: LineShape, fwhm: f64, span: f64) -> f64 {
        let n = 400_000;
        let h = 2.0 * span / n as f64;
        (0..=n)
            .map(|k| shape.value(-span + k as f64 * h, fwhm) * h)
            .sum()
    }

    #[test]
    fn shapes_are_normalised_with_fwhm_width() {
        for shape in [
            LineShape::Gaussian,
            LineShape::Lorentzian,
            LineShape::PseudoVoigt { eta: 0.3 },
        ] {
            let w = 0.2;
            let peak = shape.value(0.0, w);
            assert!(
                (shape.value(w / 2.0, w) / peak - 0.5).abs() < 1e-12,
                "{shape:?}"
            );
            let tail = (2.0 / PI) * (w / 2.0) / 1000.0 * shape.lorentzian_fraction();
            assert!(
                (integral(shape, w, 1000.0) - 1.0).abs() < 1e-4 + tail,
                "{shape:?}"
            );
        }
    }
}
