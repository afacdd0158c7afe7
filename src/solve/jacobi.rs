//! Cyclic Jacobi eigensolver in the parallel round-robin ordering, on the
//! CPU in f64: the twin of shaders/jacobi.wgsl (same pairs, same rotation
//! formula, same order of row and column updates). faer is faster for one
//! matrix; this twin exists to check the GPU kernel and documents it.

use ndarray::Array2;

use super::eigen::Orbitals;

/// The disjoint pairs (p < q) of round `round` for `n_pad` (even) indices;
/// pairs containing the dummy index `n` (odd n) are kept and skipped later.
pub fn round_pairs(round: usize, n_pad: usize) -> Vec<(usize, usize)> {
    let m = n_pad - 1;
    (0..n_pad / 2)
        .map(|k| {
            let (p, q) = if k == 0 {
                (m, round % m)
            } else {
                ((round + k) % m, (round + m - k) % m)
            };
            (p.min(q), p.max(q))
        })
        .collect()
}

/// (cos, sin) of the rotation that zeroes A_pq (Numerical Recipes §11.1).
pub fn rotation(app: f64, aqq: f64, apq: f64) -> (f64, f64) {
    if apq == 0.0 {
        return (1.0, 0.0);
    }
    let theta = (aqq - app) / (2.0 * apq);
    let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
    let t = if theta == 0.0 { 1.0 } else { t };
    let c = 1.0 / (t * t + 1.0).sqrt();
    (c, t * c)
}

/// Eigenpairs of the symmetric `h`, sweeps until the off-diagonal norm is
/// below `tol` times the Frobenius norm (at most 50 sweeps); sorted ascending.
pub fn jacobi_eigen(h: &Array2<f64>, tol: f64) -> Orbitals {
    let n = h.nrows();
    let mut a = h.clone();
    let mut v = Array2::<f64>::eye(n);
    let n_pad = n + n % 2;
    let total = a.iter().map(|x| x * x).sum::<f64>().sqrt();
    for _sweep in 0..50 {
        let off = (0..n)
            .flat_map(|i| (0..n).map(move |j| (i, j)))
            .filter(|(i, j)| i != j)
            .map(|(i, j)| a[[i, j]].powi(2))
            .sum::<f64>()
            .sqrt();
        if n < 2 || off <= tol * total {
            break;
        }
        for round in 0..n_pad.saturating_sub(1) {
            let pairs: Vec<(usize, usize)> = round_pairs(round, n_pad)
                .into_iter()
                .filter(|&(_, q)| q < n)
                .collect();
            let rots: Vec<(f64, f64)> = pairs
                .iter()
                .map(|&(p, q)| rotation(a[[p, p]], a[[q, q]], a[[p, q]]))
                .collect();
            for (&(p, q), &(c, s)) in pairs.iter().zip(&rots) {
                for j in 0..n {
                    let (ap, aq) = (a[[p, j]], a[[q, j]]);
                    a[[p, j]] = c * ap - s * aq;
                    a[[q, j]] = s * ap + c * aq;
                }
            }
            for (&(p, q), &(c, s)) in pairs.iter().zip(&rots) {
                for i in 0..n {
                    let (ap, aq) = (a[[i, p]], a[[i, q]]);
                    a[[i, p]] = c * ap - s * aq;
                    a[[i, q]] = s * ap + c * aq;
                    let (vp, vq) = (v[[i, p]], v[[i, q]]);
                    v[[i, p]] = c * vp - s * vq;
                    v[[i, q]] = s * vp + c * vq;
                }
            }
        }
    }
    sorted(&(0..n).map(|i| a[[i, i]]).collect::<Vec<_>>(), &v)
}

/// Orbitals from unsorted eigenvalues and their eigenvector columns.
pub fn sorted(values: &[f64], vectors: &Array2<f64>) -> Orbitals {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&x, &y| values[x].total_cmp(&values[y]));
    Orbitals {
        energies: order.iter().map(|&k| values[k]).collect(),
        coefficients: Array2::from_shape_fn(vectors.dim(), |(r, c)| vectors[[r, order[c]]]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_pair_every_index_once() {
        for n_pad in [2usize, 4, 8, 10] {
            let mut seen = std::collections::HashSet::new();
            for r in 0..n_pad - 1 {
                let pairs = round_pairs(r, n_pad);
                let mut used: Vec<usize> = pairs.iter().flat_map(|&(p, q)| [p, q]).collect();
                used.sort();
                assert_eq!(
                    used,
                    (0..n_pad).collect::<Vec<_>>(),
                    "round {r} not a perfect matching"
                );
                seen.extend(pairs);
            }
            assert_eq!(
                seen.len(),
                n_pad * (n_pad - 1) / 2,
                "a sweep must visit every pair once"
            );
        }
    }

    #[test]
    fn agrees_with_faer() {
        let n = 9;
        let h = Array2::from_shape_fn((n, n), |(i, j)| {
            ((i * 7 + j * 7 + i * j) % 11) as f64 - 5.0 + if i == j { i as f64 } else { 0.0 }
        });
        let h = (&h + &h.t()) * 0.5;
        let ours = jacobi_eigen(&h, 1e-14);
        let reference = crate::solve::eigen::diagonalise(&h).unwrap();
        for (a, b) in ours.energies.iter().zip(&reference.energies) {
            assert!((a - b).abs() < 1e-11, "{a} vs {b}");
        }
    }
}
