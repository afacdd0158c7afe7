//! GPU tests: every kernel against its CPU twin on seeded inputs, chunking
//! beyond one binding and beyond the workgroup limit, and the CPU fallback.
//!
//! Runs under its own harness (Cargo.toml: harness = false) so that on a
//! machine without a GPU adapter it says loudly which tests it skipped.
//! With CLUSTERSPEC_REQUIRE_GPU=1 a missing adapter is a failure.

mod common;
#[path = "common/gpu_harness.rs"]
mod harness;

use std::collections::HashMap;

use clusterspec::gpu::{self, GpuContext};
use clusterspec::model::tight_binding::{Rotatory, SingleParticle, single_particle};
use clusterspec::solve::eigen::diagonalise;
use clusterspec::solve::occupation::{Filling, occupations};
use clusterspec::spectrum::broaden::broaden as broaden_cpu;
use clusterspec::structure::alloy::random_alloy;
use clusterspec::structure::builders::{Shape, build};
use clusterspec::{Cluster, Element, EnergyGrid, Engine, Kernel, LineShape, TightBinding};
use common::{broadening, max_abs_diff, relative_max_diff, request};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use harness::{Test, engine_on};

/// The single-particle spectrum of `c` in `model` on `engine`.
fn absorb(c: &Cluster, model: &str, engine: &Engine) -> SingleParticle {
    single_particle(c, &request(model), Rotatory::None, &broadening(0.1), engine).unwrap()
}

const TESTS: &[Test] = &[
    (
        "hamiltonian_matches_cpu_13_to_561_atoms_both_models",
        hamiltonian_matches_cpu,
    ),
    (
        "hamiltonian_split_into_row_blocks",
        hamiltonian_split_into_row_blocks,
    ),
    ("transitions_match_cpu", transitions_match_cpu),
    (
        "transitions_split_into_blocks",
        transitions_split_into_blocks,
    ),
    (
        "broadening_matches_cpu_every_line_shape",
        broadening_matches_cpu,
    ),
    (
        "broadening_split_into_chunks_and_folded_dispatch",
        broadening_split_and_folded,
    ),
    (
        "broadening_of_a_line_list_over_128_mib",
        broadening_over_128_mib,
    ),
    (
        "spectra_match_cpu_13_to_561_atoms_s_13_to_309_spd",
        spectra_match_cpu,
    ),
    ("rotatory_strengths_and_cd_match_cpu", rotatory_matches_cpu),
    (
        "rotatory_strengths_split_into_blocks",
        rotatory_split_into_blocks,
    ),
    ("cd_symmetries_hold_on_the_gpu", cd_symmetries_on_gpu),
    ("batched_jacobi_matches_faer", batched_jacobi_matches_faer),
    (
        "batched_dipoles_and_broadening_match_cpu",
        batched_kernels_match_cpu,
    ),
    ("sweep_with_batched_kernels_matches_cpu", sweep_matches_cpu),
    ("fallback_to_cpu_on_gpu_failure", fallback_to_cpu),
    (
        "pipelines_are_compiled_once_per_context",
        pipelines_compiled_once,
    ),
    (
        "cli_fallback_writes_the_same_files",
        cli_fallback_writes_the_same_files,
    ),
];

fn main() {
    harness::run("gpu", TESTS);
}

fn context() -> GpuContext {
    harness::context()
}

fn clusters(max_shells: usize) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = (1..=max_shells)
        .map(|k| build(&Shape::Icosahedron { shells: k }, Element::Au, None).unwrap())
        .collect();
    let au55 = build(&Shape::Icosahedron { shells: 2 }, Element::Au, None).unwrap();
    let alloy = random_alloy(
        &random_alloy(&au55, Element::Ag, 0.4, 5).unwrap(),
        Element::Cu,
        0.2,
        6,
    )
    .unwrap();
    out.push(alloy);
    out
}

