//! The command line end to end: build, absorption and demo write their
//! files; bad input fails cleanly, naming file, line and value, and leaves
//! no output behind.

mod common;

use common::cli::{
    assert_figure, assert_figures_in, build_icosahedron, clusterspec, files_in, stderr,
};

#[test]
fn build_then_absorption_writes_png_csv_json() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = clusterspec(
        &[
            "build",
            "icosahedron",
            "--element",
            "Ag",
            "--shells",
            "3",
            "-o",
            "structures/ag147.xyz",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let xyz = std::fs::read_to_string(d.join("structures/ag147.xyz")).unwrap();
    assert!(xyz.starts_with("147\n"));

    let o = clusterspec(
        &[
            "absorption",
            "structures/ag147.xyz",
            "--model",
            "s",
            "--fwhm",
            "0.1",
            "--out",
            "spectra/ag147",
            "--backend",
            "cpu",
            "--transitions",
            "all",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_figure(&d.join("spectra/ag147.png"));
    let csv = std::fs::read_to_string(d.join("spectra/ag147.csv")).unwrap();
    let mut lines = csv.lines();
    // The collective response by default, with the independent-particle
    // spectrum beside it.
    assert_eq!(
        lines.next().unwrap(),
        "energy_eV,wavelength_nm,osc_strength_density_per_eV,epsilon_per_M_per_cm,cross_section_A2,\
         osc_strength_density_single_particle_per_eV,epsilon_single_particle_per_M_per_cm,\
         cross_section_single_particle_A2"
    );
    assert_eq!(lines.count(), 1000);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("spectra/ag147.json")).unwrap())
            .unwrap();
    assert_eq!(json["electrons"]["electrons"], 147);
    assert_eq!(json["input"]["atoms"], 147);
    assert_eq!(json["orbital_energies_ev"].as_array().unwrap().len(), 147);
    assert_eq!(json["run"]["backend"]["device"], "CPU");
    assert_eq!(json["components"][0]["role"], "main");
    assert_eq!(json["components"][0]["key"], "rpa");
    assert_eq!(json["response"]["options"]["route"]["route"], "frequency");
    let scc = &json["self_consistent_charges"];
    assert!(
        scc["residuals"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .as_f64()
            .unwrap()
            < 1e-5
    );
    let charges = json["atomic_charges"].as_array().unwrap();
    let net: f64 = charges.iter().map(|q| q.as_f64().unwrap()).sum();
    assert!(charges.len() == 147 && net.abs() < 1e-8, "Σ Δq = {net}");
    let reference = &json["components"][1];
    assert_eq!(reference["role"], "reference");
    // Lines are listed per degenerate set: Σf, the orbital pairs, and the
    // transition dipole of a lone line; the weak ones are counted.
    let listed = reference["lines"].as_array().unwrap();
    let t = &listed[0];
    assert!(t["energy_ev"].is_f64() && t["oscillator_strength"].is_f64());
    let (from, to) = (
        t["from_orbitals"].as_array().unwrap(),
        t["to_orbitals"].as_array().unwrap(),
    );
    assert!(from.len() * to.len() >= t["degeneracy"].as_u64().unwrap() as usize);
    assert!(from[0].is_u64() && to[0].is_u64());
    // Icosahedral Ag147: degenerate sets everywhere, and only a lone line
    // would carry a dipole.
    assert!(listed.iter().any(|l| l["degeneracy"].as_u64().unwrap() > 1));
    assert!(
        listed
            .iter()
            .all(|l| (l["degeneracy"] == 1) == l.get("dipole_angstrom").is_some())
    );
    let omitted = &reference["lines_omitted"];
    let in_sets: u64 = listed
        .iter()
        .map(|l| l["degeneracy"].as_u64().unwrap())
        .sum();
    assert_eq!(
        in_sets + omitted["lines"].as_u64().unwrap(),
        reference["line_count"].as_u64().unwrap()
    );
    let f_listed: f64 = listed
        .iter()
        .map(|l| l["oscillator_strength"].as_f64().unwrap())
        .sum();
    let f_all = reference["oscillator_strength_sum"].as_f64().unwrap();
    let f_omitted = omitted["oscillator_strength_sum"].as_f64().unwrap();
    assert!((f_listed + f_omitted - f_all).abs() < 1e-9 * f_all);
    let sr = &json["sum_rule"];
    let (a, b) = (
        sr["oscillator_strength_sum"].as_f64().unwrap(),
        sr["commutator_value"].as_f64().unwrap(),
    );
    assert!((a - b).abs() < 1e-9 * a);
    // Missing output folders are created; no temporary files are left.
    assert_eq!(files_in(d), ["spectra", "structures"]);
    assert_eq!(files_in(&d.join("structures")), ["ag147.xyz"]);
    assert_eq!(
        files_in(&d.join("spectra")),
        [
            "ag147.csv",
            "ag147.json",
            "ag147.png",
            "ag147_lines_single_particle.npz",
            "ag147_peaks.csv"
        ]
    );
    // Every transition is in the archive, with the documented columns.
    let file = std::fs::File::open(d.join("spectra/ag147_lines_single_particle.npz")).unwrap();
    let mut npz = ndarray_npy::NpzReader::new(file).unwrap();
    let energy: ndarray::Array1<f64> = npz.by_name("energy_eV").unwrap();
    let f: ndarray::Array1<f64> = npz.by_name("oscillator_strength").unwrap();
    let dipole: ndarray::Array2<f64> = npz.by_name("dipole_angstrom").unwrap();
    let from: ndarray::Array1<u32> = npz.by_name("from_orbital").unwrap();
    let set: ndarray::Array1<u32> = npz.by_name("degenerate_set").unwrap();
    let count = reference["line_count"].as_u64().unwrap() as usize;
    assert_eq!(
        (energy.len(), dipole.shape(), from.len(), set.len()),
        (count, &[count, 3][..], count, count)
    );
    assert!((f.sum() - f_all).abs() < 1e-9 * f_all);
    // The printed band table and the peak table agree.
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("E (eV)") && stdout.contains("FWHM (eV)"),
        "{stdout}"
    );
    let peaks = std::fs::read_to_string(d.join("spectra/ag147_peaks.csv")).unwrap();
    assert!(
        peaks.lines().skip(1).any(|l| l.starts_with("rpa,")),
        "{peaks}"
    );
    assert!(
        peaks
            .lines()
            .skip(1)
            .any(|l| l.starts_with("single_particle,"))
    );
}

#[test]
fn spd_with_charge_ligands_temperature_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = clusterspec(
        &[
            "build",
            "icosahedron",
            "--shells",
            "1",
            "--alloy",
            "Ag",
            "--fraction",
            "0.3",
            "-o",
            "c.xyz",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = clusterspec(
        &[
            "absorption",
            "c.xyz",
            "--model",
            "spd",
            "--charge=-1",
            "--ligands",
            "2",
            "--temperature",
            "300",
            "--lineshape",
            "voigt",
            "--eta",
            "0.4",
            "--range",
            "1.5:5",
            "--points",
            "300",
            "--svg",
            "--out",
            "c",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("c.json")).unwrap()).unwrap();
    // 13 atoms × 11 valence electrons − 2 ligands + 1 (anion).
    assert_eq!(json["electrons"]["electrons"], 13 * 11 - 2 + 1);
    // spd takes independent particles by default (its collective response
    // is refused, it loses the plasmon).
    let lines = json["components"][0]["lines"].as_array().unwrap();
    assert!(!lines.is_empty() && lines.iter().all(|l| l["energy_ev"].is_f64()));
    assert!(
        std::fs::read_to_string(d.join("c.svg"))
            .unwrap()
            .contains("<svg")
    );
    // The frequency route has its own (Lorentzian) line shape: another one
    // is refused before anything is computed or written.
    let o = clusterspec(
        &[
            "absorption",
            "c.xyz",
            "--lineshape",
            "gaussian",
            "--out",
            "g",
        ],
        d,
    );
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("--lineshape") && err.contains("Casida"),
        "{err}"
    );
    assert!(!d.join("g.csv").exists() && !d.join("g.png").exists());
}

#[test]
fn demo_writes_pngs() {
    let dir = tempfile::tempdir().unwrap();
    let o = clusterspec(&["demo", "--out-dir", "out"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let files = files_in(&dir.path().join("out"));
    for f in [
        "demo_au_ag_alloy.png",
        "demo_ag_size_series.png",
        "demo_au55_models.png",
        "demo_jellium_na20.png",
        "demo_jellium_na20_levels.png",
        "demo_au25_dftb.png",
    ] {
        assert!(files.contains(&f.to_string()), "{files:?}");
    }
    assert_eq!(assert_figures_in(&dir.path().join("out")), 6);
}

/// `sites` puts the dopant on each distinct site of a centred icosahedron
/// (the centre and the twelve equivalent vertices), writes one figure with
/// a curve per site, and reports band maxima inside the range only.
#[test]
fn sites_finds_the_centre_and_the_vertex_of_an_icosahedron() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = clusterspec(
        &[
            "sites",
            "icosahedron:1",
            "--dopant",
            "Ag",
            "--backend",
            "cpu",
            "--out",
            "s",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(files_in(d), ["s.csv", "s.json", "s.png"]);
    assert_eq!(assert_figures_in(d), 1);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("s.json")).unwrap()).unwrap();
    let sites = json["sites"].as_array().unwrap();
    assert_eq!(sites.len(), 2, "{sites:?}");
    let grid = &json["broadening"]["grid"];
    let (lo, hi) = (
        grid["start"].as_f64().unwrap(),
        grid["end"].as_f64().unwrap(),
    );
    for site in sites {
        if let Some(peak) = site["peak_energy_ev"].as_f64() {
            assert!(peak > lo && peak < hi, "{peak} on the edge of {lo}–{hi}");
        }
    }
    let lowest = sites
        .iter()
        .map(|s| s["relative_energy_ev"].as_f64().unwrap())
        .fold(f64::INFINITY, f64::min);
    assert_eq!(lowest, 0.0);
}

/// Runs `absorption` on `xyz` text; asserts failure, each `needle` in the
/// message, and no output left behind.
fn rejects(xyz: &str, extra: &[&str], needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("in.xyz"), xyz).unwrap();
    let mut args = vec!["absorption", "in.xyz", "--out", "out"];
    args.extend_from_slice(extra);
    let o = clusterspec(&args, d);
    assert!(!o.status.success(), "accepted bad input {xyz:?}");
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    for n in needles {
        assert!(err.contains(n), "message {err:?} lacks {n:?}");
    }
    assert_eq!(files_in(d), ["in.xyz"], "output left behind");
}

#[test]
fn bad_structures_are_rejected_clearly() {
    rejects("", &[], &["in.xyz:1", "empty"]);
    rejects(
        "3\nc\nAu 0 0 0\nAu 2.9 0 0\n",
        &[],
        &["in.xyz:5", "declares 3"],
    );
    rejects(
        "1\nc\nAu 0 0 0\nAu 2.9 0 0\n",
        &[],
        &["in.xyz:4", "wrong atom count"],
    );
    rejects(
        "2\nc\nAu 0 0 0\nUnobtainium 2.9 0 0\n",
        &[],
        &["in.xyz:4", "Unobtainium"],
    );
    rejects("2\nc\nAu 0 0 0\nAu nan 0 0\n", &[], &["in.xyz:4", "nan"]);
    rejects(
        "2\nc\nAu 0 0 0\nAu 0.2 0.1 0\n",
        &[],
        &["in.xyz", "line 3", "line 4", "0.224"],
    );
    rejects("2\nc\nAu 0 0 0\nS 2.4 0 0\n", &[], &["no parameters for S"]);
}

#[test]
fn bad_parameter_files_are_rejected_clearly() {
    let good = "2\nc\nAu 0 0 0\nAu 2.9 0 0\n";
    rejects(
        good,
        &["--params", "missing.toml"],
        &["missing.toml", "No such file"],
    );
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.toml");
    let text = include_str!("../data/tb_s.toml").replacen(
        "ss_sigma = -0.43033",
        "ss_sigma = \"strong\"",
        1,
    );
    std::fs::write(&p, &text).unwrap();
    let line = text.lines().position(|l| l.contains("\"strong\"")).unwrap() + 1;
    rejects(
        good,
        &["--params", p.to_str().unwrap()],
        &["bad.toml", &format!(":{line}:"), "string"],
    );
}

#[test]
fn bad_options_are_rejected_clearly() {
    let good = "2\nc\nAu 0 0 0\nAu 2.9 0 0\n";
    rejects(good, &["--fwhm=-1"], &["--fwhm"]);
    rejects(good, &["--fwhm", "0"], &["--fwhm"]);
    rejects(
        good,
        &["--fwhm", "1e-300"],
        &["--fwhm 1e-300", "0.0001 … 10 eV"],
    );
    rejects(good, &["--fwhm", "1e300"], &["--fwhm", "0.0001 … 10 eV"]);
    rejects(good, &["--range", "6:1"], &["range"]);
    rejects(good, &["--model", "xyz"], &["unknown model"]);
    rejects(good, &["--charge", "5"], &["negative"]);
    // Absurd sizes are errors, not aborts.
    rejects(
        good,
        &["--points", "18446744073709551615"],
        &["--points", "10000000"],
    );
    rejects(
        "18446744073709551615\nc\nAu 0 0 0\n",
        &[],
        &["wrong atom count", "18446744073709551615"],
    );
}

#[test]
fn cd_emission_and_mirror_commands_write_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for args in [
        vec!["build", "c-au4ag6", "--hand", "p", "-o", "p.xyz"],
        vec!["build", "c-au6", "-o", "cau6.xyz"],
        vec![
            "build",
            "au25",
            "--bare",
            "--dope-site",
            "staple",
            "-o",
            "au24ag.xyz",
        ],
        vec!["mirror", "p.xyz", "-o", "m.xyz"],
    ] {
        let o = clusterspec(&args, d);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    let p = std::fs::read_to_string(d.join("p.xyz")).unwrap();
    let m = std::fs::read_to_string(d.join("m.xyz")).unwrap();
    assert!(p.starts_with("11\n") && m.starts_with("11\n") && p != m);
    let au24ag = std::fs::read_to_string(d.join("au24ag.xyz")).unwrap();
    assert_eq!(au24ag.lines().filter(|l| l.starts_with("Ag")).count(), 1);

    let o = clusterspec(
        &[
            "cd",
            "p.xyz",
            "--model",
            "spd",
            "--backend",
            "cpu",
            "--out",
            "cd",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_figure(&d.join("cd.png"));
    let csv = std::fs::read_to_string(d.join("cd.csv")).unwrap();
    assert!(csv.starts_with(
        "energy_eV,wavelength_nm,osc_strength_density_per_eV,epsilon_per_M_per_cm,cross_section_A2,delta_epsilon_per_M_per_cm,g_abs\n"
    ));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("cd.json")).unwrap()).unwrap();
    let lines = json["components"][0]["lines"].as_array().unwrap();
    assert!(!lines.is_empty());
    assert!(lines.iter().all(|l| l["rotatory_strength"].is_f64()));
    assert!(
        json["rotatory_convention"]
            .as_str()
            .unwrap()
            .contains("velocity gauge")
    );

    let o = clusterspec(
        &[
            "emission",
            "au24ag.xyz",
            "--ligands",
            "18",
            "--charge=-1",
            "--huang-rhys",
            "1.5",
            "--mode",
            "0.05",
            "--refractive-index",
            "1.4",
            "--out",
            "em",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("em.json")).unwrap()).unwrap();
    let em = &json["emission"];
    assert!(em["radiative_rate"].as_f64().unwrap() > 0.0);
    assert!(json["radiative_lifetime_ns"].as_f64().unwrap() > 0.0);
    assert!(!em["states"].as_array().unwrap().is_empty());
    let csv = std::fs::read_to_string(d.join("em.csv")).unwrap();
    assert!(csv.starts_with("energy_eV,wavelength_nm,absorption_normalised,emission_normalised\n"));
    assert_figure(&d.join("em.png"));
}

#[test]
fn emission_options_are_checked() {
    let good = "2\nc\nAu 0 0 0\nAu 2.9 0 0\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("in.xyz"), good).unwrap();
    let o = clusterspec(
        &["emission", "in.xyz", "--reorganisation=-0.1", "--out", "e"],
        dir.path(),
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--reorganisation"), "{}", stderr(&o));
    let o = clusterspec(
        &["emission", "in.xyz", "--huang-rhys", "1", "--out", "e"],
        dir.path(),
    );
    assert!(
        !o.status.success(),
        "--huang-rhys without --mode must be refused"
    );
    assert_eq!(files_in(dir.path()), ["in.xyz"]);
}

#[test]
fn jellium_writes_levels_spectra_csv_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = clusterspec(
        &[
            "jellium",
            "--element",
            "Na",
            "--atoms",
            "20",
            "--out",
            "out/na20",
            "--backend",
            "cpu",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        files_in(&d.join("out")),
        [
            "na20.csv",
            "na20.json",
            "na20.png",
            "na20_levels.png",
            "na20_peaks.csv"
        ]
    );
    assert_eq!(assert_figures_in(&d.join("out")), 2);
    // The plasmon is the band holding the most strength, also in the peak
    // table.
    let peaks = std::fs::read_to_string(d.join("out/na20_peaks.csv")).unwrap();
    assert!(peaks.starts_with(clusterspec::io::peak_files::PEAKS_HEADER));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("20 electrons") && stdout.contains("plasmon"),
        "{stdout}"
    );
    let csv = std::fs::read_to_string(d.join("out/na20.csv")).unwrap();
    assert!(csv.starts_with(
        "energy_eV,wavelength_nm,osc_strength_density_per_eV,epsilon_per_M_per_cm,cross_section_A2,osc_strength_density_single_particle_per_eV"
    ));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("out/na20.json")).unwrap()).unwrap();
    let labels: Vec<&str> = json["levels"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["occupation"].as_f64().unwrap() > 1.0)
        .map(|l| l["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["1s", "1p", "1d", "2s"]);
    let sum = json["sum_coupled"].as_f64().unwrap();
    assert!((sum - 20.0).abs() < 0.2, "{sum}");
    let residuals = json["self_consistency"]["residuals"].as_array().unwrap();
    assert!(residuals.last().unwrap().as_f64().unwrap() < 1e-7);
    assert_eq!(json["components"][0]["label"], "TDLDA");
    assert_eq!(json["components"][1]["role"], "reference");
    let plasmon = json["plasmon_ev"].as_f64().unwrap();
    let bands = json["components"][0]["peaks"].as_array().unwrap();
    let strongest = bands
        .iter()
        .max_by(|a, b| {
            a["oscillator_strength"]
                .as_f64()
                .unwrap()
                .total_cmp(&b["oscillator_strength"].as_f64().unwrap())
        })
        .unwrap();
    assert!((strongest["energy_ev"].as_f64().unwrap() - plasmon).abs() < 0.05);
    assert!(peaks.lines().any(|l| l.starts_with("coupled,")), "{peaks}");
}

#[test]
fn jellium_bad_options_fail_without_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (args, needle) in [
        (
            vec!["--element", "Xx", "--atoms", "20"],
            "unknown element `Xx`",
        ),
        (vec!["--element", "Na", "--atoms", "0"], "--atoms 0"),
        (
            vec!["--element", "Na", "--atoms", "8", "--range", "6:x"],
            "--range `6:x`",
        ),
        (
            vec!["--element", "Na", "--atoms", "8", "--max-excitation", "0"],
            "--max-excitation 0",
        ),
        (
            vec!["--element", "Na", "--valence", "2", "--atoms", "8"],
            "--valence 2",
        ),
        (
            vec!["--element", "Ag", "--no-d", "--eps-d", "5", "--atoms", "8"],
            "--no-d",
        ),
        (
            vec!["--element", "Na", "--atoms", "8", "--charge", "9"],
            "charge +9",
        ),
        (
            vec!["--rs", "0.1", "--valence", "1", "--atoms", "8"],
            "r_s = 0.1",
        ),
        (
            vec!["--element", "Na", "--atoms", "8", "--fwhm=-1"],
            "--fwhm -1",
        ),
        (
            vec!["--element", "Ag", "--atoms", "2", "--d-skin", "9"],
            "skin 9",
        ),
    ] {
        let mut full = vec!["jellium", "--out", "x", "--backend", "cpu"];
        full.extend(args);
        let o = clusterspec(&full, d);
        assert!(!o.status.success(), "{full:?} succeeded");
        assert!(stderr(&o).contains(needle), "{full:?}: {}", stderr(&o));
        assert!(files_in(d).is_empty(), "{full:?} left {:?}", files_in(d));
    }
}

