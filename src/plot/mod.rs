//! Publication plots with plotters and an embedded font (DejaVu Sans), so
//! no system font library is needed. PNG or SVG, chosen by the extension.

/// Renders `$render(&root, args…)` to `$path` at `$size` pixels: an SVG when
/// the path ends in `.svg`, else a PNG. Evaluates to `Result<()>`.
macro_rules! draw_to_file {
    ($path:expr, $size:expr, $render:path, $($arg:expr),*) => {{
        let path: &std::path::Path = $path;
        let err = |e: String| $crate::error::Error::Plot {
            path: path.to_path_buf(),
            message: e,
        };
        if path.extension().is_some_and(|e| e == "svg") {
            let root = SVGBackend::new(path, $size).into_drawing_area();
            $render(&root, $($arg),*).map_err(|e| err(e.to_string()))?;
            root.present().map_err(|e| err(e.to_string()))
        } else {
            let root = BitMapBackend::new(path, $size).into_drawing_area();
            $render(&root, $($arg),*).map_err(|e| err(e.to_string()))?;
            root.present().map_err(|e| err(e.to_string()))
        }
    }};
}

pub mod levels;
pub mod series;
pub mod spectrum;
pub mod trend;

use std::sync::Once;

use plotters::style::{FontStyle, register_font};

pub use levels::{LevelDiagram, draw_levels};
pub use plotters::chart::SeriesLabelPosition;
pub use series::{Reference, Series, SeriesPlot, draw_series};
pub use spectrum::{Curve, Marker, SpectrumPlot, Sticks, draw_spectrum, draw_stacked};
pub use trend::{TrendPlot, draw_trend};

/// Font family name used by every plot.
pub const FONT: &str = "sans-serif";

static FONTS: Once = Once::new();

/// Registers the embedded DejaVu Sans faces once per process.
pub fn register_fonts() {
    FONTS.call_once(|| {
        // The bytes are a valid TrueType font shipped by the `dejavu` crate.
        let _ = register_font(FONT, FontStyle::Normal, dejavu::sans::regular());
        let _ = register_font(FONT, FontStyle::Bold, dejavu::sans::bold());
        let _ = register_font(FONT, FontStyle::Italic, dejavu::sans::oblique());
    });
}

/// A power of ten that brings `max` into [1, 1000), and its label
/// ("10⁴ " or "").
pub fn scale_for(max: f64) -> (f64, String) {
    if !(max.is_finite() && max > 0.0) {
        return (1.0, String::new());
    }
    let exp = (max.log10().floor() as i32).div_euclid(3) * 3;
    if exp == 0 {
        return (1.0, String::new());
    }
    let sup: String = exp
        .to_string()
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect();
    (10f64.powi(exp), format!("10{sup} "))
}

#[cfg(test)]
mod tests {
    #[test]
    fn scale_labels() {
        assert_eq!(super::scale_for(2.5e5).1, "10³ ");
        assert_eq!(super::scale_for(12.0).0, 1.0);
        assert_eq!(super::scale_for(2.0e6).1, "10⁶ ");
    }
}
