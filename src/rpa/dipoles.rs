//! The d-electron dipoles of a cluster (the charge–dipole model of
//! Jensen's discrete interaction model): every metal atom carries a point
//! dipole p_B = α_B E_loc with the Clausius–Mossotti polarisability of the
//! bulk interband dielectric constant ε_ib,
//!   α_B = s_B (3V/4π)(ε_ib − 1)/(ε_ib + 2),  V = a³/4 (fcc volume per atom),
//! which gives back ε_ib for a cubic lattice of such dipoles (s = 1 in the
//! bulk). A surface atom keeps the share s_B = (CN_B/12)^p of its
//! polarisable volume, p = ln 2 / ln(4/3) = 2.41 so that an atom of a flat
//! (111) facet (CN 9) keeps half: the outermost atomic plane cuts its
//! Wigner–Seitz sphere in two, and the d electrons do not polarise the
//! half outside (the atomistic form of the unscreened surface layer of
//! Liebsch's two-region model, PRL 71, 145 (1993), which the jellium d
//! background also uses). Neighbours count within 1.2 bulk bond lengths.
//! Charges and dipoles are Gaussians (dipoles of width
//! R = (√(2/π) α/3)^{1/3}, Mayer; charges of the width whose self-energy is
//! the hardness U), which damps their interactions at short range. Here:
//! the static polarisabilities, the dipole–dipole matrix α⁻¹ − T and the
//! charge–dipole coupling G; `screening` eliminates the dipoles with a
//! static α, `dispersion` with α(ω). Units: charges in electrons, dipoles
//! in e·Å, fields in V/Å, energies in eV.

use ndarray::Array2;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::tight_binding::TightBinding;
use crate::structure::{Cluster, Element, centred};
use crate::units::COULOMB_EV_ANGSTROM;

/// The polarisable sites of one cluster and their couplings.
#[derive(Clone, Debug)]
pub struct DipoleSystem {
    /// The atom carrying each polarisable site.
    pub sites: Vec<usize>,
    /// The element of each site.
    pub site_elements: Vec<Element>,
    /// α⁻¹ − T for the static α, V/Å per e·Å (3m × 3m, site by site, x y z).
    pub k_matrix: Array2<f64>,
    /// G: potential energy (eV) of an electron on each atom per dipole
    /// (e·Å) at each site (atoms × 3m).
    pub g: Array2<f64>,
    pub report: ScreeningReport,
}

/// What went into the screening, for the JSON report.
#[derive(Clone, Debug, Serialize)]
pub struct ScreeningReport {
    /// Per element: ε_ib, the bulk α (Å³) and the bulk dipole width (Å).
    pub elements: Vec<DipoleParameters>,
    pub polarisable_atoms: usize,
    /// The polarisability of every atom after its surface share, Å³ (0 for
    /// atoms without a dipole).
    pub atom_polarisabilities: Vec<f64>,
    pub surface_exponent: f64,
}

/// The dipole of one element.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DipoleParameters {
    pub element: String,
    pub interband_epsilon: f64,
    pub polarisability_angstrom3: f64,
    pub width_angstrom: f64,
    pub source: String,
}

/// The dipole parameters of an element, or `None` when the parameter set
/// gives it no interband dielectric constant.
fn dipole(model: &TightBinding, el: crate::structure::Element) -> Result<Option<DipoleParameters>> {
    let p = model.params.element(el)?;
    let Some(eps) = p.interband_epsilon else {
        return Ok(None);
    };
    let d = el.bulk_nearest_neighbour().ok_or_else(|| Error::Model {
        model: model.params.name.clone(),
        message: format!("{el} has an interband dielectric constant but no bulk fcc volume"),
    })?;
    let volume = (2f64.sqrt() * d).powi(3) / 4.0;
    let alpha = 3.0 * volume / (4.0 * std::f64::consts::PI) * (eps - 1.0) / (eps + 2.0);
    Ok(Some(DipoleParameters {
        element: el.to_string(),
        interband_epsilon: eps,
        polarisability_angstrom3: alpha,
        width_angstrom: ((2.0 / std::f64::consts::PI).sqrt() * alpha / 3.0).cbrt(),
        source: p.interband_source.clone().unwrap_or_default(),
    }))
}

/// The exponent p of the surface share (CN/12)^p: ln 2 / ln(4/3), half for CN 9.
pub fn surface_exponent() -> f64 {
    2f64.ln() / (4.0f64 / 3.0).ln()
}

/// Coordination number of every atom: neighbours within 1.2 bulk bond
/// lengths of its element (atoms without a bulk bond length count none).
fn coordination(cluster: &Cluster) -> Vec<usize> {
    let mut cn = vec![0usize; cluster.len()];
    let longest = cluster
        .atoms
        .iter()
        .filter_map(|a| a.element.bulk_nearest_neighbour())
        .fold(0.0, f64::max);
    for p in crate::structure::neighbours::pairs_within(&cluster.positions(), 1.2 * longest) {
        for (a, b) in [(p.i, p.j), (p.j, p.i)] {
            if let Some(d) = cluster.atoms[a].element.bulk_nearest_neighbour()
                && p.distance < 1.2 * d
                && cluster.atoms[b].element.bulk_nearest_neighbour().is_some()
            {
                cn[a] += 1;
            }
        }
    }
    cn
}

/// erf, to 1.2e-7 (Numerical Recipes' erfc Chebyshev fit).
fn erf(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let tau = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 { 1.0 - tau } else { tau - 1.0 }
}

