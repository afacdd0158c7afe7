//! The collective response (RPA, frequency route, 1000-point grid of which
//! 501 frequencies are solved) of Ag icosahedra: the whole spectrum
//! (self-consistent charges, transition charges, spectral χ⁰, Dyson
//! equation), the self-consistent ground state alone, and one
//! eigendecomposition of the same Hamiltonian beside them; CPU engine
//! against GPU engine (on lavapipe in CI: a software rasteriser, not a GPU).
//!
//! Filter with criterion's usual argument, e.g. `cargo bench --bench rpa --
//! "rpa_s/cpu"`; the largest clusters take minutes per sample set.

#[path = "common.rs"]
mod common;

use std::hint::black_box;

use clusterspec::model::tight_binding::{SccOptions, ground_states};
use clusterspec::rpa::{DResponse, RpaOptions, RpaSpectrum};
use clusterspec::solve::eigen::diagonalise;
use clusterspec::structure::builders::{Shape, build};
use clusterspec::{
    Broadening, Cluster, Element, EnergyGrid, Engine, LineShape, Model, Silent, TbRequest,
    TightBinding,
};
use criterion::{Criterion, criterion_group, criterion_main};

/// (model, icosahedral shells): s 55 … 923 atoms (the spd collective
/// response is refused: it loses the plasmon).
const SIZES: [(&str, usize); 5] = [("s", 2), ("s", 3), ("s", 4), ("s", 5), ("s", 6)];

fn silver(shells: usize) -> Cluster {
    build(&Shape::Icosahedron { shells }, Element::Ag, None).unwrap()
}

fn request(model: &str) -> TbRequest {
    TbRequest {
        scc: Some(SccOptions::default()),
        ..TbRequest::new(TightBinding::builtin(model).unwrap())
    }
}

/// The CLI's collective-response default: 1–6 eV, 1000 points, Lorentzian
/// FWHM 0.1 eV (the Dyson equation is solved at every second point).
fn broadening() -> Broadening {
    Broadening::new(
        EnergyGrid::new(1.0, 6.0, 1000).unwrap(),
        LineShape::Lorentzian,
        0.1,
    )
    .unwrap()
}

fn spectrum(cluster: &Cluster, req: &TbRequest, b: &Broadening, engine: &Engine) {
    spectrum_with(cluster, req, b, engine, DResponse::Dynamic)
}

fn spectrum_with(
    cluster: &Cluster,
    req: &TbRequest,
    b: &Broadening,
    engine: &Engine,
    d: DResponse,
) {
    let model = RpaSpectrum {
        cluster,
        source: String::new(),
        request: req,
        options: RpaOptions {
            d_response: d,
            ..RpaOptions::default()
        },
    };
    black_box(model.compute(engine, b, &Silent).unwrap());
}

fn rpa(c: &mut Criterion) {
    let gpu = common::gpu_engine();
    let cpu = Engine::cpu();
    let b = broadening();
    for (model, shells) in SIZES {
        let cluster = silver(shells);
        let req = request(model);
        let label = format!("Ag{} {model}", cluster.len());
        let mut g = c.benchmark_group(format!("rpa_{model}"));
        g.sample_size(10);
        g.bench_function(format!("cpu/{label}/eigendecomposition"), |bench| {
            let (h, _) = req.model.hamiltonian(&cluster).unwrap();
            bench.iter(|| diagonalise(black_box(&h)).unwrap())
        });
        g.bench_function(format!("cpu/{label}/scc_ground_state"), |bench| {
            bench.iter(|| {
                ground_states(std::slice::from_ref(&cluster), &req, &cpu, &Silent).unwrap()
            })
        });
        g.bench_function(format!("cpu/{label}/whole_spectrum"), |bench| {
            bench.iter(|| spectrum(&cluster, &req, &b, &cpu))
        });
        if let Some(gpu) = &gpu {
            g.bench_function(format!("gpu/{label}/whole_spectrum"), |bench| {
                bench.iter(|| spectrum(&cluster, &req, &b, gpu))
            });
        }
        g.finish();
    }
}

/// The cost of the frequency-dependent d response: Au309 (s model), the
/// whole spectrum with static and with dynamic d dipoles.
fn d_response(c: &mut Criterion) {
    let cpu = Engine::cpu();
    let b = broadening();
    let cluster = build(&Shape::Icosahedron { shells: 4 }, Element::Au, None).unwrap();
    let req = request("s");
    let mut g = c.benchmark_group("rpa_d_response");
    g.sample_size(10);
    for (name, d) in [
        ("static", DResponse::Static),
        ("dynamic", DResponse::Dynamic),
    ] {
        g.bench_function(format!("cpu/Au309 s/{name}"), |bench| {
            bench.iter(|| spectrum_with(&cluster, &req, &b, &cpu, d))
        });
    }
    g.finish();
}

criterion_group!(benches, rpa, d_response);
criterion_main!(benches);
