//! The newer commands under hostile and careless use: every class of
//! failure found by trying them (aborts, hangs, exit 0 with a wrong file,
//! messages that do not help, signals during the commit) has a case here.
//! Each run is bounded: a command still running after two minutes is a
//! hang and fails its test (a guard against hangs, not a timing test).

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::cli::{build_icosahedron, files_in, run_bounded, stderr};

/// Runs `clusterspec ARGS --quiet` in `dir`, failing on a
/// hang (two minutes), a panic or an abort (exit codes other than 0, 1, 2).
fn run(args: &[&str], dir: &Path) -> Output {
    let o = run_bounded(args, dir, Duration::from_secs(120))
        .unwrap_or_else(|| panic!("{args:?} hung (still running after 120 s)"));
    let e = stderr(&o);
    assert!(!e.contains("panicked"), "{args:?}: {e}");
    assert!(
        matches!(o.status.code(), Some(0..=2)),
        "{args:?}: exit {:?}: {e}",
        o.status.code()
    );
    o
}

/// Runs and expects a refusal whose message holds every one of `needles`,
/// with no file starting with `out` left behind.
fn refused(args: &[&str], dir: &Path, out: &str, needles: &[&str]) -> String {
    let o = run(args, dir);
    let e = stderr(&o);
    assert!(!o.status.success(), "{args:?} succeeded: {e}");
    for n in needles {
        assert!(e.contains(n), "{args:?}: `{n}` not in: {e}");
    }
    let left: Vec<String> = files_in(dir)
        .into_iter()
        .filter(|f| f.starts_with(out) || f.contains(".tmp"))
        .collect();
    assert!(left.is_empty(), "{args:?} left {left:?}");
    e
}

fn mie(extra: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = ["mie", "--backend", "cpu", "--out", "m"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    v.extend(extra.iter().map(|s| s.to_string()));
    v
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

// --- 1. Bounded work, refused up front --------------------------------

#[test]
fn mie_sizes_beyond_the_series_bound_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    refused(
        &strs(&mie(&["--material", "Au", "--diameter", "1e10"])),
        d,
        "m",
        &["--diameter 10000000000", "0.1 … 100000 nm"],
    );
    // 0.1 mm in a dense medium at short wavelengths: the size parameter
    // stays bounded (10⁴), and the work estimate (41 sizes × 10⁵
    // wavelengths × 10⁴ terms) refuses the run.
    refused(
        &strs(&mie(&[
            "--material",
            "Au",
            "--diameter",
            "1e5",
            "--diameter-sd",
            "100",
            "--medium",
            "5",
            "--wavelengths",
            "190:900",
            "--points",
            "100000",
            "--max-memory",
            "1000",
        ])),
        d,
        "m",
        &["minutes", "--points"],
    );
}

#[test]
fn a_mie_series_beyond_the_memory_limit_is_refused_with_its_estimate() {
    let dir = tempfile::tempdir().unwrap();
    let fractions: Vec<String> = (0..200).map(|k| format!("{}", k as f64 / 199.0)).collect();
    let list = fractions.join(",");
    let e = refused(
        &strs(&mie(&[
            "--alloy",
            "Au:0.5,Ag:0.5",
            "--diameter",
            "20",
            "--diameter-sd",
            "2",
            "--points",
            "100000",
            "--compositions",
            &list,
            "--max-memory",
            "0.5",
        ])),
        dir.path(),
        "m",
        &["GiB at its peak", "--max-memory", "--points"],
    );
    assert!(!e.contains("0.0 GiB"), "{e}");
    // And --max-memory itself is checked.
    for bad in ["nan", "-1", "0", "inf"] {
        refused(
            &strs(&mie(&[
                "--material",
                "Au",
                "--diameter",
                "20",
                "--max-memory",
                bad,
            ])),
            dir.path(),
            "m",
            &["--max-memory"],
        );
    }
}

#[test]
fn builders_refuse_absurd_sizes_before_building() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for args in [
        &[
            "build",
            "icosahedron",
            "--shells",
            "100000",
            "-o",
            "big.xyz",
        ][..],
        &["build", "sphere", "--radius", "1e9", "-o", "big.xyz"][..],
        &[
            "build",
            "octahedron",
            "--length",
            "18446744073709551615",
            "-o",
            "big.xyz",
        ][..],
        &[
            "build",
            "decahedron",
            "--p",
            "5000",
            "--q",
            "5000",
            "-o",
            "big.xyz",
        ][..],
    ] {
        refused(args, d, "big", &["atoms, beyond"]);
    }
    // The largest accepted stays within what the XYZ reader reads back.
    let o = run(
        &["build", "icosahedron", "--shells", "20", "-o", "ok.xyz"],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let back = clusterspec::structure::xyz::read_xyz(&d.join("ok.xyz")).unwrap();
    assert_eq!(back.len(), 28_741);
}

#[test]
fn jellium_keeps_to_its_stated_range_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    refused(
        &[
            "jellium",
            "--element",
            "Na",
            "--atoms",
            "100000",
            "--out",
            "j",
        ],
        d,
        "j",
        &["--atoms 100000", "1 … 3000"],
    );
    refused(
        &[
            "jellium",
            "--element",
            "Na",
            "--atoms",
            "3000",
            "--max-memory",
            "0.1",
            "--out",
            "j",
        ],
        d,
        "j",
        &["Casida matrix", "--max-memory"],
    );
    refused(
        &[
            "jellium",
            "--element",
            "Na",
            "--atoms",
            "20",
            "--max-excitation",
            "1000",
            "--out",
            "j",
        ],
        d,
        "j",
        &["--max-excitation 1000", "(0, 100] eV"],
    );
    refused(
        &[
            "jellium",
            "--element",
            "Na",
            "--atoms",
            "8",
            "--max-memory",
            "nan",
            "--out",
            "j",
        ],
        d,
        "j",
        &["--max-memory"],
    );
}