fn hamiltonian_matches_cpu() {
    let ctx = context();
    for model in ["s", "spd"] {
        let m = TightBinding::builtin(model).unwrap();
        for c in clusters(5) {
            let (cpu, _) = m.hamiltonian(&c).unwrap();
            let gpu = gpu::hamiltonian::hamiltonian(&ctx, &m.two_centre(&c).unwrap()).unwrap();
            let worst = max_abs_diff(&cpu, &gpu);
            assert!(worst < 1e-5, "{model} {}: |ΔH| = {worst:e} eV", c.formula());
        }
    }
}

fn hamiltonian_split_into_row_blocks() {
    let ctx = context().with_max_binding(64 * 1024);
    let m = TightBinding::builtin("spd").unwrap();
    let c = build(&Shape::Icosahedron { shells: 3 }, Element::Ag, None).unwrap();
    assert!(
        (c.len() * 9).pow(2) * 4 > 10 * 64 * 1024,
        "must need several blocks"
    );
    let (cpu, _) = m.hamiltonian(&c).unwrap();
    let gpu = gpu::hamiltonian::hamiltonian(&ctx, &m.two_centre(&c).unwrap()).unwrap();
    let worst = max_abs_diff(&cpu, &gpu);
    assert!(worst < 1e-5, "|ΔH| = {worst:e} eV");
}

fn compare_transitions(ctx: &GpuContext, model: &str, c: &Cluster) {
    let (orb, layout, occ) = common::plain_ground(c, model, 500.0);
    let pos = layout.orbital_positions(c);
    let cpu = clusterspec::solve::transitions::transitions(&orb, &occ, &pos);
    let gpu = gpu::dipoles::transitions(ctx, &orb, &occ, &pos).unwrap();
    assert_eq!(cpu.len(), gpu.len(), "{model} {}", c.formula());
    let f_max = cpu
        .iter()
        .map(|t| t.oscillator_strength)
        .fold(0.0, f64::max);
    let by_pair: HashMap<(u32, u32), &clusterspec::solve::transitions::Transition> =
        gpu.iter().map(|t| ((t.from, t.to), t)).collect();
    assert!(gpu.windows(2).all(|w| w[0].energy <= w[1].energy));
    for t in &cpu {
        let g = by_pair[&(t.from, t.to)];
        // The oscillator kernel agrees with the GEMM's own dipoles.
        let dn = occ[t.from as usize] - occ[t.to as usize];
        let mu2: f64 = g.dipole.iter().map(|x| x * x).sum();
        let f = clusterspec::units::OSC_PREFACTOR * g.energy * mu2 * dn;
        assert!(
            (f - g.oscillator_strength).abs() < 1e-5 * f_max,
            "{model}: oscillator kernel {} vs its dipoles {f}",
            g.oscillator_strength
        );
        assert!(
            (t.oscillator_strength - g.oscillator_strength).abs() < 1e-5 * f_max,
            "{model} {}: f {} vs {}",
            c.formula(),
            t.oscillator_strength,
            g.oscillator_strength
        );
        for d in 0..3 {
            assert!(
                (t.dipole[d].abs() - g.dipole[d].abs()).abs() < 1e-4,
                "{model}: dipole {:?} vs {:?}",
                t.dipole,
                g.dipole
            );
        }
    }
}

fn transitions_match_cpu() {
    let ctx = context();
    for c in clusters(3) {
        compare_transitions(&ctx, "s", &c);
    }
    for c in clusters(2) {
        compare_transitions(&ctx, "spd", &c);
    }
}

fn transitions_split_into_blocks() {
    let ctx = context().with_max_binding(16 * 1024);
    let c = build(&Shape::Icosahedron { shells: 3 }, Element::Ag, None).unwrap();
    compare_transitions(&ctx, "s", &c);
    let c = build(&Shape::Icosahedron { shells: 1 }, Element::Au, None).unwrap();
    compare_transitions(&ctx, "spd", &c);
}

