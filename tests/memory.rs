//! The memory estimate against the measured peak of real runs, and the
//! refusal of a run the memory will not hold (before it computes).

use std::process::Command;
use std::time::{Duration, Instant};

use clusterspec::rpa::RpaOptions;
use clusterspec::rpa::memory::estimate;
use clusterspec::structure::builders::{Shape, build};
use clusterspec::{Broadening, Element, EnergyGrid, Filling, LineShape, TbRequest, TightBinding};

mod common;
use common::cli::{build_icosahedron, clusterspec, files_in, stderr};

/// Peak resident set (bytes) of the command, polled from /proc while it
/// runs; `None` where /proc does not exist.
fn peak_of(args: &[&str], dir: &std::path::Path) -> Option<u64> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_clusterspec"))
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak = None;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status)
            && let Some(kib) = text
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        {
            peak = Some(kib * 1024);
        }
        if child.try_wait().unwrap().is_some() {
            return peak;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn the_estimate_is_within_a_factor_of_two_of_the_measured_peak() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let broadening = Broadening::new(
        EnergyGrid::new(1.0, 6.0, 1000).unwrap(),
        LineShape::Lorentzian,
        0.1,
    )
    .unwrap();
    for (element, shells, model, rpa) in [
        (Element::Au, 4, "spd", false),
        (Element::Ag, 4, "s", true),
        // The frequency-dependent d dipoles of gold add their modes.
        (Element::Au, 4, "s", true),
    ] {
        let cluster = build(&Shape::Icosahedron { shells }, element, None).unwrap();
        let file = format!("{model}{shells}.xyz");
        clusterspec::io::write_xyz(&cluster, &d.join(&file)).unwrap();
        let request = TbRequest {
            model: TightBinding::builtin(model).unwrap(),
            charge: 0,
            ligands: 0,
            filling: Filling::Integer,
            scc: None,
        };
        let options = RpaOptions::default();
        let est = estimate(&cluster, &request, rpa.then_some(&options), &broadening)
            .unwrap()
            .total();
        let response = if rpa { "rpa" } else { "single" };
        let args = [
            "absorption",
            &file,
            "--model",
            model,
            "--response",
            response,
            "--scc",
            "off",
            "--backend",
            "cpu",
            "--quiet",
            "--out",
            "m",
        ];
        let Some(peak) = peak_of(&args, d) else {
            eprintln!("no /proc: the peak cannot be measured here");
            return;
        };
        let ratio = est as f64 / peak as f64;
        eprintln!(
            "{model} {element:?}{} {response}: estimate {est} B, peak {peak} B, ratio {ratio:.2}",
            cluster.len()
        );
        assert!(
            (0.5..=2.0).contains(&ratio),
            "{model} {response}: estimate {est}, peak {peak}"
        );
    }
}

#[test]
fn a_run_too_large_for_the_memory_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    build_icosahedron(d, "Au", 8, "au2057.xyz");
    let start = Instant::now();
    let o = clusterspec(
        &[
            "absorption",
            "au2057.xyz",
            "--model",
            "spd",
            "--max-memory",
            "1",
            "--backend",
            "cpu",
            "--out",
            "big",
        ],
        d,
    );
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "refused only after {:?}",
        start.elapsed()
    );
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(
        e.contains("GiB at its peak")
            && e.contains("allowed by --max-memory")
            && e.contains("--response single"),
        "{e}"
    );
    assert_eq!(files_in(d), ["au2057.xyz"]);
    let o = clusterspec(
        &[
            "absorption",
            "au2057.xyz",
            "--max-memory=-1",
            "--out",
            "big",
        ],
        d,
    );
    assert!(stderr(&o).contains("--max-memory -1"), "{}", stderr(&o));
}

/// Sweeps and site scans are guarded too, for the configurations that go
/// through the batched stages together.
#[test]
fn sweeps_and_site_scans_are_guarded() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for args in [
        &[
            "sweep",
            "icosahedron:3",
            "--dopant",
            "Ag",
            "--configurations",
            "8",
        ][..],
        &["sites", "icosahedron:3", "--dopant", "Ag"][..],
    ] {
        let mut all = args.to_vec();
        all.extend(["--max-memory", "0.05", "--backend", "cpu", "--out", "g"]);
        let o = clusterspec(&all, d);
        assert!(!o.status.success(), "{args:?}");
        assert!(stderr(&o).contains("MiB at its peak"), "{}", stderr(&o));
        assert!(files_in(d).is_empty(), "{:?}", files_in(d));
    }
}