#[test]
fn the_absorption_estimate_counts_the_grid() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    build_icosahedron(d, "Ag", 1, "ag13.xyz");
    refused(
        &[
            "absorption",
            "ag13.xyz",
            "--points",
            "10000000",
            "--max-memory",
            "1",
            "--out",
            "grid",
        ],
        d,
        "grid",
        &["spectrum grid 1.49 GiB", "fewer --points"],
    );
    // A limit far below the program itself prints its sizes in MiB.
    let e = refused(
        &[
            "absorption",
            "ag13.xyz",
            "--max-memory",
            "0.001",
            "--out",
            "grid",
        ],
        d,
        "grid",
        &["MiB at its peak", "1.02 MiB are allowed"],
    );
    assert!(!e.contains("0.0 GiB"), "{e}");
}

// --- 2. No silent wrong output ----------------------------------------

#[test]
fn mie_never_writes_non_finite_or_negative_cross_sections() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    refused(
        &strs(&mie(&["--material", "Au", "--diameter", "1e-300"])),
        d,
        "m",
        &["--diameter 1e-300"],
    );
    refused(
        &strs(&mie(&[
            "--material",
            "Au",
            "--diameter",
            "20",
            "--damping-a",
            "1e6",
        ])),
        d,
        "m",
        &["--damping-a 1000000", "0 … 10"],
    );
    // At the bounds, whatever runs writes physical numbers only.
    for (metal, size, a) in [("Au", "0.5", "10"), ("Ag", "0.1", "10"), ("Cu", "1e5", "0")] {
        let o = run(
            &strs(&mie(&[
                "--material",
                metal,
                "--diameter",
                size,
                "--damping-a",
                a,
                "--points",
                "61",
            ])),
            d,
        );
        if !o.status.success() {
            assert!(files_in(d).iter().all(|f| !f.starts_with('m')));
            continue;
        }
        let csv = std::fs::read_to_string(d.join("m.csv")).unwrap();
        for line in csv.lines().skip(1) {
            for v in line.split(',').skip(2) {
                let v: f64 = v.parse().unwrap();
                assert!(v.is_finite() && v >= 0.0, "{metal} {size} {a}: {line}");
            }
        }
    }
}

#[test]
fn options_that_do_not_apply_to_the_particle_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for extra in [
        &[
            "--material",
            "Au",
            "--diameter",
            "20",
            "--shell",
            "Ag",
            "--shell-thickness",
            "2",
        ][..],
        &[
            "--material",
            "Au",
            "--diameter",
            "20",
            "--core-diameter",
            "5",
        ][..],
        &[
            "--material",
            "Au",
            "--diameter",
            "20",
            "--distribution",
            "log-normal",
        ][..],
    ] {
        let e = refused(&strs(&mie(extra)), d, "m", &["required"]);
        assert!(e.contains("--core") || e.contains("--diameter-sd"), "{e}");
    }
}

#[test]
fn a_casida_window_without_pairs_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    build_icosahedron(d, "Ag", 1, "ag13.xyz");
    refused(
        &[
            "absorption",
            "ag13.xyz",
            "--backend",
            "cpu",
            "--response",
            "casida",
            "--casida-max-energy",
            "0.01",
            "--out",
            "c",
        ],
        d,
        "c",
        &["--casida-max-energy 0.01", "keeps no electron–hole pair"],
    );
}

