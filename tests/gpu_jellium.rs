//! GPU tests of the jellium model: the Casida-matrix kernel against its
//! CPU twin (whole and in row blocks), whole spectra against the CPU, the
//! fallback, and the sum rule and plasmon trend through the GPU engine.
//! Own harness (tests/common/gpu_harness.rs): without an adapter it says
//! loudly what it skipped.

mod common;
#[path = "common/gpu_harness.rs"]
mod harness;

use clusterspec::Engine;
use clusterspec::gpu::{self, GpuContext};
use common::{max_abs_diff, relative_max_diff};
use harness::{Test, context};

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
) -> (
    clusterspec::jellium::ParticleHoleSpace,
    clusterspec::jellium::casida::CouplingFactors,
) {
    use clusterspec::jellium::{casida, optics, pairs};
    let m = clusterspec::jellium::Material::element(element).unwrap();
    let mut spec = clusterspec::jellium::JelliumSpec::new(m.clone(), atoms);
    spec.step_bohr = step;
    let ground = clusterspec::jellium::ground_state(&spec).unwrap();
    let green = optics::green_for(&ground, if d { m.d_background } else { None }).unwrap();
    let space = pairs::particle_hole_space(&ground, 0.5, green).unwrap();
    let factors = casida::coupling_factors(&ground, &space);
    (space, factors)
}

fn assert_same_omega(ctx: &GpuContext, factors: &clusterspec::jellium::casida::CouplingFactors) {
    let cpu = clusterspec::jellium::casida::casida_matrix(factors, 1.0);
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
        Err(clusterspec::Error::Gpu(m)) => assert!(m.contains("exceed one binding"), "{m}"),
        other => panic!("expected a GPU error, got {other:?}"),
    }
}

fn jellium_spectra_match_cpu() {
    use clusterspec::jellium::{JelliumSpec, Material, OpticsRequest, ground_state, optics};
    let m = Material::element("Ag").unwrap();
    let ground = ground_state(&JelliumSpec::new(m.clone(), 40)).unwrap();
    let mut req = OpticsRequest::new();
    req.d_background = m.d_background;
    let cpu = optics(&Engine::cpu(), &ground, &req).unwrap();
    let engine = Engine::with_gpu(context(), "test");
    let gpu = optics(&engine, &ground, &req).unwrap();
    assert!(!engine.report().contains("failed"), "{}", engine.report());
    assert_eq!(cpu.coupled.energy_ev.len(), gpu.coupled.energy_ev.len());
    for (a, b) in cpu.coupled.energy_ev.iter().zip(&gpu.coupled.energy_ev) {
        assert!((a - b).abs() < 1e-4, "line {a} eV vs {b} eV");
    }
    let diff = relative_max_diff(
        &cpu.coupled_spectrum.density_per_ev,
        &gpu.coupled_spectrum.density_per_ev,
    );
    assert!(
        diff < 1e-4,
        "TDLDA spectrum differs by {diff:e} of its peak"
    );
    let mut faulty = context();
    faulty.inject_fault("casida");
    let fallback = Engine::with_gpu(faulty, "test");
    let again = optics(&fallback, &ground, &req).unwrap();
    assert!(
        fallback.report().contains("GPU failed in Casida matrix"),
        "{}",
        fallback.report()
    );
    assert_eq!(again.coupled.energy_ev, cpu.coupled.energy_ev);
}

fn jellium_physics_on_gpu() {
    use clusterspec::jellium::{JelliumSpec, Material, OpticsRequest, ground_state, optics};
    let engine = Engine::with_gpu(context(), "test");
    let na = Material::element("Na").unwrap();
    let mut last = 0.0;
    for n in [8, 20, 92, 198] {
        let ground = ground_state(&JelliumSpec::new(na.clone(), n)).unwrap();
        let o = optics(&engine, &ground, &OpticsRequest::new()).unwrap();
        let sum = o.coupled.strength_sum();
        assert!((sum / n as f64 - 1.0).abs() < 0.01, "Na{n}: Σf = {sum}");
        let p = o.plasmon_ev.unwrap();
        assert!(
            p < na.mie_ev() && p > last,
            "Na{n}: plasmon {p} eV after {last} eV"
        );
        last = p;
    }
    assert!(!engine.report().contains("failed"), "{}", engine.report());
}
