//! Inputs shared by the benchmarks: clusters, their eigenpairs, lines.
#![allow(dead_code)]

use clusterspec::Engine;
use clusterspec::engine::{BackendChoice, Reason};
use clusterspec::gpu::GpuContext;
use clusterspec::solve::eigen::{Orbitals, diagonalise};
use clusterspec::solve::occupation::{Filling, occupations};
use clusterspec::structure::Atom;
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

/// Au144S60C60H180: Au147 less three vertices, SCH3 on 60 top sites.
pub fn au144_sized() -> Cluster {
    let au = build(&Shape::Icosahedron { shells: 3 }, Element::Au, None).unwrap();
    let r = |p: &[f64; 3]| (p[0] * p[0] + p[1] * p[1] + p[2] * p[2]).sqrt();
    let mut metal: Vec<[f64; 3]> = au.positions();
    metal.sort_by(|a, b| r(b).total_cmp(&r(a)));
    // The 12 vertices are farthest out: drop three of them.
    let kept: Vec<[f64; 3]> = metal[3..].to_vec();
    // The outer shell of Au147 lies 7–8.3 Å out, the one below at 5.5 Å.
    let surface: Vec<[f64; 3]> = kept.iter().filter(|p| r(p) > 6.5).copied().collect();
    let mut atoms: Vec<Atom> = kept
        .iter()
        .map(|&position| Atom {
            element: Element::Au,
            position,
        })
        .collect();
    for p in surface.iter().step_by(surface.len() / 60).take(60) {
        let u = p.map(|x| x / r(p));
        let at = |d: f64| std::array::from_fn(|k| p[k] + u[k] * d);
        atoms.push(Atom {
            element: Element::S,
            position: at(2.3),
        });
        atoms.push(Atom {
            element: Element::C,
            position: at(2.3 + 1.82),
        });
        // Three H around the S–C axis, 109.5° from it.
        let e1 = {
            let t = if u[0].abs() < 0.9 {
                [1.0, 0.0, 0.0]
            } else {
                [0.0, 1.0, 0.0]
            };
            let d = t[0] * u[0] + t[1] * u[1] + t[2] * u[2];
            let v: [f64; 3] = std::array::from_fn(|k| t[k] - d * u[k]);
            let n = r(&v);
            v.map(|x| x / n)
        };
        let e2 = [
            u[1] * e1[2] - u[2] * e1[1],
            u[2] * e1[0] - u[0] * e1[2],
            u[0] * e1[1] - u[1] * e1[0],
        ];
        let c = at(2.3 + 1.82);
        for k in 0..3 {
            let phi = k as f64 * 2.0 * std::f64::consts::PI / 3.0;
            let (cz, sz) = (0.334, 0.943);
            atoms.push(Atom {
                element: Element::H,
                position: std::array::from_fn(|x| {
                    c[x] + 1.09 * (cz * u[x] + sz * (phi.cos() * e1[x] + phi.sin() * e2[x]))
                }),
            });
        }
    }
    Cluster {
        atoms,
        comment: "Au144(SCH3)60-sized model".into(),
    }
}
