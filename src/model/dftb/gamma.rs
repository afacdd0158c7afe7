//! The DFTB second-order kernel γ between charge fluctuations of shells
//! (Elstner et al., Phys. Rev. B 58, 7260 (1998)): two exponentially
//! decaying spherical densities of exponent τ = 16U/5 interact as
//! γ = 1/R − S(τ_a, τ_b, R); γ → U on one shell and → 1/R far apart. On
//! one atom with two shells of different U,
//! γ = ½[τ_aτ_b/(τ_a + τ_b) + (τ_aτ_b)²/(τ_a + τ_b)³].
//! Hartree atomic units.

use ndarray::Array2;

/// Distances below this (bohr) are the same site.
const SAME_SITE_BOHR: f64 = 1e-5;
/// Hubbard U closer than this (hartree) count as equal (the closed form
/// for different U divides by their difference).
const EQUAL_U: f64 = 0.3125e-5;

/// γ (hartree) between shells of Hubbard U `ua`, `ub` (hartree) at `r` bohr.
pub fn gamma(r: f64, ua: f64, ub: f64) -> f64 {
    let (ta, tb) = (3.2 * ua, 3.2 * ub);
    if r < SAME_SITE_BOHR {
        if (ua - ub).abs() < EQUAL_U {
            return 0.5 * (ua + ub);
        }
        let (p, s) = (ta * tb, ta + tb);
        return 0.5 * (p / s + p * p / (s * s * s));
    }
    let short = if (ua - ub).abs() < EQUAL_U {
        let t = 0.5 * (ta + tb);
        (-t * r).exp() * (1.0 / r + 0.6875 * t + 0.1875 * r * t * t + r * r * t * t * t / 48.0)
    } else {
        part(r, ta, tb) + part(r, tb, ta)
    };
    1.0 / r - short
}

/// One of the two terms of S for τ₁ ≠ τ₂.
fn part(r: f64, t1: f64, t2: f64) -> f64 {
    let d = t1 * t1 - t2 * t2;
    (-t1 * r).exp()
        * (0.5 * t2.powi(4) * t1 / (d * d)
            - (t2.powi(6) - 3.0 * t2.powi(4) * t1 * t1) / (r * d * d * d))
}

/// The shells of a cluster: the atom each belongs to, its l and its U.
#[derive(Clone, Debug, PartialEq)]
pub struct ShellList {
    pub atom: Vec<usize>,
    pub l: Vec<usize>,
    /// Hubbard U, hartree.
    pub hubbard: Vec<f64>,
    /// Neutral-atom occupation of each shell, electrons.
    pub reference: Vec<f64>,
}

impl ShellList {
    pub fn len(&self) -> usize {
        self.atom.len()
    }

    pub fn is_empty(&self) -> bool {
        self.atom.is_empty()
    }
}

/// γ between every pair of shells (hartree), positions in bohr.
pub fn shell_gamma(shells: &ShellList, positions_bohr: &[[f64; 3]]) -> Array2<f64> {
    let n = shells.len();
    Array2::from_shape_fn((n, n), |(a, b)| {
        let (pa, pb) = (
            positions_bohr[shells.atom[a]],
            positions_bohr[shells.atom[b]],
        );
        let r =
            ((pa[0] - pb[0]).powi(2) + (pa[1] - pb[1]).powi(2) + (pa[2] - pb[2]).powi(2)).sqrt();
        gamma(r, shells.hubbard[a], shells.hubbard[b])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gamma_has_its_limits_and_is_continuous() {
        // On one shell: U; far apart: 1/R.
        assert_eq!(gamma(0.0, 0.4, 0.4), 0.4);
        assert!((gamma(40.0, 0.4, 0.3) - 1.0 / 40.0).abs() < 1e-12);
        // Two shells of one atom with different U: between the two U, and
        // the limit of the equal-U value as they meet.
        let g = gamma(0.0, 0.36, 0.26);
        assert!(g > 0.26 && g < 0.36, "{g}");
        assert!((gamma(0.0, 0.3, 0.3 + 1e-6) - 0.3).abs() < 1e-6);
        // R → 0 joins the on-site value; different-U and equal-U forms
        // agree as the U approach each other.
        assert!((gamma(1e-4, 0.4, 0.4) - 0.4).abs() < 1e-6);
        assert!((gamma(2.5, 0.4, 0.4 + 1e-4) - gamma(2.5, 0.4, 0.4)).abs() < 1e-4);
        assert!((gamma(1e-3, 0.36, 0.26) - g).abs() < 1e-5);
        // Symmetric.
        assert_eq!(gamma(3.0, 0.3, 0.5), gamma(3.0, 0.5, 0.3));
    }
}
