//! GPU tests of the jellium model: the Casida-matrix kernel against its
//! CPU twin (whole and in row blocks), whole spectra against the CPU, the
//! fallback, and the sum rule and plasmon trend through the GPU engine.
//! Own harness (tests/common/gpu_harness.rs): without an adapter it says
//! loudly what it skipped.

mod common;
#[path = "common/gpu_harness.rs"]
mod harness;

use clusterspec::gpu::{self, GpuContext};
use clusterspec::jellium::{JelliumSpec, Material, ResponseOptions, ground_state, optics};
use clusterspec::response::{Response, spectrum};
use clusterspec::solve::casida::CouplingFactors;
use clusterspec::{Engine, Kernel};
use common::{max_abs_diff, relative_max_diff};
use harness::{Test, context, engine_on};

const TESTS: &[Test] = &[
    (
        "jellium_casida_matrix_matches_cpu",
        casida_matrix_matches_cpu,
    ),
    (
        "jellium_casida_matrix_split_into_row_blocks",
        casida_split_into_row_blocks,
    ),
    (
        "jellium_spectra_match_cpu_and_fall_back",
        jellium_spectra_match_cpu,
    ),
    (
        "jellium_sum_rule_and_plasmon_on_the_gpu",
        jellium_physics_on_gpu,
    ),
];

fn main() {
    harness::run("gpu_jellium", TESTS);
}

fn jellium_case(
    element: &str,
    atoms: usize,
    step: f64,
    d: bool,
) -> (clusterspec::jellium::ParticleHoleSpace, CouplingFactors) {
    use clusterspec::jellium::{casida, optics, pairs};
    let m = Material::element(element).unwrap();
    let mut spec = JelliumSpec::new(m.clone(), atoms);
    spec.step_bohr = step;
    let ground = ground_state(&spec).unwrap();
    let green = optics::green_for(&ground, if d { m.d_background } else { None }).unwrap();
    let space = pairs::particle_hole_space(&ground, 0.5, green).unwrap();
    let factors = casida::coupling_factors(&ground, &space);
    (space, factors)
}

fn assert_same_omega(ctx: &GpuContext, factors: &CouplingFactors) {
    let cpu = clusterspec::solve::casida::casida_matrix(factors, 1.0);
    let gpu = gpu::casida::casida_matrix(ctx, factors, 1.0).unwrap();
    let scale = cpu.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    let worst = max_abs_diff(&cpu, &gpu);
    assert!(worst < 1e-5 * scale, "|ΔΩ| {worst:e} of {scale:e}");
}

fn casida_matrix_matches_cpu() {
    let ctx = context();
    for (element, atoms, d) in [("Na", 20, false), ("Na", 198, false), ("Ag", 92, true)] {
        let (_, factors) = jellium_case(element, atoms, 0.1, d);
        assert_same_omega(&ctx, &factors);
    }
}

fn casida_split_into_row_blocks() {
    let (_, factors) = jellium_case("Na", 92, 0.3, false);
    let (p, n) = (factors.pairs, factors.points);
    assert!(p > n, "needs more pairs ({p}) than grid points ({n})");
    // One binding holds the factors A and B but not the whole of Ω.
    let binding = (p * n * 4).next_multiple_of(4) as u64;
    assert!((p * p * 4) as u64 > binding);
    let ctx = context().with_max_binding(binding);
    assert_same_omega(&ctx, &factors);
    // Factors that do not fit one binding are a GPU error (the engine then
    // finishes on the CPU), not a wrong answer.
    let tiny = context().with_max_binding(4096);
    match gpu::casida::casida_matrix(&tiny, &factors, 1.0) {
        Err(clusterspec::Error::Gpu {
            kernel: Some("casida"),
            cause,
        }) => assert!(cause.contains("exceed one binding"), "{cause}"),
        other => panic!("expected a GPU error, got {other:?}"),
    }
}

fn jellium_spectra_match_cpu() {
    let m = Material::element("Ag").unwrap();
    let ground = ground_state(&JelliumSpec::new(m.clone(), 40)).unwrap();
    let mut req = ResponseOptions::new();
    req.d_background = m.d_background;
    let broadening = clusterspec::Broadening::new(
        clusterspec::EnergyGrid::new(0.5, 6.0, 1101).unwrap(),
        clusterspec::LineShape::Lorentzian,
        0.1,
    )
    .unwrap();
    let cpu_engine = Engine::cpu();
    let cpu = optics(&cpu_engine, &ground, &req).unwrap();
    let engine = engine_on(context());
    let gpu = optics(&engine, &ground, &req).unwrap();
    assert!(engine.fallbacks().is_empty(), "{:?}", engine.fallbacks());
    assert_eq!(cpu.coupled.len(), gpu.coupled.len());
    for (a, b) in cpu.coupled.energy.iter().zip(&gpu.coupled.energy) {
        assert!((a - b).abs() < 1e-4, "line {a} eV vs {b} eV");
    }
    let density = |lines: &clusterspec::Lines, engine: &Engine| {
        spectrum(&Response::Lines(lines.clone()), &broadening, engine)
            .unwrap()
            .density_per_ev
    };
    let diff = relative_max_diff(
        &density(&cpu.coupled, &cpu_engine),
        &density(&gpu.coupled, &engine),
    );
    assert!(
        diff < 1e-4,
        "TDLDA spectrum differs by {diff:e} of its peak"
    );
    assert!(engine.fallbacks().is_empty(), "{:?}", engine.fallbacks());
    let mut faulty = context();
    faulty.inject_fault(Kernel::Casida);
    let fallback = engine_on(faulty);
    let again = optics(&fallback, &ground, &req).unwrap();
    let kernels: Vec<Option<Kernel>> = fallback.fallbacks().iter().map(|f| f.kernel).collect();
    assert_eq!(kernels, [Some(Kernel::Casida)]);
    assert_eq!(again.coupled.energy, cpu.coupled.energy);
}

fn jellium_physics_on_gpu() {
    let engine = engine_on(context());
    let na = Material::element("Na").unwrap();
    let mut last = 0.0;
    for n in [8, 20, 92, 198] {
        let ground = ground_state(&JelliumSpec::new(na.clone(), n)).unwrap();
        let o = optics(&engine, &ground, &ResponseOptions::new()).unwrap();
        let sum = o.coupled.strength_sum();
        assert!((sum / n as f64 - 1.0).abs() < 0.01, "Na{n}: Σf = {sum}");
        // The strength centroid of the plasmon window rises towards Mie
        // (the dominant band itself moves with fragmentation).
        let p = o.centroid_ev.unwrap();
        assert!(
            p < na.mie_ev() && p > last,
            "Na{n}: plasmon centroid {p} eV after {last} eV"
        );
        last = p;
    }
    assert!(engine.fallbacks().is_empty(), "{:?}", engine.fallbacks());
}
