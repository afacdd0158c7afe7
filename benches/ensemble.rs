//! Alloy ensembles: configurations per second for 1000 configurations of a
//! 55-atom and 100 of a 147-atom s-band cluster, CPU (rayon within each
//! batched stage) against GPU (batched Jacobi eigensolver, batched dipole
//! and broadening kernels). Each iteration starts without a checkpoint.

#[path = "common.rs"]
mod common;

use clusterspec::engine::{BackendChoice, Reason};
use clusterspec::ensemble::{SweepRequest, run_configurations};
use clusterspec::{
    Broadening, Element, EnergyGrid, Engine, Filling, LineShape, Silent, TbRequest, TightBinding,
};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

fn request(shells: usize, configurations: usize) -> SweepRequest {
    SweepRequest {
        base: common::au(shells),
        dopant: Element::Ag,
        fractions: vec![0.5],
        configurations,
        seed: 1,
        tight_binding: TbRequest {
            model: TightBinding::builtin("s").unwrap(),
            charge: 0,
            ligands: 0,
            filling: Filling::Integer,
            scc: None,
        },
        response: None,
        broadening: Broadening::new(
            EnergyGrid::new(1.0, 6.0, 500).unwrap(),
            LineShape::Gaussian,
            0.1,
        )
        .unwrap(),
    }
}

fn ensembles(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("clusterspec-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let checkpoint = dir.join("bench.partial.jsonl");
    let bar = Silent;
    let gpu = common::gpu().map(|ctx| {
        Engine::with_gpu(
            ctx,
            Reason::Requested {
                choice: BackendChoice::Gpu,
            },
        )
    });
    let cpu = Engine::cpu();
    let mut g = c.benchmark_group("ensemble (elements = configurations)");
    g.sample_size(10);
    for (shells, count) in [(2, 1000), (3, 100)] {
        let req = request(shells, count);
        g.throughput(Throughput::Elements(count as u64));
        let label = format!(
            "{count} x Au{}Ag{}",
            req.base.len() - req.base.len() / 2,
            req.base.len() / 2
        );
        let mut engines: Vec<(&str, &Engine)> = vec![("cpu", &cpu)];
        if let Some(gpu) = &gpu {
            engines.push(("gpu", gpu));
        }
        for (name, engine) in engines {
            g.bench_function(format!("{name}/{label}"), |b| {
                b.iter_batched(
                    || {
                        let _ = std::fs::remove_file(&checkpoint);
                    },
                    |_| run_configurations(&req, engine, Some(&checkpoint), &bar).unwrap(),
                    BatchSize::PerIteration,
                )
            });
        }
    }
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, ensembles);
criterion_main!(benches);
