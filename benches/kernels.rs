//! Each kernel alone, CPU twin against GPU kernel in one group, with
//! throughput in the problem's units: matrix elements for the Hamiltonian,
//! floating-point operations for the dipole GEMM, line × grid-point pairs
//! for broadening. The device is created once.

#[path = "common.rs"]
mod common;

use std::hint::black_box;

use clusterspec::gpu;
use clusterspec::solve::transitions::{donors_and_acceptors, transitions};
use clusterspec::spectrum::broaden::broaden;
use clusterspec::{EnergyGrid, LineShape, TightBinding};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn hamiltonian(c: &mut Criterion) {
    let ctx = common::gpu();
    let mut g = c.benchmark_group("hamiltonian");
    g.sample_size(10);
    for (model, shells) in common::SIZES {
        let m = TightBinding::builtin(model).unwrap();
        let cluster = common::au(shells);
        let n = m.layout(&cluster).unwrap().len();
        g.throughput(Throughput::Elements((n * n) as u64));
        let label = format!("Au{} {model}", cluster.len());
        g.bench_function(format!("cpu/{label}"), |b| {
            b.iter(|| m.hamiltonian(black_box(&cluster)).unwrap())
        });
        if let Some(ctx) = &ctx {
            let tc = m.two_centre(&cluster).unwrap();
            g.bench_function(format!("gpu/{label}"), |b| {
                b.iter(|| gpu::hamiltonian::hamiltonian(ctx, black_box(&tc)).unwrap())
            });
        }
    }
    g.finish();
}

fn dipoles(c: &mut Criterion) {
    let ctx = common::gpu();
    let mut g = c.benchmark_group("dipole_gemm (elements = flop)");
    g.sample_size(10);
    for (model, shells) in common::SIZES {
        let m = TightBinding::builtin(model).unwrap();
        let cluster = common::au(shells);
        let s = common::solve(&m, &cluster);
        let (occ, virt) = donors_and_acceptors(&s.occupations);
        let flops = 6 * s.positions.len() * occ.len() * virt.len();
        g.throughput(Throughput::Elements(flops as u64));
        let label = format!("Au{} {model}", cluster.len());
        g.bench_function(format!("cpu/{label}"), |b| {
            b.iter(|| transitions(black_box(&s.orbitals), &s.occupations, &s.positions))
        });
        if let Some(ctx) = &ctx {
            g.bench_function(format!("gpu/{label}"), |b| {
                b.iter(|| {
                    gpu::dipoles::transitions(
                        ctx,
                        black_box(&s.orbitals),
                        &s.occupations,
                        &s.positions,
                    )
                    .unwrap()
                })
            });
        }
    }
    g.finish();
}

fn broadening(c: &mut Criterion) {
    let ctx = common::gpu();
    let grid = EnergyGrid::new(1.0, 6.0, 4000).unwrap();
    let mut g = c.benchmark_group("broaden (elements = lines x points)");
    g.sample_size(10);
    for n in [100_000, 1_000_000] {
        let (e, w) = common::lines(n);
        g.throughput(Throughput::Elements((n * grid.points) as u64));
        for shape in [LineShape::Gaussian, LineShape::Lorentzian] {
            let label = format!("{n} lines x 4000 points, {}, 0.1 eV", shape.name());
            g.bench_function(format!("cpu/{label}"), |b| {
                b.iter(|| broaden(black_box(&e), &w, &grid, shape, 0.1).unwrap())
            });
            if let Some(ctx) = &ctx {
                g.bench_function(format!("gpu/{label}"), |b| {
                    b.iter(|| {
                        gpu::broaden::broaden(ctx, black_box(&e), &w, &grid, shape, 0.1).unwrap()
                    })
                });
            }
        }
    }
    g.finish();
}

criterion_group!(benches, hamiltonian, dipoles, broadening);
criterion_main!(benches);