/// Au25(SR)18⁻ absorbs most strongly below 1 eV: without --range the
/// window reaches down to its first bright transition, and says so; with
/// the default window forced, a note names the strong line outside it.
/// On the wavelength axis the figure is written at its full size.
#[test]
fn the_range_reaches_the_first_bright_line_and_nm_axis_plots() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = clusterspec(&["build", "au25", "--bare", "-o", "au25.xyz"], d);
    assert!(o.status.success(), "{}", stderr(&o));
    let common = [
        "absorption",
        "au25.xyz",
        "--ligands",
        "18",
        "--charge=-1",
        "--response",
        "single",
        "--backend",
        "cpu",
    ];
    let mut args = common.to_vec();
    args.extend(["--x-axis", "nm", "--out", "wide"]);
    let o = clusterspec(&args, d);
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("the range starts at"), "{stdout}");
    assert!(!stderr(&o).contains("warning:"), "{}", stderr(&o));
    let csv = std::fs::read_to_string(d.join("wide.csv")).unwrap();
    let first: f64 = csv
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(first < 1.0, "{first}");
    assert_figure(&d.join("wide.png"));

    let mut args = common.to_vec();
    args.extend(["--range", "1:6", "--out", "narrow"]);
    let o = clusterspec(&args, d);
    assert!(o.status.success(), "{}", stderr(&o));
    // As strong as the strongest inside: a note naming it (a warning
    // when stronger).
    let err = stderr(&o);
    assert!(
        err.contains("single particle: strong absorption lies outside 1.00–6.00 eV")
            && err.contains("at 0.7"),
        "{err}"
    );
}

