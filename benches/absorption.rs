//! The whole absorption path (Hamiltonian → eigenpairs → transitions →
//! broadening → sum rule), CPU engine against GPU engine, and the CPU split
//! into "eigendecomposition" and "everything after it".

#[path = "common.rs"]
mod common;

use std::hint::black_box;

use clusterspec::model::tight_binding::{Rotatory, single_particle};
use clusterspec::solve::eigen::diagonalise;
use clusterspec::solve::sum_rule::commutator_side;
use clusterspec::solve::transitions::transitions;
use clusterspec::spectrum::broaden::broaden;
use clusterspec::{Broadening, EnergyGrid, Engine, Filling, LineShape, TbRequest, TightBinding};
use criterion::{Criterion, criterion_group, criterion_main};

fn request(model: &str) -> TbRequest {
    TbRequest {
        model: TightBinding::builtin(model).unwrap(),
        charge: 0,
        ligands: 0,
        filling: Filling::Integer,
        scc: None,
    }
}

fn absorption(
    c: &clusterspec::Cluster,
    req: &TbRequest,
    b: &Broadening,
    engine: &Engine,
) -> clusterspec::model::tight_binding::SingleParticle {
    single_particle(c, req, Rotatory::None, b, engine).unwrap()
}

fn whole_path(c: &mut Criterion) {
    let gpu = common::gpu_engine();
    let broadening = Broadening::new(
        EnergyGrid::new(1.0, 6.0, 1000).unwrap(),
        LineShape::Gaussian,
        0.1,
    )
    .unwrap();

    let cpu = Engine::cpu();
    let mut g = c.benchmark_group("absorption");
    g.sample_size(10);
    for (model, shells) in common::SIZES {
        let cluster = common::au(shells);
        let req = request(model);
        let label = format!("Au{} {model}", cluster.len());
        g.bench_function(format!("cpu/{label}"), |b| {
            b.iter(|| absorption(black_box(&cluster), &req, &broadening, &cpu))
        });
        if let Some(gpu) = &gpu {
            g.bench_function(format!("gpu/{label}"), |b| {
                b.iter(|| absorption(black_box(&cluster), &req, &broadening, gpu))
            });
        }
    }
    g.finish();
}

/// Au309 spd (2781 orbitals) on the CPU: the eigendecomposition against
/// everything after it (transitions, broadening, sum-rule check).
fn after_eigen(c: &mut Criterion) {
    let m = TightBinding::builtin("spd").unwrap();
    let cluster = common::au(4);
    let (h, _) = m.hamiltonian(&cluster).unwrap();
    let s = common::solve(&m, &cluster);
    let grid = EnergyGrid::new(1.0, 6.0, 1000).unwrap();
    let mut g = c.benchmark_group("au309_spd_cpu");
    g.sample_size(10);
    g.bench_function("eigendecomposition", |b| {
        b.iter(|| diagonalise(black_box(&h)).unwrap())
    });
    g.bench_function("after_eigendecomposition", |b| {
        b.iter(|| {
            let t = transitions(&s.orbitals, &s.occupations, &s.positions);
            let e: Vec<f64> = t.iter().map(|t| t.energy).collect();
            let f: Vec<f64> = t.iter().map(|t| t.oscillator_strength).collect();
            let spectrum = broaden(&e, &f, &grid, LineShape::Gaussian, 0.1).unwrap();
            let rule = commutator_side(&h, &s.orbitals, &s.occupations, &s.positions);
            black_box((spectrum, rule))
        })
    });
    g.finish();
}

criterion_group!(benches, after_eigen, whole_path);
criterion_main!(benches);