#[test]
fn undersampled_lines_warn_and_their_bands_keep_their_strength() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    build_icosahedron(d, "Ag", 2, "ag55.xyz");
    let o = run(
        &[
            "absorption",
            "ag55.xyz",
            "--backend",
            "cpu",
            "--response",
            "single",
            "--fwhm",
            "0.002",
            "--points",
            "300",
            "--out",
            "u",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("below twice the grid spacing"),
        "{}",
        stderr(&o)
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("u.json")).unwrap()).unwrap();
    let lines = &json["components"][0]["lines"];
    let total = json["components"][0]["oscillator_strength_sum"]
        .as_f64()
        .unwrap();
    let peaks = std::fs::read_to_string(d.join("u_peaks.csv")).unwrap();
    let band_sum: f64 = peaks
        .lines()
        .skip(1)
        .filter(|l| l.starts_with("single"))
        .map(|l| l.split(',').nth(5).unwrap().parse::<f64>().unwrap())
        .sum();
    // The bands hold no more than all the lines (the undersampled curve's
    // integral gave bands several times the total).
    assert!(band_sum <= total * (1.0 + 1e-9), "{band_sum} > {total}");
    assert!(band_sum > 0.0 && lines.is_array());
    // The frequency route samples its response on the grid: refused.
    refused(
        &[
            "absorption",
            "ag55.xyz",
            "--backend",
            "cpu",
            "--response",
            "rpa",
            "--fwhm",
            "0.002",
            "--points",
            "300",
            "--out",
            "r",
        ],
        d,
        "r",
        &["--fwhm 0.002", "twice the grid spacing"],
    );
}

#[test]
fn no_command_overwrites_its_own_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    build_icosahedron(d, "Ag", 1, "ag13.xyz");
    // A spectrum to compare with, then mie told to write over it.
    let o = run(
        &[
            "absorption",
            "ag13.xyz",
            "--backend",
            "cpu",
            "--out",
            "ag13",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let before = std::fs::read(d.join("ag13.csv")).unwrap();
    let o = run(
        &strs(
            &[
                "mie",
                "--material",
                "Ag",
                "--diameter",
                "1",
                "--compare",
                "ag13.csv",
                "--out",
                "ag13",
            ]
            .map(String::from),
        ),
        d,
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("input of the run"), "{}", stderr(&o));
    assert_eq!(std::fs::read(d.join("ag13.csv")).unwrap(), before);
    // A structure named like an output, in every command that reads one.
    std::fs::copy(d.join("ag13.xyz"), d.join("s.csv")).unwrap();
    let xyz = std::fs::read(d.join("ag13.xyz")).unwrap();
    for args in [
        &["absorption", "s.csv", "--backend", "cpu", "--out", "s"][..],
        &["cd", "s.csv", "--backend", "cpu", "--out", "s"][..],
        &["mirror", "ag13.xyz", "-o", "ag13.xyz"][..],
        &["build", "xyz", "--from", "ag13.xyz", "-o", "./ag13.xyz"][..],
    ] {
        let o = run(args, d);
        assert!(!o.status.success(), "{args:?} succeeded");
        assert!(stderr(&o).contains("input of the run"), "{}", stderr(&o));
        assert_eq!(std::fs::read(d.join("ag13.xyz")).unwrap(), xyz);
        assert_eq!(std::fs::read(d.join("s.csv")).unwrap(), xyz);
    }
}

#[test]
fn a_size_distribution_cut_at_the_smallest_particle_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = run(
        &strs(&mie(&[
            "--material",
            "Au",
            "--diameter",
            "2",
            "--diameter-sd",
            "3",
            "--points",
            "61",
        ])),
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("is cut there"), "{}", stderr(&o));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("m.json")).unwrap()).unwrap();
    let item = &json["items"][0];
    let mean = item["mean_core_diameter_nm"].as_f64().unwrap();
    // The normal N(2, 3) kept above 0.1 nm has a mean near 3.2 nm.
    assert!((mean - 3.24).abs() < 0.05, "{mean}");
    assert!(
        item["label"].as_str().unwrap().contains("mean 3.2"),
        "{item}"
    );
    // An uncut distribution keeps its nominal mean and label.
    let o = run(
        &strs(&mie(&[
            "--material",
            "Au",
            "--diameter",
            "20",
            "--diameter-sd",
            "2",
            "--points",
            "61",
        ])),
        d,
    );
    assert!(!stderr(&o).contains("cut"), "{}", stderr(&o));
}