/// An output prefix must name files: `--out dir/` and a prefix that is an
/// existing folder are refused before anything runs; a folder standing
/// where one of the files should go stops the whole set, and no file of
/// it appears.
#[test]
fn output_prefixes_that_are_folders_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("c.xyz"), "2\nc\nAu 0 0 0\nAu 2.9 0 0\n").unwrap();
    std::fs::create_dir(d.join("taken")).unwrap();
    for out in ["results/", "taken"] {
        let o = clusterspec(
            &["absorption", "c.xyz", "--backend", "cpu", "--out", out],
            d,
        );
        assert!(!o.status.success());
        let err = stderr(&o);
        assert!(
            err.contains("--out") && err.contains(out) && err.contains("add a name"),
            "{err}"
        );
        assert!(!err.contains("tmp"), "{err}");
    }
    // PREFIX.json is a folder: nothing is installed, nothing left behind.
    std::fs::create_dir(d.join("x.json")).unwrap();
    let o = clusterspec(
        &["absorption", "c.xyz", "--backend", "cpu", "--out", "x"],
        d,
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("x.json") && stderr(&o).contains("folder"),
        "{}",
        stderr(&o)
    );
    assert_eq!(files_in(d), ["c.xyz", "taken", "x.json"]);
}

/// A structure that falls apart into far-apart fragments is computed, with
/// a warning naming the fragments; a connected one gets none.
#[test]
fn fragments_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("apart.xyz"),
        "4\ntwo dimers\nAu 0 0 0\nAu 2.9 0 0\nAu 100 0 0\nAu 102.9 0 0\n",
    )
    .unwrap();
    std::fs::write(d.join("one.xyz"), "2\ndimer\nAu 0 0 0\nAu 2.9 0 0\n").unwrap();
    let run = |file: &str| {
        clusterspec(
            &[
                "absorption",
                file,
                "--backend",
                "cpu",
                "--response",
                "single",
                "--out",
                file,
            ],
            d,
        )
    };
    let o = run("apart.xyz");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "warning: apart.xyz: the structure falls apart into 2 fragments of 2, 2 atoms"
        ),
        "{}",
        stderr(&o)
    );
    let o = run("one.xyz");
    assert!(
        o.status.success() && !stderr(&o).contains("warning"),
        "{}",
        stderr(&o)
    );
}

