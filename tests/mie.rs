//! Mie theory against scattnlay (reference values in
//! tests/data/mie/scattnlay.csv, made by tests/data/mie/generate.py) and
//! against its own limits.

use clusterspec::optics::mie::efficiencies;
use num_complex::Complex64;

struct Case {
    x: Vec<f64>,
    m: Vec<Complex64>,
    q: [f64; 3],
}

fn complex(text: &str) -> Complex64 {
    let body = text.trim_end_matches('j');
    let split = body
        .char_indices()
        .skip(1)
        .filter(|&(k, c)| (c == '+' || c == '-') && !body[..k].ends_with('e'))
        .map(|(k, _)| k)
        .last()
        .expect("a complex number a+bj");
    Complex64::new(
        body[..split].parse().unwrap(),
        body[split..].parse().unwrap(),
    )
}

fn cases() -> Vec<Case> {
    include_str!("data/mie/scattnlay.csv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("x,"))
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            Case {
                x: f[0].split(';').map(|v| v.parse().unwrap()).collect(),
                m: f[1].split(';').map(complex).collect(),
                q: [
                    f[2].parse().unwrap(),
                    f[3].parse().unwrap(),
                    f[4].parse().unwrap(),
                ],
            }
        })
        .collect()
}

#[test]
fn efficiencies_match_scattnlay_to_one_part_in_a_million() {
    let cases = cases();
    assert!(cases.len() >= 50, "{} reference cases", cases.len());
    for c in &cases {
        let q = efficiencies(&c.x, &c.m).unwrap();
        let ours = [q.extinction, q.scattering, q.absorption];
        for (k, name) in ["extinction", "scattering", "absorption"]
            .iter()
            .enumerate()
        {
            // Relative to Q_ext: a non-absorbing sphere's Q_abs is round-off.
            let error = (ours[k] - c.q[k]).abs() / c.q[0].abs();
            assert!(
                error < 1e-6,
                "x {:?}, m {:?}: Q_{name} {} against scattnlay {} ({error:e})",
                c.x,
                c.m,
                ours[k],
                c.q[k]
            );
        }
    }
}

fn c(re: f64, im: f64) -> Complex64 {
    Complex64::new(re, im)
}

#[test]
fn a_core_shell_of_one_material_is_the_homogeneous_sphere() {
    for (x, m) in [
        (0.8, c(0.3, 2.5)),
        (12.0, c(1.5, 0.02)),
        (70.0, c(0.1, 3.2)),
    ] {
        let whole = efficiencies(&[x], &[m]).unwrap();
        for core in [0.1, 0.5, 0.95] {
            let layered = efficiencies(&[core * x, x], &[m, m]).unwrap();
            let three = efficiencies(&[0.5 * core * x, core * x, x], &[m, m, m]).unwrap();
            for q in [layered, three] {
                let error = (q.extinction - whole.extinction).abs() / whole.extinction;
                assert!(error < 1e-10, "x {x}, core {core}: {error:e}");
                assert!((q.scattering - whole.scattering).abs() < 1e-10 * whole.extinction);
            }
        }
    }
}

#[test]
fn lossless_spheres_absorb_nothing_and_lossy_ones_absorb() {
    for x in [0.05, 1.0, 10.0, 100.0] {
        let q = efficiencies(&[x], &[c(1.5, 0.0)]).unwrap();
        assert!(q.absorption.abs() < 1e-10 * q.extinction, "x {x}: {q:?}");
        let q = efficiencies(&[0.6 * x, x], &[c(2.0, 0.0), c(1.2, 0.0)]).unwrap();
        assert!(
            q.absorption.abs() < 1e-10 * q.extinction,
            "layered x {x}: {q:?}"
        );
        let q = efficiencies(&[x], &[c(0.3, 2.0)]).unwrap();
        assert!(q.absorption > 0.0 && q.scattering > 0.0, "x {x}: {q:?}");
    }
}

#[test]
fn large_spheres_extinguish_twice_their_cross_section() {
    // The extinction paradox: Q_ext → 2 as x → ∞ (van de Hulst), approached
    // from above as 2 + 2x^{-2/3} edge terms (Nussenzveig & Wiscombe, PRL 45,
    // 1490 (1980): 1.9923 x^{-2/3} for transparent spheres; reflecting
    // metals have a larger coefficient).
    for m in [c(1.5, 0.5), c(0.2, 3.0)] {
        let mut previous = f64::INFINITY;
        for x in [150.0, 600.0, 2000.0] {
            let q = efficiencies(&[x], &[m]).unwrap();
            let excess = q.extinction - 2.0;
            assert!(
                excess > 0.0 && excess < 5.0 * x.powf(-2.0 / 3.0) && excess < previous,
                "{m}, x {x}: {q:?}"
            );
            previous = excess;
        }
    }
}

#[test]
fn small_spheres_follow_the_quasi_static_limit() {
    use clusterspec::optics::quasistatic;
    for (radii, eps) in [
        (vec![1.0], vec![c(-2.1, 0.3)]),
        (vec![1.0], vec![c(2.25, 0.0)]),
        (vec![0.6, 1.0], vec![c(-5.0, 0.8), c(2.0, 0.1)]),
        (
            vec![0.3, 0.7, 1.0],
            vec![c(3.0, 0.0), c(-2.5, 0.4), c(1.8, 0.0)],
        ),
    ] {
        for x in [1e-3, 1e-2] {
            let k = x / radii[radii.len() - 1];
            let qs = quasistatic::efficiencies(&radii, &eps, 1.0, k);
            let xs: Vec<f64> = radii.iter().map(|r| r * k).collect();
            let m: Vec<Complex64> = eps.iter().map(|e| e.sqrt()).collect();
            let mie = efficiencies(&xs, &m).unwrap();
            // Corrections are O(x²) relative.
            let bound = 10.0 * x * x;
            if qs.absorption > 0.0 {
                let error = (mie.absorption - qs.absorption).abs() / qs.absorption;
                assert!(error < bound, "{radii:?} x {x}: absorption {error:e}");
            }
            let error = (mie.scattering - qs.scattering).abs() / qs.scattering;
            assert!(error < bound, "{radii:?} x {x}: scattering {error:e}");
        }
    }
}
