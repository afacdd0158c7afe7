// Slater–Koster two-centre blocks for s, p and d orbitals (Slater &
// Koster, Phys. Rev. 94, 1498 (1954), table I), shared by the
// tight-binding and DFTB Hamiltonian kernels (the host prepends this file).
// Orbital order s, px, py, pz, dxy, dyz, dzx, dx2-y2, dz2; `v` holds ssσ spσ
// ppσ ppπ sdσ pdσ pdπ ddσ ddπ ddδ; `c` is the unit vector from the first
// atom to the second. CPU twin: src/solve/slater_koster.rs.

fn orbital_l(k: u32) -> u32 {
    if (k == 0u) { return 0u; }
    if (k < 4u) { return 1u; }
    return 2u;
}

fn sk_block(c: vec3<f32>, v: array<f32, 10>) -> array<f32, 81> {
    let l = c.x; let m = c.y; let nn = c.z;
    let s3 = sqrt(3.0);
    var e: array<f32, 81>;
    let ss = v[0]; let sp = v[1]; let pps = v[2]; let ppp = v[3]; let sd = v[4];
    let pds = v[5]; let pdp = v[6]; let dds = v[7]; let ddp = v[8]; let ddd = v[9];
    // s-s, s-p, p-p
    e[0] = ss;
    for (var a = 0u; a < 3u; a++) {
        e[1u + a] = c[a] * sp;
        for (var b = 0u; b < 3u; b++) {
            var delta = 0.0;
            if (a == b) { delta = 1.0; }
            e[(1u + a) * 9u + 1u + b] = c[a] * c[b] * (pps - ppp) + delta * ppp;
        }
    }
    let l2 = l * l; let m2 = m * m; let n2 = nn * nn;
    let lm2 = l2 - m2;
    let z2 = n2 - 0.5 * (l2 + m2);
    let lmn = l * m * nn;
    // s-d
    e[4] = s3 * l * m * sd;
    e[5] = s3 * m * nn * sd;
    e[6] = s3 * nn * l * sd;
    e[7] = 0.5 * s3 * lm2 * sd;
    e[8] = z2 * sd;
    // p-d, t2g columns
    e[1 * 9 + 4] = s3 * l2 * m * pds + m * (1.0 - 2.0 * l2) * pdp;
    e[1 * 9 + 5] = s3 * lmn * pds - 2.0 * lmn * pdp;
    e[1 * 9 + 6] = s3 * l2 * nn * pds + nn * (1.0 - 2.0 * l2) * pdp;
    e[2 * 9 + 4] = s3 * m2 * l * pds + l * (1.0 - 2.0 * m2) * pdp;
    e[2 * 9 + 5] = s3 * m2 * nn * pds + nn * (1.0 - 2.0 * m2) * pdp;
    e[2 * 9 + 6] = s3 * lmn * pds - 2.0 * lmn * pdp;
    e[3 * 9 + 4] = s3 * lmn * pds - 2.0 * lmn * pdp;
    e[3 * 9 + 5] = s3 * n2 * m * pds + m * (1.0 - 2.0 * n2) * pdp;
    e[3 * 9 + 6] = s3 * n2 * l * pds + l * (1.0 - 2.0 * n2) * pdp;
    // p-d, e_g columns
    e[1 * 9 + 7] = 0.5 * s3 * l * lm2 * pds + l * (1.0 - lm2) * pdp;
    e[2 * 9 + 7] = 0.5 * s3 * m * lm2 * pds - m * (1.0 + lm2) * pdp;
    e[3 * 9 + 7] = 0.5 * s3 * nn * lm2 * pds - nn * lm2 * pdp;
    e[1 * 9 + 8] = l * z2 * pds - s3 * l * n2 * pdp;
    e[2 * 9 + 8] = m * z2 * pds - s3 * m * n2 * pdp;
    e[3 * 9 + 8] = nn * z2 * pds + s3 * nn * (l2 + m2) * pdp;
    // d-d, t2g-t2g
    e[4 * 9 + 4] = 3.0 * l2 * m2 * dds + (l2 + m2 - 4.0 * l2 * m2) * ddp + (n2 + l2 * m2) * ddd;
    e[5 * 9 + 5] = 3.0 * m2 * n2 * dds + (m2 + n2 - 4.0 * m2 * n2) * ddp + (l2 + m2 * n2) * ddd;
    e[6 * 9 + 6] = 3.0 * n2 * l2 * dds + (n2 + l2 - 4.0 * n2 * l2) * ddp + (m2 + n2 * l2) * ddd;
    e[4 * 9 + 5] = 3.0 * l * m2 * nn * dds + l * nn * (1.0 - 4.0 * m2) * ddp + l * nn * (m2 - 1.0) * ddd;
    e[5 * 9 + 6] = 3.0 * m * n2 * l * dds + m * l * (1.0 - 4.0 * n2) * ddp + m * l * (n2 - 1.0) * ddd;
    e[4 * 9 + 6] = 3.0 * l2 * m * nn * dds + m * nn * (1.0 - 4.0 * l2) * ddp + m * nn * (l2 - 1.0) * ddd;
    // d-d, t2g-e_g
    e[4 * 9 + 7] = 1.5 * l * m * lm2 * dds - 2.0 * l * m * lm2 * ddp + 0.5 * l * m * lm2 * ddd;
    e[5 * 9 + 7] = 1.5 * m * nn * lm2 * dds - m * nn * (1.0 + 2.0 * lm2) * ddp + m * nn * (1.0 + 0.5 * lm2) * ddd;
    e[6 * 9 + 7] = 1.5 * nn * l * lm2 * dds + nn * l * (1.0 - 2.0 * lm2) * ddp - nn * l * (1.0 - 0.5 * lm2) * ddd;
    e[4 * 9 + 8] = s3 * l * m * z2 * dds - 2.0 * s3 * lmn * nn * ddp + 0.5 * s3 * l * m * (1.0 + n2) * ddd;
    e[5 * 9 + 8] = s3 * m * nn * z2 * dds + s3 * m * nn * (l2 + m2 - n2) * ddp - 0.5 * s3 * m * nn * (l2 + m2) * ddd;
    e[6 * 9 + 8] = s3 * l * nn * z2 * dds + s3 * l * nn * (l2 + m2 - n2) * ddp - 0.5 * s3 * l * nn * (l2 + m2) * ddd;
    // d-d, e_g-e_g
    e[7 * 9 + 7] = 0.75 * lm2 * lm2 * dds + (l2 + m2 - lm2 * lm2) * ddp + (n2 + 0.25 * lm2 * lm2) * ddd;
    e[7 * 9 + 8] = 0.5 * s3 * lm2 * z2 * dds + s3 * n2 * (m2 - l2) * ddp + 0.25 * s3 * (1.0 + n2) * lm2 * ddd;
    e[8 * 9 + 8] = z2 * z2 * dds + 3.0 * n2 * (l2 + m2) * ddp + 0.75 * (l2 + m2) * (l2 + m2) * ddd;
    // Lower triangle by parity: E_ba = (-1)^(l_a + l_b) E_ab.
    for (var a = 0u; a < 9u; a++) {
        for (var b = 0u; b < a; b++) {
            var sign = 1.0;
            if (((orbital_l(a) + orbital_l(b)) % 2u) == 1u) { sign = -1.0; }
            e[a * 9u + b] = sign * e[b * 9u + a];
        }
    }
    return e;
}
