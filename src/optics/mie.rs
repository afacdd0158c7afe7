//! Mie theory for a sphere of one or more concentric layers in a
//! non-absorbing medium: the scattering coefficients aₙ, bₙ and the
//! extinction, scattering and absorption efficiencies.
//!
//! Layered spheres follow Yang's recurrences (Appl. Opt. 42, 1710 (2003)),
//! in the form Peña & Pal use (Comput. Phys. Commun. 180, 2348 (2009)):
//! for each layer l (relative index mₗ, size parameter xₗ = k rₗ of its
//! outer radius, k the wavenumber in the medium) the logarithmic
//! derivatives D¹ₙ = ψₙ′/ψₙ (downward recurrence, stable for any complex
//! argument) and D³ₙ = ξₙ′/ξₙ (upward, from the product ψₙξₙ), and the
//! ratio Qₙ = ψₙ(z₂)ξₙ(z₁)/(ψₙ(z₁)ξₙ(z₂)) (z₁ = mₗxₗ, z₂ = mₗxₗ₋₁) written
//! so that no exponential overflows. A homogeneous sphere is one layer.
//! Conventions of Bohren & Huffman (*Absorption and Scattering of Light by
//! Small Particles*, Wiley 1983): ξₙ = ψₙ − iχₙ = x hₙ⁽¹⁾(x), time
//! dependence e^{−iωt}, absorbing materials have Im m > 0.

use num_complex::Complex64;

use crate::error::{Error, Result};

/// The efficiencies Q = C/(πr²) of a sphere of outer radius r.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Efficiencies {
    pub extinction: f64,
    pub scattering: f64,
    pub absorption: f64,
}

/// One sphere for a batch: its layers' size parameters (ascending) and
/// relative refractive indices, centre out.
#[derive(Clone, Debug, PartialEq)]
pub struct SphereCase {
    pub x: Vec<f64>,
    pub m: Vec<Complex64>,
}

impl SphereCase {
    /// Terms of its multipole series.
    pub fn terms(&self) -> usize {
        series_terms(&self.x, &self.m)
    }

    /// Checks the layers (sizes ascending and positive, Im m ≥ 0).
    pub fn check(&self) -> Result<()> {
        check(&self.x, &self.m)
    }

    /// Its efficiencies (the CPU twin of the GPU kernel).
    pub fn efficiencies(&self) -> Result<Efficiencies> {
        efficiencies(&self.x, &self.m)
    }
}

/// Terms of the multipole series for outer size parameter x: Wiscombe's
/// criterion x + 4.05 x^{1/3} + 2 (Appl. Opt. 19, 1505 (1980)).
pub fn terms(x: f64) -> usize {
    (x + 4.05 * x.cbrt() + 2.0).round() as usize
}

/// Terms for a sphere of layers `x`, `m`: Wiscombe's for one layer; for
/// several, Peña & Pal's max(Wiscombe, |m_L x_L|, |m_L x_{L−1}|) + 15,
/// since the outer layer's own oscillations must be resolved too.
fn series_terms(x: &[f64], m: &[Complex64]) -> usize {
    let outer = x[x.len() - 1];
    match x.len() {
        1 => terms(outer),
        l => {
            let ml = m[l - 1].norm();
            terms(outer)
                .max((ml * outer).ceil() as usize)
                .max((ml * x[l - 2]).ceil() as usize)
                + 15
        }
    }
}

/// D¹ₙ(z) for n = 0 … n_max, by downward recurrence from well above
/// max(n_max, |z|) (Bohren & Huffman's start: 15 terms beyond).
fn log_derivative(z: Complex64, n_max: usize) -> Vec<Complex64> {
    let start = n_max.max(z.norm().ceil() as usize) + 16;
    let mut d = Complex64::new(0.0, 0.0);
    let mut out = vec![Complex64::new(0.0, 0.0); n_max + 1];
    for n in (1..=start).rev() {
        let nz = n as f64 / z;
        if n <= n_max {
            out[n] = d;
        }
        d = nz - 1.0 / (d + nz);
    }
    out[0] = d;
    out
}