#[test]
fn compare_files_are_checked_like_any_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let json = "{\"system\": {\"name\": \"Ag13\", \"atoms\": 13}}";
    for (name, body, needle) in [
        ("header", "energy_eV,cross_section_A2\n", "0 rows of data"),
        (
            "unsorted",
            "energy_eV,cross_section_A2\n3.0,1\n2.5,2\n3.5,1\n",
            "unsorted.csv:3: energy_eV 2.5 does not rise",
        ),
        (
            "nan",
            "energy_eV,cross_section_A2\n3.0,1\n3.1,nan\n",
            "nan.csv:3: cross_section_A2 `nan`",
        ),
        (
            "negative",
            "energy_eV,cross_section_A2\n3.0,1\n3.1,-2\n",
            "negative.csv:3: cross_section_A2 -2 is negative",
        ),
        (
            "outside",
            "energy_eV,cross_section_A2\n0.5,1\n0.6,2\n",
            "outside the wavelengths",
        ),
    ] {
        std::fs::write(d.join(format!("{name}.csv")), body).unwrap();
        std::fs::write(d.join(format!("{name}.json")), json).unwrap();
        let file = format!("{name}.csv");
        refused(
            &strs(&mie(&[
                "--material",
                "Ag",
                "--diameter",
                "2",
                "--compare",
                &file,
            ])),
            d,
            "m",
            &[needle],
        );
    }
}

// --- 3. Signals during the commit -------------------------------------

/// A signal at any moment of a run, also while its files are renamed into
/// place: either no file and exit 130 with "no output written", or every
/// file and exit 0 — never a partial set, never a message that
/// contradicts what is on disk.
#[test]
fn a_signal_during_the_commit_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let args = [
        "mie",
        "--material",
        "Au",
        "--diameter",
        "20",
        "--points",
        "101",
        "--svg",
        "--backend",
        "cpu",
        "--out",
        "s",
    ];
    let expected = ["s.csv", "s.json", "s.png", "s.svg"];
    // The whole run, timed once, sets the spread of the signal times.
    let start = Instant::now();
    let o = run(&args, d);
    assert!(o.status.success(), "{}", stderr(&o));
    let span = start.elapsed().as_micros() as u64;
    let (mut complete, mut none) = (0, 0);
    for k in 0..24u64 {
        for f in files_in(d) {
            std::fs::remove_file(d.join(f)).unwrap();
        }
        let child = Command::new(env!("CARGO_BIN_EXE_clusterspec"))
            .args(args)
            .arg("--quiet")
            .current_dir(d)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Spread over the second half of the run, where the commit is.
        std::thread::sleep(Duration::from_micros(span / 2 + span * k / 40));
        let _ = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let o = child.wait_with_output().unwrap();
        let e = stderr(&o);
        let files = files_in(d);
        match o.status.code() {
            Some(0) => {
                assert_eq!(files, expected, "exit 0 with {files:?}: {e}");
                assert!(!e.contains("no output written"), "{e}");
                complete += 1;
            }
            Some(130) => {
                assert!(files.is_empty(), "exit 130 left {files:?}: {e}");
                assert!(e.contains("no output written"), "{e}");
                none += 1;
            }
            other => panic!("exit {other:?}: {e}"),
        }
    }
    eprintln!("signals: {complete} complete sets, {none} runs with nothing written");
}

// --- 4. Messages that name what to change -----------------------------

#[test]
fn write_problems_name_the_requested_path_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    build_icosahedron(d, "Ag", 1, "ag13.xyz");
    // A folder on the way that is a file; a place nobody may write.
    for (out, needle) in [
        (
            "ag13.xyz/sub/run",
            "ag13.xyz/sub/run.png: cannot be written",
        ),
        (
            "/proc/clusterspec/run",
            "/proc/clusterspec/run.png: cannot be written",
        ),
    ] {
        let e = refused(
            &["absorption", "ag13.xyz", "--backend", "cpu", "--out", out],
            d,
            "run",
            &[needle],
        );
        // Refused before the backend was even chosen.
        assert!(!e.contains("backend:"), "{e}");
        assert!(!e.contains(".tmp"), "{e}");
    }
    let e = refused(
        &[
            "mie",
            "--material",
            "Au",
            "--diameter",
            "5",
            "--out",
            "/proc/x/m",
        ],
        d,
        "m",
        &["/proc/x/m.png: cannot be written"],
    );
    assert!(!e.contains("backend:"), "{e}");
}

/// A full or empty band (no conduction electrons, no open transition)
/// said in those words, with what to change; it used to reach the RPA's
/// f-sum scale and print "N_c = 13, Σf = -0.000e0".
#[test]
fn the_f_sum_error_says_why_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("ag2.xyz"), "2\n\nAg 0 0 0\nAg 2.9 0 0\n").unwrap();
    refused(
        &[
            "absorption",
            "ag2.xyz",
            "--backend",
            "cpu",
            "--charge",
            "2",
            "--out",
            "f",
        ],
        d,
        "f",
        &[
            "no transition is open",
            "with 0 electrons",
            "change the charge",
        ],
    );
    build_icosahedron(d, "Ag", 1, "ag13.xyz");
    refused(
        &[
            "absorption",
            "ag13.xyz",
            "--backend",
            "cpu",
            "--charge=-13",
            "--out",
            "f",
        ],
        d,
        "f",
        &[
            "no transition is open",
            "with 26 electrons",
            "change the charge",
        ],
    );
}
