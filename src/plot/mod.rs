//! Publication plots with plotters and an embedded font (DejaVu Sans), so
//! no system font library is needed. PNG or SVG, chosen by the extension.

/// Renders `$render(&root, scale, args…)` to `$path`: an SVG of `$size`
/// (scale 1) when the path ends in `.svg`, else a PNG of `$size` × `$zoom`
/// drawn at [`SUPERSAMPLE`] times that and averaged down (anti-aliased).
/// Evaluates to `Result<()>`.
macro_rules! draw_to_file {
    ($path:expr, $size:expr, $zoom:expr, $render:path, $($arg:expr),*) => {{
        let path: &std::path::Path = $path;
        let (w, h): (u32, u32) = $size;
        let err = |e: String| $crate::error::Error::Plot {
            path: path.to_path_buf(),
            message: e,
        };
        if path.extension().is_some_and(|e| e == "svg") {
            let root = SVGBackend::new(path, (w, h)).into_drawing_area();
            $render(&root, 1.0, $($arg),*).map_err(|e| err(e.to_string()))?;
            root.present().map_err(|e| err(e.to_string()))
        } else {
            let zoom: f64 = $zoom;
            let size = ((w as f64 * zoom).round() as u32, (h as f64 * zoom).round() as u32);
            let s = $crate::plot::SUPERSAMPLE;
            let mut buffer = vec![0u8; 3 * (size.0 * s) as usize * (size.1 * s) as usize];
            {
                let root = BitMapBackend::with_buffer(&mut buffer, (size.0 * s, size.1 * s))
                    .into_drawing_area();
                $render(&root, zoom * s as f64, $($arg),*).map_err(|e| err(e.to_string()))?;
                root.present().map_err(|e| err(e.to_string()))?;
            }
            $crate::plot::save_png(path, size, buffer)
        }
    }};
}

/// PNGs are drawn at this multiple of their size and averaged down:
/// plotters draws bitmap lines without anti-aliasing, the average smooths
/// their edges.
pub const SUPERSAMPLE: u32 = 2;

/// Averages an RGB `buffer` of `size` × [`SUPERSAMPLE`] down to `size` and
/// writes it to `path` as a PNG.
pub fn save_png(path: &std::path::Path, size: (u32, u32), buffer: Vec<u8>) -> crate::Result<()> {
    let s = SUPERSAMPLE;
    let err = |e: String| crate::error::Error::Plot {
        path: path.to_path_buf(),
        message: e,
    };
    let big = image::RgbImage::from_raw(size.0 * s, size.1 * s, buffer)
        .ok_or_else(|| err("image buffer of the wrong size".into()))?;
    let small = image::RgbImage::from_fn(size.0, size.1, |x, y| {
        let mut sum = [0u32; 3];
        for dy in 0..s {
            for dx in 0..s {
                let p = big.get_pixel(x * s + dx, y * s + dy);
                for c in 0..3 {
                    sum[c] += p[c] as u32;
                }
            }
        }
        let n = s * s;
        image::Rgb(sum.map(|v| ((v + n / 2) / n) as u8))
    });
    small
        .save_with_format(path, image::ImageFormat::Png)
        .map_err(|e| err(e.to_string()))
}

pub mod figure;
pub mod layout;
pub mod legend;
pub mod levels;
pub mod series;
pub mod spectrum;
pub mod style;
pub mod ticks;
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
        assert_eq!(super::scale_for(3.0e-12).1, "10⁻¹² ");
    }

    #[test]
    fn axis_titles_join_scale_and_unit() {
        use super::spectrum::axis_title;
        assert_eq!(axis_title("f", "", ""), "f");
        assert_eq!(axis_title("f", "10⁻³ ", ""), "f (10⁻³)");
        assert_eq!(axis_title("ε", "10³ ", "M⁻¹ cm⁻¹"), "ε (10³ M⁻¹ cm⁻¹)");
        assert_eq!(
            axis_title("R", "10⁻¹² ", "10⁻⁴⁰ esu² cm²"),
            "R (10⁻¹² × 10⁻⁴⁰ esu² cm²)"
        );
    }
}
