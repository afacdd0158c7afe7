//! Alloy ensembles on the CPU: one configuration equals the single-cluster
//! result, the same seed gives byte-identical files, and an interrupted run
//! resumes from its checkpoint.

mod common;

use std::process::Command;

use clusterspec::ensemble::{SweepRequest, configuration, run_configurations, summarise};
use clusterspec::spectrum::broaden::broaden_direct;
use clusterspec::structure::builders::{Shape, build};
use clusterspec::units::EPSILON_PER_DENSITY;
use clusterspec::{Element, Engine, Silent};
use common::{absorb, broadening, request};

fn sweep(configurations: usize) -> SweepRequest {
    SweepRequest {
        base: build(&Shape::Icosahedron { shells: 1 }, Element::Au, None).unwrap(),
        dopant: Element::Ag,
        fractions: vec![0.0, 0.5, 1.0],
        configurations,
        seed: 11,
        tight_binding: request("s"),
        response: None,
        broadening: broadening(0.1),
    }
}

#[test]
fn ensemble_statistics_are_those_of_its_configurations() {
    let req = sweep(4);
    let dir = tempfile::tempdir().unwrap();
    let configs =
        run_configurations(&req, &Engine::cpu(), &dir.path().join("c.jsonl"), &Silent).unwrap();
    assert_eq!(configs.len(), 12);
    let summaries = summarise(&req, &configs);
    let b = &req.broadening;
    for (f, s) in summaries.iter().enumerate() {
        // Each configuration on its own, broadened by the direct sum over
        // every line (not the windowed broadening the sweep uses).
        let singles: Vec<Vec<f64>> = (0..4)
            .map(|k| {
                let c = configuration(&req, f, k).unwrap();
                let dopants = c.atoms.iter().filter(|a| a.element == Element::Ag).count();
                assert_eq!(dopants, (req.fractions[f] * 13.0).round() as usize);
                let lines = absorb(&c, "s", 0.1).excited.lines;
                broaden_direct(
                    &lines.energy,
                    &lines.oscillator_strength,
                    &b.grid,
                    b.shape,
                    b.fwhm,
                )
                .iter()
                .map(|d| EPSILON_PER_DENSITY * d)
                .collect()
            })
            .collect();
        let peak = s.mean_epsilon.iter().fold(0.0f64, |m, x| m.max(*x));
        for k in 0..b.grid.points {
            let mean = singles.iter().map(|e| e[k]).sum::<f64>() / 4.0;
            let var = singles.iter().map(|e| (e[k] - mean).powi(2)).sum::<f64>() / 4.0;
            assert!(
                (s.mean_epsilon[k] - mean).abs() < 1e-9 * peak,
                "x = {}",
                s.fraction
            );
            assert!(
                (s.sd_epsilon[k] - var.sqrt()).abs() < 1e-6 * peak,
                "x = {}",
                s.fraction
            );
        }
    }
    // Pure clusters have no spread; the 50:50 alloy does.
    assert!(summaries[0].sd_epsilon.iter().all(|&x| x == 0.0));
    assert!(
        summaries[1]
            .sd_epsilon
            .iter()
            .any(|&x| x > 1e-3 * summaries[1].mean_epsilon[0].abs().max(1.0))
    );
}

