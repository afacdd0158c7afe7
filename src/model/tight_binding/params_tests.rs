//! Tests of parameter-file parsing and validation.

use std::path::Path;

use super::*;

#[test]
fn shipped_sets_parse() {
    for m in ["s", "spd"] {
        let set = ParameterSet::builtin(m).unwrap();
        for a in [Element::Au, Element::Ag, Element::Cu] {
            for b in [Element::Au, Element::Ag, Element::Cu] {
                set.pair(a, b).unwrap();
            }
        }
    }
}

#[test]
fn errors_name_the_line() {
    let bad = S_BAND_TOML.replacen("r0 = 2.884", "r0 = -1.0", 1);
    let e = ParameterSet::parse(&bad, Path::new("p.toml"))
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("p.toml:") && e.contains("-1"), "{e}");
    let e = ParameterSet::parse("name = 3", Path::new("p.toml"))
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("p.toml:1:"), "{e}");
}

#[test]
fn out_of_range_counts_and_exponents_name_line_and_value() {
    let bad = S_BAND_TOML.replacen("valence = 1", "valence = 2147483648", 1);
    let e = ParameterSet::parse(&bad, Path::new("p.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("p.toml:22:") && e.contains("2147483648"),
        "{e}"
    );
    let bad = S_BAND_TOML.replacen("valence = 1", "valence = 19", 1);
    let e = ParameterSet::parse(&bad, Path::new("p.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("p.toml:22:") && e.contains("valence = 19"),
        "{e}"
    );
    let bad = S_BAND_TOML.replacen("ss_sigma = 2.0", "ss_sigma = nan", 1);
    let e = ParameterSet::parse(&bad, Path::new("p.toml"))
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("p.toml:18:") && e.contains("NaN"), "{e}");
}

#[test]
fn every_float_is_range_checked_with_its_line() {
    for (from, to, needle) in [
        ("r0 = 2.884", "r0 = 1e30", "0.5 … 10 Å"),
        ("ss_sigma = -0.43033", "ss_sigma = -1e200", "±100 eV"),
    ] {
        let bad = S_BAND_TOML.replacen(from, to, 1);
        let e = ParameterSet::parse(&bad, Path::new("p.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("p.toml:") && e.contains(needle), "{e}");
    }
    let bad = S_BAND_TOML.replacen("outer = 1.35", "outer = 1e9", 1);
    let e = ParameterSet::parse(&bad, Path::new("p.toml"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("outer ≤ 5"), "{e}");
    let line = S_BAND_TOML
        .lines()
        .find(|l| l.starts_with("onsite_s"))
        .unwrap();
    let bad = S_BAND_TOML.replacen(line, "onsite_s = -1e6", 1);
    let e = ParameterSet::parse(&bad, Path::new("p.toml"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("±100 eV") && e.contains("-1000000"), "{e}");
}
