//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod cli;

use clusterspec::model::tight_binding::{Rotatory, SingleParticle, single_particle};
use clusterspec::{
    Broadening, Cluster, Element, EnergyGrid, Engine, Filling, LineShape, TbRequest, TightBinding,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A random, compact cluster of `n` atoms drawn from `elements`, no two
/// closer than 2.3 Å, seeded.
pub fn random_cluster(n: usize, elements: &[Element], seed: u64) -> Cluster {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let side = 2.9 * (n as f64).cbrt() + 1.0;
    let mut atoms: Vec<clusterspec::Atom> = Vec::new();
    while atoms.len() < n {
        let p = [0, 1, 2].map(|_| rng.random_range(0.0..side));
        if atoms.iter().all(|a| {
            let d2: f64 = (0..3).map(|k| (a.position[k] - p[k]).powi(2)).sum();
            d2 > 2.3 * 2.3
        }) {
            let element = elements[rng.random_range(0..elements.len())];
            atoms.push(clusterspec::Atom {
                element,
                position: p,
            });
        }
    }
    Cluster {
        atoms,
        comment: format!("random {n} seed {seed}"),
    }
}

/// A random rotation matrix from a seeded unit quaternion.
pub fn random_rotation(seed: u64) -> [[f64; 3]; 3] {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let q: [f64; 4] = [0, 1, 2, 3].map(|_| rng.random_range(-1.0..1.0));
    let n = q.iter().map(|x| x * x).sum::<f64>().sqrt();
    let [w, x, y, z] = q.map(|v| v / n);
    [
        [
            1.0 - 2.0 * (y * y + z * z),
            2.0 * (x * y - z * w),
            2.0 * (x * z + y * w),
        ],
        [
            2.0 * (x * y + z * w),
            1.0 - 2.0 * (x * x + z * z),
            2.0 * (y * z - x * w),
        ],
        [
            2.0 * (x * z - y * w),
            2.0 * (y * z + x * w),
            1.0 - 2.0 * (x * x + y * y),
        ],
    ]
}

/// A neutral cluster in the built-in `model`, integer filling.
pub fn request(model: &str) -> TbRequest {
    TbRequest {
        model: TightBinding::builtin(model).unwrap(),
        charge: 0,
        ligands: 0,
        filling: Filling::Integer,
        scc: None,
    }
}

/// A Gaussian of `fwhm` eV on 0.2..8 eV (600 points).
pub fn broadening(fwhm: f64) -> Broadening {
    Broadening::new(
        EnergyGrid::new(0.2, 8.0, 600).unwrap(),
        LineShape::Gaussian,
        fwhm,
    )
    .unwrap()
}

/// The single-particle spectrum of `c` in `model` on the CPU.
pub fn absorb(c: &Cluster, model: &str, fwhm: f64) -> SingleParticle {
    single_particle(
        c,
        &request(model),
        Rotatory::None,
        &broadening(fwhm),
        &Engine::cpu(),
    )
    .unwrap()
}

/// The same with every rotatory strength (circular dichroism).
pub fn circular_dichroism(c: &Cluster, model: &str, engine: &Engine) -> SingleParticle {
    single_particle(c, &request(model), Rotatory::All, &broadening(0.1), engine).unwrap()
}

/// Largest |a − b| over paired elements (slices, ndarray iterators, …).
pub fn max_abs_diff<'a>(
    a: impl IntoIterator<Item = &'a f64>,
    b: impl IntoIterator<Item = &'a f64>,
) -> f64 {
    a.into_iter()
        .zip(b)
        .fold(0.0f64, |m, (x, y)| m.max((x - y).abs()))
}

/// Largest |a − b| relative to the largest |a|.
pub fn relative_max_diff(a: &[f64], b: &[f64]) -> f64 {
    let peak = a.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    max_abs_diff(a, b) / peak
}

/// Eigenvalues grouped into (energy, multiplicity) with tolerance `tol` eV.
pub fn multiplicities(energies: &[f64], tol: f64) -> Vec<(f64, usize)> {
    let mut out: Vec<(f64, usize)> = Vec::new();
    for &e in energies {
        match out.last_mut() {
            Some((e0, m)) if (e - *e0).abs() < tol => *m += 1,
            _ => out.push((e, 1)),
        }
    }
    out
}

/// Asserts that `mirror` (the CD of the mirror image) has −R of `original`
/// for every transition, paired by (from, to), within `tol` of the largest |R|.
pub fn assert_mirror_reverses(original: &SingleParticle, mirror: &SingleParticle, tol: f64) {
    let scale = original
        .rotatory
        .iter()
        .map(|x| x.abs())
        .fold(0.0, f64::max);
    assert_eq!(original.rotatory.len(), mirror.rotatory.len());
    for (ta, ra) in original.excited.transitions.iter().zip(&original.rotatory) {
        let k = mirror
            .excited
            .transitions
            .iter()
            .position(|t| (t.from, t.to) == (ta.from, ta.to))
            .expect("the mirror image keeps every transition");
        assert!(
            (ra + mirror.rotatory[k]).abs() < tol * scale,
            "mirror: {ra} vs {}",
            mirror.rotatory[k]
        );
    }
}

/// The bare Hamiltonian of `c` in `model` diagonalised on the CPU: its
/// orbitals, layout and Fermi–Dirac occupations at `temperature` K.
pub fn plain_ground(
    c: &Cluster,
    model: &str,
    temperature: f64,
) -> (
    clusterspec::solve::eigen::Orbitals,
    clusterspec::model::tight_binding::OrbitalLayout,
    Vec<f64>,
) {
    let m = TightBinding::builtin(model).unwrap();
    let (h, layout) = m.hamiltonian(c).unwrap();
    let orb = clusterspec::solve::eigen::diagonalise(&h).unwrap();
    let occ = clusterspec::solve::occupation::occupations(
        &orb.energies,
        m.neutral_valence(c).unwrap(),
        Filling::FermiDirac { temperature },
    )
    .unwrap();
    (orb, layout, occ)
}