/// With the collective response, each configuration's spectrum is the one
/// the single-cluster RPA model gives for that structure.
#[test]
fn collective_ensembles_average_the_single_cluster_rpa_spectra() {
    use clusterspec::model::tight_binding::SccOptions;
    use clusterspec::response::spectrum;
    use clusterspec::rpa::{RpaOptions, RpaSpectrum};
    use clusterspec::{Broadening, EnergyGrid, LineShape, Model};
    let mut req = sweep(2);
    req.fractions = vec![0.5];
    req.tight_binding.scc = Some(SccOptions::default());
    req.response = Some(RpaOptions::default());
    req.broadening = Broadening::new(
        EnergyGrid::new(1.0, 6.0, 201).unwrap(),
        LineShape::Lorentzian,
        0.15,
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let configs =
        run_configurations(&req, &Engine::cpu(), &dir.path().join("c.jsonl"), &Silent).unwrap();
    let summary = &summarise(&req, &configs)[0];
    let singles: Vec<Vec<f64>> = (0..2)
        .map(|k| {
            let c = configuration(&req, 0, k).unwrap();
            let calc = RpaSpectrum {
                cluster: &c,
                source: String::new(),
                request: &req.tight_binding,
                options: RpaOptions::default(),
            }
            .compute(&Engine::cpu(), &req.broadening, &Silent)
            .unwrap();
            spectrum(&calc.main().response, &req.broadening, &Engine::cpu())
                .unwrap()
                .epsilon
        })
        .collect();
    let mean: Vec<f64> = (0..req.broadening.grid.points)
        .map(|k| 0.5 * (singles[0][k] + singles[1][k]))
        .collect();
    let d = common::relative_max_diff(&mean, &summary.mean_epsilon);
    assert!(d < 1e-9, "ensemble mean differs by {d:e} of its peak");
}

fn run_cli(dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_clusterspec"))
        .args([
            "sweep",
            "icosahedron:1",
            "--compositions",
            "0.25,0.75",
            "--configurations",
            "6",
            "--seed",
            "5",
            "--core-shell",
            "--backend",
            "cpu",
            "--quiet",
            "--out",
            "run",
        ])
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn the_same_seed_gives_byte_identical_files() {
    let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert!(run_cli(one.path()).status.success());
    assert!(run_cli(two.path()).status.success());
    for ext in [
        ".csv",
        ".json",
        ".png",
        "_peak.png",
        "_core_shell.png",
        "_core_shell.csv",
    ] {
        let a = std::fs::read(one.path().join(format!("run{ext}"))).unwrap();
        let b = std::fs::read(two.path().join(format!("run{ext}"))).unwrap();
        assert!(a == b, "run{ext} differs between the two runs");
    }
    assert!(
        !one.path().join("run.partial.jsonl").exists(),
        "the checkpoint is removed at the end"
    );
}

#[test]
fn an_interrupted_run_resumes_from_its_checkpoint() {
    let req = sweep(4);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.partial.jsonl");
    let bar = Silent;
    let full = run_configurations(&req, &Engine::cpu(), &path, &bar).unwrap();
    // Keep the header and three finished configurations, mark one of them so
    // that reuse is visible, and end with a line cut short by a "crash".
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().take(4).map(String::from).collect();
    let mut marked: clusterspec::ensemble::Configuration = serde_json::from_str(&lines[1]).unwrap();
    marked.band_energy = 12345.0;
    lines[1] = serde_json::to_string(&marked).unwrap();
    lines.push(text.lines().nth(4).unwrap()[..20].to_string());
    std::fs::write(&path, lines.join("\n")).unwrap();
    let resumed = run_configurations(&req, &Engine::cpu(), &path, &bar).unwrap();
    assert_eq!(resumed.len(), full.len());
    let reused = resumed
        .iter()
        .find(|c| (c.fraction_index, c.index) == (marked.fraction_index, marked.index))
        .unwrap();
    assert_eq!(
        reused.band_energy, 12345.0,
        "a finished configuration must be reused, not recomputed"
    );
    for (a, b) in full.iter().zip(&resumed) {
        if (a.fraction_index, a.index) != (marked.fraction_index, marked.index) {
            assert_eq!(a, b);
        }
    }
    // A checkpoint of other arguments is ignored.
    let mut other = sweep(4);
    other.seed = 12;
    let fresh = run_configurations(&other, &Engine::cpu(), &path, &bar).unwrap();
    assert!(fresh.iter().all(|c| c.band_energy != 12345.0));
}

#[test]
fn bad_compositions_are_refused() {
    let mut req = sweep(2);
    req.fractions = vec![0.5, 1.5];
    let dir = tempfile::tempdir().unwrap();
    let bar = Silent;
    let e =
        run_configurations(&req, &Engine::cpu(), &dir.path().join("x.jsonl"), &bar).unwrap_err();
    assert!(e.to_string().contains("1.5"), "{e}");
}
