//! GPU tests of the DFTB Hamiltonian kernel against its CPU twin: the
//! Hamiltonian and overlap of Au25(SCH3)18 (every element pair of the set
//! that the thiolate has, distances into the tables' tails), the same split
//! into row blocks, the whole TD-DFTB spectrum through the GPU engine, and
//! the fallback.
//!
//! Own harness (Cargo.toml: harness = false): on a machine without a GPU
//! adapter it says loudly which tests it skipped; with
//! CLUSTERSPEC_REQUIRE_GPU=1 a missing adapter is a failure.

#[path = "common/gpu_harness.rs"]
mod harness;

use clusterspec::gpu::Kernel;
use clusterspec::model::dftb::ground::{elements, system};
use clusterspec::model::dftb::{DftbRequest, DftbSet};
use clusterspec::response::Response;
use clusterspec::rpa::Route;
use clusterspec::solve::sk_tables::{SkSystem, hamiltonian_overlap};
use clusterspec::structure::thiolate::au25_thiolate;
use clusterspec::tddftb::TdDftbSpectrum;
use clusterspec::{Broadening, EnergyGrid, Engine, LineShape, Model, Silent, gpu};
use harness::{Test, context, engine_on};

const TESTS: &[Test] = &[
    ("dftb_hamiltonian_matches_cpu", hamiltonian_matches_cpu),
    ("dftb_hamiltonian_split_into_row_blocks", split_into_blocks),
    ("tddftb_spectrum_matches_cpu", spectrum_matches_cpu),
    ("a_failed_dftb_kernel_falls_back_to_the_cpu", fallback),
];

fn main() {
    harness::run("gpu_dftb", TESTS);
}

fn au25() -> SkSystem {
    let c = au25_thiolate();
    let kinds = elements(&c);
    let loaded = DftbSet::auorg().load(&kinds).unwrap();
    system(&c, &loaded, &kinds).0
}

/// f32 on the GPU: |ΔH| below 2·10⁻⁵ eV and |ΔS| below 10⁻⁶ (the tables
/// hold integrals up to about 1 hartree and overlaps up to 1).
fn compare(ctx: &gpu::GpuContext, sys: &SkSystem) {
    let (h_cpu, s_cpu) = hamiltonian_overlap(sys);
    let (h_gpu, s_gpu) = gpu::dftb_hamiltonian::hamiltonian_overlap(ctx, sys).unwrap();
    let worst = |a: &ndarray::Array2<f64>, b: &ndarray::Array2<f64>| {
        a.iter()
            .zip(b)
            .fold(0.0f64, |m, (x, y)| m.max((x - y).abs()))
    };
    let (dh, ds) = (worst(&h_cpu, &h_gpu), worst(&s_cpu, &s_gpu));
    assert!(dh < 2e-5 && ds < 1e-6, "|ΔH| = {dh:e} eV, |ΔS| = {ds:e}");
}

fn hamiltonian_matches_cpu() {
    compare(&context(), &au25());
}

/// Au147 (1323 orbitals) with a 1 MiB binding: the Au–Au table fits, the
/// 7 MB matrices go in row blocks.
fn split_into_blocks() {
    use clusterspec::structure::builders::{Shape, build};
    let c = build(
        &Shape::Icosahedron { shells: 3 },
        clusterspec::Element::Au,
        None,
    )
    .unwrap();
    let kinds = elements(&c);
    let loaded = DftbSet::auorg().load(&kinds).unwrap();
    let sys = system(&c, &loaded, &kinds).0;
    let n = sys.layout.len();
    let ctx = context().with_max_binding(1 << 20);
    assert!(n * n * 4 > 4 << 20, "must need several blocks");
    compare(&ctx, &sys);
}

fn tddftb(engine: &Engine) -> Vec<f64> {
    let c = au25_thiolate();
    let request = DftbRequest {
        charge: -1,
        ..DftbRequest::new(DftbSet::auorg())
    };
    let b = Broadening::new(
        EnergyGrid::new(1.0, 4.0, 241).unwrap(),
        LineShape::Lorentzian,
        0.1,
    )
    .unwrap();
    let model = TdDftbSpectrum {
        cluster: &c,
        source: String::new(),
        request: &request,
        route: Route::Frequency { bin_width_ev: None },
    };
    match model
        .compute(engine, &b, &Silent)
        .unwrap()
        .main()
        .response
        .clone()
    {
        Response::Density(d) => d.oscillator_strength_density,
        Response::Lines(_) => panic!("expected a density"),
    }
}

/// The whole spectrum through the GPU engine (Hamiltonian, transition
/// charges, spectral weights in f32) within 10⁻³ of its peak.
fn spectrum_matches_cpu() {
    let on_gpu = tddftb(&engine_on(context()));
    let on_cpu = tddftb(&Engine::cpu());
    let peak = on_cpu.iter().fold(0.0f64, |m, x| m.max(*x));
    let worst = on_gpu
        .iter()
        .zip(&on_cpu)
        .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
    assert!(worst < 1e-3 * peak, "{worst:e} of a peak {peak:e}");
}

fn fallback() {
    let mut ctx = context();
    ctx.inject_fault(Kernel::DftbHamiltonian);
    let engine = engine_on(ctx);
    let sys = au25();
    let (h, _) = engine.dftb_hamiltonian(&sys).unwrap();
    assert_eq!(h, hamiltonian_overlap(&sys).0);
    let kernels: Vec<_> = engine.fallbacks().iter().map(|f| f.kernel).collect();
    assert_eq!(kernels, [Some(Kernel::DftbHamiltonian)]);
}