/// D³ₙ(z) for n = 0 … n_max from D¹ (ψₙξₙ upward; D³ = D¹ + i/(ψₙξₙ)),
/// and ψₙξₙ itself.
fn outgoing_log_derivative(z: Complex64, d1: &[Complex64]) -> (Vec<Complex64>, Vec<Complex64>) {
    let i = Complex64::new(0.0, 1.0);
    // ψ₀ξ₀ = (1 − e^{2iz})/2, bounded for Im z ≥ 0.
    let mut product = 0.5 * (1.0 - (2.0 * i * z).exp());
    let mut d3 = vec![i; d1.len()];
    let mut products = vec![product; d1.len()];
    for n in 1..d1.len() {
        let nz = n as f64 / z;
        // ψₙ/ψₙ₋₁ = 1/(D¹ₙ + n/z) (the downward recurrence read upward;
        // n/z − D¹ₙ₋₁ would cancel for small z), ξₙ/ξₙ₋₁ = n/z − D³ₙ₋₁.
        product *= (nz - d3[n - 1]) / (d1[n] + nz);
        products[n] = product;
        d3[n] = d1[n] + i / product;
    }
    (d3, products)
}

/// Qₙ = ψₙ(z₂)ξₙ(z₁)/(ψₙ(z₁)ξₙ(z₂)) for n = 0 … n_max (z₂ = z₁·ratio,
/// ratio = xₗ₋₁/xₗ < 1).
#[allow(clippy::too_many_arguments)]
fn layer_ratio(
    z1: Complex64,
    z2: Complex64,
    d1_z1: &[Complex64],
    d3_z1: &[Complex64],
    d1_z2: &[Complex64],
    d3_z2: &[Complex64],
    ratio: f64,
) -> Vec<Complex64> {
    let i = Complex64::new(0.0, 1.0);
    let (a1, b1) = (z1.re, z1.im);
    let (a2, b2) = (z2.re, z2.im);
    // (1 − e^{−2iz₂})/(1 − e^{−2iz₁}) with the large factors e^{2b} taken out.
    let numerator = Complex64::new((-2.0 * b2).exp(), 0.0) - (-2.0 * i * a2).exp();
    let denominator = Complex64::new((-2.0 * b1).exp(), 0.0) - (-2.0 * i * a1).exp();
    let mut q = numerator / denominator * (2.0 * (b2 - b1)).exp();
    let mut out = vec![q; d1_z1.len()];
    for n in 1..d1_z1.len() {
        let nf = n as f64;
        let up = (z1 * d1_z1[n] + nf) * (nf - z1 * d3_z1[n - 1]);
        let down = (z2 * d1_z2[n] + nf) * (nf - z2 * d3_z2[n - 1]);
        q *= ratio * ratio * up / down;
        out[n] = q;
    }
    out
}

