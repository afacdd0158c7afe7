// DFTB Hamiltonian (hartree) and overlap, one invocation per block (row
// atom i, column atom j): the Slater–Koster tables of the element pair
// interpolated at the distance (eight-point Neville polynomial on the
// equidistant grid, the fifth-order tail beyond the last row, as DFTB+),
// then rotated with sk_block (slater_koster.wgsl, prepended by the host).
// For l_a ≤ l_b the block takes the A-B table, else the B-A one.
// CPU twin: src/solve/sk_tables.rs.

struct Params {
    n_atoms: u32,
    n_orbitals: u32,
    atom_begin: u32,   // first row atom of this chunk
    atom_end: u32,     // one past the last row atom
    row_offset: u32,   // first orbital row held by `h` and `s`
    n_kinds: u32,
    pad0: u32,
    pad1: u32,
}

struct Atom { pos: vec3<f32>, kind: u32 }          // position in bohr
struct Kind { onsite: vec4<f32>, n_orb: u32, pad0: u32, pad1: u32, pad2: u32 }
// A table: rows × 20 values from `start` in `values`; `cutoff` = rows·h + 1.
struct Table { spacing: f32, cutoff: f32, start: u32, rows: u32 }

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> atoms: array<Atom>;
@group(0) @binding(2) var<storage, read> offsets: array<u32>;
@group(0) @binding(3) var<storage, read> kinds: array<Kind>;
@group(0) @binding(4) var<storage, read> tables: array<Table>;
@group(0) @binding(5) var<storage, read> values: array<f32>;
// Value, slope and curvature at the last row: 60 numbers per table.
@group(0) @binding(6) var<storage, read> tails: array<f32>;
@group(0) @binding(7) var<storage, read_write> h: array<f32>;
@group(0) @binding(8) var<storage, read_write> s: array<f32>;

const TAIL: f32 = 1.0;

// The 20 integrals of table `t` at `r` bohr.
fn integrals(t: u32, r: f32) -> array<f32, 20> {
    let tab = tables[t];
    var y: array<f32, 20>;
    if (r >= tab.cutoff) { return y; }
    let step = tab.spacing;
    let index = u32(floor(r / step));
    if (index < tab.rows) {
        let last = max(min(index + 4u, tab.rows), 8u);
        let first = last - 8u;
        for (var k = 0u; k < 20u; k++) {
            var c: array<f32, 9>;
            var d: array<f32, 9>;
            for (var i = 1u; i <= 8u; i++) {
                c[i] = values[tab.start + (first + i - 1u) * 20u + k];
                d[i] = c[i];
            }
            let x1 = f32(first + 1u) * step;
            var near = u32(clamp(ceil((r - x1) / step), 1.0, 8.0));
            var value = c[near];
            near = near - 1u;
            for (var m = 1u; m < 8u; m++) {
                let inverse = 1.0 / (f32(m) * step);
                for (var i = 1u; i <= 8u - m; i++) {
                    let w = (d[i] - c[i + 1u]) * inverse;
                    c[i] = (f32(first + i) * step - r) * w;
                    d[i] = (f32(first + i + m) * step - r) * w;
                }
                if (2u * near < 8u - m) {
                    value += c[near + 1u];
                } else {
                    value += d[near];
                    near = near - 1u;
                }
            }
            y[k] = value;
        }
        return y;
    }
    // The tail: 10 x³ … polynomial to zero at the cutoff.
    let x = (r - tab.cutoff) / -TAIL;
    for (var k = 0u; k < 20u; k++) {
        let base = t * 60u + k * 3u;
        let y1 = tails[base];
        let d1 = tails[base + 1u] * -TAIL;
        let d2 = tails[base + 2u] * TAIL * TAIL;
        let a = 10.0 * y1 - 4.0 * d1 + 0.5 * d2;
        let b = -15.0 * y1 + 7.0 * d1 - d2;
        let cc = 6.0 * y1 - 3.0 * d1 + 0.5 * d2;
        y[k] = ((cc * x + b) * x + a) * x * x * x;
    }
    return y;
}

// Integrals in bond order (ssσ spσ ppσ ppπ sdσ pdσ pdπ ddσ ddπ ddδ) from a
// Slater–Koster row (ddσ ddπ ddδ pdσ pdπ ppσ ppπ sdσ spσ ssσ), H or S.
fn bond_order(y: array<f32, 20>, offset: u32) -> array<f32, 10> {
    var v: array<f32, 10>;
    v[0] = y[offset + 9u];
    v[1] = y[offset + 8u];
    v[2] = y[offset + 5u];
    v[3] = y[offset + 6u];
    v[4] = y[offset + 7u];
    v[5] = y[offset + 3u];
    v[6] = y[offset + 4u];
    v[7] = y[offset + 0u];
    v[8] = y[offset + 1u];
    v[9] = y[offset + 2u];
    return v;
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
            s[(oi + a) * n + oj + a] = 1.0;
        }
        return;
    }
    let r = aj.pos - ai.pos;
    let d = length(r);
    let t_ab = ai.kind * params.n_kinds + aj.kind;
    let t_ba = aj.kind * params.n_kinds + ai.kind;
    if (d >= tables[t_ab].cutoff && d >= tables[t_ba].cutoff) { return; }
    let ab = integrals(t_ab, d);
    let ba = integrals(t_ba, d);
    let c = r / d;
    let h1 = sk_block(c, bond_order(ab, 0u));
    let h2 = sk_block(c, bond_order(ba, 0u));
    let s1 = sk_block(c, bond_order(ab, 10u));
    let s2 = sk_block(c, bond_order(ba, 10u));
    for (var a = 0u; a < ki.n_orb; a++) {
        for (var b = 0u; b < kj.n_orb; b++) {
            let e = a * 9u + b;
            if (orbital_l(a) <= orbital_l(b)) {
                h[(oi + a) * n + oj + b] = h1[e];
                s[(oi + a) * n + oj + b] = s1[e];
            } else {
                h[(oi + a) * n + oj + b] = h2[e];
                s[(oi + a) * n + oj + b] = s2[e];
            }
        }
    }
}
