//! Classical spectra (Mie theory, 601 wavelengths, 300–900 nm, in water):
//! a 20 nm Au sphere, a 10 nm Ag core with a 3 nm Au shell, and the
//! 41-size average of a log-normal distribution of 20 ± 4 nm Au spheres;
//! CPU engine against GPU engine (on lavapipe in CI: a software
//! rasteriser, not a GPU). Throughput in spectra per second; the same
//! cases through miepython and scattnlay: benches/mie_reference.py.

#[path = "common.rs"]
mod common;

use std::hint::black_box;

use clusterspec::Engine;
use clusterspec::classical::spectra;
use clusterspec::optics::particle::{ClassicalRequest, Distribution, Material, Particle};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn request(particle: Particle, distribution: Distribution) -> ClassicalRequest {
    ClassicalRequest {
        distribution,
        ..ClassicalRequest::in_water(particle)
    }
}

fn mie(c: &mut Criterion) {
    let gpu = common::gpu_engine();
    let cpu = Engine::cpu();
    let au = Material::parse("Au").unwrap();
    let ag = Material::parse("Ag").unwrap();
    let wavelengths: Vec<f64> = (0..601).map(|k| 300.0 + k as f64).collect();
    let cases = [
        (
            "homogeneous Au 20 nm",
            request(Particle::sphere(au, 20.0), Distribution::Single),
            1,
        ),
        (
            "core-shell Ag 10 nm @ Au 3 nm",
            request(
                Particle {
                    shells: vec![(au, 3.0)],
                    ..Particle::sphere(ag, 10.0)
                },
                Distribution::Single,
            ),
            1,
        ),
        (
            "log-normal Au 20 ± 4 nm (41 sizes)",
            request(
                Particle::sphere(au, 20.0),
                Distribution::LogNormal { sd_nm: 4.0 },
            ),
            41,
        ),
    ];
    let mut g = c.benchmark_group("mie_601_wavelengths");
    g.sample_size(10);
    for (label, req, sizes) in &cases {
        // One spectrum of 601 wavelengths per size.
        g.throughput(Throughput::Elements(*sizes));
        let batch = std::slice::from_ref(req);
        g.bench_function(format!("cpu/{label}"), |b| {
            b.iter(|| spectra(black_box(batch), &wavelengths, &cpu).unwrap())
        });
        if let Some(gpu) = &gpu {
            g.bench_function(format!("gpu/{label}"), |b| {
                b.iter(|| spectra(black_box(batch), &wavelengths, gpu).unwrap())
            });
        }
    }
    g.finish();
}

criterion_group!(benches, mie);
criterion_main!(benches);
