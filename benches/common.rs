//! Inputs shared by the benchmarks: clusters, their eigenpairs, lines.
#![allow(dead_code)]

use clusterspec::Engine;
use clusterspec::engine::{BackendChoice, Reason};
use clusterspec::gpu::GpuContext;
use clusterspec::solve::eigen::{Orbitals, diagonalise};
use clusterspec::solve::occupation::{Filling, occupations};
use clusterspec::structure::builders::{Shape, build};
use clusterspec::{Cluster, Element, TightBinding};
use rand::{Rng, SeedableRng};

/// (model, icosahedral shells): s-band 55 … 2057 atoms, spd 55 … 309 atoms.
pub const SIZES: [(&str, usize); 7] = [
    ("s", 2),
    ("s", 4),
    ("s", 6),
    ("s", 8),
    ("spd", 2),
    ("spd", 3),
    ("spd", 4),
];

/// A Mackay icosahedron of Au with `shells` shells.
pub fn au(shells: usize) -> Cluster {
    build(&Shape::Icosahedron { shells }, Element::Au, None).unwrap()
}

/// Everything the transition stage needs.
pub struct Solved {
    pub orbitals: Orbitals,
    pub occupations: Vec<f64>,
    pub positions: Vec<[f64; 3]>,
}

/// Eigenpairs, occupations and orbital positions of `c` in `model`.
pub fn solve(model: &TightBinding, c: &Cluster) -> Solved {
    let (h, layout) = model.hamiltonian(c).unwrap();
    let orbitals = diagonalise(&h).unwrap();
    let occupations = occupations(
        &orbitals.energies,
        model.neutral_valence(c).unwrap(),
        Filling::Integer,
    )
    .unwrap();
    let positions = layout.orbital_positions(c);
    Solved {
        orbitals,
        occupations,
        positions,
    }
}

/// `n` random lines on 0.5–8 eV, sorted, with small weights.
pub fn lines(n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let mut e: Vec<f64> = (0..n).map(|_| rng.random_range(0.5..8.0)).collect();
    e.sort_by(f64::total_cmp);
    let w = (0..n).map(|_| rng.random_range(0.0..0.01)).collect();
    (e, w)
}

/// The GPU, if there is one (benchmarks then skip their GPU half).
pub fn gpu() -> Option<GpuContext> {
    match GpuContext::first() {
        Ok(Some(ctx)) => {
            eprintln!("GPU benchmarks on {}", ctx.describe());
            Some(ctx)
        }
        _ => {
            eprintln!("no GPU adapter: GPU benchmarks skipped");
            None
        }
    }
}

/// An engine on the GPU, if there is one.
pub fn gpu_engine() -> Option<Engine> {
    gpu().map(|ctx| {
        Engine::with_gpu(
            ctx,
            Reason::Requested {
                choice: BackendChoice::Gpu,
            },
        )
    })
}
