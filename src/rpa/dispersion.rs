//! Frequency-dependent d screening: the dipoles of [`super::dipoles`] with
//! α_k(ω) = σ_k f(ω), σ_k the static polarisability of site k and f the
//! interband dispersion a(ω)/a_static, a = (ε_ib − 1)/(ε_ib + 2), from the
//! measured dielectric function less its Drude part
//! ([`crate::optics::material::Dielectric::interband_dispersion`]), so that
//! Im α carries the interband absorption (Au from about 2.4 eV, Cu from
//! about 2.1 eV).
//!
//! The charges φ (potential) and dipoles p of the coupled system solve a
//! complex symmetric block system (γ the charge kernel, G the
//! charge–dipole coupling, T the dipole–dipole field, V the field's
//! potential, E the field):
//!   [γ⁻¹ − χ⁰   −γ⁻¹G] [φ]   [γ⁻¹V            ]
//!   [−Gᵀγ⁻¹     −B   ] [p] = [−(E + Gᵀγ⁻¹V)  ],   B = α⁻¹ − T − Gᵀγ⁻¹G,
//! and ᾱ = −(e²/3) Σₓ rₓᵀ K⁻¹ rₓ up to a real constant. With
//! Σ = diag(σ) and Σ^{1/2}(T + Gᵀγ⁻¹G)Σ^{1/2} = Q Λ Qᵀ (once), B⁻¹ at every
//! frequency is Σ^{1/2} Q diag(1/(z − λ)) Qᵀ Σ^{1/2} with z = 1/f(ω), and
//! eliminating p leaves
//!   M(ω) = γ⁻¹ − χ⁰(ω) + W diag(d) Wᵀ,  W = γ⁻¹ G Σ^{1/2} Q,  d = 1/(z − λ),
//!   ũ = γ⁻¹V − W (d ∘ c),  c = Qᵀ Σ^{1/2} r₂,
//!   rᵀK⁻¹r = ũᵀ M⁻¹ ũ − cᵀ diag(d) c,
//! the last term being the dipoles' own response (Eᵀ D E with its
//! coupling to the charges). The modes' term in M enters the Dyson
//! equation as extra spectral nodes (the modes binned in λ the way χ⁰'s
//! pairs are binned in energy); ũ and the dipoles' own term are exact.
//!
//! **Several elements.** α_k(ω) = σ_k f̄(ω) with f̄ the σ-weighted mean of
//! the elements' f (a virtual-crystal dispersion): exact for one element,
//! an approximation for alloys and core–shell clusters (documented).

use faer::{Mat, Side, c64};
use ndarray::Array2;
use num_complex::Complex64;
use serde::Serialize;

use super::dipoles::DipoleSystem;
use crate::error::{Error, Result};
use crate::optics::material::{DataSet, Dielectric, Metal, metal};
use crate::solve::eigen::diagonalise_deterministic;
use crate::solve::spectral_weights::{accumulate, packed_len};
use crate::structure::{Cluster, Element, centred};
use crate::units::COULOMB_EV_ANGSTROM;

/// A mode joins a node when its λ lies within this fraction of its
/// distance to the nearest z(ω) (and to the static point z = 1).
pub const BIN_FRACTION: f64 = 0.01;

/// The dynamic screening of one cluster at given photon energies.
pub struct Dispersion {
    /// λ of every dipole mode, ascending.
    lambda: Vec<f64>,
    /// W (atoms × modes).
    w: Mat<f64>,
    /// c (modes × 3).
    c: Mat<f64>,
    /// γ⁻¹ V (atoms × 3).
    r1: Mat<f64>,
    /// z = 1/f at each photon energy.
    z: Vec<Complex64>,
    /// Node λ̄ of each bin of modes.
    pub node_lambda: Vec<f64>,
    /// Packed weights of the nodes, one lower triangle (order atoms) each.
    pub node_weights: Vec<f64>,
    pub report: DispersionReport,
}

