//! Slater–Koster two-centre hopping blocks for s, p and d orbitals
//! (Slater & Koster, Phys. Rev. 94, 1498 (1954), table I).
//!
//! Orbital order on every atom: s, px, py, pz, dxy, dyz, dzx, dx²−y², d3z²−r²
//! (indices 0..9). `block(l, m, n, v)[α][β]` is ⟨α on atom i| H |β on atom j⟩
//! for the unit vector (l, m, n) from i to j and bond integrals `v` (eV).

use bond::*;

/// The ten two-centre bond integrals, in this order everywhere (files,
/// arrays, GPU buffers).
pub const BOND_NAMES: [&str; 10] = [
    "ss_sigma", "sp_sigma", "pp_sigma", "pp_pi", "sd_sigma", "pd_sigma", "pd_pi", "dd_sigma",
    "dd_pi", "dd_delta",
];

/// Index of each bond integral in a [`BondIntegrals`] array.
pub mod bond {
    pub const SS_SIGMA: usize = 0;
    pub const SP_SIGMA: usize = 1;
    pub const PP_SIGMA: usize = 2;
    pub const PP_PI: usize = 3;
    pub const SD_SIGMA: usize = 4;
    pub const PD_SIGMA: usize = 5;
    pub const PD_PI: usize = 6;
    pub const DD_SIGMA: usize = 7;
    pub const DD_PI: usize = 8;
    pub const DD_DELTA: usize = 9;
}

/// Two-centre integrals (eV), indexed by [`bond`].
pub type BondIntegrals = [f64; 10];

/// Orbitals per atom in the full spd basis.
pub const SPD: usize = 9;

/// Angular momentum of each orbital index.
pub const ORBITAL_L: [u32; SPD] = [0, 1, 1, 1, 2, 2, 2, 2, 2];

/// Names of the orbitals, for files and plots.
pub const ORBITAL_NAMES: [&str; SPD] =
    ["s", "px", "py", "pz", "dxy", "dyz", "dzx", "dx2-y2", "dz2"];

