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
    let configs = run_configurations(
        &req,
        &Engine::cpu(),
        Some(&dir.path().join("c.jsonl")),
        &Silent,
    )
    .unwrap();
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
    let configs = run_configurations(
        &req,
        &Engine::cpu(),
        Some(&dir.path().join("c.jsonl")),
        &Silent,
    )
    .unwrap();
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
    assert_eq!(common::cli::assert_figures_in(one.path()), 3);
}

#[test]
fn an_interrupted_run_resumes_from_its_checkpoint() {
    let req = sweep(4);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.partial.jsonl");
    let bar = Silent;
    let full = run_configurations(&req, &Engine::cpu(), Some(&path), &bar).unwrap();
    // Keep the header and three finished configurations, mark one of them so
    // that reuse is visible, and end with a line cut short by a "crash".
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().take(4).map(String::from).collect();
    let mut marked: clusterspec::ensemble::Configuration = serde_json::from_str(&lines[1]).unwrap();
    marked.band_energy = 12345.0;
    lines[1] = serde_json::to_string(&marked).unwrap();
    lines.push(text.lines().nth(4).unwrap()[..20].to_string());
    std::fs::write(&path, lines.join("\n")).unwrap();
    let resumed = run_configurations(&req, &Engine::cpu(), Some(&path), &bar).unwrap();
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
    let fresh = run_configurations(&other, &Engine::cpu(), Some(&path), &bar).unwrap();
    assert!(fresh.iter().all(|c| c.band_energy != 12345.0));
}

#[test]
fn bad_compositions_are_refused() {
    let mut req = sweep(2);
    req.fractions = vec![0.5, 1.5];
    let dir = tempfile::tempdir().unwrap();
    let bar = Silent;
    let e = run_configurations(
        &req,
        &Engine::cpu(),
        Some(&dir.path().join("x.jsonl")),
        &bar,
    )
    .unwrap_err();
    assert!(e.to_string().contains("1.5"), "{e}");
}

/// Different run seeds draw disjoint sets of configurations: with the old
/// XOR mix, `--seed 1` and `--seed 2` (400 configurations, one
/// composition) drew exactly the same 400 seeds in another order.
#[test]
fn different_seeds_share_no_configuration() {
    use clusterspec::ensemble::configuration_seed;
    let draw = |seed: u64| -> std::collections::HashSet<u64> {
        (0..400).map(|k| configuration_seed(seed, 0, k)).collect()
    };
    for (a, b) in [(1, 2), (0, 1), (5, 6), (1, 1 << 32)] {
        let (x, y) = (draw(a), draw(b));
        assert_eq!(x.len(), 400);
        assert!(x.is_disjoint(&y), "seeds {a} and {b} share configurations");
    }
    // Nor do compositions of one run.
    let f0: std::collections::HashSet<u64> =
        (0..400).map(|k| configuration_seed(1, 0, k)).collect();
    assert!((0..400).all(|k| !f0.contains(&configuration_seed(1, 1, k))));
}

/// Checkpoint lines are checked on load: a duplicate, a truncated
/// spectrum, a foreign seed and an index out of range are dropped and
/// those configurations computed again: never a panic, never a mix.
#[test]
fn corrupt_checkpoint_lines_are_redone() {
    let req = sweep(3);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.partial.jsonl");
    let bar = Silent;
    let full = run_configurations(&req, &Engine::cpu(), Some(&path), &bar).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let parse = |l: &str| serde_json::from_str::<clusterspec::ensemble::Configuration>(l).unwrap();
    let mut short = parse(lines[1]);
    short.epsilon.truncate(10);
    let mut foreign = parse(lines[2]);
    foreign.seed ^= 1;
    let mut far = parse(lines[3]);
    far.index = 99;
    let corrupt = [
        lines[0].to_string(),
        serde_json::to_string(&short).unwrap(),
        serde_json::to_string(&foreign).unwrap(),
        serde_json::to_string(&far).unwrap(),
        lines[4].to_string(),
        lines[4].to_string(),
        lines[5].to_string(),
        // A non-finite value comes back as null and fails to parse.
        lines[6].replacen("\"epsilon\":[", "\"epsilon\":[null,", 1),
    ];
    std::fs::write(&path, corrupt.join("\n")).unwrap();
    let resumed = run_configurations(&req, &Engine::cpu(), Some(&path), &bar).unwrap();
    assert_eq!(resumed.len(), full.len(), "one result per configuration");
    assert_eq!(resumed, full);
    let summary = summarise(&req, &resumed);
    assert!(summary.iter().all(|s| s.configurations == 3));
}

