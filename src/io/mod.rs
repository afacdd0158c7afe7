//! Files out, through one set of helpers: all-or-nothing output sets
//! ([`output_set`]), guards that keep outputs off the run's inputs and
//! check the destination before any work ([`guard`]), the run header of
//! every JSON ([`header`]), one column-table CSV writer
//! ([`table`]), and the files of a calculation ([`spectrum_files`]);
//! sweeps and emission reuse them.

pub mod classical_files;
pub mod emission_files;
pub mod ensemble_files;
pub mod guard;
pub mod header;
pub mod line_files;
pub mod output_set;
pub mod peak_files;
pub mod spectrum_files;
pub mod spectrum_plots;
pub mod table;

use std::path::{Path, PathBuf};

pub use guard::{check_not_input, check_prefix, check_writable, protect_input};
pub use output_set::{
    OutputSet, atomic_write, remove_staged, stop_for_signal, temporary_sibling, write_xyz,
};

/// `x` with three significant figures, as every derived quantity is
/// printed: "0.0123", "4.56", "1.23e5".
pub fn sig3(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let magnitude = x.abs().log10().floor() as i32;
    if (-3..4).contains(&magnitude) {
        format!("{x:.*}", (2 - magnitude).max(0) as usize)
    } else {
        format!("{x:.2e}")
    }
}

/// `prefix` with `.ext` appended (`out/ag147` → `out/ag147.png`).
pub fn with_extension(prefix: &Path, ext: &str) -> PathBuf {
    with_suffix(prefix, "", ext)
}

/// `prefix` + `suffix` + `.ext` (`out/ag147`, `_levels` → `out/ag147_levels.png`).
pub fn with_suffix(prefix: &Path, suffix: &str, ext: &str) -> PathBuf {
    let mut s = prefix.as_os_str().to_owned();
    s.push(suffix);
    s.push(".");
    s.push(ext);
    PathBuf::from(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn three_significant_figures() {
        assert_eq!(super::sig3(23.2554), "23.3");
        assert_eq!(super::sig3(0.012345), "0.0123");
        assert_eq!(super::sig3(4.5678), "4.57");
        assert_eq!(super::sig3(123456.0), "1.23e5");
        assert_eq!(super::sig3(-0.5), "-0.500");
        assert_eq!(super::sig3(0.0), "0");
    }
}
