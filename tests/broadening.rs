//! Windowed broadening agrees with the direct sum over every line, for
//! every line shape, and conserves the total weight.

mod common;

use clusterspec::spectrum::broaden::{broaden, broaden_direct};
use clusterspec::{EnergyGrid, LineShape};
use common::max_abs_diff;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn lines(n: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut e: Vec<f64> = (0..n).map(|_| rng.random_range(0.5..9.0)).collect();
    e.sort_by(f64::total_cmp);
    let w = (0..n).map(|_| rng.random_range(0.0..1.0)).collect();
    (e, w)
}

#[test]
fn windowed_sum_equals_direct_sum() {
    let (e, w) = lines(3000, 1);
    let grid = EnergyGrid::new(1.0, 6.0, 700).unwrap();
    for shape in [
        LineShape::Gaussian,
        LineShape::Lorentzian,
        LineShape::PseudoVoigt { eta: 0.3 },
    ] {
        for fwhm in [0.03, 0.1, 0.4] {
            let fast = broaden(&e, &w, &grid, shape, fwhm).unwrap();
            let slow = broaden_direct(&e, &w, &grid, shape, fwhm);
            let peak = slow.iter().cloned().fold(0.0, f64::max);
            let worst = max_abs_diff(&fast, &slow);
            assert!(
                worst < 1e-7 * peak,
                "{shape:?} fwhm {fwhm}: {worst:e} of peak {peak}"
            );
        }
    }
}

#[test]
fn lorentzian_tails_from_far_lines_are_kept() {
    // All lines far below the grid: a hard window would give zero.
    let e = vec![0.1, 0.2, 0.3];
    let w = vec![1.0, 1.0, 1.0];
    let grid = EnergyGrid::new(5.0, 6.0, 11).unwrap();
    let fast = broaden(&e, &w, &grid, LineShape::Lorentzian, 0.1).unwrap();
    let slow = broaden_direct(&e, &w, &grid, LineShape::Lorentzian, 0.1);
    for (a, b) in fast.iter().zip(&slow) {
        assert!(*b > 0.0 && (a - b).abs() < 1e-6 * b, "{a} vs {b}");
    }
}

#[test]
fn area_equals_total_weight() {
    let (e, w) = lines(500, 2);
    let e: Vec<f64> = e.iter().map(|x| 3.0 + 0.2 * x).collect();
    let grid = EnergyGrid::new(1.0, 7.0, 6001).unwrap();
    let s = broaden(&e, &w, &grid, LineShape::Gaussian, 0.1).unwrap();
    let area: f64 = s.iter().sum::<f64>() * grid.step();
    let total: f64 = w.iter().sum();
    assert!((area - total).abs() < 1e-6 * total, "{area} vs {total}");
}

#[test]
fn bad_lines_are_rejected() {
    let grid = EnergyGrid::new(1.0, 2.0, 10).unwrap();
    assert!(broaden(&[2.0, 1.0], &[1.0, 1.0], &grid, LineShape::Gaussian, 0.1).is_err());
    assert!(broaden(&[1.0], &[1.0], &grid, LineShape::Gaussian, 0.0).is_err());
    assert!(broaden(&[f64::NAN], &[1.0], &grid, LineShape::Gaussian, 0.1).is_err());
}