/// What the dynamic screening used, for the JSON report.
#[derive(Clone, Debug, Serialize)]
pub struct DispersionReport {
    pub model: &'static str,
    pub optical_data: Vec<String>,
    pub modes: usize,
    pub mode_nodes: usize,
    pub lambda_range: (f64, f64),
    /// f(ω) = α(ω)/α_static at the first, middle and last photon energy.
    pub dispersion_samples: Vec<(f64, f64, f64)>,
    pub alloy_note: Option<String>,
}

/// The optical data of an element that carries a d dipole.
fn dielectric(el: Element) -> Result<Dielectric> {
    let m = match el {
        Element::Au => Metal::Au,
        Element::Ag => Metal::Ag,
        Element::Cu => Metal::Cu,
        other => {
            return Err(Error::Model {
                model: "d-electron screening".into(),
                message: format!(
                    "{other} has a d dipole but no measured dielectric function for its \
                     frequency dependence (Au, Ag and Cu have one); use the static d response"
                ),
            });
        }
    };
    metal(m, DataSet::JohnsonChristy)
}

/// a = (ε − 1)/(ε + 2).
fn clausius_mossotti(eps: Complex64) -> Complex64 {
    (eps - 1.0) / (eps + 2.0)
}

impl Dispersion {
    /// The dynamic screening of `cluster` (charge kernel `gamma`, eV) by
    /// the dipoles of `system`, whose static α used ε_ib = `static_eps`
    /// per element, at photon energies `omega` (eV).
    pub fn new(
        system: &DipoleSystem,
        cluster: &Cluster,
        gamma: &Array2<f64>,
        static_eps: &dyn Fn(Element) -> Option<f64>,
        omega: &[f64],
    ) -> Result<Self> {
        let (f, data, alloy_note) = interband_shape(system, static_eps, omega)?;
        let mut d = Self::with_shape(system, cluster, gamma, &f)?;
        d.report.optical_data = data;
        d.report.alloy_note = alloy_note;
        d.report.dispersion_samples = [0, omega.len() / 2, omega.len().saturating_sub(1)]
            .iter()
            .filter(|&&j| j < omega.len())
            .map(|&j| (omega[j], f[j].re, f[j].im))
            .collect();
        Ok(d)
    }

    /// The dynamic screening for a given dispersion `f` = α(ω)/α_static at
    /// each photon energy (f ≡ 1 is the static screening).
    pub fn with_shape(
        system: &DipoleSystem,
        cluster: &Cluster,
        gamma: &Array2<f64>,
        f: &[Complex64],
    ) -> Result<Self> {
        let e2 = COULOMB_EV_ANGSTROM;
        let n = cluster.len();
        let modes = system.k_matrix.nrows();
        // Σ^{1/2} per component: √(σ/e²), σ in Å³ → e·Å²/V.
        let sigma: Vec<f64> = system
            .sites
            .iter()
            .map(|&a| system.report.atom_polarisabilities[a] / e2)
            .collect();
        let root = |k: usize| sigma[k / 3].sqrt();
        let chol = Mat::<f64>::from_fn(n, n, |i, j| gamma[[i, j]])
            .llt(Side::Lower)
            .map_err(|e| {
                Error::Eigen(format!(
                    "the Coulomb kernel is not positive definite: {e:?}"
                ))
            })?;
        use faer::linalg::solvers::Solve;
        let g = Mat::<f64>::from_fn(n, modes, |a, k| system.g[[a, k]]);
        let y = chol.solve(&g); // γ⁻¹ G
        let gy = product(&g.transpose().to_owned(), &y); // Gᵀ γ⁻¹ G
        // Σ^{1/2} C Σ^{1/2} with C = T + Gᵀγ⁻¹G and T = α_static⁻¹ − K.
        let c_hat = Mat::<f64>::from_fn(modes, modes, |i, j| {
            let identity = if i == j { 1.0 } else { 0.0 };
            identity + root(i) * (gy[(i, j)] - system.k_matrix[[i, j]]) * root(j)
        });
        let (lambda, q) = diagonalise_deterministic(c_hat.as_ref())?;
        let sq = Mat::<f64>::from_fn(modes, modes, |i, k| root(i) * q[(i, k)]);
        let w = product(&y, &sq);
        let pos = centred(&cluster.positions());
        let v = Mat::<f64>::from_fn(n, 3, |a, x| pos[a][x]);
        let r1 = chol.solve(&v);
        let gr1 = product(&g.transpose().to_owned(), &r1);
        let r2 = Mat::<f64>::from_fn(modes, 3, |k, x| -(f64::from(k % 3 == x) + gr1[(k, x)]));
        let c = product(&sq.transpose().to_owned(), &r2);
        let z: Vec<Complex64> = f.iter().map(|f| 1.0 / f).collect();
        let (node_lambda, ranges, scale) = bins(&lambda, &z);
        let wa = Array2::from_shape_fn((n, modes), |(a, k)| w[(a, k)]);
        let node_weights = accumulate(&wa, &scale, &ranges);
        debug_assert_eq!(node_weights.len(), node_lambda.len() * packed_len(n));
        let report = DispersionReport {
            model: "alpha_k(omega) = sigma_k f(omega), f = a(omega)/a_static, a = (eps_ib - 1)/(eps_ib + 2); dipole modes binned in lambda as spectral nodes",
            optical_data: Vec::new(),
            modes,
            mode_nodes: node_lambda.len(),
            lambda_range: (
                lambda.first().copied().unwrap_or(0.0),
                lambda.last().copied().unwrap_or(0.0),
            ),
            dispersion_samples: Vec::new(),
            alloy_note: None,
        };
        Ok(Dispersion {
            lambda,
            w,
            c,
            r1,
            z,
            node_lambda,
            node_weights,
            report,
        })
    }

