//! DFTB and TD-DFTB: the whole absorption spectrum to 4 eV (every pair,
//! frequency route, Lorentzian FWHM 0.1 eV on 0.5–4 eV) of Au25(SCH3)18⁻,
//! and of a model of the size of Au144(SCH3)60 (444 atoms, 2256 orbitals):
//! an Au147 icosahedron less three vertices with 60 SCH3 on top sites of
//! its surface. That model has the real cluster's composition, orbital and
//! pair counts, so its cost, not its structure (Au144(SR)60 has staples).
//! Beside them, the ground state alone and the H/S build on CPU and GPU.
//! The Au144-sized model's ground state and spectrum take minutes on a
//! small machine, too long for criterion's ten samples: `cargo bench
//! --bench dftb_large` times them once.

use std::hint::black_box;

use clusterspec::model::dftb::ground::{elements, system};
use clusterspec::model::dftb::{DftbRequest, DftbSet, ground_state};
use clusterspec::rpa::Route;
use clusterspec::solve::sk_tables::hamiltonian_overlap;
use clusterspec::structure::Cluster;
use clusterspec::structure::thiolate::au25_thiolate;
use clusterspec::tddftb::TdDftbSpectrum;
use clusterspec::{Broadening, EnergyGrid, Engine, LineShape, Model, Silent, gpu};
use criterion::{Criterion, criterion_group, criterion_main};

mod common;

fn spectrum(cluster: &Cluster, request: &DftbRequest, engine: &Engine) {
    let b = Broadening::new(
        EnergyGrid::new(0.5, 4.0, 701).unwrap(),
        LineShape::Lorentzian,
        0.1,
    )
    .unwrap();
    let model = TdDftbSpectrum {
        cluster,
        source: String::new(),
        request,
        route: Route::Frequency { bin_width_ev: None },
    };
    black_box(model.compute(engine, &b, &Silent).unwrap());
}

fn dftb(c: &mut Criterion) {
    let cpu = Engine::cpu();
    let gpu_engine = common::gpu_engine();
    let ctx = common::gpu();
    let request = DftbRequest {
        charge: -1,
        ..DftbRequest::new(DftbSet::auorg())
    };
    let neutral = DftbRequest::new(DftbSet::auorg());
    let mut g = c.benchmark_group("dftb");
    g.sample_size(10);
    for (label, cluster, req) in [
        ("Au25(SCH3)18-", au25_thiolate(), &request),
        ("Au144(SCH3)60-sized", common::au144_sized(), &neutral),
    ] {
        let kinds = elements(&cluster);
        let loaded = DftbSet::auorg().load(&kinds).unwrap();
        let sys = system(&cluster, &loaded, &kinds).0;
        g.bench_function(format!("cpu/{label}/hamiltonian_overlap"), |b| {
            b.iter(|| hamiltonian_overlap(black_box(&sys)))
        });
        if let Some(ctx) = &ctx {
            g.bench_function(format!("gpu/{label}/hamiltonian_overlap"), |b| {
                b.iter(|| gpu::dftb_hamiltonian::hamiltonian_overlap(ctx, black_box(&sys)).unwrap())
            });
        }
        if label.starts_with("Au144") {
            // Ten samples of minutes each: timed once in benches/dftb_large.rs.
            continue;
        }
        g.bench_function(format!("cpu/{label}/ground_state"), |b| {
            b.iter(|| ground_state(&cluster, req, &cpu, &Silent).unwrap())
        });
        g.bench_function(format!("cpu/{label}/whole_tddftb_spectrum_to_4_ev"), |b| {
            b.iter(|| spectrum(&cluster, req, &cpu))
        });
        if let Some(gpu) = &gpu_engine {
            g.bench_function(format!("gpu/{label}/whole_tddftb_spectrum_to_4_ev"), |b| {
                b.iter(|| spectrum(&cluster, req, gpu))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, dftb);
criterion_main!(benches);
