//! The quasi-static (dipole) limit of a layered sphere much smaller than
//! the wavelength (Bohren & Huffman, *Absorption and Scattering of Light by
//! Small Particles*, Wiley 1983, sec. 5.2 and eq. 5.36): the shells are
//! folded from the centre out into one effective ε, the polarisability
//! (relative to the medium ε_m) is α = 4πr³(ε − ε_m)/(ε + 2ε_m), and
//! C_abs = k Im α, C_sca = k⁴|α|²/6π, k the wavenumber in the medium.

use num_complex::Complex64;

use super::mie::Efficiencies;

/// The effective dielectric function of a sphere of radius `radii[l]`
/// whose inside is folded into one: each shell of ε_s around an inner
/// sphere of ε_c filling volume fraction f gives
/// ε_s [ε_c + 2ε_s + 2f(ε_c − ε_s)] / [ε_c + 2ε_s − f(ε_c − ε_s)].
pub fn folded_epsilon(radii: &[f64], eps: &[Complex64]) -> Complex64 {
    let mut inner = eps[0];
    for l in 1..radii.len() {
        let f = (radii[l - 1] / radii[l]).powi(3);
        let s = eps[l];
        inner = s * (inner + 2.0 * s + 2.0 * f * (inner - s)) / (inner + 2.0 * s - f * (inner - s));
    }
    inner
}

/// Efficiencies Q = C/(πr²) of the layered sphere (outer radii `radii`,
/// any length unit; `k` the wavenumber in the medium in its inverse) in a
/// medium of dielectric constant `eps_medium`.
pub fn efficiencies(radii: &[f64], eps: &[Complex64], eps_medium: f64, k: f64) -> Efficiencies {
    let r = radii[radii.len() - 1];
    let e = folded_epsilon(radii, eps);
    let alpha = 4.0 * std::f64::consts::PI * r.powi(3) * (e - eps_medium) / (e + 2.0 * eps_medium);
    let area = std::f64::consts::PI * r * r;
    let absorption = k * alpha.im / area;
    let scattering = k.powi(4) * alpha.norm_sqr() / (6.0 * std::f64::consts::PI) / area;
    Efficiencies {
        extinction: absorption + scattering,
        scattering,
        absorption,
    }
}