    /// The coefficient of mode node `node` in χ⁰ at photon energy `j`:
    /// −1/(z − λ̄) (the modes' term enters M = γ⁻¹ − χ⁰ with a plus sign).
    pub fn node_coefficient(&self, j: usize, node: usize) -> Complex64 {
        -1.0 / (self.z[j] - self.node_lambda[node])
    }

    /// ũ (atoms × 3) and the dipoles' own term Σₓ cₓᵀ diag(d) cₓ at photon
    /// energy `j`.
    pub fn terms(&self, j: usize) -> (Mat<c64>, c64) {
        let z = self.z[j];
        let modes = self.lambda.len();
        let mut own = Complex64::new(0.0, 0.0);
        let mut dc_re = Mat::<f64>::zeros(modes, 3);
        let mut dc_im = Mat::<f64>::zeros(modes, 3);
        for (k, &l) in self.lambda.iter().enumerate() {
            let dk = 1.0 / (z - l);
            for x in 0..3 {
                let ck = self.c[(k, x)];
                own += dk * ck * ck;
                dc_re[(k, x)] = dk.re * ck;
                dc_im[(k, x)] = dk.im * ck;
            }
        }
        let (wr, wi) = (product(&self.w, &dc_re), product(&self.w, &dc_im));
        let rhs = Mat::<c64>::from_fn(self.r1.nrows(), 3, |a, x| {
            c64::new(self.r1[(a, x)] - wr[(a, x)], -wi[(a, x)])
        });
        (rhs, c64::new(own.re, own.im))
    }
}

/// f(ω) = α(ω)/α_static at `omega` (eV): the σ-weighted mean over the
/// sites' elements of a(ω)/a_static, with the optical data used and, for
/// several elements, a note on the virtual-crystal approximation.
fn interband_shape(
    system: &DipoleSystem,
    static_eps: &dyn Fn(Element) -> Option<f64>,
    omega: &[f64],
) -> Result<(Vec<Complex64>, Vec<String>, Option<String>)> {
    let mut elements: Vec<(Element, f64)> = Vec::new();
    for (&el, &a) in system.site_elements.iter().zip(&system.sites) {
        let sigma = system.report.atom_polarisabilities[a];
        match elements.iter_mut().find(|(e, _)| *e == el) {
            Some((_, s)) => *s += sigma,
            None => elements.push((el, sigma)),
        }
    }
    let total: f64 = elements.iter().map(|e| e.1).sum();
    let mut data = Vec::new();
    let mut f = vec![Complex64::new(0.0, 0.0); omega.len()];
    for &(el, s) in &elements {
        let d = dielectric(el)?;
        let eps0 = static_eps(el).ok_or_else(|| Error::Model {
            model: "d-electron screening".into(),
            message: format!("{el} has no static interband dielectric constant"),
        })?;
        let (_, hi) = d.table.range();
        let a0 = clausius_mossotti(Complex64::new(eps0, 0.0));
        for (fj, &e) in f.iter_mut().zip(omega) {
            if e > hi {
                return Err(Error::setting(
                    "range",
                    format!("{e} eV"),
                    format!(
                        "beyond the measured dielectric function of {el} ({hi:.2} eV) that the \
                         frequency-dependent d response needs; lower the top of the range or use \
                         the static d response"
                    ),
                ));
            }
            *fj += clausius_mossotti(d.interband_dispersion(e)?) / a0 * (s / total);
        }
        data.push(format!(
            "{el}: {}, less its Drude part (fit {:.2}–{:.2} eV, ε_b {:.3}); static ε_ib {eps0}",
            d.table.name, d.drude.window_ev.0, d.drude.window_ev.1, d.drude.epsilon_background
        ));
    }
    let note = (elements.len() > 1).then(|| {
        "several elements: one sigma-weighted mean dispersion f for every site (virtual crystal)"
            .to_string()
    });
    Ok((f, data, note))
}

