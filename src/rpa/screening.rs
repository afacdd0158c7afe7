//! Static d-electron screening: the dipoles of [`super::dipoles`] with
//! their static polarisability eliminated,
//!   p = D (E − Gᵀ δq),  D = (α⁻¹ − T)⁻¹,
//! leave the charges with a screened kernel and a screened perturbation,
//!   γ_eff = γ − G D Gᵀ,   V_eff = R + G D E,
//! and the polarisability gains the dipoles' own term Eᵀ D E (real, so it
//! adds no absorption). Units: charges in electrons, dipoles in e·Å, fields
//! in V/Å, energies in eV.

use ndarray::Array2;

use super::dipoles::{DipoleSystem, ScreeningReport, dipole_system};
use crate::error::{Error, Result};
use crate::model::tight_binding::TightBinding;
use crate::structure::{Cluster, centred};
use crate::units::COULOMB_EV_ANGSTROM;

/// The screening of one cluster.
#[derive(Clone, Debug)]
pub struct Screening {
    /// γ_eff, eV (atoms × atoms).
    pub gamma: Array2<f64>,
    /// V_eff per unit field along x, y, z: atoms × 3, e·Å.
    pub perturbation: Array2<f64>,
    /// Orientation-averaged static polarisability of the dipoles alone
    /// (their term Eᵀ D E), Å³.
    pub direct_polarisability: f64,
    pub report: ScreeningReport,
}

/// The screening of `cluster` by the dipoles of `model`'s elements, on top
/// of the charge kernel `gamma` (eV) with hardness `u` (eV) per atom.
pub fn screening(
    model: &TightBinding,
    cluster: &Cluster,
    gamma: &Array2<f64>,
    u: &[f64],
) -> Result<Screening> {
    let system = dipole_system(model, cluster, u)?;
    eliminate(system, cluster, gamma)
}

/// The static elimination of `system`'s dipoles.
fn eliminate(system: DipoleSystem, cluster: &Cluster, gamma: &Array2<f64>) -> Result<Screening> {
    let DipoleSystem {
        k_matrix,
        g,
        report,
        ..
    } = system;
    let n = cluster.len();
    let m = k_matrix.nrows() / 3;
    let e2 = COULOMB_EV_ANGSTROM;
    let pos = centred(&cluster.positions());
    // With K = α⁻¹ − T (Cholesky factors, no inverse formed):
    // γ_eff = γ − G K⁻¹ Gᵀ, and the dipoles' response to a unit field
    // along each axis is K⁻¹ E (E: 1 on that axis of every site).
    use faer::linalg::solvers::Solve;
    let k_factors = factor(&k_matrix)?;
    let g_mat = faer::Mat::<f64>::from_fn(n, 3 * m, |a, k| g[[a, k]]);
    let kg = k_factors.solve(g_mat.transpose());
    let gkg = &g_mat * &kg;
    let gamma_eff = gamma - &Array2::from_shape_fn((n, n), |(a, b)| gkg[(a, b)]);
    let unit_field = faer::Mat::<f64>::from_fn(3 * m, 3, |row, x| f64::from(row % 3 == x));
    let de_mat = k_factors.solve(unit_field);
    let de = Array2::from_shape_fn((3 * m, 3), |(row, x)| de_mat[(row, x)]);
    let mut perturbation = Array2::from_shape_fn((n, 3), |(a, x)| pos[a][x]);
    perturbation += &g.dot(&de);
    let direct: f64 = (0..3)
        .map(|x| (0..m).map(|k| de[[3 * k + x, x]]).sum::<f64>())
        .sum::<f64>()
        / 3.0
        * e2;
    Ok(Screening {
        gamma: gamma_eff,
        perturbation,
        direct_polarisability: direct,
        report,
    })
}

/// Cholesky factors of the symmetric positive-definite dipole matrix
/// α⁻¹ − T; a matrix that is not positive definite is a polarisation
/// catastrophe.
pub(super) fn factor(m: &Array2<f64>) -> Result<faer::linalg::solvers::Llt<f64>> {
    let n = m.nrows();
    let a = faer::Mat::<f64>::from_fn(n, n, |i, j| m[[i, j]]);
    a.llt(faer::Side::Lower).map_err(|_| Error::Model {
        model: "d-electron screening".into(),
        message: "the dipoles polarise each other without bound (α⁻¹ − T is not positive \
                  definite): atoms are too close for their polarisabilities"
            .into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Atoms without neighbours have no dipole share: with no polarisable
    /// site the screening leaves the kernel and the field's potential as
    /// they are (an empty Cholesky factor, not an error).
    #[test]
    fn no_polarisable_site_changes_nothing() {
        let model = TightBinding::builtin("s").unwrap();
        let atom = |x: f64| crate::structure::Atom {
            element: crate::structure::Element::Ag,
            position: [x, 0.0, 0.0],
        };
        let cluster = Cluster {
            atoms: vec![atom(0.0), atom(20.0)],
            comment: String::new(),
        };
        let gamma = ndarray::arr2(&[[6.0, 0.7], [0.7, 6.0]]);
        let s = screening(&model, &cluster, &gamma, &[6.0, 6.0]).unwrap();
        assert_eq!(s.report.polarisable_atoms, 0);
        assert_eq!(s.gamma, gamma);
        assert_eq!(s.perturbation[[1, 0]] - s.perturbation[[0, 0]], 20.0);
        assert_eq!(s.direct_polarisability, 0.0);
    }
}
