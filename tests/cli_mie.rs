//! `clusterspec mie` end to end: files, columns, series and comparison;
//! bad input refused with its value and no file left behind.

mod common;

use common::cli::{assert_figures_in, clusterspec, files_in, stderr};

#[test]
fn a_gold_sphere_in_water_writes_its_cross_sections() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = clusterspec(
        &[
            "mie",
            "--material",
            "Au",
            "--diameter",
            "20",
            "--out",
            "au20",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(files_in(d), ["au20.csv", "au20.json", "au20.png"]);
    assert_eq!(assert_figures_in(d), 1);
    let csv = std::fs::read_to_string(d.join("au20.csv")).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    for column in [
        "wavelength_nm",
        "energy_eV",
        "extinction_cross_section_nm2",
        "scattering_cross_section_nm2",
        "absorption_cross_section_nm2",
        "extinction_efficiency",
        "scattering_efficiency",
        "absorption_efficiency",
    ] {
        assert!(header.contains(&column), "{header:?}");
    }
    assert_eq!(csv.lines().count(), 602);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("au20.json")).unwrap()).unwrap();
    let band = json["items"][0]["bands"][0]["wavelength_nm"]
        .as_f64()
        .unwrap();
    assert!((512.0..=530.0).contains(&band), "{band}");
    assert!(
        json["items"][0]["optical_data"][0]
            .as_str()
            .unwrap()
            .contains("Johnson")
    );
    assert!(json["run"]["command"].is_array());
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("strongest band at 52"), "{stdout}");
}