/// A · B on one thread: the same sums in the same order whatever the
/// thread count (faer may split a thin product's inner dimension between
/// threads, which changes the last digits).
fn product(a: &Mat<f64>, b: &Mat<f64>) -> Mat<f64> {
    let mut out = Mat::<f64>::zeros(a.nrows(), b.ncols());
    faer::linalg::matmul::matmul(
        out.as_mut(),
        faer::Accum::Replace,
        a.as_ref(),
        b.as_ref(),
        1.0,
        faer::Par::Seq,
    );
    out
}

/// The modes (λ ascending) binned into nodes: node positions, each node's
/// range of modes, and each mode's weight (1 − λ̄)/(1 − λ), which keeps the
/// static limit z = 1 exact. A mode joins the open bin while its λ lies
/// within [`BIN_FRACTION`] of its distance to the nearest z (z = 1
/// included) from the bin's first λ.
fn bins(lambda: &[f64], z: &[Complex64]) -> (Vec<f64>, Vec<(usize, usize)>, Vec<f64>) {
    let distance = |l: f64| {
        z.iter()
            .map(|z| (z - l).norm())
            .fold((1.0 - l).abs(), f64::min)
    };
    let mut ranges = Vec::new();
    let mut start = 0;
    while start < lambda.len() {
        let mut reach = BIN_FRACTION * distance(lambda[start]);
        let mut end = start + 1;
        while end < lambda.len() && lambda[end] - lambda[start] <= reach {
            reach = reach.min(BIN_FRACTION * distance(lambda[end]));
            if lambda[end] - lambda[start] > reach {
                break;
            }
            end += 1;
        }
        ranges.push((start, end));
        start = end;
    }
    let mut centres = Vec::with_capacity(ranges.len());
    let mut scale = vec![0.0; lambda.len()];
    for &(s, e) in &ranges {
        let centre = lambda[s..e].iter().sum::<f64>() / (e - s) as f64;
        for k in s..e {
            scale[k] = (1.0 - centre) / (1.0 - lambda[k]);
        }
        centres.push(centre);
    }
    (centres, ranges, scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tight_binding::TightBinding;
    use crate::model::tight_binding::coulomb::{hardness, klopman_ohno};
    use crate::rpa::dipoles::dipole_system;
    use crate::rpa::screening::screening;
    use crate::solve::spectral_weights::packed_index;
    use crate::structure::builders::{Shape, build};

    fn inverse(m: &Array2<f64>) -> Array2<f64> {
        use faer::linalg::solvers::Solve;
        let n = m.nrows();
        let a = Mat::<f64>::from_fn(n, n, |i, j| m[[i, j]]);
        let inv = a.partial_piv_lu().solve(Mat::<f64>::identity(n, n));
        Array2::from_shape_fn((n, n), |(i, j)| inv[(i, j)])
    }

    /// With f ≡ 1 the modes give back the static elimination exactly:
    /// γ⁻¹ + Σ_j P_j/(1 − λ̄_j) = γ_eff⁻¹, ũ = γ_eff⁻¹ V_eff, and the
    /// dipoles' own term is real (no absorption).
    #[test]
    fn a_constant_dispersion_is_the_static_screening() {
        let model = TightBinding::builtin("s").unwrap();
        let c = build(&Shape::Icosahedron { shells: 2 }, Element::Au, None).unwrap();
        let u = hardness(&model, &c).unwrap();
        let gamma = klopman_ohno(&c.positions(), &u);
        let system = dipole_system(&model, &c, &u).unwrap();
        let d = Dispersion::with_shape(&system, &c, &gamma, &[Complex64::new(1.0, 0.0)]).unwrap();
        assert!(d.node_lambda.len() < d.lambda.len(), "modes are binned");
        let stat = screening(&model, &c, &gamma, &u).unwrap();
        let want = inverse(&stat.gamma);
        let mut got = inverse(&gamma);
        let len = packed_len(c.len());
        for (k, &l) in d.node_lambda.iter().enumerate() {
            let node = &d.node_weights[k * len..(k + 1) * len];
            for a in 0..c.len() {
                for b in 0..=a {
                    let v = node[packed_index(a, b)] / (1.0 - l);
                    got[[a, b]] += v;
                    if a != b {
                        got[[b, a]] += v;
                    }
                }
            }
        }
        let scale = want.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        let worst = (&got - &want).iter().fold(0.0f64, |m, x| m.max(x.abs()));
        assert!(worst < 1e-10 * scale, "M differs by {worst:e} of {scale:e}");
        let (rhs, own) = d.terms(0);
        let u_static = want.dot(&stat.perturbation);
        for a in 0..c.len() {
            for x in 0..3 {
                let (r, s) = (rhs[(a, x)], u_static[[a, x]]);
                assert!((r.re - s).abs() < 1e-9 * s.abs().max(1.0) && r.im == 0.0);
            }
        }
        assert_eq!(own.im, 0.0);
    }

    /// Isolated dipoles absorb as Im α(ω) = σ Im f(ω) ≥ 0: the own term of
    /// one atom's dipole, with nothing else to couple to.
    #[test]
    fn the_dipoles_own_term_is_their_polarisability() {
        let model = TightBinding::builtin("s").unwrap();
        let atom = |x: f64| crate::structure::Atom {
            element: Element::Au,
            position: [x, 0.0, 0.0],
        };
        // Two Au atoms at the bulk bond length: each has one neighbour.
        let c = Cluster {
            atoms: vec![atom(0.0), atom(2.884)],
            comment: String::new(),
        };
        let u = hardness(&model, &c).unwrap();
        let gamma = klopman_ohno(&c.positions(), &u);
        let system = dipole_system(&model, &c, &u).unwrap();
        let f = Complex64::new(1.2, 0.4);
        let d = Dispersion::with_shape(&system, &c, &gamma, &[f]).unwrap();
        let (_, own) = d.terms(0);
        // −(e²/3)·Im(−own) is the dipoles' part of Im ᾱ: positive for Im f > 0.
        assert!(own.im > 0.0, "{own:?}");
        let d1 = Dispersion::with_shape(&system, &c, &gamma, &[Complex64::new(1.2, 0.0)]).unwrap();
        assert_eq!(d1.terms(0).1.im, 0.0, "a real α absorbs nothing");
    }

    #[test]
    fn bins_keep_modes_close_to_their_node_relative_to_every_z() {
        let lambda: Vec<f64> = (0..200).map(|k| -2.0 + 0.0149 * k as f64).collect();
        let z = [Complex64::new(0.9, -0.01), Complex64::new(0.5, -0.3)];
        let (nodes, ranges, scale) = bins(&lambda, &z);
        assert!(nodes.len() > 5 && nodes.len() < lambda.len());
        for (&(s, e), &centre) in ranges.iter().zip(&nodes) {
            for k in s..e {
                let dist = z
                    .iter()
                    .map(|z| (z - lambda[k]).norm())
                    .fold((1.0 - lambda[k]).abs(), f64::min);
                assert!((lambda[k] - centre).abs() <= BIN_FRACTION * dist + 1e-12);
                assert!(scale[k] > 0.0);
            }
        }
    }
}