fn random_lines(n: usize, seed: u64, range: (f64, f64)) -> (Vec<f64>, Vec<f64>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut e: Vec<f64> = (0..n).map(|_| rng.random_range(range.0..range.1)).collect();
    e.sort_by(f64::total_cmp);
    let w = (0..n).map(|_| rng.random_range(0.0..1.0)).collect();
    (e, w)
}

const SHAPES: [LineShape; 3] = [
    LineShape::Gaussian,
    LineShape::Lorentzian,
    LineShape::PseudoVoigt { eta: 0.35 },
];

fn broadening_matches_cpu() {
    let ctx = context();
    let (e, w) = random_lines(50_000, 3, (0.3, 9.0));
    let grid = EnergyGrid::new(1.0, 6.0, 1500).unwrap();
    for shape in SHAPES {
        for fwhm in [0.02, 0.1, 0.5] {
            let cpu = broaden_cpu(&e, &w, &grid, shape, fwhm).unwrap();
            let gpu = gpu::broaden::broaden(&ctx, &e, &w, &grid, shape, fwhm).unwrap();
            let d = relative_max_diff(&cpu, &gpu);
            assert!(d < 1e-4, "{shape:?} fwhm {fwhm}: {d:e} of the peak");
        }
    }
}

fn broadening_split_and_folded() {
    // 4 KiB bindings: 512 lines per chunk; 3 workgroups per dimension: the
    // 2000-point grid (8 groups) is folded into 2-D.
    let ctx = context().with_max_binding(4096).with_max_workgroups(3);
    let (e, w) = random_lines(20_000, 4, (0.5, 7.0));
    let grid = EnergyGrid::new(1.0, 6.0, 2000).unwrap();
    for shape in SHAPES {
        let cpu = broaden_cpu(&e, &w, &grid, shape, 0.1).unwrap();
        let gpu = gpu::broaden::broaden(&ctx, &e, &w, &grid, shape, 0.1).unwrap();
        let d = relative_max_diff(&cpu, &gpu);
        assert!(d < 1e-4, "{shape:?}: {d:e} of the peak");
    }
}

fn broadening_over_128_mib() {
    let ctx = context().with_max_binding(128 << 20);
    let n = 17_500_000; // 8 bytes per line on the GPU: 140 MB > 128 MiB
    assert!((n as u64) * 8 > ctx.max_binding);
    let (e, w) = random_lines(n, 5, (0.5, 8.5));
    let grid = EnergyGrid::new(1.0, 8.0, 300).unwrap();
    for shape in [LineShape::Gaussian, LineShape::PseudoVoigt { eta: 0.3 }] {
        let cpu = broaden_cpu(&e, &w, &grid, shape, 0.03).unwrap();
        let gpu = gpu::broaden::broaden(&ctx, &e, &w, &grid, shape, 0.03).unwrap();
        let d = relative_max_diff(&cpu, &gpu);
        assert!(d < 1e-4, "{shape:?}: {d:e} of the peak");
    }
}

fn spectra_match_cpu() {
    let engine = engine_on(context());
    for (model, shells) in [("s", 5), ("spd", 4)] {
        for c in clusters(shells) {
            let cpu = absorb(&c, model, &Engine::cpu()).spectrum;
            let gpu = absorb(&c, model, &engine).spectrum;
            let d = relative_max_diff(&cpu.density_per_ev, &gpu.density_per_ev);
            assert!(
                d < 1e-4,
                "{model} {}: spectra differ by {d:e} of the peak",
                c.formula()
            );
        }
    }
    assert!(engine.fallbacks().is_empty(), "{:?}", engine.fallbacks());
}

fn fallback_kernels(engine: &Engine) -> Vec<Option<Kernel>> {
    engine.fallbacks().iter().map(|f| f.kernel).collect()
}

