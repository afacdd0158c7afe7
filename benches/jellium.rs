//! Spherical jellium, Na_N for N = 20 … 1000: the self-consistent LDA
//! ground state, the whole TDLDA spectrum (particle–hole space, Casida
//! matrix, diagonalisation, broadening) on the CPU, and the Casida-matrix
//! kernel alone, CPU twin against GPU.

#[path = "common.rs"]
mod common;

use std::hint::black_box;

use clusterspec::Engine;
use clusterspec::gpu;
use clusterspec::jellium::casida::coupling_factors;
use clusterspec::jellium::pairs::particle_hole_space;
use clusterspec::jellium::poisson::DipoleGreen;
use clusterspec::jellium::{JelliumSpec, Material, ResponseOptions, ground_state, optics};
use clusterspec::solve::casida::casida_matrix;
use criterion::{Criterion, criterion_group, criterion_main};

const SIZES: [usize; 5] = [20, 58, 138, 338, 1000];

fn spec(n: usize) -> JelliumSpec {
    JelliumSpec::new(Material::element("Na").unwrap(), n)
}

fn scf_and_tdlda(c: &mut Criterion) {
    let mut g = c.benchmark_group("jellium Na_N");
    g.sample_size(10);
    let engine = Engine::cpu();
    let request = ResponseOptions::new();
    for n in SIZES {
        g.bench_function(format!("scf/Na{n}"), |b| {
            b.iter(|| ground_state(black_box(&spec(n))).unwrap())
        });
        let ground = ground_state(&spec(n)).unwrap();
        g.bench_function(format!("tdlda/Na{n}"), |b| {
            b.iter(|| optics(&engine, black_box(&ground), &request).unwrap())
        });
        g.bench_function(format!("scf+tdlda/Na{n}"), |b| {
            b.iter(|| {
                let ground = ground_state(black_box(&spec(n))).unwrap();
                optics(&engine, &ground, &request).unwrap()
            })
        });
    }
    g.finish();
}

fn casida_kernel(c: &mut Criterion) {
    let ctx = common::gpu();
    let mut g = c.benchmark_group("casida_matrix");
    g.sample_size(10);
    for n in SIZES {
        let ground = ground_state(&spec(n)).unwrap();
        let space = particle_hole_space(&ground, 0.5, DipoleGreen::vacuum()).unwrap();
        let factors = coupling_factors(&ground, &space);
        let label = format!("Na{n} ({} pairs)", space.len());
        g.bench_function(format!("cpu/{label}"), |b| {
            b.iter(|| casida_matrix(black_box(&factors), 1.0))
        });
        if let Some(ctx) = &ctx {
            g.bench_function(format!("gpu/{label}"), |b| {
                b.iter(|| gpu::casida::casida_matrix(ctx, black_box(&factors), 1.0).unwrap())
            });
        }
    }
    g.finish();
}

criterion_group!(benches, scf_and_tdlda, casida_kernel);
criterion_main!(benches);
