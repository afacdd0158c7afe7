//! GPU tests of the collective response: the transition-charge and
//! spectral-weight kernels against their CPU twins (one binding and split
//! over many), and a whole RPA spectrum on the GPU against the CPU.
//!
//! Own harness (Cargo.toml: harness = false): on a machine without a GPU
//! adapter it says loudly which tests it skipped; with
//! CLUSTERSPEC_REQUIRE_GPU=1 a missing adapter is a failure.

mod common;
#[path = "common/gpu_harness.rs"]
mod harness;

use clusterspec::gpu::{self, GpuContext};
use clusterspec::model::tight_binding::{OrbitalLayout, SccOptions};
use clusterspec::response::spectrum;
use clusterspec::rpa::charges::transition_charges;
use clusterspec::rpa::spectral::accumulate;
use clusterspec::rpa::{RpaOptions, RpaSpectrum};
use clusterspec::solve::eigen::Orbitals;
use clusterspec::structure::alloy::random_alloy;
use clusterspec::structure::builders::{Shape, build};
use clusterspec::{Broadening, Cluster, Element, EnergyGrid, Engine, LineShape, Model, Silent};
use common::{max_abs_diff, relative_max_diff, request};
use harness::{Test, engine_on};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const TESTS: &[Test] = &[
    (
        "transition_charges_match_cpu_s_and_spd",
        transition_charges_match_cpu,
    ),
    (
        "transition_charges_split_into_chunks",
        transition_charges_split,
    ),
    (
        "spectral_weights_match_cpu_and_split_over_passes",
        spectral_weights_match_cpu,
    ),
    ("rpa_spectrum_matches_cpu", rpa_spectrum_matches_cpu),
];

fn main() {
    harness::run("gpu_response", TESTS);
}

/// Orbitals, layout and every occupied → empty pair of `c` in `model`.
fn solved(c: &Cluster, model: &str) -> (Orbitals, OrbitalLayout, Vec<(u32, u32)>) {
    let (orb, layout, occ) = common::plain_ground(c, model, 300.0);
    let mut pairs = Vec::new();
    for i in 0..occ.len() {
        for a in i + 1..occ.len() {
            if occ[i] - occ[a] > 1e-6 {
                pairs.push((i as u32, a as u32));
            }
        }
    }
    (orb, layout, pairs)
}

fn clusters() -> Vec<(Cluster, &'static str)> {
    let ag55 = build(&Shape::Icosahedron { shells: 2 }, Element::Ag, None).unwrap();
    let au13 = build(&Shape::Icosahedron { shells: 1 }, Element::Au, None).unwrap();
    vec![
        (ag55.clone(), "s"),
        (random_alloy(&ag55, Element::Au, 0.3, 4).unwrap(), "s"),
        (random_alloy(&au13, Element::Cu, 0.4, 2).unwrap(), "spd"),
    ]
}

fn compare_charges(ctx: &GpuContext, c: &Cluster, model: &str) {
    let (orb, layout, pairs) = solved(c, model);
    let cpu = transition_charges(&orb, &layout, &pairs);
    let gpu = gpu::response::transition_charges(ctx, &orb, &layout, &pairs).unwrap();
    assert_eq!(cpu.dim(), gpu.dim());
    // Σ_A q_A = ⟨i|a⟩ = 0 for every pair, and the values agree in f32.
    let scale = cpu.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    let d = max_abs_diff(cpu.iter(), gpu.iter());
    assert!(
        d < 2e-5 * scale,
        "{model} {}: {d:e} of {scale}",
        c.formula()
    );
    for p in 0..pairs.len() {
        let sum: f64 = gpu.column(p).sum();
        assert!(sum.abs() < 1e-4 * scale, "pair {p}: Σq = {sum}");
    }
}

fn transition_charges_match_cpu() {
    let ctx = harness::context();
    for (c, model) in clusters() {
        compare_charges(&ctx, &c, model);
    }
}

fn transition_charges_split() {
    // 8 KiB bindings and 16 workgroups: dozens of chunks.
    let ctx = harness::context()
        .with_max_binding(8 * 1024)
        .with_max_workgroups(16);
    for (c, model) in clusters() {
        compare_charges(&ctx, &c, model);
    }
}

fn spectral_weights_match_cpu() {
    // Charges of a real cluster, and random ones on so many pairs that the
    // widest node (half of them) needs two passes of SEGMENT pairs.
    let (c, model) = clusters().swap_remove(1);
    let (orb, layout, pairs) = solved(&c, model);
    let real = transition_charges(&orb, &layout, &pairs);
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    const PAIRS: usize = 2 * gpu::response::SEGMENT as usize + 7_000;
    let random = ndarray::Array2::from_shape_fn((23, PAIRS), |_| rng.random_range(-0.5..0.5));
    for q in [real, random] {
        let n = q.ncols();
        let weights: Vec<f64> = (0..n).map(|p| 0.5 + (p % 7) as f64 / 7.0).collect();
        // Uneven nodes: one of a single pair, one of half of them, then
        // nodes of ten.
        let mut ranges = vec![(0, 1), (1, n / 2)];
        ranges.extend((n / 2..n).step_by(10).map(|a| (a, (a + 10).min(n))));
        let cpu = accumulate(&q, &weights, &ranges);
        for ctx in [
            harness::context(),
            // Bindings that just hold the charges: the nodes go in
            // several dispatches.
            harness::context().with_max_binding(4 * (q.len() as u64)),
        ] {
            let gpu = gpu::response::spectral_weights(&ctx, &q, &weights, &ranges).unwrap();
            let d = relative_max_diff(&cpu, &gpu);
            assert!(d < 1e-5, "{n} pairs: spectral weights differ by {d:e}");
        }
    }
}

fn rpa_spectrum_matches_cpu() {
    let ag55 = build(&Shape::Icosahedron { shells: 2 }, Element::Ag, None).unwrap();
    let mut req = request("s");
    req.scc = Some(SccOptions::default());
    let b = Broadening::new(
        EnergyGrid::new(1.0, 6.0, 501).unwrap(),
        LineShape::Lorentzian,
        0.1,
    )
    .unwrap();
    let model = RpaSpectrum {
        cluster: &ag55,
        source: String::new(),
        request: &req,
        options: RpaOptions::default(),
    };
    let engine = engine_on(harness::context());
    let on_gpu = model.compute(&engine, &b, &Silent).unwrap();
    assert!(engine.fallbacks().is_empty(), "{:?}", engine.fallbacks());
    let on_cpu = model.compute(&Engine::cpu(), &b, &Silent).unwrap();
    let s = |calc: &clusterspec::response::Calculation| {
        spectrum(&calc.main().response, &b, &Engine::cpu())
            .unwrap()
            .density_per_ev
    };
    let d = relative_max_diff(&s(&on_cpu), &s(&on_gpu));
    assert!(
        d < 1e-3,
        "RPA spectrum on the GPU differs by {d:e} of its peak"
    );
}