/// The coefficients aₙ, bₙ (n = 1 … N) of a sphere whose layers, from the
/// centre out, have size parameters `x` (ascending, of their outer radii)
/// and refractive indices `m` relative to the medium.
pub fn coefficients(x: &[f64], m: &[Complex64]) -> Result<(Vec<Complex64>, Vec<Complex64>)> {
    check(x, m)?;
    let outer = *x.last().unwrap();
    let n_max = series_terms(x, m);
    let mut ha: Vec<Complex64> = Vec::new();
    let mut hb: Vec<Complex64> = Vec::new();
    for l in 0..x.len() {
        let z1 = m[l] * x[l];
        let d1_z1 = log_derivative(z1, n_max);
        if l == 0 {
            ha = d1_z1.clone();
            hb = d1_z1;
            continue;
        }
        let z2 = m[l] * x[l - 1];
        let d1_z2 = log_derivative(z2, n_max);
        let (d3_z1, _) = outgoing_log_derivative(z1, &d1_z1);
        let (d3_z2, _) = outgoing_log_derivative(z2, &d1_z2);
        let q = layer_ratio(z1, z2, &d1_z1, &d3_z1, &d1_z2, &d3_z2, x[l - 1] / x[l]);
        for n in 1..=n_max {
            let g1 = m[l] * ha[n] - m[l - 1] * d1_z2[n];
            let g2 = m[l] * ha[n] - m[l - 1] * d3_z2[n];
            ha[n] = (g2 * d1_z1[n] - q[n] * g1 * d3_z1[n]) / (g2 - q[n] * g1);
            let g1 = m[l - 1] * hb[n] - m[l] * d1_z2[n];
            let g2 = m[l - 1] * hb[n] - m[l] * d3_z2[n];
            hb[n] = (g2 * d1_z1[n] - q[n] * g1 * d3_z1[n]) / (g2 - q[n] * g1);
        }
    }
    // Riccati–Bessel functions of the real outer size parameter. ψ upward
    // while n ≤ x, where it oscillates and the recurrence is stable (and
    // exact to rounding in absolute terms, also at its zeros: a ratio chain
    // anchored at ψ₀ = sin x would carry sin x's rounding into every term
    // when x is a multiple of π); beyond x, where ψ decays, by the ratio
    // ψₙ = ψₙ₋₁/(D¹ₙ + n/x) from the downward recurrence (ψ has no zero
    // there: the first zero of ψₙ lies above n). χ upward (stable for χ).
    let d1_x = log_derivative(Complex64::new(outer, 0.0), n_max);
    let mut psi = vec![0.0; n_max + 1];
    let mut chi = vec![0.0; n_max + 1];
    psi[0] = outer.sin();
    chi[0] = outer.cos();
    let (psi_minus, chi_minus) = (outer.cos(), -outer.sin());
    for n in 1..=n_max {
        let nx = n as f64 / outer;
        let step = (2.0 * n as f64 - 1.0) / outer;
        psi[n] = if (n as f64) <= outer {
            let previous = if n == 1 { psi_minus } else { psi[n - 2] };
            step * psi[n - 1] - previous
        } else {
            psi[n - 1] / (d1_x[n].re + nx)
        };
        let previous = if n == 1 { chi_minus } else { chi[n - 2] };
        chi[n] = step * chi[n - 1] - previous;
    }
    let xi = |n: usize| Complex64::new(psi[n], -chi[n]);
    let m_out = *m.last().unwrap();
    let mut a = Vec::with_capacity(n_max);
    let mut b = Vec::with_capacity(n_max);
    for n in 1..=n_max {
        let nx = n as f64 / outer;
        let ta = ha[n] / m_out + nx;
        let tb = hb[n] * m_out + nx;
        a.push((ta * psi[n] - psi[n - 1]) / (ta * xi(n) - xi(n - 1)));
        b.push((tb * psi[n] - psi[n - 1]) / (tb * xi(n) - xi(n - 1)));
    }
    Ok((a, b))
}

/// Extinction, scattering and absorption efficiencies of the layered
/// sphere (see [`coefficients`]).
pub fn efficiencies(x: &[f64], m: &[Complex64]) -> Result<Efficiencies> {
    let (a, b) = coefficients(x, m)?;
    let outer = *x.last().unwrap();
    let mut ext = 0.0;
    let mut sca = 0.0;
    for (k, (a, b)) in a.iter().zip(&b).enumerate() {
        let w = 2.0 * (k + 1) as f64 + 1.0;
        ext += w * (a + b).re;
        sca += w * (a.norm_sqr() + b.norm_sqr());
    }
    let scale = 2.0 / (outer * outer);
    let (extinction, scattering) = (scale * ext, scale * sca);
    Ok(Efficiencies {
        extinction,
        scattering,
        absorption: extinction - scattering,
    })
}

fn check(x: &[f64], m: &[Complex64]) -> Result<()> {
    if x.is_empty() || x.len() != m.len() {
        return Err(Error::Invalid(format!(
            "Mie: {} size parameters for {} refractive indices (one per layer, at least one)",
            x.len(),
            m.len()
        )));
    }
    for (l, &v) in x.iter().enumerate() {
        if !(v.is_finite() && v > 0.0) || (l > 0 && v <= x[l - 1]) {
            return Err(Error::Invalid(format!(
                "Mie: size parameter {v} of layer {} must be finite, positive and larger than the layer inside it",
                l + 1
            )));
        }
    }
    for (l, v) in m.iter().enumerate() {
        if !(v.re.is_finite() && v.im.is_finite() && v.im >= 0.0) || v.norm() == 0.0 {
            return Err(Error::Invalid(format!(
                "Mie: refractive index {v} of layer {} must be finite, non-zero, with Im ≥ 0",
                l + 1
            )));
        }
    }
    Ok(())
}