fn fallback_to_cpu() {
    let c = build(&Shape::Icosahedron { shells: 2 }, Element::Ag, None).unwrap();
    let cpu = absorb(&c, "spd", &Engine::cpu());
    // A failure in the first stage: everything after runs on the CPU, bit for bit.
    let mut ctx = context();
    ctx.inject_fault(Kernel::Hamiltonian);
    let engine = engine_on(ctx);
    let r = absorb(&c, "spd", &engine);
    assert_eq!(r.spectrum.density_per_ev, cpu.spectrum.density_per_ev);
    assert_eq!(fallback_kernels(&engine), [Some(Kernel::Hamiltonian)]);
    assert!(engine.gpu().is_none());
    // A failure in the last stage: GPU transitions, CPU broadening.
    let mut ctx = context();
    ctx.inject_fault(Kernel::Broaden);
    let engine = engine_on(ctx);
    let r = absorb(&c, "spd", &engine);
    assert!(relative_max_diff(&cpu.spectrum.density_per_ev, &r.spectrum.density_per_ev) < 1e-4);
    assert_eq!(fallback_kernels(&engine), [Some(Kernel::Broaden)]);
}

fn pipelines_compiled_once() {
    let engine = engine_on(context());
    let c = build(&Shape::Icosahedron { shells: 1 }, Element::Au, None).unwrap();
    let cd = |engine: &Engine| {
        single_particle(&c, &request("spd"), Rotatory::All, &broadening(0.1), engine).unwrap()
    };
    let first = cd(&engine);
    let ctx = engine.gpu().expect("the GPU is in use");
    let compiled = ctx.pipelines_created();
    // Hamiltonian, dipole GEMM, oscillator, broadening, magnetic, projection.
    assert_eq!(compiled, 6, "pipelines after one run");
    let second = cd(&engine);
    assert_eq!(ctx.pipelines_created(), compiled, "a second run recompiled");
    let d = relative_max_diff(&first.spectrum.epsilon, &second.spectrum.epsilon);
    assert!(d < 1e-5, "the second run differs by {d:e} of the peak");
    assert!(engine.fallbacks().is_empty(), "{:?}", engine.fallbacks());
}

fn cli_fallback_writes_the_same_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let exe = env!("CARGO_BIN_EXE_clusterspec");
    let run = |args: &[&str], fault: Option<&str>| {
        let mut cmd = std::process::Command::new(exe);
        cmd.args(args).arg("--quiet").current_dir(d);
        if let Some(f) = fault {
            cmd.env(gpu::context::FAULT_ENV, f);
        }
        cmd.output().unwrap()
    };
    assert!(
        run(
            &["build", "icosahedron", "--shells", "2", "-o", "c.xyz"],
            None
        )
        .status
        .success()
    );
    let cpu = run(
        &["absorption", "c.xyz", "--backend", "cpu", "--out", "cpu"],
        None,
    );
    assert!(cpu.status.success());
    let gpu = run(
        &["absorption", "c.xyz", "--backend", "gpu", "--out", "gpu"],
        Some("all"),
    );
    assert!(
        gpu.status.success(),
        "{}",
        String::from_utf8_lossy(&gpu.stderr)
    );
    let err = String::from_utf8_lossy(&gpu.stderr);
    assert!(err.contains("finished on the CPU"), "{err}");
    for ext in ["csv", "png"] {
        let a = std::fs::read(d.join(format!("cpu.{ext}"))).unwrap();
        let b = std::fs::read(d.join(format!("gpu.{ext}"))).unwrap();
        assert!(a == b, "cpu.{ext} and gpu.{ext} differ");
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("gpu.json")).unwrap()).unwrap();
    assert_eq!(json["run"]["fallbacks"][0]["kernel"], "hamiltonian");
    // An unknown kernel name in the fault variable is an error, not ignored.
    let bad = run(
        &["absorption", "c.xyz", "--backend", "gpu", "--out", "bad"],
        Some("hamiltonain"),
    );
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("`hamiltonain`"), "{err}");
}