#[test]
fn series_and_comparisons_write_their_extra_plots() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = clusterspec(
        &[
            "mie",
            "--alloy",
            "Au:0.5,Ag:0.5",
            "--diameter",
            "10",
            "--compositions",
            "0,0.5,1",
            "--points",
            "101",
            "--out",
            "alloy",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = std::fs::read_to_string(d.join("alloy.csv")).unwrap();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .contains("extinction_cross_section_nm2[Au50Ag50 10 nm]")
    );
    let o = clusterspec(
        &[
            "mie",
            "--core",
            "Ag",
            "--core-diameter",
            "10",
            "--shell",
            "Au",
            "--shell-thickness",
            "2",
            "--compositions",
            "0,0.5",
            "--points",
            "101",
            "--out",
            "cs",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // A quantum spectrum beside it: a small silver cluster's absorption.
    for args in [
        &[
            "build",
            "icosahedron",
            "--element",
            "Ag",
            "--shells",
            "2",
            "-o",
            "ag55.xyz",
        ][..],
        &["absorption", "ag55.xyz", "--out", "ag55"][..],
        &[
            "mie",
            "--material",
            "Ag",
            "--diameter",
            "1.2",
            "--compare",
            "ag55.csv",
            "--points",
            "101",
            "--out",
            "cmp",
        ][..],
    ] {
        let o = clusterspec(args, d);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    let names = files_in(d);
    for f in ["alloy_band.png", "cs.png", "cs_band.png", "cmp_compare.png"] {
        assert!(names.contains(&f.to_string()), "{names:?}");
    }
    assert!(assert_figures_in(d) >= 4);
}

#[test]
fn bad_particles_are_refused_with_their_value_and_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (args, needle) in [
        (&["--material", "Au", "--diameter", "0"][..], "--diameter 0"),
        (
            &["--material", "Au", "--diameter", "-5"][..],
            "--diameter -5",
        ),
        (
            &["--material", "Pt", "--diameter", "5"][..],
            "unknown metal `Pt`",
        ),
        (
            &["--alloy", "Au:0.3,Ag:0.6", "--diameter", "5"][..],
            "--alloy Au:0.3,Ag:0.6: the fractions sum to 0.9",
        ),
        (
            &[
                "--core",
                "Ag",
                "--core-diameter",
                "10",
                "--shell",
                "Au",
                "--shell-thickness",
                "-1",
            ][..],
            "--shell-thickness -1",
        ),
        (
            &[
                "--core",
                "Ag",
                "--core-diameter",
                "0",
                "--shell",
                "Au",
                "--shell-thickness",
                "1",
            ][..],
            "--core-diameter 0",
        ),
        (
            &[
                "--material",
                "Au",
                "--diameter",
                "5",
                "--wavelengths",
                "100:900",
            ][..],
            "--wavelengths 100",
        ),
        (
            &[
                "--material",
                "Au",
                "--diameter",
                "5",
                "--wavelengths",
                "900:300",
            ][..],
            "0 < MIN < MAX",
        ),
        (
            &[
                "--alloy",
                "Au:0.5,Ag:0.5",
                "--diameter",
                "5",
                "--wavelengths",
                "250:900",
            ][..],
            "outside the optical data",
        ),
        (
            &["--material", "Au", "--diameter", "5", "--medium", "0"][..],
            "--medium 0",
        ),
        (
            &["--material", "Au", "--diameter", "5", "--diameter-sd", "-1"][..],
            "--diameter-sd -1",
        ),
        (
            &[
                "--material",
                "Au",
                "--diameter",
                "5",
                "--compositions",
                "0,0.5",
            ][..],
            "--compositions needs",
        ),
        (
            &[
                "--material",
                "Au",
                "--diameter",
                "5",
                "--compare",
                "missing.csv",
            ][..],
            "missing.csv",
        ),
        (&["--diameter", "5"][..], "say what the particle is"),
    ] {
        let mut all = vec!["mie"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--out", "bad"]);
        let o = clusterspec(&all, d);
        assert!(!o.status.success(), "{args:?} succeeded");
        let e = stderr(&o);
        assert!(e.contains(needle), "{args:?}: {e}");
        assert!(!e.contains("panicked"), "{args:?}: {e}");
        assert!(files_in(d).is_empty(), "{args:?} left {:?}", files_in(d));
    }
}

#[test]
fn a_plain_run_prints_no_error_line_without_xdg_runtime_dir() {
    // The Vulkan loader complains when XDG_RUNTIME_DIR is unset; the
    // program sets it for the loader, so a successful run stays quiet.
    let dir = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_clusterspec"))
        .args([
            "mie",
            "--material",
            "Ag",
            "--diameter",
            "10",
            "--points",
            "11",
            "--out",
            "q",
        ])
        .env_remove("XDG_RUNTIME_DIR")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        !e.lines()
            .any(|l| l.starts_with("error") || l.starts_with("warning")),
        "{e}"
    );
}

/// `--compare` with a file that is not a clusterspec spectrum: a CSV
/// without the needed columns, or one whose JSON lacks the atom count, is
/// refused with the file named and nothing written.
#[test]
fn compare_files_that_are_not_spectra_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("cols.csv"), "x,y\n1,2\n").unwrap();
    std::fs::write(
        d.join("noatoms.csv"),
        "energy_eV,cross_section_A2\n3,1\n3.1,2\n",
    )
    .unwrap();
    std::fs::write(d.join("noatoms.json"), "{\"system\": {\"name\": \"Ag55\"}}").unwrap();
    for (file, needle) in [
        ("cols.csv", "cols.csv:1: not a clusterspec spectrum"),
        ("noatoms.csv", "noatoms.json: no system.atoms"),
    ] {
        let o = clusterspec(
            &[
                "mie",
                "--material",
                "Ag",
                "--diameter",
                "2",
                "--compare",
                file,
                "--out",
                "bad",
            ],
            d,
        );
        assert!(!o.status.success(), "{file} accepted");
        let e = stderr(&o);
        assert!(e.contains(needle) && !e.contains("panicked"), "{file}: {e}");
        assert!(
            !files_in(d).iter().any(|f| f.starts_with("bad")),
            "{file}: {:?}",
            files_in(d)
        );
    }
}
