//! Alloy ensembles on the CPU: one configuration equals the single-cluster
//! result, the same seed gives byte-identical files, and an interrupted run
//! resumes from its checkpoint.

mod common;

use std::process::Command;

use clusterspec::ensemble::{SweepRequest, configuration, run_configurations, summarise};
use clusterspec::structure::builders::{Shape, build};
use clusterspec::{Element, Engine, absorption};
use common::request;

fn sweep(configurations: usize) -> SweepRequest {
    SweepRequest {
        base: build(&Shape::Icosahedron { shells: 1 }, Element::Au, None).unwrap(),
        dopant: Element::Ag,
        fractions: vec![0.0, 0.5, 1.0],
        configurations,
        seed: 11,
        absorption: request("s", 0.1),
    }
}

#[test]
fn an_ensemble_of_one_is_the_single_cluster_result() {
    let req = sweep(1);
    let dir = tempfile::tempdir().unwrap();
    let bar = indicatif::ProgressBar::hidden();
    let configs =
        run_configurations(&req, &Engine::cpu(), &dir.path().join("c.jsonl"), &bar).unwrap();
    let summaries = summarise(&req, &configs);
    for (f, s) in summaries.iter().enumerate() {
        let single = absorption(
            &configuration(&req, f, 0).unwrap(),
            &req.absorption,
            &Engine::cpu(),
        )
        .unwrap();
        assert_eq!(s.mean_epsilon, single.spectrum.epsilon);
        assert!(s.sd_epsilon.iter().all(|&x| x == 0.0));
    }
}

fn run_cli(dir: &std::path::Path, out: &str) -> std::process::Output {
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
            out,
        ])
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn the_same_seed_gives_byte_identical_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run_cli(d, "a").status.success());
    assert!(run_cli(d, "b").status.success());
    for ext in [
        ".csv",
        ".json",
        ".png",
        "_peak.png",
        "_core_shell.png",
        "_core_shell.csv",
    ] {
        let a = std::fs::read(d.join(format!("a{ext}"))).unwrap();
        let b = std::fs::read(d.join(format!("b{ext}"))).unwrap();
        assert!(a == b, "a{ext} and b{ext} differ");
    }
    assert!(
        !d.join("a.partial.jsonl").exists(),
        "the checkpoint is removed at the end"
    );
}

#[test]
fn an_interrupted_run_resumes_from_its_checkpoint() {
    let req = sweep(4);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.partial.jsonl");
    let bar = indicatif::ProgressBar::hidden();
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
    let bar = indicatif::ProgressBar::hidden();
    let e =
        run_configurations(&req, &Engine::cpu(), &dir.path().join("x.jsonl"), &bar).unwrap_err();
    assert!(e.to_string().contains("1.5"), "{e}");
}