/// f(r) = erf(r/R)/r and its first two radial derivatives.
fn smeared(r: f64, width: f64) -> (f64, f64, f64) {
    let x = r / width;
    let g = 2.0 / std::f64::consts::PI.sqrt() * (-x * x).exp() / width;
    let f = erf(x) / r;
    let d1 = (g - f) / r;
    let d2 = -2.0 * d1 / r - 2.0 * g / (width * width);
    (f, d1, d2)
}

/// The dipoles of `model`'s elements on `cluster`, whose charges have the
/// hardness `u` (eV) per atom.
pub fn dipole_system(model: &TightBinding, cluster: &Cluster, u: &[f64]) -> Result<DipoleSystem> {
    let n = cluster.len();
    let e2 = COULOMB_EV_ANGSTROM;
    let mut kinds: Vec<DipoleParameters> = Vec::new();
    let mut params: Vec<Option<DipoleParameters>> = Vec::with_capacity(n);
    for a in &cluster.atoms {
        let d = dipole(model, a.element)?;
        if let Some(d) = &d
            && !kinds.iter().any(|k| k.element == d.element)
        {
            kinds.push(d.clone());
        }
        params.push(d);
    }
    let cn = coordination(cluster);
    let exponent = surface_exponent();
    for (a, p) in params.iter_mut().enumerate() {
        if let Some(p) = p {
            let share = (cn[a] as f64 / 12.0).min(1.0).powf(exponent);
            p.polarisability_angstrom3 *= share;
            p.width_angstrom =
                ((2.0 / std::f64::consts::PI).sqrt() * p.polarisability_angstrom3 / 3.0).cbrt();
        }
    }
    let sites: Vec<usize> = (0..n)
        .filter(|&a| {
            params[a]
                .as_ref()
                .is_some_and(|p| p.polarisability_angstrom3 > 0.0)
        })
        .collect();
    let m = sites.len();
    let site_elements: Vec<Element> = sites.iter().map(|&a| cluster.atoms[a].element).collect();
    let pos = centred(&cluster.positions());
    let charge_width = |a: usize| e2 * (2.0 / std::f64::consts::PI).sqrt() / u[a];
    let dip = |k: usize| params[sites[k]].as_ref().expect("a polarisable site");
    // α⁻¹ − T in units of V/Å per e·Å (T: field per dipole; α in e·Å²/V).
    let mut k_matrix = Array2::<f64>::zeros((3 * m, 3 * m));
    for i in 0..m {
        let alpha = dip(i).polarisability_angstrom3 / e2;
        for x in 0..3 {
            k_matrix[[3 * i + x, 3 * i + x]] = 1.0 / alpha;
        }
        for j in 0..i {
            let r: [f64; 3] = std::array::from_fn(|x| pos[sites[i]][x] - pos[sites[j]][x]);
            let dist = (r[0] * r[0] + r[1] * r[1] + r[2] * r[2]).sqrt();
            let width = (dip(i).width_angstrom.powi(2) + dip(j).width_angstrom.powi(2)).sqrt();
            let (_, d1, d2) = smeared(dist, width);
            for x in 0..3 {
                for y in 0..3 {
                    let rr = r[x] * r[y] / (dist * dist);
                    let delta = if x == y { 1.0 } else { 0.0 };
                    // T = e² ∇∇ f: field at i of a dipole at j.
                    let t = e2 * (d2 * rr + d1 / dist * (delta - rr));
                    k_matrix[[3 * i + x, 3 * j + y]] = -t;
                    k_matrix[[3 * j + y, 3 * i + x]] = -t;
                }
            }
        }
    }
    // G: potential energy (eV) of an electron on atom A per dipole (e·Å) at site k.
    let mut g = Array2::<f64>::zeros((n, 3 * m));
    for a in 0..n {
        for (k, &b) in sites.iter().enumerate() {
            if a == b {
                continue;
            }
            let r: [f64; 3] = std::array::from_fn(|x| pos[a][x] - pos[b][x]);
            let dist = (r[0] * r[0] + r[1] * r[1] + r[2] * r[2]).sqrt();
            let width = (charge_width(a).powi(2) + dip(k).width_angstrom.powi(2)).sqrt();
            let (_, d1, _) = smeared(dist, width);
            for x in 0..3 {
                g[[a, 3 * k + x]] = e2 * r[x] / dist * d1;
            }
        }
    }
    Ok(DipoleSystem {
        sites,
        site_elements,
        k_matrix,
        g,
        report: ScreeningReport {
            elements: kinds,
            polarisable_atoms: m,
            atom_polarisabilities: params
                .iter()
                .map(|p| p.as_ref().map_or(0.0, |p| p.polarisability_angstrom3))
                .collect(),
            surface_exponent: exponent,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erf_and_the_smeared_potential_have_their_limits() {
        for (x, want) in [
            (0.0, 0.0),
            (0.5, 0.520_499_877_8),
            (1.0, 0.842_700_792_9),
            (2.0, 0.995_322_265),
        ] {
            assert!((erf(x) - want).abs() < 2e-7, "erf({x})");
            assert!((erf(-x) + want).abs() < 2e-7);
        }
        // Far away: the bare 1/r and its derivatives.
        let (f, d1, d2) = smeared(20.0, 1.0);
        assert!((f - 0.05).abs() < 1e-9 && (d1 + 1.0 / 400.0).abs() < 1e-9);
        assert!((d2 - 2.0 / 8000.0).abs() < 1e-9);
        // d1 is the derivative of f.
        let h = 1e-5;
        let (fp, _, _) = smeared(1.3 + h, 0.8);
        let (fm, _, _) = smeared(1.3 - h, 0.8);
        assert!(((fp - fm) / (2.0 * h) - smeared(1.3, 0.8).1).abs() < 1e-6);
    }
}