/// Two prefixes that differ only after a dot keep separate checkpoints.
#[test]
fn sweeps_with_dotted_prefixes_keep_their_own_checkpoints() {
    let dir = tempfile::tempdir().unwrap();
    let run = |out: &str| {
        Command::new(env!("CARGO_BIN_EXE_clusterspec"))
            .args([
                "sweep",
                "icosahedron:1",
                "--compositions",
                "0.5",
                "--configurations",
                "2",
                "--backend",
                "cpu",
                "--quiet",
                "--out",
                out,
            ])
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    // A missing output folder is created, as by every other command.
    let o = run("new/folder/run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(dir.path().join("new/folder/run.json").exists());
    // A foreign checkpoint under the old shared name is never read.
    std::fs::write(dir.path().join("run.partial.jsonl"), "\"other\"\n").unwrap();
    assert!(run("run.s1").status.success());
    assert!(run("run.s2").status.success());
    assert!(dir.path().join("run.partial.jsonl").exists());
    let a = std::fs::read_to_string(dir.path().join("run.s1.json")).unwrap();
    let b = std::fs::read_to_string(dir.path().join("run.s2.json")).unwrap();
    let configs =
        |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap()["configurations"].clone();
    assert_eq!(
        configs(&a),
        configs(&b),
        "same arguments, same configurations"
    );
    assert!(!dir.path().join("run.s1.partial.jsonl").exists());
}

/// One thread or two: the same files, byte for byte (fixed-order sums
/// everywhere a result is reduced), for a single spectrum and a sweep.
#[test]
fn results_do_not_depend_on_the_thread_count() {
    let run = |threads: &str, args: &[&str]| {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("c.xyz"),
            "4\nc\nAu 0 0 0\nAg 2.9 0 0\nAu 0 2.9 0\nAg 0 0 2.9\n",
        )
        .unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_clusterspec"))
            .args(args)
            .args(["--backend", "cpu", "--quiet", "--out", "r"])
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        dir
    };
    let absorption = ["absorption", "c.xyz", "--model", "spd"];
    let sweep = [
        "sweep",
        "icosahedron:2",
        "--element",
        "Au",
        "--dopant",
        "Ag",
        "--compositions",
        "0.5",
        "--configurations",
        "3",
    ];
    for args in [&absorption[..], &sweep[..]] {
        let (one, two) = (run("1", args), run("2", args));
        let mut names: Vec<_> = std::fs::read_dir(one.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        for name in names {
            let a = std::fs::read(one.path().join(&name)).unwrap();
            let b = std::fs::read(two.path().join(&name)).unwrap();
            assert!(
                a == b,
                "{name:?} differs between 1 and 2 threads ({})",
                args[0]
            );
        }
    }
}

/// The collective response of a cluster large enough for the parallel
/// paths of the eigensolvers and products (Ag147, frequency-dependent d
/// dipoles): every file, the JSON included, is the same on 1 and on 2
/// threads, for one spectrum and for a sweep.
#[test]
fn collective_responses_do_not_depend_on_the_thread_count() {
    let run = |threads: &str, args: &[&str]| {
        let dir = tempfile::tempdir().unwrap();
        let ag147 = build(&Shape::Icosahedron { shells: 3 }, Element::Ag, None).unwrap();
        clusterspec::io::write_xyz(&ag147, &dir.path().join("ag147.xyz")).unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_clusterspec"))
            .args(args)
            .args([
                "--backend",
                "cpu",
                "--quiet",
                "--points",
                "300",
                "--out",
                "r",
            ])
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        dir
    };
    let absorption = ["absorption", "ag147.xyz"];
    let sweep = [
        "sweep",
        "icosahedron:3",
        "--element",
        "Ag",
        "--dopant",
        "Au",
        "--compositions",
        "0.5",
        "--configurations",
        "2",
    ];
    for args in [&absorption[..], &sweep[..]] {
        let (one, two) = (run("1", args), run("2", args));
        let mut names: Vec<_> = std::fs::read_dir(one.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert!(names.len() >= 3, "{names:?}");
        for name in names {
            let a = std::fs::read(one.path().join(&name)).unwrap();
            let b = std::fs::read(two.path().join(&name)).unwrap();
            assert!(
                a == b,
                "{name:?} differs between 1 and 2 threads ({})",
                args[0]
            );
        }
    }
}