fn chiral_set() -> Vec<(Cluster, &'static str)> {
    use clusterspec::structure::molecular::{Hand, carbon_centred_antiprism};
    vec![
        (carbon_centred_antiprism(Hand::P, None).unwrap(), "spd"),
        (
            common::random_cluster(30, &[Element::Au, Element::Ag], 41),
            "s",
        ),
        (
            common::random_cluster(12, &[Element::Au, Element::Cu], 42),
            "spd",
        ),
    ]
}

fn gpu_cd(engine: &Engine, c: &Cluster, model: &str) -> SingleParticle {
    common::circular_dichroism(c, model, engine)
}

fn delta_epsilon(r: &SingleParticle) -> &[f64] {
    r.spectrum.delta_epsilon.as_deref().expect("a CD spectrum")
}

fn largest(r: &[f64]) -> f64 {
    r.iter().map(|x| x.abs()).fold(0.0, f64::max)
}

fn rotatory_matches_cpu() {
    let engine = engine_on(context());
    for (c, model) in chiral_set() {
        let cpu = gpu_cd(&Engine::cpu(), &c, model);
        let gpu = gpu_cd(&engine, &c, model);
        let scale = largest(&cpu.rotatory);
        let worst = max_abs_diff(&cpu.rotatory, &gpu.rotatory);
        assert!(
            worst < 1e-3 * scale,
            "{model} {}: |ΔR| {worst:e} of {scale:e}",
            c.formula()
        );
        let d = relative_max_diff(delta_epsilon(&cpu), delta_epsilon(&gpu));
        assert!(
            d < 1e-3,
            "{model} {}: Δε differs by {d:e} of its peak",
            c.formula()
        );
    }
    assert!(engine.fallbacks().is_empty(), "{:?}", engine.fallbacks());
}

fn rotatory_split_into_blocks() {
    let small = engine_on(context().with_max_binding(64 * 1024));
    let (c, model) = chiral_set().swap_remove(1);
    let cpu = gpu_cd(&Engine::cpu(), &c, model);
    let gpu = gpu_cd(&small, &c, model);
    let scale = largest(&cpu.rotatory);
    let worst = max_abs_diff(&cpu.rotatory, &gpu.rotatory);
    assert!(worst < 1e-3 * scale, "|ΔR| {worst:e} of {scale:e}");
    assert!(small.fallbacks().is_empty(), "{:?}", small.fallbacks());
}

fn cd_symmetries_on_gpu() {
    use clusterspec::structure::molecular::carbon_centred_octahedron;
    let engine = engine_on(context());
    let (c, model) = chiral_set().swap_remove(0);
    let a = gpu_cd(&engine, &c, model);
    let scale = largest(&a.rotatory);
    // Mirror image: −R for every transition.
    let b = gpu_cd(&engine, &c.mirrored(), model);
    common::assert_mirror_reverses(&a, &b, 1e-3);
    // Translation changes nothing; rotation leaves the averaged spectrum.
    let t = gpu_cd(&engine, &c.translated([25.0, 3.0, -40.0]), model);
    assert!(relative_max_diff(delta_epsilon(&a), delta_epsilon(&t)) < 1e-3);
    let r = gpu_cd(&engine, &c.rotated(common::random_rotation(8)), model);
    assert!(relative_max_diff(delta_epsilon(&a), delta_epsilon(&r)) < 1e-3);
    // Mirror planes and inversion: no CD beyond f32 rounding.
    for (achiral, m) in [
        (carbon_centred_octahedron(None).unwrap(), "spd"),
        (
            build(&Shape::Icosahedron { shells: 2 }, Element::Ag, None).unwrap(),
            "s",
        ),
    ] {
        let z = gpu_cd(&engine, &achiral, m);
        assert!(
            largest(&z.rotatory) < 1e-3 * scale,
            "{}: |R| {:e}",
            achiral.formula(),
            largest(&z.rotatory)
        );
    }
    assert!(engine.fallbacks().is_empty(), "{:?}", engine.fallbacks());
}