/// The 9×9 hopping block for direction cosines `dir` = (l, m, n).
pub fn block(dir: [f64; 3], v: &BondIntegrals) -> [[f64; SPD]; SPD] {
    let [l, m, n] = dir;
    let s3 = 3f64.sqrt();
    let mut e = [[0.0; SPD]; SPD];
    let (ss, sp) = (v[SS_SIGMA], v[SP_SIGMA]);
    let (pps, ppp) = (v[PP_SIGMA], v[PP_PI]);
    let sd = v[SD_SIGMA];
    let (pds, pdp) = (v[PD_SIGMA], v[PD_PI]);
    let (dds, ddp, ddd) = (v[DD_SIGMA], v[DD_PI], v[DD_DELTA]);
    let c = [l, m, n];

    // s-s, s-p, p-p
    e[0][0] = ss;
    for a in 0..3 {
        e[0][1 + a] = c[a] * sp;
        for b in 0..3 {
            let delta = if a == b { 1.0 } else { 0.0 };
            e[1 + a][1 + b] = c[a] * c[b] * (pps - ppp) + delta * ppp;
        }
    }

    // s-d
    let (l2, m2, n2) = (l * l, m * m, n * n);
    let lm2 = l2 - m2; // l² − m²
    let z2 = n2 - 0.5 * (l2 + m2); // n² − ½(l² + m²)
    e[0][4] = s3 * l * m * sd;
    e[0][5] = s3 * m * n * sd;
    e[0][6] = s3 * n * l * sd;
    e[0][7] = 0.5 * s3 * lm2 * sd;
    e[0][8] = z2 * sd;

    // p-d: rows px, py, pz; t2g columns xy, yz, zx
    let lmn = l * m * n;
    e[1][4] = s3 * l2 * m * pds + m * (1.0 - 2.0 * l2) * pdp;
    e[1][5] = s3 * lmn * pds - 2.0 * lmn * pdp;
    e[1][6] = s3 * l2 * n * pds + n * (1.0 - 2.0 * l2) * pdp;
    e[2][4] = s3 * m2 * l * pds + l * (1.0 - 2.0 * m2) * pdp;
    e[2][5] = s3 * m2 * n * pds + n * (1.0 - 2.0 * m2) * pdp;
    e[2][6] = s3 * lmn * pds - 2.0 * lmn * pdp;
    e[3][4] = s3 * lmn * pds - 2.0 * lmn * pdp;
    e[3][5] = s3 * n2 * m * pds + m * (1.0 - 2.0 * n2) * pdp;
    e[3][6] = s3 * n2 * l * pds + l * (1.0 - 2.0 * n2) * pdp;
    // p-d: e_g columns x²−y², 3z²−r²
    e[1][7] = 0.5 * s3 * l * lm2 * pds + l * (1.0 - lm2) * pdp;
    e[2][7] = 0.5 * s3 * m * lm2 * pds - m * (1.0 + lm2) * pdp;
    e[3][7] = 0.5 * s3 * n * lm2 * pds - n * lm2 * pdp;
    e[1][8] = l * z2 * pds - s3 * l * n2 * pdp;
    e[2][8] = m * z2 * pds - s3 * m * n2 * pdp;
    e[3][8] = n * z2 * pds + s3 * n * (l2 + m2) * pdp;

    // d-d: t2g-t2g
    e[4][4] = 3.0 * l2 * m2 * dds + (l2 + m2 - 4.0 * l2 * m2) * ddp + (n2 + l2 * m2) * ddd;
    e[5][5] = 3.0 * m2 * n2 * dds + (m2 + n2 - 4.0 * m2 * n2) * ddp + (l2 + m2 * n2) * ddd;
    e[6][6] = 3.0 * n2 * l2 * dds + (n2 + l2 - 4.0 * n2 * l2) * ddp + (m2 + n2 * l2) * ddd;
    e[4][5] = 3.0 * l * m2 * n * dds + l * n * (1.0 - 4.0 * m2) * ddp + l * n * (m2 - 1.0) * ddd;
    e[5][6] = 3.0 * m * n2 * l * dds + m * l * (1.0 - 4.0 * n2) * ddp + m * l * (n2 - 1.0) * ddd;
    e[4][6] = 3.0 * l2 * m * n * dds + m * n * (1.0 - 4.0 * l2) * ddp + m * n * (l2 - 1.0) * ddd;
    // d-d: t2g-e_g
    e[4][7] = 1.5 * l * m * lm2 * dds - 2.0 * l * m * lm2 * ddp + 0.5 * l * m * lm2 * ddd;
    e[5][7] =
        1.5 * m * n * lm2 * dds - m * n * (1.0 + 2.0 * lm2) * ddp + m * n * (1.0 + 0.5 * lm2) * ddd;
    e[6][7] =
        1.5 * n * l * lm2 * dds + n * l * (1.0 - 2.0 * lm2) * ddp - n * l * (1.0 - 0.5 * lm2) * ddd;
    e[4][8] =
        s3 * l * m * z2 * dds - 2.0 * s3 * lmn * n * ddp + 0.5 * s3 * l * m * (1.0 + n2) * ddd;
    e[5][8] = s3 * m * n * z2 * dds + s3 * m * n * (l2 + m2 - n2) * ddp
        - 0.5 * s3 * m * n * (l2 + m2) * ddd;
    e[6][8] = s3 * l * n * z2 * dds + s3 * l * n * (l2 + m2 - n2) * ddp
        - 0.5 * s3 * l * n * (l2 + m2) * ddd;
    // d-d: e_g-e_g
    e[7][7] = 0.75 * lm2 * lm2 * dds + (l2 + m2 - lm2 * lm2) * ddp + (n2 + 0.25 * lm2 * lm2) * ddd;
    e[7][8] =
        0.5 * s3 * lm2 * z2 * dds + s3 * n2 * (m2 - l2) * ddp + 0.25 * s3 * (1.0 + n2) * lm2 * ddd;
    e[8][8] = z2 * z2 * dds + 3.0 * n2 * (l2 + m2) * ddp + 0.75 * (l2 + m2) * (l2 + m2) * ddd;

    // Lower triangle: E_βα(R) = (−1)^(l_α + l_β) E_αβ(R).
    for a in 0..SPD {
        for b in 0..a {
            let sign = if (ORBITAL_L[a] + ORBITAL_L[b]).is_multiple_of(2) {
                1.0
            } else {
                -1.0
            };
            e[a][b] = sign * e[b][a];
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bond_along_z_is_diagonal_in_m() {
        let v = [1., 2., 3., 4., 5., 6., 7., 8., 9., 10.];
        let e = block([0.0, 0.0, 1.0], &v);
        assert_eq!(e[0][0], v[SS_SIGMA]);
        assert_eq!(e[0][3], v[SP_SIGMA]);
        assert_eq!(e[3][0], -v[SP_SIGMA]);
        assert_eq!(e[3][3], v[PP_SIGMA]);
        assert_eq!(e[1][1], v[PP_PI]);
        assert_eq!(e[0][8], v[SD_SIGMA]);
        assert_eq!(e[3][8], v[PD_SIGMA]);
        assert_eq!(e[1][6], v[PD_PI]);
        assert_eq!(e[8][8], v[DD_SIGMA]);
        assert_eq!(e[5][5], v[DD_PI]);
        assert_eq!(e[6][6], v[DD_PI]);
        assert_eq!(e[4][4], v[DD_DELTA]);
        assert_eq!(e[7][7], v[DD_DELTA]);
    }

    #[test]
    fn reversed_bond_gives_the_transpose() {
        // ⟨α_i|H|β_j⟩ along R equals ⟨β_j|H|α_i⟩ = block(−R)[β][α].
        let v = [-1.3, 1.7, 2.9, -0.8, -0.5, -0.9, 0.4, -0.7, 0.35, -0.06];
        let dir = [0.3f64, -0.5, 0.8];
        let norm = dir.iter().map(|x| x * x).sum::<f64>().sqrt();
        let dir = dir.map(|x| x / norm);
        let e = block(dir, &v);
        let r = block(dir.map(|x| -x), &v);
        for a in 0..SPD {
            for b in 0..SPD {
                assert!((e[a][b] - r[b][a]).abs() < 1e-14);
            }
        }
    }
}
