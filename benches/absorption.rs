//! CPU stages of the absorption path. Throughput in the problem's units.

use std::hint::black_box;

use clusterspec::solve::eigen::diagonalise;
use clusterspec::solve::occupation::{Filling, occupations};
use clusterspec::solve::transitions::transitions;
use clusterspec::spectrum::broaden::broaden;
use clusterspec::structure::builders::{Shape, build};
use clusterspec::{Element, EnergyGrid, LineShape, TightBinding};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};

fn broadening(c: &mut Criterion) {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let n = 1_000_000;
    let mut e: Vec<f64> = (0..n).map(|_| rng.random_range(0.5..8.0)).collect();
    e.sort_by(f64::total_cmp);
    let w: Vec<f64> = (0..n).map(|_| rng.random_range(0.0..0.01)).collect();
    let grid = EnergyGrid::new(1.0, 6.0, 4000).unwrap();
    let mut g = c.benchmark_group("broaden_cpu");
    g.sample_size(10);
    g.throughput(Throughput::Elements((n * grid.points) as u64));
    for shape in [LineShape::Gaussian, LineShape::Lorentzian] {
        g.bench_function(
            format!("1e6 lines x 4000 points, {}, 0.1 eV", shape.name()),
            |b| b.iter(|| broaden(black_box(&e), &w, &grid, shape, 0.1).unwrap()),
        );
    }
    g.finish();
}

fn stages(c: &mut Criterion) {
    let mut g = c.benchmark_group("stages_cpu");
    g.sample_size(10);
    for (model, shells) in [("s", 4), ("spd", 2)] {
        let m = TightBinding::builtin(model).unwrap();
        let cluster = build(&Shape::Icosahedron { shells }, Element::Au, None).unwrap();
        let label = format!("Au{} {model}", cluster.len());
        let (h, layout) = m.hamiltonian(&cluster).unwrap();
        g.bench_function(format!("{label}: hamiltonian"), |b| {
            b.iter(|| m.hamiltonian(black_box(&cluster)).unwrap())
        });
        g.bench_function(format!("{label}: eigen"), |b| {
            b.iter(|| diagonalise(black_box(&h)).unwrap())
        });
        let orb = diagonalise(&h).unwrap();
        let occ = occupations(
            &orb.energies,
            m.neutral_valence(&cluster).unwrap(),
            Filling::Integer,
        )
        .unwrap();
        let pos: Vec<[f64; 3]> = layout
            .orbital_atom
            .iter()
            .map(|&a| cluster.atoms[a].position)
            .collect();
        g.bench_function(format!("{label}: transitions"), |b| {
            b.iter(|| transitions(black_box(&orb), &occ, &pos))
        });
    }
    g.finish();
}

criterion_group!(benches, broadening, stages);
criterion_main!(benches);