fn random_symmetric(n: usize, seed: u64) -> ndarray::Array2<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let m = ndarray::Array2::from_shape_fn((n, n), |_| rng.random_range(-1.0..1.0));
    (&m + &m.t()) * 0.5
}

/// Eigenvalues to 1e-4 of the largest; eigenvectors up to sign, and within
/// degenerate groups as the projector onto the group.
fn assert_same_eigenpairs(
    got: &clusterspec::solve::eigen::Orbitals,
    want: &clusterspec::solve::eigen::Orbitals,
    label: &str,
) {
    let n = want.energies.len();
    let scale = want.energies.iter().map(|e| e.abs()).fold(0.0, f64::max);
    for (a, b) in got.energies.iter().zip(&want.energies) {
        assert!(
            (a - b).abs() < 1e-4 * scale,
            "{label}: eigenvalue {a} vs {b}"
        );
    }
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && want.energies[end] - want.energies[end - 1] < 1e-3 * scale {
            end += 1;
        }
        // Projector difference on the group [start, end).
        for r in 0..n {
            for c in 0..n {
                let p = |o: &clusterspec::solve::eigen::Orbitals| {
                    (start..end)
                        .map(|k| o.coefficients[[r, k]] * o.coefficients[[c, k]])
                        .sum::<f64>()
                };
                assert!(
                    (p(got) - p(want)).abs() < 2e-3,
                    "{label}: eigenvectors {start}..{end} differ"
                );
            }
        }
        start = end;
    }
}

fn batched_jacobi_matches_faer() {
    let ctx = context();
    for (n, count) in [(7usize, 5usize), (55, 4), (148, 2), (201, 1)] {
        let matrices: Vec<ndarray::Array2<f64>> = (0..count)
            .map(|k| random_symmetric(n, 100 * n as u64 + k as u64))
            .collect();
        let got = gpu::jacobi::eigen_batch(&ctx, &matrices).unwrap();
        for (k, m) in matrices.iter().enumerate() {
            let want = diagonalise(m).unwrap();
            assert_same_eigenpairs(&got[k], &want, &format!("n={n} #{k}"));
        }
    }
    // Split over bindings and folded over workgroups; a tight-binding batch.
    let small = context()
        .with_max_binding(3 * 55 * 55 * 4)
        .with_max_workgroups(2);
    let m = TightBinding::builtin("s").unwrap();
    let au55 = build(&Shape::Icosahedron { shells: 2 }, Element::Au, None).unwrap();
    let hs: Vec<ndarray::Array2<f64>> = (0..7)
        .map(|k| {
            m.hamiltonian(&random_alloy(&au55, Element::Ag, 0.3, k).unwrap())
                .unwrap()
                .0
        })
        .collect();
    let got = gpu::jacobi::eigen_batch(&small, &hs).unwrap();
    for (k, h) in hs.iter().enumerate() {
        assert_same_eigenpairs(&got[k], &diagonalise(h).unwrap(), &format!("AuAg55 #{k}"));
    }
}

fn sweep_matches_cpu() {
    use clusterspec::ensemble::{SweepRequest, run_configurations, summarise};
    let req = SweepRequest {
        base: build(&Shape::Icosahedron { shells: 2 }, Element::Au, None).unwrap(),
        dopant: Element::Ag,
        fractions: vec![0.0, 0.4],
        configurations: 3,
        seed: 9,
        tight_binding: request("s"),
        response: None,
        broadening: broadening(0.1),
    };
    let dir = tempfile::tempdir().unwrap();
    let bar = clusterspec::Silent;
    let engine = engine_on(context());
    let cpu = run_configurations(
        &req,
        &Engine::cpu(),
        Some(&dir.path().join("cpu.jsonl")),
        &bar,
    )
    .unwrap();
    let gpu = run_configurations(&req, &engine, Some(&dir.path().join("gpu.jsonl")), &bar).unwrap();
    assert!(engine.fallbacks().is_empty(), "{:?}", engine.fallbacks());
    for (a, b) in summarise(&req, &cpu).iter().zip(&summarise(&req, &gpu)) {
        let d = relative_max_diff(&a.mean_epsilon, &b.mean_epsilon);
        assert!(
            d < 1e-3,
            "x = {}: mean spectra differ by {d:e} of the peak",
            a.fraction
        );
    }
}

