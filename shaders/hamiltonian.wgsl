// Dense tight-binding Hamiltonian (eV), one invocation per block
// (row atom i, column atom j). Two-centre Slater–Koster integrals,
// V(d) = V(r0) (r0/d)^n f_cut(d), f_cut the cosine taper between
// cut_inner*r0 and cut_outer*r0. Orbital order s, px, py, pz, dxy, dyz,
// dzx, dx2-y2, dz2.
// CPU twin: src/solve/two_centre.rs; the rotation is slater_koster.wgsl.

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
    let e = sk_block(r / d, v);
    for (var a = 0u; a < ki.n_orb; a++) {
        for (var b = 0u; b < kj.n_orb; b++) {
            h[(oi + a) * n + oj + b] = e[a * 9u + b];
        }
    }
}
