// Dense tight-binding Hamiltonian (eV), one invocation per block
// (row atom i, column atom j). Two-centre Slater–Koster integrals,
// V(d) = V(r0) (r0/d)^n f_cut(d), f_cut the cosine taper between
// cut_inner*r0 and cut_outer*r0. Orbital order s, px, py, pz, dxy, dyz,
// dzx, dx2-y2, dz2.
// CPU twin: src/model/tight_binding/hamiltonian.rs (+ slater_koster.rs).

struct Params {
    n_atoms: u32,
    n_orbitals: u32,
    atom_begin: u32,   // first row atom of this chunk
    atom_end: u32,     // one past the last row atom
    row_offset: u32,   // first orbital row held by `h`
    n_kinds: u32,
    cut_inner: f32,
    cut_outer: f32,
    exponents: array<vec4<f32>, 3>,  // n of the ten bond integrals
}

struct Atom { pos: vec3<f32>, kind: u32 }
struct Kind { onsite: vec4<f32>, n_orb: u32, pad0: u32, pad1: u32, pad2: u32 }
struct Pair { r0: f32, pad0: f32, pad1: f32, pad2: f32, v: array<vec4<f32>, 3> }

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> atoms: array<Atom>;
@group(0) @binding(2) var<storage, read> offsets: array<u32>;
@group(0) @binding(3) var<storage, read> kinds: array<Kind>;
@group(0) @binding(4) var<storage, read> pairs: array<Pair>;
@group(0) @binding(5) var<storage, read_write> h: array<f32>;

const PI: f32 = 3.14159265358979;

fn orbital_l(k: u32) -> u32 {
    if (k == 0u) { return 0u; }
    if (k < 4u) { return 1u; }
    return 2u;
}

fn smooth_cutoff(d: f32, inner: f32, outer: f32) -> f32 {
    if (d <= inner) { return 1.0; }
    if (d >= outer) { return 0.0; }
    return 0.5 * (1.0 + cos(PI * (d - inner) / (outer - inner)));
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = params.atom_begin + gid.y;
    let j = gid.x;
    if (i >= params.atom_end || j >= params.n_atoms) { return; }
    let ai = atoms[i];
    let aj = atoms[j];
    let ki = kinds[ai.kind];
    let kj = kinds[aj.kind];
    let oi = offsets[i] - params.row_offset;
    let oj = offsets[j];
    let n = params.n_orbitals;
    if (i == j) {
        for (var a = 0u; a < ki.n_orb; a++) {
            h[(oi + a) * n + oj + a] = ki.onsite[orbital_l(a)];
        }
        return;
    }
    let pair = pairs[ai.kind * params.n_kinds + aj.kind];
    let r = aj.pos - ai.pos;
    let d = length(r);
    if (pair.r0 <= 0.0 || d >= params.cut_outer * pair.r0) { return; }
    let fc = smooth_cutoff(d, params.cut_inner * pair.r0, params.cut_outer * pair.r0);
    var v: array<f32, 10>;
    for (var k = 0u; k < 10u; k++) {
        v[k] = pair.v[k / 4u][k % 4u] * pow(pair.r0 / d, params.exponents[k / 4u][k % 4u]) * fc;
    }
    let c = r / d;
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
    for (var a = 0u; a < ki.n_orb; a++) {
        for (var b = 0u; b < kj.n_orb; b++) {
            h[(oi + a) * n + oj + b] = e[a * 9u + b];
        }
    }
}