fn batched_kernels_match_cpu() {
    let m = TightBinding::builtin("s").unwrap();
    let au55 = build(&Shape::Icosahedron { shells: 2 }, Element::Au, None).unwrap();
    let solved: Vec<_> = (0..5)
        .map(|k| {
            let c = random_alloy(&au55, Element::Ag, 0.3, 50 + k).unwrap();
            let (h, layout) = m.hamiltonian(&c).unwrap();
            let orb = diagonalise(&h).unwrap();
            let occ = occupations(
                &orb.energies,
                m.neutral_valence(&c).unwrap(),
                Filling::FermiDirac { temperature: 800.0 },
            )
            .unwrap();
            let pos = layout.orbital_positions(&c);
            (orb, occ, pos)
        })
        .collect();
    let items: Vec<gpu::dipoles::BatchItem> =
        solved.iter().map(|(o, n, p)| (o, &n[..], &p[..])).collect();
    for ctx in [context(), context().with_max_binding(8 * 1024)] {
        let batched = gpu::dipoles::transitions_batch(&ctx, &items).unwrap();
        let mut lines = Vec::new();
        for ((orb, occ, pos), got) in solved.iter().zip(&batched) {
            let want = clusterspec::solve::transitions::transitions(orb, occ, pos);
            assert_eq!(want.len(), got.len());
            let f_max = want
                .iter()
                .map(|t| t.oscillator_strength)
                .fold(0.0, f64::max);
            for (a, b) in want.iter().zip(got) {
                assert_eq!((a.from, a.to), (b.from, b.to));
                assert!((a.oscillator_strength - b.oscillator_strength).abs() < 1e-5 * f_max);
            }
            lines.push((
                want.iter().map(|t| t.energy).collect::<Vec<f64>>(),
                want.iter()
                    .map(|t| t.oscillator_strength)
                    .collect::<Vec<f64>>(),
            ));
        }
        let refs: Vec<(&[f64], &[f64])> = lines.iter().map(|(e, w)| (&e[..], &w[..])).collect();
        let grid = EnergyGrid::new(0.5, 5.0, 700).unwrap();
        for shape in SHAPES {
            let got = gpu::broaden::broaden_batch(&ctx, &refs, &grid, shape, 0.08).unwrap();
            for ((e, w), g) in refs.iter().zip(&got) {
                let want = broaden_cpu(e, w, &grid, shape, 0.08).unwrap();
                let d = relative_max_diff(&want, g);
                assert!(d < 1e-4, "{shape:?}: {d:e} of the peak");
            }
        }
    }
    // Many lines per window: several passes of the batched kernel.
    let (e, w) = random_lines(60_000, 8, (1.0, 2.0));
    let (e2, w2) = random_lines(30_000, 9, (1.2, 1.8));
    let grid = EnergyGrid::new(0.8, 2.2, 300).unwrap();
    let got = gpu::broaden::broaden_batch(
        &context(),
        &[(&e[..], &w[..]), (&e2[..], &w2[..])],
        &grid,
        LineShape::PseudoVoigt { eta: 0.5 },
        0.2,
    )
    .unwrap();
    for ((e, w), g) in [(&e, &w), (&e2, &w2)].into_iter().zip(&got) {
        let want = broaden_cpu(e, w, &grid, LineShape::PseudoVoigt { eta: 0.5 }, 0.2).unwrap();
        assert!(relative_max_diff(&want, g) < 1e-4);
    }
}