/// SIGINT and SIGTERM stop a run cleanly: exit code 130, a line saying so,
/// and no output or temporary file left behind, whenever they arrive.
#[test]
fn signals_leave_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    build_icosahedron(d, "Ag", 4, "ag309.xyz");
    for (signal, delay_ms) in [("INT", 300), ("TERM", 300), ("INT", 1500), ("TERM", 1500)] {
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_clusterspec"))
            .args([
                "absorption",
                "ag309.xyz",
                "--backend",
                "cpu",
                "--svg",
                "--out",
                "run",
            ])
            .current_dir(d)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let killed = std::process::Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let o = child.wait_with_output().unwrap();
        let files = files_in(d);
        if o.status.success() {
            // Finished before the signal: the whole set is there.
            assert!(files.contains(&"run.json".to_string()), "{files:?}");
            for f in files.iter().filter(|f| f.starts_with("run")) {
                std::fs::remove_file(d.join(f)).unwrap();
            }
            continue;
        }
        assert_eq!(
            o.status.code(),
            Some(130),
            "SIG{signal} after {delay_ms} ms"
        );
        assert!(String::from_utf8_lossy(&o.stderr).contains("interrupted"));
        assert_eq!(
            files,
            ["ag309.xyz"],
            "SIG{signal} after {delay_ms} ms left files"
        );
    }
}

/// The spd collective response loses the plasmon: asked for, it is refused
/// with the reason and what to use; by default spd takes independent
/// particles and says so.
#[test]
fn the_spd_collective_response_is_refused_and_spd_defaults_to_single_particles() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    build_icosahedron(d, "Ag", 1, "ag13.xyz");
    for response in ["rpa", "casida"] {
        let o = clusterspec(
            &[
                "absorption",
                "ag13.xyz",
                "--model",
                "spd",
                "--response",
                response,
                "--out",
                "x",
            ],
            d,
        );
        assert!(!o.status.success());
        let e = stderr(&o);
        assert!(e.contains("no plasmon") && e.contains("s model"), "{e}");
        assert!(!d.join("x.csv").exists());
    }
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_clusterspec"))
        .args([
            "absorption",
            "ag13.xyz",
            "--model",
            "spd",
            "--backend",
            "cpu",
            "--out",
            "y",
        ])
        .current_dir(d)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("independent particles"),
        "{}",
        stderr(&o)
    );
    let json = std::fs::read_to_string(d.join("y.json")).unwrap();
    assert!(json.contains("single particle"));
}
